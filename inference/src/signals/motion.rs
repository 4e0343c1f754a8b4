//! Frame-to-frame measurements on analysis luma `[1, 1, H, W]` (0..1):
//! global translation by phase correlation, residual after compensating it,
//! and the plain difference.

use tch::{Kind, Tensor};

use crate::error::Result;

/// Measurements between a frame and its predecessor.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct PairMeasures {
    /// Global shift previous -> current, pixels (+ = content moved right).
    pub dx: f32,
    /// Global shift previous -> current, pixels (+ = content moved down).
    pub dy: f32,
    /// Phase-correlation peak strength 0..1.
    pub confidence: f32,
    /// Mean |cur - shifted prev| over the overlap, 0..1.
    pub residual: f32,
    /// Mean |cur - prev|, 0..1.
    pub diff: f32,
}

/// Separable Hann window `[H, W]`.
fn hann2d(h: i64, w: i64, like: &Tensor) -> Result<Tensor> {
    let opts = (Kind::Float, like.device());
    let wy = Tensor::f_hann_window_periodic(h, false, opts)?.f_view([h, 1])?;
    let wx = Tensor::f_hann_window_periodic(w, false, opts)?.f_view([1, w])?;
    Ok(wy.f_mul(&wx)?)
}

/// Parabolic sub-sample offset of a peak from its two neighbours, in -0.5..0.5.
fn parabolic(left: f64, centre: f64, right: f64) -> f64 {
    let denom = left - 2.0 * centre + right;
    if denom.abs() < 1e-12 {
        0.0
    } else {
        (0.5 * (left - right) / denom).clamp(-0.5, 0.5)
    }
}

/// Estimates the global translation `prev -> cur` by phase correlation
/// (mean-removed, Hann-windowed, normalised cross-power spectrum, sub-pixel
/// parabolic peak). Returns `(dx, dy, peak strength)`; featureless frames
/// give `(0, 0, 0)`.
pub(crate) fn phase_correlation(prev: &Tensor, cur: &Tensor) -> Result<(f32, f32, f32)> {
    let s = cur.size();
    let (h, w) = (s[2], s[3]);
    if h < 4 || w < 4 {
        return Ok((0.0, 0.0, 0.0));
    }
    // Featureless frames (flat, black) have no translation to find; their
    // spectra are rounding noise that normalisation would blow up.
    let flat = |t: &Tensor| -> Result<bool> { Ok(t.f_std(false)?.f_double_value(&[])? < 1e-4) };
    if flat(prev)? || flat(cur)? {
        return Ok((0.0, 0.0, 0.0));
    }
    let win = hann2d(h, w, cur)?;
    let prep = |t: &Tensor| -> Result<Tensor> {
        let t = t.f_view([h, w])?;
        Ok(t.f_sub(&t.f_mean(Kind::Float)?)?.f_mul(&win)?)
    };
    let fa = prep(prev)?.f_fft_rfft2(None::<&[i64]>, [0, 1], "backward")?;
    let fb = prep(cur)?.f_fft_rfft2(None::<&[i64]>, [0, 1], "backward")?;
    let cross = fb.f_mul(&fa.f_conj()?)?;
    let mag = cross.f_abs()?;
    let floor = mag.f_max()?.f_double_value(&[])? * 1e-9 + 1e-30;
    let mag = mag.f_add_scalar(floor)?;
    let r = cross
        .f_div(&mag)?
        .f_fft_irfft2(Some([h, w].as_slice()), [0, 1], "backward")?;
    let peak = r.f_argmax(None, false)?.f_int64_value(&[])?;
    let (py, px) = (peak / w, peak % w);
    // The 3x3 neighbourhood (circular) around the peak, one host copy.
    let rows = Tensor::from_slice(&[(py + h - 1) % h, py, (py + 1) % h]).f_to(r.device())?;
    let cols = Tensor::from_slice(&[(px + w - 1) % w, px, (px + 1) % w]).f_to(r.device())?;
    let block = r.f_index_select(0, &rows)?.f_index_select(1, &cols)?;
    let v = Vec::<f64>::try_from(block.f_to_kind(Kind::Double)?.f_view([9])?)?;
    let centre = v[4];
    if centre <= 1e-9 {
        return Ok((0.0, 0.0, 0.0));
    }
    let wrap = |p: i64, n: i64| if p > n / 2 { p - n } else { p } as f64;
    let dx = wrap(px, w) + parabolic(v[3], centre, v[5]);
    let dy = wrap(py, h) + parabolic(v[1], centre, v[7]);
    let strength = v.iter().map(|x| x.max(0.0)).sum::<f64>().clamp(0.0, 1.0);
    Ok((dx as f32, dy as f32, strength as f32))
}

/// Mean |cur - prev shifted by (dx, dy)| (bilinear) over the region where the
/// shifted frame is defined.
pub(crate) fn residual_after_shift(prev: &Tensor, cur: &Tensor, dx: f32, dy: f32) -> Result<f32> {
    let s = cur.size();
    let (h, w) = (s[2], s[3]);
    let (mx, my) = (dx.abs().ceil() as i64 + 1, dy.abs().ceil() as i64 + 1);
    if w - 2 * mx < 1 || h - 2 * my < 1 {
        return Ok(cur
            .f_sub(prev)?
            .f_abs()?
            .f_mean(Kind::Float)?
            .f_double_value(&[])? as f32);
    }
    // Sample prev at (x - dx, y - dy): normalised coordinates, align_corners.
    let opts = (Kind::Float, cur.device());
    let gx = Tensor::f_arange(w, opts)?
        .f_sub_scalar(f64::from(dx))?
        .f_mul_scalar(2.0 / (w - 1) as f64)?
        .f_sub_scalar(1.0)?
        .f_view([1, w])?
        .f_expand([h, w], false)?;
    let gy = Tensor::f_arange(h, opts)?
        .f_sub_scalar(f64::from(dy))?
        .f_mul_scalar(2.0 / (h - 1) as f64)?
        .f_sub_scalar(1.0)?
        .f_view([h, 1])?
        .f_expand([h, w], false)?;
    let grid = Tensor::f_stack(&[gx, gy], 2)?.f_unsqueeze(0)?;
    let warped = prev.f_grid_sampler_2d(&grid, 0, 1, true)?;
    let d = cur.f_sub(&warped)?.f_abs()?;
    let inner = d.f_narrow(2, my, h - 2 * my)?.f_narrow(3, mx, w - 2 * mx)?;
    Ok(inner.f_mean(Kind::Float)?.f_double_value(&[])? as f32)
}

/// All pair measurements; frames of different sizes give the default (0s).
pub(crate) fn measure_pair(prev: &Tensor, cur: &Tensor) -> Result<PairMeasures> {
    if prev.size() != cur.size() {
        return Ok(PairMeasures::default());
    }
    let diff = cur
        .f_sub(prev)?
        .f_abs()?
        .f_mean(Kind::Float)?
        .f_double_value(&[])? as f32;
    let (dx, dy, confidence) = phase_correlation(prev, cur)?;
    let residual = residual_after_shift(prev, cur, dx, dy)?;
    Ok(PairMeasures {
        dx,
        dy,
        confidence,
        residual,
        diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::testutil::textured;

    /// A window of a bigger texture, displaced by a (possibly fractional) shift.
    fn window(big: &Tensor, x: f64, y: f64, w: i64, h: i64) -> Tensor {
        let (bx, by) = (x.floor() as i64, y.floor() as i64);
        let (fx, fy) = (x - bx as f64, y - by as f64);
        let at = |ox: i64, oy: i64| big.narrow(2, by + oy, h).narrow(3, bx + ox, w);
        at(0, 0) * ((1.0 - fx) * (1.0 - fy))
            + at(1, 0) * (fx * (1.0 - fy))
            + at(0, 1) * ((1.0 - fx) * fy)
            + at(1, 1) * (fx * fy)
    }

    #[test]
    fn finds_known_shifts_within_half_a_pixel() {
        let big = textured(640, 360, 11);
        let prev = window(&big, 40.0, 40.0, 512, 256);
        for (dx, dy) in [(3.0, -2.0), (-7.5, 4.25), (12.0, 9.0), (0.3, -0.6)] {
            // Content moves by (dx, dy): the window moves by (-dx, -dy).
            let cur = window(&big, 40.0 - dx, 40.0 - dy, 512, 256);
            let m = measure_pair(&prev, &cur).unwrap();
            assert!(
                (f64::from(m.dx) - dx).abs() < 0.5 && (f64::from(m.dy) - dy).abs() < 0.5,
                "expected ({dx}, {dy}) got ({}, {})",
                m.dx,
                m.dy
            );
            assert!(m.confidence > 0.3, "confidence {}", m.confidence);
            assert!(
                m.residual < 0.5 * m.diff,
                "residual {} diff {}",
                m.residual,
                m.diff
            );
        }
    }

    #[test]
    fn identical_frames_have_no_difference() {
        let t = textured(320, 180, 5);
        let m = measure_pair(&t, &t.copy()).unwrap();
        assert_eq!(m.diff, 0.0);
        assert!(m.dx.abs() < 1e-3 && m.dy.abs() < 1e-3, "{m:?}");
        assert!(m.residual < 1e-6);
        assert!(m.confidence > 0.9);
    }

    #[test]
    fn flat_frames_have_no_motion() {
        let a = Tensor::full([1, 1, 64, 64], 0.3, (Kind::Float, tch::Device::Cpu));
        let m = measure_pair(&a, &a.full_like(0.4)).unwrap();
        assert_eq!((m.dx, m.dy, m.confidence), (0.0, 0.0, 0.0));
        assert!((m.diff - 0.1).abs() < 1e-6);
    }
}
