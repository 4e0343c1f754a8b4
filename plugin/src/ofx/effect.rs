//! The safe `Effect` trait every CircleTake effect implements, its capability
//! constants, and the typed arguments of each action.

use std::ffi::CStr;

use ofx_sys::*;

use super::descriptor::{ContextDescriptor, EffectDescriptor};
use super::error::{OfxError, OfxResult};
use super::instance::{ClipPreferences, Instance, RegionsOfInterest};
use super::params::ParamSpec;
use super::pixel::{Components, PixelDepth, PixelRect};

/// An image effect context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// One `Source` clip in, `Output` out.
    Filter,
    /// Any clips.
    General,
    /// No input.
    Generator,
    /// `SourceFrom` / `SourceTo` and a `Transition` param.
    Transition,
    /// Paint.
    Paint,
    /// Retimer.
    Retimer,
}

impl Context {
    /// The OpenFX string.
    pub const fn as_cstr(self) -> &'static CStr {
        match self {
            Self::Filter => K_OFX_IMAGE_EFFECT_CONTEXT_FILTER,
            Self::General => K_OFX_IMAGE_EFFECT_CONTEXT_GENERAL,
            Self::Generator => K_OFX_IMAGE_EFFECT_CONTEXT_GENERATOR,
            Self::Transition => K_OFX_IMAGE_EFFECT_CONTEXT_TRANSITION,
            Self::Paint => K_OFX_IMAGE_EFFECT_CONTEXT_PAINT,
            Self::Retimer => K_OFX_IMAGE_EFFECT_CONTEXT_RETIMER,
        }
    }

    /// Parses an OpenFX context string.
    pub fn parse(s: &str) -> OfxResult<Self> {
        [
            Self::Filter,
            Self::General,
            Self::Generator,
            Self::Transition,
            Self::Paint,
            Self::Retimer,
        ]
        .into_iter()
        .find(|c| c.as_cstr().to_bytes() == s.as_bytes())
        .ok_or_else(|| OfxError::Unsupported(format!("image effect context {s:?}")))
    }
}

/// How many renders may run at once (`kOfxImageEffectPluginRenderThreadSafety`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadSafety {
    /// One render at a time across all instances.
    Unsafe,
    /// One render at a time per instance.
    InstanceSafe,
    /// Any number of renders on any instance.
    FullySafe,
}

impl ThreadSafety {
    /// The OpenFX string.
    pub const fn as_cstr(self) -> &'static CStr {
        match self {
            Self::Unsafe => K_OFX_IMAGE_EFFECT_RENDER_UNSAFE,
            Self::InstanceSafe => K_OFX_IMAGE_EFFECT_RENDER_INSTANCE_SAFE,
            Self::FullySafe => K_OFX_IMAGE_EFFECT_RENDER_FULLY_SAFE,
        }
    }
}

/// Whether an optional action was handled (`kOfxStatOK`) or the host should
/// do its default (`kOfxStatReplyDefault`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Handled.
    Handled,
    /// Use the host's default.
    Default,
}

/// Arguments of Render.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderArgs {
    /// Frame to render (effect time, frames).
    pub time: f64,
    /// Pixels to fill, in pixel coordinates (may be a tile of the image).
    pub window: PixelRect,
    /// Proxy scale (x, y) already applied to the images; 1 = full size.
    pub render_scale: (f64, f64),
    /// Field being rendered (`kOfxImageFieldNone` ...), if given.
    pub field: Option<String>,
    /// The host renders frames in order on this instance.
    pub sequential: bool,
    /// Rendered because a user is interacting.
    pub interactive: bool,
    /// Draft quality allowed (scrubbing, thumbnails).
    pub draft: bool,
    /// DaVinci Resolve's source media frame, if given.
    pub src_frame: Option<i32>,
    /// DaVinci Resolve's source media path, if given here.
    pub src_file_path: Option<String>,
}

/// Arguments of IsIdentity.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityArgs {
    /// Frame (effect time).
    pub time: f64,
    /// Window that would be rendered, pixel coordinates.
    pub window: PixelRect,
    /// Proxy scale (x, y).
    pub render_scale: (f64, f64),
}

/// An identity reply: use `clip` at `time` instead of rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// Clip name, e.g. `Source`.
    pub clip: &'static CStr,
    /// Time on that clip.
    pub time: f64,
}

/// Arguments of GetRegionOfDefinition.
#[derive(Debug, Clone, PartialEq)]
pub struct RodArgs {
    /// Frame (effect time).
    pub time: f64,
    /// Proxy scale (x, y).
    pub render_scale: (f64, f64),
}

/// Arguments of GetRegionsOfInterest.
#[derive(Debug, Clone, PartialEq)]
pub struct RoiArgs {
    /// Frame (effect time).
    pub time: f64,
    /// The region of the output the host will ask to render, in canonical
    /// coordinates (`kOfxImageEffectPropRegionOfInterest`).
    pub region: OfxRectD,
    /// Proxy scale (x, y).
    pub render_scale: (f64, f64),
}

/// Arguments of Begin/EndSequenceRender.
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceArgs {
    /// First and last frame (inclusive).
    pub frame_range: (f64, f64),
    /// Step between frames (1, or 0.5 for fields).
    pub frame_step: f64,
    /// A single frame for an interactive session.
    pub interactive: bool,
    /// Proxy scale (x, y).
    pub render_scale: (f64, f64),
}

/// Why something changed (`kOfxPropChangeReason`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeReason {
    /// The user (or undo/redo, reset, load) changed it.
    UserEdited,
    /// The plug-in itself changed it.
    PluginEdited,
    /// Time changed and the value varies over time.
    Time,
    /// A reason this version does not know.
    Other(String),
}

/// What changed in InstanceChanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangedKind {
    /// A parameter.
    Param,
    /// A clip.
    Clip,
    /// Something else (`kOfxPropType` as given).
    Other(String),
}

/// Arguments of InstanceChanged.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedArgs {
    /// Param or clip.
    pub kind: ChangedKind,
    /// Its name.
    pub name: String,
    /// Why.
    pub reason: ChangeReason,
    /// Effect time of the change.
    pub time: f64,
    /// Proxy scale (x, y).
    pub render_scale: (f64, f64),
}

/// A CircleTake image effect. Safe code only: the wrapper in this module owns
/// every raw pointer. Methods take `&self` because hosts may call Render on
/// several threads while the main thread runs other actions on the same
/// instance: keep mutable state behind locks or atomics.
pub trait Effect: Sized + Send + Sync + 'static {
    /// Reverse-DNS identifier; never changes.
    const IDENTIFIER: &'static CStr;
    /// (major, minor); major changes break compatibility.
    const VERSION: (u32, u32);
    /// Menu label.
    const LABEL: &'static CStr;
    /// Menu group (`/` for submenus).
    const GROUPING: &'static CStr;
    /// Longer description.
    const DESCRIPTION: &'static CStr;
    /// Contexts supported.
    const CONTEXTS: &'static [Context];
    /// Pixel depths supported.
    const PIXEL_DEPTHS: &'static [PixelDepth];
    /// Pixel components supported on every clip.
    const COMPONENTS: &'static [Components];
    /// Render windows smaller than the image are fine.
    const SUPPORTS_TILES: bool;
    /// Images of any size and origin are fine.
    const SUPPORTS_MULTI_RESOLUTION: bool;
    /// Fetches images at other times than the render time.
    const TEMPORAL_CLIP_ACCESS: bool;
    /// How many renders may run at once.
    const RENDER_THREAD_SAFETY: ThreadSafety;
    /// The host may split one frame over threads (render windows).
    const HOST_FRAME_THREADING: bool;
    /// The parameter table.
    const PARAMS: &'static [ParamSpec];

    /// Extra descriptor properties beyond the constants (rarely needed).
    fn describe(_desc: &EffectDescriptor) -> OfxResult<()> {
        Ok(())
    }

    /// Defines the clips for `context` (params come from [`Self::PARAMS`]).
    fn describe_in_context(desc: &ContextDescriptor, context: Context) -> OfxResult<()>;

    /// Builds the instance's Rust state (rebuild persistent state from params).
    fn create_instance(instance: &Instance) -> OfxResult<Self>;

    /// Called once before the state is dropped.
    fn destroy(&self, _instance: &Instance) -> OfxResult<()> {
        Ok(())
    }

    /// Clip preferences (components, depth, PAR of clips).
    fn clip_preferences(&self, _instance: &Instance, _prefs: &ClipPreferences) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }

    /// Region of definition in canonical coordinates; `None` = host default.
    fn region_of_definition(
        &self,
        _instance: &Instance,
        _args: &RodArgs,
    ) -> OfxResult<Option<OfxRectD>> {
        Ok(None)
    }

    /// The region of each input clip needed to render `args.region` of the
    /// output: set it on `rois` and return [`Reply::Handled`];
    /// [`Reply::Default`] = the host's default (the output region itself).
    fn regions_of_interest(
        &self,
        _instance: &Instance,
        _args: &RoiArgs,
        _rois: &RegionsOfInterest,
    ) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }

    /// `Some` to pass a clip through instead of rendering.
    fn is_identity(
        &self,
        _instance: &Instance,
        _args: &IdentityArgs,
    ) -> OfxResult<Option<Identity>> {
        Ok(None)
    }

    /// Renders `args.window` of the output.
    fn render(&self, instance: &Instance, args: &RenderArgs) -> OfxResult<()>;

    /// A param or clip changed.
    fn instance_changed(&self, _instance: &Instance, _args: &ChangedArgs) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }

    /// Before a sequence of renders.
    fn begin_sequence_render(
        &self,
        _instance: &Instance,
        _args: &SequenceArgs,
    ) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }

    /// After a sequence of renders.
    fn end_sequence_render(&self, _instance: &Instance, _args: &SequenceArgs) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }

    /// Flush private state into params (before save/copy).
    fn sync_private_data(&self, _instance: &Instance) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }

    /// Free caches (low memory).
    fn purge_caches(&self, _instance: &Instance) -> OfxResult<Reply> {
        Ok(Reply::Default)
    }
}
