//! `ct_edit_report`: what Cut Check found at one edit, and its accessors.

use super::edit_check::CtEditSide;
use super::guard::{copy_text, guard, CallError};
use super::CtStatus;
use circletake_inference::edit_check::{EditReport, IssueKind, Verdict};
use std::ffi::c_char;

/// The overall answer of an edit check.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtEditVerdict {
    /// Nothing found: the cut is fine where it is.
    Clean = 0,
    /// Issues found and a roll (`ct_edit_report_suggested_shift`) fixes the worst of them.
    MoveEdit = 1,
    /// Issues no roll within range fixes (jump cut, exposure jump, ...): the editor decides.
    Review = 2,
}

/// What is wrong at (or near) the cut.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtEditIssueKind {
    /// A blink (lids lowered) within a few frames of the cut.
    Blink = 0,
    /// Eyes closed on the frame at the cut (or a closure longer than a blink).
    EyesClosed = 1,
    /// The cut falls inside a whip-pan.
    WhipPan = 2,
    /// Heavy motion blur (a smeared frame) at the cut.
    MotionBlur = 3,
    /// A flash frame at the edit.
    Flash = 4,
    /// Nearly the same framing on both sides: a jump cut.
    JumpCut = 5,
    /// A large exposure (brightness) jump across the cut.
    ExposureJump = 6,
    /// A large colour (white balance / grade) jump across the cut.
    ColourJump = 7,
    /// The clip has a cut of its own right next to the edit.
    SourceCut = 8,
}

impl From<IssueKind> for CtEditIssueKind {
    fn from(kind: IssueKind) -> Self {
        match kind {
            IssueKind::Blink => Self::Blink,
            IssueKind::EyesClosed => Self::EyesClosed,
            IssueKind::WhipPan => Self::WhipPan,
            IssueKind::MotionBlur => Self::MotionBlur,
            IssueKind::Flash => Self::Flash,
            IssueKind::JumpCut => Self::JumpCut,
            IssueKind::ExposureJump => Self::ExposureJump,
            IssueKind::ColourJump => Self::ColourJump,
            IssueKind::SourceCut => Self::SourceCut,
        }
    }
}

impl From<Verdict> for CtEditVerdict {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Clean => Self::Clean,
            Verdict::MoveEdit => Self::MoveEdit,
            Verdict::Review => Self::Review,
        }
    }
}

/// One problem found at the edit as placed.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CtEditIssue {
    /// What it is.
    pub kind: CtEditIssueKind,
    /// The clip that shows it; `CT_EDIT_SIDE_NONE` for problems across the cut.
    pub side: CtEditSide,
    /// The source frame of that clip where it is worst (valid when `has_frame`).
    pub frame: i64,
    /// Whether `frame` is set (false across the cut).
    pub has_frame: bool,
    /// 0..1; 1 = certainly worth fixing.
    pub severity: f32,
}

/// The measurements across the cut.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CtEditMeasures {
    /// Layout similarity of the frames either side of the cut, 0..1 (1 = the same framing).
    pub framing_similarity: f32,
    /// Mean luma (Rec. 709, 0..1 code values) of the incoming first frame minus
    /// that of the outgoing last frame, -1..1.
    pub exposure_change: f32,
    /// OKLab chroma distance between the mean colours either side of the cut.
    pub colour_change: f32,
}

/// A finished edit check (opaque).
#[derive(Debug)]
pub struct CtEditReport {
    report: EditReport,
    json: String,
}

impl CtEditReport {
    pub(super) fn new(report: EditReport) -> Self {
        let json = report.to_json();
        Self { report, json }
    }
}

/// Runs `f` on a live report.
fn with_report(
    report: *const CtEditReport,
    f: impl FnOnce(&EditReport, &str) -> Result<(), CallError>,
) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract of every accessor: NULL or a live report.
        let report = unsafe { report.as_ref() }.ok_or_else(|| CallError::null("report"))?;
        f(&report.report, &report.json)
    })
}

/// Writes `value` through a caller's out-pointer (without reading what is
/// there: a C caller's struct may hold any bytes, also in enum fields).
fn put<T>(out: *mut T, name: &str, value: T) -> Result<(), CallError> {
    if out.is_null() {
        return Err(CallError::null(name));
    }
    // SAFETY: non-NULL, and writable by the caller contract of every accessor.
    unsafe { out.write(value) };
    Ok(())
}

/// Copies `text` into `buf` the way `ct_report_json` does: the size needed
/// (with the NUL) into `*needed` when not NULL; nothing written and
/// `CT_STATUS_BUFFER_TOO_SMALL` when it does not fit.
fn put_text(
    text: &str,
    what: &str,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> Result<(), CallError> {
    let size = text.len() + 1;
    if !needed.is_null() {
        put(needed, "needed", size)?;
    }
    if buf.is_null() || len < size {
        return Err(CallError::new(
            CtStatus::BufferTooSmall,
            format!("the {what} needs {size} bytes, the buffer has {len}"),
        ));
    }
    // SAFETY: buf holds len >= size writable bytes (caller contract).
    unsafe { copy_text(text, buf, len) };
    Ok(())
}

/// Stores the verdict in `*verdict`.
///
/// # Safety
/// `report` is NULL or live; `verdict` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_verdict(
    report: *const CtEditReport,
    verdict: *mut CtEditVerdict,
) -> CtStatus {
    with_report(report, |r, _| put(verdict, "verdict", r.verdict.into()))
}

/// Stores the suggested roll in `*shift` (frames, positive = later: the
/// outgoing clip ends `shift` frames later and the incoming clip starts
/// `shift` frames later) and whether there is one in `*has` (`*shift` is 0
/// when not).
///
/// # Safety
/// `report` is NULL or live; `shift` and `has` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_suggested_shift(
    report: *const CtEditReport,
    shift: *mut i32,
    has: *mut bool,
) -> CtStatus {
    with_report(report, |r, _| {
        if has.is_null() {
            return Err(CallError::null("has"));
        }
        let s = r.suggestion.as_ref().map(|s| s.shift);
        put(shift, "shift", s.unwrap_or(0))?;
        put(has, "has", s.is_some())
    })
}

/// Copies the suggestion's reason (e.g. "cut 3 frames later: eyes closed on
/// outgoing frame 1041"; empty when there is no suggestion) into `buf`, with
/// the size semantics of `ct_edit_report_json`.
///
/// # Safety
/// `report` is NULL or live; `buf` NULL or `len` writable bytes; `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_reason(
    report: *const CtEditReport,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> CtStatus {
    with_report(report, |r, _| {
        let text = r.suggestion.as_ref().map_or("", |s| s.reason.as_str());
        put_text(text, "reason", buf, len, needed)
    })
}

/// Stores the number of issues at the edit as placed in `*count`.
///
/// # Safety
/// `report` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_issue_count(
    report: *const CtEditReport,
    count: *mut usize,
) -> CtStatus {
    with_report(report, |r, _| put(count, "count", r.issues.len()))
}

fn issue_error(index: usize, count: usize) -> CallError {
    CallError::new(
        CtStatus::OutOfRange,
        format!("issue {index} does not exist (the report has {count})"),
    )
}

/// Copies issue `index` (0 = the worst) into `*issue`.
///
/// # Safety
/// `report` is NULL or live; `issue` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_issue(
    report: *const CtEditReport,
    index: usize,
    issue: *mut CtEditIssue,
) -> CtStatus {
    with_report(report, |r, _| {
        let i = r
            .issues
            .get(index)
            .ok_or_else(|| issue_error(index, r.issues.len()))?;
        let value = CtEditIssue {
            kind: i.kind.into(),
            side: CtEditSide::of(i.side),
            frame: i.frame.unwrap_or(0),
            has_frame: i.frame.is_some(),
            severity: i.severity,
        };
        put(issue, "issue", value)
    })
}

/// Copies the one-line message of issue `index` (e.g. "eyes closed on
/// outgoing frame 1041") into `buf`, with the size semantics of
/// `ct_edit_report_json`.
///
/// # Safety
/// `report` is NULL or live; `buf` NULL or `len` writable bytes; `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_issue_message(
    report: *const CtEditReport,
    index: usize,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> CtStatus {
    with_report(report, |r, _| {
        let i = r
            .issues
            .get(index)
            .ok_or_else(|| issue_error(index, r.issues.len()))?;
        put_text(&i.message, "message", buf, len, needed)
    })
}

/// Copies the measurements across the cut into `*measures`.
///
/// # Safety
/// `report` is NULL or live; `measures` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_measures(
    report: *const CtEditReport,
    measures: *mut CtEditMeasures,
) -> CtStatus {
    with_report(report, |r, _| {
        let value = CtEditMeasures {
            framing_similarity: r.framing_similarity,
            exposure_change: r.exposure_change,
            colour_change: r.colour_change,
        };
        put(measures, "measures", value)
    })
}

/// Copies the report as JSON (format "circletake.edit_check", UTF-8,
/// NUL-terminated) into `buf` of `len` bytes and stores the size it needs
/// (with the NUL) in `*needed` when not NULL. Call with `buf` NULL / `len` 0
/// to ask for the size. Returns `CT_STATUS_BUFFER_TOO_SMALL` (with nothing
/// written) when it does not fit.
///
/// # Safety
/// `report` is NULL or live; `buf` NULL or `len` writable bytes; `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_json(
    report: *const CtEditReport,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> CtStatus {
    with_report(report, |_, json| put_text(json, "report", buf, len, needed))
}

/// Releases an edit report. NULL is allowed.
///
/// # Safety
/// `report` is NULL or a live report not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_report_free(report: *mut CtEditReport) {
    if !report.is_null() {
        let _ = guard(|| {
            // SAFETY: made by Box::into_raw in ct_edit_check_finish, released once.
            drop(unsafe { Box::from_raw(report) });
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use circletake_inference::edit_check::{
        EditCheckOptions, EditIssue, EditPoint, EditSuggestion, Side, EDIT_REPORT_FORMAT,
        EDIT_REPORT_VERSION,
    };
    use circletake_inference::FrameRate;
    use std::ffi::CStr;
    use std::ptr;

    /// A report as the check writes it: eyes closed on the outgoing side, a
    /// colour jump across the cut, a roll of +3.
    fn sample() -> CtEditReport {
        let issue = |kind, side, frame: Option<i64>, severity, message: &str| EditIssue {
            kind,
            side,
            frame,
            severity,
            message: message.into(),
        };
        CtEditReport::new(EditReport {
            format: EDIT_REPORT_FORMAT.into(),
            version: EDIT_REPORT_VERSION,
            outgoing: Some("a.mov".into()),
            incoming: None,
            edit: EditPoint {
                out_frame: 1041,
                in_frame: 20,
            },
            frame_rate: FrameRate { num: 25, den: 1 },
            options: EditCheckOptions::default(),
            verdict: Verdict::MoveEdit,
            issues: vec![
                issue(
                    IssueKind::EyesClosed,
                    Some(Side::Outgoing),
                    Some(1041),
                    0.9,
                    "eyes closed on outgoing frame 1041",
                ),
                issue(IssueKind::ColourJump, None, None, 0.4, "colour jump"),
            ],
            suggestion: Some(EditSuggestion {
                shift: 3,
                edit: EditPoint {
                    out_frame: 1044,
                    in_frame: 23,
                },
                fixes: vec![IssueKind::EyesClosed],
                reason: "cut 3 frames later: eyes closed on outgoing frame 1041".into(),
            }),
            shifts: Vec::new(),
            framing_similarity: 0.25,
            exposure_change: -0.125,
            colour_change: 0.05,
            notes: Vec::new(),
        })
    }

    fn text(buf: &[c_char]) -> String {
        // SAFETY: the accessors NUL-terminate within the buffer.
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn accessors_copy_the_report() {
        let report = sample();
        let r: *const CtEditReport = &report;
        let mut verdict = CtEditVerdict::Clean;
        // SAFETY: live report, writable out-pointer (likewise below).
        let status = unsafe { ct_edit_report_verdict(r, &mut verdict) };
        assert_eq!(status, CtStatus::Ok);
        assert_eq!(verdict, CtEditVerdict::MoveEdit);
        let (mut shift, mut has) = (0, false);
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_suggested_shift(r, &mut shift, &mut has) };
        assert_eq!((status, shift, has), (CtStatus::Ok, 3, true));
        let mut count = 0;
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_issue_count(r, &mut count) };
        assert_eq!(status, CtStatus::Ok);
        assert_eq!(count, 2);
        let mut issue = std::mem::MaybeUninit::<CtEditIssue>::uninit();
        // SAFETY: as above (the accessor writes without reading).
        let status = unsafe { ct_edit_report_issue(r, 0, issue.as_mut_ptr()) };
        assert_eq!(status, CtStatus::Ok);
        // SAFETY: fully written by the accessor.
        let first = unsafe { issue.assume_init() };
        assert_eq!(first.kind, CtEditIssueKind::EyesClosed);
        assert_eq!(first.side, CtEditSide::Outgoing);
        assert_eq!((first.frame, first.has_frame), (1041, true));
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_issue(r, 1, issue.as_mut_ptr()) };
        assert_eq!(status, CtStatus::Ok);
        // SAFETY: fully written by the accessor.
        let across = unsafe { issue.assume_init() };
        assert_eq!(across.side, CtEditSide::None);
        assert!(!across.has_frame);
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_issue(r, 2, issue.as_mut_ptr()) };
        assert_eq!(status, CtStatus::OutOfRange);
        let mut measures = CtEditMeasures::default();
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_measures(r, &mut measures) };
        assert_eq!(status, CtStatus::Ok);
        assert_eq!(measures.exposure_change, -0.125);
        let mut buf = [0 as c_char; 128];
        let mut needed = 0;
        // SAFETY: buf holds 128 writable bytes.
        let status = unsafe { ct_edit_report_reason(r, buf.as_mut_ptr(), 128, &mut needed) };
        assert_eq!(status, CtStatus::Ok);
        assert_eq!(
            text(&buf),
            "cut 3 frames later: eyes closed on outgoing frame 1041"
        );
        assert_eq!(needed, text(&buf).len() + 1);
        // SAFETY: as above.
        let status =
            unsafe { ct_edit_report_issue_message(r, 0, buf.as_mut_ptr(), 128, ptr::null_mut()) };
        assert_eq!(status, CtStatus::Ok);
        assert_eq!(text(&buf), "eyes closed on outgoing frame 1041");
    }

    #[test]
    fn text_calls_report_the_size_and_write_nothing_when_short() {
        let report = sample();
        let r: *const CtEditReport = &report;
        let mut needed = 0;
        // SAFETY: NULL buffer with length 0 is the size query.
        let status = unsafe { ct_edit_report_json(r, ptr::null_mut(), 0, &mut needed) };
        assert_eq!(status, CtStatus::BufferTooSmall);
        assert_eq!(needed, report.json.len() + 1);
        let mut short = vec![1 as c_char; needed - 1];
        // SAFETY: short holds needed - 1 writable bytes.
        let status =
            unsafe { ct_edit_report_json(r, short.as_mut_ptr(), short.len(), &mut needed) };
        assert_eq!(status, CtStatus::BufferTooSmall);
        assert!(short.iter().all(|&c| c == 1), "nothing written");
        let mut full = vec![0 as c_char; needed];
        // SAFETY: full holds needed writable bytes.
        let status =
            unsafe { ct_edit_report_json(r, full.as_mut_ptr(), full.len(), ptr::null_mut()) };
        assert_eq!(status, CtStatus::Ok);
        let json = text(&full);
        assert_eq!(EditReport::from_json_str(&json).unwrap(), report.report);
    }

    #[test]
    fn no_suggestion_reads_as_none_and_an_empty_reason() {
        let mut report = sample();
        report.report.suggestion = None;
        let r: *const CtEditReport = &report;
        let (mut shift, mut has) = (7, true);
        // SAFETY: live report, writable out-pointers.
        let status = unsafe { ct_edit_report_suggested_shift(r, &mut shift, &mut has) };
        assert_eq!((status, shift, has), (CtStatus::Ok, 0, false));
        let mut needed = 0;
        let mut buf = [1 as c_char; 4];
        // SAFETY: buf holds 4 writable bytes.
        let status = unsafe { ct_edit_report_reason(r, buf.as_mut_ptr(), 4, &mut needed) };
        assert_eq!((status, needed, buf[0]), (CtStatus::Ok, 1, 0));
    }

    #[test]
    fn null_arguments_are_errors() {
        let report = sample();
        let r: *const CtEditReport = &report;
        let mut count = 0;
        // SAFETY: NULL pointers are allowed and refused (likewise below).
        let status = unsafe { ct_edit_report_issue_count(ptr::null(), &mut count) };
        assert_eq!(status, CtStatus::NullArgument);
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_verdict(r, ptr::null_mut()) };
        assert_eq!(status, CtStatus::NullArgument);
        let mut shift = 0;
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_suggested_shift(r, &mut shift, ptr::null_mut()) };
        assert_eq!(status, CtStatus::NullArgument);
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_issue(r, 0, ptr::null_mut()) };
        assert_eq!(status, CtStatus::NullArgument);
        // SAFETY: as above.
        let status = unsafe { ct_edit_report_measures(r, ptr::null_mut()) };
        assert_eq!(status, CtStatus::NullArgument);
        // SAFETY: NULL is allowed.
        unsafe { ct_edit_report_free(ptr::null_mut()) };
    }

    #[test]
    fn issue_kind_values_are_fixed() {
        let all = [
            (IssueKind::Blink, 0),
            (IssueKind::EyesClosed, 1),
            (IssueKind::WhipPan, 2),
            (IssueKind::MotionBlur, 3),
            (IssueKind::Flash, 4),
            (IssueKind::JumpCut, 5),
            (IssueKind::ExposureJump, 6),
            (IssueKind::ColourJump, 7),
            (IssueKind::SourceCut, 8),
        ];
        for (kind, value) in all {
            assert_eq!(CtEditIssueKind::from(kind) as i32, value, "{kind:?}");
        }
        assert_eq!(CtEditVerdict::from(Verdict::Clean) as i32, 0);
        assert_eq!(CtEditVerdict::from(Verdict::MoveEdit) as i32, 1);
        assert_eq!(CtEditVerdict::from(Verdict::Review) as i32, 2);
    }
}
