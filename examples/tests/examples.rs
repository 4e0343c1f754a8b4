//! Builds and runs the examples on real footage (the first 100 frames of the
//! sample clip `bikes.mp4`, which has hard cuts at 30 and 76): the C program and
//! the Python `ctypes` script must agree byte for byte, and the Resolve script
//! must plan a marker for each cut.

use std::path::{Path, PathBuf};
use std::process::Command;

const FRAMES: usize = 100;
const W: usize = 640;
const H: usize = 272;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn library_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    [deps.to_path_buf(), deps.parent().unwrap().to_path_buf()]
        .into_iter()
        .find(|d| d.join("libcircletake.so").exists())
        .expect("libcircletake.so next to the test binary")
}

/// Decodes the first frames of bikes.mp4 to raw RGB24, or says why not.
fn raw_bikes(dir: &Path) -> Option<PathBuf> {
    let (Some(ffmpeg), Some(samples)) = (
        std::env::var_os("CIRCLETAKE_FFMPEG"),
        std::env::var_os("CIRCLETAKE_SAMPLES"),
    ) else {
        eprintln!(
            "skipped: CIRCLETAKE_FFMPEG / CIRCLETAKE_SAMPLES not set (cargo xtask test sets them)"
        );
        return None;
    };
    let raw = dir.join("bikes.rgb");
    let status = Command::new(ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(Path::new(&samples).join("bikes.mp4"))
        .args([
            "-frames:v",
            &FRAMES.to_string(),
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
        ])
        .arg(&raw)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::metadata(&raw).unwrap().len() as usize,
        FRAMES * W * H * 3
    );
    Some(raw)
}

fn python() -> String {
    std::env::var("CIRCLETAKE_PYTHON").unwrap_or_else(|_| "python3".into())
}

#[test]
fn c_and_python_examples_agree_and_resolve_script_plans_markers() {
    let dir = tempfile::tempdir().unwrap();
    let Some(raw) = raw_bikes(dir.path()) else {
        return;
    };
    let lib_dir = library_dir();

    // The C example, built as its header comment says.
    let exe = dir.path().join("analyze_raw");
    let cc = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(root().join("include"))
        .arg(root().join("examples/c/analyze_raw.c"))
        .arg("-L")
        .arg(&lib_dir)
        .arg("-lcircletake")
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    assert!(
        cc.status.success(),
        "{}",
        String::from_utf8_lossy(&cc.stderr)
    );
    let c_json = dir.path().join("c.json");
    // cargo test puts target/<profile> (which may hold a stale copy of the
    // library) on LD_LIBRARY_PATH, ahead of the RUNPATH we linked with.
    let run = Command::new(&exe)
        .env_remove("LD_LIBRARY_PATH")
        .arg(&raw)
        .args([&W.to_string(), &H.to_string(), "25", "1"])
        .arg(&c_json)
        .output()
        .unwrap();
    let c_out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{c_out}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        c_out.contains(&format!("{FRAMES} frames, 3 shot(s)")),
        "{c_out}"
    );

    // The Python ctypes example: the same library, the same report.
    let py = Command::new(python())
        .arg(root().join("examples/python/analyze_raw.py"))
        .arg(lib_dir.join("libcircletake.so"))
        .arg(&raw)
        .args([&W.to_string(), &H.to_string(), "25", "1"])
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let c_report = std::fs::read_to_string(&c_json).unwrap();
    let py_report = String::from_utf8_lossy(&py.stdout);
    if py_report.trim_end() != c_report.trim_end() {
        let first = c_report
            .lines()
            .zip(py_report.lines())
            .position(|(a, b)| a != b);
        let kept = std::env::temp_dir().join("circletake-example-reports");
        let _ = std::fs::create_dir_all(&kept);
        let _ = std::fs::write(kept.join("c.json"), &c_report);
        let _ = std::fs::write(kept.join("python.json"), py_report.as_bytes());
        panic!(
            "C and Python reports differ (first at line {first:?}); both kept in {}",
            kept.display()
        );
    }

    // The Resolve script's planning on that report: a timeline item using
    // source frames 10..90 gets markers for the cuts at 30 and 76.
    let plan = Command::new(python())
        .current_dir(root().join("examples/resolve"))
        .args([
            "-c",
            "import json, sys, circletake_to_resolve as m; \
                      p = m.plan(m.load_report(sys.argv[1]), 10, 90); \
                      print(json.dumps(p))",
        ])
        .arg(&c_json)
        .output()
        .unwrap();
    assert!(
        plan.status.success(),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let cuts: Vec<i64> = plan["markers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m[1] == "Blue")
        .map(|m| m[0].as_i64().unwrap())
        .collect();
    assert_eq!(cuts, vec![30 - 10, 76 - 10], "{plan}");
    assert!(plan["mark_in"].is_i64(), "{plan}");
}

#[test]
fn resolve_script_refuses_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("x.json");
    std::fs::write(&bogus, r#"{"format": "something.else", "version": 1}"#).unwrap();
    let out = Command::new(python())
        .current_dir(root().join("examples/resolve"))
        .args(["-c", "import sys, circletake_to_resolve as m\ntry:\n    m.load_report(sys.argv[1])\nexcept ValueError as e:\n    print(e)\n    sys.exit(3)"])
        .arg(&bogus)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a CircleTake report"));
}
