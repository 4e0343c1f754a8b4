//! Speed of the Shot Score overlay against a plain copy of the frame (what
//! the passthrough costs), at 1080p in 32-bit float and 8-bit RGBA, for a
//! frame inside the suggested trim (HUD + strip) and one outside (the whole
//! picture dimmed as well). One machine-readable line per case:
//!
//! `overlay_speed case=1080p_float_rgba frame=in_trim overlay_ms=0.41 copy_ms=2.10 strip_raster_ms=3.2 iters=50`
//!
//! `overlay_ms` is the median time to draw the overlay over a copied frame
//! (strip raster already cached), `copy_ms` the median time of the copy
//! itself, `strip_raster_ms` the one-off cost of rasterising the strip for a
//! new report or size. Run: `cargo run --release -p circletake-plugin
//! --example overlay_speed [iterations]`.

use std::time::Instant;

use circletake::ofx::{copy_window, Components, ImageView, ImageViewMut, PixelRect};
use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::{FrameRate, FrameSignals};

// The overlay's modules, compiled into this example as they are in the
// plugin (they only use the plugin's public `ofx` layer).
mod ofx {
    pub use circletake::ofx::*;
}
#[allow(dead_code)]
#[path = "../src/effects/shot_score/overlay/mod.rs"]
mod overlay;

use overlay::{Live, Scene};

/// A 250-frame report (bikes.mp4's length): black head, three shots.
fn report() -> ClipReport {
    let frames: Vec<FrameSignals> = (0..250)
        .map(|i| FrameSignals {
            frame: i,
            focus: if i % 80 < 8 {
                10.0
            } else {
                50.0 + (i % 9) as f32
            },
            luma_mean: if i < 6 { 0.0 } else { 0.45 },
            clipped_highlights: 0.0,
            crushed_shadows: if i < 6 { 1.0 } else { 0.01 },
            motion_dx: (i % 5) as f32 * 0.3,
            motion_dy: 0.0,
            motion_confidence: 0.6,
            residual_motion: 0.01,
            diff_prev: if [6, 80, 160].contains(&i) {
                0.4
            } else {
                0.012
            },
            noise: 0.008,
            cut_prob: Some(if [6, 80, 160].contains(&i) {
                0.99
            } else {
                0.01
            }),
            transition_prob: Some(0.01),
            faces: Vec::new(),
            faces_analyzed: false,
        })
        .collect();
    build_report(
        &frames,
        FrameRate { num: 25, den: 1 },
        &ReportOptions::default(),
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn case<T: Copy + Default + ofx::Sample>(name: &str, fill: T, report: &ClipReport, iters: usize) {
    let fr = PixelRect::new(0, 0, 1920, 1080);
    let n = fr.width() * fr.height() * 4;
    let stride = (fr.width() * 4 * std::mem::size_of::<T>()) as isize;
    let src = vec![fill; n];
    let mut dst = vec![T::default(); n];
    let sview = ImageView::from_samples(&src, fr, stride, Components::Rgba).unwrap();
    let in_trim = report
        .shots
        .iter()
        .find(|s| s.trim.out_frame > s.trim.in_frame)
        .map_or(100, |s| (s.trim.in_frame + s.trim.out_frame) / 2);
    for (label, frame) in [("in_trim", in_trim), ("outside_trim", 2)] {
        let scene = Scene {
            frame,
            frame_rect: fr,
            scale: 1.0,
            report: Some(report),
            coverage: None,
            live: Some(Live::Unavailable("benchmark".into())),
            face_boxes: false,
        };
        let layout = overlay::layout::Layout::new(1920, 1080, 1.0);
        let t = Instant::now();
        let raster = overlay::strip::rasterise(report, &layout);
        let raster_ms = t.elapsed().as_secs_f64() * 1e3;
        assert!(!raster.pixels.is_empty());
        let (mut copy, mut over) = (Vec::new(), Vec::new());
        for _ in 0..iters {
            let mut out =
                ImageViewMut::from_samples(&mut dst, fr, stride, Components::Rgba).unwrap();
            let t = Instant::now();
            copy_window(&sview, &mut out, fr).unwrap();
            copy.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            overlay::draw(&mut out, fr, &scene).unwrap();
            over.push(t.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "overlay_speed case={name} frame={label} overlay_ms={:.3} copy_ms={:.3} strip_raster_ms={:.3} iters={iters}",
            median(over),
            median(copy),
            raster_ms
        );
    }
}

fn main() {
    let iters = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30usize)
        .max(1);
    let report = report();
    case("1080p_float_rgba", 0.5f32, &report, iters);
    case("1080p_u8_rgba", 128u8, &report, iters);
}
