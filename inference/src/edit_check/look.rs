//! A frame's look: its layout of light and dark and its mean colour, for jump-cut,
//! exposure and colour-jump checks across a cut.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::frame::FrameView;

/// Compact look of one frame (computed on the CPU from a few thousand samples).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameLook {
    /// Frame number as given by the caller.
    pub frame: i64,
    /// Zero-mean, unit-norm 16×9 luma thumbnail (row-major, row 0 = top); all zeros for a flat frame.
    pub layout: Vec<f32>,
    /// Mean OKLab colour (L 0..1, a, b) of the frame's code values read as sRGB.
    pub oklab: [f32; 3],
    /// Mean Rec. 709 luma of the code values, 0..1.
    pub luma_mean: f32,
}

impl FrameLook {
    /// The look of `view` (any supported pixel format; luma-only frames have a = b = 0).
    pub fn from_view(frame: i64, view: &FrameView<'_>) -> Result<Self> {
        let _ = (frame, view);
        unimplemented!("edit_check::FrameLook::from_view (helper H1)")
    }
}
