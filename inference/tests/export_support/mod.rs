//! Synthetic clips for the export tests: per-frame signals with known cuts, a
//! dissolve, a blink, a flash frame, shaky and soft stretches, run through the
//! real clip-level analysis (`build_report`).

#![allow(dead_code)]

use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::{FaceSignal, FrameRate, FrameSignals};

/// Frames of the synthetic clip.
pub const N: usize = 250;
/// First frames of shots 2 and 3 (hard cuts).
pub const CUTS: [usize; 1] = [80];
/// Dissolve between shots 2 and 3.
pub const DISSOLVE: (usize, usize) = (165, 175);
/// Blink (eyes closed) in shot 1.
pub const BLINK: (usize, usize) = (40, 43);
/// Flash frame in shot 2.
pub const FLASH: usize = 120;

fn face(eye: f32) -> FaceSignal {
    FaceSignal {
        x0: 0.4,
        y0: 0.2,
        x1: 0.6,
        y1: 0.6,
        score: 0.99,
        focus: 40.0,
        eye_openness: Some(eye),
    }
}

/// Per-frame signals of the synthetic clip (frame numbers from 0).
pub fn signals() -> Vec<FrameSignals> {
    (0..N)
        .map(|i| {
            let shot = if i < CUTS[0] {
                0
            } else if i < DISSOLVE.0 {
                1
            } else {
                2
            };
            let jitter = if (i % 2) == 0 { 1.0 } else { -1.0 };
            // Shot 1 starts handheld and settles; shot 3 goes soft at the end.
            let shake = if shot == 0 && i < 15 { 6.0 } else { 0.2 };
            let focus = if shot == 2 && i > 225 {
                8.0
            } else {
                50.0 + (i % 7) as f32
            };
            let luma = match shot {
                0 => 0.42,
                1 => 0.5,
                _ => 0.38,
            };
            let mut f = FrameSignals {
                frame: i as i64,
                focus,
                luma_mean: if i == FLASH { 0.9 } else { luma },
                clipped_highlights: if i == FLASH { 0.6 } else { 0.001 },
                crushed_shadows: 0.01,
                motion_dx: shake * jitter,
                motion_dy: -shake * jitter * 0.5,
                motion_confidence: 0.6,
                residual_motion: if i == 0 { 0.0 } else { 0.01 },
                diff_prev: if i == 0 { 0.0 } else { 0.012 },
                noise: 0.008,
                cut_prob: Some(0.01),
                transition_prob: Some(0.01),
                faces: Vec::new(),
                faces_analyzed: true,
            };
            if CUTS.contains(&i) {
                f.cut_prob = Some(0.99);
                f.diff_prev = 0.3;
            }
            if (DISSOLVE.0..DISSOLVE.1).contains(&i) {
                f.transition_prob = Some(0.9);
                f.diff_prev = 0.03;
            }
            if i == FLASH || i == FLASH + 1 {
                f.diff_prev = 0.4;
            }
            if shot == 0 {
                let eye = if (BLINK.0..BLINK.1).contains(&i) {
                    0.02
                } else {
                    0.3
                };
                f.faces.push(face(eye));
            }
            f
        })
        .collect()
}

/// The report of the synthetic clip at `rate`.
pub fn report_at(rate: FrameRate) -> ClipReport {
    let options = ReportOptions {
        source: Some("synthetic.mov".to_string()),
        ..ReportOptions::default()
    };
    build_report(&signals(), rate, &options)
}

/// The report at 25 fps.
pub fn report() -> ClipReport {
    report_at(FrameRate { num: 25, den: 1 })
}

/// A fresh empty scratch folder for test `name`.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("circletake-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Names in folder `d`, sorted.
pub fn entries(d: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
