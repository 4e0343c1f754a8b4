//! `circletake analyze` on real media: all five files per clip, byte-identical
//! outputs on a second run, JSON Lines on stdout with `--json`.

mod cli_support;

use cli_support::{bin, cut_clip, entries, run, scratch, text, tools};

const SUFFIXES: [&str; 5] = [".csv", ".json", ".markers.edl", ".otio", ".png"];

#[test]
fn analyze_bikes_writes_five_files_and_is_deterministic() {
    let Some((samples, _)) = tools() else { return };
    let bikes = samples.join("bikes.mp4");
    let dir = scratch("analyze-bikes");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        let o = run(bin()
            .args(["analyze", "--no-faces", "--quiet", "--out"])
            .arg(out)
            .arg(&bikes));
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            stdout.contains("clip") && stdout.contains("bikes"),
            "{stdout}"
        );
        // The line per clip on stderr (not a TTY here).
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("bikes.mp4: 250 frames"),
            "{}",
            text(&o)
        );
    }
    let want: Vec<String> = SUFFIXES.iter().map(|s| format!("bikes{s}")).collect();
    assert_eq!(entries(&a), want, "no staging folder or other file left");
    for s in SUFFIXES {
        let name = format!("bikes{s}");
        let (x, y) = (
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap(),
        );
        assert!(!x.is_empty());
        assert!(x == y, "{name} differs between two runs");
    }
    // The report reads back and finds bikes' shots (ground truth: cuts at 30, 76, 137, 187, 242).
    let json = std::fs::read_to_string(a.join("bikes.json")).unwrap();
    let report = circletake_inference::report::ClipReport::from_json_str(&json).unwrap();
    assert_eq!(report.frame_count, 250);
    assert!(report.shots.len() >= 4, "{} shots", report.shots.len());
    let edl = std::fs::read_to_string(a.join("bikes.markers.edl")).unwrap();
    assert!(
        edl.starts_with("TITLE: bikes\nFCM: NON-DROP FRAME\n"),
        "{edl}"
    );
    // Every cut is a marker (possibly merged with others on its frame: "a + cut").
    let cut_markers = edl
        .lines()
        .filter_map(|l| l.split(" |M:").nth(1))
        .filter(|rest| {
            let name = rest.split(" |D:").next().unwrap_or("");
            name.split(" + ").any(|n| n == "cut")
        })
        .count();
    assert_eq!(cut_markers, report.cuts.len(), "{edl}");
    let png = image::open(a.join("bikes.png")).unwrap();
    assert_eq!(png.width(), 1400);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_flag_prints_one_report_per_line_and_writes_nothing() {
    let Some((samples, ffmpeg)) = tools() else {
        return;
    };
    let dir = scratch("analyze-json");
    let (c1, c2) = (dir.join("take1.avi"), dir.join("take2.avi"));
    cut_clip(&ffmpeg, &samples.join("carphone.mp4"), 0, 30, &c1);
    cut_clip(&ffmpeg, &samples.join("carphone.mp4"), 40, 30, &c2);
    let out = dir.join("out");
    let o = run(bin()
        .args(["analyze", "--json", "--no-faces", "--quiet", "--out"])
        .arg(&out)
        .args([&c1, &c2]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let stdout = String::from_utf8(o.stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", text(&o));
    for (line, name) in lines.iter().zip(["take1.avi", "take2.avi"]) {
        let r = circletake_inference::report::ClipReport::from_json_str(line).unwrap();
        assert_eq!(r.source.as_deref(), Some(name));
        assert_eq!(r.frame_count, 30);
    }
    assert!(!out.exists(), "--json must not write files");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn source_timecode_of_the_media_starts_the_edl_and_otio() {
    let Some((samples, ffmpeg)) = tools() else {
        return;
    };
    let dir = scratch("analyze-tc");
    let clip = dir.join("tc.mov");
    let o = std::process::Command::new(&ffmpeg)
        .args(["-v", "error", "-y", "-i"])
        .arg(samples.join("carphone.mp4"))
        .args([
            "-frames:v",
            "20",
            "-an",
            "-c:v",
            "mjpeg",
            "-q:v",
            "3",
            "-timecode",
            "10:00:00;00",
        ])
        .arg(&clip)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.join("out");
    let o = run(bin()
        .args(["analyze", "--no-faces", "--quiet", "--out"])
        .arg(&out)
        .arg(&clip));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let edl = std::fs::read_to_string(out.join("tc.markers.edl")).unwrap();
    assert!(
        edl.starts_with("TITLE: tc\nFCM: DROP FRAME\n\n001  001      V     C        10:00:00;00 "),
        "{edl}"
    );
    let otio: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("tc.otio")).unwrap()).unwrap();
    // 10:00:00;00 drop-frame = 10 x 107892 frames.
    assert_eq!(
        otio["global_start_time"]["value"].as_f64(),
        Some(1_078_920.0)
    );
    let clip0 = &otio["tracks"]["children"][0]["children"][0];
    let avail = &clip0["media_references"]["DEFAULT_MEDIA"]["available_range"];
    assert_eq!(avail["start_time"]["value"].as_f64(), Some(1_078_920.0));
    assert_eq!(avail["duration"]["value"].as_f64(), Some(20.0));
    // --record-start overrides the source timecode.
    let o = run(bin()
        .args([
            "analyze",
            "--no-faces",
            "--quiet",
            "--record-start",
            "01:00:00;00",
            "--out",
        ])
        .arg(&out)
        .arg(&clip));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let edl = std::fs::read_to_string(out.join("tc.markers.edl")).unwrap();
    assert!(
        edl.contains("\n001  001      V     C        01:00:00;00 "),
        "{edl}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
