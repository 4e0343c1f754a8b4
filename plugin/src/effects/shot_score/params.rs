//! The Shot Score parameter table. Script names are saved in projects and
//! must never change; choice options may only be appended; new params are
//! appended at the end of the table.
//!
//! Labels are what the editor reads ("Suggested In (best shot)"); script names
//! are short snake_case identifiers, as the OpenFX Support library does.

use std::ffi::CStr;

use crate::ofx::params::StringMode;
use crate::ofx::ParamSpec;

/// Page holding the user controls.
pub const PAGE_CONTROLS: &CStr = c"controls";
/// Draw the analysis overlay on the image.
pub const OVERLAY: &CStr = c"overlay";
/// Analyse the whole clip (push button).
pub const ANALYZE: &CStr = c"analyze";
/// Hidden persistent analysis results (`ct1:` + base64 of deflated report JSON).
pub const ANALYSIS_STATE: &CStr = c"analysis_state";
/// Compute device: Auto / CPU / CUDA.
pub const DEVICE: &CStr = c"device";
/// Analysis quality: Fast / Full.
pub const QUALITY: &CStr = c"quality";
/// Measure frames as they are rendered (render-driven analysis).
pub const ANALYZE_WHILE_PLAYING: &CStr = c"analyze_while_playing";
/// Also key per-signal curves (focus, exposure, shake, noise, cut probability).
pub const SIGNAL_CURVES: &CStr = c"signal_curves";
/// Clip length for hosts that do not report the clip's frame range (MLT).
pub const CLIP_LENGTH: &CStr = c"clip_length";
/// Export folder (a directory path).
pub const EXPORT_FOLDER: &CStr = c"export_folder";
/// Write the exports now (push button).
pub const EXPORT: &CStr = c"export";
/// Write the exports after every completed analysis.
pub const EXPORT_AFTER_ANALYSIS: &CStr = c"export_after_analysis";
/// Page holding the results (outputs of the analysis).
pub const PAGE_RESULTS: &CStr = c"results";
/// Output: per-frame usability score 0..100, one key per analysed frame.
pub const SCORE: &CStr = c"score";
/// Output: first frame to use of the best shot.
pub const SUGGESTED_IN: &CStr = c"suggested_in";
/// Output: last frame to use (inclusive) of the best shot.
pub const SUGGESTED_OUT: &CStr = c"suggested_out";
/// Output: 1-based number of the best shot (the one In/Out refer to).
pub const BEST_SHOT: &CStr = c"best_shot";
/// Output: number of shots found.
pub const SHOT_COUNT: &CStr = c"shot_count";
/// Output: text summary of every shot.
pub const SUMMARY: &CStr = c"summary";
/// Output curve: focus relative to the shot's 90th percentile (1 = as sharp as the shot gets).
pub const SIGNAL_FOCUS: &CStr = c"signal_focus";
/// Output curve: mean Rec.709 luma 0..1 of the code values.
pub const SIGNAL_EXPOSURE: &CStr = c"signal_exposure";
/// Output curve: camera shake (residual motion, analysis-width pixels per frame).
pub const SIGNAL_SHAKE: &CStr = c"signal_shake";
/// Output curve: noise estimate (luma code values, 0..1 scale).
pub const SIGNAL_NOISE: &CStr = c"signal_noise";
/// Output curve: TransNetV2 cut probability 0..1 (0 where the model did not run).
pub const SIGNAL_CUT: &CStr = c"signal_cut";

/// The per-signal output curves, in table order.
pub const SIGNAL_PARAMS: [&CStr; 5] = [
    SIGNAL_FOCUS,
    SIGNAL_EXPOSURE,
    SIGNAL_SHAKE,
    SIGNAL_NOISE,
    SIGNAL_CUT,
];

/// `device` options, by index.
pub const DEVICE_OPTIONS: &[&str] = &["Auto", "CPU", "CUDA"];
/// `quality` options, by index.
pub const QUALITY_OPTIONS: &[&str] = &["Fast", "Full"];

/// Frame-number params' hard range (Resolve clamps params without one).
const FRAMES: (i32, i32) = (-10_000_000, 10_000_000);

/// An output of the analysis: written by the plugin, never re-renders.
const fn output(mut spec: ParamSpec) -> ParamSpec {
    spec.evaluate_on_change = false;
    spec.page = Some(PAGE_RESULTS);
    spec
}

/// An animated output curve (one key per frame).
const fn curve(name: &'static CStr, label: &'static str, max: f64) -> ParamSpec {
    let mut spec = output(ParamSpec::double(name, label, 0.0, (-1e9, 1e9), (0.0, max)));
    spec.kind = match spec.kind {
        crate::ofx::ParamKind::Double {
            default,
            range,
            display,
            ..
        } => crate::ofx::ParamKind::Double {
            default,
            range,
            display,
            digits: 4,
        },
        other => other,
    };
    spec
}

/// The table.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec::page_param(PAGE_CONTROLS, "Controls"),
    ParamSpec::boolean(OVERLAY, "Overlay", false)
        .hint("Draw the HUD (this frame's signals, the shot's score and reasons) and the clip's score strip over the image")
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
    ParamSpec::boolean(ANALYZE_WHILE_PLAYING, "Analyze While Playing", true)
        .hint(
            "Measure every full-size frame the host renders, so playing the clip through \
             analyses it (for hosts or pages without a working Analyze button). The picture \
             passes through unchanged.",
        )
        .on_page(PAGE_CONTROLS),
    ParamSpec::boolean(SIGNAL_CURVES, "Signal Curves", false)
        .hint(
            "Also key focus, exposure, shake, noise and cut-probability curves on the Results page",
        )
        .on_page(PAGE_CONTROLS),
    ParamSpec::int(
        CLIP_LENGTH,
        "Clip Length (frames)",
        0,
        (0, 10_000_000),
        (0, 100_000),
    )
    .hint(
        "Only for hosts that do not tell effects the clip's length (Shotcut, Kdenlive and \
             other MLT hosts): analysis while playing completes once frames 0 to this length - 1 \
             have played. 0 = use the host's frame range.",
    )
    .animated(false)
    .on_page(PAGE_CONTROLS),
    ParamSpec::string(EXPORT_FOLDER, "Export Folder", "")
        .string_mode(StringMode::DirectoryPath)
        .hint("Folder for the JSON report, OTIO timeline, Resolve markers EDL and per-frame CSV")
        .on_page(PAGE_CONTROLS),
    ParamSpec::button(EXPORT, "Export")
        .hint("Write the exports of the current analysis into the Export Folder")
        .on_page(PAGE_CONTROLS),
    ParamSpec::boolean(EXPORT_AFTER_ANALYSIS, "Export After Analysis", false)
        .hint("Write the exports into the Export Folder whenever an analysis completes")
        .on_page(PAGE_CONTROLS),
    ParamSpec::page_param(PAGE_RESULTS, "Results"),
    curve(SCORE, "Score", 100.0)
        .hint("Usability 0..100 of each frame (one key per analysed frame)"),
    output(ParamSpec::int(
        SUGGESTED_IN,
        "Suggested In (best shot)",
        0,
        FRAMES,
        (0, 100_000),
    ))
    .hint("First frame to use of the best-scoring shot")
    .animated(false),
    output(ParamSpec::int(
        SUGGESTED_OUT,
        "Suggested Out (best shot)",
        0,
        FRAMES,
        (0, 100_000),
    ))
    .hint("Last frame to use (inclusive) of the best-scoring shot")
    .animated(false),
    output(ParamSpec::int(
        BEST_SHOT,
        "Best Shot",
        0,
        (0, 1_000_000),
        (0, 100),
    ))
    .hint("Number (from 1) of the best-scoring shot, the one Suggested In/Out refer to")
    .animated(false),
    output(ParamSpec::int(
        SHOT_COUNT,
        "Shots",
        0,
        (0, 1_000_000),
        (0, 100),
    ))
    .hint("Number of shots found in the clip")
    .animated(false),
    output(ParamSpec::string(SUMMARY, "Summary", "").string_mode(StringMode::MultiLine))
        .hint("Every shot: frames, score, suggested in/out and the main reasons"),
    curve(SIGNAL_FOCUS, "Focus (relative)", 1.5)
        .hint("Focus relative to the shot's 90th percentile: 1 = as sharp as the shot gets"),
    curve(SIGNAL_EXPOSURE, "Exposure (luma)", 1.0)
        .hint("Mean Rec.709 luma of the code values, 0..1"),
    curve(SIGNAL_SHAKE, "Shake", 5.0)
        .hint("Camera shake: residual motion in analysis-width (512 px) pixels per frame"),
    curve(SIGNAL_NOISE, "Noise", 0.05).hint("Noise estimate, luma 0..1 scale"),
    curve(SIGNAL_CUT, "Cut Probability", 1.0)
        .hint("TransNetV2 cut probability 0..1 (0 where the model did not run)"),
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
                "analysis_state",
                "analyze_while_playing",
                "signal_curves",
                "clip_length",
                "export_folder",
                "export",
                "export_after_analysis",
                "results",
                "score",
                "suggested_in",
                "suggested_out",
                "best_shot",
                "shot_count",
                "summary",
                "signal_focus",
                "signal_exposure",
                "signal_shake",
                "signal_noise",
                "signal_cut",
            ]
        );
        let state = PARAMS.iter().find(|p| p.name == ANALYSIS_STATE).unwrap();
        assert!(state.secret && state.persistent && !state.animates);
        assert!(matches!(state.kind, ParamKind::String { default: "", .. }));
        let overlay = PARAMS.iter().find(|p| p.name == OVERLAY).unwrap();
        assert_eq!(overlay.kind, ParamKind::Boolean { default: false });
        let playing = PARAMS
            .iter()
            .find(|p| p.name == ANALYZE_WHILE_PLAYING)
            .unwrap();
        assert_eq!(playing.kind, ParamKind::Boolean { default: true });
    }

    #[test]
    fn outputs_are_on_the_results_page_and_do_not_re_render() {
        for name in [
            SCORE,
            SUGGESTED_IN,
            SUGGESTED_OUT,
            BEST_SHOT,
            SHOT_COUNT,
            SUMMARY,
        ]
        .into_iter()
        .chain(SIGNAL_PARAMS)
        {
            let p = PARAMS.iter().find(|p| p.name == name).unwrap();
            assert_eq!(p.page, Some(PAGE_RESULTS), "{name:?}");
            assert!(!p.evaluate_on_change, "{name:?}");
            assert!(p.persistent, "{name:?} is saved with the project");
        }
        let score = PARAMS.iter().find(|p| p.name == SCORE).unwrap();
        assert!(score.animates, "the score is a curve");
    }
}
