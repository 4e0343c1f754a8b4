//! Writes a report into the effect's params (InstanceChanged only; never
//! from Render): Verdict, Issues, Suggestion, Suggested Roll, the measures
//! across the cut, and the saved state.

use circletake_inference::edit_check::EditReport;

use super::params as p;
use super::persist;
use super::wording;
use crate::ofx::{Instance, OfxResult};

/// Writes every result param and the saved state. The caller opens the edit
/// block (undo entry).
pub fn write_results(instance: &Instance, report: &EditReport) -> OfxResult<()> {
    instance
        .param(p::VERDICT)?
        .set_string(wording::verdict_text(report.verdict))?;
    instance
        .param(p::ISSUES)?
        .set_string(&wording::issues_param(report))?;
    instance
        .param(p::SUGGESTION)?
        .set_string(&wording::suggestion_param(report))?;
    instance
        .param(p::SUGGESTED_ROLL)?
        .set_int(report.suggestion.as_ref().map_or(0, |s| s.shift))?;
    instance
        .param(p::FRAMING_SIMILARITY)?
        .set_double(f64::from(report.framing_similarity))?;
    instance
        .param(p::EXPOSURE_CHANGE)?
        .set_double(f64::from(report.exposure_change))?;
    instance
        .param(p::COLOUR_CHANGE)?
        .set_double(f64::from(report.colour_change))?;
    instance
        .param(p::CHECK_STATE)?
        .set_string(&persist::encode(report))?;
    Ok(())
}
