//! Examples for CircleTake live in this crate's `examples/`-style binaries and
//! the C/Python sources beside them.
