//! TransNetV2 over a contiguous run of frames, streamed in the model's own
//! windows: 100 frames, 50 apart, the run padded with 25 copies of its first
//! frame and copies of its last, frames 25..75 of each window kept. A window
//! is built as soon as its last frame arrives and runs on a worker thread, so
//! the model overlaps decoding and the per-frame signals; at most ~125
//! thumbnails and [`QUEUED`] windows are held, so memory stays flat over any
//! length; and every run gives exactly the numbers of upstream
//! `predict_frames` over the same frames, streamed or inserted in any order.

use std::collections::VecDeque;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use tch::Tensor;

use super::models::ShotModel;
use crate::models::transnet::{CONTEXT, STRIDE, WINDOW};

/// Windows waiting for the worker before `push` blocks (back-pressure keeps
/// memory bounded when the model is slower than the frames arrive).
const QUEUED: usize = 2;

/// Shot-boundary probabilities `(cut, transition)` per frame of a run, `None`
/// where the model failed (logged).
pub(crate) type ShotProbs = Vec<Option<(f32, f32)>>;

/// Runs windows in order and collects their reported frames.
struct WindowRunner {
    model: Arc<dyn ShotModel>,
    out: ShotProbs,
}

impl WindowRunner {
    /// Runs `windows` (each `[100, 27, 48, 3]`) in one forward pass.
    fn run(&mut self, windows: &[Tensor]) {
        let want = windows.len() * STRIDE as usize;
        let result = Tensor::f_stack(windows, 0)
            .map_err(Into::into)
            .and_then(|batch| self.model.predict_windows(&batch));
        match result {
            Ok((cut, trans)) if cut.len() == want && trans.len() == want => {
                self.out
                    .extend(cut.into_iter().zip(trans).map(|(c, t)| Some((c, t))));
            }
            Ok((cut, _)) => {
                log::warn!("TransNetV2 returned {} values for {want} frames", cut.len());
                self.out.extend(std::iter::repeat_n(None, want));
            }
            Err(e) => {
                log::warn!("TransNetV2 failed on {} window(s): {e}", windows.len());
                self.out.extend(std::iter::repeat_n(None, want));
            }
        }
    }

    /// Runs every window received until the channel closes, several per pass
    /// when they are already waiting and the device prefers batches.
    fn serve(mut self, rx: Receiver<Tensor>) -> ShotProbs {
        let per_pass = self.model.windows_per_pass().max(1);
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            while batch.len() < per_pass {
                match rx.try_recv() {
                    Ok(w) => batch.push(w),
                    Err(_) => break,
                }
            }
            self.run(&batch);
        }
        self.out
    }
}

/// Where windows run: a worker thread, or inline when none could start.
enum Runner {
    Thread {
        tx: SyncSender<Tensor>,
        handle: JoinHandle<ShotProbs>,
    },
    Inline(WindowRunner),
}

impl Runner {
    fn start(model: Arc<dyn ShotModel>) -> Self {
        let (tx, rx) = sync_channel::<Tensor>(QUEUED);
        let runner = WindowRunner {
            model: model.clone(),
            out: Vec::new(),
        };
        match std::thread::Builder::new()
            .name("transnet".into())
            .spawn(move || runner.serve(rx))
        {
            Ok(handle) => Self::Thread { tx, handle },
            Err(e) => {
                log::warn!("TransNetV2 runs inline: cannot start its thread: {e}");
                Self::Inline(WindowRunner {
                    model,
                    out: Vec::new(),
                })
            }
        }
    }

    fn send(&mut self, window: Tensor) {
        match self {
            Self::Thread { tx, .. } => {
                if tx.send(window).is_err() {
                    // The worker is gone (it panicked); finish() reports it.
                    log::warn!("TransNetV2 worker stopped; window dropped");
                }
            }
            Self::Inline(r) => r.run(&[window]),
        }
    }

    fn finish(self) -> ShotProbs {
        match self {
            Self::Thread { tx, handle } => {
                drop(tx);
                handle.join().unwrap_or_else(|_| {
                    log::warn!("TransNetV2 worker panicked; no shot probabilities for this run");
                    Vec::new()
                })
            }
            Self::Inline(r) => r.out,
        }
    }
}

/// Feeds thumbnails of one contiguous run to the model window by window.
pub(crate) struct RunPredictor {
    /// Thumbnails of run frames `base..base + thumbs.len()`.
    thumbs: VecDeque<Tensor>,
    base: usize,
    /// Index of the next window to build (window k reports frames 50k..50k+50).
    next_window: usize,
    runner: Runner,
}

impl std::fmt::Debug for RunPredictor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunPredictor")
            .field("frames", &self.len())
            .field("next_window", &self.next_window)
            .finish()
    }
}

impl RunPredictor {
    pub(crate) fn new(model: Arc<dyn ShotModel>) -> Self {
        Self {
            thumbs: VecDeque::new(),
            base: 0,
            next_window: 0,
            runner: Runner::start(model),
        }
    }

    /// Frames pushed so far.
    fn len(&self) -> usize {
        self.base + self.thumbs.len()
    }

    /// Adds the next frame's `[27, 48, 3]` u8 thumbnail; sends every window
    /// it completes to the model.
    pub(crate) fn push(&mut self, thumb: Tensor) {
        self.thumbs.push_back(thumb);
        // Window k ends at run frame 50k + 75 (exclusive).
        let (stride, tail) = (STRIDE as usize, (WINDOW - CONTEXT) as usize);
        while self.len() >= self.next_window * stride + tail {
            self.send_window(self.len());
        }
    }

    /// Builds window `next_window` from frames `< n` (later positions repeat
    /// frame `n - 1`, earlier than 0 repeat frame 0) and sends it.
    fn send_window(&mut self, n: usize) {
        let start = (self.next_window * STRIDE as usize) as i64 - CONTEXT;
        let frames: Vec<&Tensor> = (start..start + WINDOW)
            .map(|j| {
                let j = j.clamp(0, n as i64 - 1) as usize;
                &self.thumbs[j - self.base]
            })
            .collect();
        let window = match Tensor::f_stack(&frames, 0) {
            Ok(w) => w,
            Err(e) => {
                log::warn!("TransNetV2 window not built: {e}");
                // An empty window fails in the model and yields `None`s.
                Tensor::new()
            }
        };
        self.runner.send(window);
        self.next_window += 1;
        // Window k + 1 starts at frame 50(k + 1) - 25; nothing before is needed
        // (frame 0 stays while it pads the first window).
        let keep_from = (self.next_window * STRIDE as usize).saturating_sub(CONTEXT as usize);
        while self.base < keep_from && self.thumbs.len() > 1 {
            self.thumbs.pop_front();
            self.base += 1;
        }
    }

    /// Runs the remaining windows and returns one entry per pushed frame.
    pub(crate) fn finish(mut self) -> ShotProbs {
        let n = self.len();
        while self.next_window * (STRIDE as usize) < n {
            self.send_window(n);
        }
        let mut out = self.runner.finish();
        out.resize(n, None);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Result;

    /// A stand-in model whose output for a window frame is its first pixel
    /// value, so misplaced windows would show.
    struct Echo;
    impl ShotModel for Echo {
        fn predict_windows(&self, windows: &Tensor) -> Result<(Vec<f32>, Vec<f32>)> {
            let first = windows
                .f_narrow(1, CONTEXT, STRIDE)?
                .f_select(2, 0)?
                .f_select(2, 0)?
                .f_select(2, 0)?
                .f_reshape([-1])?;
            let v = Vec::<f32>::try_from(first.f_to_kind(tch::Kind::Float)?)?;
            Ok((v.clone(), v))
        }
        fn windows_per_pass(&self) -> usize {
            3
        }
    }

    fn thumb(v: i64) -> Tensor {
        Tensor::full([27, 48, 3], v, (tch::Kind::Uint8, tch::Device::Cpu))
    }

    #[test]
    fn every_frame_gets_its_own_prediction() {
        for n in [1, 49, 50, 51, 74, 75, 76, 100, 1037] {
            let mut p = RunPredictor::new(Arc::new(Echo));
            for i in 0..n {
                p.push(thumb((i % 251) as i64));
            }
            let out = p.finish();
            assert_eq!(out.len(), n);
            for (i, v) in out.iter().enumerate() {
                let e = (i % 251) as f32;
                assert_eq!(*v, Some((e, e)), "frame {i} of {n}");
            }
        }
    }

    #[test]
    fn holds_a_bounded_number_of_thumbnails() {
        let mut p = RunPredictor::new(Arc::new(Echo));
        for i in 0..2000 {
            p.push(thumb(i % 7));
            assert!(
                p.thumbs.len() <= 126,
                "{} held at frame {i}",
                p.thumbs.len()
            );
        }
        assert_eq!(p.finish().len(), 2000);
    }

    /// A model that always fails: every frame gets `None`, none is lost.
    struct Broken;
    impl ShotModel for Broken {
        fn predict_windows(&self, _: &Tensor) -> Result<(Vec<f32>, Vec<f32>)> {
            Err(crate::InferenceError::InvalidArgument("broken".into()))
        }
        fn windows_per_pass(&self) -> usize {
            1
        }
    }

    #[test]
    fn a_failing_model_gives_none_for_every_frame() {
        let mut p = RunPredictor::new(Arc::new(Broken));
        for i in 0..130 {
            p.push(thumb(i));
        }
        let out = p.finish();
        assert_eq!(out.len(), 130);
        assert!(out.iter().all(Option::is_none));
    }
}
