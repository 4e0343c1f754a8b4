//! Cut Check rendering: a straight cut at the transition's centre, copied
//! pixel-exactly (the outgoing clip while `Transition < 0.5`, the incoming
//! clip from 0.5), with the check's box drawn on top when asked for.

use circletake_inference::edit_check::EditReport;
use ofx_sys::K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME as OUTPUT;

use super::overlay;
use super::params as p;
use super::{SOURCE_FROM, SOURCE_TO};
use crate::effects::shot_score::render::frame_rect;
use crate::ofx::{copy_window, Instance, OfxError, OfxResult, RenderArgs};
use std::ffi::CStr;

/// The clip the straight cut shows at `time`.
pub fn shown_clip(instance: &Instance, time: f64) -> OfxResult<&'static CStr> {
    let progress = instance.param(p::TRANSITION)?.double_at(time)?;
    Ok(if progress < 0.5 {
        SOURCE_FROM
    } else {
        SOURCE_TO
    })
}

/// Renders `args.window`: the shown clip's pixels, then the box for `report`
/// when there is one (and a picture to draw on).
pub fn render(
    instance: &Instance,
    args: &RenderArgs,
    report: Option<&EditReport>,
) -> OfxResult<()> {
    let output_clip = instance.clip(OUTPUT)?;
    let mut output = output_clip.image(args.time)?.ok_or_else(|| {
        OfxError::Effect(format!(
            "the host gave no output image at frame {}",
            args.time
        ))
    })?;
    let mut out = output.view_mut()?;
    let source = instance
        .clip(shown_clip(instance, args.time)?)?
        .image(args.time)?;
    match &source {
        Some(image) => copy_window(&image.view()?, &mut out, args.window)?,
        None => {
            // No picture here (a gap): transparent black, as the spec asks.
            let window = args.window.intersect(&out.bounds());
            let bpp = out.format().bytes_per_pixel();
            let x1 = out.bounds().x1;
            for y in window.y1..window.y2 {
                if let Some(row) = out.row_raw_mut(y) {
                    row[(window.x1 - x1) as usize * bpp..(window.x2 - x1) as usize * bpp].fill(0);
                }
            }
        }
    }
    match (report, &source) {
        (Some(report), Some(_)) => {
            let frame = frame_rect(&output_clip, args)?;
            overlay::draw(&mut out, args.window, frame, args.render_scale.1, report)
        }
        _ => Ok(()),
    }
}
