//! Synthetic per-frame signals shared by the clip-level tests.

#![allow(dead_code)]

use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::{FaceSignal, FrameRate, FrameSignals};

pub const FPS25: FrameRate = FrameRate { num: 25, den: 1 };

/// A steady, sharp, mid-grey frame of "shot" `shot` (each shot has its own luma and
/// texture so cuts are visible in `diff_prev`).
pub fn frame(i: usize, shot: usize) -> FrameSignals {
    FrameSignals {
        frame: i as i64,
        focus: 40.0 + 10.0 * shot as f32 + (i % 3) as f32,
        luma_mean: 0.35 + 0.08 * (shot % 4) as f32,
        clipped_highlights: 0.0,
        crushed_shadows: 0.02,
        motion_dx: 0.3 * ((i * 7 % 5) as f32 - 2.0) / 2.0,
        motion_dy: 0.2 * ((i * 3 % 5) as f32 - 2.0) / 2.0,
        motion_confidence: 0.6,
        residual_motion: if i == 0 { 0.0 } else { 0.01 },
        diff_prev: if i == 0 {
            0.0
        } else {
            0.01 + 0.002 * (i % 4) as f32
        },
        noise: 0.006,
        cut_prob: Some(0.01),
        transition_prob: Some(0.01),
        faces: Vec::new(),
        faces_analyzed: false,
    }
}

/// Frames of consecutive shots with hard cuts at the given starts; TransNetV2-style
/// probabilities (peak on the last frame of the outgoing shot) and a diff spike.
pub fn shots(n: usize, starts: &[usize]) -> Vec<FrameSignals> {
    (0..n)
        .map(|i| {
            let shot = starts.iter().filter(|&&s| s <= i).count();
            let mut f = frame(i, shot);
            if starts.contains(&i) {
                f.diff_prev = 0.3;
                f.residual_motion = 0.3;
            }
            if starts.contains(&(i + 1)) {
                f.cut_prob = Some(0.97);
                f.transition_prob = Some(0.8);
            }
            f
        })
        .collect()
}

pub fn without_model(mut frames: Vec<FrameSignals>) -> Vec<FrameSignals> {
    for f in &mut frames {
        f.cut_prob = None;
        f.transition_prob = None;
    }
    frames
}

pub fn report(frames: &[FrameSignals]) -> ClipReport {
    build_report(frames, FPS25, &ReportOptions::default())
}

pub fn cut_frames(r: &ClipReport) -> Vec<i64> {
    r.cuts.iter().map(|c| c.frame).collect()
}

pub fn make_black(f: &mut FrameSignals) {
    f.luma_mean = 0.01;
    f.crushed_shadows = 0.97;
    f.focus = 0.2;
    f.diff_prev = 0.0;
    f.cut_prob = Some(0.01);
}

pub fn with_flash(mut frames: Vec<FrameSignals>, at: usize) -> Vec<FrameSignals> {
    let base = frames[at - 1].luma_mean;
    frames[at].luma_mean = base + 0.45;
    frames[at].clipped_highlights = 0.3;
    frames[at].diff_prev = 0.45;
    frames[at].cut_prob = Some(0.7);
    frames[at + 1].diff_prev = 0.45;
    frames
}

/// Fade out over `fade` frames into `black` black frames, then fade in, starting at `at`.
pub fn fade_through_black(frames: &mut [FrameSignals], at: usize, fade: usize, black: usize) {
    let lit_out = frames[at - 1].luma_mean;
    let lit_in = frames[at + 2 * fade + black].luma_mean;
    for k in 0..fade {
        let t = 1.0 - (k + 1) as f32 / (fade + 1) as f32;
        let f = &mut frames[at + k];
        f.luma_mean = 0.02 + (lit_out - 0.02) * t;
        f.diff_prev = lit_out / fade as f32;
        f.crushed_shadows = 0.1 + 0.5 * (1.0 - t);
        f.transition_prob = Some(0.85);
        f.cut_prob = Some(if k == fade / 2 { 0.6 } else { 0.2 });
    }
    for k in 0..black {
        make_black(&mut frames[at + fade + k]);
    }
    for k in 0..fade {
        let t = (k + 1) as f32 / (fade + 1) as f32;
        let f = &mut frames[at + fade + black + k];
        f.luma_mean = 0.02 + (lit_in - 0.02) * t;
        f.diff_prev = lit_in / fade as f32;
        f.crushed_shadows = 0.1 + 0.5 * (1.0 - t);
        f.transition_prob = Some(0.85);
        f.cut_prob = Some(if k == fade / 2 { 0.55 } else { 0.2 });
    }
}

pub fn face(open: f32, focus: f32) -> FaceSignal {
    FaceSignal {
        x0: 0.4,
        y0: 0.2,
        x1: 0.6,
        y1: 0.5,
        score: 0.99,
        focus,
        eye_openness: Some(open),
    }
}

pub fn with_face(frames: &mut [FrameSignals], blink: std::ops::Range<usize>) {
    for (i, f) in frames.iter_mut().enumerate() {
        f.faces_analyzed = true;
        f.faces = vec![face(if blink.contains(&i) { 0.05 } else { 0.85 }, 30.0)];
    }
}
