//! Shot flags: named problems with the frame ranges where they occur.

use serde::{Deserialize, Serialize};

use super::options::Thresholds;
use super::score::FrameFacts;
use super::stats::{frames_for, runs};
use super::FrameRange;

/// A kind of problem in a shot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Relative focus below `soft_focus_rel`.
    SoftFocus,
    /// Shake at or above `shaky_px`.
    Shaky,
    /// At least `clipped_max` of the pixels at luma >= 0.98.
    ClippedHighlights,
    /// At least `crushed_max` of the pixels at luma <= 0.02 (black frames excluded).
    CrushedBlacks,
    /// Noise sigma at or above `noisy_sigma`.
    Noisy,
    /// A blink within `blink_edge_s` of the usable start of the shot.
    BlinkAtIn,
    /// A blink within `blink_edge_s` of the usable end of the shot.
    BlinkAtOut,
    /// A blink anywhere in the shot.
    Blink,
    /// Flash frames.
    FlashFrame,
    /// Frozen (repeated) frames.
    FrozenFrames,
    /// A tracked face below `face_soft_rel` of its sharpest focus.
    FaceOutOfFocus,
    /// Black frames inside the shot.
    BlackFrames,
    /// Whip-pans.
    WhipPan,
}

/// A flag: what, where, and a sentence about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// The problem.
    pub kind: FlagKind,
    /// Where it occurs, frame numbers `[start, end)`, sorted.
    pub ranges: Vec<FrameRange>,
    /// Human-readable summary.
    pub detail: String,
}

/// Flags of one shot. `facts` are the shot's frames, `first` the frame number of
/// `facts[0]`, `usable` the shot's range without black/flash/frozen head and tail
/// (frame numbers), `blinks` the blink ranges (frame numbers) inside the shot.
pub fn shot_flags(
    facts: &[FrameFacts],
    first: i64,
    usable: FrameRange,
    blinks: &[FrameRange],
    fps: f64,
    th: &Thresholds,
) -> Vec<Flag> {
    let min_len = frames_for(th.flag_min_s, fps, 1);
    let to_ranges = |mask: Vec<bool>, min: usize| -> Vec<FrameRange> {
        runs(&mask, min, 2)
            .into_iter()
            .map(|(s, e)| FrameRange::new(first + s as i64, first + e as i64))
            .collect()
    };
    let content = |f: &FrameFacts| !f.black && !f.flash && !f.transition;
    type Condition<'c> = (
        FlagKind,
        Box<dyn Fn(&FrameFacts) -> bool + 'c>,
        usize,
        &'c str,
    );
    let conditions: [Condition<'_>; 9] = [
        (
            FlagKind::SoftFocus,
            Box::new(|f| content(f) && f.focus_rel < th.soft_focus_rel),
            min_len,
            "soft focus (relative focus below threshold)",
        ),
        (
            FlagKind::Shaky,
            Box::new(|f| content(f) && f.shake >= th.shaky_px),
            min_len,
            "camera shake",
        ),
        (
            FlagKind::ClippedHighlights,
            Box::new(|f| content(f) && f.clipped >= th.clipped_max),
            min_len,
            "clipped highlights",
        ),
        (
            FlagKind::CrushedBlacks,
            Box::new(|f| content(f) && f.crushed >= th.crushed_max),
            min_len,
            "crushed blacks",
        ),
        (
            FlagKind::Noisy,
            Box::new(|f| content(f) && f.noise >= th.noisy_sigma),
            min_len,
            "noisy picture",
        ),
        (
            FlagKind::FlashFrame,
            Box::new(|f| f.flash),
            1,
            "flash frame(s)",
        ),
        (
            FlagKind::FrozenFrames,
            Box::new(|f| f.frozen),
            1,
            "frozen (repeated) frames",
        ),
        (
            FlagKind::FaceOutOfFocus,
            Box::new(|f| content(f) && f.face_focus_rel.is_some_and(|r| r < th.face_soft_rel)),
            min_len,
            "face out of focus",
        ),
        (
            FlagKind::BlackFrames,
            Box::new(|f| f.black),
            1,
            "black frames",
        ),
    ];
    let mut flags: Vec<Flag> = Vec::new();
    for (kind, pred, min, what) in conditions.iter() {
        let ranges = to_ranges(facts.iter().map(pred).collect(), *min);
        if !ranges.is_empty() {
            let frames: i64 = ranges.iter().map(FrameRange::len).sum();
            flags.push(Flag {
                kind: *kind,
                detail: format!("{what}: {frames} frame(s) in {} range(s)", ranges.len()),
                ranges,
            });
        }
    }
    let whip = to_ranges(facts.iter().map(|f| f.whip_pan).collect(), 1);
    if !whip.is_empty() {
        flags.push(Flag {
            kind: FlagKind::WhipPan,
            detail: format!("{} whip-pan(s)", whip.len()),
            ranges: whip,
        });
    }
    if !blinks.is_empty() {
        flags.push(Flag {
            kind: FlagKind::Blink,
            detail: format!("{} blink(s)", blinks.len()),
            ranges: blinks.to_vec(),
        });
        let edge = frames_for(th.blink_edge_s, fps, 1) as i64;
        let at_in: Vec<FrameRange> = blinks
            .iter()
            .filter(|b| b.start < usable.start + edge && b.end > usable.start)
            .copied()
            .collect();
        let at_out: Vec<FrameRange> = blinks
            .iter()
            .filter(|b| b.end > usable.end - edge && b.start < usable.end)
            .copied()
            .collect();
        for (kind, ranges, what) in [
            (FlagKind::BlinkAtIn, at_in, "blink at the in point"),
            (FlagKind::BlinkAtOut, at_out, "blink at the out point"),
        ] {
            if !ranges.is_empty() {
                flags.push(Flag {
                    kind,
                    detail: what.to_string(),
                    ranges,
                });
            }
        }
    }
    flags.sort_by_key(|f| f.kind);
    flags
}
