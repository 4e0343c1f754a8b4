//! One typed, safe view of image memory. Rows are addressed in absolute pixel
//! coordinates (`y` in `bounds.y1..bounds.y2`); negative row strides, bounds
//! away from the origin and tiles are all handled here so effect code never
//! does pointer arithmetic.

use std::marker::PhantomData;

use super::error::{OfxError, OfxResult};
use super::pixel::{Components, PixelFormat, PixelRect, Sample};

/// Checks geometry shared by both view kinds.
fn check_geometry(
    base: *const u8,
    bounds: PixelRect,
    row_bytes: isize,
    format: PixelFormat,
) -> OfxResult<()> {
    if bounds.is_empty() {
        return Ok(());
    }
    if base.is_null() {
        return Err(OfxError::ImageFormat("image data pointer is NULL".into()));
    }
    let row_len = bounds.width() * format.bytes_per_pixel();
    if row_bytes.unsigned_abs() < row_len {
        return Err(OfxError::ImageFormat(format!(
            "row bytes {row_bytes} smaller than a row of {} {} pixels ({row_len} bytes)",
            bounds.width(),
            format
        )));
    }
    Ok(())
}

fn row_offset(bounds: &PixelRect, row_bytes: isize, y: i32) -> Option<isize> {
    if y < bounds.y1 || y >= bounds.y2 {
        return None;
    }
    Some((y - bounds.y1) as isize * row_bytes)
}

fn typed<T: Sample>(format: PixelFormat, ptr: *const u8) -> OfxResult<()> {
    if T::DEPTH != format.depth {
        return Err(OfxError::ImageFormat(format!(
            "image is {:?}, accessed as {:?}",
            format.depth,
            T::DEPTH
        )));
    }
    if ptr.align_offset(std::mem::align_of::<T>()) != 0 {
        return Err(OfxError::ImageFormat(format!(
            "row at {ptr:p} is not aligned for {:?} samples",
            T::DEPTH
        )));
    }
    Ok(())
}

/// Checks a sample buffer covers `rows` rows of `row_len` bytes with stride
/// `row_bytes`, and returns the byte offset of the first (`y1`) row.
fn buffer_base(
    len_bytes: usize,
    bounds: PixelRect,
    row_bytes: isize,
    format: PixelFormat,
) -> OfxResult<usize> {
    if bounds.is_empty() {
        return Ok(0);
    }
    let stride = row_bytes.unsigned_abs();
    let needed = (bounds.height() - 1) * stride + bounds.width() * format.bytes_per_pixel();
    if len_bytes < needed {
        return Err(OfxError::ImageFormat(format!(
            "buffer of {len_bytes} bytes too small for {}x{} {} pixels with row bytes {row_bytes}",
            bounds.width(),
            bounds.height(),
            format
        )));
    }
    Ok(if row_bytes < 0 {
        (bounds.height() - 1) * stride
    } else {
        0
    })
}

/// Read-only view of image pixels.
#[derive(Debug, Clone, Copy)]
pub struct ImageView<'a> {
    base: *const u8,
    bounds: PixelRect,
    row_bytes: isize,
    format: PixelFormat,
    _memory: PhantomData<&'a [u8]>,
}

// SAFETY: an ImageView is a shared borrow of plain pixel bytes, like `&[u8]`.
unsafe impl Send for ImageView<'_> {}
// SAFETY: as above; it never writes.
unsafe impl Sync for ImageView<'_> {}

impl<'a> ImageView<'a> {
    /// A view of host memory.
    ///
    /// # Safety
    /// `base` must point to the pixel `(bounds.x1, bounds.y1)`; for every row
    /// `y` of `bounds`, `base + (y - bounds.y1) * row_bytes` must start
    /// `bounds.width() * format.bytes_per_pixel()` readable bytes that stay
    /// valid and unmodified for `'a`.
    pub(crate) unsafe fn from_raw(
        base: *const u8,
        bounds: PixelRect,
        row_bytes: isize,
        format: PixelFormat,
    ) -> OfxResult<Self> {
        check_geometry(base, bounds, row_bytes, format)?;
        Ok(Self {
            base,
            bounds,
            row_bytes,
            format,
            _memory: PhantomData,
        })
    }

    /// A view of a sample buffer laid out like an OpenFX image: rows of
    /// `row_bytes` (negative: the `y1` row is the LAST row in the buffer).
    pub fn from_samples<T: Sample>(
        samples: &'a [T],
        bounds: PixelRect,
        row_bytes: isize,
        components: Components,
    ) -> OfxResult<Self> {
        let format = PixelFormat {
            depth: T::DEPTH,
            components,
        };
        let len = std::mem::size_of_val(samples);
        let start = buffer_base(len, bounds, row_bytes, format)?;
        let base = samples.as_ptr().cast::<u8>().wrapping_add(start);
        // SAFETY: `buffer_base` checked every row lies inside `samples`,
        // which is borrowed for 'a.
        unsafe { Self::from_raw(base, bounds, row_bytes, format) }
    }

    /// Pixel bounds of the data.
    pub fn bounds(&self) -> PixelRect {
        self.bounds
    }

    /// Pixel format.
    pub fn format(&self) -> PixelFormat {
        self.format
    }

    /// Row stride in bytes (negative for top-down hosts).
    pub fn row_bytes(&self) -> isize {
        self.row_bytes
    }

    /// The bytes of row `y` (absolute), `None` outside the bounds.
    pub fn row_raw(&self, y: i32) -> Option<&'a [u8]> {
        let off = row_offset(&self.bounds, self.row_bytes, y)?;
        let len = self.bounds.width() * self.format.bytes_per_pixel();
        // SAFETY: per `from_raw`'s contract the row start is inside the image.
        let start = unsafe { self.base.offset(off) };
        // SAFETY: per `from_raw`'s contract, the row is readable for `len`
        // bytes during 'a.
        Some(unsafe { std::slice::from_raw_parts(start, len) })
    }

    /// The samples of row `y` (absolute): `width * components` values.
    pub fn row<T: Sample>(&self, y: i32) -> OfxResult<&'a [T]> {
        let raw = self.row_raw(y).ok_or_else(|| {
            OfxError::InvalidValue(format!("row {y} outside image bounds {:?}", self.bounds))
        })?;
        typed::<T>(self.format, raw.as_ptr())?;
        // SAFETY: depth and alignment checked; the length is a whole number
        // of samples because rows are whole pixels of T-sized samples.
        Ok(unsafe {
            std::slice::from_raw_parts(
                raw.as_ptr().cast::<T>(),
                raw.len() / std::mem::size_of::<T>(),
            )
        })
    }

    /// Samples of pixel `(x, y)` (absolute), `None` outside the bounds.
    pub fn pixel<T: Sample>(&self, x: i32, y: i32) -> OfxResult<Option<&'a [T]>> {
        if !self.bounds.contains(x, y) {
            return Ok(None);
        }
        let n = self.format.components.count();
        let i = (x - self.bounds.x1) as usize * n;
        Ok(Some(&self.row::<T>(y)?[i..i + n]))
    }
}

/// Writable view of image pixels.
#[derive(Debug)]
pub struct ImageViewMut<'a> {
    base: *mut u8,
    bounds: PixelRect,
    row_bytes: isize,
    format: PixelFormat,
    _memory: PhantomData<&'a mut [u8]>,
}

// SAFETY: an ImageViewMut is an exclusive borrow of plain pixel bytes, like `&mut [u8]`.
unsafe impl Send for ImageViewMut<'_> {}
// SAFETY: shared access only reads (through `as_view`).
unsafe impl Sync for ImageViewMut<'_> {}

impl<'a> ImageViewMut<'a> {
    /// A writable view of host memory.
    ///
    /// # Safety
    /// As [`ImageView::from_raw`], and the rows must be writable and not
    /// accessed through any other path during `'a`.
    pub(crate) unsafe fn from_raw(
        base: *mut u8,
        bounds: PixelRect,
        row_bytes: isize,
        format: PixelFormat,
    ) -> OfxResult<Self> {
        check_geometry(base, bounds, row_bytes, format)?;
        Ok(Self {
            base,
            bounds,
            row_bytes,
            format,
            _memory: PhantomData,
        })
    }

    /// A writable view of a sample buffer (see [`ImageView::from_samples`]).
    pub fn from_samples<T: Sample>(
        samples: &'a mut [T],
        bounds: PixelRect,
        row_bytes: isize,
        components: Components,
    ) -> OfxResult<Self> {
        let format = PixelFormat {
            depth: T::DEPTH,
            components,
        };
        let len = std::mem::size_of_val(samples);
        let start = buffer_base(len, bounds, row_bytes, format)?;
        let base = samples.as_mut_ptr().cast::<u8>().wrapping_add(start);
        // SAFETY: every row lies inside `samples`, exclusively borrowed for 'a.
        unsafe { Self::from_raw(base, bounds, row_bytes, format) }
    }

    /// Pixel bounds of the data.
    pub fn bounds(&self) -> PixelRect {
        self.bounds
    }

    /// Pixel format.
    pub fn format(&self) -> PixelFormat {
        self.format
    }

    /// A read-only view of the same pixels.
    pub fn as_view(&self) -> ImageView<'_> {
        ImageView {
            base: self.base,
            bounds: self.bounds,
            row_bytes: self.row_bytes,
            format: self.format,
            _memory: PhantomData,
        }
    }

    /// The bytes of row `y` (absolute), `None` outside the bounds.
    pub fn row_raw_mut(&mut self, y: i32) -> Option<&mut [u8]> {
        let off = row_offset(&self.bounds, self.row_bytes, y)?;
        let len = self.bounds.width() * self.format.bytes_per_pixel();
        // SAFETY: per `from_raw`'s contract the row start is inside the image.
        let start = unsafe { self.base.offset(off) };
        // SAFETY: per `from_raw`'s contract the row is writable for `len`
        // bytes; `&mut self` makes this the only live borrow.
        Some(unsafe { std::slice::from_raw_parts_mut(start, len) })
    }

    /// The samples of row `y` (absolute), writable.
    pub fn row_mut<T: Sample>(&mut self, y: i32) -> OfxResult<&mut [T]> {
        let format = self.format;
        let bounds = self.bounds;
        let raw = self.row_raw_mut(y).ok_or_else(|| {
            OfxError::InvalidValue(format!("row {y} outside image bounds {bounds:?}"))
        })?;
        typed::<T>(format, raw.as_ptr())?;
        let n = raw.len() / std::mem::size_of::<T>();
        // SAFETY: depth and alignment checked; whole samples; exclusive borrow.
        Ok(unsafe { std::slice::from_raw_parts_mut(raw.as_mut_ptr().cast::<T>(), n) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4x3 RGBA float image at bounds (10,-2)-(14,1), value = x*100 + y*10 + c.
    fn sample_buffer(bounds: PixelRect, pad_px: usize, top_down: bool) -> (Vec<f32>, isize) {
        let w = bounds.width() + pad_px;
        let mut buf = vec![-1.0; w * 4 * bounds.height()];
        for (i, y) in (bounds.y1..bounds.y2).enumerate() {
            let r = if top_down { bounds.height() - 1 - i } else { i };
            for x in bounds.x1..bounds.x2 {
                for c in 0..4 {
                    buf[r * w * 4 + (x - bounds.x1) as usize * 4 + c] =
                        (x * 100 + y * 10) as f32 + c as f32;
                }
            }
        }
        let rb = (w * 16) as isize;
        (buf, if top_down { -rb } else { rb })
    }

    #[test]
    fn rows_in_absolute_coordinates_with_negative_row_bytes() {
        let bounds = PixelRect::new(10, -2, 14, 1);
        for top_down in [false, true] {
            let (buf, rb) = sample_buffer(bounds, 2, top_down);
            let view = ImageView::from_samples(&buf, bounds, rb, Components::Rgba).unwrap();
            for y in -2..1 {
                let row = view.row::<f32>(y).unwrap();
                assert_eq!(row.len(), 16);
                assert_eq!(row[0], (1000 + y * 10) as f32, "y={y} top_down={top_down}");
                assert_eq!(row[15], (1300 + y * 10 + 3) as f32);
            }
            assert!(view.row_raw(1).is_none() && view.row_raw(-3).is_none());
            assert_eq!(view.pixel::<f32>(12, 0).unwrap().unwrap()[2], 1202.0);
            assert!(view.pixel::<f32>(9, 0).unwrap().is_none());
        }
    }

    #[test]
    fn wrong_sample_type_and_bad_geometry_are_format_errors() {
        let bounds = PixelRect::new(0, 0, 2, 2);
        let buf = vec![0.0_f32; 16];
        let view = ImageView::from_samples(&buf, bounds, 32, Components::Rgba).unwrap();
        assert!(matches!(view.row::<u8>(0), Err(OfxError::ImageFormat(_))));
        // Row bytes too small for the row.
        assert!(matches!(
            ImageView::from_samples(&buf, bounds, 16, Components::Rgba),
            Err(OfxError::ImageFormat(_))
        ));
        // Buffer too small.
        assert!(matches!(
            ImageView::from_samples(&buf[..10], bounds, 32, Components::Rgba),
            Err(OfxError::ImageFormat(_))
        ));
    }
}
