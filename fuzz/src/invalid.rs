//! Pushes the C ABI must reject before reading any pixel (`ct_analysis_push`,
//! `ct_edit_check_push`): a stride shorter
//! than a row, an empty frame, sizes that overflow the address space, a side
//! over 65536 pixels, NULL data, NULL analysis, formats that are no
//! `ct_pixel_format`.
//!
//! Where the contract can be met the buffer covers every byte the geometry
//! describes (so a read of it would be in bounds but the call must still
//! fail); where no buffer can (sizes beyond the address space) a small one is
//! passed and the rejection must come from the arithmetic alone.

use crate::abi::{self, status};
use crate::check::expect;
use crate::frames::bytes_per_pixel;
use crate::input::Input;

/// A buffer of exactly `len` bytes; pointer to byte `at`.
fn buffer(len: usize) -> Vec<u8> {
    vec![0x80; len]
}

/// Reads an invalid push from `input` and checks its status, for
/// `ct_analysis_push` on `analysis`.
pub fn push(input: &mut Input<'_>, analysis: abi::Analysis) {
    let early = analysis.is_null().then_some(status::NULL_ARGUMENT);
    push_to(
        input,
        "ct_analysis_push",
        early,
        |null_handle, data, w, h, stride, fmt| {
            let target = if null_handle {
                std::ptr::null_mut()
            } else {
                analysis
            };
            // SAFETY: NULL or live analysis; `data` is NULL or covers every
            // row the contract asks for (see the module documentation).
            unsafe { abi::ct_analysis_push(target, data, w, h, stride, fmt, 0) }
        },
    );
}

/// Reads an invalid push from `input` and checks its status for any push
/// call of the C ABI with the pixel arguments of `ct_analysis_push`.
/// `raw_call(null_handle, data, width, height, stride, format)` makes the call
/// (with a NULL handle when `null_handle`); `early` is the status the call
/// returns before it looks at the pixel arguments (a NULL handle, a bad
/// side), if any. `name` names the call in failures.
pub fn push_to(
    input: &mut Input<'_>,
    name: &str,
    early: Option<i32>,
    raw_call: impl Fn(bool, *const u8, u32, u32, isize, i32) -> i32,
) {
    let kind = input.u8();
    let (a, b, c) = (input.u8(), input.u8(), input.u8());
    let format = (c % 12) as i32;
    let bpp = bytes_per_pixel(format);
    let call = |data: *const u8, w: u32, h: u32, stride: isize, fmt: i32| {
        raw_call(false, data, w, h, stride, fmt)
    };
    // Arguments are checked before the state, the handle first.
    let want = |argument_error: i32| early.unwrap_or(argument_error);
    let expect = |what: &str, got: i32, want: i32| expect(&format!("{name}({what})"), got, want);
    match kind % 7 {
        0 => {
            // |stride| shorter than a row (0 included): rows overlap.
            let w = 1 + a as usize % 64;
            let h = 2 + b as usize % 16;
            let row = w * bpp;
            let step = (c as usize >> 4) % row;
            let buf = buffer((h - 1) * step + row);
            let (top, stride) = if kind & 0x80 != 0 {
                ((h - 1) * step, -(step as isize))
            } else {
                (0, step as isize)
            };
            let got = call(buf[top..].as_ptr(), w as u32, h as u32, stride, format);
            expect("short stride", got, want(status::INVALID_ARGUMENT));
        }
        1 => {
            // Width or height 0.
            let buf = buffer(64);
            let (w, h) = if kind & 0x80 != 0 {
                (0, a as u32)
            } else {
                (a as u32, 0)
            };
            let got = call(buf.as_ptr(), w, h, 64, format);
            expect("empty", got, want(status::INVALID_ARGUMENT));
        }
        2 => {
            // Rows spanning more than the address space.
            let buf = buffer(64);
            let w = u32::MAX - a as u32;
            let h = u32::MAX - b as u32;
            let row = w as isize * bpp as isize;
            let stride = match c >> 6 {
                0 => row,
                1 => -row,
                2 => isize::MAX,
                _ => isize::MIN,
            };
            let top = if stride < 0 { buf.len() - 1 } else { 0 };
            let got = call(buf[top..].as_ptr(), w, h, stride, format);
            expect("overflow", got, want(status::INVALID_ARGUMENT));
        }
        3 => {
            // Wider than 65536 pixels: one row of 8-bit luma fits in memory.
            let w = 65537 + a as usize * 16;
            let buf = buffer(w);
            let got = call(buf.as_ptr(), w as u32, 1, w as isize, 2);
            expect("too wide", got, want(status::INVALID_ARGUMENT));
        }
        4 => {
            let got = call(std::ptr::null(), 8, 8, 8 * bpp as isize, format);
            expect("NULL data", got, want(status::NULL_ARGUMENT));
        }
        5 => {
            let buf = buffer(4 * 4 * 16);
            let fmt = [12, 13, -1, i32::MAX, i32::MIN, 255][a as usize % 6];
            let got = call(buf.as_ptr(), 4, 4, 64, fmt);
            expect("bad format", got, want(status::UNSUPPORTED_FORMAT));
        }
        _ => {
            let buf = buffer(8 * 8 * bpp);
            let got = raw_call(true, buf.as_ptr(), 8, 8, 8 * bpp as isize, format);
            expect("NULL handle", got, status::NULL_ARGUMENT);
        }
    }
}
