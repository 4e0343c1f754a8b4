//! Shot Score: per-shot scores, reasons and trim suggestions in the host's
//! timeline. This version declares the effect, its parameters and a
//! pixel-exact passthrough render; analysis arrives in a later change.

pub mod params;
mod render;

use std::ffi::CStr;

use ofx_sys::{
    K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME as OUTPUT,
    K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME as SOURCE,
};

use crate::ofx::{
    ClipPreferences, Components, Context, ContextDescriptor, Effect, Identity, IdentityArgs,
    Instance, OfxResult, ParamSpec, PixelDepth, RenderArgs, Reply, ThreadSafety,
};

/// The Shot Score effect. Holds no mutable per-render state (FullySafe).
#[derive(Debug, Default)]
pub struct ShotScore;

impl Effect for ShotScore {
    const IDENTIFIER: &'static CStr = c"org.circletake.ShotScore";
    const VERSION: (u32, u32) = (1, 0);
    const LABEL: &'static CStr = c"Shot Score";
    const GROUPING: &'static CStr = c"CircleTake";
    const DESCRIPTION: &'static CStr =
        c"Scores each shot (focus, exposure, shake, noise, black/flash/frozen frames, faces, blinks) and suggests in/out points.";
    const CONTEXTS: &'static [Context] = &[Context::Filter, Context::General];
    const PIXEL_DEPTHS: &'static [PixelDepth] = &PixelDepth::ALL;
    const COMPONENTS: &'static [Components] = &Components::ALL;
    const SUPPORTS_TILES: bool = true;
    const SUPPORTS_MULTI_RESOLUTION: bool = true;
    const TEMPORAL_CLIP_ACCESS: bool = true;
    const RENDER_THREAD_SAFETY: ThreadSafety = ThreadSafety::FullySafe;
    const HOST_FRAME_THREADING: bool = true;
    const PARAMS: &'static [ParamSpec] = params::PARAMS;

    fn describe_in_context(desc: &ContextDescriptor, _context: Context) -> OfxResult<()> {
        desc.define_clip(SOURCE)?
            .supported_components(Self::COMPONENTS)?
            .temporal_access(Self::TEMPORAL_CLIP_ACCESS)?
            .supports_tiles(Self::SUPPORTS_TILES)?;
        desc.define_clip(OUTPUT)?
            .supported_components(Self::COMPONENTS)?
            .supports_tiles(Self::SUPPORTS_TILES)?;
        Ok(())
    }

    fn create_instance(_instance: &Instance) -> OfxResult<Self> {
        Ok(Self)
    }

    /// The output takes the source's depth and components (when the host
    /// reports them: MLT leaves them unset early on).
    fn clip_preferences(&self, instance: &Instance, prefs: &ClipPreferences) -> OfxResult<Reply> {
        let source = instance.clip(SOURCE)?;
        let depth = source.unmapped_pixel_depth().ok().flatten();
        let components = source.unmapped_components().ok().flatten();
        let mut handled = false;
        if let Some(depth) = depth.filter(|d| Self::PIXEL_DEPTHS.contains(d)) {
            prefs.set_depth(OUTPUT, depth)?;
            handled = true;
        }
        if let Some(components) = components.filter(|c| Self::COMPONENTS.contains(c)) {
            prefs.set_components(OUTPUT, components)?;
            handled = true;
        }
        Ok(if handled {
            Reply::Handled
        } else {
            Reply::Default
        })
    }

    /// With the overlay off the effect is the source itself.
    /// If the host cannot tell us the overlay state, rendering (which passes
    /// through as well) is the safe answer.
    fn is_identity(&self, instance: &Instance, args: &IdentityArgs) -> OfxResult<Option<Identity>> {
        let overlay = match instance
            .param(params::OVERLAY)
            .and_then(|p| p.bool_at(args.time))
        {
            Ok(on) => on,
            Err(e) => {
                log::warn!("Shot Score: overlay state unreadable ({e}); rendering instead");
                return Ok(None);
            }
        };
        Ok((!overlay).then_some(Identity {
            clip: SOURCE,
            time: args.time,
        }))
    }

    fn render(&self, instance: &Instance, args: &RenderArgs) -> OfxResult<()> {
        let overlay = instance.param(params::OVERLAY)?.bool_at(args.time)?;
        let data = render::OverlayData {
            overlay,
            ..Default::default()
        };
        render::render(instance, args, &data)
    }
}
