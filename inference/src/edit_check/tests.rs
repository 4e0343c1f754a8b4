//! Unit tests of the decision on synthetic signals: every issue kind, the roll
//! chosen, missing frames, determinism and the report's JSON.

use super::*;
use crate::shots::testutil::{face, frames_with};
use crate::signals::FrameRate;

const RATE: FrameRate = FrameRate { num: 25, den: 1 };
const EDIT: EditPoint = EditPoint {
    out_frame: 40,
    in_frame: 100,
};

/// A unit-norm 16x9 layout: a smooth pattern set by `phase` (different phases give
/// different framings).
fn layout(phase: f32) -> Vec<f32> {
    let mut v: Vec<f32> = (0..144)
        .map(|i| {
            let (x, y) = ((i % 16) as f32, (i / 16) as f32);
            (0.4 * x + phase).sin() + (0.7 * y + 2.0 * phase).cos()
        })
        .collect();
    crate::assemble::descriptor::normalise_layout(&mut v);
    v
}

/// Frames `first..=last` of one clip (plain, steady, sharp, neutral grey looks),
/// each edited by `edit(frame, signals, look)`.
fn side(
    first: i64,
    last: i64,
    phase: f32,
    mut edit: impl FnMut(i64, &mut FrameSignals, &mut FrameLook),
) -> SideFrames {
    let n = (last - first + 1) as usize;
    let mut looks = Vec::new();
    let signals = frames_with(n, |i, f| {
        f.frame = first + i as i64;
        f.cut_prob = Some(0.01);
        f.transition_prob = Some(0.01);
        let mut look = FrameLook {
            frame: f.frame,
            layout: layout(phase),
            oklab: [0.6, 0.0, 0.0],
            luma_mean: f.luma_mean,
        };
        edit(f.frame, f, &mut look);
        look.luma_mean = f.luma_mean;
        looks.push(look);
    });
    SideFrames { signals, looks }
}

/// Outgoing and incoming with the default window, edited per frame.
fn pair(
    out_edit: impl FnMut(i64, &mut FrameSignals, &mut FrameLook),
    in_edit: impl FnMut(i64, &mut FrameSignals, &mut FrameLook),
) -> (SideFrames, SideFrames) {
    let o = EditCheckOptions::default();
    let (a, b) = o.outgoing_frames(EDIT);
    let (c, d) = o.incoming_frames(EDIT);
    (side(a, b, 0.0, out_edit), side(c, d, 2.0, in_edit))
}

fn none(_: i64, _: &mut FrameSignals, _: &mut FrameLook) {}

fn check(sides: &(SideFrames, SideFrames)) -> EditReport {
    check_edit(&sides.0, &sides.1, EDIT, RATE, &EditCheckOptions::default())
}

fn kinds(r: &EditReport) -> Vec<IssueKind> {
    r.issues.iter().map(|i| i.kind).collect()
}

/// A face with eyes open except on `closed` frames (openness 0.05).
fn eyes(closed: &'static [i64]) -> impl FnMut(i64, &mut FrameSignals, &mut FrameLook) {
    move |f, s, _| {
        let open = if closed.contains(&f) { 0.05 } else { 0.9 };
        s.faces = vec![face(0.5, 0.4, 0.3, Some(open), 5.0)];
        s.faces_analyzed = true;
    }
}

#[test]
fn a_clean_edit_is_clean() {
    let r = check(&pair(eyes(&[]), eyes(&[])));
    assert_eq!(r.verdict, Verdict::Clean, "{:#?}", r.issues);
    assert!(r.issues.is_empty() && r.suggestion.is_none());
    assert_eq!(r.shifts.len(), 13);
    assert!(r.shifts.iter().all(|s| s.cost.is_some()));
    assert!(r.framing_similarity < 0.7, "{}", r.framing_similarity);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    // Faces on every 2nd frame only (fast quality): a note says blinks can be missed.
    let every_other = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        s.faces_analyzed = f % 2 == 0;
        if s.faces_analyzed {
            s.faces = vec![face(0.5, 0.4, 0.3, Some(0.9), 5.0)];
        }
    };
    let r = check(&pair(every_other, none));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("faces measured on 52% of the frames")),
        "{:?}",
        r.notes
    );
    // Without faces the note says blinks were not checked.
    let r = check(&pair(none, none));
    assert_eq!(r.verdict, Verdict::Clean);
    assert!(
        r.notes.iter().any(|n| n.contains("blinks")),
        "{:?}",
        r.notes
    );
}

#[test]
fn eyes_closed_on_the_last_outgoing_frame_moves_the_cut() {
    let r = check(&pair(eyes(&[40]), eyes(&[])));
    assert_eq!(kinds(&r), [IssueKind::EyesClosed]);
    assert_eq!(r.issues[0].side, Some(Side::Outgoing));
    assert_eq!(r.issues[0].frame, Some(40));
    assert_eq!(r.verdict, Verdict::MoveEdit);
    let s = r.suggestion.as_ref().unwrap();
    // Frame 39 reads open, but next to the closed frame its lids are moving: two
    // frames earlier is the nearest clean cut.
    assert_eq!(s.shift, -2);
    assert_eq!(
        s.reason,
        "cut 2 frames earlier: eyes closed on outgoing frame 40"
    );
    assert_eq!(s.edit, EDIT.rolled(-2));
    assert_eq!(s.fixes, [IssueKind::EyesClosed]);
    // A blink two frames before the cut is a (smaller) blink issue; rolling later
    // keeps it in view, earlier removes it.
    let r = check(&pair(eyes(&[37, 38]), eyes(&[])));
    assert_eq!(kinds(&r), [IssueKind::Blink]);
    assert!(r.issues[0].severity < 1.0);
    assert_eq!(r.issues[0].frame, Some(38));
    let s = r.suggestion.unwrap();
    assert!(s.shift <= -3 || s.shift >= 1, "{s:?}");
    assert_eq!(
        r.shifts.iter().find(|c| c.shift == 0).unwrap().issues,
        [IssueKind::Blink]
    );
}

#[test]
fn opening_on_closed_eyes_moves_the_cut_later() {
    let r = check(&pair(eyes(&[]), eyes(&[98, 99, 100, 101])));
    assert_eq!(kinds(&r), [IssueKind::EyesClosed]);
    assert_eq!(r.issues[0].message, "eyes closed on incoming frame 100");
    let s = r.suggestion.unwrap();
    assert_eq!(s.shift, 3);
    assert_eq!(
        s.reason,
        "cut 3 frames later: eyes closed on incoming frame 100"
    );
}

#[test]
fn a_cut_inside_a_whip_pan_or_on_a_smeared_frame() {
    let whip = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        if (38..=42).contains(&f) {
            s.motion_dx = 80.0;
            s.focus = 5.0;
        }
    };
    let r = check(&pair(whip, none));
    assert_eq!(kinds(&r), [IssueKind::WhipPan]);
    let s = r.suggestion.unwrap();
    assert!(s.shift <= -3 || s.shift >= 3, "{s:?}");
    assert!(
        s.reason.ends_with("whip-pan on outgoing frame 40"),
        "{}",
        s.reason
    );
    // A single smeared frame (focus 10% of the shot's) without fast measured motion.
    let smear = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        if f == 100 {
            s.focus = 5.0;
        }
    };
    let r = check(&pair(none, smear));
    assert_eq!(kinds(&r), [IssueKind::MotionBlur]);
    assert!(r.issues[0].message.contains("incoming frame 100"));
    // Either neighbour is as good; the earlier one wins the tie.
    assert_eq!(r.suggestion.unwrap().shift, -1);
}

#[test]
fn flash_frames_at_the_edit() {
    // A two-frame flash in the outgoing source on its last two frames shown (its
    // washed-out frames measure soft: that is the flash, not motion blur).
    let flash = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        if f == 39 || f == 40 {
            s.luma_mean = 0.9;
            s.focus = 5.0;
        }
        if f == 39 || f == 41 {
            s.diff_prev = 0.45;
        }
    };
    let r = check(&pair(flash, none));
    assert!(kinds(&r).contains(&IssueKind::Flash), "{:#?}", r.issues);
    // Nor is the flash an exposure jump: the shots either side match.
    assert_eq!(kinds(&r), [IssueKind::Flash], "{:#?}", r.issues);
    assert!(r.exposure_change < -0.4, "the cut frames themselves differ");
    let s = r.suggestion.unwrap();
    // Two frames earlier the flash (39, 40) is no longer shown.
    assert_eq!(s.shift, -2, "{s:?}");
    assert_eq!(
        s.reason,
        "cut 2 frames earlier: flash frame on outgoing frame 40"
    );
    // The source brightens for good on the last outgoing frame (a light switched on,
    // no flash in the clip), but the incoming shot is as dark as before: the edit
    // makes a one-frame flash.
    let step = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        if f >= 40 {
            s.luma_mean = 0.8;
        }
        if f == 40 {
            s.diff_prev = 0.35;
        }
    };
    let r = check(&pair(step, none));
    assert_eq!(kinds(&r), [IssueKind::Flash], "{:#?}", r.issues);
    assert_eq!(r.issues[0].frame, Some(40));
}

#[test]
fn jump_cuts_are_for_review_and_not_rolled() {
    let o = EditCheckOptions::default();
    let (a, b) = o.outgoing_frames(EDIT);
    let (c, d) = o.incoming_frames(EDIT);
    let sides = (side(a, b, 0.0, none), side(c, d, 0.05, none));
    let r = check(&sides);
    assert_eq!(kinds(&r), [IssueKind::JumpCut]);
    assert!(r.framing_similarity > 0.95);
    assert_eq!(r.verdict, Verdict::Review);
    assert!(r.suggestion.is_none());
    assert!(r.issues[0].side.is_none() && r.issues[0].frame.is_none());
    // Every roll carries it.
    assert!(r.shifts.iter().all(|s| s.issues == [IssueKind::JumpCut]));
}

#[test]
fn exposure_and_colour_jumps() {
    let bright = |_: i64, s: &mut FrameSignals, _: &mut FrameLook| s.luma_mean = 0.7;
    let r = check(&pair(none, bright));
    assert_eq!(kinds(&r), [IssueKind::ExposureJump]);
    assert!((r.exposure_change - 0.25).abs() < 1e-4);
    assert!(
        r.issues[0].message.contains("brighter"),
        "{}",
        r.issues[0].message
    );
    assert_eq!(r.verdict, Verdict::Review);
    // Dark pictures: 0.10 to 0.20 is a small luma change but over 2 stops.
    let dark = |_: i64, s: &mut FrameSignals, _: &mut FrameLook| s.luma_mean = 0.10;
    let darker = |_: i64, s: &mut FrameSignals, _: &mut FrameLook| s.luma_mean = 0.20;
    assert_eq!(
        kinds(&check(&pair(dark, darker))),
        [IssueKind::ExposureJump]
    );
    // A cut to black is a choice.
    let black = |_: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        s.luma_mean = 0.01;
        s.crushed_shadows = 0.95;
    };
    assert!(check(&pair(none, black)).issues.is_empty());
    // An incoming side that settles (auto exposure) after 5 frames: roll later past
    // it (+2..+4 would leave a 1-3 frame bright burst in the cut: a flash).
    let settles = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        s.luma_mean = if f < 105 { 0.75 } else { 0.47 };
    };
    let r = check(&pair(none, settles));
    assert_eq!(kinds(&r), [IssueKind::ExposureJump]);
    assert_eq!(r.suggestion.unwrap().shift, 5);
    let at = |s: i32| {
        r.shifts
            .iter()
            .find(|c| c.shift == s)
            .unwrap()
            .issues
            .clone()
    };
    assert!(at(3).contains(&IssueKind::Flash), "{:?}", at(3));
    // Colour: a warm grade on the incoming side.
    let warm = |_: i64, _: &mut FrameSignals, l: &mut FrameLook| l.oklab = [0.6, 0.04, 0.05];
    let r = check(&pair(none, warm));
    assert_eq!(kinds(&r), [IssueKind::ColourJump]);
    assert!((r.colour_change - 0.0640).abs() < 1e-3);
}

/// A hard cut in the source at `cut` (its first frame): TransNetV2 peak and a big difference.
fn source_cut(cut: i64) -> impl FnMut(i64, &mut FrameSignals, &mut FrameLook) {
    move |f, s, l| {
        if f == cut {
            s.cut_prob = Some(0.99);
            s.diff_prev = 0.3;
            s.motion_confidence = 0.01;
        }
        if f >= cut {
            l.layout = layout(4.0);
        }
    }
}

#[test]
fn rolls_never_cross_a_source_cut() {
    // The outgoing source cuts to another shot 3 frames after the edit.
    let r = check(&pair(source_cut(43), none));
    assert_eq!(r.verdict, Verdict::Clean);
    for s in &r.shifts {
        assert_eq!(s.cost.is_some(), s.shift <= 2, "{s:?}");
    }
    assert!(
        r.notes
            .iter()
            .any(|n| n == "rolls +3..+6 not possible: the outgoing source has a cut at frame 43"),
        "{:?}",
        r.notes
    );
    // The last two outgoing frames already belong to the next shot: a source cut issue.
    let r = check(&pair(source_cut(39), none));
    assert_eq!(kinds(&r), [IssueKind::SourceCut]);
    assert_eq!(
        r.issues[0].message,
        "2 frames of the next shot from outgoing frame 39"
    );
    let s = r.suggestion.unwrap();
    assert_eq!(s.shift, -2);
    assert_eq!(
        s.reason,
        "cut 2 frames earlier: 2 frames of the next shot from outgoing frame 39"
    );
    // A flash on the first two incoming frames (no frame before them to show it is
    // one) ends in what the shot model calls a cut; the same framing on both sides
    // of it says it is a change of light, not another shot.
    let flash_start = |f: i64, s: &mut FrameSignals, _: &mut FrameLook| {
        if f <= 87 {
            s.luma_mean = 0.9;
        }
        if f == 88 {
            s.cut_prob = Some(0.99);
            s.diff_prev = 0.45;
        }
    };
    let (o, mut i) = pair(none, flash_start);
    i.signals.retain(|f| f.frame >= 86);
    i.looks.retain(|f| f.frame >= 86);
    let edit = EditPoint {
        out_frame: 40,
        in_frame: 86,
    };
    let r = check_edit(&o, &i, edit, RATE, &EditCheckOptions::default());
    assert!(
        !kinds(&r).contains(&IssueKind::SourceCut),
        "{:#?}",
        r.issues
    );
    assert!(kinds(&r).contains(&IssueKind::Flash), "{:#?}", r.issues);
    assert_eq!(r.suggestion.unwrap().shift, 2);
    // The incoming clip shows one frame of the shot before its own.
    let r = check(&pair(none, source_cut(101)));
    assert_eq!(kinds(&r), [IssueKind::SourceCut]);
    assert_eq!(r.suggestion.unwrap().shift, 1);
}

#[test]
fn missing_frames_limit_the_rolls() {
    // No outgoing handles after the edit, incoming from frame 97 only.
    let (mut o, mut i) = pair(eyes(&[40]), none);
    o.signals.retain(|f| f.frame <= 40);
    o.looks.retain(|f| f.frame <= 40);
    i.signals.retain(|f| f.frame >= 97);
    let r = check_edit(&o, &i, EDIT, RATE, &EditCheckOptions::default());
    for s in &r.shifts {
        assert_eq!(s.cost.is_some(), (-3..=0).contains(&s.shift), "{s:?}");
    }
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("rolls +1..+6 not possible: no outgoing frame after 40")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("rolls -4..-6 not possible: no incoming frame before 97")),
        "{:?}",
        r.notes
    );
    assert_eq!(r.suggestion.unwrap().shift, -2);
    // A hole in the outgoing frames cuts the run: frames beyond it are not used.
    let (mut o, i) = pair(none, none);
    o.signals.retain(|f| f.frame != 43);
    let r = check_edit(&o, &i, EDIT, RATE, &EditCheckOptions::default());
    assert!(r.shifts.iter().all(|s| s.cost.is_some() == (s.shift <= 2)));
    // Without the edit frame itself nothing can be checked.
    let (mut o, i) = pair(none, none);
    o.signals.retain(|f| f.frame != 40);
    let r = check_edit(&o, &i, EDIT, RATE, &EditCheckOptions::default());
    assert_eq!(r.verdict, Verdict::Review);
    assert!(r.shifts.iter().all(|s| s.cost.is_none()));
    assert!(
        r.notes[0].contains("outgoing frame 40 was not measured"),
        "{:?}",
        r.notes
    );
}

#[test]
fn the_report_is_deterministic_and_round_trips() {
    let sides = pair(eyes(&[40]), eyes(&[]));
    let a = check(&sides);
    // Frames in any order give the same report.
    let mut shuffled = sides.clone();
    shuffled.0.signals.reverse();
    shuffled.1.looks.reverse();
    let b = check(&shuffled);
    assert_eq!(a, b);
    let json = a.to_json();
    assert_eq!(json, b.to_json());
    assert!(json.contains("\"format\": \"circletake.edit_check\""));
    let back = EditReport::from_json_str(&json).unwrap();
    assert_eq!(back.to_json(), json);
    assert_eq!(back.suggestion, a.suggestion);
    let other = json.replace("circletake.edit_check", "circletake.report");
    assert!(matches!(
        EditReport::from_json_str(&other),
        Err(EditReportError::WrongFormat { .. })
    ));
    let newer = json.replace("\"version\": 1", "\"version\": 2");
    assert!(matches!(
        EditReport::from_json_str(&newer),
        Err(EditReportError::UnsupportedVersion { found: 2, .. })
    ));
    assert!(matches!(
        EditReport::from_json_str("{\"format\": \"circletake.edit_check\""),
        Err(EditReportError::Invalid(_))
    ));
    // Options written by an older build (no `check` thresholds) still read.
    let opts: EditCheckOptions = serde_json::from_str("{\"max_shift\": 4}").unwrap();
    assert_eq!(opts.check, EditThresholds::default());
    assert_eq!(opts.max_shift, 4);
}
