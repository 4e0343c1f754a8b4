//! What is wrong at one placement of the cut: each rule turns the measured facts of
//! the frames next to the cut into [`EditIssue`]s with a severity 0..1.

use super::side::SideView;
use super::{EditCheckOptions, EditIssue, EditPoint, IssueKind, Side};

/// The frame `d` frames from the cut on `side`'s shown part (0 = at the cut).
fn shown(side: Side, cut: i64, d: i64) -> i64 {
    match side {
        Side::Outgoing => cut - d,
        Side::Incoming => cut + d,
    }
}

fn issue(kind: IssueKind, side: Side, frame: i64, severity: f32, message: String) -> EditIssue {
    EditIssue {
        kind,
        side: Some(side),
        frame: Some(frame),
        severity: severity.clamp(0.0, 1.0),
        message,
    }
}

/// "1 frame" or "N frames".
pub(super) fn frames_word(n: i64) -> String {
    if n == 1 {
        "1 frame".to_string()
    } else {
        format!("{n} frames")
    }
}

/// The issues of one side at `cut` (its last / first frame shown), except the
/// across-the-cut ones. `seq_flash` marks frames found flashing in the edited sequence.
pub(super) fn side_issues(
    v: &SideView,
    cut: i64,
    seq_flash: &[i64],
    options: &EditCheckOptions,
) -> Vec<EditIssue> {
    let th = &options.thresholds;
    let ck = &options.check;
    let name = v.side.name();
    let mut out = Vec::new();

    // A few frames of another shot of the source at the cut.
    if !(cut >= v.home.0 && cut < v.home.1) {
        let (from, count, which) = match v.side {
            Side::Outgoing => (v.home.1, cut - v.home.1 + 1, "next"),
            Side::Incoming => (cut, v.home.0 - cut, "previous"),
        };
        let what = if count == 1 {
            format!("frame of the {which} shot on {name} frame {from}")
        } else {
            format!("{count} frames of the {which} shot from {name} frame {from}")
        };
        out.push(issue(IssueKind::SourceCut, v.side, from, 1.0, what));
    }

    // Closed or lowered eyes on the frames next to the cut.
    let mut worst: Option<(f32, i64, bool, i64)> = None;
    for d in 0..i64::from(ck.eye_frames) {
        let f = shown(v.side, cut, d);
        let Some(rel) = v.index(f).and_then(|i| v.eyes[i]) else {
            continue;
        };
        let closed = rel < th.blink_ratio;
        let lowered = rel < th.blink_lids_ratio.max(th.blink_ratio) || v.next_to_closed(f);
        if !lowered {
            continue;
        }
        let weight = 1.0 / (1.0 + 0.7 * d as f32);
        let sev = if closed { weight } else { 0.5 * weight };
        if worst.is_none_or(|w| sev > w.0) {
            worst = Some((sev, f, closed, d));
        }
    }
    if let Some((sev, f, closed, d)) = worst {
        let (kind, what) = if closed && d == 0 {
            (IssueKind::EyesClosed, "eyes closed")
        } else if closed {
            (IssueKind::Blink, "blink")
        } else {
            (IssueKind::Blink, "lids lowered")
        };
        out.push(issue(
            kind,
            v.side,
            f,
            sev,
            format!("{what} on {name} frame {f}"),
        ));
    }

    // The frame at the cut inside a whip-pan, or smeared (a flash frame's lost
    // contrast is the flash, not blur).
    let flashing = |f: i64| v.index(f).is_some_and(|i| v.flash[i]) || seq_flash.contains(&f);
    if let Some(i) = v.index(cut) {
        if v.whip[i] {
            let msg = format!("whip-pan on {name} frame {cut}");
            out.push(issue(IssueKind::WhipPan, v.side, cut, 1.0, msg));
        } else if let Some(r) = v.focus_ratio[i]
            .filter(|r| *r < ck.blur_focus_ratio)
            .filter(|_| !flashing(cut))
        {
            let sev = 0.5 + 0.5 * (1.0 - r / ck.blur_focus_ratio.max(1e-6));
            let msg = format!(
                "motion blur on {name} frame {cut} (sharpness {:.0}% of the shot's)",
                100.0 * r
            );
            out.push(issue(IssueKind::MotionBlur, v.side, cut, sev, msg));
        }
    }

    // A flash frame on the frames next to the cut (in the source, or made by the edit).
    for d in 0..i64::from(ck.flash_frames) {
        let f = shown(v.side, cut, d);
        if flashing(f) {
            let sev = 1.0 - 0.5 * d as f32 / ck.flash_frames.max(1) as f32;
            let msg = format!("flash frame on {name} frame {f}");
            out.push(issue(IssueKind::Flash, v.side, f, sev, msg));
            break;
        }
    }
    out
}

/// Frames that flash in the edited sequence around `edit`: runs of 1..=`flash_max_frames`
/// frames at least `flash_min_rise` brighter than the frames before and after them,
/// which match within `flash_return_tol` (neither black). Catches a bright last
/// outgoing frame between a dark outgoing shot and a dark incoming one, which no
/// single clip shows as a flash. Returns `(side, frame)` pairs.
pub(super) fn sequence_flashes(
    out: &SideView,
    inc: &SideView,
    edit: EditPoint,
    options: &EditCheckOptions,
) -> Vec<(Side, i64)> {
    let th = &options.thresholds;
    let reach = i64::from(options.check.flash_frames) + 1;
    let mut seq: Vec<(Side, i64, f32, bool)> = Vec::new();
    for f in edit.out_frame - reach..=edit.out_frame {
        if let Some(i) = out.index(f) {
            let s = &out.frames[i];
            seq.push((Side::Outgoing, f, s.luma_mean, out.black[i]));
        }
    }
    for f in edit.in_frame..=edit.in_frame + reach {
        if let Some(i) = inc.index(f) {
            let s = &inc.frames[i];
            seq.push((Side::Incoming, f, s.luma_mean, inc.black[i]));
        }
    }
    let mut found = Vec::new();
    for i in 1..seq.len() {
        for k in 1..=th.flash_max_frames.max(1) {
            if i + k >= seq.len() {
                break;
            }
            let (pre, post) = (seq[i - 1], seq[i + k]);
            if pre.3 || post.3 || !pre.2.is_finite() || !post.2.is_finite() {
                continue;
            }
            if (pre.2 - post.2).abs() > th.flash_return_tol {
                continue;
            }
            let lowest = seq[i..i + k]
                .iter()
                .map(|x| x.2)
                .fold(f32::INFINITY, f32::min);
            if lowest - pre.2.max(post.2) >= th.flash_min_rise {
                found.extend(seq[i..i + k].iter().map(|x| (x.0, x.1)));
                break;
            }
        }
    }
    found.sort_by_key(|&(s, f)| (s == Side::Incoming, f));
    found.dedup();
    found
}

/// The frame whose level stands for `side` at `cut`: the nearest shown frame within
/// `flash_frames` of the cut that is not a flash frame (a flash is its own issue,
/// not a change of the shot's exposure or colour); the cut frame when all are.
fn level_frame(v: &SideView, cut: i64, seq_flash: &[(Side, i64)], flash_frames: u32) -> i64 {
    (0..i64::from(flash_frames.max(1)))
        .map(|d| shown(v.side, cut, d))
        .take_while(|&f| v.has(f))
        .find(|&f| !v.index(f).is_some_and(|i| v.flash[i]) && !seq_flash.contains(&(v.side, f)))
        .unwrap_or(cut)
}

/// Exposure and colour jumps across the cut at `edit`, between the levels the two
/// shots sit at (flash frames next to the cut left out: see [`level_frame`]).
pub(super) fn across_issues(
    out: &SideView,
    inc: &SideView,
    edit: EditPoint,
    seq_flash: &[(Side, i64)],
    options: &EditCheckOptions,
) -> Vec<EditIssue> {
    let ck = &options.check;
    let th = &options.thresholds;
    let mut issues = Vec::new();
    let edit = EditPoint {
        out_frame: level_frame(out, edit.out_frame, seq_flash, ck.flash_frames),
        in_frame: level_frame(inc, edit.in_frame, seq_flash, ck.flash_frames),
    };
    if let (Some(a), Some(b)) = (out.luma(edit.out_frame), inc.luma(edit.in_frame)) {
        let delta = b - a;
        let dark = a.min(b) <= th.black_luma_max;
        let stops = if dark { 0.0 } else { 2.4 * (b / a).log2() };
        let by_luma = delta.abs() / ck.exposure_jump_luma.max(1e-6);
        let by_stops = stops.abs() / ck.exposure_jump_stops.max(1e-6);
        let excess = by_luma.max(by_stops);
        // Cuts to and from black are a choice, not an exposure problem.
        if excess >= 1.0 && !dark {
            let way = if delta > 0.0 { "brighter" } else { "darker" };
            let msg = format!(
                "exposure jump: incoming {:.1} stops {way} (mean luma {a:.2} to {b:.2})",
                stops.abs()
            );
            issues.push(EditIssue {
                kind: super::IssueKind::ExposureJump,
                side: None,
                frame: None,
                severity: (0.5 * excess).clamp(0.5, 1.0),
                message: msg,
            });
        }
    }
    if let (Some(a), Some(b)) = (out.look(edit.out_frame), inc.look(edit.in_frame)) {
        let dist = a.chroma_distance(b);
        let excess = dist / ck.colour_jump.max(1e-6);
        if excess >= 1.0 {
            let msg = format!("colour jump: mean colour moves {dist:.3} in OKLab a/b");
            issues.push(EditIssue {
                kind: super::IssueKind::ColourJump,
                side: None,
                frame: None,
                severity: (0.5 * excess).clamp(0.5, 1.0),
                message: msg,
            });
        }
    }
    issues
}

/// The jump-cut issue when the frames either side of `edit` have nearly the same
/// framing; with the similarity measured (0 without looks).
pub(super) fn jump_cut(
    out: &SideView,
    inc: &SideView,
    edit: EditPoint,
    options: &EditCheckOptions,
) -> (f32, Option<EditIssue>) {
    let (Some(a), Some(b)) = (out.look(edit.out_frame), inc.look(edit.in_frame)) else {
        return (0.0, None);
    };
    let sim = a.framing_similarity(b);
    let thr = options.check.jump_cut_similarity;
    if sim < thr {
        return (sim, None);
    }
    let sev = 0.5 + 0.5 * ((sim - thr) / (1.0 - thr).max(1e-6)).clamp(0.0, 1.0);
    let issue = EditIssue {
        kind: IssueKind::JumpCut,
        side: None,
        frame: None,
        severity: sev,
        message: format!("jump cut: nearly the same framing on both sides (similarity {sim:.2})"),
    };
    (sim, Some(issue))
}
