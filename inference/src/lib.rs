//! CircleTake's analysis core. Knows nothing of OpenFX or C.
