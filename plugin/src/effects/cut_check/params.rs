//! The Cut Check parameter table. Script names are saved in projects and must
//! never change; choice options may only be appended; new params are appended
//! at the end of the table.
//!
//! `Transition` is the OpenFX Transition context's mandated parameter (the
//! host animates it 0 → 1 over the transition); every other script name is a
//! short snake_case identifier, labels are what the editor reads.

use std::ffi::CStr;

use crate::effects::shot_score::params::{DEVICE_OPTIONS, QUALITY_OPTIONS};
use crate::ofx::params::StringMode;
use crate::ofx::{ParamKind, ParamSpec};

/// The Transition context's progress param, 0..1 (`kOfxImageEffectTransitionParamName`).
pub const TRANSITION: &CStr = ofx_sys::K_OFX_IMAGE_EFFECT_TRANSITION_PARAM_NAME;
/// Page holding the controls.
pub const PAGE_CONTROLS: &CStr = c"cut_check";
/// Check the edit now (push button).
pub const CHECK_EDIT: &CStr = c"check_edit";
/// Largest roll suggested, frames each way.
pub const MAX_SHIFT: &CStr = c"max_shift";
/// Draw the check's box over the picture.
pub const SHOW_OVERLAY: &CStr = c"show_overlay";
/// Compute device: Auto / CPU / CUDA (Shot Score's options).
pub const DEVICE: &CStr = c"device";
/// Analysis quality: Fast / Full (Shot Score's options).
pub const QUALITY: &CStr = c"quality";
/// Hidden persistent report (the edit-check report's JSON).
pub const CHECK_STATE: &CStr = c"check_state";
/// Page holding the results.
pub const PAGE_RESULTS: &CStr = c"results";
/// Output: Clean / Move Edit / Review.
pub const VERDICT: &CStr = c"verdict";
/// Output: one line per problem found at the cut, worst first.
pub const ISSUES: &CStr = c"issues";
/// Output: the suggested roll and why.
pub const SUGGESTION: &CStr = c"suggestion";
/// Output: suggested roll in frames (positive = later), 0 = keep the cut.
pub const SUGGESTED_ROLL: &CStr = c"suggested_roll";
/// Output: layout similarity of the frames either side of the cut, 0..1.
pub const FRAMING_SIMILARITY: &CStr = c"framing_similarity";
/// Output: mean luma after the cut minus before, −1..1.
pub const EXPOSURE_CHANGE: &CStr = c"exposure_change";
/// Output: OKLab chroma distance between the mean colours either side.
pub const COLOUR_CHANGE: &CStr = c"colour_change";

/// Default Quality: Full (index 1 of Shot Score's options). The check reads
/// a few dozen frames, and Fast looks for faces on even frame numbers only,
/// which can miss a one-frame blink right at the cut.
pub const QUALITY_DEFAULT: usize = 1;
/// Default and range of Max Shift.
pub const MAX_SHIFT_DEFAULT: i32 = 6;
const MAX_SHIFT_RANGE: (i32, i32) = (1, 24);

/// An output of the check: written by the plugin, on the Results page,
/// never keyframed, never re-renders.
const fn output(mut spec: ParamSpec) -> ParamSpec {
    spec.evaluate_on_change = false;
    spec.animates = false;
    spec.page = Some(PAGE_RESULTS);
    spec
}

/// A non-animated output double with `digits` decimals.
const fn measure(
    name: &'static CStr,
    label: &'static str,
    range: (f64, f64),
    digits: i32,
) -> ParamSpec {
    output(ParamSpec {
        kind: ParamKind::Double {
            default: 0.0,
            range,
            display: range,
            digits,
        },
        ..ParamSpec::double(name, label, 0.0, range, range)
    })
}

/// The table.
pub const PARAMS: &[ParamSpec] = &[
    ParamSpec::double(TRANSITION, "Transition", 0.0, (0.0, 1.0), (0.0, 1.0)).hint(
        "Set by the host over the transition: the picture is the outgoing clip below 0.5 \
         and the incoming clip from 0.5 (a straight cut at the transition's centre)",
    ),
    ParamSpec::page_param(PAGE_CONTROLS, "Cut Check"),
    ParamSpec::button(CHECK_EDIT, "Check Edit")
        .hint(
            "Look at both clips around the cut for blinks and closed eyes, whip-pans and \
             motion blur, flash frames, jump cuts and exposure or colour jumps, and suggest \
             a roll that avoids them",
        )
        .on_page(PAGE_CONTROLS),
    ParamSpec::int(
        MAX_SHIFT,
        "Max Shift (frames)",
        MAX_SHIFT_DEFAULT,
        MAX_SHIFT_RANGE,
        MAX_SHIFT_RANGE,
    )
    .hint("Largest roll of the edit Check Edit may suggest, in frames each way")
    .animated(false)
    .on_page(PAGE_CONTROLS),
    ParamSpec::boolean(SHOW_OVERLAY, "Show Overlay", true)
        .hint(
            "Draw the verdict, the problems, the suggestion and the cost of each roll over \
             the picture (once the edit is checked)",
        )
        .on_page(PAGE_CONTROLS),
    ParamSpec::choice(DEVICE, "Device", 0, DEVICE_OPTIONS)
        .hint("Where the check runs: Auto picks CUDA when available")
        .on_page(PAGE_CONTROLS),
    ParamSpec::choice(QUALITY, "Quality", QUALITY_DEFAULT, QUALITY_OPTIONS)
        .hint(
            "Full (the default) looks for faces and eyes on every frame, so a one-frame blink \
             at the cut is always seen; Fast measures a reduced-size copy and looks for faces \
             on every second frame only",
        )
        .on_page(PAGE_CONTROLS),
    ParamSpec::hidden_state(CHECK_STATE),
    ParamSpec::page_param(PAGE_RESULTS, "Results"),
    output(ParamSpec::string(VERDICT, "Verdict", ""))
        .hint("Clean, Move Edit (a roll fixes it) or Review (no roll within range fixes it)"),
    output(ParamSpec::string(ISSUES, "Issues", "").string_mode(StringMode::MultiLine))
        .hint("Each problem at the cut as placed, worst first, and what could not be checked"),
    output(ParamSpec::string(SUGGESTION, "Suggestion", ""))
        .hint("Where to move the cut (a roll: both clips move, the sequence keeps its length)"),
    output(ParamSpec::int(
        SUGGESTED_ROLL,
        "Suggested Roll (frames)",
        0,
        (-1000, 1000),
        (-24, 24),
    ))
    .hint("Frames to roll the edit: positive = cut later, negative = earlier, 0 = keep it"),
    measure(FRAMING_SIMILARITY, "Framing Similarity", (0.0, 1.0), 3)
        .hint("How alike the framing is either side of the cut, 0..1 (1 = a jump cut)"),
    measure(EXPOSURE_CHANGE, "Exposure Change", (-1.0, 1.0), 3)
        .hint("Mean Rec.709 luma of the first incoming frame minus the last outgoing frame"),
    measure(COLOUR_CHANGE, "Colour Change", (0.0, 1.0), 3)
        .hint("OKLab chroma distance between the mean colours either side of the cut"),
];

/// Every output param (Results page), in table order.
pub const OUTPUTS: [&CStr; 7] = [
    VERDICT,
    ISSUES,
    SUGGESTION,
    SUGGESTED_ROLL,
    FRAMING_SIMILARITY,
    EXPOSURE_CHANGE,
    COLOUR_CHANGE,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ofx::params::validate;

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
                "Transition",
                "cut_check",
                "check_edit",
                "max_shift",
                "show_overlay",
                "device",
                "quality",
                "check_state",
                "results",
                "verdict",
                "issues",
                "suggestion",
                "suggested_roll",
                "framing_similarity",
                "exposure_change",
                "colour_change",
            ]
        );
        let find = |n: &CStr| PARAMS.iter().find(|p| p.name == n).unwrap();
        assert_eq!(
            find(TRANSITION).kind,
            ParamKind::Double {
                default: 0.0,
                range: (0.0, 1.0),
                display: (0.0, 1.0),
                digits: 2
            }
        );
        assert!(find(TRANSITION).animates, "the host animates Transition");
        assert_eq!(
            find(MAX_SHIFT).kind,
            ParamKind::Int {
                default: 6,
                range: (1, 24),
                display: (1, 24)
            }
        );
        assert_eq!(
            find(SHOW_OVERLAY).kind,
            ParamKind::Boolean { default: true }
        );
        assert_eq!(
            find(QUALITY).kind,
            ParamKind::Choice {
                default: 1,
                options: &["Fast", "Full"]
            }
        );
        let state = find(CHECK_STATE);
        assert!(state.secret && state.persistent && !state.animates && !state.evaluate_on_change);
    }

    #[test]
    fn outputs_are_saved_on_the_results_page_and_do_not_re_render() {
        for name in OUTPUTS {
            let p = PARAMS.iter().find(|p| p.name == name).unwrap();
            assert_eq!(p.page, Some(PAGE_RESULTS), "{name:?}");
            assert!(!p.evaluate_on_change, "{name:?}");
            assert!(!p.animates, "{name:?}");
            assert!(p.persistent, "{name:?} is saved with the project");
        }
    }
}
