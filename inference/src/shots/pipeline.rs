//! The clip-level pipeline: per-frame signals in, [`ClipReport`] out.

use std::borrow::Cow;

use crate::report::{ClipReport, FrameReport, ModelsUsed, ReportOptions, ShotReport};
use crate::report::{REPORT_FORMAT, REPORT_VERSION};
use crate::signals::types::{FrameRate, FrameSignals};

use super::boundaries::{self, detect_boundaries, BoundaryContext, BoundarySource};
use super::events::{flash_ranges, frozen_ranges};
use super::faces::analyze_faces;
use super::flags::shot_flags;
use super::score::{frame_score, shot_score, EventCounts, FrameFacts};
use super::stats::{fps_of, frames_for};
use super::temporal::{black_frames, motion, relative_focus};
use super::trim::{best_segment, suggest_trim};
use super::{shot_ranges, FrameRange};

fn clean(x: f32) -> f32 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// Counts the events of `[s, e)` (indices): blinks starting there, flashes and frozen
/// runs overlapping it.
fn events_in(
    s: usize,
    e: usize,
    blinks: &[FrameRange],
    flashes: &[FrameRange],
    frozen: &[FrameRange],
) -> EventCounts {
    let (s, e) = (s as i64, e as i64);
    let overlaps = |r: &&FrameRange| r.start < e && r.end > s;
    EventCounts {
        blinks: blinks
            .iter()
            .filter(|b| b.start >= s && b.start < e)
            .count(),
        flashes: flashes.iter().filter(overlaps).count(),
        freezes: frozen.iter().filter(overlaps).count(),
    }
}

/// A placeholder for a frame number the caller did not analyse: neutral values, no
/// motion, never black; the pipeline keeps it out of every shot (`ClipReport::gaps`).
fn placeholder(frame: i64, model: bool) -> FrameSignals {
    FrameSignals {
        frame,
        focus: 0.0,
        luma_mean: 0.5,
        clipped_highlights: 0.0,
        crushed_shadows: 0.0,
        motion_dx: 0.0,
        motion_dy: 0.0,
        motion_confidence: 0.0,
        residual_motion: 0.0,
        diff_prev: 0.0,
        noise: 0.0,
        cut_prob: model.then_some(0.0),
        transition_prob: model.then_some(0.0),
        faces: Vec::new(),
        faces_analyzed: false,
    }
}

/// The frames as one dense run of consecutive frame numbers: sorted, duplicates
/// dropped (first kept), gaps filled with placeholders. Returns the run and which
/// entries were analysed.
fn densify(frames: &[FrameSignals]) -> (Cow<'_, [FrameSignals]>, Vec<bool>) {
    let dense = frames.windows(2).all(|w| w[1].frame == w[0].frame + 1);
    if dense {
        return (Cow::Borrowed(frames), vec![true; frames.len()]);
    }
    let mut sorted: Vec<&FrameSignals> = frames.iter().collect();
    sorted.sort_by_key(|f| f.frame);
    sorted.dedup_by_key(|f| f.frame);
    let model = boundaries::model_available(frames);
    let mut out = Vec::new();
    let mut analyzed = Vec::new();
    for f in sorted {
        if let Some(last) = out.last().map(|l: &FrameSignals| l.frame) {
            for missing in last + 1..f.frame {
                out.push(placeholder(missing, model));
                analyzed.push(false);
            }
        }
        out.push(f.clone());
        analyzed.push(true);
    }
    (Cow::Owned(out), analyzed)
}

/// Runs the whole clip-level analysis (see [`crate::report::build_report`]).
pub fn analyze(input: &[FrameSignals], rate: FrameRate, options: &ReportOptions) -> ClipReport {
    let th = &options.thresholds;
    let fps = fps_of(rate);
    let (frames, analyzed) = densify(input);
    let frames: &[FrameSignals] = &frames;
    let n = frames.len();
    let first = frames.first().map_or(0, |f| f.frame);
    let black = black_frames(frames, th);
    let flashes = flash_ranges(frames, &black, th);
    let clip_motion = motion(frames, fps, th);
    let whip: Vec<bool> = clip_motion.iter().map(|m| m.whip_pan).collect();
    let ctx = BoundaryContext {
        black: &black,
        flashes: &flashes,
        whip: &whip,
    };
    let bounds = detect_boundaries(frames, ctx, fps, th);
    let not_analyzed: Vec<bool> = analyzed.iter().map(|a| !a).collect();
    let gaps: Vec<FrameRange> = super::stats::runs(&not_analyzed, 1, 0)
        .into_iter()
        .map(|(s, e)| FrameRange::new(s as i64, e as i64))
        .collect();
    let shots = shot_ranges(n, &bounds.cuts, &bounds.transitions, &gaps);
    let frozen: Vec<FrameRange> = shots
        .iter()
        .flat_map(|&(s, e)| {
            frozen_ranges(&frames[s..e], &black[s..e], th)
                .into_iter()
                .map(move |r| r.shift(s as i64))
        })
        .collect();
    let faces = analyze_faces(frames, fps, th);
    let blink_ranges: Vec<FrameRange> = faces.blinks.iter().map(|b| b.range).collect();

    let mut facts: Vec<FrameFacts> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| FrameFacts {
            black: black[i],
            blink: faces.blinking[i],
            clipped: clean(f.clipped_highlights),
            luma: clean(f.luma_mean),
            crushed: clean(f.crushed_shadows),
            noise: clean(f.noise),
            face_focus_rel: faces.face_focus_rel[i],
            focus_rel: 1.0,
            shake: clip_motion[i].shake,
            pan_speed: clip_motion[i].pan_speed,
            whip_pan: clip_motion[i].whip_pan,
            pan: clip_motion[i].pan,
            ..Default::default()
        })
        .collect();
    for r in &flashes {
        (r.start..r.end).for_each(|i| facts[i as usize].flash = true);
    }
    for r in &frozen {
        (r.start..r.end).for_each(|i| facts[i as usize].frozen = true);
    }
    // Gaps are no shot material either: they score 0 like transitions.
    for r in bounds.transitions.iter().map(|t| &t.range).chain(&gaps) {
        (r.start..r.end).for_each(|i| facts[i as usize].transition = true);
    }
    let mut shot_of = vec![None; n];
    for (k, &(s, e)) in shots.iter().enumerate() {
        let m = motion(&frames[s..e], fps, th);
        let counts: Vec<bool> = facts[s..e]
            .iter()
            .map(|f| !f.black && !f.flash && !f.frozen)
            .collect();
        // Washed-out frames (junk, see `Thresholds::washed_clipped_min`) have inflated
        // edge contrast: no reference for sharpness unless they are most of the shot.
        let unwashed: Vec<bool> = facts[s..e]
            .iter()
            .zip(&counts)
            .map(|(f, &c)| {
                c && !(f.clipped >= th.washed_clipped_min && f.luma >= th.washed_luma_min)
            })
            .collect();
        let n_unwashed = unwashed.iter().filter(|&&c| c).count();
        let n_counts = counts.iter().filter(|&&c| c).count();
        let reference = if n_unwashed >= 3 && n_unwashed * 4 >= n_counts {
            &unwashed
        } else {
            &counts
        };
        let rel = relative_focus(&frames[s..e], reference);
        for (j, i) in (s..e).enumerate() {
            let f = &mut facts[i];
            f.shake = m[j].shake;
            f.pan_speed = m[j].pan_speed;
            f.pan = m[j].pan;
            // Whip-pans keep the clip-wide detection: a cut inside one must not hide it.
            f.whip_pan |= m[j].whip_pan;
            f.focus_rel = rel[j];
            shot_of[i] = Some(k);
        }
    }
    let scores: Vec<f32> = facts.iter().map(|f| frame_score(f, th)).collect();

    let segment_len = frames_for(options.best_segment_s, fps, 0);
    let shot_reports: Vec<ShotReport> = shots
        .iter()
        .enumerate()
        .map(|(k, &(s, e))| {
            let sf = &facts[s..e];
            let junk = |f: &FrameFacts| f.black || f.flash || f.frozen;
            let us = sf.iter().position(|f| !junk(f)).map_or(e, |p| s + p);
            let ue = sf.iter().rposition(|f| !junk(f)).map_or(us, |p| s + p + 1);
            let (score, breakdown) =
                shot_score(sf, events_in(s, e, &blink_ranges, &flashes, &frozen), th);
            let trim = suggest_trim(sf, &scores[s..e], first + s as i64, rate, th);
            let (ti, to) = (
                (trim.in_frame - first) as usize,
                (trim.out_frame - first) as usize,
            );
            let (trimmed_score, trimmed_breakdown) = if to > ti {
                shot_score(
                    &facts[ti..to],
                    events_in(ti, to, &blink_ranges, &flashes, &frozen),
                    th,
                )
            } else {
                (0.0, shot_score(&[], EventCounts::default(), th).1)
            };
            let shot_blinks: Vec<FrameRange> = blink_ranges
                .iter()
                .filter(|b| b.start >= s as i64 && b.start < e as i64)
                .map(|b| b.shift(first))
                .collect();
            let usable = FrameRange::new(first + us as i64, first + ue as i64);
            let flags = shot_flags(sf, first + s as i64, usable, &shot_blinks, fps, th);
            let best = (segment_len > 0)
                .then(|| best_segment(&facts, &scores, (s, e), segment_len, first))
                .flatten();
            ShotReport {
                index: k,
                start: first + s as i64,
                end: first + e as i64,
                usable_start: usable.start,
                usable_end: usable.end,
                score,
                breakdown,
                trimmed_score,
                trimmed_breakdown,
                flags,
                trim,
                best_segment: best,
            }
        })
        .collect();

    let mut all_flags: Vec<_> = shot_reports.iter().flat_map(|s| s.flags.clone()).collect();
    all_flags.sort_by_key(|f| (f.ranges.first().map_or(0, |r| r.start), f.kind));
    let frame_reports: Vec<FrameReport> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let x = &facts[i];
            FrameReport {
                frame: f.frame,
                analyzed: analyzed[i],
                shot: shot_of[i],
                score: scores[i],
                focus: clean(f.focus),
                focus_rel: x.focus_rel,
                luma: clean(f.luma_mean),
                clipped: x.clipped,
                crushed: x.crushed,
                noise: x.noise,
                shake: x.shake,
                pan_speed: x.pan_speed,
                diff_prev: clean(f.diff_prev),
                cut_prob: f.cut_prob.map(clean),
                transition_prob: f.transition_prob.map(clean),
                face_focus_rel: x.face_focus_rel,
                black: x.black,
                flash: x.flash,
                frozen: x.frozen,
                transition: x.transition && analyzed[i],
                whip_pan: x.whip_pan,
                pan: x.pan,
                blink: x.blink,
            }
        })
        .collect();

    let faces_ran = frames.iter().any(|f| f.faces_analyzed);
    let eyes = frames
        .iter()
        .any(|f| f.faces.iter().any(|x| x.eye_openness.is_some()));
    let mut notes = Vec::new();
    if bounds.source == BoundarySource::SignalFallback {
        notes.push(
            "TransNetV2 unavailable: cuts from an adaptive frame-difference detector; \
             fades through black are found from luma, dissolves are not detected"
                .to_string(),
        );
    }
    if !faces_ran {
        notes
            .push("face model unavailable or not run: no blink or face-focus analysis".to_string());
    } else if !eyes {
        notes.push("eye model unavailable: no blink detection".to_string());
    }
    let shift = |r: &FrameRange| r.shift(first);
    ClipReport {
        format: REPORT_FORMAT.to_string(),
        version: REPORT_VERSION,
        source: options.source.clone(),
        frame_rate: rate,
        frame_count: n,
        first_frame: first,
        models: ModelsUsed {
            shot_boundaries: bounds.source,
            faces: faces_ran,
            eyes,
            notes,
        },
        shots: shot_reports,
        cuts: bounds
            .cuts
            .into_iter()
            .map(|mut c| {
                c.frame += first;
                c
            })
            .collect(),
        suppressed_cuts: bounds
            .suppressed
            .into_iter()
            .map(|mut c| {
                c.frame += first;
                c
            })
            .collect(),
        transitions: bounds
            .transitions
            .into_iter()
            .map(|mut t| {
                t.range = t.range.shift(first);
                t
            })
            .collect(),
        flags: all_flags,
        blinks: faces
            .blinks
            .into_iter()
            .map(|mut b| {
                b.range = b.range.shift(first);
                b
            })
            .collect(),
        gaps: gaps.iter().map(shift).collect(),
        flashes: flashes.iter().map(shift).collect(),
        frozen: frozen.iter().map(shift).collect(),
        frames: frame_reports,
    }
}

/// [`best_segment`] over a stored report (junk flags and scores come from its frames).
pub fn best_segment_in_report(
    report: &ClipReport,
    shot: &ShotReport,
    length: usize,
) -> Option<super::trim::Segment> {
    let facts: Vec<FrameFacts> = report
        .frames
        .iter()
        .map(|f| FrameFacts {
            black: f.black,
            flash: f.flash,
            frozen: f.frozen,
            transition: f.transition,
            whip_pan: f.whip_pan,
            blink: f.blink,
            ..Default::default()
        })
        .collect();
    let scores: Vec<f32> = report.frames.iter().map(|f| f.score).collect();
    let s = (shot.start - report.first_frame).max(0) as usize;
    let e = ((shot.end - report.first_frame).max(0) as usize).min(facts.len());
    best_segment(&facts, &scores, (s, e), length, report.first_frame)
}
