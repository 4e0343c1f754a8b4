//! TransNetV2 shot-boundary network: per-frame cut and transition probabilities.

use super::loader::Model;
use crate::{InferenceError, Result};
use std::path::Path;
use std::sync::Arc;
use tch::{Device, Kind, Tensor};

/// Frames per window the network sees.
pub const WINDOW: i64 = 100;
/// Frames between window starts; each window reports its middle `STRIDE` frames.
pub const STRIDE: i64 = 50;
/// Context frames before the reported part of a window (copies of the first
/// frame at the start of the clip).
pub const CONTEXT: i64 = 25;
/// Frame height the network reads.
pub const HEIGHT: i64 = 27;
/// Frame width the network reads.
pub const WIDTH: i64 = 48;
/// Windows per forward pass on a CUDA device. On the CPU one window per
/// pass is faster per window than batches (a 100-frame window's activations
/// already exceed the core caches: on 2 cores, 0.9 s per window alone vs.
/// 1.2-1.4 s per window in batches of 5, from Rust and from Python alike).
pub const WINDOWS_PER_BATCH: i64 = 8;

/// TransNetV2 (`transnetv2.pt`). Cheap to clone; `Send + Sync`, no lock.
#[derive(Debug, Clone)]
pub struct TransNet {
    model: Arc<Model>,
}

impl TransNet {
    /// Loads `transnetv2.pt` (shared per process and device).
    pub fn load(path: &Path, device: Device) -> Result<TransNet> {
        Ok(TransNet {
            model: Model::load_shared(path, device)?,
        })
    }

    /// The loaded model file.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Per-frame probabilities for `frames`, `[N, 27, 48, 3]` u8 RGB (the
    /// whole clip or a long run of it, in order).
    ///
    /// Returns `(single, many)`, N values each in 0..1: `single` is the
    /// probability that frame i is the last frame of a shot before a hard
    /// cut, `many` that frame i belongs to a transition (cut, dissolve,
    /// fade). The clip is padded with 25 copies of its first frame and enough
    /// copies of its last one, cut into 100-frame windows 50 frames apart, and
    /// frames 25..75 of each window are kept (TransNetV2's own scheme).
    pub fn predict(&self, frames: &Tensor) -> Result<(Vec<f32>, Vec<f32>)> {
        let size = frames.size();
        if size.len() != 4 || size[1..] != [HEIGHT, WIDTH, 3] || frames.kind() != Kind::Uint8 {
            return Err(InferenceError::InvalidArgument(format!(
                "TransNet wants [N, 27, 48, 3] u8 frames, got {size:?} {:?}",
                frames.kind()
            )));
        }
        let n = size[0];
        if n == 0 {
            return Ok((Vec::new(), Vec::new()));
        }
        tch::no_grad(|| {
            let frames = frames.to_device(self.model.device());
            let pad_end = CONTEXT + STRIDE - if n % STRIDE == 0 { STRIDE } else { n % STRIDE };
            let first = frames
                .narrow(0, 0, 1)
                .expand([CONTEXT, HEIGHT, WIDTH, 3], false);
            let last = frames
                .narrow(0, n - 1, 1)
                .expand([pad_end, HEIGHT, WIDTH, 3], false);
            let padded = Tensor::cat(&[first, frames, last], 0);
            let windows = (padded.size()[0] - WINDOW) / STRIDE + 1;
            let per_pass = self.windows_per_pass();
            let mut single = Vec::with_capacity(n as usize + STRIDE as usize);
            let mut many = Vec::with_capacity(n as usize + STRIDE as usize);
            let mut start = 0;
            while start < windows {
                let count = per_pass.min(windows - start);
                let batch = Tensor::stack(
                    &(start..start + count)
                        .map(|w| padded.narrow(0, w * STRIDE, WINDOW))
                        .collect::<Vec<_>>(),
                    0,
                );
                let (s, m) = self.predict_windows(&batch)?;
                single.extend(s);
                many.extend(m);
                start += count;
            }
            single.truncate(n as usize);
            many.truncate(n as usize);
            Ok((single, many))
        })
    }

    /// Windows per forward pass that suit the model's device: 1 on the CPU,
    /// [`WINDOWS_PER_BATCH`] on CUDA.
    pub fn windows_per_pass(&self) -> i64 {
        match self.model.device() {
            Device::Cpu => 1,
            _ => WINDOWS_PER_BATCH,
        }
    }

    /// Runs whole windows, `[B, 100, 27, 48, 3]` u8 RGB, and returns the
    /// probabilities `(single, many)` of each window's reported frames
    /// (window frames 25..75), `B x 50` values each, window after window.
    /// [`TransNet::predict`] is this over TransNetV2's padded windows; a
    /// streaming caller builds the same windows as frames arrive.
    pub fn predict_windows(&self, windows: &Tensor) -> Result<(Vec<f32>, Vec<f32>)> {
        let size = windows.size();
        if size.len() != 5
            || size[1..] != [WINDOW, HEIGHT, WIDTH, 3]
            || windows.kind() != Kind::Uint8
        {
            return Err(InferenceError::InvalidArgument(format!(
                "TransNet windows must be [B, 100, 27, 48, 3] u8, got {size:?} {:?}",
                windows.kind()
            )));
        }
        let count = size[0];
        tch::no_grad(|| {
            let batch = windows.to_device(self.model.device());
            let outputs = self.model.forward_n(&[batch], 2)?;
            let mut kept = Vec::with_capacity(2);
            for out in &outputs {
                if out.size() != [count, WINDOW, 1] {
                    return Err(self.model.corrupt(format!(
                        "output shape {:?}, expected [{count}, {WINDOW}, 1]",
                        out.size()
                    )));
                }
                let probs = out
                    .narrow(1, CONTEXT, STRIDE)
                    .sigmoid()
                    .to_kind(Kind::Float)
                    .to_device(Device::Cpu)
                    .reshape([-1]);
                kept.push(Vec::<f32>::try_from(&probs)?);
            }
            let many = kept.pop().unwrap_or_default();
            let single = kept.pop().unwrap_or_default();
            Ok((single, many))
        })
    }
}
