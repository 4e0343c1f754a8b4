//! Timeline markers as a CMX3600-style EDL in the form DaVinci Resolve reads with
//! *Timeline > Import > Timeline Markers from EDL* (and writes with *Export >
//! Timeline Markers to EDL*):
//!
//! ```text
//! TITLE: bikes
//! FCM: NON-DROP FRAME
//!
//! 001  001      V     C        01:00:01:05 01:00:01:06 01:00:01:05 01:00:01:06
//!  |C:ResolveColorBlue |M:cut |D:1
//! ```
//!
//! One event per marker (see [`super::markers`]): source and record in are the
//! marker's position (media frame 0 sits at the record start, default
//! `01:00:00:00`, or the media's source timecode when known), out is one frame
//! later, `|D:` is the marker's duration in frames, `|C:` its colour by kind and
//! `|M:` its short name. The suggested trim of every shot is a green duration
//! marker. Resolve keeps one marker per frame, so markers that start on the same
//! frame are merged into one event (names joined with ` + `, colour and duration
//! of the first: select, cut, transition, blink, flash, frozen, flag). Drop-frame timecode (`;` before the frames) at 29.97 and 59.94 unless
//! non-drop is asked for; 23.976 counts 24 labels a second, non-drop.

use std::path::Path;

use crate::report::ClipReport;
use crate::timecode::TimecodeFormat;

use super::markers::{merge_same_start, report_markers};
use super::{write_atomic, ClipInfo, ExportError};

/// Text that cannot break the `|` separated comment line: no `|`, no control characters.
fn clean_field(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| if c == '|' || c.is_control() { ' ' } else { c })
        .collect();
    s.trim().to_string()
}

/// The EDL document for `report` (`\n` line ends). `path` only names the file in errors.
pub fn edl_string(
    report: &ClipReport,
    clip: &ClipInfo,
    path: &Path,
) -> Result<String, ExportError> {
    let invalid = |reason: String| ExportError::Invalid {
        path: path.to_path_buf(),
        reason,
    };
    let format: TimecodeFormat = clip
        .timecode_format(report.frame_rate)
        .map_err(|e| invalid(e.to_string()))?;
    let start = clip
        .record_start_frames(format)
        .map_err(|e| invalid(format!("record start: {e}")))?;
    let mut out = String::new();
    let title = clean_field(&clip.name);
    out.push_str(&format!(
        "TITLE: {}\n",
        if title.is_empty() {
            "CircleTake"
        } else {
            &title
        }
    ));
    out.push_str(if format.drop_frame {
        "FCM: DROP FRAME\n\n"
    } else {
        "FCM: NON-DROP FRAME\n\n"
    });
    for (i, m) in merge_same_start(report_markers(report, true))
        .iter()
        .enumerate()
    {
        let tc_in = format.timecode(start + m.range.start).to_string();
        let tc_out = format.timecode(start + m.range.start + 1).to_string();
        out.push_str(&format!(
            "{:03}  001      V     C        {tc_in} {tc_out} {tc_in} {tc_out}\n",
            i + 1
        ));
        out.push_str(&format!(
            " |C:ResolveColor{} |M:{} |D:{}\n\n",
            m.kind.resolve_color(),
            clean_field(&m.name),
            m.range.len().max(1)
        ));
    }
    Ok(out)
}

/// Writes the markers EDL of `report` to `path` (atomically).
pub fn write_markers_edl(
    report: &ClipReport,
    clip: &ClipInfo,
    path: &Path,
) -> Result<(), ExportError> {
    let text = edl_string(report, clip, path)?;
    write_atomic(path, text.as_bytes())
}
