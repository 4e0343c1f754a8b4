//! cargo-fuzz target: the fuzz input as a program over the C ABI's edit
//! check (Cut Check) and edit report calls (see `circletake_fuzz::edit_program`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| circletake_fuzz::edit_program::run(data));
