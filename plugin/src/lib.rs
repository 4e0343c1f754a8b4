//! CircleTake: the OpenFX plugin and the C ABI, in one shared library.
