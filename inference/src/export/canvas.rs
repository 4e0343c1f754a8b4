//! Small raster drawing helpers on RGB8 images for the PNG report: filled and
//! blended rectangles, lines, and pasting a resized picture. Everything clips to
//! the image, so callers can draw without bounds checks.

use image::imageops::{resize, FilterType};
use image::{Rgb, RgbImage};

/// Fills the rectangle at (`x`, `y`) of `w` x `h` pixels with `c`.
pub fn fill_rect(img: &mut RgbImage, x: i64, y: i64, w: i64, h: i64, c: Rgb<u8>) {
    blend_rect(img, x, y, w, h, c, 1.0);
}

/// Blends `c` over the rectangle with opacity `alpha` (0..1).
pub fn blend_rect(img: &mut RgbImage, x: i64, y: i64, w: i64, h: i64, c: Rgb<u8>, alpha: f32) {
    let x0 = x.max(0);
    let y0 = y.max(0);
    let x1 = (x + w).min(i64::from(img.width()));
    let y1 = (y + h).min(i64::from(img.height()));
    let a = alpha.clamp(0.0, 1.0);
    for py in y0..y1 {
        for px in x0..x1 {
            let p = img.get_pixel_mut(px as u32, py as u32);
            for k in 0..3 {
                let v = f32::from(p.0[k]) * (1.0 - a) + f32::from(c.0[k]) * a;
                p.0[k] = v.round() as u8;
            }
        }
    }
}

/// Outline of a rectangle, `t` pixels thick, inside the given bounds.
pub fn stroke_rect(img: &mut RgbImage, x: i64, y: i64, w: i64, h: i64, t: i64, c: Rgb<u8>) {
    fill_rect(img, x, y, w, t, c);
    fill_rect(img, x, y + h - t, w, t, c);
    fill_rect(img, x, y, t, h, c);
    fill_rect(img, x + w - t, y, t, h, c);
}

/// A line from (`x0`, `y0`) to (`x1`, `y1`) drawn with square dots of `t` pixels.
pub fn line(img: &mut RgbImage, x0: f32, y0: f32, x1: f32, y1: f32, t: i64, c: Rgb<u8>) {
    let steps = (x1 - x0).abs().max((y1 - y0).abs()).ceil().max(1.0) as i64;
    for i in 0..=steps {
        let f = i as f32 / steps as f32;
        let x = (x0 + (x1 - x0) * f).round() as i64;
        let y = (y0 + (y1 - y0) * f).round() as i64;
        fill_rect(img, x - t / 2, y - t / 2, t, t, c);
    }
}

/// Size (`w`, `h`) that fits a `src_w` x `src_h` picture into `max_w` x `max_h`,
/// keeping its aspect ratio.
pub fn fit_size(src_w: u32, src_h: u32, max_w: u32, max_h: u32) -> (u32, u32) {
    if src_w == 0 || src_h == 0 {
        return (max_w, max_h);
    }
    let s = (f64::from(max_w) / f64::from(src_w)).min(f64::from(max_h) / f64::from(src_h));
    (
        ((f64::from(src_w) * s).round() as u32).clamp(1, max_w.max(1)),
        ((f64::from(src_h) * s).round() as u32).clamp(1, max_h.max(1)),
    )
}

/// Pastes `src` resized to `w` x `h` (bilinear) with its top-left corner at (`x`, `y`).
pub fn paste_resized(img: &mut RgbImage, src: &RgbImage, x: i64, y: i64, w: u32, h: u32) {
    if src.width() == 0 || src.height() == 0 || w == 0 || h == 0 {
        return;
    }
    let small = if src.width() == w && src.height() == h {
        src.clone()
    } else {
        resize(src, w, h, FilterType::Triangle)
    };
    for (sx, sy, p) in small.enumerate_pixels() {
        let px = x + i64::from(sx);
        let py = y + i64::from(sy);
        if px >= 0 && py >= 0 && px < i64::from(img.width()) && py < i64::from(img.height()) {
            img.put_pixel(px as u32, py as u32, *p);
        }
    }
}
