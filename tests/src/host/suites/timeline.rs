//! The timeline suite (`OfxTimeLineSuiteV1`) and an MLT-like stub.

use super::guard;
use crate::host::effect::EffectNode;
use crate::host::records::lock;
use crate::host::status::Status;
use ofx_sys::{OfxStatus, OfxTimeLineSuiteV1};
use std::ffi::{c_double, c_void};

/// The real suite: the host's timeline time and bounds.
pub static SUITE: OfxTimeLineSuiteV1 = OfxTimeLineSuiteV1 {
    getTime: Some(get_time),
    gotoTime: Some(goto_time),
    getTimeBounds: Some(get_bounds),
};
/// MLT-like stub: time 0, bounds (0, 0), gotoTime does nothing.
pub static STUB: OfxTimeLineSuiteV1 = OfxTimeLineSuiteV1 {
    getTime: Some(stub_get_time),
    gotoTime: Some(stub_goto_time),
    getTimeBounds: Some(stub_get_bounds),
};

fn effect<'a>(h: *mut c_void) -> Option<&'a EffectNode> {
    // SAFETY: checked by magic.
    let e = unsafe { EffectNode::from_handle(h) };
    if e.is_none() {
        super::bad_handle("timeline suite");
    }
    e
}

unsafe extern "C" fn get_time(h: *mut c_void, time: *mut c_double) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect(h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if time.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: non-null out pointer.
        unsafe { time.write(e.host.time()) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn goto_time(h: *mut c_void, time: c_double) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect(h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        *lock(&e.host.timeline_time) = time;
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn get_bounds(
    h: *mut c_void,
    first: *mut c_double,
    last: *mut c_double,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect(h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if first.is_null() || last.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        let (a, b) = *lock(&e.host.timeline_bounds);
        // SAFETY: non-null out pointer.
        unsafe { first.write(a) };
        // SAFETY: non-null out pointer.
        unsafe { last.write(b) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn stub_get_time(_h: *mut c_void, time: *mut c_double) -> OfxStatus {
    if !time.is_null() {
        // SAFETY: non-null out pointer.
        unsafe { time.write(0.0) };
    }
    Status::Ok.to_ofx()
}
unsafe extern "C" fn stub_goto_time(_h: *mut c_void, _time: c_double) -> OfxStatus {
    Status::Ok.to_ofx()
}
unsafe extern "C" fn stub_get_bounds(
    _h: *mut c_void,
    first: *mut c_double,
    last: *mut c_double,
) -> OfxStatus {
    if !first.is_null() && !last.is_null() {
        // SAFETY: non-null out pointer.
        unsafe { first.write(0.0) };
        // SAFETY: non-null out pointer.
        unsafe { last.write(0.0) };
    }
    Status::Ok.to_ofx()
}
