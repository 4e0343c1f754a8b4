//! `circletake check-edit` end to end: edits made from real footage with known
//! answers (`testset::edits`: a blink at the out point, a clean cut, a jump cut
//! between two takes of one setup) give their answer through the binary's JSON,
//! the summary names the edit, the issues and the roll with timecodes, `--strict`
//! and `--json FILE` work, and bad input exits with the documented codes (1
//! unreadable or damaged media, 2 usage: frame past the end, different frame
//! rates, bad numbers; 3 no models; 4 JSON not writable).

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use circletake_inference::edit_check::{EditReport, Verdict};
use circletake_inference::testset::edits::{build_edits, check_expect, EditCase};
use cli_support::{bin, run, scratch, text, tools};

/// The edit cases, built once per test run into the folder the other Cut Check
/// tests share (`target/edit-cases`, reused when already built).
fn cases(samples: &Path) -> &'static [EditCase] {
    static CASES: OnceLock<Vec<EditCase>> = OnceLock::new();
    CASES.get_or_init(|| {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/edit-cases");
        build_edits(samples, &out).expect("edit cases build")
    })
}

fn find_case<'a>(cases: &'a [EditCase], name: &str) -> &'a EditCase {
    cases
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no edit case {name}"))
}

/// `check-edit` on `case` with `extra` arguments (CPU, quiet).
fn check_edit(case: &EditCase, extra: &[&str]) -> Output {
    run(bin()
        .arg("check-edit")
        .arg(&case.outgoing)
        .arg(case.edit.out_frame.to_string())
        .arg(&case.incoming)
        .arg(case.edit.in_frame.to_string())
        .args(["--device", "cpu", "--quiet"])
        .args(extra))
}

/// Whether the run had every model (the known answers need faces and eyes); says
/// why the test is skipped when not.
fn models_loaded(o: &Output) -> bool {
    let stderr = String::from_utf8_lossy(&o.stderr);
    let missing = stderr
        .lines()
        .find(|l| l.contains("model unavailable") || l.contains("no model folder"));
    if let Some(line) = missing {
        eprintln!("skipped: the models are not all present (run `cargo xtask models`): {line}");
        return false;
    }
    true
}

fn report_of(o: &Output) -> EditReport {
    let stdout = String::from_utf8_lossy(&o.stdout);
    EditReport::from_json_str(&stdout).unwrap_or_else(|e| panic!("{e}\n{}", text(o)))
}

#[test]
fn cases_give_their_known_answer_through_the_json() {
    let Some((samples, _)) = tools() else { return };
    let cases = cases(&samples);
    for name in ["blink_at_out", "clean_cut", "jump_cut_same_setup"] {
        let case = find_case(cases, name);
        let o = check_edit(case, &["--json", "-"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o));
        if !models_loaded(&o) {
            return;
        }
        let report = report_of(&o);
        if let Err(problems) = check_expect(case, &report) {
            panic!("{problems}");
        }
        assert_eq!(
            report.outgoing.as_deref(),
            case.outgoing.file_name().and_then(|n| n.to_str()),
            "{name}: the report names the clips"
        );
        println!("{name}: {:?} {:?}", report.verdict, report.suggestion);
    }
}

#[test]
fn summary_names_the_edit_issues_and_roll_and_json_file_and_strict_work() {
    let Some((samples, ffmpeg)) = tools() else {
        return;
    };
    let case = find_case(cases(&samples), "blink_at_out");
    let dir = scratch("check-edit-summary");
    // The outgoing clip with a source timecode (01:00:10:00 at its frame 0).
    let timed = dir.join("A001_C002.mp4");
    let copy = run(std::process::Command::new(&ffmpeg)
        .args(["-hide_banner", "-nostdin", "-v", "error", "-y", "-i"])
        .arg(&case.outgoing)
        .args(["-c", "copy", "-timecode", "01:00:10:00"])
        .arg(&timed));
    assert!(copy.status.success(), "{}", text(&copy));
    let json = dir.join("edit.json");
    let o = run(bin()
        .arg("check-edit")
        .arg(&timed)
        .arg(case.edit.out_frame.to_string())
        .arg(&case.incoming)
        .arg(case.edit.in_frame.to_string())
        .args(["--device", "cpu", "--quiet", "--strict", "--json"])
        .arg(&json));
    if !models_loaded(&o) {
        return;
    }
    let report = EditReport::from_json_str(&std::fs::read_to_string(&json).unwrap())
        .unwrap_or_else(|e| panic!("{e}\n{}", text(&o)));
    assert_ne!(report.verdict, Verdict::Clean, "{}", text(&o));
    assert_eq!(
        o.status.code(),
        Some(5),
        "--strict on a flagged edit: {}",
        text(&o)
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    let in_name = case.incoming.file_name().unwrap().to_string_lossy();
    let first = stdout.lines().next().unwrap_or_default();
    // Frame 20 at 25 fps: the source timecode's 01:00:10:20 on the outgoing side,
    // media time 00:00:00:20 on the incoming side (no source timecode).
    assert_eq!(case.edit.out_frame, 20);
    assert_eq!(case.edit.in_frame, 20);
    assert!(
        first.starts_with("Edit: A001_C002.mp4 frame 20 (01:00:10:20) | ")
            && first.ends_with(&format!("{in_name} frame 20 (00:00:00:20)")),
        "{}",
        text(&o)
    );
    assert!(stdout.contains("Verdict: move the edit"), "{}", text(&o));
    assert!(stdout.contains("Issues (worst first):"), "{}", text(&o));
    let issue = &report.issues[0];
    assert!(stdout.contains(&issue.message), "{}", text(&o));
    let suggestion = report.suggestion.as_ref().expect("a roll is suggested");
    assert!(
        stdout.contains(&format!("Suggestion: {}", suggestion.reason)),
        "{}",
        text(&o)
    );
    assert!(
        stdout.contains(&format!("roll {:+}", suggestion.shift)),
        "{}",
        text(&o)
    );
    assert!(stdout.contains("framing similarity"), "{}", text(&o));

    // The clean cut passes --strict.
    let clean = find_case(cases(&samples), "clean_cut");
    let o = check_edit(clean, &["--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Verdict: clean"),
        "{}",
        text(&o)
    );
}

/// Runs `check-edit` with `args` (CPU, quiet, no faces: only the exit matters).
fn run_args(args: &[&std::ffi::OsStr]) -> Output {
    run(bin()
        .arg("check-edit")
        .args(args)
        .args(["--device", "cpu", "--quiet", "--no-faces"]))
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn error_lines(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| l.starts_with("circletake: error:") || l.starts_with("error:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn usage_errors_exit_2() {
    let Some((samples, _)) = tools() else { return };
    let bikes = samples.join("bikes.mp4");
    let carphone = samples.join("carphone.mp4");
    let b = bikes.as_os_str();
    // bikes.mp4 has 250 frames (0..=249): 250 is past its end, on either side.
    for (args, what) in [
        (vec![b, os("250"), b, os("20")], "outgoing"),
        (vec![b, os("100"), b, os("400")], "incoming"),
    ] {
        let o = run_args(&args);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        let errors = error_lines(&o);
        assert!(
            errors.len() == 1
                && errors[0].contains("past the end")
                && errors[0].contains(what)
                && errors[0].contains("bikes.mp4"),
            "{}",
            text(&o)
        );
        assert!(o.stdout.is_empty(), "{}", text(&o));
    }
    // The last frame is inside the clip: frames past it are simply absent.
    let o = run_args(&[b, os("249"), b, os("0")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // Different frame rates (25 and 29.97).
    let o = run_args(&[b, os("100"), carphone.as_os_str(), os("20")]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        error_lines(&o)[0].contains("different frame rates"),
        "{}",
        text(&o)
    );
    // Bad numbers and options (clap's usage errors).
    for args in [
        vec![b, os("-3"), b, os("20")],
        vec![b, os("ten"), b, os("20")],
        vec![b, os("10"), b, os("20"), os("--max-shift"), os("49")],
        vec![b, os("10"), b],
    ] {
        let o = run_args(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
    }
}

#[test]
fn unreadable_media_exits_1_and_unusable_models_or_output_exit_3_and_4() {
    let Some((samples, ffmpeg)) = tools() else {
        return;
    };
    let dir = scratch("check-edit-errors");
    let bikes = samples.join("bikes.mp4");
    let notes = dir.join("notes.mp4");
    std::fs::write(&notes, "this is a text file, not a video\n").unwrap();
    let missing = dir.join("missing.mov");
    let b = bikes.as_os_str();
    for (args, name) in [
        (vec![notes.as_os_str(), os("10"), b, os("20")], "notes.mp4"),
        (
            vec![b, os("10"), missing.as_os_str(), os("20")],
            "missing.mov",
        ),
    ] {
        let o = run_args(&args);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let errors = error_lines(&o);
        assert!(
            errors.len() == 1 && errors[0].contains(name),
            "{}",
            text(&o)
        );
    }
    // A truncated copy (index first, then half the data): frame 200 is in the
    // part that is gone, although the file says it has 250 frames.
    let faststart = dir.join("faststart.mp4");
    let o = run(std::process::Command::new(&ffmpeg)
        .args(["-v", "error", "-y", "-i"])
        .arg(&bikes)
        .args(["-c", "copy", "-movflags", "+faststart"])
        .arg(&faststart));
    assert!(o.status.success(), "{}", text(&o));
    let whole = std::fs::read(&faststart).unwrap();
    let half = dir.join("half.mp4");
    std::fs::write(&half, &whole[..whole.len() / 2]).unwrap();
    let o = run_args(&[half.as_os_str(), os("200"), b, os("20")]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let errors = error_lines(&o);
    assert!(
        errors.len() == 1 && errors[0].contains("half.mp4") && errors[0].contains("damaged"),
        "{}",
        text(&o)
    );
    // A --models folder that does not exist: exit 3.
    let nowhere: PathBuf = dir.join("no-models");
    let o = run_args(&[
        b,
        os("10"),
        b,
        os("20"),
        os("--models"),
        nowhere.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    // A JSON file in a folder that does not exist: exit 4, the summary still printed.
    let json = dir.join("no-such-folder").join("edit.json");
    let o = run_args(&[b, os("10"), b, os("20"), os("--json"), json.as_os_str()]);
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Verdict:"),
        "{}",
        text(&o)
    );
}
