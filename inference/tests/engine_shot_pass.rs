//! The TransNetV2-only pass (`Engine::shot_pass`): streamed windows on a
//! worker thread give upstream `predict_frames`' numbers.

mod models_common;

use circletake_inference::{Engine, EngineOptions, FrameView, InferenceError};
use models_common::{models_dir, Reference};

fn engine(dir: &std::path::Path) -> Engine {
    Engine::new(EngineOptions {
        device: "cpu".parse().unwrap(),
        model_dir: Some(dir.to_path_buf()),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn streamed_windows_equal_upstream_on_bikes() {
    let Some(dir) = models_dir("transnetv2") else {
        return;
    };
    let reference = Reference::open(&dir, "transnetv2");
    let frames = reference.tensor("bikes_frames");
    let expect = Vec::<f32>::try_from(&reference.tensor("bikes_single")).unwrap();
    let expect_many = Vec::<f32>::try_from(&reference.tensor("bikes_many")).unwrap();
    let bytes = Vec::<u8>::try_from(frames.reshape([-1])).unwrap();
    let fmt = "rgb-u8".parse().unwrap();
    let mut pass = engine(&dir).shot_pass().unwrap();
    for frame in bytes.chunks_exact(27 * 48 * 3) {
        pass.push(&FrameView::packed(frame, 48, 27, fmt).unwrap())
            .unwrap();
    }
    assert_eq!(pass.frames_done(), expect.len());
    let got = pass.finish();
    assert_eq!(got.len(), expect.len());
    let mut worst = 0.0f32;
    for (i, p) in got.iter().enumerate() {
        let p = p.unwrap_or_else(|| panic!("no prediction for frame {i}"));
        worst = worst
            .max((p.cut - expect[i]).abs())
            .max((p.transition - expect_many[i]).abs());
    }
    println!("shot pass vs upstream predict_frames: max abs diff {worst:.2e}");
    assert!(worst < 1e-4, "{worst}");
    let cuts: Vec<usize> = (0..got.len())
        .filter(|&i| got[i].is_some_and(|p| p.cut > 0.5))
        .collect();
    assert_eq!(cuts, vec![29, 75, 136, 186, 241]);
}

#[test]
fn without_the_model_a_shot_pass_is_refused() {
    let missing = std::env::temp_dir().join("circletake-no-models-shot-pass");
    let err = engine(&missing).shot_pass().unwrap_err();
    assert!(matches!(err, InferenceError::InvalidArgument(_)), "{err}");
    assert!(err.to_string().contains("TransNetV2"), "{err}");
}

#[test]
fn ffmpeg_scaled_decode_feeds_the_pass() {
    use circletake_inference::media::{DecodeOptions, VideoDecoder};
    let Some(dir) = std::env::var_os("CIRCLETAKE_SAMPLES") else {
        eprintln!("skipped: CIRCLETAKE_SAMPLES not set");
        return;
    };
    let bikes = std::path::Path::new(&dir).join("bikes.mp4");
    if !bikes.is_file() || circletake_inference::media::ffmpeg_binary().is_err() {
        eprintln!("skipped: bikes.mp4 or FFmpeg unavailable");
        return;
    }
    assert!(VideoDecoder::open_scaled(&bikes, DecodeOptions::default(), 0, 27).is_err());
    let decoder = VideoDecoder::open_scaled(&bikes, DecodeOptions::default(), 48, 27).unwrap();
    assert_eq!((decoder.info().width, decoder.info().height), (640, 272));
    let frames: Vec<_> = decoder.map(Result::unwrap).collect();
    assert_eq!(frames.len(), 250);
    assert!(frames
        .iter()
        .all(|f| (f.width, f.height, f.data.len()) == (48, 27, 48 * 27 * 3)));
    let Some(models) = models_dir("transnetv2") else {
        return;
    };
    let mut pass = engine(&models).shot_pass().unwrap();
    for f in &frames {
        pass.push(&f.view().unwrap()).unwrap();
    }
    let probs = pass.finish();
    let cuts: Vec<usize> = (0..probs.len())
        .filter(|&i| probs[i].is_some_and(|p| p.cut > 0.5))
        .collect();
    assert_eq!(cuts, vec![29, 75, 136, 186, 241]);
}
