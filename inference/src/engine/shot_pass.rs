//! TransNetV2 alone over frames in order: a shot-boundary pass that
//! computes nothing else (no signals, no faces), e.g. on frames FFmpeg
//! already scaled to 48x27.

use super::shot_windows::RunPredictor;
use super::Engine;
use crate::error::{InferenceError, Result};
use crate::frame::{prepare_thumbnail, FrameView};

/// TransNetV2's output for one frame.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ShotProbability {
    /// Probability 0..1 that the frame is the last of a shot before a hard cut.
    pub cut: f32,
    /// Probability 0..1 that the frame belongs to a transition (cut,
    /// dissolve, fade).
    pub transition: f32,
}

/// A shot-boundary-only pass over one contiguous run of frames, streamed:
/// TransNetV2 runs on a worker thread as its windows fill, so it overlaps
/// whatever produces the frames. Numbers equal those of a full
/// [`Analysis`](super::Analysis) of the same frames.
#[derive(Debug)]
pub struct ShotPass {
    engine: Engine,
    predictor: RunPredictor,
    frames: usize,
}

impl ShotPass {
    pub(crate) fn new(engine: &Engine) -> Result<Self> {
        let Some(model) = engine.inner.models.shot.clone() else {
            return Err(InferenceError::InvalidArgument(format!(
                "a shot pass needs TransNetV2, which is {}",
                engine.model_status().transnet
            )));
        };
        Ok(Self {
            engine: engine.clone(),
            predictor: RunPredictor::new(model),
            frames: 0,
        })
    }

    /// Adds the next frame (any size and format; 48x27 RGB is used as is).
    /// An error leaves the pass unchanged.
    pub fn push(&mut self, view: &FrameView<'_>) -> Result<()> {
        let device = self.engine.inner.device.tch();
        let thumb = tch::no_grad(|| prepare_thumbnail(view, device))?;
        self.predictor.push(thumb);
        self.frames += 1;
        Ok(())
    }

    /// Frames pushed so far.
    pub fn frames_done(&self) -> usize {
        self.frames
    }

    /// Runs the last windows; one entry per pushed frame, `None` where the
    /// model failed (logged).
    pub fn finish(self) -> Vec<Option<ShotProbability>> {
        self.predictor
            .finish()
            .into_iter()
            .map(|p| p.map(|(cut, transition)| ShotProbability { cut, transition }))
            .collect()
    }
}
