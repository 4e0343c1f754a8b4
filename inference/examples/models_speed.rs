//! Times the models alone on the CPU (or `--cuda`): TransNetV2 frames per
//! second on a bikes.mp4-sized clip (250 frames), MTCNN and eye openness per
//! frame. Needs `cargo xtask models` first.
//!
//! `cargo run --release -p circletake-inference --example models_speed [-- --cuda] [--threads N]`

use circletake_inference::models::ModelSet;
use std::path::PathBuf;
use std::time::Instant;
use tch::{Device, Kind, Tensor};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let device = if std::env::args().any(|a| a == "--cuda") {
        Device::Cuda(0)
    } else {
        Device::Cpu
    };
    let args: Vec<String> = std::env::args().collect();
    if let Some(n) = args
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| args.get(i + 1))
    {
        tch::set_num_threads(n.parse()?);
    }
    let dir = std::env::var_os("CIRCLETAKE_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/models"));
    let started = Instant::now();
    let set = ModelSet::load(&dir, device);
    println!(
        "loaded {} in {:.2} s on {device:?} ({} threads)",
        dir.display(),
        started.elapsed().as_secs_f64(),
        tch::get_num_threads()
    );
    let transnet = set.transnet?;
    let faces = set.faces?;
    let eyes = set.eyes?;

    // The bikes.mp4 frames at 48x27 the export script saved (250 frames).
    let raw = std::fs::read(dir.join("reference/transnetv2.bikes_frames.bin"))?;
    let frames = Tensor::from_slice(&raw).reshape([-1, 27, 48, 3]);
    let n = frames.size()[0];
    transnet.predict(&frames)?; // warm-up
    let runs = 3;
    let started = Instant::now();
    for _ in 0..runs {
        transnet.predict(&frames)?;
    }
    let secs = started.elapsed().as_secs_f64() / runs as f64;
    println!(
        "TransNetV2: {n} frames in {:.3} s = {:.0} frames/s",
        secs,
        n as f64 / secs
    );

    let raw = std::fs::read(dir.join("reference/mtcnn.carphone0_frame.bin"))?;
    let carphone = Tensor::from_slice(&raw)
        .reshape([144, 176, 3])
        .permute([2, 0, 1])
        .to_kind(Kind::Float);
    for (name, image) in [
        ("carphone 176x144", carphone.shallow_clone()),
        (
            "720p (carphone scaled)",
            carphone
                .unsqueeze(0)
                .upsample_bilinear2d([720, 880], false, None, None)
                .squeeze_dim(0),
        ),
    ] {
        let found = faces.detect(&image)?;
        let started = Instant::now();
        for _ in 0..runs {
            faces.detect(&image)?;
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "MTCNN on {name}: {} face(s), {ms:.1} ms per frame",
            found.len()
        );
        if let Some(face) = found.first() {
            eyes.openness(&image, face)?;
            let started = Instant::now();
            for _ in 0..runs {
                eyes.openness(&image, face)?;
            }
            let ms = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            println!("eye openness on {name}: {ms:.1} ms per face");
        }
    }
    Ok(())
}
