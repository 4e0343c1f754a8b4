//! The memory suite (`OfxMemorySuiteV1`).

use super::guard;
use crate::host::memory_blocks;
use crate::host::status::Status;
use ofx_sys::{OfxMemorySuiteV1, OfxStatus};
use std::ffi::c_void;

/// The suite handed to the plugin.
pub static SUITE: OfxMemorySuiteV1 = OfxMemorySuiteV1 {
    memoryAlloc: Some(alloc),
    memoryFree: Some(free),
};

unsafe extern "C" fn alloc(_handle: *mut c_void, n: usize, out: *mut *mut c_void) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if out.is_null() {
            super::bad_handle("memoryAlloc");
            return Status::ErrBadHandle.to_ofx();
        }
        match memory_blocks::alloc_block(n) {
            Some(p) => {
                // SAFETY: non-null out pointer from the plugin.
                unsafe { out.write(p as *mut c_void) };
                Status::Ok.to_ofx()
            }
            None => Status::ErrMemory.to_ofx(),
        }
    })
}

unsafe extern "C" fn free(data: *mut c_void) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        memory_blocks::free_block(data as usize).to_ofx()
    })
}
