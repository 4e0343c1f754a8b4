//! Raw declarations of the OpenFX 1.5 C ABI, written for CircleTake from the
//! official headers and documentation.
//!
//! One module per header; everything is re-exported at the crate root.
//! Struct members keep the headers' C names so code reads like the spec.
//! String constants are `&'static CStr` (`K_OFX_...`) so that action and
//! property names compare directly with what a host passes.
#![allow(non_snake_case)]

pub mod core;
pub mod gpu;
pub mod image_effect;
pub mod memory;
pub mod message;
pub mod multithread;
pub mod param;
pub mod pixels;
pub mod progress;
pub mod property;
pub mod status;
pub mod timeline;

pub use crate::core::*;
pub use crate::gpu::*;
pub use crate::image_effect::*;
pub use crate::memory::*;
pub use crate::message::*;
pub use crate::multithread::*;
pub use crate::param::*;
pub use crate::pixels::*;
pub use crate::progress::*;
pub use crate::property::*;
pub use crate::status::*;
pub use crate::timeline::*;
