//! `cargo xtask fuzz [--seconds N] [--models] [--repro FILE]`: the cargo-fuzz
//! target of the C ABI (`fuzz/fuzz_targets/capi_frames.rs`) for a bounded time.
//!
//! Only stable Rust is needed: cargo-fuzz's nightly flags (`-Zsanitizer`) are
//! accepted with `RUSTC_BOOTSTRAP=1`. cargo-fuzz itself is installed into
//! `target/tools/` on first use. The build is AddressSanitizer-instrumented
//! (libtorch, loaded as an uninstrumented shared library, is fine with that);
//! the corpus lives in `target/fuzz-corpus/capi_frames/` (seeded with valid
//! programs, kept between runs, not in git) and crash reproducers in
//! `target/fuzz-artifacts/capi_frames/`.
//!
//! `--seconds` bounds the fuzzing proper: libFuzzer first replays the whole
//! corpus, unbounded (about a minute per 400 entries on a busy 2-core
//! machine; several times that with `--models`). `--models` sets
//! `CIRCLETAKE_FUZZ_MODELS=1`, so inputs that ask for it run with the real
//! models of `CIRCLETAKE_MODELS` (TransNetV2, faces, blinks).

use crate::{cargo, paths, python::Env, util, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "capi_frames";

/// Parsed command line.
struct Args {
    seconds: u64,
    models: bool,
    repro: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Args> {
    let mut parsed = Args {
        seconds: 60,
        models: false,
        repro: None,
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
            other => return Err(format!("fuzz: unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// Runs the fuzz target (or one reproducer); fails on a crash, naming its file.
pub fn run(args: &[String]) -> Result<()> {
    let args = parse(args)?;
    let env = Env::ensure()?;
    let cargo_fuzz = ensure_cargo_fuzz(&env)?;
    let target = paths::target_dir();
    let corpus = target.join("fuzz-corpus").join(TARGET);
    let artifacts = target.join("fuzz-artifacts").join(TARGET);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write_seeds(&corpus)?;
    // `cargo-fuzz fuzz run` is what `cargo fuzz run` executes; it finds
    // `fuzz/` from the repository root.
    let mut cmd = Command::new(&cargo_fuzz);
    cmd.current_dir(paths::repo_root())
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", "--target-dir"])
        .arg(target.join("fuzz"))
        // One codegen unit per crate makes building tch take far longer.
        .args(["--codegen-units", "16", TARGET]);
    for (name, value) in cargo::vars(&env)? {
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
            e
        } else {
            format!(
                "{e}\nreproducer: {}\nrerun it with: cargo xtask fuzz --repro {}",
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
/// runs found. The byte layout is the one documented in
/// `fuzz/src/program.rs`.
fn write_seeds(dir: &Path) -> Result<()> {
    for (name, bytes) in seeds() {
        let path = dir.join(format!("seed-{name}"));
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Header: engine byte, fps 25/1.
fn header(engine: u8) -> Vec<u8> {
    let mut p = vec![engine];
    p.extend(25u32.to_le_bytes());
    p.extend(1u32.to_le_bytes());
    p
}

/// Operation 0: push a `w`x`h` frame of `format` (gradient `fill` seed),
/// `layout` bits (padding, misalignment, bottom-up), the next frame number.
fn push(format: u8, w: u8, h: u8, layout: u8, fill: u8) -> [u8; 7] {
    [0, format, w - 1, layout, h - 1, 1 | (fill << 2), 0]
}

/// Finish (JSON buffer of 32 bytes: too small), accessors with index 1 and a
/// JSON buffer that fits, `ct_last_error` into 3 bytes, describe into 16.
const TAIL: [u8; 11] = [2, 0x50, 3, 1, 0, 0, 0x40, 4, 3, 5, 16];

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for format in 0..12u8 {
        let mut p = header(0);
        for n in 0..6u8 {
            let layout = if format % 2 == 1 { 0x80 | n } else { n << 4 };
            // A different picture from the fourth frame: a cut candidate.
            p.extend(push(format, 16 + n, 12, layout, if n < 3 { 1 } else { 40 }));
        }
        p.extend(TAIL);
        out.push((format!("format-{format:02}"), p));
    }
    // Every kind of invalid push between two valid frames.
    let mut p = header(0);
    p.extend(push(0, 8, 8, 0, 3));
    for kind in 0..7u8 {
        p.extend([1, kind, 5, 7, 0x93]);
        p.extend([4, 8]);
    }
    p.extend(push(0, 8, 8, 0, 9));
    p.extend(TAIL);
    out.push(("invalid-pushes".into(), p));
    // Frame numbers: a gap, a repeat (rejected), a raw far-away number.
    let mut p = header(0);
    p.extend(push(2, 8, 8, 0, 1));
    p.extend([0, 2, 7, 0, 7, 5, 1 | (3 << 2)]);
    p.extend([0, 2, 7, 0, 7, 9, 2]);
    p.extend([0, 2, 7, 0, 7, 13, 3]);
    p.extend(1_000_000_000_000i64.to_le_bytes());
    p.extend(TAIL);
    out.push(("frame-numbers".into(), p));
    // An engine of the program's own, released before the analysis; a bad device.
    for (name, engine) in [("own-engine", 0x12), ("bad-device", 0x23)] {
        let mut p = header(engine);
        p.extend(push(9, 8, 8, 0x05, 2));
        p.extend(push(9, 8, 8, 0x05, 4));
        p.extend(TAIL);
        out.push((name.into(), p));
    }
    // Push after finish, after free; status texts.
    let mut p = header(0);
    p.extend(push(1, 8, 8, 0, 1));
    p.extend([2, 1]);
    p.extend(push(1, 8, 8, 0, 1));
    p.extend([7]);
    p.extend(push(1, 8, 8, 0, 1));
    p.extend([6, 11, 0, 0, 0, 6, 12, 0, 0, 0]);
    out.push(("after-finish".into(), p));
    out
}
