//! The engine on real clips: determinism, random access = streaming,
//! plausible signals at known cuts, bad input.

mod engine_common;

use circletake_inference::engine::ModelState;
use circletake_inference::media::analyze_file;
use circletake_inference::{FrameRate, FrameView, InferenceError};
use engine_common::{cpu_engine, decode_frames, footage, rgb_view, sample};

const RATE: FrameRate = FrameRate { num: 25, den: 1 };

#[test]
fn repeated_runs_are_bit_identical() {
    let Some(bikes) = sample("bikes.mp4") else {
        return;
    };
    let engine = cpu_engine(false);
    let a = analyze_file(&engine, &bikes, |_, _| true).unwrap();
    let b = analyze_file(&engine, &bikes, |_, _| true).unwrap();
    assert_eq!(a.frames.len(), 250);
    assert_eq!(a, b, "two runs over the same file differ");
    assert_eq!(a.frame_rate, RATE);
}

#[test]
fn random_access_matches_streaming() {
    let Some(bikes) = sample("bikes.mp4") else {
        return;
    };
    let frames = decode_frames(&bikes, 90);
    let engine = cpu_engine(false);
    let mut stream = engine.analysis(RATE).unwrap();
    for (i, f) in frames.iter().enumerate() {
        stream.push(i as i64, &rgb_view(f)).unwrap();
    }
    let streamed = stream.finish().unwrap();

    let mut ra = engine.random_access(RATE, 0, 89).unwrap();
    // A fixed scramble (multiplicative step coprime with 90), each frame twice.
    for k in 0..180usize {
        let i = (k * 37) % 90;
        let new = ra.insert(i as i64, &rgb_view(&frames[i])).unwrap();
        assert_eq!(new, k < 90, "insert #{k} of frame {i}");
        if k == 44 {
            assert!((ra.coverage() - 0.5).abs() < 1e-9);
        }
    }
    assert_eq!(ra.coverage(), 1.0);
    assert_eq!(ra.next_missing(), None);
    let random = ra.finish().unwrap();
    assert_eq!(random.frames, streamed.frames);
}

#[test]
fn cuts_in_bikes_stand_out() {
    let Some(bikes) = footage("bikes.mp4") else {
        return;
    };
    let engine = cpu_engine(false);
    let clip = analyze_file(&engine, &bikes, |_, _| true).unwrap();
    let diffs: Vec<f32> = clip.frames.iter().map(|f| f.diff_prev).collect();
    let mut sorted = diffs.clone();
    sorted.sort_by(f32::total_cmp);
    let median = sorted[sorted.len() / 2];
    for cut in [30usize, 76, 137, 187, 242] {
        assert!(
            diffs[cut] > 3.0 * median,
            "frame {cut}: diff {} vs median {median}",
            diffs[cut]
        );
        assert!(
            clip.frames[cut].residual_motion > 2.0 * median,
            "frame {cut}: residual {}",
            clip.frames[cut].residual_motion
        );
    }
    if engine.model_status().transnet == ModelState::Loaded {
        // TransNetV2's single head marks the last frame before a cut.
        for cut in [30usize, 76, 137, 187, 242] {
            let p = clip.frames[cut - 1]
                .cut_prob
                .unwrap()
                .max(clip.frames[cut].cut_prob.unwrap());
            assert!(p > 0.5, "cut at {cut}: cut_prob {p}");
        }
        let quiet = clip.frames[10..25]
            .iter()
            .map(|f| f.cut_prob.unwrap())
            .fold(0.0f32, f32::max);
        assert!(quiet < 0.2, "no cut in 10..25 but cut_prob {quiet}");
    } else {
        eprintln!("TransNetV2 not checked: {}", engine.model_status());
        assert!(clip.frames.iter().all(|f| f.cut_prob.is_none()));
    }
}

#[test]
fn bad_buffers_and_order_are_errors() {
    let rgba8 = "rgba-u8".parse().unwrap();
    let buf = vec![0u8; 64 * 48 * 4 - 1];
    let err = FrameView::packed(&buf, 64, 48, rgba8).unwrap_err();
    assert!(matches!(err, InferenceError::BadFrame(_)), "{err}");
    assert!(err.to_string().contains("buffer"), "{err}");
    let buf = vec![0u8; 64 * 48 * 4];
    assert!(FrameView::new(&buf, 64, 48, 100, 0, rgba8).is_err());
    assert!(FrameView::new(&buf, 64, 48, -256, 0, rgba8).is_err());
    assert!(matches!(
        "bgra-u8".parse::<circletake_inference::PixelFormat>(),
        Err(InferenceError::UnsupportedPixelFormat(_))
    ));

    let engine = cpu_engine(false);
    let view = FrameView::packed(&buf, 64, 48, rgba8).unwrap();
    let mut a = engine.analysis(RATE).unwrap();
    a.push(5, &view).unwrap();
    assert!(a.push(5, &view).is_err(), "same frame twice");
    assert!(a.push(4, &view).is_err(), "going backwards");
    a.push(6, &view).unwrap();
    assert_eq!(a.finish().unwrap().frames.len(), 2);

    let mut ra = engine.random_access(RATE, 0, 9).unwrap();
    assert!(ra.insert(10, &view).is_err());
    assert!(engine.random_access(RATE, 5, 4).is_err());
    assert!(engine.analysis(FrameRate { num: 25, den: 0 }).is_err());
}

#[test]
fn black_frame_and_measure_frame() {
    let engine = cpu_engine(false);
    let f32fmt = "rgba-f32".parse().unwrap();
    let black = vec![0u8; 320 * 180 * 16];
    let view = FrameView::packed(&black, 320, 180, f32fmt).unwrap();
    let s = engine.measure_frame(0, &view, None).unwrap();
    assert_eq!(
        (s.luma_mean, s.crushed_shadows, s.clipped_highlights),
        (0.0, 1.0, 0.0)
    );
    assert_eq!((s.focus, s.noise, s.diff_prev), (0.0, 0.0, 0.0));
    // A white frame after a black one: maximal difference, no motion.
    let white: Vec<u8> = std::iter::repeat_n(1.0f32.to_ne_bytes(), 320 * 180 * 4)
        .flatten()
        .collect();
    let wview = FrameView::packed(&white, 320, 180, f32fmt).unwrap();
    let s = engine.measure_frame(1, &wview, Some(&view)).unwrap();
    assert_eq!(
        (s.luma_mean, s.clipped_highlights, s.diff_prev),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(
        (s.motion_dx, s.motion_dy, s.motion_confidence),
        (0.0, 0.0, 0.0)
    );
}

#[test]
fn corrupt_model_file_is_reported_and_the_rest_runs() {
    let dir =
        std::env::temp_dir().join(format!("circletake-corrupt-models-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("transnetv2.pt"), b"not a torchscript archive").unwrap();
    let engine = circletake_inference::Engine::new(circletake_inference::EngineOptions {
        device: "cpu".parse().unwrap(),
        model_dir: Some(dir.clone()),
        faces: true,
        ..Default::default()
    })
    .unwrap();
    let status = engine.model_status();
    match &status.transnet {
        ModelState::Unavailable(why) => assert!(why.contains("transnetv2.pt"), "{why}"),
        other => panic!("corrupt TransNetV2 reported as {other:?}"),
    }
    match &status.faces {
        ModelState::Unavailable(why) => assert!(why.contains("mtcnn"), "{why}"),
        other => panic!("missing MTCNN reported as {other:?}"),
    }
    let buf = vec![128u8; 64 * 48 * 3];
    let view = FrameView::packed(&buf, 64, 48, "rgb-u8".parse().unwrap()).unwrap();
    let mut a = engine.analysis(RATE).unwrap();
    a.push(0, &view).unwrap();
    let clip = a.finish().unwrap();
    assert_eq!(clip.frames[0].cut_prob, None);
    assert!(!clip.frames[0].faces_analyzed);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn black_head_of_testvideo_reads_black() {
    let Some(path) = footage("testvideo.mp4") else {
        return;
    };
    let frames = decode_frames(&path, 60);
    let engine = cpu_engine(false);
    let mut a = engine
        .analysis(FrameRate {
            num: 30000,
            den: 1001,
        })
        .unwrap();
    for (i, f) in frames.iter().enumerate() {
        a.push(i as i64, &rgb_view(f)).unwrap();
    }
    let clip = a.finish().unwrap();
    for f in &clip.frames[..30] {
        // A copyright line is burned into the black frames.
        assert!(
            f.luma_mean < 0.05 && f.crushed_shadows > 0.9,
            "frame {}: {f:?}",
            f.frame
        );
    }
    for f in &clip.frames[31..60] {
        assert!(
            f.luma_mean > 0.1 && f.crushed_shadows < 0.5,
            "frame {}: {f:?}",
            f.frame
        );
        assert!(
            f.focus > 10.0 * clip.frames[10].focus.max(1e-3),
            "frame {}: {f:?}",
            f.frame
        );
    }
    let cut = &clip.frames[30];
    assert!(cut.diff_prev > 0.1, "hard cut from black at 30: {cut:?}");
}

#[test]
fn faces_in_carphone() {
    let Some(path) = sample("carphone.mp4") else {
        return;
    };
    let engine = cpu_engine(true);
    if engine.model_status().faces != ModelState::Loaded {
        eprintln!(
            "skipped: face detector not loaded ({})",
            engine.model_status()
        );
        return;
    }
    let frames = decode_frames(&path, 8);
    let mut a = engine
        .analysis(FrameRate {
            num: 30000,
            den: 1001,
        })
        .unwrap();
    for (i, f) in frames.iter().enumerate() {
        a.push(i as i64, &rgb_view(f)).unwrap();
    }
    let clip = a.finish().unwrap();
    for f in &clip.frames {
        assert!(f.faces_analyzed);
        // The driver, facing the camera, fills the middle of the frame.
        let best = f
            .faces
            .first()
            .unwrap_or_else(|| panic!("no face in frame {}", f.frame));
        assert!(best.score > 0.9, "{best:?}");
        let (cx, cy) = ((best.x0 + best.x1) / 2.0, (best.y0 + best.y1) / 2.0);
        assert!(
            (0.2..0.8).contains(&cx) && (0.1..0.8).contains(&cy),
            "{best:?}"
        );
        assert!(best.x1 - best.x0 > 0.1, "{best:?}");
        assert!(best.focus > 0.0, "{best:?}");
        if engine.model_status().eyes == ModelState::Loaded {
            let open = best.eye_openness.expect("eyes measured");
            assert!((0.0..=1.0).contains(&open), "{best:?}");
        }
    }
}
