//! Gradual transitions as spans: the TransNetV2 many-hot head, black runs and the fade
//! ramps into and out of them, merged so that fade-out + black + fade-in is ONE span.
//! A dip to black shorter than a black span (or never fully black) between a fade out
//! and a fade in of at least 3 frames each is one fade through black too.

use serde::{Deserialize, Serialize};

use crate::signals::types::FrameSignals;

use super::options::Thresholds;
use super::rounding::r4;
use super::stats::runs;
use super::FrameRange;

/// What a transition span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransitionKind {
    /// Gradual change from one shot to the next without black (dissolve, wipe, ...).
    Dissolve,
    /// Picture fades down into black (end of a shot; black follows).
    FadeOut,
    /// Picture fades up from black (start of a shot).
    FadeIn,
    /// Fade out, black, fade in: one transition.
    FadeThroughBlack,
    /// Black frames only (leader, tail, or black between hard cuts).
    Black,
}

/// A gradual transition or black span. Its frames belong to no shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    /// Frames of the span, `[start, end)`.
    pub range: FrameRange,
    /// Kind of transition.
    pub kind: TransitionKind,
    /// Highest many-hot probability inside the span (1 for black found from the signals).
    #[serde(with = "r4")]
    pub confidence: f32,
}

/// Length of the monotone luma ramp that ends (`forward = false`) or starts
/// (`forward = true`) at black frame `at`: frames whose luma steadily rises away from black.
/// The frame next to black must itself be dark (`<= 2.5 * black_luma_max`): a hard cut
/// from black into a picture is not a fade.
fn ramp_len(
    frames: &[FrameSignals],
    black: &[bool],
    at: usize,
    forward: bool,
    th: &Thresholds,
) -> usize {
    let n = frames.len() as isize;
    let step: isize = if forward { 1 } else { -1 };
    let mut prev = frames[at].luma_mean;
    let mut i = at as isize + step;
    let mut len = 0;
    while i >= 0 && i < n && !black[i as usize] {
        let l = frames[i as usize].luma_mean;
        let first_too_bright = len == 0 && l > 2.5 * th.black_luma_max;
        if first_too_bright || l <= prev + 0.004 || frames[i as usize].diff_prev > 0.25 {
            break;
        }
        prev = l;
        len += 1;
        i += step;
    }
    len
}

/// Transition spans in indices of `frames`, sorted and non-overlapping, classified.
/// `model` says whether the TransNetV2 many-hot head is available.
pub fn transition_spans(
    frames: &[FrameSignals],
    black: &[bool],
    model: bool,
    fps: f64,
    th: &Thresholds,
) -> Vec<Transition> {
    let n = frames.len();
    // (start, end, confidence, from_model)
    let mut spans: Vec<(usize, usize, f32)> = Vec::new();
    if model {
        let mask: Vec<bool> = frames
            .iter()
            .map(|f| f.transition_prob.unwrap_or(0.0) >= th.transition_threshold)
            .collect();
        for (s, e) in runs(&mask, th.transition_min_frames.max(2), 1) {
            let conf = frames[s..e]
                .iter()
                .filter_map(|f| f.transition_prob)
                .fold(0.0f32, f32::max);
            spans.push((s, e, conf));
        }
    }
    let min_black = super::stats::frames_for(th.black_span_min_s, fps, 2);
    for (s, e) in runs(black, min_black, 0) {
        // Fade ramps need at least 3 frames; shorter runs of brightening are noise.
        let before = ramp_len(frames, black, s, false, th);
        let after = ramp_len(frames, black, e - 1, true, th);
        let s2 = if before >= 3 { s - before } else { s };
        let e2 = if after >= 3 { e + after } else { e };
        spans.push((s2, e2, 1.0));
    }
    // A fade out straight into a fade in, through black too short to be a black span
    // (or never quite black): one transition when both ramps are at least 3 frames.
    let dark: Vec<bool> = frames
        .iter()
        .zip(black)
        .map(|(f, &b)| b || f.luma_mean <= th.black_luma_max)
        .collect();
    for (s, e) in runs(&dark, 1, 0) {
        let before = ramp_len(frames, &dark, s, false, th);
        let after = ramp_len(frames, &dark, e - 1, true, th);
        if before >= 3 && after >= 3 {
            spans.push((s - before, e + after, 1.0));
        }
    }
    spans.sort_by_key(|&(s, e, _)| (s, e));
    let mut merged: Vec<(usize, usize, f32)> = Vec::new();
    for (s, e, c) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 + 2 => {
                last.1 = last.1.max(e);
                last.2 = last.2.max(c);
            }
            _ => merged.push((s, e, c)),
        }
    }
    merged
        .into_iter()
        .map(|(s, e, conf)| {
            let e = e.min(n);
            let has_black = dark[s..e].iter().any(|&b| b);
            let kind = if !has_black {
                TransitionKind::Dissolve
            } else {
                let fade_out = !black[s];
                let fade_in = !black[e - 1];
                match (fade_out, fade_in) {
                    (true, true) => TransitionKind::FadeThroughBlack,
                    (true, false) => TransitionKind::FadeOut,
                    (false, true) => TransitionKind::FadeIn,
                    (false, false) => TransitionKind::Black,
                }
            };
            Transition {
                range: FrameRange::new(s as i64, e as i64),
                kind,
                confidence: conf,
            }
        })
        .collect()
}
