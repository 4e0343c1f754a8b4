//! Parameters: the declaration table, its definition on the host, and typed
//! instance access.

pub mod define;
pub mod spec;
pub mod value;

pub use spec::{validate, ParamKind, ParamSpec, StringMode};
pub use value::{EditBlock, Param};
