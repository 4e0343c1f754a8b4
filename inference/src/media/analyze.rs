//! Whole-file analysis.

use std::path::Path;

use super::{DecodeOptions, VideoDecoder};
use crate::engine::{ClipAnalysis, Engine};
use crate::error::{InferenceError, Result};

/// Decodes `path` and analyses every frame (frame numbers = 0-based decode
/// order). `progress(done, total_estimate)` is called after each frame;
/// returning `false` cancels with [`InferenceError::Cancelled`].
pub fn analyze_file(
    engine: &Engine,
    path: &Path,
    mut progress: impl FnMut(u64, Option<u64>) -> bool,
) -> Result<ClipAnalysis> {
    let mut decoder = VideoDecoder::open(path, DecodeOptions::default())?;
    let info = decoder.info().clone();
    let mut analysis = engine.analysis(info.frame_rate)?;
    for frame in decoder.by_ref() {
        let frame = frame?;
        analysis.push(frame.index as i64, &frame.view()?)?;
        if !progress(frame.index + 1, info.frame_count) {
            return Err(InferenceError::Cancelled);
        }
    }
    let mut clip = analysis.finish()?;
    clip.warnings.extend(decoder.warnings().iter().cloned());
    if clip.frames.is_empty() {
        return Err(InferenceError::Media {
            path: path.to_path_buf(),
            reason: "no frames decoded".into(),
        });
    }
    Ok(clip)
}
