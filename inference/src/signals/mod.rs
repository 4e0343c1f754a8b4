//! Per-frame measurements: the shared signal types and the tensor code that
//! computes them.

pub mod types;

pub use types::{FaceSignal, FrameRate, FrameSignals};
