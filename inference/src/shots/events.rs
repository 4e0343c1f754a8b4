//! Short events found from the luma statistics: flash frames and frozen frames.

use crate::signals::types::FrameSignals;

use super::options::Thresholds;
use super::stats::{percentile, runs};
use super::FrameRange;

/// Flash frames: runs of 1..=`flash_max_frames` frames whose mean luma is at least
/// `flash_min_rise` above BOTH the frame before and the frame after, where the frames
/// before and after have similar luma (within `flash_return_tol`) and the difference
/// to the previous frame jumps at the start of the run. A step in brightness that does
/// not come back (a cut, a light switched on) is not a flash. Ranges are in indices of
/// `frames`; `black` frames never take part.
pub fn flash_ranges(frames: &[FrameSignals], black: &[bool], th: &Thresholds) -> Vec<FrameRange> {
    let n = frames.len();
    let mut out = Vec::new();
    let mut i = 1;
    while i + 1 < n {
        let mut found = None;
        for k in 1..=th.flash_max_frames.max(1) {
            if i + k >= n {
                break;
            }
            let pre = frames[i - 1].luma_mean;
            let post = frames[i + k].luma_mean;
            if black[i - 1] || black[i + k] || (pre - post).abs() > th.flash_return_tol {
                continue;
            }
            let run = &frames[i..i + k];
            let lowest = run
                .iter()
                .map(|f| f.luma_mean)
                .fold(f32::INFINITY, f32::min);
            let jumps = frames[i].diff_prev >= 0.5 * th.flash_min_rise;
            if lowest - pre.max(post) >= th.flash_min_rise && jumps {
                found = Some(k);
                break;
            }
        }
        match found {
            Some(k) => {
                out.push(FrameRange::new(i as i64, (i + k) as i64));
                i += k + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The `diff_prev` below which a frame counts as a repeat of the previous one: a
/// `frozen_noise_factor` fraction of the mean absolute difference that sensor noise of
/// sigma `noise` alone gives between two frames (`2/sqrt(pi) * noise`), clamped to
/// `[frozen_diff_min, frozen_diff_max]`. Noisy footage of a static scene is not frozen.
pub fn frozen_threshold(noise: f32, th: &Thresholds) -> f32 {
    let from_noise = th.frozen_noise_factor * std::f32::consts::FRAC_2_SQRT_PI * noise.max(0.0);
    from_noise.clamp(
        th.frozen_diff_min,
        th.frozen_diff_max.max(th.frozen_diff_min),
    )
}

/// Frozen frames of ONE shot: runs of at least `frozen_min_frames` frames that each
/// repeat the previous frame. A frame repeats when its `diff_prev` is below both
/// [`frozen_threshold`] (noise-aware) and a fifth of the shot's typical motion (75th
/// percentile of `diff_prev`). A shot that is static throughout (a still, a locked-off
/// empty frame: 75th percentile below `frozen_diff_min`) has no frozen frames: nothing
/// stopped moving. The first frame and black frames never count. Indices of `frames`.
pub fn frozen_ranges(frames: &[FrameSignals], black: &[bool], th: &Thresholds) -> Vec<FrameRange> {
    let moving: Vec<f32> = frames
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(i, _)| !black[*i])
        .map(|(_, f)| f.diff_prev)
        .collect();
    let typical = percentile(&moving, 0.75).unwrap_or(0.0);
    if typical <= th.frozen_diff_min {
        return Vec::new();
    }
    let mask: Vec<bool> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let limit = frozen_threshold(f.noise, th).min(0.2 * typical);
            i > 0 && !black[i] && !black[i - 1] && f.diff_prev <= limit
        })
        .collect();
    runs(&mask, th.frozen_min_frames.max(1), 0)
        .into_iter()
        .map(|(s, e)| FrameRange::new(s as i64, e as i64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shots::testutil::frames_with;

    fn base(i: usize, f: &mut FrameSignals) {
        f.luma_mean = 0.4;
        f.diff_prev = if i == 0 { 0.0 } else { 0.02 };
        f.noise = 0.01;
    }

    #[test]
    fn a_two_frame_flash_is_found_and_a_step_is_not() {
        let th = Thresholds::default();
        let fr = frames_with(20, |i, f| {
            base(i, f);
            if i == 8 || i == 9 {
                f.luma_mean = 0.85;
                f.diff_prev = 0.45;
            }
            if i == 10 {
                f.diff_prev = 0.45;
            }
        });
        let black = vec![false; 20];
        assert_eq!(flash_ranges(&fr, &black, &th), vec![FrameRange::new(8, 10)]);
        let step = frames_with(20, |i, f| {
            base(i, f);
            if i >= 8 {
                f.luma_mean = 0.85;
            }
            if i == 8 {
                f.diff_prev = 0.45;
            }
        });
        assert!(flash_ranges(&step, &black, &th).is_empty());
    }

    #[test]
    fn frozen_needs_a_run_below_the_noise_aware_threshold() {
        let th = Thresholds::default();
        let fr = frames_with(20, |i, f| {
            base(i, f);
            if (5..9).contains(&i) {
                f.diff_prev = 0.0;
            }
            if i == 15 {
                f.diff_prev = 0.0; // a single repeat is not a freeze
            }
        });
        let black = vec![false; 20];
        assert_eq!(frozen_ranges(&fr, &black, &th), vec![FrameRange::new(5, 9)]);
        // A still (nothing moves at all) has nothing that froze.
        let still = frames_with(20, |i, f| {
            base(i, f);
            f.diff_prev = if i % 5 == 0 { 0.0 } else { 0.0001 };
        });
        assert!(frozen_ranges(&still, &black, &th).is_empty());
        // A static, clean shot differs by noise only: 0.02 sigma noise -> 0.0226 diff.
        assert!(frozen_threshold(0.02, &th) < 0.0226 * 0.5);
        assert!(frozen_threshold(0.0, &th) > 0.0);
    }
}
