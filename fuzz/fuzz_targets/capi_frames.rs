//! cargo-fuzz target: the fuzz input as a program over the C ABI's
//! frame-pushing and report calls (see `circletake_fuzz::program`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| circletake_fuzz::run(data));
