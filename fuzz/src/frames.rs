//! Frame buffers built from the fuzz input, always as large as the C ABI's
//! safety contract requires for the geometry passed (and not a byte more,
//! so AddressSanitizer sees any read outside it).

use crate::input::Input;

/// Bytes per pixel of `ct_pixel_format` value `format` (0..12).
pub fn bytes_per_pixel(format: i32) -> usize {
    let channels = [4, 3, 1][format as usize % 3];
    let sample = [1, 2, 2, 4][format as usize / 3];
    channels * sample
}

/// The largest frame a program pushes, in bytes, to keep executions fast.
pub const MAX_FRAME_BYTES: usize = 48 * 1024;

/// A frame in memory laid out as described to `ct_analysis_push`.
#[derive(Debug)]
pub struct Frame {
    buf: Vec<u8>,
    /// Byte index in `buf` of row 0 (the top row).
    top: usize,
    pub width: u32,
    pub height: u32,
    pub stride: isize,
    pub format: i32,
}

impl Frame {
    /// Pointer to row 0, what `ct_analysis_push` takes.
    pub fn data(&self) -> *const u8 {
        self.buf[self.top..].as_ptr()
    }
}

/// Reads a valid frame description and its pixels: format `format` (0..12),
/// 1..=256 pixels wide, height capped by [`MAX_FRAME_BYTES`], row padding,
/// optional bottom-up storage and a misaligned start.
pub fn read(input: &mut Input<'_>, format: i32) -> Frame {
    let bpp = bytes_per_pixel(format);
    let width = 1 + input.u8() as usize;
    let layout = input.u8();
    let pad = (layout & 0x0f) as usize;
    let misalign = ((layout >> 4) & 3) as usize;
    let bottom_up = layout & 0x80 != 0;
    let row = width * bpp;
    let step = row + pad;
    let max_height = (MAX_FRAME_BYTES / step).max(1);
    let height = 1 + input.u8() as usize % max_height.min(64);
    let span = (height - 1) * step + row;
    let mut buf = vec![0xeeu8; misalign + span];
    let pixels = &mut buf[misalign..];
    fill(input, pixels, format, width, height, step);
    let top = misalign + if bottom_up { (height - 1) * step } else { 0 };
    let stride = if bottom_up {
        -(step as isize)
    } else {
        step as isize
    };
    Frame {
        buf,
        top,
        width: width as u32,
        height: height as u32,
        stride,
        format,
    }
}

/// Writes the pixels of every row (stored top-down in `pixels`; a bottom-up
/// frame is the same bytes read with a negative stride from the last row).
fn fill(
    input: &mut Input<'_>,
    pixels: &mut [u8],
    format: i32,
    width: usize,
    height: usize,
    step: usize,
) {
    let mode = input.u8();
    let seed = (mode >> 2) as usize;
    let tile: Vec<u8> = if mode & 3 == 2 {
        let n = 1 + input.u8() as usize;
        input.take(n).to_vec()
    } else {
        Vec::new()
    };
    let bpp = bytes_per_pixel(format);
    let channels = [4, 3, 1][format as usize % 3];
    let sample_bytes = bpp / channels;
    let mut k = 0usize;
    for y in 0..height {
        for x in 0..width {
            for c in 0..channels {
                let at = y * step + (x * channels + c) * sample_bytes;
                let cell = &mut pixels[at..at + sample_bytes];
                match mode & 3 {
                    0 => cell.fill(seed as u8 * 4),
                    1 => {
                        let t = ((x * (seed + 1) + y * 3 + c * 7) % 251) as f32 / 250.0;
                        write_sample(cell, format, t);
                    }
                    2 => {
                        for b in cell.iter_mut() {
                            *b = tile.get(k % tile.len().max(1)).copied().unwrap_or(0);
                            k += 1;
                        }
                    }
                    _ => {
                        const SPECIAL: [f32; 9] = [
                            0.0,
                            1.0,
                            f32::NAN,
                            f32::INFINITY,
                            f32::NEG_INFINITY,
                            -1.0,
                            2.0,
                            f32::MAX,
                            1.0e-40,
                        ];
                        write_sample(cell, format, SPECIAL[(x + y + c + seed) % SPECIAL.len()]);
                    }
                }
            }
        }
    }
}

/// Writes code value `t` (0..1 nominal; floats may be anything) as one sample.
fn write_sample(cell: &mut [u8], format: i32, t: f32) {
    match format / 3 {
        0 => cell[0] = (t.clamp(0.0, 1.0) * 255.0) as u8,
        1 => cell.copy_from_slice(&((t.clamp(0.0, 1.0) * 65535.0) as u16).to_ne_bytes()),
        2 => cell.copy_from_slice(&half::f16::from_f32(t).to_ne_bytes()),
        _ => cell.copy_from_slice(&t.to_ne_bytes()),
    }
}
