//! Errors of the test host itself (not of the plugin: those are [`Status`]es).

use super::status::Status;
use std::path::PathBuf;

/// What went wrong on the host side.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The bundle folder or its binary is missing or malformed.
    #[error("bad bundle {path}: {why}")]
    Bundle {
        /// The bundle (or binary) path.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// `dlopen`/`dlsym` failed.
    #[error("cannot load {path}: {source}")]
    Load {
        /// The binary.
        path: PathBuf,
        /// The loader's error.
        source: libloading::Error,
    },
    /// No plugin with this identifier in the binary.
    #[error("no plugin {0:?} in the bundle")]
    NoSuchPlugin(String),
    /// An action the host had to succeed returned an error status.
    #[error("{action} returned {status}")]
    Action {
        /// The action name (`OfxActionLoad`...).
        action: String,
        /// The plugin's reply.
        status: Status,
    },
    /// The host profile does not offer what was asked (a depth, components, a context...).
    #[error("the {profile} profile does not offer {what}")]
    NotOffered {
        /// Profile name.
        profile: String,
        /// What was asked.
        what: String,
    },
    /// The plugin did not declare support for what was asked.
    #[error("the plugin does not support {0}")]
    NotSupported(String),
    /// Decoding footage failed or the decoder is missing.
    #[error("footage {path}: {why}")]
    Footage {
        /// The media file.
        path: PathBuf,
        /// What went wrong.
        why: String,
    },
    /// A file-system operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What the host was doing.
        what: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// A frame or parameter the caller asked for does not exist.
    #[error("{0}")]
    Missing(String),
}

impl HostError {
    /// An [`HostError::Io`] with context.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> HostError {
        let what = what.into();
        move |source| HostError::Io { what, source }
    }
}
