//! The clip level: temporal signals, shot boundaries, per-frame and per-shot scores
//! with an explainable breakdown, flags, trim suggestions and take ranking. Pure Rust
//! over the engine's per-frame [`FrameSignals`](crate::signals::types::FrameSignals);
//! [`crate::report::build_report`] runs it all and packages the result.
//!
//! Derived signals (pixels are at the engine's 512-pixel analysis width; thresholds in
//! [`Thresholds`]):
//!
//! | signal | definition | unit |
//! | --- | --- | --- |
//! | relative focus | frame focus / 90th percentile of the shot's focus | ratio, 1 = sharpest |
//! | shake | RMS over 0.5 s of (global motion − its 0.5 s interquartile-mean) | px/frame |
//! | pan speed | length of the smoothed global motion (÷512 = fraction of width) | px/frame |
//! | pan / whip-pan | pan speed ≥ 2 px for 0.5 s / raw speed ≥ 32 px for 2 frames, grown over neighbours ≥ 16 px | flag |
//! | black | mean luma ≤ 0.07 and ≥ 60 % of pixels ≤ 0.02 | flag |
//! | washed out | ≥ 20 % of pixels ≥ 0.98 and mean luma ≥ 0.6 (junk at a shot's head or tail) | trim |
//! | flash | 1–3 frames ≥ 0.12 luma above both neighbours, which match within 0.06 | flag |
//! | frozen | ≥ 3 frames with `diff_prev` below the noise-aware repeat threshold | flag |
//! | blink | one face track's eye openness < ½ its open level for 2 frames .. 0.4 s | event |
//! | face focus | face focus / 90th percentile of its track | ratio |
//! | frame score | 100 − per-component penalties ([`score::frame_penalties`]) | 0..100 |

pub mod boundaries;
pub mod events;
pub mod faces;
pub mod flags;
pub mod options;
pub mod pipeline;
pub mod rank;
pub mod rounding;
pub mod score;
pub mod stats;
pub mod temporal;
pub mod transitions;
pub mod trim;

#[cfg(test)]
pub(crate) mod testutil;

use serde::{Deserialize, Serialize};

pub use boundaries::{BoundarySource, Cut, SuppressedCut};
pub use faces::Blink;
pub use flags::{Flag, FlagKind};
pub use options::Thresholds;
pub use rank::{rank_takes, RankedTake, TakeRanking};
pub use score::{Component, ScoreComponent};
pub use transitions::{Transition, TransitionKind};
pub use trim::{Segment, TrimSuggestion};

/// A half-open range of frame numbers `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FrameRange {
    /// First frame in the range.
    pub start: i64,
    /// One past the last frame.
    pub end: i64,
}

impl FrameRange {
    /// `[start, end)`.
    pub const fn new(start: i64, end: i64) -> Self {
        Self { start, end }
    }

    /// Number of frames (0 when empty or inverted).
    pub fn len(&self) -> i64 {
        (self.end - self.start).max(0)
    }

    /// Whether the range holds no frame.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `frame` lies in the range.
    pub fn contains(&self, frame: i64) -> bool {
        frame >= self.start && frame < self.end
    }

    /// The range moved by `by` frames.
    pub fn shift(self, by: i64) -> Self {
        Self::new(self.start + by, self.end + by)
    }
}

/// Shot ranges (indices) of a clip of `n` frames: everything outside the transition
/// spans and the `gaps` (index ranges never analysed), split at the cuts. Empty pieces
/// are dropped.
pub fn shot_ranges(
    n: usize,
    cuts: &[Cut],
    transitions: &[Transition],
    gaps: &[FrameRange],
) -> Vec<(usize, usize)> {
    let mut covered = vec![false; n];
    for r in transitions.iter().map(|t| &t.range).chain(gaps) {
        let s = r.start.clamp(0, n as i64) as usize;
        let e = r.end.clamp(0, n as i64) as usize;
        covered[s..e].iter_mut().for_each(|c| *c = true);
    }
    let mut starts = vec![false; n];
    for c in cuts {
        if c.frame > 0 && (c.frame as usize) < n {
            starts[c.frame as usize] = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        let s = i;
        i += 1;
        while i < n && !covered[i] && !starts[i] {
            i += 1;
        }
        out.push((s, i));
    }
    out
}
