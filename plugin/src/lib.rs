//! CircleTake: the OpenFX plugin and the C ABI, in one shared library.

pub mod capi;
// The header describes the C ABI only: cbindgen skips the OFX side.
/// cbindgen:ignore
pub mod effects;
/// cbindgen:ignore
pub mod ofx;

ofx::export::ofx_plugins!(effects::shot_score::ShotScore, effects::cut_check::CutCheck);
