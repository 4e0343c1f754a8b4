//! The message suite, v1 and v2 (`OfxMessageSuiteV1/V2`). The printf-style
//! functions are formatted in `varargs.c` and recorded here.

use super::{guard, lossy};
use crate::host::effect::EffectNode;
use crate::host::records::{lock, Message};
use crate::host::status::Status;
use ofx_sys::{OfxMessageFn, OfxMessageSuiteV1, OfxMessageSuiteV2, OfxStatus};
use std::ffi::{c_char, c_int, c_void};
use std::sync::Mutex;

extern "C" {
    fn ct_host_message_v(
        handle: *mut c_void,
        kind: *const c_char,
        id: *const c_char,
        format: *const c_char,
        ...
    ) -> OfxStatus;
    fn ct_host_set_persistent_message_v(
        handle: *mut c_void,
        kind: *const c_char,
        id: *const c_char,
        format: *const c_char,
        ...
    ) -> OfxStatus;
}

const MESSAGE: OfxMessageFn = ct_host_message_v;
const PERSISTENT: OfxMessageFn = ct_host_set_persistent_message_v;

/// Version 1.
pub static SUITE_V1: OfxMessageSuiteV1 = OfxMessageSuiteV1 {
    message: Some(MESSAGE),
};
/// Version 2.
pub static SUITE_V2: OfxMessageSuiteV2 = OfxMessageSuiteV2 {
    message: Some(MESSAGE),
    setPersistentMessage: Some(PERSISTENT),
    clearPersistentMessage: Some(clear_persistent),
};
/// Version 2 as Resolve 14 exposed it: `setPersistentMessage` is NULL.
pub static SUITE_V2_NULL_PERSISTENT: OfxMessageSuiteV2 = OfxMessageSuiteV2 {
    message: Some(MESSAGE),
    setPersistentMessage: None,
    clearPersistentMessage: Some(clear_persistent),
};

/// Messages posted with a NULL or unrecognised handle (no host to record them on).
pub static ORPHAN_MESSAGES: Mutex<Vec<Message>> = Mutex::new(Vec::new());

/// Records a formatted message (called by the C shim).
///
/// # Safety
/// The strings are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn ct_host_message(
    handle: *mut c_void,
    persistent: c_int,
    kind: *const c_char,
    id: *const c_char,
    text: *const c_char,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        // SAFETY: NULL or C strings from the plugin / the shim.
        let kind = unsafe { lossy(kind) };
        // SAFETY: as above.
        let id = unsafe { lossy(id) };
        // SAFETY: as above.
        let text = unsafe { lossy(text) };
        // SAFETY: the handle is checked by magic.
        let effect = unsafe { EffectNode::from_handle(handle) };
        let msg = Message {
            instance: effect.map(|e| e.serial).unwrap_or(0),
            kind: kind.clone(),
            id,
            text,
            persistent: persistent != 0,
        };
        eprintln!(
            "[test host] {}message {}: {}",
            if msg.persistent { "persistent " } else { "" },
            msg.kind,
            msg.text
        );
        match effect {
            Some(e) => {
                if msg.persistent {
                    *lock(&e.persistent) = Some(msg.clone());
                }
                lock(&e.host.records.messages).push(msg);
            }
            None => lock(&ORPHAN_MESSAGES).push(msg),
        }
        // A question gets "yes"; everything else "OK".
        if kind == "OfxMessageQuestion" {
            Status::ReplyYes
        } else {
            Status::Ok
        }
        .to_ofx()
    })
}

unsafe extern "C" fn clear_persistent(handle: *mut c_void) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        // SAFETY: the handle is checked by magic.
        match unsafe { EffectNode::from_handle(handle) } {
            Some(e) => {
                *lock(&e.persistent) = None;
                Status::Ok.to_ofx()
            }
            None => Status::ErrBadHandle.to_ofx(),
        }
    })
}
