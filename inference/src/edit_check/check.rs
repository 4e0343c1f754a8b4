//! The decision: issues at the edit, the cost of each roll, the suggestion.

use super::issues::{across_issues, frames_word, jump_cut, sequence_flashes, side_issues};
use super::side::SideView;
use super::{
    EditCheckOptions, EditIssue, EditPoint, EditReport, EditSuggestion, IssueKind, ShiftCost, Side,
    SideFrames, Verdict, EDIT_REPORT_FORMAT, EDIT_REPORT_VERSION,
};
use crate::shots::stats::fps_of;
use crate::signals::FrameRate;

/// Why a roll cannot be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blocked {
    /// A frame it needs was not measured.
    Missing(Side),
    /// It would show a frame of another shot of that side's source.
    SourceCut(Side),
}

/// The issues at `edit` (all but the jump cut, which no roll changes).
fn issues_at(
    out: &SideView,
    inc: &SideView,
    edit: EditPoint,
    options: &EditCheckOptions,
) -> Vec<EditIssue> {
    let flashes = sequence_flashes(out, inc, edit, options);
    let of = |side: Side| -> Vec<i64> {
        flashes
            .iter()
            .filter(|(s, _)| *s == side)
            .map(|(_, f)| *f)
            .collect()
    };
    let mut issues = side_issues(out, edit.out_frame, &of(Side::Outgoing), options);
    issues.extend(side_issues(
        inc,
        edit.in_frame,
        &of(Side::Incoming),
        options,
    ));
    issues.extend(across_issues(out, inc, edit, &flashes, options));
    issues
}

/// Worst first; ties in a fixed order (kind, side, frame) so reports are deterministic.
fn sort_issues(issues: &mut [EditIssue]) {
    issues.sort_by(|a, b| {
        b.severity
            .total_cmp(&a.severity)
            .then((a.kind as u8).cmp(&(b.kind as u8)))
            .then(a.side.map(|s| s as u8).cmp(&b.side.map(|s| s as u8)))
            .then(a.frame.cmp(&b.frame))
    });
}

/// Whether a roll can be checked.
fn blocked(out: &SideView, inc: &SideView, edit: EditPoint) -> Option<Blocked> {
    for (v, f) in [(out, edit.out_frame), (inc, edit.in_frame)] {
        if !v.has(f) {
            return Some(Blocked::Missing(v.side));
        }
        if !v.may_cut_at(f) {
            return Some(Blocked::SourceCut(v.side));
        }
    }
    None
}

/// A note for the rolls `from..=to` (same sign) that are blocked.
fn blocked_note(
    from: i32,
    to: i32,
    why: Blocked,
    out: &SideView,
    inc: &SideView,
    edit: EditPoint,
) -> String {
    let rolls = if from == to {
        format!("roll {from:+}")
    } else {
        format!("rolls {from:+}..{to:+}")
    };
    let later = from > 0;
    let reason = match why {
        Blocked::Missing(side) => {
            let v = if side == Side::Outgoing { out } else { inc };
            let edge = match (v.span(), later) {
                (Some((_, last)), true) => format!("no {} frame after {last}", side.name()),
                (Some((first, _)), false) => format!("no {} frame before {first}", side.name()),
                (None, _) => format!("no {} frames", side.name()),
            };
            format!("{edge} (missing handles)")
        }
        Blocked::SourceCut(side) => {
            let v = if side == Side::Outgoing { out } else { inc };
            let edit_frame = match side {
                Side::Outgoing => edit.out_frame,
                Side::Incoming => edit.in_frame,
            };
            let cut = if later {
                v.source_cuts.iter().copied().find(|&c| c > edit_frame)
            } else {
                v.source_cuts
                    .iter()
                    .copied()
                    .rev()
                    .find(|&c| c <= edit_frame)
            };
            match cut {
                Some(c) => format!("the {} source has a cut at frame {c}", side.name()),
                None => format!("the {} shot ends there", side.name()),
            }
        }
    };
    format!("{rolls} not possible: {reason}")
}

/// Checks `edit` given the measured frames of both clips. Pure and deterministic.
pub fn check_edit(
    outgoing: &SideFrames,
    incoming: &SideFrames,
    edit: EditPoint,
    rate: FrameRate,
    options: &EditCheckOptions,
) -> EditReport {
    let fps = fps_of(rate);
    let out = SideView::build(Side::Outgoing, outgoing, edit.out_frame, fps, options);
    let inc = SideView::build(Side::Incoming, incoming, edit.in_frame, fps, options);
    let ck = &options.check;
    let k = options.max_shift.min(1000) as i32;
    let base_ok = out.has(edit.out_frame) && inc.has(edit.in_frame);
    let (similarity, jump) = if base_ok {
        jump_cut(&out, &inc, edit, options)
    } else {
        (0.0, None)
    };

    let mut notes = Vec::new();
    let mut rolls: Vec<(i32, Option<Vec<EditIssue>>)> = Vec::new();
    let mut blocked_runs: Vec<(i32, i32, Blocked)> = Vec::new();
    for s in -k..=k {
        let e = edit.rolled(s);
        let why = if s == 0 {
            (!base_ok).then(|| {
                Blocked::Missing(if out.has(e.out_frame) {
                    Side::Incoming
                } else {
                    Side::Outgoing
                })
            })
        } else if base_ok {
            blocked(&out, &inc, e)
        } else {
            Some(Blocked::Missing(Side::Outgoing))
        };
        if let Some(why) = why {
            if base_ok {
                match blocked_runs.last_mut() {
                    Some(r) if r.2 == why && r.1 + 1 == s && r.0.signum() == s.signum() => r.1 = s,
                    _ => blocked_runs.push((s, s, why)),
                }
            }
            rolls.push((s, None));
            continue;
        }
        let mut issues = issues_at(&out, &inc, e, options);
        issues.extend(jump.clone());
        issues.retain(|i| i.severity >= ck.min_severity);
        sort_issues(&mut issues);
        rolls.push((s, Some(issues)));
    }
    for (from, to, why) in blocked_runs {
        // Report the run from the roll nearest the edit outwards.
        let (a, b) = if from < 0 { (to, from) } else { (from, to) };
        notes.push(blocked_note(a, b, why, &out, &inc, edit));
    }

    let cost = |s: i32, issues: &[EditIssue]| -> f32 {
        issues.iter().map(|i| i.severity).sum::<f32>() + ck.shift_cost * s.unsigned_abs() as f32
    };
    let shifts: Vec<ShiftCost> = rolls
        .iter()
        .map(|(s, issues)| {
            let mut kinds: Vec<IssueKind> = Vec::new();
            for i in issues.iter().flatten() {
                if !kinds.contains(&i.kind) {
                    kinds.push(i.kind);
                }
            }
            ShiftCost {
                shift: *s,
                cost: issues.as_ref().map(|i| cost(*s, i)),
                issues: kinds,
            }
        })
        .collect();

    let here: Vec<EditIssue> = rolls
        .iter()
        .find(|(s, _)| *s == 0)
        .and_then(|(_, i)| i.clone())
        .unwrap_or_default();
    let suggestion = suggest(&rolls, &here, edit, ck.min_improvement, cost);
    let verdict = if suggestion.is_some() {
        Verdict::MoveEdit
    } else if here.is_empty() && base_ok {
        Verdict::Clean
    } else {
        Verdict::Review
    };

    if !base_ok {
        for (v, f) in [(&out, edit.out_frame), (&inc, edit.in_frame)] {
            if !v.has(f) {
                notes.insert(
                    0,
                    format!(
                        "{} frame {f} was not measured: the edit cannot be checked",
                        v.side.name()
                    ),
                );
            }
        }
    }
    notes.extend(model_notes(&out, &inc));

    let (exposure_change, colour_change) = if base_ok {
        let ex = match (out.luma(edit.out_frame), inc.luma(edit.in_frame)) {
            (Some(a), Some(b)) => b - a,
            _ => 0.0,
        };
        let col = match (out.look(edit.out_frame), inc.look(edit.in_frame)) {
            (Some(a), Some(b)) => a.chroma_distance(b),
            _ => 0.0,
        };
        (ex, col)
    } else {
        (0.0, 0.0)
    };
    EditReport {
        format: EDIT_REPORT_FORMAT.to_string(),
        version: EDIT_REPORT_VERSION,
        outgoing: None,
        incoming: None,
        edit,
        frame_rate: rate,
        options: options.clone(),
        verdict,
        issues: here,
        suggestion,
        shifts,
        framing_similarity: similarity,
        exposure_change,
        colour_change,
        notes,
    }
}

/// The best roll when it clearly beats the edit as placed and removes one of its
/// fixable issues (a jump cut is never fixable by a roll).
fn suggest(
    rolls: &[(i32, Option<Vec<EditIssue>>)],
    here: &[EditIssue],
    edit: EditPoint,
    min_improvement: f32,
    cost: impl Fn(i32, &[EditIssue]) -> f32,
) -> Option<EditSuggestion> {
    if here.is_empty() {
        return None;
    }
    let base = cost(0, here);
    let (s, issues) = rolls
        .iter()
        .filter(|(s, _)| *s != 0)
        .filter_map(|(s, i)| i.as_ref().map(|i| (*s, i)))
        .min_by(|a, b| {
            cost(a.0, a.1)
                .total_cmp(&cost(b.0, b.1))
                .then(a.0.unsigned_abs().cmp(&b.0.unsigned_abs()))
                .then(a.0.cmp(&b.0))
        })?;
    if base - cost(s, issues) < min_improvement {
        return None;
    }
    let fixed: Vec<&EditIssue> = here
        .iter()
        .filter(|i| i.kind != IssueKind::JumpCut)
        .filter(|i| !issues.iter().any(|j| j.kind == i.kind && j.side == i.side))
        .collect();
    let worst = fixed.first()?;
    let mut fixes: Vec<IssueKind> = Vec::new();
    for i in &fixed {
        if !fixes.contains(&i.kind) {
            fixes.push(i.kind);
        }
    }
    let way = if s > 0 { "later" } else { "earlier" };
    let n = i64::from(s.unsigned_abs());
    Some(EditSuggestion {
        shift: s,
        edit: edit.rolled(s),
        fixes,
        reason: format!("cut {} {way}: {}", frames_word(n), worst.message),
    })
}

/// What could not be checked because a model was missing or found nothing.
fn model_notes(out: &SideView, inc: &SideView) -> Vec<String> {
    let mut notes = Vec::new();
    let sides = [out, inc];
    if sides.iter().any(|v| !v.frames.is_empty() && !v.model) {
        notes.push(
            "TransNetV2 unavailable: cuts in the sources found from frame differences only"
                .to_string(),
        );
    }
    let partial = sides
        .iter()
        .filter(|v| v.faces_analyzed)
        .map(|v| v.faces_fraction)
        .fold(1.0f32, f32::min);
    if partial < 0.9 {
        notes.push(format!(
            "faces measured on {:.0}% of the frames only (fast quality measures every 2nd \
             frame): a one-frame blink can be missed",
            100.0 * partial
        ));
    }
    if sides.iter().all(|v| !v.faces_analyzed) {
        notes.push("face model unavailable or not run: blinks and closed eyes not checked".into());
    } else if sides.iter().all(|v| !v.eyes_measured) {
        notes.push("eye model unavailable or no faces found: blinks not checked".into());
    } else {
        let without: Vec<&str> = sides
            .iter()
            .filter(|v| v.eyes.iter().all(Option::is_none))
            .map(|v| v.side.name())
            .collect();
        match without[..] {
            [] => {}
            [one] => notes.push(format!(
                "no face with measurable eyes on the {one} side: blinks not checked there"
            )),
            _ => {
                notes.push("no face with measurable eyes on either side: blinks not checked".into())
            }
        }
    }
    notes
}
