//! Eye openness from Rust against the Python reference (`export_iris.py`,
//! whose model outputs come from Google's TFLite interpreter).

mod models_common;

use circletake_inference::models::eyes::{self, EyeModel};
use circletake_inference::models::DetectedFace;
use circletake_inference::InferenceError;
use models_common::{max_abs_diff, models_dir, Reference};
use tch::{Device, Kind, Tensor};

fn load() -> Option<(EyeModel, Reference)> {
    let dir = models_dir("iris")?;
    let model =
        EyeModel::load(&dir.join("iris_landmark.pt"), Device::Cpu).expect("iris_landmark.pt loads");
    Some((model, Reference::open(&dir, "iris")))
}

fn reference_face(reference: &Reference, index: i64) -> (Tensor, DetectedFace) {
    let frame = reference
        .tensor(&format!("f{index}_frame"))
        .permute([2, 0, 1])
        .to_kind(Kind::Float);
    let marks = Vec::<f32>::try_from(
        &reference
            .tensor(&format!("f{index}_landmarks"))
            .reshape([-1]),
    )
    .unwrap();
    let face = DetectedFace {
        x0: 0.0,
        y0: 0.0,
        x1: 1.0,
        y1: 1.0,
        score: 1.0,
        landmarks: std::array::from_fn(|i| (marks[2 * i], marks[2 * i + 1])),
    };
    (frame, face)
}

fn frames(reference: &Reference) -> [i64; 2] {
    [
        reference.number("open_frame") as i64,
        reference.number("blink_frame") as i64,
    ]
}

#[test]
fn contours_match_the_tflite_interpreter() {
    let Some((model, reference)) = load() else {
        return;
    };
    for index in frames(&reference) {
        let contours = model
            .contours(&reference.tensor(&format!("f{index}_crops")))
            .unwrap();
        let diff = max_abs_diff(&contours, &reference.tensor(&format!("f{index}_contours")));
        println!("frame {index}: eye contours vs TFLite: max abs diff {diff:.2e} px (64 px crops)");
        assert!(diff < 1e-2);
    }
}

#[test]
fn crops_and_openness_match_python() {
    let Some((model, reference)) = load() else {
        return;
    };
    let mut measured = Vec::new();
    for index in frames(&reference) {
        let (frame, face) = reference_face(&reference, index);
        let crops = eyes::eye_crops(&frame, &face).unwrap();
        let crop_diff = max_abs_diff(&crops, &reference.tensor(&format!("f{index}_crops")));
        let got = model.openness(&frame, &face).unwrap();
        let want = Vec::<f32>::try_from(&reference.tensor(&format!("f{index}_openness"))).unwrap();
        let ratios =
            Vec::<f32>::try_from(&reference.tensor(&format!("f{index}_lid_ratios"))).unwrap();
        println!(
            "carphone frame {index}: crops max abs diff {crop_diff:.2e}; openness {:.3}/{:.3} (python {:.3}/{:.3}), lid ratio {:.3}/{:.3} (python {:.3}/{:.3})",
            got.left, got.right, want[0], want[1], got.left_ratio, got.right_ratio, ratios[0], ratios[1]
        );
        assert!(crop_diff < 1e-3);
        assert!((got.left - want[0]).abs() < 5e-3 && (got.right - want[1]).abs() < 5e-3);
        assert!((got.left_ratio - ratios[0]).abs() < 2e-3);
        assert!((got.right_ratio - ratios[1]).abs() < 2e-3);
        measured.push(got);
    }
    // Eyes open in the first frame; the blink frame reads clearly more closed.
    let (open, blink) = (measured[0], measured[1]);
    assert!(open.left > 0.8 && open.right > 0.8, "{open:?}");
    assert!(
        blink.left + blink.right < open.left + open.right - 0.4,
        "{blink:?} vs {open:?}"
    );
}

#[test]
fn the_scale_runs_from_closed_to_open() {
    assert_eq!(eyes::openness(0.0), 0.0);
    assert_eq!(eyes::openness(eyes::CLOSED_RATIO), 0.0);
    assert_eq!(eyes::openness(eyes::OPEN_RATIO), 1.0);
    assert_eq!(eyes::openness(1.0), 1.0);
    let mid = eyes::openness((eyes::CLOSED_RATIO + eyes::OPEN_RATIO) / 2.0);
    assert!((mid - 0.5).abs() < 1e-6);
}

#[test]
fn degenerate_faces_and_images_are_refused() {
    let Some((model, reference)) = load() else {
        return;
    };
    let index = frames(&reference)[0];
    let (frame, mut face) = reference_face(&reference, index);
    face.landmarks[1] = face.landmarks[0];
    assert!(matches!(
        model.openness(&frame, &face),
        Err(InferenceError::InvalidArgument(_))
    ));
    face.landmarks[1] = (f32::NAN, 3.0);
    assert!(matches!(
        model.openness(&frame, &face),
        Err(InferenceError::InvalidArgument(_))
    ));
    let (_, face) = reference_face(&reference, index);
    let hwc = frame.permute([1, 2, 0]);
    assert!(matches!(
        model.openness(&hwc, &face),
        Err(InferenceError::InvalidArgument(_))
    ));
    let wrong = Tensor::zeros([2, 3, 32, 32], (Kind::Float, Device::Cpu));
    assert!(matches!(
        model.contours(&wrong),
        Err(InferenceError::InvalidArgument(_))
    ));
}
