//! Input frames: borrowed pixel buffers with validated geometry, and their
//! conversion (on the compute device) to the analysis representations.

mod format;
mod prepare;
mod upload;

pub use format::{ChannelLayout, PixelFormat, SampleDepth};
pub(crate) use prepare::{prepare, prepare_thumbnail, PrepareOptions, PreparedFrame};

use crate::error::{InferenceError, Result};

/// A borrowed image: `height` rows of `width` pixels in `format`.
///
/// Row `i` starts at byte `offset + i * stride_bytes` of `data`; a negative
/// stride describes bottom-up storage (OpenFX images: row 0 is the bottom row
/// in memory order). Row 0 is the top of the picture as analysed. Samples are
/// native-endian. Integer samples are full range (0..=max); float samples are
/// read as 0..1 code values (values outside are clamped, NaN counts as 0).
#[derive(Debug, Clone, Copy)]
pub struct FrameView<'a> {
    data: &'a [u8],
    width: usize,
    height: usize,
    stride_bytes: isize,
    offset: usize,
    format: PixelFormat,
}

impl<'a> FrameView<'a> {
    /// Validates and wraps a buffer. Errors: zero size, a stride shorter than
    /// a row, or rows reaching outside `data`.
    pub fn new(
        data: &'a [u8],
        width: usize,
        height: usize,
        stride_bytes: isize,
        offset: usize,
        format: PixelFormat,
    ) -> Result<Self> {
        let bad = |why: String| Err(InferenceError::BadFrame(why));
        if width == 0 || height == 0 {
            return bad(format!("empty frame {width}x{height}"));
        }
        if width > 1 << 16 || height > 1 << 16 {
            return bad(format!(
                "frame {width}x{height} exceeds 65536 pixels per side"
            ));
        }
        let row = width * format.bytes_per_pixel();
        let step = stride_bytes.unsigned_abs();
        if step < row {
            return bad(format!(
                "stride {stride_bytes} bytes is shorter than a row ({width} px x {} bytes = {row})",
                format.bytes_per_pixel()
            ));
        }
        let span = (height - 1)
            .checked_mul(step)
            .and_then(|s| s.checked_add(row))
            .ok_or_else(|| InferenceError::BadFrame("frame size overflows".into()))?;
        let lowest = if stride_bytes >= 0 {
            Some(offset)
        } else {
            offset.checked_sub((height - 1) * step)
        };
        match lowest {
            Some(lo) if lo.checked_add(span).is_some_and(|end| end <= data.len()) => {}
            _ => {
                return bad(format!(
                    "{width}x{height} {format} with stride {stride_bytes} at offset {offset} \
                     needs rows outside the {}-byte buffer",
                    data.len()
                ))
            }
        }
        Ok(Self {
            data,
            width,
            height,
            stride_bytes,
            offset,
            format,
        })
    }

    /// A tightly packed, top-down buffer (stride = width x bytes per pixel).
    pub fn packed(
        data: &'a [u8],
        width: usize,
        height: usize,
        format: PixelFormat,
    ) -> Result<Self> {
        let stride = width
            .checked_mul(format.bytes_per_pixel())
            .and_then(|s| isize::try_from(s).ok())
            .ok_or_else(|| InferenceError::BadFrame("frame size overflows".into()))?;
        Self::new(data, width, height, stride, 0, format)
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Pixel format.
    pub fn format(&self) -> PixelFormat {
        self.format
    }

    /// Byte distance between the starts of rows `i` and `i + 1`.
    pub fn stride_bytes(&self) -> isize {
        self.stride_bytes
    }

    /// The bytes of row `y` (0 = top), exactly `width * bytes_per_pixel` long.
    pub fn row(&self, y: usize) -> &'a [u8] {
        let start = self.row_start(y);
        &self.data[start..start + self.width * self.format.bytes_per_pixel()]
    }

    fn row_start(&self, y: usize) -> usize {
        let step = self.stride_bytes.unsigned_abs() * y;
        if self.stride_bytes >= 0 {
            self.offset + step
        } else {
            self.offset - step
        }
    }

    /// The contiguous byte range covering all rows, and whether it is stored
    /// bottom-up (its first row is image row `height - 1`).
    pub(crate) fn span(&self) -> (&'a [u8], bool) {
        let row = self.width * self.format.bytes_per_pixel();
        let (lo, hi) = if self.stride_bytes >= 0 {
            (self.offset, self.row_start(self.height - 1) + row)
        } else {
            (self.row_start(self.height - 1), self.offset + row)
        };
        (&self.data[lo..hi], self.stride_bytes < 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RGBA8: PixelFormat = PixelFormat::new(SampleDepth::U8, ChannelLayout::Rgba);

    #[test]
    fn validates_geometry() {
        let buf = vec![0u8; 4 * 4 * 3];
        assert!(FrameView::packed(&buf, 4, 3, RGBA8).is_ok());
        assert!(FrameView::packed(&buf, 4, 4, RGBA8).is_err(), "too small");
        assert!(FrameView::packed(&buf, 0, 3, RGBA8).is_err(), "empty");
        assert!(
            FrameView::new(&buf, 4, 3, 8, 0, RGBA8).is_err(),
            "stride < row"
        );
        // Bottom-up: row 0 at the last row in memory.
        let v = FrameView::new(&buf, 4, 3, -16, 32, RGBA8).unwrap();
        assert_eq!(v.span().0.len(), 48);
        assert!(
            FrameView::new(&buf, 4, 3, -16, 16, RGBA8).is_err(),
            "row 2 before buffer"
        );
        assert!(
            FrameView::new(&buf, 4, 3, -16, 40, RGBA8).is_err(),
            "row 0 after buffer"
        );
        assert!(
            FrameView::new(&buf, 4, 3, 16, 1, RGBA8).is_err(),
            "offset pushes past end"
        );
    }

    #[test]
    fn rows_follow_stride() {
        let buf: Vec<u8> = (0..24).collect();
        let f = PixelFormat::new(SampleDepth::U8, ChannelLayout::Luma);
        let v = FrameView::new(&buf, 2, 3, -8, 16, f).unwrap();
        assert_eq!(v.row(0), &[16, 17]);
        assert_eq!(v.row(2), &[0, 1]);
        let v = FrameView::new(&buf, 2, 3, 8, 4, f).unwrap();
        assert_eq!(v.row(1), &[12, 13]);
    }
}
