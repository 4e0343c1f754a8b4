//! The decision: issues at the edit, the cost of each roll, the suggestion.

use super::{EditCheckOptions, EditPoint, EditReport, SideFrames};
use crate::signals::FrameRate;

/// Checks `edit` given the measured frames of both clips. Pure and deterministic.
pub fn check_edit(
    outgoing: &SideFrames,
    incoming: &SideFrames,
    edit: EditPoint,
    rate: FrameRate,
    options: &EditCheckOptions,
) -> EditReport {
    let _ = (outgoing, incoming, edit, rate, options);
    unimplemented!("edit_check::check_edit (helper H1)")
}
