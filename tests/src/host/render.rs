//! Rendering a frame the way the profile's host does: clip preferences, region
//! of definition, identity and frames-needed queries (hosts that send them),
//! regions of interest, then Begin/Render (per tile or window)/EndSequenceRender.

use super::error::HostError;
use super::images::{Components, Depth, OwnedImage, RectI, RowLayout};
use super::instance::Instance;
use super::profiles::Windows;
use super::records::lock;
use super::render_steps::Pass;
use super::sampling;
use super::status::Status;
use ofx_sys as ofx;

/// What to render.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// Frame time.
    pub time: f64,
    /// Output (and, normally, source) pixel depth.
    pub depth: Depth,
    /// Output (and, normally, source) components.
    pub components: Components,
    /// Render scale (1.0, 0.5...).
    pub scale: f64,
    /// Pixel window at that scale; `None`: the whole region of definition.
    pub window: Option<RectI>,
    /// Hand the source clip this format after the clip preferences, whatever the
    /// plugin asked (a host misbehaving, to check that the plugin declines cleanly).
    pub force_source_format: Option<(Depth, Components)>,
}

impl RenderRequest {
    /// The whole frame at `time`, scale 1.
    pub fn new(time: f64, depth: Depth, components: Components) -> RenderRequest {
        RenderRequest {
            time,
            depth,
            components,
            scale: 1.0,
            window: None,
            force_source_format: None,
        }
    }
}

/// The result of a render.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The output pixels over the requested window (plain layout).
    pub image: OwnedImage,
    /// The first non-OK reply among the render actions (OK when all went well).
    pub status: Status,
    /// The windows Render was called with.
    pub windows: Vec<RectI>,
    /// When IsIdentity said so: (clip name, time) that was copied instead of rendering.
    pub identity: Option<(String, f64)>,
}

fn tiles(window: RectI, n: usize) -> Vec<RectI> {
    let n = n.max(1) as i32;
    let mut out = Vec::new();
    let mut y = window.y1;
    while y < window.y2 {
        let mut x = window.x1;
        while x < window.x2 {
            out.push(RectI::new(
                x,
                y,
                (x + n).min(window.x2),
                (y + n).min(window.y2),
            ));
            x += n;
        }
        y += n;
    }
    out
}

impl Instance {
    /// Renders the whole frame at `time`, scale 1, split as the profile does.
    pub fn render(
        &self,
        time: f64,
        depth: Depth,
        components: Components,
    ) -> Result<Rendered, HostError> {
        self.render_request(&RenderRequest::new(time, depth, components))
    }

    /// What a pixel-exact passthrough of `req` must produce: the source pixels.
    pub fn expected_passthrough(&self, req: &RenderRequest) -> Result<OwnedImage, HostError> {
        let src = self
            .spec
            .source
            .as_deref()
            .ok_or_else(|| HostError::Missing("no source clip".into()))?;
        let origin = self.plugin.host.profile().origin;
        let window = req
            .window
            .unwrap_or_else(|| sampling::pixel_rod(src, origin, req.scale));
        sampling::source_pixels(
            src,
            origin,
            req.time.round() as usize,
            req.scale,
            req.depth,
            req.components,
            window,
            RowLayout::default(),
        )
    }

    /// Renders `req` through the profile's action sequence: GetClipPreferences,
    /// GetRegionOfDefinition, (GetFramesNeeded, IsIdentity), then per window
    /// GetRegionsOfInterest, and BeginSequenceRender, Render per window,
    /// EndSequenceRender.
    pub fn render_request(&self, req: &RenderRequest) -> Result<Rendered, HostError> {
        let profile = self.plugin.host.profile().clone();
        if !profile.offers(req.depth, req.components) {
            return Err(HostError::NotOffered {
                profile: profile.name.into(),
                what: format!("{:?} {:?}", req.depth, req.components),
            });
        }
        let output = self
            .node
            .clip("Output")
            .ok_or_else(|| HostError::Missing("no Output clip".into()))?;
        let inputs = lock(&self.node.clips)
            .iter()
            .filter(|c| !c.is_output())
            .cloned()
            .collect();
        let mut pass = Pass {
            inst: self,
            req,
            profile: profile.clone(),
            output,
            inputs,
            first_bad: Status::Ok,
        };
        let format = pass.clip_preferences();
        let rod = pass.region_of_definition();
        let window = req.window.unwrap_or(rod);
        if profile.sends_optional_actions {
            if let Some((clip, t)) = pass.frames_needed_and_identity(window) {
                let input = self.node.clip(&clip).filter(|c| !c.is_output());
                let Some(input) = input else {
                    self.node.host.records.violation(format!(
                        "IsIdentity named clip {clip:?}, which is not an input clip"
                    ));
                    return Err(HostError::Missing(format!("identity clip {clip}")));
                };
                // The named clip's frame at the identity time (its own mapping:
                // a Transition's clips are offset into their sources).
                let (Some(src), Some(frame)) =
                    (input.source.as_deref(), input.source_frame(t.round()))
                else {
                    return Err(HostError::Missing(format!(
                        "identity clip {clip} has no frame at time {t}"
                    )));
                };
                let image = sampling::source_pixels(
                    src,
                    profile.origin,
                    frame,
                    req.scale,
                    format.0,
                    format.1,
                    window,
                    RowLayout::default(),
                )?;
                return Ok(Rendered {
                    image,
                    status: pass.first_bad,
                    windows: Vec::new(),
                    identity: Some((clip, t)),
                });
            }
        }
        // Tiles when both sides support them.
        let plugin_tiles = self
            .node
            .props
            .int(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES)
            .unwrap_or(1)
            != 0;
        let windows = match profile.windows {
            Windows::Tiles(n) if profile.tiles && plugin_tiles => tiles(window, n),
            _ => vec![window],
        };
        let rois: Vec<RectI> = windows
            .iter()
            .map(|w| pass.region_of_interest(*w))
            .collect();
        pass.sequence(
            ofx::K_OFX_IMAGE_EFFECT_ACTION_BEGIN_SEQUENCE_RENDER,
            "OfxImageEffectActionBeginSequenceRender",
        );
        let mut result = OwnedImage::new(format.0, format.1, window, RowLayout::default());
        for (w, roi) in windows.iter().zip(&rois) {
            if let Some(img) = pass.render_window(*w, *roi, format) {
                let img = img.image();
                for y in w.y1..w.y2 {
                    for x in w.x1..w.x2 {
                        if let (Some(src), Some(dst)) = (img.pixel(x, y), result.pixel_mut(x, y)) {
                            dst.copy_from_slice(src);
                        }
                    }
                }
            }
        }
        pass.sequence(
            ofx::K_OFX_IMAGE_EFFECT_ACTION_END_SEQUENCE_RENDER,
            "OfxImageEffectActionEndSequenceRender",
        );
        Ok(Rendered {
            image: result,
            status: pass.first_bad,
            windows,
            identity: None,
        })
    }
}
