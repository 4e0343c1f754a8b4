//! What the host tells us about the source clip: frame range, frame rate,
//! media path, and the names exports use.

use std::path::{Path, PathBuf};

use circletake_inference::FrameRate;

use super::params as p;
use crate::ofx::{Clip, Instance, OfxResult};

/// The source clip as far as the host describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceInfo {
    /// Frames to analyse (first, last inclusive): the clip's frame range,
    /// else `0..Clip Length` when that param is set, else `None`.
    pub range: Option<(i64, i64)>,
    /// Frame rate (25 when the host does not say).
    pub rate: FrameRate,
    /// The media file, when the host names it (Resolve).
    pub media: Option<PathBuf>,
}

impl SourceInfo {
    /// Reads the clip's properties and the Clip Length param.
    pub fn read(instance: &Instance, clip: &Clip) -> OfxResult<Self> {
        let host_range = clip.frame_range().ok().flatten();
        let range = match host_range {
            Some((a, b)) if a.is_finite() && b.is_finite() && b >= a => {
                Some((a.round() as i64, b.round() as i64))
            }
            _ => {
                let len = instance.param(p::CLIP_LENGTH)?.int_at(0.0)?;
                (len > 0).then(|| (0, i64::from(len) - 1))
            }
        };
        let fps = clip.frame_rate().ok().flatten().filter(|f| *f > 0.0);
        if fps.is_none() {
            log::warn!("Shot Score: the host gives no frame rate; timecodes assume 25 fps");
        }
        Ok(Self {
            range,
            rate: frame_rate(fps.unwrap_or(25.0)),
            media: clip.src_file_path().ok().flatten().map(PathBuf::from),
        })
    }

    /// Name for exports and the report: the media file's stem, else
    /// `ShotScore_<first>-<last>`.
    pub fn name(&self) -> String {
        if let Some(stem) = self.media.as_deref().and_then(Path::file_stem) {
            return stem.to_string_lossy().into_owned();
        }
        match self.range {
            Some((a, b)) => format!("ShotScore_{a}-{b}"),
            None => "ShotScore".to_string(),
        }
    }
}

/// A rational frame rate from the host's float: the NTSC rates become
/// `N*1000/1001`, others are rounded to 1/1000 fps.
pub fn frame_rate(fps: f64) -> FrameRate {
    for base in [24_u32, 30, 48, 60, 120] {
        let ntsc = f64::from(base) * 1000.0 / 1001.0;
        if (fps - ntsc).abs() < 0.005 {
            return FrameRate {
                num: base * 1000,
                den: 1001,
            };
        }
    }
    if (fps - fps.round()).abs() < 1e-3 {
        return FrameRate {
            num: fps.round().max(1.0) as u32,
            den: 1,
        };
    }
    FrameRate {
        num: (fps * 1000.0).round().max(1.0) as u32,
        den: 1000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_from_host_floats() {
        let r = |num, den| FrameRate { num, den };
        assert_eq!(frame_rate(25.0), r(25, 1));
        assert_eq!(frame_rate(29.97), r(30000, 1001));
        assert_eq!(frame_rate(30000.0 / 1001.0), r(30000, 1001));
        assert_eq!(frame_rate(23.976), r(24000, 1001));
        assert_eq!(frame_rate(59.94), r(60000, 1001));
        assert_eq!(frame_rate(12.5), r(12500, 1000));
    }
}
