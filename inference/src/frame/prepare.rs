//! From an uploaded frame to the analysis representations: luma at the fixed
//! analysis width (signals), a 48x27 RGB thumbnail (TransNetV2) and a
//! moderately sized RGB picture (faces).

use tch::{Device, Kind, Tensor};

use super::{to_float_rgb, FrameView};
use crate::error::Result;
use crate::signals::spatial;

/// Width of the luma every spatial signal is measured at.
pub(crate) const ANALYSIS_WIDTH: i64 = 512;
/// TransNetV2 input size (width, height).
pub(crate) const THUMB_SIZE: (i64, i64) = (48, 27);
/// Longest side above which noise is measured on a 2x-decimated luma
/// (decimation, not averaging, keeps the sigma of white noise).
const NOISE_DECIMATE_ABOVE: i64 = 2048;

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

/// Analysis size `(width, height)` for a source size: 512 wide, aspect kept,
/// at least 8 rows.
fn analysis_size(width: usize, height: usize) -> (i64, i64) {
    let h = (height as f64 * ANALYSIS_WIDTH as f64 / width as f64).round() as i64;
    (ANALYSIS_WIDTH, h.max(8))
}

/// Antialiased bilinear resize of `[N, C, H, W]` (area-like when shrinking).
fn resize(t: &Tensor, h: i64, w: i64) -> Result<Tensor> {
    let s = t.size();
    if s[2] == h && s[3] == w {
        return Ok(t.shallow_clone());
    }
    Ok(t.f_internal_upsample_bilinear2d_aa([h, w], false, None, None)?)
}

fn rec709_weights(device: Device) -> Result<Tensor> {
    Ok(Tensor::from_slice(&[0.2126f32, 0.7152, 0.0722]).f_to(device)?)
}

/// Uploads and converts one frame.
pub(crate) fn prepare(
    view: &FrameView<'_>,
    device: Device,
    options: PrepareOptions,
) -> Result<PreparedFrame> {
    let hwc = to_float_rgb(view, device)?;
    let (h, w) = (view.height() as i64, view.width() as i64);
    let is_rgb = hwc.size()[2] == 3;
    let luma_of = |hwc: &Tensor| -> Result<Tensor> {
        let y = if is_rgb {
            hwc.f_matmul(&rec709_weights(device)?)?
        } else {
            hwc.f_select(2, 0)?
        };
        Ok(y.f_nan_to_num(0.0, 1.0, 0.0)?.f_clamp(0.0, 1.0)?)
    };
    let full_luma = luma_of(&hwc)?.f_view([1, 1, h, w])?;
    let noise_luma = if h.max(w) > NOISE_DECIMATE_ABOVE {
        full_luma.f_slice(2, 0, None, 2)?.f_slice(3, 0, None, 2)?
    } else {
        full_luma.shallow_clone()
    };
    let noise = spatial::noise(&noise_luma)?;
    let (aw, ah) = analysis_size(view.width(), view.height());

    let need_rgb = options.thumbnail || options.face_max_side.is_some();
    let (luma, thumb, face_rgb) = if need_rgb && is_rgb {
        let nchw = hwc
            .f_permute([2, 0, 1])?
            .f_unsqueeze(0)?
            .f_nan_to_num(0.0, 1.0, 0.0)?;
        let small = resize(&nchw, ah, aw)?.f_clamp(0.0, 1.0)?;
        let luma = small
            .f_permute([0, 2, 3, 1])?
            .f_matmul(&rec709_weights(device)?)?
            .f_unsqueeze(1)?;
        let thumb = if options.thumbnail {
            let t = resize(&small, THUMB_SIZE.1, THUMB_SIZE.0)?;
            Some(
                t.f_mul_scalar(255.0)?
                    .f_round()?
                    .f_clamp(0.0, 255.0)?
                    .f_to_kind(Kind::Uint8)?
                    .f_squeeze_dim(0)?
                    .f_permute([1, 2, 0])?
                    .f_contiguous()?,
            )
        } else {
            None
        };
        let face_rgb = match options.face_max_side {
            Some(side) => {
                let scale = (side as f64 / h.max(w) as f64).min(1.0);
                let (fh, fw) = (
                    ((h as f64 * scale).round() as i64).max(1),
                    ((w as f64 * scale).round() as i64).max(1),
                );
                let f = resize(&nchw, fh, fw)?
                    .f_clamp(0.0, 1.0)?
                    .f_mul_scalar(255.0)?;
                Some(f.f_squeeze_dim(0)?.f_contiguous()?)
            }
            None => None,
        };
        (luma, thumb, face_rgb)
    } else {
        // Grey input: thumbnails and faces from grey replicated to RGB.
        let luma = resize(&full_luma, ah, aw)?.f_clamp(0.0, 1.0)?;
        let thumb = if options.thumbnail {
            let t = resize(&luma, THUMB_SIZE.1, THUMB_SIZE.0)?
                .f_mul_scalar(255.0)?
                .f_round()?
                .f_to_kind(Kind::Uint8)?
                .f_view([THUMB_SIZE.1, THUMB_SIZE.0, 1])?
                .f_expand([THUMB_SIZE.1, THUMB_SIZE.0, 3], false)?
                .f_contiguous()?;
            Some(t)
        } else {
            None
        };
        let face_rgb = match options.face_max_side {
            Some(side) => {
                let scale = (side as f64 / h.max(w) as f64).min(1.0);
                let (fh, fw) = (
                    ((h as f64 * scale).round() as i64).max(1),
                    ((w as f64 * scale).round() as i64).max(1),
                );
                let f = resize(&full_luma, fh, fw)?
                    .f_mul_scalar(255.0)?
                    .f_view([1, fh, fw])?;
                Some(f.f_expand([3, fh, fw], false)?.f_contiguous()?)
            }
            None => None,
        };
        (luma, thumb, face_rgb)
    };
    Ok(PreparedFrame {
        luma: luma.f_contiguous()?,
        noise,
        thumb,
        face_rgb,
    })
}
