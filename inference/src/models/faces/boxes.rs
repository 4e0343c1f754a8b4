//! MTCNN's box arithmetic, as facenet-pytorch does it (`detect_face.py`).
//!
//! Boxes are `[K, 5]` f32 tensors: x0, y0, x1, y1 in pixels, then a score.

use crate::Result;
use tch::{Device, IndexOp, Kind, Tensor};

/// P-Net's cell: 12 pixels at stride 2 of the scaled image.
const CELL: f64 = 12.0;
const STRIDE: f64 = 2.0;

/// Candidate boxes from one P-Net output: `reg [1, 4, h, w]`, face
/// probability `prob [h, w]`. Returns `[K, 9]`: box in pixels of the full
/// image, score, then the 4 regression offsets.
pub fn candidates(reg: &Tensor, prob: &Tensor, scale: f64, threshold: f64) -> Tensor {
    let mask = prob.ge(threshold);
    let cells = mask.nonzero(); // [K, 2] (row, col)
    let score = prob.masked_select(&mask).unsqueeze(1);
    let offsets = reg
        .i(0)
        .permute([1, 2, 0])
        .index(&[Some(mask)])
        .to_kind(Kind::Float); // [K, 4]
    let xy = cells.flip([1]).to_kind(Kind::Float);
    let q0 = ((&xy * STRIDE + 1.0) / scale).floor();
    let q1 = ((&xy * STRIDE + CELL) / scale).floor();
    Tensor::cat(&[q0, q1, score, offsets], 1)
}

/// Applies P-Net's regression: offsets scaled by the box size without the
/// inclusive pixel (`x1 - x0`). `boxes`: `[K, 9]` from [`candidates`] -> `[K, 5]`.
pub fn regress_candidates(boxes: &Tensor) -> Tensor {
    let w = boxes.i((.., 2)) - boxes.i((.., 0));
    let h = boxes.i((.., 3)) - boxes.i((.., 1));
    Tensor::stack(
        &[
            boxes.i((.., 0)) + boxes.i((.., 5)) * &w,
            boxes.i((.., 1)) + boxes.i((.., 6)) * &h,
            boxes.i((.., 2)) + boxes.i((.., 7)) * &w,
            boxes.i((.., 3)) + boxes.i((.., 8)) * &h,
            boxes.i((.., 4)),
        ],
        1,
    )
}

/// Applies R-/O-Net regression `reg [K, 4]`: offsets scaled by the inclusive
/// box size (`x1 - x0 + 1`). `boxes`: `[K, 5]`.
pub fn regress(boxes: &Tensor, reg: &Tensor) -> Tensor {
    let w = boxes.i((.., 2)) - boxes.i((.., 0)) + 1.0;
    let h = boxes.i((.., 3)) - boxes.i((.., 1)) + 1.0;
    Tensor::stack(
        &[
            boxes.i((.., 0)) + reg.i((.., 0)) * &w,
            boxes.i((.., 1)) + reg.i((.., 1)) * &h,
            boxes.i((.., 2)) + reg.i((.., 2)) * &w,
            boxes.i((.., 3)) + reg.i((.., 3)) * &h,
            boxes.i((.., 4)),
        ],
        1,
    )
}

/// Makes boxes square around their centre, side = the longer edge (`rerec`).
pub fn square(boxes: &Tensor) -> Tensor {
    let w = boxes.i((.., 2)) - boxes.i((.., 0));
    let h = boxes.i((.., 3)) - boxes.i((.., 1));
    let l = w.maximum(&h);
    let x0 = boxes.i((.., 0)) + &w * 0.5 - &l * 0.5;
    let y0 = boxes.i((.., 1)) + &h * 0.5 - &l * 0.5;
    Tensor::stack(
        &[
            x0.shallow_clone(),
            y0.shallow_clone(),
            &x0 + &l,
            &y0 + &l,
            boxes.i((.., 4)),
        ],
        1,
    )
}

/// Crops every box out of `image` (`[1, 3, H, W]`, normalised) and resizes
/// it to `size` x `size` with area averaging (`interpolate(mode="area")`).
///
/// Box corners are truncated to whole pixels and clamped to the image as
/// facenet-pytorch's `pad` does (1-based x0/y0, exclusive x1/y1). Returns
/// the crops `[M, 3, size, size]` and the indices of the boxes they belong
/// to; boxes with nothing inside the image are left out.
pub fn crops(image: &Tensor, boxes: &Tensor, size: i64) -> Result<(Tensor, Vec<i64>)> {
    let (h, w) = (image.size()[2], image.size()[3]);
    let corners = boxes
        .narrow(1, 0, 4)
        .trunc()
        .to_kind(Kind::Int64)
        .to_device(Device::Cpu)
        .reshape([-1]);
    let corners = Vec::<i64>::try_from(&corners)?;
    let mut out = Vec::new();
    let mut kept = Vec::new();
    for (k, c) in corners.chunks_exact(4).enumerate() {
        let (x, y) = (c[0].max(1), c[1].max(1));
        let (ex, ey) = (c[2].min(w), c[3].min(h));
        if ey > y - 1 && ex > x - 1 {
            let patch = image.i((.., .., y - 1..ey, x - 1..ex));
            out.push(patch.adaptive_avg_pool2d([size, size]));
            kept.push(k as i64);
        }
    }
    let crops = if out.is_empty() {
        Tensor::zeros([0, 3, size, size], (Kind::Float, image.device()))
    } else {
        Tensor::cat(&out, 0)
    };
    Ok((crops, kept))
}

/// MTCNN's input normalisation: `(x - 127.5) / 128`.
pub fn normalise(pixels: &Tensor) -> Tensor {
    (pixels - 127.5) * 0.0078125
}
