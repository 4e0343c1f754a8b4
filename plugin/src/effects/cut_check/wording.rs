//! What the editor reads: the report's findings in timeline terms. The effect
//! checks in effect time, which is not either clip's source frame, so every
//! text places a problem relative to the cut ("1 frame before the cut") and
//! is built from the issue's side and frame, never by editing the core's
//! message (which names source frames).

use circletake_inference::edit_check::{
    EditIssue, EditPoint, EditReport, EditSuggestion, IssueKind, Side, Verdict,
};

/// `"1 frame"`, `"3 frames"`.
fn frames(n: i64) -> String {
    format!("{n} frame{}", if n == 1 { "" } else { "s" })
}

/// Where frame `frame` of the `side` clip sits relative to `edit`:
/// `"at the cut"` (the last outgoing / first incoming frame shown),
/// `"2 frames before the cut"`, or, for handle frames the cut does not show,
/// `"1 frame past the cut (not shown)"`.
pub fn placement(side: Side, frame: i64, edit: EditPoint) -> String {
    match side {
        Side::Outgoing => {
            let before = edit.out_frame - frame;
            match before {
                0 => "at the cut".to_string(),
                n if n > 0 => format!("{} before the cut", frames(n)),
                n => format!("{} past the cut (not shown)", frames(-n)),
            }
        }
        Side::Incoming => {
            let after = frame - edit.in_frame;
            match after {
                0 => "at the cut".to_string(),
                n if n > 0 => format!("{} after the cut", frames(n)),
                n => format!("{} before the cut (not shown)", frames(-n)),
            }
        }
    }
}

/// One issue for the editor, e.g. `"eyes closed on the outgoing clip, 1 frame
/// before the cut"` or `"jump cut: 94% the same framing on both sides"`.
pub fn issue_text(issue: &EditIssue, report: &EditReport) -> String {
    let kind = issue.kind.name();
    match (issue.side, issue.frame) {
        (Some(side), Some(frame)) => {
            let at = placement(side, frame, report.edit);
            let sep = if at == "at the cut" { " " } else { ", " };
            format!("{kind} on the {} clip{sep}{at}", side.name())
        }
        (Some(side), None) => format!("{kind} on the {} clip", side.name()),
        (None, _) => match issue.kind {
            IssueKind::JumpCut => format!(
                "jump cut: {:.0}% the same framing on both sides",
                (report.framing_similarity * 100.0).clamp(0.0, 100.0)
            ),
            IssueKind::ExposureJump => format!(
                "exposure jump across the cut ({:+.2} luma)",
                report.exposure_change
            ),
            IssueKind::ColourJump => format!(
                "colour jump across the cut ({:.3} OKLab)",
                report.colour_change
            ),
            _ => format!("{kind} across the cut"),
        },
    }
}

/// The suggestion, e.g. `"cut 3 frames later (roll): eyes closed on the
/// outgoing clip at the cut"`: the roll, then the worst issue it fixes.
pub fn suggestion_text(suggestion: &EditSuggestion, report: &EditReport) -> String {
    let n = i64::from(suggestion.shift.unsigned_abs());
    let way = if suggestion.shift > 0 {
        "later"
    } else {
        "earlier"
    };
    let why = report
        .issues
        .iter()
        .find(|i| suggestion.fixes.contains(&i.kind))
        .map(|i| issue_text(i, report))
        .unwrap_or_else(|| {
            let kinds: Vec<&str> = suggestion.fixes.iter().map(|k| k.name()).collect();
            kinds.join(", ")
        });
    if why.is_empty() {
        format!("cut {} {way} (roll)", frames(n))
    } else {
        format!("cut {} {way} (roll): {why}", frames(n))
    }
}

/// The Verdict param: `"Clean"`, `"Move Edit"` or `"Review"`.
pub fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Clean => "Clean",
        Verdict::MoveEdit => "Move Edit",
        Verdict::Review => "Review",
    }
}

/// The Suggestion param: the roll and why, or what to do without one.
pub fn suggestion_param(report: &EditReport) -> String {
    match (&report.suggestion, report.verdict) {
        (Some(s), _) => suggestion_text(s, report),
        (None, Verdict::Clean) => "keep the cut".to_string(),
        (None, _) => format!(
            "no roll within {} frames either way fixes this: judge the cut by eye",
            report.options.max_shift
        ),
    }
}

/// The Issues param: one line per issue (worst first), then the notes on what
/// could not be checked; `"none"` when both are empty.
pub fn issues_param(report: &EditReport) -> String {
    let mut lines: Vec<String> = report
        .issues
        .iter()
        .map(|i| issue_text(i, report))
        .collect();
    lines.extend(report.notes.iter().map(|n| format!("note: {n}")));
    if lines.is_empty() {
        "none".to_string()
    } else {
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::effects::cut_check::persist::tests::sample_report;

    #[test]
    fn places_frames_relative_to_the_cut() {
        let edit = EditPoint {
            out_frame: 40,
            in_frame: 41,
        };
        assert_eq!(placement(Side::Outgoing, 40, edit), "at the cut");
        assert_eq!(
            placement(Side::Outgoing, 39, edit),
            "1 frame before the cut"
        );
        assert_eq!(
            placement(Side::Outgoing, 37, edit),
            "3 frames before the cut"
        );
        assert_eq!(
            placement(Side::Outgoing, 42, edit),
            "2 frames past the cut (not shown)"
        );
        assert_eq!(placement(Side::Incoming, 41, edit), "at the cut");
        assert_eq!(placement(Side::Incoming, 42, edit), "1 frame after the cut");
        assert_eq!(
            placement(Side::Incoming, 40, edit),
            "1 frame before the cut (not shown)"
        );
    }

    #[test]
    fn texts_name_sides_and_the_roll_not_source_frames() {
        let mut report = sample_report();
        assert_eq!(
            issue_text(&report.issues[0], &report),
            "eyes closed on the outgoing clip at the cut"
        );
        assert_eq!(
            issue_text(&report.issues[1], &report),
            "exposure jump across the cut (+0.12 luma)"
        );
        assert_eq!(
            suggestion_param(&report),
            "cut 3 frames later (roll): eyes closed on the outgoing clip at the cut"
        );
        report.issues[0].frame = Some(39);
        report.suggestion.as_mut().unwrap().shift = -1;
        assert_eq!(
            suggestion_param(&report),
            "cut 1 frame earlier (roll): eyes closed on the outgoing clip, 1 frame before the cut"
        );
        let issues = issues_param(&report);
        assert_eq!(issues.lines().count(), 3, "{issues}");
        assert!(issues.lines().last().unwrap().starts_with("note: "));
        report.issues.clear();
        report.notes.clear();
        report.suggestion = None;
        report.verdict = Verdict::Clean;
        assert_eq!(issues_param(&report), "none");
        assert_eq!(suggestion_param(&report), "keep the cut");
        report.verdict = Verdict::Review;
        assert!(suggestion_param(&report).starts_with("no roll within 6 frames"));
        assert_eq!(verdict_text(Verdict::MoveEdit), "Move Edit");
    }

    #[test]
    fn jump_cut_text_gives_the_similarity() {
        let mut report = sample_report();
        report.framing_similarity = 0.944;
        let issue = EditIssue {
            kind: IssueKind::JumpCut,
            side: None,
            frame: None,
            severity: 0.8,
            message: String::new(),
        };
        assert_eq!(
            issue_text(&issue, &report),
            "jump cut: 94% the same framing on both sides"
        );
    }
}
