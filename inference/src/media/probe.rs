//! Reading stream facts from `ffmpeg -i` (imageio-ffmpeg ships no ffprobe).

use std::path::Path;

use crate::error::{InferenceError, Result};
use crate::signals::FrameRate;

/// What a video file holds (first video stream).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MediaInfo {
    /// Coded picture width in pixels.
    pub width: usize,
    /// Coded picture height in pixels.
    pub height: usize,
    /// Frame rate; NTSC-style decimals (29.97, 23.98, 59.94) become /1001 rationals.
    pub frame_rate: FrameRate,
    /// Frame count estimated from duration x rate, when the container gives a duration.
    pub frame_count: Option<u64>,
    /// FFmpeg's pixel format name, e.g. `yuv420p`.
    pub pixel_format: String,
    /// Codec name, e.g. `h264`.
    pub codec: String,
}

/// Splits at top-level `", "` (commas inside parentheses/brackets stay).
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

/// A decimal rate as a rational: `29.97` -> 30000/1001, `25` -> 25/1.
pub(crate) fn rate_from_decimal(v: f64) -> Option<FrameRate> {
    if !(v.is_finite() && v > 0.0 && v < 10_000.0) {
        return None;
    }
    let ntsc = (v * 1.001).round();
    if (v - ntsc / 1.001).abs() < 0.006 && (v - v.round()).abs() > 0.001 {
        return Some(FrameRate {
            num: ntsc as u32 * 1000,
            den: 1001,
        });
    }
    if (v - v.round()).abs() < 1e-3 {
        return Some(FrameRate {
            num: v.round() as u32,
            den: 1,
        });
    }
    Some(FrameRate {
        num: (v * 1000.0).round() as u32,
        den: 1000,
    })
}

fn parse_duration(text: &str) -> Option<f64> {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Duration:"))?;
    let value = line
        .trim_start()
        .strip_prefix("Duration:")?
        .split(',')
        .next()?
        .trim();
    let mut parts = value.split(':');
    let h: f64 = parts.next()?.parse().ok()?;
    let m: f64 = parts.next()?.parse().ok()?;
    let s: f64 = parts.next()?.parse().ok()?;
    Some(h * 3600.0 + m * 60.0 + s)
}

/// Parses `ffmpeg -i` diagnostics; `path` only names the file in errors.
pub(crate) fn parse_probe(text: &str, path: &Path) -> Result<MediaInfo> {
    let media = |reason: String| InferenceError::Media {
        path: path.to_path_buf(),
        reason,
    };
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Stream #") && l.contains(": Video: "))
        .ok_or_else(|| {
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty() && !l.contains("output file"))
                .unwrap_or("no diagnostics")
                .trim()
                .to_owned();
            media(format!("no video stream ({last})"))
        })?;
    let body = line.split(": Video: ").nth(1).unwrap_or_default();
    let items = split_top(body);
    let codec = items
        .first()
        .and_then(|c| c.split_whitespace().next())
        .unwrap_or("unknown")
        .to_owned();
    let pixel_format = items
        .get(1)
        .map(|p| p.split('(').next().unwrap_or(p).trim().to_owned())
        .unwrap_or_default();
    let (width, height) = items
        .iter()
        .find_map(|it| {
            let dims = it.split_whitespace().next()?;
            let (w, h) = dims.split_once('x')?;
            Some((w.parse::<usize>().ok()?, h.parse::<usize>().ok()?))
        })
        .filter(|&(w, h)| w > 0 && h > 0)
        .ok_or_else(|| media(format!("cannot read the picture size from {line:?}")))?;
    let rate_of = |unit: &str| {
        items.iter().find_map(|it| {
            let v = it.strip_suffix(unit)?.trim();
            let v = match v.strip_suffix('k') {
                Some(k) => k.parse::<f64>().ok()? * 1000.0,
                None => v.parse::<f64>().ok()?,
            };
            rate_from_decimal(v)
        })
    };
    let frame_rate = rate_of(" fps")
        .or_else(|| rate_of(" tbr"))
        .ok_or_else(|| media(format!("cannot read the frame rate from {line:?}")))?;
    let frame_count = parse_duration(text)
        .map(|d| (d * f64::from(frame_rate.num) / f64::from(frame_rate.den)).round() as u64);
    Ok(MediaInfo {
        width,
        height,
        frame_rate,
        frame_count,
        pixel_format,
        codec,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':
  Duration: 00:00:24.02, start: 0.000000, bitrate: 810 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709, progressive), 1280x720 [SAR 1:1 DAR 16:9], 807 kb/s, 29.97 fps, 29.97 tbr, 30k tbn (default)
  Stream #0:1[0x2](und): Audio: aac (LC), 48000 Hz, stereo, fltp, 128 kb/s";

    #[test]
    fn parses_ffmpeg_stream_line() {
        let info = parse_probe(SAMPLE, Path::new("x.mp4")).unwrap();
        assert_eq!((info.width, info.height), (1280, 720));
        assert_eq!(
            info.frame_rate,
            FrameRate {
                num: 30000,
                den: 1001
            }
        );
        assert_eq!(info.frame_count, Some(720));
        assert_eq!(info.pixel_format, "yuv420p");
        assert_eq!(info.codec, "h264");
    }

    #[test]
    fn rates() {
        assert_eq!(rate_from_decimal(25.0), Some(FrameRate { num: 25, den: 1 }));
        assert_eq!(
            rate_from_decimal(23.98),
            Some(FrameRate {
                num: 24000,
                den: 1001
            })
        );
        assert_eq!(
            rate_from_decimal(59.94),
            Some(FrameRate {
                num: 60000,
                den: 1001
            })
        );
        assert_eq!(
            rate_from_decimal(12.5),
            Some(FrameRate {
                num: 12500,
                den: 1000
            })
        );
        assert_eq!(rate_from_decimal(0.0), None);
    }

    #[test]
    fn audio_only_is_not_video() {
        let text = "  Duration: 00:00:01.00\n  Stream #0:0: Audio: mp3, 44100 Hz, stereo";
        let err = parse_probe(text, Path::new("a.mp3")).unwrap_err();
        assert!(err.to_string().contains("no video stream"), "{err}");
        assert!(err.to_string().contains("a.mp3"), "{err}");
    }
}
