//! Clip-level rules on synthetic per-frame signals with known answers: cuts, flashes,
//! fades, whip-pans, trims, blinks, ranking, and the report's determinism and versioning.

use circletake_inference::report::{build_report, ClipReport, ReportError, ReportOptions};
use circletake_inference::shots::{rank_takes, BoundarySource, FlagKind, TransitionKind};
use circletake_inference::{FaceSignal, FrameRate, FrameSignals};

const FPS25: FrameRate = FrameRate { num: 25, den: 1 };

/// A steady, sharp, mid-grey frame of "shot" `shot` (each shot has its own luma and
/// texture so cuts are visible in `diff_prev`).
fn frame(i: usize, shot: usize) -> FrameSignals {
    FrameSignals {
        frame: i as i64,
        focus: 40.0 + 10.0 * shot as f32 + (i % 3) as f32,
        luma_mean: 0.35 + 0.08 * (shot % 4) as f32,
        clipped_highlights: 0.0,
        crushed_shadows: 0.02,
        motion_dx: 0.3 * ((i * 7 % 5) as f32 - 2.0) / 2.0,
        motion_dy: 0.2 * ((i * 3 % 5) as f32 - 2.0) / 2.0,
        motion_confidence: 0.6,
        residual_motion: if i == 0 { 0.0 } else { 0.01 },
        diff_prev: if i == 0 {
            0.0
        } else {
            0.01 + 0.002 * (i % 4) as f32
        },
        noise: 0.006,
        cut_prob: Some(0.01),
        transition_prob: Some(0.01),
        faces: Vec::new(),
        faces_analyzed: false,
    }
}

/// Frames of consecutive shots with hard cuts at the given starts; TransNetV2-style
/// probabilities (peak on the last frame of the outgoing shot) and a diff spike.
fn shots(n: usize, starts: &[usize]) -> Vec<FrameSignals> {
    (0..n)
        .map(|i| {
            let shot = starts.iter().filter(|&&s| s <= i).count();
            let mut f = frame(i, shot);
            if starts.contains(&i) {
                f.diff_prev = 0.3;
                f.residual_motion = 0.3;
            }
            if starts.contains(&(i + 1)) {
                f.cut_prob = Some(0.97);
                f.transition_prob = Some(0.8);
            }
            f
        })
        .collect()
}

fn without_model(mut frames: Vec<FrameSignals>) -> Vec<FrameSignals> {
    for f in &mut frames {
        f.cut_prob = None;
        f.transition_prob = None;
    }
    frames
}

fn report(frames: &[FrameSignals]) -> ClipReport {
    build_report(frames, FPS25, &ReportOptions::default())
}

fn cut_frames(r: &ClipReport) -> Vec<i64> {
    r.cuts.iter().map(|c| c.frame).collect()
}

fn make_black(f: &mut FrameSignals) {
    f.luma_mean = 0.01;
    f.crushed_shadows = 0.97;
    f.focus = 0.2;
    f.diff_prev = 0.0;
    f.cut_prob = Some(0.01);
}

#[test]
fn hard_cuts_from_the_model_and_from_the_fallback() {
    let frames = shots(200, &[50, 120]);
    let r = report(&frames);
    assert_eq!(r.models.shot_boundaries, BoundarySource::Transnetv2);
    assert_eq!(cut_frames(&r), vec![50, 120]);
    let spans: Vec<(i64, i64)> = r.shots.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(spans, vec![(0, 50), (50, 120), (120, 200)]);

    let r = report(&without_model(frames));
    assert_eq!(r.models.shot_boundaries, BoundarySource::SignalFallback);
    assert!(r
        .models
        .notes
        .iter()
        .any(|n| n.contains("TransNetV2 unavailable")));
    assert_eq!(cut_frames(&r), vec![50, 120]);
}

fn with_flash(mut frames: Vec<FrameSignals>, at: usize) -> Vec<FrameSignals> {
    let base = frames[at - 1].luma_mean;
    frames[at].luma_mean = base + 0.45;
    frames[at].clipped_highlights = 0.3;
    frames[at].diff_prev = 0.45;
    frames[at].cut_prob = Some(0.7);
    frames[at + 1].diff_prev = 0.45;
    frames
}

#[test]
fn a_flash_is_not_a_cut() {
    let frames = with_flash(shots(100, &[60]), 30);
    for frames in [frames.clone(), without_model(frames)] {
        let r = report(&frames);
        assert_eq!(cut_frames(&r), vec![60], "{:?}", r.models.shot_boundaries);
        assert_eq!(r.flashes.len(), 1);
        assert_eq!(r.flashes[0].start, 30);
        assert!(r.suppressed_cuts.iter().any(|c| c.reason == "flash_frame"));
        let shot = &r.shots[0];
        assert!(shot.flags.iter().any(|f| f.kind == FlagKind::FlashFrame));
        assert!(r.frames[30].score < 1.0 && r.frames[30].flash);
    }
}

/// Fade out over `fade` frames into `black` black frames, then fade in, starting at `at`.
fn fade_through_black(frames: &mut [FrameSignals], at: usize, fade: usize, black: usize) {
    let lit_out = frames[at - 1].luma_mean;
    let lit_in = frames[at + 2 * fade + black].luma_mean;
    for k in 0..fade {
        let t = 1.0 - (k + 1) as f32 / (fade + 1) as f32;
        let f = &mut frames[at + k];
        f.luma_mean = 0.02 + (lit_out - 0.02) * t;
        f.diff_prev = lit_out / fade as f32;
        f.crushed_shadows = 0.1 + 0.5 * (1.0 - t);
        f.transition_prob = Some(0.85);
        f.cut_prob = Some(if k == fade / 2 { 0.6 } else { 0.2 });
    }
    for k in 0..black {
        make_black(&mut frames[at + fade + k]);
    }
    for k in 0..fade {
        let t = (k + 1) as f32 / (fade + 1) as f32;
        let f = &mut frames[at + fade + black + k];
        f.luma_mean = 0.02 + (lit_in - 0.02) * t;
        f.diff_prev = lit_in / fade as f32;
        f.crushed_shadows = 0.1 + 0.5 * (1.0 - t);
        f.transition_prob = Some(0.85);
        f.cut_prob = Some(if k == fade / 2 { 0.55 } else { 0.2 });
    }
}

#[test]
fn a_fade_through_black_is_one_transition() {
    let mut frames = shots(160, &[70]);
    // Shot 0 fades out from 50, black 62..72, the next shot fades in 72..84.
    fade_through_black(&mut frames, 50, 12, 10);
    frames[70].diff_prev = 0.0;
    frames[69].cut_prob = Some(0.01);
    for frames in [frames.clone(), without_model(frames)] {
        let r = report(&frames);
        assert!(r.cuts.is_empty(), "{:?}", r.cuts);
        assert_eq!(r.transitions.len(), 1, "{:?}", r.transitions);
        let t = &r.transitions[0];
        assert_eq!(t.kind, TransitionKind::FadeThroughBlack);
        assert!(
            (t.range.start - 50).abs() <= 1 && (t.range.end - 84).abs() <= 1,
            "{t:?}"
        );
        assert_eq!(r.shots.len(), 2);
        for s in &r.shots {
            assert!(s.trim.out_frame <= t.range.start || s.trim.in_frame >= t.range.end);
        }
    }
}

#[test]
fn a_dissolve_from_the_model_is_a_span_between_two_shots() {
    let mut frames = shots(150, &[]);
    for (k, f) in frames[60..75].iter_mut().enumerate() {
        f.transition_prob = Some(0.9);
        f.cut_prob = Some(if k == 7 { 0.55 } else { 0.2 });
        f.diff_prev = 0.03;
    }
    for f in &mut frames[75..] {
        f.luma_mean = 0.6;
        f.focus = 80.0;
    }
    let r = report(&frames);
    assert!(r.cuts.is_empty());
    assert_eq!(r.transitions.len(), 1);
    assert_eq!(r.transitions[0].kind, TransitionKind::Dissolve);
    assert_eq!(r.shots.len(), 2);
    assert_eq!((r.shots[0].end, r.shots[1].start), (60, 75));
    assert!(r.frames[65].shot.is_none() && r.frames[65].transition);
}

#[test]
fn black_head_and_tail_are_dropped_from_the_trim() {
    let mut frames = shots(150, &[]);
    for (i, f) in frames.iter_mut().enumerate() {
        if !(20..140).contains(&i) {
            make_black(f);
        }
    }
    frames[20].diff_prev = 0.3;
    let r = report(&frames);
    // Long black runs are black spans, not shot material.
    assert!(r
        .transitions
        .iter()
        .all(|t| t.kind == TransitionKind::Black));
    assert_eq!(r.shots.len(), 1);
    let s = &r.shots[0];
    assert_eq!((s.trim.in_frame, s.trim.out_frame), (20, 140));
    // A short black head (below black_span_min_s) inside the shot is trimmed.
    let mut frames = shots(150, &[]);
    for f in &mut frames[..5] {
        make_black(f);
    }
    frames[5].diff_prev = 0.3;
    let r = report(&frames);
    let s = &r.shots[0];
    assert_eq!((s.start, s.usable_start, s.trim.in_frame), (0, 5, 5));
    assert!(
        s.trim.reasons[0].starts_with("in at 00:00:00:05: drops black frames"),
        "{:?}",
        s.trim.reasons
    );
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::BlackFrames));
}

#[test]
fn settling_shake_at_the_head_is_trimmed() {
    let mut frames = shots(200, &[]);
    for (i, f) in frames[..30].iter_mut().enumerate() {
        let amp = 9.0 * (1.0 - i as f32 / 30.0);
        f.motion_dx = if i % 2 == 0 { amp } else { -amp };
        f.motion_dy = if i % 3 == 0 { amp } else { -amp * 0.5 };
    }
    let r = report(&frames);
    let s = &r.shots[0];
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::Shaky));
    assert!((20..=40).contains(&s.trim.in_frame), "{:?}", s.trim);
    assert!(s.trim.reasons.iter().any(|x| x.contains("camera settles")));
    assert_eq!(s.trim.out_frame, 200);
    assert!(s.trimmed_score > s.score);
}

#[test]
fn focus_pull_and_overexposed_tail_are_trimmed() {
    let mut frames = shots(200, &[]);
    for (i, f) in frames[..25].iter_mut().enumerate() {
        f.focus = 5.0 + 40.0 * i as f32 / 25.0;
    }
    for f in &mut frames[180..] {
        f.clipped_highlights = 0.25;
        f.luma_mean = 0.8;
    }
    let r = report(&frames);
    let s = &r.shots[0];
    assert!((17..=30).contains(&s.trim.in_frame), "{:?}", s.trim);
    assert!((175..=181).contains(&s.trim.out_frame), "{:?}", s.trim);
    assert!(s.trim.reasons.iter().any(|x| x.contains("focus lands")));
    assert!(s.trim.reasons.iter().any(|x| x.contains("overexposed")));
    assert!(s
        .flags
        .iter()
        .any(|f| f.kind == FlagKind::ClippedHighlights));
}

fn face(open: f32, focus: f32) -> FaceSignal {
    FaceSignal {
        x0: 0.4,
        y0: 0.2,
        x1: 0.6,
        y1: 0.5,
        score: 0.99,
        focus,
        eye_openness: Some(open),
    }
}

fn with_face(frames: &mut [FrameSignals], blink: std::ops::Range<usize>) {
    for (i, f) in frames.iter_mut().enumerate() {
        f.faces_analyzed = true;
        f.faces = vec![face(if blink.contains(&i) { 0.05 } else { 0.85 }, 30.0)];
    }
}

#[test]
fn a_blink_at_the_out_point_moves_the_out_point() {
    let mut frames = shots(120, &[]);
    with_face(&mut frames, 116..119);
    let r = report(&frames);
    assert_eq!(r.blinks.len(), 1);
    assert_eq!((r.blinks[0].range.start, r.blinks[0].range.end), (116, 119));
    let s = &r.shots[0];
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::BlinkAtOut));
    assert!(s.trim.out_frame <= 116, "{:?}", s.trim);
    assert!(
        s.trim.reasons.iter().any(|x| x.contains("before a blink")),
        "{:?}",
        s.trim
    );
    assert!(r.models.faces && r.models.eyes);
}

#[test]
fn an_uncertain_cut_inside_a_whip_pan_is_suppressed() {
    let mut frames = shots(120, &[]);
    for f in &mut frames[55..63] {
        f.motion_dx = 90.0;
        f.diff_prev = 0.2;
    }
    frames[58].cut_prob = Some(0.6);
    frames[59].diff_prev = 0.35;
    let r = report(&frames);
    assert!(r.cuts.is_empty(), "{:?}", r.cuts);
    assert!(r.suppressed_cuts.iter().any(|c| c.reason == "whip_pan"));
    assert!(r.shots[0].flags.iter().any(|f| f.kind == FlagKind::WhipPan));
    // A confident cut inside fast motion stays.
    frames[58].cut_prob = Some(0.99);
    assert_eq!(cut_frames(&report(&frames)), vec![59]);
}

#[test]
fn frozen_frames_are_flagged_and_excluded_from_the_best_segment() {
    let mut frames = shots(150, &[]);
    for f in &mut frames[60..70] {
        f.diff_prev = 0.0;
        f.motion_dx = 0.0;
        f.motion_dy = 0.0;
    }
    let r = report(&frames);
    assert_eq!(r.frozen.len(), 1);
    assert_eq!((r.frozen[0].start, r.frozen[0].end), (60, 70));
    let s = &r.shots[0];
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::FrozenFrames));
    let best = r.best_segment(0, 50).expect("a 2 s window fits");
    assert!(best.range.end <= 60 || best.range.start >= 70, "{best:?}");
    assert!(
        r.best_segment(0, 90).is_none(),
        "no 90-frame window avoids the freeze"
    );
}

#[test]
fn a_soft_occluded_middle_makes_the_trim_keep_the_better_part() {
    let mut frames = shots(280, &[]);
    for (i, f) in frames[70..165].iter_mut().enumerate() {
        f.focus = 4.0;
        f.motion_dx = if i % 2 == 0 { 6.0 } else { -6.0 };
    }
    for f in &mut frames[165..] {
        f.focus = 60.0;
    }
    let r = build_report(
        &frames,
        FrameRate { num: 20, den: 1 },
        &ReportOptions::default(),
    );
    let s = &r.shots[0];
    assert!(s
        .flags
        .iter()
        .any(|f| f.kind == FlagKind::SoftFocus
            && f.ranges.iter().any(|x| x.start <= 75 && x.end >= 160)));
    let (a, b) = (s.trim.in_frame, s.trim.out_frame);
    assert!(
        b <= 72 || a >= 163,
        "trim {a}..{b} keeps the occluded middle"
    );
    let best = s.best_segment.as_ref().expect("best segment");
    assert!(best.range.end <= 70 || best.range.start >= 165, "{best:?}");
}

#[test]
fn score_breakdown_explains_the_score() {
    let mut frames = shots(100, &[]);
    for f in &mut frames[..50] {
        f.noise = 0.04;
    }
    let r = report(&frames);
    let s = &r.shots[0];
    let lost: f32 = s.breakdown.iter().map(|c| c.points_lost).sum();
    assert!((100.0 - lost - s.score).abs() < 1e-2);
    let noise = s
        .breakdown
        .iter()
        .find(|c| format!("{:?}", c.name) == "Noise")
        .unwrap();
    assert!(noise.points_lost > 5.0 && noise.reason.contains("noise"));
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::Noisy));
    assert!(r.frames[10].score < r.frames[80].score);
}

#[test]
fn takes_are_ranked_with_reasons() {
    let mut soft = shots(150, &[]);
    soft.iter_mut().for_each(|f| f.focus *= 0.5);
    let mut shaky = shots(150, &[]);
    for (i, f) in shaky.iter_mut().enumerate() {
        f.motion_dx = if i % 2 == 0 { 5.0 } else { -5.0 };
    }
    let mut blink = shots(150, &[]);
    with_face(&mut blink, 145..148);
    let mut good = shots(150, &[]);
    with_face(&mut good, 200..200);
    let opts = |name: &str| ReportOptions {
        source: Some(format!("/media/{name}.mov")),
        ..Default::default()
    };
    let reports: Vec<ClipReport> = [(&soft, "t1"), (&shaky, "t2"), (&good, "t3"), (&blink, "t4")]
        .iter()
        .map(|(f, n)| build_report(f, FPS25, &opts(n)))
        .collect();
    let refs: Vec<&ClipReport> = reports.iter().collect();
    let ranking = rank_takes(&refs);
    let order: Vec<&str> = ranking.takes.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(order[0], "t3.mov", "{}", ranking.summary);
    assert_eq!(order[3], "t2.mov", "{}", ranking.summary);
    assert!(
        ranking.summary.starts_with("t3.mov ranks first:"),
        "{}",
        ranking.summary
    );
    let t1 = ranking.takes.iter().find(|t| t.label == "t1.mov").unwrap();
    assert!(t1.focus_adjust < -10.0 && t1.reasons[0].starts_with("softer focus"));
    let t2 = ranking.takes.iter().find(|t| t.label == "t2.mov").unwrap();
    assert!(
        t2.reasons.iter().any(|r| r.contains("shak")),
        "{:?}",
        t2.reasons
    );
}

#[test]
fn reports_are_deterministic_and_round_trip() {
    let mut frames = with_flash(shots(200, &[80, 150]), 30);
    with_face(&mut frames, 100..103);
    let a = report(&frames).to_json_string();
    let b = report(&frames.clone()).to_json_string();
    assert_eq!(a.as_bytes(), b.as_bytes());
    assert!(a.contains("\"format\": \"circletake.report\""));
    let back = ClipReport::from_json_str(&a).expect("reads its own output");
    assert_eq!(back.to_json_string(), a);
}

#[test]
fn other_versions_and_garbage_are_clear_errors() {
    let json = report(&shots(50, &[])).to_json_string();
    let newer = json.replacen("\"version\": 1", "\"version\": 99", 1);
    match ClipReport::from_json_str(&newer) {
        Err(e @ ReportError::UnsupportedVersion { found: 99, .. }) => {
            assert!(e.to_string().contains("version 99"))
        }
        other => panic!("{other:?}"),
    }
    let other = json.replacen("circletake.report", "something.else", 1);
    assert!(matches!(
        ClipReport::from_json_str(&other),
        Err(ReportError::WrongFormat { .. })
    ));
    assert!(matches!(
        ClipReport::from_json_str("{not json"),
        Err(ReportError::Invalid(_))
    ));
    let truncated = &json[..json.len() / 2];
    assert!(ClipReport::from_json_str(truncated).is_err());
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    let r = report(&[]);
    assert!(r.shots.is_empty() && r.frames.is_empty());
    let mut frames = shots(30, &[]);
    frames[10].focus = f32::NAN;
    frames[11].motion_dx = f32::INFINITY;
    let r = build_report(
        &frames,
        FrameRate { num: 0, den: 0 },
        &ReportOptions::default(),
    );
    assert_eq!(r.shots.len(), 1);
    assert!(ClipReport::from_json_str(&r.to_json_string()).is_ok());
}
