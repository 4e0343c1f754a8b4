//! `circletake`: analyse video files from the command line (see `--help`).
//! Thin: parses arguments and maps the outcome to the documented exit codes.

mod analyze;
mod args;
mod assemble;
mod assemble_table;
mod check_edit;
mod edit_frames;
mod media_clip;
mod progress;
mod rank;
mod setup;
mod summary;
mod text_table;
mod thumbs;

use clap::Parser;

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Ok = 0,
    /// At least one clip failed.
    ClipFailed = 1,
    /// Bad input found after parsing (e.g. a malformed override file).
    Usage = 2,
    /// No usable device or models.
    NoDevice = 3,
    /// The output folder could not be created.
    NoOutput = 4,
    /// `check-edit --strict`: the edit was checked and is not clean.
    NotClean = 5,
}

fn main() {
    let cli = args::Cli::parse();
    let outcome = match cli.command {
        args::Command::Analyze(a) => analyze::run(&a),
        args::Command::Rank(r) => rank::run(&r),
        args::Command::Assemble(a) => assemble::run(&a),
        args::Command::CheckEdit(c) => check_edit::run(&c),
    };
    std::process::exit(outcome as i32);
}
