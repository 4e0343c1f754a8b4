//! Test support for CircleTake: a test OpenFX host and footage helpers.
