//! `ofxProgress.h`: progress bars (v1, and v2 with a message id).

use std::ffi::{c_char, c_double, c_void, CStr};

use crate::status::OfxStatus;

/// `kOfxProgressSuite`.
pub const K_OFX_PROGRESS_SUITE: &CStr = c"OfxProgressSuite";

/// `OfxProgressSuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxProgressSuiteV1 {
    /// Start a progress display with a label.
    pub progressStart: Option<
        unsafe extern "C" fn(effectInstance: *mut c_void, label: *const c_char) -> OfxStatus,
    >,
    /// Update progress in [0, 1]; `kOfxStatReplyNo` means the user cancelled.
    pub progressUpdate:
        Option<unsafe extern "C" fn(effectInstance: *mut c_void, progress: c_double) -> OfxStatus>,
    /// End the progress display.
    pub progressEnd: Option<unsafe extern "C" fn(effectInstance: *mut c_void) -> OfxStatus>,
}

/// `OfxProgressSuiteV2`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxProgressSuiteV2 {
    /// Start a progress display with a message and message id.
    pub progressStart: Option<
        unsafe extern "C" fn(
            effectInstance: *mut c_void,
            message: *const c_char,
            messageid: *const c_char,
        ) -> OfxStatus,
    >,
    /// Update progress in [0, 1]; `kOfxStatReplyNo` means the user cancelled.
    pub progressUpdate:
        Option<unsafe extern "C" fn(effectInstance: *mut c_void, progress: c_double) -> OfxStatus>,
    /// End the progress display.
    pub progressEnd: Option<unsafe extern "C" fn(effectInstance: *mut c_void) -> OfxStatus>,
}
