//! Exports of a [`ClipReport`](crate::report::ClipReport): the report as JSON, an
//! OpenTimelineIO timeline of the suggested selects, a DaVinci Resolve markers EDL,
//! a per-frame CSV and a PNG report sheet. Every file is written atomically
//! (temporary file, fsync, rename; see [`atomic`]): a failed export never leaves a
//! partial file behind.
//!
//! Frame numbers of the report are the media's frame numbers (0 = first frame of the
//! file). Timecodes follow [`crate::timecode`]: drop-frame at 29.97 and 59.94,
//! non-drop 24-label counting at 23.976, plain counting at integer rates.

pub mod atomic;
mod canvas;
pub mod csv;
pub mod edl;
pub mod edl_assembly;
pub mod font;
pub mod json;
pub mod markers;
pub mod otio;
pub mod otio_timeline;
mod png_curve;
pub mod png_report;
mod png_style;

use std::path::PathBuf;

use crate::signals::types::FrameRate;
use crate::timecode::{TimecodeError, TimecodeFormat};

pub use atomic::{write_atomic, StagingDir};
pub use csv::write_csv;
pub use edl::write_markers_edl;
pub use json::write_json;
pub use markers::{merge_same_start, report_markers, Marker, MarkerKind};
pub use otio::write_otio;
pub use png_report::{thumbnail_frames, write_png_report, Thumbnails};

/// Errors of the exports. Each names the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be written (missing folder, no permission, disk full, ...).
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file (or staging folder) that was being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The report or the options cannot be expressed in the format
    /// (e.g. an invalid frame rate or start timecode).
    #[error("cannot export {}: {reason}", path.display())]
    Invalid {
        /// The file that was to be written.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The PNG encoder failed.
    #[error("cannot encode PNG {}: {reason}", path.display())]
    Png {
        /// The file that was to be written.
        path: PathBuf,
        /// The encoder's message.
        reason: String,
    },
}

/// Default record start timecode of timelines (the usual editorial 1 hour).
pub const DEFAULT_RECORD_START: &str = "01:00:00:00";

/// What the exports need to know about the clip besides the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ClipInfo {
    /// Clip name (titles, timeline and clip names), usually the file stem.
    pub name: String,
    /// The media file; written into the OTIO media reference (as given: pass an
    /// absolute path for a reference that resolves from anywhere).
    pub media_path: Option<PathBuf>,
    /// Source timecode of the media's frame 0 as a frame count in the clip's
    /// timecode format, when known (OTIO `available_range` starts there).
    pub source_start: Option<i64>,
    /// Record start timecode of the timeline (EDL record times, OTIO
    /// `global_start_time`); `None` = the source timecode when known, else
    /// [`DEFAULT_RECORD_START`].
    pub record_start: Option<String>,
    /// Force drop-frame (`Some(true)`, only valid at 29.97/59.94) or non-drop
    /// counting; `None` = the usual counting for the rate.
    pub drop_frame: Option<bool>,
}

impl ClipInfo {
    /// A clip called `name`, nothing else known.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            media_path: None,
            source_start: None,
            record_start: None,
            drop_frame: None,
        }
    }

    /// The timecode format for `rate` under these options.
    pub fn timecode_format(&self, rate: FrameRate) -> Result<TimecodeFormat, TimecodeError> {
        match self.drop_frame {
            None => TimecodeFormat::for_rate(rate),
            Some(true) => TimecodeFormat::drop_frame(rate),
            Some(false) => TimecodeFormat::non_drop(rate),
        }
    }

    /// Record start as a frame count in `format`.
    pub fn record_start_frames(&self, format: TimecodeFormat) -> Result<i64, TimecodeError> {
        match (&self.record_start, self.source_start) {
            (Some(tc), _) => format.parse(tc),
            (None, Some(src)) => Ok(src),
            (None, None) => format.parse(DEFAULT_RECORD_START),
        }
    }
}

/// Frame rate as OTIO's floating-point rate (24000/1001 -> 23.976...).
pub fn rate_f64(rate: FrameRate) -> f64 {
    if rate.den == 0 {
        0.0
    } else {
        f64::from(rate.num) / f64::from(rate.den)
    }
}
