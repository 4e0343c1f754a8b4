//! Progress bars with cancel (`progressUpdate` replying `kOfxStatReplyNo`
//! means the user cancelled), ended by an RAII guard.

use std::ffi::{c_void, CString};

use ofx_sys::*;

use super::error::{OfxError, OfxResult};
use super::suites::{suite_fn, Suites};

/// A running progress bar on an instance.
#[derive(Debug)]
pub struct Progress {
    instance: *mut c_void,
    suites: &'static Suites,
    v2: bool,
}

impl Progress {
    pub(crate) fn start(
        suites: &'static Suites,
        instance: *mut c_void,
        label: &str,
    ) -> OfxResult<Option<Self>> {
        let text = CString::new(label.replace('\0', " ")).unwrap_or_default();
        let (status, v2) = if let Some(s) = suites.progress_v2 {
            let f = suite_fn!(s, progressStart)?;
            // SAFETY: live instance handle, NUL-terminated label, NULL id (allowed).
            (
                unsafe { f(instance, text.as_ptr(), std::ptr::null()) },
                true,
            )
        } else if let Some(s) = suites.progress_v1 {
            let f = suite_fn!(s, progressStart)?;
            // SAFETY: live instance handle and NUL-terminated label.
            (unsafe { f(instance, text.as_ptr()) }, false)
        } else {
            return Ok(None);
        };
        if status != OfxStatus::OK {
            log::info!("progressStart returned {status}: no progress bar");
            return Ok(None);
        }
        Ok(Some(Self {
            instance,
            suites,
            v2,
        }))
    }

    /// Reports `fraction` (0..=1) done. `Ok(false)` when the user cancelled.
    pub fn update(&self, fraction: f64) -> OfxResult<bool> {
        let fraction = fraction.clamp(0.0, 1.0);
        let status = match (self.v2, self.suites.progress_v2, self.suites.progress_v1) {
            (true, Some(s), _) => {
                let f = suite_fn!(s, progressUpdate)?;
                // SAFETY: live instance handle with a started progress bar.
                unsafe { f(self.instance, fraction) }
            }
            (false, _, Some(s)) => {
                let f = suite_fn!(s, progressUpdate)?;
                // SAFETY: live instance handle with a started progress bar.
                unsafe { f(self.instance, fraction) }
            }
            _ => return Err(OfxError::MissingHostFeature("progress suite".into())),
        };
        match status {
            OfxStatus::OK => Ok(true),
            OfxStatus::REPLY_NO => Ok(false),
            status => Err(OfxError::Host {
                call: "progressUpdate",
                status,
            }),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        let end = if self.v2 {
            self.suites.progress_v2.map(|s| suite_fn!(s, progressEnd))
        } else {
            self.suites.progress_v1.map(|s| suite_fn!(s, progressEnd))
        };
        match end {
            Some(Ok(end)) => {
                // SAFETY: live instance handle with a started progress bar.
                let _ = unsafe { end(self.instance) };
            }
            Some(Err(e)) => log::warn!("{e}"),
            None => {}
        }
    }
}
