//! Per-frame measurements: the shared signal types and the tensor code that
//! computes them (definitions and units are on [`FrameSignals`]'s fields).

pub(crate) mod motion;
pub(crate) mod spatial;
#[cfg(test)]
pub(crate) mod testutil;
pub mod types;

pub use types::{FaceSignal, FrameRate, FrameSignals};

use tch::{Kind, Tensor};

use crate::error::Result;
use crate::frame::PreparedFrame;
use motion::PairMeasures;

/// The model-free signals of one prepared frame; `prev` is the analysis luma
/// of the previous frame when there is one. Model fields are left empty
/// (`None` / not analysed) for the engine to fill.
pub(crate) fn measure(
    frame_number: i64,
    frame: &PreparedFrame,
    prev: Option<&Tensor>,
) -> Result<FrameSignals> {
    let luma = &frame.luma;
    let (mean, clipped, crushed) = spatial::exposure(luma)?;
    let single = Tensor::f_cat(
        &[
            spatial::focus(luma)?,
            mean,
            clipped,
            crushed,
            frame.noise.shallow_clone(),
        ],
        0,
    )?;
    let v = Vec::<f32>::try_from(
        single
            .f_to_kind(Kind::Float)?
            .f_to_device(tch::Device::Cpu)?,
    )?;
    let pair = match prev {
        Some(p) => motion::measure_pair(p, luma)?,
        None => PairMeasures::default(),
    };
    Ok(FrameSignals {
        frame: frame_number,
        focus: v[0],
        luma_mean: v[1],
        clipped_highlights: v[2],
        crushed_shadows: v[3],
        motion_dx: pair.dx,
        motion_dy: pair.dy,
        motion_confidence: pair.confidence,
        residual_motion: pair.residual,
        diff_prev: pair.diff,
        noise: v[4],
        cut_prob: None,
        transition_prob: None,
        faces: Vec::new(),
        faces_analyzed: false,
    })
}
