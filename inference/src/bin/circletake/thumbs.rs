//! Thumbnails for the PNG report: the media is decoded again with FFmpeg (the
//! same decoder and frame numbering as the analysis) and the wanted frames are
//! kept, scaled down.

use std::path::Path;

use circletake_inference::export::Thumbnails;
use circletake_inference::media::{DecodeOptions, VideoDecoder};
use image::imageops::{resize, FilterType};
use image::RgbImage;

/// Largest thumbnail kept (the sheet shows them at 200x112).
const MAX_W: u32 = 400;
const MAX_H: u32 = 225;

/// Frames `wanted` (sorted) of `path` as small RGB images; frames that cannot be
/// decoded are left out (the sheet draws an empty box).
pub fn decode_thumbnails(path: &Path, wanted: &[i64]) -> Thumbnails {
    let mut out = Thumbnails::new();
    let Some(&last) = wanted.last() else {
        return out;
    };
    let Ok(decoder) = VideoDecoder::open(path, DecodeOptions::default()) else {
        return out;
    };
    for frame in decoder {
        let Ok(frame) = frame else { break };
        let index = frame.index as i64;
        if wanted.binary_search(&index).is_ok() {
            let (w, h) = (frame.width as u32, frame.height as u32);
            if let Some(img) = RgbImage::from_raw(w, h, frame.data) {
                let s = (f64::from(MAX_W) / f64::from(w))
                    .min(f64::from(MAX_H) / f64::from(h))
                    .min(1.0);
                let (tw, th) = (
                    ((f64::from(w) * s).round() as u32).max(1),
                    ((f64::from(h) * s).round() as u32).max(1),
                );
                let small = if s < 1.0 {
                    resize(&img, tw, th, FilterType::Triangle)
                } else {
                    img
                };
                out.insert(index, small);
            }
        }
        if index >= last {
            break;
        }
    }
    out
}
