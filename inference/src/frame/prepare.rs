//! From an uploaded frame to the analysis representations: luma at the fixed
//! analysis width (signals), a 48x27 RGB thumbnail (TransNetV2) and a
//! moderately sized RGB picture (faces).

use tch::{Device, Kind, Tensor};

use super::{upload::to_float_samples, FrameView, SampleDepth};
use crate::error::Result;
use crate::signals::spatial;

/// Width of the luma every spatial signal is measured at.
pub(crate) const ANALYSIS_WIDTH: i64 = 512;
/// TransNetV2 input size (width, height).
pub(crate) const THUMB_SIZE: (i64, i64) = (48, 27);

/// What to produce besides the analysis luma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PrepareOptions {
    /// Produce the 48x27 u8 RGB thumbnail.
    pub thumbnail: bool,
    /// Produce an RGB picture with this longest side (never upscaled).
    pub face_max_side: Option<i64>,
}

/// A frame converted for analysis; everything lives on the compute device.
#[derive(Debug)]
pub(crate) struct PreparedFrame {
    /// Rec.709 luma clamped to 0..1, `[1, 1, Ha, 512]`.
    pub luma: Tensor,
    /// Noise sigma measured on the full-resolution luma, `[1]`.
    pub noise: Tensor,
    /// `[27, 48, 3]` u8 RGB, when asked for.
    pub thumb: Option<Tensor>,
    /// `[3, Hf, Wf]` float RGB 0..255, when asked for.
    pub face_rgb: Option<Tensor>,
}

/// Most rows of the analysis luma (twice the width: 9:16 phone footage stays
/// 512 wide).
pub(crate) const MAX_ANALYSIS_HEIGHT: i64 = 2 * ANALYSIS_WIDTH;

/// Analysis size `(width, height)` for a source size: 512 wide, aspect kept,
/// at least 8 rows. Frames taller than 2:1 (rare: strips, scans) are fitted
/// into 1024 rows instead, so the luma never grows without bound — a 1x4096
/// frame would otherwise need a 512x2M-pixel tensor. Their pixel-based
/// signals (shake, pan) are then in pixels of that narrower width.
fn analysis_size(width: usize, height: usize) -> (i64, i64) {
    let h = (height as f64 * ANALYSIS_WIDTH as f64 / width as f64).round() as i64;
    if h <= MAX_ANALYSIS_HEIGHT {
        return (ANALYSIS_WIDTH, h.max(8));
    }
    let w = (width as f64 * MAX_ANALYSIS_HEIGHT as f64 / height as f64).round() as i64;
    (w.max(8), MAX_ANALYSIS_HEIGHT)
}

/// Antialiased bilinear resize of `[N, C, H, W]` (area-like when shrinking).
fn resize(t: &Tensor, h: i64, w: i64) -> Result<Tensor> {
    let s = t.size();
    if s[2] == h && s[3] == w {
        return Ok(t.shallow_clone());
    }
    Ok(t.f_internal_upsample_bilinear2d_aa([h, w], false, None, None)?)
}

/// Rec.709 luma weights for `channels` samples per pixel (alpha weighted 0,
/// so RGBA reduces in one contiguous pass without dropping alpha first).
fn rec709_weights(device: Device, channels: i64) -> Result<Tensor> {
    let w: &[f32] = if channels == 4 {
        &[0.2126, 0.7152, 0.0722, 0.0]
    } else {
        &[0.2126, 0.7152, 0.0722]
    };
    Ok(Tensor::from_slice(w).f_to(device)?)
}

/// Integer decimation step for the noise measurement: the grid measured is
/// at most 960 px wide (1 up to 960 px, 2 for HD, 4 for UHD). Taking every
/// k-th pixel (no averaging) keeps the sigma of pixel noise.
fn noise_step(width: i64) -> i64 {
    ((width + 959) / 960).max(1)
}

/// `[N, C, H, W]` to a `[N, C, h, w]` u8-range thumbnail or face picture.
fn scaled_rgb(nchw: &Tensor, h: i64, w: i64) -> Result<Tensor> {
    Ok(resize(nchw, h, w)?
        .f_nan_to_num(0.0, 1.0, 0.0)?
        .f_clamp(0.0, 1.0)?)
}

/// Thumbnails come from every k-th pixel (k = width / 512) so a UHD frame
/// is not read whole for 48x27 pixels; the antialiased resize then averages
/// over the remaining ~(width / 48 / k)^2 samples.
fn thumbnail_step(width: i64) -> i64 {
    (width / ANALYSIS_WIDTH).max(1)
}

/// The `[27, 48, 3]` u8 TransNetV2 thumbnail of `[1, 3, H, W]` RGB 0..1.
fn thumbnail_of(nchw: &Tensor) -> Result<Tensor> {
    let k = thumbnail_step(nchw.size()[3]);
    let sub = if k > 1 {
        nchw.f_slice(2, 0, None, k)?.f_slice(3, 0, None, k)?
    } else {
        nchw.shallow_clone()
    };
    let t = scaled_rgb(&sub, THUMB_SIZE.1, THUMB_SIZE.0)?;
    Ok(t.f_mul_scalar(255.0)?
        .f_round()?
        .f_to_kind(Kind::Uint8)?
        .f_squeeze_dim(0)?
        .f_permute([1, 2, 0])?
        .f_contiguous()?)
}

/// Only the TransNetV2 thumbnail of a frame (the same pixels [`prepare`]
/// makes), for a shot-boundary pass; a 48x27 RGB input passes through
/// unchanged.
pub(crate) fn prepare_thumbnail(view: &FrameView<'_>, device: Device) -> Result<Tensor> {
    let is_float = matches!(view.format().depth, SampleDepth::F16 | SampleDepth::F32);
    let (_, nchw) = upload_luma_rgb(view, device, is_float)?;
    thumbnail_of(&nchw)
}

/// Uploads and converts one frame.
pub(crate) fn prepare(
    view: &FrameView<'_>,
    device: Device,
    options: PrepareOptions,
) -> Result<PreparedFrame> {
    let (h, w) = (view.height() as i64, view.width() as i64);
    // Integer samples are already finite and in 0..1; floats may be neither.
    let is_float = matches!(view.format().depth, SampleDepth::F16 | SampleDepth::F32);
    let (full_luma, nchw) = upload_luma_rgb(view, device, is_float)?;
    let k = noise_step(w);
    let noise_luma = if k > 1 {
        full_luma.f_slice(2, 0, None, k)?.f_slice(3, 0, None, k)?
    } else {
        full_luma.shallow_clone()
    };
    let noise = spatial::noise(&noise_luma)?;
    let (aw, ah) = analysis_size(view.width(), view.height());
    let luma = resize(&full_luma, ah, aw)?
        .f_clamp(0.0, 1.0)?
        .f_contiguous()?;

    let thumb = if options.thumbnail {
        Some(thumbnail_of(&nchw)?)
    } else {
        None
    };
    let face_rgb = match options.face_max_side {
        Some(side) => {
            let scale = (side as f64 / h.max(w) as f64).min(1.0);
            let fh = ((h as f64 * scale).round() as i64).max(1);
            let fw = ((w as f64 * scale).round() as i64).max(1);
            let f = scaled_rgb(&nchw, fh, fw)?.f_mul_scalar(255.0)?;
            Some(f.f_squeeze_dim(0)?.f_contiguous()?)
        }
        None => None,
    };
    Ok(PreparedFrame {
        luma,
        noise,
        thumb,
        face_rgb,
    })
}

/// The tensor path: the whole frame uploaded as float, then `[1, 1, H, W]`
/// luma (cleaned when `is_float`) and `[1, 3, H, W]` RGB (a view; grey input
/// replicated from the cleaned luma).
fn upload_luma_rgb(
    view: &FrameView<'_>,
    device: Device,
    is_float: bool,
) -> Result<(Tensor, Tensor)> {
    let samples = to_float_samples(view, device)?;
    let (h, w) = (view.height() as i64, view.width() as i64);
    let channels = samples.size()[2];
    let is_rgb = channels >= 3;
    // NaN anywhere in a pixel (alpha included) makes its luma 0 below.
    let luma = if is_rgb {
        samples.f_matmul(&rec709_weights(device, channels)?)?
    } else {
        samples.f_select(2, 0)?
    };
    let hwc = if channels == 4 {
        samples.f_narrow(2, 0, 3)?
    } else {
        samples
    };
    let full_luma = if is_float {
        luma.f_nan_to_num(0.0, 1.0, 0.0)?.f_clamp_(0.0, 1.0)?
    } else {
        luma
    }
    .f_view([1, 1, h, w])?;
    let nchw = if is_rgb {
        hwc.f_permute([2, 0, 1])?.f_unsqueeze(0)?
    } else {
        full_luma.f_expand([1, 3, h, w], false)?
    };
    Ok((full_luma, nchw))
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn analysis_size_is_bounded_for_any_aspect() {
        assert_eq!(analysis_size(1920, 1080), (512, 288));
        assert_eq!(analysis_size(1080, 1920), (512, 910));
        assert_eq!(analysis_size(1, 4096), (8, 1024));
        assert_eq!(analysis_size(64, 1), (512, 8));
        assert_eq!(analysis_size(1000, 4000), (256, 1024));
    }
}
