//! Invariants every call must keep: a status that is a `ct_status`, the one
//! the documentation promises, never a panic or internal error, and a
//! readable message in `ct_last_error` after every failure.

use crate::abi::{self, status};
use std::ffi::c_char;

/// The message `ct_last_error` holds now (lossy UTF-8 for the panic text).
pub fn last_error() -> String {
    // SAFETY: NULL buffer with length 0 asks for the size only.
    let needed = unsafe { abi::ct_last_error(std::ptr::null_mut(), 0) };
    let mut buf = vec![0 as c_char; needed];
    // SAFETY: buf holds `needed` writable bytes.
    unsafe { abi::ct_last_error(buf.as_mut_ptr(), buf.len()) };
    let bytes: Vec<u8> = buf.iter().map(|&c| c as u8).collect();
    String::from_utf8_lossy(&bytes[..needed.saturating_sub(1)]).into_owned()
}

/// Asserts that `call` returned `want` (and a message when `want` is a failure).
pub fn expect(call: &str, got: i32, want: i32) {
    assert!(
        (0..status::END).contains(&got),
        "{call}: {got} is not a ct_status"
    );
    assert!(
        got != status::PANIC && got != status::INTERNAL,
        "{call}: status {got} (a bug): {}",
        last_error()
    );
    assert_eq!(
        got,
        want,
        "{call}: status {got}, documented {want}; last error: {}",
        last_error()
    );
    if got != status::OK {
        let message = last_error();
        assert!(
            !message.is_empty(),
            "{call} failed ({got}) without a message"
        );
    }
}

/// Checks `ct_last_error` into a buffer of `len` bytes: it returns the full
/// size, writes a NUL-terminated UTF-8 prefix of the message within `len`
/// bytes, and nothing after the NUL.
pub fn last_error_into(len: usize) {
    let full = last_error();
    const SENTINEL: c_char = 0x5a;
    let mut buf = vec![SENTINEL; len];
    let ptr = if len == 0 {
        std::ptr::null_mut()
    } else {
        buf.as_mut_ptr()
    };
    // SAFETY: ptr is NULL or `len` writable bytes.
    let needed = unsafe { abi::ct_last_error(ptr, len) };
    assert_eq!(needed, full.len() + 1, "ct_last_error size");
    if len == 0 {
        return;
    }
    let bytes: Vec<u8> = buf.iter().map(|&c| c as u8).collect();
    let nul = bytes
        .iter()
        .position(|&b| b == 0)
        .expect("ct_last_error wrote no NUL within the buffer");
    let text =
        std::str::from_utf8(&bytes[..nul]).expect("ct_last_error truncated inside a UTF-8 char");
    assert!(
        full.starts_with(text),
        "ct_last_error prefix {text:?} of {full:?}"
    );
    assert!(
        nul == full.len() || full.len() + 1 > len,
        "truncated though it fit"
    );
    assert!(
        bytes[nul + 1..].iter().all(|&b| b == SENTINEL as u8),
        "ct_last_error wrote past its NUL"
    );
}

/// Checks `ct_status_str` for any integer: a non-empty static string, "unknown
/// status" exactly for values that are no `ct_status`.
pub fn status_str(value: i32) {
    // SAFETY: takes any integer.
    let text = unsafe { abi::ct_status_str(value) };
    assert!(!text.is_null(), "ct_status_str({value}) is NULL");
    // SAFETY: documented as a static NUL-terminated string.
    let text = unsafe { std::ffi::CStr::from_ptr(text) }.to_str().unwrap();
    assert!(!text.is_empty());
    let known = (0..status::END).contains(&value);
    assert_eq!(
        text != "unknown status",
        known,
        "ct_status_str({value}) = {text}"
    );
}
