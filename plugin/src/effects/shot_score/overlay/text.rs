//! Text with the core's 5x7 bitmap font (the PNG report's), drawn at an
//! integer scale (one glyph pixel = one layout unit square) with a dark
//! one-unit drop shadow, inside a translucent backing box.

use circletake_inference::export::font::{fit_text, glyph_pixel, CELL_W};

use super::paint::{Painter, Rect, Rgba};
use crate::ofx::OfxResult;

/// Shadow behind glyphs (legibility on bright pictures).
const SHADOW: Rgba = Rgba::new(0.0, 0.0, 0.0, 0.85);

/// Width of `text` at `unit`, pixels (whole glyph cells).
pub fn width(text: &str, unit: i32) -> i32 {
    text.chars().count() as i32 * CELL_W as i32 * unit
}

/// `text` cut to `max_width` pixels at `unit` (ending in `..` when cut).
pub fn fit(text: &str, max_width: i32, unit: i32) -> String {
    fit_text(text, max_width.max(0) as u32, unit.max(1) as u32)
}

/// Draws `text` with its top-left corner at frame position (`x`, `y`).
/// Only glyph cells that meet the painter's visible part are rasterised.
pub fn draw(p: &mut Painter, x: i32, y: i32, text: &str, unit: i32, color: Rgba) -> OfxResult<()> {
    let u = unit.max(1);
    let vis = p.visible();
    if y + 8 * u <= vis.y0 || y >= vis.y1 {
        return Ok(());
    }
    let cell = CELL_W as i32 * u;
    for (i, c) in text.chars().enumerate() {
        let cx = x + i as i32 * cell;
        if cx + cell + u <= vis.x0 || cx >= vis.x1 || c == ' ' {
            continue;
        }
        for pass in [(u.clamp(1, 2), SHADOW), (0, color)] {
            let (off, col) = pass;
            for gx in 0..5u32 {
                // Runs of set pixels in this glyph column, drawn as one rect.
                let mut gy = 0u32;
                while gy < 7 {
                    if !glyph_pixel(c, gx, gy) {
                        gy += 1;
                        continue;
                    }
                    let start = gy;
                    while gy < 7 && glyph_pixel(c, gx, gy) {
                        gy += 1;
                    }
                    let r = Rect::xywh(
                        cx + gx as i32 * u + off,
                        y + start as i32 * u + off,
                        u,
                        (gy - start) as i32 * u,
                    );
                    p.fill(r, col)?;
                }
            }
        }
    }
    Ok(())
}
