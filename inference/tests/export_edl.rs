//! Resolve markers EDL: the file is parsed back and every event's timecode is
//! checked against the marker's frame number with an independent label counter
//! (it steps a wall of labels one frame at a time, skipping drop-frame labels),
//! at 23.976, 24, 25, 29.97 DF, 59.94 DF and the other integer rates.

mod export_support;

use circletake_inference::export::edl::edl_string;
use circletake_inference::export::{merge_same_start, report_markers, write_markers_edl, ClipInfo};
use circletake_inference::report::ClipReport;
use circletake_inference::shots::Cut;
use circletake_inference::FrameRate;
use std::path::Path;

const RESOLVE_COLORS: [&str; 16] = [
    "Blue", "Cyan", "Green", "Yellow", "Red", "Pink", "Purple", "Fuchsia", "Rose", "Lavender",
    "Sky", "Mint", "Lemon", "Sand", "Cocoa", "Cream",
];

/// Label of frame `index` counted from `start` = (h, m, s, f), stepping one frame
/// at a time; drop-frame skips labels 0..drop at each minute not divisible by 10.
fn step_label(start: (u32, u32, u32, u32), index: i64, fps: u32, drop: u32) -> String {
    let (mut h, mut m, mut s, mut f) = start;
    for _ in 0..index {
        f += 1;
        if f == fps {
            f = 0;
            s += 1;
            if s == 60 {
                s = 0;
                m += 1;
                if m == 60 {
                    m = 0;
                    h = (h + 1) % 24;
                }
                if m % 10 != 0 {
                    f = drop;
                }
            }
        }
    }
    let sep = if drop > 0 { ';' } else { ':' };
    format!("{h:02}:{m:02}:{s:02}{sep}{f:02}")
}

#[derive(Debug)]
struct Event {
    num: u32,
    src_in: String,
    src_out: String,
    rec_in: String,
    rec_out: String,
    color: String,
    name: String,
    duration: i64,
}

/// Parses the markers EDL: title, FCM, events with their comment lines.
fn parse(text: &str) -> (String, String, Vec<Event>) {
    let mut lines = text.lines();
    let title = lines
        .next()
        .unwrap()
        .strip_prefix("TITLE: ")
        .expect("TITLE line")
        .to_string();
    let fcm = lines
        .next()
        .unwrap()
        .strip_prefix("FCM: ")
        .expect("FCM line")
        .to_string();
    let mut events = Vec::new();
    let mut pending: Option<Vec<String>> = None;
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix(' ') {
            let fields = pending.take().expect("comment line follows an event line");
            let parts: Vec<&str> = rest
                .split(" |")
                .map(|p| p.trim_start_matches('|'))
                .collect();
            assert_eq!(parts.len(), 3, "{line:?}");
            let color = parts[0]
                .strip_prefix("C:ResolveColor")
                .expect("colour")
                .to_string();
            let name = parts[1].strip_prefix("M:").expect("name").to_string();
            let duration = parts[2]
                .strip_prefix("D:")
                .expect("duration")
                .parse()
                .unwrap();
            events.push(Event {
                num: fields[0].parse().unwrap(),
                src_in: fields[4].clone(),
                src_out: fields[5].clone(),
                rec_in: fields[6].clone(),
                rec_out: fields[7].clone(),
                color,
                name,
                duration,
            });
        } else {
            let fields: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            assert_eq!(fields.len(), 8, "{line:?}");
            assert_eq!(&fields[1..4], ["001", "V", "C"], "{line:?}");
            assert!(
                line.starts_with(&format!("{}  001      V     C        ", fields[0])),
                "{line:?}"
            );
            pending = Some(fields);
        }
    }
    assert!(pending.is_none(), "event without comment line");
    (title, fcm, events)
}

/// The synthetic report with extra cuts at `frames` (to hit minute boundaries).
fn report_with_cuts(rate: FrameRate, frames: &[i64]) -> ClipReport {
    let mut r = export_support::report_at(rate);
    for &f in frames {
        r.cuts.push(Cut {
            frame: f,
            confidence: 0.99,
        });
    }
    r
}

fn check_rate(rate: FrameRate, fps: u32, drop: u32, extra: &[i64]) {
    let report = report_with_cuts(rate, extra);
    let clip = ClipInfo::named("synthetic");
    let text = edl_string(&report, &clip, Path::new("x.edl")).unwrap();
    let (title, fcm, events) = parse(&text);
    assert_eq!(title, "synthetic");
    assert_eq!(
        fcm,
        if drop > 0 {
            "DROP FRAME"
        } else {
            "NON-DROP FRAME"
        },
        "{rate:?}"
    );
    let markers = merge_same_start(report_markers(&report, true));
    assert_eq!(events.len(), markers.len());
    // One event per record frame: Resolve keeps one marker per frame.
    let mut starts: Vec<&str> = events.iter().map(|e| e.rec_in.as_str()).collect();
    starts.sort_unstable();
    starts.dedup();
    assert_eq!(starts.len(), events.len(), "two markers on one frame");
    assert!(markers.len() >= 8, "{markers:?}");
    for (i, (e, m)) in events.iter().zip(&markers).enumerate() {
        assert_eq!(e.num as usize, i + 1);
        let want_in = step_label((1, 0, 0, 0), m.range.start, fps, drop);
        let want_out = step_label((1, 0, 0, 0), m.range.start + 1, fps, drop);
        assert_eq!(e.rec_in, want_in, "{rate:?} marker {m:?}");
        assert_eq!(e.rec_out, want_out, "{rate:?} marker {m:?}");
        assert_eq!(e.src_in, e.rec_in);
        assert_eq!(e.src_out, e.rec_out);
        assert_eq!(e.duration, m.range.len().max(1));
        assert_eq!(e.name, m.name);
        assert_eq!(e.color, m.kind.resolve_color());
        assert_eq!(e.name.matches(" + ").count(), m.also.len());
        assert!(RESOLVE_COLORS.contains(&e.color.as_str()), "{}", e.color);
    }
    // Every extra cut is an event at its label.
    for &f in extra {
        let want = step_label((1, 0, 0, 0), f, fps, drop);
        assert!(
            events
                .iter()
                .any(|e| e.name.contains("cut") && e.rec_in == want),
            "{rate:?}: no cut at {want}"
        );
    }
}

#[test]
fn twenty_three_976_counts_24_labels_non_drop() {
    check_rate(
        FrameRate {
            num: 24000,
            den: 1001,
        },
        24,
        0,
        &[1439, 1440, 1441, 86_399],
    );
    let report = report_with_cuts(
        FrameRate {
            num: 24000,
            den: 1001,
        },
        &[1440],
    );
    let text = edl_string(&report, &ClipInfo::named("x"), Path::new("x.edl")).unwrap();
    assert!(text.contains("01:01:00:00 01:01:00:01"), "{text}");
}

#[test]
fn integer_rates() {
    check_rate(FrameRate { num: 24, den: 1 }, 24, 0, &[1440, 3599]);
    check_rate(FrameRate { num: 25, den: 1 }, 25, 0, &[1500, 89_999]);
    check_rate(FrameRate { num: 30, den: 1 }, 30, 0, &[1800]);
    check_rate(FrameRate { num: 50, den: 1 }, 50, 0, &[3000]);
}

#[test]
fn twenty_nine_97_is_drop_frame_across_minute_boundaries() {
    // 1799 = last label of minute 0, 1800 = first frame after the boundary
    // (label ;02), 17982 = minute 10 (no drop), 107892 = one hour.
    check_rate(
        FrameRate {
            num: 30000,
            den: 1001,
        },
        30,
        2,
        &[1799, 1800, 1801, 17_981, 17_982, 107_892],
    );
    let report = report_with_cuts(
        FrameRate {
            num: 30000,
            den: 1001,
        },
        &[1800],
    );
    let text = edl_string(&report, &ClipInfo::named("x"), Path::new("x.edl")).unwrap();
    assert!(
        text.contains("01:01:00;02 01:01:00;03 01:01:00;02 01:01:00;03"),
        "{text}"
    );
}

#[test]
fn fifty_nine_94_drops_four_labels() {
    check_rate(
        FrameRate {
            num: 60000,
            den: 1001,
        },
        60,
        4,
        &[3599, 3600, 35_964],
    );
    let report = report_with_cuts(
        FrameRate {
            num: 60000,
            den: 1001,
        },
        &[3600],
    );
    let text = edl_string(&report, &ClipInfo::named("x"), Path::new("x.edl")).unwrap();
    assert!(text.contains("01:01:00;04"), "{text}");
}

#[test]
fn record_start_and_forced_non_drop() {
    let rate = FrameRate {
        num: 30000,
        den: 1001,
    };
    let report = report_with_cuts(rate, &[1800]);
    let mut clip = ClipInfo::named("x");
    clip.record_start = Some("00:59:59:00".to_string());
    clip.drop_frame = Some(false);
    let text = edl_string(&report, &clip, Path::new("x.edl")).unwrap();
    let (_, fcm, events) = parse(&text);
    assert_eq!(fcm, "NON-DROP FRAME");
    // Non-drop: 1800 frames = exactly one minute of labels after 00:59:59:00.
    let want = step_label((0, 59, 59, 0), 1800, 30, 0);
    assert_eq!(want, "01:00:59:00");
    assert!(events.iter().any(|e| e.rec_in == want));

    // Source timecode of the media is the record start when none is given.
    let mut clip = ClipInfo::named("x");
    clip.source_start = Some(90_000); // 01:00:00:00 at 25 fps
    let r25 = report_with_cuts(FrameRate { num: 25, den: 1 }, &[25]);
    let text = edl_string(&r25, &clip, Path::new("x.edl")).unwrap();
    assert!(text.contains("01:00:01:00 01:00:01:01"), "{text}");
}

#[test]
fn bad_options_are_errors_and_write_nothing() {
    let dir = export_support::scratch("edl-bad");
    let report = export_support::report();
    let mut clip = ClipInfo::named("x");
    clip.drop_frame = Some(true); // no drop-frame at 25 fps
    let path = dir.join("x.markers.edl");
    let err = write_markers_edl(&report, &clip, &path).unwrap_err();
    assert!(err.to_string().contains("x.markers.edl"), "{err}");
    let mut clip = ClipInfo::named("x");
    clip.record_start = Some("25:00:00:00".to_string());
    assert!(write_markers_edl(&report, &clip, &path).is_err());
    let missing = dir.join("nope").join("x.markers.edl");
    let err = write_markers_edl(&report, &ClipInfo::named("x"), &missing).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    assert!(export_support::entries(&dir).is_empty());

    write_markers_edl(&report, &ClipInfo::named("x|y"), &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("TITLE: x y\nFCM: NON-DROP FRAME\n\n001  001"),
        "{text}"
    );
    assert_eq!(export_support::entries(&dir), vec!["x.markers.edl"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn markers_on_one_frame_are_merged() {
    let report = export_support::report();
    // Shot 2 starts at the cut: its select and the cut share a frame.
    let cut = report.cuts[0].frame;
    let text = edl_string(&report, &ClipInfo::named("x"), Path::new("x.edl")).unwrap();
    let (_, _, events) = parse(&text);
    let want = step_label((1, 0, 0, 0), cut, 25, 0);
    let at: Vec<&Event> = events.iter().filter(|e| e.rec_in == want).collect();
    assert_eq!(at.len(), 1, "{text}");
    assert!(
        at[0].name.starts_with("shot 2 select") && at[0].name.contains(" + cut"),
        "{:?}",
        at[0]
    );
    assert_eq!(at[0].color, "Green");
}

#[test]
fn markers_cover_the_report_events() {
    let report = export_support::report();
    let markers = report_markers(&report, true);
    let has = |name: &str| markers.iter().any(|m| m.name.starts_with(name));
    assert!(has("cut"), "{markers:?}");
    assert!(has("dissolve"), "{markers:?}");
    assert!(has("blink"), "{markers:?}");
    assert!(has("flash frame"), "{markers:?}");
    assert!(has("shot 1 select"), "{markers:?}");
    assert_eq!(
        markers.iter().filter(|m| m.name.contains("select")).count(),
        report
            .shots
            .iter()
            .filter(|s| s.trim.out_frame > s.trim.in_frame)
            .count()
    );
}
