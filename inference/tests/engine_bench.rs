//! Throughput measurements (ignored by default; run with
//! `cargo test -p circletake-inference --release --test engine_bench -- --ignored --nocapture`).
//! They print numbers and assert nothing about speed.

mod engine_common;

use std::time::Instant;

use circletake_inference::media::analyze_file;
use circletake_inference::{Engine, EngineOptions, FrameRate, FrameView};
use engine_common::sample;

/// A CPU engine with models from `$CIRCLETAKE_MODELS` and `threads` threads.
fn engine_with(faces: bool, threads: usize) -> Engine {
    Engine::new(EngineOptions {
        device: "cpu".parse().unwrap(),
        threads: Some(threads),
        faces,
        ..Default::default()
    })
    .unwrap()
}

fn model_free_engine_with(threads: Option<usize>) -> Engine {
    Engine::new(EngineOptions {
        device: "cpu".parse().unwrap(),
        threads,
        model_dir: Some(std::env::temp_dir().join("circletake-no-models")),
        ..Default::default()
    })
    .unwrap()
}

#[test]
#[ignore]
fn per_frame_cost_1080p_rgba_f32() {
    for threads in [1, 2] {
        per_frame_cost(threads);
    }
}

fn per_frame_cost(threads: usize) {
    let engine = model_free_engine_with(Some(threads));
    let (w, h) = (1920usize, 1080usize);
    let frames: Vec<Vec<u8>> = (0..2)
        .map(|k| {
            (0..w * h * 4)
                .flat_map(|i| {
                    let (x, y) = ((i / 4) % w, (i / 4) / w);
                    let v =
                        (((x + 3 * k) as f32 * 0.05).sin() * ((y as f32) * 0.03).cos()) * 0.4 + 0.5;
                    v.to_ne_bytes()
                })
                .collect()
        })
        .collect();
    let fmt = "rgba-f32".parse().unwrap();
    let mut a = engine.analysis(FrameRate { num: 25, den: 1 }).unwrap();
    let n = 40;
    for i in 0..5 {
        a.push(
            i,
            &FrameView::packed(&frames[i as usize % 2], w, h, fmt).unwrap(),
        )
        .unwrap();
    }
    let t = Instant::now();
    for i in 5..5 + n {
        a.push(
            i,
            &FrameView::packed(&frames[i as usize % 2], w, h, fmt).unwrap(),
        )
        .unwrap();
    }
    let ms = t.elapsed().as_secs_f64() * 1e3 / n as f64;
    println!(
        "model-free signals, 1920x1080 RGBA f32, {}: {ms:.2} ms/frame",
        engine.device_description()
    );
}

fn fps_of(engine: &Engine, path: &std::path::Path, label: &str) {
    let t = Instant::now();
    let clip = analyze_file(engine, path, |_, _| true).unwrap();
    let s = t.elapsed().as_secs_f64();
    println!(
        "{label}: {} frames in {s:.2} s = {:.1} frames/s ({}; {})",
        clip.frames.len(),
        clip.frames.len() as f64 / s,
        engine.device_description(),
        engine.model_status()
    );
}

#[test]
#[ignore]
fn end_to_end_frames_per_second() {
    let Some(bikes) = sample("bikes.mp4") else {
        return;
    };
    fps_of(
        &model_free_engine_with(Some(1)),
        &bikes,
        "bikes.mp4 640x272, model-free",
    );
    fps_of(
        &engine_with(false, 1),
        &bikes,
        "bikes.mp4 640x272, TransNetV2",
    );
    fps_of(
        &engine_with(true, 1),
        &bikes,
        "bikes.mp4 640x272, TransNetV2 + faces",
    );
    let hd = std::env::temp_dir().join("circletake-bench-1080p.mp4");
    if !hd.is_file() {
        let Some(bbb) = sample("bigbuckbunny.mp4") else {
            return;
        };
        let ok = std::process::Command::new(circletake_inference::media::ffmpeg_binary().unwrap())
            .args(["-y", "-v", "error", "-i"])
            .arg(&bbb)
            .args([
                "-frames:v",
                "150",
                "-vf",
                "scale=1920:1080",
                "-c:v",
                "libx264",
                "-crf",
                "18",
                "-an",
            ])
            .arg(&hd)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped 1080p: could not make {}", hd.display());
            return;
        }
    }
    fps_of(
        &model_free_engine_with(Some(1)),
        &hd,
        "1080p (bigbuckbunny scaled), model-free",
    );
    fps_of(
        &engine_with(false, 1),
        &hd,
        "1080p (bigbuckbunny scaled), TransNetV2",
    );
}
