//! The overlay's colours (display-referred 0..1, straight alpha) and the
//! dimming factor of frames outside the suggested trim.

use super::paint::Rgba;

/// Frames outside every suggested trim have their colour multiplied by this
/// (about -1.5 stops), so a viewer sees at a glance what the trim drops.
pub const DIM_OUTSIDE_TRIM: f32 = 0.35;

/// Dark translucent backing of the HUD and the strip.
pub const BACKING: Rgba = Rgba::new(0.02, 0.02, 0.03, 0.62);
/// Body text.
pub const TEXT: Rgba = Rgba::new(0.93, 0.93, 0.93, 1.0);
/// Secondary text (reasons, units).
pub const TEXT_DIM: Rgba = Rgba::new(0.70, 0.72, 0.75, 1.0);
/// Warnings in text (outside trim, blink, flash).
pub const WARN: Rgba = Rgba::new(1.0, 0.62, 0.18, 1.0);
/// Strip gridlines (score 50 and 100).
pub const GRID: Rgba = Rgba::new(1.0, 1.0, 1.0, 0.16);
/// Trim bar under shots.
pub const SHOT_BAR: Rgba = Rgba::new(0.35, 0.35, 0.38, 0.9);
/// Trim bar inside a suggested trim.
pub const TRIM: Rgba = Rgba::new(0.22, 0.78, 0.36, 0.95);
/// Suggested in/out brackets.
pub const IN_OUT: Rgba = Rgba::new(0.30, 0.92, 0.45, 1.0);
/// Cut marks.
pub const CUT: Rgba = Rgba::new(1.0, 1.0, 1.0, 0.95);
/// Blink ticks.
pub const BLINK: Rgba = Rgba::new(1.0, 0.85, 0.15, 1.0);
/// Flash-frame ticks.
pub const FLASH: Rgba = Rgba::new(1.0, 0.25, 0.85, 1.0);
/// Frozen-frame ticks.
pub const FROZEN: Rgba = Rgba::new(0.35, 0.65, 1.0, 1.0);
/// The current frame in the strip.
pub const PLAYHEAD: Rgba = Rgba::new(1.0, 0.22, 0.18, 1.0);
/// Face boxes.
pub const FACE: Rgba = Rgba::new(0.35, 0.95, 1.0, 0.9);

/// Colour of a score 0..100: red below 40, amber below 70, green above.
pub fn score_color(score: f32) -> Rgba {
    if score >= 70.0 {
        Rgba::new(0.35, 0.92, 0.45, 1.0)
    } else if score >= 40.0 {
        Rgba::new(1.0, 0.75, 0.2, 1.0)
    } else {
        Rgba::new(1.0, 0.32, 0.25, 1.0)
    }
}
