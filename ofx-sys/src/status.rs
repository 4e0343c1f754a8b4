//! `OfxStatus` and the status codes of `ofxCore.h`, `ofxImageEffect.h` and
//! `ofxGPURender.h`.

use std::fmt;

/// The status every OpenFX function returns (`typedef int OfxStatus`).
///
/// A transparent newtype so a status cannot be confused with an ordinary
/// integer, and `#[must_use]` so none is silently dropped.
#[must_use]
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OfxStatus(pub i32);

impl OfxStatus {
    /// `kOfxStatOK`: all was fine.
    pub const OK: Self = Self(0);
    /// `kOfxStatFailed`: the operation failed.
    pub const FAILED: Self = Self(1);
    /// `kOfxStatErrFatal`: the plug-in or host cannot continue.
    pub const ERR_FATAL: Self = Self(2);
    /// `kOfxStatErrUnknown`: operation on, or request for, an unknown object
    /// (for properties: the property does not exist on that set).
    pub const ERR_UNKNOWN: Self = Self(3);
    /// `kOfxStatErrMissingHostFeature`: the host lacks something the plug-in needs.
    pub const ERR_MISSING_HOST_FEATURE: Self = Self(4);
    /// `kOfxStatErrUnsupported`: unsupported feature or operation.
    pub const ERR_UNSUPPORTED: Self = Self(5);
    /// `kOfxStatErrExists`: the thing to create already exists.
    pub const ERR_EXISTS: Self = Self(6);
    /// `kOfxStatErrFormat`: incorrect format.
    pub const ERR_FORMAT: Self = Self(7);
    /// `kOfxStatErrMemory`: memory shortage.
    pub const ERR_MEMORY: Self = Self(8);
    /// `kOfxStatErrBadHandle`: operation on a bad handle.
    pub const ERR_BAD_HANDLE: Self = Self(9);
    /// `kOfxStatErrBadIndex`: an index was invalid or unavailable.
    pub const ERR_BAD_INDEX: Self = Self(10);
    /// `kOfxStatErrValue`: an illegal value.
    pub const ERR_VALUE: Self = Self(11);
    /// `kOfxStatReplyYes`: a "yes" reply.
    pub const REPLY_YES: Self = Self(12);
    /// `kOfxStatReplyNo`: a "no" reply (also: progress cancelled by the user).
    pub const REPLY_NO: Self = Self(13);
    /// `kOfxStatReplyDefault`: not handled, the host should do its default.
    pub const REPLY_DEFAULT: Self = Self(14);
    /// `kOfxStatErrImageFormat`: incorrect image format (image effect API).
    pub const ERR_IMAGE_FORMAT: Self = Self(1000);
    /// `kOfxStatGPUOutOfMemory` (alias `kOfxStatGLOutOfMemory`): GPU render ran out of memory.
    pub const GPU_OUT_OF_MEMORY: Self = Self(1001);
    /// `kOfxStatGPURenderFailed` (alias `kOfxStatGLRenderFailed`): GPU render failed otherwise.
    pub const GPU_RENDER_FAILED: Self = Self(1002);

    /// True for `kOfxStatOK`.
    pub fn is_ok(self) -> bool {
        self == Self::OK
    }

    /// The header's name of this status (`"kOfxStatOK"` ...), or
    /// `"unknown OfxStatus"` for a value no header defines.
    pub fn name(self) -> &'static str {
        match self.0 {
            0 => "kOfxStatOK",
            1 => "kOfxStatFailed",
            2 => "kOfxStatErrFatal",
            3 => "kOfxStatErrUnknown",
            4 => "kOfxStatErrMissingHostFeature",
            5 => "kOfxStatErrUnsupported",
            6 => "kOfxStatErrExists",
            7 => "kOfxStatErrFormat",
            8 => "kOfxStatErrMemory",
            9 => "kOfxStatErrBadHandle",
            10 => "kOfxStatErrBadIndex",
            11 => "kOfxStatErrValue",
            12 => "kOfxStatReplyYes",
            13 => "kOfxStatReplyNo",
            14 => "kOfxStatReplyDefault",
            1000 => "kOfxStatErrImageFormat",
            1001 => "kOfxStatGPUOutOfMemory",
            1002 => "kOfxStatGPURenderFailed",
            _ => "unknown OfxStatus",
        }
    }
}

impl fmt::Debug for OfxStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OfxStatus({} {})", self.0, self.name())
    }
}

impl fmt::Display for OfxStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.0)
    }
}

impl From<OfxStatus> for i32 {
    fn from(status: OfxStatus) -> i32 {
        status.0
    }
}
