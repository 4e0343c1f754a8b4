//! Drawing tests of the Cut Check box: only pixels inside the box change,
//! tiles and offset origins equal a full render, half scale keeps the
//! proportions, the verdict colour and the strip's marks, every format.

use half::f16;

use super::overlay::{cost_color, draw, lines, panel_box, verdict_color, CURRENT, GREEN};
use super::persist::tests::sample_report;
use crate::effects::shot_score::render::overlay::layout::Layout;
use crate::effects::shot_score::render::overlay::paint::{Rect, Unit};
use crate::ofx::{Components, ImageViewMut, PixelRect};
use circletake_inference::edit_check::{EditReport, Verdict};

/// A grey-ish float RGBA picture (varying, so "over" changes every pixel).
fn picture(fr: PixelRect) -> Vec<f32> {
    let (w, h) = (fr.width(), fr.height());
    let mut buf = vec![0.0; w * h * 4];
    for (i, px) in buf.chunks_exact_mut(4).enumerate() {
        let v = 0.3 + 0.4 * ((i % w) as f32 / w as f32) + 0.1 * ((i / w) as f32 / h as f32);
        px.copy_from_slice(&[v, v * 0.9, v * 1.1, 1.0]);
    }
    buf
}

fn render(report: &EditReport, fr: PixelRect, scale: f64, windows: &[PixelRect]) -> Vec<f32> {
    let mut buf = picture(fr);
    let w = fr.width();
    let mut img =
        ImageViewMut::from_samples(&mut buf, fr, (w * 16) as isize, Components::Rgba).unwrap();
    for win in windows {
        draw(&mut img, *win, fr, scale, report).unwrap();
    }
    buf
}

/// The pixel at frame coordinates (x, y from the top).
fn at(buf: &[f32], fr: PixelRect, x: i32, y: i32) -> [f32; 4] {
    let row = (fr.height() as i32 - 1 - y) as usize;
    let i = (row * fr.width() + x as usize) * 4;
    [buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]
}

fn boxed(report: &EditReport, fr: PixelRect, scale: f64) -> Rect {
    let l = Layout::new(fr.width() as i32, fr.height() as i32, scale);
    panel_box(&l, report, &lines(report))
}

#[test]
fn only_the_box_changes_and_all_of_it() {
    let r = sample_report();
    for (fr, scale) in [
        (PixelRect::new(0, 0, 640, 272), 1.0),
        (PixelRect::new(0, 0, 1920, 1080), 1.0),
        (PixelRect::new(-20, 7, 940, 547), 0.5),
        (PixelRect::new(0, 0, 90, 40), 1.0),
    ] {
        let before = picture(fr);
        let after = render(&r, fr, scale, &[fr]);
        let b = boxed(&r, fr, scale);
        for y in 0..fr.height() as i32 {
            for x in 0..fr.width() as i32 {
                let inside = x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
                let changed = at(&before, fr, x, y) != at(&after, fr, x, y);
                assert_eq!(changed, inside, "{fr:?} ({x},{y}) box {b:?}");
            }
        }
    }
}

#[test]
fn half_scale_box_is_half_the_full_box() {
    let r = sample_report();
    let full = boxed(&r, PixelRect::new(0, 0, 1920, 1080), 1.0);
    let half = boxed(&r, PixelRect::new(0, 0, 960, 540), 0.5);
    assert_eq!(
        (full.x0, full.y0, full.width(), full.height()),
        (
            2 * half.x0,
            2 * half.y0,
            2 * half.width(),
            2 * half.height()
        )
    );
    assert!(full.width() <= 1920 * 3 / 5 + 16, "{full:?}");
}

#[test]
fn tiles_equal_the_full_frame() {
    let r = sample_report();
    for (fr, scale) in [
        (PixelRect::new(-38, 22, 602, 294), 1.0),
        (PixelRect::new(-19, 11, 941, 551), 0.5),
    ] {
        let full = render(&r, fr, scale, &[fr]);
        let mut tiles = Vec::new();
        for y in (fr.y1..fr.y2).step_by(29) {
            for x in (fr.x1..fr.x2).step_by(37) {
                tiles.push(PixelRect::new(
                    x,
                    y,
                    (x + 37).min(fr.x2),
                    (y + 29).min(fr.y2),
                ));
            }
        }
        let tiled = render(&r, fr, scale, &tiles);
        assert!(full == tiled, "{fr:?}: tiles differ");
    }
}

#[test]
fn verdict_colour_and_strip_marks() {
    let mut r = sample_report();
    let fr = PixelRect::new(0, 0, 1920, 1080);
    let l = Layout::new(1920, 1080, 1.0);
    assert_eq!(lines(&r)[0].0, "CUT CHECK: MOVE EDIT");
    let all = lines(&r);
    assert_eq!(all[1].0, "- eyes closed on the outgoing clip at the cut");
    assert!(
        all.last().unwrap().0.starts_with("note: no iris model"),
        "{all:?}"
    );
    assert_eq!(lines(&r)[0].1, verdict_color(Verdict::MoveEdit));
    r.verdict = Verdict::Review;
    assert_eq!(lines(&r)[0].0, "CUT CHECK: REVIEW");
    r.verdict = Verdict::MoveEdit;
    let buf = render(&r, fr, 1.0, &[fr]);
    // Find the strip: the row of cells sits under the text lines.
    let b = boxed(&r, fr, 1.0);
    let (u, pad) = (l.unit, l.pad());
    let y_strip = b.y0 + pad + lines(&r).len() as i32 * l.line_height();
    let t = l.line();
    let cell_mid = y_strip + t + 3 * u;
    // Cells are 4 units wide with half-unit gaps at 1080p.
    let cell_x = |i: i32| b.x0 + pad + i * (4 * u + u / 2);
    let rgb = |c: crate::effects::shot_score::render::overlay::paint::Rgba| [c.r, c.g, c.b];
    let px = |x, y| {
        let p = at(&buf, fr, x, y);
        [p[0], p[1], p[2]]
    };
    // Shift -6 (index 0) is impossible, shift +3 (index 9) is the cheapest.
    assert_eq!(px(cell_x(0) + u, cell_mid), rgb(cost_color(None)));
    assert_eq!(px(cell_x(9) + 2 * u, cell_mid), rgb(cost_color(Some(0.03))));
    // The cut as placed (index 6): white bars above and below its cell.
    assert_eq!(px(cell_x(6) + u, y_strip), rgb(CURRENT));
    assert_eq!(px(cell_x(6) + u, y_strip + t + 6 * u), rgb(CURRENT));
    // The suggestion (index 9): green outline on its left edge.
    assert_eq!(px(cell_x(9), cell_mid), rgb(GREEN));
    assert_eq!(cost_color(Some(2.0)), cost_color(Some(1.0)));
}

fn every_format<T: Unit>(fill: T) {
    let r = sample_report();
    let fr = PixelRect::new(3, -4, 323, 176);
    for comps in Components::ALL {
        let n = comps.count();
        let mut buf = vec![fill; fr.width() * fr.height() * n];
        let before = buf.clone();
        let stride = (fr.width() * n * std::mem::size_of::<T>()) as isize;
        let mut img = ImageViewMut::from_samples(&mut buf, fr, -stride, comps).unwrap();
        draw(&mut img, fr, fr, 1.0, &r).unwrap();
        let changed = buf
            .iter()
            .zip(&before)
            .filter(|(a, b)| a.get() != b.get())
            .count();
        assert!(changed > 0, "{:?} {comps:?}: nothing drawn", T::DEPTH);
    }
}

#[test]
fn draws_in_every_depth_and_components() {
    every_format(128u8);
    every_format(30000u16);
    every_format(f16::from_f32(0.5));
    every_format(0.5f32);
}
