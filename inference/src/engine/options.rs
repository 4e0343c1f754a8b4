//! Engine configuration.

use std::path::PathBuf;

use crate::device::DeviceChoice;

/// Speed/detail trade-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Quality {
    /// Faces on every 2nd frame (even frame numbers) at up to 640 px; other
    /// frames report `faces_analyzed = false`.
    Fast,
    /// Faces on every frame at up to 1280 px.
    #[default]
    Full,
}

impl Quality {
    /// Longest side of the picture handed to the face detector.
    pub(crate) fn face_max_side(self) -> i64 {
        match self {
            Self::Fast => 640,
            Self::Full => 1280,
        }
    }

    /// Whether faces are looked for on this frame.
    pub(crate) fn faces_on(self, frame: i64) -> bool {
        match self {
            Self::Fast => frame.rem_euclid(2) == 0,
            Self::Full => true,
        }
    }
}

impl std::str::FromStr for Quality {
    type Err = crate::InferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fast" => Ok(Self::Fast),
            "full" => Ok(Self::Full),
            other => Err(crate::InferenceError::InvalidArgument(format!(
                "unknown quality {other:?} (expected fast or full)"
            ))),
        }
    }
}

impl std::fmt::Display for Quality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Fast => "fast",
            Self::Full => "full",
        })
    }
}

/// How to build an [`Engine`](super::Engine).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EngineOptions {
    /// Compute device.
    pub device: DeviceChoice,
    /// libtorch CPU intra-op threads (process-wide) used by each of the two
    /// streams that run at once, the per-frame path and the TransNetV2
    /// worker; `None` gives half the cores (at least 1).
    pub threads: Option<usize>,
    /// Folder with the model files; `None` uses `$CIRCLETAKE_MODELS` when set.
    pub model_dir: Option<PathBuf>,
    /// Look for faces (and blinks).
    pub faces: bool,
    /// Speed/detail trade-off.
    pub quality: Quality,
}
