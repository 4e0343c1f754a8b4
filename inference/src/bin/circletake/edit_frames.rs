//! A span of frames of a clip, decoded by seeking: `check-edit` needs a few dozen
//! frames around an edit point, not the whole file.
//!
//! FFmpeg seeks to a second before the span (`-ss` on the input: keyframe seek,
//! then exact decoding from there) and keeps the original timestamps
//! (`-copyts`); its `showinfo` filter names the presentation time of every frame
//! it outputs, and a frame's number is its time after the clip's first frame
//! times the frame rate. That is the numbering of the whole-file analysis
//! (`VideoDecoder`: decode order from 0) for constant-frame-rate media; the
//! tests check the pixels of both agree.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::thread::JoinHandle;

use circletake_inference::frame::{ChannelLayout, FrameView, PixelFormat, SampleDepth};
use circletake_inference::media::{ffmpeg_binary, MediaInfo};
use circletake_inference::{FrameRate, InferenceError};

/// Seconds decoded before the span (frames there are dropped), so that an
/// inexact seek never loses the span's first frame.
const PREROLL_S: f64 = 1.0;

/// What decoding a span found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanDecode {
    /// Frames of the span handed over.
    pub frames: usize,
    /// The highest frame number FFmpeg produced (inside the span or just past
    /// it); `None` when the seek landed past the end of the clip.
    pub last_seen: Option<i64>,
}

fn media_error(path: &Path, reason: impl Into<String>) -> InferenceError {
    InferenceError::Media {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// `pts_time:` of a `showinfo` frame line.
fn pts_time(line: &str) -> Option<f64> {
    let rest = line.split("pts_time:").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

/// FFmpeg decoding `path` to packed RGB with a `showinfo` line per frame; killed
/// when dropped.
struct Decode {
    path: PathBuf,
    child: Child,
    times: Receiver<Option<f64>>,
    stderr: Option<JoinHandle<Vec<String>>>,
}

impl Decode {
    /// Starts FFmpeg at `seek_s` seconds into the file (0 = no seek), stopping after `max_frames`.
    fn start(path: &Path, seek_s: f64, max_frames: Option<u64>) -> Result<Self, InferenceError> {
        let mut command = Command::new(ffmpeg_binary()?);
        command.args([
            "-hide_banner",
            "-nostdin",
            "-nostats",
            "-v",
            "info",
            "-copyts",
        ]);
        if seek_s > 0.0 {
            command.arg("-ss").arg(format!("{seek_s:.6}"));
        }
        command
            .arg("-i")
            .arg(path)
            // Every decoded frame once: no duplicates or drops for a
            // constant output rate, so frames and showinfo lines pair up.
            .args([
                "-map",
                "0:v:0",
                "-vf",
                "showinfo",
                "-fps_mode",
                "passthrough",
            ]);
        if let Some(n) = max_frames {
            command.arg("-frames:v").arg(n.to_string());
        }
        let mut child = command
            .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| media_error(path, format!("cannot run FFmpeg: {e}")))?;
        let stderr = child
            .stderr
            .take()
            .ok_or_else(|| media_error(path, "no FFmpeg stderr"))?;
        let (tx, times) = channel();
        let stderr = std::thread::Builder::new()
            .name("ffmpeg-showinfo".into())
            .spawn(move || {
                let mut other = Vec::new();
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if line.contains("Parsed_showinfo") && line.contains(" n:") {
                        // A receiver gone early is fine: the span is complete.
                        let _ = tx.send(pts_time(&line));
                    } else if !line.contains("Parsed_showinfo") {
                        other.push(line);
                    }
                }
                other
            })
            .map_err(|e| media_error(path, format!("cannot start a thread: {e}")))?;
        Ok(Self {
            path: path.to_path_buf(),
            child,
            times,
            stderr: Some(stderr),
        })
    }

    /// Reads the next frame into `buf`: `Some(pts_time)` (`None` inside when FFmpeg
    /// gave no time), or `None` at the end of the stream.
    fn next(&mut self, buf: &mut [u8]) -> Result<Option<Option<f64>>, InferenceError> {
        let stdout = self
            .child
            .stdout
            .as_mut()
            .ok_or_else(|| media_error(&self.path, "no FFmpeg stdout"))?;
        let mut got = 0;
        while got < buf.len() {
            match stdout.read(&mut buf[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(media_error(&self.path, format!("reading FFmpeg: {e}"))),
            }
        }
        if got < buf.len() {
            // The end (a partial last frame is dropped, as the whole-file decode does).
            return Ok(None);
        }
        // showinfo logs a frame before FFmpeg writes it, so its line is there.
        match self.times.recv() {
            Ok(t) => Ok(Some(t)),
            Err(_) => Err(media_error(
                &self.path,
                "FFmpeg wrote a frame without its showinfo line",
            )),
        }
    }

    /// Waits for FFmpeg; `Err` with its last diagnostics when it failed.
    fn finish(mut self) -> Result<(), InferenceError> {
        drop(self.child.stdout.take());
        let status = self.child.wait();
        let other = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        match status {
            Ok(s) if s.success() => Ok(()),
            _ => {
                let tail: Vec<&str> = other
                    .iter()
                    .rev()
                    .filter(|l| !l.trim().is_empty())
                    .take(2)
                    .map(|l| l.trim())
                    .collect();
                Err(media_error(
                    &self.path,
                    format!("FFmpeg failed: {}", tail.join(" | ")),
                ))
            }
        }
    }
}

impl Drop for Decode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(h) = self.stderr.take() {
            let _ = h.join();
        }
    }
}

/// Presentation time of the clip's first frame (frame 0), in the file's own time.
fn first_frame_time(path: &Path, info: &MediaInfo) -> Result<f64, InferenceError> {
    let mut decode = Decode::start(path, 0.0, Some(1))?;
    let mut buf = vec![0u8; info.width * info.height * 3];
    match decode.next(&mut buf)? {
        Some(Some(t)) => Ok(t),
        Some(None) => Err(media_error(path, "FFmpeg gives the first frame no time")),
        None => {
            decode.finish()?;
            Err(media_error(path, "FFmpeg decoded no frames"))
        }
    }
}

/// Decodes frames `first..=last` of `path` (clip frame numbers: 0 = the first
/// frame) and hands each to `each` in order. Frames the clip does not have are
/// simply not handed over. `Err` from `each` stops decoding and is returned.
pub fn decode_span(
    path: &Path,
    info: &MediaInfo,
    first: i64,
    last: i64,
    mut each: impl FnMut(i64, &FrameView<'_>) -> Result<(), InferenceError>,
) -> Result<SpanDecode, InferenceError> {
    let rate: FrameRate = info.frame_rate;
    let fps = f64::from(rate.num) / f64::from(rate.den);
    let origin = first_frame_time(path, info)?;
    let first = first.max(0);
    let seek_s = (first as f64 / fps - PREROLL_S).max(0.0);
    let mut decode = Decode::start(path, seek_s, None)?;
    let format = PixelFormat::new(SampleDepth::U8, ChannelLayout::Rgb);
    let mut buf = vec![0u8; info.width * info.height * 3];
    let mut out = SpanDecode {
        frames: 0,
        last_seen: None,
    };
    let mut previous: Option<i64> = None;
    while let Some(time) = decode.next(&mut buf)? {
        // Without a time, the frame after the previous one.
        let frame = match (time, previous) {
            (Some(t), _) => ((t - origin) * fps).round() as i64,
            (None, Some(p)) => p + 1,
            (None, None) => return Err(media_error(path, "FFmpeg gives frames no time")),
        };
        previous = Some(frame);
        out.last_seen = Some(out.last_seen.map_or(frame, |l| l.max(frame)));
        if frame > last {
            return Ok(out);
        }
        if frame >= first {
            let view = FrameView::packed(&buf, info.width, info.height, format)?;
            each(frame, &view)?;
            out.frames += 1;
        }
    }
    decode.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use circletake_inference::media::{probe, DecodeOptions, VideoDecoder};

    #[test]
    fn showinfo_times_are_read() {
        let line = "[Parsed_showinfo_0 @ 0x5] n:   3 pts:  52736 pts_time:4.12    duration:    512";
        assert_eq!(pts_time(line), Some(4.12));
        assert_eq!(
            pts_time("[Parsed_showinfo_0 @ 0x5] n: 0 pts: NOPTS pts_time:NOPTS"),
            None
        );
    }

    /// The sample clip at `name`, or `None` after saying why the test is skipped.
    fn sample(name: &str) -> Option<PathBuf> {
        let samples = std::env::var_os("CIRCLETAKE_SAMPLES").map(PathBuf::from);
        let path = samples.map(|s| s.join(name)).filter(|p| p.is_file());
        if path.is_none() || ffmpeg_binary().is_err() {
            eprintln!("skipped: CIRCLETAKE_SAMPLES/{name} or FFmpeg not present");
            return None;
        }
        path
    }

    /// Seeking gives the frames (numbers and pixels) of a decode from the start.
    fn same_as_whole_decode(name: &str, first: i64, last: i64) {
        let Some(path) = sample(name) else { return };
        let info = probe(&path).unwrap();
        let mut seeked = Vec::new();
        let span = decode_span(&path, &info, first, last, |n, view| {
            let (w, h) = (view.width(), view.height());
            let mut px = Vec::with_capacity(w * h * 3);
            for y in 0..h {
                px.extend_from_slice(&view.row(y)[..w * 3]);
            }
            seeked.push((n, px));
            Ok(())
        })
        .unwrap();
        assert_eq!(span.frames, (last - first + 1) as usize, "{name}");
        let whole: Vec<(i64, Vec<u8>)> = VideoDecoder::open(&path, DecodeOptions::default())
            .unwrap()
            .map(|f| f.unwrap())
            .filter(|f| (first..=last).contains(&(f.index as i64)))
            .map(|f| (f.index as i64, f.data))
            .collect();
        assert_eq!(seeked.len(), whole.len(), "{name}");
        for ((a, pa), (b, pb)) in seeked.iter().zip(&whole) {
            assert_eq!(a, b, "{name}: frame numbers");
            assert!(
                pa == pb,
                "{name}: frame {a} differs from the whole-file decode"
            );
        }
    }

    #[test]
    fn seeking_matches_the_whole_file_decode() {
        // bikes: 25 fps H.264 with B-frames, the span far from a keyframe.
        same_as_whole_decode("bikes.mp4", 180, 196);
        // carphone: 29.97 fps.
        same_as_whole_decode("carphone.mp4", 40, 52);
        // The first frames (no seek).
        same_as_whole_decode("bikes.mp4", 0, 5);
    }

    #[test]
    fn frames_past_the_end_are_absent() {
        let Some(path) = sample("bikes.mp4") else {
            return;
        };
        let info = probe(&path).unwrap();
        let mut seen = Vec::new();
        let span = decode_span(&path, &info, 240, 270, |n, _| {
            seen.push(n);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, (240..250).collect::<Vec<_>>());
        assert_eq!(span.last_seen, Some(249));
        let span = decode_span(&path, &info, 400, 420, |_, _| Ok(())).unwrap();
        assert_eq!(span.frames, 0);
    }
}
