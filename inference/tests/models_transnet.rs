//! TransNetV2 from Rust against the Python reference (`export_transnetv2.py`).

mod models_common;

use circletake_inference::models::{transnet, TransNet};
use circletake_inference::InferenceError;
use models_common::{max_abs_diff, models_dir, Reference};
use tch::{Device, Kind, Tensor};

fn load() -> Option<(TransNet, Reference)> {
    let dir = models_dir("transnetv2")?;
    let net = TransNet::load(&dir.join("transnetv2.pt"), Device::Cpu).expect("transnetv2.pt loads");
    Some((net, Reference::open(&dir, "transnetv2")))
}

#[test]
fn one_forward_pass_matches_pytorch() {
    let Some((net, reference)) = load() else {
        return;
    };
    let windows = reference.tensor("random_windows");
    let out = tch::no_grad(|| net.model().forward_n(&[windows], 2)).unwrap();
    let single = max_abs_diff(&out[0], &reference.tensor("random_single_logits"));
    let many = max_abs_diff(&out[1], &reference.tensor("random_many_logits"));
    println!("random windows: max abs logit diff {single:.2e} (single), {many:.2e} (many)");
    assert!(single < 1e-3 && many < 1e-3);
}

#[test]
fn predictions_on_bikes_match_upstream_windowing() {
    let Some((net, reference)) = load() else {
        return;
    };
    let frames = reference.tensor("bikes_frames");
    let (single, many) = net.predict(&frames).unwrap();
    assert_eq!(single.len() as i64, frames.size()[0]);
    assert_eq!(many.len(), single.len());
    let d_single = max_abs_diff(
        &Tensor::from_slice(&single),
        &reference.tensor("bikes_single"),
    );
    let d_many = max_abs_diff(&Tensor::from_slice(&many), &reference.tensor("bikes_many"));
    println!("bikes.mp4: max abs probability diff {d_single:.2e} (single), {d_many:.2e} (many)");
    assert!(d_single < 1e-4 && d_many < 1e-4);
    // The cuts of bikes.mp4 (ground truth: shots start at 30, 76, 137, 187, 242).
    let cuts: Vec<usize> = (0..single.len()).filter(|&i| single[i] > 0.5).collect();
    assert_eq!(cuts, vec![29, 75, 136, 186, 241]);
}

#[test]
fn short_and_odd_lengths_give_one_value_per_frame() {
    let Some((net, reference)) = load() else {
        return;
    };
    let frames = reference.tensor("bikes_frames");
    let whole = Vec::<f32>::try_from(&reference.tensor("bikes_single")).unwrap();
    for n in [1, 50, 51] {
        let (single, many) = net.predict(&frames.narrow(0, 0, n)).unwrap();
        assert_eq!((single.len(), many.len()), (n as usize, n as usize));
        assert!(single.iter().chain(&many).all(|p| (0.0..=1.0).contains(p)));
        if n == 51 {
            // The first window (frames 0..25 with the padded start) is the
            // same one the whole clip begins with.
            for i in 0..25 {
                assert!((whole[i] - single[i]).abs() < 1e-5, "frame {i}");
            }
        }
    }
}

#[test]
fn wrong_input_is_refused() {
    let Some((net, _)) = load() else { return };
    let bad = [
        Tensor::zeros([4, 27, 48, 3], (Kind::Float, Device::Cpu)),
        Tensor::zeros([4, 48, 27, 3], (Kind::Uint8, Device::Cpu)),
        Tensor::zeros([27, 48, 3], (Kind::Uint8, Device::Cpu)),
    ];
    for frames in bad {
        assert!(matches!(
            net.predict(&frames),
            Err(InferenceError::InvalidArgument(_))
        ));
    }
    let empty = Tensor::zeros(
        [0, transnet::HEIGHT, transnet::WIDTH, 3],
        (Kind::Uint8, Device::Cpu),
    );
    assert_eq!(net.predict(&empty).unwrap(), (vec![], vec![]));
}
