//! Seed programs of the `capi_frames` target (byte layout documented in
//! `fuzz/src/program.rs`): valid cases of every pixel format, every kind of
//! invalid push, frame-number edge cases, engines, calls after finish.

/// Header: engine byte, fps 25/1.
fn header(engine: u8) -> Vec<u8> {
    let mut p = vec![engine];
    p.extend(25u32.to_le_bytes());
    p.extend(1u32.to_le_bytes());
    p
}

/// Operation 0: push a `w`x`h` frame of `format` (gradient `fill` seed),
/// `layout` bits (padding, misalignment, bottom-up), the next frame number.
fn push(format: u8, w: u8, h: u8, layout: u8, fill: u8) -> [u8; 7] {
    [0, format, w - 1, layout, h - 1, 1 | (fill << 2), 0]
}

/// Finish (JSON buffer of 32 bytes: too small), accessors with index 1 and a
/// JSON buffer that fits, `ct_last_error` into 3 bytes, describe into 16.
const TAIL: [u8; 11] = [2, 0x50, 3, 1, 0, 0, 0x40, 4, 3, 5, 16];

/// The seeds, by name.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for format in 0..12u8 {
        let mut p = header(0);
        for n in 0..6u8 {
            let layout = if format % 2 == 1 { 0x80 | n } else { n << 4 };
            // A different picture from the fourth frame: a cut candidate.
            p.extend(push(format, 16 + n, 12, layout, if n < 3 { 1 } else { 40 }));
        }
        p.extend(TAIL);
        out.push((format!("format-{format:02}"), p));
    }
    // Every kind of invalid push between two valid frames.
    let mut p = header(0);
    p.extend(push(0, 8, 8, 0, 3));
    for kind in 0..7u8 {
        p.extend([1, kind, 5, 7, 0x93]);
        p.extend([4, 8]);
    }
    p.extend(push(0, 8, 8, 0, 9));
    p.extend(TAIL);
    out.push(("invalid-pushes".into(), p));
    // Frame numbers: a gap, a repeat (rejected), a raw far-away number.
    let mut p = header(0);
    p.extend(push(2, 8, 8, 0, 1));
    p.extend([0, 2, 7, 0, 7, 5, 1 | (3 << 2)]);
    p.extend([0, 2, 7, 0, 7, 9, 2]);
    p.extend([0, 2, 7, 0, 7, 13, 3]);
    p.extend(1_000_000_000_000i64.to_le_bytes());
    p.extend(TAIL);
    out.push(("frame-numbers".into(), p));
    // An engine of the program's own, released before the analysis; a bad device.
    for (name, engine) in [("own-engine", 0x12), ("bad-device", 0x23)] {
        let mut p = header(engine);
        p.extend(push(9, 8, 8, 0x05, 2));
        p.extend(push(9, 8, 8, 0x05, 4));
        p.extend(TAIL);
        out.push((name.into(), p));
    }
    // Push after finish, after free; status texts.
    let mut p = header(0);
    p.extend(push(1, 8, 8, 0, 1));
    p.extend([2, 1]);
    p.extend(push(1, 8, 8, 0, 1));
    p.extend([7]);
    p.extend(push(1, 8, 8, 0, 1));
    p.extend([6, 11, 0, 0, 0, 6, 12, 0, 0, 0]);
    out.push(("after-finish".into(), p));
    out
}
