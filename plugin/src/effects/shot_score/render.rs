//! Shot Score rendering: a pixel-exact passthrough of the render window,
//! with the analysis overlay (see [`overlay`]) drawn on top when it is
//! switched on.

// The overlay's modules live in `shot_score/overlay/`, declared here so the
// effect's `mod.rs` needs no change for them.
#[path = "overlay/mod.rs"]
pub mod overlay;

use circletake_inference::report::ClipReport;
use circletake_inference::Engine;

use crate::ofx::{
    copy_window, Clip, Image, ImageViewMut, Instance, OfxError, OfxResult, PixelRect, RenderArgs,
};
use ofx_sys::{K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME, K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME};
use overlay::{live, Live, Scene};

/// What the overlay may show for the frame being rendered. Built by the
/// effect (see `mod.rs`) from its current results; rendering only reads it.
#[derive(Debug, Clone, Copy, Default)]
pub struct OverlayData<'a> {
    /// Draw the overlay at all (the `overlay` param at this time).
    pub overlay: bool,
    /// Draw face boxes (when the report or live signals have faces).
    pub face_boxes: bool,
    /// The clip's analysis: from the Analyze button, restored from the
    /// project, or completed by render-driven analysis.
    pub report: Option<&'a ClipReport>,
    /// Render-driven analysis progress 0..1 while it is still partial.
    pub coverage: Option<f64>,
    /// Engine for measuring the current frame's own signals live when the
    /// report does not cover it (`None`: engine unavailable).
    pub engine: Option<&'a Engine>,
}

/// Renders one frame: passthrough, plus the overlay when `data.overlay`.
pub fn render(instance: &Instance, args: &RenderArgs, data: &OverlayData<'_>) -> OfxResult<()> {
    if !data.overlay {
        return passthrough(instance, args);
    }
    let output_clip = instance.clip(K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME)?;
    let mut output = output_image(&output_clip, args)?;
    let mut out = output.view_mut()?;
    let source_clip = instance.clip(K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME)?;
    let source = source_clip.image(args.time)?;
    copy_source(source.as_ref(), &mut out, args.window)?;
    if source.is_none() {
        // No picture here (before the clip, a gap): transparent black as
        // the spec asks, nothing to annotate.
        return Ok(());
    }

    let frame = args.time.round() as i64;
    let frame_rect = frame_rect(&output_clip, args)?;
    let live = Scene::wants_live(data.report, frame, data.face_boxes)
        .then(|| live_signals(&source_clip, source.as_ref(), data.engine, args, frame_rect))
        .transpose()?;
    let scene = Scene {
        frame,
        frame_rect,
        scale: args.render_scale.1,
        report: data.report,
        coverage: data.coverage,
        live,
        face_boxes: data.face_boxes,
    };
    overlay::draw(&mut out, args.window, &scene)
}

/// Measures the current frame (and uses the previous one for motion when
/// the host gives it).
fn live_signals(
    source_clip: &Clip,
    source: Option<&Image>,
    engine: Option<&Engine>,
    args: &RenderArgs,
    frame_rect: PixelRect,
) -> OfxResult<Live> {
    let frame = args.time.round() as i64;
    let Some(engine) = engine else {
        return Ok(live::measure(None, frame, None, None, frame_rect));
    };
    let view = source.map(Image::view).transpose()?;
    let first = source_clip
        .frame_range()
        .ok()
        .flatten()
        .map_or(0.0, |r| r.0);
    let prev_image = if args.time - 1.0 >= first {
        source_clip.image(args.time - 1.0).ok().flatten()
    } else {
        None
    };
    let prev = prev_image.as_ref().and_then(|i| i.view().ok());
    Ok(live::measure(
        Some(engine),
        frame,
        view.as_ref(),
        prev.as_ref(),
        frame_rect,
    ))
}

/// The whole output frame in pixels at the render scale: the output clip's
/// region of definition (canonical) times the render scale, divided by the
/// pixel aspect ratio horizontally; outer edges rounded outwards.
pub(crate) fn frame_rect(output_clip: &Clip, args: &RenderArgs) -> OfxResult<PixelRect> {
    let rod = output_clip.region_of_definition(args.time)?;
    let par = output_clip
        .pixel_aspect_ratio()
        .ok()
        .flatten()
        .filter(|p| p.is_finite() && *p > 0.0)
        .unwrap_or(1.0);
    let (sx, sy) = args.render_scale;
    let (sx, sy) = (sx / par, sy);
    Ok(PixelRect::new(
        (rod.x1 * sx).floor() as i32,
        (rod.y1 * sy).floor() as i32,
        (rod.x2 * sx).ceil() as i32,
        (rod.y2 * sy).ceil() as i32,
    ))
}

fn output_image(output_clip: &Clip, args: &RenderArgs) -> OfxResult<Image> {
    output_clip.image(args.time)?.ok_or_else(|| {
        OfxError::Effect(format!(
            "the host gave no output image at frame {}",
            args.time
        ))
    })
}

/// Copies `source` over `window` of `out`; without a source the window
/// becomes transparent black, as the spec asks.
fn copy_source(
    source: Option<&Image>,
    out: &mut ImageViewMut<'_>,
    window: PixelRect,
) -> OfxResult<()> {
    match source {
        Some(source) => copy_window(&source.view()?, out, window),
        None => {
            let window = window.intersect(&out.bounds());
            let bpp = out.format().bytes_per_pixel();
            let x1 = out.bounds().x1;
            for y in window.y1..window.y2 {
                if let Some(row) = out.row_raw_mut(y) {
                    row[(window.x1 - x1) as usize * bpp..(window.x2 - x1) as usize * bpp].fill(0);
                }
            }
            Ok(())
        }
    }
}

/// Copies the source to the output over `args.window`, honouring both
/// images' bounds and row bytes; window pixels without source become
/// transparent black.
pub fn passthrough(instance: &Instance, args: &RenderArgs) -> OfxResult<()> {
    let output_clip = instance.clip(K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME)?;
    let mut output = output_image(&output_clip, args)?;
    let mut out = output.view_mut()?;
    let source_clip = instance.clip(K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME)?;
    let source = source_clip.image(args.time)?;
    copy_source(source.as_ref(), &mut out, args.window)
}
