//! Streaming decode: FFmpeg writes raw RGB to a pipe, a reader thread cuts
//! it into frames and hands them over a bounded channel.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{sync_channel, Receiver};
use std::thread::JoinHandle;

use super::{check_readable, ffmpeg_binary, probe, MediaInfo};
use crate::error::{InferenceError, Result};
use crate::frame::{ChannelLayout, FrameView, PixelFormat, SampleDepth};

/// Frames decoded ahead of the consumer.
const QUEUE: usize = 4;

/// Decoding choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecodeOptions {
    /// Decode to 16-bit RGB (`rgb48le`) instead of 8-bit (`rgb24`).
    pub sixteen_bit: bool,
}

/// One decoded frame: packed, top-down RGB.
#[derive(Debug, Clone)]
pub struct DecodedFrame {
    /// 0-based index in decode order.
    pub index: u64,
    /// Packed pixels.
    pub data: Vec<u8>,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `rgb-u8` or `rgb-u16`.
    pub format: PixelFormat,
}

impl DecodedFrame {
    /// The frame as an engine input.
    pub fn view(&self) -> Result<FrameView<'_>> {
        FrameView::packed(&self.data, self.width, self.height, self.format)
    }
}

enum Message {
    Frame(Vec<u8>),
    /// A partial frame at the end of the stream (bytes read, bytes expected).
    Truncated(usize, usize),
    ReadError(String),
}

/// A running decode. Iterating yields frames; the end of the iteration
/// reports FFmpeg's failure, if any, as an error naming the file. Dropping
/// it stops FFmpeg.
#[derive(Debug)]
pub struct VideoDecoder {
    path: PathBuf,
    info: MediaInfo,
    /// Size of the frames handed out (the source's unless scaled).
    size: (usize, usize),
    format: PixelFormat,
    rx: Option<Receiver<Message>>,
    child: Option<Child>,
    reader: Option<JoinHandle<()>>,
    stderr: Option<JoinHandle<String>>,
    next_index: u64,
    finished: bool,
    warnings: Vec<String>,
}

impl VideoDecoder {
    /// Probes `path` and starts decoding its first video stream.
    pub fn open(path: &Path, options: DecodeOptions) -> Result<Self> {
        Self::start(path, options, None)
    }

    /// Like [`VideoDecoder::open`], with FFmpeg scaling every frame to
    /// `width x height` (its default bicubic scaler, as `-s WxH` does), e.g.
    /// 48x27 for a shot-boundary-only pass that never needs full frames.
    /// [`VideoDecoder::info`] still describes the source.
    pub fn open_scaled(
        path: &Path,
        options: DecodeOptions,
        width: usize,
        height: usize,
    ) -> Result<Self> {
        if width == 0 || height == 0 || width > 1 << 16 || height > 1 << 16 {
            return Err(InferenceError::InvalidArgument(format!(
                "cannot scale to {width}x{height}"
            )));
        }
        Self::start(path, options, Some((width, height)))
    }

    fn start(path: &Path, options: DecodeOptions, size: Option<(usize, usize)>) -> Result<Self> {
        check_readable(path)?;
        let info = probe(path)?;
        let (width, height) = size.unwrap_or((info.width, info.height));
        let (pix_fmt, depth) = if options.sixteen_bit {
            ("rgb48le", SampleDepth::U16)
        } else {
            ("rgb24", SampleDepth::U8)
        };
        let format = PixelFormat::new(depth, ChannelLayout::Rgb);
        let frame_bytes = width * height * format.bytes_per_pixel();
        let media = |reason: String| InferenceError::Media {
            path: path.to_path_buf(),
            reason,
        };
        let mut command = Command::new(ffmpeg_binary()?);
        command
            .args(["-hide_banner", "-nostdin", "-v", "error", "-i"])
            .arg(path)
            .args(["-map", "0:v:0"]);
        if let Some((w, h)) = size {
            command.arg("-s").arg(format!("{w}x{h}"));
        }
        let mut child = command
            .args(["-f", "rawvideo", "-pix_fmt", pix_fmt, "-"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| media(format!("cannot run FFmpeg: {e}")))?;
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| media("no FFmpeg stdout".into()))?;
        let mut stderr = child
            .stderr
            .take()
            .ok_or_else(|| media("no FFmpeg stderr".into()))?;
        let stderr = std::thread::Builder::new()
            .name("ffmpeg-stderr".into())
            .spawn(move || {
                let mut text = String::new();
                let _ = stderr.read_to_string(&mut text);
                text
            })
            .map_err(|e| media(format!("cannot start a thread: {e}")))?;
        let (tx, rx) = sync_channel(QUEUE);
        let reader = std::thread::Builder::new()
            .name("ffmpeg-reader".into())
            .spawn(move || loop {
                let mut buf = vec![0u8; frame_bytes];
                let mut got = 0;
                while got < frame_bytes {
                    match stdout.read(&mut buf[got..]) {
                        Ok(0) => break,
                        Ok(n) => got += n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => {
                            let _ = tx.send(Message::ReadError(e.to_string()));
                            return;
                        }
                    }
                }
                let msg = if got == frame_bytes {
                    Message::Frame(buf)
                } else if got == 0 {
                    return;
                } else {
                    Message::Truncated(got, frame_bytes)
                };
                let last = matches!(msg, Message::Truncated(..));
                if tx.send(msg).is_err() || last {
                    return;
                }
            })
            .map_err(|e| media(format!("cannot start a thread: {e}")))?;
        Ok(Self {
            path: path.to_path_buf(),
            info,
            size: (width, height),
            format,
            rx: Some(rx),
            child: Some(child),
            reader: Some(reader),
            stderr: Some(stderr),
            next_index: 0,
            finished: false,
            warnings: Vec::new(),
        })
    }

    /// Stream facts read before decoding.
    pub fn info(&self) -> &MediaInfo {
        &self.info
    }

    /// Problems met that did not stop decoding (damaged or truncated data).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Waits for FFmpeg and turns its exit into `Ok` or an error.
    fn finish(&mut self) -> Result<()> {
        self.rx = None;
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        let status = self.child.take().map(|mut c| c.wait());
        let text = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        let text = text.trim();
        let ok = matches!(status, Some(Ok(s)) if s.success());
        if !ok && self.next_index == 0 {
            return Err(InferenceError::Media {
                path: self.path.clone(),
                reason: format!("FFmpeg decoded no frames: {}", last_lines(text)),
            });
        }
        if !text.is_empty() {
            self.warnings.push(format!("FFmpeg: {}", last_lines(text)));
        }
        for w in &self.warnings {
            log::warn!("{}: {w}", self.path.display());
        }
        Ok(())
    }
}

fn last_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let tail = &lines[lines.len().saturating_sub(3)..];
    if tail.is_empty() {
        "no diagnostics".into()
    } else {
        tail.join(" | ")
    }
}

impl Iterator for VideoDecoder {
    type Item = Result<DecodedFrame>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let msg = self.rx.as_ref().and_then(|rx| rx.recv().ok());
        match msg {
            Some(Message::Frame(data)) => {
                let frame = DecodedFrame {
                    index: self.next_index,
                    data,
                    width: self.size.0,
                    height: self.size.1,
                    format: self.format,
                };
                self.next_index += 1;
                Some(Ok(frame))
            }
            other => {
                match other {
                    Some(Message::Truncated(got, want)) => self.warnings.push(format!(
                        "stream ended inside frame {} ({got} of {want} bytes); it was dropped",
                        self.next_index
                    )),
                    Some(Message::ReadError(e)) => self
                        .warnings
                        .push(format!("reading FFmpeg output failed: {e}")),
                    _ => {}
                }
                self.finished = true;
                self.finish().err().map(Err)
            }
        }
    }
}

impl Drop for VideoDecoder {
    fn drop(&mut self) {
        // Closing the channel ends the reader; killing FFmpeg ends the pipes.
        self.rx = None;
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        if let Some(h) = self.stderr.take() {
            let _ = h.join();
        }
    }
}
