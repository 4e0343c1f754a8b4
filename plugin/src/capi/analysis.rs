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

/// Frame numbers `ct_analysis_push` takes: the `int32_t` range, so that
/// `[start, end)` ranges and timecode arithmetic on them never overflow.
pub(super) const FRAME_NUMBERS: std::ops::RangeInclusive<i64> = i32::MIN as i64..=i32::MAX as i64;

/// The most frame numbers one analysis may span (last - first + 1): the
/// report holds an entry for every frame number in the span, analysed or a
/// gap, so a far jump must not make `ct_analysis_finish` allocate without
/// bound. 2^20 frames is 11.6 hours at 25 fps.
const MAX_FRAME_SPAN: i64 = 1 << 20;

/// An analysis in progress (opaque).
pub struct CtAnalysis {
    state: State,
    /// The first frame number accepted, once one was.
    first_frame: Option<i64>,
}

/// Checks frame number `frame` against the documented range and span.
fn check_frame_number(frame: i64, first: Option<i64>) -> Result<(), CallError> {
    if !FRAME_NUMBERS.contains(&frame) {
        return Err(CallError::invalid(format!(
            "frame number {frame} is outside the int32_t range"
        )));
    }
    match first {
        Some(first) if frame - first >= MAX_FRAME_SPAN => Err(CallError::invalid(format!(
            "frame {frame} is {} frames after the first frame {first}; one analysis spans at \
             most {MAX_FRAME_SPAN} frame numbers",
            frame - first
        ))),
        _ => Ok(()),
    }
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

/// The caller's pixels as a frame view, after checking the pointer, the
/// format, the size and the stride (shared by every `*_push`).
///
/// # Safety
/// `data` is NULL or valid for reading every row described by `width`,
/// `height`, `stride_bytes` and `format`, for the lifetime `'a`.
pub(super) unsafe fn frame_view<'a>(
    data: *const u8,
    width: u32,
    height: u32,
    stride_bytes: isize,
    format: i32,
) -> Result<FrameView<'a>, CallError> {
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
    Ok(view)
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
            first_frame: None,
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
/// Frame numbers may have gaps (reported as such) but lie in the `int32_t`
/// range, and one analysis spans at most 2^20 (1048576) frame numbers from
/// its first frame; frames beyond fail with `CT_STATUS_INVALID_ARGUMENT`.
/// Frames are at most 65536 pixels wide and high.
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
        // SAFETY: forwarded caller contract on `data`, `width`, `height`, `stride_bytes`.
        let view = unsafe { frame_view(data, width, height, stride_bytes, format) }?;
        match &mut analysis.state {
            State::Running(running) => {
                check_frame_number(frame, analysis.first_frame)?;
                running.push(frame, &view)?;
                analysis.first_frame.get_or_insert(frame);
                Ok(())
            }
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
    fn frame_numbers_stay_in_range_and_span() {
        assert!(check_frame_number(i32::MAX as i64, None).is_ok());
        assert!(check_frame_number(i32::MIN as i64, None).is_ok());
        for far in [i32::MAX as i64 + 1, i32::MIN as i64 - 1, i64::MAX, i64::MIN] {
            let e = check_frame_number(far, None).unwrap_err();
            assert_eq!(e.status, CtStatus::InvalidArgument, "{far}");
            assert!(e.message.contains("int32_t"), "{}", e.message);
        }
        assert!(check_frame_number(-5 + MAX_FRAME_SPAN - 1, Some(-5)).is_ok());
        let e = check_frame_number(-5 + MAX_FRAME_SPAN, Some(-5)).unwrap_err();
        assert_eq!(e.status, CtStatus::InvalidArgument);
        assert!(e.message.contains("spans at most"), "{}", e.message);
    }

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
