//! The Cut Check overlay: one compact box at the top left of the picture with
//! the verdict (green clean / amber move / red review), the problems at the
//! cut, the suggestion, and a strip of the roll costs −k..+k with the cut as
//! placed and the suggested cut marked.
//!
//! Drawn with Shot Score's painter, font, colours and unit sizes, and like
//! Shot Score's HUD its geometry comes from the full frame's size and the
//! render scale only, so tiles and proxy renders agree with a full render.
//! Only pixels inside [`panel_box`] are ever written.

use circletake_inference::edit_check::{EditReport, ShiftCost, Verdict};

use super::wording;
use crate::effects::shot_score::render::overlay::layout::Layout;
use crate::effects::shot_score::render::overlay::paint::{Painter, Rect, Rgba};
use crate::effects::shot_score::render::overlay::{style, text};
use crate::ofx::{ImageViewMut, OfxResult, PixelRect};

/// Clean verdict, and cheap rolls in the strip.
pub const GREEN: Rgba = Rgba::new(0.35, 0.92, 0.45, 1.0);
/// Move Edit verdict.
pub const AMBER: Rgba = Rgba::new(1.0, 0.75, 0.2, 1.0);
/// Review verdict, and costly rolls in the strip.
pub const RED: Rgba = Rgba::new(1.0, 0.32, 0.25, 1.0);
/// Rolls the check cannot judge (a missing frame, a source cut).
pub const IMPOSSIBLE: Rgba = Rgba::new(0.30, 0.30, 0.32, 1.0);
/// The cut as placed (shift 0) in the strip.
pub const CURRENT: Rgba = Rgba::new(1.0, 1.0, 1.0, 1.0);

/// Issue lines shown at most (the Issues param has them all).
const MAX_ISSUES: usize = 4;

/// A line of text and its colour.
pub type Line = (String, Rgba);

/// Colour of a verdict.
pub fn verdict_color(verdict: Verdict) -> Rgba {
    match verdict {
        Verdict::Clean => GREEN,
        Verdict::MoveEdit => AMBER,
        Verdict::Review => RED,
    }
}

/// Colour of a roll's cost: green at 0, amber at 0.5, red from 1; grey when
/// the roll is impossible.
pub fn cost_color(cost: Option<f32>) -> Rgba {
    let Some(c) = cost.filter(|c| c.is_finite()) else {
        return IMPOSSIBLE;
    };
    let t = c.clamp(0.0, 1.0);
    let mix = |a: Rgba, b: Rgba, k: f32| {
        Rgba::new(
            a.r + (b.r - a.r) * k,
            a.g + (b.g - a.g) * k,
            a.b + (b.b - a.b) * k,
            1.0,
        )
    };
    if t < 0.5 {
        mix(GREEN, AMBER, t * 2.0)
    } else {
        mix(AMBER, RED, (t - 0.5) * 2.0)
    }
}

/// The box's text lines, top to bottom.
pub fn lines(report: &EditReport) -> Vec<Line> {
    let mut out = vec![(
        format!(
            "CUT CHECK: {}",
            wording::verdict_text(report.verdict).to_uppercase()
        ),
        verdict_color(report.verdict),
    )];
    for issue in report.issues.iter().take(MAX_ISSUES) {
        out.push((
            format!("- {}", wording::issue_text(issue, report)),
            style::WARN,
        ));
    }
    if report.issues.len() > MAX_ISSUES {
        out.push((
            format!("  and {} more", report.issues.len() - MAX_ISSUES),
            style::TEXT_DIM,
        ));
    }
    if report.verdict != Verdict::Clean || report.suggestion.is_some() {
        out.push((wording::suggestion_param(report), style::TEXT));
    }
    match report.notes.len() {
        0 => {}
        1 => out.push((format!("note: {}", report.notes[0]), style::TEXT_DIM)),
        n => out.push((
            format!("{n} notes on what was not checked: see Issues"),
            style::TEXT_DIM,
        )),
    }
    out
}

/// The roll strip's cell size: (cell width, gap), pixels.
fn cell_size(layout: &Layout, cells: i32) -> (i32, i32) {
    let u = layout.unit;
    let room = layout.hud_max_width();
    let gap = (u / 2).max(1);
    let w = (4 * u).min(room / cells.max(1) - gap).max(1);
    (w, gap)
}

/// Height of the roll strip (cells plus the current/suggested marks), pixels.
fn strip_height(layout: &Layout) -> i32 {
    6 * layout.unit + 2 * layout.line()
}

/// The label under the strip.
fn strip_label(report: &EditReport) -> String {
    let k = report.options.max_shift;
    format!("roll -{k}..+{k}: white = cut, green = suggested")
}

/// The box (frame coordinates, y down) for `report`'s `lines` on `layout`.
pub fn panel_box(layout: &Layout, report: &EditReport, lines: &[Line]) -> Rect {
    let u = layout.unit;
    let max = layout.hud_max_width();
    let cells = report.shifts.len() as i32;
    let (cw, gap) = cell_size(layout, cells);
    let strip_w = cells * (cw + gap) - gap;
    let label = strip_label(report);
    let w = lines
        .iter()
        .map(|(s, _)| s.as_str())
        .chain([label.as_str()])
        .map(|s| text::width(s, u).min(max))
        .chain([strip_w])
        .max()
        .unwrap_or(0);
    let pad = layout.pad();
    let text_rows = lines.len() as i32 + 1;
    let h = text_rows * layout.line_height() + strip_height(layout) + u + 2 * pad - u;
    Rect::xywh(layout.margin, layout.margin, w + 2 * pad, h)
}

/// Draws the strip of `shifts` with its top-left corner at (`x`, `y`).
fn draw_strip(
    p: &mut Painter,
    layout: &Layout,
    report: &EditReport,
    x: i32,
    y: i32,
) -> OfxResult<()> {
    let t = layout.line();
    let (cw, gap) = cell_size(layout, report.shifts.len() as i32);
    let cell_h = 6 * layout.unit;
    let suggested = report.suggestion.as_ref().map(|s| s.shift);
    for (i, ShiftCost { shift, cost, .. }) in report.shifts.iter().enumerate() {
        let cx = x + i as i32 * (cw + gap);
        let cell = Rect::xywh(cx, y + t, cw, cell_h);
        p.fill(cell, cost_color(*cost))?;
        if *shift == 0 {
            // The cut as placed: bars above and below the cell.
            p.fill(Rect::xywh(cx, y, cw, t), CURRENT)?;
            p.fill(Rect::xywh(cx, y + t + cell_h, cw, t), CURRENT)?;
        }
        if Some(*shift) == suggested {
            let r = Rect::xywh(cx, y, cw, cell_h + 2 * t);
            p.outline(r, t, GREEN)?;
        }
    }
    Ok(())
}

/// Draws the box for `report` into `img`, writing only pixels inside
/// `window ∩ img.bounds()` and inside [`panel_box`].
pub fn draw(
    img: &mut ImageViewMut<'_>,
    window: PixelRect,
    frame_rect: PixelRect,
    scale: f64,
    report: &EditReport,
) -> OfxResult<()> {
    if frame_rect.is_empty() {
        return Ok(());
    }
    let layout = Layout::new(frame_rect.width() as i32, frame_rect.height() as i32, scale);
    let lines = lines(report);
    let b = panel_box(&layout, report, &lines);
    // The painter's clip is the window inside the box: nothing outside the
    // box is ever written, even on a frame too small to hold it.
    let abs_box = PixelRect::new(
        frame_rect.x1 + b.x0,
        frame_rect.y2 - b.y1,
        frame_rect.x1 + b.x1,
        frame_rect.y2 - b.y0,
    );
    let clip = window.intersect(&abs_box);
    if clip.is_empty() {
        return Ok(());
    }
    let mut p = Painter::new(img, clip, frame_rect);
    p.fill(b, style::BACKING)?;
    let (u, pad) = (layout.unit, layout.pad());
    let max = (b.width() - 2 * pad).max(0);
    let mut y = b.y0 + pad;
    for (s, color) in &lines {
        text::draw(&mut p, b.x0 + pad, y, &text::fit(s, max, u), u, *color)?;
        y += layout.line_height();
    }
    if strip_height(&layout) + y <= b.y1 {
        draw_strip(&mut p, &layout, report, b.x0 + pad, y)?;
    }
    y += strip_height(&layout) + u;
    text::draw(
        &mut p,
        b.x0 + pad,
        y,
        &text::fit(&strip_label(report), max, u),
        u,
        style::TEXT_DIM,
    )
}
