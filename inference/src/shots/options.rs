//! Every threshold of the clip-level analysis, with units. Defaults are tuned on the
//! project's real footage and synthetic cases; hosts may expose some as parameters.

use serde::{Deserialize, Serialize};

/// Thresholds and weights of the clip-level analysis. Motion is in pixels per frame at
/// the engine's 512-pixel analysis width; luma and fractions are 0..1; durations in seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    // ----- motion -----
    /// Global-motion estimates with a phase-correlation peak below this are ignored.
    pub motion_min_confidence: f32,
    /// Window (s) of the centred moving interquartile mean that gives the intended camera motion;
    /// shake is what remains. 0.5 s separates handheld jitter from pans.
    pub motion_smoothing_s: f32,
    /// A pan moves at least this fast (px/frame, smoothed) ...
    pub pan_min_px: f32,
    /// ... for at least this long (s).
    pub pan_min_s: f32,
    /// A whip-pan moves at least this fast (px/frame, 3-frame median of raw motion).
    pub whip_min_px: f32,
    /// Minimum whip-pan duration in frames.
    pub whip_min_frames: usize,
    // ----- black, flash, frozen -----
    /// A black frame has mean luma at most this ...
    pub black_luma_max: f32,
    /// ... and at least this fraction of crushed pixels (luma <= 0.02).
    pub black_crushed_min: f32,
    /// A flash raises mean luma by at least this over both neighbours of the run.
    pub flash_min_rise: f32,
    /// Longest flash, in frames.
    pub flash_max_frames: usize,
    /// Luma before and after a flash differ by at most this (otherwise it is a cut or a change of light).
    pub flash_return_tol: f32,
    /// Frozen: `diff_prev` stays below the threshold for at least this many frames.
    pub frozen_min_frames: usize,
    /// Upper bound of the frozen-frame `diff_prev` threshold (mean abs luma difference).
    pub frozen_diff_max: f32,
    /// Lower bound of the frozen-frame threshold.
    pub frozen_diff_min: f32,
    /// The threshold is this fraction of the difference sensor noise alone would give
    /// (`2/sqrt(pi) * noise`), clamped to the bounds above.
    pub frozen_noise_factor: f32,
    // ----- blinks and faces -----
    /// A blink must reach below this fraction of the face track's open-eye level (75th percentile).
    pub blink_ratio: f32,
    /// Lids count as lowered (a blink's full extent) below this fraction of the open level.
    pub blink_lids_ratio: f32,
    /// Shortest blink (lowered lids), frames; a single fully closed frame also counts.
    pub blink_min_frames: usize,
    /// Longest blink (s); longer closures are not blinks (at least 10 frames).
    pub blink_max_s: f32,
    /// Faces smaller than this fraction of the frame height are ignored for blinks and face focus.
    pub face_min_height: f32,
    /// A face is out of focus below this fraction of its track's sharpest (90th percentile) focus.
    pub face_soft_rel: f32,
    // ----- boundaries -----
    /// TransNetV2 single-frame head threshold for a hard cut (the model's own 0.5).
    pub cut_threshold: f32,
    /// Cuts below this probability are "uncertain" and suppressed inside whip-pans.
    pub cut_certain: f32,
    /// Cuts on detected flash frames are suppressed below this probability.
    pub cut_flash_override: f32,
    /// TransNetV2 many-hot head threshold for a gradual transition span.
    pub transition_threshold: f32,
    /// Many-hot spans shorter than this (frames) belong to a hard cut, not a gradual transition.
    pub transition_min_frames: usize,
    /// A frame whose phase-correlation peak is below this is smeared beyond measurement ...
    pub smear_confidence: f32,
    /// ... and a cut candidate with at least this many smeared frames among the 5 before
    /// it is treated like one inside a whip-pan (suppressed below `cut_certain`).
    pub smear_frames: usize,
    /// Two boundaries closer than this (s) are merged; the stronger wins.
    pub min_shot_s: f32,
    /// Runs of black frames at least this long (s) are black spans, not part of a shot.
    pub black_span_min_s: f32,
    /// Signal fallback: a cut needs `diff_prev` this many times the mean of its neighbours ...
    pub adaptive_ratio: f32,
    /// ... and at least this absolute `diff_prev` (mean abs luma difference).
    pub adaptive_min_diff: f32,
    /// Signal fallback: neighbours on each side in the adaptive average.
    pub adaptive_window: usize,
    // ----- scoring and flags -----
    /// Relative focus (frame / shot's 90th percentile) at and above which no points are lost.
    pub focus_ok_rel: f32,
    /// Relative focus below which a frame is flagged soft (full focus penalty at 0.2).
    pub soft_focus_rel: f32,
    /// Shake (px/frame RMS) flagged as shaky.
    pub shaky_px: f32,
    /// Fraction of clipped pixels flagged as clipped highlights.
    pub clipped_max: f32,
    /// Fraction of crushed pixels flagged as crushed blacks.
    pub crushed_max: f32,
    /// Noise sigma (0..1 luma) flagged as noisy.
    pub noisy_sigma: f32,
    /// Shortest run (s) of a per-frame condition that becomes a flag.
    pub flag_min_s: f32,
    // ----- trims -----
    /// Quality trims (settling, focus pulls, whips, overexposure) remove at most this
    /// fraction of the shot at each end; junk (black, flash, transitions) has no limit.
    pub trim_max_fraction: f32,
    /// Camera has settled once shake stays below this (px/frame RMS) ...
    pub settle_px: f32,
    /// ... for this long (s).
    pub settle_s: f32,
    /// A frame counts as usable for segments at or above this per-frame score.
    pub usable_score: f32,
    /// Shortest trimmed shot (s); shorter suggestions are abandoned.
    pub min_trim_s: f32,
    /// Washed-out frames (the mirror of black: at least this fraction of clipped
    /// pixels ...
    pub washed_clipped_min: f32,
    /// ... and at least this mean luma) are junk at a shot's head or tail, dropped like
    /// black frames (a fade or iris to white, a camera pointed at the sun).
    pub washed_luma_min: f32,
    /// A flash this close (s) to a shot's head or tail (slate light, camera start or
    /// stop) moves the in point after it / the out point before it.
    pub flash_edge_s: f32,
    /// Distance (s) from an in/out point within which a blink counts as "at in/out".
    pub blink_edge_s: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            motion_min_confidence: 0.02,
            motion_smoothing_s: 0.5,
            pan_min_px: 2.0,
            pan_min_s: 0.5,
            whip_min_px: 32.0,
            whip_min_frames: 2,
            black_luma_max: 0.07,
            black_crushed_min: 0.6,
            flash_min_rise: 0.12,
            flash_max_frames: 3,
            flash_return_tol: 0.06,
            frozen_min_frames: 3,
            frozen_diff_max: 0.003,
            frozen_diff_min: 0.0003,
            frozen_noise_factor: 0.3,
            blink_ratio: 0.5,
            blink_lids_ratio: 0.75,
            blink_min_frames: 2,
            blink_max_s: 0.4,
            face_min_height: 0.06,
            face_soft_rel: 0.5,
            cut_threshold: 0.5,
            cut_certain: 0.9,
            cut_flash_override: 0.98,
            transition_threshold: 0.5,
            transition_min_frames: 4,
            smear_confidence: 0.1,
            smear_frames: 3,
            min_shot_s: 0.25,
            black_span_min_s: 0.3,
            adaptive_ratio: 3.0,
            adaptive_min_diff: 0.12,
            adaptive_window: 2,
            focus_ok_rel: 0.75,
            soft_focus_rel: 0.5,
            shaky_px: 2.0,
            clipped_max: 0.05,
            crushed_max: 0.3,
            noisy_sigma: 0.03,
            flag_min_s: 0.2,
            trim_max_fraction: 0.35,
            settle_px: 1.5,
            settle_s: 0.3,
            usable_score: 50.0,
            min_trim_s: 1.0,
            washed_clipped_min: 0.2,
            washed_luma_min: 0.6,
            flash_edge_s: 0.25,
            blink_edge_s: 0.5,
        }
    }
}
