//! Per-frame measurement types shared by the engine (producer), the models
//! and the clip-level analysis (consumers). Field names and types are a fixed
//! interface; fields may only be appended.

use serde::{Deserialize, Serialize};

/// Frame rate as a rational (e.g. 24000/1001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameRate {
    /// Numerator (frames).
    pub num: u32,
    /// Denominator (seconds).
    pub den: u32,
}

/// A face found in a frame (analysis-frame pixel coords normalised to 0..1 of the full frame).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaceSignal {
    /// Left edge of the box, 0..1 of the frame width.
    pub x0: f32,
    /// Top edge of the box, 0..1 of the frame height (row 0 = top of the image).
    pub y0: f32,
    /// Right edge of the box, 0..1 of the frame width.
    pub x1: f32,
    /// Bottom edge of the box, 0..1 of the frame height.
    pub y1: f32,
    /// Detector confidence 0..1.
    pub score: f32,
    /// Same measure as [`FrameSignals::focus`], computed inside the box.
    pub focus: f32,
    /// 0 = closed .. 1 = open (mean of both eyes), `None` if not measured.
    pub eye_openness: Option<f32>,
}

/// Raw per-frame measurements (no temporal context) produced by the engine.
///
/// "Luma" is Rec.709 luma `0.2126 R + 0.7152 G + 0.0722 B` of the code values
/// as delivered (no linearisation), on a 0..1 scale. Spatial measures are taken
/// at the fixed analysis width (512 px, aspect kept), so they are comparable
/// between clips of different resolutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameSignals {
    /// Frame number as given by the caller.
    pub frame: i64,
    /// Sharpness: variance of the 4-neighbour Laplacian of luma (0..1 scale)
    /// at the analysis width, multiplied by 1e3. Higher = sharper.
    pub focus: f32,
    /// Mean Rec.709 luma, 0..1.
    pub luma_mean: f32,
    /// Fraction (0..1) of pixels with luma >= 0.98.
    pub clipped_highlights: f32,
    /// Fraction (0..1) of pixels with luma <= 0.02.
    pub crushed_shadows: f32,
    /// Global horizontal translation from the previous frame to this one, in
    /// analysis-width pixels (phase correlation; + = content moved right). 0 for the first.
    pub motion_dx: f32,
    /// Global vertical translation from the previous frame, in analysis-width
    /// pixels (+ = content moved down). 0 for the first.
    pub motion_dy: f32,
    /// Phase-correlation peak strength 0..1 (1 = a pure translation). 0 for the first.
    pub motion_confidence: f32,
    /// Mean absolute luma difference (0..1) to the previous frame after
    /// compensating the global shift. 0 for the first.
    pub residual_motion: f32,
    /// Mean absolute luma difference (0..1) to the previous frame, no compensation; 0 for the first.
    pub diff_prev: f32,
    /// Estimated noise sigma of luma (0..1 scale), Immerkaer's fast method,
    /// on the source-resolution luma (every k-th pixel, k = ceil(width / 960),
    /// so HD and UHD cost little; decimation keeps pixel-noise sigma). Fine
    /// texture and edges raise it; compare within a clip, not across cameras.
    pub noise: f32,
    /// TransNetV2 single-frame head (sigmoid), `None` when the model is unavailable.
    pub cut_prob: Option<f32>,
    /// TransNetV2 "many hot" head (sigmoid), `None` when the model is unavailable.
    pub transition_prob: Option<f32>,
    /// Faces found; empty when no faces or face model unavailable (see `faces_analyzed`).
    pub faces: Vec<FaceSignal>,
    /// Whether face detection ran on this frame.
    pub faces_analyzed: bool,
}
