//! Cut Check: is this edit point a good frame to cut on?
//!
//! An edit joins the **outgoing** clip, shown up to and including source frame
//! [`EditPoint::out_frame`], to the **incoming** clip, shown from source frame
//! [`EditPoint::in_frame`]. The check measures both clips around the edit (the
//! engine's per-frame signals plus a small [`FrameLook`] per frame), finds what an
//! editor would not want at the cut — a blink or closed eyes, a whip-pan or heavy
//! motion blur, a flash frame, a jump cut, a large exposure or colour jump — and
//! suggests rolling the edit by up to ±[`EditCheckOptions::max_shift`] frames where
//! that removes the problem ("cut 3 frames later: eyes closed on outgoing frame 1041").
//!
//! A roll moves both sides by the same number of frames, so the sequence keeps its
//! length: shift `s` shows the outgoing clip up to `out_frame + s` and starts the
//! incoming clip at `in_frame + s`. Positive = later.
//!
//! Two ways in:
//! * [`EditCheck`] (from [`Engine::edit_check`](crate::Engine::edit_check)): push the
//!   frames of each side in any order, then [`EditCheck::finish`];
//! * [`check_edit`]: the pure decision on already measured frames (what the
//!   session calls; tests feed it synthetic signals).
//!
//! The rules, at each roll `s` (thresholds in [`EditThresholds`] and the clip
//! analysis' [`Thresholds`]; `d` = distance of a shown frame from the cut, 0 = the
//! last outgoing / first incoming frame):
//!
//! | issue | when | severity | a roll fixes it |
//! | --- | --- | --- | --- |
//! | eyes closed / blink | a face's eye openness below ½ (closed) or ¾ (lowered) of its open level (75th percentile in the window) on `d < 3`; frames next to a closed one count as lowered | `1/(1+0.7d)`, ½ for lowered | yes |
//! | whip-pan | the frame at the cut is in a whip-pan or moves ≥ 32 px/frame (512-px width) | 1 | yes |
//! | motion blur | the frame at the cut has < 0.4 × the median focus of its shot in the window | 0.5–1 | yes |
//! | flash frame | a flash of the source, or a 1–3-frame spike the edit makes, on `d < 6` | `1 − d/12` | yes |
//! | source cut | the last / first ≤ 3 frames shown belong to another shot of the source | 1 | yes |
//! | jump cut | 16×9 layout correlation of the frames at the cut ≥ 0.7 | 0.5–1 | never |
//! | exposure jump | mean luma changes ≥ 0.12, or ≥ 1 stop (both sides above black) | 0.5–1 | if a side settles |
//! | colour jump | mean OKLab (a, b) moves ≥ 0.015 | 0.5–1 | if a side settles |
//!
//! Exposure and colour are compared between the nearest frames either side of the
//! cut that are not flash frames: a flash at the cut is reported as a flash only.
//!
//! A roll that would show a frame not measured, or a frame of another shot of a
//! source (its cuts from TransNetV2, or frame differences without it), is not
//! possible. Cost(s) = Σ severities ≥ 0.25 + 0.02·|s|; the cheapest roll is
//! suggested when it costs at least 0.3 less than the edit as placed and removes
//! one of its issues. Verdict: clean (no issue), move edit (a roll is suggested),
//! review (issues no roll fixes).

mod check;
mod issues;
mod look;
mod report;
mod session;
mod side;
#[cfg(test)]
mod tests;

pub use check::check_edit;
pub use look::FrameLook;
pub use report::{
    EditIssue, EditReport, EditReportError, EditSuggestion, IssueKind, ShiftCost, Verdict,
    EDIT_REPORT_FORMAT, EDIT_REPORT_VERSION,
};
pub use session::EditCheck;

use serde::{Deserialize, Serialize};

use crate::shots::Thresholds;
use crate::signals::FrameSignals;

/// Where the cut is, in each clip's own (source) frame numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditPoint {
    /// Last frame of the outgoing clip that is shown.
    pub out_frame: i64,
    /// First frame of the incoming clip that is shown.
    pub in_frame: i64,
}

impl EditPoint {
    /// The edit rolled by `shift` frames (positive = later).
    pub fn rolled(self, shift: i32) -> Self {
        Self {
            out_frame: self.out_frame + i64::from(shift),
            in_frame: self.in_frame + i64::from(shift),
        }
    }
}

/// Which clip of the edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The clip before the cut.
    Outgoing,
    /// The clip after the cut.
    Incoming,
}

impl Side {
    /// `"outgoing"` / `"incoming"`, as used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Outgoing => "outgoing",
            Self::Incoming => "incoming",
        }
    }
}

/// Largest [`EditCheckOptions::max_shift`] and [`EditCheckOptions::context`] a check
/// accepts (frames): 10 s at 25 fps, beyond any trim of one edit.
pub const MAX_WINDOW_FRAMES: u32 = 250;

/// Options of the check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditCheckOptions {
    /// Largest roll the check suggests, in frames (each way).
    pub max_shift: u32,
    /// Frames measured beyond the largest roll on each side of each clip's edit
    /// frame, for context (blink and whip-pan detection need neighbours).
    pub context: u32,
    /// Thresholds shared with the clip analysis (blinks, whip-pans, flashes, ...).
    pub thresholds: Thresholds,
    /// Thresholds of the check itself (jump cut, exposure and colour jumps, costs).
    pub check: EditThresholds,
}

impl Default for EditCheckOptions {
    fn default() -> Self {
        Self {
            max_shift: 6,
            context: 8,
            thresholds: Thresholds::default(),
            check: EditThresholds::default(),
        }
    }
}

/// Thresholds of the edit check that the clip analysis does not have. Luma is mean
/// Rec. 709 luma of code values (0..1); `d` below is the distance of a shown frame
/// from the cut (0 = the last outgoing / first incoming frame).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditThresholds {
    /// Closed or lowered eyes count on the last / first this many frames shown
    /// (frames); severity `1 / (1 + 0.7 d)`, halved for lowered lids. The frames
    /// next to a closed one count as lowered (lids in motion).
    pub eye_frames: u32,
    /// A face track needs eye openness on at least this many frames of the window
    /// for its open level (75th percentile) to be trusted.
    pub eye_min_samples: usize,
    /// The frame at the cut is smeared (motion blur) when its focus is below this
    /// fraction of the median focus of its shot's frames in the window (ratio).
    pub blur_focus_ratio: f32,
    /// A flash frame counts on the last / first this many frames shown (frames);
    /// severity `1 − 0.5 d / flash_frames`. A roll that keeps the flash this close to
    /// the cut does not remove it.
    pub flash_frames: u32,
    /// A cut in the source this close to the edit (the last / first at most this many
    /// frames shown belong to another shot, frames) is a source-cut issue.
    pub source_cut_frames: u32,
    /// Framing similarity (16×9 layout correlation, 0..1) at and above which the two
    /// sides of the cut count as the same framing: a jump cut.
    pub jump_cut_similarity: f32,
    /// A change of mean luma of at least this across the cut is an exposure jump.
    pub exposure_jump_luma: f32,
    /// ... and so is a change of at least this many stops, where both sides are
    /// brighter than black (luma read as gamma-2.4 code values: stops =
    /// 2.4 · |log2(luma_in / luma_out)|); catches jumps in dark pictures.
    pub exposure_jump_stops: f32,
    /// Distance of the mean OKLab chroma (a, b) across the cut at and above which the
    /// colour jumps (white balance, grade).
    pub colour_jump: f32,
    /// Issues below this severity (0..1) are ignored.
    pub min_severity: f32,
    /// Cost added per frame a roll moves the edit (keeps the edit where it is unless
    /// a roll clearly helps, and prefers small rolls).
    pub shift_cost: f32,
    /// A roll is suggested only when it lowers the cost by at least this much.
    pub min_improvement: f32,
}

impl Default for EditThresholds {
    fn default() -> Self {
        Self {
            eye_frames: 3,
            eye_min_samples: 5,
            blur_focus_ratio: 0.4,
            flash_frames: 6,
            source_cut_frames: 3,
            jump_cut_similarity: 0.7,
            exposure_jump_luma: 0.12,
            exposure_jump_stops: 1.0,
            colour_jump: 0.015,
            min_severity: 0.25,
            shift_cost: 0.02,
            min_improvement: 0.3,
        }
    }
}

impl EditCheckOptions {
    /// Frames `[first, last]` of the outgoing clip the check wants for `edit`.
    pub fn outgoing_frames(&self, edit: EditPoint) -> (i64, i64) {
        around(edit.out_frame, self.max_shift.saturating_add(self.context))
    }

    /// Frames `[first, last]` of the incoming clip the check wants for `edit`.
    pub fn incoming_frames(&self, edit: EditPoint) -> (i64, i64) {
        around(edit.in_frame, self.max_shift.saturating_add(self.context))
    }

    /// Frames wanted on `side`.
    pub fn frames(&self, side: Side, edit: EditPoint) -> (i64, i64) {
        match side {
            Side::Outgoing => self.outgoing_frames(edit),
            Side::Incoming => self.incoming_frames(edit),
        }
    }
}

fn around(centre: i64, half: u32) -> (i64, i64) {
    (
        centre.saturating_sub(i64::from(half)),
        centre.saturating_add(i64::from(half)),
    )
}

/// The measured frames of one clip around the edit, ascending frame numbers, one
/// [`FrameLook`] per [`FrameSignals`] (same frame numbers). Frames may be missing
/// (a clip without handles ends at its edit frame); rolls that would show a
/// missing frame are not suggested.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SideFrames {
    /// Engine signals (TransNetV2 probabilities filled where the model ran).
    pub signals: Vec<FrameSignals>,
    /// Looks of the same frames.
    pub looks: Vec<FrameLook>,
}
