//! `cargo xtask <command>`: everything a clone needs, from a fresh Debian machine
//! with only Rust and Python 3 to a tested plugin bundle.
//!
//! | command  | what it does |
//! | -------- | ------------ |
//! | `setup`  | Python environment with libtorch (PyPI `torch`), tools, sample clips |
//! | `env`    | prints `export` lines so plain `cargo` builds link the same libtorch |
//! | `models` | exports the TorchScript models into `target/models/` |
//! | `bundle` | builds `target/bundle/CircleTake.ofx.bundle` (`--lean`: CPU libraries only) |
//! | `demo`   | set-up, build, bundle, and analyse the sample clips (or media after `--`) |
//! | `test`   | set-up and every test, clippy, rustfmt and the header drift check |
//! | `header` | regenerates `include/circletake.h` with cbindgen |
//! | `bench`  | benchmarks, written to `BENCHMARKS.md` |
//! | `fuzz`   | the C ABI fuzz targets for a bounded time each (`--target NAME`, `--seconds N`, default 60) |

mod bench;
mod bundle;
mod cargo;
mod demo;
mod elf;
mod fuzz;
mod header;
mod models;
mod paths;
mod python;
mod samples;
mod test;
mod util;

use std::process::ExitCode;

/// An xtask failure: a message for the person at the terminal.
pub type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((cmd, rest)) => (cmd.as_str(), rest),
        None => ("help", &[][..]),
    };
    let outcome = match cmd {
        "setup" => python::Env::ensure().and_then(|env| {
            samples::ensure(&env)?;
            env.print_summary();
            Ok(())
        }),
        "env" => python::Env::ensure().map(|env| print!("{}", cargo::shell_exports(&env))),
        "models" => python::Env::ensure().and_then(|env| models::ensure(&env, true).map(drop)),
        "bundle" => bundle::run(rest),
        "demo" => demo::run(rest),
        "test" => test::run(rest),
        "header" => header::write(),
        "bench" => bench::run(rest),
        "fuzz" => fuzz::run(rest),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

const HELP: &str = "\
usage: cargo xtask <command>

  setup            create/reuse the Python environment (libtorch, tools) and sample clips
  env              print `export` lines for building with plain cargo
  models           build the TorchScript models into target/models/
  bundle [--lean]  build target/bundle/CircleTake.ofx.bundle (--lean: CPU-only libtorch)
  demo [-- MEDIA…] analyse the sample clips (or the given media) and print the results
  test             run every test, clippy, rustfmt and the header drift check
  header           regenerate include/circletake.h (cbindgen)
  bench [--quick]  measure speed, memory and cut accuracy against FFmpeg and the Python peers;
                   writes BENCHMARKS.md (--quick: shorter files)
  fuzz [--target NAME] [--seconds N] [--models] [--repro FILE]
                   fuzz the C ABI for N s (default 60) per target (capi_frames, capi_edit_check;
                   default both in turn); non-zero exit and the reproducer on a crash

environment:
  CIRCLETAKE_CACHE  cache folder (default ${XDG_CACHE_HOME:-~/.cache}/circletake)
  CIRCLETAKE_VENV   Python environment to use instead of the cached one";
