//! The built bundle, copied outside the repository, loads with `dlopen` in a
//! process with an EMPTY environment (no LD_LIBRARY_PATH, no LIBTORCH) and
//! reports its plugins; and with another libtorch already loaded in the
//! process (as in Nuke 14+), it still binds to its own bundled copy.
//!
//! Each check runs in a child process (this test binary re-run with
//! `env_clear()`), so the parent's environment cannot help it.
//!
//! Each step here is one C call; grouping a few in one `unsafe` block with one
//! SAFETY note reads better than a block per call.
#![allow(clippy::multiple_unsafe_ops_per_block)]

use std::ffi::{c_char, c_int, CStr};
use std::path::{Path, PathBuf};
use std::process::Command;

const CHILD_MODE: &str = "CIRCLETAKE_BUNDLE_CHILD";
const CHILD_BUNDLE: &str = "CIRCLETAKE_BUNDLE_CHILD_PATH";
const CHILD_PRELOAD: &str = "CIRCLETAKE_BUNDLE_CHILD_PRELOAD";

fn bundle() -> Option<PathBuf> {
    match std::env::var_os("CIRCLETAKE_BUNDLE") {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            eprintln!("skipped: CIRCLETAKE_BUNDLE is not set (cargo xtask test sets it to the built bundle)");
            None
        }
    }
}

/// Copies the bundle into a fresh temporary folder (outside the repository).
fn copy_outside(bundle: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("circletake-bundle")
        .tempdir()
        .unwrap();
    let dest = dir.path().join(bundle.file_name().unwrap());
    let status = Command::new("cp")
        .arg("-a")
        .arg(bundle)
        .arg(&dest)
        .status()
        .unwrap();
    assert!(status.success(), "cp -a {} failed", bundle.display());
    (dir, dest)
}

/// Re-runs this test binary as a child with an empty environment.
fn run_child(mode: &str, bundle: &Path, preload: Option<&Path>) -> String {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.env_clear()
        .env(CHILD_MODE, mode)
        .env(CHILD_BUNDLE, bundle)
        .args(["child_entry", "--exact", "--nocapture", "--test-threads=1"]);
    if let Some(lib) = preload {
        cmd.env(CHILD_PRELOAD, lib);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    stdout
}

#[test]
fn bundle_loads_from_a_copy_with_no_environment() {
    let Some(bundle) = bundle() else { return };
    let (_keep, copy) = copy_outside(&bundle);
    let out = run_child("plugins", &copy, None);
    assert!(out.contains("plugin org.circletake.ShotScore"), "{out}");
    assert!(out.contains("analysis shots 1"), "{out}");
    // The plugin's libtorch comes from the copy, not from the build machine's venv.
    assert!(out.contains(&format!("mapped {}", copy.display())), "{out}");
    assert!(!out.contains("mapped-venv-libtorch"), "{out}");
}

#[test]
fn bundle_binds_to_its_own_libtorch_when_another_is_loaded() {
    let Some(bundle) = bundle() else { return };
    let Some(libtorch) = std::env::var_os("LIBTORCH") else {
        eprintln!("skipped: LIBTORCH is not set (no other libtorch to load first)");
        return;
    };
    let other = PathBuf::from(libtorch).join("lib").join("libtorch_cpu.so");
    let (_keep, copy) = copy_outside(&bundle);
    let out = run_child("plugins", &copy, Some(&other));
    assert!(out.contains("plugin org.circletake.ShotScore"), "{out}");
    assert!(out.contains("analysis shots 1"), "{out}");
    // Both copies are in the process: the host's, and the bundle's renamed one.
    assert!(out.contains("mapped-venv-libtorch"), "{out}");
    assert!(out.contains(&format!("mapped {}", copy.display())), "{out}");
}

/// `OfxPlugin`'s leading fields (OpenFX 1.5 ofxCore.h).
#[repr(C)]
struct OfxPluginHead {
    plugin_api: *const c_char,
    api_version: c_int,
    plugin_identifier: *const c_char,
}

/// The child side: load the plugin binary as a host does and list what it offers.
#[test]
fn child_entry() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    assert_eq!(mode, "plugins");
    let bundle = PathBuf::from(std::env::var_os(CHILD_BUNDLE).unwrap());
    assert!(std::env::var_os("LD_LIBRARY_PATH").is_none());
    let _other = std::env::var_os(CHILD_PRELOAD).map(|lib| {
        // SAFETY: loading a shared library; its initialisers are libtorch's own.
        unsafe { libloading::Library::new(lib) }.expect("load the other libtorch")
    });
    let binary = bundle.join("Contents/Linux-x86-64/CircleTake.ofx");
    // SAFETY: loading the plugin as a host does; its initialisers do no work.
    let lib = unsafe { libloading::Library::new(&binary) }.expect("dlopen the plugin");
    // SAFETY: the OpenFX entry points have these C signatures.
    let count: libloading::Symbol<unsafe extern "C" fn() -> c_int> =
        unsafe { lib.get(b"OfxGetNumberOfPlugins\0") }.expect("OfxGetNumberOfPlugins");
    // SAFETY: as above.
    let get: libloading::Symbol<unsafe extern "C" fn(c_int) -> *const OfxPluginHead> =
        unsafe { lib.get(b"OfxGetPlugin\0") }.expect("OfxGetPlugin");
    // SAFETY: no arguments; the plugin counts its effects.
    let n = unsafe { count() };
    assert!(n >= 1);
    for i in 0..n {
        // SAFETY: 0 <= i < n as the plugin told us.
        let plugin = unsafe { get(i) };
        assert!(!plugin.is_null());
        // SAFETY: a non-NULL OfxPlugin with a NUL-terminated identifier.
        let id = unsafe { CStr::from_ptr((*plugin).plugin_identifier) };
        println!("plugin {}", id.to_string_lossy());
    }
    println!("analysis shots {}", analyse_one_frame(&lib));
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    for line in maps.lines().filter(|l| l.contains("libtorch_cpu")) {
        let path = line.split_whitespace().last().unwrap_or("");
        if path.starts_with(bundle.to_str().unwrap()) {
            println!("mapped {}", bundle.display());
        } else {
            println!("mapped-venv-libtorch {path}");
        }
    }
}

/// Runs the bundled analysis core on one frame through the C ABI the plugin
/// binary also exports (libtorch really runs); returns the number of shots.
fn analyse_one_frame(lib: &libloading::Library) -> usize {
    type New = unsafe extern "C" fn(*const std::ffi::c_void, *mut *mut std::ffi::c_void) -> i32;
    type AnalysisNew =
        unsafe extern "C" fn(*const std::ffi::c_void, u32, u32, *mut *mut std::ffi::c_void) -> i32;
    type Push =
        unsafe extern "C" fn(*mut std::ffi::c_void, *const u8, u32, u32, isize, i32, i64) -> i32;
    type Finish = unsafe extern "C" fn(*mut std::ffi::c_void, *mut *mut std::ffi::c_void) -> i32;
    type Count = unsafe extern "C" fn(*const std::ffi::c_void, *mut usize) -> i32;
    type Free = unsafe extern "C" fn(*mut std::ffi::c_void);
    // SAFETY: these are the C ABI's signatures (include/circletake.h).
    unsafe {
        let engine_new: libloading::Symbol<New> = lib.get(b"ct_engine_new\0").unwrap();
        let analysis_new: libloading::Symbol<AnalysisNew> = lib.get(b"ct_analysis_new\0").unwrap();
        let push: libloading::Symbol<Push> = lib.get(b"ct_analysis_push\0").unwrap();
        let finish: libloading::Symbol<Finish> = lib.get(b"ct_analysis_finish\0").unwrap();
        let count: libloading::Symbol<Count> = lib.get(b"ct_report_shot_count\0").unwrap();
        let frees: Vec<libloading::Symbol<Free>> =
            ["ct_report_free\0", "ct_analysis_free\0", "ct_engine_free\0"]
                .iter()
                .map(|name| lib.get(name.as_bytes()).unwrap())
                .collect();
        let (mut engine, mut analysis, mut report) = (
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        assert_eq!(engine_new(std::ptr::null(), &mut engine), 0);
        assert_eq!(analysis_new(engine, 25, 1, &mut analysis), 0);
        let pixels: Vec<u8> = (0..64 * 48 * 4).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(push(analysis, pixels.as_ptr(), 64, 48, 64 * 4, 0, 0), 0);
        assert_eq!(finish(analysis, &mut report), 0);
        let mut shots = 0;
        assert_eq!(count(report, &mut shots), 0);
        for (free, handle) in frees.iter().zip([report, analysis, engine]) {
            free(handle);
        }
        shots
    }
}
