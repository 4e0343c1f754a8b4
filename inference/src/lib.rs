//! CircleTake's analysis core. Knows nothing of OpenFX or C.

pub mod assemble;
pub mod device;
pub mod edit_check;
pub mod engine;
pub mod error;
pub mod export;
pub mod frame;
pub mod media;
pub mod models;
pub mod report;
pub mod shots;
pub mod signals;
pub mod testset;
pub mod timecode;

pub use device::{ComputeDevice, DeviceChoice};
pub use engine::{
    Analysis, ClipAnalysis, Engine, EngineOptions, ModelStatus, Quality, RandomAccessAnalysis,
};
pub use error::{InferenceError, Result};
pub use frame::{ChannelLayout, FrameView, PixelFormat, SampleDepth};
pub use signals::{FaceSignal, FrameRate, FrameSignals};
