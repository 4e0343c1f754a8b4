//! Scoring against the truth: cut precision/recall/F1 with a ±2 frame tolerance
//! (greedy one-to-one matching), false cuts on flashes and whip-pans, recall per
//! boundary kind, and trim in/out errors with junk frames inside suggested trims.

use serde::{Deserialize, Serialize};

use crate::report::ClipReport;
use crate::shots::FrameRange;

use super::truth::{BoundaryKind, ClipTruth, DistractorKind};

/// Tolerance of cut matching, frames.
pub const CUT_TOLERANCE: i64 = 2;

/// Counts of one detector on one or more clips.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CutScores {
    /// Predicted boundaries matched to a true one.
    pub true_positives: usize,
    /// Predicted boundaries matched to none.
    pub false_positives: usize,
    /// True boundaries no prediction matched.
    pub false_negatives: usize,
    /// False positives within the tolerance of a flash.
    pub false_on_flash: usize,
    /// False positives within the tolerance of a whip-pan.
    pub false_on_whip_pan: usize,
    /// (found, total) of true hard cuts.
    pub cuts: (usize, usize),
    /// (found, total) of true dissolves.
    pub dissolves: (usize, usize),
    /// (found, total) of true fades through black.
    pub fades: (usize, usize),
    /// `clip@frame` of each missed true boundary (its centre).
    pub missed: Vec<String>,
    /// `clip@frame` of each false prediction.
    pub false_cuts: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl CutScores {
    /// TP / (TP + FP); 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// TP / (TP + FN); 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Recall of gradual transitions (dissolves and fades together).
    pub fn gradual_recall(&self) -> f64 {
        ratio(
            self.dissolves.0 + self.fades.0,
            self.dissolves.1 + self.fades.1,
        )
    }

    /// Adds `other`'s counts (scores over several clips).
    pub fn merge(&mut self, other: &CutScores) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.false_on_flash += other.false_on_flash;
        self.false_on_whip_pan += other.false_on_whip_pan;
        for (a, b) in [
            (&mut self.cuts, other.cuts),
            (&mut self.dissolves, other.dissolves),
            (&mut self.fades, other.fades),
        ] {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.missed.extend(other.missed.iter().cloned());
        self.false_cuts.extend(other.false_cuts.iter().cloned());
    }
}

/// Scores `predicted` boundary frames (a cut's first new frame, or a transition's
/// centre) against `truth`: each prediction may match one true boundary it lies on
/// ([`super::truth::TruthBoundary::matches`], ±[`CUT_TOLERANCE`]); pairs are taken
/// greedily, closest to the boundary's centre first.
pub fn score_cuts(truth: &ClipTruth, predicted: &[i64]) -> CutScores {
    let tb = &truth.boundaries;
    let mut pairs: Vec<(i64, usize, usize)> = Vec::new();
    for (t, b) in tb.iter().enumerate() {
        for (p, &f) in predicted.iter().enumerate() {
            if b.matches(f, CUT_TOLERANCE) {
                pairs.push(((f - b.centre()).abs(), t, p));
            }
        }
    }
    pairs.sort();
    let mut t_used = vec![false; tb.len()];
    let mut p_used = vec![false; predicted.len()];
    for (_, t, p) in pairs {
        if !t_used[t] && !p_used[p] {
            t_used[t] = true;
            p_used[p] = true;
        }
    }
    let mut s = CutScores::default();
    for (t, b) in tb.iter().enumerate() {
        let slot = match b.kind {
            BoundaryKind::Cut => &mut s.cuts,
            BoundaryKind::Dissolve => &mut s.dissolves,
            BoundaryKind::FadeThroughBlack => &mut s.fades,
        };
        slot.1 += 1;
        if t_used[t] {
            slot.0 += 1;
            s.true_positives += 1;
        } else {
            s.false_negatives += 1;
            s.missed
                .push(format!("{}@{} ({:?})", truth.name, b.centre(), b.kind));
        }
    }
    for (p, &f) in predicted.iter().enumerate() {
        if p_used[p] {
            continue;
        }
        s.false_positives += 1;
        let near = |kind: DistractorKind| {
            truth.distractors.iter().any(|d| {
                d.kind == kind
                    && f >= d.range.start - CUT_TOLERANCE
                    && f <= d.range.end + CUT_TOLERANCE
            })
        };
        let what = if near(DistractorKind::Flash) {
            s.false_on_flash += 1;
            " (flash)"
        } else if near(DistractorKind::WhipPan) {
            s.false_on_whip_pan += 1;
            " (whip-pan)"
        } else {
            ""
        };
        s.false_cuts.push(format!("{}@{f}{what}", truth.name));
    }
    s
}

/// The boundaries a [`ClipReport`] claims, as frame positions: every cut, and the
/// centre of every transition span with frames of the clip on both sides (black or
/// fades at the very head or tail are not boundaries between shots).
pub fn report_boundaries(report: &ClipReport) -> Vec<i64> {
    let first = report.first_frame;
    let end = first + report.frame_count as i64;
    let mut out: Vec<i64> = report.cuts.iter().map(|c| c.frame).collect();
    out.extend(
        report
            .transitions
            .iter()
            .filter(|t| t.range.start > first && t.range.end < end)
            .map(|t| (t.range.start + t.range.end) / 2),
    );
    out.sort_unstable();
    out
}

/// TransNetV2 on its own: the model's `predictions_to_scenes` rule on the single-frame
/// head (`p > threshold`); each run of frames above the threshold is one boundary at
/// `(run start + run end + 1) / 2` (for a one-frame run on the last frame of the outgoing
/// shot, the first frame of the next scene). Frame 0 never starts a boundary.
pub fn transnet_boundaries(cut_prob: &[f32], threshold: f32) -> Vec<i64> {
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    for (i, &p) in cut_prob.iter().enumerate() {
        let on = p > threshold;
        match (on, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if s > 0 {
                    out.push((s + i).div_ceil(2) as i64);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    out
}

/// How one suggested trim compares with a take's clean span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrimScore {
    /// Clip name.
    pub name: String,
    /// The suggested trim judged (the one overlapping the clean span most), if any.
    pub trim: Option<FrameRange>,
    /// Suggested in − true in, frames (the clean length when no trim overlaps).
    pub in_error: i64,
    /// Suggested out − true out, frames (the clean length when no trim overlaps).
    pub out_error: i64,
    /// Junk frames inside any suggested trim of the clip.
    pub junk_inside: usize,
}

/// Scores the suggested trims of a take clip (`trims`: every shot's trim, empty ones
/// ignored). `None` when `truth` is not a take.
pub fn score_trim(truth: &ClipTruth, trims: &[FrameRange]) -> Option<TrimScore> {
    let take = truth.take.as_ref()?;
    let clean = take.clean;
    let overlap = |r: &FrameRange| (r.end.min(clean.end) - r.start.max(clean.start)).max(0);
    let best = trims
        .iter()
        .filter(|r| !r.is_empty() && overlap(r) > 0)
        .max_by_key(|r| (overlap(r), -r.start))
        .copied();
    let junk_inside = trims
        .iter()
        .map(|r| {
            (r.start..r.end)
                .filter(|&f| take.junk.iter().any(|j| j.range.contains(f)))
                .count()
        })
        .sum();
    let (in_error, out_error) = match best {
        Some(r) => (r.start - clean.start, r.end - clean.end),
        None => (clean.len(), clean.len()),
    };
    Some(TrimScore {
        name: truth.name.clone(),
        trim: best,
        in_error,
        out_error,
        junk_inside,
    })
}

/// Frames of true transitions inside any of `trims` (they belong to no shot).
pub fn transition_frames_in_trims(truth: &ClipTruth, trims: &[FrameRange]) -> usize {
    trims
        .iter()
        .map(|r| {
            (r.start..r.end)
                .filter(|&f| truth.boundaries.iter().any(|b| b.range.contains(f)))
                .count()
        })
        .sum()
}

/// Median and maximum of the absolute in and out errors together, and the junk total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrimSummary {
    /// Takes scored.
    pub takes: usize,
    /// Median of |in error| and |out error| over all takes, frames.
    pub median_abs_error: f64,
    /// Largest |in error| or |out error|, frames.
    pub max_abs_error: i64,
    /// Junk frames inside suggested trims, all takes.
    pub junk_inside: usize,
}

/// Summarises per-take trim scores.
pub fn summarize_trims(scores: &[TrimScore]) -> TrimSummary {
    let mut errs: Vec<i64> = scores
        .iter()
        .flat_map(|s| [s.in_error.abs(), s.out_error.abs()])
        .collect();
    errs.sort_unstable();
    let median = match errs.len() {
        0 => 0.0,
        n if n % 2 == 1 => errs[n / 2] as f64,
        n => (errs[n / 2 - 1] + errs[n / 2]) as f64 / 2.0,
    };
    TrimSummary {
        takes: scores.len(),
        median_abs_error: median,
        max_abs_error: errs.last().copied().unwrap_or(0),
        junk_inside: scores.iter().map(|s| s.junk_inside).sum(),
    }
}
