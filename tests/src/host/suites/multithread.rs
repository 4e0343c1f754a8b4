//! The multithread suite (`OfxMultiThreadSuiteV1`): real threads and recursive
//! mutexes.

use super::guard;
use crate::host::context;
use crate::host::records::lock;
use crate::host::status::Status;
use ofx_sys::{OfxMultiThreadSuiteV1, OfxMutexHandle, OfxStatus, OfxThreadFunctionV1};
use std::cell::Cell;
use std::ffi::{c_int, c_uint, c_void};
use std::sync::{Condvar, Mutex};
use std::thread::ThreadId;

/// The suite handed to the plugin.
pub static SUITE: OfxMultiThreadSuiteV1 = OfxMultiThreadSuiteV1 {
    multiThread: Some(multi_thread),
    multiThreadNumCPUs: Some(num_cpus),
    multiThreadIndex: Some(thread_index),
    multiThreadIsSpawnedThread: Some(is_spawned),
    mutexCreate: Some(mutex_create),
    mutexDestroy: Some(mutex_destroy),
    mutexLock: Some(mutex_lock),
    mutexUnLock: Some(mutex_unlock),
    mutexTryLock: Some(mutex_try_lock),
};

thread_local! {
    static INDEX: Cell<Option<u32>> = const { Cell::new(None) };
}

/// CPUs the host reports (the machine's available parallelism).
pub fn cpus() -> u32 {
    std::thread::available_parallelism()
        .map(|n| n.get() as u32)
        .unwrap_or(1)
}

struct SendPtr(*mut c_void);
// SAFETY: the plugin's customArg is shared with its own threads by design of the API.
unsafe impl Send for SendPtr {}
// SAFETY: as above.
unsafe impl Sync for SendPtr {}

unsafe extern "C" fn multi_thread(
    func: Option<OfxThreadFunctionV1>,
    n: c_uint,
    arg: *mut c_void,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(func) = func else {
            return Status::ErrBadHandle.to_ofx();
        };
        let n = if n == 0 { cpus() } else { n };
        let arg = SendPtr(arg);
        let ctx = context::current();
        let ok = std::thread::scope(|s| {
            let handles: Vec<_> = (0..n)
                .map(|i| {
                    let arg = &arg;
                    let ctx = ctx.clone();
                    s.spawn(move || {
                        let _g = ctx.map(context::enter);
                        INDEX.with(|c| c.set(Some(i)));
                        // SAFETY: the plugin's thread function with its own argument.
                        unsafe { func(i, n, arg.0) };
                    })
                })
                .collect();
            handles.into_iter().all(|h| h.join().is_ok())
        });
        if ok { Status::Ok } else { Status::Failed }.to_ofx()
    })
}

unsafe extern "C" fn num_cpus(out: *mut c_uint) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if out.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: non-null out pointer.
        unsafe { out.write(cpus()) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn thread_index(out: *mut c_uint) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if out.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: non-null out pointer.
        unsafe { out.write(INDEX.with(Cell::get).unwrap_or(0)) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn is_spawned() -> c_int {
    guard!(0, { c_int::from(INDEX.with(Cell::get).is_some()) })
}

/// A recursive mutex with an initial lock count (owned by the creating thread).
#[derive(Debug)]
struct RecursiveMutex {
    state: Mutex<(Option<ThreadId>, i32)>,
    cv: Condvar,
}

impl RecursiveMutex {
    fn lock(&self, block: bool) -> bool {
        let me = std::thread::current().id();
        let mut st = lock(&self.state);
        loop {
            match st.0 {
                None => {
                    *st = (Some(me), 1);
                    return true;
                }
                Some(owner) if owner == me => {
                    st.1 += 1;
                    return true;
                }
                Some(_) if !block => return false,
                Some(_) => st = self.cv.wait(st).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    fn unlock(&self) -> bool {
        let me = std::thread::current().id();
        let mut st = lock(&self.state);
        if st.0 != Some(me) || st.1 <= 0 {
            return false;
        }
        st.1 -= 1;
        if st.1 == 0 {
            st.0 = None;
            self.cv.notify_one();
        }
        true
    }
}

/// Mutexes alive (address of the Box), process-wide.
static MUTEXES: Mutex<Vec<usize>> = Mutex::new(Vec::new());

fn with_mutex<T>(h: OfxMutexHandle, f: impl FnOnce(&RecursiveMutex) -> T) -> Option<T> {
    let addr = h as usize;
    if !lock(&MUTEXES).contains(&addr) {
        super::bad_handle("mutex");
        return None;
    }
    // SAFETY: registered addresses are live boxes (removed before being freed).
    Some(f(unsafe { &*(addr as *const RecursiveMutex) }))
}

unsafe extern "C" fn mutex_create(out: *mut OfxMutexHandle, lock_count: c_int) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if out.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        let owner = (lock_count > 0).then(|| std::thread::current().id());
        let m = Box::new(RecursiveMutex {
            state: Mutex::new((owner, lock_count.max(0))),
            cv: Condvar::new(),
        });
        let addr = Box::into_raw(m) as usize;
        lock(&MUTEXES).push(addr);
        // SAFETY: non-null out pointer.
        unsafe { out.write(addr as OfxMutexHandle) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn mutex_destroy(h: OfxMutexHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let addr = h as usize;
        let mut all = lock(&MUTEXES);
        let Some(i) = all.iter().position(|&a| a == addr) else {
            return Status::ErrBadHandle.to_ofx();
        };
        all.swap_remove(i);
        // SAFETY: the address came from Box::into_raw in mutex_create and was registered.
        drop(unsafe { Box::from_raw(addr as *mut RecursiveMutex) });
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn mutex_lock(h: OfxMutexHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        match with_mutex(h, |m| m.lock(true)) {
            Some(_) => Status::Ok.to_ofx(),
            None => Status::ErrBadHandle.to_ofx(),
        }
    })
}

unsafe extern "C" fn mutex_unlock(h: OfxMutexHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        match with_mutex(h, |m| m.unlock()) {
            Some(true) => Status::Ok.to_ofx(),
            Some(false) => Status::Failed.to_ofx(),
            None => Status::ErrBadHandle.to_ofx(),
        }
    })
}

unsafe extern "C" fn mutex_try_lock(h: OfxMutexHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        match with_mutex(h, |m| m.lock(false)) {
            Some(true) => Status::Ok.to_ofx(),
            Some(false) => Status::Failed.to_ofx(),
            None => Status::ErrBadHandle.to_ofx(),
        }
    })
}
