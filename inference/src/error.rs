//! The analysis core's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the analysis core. Each variant carries
/// enough context (file names, sizes) to tell the user what to fix.
#[derive(Debug, thiserror::Error)]
pub enum InferenceError {
    /// The pixel format of an input frame is not one the engine reads.
    #[error("unsupported pixel format: {0}")]
    UnsupportedPixelFormat(String),
    /// Width/height/stride/offset do not describe a valid image inside the buffer.
    #[error("bad frame geometry: {0}")]
    BadFrame(String),
    /// A device was asked for that cannot be used.
    #[error("device unavailable: {0}")]
    DeviceUnavailable(String),
    /// A model file does not exist.
    #[error("model file missing: {}", path.display())]
    ModelMissing {
        /// The file that was looked for.
        path: PathBuf,
    },
    /// A model file exists but could not be loaded or run.
    #[error("model file corrupt or incompatible: {}: {reason}", path.display())]
    ModelCorrupt {
        /// The offending file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A media file cannot be opened, decoded or is not a video.
    #[error("media error: {}: {reason}", path.display())]
    Media {
        /// The media file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// An error inside libtorch.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// An argument outside its valid range (e.g. frames pushed out of order).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The operation was cancelled by the caller.
    #[error("cancelled")]
    Cancelled,
}

/// Result alias of the analysis core.
pub type Result<T, E = InferenceError> = std::result::Result<T, E>;
