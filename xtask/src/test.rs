//! `cargo xtask test`: set-up, then every check the project has, in the order
//! that fails fastest: rustfmt, the lean bundle (the test OFX host loads it),
//! clippy, all tests (unit, integration, test OFX host, C ABI from C), the
//! header drift check.

use crate::{bundle, cargo, header, models, paths, python::Env, samples, util, Result};
use std::time::Instant;

/// `cargo xtask test [-- <extra cargo test args>]`.
pub fn run(args: &[String]) -> Result<()> {
    let started = Instant::now();
    let env = Env::ensure()?;
    samples::ensure(&env)?;
    models::ensure(&env, false)?;
    match paths::shared_footage() {
        Some(dir) => eprintln!("footage: using {} for the footage tests", dir.display()),
        None => eprintln!(
            "footage: ../shared/footage not present: tests that need it are SKIPPED (they say so)"
        ),
    }

    util::run(cargo::command(&env)?.args(["fmt", "--all", "--check"]))?;
    header::check(&env)?;
    let bundle = bundle::build(&env, bundle::Flavour::Lean)?;
    util::run(cargo::command(&env)?.args([
        "clippy",
        "--release",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    let extra: Vec<&str> = args
        .iter()
        .skip_while(|a| *a != "--")
        .skip(1)
        .map(String::as_str)
        .collect();
    util::run(
        cargo::command(&env)?
            .env("CIRCLETAKE_BUNDLE", &bundle)
            .args(["test", "--release", "--workspace", "--no-fail-fast"])
            .args(if extra.is_empty() {
                vec![]
            } else {
                [&["--"][..], &extra].concat()
            }),
    )?;
    eprintln!(
        "all checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
