//! A frame's look: its layout of light and dark and its mean colour, for jump-cut,
//! exposure and colour-jump checks across a cut.
//!
//! Computed on the CPU from a grid of at most [`GRID_W`]×[`GRID_H`] point samples
//! (one per grid cell, at the cell centre), so its cost does not grow with the frame
//! size: about 9,000 samples for HD or UHD alike.

use serde::{Deserialize, Serialize};

use crate::assemble::descriptor::{normalise_layout, oklab, THUMB_H, THUMB_W};
use crate::error::Result;
use crate::frame::{ChannelLayout, FrameView, SampleDepth};

/// Most sample columns read per frame.
pub const GRID_W: usize = 128;
/// Most sample rows read per frame.
pub const GRID_H: usize = 72;

/// Compact look of one frame (computed on the CPU from a few thousand samples).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameLook {
    /// Frame number as given by the caller.
    pub frame: i64,
    /// Zero-mean, unit-norm 16×9 luma thumbnail (row-major, row 0 = top); all zeros for a flat frame.
    pub layout: Vec<f32>,
    /// Mean OKLab colour (L 0..1, a, b) of the frame's code values read as sRGB.
    pub oklab: [f32; 3],
    /// Mean Rec. 709 luma of the code values, 0..1.
    pub luma_mean: f32,
}

/// One sample's code values, 0..1 (float formats clamped), or `None` when any
/// channel is NaN or infinite.
fn read_sample(
    row: &[u8],
    x: usize,
    depth: SampleDepth,
    layout: ChannelLayout,
) -> Option<[f32; 3]> {
    let bytes = depth.bytes();
    let base = x * bytes * layout.channels();
    let channel = |c: usize| -> f32 {
        let at = base + c * bytes;
        let b = &row[at..at + bytes];
        match depth {
            SampleDepth::U8 => f32::from(b[0]) / 255.0,
            SampleDepth::U16 => f32::from(u16::from_ne_bytes([b[0], b[1]])) / 65535.0,
            SampleDepth::F16 => half::f16::from_ne_bytes([b[0], b[1]]).to_f32(),
            SampleDepth::F32 => f32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
        }
    };
    let rgb = match layout {
        ChannelLayout::Rgba | ChannelLayout::Rgb => [channel(0), channel(1), channel(2)],
        ChannelLayout::Luma => {
            let y = channel(0);
            [y, y, y]
        }
    };
    rgb.iter()
        .all(|v| v.is_finite())
        .then(|| rgb.map(|v| v.clamp(0.0, 1.0)))
}

/// Rec. 709 luma of code values.
fn luma(rgb: [f32; 3]) -> f32 {
    0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
}

impl FrameLook {
    /// The look of `view` (any supported pixel format; luma-only frames have a = b = 0).
    /// Integer samples are full range; float samples are code values clamped to 0..1;
    /// samples with a NaN or infinite channel are skipped (a frame without any valid
    /// sample has a flat layout, black colour and zero luma).
    pub fn from_view(frame: i64, view: &FrameView<'_>) -> Result<Self> {
        let (w, h) = (view.width(), view.height());
        let format = view.format();
        // At least one sample per thumbnail cell, at most GRID_W x GRID_H.
        let gw = w.clamp(THUMB_W, GRID_W);
        let gh = h.clamp(THUMB_H, GRID_H);
        let mut cell_sum = vec![0.0f64; THUMB_W * THUMB_H];
        let mut cell_n = vec![0u32; THUMB_W * THUMB_H];
        let mut lab_sum = [0.0f64; 3];
        let mut luma_sum = 0.0f64;
        let mut n = 0u32;
        for j in 0..gh {
            let y = (2 * j + 1) * h / (2 * gh);
            let row = view.row(y);
            let cy = j * THUMB_H / gh;
            for i in 0..gw {
                let x = (2 * i + 1) * w / (2 * gw);
                let Some(rgb) = read_sample(row, x, format.depth, format.layout) else {
                    continue;
                };
                let y = luma(rgb);
                let cell = cy * THUMB_W + i * THUMB_W / gw;
                cell_sum[cell] += f64::from(y);
                cell_n[cell] += 1;
                luma_sum += f64::from(y);
                let lab = oklab(rgb);
                for (s, v) in lab_sum.iter_mut().zip(lab) {
                    *s += f64::from(v);
                }
                n += 1;
            }
        }
        if n == 0 {
            return Ok(Self {
                frame,
                layout: vec![0.0; THUMB_W * THUMB_H],
                oklab: [0.0; 3],
                luma_mean: 0.0,
            });
        }
        let luma_mean = (luma_sum / f64::from(n)) as f32;
        // Cells without a valid sample take the frame's mean: no structure there.
        let mut layout: Vec<f32> = cell_sum
            .iter()
            .zip(&cell_n)
            .map(|(&s, &k)| {
                if k == 0 {
                    luma_mean
                } else {
                    (s / f64::from(k)) as f32
                }
            })
            .collect();
        normalise_layout(&mut layout);
        let mut lab = lab_sum.map(|s| (s / f64::from(n)) as f32);
        if format.layout == ChannelLayout::Luma {
            lab[1] = 0.0;
            lab[2] = 0.0;
        }
        Ok(Self {
            frame,
            layout,
            oklab: lab,
            luma_mean,
        })
    }

    /// Layout similarity with `other`, 0..1: the correlation of the two thumbnails,
    /// negative correlations as 0 (1 = the same arrangement of light and dark).
    pub fn framing_similarity(&self, other: &Self) -> f32 {
        self.layout
            .iter()
            .zip(&other.layout)
            .map(|(a, b)| a * b)
            .sum::<f32>()
            .clamp(0.0, 1.0)
    }

    /// Chroma distance to `other`: Euclidean distance of the mean OKLab (a, b).
    pub fn chroma_distance(&self, other: &Self) -> f32 {
        (self.oklab[1] - other.oklab[1]).hypot(self.oklab[2] - other.oklab[2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::PixelFormat;

    /// A `w`x`h` RGB picture (0..1): a horizontal gradient with a warm box.
    fn picture(w: usize, h: usize) -> Vec<[f32; 3]> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| {
                let g = x as f32 / w as f32;
                if x > w / 2 && y < h / 3 {
                    [0.9, 0.6, 0.2]
                } else {
                    [0.2 + 0.5 * g, 0.5, 0.3]
                }
            })
            .collect()
    }

    fn encode(px: &[[f32; 3]], depth: SampleDepth, layout: ChannelLayout) -> Vec<u8> {
        let mut out = Vec::new();
        for p in px {
            let values: Vec<f32> = match layout {
                ChannelLayout::Rgba => vec![p[0], p[1], p[2], 1.0],
                ChannelLayout::Rgb => p.to_vec(),
                ChannelLayout::Luma => vec![luma(*p)],
            };
            for v in values {
                match depth {
                    SampleDepth::U8 => out.push((v * 255.0).round() as u8),
                    SampleDepth::U16 => {
                        out.extend(((v * 65535.0).round() as u16).to_ne_bytes());
                    }
                    SampleDepth::F16 => out.extend(half::f16::from_f32(v).to_ne_bytes()),
                    SampleDepth::F32 => out.extend(v.to_ne_bytes()),
                }
            }
        }
        out
    }

    const DEPTHS: [SampleDepth; 4] = [
        SampleDepth::U8,
        SampleDepth::U16,
        SampleDepth::F16,
        SampleDepth::F32,
    ];
    const LAYOUTS: [ChannelLayout; 3] =
        [ChannelLayout::Rgba, ChannelLayout::Rgb, ChannelLayout::Luma];

    fn look(
        px: &[[f32; 3]],
        w: usize,
        h: usize,
        depth: SampleDepth,
        layout: ChannelLayout,
    ) -> FrameLook {
        let bytes = encode(px, depth, layout);
        let view = FrameView::packed(&bytes, w, h, PixelFormat::new(depth, layout)).unwrap();
        FrameLook::from_view(7, &view).unwrap()
    }

    #[test]
    fn every_pixel_format_gives_the_same_look() {
        let (w, h) = (300, 170);
        let px = picture(w, h);
        let reference = look(&px, w, h, SampleDepth::F32, ChannelLayout::Rgb);
        assert_eq!(reference.frame, 7);
        assert_eq!(reference.layout.len(), THUMB_W * THUMB_H);
        let norm: f32 = reference.layout.iter().map(|v| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4, "unit norm {norm}");
        assert!(reference.oklab[1].abs() + reference.oklab[2].abs() > 0.02);
        for depth in DEPTHS {
            for layout in LAYOUTS {
                let l = look(&px, w, h, depth, layout);
                let what = format!("{depth:?} {layout:?}");
                assert!(
                    (l.luma_mean - reference.luma_mean).abs() < 3e-3,
                    "{what} luma"
                );
                assert!(l.framing_similarity(&reference) > 0.999, "{what} layout");
                if layout == ChannelLayout::Luma {
                    assert_eq!((l.oklab[1], l.oklab[2]), (0.0, 0.0), "{what}");
                } else {
                    for c in 0..3 {
                        assert!((l.oklab[c] - reference.oklab[c]).abs() < 3e-3, "{what} lab");
                    }
                }
            }
        }
    }

    #[test]
    fn cost_is_bounded_and_small_frames_fill_every_cell() {
        // A 1x1 frame still gives a (flat) layout of every cell.
        let l = look(
            &[[0.5, 0.5, 0.5]],
            1,
            1,
            SampleDepth::F32,
            ChannelLayout::Rgb,
        );
        assert_eq!(l.layout, vec![0.0; THUMB_W * THUMB_H]);
        assert!((l.luma_mean - 0.5).abs() < 1e-5);
        // A bottom-up view reads the same picture as the top-down one.
        let (w, h) = (64, 36);
        let px = picture(w, h);
        let top_down = look(&px, w, h, SampleDepth::U8, ChannelLayout::Rgba);
        let bytes = encode(&px, SampleDepth::U8, ChannelLayout::Rgba);
        let mut flipped = Vec::new();
        for y in (0..h).rev() {
            flipped.extend_from_slice(&bytes[y * w * 4..(y + 1) * w * 4]);
        }
        let f = PixelFormat::new(SampleDepth::U8, ChannelLayout::Rgba);
        let view = FrameView::new(&flipped, w, h, -(w as isize * 4), (h - 1) * w * 4, f).unwrap();
        assert_eq!(FrameLook::from_view(7, &view).unwrap(), top_down);
    }

    #[test]
    fn nan_and_infinite_samples_are_ignored() {
        let (w, h) = (160, 90);
        let px = picture(w, h);
        let clean = look(&px, w, h, SampleDepth::F32, ChannelLayout::Rgb);
        let mut dirty = px.clone();
        for (k, p) in dirty.iter_mut().enumerate() {
            if k % 7 == 0 {
                p[k % 3] = if k % 2 == 0 { f32::NAN } else { f32::INFINITY };
            }
        }
        let l = look(&dirty, w, h, SampleDepth::F32, ChannelLayout::Rgb);
        assert!(l.luma_mean.is_finite() && l.oklab.iter().all(|v| v.is_finite()));
        assert!((l.luma_mean - clean.luma_mean).abs() < 0.02);
        assert!(l.framing_similarity(&clean) > 0.98);
        let all_nan = vec![[f32::NAN; 3]; w * h];
        let l = look(&all_nan, w, h, SampleDepth::F32, ChannelLayout::Rgb);
        assert_eq!((l.luma_mean, l.oklab), (0.0, [0.0; 3]));
        // Out-of-range floats are clamped like the engine does.
        let hot = vec![[4.0f32, 4.0, 4.0]; w * h];
        assert!(
            (look(&hot, w, h, SampleDepth::F32, ChannelLayout::Rgb).luma_mean - 1.0).abs() < 1e-5
        );
    }

    #[test]
    fn different_framings_and_colours_are_told_apart() {
        let (w, h) = (160, 90);
        let a = picture(w, h);
        let mirrored: Vec<[f32; 3]> = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| a[y * w + (w - 1 - x)])
            .collect();
        let warm: Vec<[f32; 3]> = a.iter().map(|p| [p[0] * 1.3, p[1], p[2] * 0.7]).collect();
        let la = look(&a, w, h, SampleDepth::U8, ChannelLayout::Rgb);
        let lm = look(&mirrored, w, h, SampleDepth::U8, ChannelLayout::Rgb);
        let lw = look(&warm, w, h, SampleDepth::U8, ChannelLayout::Rgb);
        assert!(
            la.framing_similarity(&lm) < 0.5,
            "{}",
            la.framing_similarity(&lm)
        );
        assert!(la.framing_similarity(&lw) > 0.9);
        assert!(
            la.chroma_distance(&lw) > 0.03,
            "{}",
            la.chroma_distance(&lw)
        );
        assert!(la.chroma_distance(&lm) < 1e-3);
    }
}
