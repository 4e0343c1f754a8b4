//! The neural networks: TorchScript files exported by `cargo xtask models`
//! (see `xtask/python/`) into a models folder, loaded once per process and
//! device and shared by every caller without locks (libtorch runs TorchScript
//! `forward` from several threads at once).
//!
//! | file | model | used by |
//! | ---- | ----- | ------- |
//! | `transnetv2.pt` | TransNetV2 shot boundaries | [`TransNet`] |
//! | `mtcnn_pnet.pt`, `mtcnn_rnet.pt`, `mtcnn_onet.pt` | MTCNN faces | [`FaceDetector`] |
//! | `iris_landmark.pt` | MediaPipe iris/eye contour | [`EyeModel`] |

pub mod eyes;
pub mod faces;
mod loader;
pub mod transnet;

pub use eyes::{EyeModel, EyeOpenness};
pub use faces::{DetectedFace, FaceDetector, FaceDetectorConfig};
pub use loader::Model;
pub use transnet::TransNet;

use crate::InferenceError;
use std::path::Path;
use tch::Device;

/// TransNetV2's file name.
pub const TRANSNET: &str = "transnetv2.pt";
/// MTCNN P-Net's file name.
pub const MTCNN_PNET: &str = "mtcnn_pnet.pt";
/// MTCNN R-Net's file name.
pub const MTCNN_RNET: &str = "mtcnn_rnet.pt";
/// MTCNN O-Net's file name.
pub const MTCNN_ONET: &str = "mtcnn_onet.pt";
/// The iris landmark model's file name.
pub const IRIS: &str = "iris_landmark.pt";

/// Every model of a models folder, each loaded or the reason it is not: a
/// missing or broken model turns off only what needs it.
#[derive(Debug)]
pub struct ModelSet {
    /// Shot boundaries.
    pub transnet: Result<TransNet, InferenceError>,
    /// Faces.
    pub faces: Result<FaceDetector, InferenceError>,
    /// Eye openness.
    pub eyes: Result<EyeModel, InferenceError>,
}

impl ModelSet {
    /// Loads every model in `dir` onto `device` (or reuses the copies this
    /// process loaded before).
    pub fn load(dir: &Path, device: Device) -> ModelSet {
        ModelSet {
            transnet: TransNet::load(&dir.join(TRANSNET), device),
            faces: FaceDetector::load(dir, device),
            eyes: EyeModel::load(&dir.join(IRIS), device),
        }
    }
}
