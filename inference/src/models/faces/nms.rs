//! Greedy non-maximum suppression on tensors (`tch` has no torchvision `nms`).

use crate::Result;
use tch::{Device, Kind, Tensor};

/// How the overlap of two boxes is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// Intersection over union with areas `(x1 - x0) * (y1 - y0)`:
    /// torchvision's `nms`, which facenet-pytorch uses for P-Net and R-Net.
    Union,
    /// Intersection over the smaller area, with MTCNN's original inclusive
    /// pixel areas `(x1 - x0 + 1) * (y1 - y0 + 1)`: the O-Net stage.
    Min,
}

/// Indices of the boxes kept, best score first.
///
/// `boxes`: `[K, 4]` (x0, y0, x1, y1), `scores`: `[K]`. Boxes are visited by
/// descending score; a box is dropped when its overlap with a box already
/// kept is above `threshold`. The overlap matrix is computed on the boxes'
/// device in one go; the greedy pass runs on the CPU over its bits.
pub fn nms(boxes: &Tensor, scores: &Tensor, threshold: f64, overlap: Overlap) -> Result<Vec<i64>> {
    let k = boxes.size()[0];
    if k == 0 {
        return Ok(Vec::new());
    }
    let order = scores.argsort(0, true);
    let sorted = boxes.index_select(0, &order).to_kind(Kind::Float);
    let (x0, y0, x1, y1) = (
        sorted.select(1, 0),
        sorted.select(1, 1),
        sorted.select(1, 2),
        sorted.select(1, 3),
    );
    let one = if overlap == Overlap::Min { 1.0 } else { 0.0 };
    let area = (&x1 - &x0 + one) * (&y1 - &y0 + one);
    let inter_w = (x1.unsqueeze(1).minimum(&x1.unsqueeze(0))
        - x0.unsqueeze(1).maximum(&x0.unsqueeze(0))
        + one)
        .clamp_min(0.0);
    let inter_h = (y1.unsqueeze(1).minimum(&y1.unsqueeze(0))
        - y0.unsqueeze(1).maximum(&y0.unsqueeze(0))
        + one)
        .clamp_min(0.0);
    let inter = inter_w * inter_h;
    let ratio = match overlap {
        Overlap::Union => &inter / (area.unsqueeze(1) + area.unsqueeze(0) - &inter),
        Overlap::Min => &inter / area.unsqueeze(1).minimum(&area.unsqueeze(0)),
    };
    let suppresses = ratio
        .gt(threshold)
        .to_kind(Kind::Uint8)
        .to_device(Device::Cpu)
        .reshape([-1]);
    let suppresses = Vec::<u8>::try_from(&suppresses)?;
    let order = Vec::<i64>::try_from(&order.to_device(Device::Cpu))?;
    let k = k as usize;
    let mut removed = vec![false; k];
    let mut keep = Vec::new();
    for i in 0..k {
        if removed[i] {
            continue;
        }
        keep.push(order[i]);
        let row = &suppresses[i * k..(i + 1) * k];
        for j in i + 1..k {
            if row[j] != 0 {
                removed[j] = true;
            }
        }
    }
    Ok(keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(rows: &[[f32; 4]]) -> Tensor {
        Tensor::from_slice(&rows.concat()).reshape([rows.len() as i64, 4])
    }

    #[test]
    fn union_keeps_the_best_of_overlapping_boxes() {
        let b = boxes(&[[0., 0., 10., 10.], [1., 1., 11., 11.], [20., 20., 30., 30.]]);
        let s = Tensor::from_slice(&[0.8f32, 0.9, 0.5]);
        // IoU of the first two: 81 / 119 = 0.68.
        assert_eq!(nms(&b, &s, 0.5, Overlap::Union).unwrap(), vec![1, 2]);
        assert_eq!(nms(&b, &s, 0.7, Overlap::Union).unwrap(), vec![1, 0, 2]);
    }

    #[test]
    fn min_overlap_drops_a_box_inside_another() {
        let b = boxes(&[[0., 0., 99., 99.], [10., 10., 29., 29.]]);
        let s = Tensor::from_slice(&[0.9f32, 0.95]);
        // The small box lies wholly inside: min-overlap 1, IoU only 0.04.
        assert_eq!(nms(&b, &s, 0.7, Overlap::Min).unwrap(), vec![1]);
        assert_eq!(nms(&b, &s, 0.7, Overlap::Union).unwrap(), vec![1, 0]);
    }

    #[test]
    fn empty_input_keeps_nothing() {
        let b = Tensor::zeros([0, 4], (Kind::Float, Device::Cpu));
        let s = Tensor::zeros([0], (Kind::Float, Device::Cpu));
        assert!(nms(&b, &s, 0.5, Overlap::Union).unwrap().is_empty());
    }
}
