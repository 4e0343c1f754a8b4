//! `ofxMessage.h`: messages to the user, transient (v1) and persistent (v2).

use std::ffi::{c_char, c_void, CStr};

use crate::status::OfxStatus;

/// `kOfxMessageSuite`.
pub const K_OFX_MESSAGE_SUITE: &CStr = c"OfxMessageSuite";
/// `kOfxMessageFatal`.
pub const K_OFX_MESSAGE_FATAL: &CStr = c"OfxMessageFatal";
/// `kOfxMessageError`.
pub const K_OFX_MESSAGE_ERROR: &CStr = c"OfxMessageError";
/// `kOfxMessageWarning`.
pub const K_OFX_MESSAGE_WARNING: &CStr = c"OfxMessageWarning";
/// `kOfxMessageMessage`.
pub const K_OFX_MESSAGE_MESSAGE: &CStr = c"OfxMessageMessage";
/// `kOfxMessageLog`.
pub const K_OFX_MESSAGE_LOG: &CStr = c"OfxMessageLog";
/// `kOfxMessageQuestion`.
pub const K_OFX_MESSAGE_QUESTION: &CStr = c"OfxMessageQuestion";

/// printf-style message function: `(handle, messageType, messageId, format, ...)`.
pub type OfxMessageFn = unsafe extern "C" fn(
    handle: *mut c_void,
    messageType: *const c_char,
    messageId: *const c_char,
    format: *const c_char,
    ...
) -> OfxStatus;

/// `OfxMessageSuiteV1`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxMessageSuiteV1 {
    /// Post a transient message.
    pub message: Option<OfxMessageFn>,
}

/// `OfxMessageSuiteV2`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxMessageSuiteV2 {
    /// Post a transient message (as v1).
    pub message: Option<OfxMessageFn>,
    /// Post a persistent message on an effect instance.
    pub setPersistentMessage: Option<OfxMessageFn>,
    /// Clear the persistent message of an effect instance.
    pub clearPersistentMessage: Option<unsafe extern "C" fn(handle: *mut c_void) -> OfxStatus>,
}
