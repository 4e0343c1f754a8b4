//! The PNG report sheet (`<clip>.png`): what a person looks at instead of reading
//! the JSON. From the top: a title block (clip name, duration, frame rate, overall
//! verdict, model notes), the timeline panel (per-frame score curve with cuts,
//! transitions, trims and event lanes), then one block per
//! shot with thumbnails at the suggested in and out and at its flagged events, a
//! bar of the points lost per scoring component, the reasons, and the flags.
//!
//! Thumbnails come from the caller as RGB8 frames keyed by frame number (the CLI
//! decodes them again with FFmpeg); [`thumbnail_frames`] says which frames are
//! wanted. A missing frame is drawn as an empty box, never an error. Rendering is
//! deterministic: identical report and frames give identical bytes.

use std::collections::BTreeMap;
use std::path::Path;

use image::{Rgb, RgbImage};

use crate::report::{ClipReport, ShotReport};
use crate::timecode::frame_to_timecode;

use super::atomic::write_atomic_with;
use super::canvas::{fill_rect, fit_size, paste_resized, stroke_rect};
use super::font::{draw_text, fit_text, CELL_H};
use super::markers::{flag_name, report_markers, MarkerKind};
use super::png_curve::{curve_point, draw_curve_panel, panel_height, plot_map};
use super::png_style::{
    component_color, marker_color, score_color, BG, BORDER, DIM, GREEN, PANEL, RED, TEXT, YELLOW,
};
use super::{rate_f64, ClipInfo, ExportError};

/// Width of the sheet in pixels.
pub const PAGE_W: i64 = 1400;
const MARGIN: i64 = 20;
/// Largest thumbnail box (16:9).
const THUMB_W: u32 = 200;
const THUMB_H: u32 = 112;
/// Thumbnails of flagged events per shot, besides in and out.
const MAX_EVENT_THUMBS: usize = 4;
/// Line height of scale-1 text.
const LINE: i64 = CELL_H as i64 + 4;

/// Frames drawn as thumbnails, keyed by frame number.
pub type Thumbnails = BTreeMap<i64, RgbImage>;

/// A thumbnail slot of a shot block.
#[derive(Debug, Clone, PartialEq)]
struct Thumb {
    frame: i64,
    label: String,
    color: Rgb<u8>,
}

/// In/out (or start/end when no trim) and up to four event frames of `shot`
/// (the middle frame of each flagged range, in time order).
fn shot_thumbs(report: &ClipReport, shot: &ShotReport) -> Vec<Thumb> {
    let rate = report.frame_rate;
    let (a, b, la, lb) = if shot.trim.out_frame > shot.trim.in_frame {
        (shot.trim.in_frame, shot.trim.out_frame - 1, "IN", "OUT")
    } else {
        (shot.start, (shot.end - 1).max(shot.start), "START", "END")
    };
    let mut out = vec![
        Thumb {
            frame: a,
            label: format!("{la} {}", frame_to_timecode(a, rate)),
            color: GREEN,
        },
        Thumb {
            frame: b,
            label: format!("{lb} {}", frame_to_timecode(b, rate)),
            color: GREEN,
        },
    ];
    let events = report_markers(report, false)
        .into_iter()
        .filter(|m| {
            m.shot == Some(shot.index) && !matches!(m.kind, MarkerKind::Cut | MarkerKind::Select)
        })
        .take(MAX_EVENT_THUMBS);
    for m in events {
        let mid = m.range.start + (m.range.len() - 1).max(0) / 2;
        out.push(Thumb {
            frame: mid,
            label: format!("{} {}", m.name, frame_to_timecode(mid, rate)),
            color: marker_color(m.kind),
        });
    }
    out
}

/// Every frame the sheet shows as a thumbnail, sorted, without duplicates.
pub fn thumbnail_frames(report: &ClipReport) -> Vec<i64> {
    let mut v: Vec<i64> = report
        .shots
        .iter()
        .flat_map(|s| shot_thumbs(report, s))
        .map(|t| t.frame)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Overall verdict of the clip from its best trimmed shot: text and colour.
pub fn verdict(report: &ClipReport) -> (String, Rgb<u8>) {
    let best = report
        .shots
        .iter()
        .filter(|s| s.trim.out_frame > s.trim.in_frame)
        .max_by(|a, b| {
            a.trimmed_score
                .total_cmp(&b.trimmed_score)
                .then(b.index.cmp(&a.index))
        });
    let Some(s) = best else {
        return ("NO USABLE SHOT".to_string(), RED);
    };
    let (word, color) = if s.trimmed_score >= 80.0 {
        ("GOOD", GREEN)
    } else if s.trimmed_score >= 60.0 {
        ("USABLE WITH CARE", YELLOW)
    } else {
        ("POOR", RED)
    };
    let rate = report.frame_rate;
    let flagged = report.shots.iter().filter(|s| !s.flags.is_empty()).count();
    (
        format!(
            "{word}: best is shot {} at {:.0} after trim ({} - {}); {flagged} of {} shot(s) flagged",
            s.index + 1,
            s.trimmed_score,
            frame_to_timecode(s.trim.in_frame, rate),
            frame_to_timecode(s.trim.out_frame - 1, rate),
            report.shots.len()
        ),
        color,
    )
}

/// Word-wraps `text` to lines of at most `chars` characters.
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Text lines of a shot block under the thumbnails: (swatch colour, text).
fn shot_lines(report: &ClipReport, s: &ShotReport) -> Vec<(Option<Rgb<u8>>, String)> {
    let mut lines = Vec::new();
    let mut lost: Vec<_> = s
        .trimmed_breakdown
        .iter()
        .filter(|c| c.points_lost >= 0.5)
        .collect();
    lost.sort_by(|a, b| {
        b.points_lost
            .total_cmp(&a.points_lost)
            .then(a.name.cmp(&b.name))
    });
    for c in lost {
        let text = format!("{} -{:.1}: {}", c.name.name(), c.points_lost, c.reason);
        for (i, l) in wrap(&text, 200).into_iter().enumerate() {
            lines.push((
                if i == 0 {
                    Some(component_color(c.name))
                } else {
                    None
                },
                l,
            ));
        }
    }
    for r in &s.trim.reasons {
        lines.push((Some(GREEN), format!("trim: {r}")));
    }
    let rate = report.frame_rate;
    for f in &s.flags {
        let at: Vec<String> = f
            .ranges
            .iter()
            .take(4)
            .map(|r| frame_to_timecode(r.start, rate))
            .collect();
        let more = if f.ranges.len() > 4 { " ..." } else { "" };
        lines.push((
            Some(marker_color(MarkerKind::Flag(f.kind))),
            format!(
                "flag {}: {} at {}{more}",
                flag_name(f.kind),
                f.detail,
                at.join(", ")
            ),
        ));
    }
    lines
}

fn shot_block_height(report: &ClipReport, s: &ShotReport) -> i64 {
    28 + i64::from(THUMB_H) + 18 + 26 + shot_lines(report, s).len() as i64 * LINE + 12
}

fn draw_shot_block(
    img: &mut RgbImage,
    report: &ClipReport,
    s: &ShotReport,
    thumbs: &Thumbnails,
    y: i64,
) {
    let rate = report.frame_rate;
    let h = shot_block_height(report, s);
    let x = MARGIN;
    let w = PAGE_W - 2 * MARGIN;
    fill_rect(img, x, y, w, h, PANEL);
    let head = format!(
        "SHOT {}  {} - {}  ({} frames)",
        s.index + 1,
        frame_to_timecode(s.start, rate),
        frame_to_timecode(s.end - 1, rate),
        s.end - s.start
    );
    let mut cx = draw_text(img, x + 10, y + 8, &head, 2, TEXT) + 24;
    cx = draw_text(
        img,
        cx,
        y + 8,
        &format!("score {:.0}", s.score),
        2,
        score_color(s.score),
    ) + 12;
    if s.trim.out_frame > s.trim.in_frame {
        cx = draw_text(img, cx, y + 8, "->", 2, DIM) + 12;
        cx = draw_text(
            img,
            cx,
            y + 8,
            &format!("{:.0} trimmed", s.trimmed_score),
            2,
            score_color(s.trimmed_score),
        ) + 24;
        draw_text(
            img,
            cx,
            y + 12,
            &format!("trim confidence {:.2}", s.trim.confidence),
            1,
            DIM,
        );
    } else {
        draw_text(img, cx, y + 8, "no usable trim", 2, RED);
    }

    // Thumbnails.
    let ty = y + 28;
    let mut tx = x + 10;
    for t in shot_thumbs(report, s) {
        if tx + i64::from(THUMB_W) > x + w {
            break;
        }
        fill_rect(
            img,
            tx,
            ty,
            i64::from(THUMB_W),
            i64::from(THUMB_H),
            Rgb([12, 12, 14]),
        );
        match thumbs.get(&t.frame) {
            Some(frame) => {
                let (fw, fh) = fit_size(frame.width(), frame.height(), THUMB_W - 4, THUMB_H - 4);
                let ox = tx + (i64::from(THUMB_W) - i64::from(fw)) / 2;
                let oy = ty + (i64::from(THUMB_H) - i64::from(fh)) / 2;
                paste_resized(img, frame, ox, oy, fw, fh);
            }
            None => {
                draw_text(img, tx + 60, ty + 50, "no frame", 1, DIM);
            }
        }
        stroke_rect(
            img,
            tx,
            ty,
            i64::from(THUMB_W),
            i64::from(THUMB_H),
            2,
            t.color,
        );
        let label = fit_text(&t.label, THUMB_W, 1);
        draw_text(img, tx, ty + i64::from(THUMB_H) + 5, &label, 1, t.color);
        tx += i64::from(THUMB_W) + 12;
    }

    // Breakdown bar: 100 points over 600 px; green = kept score, then each loss.
    let by = ty + i64::from(THUMB_H) + 18;
    let bar_w = 600.0f32;
    let bx = x + 10;
    fill_rect(img, bx, by, bar_w as i64, 14, Rgb([50, 50, 58]));
    let kept = s.trimmed_score.clamp(0.0, 100.0);
    let mut at = bx as f32;
    let kept_w = kept / 100.0 * bar_w;
    fill_rect(
        img,
        at as i64,
        by,
        kept_w.round() as i64,
        14,
        score_color(kept),
    );
    at += kept_w;
    let mut total_lost = 0.0;
    for c in &s.trimmed_breakdown {
        let pw = c.points_lost.max(0.0) / 100.0 * bar_w;
        if pw >= 0.5 {
            fill_rect(
                img,
                at.round() as i64,
                by,
                pw.round().max(1.0) as i64,
                14,
                component_color(c.name),
            );
        }
        at += pw;
        total_lost += c.points_lost.max(0.0);
    }
    stroke_rect(img, bx - 1, by - 1, bar_w as i64 + 2, 16, 1, BORDER);
    draw_text(
        img,
        bx + bar_w as i64 + 12,
        by + 3,
        &format!("points lost: {total_lost:.1} of 100 (over the suggested trim)"),
        1,
        DIM,
    );

    let mut ly = by + 26;
    for (swatch, text) in shot_lines(report, s) {
        if let Some(c) = swatch {
            fill_rect(img, x + 10, ly, 8, 8, c);
        }
        let t = fit_text(&text, (w - 40) as u32, 1);
        draw_text(img, x + 24, ly, &t, 1, TEXT);
        ly += LINE;
    }
}

/// Title block: height and drawing.
fn header_lines(report: &ClipReport) -> usize {
    report.models.notes.len()
}

fn draw_header(img: &mut RgbImage, report: &ClipReport, clip: &ClipInfo) {
    let rate = report.frame_rate;
    let fps = rate_f64(rate);
    draw_text(
        img,
        MARGIN,
        16,
        &fit_text(&clip.name, (PAGE_W - 2 * MARGIN) as u32, 3),
        3,
        TEXT,
    );
    let secs = if fps > 0.0 {
        report.frame_count as f64 / fps
    } else {
        0.0
    };
    let info = format!(
        "{} frames = {} ({secs:.2} s) at {:.3} fps | {} shot(s), {} cut(s), {} transition(s), {} blink(s), {} flash(es)",
        report.frame_count,
        frame_to_timecode(report.frame_count as i64, rate),
        fps,
        report.shots.len(),
        report.cuts.len(),
        report.transitions.len(),
        report.blinks.len(),
        report.flashes.len()
    );
    draw_text(
        img,
        MARGIN,
        50,
        &fit_text(&info, (PAGE_W - 2 * MARGIN) as u32, 2),
        2,
        DIM,
    );
    let (text, color) = verdict(report);
    draw_text(
        img,
        MARGIN,
        74,
        &fit_text(&text, (PAGE_W - 2 * MARGIN) as u32, 2),
        2,
        color,
    );
    let mut y = 98;
    for note in &report.models.notes {
        draw_text(
            img,
            MARGIN,
            y,
            &fit_text(&format!("note: {note}"), (PAGE_W - 2 * MARGIN) as u32, 1),
            1,
            DIM,
        );
        y += LINE;
    }
}

fn header_height(report: &ClipReport) -> i64 {
    106 + header_lines(report) as i64 * LINE
}

/// Pixel position (x, y) of the score curve at `frame` and `score` on the sheet of
/// `report` (for checking the drawing, or for placing annotations over it).
pub fn curve_pixel(report: &ClipReport, frame: i64, score: f32) -> (i64, i64) {
    let (map, top) = plot_map(report, MARGIN, header_height(report), PAGE_W - 2 * MARGIN);
    let (x, y) = curve_point(&map, top, frame, score);
    (x.round() as i64, y.round() as i64)
}

/// Renders the report sheet.
pub fn render_png_report(report: &ClipReport, clip: &ClipInfo, thumbs: &Thumbnails) -> RgbImage {
    let header_h = header_height(report);
    let shots_h: i64 = report
        .shots
        .iter()
        .map(|s| shot_block_height(report, s) + 12)
        .sum();
    let total = header_h + panel_height() + 16 + shots_h + MARGIN;
    let mut img = RgbImage::from_pixel(PAGE_W as u32, total as u32, BG);
    draw_header(&mut img, report, clip);
    let y = header_h;
    draw_curve_panel(&mut img, report, MARGIN, y, PAGE_W - 2 * MARGIN);
    let mut y = y + panel_height() + 16;
    for s in &report.shots {
        draw_shot_block(&mut img, report, s, thumbs, y);
        y += shot_block_height(report, s) + 12;
    }
    img
}

/// Renders the sheet and writes it as PNG to `path` (atomically).
pub fn write_png_report(
    report: &ClipReport,
    clip: &ClipInfo,
    thumbs: &Thumbnails,
    path: &Path,
) -> Result<(), ExportError> {
    let img = render_png_report(report, clip, thumbs);
    let mut bytes = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .map_err(|e| ExportError::Png {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    write_atomic_with(path, |w| w.write_all(&bytes))
}
