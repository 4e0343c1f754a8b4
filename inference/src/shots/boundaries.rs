//! Shot boundaries: hard cuts from the TransNetV2 single-frame head (or, without the
//! model, an adaptive `diff_prev` detector in the spirit of PySceneDetect's
//! AdaptiveDetector), checked against the signals, plus gradual transition spans.

use serde::{Deserialize, Serialize};

use crate::signals::types::FrameSignals;

use super::options::Thresholds;
use super::rounding::r4;
use super::stats::frames_for;
use super::transitions::{transition_spans, Transition};
use super::FrameRange;

/// Which detector found the boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundarySource {
    /// TransNetV2 (single-frame head for cuts, many-hot head for gradual transitions).
    Transnetv2,
    /// The model was unavailable: adaptive threshold on the frame difference; gradual
    /// transitions only where they involve black (dissolves are not detected).
    SignalFallback,
}

/// A hard cut: `frame` is the first frame of the new shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cut {
    /// First frame of the shot that starts at this cut.
    pub frame: i64,
    /// Model probability at the cut, or for the fallback `0.5 + 0.5 * (1 - ratio_threshold / ratio)`.
    #[serde(with = "r4")]
    pub confidence: f32,
}

/// A cut candidate that was rejected, with the reason (for explainability).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuppressedCut {
    /// Frame where the candidate would have started a shot.
    pub frame: i64,
    /// Its probability / confidence.
    #[serde(with = "r4")]
    pub confidence: f32,
    /// Why it is not a cut: `flash_frame`, `whip_pan`, `inside_transition` or `too_close`.
    pub reason: String,
}

/// Boundaries of a clip, in indices of the frame slice they were found in.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    /// Detector used.
    pub source: BoundarySource,
    /// Hard cuts, sorted.
    pub cuts: Vec<Cut>,
    /// Transition and black spans, sorted, non-overlapping.
    pub transitions: Vec<Transition>,
    /// Rejected candidates.
    pub suppressed: Vec<SuppressedCut>,
}

/// What the boundary detector needs to know about each frame besides the raw signals.
#[derive(Debug, Clone, Copy)]
pub struct BoundaryContext<'a> {
    /// Black frames.
    pub black: &'a [bool],
    /// Flash frames (index ranges).
    pub flashes: &'a [FrameRange],
    /// Frames inside whip-pans.
    pub whip: &'a [bool],
}

/// Whether the TransNetV2 heads were delivered for (nearly) every frame.
pub fn model_available(frames: &[FrameSignals]) -> bool {
    let with = frames.iter().filter(|f| f.cut_prob.is_some()).count();
    !frames.is_empty() && with * 10 >= frames.len() * 9
}

/// Raw cut candidates from the single-frame head: the peak of every run above
/// `cut_threshold`. TransNetV2 marks the last frame of the outgoing shot or the first
/// of the incoming one depending on alignment, so the cut goes between the peak and the
/// neighbour with the larger frame difference.
fn model_candidates(frames: &[FrameSignals], th: &Thresholds) -> Vec<Cut> {
    let p: Vec<f32> = frames.iter().map(|f| f.cut_prob.unwrap_or(0.0)).collect();
    let mask: Vec<bool> = p.iter().map(|&x| x >= th.cut_threshold).collect();
    let mut out = Vec::new();
    for (s, e) in super::stats::runs(&mask, 1, 0) {
        let peak = (s..e).fold(s, |b, i| if p[i] > p[b] { i } else { b });
        let here = frames[peak].diff_prev;
        let next = frames.get(peak + 1).map_or(f32::MIN, |f| f.diff_prev);
        let frame = if next > here { peak + 1 } else { peak };
        if frame > 0 && frame < frames.len() {
            out.push(Cut {
                frame: frame as i64,
                confidence: p[peak],
            });
        }
    }
    out
}

/// Fallback candidates: `diff_prev` is at least `adaptive_ratio` times the mean of its
/// `adaptive_window` neighbours on each side, at least `adaptive_min_diff`, and a local
/// maximum. The neighbours' mean adapts the threshold to camera and subject motion.
fn adaptive_candidates(frames: &[FrameSignals], th: &Thresholds) -> Vec<Cut> {
    let d: Vec<f32> = frames.iter().map(|f| f.diff_prev.max(0.0)).collect();
    let n = d.len();
    let w = th.adaptive_window.max(1);
    let mut out = Vec::new();
    for i in 1..n {
        let lo = i.saturating_sub(w).max(1);
        let hi = (i + w + 1).min(n);
        let neighbours: Vec<f32> = (lo..hi).filter(|&j| j != i).map(|j| d[j]).collect();
        if neighbours.iter().any(|&x| x > d[i]) || d[i] < th.adaptive_min_diff {
            continue;
        }
        let mean = neighbours.iter().sum::<f32>() / neighbours.len().max(1) as f32;
        let ratio = d[i] / mean.max(1e-4);
        if ratio >= th.adaptive_ratio {
            out.push(Cut {
                frame: i as i64,
                confidence: (0.5 + 0.5 * (1.0 - th.adaptive_ratio / ratio)).clamp(0.0, 1.0),
            });
        }
    }
    out
}

/// Finds the cuts and transition spans of `frames` (indices of the slice).
pub fn detect_boundaries(
    frames: &[FrameSignals],
    ctx: BoundaryContext<'_>,
    fps: f64,
    th: &Thresholds,
) -> Boundaries {
    let model = model_available(frames);
    let source = if model {
        BoundarySource::Transnetv2
    } else {
        BoundarySource::SignalFallback
    };
    let transitions = transition_spans(frames, ctx.black, model, fps, th);

    let candidates = if model {
        model_candidates(frames, th)
    } else {
        adaptive_candidates(frames, th)
    };
    let mut cuts: Vec<Cut> = Vec::new();
    let mut suppressed = Vec::new();
    let min_gap = frames_for(th.min_shot_s, fps, 1) as i64;
    for c in candidates {
        let f = c.frame;
        // The flash itself and the frame where the picture returns both spike.
        let on_flash = ctx.flashes.iter().any(|r| f >= r.start && f <= r.end);
        // A move too fast to measure (smeared frames, phase correlation lost) right
        // before the candidate is a whip-pan the motion estimate could not follow.
        let smeared = (f - 5..f)
            .filter(|&i| i >= 1)
            .filter(|&i| {
                frames
                    .get(i as usize)
                    .is_some_and(|x| x.motion_confidence < th.smear_confidence)
            })
            .count()
            >= th.smear_frames;
        let in_whip =
            smeared || (f - 1..=f + 1).any(|i| ctx.whip.get(i as usize).copied().unwrap_or(false));
        let in_transition = transitions
            .iter()
            .any(|t| f >= t.range.start - 2 && f <= t.range.end + 2);
        let reason = if in_transition {
            Some("inside_transition")
        } else if on_flash && (!model || c.confidence < th.cut_flash_override) {
            Some("flash_frame")
        } else if in_whip && (!model || c.confidence < th.cut_certain) {
            Some("whip_pan")
        } else {
            None
        };
        if let Some(r) = reason {
            suppressed.push(SuppressedCut {
                frame: f,
                confidence: c.confidence,
                reason: r.to_string(),
            });
            continue;
        }
        match cuts.last_mut() {
            Some(last) if f - last.frame < min_gap => {
                let (keep, drop) = if c.confidence > last.confidence {
                    (c.clone(), last.clone())
                } else {
                    (last.clone(), c.clone())
                };
                *last = keep;
                suppressed.push(SuppressedCut {
                    frame: drop.frame,
                    confidence: drop.confidence,
                    reason: "too_close".to_string(),
                });
            }
            _ => cuts.push(c),
        }
    }
    Boundaries {
        source,
        cuts,
        transitions,
        suppressed,
    }
}
