//! Fuzzing CircleTake's C ABI (`include/circletake.h`) with cargo-fuzz: each
//! input is a small program whose statuses are checked against the documented
//! contract. Target `capi_frames`: engine, analysis, push, finish and report
//! calls ([`program`]); target `capi_edit_check`: Cut Check's edit check and
//! edit report calls ([`edit_program`]). Both share the engines, the frame
//! generation (valid and invalid pushes) and the status checks. Run them with
//! `cargo xtask fuzz [--target NAME] [--seconds N]`.

// The C ABI's definitions live in the `circletake` rlib.
use circletake as _;

pub mod abi;
pub mod check;
pub mod edit_program;
pub mod edit_report;
pub mod engines;
pub mod frames;
pub mod input;
pub mod invalid;
pub mod program;
pub mod report;
pub mod text;

pub use program::run;
