//! Frame sources: where the host's source clip gets its pixels.
//!
//! [`Synthetic`] is a deterministic pattern that differs in every pixel, channel
//! and frame (so a wrong frame, offset or channel order shows); [`Footage`]
//! decodes real media with the ffmpeg binary (`$CIRCLETAKE_FFMPEG`, else
//! `ffmpeg` on PATH).

use super::error::HostError;
use super::images::{Components, Depth, OwnedImage, RectI, RowLayout};
use std::collections::HashMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// A clip of frames the host feeds to the plugin's source clip.
pub trait FrameSource: Send + Sync + Debug {
    /// Full-resolution frame size in pixels (width, height).
    fn size(&self) -> (usize, usize);
    /// Number of frames; frames are numbered 0..count.
    fn frame_count(&self) -> usize;
    /// Frames per second.
    fn frame_rate(&self) -> f64;
    /// The pixels of frame `index` inside `region` (full-resolution pixel
    /// coordinates, y up, clipped to (0, 0, w, h)), plain bottom-up rows.
    fn frame(
        &self,
        index: usize,
        depth: Depth,
        components: Components,
        region: RectI,
    ) -> Result<OwnedImage, HostError>;
    /// The whole frame `index`, bounds (0, 0, w, h).
    fn full_frame(
        &self,
        index: usize,
        depth: Depth,
        components: Components,
    ) -> Result<OwnedImage, HostError> {
        let (w, h) = self.size();
        self.frame(
            index,
            depth,
            components,
            RectI::new(0, 0, w as i32, h as i32),
        )
    }
    /// The source media file, if any (for `kOfxImageEffectPropSrcFilePath`-style properties).
    fn media_path(&self) -> Option<&Path> {
        None
    }
}

/// A deterministic synthetic clip: channel `c` of pixel (x, y) in frame `t` holds the
/// 16-bit code `x*131 + y*257 + t*1031 + c*4099` (mod 65536; alpha is channel 3).
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Number of frames.
    pub frames: usize,
    /// Frames per second.
    pub fps: f64,
}

impl Synthetic {
    /// A clip of `frames` frames of `width` x `height` at 25 fps.
    pub fn new(width: usize, height: usize, frames: usize) -> Synthetic {
        Synthetic {
            width,
            height,
            frames,
            fps: 25.0,
        }
    }

    /// The 16-bit code of channel `c` at (x, y) in frame `t`.
    pub fn code(x: usize, y: usize, t: usize, c: usize) -> u16 {
        (x.wrapping_mul(131)
            .wrapping_add(y.wrapping_mul(257))
            .wrapping_add(t.wrapping_mul(1031))
            .wrapping_add(c * 4099)
            & 0xffff) as u16
    }
}

impl FrameSource for Synthetic {
    fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }
    fn frame_count(&self) -> usize {
        self.frames
    }
    fn frame_rate(&self) -> f64 {
        self.fps
    }
    fn frame(
        &self,
        index: usize,
        depth: Depth,
        components: Components,
        region: RectI,
    ) -> Result<OwnedImage, HostError> {
        if index >= self.frames {
            return Err(HostError::Missing(format!(
                "synthetic frame {index} of {}",
                self.frames
            )));
        }
        let bounds = RectI::new(0, 0, self.width as i32, self.height as i32).intersect(&region);
        let mut img = OwnedImage::new(depth, components, bounds, RowLayout::default());
        let channels: &[usize] = match components {
            Components::Rgba => &[0, 1, 2, 3],
            Components::Rgb => &[0, 1, 2],
            Components::Alpha => &[3],
        };
        let b = depth.bytes();
        for y in bounds.y1.max(0) as usize..bounds.y2.max(0) as usize {
            for x in bounds.x1.max(0) as usize..bounds.x2.max(0) as usize {
                let px = img
                    .pixel_mut(x as i32, y as i32)
                    .ok_or_else(|| HostError::Missing("pixel".into()))?;
                for (i, &c) in channels.iter().enumerate() {
                    depth.encode_u16(Synthetic::code(x, y, index, c), &mut px[i * b..(i + 1) * b]);
                }
            }
        }
        Ok(img)
    }
}

/// Which ffmpeg pixel format a depth is decoded through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Decode {
    /// `rgba`, for Byte.
    Rgba8,
    /// `rgba64le`, for Short.
    Rgba16,
    /// `gbrpf32le` (planar G, B, R floats), for Half and Float.
    GbrFloat,
}

impl Decode {
    fn for_depth(d: Depth) -> Decode {
        match d {
            Depth::Byte => Decode::Rgba8,
            Depth::Short => Decode::Rgba16,
            Depth::Half | Depth::Float => Decode::GbrFloat,
        }
    }
    fn pix_fmt(self) -> &'static str {
        match self {
            Decode::Rgba8 => "rgba",
            Decode::Rgba16 => "rgba64le",
            Decode::GbrFloat => "gbrpf32le",
        }
    }
    fn frame_bytes(self, w: usize, h: usize) -> usize {
        w * h
            * match self {
                Decode::Rgba8 => 4,
                Decode::Rgba16 => 8,
                Decode::GbrFloat => 12,
            }
    }
}

/// Real footage decoded with ffmpeg (the whole clip, up to `max_frames`, once per
/// decode format, kept in memory).
#[derive(Debug)]
pub struct Footage {
    path: PathBuf,
    ffmpeg: PathBuf,
    width: usize,
    height: usize,
    fps: f64,
    max_frames: usize,
    frames: usize,
    decoded: Mutex<HashMap<Decode, Arc<Vec<Vec<u8>>>>>,
}

/// The ffmpeg binary: `$CIRCLETAKE_FFMPEG`, else `ffmpeg` on PATH; `None` when neither runs.
pub fn ffmpeg_binary() -> Option<PathBuf> {
    let candidate = std::env::var_os("CIRCLETAKE_FFMPEG")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("ffmpeg"));
    let ok = Command::new(&candidate)
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    ok.then_some(candidate)
}

impl Footage {
    /// Opens `path`, decoding at most `max_frames` frames (from the first).
    pub fn open(path: &Path, max_frames: usize) -> Result<Footage, HostError> {
        let err = |why: String| HostError::Footage {
            path: path.to_path_buf(),
            why,
        };
        if !path.is_file() {
            return Err(err("no such file".into()));
        }
        let ffmpeg = ffmpeg_binary()
            .ok_or_else(|| err("no ffmpeg: set CIRCLETAKE_FFMPEG or put ffmpeg on PATH".into()))?;
        let probe = Command::new(&ffmpeg)
            .arg("-hide_banner")
            .arg("-i")
            .arg(path)
            .output()
            .map_err(|e| err(format!("cannot run ffmpeg: {e}")))?;
        let info = String::from_utf8_lossy(&probe.stderr);
        let (width, height, fps) = parse_stream_info(&info)
            .ok_or_else(|| err(format!("no video stream found in ffmpeg's report:\n{info}")))?;
        let mut footage = Footage {
            path: path.to_path_buf(),
            ffmpeg,
            width,
            height,
            fps,
            max_frames,
            frames: 0,
            decoded: Mutex::new(HashMap::new()),
        };
        footage.frames = footage.decoded(Decode::Rgba8)?.len();
        if footage.frames == 0 {
            return Err(err("decoded no frames".into()));
        }
        Ok(footage)
    }

    fn decoded(&self, how: Decode) -> Result<Arc<Vec<Vec<u8>>>, HostError> {
        let mut cache = self.decoded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(frames) = cache.get(&how) {
            return Ok(frames.clone());
        }
        let out = Command::new(&self.ffmpeg)
            .args(["-v", "error", "-nostdin", "-i"])
            .arg(&self.path)
            .args([
                "-frames:v",
                &self.max_frames.to_string(),
                "-f",
                "rawvideo",
                "-pix_fmt",
                how.pix_fmt(),
                "-",
            ])
            .output()
            .map_err(|e| HostError::Footage {
                path: self.path.clone(),
                why: format!("cannot run ffmpeg: {e}"),
            })?;
        if !out.status.success() {
            return Err(HostError::Footage {
                path: self.path.clone(),
                why: format!("ffmpeg failed: {}", String::from_utf8_lossy(&out.stderr)),
            });
        }
        let n = how.frame_bytes(self.width, self.height);
        let frames: Vec<Vec<u8>> = out.stdout.chunks_exact(n).map(<[u8]>::to_vec).collect();
        let frames = Arc::new(frames);
        cache.insert(how, frames.clone());
        Ok(frames)
    }
}

/// (width, height, fps) of the first video stream in `ffmpeg -i`'s report.
fn parse_stream_info(info: &str) -> Option<(usize, usize, f64)> {
    let line = info
        .lines()
        .find(|l| l.contains("Stream #") && l.contains("Video:"))?;
    let size = line.split([' ', ',']).find_map(|tok| {
        let (w, h) = tok.split_once('x')?;
        Some((w.parse::<usize>().ok()?, h.parse::<usize>().ok()?))
    })?;
    let fps = line
        .split(',')
        .find_map(|part| part.trim().strip_suffix(" fps")?.trim().parse::<f64>().ok())
        .unwrap_or(25.0);
    Some((size.0, size.1, fps))
}

impl FrameSource for Footage {
    fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }
    fn frame_count(&self) -> usize {
        self.frames
    }
    fn frame_rate(&self) -> f64 {
        self.fps
    }
    fn media_path(&self) -> Option<&Path> {
        Some(&self.path)
    }
    fn frame(
        &self,
        index: usize,
        depth: Depth,
        components: Components,
        region: RectI,
    ) -> Result<OwnedImage, HostError> {
        let how = Decode::for_depth(depth);
        let frames = self.decoded(how)?;
        let raw = frames.get(index).ok_or_else(|| {
            HostError::Missing(format!(
                "{}: frame {index} of {}",
                self.path.display(),
                frames.len()
            ))
        })?;
        let (w, h) = (self.width, self.height);
        let bounds = RectI::new(0, 0, w as i32, h as i32).intersect(&region);
        let mut img = OwnedImage::new(depth, components, bounds, RowLayout::default());
        let b = depth.bytes();
        for y in bounds.y1.max(0)..bounds.y2.max(0) {
            // Decoders write top-down; OpenFX rows go bottom-up.
            let row = h - 1 - y as usize;
            for x in bounds.x1.max(0) as usize..bounds.x2.max(0) as usize {
                let rgba: [f32; 4] = match how {
                    Decode::Rgba8 => {
                        let p = &raw[(row * w + x) * 4..][..4];
                        [p[0], p[1], p[2], p[3]].map(|v| f32::from(v) / 255.0)
                    }
                    Decode::Rgba16 => {
                        let p = &raw[(row * w + x) * 8..][..8];
                        let s = |i: usize| {
                            f32::from(u16::from_le_bytes([p[2 * i], p[2 * i + 1]])) / 65535.0
                        };
                        [s(0), s(1), s(2), s(3)]
                    }
                    Decode::GbrFloat => {
                        let plane = w * h * 4;
                        let f = |p: usize| {
                            let o = p * plane + (row * w + x) * 4;
                            f32::from_le_bytes([raw[o], raw[o + 1], raw[o + 2], raw[o + 3]])
                        };
                        [f(2), f(0), f(1), 1.0]
                    }
                };
                let px = img
                    .pixel_mut(x as i32, y)
                    .ok_or_else(|| HostError::Missing("pixel".into()))?;
                match components {
                    Components::Alpha => {
                        // A single channel from footage: Rec.709 luma.
                        let luma = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2];
                        depth.encode_f32(luma, &mut px[..b]);
                    }
                    _ => {
                        for c in 0..components.channels() {
                            depth.encode_f32(rgba[c], &mut px[c * b..(c + 1) * b]);
                        }
                    }
                }
            }
        }
        Ok(img)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ffmpeg_stream_lines() {
        let info = "  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 640x272 [SAR 1:1 DAR 40:17], 541 kb/s, 25 fps, 25 tbr, 12800 tbn (default)";
        assert_eq!(parse_stream_info(info), Some((640, 272, 25.0)));
        let ntsc = "Stream #0:0: Video: h264, yuv420p(tv, bt709), 1280x720, 29.97 fps, 29.97 tbr";
        assert_eq!(parse_stream_info(ntsc), Some((1280, 720, 29.97)));
    }

    #[test]
    fn synthetic_frames_differ_per_frame_and_channel() {
        let s = Synthetic::new(8, 4, 3);
        let a = s.full_frame(0, Depth::Short, Components::Rgba).unwrap();
        let b = s.full_frame(1, Depth::Short, Components::Rgba).unwrap();
        assert_ne!(a.pixel(3, 2), b.pixel(3, 2));
        let p = a.pixel_f32(3, 2).unwrap();
        assert_ne!(p[0], p[1]);
        assert!(s.full_frame(3, Depth::Byte, Components::Alpha).is_err());
    }
}
