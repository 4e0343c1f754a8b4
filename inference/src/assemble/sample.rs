//! Decoding the few frames a take's [`Descriptor`] is computed from, with the same
//! decoder and frame numbering as the analysis ([`crate::media::VideoDecoder`]);
//! decoding stops after the last wanted frame.

use std::path::Path;

use super::descriptor::{Descriptor, RgbFrame};
use super::AssembleError;
use crate::frame::SampleDepth;
use crate::media::{DecodeOptions, VideoDecoder};

/// The descriptor of `path` from its frames `wanted` (media frame numbers, 0 =
/// first frame, sorted). Frames past the end are left out; an error when the file
/// cannot be decoded or none of the wanted frames exists.
pub fn describe_media(path: &Path, wanted: &[i64]) -> Result<Descriptor, AssembleError> {
    let fail = |reason: String| AssembleError::Decode {
        path: path.to_path_buf(),
        reason,
    };
    let Some(&last) = wanted.last() else {
        return Err(fail("no frames to describe".into()));
    };
    let decoder =
        VideoDecoder::open(path, DecodeOptions::default()).map_err(|e| fail(e.to_string()))?;
    let mut kept = Vec::new();
    for frame in decoder {
        let frame = frame.map_err(|e| fail(e.to_string()))?;
        let index = frame.index as i64;
        if wanted.binary_search(&index).is_ok() && frame.format.depth == SampleDepth::U8 {
            kept.push(frame);
        }
        if index >= last {
            break;
        }
    }
    if kept.is_empty() {
        return Err(fail(format!("none of frames {wanted:?} could be decoded")));
    }
    let views: Vec<RgbFrame<'_>> = kept
        .iter()
        .map(|f| RgbFrame {
            data: &f.data,
            width: f.width,
            height: f.height,
        })
        .collect();
    Ok(Descriptor::from_frames(&views))
}
