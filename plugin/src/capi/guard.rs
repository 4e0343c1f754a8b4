//! Panic and error containment for every C ABI function, and the per-thread
//! last error message behind [`ct_last_error`].

use super::CtStatus;
use circletake_inference::InferenceError;
use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A failed C ABI call: the status to return and the message to keep.
#[derive(Debug)]
pub struct CallError {
    pub status: CtStatus,
    pub message: String,
}

impl CallError {
    pub fn new(status: CtStatus, message: impl Into<String>) -> Self {
        CallError {
            status,
            message: message.into(),
        }
    }

    pub fn null(argument: &str) -> Self {
        CallError::new(CtStatus::NullArgument, format!("`{argument}` is NULL"))
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        CallError::new(CtStatus::InvalidArgument, message)
    }
}

impl From<InferenceError> for CallError {
    fn from(e: InferenceError) -> Self {
        let status = match &e {
            InferenceError::UnsupportedPixelFormat(_) => CtStatus::UnsupportedFormat,
            InferenceError::BadFrame(_) | InferenceError::InvalidArgument(_) => {
                CtStatus::InvalidArgument
            }
            InferenceError::DeviceUnavailable(_) => CtStatus::DeviceUnavailable,
            InferenceError::ModelMissing { .. } | InferenceError::ModelCorrupt { .. } => {
                CtStatus::Model
            }
            InferenceError::Media { .. } => CtStatus::Media,
            _ => CtStatus::Internal,
        };
        CallError::new(status, e.to_string())
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_last_error(message: String) {
    LAST_ERROR.with(|last| *last.borrow_mut() = message);
}

/// Runs the body of a C ABI function: catches panics, records the error
/// message of a failure, and turns the outcome into a status.
pub fn guard(body: impl FnOnce() -> Result<(), CallError>) -> CtStatus {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => CtStatus::Ok,
        Ok(Err(e)) => {
            set_last_error(e.message);
            e.status
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            set_last_error(format!("internal error (please report): {what}"));
            CtStatus::Panic
        }
    }
}

/// Copies `text` NUL-terminated into `buf` (`len` bytes, truncating on a
/// UTF-8 boundary) and returns the size needed including the NUL.
///
/// # Safety
/// `buf` is NULL or valid for `len` bytes of writes.
pub unsafe fn copy_text(text: &str, buf: *mut c_char, len: usize) -> usize {
    let needed = text.len() + 1;
    if buf.is_null() || len == 0 {
        return needed;
    }
    let mut n = text.len().min(len - 1);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    // SAFETY: the caller promises `buf` holds `len` bytes; we write n + 1 <= len.
    let out = unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), n + 1) };
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    out[n] = 0;
    needed
}

/// Copies the message of the last failed call on this thread into `buf`
/// (`len` bytes, NUL-terminated, truncated if needed) and returns the size it
/// needs including the NUL (1 when there was no error). `buf` may be NULL to
/// ask for the size.
///
/// # Safety
/// `buf` is NULL or points to `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn ct_last_error(buf: *mut c_char, len: usize) -> usize {
    LAST_ERROR.with(|last| {
        // SAFETY: forwarded caller contract.
        unsafe { copy_text(&last.borrow(), buf, len) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = guard(|| panic!("boom"));
        assert_eq!(status, CtStatus::Panic);
        let mut buf = [0 as c_char; 64];
        // SAFETY: buf is 64 writable bytes.
        let needed = unsafe { ct_last_error(buf.as_mut_ptr(), buf.len()) };
        // SAFETY: copy_text NUL-terminated it.
        let text = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
            .to_str()
            .unwrap();
        assert!(text.contains("boom"), "{text}");
        assert_eq!(needed, text.len() + 1);
    }

    #[test]
    fn copy_text_truncates_on_a_char_boundary() {
        let mut buf = [1 as c_char; 4];
        // SAFETY: buf is 4 writable bytes.
        let needed = unsafe { copy_text("aé€", buf.as_mut_ptr(), buf.len()) };
        assert_eq!(needed, 1 + 2 + 3 + 1);
        // "a" + "é" (3 bytes) fit, then the NUL.
        assert_eq!(buf.map(|c| c as u8), [b'a', 0xc3, 0xa9, 0]);
    }
}
