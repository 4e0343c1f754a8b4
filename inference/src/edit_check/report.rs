//! The edit-check report: plain, versioned serde data (deterministic JSON, like
//! the clip report: declaration order, 4-decimal floats, no timestamps).

use serde::{Deserialize, Serialize};

use super::{EditCheckOptions, EditPoint, Side};
use crate::signals::FrameRate;

/// Version of the edit-check report layout; bumped on any incompatible change.
pub const EDIT_REPORT_VERSION: u32 = 1;
/// Value of the `format` field.
pub const EDIT_REPORT_FORMAT: &str = "circletake.edit_check";

/// Errors reading an edit-check report.
#[derive(Debug, thiserror::Error)]
pub enum EditReportError {
    /// Not JSON, or not the layout.
    #[error("not a valid CircleTake edit check: {0}")]
    Invalid(String),
    /// A different `format` value.
    #[error("not a CircleTake edit check (format {found:?}, expected {EDIT_REPORT_FORMAT:?})")]
    WrongFormat {
        /// The format found.
        found: String,
    },
    /// Written by an older or newer CircleTake.
    #[error("edit check version {found} is not supported (this build reads version {supported}); check the edit again")]
    UnsupportedVersion {
        /// Version in the file.
        found: u64,
        /// Version this build reads and writes.
        supported: u32,
    },
}

/// What is wrong at (or near) the cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A blink (lids lowered) within a few frames of the cut.
    Blink,
    /// Eyes closed on the frame at the cut (or a closure longer than a blink).
    EyesClosed,
    /// The cut falls inside a whip-pan.
    WhipPan,
    /// Heavy motion blur (a smeared frame) at the cut.
    MotionBlur,
    /// A flash frame at the edit.
    Flash,
    /// Nearly the same framing on both sides: a jump cut.
    JumpCut,
    /// A large exposure (brightness) jump across the cut.
    ExposureJump,
    /// A large colour (white balance / grade) jump across the cut.
    ColourJump,
    /// The clip has a cut of its own right next to the edit (a frame of another shot shows).
    SourceCut,
}

impl IssueKind {
    /// Display name, e.g. `"eyes closed"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Blink => "blink",
            Self::EyesClosed => "eyes closed",
            Self::WhipPan => "whip-pan",
            Self::MotionBlur => "motion blur",
            Self::Flash => "flash frame",
            Self::JumpCut => "jump cut",
            Self::ExposureJump => "exposure jump",
            Self::ColourJump => "colour jump",
            Self::SourceCut => "source cut",
        }
    }
}

/// One problem found at the edit as placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditIssue {
    /// What it is.
    pub kind: IssueKind,
    /// Which clip shows it; `None` for problems across the cut (jump cut, exposure or colour jump).
    pub side: Option<Side>,
    /// The source frame of that clip where it is worst; `None` across the cut.
    pub frame: Option<i64>,
    /// 0..1; 1 = certainly worth fixing.
    #[serde(with = "crate::shots::rounding::r4")]
    pub severity: f32,
    /// One line for the editor, e.g. `"eyes closed on outgoing frame 1041"`.
    pub message: String,
}

/// The cost of the edit rolled by `shift` frames (for curves and the overlay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftCost {
    /// Roll in frames (positive = later).
    pub shift: i32,
    /// Sum of issue severities at that roll plus a small cost per frame moved;
    /// `None` where a needed frame is missing or the roll crosses a source cut.
    #[serde(with = "crate::shots::rounding::r4_opt")]
    pub cost: Option<f32>,
    /// Kinds of the issues at that roll.
    pub issues: Vec<IssueKind>,
}

/// A better place for the cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditSuggestion {
    /// Roll in frames (positive = later), never 0.
    pub shift: i32,
    /// The edit after the roll.
    pub edit: EditPoint,
    /// The issues at the original edit that the roll removes.
    pub fixes: Vec<IssueKind>,
    /// One line, e.g. `"cut 3 frames later: eyes closed on outgoing frame 1041"`.
    pub reason: String,
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing found.
    Clean,
    /// Issues found and a roll fixes the worst of them.
    MoveEdit,
    /// Issues no roll within range fixes (jump cut, exposure jump, ...): the editor decides.
    Review,
}

/// Everything the check found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditReport {
    /// Always [`EDIT_REPORT_FORMAT`].
    pub format: String,
    /// Always [`EDIT_REPORT_VERSION`].
    pub version: u32,
    /// Outgoing media name, when known.
    pub outgoing: Option<String>,
    /// Incoming media name, when known.
    pub incoming: Option<String>,
    /// The edit as checked.
    pub edit: EditPoint,
    /// Frame rate of both clips.
    pub frame_rate: FrameRate,
    /// Options used.
    pub options: EditCheckOptions,
    /// The answer.
    pub verdict: Verdict,
    /// Problems at the edit as placed, worst first.
    pub issues: Vec<EditIssue>,
    /// The roll to make, if any helps.
    pub suggestion: Option<EditSuggestion>,
    /// Cost of every roll in `-max_shift..=max_shift`, ascending shift.
    pub shifts: Vec<ShiftCost>,
    /// Layout similarity of the frames either side of the cut, 0..1 (1 = same framing).
    #[serde(with = "crate::shots::rounding::r4")]
    pub framing_similarity: f32,
    /// Mean luma of the incoming first frame minus the outgoing last frame (−1..1).
    #[serde(with = "crate::shots::rounding::r4")]
    pub exposure_change: f32,
    /// OKLab distance between the mean colours either side of the cut (chroma only).
    #[serde(with = "crate::shots::rounding::r4")]
    pub colour_change: f32,
    /// What could not be checked and why (e.g. "no face model: blinks not checked").
    pub notes: Vec<String>,
}

impl EditReport {
    /// Deterministic JSON (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("edit report serialises")
    }

    /// Reads a report written by [`to_json`](Self::to_json), refusing other formats and versions.
    pub fn from_json_str(text: &str) -> Result<Self, EditReportError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| EditReportError::Invalid(e.to_string()))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(EDIT_REPORT_FORMAT) => {}
            Some(other) => {
                return Err(EditReportError::WrongFormat {
                    found: other.to_string(),
                })
            }
            None => return Err(EditReportError::Invalid("no \"format\" field".into())),
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(EDIT_REPORT_VERSION) => {}
            Some(found) => {
                return Err(EditReportError::UnsupportedVersion {
                    found,
                    supported: EDIT_REPORT_VERSION,
                })
            }
            None => return Err(EditReportError::Invalid("no \"version\" field".into())),
        }
        serde_json::from_value(value).map_err(|e| EditReportError::Invalid(e.to_string()))
    }

    /// Whether the edit is fine as placed.
    pub fn is_clean(&self) -> bool {
        self.verdict == Verdict::Clean
    }
}
