//! Small robust-statistics and run-length helpers used by the clip-level analysis.
//! All functions ignore non-finite values and are deterministic.

/// Median of the finite values, `None` when there are none.
pub fn median(values: &[f32]) -> Option<f32> {
    percentile(values, 0.5)
}

/// `q`-quantile (0..1, linear interpolation) of the finite values, `None` when there are none.
pub fn percentile(values: &[f32], q: f32) -> Option<f32> {
    let mut v: Vec<f32> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    let pos = q.clamp(0.0, 1.0) * (v.len() - 1) as f32;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let t = pos - lo as f32;
    Some(v[lo] + (v[hi] - v[lo]) * t)
}

/// Median absolute deviation around the median, scaled by 1.4826 so it estimates a
/// Gaussian standard deviation. `None` when there are no finite values.
pub fn mad_sigma(values: &[f32]) -> Option<f32> {
    let m = median(values)?;
    let dev: Vec<f32> = values
        .iter()
        .filter(|x| x.is_finite())
        .map(|x| (x - m).abs())
        .collect();
    median(&dev).map(|d| d * 1.4826)
}

/// Mean of the finite values, `None` when there are none.
pub fn mean(values: &[f32]) -> Option<f32> {
    let (sum, n) = values
        .iter()
        .filter(|x| x.is_finite())
        .fold((0.0f64, 0usize), |(s, n), &x| (s + f64::from(x), n + 1));
    (n > 0).then(|| (sum / n as f64) as f32)
}

/// Centred moving median with half-width `half` (window `2*half+1`, shrunk at the
/// ends). Non-finite entries are skipped; a window with none gives NaN.
pub fn moving_median(values: &[f32], half: usize) -> Vec<f32> {
    (0..values.len())
        .map(|i| {
            let lo = i.saturating_sub(half);
            let hi = (i + half + 1).min(values.len());
            median(&values[lo..hi]).unwrap_or(f32::NAN)
        })
        .collect()
}

/// Centred moving mean with half-width `half`, shrunk at the ends; non-finite
/// entries are skipped, a window with none gives NaN.
pub fn moving_mean(values: &[f32], half: usize) -> Vec<f32> {
    (0..values.len())
        .map(|i| {
            let lo = i.saturating_sub(half);
            let hi = (i + half + 1).min(values.len());
            mean(&values[lo..hi]).unwrap_or(f32::NAN)
        })
        .collect()
}

/// Centred moving interquartile mean (mean of the middle half of the window) with
/// half-width `half`, shrunk at the ends. Robust to single spikes like a median but,
/// unlike a median, gives ~0 for a signal alternating around 0. NaN-skipping.
pub fn moving_iq_mean(values: &[f32], half: usize) -> Vec<f32> {
    (0..values.len())
        .map(|i| {
            let lo = i.saturating_sub(half);
            let hi = (i + half + 1).min(values.len());
            let mut w: Vec<f32> = values[lo..hi]
                .iter()
                .copied()
                .filter(|x| x.is_finite())
                .collect();
            if w.is_empty() {
                return f32::NAN;
            }
            w.sort_by(f32::total_cmp);
            let cut = w.len() / 4;
            mean(&w[cut..w.len() - cut]).unwrap_or(f32::NAN)
        })
        .collect()
}

/// Half-open index runs `[start, end)` where `mask` is true, after closing gaps of at
/// most `max_gap` false entries between true runs, keeping runs of at least `min_len`.
pub fn runs(mask: &[bool], min_len: usize, max_gap: usize) -> Vec<(usize, usize)> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < mask.len() {
        if mask[i] {
            let s = i;
            while i < mask.len() && mask[i] {
                i += 1;
            }
            match raw.last_mut() {
                Some(last) if s - last.1 <= max_gap => last.1 = i,
                _ => raw.push((s, i)),
            }
        } else {
            i += 1;
        }
    }
    raw.retain(|(s, e)| e - s >= min_len.max(1));
    raw
}

/// Number of frames closest to `seconds` at `fps`, at least `min`.
pub fn frames_for(seconds: f32, fps: f64, min: usize) -> usize {
    ((f64::from(seconds) * fps).round() as usize).max(min)
}

/// Frames per second of a rate; 25 when the rate is invalid (zero numerator or denominator).
pub fn fps_of(rate: crate::signals::types::FrameRate) -> f64 {
    if rate.num == 0 || rate.den == 0 {
        25.0
    } else {
        f64::from(rate.num) / f64::from(rate.den)
    }
}

/// `x` mapped linearly from `[lo, hi]` to `[0, 1]`, clamped; 0 for non-finite `x`.
pub fn ramp(x: f32, lo: f32, hi: f32) -> f32 {
    if !x.is_finite() {
        return 0.0;
    }
    if hi <= lo {
        return if x >= hi { 1.0 } else { 0.0 };
    }
    ((x - lo) / (hi - lo)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robust_stats() {
        let v = [1.0, 2.0, 3.0, 4.0, 100.0, f32::NAN];
        assert_eq!(median(&v), Some(3.0));
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert_eq!(percentile(&v, 1.0), Some(100.0));
        assert!((mad_sigma(&v).unwrap() - 1.4826).abs() < 1e-4);
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn runs_close_gaps_and_drop_short() {
        let m = [true, false, true, true, false, false, false, true];
        assert_eq!(runs(&m, 1, 1), vec![(0, 4), (7, 8)]);
        assert_eq!(runs(&m, 2, 1), vec![(0, 4)]);
        assert_eq!(runs(&m, 1, 0), vec![(0, 1), (2, 4), (7, 8)]);
    }

    #[test]
    fn moving_windows_shrink_at_ends() {
        let v = [0.0, 10.0, 0.0, 0.0];
        assert_eq!(moving_median(&v, 1), vec![5.0, 0.0, 0.0, 0.0]);
        assert_eq!(moving_mean(&v, 1)[0], 5.0);
    }
}
