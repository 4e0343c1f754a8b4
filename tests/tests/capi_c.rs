//! The C ABI from C: `tests/c/capi_smoke.c` compiled against the committed
//! `include/circletake.h` with `-std=c11 -Wall -Wextra -Werror`, linked to the
//! plugin library cargo built, and run — once plain and once under
//! AddressSanitizer. The header itself is checked for drift by `cargo xtask test`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The folder holding `libcircletake.so` built with this test binary's profile.
fn library_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let deps = exe.parent()?;
    [deps.to_path_buf(), deps.parent()?.to_path_buf()]
        .into_iter()
        .find(|d| d.join("libcircletake.so").exists())
}

fn compile(extra: &[&str], out: &Path) -> Result<(), String> {
    let lib_dir = library_dir().ok_or("libcircletake.so not found next to the test binary")?;
    let root = workspace_root();
    let output = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-g"])
        .args(extra)
        .arg("-I")
        .arg(root.join("include"))
        .arg(root.join("tests/c/capi_smoke.c"))
        .arg("-L")
        .arg(&lib_dir)
        .arg("-lcircletake")
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
        .arg("-o")
        .arg(out)
        .output()
        .map_err(|e| format!("cannot run cc: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cc failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn run(exe: &Path, env: &[(&str, &str)]) {
    // cargo test puts target/<profile> (which may hold a stale copy of the
    // library) on LD_LIBRARY_PATH, ahead of the RUNPATH we linked with.
    let output = Command::new(exe)
        .env_remove("LD_LIBRARY_PATH")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{} failed:\n{stdout}\n{stderr}",
        exe.display()
    );
    assert!(stdout.contains("all checks passed"), "{stdout}");
}

#[test]
fn c_program_uses_the_c_abi() {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("capi_smoke");
    compile(&[], &exe).unwrap();
    run(&exe, &[]);
}

#[test]
fn c_program_is_clean_under_address_sanitizer() {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("capi_smoke_asan");
    compile(&["-fsanitize=address", "-fno-omit-frame-pointer"], &exe).unwrap();
    // Leak checking is off: libtorch keeps process-lifetime allocations (thread
    // pools, registries) that LeakSanitizer reports at exit. ASan still checks
    // every access the C program and our library make.
    run(&exe, &[("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0")]);
}
