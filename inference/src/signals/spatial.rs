//! Single-frame measurements on luma tensors `[N, 1, H, W]` (0..1).

use tch::{Kind, Tensor};

use crate::error::Result;

/// 4-neighbour Laplacian kernel `[[0,1,0],[1,-4,1],[0,1,0]]`.
fn laplacian_kernel(like: &Tensor) -> Result<Tensor> {
    let k = [0.0f32, 1.0, 0.0, 1.0, -4.0, 1.0, 0.0, 1.0, 0.0];
    Ok(Tensor::from_slice(&k)
        .f_view([1, 1, 3, 3])?
        .f_to(like.device())?)
}

fn conv_valid(luma: &Tensor, kernel: &Tensor) -> Result<Tensor> {
    Ok(luma.f_conv2d::<Tensor>(kernel, None, [1, 1], [0, 0], [1, 1], 1)?)
}

/// Focus: population variance of the Laplacian over the valid interior, x1e3.
/// Frames smaller than 3x3 get 0. Returns `[N]`.
pub(crate) fn focus(luma: &Tensor) -> Result<Tensor> {
    let (n, h, w) = dims(luma);
    if h < 3 || w < 3 {
        return Ok(Tensor::f_zeros([n], (Kind::Float, luma.device()))?);
    }
    let lap = conv_valid(luma, &laplacian_kernel(luma)?)?;
    Ok(lap
        .f_view([n, -1])?
        .f_var_dim(Some([1i64].as_slice()), false, false)?
        .f_mul_scalar(1e3)?)
}

/// Exposure: mean luma, fraction >= 0.98 (clipped), fraction <= 0.02
/// (crushed). Each `[N]`.
pub(crate) fn exposure(luma: &Tensor) -> Result<(Tensor, Tensor, Tensor)> {
    let flat = luma.f_view([luma.size()[0], -1])?;
    let dim = Some([1i64].as_slice());
    let mean = flat.f_mean_dim(dim, false, Kind::Float)?;
    let clipped = flat.f_ge(0.98)?.f_mean_dim(dim, false, Kind::Float)?;
    let crushed = flat.f_le(0.02)?.f_mean_dim(dim, false, Kind::Float)?;
    Ok((mean, clipped, crushed))
}

/// Noise sigma by Immerkaer's fast method (1996):
/// `sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum |I * M|` with
/// `M = [1,-2,1]^T [1,-2,1]` (applied separably). Unbiased for white
/// Gaussian noise on flat content; edges and fine texture raise it. `[N]`.
pub(crate) fn noise(luma: &Tensor) -> Result<Tensor> {
    let (n, h, w) = dims(luma);
    if h < 3 || w < 3 {
        return Ok(Tensor::f_zeros([n], (Kind::Float, luma.device()))?);
    }
    let second_diff = |t: &Tensor, dim: i64, len: i64| -> Result<Tensor> {
        let mid = t.f_narrow(dim, 1, len - 2)?.f_mul_scalar(2.0)?;
        Ok(t.f_narrow(dim, 0, len - 2)?
            .f_sub(&mid)?
            .f_add(&t.f_narrow(dim, 2, len - 2)?)?)
    };
    let r = second_diff(&second_diff(luma, 3, w)?, 2, h)?;
    let scale = (std::f64::consts::PI / 2.0).sqrt() / 6.0;
    Ok(r.f_abs()?
        .f_reshape([n, -1])?
        .f_mean_dim(Some([1i64].as_slice()), false, Kind::Float)?
        .f_mul_scalar(scale)?)
}

/// The focus measure of one frame's luma `[1, 1, H, W]` inside a box given in
/// 0..1 frame coordinates; boxes smaller than 3x3 analysis pixels give 0.
pub(crate) fn focus_in_box(luma: &Tensor, x0: f32, y0: f32, x1: f32, y1: f32) -> Result<f32> {
    let (_, h, w) = dims(luma);
    let px = |v: f32, n: i64| ((v.clamp(0.0, 1.0) * n as f32).round() as i64).clamp(0, n);
    let (ax, bx) = (px(x0.min(x1), w), px(x0.max(x1), w));
    let (ay, by) = (px(y0.min(y1), h), px(y0.max(y1), h));
    if bx - ax < 3 || by - ay < 3 {
        return Ok(0.0);
    }
    let crop = luma.f_narrow(2, ay, by - ay)?.f_narrow(3, ax, bx - ax)?;
    Ok(focus(&crop)?.f_double_value(&[0])? as f32)
}

fn dims(luma: &Tensor) -> (i64, i64, i64) {
    let s = luma.size();
    (s[0], s[2], s[3])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::testutil::{blur, gaussian_noise, textured};

    fn one(t: Tensor) -> f32 {
        t.double_value(&[0]) as f32
    }

    #[test]
    fn blurred_frame_is_less_sharp() {
        let sharp = textured(256, 192, 1);
        let soft = blur(&sharp, 5);
        let (fs, fb) = (one(focus(&sharp).unwrap()), one(focus(&soft).unwrap()));
        assert!(fs > 2.0 * fb, "sharp {fs} vs blurred {fb}");
        assert!(fb > 0.0);
    }

    #[test]
    fn black_frame_exposure() {
        let black = Tensor::zeros([1, 1, 64, 64], (Kind::Float, tch::Device::Cpu));
        let (mean, clipped, crushed) = exposure(&black).unwrap();
        assert_eq!((one(mean), one(clipped), one(crushed)), (0.0, 0.0, 1.0));
        assert_eq!(one(focus(&black).unwrap()), 0.0);
        assert_eq!(one(noise(&black).unwrap()), 0.0);
        let white = black.ones_like();
        let (mean, clipped, crushed) = exposure(&white).unwrap();
        assert_eq!((one(mean), one(clipped), one(crushed)), (1.0, 1.0, 0.0));
    }

    #[test]
    fn estimates_added_gaussian_noise() {
        for sigma in [0.005f32, 0.02, 0.05] {
            let grey = Tensor::full([1, 1, 540, 960], 0.5, (Kind::Float, tch::Device::Cpu));
            let noisy = &grey + gaussian_noise(&grey, sigma, 7);
            let est = one(noise(&noisy).unwrap());
            assert!(
                (est - sigma).abs() < 0.05 * sigma,
                "sigma {sigma} estimated {est}"
            );
        }
    }

    #[test]
    fn separable_noise_equals_immerkaer_convolution() {
        let t = textured(97, 61, 9);
        let k = [1.0f32, -2.0, 1.0, -2.0, 4.0, -2.0, 1.0, -2.0, 1.0];
        let kernel = Tensor::from_slice(&k).view([1, 1, 3, 3]);
        let direct = conv_valid(&t, &kernel).unwrap().abs().mean(Kind::Float)
            * ((std::f64::consts::PI / 2.0).sqrt() / 6.0);
        let (a, b) = (one(direct.view([1])), one(noise(&t).unwrap()));
        assert!((a - b).abs() < 1e-5 * a, "{a} vs {b}");
    }

    #[test]
    fn face_box_focus_matches_crop() {
        let t = textured(128, 128, 3);
        let whole = one(focus(&t).unwrap());
        let boxed = focus_in_box(&t, 0.0, 0.0, 1.0, 1.0).unwrap();
        assert!((whole - boxed).abs() < 1e-6 * whole.max(1.0));
        assert_eq!(focus_in_box(&t, 0.5, 0.5, 0.51, 0.9).unwrap(), 0.0);
    }
}
