//! `cargo xtask fuzz [--target NAME] [--seconds N] [--models] [--repro FILE]`:
//! the cargo-fuzz targets of the C ABI for a bounded time each, one after the
//! other (or only `--target NAME`): `capi_frames` (analysis, frame pushes,
//! shot report: `fuzz/fuzz_targets/capi_frames.rs`) and `capi_edit_check`
//! (Cut Check's edit check and edit report).
//!
//! Only stable Rust is needed: cargo-fuzz's nightly flags (`-Zsanitizer`) are
//! accepted with `RUSTC_BOOTSTRAP=1`. cargo-fuzz itself is installed into
//! `target/tools/` on first use. The build is AddressSanitizer-instrumented
//! (libtorch, loaded as an uninstrumented shared library, is fine with that);
//! each target's corpus lives in `target/fuzz-corpus/<target>/` (seeded with
//! valid programs, kept between runs, not in git) and crash reproducers in
//! `target/fuzz-artifacts/<target>/`; `--repro FILE` runs one reproducer
//! with the target named by `--target` or by the folder FILE is in.
//!
//! `--seconds` bounds the fuzzing proper of each target: libFuzzer first
//! replays the whole corpus, unbounded (about a minute per 400 entries on a busy 2-core
//! machine; several times that with `--models`). `--models` sets
//! `CIRCLETAKE_FUZZ_MODELS=1`, so inputs that ask for it run with the real
//! models of `CIRCLETAKE_MODELS` (TransNetV2, faces, blinks).

use crate::{cargo, paths, python::Env, util, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

mod seeds_edit;
mod seeds_frames;

/// Named seed programs of one target.
type Seeds = Vec<(String, Vec<u8>)>;

/// A fuzz target (a `[[bin]]` of `fuzz/Cargo.toml`) and its seed programs.
struct Target {
    name: &'static str,
    seeds: fn() -> Seeds,
}

/// Every fuzz target, in the order `cargo xtask fuzz` runs them.
const TARGETS: [Target; 2] = [
    Target {
        name: "capi_frames",
        seeds: seeds_frames::seeds,
    },
    Target {
        name: "capi_edit_check",
        seeds: seeds_edit::seeds,
    },
];

/// Parsed command line.
struct Args {
    seconds: u64,
    models: bool,
    repro: Option<PathBuf>,
    target: Option<&'static str>,
}

/// The known target called `name`.
fn target_named(name: &str) -> Option<&'static str> {
    TARGETS.iter().map(|t| t.name).find(|t| *t == name)
}

fn parse(args: &[String]) -> Result<Args> {
    let mut parsed = Args {
        seconds: 60,
        models: false,
        repro: None,
        target: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = it.next().ok_or("--seconds needs a number")?;
                parsed.seconds = value
                    .parse()
                    .map_err(|_| format!("--seconds {value}: not a whole number"))?;
            }
            "--models" => parsed.models = true,
            "--repro" => {
                parsed.repro = Some(PathBuf::from(it.next().ok_or("--repro needs a file")?));
            }
            "--target" => {
                let name = it.next().ok_or("--target needs a name")?;
                parsed.target = Some(target_named(name).ok_or_else(|| {
                    let known: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
                    format!("--target {name}: not a fuzz target ({})", known.join(", "))
                })?);
            }
            other => return Err(format!("fuzz: unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// Runs each fuzz target in turn (or the one named, or one reproducer);
/// fails on the first crash, naming its file.
pub fn run(args: &[String]) -> Result<()> {
    let args = parse(args)?;
    let env = Env::ensure()?;
    let cargo_fuzz = ensure_cargo_fuzz(&env)?;
    if let Some(file) = &args.repro {
        // The artifact folder is named after its target.
        let from_folder = file
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .and_then(target_named);
        let target = args.target.or(from_folder).ok_or_else(|| {
            format!(
                "--repro {}: name its target with --target (not in a target's artifact folder)",
                file.display()
            )
        })?;
        return run_target(&env, &cargo_fuzz, target, &args);
    }
    for target in TARGETS {
        if args.target.is_none_or(|t| t == target.name) {
            run_target(&env, &cargo_fuzz, target.name, &args)?;
        }
    }
    Ok(())
}

/// Runs fuzz target `target` for `args.seconds` after replaying its corpus
/// (or the reproducer `args.repro`).
fn run_target(env: &Env, cargo_fuzz: &Path, target: &str, args: &Args) -> Result<()> {
    println!("xtask fuzz: target {target}");
    let dir = paths::target_dir();
    let corpus = dir.join("fuzz-corpus").join(target);
    let artifacts = dir.join("fuzz-artifacts").join(target);
    for d in [&corpus, &artifacts] {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let seeds = TARGETS
        .iter()
        .find(|t| t.name == target)
        .map(|t| t.seeds)
        .expect("a known target");
    write_seeds(&corpus, seeds())?;
    // `cargo-fuzz fuzz run` is what `cargo fuzz run` executes; it finds
    // `fuzz/` from the repository root.
    let mut cmd = Command::new(cargo_fuzz);
    cmd.current_dir(paths::repo_root())
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", "--target-dir"])
        .arg(dir.join("fuzz"))
        // One codegen unit per crate makes building tch take far longer.
        .args(["--codegen-units", "16", target]);
    for (name, value) in cargo::vars(env)? {
        cmd.env(name, value);
    }
    if args.models {
        cmd.env("CIRCLETAKE_FUZZ_MODELS", "1");
    }
    match &args.repro {
        Some(file) => {
            cmd.arg(file);
        }
        None => {
            cmd.arg(&corpus).arg("--").args([
                format!("-max_total_time={}", args.seconds),
                format!("-artifact_prefix={}/", artifacts.display()),
                "-max_len=2048".into(),
                // A hang (e.g. a loop over a huge frame range) is a bug too.
                "-timeout=30".into(),
                "-rss_limit_mb=6144".into(),
                "-print_final_stats=1".into(),
            ]);
        }
    }
    let before = listing(&artifacts);
    util::run(&mut cmd).map_err(|e| {
        let new: Vec<String> = listing(&artifacts)
            .into_iter()
            .filter(|p| !before.contains(p))
            .map(|p| p.display().to_string())
            .collect();
        if new.is_empty() {
            format!("{target}: {e}")
        } else {
            format!(
                "{target}: {e}\nreproducer: {}\nrerun it with: cargo xtask fuzz --repro {}",
                new.join(", "),
                new[0]
            )
        }
    })
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// `target/tools/bin/cargo-fuzz`, installed from crates.io when missing.
fn ensure_cargo_fuzz(env: &Env) -> Result<PathBuf> {
    let root = paths::target_dir().join("tools");
    let bin = root.join("bin").join("cargo-fuzz");
    if !bin.is_file() {
        util::run(
            cargo::command(env)?
                .args(["install", "--locked", "cargo-fuzz", "--root"])
                .arg(&root),
        )?;
    }
    Ok(bin)
}

/// Writes the seed programs (valid cases) into `dir`, next to what earlier
/// runs found. The byte layouts are documented in `fuzz/src/program.rs` and
/// `fuzz/src/edit_program.rs`.
fn write_seeds(dir: &Path, seeds: Seeds) -> Result<()> {
    for (name, bytes) in seeds {
        let path = dir.join(format!("seed-{name}"));
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
