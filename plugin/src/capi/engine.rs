//! `ct_engine`: the analysis core with its device and models, shared by every
//! analysis made from it (and usable from several threads at once).

use super::guard::{copy_text, guard, CallError};
use super::CtStatus;
use circletake_inference::device::DeviceChoice;
use circletake_inference::engine::{Engine, EngineOptions};
use std::ffi::{c_char, CStr};
use std::path::PathBuf;
use std::sync::Arc;

/// Where the analysis runs.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtDevice {
    /// CUDA when a GPU and driver are reachable, else CPU.
    Auto = 0,
    /// CPU only.
    Cpu = 1,
    /// CUDA; `ct_engine_new` fails with `CT_STATUS_DEVICE_UNAVAILABLE` without it.
    Cuda = 2,
}

/// Options of `ct_engine_new`. Fill with `ct_engine_options_default` first,
/// then change what you need, so fields added later keep their defaults.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CtEngineOptions {
    /// A `ct_device` value.
    pub device: i32,
    /// CPU threads for each of the two analysis streams (per-frame signals and
    /// the shot-boundary model run at once); 0 = half the cores, at least 1.
    pub threads: u32,
    /// Folder of the TorchScript models (UTF-8, NUL-terminated); NULL = the
    /// `CIRCLETAKE_MODELS` environment variable, else no models (signals only).
    pub model_dir: *const c_char,
    /// Detect faces and blinks (slower).
    pub faces: bool,
}

/// The analysis engine (opaque).
pub struct CtEngine {
    pub(crate) engine: Arc<Engine>,
}

impl std::fmt::Debug for CtEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CtEngine")
            .field("device", &self.engine.device_description())
            .finish()
    }
}

impl Default for CtEngineOptions {
    fn default() -> Self {
        CtEngineOptions {
            device: CtDevice::Auto as i32,
            threads: 0,
            model_dir: std::ptr::null(),
            faces: true,
        }
    }
}

/// Writes the default options into `*out`.
///
/// # Safety
/// `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_engine_options_default(out: *mut CtEngineOptions) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract: NULL or writable.
        let out = unsafe { out.as_mut() }.ok_or_else(|| CallError::null("out"))?;
        *out = CtEngineOptions::default();
        Ok(())
    })
}

fn engine_options(options: &CtEngineOptions) -> Result<EngineOptions, CallError> {
    let device = match options.device {
        0 => DeviceChoice::Auto,
        1 => DeviceChoice::Cpu,
        2 => DeviceChoice::Cuda,
        other => {
            return Err(CallError::invalid(format!(
                "device {other} is not a ct_device"
            )))
        }
    };
    let model_dir = if options.model_dir.is_null() {
        std::env::var_os("CIRCLETAKE_MODELS").map(PathBuf::from)
    } else {
        // SAFETY: caller contract: a NUL-terminated string when not NULL.
        let text = unsafe { CStr::from_ptr(options.model_dir) };
        Some(PathBuf::from(
            text.to_str()
                .map_err(|_| CallError::invalid("model_dir is not UTF-8"))?,
        ))
    };
    Ok(EngineOptions {
        device,
        threads: (options.threads > 0).then_some(options.threads as usize),
        model_dir,
        faces: options.faces,
        ..EngineOptions::default()
    })
}

/// Creates an engine (loads the models; may take a second). `options` NULL
/// means the defaults. A missing or corrupt model is not an error: the engine
/// runs without it and `ct_engine_describe` says so.
///
/// # Safety
/// `options` is NULL or readable (with `model_dir` NULL or a C string); `out`
/// is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_engine_new(
    options: *const CtEngineOptions,
    out: *mut *mut CtEngine,
) -> CtStatus {
    guard(|| {
        if out.is_null() {
            return Err(CallError::null("out"));
        }
        // SAFETY: caller contract: NULL or readable.
        let options = unsafe { options.as_ref() }.copied().unwrap_or_default();
        let engine = Engine::new(engine_options(&options)?)?;
        let handle = Box::new(CtEngine {
            engine: Arc::new(engine),
        });
        // SAFETY: `out` checked non-NULL and writable by contract.
        unsafe { out.write(Box::into_raw(handle)) };
        Ok(())
    })
}

/// Copies a one-line description of the engine (device in use, models loaded
/// or why not) into `buf` (`len` bytes, NUL-terminated, truncated if needed)
/// and stores the size it needs (with the NUL) in `*needed` when not NULL.
/// Returns `CT_STATUS_BUFFER_TOO_SMALL` when truncated.
///
/// # Safety
/// `engine` is NULL or live; `buf` NULL or `len` writable bytes; `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_engine_describe(
    engine: *const CtEngine,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract: NULL or live.
        let engine = unsafe { engine.as_ref() }.ok_or_else(|| CallError::null("engine"))?;
        let text = format!(
            "{}; {}",
            engine.engine.device_description(),
            engine.engine.model_status()
        );
        // SAFETY: caller contract for buf/len.
        let size = unsafe { copy_text(&text, buf, len) };
        // SAFETY: caller contract: NULL or writable.
        if let Some(needed) = unsafe { needed.as_mut() } {
            *needed = size;
        }
        if size > len {
            return Err(CallError::new(
                CtStatus::BufferTooSmall,
                format!("the description needs {size} bytes"),
            ));
        }
        Ok(())
    })
}

/// Releases an engine. NULL is allowed. Analyses and edit checks made from it
/// keep it alive until they are released too.
///
/// # Safety
/// `engine` is NULL or a live engine not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn ct_engine_free(engine: *mut CtEngine) {
    if !engine.is_null() {
        let _ = guard(|| {
            // SAFETY: made by Box::into_raw in ct_engine_new, released once.
            drop(unsafe { Box::from_raw(engine) });
            Ok(())
        });
    }
}
