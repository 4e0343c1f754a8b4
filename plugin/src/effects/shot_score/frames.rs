//! OpenFX images → the analysis core's [`FrameView`]: the host's rows (bottom
//! row first, any stride, any origin) are copied top-down into one packed
//! buffer, so the core never sees host pointers.

use circletake_inference::{ChannelLayout, FrameView, PixelFormat, SampleDepth};

use super::error::ShotScoreError;
use crate::ofx::{Components, ImageView, PixelDepth};

/// The core's pixel format for an OpenFX image format. Alpha-only images
/// carry no picture to analyse and are refused.
pub fn core_format(
    depth: PixelDepth,
    components: Components,
) -> Result<PixelFormat, ShotScoreError> {
    let depth = match depth {
        PixelDepth::Byte => SampleDepth::U8,
        PixelDepth::Short => SampleDepth::U16,
        PixelDepth::Half => SampleDepth::F16,
        PixelDepth::Float => SampleDepth::F32,
    };
    let layout = match components {
        Components::Rgba => ChannelLayout::Rgba,
        Components::Rgb => ChannelLayout::Rgb,
        Components::Alpha => {
            return Err(ShotScoreError::UnsupportedImage(
                "alpha-only images have no picture to analyse; feed the effect RGB or RGBA".into(),
            ))
        }
    };
    Ok(PixelFormat::new(depth, layout))
}

/// Copies `image` top-down into `buf` (reused between frames) and returns a
/// view of it. Row 0 of the view is the top of the picture.
pub fn frame_view<'b>(
    image: &ImageView<'_>,
    buf: &'b mut Vec<u8>,
) -> Result<FrameView<'b>, ShotScoreError> {
    let format = image.format();
    let core = core_format(format.depth, format.components)?;
    let bounds = image.bounds();
    if bounds.is_empty() {
        return Err(ShotScoreError::UnsupportedImage(format!(
            "empty image (bounds {bounds:?})"
        )));
    }
    let row = bounds.width() * format.bytes_per_pixel();
    buf.clear();
    buf.reserve(row * bounds.height());
    for y in (bounds.y1..bounds.y2).rev() {
        let bytes = image.row_raw(y).ok_or_else(|| {
            ShotScoreError::UnsupportedImage(format!("row {y} missing from {bounds:?}"))
        })?;
        buf.extend_from_slice(bytes);
    }
    Ok(FrameView::packed(
        buf,
        bounds.width(),
        bounds.height(),
        core,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ofx::PixelRect;

    #[test]
    fn rows_come_out_top_down_whatever_the_stride() {
        // 2x3 RGB u8, bottom row (y = 10) first in memory, padded rows.
        let rows: [[u8; 6]; 3] = [[1; 6], [2; 6], [3; 6]];
        let mut data = Vec::new();
        for r in rows {
            data.extend_from_slice(&r);
            data.extend_from_slice(&[0xEE; 2]);
        }
        let bounds = PixelRect::from([5, 10, 7, 13]);
        for (samples, row_bytes) in [(data.clone(), 8_isize), (reversed(&data, 8), -8)] {
            let view =
                ImageView::from_samples(&samples, bounds, row_bytes, Components::Rgb).unwrap();
            let mut buf = Vec::new();
            let frame = frame_view(&view, &mut buf).unwrap();
            assert_eq!((frame.width(), frame.height()), (2, 3));
            assert_eq!(frame.row(0), &[3; 6], "top row is the highest y");
            assert_eq!(frame.row(2), &[1; 6]);
        }
    }

    fn reversed(data: &[u8], stride: usize) -> Vec<u8> {
        data.chunks(stride).rev().flatten().copied().collect()
    }

    #[test]
    fn alpha_only_is_refused_with_a_clear_error() {
        let samples = [0.5_f32; 4];
        let view = ImageView::from_samples(
            &samples,
            PixelRect::from([0, 0, 2, 2]),
            8,
            Components::Alpha,
        )
        .unwrap();
        let err = frame_view(&view, &mut Vec::new()).unwrap_err().to_string();
        assert!(err.contains("alpha-only"), "{err}");
    }
}
