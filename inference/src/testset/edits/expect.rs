//! [`check_expect`]: does a report give a case's known answer?

use super::{EditCase, EditExpect, ShiftExpect};
use crate::edit_check::{EditReport, IssueKind};

/// Kinds that stand for each other when an issue is required: a one-frame closure
/// is a blink and closed eyes, a whip-pan's smeared frames are motion blur.
fn family(kind: IssueKind) -> &'static [IssueKind] {
    use IssueKind::*;
    match kind {
        Blink | EyesClosed => &[Blink, EyesClosed],
        WhipPan | MotionBlur => &[WhipPan, MotionBlur],
        Flash => &[Flash],
        JumpCut => &[JumpCut],
        ExposureJump => &[ExposureJump],
        ColourJump => &[ColourJump],
        SourceCut => &[SourceCut],
    }
}

/// What the report says, in one line (for failure messages).
fn summary(report: &EditReport) -> String {
    let issues: Vec<String> = report
        .issues
        .iter()
        .map(|i| format!("{} ({:.2}): {}", i.kind.name(), i.severity, i.message))
        .collect();
    let suggestion = report
        .suggestion
        .as_ref()
        .map(|s| format!("{:+} ({})", s.shift, s.reason))
        .unwrap_or_else(|| "none".into());
    format!(
        "verdict {:?}; issues [{}]; suggestion {suggestion}; framing {:.3}, exposure {:+.3}, colour {:.3}",
        report.verdict,
        issues.join("; "),
        report.framing_similarity,
        report.exposure_change,
        report.colour_change
    )
}

fn shift_problem(want: &ShiftExpect, got: Option<i32>) -> Option<String> {
    let ok = match (want, got) {
        (ShiftExpect::None, None) => true,
        (ShiftExpect::None, Some(_)) => false,
        (ShiftExpect::NoneOrRange(..), None) => true,
        (_, None) => false,
        (ShiftExpect::AnyNonZero, Some(s)) => s != 0,
        (ShiftExpect::Range(lo, hi) | ShiftExpect::NoneOrRange(lo, hi), Some(s)) => {
            s != 0 && (*lo..=*hi).contains(&s)
        }
        (ShiftExpect::Outside(lo, hi), Some(s)) => s != 0 && !(*lo..=*hi).contains(&s),
    };
    (!ok).then(|| format!("suggested roll {got:?}, expected {want:?}"))
}

/// Every way `report` misses `expect` (empty = it gives the known answer).
pub fn expect_problems(expect: &EditExpect, report: &EditReport) -> Vec<String> {
    let mut problems = Vec::new();
    for &kind in &expect.issues {
        if !report.issues.iter().any(|i| family(kind).contains(&i.kind)) {
            problems.push(format!("{} not reported", kind.name()));
        }
    }
    for at in &expect.located {
        let found = report.issues.iter().any(|i| {
            family(at.kind).contains(&i.kind)
                && i.side == Some(at.side)
                && i.frame.is_some_and(|f| (at.first..=at.last).contains(&f))
        });
        if !found {
            problems.push(format!(
                "{} not reported on the {} side at frames {}..={}",
                at.kind.name(),
                at.side.name(),
                at.first,
                at.last
            ));
        }
    }
    for &kind in &expect.absent {
        if let Some(i) = report.issues.iter().find(|i| i.kind == kind) {
            problems.push(format!(
                "{} reported but must not be: {}",
                kind.name(),
                i.message
            ));
        }
    }
    if let Some(p) = shift_problem(&expect.shift, report.suggestion.as_ref().map(|s| s.shift)) {
        problems.push(p);
    }
    // A roll that is expected must fix the located issues (what it is for).
    if let (Some(sug), true) = (
        report.suggestion.as_ref(),
        matches!(
            expect.shift,
            ShiftExpect::AnyNonZero | ShiftExpect::Range(..) | ShiftExpect::Outside(..)
        ),
    ) {
        for at in &expect.located {
            if !sug.fixes.iter().any(|k| family(at.kind).contains(k)) {
                problems.push(format!(
                    "the suggested roll does not fix the {} (fixes {:?})",
                    at.kind.name(),
                    sug.fixes
                ));
            }
        }
    }
    for &s in &expect.blocked {
        if let Some(c) = report.shifts.iter().find(|c| c.shift == s) {
            if c.cost.is_some() {
                problems.push(format!(
                    "roll {s:+} must be impossible, has cost {:?}",
                    c.cost
                ));
            }
        }
    }
    if let Some(v) = expect.verdict {
        if report.verdict != v {
            problems.push(format!("verdict {:?}, expected {v:?}", report.verdict));
        }
    }
    problems
}

/// `Ok` when `report` gives `case`'s known answer: the required issues (by family:
/// Blink/EyesClosed, WhipPan/MotionBlur) reported, where located on the right side
/// and frames, no absent kind reported, the suggested roll as expected (and, where
/// one is expected, fixing the located issues), blocked
/// rolls impossible, the verdict as expected. `Err` lists every miss and what the
/// report says, naming the case.
pub fn check_expect(case: &EditCase, report: &EditReport) -> Result<(), String> {
    let mut problems = Vec::new();
    if report.edit != case.edit {
        problems.push(format!(
            "report is for edit {:?}, the case is {:?}",
            report.edit, case.edit
        ));
    }
    problems.extend(expect_problems(&case.expect, report));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}\n  ({})\n  report: {}",
            case.name,
            problems.join("; "),
            case.description,
            summary(report)
        ))
    }
}
