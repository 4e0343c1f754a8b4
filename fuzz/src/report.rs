//! Checks of a finished report through every accessor: counts, shots and
//! cuts inside the frames pushed, out-of-range indices, NULL out-pointers,
//! and the JSON buffer protocol.

use crate::abi::{self, status, CtShot};
use crate::check::expect;
use std::ffi::c_char;

/// What the analysis was given: the frame numbers it accepted, in order.
#[derive(Debug, Default)]
pub struct Pushed {
    pub frames: Vec<i64>,
}

/// Runs every accessor on `report`; `index` and `json_len` are fuzzed.
pub fn check(report: abi::Report, pushed: &Pushed, index: usize, json_len: usize) {
    let shots = shots(report, pushed, index);
    let cuts = cuts(report, pushed, index);
    json(report, pushed, shots, cuts, json_len);
}

fn count(
    name: &str,
    f: unsafe extern "C" fn(abi::Report, *mut usize) -> i32,
    report: abi::Report,
) -> usize {
    let mut n = usize::MAX;
    // SAFETY: live report, writable count.
    expect(name, unsafe { f(report, &mut n) }, status::OK);
    // SAFETY: NULL arguments are allowed (and rejected).
    expect(
        name,
        unsafe { f(report, std::ptr::null_mut()) },
        status::NULL_ARGUMENT,
    );
    // SAFETY: as above.
    expect(
        name,
        unsafe { f(std::ptr::null_mut(), &mut n) },
        status::NULL_ARGUMENT,
    );
    n
}

fn shots(report: abi::Report, pushed: &Pushed, index: usize) -> usize {
    let n = count("ct_report_shot_count", abi::ct_report_shot_count, report);
    let (first, last) = match (pushed.frames.first(), pushed.frames.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => {
            assert_eq!(n, 0, "shots in a report of no frames");
            (0, -1)
        }
    };
    let mut previous_end = i64::MIN;
    for i in 0..n {
        let mut s = CtShot::default();
        // SAFETY: live report, writable shot.
        expect(
            "ct_report_shot",
            unsafe { abi::ct_report_shot(report, i, &mut s) },
            status::OK,
        );
        let what = format!("shot {i} {s:?} of frames {first}..={last}");
        assert!(s.start < s.end, "{what}: empty");
        assert!(
            s.start >= first && s.end - 1 <= last,
            "{what}: outside the frames"
        );
        assert!(
            s.start >= previous_end,
            "{what}: overlaps the previous shot"
        );
        assert!(
            s.trim_in >= s.start && s.trim_out <= s.end,
            "{what}: trim outside"
        );
        // trim_in == trim_out: nothing usable (inference::shots::TrimSuggestion).
        assert!(
            s.trim_in <= s.trim_out,
            "{what}: trim ends before it starts"
        );
        for score in [s.score, s.trim_score] {
            assert!((0.0..=100.0).contains(&score), "{what}: score");
        }
        assert!(
            (0.0..=1.0).contains(&s.trim_confidence),
            "{what}: confidence"
        );
        previous_end = s.end;
    }
    for bad in [n, n.saturating_add(index), usize::MAX] {
        let mut s = CtShot::default();
        // SAFETY: live report, writable shot.
        let got = unsafe { abi::ct_report_shot(report, bad, &mut s) };
        expect("ct_report_shot(out of range)", got, status::OUT_OF_RANGE);
    }
    if n > 0 {
        // SAFETY: NULL out is allowed (and rejected).
        let got = unsafe { abi::ct_report_shot(report, index % n, std::ptr::null_mut()) };
        expect("ct_report_shot(NULL)", got, status::NULL_ARGUMENT);
    }
    n
}

fn cuts(report: abi::Report, pushed: &Pushed, index: usize) -> usize {
    let n = count("ct_report_cut_count", abi::ct_report_cut_count, report);
    let mut previous = None;
    for i in 0..n {
        let mut frame = 0;
        // SAFETY: live report, writable frame.
        expect(
            "ct_report_cut",
            unsafe { abi::ct_report_cut(report, i, &mut frame) },
            status::OK,
        );
        assert!(
            pushed.frames.first().is_some_and(|&f| frame > f)
                && pushed.frames.last().is_some_and(|&l| frame <= l),
            "cut {i} at {frame} outside the frames pushed {:?}",
            pushed.frames
        );
        assert!(previous.is_none_or(|p| frame > p), "cuts out of order");
        previous = Some(frame);
    }
    for bad in [n, n.saturating_add(index), usize::MAX] {
        let mut frame = 0;
        // SAFETY: live report, writable frame.
        let got = unsafe { abi::ct_report_cut(report, bad, &mut frame) };
        expect("ct_report_cut(out of range)", got, status::OUT_OF_RANGE);
    }
    n
}

/// `ct_report_json`: size query, a buffer of `len` bytes (too small: status
/// BUFFER_TOO_SMALL, needed size reported, nothing written), a buffer that
/// fits (JSON that parses and agrees with the accessors), byte-identical twice.
fn json(report: abi::Report, pushed: &Pushed, shots: usize, cuts: usize, len: usize) {
    let mut needed = 0;
    // SAFETY: NULL buffer of length 0 asks for the size.
    let got = unsafe { abi::ct_report_json(report, std::ptr::null_mut(), 0, &mut needed) };
    expect("ct_report_json(size)", got, status::BUFFER_TOO_SMALL);
    assert!(needed > 2, "JSON of {needed} bytes");
    // SAFETY: NULL report is allowed (and rejected).
    let got = unsafe { abi::ct_report_json(std::ptr::null_mut(), std::ptr::null_mut(), 0, &mut 0) };
    expect("ct_report_json(NULL report)", got, status::NULL_ARGUMENT);

    const SENTINEL: c_char = 0x33;
    let mut buf = vec![SENTINEL; len];
    let mut again = 0;
    // SAFETY: buf holds `len` writable bytes.
    let got = unsafe { abi::ct_report_json(report, buf.as_mut_ptr(), len, &mut again) };
    assert_eq!(again, needed, "needed size changed");
    if len < needed {
        expect(
            "ct_report_json(short buffer)",
            got,
            status::BUFFER_TOO_SMALL,
        );
        assert!(
            buf.iter().all(|&c| c == SENTINEL),
            "written though too small"
        );
        buf = vec![SENTINEL; needed];
    } else {
        expect("ct_report_json", got, status::OK);
    }
    // SAFETY: buf holds at least `needed` writable bytes; needed may be NULL.
    let got =
        unsafe { abi::ct_report_json(report, buf.as_mut_ptr(), buf.len(), std::ptr::null_mut()) };
    expect("ct_report_json", got, status::OK);
    let bytes: Vec<u8> = buf.iter().map(|&c| c as u8).collect();
    assert_eq!(
        bytes[needed - 1],
        0,
        "JSON not NUL-terminated at needed - 1"
    );
    assert!(!bytes[..needed - 1].contains(&0), "NUL inside the JSON");
    assert!(
        bytes[needed..].iter().all(|&b| b == SENTINEL as u8),
        "written past the NUL"
    );
    let text = std::str::from_utf8(&bytes[..needed - 1]).expect("JSON is UTF-8");
    let value: serde_json::Value = serde_json::from_str(text).expect("JSON parses");
    let array_len = |key: &str| value[key].as_array().map(Vec::len);
    assert_eq!(
        array_len("shots"),
        Some(shots),
        "JSON shots vs ct_report_shot_count"
    );
    assert_eq!(
        array_len("cuts"),
        Some(cuts),
        "JSON cuts vs ct_report_cut_count"
    );
    // Every frame number from the first to the last pushed has an entry,
    // analysed or a gap.
    let span = match (pushed.frames.first(), pushed.frames.last()) {
        (Some(&f), Some(&l)) => (l - f + 1) as u64,
        _ => 0,
    };
    assert_eq!(
        value["frame_count"].as_u64(),
        Some(span),
        "JSON frame_count"
    );
    let frames = value["frames"].as_array().expect("JSON frames");
    let analysed: Vec<i64> = frames
        .iter()
        .filter(|f| f["analyzed"] == serde_json::Value::Bool(true))
        .map(|f| f["frame"].as_i64().expect("frame number"))
        .collect();
    assert_eq!(
        analysed, pushed.frames,
        "JSON analysed frames vs frames accepted"
    );
    let mut second = vec![0 as c_char; needed];
    // SAFETY: `needed` writable bytes.
    let got =
        unsafe { abi::ct_report_json(report, second.as_mut_ptr(), needed, std::ptr::null_mut()) };
    expect("ct_report_json(again)", got, status::OK);
    assert!(second == buf[..needed], "JSON differs between two calls");
}
