//! Seed programs of the `capi_edit_check` target (byte layout documented in
//! `fuzz/src/edit_program.rs`): edits with every side's wanted frames (a
//! clean cut, a jump cut, source cuts next to the edit, a flash frame at the
//! edit),
//! every pixel format, a finish before the edit frames are there and its
//! retry, calls after finish and after free, invalid pushes and sides,
//! refused `ct_edit_check_new` arguments, edit frames at the `int32_t` ends.

/// Side bytes.
const OUT: u8 = 0;
const IN: u8 = 1;
/// `CT_EDIT_SIDE_NONE` and an integer that is no side.
const SIDE_NONE: u8 = 6;
const SIDE_BAD: u8 = 7;

/// Frame number modes: the side's edit frame; the first wanted frame not
/// pushed yet.
const AT_EDIT: u8 = 0;
const NEXT: u8 = 2;

/// The `max_shift` byte for `shift` in -4..=55.
fn shift_byte(shift: i32) -> u8 {
    (shift + 4) as u8
}

/// Header: `engine` byte, rate 25/1, edit frames as u16, `max_shift` byte.
fn header(engine: u8, out_frame: u16, in_frame: u16, shift: u8) -> Vec<u8> {
    let mut p = vec![engine];
    p.extend(25u32.to_le_bytes());
    p.extend(1u32.to_le_bytes());
    p.push(0);
    p.extend(out_frame.to_le_bytes());
    p.extend(in_frame.to_le_bytes());
    p.push(shift);
    p
}

/// A `w`x`h` frame of `format`: layout byte, fill mode byte (gradient seed
/// `fill` below 64, or flat grey `fill - 64` * 4 from 64 on).
fn frame(format: u8, w: u8, h: u8, layout: u8, fill: u8) -> [u8; 5] {
    let mode = if fill < 64 {
        1 | (fill << 2)
    } else {
        (fill - 64) << 2
    };
    [format, w - 1, layout, h - 1, mode]
}

/// Operation 0: push one frame numbered by `number` mode.
fn push(side: u8, number: u8, f: [u8; 5]) -> Vec<u8> {
    let mut p = vec![0, side, number];
    p.extend(f);
    p
}

/// Operation 5: push `count` (1..=16) frames, each the next one not pushed.
fn run(side: u8, count: u8, f: [u8; 5]) -> Vec<u8> {
    let mut p = vec![5, side, count - 1];
    p.extend(f);
    p
}

/// Every wanted frame of a side of a `max_shift` 2 check (21 frames).
fn fill_side(side: u8, f: [u8; 5]) -> Vec<u8> {
    let mut p = run(side, 16, f);
    p.extend(run(side, 5, f));
    p
}

/// Finish (NULL out first, JSON buffer of 32 bytes: too small), accessors
/// with index 1 and buffers of 64 bytes and of 40000 (fit), `wanted` after
/// finish, `ct_last_error` into 5 bytes, a status text.
const TAIL: [u8; 21] = [
    2, 0x51, 3, 1, 0, 64, 0, 3, 0, 0, 0x40, 0x9c, 4, 0, 0, 6, 0, 5, 6, 2, 9,
];

/// The seeds, by name.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let a = frame(0, 32, 18, 0, 5);
    let b = frame(0, 32, 18, 0, 37);
    // Whole windows on both sides: a clean cut, a jump cut (the same picture).
    for (name, incoming) in [("clean-cut", b), ("jump-cut", a)] {
        let mut p = header(0, 100, 20, shift_byte(2));
        p.extend(fill_side(OUT, a));
        p.extend(fill_side(IN, incoming));
        p.extend(TAIL);
        out.push((name.into(), p));
    }
    // A cut in the outgoing source two frames after the edit (later rolls
    // blocked); one frame of the previous shot at the start of the incoming
    // clip (a source-cut issue a roll fixes).
    let c = frame(0, 32, 18, 0, 21);
    let mut p = header(0, 100, 20, shift_byte(2));
    p.extend(run(OUT, 12, c));
    p.extend(run(OUT, 9, b));
    p.extend(fill_side(IN, a));
    p.extend(TAIL);
    out.push(("source-cut-outgoing".into(), p));
    let mut p = header(0, 100, 20, shift_byte(2));
    p.extend(fill_side(OUT, a));
    p.extend(run(IN, 11, c));
    p.extend(run(IN, 10, b));
    p.extend(TAIL);
    out.push(("source-cut-incoming".into(), p));
    // A white frame as the last outgoing frame, a dark incoming clip.
    let mut p = header(0, 100, 20, shift_byte(2));
    p.extend(push(OUT, AT_EDIT, frame(3, 32, 18, 0, 64 + 63)));
    p.extend(fill_side(OUT, a));
    p.extend(fill_side(IN, frame(3, 32, 18, 0, 64 + 4)));
    p.extend(TAIL);
    out.push(("flash-at-edit".into(), p));
    // Every pixel format, a max_shift 0 window (17 frames), bottom-up and
    // padded rows for odd formats.
    for format in 0..12u8 {
        let layout = if format % 2 == 1 { 0x83 } else { 0x12 };
        let mut p = header(0, 300, 7, shift_byte(0));
        p.extend(run(OUT, 9, frame(format, 24, 12, layout, 2)));
        p.extend(run(IN, 9, frame(format, 20, 14, layout, 50)));
        p.extend(TAIL);
        out.push((format!("format-{format:02}"), p));
    }
    // Finish before the edit frames are there (refused), then retry; a push
    // and a finish after finish; wanted before finish on both sides.
    let mut p = header(0, 10, 10, shift_byte(-1));
    p.extend([4, OUT, 0, 4, IN, 0, 4, SIDE_NONE, 0, 4, OUT, 3]);
    p.extend(push(OUT, AT_EDIT, a));
    p.extend([2, 0]);
    p.extend(push(IN, AT_EDIT, b));
    p.extend([2, 0x31]);
    p.extend(push(IN, 1 | (33 << 2), b));
    p.extend([2, 0]);
    p.extend(TAIL);
    out.push(("finish-retry".into(), p));
    // Free without finish, then every call on the NULL check.
    let mut p = header(0, 10, 10, shift_byte(-1));
    p.extend(push(OUT, AT_EDIT, a));
    p.extend(push(IN, NEXT, b));
    p.extend([7]);
    p.extend(push(OUT, AT_EDIT, a));
    p.extend([2, 1, 4, OUT, 0, 1, OUT, 2, 1, 1, 1]);
    out.push(("free-unfinished".into(), p));
    // Frames outside the wanted range, CT_EDIT_SIDE_NONE, a side that is
    // none, and every kind of invalid push between valid ones.
    let mut p = header(0, 50, 60, shift_byte(1));
    p.extend(push(OUT, 1 | (22 << 2), a));
    p.extend(push(IN, 1 | (41 << 2), b));
    p.extend(push(SIDE_NONE, AT_EDIT, a));
    p.extend(push(SIDE_BAD, AT_EDIT, a));
    p.extend(push(OUT, AT_EDIT, a));
    for kind in 0..7u8 {
        p.extend([1, kind % 2, kind, 5, 7, 0x93]);
    }
    p.extend([1, SIDE_BAD, 0, 5, 7, 0x93, 1, SIDE_NONE, 4, 0, 0, 0]);
    p.extend(push(IN, AT_EDIT, b));
    p.extend(TAIL);
    out.push(("invalid-pushes".into(), p));
    // Refused by ct_edit_check_new: rate 0, max_shift 49, an i64 edit frame.
    let mut p = header(0, 10, 10, shift_byte(2));
    p[1..5].copy_from_slice(&0u32.to_le_bytes());
    out.push(("rate-zero".into(), p));
    out.push(("max-shift-49".into(), header(0, 10, 10, 0xf4)));
    let mut p = vec![0];
    p.extend(30000u32.to_le_bytes());
    p.extend(1001u32.to_le_bytes());
    p.push(0b1001);
    p.extend(1i32.to_le_bytes());
    p.extend((1i64 << 40).to_le_bytes());
    p.push(shift_byte(2));
    out.push(("i64-frame".into(), p));
    // Edit frames at the int32_t ends (frames past i32::MAX are wanted).
    let mut p = vec![0];
    p.extend(24u32.to_le_bytes());
    p.extend(1u32.to_le_bytes());
    // out_frame i32::MAX, in_frame i32::MIN + 3.
    p.push(0b0100_1111);
    p.push(0);
    p.push(3);
    p.push(shift_byte(0));
    p.extend(run(OUT, 16, a));
    p.extend(run(OUT, 1, a));
    p.extend(run(IN, 16, b));
    p.extend(run(IN, 1, b));
    p.extend(TAIL);
    out.push(("int32-ends".into(), p));
    // The maximum max_shift (window of 113 frames): the edit frames only.
    let mut p = header(0, 1000, 0, 0xf3);
    p.extend(push(OUT, AT_EDIT, a));
    p.extend(push(IN, AT_EDIT, b));
    p.extend(run(IN, 3, b));
    p.extend(TAIL);
    out.push(("max-shift-48".into(), p));
    // An engine of the program's own released after ct_edit_check_new; a
    // bad device value; the report released before the check.
    for (name, engine) in [
        ("own-engine", 0x12),
        ("bad-device", 0x23),
        ("report-first", 0x80),
    ] {
        let mut p = header(engine, 5, 5, shift_byte(0));
        p.extend(run(OUT, 16, a));
        p.extend(run(IN, 16, b));
        p.extend(TAIL);
        p.extend([6, 3, 3, 0, 0, 0, 0]);
        out.push((name.into(), p));
    }
    out
}
