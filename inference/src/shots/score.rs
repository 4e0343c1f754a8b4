//! Per-frame usability score (the curve the overlay and keyframes show) and the per-shot
//! score with a breakdown of the points each component cost.
//!
//! Every frame starts at 100 and loses points per component (table in
//! [`frame_penalties`]); the total loss is capped at 100. A shot's score is 100 minus
//! the sum of its component losses: continuous qualities (focus, exposure, shake, noise,
//! face focus, whip-pans, black, frozen) lose their mean per-frame penalty over the
//! shot; events (blinks, flashes, freezes) lose a fixed amount per event when that is
//! more. If the components add up to more than 100 they are scaled down together.

use serde::{Deserialize, Serialize};

use super::options::Thresholds;
use super::rounding::r4;
use super::stats::ramp;

/// Everything known about one frame after the temporal analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FrameFacts {
    /// Black frame.
    pub black: bool,
    /// Part of a flash.
    pub flash: bool,
    /// Repeat of the previous frame (frozen run).
    pub frozen: bool,
    /// Inside a gradual transition or black span.
    pub transition: bool,
    /// Inside a whip-pan.
    pub whip_pan: bool,
    /// Inside a (deliberate) pan.
    pub pan: bool,
    /// A tracked face is blinking.
    pub blink: bool,
    /// Shake, px/frame RMS at 512 px width.
    pub shake: f32,
    /// Intended camera motion, px/frame at 512 px width.
    pub pan_speed: f32,
    /// Focus relative to the shot's 90th percentile.
    pub focus_rel: f32,
    /// Least sharp tracked face relative to its track's 90th percentile.
    pub face_focus_rel: Option<f32>,
    /// Fraction of clipped pixels.
    pub clipped: f32,
    /// Mean luma, 0..1.
    pub luma: f32,
    /// Fraction of crushed pixels.
    pub crushed: f32,
    /// Noise sigma, 0..1 luma.
    pub noise: f32,
}

impl FrameFacts {
    /// Frames no edit should contain: black, flash, frozen, transition, whip-pan, blink.
    pub fn is_junk(&self) -> bool {
        self.black || self.flash || self.frozen || self.transition || self.whip_pan || self.blink
    }
}

/// A scoring component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// Softness relative to the shot's sharpest frames.
    Focus,
    /// Clipped highlights and crushed shadows.
    Exposure,
    /// Camera shake.
    Shake,
    /// Sensor/compression noise.
    Noise,
    /// Faces out of focus.
    FaceFocus,
    /// Blinks.
    Blink,
    /// Flash frames.
    Flash,
    /// Frozen (repeated) frames.
    Frozen,
    /// Black frames.
    Black,
    /// Whip-pans.
    WhipPan,
    /// Frames inside a transition (only in per-frame scores; transitions are outside shots).
    Transition,
}

impl Component {
    /// Lower-case name for people ("face focus", "whip-pan", ...), as reports,
    /// the PNG report and the overlay show it.
    pub const fn name(self) -> &'static str {
        match self {
            Component::Focus => "focus",
            Component::Exposure => "exposure",
            Component::Shake => "shake",
            Component::Noise => "noise",
            Component::FaceFocus => "face focus",
            Component::Blink => "blink",
            Component::Flash => "flash",
            Component::Frozen => "frozen",
            Component::Black => "black",
            Component::WhipPan => "whip-pan",
            Component::Transition => "transition",
        }
    }
}

/// All components in breakdown order.
pub const COMPONENTS: [Component; 11] = [
    Component::Focus,
    Component::Exposure,
    Component::Shake,
    Component::Noise,
    Component::FaceFocus,
    Component::Blink,
    Component::Flash,
    Component::Frozen,
    Component::Black,
    Component::WhipPan,
    Component::Transition,
];

/// Points lost by one frame per component (index = position in [`COMPONENTS`]):
/// focus up to 40 (0 at `focus_ok_rel`, 40 at relative focus 0.2); exposure up to 30
/// (clipped 1..20 % of pixels: 0..25, crushed 10..60 %: 0..20, black frames excluded);
/// shake up to 30 (0.75..4 px/frame); noise up to 15 (sigma 0.01..0.05); face focus up to
/// 25 (0 at relative 0.75, 25 at 0.25); blink 60; whip-pan 70; frozen 80; flash, black,
/// transition 100.
pub fn frame_penalties(f: &FrameFacts, th: &Thresholds) -> [f32; 11] {
    let focus = 40.0
        * ramp(
            th.focus_ok_rel - f.focus_rel,
            0.0,
            (th.focus_ok_rel - 0.2).max(0.05),
        );
    let exposure = if f.black {
        0.0
    } else {
        (25.0 * ramp(f.clipped, 0.01, 0.2) + 20.0 * ramp(f.crushed, 0.1, 0.6)).min(30.0)
    };
    let face = f
        .face_focus_rel
        .map_or(0.0, |r| 25.0 * ramp(0.75 - r, 0.0, 0.5));
    let flag = |b: bool, points: f32| if b { points } else { 0.0 };
    [
        focus,
        exposure,
        30.0 * ramp(f.shake, 0.75, 4.0),
        15.0 * ramp(f.noise, 0.01, 0.05),
        face,
        flag(f.blink, 60.0),
        flag(f.flash, 100.0),
        flag(f.frozen, 80.0),
        flag(f.black, 100.0),
        flag(f.whip_pan, 70.0),
        flag(f.transition, 100.0),
    ]
}

/// Usability of one frame, 0..100: 100 minus its penalties (capped).
pub fn frame_score(f: &FrameFacts, th: &Thresholds) -> f32 {
    let lost: f32 = frame_penalties(f, th).iter().sum();
    (100.0 - lost).clamp(0.0, 100.0)
}

/// What one component cost a shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreComponent {
    /// The component.
    pub name: Component,
    /// Points of the 100 lost to it.
    #[serde(with = "r4")]
    pub points_lost: f32,
    /// Human-readable explanation with the measured values.
    pub reason: String,
}

/// Events counted in a shot, which cost points per event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// Blinks.
    pub blinks: usize,
    /// Flashes.
    pub flashes: usize,
    /// Frozen runs.
    pub freezes: usize,
}

/// Score (0..100) and breakdown of the frames `facts` of a shot (or a trimmed part of it).
pub fn shot_score(
    facts: &[FrameFacts],
    events: EventCounts,
    th: &Thresholds,
) -> (f32, Vec<ScoreComponent>) {
    let n = facts.len().max(1) as f32;
    let mut mean = [0.0f32; 11];
    for f in facts {
        for (m, p) in mean.iter_mut().zip(frame_penalties(f, th)) {
            *m += p / n;
        }
    }
    let per_event = |count: usize, each: f32, cap: f32| (count as f32 * each).min(cap);
    let mut lost = mean;
    lost[5] = lost[5].max(per_event(events.blinks, 6.0, 24.0));
    lost[6] = lost[6].max(per_event(events.flashes, 10.0, 30.0));
    lost[7] = lost[7].max(per_event(events.freezes, 10.0, 50.0));
    let total: f32 = lost.iter().sum();
    if total > 100.0 {
        lost.iter_mut().for_each(|l| *l *= 100.0 / total);
    }
    let frac = |pred: &dyn Fn(&FrameFacts) -> bool| {
        100.0 * facts.iter().filter(|f| pred(f)).count() as f32 / n
    };
    let avg = |val: &dyn Fn(&FrameFacts) -> f32| facts.iter().map(val).sum::<f32>() / n;
    let reasons: [String; 11] = [
        format!(
            "{:.0}% of frames soft (relative focus < {}), mean relative focus {:.2}",
            frac(&|f| f.focus_rel < th.soft_focus_rel),
            th.soft_focus_rel,
            avg(&|f| f.focus_rel.min(1.0))
        ),
        format!(
            "mean {:.1}% of pixels clipped, {:.1}% crushed",
            100.0 * avg(&|f| f.clipped),
            100.0 * avg(&|f| f.crushed)
        ),
        format!(
            "mean shake {:.2} px/frame at 512 px width; {:.0}% of frames above {} px",
            avg(&|f| f.shake),
            frac(&|f| f.shake >= th.shaky_px),
            th.shaky_px
        ),
        format!("mean noise sigma {:.4} (0..1 luma)", avg(&|f| f.noise)),
        format!(
            "{:.0}% of frames with a face below {} of its sharpest focus",
            frac(&|f| f.face_focus_rel.is_some_and(|r| r < th.face_soft_rel)),
            th.face_soft_rel
        ),
        format!("{} blink(s)", events.blinks),
        format!("{} flash(es)", events.flashes),
        format!(
            "{} frozen run(s), {:.0}% of frames",
            events.freezes,
            frac(&|f| f.frozen)
        ),
        format!("{:.0}% of frames black", frac(&|f| f.black)),
        format!("{:.0}% of frames in whip-pans", frac(&|f| f.whip_pan)),
        format!("{:.0}% of frames in transitions", frac(&|f| f.transition)),
    ];
    let breakdown: Vec<ScoreComponent> = COMPONENTS
        .iter()
        .zip(lost)
        .zip(reasons)
        .map(|((&name, points_lost), reason)| ScoreComponent {
            name,
            points_lost,
            reason,
        })
        .collect();
    let score = (100.0 - lost.iter().sum::<f32>()).clamp(0.0, 100.0);
    (score, breakdown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> FrameFacts {
        FrameFacts {
            focus_rel: 1.0,
            shake: 0.2,
            noise: 0.005,
            ..Default::default()
        }
    }

    #[test]
    fn clean_frames_score_100_and_breakdown_adds_up() {
        let th = Thresholds::default();
        assert_eq!(frame_score(&good(), &th), 100.0);
        let mut facts = vec![good(); 50];
        for f in &mut facts[..10] {
            f.shake = 5.0;
        }
        for f in &mut facts[20..30] {
            f.focus_rel = 0.1;
        }
        let (score, breakdown) = shot_score(&facts, EventCounts::default(), &th);
        let lost: f32 = breakdown.iter().map(|c| c.points_lost).sum();
        assert!((100.0 - lost - score).abs() < 1e-3);
        let shake = breakdown
            .iter()
            .find(|c| c.name == Component::Shake)
            .unwrap();
        let focus = breakdown
            .iter()
            .find(|c| c.name == Component::Focus)
            .unwrap();
        assert!((shake.points_lost - 6.0).abs() < 1e-3, "{shake:?}");
        assert!((focus.points_lost - 8.0).abs() < 1e-3, "{focus:?}");
    }

    #[test]
    fn events_cost_per_event_and_total_is_capped() {
        let th = Thresholds::default();
        let facts = vec![good(); 100];
        let ev = EventCounts {
            blinks: 2,
            ..Default::default()
        };
        let (score, _) = shot_score(&facts, ev, &th);
        assert!((score - 88.0).abs() < 1e-3);
        let black = vec![
            FrameFacts {
                black: true,
                focus_rel: 0.0,
                ..Default::default()
            };
            10
        ];
        let (score, breakdown) = shot_score(&black, EventCounts::default(), &th);
        assert_eq!(score, 0.0);
        let lost: f32 = breakdown.iter().map(|c| c.points_lost).sum();
        assert!((lost - 100.0).abs() < 1e-3);
    }
}
