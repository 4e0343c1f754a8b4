//! The 1080p files the cases run on, made once with the project's FFmpeg
//! from a sample clip and kept in `target/bench/`.

use super::Runner;
use crate::{samples, Result};
use std::path::{Path, PathBuf};

/// The files of one run.
pub struct ClipSet {
    /// The clip they were made from.
    pub source: PathBuf,
    /// `short` frames of 1920x1080 H.264.
    pub short: PathBuf,
    /// `long` frames of 1920x1080 H.264 (the source looped).
    pub long: PathBuf,
}

/// Makes (or reuses) the short and long 1080p files.
pub fn make(runner: &Runner, dir: &Path, short: usize, long: usize) -> Result<ClipSet> {
    let source = samples::dir().join("bigbuckbunny.mp4");
    if !source.is_file() {
        return Err(format!(
            "{} missing: run `cargo xtask setup`",
            source.display()
        ));
    }
    let short_file = dir.join(format!("bbb-1080p-{short}.mp4"));
    let long_file = dir.join(format!("bbb-1080p-{long}.mp4"));
    upscale(runner, &source, &short_file, short)?;
    upscale(runner, &source, &long_file, long)?;
    Ok(ClipSet {
        source,
        short: short_file,
        long: long_file,
    })
}

/// `frames` frames of `source` (looped as needed) scaled to 1920x1080,
/// H.264 yuv420p at 25 fps, unless `out` already exists.
fn upscale(runner: &Runner, source: &Path, out: &Path, frames: usize) -> Result<()> {
    if out.is_file() {
        return Ok(());
    }
    let partial = out.with_extension("partial.mp4");
    let mut cmd = runner.command(&runner.ffmpeg);
    cmd.args(["-hide_banner", "-nostdin", "-v", "error", "-y"])
        .args(["-stream_loop", "-1", "-i"])
        .arg(source)
        .args(["-frames:v", &frames.to_string()])
        .args(["-vf", "scale=1920:1080:flags=bicubic", "-r", "25"])
        .args(["-c:v", "libx264", "-preset", "veryfast", "-crf", "18"])
        .args(["-pix_fmt", "yuv420p", "-an"])
        .arg(&partial);
    crate::util::run(&mut cmd)?;
    std::fs::rename(&partial, out).map_err(|e| format!("cannot rename to {}: {e}", out.display()))
}

/// The frame count of FFmpeg's last progress line (`frame=  300 fps=...`).
pub fn frames_in_log(log: &str) -> Option<u64> {
    let at = log.rfind("frame=")?;
    log[at + 6..].split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_last_progress_line() {
        let log = "frame=  100 fps=0.0 q=-0.0 size=N/A\rframe=  300 fps=141 q=-0.0 Lsize=N/A";
        assert_eq!(super::frames_in_log(log), Some(300));
        assert_eq!(super::frames_in_log("no stats"), None);
    }
}
