//! Trim suggestions and best segments on synthetic per-frame signals with known answers.

mod shots_common;

use circletake_inference::report::{build_report, ReportOptions};
use circletake_inference::shots::{FlagKind, TransitionKind};
use circletake_inference::FrameRate;
use shots_common::*;

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
fn a_blink_right_after_the_in_point_moves_the_in_point() {
    let mut frames = shots(120, &[]);
    with_face(&mut frames, 3..6);
    let r = report(&frames);
    let s = &r.shots[0];
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::BlinkAtIn));
    assert!(s.trim.in_frame >= 6, "{:?}", s.trim);
    assert!(s.trim.reasons.iter().any(|x| x.contains("after a blink")));
    // A blink in the middle of the take is flagged but leaves the trim alone.
    let mut frames = shots(120, &[]);
    with_face(&mut frames, 60..63);
    let r = report(&frames);
    let s = &r.shots[0];
    assert_eq!((s.trim.in_frame, s.trim.out_frame), (0, 120));
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::Blink));
    assert!(!s
        .flags
        .iter()
        .any(|f| f.kind == FlagKind::BlinkAtIn || f.kind == FlagKind::BlinkAtOut));
    assert!(r.frames[61].blink && r.frames[61].score < 50.0);
}

#[test]
fn the_in_point_is_not_put_mid_pan_and_a_whip_pan_head_is_dropped() {
    let mut frames = shots(150, &[]);
    for f in &mut frames[..30] {
        f.motion_dx = 6.0;
    }
    let r = report(&frames);
    let s = &r.shots[0];
    assert!(r.frames[5].pan);
    assert!((28..=40).contains(&s.trim.in_frame), "{:?}", s.trim);
    assert!(
        s.trim.reasons.iter().any(|x| x.contains("not mid-motion")),
        "{:?}",
        s.trim
    );

    let mut frames = shots(150, &[]);
    for f in &mut frames[..8] {
        f.motion_dx = 70.0;
        f.diff_prev = 0.15;
    }
    let r = report(&frames);
    let s = &r.shots[0];
    assert!(s.flags.iter().any(|f| f.kind == FlagKind::WhipPan));
    assert!((8..=14).contains(&s.trim.in_frame), "{:?}", s.trim);
}

#[test]
fn reasons_carry_drop_frame_timecode_at_29_97() {
    let mut frames = shots(2000, &[]);
    for f in &mut frames[1790..1802] {
        make_black(f);
    }
    frames[1802].diff_prev = 0.3;
    let rate = FrameRate {
        num: 30000,
        den: 1001,
    };
    let r = build_report(&frames, rate, &ReportOptions::default());
    let after = r
        .shots
        .iter()
        .find(|s| s.start == 1802)
        .expect("shot after the black");
    // Frame 1800 is 00:01:00;02 in drop-frame (labels ;00 and ;01 are skipped).
    assert!(
        after.trim.reasons[0].starts_with("in at 00:01:00;04"),
        "{:?}",
        after.trim.reasons
    );
    let t = r
        .transitions
        .iter()
        .find(|t| t.kind == TransitionKind::Black)
        .unwrap();
    assert_eq!((t.range.start, t.range.end), (1790, 1802));
    assert_eq!(
        circletake_inference::timecode::frame_to_timecode(1802, rate),
        "00:01:00;04"
    );
}

#[test]
fn a_trim_that_would_leave_too_little_is_undone_alone() {
    // 50 frames (2 s): a shaky head and a soft tail. Both trims would leave less than
    // `min_trim_s` (1 s), so only the second one is undone.
    let mut frames = shots(50, &[]);
    for (i, f) in frames[..10].iter_mut().enumerate() {
        f.motion_dx = if i % 2 == 0 { 8.0 } else { -8.0 };
    }
    for f in &mut frames[35..] {
        f.focus = 4.0;
    }
    let r = report(&frames);
    let s = &r.shots[0];
    assert!((8..=17).contains(&s.trim.in_frame), "{:?}", s.trim);
    assert_eq!(s.trim.out_frame, 50, "{:?}", s.trim);
    assert!(s
        .trim
        .reasons
        .iter()
        .any(|x| x.contains("too little would remain")));
}
