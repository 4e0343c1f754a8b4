//! Status codes of the C ABI and their descriptions.

use std::ffi::{c_char, CStr};

/// Result of every C ABI call. `CT_STATUS_OK` is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtStatus {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// An argument was out of range or inconsistent (sizes, stride, frame order).
    InvalidArgument = 2,
    /// The pixel format is not one CircleTake reads.
    UnsupportedFormat = 3,
    /// The requested device (e.g. CUDA) cannot be used.
    DeviceUnavailable = 4,
    /// A model file is missing or corrupt.
    Model = 5,
    /// A media file could not be read.
    Media = 6,
    /// The caller's buffer is too small; the needed size was reported.
    BufferTooSmall = 7,
    /// The object is in the wrong state for this call (e.g. pushing after finish).
    InvalidState = 8,
    /// Index out of range.
    OutOfRange = 9,
    /// An internal error (a bug): the message says what.
    Internal = 10,
    /// A bug caused a panic inside CircleTake; the call was aborted safely.
    Panic = 11,
}

/// A static, NUL-terminated English description of a `ct_status` value.
/// Never NULL; values that are no `ct_status` give "unknown status".
/// (Takes the plain integer so that any value a C caller passes is defined.)
#[no_mangle]
pub extern "C" fn ct_status_str(status: i32) -> *const c_char {
    status_text(status).as_ptr()
}

fn status_text(status: i32) -> &'static CStr {
    const ALL: [(CtStatus, &CStr); 12] = [
        (CtStatus::Ok, c"ok"),
        (
            CtStatus::NullArgument,
            c"a required pointer argument was NULL",
        ),
        (CtStatus::InvalidArgument, c"invalid argument"),
        (CtStatus::UnsupportedFormat, c"unsupported pixel format"),
        (CtStatus::DeviceUnavailable, c"device unavailable"),
        (CtStatus::Model, c"model file missing or corrupt"),
        (CtStatus::Media, c"media file could not be read"),
        (CtStatus::BufferTooSmall, c"buffer too small"),
        (CtStatus::InvalidState, c"invalid state for this call"),
        (CtStatus::OutOfRange, c"index out of range"),
        (CtStatus::Internal, c"internal error"),
        (CtStatus::Panic, c"internal error (panic caught)"),
    ];
    ALL.iter()
        .find(|(s, _)| *s as i32 == status)
        .map_or(c"unknown status", |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_text() {
        let texts: std::collections::BTreeSet<_> = (0..12).map(status_text).collect();
        assert_eq!(texts.len(), 12);
        assert_eq!(status_text(99), c"unknown status");
        assert_eq!(status_text(-1), c"unknown status");
    }
}
