//! Shared helpers of the CLI tests: the binary, the sample clips, short test clips
//! cut from them with FFmpeg, scratch folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `circletake` binary built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_circletake"))
}

/// `(samples folder, ffmpeg)` or `None` after printing why the test is skipped.
pub fn tools() -> Option<(PathBuf, PathBuf)> {
    let (Some(samples), Some(ffmpeg)) = (
        std::env::var_os("CIRCLETAKE_SAMPLES"),
        std::env::var_os("CIRCLETAKE_FFMPEG"),
    ) else {
        eprintln!(
            "skipped: CIRCLETAKE_SAMPLES / CIRCLETAKE_FFMPEG not set (run via `cargo xtask test`)"
        );
        return None;
    };
    let (samples, ffmpeg) = (PathBuf::from(samples), PathBuf::from(ffmpeg));
    if !samples.join("bikes.mp4").is_file() || !ffmpeg.is_file() {
        eprintln!(
            "skipped: sample clips or FFmpeg missing ({} / {})",
            samples.display(),
            ffmpeg.display()
        );
        return None;
    }
    Some((samples, ffmpeg))
}

/// A fresh empty scratch folder for test `name`.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("circletake-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Names in folder `d`, sorted (hidden ones included).
pub fn entries(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Writes `frames` frames of `src` from frame `start` to `dst` (MJPEG in AVI, which
/// every FFmpeg build can encode), so tests analyse short clips.
pub fn cut_clip(ffmpeg: &Path, src: &Path, start: u32, frames: u32, dst: &Path) {
    let out = Command::new(ffmpeg)
        .args(["-hide_banner", "-nostdin", "-v", "error", "-y", "-i"])
        .arg(src)
        .args([
            "-vf",
            &format!("select=gte(n\\,{start}),setpts=N/FRAME_RATE/TB"),
            "-frames:v",
            &frames.to_string(),
            "-an",
            "-c:v",
            "mjpeg",
            "-q:v",
            "3",
        ])
        .arg(dst)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ffmpeg: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `cmd` and returns its output (stdout/stderr captured).
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("circletake runs")
}

/// stdout and stderr as text, for messages.
pub fn text(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
