//! Checks of a finished `ct_edit_report` through every accessor: the
//! documented statuses (NULL arguments, out-of-range indices, the text
//! protocol), values in their documented ranges, and the JSON (parsed as an
//! `EditReport`) agreeing with the accessors and with what was pushed.

use crate::abi::{self, status};
use crate::check::expect;
use crate::text;
use circletake_inference::edit_check::{EditReport, IssueKind, Side, Verdict};
use std::collections::BTreeSet;

/// What the check was given.
#[derive(Debug)]
pub struct EditInput {
    pub rate: (u32, u32),
    pub out_frame: i64,
    pub in_frame: i64,
    /// The `max_shift` in effect (the default for a negative one).
    pub max_shift: i64,
    /// Frames accepted per side (`Side as usize`: outgoing 0, incoming 1).
    pub pushed: [BTreeSet<i64>; 2],
}

impl EditInput {
    fn has(&self, side: Side, frame: i64) -> bool {
        self.pushed[side as usize].contains(&frame)
    }

    /// Whether roll `s` can be checked by the documented rule: every frame it
    /// shows that the edit as placed does not, and both its edit frames, were
    /// pushed.
    fn roll_possible(&self, s: i64) -> bool {
        let (o, i) = (self.out_frame, self.in_frame);
        let shown = if s > 0 {
            (o + 1..=o + s).all(|f| self.has(Side::Outgoing, f))
        } else {
            (i + s..i).all(|f| self.has(Side::Incoming, f))
        };
        shown && self.has(Side::Outgoing, o + s) && self.has(Side::Incoming, i + s)
    }
}

/// The header's `ct_edit_issue_kind` value of `kind`.
fn kind_value(kind: IssueKind) -> i32 {
    match kind {
        IssueKind::Blink => 0,
        IssueKind::EyesClosed => 1,
        IssueKind::WhipPan => 2,
        IssueKind::MotionBlur => 3,
        IssueKind::Flash => 4,
        IssueKind::JumpCut => 5,
        IssueKind::ExposureJump => 6,
        IssueKind::ColourJump => 7,
        IssueKind::SourceCut => 8,
    }
}

/// JSON floats are rounded to 4 decimals (non-finite as 0).
fn close(json: f32, value: f32, what: &str) {
    assert!(value.is_finite(), "{what}: {value} is not finite");
    assert!(
        (json - value).abs() <= 6e-5 + 1e-6 * value.abs(),
        "{what}: JSON {json} vs accessor {value}"
    );
}

/// Runs every accessor on `report` (a live report); `index` and `len` are fuzzed.
pub fn check(report: abi::EditReport, input: &EditInput, index: usize, len: usize) {
    let json = json(report, len);
    let r = EditReport::from_json_str(&json)
        .unwrap_or_else(|e| panic!("ct_edit_report_json does not read back: {e}\n{json}"));
    if std::env::var_os("CIRCLETAKE_FUZZ_TRACE").is_some() {
        // For writing seeds: what a program's edit came to.
        let issues: Vec<&str> = r.issues.iter().map(|i| i.message.as_str()).collect();
        let costed = r.shifts.iter().filter(|s| s.cost.is_some()).count();
        eprintln!(
            "edit report: {:?}, issues {issues:?}, suggestion {:?}, {costed} of {} rolls costed",
            r.verdict,
            r.suggestion.as_ref().map(|s| &s.reason),
            r.shifts.len()
        );
    }
    verdict(report, &r);
    suggestion(report, &r, input, len);
    issues(report, &r, input, index, len);
    measures(report, &r);
    agrees_with_input(&r, input);
    // NULL report everywhere.
    let null = std::ptr::null_mut();
    let mut n = 0usize;
    // SAFETY: a NULL report is allowed (and rejected); out-pointers writable.
    unsafe {
        expect(
            "ct_edit_report_issue_count(NULL)",
            abi::ct_edit_report_issue_count(null, &mut n),
            status::NULL_ARGUMENT,
        );
        expect(
            "ct_edit_report_json(NULL)",
            abi::ct_edit_report_json(null, std::ptr::null_mut(), 0, &mut n),
            status::NULL_ARGUMENT,
        );
        expect(
            "ct_edit_report_verdict(NULL)",
            abi::ct_edit_report_verdict(null, &mut 0),
            status::NULL_ARGUMENT,
        );
    }
}

fn json(report: abi::EditReport, len: usize) -> String {
    text::read(
        "ct_edit_report_json",
        // SAFETY: live report; buf NULL or `len` writable bytes; needed NULL or writable.
        |buf, len, needed| unsafe { abi::ct_edit_report_json(report, buf, len, needed) },
        len,
    )
}

fn verdict(report: abi::EditReport, r: &EditReport) {
    let mut v = -7;
    // SAFETY: live report, writable out.
    let got = unsafe { abi::ct_edit_report_verdict(report, &mut v) };
    expect("ct_edit_report_verdict", got, status::OK);
    let want = match r.verdict {
        Verdict::Clean => 0,
        Verdict::MoveEdit => 1,
        Verdict::Review => 2,
    };
    assert_eq!(v, want, "verdict vs JSON {:?}", r.verdict);
    // SAFETY: NULL out is allowed (and rejected).
    let got = unsafe { abi::ct_edit_report_verdict(report, std::ptr::null_mut()) };
    expect(
        "ct_edit_report_verdict(NULL out)",
        got,
        status::NULL_ARGUMENT,
    );
    // Documented meanings: Clean = nothing found; MoveEdit = a roll fixes the worst.
    assert_eq!(
        r.verdict == Verdict::Clean,
        r.issues.is_empty(),
        "verdict {:?} with {} issues",
        r.verdict,
        r.issues.len()
    );
    assert_eq!(
        r.verdict == Verdict::MoveEdit,
        r.suggestion.is_some(),
        "verdict {:?} vs suggestion {:?}",
        r.verdict,
        r.suggestion
    );
}

fn suggestion(report: abi::EditReport, r: &EditReport, input: &EditInput, len: usize) {
    let (mut shift, mut has) = (-99, false);
    // SAFETY: live report, writable outs.
    let got = unsafe { abi::ct_edit_report_suggested_shift(report, &mut shift, &mut has) };
    expect("ct_edit_report_suggested_shift", got, status::OK);
    // SAFETY: NULL outs are allowed (and rejected).
    unsafe {
        let got = abi::ct_edit_report_suggested_shift(report, &mut shift, std::ptr::null_mut());
        expect(
            "ct_edit_report_suggested_shift(NULL has)",
            got,
            status::NULL_ARGUMENT,
        );
        let got = abi::ct_edit_report_suggested_shift(report, std::ptr::null_mut(), &mut has);
        expect(
            "ct_edit_report_suggested_shift(NULL shift)",
            got,
            status::NULL_ARGUMENT,
        );
    }
    let reason = text::read(
        "ct_edit_report_reason",
        // SAFETY: live report; buf NULL or `len` writable bytes; needed NULL or writable.
        |buf, len, needed| unsafe { abi::ct_edit_report_reason(report, buf, len, needed) },
        len,
    );
    match &r.suggestion {
        None => {
            assert!(
                !has && shift == 0,
                "no suggestion but has {has}, shift {shift}"
            );
            assert!(reason.is_empty(), "reason {reason:?} without a suggestion");
        }
        Some(s) => {
            assert!(
                has && shift == s.shift,
                "shift {shift}/{has} vs JSON {}",
                s.shift
            );
            assert_eq!(reason, s.reason, "reason vs JSON");
            let k = i64::from(s.shift);
            assert!(
                k != 0 && k.abs() <= input.max_shift,
                "roll {k} outside 1..={}",
                input.max_shift
            );
            assert_eq!(
                (s.edit.out_frame, s.edit.in_frame),
                (input.out_frame + k, input.in_frame + k),
                "suggested edit is not the roll"
            );
            assert!(input.roll_possible(k), "roll {k} shows frames not pushed");
            let way = if k > 0 { "later" } else { "earlier" };
            assert!(
                reason.starts_with("cut ") && reason.contains(way),
                "reason {reason:?} for roll {k}"
            );
            assert!(!s.fixes.is_empty(), "a suggestion that fixes nothing");
            for f in &s.fixes {
                assert!(*f != IssueKind::JumpCut, "a roll cannot fix a jump cut");
                assert!(
                    r.issues.iter().any(|i| i.kind == *f),
                    "fixes {f:?}, not an issue at the edit"
                );
            }
        }
    }
}

fn issues(report: abi::EditReport, r: &EditReport, input: &EditInput, index: usize, len: usize) {
    let mut n = usize::MAX;
    // SAFETY: live report, writable count.
    let got = unsafe { abi::ct_edit_report_issue_count(report, &mut n) };
    expect("ct_edit_report_issue_count", got, status::OK);
    // SAFETY: NULL count is allowed (and rejected).
    let got = unsafe { abi::ct_edit_report_issue_count(report, std::ptr::null_mut()) };
    expect(
        "ct_edit_report_issue_count(NULL)",
        got,
        status::NULL_ARGUMENT,
    );
    assert_eq!(n, r.issues.len(), "issue count vs JSON");
    let mut previous = f32::INFINITY;
    for (i, j) in r.issues.iter().enumerate() {
        let mut c = abi::EditIssue {
            kind: -9,
            side: -9,
            frame: -9,
            has_frame: true,
            severity: -9.0,
        };
        // SAFETY: live report, writable issue.
        let got = unsafe { abi::ct_edit_report_issue(report, i, &mut c) };
        expect("ct_edit_report_issue", got, status::OK);
        let what = format!("issue {i} {c:?} ({j:?})");
        assert_eq!(c.kind, kind_value(j.kind), "{what}: kind");
        let side = match j.side {
            None => -1,
            Some(s) => s as i32,
        };
        assert_eq!(c.side, side, "{what}: side");
        assert_eq!(c.has_frame, j.frame.is_some(), "{what}: has_frame");
        assert_eq!(c.frame, j.frame.unwrap_or(0), "{what}: frame");
        assert!((0.0..=1.0).contains(&c.severity), "{what}: severity");
        close(j.severity, c.severity, &what);
        assert!(c.severity <= previous + 1e-6, "{what}: not worst first");
        previous = c.severity;
        let across = matches!(
            j.kind,
            IssueKind::JumpCut | IssueKind::ExposureJump | IssueKind::ColourJump
        );
        assert_eq!(across, j.side.is_none(), "{what}: side vs across the cut");
        if let (Some(s), Some(f)) = (j.side, j.frame) {
            assert!(input.has(s, f), "{what}: frame {f} was not pushed");
        } else {
            assert!(j.frame.is_none(), "{what}: a frame without a side");
        }
        let message = text::read(
            "ct_edit_report_issue_message",
            // SAFETY: live report; buf NULL or `len` writable bytes; needed NULL or writable.
            |buf, len, needed| unsafe {
                abi::ct_edit_report_issue_message(report, i, buf, len, needed)
            },
            len,
        );
        assert!(!message.is_empty(), "{what}: empty message");
        assert_eq!(message, j.message, "{what}: message vs JSON");
    }
    for bad in [n, n.saturating_add(index), usize::MAX] {
        let mut c = abi::EditIssue::default();
        // SAFETY: live report, writable issue.
        let got = unsafe { abi::ct_edit_report_issue(report, bad, &mut c) };
        expect(
            "ct_edit_report_issue(out of range)",
            got,
            status::OUT_OF_RANGE,
        );
        let mut needed = 0;
        // SAFETY: NULL buffer of length 0, writable needed.
        let got = unsafe {
            abi::ct_edit_report_issue_message(report, bad, std::ptr::null_mut(), 0, &mut needed)
        };
        expect(
            "ct_edit_report_issue_message(out of range)",
            got,
            status::OUT_OF_RANGE,
        );
    }
    if n > 0 {
        // SAFETY: NULL out is allowed (and rejected).
        let got = unsafe { abi::ct_edit_report_issue(report, index % n, std::ptr::null_mut()) };
        expect("ct_edit_report_issue(NULL)", got, status::NULL_ARGUMENT);
    }
}

fn measures(report: abi::EditReport, r: &EditReport) {
    let mut m = abi::EditMeasures::default();
    // SAFETY: live report, writable measures.
    let got = unsafe { abi::ct_edit_report_measures(report, &mut m) };
    expect("ct_edit_report_measures", got, status::OK);
    // SAFETY: NULL out is allowed (and rejected).
    let got = unsafe { abi::ct_edit_report_measures(report, std::ptr::null_mut()) };
    expect("ct_edit_report_measures(NULL)", got, status::NULL_ARGUMENT);
    let what = format!("{m:?}");
    assert!((0.0..=1.0).contains(&m.framing_similarity), "{what}");
    assert!((-1.0..=1.0).contains(&m.exposure_change), "{what}");
    assert!(
        m.colour_change >= 0.0 && m.colour_change.is_finite(),
        "{what}"
    );
    close(
        r.framing_similarity,
        m.framing_similarity,
        "framing_similarity",
    );
    close(r.exposure_change, m.exposure_change, "exposure_change");
    close(r.colour_change, m.colour_change, "colour_change");
}

/// The JSON names the edit, rate and options given, and has one roll cost
/// per shift `-k..=k`, none for a roll that would show a frame not pushed.
fn agrees_with_input(r: &EditReport, input: &EditInput) {
    assert_eq!(
        (r.edit.out_frame, r.edit.in_frame),
        (input.out_frame, input.in_frame),
        "JSON edit"
    );
    assert_eq!(
        (r.frame_rate.num, r.frame_rate.den),
        input.rate,
        "JSON rate"
    );
    assert_eq!(
        i64::from(r.options.max_shift),
        input.max_shift,
        "JSON max_shift"
    );
    let k = input.max_shift;
    let shifts: Vec<i64> = r.shifts.iter().map(|s| i64::from(s.shift)).collect();
    assert_eq!(shifts, (-k..=k).collect::<Vec<_>>(), "JSON shifts");
    for s in &r.shifts {
        let roll = i64::from(s.shift);
        match s.cost {
            Some(c) => {
                assert!(c.is_finite() && c >= 0.0, "roll {roll} cost {c}");
                if roll != 0 {
                    assert!(
                        input.roll_possible(roll),
                        "roll {roll} costed without its frames"
                    );
                }
            }
            None => {
                assert!(roll != 0, "the edit as placed has no cost");
                assert!(s.issues.is_empty(), "roll {roll}: issues without a cost");
            }
        }
    }
    if let Some(sug) = &r.suggestion {
        let cost = |roll: i64| r.shifts[(roll + k) as usize].cost;
        let (here, there) = (cost(0), cost(i64::from(sug.shift)));
        assert!(
            there.is_some_and(|t| here.is_some_and(|h| t <= h + 1e-4)),
            "suggested roll {} costs {there:?}, the edit {here:?}",
            sug.shift
        );
    }
    assert!(r.notes.iter().all(|n| !n.is_empty()), "empty note");
}
