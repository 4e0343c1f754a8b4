//! The text-buffer protocol shared by the C ABI's string accessors
//! (`ct_edit_report_json`, `_reason`, `_issue_message`): `needed` gets the
//! size with the NUL, a buffer too small (or NULL) gets nothing and
//! `CT_STATUS_BUFFER_TOO_SMALL`, a buffer that fits gets the text and a NUL.

use crate::abi::status;
use crate::check::expect;
use std::ffi::c_char;

/// Calls `call(buf, len, needed)` the ways a C caller would: a size query, a
/// buffer of `len` bytes (fuzzed), one that fits exactly with `needed` NULL,
/// and again (the same bytes). Returns the text.
pub fn read(
    name: &str,
    call: impl Fn(*mut c_char, usize, *mut usize) -> i32,
    len: usize,
) -> String {
    let mut needed = 0;
    let got = call(std::ptr::null_mut(), 0, &mut needed);
    expect(&format!("{name}(size)"), got, status::BUFFER_TOO_SMALL);
    assert!(
        needed >= 1,
        "{name}: needs {needed} bytes (no room for the NUL)"
    );

    const SENTINEL: c_char = 0x33;
    let mut buf = vec![SENTINEL; len];
    let mut again = 0;
    let got = call(buf.as_mut_ptr(), len, &mut again);
    assert_eq!(again, needed, "{name}: needed size changed");
    if len < needed {
        expect(&format!("{name}(short)"), got, status::BUFFER_TOO_SMALL);
        assert!(
            buf.iter().all(|&c| c == SENTINEL),
            "{name}: written though too small"
        );
        buf = vec![SENTINEL; needed];
    } else {
        expect(name, got, status::OK);
    }
    let got = call(buf.as_mut_ptr(), buf.len(), std::ptr::null_mut());
    expect(&format!("{name}(needed NULL)"), got, status::OK);
    let bytes: Vec<u8> = buf.iter().map(|&c| c as u8).collect();
    assert_eq!(bytes[needed - 1], 0, "{name}: no NUL at needed - 1");
    assert!(
        !bytes[..needed - 1].contains(&0),
        "{name}: NUL inside the text"
    );
    assert!(
        bytes[needed..].iter().all(|&b| b == SENTINEL as u8),
        "{name}: written past the NUL"
    );
    let mut exact = vec![0 as c_char; needed];
    let got = call(exact.as_mut_ptr(), needed, std::ptr::null_mut());
    expect(&format!("{name}(again)"), got, status::OK);
    assert!(exact == buf[..needed], "{name}: differs between two calls");
    std::str::from_utf8(&bytes[..needed - 1])
        .unwrap_or_else(|e| panic!("{name}: not UTF-8: {e}"))
        .to_owned()
}
