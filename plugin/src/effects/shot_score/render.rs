//! Shot Score rendering: a pixel-exact passthrough of the render window,
//! with the analysis overlay drawn on top when it is switched on.

use circletake_inference::report::ClipReport;
use circletake_inference::Engine;

use crate::ofx::{copy_window, Instance, OfxError, OfxResult, RenderArgs};
use ofx_sys::{K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME, K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME};

/// What the overlay may show for the frame being rendered. Built by the
/// effect (see `mod.rs`) from its current results; rendering only reads it.
// Fields are read by the overlay drawing, which lands next.
#[allow(dead_code)]
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
    passthrough(instance, args)?;
    if data.overlay {
        // The overlay drawing lands in the next change.
        log::debug!("Shot Score: overlay requested at frame {}", args.time);
    }
    Ok(())
}

/// Copies the source to the output over `args.window`, honouring both
/// images' bounds and row bytes; window pixels without source become
/// transparent black.
pub fn passthrough(instance: &Instance, args: &RenderArgs) -> OfxResult<()> {
    let output_clip = instance.clip(K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME)?;
    let mut output = output_clip.image(args.time)?.ok_or_else(|| {
        OfxError::Effect(format!(
            "the host gave no output image at frame {}",
            args.time
        ))
    })?;
    let mut out = output.view_mut()?;
    let source_clip = instance.clip(K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME)?;
    match source_clip.image(args.time)? {
        Some(source) => copy_window(&source.view()?, &mut out, args.window),
        None => {
            // No source frame here: transparent black, as the spec asks.
            let window = args.window.intersect(&out.bounds());
            for y in window.y1..window.y2 {
                let bpp = out.format().bytes_per_pixel();
                let x1 = out.bounds().x1;
                if let Some(row) = out.row_raw_mut(y) {
                    row[(window.x1 - x1) as usize * bpp..(window.x2 - x1) as usize * bpp].fill(0);
                }
            }
            Ok(())
        }
    }
}
