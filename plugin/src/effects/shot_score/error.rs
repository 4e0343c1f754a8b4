//! Errors of the Shot Score effect, each with a message an editor can act on.

use circletake_inference::export::ExportError;
use circletake_inference::InferenceError;

use super::persist::StateError;
use crate::ofx::OfxError;

/// What can go wrong in Shot Score's analysis, persistence and exports.
#[derive(Debug, thiserror::Error)]
pub enum ShotScoreError {
    /// The host side (suites, params, images) failed.
    #[error(transparent)]
    Host(#[from] OfxError),
    /// The analysis core failed (device, bad frame, ...).
    #[error("analysis failed: {0}")]
    Analysis(#[from] InferenceError),
    /// An export could not be written (no partial file is left behind).
    #[error("export failed: {0}")]
    Export(#[from] ExportError),
    /// The saved analysis in the project could not be read.
    #[error("the saved analysis could not be read ({0}); press Analyze Clip to redo it")]
    State(#[from] StateError),
    /// An image the analysis cannot use.
    #[error("cannot analyse this image: {0}")]
    UnsupportedImage(String),
    /// The host gives too little information to analyse the clip.
    #[error("{0}")]
    Clip(String),
}

impl From<ShotScoreError> for OfxError {
    fn from(e: ShotScoreError) -> Self {
        match e {
            ShotScoreError::Host(e) => e,
            other => OfxError::Effect(other.to_string()),
        }
    }
}
