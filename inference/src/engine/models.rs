//! The engine's view of the neural models: small internal traits the model
//! implementations plug into, and which of them are loaded.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tch::Tensor;

use crate::device::ComputeDevice;
use crate::error::Result;

/// Shot-boundary model (TransNetV2).
pub(crate) trait ShotModel: Send + Sync {
    /// (cut, transition) probabilities of the reported frames (25..75) of
    /// each `[B, 100, 27, 48, 3]` u8 RGB window: `B x 50` values each.
    fn predict_windows(&self, windows: &Tensor) -> Result<(Vec<f32>, Vec<f32>)>;
    /// Windows per forward pass that suit the model's device.
    fn windows_per_pass(&self) -> usize;
}

/// A face found by a [`FaceModel`], in pixels of the picture it was given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundFace {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub score: f32,
    /// Eye openness 0..1 when an eye model ran.
    pub eye_openness: Option<f32>,
}

/// Face detection plus (optionally) eye openness.
pub(crate) trait FaceModel: Send + Sync {
    /// Faces in a `[3, H, W]` float RGB 0..255 picture.
    fn detect(&self, rgb: &Tensor) -> Result<Vec<FoundFace>>;
}

/// Load state of one model.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum ModelState {
    /// Loaded and in use.
    Loaded,
    /// Not used because the options turned it off.
    Disabled,
    /// Wanted but unavailable; the reason names the file or what is missing.
    Unavailable(String),
}

impl fmt::Display for ModelState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Loaded => f.write_str("loaded"),
            Self::Disabled => f.write_str("disabled"),
            Self::Unavailable(why) => write!(f, "unavailable: {why}"),
        }
    }
}

/// Which models an engine runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ModelStatus {
    /// TransNetV2 shot boundaries (`cut_prob`, `transition_prob`).
    pub transnet: ModelState,
    /// Face detector (`faces`).
    pub faces: ModelState,
    /// Eye model (`FaceSignal::eye_openness`).
    pub eyes: ModelState,
}

impl fmt::Display for ModelStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TransNetV2 {}; faces {}; eyes {}",
            self.transnet, self.faces, self.eyes
        )
    }
}

/// The loaded models of one (folder, device) pair.
pub(crate) struct LoadedModels {
    pub shot: Option<Arc<dyn ShotModel>>,
    pub face: Option<Arc<dyn FaceModel>>,
    pub status: ModelStatus,
}

impl fmt::Debug for LoadedModels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadedModels")
            .field("status", &self.status)
            .finish()
    }
}

type Cache = Mutex<HashMap<(Option<PathBuf>, String, bool), Arc<LoadedModels>>>;

/// Loads the models once per process per (folder, device, faces) and shares them.
pub(crate) fn shared_models(
    dir: Option<&Path>,
    device: &ComputeDevice,
    faces: bool,
) -> Arc<LoadedModels> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (dir.map(Path::to_path_buf), device.describe(), faces);
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key)
        .or_insert_with(|| Arc::new(load(dir, device, faces)))
        .clone()
}

fn load(dir: Option<&Path>, device: &ComputeDevice, faces: bool) -> LoadedModels {
    let loaded = super::model_impl::load(dir, device, faces);
    for (name, state) in [
        ("TransNetV2", &loaded.status.transnet),
        ("face detector", &loaded.status.faces),
        ("eye model", &loaded.status.eyes),
    ] {
        if let ModelState::Unavailable(why) = state {
            log::warn!("{name} unavailable, analysis continues without it: {why}");
        }
    }
    loaded
}
