//! The project's Python environment: PyPI's `torch` wheel (our libtorch) plus
//! the tools and model packages, in one virtual environment per set of pins,
//! shared by every clone on the machine.
//!
//! The folder is `<cache>/venv-<first 16 hex of SHA-256(pins/torch.txt)>`, so
//! the 4.5 GB torch install happens once per machine and torch version. The
//! lighter pin files (tools, models) are installed into it on top, each
//! remembered by a stamp file named after its own hash, so changing them never
//! reinstalls torch. `CIRCLETAKE_VENV` overrides the folder.

use crate::{paths, util, Result};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One pin file under `xtask/pins/` and how pip should install it.
struct PinFile {
    name: &'static str,
    no_deps: bool,
}

/// The pin files installed into the environment, in order.
const PIN_FILES: &[PinFile] = &[
    PinFile {
        name: "torch.txt",
        no_deps: false,
    },
    PinFile {
        name: "tools.txt",
        no_deps: false,
    },
    PinFile {
        name: "models.txt",
        no_deps: false,
    },
    PinFile {
        name: "models-nodeps.txt",
        no_deps: true,
    },
];

/// A ready Python environment.
#[derive(Debug, Clone)]
pub struct Env {
    /// The virtual environment folder.
    pub venv: PathBuf,
    /// Its Python interpreter.
    pub python: PathBuf,
    /// The `torch` package folder: libtorch's `include/` and `lib/`.
    pub libtorch: PathBuf,
}

impl Env {
    /// Creates or reuses the environment; installs whatever pin file changed.
    pub fn ensure() -> Result<Env> {
        let started = Instant::now();
        let pins_dir = paths::repo_root().join("xtask").join("pins");
        let venv = match std::env::var_os("CIRCLETAKE_VENV") {
            Some(dir) => PathBuf::from(dir),
            None => {
                paths::cache_dir().join(format!("venv-{}", file_hash(&pins_dir.join("torch.txt"))?))
            }
        };
        fs::create_dir_all(venv.parent().unwrap_or(Path::new(".")))
            .map_err(|e| format!("cannot create {}: {e}", venv.display()))?;
        // Several clones (or CI and a developer) may set up at once: one installs.
        let lock_path = venv.with_extension("lock");
        let lock = File::create(&lock_path)
            .map_err(|e| format!("cannot create {}: {e}", lock_path.display()))?;
        lock.lock()
            .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;

        let python = venv.join("bin").join("python");
        if !python.exists() {
            eprintln!(
                "setting up the Python environment in {} (first run: downloads ~4.5 GB)",
                venv.display()
            );
            util::run(
                Command::new(system_python()?)
                    .args(["-m", "venv"])
                    .arg(&venv),
            )?;
        }
        let mut installed_any = false;
        for pin in PIN_FILES {
            let file = pins_dir.join(pin.name);
            if !file.exists() {
                continue;
            }
            let stamp = venv.join(format!(".circletake-{}-{}", pin.name, file_hash(&file)?));
            if stamp.exists() {
                continue;
            }
            let mut pip = Command::new(&python);
            pip.args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ]);
            if pin.no_deps {
                pip.arg("--no-deps");
            }
            util::run(pip.arg("-r").arg(&file))?;
            fs::write(&stamp, b"").map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
            installed_any = true;
        }
        let libtorch = torch_dir(&venv)?;
        if installed_any {
            eprintln!(
                "Python environment ready in {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
        Ok(Env {
            venv,
            python,
            libtorch,
        })
    }

    /// The `site-packages` folder of the environment.
    pub fn site_packages(&self) -> Result<PathBuf> {
        site_packages(&self.venv)
    }

    /// Prints where everything is, for `cargo xtask setup`.
    pub fn print_summary(&self) {
        println!("python environment: {}", self.venv.display());
        println!("libtorch:           {}", self.libtorch.display());
    }
}

fn site_packages(venv: &Path) -> Result<PathBuf> {
    let lib = venv.join("lib");
    let entries = fs::read_dir(&lib).map_err(|e| format!("cannot read {}: {e}", lib.display()))?;
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("site-packages"))
        .find(|p| p.is_dir())
        .ok_or_else(|| format!("no site-packages under {}", lib.display()))
}

fn torch_dir(venv: &Path) -> Result<PathBuf> {
    let torch = site_packages(venv)?.join("torch");
    if torch.join("lib").join("libtorch_cpu.so").exists() {
        Ok(torch)
    } else {
        Err(format!(
            "{} has no libtorch (lib/libtorch_cpu.so); delete {} and run `cargo xtask setup` again",
            torch.display(),
            venv.display()
        ))
    }
}

/// The interpreter that creates the environment: `$PYTHON`, else `python3`.
fn system_python() -> Result<PathBuf> {
    Ok(std::env::var_os("PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3")))
}

/// First 16 hex digits of the SHA-256 of a file.
pub fn file_hash(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let digest = Sha256::digest(&bytes);
    Ok(digest.iter().take(8).map(|b| format!("{b:02x}")).collect())
}
