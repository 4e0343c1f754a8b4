//! Any-order analysis for hosts that render frames out of order or twice.

use std::collections::BTreeMap;

use tch::Tensor;

use super::clip::ClipAnalysis;
use super::per_frame::process;
use super::shot_windows::RunPredictor;
use super::Engine;
use crate::error::{InferenceError, Result};
use crate::frame::FrameView;
use crate::signals::motion::measure_pair;
use crate::signals::{FrameRate, FrameSignals};

#[derive(Debug)]
struct Entry {
    signals: FrameSignals,
    /// Analysis luma, kept until both neighbours are measured.
    luma: Option<Tensor>,
    thumb: Option<Tensor>,
}

/// Accumulates frames of `first..=last` in any order; inserting a frame
/// number twice is a no-op. Motion/difference signals of frame `f` are
/// filled once `f - 1` is present too; TransNetV2 runs at [`finish`](Self::finish)
/// over each contiguous run of measured frames. Results equal those of a
/// streaming [`Analysis`](super::Analysis) over the same frames.
#[derive(Debug)]
pub struct RandomAccessAnalysis {
    engine: Engine,
    rate: FrameRate,
    first: i64,
    last: i64,
    frames: BTreeMap<i64, Entry>,
}

impl RandomAccessAnalysis {
    pub(crate) fn new(engine: Engine, rate: FrameRate, first: i64, last: i64) -> Self {
        Self {
            engine,
            rate,
            first,
            last,
            frames: BTreeMap::new(),
        }
    }

    /// Whether `frame` has been measured.
    pub fn contains(&self, frame: i64) -> bool {
        self.frames.contains_key(&frame)
    }

    /// Fraction 0..1 of `first..=last` measured.
    pub fn coverage(&self) -> f64 {
        self.frames.len() as f64 / (self.last - self.first + 1) as f64
    }

    /// The first frame of the range not measured yet.
    pub fn next_missing(&self) -> Option<i64> {
        (self.first..=self.last).find(|f| !self.frames.contains_key(f))
    }

    /// Measures `frame` unless already measured; returns whether it was new.
    pub fn insert(&mut self, frame: i64, view: &FrameView<'_>) -> Result<bool> {
        if frame < self.first || frame > self.last {
            return Err(InferenceError::InvalidArgument(format!(
                "frame {frame} outside the analysed range {}..={}",
                self.first, self.last
            )));
        }
        if self.frames.contains_key(&frame) {
            return Ok(false);
        }
        let prev = self.frames.get(&(frame - 1)).and_then(|e| e.luma.as_ref());
        let out = tch::no_grad(|| process(&self.engine, frame, view, prev, true))?;
        if let Some(next) = self.frames.get_mut(&(frame + 1)) {
            if let Some(next_luma) = &next.luma {
                let pair = tch::no_grad(|| measure_pair(&out.luma, next_luma))?;
                let s = &mut next.signals;
                s.motion_dx = pair.dx;
                s.motion_dy = pair.dy;
                s.motion_confidence = pair.confidence;
                s.residual_motion = pair.residual;
                s.diff_prev = pair.diff;
            }
        }
        self.frames.insert(
            frame,
            Entry {
                signals: out.signals,
                luma: Some(out.luma),
                thumb: out.thumb,
            },
        );
        for f in [frame - 1, frame, frame + 1] {
            self.release_luma(f);
        }
        Ok(true)
    }

    /// Drops a frame's luma once no pair measurement can need it.
    fn release_luma(&mut self, f: i64) {
        let needed_by = |n: i64| n >= self.first && n <= self.last && !self.frames.contains_key(&n);
        if !needed_by(f - 1) && !needed_by(f + 1) {
            if let Some(e) = self.frames.get_mut(&f) {
                e.luma = None;
            }
        }
    }

    /// Runs the shot model over each contiguous run and returns the signals
    /// of every measured frame in frame order.
    pub fn finish(self) -> Result<ClipAnalysis> {
        let model = self.engine.inner.models.shot.clone();
        let mut frames = Vec::with_capacity(self.frames.len());
        let mut run: Option<(usize, RunPredictor)> = None;
        let mut runs = Vec::new();
        let mut last = None;
        for (f, e) in self.frames {
            let contiguous = last == Some(f - 1);
            if !contiguous {
                if let Some((start, p)) = run.take() {
                    runs.push((start, tch::no_grad(|| p.finish())));
                }
            }
            if let (Some(model), Some(thumb)) = (&model, e.thumb) {
                let index = frames.len();
                let (_, p) = run.get_or_insert_with(|| (index, RunPredictor::new(model.clone())));
                tch::no_grad(|| p.push(thumb));
            }
            frames.push(e.signals);
            last = Some(f);
        }
        if let Some((start, p)) = run.take() {
            runs.push((start, tch::no_grad(|| p.finish())));
        }
        for (start, probs) in runs {
            for (s, p) in frames[start..].iter_mut().zip(probs) {
                s.cut_prob = p.map(|p| p.0);
                s.transition_prob = p.map(|p| p.1);
            }
        }
        Ok(ClipAnalysis {
            frame_rate: self.rate,
            frames,
            device: self.engine.device_description(),
            models: self.engine.model_status().to_string(),
            warnings: Vec::new(),
        })
    }
}
