//! `ct_report`: the clip report and its accessors.

use super::guard::{copy_text, guard, CallError};
use super::CtStatus;
use circletake_inference::engine::Analysis;
use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use std::ffi::c_char;

/// One shot of a report. Frame ranges are `[start, end)`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct CtShot {
    /// First frame of the shot.
    pub start: i64,
    /// One past the last frame of the shot.
    pub end: i64,
    /// Score of the whole shot, 0..100.
    pub score: f32,
    /// Suggested in point (first frame to use).
    pub trim_in: i64,
    /// Suggested out point (one past the last frame to use); equal to
    /// `trim_in` when no frame of the shot is usable.
    pub trim_out: i64,
    /// Score of the suggested trim, 0..100.
    pub trim_score: f32,
    /// Confidence of the suggested trim, 0..1.
    pub trim_confidence: f32,
    /// Number of flags (problems) found in the shot.
    pub flag_count: u32,
}

/// A finished clip report (opaque).
#[derive(Debug)]
pub struct CtReport {
    report: ClipReport,
    json: String,
}

impl CtReport {
    pub(crate) fn build(analysis: Analysis) -> Result<CtReport, CallError> {
        let clip = analysis.finish()?;
        let report = build_report(&clip.frames, clip.frame_rate, &ReportOptions::default());
        let json = report.to_json_string();
        Ok(CtReport { report, json })
    }
}

/// Runs `f` on a live report.
fn with_report(
    report: *const CtReport,
    f: impl FnOnce(&CtReport) -> Result<(), CallError>,
) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract of every accessor: NULL or a live report.
        let report = unsafe { report.as_ref() }.ok_or_else(|| CallError::null("report"))?;
        f(report)
    })
}

/// Writes `value` through a caller's out-pointer.
fn put<T>(out: *mut T, name: &str, value: T) -> Result<(), CallError> {
    // SAFETY: caller contract of every accessor: NULL or writable.
    let out = unsafe { out.as_mut() }.ok_or_else(|| CallError::null(name))?;
    *out = value;
    Ok(())
}

fn index_error(what: &str, index: usize, count: usize) -> CallError {
    CallError::new(
        CtStatus::OutOfRange,
        format!("{what} {index} does not exist (the report has {count})"),
    )
}

/// Stores the number of shots in `*count`.
///
/// # Safety
/// `report` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_report_shot_count(
    report: *const CtReport,
    count: *mut usize,
) -> CtStatus {
    with_report(report, |r| put(count, "count", r.report.shots.len()))
}

/// Copies shot `index` into `*shot`.
///
/// # Safety
/// `report` is NULL or live; `shot` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_report_shot(
    report: *const CtReport,
    index: usize,
    shot: *mut CtShot,
) -> CtStatus {
    with_report(report, |r| {
        let shots = &r.report.shots;
        let s = shots
            .get(index)
            .ok_or_else(|| index_error("shot", index, shots.len()))?;
        let value = CtShot {
            start: s.start,
            end: s.end,
            score: s.score,
            trim_in: s.trim.in_frame,
            trim_out: s.trim.out_frame,
            trim_score: s.trimmed_score,
            trim_confidence: s.trim.confidence,
            flag_count: u32::try_from(s.flags.len()).unwrap_or(u32::MAX),
        };
        put(shot, "shot", value)
    })
}

/// Stores the number of hard cuts in `*count`.
///
/// # Safety
/// `report` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_report_cut_count(
    report: *const CtReport,
    count: *mut usize,
) -> CtStatus {
    with_report(report, |r| put(count, "count", r.report.cuts.len()))
}

/// Stores the frame of hard cut `index` (the first frame of the new shot) in `*frame`.
///
/// # Safety
/// `report` is NULL or live; `frame` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_report_cut(
    report: *const CtReport,
    index: usize,
    frame: *mut i64,
) -> CtStatus {
    with_report(report, |r| {
        let cuts = &r.report.cuts;
        let cut = cuts
            .get(index)
            .ok_or_else(|| index_error("cut", index, cuts.len()))?;
        put(frame, "frame", cut.frame)
    })
}

/// Copies the report as JSON (UTF-8, NUL-terminated) into `buf` of `len`
/// bytes and stores the size it needs (with the NUL) in `*needed` when not
/// NULL. Call with `buf` NULL / `len` 0 to ask for the size. Returns
/// `CT_STATUS_BUFFER_TOO_SMALL` (with nothing written) when it does not fit.
///
/// # Safety
/// `report` is NULL or live; `buf` NULL or `len` writable bytes; `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_report_json(
    report: *const CtReport,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> CtStatus {
    with_report(report, |r| {
        let size = r.json.len() + 1;
        if !needed.is_null() {
            put(needed, "needed", size)?;
        }
        if buf.is_null() || len < size {
            return Err(CallError::new(
                CtStatus::BufferTooSmall,
                format!("the report needs {size} bytes, the buffer has {len}"),
            ));
        }
        // SAFETY: buf holds len >= size writable bytes (caller contract).
        unsafe { copy_text(&r.json, buf, len) };
        Ok(())
    })
}

/// Releases a report. NULL is allowed.
///
/// # Safety
/// `report` is NULL or a live report not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn ct_report_free(report: *mut CtReport) {
    if !report.is_null() {
        let _ = guard(|| {
            // SAFETY: made by Box::into_raw in ct_analysis_finish, released once.
            drop(unsafe { Box::from_raw(report) });
            Ok(())
        });
    }
}
