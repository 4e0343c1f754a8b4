//! The clip report: plain, versioned serde data with everything the clip-level analysis
//! found (shots, scores with breakdowns, flags, trims, transitions, per-frame curves).
//!
//! The JSON is deterministic: identical input gives identical bytes (fields in
//! declaration order, vectors sorted, no maps, floats rounded to 4 decimals, no
//! timestamps). [`ClipReport::from_json_str`] refuses other formats and versions.

use serde::{Deserialize, Serialize};

use crate::shots::boundaries::{BoundarySource, Cut, SuppressedCut};
use crate::shots::faces::Blink;
use crate::shots::flags::Flag;
use crate::shots::options::Thresholds;
use crate::shots::rounding::{r4, r4_opt};
use crate::shots::score::ScoreComponent;
use crate::shots::transitions::Transition;
use crate::shots::trim::{Segment, TrimSuggestion};
use crate::shots::FrameRange;
use crate::signals::types::{FrameRate, FrameSignals};

/// Version of the report layout; bumped on any incompatible change.
pub const REPORT_VERSION: u32 = 1;
/// Value of the `format` field.
pub const REPORT_FORMAT: &str = "circletake.report";

/// Errors reading a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Not JSON, or not the report layout.
    #[error("not a valid CircleTake report: {0}")]
    Invalid(String),
    /// A different `format` value.
    #[error("not a CircleTake report (format {found:?}, expected {REPORT_FORMAT:?})")]
    WrongFormat {
        /// The format found.
        found: String,
    },
    /// Written by an older or newer CircleTake.
    #[error("report version {found} is not supported (this build reads version {supported}); re-run the analysis")]
    UnsupportedVersion {
        /// Version in the file.
        found: u64,
        /// Version this build reads and writes.
        supported: u32,
    },
}

/// Options of [`build_report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportOptions {
    /// Name of the analysed media (stored in the report, used as the take label).
    pub source: Option<String>,
    /// Length (s) of the best segment to find per shot; 0 = don't.
    pub best_segment_s: f32,
    /// All analysis thresholds.
    pub thresholds: Thresholds,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            source: None,
            best_segment_s: 2.0,
            thresholds: Thresholds::default(),
        }
    }
}

/// Which models and detectors produced the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelsUsed {
    /// Detector of cuts and transitions.
    pub shot_boundaries: BoundarySource,
    /// Face detection ran (on at least one frame).
    pub faces: bool,
    /// Eye openness was measured (blink detection possible).
    pub eyes: bool,
    /// Plain-language notes, e.g. what a fallback cannot do.
    pub notes: Vec<String>,
}

/// Derived signals and score of one frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameReport {
    /// Frame number.
    pub frame: i64,
    /// Whether the frame was measured; `false` for a gap in the frame numbers given
    /// (see [`ClipReport::gaps`]), which is filled with neutral values and scores 0.
    pub analyzed: bool,
    /// Shot index, `None` inside transitions and black spans.
    pub shot: Option<usize>,
    /// Usability 0..100 (the overlay / keyframe curve).
    #[serde(with = "r4")]
    pub score: f32,
    /// Raw focus (variance of Laplacian x1e3 at 512 px).
    #[serde(with = "r4")]
    pub focus: f32,
    /// Focus relative to the shot's 90th percentile.
    #[serde(with = "r4")]
    pub focus_rel: f32,
    /// Mean luma 0..1.
    #[serde(with = "r4")]
    pub luma: f32,
    /// Fraction of clipped pixels.
    #[serde(with = "r4")]
    pub clipped: f32,
    /// Fraction of crushed pixels.
    #[serde(with = "r4")]
    pub crushed: f32,
    /// Noise sigma, 0..1 luma.
    #[serde(with = "r4")]
    pub noise: f32,
    /// Shake, px/frame RMS at 512 px width.
    #[serde(with = "r4")]
    pub shake: f32,
    /// Intended camera motion, px/frame at 512 px width.
    #[serde(with = "r4")]
    pub pan_speed: f32,
    /// Mean abs luma difference to the previous frame.
    #[serde(with = "r4")]
    pub diff_prev: f32,
    /// TransNetV2 single-frame head.
    #[serde(with = "r4_opt")]
    pub cut_prob: Option<f32>,
    /// TransNetV2 many-hot head.
    #[serde(with = "r4_opt")]
    pub transition_prob: Option<f32>,
    /// Least sharp tracked face relative to its track's sharpest.
    #[serde(with = "r4_opt")]
    pub face_focus_rel: Option<f32>,
    /// Black frame.
    pub black: bool,
    /// Flash frame.
    pub flash: bool,
    /// Frozen frame.
    pub frozen: bool,
    /// Inside a transition or black span.
    pub transition: bool,
    /// Inside a whip-pan.
    pub whip_pan: bool,
    /// Inside a pan.
    pub pan: bool,
    /// A face is blinking.
    pub blink: bool,
}

/// One shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShotReport {
    /// 0-based shot index.
    pub index: usize,
    /// First frame.
    pub start: i64,
    /// One past the last frame.
    pub end: i64,
    /// First frame that is not black/flash/frozen.
    pub usable_start: i64,
    /// One past the last frame that is not black/flash/frozen.
    pub usable_end: i64,
    /// Score 0..100 of the whole shot.
    #[serde(with = "r4")]
    pub score: f32,
    /// Points each component cost the whole shot (100 - sum = score).
    pub breakdown: Vec<ScoreComponent>,
    /// Score 0..100 of the suggested trim.
    #[serde(with = "r4")]
    pub trimmed_score: f32,
    /// Points each component cost the suggested trim.
    pub trimmed_breakdown: Vec<ScoreComponent>,
    /// Problems and where.
    pub flags: Vec<Flag>,
    /// Suggested in/out.
    pub trim: TrimSuggestion,
    /// Best segment of the requested length, if any fits.
    pub best_segment: Option<Segment>,
}

/// Everything found in one clip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClipReport {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// [`REPORT_VERSION`] of the writer.
    pub version: u32,
    /// Analysed media name.
    pub source: Option<String>,
    /// Frame rate.
    pub frame_rate: FrameRate,
    /// Number of frames analysed.
    pub frame_count: usize,
    /// Frame number of the first analysed frame.
    pub first_frame: i64,
    /// Models and detectors used.
    pub models: ModelsUsed,
    /// Shots in order.
    pub shots: Vec<ShotReport>,
    /// Hard cuts (first frame of the new shot).
    pub cuts: Vec<Cut>,
    /// Cut candidates rejected, with reasons.
    pub suppressed_cuts: Vec<SuppressedCut>,
    /// Gradual transitions and black spans (outside every shot).
    pub transitions: Vec<Transition>,
    /// All shots' flags, sorted by first frame then kind.
    pub flags: Vec<Flag>,
    /// Frame numbers missing from the input (never analysed); outside every shot.
    pub gaps: Vec<FrameRange>,
    /// Blinks.
    pub blinks: Vec<Blink>,
    /// Flash frames.
    pub flashes: Vec<FrameRange>,
    /// Frozen frames.
    pub frozen: Vec<FrameRange>,
    /// Per-frame signals and scores.
    pub frames: Vec<FrameReport>,
}

impl ClipReport {
    /// Pretty JSON, byte-identical for identical reports.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// Reads a report, checking `format` and `version` first so an old or new file gets
    /// a clear error rather than a field-by-field one.
    pub fn from_json_str(text: &str) -> Result<Self, ReportError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ReportError::Invalid(e.to_string()))?;
        let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != REPORT_FORMAT {
            return Err(ReportError::WrongFormat {
                found: format.to_string(),
            });
        }
        let version = value
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| {
                ReportError::Invalid("missing or non-numeric \"version\"".to_string())
            })?;
        if version != u64::from(REPORT_VERSION) {
            return Err(ReportError::UnsupportedVersion {
                found: version,
                supported: REPORT_VERSION,
            });
        }
        serde_json::from_value(value).map_err(|e| ReportError::Invalid(e.to_string()))
    }

    /// The best segment of `length_frames` in shot `shot` (see
    /// [`crate::shots::trim::best_segment`]); `None` for an unknown shot or when no window fits.
    pub fn best_segment(&self, shot: usize, length_frames: usize) -> Option<Segment> {
        let s = self.shots.get(shot)?;
        crate::shots::pipeline::best_segment_in_report(self, s, length_frames)
    }
}

/// Runs the clip-level analysis over the engine's per-frame signals and packages the
/// result. Frames may come in any order; duplicates are dropped (the first is kept) and
/// gaps in the frame numbers become [`ClipReport::gaps`], outside every shot, so
/// `frames[i].frame == first_frame + i` always holds in the report.
pub fn build_report(
    frames: &[FrameSignals],
    frame_rate: FrameRate,
    options: &ReportOptions,
) -> ClipReport {
    crate::shots::pipeline::analyze(frames, frame_rate, options)
}
