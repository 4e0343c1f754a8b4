//! Shared helpers of the engine/media integration tests: where the sample
//! clips, the real footage and the models are, skipping cleanly without them.
#![allow(dead_code)]

use std::path::PathBuf;

use circletake_inference::media::{DecodeOptions, VideoDecoder};
use circletake_inference::{Engine, EngineOptions, FrameView};

/// `$CIRCLETAKE_SAMPLES/<name>`, or `None` (with a skip message).
pub fn sample(name: &str) -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("CIRCLETAKE_SAMPLES") else {
        eprintln!("skipped: CIRCLETAKE_SAMPLES not set (run through `cargo xtask test`)");
        return None;
    };
    let p = PathBuf::from(dir).join(name);
    if !p.is_file() {
        eprintln!("skipped: sample {} not present", p.display());
        return None;
    }
    ffmpeg().then_some(p)
}

/// `<workspace root>/../shared/footage/<name>`, or `None` (with a skip message).
pub fn footage(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/footage");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/footage not present");
        return None;
    }
    ffmpeg().then(|| dir.join(name))
}

/// Whether an FFmpeg binary can be found (prints a skip message otherwise).
pub fn ffmpeg() -> bool {
    match circletake_inference::media::ffmpeg_binary() {
        Ok(_) => true,
        Err(e) => {
            eprintln!("skipped: {e}");
            false
        }
    }
}

/// An engine on the CPU, models from `$CIRCLETAKE_MODELS` when set.
pub fn cpu_engine(faces: bool) -> Engine {
    Engine::new(EngineOptions {
        device: "cpu".parse().unwrap(),
        faces,
        ..EngineOptions::default()
    })
    .expect("CPU engine")
}

/// The first `n` frames of a clip as packed RGB u8 buffers.
pub fn decode_frames(path: &std::path::Path, n: usize) -> Vec<(Vec<u8>, usize, usize)> {
    VideoDecoder::open(path, DecodeOptions::default())
        .expect("decoder")
        .take(n)
        .map(|f| {
            let f = f.expect("frame");
            (f.data, f.width, f.height)
        })
        .collect()
}

/// A view of a packed RGB u8 buffer.
pub fn rgb_view(frame: &(Vec<u8>, usize, usize)) -> FrameView<'_> {
    FrameView::packed(&frame.0, frame.1, frame.2, "rgb-u8".parse().unwrap()).unwrap()
}
