//! The fuzz input as a program over the C ABI, with the status each call
//! must return under the documented contract.
//!
//! Layout (every field little-endian; missing bytes read as 0):
//!
//! | bytes | meaning |
//! | ----- | ------- |
//! | 1 | engine: bits 0-1: 0/1 shared model-free engine, 2 an engine made (and released) by this program, 3 a bad device value first (must fail), then the shared engine; bit 2: the shared engine with real models when `CIRCLETAKE_FUZZ_MODELS=1`; bit 3: faces on the program's own engine; bit 4: release that engine right after `ct_analysis_new` (analyses keep it alive) |
//! | 4 + 4 | `fps_num`, `fps_den` (0 must fail with INVALID_ARGUMENT and end the program) |
//! | … | operations, each a tag byte (`tag % 8`) and its fields, below |
//!
//! Operations: 0 push a valid frame (format, width, layout, height, fill
//! [+ tile], frame mode [+ i32 or i64]); 1 push an invalid one (kind, 3 bytes);
//! 2 finish (flag byte); 3 report accessors (index u16, JSON buffer length
//! u16); 4 `ct_last_error` into a buffer of (byte % 9) bytes; 5
//! `ct_engine_describe` into (byte) bytes; 6 `ct_status_str` of an i32;
//! 7 release the analysis now (later calls pass NULL).

use crate::abi::{self, status};
use crate::check::{self, expect};
use crate::engines;
use crate::frames;
use crate::input::Input;
use crate::invalid;
use crate::report::{self, Pushed};

/// At most this many operations, so an execution stays short.
const MAX_OPS: usize = 40;
/// At most this many frames pushed.
const MAX_PUSHES: usize = 24;
/// Frame numbers one analysis may span (`ct_analysis_push` documentation).
const MAX_FRAME_SPAN: i128 = 1 << 20;
/// Legal spans beyond this are not pushed, to keep executions fast.
const FUZZED_SPAN: i64 = 20_000;

/// Program state: the handles and what the analysis has accepted.
struct State {
    /// A live engine (for `ct_engine_describe`).
    engine: abi::Engine,
    analysis: abi::Analysis,
    finished: bool,
    report: abi::Report,
    pushed: Pushed,
}

/// Runs one fuzz input.
pub fn run(bytes: &[u8]) {
    let mut input = Input::new(bytes);
    let config = input.u8();
    let (engine, own) = engines::choose(config);
    let (fps_num, fps_den) = (input.u32(), input.u32());
    let mut analysis = std::ptr::null_mut();
    // SAFETY: live engine, writable out.
    let got = unsafe { abi::ct_analysis_new(engine, fps_num, fps_den, &mut analysis) };
    let want = if fps_num == 0 || fps_den == 0 {
        status::INVALID_ARGUMENT
    } else {
        status::OK
    };
    expect("ct_analysis_new", got, want);
    // SAFETY: NULL engine and NULL out are allowed (and rejected).
    expect(
        "ct_analysis_new(NULL engine)",
        unsafe { abi::ct_analysis_new(std::ptr::null_mut(), 25, 1, &mut std::ptr::null_mut()) },
        status::NULL_ARGUMENT,
    );
    // SAFETY: as above.
    expect(
        "ct_analysis_new(NULL out)",
        unsafe { abi::ct_analysis_new(engine, 25, 1, std::ptr::null_mut()) },
        status::NULL_ARGUMENT,
    );
    let (mut own, mut engine) = (own, engine);
    if config & 0x10 != 0 && !own.is_null() {
        // SAFETY: an engine this program made; not used below (analyses keep it alive).
        unsafe { abi::ct_engine_free(own) };
        own = std::ptr::null_mut();
        engine = engines::model_free();
    }
    if want == status::OK {
        let mut state = State {
            engine,
            analysis,
            finished: false,
            report: std::ptr::null_mut(),
            pushed: Pushed::default(),
        };
        state.run_ops(&mut input);
        state.close();
    }
    // SAFETY: own is NULL or the program's engine, released once.
    unsafe { abi::ct_engine_free(own) };
    // SAFETY: every free accepts NULL.
    unsafe {
        abi::ct_engine_free(std::ptr::null_mut());
        abi::ct_analysis_free(std::ptr::null_mut());
        abi::ct_report_free(std::ptr::null_mut());
    }
}

impl State {
    fn run_ops(&mut self, input: &mut Input<'_>) {
        let mut pushes = 0;
        for _ in 0..MAX_OPS {
            if input.is_empty() {
                break;
            }
            match input.u8() % 8 {
                0 if pushes < MAX_PUSHES => {
                    pushes += 1;
                    self.push(input);
                }
                0 => {}
                1 => invalid::push(input, self.analysis),
                2 => self.finish(input.u8()),
                3 => {
                    let (index, len) = (input.u16() as usize, input.u16() as usize);
                    if !self.report.is_null() {
                        report::check(self.report, &self.pushed, index, len);
                    }
                }
                4 => check::last_error_into(input.u8() as usize % 9),
                5 => self.describe(input.u8() as usize),
                6 => check::status_str(input.i32()),
                _ => {
                    // SAFETY: NULL or this program's analysis, released once.
                    unsafe { abi::ct_analysis_free(self.analysis) };
                    self.analysis = std::ptr::null_mut();
                }
            }
        }
    }

    /// Pushes a valid frame; the status follows from the analysis state and
    /// the frame number alone.
    fn push(&mut self, input: &mut Input<'_>) {
        let format = input.u8() as i32 % 12;
        let frame = frames::read(input, format);
        let last = self.pushed.frames.last().copied();
        let mode = input.u8();
        let number = match mode & 3 {
            0 => last.map_or(0, |l| l.wrapping_add(1)),
            1 => last.map_or(0, |l| l.wrapping_add(2 + (mode >> 2) as i64)),
            2 => last.map_or(0, |l| l.wrapping_sub((mode >> 2) as i64)),
            _ if mode & 4 != 0 => input.i32() as i64,
            _ => input.i64(),
        };
        let first = self.pushed.frames.first().copied();
        let beyond_span = first.is_some_and(|f| number as i128 - f as i128 >= MAX_FRAME_SPAN);
        let want = if self.analysis.is_null() {
            status::NULL_ARGUMENT
        } else if self.finished {
            status::INVALID_STATE
        } else if i32::try_from(number).is_err() || beyond_span || last.is_some_and(|l| number <= l)
        {
            status::INVALID_ARGUMENT
        } else {
            status::OK
        };
        if want == status::OK && first.is_some_and(|f| number - f > FUZZED_SPAN) {
            // Legal, but finish would then build a report of up to 2^20
            // frames (seconds and gigabytes under ASan); the limit itself
            // is unit-tested in plugin/src/capi/analysis.rs.
            return;
        }
        // SAFETY: NULL or live analysis; the frame's buffer holds every row
        // its geometry describes.
        let got = unsafe {
            abi::ct_analysis_push(
                self.analysis,
                frame.data(),
                frame.width,
                frame.height,
                frame.stride,
                frame.format,
                number,
            )
        };
        expect(
            &format!(
                "ct_analysis_push({}x{} fmt {} stride {} frame {number})",
                frame.width, frame.height, frame.format, frame.stride
            ),
            got,
            want,
        );
        if got == status::OK {
            self.pushed.frames.push(number);
        }
    }

    /// Finishes (first with a NULL out-pointer when `flags` bit 0 is set,
    /// which must change nothing) and checks the report.
    fn finish(&mut self, flags: u8) {
        if flags & 1 != 0 {
            // SAFETY: NULL out is allowed (and rejected before anything else).
            let got = unsafe { abi::ct_analysis_finish(self.analysis, std::ptr::null_mut()) };
            expect("ct_analysis_finish(NULL out)", got, status::NULL_ARGUMENT);
        }
        let mut report = std::ptr::null_mut();
        // SAFETY: NULL or live analysis, writable out.
        let got = unsafe { abi::ct_analysis_finish(self.analysis, &mut report) };
        let want = if self.analysis.is_null() {
            status::NULL_ARGUMENT
        } else if self.finished {
            status::INVALID_STATE
        } else {
            status::OK
        };
        expect("ct_analysis_finish", got, want);
        if got == status::OK {
            self.finished = true;
            self.report = report;
            report::check(report, &self.pushed, flags as usize, 1 << (flags >> 4));
        } else {
            assert!(report.is_null(), "ct_analysis_finish wrote *out on failure");
        }
    }

    /// `ct_engine_describe` into a buffer of `len` bytes.
    fn describe(&self, len: usize) {
        let mut needed = 0;
        let mut buf = vec![0 as std::ffi::c_char; len];
        // SAFETY: live engine, `len` writable bytes, writable needed.
        let got =
            unsafe { abi::ct_engine_describe(self.engine, buf.as_mut_ptr(), len, &mut needed) };
        let want = if len >= needed {
            status::OK
        } else {
            status::BUFFER_TOO_SMALL
        };
        expect("ct_engine_describe", got, want);
        if len > 0 {
            assert!(buf.contains(&0), "ct_engine_describe wrote no NUL");
        }
    }

    /// Finishes if still running, then releases the report and the analysis.
    fn close(mut self) {
        if !self.analysis.is_null() && !self.finished {
            self.finish(0);
        }
        // SAFETY: NULL or this program's handles, each released once; the
        // report does not depend on the analysis.
        unsafe {
            abi::ct_analysis_free(self.analysis);
            abi::ct_report_free(self.report);
        }
    }
}
