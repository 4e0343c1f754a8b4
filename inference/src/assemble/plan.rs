//! The assembly: per group the takes ranked ([`rank_takes`]), the winner and its
//! trim, groups in order, each winner's place on the record timeline.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::cluster::{Grouping, Membership};
use super::natural::natural_cmp;
use super::AssembleError;
use crate::report::{ClipReport, ShotReport};
use crate::shots::{rank_takes, TakeRanking};
use crate::signals::FrameRate;
use crate::timecode::TimecodeFormat;

/// Format tag of `assembly.json`.
pub const ASSEMBLY_FORMAT: &str = "circletake-assembly";
/// Version of the `assembly.json` layout.
pub const ASSEMBLY_VERSION: u32 = 1;

/// How groups are ordered on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GroupOrder {
    /// By group name, natural order (`2 < 10 < 12A < 12B`).
    #[default]
    Name,
    /// By the earliest source timecode among the group's takes (groups without
    /// one last, by name).
    Timecode,
}

/// One analysed take handed to [`build_assembly`].
#[derive(Debug, Clone, Copy)]
pub struct TakeSource<'a> {
    /// Take name (file stem, unique).
    pub name: &'a str,
    /// File name.
    pub file: &'a str,
    /// The media file (absolute for references that resolve from anywhere).
    pub media_path: &'a std::path::Path,
    /// Its analysis.
    pub report: &'a ClipReport,
    /// Source timecode of frame 0 (frame count) and whether it counts drop-frame.
    pub source_tc: Option<(i64, bool)>,
}

/// One take in the assembly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssemblyTake {
    /// Take name (file stem).
    pub name: String,
    /// File name.
    pub file: String,
    /// The media file.
    pub media_path: PathBuf,
    /// Why it is in its group.
    pub membership: Membership,
    /// Take number from its name, if any.
    pub take_number: Option<u32>,
    /// Rank in its group, 1 = chosen.
    pub rank: usize,
    /// Score the ranking sorts by (trimmed score + cross-take focus term).
    pub rank_score: f32,
    /// Trimmed score of its main shot, 0..100.
    pub base_score: f32,
    /// Cross-take focus term, −20..20 points.
    pub focus_adjust: f32,
    /// Ranking reasons (strengths first, then problems).
    pub reasons: Vec<String>,
    /// What is good about it.
    pub strengths: Vec<String>,
    /// What is wrong with it.
    pub problems: Vec<String>,
    /// Main shot (0-based; the one with the longest suggested trim), if any.
    pub shot: Option<usize>,
    /// Suggested in (first frame) and out (exclusive) of the main shot, media frame
    /// numbers; `None` without a usable trim.
    pub trim: Option<[i64; 2]>,
    /// First analysed frame and number of frames (the media's available range).
    pub first_frame: i64,
    /// Number of frames analysed.
    pub frame_count: usize,
    /// Source timecode of frame 0 as a frame count, when the media has one.
    pub source_start: Option<i64>,
    /// Whether that source timecode counts drop-frame.
    pub drop_frame: Option<bool>,
}

/// One group (setup) in the assembly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssemblyGroup {
    /// Group name.
    pub name: String,
    /// Its takes, best first: `takes[0]` is the chosen one.
    pub takes: Vec<AssemblyTake>,
    /// Why the chosen take won: its strengths (or its lead in score), then the
    /// runner-up's main problems, e.g. `won: sharpest focus (+12), no blink at out;
    /// 12A_T1.mov: shaky at the head (-7)`; `only take (87)` for a group of one.
    pub why: String,
    /// The ranking's one-sentence summary.
    pub summary: String,
    /// Record in of the chosen take, frames from the record start; `None` when no
    /// take of the group has a usable trim (the group is listed but not placed).
    pub record_in: Option<i64>,
    /// Duration on the record timeline in frames (the chosen trim's length; 0 when
    /// not placed).
    pub duration: i64,
}

/// The assembly of a set of takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assembly {
    /// Always [`ASSEMBLY_FORMAT`].
    pub format: String,
    /// [`ASSEMBLY_VERSION`].
    pub version: u32,
    /// Frame rate of every take and of the timeline.
    pub frame_rate: FrameRate,
    /// Whether record timecode counts drop-frame.
    pub drop_frame: bool,
    /// Record start timecode.
    pub record_start: String,
    /// Record start as a frame count.
    pub record_start_frame: i64,
    /// How the groups are ordered.
    pub order: GroupOrder,
    /// Similarity threshold used for grouping.
    pub threshold: f32,
    /// Groups in timeline order.
    pub groups: Vec<AssemblyGroup>,
    /// Take names in input order (rows/columns of `similarity`).
    pub take_names: Vec<String>,
    /// Pairwise visual similarity, 0..1, 3 decimals.
    pub similarity: Vec<Vec<f32>>,
}

impl Assembly {
    /// `assembly.json`: pretty JSON with a final newline, byte-identical for
    /// identical assemblies.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("an assembly always serialises");
        s.push('\n');
        s
    }
}

/// The main shot as the ranking picks it: the longest suggested trim, the first on ties.
fn main_shot(report: &ClipReport) -> Option<&ShotReport> {
    report.shots.iter().max_by_key(|s| {
        (
            s.trim.out_frame - s.trim.in_frame,
            std::cmp::Reverse(s.index),
        )
    })
}

/// The suggested trim of the take's main shot, when usable.
pub fn main_trim(report: &ClipReport) -> Option<[i64; 2]> {
    main_shot(report)
        .filter(|s| s.trim.out_frame > s.trim.in_frame)
        .map(|s| [s.trim.in_frame, s.trim.out_frame])
}

fn why(ranking: &TakeRanking) -> String {
    let Some(first) = ranking.takes.first() else {
        return String::new();
    };
    if ranking.takes.len() == 1 {
        return format!("only take ({:.0})", first.rank_score);
    }
    let runner_up = &ranking.takes[1];
    let mut parts = first.strengths.clone();
    if parts.is_empty() {
        parts.push(format!(
            "best score ({:.0} vs {:.0})",
            first.rank_score, runner_up.rank_score
        ));
    }
    let mut text = format!("won: {}", parts.join(", "));
    // What the runner-up has against it, when that is not just the mirror image of a
    // strength above (e.g. "softer focus" against "sharpest focus").
    let against: Vec<&str> = runner_up
        .problems
        .iter()
        .filter(|p| !p.starts_with("softer focus"))
        .take(2)
        .map(String::as_str)
        .collect();
    if !against.is_empty() {
        text.push_str(&format!("; {}: {}", runner_up.label, against.join(", ")));
    }
    text
}

fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Options of [`build_assembly`].
#[derive(Debug, Clone, PartialEq)]
pub struct AssemblyOptions {
    /// Group order.
    pub order: GroupOrder,
    /// Record start timecode (default `01:00:00:00`).
    pub record_start: Option<String>,
    /// The threshold the grouping used (recorded in the JSON).
    pub threshold: f32,
}

/// Builds the assembly of `takes` grouped as `grouping` says. An error when the
/// takes have different frame rates (an EDL has one rate; conform first) or the
/// record start is not a timecode at that rate.
pub fn build_assembly(
    takes: &[TakeSource<'_>],
    grouping: &Grouping,
    options: &AssemblyOptions,
) -> Result<Assembly, AssembleError> {
    let rate = check_rates(takes)?;
    let format =
        TimecodeFormat::for_rate(rate).map_err(|e| AssembleError::Timecode(e.to_string()))?;
    let record_start = options
        .record_start
        .clone()
        .unwrap_or_else(|| crate::export::DEFAULT_RECORD_START.to_string());
    let start = format
        .parse(&record_start)
        .map_err(|e| AssembleError::Timecode(format!("record start: {e}")))?;
    let mut groups: Vec<(AssemblyGroup, Option<i64>)> = grouping
        .groups
        .iter()
        .map(|g| {
            let reports: Vec<&ClipReport> = g.members.iter().map(|m| takes[m.0].report).collect();
            let ranking = rank_takes(&reports);
            let members: Vec<AssemblyTake> = ranking
                .takes
                .iter()
                .map(|r| {
                    let (idx, membership) = g.members[r.take];
                    let t = &takes[idx];
                    AssemblyTake {
                        name: t.name.to_string(),
                        file: t.file.to_string(),
                        media_path: t.media_path.to_path_buf(),
                        membership,
                        take_number: super::naming::parse_name(t.name).take,
                        rank: r.rank,
                        rank_score: round3(r.rank_score),
                        base_score: round3(r.base_score),
                        focus_adjust: round3(r.focus_adjust),
                        reasons: r.reasons.clone(),
                        strengths: r.strengths.clone(),
                        problems: r.problems.clone(),
                        shot: main_shot(t.report).map(|s| s.index),
                        trim: main_trim(t.report),
                        first_frame: t.report.first_frame,
                        frame_count: t.report.frame_count,
                        source_start: t.source_tc.map(|s| s.0),
                        drop_frame: t.source_tc.map(|s| s.1),
                    }
                })
                .collect();
            let earliest = g
                .members
                .iter()
                .filter_map(|m| takes[m.0].source_tc.map(|s| s.0))
                .min();
            let duration = members[0].trim.map_or(0, |[i, o]| o - i);
            (
                AssemblyGroup {
                    name: g.name.clone(),
                    why: why(&ranking),
                    summary: ranking.summary.clone(),
                    takes: members,
                    record_in: None,
                    duration,
                },
                earliest,
            )
        })
        .collect();
    groups.sort_by(|(a, ta), (b, tb)| {
        let by_tc = match options.order {
            GroupOrder::Name => std::cmp::Ordering::Equal,
            GroupOrder::Timecode => match (ta, tb) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        by_tc.then_with(|| natural_cmp(&a.name, &b.name))
    });
    let mut at = 0;
    let groups: Vec<AssemblyGroup> = groups
        .into_iter()
        .map(|(mut g, _)| {
            if g.duration > 0 {
                g.record_in = Some(at);
                at += g.duration;
            }
            g
        })
        .collect();
    Ok(Assembly {
        format: ASSEMBLY_FORMAT.to_string(),
        version: ASSEMBLY_VERSION,
        frame_rate: rate,
        drop_frame: format.drop_frame,
        record_start: format.timecode(start).to_string(),
        record_start_frame: start,
        order: options.order,
        threshold: options.threshold,
        groups,
        take_names: takes.iter().map(|t| t.name.to_string()).collect(),
        similarity: grouping
            .similarity
            .iter()
            .map(|row| row.iter().map(|v| round3(*v)).collect())
            .collect(),
    })
}

/// The one frame rate of `takes`, or [`AssembleError::MixedRates`] listing them.
fn check_rates(takes: &[TakeSource<'_>]) -> Result<FrameRate, AssembleError> {
    let Some(first) = takes.first() else {
        return Err(AssembleError::NoTakes);
    };
    let rate = first.report.frame_rate;
    if takes.iter().all(|t| t.report.frame_rate == rate) {
        return Ok(rate);
    }
    Err(AssembleError::MixedRates(describe_rates(
        takes.iter().map(|t| (t.file, t.report.frame_rate)),
    )))
}

/// `25 fps: a.mp4, b.mp4; 29.97 fps: c.mp4` (rates in first-seen order).
pub fn describe_rates<'a>(items: impl Iterator<Item = (&'a str, FrameRate)>) -> String {
    let mut by_rate: Vec<(FrameRate, Vec<&str>)> = Vec::new();
    for (file, rate) in items {
        match by_rate.iter_mut().find(|(r, _)| *r == rate) {
            Some((_, v)) => v.push(file),
            None => by_rate.push((rate, vec![file])),
        }
    }
    by_rate
        .iter()
        .map(|(r, files)| {
            let fps = f64::from(r.num) / f64::from(r.den.max(1));
            format!(
                "{} fps: {}",
                (fps * 1000.0).round() / 1000.0,
                files.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A hand-made assembly for the exporters' unit tests.
#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

    /// A take with a trim `[tin, tout)`, rank `rank` in its group.
    pub fn take(
        name: &str,
        rank: usize,
        trim: Option<[i64; 2]>,
        tc: Option<(i64, bool)>,
    ) -> AssemblyTake {
        AssemblyTake {
            name: name.into(),
            file: format!("{name}.mov"),
            media_path: PathBuf::from(format!("/media/day 1/{name}.mov")),
            membership: Membership::Name,
            take_number: Some(rank as u32),
            rank,
            rank_score: 90.0 - 10.0 * rank as f32,
            base_score: 80.0,
            focus_adjust: 0.0,
            reasons: vec![format!("reason {rank}")],
            strengths: Vec::new(),
            problems: if rank > 1 {
                vec!["soft at the head (-7)".into()]
            } else {
                Vec::new()
            },
            shot: Some(0),
            trim,
            first_frame: 0,
            frame_count: 100,
            source_start: tc.map(|t| t.0),
            drop_frame: tc.map(|t| t.1),
        }
    }

    /// Two placed groups at 25 fps (one with a longer and a shorter alternate) and
    /// one group without a usable take.
    pub fn assembly() -> Assembly {
        let g = |name: &str, takes: Vec<AssemblyTake>, record_in: Option<i64>| {
            let duration = takes[0].trim.map_or(0, |[i, o]| o - i);
            AssemblyGroup {
                name: name.into(),
                why: format!("won: sharpest focus (+{})", name.len()),
                summary: "summary".into(),
                takes,
                record_in,
                duration: if record_in.is_some() { duration } else { 0 },
            }
        };
        Assembly {
            format: ASSEMBLY_FORMAT.into(),
            version: ASSEMBLY_VERSION,
            frame_rate: FrameRate { num: 25, den: 1 },
            drop_frame: false,
            record_start: "01:00:00:00".into(),
            record_start_frame: 90_000,
            order: GroupOrder::Name,
            threshold: 0.7,
            groups: vec![
                g(
                    "2",
                    vec![
                        take("2_T1", 1, Some([10, 60]), Some((25 * 3600 * 10, false))),
                        take("2_T2", 2, Some([5, 85]), None),
                        take("2_T3", 3, Some([0, 20]), None),
                    ],
                    Some(0),
                ),
                g(
                    "12A",
                    vec![take("12A_T1", 1, Some([0, 25]), None)],
                    Some(50),
                ),
                g("13", vec![take("13_T1", 1, None, None)], None),
            ],
            take_names: vec![],
            similarity: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shots::RankedTake;

    fn ranked(label: &str, score: f32, strengths: &[&str], problems: &[&str]) -> RankedTake {
        let s: Vec<String> = strengths.iter().map(|x| x.to_string()).collect();
        let p: Vec<String> = problems.iter().map(|x| x.to_string()).collect();
        RankedTake {
            take: 0,
            label: label.into(),
            rank: 0,
            rank_score: score,
            base_score: score,
            focus_adjust: 0.0,
            reasons: s.iter().chain(&p).cloned().collect(),
            strengths: s,
            problems: p,
        }
    }

    #[test]
    fn why_names_strengths_then_the_runner_ups_problems() {
        let r = |takes| TakeRanking {
            takes,
            summary: String::new(),
        };
        let a = ranked("T2.mov", 102.0, &["sharpest focus (+2)"], &[]);
        let b = ranked(
            "T1.mov",
            70.0,
            &[],
            &["softer focus (-2)", "shaky throughout (-30)"],
        );
        assert_eq!(
            why(&r(vec![a.clone(), b])),
            "won: sharpest focus (+2); T1.mov: shaky throughout (-30)"
        );
        let c = ranked("T3.mov", 80.0, &[], &["softer focus (-20)"]);
        assert_eq!(why(&r(vec![a.clone(), c])), "won: sharpest focus (+2)");
        let plain = ranked("T4.mov", 90.0, &[], &[]);
        let d = ranked("T5.mov", 86.0, &[], &[]);
        assert_eq!(
            why(&r(vec![plain.clone(), d])),
            "won: best score (90 vs 86)"
        );
        assert_eq!(why(&r(vec![plain])), "only take (90)");
    }
}
