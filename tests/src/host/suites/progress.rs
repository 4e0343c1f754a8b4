//! The progress suite, v1 and v2, and MLT-like stubs. A host-side cancel switch
//! (`Host::cancel_progress_after`) makes `progressUpdate` reply
//! `kOfxStatReplyNo` (the user cancelled) from the Nth update on.

use super::{guard, lossy};
use crate::host::effect::EffectNode;
use crate::host::records::{lock, ProgressEvent};
use crate::host::status::Status;
use ofx_sys::{OfxProgressSuiteV1, OfxProgressSuiteV2, OfxStatus};
use std::ffi::{c_char, c_double, c_void};
use std::sync::atomic::Ordering;

/// Version 1.
pub static SUITE_V1: OfxProgressSuiteV1 = OfxProgressSuiteV1 {
    progressStart: Some(start_v1),
    progressUpdate: Some(update),
    progressEnd: Some(end),
};
/// Version 2.
pub static SUITE_V2: OfxProgressSuiteV2 = OfxProgressSuiteV2 {
    progressStart: Some(start_v2),
    progressUpdate: Some(update),
    progressEnd: Some(end),
};
/// MLT-like v1 stub: every call answers OK and nothing shows or cancels.
pub static STUB_V1: OfxProgressSuiteV1 = OfxProgressSuiteV1 {
    progressStart: Some(stub_start_v1),
    progressUpdate: Some(stub_update),
    progressEnd: Some(stub_end),
};
/// MLT-like v2 stub.
pub static STUB_V2: OfxProgressSuiteV2 = OfxProgressSuiteV2 {
    progressStart: Some(stub_start_v2),
    progressUpdate: Some(stub_update),
    progressEnd: Some(stub_end),
};

fn effect<'a>(h: *mut c_void) -> Option<&'a EffectNode> {
    // SAFETY: checked by magic.
    let e = unsafe { EffectNode::from_handle(h) };
    if e.is_none() {
        super::bad_handle("progress suite");
    }
    e
}

fn start(h: *mut c_void, label: *const c_char, id: *const c_char) -> OfxStatus {
    let Some(e) = effect(h) else {
        return Status::ErrBadHandle.to_ofx();
    };
    // SAFETY: NULL or a C string from the plugin.
    let label = unsafe { lossy(label) };
    // SAFETY: as above.
    let id = unsafe { lossy(id) };
    lock(&e.host.records.progress).push(ProgressEvent::Start {
        instance: e.serial,
        label,
        id,
    });
    Status::Ok.to_ofx()
}

unsafe extern "C" fn start_v1(h: *mut c_void, label: *const c_char) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        start(h, label, std::ptr::null())
    })
}

unsafe extern "C" fn start_v2(
    h: *mut c_void,
    label: *const c_char,
    id: *const c_char,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), { start(h, label, id) })
}

unsafe extern "C" fn update(h: *mut c_void, fraction: c_double) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect(h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        let n = e.host.progress_updates.fetch_add(1, Ordering::Relaxed) + 1;
        let cancel = lock(&e.host.cancel_after).is_some_and(|after| n >= after);
        let reply = if cancel { Status::ReplyNo } else { Status::Ok };
        lock(&e.host.records.progress).push(ProgressEvent::Update {
            instance: e.serial,
            fraction,
            reply,
        });
        reply.to_ofx()
    })
}

unsafe extern "C" fn end(h: *mut c_void) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect(h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        lock(&e.host.records.progress).push(ProgressEvent::End { instance: e.serial });
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn stub_start_v1(_h: *mut c_void, _label: *const c_char) -> OfxStatus {
    Status::Ok.to_ofx()
}
unsafe extern "C" fn stub_start_v2(
    _h: *mut c_void,
    _label: *const c_char,
    _id: *const c_char,
) -> OfxStatus {
    Status::Ok.to_ofx()
}
unsafe extern "C" fn stub_update(_h: *mut c_void, _fraction: c_double) -> OfxStatus {
    Status::Ok.to_ofx()
}
unsafe extern "C" fn stub_end(_h: *mut c_void) -> OfxStatus {
    Status::Ok.to_ofx()
}
