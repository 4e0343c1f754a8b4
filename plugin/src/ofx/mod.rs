//! The OpenFX layer: the only place (with the C ABI) where raw pointers
//! live. Effects implement the safe [`Effect`] trait and see typed clips,
//! images, params and properties.

pub mod args;
pub mod clip;
pub mod copy;
pub mod descriptor;
pub mod dispatch;
pub mod effect;
pub mod error;
pub mod export;
#[cfg(test)]
mod host_tests;
pub mod image;
pub mod instance;
mod instance_data;
pub mod message;
pub mod params;
pub mod pixel;
pub mod progress;
pub mod property;
pub mod suites;
#[cfg(test)]
pub(crate) mod testing;

pub use clip::{Clip, Image};
pub use copy::copy_window;
pub use descriptor::{ClipDescriptor, ContextDescriptor, EffectDescriptor};
pub use effect::{
    ChangeReason, ChangedArgs, ChangedKind, Context, Effect, Identity, IdentityArgs, RenderArgs,
    Reply, RodArgs, SequenceArgs, ThreadSafety,
};
pub use error::{OfxError, OfxResult};
pub use image::{ImageView, ImageViewMut};
pub use instance::{ClipPreferences, Instance};
pub use params::{Param, ParamKind, ParamSpec};
pub use pixel::{Components, PixelDepth, PixelFormat, PixelRect, Sample};
pub use progress::Progress;
