//! Raw declarations of the OpenFX 1.5 C ABI, written for CircleTake from the
//! official headers and documentation.
