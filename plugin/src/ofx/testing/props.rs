//! An in-memory property set behind a fake `OfxPropertySuiteV1`.

use std::collections::HashMap;
use std::ffi::{c_char, c_double, c_int, c_void, CStr, CString};
use std::sync::Mutex;

use ofx_sys::*;

use crate::ofx::property::PropertySet;

/// One stored property value.
#[derive(Debug, Clone)]
pub enum FakeValue {
    /// Int.
    Int(i32),
    /// Double.
    Double(f64),
    /// String (kept as a CString so returned pointers stay valid).
    Str(CString),
    /// Pointer (as an address).
    Ptr(usize),
}

/// An in-memory property set behind a fake `OfxPropertySuiteV1`.
#[derive(Debug, Default)]
pub struct FakeProps {
    values: Mutex<HashMap<String, Vec<FakeValue>>>,
    fail_next: Mutex<Option<OfxStatus>>,
}

impl FakeProps {
    /// An empty, boxed set (stable address: the handle points at it).
    pub fn new() -> Box<Self> {
        Box::default()
    }

    /// The fake suite.
    pub fn suite(&self) -> &'static OfxPropertySuiteV1 {
        &SUITE
    }

    /// A `PropertySet` over this store.
    pub fn set(&self) -> PropertySet {
        PropertySet::new(self.handle(), &SUITE).expect("non-null")
    }

    /// A `PropertySet` over this store whose suite lacks `propGetInt`.
    pub fn set_with_null_get_int(&self) -> PropertySet {
        PropertySet::new(self.handle(), &SUITE_NULL_GET_INT).expect("non-null")
    }

    /// The raw handle of this store.
    pub fn handle(&self) -> OfxPropertySetHandle {
        self as *const Self as OfxPropertySetHandle
    }

    /// The next suite call returns `status` instead of working.
    pub fn fail_next(&self, status: OfxStatus) {
        *self.fail_next.lock().unwrap() = Some(status);
    }

    /// A copy of the values of `name`.
    pub fn values(&self, name: &str) -> Option<Vec<FakeValue>> {
        self.values.lock().unwrap().get(name).cloned()
    }

    /// The string values of `name`.
    pub fn strings(&self, name: &str) -> Vec<String> {
        self.values(name)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| match v {
                FakeValue::Str(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    }
}

/// Recovers the store behind a handle and the property name.
///
/// # Safety
/// `handle` must come from [`FakeProps::handle`] of a live store and `name`
/// must be NUL-terminated.
unsafe fn store<'a>(handle: OfxPropertySetHandle, name: *const c_char) -> (&'a FakeProps, String) {
    // SAFETY: per this function's contract.
    let props = unsafe { &*(handle as *const FakeProps) };
    // SAFETY: per this function's contract.
    let name = unsafe { CStr::from_ptr(name) }
        .to_string_lossy()
        .into_owned();
    (props, name)
}

fn take_failure(props: &FakeProps) -> Option<OfxStatus> {
    props.fail_next.lock().unwrap().take()
}

fn set_value(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: FakeValue,
) -> OfxStatus {
    // SAFETY: only called by the fake suite with handles from FakeProps.
    let (props, name) = unsafe { store(h, name) };
    if let Some(status) = take_failure(props) {
        return status;
    }
    let mut values = props.values.lock().unwrap();
    let entry = values.entry(name).or_default();
    let index = index.max(0) as usize;
    if entry.len() <= index {
        entry.resize(index + 1, v.clone());
    }
    entry[index] = v;
    OfxStatus::OK
}

fn get_value(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
) -> Result<FakeValue, OfxStatus> {
    // SAFETY: only called by the fake suite with handles from FakeProps.
    let (props, name) = unsafe { store(h, name) };
    if let Some(status) = take_failure(props) {
        return Err(status);
    }
    let values = props.values.lock().unwrap();
    let entry = values.get(&name).ok_or(OfxStatus::ERR_UNKNOWN)?;
    entry
        .get(index.max(0) as usize)
        .cloned()
        .ok_or(OfxStatus::ERR_BAD_INDEX)
}

unsafe extern "C" fn set_pointer(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    v: *mut c_void,
) -> OfxStatus {
    set_value(h, n, i, FakeValue::Ptr(v as usize))
}
unsafe extern "C" fn set_string(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    v: *const c_char,
) -> OfxStatus {
    // SAFETY: callers pass NUL-terminated strings.
    let s = unsafe { CStr::from_ptr(v) }.to_owned();
    set_value(h, n, i, FakeValue::Str(s))
}
unsafe extern "C" fn set_double(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    v: c_double,
) -> OfxStatus {
    set_value(h, n, i, FakeValue::Double(v))
}
unsafe extern "C" fn set_int(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    v: c_int,
) -> OfxStatus {
    set_value(h, n, i, FakeValue::Int(v))
}
unsafe extern "C" fn get_pointer(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    out: *mut *mut c_void,
) -> OfxStatus {
    match get_value(h, n, i) {
        Ok(FakeValue::Ptr(p)) => {
            // SAFETY: callers pass a valid out pointer.
            unsafe { *out = p as *mut c_void };
            OfxStatus::OK
        }
        Ok(_) => OfxStatus::ERR_VALUE,
        Err(s) => s,
    }
}
unsafe extern "C" fn get_string(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    out: *mut *mut c_char,
) -> OfxStatus {
    // SAFETY: only called with handles from FakeProps.
    let (props, name) = unsafe { store(h, n) };
    if let Some(status) = take_failure(props) {
        return status;
    }
    let values = props.values.lock().unwrap();
    match values.get(&name).map(|e| e.get(i.max(0) as usize)) {
        // SAFETY: callers pass a valid out pointer; the CString lives in the
        // store (never removed), so the pointer stays valid.
        Some(Some(FakeValue::Str(s))) => unsafe { *out = s.as_ptr() as *mut c_char },
        Some(Some(_)) => return OfxStatus::ERR_VALUE,
        Some(None) => return OfxStatus::ERR_BAD_INDEX,
        None => return OfxStatus::ERR_UNKNOWN,
    }
    OfxStatus::OK
}
unsafe extern "C" fn get_double(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    out: *mut c_double,
) -> OfxStatus {
    match get_value(h, n, i) {
        Ok(FakeValue::Double(v)) => {
            // SAFETY: callers pass a valid out pointer.
            unsafe { *out = v };
            OfxStatus::OK
        }
        Ok(_) => OfxStatus::ERR_VALUE,
        Err(s) => s,
    }
}
unsafe extern "C" fn get_int(
    h: OfxPropertySetHandle,
    n: *const c_char,
    i: c_int,
    out: *mut c_int,
) -> OfxStatus {
    match get_value(h, n, i) {
        Ok(FakeValue::Int(v)) => {
            // SAFETY: callers pass a valid out pointer.
            unsafe { *out = v };
            OfxStatus::OK
        }
        Ok(_) => OfxStatus::ERR_VALUE,
        Err(s) => s,
    }
}
unsafe extern "C" fn get_dimension(
    h: OfxPropertySetHandle,
    n: *const c_char,
    out: *mut c_int,
) -> OfxStatus {
    // SAFETY: only called with handles from FakeProps.
    let (props, name) = unsafe { store(h, n) };
    if let Some(status) = take_failure(props) {
        return status;
    }
    match props.values.lock().unwrap().get(&name) {
        Some(v) => {
            // SAFETY: callers pass a valid out pointer.
            unsafe { *out = v.len() as c_int };
            OfxStatus::OK
        }
        None => OfxStatus::ERR_UNKNOWN,
    }
}
unsafe extern "C" fn reset(_h: OfxPropertySetHandle, _n: *const c_char) -> OfxStatus {
    OfxStatus::ERR_UNSUPPORTED
}

pub(crate) static SUITE: OfxPropertySuiteV1 = OfxPropertySuiteV1 {
    propSetPointer: Some(set_pointer),
    propSetString: Some(set_string),
    propSetDouble: Some(set_double),
    propSetInt: Some(set_int),
    propSetPointerN: None,
    propSetStringN: None,
    propSetDoubleN: None,
    propSetIntN: None,
    propGetPointer: Some(get_pointer),
    propGetString: Some(get_string),
    propGetDouble: Some(get_double),
    propGetInt: Some(get_int),
    propGetPointerN: None,
    propGetStringN: None,
    propGetDoubleN: None,
    propGetIntN: None,
    propReset: Some(reset),
    propGetDimension: Some(get_dimension),
};

static SUITE_NULL_GET_INT: OfxPropertySuiteV1 = OfxPropertySuiteV1 {
    propGetInt: None,
    ..SUITE
};
