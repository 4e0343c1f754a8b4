//! Binds the model implementations to the engine's traits.

use crate::device::ComputeDevice;

use super::models::{LoadedModels, ModelState, ModelStatus};

/// Loads what is available from `dir`.
pub(crate) fn load(
    dir: Option<&std::path::Path>,
    _device: &ComputeDevice,
    faces: bool,
) -> LoadedModels {
    let missing = || {
        ModelState::Unavailable(match dir {
            Some(d) => format!(
                "model runtime not built into this version (folder {})",
                d.display()
            ),
            None => "model runtime not built into this version, no model folder".into(),
        })
    };
    let face_state = if faces {
        missing()
    } else {
        ModelState::Disabled
    };
    LoadedModels {
        shot: None,
        face: None,
        status: ModelStatus {
            transnet: missing(),
            faces: face_state.clone(),
            eyes: face_state,
        },
    }
}
