//! Live signals: the current frame measured in Render when no analysis
//! covers it, from the source image the host hands the effect.
//!
//! The measurement needs the whole frame (sharpness, exposure and noise are
//! whole-picture statistics): when the host renders tiles and the source
//! image covers only part of the frame, the HUD says so instead of showing
//! numbers that would differ from tile to tile.

use circletake_inference::frame::{ChannelLayout, FrameView, PixelFormat, SampleDepth};
use circletake_inference::Engine;

use super::Live;
use crate::ofx::{Components, ImageView, PixelDepth, PixelRect};

/// The source pixels of `frame_rect` as a packed, top-down buffer in the
/// engine's format; `Err` says why it cannot be measured.
fn packed(view: &ImageView<'_>, frame_rect: PixelRect) -> Result<(Vec<u8>, PixelFormat), String> {
    let layout = match view.format().components {
        Components::Rgba => ChannelLayout::Rgba,
        Components::Rgb => ChannelLayout::Rgb,
        Components::Alpha => {
            return Err("alpha-only image: picture signals need RGB".into());
        }
    };
    let depth = match view.format().depth {
        PixelDepth::Byte => SampleDepth::U8,
        PixelDepth::Short => SampleDepth::U16,
        PixelDepth::Half => SampleDepth::F16,
        PixelDepth::Float => SampleDepth::F32,
    };
    let b = view.bounds();
    if b.intersect(&frame_rect) != frame_rect || frame_rect.is_empty() {
        return Err("live signals need the whole frame (the host renders tiles)".into());
    }
    let bpp = view.format().bytes_per_pixel();
    let (x0, x1) = (
        (frame_rect.x1 - b.x1) as usize * bpp,
        (frame_rect.x2 - b.x1) as usize * bpp,
    );
    let mut out = Vec::with_capacity(frame_rect.width() * frame_rect.height() * bpp);
    for y in (frame_rect.y1..frame_rect.y2).rev() {
        let row = view.row_raw(y).ok_or("source row missing")?;
        out.extend_from_slice(&row[x0..x1]);
    }
    Ok((out, PixelFormat::new(depth, layout)))
}

/// Measures frame `frame` of the source `view` (and `prev`, the frame
/// before, for motion) over `frame_rect`.
pub fn measure(
    engine: Option<&Engine>,
    frame: i64,
    view: Option<&ImageView<'_>>,
    prev: Option<&ImageView<'_>>,
    frame_rect: PixelRect,
) -> Live {
    let Some(engine) = engine else {
        return Live::Unavailable("analysis engine not loaded".into());
    };
    let Some(view) = view else {
        return Live::Unavailable("no source image at this frame".into());
    };
    let (buf, format) = match packed(view, frame_rect) {
        Ok(p) => p,
        Err(why) => return Live::Unavailable(why),
    };
    let (w, h) = (frame_rect.width(), frame_rect.height());
    let current = match FrameView::packed(&buf, w, h, format) {
        Ok(v) => v,
        Err(e) => return Live::Unavailable(e.to_string()),
    };
    let prev_buf = prev.and_then(|p| packed(p, frame_rect).ok());
    let prev_view = prev_buf
        .as_ref()
        .and_then(|(b, f)| FrameView::packed(b, w, h, *f).ok());
    match engine.measure_frame(frame, &current, prev_view.as_ref()) {
        Ok(s) => Live::Measured(s),
        Err(e) => Live::Unavailable(format!("measuring failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_top_down_and_refuses_partial_or_alpha_images() {
        // 2x2 RGB u8 at origin (5, 7); bottom row y=7 holds 1s, top row 2s.
        let bounds = PixelRect::new(5, 7, 7, 9);
        let buf: Vec<u8> = [vec![1u8; 6], vec![2u8; 6]].concat();
        let view = ImageView::from_samples(&buf, bounds, 6, Components::Rgb).unwrap();
        let (out, f) = packed(&view, bounds).unwrap();
        assert_eq!(f, PixelFormat::new(SampleDepth::U8, ChannelLayout::Rgb));
        assert_eq!(&out[..6], &[2; 6]);
        assert_eq!(&out[6..], &[1; 6]);
        let bigger = PixelRect::new(5, 7, 8, 9);
        assert!(packed(&view, bigger).unwrap_err().contains("whole frame"));
        let alpha = ImageView::from_samples(&buf[..4], bounds, 2, Components::Alpha).unwrap();
        assert!(packed(&alpha, bounds).unwrap_err().contains("alpha"));
        assert!(matches!(
            measure(None, 0, Some(&view), None, bounds),
            Live::Unavailable(_)
        ));
    }
}
