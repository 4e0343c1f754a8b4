//! Colours of the PNG report, shared by its panels; marker and component colours
//! follow the marker colours of the EDL/OTIO exports.

use image::Rgb;

use crate::shots::{Component, FlagKind};

use super::markers::MarkerKind;

/// Page background.
pub const BG: Rgb<u8> = Rgb([22, 22, 26]);
/// Panel background.
pub const PANEL: Rgb<u8> = Rgb([30, 30, 36]);
/// Grid lines and frames.
pub const BORDER: Rgb<u8> = Rgb([62, 62, 72]);
/// Main text.
pub const TEXT: Rgb<u8> = Rgb([232, 232, 236]);
/// Secondary text.
pub const DIM: Rgb<u8> = Rgb([150, 150, 160]);
/// Good / selects.
pub const GREEN: Rgb<u8> = Rgb([70, 200, 110]);
/// Middling.
pub const YELLOW: Rgb<u8> = Rgb([235, 200, 60]);
/// Bad.
pub const RED: Rgb<u8> = Rgb([235, 70, 60]);

/// Green at and above 75, yellow from 50, red below.
pub fn score_color(score: f32) -> Rgb<u8> {
    if score >= 75.0 {
        GREEN
    } else if score >= 50.0 {
        YELLOW
    } else {
        RED
    }
}

/// Colour of a marker kind (approximating Resolve's marker colours).
pub fn marker_color(kind: MarkerKind) -> Rgb<u8> {
    match kind.resolve_color() {
        "Green" => GREEN,
        "Blue" => Rgb([70, 130, 255]),
        "Cyan" => Rgb([40, 200, 220]),
        "Pink" => Rgb([240, 120, 200]),
        "Red" => RED,
        "Lavender" => Rgb([170, 150, 230]),
        "Yellow" => YELLOW,
        "Purple" => Rgb([150, 80, 220]),
        "Lemon" => Rgb([240, 240, 120]),
        "Cocoa" => Rgb([140, 100, 70]),
        "Sand" => Rgb([200, 170, 120]),
        "Rose" => Rgb([230, 110, 130]),
        "Sky" => Rgb([120, 180, 240]),
        "Fuchsia" => Rgb([220, 60, 200]),
        _ => TEXT,
    }
}

/// Colour of a scoring component in the breakdown bar (that of the matching marker).
pub fn component_color(c: Component) -> Rgb<u8> {
    let kind = match c {
        Component::Focus => MarkerKind::Flag(FlagKind::SoftFocus),
        Component::Exposure => MarkerKind::Flag(FlagKind::ClippedHighlights),
        Component::Shake => MarkerKind::Flag(FlagKind::Shaky),
        Component::Noise => MarkerKind::Flag(FlagKind::Noisy),
        Component::FaceFocus => MarkerKind::Flag(FlagKind::FaceOutOfFocus),
        Component::Blink => MarkerKind::Blink,
        Component::Flash => MarkerKind::Flash,
        Component::Frozen => MarkerKind::Frozen,
        Component::Black => MarkerKind::Flag(FlagKind::BlackFrames),
        Component::WhipPan => MarkerKind::Flag(FlagKind::WhipPan),
        Component::Transition => MarkerKind::Transition,
    };
    marker_color(kind)
}
