//! FFmpeg decoding: frame counts of real footage, probe facts, bad files.

mod engine_common;

use std::path::{Path, PathBuf};

use circletake_inference::media::{analyze_file, probe, DecodeOptions, VideoDecoder};
use circletake_inference::{FrameRate, InferenceError};
use engine_common::{cpu_engine, ffmpeg, footage, sample};

fn count(path: &Path) -> (u64, Vec<String>) {
    let mut d = VideoDecoder::open(path, DecodeOptions::default()).unwrap();
    let mut n = 0;
    for f in d.by_ref() {
        f.unwrap();
        n += 1;
    }
    (n, d.warnings().to_vec())
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("circletake-media-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn footage_frame_counts_and_rates() {
    for (name, frames, rate, size) in [
        ("bikes.mp4", 250, FrameRate { num: 25, den: 1 }, (640, 272)),
        (
            "testvideo.mp4",
            720,
            FrameRate {
                num: 30000,
                den: 1001,
            },
            (1280, 720),
        ),
        (
            "cockatoo.mp4",
            280,
            FrameRate { num: 20, den: 1 },
            (1280, 720),
        ),
    ] {
        let Some(path) = footage(name) else { return };
        let info = probe(&path).unwrap();
        assert_eq!(info.frame_rate, rate, "{name}");
        assert_eq!((info.width, info.height), size, "{name}");
        assert_eq!(info.frame_count, Some(frames), "{name} estimate");
        let (n, warnings) = count(&path);
        assert_eq!(n, frames, "{name} decoded");
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
    }
}

#[test]
fn sample_clips_decode_in_8_and_16_bit() {
    let Some(path) = sample("carphone.mp4") else {
        return;
    };
    let info = probe(&path).unwrap();
    assert_eq!(
        info.frame_rate,
        FrameRate {
            num: 30000,
            den: 1001
        }
    );
    assert_eq!((info.width, info.height), (176, 144));
    let f8 = VideoDecoder::open(&path, DecodeOptions::default())
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let opts = DecodeOptions { sixteen_bit: true };
    let f16 = VideoDecoder::open(&path, opts)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(f8.data.len() * 2, f16.data.len());
    assert_eq!(f16.format.to_string(), "rgb-u16");
    // Same picture: 16-bit samples / 257 are within rounding of the 8-bit ones.
    let worst = f8
        .data
        .iter()
        .zip(f16.data.chunks_exact(2))
        .map(|(&a, b)| (f32::from(u16::from_le_bytes([b[0], b[1]])) / 257.0 - f32::from(a)).abs())
        .fold(0.0f32, f32::max);
    assert!(worst <= 2.0, "8/16-bit differ by {worst}");
}

#[test]
fn text_file_named_mp4_is_a_clear_error() {
    if !ffmpeg() {
        return;
    }
    let path = scratch("notes.mp4");
    std::fs::write(&path, "these are not the frames you are looking for\n").unwrap();
    let err = VideoDecoder::open(&path, DecodeOptions::default()).unwrap_err();
    match &err {
        InferenceError::Media { path: p, reason } => {
            assert_eq!(p, &path);
            assert!(reason.contains("Invalid data"), "{reason}");
        }
        other => panic!("expected a media error, got {other}"),
    }
    assert!(err.to_string().contains("notes.mp4"), "{err}");
    let missing = scratch("missing.mp4");
    let err = probe(&missing).unwrap_err();
    assert!(
        err.to_string().contains("missing.mp4") && err.to_string().contains("cannot open"),
        "{err}"
    );
}

#[test]
fn truncated_files_fail_clearly_or_keep_what_decodes() {
    let Some(bikes) = sample("bikes.mp4") else {
        return;
    };
    let bytes = std::fs::read(&bikes).unwrap();
    // Index at the end (as shot): cutting the file loses the index.
    let cut = scratch("cut.mp4");
    std::fs::write(&cut, &bytes[..bytes.len() * 6 / 10]).unwrap();
    let err = VideoDecoder::open(&cut, DecodeOptions::default()).unwrap_err();
    assert!(matches!(err, InferenceError::Media { .. }), "{err}");
    assert!(err.to_string().contains("cut.mp4"), "{err}");

    // Index first (faststart): the frames before the cut still decode.
    let fast = scratch("fast.mp4");
    let ok = std::process::Command::new(circletake_inference::media::ffmpeg_binary().unwrap())
        .args(["-y", "-v", "error", "-i"])
        .arg(&bikes)
        .args(["-c", "copy", "-movflags", "+faststart"])
        .arg(&fast)
        .status()
        .unwrap();
    assert!(ok.success());
    let bytes = std::fs::read(&fast).unwrap();
    let cut_fast = scratch("cut_fast.mp4");
    std::fs::write(&cut_fast, &bytes[..bytes.len() * 6 / 10]).unwrap();
    let (n, warnings) = count(&cut_fast);
    assert!(n > 50 && n < 250, "decoded {n} frames of a 60% file");
    let engine = cpu_engine(false);
    let clip = analyze_file(&engine, &cut_fast, |_, _| true).unwrap();
    assert_eq!(clip.frames.len() as u64, n);
    eprintln!("truncated faststart file: {n} frames, warnings {warnings:?}");
}

#[test]
fn progress_reports_and_cancels() {
    let Some(bikes) = sample("bikes.mp4") else {
        return;
    };
    let engine = cpu_engine(false);
    let mut seen = Vec::new();
    let err = analyze_file(&engine, &bikes, |done, total| {
        seen.push((done, total));
        done < 10
    })
    .unwrap_err();
    assert!(matches!(err, InferenceError::Cancelled), "{err}");
    assert_eq!(seen.len(), 10);
    assert_eq!(seen[0], (1, Some(250)));
}
