//! CircleTake: the OpenFX plugin and the C ABI, in one shared library.

pub mod capi;
pub mod effects;
pub mod ofx;

ofx::export::ofx_plugins!(effects::shot_score::ShotScore);
