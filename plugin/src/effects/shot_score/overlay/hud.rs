//! The HUD: a box in the top-left corner with the current frame's signals
//! and its shot's score with the top reasons, as lines of text.
//!
//! Units shown: focus as % of the shot's sharpest frames (analysed) or the raw
//! sharpness measure (variance of the Laplacian x1e3 at 512 px, live);
//! exposure as mean Rec.709 luma 0..1 with the % of clipped (luma >= 0.98)
//! and crushed (<= 0.02) pixels; shake and motion in px/frame at 512 px
//! width; noise as luma sigma in % of full scale; eye openness 0 (closed) ..
//! 1 (open).

use circletake_inference::report::{ClipReport, FrameReport, ShotReport};
use circletake_inference::timecode::frame_to_timecode;
use circletake_inference::FrameSignals;

use super::layout::Layout;
use super::paint::{Painter, Rect, Rgba};
use super::{style, text, Live};
use crate::ofx::OfxResult;

/// One line of the HUD.
pub type Line = (String, Rgba);

/// Reasons listed under the shot score.
const TOP_REASONS: usize = 3;
/// Smallest loss (points) worth listing as a reason.
const MIN_POINTS: f32 = 0.5;

/// The analysed frame `frame` of `report`, if the report measured it.
pub fn report_frame(report: &ClipReport, frame: i64) -> Option<&FrameReport> {
    let i = usize::try_from(frame - report.first_frame).ok()?;
    report
        .frames
        .get(i)
        .filter(|f| f.analyzed && f.frame == frame)
}

/// Whether `frame` lies inside some shot's suggested trim.
pub fn in_trim(report: &ClipReport, frame: i64) -> bool {
    report
        .shots
        .iter()
        .any(|s| (s.trim.in_frame..s.trim.out_frame).contains(&frame))
}

fn shot_lines(out: &mut Vec<Line>, shot: &ShotReport, shots: usize) {
    out.push((
        format!(
            "SHOT {}/{}  {:.0}/100   trimmed {:.0}",
            shot.index + 1,
            shots,
            shot.score,
            shot.trimmed_score
        ),
        style::score_color(shot.score),
    ));
    let mut reasons: Vec<_> = shot
        .breakdown
        .iter()
        .filter(|c| c.points_lost >= MIN_POINTS)
        .collect();
    reasons.sort_by(|a, b| b.points_lost.total_cmp(&a.points_lost));
    for c in reasons.iter().take(TOP_REASONS) {
        out.push((
            format!(" -{:.0} {}: {}", c.points_lost, c.name.name(), c.reason),
            style::TEXT_DIM,
        ));
    }
}

fn analysed_lines(out: &mut Vec<Line>, report: &ClipReport, f: &FrameReport) {
    match f.shot.and_then(|i| report.shots.get(i)) {
        Some(shot) => shot_lines(out, shot, report.shots.len()),
        None => out.push(("TRANSITION / BLACK (no shot)".into(), style::WARN)),
    }
    let mut state = Vec::new();
    if !in_trim(report, f.frame) {
        state.push("OUTSIDE TRIM");
    }
    for (on, what) in [
        (f.black, "BLACK"),
        (f.flash, "FLASH"),
        (f.frozen, "FROZEN"),
        (f.blink, "BLINK"),
        (f.whip_pan, "WHIP-PAN"),
    ] {
        if on {
            state.push(what);
        }
    }
    out.push((
        format!(
            "frame {}  {}  score {:.0}",
            f.frame,
            frame_to_timecode(f.frame, report.frame_rate),
            f.score
        ),
        style::score_color(f.score),
    ));
    if !state.is_empty() {
        out.push((state.join("  "), style::WARN));
    }
    out.push((
        format!("focus {:.0}% of shot best", f.focus_rel * 100.0),
        style::TEXT,
    ));
    out.push((
        format!(
            "exposure {:.2}  clip {:.1}%  crush {:.1}%",
            f.luma,
            f.clipped * 100.0,
            f.crushed * 100.0
        ),
        style::TEXT,
    ));
    out.push((
        format!("shake {:.1} px/f  noise {:.2}%", f.shake, f.noise * 100.0),
        style::TEXT,
    ));
    let faces = match (f.face_focus_rel, report.models.faces) {
        (Some(rel), _) => format!("faces: focus {:.0}% of best", rel * 100.0),
        (None, true) => "faces: none".into(),
        (None, false) => "faces: not analysed".into(),
    };
    out.push((faces, style::TEXT));
}

fn live_lines(out: &mut Vec<Line>, frame: i64, s: &FrameSignals) {
    out.push((
        format!("LIVE  frame {frame}  (not analysed yet)"),
        style::TEXT,
    ));
    out.push((format!("focus {:.1} (sharpness)", s.focus), style::TEXT));
    out.push((
        format!(
            "exposure {:.2}  clip {:.1}%  crush {:.1}%",
            s.luma_mean,
            s.clipped_highlights * 100.0,
            s.crushed_shadows * 100.0
        ),
        style::TEXT,
    ));
    out.push((
        format!(
            "motion {:.1} px/f  noise {:.2}%",
            s.motion_dx.hypot(s.motion_dy),
            s.noise * 100.0
        ),
        style::TEXT,
    ));
    let faces = if !s.faces_analyzed {
        "faces: not analysed".to_string()
    } else {
        let eyes: Vec<f32> = s.faces.iter().filter_map(|f| f.eye_openness).collect();
        match (s.faces.len(), eyes.is_empty()) {
            (0, _) => "faces: none".into(),
            (n, true) => format!("faces {n}"),
            (n, false) => format!(
                "faces {n}  eyes {:.2} open",
                eyes.iter().sum::<f32>() / eyes.len() as f32
            ),
        }
    };
    out.push((faces, style::TEXT));
}

/// The HUD's lines for `frame`.
pub fn lines(
    frame: i64,
    report: Option<&ClipReport>,
    live: Option<&Live>,
    coverage: Option<f64>,
) -> Vec<Line> {
    let mut out = Vec::new();
    match (
        report.and_then(|r| Some((r, report_frame(r, frame)?))),
        live,
    ) {
        (Some((r, f)), _) => analysed_lines(&mut out, r, f),
        (None, Some(Live::Measured(s))) => live_lines(&mut out, frame, s),
        (None, Some(Live::Unavailable(why))) => {
            out.push((format!("frame {frame}: signals unavailable"), style::WARN));
            out.push((why.clone(), style::TEXT_DIM));
        }
        (None, None) => out.push((format!("frame {frame}: not analysed"), style::TEXT_DIM)),
    }
    match coverage {
        Some(c) => out.push((
            format!(
                "analysed {:.0}% of clip (render-driven)",
                (c * 100.0).clamp(0.0, 100.0).floor()
            ),
            style::TEXT_DIM,
        )),
        None if report.is_none() => {
            out.push(("press Analyze for shot scores".into(), style::TEXT_DIM))
        }
        None => {}
    }
    out
}

/// The HUD box for `lines` (frame coordinates).
pub fn hud_box(layout: &Layout, lines: &[Line]) -> Rect {
    let u = layout.unit;
    let max = layout.hud_max_width();
    let w = lines
        .iter()
        .map(|(s, _)| text::width(s, u).min(max))
        .max()
        .unwrap_or(0);
    let pad = layout.pad();
    Rect::xywh(
        layout.margin,
        layout.margin,
        w + 2 * pad,
        lines.len() as i32 * layout.line_height() + 2 * pad - u,
    )
}

/// Draws the HUD.
pub fn draw(p: &mut Painter, layout: &Layout, lines: &[Line]) -> OfxResult<()> {
    let b = hud_box(layout, lines);
    let vis = p.visible();
    if b.x1 <= vis.x0 || b.x0 >= vis.x1 || b.y1 <= vis.y0 || b.y0 >= vis.y1 {
        return Ok(());
    }
    p.fill(b, style::BACKING)?;
    let (u, pad) = (layout.unit, layout.pad());
    for (i, (s, color)) in lines.iter().enumerate() {
        let s = text::fit(s, layout.hud_max_width(), u);
        let y = b.y0 + pad + i as i32 * layout.line_height();
        text::draw(p, b.x0 + pad, y, &s, u, *color)?;
    }
    Ok(())
}
