//! `cargo xtask demo [-- MEDIA…]`: set everything up, build and bundle the
//! plugin, then analyse the sample clips (or the given media) through the
//! plugin (under the test OFX host) and through the `circletake` CLI, and say
//! what was found and where the outputs are.

use crate::{bundle, cargo, models, paths, python::Env, samples, util, Result};
use std::path::PathBuf;

/// `cargo xtask demo [--lean] [-- MEDIA…]`.
pub fn run(args: &[String]) -> Result<()> {
    let env = Env::ensure()?;
    let clips = samples::ensure(&env)?;
    models::ensure(&env, false)?;
    let media: Vec<PathBuf> = match args.iter().position(|a| a == "--") {
        Some(i) if i + 1 < args.len() => args[i + 1..].iter().map(PathBuf::from).collect(),
        _ => clips,
    };
    for m in &media {
        if !m.is_file() {
            return Err(format!("{}: no such file", m.display()));
        }
    }
    let flavour = if args.iter().any(|a| a == "--lean") {
        bundle::Flavour::Lean
    } else {
        bundle::Flavour::Full
    };
    let bundle = bundle::build(&env, flavour)?;
    let out = paths::target_dir().join("demo");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let root = paths::repo_root();
    let mut ran = Vec::new();
    if root.join("tests/src/bin/ofx-demo.rs").exists() {
        // The plugin, loaded from the bundle by the test OFX host like a real host.
        util::run(
            cargo::command(&env)?
                .args([
                    "run",
                    "--release",
                    "--quiet",
                    "-p",
                    "circletake-tests",
                    "--bin",
                    "ofx-demo",
                    "--",
                ])
                .arg(&bundle)
                .arg(&out)
                .args(&media),
        )?;
        ran.push("the OFX plugin (test host)");
    }
    if root.join("inference/src/bin/circletake/main.rs").exists() {
        util::run(
            cargo::command(&env)?
                .args([
                    "run",
                    "--release",
                    "--quiet",
                    "-p",
                    "circletake-inference",
                    "--bin",
                    "circletake",
                    "--",
                ])
                // Fast quality: faces on every 2nd frame at 640 px, so the demo
                // takes minutes on a 2-core CPU; everything else is as in Full.
                .args(["analyze", "--quality", "fast", "--out"])
                .arg(&out)
                .args(&media),
        )?;
        ran.push("the circletake CLI");
    }
    if ran.is_empty() {
        return Err("nothing to run the analysis with yet (no CLI, no OFX demo host)".into());
    }
    println!(
        "\nanalysed {} clip(s) with {}",
        media.len(),
        ran.join(" and ")
    );
    println!(
        "plugin bundle: {} ({})",
        bundle.display(),
        bundle::human_size(bundle::dir_size(&bundle))
    );
    println!("outputs:       {}", out.display());
    Ok(())
}
