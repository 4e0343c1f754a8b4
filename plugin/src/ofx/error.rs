//! The error type of the OFX layer and its ONE mapping to `OfxStatus`,
//! modelled on how the OpenFX C++ Support library maps exceptions.

use ofx_sys::OfxStatus;

/// Everything that can go wrong between the host and an effect.
#[derive(Debug, thiserror::Error)]
pub enum OfxError {
    /// The host lacks a suite, property or capability the plug-in needs.
    #[error("the host is missing a feature CircleTake needs: {0}")]
    MissingHostFeature(String),
    /// A suite exists but one of its function pointers is NULL.
    #[error("the host's {suite} has no {function} (NULL function pointer)")]
    MissingSuiteFunction {
        /// Suite struct name, e.g. `OfxMessageSuiteV2`.
        suite: &'static str,
        /// Member name, e.g. `setPersistentMessage`.
        function: &'static str,
    },
    /// Host or plug-in ran out of memory.
    #[error("out of memory: {0}")]
    Memory(String),
    /// An image has a pixel depth / components combination we cannot handle,
    /// or inconsistent geometry (bounds, row bytes, data pointer).
    #[error("unsupported image format: {0}")]
    ImageFormat(String),
    /// A feature or operation that is not supported.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A host suite call returned a failure status.
    #[error("host call {call} failed with {status}")]
    Host {
        /// The suite function that failed.
        call: &'static str,
        /// The status the host returned.
        status: OfxStatus,
    },
    /// A NULL handle where one is required.
    #[error("NULL {0} handle")]
    NullHandle(&'static str),
    /// An action arrived for an instance whose CreateInstance failed or that
    /// was already destroyed (its instance data is NULL).
    #[error("this CircleTake instance was not created successfully; recreate the effect")]
    NoInstance,
    /// A value from the host or a table is out of range or malformed.
    #[error("invalid value: {0}")]
    InvalidValue(String),
    /// An error from the effect itself, with a message for the user.
    #[error("{0}")]
    Effect(String),
    /// A panic was caught at the FFI boundary.
    #[error("internal error (panic): {0}")]
    Panic(String),
}

/// Result alias of the OFX layer.
pub type OfxResult<T> = Result<T, OfxError>;

impl OfxError {
    /// The status reported to the host: the single error -> status table.
    pub fn status(&self) -> OfxStatus {
        match self {
            OfxError::MissingHostFeature(_) | OfxError::MissingSuiteFunction { .. } => {
                OfxStatus::ERR_MISSING_HOST_FEATURE
            }
            OfxError::Memory(_) => OfxStatus::ERR_MEMORY,
            OfxError::Host { status, .. } if *status == OfxStatus::ERR_MEMORY => {
                OfxStatus::ERR_MEMORY
            }
            OfxError::ImageFormat(_) => OfxStatus::ERR_IMAGE_FORMAT,
            OfxError::Unsupported(_) => OfxStatus::ERR_UNSUPPORTED,
            OfxError::NullHandle(_) => OfxStatus::ERR_BAD_HANDLE,
            OfxError::Host { .. }
            | OfxError::NoInstance
            | OfxError::InvalidValue(_)
            | OfxError::Effect(_)
            | OfxError::Panic(_) => OfxStatus::FAILED,
        }
    }

    /// Turns a host status into `Ok(())` or [`OfxError::Host`].
    pub fn check(call: &'static str, status: OfxStatus) -> OfxResult<()> {
        if status == OfxStatus::OK {
            Ok(())
        } else {
            Err(OfxError::Host { call, status })
        }
    }

    /// Builds an [`OfxError::Panic`] from a caught panic payload.
    pub fn from_panic(payload: Box<dyn std::any::Any + Send>) -> Self {
        let text = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic payload".to_owned()
        };
        OfxError::Panic(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_to_status_table() {
        let cases = [
            (
                OfxError::MissingHostFeature("x".into()),
                OfxStatus::ERR_MISSING_HOST_FEATURE,
            ),
            (
                OfxError::MissingSuiteFunction {
                    suite: "S",
                    function: "f",
                },
                OfxStatus::ERR_MISSING_HOST_FEATURE,
            ),
            (OfxError::Memory("x".into()), OfxStatus::ERR_MEMORY),
            (
                OfxError::Host {
                    call: "clipGetImage",
                    status: OfxStatus::ERR_MEMORY,
                },
                OfxStatus::ERR_MEMORY,
            ),
            (
                OfxError::Host {
                    call: "clipGetImage",
                    status: OfxStatus::ERR_BAD_HANDLE,
                },
                OfxStatus::FAILED,
            ),
            (
                OfxError::ImageFormat("x".into()),
                OfxStatus::ERR_IMAGE_FORMAT,
            ),
            (
                OfxError::Unsupported("x".into()),
                OfxStatus::ERR_UNSUPPORTED,
            ),
            (OfxError::NullHandle("clip"), OfxStatus::ERR_BAD_HANDLE),
            (OfxError::NoInstance, OfxStatus::FAILED),
            (OfxError::InvalidValue("x".into()), OfxStatus::FAILED),
            (OfxError::Effect("x".into()), OfxStatus::FAILED),
            (OfxError::Panic("x".into()), OfxStatus::FAILED),
        ];
        for (error, status) in cases {
            assert_eq!(error.status(), status, "{error}");
        }
    }

    #[test]
    fn panic_payloads_become_messages() {
        let caught = std::panic::catch_unwind(|| panic!("boom {}", 7)).unwrap_err();
        assert_eq!(
            OfxError::from_panic(caught).to_string(),
            "internal error (panic): boom 7"
        );
        let caught = std::panic::catch_unwind(|| std::panic::panic_any(5_u8)).unwrap_err();
        assert!(OfxError::from_panic(caught)
            .to_string()
            .contains("unknown panic payload"));
    }

    #[test]
    fn check_passes_ok_and_wraps_failures() {
        assert!(OfxError::check("f", OfxStatus::OK).is_ok());
        let err = OfxError::check("propGetInt", OfxStatus::ERR_BAD_HANDLE).unwrap_err();
        assert!(err.to_string().contains("propGetInt"));
    }
}
