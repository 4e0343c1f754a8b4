//! Pixel formats the engine reads.

use std::fmt;
use std::str::FromStr;

use crate::error::InferenceError;

/// Storage of one sample (channel value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleDepth {
    /// 8-bit unsigned integer, 0..=255.
    U8,
    /// 16-bit unsigned integer, 0..=65535.
    U16,
    /// IEEE half float.
    F16,
    /// IEEE single float.
    F32,
}

impl SampleDepth {
    /// Bytes per sample.
    pub const fn bytes(self) -> usize {
        match self {
            Self::U8 => 1,
            Self::U16 | Self::F16 => 2,
            Self::F32 => 4,
        }
    }
}

/// Channel order of one pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelLayout {
    /// Red, green, blue, alpha (alpha ignored).
    Rgba,
    /// Red, green, blue.
    Rgb,
    /// A single luma/alpha-less grey channel.
    Luma,
}

impl ChannelLayout {
    /// Samples per pixel.
    pub const fn channels(self) -> usize {
        match self {
            Self::Rgba => 4,
            Self::Rgb => 3,
            Self::Luma => 1,
        }
    }
}

/// A pixel format: sample depth and channel layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PixelFormat {
    /// Sample storage.
    pub depth: SampleDepth,
    /// Channel order.
    pub layout: ChannelLayout,
}

impl PixelFormat {
    /// A format from its parts.
    pub const fn new(depth: SampleDepth, layout: ChannelLayout) -> Self {
        Self { depth, layout }
    }

    /// Bytes per pixel.
    pub const fn bytes_per_pixel(self) -> usize {
        self.depth.bytes() * self.layout.channels()
    }
}

impl fmt::Display for PixelFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let layout = match self.layout {
            ChannelLayout::Rgba => "rgba",
            ChannelLayout::Rgb => "rgb",
            ChannelLayout::Luma => "luma",
        };
        let depth = match self.depth {
            SampleDepth::U8 => "u8",
            SampleDepth::U16 => "u16",
            SampleDepth::F16 => "f16",
            SampleDepth::F32 => "f32",
        };
        write!(f, "{layout}-{depth}")
    }
}

impl FromStr for PixelFormat {
    type Err = InferenceError;
    /// Parses names such as `rgba-f32`, `rgb-u8`, `luma-u16`.
    fn from_str(s: &str) -> Result<Self, InferenceError> {
        let lower = s.trim().to_ascii_lowercase();
        let (layout, depth) = lower
            .split_once(['-', '_'])
            .ok_or_else(|| InferenceError::UnsupportedPixelFormat(s.to_owned()))?;
        let layout = match layout {
            "rgba" => ChannelLayout::Rgba,
            "rgb" => ChannelLayout::Rgb,
            "luma" | "gray" | "grey" | "y" => ChannelLayout::Luma,
            _ => return Err(InferenceError::UnsupportedPixelFormat(s.to_owned())),
        };
        let depth = match depth {
            "u8" => SampleDepth::U8,
            "u16" => SampleDepth::U16,
            "f16" | "half" => SampleDepth::F16,
            "f32" | "float" => SampleDepth::F32,
            _ => return Err(InferenceError::UnsupportedPixelFormat(s.to_owned())),
        };
        Ok(Self { depth, layout })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_names() {
        for name in ["rgba-f32", "rgb-u8", "luma-u16", "rgba-f16"] {
            assert_eq!(name.parse::<PixelFormat>().unwrap().to_string(), name);
        }
        assert!("bgra-u8".parse::<PixelFormat>().is_err());
        assert!("rgba-u10".parse::<PixelFormat>().is_err());
        assert_eq!(
            "rgba-f32".parse::<PixelFormat>().unwrap().bytes_per_pixel(),
            16
        );
    }
}
