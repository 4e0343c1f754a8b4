//! Errors of the Cut Check effect, each with a message an editor can act on.

use circletake_inference::edit_check::EditReportError;
use circletake_inference::InferenceError;

use crate::effects::shot_score::error::ShotScoreError;
use crate::ofx::OfxError;

/// What can go wrong checking an edit or restoring a saved check.
#[derive(Debug, thiserror::Error)]
pub enum CutCheckError {
    /// The host side (suites, params, images) failed.
    #[error(transparent)]
    Host(#[from] OfxError),
    /// The analysis core failed (device, models, bad frame, ...).
    #[error("the edit check failed: {0}")]
    Analysis(#[from] InferenceError),
    /// The engine pool or the frame conversion shared with Shot Score failed.
    #[error(transparent)]
    Shared(#[from] ShotScoreError),
    /// The saved check in the project could not be read.
    #[error("the saved edit check could not be read ({0}); press Check Edit to redo it")]
    State(#[from] EditReportError),
    /// The host gives too little to check the edit (no frames, no cut).
    #[error("{0}")]
    Edit(String),
}

impl From<CutCheckError> for OfxError {
    fn from(e: CutCheckError) -> Self {
        match e {
            CutCheckError::Host(e) => e,
            other => OfxError::Effect(other.to_string()),
        }
    }
}
