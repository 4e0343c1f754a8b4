//! Ground truth of one built clip, written next to its video as `<name>.truth.json`.
//! Frame numbers are 0-based in decode order; ranges are half-open `[start, end)`.

use serde::{Deserialize, Serialize};

use crate::shots::FrameRange;
use crate::signals::types::FrameRate;

/// Value of the `format` field of a truth file.
pub const TRUTH_FORMAT: &str = "circletake.testset.truth";
/// Version of the truth layout.
pub const TRUTH_VERSION: u32 = 1;

/// What a clip tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClipKind {
    /// An edited sequence: shots joined by cuts and gradual transitions, with flashes and
    /// whip-pans inside shots (scored with cut precision/recall).
    Sequence,
    /// One take with junk at the head and tail (scored with trim errors).
    Take,
}

/// Kind of a shot boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundaryKind {
    /// Hard cut: `range` is empty and `range.start` is the first frame of the new shot.
    Cut,
    /// Cross-dissolve: `range` holds the mixed frames.
    Dissolve,
    /// Fade out, optional black, fade in: `range` holds every darkened frame.
    FadeThroughBlack,
}

/// One true shot boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthBoundary {
    /// Kind of boundary.
    pub kind: BoundaryKind,
    /// Transition frames (empty for a cut, which sits at `range.start`). They belong to
    /// no shot's usable range.
    pub range: FrameRange,
}

impl TruthBoundary {
    /// The boundary as one frame position: the cut frame, or the centre of a span
    /// (`(start + end) / 2`, rounded down).
    pub fn centre(&self) -> i64 {
        (self.range.start + self.range.end) / 2
    }

    /// Whether `frame` lies on this boundary within `tolerance` frames: for a cut
    /// `|frame - cut| <= tolerance`, for a span `start - tolerance <= frame <= end - 1 + tolerance`.
    pub fn matches(&self, frame: i64, tolerance: i64) -> bool {
        let last = (self.range.end - 1).max(self.range.start);
        frame >= self.range.start - tolerance && frame <= last + tolerance
    }
}

/// One shot of the built clip and where its frames came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthShot {
    /// Frames of the shot outside any transition.
    pub range: FrameRange,
    /// Source file name.
    pub source: String,
    /// Source frame shown at `range.start`.
    pub source_frame: i64,
}

/// Something inside a shot that must NOT be reported as a cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistractorKind {
    /// 1–3 frames of added light (a photographer's flash, lightning).
    Flash,
    /// A fast motion-blurred camera move away and back.
    WhipPan,
}

/// A flash or whip-pan inside a shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distractor {
    /// What it is.
    pub kind: DistractorKind,
    /// Its frames.
    pub range: FrameRange,
}

/// Kind of junk at a take's head or tail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JunkKind {
    /// Black frames (lens cap, camera start/stop).
    Black,
    /// A flash (slate light) a few frames into the take.
    Flash,
    /// Decaying random translation while the operator settles.
    SettlingShake,
    /// Gaussian blur whose sigma ramps down to 0 (focus being pulled in).
    FocusPull,
    /// Gain ramping up to clipping.
    Overexposure,
    /// A whip-pan away from the subject, accelerating.
    WhipPanAway,
}

/// Junk frames of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JunkSpan {
    /// What is wrong.
    pub kind: JunkKind,
    /// The clearly unusable frames (black, flash, shake ≥ 4 px, blur sigma ≥ 1.5 px,
    /// gain ≥ 1.6, whip steps ≥ 20 px at 512 px width). They must not be inside a trim.
    pub range: FrameRange,
}

/// The right answer for a take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakeTruth {
    /// The clean span: the first frame after all head junk to one past the last frame
    /// before any tail junk. The ideal trim.
    pub clean: FrameRange,
    /// Junk kinds at the head, in order.
    pub head: Vec<JunkKind>,
    /// Junk kinds at the tail, in order.
    pub tail: Vec<JunkKind>,
    /// Clearly unusable frames.
    pub junk: Vec<JunkSpan>,
}

/// Everything known about one built clip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClipTruth {
    /// Always [`TRUTH_FORMAT`].
    pub format: String,
    /// Always [`TRUTH_VERSION`].
    pub version: u32,
    /// Clip name (file stem).
    pub name: String,
    /// What the clip tests.
    pub kind: ClipKind,
    /// Number of frames in the video.
    pub frame_count: usize,
    /// Frame rate of the video.
    pub frame_rate: FrameRate,
    /// Picture width in pixels.
    pub width: usize,
    /// Picture height in pixels.
    pub height: usize,
    /// Shot boundaries, sorted.
    pub boundaries: Vec<TruthBoundary>,
    /// Shots, sorted.
    pub shots: Vec<TruthShot>,
    /// Flashes and whip-pans inside shots, sorted.
    pub distractors: Vec<Distractor>,
    /// For takes: the clean span and the junk.
    pub take: Option<TakeTruth>,
}

impl ClipTruth {
    /// Reads a truth file written by [`super::build`].
    pub fn load(path: &std::path::Path) -> Result<Self, super::TestSetError> {
        let text = std::fs::read_to_string(path).map_err(|e| super::TestSetError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let truth: Self =
            serde_json::from_str(&text).map_err(|e| super::TestSetError::BadTruth {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        if truth.format != TRUTH_FORMAT || truth.version != TRUTH_VERSION {
            return Err(super::TestSetError::BadTruth {
                path: path.to_path_buf(),
                reason: format!(
                    "format {:?} version {} (expected {TRUTH_FORMAT:?} version {TRUTH_VERSION})",
                    truth.format, truth.version
                ),
            });
        }
        Ok(truth)
    }
}
