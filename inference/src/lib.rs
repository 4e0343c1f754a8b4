//! CircleTake's analysis core. Knows nothing of OpenFX or C.

pub mod error;
pub mod signals;

pub use error::{InferenceError, Result};
pub use signals::{FaceSignal, FrameRate, FrameSignals};
