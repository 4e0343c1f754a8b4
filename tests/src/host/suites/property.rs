//! The property suite (`OfxPropertySuiteV1`) over [`PropertySet`].

use super::{bad_handle, cstr, guard};
use crate::host::properties::{Kind, PropertySet, Value};
use crate::host::status::Status;
use ofx_sys::{OfxPropertySetHandle, OfxPropertySuiteV1, OfxStatus};
use std::ffi::{c_char, c_double, c_int, c_void, CStr, CString};

/// The suite handed to the plugin.
pub static SUITE: OfxPropertySuiteV1 = OfxPropertySuiteV1 {
    propSetPointer: Some(set_pointer),
    propSetString: Some(set_string),
    propSetDouble: Some(set_double),
    propSetInt: Some(set_int),
    propSetPointerN: Some(set_pointer_n),
    propSetStringN: Some(set_string_n),
    propSetDoubleN: Some(set_double_n),
    propSetIntN: Some(set_int_n),
    propGetPointer: Some(get_pointer),
    propGetString: Some(get_string),
    propGetDouble: Some(get_double),
    propGetInt: Some(get_int),
    propGetPointerN: Some(get_pointer_n),
    propGetStringN: Some(get_string_n),
    propGetDoubleN: Some(get_double_n),
    propGetIntN: Some(get_int_n),
    propReset: Some(reset),
    propGetDimension: Some(get_dimension),
};

/// Resolves the set and the name, or the error status.
///
/// # Safety
/// `h` is a handle from the plugin, `name` NULL or a C string.
unsafe fn resolve<'a>(
    f: &str,
    h: OfxPropertySetHandle,
    name: *const c_char,
) -> Result<(&'a PropertySet, &'a CStr), Status> {
    // SAFETY: handles are checked by magic.
    let set = unsafe { PropertySet::from_handle(h as *const c_void) };
    // SAFETY: `name` per the caller's contract.
    let name = unsafe { cstr(name) };
    match (set, name) {
        (Some(set), Some(name)) => Ok((set, name)),
        _ => {
            bad_handle(f);
            Err(Status::ErrBadHandle)
        }
    }
}

fn out(r: Result<Status, Status>) -> OfxStatus {
    match r {
        Ok(s) | Err(s) => s.to_ofx(),
    }
}

unsafe fn set_one(
    f: &'static str,
    h: OfxPropertySetHandle,
    name: *const c_char,
    kind: Kind,
    index: c_int,
    value: Value,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        // SAFETY: plugin-supplied handle and name, checked in `resolve`.
        out(unsafe { resolve(f, h, name) }
            .map(|(set, name)| set.suite_set(name, kind, index, value)))
    })
}

unsafe extern "C" fn set_pointer(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: *mut c_void,
) -> OfxStatus {
    // SAFETY: forwarded plugin arguments.
    unsafe {
        set_one(
            "propSetPointer",
            h,
            name,
            Kind::Pointer,
            index,
            Value::Pointer(vec![v as usize]),
        )
    }
}

unsafe extern "C" fn set_string(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: *const c_char,
) -> OfxStatus {
    // SAFETY: the plugin passes a C string (NULL becomes "").
    let s = unsafe { cstr(v) }.map(CStr::to_owned).unwrap_or_default();
    // SAFETY: forwarded plugin arguments.
    unsafe {
        set_one(
            "propSetString",
            h,
            name,
            Kind::String,
            index,
            Value::String(vec![s]),
        )
    }
}

unsafe extern "C" fn set_double(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: c_double,
) -> OfxStatus {
    // SAFETY: forwarded plugin arguments.
    unsafe {
        set_one(
            "propSetDouble",
            h,
            name,
            Kind::Double,
            index,
            Value::Double(vec![v]),
        )
    }
}

unsafe extern "C" fn set_int(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: c_int,
) -> OfxStatus {
    // SAFETY: forwarded plugin arguments.
    unsafe { set_one("propSetInt", h, name, Kind::Int, index, Value::Int(vec![v])) }
}

/// Reads `count` items from a plugin array.
///
/// # Safety
/// `p` must point to `count` readable items when `count > 0`.
unsafe fn items<T: Copy>(p: *const T, count: c_int) -> Option<Vec<T>> {
    let n = usize::try_from(count).ok()?;
    if n == 0 {
        return Some(Vec::new());
    }
    if p.is_null() {
        return None;
    }
    // SAFETY: caller's contract.
    Some(unsafe { std::slice::from_raw_parts(p, n) }.to_vec())
}

unsafe extern "C" fn set_pointer_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *const *mut c_void,
) -> OfxStatus {
    // SAFETY: the plugin passes `count` values.
    let Some(v) = (unsafe { items(v, count) }) else {
        return Status::ErrBadIndex.to_ofx();
    };
    // SAFETY: forwarded plugin arguments.
    unsafe {
        set_one(
            "propSetPointerN",
            h,
            name,
            Kind::Pointer,
            0,
            Value::Pointer(v.into_iter().map(|p| p as usize).collect()),
        )
    }
}

unsafe extern "C" fn set_string_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *const *const c_char,
) -> OfxStatus {
    // SAFETY: the plugin passes `count` values.
    let Some(v) = (unsafe { items(v, count) }) else {
        return Status::ErrBadIndex.to_ofx();
    };
    // SAFETY: each is a C string or NULL.
    let v: Vec<CString> = v
        .into_iter()
        .map(|p| unsafe { cstr(p) }.map(CStr::to_owned).unwrap_or_default())
        .collect();
    // SAFETY: forwarded plugin arguments.
    unsafe { set_one("propSetStringN", h, name, Kind::String, 0, Value::String(v)) }
}

unsafe extern "C" fn set_double_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *const c_double,
) -> OfxStatus {
    // SAFETY: the plugin passes `count` values.
    let Some(v) = (unsafe { items(v, count) }) else {
        return Status::ErrBadIndex.to_ofx();
    };
    // SAFETY: forwarded plugin arguments.
    unsafe { set_one("propSetDoubleN", h, name, Kind::Double, 0, Value::Double(v)) }
}

unsafe extern "C" fn set_int_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *const c_int,
) -> OfxStatus {
    // SAFETY: the plugin passes `count` values.
    let Some(v) = (unsafe { items(v, count) }) else {
        return Status::ErrBadIndex.to_ofx();
    };
    // SAFETY: forwarded plugin arguments.
    unsafe { set_one("propSetIntN", h, name, Kind::Int, 0, Value::Int(v)) }
}

/// Which elements a `propGet*` call reads.
struct Get<T> {
    f: &'static str,
    kind: Kind,
    first: c_int,
    count: c_int,
    pick: fn(&Value, usize) -> T,
}

/// Gets `g.count` elements from `g.first` into `dst`.
///
/// # Safety
/// `dst` must be writable for `count` items.
unsafe fn get_n<T>(
    h: OfxPropertySetHandle,
    name: *const c_char,
    g: Get<T>,
    dst: *mut T,
) -> OfxStatus {
    let Get {
        f,
        kind,
        first,
        count,
        pick,
    } = g;
    guard!(Status::ErrFatal.to_ofx(), {
        if dst.is_null() {
            bad_handle(f);
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: plugin-supplied handle and name, checked in `resolve`.
        let (set, name) = match unsafe { resolve(f, h, name) } {
            Ok(x) => x,
            Err(s) => return s.to_ofx(),
        };
        if count < 0 {
            return Status::ErrBadIndex.to_ofx();
        }
        // Check the last index first so nothing is written on a bad index.
        if count > 1 {
            if let Err(s) = set.suite_get(name, kind, first + count - 1, |_, _| ()) {
                return s.to_ofx();
            }
        }
        for i in 0..count {
            match set.suite_get(name, kind, first + i, pick) {
                Ok(v) => {
                    // SAFETY: `dst` holds `count` items (caller's contract); i < count.
                    let slot = unsafe { dst.add(i as usize) };
                    // SAFETY: as above.
                    unsafe { slot.write(v) }
                }
                Err(s) => return s.to_ofx(),
            }
        }
        Status::Ok.to_ofx()
    })
}

fn pick_int(v: &Value, i: usize) -> c_int {
    if let Value::Int(x) = v {
        x[i]
    } else {
        0
    }
}
fn pick_double(v: &Value, i: usize) -> c_double {
    if let Value::Double(x) = v {
        x[i]
    } else {
        0.0
    }
}
fn pick_pointer(v: &Value, i: usize) -> *mut c_void {
    if let Value::Pointer(x) = v {
        x[i] as *mut c_void
    } else {
        std::ptr::null_mut()
    }
}
fn pick_string(v: &Value, i: usize) -> *mut c_char {
    if let Value::String(x) = v {
        x[i].as_ptr() as *mut c_char
    } else {
        std::ptr::null_mut()
    }
}

unsafe extern "C" fn get_pointer(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: *mut *mut c_void,
) -> OfxStatus {
    // SAFETY: `v` points to one writable value.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetPointer",
                kind: Kind::Pointer,
                first: index,
                count: 1,
                pick: pick_pointer,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_string(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: *mut *mut c_char,
) -> OfxStatus {
    // SAFETY: `v` points to one writable value.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetString",
                kind: Kind::String,
                first: index,
                count: 1,
                pick: pick_string,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_double(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: *mut c_double,
) -> OfxStatus {
    // SAFETY: `v` points to one writable value.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetDouble",
                kind: Kind::Double,
                first: index,
                count: 1,
                pick: pick_double,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_int(
    h: OfxPropertySetHandle,
    name: *const c_char,
    index: c_int,
    v: *mut c_int,
) -> OfxStatus {
    // SAFETY: `v` points to one writable value.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetInt",
                kind: Kind::Int,
                first: index,
                count: 1,
                pick: pick_int,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_pointer_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *mut *mut c_void,
) -> OfxStatus {
    // SAFETY: `v` points to `count` writable values.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetPointerN",
                kind: Kind::Pointer,
                first: 0,
                count,
                pick: pick_pointer,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_string_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *mut *mut c_char,
) -> OfxStatus {
    // SAFETY: `v` points to `count` writable values.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetStringN",
                kind: Kind::String,
                first: 0,
                count,
                pick: pick_string,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_double_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *mut c_double,
) -> OfxStatus {
    // SAFETY: `v` points to `count` writable values.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetDoubleN",
                kind: Kind::Double,
                first: 0,
                count,
                pick: pick_double,
            },
            v,
        )
    }
}
unsafe extern "C" fn get_int_n(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: c_int,
    v: *mut c_int,
) -> OfxStatus {
    // SAFETY: `v` points to `count` writable values.
    unsafe {
        get_n(
            h,
            name,
            Get {
                f: "propGetIntN",
                kind: Kind::Int,
                first: 0,
                count,
                pick: pick_int,
            },
            v,
        )
    }
}

unsafe extern "C" fn reset(h: OfxPropertySetHandle, name: *const c_char) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        // SAFETY: plugin-supplied handle and name, checked in `resolve`.
        out(unsafe { resolve("propReset", h, name) }.map(|(set, name)| set.suite_reset(name)))
    })
}

unsafe extern "C" fn get_dimension(
    h: OfxPropertySetHandle,
    name: *const c_char,
    count: *mut c_int,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if count.is_null() {
            bad_handle("propGetDimension");
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: plugin-supplied handle and name, checked in `resolve`.
        let (set, name) = match unsafe { resolve("propGetDimension", h, name) } {
            Ok(x) => x,
            Err(s) => return s.to_ofx(),
        };
        match set.suite_dimension(name) {
            Ok(n) => {
                // SAFETY: non-null out pointer from the plugin.
                unsafe { count.write(n) };
                Status::Ok.to_ofx()
            }
            Err(s) => s.to_ofx(),
        }
    })
}
