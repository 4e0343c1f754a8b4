//! Pixel operations that turn real frames into edits and junk: crops with mirrored
//! edges, motion-blurred moves (whip-pans), Gaussian blur (focus pulls), gain (fades,
//! overexposure), additive light (flashes) and cross-dissolves. 8-bit packed RGB.

/// A packed, top-down 8-bit RGB image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rgb {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height * 3` bytes.
    pub data: Vec<u8>,
}

/// Mirrors `i` into `0..n` (reflect without repeating the edge pixel).
fn reflect(i: i64, n: usize) -> usize {
    let n = n as i64;
    if n == 1 {
        return 0;
    }
    let period = 2 * (n - 1);
    let m = i.rem_euclid(period);
    (if m < n { m } else { period - m }) as usize
}

impl Rgb {
    /// An all-black image.
    pub fn black(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            data: vec![0; width * height * 3],
        }
    }

    /// The `w`×`h` window whose top-left corner is at (`ox`, `oy`) in this image
    /// (rounded to whole pixels); outside the image the picture is mirrored.
    pub fn crop(&self, ox: f32, oy: f32, w: usize, h: usize) -> Self {
        let (ox, oy) = (ox.round() as i64, oy.round() as i64);
        let cols: Vec<usize> = (0..w as i64).map(|x| reflect(x + ox, self.width)).collect();
        let mut data = Vec::with_capacity(w * h * 3);
        for y in 0..h as i64 {
            let row = reflect(y + oy, self.height) * self.width * 3;
            for &c in &cols {
                let p = row + c * 3;
                data.extend_from_slice(&self.data[p..p + 3]);
            }
        }
        Self {
            width: w,
            height: h,
            data,
        }
    }

    /// The window moving from `from` to `to` (top-left corners) during the exposure:
    /// the mean of `samples` crops along the path, i.e. motion blur along the move.
    pub fn moving_crop(
        &self,
        from: (f32, f32),
        to: (f32, f32),
        samples: usize,
        w: usize,
        h: usize,
    ) -> Self {
        let samples = samples.max(1);
        let mut acc = vec![0u32; w * h * 3];
        for k in 0..samples {
            let t = if samples == 1 {
                1.0
            } else {
                k as f32 / (samples - 1) as f32
            };
            let c = self.crop(
                from.0 + (to.0 - from.0) * t,
                from.1 + (to.1 - from.1) * t,
                w,
                h,
            );
            acc.iter_mut()
                .zip(&c.data)
                .for_each(|(a, &v)| *a += v as u32);
        }
        let n = samples as u32;
        Self {
            width: w,
            height: h,
            data: acc.iter().map(|&a| ((a + n / 2) / n) as u8).collect(),
        }
    }

    /// Applies `f` to every sample (as 0..255 floats), rounding and clamping back.
    pub fn map(&self, f: impl Fn(f32) -> f32) -> Self {
        Self {
            width: self.width,
            height: self.height,
            data: self
                .data
                .iter()
                .map(|&v| f(v as f32).round().clamp(0.0, 255.0) as u8)
                .collect(),
        }
    }

    /// Every sample multiplied by `gain` (fades below 1, overexposure above 1; clips at white).
    pub fn gain(&self, gain: f32) -> Self {
        self.map(|v| v * gain)
    }

    /// `amount` (0..1 of full scale) of light added to every sample (a flash), clipping at white.
    pub fn add_light(&self, amount: f32) -> Self {
        self.map(|v| v + amount * 255.0)
    }

    /// `(1 - alpha) * self + alpha * other` (a dissolve step). Sizes must match.
    pub fn blend(&self, other: &Self, alpha: f32) -> Self {
        assert_eq!(self.data.len(), other.data.len(), "blend needs equal sizes");
        Self {
            width: self.width,
            height: self.height,
            data: self
                .data
                .iter()
                .zip(&other.data)
                .map(|(&a, &b)| {
                    (a as f32 * (1.0 - alpha) + b as f32 * alpha)
                        .round()
                        .clamp(0.0, 255.0) as u8
                })
                .collect(),
        }
    }

    /// Separable Gaussian blur of standard deviation `sigma` pixels (mirrored edges);
    /// `sigma < 0.3` returns the image unchanged.
    pub fn gaussian_blur(&self, sigma: f32) -> Self {
        if sigma < 0.3 {
            return self.clone();
        }
        let radius = (3.0 * sigma).ceil() as i64;
        let mut kernel: Vec<f32> = (-radius..=radius)
            .map(|d| (-(d * d) as f32 / (2.0 * sigma * sigma)).exp())
            .collect();
        let sum: f32 = kernel.iter().sum();
        kernel.iter_mut().for_each(|k| *k /= sum);
        let (w, h) = (self.width, self.height);
        let src: Vec<f32> = self.data.iter().map(|&v| v as f32).collect();
        let mut tmp = vec![0f32; src.len()];
        for y in 0..h {
            for x in 0..w {
                for c in 0..3 {
                    let mut s = 0.0;
                    for (k, &wt) in kernel.iter().enumerate() {
                        let xx = reflect(x as i64 + k as i64 - radius, w);
                        s += wt * src[(y * w + xx) * 3 + c];
                    }
                    tmp[(y * w + x) * 3 + c] = s;
                }
            }
        }
        let mut data = vec![0u8; src.len()];
        for y in 0..h {
            for x in 0..w {
                for c in 0..3 {
                    let mut s = 0.0;
                    for (k, &wt) in kernel.iter().enumerate() {
                        let yy = reflect(y as i64 + k as i64 - radius, h);
                        s += wt * tmp[(yy * w + x) * 3 + c];
                    }
                    data[(y * w + x) * 3 + c] = s.round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        Self {
            width: w,
            height: h,
            data,
        }
    }

    /// Every channel multiplied by its own gain in linear light (code values read as
    /// sRGB, multiplied, re-encoded, clipped at white): `(g, g, g)` with `g = 2^stops`
    /// is an exposure change of `stops`, unequal gains a white-balance shift.
    pub fn linear_gains(&self, gains: [f32; 3]) -> Self {
        let lut: Vec<[u8; 256]> = gains
            .iter()
            .map(|&g| {
                let mut t = [0u8; 256];
                for (v, out) in t.iter_mut().enumerate() {
                    let lin = srgb_to_linear(v as f32 / 255.0) * g;
                    *out = (linear_to_srgb(lin.clamp(0.0, 1.0)) * 255.0).round() as u8;
                }
                t
            })
            .collect();
        Self {
            width: self.width,
            height: self.height,
            data: self
                .data
                .iter()
                .enumerate()
                .map(|(i, &v)| lut[i % 3][v as usize])
                .collect(),
        }
    }

    /// Mean Rec.709 luma, 0..1.
    pub fn mean_luma(&self) -> f32 {
        let n = (self.width * self.height).max(1) as f64;
        let s: f64 = self
            .data
            .chunks_exact(3)
            .map(|p| 0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64)
            .sum();
        (s / n / 255.0) as f32
    }
}

/// sRGB code value (0..1) to linear light (0..1).
fn srgb_to_linear(v: f32) -> f32 {
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear light (0..1) to an sRGB code value (0..1).
fn linear_to_srgb(v: f32) -> f32 {
    if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp(w: usize, h: usize) -> Rgb {
        let mut data = Vec::new();
        for y in 0..h {
            for x in 0..w {
                data.extend_from_slice(&[(x * 10) as u8, (y * 10) as u8, 100]);
            }
        }
        Rgb {
            width: w,
            height: h,
            data,
        }
    }

    #[test]
    fn reflect_mirrors_without_repeating_the_edge() {
        let v: Vec<usize> = (-3..7).map(|i| reflect(i, 4)).collect();
        assert_eq!(v, [3, 2, 1, 0, 1, 2, 3, 2, 1, 0]);
    }

    #[test]
    fn crop_moves_the_window_and_mirrors_outside() {
        let img = ramp(8, 4);
        let c = img.crop(2.0, 1.0, 3, 2);
        assert_eq!(&c.data[0..3], &[20, 10, 100]);
        let m = img.crop(-1.0, 0.0, 2, 1);
        assert_eq!(&m.data[0..3], &[10, 0, 100]);
        assert_eq!(&m.data[3..6], &[0, 0, 100]);
    }

    #[test]
    fn blur_keeps_flat_areas_and_softens_edges() {
        let mut img = Rgb::black(16, 16);
        for y in 0..16 {
            for x in 8..16 {
                img.data[(y * 16 + x) * 3..(y * 16 + x) * 3 + 3].fill(200);
            }
        }
        let b = img.gaussian_blur(2.0);
        assert_eq!(b.data[0], 0);
        assert_eq!(b.data[(8 * 16 + 15) * 3], 200);
        let edge = b.data[(8 * 16 + 8) * 3];
        assert!(edge > 60 && edge < 160, "{edge}");
        assert_eq!(img.gaussian_blur(0.1), img);
    }

    #[test]
    fn gain_light_and_blend() {
        let img = ramp(4, 4);
        assert_eq!(img.gain(0.0), Rgb::black(4, 4));
        assert!(img.add_light(1.0).data.iter().all(|&v| v == 255));
        let half = img.blend(&Rgb::black(4, 4), 0.5);
        assert_eq!(half.data[3 * 4 * 3 + 2], 50);
        assert!((Rgb::black(2, 2).add_light(1.0).mean_luma() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn linear_gains_are_exposure_and_white_balance() {
        let img = ramp(8, 8);
        assert_eq!(img.linear_gains([1.0, 1.0, 1.0]), img);
        // One stop up doubles linear light: sRGB 0.5 (0.214 linear) -> 0.428 linear = 0.686.
        let grey = Rgb {
            width: 1,
            height: 1,
            data: vec![128, 128, 128],
        };
        let up = grey.linear_gains([2.0, 2.0, 2.0]);
        assert!((up.data[0] as i32 - 175).abs() <= 1, "{:?}", up.data);
        let wb = grey.linear_gains([1.35, 1.0, 0.7]);
        assert!(wb.data[0] > 128 && wb.data[1] == 128 && wb.data[2] < 128);
        let bright = img.linear_gains([8.0, 8.0, 8.0]);
        assert!(bright.data.iter().zip(&img.data).all(|(&b, &a)| b >= a));
        assert_eq!(bright.data[2], 255, "100 x 8 in linear light clips");
    }

    #[test]
    fn moving_crop_averages_the_path() {
        let img = ramp(8, 2);
        let still = img.moving_crop((1.0, 0.0), (1.0, 0.0), 4, 2, 1);
        assert_eq!(still, img.crop(1.0, 0.0, 2, 1));
        let moved = img.moving_crop((0.0, 0.0), (2.0, 0.0), 3, 1, 1);
        assert_eq!(moved.data[0], 10);
    }
}
