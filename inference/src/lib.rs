//! CircleTake's analysis core. Knows nothing of OpenFX or C.

pub mod error;
pub mod report;
pub mod shots;
pub mod signals;
pub mod timecode;

pub use error::{InferenceError, Result};
pub use signals::{FaceSignal, FrameRate, FrameSignals};
