//! The result of analysing a clip.

use serde::{Deserialize, Serialize};

use crate::signals::{FrameRate, FrameSignals};

/// Per-frame signals of a clip (or the analysed part of it), ordered by frame
/// number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClipAnalysis {
    /// Frame rate the caller gave.
    pub frame_rate: FrameRate,
    /// One entry per analysed frame, ascending frame numbers.
    pub frames: Vec<FrameSignals>,
    /// Device used and why.
    pub device: String,
    /// `"TransNetV2 loaded; faces ...; eyes ..."`.
    pub models: String,
    /// Problems that did not stop the analysis (e.g. a damaged file tail).
    #[serde(default)]
    pub warnings: Vec<String>,
}
