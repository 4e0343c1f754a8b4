//! The timeline panel of the PNG report: the per-frame score curve over the whole
//! clip with shot bands, cuts, transitions and the suggested trims, and one lane
//! each for selects, boundaries, blinks, flash/frozen frames and the other flags,
//! with a timecode axis.

use image::{Rgb, RgbImage};

use crate::report::ClipReport;
use crate::shots::FrameRange;
use crate::timecode::frame_to_timecode;

use super::canvas::{blend_rect, fill_rect, line};
use super::font::{draw_text, text_width};
use super::markers::{report_markers, MarkerKind};
use super::png_style::{score_color, BORDER, DIM, GREEN, PANEL, TEXT};

/// Height of the plot area (pixels).
pub const PLOT_H: i64 = 200;
/// Height of one event lane.
const LANE_H: i64 = 14;
/// Vertical gap between lanes.
const LANE_GAP: i64 = 4;
/// Lanes under the plot.
const LANES: [&str; 5] = ["SELECTS", "CUTS/TRANS", "BLINKS", "FLASH/FROZEN", "FLAGS"];
/// Width of the label column left of the plot.
pub const LABEL_W: i64 = 96;

/// Total height of the panel.
pub fn panel_height() -> i64 {
    20 + PLOT_H + 8 + LANES.len() as i64 * (LANE_H + LANE_GAP) + 24
}

/// Where the plot of a panel drawn at (`x`, `y`), `width` wide, lies, and how
/// frames map to its x pixels.
pub fn plot_map(report: &ClipReport, x: i64, y: i64, width: i64) -> (XMap, i64) {
    let map = XMap {
        x0: x + LABEL_W,
        w: width - LABEL_W - 12,
        first: report.first_frame,
        n: (report.frame_count as i64).max(1),
    };
    (map, y + 20)
}

/// Pixel of the curve for `frame` at `score` in a plot whose top is `top`.
pub fn curve_point(map: &XMap, top: i64, frame: i64, score: f32) -> (f32, f32) {
    (
        map.x(frame) + map.w as f32 / map.n as f32 / 2.0,
        (top + PLOT_H) as f32 - score.clamp(0.0, 100.0) / 100.0 * PLOT_H as f32,
    )
}

/// Maps frame numbers to x pixels of the plot.
#[derive(Debug, Clone, Copy)]
pub struct XMap {
    /// Left edge of the plot (pixels).
    pub x0: i64,
    /// Width of the plot (pixels).
    pub w: i64,
    /// First frame of the clip.
    pub first: i64,
    /// Number of frames (at least 1).
    pub n: i64,
}

impl XMap {
    /// Left edge of `frame`'s column.
    pub fn x(&self, frame: i64) -> f32 {
        self.x0 as f32 + (frame - self.first) as f32 * self.w as f32 / self.n as f32
    }

    /// Pixel span (x, width >= 1) of `range`.
    pub fn span(&self, r: FrameRange) -> (i64, i64) {
        let a = self.x(r.start).floor() as i64;
        let b = self.x(r.end).ceil() as i64;
        (a, (b - a).max(1))
    }
}

/// Which lane a marker goes in.
fn lane_of(kind: MarkerKind) -> usize {
    match kind {
        MarkerKind::Select => 0,
        MarkerKind::Cut | MarkerKind::Transition => 1,
        MarkerKind::Blink => 2,
        MarkerKind::Flash | MarkerKind::Frozen => 3,
        MarkerKind::Flag(_) => 4,
    }
}

/// Frame step between axis labels so that labels don't overlap.
fn label_step(n: i64, w: i64, fps: i64) -> i64 {
    let label_px = i64::from(text_width("00:00:00:00", 1)) + 24;
    let max_labels = (w / label_px).max(1);
    let candidates = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
    for sec in candidates {
        let step = sec * fps.max(1);
        if n / step <= max_labels {
            return step;
        }
    }
    n.max(1)
}

/// Draws the panel with its top-left at (`x`, `y`), `width` pixels wide.
pub fn draw_curve_panel(img: &mut RgbImage, report: &ClipReport, x: i64, y: i64, width: i64) {
    let h = panel_height();
    fill_rect(img, x, y, width, h, PANEL);
    draw_text(img, x + 8, y + 6, "SCORE PER FRAME (0-100)", 1, DIM);
    let (map, top) = plot_map(report, x, y, width);
    let bottom = top + PLOT_H;
    let yv = |score: f32| curve_point(&map, top, report.first_frame, score).1;

    // Shot bands (alternating), then transitions on top.
    for (k, s) in report.shots.iter().enumerate() {
        let (sx, sw) = map.span(FrameRange::new(s.start, s.end));
        let c = if k % 2 == 0 {
            Rgb([44, 44, 52])
        } else {
            Rgb([36, 36, 43])
        };
        fill_rect(img, sx, top, sw, PLOT_H, c);
        draw_text(img, sx + 3, top + 3, &format!("{}", k + 1), 1, DIM);
    }
    for t in &report.transitions {
        let (tx, tw) = map.span(t.range);
        blend_rect(img, tx, top, tw, PLOT_H, Rgb([40, 170, 190]), 0.35);
    }
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let gy = yv(v).round() as i64;
        fill_rect(img, map.x0, gy, map.w, 1, BORDER);
        let label = format!("{v:.0}");
        let lx = map.x0 - 6 - i64::from(text_width(&label, 1));
        draw_text(img, lx, gy - 3, &label, 1, DIM);
    }
    // Trims: the trimmed-off head and tail of each shot are darkened; green
    // brackets at the top and bottom of the plot mark the suggested in and out.
    for s in &report.shots {
        let shot = FrameRange::new(s.start, s.end);
        if s.trim.out_frame <= s.trim.in_frame {
            let (a, w) = map.span(shot);
            blend_rect(img, a, top, w, PLOT_H, Rgb([0, 0, 0]), 0.45);
            continue;
        }
        for off in [
            FrameRange::new(s.start, s.trim.in_frame),
            FrameRange::new(s.trim.out_frame, s.end),
        ] {
            if !off.is_empty() {
                let (a, w) = map.span(off);
                blend_rect(img, a, top, w, PLOT_H, Rgb([0, 0, 0]), 0.45);
            }
        }
        let (a, w) = map.span(FrameRange::new(s.trim.in_frame, s.trim.out_frame));
        let arm = 6.min(w / 2).max(1);
        for (yy, dy) in [(top, 0), (bottom - 12, 10)] {
            fill_rect(img, a, yy, 2, 12, GREEN);
            fill_rect(img, a + w - 2, yy, 2, 12, GREEN);
            fill_rect(img, a, yy + dy, arm, 2, GREEN);
            fill_rect(img, a + w - arm, yy + dy, arm, 2, GREEN);
        }
    }
    for c in &report.cuts {
        let cx = map.x(c.frame).round() as i64;
        fill_rect(img, cx - 1, top, 2, PLOT_H, Rgb([70, 130, 255]));
    }
    // The curve, coloured by value.
    let pts: Vec<(f32, f32, f32)> = report
        .frames
        .iter()
        .map(|f| {
            let (px, py) = curve_point(&map, top, f.frame, f.score);
            (px, py, f.score)
        })
        .collect();
    for p in pts.windows(2) {
        let (a, b) = (p[0], p[1]);
        line(img, a.0, a.1, b.0, b.1, 2, score_color(a.2.min(b.2)));
    }
    if let [only] = pts.as_slice() {
        fill_rect(
            img,
            only.0 as i64 - 1,
            only.1 as i64 - 1,
            3,
            3,
            score_color(only.2),
        );
    }

    // Event lanes.
    let lanes_top = bottom + 8;
    for (i, name) in LANES.iter().enumerate() {
        let ly = lanes_top + i as i64 * (LANE_H + LANE_GAP);
        fill_rect(img, map.x0, ly, map.w, LANE_H, Rgb([32, 32, 38]));
        draw_text(img, x + 8, ly + 3, name, 1, DIM);
    }
    for m in report_markers(report, true) {
        let ly = lanes_top + lane_of(m.kind) as i64 * (LANE_H + LANE_GAP);
        let (mx, mw) = map.span(m.range);
        let c = super::png_style::marker_color(m.kind);
        let mw = match m.kind {
            MarkerKind::Cut => 2,
            // A pixel of gap between abutting selects.
            MarkerKind::Select => (mw - 1).max(2),
            _ => mw.max(2),
        };
        fill_rect(img, mx, ly + 1, mw, LANE_H - 2, c);
    }

    // Timecode axis.
    let axis_y = lanes_top + LANES.len() as i64 * (LANE_H + LANE_GAP) + 2;
    let fps = crate::timecode::nominal_fps(report.frame_rate).unwrap_or(25) as i64;
    let step = label_step(map.n, map.w, fps);
    let mut f = report.first_frame;
    while f < report.first_frame + map.n {
        let tx = map.x(f).round() as i64;
        fill_rect(img, tx, axis_y, 1, 5, TEXT);
        let label = frame_to_timecode(f, report.frame_rate);
        draw_text(img, tx + 2, axis_y + 6, &label, 1, DIM);
        f += step;
    }
}
