//! CircleTake's examples live beside this crate as source files, and its tests
//! build and run them against the library cargo built:
//!
//! * `c/analyze_raw.c` — scores a raw RGB24 file through the C ABI;
//! * `python/analyze_raw.py` — the same from Python with `ctypes`;
//! * `resolve/circletake_to_resolve.py` — puts a report's markers and the
//!   suggested trim on DaVinci Resolve timeline items (Resolve's scripting API;
//!   its planning part is tested here).
