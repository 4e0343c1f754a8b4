//! Pixel-exact copies between image views.

use super::error::{OfxError, OfxResult};
use super::image::{ImageView, ImageViewMut};
use super::pixel::PixelRect;

/// Copies `window` (absolute pixel coordinates) from `src` to `dst`,
/// byte-exactly. Pixels of the window outside `src`'s bounds become zero
/// (transparent black); the window is clipped to `dst`'s bounds. Both images
/// must have the same pixel format.
pub fn copy_window(
    src: &ImageView<'_>,
    dst: &mut ImageViewMut<'_>,
    window: PixelRect,
) -> OfxResult<()> {
    if src.format() != dst.format() {
        return Err(OfxError::ImageFormat(format!(
            "cannot copy {} pixels into a {} image",
            src.format(),
            dst.format()
        )));
    }
    let bpp = dst.format().bytes_per_pixel();
    let window = window.intersect(&dst.bounds());
    if window.is_empty() {
        return Ok(());
    }
    let dst_x1 = dst.bounds().x1;
    let src_bounds = src.bounds();
    let x_lo = window.x1.max(src_bounds.x1);
    let x_hi = window.x2.min(src_bounds.x2);
    for y in window.y1..window.y2 {
        let out = dst.row_raw_mut(y).expect("window clipped to dst bounds");
        let out =
            &mut out[(window.x1 - dst_x1) as usize * bpp..(window.x2 - dst_x1) as usize * bpp];
        match src.row_raw(y) {
            Some(inp) if x_lo < x_hi => {
                let before = (x_lo - window.x1) as usize * bpp;
                let after = (x_hi - window.x1) as usize * bpp;
                out[..before].fill(0);
                let s = (x_lo - src_bounds.x1) as usize * bpp;
                out[before..after].copy_from_slice(&inp[s..s + (after - before)]);
                out[after..].fill(0);
            }
            _ => out.fill(0),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ofx::pixel::{Components, PixelDepth};
    use half::f16;

    #[test]
    fn copy_window_is_exact_and_zero_fills_outside_the_source() {
        let src_bounds = PixelRect::new(0, 0, 6, 4);
        let src: Vec<u16> = (0..6 * 4 * 3).map(|v| v as u16 + 1).collect();
        let src_view = ImageView::from_samples(&src, src_bounds, 6 * 6, Components::Rgb).unwrap();
        // Destination is bigger and offset, top-down, with padding.
        let dst_bounds = PixelRect::new(-2, -1, 8, 5);
        let stride = 12 * 6;
        let mut dst = vec![7_u16; 12 * 3 * 6];
        let mut dst_view =
            ImageViewMut::from_samples(&mut dst, dst_bounds, -(stride as isize), Components::Rgb)
                .unwrap();
        let window = PixelRect::new(-1, 0, 7, 4);
        copy_window(&src_view, &mut dst_view, window).unwrap();
        let view = dst_view.as_view();
        for y in dst_bounds.y1..dst_bounds.y2 {
            for x in dst_bounds.x1..dst_bounds.x2 {
                let got = view.pixel::<u16>(x, y).unwrap().unwrap();
                let expect: Vec<u16> = if !window.contains(x, y) {
                    vec![7; 3]
                } else if src_bounds.contains(x, y) {
                    src_view.pixel::<u16>(x, y).unwrap().unwrap().to_vec()
                } else {
                    vec![0; 3]
                };
                assert_eq!(got, &expect[..], "({x},{y})");
            }
        }
    }

    #[test]
    fn copy_refuses_mismatched_formats() {
        let b = PixelRect::new(0, 0, 1, 1);
        let src = [f16::from_f32(0.5); 4];
        let mut dst = [0.0_f32; 4];
        let s = ImageView::from_samples(&src, b, 8, Components::Rgba).unwrap();
        assert_eq!(s.format().depth, PixelDepth::Half);
        let mut d = ImageViewMut::from_samples(&mut dst, b, 16, Components::Rgba).unwrap();
        assert!(matches!(
            copy_window(&s, &mut d, b),
            Err(OfxError::ImageFormat(_))
        ));
    }
}
