//! Loading the model files: clear errors for missing and corrupt files, and
//! one shared copy per process.

mod models_common;

use circletake_inference::models::{self, FaceDetector, Model, ModelSet, TransNet};
use circletake_inference::InferenceError;
use std::path::PathBuf;
use tch::{Device, Kind, Tensor};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "circletake-models-test-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_missing_file_is_reported_with_its_path() {
    let path = scratch("missing").join("transnetv2.pt");
    match TransNet::load(&path, Device::Cpu) {
        Err(InferenceError::ModelMissing { path: p }) => assert_eq!(p, path),
        other => panic!("expected ModelMissing, got {other:?}"),
    }
    let err = Model::load(&path, Device::Cpu).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}

#[test]
fn a_file_of_garbage_is_reported_as_corrupt_with_its_path() {
    let path = scratch("garbage").join("transnetv2.pt");
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, garbage).unwrap();
    match TransNet::load(&path, Device::Cpu) {
        Err(e @ InferenceError::ModelCorrupt { .. }) => {
            println!("{e}");
            let InferenceError::ModelCorrupt { path: p, reason } = e else {
                unreachable!()
            };
            assert_eq!(p, path);
            assert!(!reason.is_empty());
        }
        other => panic!("expected ModelCorrupt, got {other:?}"),
    }
    // Shared loading reports the same and caches nothing.
    assert!(matches!(
        Model::load_shared(&path, Device::Cpu),
        Err(InferenceError::ModelCorrupt { .. })
    ));
}

#[test]
fn an_empty_folder_gives_a_model_set_of_missing_models() {
    let dir = scratch("empty");
    let set = ModelSet::load(&dir, Device::Cpu);
    for (what, err) in [
        ("transnet", set.transnet.as_ref().err()),
        ("faces", set.faces.as_ref().err()),
        ("eyes", set.eyes.as_ref().err()),
    ] {
        match err {
            Some(InferenceError::ModelMissing { path }) => {
                assert!(path.starts_with(&dir), "{what}: {path:?}")
            }
            other => panic!("{what}: expected ModelMissing, got {other:?}"),
        }
    }
}

#[test]
fn the_models_load_once_and_are_shared() {
    let Some(dir) = models_common::models_dir("transnetv2") else {
        return;
    };
    let set = ModelSet::load(&dir, Device::Cpu);
    let transnet = set.transnet.expect("transnetv2.pt loads");
    set.faces.expect("the MTCNN files load");
    set.eyes.expect("iris_landmark.pt loads");
    let again = TransNet::load(&dir.join(models::TRANSNET), Device::Cpu).unwrap();
    assert!(
        std::ptr::eq(transnet.model(), again.model()),
        "a second load made a second copy"
    );
    fn send_sync<T: Send + Sync>() {}
    send_sync::<TransNet>();
    send_sync::<FaceDetector>();
    send_sync::<models::EyeModel>();
}

#[test]
fn a_model_file_of_the_wrong_kind_fails_at_run_time_naming_the_file() {
    let Some(dir) = models_common::models_dir("mtcnn") else {
        return;
    };
    // P-Net where TransNetV2 belongs: loads, but cannot take video windows.
    let copy = scratch("wrong-kind").join("transnetv2.pt");
    std::fs::copy(dir.join(models::MTCNN_PNET), &copy).unwrap();
    let net = TransNet::load(&copy, Device::Cpu).unwrap();
    let frames = Tensor::zeros([10, 27, 48, 3], (Kind::Uint8, Device::Cpu));
    match net.predict(&frames) {
        Err(InferenceError::ModelCorrupt { path, .. }) => assert_eq!(path, copy),
        other => panic!("expected ModelCorrupt, got {other:?}"),
    }
}
