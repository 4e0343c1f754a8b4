//! The OpenFX layer: the only place (with the C ABI) where raw pointers
//! live. Effects implement the safe [`Effect`] trait and see typed clips,
//! images, params and properties.
//!
//! Writing an effect:
//! 1. a parameter table (`&[ParamSpec]`, validated by a unit test with
//!    [`params::validate`]); script names are saved by hosts, never rename;
//! 2. `impl Effect`: capability constants, `describe_in_context` defining
//!    the clips, `create_instance`, `render` (and the optional actions);
//! 3. add the type to `ofx_plugins!` in `lib.rs`.
//!
//! In `render`, fetch images with [`Instance::clip`] + [`Clip::image`]
//! (released on drop), view pixels with [`Image::view`] / [`Image::view_mut`]
//! (rows in absolute pixel coordinates, any row stride or origin), and read
//! params with [`Param::double_at`] & co. at `args.time`. Errors are
//! [`OfxError`]s; the wrapper maps them to statuses and posts a message.
//! Host quirks handled here: missing properties read as `None`, NULL suite
//! functions are errors naming the function, actions on an instance whose
//! CreateInstance failed return an error status.

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
    Reply, RodArgs, RoiArgs, SequenceArgs, ThreadSafety,
};
pub use error::{OfxError, OfxResult};
pub use image::{ImageView, ImageViewMut};
pub use instance::{ClipPreferences, Instance, RegionsOfInterest};
pub use params::{Param, ParamKind, ParamSpec};
pub use pixel::{Components, PixelDepth, PixelFormat, PixelRect, Sample};
pub use progress::Progress;
