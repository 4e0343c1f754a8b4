//! The C ABI as a C caller sees it (`include/circletake.h`): statuses and
//! enum arguments are plain integers, handles are opaque pointers. Calling
//! through these declarations (not the Rust enums) lets the fuzzer check that
//! every returned status is a `ct_status` value, as C code would receive it.

use std::ffi::{c_char, c_void};

pub use circletake::capi::{CtEngineOptions, CtShot};

/// `ct_status` values (the header's enum).
pub mod status {
    pub const OK: i32 = 0;
    pub const NULL_ARGUMENT: i32 = 1;
    pub const INVALID_ARGUMENT: i32 = 2;
    pub const UNSUPPORTED_FORMAT: i32 = 3;
    pub const DEVICE_UNAVAILABLE: i32 = 4;
    pub const BUFFER_TOO_SMALL: i32 = 7;
    pub const INVALID_STATE: i32 = 8;
    pub const OUT_OF_RANGE: i32 = 9;
    pub const INTERNAL: i32 = 10;
    pub const PANIC: i32 = 11;
    /// One past the largest `ct_status`.
    pub const END: i32 = 12;
}

/// `ct_device` values.
pub mod device {
    pub const CPU: i32 = 1;
}

/// Opaque `ct_engine *`.
pub type Engine = *mut c_void;
/// Opaque `ct_analysis *`.
pub type Analysis = *mut c_void;
/// Opaque `ct_report *`.
pub type Report = *mut c_void;
/// Opaque `ct_edit_check *`.
pub type EditCheck = *mut c_void;
/// Opaque `ct_edit_report *`.
pub type EditReport = *mut c_void;

/// `CT_EDIT_CHECK_MAX_SHIFT`.
pub const EDIT_CHECK_MAX_SHIFT: i32 = 48;

/// `ct_edit_issue` as C declares it: enum fields are plain integers (a
/// `ct_edit_issue_kind` and a `ct_edit_side`), so the fuzzer sees any value
/// the library writes.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct EditIssue {
    pub kind: i32,
    pub side: i32,
    pub frame: i64,
    pub has_frame: bool,
    pub severity: f32,
}

/// `ct_edit_measures`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct EditMeasures {
    pub framing_similarity: f32,
    pub exposure_change: f32,
    pub colour_change: f32,
}

// The definitions are the `#[no_mangle]` functions of the `circletake` rlib;
// `use circletake as _` in lib.rs links it.
extern "C" {
    pub fn ct_engine_options_default(out: *mut CtEngineOptions) -> i32;
    pub fn ct_engine_new(options: *const CtEngineOptions, out: *mut Engine) -> i32;
    pub fn ct_engine_describe(
        engine: Engine,
        buf: *mut c_char,
        len: usize,
        needed: *mut usize,
    ) -> i32;
    pub fn ct_engine_free(engine: Engine);
    pub fn ct_analysis_new(engine: Engine, fps_num: u32, fps_den: u32, out: *mut Analysis) -> i32;
    pub fn ct_analysis_push(
        analysis: Analysis,
        data: *const u8,
        width: u32,
        height: u32,
        stride_bytes: isize,
        format: i32,
        frame: i64,
    ) -> i32;
    pub fn ct_analysis_finish(analysis: Analysis, out: *mut Report) -> i32;
    pub fn ct_analysis_free(analysis: Analysis);
    pub fn ct_last_error(buf: *mut c_char, len: usize) -> usize;
    pub fn ct_report_shot_count(report: Report, count: *mut usize) -> i32;
    pub fn ct_report_shot(report: Report, index: usize, shot: *mut CtShot) -> i32;
    pub fn ct_report_cut_count(report: Report, count: *mut usize) -> i32;
    pub fn ct_report_cut(report: Report, index: usize, frame: *mut i64) -> i32;
    pub fn ct_report_json(report: Report, buf: *mut c_char, len: usize, needed: *mut usize) -> i32;
    pub fn ct_report_free(report: Report);
    pub fn ct_status_str(status: i32) -> *const c_char;

    pub fn ct_edit_check_new(
        engine: Engine,
        rate_num: u32,
        rate_den: u32,
        out_frame: i64,
        in_frame: i64,
        max_shift: i32,
        out: *mut EditCheck,
    ) -> i32;
    pub fn ct_edit_check_wanted(
        check: EditCheck,
        side: i32,
        first: *mut i64,
        last: *mut i64,
    ) -> i32;
    #[allow(clippy::too_many_arguments)]
    pub fn ct_edit_check_push(
        check: EditCheck,
        side: i32,
        frame: i64,
        data: *const u8,
        width: u32,
        height: u32,
        stride_bytes: isize,
        format: i32,
    ) -> i32;
    pub fn ct_edit_check_finish(check: EditCheck, out: *mut EditReport) -> i32;
    pub fn ct_edit_check_free(check: EditCheck);
    pub fn ct_edit_report_verdict(report: EditReport, verdict: *mut i32) -> i32;
    pub fn ct_edit_report_suggested_shift(
        report: EditReport,
        shift: *mut i32,
        has: *mut bool,
    ) -> i32;
    pub fn ct_edit_report_reason(
        report: EditReport,
        buf: *mut c_char,
        len: usize,
        needed: *mut usize,
    ) -> i32;
    pub fn ct_edit_report_issue_count(report: EditReport, count: *mut usize) -> i32;
    pub fn ct_edit_report_issue(report: EditReport, index: usize, issue: *mut EditIssue) -> i32;
    pub fn ct_edit_report_issue_message(
        report: EditReport,
        index: usize,
        buf: *mut c_char,
        len: usize,
        needed: *mut usize,
    ) -> i32;
    pub fn ct_edit_report_measures(report: EditReport, measures: *mut EditMeasures) -> i32;
    pub fn ct_edit_report_json(
        report: EditReport,
        buf: *mut c_char,
        len: usize,
        needed: *mut usize,
    ) -> i32;
    pub fn ct_edit_report_free(report: EditReport);
}
