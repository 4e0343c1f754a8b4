//! Pixel write-back: blending the overlay's shapes into the output image in
//! its own depth and components, clipped to the render window.
//!
//! Coordinates here are *frame coordinates*: column `x` from the left edge and
//! row `y` from the TOP edge of the full frame (at the render scale), so the
//! layout never thinks about OpenFX's y-up pixel space, image origins or tiles.
//! [`Painter`] maps them to absolute pixels and writes only inside
//! `window ∩ image bounds`.
//!
//! Values: colours are display-referred 0..1. Float and half images receive
//! them as 0..1 values (pixels above 1 in HDR images are blended, not
//! clipped); 8- and 16-bit images are quantised with rounding to nearest.
//! Blending is "over": `v = c * a + v * (1 - a)` for colour, and
//! `a + alpha * (1 - a)` for an RGBA image's alpha, which is correct for
//! premultiplied and opaque images alike. Alpha-only images get the shapes'
//! luma (Rec.709) over their single channel, so the overlay reads as a grey
//! picture in a matte viewer.

use half::f16;

use crate::ofx::{Components, ImageViewMut, OfxResult, PixelDepth, PixelRect, Sample};

/// A straight (not premultiplied) colour with an opacity, all 0..1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    /// Red 0..1.
    pub r: f32,
    /// Green 0..1.
    pub g: f32,
    /// Blue 0..1.
    pub b: f32,
    /// Opacity 0..1.
    pub a: f32,
}

impl Rgba {
    /// A colour from its parts.
    pub const fn new(r: f32, g: f32, b: f32, a: f32) -> Self {
        Self { r, g, b, a }
    }

    /// Premultiplied `[r*a, g*a, b*a, a]`.
    pub fn premultiplied(self) -> [f32; 4] {
        [self.r * self.a, self.g * self.a, self.b * self.a, self.a]
    }
}

/// A rectangle in frame coordinates (x right, y DOWN from the top edge),
/// `x0 <= x < x1`, `y0 <= y < y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    /// Left, inclusive.
    pub x0: i32,
    /// Top, inclusive.
    pub y0: i32,
    /// Right, exclusive.
    pub x1: i32,
    /// Bottom, exclusive.
    pub y1: i32,
}

impl Rect {
    /// A rectangle from its left/top corner and size.
    pub const fn xywh(x: i32, y: i32, w: i32, h: i32) -> Self {
        Self {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// Width (0 if empty).
    pub fn width(&self) -> i32 {
        (self.x1 - self.x0).max(0)
    }

    /// Height (0 if empty).
    pub fn height(&self) -> i32 {
        (self.y1 - self.y0).max(0)
    }
}

/// A sample type the overlay can read and write as 0..1 values.
pub(crate) trait Unit: Sample {
    fn get(self) -> f32;
    fn put(v: f32) -> Self;
}

impl Unit for u8 {
    fn get(self) -> f32 {
        f32::from(self) / 255.0
    }
    fn put(v: f32) -> Self {
        (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8
    }
}

impl Unit for u16 {
    fn get(self) -> f32 {
        f32::from(self) / 65535.0
    }
    fn put(v: f32) -> Self {
        (v.clamp(0.0, 1.0) * 65535.0 + 0.5) as u16
    }
}

impl Unit for f16 {
    fn get(self) -> f32 {
        self.to_f32()
    }
    fn put(v: f32) -> Self {
        f16::from_f32(v)
    }
}

impl Unit for f32 {
    fn get(self) -> f32 {
        self
    }
    fn put(v: f32) -> Self {
        v
    }
}

/// Rec.709 luma of a premultiplied colour.
fn luma(p: &[f32; 4]) -> f32 {
    0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]
}

/// One pixel operation.
#[derive(Clone, Copy)]
enum Op<'s> {
    /// Premultiplied colour over the pixel.
    Over([f32; 4]),
    /// Colour channels multiplied by a factor (alpha kept).
    Dim(f32),
    /// One premultiplied colour per pixel of the span, over the pixels.
    Blit(&'s [[f32; 4]]),
}

fn over<T: Unit>(px: &mut [T], comps: Components, p: &[f32; 4]) {
    let k = 1.0 - p[3];
    match comps {
        Components::Rgba => {
            for c in 0..3 {
                px[c] = T::put(p[c] + px[c].get() * k);
            }
            px[3] = T::put(p[3] + px[3].get() * k);
        }
        Components::Rgb => {
            for c in 0..3 {
                px[c] = T::put(p[c] + px[c].get() * k);
            }
        }
        Components::Alpha => px[0] = T::put(luma(p) + px[0].get() * k),
    }
}

fn apply_row<T: Unit>(row: &mut [T], comps: Components, op: Op<'_>) {
    let n = comps.count();
    match op {
        Op::Over(p) => row.chunks_exact_mut(n).for_each(|px| over(px, comps, &p)),
        Op::Blit(src) => row
            .chunks_exact_mut(n)
            .zip(src)
            .filter(|(_, p)| p[3] > 0.0)
            .for_each(|(px, p)| over(px, comps, p)),
        Op::Dim(f) => match comps {
            Components::Alpha => {}
            Components::Rgb => row.iter_mut().for_each(|v| *v = T::put(v.get() * f)),
            Components::Rgba => row.chunks_exact_mut(4).for_each(|px| {
                for v in &mut px[..3] {
                    *v = T::put(v.get() * f);
                }
            }),
        },
    }
}

/// `u8::put(u8::get(v) * f)` for every 8-bit value `v`.
fn dim_table(f: f32) -> [u8; 256] {
    let mut t = [0u8; 256];
    for (v, o) in t.iter_mut().enumerate() {
        *o = u8::put(u8::get(v as u8) * f);
    }
    t
}

/// Draws into one output image over `clip` (absolute pixels), with frame
/// coordinates relative to `frame` (the full frame at the render scale).
pub struct Painter<'a, 'b> {
    img: &'a mut ImageViewMut<'b>,
    clip: PixelRect,
    frame: PixelRect,
}

impl<'a, 'b> Painter<'a, 'b> {
    /// A painter writing only inside `window ∩ img.bounds()`.
    pub fn new(img: &'a mut ImageViewMut<'b>, window: PixelRect, frame: PixelRect) -> Self {
        let clip = window.intersect(&img.bounds());
        Self { img, clip, frame }
    }

    /// The part of the frame (frame coordinates) that this painter writes.
    pub fn visible(&self) -> Rect {
        Rect {
            x0: self.clip.x1 - self.frame.x1,
            x1: self.clip.x2 - self.frame.x1,
            y0: self.frame.y2 - self.clip.y2,
            y1: self.frame.y2 - self.clip.y1,
        }
    }

    /// Absolute spans (y, x1..x2) of `r` inside the clip.
    fn spans(&self, r: Rect) -> Option<(std::ops::Range<i32>, i32, i32)> {
        let abs = PixelRect::new(
            self.frame.x1 + r.x0,
            self.frame.y2 - r.y1,
            self.frame.x1 + r.x1,
            self.frame.y2 - r.y0,
        )
        .intersect(&self.clip);
        (!abs.is_empty()).then_some((abs.y1..abs.y2, abs.x1, abs.x2))
    }

    fn run(&mut self, y: i32, x1: i32, x2: i32, op: Op<'_>) -> OfxResult<()> {
        let comps = self.img.format().components;
        let n = comps.count();
        let b = self.img.bounds();
        let (s, e) = ((x1 - b.x1) as usize * n, (x2 - b.x1) as usize * n);
        match self.img.format().depth {
            PixelDepth::Byte => {
                let row = &mut self.img.row_mut::<u8>(y)?[s..e];
                match op {
                    // 8-bit dimming through a table: the same rounding as
                    // `Unit::put`, without float work per sample.
                    Op::Dim(f) if comps != Components::Alpha => {
                        let lut = dim_table(f);
                        if comps == Components::Rgb {
                            row.iter_mut().for_each(|v| *v = lut[*v as usize]);
                        } else {
                            for px in row.chunks_exact_mut(4) {
                                for v in &mut px[..3] {
                                    *v = lut[*v as usize];
                                }
                            }
                        }
                    }
                    _ => apply_row(row, comps, op),
                }
            }
            PixelDepth::Short => apply_row(&mut self.img.row_mut::<u16>(y)?[s..e], comps, op),
            PixelDepth::Half => apply_row(&mut self.img.row_mut::<f16>(y)?[s..e], comps, op),
            PixelDepth::Float => apply_row(&mut self.img.row_mut::<f32>(y)?[s..e], comps, op),
        }
        Ok(())
    }

    /// Blends `c` over every pixel of `r`.
    pub fn fill(&mut self, r: Rect, c: Rgba) -> OfxResult<()> {
        if c.a <= 0.0 {
            return Ok(());
        }
        if let Some((ys, x1, x2)) = self.spans(r) {
            let p = c.premultiplied();
            for y in ys {
                self.run(y, x1, x2, Op::Over(p))?;
            }
        }
        Ok(())
    }

    /// Outlines `r` with lines `t` pixels thick, inside the rectangle.
    pub fn outline(&mut self, r: Rect, t: i32, c: Rgba) -> OfxResult<()> {
        let t = t.max(1).min(r.width() / 2).min(r.height() / 2).max(1);
        self.fill(Rect { y1: r.y0 + t, ..r }, c)?;
        self.fill(Rect { y0: r.y1 - t, ..r }, c)?;
        let mid = Rect {
            y0: r.y0 + t,
            y1: r.y1 - t,
            ..r
        };
        self.fill(
            Rect {
                x1: r.x0 + t,
                ..mid
            },
            c,
        )?;
        self.fill(
            Rect {
                x0: r.x1 - t,
                ..mid
            },
            c,
        )
    }

    /// Multiplies the colour of every pixel of `r` by `factor` (alpha and
    /// alpha-only images untouched).
    pub fn dim(&mut self, r: Rect, factor: f32) -> OfxResult<()> {
        if let Some((ys, x1, x2)) = self.spans(r) {
            for y in ys {
                self.run(y, x1, x2, Op::Dim(factor))?;
            }
        }
        Ok(())
    }

    /// Blends a premultiplied raster of `width` columns whose top-left pixel
    /// sits at frame position (`x`, `y`).
    pub fn blit(&mut self, x: i32, y: i32, width: usize, raster: &[[f32; 4]]) -> OfxResult<()> {
        if width == 0 {
            return Ok(());
        }
        let height = (raster.len() / width) as i32;
        let r = Rect::xywh(x, y, width as i32, height);
        if let Some((ys, x1, x2)) = self.spans(r) {
            for ay in ys {
                let row = (self.frame.y2 - 1 - ay - y) as usize;
                let col = (x1 - self.frame.x1 - x) as usize;
                let src = &raster[row * width + col..row * width + col + (x2 - x1) as usize];
                self.run(ay, x1, x2, Op::Blit(src))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_quantisation_rounds_and_clamps() {
        assert_eq!(u8::put(0.5), 128);
        assert_eq!(u8::put(1.7), 255);
        assert_eq!(u16::put(-0.2), 0);
        assert_eq!(u16::put(1.0), 65535);
        assert_eq!(u8::put(u8::get(77)), 77);
        assert_eq!(u16::put(u16::get(40000)), 40000);
    }

    #[test]
    fn fill_maps_frame_rows_top_down_and_respects_the_window() {
        // A 4x3 frame at origin (10, 20), a window of the two left columns.
        let frame = PixelRect::new(10, 20, 14, 23);
        let mut buf = vec![0u8; 4 * 3 * 4];
        let mut img = ImageViewMut::from_samples(&mut buf, frame, 16, Components::Rgba).unwrap();
        let mut p = Painter::new(&mut img, PixelRect::new(10, 20, 12, 23), frame);
        // Frame row 0 is the top image row, y = 22.
        p.fill(Rect::xywh(0, 0, 4, 1), Rgba::new(1.0, 1.0, 1.0, 1.0))
            .unwrap();
        let v = img.as_view();
        assert_eq!(v.pixel::<u8>(10, 22).unwrap().unwrap(), &[255; 4]);
        assert_eq!(v.pixel::<u8>(11, 22).unwrap().unwrap(), &[255; 4]);
        // Outside the window: untouched.
        assert_eq!(v.pixel::<u8>(12, 22).unwrap().unwrap(), &[0; 4]);
        assert_eq!(v.pixel::<u8>(10, 21).unwrap().unwrap(), &[0; 4]);
    }

    #[test]
    fn alpha_images_get_the_shapes_luma_and_dim_leaves_alpha() {
        let frame = PixelRect::new(0, 0, 2, 1);
        let mut buf = vec![0.5f32; 2];
        let mut img = ImageViewMut::from_samples(&mut buf, frame, 8, Components::Alpha).unwrap();
        let mut p = Painter::new(&mut img, frame, frame);
        p.fill(Rect::xywh(0, 0, 1, 1), Rgba::new(1.0, 1.0, 1.0, 0.5))
            .unwrap();
        p.dim(Rect::xywh(0, 0, 2, 1), 0.1).unwrap();
        assert_eq!(buf, vec![0.75, 0.5]);
    }
}
