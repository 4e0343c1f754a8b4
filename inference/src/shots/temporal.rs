//! Per-frame signals that need temporal context: camera shake, pans and whip-pans,
//! black frames and focus relative to the rest of the shot.

use crate::signals::types::FrameSignals;

use super::options::Thresholds;
use super::stats::{frames_for, moving_iq_mean, moving_mean, moving_median, percentile, runs};

/// The engine's analysis width in pixels; motion is measured at this width.
pub const ANALYSIS_WIDTH: f32 = 512.0;

/// Camera-motion measures of one frame. Pixels are at the 512-pixel analysis width.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MotionSample {
    /// High-frequency camera motion: length of (raw global motion - its centred moving
    /// interquartile mean over `motion_smoothing_s`), px/frame. 0 where the estimate is unreliable.
    pub jitter: f32,
    /// Shake: RMS of `jitter` over the same window, px/frame.
    pub shake: f32,
    /// Intended camera motion: length of the smoothed (interquartile-mean) motion, px/frame
    /// (divide by 512 for the fraction of the frame width per frame).
    pub pan_speed: f32,
    /// Part of a pan: `pan_speed >= pan_min_px` sustained for `pan_min_s`.
    pub pan: bool,
    /// Part of a whip-pan: 3-frame median of raw speed `>= whip_min_px` for
    /// `whip_min_frames` (gaps of up to 2 unreliable frames closed), extended over the
    /// neighbouring frames whose raw speed is still `>= whip_min_px / 2` (the camera
    /// accelerating into and braking out of the move).
    pub whip_pan: bool,
}

/// Camera motion of a run of consecutive frames of ONE shot (smoothing must not cross
/// cuts). `fps` is frames per second.
pub fn motion(frames: &[FrameSignals], fps: f64, th: &Thresholds) -> Vec<MotionSample> {
    let n = frames.len();
    if n == 0 {
        return Vec::new();
    }
    let reliable = |f: &FrameSignals| {
        f.motion_confidence >= th.motion_min_confidence
            && f.motion_dx.is_finite()
            && f.motion_dy.is_finite()
    };
    // The first frame of a run has no previous frame inside the shot.
    let dx: Vec<f32> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i > 0 && reliable(f) {
                f.motion_dx
            } else {
                f32::NAN
            }
        })
        .collect();
    let dy: Vec<f32> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i > 0 && reliable(f) {
                f.motion_dy
            } else {
                f32::NAN
            }
        })
        .collect();
    let raw_speed: Vec<f32> = (0..n).map(|i| dx[i].hypot(dy[i])).collect();
    let fast = moving_median(&raw_speed, 1);
    let whip_mask: Vec<bool> = fast.iter().map(|&s| s >= th.whip_min_px).collect();
    // A whip-pan starts where the camera accelerates, before the median crosses the
    // threshold: each run grows over neighbours still moving at least half as fast.
    let ramp = |i: usize| raw_speed[i] >= 0.5 * th.whip_min_px;
    let whip_runs: Vec<(usize, usize)> = runs(&whip_mask, th.whip_min_frames, 2)
        .into_iter()
        .map(|(mut s, mut e)| {
            while s > 1 && ramp(s - 1) {
                s -= 1;
            }
            while e < n && ramp(e) {
                e += 1;
            }
            (s, e)
        })
        .collect();
    // Whip-pans are deliberate and measured on their own: leaving them out of the
    // smoothing keeps their start and stop from reading as shake.
    let mut in_whip = vec![false; n];
    for &(s, e) in &whip_runs {
        in_whip[s..e].iter_mut().for_each(|w| *w = true);
    }
    let masked = |v: &[f32]| -> Vec<f32> {
        v.iter()
            .zip(&in_whip)
            .map(|(&x, &w)| if w { f32::NAN } else { x })
            .collect()
    };
    let (dx, dy) = (masked(&dx), masked(&dy));
    let half = frames_for(th.motion_smoothing_s, fps, 2) / 2;
    let sx = moving_iq_mean(&dx, half.max(1));
    let sy = moving_iq_mean(&dy, half.max(1));
    let jitter: Vec<f32> = (0..n)
        .map(|i| {
            let j = (dx[i] - sx[i]).hypot(dy[i] - sy[i]);
            if j.is_finite() {
                j
            } else {
                f32::NAN
            }
        })
        .collect();
    let sq: Vec<f32> = jitter.iter().map(|j| j * j).collect();
    let shake: Vec<f32> = moving_mean(&sq, half.max(1))
        .into_iter()
        .map(|m| if m.is_finite() { m.sqrt() } else { 0.0 })
        .collect();
    let pan_speed: Vec<f32> = (0..n)
        .map(|i| {
            let s = sx[i].hypot(sy[i]);
            if s.is_finite() {
                s
            } else {
                0.0
            }
        })
        .collect();
    let pan_mask: Vec<bool> = pan_speed.iter().map(|&s| s >= th.pan_min_px).collect();
    let pan_runs = runs(&pan_mask, frames_for(th.pan_min_s, fps, 2), 1);
    let mut out: Vec<MotionSample> = (0..n)
        .map(|i| MotionSample {
            jitter: if jitter[i].is_finite() {
                jitter[i]
            } else {
                0.0
            },
            shake: shake[i],
            pan_speed: pan_speed[i],
            pan: false,
            whip_pan: false,
        })
        .collect();
    for (s, e) in pan_runs {
        out[s..e].iter_mut().for_each(|m| m.pan = true);
    }
    for (s, e) in whip_runs {
        out[s..e].iter_mut().for_each(|m| m.whip_pan = true);
    }
    out
}

/// Whether each frame is black: mean luma `<= black_luma_max` and a crushed-pixel
/// fraction `>= black_crushed_min` (burned-in text or a logo on black still counts).
pub fn black_frames(frames: &[FrameSignals], th: &Thresholds) -> Vec<bool> {
    frames
        .iter()
        .map(|f| f.luma_mean <= th.black_luma_max && f.crushed_shadows >= th.black_crushed_min)
        .collect()
}

/// Focus of each frame relative to the sharp end of its shot: `focus / p90(focus)` over
/// the frames of `frames` where `counts` is true (clamped to 0..1.5; 1 when the shot has
/// no texture at all). Dimensionless; 1 = as sharp as the shot gets, 0.5 = half the
/// Laplacian variance. Computed per shot because absolute sharpness depends on content.
pub fn relative_focus(frames: &[FrameSignals], counts: &[bool]) -> Vec<f32> {
    let sample: Vec<f32> = frames
        .iter()
        .zip(counts)
        .filter(|(_, &c)| c)
        .map(|(f, _)| f.focus)
        .collect();
    let reference = percentile(&sample, 0.9).unwrap_or(0.0);
    frames
        .iter()
        .map(|f| {
            if reference <= 1e-6 || !f.focus.is_finite() {
                1.0
            } else {
                (f.focus / reference).clamp(0.0, 1.5)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shots::testutil::frames_with;

    #[test]
    fn handheld_jitter_is_shake_but_a_steady_pan_is_not() {
        let th = Thresholds::default();
        let pan = frames_with(50, |i, f| {
            f.motion_dx = 5.0;
            f.motion_confidence = 0.5;
            let _ = i;
        });
        let m = motion(&pan, 25.0, &th);
        assert!(m[10..40]
            .iter()
            .all(|s| s.shake < 0.1 && s.pan && !s.whip_pan));
        let shaky = frames_with(50, |i, f| {
            f.motion_dx = if i % 2 == 0 { 4.0 } else { -4.0 };
            f.motion_confidence = 0.5;
        });
        let m = motion(&shaky, 25.0, &th);
        assert!(m[10..40].iter().all(|s| s.shake > 3.0 && !s.pan));
    }

    #[test]
    fn whip_pan_detected() {
        let th = Thresholds::default();
        let fr = frames_with(40, |i, f| {
            f.motion_confidence = 0.5;
            f.motion_dx = if (20..25).contains(&i) { 80.0 } else { 0.0 };
        });
        let m = motion(&fr, 25.0, &th);
        assert!(m[21..24].iter().all(|s| s.whip_pan));
        assert!(!m[5].whip_pan && !m[35].whip_pan);
    }

    #[test]
    fn relative_focus_uses_the_sharp_end_of_the_shot() {
        let fr = frames_with(10, |i, f| f.focus = if i < 5 { 10.0 } else { 100.0 });
        let r = relative_focus(&fr, &[true; 10]);
        assert!((r[0] - 0.1).abs() < 1e-5 && (r[9] - 1.0).abs() < 1e-5);
    }
}
