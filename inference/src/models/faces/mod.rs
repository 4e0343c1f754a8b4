//! MTCNN face detector: P-Net over an image pyramid, then R-Net and O-Net,
//! as facenet-pytorch's `detect_face` does it.

mod boxes;
pub mod nms;

use super::loader::Model;
use crate::{InferenceError, Result};
use nms::{nms, Overlap};
use std::path::Path;
use std::sync::Arc;
use tch::{Device, IndexOp, Kind, Tensor};

/// A face found by [`FaceDetector::detect`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectedFace {
    /// Left edge of the box, pixels from the left of the image.
    pub x0: f32,
    /// Top edge of the box, pixels from the top.
    pub y0: f32,
    /// Right edge, pixels.
    pub x1: f32,
    /// Bottom edge, pixels.
    pub y1: f32,
    /// O-Net's face probability, 0..1.
    pub score: f32,
    /// (x, y) in pixels of: the eye on the image's left, the eye on the
    /// image's right, the nose tip, the mouth corner on the left, on the right.
    pub landmarks: [(f32, f32); 5],
}

/// Detection settings; the defaults are facenet-pytorch's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceDetectorConfig {
    /// Smallest face looked for, pixels. `None`: 1/12 of the image's short
    /// side, at least 12 (P-Net's cell).
    pub min_face: Option<f32>,
    /// Scale step of the image pyramid.
    pub factor: f64,
    /// Probability thresholds of P-Net, R-Net, O-Net.
    pub thresholds: [f64; 3],
}

impl Default for FaceDetectorConfig {
    fn default() -> Self {
        FaceDetectorConfig {
            min_face: None,
            factor: 0.709,
            thresholds: [0.6, 0.7, 0.7],
        }
    }
}

/// MTCNN (`mtcnn_pnet.pt`, `mtcnn_rnet.pt`, `mtcnn_onet.pt`). Cheap to clone;
/// `Send + Sync`, no lock.
#[derive(Debug, Clone)]
pub struct FaceDetector {
    pnet: Arc<Model>,
    rnet: Arc<Model>,
    onet: Arc<Model>,
    /// Settings used by [`FaceDetector::detect`].
    pub config: FaceDetectorConfig,
}

impl FaceDetector {
    /// Loads the three networks from `dir` (shared per process and device).
    pub fn load(dir: &Path, device: Device) -> Result<FaceDetector> {
        Ok(FaceDetector {
            pnet: Model::load_shared(&dir.join(super::MTCNN_PNET), device)?,
            rnet: Model::load_shared(&dir.join(super::MTCNN_RNET), device)?,
            onet: Model::load_shared(&dir.join(super::MTCNN_ONET), device)?,
            config: FaceDetectorConfig::default(),
        })
    }

    /// Faces in `rgb`, `[3, H, W]` f32 0..255, best score first.
    pub fn detect(&self, rgb: &Tensor) -> Result<Vec<DetectedFace>> {
        self.detect_with(rgb, &self.config)
    }

    /// [`FaceDetector::detect`] with other settings.
    pub fn detect_with(
        &self,
        rgb: &Tensor,
        config: &FaceDetectorConfig,
    ) -> Result<Vec<DetectedFace>> {
        let size = rgb.size();
        if size.len() != 3 || size[0] != 3 || size[1] < 1 || size[2] < 1 {
            return Err(InferenceError::InvalidArgument(format!(
                "face detection wants a [3, H, W] image, got {size:?}"
            )));
        }
        tch::no_grad(|| self.run(rgb, config))
    }

    fn run(&self, rgb: &Tensor, config: &FaceDetectorConfig) -> Result<Vec<DetectedFace>> {
        let image = rgb
            .to_device(self.pnet.device())
            .to_kind(Kind::Float)
            .unsqueeze(0);
        let (h, w) = (rgb.size()[1], rgb.size()[2]);
        let short = h.min(w) as f64;
        let min_face = config.min_face.map_or((short / 12.0).max(12.0), f64::from);
        let [t_p, t_r, t_o] = config.thresholds;

        // Stage 1: P-Net on every pyramid level, NMS per level, then overall.
        let mut per_scale = Vec::new();
        for scale in pyramid(h, w, min_face, config.factor) {
            let hs = (h as f64 * scale + 1.0) as i64;
            let ws = (w as f64 * scale + 1.0) as i64;
            let scaled = boxes::normalise(&image.adaptive_avg_pool2d([hs, ws]));
            let out = self.pnet.forward_n(&[scaled], 2)?;
            let found = boxes::candidates(&out[0], &out[1].i((0, 1)), scale, t_p);
            let keep = nms(
                &found.narrow(1, 0, 4),
                &found.i((.., 4)),
                0.5,
                Overlap::Union,
            )?;
            per_scale.push(found.index_select(0, &index(&keep, &found)));
        }
        if per_scale.is_empty() {
            // Smaller than P-Net's cell (or than min_face): nothing to look at.
            return Ok(Vec::new());
        }
        let found = Tensor::cat(&per_scale, 0);
        let keep = nms(
            &found.narrow(1, 0, 4),
            &found.i((.., 4)),
            0.7,
            Overlap::Union,
        )?;
        let found = found.index_select(0, &index(&keep, &found));
        let mut faces = boxes::square(&boxes::regress_candidates(&found));
        if faces.size()[0] == 0 {
            return Ok(Vec::new());
        }

        // Stage 2: R-Net on 24x24 crops.
        let (crops, kept) = boxes::crops(&image, &faces, 24)?;
        faces = faces.index_select(0, &index(&kept, &faces));
        if kept.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.rnet.forward_n(&[boxes::normalise(&crops)], 2)?;
        let score = out[1].i((.., 1));
        let pass = score.gt(t_r);
        faces = Tensor::cat(
            &[
                faces.narrow(1, 0, 4).index(&[Some(&pass)]),
                score.masked_select(&pass).unsqueeze(1),
            ],
            1,
        );
        let reg = out[0].index(&[Some(&pass)]);
        let keep = nms(
            &faces.narrow(1, 0, 4),
            &faces.i((.., 4)),
            0.7,
            Overlap::Union,
        )?;
        let keep = index(&keep, &faces);
        faces = boxes::square(&boxes::regress(
            &faces.index_select(0, &keep),
            &reg.index_select(0, &keep),
        ));
        if faces.size()[0] == 0 {
            return Ok(Vec::new());
        }

        // Stage 3: O-Net on 48x48 crops, with landmarks.
        let (crops, kept) = boxes::crops(&image, &faces, 48)?;
        faces = faces.index_select(0, &index(&kept, &faces));
        if kept.is_empty() {
            return Ok(Vec::new());
        }
        let out = self.onet.forward_n(&[boxes::normalise(&crops)], 3)?;
        let score = out[2].i((.., 1));
        let pass = score.gt(t_o);
        let points = out[1].index(&[Some(&pass)]);
        faces = Tensor::cat(
            &[
                faces.narrow(1, 0, 4).index(&[Some(&pass)]),
                score.masked_select(&pass).unsqueeze(1),
            ],
            1,
        );
        let reg = out[0].index(&[Some(&pass)]);
        let bw = (faces.i((.., 2)) - faces.i((.., 0)) + 1.0).unsqueeze(1);
        let bh = (faces.i((.., 3)) - faces.i((.., 1)) + 1.0).unsqueeze(1);
        let px = bw * points.narrow(1, 0, 5) + faces.i((.., 0)).unsqueeze(1) - 1.0;
        let py = bh * points.narrow(1, 5, 5) + faces.i((.., 1)).unsqueeze(1) - 1.0;
        faces = boxes::regress(&faces, &reg);
        let keep = nms(&faces.narrow(1, 0, 4), &faces.i((.., 4)), 0.7, Overlap::Min)?;
        let keep = index(&keep, &faces);
        let faces = Tensor::cat(
            &[
                faces.index_select(0, &keep),
                px.index_select(0, &keep),
                py.index_select(0, &keep),
            ],
            1,
        );
        to_faces(&faces)
    }
}

/// Scales of the image pyramid: the first maps `min_face` to P-Net's 12
/// pixel cell, each next one is `factor` smaller, while the short side stays
/// at least 12 pixels.
pub fn pyramid(h: i64, w: i64, min_face: f64, factor: f64) -> Vec<f64> {
    let m = 12.0 / min_face;
    let mut short = h.min(w) as f64 * m;
    let mut scale = m;
    let mut scales = Vec::new();
    while short >= 12.0 && scales.len() < 64 {
        scales.push(scale);
        scale *= factor;
        short *= factor;
    }
    scales
}

fn index(keep: &[i64], like: &Tensor) -> Tensor {
    Tensor::from_slice(keep).to_device(like.device())
}

/// `[K, 15]` rows (box, score, 5 x, 5 y) to faces, best score first.
fn to_faces(rows: &Tensor) -> Result<Vec<DetectedFace>> {
    let k = rows.size()[0] as usize;
    let values = Vec::<f32>::try_from(
        &rows
            .to_kind(Kind::Float)
            .to_device(Device::Cpu)
            .reshape([-1]),
    )?;
    let mut faces: Vec<DetectedFace> = values
        .chunks_exact(15)
        .take(k)
        .map(|r| DetectedFace {
            x0: r[0],
            y0: r[1],
            x1: r[2],
            y1: r[3],
            score: r[4],
            landmarks: std::array::from_fn(|i| (r[5 + i], r[10 + i])),
        })
        .collect();
    faces.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(faces)
}
