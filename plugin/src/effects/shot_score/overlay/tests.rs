//! Drawing tests with a report made by the core from synthetic per-frame
//! signals: curve, cut, playhead and in/out columns, dimming outside the
//! trim, two resolutions, half render scale, non-zero origins, tiles, and
//! every depth x components.

use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::{FrameRate, FrameSignals};
use half::f16;

use super::layout::Layout;
use super::strip::{frame_columns, score_row, Areas};
use super::{draw, hud, style, Live, Scene};
use crate::ofx::{Components, ImageViewMut, PixelRect};

/// 120 frames at 25 fps: black 0..6, shot A 6..50 (soft start until 14),
/// cut at 50, shot B 50..120 with a flash at 80.
pub(super) fn report() -> ClipReport {
    let frames: Vec<FrameSignals> = (0..120)
        .map(|i| {
            let black = i < 6;
            FrameSignals {
                frame: i,
                focus: if i < 14 {
                    8.0
                } else {
                    30.0 + 30.0 * ((i as f32) * 0.21).sin().abs()
                },
                luma_mean: if black {
                    0.0
                } else if i == 80 {
                    0.97
                } else {
                    0.45
                },
                clipped_highlights: if i == 80 { 0.6 } else { 0.0 },
                crushed_shadows: if black { 1.0 } else { 0.01 },
                motion_dx: 0.0,
                motion_dy: 0.0,
                motion_confidence: 0.6,
                residual_motion: 0.01,
                diff_prev: match i {
                    0 => 0.0,
                    6 | 50 | 80 | 81 => 0.4,
                    _ => 0.012,
                },
                noise: 0.008,
                cut_prob: Some(if i == 50 || i == 6 { 0.99 } else { 0.01 }),
                transition_prob: Some(0.01),
                faces: Vec::new(),
                faces_analyzed: false,
            }
        })
        .collect();
    build_report(
        &frames,
        FrameRate { num: 25, den: 1 },
        &ReportOptions::default(),
    )
}

const GREY: f32 = 0.5;

/// A float RGBA image of `frame` filled with GREY (alpha 1), with the
/// overlay drawn over each of `windows` in turn.
fn render(
    report: &ClipReport,
    frame: i64,
    frame_rect: PixelRect,
    scale: f64,
    windows: &[PixelRect],
) -> Vec<f32> {
    let (w, h) = (frame_rect.width(), frame_rect.height());
    let mut buf = vec![GREY; w * h * 4];
    for px in buf.chunks_exact_mut(4) {
        px[3] = 1.0;
    }
    let mut img =
        ImageViewMut::from_samples(&mut buf, frame_rect, (w * 16) as isize, Components::Rgba)
            .unwrap();
    let scene = Scene {
        frame,
        frame_rect,
        scale,
        report: Some(report),
        coverage: None,
        live: None,
        face_boxes: false,
    };
    for win in windows {
        draw(&mut img, *win, &scene).unwrap();
    }
    buf
}

/// The pixel at frame coordinates (x, y from the top).
fn at(buf: &[f32], fr: PixelRect, x: i32, y: i32) -> [f32; 4] {
    let w = fr.width();
    let row = (fr.height() as i32 - 1 - y) as usize;
    let i = (row * w + x as usize) * 4;
    [buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]
}

fn rgb(c: super::paint::Rgba) -> [f32; 3] {
    [c.r, c.g, c.b]
}

/// Centre column (frame coordinates) of report frame `f`.
fn column(r: &ClipReport, l: &Layout, f: i64) -> i32 {
    let (c0, c1) = frame_columns(
        (f - r.first_frame) as usize,
        r.frames.len(),
        l.strip_inner.width() as usize,
    );
    l.strip_inner.x0 + (c0 + c1) as i32 / 2
}

fn check_strip(report: &ClipReport, fr: PixelRect, scale: f64) {
    let l = Layout::new(fr.width() as i32, fr.height() as i32, scale);
    let a = Areas::of(&l);
    let what = format!("{}x{} at scale {scale}", fr.width(), fr.height());
    // The curve: frame 30 (mid shot A) is drawn at the height of its score.
    let f = 30;
    let buf = render(report, 100, fr, scale, &[fr]);
    let s = report.frames[f as usize].score;
    let x = column(report, &l, f);
    let y = a.curve.y0 + score_row(s, a.curve.height() as usize) as i32;
    let px = at(&buf, fr, x, y);
    assert_eq!(&px[..3], &rgb(style::score_color(s)), "{what}: curve");
    // No curve far above it (score 100 is the top row; s < 95 here).
    assert!(s < 95.0, "{what}: score {s}");
    let above = at(&buf, fr, x, a.curve.y0 + 1);
    assert_ne!(&above[..3], &rgb(style::score_color(s)), "{what}: above");
    // The cut at 50: a bright column in the tick band at the cut's first column.
    let cut = report
        .cuts
        .iter()
        .find(|c| c.frame == 50)
        .expect("cut at 50");
    let (c0, _) = frame_columns(
        (cut.frame - report.first_frame) as usize,
        report.frames.len(),
        l.strip_inner.width() as usize,
    );
    let px = at(&buf, fr, l.strip_inner.x0 + c0 as i32, a.ticks.y0);
    assert!(px[..3].iter().all(|v| *v > 0.9), "{what}: cut {px:?}");
    // The playhead at frame 100.
    let x = column(report, &l, 100);
    let px = at(&buf, fr, x, a.curve.y0 + a.curve.height() / 2);
    assert_eq!(&px[..3], &rgb(style::PLAYHEAD), "{what}: playhead");
    // A suggested in that is not on a cut: the bracket's column is green.
    let shot = report
        .shots
        .iter()
        .find(|s| s.trim.out_frame > s.trim.in_frame && s.trim.in_frame != s.start)
        .expect("a trimmed head");
    let (c0, _) = frame_columns(
        (shot.trim.in_frame - report.first_frame) as usize,
        report.frames.len(),
        l.strip_inner.width() as usize,
    );
    let px = at(&buf, fr, l.strip_inner.x0 + c0 as i32, a.curve.y0 + 1);
    assert_eq!(&px[..3], &rgb(style::IN_OUT), "{what}: in bracket");
    // Outside the overlay the picture is untouched (frame 100 is in trim).
    let mid = at(&buf, fr, l.width / 2, l.height / 2);
    assert_eq!(mid, [GREY, GREY, GREY, 1.0], "{what}: picture");
}

#[test]
fn report_has_the_synthetic_structure() {
    let r = report();
    assert!(r.cuts.iter().any(|c| c.frame == 50), "cuts {:?}", r.cuts);
    assert!(r.shots.len() >= 2, "shots {:?}", r.shots.len());
    assert!(!hud::in_trim(&r, 2), "black head in a trim");
    assert!(hud::in_trim(&r, 100));
}

#[test]
fn strip_marks_at_640x272_and_1080p() {
    let r = report();
    check_strip(&r, PixelRect::new(0, 0, 640, 272), 1.0);
    check_strip(&r, PixelRect::new(0, 0, 1920, 1080), 1.0);
}

#[test]
fn strip_marks_at_half_scale_with_an_offset_origin() {
    let r = report();
    check_strip(&r, PixelRect::new(-19, 11, 941, 551), 0.5);
}

#[test]
fn frames_outside_the_trim_are_dimmed_by_the_documented_factor() {
    let r = report();
    let fr = PixelRect::new(0, 0, 640, 272);
    let l = Layout::new(640, 272, 1.0);
    let buf = render(&r, 2, fr, 1.0, &[fr]);
    let mid = at(&buf, fr, l.width / 2, l.height / 2);
    let want = GREY * style::DIM_OUTSIDE_TRIM;
    assert_eq!(mid, [want, want, want, 1.0]);
    let buf = render(&r, 100, fr, 1.0, &[fr]);
    assert_eq!(at(&buf, fr, l.width / 2, l.height / 2)[0], GREY);
}

#[test]
fn tiles_equal_the_full_frame() {
    let r = report();
    for (fr, scale) in [
        (PixelRect::new(-38, 22, 602, 294), 1.0),
        (PixelRect::new(-19, 11, 941, 551), 0.5),
    ] {
        for frame in [2, 30, 100] {
            let full = render(&r, frame, fr, scale, &[fr]);
            let mut tiles = Vec::new();
            let mut y = fr.y1;
            while y < fr.y2 {
                let mut x = fr.x1;
                while x < fr.x2 {
                    tiles.push(PixelRect::new(
                        x,
                        y,
                        (x + 37).min(fr.x2),
                        (y + 29).min(fr.y2),
                    ));
                    x += 37;
                }
                y += 29;
            }
            let tiled = render(&r, frame, fr, scale, &tiles);
            assert!(full == tiled, "frame {frame} at {fr:?}: tiles differ");
        }
    }
}

#[test]
fn a_window_writes_only_its_pixels() {
    let r = report();
    let fr = PixelRect::new(0, 0, 640, 272);
    let window = PixelRect::new(5, 3, 300, 40);
    let full = render(&r, 2, fr, 1.0, &[fr]);
    let part = render(&r, 2, fr, 1.0, &[window]);
    for y in 0..272 {
        for x in 0..640 {
            let i = (y * 640 + x) * 4;
            let inside = window.contains(x as i32, y as i32);
            let want = if inside {
                &full[i..i + 4]
            } else {
                &[GREY, GREY, GREY, 1.0][..]
            };
            assert_eq!(&part[i..i + 4], want, "({x},{y})");
        }
    }
}

fn every_format<T: super::paint::Unit>(fill: T) {
    let r = report();
    let fr = PixelRect::new(3, -4, 203, 116);
    for comps in Components::ALL {
        let n = comps.count();
        let mut buf = vec![fill; fr.width() * fr.height() * n];
        let before = buf.clone();
        let stride = (fr.width() * n * std::mem::size_of::<T>()) as isize;
        let mut img = ImageViewMut::from_samples(&mut buf, fr, -stride, comps).unwrap();
        let scene = Scene {
            frame: 2,
            frame_rect: fr,
            scale: 1.0,
            report: Some(&r),
            coverage: Some(0.37),
            live: Some(Live::Unavailable("test".into())),
            face_boxes: true,
        };
        draw(&mut img, fr, &scene).unwrap();
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

#[test]
fn hud_lines_say_what_is_known() {
    let r = report();
    let lines = hud::lines(100, Some(&r), None, None);
    assert!(lines[0].0.starts_with("SHOT "), "{lines:?}");
    let lines = hud::lines(2, Some(&r), None, Some(0.37));
    assert!(
        lines.iter().any(|l| l.0.contains("OUTSIDE TRIM")),
        "{lines:?}"
    );
    assert!(lines
        .iter()
        .any(|l| l.0 == "analysed 37% of clip (render-driven)"));
    let lines = hud::lines(500, Some(&r), Some(&Live::Unavailable("x".into())), None);
    assert!(lines[0].0.contains("signals unavailable"), "{lines:?}");
    let none = hud::lines(3, None, Some(&Live::Unavailable("engine".into())), None);
    assert!(none.iter().any(|l| l.0.contains("Analyze")));
}
