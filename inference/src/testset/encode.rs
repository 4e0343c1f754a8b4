//! Writing a built clip: H.264 (`-crf 12`, yuv420p) through the FFmpeg binary, and the
//! truth JSON next to it. Files are written under a temporary name and renamed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::image_ops::Rgb;
use super::truth::ClipTruth;
use super::TestSetError;

/// Encodes `frames` (all the same size) at `fps` frames per second to `path`.
pub fn write_video(
    ffmpeg: &Path,
    frames: &[Rgb],
    fps: u32,
    path: &Path,
) -> Result<(), TestSetError> {
    let first = frames.first().ok_or_else(|| TestSetError::Media {
        path: path.to_path_buf(),
        reason: "no frames to encode".into(),
    })?;
    let media = |reason: String| TestSetError::Media {
        path: path.to_path_buf(),
        reason,
    };
    let tmp = path.with_extension("partial.mp4");
    let mut child = Command::new(ffmpeg)
        .args(["-hide_banner", "-nostdin", "-v", "error", "-y"])
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-s"])
        .arg(format!("{}x{}", first.width, first.height))
        .arg("-r")
        .arg(fps.to_string())
        .args(["-i", "-", "-an", "-c:v", "libx264", "-preset", "veryfast"])
        .args(["-crf", "12", "-pix_fmt", "yuv420p", "-g", "50"])
        .args(["-color_primaries", "bt709", "-color_trc", "bt709"])
        .args(["-colorspace", "bt709", "-f", "mp4"])
        .arg(&tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| media(format!("cannot run FFmpeg: {e}")))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| media("no FFmpeg stdin".into()))?;
    let mut write_err = None;
    for f in frames {
        if f.width != first.width || f.height != first.height {
            write_err = Some("frames of different sizes".to_string());
            break;
        }
        if let Err(e) = stdin.write_all(&f.data) {
            write_err = Some(format!("writing to FFmpeg: {e}"));
            break;
        }
    }
    drop(stdin);
    let out = child
        .wait_with_output()
        .map_err(|e| media(format!("FFmpeg did not finish: {e}")))?;
    if let Some(e) = write_err {
        let _ = std::fs::remove_file(&tmp);
        return Err(media(e));
    }
    if !out.status.success() {
        let _ = std::fs::remove_file(&tmp);
        return Err(media(format!(
            "FFmpeg failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    std::fs::rename(&tmp, path).map_err(|e| TestSetError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Writes `truth` as pretty JSON to `path`.
pub fn write_truth(truth: &ClipTruth, path: &Path) -> Result<(), TestSetError> {
    let io = |e: std::io::Error| TestSetError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let text = serde_json::to_string_pretty(truth).map_err(|e| TestSetError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, text + "\n").map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}
