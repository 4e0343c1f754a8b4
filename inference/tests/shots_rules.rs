//! Clip-level rules on synthetic per-frame signals with known answers: cuts, flashes,
//! fades, whip-pans, scores, ranking, and the report's determinism and versioning.

mod shots_common;

use circletake_inference::report::{build_report, ClipReport, ReportError, ReportOptions};
use circletake_inference::shots::{rank_takes, BoundarySource, FlagKind, TransitionKind};
use circletake_inference::FrameRate;
use shots_common::*;

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
    println!("{}", ranking.summary);
    let order: Vec<&str> = ranking.takes.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(order[0], "t3.mov", "{}", ranking.summary);
    assert_eq!(order[3], "t2.mov", "{}", ranking.summary);
    assert!(
        ranking.summary.starts_with("t3.mov ranks first:"),
        "{}",
        ranking.summary
    );
    let t1 = ranking.takes.iter().find(|t| t.label == "t1.mov").unwrap();
    assert!(t1.focus_adjust < -10.0 && t1.problems[0].starts_with("softer focus"));
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

#[test]
fn gaps_and_disorder_in_the_frame_numbers_are_handled() {
    let frames = shots(120, &[60]);
    // Frames 40..50 were never analysed; the rest arrive shuffled with a duplicate.
    let mut given: Vec<_> = frames
        .iter()
        .filter(|f| !(40..50).contains(&f.frame))
        .cloned()
        .collect();
    given.reverse();
    given.push(frames[5].clone());
    let r = report(&given);
    assert_eq!(r.frame_count, 120);
    assert!(r
        .frames
        .iter()
        .enumerate()
        .all(|(i, f)| f.frame == i as i64));
    assert!(!r.frames[45].analyzed && r.frames[45].shot.is_none() && r.frames[45].score == 0.0);
    assert_eq!(r.gaps.len(), 1);
    assert_eq!((r.gaps[0].start, r.gaps[0].end), (40, 50));
    assert!(r.transitions.is_empty());
    let spans: Vec<(i64, i64)> = r.shots.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(spans, vec![(0, 40), (50, 60), (60, 120)]);
    assert_eq!(cut_frames(&r), vec![60]);
    // Frame numbers need not start at 0.
    let mut late = shots(80, &[40]);
    late.iter_mut().for_each(|f| f.frame += 1000);
    let r = report(&late);
    assert_eq!((r.first_frame, cut_frames(&r)), (1000, vec![1040]));
    assert_eq!(r.shots[1].trim.out_frame, 1080);
}
