//! Per-frame signals and scores as CSV (`<clip>.csv`): a header row, then one row
//! per analysed frame in frame order. The column order is fixed ([`CSV_COLUMNS`]);
//! new columns are only ever appended. Numbers use `.` as the decimal separator and
//! are rounded to 4 decimals; an unmeasured value (no model) is an empty field;
//! booleans are `0`/`1`.

use std::io::Write;
use std::path::Path;

use crate::report::{ClipReport, FrameReport};
use crate::shots::rounding::round4;
use crate::timecode::TimecodeFormat;

use super::atomic::write_atomic_with;
use super::ExportError;

/// Column names, in order, with their meaning:
/// `frame` (media frame number), `timecode` (of the frame at the clip's rate, from
/// 00:00:00:00), `shot_number` (1-based, empty inside transitions and black spans),
/// `score` (usability 0..100), `focus` (variance of the Laplacian of luma x1e3 at
/// 512 px width), `focus_rel` (focus / the shot's 90th percentile), `luma` (mean
/// Rec.709 luma 0..1), `clipped` / `crushed` (fraction of pixels at luma >= 0.98 /
/// <= 0.02), `noise` (luma noise sigma 0..1), `shake` (px/frame RMS at 512 px),
/// `pan_speed` (intended camera motion, px/frame at 512 px), `diff_prev` (mean abs
/// luma difference to the previous frame), `cut_prob` / `transition_prob`
/// (TransNetV2 heads 0..1), `face_focus_rel` (least sharp face / its sharpest),
/// then the 0/1 states `black`, `flash`, `frozen`, `transition`, `whip_pan`, `pan`,
/// `blink`, and `analyzed` (0 for a frame missing from the input: a gap, scored 0).
pub const CSV_COLUMNS: [&str; 24] = [
    "frame",
    "timecode",
    "shot_number",
    "score",
    "focus",
    "focus_rel",
    "luma",
    "clipped",
    "crushed",
    "noise",
    "shake",
    "pan_speed",
    "diff_prev",
    "cut_prob",
    "transition_prob",
    "face_focus_rel",
    "black",
    "flash",
    "frozen",
    "transition",
    "whip_pan",
    "pan",
    "blink",
    "analyzed",
];

/// A float rounded to 4 decimals, `.` decimal point, no exponent.
fn num(v: f32) -> String {
    format!("{}", round4(v))
}

fn opt(v: Option<f32>) -> String {
    v.map(num).unwrap_or_default()
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// One CSV row (no line end).
fn row(f: &FrameReport, format: Option<TimecodeFormat>) -> String {
    let tc = format
        .map(|t| t.timecode(f.frame).to_string())
        .unwrap_or_default();
    let fields: [String; 24] = [
        f.frame.to_string(),
        tc,
        f.shot.map(|s| (s + 1).to_string()).unwrap_or_default(),
        num(f.score),
        num(f.focus),
        num(f.focus_rel),
        num(f.luma),
        num(f.clipped),
        num(f.crushed),
        num(f.noise),
        num(f.shake),
        num(f.pan_speed),
        num(f.diff_prev),
        opt(f.cut_prob),
        opt(f.transition_prob),
        opt(f.face_focus_rel),
        flag(f.black).into(),
        flag(f.flash).into(),
        flag(f.frozen).into(),
        flag(f.transition).into(),
        flag(f.whip_pan).into(),
        flag(f.pan).into(),
        flag(f.blink).into(),
        flag(f.analyzed).into(),
    ];
    fields.join(",")
}

/// The whole CSV document (`\n` line ends).
pub fn csv_string(report: &ClipReport) -> String {
    let format = TimecodeFormat::for_rate(report.frame_rate).ok();
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for f in &report.frames {
        out.push_str(&row(f, format));
        out.push('\n');
    }
    out
}

/// Writes the per-frame CSV of `report` to `path` (atomically).
pub fn write_csv(report: &ClipReport, path: &Path) -> Result<(), ExportError> {
    let text = csv_string(report);
    write_atomic_with(path, |w: &mut dyn Write| w.write_all(text.as_bytes()))
}
