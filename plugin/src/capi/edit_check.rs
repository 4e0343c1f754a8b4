//! `ct_edit_check`: Cut Check for one edit point between two frame sequences.
//! Push the frames each side wants (any order), then finish into a
//! `ct_edit_report`.

use std::collections::HashSet;

use super::analysis::{frame_view, FRAME_NUMBERS};
use super::edit_report::CtEditReport;
use super::engine::CtEngine;
use super::guard::{guard, CallError};
use super::CtStatus;
use circletake_inference::edit_check::{EditCheck, EditCheckOptions, EditPoint, Side};
use circletake_inference::FrameRate;

/// Largest `max_shift` `ct_edit_check_new` accepts, in frames (2 s at 24 fps):
/// each side then wants at most 2 * (48 + 8) + 1 = 113 frames.
pub const CT_EDIT_CHECK_MAX_SHIFT: i32 = 48;

/// Which clip of an edit.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtEditSide {
    /// Neither: an issue across the cut (jump cut, exposure or colour jump).
    /// Not accepted where a side is asked for.
    None = -1,
    /// The clip before the cut.
    Outgoing = 0,
    /// The clip after the cut.
    Incoming = 1,
}

impl CtEditSide {
    pub(super) fn of(side: Option<Side>) -> Self {
        match side {
            Some(Side::Outgoing) => Self::Outgoing,
            Some(Side::Incoming) => Self::Incoming,
            None => Self::None,
        }
    }
}

/// Maps the C value (a plain integer from the caller) to a side.
fn side(value: i32) -> Result<Side, CallError> {
    match value {
        0 => Ok(Side::Outgoing),
        1 => Ok(Side::Incoming),
        other => Err(CallError::invalid(format!(
            "side {other} is not CT_EDIT_SIDE_OUTGOING (0) or CT_EDIT_SIDE_INCOMING (1)"
        ))),
    }
}

/// An edit check in progress (opaque).
pub struct CtEditCheck {
    state: State,
    /// The frames each side accepted so far (to refuse a premature finish
    /// without losing the check).
    pushed: HashSet<(Side, i64)>,
}

enum State {
    Running(Box<EditCheck>),
    Finished,
}

impl std::fmt::Debug for CtEditCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Running(c) => format!("running ({:?}, {} frames)", c.edit(), self.pushed.len()),
            State::Finished => "finished".into(),
        };
        f.debug_struct("CtEditCheck")
            .field("state", &state)
            .finish()
    }
}

impl CtEditCheck {
    fn running(&mut self) -> Result<&mut EditCheck, CallError> {
        match &mut self.state {
            State::Running(check) => Ok(check),
            State::Finished => Err(CallError::new(
                CtStatus::InvalidState,
                "the edit check is already finished",
            )),
        }
    }
}

/// The options for a `max_shift` from C (negative = the default).
fn options(max_shift: i32) -> Result<EditCheckOptions, CallError> {
    let mut options = EditCheckOptions::default();
    if max_shift > CT_EDIT_CHECK_MAX_SHIFT {
        return Err(CallError::invalid(format!(
            "max_shift {max_shift} is above the limit of {CT_EDIT_CHECK_MAX_SHIFT} frames"
        )));
    }
    if let Ok(shift) = u32::try_from(max_shift) {
        options.max_shift = shift;
    }
    Ok(options)
}

fn check_edit_frame(name: &str, frame: i64) -> Result<(), CallError> {
    if FRAME_NUMBERS.contains(&frame) {
        Ok(())
    } else {
        Err(CallError::invalid(format!(
            "{name} {frame} is outside the int32_t range"
        )))
    }
}

/// Starts a check of the edit that shows the outgoing clip up to and
/// including its source frame `out_frame` and the incoming clip from its
/// source frame `in_frame`, both clips at `rate_num / rate_den` frames per
/// second. `max_shift` is the largest roll (in frames, each way) the check
/// may suggest: negative = the default (6), at most
/// `CT_EDIT_CHECK_MAX_SHIFT`. `out_frame` and `in_frame` lie in the
/// `int32_t` range; the frames around them that `ct_edit_check_wanted` lists
/// (and `ct_edit_check_push` accepts) may reach up to max_shift + 8 beyond it. On
/// success `*out` holds a new check, to be released with
/// `ct_edit_check_free`.
///
/// # Safety
/// `engine` is NULL or a live engine; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_check_new(
    engine: *const CtEngine,
    rate_num: u32,
    rate_den: u32,
    out_frame: i64,
    in_frame: i64,
    max_shift: i32,
    out: *mut *mut CtEditCheck,
) -> CtStatus {
    guard(|| {
        if out.is_null() {
            return Err(CallError::null("out"));
        }
        // SAFETY: caller contract: NULL or a live engine made by ct_engine_new.
        let engine = unsafe { engine.as_ref() }.ok_or_else(|| CallError::null("engine"))?;
        if rate_num == 0 || rate_den == 0 {
            return Err(CallError::invalid(format!(
                "frame rate {rate_num}/{rate_den} is not valid"
            )));
        }
        check_edit_frame("out_frame", out_frame)?;
        check_edit_frame("in_frame", in_frame)?;
        let rate = FrameRate {
            num: rate_num,
            den: rate_den,
        };
        let edit = EditPoint {
            out_frame,
            in_frame,
        };
        let check = engine.engine.edit_check(rate, edit, options(max_shift)?)?;
        let handle = Box::new(CtEditCheck {
            state: State::Running(Box::new(check)),
            pushed: HashSet::new(),
        });
        // SAFETY: `out` checked non-NULL; caller contract says it is writable.
        unsafe { out.write(Box::into_raw(handle)) };
        Ok(())
    })
}

/// Stores the frames `[*first, *last]` the check wants of the clip on `side`
/// (a `ct_edit_side`: `CT_EDIT_SIDE_OUTGOING` or `CT_EDIT_SIDE_INCOMING`):
/// the edit frame ± (max_shift + 8 frames of context). Frames a clip does not
/// have (before its start, after its end) may be left out: rolls that would
/// need them are not suggested.
///
/// # Safety
/// `check` is NULL or live; `first` and `last` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_check_wanted(
    check: *const CtEditCheck,
    side: i32,
    first: *mut i64,
    last: *mut i64,
) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract: NULL or a live check.
        let check = unsafe { check.as_ref() }.ok_or_else(|| CallError::null("check"))?;
        if first.is_null() {
            return Err(CallError::null("first"));
        }
        if last.is_null() {
            return Err(CallError::null("last"));
        }
        let side = self::side(side)?;
        let State::Running(running) = &check.state else {
            return Err(CallError::new(
                CtStatus::InvalidState,
                "the edit check is already finished",
            ));
        };
        let (a, b) = running.wanted(side);
        // SAFETY: checked non-NULL and writable by contract.
        unsafe { first.write(a) };
        // SAFETY: checked non-NULL and writable by contract.
        unsafe { last.write(b) };
        Ok(())
    })
}

/// Pushes source frame `frame` of the clip on `side` (a `ct_edit_side`). The
/// pixels follow the rules of `ct_analysis_push`: `data` points to row 0 (the
/// top row), row `y` starts at `data + y * stride_bytes` (negative = bottom-up
/// storage), `format` is a `ct_pixel_format`; they are read during the call
/// and not kept. Frames may come in any order; a frame outside
/// `ct_edit_check_wanted` fails with `CT_STATUS_INVALID_ARGUMENT`; pushing a
/// frame again does nothing.
///
/// # Safety
/// `check` is NULL or live (not used concurrently); `data` is NULL or valid
/// for reading every row described by `width`, `height`, `stride_bytes` and
/// `format`.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_check_push(
    check: *mut CtEditCheck,
    side: i32,
    frame: i64,
    data: *const u8,
    width: u32,
    height: u32,
    stride_bytes: isize,
    format: i32,
) -> CtStatus {
    guard(|| {
        // SAFETY: caller contract: NULL or a live check, not used concurrently.
        let check = unsafe { check.as_mut() }.ok_or_else(|| CallError::null("check"))?;
        let side = self::side(side)?;
        // SAFETY: forwarded caller contract on `data`, `width`, `height`, `stride_bytes`.
        let view = unsafe { frame_view(data, width, height, stride_bytes, format) }?;
        check.running()?.push(side, frame, &view)?;
        check.pushed.insert((side, frame));
        Ok(())
    })
}

/// Finishes the check and builds its report into `*out` (release it with
/// `ct_edit_report_free`). At least the two frames at the edit (`out_frame`
/// of the outgoing clip, `in_frame` of the incoming clip) must have been
/// pushed, else this fails with `CT_STATUS_INVALID_STATE` and the check stays
/// usable: push them and finish again. After a successful finish the check
/// takes no more frames but must still be released with `ct_edit_check_free`.
///
/// # Safety
/// `check` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_check_finish(
    check: *mut CtEditCheck,
    out: *mut *mut CtEditReport,
) -> CtStatus {
    guard(|| {
        if out.is_null() {
            return Err(CallError::null("out"));
        }
        // SAFETY: caller contract: NULL or a live check.
        let check = unsafe { check.as_mut() }.ok_or_else(|| CallError::null("check"))?;
        let edit = check.running()?.edit();
        for (side, frame) in [
            (Side::Outgoing, edit.out_frame),
            (Side::Incoming, edit.in_frame),
        ] {
            if !check.pushed.contains(&(side, frame)) {
                return Err(CallError::new(
                    CtStatus::InvalidState,
                    format!(
                        "frame {frame} of the {} clip (at the edit) was not pushed",
                        side.name()
                    ),
                ));
            }
        }
        let State::Running(running) = std::mem::replace(&mut check.state, State::Finished) else {
            unreachable!("checked running above");
        };
        let report = CtEditReport::new(running.finish()?);
        // SAFETY: `out` checked non-NULL and writable by contract.
        unsafe { out.write(Box::into_raw(Box::new(report))) };
        Ok(())
    })
}

/// Releases an edit check. NULL is allowed and does nothing.
///
/// # Safety
/// `check` is NULL or a live check not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn ct_edit_check_free(check: *mut CtEditCheck) {
    if !check.is_null() {
        // A panic in a destructor must not cross the boundary either.
        let _ = guard(|| {
            // SAFETY: made by Box::into_raw in ct_edit_check_new, released once.
            drop(unsafe { Box::from_raw(check) });
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_map_both_ways() {
        assert_eq!(side(0).unwrap(), Side::Outgoing);
        assert_eq!(side(1).unwrap(), Side::Incoming);
        for bad in [-1, 2, i32::MAX] {
            assert_eq!(side(bad).unwrap_err().status, CtStatus::InvalidArgument);
        }
        assert_eq!(CtEditSide::of(Some(Side::Outgoing)) as i32, 0);
        assert_eq!(CtEditSide::of(Some(Side::Incoming)) as i32, 1);
        assert_eq!(CtEditSide::of(None) as i32, -1);
    }

    #[test]
    fn max_shift_negative_is_the_default_and_large_is_refused() {
        assert_eq!(options(-1).unwrap(), EditCheckOptions::default());
        assert_eq!(options(0).unwrap().max_shift, 0);
        assert_eq!(
            options(CT_EDIT_CHECK_MAX_SHIFT).unwrap().max_shift,
            CT_EDIT_CHECK_MAX_SHIFT as u32
        );
        let e = options(CT_EDIT_CHECK_MAX_SHIFT + 1).unwrap_err();
        assert_eq!(e.status, CtStatus::InvalidArgument);
        assert!(e.message.contains("limit"), "{}", e.message);
    }

    #[test]
    fn edit_frames_stay_in_the_int32_range() {
        assert!(check_edit_frame("out_frame", i32::MAX as i64).is_ok());
        let e = check_edit_frame("in_frame", i32::MIN as i64 - 1).unwrap_err();
        assert!(e.message.contains("in_frame"), "{}", e.message);
    }
}
