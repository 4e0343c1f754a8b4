//! Builds and runs the examples on real footage (the first 100 frames of the
//! sample clip `bikes.mp4`, which has hard cuts at 30 and 76): the C program and
//! the Python `ctypes` script must agree byte for byte, and the Resolve script
//! must plan a marker for each cut. The Cut Check example runs on a known edit
//! of `carphone.mp4` (out on the speaker's blink, back into the same shot).

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

/// Decodes all of carphone.mp4 (176x144, 120 frames at 30000/1001) to raw
/// RGB24, or says why the Cut Check example cannot run here.
fn raw_carphone(dir: &Path) -> Option<PathBuf> {
    let (Some(ffmpeg), Some(samples)) = (
        std::env::var_os("CIRCLETAKE_FFMPEG"),
        std::env::var_os("CIRCLETAKE_SAMPLES"),
    ) else {
        eprintln!(
            "skipped: CIRCLETAKE_FFMPEG / CIRCLETAKE_SAMPLES not set (cargo xtask test sets them)"
        );
        return None;
    };
    // The blink check needs the face and iris models.
    let models = std::env::var_os("CIRCLETAKE_MODELS").map(PathBuf::from);
    let needed = [
        "mtcnn_pnet.pt",
        "mtcnn_rnet.pt",
        "mtcnn_onet.pt",
        "iris_landmark.pt",
    ];
    if !models.is_some_and(|m| needed.iter().all(|f| m.join(f).is_file())) {
        eprintln!(
            "skipped: CIRCLETAKE_MODELS does not hold the face models (run `cargo xtask models`)"
        );
        return None;
    }
    if !Command::new(python())
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: no Python ({}) to run the example", python());
        return None;
    }
    let raw = dir.join("carphone.rgb");
    let status = Command::new(ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(Path::new(&samples).join("carphone.mp4"))
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24"])
        .arg(&raw)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::metadata(&raw).unwrap().len(), 120 * 176 * 144 * 3);
    Some(raw)
}

/// Runs `check_edit_raw.py` with the library built for this test.
fn check_edit_raw(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(python())
        .arg(root().join("examples/python/check_edit_raw.py"))
        .arg(library_dir().join("libcircletake.so"))
        .args(args)
        .output()
        .unwrap()
}

/// The Cut Check example on a known edit: carphone cut out on the speaker's
/// blink (eyes shut on frame 42) and back into the same shot at frame 100 —
/// closed eyes on the outgoing side, a jump cut, and a roll off the blink.
#[test]
fn python_edit_check_example_finds_the_blink_and_the_jump_cut() {
    let dir = tempfile::tempdir().unwrap();
    let Some(raw) = raw_carphone(dir.path()) else {
        return;
    };
    let raw = raw.as_os_str();
    let args = |out: &str, inc: &str, extra: &[&str]| {
        let mut v: Vec<std::ffi::OsString> = vec![raw.into(), out.into(), raw.into(), inc.into()];
        v.extend(["176", "144", "30000", "1001"].iter().map(Into::into));
        v.extend(extra.iter().map(Into::into));
        v
    };
    let run = |a: Vec<std::ffi::OsString>| {
        check_edit_raw(&a.iter().map(|s| s.as_os_str()).collect::<Vec<_>>())
    };

    let out = run(args("42", "100", &["--max-shift", "4"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(report["format"], "circletake.edit_check", "{report}");
    assert_eq!(report["edit"]["out_frame"], 42);
    assert_eq!(report["edit"]["in_frame"], 100);
    assert_eq!(
        report["options"]["max_shift"], 4,
        "--max-shift reaches the check"
    );
    assert_eq!(report["shifts"].as_array().unwrap().len(), 9, "{report}");

    let issues = report["issues"].as_array().unwrap();
    let eyes = issues
        .iter()
        .find(|i| (i["kind"] == "eyes_closed" || i["kind"] == "blink") && i["side"] == "outgoing")
        .unwrap_or_else(|| panic!("no closed eyes on the outgoing side: {report}"));
    assert_eq!(eyes["frame"], 42, "{report}");
    assert!(
        issues
            .iter()
            .any(|i| i["kind"] == "jump_cut" && i["side"].is_null()),
        "{report}"
    );

    let suggestion = &report["suggestion"];
    let shift = suggestion["shift"]
        .as_i64()
        .unwrap_or_else(|| panic!("no suggestion: {report}"));
    assert!(shift != 0 && shift.abs() <= 4, "{report}");
    assert_eq!(
        suggestion["edit"]["out_frame"],
        42 + shift,
        "a roll moves both sides"
    );
    assert_eq!(
        suggestion["edit"]["in_frame"],
        100 + shift,
        "a roll moves both sides"
    );
    assert!(
        suggestion["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "eyes_closed" || k == "blink"),
        "the roll is off the closed eyes: {report}"
    );
    assert_eq!(report["verdict"], "move_edit", "{report}");

    // The summary on stderr comes from the C accessors: it must say what the JSON says.
    let reason = suggestion["reason"].as_str().unwrap();
    assert!(
        stderr.contains(&format!("suggestion: roll {shift:+} frame(s): {reason}")),
        "{stderr}"
    );
    assert!(stderr.contains(": move the edit\n"), "{stderr}");
    assert!(
        stderr.contains("eyes_closed (outgoing frame 42")
            || stderr.contains("blink (outgoing frame 42"),
        "{stderr}"
    );
    let similarity = report["framing_similarity"].as_f64().unwrap();
    assert!(
        stderr.contains(&format!("framing similarity {similarity:.2}")),
        "{stderr}"
    );
}

/// Bad input to the Cut Check example is a clear message and a non-zero exit,
/// with the library's own error text where the library refuses.
#[test]
fn python_edit_check_example_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let Some(raw) = raw_carphone(dir.path()) else {
        return;
    };
    let r = raw.as_os_str();
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let size = [os("176"), os("144"), os("30000"), os("1001")];

    // The incoming edit frame past the end of its file (120 frames).
    let mut a = vec![r, os("42"), r, os("500")];
    a.extend(size);
    let out = check_edit_raw(&a);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("IN_FRAME 500 is outside") && stderr.contains("has 120 176x144 frame(s)"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    // A wrong frame size: the file is no whole number of 176x143 frames.
    let a = [
        r,
        os("42"),
        r,
        os("100"),
        os("176"),
        os("143"),
        os("30000"),
        os("1001"),
    ];
    let out = check_edit_raw(&a);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("check WIDTH and HEIGHT"), "{stderr}");

    // A roll limit the library refuses: its ct_last_error text reaches the user.
    let mut a = vec![r, os("42"), r, os("100")];
    a.extend(size);
    a.extend([os("--max-shift"), os("60")]);
    let out = check_edit_raw(&a);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("edit check: invalid argument:") && stderr.contains("max_shift 60"),
        "{stderr}"
    );
}
