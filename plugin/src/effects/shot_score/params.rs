//! The Shot Score parameter table. Script names are saved in projects and
//! must never change; choice options may only be appended.

use std::ffi::CStr;

use crate::ofx::ParamSpec;

/// Page holding the user controls.
pub const PAGE_CONTROLS: &CStr = c"controls";
/// Draw the analysis overlay on the image.
pub const OVERLAY: &CStr = c"overlay";
/// Analyse the whole clip (push button).
pub const ANALYZE: &CStr = c"analyze";
/// Hidden persistent analysis results (JSON).
pub const ANALYSIS_STATE: &CStr = c"analysis_state";
/// Compute device: Auto / CPU / CUDA.
pub const DEVICE: &CStr = c"device";
/// Analysis quality: Fast / Full.
pub const QUALITY: &CStr = c"quality";

/// `device` options, by index.
pub const DEVICE_OPTIONS: &[&str] = &["Auto", "CPU", "CUDA"];
/// `quality` options, by index.
pub const QUALITY_OPTIONS: &[&str] = &["Fast", "Full"];

/// The table.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec::page_param(PAGE_CONTROLS, "Controls"),
    ParamSpec::boolean(OVERLAY, "Overlay", false)
        .hint("Draw shot scores and reasons over the image (needs an analysed clip)")
        .on_page(PAGE_CONTROLS),
    ParamSpec::button(ANALYZE, "Analyze Clip")
        .hint("Measure focus, exposure, shake, noise, faces and blinks over the whole clip")
        .on_page(PAGE_CONTROLS),
    ParamSpec::choice(DEVICE, "Device", 0, DEVICE_OPTIONS)
        .hint("Where analysis runs: Auto picks CUDA when available")
        .on_page(PAGE_CONTROLS),
    ParamSpec::choice(QUALITY, "Quality", 0, QUALITY_OPTIONS)
        .hint("Fast analyses a reduced-size copy of each frame; Full uses every pixel")
        .on_page(PAGE_CONTROLS),
    ParamSpec::hidden_state(ANALYSIS_STATE),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ofx::{params::validate, ParamKind};

    #[test]
    fn table_is_consistent() {
        validate(PARAMS).unwrap();
    }

    #[test]
    fn saved_names_and_defaults_are_stable() {
        let names: Vec<&str> = PARAMS.iter().map(|p| p.name_str()).collect();
        assert_eq!(
            names,
            [
                "controls",
                "overlay",
                "analyze",
                "device",
                "quality",
                "analysis_state"
            ]
        );
        let state = PARAMS.iter().find(|p| p.name == ANALYSIS_STATE).unwrap();
        assert!(state.secret && state.persistent && !state.animates);
        assert!(matches!(state.kind, ParamKind::String { default: "", .. }));
        let overlay = PARAMS.iter().find(|p| p.name == OVERLAY).unwrap();
        assert_eq!(overlay.kind, ParamKind::Boolean { default: false });
    }
}
