//! `ofxMultiThread.h`: SMP threads and mutexes provided by the host.

use std::ffi::{c_int, c_uint, c_void, CStr};

use crate::status::OfxStatus;

/// `kOfxMultiThreadSuite`.
pub const K_OFX_MULTI_THREAD_SUITE: &CStr = c"OfxMultiThreadSuite";

/// Opaque target of [`OfxMutexHandle`] (`struct OfxMutex`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxMutex {
    _opaque: [u8; 0],
}

/// Blind mutex handle.
pub type OfxMutexHandle = *mut OfxMutex;

/// `OfxThreadFunctionV1`: run in each spawned thread.
pub type OfxThreadFunctionV1 =
    unsafe extern "C" fn(threadIndex: c_uint, threadMax: c_uint, customArg: *mut c_void);

/// `OfxMultiThreadSuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxMultiThreadSuiteV1 {
    /// Spawn `nThreads` threads running `func`; returns when all are done.
    pub multiThread: Option<
        unsafe extern "C" fn(
            func: Option<OfxThreadFunctionV1>,
            nThreads: c_uint,
            customArg: *mut c_void,
        ) -> OfxStatus,
    >,
    /// Number of CPUs available for SMP processing.
    pub multiThreadNumCPUs: Option<unsafe extern "C" fn(nCPUs: *mut c_uint) -> OfxStatus>,
    /// Index of the current thread.
    pub multiThreadIndex: Option<unsafe extern "C" fn(threadIndex: *mut c_uint) -> OfxStatus>,
    /// 1 if the calling thread was spawned by `multiThread`.
    pub multiThreadIsSpawnedThread: Option<unsafe extern "C" fn() -> c_int>,
    /// Create a mutex with an initial lock count.
    pub mutexCreate:
        Option<unsafe extern "C" fn(mutex: *mut OfxMutexHandle, lockCount: c_int) -> OfxStatus>,
    /// Destroy a mutex.
    pub mutexDestroy: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
    /// Blocking lock.
    pub mutexLock: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
    /// Unlock.
    pub mutexUnLock: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
    /// Non-blocking lock attempt (`kOfxStatFailed` if not acquired).
    pub mutexTryLock: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
}
