//! Pixel formats (depth x components), sample types and pixel rectangles.

use std::ffi::CStr;

use ofx_sys::*;

use super::error::{OfxError, OfxResult};

/// Bit depth of one sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PixelDepth {
    /// `kOfxBitDepthByte`: u8, 0..=255.
    Byte,
    /// `kOfxBitDepthShort`: u16, 0..=65535.
    Short,
    /// `kOfxBitDepthHalf`: IEEE 754 binary16.
    Half,
    /// `kOfxBitDepthFloat`: f32, nominally 0..=1.
    Float,
}

impl PixelDepth {
    /// All depths, in the order declared to hosts.
    pub const ALL: [PixelDepth; 4] = [Self::Byte, Self::Short, Self::Half, Self::Float];

    /// Bytes per sample.
    pub const fn bytes(self) -> usize {
        match self {
            Self::Byte => 1,
            Self::Short | Self::Half => 2,
            Self::Float => 4,
        }
    }

    /// The OpenFX string.
    pub const fn as_cstr(self) -> &'static CStr {
        match self {
            Self::Byte => K_OFX_BIT_DEPTH_BYTE,
            Self::Short => K_OFX_BIT_DEPTH_SHORT,
            Self::Half => K_OFX_BIT_DEPTH_HALF,
            Self::Float => K_OFX_BIT_DEPTH_FLOAT,
        }
    }

    /// Parses an OpenFX depth string: `Ok(None)` for `kOfxBitDepthNone` or
    /// empty, an [`OfxError::ImageFormat`] for anything unknown.
    pub fn parse(s: &str) -> OfxResult<Option<Self>> {
        Ok(Some(match s {
            "" | "OfxBitDepthNone" => return Ok(None),
            "OfxBitDepthByte" => Self::Byte,
            "OfxBitDepthShort" => Self::Short,
            "OfxBitDepthHalf" => Self::Half,
            "OfxBitDepthFloat" => Self::Float,
            other => {
                return Err(OfxError::ImageFormat(format!(
                    "unknown pixel depth {other:?}"
                )))
            }
        }))
    }
}

/// Channels of a pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Components {
    /// `kOfxImageComponentRGBA`: R, G, B, A.
    Rgba,
    /// `kOfxImageComponentRGB`: R, G, B.
    Rgb,
    /// `kOfxImageComponentAlpha`: A only.
    Alpha,
}

impl Components {
    /// All component sets, in the order declared to hosts.
    pub const ALL: [Components; 3] = [Self::Rgba, Self::Rgb, Self::Alpha];

    /// Samples per pixel.
    pub const fn count(self) -> usize {
        match self {
            Self::Rgba => 4,
            Self::Rgb => 3,
            Self::Alpha => 1,
        }
    }

    /// The OpenFX string.
    pub const fn as_cstr(self) -> &'static CStr {
        match self {
            Self::Rgba => K_OFX_IMAGE_COMPONENT_RGBA,
            Self::Rgb => K_OFX_IMAGE_COMPONENT_RGB,
            Self::Alpha => K_OFX_IMAGE_COMPONENT_ALPHA,
        }
    }

    /// Parses an OpenFX components string: `Ok(None)` for
    /// `kOfxImageComponentNone` or empty, an [`OfxError::ImageFormat`] for
    /// anything else we do not handle (YUVA, host-specific planes).
    pub fn parse(s: &str) -> OfxResult<Option<Self>> {
        Ok(Some(match s {
            "" | "OfxImageComponentNone" => return Ok(None),
            "OfxImageComponentRGBA" => Self::Rgba,
            "OfxImageComponentRGB" => Self::Rgb,
            "OfxImageComponentAlpha" => Self::Alpha,
            other => {
                return Err(OfxError::ImageFormat(format!(
                    "unsupported pixel components {other:?}"
                )))
            }
        }))
    }
}

/// Depth and components of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PixelFormat {
    /// Sample depth.
    pub depth: PixelDepth,
    /// Channels.
    pub components: Components,
}

/// Reads as a colorist would say it: "16-bit integer RGB", "32-bit float RGBA".
impl std::fmt::Display for PixelFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let depth = match self.depth {
            PixelDepth::Byte => "8-bit integer",
            PixelDepth::Short => "16-bit integer",
            PixelDepth::Half => "16-bit half float",
            PixelDepth::Float => "32-bit float",
        };
        let components = match self.components {
            Components::Rgba => "RGBA",
            Components::Rgb => "RGB",
            Components::Alpha => "alpha",
        };
        write!(f, "{depth} {components}")
    }
}

impl PixelFormat {
    /// Bytes per pixel.
    pub const fn bytes_per_pixel(self) -> usize {
        self.depth.bytes() * self.components.count()
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A sample type matching one [`PixelDepth`]: u8, u16, `half::f16`, f32.
pub trait Sample: Copy + Default + Send + Sync + 'static + sealed::Sealed {
    /// The depth this type stores.
    const DEPTH: PixelDepth;
}
impl sealed::Sealed for u8 {}
impl sealed::Sealed for u16 {}
impl sealed::Sealed for half::f16 {}
impl sealed::Sealed for f32 {}
impl Sample for u8 {
    const DEPTH: PixelDepth = PixelDepth::Byte;
}
impl Sample for u16 {
    const DEPTH: PixelDepth = PixelDepth::Short;
}
impl Sample for half::f16 {
    const DEPTH: PixelDepth = PixelDepth::Half;
}
impl Sample for f32 {
    const DEPTH: PixelDepth = PixelDepth::Float;
}

/// A rectangle in pixel coordinates: `x1 <= x < x2`, `y1 <= y < y2`
/// (y up, as OpenFX).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PixelRect {
    /// Left, inclusive.
    pub x1: i32,
    /// Bottom, inclusive.
    pub y1: i32,
    /// Right, exclusive.
    pub x2: i32,
    /// Top, exclusive.
    pub y2: i32,
}

impl PixelRect {
    /// A rectangle from its corners.
    pub const fn new(x1: i32, y1: i32, x2: i32, y2: i32) -> Self {
        Self { x1, y1, x2, y2 }
    }

    /// Width in pixels (0 if empty).
    pub fn width(&self) -> usize {
        (i64::from(self.x2) - i64::from(self.x1)).max(0) as usize
    }

    /// Height in pixels (0 if empty).
    pub fn height(&self) -> usize {
        (i64::from(self.y2) - i64::from(self.y1)).max(0) as usize
    }

    /// True when it holds no pixel.
    pub fn is_empty(&self) -> bool {
        self.width() == 0 || self.height() == 0
    }

    /// The overlap of two rectangles (possibly empty).
    pub fn intersect(&self, other: &Self) -> Self {
        Self {
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
            x2: self.x2.min(other.x2),
            y2: self.y2.min(other.y2),
        }
    }

    /// True when pixel `(x, y)` lies inside.
    pub fn contains(&self, x: i32, y: i32) -> bool {
        x >= self.x1 && x < self.x2 && y >= self.y1 && y < self.y2
    }
}

impl From<OfxRectI> for PixelRect {
    fn from(r: OfxRectI) -> Self {
        Self::new(r.x1, r.y1, r.x2, r.y2)
    }
}

impl From<[i32; 4]> for PixelRect {
    fn from(r: [i32; 4]) -> Self {
        Self::new(r[0], r[1], r[2], r[3])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_print() {
        for d in PixelDepth::ALL {
            assert_eq!(
                PixelDepth::parse(d.as_cstr().to_str().unwrap()).unwrap(),
                Some(d)
            );
        }
        for c in Components::ALL {
            assert_eq!(
                Components::parse(c.as_cstr().to_str().unwrap()).unwrap(),
                Some(c)
            );
        }
        assert_eq!(PixelDepth::parse("OfxBitDepthNone").unwrap(), None);
        assert!(matches!(
            PixelDepth::parse("OfxBitDepthDouble"),
            Err(OfxError::ImageFormat(_))
        ));
        assert!(matches!(
            Components::parse("OfxImageComponentYUVA"),
            Err(OfxError::ImageFormat(_))
        ));
        let f = PixelFormat {
            depth: PixelDepth::Half,
            components: Components::Rgb,
        };
        assert_eq!(f.bytes_per_pixel(), 6);
    }

    #[test]
    fn rect_maths() {
        let a = PixelRect::new(-10, -5, 10, 5);
        assert_eq!((a.width(), a.height()), (20, 10));
        let b = PixelRect::new(0, 0, 100, 100);
        assert_eq!(a.intersect(&b), PixelRect::new(0, 0, 10, 5));
        assert!(PixelRect::new(5, 5, 2, 9).is_empty());
        assert!(a.contains(-10, 4) && !a.contains(10, 0));
    }
}

#[cfg(test)]
mod display_tests {
    use super::*;

    #[test]
    fn formats_read_as_words_not_debug_text() {
        let format = PixelFormat {
            depth: PixelDepth::Short,
            components: Components::Rgb,
        };
        assert_eq!(format.to_string(), "16-bit integer RGB");
        let float = PixelFormat {
            depth: PixelDepth::Float,
            components: Components::Alpha,
        };
        assert_eq!(float.to_string(), "32-bit float alpha");
    }
}
