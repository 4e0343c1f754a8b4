//! `ct_analysis`: push frames in order, then finish into a `ct_report`.

use super::engine::CtEngine;
use super::guard::{guard, CallError};
use super::report::CtReport;
use super::CtStatus;
use circletake_inference::engine::Analysis;
use circletake_inference::frame::{ChannelLayout, FrameView, PixelFormat, SampleDepth};
use circletake_inference::FrameRate;

/// Pixel formats accepted by `ct_analysis_push`. Samples are native-endian;
/// integer samples are full range, float samples are 0..1 code values.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtPixelFormat {
    /// 8-bit R, G, B, A.
    Rgba8 = 0,
    /// 8-bit R, G, B.
    Rgb8 = 1,
    /// 8-bit luma (grey).
    Luma8 = 2,
    /// 16-bit R, G, B, A.
    Rgba16 = 3,
    /// 16-bit R, G, B.
    Rgb16 = 4,
    /// 16-bit luma.
    Luma16 = 5,
    /// IEEE half R, G, B, A.
    RgbaF16 = 6,
    /// IEEE half R, G, B.
    RgbF16 = 7,
    /// IEEE half luma.
    LumaF16 = 8,
    /// 32-bit float R, G, B, A.
    RgbaF32 = 9,
    /// 32-bit float R, G, B.
    RgbF32 = 10,
    /// 32-bit float luma.
    LumaF32 = 11,
}

/// Maps the C value (a plain integer from the caller) to a pixel format.
fn pixel_format(value: i32) -> Result<PixelFormat, CallError> {
    use ChannelLayout::{Luma, Rgb, Rgba};
    use SampleDepth::{F16, F32, U16, U8};
    let depths = [U8, U16, F16, F32];
    let layouts = [Rgba, Rgb, Luma];
    let index = usize::try_from(value)
        .ok()
        .filter(|&i| i < 12)
        .ok_or_else(|| {
            CallError::new(
                CtStatus::UnsupportedFormat,
                format!("pixel format {value} is not a ct_pixel_format"),
            )
        })?;
    Ok(PixelFormat::new(depths[index / 3], layouts[index % 3]))
}

/// An analysis in progress (opaque).
pub struct CtAnalysis {
    state: State,
}

impl std::fmt::Debug for CtAnalysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Running(a) => format!("running ({} frames)", a.frames_done()),
            State::Finished => "finished".into(),
        };
        f.debug_struct("CtAnalysis").field("state", &state).finish()
    }
}

enum State {
    Running(Box<Analysis>),
    Finished,
}

/// Starts an analysis of one clip at `fps_num / fps_den` frames per second.
/// On success `*out` holds a new analysis, to be released with
/// `ct_analysis_free`.
///
/// # Safety
/// `engine` is NULL or a live engine; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_analysis_new(
    engine: *const CtEngine,
    fps_num: u32,
    fps_den: u32,
    out: *mut *mut CtAnalysis,
) -> CtStatus {
    guard(|| {
        if out.is_null() {
            return Err(CallError::null("out"));
        }
        // SAFETY: caller contract: NULL or a live engine made by ct_engine_new.
        let engine = unsafe { engine.as_ref() }.ok_or_else(|| CallError::null("engine"))?;
        if fps_num == 0 || fps_den == 0 {
            return Err(CallError::invalid(format!(
                "frame rate {fps_num}/{fps_den} is not valid"
            )));
        }
        let analysis = engine.engine.analysis(FrameRate {
            num: fps_num,
            den: fps_den,
        })?;
        let handle = Box::new(CtAnalysis {
            state: State::Running(Box::new(analysis)),
        });
        // SAFETY: `out` checked non-NULL; caller contract says it is writable.
        unsafe { out.write(Box::into_raw(handle)) };
        Ok(())
    })
}

/// Pushes frame `frame` (frame numbers strictly increasing). `data` points to
/// the first byte of row 0 (the top row); row `y` starts at
/// `data + y * stride_bytes` — a negative stride means rows go up in memory
/// (bottom-up storage). The pixels are read during the call and not kept.
///
/// # Safety
/// `analysis` is NULL or live; `data` is NULL or valid for reading every row
/// described by `width`, `height`, `stride_bytes` and `format`.
#[no_mangle]
pub unsafe extern "C" fn ct_analysis_push(
    analysis: *mut CtAnalysis,
    data: *const u8,
    width: u32,
    height: u32,
    stride_bytes: isize,
    format: i32,
    frame: i64,
) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract: NULL or a live analysis, not used concurrently.
        let analysis = unsafe { analysis.as_mut() }.ok_or_else(|| CallError::null("analysis"))?;
        if data.is_null() {
            return Err(CallError::null("data"));
        }
        let format = pixel_format(format)?;
        let (width, height) = (width as usize, height as usize);
        if width == 0 || height == 0 {
            return Err(CallError::invalid(format!("empty frame {width}x{height}")));
        }
        let row = width
            .checked_mul(format.bytes_per_pixel())
            .ok_or_else(|| CallError::invalid("frame row size overflows"))?;
        let step = stride_bytes.unsigned_abs();
        if step < row {
            return Err(CallError::invalid(format!(
                "|stride| {stride_bytes} is shorter than a row of {row} bytes"
            )));
        }
        let span = (height - 1)
            .checked_mul(step)
            .and_then(|s| s.checked_add(row))
            .filter(|&s| s <= isize::MAX as usize)
            .ok_or_else(|| CallError::invalid("frame size overflows"))?;
        // The lowest address any row touches: row 0 for a positive stride,
        // the last row for a negative one.
        let back = if stride_bytes < 0 {
            (height - 1) * step
        } else {
            0
        };
        let lowest = data.wrapping_sub(back);
        // SAFETY: the caller guarantees every row is readable; the rows lie
        // within [lowest, lowest + span), which is what this slice covers.
        let bytes = unsafe { std::slice::from_raw_parts(lowest, span) };
        let view = FrameView::new(bytes, width, height, stride_bytes, back, format)?;
        match &mut analysis.state {
            State::Running(running) => Ok(running.push(frame, &view)?),
            State::Finished => Err(CallError::new(
                CtStatus::InvalidState,
                "the analysis is already finished",
            )),
        }
    })
}

/// Finishes the analysis and builds the clip report into `*out` (release it
/// with `ct_report_free`). The analysis cannot take more frames afterwards
/// but must still be released with `ct_analysis_free`.
///
/// # Safety
/// `analysis` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_analysis_finish(
    analysis: *mut CtAnalysis,
    out: *mut *mut CtReport,
) -> CtStatus {
    guard(|| {
        if out.is_null() {
            return Err(CallError::null("out"));
        }
        // SAFETY: caller contract: NULL or a live analysis.
        let analysis = unsafe { analysis.as_mut() }.ok_or_else(|| CallError::null("analysis"))?;
        let State::Running(running) = std::mem::replace(&mut analysis.state, State::Finished)
        else {
            return Err(CallError::new(
                CtStatus::InvalidState,
                "the analysis is already finished",
            ));
        };
        let report = CtReport::build(*running)?;
        // SAFETY: `out` checked non-NULL and writable by contract.
        unsafe { out.write(Box::into_raw(Box::new(report))) };
        Ok(())
    })
}

/// Releases an analysis. NULL is allowed and does nothing.
///
/// # Safety
/// `analysis` is NULL or a live analysis not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn ct_analysis_free(analysis: *mut CtAnalysis) {
    if !analysis.is_null() {
        // A panic in a destructor must not cross the boundary either.
        let _ = guard(|| {
            // SAFETY: made by Box::into_raw in ct_analysis_new, released once.
            drop(unsafe { Box::from_raw(analysis) });
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_format_values_match_the_enum() {
        use ChannelLayout::{Luma, Rgb, Rgba};
        use SampleDepth::{F16, F32, U16, U8};
        let expected = [
            (CtPixelFormat::Rgba8, U8, Rgba),
            (CtPixelFormat::Rgb8, U8, Rgb),
            (CtPixelFormat::Luma8, U8, Luma),
            (CtPixelFormat::Rgba16, U16, Rgba),
            (CtPixelFormat::Rgb16, U16, Rgb),
            (CtPixelFormat::Luma16, U16, Luma),
            (CtPixelFormat::RgbaF16, F16, Rgba),
            (CtPixelFormat::RgbF16, F16, Rgb),
            (CtPixelFormat::LumaF16, F16, Luma),
            (CtPixelFormat::RgbaF32, F32, Rgba),
            (CtPixelFormat::RgbF32, F32, Rgb),
            (CtPixelFormat::LumaF32, F32, Luma),
        ];
        for (value, depth, layout) in expected {
            assert_eq!(
                pixel_format(value as i32).unwrap(),
                PixelFormat::new(depth, layout),
                "{value:?}"
            );
        }
        assert_eq!(
            pixel_format(12).unwrap_err().status,
            CtStatus::UnsupportedFormat
        );
        assert_eq!(
            pixel_format(-1).unwrap_err().status,
            CtStatus::UnsupportedFormat
        );
    }
}
