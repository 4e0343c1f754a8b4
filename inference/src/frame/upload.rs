//! One copy of the caller's pixels onto the compute device, then conversion
//! to float there.

use tch::{Device, Kind, Tensor};

use super::{FrameView, SampleDepth};
use crate::error::Result;

/// Uploads `view` to `device` and returns its samples as float `[H, W, C]`
/// (C = 3 for RGB/RGBA with alpha dropped, 1 for luma), integer formats
/// scaled to 0..1, floats as stored (not clamped yet; see the callers).
/// Row 0 of the result is the top row of the picture.
#[cfg(test)]
pub(crate) fn to_float_rgb(view: &FrameView<'_>, device: Device) -> Result<Tensor> {
    let t = to_float_samples(view, device)?;
    Ok(match view.format().layout {
        super::ChannelLayout::Rgba => t.f_narrow(2, 0, 3)?,
        super::ChannelLayout::Rgb | super::ChannelLayout::Luma => t,
    })
}

/// Uploads `view` to `device` (one copy of the bytes) and returns all its
/// samples as float `[H, W, C]`, C = channels of the layout (alpha kept),
/// integer formats scaled to 0..1, floats as stored (not clamped here).
/// Row 0 of the result is the top row of the picture.
pub(crate) fn to_float_samples(view: &FrameView<'_>, device: Device) -> Result<Tensor> {
    let format = view.format();
    let sample = format.depth.bytes();
    let channels = format.layout.channels();
    let (w, h) = (view.width(), view.height());
    let step = view.stride_bytes().unsigned_abs();
    let (bytes, bottom_up) = view.span();

    // Rows whose stride is not a whole number of samples are repacked on the
    // host (rare); otherwise the span, padding included, goes up in one copy.
    let packed;
    let (flat, row_elems, flip) = if (step / sample) * sample == step {
        (bytes, step / sample, bottom_up)
    } else {
        let mut buf = Vec::with_capacity(w * h * format.bytes_per_pixel());
        for y in 0..h {
            buf.extend_from_slice(view.row(y));
        }
        packed = buf;
        (packed.as_slice(), w * channels, false)
    };
    let kind = match format.depth {
        SampleDepth::U8 => Kind::Uint8,
        SampleDepth::U16 => Kind::Int16,
        SampleDepth::F16 => Kind::Half,
        SampleDepth::F32 => Kind::Float,
    };
    let numel = (flat.len() / sample) as i64;
    let t = Tensor::f_from_data_size(&flat[..numel as usize * sample], &[numel], kind)?;
    let t = if device == Device::Cpu {
        t
    } else {
        t.f_to_device(device)?
    };
    let mut t = t
        .f_as_strided([h as i64, (w * channels) as i64], [row_elems as i64, 1], 0)?
        .f_view([h as i64, w as i64, channels as i64])?;
    if flip {
        t = t.f_flip([0])?;
    }
    let t = match format.depth {
        SampleDepth::U8 => t.f_to_kind(Kind::Float)?.f_mul_scalar(1.0 / 255.0)?,
        SampleDepth::U16 => t
            .f_to_kind(Kind::Int)?
            .f_bitwise_and(0xffff)?
            .f_to_kind(Kind::Float)?
            .f_mul_scalar(1.0 / 65535.0)?,
        SampleDepth::F16 => t.f_to_kind(Kind::Float)?,
        SampleDepth::F32 => t,
    };
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::super::{ChannelLayout, PixelFormat};
    use super::*;

    fn values(t: &Tensor) -> Vec<f32> {
        Vec::<f32>::try_from(t.contiguous().view([-1])).unwrap()
    }

    #[test]
    fn reads_every_depth_and_orientation() {
        // 2x2 RGBA, rows: [(r0..), (r1..)]; top row red-ish, bottom row blue-ish.
        let px = [
            [1.0f32, 0.0, 0.0, 1.0],
            [0.5, 0.0, 0.0, 1.0],
            [0.0, 0.0, 1.0, 1.0],
            [0.0, 0.0, 0.25, 1.0],
        ];
        let expect: Vec<f32> = px.iter().flat_map(|p| p[..3].to_vec()).collect();
        let f32_bytes: Vec<u8> = px.iter().flatten().flat_map(|v| v.to_ne_bytes()).collect();
        let fmt = |d| PixelFormat::new(d, ChannelLayout::Rgba);
        let v = FrameView::packed(&f32_bytes, 2, 2, fmt(SampleDepth::F32)).unwrap();
        assert_eq!(values(&to_float_rgb(&v, Device::Cpu).unwrap()), expect);

        let u16_bytes: Vec<u8> = px
            .iter()
            .flatten()
            .flat_map(|v| ((v * 65535.0).round() as u16).to_ne_bytes())
            .collect();
        let v = FrameView::packed(&u16_bytes, 2, 2, fmt(SampleDepth::U16)).unwrap();
        let got = values(&to_float_rgb(&v, Device::Cpu).unwrap());
        for (g, e) in got.iter().zip(&expect) {
            assert!((g - e).abs() < 1e-4, "{got:?}");
        }

        let f16_bytes: Vec<u8> = px
            .iter()
            .flatten()
            .flat_map(|v| half::f16::from_f32(*v).to_ne_bytes())
            .collect();
        let v = FrameView::packed(&f16_bytes, 2, 2, fmt(SampleDepth::F16)).unwrap();
        assert_eq!(values(&to_float_rgb(&v, Device::Cpu).unwrap()), expect);

        // Bottom-up u8 with a padded, odd stride (11 bytes per row).
        let mut buf = vec![0u8; 22];
        let u8px: Vec<u8> = px
            .iter()
            .flatten()
            .map(|v| (v * 255.0).round() as u8)
            .collect();
        buf[11..19].copy_from_slice(&u8px[..8]); // top row stored last
        buf[..8].copy_from_slice(&u8px[8..]);
        let v = FrameView::new(&buf, 2, 2, -11, 11, fmt(SampleDepth::U8)).unwrap();
        let got = values(&to_float_rgb(&v, Device::Cpu).unwrap());
        for (g, e) in got.iter().zip(&expect) {
            assert!((g - e).abs() < 1.0 / 255.0, "{got:?}");
        }
        // Same, stride a multiple of the sample size (no repack path).
        let mut buf = vec![0u8; 24];
        buf[12..20].copy_from_slice(&u8px[..8]);
        buf[..8].copy_from_slice(&u8px[8..]);
        let v = FrameView::new(&buf, 2, 2, -12, 12, fmt(SampleDepth::U8)).unwrap();
        let got2 = values(&to_float_rgb(&v, Device::Cpu).unwrap());
        assert_eq!(got, got2);
    }
}
