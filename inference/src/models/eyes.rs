//! Eye openness from MediaPipe's iris landmark model (`iris_landmark.pt`).
//!
//! Each eye of an MTCNN face is cut out as a 64 x 64 square, rotated with the
//! line through both eyes (the eye on the image's right mirrored, as the model
//! wants), the model finds 71 eye-contour points in it, and the lid gap over
//! the eye width says how open the eye is. The constants and the crop match
//! `xtask/python/export_iris.py`, whose reference outputs the tests compare.

use super::faces::DetectedFace;
use super::loader::Model;
use crate::{InferenceError, Result};
use std::path::Path;
use std::sync::Arc;
use tch::{Device, Kind, Tensor};

/// Side of the model's square input, pixels.
pub const CROP: i64 = 64;
/// Eye width (corner to corner) per distance between MTCNN's eye centres.
pub const EYE_WIDTH_PER_EYE_DISTANCE: f32 = 0.35;
/// Crop side per eye width (MediaPipe's eye ROI scale).
pub const CROP_PER_EYE_WIDTH: f32 = 2.3;
/// Lid ratio of a closed eye (openness 0). The model keeps a few pixels
/// between closed lids: the blink at frame 42 of carphone.mp4 reads 0.16-0.20.
pub const CLOSED_RATIO: f32 = 0.15;
/// Lid ratio of an open eye (openness 1); open eyes in carphone.mp4 read
/// 0.33-0.41.
pub const OPEN_RATIO: f32 = 0.35;
/// Contour points (lower lid, upper lid) facing each other mid-eye.
const LID_PAIRS: [(usize, usize); 3] = [(3, 11), (4, 12), (5, 13)];
/// Contour points at the two eye corners.
const CORNERS: (usize, usize) = (0, 8);
/// Eye-contour points per eye in the model's output.
pub const CONTOUR_POINTS: i64 = 71;

/// How open the two eyes of a face are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EyeOpenness {
    /// Eye on the image's left (the person's right eye when facing the
    /// camera): 0 = closed .. 1 = open, the lid ratio mapped linearly from
    /// [`CLOSED_RATIO`]..[`OPEN_RATIO`] and clamped.
    pub left: f32,
    /// Eye on the image's right, same scale.
    pub right: f32,
    /// Lid ratio of the left eye: mean gap between the lids mid-eye divided
    /// by the corner-to-corner width (dimensionless; ~0.37 open, ~0.18 shut).
    pub left_ratio: f32,
    /// Lid ratio of the right eye.
    pub right_ratio: f32,
}

/// The iris landmark model. Cheap to clone; `Send + Sync`, no lock.
#[derive(Debug, Clone)]
pub struct EyeModel {
    model: Arc<Model>,
}

impl EyeModel {
    /// Loads `iris_landmark.pt` (shared per process and device).
    pub fn load(path: &Path, device: Device) -> Result<EyeModel> {
        Ok(EyeModel {
            model: Model::load_shared(path, device)?,
        })
    }

    /// Openness of both eyes of `face` in `rgb` (`[3, H, W]` f32 0..255).
    pub fn openness(&self, rgb: &Tensor, face: &DetectedFace) -> Result<EyeOpenness> {
        let crops = eye_crops(rgb, face)?;
        let contours = self.contours(&crops)?;
        let ratios = lid_ratios(&contours)?;
        Ok(EyeOpenness {
            left: openness(ratios[0]),
            right: openness(ratios[1]),
            left_ratio: ratios[0],
            right_ratio: ratios[1],
        })
    }

    /// Eye contours `[N, 71, 3]` (x, y in crop pixels, relative depth) of
    /// crops `[N, 3, 64, 64]` (RGB 0..1), on the CPU.
    pub fn contours(&self, crops: &Tensor) -> Result<Tensor> {
        let size = crops.size();
        if size.len() != 4 || size[1..] != [3, CROP, CROP] {
            return Err(InferenceError::InvalidArgument(format!(
                "the iris model wants [N, 3, 64, 64] crops, got {size:?}"
            )));
        }
        tch::no_grad(|| {
            let input = crops.to_kind(Kind::Float).to_device(self.model.device());
            let out = self.model.forward_n(&[input], 2)?;
            if out[0].size() != [size[0], CONTOUR_POINTS, 3] {
                return Err(self
                    .model
                    .corrupt(format!("contour output shape {:?}", out[0].size())));
            }
            Ok(out[0].to_device(Device::Cpu))
        })
    }
}

/// The two eye crops `[2, 3, 64, 64]` (RGB 0..1) of a face in `rgb`
/// (`[3, H, W]` f32 0..255): image's left eye first, the right one mirrored.
///
/// Each is a square of side `0.35 x 2.3 x` eye distance centred on the MTCNN
/// eye point, turned with the line through both eyes, sampled bilinearly
/// (pixel centres at whole coordinates, edges clamped).
pub fn eye_crops(rgb: &Tensor, face: &DetectedFace) -> Result<Tensor> {
    let size = rgb.size();
    if size.len() != 3 || size[0] != 3 || size[1] < 1 || size[2] < 1 {
        return Err(InferenceError::InvalidArgument(format!(
            "eye crops want a [3, H, W] image, got {size:?}"
        )));
    }
    let (left, right) = (face.landmarks[0], face.landmarks[1]);
    let (dx, dy) = (right.0 - left.0, right.1 - left.1);
    let distance = (dx * dx + dy * dy).sqrt();
    if !distance.is_finite() || distance < 1.0 || !left.0.is_finite() || !left.1.is_finite() {
        return Err(InferenceError::InvalidArgument(format!(
            "eye landmarks {left:?} and {right:?} do not give an eye line"
        )));
    }
    let (h, w) = (size[1] as f64, size[2] as f64);
    let side = f64::from(distance * (EYE_WIDTH_PER_EYE_DISTANCE * CROP_PER_EYE_WIDTH));
    let (cos, sin) = (f64::from(dx / distance), f64::from(dy / distance));
    let opts = (Kind::Float, rgb.device());
    let steps = (Tensor::arange(CROP, opts) + 0.5) / CROP as f64 - 0.5;
    let u = steps.view([1, CROP]).expand([CROP, CROP], false) * side;
    let v = steps.view([CROP, 1]).expand([CROP, CROP], false) * side;
    let grids: Vec<Tensor> = [(left, 1.0), (right, -1.0)]
        .iter()
        .map(|&((cx, cy), mirror)| {
            let x = (&u * (cos * mirror)) - (&v * sin) + f64::from(cx);
            let y = (&u * (sin * mirror)) + (&v * cos) + f64::from(cy);
            Tensor::stack(&[(x * 2.0 + 1.0) / w - 1.0, (y * 2.0 + 1.0) / h - 1.0], -1)
        })
        .collect();
    let grid = Tensor::stack(&grids, 0);
    let image = (rgb.to_kind(Kind::Float) / 255.0)
        .unsqueeze(0)
        .expand([2, 3, size[1], size[2]], false);
    // 0 = bilinear, 1 = border padding.
    Ok(Tensor::grid_sampler(&image, &grid, 0, 1, false))
}

/// Lid ratio of each contour `[N, 71, 3]`: mean mid-eye gap between the lids
/// over the corner-to-corner width.
pub fn lid_ratios(contours: &Tensor) -> Result<Vec<f32>> {
    let n = contours.size()[0] as usize;
    let values = Vec::<f32>::try_from(
        &contours
            .to_kind(Kind::Float)
            .to_device(Device::Cpu)
            .reshape([-1]),
    )?;
    let point = |eye: usize, i: usize| {
        let base = (eye * CONTOUR_POINTS as usize + i) * 3;
        (values[base], values[base + 1])
    };
    let dist = |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    Ok((0..n)
        .map(|eye| {
            let width = dist(point(eye, CORNERS.0), point(eye, CORNERS.1)).max(1e-6);
            let gap: f32 = LID_PAIRS
                .iter()
                .map(|&(lo, up)| dist(point(eye, lo), point(eye, up)))
                .sum::<f32>()
                / LID_PAIRS.len() as f32;
            gap / width
        })
        .collect())
}

/// Maps a lid ratio to 0 (closed) .. 1 (open).
pub fn openness(ratio: f32) -> f32 {
    ((ratio - CLOSED_RATIO) / (OPEN_RATIO - CLOSED_RATIO)).clamp(0.0, 1.0)
}
