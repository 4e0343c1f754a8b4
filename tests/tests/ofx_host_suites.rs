//! The test host's own suites, called through their C function pointers as a
//! plugin calls them: typed properties (unknown name -> kOfxStatErrUnknown),
//! the parameter suite's C-variadic getters/setters with real keyframes,
//! printf-style messages, real threads and recursive mutexes, memory, and the
//! progress cancel switch. Later tests (analysis, keyframes read back) rely on
//! these being right.

// Each block below is a run of calls through suite function pointers, all under
// the one contract its SAFETY comment states.
#![allow(clippy::multiple_unsafe_ops_per_block)]

use circletake_tests::host::params::{ParamNode, ParamSetNode};
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::properties::{PropertySet, Value};
use circletake_tests::host::shared::HostShared;
use circletake_tests::host::status::Status;
use circletake_tests::host::suites::{memory, multithread, param, property};
use ofx_sys::{self as ofx, OfxParamHandle, OfxPropertySetHandle};
use std::ffi::{c_char, c_double, c_int, c_uint, c_void};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

fn st(s: ofx::OfxStatus) -> Status {
    Status::from_ofx(s)
}

#[test]
fn property_suite_types_dimensions_and_unknown_names() {
    let set = PropertySet::new("test", false);
    set.define(c"ints", Value::Int(vec![1, 2, 3]));
    set.define(c"name", Value::strings(&["abc"]));
    let h = set.handle() as OfxPropertySetHandle;
    let s = &property::SUITE;
    let mut v: c_int = 0;
    // SAFETY: a live property set handle, NUL-terminated names, valid out pointers.
    unsafe {
        assert_eq!(
            st(s.propGetInt.unwrap()(h, c"ints".as_ptr(), 2, &mut v)),
            Status::Ok
        );
        assert_eq!(v, 3);
        assert_eq!(
            st(s.propGetInt.unwrap()(h, c"ints".as_ptr(), 3, &mut v)),
            Status::ErrBadIndex
        );
        assert_eq!(
            st(s.propGetInt.unwrap()(h, c"nope".as_ptr(), 0, &mut v)),
            Status::ErrUnknown
        );
        let mut d: c_double = 0.0;
        assert_eq!(
            st(s.propGetDouble.unwrap()(h, c"ints".as_ptr(), 0, &mut d)),
            Status::ErrValue
        );
        let mut n: c_int = 0;
        assert_eq!(
            st(s.propGetDimension.unwrap()(h, c"ints".as_ptr(), &mut n)),
            Status::Ok
        );
        assert_eq!(n, 3);
        let mut p: *mut c_char = std::ptr::null_mut();
        assert_eq!(
            st(s.propGetString.unwrap()(h, c"name".as_ptr(), 0, &mut p)),
            Status::Ok
        );
        assert_eq!(std::ffi::CStr::from_ptr(p).to_str().unwrap(), "abc");
        assert_eq!(
            st(s.propSetInt.unwrap()(h, c"new".as_ptr(), 0, 1)),
            Status::ErrUnknown,
            "closed sets take no new names"
        );
        let garbage = [0u64; 4];
        assert_eq!(
            st(s.propGetInt.unwrap()(
                garbage.as_ptr() as OfxPropertySetHandle,
                c"ints".as_ptr(),
                0,
                &mut v
            )),
            Status::ErrBadHandle
        );
    }
}

fn instance_param(host: &Arc<HostShared>, ptype: &std::ffi::CStr) -> Arc<ParamNode> {
    let set = ParamSetNode::new(host, false);
    let _ = set;
    let d = ParamNode::describe(host, c"p", ptype).unwrap();
    Arc::new(d.instantiate())
}

#[test]
fn param_suite_varargs_and_keyframes() {
    let host = Arc::new(HostShared::new(HostProfile::nuke_like()));
    let s = &param::SUITE;
    let dbl = instance_param(&host, ofx::K_OFX_PARAM_TYPE_DOUBLE_2D);
    let h = dbl.handle() as OfxParamHandle;
    let (mut x, mut y): (c_double, c_double) = (0.0, 0.0);
    let mut n: c_uint = 0;
    let mut t: c_double = 0.0;
    let mut idx: c_int = 0;
    // SAFETY: a live param handle; varargs of the param's C type (double, 2 values).
    unsafe {
        assert_eq!(
            st(s.paramSetValueAtTime.unwrap()(h, 10.0, 1.0f64, 2.0f64)),
            Status::Ok
        );
        assert_eq!(
            st(s.paramSetValueAtTime.unwrap()(h, 20.0, 3.0f64, 6.0f64)),
            Status::Ok
        );
        assert_eq!(
            st(s.paramGetValueAtTime.unwrap()(
                h,
                15.0,
                &mut x as *mut c_double,
                &mut y as *mut c_double
            )),
            Status::Ok
        );
        assert_eq!((x, y), (2.0, 4.0), "linear between keys");
        assert_eq!(
            st(s.paramGetValueAtTime.unwrap()(
                h,
                0.0,
                &mut x as *mut c_double,
                &mut y as *mut c_double
            )),
            Status::Ok
        );
        assert_eq!((x, y), (1.0, 2.0), "constant before the first key");
        assert_eq!(
            st(s.paramGetDerivative.unwrap()(
                h,
                12.0,
                &mut x as *mut c_double,
                &mut y as *mut c_double
            )),
            Status::Ok
        );
        assert_eq!((x, y), (0.2, 0.4));
        assert_eq!(
            st(s.paramGetIntegral.unwrap()(
                h,
                10.0,
                20.0,
                &mut x as *mut c_double,
                &mut y as *mut c_double
            )),
            Status::Ok
        );
        assert!(
            (x - 20.0).abs() < 1e-9 && (y - 40.0).abs() < 1e-9,
            "{x} {y}"
        );
        assert_eq!(st(s.paramGetNumKeys.unwrap()(h, &mut n)), Status::Ok);
        assert_eq!(n, 2);
        assert_eq!(st(s.paramGetKeyTime.unwrap()(h, 1, &mut t)), Status::Ok);
        assert_eq!(t, 20.0);
        assert_eq!(
            st(s.paramGetKeyTime.unwrap()(h, 2, &mut t)),
            Status::ErrBadIndex
        );
        assert_eq!(
            st(s.paramGetKeyIndex.unwrap()(h, 15.0, -1, &mut idx)),
            Status::Ok
        );
        assert_eq!(idx, 0);
        assert_eq!(
            st(s.paramGetKeyIndex.unwrap()(h, 25.0, 1, &mut idx)),
            Status::Failed
        );
        assert_eq!(st(s.paramDeleteKey.unwrap()(h, 10.0)), Status::Ok);
        assert_eq!(st(s.paramDeleteKey.unwrap()(h, 10.0)), Status::ErrBadIndex);
        assert_eq!(st(s.paramDeleteAllKeys.unwrap()(h)), Status::Ok);
        assert_eq!(st(s.paramGetNumKeys.unwrap()(h, &mut n)), Status::Ok);
        assert_eq!(n, 0);
    }

    let int = instance_param(&host, ofx::K_OFX_PARAM_TYPE_INTEGER);
    let b = instance_param(&host, ofx::K_OFX_PARAM_TYPE_BOOLEAN);
    let text = instance_param(&host, ofx::K_OFX_PARAM_TYPE_STRING);
    let (hi, hb, hs) = (
        int.handle() as OfxParamHandle,
        b.handle() as OfxParamHandle,
        text.handle() as OfxParamHandle,
    );
    let mut iv: c_int = 0;
    let mut sv: *const c_char = std::ptr::null();
    // SAFETY: live handles; ints as `int`, strings as `const char *`.
    unsafe {
        assert_eq!(
            st(s.paramSetValueAtTime.unwrap()(hi, 0.0, 0 as c_int)),
            Status::Ok
        );
        assert_eq!(
            st(s.paramSetValueAtTime.unwrap()(hi, 4.0, 3 as c_int)),
            Status::Ok
        );
        assert_eq!(
            st(s.paramGetValueAtTime.unwrap()(
                hi,
                1.0,
                &mut iv as *mut c_int
            )),
            Status::Ok
        );
        assert_eq!(iv, 1, "ints interpolate linearly, rounded");
        assert_eq!(
            st(s.paramSetValueAtTime.unwrap()(hb, 0.0, 0 as c_int)),
            Status::Ok
        );
        assert_eq!(
            st(s.paramSetValueAtTime.unwrap()(hb, 10.0, 1 as c_int)),
            Status::Ok
        );
        assert_eq!(
            st(s.paramGetValueAtTime.unwrap()(
                hb,
                9.0,
                &mut iv as *mut c_int
            )),
            Status::Ok
        );
        assert_eq!(iv, 0, "booleans step");
        assert_eq!(
            st(s.paramSetValue.unwrap()(hs, c"{\"shots\":[]}".as_ptr())),
            Status::Ok
        );
        assert_eq!(
            st(s.paramGetValue.unwrap()(hs, &mut sv as *mut *const c_char)),
            Status::Ok
        );
        assert_eq!(
            std::ffi::CStr::from_ptr(sv).to_str().unwrap(),
            "{\"shots\":[]}"
        );
        assert_eq!(
            st(s.paramGetDerivative.unwrap()(
                hs,
                0.0,
                &mut x as *mut c_double
            )),
            Status::ErrUnsupported
        );
        // paramCopy with an offset.
        let other = instance_param(&host, ofx::K_OFX_PARAM_TYPE_INTEGER);
        let ho = other.handle() as OfxParamHandle;
        assert_eq!(
            st(s.paramCopy.unwrap()(ho, hi, 100.0, std::ptr::null())),
            Status::Ok
        );
        assert_eq!(st(s.paramGetKeyTime.unwrap()(ho, 1, &mut t)), Status::Ok);
        assert_eq!(t, 104.0);
        assert_eq!(
            st(s.paramCopy.unwrap()(ho, hs, 0.0, std::ptr::null())),
            Status::ErrValue,
            "different types"
        );
    }
    assert!(host.records.violations.lock().unwrap().is_empty());
}

#[test]
fn multithread_suite_runs_real_threads_and_recursive_mutexes() {
    static SEEN: AtomicU32 = AtomicU32::new(0);
    unsafe extern "C" fn work(i: c_uint, n: c_uint, arg: *mut c_void) {
        assert_eq!(n, 4);
        let mut idx: c_uint = 99;
        // SAFETY: suite function with a valid out pointer.
        let r = unsafe { multithread::SUITE.multiThreadIndex.unwrap()(&mut idx) };
        assert_eq!(st(r), Status::Ok);
        assert_eq!(idx, i);
        // SAFETY: suite function without arguments.
        // SAFETY: a suite function without arguments.
        let spawned = unsafe { multithread::SUITE.multiThreadIsSpawnedThread.unwrap()() };
        assert_eq!(spawned, 1);
        SEEN.fetch_or(1 << i, Ordering::SeqCst);
        // SAFETY: `arg` is the thread-id list below, written under no lock but to distinct slots.
        let ids = unsafe { &*(arg as *const std::sync::Mutex<Vec<std::thread::ThreadId>>) };
        ids.lock().unwrap().push(std::thread::current().id());
    }
    let ids: std::sync::Mutex<Vec<std::thread::ThreadId>> = std::sync::Mutex::new(Vec::new());
    let s = &multithread::SUITE;
    // SAFETY: a valid thread function and argument that outlives the call.
    let r = unsafe { s.multiThread.unwrap()(Some(work), 4, &ids as *const _ as *mut c_void) };
    assert_eq!(st(r), Status::Ok);
    assert_eq!(SEEN.load(Ordering::SeqCst), 0b1111);
    let mut ids = ids.into_inner().unwrap();
    ids.sort_by_key(|t| format!("{t:?}"));
    ids.dedup();
    assert_eq!(ids.len(), 4, "four distinct OS threads");
    let mut m: ofx::OfxMutexHandle = std::ptr::null_mut();
    // SAFETY: valid out pointer, then the handle it returned.
    unsafe {
        assert_eq!(st(s.mutexCreate.unwrap()(&mut m, 0)), Status::Ok);
        assert_eq!(st(s.mutexLock.unwrap()(m)), Status::Ok);
        assert_eq!(st(s.mutexTryLock.unwrap()(m)), Status::Ok, "recursive");
    }
    let addr = m as usize;
    let try_lock = s.mutexTryLock.unwrap();
    // SAFETY: the mutex stays alive until destroyed below, after the join.
    let other = std::thread::scope(|sc| {
        sc.spawn(move || {
            // SAFETY: the mutex stays alive until destroyed below, after the join.
            st(unsafe { try_lock(addr as ofx::OfxMutexHandle) })
        })
        .join()
        .unwrap()
    });
    assert_eq!(other, Status::Failed, "held by another thread");
    // SAFETY: the handle from mutexCreate, destroyed last.
    unsafe {
        assert_eq!(st(s.mutexUnLock.unwrap()(m)), Status::Ok);
        assert_eq!(st(s.mutexUnLock.unwrap()(m)), Status::Ok);
        assert_eq!(st(s.mutexUnLock.unwrap()(m)), Status::Failed, "not locked");
        assert_eq!(st(s.mutexDestroy.unwrap()(m)), Status::Ok);
        assert_eq!(
            st(s.mutexLock.unwrap()(m)),
            Status::ErrBadHandle,
            "destroyed"
        );
    }
}

#[test]
fn memory_suite_tracks_blocks() {
    let s = &memory::SUITE;
    let mut p: *mut c_void = std::ptr::null_mut();
    // SAFETY: valid out pointer; the block is 64 writable bytes until freed.
    unsafe {
        assert_eq!(
            st(s.memoryAlloc.unwrap()(std::ptr::null_mut(), 64, &mut p)),
            Status::Ok
        );
        std::ptr::write_bytes(p.cast::<u8>(), 7, 64);
        assert_eq!(st(s.memoryFree.unwrap()(p)), Status::Ok);
        assert_eq!(
            st(s.memoryFree.unwrap()(p)),
            Status::ErrBadHandle,
            "double free is caught"
        );
    }
}

fn effect(host: &Arc<HostShared>) -> circletake_tests::host::effect::EffectNode {
    circletake_tests::host::effect::EffectNode::new(host, host.serial(), "test instance")
}

#[test]
fn progress_suite_records_and_cancels_on_request() {
    use circletake_tests::host::records::ProgressEvent;
    use circletake_tests::host::suites::progress;
    let host = Arc::new(HostShared::new(HostProfile::resolve_like()));
    let e = effect(&host);
    let h = e.handle();
    *host.cancel_after.lock().unwrap() = Some(3);
    let s = &progress::SUITE_V2;
    // SAFETY: a live effect handle and C strings.
    let replies: Vec<Status> = unsafe {
        assert_eq!(
            st(s.progressStart.unwrap()(
                h,
                c"Analysing".as_ptr(),
                c"ct.analyse".as_ptr()
            )),
            Status::Ok
        );
        let r = (1..=4)
            .map(|i| st(s.progressUpdate.unwrap()(h, f64::from(i) / 4.0)))
            .collect();
        assert_eq!(st(s.progressEnd.unwrap()(h)), Status::Ok);
        r
    };
    assert_eq!(
        replies,
        [Status::Ok, Status::Ok, Status::ReplyNo, Status::ReplyNo],
        "cancelled from the 3rd update on"
    );
    let log = host.records.progress.lock().unwrap().clone();
    assert_eq!(log.len(), 6);
    assert!(
        matches!(&log[0], ProgressEvent::Start { label, id, .. } if label == "Analysing" && id == "ct.analyse")
    );
    assert!(matches!(log[5], ProgressEvent::End { .. }));
    // MLT-like stubs: always OK, nothing recorded, never cancelled.
    let stub = &progress::STUB_V1;
    // SAFETY: as above.
    unsafe {
        assert_eq!(
            st(stub.progressStart.unwrap()(h, c"x".as_ptr())),
            Status::Ok
        );
        assert_eq!(st(stub.progressUpdate.unwrap()(h, 0.5)), Status::Ok);
    }
    assert_eq!(host.records.progress.lock().unwrap().len(), 6);
}

#[test]
fn message_suite_formats_printf_arguments_and_keeps_persistent_messages() {
    use circletake_tests::host::suites::message;
    let host = Arc::new(HostShared::new(HostProfile::resolve_like()));
    let e = effect(&host);
    let h = e.handle();
    let v2 = &message::SUITE_V2;
    // SAFETY: a live effect handle, C strings and printf arguments matching the format.
    unsafe {
        let r = v2.setPersistentMessage.unwrap()(
            h,
            c"OfxMessageError".as_ptr(),
            c"id1".as_ptr(),
            c"frame %d of %s: %.1f".as_ptr(),
            7 as c_int,
            c"clip".as_ptr(),
            0.25f64,
        );
        assert_eq!(st(r), Status::Ok);
    }
    let m = e
        .persistent
        .lock()
        .unwrap()
        .clone()
        .expect("persistent message");
    assert_eq!(
        (
            m.kind.as_str(),
            m.id.as_str(),
            m.text.as_str(),
            m.persistent
        ),
        ("OfxMessageError", "id1", "frame 7 of clip: 0.2", true)
    );
    // SAFETY: as above.
    unsafe {
        assert_eq!(st(v2.clearPersistentMessage.unwrap()(h)), Status::Ok);
        let q = v2.message.unwrap()(
            h,
            c"OfxMessageQuestion".as_ptr(),
            std::ptr::null(),
            c"sure?".as_ptr(),
        );
        assert_eq!(st(q), Status::ReplyYes);
    }
    assert!(e.persistent.lock().unwrap().is_none());
    assert!(
        message::SUITE_V2_NULL_PERSISTENT
            .setPersistentMessage
            .is_none(),
        "Resolve 14's suite"
    );
    assert_eq!(host.records.messages.lock().unwrap().len(), 2);
}

#[test]
fn timeline_suite_and_mlt_stub() {
    use circletake_tests::host::suites::timeline;
    let host = Arc::new(HostShared::new(HostProfile::resolve_like()));
    let e = effect(&host);
    let h = e.handle();
    *host.timeline_bounds.lock().unwrap() = (0.0, 249.0);
    let (mut t, mut a, mut b) = (0.0, 0.0, 0.0);
    // SAFETY: a live effect handle and valid out pointers.
    unsafe {
        assert_eq!(st(timeline::SUITE.gotoTime.unwrap()(h, 42.0)), Status::Ok);
        assert_eq!(st(timeline::SUITE.getTime.unwrap()(h, &mut t)), Status::Ok);
        assert_eq!(
            st(timeline::SUITE.getTimeBounds.unwrap()(h, &mut a, &mut b)),
            Status::Ok
        );
        assert_eq!((t, a, b), (42.0, 0.0, 249.0));
        assert_eq!(
            st(timeline::STUB.getTimeBounds.unwrap()(h, &mut a, &mut b)),
            Status::Ok
        );
        assert_eq!((a, b), (0.0, 0.0), "MLT's stub knows nothing");
    }
}
