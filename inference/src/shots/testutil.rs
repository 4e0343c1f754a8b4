//! Builders of synthetic per-frame signals for unit tests.

use crate::signals::types::{FaceSignal, FrameSignals};

/// `n` plain frames (mid-grey, sharp, steady, a little noise), each edited by `edit(index, frame)`.
pub fn frames_with(n: usize, mut edit: impl FnMut(usize, &mut FrameSignals)) -> Vec<FrameSignals> {
    (0..n)
        .map(|i| {
            let mut f = FrameSignals {
                frame: i as i64,
                focus: 50.0,
                luma_mean: 0.45,
                clipped_highlights: 0.0,
                crushed_shadows: 0.01,
                motion_dx: 0.0,
                motion_dy: 0.0,
                motion_confidence: 0.6,
                residual_motion: if i == 0 { 0.0 } else { 0.01 },
                diff_prev: if i == 0 { 0.0 } else { 0.012 },
                noise: 0.008,
                cut_prob: None,
                transition_prob: None,
                faces: Vec::new(),
                faces_analyzed: false,
            };
            edit(i, &mut f);
            f
        })
        .collect()
}

/// A face box centred at (`cx`, `cy`) with height `h` (all 0..1).
pub fn face(cx: f32, cy: f32, h: f32, eye_openness: Option<f32>, focus: f32) -> FaceSignal {
    FaceSignal {
        x0: cx - h * 0.4,
        y0: cy - h * 0.5,
        x1: cx + h * 0.4,
        y1: cy + h * 0.5,
        score: 0.99,
        focus,
        eye_openness,
    }
}
