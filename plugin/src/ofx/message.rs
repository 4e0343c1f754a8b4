//! Messages to the user through the host's message suite: a persistent
//! message (v2) on an instance when the host has a non-NULL
//! `setPersistentMessage`, else a transient v1 message.

use std::ffi::{c_void, CString};

use ofx_sys::*;

use super::suites::Suites;

/// Severity of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Cannot proceed.
    Error,
    /// Can proceed, not optimal.
    Warning,
    /// Information.
    Message,
}

impl Severity {
    fn as_cstr(self) -> &'static std::ffi::CStr {
        match self {
            Self::Error => K_OFX_MESSAGE_ERROR,
            Self::Warning => K_OFX_MESSAGE_WARNING,
            Self::Message => K_OFX_MESSAGE_MESSAGE,
        }
    }
}

fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', " ")).unwrap_or_default()
}

/// Posts `text`. `instance` is an effect instance handle (persistent message
/// possible) or NULL / a descriptor (`is_instance == false`: transient only).
/// Returns false when the host has no usable message function.
pub(crate) fn post(
    suites: &Suites,
    handle: *mut c_void,
    is_instance: bool,
    severity: Severity,
    text: &str,
) -> bool {
    let text = c_text(&format!("CircleTake: {text}"));
    if is_instance && !handle.is_null() {
        if let Some(set) = suites.message_v2.and_then(|s| s.setPersistentMessage) {
            // SAFETY: a live instance handle, NUL-terminated type, a NULL id
            // (allowed), a constant "%s" format and one C string vararg.
            let status = unsafe {
                set(
                    handle,
                    severity.as_cstr().as_ptr(),
                    std::ptr::null(),
                    c"%s".as_ptr(),
                    text.as_ptr(),
                )
            };
            if status == OfxStatus::OK {
                return true;
            }
        }
    }
    let message = suites
        .message_v1
        .and_then(|s| s.message)
        .or_else(|| suites.message_v2.and_then(|s| s.message));
    if let Some(message) = message {
        // SAFETY: as above; the handle may be NULL for v1 messages.
        let status = unsafe {
            message(
                handle,
                severity.as_cstr().as_ptr(),
                std::ptr::null(),
                c"%s".as_ptr(),
                text.as_ptr(),
            )
        };
        return status == OfxStatus::OK;
    }
    false
}

/// Clears the persistent message of an instance (no-op without v2).
pub(crate) fn clear(suites: &Suites, instance: *mut c_void) {
    if instance.is_null() {
        return;
    }
    if let Some(clear) = suites.message_v2.and_then(|s| s.clearPersistentMessage) {
        // SAFETY: a live instance handle.
        let _ = unsafe { clear(instance) };
    }
}
