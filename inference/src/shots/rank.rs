//! Ranking several takes of the same setup, with reasons.
//!
//! Each take is represented by its main shot (the one with the longest suggested trim).
//! Its rank score is the shot's score over the trimmed range plus a cross-take focus
//! term: because the takes show the same setup, their absolute sharpness is comparable,
//! so a take gains or loses up to 20 points as `20 * clamp(log2(focus / median focus of
//! all takes), -1, 1)` (median raw focus over the trimmed range).

use serde::{Deserialize, Serialize};

use crate::report::{ClipReport, ShotReport};

use super::flags::FlagKind;
use super::rounding::r4;
use super::score::Component;
use super::stats::median;

/// One take in the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedTake {
    /// Index of the take in the input.
    pub take: usize,
    /// Name: the report's source file name, or "take N" (1-based input order).
    pub label: String,
    /// 1 = best.
    pub rank: usize,
    /// Score the ranking sorts by.
    #[serde(with = "r4")]
    pub rank_score: f32,
    /// Trimmed score of the main shot, 0..100.
    #[serde(with = "r4")]
    pub base_score: f32,
    /// Cross-take focus term, -20..20 points.
    #[serde(with = "r4")]
    pub focus_adjust: f32,
    /// What is good about the take, e.g. "sharpest focus (+12)".
    pub strengths: Vec<String>,
    /// What is wrong with it, e.g. "shaky at the head (-7)", "blink at out".
    pub problems: Vec<String>,
    /// `strengths` then `problems` (or "clean take (score N)" when both are empty).
    pub reasons: Vec<String>,
}

/// The ranking of a set of takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakeRanking {
    /// Takes, best first.
    pub takes: Vec<RankedTake>,
    /// One sentence, e.g. "take 3 ranks first: sharpest focus (+12), no blink at out; take 1: shaky head".
    pub summary: String,
}

fn main_shot(report: &ClipReport) -> Option<&ShotReport> {
    report.shots.iter().max_by_key(|s| {
        (
            s.trim.out_frame - s.trim.in_frame,
            std::cmp::Reverse(s.index),
        )
    })
}

fn label_of(report: &ClipReport, i: usize) -> String {
    report
        .source
        .as_deref()
        .and_then(|s| {
            std::path::Path::new(s)
                .file_name()?
                .to_str()
                .map(str::to_string)
        })
        .unwrap_or_else(|| format!("take {}", i + 1))
}

fn trimmed_focus(report: &ClipReport, shot: &ShotReport) -> Option<f32> {
    let values: Vec<f32> = report
        .frames
        .iter()
        .filter(|f| f.frame >= shot.trim.in_frame && f.frame < shot.trim.out_frame)
        .map(|f| f.focus)
        .collect();
    median(&values)
}

/// Where a flag's ranges sit in the shot: "throughout", "at the head", "at the tail"
/// or "in the middle".
fn place(shot: &ShotReport, ranges: &[crate::shots::FrameRange]) -> &'static str {
    let len = (shot.end - shot.start).max(1);
    let covered: i64 = ranges.iter().map(|r| r.len()).sum();
    let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
        return "";
    };
    if covered * 5 >= len * 3 {
        "throughout"
    } else if first.start - shot.start <= len / 5 {
        "at the head"
    } else if shot.end - last.end <= len / 5 {
        "at the tail"
    } else {
        "in the middle"
    }
}

/// Negative remarks from the flags, each with the points its component cost the
/// trimmed take when that is at least 1, e.g. "shaky at the head (-7)"; then costly
/// components without a flag, e.g. "noise (-4)".
fn remarks(shot: &ShotReport) -> Vec<String> {
    let lost = |c: Component| {
        shot.trimmed_breakdown
            .iter()
            .find(|x| x.name == c)
            .map_or(0.0, |x| x.points_lost)
    };
    let points = |c: Component| {
        let p = lost(c).round() as i32;
        if p >= 1 {
            format!(" (-{p})")
        } else {
            String::new()
        }
    };
    let mut out = Vec::new();
    let mut explained = Vec::new();
    for flag in &shot.flags {
        let (word, component) = match flag.kind {
            FlagKind::Shaky => ("shaky", Component::Shake),
            FlagKind::SoftFocus => ("soft", Component::Focus),
            FlagKind::ClippedHighlights => ("clipped", Component::Exposure),
            FlagKind::FaceOutOfFocus => ("face soft", Component::FaceFocus),
            FlagKind::FlashFrame => ("flash", Component::Flash),
            FlagKind::FrozenFrames => ("frozen frames", Component::Frozen),
            FlagKind::BlinkAtIn => {
                out.push("blink at in".to_string());
                continue;
            }
            FlagKind::BlinkAtOut => {
                out.push("blink at out".to_string());
                continue;
            }
            _ => continue,
        };
        explained.push(component);
        out.push(format!(
            "{word} {}{}",
            place(shot, &flag.ranges),
            points(component)
        ));
    }
    let mut costly: Vec<_> = shot
        .trimmed_breakdown
        .iter()
        .filter(|c| c.points_lost >= 3.0 && !explained.contains(&c.name))
        .collect();
    costly.sort_by(|a, b| b.points_lost.total_cmp(&a.points_lost));
    for c in costly.into_iter().take(2) {
        out.push(format!("{}{}", c.name.name(), points(c.name)));
    }
    out
}

/// Ranks `takes` (reports of clips of the same setup), best first. Ties keep input order.
pub fn rank_takes(takes: &[&ClipReport]) -> TakeRanking {
    let shots: Vec<Option<&ShotReport>> = takes.iter().map(|r| main_shot(r)).collect();
    let focus: Vec<Option<f32>> = takes
        .iter()
        .zip(&shots)
        .map(|(r, s)| s.and_then(|s| trimmed_focus(r, s)))
        .collect();
    let known: Vec<f32> = focus.iter().flatten().copied().collect();
    let reference = median(&known).filter(|m| *m > 1e-6 && known.len() >= 2);
    let sharpest = known.iter().copied().fold(f32::MIN, f32::max);
    let any_blink_out = shots
        .iter()
        .flatten()
        .any(|s| s.flags.iter().any(|f| f.kind == FlagKind::BlinkAtOut));
    let mut ranked: Vec<RankedTake> = takes
        .iter()
        .enumerate()
        .map(|(i, report)| {
            let label = label_of(report, i);
            let Some(shot) = shots[i] else {
                return RankedTake {
                    take: i,
                    label,
                    rank: 0,
                    rank_score: 0.0,
                    base_score: 0.0,
                    focus_adjust: 0.0,
                    strengths: Vec::new(),
                    problems: vec!["no usable shot".to_string()],
                    reasons: vec!["no usable shot".to_string()],
                };
            };
            let adjust = match (focus[i], reference) {
                (Some(f), Some(m)) if f > 0.0 => 20.0 * (f / m).log2().clamp(-1.0, 1.0),
                _ => 0.0,
            };
            let mut good = Vec::new();
            let pts = adjust.round() as i32;
            let mut bad = Vec::new();
            if pts >= 2 {
                let word = if focus[i] == Some(sharpest) {
                    "sharpest"
                } else {
                    "sharper"
                };
                good.push(format!("{word} focus (+{pts})"));
            } else if pts <= -2 {
                bad.push(format!("softer focus ({pts})"));
            }
            let has_blink_out = shot.flags.iter().any(|f| f.kind == FlagKind::BlinkAtOut);
            if any_blink_out && !has_blink_out {
                good.push("no blink at out".to_string());
            }
            bad.extend(remarks(shot));
            // The best take leads with what is good about it, the others with their problems.
            let mut reasons = good.clone();
            reasons.extend(bad.iter().cloned());
            if reasons.is_empty() {
                reasons.push(format!("clean take (score {:.0})", shot.trimmed_score));
            }
            RankedTake {
                take: i,
                label,
                rank: 0,
                rank_score: shot.trimmed_score + adjust,
                base_score: shot.trimmed_score,
                focus_adjust: adjust,
                strengths: good,
                problems: bad,
                reasons,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.rank_score
            .total_cmp(&a.rank_score)
            .then(a.take.cmp(&b.take))
    });
    for (k, t) in ranked.iter_mut().enumerate() {
        t.rank = k + 1;
    }
    let summary = ranked
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let lead = if k == 0 {
                format!("{} ranks first", t.label)
            } else {
                t.label.clone()
            };
            // The best take leads with its strengths, the others with their problems.
            let items: Vec<&String> = if k == 0 || t.problems.is_empty() {
                t.reasons.iter().collect()
            } else {
                t.problems.iter().collect()
            };
            let items: Vec<&str> = items.into_iter().take(3).map(String::as_str).collect();
            format!("{lead}: {}", items.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    TakeRanking {
        takes: ranked,
        summary,
    }
}
