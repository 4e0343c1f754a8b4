//! PNG report sheet: renders with the expected structure (checked at a few
//! structural pixels, not against a golden image), is deterministic, survives
//! missing thumbnails and empty reports, and a failed write leaves nothing behind.

mod export_support;

use circletake_inference::export::png_report::{
    curve_pixel, render_png_report, thumbnail_frames, verdict,
};
use circletake_inference::export::{write_png_report, ClipInfo, Thumbnails};
use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::FrameRate;
use image::{Rgb, RgbImage};

fn thumbs_for(report: &ClipReport) -> Thumbnails {
    thumbnail_frames(report)
        .into_iter()
        .map(|f| {
            let img = RgbImage::from_fn(320, 180, |x, y| {
                Rgb([
                    (x * 255 / 320) as u8,
                    (y * 255 / 180) as u8,
                    (f * 3 % 256) as u8,
                ])
            });
            (f, img)
        })
        .collect()
}

fn is_green(p: &Rgb<u8>) -> bool {
    p.0[1] > 150 && p.0[0] < 120 && p.0[2] < 150
}

fn is_red(p: &Rgb<u8>) -> bool {
    p.0[0] > 200 && p.0[1] < 100 && p.0[2] < 100
}

fn is_blue(p: &Rgb<u8>) -> bool {
    p.0[2] > 200 && p.0[0] < 100
}

#[test]
fn curve_cuts_and_transitions_are_where_the_report_says() {
    let report = export_support::report();
    let img = render_png_report(&report, &ClipInfo::named("synthetic"), &thumbs_for(&report));
    if let Ok(dir) = std::env::var("CIRCLETAKE_PNG_PREVIEW") {
        img.save(std::path::Path::new(&dir).join("synthetic-report.png"))
            .unwrap();
    }
    assert!(img.width() >= 1000 && img.height() > 400);
    let px = |(x, y): (i64, i64)| *img.get_pixel(x as u32, y as u32);

    // A clean frame in shot 2 scores high: the curve is green at its value and the
    // plot below it is background, not curve.
    let clean = &report.frames[100];
    assert!(clean.score >= 75.0, "frame 100 scores {}", clean.score);
    let on = curve_pixel(&report, 100, clean.score);
    assert!(is_green(&px(on)), "curve at frame 100: {:?}", px(on));
    let below = curve_pixel(&report, 100, clean.score - 40.0);
    assert!(
        !is_green(&px(below)),
        "plot under the curve: {:?}",
        px(below)
    );

    // Inside the dissolve the score is ~0 and the curve is red at the bottom.
    let mid = (export_support::DISSOLVE.0 + export_support::DISSOLVE.1) / 2;
    let f = &report.frames[mid];
    assert!(f.transition && f.score < 50.0, "{f:?}");
    let on = curve_pixel(&report, mid as i64, f.score);
    assert!(is_red(&px(on)), "curve in the dissolve: {:?}", px(on));

    // The cut is a blue vertical line through the plot.
    let cut = report.cuts.first().expect("a cut").frame;
    let (cx, _) = curve_pixel(&report, cut, 0.0);
    let (_, cy) = curve_pixel(&report, cut, 60.0);
    let found = (cx - 3..=cx + 3).any(|x| is_blue(&px((x, cy))));
    assert!(found, "no cut line near x={cx}");

    let (text, _) = verdict(&report);
    assert!(text.starts_with("GOOD"), "{text}");
}

#[test]
fn thumbnails_are_drawn_and_missing_ones_are_not_an_error() {
    let report = export_support::report();
    let frames = thumbnail_frames(&report);
    // In and out of each of the three shots at least.
    assert!(frames.len() >= 6, "{frames:?}");
    let with = render_png_report(&report, &ClipInfo::named("x"), &thumbs_for(&report));
    let without = render_png_report(&report, &ClipInfo::named("x"), &Thumbnails::new());
    assert_eq!(with.dimensions(), without.dimensions());
    let differing = with
        .pixels()
        .zip(without.pixels())
        .filter(|(a, b)| a != b)
        .count();
    // Six 200x112 boxes of picture at least.
    assert!(
        differing > 6 * 150 * 90,
        "only {differing} pixels show thumbnails"
    );
}

#[test]
fn written_png_is_deterministic_and_decodes() {
    let report = export_support::report();
    let dir = export_support::scratch("png-det");
    let thumbs = thumbs_for(&report);
    let a = dir.join("a.png");
    let b = dir.join("b.png");
    write_png_report(&report, &ClipInfo::named("synthetic"), &thumbs, &a).unwrap();
    write_png_report(&report, &ClipInfo::named("synthetic"), &thumbs, &b).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let img = image::open(&a).unwrap();
    assert_eq!(img.width(), 1400);
    assert_eq!(export_support::entries(&dir), vec!["a.png", "b.png"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn empty_and_shotless_reports_render() {
    let rate = FrameRate { num: 25, den: 1 };
    let empty = build_report(&[], rate, &ReportOptions::default());
    let img = render_png_report(&empty, &ClipInfo::named("empty"), &Thumbnails::new());
    assert!(img.height() > 100);
    assert!(verdict(&empty).0.contains("NO USABLE SHOT"));
}

#[test]
fn write_into_missing_folder_fails_cleanly() {
    let report = export_support::report();
    let dir = export_support::scratch("png-missing");
    let path = dir.join("gone").join("clip.png");
    let err =
        write_png_report(&report, &ClipInfo::named("x"), &Thumbnails::new(), &path).unwrap_err();
    assert!(err.to_string().contains("clip.png"), "{err}");
    assert!(export_support::entries(&dir).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
