//! The cases' truth without FFmpeg: deterministic, round-trips, consistent, and
//! [`check_expect`] tells right reports from wrong ones.

use super::*;
use crate::edit_check::{
    EditCheckOptions, EditIssue, EditReport, EditSuggestion, ShiftCost, EDIT_REPORT_FORMAT,
    EDIT_REPORT_VERSION,
};

fn truth(name: &str) -> EditTruth {
    case_truths()
        .into_iter()
        .find(|t| t.name == name)
        .expect("case exists")
}

fn case(name: &str) -> EditCase {
    EditCase::from_truth(truth(name), Path::new("/nowhere")).expect("known case")
}

fn report(edit: EditPoint, verdict: Verdict) -> EditReport {
    let options = EditCheckOptions::default();
    let k = options.max_shift as i32;
    EditReport {
        format: EDIT_REPORT_FORMAT.into(),
        version: EDIT_REPORT_VERSION,
        outgoing: None,
        incoming: None,
        edit,
        frame_rate: FrameRate { num: 25, den: 1 },
        options,
        verdict,
        issues: Vec::new(),
        suggestion: None,
        shifts: (-k..=k)
            .map(|shift| ShiftCost {
                shift,
                cost: Some(0.0),
                issues: Vec::new(),
            })
            .collect(),
        framing_similarity: 0.2,
        exposure_change: 0.0,
        colour_change: 0.0,
        notes: Vec::new(),
    }
}

fn issue(kind: IssueKind, side: Option<Side>, frame: Option<i64>) -> EditIssue {
    EditIssue {
        kind,
        side,
        frame,
        severity: 0.8,
        message: format!("{} here", kind.name()),
    }
}

fn suggest(r: &mut EditReport, shift: i32, fixes: &[IssueKind]) {
    r.suggestion = Some(EditSuggestion {
        shift,
        edit: r.edit.rolled(shift),
        fixes: fixes.to_vec(),
        reason: format!("cut {shift} frames"),
    });
    r.verdict = Verdict::MoveEdit;
}

#[test]
fn truths_are_deterministic_and_round_trip() {
    let a = case_truths();
    assert_eq!(a, case_truths());
    let names: Vec<&str> = a.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, CASE_NAMES);
    let dir = std::env::temp_dir().join(format!("circletake-edits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for t in &a {
        let path = dir.join(format!("{}.edit.json", t.name));
        write_truth_file(t, &path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), t.to_json());
        let back = EditCase::load(&path).unwrap();
        assert_eq!(&back.truth, t);
        assert_eq!(back.outgoing, dir.join(&t.outgoing.file));
        assert_eq!(back.name, t.name);
    }
    // Wrong format, version and case name are refused, naming the file.
    let path = dir.join("clean_cut.edit.json");
    for (from, to) in [
        (EDIT_TRUTH_FORMAT, "circletake.other"),
        ("\"version\": 1", "\"version\": 99"),
        ("\"name\": \"clean_cut\"", "\"name\": \"made_up\""),
    ] {
        let text = truth("clean_cut").to_json().replace(from, to);
        std::fs::write(&path, text).unwrap();
        let err = EditTruth::read(&path).unwrap_err();
        assert!(matches!(err, TestSetError::BadTruth { .. }), "{err}");
    }
    std::fs::write(&path, "{ not json").unwrap();
    assert!(EditTruth::read(&path).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cases_fit_their_clips() {
    let options = EditCheckOptions::default();
    for t in case_truths() {
        assert_eq!(
            (t.outgoing.width, t.outgoing.height),
            (t.incoming.width, t.incoming.height),
            "{}: both sides the same size",
            t.name
        );
        for side in [Side::Outgoing, Side::Incoming] {
            let s = t.side(side);
            // Every roll the check may suggest has its frames (context may run short
            // at a clip's end, as in source_cut_nearby).
            let k = i64::from(options.max_shift);
            let edit_frame = match side {
                Side::Outgoing => t.edit.out_frame,
                Side::Incoming => t.edit.in_frame,
            };
            for shift in -k..=k {
                let f = edit_frame + shift;
                let blocked = t.expect.blocked.contains(&(shift as i32));
                assert!(
                    (f >= 0 && f < s.frame_count as i64) || blocked,
                    "{} {}: roll {shift} needs frame {f}: in the clip, or blocked",
                    t.name,
                    side.name()
                );
            }
            let (first, last) = options.frames(side, t.edit);
            let short = first < 0 || last >= s.frame_count as i64;
            let documented = matches!(
                (t.name.as_str(), side),
                ("source_cut_nearby", Side::Outgoing) | ("flash_at_in_no_handles", Side::Incoming)
            );
            assert_eq!(
                short,
                documented,
                "{} {}: the check's context {first}..={last} is in the clip",
                t.name,
                side.name()
            );
            if let Some((a, b)) = s.effect.frames() {
                assert!(a >= 0 && b < s.frame_count as i64, "{}", t.name);
            }
        }
        for at in &t.expect.located {
            assert!(at.first <= at.last && at.first >= 0, "{}", t.name);
        }
        assert!(!t.description.is_empty());
    }
}

#[test]
fn check_expect_accepts_the_answer_and_names_each_miss() {
    let clean = case("clean_cut");
    let mut r = report(clean.edit, Verdict::Clean);
    assert_eq!(check_expect(&clean, &r), Ok(()));
    r.issues.push(issue(IssueKind::JumpCut, None, None));
    r.verdict = Verdict::Review;
    let err = check_expect(&clean, &r).unwrap_err();
    assert!(
        err.contains("clean_cut") && err.contains("jump cut reported"),
        "{err}"
    );
    assert!(err.contains("verdict Review"), "{err}");

    let blink = case("blink_at_out");
    let mut r = report(blink.edit, Verdict::Review);
    assert!(check_expect(&blink, &r)
        .unwrap_err()
        .contains("blink not reported"));
    // Eyes closed stands for a blink; the right side and frame are needed.
    r.issues
        .push(issue(IssueKind::EyesClosed, Some(Side::Incoming), Some(20)));
    let err = check_expect(&blink, &r).unwrap_err();
    assert!(err.contains("outgoing side"), "{err}");
    r.issues[0].side = Some(Side::Outgoing);
    let err = check_expect(&blink, &r).unwrap_err();
    assert!(err.contains("suggested roll None"), "{err}");
    suggest(&mut r, 1, &[IssueKind::EyesClosed]);
    assert!(
        check_expect(&blink, &r).is_err(),
        "a roll of one frame stays on the blink"
    );
    suggest(&mut r, -3, &[]);
    let err = check_expect(&blink, &r).unwrap_err();
    assert!(err.contains("does not fix the blink"), "{err}");
    suggest(&mut r, -3, &[IssueKind::EyesClosed]);
    assert_eq!(check_expect(&blink, &r), Ok(()));
    r.edit = r.edit.rolled(1);
    assert!(check_expect(&blink, &r)
        .unwrap_err()
        .contains("report is for edit"));

    let whip = case("whip_pan_at_cut");
    let mut r = report(whip.edit, Verdict::MoveEdit);
    r.issues
        .push(issue(IssueKind::MotionBlur, Some(Side::Outgoing), Some(21)));
    for (shift, ok) in [(-4, true), (-3, false), (4, false), (5, true)] {
        suggest(&mut r, shift, &[IssueKind::MotionBlur]);
        assert_eq!(check_expect(&whip, &r).is_ok(), ok, "roll {shift}");
    }

    let near = case("source_cut_nearby");
    let mut r = report(near.edit, Verdict::Clean);
    assert!(check_expect(&near, &r)
        .unwrap_err()
        .contains("roll +3 must be impossible"));
    for c in r.shifts.iter_mut().filter(|c| c.shift >= 3) {
        c.cost = None;
    }
    assert_eq!(check_expect(&near, &r), Ok(()));
    suggest(&mut r, 2, &[]);
    assert_eq!(check_expect(&near, &r), Ok(()));
    suggest(&mut r, 3, &[]);
    assert!(check_expect(&near, &r).is_err());
}
