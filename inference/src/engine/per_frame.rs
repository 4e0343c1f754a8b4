//! One frame through the engine: convert, measure, find faces.

use tch::Tensor;

use super::Engine;
use crate::error::Result;
use crate::frame::{prepare, FrameView, PrepareOptions, PreparedFrame};
use crate::signals::{self, spatial, FaceSignal, FrameSignals};

/// A measured frame plus what later frames and the shot model need.
#[derive(Debug)]
pub(crate) struct Processed {
    pub signals: FrameSignals,
    /// Analysis luma, for the next frame's motion signals.
    pub luma: Tensor,
    /// TransNetV2 thumbnail when the model is loaded.
    pub thumb: Option<Tensor>,
}

/// Uploads and converts a frame with what `engine` needs.
pub(crate) fn prepare_for(
    engine: &Engine,
    frame: i64,
    view: &FrameView<'_>,
    thumb: bool,
) -> Result<PreparedFrame> {
    let inner = &engine.inner;
    let faces =
        inner.models.face.is_some() && inner.options.faces && inner.options.quality.faces_on(frame);
    let options = PrepareOptions {
        thumbnail: thumb && inner.models.shot.is_some(),
        face_max_side: faces.then(|| inner.options.quality.face_max_side()),
    };
    prepare(view, inner.device.tch(), options)
}

/// Measures one frame; `prev` is the previous frame's analysis luma. Must run
/// under `tch::no_grad`.
pub(crate) fn process(
    engine: &Engine,
    frame: i64,
    view: &FrameView<'_>,
    prev: Option<&Tensor>,
    thumb: bool,
) -> Result<Processed> {
    let prepared = prepare_for(engine, frame, view, thumb)?;
    let mut out = signals::measure(frame, &prepared, prev)?;
    if let (Some(model), Some(rgb)) = (&engine.inner.models.face, &prepared.face_rgb) {
        let size = rgb.size();
        let (h, w) = (size[1] as f32, size[2] as f32);
        match model.detect(rgb) {
            Ok(found) => {
                out.faces_analyzed = true;
                for f in found {
                    let (x0, y0, x1, y1) = (f.x0 / w, f.y0 / h, f.x1 / w, f.y1 / h);
                    out.faces.push(FaceSignal {
                        x0: x0.clamp(0.0, 1.0),
                        y0: y0.clamp(0.0, 1.0),
                        x1: x1.clamp(0.0, 1.0),
                        y1: y1.clamp(0.0, 1.0),
                        score: f.score,
                        focus: spatial::focus_in_box(&prepared.luma, x0, y0, x1, y1)?,
                        eye_openness: f.eye_openness,
                    });
                }
            }
            Err(e) => log::warn!("face detection failed on frame {frame}: {e}"),
        }
    }
    Ok(Processed {
        signals: out,
        luma: prepared.luma,
        thumb: prepared.thumb,
    })
}
