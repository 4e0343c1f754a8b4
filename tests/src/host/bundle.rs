//! Finding the plugin bundle: `$CIRCLETAKE_BUNDLE`, else a development bundle
//! made from the `libcircletake.so` cargo built next to the test executable.
//! Also the per-host private copy of the binary (see [`private_copy`]).

use super::error::HostError;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The OFX architecture folder of this platform.
pub const ARCH: &str = "Linux-x86-64";

/// The workspace root (the folder above `tests/`).
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

/// `<workspace>/../shared/footage`, when present.
pub fn shared_footage() -> Option<PathBuf> {
    let dir = workspace_root().join("..").join("shared").join("footage");
    dir.is_dir().then_some(dir)
}

/// Where the host writes its scratch folders.
fn scratch_root() -> PathBuf {
    std::env::temp_dir().join("circletake-ofx-test-host")
}

/// The bundle to test: `$CIRCLETAKE_BUNDLE` if set, else a development bundle
/// (built once per process). Prints which one is used.
pub fn default_bundle() -> Result<PathBuf, HostError> {
    if let Some(b) = std::env::var_os("CIRCLETAKE_BUNDLE").filter(|b| !b.is_empty()) {
        let b = PathBuf::from(b);
        static SAID: OnceLock<()> = OnceLock::new();
        SAID.get_or_init(|| {
            eprintln!(
                "[test host] using the bundle from CIRCLETAKE_BUNDLE: {}",
                b.display()
            )
        });
        return Ok(b);
    }
    dev_bundle()
}

/// A development bundle made from cargo's build of the plugin cdylib (built
/// once per process), whatever `$CIRCLETAKE_BUNDLE` says. Its plugin links
/// the same libtorch as test binaries that link the analysis core, so those
/// can load it: one process cannot hold a second libtorch next to one that
/// the executable itself links (see [`load_linked`](super::Host::load_linked)).
pub fn dev_bundle() -> Result<PathBuf, HostError> {
    static DEV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    DEV.get_or_init(|| {
        let r = make_dev_bundle().map_err(|e| e.to_string());
        if let Ok(b) = &r {
            eprintln!(
                "[test host] using a development bundle made from cargo's build: {}",
                b.display()
            );
        }
        r
    })
    .clone()
    .map_err(|why| HostError::Bundle {
        path: scratch_root(),
        why,
    })
}

/// The plugin cdylib cargo built for this test executable's profile.
pub fn built_cdylib() -> Result<PathBuf, HostError> {
    let exe = std::env::current_exe().map_err(HostError::io("current_exe"))?;
    let mut tried = Vec::new();
    for dir in exe.ancestors().skip(1).take(3) {
        let so = dir.join("libcircletake.so");
        if so.is_file() {
            return Ok(so);
        }
        tried.push(so.display().to_string());
    }
    Err(HostError::Bundle {
        path: exe,
        why: format!(
            "no libcircletake.so next to the test executable (tried {})",
            tried.join(", ")
        ),
    })
}

/// Builds `<scratch>/dev-<pid>/CircleTake.ofx.bundle` from the built cdylib,
/// `plugin/resources/*.{png,svg}` and the models folder (linked), as `cargo xtask
/// bundle` lays it out.
fn make_dev_bundle() -> Result<PathBuf, HostError> {
    clean_stale_scratch();
    let so = built_cdylib()?;
    let bundle = scratch_root()
        .join(format!("dev-{}", std::process::id()))
        .join("CircleTake.ofx.bundle");
    let bin_dir = bundle.join("Contents").join(ARCH);
    let res_dir = bundle.join("Contents").join("Resources");
    fs::create_dir_all(&bin_dir).map_err(HostError::io(format!("create {}", bin_dir.display())))?;
    fs::create_dir_all(&res_dir).map_err(HostError::io(format!("create {}", res_dir.display())))?;
    fs::copy(&so, bin_dir.join("CircleTake.ofx"))
        .map_err(HostError::io(format!("copy {}", so.display())))?;
    if let Ok(entries) = fs::read_dir(workspace_root().join("plugin").join("resources")) {
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "png" || x == "svg") {
                fs::copy(&p, res_dir.join(e.file_name()))
                    .map_err(HostError::io(format!("copy {}", p.display())))?;
            }
        }
    }
    let models = std::env::var_os("CIRCLETAKE_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target").join("models"));
    if models.is_dir() {
        let _ = std::os::unix::fs::symlink(&models, res_dir.join("models"));
    }
    Ok(bundle)
}

/// Removes scratch folders of processes that no longer run.
fn clean_stale_scratch() {
    let Ok(entries) = fs::read_dir(scratch_root()) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name.split('-').nth(1).and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid {
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
}

/// The binary inside a bundle: `Contents/Linux-x86-64/<NAME>.ofx` for a bundle
/// folder named `<NAME>.ofx.bundle`.
pub fn bundle_binary(bundle: &Path) -> Result<PathBuf, HostError> {
    let err = |why: String| HostError::Bundle {
        path: bundle.to_path_buf(),
        why,
    };
    let folder = bundle
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(name) = folder.strip_suffix(".ofx.bundle") else {
        return Err(err("the folder name does not end in .ofx.bundle".into()));
    };
    if folder.starts_with('@') {
        return Err(err("hosts skip bundles whose name starts with '@'".into()));
    }
    let bin = bundle
        .join("Contents")
        .join(ARCH)
        .join(format!("{name}.ofx"));
    if !bin.is_file() {
        return Err(err(format!("no binary at {}", bin.display())));
    }
    Ok(bin)
}

/// A private copy of the bundle for one host: the binary is copied (a new inode,
/// so `dlopen` loads it afresh with its own statics, as in a separate host
/// process), everything else is linked to the original.
pub fn private_copy(bundle: &Path) -> Result<(PathBuf, PathBuf), HostError> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let bin = bundle_binary(bundle)?;
    let folder = bundle.file_name().unwrap_or_default();
    let dir = scratch_root().join(format!(
        "host-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let copy = dir.join(folder);
    let contents = copy.join("Contents");
    let arch = contents.join(ARCH);
    fs::create_dir_all(&arch).map_err(HostError::io(format!("create {}", arch.display())))?;
    for (from, to) in [
        (bundle.join("Contents"), &contents),
        (bundle.join("Contents").join(ARCH), &arch),
    ] {
        let Ok(entries) = fs::read_dir(&from) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let target = to.join(e.file_name());
            if target.exists() || e.file_name() == ARCH || e.path() == bin {
                continue;
            }
            std::os::unix::fs::symlink(e.path(), &target)
                .map_err(HostError::io(format!("link {}", target.display())))?;
        }
    }
    let bin_copy = arch.join(bin.file_name().unwrap_or_default());
    fs::copy(&bin, &bin_copy).map_err(HostError::io(format!("copy {}", bin.display())))?;
    Ok((dir, bin_copy))
}
