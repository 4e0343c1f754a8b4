//! The fuzz input as a program over the C ABI's edit check (Cut Check):
//! `ct_edit_check_*` and `ct_edit_report_*`, with the status each call must
//! return under the documented contract.
//!
//! Layout (every field little-endian; missing bytes read as 0):
//!
//! | bytes | meaning |
//! | ----- | ------- |
//! | 1 | engine, as in [`crate::program`] (bits 0-3, [`engines::choose`]); bit 4: release the program's own engine right after `ct_edit_check_new` (checks keep it alive); bit 7: release the report before the check at the end |
//! | 4 + 4 | `rate_num`, `rate_den` (0 must fail) |
//! | 1 | edit mode: bits 0-1 how `out_frame` is read, bits 2-3 `in_frame`: 0 a u16, 1 an i32, 2 an i64 (mostly outside `int32_t`: must fail), 3 a u8 below `i32::MAX` (bit 4 of the mode: above `i32::MIN`) |
//! | … | `out_frame`, `in_frame` |
//! | 1 | `max_shift`: below 0xf0 `(byte % 60) - 4` (-4..=55: negative = default, above 48 must fail), else one of [`SPECIAL_SHIFTS`] |
//! | … | operations, each a tag byte (`tag % 8`) and its fields, below |
//!
//! A side byte `s` is `s % 2` for `s % 8 < 6`, `CT_EDIT_SIDE_NONE` (-1) for
//! 6, and an integer that is no side for 7. Frame numbers (mode byte `m`,
//! relative to that side's edit frame `e`): `m & 3` = 0 `e`; 1
//! `e + (m >> 2) - 32`; 2 the first wanted frame not pushed yet (past the
//! wanted range when all are); 3 a raw i64.
//!
//! Operations: 0 push a valid frame (side, frame number, format, frame as in
//! [`frames::read`]); 1 push an invalid frame (side, then as in
//! [`invalid::push_to`]); 2 finish (flag byte: bit 0 a NULL out-pointer
//! first; the report checks use the flags as index and `1 << (flags >> 4)`
//! as buffer length); 3 report accessors (index u16, buffer length u16);
//! 4 `ct_edit_check_wanted` (side, flags: bit 0 NULL first, bit 1 NULL
//! last); 5 push a run of frames (side, count byte: 1 + count % 16, format,
//! one frame pushed as each of the next frames not pushed yet); 6 misc
//! (byte: `ct_last_error` into a buffer, `ct_status_str`, or release the
//! report early); 7 release the check now (later calls pass NULL).

use crate::abi::{self, status};
use crate::check::{self, expect};
use crate::edit_report::{self, EditInput};
use crate::engines;
use crate::frames;
use crate::input::Input;
use crate::invalid;
use std::collections::BTreeSet;

/// At most this many operations, so an execution stays short.
const MAX_OPS: usize = 48;
/// At most this many frames pushed (valid or not), all sides together.
const MAX_PUSHES: usize = 48;
/// The default `max_shift` (`ct_edit_check_new`: negative = 6).
const DEFAULT_SHIFT: i64 = 6;
/// Context frames either side of the rolls (`ct_edit_check_wanted`).
const CONTEXT: i64 = 8;
/// `max_shift` values from the special table (mode bytes 0xf0..).
pub const SPECIAL_SHIFTS: [i32; 16] = [
    -1,
    i32::MIN,
    i32::MAX,
    abi::EDIT_CHECK_MAX_SHIFT,
    abi::EDIT_CHECK_MAX_SHIFT + 1,
    0,
    1,
    250,
    251,
    -6,
    6,
    47,
    2,
    3,
    i32::MAX - 8,
    1 << 20,
];

/// Program state.
struct State {
    check: abi::EditCheck,
    finished: bool,
    report: abi::EditReport,
    input: EditInput,
    pushes: usize,
}

/// Runs one fuzz input.
pub fn run(bytes: &[u8]) {
    let mut input = Input::new(bytes);
    let config = input.u8();
    let (engine, own) = engines::choose(config);
    let rate = (input.u32(), input.u32());
    let mode = input.u8();
    let out_frame = edit_frame(&mut input, mode);
    let in_frame = edit_frame(&mut input, mode >> 2);
    let shift_byte = input.u8();
    let max_shift = if shift_byte < 0xf0 {
        (shift_byte % 60) as i32 - 4
    } else {
        SPECIAL_SHIFTS[(shift_byte & 15) as usize]
    };
    let int32 = i32::MIN as i64..=i32::MAX as i64;
    let refused = rate.0 == 0
        || rate.1 == 0
        || !int32.contains(&out_frame)
        || !int32.contains(&in_frame)
        || max_shift > abi::EDIT_CHECK_MAX_SHIFT;
    let want = if refused {
        status::INVALID_ARGUMENT
    } else {
        status::OK
    };
    let new = |engine: abi::Engine, out: *mut abi::EditCheck| {
        // SAFETY: engine NULL or live; out NULL or writable.
        unsafe {
            abi::ct_edit_check_new(engine, rate.0, rate.1, out_frame, in_frame, max_shift, out)
        }
    };
    let marker = 0x10 as abi::EditCheck;
    let mut check = marker;
    expect(
        &format!(
            "ct_edit_check_new({}/{}, out {out_frame}, in {in_frame}, max_shift {max_shift})",
            rate.0, rate.1
        ),
        new(engine, &mut check),
        want,
    );
    let mut untouched = marker;
    expect(
        "ct_edit_check_new(NULL engine)",
        new(std::ptr::null_mut(), &mut untouched),
        status::NULL_ARGUMENT,
    );
    assert_eq!(untouched, marker, "ct_edit_check_new wrote *out on failure");
    expect(
        "ct_edit_check_new(NULL out)",
        new(engine, std::ptr::null_mut()),
        status::NULL_ARGUMENT,
    );
    let mut own = own;
    if config & 0x10 != 0 && !own.is_null() {
        // SAFETY: an engine this program made, not used below (checks keep it alive).
        unsafe { abi::ct_engine_free(own) };
        own = std::ptr::null_mut();
    }
    if want == status::OK {
        assert!(!check.is_null() && check != marker);
        let mut state = State {
            check,
            finished: false,
            report: std::ptr::null_mut(),
            input: EditInput {
                rate,
                out_frame,
                in_frame,
                max_shift: if max_shift < 0 {
                    DEFAULT_SHIFT
                } else {
                    i64::from(max_shift)
                },
                pushed: [BTreeSet::new(), BTreeSet::new()],
            },
            pushes: 0,
        };
        state.run_ops(&mut input);
        state.close(config & 0x80 != 0);
    } else {
        assert_eq!(check, marker, "ct_edit_check_new wrote *out on failure");
    }
    // SAFETY: own is NULL or the program's engine, released once; every free accepts NULL.
    unsafe {
        abi::ct_engine_free(own);
        abi::ct_edit_check_free(std::ptr::null_mut());
        abi::ct_edit_report_free(std::ptr::null_mut());
    }
}

/// An edit frame read as `mode & 3` says (see the module documentation).
fn edit_frame(input: &mut Input<'_>, mode: u8) -> i64 {
    match mode & 3 {
        0 => i64::from(input.u16()),
        1 => i64::from(input.i32()),
        2 => input.i64(),
        _ if mode & 0x10 != 0 => i64::from(i32::MIN) + i64::from(input.u8()),
        _ => i64::from(i32::MAX) - i64::from(input.u8()),
    }
}

/// The `ct_edit_side` value of side byte `s`, and its index when valid.
fn side(s: u8) -> (i32, Option<usize>) {
    match s % 8 {
        0..=5 => (i32::from(s % 2), Some(usize::from(s % 2))),
        6 => (-1, None),
        _ => ([2, i32::MAX, i32::MIN, 3][usize::from(s >> 3) % 4], None),
    }
}

impl State {
    fn run_ops(&mut self, input: &mut Input<'_>) {
        for _ in 0..MAX_OPS {
            if input.is_empty() {
                break;
            }
            match input.u8() % 8 {
                0 => {
                    let (value, index) = side(input.u8());
                    let number = self.frame_number(input, index);
                    let format = input.u8() as i32 % 12;
                    let frame = frames::read(input, format);
                    if self.pushes < MAX_PUSHES {
                        self.pushes += 1;
                        self.push(value, index, number, &frame);
                    }
                }
                1 => {
                    let (value, index) = side(input.u8());
                    self.invalid_push(input, value, index);
                }
                2 => self.finish(input.u8()),
                3 => {
                    let (index, len) = (input.u16() as usize, input.u16() as usize);
                    if !self.report.is_null() {
                        edit_report::check(self.report, &self.input, index, len);
                    }
                }
                4 => {
                    let (value, index) = side(input.u8());
                    self.wanted(value, index, input.u8());
                }
                5 => self.push_run(input),
                6 => match input.u8() % 4 {
                    0 | 1 => check::last_error_into(input.u8() as usize % 9),
                    2 => check::status_str(input.i32()),
                    _ => {
                        // SAFETY: NULL or this program's report, released once.
                        unsafe { abi::ct_edit_report_free(self.report) };
                        self.report = std::ptr::null_mut();
                    }
                },
                _ => {
                    // SAFETY: NULL or this program's check, released once.
                    unsafe { abi::ct_edit_check_free(self.check) };
                    self.check = std::ptr::null_mut();
                }
            }
        }
    }

    /// The edit frame of side `index` (the outgoing one for an invalid side).
    fn edit_frame(&self, index: Option<usize>) -> i64 {
        match index {
            Some(1) => self.input.in_frame,
            _ => self.input.out_frame,
        }
    }

    /// `[first, last]` wanted of side `index` (documented: edit frame ±
    /// (max_shift + 8)).
    fn wanted_range(&self, index: Option<usize>) -> (i64, i64) {
        let e = self.edit_frame(index);
        let half = self.input.max_shift + CONTEXT;
        (e - half, e + half)
    }

    fn frame_number(&self, input: &mut Input<'_>, index: Option<usize>) -> i64 {
        let m = input.u8();
        let e = self.edit_frame(index);
        match m & 3 {
            0 => e,
            1 => e + i64::from(m >> 2) - 32,
            2 => {
                let (first, last) = self.wanted_range(index);
                let pushed = &self.input.pushed[index.unwrap_or(0)];
                (first..=last)
                    .find(|f| !pushed.contains(f))
                    .unwrap_or(last + 1)
            }
            _ => input.i64(),
        }
    }

    /// Pushes a valid frame; the status follows from the handle, the side,
    /// the state and the frame number alone.
    fn push(&mut self, value: i32, index: Option<usize>, number: i64, frame: &frames::Frame) {
        let (first, last) = self.wanted_range(index);
        let want = if self.check.is_null() {
            status::NULL_ARGUMENT
        } else if index.is_none() {
            status::INVALID_ARGUMENT
        } else if self.finished {
            status::INVALID_STATE
        } else if number < first || number > last {
            status::INVALID_ARGUMENT
        } else {
            status::OK
        };
        // SAFETY: NULL or live check; the frame's buffer holds every row its
        // geometry describes.
        let got = unsafe {
            abi::ct_edit_check_push(
                self.check,
                value,
                number,
                frame.data(),
                frame.width,
                frame.height,
                frame.stride,
                frame.format,
            )
        };
        expect(
            &format!(
                "ct_edit_check_push(side {value}, frame {number} of {first}..={last}, {}x{} fmt {} stride {})",
                frame.width, frame.height, frame.format, frame.stride
            ),
            got,
            want,
        );
        if let (status::OK, Some(i)) = (got, index) {
            self.input.pushed[i].insert(number);
        }
    }

    /// Pushes one frame description as each of the next `count` frames of a
    /// side not pushed yet (then past the wanted range: refused).
    fn push_run(&mut self, input: &mut Input<'_>) {
        let (value, index) = side(input.u8());
        let count = 1 + input.u8() as usize % 16;
        let format = input.u8() as i32 % 12;
        let frame = frames::read(input, format);
        for _ in 0..count {
            if self.pushes >= MAX_PUSHES {
                break;
            }
            self.pushes += 1;
            let (first, last) = self.wanted_range(index);
            let pushed = &self.input.pushed[index.unwrap_or(0)];
            let number = (first..=last)
                .find(|f| !pushed.contains(f))
                .unwrap_or(last + 1);
            self.push(value, index, number, &frame);
        }
    }

    fn invalid_push(&mut self, input: &mut Input<'_>, value: i32, index: Option<usize>) {
        let early = if self.check.is_null() {
            Some(status::NULL_ARGUMENT)
        } else if index.is_none() {
            Some(status::INVALID_ARGUMENT)
        } else {
            None
        };
        let check = self.check;
        let number = self.edit_frame(index);
        invalid::push_to(
            input,
            "ct_edit_check_push",
            early,
            |null_handle, data, w, h, stride, fmt| {
                let target = if null_handle {
                    std::ptr::null_mut()
                } else {
                    check
                };
                // SAFETY: NULL or live check; `data` is NULL or covers every
                // row the contract asks for (invalid.rs).
                unsafe { abi::ct_edit_check_push(target, value, number, data, w, h, stride, fmt) }
            },
        );
    }

    /// Finishes (first with a NULL out-pointer when `flags` bit 0 is set);
    /// refused while an edit frame is missing (the check stays usable).
    fn finish(&mut self, flags: u8) {
        if flags & 1 != 0 {
            // SAFETY: NULL out is allowed (and rejected before anything else).
            let got = unsafe { abi::ct_edit_check_finish(self.check, std::ptr::null_mut()) };
            expect("ct_edit_check_finish(NULL out)", got, status::NULL_ARGUMENT);
        }
        let edit_frames = self.input.pushed[0].contains(&self.input.out_frame)
            && self.input.pushed[1].contains(&self.input.in_frame);
        let want = if self.check.is_null() {
            status::NULL_ARGUMENT
        } else if self.finished || !edit_frames {
            status::INVALID_STATE
        } else {
            status::OK
        };
        let marker = 0x20 as abi::EditReport;
        let mut report = marker;
        // SAFETY: NULL or live check, writable out.
        let got = unsafe { abi::ct_edit_check_finish(self.check, &mut report) };
        expect(
            &format!(
                "ct_edit_check_finish (out {} pushed {}, in {} pushed {})",
                self.input.out_frame,
                self.input.pushed[0].contains(&self.input.out_frame),
                self.input.in_frame,
                self.input.pushed[1].contains(&self.input.in_frame)
            ),
            got,
            want,
        );
        if got == status::OK {
            assert!(!report.is_null() && report != marker);
            self.finished = true;
            // SAFETY: NULL or an earlier report of this program, released once.
            unsafe { abi::ct_edit_report_free(self.report) };
            self.report = report;
            edit_report::check(report, &self.input, flags as usize, 1 << (flags >> 4));
        } else {
            assert_eq!(report, marker, "ct_edit_check_finish wrote *out on failure");
        }
    }

    /// `ct_edit_check_wanted` with NULL out-pointers as `flags` says.
    fn wanted(&self, value: i32, index: Option<usize>, flags: u8) {
        const SENTINEL: i64 = -0x5151;
        let (mut first, mut last) = (SENTINEL, SENTINEL);
        let first_ptr: *mut i64 = if flags & 1 != 0 {
            std::ptr::null_mut()
        } else {
            &mut first
        };
        let last_ptr: *mut i64 = if flags & 2 != 0 {
            std::ptr::null_mut()
        } else {
            &mut last
        };
        let want = if self.check.is_null() || flags & 3 != 0 {
            status::NULL_ARGUMENT
        } else if index.is_none() {
            status::INVALID_ARGUMENT
        } else if self.finished {
            status::INVALID_STATE
        } else {
            status::OK
        };
        // SAFETY: NULL or live check; first/last NULL or writable.
        let got = unsafe { abi::ct_edit_check_wanted(self.check, value, first_ptr, last_ptr) };
        expect(&format!("ct_edit_check_wanted(side {value})"), got, want);
        if got == status::OK {
            assert_eq!((first, last), self.wanted_range(index), "wanted frames");
        } else {
            assert_eq!(
                (first, last),
                (SENTINEL, SENTINEL),
                "wanted wrote on failure"
            );
        }
    }

    /// Releases the report and the check (in the order `report_first` says;
    /// the report does not depend on the check), finished or not.
    fn close(self, report_first: bool) {
        // SAFETY: NULL or this program's handles, each released once.
        unsafe {
            if report_first {
                abi::ct_edit_report_free(self.report);
                abi::ct_edit_check_free(self.check);
            } else {
                abi::ct_edit_check_free(self.check);
                abi::ct_edit_report_free(self.report);
            }
        }
    }
}
