//! `ofxTimeLine.h`: query and move the host timeline.

use std::ffi::{c_double, c_void, CStr};

use crate::status::OfxStatus;

/// `kOfxTimeLineSuite`.
pub const K_OFX_TIME_LINE_SUITE: &CStr = c"OfxTimeLineSuite";

/// `OfxTimeLineSuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxTimeLineSuiteV1 {
    /// Current time of the timeline controlling the effect.
    pub getTime:
        Option<unsafe extern "C" fn(instance: *mut c_void, time: *mut c_double) -> OfxStatus>,
    /// Move the timeline to `time`.
    pub gotoTime: Option<unsafe extern "C" fn(instance: *mut c_void, time: c_double) -> OfxStatus>,
    /// First and last time of the timeline.
    pub getTimeBounds: Option<
        unsafe extern "C" fn(
            instance: *mut c_void,
            firstTime: *mut c_double,
            lastTime: *mut c_double,
        ) -> OfxStatus,
    >,
}
