//! The clip level on real footage (`<workspace>/../shared/footage`, see its README for
//! the ground truth), through the real engine and models. Skips with a message when
//! the footage, ffmpeg (`CIRCLETAKE_FFMPEG` or `ffmpeg` on PATH) or the engine cannot run.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use circletake_inference::engine::{Engine, EngineOptions, Quality};
use circletake_inference::frame::{ChannelLayout, FrameView, PixelFormat, SampleDepth};
use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::shots::{BoundarySource, FlagKind, TransitionKind};
use circletake_inference::{FrameRate, FrameSignals};

fn footage(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/footage");
    if !dir.is_dir() {
        println!("skipped: ../shared/footage not present");
        return None;
    }
    Some(dir.join(name))
}

fn ffmpeg() -> Option<PathBuf> {
    let exe = std::env::var_os("CIRCLETAKE_FFMPEG")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("ffmpeg"));
    let ok = Command::new(&exe)
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        println!("skipped: no ffmpeg (set CIRCLETAKE_FFMPEG)");
    }
    ok.then_some(exe)
}

/// Reads one binary PPM (P6, maxval 255) from the stream; `None` at the end.
fn read_ppm(r: &mut impl BufRead) -> Option<(usize, usize, Vec<u8>)> {
    let mut fields = Vec::new();
    let mut token = Vec::new();
    while fields.len() < 4 {
        let mut b = [0u8];
        if r.read(&mut b).ok()? == 0 {
            return None;
        }
        if b[0].is_ascii_whitespace() {
            if !token.is_empty() {
                fields.push(String::from_utf8(std::mem::take(&mut token)).ok()?);
            }
        } else {
            token.push(b[0]);
        }
    }
    assert_eq!(fields[0], "P6", "ffmpeg writes binary PPM");
    let (w, h): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let mut data = vec![0u8; w * h * 3];
    r.read_exact(&mut data).ok()?;
    Some((w, h, data))
}

/// Decodes `path` (scaled down to at most 640 px wide; the engine analyses at 512) and
/// runs the engine.
fn analyze(path: &Path, rate: FrameRate, faces: bool) -> Option<Vec<FrameSignals>> {
    let exe = ffmpeg()?;
    // Faces on every 2nd frame (fast quality) keep the CPU run short; blinks are
    // still found (see the clip level's face tracking).
    let options = EngineOptions {
        faces,
        quality: Quality::Fast,
        ..Default::default()
    };
    let engine = match Engine::new(options) {
        Ok(e) => e,
        Err(e) => {
            println!("skipped: the engine cannot start: {e}");
            return None;
        }
    };
    println!(
        "engine: {}; {}",
        engine.device_description(),
        engine.model_status()
    );
    let mut child = Command::new(exe)
        .args(["-v", "error", "-i"])
        .arg(path)
        .args([
            "-vf",
            "scale=640:-2",
            "-f",
            "image2pipe",
            "-vcodec",
            "ppm",
            "-",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("ffmpeg starts");
    let mut out = BufReader::new(child.stdout.take().expect("piped"));
    let mut analysis = engine.analysis(rate).expect("valid rate");
    let format = PixelFormat::new(SampleDepth::U8, ChannelLayout::Rgb);
    let mut n = 0i64;
    while let Some((w, h, data)) = read_ppm(&mut out) {
        let view = FrameView::packed(&data, w, h, format).expect("valid frame");
        analysis.push(n, &view).expect("frame analysed");
        n += 1;
    }
    assert!(child.wait().expect("ffmpeg ends").success());
    Some(analysis.finish().expect("analysis finishes").frames)
}

fn report_for(name: &str, rate: FrameRate) -> Option<ClipReport> {
    let path = footage(name)?;
    let frames = analyze(&path, rate, false)?;
    let options = ReportOptions {
        source: Some(name.to_string()),
        ..Default::default()
    };
    let report = build_report(&frames, rate, &options);
    println!("{name}: {:?}", report.models);
    println!(
        "  cuts {:?}",
        report.cuts.iter().map(|c| c.frame).collect::<Vec<_>>()
    );
    for t in &report.transitions {
        println!(
            "  transition {:?} {}..{}",
            t.kind, t.range.start, t.range.end
        );
    }
    for s in &report.shots {
        println!(
            "  shot {} {}..{} score {:.1} trim {}..{} ({:.2}) best {:?} {:?}",
            s.index,
            s.start,
            s.end,
            s.score,
            s.trim.in_frame,
            s.trim.out_frame,
            s.trim.confidence,
            s.best_segment
                .as_ref()
                .map(|b| (b.range.start, b.range.end)),
            s.trim.reasons
        );
        for f in &s.flags {
            let r: Vec<_> = f.ranges.iter().map(|r| (r.start, r.end)).collect();
            println!("    {:?} {r:?}", f.kind);
        }
    }
    Some(report)
}

#[test]
fn bikes_cuts_match_the_ground_truth() {
    let Some(r) = report_for("bikes.mp4", FrameRate { num: 25, den: 1 }) else {
        return;
    };
    let truth = [30i64, 76, 137, 187, 242];
    let found: Vec<i64> = r.cuts.iter().map(|c| c.frame).collect();
    let hits = truth
        .iter()
        .filter(|t| found.iter().any(|f| (f - **t).abs() <= 1))
        .count();
    let precision = hits as f64 / found.len().max(1) as f64;
    let recall = hits as f64 / truth.len() as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(1e-9);
    println!(
        "bikes ({:?}): cuts {found:?}; precision {precision:.3} recall {recall:.3} F1 {f1:.3}",
        r.models.shot_boundaries
    );
    assert_eq!(found.len(), truth.len(), "no extra cuts: {found:?}");
    assert_eq!(hits, truth.len(), "every cut within 1 frame: {found:?}");
    assert_eq!(r.shots.len(), 6);
    assert!(r.transitions.is_empty(), "{:?}", r.transitions);
}

#[test]
fn testvideo_black_is_never_in_a_trim_and_fades_are_transitions() {
    let rate = FrameRate {
        num: 30000,
        den: 1001,
    };
    let Some(r) = report_for("testvideo.mp4", rate) else {
        return;
    };
    let black_head = 0..30i64;
    for s in &r.shots {
        let trim = s.trim.in_frame..s.trim.out_frame;
        assert!(
            trim.start >= black_head.end || trim.is_empty(),
            "shot {}: {trim:?}",
            s.index
        );
        for f in trim.clone() {
            let fr = &r.frames[(f - r.first_frame) as usize];
            assert!(
                !fr.black && !fr.transition,
                "shot {} trim {trim:?} holds black/transition frame {f}",
                s.index
            );
        }
    }
    // The first shot: 30..180, black from 180.
    let first = r.shots.iter().find(|s| s.end > 40).expect("a first shot");
    println!(
        "testvideo first shot trim in error {} out error {}",
        first.trim.in_frame - 30,
        first.trim.out_frame - 180
    );
    assert!((30..=33).contains(&first.trim.in_frame), "{:?}", first.trim);
    assert!(
        (170..=180).contains(&first.trim.out_frame),
        "{:?}",
        first.trim
    );
    assert!(r.frames[180..200]
        .iter()
        .all(|f| f.shot.is_none() && f.black));
    // Fades are spans; no cut falls inside or right next to one.
    let fades = r
        .transitions
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TransitionKind::FadeIn | TransitionKind::FadeOut | TransitionKind::FadeThroughBlack
            )
        })
        .count();
    assert!(fades >= 2, "{:?}", r.transitions);
    for c in &r.cuts {
        assert!(
            r.transitions
                .iter()
                .all(|t| c.frame < t.range.start - 2 || c.frame > t.range.end + 2),
            "cut {} inside a transition",
            c.frame
        );
    }
    assert!(
        r.cuts.len() <= 2,
        "fades and the dissolve must not become cuts: {:?}",
        r.cuts
    );
    if r.models.shot_boundaries == BoundarySource::Transnetv2 {
        assert!(
            r.transitions
                .iter()
                .any(|t| t.kind == TransitionKind::Dissolve),
            "the dissolve is a transition span: {:?}",
            r.transitions
        );
    }
}

#[test]
fn cockatoo_occluded_middle_is_flagged_and_avoided() {
    let Some(r) = report_for("cockatoo.mp4", FrameRate { num: 20, den: 1 }) else {
        return;
    };
    assert!(r.cuts.is_empty(), "one continuous shot: {:?}", r.cuts);
    assert_eq!(r.shots.len(), 1);
    let s = &r.shots[0];
    // At least half of the occluded middle (80..155, the sure part) carries a quality flag.
    let flagged = (80..155)
        .filter(|&f| {
            s.flags.iter().any(|fl| {
                matches!(fl.kind, FlagKind::SoftFocus | FlagKind::Shaky)
                    && fl.ranges.iter().any(|r| r.contains(f))
            })
        })
        .count();
    println!("cockatoo: {flagged} of 75 occluded frames flagged");
    assert!(flagged >= 38, "occluded middle not flagged: {:?}", s.flags);
    let good = |a: i64, b: i64| b <= 75 || a >= 160;
    let best = s.best_segment.as_ref().expect("a 2 s segment fits");
    assert!(
        good(best.range.start, best.range.end),
        "best segment {:?}",
        best.range
    );
    assert!(good(s.trim.in_frame, s.trim.out_frame), "trim {:?}", s.trim);
}

#[test]
fn carphone_face_is_tracked_through_the_engine() {
    let Some(dir) = std::env::var_os("CIRCLETAKE_SAMPLES").map(PathBuf::from) else {
        println!("skipped: CIRCLETAKE_SAMPLES not set (cargo xtask env)");
        return;
    };
    let rate = FrameRate {
        num: 30000,
        den: 1001,
    };
    let Some(frames) = analyze(&dir.join("carphone.mp4"), rate, true) else {
        return;
    };
    if !frames.iter().any(|f| f.faces_analyzed) {
        println!("skipped: the face model is not available in this build");
        return;
    }
    let openness: Vec<f32> = frames
        .iter()
        .filter_map(|f| f.faces.first().and_then(|x| x.eye_openness))
        .collect();
    let lo = openness.iter().copied().fold(f32::INFINITY, f32::min);
    let hi = openness.iter().copied().fold(0.0f32, f32::max);
    println!(
        "carphone eye openness {lo:.3}..{hi:.3} over {} frames",
        openness.len()
    );
    let series: Vec<String> = frames
        .iter()
        .map(|f| match f.faces.first().and_then(|x| x.eye_openness) {
            Some(o) => format!("{o:.2}"),
            None => "-".to_string(),
        })
        .collect();
    println!("carphone openness per frame: {}", series.join(" "));
    let r = build_report(&frames, rate, &ReportOptions::default());
    let with_face = r
        .frames
        .iter()
        .filter(|f| f.face_focus_rel.is_some())
        .count();
    println!(
        "carphone: {} frames, {with_face} with a tracked face, eyes measured: {}, blinks {:?}",
        r.frame_count,
        r.models.eyes,
        r.blinks
            .iter()
            .map(|b| (b.range.start, b.range.end))
            .collect::<Vec<_>>()
    );
    assert!(r.models.faces);
    let analysed = frames.iter().filter(|f| f.faces_analyzed).count();
    assert!(
        with_face * 10 >= analysed * 8,
        "the talking head is tracked in most analysed frames ({with_face} of {analysed})"
    );
    for b in &r.blinks {
        assert!(!b.range.is_empty() && b.range.len() <= 12, "{b:?}");
    }
    if r.models.eyes {
        // The speaker blinks at frame 42 (eyes shut on that frame only); the models'
        // eye-openness calibration uses the same blink.
        assert!(
            r.blinks.iter().any(|b| b.range.contains(42)),
            "the blink at frame 42 is found: {:?}",
            r.blinks
        );
    }
}
