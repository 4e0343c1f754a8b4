//! The table printed after `analyze`: per clip its shots, the best shot's score
//! and suggested in/out (media timecode from 00:00:00:00 at the first frame) and
//! the main reasons it lost points.

use std::path::Path;

use circletake_inference::report::{ClipReport, ShotReport};
use circletake_inference::timecode::frame_to_timecode;

use crate::media_clip::AnalysedClip;
use crate::text_table;

/// One line of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// Clip (output base name).
    pub clip: String,
    /// Number of shots.
    pub shots: usize,
    /// Best shot (1-based) and its trimmed score, if any shot has a usable trim.
    pub best: Option<(usize, f32)>,
    /// Suggested in (first frame) and out (last frame) as timecode.
    pub in_out: Option<(String, String)>,
    /// Main reasons, most costly first.
    pub reasons: String,
}

/// The shot with the highest trimmed score among those with a usable trim.
fn best_shot(report: &ClipReport) -> Option<&ShotReport> {
    report
        .shots
        .iter()
        .filter(|s| s.trim.out_frame > s.trim.in_frame)
        .max_by(|a, b| {
            a.trimmed_score
                .total_cmp(&b.trimmed_score)
                .then(b.index.cmp(&a.index))
        })
}

/// Up to three reasons: components that cost at least 1 point, then flags.
fn reasons(shot: &ShotReport) -> String {
    let mut lost: Vec<_> = shot
        .trimmed_breakdown
        .iter()
        .filter(|c| c.points_lost >= 1.0)
        .collect();
    lost.sort_by(|a, b| b.points_lost.total_cmp(&a.points_lost));
    let mut out: Vec<String> = lost
        .iter()
        .take(3)
        .map(|c| {
            format!(
                "{} -{:.0}",
                format!("{:?}", c.name).to_lowercase(),
                c.points_lost
            )
        })
        .collect();
    if out.len() < 3 {
        for f in shot.flags.iter().take(3 - out.len()) {
            out.push(format!(
                "flag {}",
                circletake_inference::export::markers::flag_name(f.kind)
            ));
        }
    }
    if out.is_empty() {
        "clean".to_string()
    } else {
        out.join(", ")
    }
}

impl SummaryRow {
    /// The row of an analysed clip.
    pub fn of(clip: &AnalysedClip) -> Self {
        let r = &clip.report;
        let best = best_shot(r);
        Self {
            clip: clip.name.clone(),
            shots: r.shots.len(),
            best: best.map(|s| (s.index + 1, s.trimmed_score)),
            in_out: best.map(|s| {
                (
                    frame_to_timecode(s.trim.in_frame, r.frame_rate),
                    frame_to_timecode(s.trim.out_frame - 1, r.frame_rate),
                )
            }),
            reasons: best.map_or_else(|| "no usable shot".to_string(), reasons),
        }
    }

    fn cells(&self) -> [String; 7] {
        let (shot, score) = match self.best {
            Some((k, s)) => (k.to_string(), format!("{s:.0}")),
            None => ("-".into(), "-".into()),
        };
        let (i, o) = self
            .in_out
            .clone()
            .unwrap_or_else(|| ("-".into(), "-".into()));
        [
            self.clip.clone(),
            self.shots.to_string(),
            shot,
            score,
            i,
            o,
            self.reasons.clone(),
        ]
    }
}

/// Prints the table on stdout, then where the files are.
pub fn print_summary(rows: &[SummaryRow], out: &Path) {
    let cells: Vec<[String; 7]> = rows.iter().map(SummaryRow::cells).collect();
    print!(
        "{}",
        text_table::render(
            ["clip", "shots", "best", "score", "in", "out", "top reasons"],
            &cells
        )
    );
    println!(
        "\noutputs in {} (<clip>.json .otio .markers.edl .csv .png)",
        out.display()
    );
}
