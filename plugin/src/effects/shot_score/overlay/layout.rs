//! Where the overlay's parts go, from the full frame's size and the render
//! scale only (never the render window), so every tile of a frame agrees
//! with a full-frame render.
//!
//! Everything is measured in *units*: one unit is the glyph scale, an integer
//! number of pixels chosen from the frame height at full resolution (one unit
//! per 270 lines, at least 1) and multiplied by the render scale, so at proxy
//! scale 0.5 the overlay covers the same part of the picture.

use super::paint::Rect;

/// Lines of full-resolution picture height per unit (1080 lines: 4 px).
pub const LINES_PER_UNIT: f64 = 270.0;

/// The overlay's geometry for one frame size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Frame width in pixels at the render scale.
    pub width: i32,
    /// Frame height in pixels at the render scale.
    pub height: i32,
    /// One unit in pixels (the glyph scale: a glyph is 5x7 units).
    pub unit: i32,
    /// Margin between the frame edge and the overlay boxes, pixels.
    pub margin: i32,
    /// The score strip along the bottom (its dark backing box).
    pub strip: Rect,
    /// The curve, marks and trim bar inside the strip: columns map frames.
    pub strip_inner: Rect,
}

impl Layout {
    /// The layout of a `width` x `height` frame rendered at `scale` (the
    /// vertical render scale).
    pub fn new(width: i32, height: i32, scale: f64) -> Self {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        let full_height = f64::from(height) / scale;
        let full_unit = (full_height / LINES_PER_UNIT).round().max(1.0);
        let unit = (full_unit * scale).round().max(1.0) as i32;
        let margin = 3 * unit;
        let strip_h = (26 * unit).min(height / 3).max(1);
        let strip = Rect {
            x0: margin,
            x1: (width - margin).max(margin + 1),
            y0: height - margin - strip_h,
            y1: height - margin,
        };
        let strip_inner = Rect {
            x0: strip.x0 + 2 * unit,
            x1: (strip.x1 - 2 * unit).max(strip.x0 + 2 * unit + 1),
            y0: strip.y0 + 3 * unit,
            y1: strip.y1 - unit,
        };
        Self {
            width,
            height,
            unit,
            margin,
            strip,
            strip_inner,
        }
    }

    /// Line thickness for curves and marks, pixels.
    pub fn line(&self) -> i32 {
        ((self.unit + 1) / 2).max(1)
    }

    /// Height of one line of text, pixels (8 units: 7 of glyph, 1 of gap).
    pub fn line_height(&self) -> i32 {
        8 * self.unit + self.unit / 2
    }

    /// Padding inside the HUD's backing box, pixels.
    pub fn pad(&self) -> i32 {
        2 * self.unit
    }

    /// Widest HUD text allowed, pixels (60% of the frame or the strip width).
    pub fn hud_max_width(&self) -> i32 {
        (self.width * 3 / 5).max(self.strip.width() / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_follows_height_and_scale() {
        assert_eq!(Layout::new(1920, 1080, 1.0).unit, 4);
        assert_eq!(Layout::new(960, 540, 0.5).unit, 2);
        assert_eq!(Layout::new(640, 272, 1.0).unit, 1);
        assert_eq!(Layout::new(3840, 2160, 1.0).unit, 8);
        // Half scale keeps the strip's share of the picture.
        let full = Layout::new(1920, 1080, 1.0);
        let half = Layout::new(960, 540, 0.5);
        assert_eq!(full.strip.height(), 2 * half.strip.height());
        assert_eq!(full.strip.x0, 2 * half.strip.x0);
        assert_eq!(full.strip_inner.width(), 2 * half.strip_inner.width());
    }

    #[test]
    fn strip_sits_along_the_bottom_inside_the_frame() {
        for (w, h) in [(67, 41), (640, 272), (1920, 1080)] {
            let l = Layout::new(w, h, 1.0);
            assert!(l.strip.x0 >= 0 && l.strip.x1 <= w, "{w}x{h}");
            assert!(l.strip.y1 <= h && l.strip.y0 > h / 2, "{w}x{h}");
            assert!(l.strip_inner.width() > 0 && l.strip_inner.height() > 0);
        }
    }
}
