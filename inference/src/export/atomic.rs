//! Crash-safe file output: every export is written to a temporary file in the
//! destination folder, flushed to disk (`fsync`), then renamed over the final
//! name, so a reader sees either the old file, the complete new one, or none —
//! never a partial file. [`StagingDir`] does the same for a set of files (all of
//! a clip's outputs appear together or not at all).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::ExportError;

/// Distinguishes temporary names made by one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A name for a temporary sibling of `path` that no other writer uses:
/// `.<file name>.<pid>-<n>.tmp` in the same folder (same file system, so the
/// final rename is atomic).
fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "circletake".to_string());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Flushes a folder's entry table so a rename inside it survives a power cut.
/// Best effort: not every platform/file system can open a folder for this.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The folder `path` lives in (`.` for a bare file name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `path` atomically with whatever `fill` writes into the (buffered)
/// temporary file. On any failure the temporary file is removed and the error
/// names `path`; an existing file at `path` is left untouched.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let io_err = |source: std::io::Error| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = parent_of(path);
    if !dir.is_dir() {
        return Err(io_err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("folder {} does not exist", dir.display()),
        )));
    }
    let tmp = temp_sibling(path);
    let result = (|| {
        let file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        let mut buffered = std::io::BufWriter::new(file);
        fill(&mut buffered)?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    match result {
        Ok(()) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(io_err(e))
        }
    }
}

/// Writes `bytes` to `path` atomically (see [`write_atomic_with`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// A hidden temporary folder inside an output folder, into which a set of files
/// is written; [`StagingDir::commit`] moves them all into the output folder.
/// Dropping it without committing removes it and everything in it, so a failed
/// clip leaves nothing behind.
#[derive(Debug)]
pub struct StagingDir {
    /// The hidden folder.
    dir: PathBuf,
    /// Where committed files go.
    dest: PathBuf,
    /// Set once committed (nothing left to clean up).
    done: bool,
}

impl StagingDir {
    /// Creates `<dest>/.<label>.<pid>-<n>.staging/`. `dest` must exist.
    pub fn new(dest: &Path, label: &str) -> Result<Self, ExportError> {
        let dir = temp_sibling(&dest.join(format!("{label}.staging")));
        fs::create_dir(&dir).map_err(|source| ExportError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(Self {
            dir,
            dest: dest.to_path_buf(),
            done: false,
        })
    }

    /// The hidden folder to write into.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Moves every file of the staging folder into the output folder (replacing
    /// files of the same name), in name order, then removes the staging folder.
    /// Returns the final paths. If a move fails, the files already moved are
    /// removed again, so the set appears completely or not at all.
    pub fn commit(mut self) -> Result<Vec<PathBuf>, ExportError> {
        let io = |path: &Path, source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut names: Vec<_> = fs::read_dir(&self.dir)
            .map_err(|e| io(&self.dir, e))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .map_err(|e| io(&self.dir, e))?;
        names.sort();
        for name in &names {
            File::open(self.dir.join(name))
                .and_then(|f| f.sync_all())
                .map_err(|e| io(&self.dir.join(name), e))?;
        }
        let mut moved = Vec::new();
        for name in &names {
            let to = self.dest.join(name);
            if let Err(e) = fs::rename(self.dir.join(name), &to) {
                for m in &moved {
                    let _ = fs::remove_file(m);
                }
                return Err(io(&to, e));
            }
            moved.push(to);
        }
        sync_dir(&self.dest);
        let _ = fs::remove_dir_all(&self.dir);
        self.done = true;
        Ok(moved)
    }
}

impl Drop for StagingDir {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("circletake-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let d = scratch("replace");
        let p = d.join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(entries(&d), vec!["a.txt"]);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn failing_writer_leaves_old_file_and_no_temp() {
        let d = scratch("fail");
        let p = d.join("a.txt");
        write_atomic(&p, b"old").unwrap();
        let err = write_atomic_with(&p, |w| {
            w.write_all(b"partial")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("a.txt"), "{err}");
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert_eq!(entries(&d), vec!["a.txt"]);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let d = scratch("missing");
        let p = d.join("nope").join("a.txt");
        let err = write_atomic(&p, b"x").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("nope") && msg.contains("does not exist"),
            "{msg}"
        );
        assert!(entries(&d).is_empty());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn staging_commits_all_or_cleans_up() {
        let d = scratch("staging");
        {
            let s = StagingDir::new(&d, "clip").unwrap();
            fs::write(s.path().join("clip.json"), b"{}").unwrap();
            // Dropped without commit: nothing stays.
        }
        assert!(entries(&d).is_empty());
        let s = StagingDir::new(&d, "clip").unwrap();
        fs::write(s.path().join("clip.json"), b"{}").unwrap();
        fs::write(s.path().join("clip.csv"), b"frame\n").unwrap();
        let moved = s.commit().unwrap();
        assert_eq!(moved.len(), 2);
        assert_eq!(entries(&d), vec!["clip.csv", "clip.json"]);
        fs::remove_dir_all(&d).unwrap();
    }
}
