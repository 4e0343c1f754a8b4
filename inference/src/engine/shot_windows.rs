//! TransNetV2 over a contiguous run of frames, in fixed chunks so memory
//! stays bounded and streaming and random-access runs give identical numbers.

use std::collections::VecDeque;
use std::sync::Arc;

use tch::Tensor;

use super::models::ShotModel;
use crate::error::Result;

/// Frames predicted per model call.
const CHUNK: usize = 1000;
/// Real frames of context on each side of a chunk (the model's own padding
/// is 25 frames; twice that keeps every prediction fully inside real frames).
const CONTEXT: usize = 50;

/// Shot-boundary probabilities `(cut, transition)` per frame of a run, `None`
/// where the model failed (logged).
pub(crate) type ShotProbs = Vec<Option<(f32, f32)>>;

/// Feeds thumbnails of one contiguous run to the model chunk by chunk.
pub(crate) struct RunPredictor {
    model: Arc<dyn ShotModel>,
    /// Thumbnails from run index `base` on.
    thumbs: VecDeque<Tensor>,
    base: usize,
    /// Run index of the first frame without a prediction yet.
    next: usize,
    out: ShotProbs,
}

impl std::fmt::Debug for RunPredictor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunPredictor")
            .field("next", &self.next)
            .finish()
    }
}

impl RunPredictor {
    pub(crate) fn new(model: Arc<dyn ShotModel>) -> Self {
        Self {
            model,
            thumbs: VecDeque::new(),
            base: 0,
            next: 0,
            out: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.base + self.thumbs.len()
    }

    /// Adds the next frame's `[27, 48, 3]` u8 thumbnail.
    pub(crate) fn push(&mut self, thumb: Tensor) {
        self.thumbs.push_back(thumb);
        if self.len() >= self.next + CHUNK + CONTEXT {
            self.predict(self.next + CHUNK);
        }
    }

    /// Predicts `[next, end)` using context up to `CONTEXT` frames each side.
    fn predict(&mut self, end: usize) {
        let from = self.next.saturating_sub(CONTEXT).max(self.base);
        let to = (end + CONTEXT).min(self.len());
        let frames: Vec<&Tensor> = self
            .thumbs
            .range(from - self.base..to - self.base)
            .collect();
        let keep = end - self.next;
        let skip = self.next - from;
        match self.run(&frames) {
            Ok((cut, trans)) if cut.len() == frames.len() && trans.len() == frames.len() => {
                self.out
                    .extend((skip..skip + keep).map(|i| Some((cut[i], trans[i]))));
            }
            Ok((cut, _)) => {
                log::warn!(
                    "TransNetV2 returned {} values for {} frames",
                    cut.len(),
                    frames.len()
                );
                self.out.extend(std::iter::repeat_n(None, keep));
            }
            Err(e) => {
                log::warn!("TransNetV2 failed on {} frames: {e}", frames.len());
                self.out.extend(std::iter::repeat_n(None, keep));
            }
        }
        self.next = end;
        let drop_before = self.next.saturating_sub(CONTEXT);
        while self.base < drop_before {
            self.thumbs.pop_front();
            self.base += 1;
        }
    }

    fn run(&self, frames: &[&Tensor]) -> Result<(Vec<f32>, Vec<f32>)> {
        let batch = tch::no_grad(|| Tensor::f_stack(frames, 0))?;
        tch::no_grad(|| self.model.predict(&batch))
    }

    /// Predicts the rest and returns one entry per pushed frame.
    pub(crate) fn finish(mut self) -> ShotProbs {
        if self.next < self.len() {
            self.predict(self.len());
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in model whose output for a frame is its first pixel value,
    /// so misplaced windows would show.
    struct Echo;
    impl ShotModel for Echo {
        fn predict(&self, thumbs: &Tensor) -> Result<(Vec<f32>, Vec<f32>)> {
            let first = thumbs.f_select(1, 0)?.f_select(1, 0)?.f_select(1, 0)?;
            let v = Vec::<f32>::try_from(first.f_to_kind(tch::Kind::Float)?)?;
            Ok((v.clone(), v))
        }
    }

    #[test]
    fn every_frame_gets_its_own_prediction_across_chunks() {
        let mut p = RunPredictor::new(Arc::new(Echo));
        let n = 2 * CHUNK + 137;
        for i in 0..n {
            p.push(Tensor::full(
                [27, 48, 3],
                (i % 251) as i64,
                (tch::Kind::Uint8, tch::Device::Cpu),
            ));
        }
        let out = p.finish();
        assert_eq!(out.len(), n);
        for (i, v) in out.iter().enumerate() {
            assert_eq!(*v, Some(((i % 251) as f32, (i % 251) as f32)), "frame {i}");
        }
    }
}
