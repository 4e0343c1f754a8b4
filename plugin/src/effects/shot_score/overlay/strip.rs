//! The score strip along the bottom of the frame: the whole clip's per-frame
//! score curve (0 at the bottom of the curve area, 100 at its top), cut
//! marks, blink / flash / frozen ticks, the suggested in/out of every shot,
//! a trim bar, and (drawn per render, not cached) the current frame.
//!
//! Frame `f` of the report owns the columns
//! `[i * W / n, max(i * W / n + 1, (i + 1) * W / n))` of the strip's inner
//! area, `i = f - first_frame`, `n` frames, `W` inner width. The strip without
//! the current-frame marker is rasterised once per (report, size) and kept in
//! a small cache, so playback only blends a ready raster.

use std::sync::{Arc, Mutex, OnceLock};

use circletake_inference::export::font::{glyph_pixel, CELL_W};
use circletake_inference::report::ClipReport;

use super::layout::Layout;
use super::paint::{Painter, Rect, Rgba};
use super::style;
use crate::ofx::OfxResult;

/// Columns `[c0, c1)` of report frame index `i` of `n` in `w` columns.
pub fn frame_columns(i: usize, n: usize, w: usize) -> (usize, usize) {
    let c0 = i * w / n.max(1);
    let c1 = ((i + 1) * w / n.max(1)).max(c0 + 1).min(w.max(c0 + 1));
    (c0, c1)
}

/// Row (inside the inner area, 0 = top) of score `s` (0..100) in `h` rows.
pub fn score_row(s: f32, h: usize) -> usize {
    let s = if s.is_finite() {
        s.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let top = h.saturating_sub(1) as f32;
    (top - s / 100.0 * top).round() as usize
}

/// The strip's parts in frame coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Everything that maps columns to frames (ticks to trim bar).
    pub inner: Rect,
    /// Blink / flash / frozen ticks, above the curve.
    pub ticks: Rect,
    /// The score curve: row 0 = score 100, last row = score 0.
    pub curve: Rect,
    /// The trim bar under the curve.
    pub bar: Rect,
}

impl Areas {
    /// The parts of `layout`'s strip.
    pub fn of(layout: &Layout) -> Self {
        let u = layout.unit;
        let inner = layout.strip_inner;
        let ticks = Rect {
            y0: inner.y0 - 2 * u,
            y1: inner.y0 - u / 2,
            ..inner
        };
        let bar = Rect {
            y0: inner.y1 - 2 * u,
            ..inner
        };
        let curve = Rect {
            y1: bar.y0 - u / 2,
            ..inner
        };
        Self {
            inner,
            ticks,
            curve,
            bar,
        }
    }
}

/// A rasterised strip: premultiplied RGBA, `width` x `height`, row 0 on top,
/// covering `Layout::strip`.
#[derive(Debug)]
pub struct StripRaster {
    /// Width in pixels.
    pub width: usize,
    /// Premultiplied pixels, row-major from the top.
    pub pixels: Vec<[f32; 4]>,
}

struct Canvas<'a> {
    w: usize,
    h: usize,
    px: &'a mut [[f32; 4]],
}

impl Canvas<'_> {
    /// `text` with its top-left corner at (x, y), glyph pixels `scale` square.
    fn text(&mut self, x: i32, y: i32, text: &str, scale: i32, c: Rgba) {
        for (i, ch) in text.chars().enumerate() {
            let cx = x + i as i32 * CELL_W as i32 * scale;
            for gx in 0..5u32 {
                for gy in 0..7u32 {
                    if glyph_pixel(ch, gx, gy) {
                        let r =
                            Rect::xywh(cx + gx as i32 * scale, y + gy as i32 * scale, scale, scale);
                        self.fill(r, c);
                    }
                }
            }
        }
    }

    /// `c` over pixels of `r` (strip-local coordinates), clipped.
    fn fill(&mut self, r: Rect, c: Rgba) {
        let p = c.premultiplied();
        let (x0, x1) = (r.x0.max(0) as usize, (r.x1.max(0) as usize).min(self.w));
        let (y0, y1) = (r.y0.max(0) as usize, (r.y1.max(0) as usize).min(self.h));
        for y in y0..y1 {
            for d in &mut self.px[y * self.w + x0..y * self.w + x1.max(x0)] {
                let k = 1.0 - p[3];
                *d = [
                    p[0] + d[0] * k,
                    p[1] + d[1] * k,
                    p[2] + d[2] * k,
                    p[3] + d[3] * k,
                ];
            }
        }
    }
}

/// Rasterises the strip of `report` for `layout`.
pub fn rasterise(report: &ClipReport, layout: &Layout) -> StripRaster {
    let (sw, sh) = (
        layout.strip.width() as usize,
        layout.strip.height() as usize,
    );
    let mut pixels = vec![[0.0; 4]; sw * sh];
    let mut cv = Canvas {
        w: sw,
        h: sh,
        px: &mut pixels,
    };
    cv.fill(Rect::xywh(0, 0, sw as i32, sh as i32), style::BACKING);
    let u = layout.unit;
    let t = layout.line();
    // The areas in strip-local coordinates.
    let local = |r: Rect| Rect {
        x0: r.x0 - layout.strip.x0,
        x1: r.x1 - layout.strip.x0,
        y0: r.y0 - layout.strip.y0,
        y1: r.y1 - layout.strip.y0,
    };
    let a = Areas::of(layout);
    let (inner, tick, bar, curve) = (local(a.inner), local(a.ticks), local(a.bar), local(a.curve));
    let (iw, n) = (inner.width() as usize, report.frames.len());
    let ch = curve.height().max(1) as usize;
    let cols = |f: i64| -> Option<Rect> {
        let i = usize::try_from(f - report.first_frame).ok()?;
        (i < n).then(|| {
            let (c0, c1) = frame_columns(i, n, iw);
            Rect {
                x0: inner.x0 + c0 as i32,
                x1: inner.x0 + c1 as i32,
                ..inner
            }
        })
    };
    let span = |a: i64, b: i64, band: Rect| -> Option<Rect> {
        let (l, r) = (cols(a)?, cols(b - 1)?);
        Some(Rect {
            x0: l.x0,
            x1: r.x1,
            ..band
        })
    };
    // Gridlines at 50 and 100, and the curve area's floor.
    for s in [50.0, 100.0] {
        let y = curve.y0 + score_row(s, ch) as i32;
        cv.fill(
            Rect {
                y0: y,
                y1: y + 1,
                ..curve
            },
            style::GRID,
        );
    }
    // Trim bar: shots dark, suggested trims green; transitions left empty.
    for shot in &report.shots {
        if let Some(r) = span(shot.start, shot.end, bar) {
            cv.fill(r, style::SHOT_BAR);
        }
        if shot.trim.out_frame > shot.trim.in_frame {
            if let Some(r) = span(shot.trim.in_frame, shot.trim.out_frame, bar) {
                cv.fill(r, style::TRIM);
            }
        }
    }
    // Ticks: flashes, frozen frames, blinks.
    for (ranges, color) in [
        (report.flashes.clone(), style::FLASH),
        (report.frozen.clone(), style::FROZEN),
        (
            report.blinks.iter().map(|b| b.range).collect(),
            style::BLINK,
        ),
    ] {
        for fr in ranges {
            if let Some(r) = span(fr.start, fr.end.max(fr.start + 1), tick) {
                cv.fill(r, color);
            }
        }
    }
    // The curve: each column spans the scores of its frames and the last
    // score of the previous column, so steps join up.
    let mut prev: Option<usize> = None;
    for c in 0..iw {
        let lo = c * n / iw.max(1);
        let hi = ((c + 1) * n)
            .div_ceil(iw.max(1))
            .clamp(lo + 1, n.max(lo + 1));
        let rows: Vec<usize> = (lo..hi.min(n))
            .map(|i| score_row(report.frames[i].score, ch))
            .collect();
        let Some(&last) = rows.last() else { continue };
        let (mut top, mut bot) = (usize::MAX, 0);
        for &r in rows.iter().chain(prev.iter()) {
            top = top.min(r);
            bot = bot.max(r);
        }
        let mean = (lo..hi.min(n)).map(|i| report.frames[i].score).sum::<f32>() / rows.len() as f32;
        let color = style::score_color(mean);
        let x = inner.x0 + c as i32;
        let half = (t - 1) / 2;
        // The area under the curve, faint.
        cv.fill(
            Rect {
                x0: x,
                x1: x + 1,
                y0: curve.y0 + last as i32 - half + t,
                y1: curve.y1,
            },
            Rgba { a: 0.22, ..color },
        );
        cv.fill(
            Rect {
                x0: x,
                x1: x + 1,
                y0: curve.y0 + top as i32 - half,
                y1: curve.y0 + bot as i32 - half + t,
            },
            color,
        );
        prev = Some(last);
    }
    // Shot number and score at the top left of each shot, where it fits.
    let ls = (u + 1) / 2;
    for shot in &report.shots {
        if let Some(r) = span(shot.start, shot.end, curve) {
            let label = format!("{} {:.0}", shot.index + 1, shot.score);
            let lw = label.len() as i32 * CELL_W as i32 * ls;
            if r.width() >= lw + 3 * u + t && curve.height() >= 10 * ls {
                cv.text(r.x0 + t + u, curve.y0 + u, &label, ls, style::TEXT_DIM);
            }
        }
    }
    // In/out brackets of each shot's trim, then cuts (on top).
    for shot in &report.shots {
        if shot.trim.out_frame <= shot.trim.in_frame {
            continue;
        }
        let full = Rect {
            y0: inner.y0,
            ..inner
        };
        if let (Some(a), Some(b)) = (cols(shot.trim.in_frame), cols(shot.trim.out_frame - 1)) {
            let serif = 2 * u;
            cv.fill(
                Rect {
                    x0: a.x0,
                    x1: a.x0 + t,
                    ..full
                },
                style::IN_OUT,
            );
            cv.fill(Rect::xywh(a.x0, full.y0, serif + t, t), style::IN_OUT);
            cv.fill(Rect::xywh(a.x0, full.y1 - t, serif + t, t), style::IN_OUT);
            cv.fill(
                Rect {
                    x0: b.x1 - t,
                    x1: b.x1,
                    ..full
                },
                style::IN_OUT,
            );
            cv.fill(
                Rect::xywh(b.x1 - t - serif, full.y0, serif + t, t),
                style::IN_OUT,
            );
            cv.fill(
                Rect::xywh(b.x1 - t - serif, full.y1 - t, serif + t, t),
                style::IN_OUT,
            );
        }
    }
    for cut in &report.cuts {
        if let Some(r) = cols(cut.frame) {
            let full = Rect {
                x0: r.x0,
                x1: r.x0 + t,
                y0: tick.y0,
                y1: inner.y1,
            };
            cv.fill(full, style::CUT);
        }
    }
    StripRaster { width: sw, pixels }
}

/// Key of a cached raster: the report's identity and content summary, and
/// the layout.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    report: usize,
    digest: u64,
    layout: Layout,
}

/// A cheap digest of what the strip shows (scores, cuts, trims).
fn digest(report: &ClipReport) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |v: u64| {
        h ^= v;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(report.first_frame as u64);
    eat(report.frames.len() as u64);
    report
        .frames
        .iter()
        .for_each(|f| eat(u64::from(f.score.to_bits())));
    report.cuts.iter().for_each(|c| eat(c.frame as u64));
    for s in &report.shots {
        eat(s.trim.in_frame as u64);
        eat(s.trim.out_frame as u64);
    }
    eat((report.blinks.len() + report.flashes.len() + report.frozen.len()) as u64);
    h
}

/// Rasters kept (a few sizes: viewer, proxy, full).
const CACHE_LEN: usize = 4;

type Cache = Mutex<Vec<(Key, Arc<StripRaster>)>>;

/// The raster for `report` at `layout`, from the cache or made now.
pub fn cached(report: &ClipReport, layout: &Layout) -> Arc<StripRaster> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = Key {
        report: report as *const ClipReport as usize,
        digest: digest(report),
        layout: *layout,
    };
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .find(|(k, _)| *k == key)
    {
        return hit.1.clone();
    }
    let raster = Arc::new(rasterise(report, layout));
    let mut c = cache.lock().unwrap_or_else(|p| p.into_inner());
    c.insert(0, (key, raster.clone()));
    c.truncate(CACHE_LEN);
    raster
}

/// Draws the strip and the current-frame marker at `frame`.
pub fn draw(p: &mut Painter, report: &ClipReport, layout: &Layout, frame: i64) -> OfxResult<()> {
    let vis = p.visible();
    let s = layout.strip;
    if s.x1 <= vis.x0 || s.x0 >= vis.x1 || s.y1 <= vis.y0 || s.y0 >= vis.y1 {
        return Ok(());
    }
    let raster = cached(report, layout);
    p.blit(s.x0, s.y0, raster.width, &raster.pixels)?;
    let n = report.frames.len();
    let i = frame - report.first_frame;
    if n > 0 && (0..n as i64).contains(&i) {
        let (c0, c1) = frame_columns(i as usize, n, layout.strip_inner.width() as usize);
        let t = layout.line();
        let x = layout.strip_inner.x0 + (c0 + c1) as i32 / 2 - t / 2;
        let full = Rect {
            x0: x,
            x1: x + t,
            y0: s.y0 + layout.unit / 2,
            y1: s.y1 - layout.unit / 2,
        };
        p.fill(full, style::PLAYHEAD)?;
        // A cap on top, three line widths wide.
        p.fill(
            Rect::xywh(x - t, s.y0, 3 * t, 2 * layout.unit),
            style::PLAYHEAD,
        )?;
    }
    Ok(())
}
