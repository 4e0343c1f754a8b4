//! The C ABI from C: `tests/c/capi_smoke.c` (clip analysis) and
//! `tests/c/capi_edit_check.c` (Cut Check on real frames) compiled against the
//! committed `include/circletake.h` with `-std=c11 -Wall -Wextra -Werror`, linked
//! to the plugin library cargo built, and run — once plain and once under
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

fn compile(source: &str, extra: &[&str], out: &Path) -> Result<(), String> {
    let lib_dir = library_dir().ok_or("libcircletake.so not found next to the test binary")?;
    let root = workspace_root();
    let output = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-g"])
        .args(extra)
        .arg("-I")
        .arg(root.join("include"))
        .arg(root.join("tests/c").join(source))
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
    run_with(exe, &[], env);
}

/// Runs `exe` with `args`, asserts it passed all its checks, returns its stdout.
fn run_with(exe: &Path, args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> String {
    // cargo test puts target/<profile> (which may hold a stale copy of the
    // library) on LD_LIBRARY_PATH, ahead of the RUNPATH we linked with.
    let output = Command::new(exe)
        .args(args)
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
    stdout.into_owned()
}

const ASAN: &str = "-fsanitize=address";

#[test]
fn c_program_uses_the_c_abi() {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("capi_smoke");
    compile("capi_smoke.c", &[], &exe).unwrap();
    run(&exe, &[]);
}

#[test]
fn c_program_is_clean_under_address_sanitizer() {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("capi_smoke_asan");
    compile("capi_smoke.c", &[ASAN, "-fno-omit-frame-pointer"], &exe).unwrap();
    // Leak checking is off: libtorch keeps process-lifetime allocations (thread
    // pools, registries) that LeakSanitizer reports at exit. ASan still checks
    // every access the C program and our library make.
    run(&exe, &[("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0")]);
}

mod edit_check {
    //! `capi_edit_check.c` on the frames of a Cut Check edit case with a known
    //! answer (`testset::edits`), decoded here and handed over as raw RGB files.

    use super::*;
    use circletake_inference::edit_check::{EditCheckOptions, EditReport, Side};
    use circletake_inference::media::{DecodeOptions, VideoDecoder};
    use circletake_inference::testset::edits::{build_edits, check_expect, EditCase};

    /// The case `name`, or `None` after saying why the test is skipped.
    fn case(name: &str) -> Option<EditCase> {
        let Some(samples) = std::env::var_os("CIRCLETAKE_SAMPLES").map(PathBuf::from) else {
            println!("skipped: CIRCLETAKE_SAMPLES not set (run through `cargo xtask test`)");
            return None;
        };
        if let Err(e) = circletake_inference::media::ffmpeg_binary() {
            println!("skipped: {e}");
            return None;
        }
        let models = std::env::var_os("CIRCLETAKE_MODELS").map(PathBuf::from);
        let files = [
            "transnetv2.pt",
            "mtcnn_pnet.pt",
            "mtcnn_rnet.pt",
            "mtcnn_onet.pt",
        ];
        let have = |m: &Path| {
            files
                .iter()
                .chain(["iris_landmark.pt"].iter())
                .all(|f| m.join(f).is_file())
        };
        if !models.as_deref().is_some_and(have) {
            println!(
                "skipped: CIRCLETAKE_MODELS does not hold every model (run `cargo xtask models`)"
            );
            return None;
        }
        // Built once per process: the tests run in parallel and share the folder.
        static CASES: std::sync::OnceLock<Vec<EditCase>> = std::sync::OnceLock::new();
        let cases = CASES.get_or_init(|| {
            let out = workspace_root().join("target/edit-cases");
            build_edits(&samples, &out).expect("edit cases build")
        });
        cases.iter().find(|c| c.name == name).cloned()
    }

    /// Writes the frames the check wants of both clips as `out_<n>.rgb` /
    /// `in_<n>.rgb` (packed RGB8) and `edit.txt` into `dir`.
    fn write_frames(case: &EditCase, dir: &Path) {
        let options = EditCheckOptions::default();
        let mut sizes = Vec::new();
        for (side, prefix) in [(Side::Outgoing, "out"), (Side::Incoming, "in")] {
            let (first, last) = options.frames(side, case.edit);
            let decoder = VideoDecoder::open(case.clip(side), DecodeOptions::default()).unwrap();
            let (w, h) = (decoder.info().width, decoder.info().height);
            sizes.push(format!("{w} {h}"));
            for frame in decoder {
                let frame = frame.unwrap();
                let n = frame.index as i64;
                if n > last {
                    break;
                }
                if n >= first {
                    std::fs::write(dir.join(format!("{prefix}_{n}.rgb")), &frame.data).unwrap();
                }
            }
        }
        let edit = format!(
            "{} {} {} {} {}\n",
            case.rate.num,
            case.rate.den,
            case.edit.out_frame,
            case.edit.in_frame,
            sizes.join(" ")
        );
        std::fs::write(dir.join("edit.txt"), edit).unwrap();
    }

    fn check_case(name: &str, extra: &[&str], env: &[(&str, &str)]) {
        let Some(case) = case(name) else { return };
        let dir = tempfile::tempdir().unwrap();
        write_frames(&case, dir.path());
        let exe = dir.path().join("capi_edit_check");
        compile("capi_edit_check.c", extra, &exe).unwrap();
        let json = dir.path().join("report.json");
        let stdout = run_with(&exe, &[dir.path().as_os_str(), json.as_os_str()], env);
        let report = EditReport::from_json_str(&std::fs::read_to_string(&json).unwrap())
            .unwrap_or_else(|e| panic!("{e}\n{stdout}"));
        if let Err(problems) = check_expect(&case, &report) {
            panic!("{problems}\n{stdout}");
        }
        // The accessors said what the JSON says.
        let verdict = format!("verdict: {}", verdict_name(&report));
        assert!(stdout.contains(&verdict), "{verdict}\n{stdout}");
        match &report.suggestion {
            Some(s) => assert!(
                stdout.contains(&format!("suggestion: {:+} ({})", s.shift, s.reason)),
                "{stdout}"
            ),
            None => assert!(stdout.contains("suggestion: none"), "{stdout}"),
        }
        for issue in &report.issues {
            assert!(
                stdout.contains(&issue.message),
                "{}\n{stdout}",
                issue.message
            );
        }
    }

    fn verdict_name(report: &EditReport) -> String {
        use circletake_inference::edit_check::Verdict;
        match report.verdict {
            Verdict::Clean => "clean",
            Verdict::MoveEdit => "move_edit",
            Verdict::Review => "review",
        }
        .to_string()
    }

    #[test]
    fn c_program_checks_an_edit_on_a_blink() {
        check_case("blink_at_out", &[], &[]);
    }

    #[test]
    fn c_program_checks_an_edit_under_address_sanitizer() {
        check_case(
            "jump_cut_same_setup",
            &[ASAN, "-fno-omit-frame-pointer"],
            &[("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0")],
        );
    }
}
