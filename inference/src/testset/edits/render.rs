//! Rendering one clip of an edit: decode a span of a sample clip at the case's size
//! (scaled to cover, centre-cropped, Lanczos), apply the case's [`Effect`], encode.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::super::encode::write_video;
use super::super::image_ops::Rgb;
use super::super::sequences::blur_samples;
use super::super::sources::decode_covering;
use super::super::{TestSetError, FPS};
use super::SideSource;

/// What a case does to a clip's frames (frame numbers are the clip's own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The footage as it is (re-encoded).
    None,
    /// A motion-blurred whip-pan away and back: `frames` moving frames from `start`,
    /// peaking at `distance` pixels (at `frames / 2`) along `angle` radians, and one
    /// landing frame (`start + frames`) still blurred by the last move.
    WhipPan {
        /// First moving frame.
        start: i64,
        /// Moving frames.
        frames: usize,
        /// Peak displacement in pixels.
        distance: f32,
        /// Direction (0 = the picture moves left, the camera pans right).
        angle: f32,
    },
    /// `frames` frames from `start` with `amount` (0..1 of full scale) of light added.
    Flash {
        /// First flash frame.
        start: i64,
        /// Flash frames.
        frames: usize,
        /// Added light, 0..1 of full scale.
        amount: f32,
    },
    /// Per-channel gains in linear light on every frame (exposure: equal gains).
    Gains([f32; 3]),
}

impl Effect {
    /// Clip frames `[first, last]` the effect touches, if any.
    pub fn frames(&self) -> Option<(i64, i64)> {
        match *self {
            Self::None | Self::Gains(_) => None,
            Self::WhipPan { start, frames, .. } => Some((start, start + frames as i64)),
            Self::Flash { start, frames, .. } => Some((start, start + frames as i64 - 1)),
        }
    }

    fn apply(&self, frame: i64, img: &Rgb) -> Rgb {
        match *self {
            Self::None => img.clone(),
            Self::Gains(g) => img.linear_gains(g),
            Self::Flash {
                start,
                frames,
                amount,
            } => {
                if frame >= start && frame < start + frames as i64 {
                    img.add_light(amount)
                } else {
                    img.clone()
                }
            }
            Self::WhipPan {
                start,
                frames,
                distance,
                angle,
            } => {
                let j = frame - start;
                if j < 0 || j > frames as i64 {
                    return img.clone();
                }
                let offset = |j: i64| -> f32 {
                    if j < 0 || j >= frames as i64 {
                        0.0
                    } else {
                        distance
                            * (std::f32::consts::PI * (j + 1) as f32 / (frames + 1) as f32).sin()
                    }
                };
                let (prev, cur) = (offset(j - 1), offset(j));
                let (c, s) = (angle.cos(), angle.sin());
                img.moving_crop(
                    (prev * c, prev * s),
                    (cur * c, cur * s),
                    blur_samples((cur - prev).abs()),
                    img.width,
                    img.height,
                )
            }
        }
    }
}

/// Decodes source frames `first..first + count` of `path`, scaled to cover
/// `width`×`height` and centre-cropped.
fn decode_span(
    ffmpeg: &Path,
    path: &Path,
    first: i64,
    count: usize,
    (width, height): (usize, usize),
) -> Result<Vec<Rgb>, TestSetError> {
    let mut frames = Vec::with_capacity(count);
    let decoded = decode_covering(
        ffmpeg,
        path,
        first + count as i64,
        (width, height),
        "lanczos",
        |index, data| {
            if index >= first {
                frames.push(Rgb {
                    width,
                    height,
                    data,
                });
            }
        },
    )?;
    if !decoded.success || frames.len() != count {
        return Err(TestSetError::Media {
            path: path.to_path_buf(),
            reason: format!(
                "wanted frames {first}..{} and got {} of them: {}",
                first + count as i64,
                frames.len(),
                decoded.stderr
            ),
        });
    }
    Ok(frames)
}

/// Renders the clip `side` describes from the sample clips in `samples` to `out`.
pub(super) fn write_side(
    ffmpeg: &Path,
    samples: &Path,
    side: &SideSource,
    out: &Path,
) -> Result<(), TestSetError> {
    let path = samples.join(&side.source);
    if !path.is_file() {
        return Err(TestSetError::MissingSource { path });
    }
    let frames = decode_span(
        ffmpeg,
        &path,
        side.source_first,
        side.frame_count,
        (side.width, side.height),
    )?;
    let frames: Vec<Rgb> = frames
        .iter()
        .enumerate()
        .map(|(k, img)| side.effect.apply(k as i64, img))
        .collect();
    write_video(ffmpeg, &frames, FPS, out)
}
