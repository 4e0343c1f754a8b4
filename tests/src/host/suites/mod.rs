//! The suites the test host gives the plugin (`OfxHost::fetchSuite`), one module
//! per suite; every function catches panics and checks its handles.

pub mod image_effect;
pub mod memory;
pub mod message;
pub mod multithread;
pub mod param;
mod param_values;
pub mod progress;
pub mod property;
pub mod timeline;

use super::shared::HostShared;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Panics caught inside host suite functions, process-wide (a correct host has none).
pub static HOST_PANICS: AtomicUsize = AtomicUsize::new(0);

/// Runs a suite function body, turning a panic into `$default` (a panic must not
/// unwind into the plugin's C frames).
macro_rules! guard {
    ($default:expr, $body:block) => {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $body)) {
            Ok(v) => v,
            Err(_) => {
                $crate::host::suites::HOST_PANICS
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                eprintln!("[test host] panic inside a host suite function");
                $default
            }
        }
    };
}
pub(crate) use guard;

/// A C string argument; `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string valid for `'a`.
pub unsafe fn cstr<'a>(p: *const c_char) -> Option<&'a CStr> {
    // SAFETY: caller's contract.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) })
}

/// A C string argument as a Rust string ("" for NULL).
///
/// # Safety
/// As [`cstr`].
pub unsafe fn lossy(p: *const c_char) -> String {
    // SAFETY: caller's contract.
    let c = unsafe { cstr(p) };
    c.map(|c| c.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Counts a call with a handle of the wrong type or a NULL required pointer.
pub fn bad_handle(function: &str) {
    BAD_HANDLES.fetch_add(1, Ordering::Relaxed);
    eprintln!("[test host] {function}: bad handle or NULL argument");
}

/// Calls with bad handles or NULL required pointers, process-wide.
pub static BAD_HANDLES: AtomicUsize = AtomicUsize::new(0);

/// `OfxHost::fetchSuite`: the suites this host's profile offers.
///
/// # Safety
/// Called by the plugin with the host handle it was given and a C string.
pub unsafe extern "C" fn fetch_suite(
    host: ofx_sys::OfxPropertySetHandle,
    name: *const c_char,
    version: c_int,
) -> *const c_void {
    guard!(std::ptr::null(), {
        // SAFETY: the plugin passes back the host handle it was given (checked by magic).
        let Some(shared) = (unsafe { HostShared::from_handle(host as *const c_void) }) else {
            bad_handle("fetchSuite");
            return std::ptr::null();
        };
        // SAFETY: the plugin passes a C string (NULL is handled).
        let Some(name) = (unsafe { cstr(name) }) else {
            return std::ptr::null();
        };
        suite_for(shared, name, version)
    })
}

fn suite_for(shared: &HostShared, name: &CStr, version: c_int) -> *const c_void {
    use ofx_sys as ofx;
    let p = &shared.profile;
    let ptr: *const c_void = match (name.to_bytes(), version) {
        (n, 1) if n == ofx::K_OFX_PROPERTY_SUITE.to_bytes() => {
            std::ptr::addr_of!(property::SUITE).cast()
        }
        (n, 1) if n == ofx::K_OFX_IMAGE_EFFECT_SUITE.to_bytes() => {
            std::ptr::addr_of!(image_effect::SUITE).cast()
        }
        (n, 1) if n == ofx::K_OFX_PARAMETER_SUITE.to_bytes() => {
            std::ptr::addr_of!(param::SUITE).cast()
        }
        (n, 1) if n == ofx::K_OFX_MEMORY_SUITE.to_bytes() => {
            std::ptr::addr_of!(memory::SUITE).cast()
        }
        (n, 1) if n == ofx::K_OFX_MULTI_THREAD_SUITE.to_bytes() => {
            std::ptr::addr_of!(multithread::SUITE).cast()
        }
        (n, 1) if n == ofx::K_OFX_MESSAGE_SUITE.to_bytes() => {
            std::ptr::addr_of!(message::SUITE_V1).cast()
        }
        (n, 2) if n == ofx::K_OFX_MESSAGE_SUITE.to_bytes() => {
            if p.null_persistent_message {
                std::ptr::addr_of!(message::SUITE_V2_NULL_PERSISTENT).cast()
            } else {
                std::ptr::addr_of!(message::SUITE_V2).cast()
            }
        }
        (n, 1) if n == ofx::K_OFX_PROGRESS_SUITE.to_bytes() => {
            if p.real_progress_and_timeline {
                std::ptr::addr_of!(progress::SUITE_V1).cast()
            } else {
                std::ptr::addr_of!(progress::STUB_V1).cast()
            }
        }
        (n, 2) if n == ofx::K_OFX_PROGRESS_SUITE.to_bytes() => {
            if p.real_progress_and_timeline {
                std::ptr::addr_of!(progress::SUITE_V2).cast()
            } else {
                std::ptr::addr_of!(progress::STUB_V2).cast()
            }
        }
        (n, 1) if n == ofx::K_OFX_TIME_LINE_SUITE.to_bytes() => {
            if p.real_progress_and_timeline {
                std::ptr::addr_of!(timeline::SUITE).cast()
            } else {
                std::ptr::addr_of!(timeline::STUB).cast()
            }
        }
        _ => std::ptr::null(),
    };
    if ptr.is_null() {
        eprintln!(
            "[test host] fetchSuite({}, {version}): not offered",
            name.to_string_lossy()
        );
    }
    ptr
}
