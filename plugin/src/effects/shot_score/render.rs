//! Shot Score rendering. For now a pixel-exact passthrough of the render
//! window (the analysis overlay comes later).

use crate::ofx::{copy_window, Instance, OfxError, OfxResult, RenderArgs};
use ofx_sys::{K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME, K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME};

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
