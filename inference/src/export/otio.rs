//! An OpenTimelineIO timeline (`<clip>.otio`, OTIO's JSON with schemas
//! `Timeline.1`, `Stack.1`, `Track.1`, `Clip.2`, `ExternalReference.1`, `Marker.2`,
//! `TimeRange.1`, `RationalTime.1`).
//!
//! What an editor gets on import (Resolve, Nuke Studio, Premiere via the adapters):
//! a *selects* timeline. One video track holds one clip per shot that has a usable
//! trim, in source order, each clip's `source_range` being that shot's suggested
//! in/out; every clip references the whole media (`available_range`), so the
//! trimmed-off heads and tails stay available as handles. A single clip of the best
//! shot would throw away the other shots of a multi-shot file; a string-out of all
//! trims lets the editor delete what they don't want.
//!
//! Markers sit on the clips in media time: cuts, transitions, blinks, flash and
//! frozen frames and the other flags, each on the clip of the shot it falls in
//! (events between shots, e.g. a dissolve, on the clip that follows, else the one
//! before), coloured by kind, named with a short reason, with the details in the
//! marker's `comment`; markers starting on the same frame are merged into one
//! (Resolve keeps one per frame; the other kinds are listed in the marker's
//! metadata under `also`). Markers in a trimmed-off head or tail show once the handle is
//! extended. Shot scores, breakdowns and flags are in each clip's metadata under
//! `"circletake"`; clip-level facts in the timeline's. Shots without a usable trim
//! get no clip (listed in the timeline metadata); a clip with no usable shot at all
//! becomes one clip of the whole media.

use std::path::Path;

use serde_json::{json, Value};

use crate::report::{ClipReport, ShotReport};
use crate::shots::FrameRange;

use super::markers::{flag_id, merge_same_start, report_markers, Marker};
use super::{rate_f64, write_atomic, ClipInfo, ExportError};

/// OTIO `RationalTime.1` of `value` frames at `rate`.
pub(crate) fn rational(value: i64, rate: f64) -> Value {
    json!({"OTIO_SCHEMA": "RationalTime.1", "rate": rate, "value": value as f64})
}

/// OTIO `TimeRange.1` of `duration` frames from `start` at `rate`.
pub(crate) fn time_range(start: i64, duration: i64, rate: f64) -> Value {
    json!({
        "OTIO_SCHEMA": "TimeRange.1",
        "start_time": rational(start, rate),
        "duration": rational(duration, rate),
    })
}

/// `file://` URL of `path` (made absolute against the current folder when
/// relative), with every byte outside RFC 3986's unreserved set and `/`
/// percent-encoded.
pub fn file_url(path: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (b == b':' && out.len() <= 9) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One OTIO marker. `offset` maps report frames to media time.
fn marker_value(m: &Marker, offset: i64, rate: f64) -> Value {
    json!({
        "OTIO_SCHEMA": "Marker.2",
        "name": m.name,
        "comment": m.comment,
        "color": m.kind.otio_color(),
        "marked_range": time_range(offset + m.range.start, m.range.len().max(1), rate),
        "metadata": {"circletake": {
            "kind": m.kind.id(),
            "also": m.also.iter().map(|k| k.id()).collect::<Vec<_>>(),
            "shot": m.shot,
        }},
    })
}

fn shot_metadata(s: &ShotReport) -> Value {
    json!({
        "shot_index": s.index,
        "shot_range": [s.start, s.end],
        "usable_range": [s.usable_start, s.usable_end],
        "score": crate::shots::rounding::round4(s.score),
        "trimmed_score": crate::shots::rounding::round4(s.trimmed_score),
        "trim": s.trim,
        "breakdown": s.trimmed_breakdown,
        "whole_shot_breakdown": s.breakdown,
        "flags": s.flags.iter().map(|f| json!({
            "kind": flag_id(f.kind),
            "ranges": f.ranges.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
            "detail": f.detail,
        })).collect::<Vec<_>>(),
        "best_segment": s.best_segment,
    })
}

/// Index of the clip (by its frame range) that owns a marker: the one whose shot
/// contains it, else the first that starts after it, else the last.
fn owner(ranges: &[(FrameRange, Option<usize>)], m: &Marker) -> usize {
    if let Some(shot) = m.shot {
        if let Some(i) = ranges.iter().position(|(_, s)| *s == Some(shot)) {
            return i;
        }
    }
    if let Some(i) = ranges.iter().position(|(r, _)| r.contains(m.range.start)) {
        return i;
    }
    ranges
        .iter()
        .position(|(r, _)| r.start >= m.range.start)
        .unwrap_or(ranges.len() - 1)
}

/// The OTIO document for `report`. `path` only names the file in errors.
pub fn otio_value(report: &ClipReport, clip: &ClipInfo, path: &Path) -> Result<Value, ExportError> {
    let invalid = |reason: String| ExportError::Invalid {
        path: path.to_path_buf(),
        reason,
    };
    let rate = rate_f64(report.frame_rate);
    let format = clip
        .timecode_format(report.frame_rate)
        .map_err(|e| invalid(e.to_string()))?;
    let record_start = clip
        .record_start_frames(format)
        .map_err(|e| invalid(format!("record start: {e}")))?;
    let offset = clip.source_start.unwrap_or(0);
    let media_range = time_range(offset + report.first_frame, report.frame_count as i64, rate);
    let media_name = clip
        .media_path
        .as_deref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| clip.name.clone());
    let reference = match &clip.media_path {
        Some(p) => json!({
            "OTIO_SCHEMA": "ExternalReference.1",
            "name": media_name,
            "target_url": file_url(p),
            "available_range": media_range,
            "available_image_bounds": null,
            "metadata": {},
        }),
        None => json!({
            "OTIO_SCHEMA": "MissingReference.1",
            "name": media_name,
            "available_range": media_range,
            "available_image_bounds": null,
            "metadata": {},
        }),
    };

    // (range in report frames, shot index) of every clip on the track.
    let mut ranges: Vec<(FrameRange, Option<usize>)> = report
        .shots
        .iter()
        .filter(|s| s.trim.out_frame > s.trim.in_frame)
        .map(|s| {
            (
                FrameRange::new(s.trim.in_frame, s.trim.out_frame),
                Some(s.index),
            )
        })
        .collect();
    let skipped: Vec<usize> = report
        .shots
        .iter()
        .filter(|s| s.trim.out_frame <= s.trim.in_frame)
        .map(|s| s.index)
        .collect();
    if ranges.is_empty() && report.frame_count > 0 {
        let whole = FrameRange::new(
            report.first_frame,
            report.first_frame + report.frame_count as i64,
        );
        ranges.push((whole, None));
    }
    let mut clip_markers: Vec<Vec<Value>> = vec![Vec::new(); ranges.len()];
    if !ranges.is_empty() {
        let mut per_clip: Vec<Vec<Marker>> = vec![Vec::new(); ranges.len()];
        for m in report_markers(report, false) {
            per_clip[owner(&ranges, &m)].push(m);
        }
        for (values, markers) in clip_markers.iter_mut().zip(per_clip) {
            // One marker per frame (Resolve keeps only one).
            values.extend(
                merge_same_start(markers)
                    .iter()
                    .map(|m| marker_value(m, offset, rate)),
            );
        }
    }
    let children: Vec<Value> = ranges
        .iter()
        .zip(clip_markers)
        .map(|((r, shot), markers)| {
            let s = shot.and_then(|i| report.shots.get(i));
            let (name, meta) = match s {
                Some(s) => (
                    format!(
                        "{} shot {} ({:.0})",
                        clip.name,
                        s.index + 1,
                        s.trimmed_score
                    ),
                    shot_metadata(s),
                ),
                None => (format!("{} (no usable shot)", clip.name), json!({})),
            };
            json!({
                "OTIO_SCHEMA": "Clip.2",
                "name": name,
                "source_range": time_range(offset + r.start, r.len(), rate),
                "media_references": {"DEFAULT_MEDIA": reference},
                "active_media_reference_key": "DEFAULT_MEDIA",
                "effects": [],
                "markers": markers,
                "enabled": true,
                "metadata": {"circletake": meta},
            })
        })
        .collect();
    let track = json!({
        "OTIO_SCHEMA": "Track.1",
        "name": "CircleTake selects",
        "kind": "Video",
        "children": children,
        "source_range": null,
        "effects": [],
        "markers": [],
        "enabled": true,
        "metadata": {},
    });
    let meta = json!({
        "format": report.format,
        "report_version": report.version,
        "source": report.source,
        "frame_rate": {"num": report.frame_rate.num, "den": report.frame_rate.den},
        "drop_frame": format.drop_frame,
        "frame_count": report.frame_count,
        "first_frame": report.first_frame,
        "models": report.models,
        "shot_count": report.shots.len(),
        "shots_without_trim": skipped,
        "cuts": report.cuts,
        "transitions": report.transitions,
    });
    Ok(json!({
        "OTIO_SCHEMA": "Timeline.1",
        "name": clip.name,
        "global_start_time": rational(record_start, rate),
        "tracks": {
            "OTIO_SCHEMA": "Stack.1",
            "name": "tracks",
            "children": [track],
            "source_range": null,
            "effects": [],
            "markers": [],
            "enabled": true,
            "metadata": {},
        },
        "metadata": {"circletake": meta},
    }))
}

/// The OTIO JSON text (pretty, stable key order, final newline).
pub fn otio_string(
    report: &ClipReport,
    clip: &ClipInfo,
    path: &Path,
) -> Result<String, ExportError> {
    let v = otio_value(report, clip, path)?;
    let mut s = serde_json::to_string_pretty(&v).expect("JSON values always serialise");
    s.push('\n');
    Ok(s)
}

/// Writes the OTIO timeline of `report` to `path` (atomically).
pub fn write_otio(report: &ClipReport, clip: &ClipInfo, path: &Path) -> Result<(), ExportError> {
    let text = otio_string(report, clip, path)?;
    write_atomic(path, text.as_bytes())
}
