//! Fuzzing CircleTake's C ABI (`include/circletake.h`) with cargo-fuzz: each
//! input is a small program of engine, analysis, push, finish and report
//! calls ([`program`]) whose statuses are checked against the documented
//! contract. Run it with `cargo xtask fuzz [--seconds N]`.

// The C ABI's definitions live in the `circletake` rlib.
use circletake as _;

pub mod abi;
pub mod check;
pub mod engines;
pub mod frames;
pub mod input;
pub mod invalid;
pub mod program;
pub mod report;

pub use program::run;
