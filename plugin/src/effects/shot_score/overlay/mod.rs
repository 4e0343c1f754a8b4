//! The Shot Score overlay, drawn over the passthrough picture:
//!
//! * a HUD (top left) with the frame's signals and its shot's score and top
//!   reasons, or, before analysis, the frame's own signals measured live;
//! * a strip (bottom) with the clip's per-frame score curve, cuts, blink /
//!   flash / frozen ticks, each shot's suggested in/out and trim bar, and the
//!   current frame;
//! * frames outside every suggested trim dimmed by
//!   [`style::DIM_OUTSIDE_TRIM`];
//! * optional face boxes (from live measurement) with eye openness.
//!
//! Geometry comes from the full frame at the render scale only (see
//! [`layout`]), so a tile renders exactly the pixels of a full-frame render.
//! Pixel values: see [`paint`] (display-referred 0..1, "over" blending,
//! alpha-only images get the overlay's luma).

pub mod hud;
pub mod layout;
pub mod live;
pub mod paint;
pub mod strip;
pub mod style;
pub mod text;

#[cfg(test)]
mod tests;

use circletake_inference::report::ClipReport;
use circletake_inference::FrameSignals;

use crate::ofx::{ImageViewMut, OfxResult, PixelRect};
use layout::Layout;
use paint::{Painter, Rect};

/// The current frame's own signals, measured in Render.
#[derive(Debug, Clone)]
pub enum Live {
    /// Measured.
    Measured(FrameSignals),
    /// Not measurable, and why (shown in the HUD).
    Unavailable(String),
}

/// Everything the overlay shows for one rendered frame.
#[derive(Debug, Clone)]
pub struct Scene<'a> {
    /// Frame number being rendered.
    pub frame: i64,
    /// The whole frame in absolute pixels at the render scale (the output's
    /// region of definition), whatever the render window.
    pub frame_rect: PixelRect,
    /// Vertical render scale (1 = full resolution, 0.5 = half proxy).
    pub scale: f64,
    /// The clip's analysis, when there is one.
    pub report: Option<&'a ClipReport>,
    /// Render-driven analysis progress 0..1 while partial.
    pub coverage: Option<f64>,
    /// Live signals of this frame (when the report does not cover it, or
    /// face boxes are wanted).
    pub live: Option<Live>,
    /// Draw face boxes from the live signals.
    pub face_boxes: bool,
}

impl Scene<'_> {
    /// Whether this frame needs live measurement: the report does not cover
    /// it, or face boxes are on (the report keeps no boxes).
    pub fn wants_live(report: Option<&ClipReport>, frame: i64, face_boxes: bool) -> bool {
        face_boxes || report.and_then(|r| hud::report_frame(r, frame)).is_none()
    }

    /// Whether the frame is analysed and outside every suggested trim.
    pub fn dimmed(&self) -> bool {
        self.report.is_some_and(|r| {
            hud::report_frame(r, self.frame).is_some() && !hud::in_trim(r, self.frame)
        })
    }
}

fn draw_faces(p: &mut Painter, layout: &Layout, s: &FrameSignals) -> OfxResult<()> {
    let (w, h) = (layout.width as f32, layout.height as f32);
    let t = layout.line();
    for f in &s.faces {
        let r = Rect {
            x0: (f.x0 * w).round() as i32,
            x1: (f.x1 * w).round() as i32,
            y0: (f.y0 * h).round() as i32,
            y1: (f.y1 * h).round() as i32,
        };
        if r.width() < 2 || r.height() < 2 {
            continue;
        }
        p.outline(r, t, style::FACE)?;
        if let Some(eyes) = f.eye_openness {
            let label = format!("eyes {eyes:.2}");
            let u = layout.unit;
            let y = (r.y0 - 9 * u).max(0);
            let bw = text::width(&label, u) + 2 * u;
            p.fill(Rect::xywh(r.x0, y, bw, 9 * u), style::BACKING)?;
            let color = if eyes < 0.3 { style::WARN } else { style::FACE };
            text::draw(p, r.x0 + u, y + u, &label, u, color)?;
        }
    }
    Ok(())
}

/// Draws the overlay of `scene` into `img`, writing only pixels inside
/// `window ∩ img.bounds()`.
pub fn draw(img: &mut ImageViewMut<'_>, window: PixelRect, scene: &Scene<'_>) -> OfxResult<()> {
    let fr = scene.frame_rect;
    if fr.is_empty() {
        return Ok(());
    }
    let layout = Layout::new(fr.width() as i32, fr.height() as i32, scene.scale);
    let mut p = Painter::new(img, window, fr);
    if scene.dimmed() {
        p.dim(
            Rect::xywh(0, 0, layout.width, layout.height),
            style::DIM_OUTSIDE_TRIM,
        )?;
    }
    if let (true, Some(Live::Measured(s))) = (scene.face_boxes, &scene.live) {
        draw_faces(&mut p, &layout, s)?;
    }
    if let Some(report) = scene.report.filter(|r| !r.frames.is_empty()) {
        strip::draw(&mut p, report, &layout, scene.frame)?;
    }
    let mut lines = hud::lines(
        scene.frame,
        scene.report,
        scene.live.as_ref(),
        scene.coverage,
    );
    // Keep the HUD above the strip on small frames.
    let room = (layout.strip.y0 - 2 * layout.margin - 2 * layout.pad()) / layout.line_height();
    lines.truncate(room.max(1) as usize);
    hud::draw(&mut p, &layout, &lines)
}
