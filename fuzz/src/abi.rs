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
}
