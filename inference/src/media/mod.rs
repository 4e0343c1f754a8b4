//! Video files through an FFmpeg child process: probe, decode to raw RGB on
//! a reader thread (decoding overlaps analysis), and whole-file analysis.

mod analyze;
mod decode;
mod probe;

pub use analyze::analyze_file;
pub use decode::{DecodeOptions, DecodedFrame, VideoDecoder};
pub use probe::MediaInfo;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{InferenceError, Result};

/// The FFmpeg binary: `$CIRCLETAKE_FFMPEG`, else `ffmpeg` on `PATH`.
pub fn ffmpeg_binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("CIRCLETAKE_FFMPEG") {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok(p);
        }
        return Err(InferenceError::Media {
            path: p,
            reason: "CIRCLETAKE_FFMPEG does not name an existing file".into(),
        });
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("ffmpeg"))
        .find(|p| p.is_file())
        .ok_or_else(|| InferenceError::Media {
            path: PathBuf::from("ffmpeg"),
            reason: "no FFmpeg: set CIRCLETAKE_FFMPEG or put ffmpeg on PATH".into(),
        })
}

fn check_readable(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| InferenceError::Media {
        path: path.to_path_buf(),
        reason: format!("cannot open: {e}"),
    })?;
    if !meta.is_file() {
        return Err(InferenceError::Media {
            path: path.to_path_buf(),
            reason: "not a regular file".into(),
        });
    }
    Ok(())
}

/// Reads size, frame rate, estimated frame count and pixel format of the
/// first video stream.
pub fn probe(path: &Path) -> Result<MediaInfo> {
    check_readable(path)?;
    let out = Command::new(ffmpeg_binary()?)
        .args(["-hide_banner", "-nostdin", "-i"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| InferenceError::Media {
            path: path.to_path_buf(),
            reason: format!("cannot run FFmpeg: {e}"),
        })?;
    probe::parse_probe(&String::from_utf8_lossy(&out.stderr), path)
}
