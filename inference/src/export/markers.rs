//! The markers a report turns into (shared by the OTIO and EDL exports): what
//! happened where, a short name, a comment with the details, and a colour per
//! kind so an editor can tell them apart on the timeline at a glance.
//!
//! Each event is marked once: blinks come from [`ClipReport::blinks`] (named
//! "blink at in/out" where a shot flag says so), flash and frozen frames from
//! [`ClipReport::flashes`]/[`ClipReport::frozen`]; the remaining shot flags
//! (soft focus, shake, exposure, noise, face focus, black frames, whip-pans)
//! give one marker per flagged range.

use crate::report::ClipReport;
use crate::shots::{FlagKind, FrameRange, TransitionKind};
use crate::signals::types::FrameRate;
use crate::timecode::frame_to_timecode;

/// What a marker stands for. The order is the sort order of markers that
/// start on the same frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkerKind {
    /// The suggested trim of a shot (a duration marker over the kept range).
    Select,
    /// A hard cut (the first frame of the new shot).
    Cut,
    /// A gradual transition or black span.
    Transition,
    /// A blink.
    Blink,
    /// Flash frames.
    Flash,
    /// Frozen (repeated) frames.
    Frozen,
    /// Any other shot flag.
    Flag(FlagKind),
}

impl MarkerKind {
    /// DaVinci Resolve marker colour name (as used in `|C:ResolveColor<Name>`).
    pub fn resolve_color(self) -> &'static str {
        match self {
            MarkerKind::Select => "Green",
            MarkerKind::Cut => "Blue",
            MarkerKind::Transition => "Cyan",
            MarkerKind::Blink => "Pink",
            MarkerKind::Flash => "Red",
            MarkerKind::Frozen => "Lavender",
            MarkerKind::Flag(k) => match k {
                FlagKind::SoftFocus => "Yellow",
                FlagKind::Shaky => "Purple",
                FlagKind::ClippedHighlights => "Lemon",
                FlagKind::CrushedBlacks => "Cocoa",
                FlagKind::Noisy => "Sand",
                FlagKind::FaceOutOfFocus => "Rose",
                FlagKind::BlackFrames => "Sky",
                FlagKind::WhipPan => "Fuchsia",
                FlagKind::Blink | FlagKind::BlinkAtIn | FlagKind::BlinkAtOut => "Pink",
                FlagKind::FlashFrame => "Red",
                FlagKind::FrozenFrames => "Lavender",
            },
        }
    }

    /// OpenTimelineIO `MarkerColor` name (the closest of OTIO's eleven colours).
    pub fn otio_color(self) -> &'static str {
        match self {
            MarkerKind::Select => "GREEN",
            MarkerKind::Cut => "BLUE",
            MarkerKind::Transition => "CYAN",
            MarkerKind::Blink => "PINK",
            MarkerKind::Flash => "RED",
            MarkerKind::Frozen => "WHITE",
            MarkerKind::Flag(k) => match k {
                FlagKind::SoftFocus => "YELLOW",
                FlagKind::Shaky => "PURPLE",
                FlagKind::ClippedHighlights | FlagKind::WhipPan => "ORANGE",
                FlagKind::CrushedBlacks | FlagKind::BlackFrames => "BLACK",
                FlagKind::Noisy => "WHITE",
                FlagKind::FaceOutOfFocus => "MAGENTA",
                FlagKind::Blink | FlagKind::BlinkAtIn | FlagKind::BlinkAtOut => "PINK",
                FlagKind::FlashFrame => "RED",
                FlagKind::FrozenFrames => "WHITE",
            },
        }
    }

    /// Stable lower-case identifier (`"cut"`, `"soft_focus"`, ...) for metadata.
    pub fn id(self) -> &'static str {
        match self {
            MarkerKind::Select => "select",
            MarkerKind::Cut => "cut",
            MarkerKind::Transition => "transition",
            MarkerKind::Blink => "blink",
            MarkerKind::Flash => "flash",
            MarkerKind::Frozen => "frozen",
            MarkerKind::Flag(k) => flag_id(k),
        }
    }
}

/// Stable identifier of a flag kind (its serde name).
pub fn flag_id(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::SoftFocus => "soft_focus",
        FlagKind::Shaky => "shaky",
        FlagKind::ClippedHighlights => "clipped_highlights",
        FlagKind::CrushedBlacks => "crushed_blacks",
        FlagKind::Noisy => "noisy",
        FlagKind::BlinkAtIn => "blink_at_in",
        FlagKind::BlinkAtOut => "blink_at_out",
        FlagKind::Blink => "blink",
        FlagKind::FlashFrame => "flash_frame",
        FlagKind::FrozenFrames => "frozen_frames",
        FlagKind::FaceOutOfFocus => "face_out_of_focus",
        FlagKind::BlackFrames => "black_frames",
        FlagKind::WhipPan => "whip_pan",
    }
}

/// Short human name of a flag kind ("soft focus", "whip-pan", ...).
pub fn flag_name(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::SoftFocus => "soft focus",
        FlagKind::Shaky => "shaky",
        FlagKind::ClippedHighlights => "clipped highlights",
        FlagKind::CrushedBlacks => "crushed blacks",
        FlagKind::Noisy => "noisy",
        FlagKind::BlinkAtIn => "blink at in",
        FlagKind::BlinkAtOut => "blink at out",
        FlagKind::Blink => "blink",
        FlagKind::FlashFrame => "flash frame",
        FlagKind::FrozenFrames => "frozen frames",
        FlagKind::FaceOutOfFocus => "face out of focus",
        FlagKind::BlackFrames => "black frames",
        FlagKind::WhipPan => "whip-pan",
    }
}

/// Short human name of a transition kind.
pub fn transition_name(kind: TransitionKind) -> &'static str {
    match kind {
        TransitionKind::Dissolve => "dissolve",
        TransitionKind::FadeOut => "fade out",
        TransitionKind::FadeIn => "fade in",
        TransitionKind::FadeThroughBlack => "fade through black",
        TransitionKind::Black => "black",
    }
}

/// One marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// What it marks.
    pub kind: MarkerKind,
    /// Frame numbers `[start, end)` of the report; at least one frame long.
    pub range: FrameRange,
    /// Short name (the marker's label on the timeline).
    pub name: String,
    /// Details: measured values, confidence, timecodes.
    pub comment: String,
    /// Index of the shot the marker belongs to, if any.
    pub shot: Option<usize>,
    /// Kinds of further markers merged into this one (same start frame), see
    /// [`merge_same_start`].
    pub also: Vec<MarkerKind>,
}

/// `"00:00:01:04-00:00:02:00"` (out = last frame inclusive) for comments.
fn span(range: FrameRange, rate: FrameRate) -> String {
    let last = (range.end - 1).max(range.start);
    if last == range.start {
        frame_to_timecode(range.start, rate)
    } else {
        format!(
            "{}-{}",
            frame_to_timecode(range.start, rate),
            frame_to_timecode(last, rate)
        )
    }
}

/// At least one frame long.
fn non_empty(range: FrameRange) -> FrameRange {
    FrameRange::new(range.start, range.end.max(range.start + 1))
}

/// Which shot contains `frame`.
fn shot_at(report: &ClipReport, frame: i64) -> Option<usize> {
    report
        .shots
        .iter()
        .find(|s| frame >= s.start && frame < s.end)
        .map(|s| s.index)
}

/// All markers of `report`, sorted by start frame, then kind, then name.
/// `selects` adds one duration marker per shot over its suggested trim.
pub fn report_markers(report: &ClipReport, selects: bool) -> Vec<Marker> {
    let rate = report.frame_rate;
    let mut out = Vec::new();
    if selects {
        for s in &report.shots {
            if s.trim.out_frame <= s.trim.in_frame {
                continue;
            }
            let range = FrameRange::new(s.trim.in_frame, s.trim.out_frame);
            let mut comment = format!(
                "suggested trim {} ({} frames), score {:.0} (whole shot {:.0}), confidence {:.2}",
                span(range, rate),
                range.len(),
                s.trimmed_score,
                s.score,
                s.trim.confidence
            );
            for r in &s.trim.reasons {
                comment.push_str("; ");
                comment.push_str(r);
            }
            out.push(Marker {
                kind: MarkerKind::Select,
                range,
                name: format!("shot {} select {:.0}", s.index + 1, s.trimmed_score),
                comment,
                shot: Some(s.index),
                also: Vec::new(),
            });
        }
    }
    for c in &report.cuts {
        out.push(Marker {
            kind: MarkerKind::Cut,
            range: FrameRange::new(c.frame, c.frame + 1),
            name: "cut".to_string(),
            comment: format!(
                "hard cut at {}, confidence {:.2}",
                frame_to_timecode(c.frame, rate),
                c.confidence
            ),
            shot: shot_at(report, c.frame),
            also: Vec::new(),
        });
    }
    for t in &report.transitions {
        let range = non_empty(t.range);
        out.push(Marker {
            kind: MarkerKind::Transition,
            range,
            name: transition_name(t.kind).to_string(),
            comment: format!(
                "{} {} ({} frames), confidence {:.2}; outside every shot",
                transition_name(t.kind),
                span(range, rate),
                range.len(),
                t.confidence
            ),
            shot: None,
            also: Vec::new(),
        });
    }
    for b in &report.blinks {
        let range = non_empty(b.range);
        let shot = shot_at(report, range.start);
        let at = |kind: FlagKind| {
            report.shots.iter().any(|s| {
                s.flags.iter().any(|f| {
                    f.kind == kind
                        && f.ranges
                            .iter()
                            .any(|r| r.start < range.end && r.end > range.start)
                })
            })
        };
        let name = if at(FlagKind::BlinkAtOut) {
            "blink at out"
        } else if at(FlagKind::BlinkAtIn) {
            "blink at in"
        } else {
            "blink"
        };
        out.push(Marker {
            kind: MarkerKind::Blink,
            range,
            name: name.to_string(),
            comment: format!(
                "eyes closed {} ({} frames), face track {}, lowest openness {:.2} of open",
                span(range, rate),
                range.len(),
                b.track,
                b.min_openness
            ),
            shot,
            also: Vec::new(),
        });
    }
    for (list, kind, name) in [
        (&report.flashes, MarkerKind::Flash, "flash frame"),
        (&report.frozen, MarkerKind::Frozen, "frozen frames"),
    ] {
        for r in list {
            let range = non_empty(*r);
            out.push(Marker {
                kind,
                range,
                name: name.to_string(),
                comment: format!("{name} {} ({} frames)", span(range, rate), range.len()),
                shot: shot_at(report, range.start),
                also: Vec::new(),
            });
        }
    }
    for s in &report.shots {
        for f in &s.flags {
            let covered_elsewhere = matches!(
                f.kind,
                FlagKind::Blink
                    | FlagKind::BlinkAtIn
                    | FlagKind::BlinkAtOut
                    | FlagKind::FlashFrame
                    | FlagKind::FrozenFrames
            );
            if covered_elsewhere {
                continue;
            }
            for r in &f.ranges {
                let range = non_empty(*r);
                out.push(Marker {
                    kind: MarkerKind::Flag(f.kind),
                    range,
                    name: flag_name(f.kind).to_string(),
                    comment: format!(
                        "shot {}: {} at {}",
                        s.index + 1,
                        f.detail,
                        span(range, rate)
                    ),
                    shot: Some(s.index),
                    also: Vec::new(),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.range.start, a.kind, &a.name, a.range.end).cmp(&(
            b.range.start,
            b.kind,
            &b.name,
            b.range.end,
        ))
    });
    out
}

/// Merges markers that start on the same frame into one (DaVinci Resolve keeps one
/// marker per frame; a second one at the same frame would be lost on import). The
/// first marker in sort order gives colour, range and shot; the names are joined with
/// `" + "`, the comments with `"; "`, and the other kinds are listed in
/// [`Marker::also`]. `markers` must be sorted by start frame (as [`report_markers`] returns them).
pub fn merge_same_start(markers: Vec<Marker>) -> Vec<Marker> {
    let mut out: Vec<Marker> = Vec::with_capacity(markers.len());
    for m in markers {
        match out.last_mut() {
            Some(prev) if prev.range.start == m.range.start => {
                prev.name = format!("{} + {}", prev.name, m.name);
                prev.comment = format!("{}; {}", prev.comment, m.comment);
                prev.also.push(m.kind);
            }
            _ => out.push(m),
        }
    }
    out
}
