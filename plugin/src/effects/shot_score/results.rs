//! The effect's current results: a clip report and where it came from, plus
//! what the editor reads off it (the best shot, the summary text).
//!
//! **Which shot Suggested In/Out describe:** the best shot, i.e. the shot
//! with the highest score after its suggested trim (ties: the longest trim).
//! That is the "circle take" of the clip and does not move with the playhead;
//! the `Best Shot` param says which shot it is, and the summary lists the
//! in/out of every shot.

use std::sync::Arc;

use circletake_inference::report::{ClipReport, ShotReport};
use circletake_inference::timecode::frame_to_timecode;

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The Analyze Clip button.
    Button,
    /// Render-driven analysis (the clip was played through).
    Playback,
    /// Restored from the project's saved state.
    Restored,
}

/// An analysis the instance shows and saves.
#[derive(Debug, Clone)]
pub struct Results {
    /// The clip report.
    pub report: Arc<ClipReport>,
    /// Its origin.
    pub origin: Origin,
}

/// The best shot: highest trimmed score with a non-empty trim, ties going to
/// the longest trim, then the earliest shot.
pub fn best_shot(report: &ClipReport) -> Option<&ShotReport> {
    report
        .shots
        .iter()
        .filter(|s| s.trim.out_frame > s.trim.in_frame)
        .max_by(|a, b| {
            a.trimmed_score
                .total_cmp(&b.trimmed_score)
                .then(
                    (a.trim.out_frame - a.trim.in_frame).cmp(&(b.trim.out_frame - b.trim.in_frame)),
                )
                .then(b.index.cmp(&a.index))
        })
}

/// Suggested (in, out) of the best shot, `out` inclusive (the last frame to
/// use), as the params show them.
pub fn suggested_in_out(report: &ClipReport) -> Option<(i64, i64)> {
    best_shot(report).map(|s| (s.trim.in_frame, s.trim.out_frame - 1))
}

/// Short text listing every shot: frames and timecodes, score, suggested
/// in/out (out inclusive) and the biggest point losses.
pub fn summary(report: &ClipReport) -> String {
    let rate = report.frame_rate;
    let tc = |f: i64| frame_to_timecode(f, rate);
    let best = best_shot(report).map(|s| s.index);
    let mut out = format!(
        "{} shot{} in {} frames",
        report.shots.len(),
        if report.shots.len() == 1 { "" } else { "s" },
        report.frame_count
    );
    if let Some(b) = best {
        out.push_str(&format!("; best: shot {}", b + 1));
    }
    out.push('\n');
    for s in &report.shots {
        out.push_str(&format!(
            "{}Shot {}: {}-{} ({}-{}), score {:.0}",
            if Some(s.index) == best { "* " } else { "  " },
            s.index + 1,
            s.start,
            s.end - 1,
            tc(s.start),
            tc(s.end - 1),
            s.score
        ));
        if s.trim.out_frame > s.trim.in_frame {
            out.push_str(&format!(
                ", use {}-{} (score {:.0})",
                s.trim.in_frame,
                s.trim.out_frame - 1,
                s.trimmed_score
            ));
        } else {
            out.push_str(", nothing usable");
        }
        let mut losses: Vec<_> = s
            .breakdown
            .iter()
            .filter(|c| c.points_lost >= 1.0)
            .collect();
        losses.sort_by(|a, b| b.points_lost.total_cmp(&a.points_lost));
        for c in losses.iter().take(2) {
            out.push_str(&format!("; -{:.0} {}", c.points_lost, c.reason));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::effects::shot_score::persist::tests::sample_report;

    #[test]
    fn best_shot_and_summary_agree() {
        let report = sample_report(60);
        assert!(report.shots.len() >= 2, "the cut at 30 splits the clip");
        let best = best_shot(&report).expect("a usable shot");
        for s in &report.shots {
            assert!(s.trimmed_score <= best.trimmed_score);
        }
        let (i, o) = suggested_in_out(&report).unwrap();
        assert_eq!((i, o + 1), (best.trim.in_frame, best.trim.out_frame));
        let text = summary(&report);
        assert!(
            text.starts_with(&format!("{} shots in 60 frames", report.shots.len())),
            "{text}"
        );
        assert_eq!(text.lines().count(), 1 + report.shots.len(), "{text}");
        assert!(
            text.contains(&format!("* Shot {}", best.index + 1)),
            "{text}"
        );
    }
}
