//! Synthetic test images with known properties.

use tch::{Device, Kind, Tensor};

/// Deterministic smooth-plus-detail texture `[1, 1, h, w]` in 0.1..0.9
/// (sums of sinusoids with random phases and frequencies, plus 1% grain).
pub(crate) fn textured(w: i64, h: i64, seed: u64) -> Tensor {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut rnd = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as f64) / (1u64 << 31) as f64
    };
    let opts = (Kind::Float, Device::Cpu);
    let y = Tensor::arange(h, opts).view([h, 1]);
    let x = Tensor::arange(w, opts).view([1, w]);
    let mut acc = Tensor::zeros([h, w], opts);
    for i in 0..24 {
        let period = 3.0 + rnd() * (4.0 + 4.0 * i as f64);
        let angle = rnd() * std::f64::consts::TAU;
        let (fx, fy) = (angle.cos() / period, angle.sin() / period);
        let phase = rnd() * std::f64::consts::TAU;
        let arg = (&x * (fx * std::f64::consts::TAU) + &y * (fy * std::f64::consts::TAU)) + phase;
        acc += arg.sin() * (1.0 / 24.0);
    }
    // A little grain makes the spectrum broadband, like camera footage.
    let grain = gaussian_noise(&acc, 0.01, seed);
    (acc * 0.8 + 0.5 + grain).clamp(0.1, 0.9).view([1, 1, h, w])
}

/// Box blur of radius `r` (reflect-padded), same size.
pub(crate) fn blur(t: &Tensor, r: i64) -> Tensor {
    let k = 2 * r + 1;
    t.reflection_pad2d([r, r, r, r])
        .avg_pool2d([k, k], [1, 1], [0, 0], false, true, None::<i64>)
}

/// Zero-mean Gaussian noise with std `sigma`, shaped like `t`, from a seeded
/// host RNG (Box-Muller), so tests never share libtorch's global generator.
pub(crate) fn gaussian_noise(t: &Tensor, sigma: f32, seed: u64) -> Tensor {
    let n = t.numel();
    let mut state = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut uniform = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut v = Vec::with_capacity(n);
    while v.len() < n {
        let (u1, u2) = (uniform(), uniform());
        let r = (-2.0 * u1.ln()).sqrt() * f64::from(sigma);
        v.push((r * (std::f64::consts::TAU * u2).cos()) as f32);
        v.push((r * (std::f64::consts::TAU * u2).sin()) as f32);
    }
    v.truncate(n);
    Tensor::from_slice(&v).view(t.size().as_slice())
}
