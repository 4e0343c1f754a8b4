//! The analysis engine: frames in, [`FrameSignals`] out, either streamed in
//! order ([`Analysis`]) or inserted in any order ([`RandomAccessAnalysis`]).

mod clip;
mod model_impl;
mod models;
mod options;
mod per_frame;
mod random_access;
mod shot_pass;
mod shot_windows;
mod streaming;

pub use clip::ClipAnalysis;
pub use models::{ModelState, ModelStatus};
pub use options::{EngineOptions, Quality};
pub use random_access::RandomAccessAnalysis;
pub use shot_pass::{ShotPass, ShotProbability};
pub use streaming::Analysis;

use std::path::PathBuf;
use std::sync::Arc;

use crate::device::{self, ComputeDevice};
use crate::error::{InferenceError, Result};
use crate::frame::FrameView;
use crate::signals::{FrameRate, FrameSignals};
use models::LoadedModels;

/// The analysis engine. Cheap to clone; `Send + Sync`, so several render
/// threads can share one. Models are loaded once per process and shared.
#[derive(Debug, Clone)]
pub struct Engine {
    inner: Arc<EngineInner>,
}

#[derive(Debug)]
struct EngineInner {
    device: ComputeDevice,
    options: EngineOptions,
    models: Arc<LoadedModels>,
}

impl Engine {
    /// Resolves the device and loads the models. Missing or corrupt models
    /// are logged (naming the file) and skipped; see [`Engine::model_status`].
    pub fn new(options: EngineOptions) -> Result<Self> {
        let device = device::resolve(
            options.device,
            Some(options.threads.unwrap_or_else(default_threads)),
        )?;
        let dir = options
            .model_dir
            .clone()
            .or_else(|| std::env::var_os("CIRCLETAKE_MODELS").map(PathBuf::from));
        let models = models::shared_models(dir.as_deref(), &device, options.faces);
        log::info!("engine on {}; {}", device.describe(), models.status);
        Ok(Self {
            inner: Arc::new(EngineInner {
                device,
                options,
                models,
            }),
        })
    }

    /// Which models are loaded, disabled or unavailable (and why).
    pub fn model_status(&self) -> &ModelStatus {
        &self.inner.models.status
    }

    /// The device in use and why, e.g. `CPU (2 threads; CUDA: ... no driver)`.
    pub fn device_description(&self) -> String {
        self.inner.device.describe()
    }

    /// The options the engine was built with.
    pub fn options(&self) -> &EngineOptions {
        &self.inner.options
    }

    /// Starts an in-order (streaming) analysis.
    pub fn analysis(&self, frame_rate: FrameRate) -> Result<Analysis> {
        check_rate(frame_rate)?;
        Ok(Analysis::new(self.clone(), frame_rate))
    }

    /// Starts an any-order analysis of the frames `first..=last`.
    pub fn random_access(
        &self,
        frame_rate: FrameRate,
        first: i64,
        last: i64,
    ) -> Result<RandomAccessAnalysis> {
        check_rate(frame_rate)?;
        if last < first {
            return Err(InferenceError::InvalidArgument(format!(
                "empty frame range {first}..={last}"
            )));
        }
        Ok(RandomAccessAnalysis::new(
            self.clone(),
            frame_rate,
            first,
            last,
        ))
    }

    /// Starts a TransNetV2-only pass (no other signal). Errors when the
    /// model is not loaded.
    pub fn shot_pass(&self) -> Result<ShotPass> {
        ShotPass::new(self)
    }

    /// Measures one frame on its own (no shot-boundary model: that needs
    /// neighbouring frames). `prev` is the preceding frame, for the motion
    /// and difference signals (0 without it).
    pub fn measure_frame(
        &self,
        frame: i64,
        view: &FrameView<'_>,
        prev: Option<&FrameView<'_>>,
    ) -> Result<FrameSignals> {
        tch::no_grad(|| {
            let prev_luma = match prev {
                Some(p) => Some(per_frame::prepare_for(self, frame - 1, p, false)?.luma),
                None => None,
            };
            let out = per_frame::process(self, frame, view, prev_luma.as_ref(), false)?;
            Ok(out.signals)
        })
    }
}

/// libtorch intra-op threads when the options leave it open: half the cores
/// (at least 1). The per-frame path and the TransNetV2 worker run at once,
/// each with this many threads, next to FFmpeg's decoder; libtorch's own
/// default (every core for each of them) oversubscribes the CPU, and OpenMP
/// teams then wait at every operator's barrier for a preempted member. On 2
/// busy cores that made a 640x272 analysis up to 4x slower (3.6 vs 14.8
/// frames/s in one run; BENCHMARKS.md has the latest).
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

fn check_rate(rate: FrameRate) -> Result<()> {
    if rate.num == 0 || rate.den == 0 {
        return Err(InferenceError::InvalidArgument(format!(
            "frame rate {}/{} is not positive",
            rate.num, rate.den
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Engine>();
        fn send<T: Send>() {}
        send::<Analysis>();
        send::<RandomAccessAnalysis>();
    }
}
