//! OpenTimelineIO export, validated by reading the file with the `opentimelineio`
//! Python package (`$CIRCLETAKE_PYTHON`): clip ranges, available range, marker
//! counts and colours, global start time. Skips with a message when the package is
//! unavailable.

mod export_support;
mod otio_support;

use circletake_inference::export::otio::otio_value;
use circletake_inference::export::{merge_same_start, report_markers, write_otio, ClipInfo};
use circletake_inference::FrameRate;
use otio_support::read_with_otio;
use std::path::Path;

const READER: &str = r#"
import json, sys
import opentimelineio as otio
t = otio.adapters.read_from_file(sys.argv[1])
out = {"name": t.name, "global_start": t.global_start_time.value if t.global_start_time else None,
       "global_start_tc": otio.opentime.to_timecode(t.global_start_time) if t.global_start_time else None,
       "tracks": len(t.tracks), "clips": [], "duration": t.duration().value}
for clip in t.find_clips():
    ref = clip.media_reference
    out["clips"].append({
        "name": clip.name,
        "start": clip.source_range.start_time.value,
        "duration": clip.source_range.duration.value,
        "rate": clip.source_range.start_time.rate,
        "avail_start": ref.available_range.start_time.value,
        "avail_duration": ref.available_range.duration.value,
        "url": getattr(ref, "target_url", None),
        "markers": [[m.name, m.color, m.marked_range.start_time.value, m.marked_range.duration.value, m.comment]
                    for m in clip.markers],
        "shot": clip.metadata["circletake"].get("shot_index"),
    })
print(json.dumps(out))
"#;

fn clip_info() -> ClipInfo {
    let mut c = ClipInfo::named("synthetic");
    c.media_path = Some("/media/day 1/synthetic.mov".into());
    c
}

#[test]
fn opentimelineio_reads_the_selects_timeline() {
    for rate in [
        FrameRate { num: 25, den: 1 },
        FrameRate {
            num: 30000,
            den: 1001,
        },
        FrameRate {
            num: 24000,
            den: 1001,
        },
    ] {
        let report = export_support::report_at(rate);
        let dir = export_support::scratch("otio-read");
        let path = dir.join("synthetic.otio");
        write_otio(&report, &clip_info(), &path).unwrap();
        let Some(t) = read_with_otio(READER, &path) else {
            std::fs::remove_dir_all(&dir).unwrap();
            return;
        };
        let fps = f64::from(rate.num) / f64::from(rate.den);
        let trimmed: Vec<_> = report
            .shots
            .iter()
            .filter(|s| s.trim.out_frame > s.trim.in_frame)
            .collect();
        let clips = t["clips"].as_array().unwrap();
        assert_eq!(clips.len(), trimmed.len(), "{t}");
        let mut total = 0;
        let mut marker_count = 0;
        for (c, s) in clips.iter().zip(&trimmed) {
            assert_eq!(c["shot"], s.index);
            assert_eq!(c["start"].as_f64().unwrap(), s.trim.in_frame as f64);
            assert_eq!(
                c["duration"].as_f64().unwrap(),
                (s.trim.out_frame - s.trim.in_frame) as f64
            );
            assert!((c["rate"].as_f64().unwrap() - fps).abs() < 1e-9);
            assert_eq!(c["avail_start"].as_f64().unwrap(), 0.0);
            assert_eq!(
                c["avail_duration"].as_f64().unwrap(),
                report.frame_count as f64
            );
            assert_eq!(c["url"], "file:///media/day%201/synthetic.mov");
            total += s.trim.out_frame - s.trim.in_frame;
            for m in c["markers"].as_array().unwrap() {
                marker_count += 1;
                let color = m[1].as_str().unwrap();
                assert!(
                    [
                        "PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE",
                        "MAGENTA", "BLACK", "WHITE"
                    ]
                    .contains(&color),
                    "{color}"
                );
                assert!(m[3].as_f64().unwrap() >= 1.0);
                assert!(!m[4].as_str().unwrap().is_empty());
            }
        }
        assert_eq!(t["duration"].as_f64().unwrap(), total as f64);
        let all = report_markers(&report, false);
        assert!(marker_count <= all.len() && marker_count >= merge_same_start(all.clone()).len());
        // Record start 01:00:00:00 in the rate's counting.
        let tc = t["global_start_tc"].as_str().unwrap();
        assert!(tc == "01:00:00:00" || tc == "01:00:00;00", "{tc}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn markers_sit_on_the_shot_they_belong_to() {
    let report = export_support::report();
    let v = otio_value(&report, &clip_info(), Path::new("x.otio")).unwrap();
    let clips = v["tracks"]["children"][0]["children"].as_array().unwrap();
    for c in clips {
        let shot = c["metadata"]["circletake"]["shot_index"].as_u64();
        for m in c["markers"].as_array().unwrap() {
            let owner = m["metadata"]["circletake"]["shot"].as_u64();
            if owner.is_some() {
                assert_eq!(owner, shot, "{m}");
            }
        }
    }
    // The blink of shot 1 is a pink marker on the first clip, at its media frame.
    let blink = clips[0]["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["color"] == "PINK")
        .expect("blink marker");
    assert_eq!(
        blink["marked_range"]["start_time"]["value"]
            .as_f64()
            .unwrap(),
        report.blinks[0].range.start as f64
    );
}

#[test]
fn deterministic_and_failure_leaves_nothing() {
    let report = export_support::report();
    let dir = export_support::scratch("otio-det");
    let a = dir.join("a.otio");
    let b = dir.join("b.otio");
    write_otio(&report, &clip_info(), &a).unwrap();
    write_otio(&report, &clip_info(), &b).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    std::fs::remove_file(&a).unwrap();
    std::fs::remove_file(&b).unwrap();
    let err = write_otio(&report, &clip_info(), &dir.join("missing").join("a.otio")).unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
    assert!(export_support::entries(&dir).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
