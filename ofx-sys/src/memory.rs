//! `ofxMemory.h`: general purpose host memory.

use std::ffi::{c_void, CStr};

use crate::status::OfxStatus;

/// `kOfxMemorySuite`.
pub const K_OFX_MEMORY_SUITE: &CStr = c"OfxMemorySuite";

/// `OfxMemorySuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxMemorySuiteV1 {
    /// Allocate `nBytes` associated with `handle` (may be NULL).
    pub memoryAlloc: Option<
        unsafe extern "C" fn(
            handle: *mut c_void,
            nBytes: usize,
            allocatedData: *mut *mut c_void,
        ) -> OfxStatus,
    >,
    /// Free memory from `memoryAlloc`.
    pub memoryFree: Option<unsafe extern "C" fn(allocatedData: *mut c_void) -> OfxStatus>,
}
