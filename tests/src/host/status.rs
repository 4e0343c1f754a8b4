//! OpenFX status codes as the host sees them (`OfxStatus`, from ofxCore.h and
//! ofxImageEffect.h), with names for test output.

use std::fmt;

/// An OpenFX status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `kOfxStatOK` (0).
    Ok,
    /// `kOfxStatFailed` (1).
    Failed,
    /// `kOfxStatErrFatal` (2).
    ErrFatal,
    /// `kOfxStatErrUnknown` (3).
    ErrUnknown,
    /// `kOfxStatErrMissingHostFeature` (4).
    ErrMissingHostFeature,
    /// `kOfxStatErrUnsupported` (5).
    ErrUnsupported,
    /// `kOfxStatErrExists` (6).
    ErrExists,
    /// `kOfxStatErrFormat` (7).
    ErrFormat,
    /// `kOfxStatErrMemory` (8).
    ErrMemory,
    /// `kOfxStatErrBadHandle` (9).
    ErrBadHandle,
    /// `kOfxStatErrBadIndex` (10).
    ErrBadIndex,
    /// `kOfxStatErrValue` (11).
    ErrValue,
    /// `kOfxStatReplyYes` (12).
    ReplyYes,
    /// `kOfxStatReplyNo` (13).
    ReplyNo,
    /// `kOfxStatReplyDefault` (14).
    ReplyDefault,
    /// `kOfxStatErrImageFormat` (1000).
    ErrImageFormat,
    /// Any other code.
    Other(i32),
}

impl Status {
    /// The C value.
    pub fn code(self) -> i32 {
        match self {
            Status::Ok => 0,
            Status::Failed => 1,
            Status::ErrFatal => 2,
            Status::ErrUnknown => 3,
            Status::ErrMissingHostFeature => 4,
            Status::ErrUnsupported => 5,
            Status::ErrExists => 6,
            Status::ErrFormat => 7,
            Status::ErrMemory => 8,
            Status::ErrBadHandle => 9,
            Status::ErrBadIndex => 10,
            Status::ErrValue => 11,
            Status::ReplyYes => 12,
            Status::ReplyNo => 13,
            Status::ReplyDefault => 14,
            Status::ErrImageFormat => 1000,
            Status::Other(c) => c,
        }
    }

    /// From the C value.
    pub fn from_code(code: i32) -> Status {
        const ALL: [Status; 16] = [
            Status::Ok,
            Status::Failed,
            Status::ErrFatal,
            Status::ErrUnknown,
            Status::ErrMissingHostFeature,
            Status::ErrUnsupported,
            Status::ErrExists,
            Status::ErrFormat,
            Status::ErrMemory,
            Status::ErrBadHandle,
            Status::ErrBadIndex,
            Status::ErrValue,
            Status::ReplyYes,
            Status::ReplyNo,
            Status::ReplyDefault,
            Status::ErrImageFormat,
        ];
        ALL.into_iter()
            .find(|s| s.code() == code)
            .unwrap_or(Status::Other(code))
    }

    /// True for `kOfxStatOK`.
    pub fn is_ok(self) -> bool {
        self == Status::Ok
    }

    /// True for `kOfxStatOK` and `kOfxStatReplyDefault` (handled or "use the default").
    pub fn is_ok_or_default(self) -> bool {
        matches!(self, Status::Ok | Status::ReplyDefault)
    }

    /// True for the error codes (neither OK nor a reply).
    pub fn is_error(self) -> bool {
        !matches!(
            self,
            Status::Ok | Status::ReplyYes | Status::ReplyNo | Status::ReplyDefault
        )
    }

    /// As the plugin-facing `OfxStatus`.
    pub fn to_ofx(self) -> ofx_sys::OfxStatus {
        ofx_sys::OfxStatus(self.code())
    }

    /// From a plugin's `OfxStatus`.
    pub fn from_ofx(status: ofx_sys::OfxStatus) -> Status {
        Status::from_code(status.0)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(ofx_sys::OfxStatus(self.code()).name())?;
        if let Status::Other(c) = self {
            write!(f, " ({c})")?;
        }
        Ok(())
    }
}
