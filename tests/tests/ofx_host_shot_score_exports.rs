//! Shot Score's Export button: the JSON report parses back into a ClipReport
//! that agrees with the params, OpenTimelineIO reads the timeline (via
//! `$CIRCLETAKE_PYTHON`), the Resolve markers EDL has one event per marker at
//! the right record timecode; a folder that cannot be written gets an error
//! message and no file at all.

#[path = "ofx_host_shot_score_common/mod.rs"]
mod common;

use circletake_inference::export::{merge_same_start, report_markers};
use circletake_inference::report::ClipReport;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use std::path::Path;
use std::process::Command;

const OTIO_READER: &str = r#"
import json, sys
import opentimelineio as otio
t = otio.adapters.read_from_file(sys.argv[1])
clips = [{"start": c.source_range.start_time.value, "duration": c.source_range.duration.value,
          "rate": c.source_range.start_time.rate, "markers": len(c.markers)} for c in t.find_clips()]
print(json.dumps({"name": t.name, "clips": clips}))
"#;

/// OTIO's view of `path`; `None` (after saying why) without Python/OTIO.
fn read_otio(path: &Path) -> Option<String> {
    let Ok(python) = std::env::var("CIRCLETAKE_PYTHON") else {
        eprintln!("skipped OTIO check: CIRCLETAKE_PYTHON not set (run via `cargo xtask test`)");
        return None;
    };
    let probe = Command::new(&python)
        .args(["-c", "import opentimelineio"])
        .output();
    if !probe.map(|o| o.status.success()).unwrap_or(false) {
        eprintln!("skipped OTIO check: opentimelineio is not importable by {python}");
        return None;
    }
    let out = Command::new(&python)
        .args(["-c", OTIO_READER])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "OTIO cannot read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// `01:00:00:00` + `frame` at an integer rate, non-drop.
fn record_tc(frame: i64, fps: i64) -> String {
    let total = 3600 * fps + frame;
    let (f, s) = (total % fps, total / fps);
    format!("{:02}:{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60, f)
}

#[test]
fn export_button_writes_readable_files_or_none() {
    let Some(bikes) = common::bikes() else { return };
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = common::instance(&plugin, bikes.clone(), None);
    // Nothing analysed yet: a warning, no files.
    let out = tempfile::tempdir().unwrap();
    inst.set_param(
        "export_folder",
        ParamValue::Str(out.path().display().to_string()),
        None,
    )
    .unwrap();
    assert!(inst.press_button("export").unwrap().is_ok_or_default());
    assert!(
        inst.messages()
            .iter()
            .any(|m| m.text.contains("nothing to export")),
        "{:?}",
        inst.messages()
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);

    assert!(inst.press_button("analyze").unwrap().is_ok_or_default());
    assert!(inst.press_button("export").unwrap().is_ok_or_default());
    let done = inst.messages();
    assert!(
        done.iter().any(|m| m.text.contains("exported 4 files")),
        "{done:?}"
    );
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Named after the source media (Resolve names it).
    assert_eq!(
        names,
        ["bikes.csv", "bikes.json", "bikes.markers.edl", "bikes.otio"]
    );

    // JSON: a ClipReport agreeing with the params.
    let report =
        ClipReport::from_json_str(&std::fs::read_to_string(out.path().join("bikes.json")).unwrap())
            .unwrap();
    assert_eq!(report.source.as_deref(), Some("bikes"));
    common::assert_results_match(&inst, &report);

    // CSV: a header and one row per frame.
    let csv = std::fs::read_to_string(out.path().join("bikes.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + report.frames.len());

    // EDL: 25 fps non-drop, one event per marker, record timecodes from 01:00:00:00.
    let edl = std::fs::read_to_string(out.path().join("bikes.markers.edl")).unwrap();
    assert!(
        edl.starts_with("TITLE: bikes\nFCM: NON-DROP FRAME\n"),
        "{edl}"
    );
    let events: Vec<Vec<&str>> = edl
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(|l| l.split_whitespace().collect())
        .collect();
    let markers = merge_same_start(report_markers(&report, true));
    assert_eq!(events.len(), markers.len());
    for (e, m) in events.iter().zip(&markers) {
        assert_eq!(
            e[6],
            record_tc(m.range.start, 25),
            "{e:?} for marker at {}",
            m.range.start
        );
        assert_eq!(e[7], record_tc(m.range.start + 1, 25));
    }
    for s in report.shots.iter().skip(1) {
        assert!(
            events.iter().any(|e| e[6] == record_tc(s.start, 25)),
            "a marker at the cut {}",
            s.start
        );
    }

    // OTIO: readable, one clip per usable shot at 25 fps.
    if let Some(otio) = read_otio(&out.path().join("bikes.otio")) {
        let usable = report
            .shots
            .iter()
            .filter(|s| s.trim.out_frame > s.trim.in_frame)
            .count();
        eprintln!("OTIO: {otio}");
        assert!(otio.contains("\"rate\": 25.0"), "{otio}");
        assert_eq!(otio.matches("\"start\"").count(), usable, "{otio}");
    }

    // A folder that cannot be written (its parent is a file): error, no files.
    let blocker = out.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    for bad in [
        blocker.join("exports"),
        out.path().join("missing").join("deeper"),
    ] {
        inst.set_param(
            "export_folder",
            ParamValue::Str(bad.display().to_string()),
            None,
        )
        .unwrap();
        let before = inst.messages().len();
        assert!(inst.press_button("export").unwrap().is_ok_or_default());
        let new = &inst.messages()[before..];
        assert!(
            new.iter()
                .any(|m| m.kind.contains("Error") && m.text.contains("export failed")),
            "{}: {new:?}",
            bad.display()
        );
        assert!(!bad.exists());
    }
    let mut after: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    after.sort();
    assert_eq!(
        after,
        [
            "bikes.csv",
            "bikes.json",
            "bikes.markers.edl",
            "bikes.otio",
            "not-a-folder"
        ]
    );
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
}
