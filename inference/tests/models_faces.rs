//! MTCNN from Rust against facenet-pytorch (`export_mtcnn.py`).

mod models_common;

use circletake_inference::models::{FaceDetector, FaceDetectorConfig};
use circletake_inference::InferenceError;
use models_common::{max_abs_diff, models_dir, Reference};
use tch::{Device, Kind, Tensor};

fn load() -> Option<(FaceDetector, Reference)> {
    let dir = models_dir("mtcnn")?;
    let faces = FaceDetector::load(&dir, Device::Cpu).expect("the MTCNN files load");
    Some((faces, Reference::open(&dir, "mtcnn")))
}

#[test]
fn each_network_matches_pytorch() {
    let Some(dir) = models_dir("mtcnn") else {
        return;
    };
    let reference = Reference::open(&dir, "mtcnn");
    for (name, outputs) in [("pnet", 2), ("rnet", 2), ("onet", 3)] {
        let model = circletake_inference::models::Model::load(
            &dir.join(format!("mtcnn_{name}.pt")),
            Device::Cpu,
        )
        .unwrap();
        let out = tch::no_grad(|| {
            model.forward_n(&[reference.tensor(&format!("{name}_input"))], outputs)
        })
        .unwrap();
        for (i, got) in out.iter().enumerate() {
            let diff = max_abs_diff(got, &reference.tensor(&format!("{name}_output{i}")));
            println!("{name} output {i}: max abs diff {diff:.2e}");
            assert!(diff < 1e-4);
        }
    }
}

#[test]
fn detections_on_carphone_match_facenet_pytorch() {
    let Some((detector, reference)) = load() else {
        return;
    };
    let config = FaceDetectorConfig {
        min_face: Some(reference.number("min_face") as f32),
        factor: reference.number("factor"),
        ..FaceDetectorConfig::default()
    };
    let frames: Vec<i64> = reference.manifest["carphone_frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(!frames.is_empty());
    for index in frames {
        let frame = reference.tensor(&format!("carphone{index}_frame"));
        let rgb = frame.permute([2, 0, 1]).to_kind(Kind::Float);
        let want = reference.tensor(&format!("carphone{index}_detections"));
        let want = Vec::<f32>::try_from(&want.reshape([-1])).unwrap();
        let got = detector.detect_with(&rgb, &config).unwrap();
        assert_eq!(got.len(), want.len() / 15, "frame {index}: number of faces");
        for (face, row) in got.iter().zip(want.chunks_exact(15)) {
            let boxes = [
                face.x0 - row[0],
                face.y0 - row[1],
                face.x1 - row[2],
                face.y1 - row[3],
            ];
            let box_diff = boxes.iter().fold(0f32, |m, d| m.max(d.abs()));
            let mark_diff = (0..5).fold(0f32, |m, i| {
                m.max((face.landmarks[i].0 - row[5 + 2 * i]).abs())
                    .max((face.landmarks[i].1 - row[6 + 2 * i]).abs())
            });
            println!(
                "carphone frame {index}: box {:.1},{:.1},{:.1},{:.1} p={:.4}; max diff box {box_diff:.3} px, landmarks {mark_diff:.3} px, score {:.1e}",
                face.x0, face.y0, face.x1, face.y1, face.score, (face.score - row[4]).abs()
            );
            assert!(box_diff < 1.0, "frame {index}: box off by {box_diff} px");
            assert!(
                mark_diff < 1.0,
                "frame {index}: landmarks off by {mark_diff} px"
            );
            assert!((face.score - row[4]).abs() < 1e-3);
        }
    }
}

#[test]
fn several_threads_share_one_detector() {
    let Some((detector, reference)) = load() else {
        return;
    };
    let frame = reference.tensor("carphone0_frame");
    let rgb = frame.permute([2, 0, 1]).to_kind(Kind::Float);
    let alone = detector.detect(&rgb).unwrap();
    assert_eq!(alone.len(), 1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                let detector = detector.clone();
                let rgb = rgb.shallow_clone();
                scope.spawn(move || {
                    (0..3)
                        .map(|_| detector.detect(&rgb).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for faces in handle.join().unwrap() {
                assert_eq!(faces, alone);
            }
        }
    });
}

#[test]
fn a_flat_grey_image_has_no_faces() {
    let Some((detector, _)) = load() else { return };
    let grey = Tensor::full([3, 120, 160], 128.0, (Kind::Float, Device::Cpu));
    assert!(detector.detect(&grey).unwrap().is_empty());
    // Smaller than P-Net's 12 pixel cell: no pyramid level, no faces.
    let tiny = Tensor::full([3, 8, 8], 128.0, (Kind::Float, Device::Cpu));
    assert!(detector.detect(&tiny).unwrap().is_empty());
}

#[test]
fn wrong_input_is_refused() {
    let Some((detector, _)) = load() else { return };
    for shape in [vec![120, 160, 3], vec![1, 3, 120, 160], vec![3, 0, 10]] {
        let image = Tensor::zeros(shape.as_slice(), (Kind::Float, Device::Cpu));
        assert!(matches!(
            detector.detect(&image),
            Err(InferenceError::InvalidArgument(_))
        ));
    }
}
