//! `circletake analyze` on real footage with ground truth (`../shared/footage`):
//! testvideo.mp4 (29.97 fps) is black for frames 0-29, its first shot runs from
//! frame 30 to 179, later shots are joined by fades and a dissolve. The markers
//! EDL must be drop-frame, mark the black head at 01:00:00;00 and the first
//! shot's select at frame 30 = 01:00:01;00, and mark a dissolve.

mod cli_support;

use std::path::PathBuf;

use cli_support::{bin, entries, run, scratch, text, tools};

fn footage() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/footage");
    if dir.join("testvideo.mp4").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/footage not present");
        None
    }
}

#[test]
fn testvideo_markers_follow_the_ground_truth_in_drop_frame() {
    let Some(footage) = footage() else { return };
    if tools().is_none() {
        return;
    }
    let dir = scratch("footage-testvideo");
    let o = run(bin()
        .args(["analyze", "--no-faces", "--quiet", "--out"])
        .arg(&dir)
        .arg(footage.join("testvideo.mp4")));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(entries(&dir).len(), 5, "{:?}", entries(&dir));
    let edl = std::fs::read_to_string(dir.join("testvideo.markers.edl")).unwrap();
    assert!(
        edl.starts_with("TITLE: testvideo\nFCM: DROP FRAME\n"),
        "{edl}"
    );
    let events: Vec<(&str, &str)> = edl
        .lines()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1].starts_with(" |C:"))
        .map(|w| (w[0].split_whitespace().nth(6).unwrap(), w[1]))
        .collect();
    let at = |tc: &str| {
        events
            .iter()
            .filter(|(t, _)| *t == tc)
            .map(|(_, c)| *c)
            .collect::<Vec<_>>()
    };
    let head = at("01:00:00;00");
    assert!(head.iter().any(|c| c.contains("|M:black")), "{edl}");
    // Frame 30 +-2 (the cut out of black) is where shot 1's select starts.
    let select = [
        "01:00:00;28",
        "01:00:00;29",
        "01:00:01;00",
        "01:00:01;01",
        "01:00:01;02",
    ]
    .iter()
    .flat_map(|tc| at(tc))
    .any(|c| c.contains("|M:shot 1 select"));
    assert!(select, "{edl}");
    assert!(edl.contains("|M:dissolve"), "{edl}");
    // Nothing of shot 1 extends into the black from frame 180 (01:00:06;00).
    let report = circletake_inference::report::ClipReport::from_json_str(
        &std::fs::read_to_string(dir.join("testvideo.json")).unwrap(),
    )
    .unwrap();
    let first = &report.shots[0];
    assert!((28..=32).contains(&first.trim.in_frame), "{:?}", first.trim);
    assert!(first.trim.out_frame <= 180, "{:?}", first.trim);
    std::fs::remove_dir_all(&dir).unwrap();
}
