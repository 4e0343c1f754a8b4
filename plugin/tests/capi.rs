//! The C ABI through its extern functions, from Rust: argument checking,
//! bottom-up (negative stride) frames, every pixel depth, determinism, and the
//! buffer protocol of the text-returning calls.
//!
//! Each step here is one C call; grouping a few in one `unsafe` block with one
//! SAFETY note reads better than a block per call.
#![allow(clippy::multiple_unsafe_ops_per_block)]

use circletake::capi::*;
use std::ffi::{c_char, CStr};
use std::ptr;

const W: u32 = 64;
const H: u32 = 48;

fn last_error() -> String {
    let mut buf = vec![0 as c_char; 512];
    // SAFETY: buf holds 512 writable bytes.
    unsafe { ct_last_error(buf.as_mut_ptr(), buf.len()) };
    // SAFETY: ct_last_error NUL-terminates within the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

fn ok(status: CtStatus) {
    assert_eq!(status, CtStatus::Ok, "{}", last_error());
}

fn cpu_engine() -> *mut CtEngine {
    let mut options = std::mem::MaybeUninit::uninit();
    // SAFETY: a writable options struct.
    ok(unsafe { ct_engine_options_default(options.as_mut_ptr()) });
    // SAFETY: fully written by ct_engine_options_default.
    let mut options = unsafe { options.assume_init() };
    options.device = CtDevice::Cpu as i32;
    options.faces = false;
    let mut engine = ptr::null_mut();
    // SAFETY: valid options and out-pointer.
    ok(unsafe { ct_engine_new(&options, &mut engine) });
    engine
}

/// An RGBA8 frame: a gradient that scrolls, and a different pattern from frame 12.
fn frame_rgba8(n: i64) -> Vec<u8> {
    let mut px = Vec::with_capacity((W * H * 4) as usize);
    for y in 0..H as i64 {
        for x in 0..W as i64 {
            let v = if n < 12 {
                (x * 4 + n) % 256
            } else {
                ((x / 8 + y / 8) % 2) * 180 + 30
            };
            px.extend_from_slice(&[v as u8, (y * 5 % 256) as u8, (255 - v) as u8, 255]);
        }
    }
    px
}

/// Runs a whole analysis; `bottom_up` stores every frame bottom-up with a negative stride.
fn analyse(engine: *mut CtEngine, bottom_up: bool) -> String {
    let mut analysis = ptr::null_mut();
    // SAFETY: live engine, valid out-pointer.
    ok(unsafe { ct_analysis_new(engine, 25, 1, &mut analysis) });
    let row = (W * 4) as usize;
    for n in 0..24 {
        let top_down = frame_rgba8(n);
        let status = if bottom_up {
            let flipped: Vec<u8> = top_down.chunks(row).rev().flatten().copied().collect();
            let top_row = flipped[(H as usize - 1) * row..].as_ptr();
            // SAFETY: rows at top_row - y * row are inside `flipped`.
            unsafe {
                ct_analysis_push(
                    analysis,
                    top_row,
                    W,
                    H,
                    -(row as isize),
                    CtPixelFormat::Rgba8 as i32,
                    n,
                )
            }
        } else {
            // SAFETY: a packed W x H RGBA8 buffer.
            unsafe {
                ct_analysis_push(
                    analysis,
                    top_down.as_ptr(),
                    W,
                    H,
                    row as isize,
                    CtPixelFormat::Rgba8 as i32,
                    n,
                )
            }
        };
        ok(status);
    }
    let mut report = ptr::null_mut();
    // SAFETY: live analysis, valid out-pointer.
    ok(unsafe { ct_analysis_finish(analysis, &mut report) });
    let json = report_json(report);
    // SAFETY: handles made above, released once.
    unsafe {
        ct_report_free(report);
        ct_analysis_free(analysis);
    }
    json
}

fn report_json(report: *const CtReport) -> String {
    let mut needed = 0usize;
    // SAFETY: asking for the size only.
    let status = unsafe { ct_report_json(report, ptr::null_mut(), 0, &mut needed) };
    assert_eq!(status, CtStatus::BufferTooSmall);
    let mut buf = vec![0 as c_char; needed];
    // SAFETY: `needed` writable bytes.
    ok(unsafe { ct_report_json(report, buf.as_mut_ptr(), buf.len(), ptr::null_mut()) });
    // SAFETY: NUL-terminated by ct_report_json.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

#[test]
fn null_arguments_are_errors_and_frees_accept_null() {
    let mut engine = ptr::null_mut();
    // SAFETY: NULL arguments are part of the contract.
    unsafe {
        assert_eq!(
            ct_engine_new(ptr::null(), ptr::null_mut()),
            CtStatus::NullArgument
        );
        assert_eq!(
            ct_analysis_new(ptr::null(), 25, 1, ptr::null_mut()),
            CtStatus::NullArgument
        );
        assert_eq!(
            ct_analysis_new(ptr::null(), 25, 1, &mut ptr::null_mut()),
            CtStatus::NullArgument
        );
        assert_eq!(
            ct_report_shot_count(ptr::null(), ptr::null_mut()),
            CtStatus::NullArgument
        );
        assert_eq!(
            ct_engine_describe(ptr::null(), ptr::null_mut(), 0, ptr::null_mut()),
            CtStatus::NullArgument
        );
        ct_engine_free(ptr::null_mut());
        ct_analysis_free(ptr::null_mut());
        ct_report_free(ptr::null_mut());
        ok(ct_engine_new(ptr::null(), &mut engine));
        ct_engine_free(engine);
    }
    assert!(last_error().contains("NULL"), "{}", last_error());
}

#[test]
fn bad_frames_are_refused_with_clear_errors() {
    let engine = cpu_engine();
    let mut analysis = ptr::null_mut();
    // SAFETY: live engine; the buffers below are as large as declared unless noted.
    unsafe {
        assert_eq!(
            ct_analysis_new(engine, 0, 1, &mut analysis),
            CtStatus::InvalidArgument
        );
        ok(ct_analysis_new(engine, 24000, 1001, &mut analysis));
        let px = frame_rgba8(0);
        let row = (W * 4) as isize;
        assert_eq!(
            ct_analysis_push(analysis, px.as_ptr(), W, H, row, 12, 0),
            CtStatus::UnsupportedFormat
        );
        assert!(last_error().contains("pixel format 12"), "{}", last_error());
        assert_eq!(
            ct_analysis_push(
                analysis,
                px.as_ptr(),
                W,
                H,
                8,
                CtPixelFormat::Rgba8 as i32,
                0
            ),
            CtStatus::InvalidArgument
        );
        assert_eq!(
            ct_analysis_push(
                analysis,
                px.as_ptr(),
                0,
                H,
                row,
                CtPixelFormat::Rgba8 as i32,
                0
            ),
            CtStatus::InvalidArgument
        );
        assert_eq!(
            ct_analysis_push(
                analysis,
                ptr::null(),
                W,
                H,
                row,
                CtPixelFormat::Rgba8 as i32,
                0
            ),
            CtStatus::NullArgument
        );
        ok(ct_analysis_push(
            analysis,
            px.as_ptr(),
            W,
            H,
            row,
            CtPixelFormat::Rgba8 as i32,
            5,
        ));
        // Streaming frames must increase.
        assert_ne!(
            ct_analysis_push(
                analysis,
                px.as_ptr(),
                W,
                H,
                row,
                CtPixelFormat::Rgba8 as i32,
                5
            ),
            CtStatus::Ok
        );
        let mut report = ptr::null_mut();
        ok(ct_analysis_finish(analysis, &mut report));
        assert_eq!(
            ct_analysis_finish(analysis, &mut report),
            CtStatus::InvalidState
        );
        ct_report_free(report);
        ct_analysis_free(analysis);
        ct_engine_free(engine);
    }
}

#[test]
fn bottom_up_frames_give_the_same_report_and_runs_are_deterministic() {
    let engine = cpu_engine();
    let top_down = analyse(engine, false);
    let bottom_up = analyse(engine, true);
    let again = analyse(engine, false);
    // SAFETY: made by ct_engine_new, released once.
    unsafe { ct_engine_free(engine) };
    assert_eq!(top_down, bottom_up);
    assert_eq!(top_down, again);
    assert!(top_down.contains("\"circletake.report\""));
}

#[test]
fn every_depth_and_layout_is_read() {
    let engine = cpu_engine();
    let rgba = frame_rgba8(3);
    for (format, channels, bytes) in [
        (CtPixelFormat::Rgba8, 4, 1),
        (CtPixelFormat::Rgb8, 3, 1),
        (CtPixelFormat::Luma8, 1, 1),
        (CtPixelFormat::Rgba16, 4, 2),
        (CtPixelFormat::Rgb16, 3, 2),
        (CtPixelFormat::Luma16, 1, 2),
        (CtPixelFormat::RgbaF16, 4, 2),
        (CtPixelFormat::RgbF16, 3, 2),
        (CtPixelFormat::LumaF16, 1, 2),
        (CtPixelFormat::RgbaF32, 4, 4),
        (CtPixelFormat::RgbF32, 3, 4),
        (CtPixelFormat::LumaF32, 1, 4),
    ] {
        let mut data = Vec::new();
        for px in rgba.chunks(4) {
            for &v in &px[..channels] {
                let unit = f32::from(v) / 255.0;
                match (format as i32 / 3, bytes) {
                    (0, 1) => data.push(v),
                    (1, 2) => data.extend_from_slice(&(u16::from(v) * 257).to_ne_bytes()),
                    (2, 2) => data.extend_from_slice(&half::f16::from_f32(unit).to_ne_bytes()),
                    _ => data.extend_from_slice(&unit.to_ne_bytes()),
                }
            }
        }
        let mut analysis = ptr::null_mut();
        let mut report = ptr::null_mut();
        let mut count = 0usize;
        // SAFETY: live engine; `data` is a packed W x H buffer of `format`.
        unsafe {
            ok(ct_analysis_new(engine, 25, 1, &mut analysis));
            let stride = (W as usize * channels * bytes) as isize;
            ok(ct_analysis_push(
                analysis,
                data.as_ptr(),
                W,
                H,
                stride,
                format as i32,
                0,
            ));
            ok(ct_analysis_finish(analysis, &mut report));
            ok(ct_report_shot_count(report, &mut count));
            ct_report_free(report);
            ct_analysis_free(analysis);
        }
        assert_eq!(count, 1, "{format:?}");
    }
    // SAFETY: made by ct_engine_new, released once.
    unsafe { ct_engine_free(engine) };
}

#[test]
fn version_and_status_text() {
    assert_eq!(ct_version() >> 16, CT_VERSION_MAJOR);
    let text = |s: i32| {
        // SAFETY: ct_status_str returns static NUL-terminated text for any value.
        unsafe { CStr::from_ptr(ct_status_str(s)) }
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(text(0), "ok");
    assert_eq!(text(CtStatus::BufferTooSmall as i32), "buffer too small");
    assert_eq!(text(1234), "unknown status");
}
