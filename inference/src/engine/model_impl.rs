//! Binds the model implementations (`crate::models`) to the engine's traits.

use std::path::Path;
use std::sync::Arc;

use tch::Tensor;

use super::models::{FaceModel, FoundFace, LoadedModels, ModelState, ModelStatus, ShotModel};
use crate::device::ComputeDevice;
use crate::error::Result;
use crate::models::{EyeModel, FaceDetector, TransNet, IRIS, TRANSNET};

struct TransNetAdapter(TransNet);

impl ShotModel for TransNetAdapter {
    fn predict_windows(&self, windows: &Tensor) -> Result<(Vec<f32>, Vec<f32>)> {
        self.0.predict_windows(windows)
    }
    fn windows_per_pass(&self) -> usize {
        usize::try_from(self.0.windows_per_pass()).unwrap_or(1)
    }
}

struct FaceAdapter {
    detector: FaceDetector,
    eyes: Option<EyeModel>,
}

impl FaceModel for FaceAdapter {
    fn detect(&self, rgb: &Tensor) -> Result<Vec<FoundFace>> {
        let faces = self.detector.detect(rgb)?;
        Ok(faces
            .iter()
            .map(|f| {
                let eye_openness = self.eyes.as_ref().and_then(|m| match m.openness(rgb, f) {
                    Ok(o) => Some(0.5 * (o.left + o.right)),
                    Err(e) => {
                        log::debug!("eye openness not measured: {e}");
                        None
                    }
                });
                FoundFace {
                    x0: f.x0,
                    y0: f.y0,
                    x1: f.x1,
                    y1: f.y1,
                    score: f.score,
                    eye_openness,
                }
            })
            .collect())
    }
}

/// Loads what is available from `dir` onto `device`; faces and eyes only
/// when `faces` is set.
pub(crate) fn load(dir: Option<&Path>, device: &ComputeDevice, faces: bool) -> LoadedModels {
    let Some(dir) = dir else {
        let none = || {
            ModelState::Unavailable("no model folder (set model_dir or CIRCLETAKE_MODELS)".into())
        };
        return LoadedModels {
            shot: None,
            face: None,
            status: ModelStatus {
                transnet: none(),
                faces: if faces { none() } else { ModelState::Disabled },
                eyes: if faces { none() } else { ModelState::Disabled },
            },
        };
    };
    let device = device.tch();
    let (shot, transnet): (Option<Arc<dyn ShotModel>>, _) =
        match TransNet::load(&dir.join(TRANSNET), device) {
            Ok(t) => (Some(Arc::new(TransNetAdapter(t))), ModelState::Loaded),
            Err(e) => (None, ModelState::Unavailable(e.to_string())),
        };
    if !faces {
        return LoadedModels {
            shot,
            face: None,
            status: ModelStatus {
                transnet,
                faces: ModelState::Disabled,
                eyes: ModelState::Disabled,
            },
        };
    }
    let (eyes, eyes_state) = match EyeModel::load(&dir.join(IRIS), device) {
        Ok(m) => (Some(m), ModelState::Loaded),
        Err(e) => (None, ModelState::Unavailable(e.to_string())),
    };
    let (face, faces_state, eyes_state): (Option<Arc<dyn FaceModel>>, _, _) =
        match FaceDetector::load(dir, device) {
            Ok(detector) => (
                Some(Arc::new(FaceAdapter { detector, eyes })),
                ModelState::Loaded,
                eyes_state,
            ),
            Err(e) => (
                None,
                ModelState::Unavailable(e.to_string()),
                ModelState::Unavailable("needs the face detector".into()),
            ),
        };
    LoadedModels {
        shot,
        face,
        status: ModelStatus {
            transnet,
            faces: faces_state,
            eyes: eyes_state,
        },
    }
}
