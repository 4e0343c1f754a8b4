//! Engines for the fuzz programs: a model-free CPU engine made once per
//! process (signals only, fast), an optional one with the real models
//! (`CIRCLETAKE_FUZZ_MODELS=1` and `CIRCLETAKE_MODELS` set), and engines made
//! and released by a single program to fuzz `ct_engine_new`/`ct_engine_free`.

use crate::abi::{self, device, status, CtEngineOptions};
use crate::check::expect;
use std::ffi::CString;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A live engine shared by every program of the process.
struct Shared(abi::Engine);

// SAFETY: the C ABI documents engines as usable from several threads at once;
// the fuzz process never releases the shared ones.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

/// An empty folder: an engine pointed at it loads no model.
fn empty_model_dir() -> CString {
    let dir =
        std::env::temp_dir().join(format!("circletake-fuzz-no-models-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    CString::new(dir.to_str().expect("UTF-8 temp folder")).unwrap()
}

fn model_dir() -> Option<CString> {
    if std::env::var_os("CIRCLETAKE_FUZZ_MODELS").is_none_or(|v| v != "1") {
        return None;
    }
    let dir = PathBuf::from(std::env::var_os("CIRCLETAKE_MODELS")?);
    dir.is_dir()
        .then(|| CString::new(dir.to_str().expect("UTF-8 model folder")).unwrap())
}

/// CPU options, one thread, models from `dir` (kept alive by the caller).
pub fn options(dir: &CString, faces: bool) -> CtEngineOptions {
    let mut options = std::mem::MaybeUninit::uninit();
    // SAFETY: a writable options struct.
    let got = unsafe { abi::ct_engine_options_default(options.as_mut_ptr()) };
    expect("ct_engine_options_default", got, status::OK);
    // SAFETY: fully written by ct_engine_options_default.
    let mut options = unsafe { options.assume_init() };
    options.device = device::CPU;
    options.threads = 1;
    options.model_dir = dir.as_ptr();
    options.faces = faces;
    options
}

/// Makes an engine that must succeed.
pub fn make(dir: &CString, faces: bool) -> abi::Engine {
    let options = options(dir, faces);
    let mut engine = std::ptr::null_mut();
    // SAFETY: readable options (model_dir outlives the call), writable out.
    let got = unsafe { abi::ct_engine_new(&options, &mut engine) };
    expect("ct_engine_new", got, status::OK);
    assert!(!engine.is_null());
    engine
}

/// The model-free folder, made once.
pub fn no_models() -> &'static CString {
    static DIR: OnceLock<CString> = OnceLock::new();
    DIR.get_or_init(empty_model_dir)
}

/// The shared model-free engine.
pub fn model_free() -> abi::Engine {
    static ENGINE: OnceLock<Shared> = OnceLock::new();
    ENGINE.get_or_init(|| Shared(make(no_models(), false))).0
}

/// The shared engine with the real models, when enabled.
pub fn with_models() -> Option<abi::Engine> {
    static ENGINE: OnceLock<Option<Shared>> = OnceLock::new();
    ENGINE
        .get_or_init(|| model_dir().map(|dir| Shared(make(&dir, true))))
        .as_ref()
        .map(|s| s.0)
}

/// `ct_engine_new` with a device value that is no `ct_device` must fail
/// with `CT_STATUS_INVALID_ARGUMENT` and leave `*out` alone; NULL out fails too.
pub fn rejects_bad_options(device_value: i32) {
    let mut options = options(no_models(), false);
    options.device = device_value;
    let marker = 0x1 as abi::Engine;
    let mut engine = marker;
    // SAFETY: readable options, writable out.
    let got = unsafe { abi::ct_engine_new(&options, &mut engine) };
    expect("ct_engine_new(bad device)", got, status::INVALID_ARGUMENT);
    assert_eq!(engine, marker, "ct_engine_new wrote *out on failure");
    options.device = device::CPU;
    // SAFETY: NULL out is allowed (and rejected).
    let got = unsafe { abi::ct_engine_new(&options, std::ptr::null_mut()) };
    expect("ct_engine_new(out NULL)", got, status::NULL_ARGUMENT);
}

/// The engine for the config byte of a program (bits 0-1: 0/1 the shared
/// model-free engine, 2 one made for the program, 3 a bad device value first,
/// then the shared engine; bit 2: the shared engine with models when enabled;
/// bit 3: faces on the program's own engine) and the one the program must
/// release (or NULL).
pub fn choose(config: u8) -> (abi::Engine, abi::Engine) {
    let shared = if config & 0x04 != 0 {
        with_models().unwrap_or_else(model_free)
    } else {
        model_free()
    };
    match config & 3 {
        2 => {
            let own = make(no_models(), config & 0x08 != 0);
            (own, own)
        }
        3 => {
            rejects_bad_options([3, -1, i32::MAX, i32::MIN][(config >> 5) as usize % 4]);
            (shared, std::ptr::null_mut())
        }
        _ => (shared, std::ptr::null_mut()),
    }
}
