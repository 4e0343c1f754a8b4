//! A compact visual descriptor of a take, for grouping takes of the same setup.
//!
//! Computed from a few frames inside the take's main shot trim (see [`sample_frames`]):
//!
//! * per frame, a **16×9 luma thumbnail** (box-averaged Rec. 709 luma of the
//!   gamma-encoded RGB, 0..1), made zero-mean and unit-norm, so it describes the
//!   layout of light and dark in the frame independently of exposure and contrast;
//! * for the take, a **colour histogram in OKLab** (a perceptual space): 5 lightness
//!   bins over L 0..1 × 5×5 chroma bins over a, b −0.12..0.12 (clamped), filled with
//!   linear (soft) bin weights from the 32×18 box-averaged cells of every sampled
//!   frame, normalised to sum 1.
//!
//! Box averages make both nearly blind to blur, noise and small shifts (a degraded
//! take still looks like its setup) while different setups differ in layout and colour.
//! [`similarity`] combines them into one number in 0..1.

use serde::{Deserialize, Serialize};

/// Thumbnail width in cells.
pub const THUMB_W: usize = 16;
/// Thumbnail height in cells.
pub const THUMB_H: usize = 9;
/// Lightness bins of the histogram.
const L_BINS: usize = 5;
/// Bins per chroma axis of the histogram.
const AB_BINS: usize = 5;
/// Chroma range covered by the histogram (a and b, ±).
const AB_RANGE: f32 = 0.12;
/// Histogram bins in all.
pub const HIST_BINS: usize = L_BINS * AB_BINS * AB_BINS;
/// Frames sampled per take.
pub const SAMPLE_FRAMES: usize = 5;

/// The visual descriptor of one take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Descriptor {
    /// Per sampled frame, the zero-mean unit-norm 16×9 luma thumbnail (row-major);
    /// all zeros for a flat frame.
    pub thumbnails: Vec<Vec<f32>>,
    /// OKLab colour histogram ([`HIST_BINS`] bins, sum 1; all zeros without frames).
    pub histogram: Vec<f32>,
}

/// A packed, top-down 8-bit RGB frame.
#[derive(Debug, Clone, Copy)]
pub struct RgbFrame<'a> {
    /// `width * height * 3` bytes.
    pub data: &'a [u8],
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
}

/// `n` frame numbers evenly spaced inside `[start, end)` (cell centres); fewer when
/// the range is shorter than `n`; none when it is empty.
pub fn sample_frames(start: i64, end: i64, n: usize) -> Vec<i64> {
    let len = end - start;
    if len <= 0 || n == 0 {
        return Vec::new();
    }
    let n = (n as i64).min(len);
    let mut v: Vec<i64> = (0..n)
        .map(|k| start + (2 * k + 1) * len / (2 * n))
        .collect();
    v.dedup();
    v
}

/// Mean RGB (0..1, gamma-encoded) of each cell of a `gw`×`gh` grid over the frame.
fn cells(f: &RgbFrame<'_>, gw: usize, gh: usize) -> Vec<[f32; 3]> {
    let mut out = Vec::with_capacity(gw * gh);
    for cy in 0..gh {
        let y0 = cy * f.height / gh;
        let y1 = ((cy + 1) * f.height / gh).max(y0 + 1).min(f.height);
        for cx in 0..gw {
            let x0 = cx * f.width / gw;
            let x1 = ((cx + 1) * f.width / gw).max(x0 + 1).min(f.width);
            let mut sum = [0u64; 3];
            for y in y0..y1 {
                let row = &f.data[(y * f.width + x0) * 3..(y * f.width + x1) * 3];
                for px in row.chunks_exact(3) {
                    for (s, &v) in sum.iter_mut().zip(px) {
                        *s += u64::from(v);
                    }
                }
            }
            let n = ((y1 - y0) * (x1 - x0)).max(1) as f32 * 255.0;
            out.push(sum.map(|s| s as f32 / n));
        }
    }
    out
}

/// Zero-mean, unit-norm luma thumbnail of a frame.
fn thumbnail(f: &RgbFrame<'_>) -> Vec<f32> {
    let mut v: Vec<f32> = cells(f, THUMB_W, THUMB_H)
        .iter()
        .map(|[r, g, b]| 0.2126 * r + 0.7152 * g + 0.0722 * b)
        .collect();
    normalise_layout(&mut v);
    v
}

/// Makes a luma thumbnail zero-mean and unit-norm in place (all zeros when it is
/// flat: norm below 1e-4), so it describes the layout of light and dark only. Shared
/// with the Cut Check's [`FrameLook`](crate::edit_check::FrameLook).
pub(crate) fn normalise_layout(v: &mut [f32]) {
    if v.is_empty() {
        return;
    }
    let mean = v.iter().sum::<f32>() / v.len() as f32;
    v.iter_mut().for_each(|x| *x -= mean);
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm < 1e-4 {
        v.iter_mut().for_each(|x| *x = 0.0);
    } else {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// sRGB (gamma-encoded, 0..1) to OKLab (L 0..1, a and b roughly −0.4..0.4).
pub fn oklab(rgb: [f32; 3]) -> [f32; 3] {
    let [r, g, b] = rgb.map(srgb_to_linear);
    let l = (0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b).cbrt();
    let m = (0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b).cbrt();
    let s = (0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b).cbrt();
    [
        0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
        1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
        0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
    ]
}

/// Soft (linear) weights of `x` over `n` bins whose centres span `lo..hi`.
fn soft_bins(x: f32, lo: f32, hi: f32, n: usize) -> [(usize, f32); 2] {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0) * (n - 1) as f32;
    let i = (t.floor() as usize).min(n - 2);
    let w = t - i as f32;
    [(i, 1.0 - w), (i + 1, w)]
}

impl Descriptor {
    /// The descriptor of `frames` (the sampled frames of one take).
    pub fn from_frames(frames: &[RgbFrame<'_>]) -> Self {
        let mut histogram = vec![0.0f32; HIST_BINS];
        let mut thumbnails = Vec::with_capacity(frames.len());
        for f in frames {
            if f.width == 0 || f.height == 0 || f.data.len() < f.width * f.height * 3 {
                continue;
            }
            thumbnails.push(thumbnail(f));
            for c in cells(f, 2 * THUMB_W, 2 * THUMB_H) {
                let [l, a, b] = oklab(c);
                for (li, lw) in soft_bins(l, 0.0, 1.0, L_BINS) {
                    for (ai, aw) in soft_bins(a, -AB_RANGE, AB_RANGE, AB_BINS) {
                        for (bi, bw) in soft_bins(b, -AB_RANGE, AB_RANGE, AB_BINS) {
                            histogram[(li * AB_BINS + ai) * AB_BINS + bi] += lw * aw * bw;
                        }
                    }
                }
            }
        }
        let total: f32 = histogram.iter().sum();
        if total > 0.0 {
            histogram.iter_mut().for_each(|h| *h /= total);
        }
        Self {
            thumbnails,
            histogram,
        }
    }
}

/// Layout similarity, 0..1: for each thumbnail of one take its best correlation
/// with a thumbnail of the other, averaged, in both directions (takes need not be
/// aligned in time); negative correlations count as 0.
pub fn layout_similarity(a: &Descriptor, b: &Descriptor) -> f32 {
    let best = |x: &Descriptor, y: &Descriptor| -> f32 {
        if x.thumbnails.is_empty() {
            return 0.0;
        }
        x.thumbnails
            .iter()
            .map(|p| {
                y.thumbnails
                    .iter()
                    .map(|q| p.iter().zip(q).map(|(u, v)| u * v).sum::<f32>())
                    .fold(0.0f32, f32::max)
            })
            .sum::<f32>()
            / x.thumbnails.len() as f32
    };
    (0.5 * (best(a, b) + best(b, a))).clamp(0.0, 1.0)
}

/// Colour similarity, 0..1: histogram intersection.
pub fn colour_similarity(a: &Descriptor, b: &Descriptor) -> f32 {
    a.histogram
        .iter()
        .zip(&b.histogram)
        .map(|(x, y)| x.min(*y))
        .sum::<f32>()
        .clamp(0.0, 1.0)
}

/// Similarity of two takes, 0..1: the mean of [`layout_similarity`] and
/// [`colour_similarity`]. Symmetric.
pub fn similarity(a: &Descriptor, b: &Descriptor) -> f32 {
    0.5 * (layout_similarity(a, b) + colour_similarity(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w`×`h` frame whose pixel colour is `f(x, y)`.
    fn frame(w: usize, h: usize, f: impl Fn(usize, usize) -> [u8; 3]) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .flat_map(|(x, y)| f(x, y))
            .collect()
    }

    fn desc(data: &[u8], w: usize, h: usize) -> Descriptor {
        Descriptor::from_frames(&[RgbFrame {
            data,
            width: w,
            height: h,
        }])
    }

    #[test]
    fn samples_are_spread_inside_the_range() {
        assert_eq!(sample_frames(10, 60, 5), [15, 25, 35, 45, 55]);
        assert_eq!(sample_frames(0, 3, 5), [0, 1, 2]);
        assert!(sample_frames(5, 5, 5).is_empty());
    }

    #[test]
    fn same_layout_shifted_and_brighter_is_similar_other_layout_is_not() {
        let (w, h) = (160, 90);
        let a = frame(w, h, |x, y| {
            if x < 60 && y > 30 {
                [200, 60, 40]
            } else {
                [30, 80, 160]
            }
        });
        // The same picture, shifted 4 px and brighter.
        let b = frame(w, h, |x, y| {
            if x < 64 && y > 30 {
                [230, 80, 60]
            } else {
                [40, 95, 180]
            }
        });
        // A different setup: other layout and colours.
        let c = frame(w, h, |x, _| {
            if x > 100 {
                [240, 240, 200]
            } else {
                [60, 120, 40]
            }
        });
        let (da, db, dc) = (desc(&a, w, h), desc(&b, w, h), desc(&c, w, h));
        let ab = similarity(&da, &db);
        let ac = similarity(&da, &dc);
        assert!(ab > 0.75, "same setup {ab}");
        assert!(ac < 0.4, "other setup {ac}");
        assert_eq!(similarity(&da, &dc), similarity(&dc, &da));
        assert!((similarity(&da, &da) - 1.0).abs() < 1e-4);
        assert!((da.histogram.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn flat_and_empty_frames_do_not_break_it() {
        let black = vec![0u8; 32 * 18 * 3];
        let d = desc(&black, 32, 18);
        assert!(d.thumbnails[0].iter().all(|v| *v == 0.0));
        let none = Descriptor::from_frames(&[]);
        assert_eq!(similarity(&none, &none), 0.0);
        assert!(similarity(&d, &none).is_finite());
        let tiny = [255u8, 0, 0];
        assert!(desc(&tiny, 1, 1).histogram.iter().sum::<f32>() > 0.99);
    }
}
