//! In-order analysis: push frames as they are decoded, finish once.

use tch::Tensor;

use super::clip::ClipAnalysis;
use super::per_frame::process;
use super::shot_windows::{RunPredictor, ShotProbs};
use super::Engine;
use crate::error::{InferenceError, Result};
use crate::frame::FrameView;
use crate::signals::{FrameRate, FrameSignals};

/// A streaming analysis: frames must arrive with increasing frame numbers.
/// A gap (frame number not previous + 1) starts a new run: the frame after
/// it gets no motion/difference signals and TransNetV2 windows restart.
#[derive(Debug)]
pub struct Analysis {
    engine: Engine,
    rate: FrameRate,
    frames: Vec<FrameSignals>,
    prev: Option<(i64, Tensor)>,
    /// Index into `frames` where the current run starts, and its predictor.
    run: Option<(usize, RunPredictor)>,
    done_runs: Vec<(usize, ShotProbs)>,
}

impl Analysis {
    pub(crate) fn new(engine: Engine, rate: FrameRate) -> Self {
        Self {
            engine,
            rate,
            frames: Vec::new(),
            prev: None,
            run: None,
            done_runs: Vec::new(),
        }
    }

    /// Frames measured so far.
    pub fn frames_done(&self) -> usize {
        self.frames.len()
    }

    /// Measures the next frame. Errors leave the analysis unchanged.
    pub fn push(&mut self, frame: i64, view: &FrameView<'_>) -> Result<()> {
        let contiguous = match &self.prev {
            Some((last, _)) if frame <= *last => {
                return Err(InferenceError::InvalidArgument(format!(
                    "frame {frame} pushed after frame {last}; streaming needs increasing frame numbers"
                )))
            }
            Some((last, _)) => frame == last + 1,
            None => false,
        };
        let prev = if contiguous {
            self.prev.as_ref().map(|(_, l)| l)
        } else {
            None
        };
        let out = tch::no_grad(|| process(&self.engine, frame, view, prev, true))?;
        if !contiguous {
            if let Some((start, p)) = self.run.take() {
                self.done_runs.push((start, p.finish()));
            }
        }
        if let Some(thumb) = out.thumb {
            let model = self.engine.inner.models.shot.clone();
            let index = self.frames.len();
            if let Some(model) = model {
                let (_, p) = self
                    .run
                    .get_or_insert_with(|| (index, RunPredictor::new(model)));
                tch::no_grad(|| p.push(thumb));
            }
        }
        self.frames.push(out.signals);
        self.prev = Some((frame, out.luma));
        Ok(())
    }

    /// Runs what is left of the shot model and returns all signals.
    pub fn finish(mut self) -> Result<ClipAnalysis> {
        if let Some((start, p)) = self.run.take() {
            self.done_runs.push((start, tch::no_grad(|| p.finish())));
        }
        for (start, probs) in self.done_runs {
            for (f, p) in self.frames[start..].iter_mut().zip(probs) {
                f.cut_prob = p.map(|p| p.0);
                f.transition_prob = p.map(|p| p.1);
            }
        }
        Ok(ClipAnalysis {
            frame_rate: self.rate,
            frames: self.frames,
            device: self.engine.device_description(),
            models: self.engine.model_status().to_string(),
            warnings: Vec::new(),
        })
    }
}
