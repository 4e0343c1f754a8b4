//! The selects assembly as an OpenTimelineIO timeline (`assembly.otio`).
//!
//! What an editor gets on import (Resolve, Nuke Studio): track **V1 "Selects"** holds
//! the chosen take of every setup, in the assembly's order, each clip's
//! `source_range` being that take's suggested trim (the whole media is its
//! `available_range`, so heads and tails stay available as handles). Each chosen clip
//! carries a green marker on its first frame named why it won (`won: sharpest focus
//! (+12), no blink at out`), with the ranking's summary as the comment.
//!
//! The alternates sit on the tracks above, **V2 "Alternates 1"** (the second-ranked
//! take of each setup), V3 "Alternates 2", ..., aligned under their setup's chosen
//! clip: each alternate starts at its own suggested in, is cut to the chosen clip's
//! duration when longer and followed by a gap when shorter, so setups stay in sync
//! across tracks. The alternate tracks are disabled (`enabled: false`) so playback
//! shows the selects; each alternate has a yellow marker with its rank and problems.
//! Ranking details are in each clip's metadata under `"circletake"`; setups without a
//! usable take are listed in the timeline's metadata (`unplaced`).

use std::path::Path;

use serde_json::{json, Value};

use crate::assemble::{Assembly, AssemblyGroup, AssemblyTake};

use super::otio::{file_url, rational, time_range};
use super::{rate_f64, write_atomic, ExportError};

/// Media-time offset of a take: its source timecode of frame 0, else 0.
fn offset(t: &AssemblyTake) -> i64 {
    t.source_start.unwrap_or(0)
}

fn reference(t: &AssemblyTake, rate: f64) -> Value {
    json!({
        "OTIO_SCHEMA": "ExternalReference.1",
        "name": t.file,
        "target_url": file_url(&t.media_path),
        "available_range": time_range(offset(t) + t.first_frame, t.frame_count as i64, rate),
        "available_image_bounds": null,
        "metadata": {},
    })
}

fn marker(name: &str, comment: &str, color: &str, at: i64, rate: f64) -> Value {
    json!({
        "OTIO_SCHEMA": "Marker.2",
        "name": name,
        "comment": comment,
        "color": color,
        "marked_range": time_range(at, 1, rate),
        "metadata": {},
    })
}

fn take_metadata(g: &AssemblyGroup, t: &AssemblyTake) -> Value {
    json!({"circletake": {
        "group": g.name,
        "take": t.name,
        "rank": t.rank,
        "rank_score": t.rank_score,
        "base_score": t.base_score,
        "focus_adjust": t.focus_adjust,
        "membership": t.membership,
        "reasons": t.reasons,
        "shot_index": t.shot,
        "trim": t.trim,
        "takes_in_group": g.takes.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
    }})
}

/// A clip of take `t` from its trim in, `duration` frames long.
fn clip(
    g: &AssemblyGroup,
    t: &AssemblyTake,
    start: i64,
    duration: i64,
    markers: Vec<Value>,
    rate: f64,
) -> Value {
    json!({
        "OTIO_SCHEMA": "Clip.2",
        "name": format!("{}: {} ({:.0})", g.name, t.name, t.rank_score),
        "source_range": time_range(offset(t) + start, duration, rate),
        "media_references": {"DEFAULT_MEDIA": reference(t, rate)},
        "active_media_reference_key": "DEFAULT_MEDIA",
        "effects": [],
        "markers": markers,
        "enabled": true,
        "metadata": take_metadata(g, t),
    })
}

fn gap(duration: i64, rate: f64) -> Value {
    json!({
        "OTIO_SCHEMA": "Gap.1",
        "name": "",
        "source_range": time_range(0, duration, rate),
        "effects": [],
        "markers": [],
        "enabled": true,
        "metadata": {},
    })
}

fn track(name: &str, children: Vec<Value>, enabled: bool) -> Value {
    json!({
        "OTIO_SCHEMA": "Track.1",
        "name": name,
        "kind": "Video",
        "children": children,
        "source_range": null,
        "effects": [],
        "markers": [],
        "enabled": enabled,
        "metadata": {},
    })
}

/// The OTIO document of `assembly`. `path` only names the file in errors.
pub fn assembly_otio_value(assembly: &Assembly, path: &Path) -> Result<Value, ExportError> {
    let rate = rate_f64(assembly.frame_rate);
    if rate <= 0.0 {
        return Err(ExportError::Invalid {
            path: path.to_path_buf(),
            reason: "invalid frame rate".into(),
        });
    }
    let placed: Vec<&AssemblyGroup> = assembly
        .groups
        .iter()
        .filter(|g| g.record_in.is_some() && g.duration > 0)
        .collect();
    let selects: Vec<Value> = placed
        .iter()
        .map(|g| {
            let t = &g.takes[0];
            let [tin, _] = t.trim.unwrap_or([t.first_frame, t.first_frame]);
            let m = marker(&g.why, &g.summary, "GREEN", offset(t) + tin, rate);
            clip(g, t, tin, g.duration, vec![m], rate)
        })
        .collect();
    let alternates = placed.iter().map(|g| g.takes.len() - 1).max().unwrap_or(0);
    let mut tracks = vec![track("Selects", selects, true)];
    for k in 1..=alternates {
        let mut children = Vec::new();
        for g in &placed {
            match g.takes.get(k).and_then(|t| t.trim.map(|tr| (t, tr))) {
                Some((t, [tin, tout])) => {
                    let len = (tout - tin).min(g.duration);
                    let problems = if t.problems.is_empty() {
                        t.reasons.join(", ")
                    } else {
                        t.problems.join(", ")
                    };
                    let name = format!("alt {}: {problems}", t.rank);
                    let m = marker(&name, &g.summary, "YELLOW", offset(t) + tin, rate);
                    children.push(clip(g, t, tin, len, vec![m], rate));
                    if g.duration > len {
                        children.push(gap(g.duration - len, rate));
                    }
                }
                None => children.push(gap(g.duration, rate)),
            }
        }
        tracks.push(track(&format!("Alternates {k}"), children, false));
    }
    let unplaced: Vec<Value> = assembly
        .groups
        .iter()
        .filter(|g| g.record_in.is_none() || g.duration == 0)
        .map(|g| json!({"group": g.name, "takes": g.takes.iter().map(|t| &t.name).collect::<Vec<_>>()}))
        .collect();
    Ok(json!({
        "OTIO_SCHEMA": "Timeline.1",
        "name": "CircleTake assembly",
        "global_start_time": rational(assembly.record_start_frame, rate),
        "tracks": {
            "OTIO_SCHEMA": "Stack.1",
            "name": "tracks",
            "children": tracks,
            "source_range": null,
            "effects": [],
            "markers": [],
            "enabled": true,
            "metadata": {},
        },
        "metadata": {"circletake": {
            "format": assembly.format,
            "version": assembly.version,
            "frame_rate": {"num": assembly.frame_rate.num, "den": assembly.frame_rate.den},
            "drop_frame": assembly.drop_frame,
            "order": assembly.order,
            "groups": assembly.groups.iter().map(|g| json!({
                "name": g.name,
                "chosen": g.takes[0].name,
                "why": g.why,
                "takes": g.takes.iter().map(|t| &t.name).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "unplaced": unplaced,
        }},
    }))
}

/// The OTIO JSON text (pretty, stable key order, final newline).
pub fn assembly_otio_string(assembly: &Assembly, path: &Path) -> Result<String, ExportError> {
    let v = assembly_otio_value(assembly, path)?;
    let mut s = serde_json::to_string_pretty(&v).expect("JSON values always serialise");
    s.push('\n');
    Ok(s)
}

/// Writes the assembly's OTIO timeline to `path` (atomically).
pub fn write_assembly_otio(assembly: &Assembly, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, assembly_otio_string(assembly, path)?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::plan::testutil::assembly;

    fn durations(track: &Value) -> Vec<(String, i64)> {
        track["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["OTIO_SCHEMA"].as_str().unwrap().to_string(),
                    c["source_range"]["duration"]["value"].as_f64().unwrap() as i64,
                )
            })
            .collect()
    }

    #[test]
    fn alternates_are_aligned_under_their_select() {
        let v = assembly_otio_value(&assembly(), Path::new("a.otio")).unwrap();
        let tracks = v["tracks"]["children"].as_array().unwrap();
        assert_eq!(tracks.len(), 3);
        let clip = |s: &str, d| (s.to_string(), d);
        assert_eq!(
            durations(&tracks[0]),
            [clip("Clip.2", 50), clip("Clip.2", 25)]
        );
        // Alternate 1 (80 frames) is cut to the select's 50; the other setup has none.
        assert_eq!(
            durations(&tracks[1]),
            [clip("Clip.2", 50), clip("Gap.1", 25)]
        );
        // Alternate 2 (20 frames) is followed by a gap up to the select's length.
        assert_eq!(
            durations(&tracks[2]),
            [clip("Clip.2", 20), clip("Gap.1", 30), clip("Gap.1", 25)]
        );
        assert_eq!(tracks[1]["enabled"], false);
        let select = &tracks[0]["children"][0];
        // Source timecode 10:00:00:00 + trim in 10.
        assert_eq!(select["source_range"]["start_time"]["value"], 900_010.0);
        let m = &select["markers"][0];
        assert_eq!(m["name"], "won: sharpest focus (+1)");
        assert_eq!(m["color"], "GREEN");
        assert_eq!(m["marked_range"]["start_time"]["value"], 900_010.0);
        let url = select["media_references"]["DEFAULT_MEDIA"]["target_url"]
            .as_str()
            .unwrap();
        assert_eq!(url, "file:///media/day%201/2_T1.mov");
        assert_eq!(v["metadata"]["circletake"]["unplaced"][0]["group"], "13");
        assert_eq!(v["global_start_time"]["value"], 90_000.0);
    }
}
