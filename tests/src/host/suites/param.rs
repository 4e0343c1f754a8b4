//! The parameter suite (`OfxParameterSuiteV1`): definition, handles, keys,
//! copy and edit blocks. The C-variadic value functions live in `varargs.c`
//! and call back into `param_values.rs`.

use super::param_values::{effective_time, may_write};
use super::{bad_handle, cstr, guard};
use crate::host::params::{ParamNode, ParamSetNode};
use crate::host::properties::Value;
use crate::host::records::lock;
use crate::host::status::Status;
use ofx_sys::{
    self as ofx, OfxParamHandle, OfxParamSetHandle, OfxParameterSuiteV1, OfxPropertySetHandle,
    OfxRangeD, OfxStatus, OfxTime,
};
use std::ffi::{c_char, c_int, c_uint, c_void};
use std::sync::atomic::Ordering;
use std::sync::Arc;

extern "C" {
    fn ct_host_param_get_value(param: OfxParamHandle, ...) -> OfxStatus;
    fn ct_host_param_get_value_at_time(param: OfxParamHandle, time: OfxTime, ...) -> OfxStatus;
    fn ct_host_param_get_derivative(param: OfxParamHandle, time: OfxTime, ...) -> OfxStatus;
    fn ct_host_param_get_integral(
        param: OfxParamHandle,
        time1: OfxTime,
        time2: OfxTime,
        ...
    ) -> OfxStatus;
    fn ct_host_param_set_value(param: OfxParamHandle, ...) -> OfxStatus;
    fn ct_host_param_set_value_at_time(param: OfxParamHandle, time: OfxTime, ...) -> OfxStatus;
}

/// The suite handed to the plugin.
pub static SUITE: OfxParameterSuiteV1 = OfxParameterSuiteV1 {
    paramDefine: Some(param_define),
    paramGetHandle: Some(param_get_handle),
    paramSetGetPropertySet: Some(param_set_get_property_set),
    paramGetPropertySet: Some(param_get_property_set),
    paramGetValue: Some(ct_host_param_get_value),
    paramGetValueAtTime: Some(ct_host_param_get_value_at_time),
    paramGetDerivative: Some(ct_host_param_get_derivative),
    paramGetIntegral: Some(ct_host_param_get_integral),
    paramSetValue: Some(ct_host_param_set_value),
    paramSetValueAtTime: Some(ct_host_param_set_value_at_time),
    paramGetNumKeys: Some(param_get_num_keys),
    paramGetKeyTime: Some(param_get_key_time),
    paramGetKeyIndex: Some(param_get_key_index),
    paramDeleteKey: Some(param_delete_key),
    paramDeleteAllKeys: Some(param_delete_all_keys),
    paramCopy: Some(param_copy),
    paramEditBegin: Some(param_edit_begin),
    paramEditEnd: Some(param_edit_end),
};

pub(super) fn param<'a>(f: &str, h: OfxParamHandle) -> Option<&'a ParamNode> {
    // SAFETY: handles are checked by magic before use.
    let p = unsafe { ParamNode::from_handle(h as *const c_void) };
    if p.is_none() {
        bad_handle(f);
    }
    p
}

fn set<'a>(f: &str, h: OfxParamSetHandle) -> Option<&'a ParamSetNode> {
    // SAFETY: handles are checked by magic before use.
    let p = unsafe { ParamSetNode::from_handle(h as *const c_void) };
    if p.is_none() {
        bad_handle(f);
    }
    p
}

unsafe extern "C" fn param_define(
    s: OfxParamSetHandle,
    ptype: *const c_char,
    name: *const c_char,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(set) = set("paramDefine", s) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: C strings from the plugin.
        let (Some(ptype), Some(name)) = (unsafe { cstr(ptype) }, unsafe { cstr(name) }) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if set.instance {
            set.host.records.violation(format!(
                "paramDefine({}) on an instance",
                name.to_string_lossy()
            ));
            return Status::ErrUnsupported.to_ofx();
        }
        if set.get(&name.to_string_lossy()).is_some() {
            return Status::ErrExists.to_ofx();
        }
        let Some(node) = ParamNode::describe(&set.host, name, ptype) else {
            return Status::ErrUnknown.to_ofx();
        };
        let node = Arc::new(node);
        lock(&set.params).push(node.clone());
        if !props.is_null() {
            // SAFETY: non-null out pointer from the plugin.
            unsafe { props.write(node.props.handle().cast()) };
        }
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_get_handle(
    s: OfxParamSetHandle,
    name: *const c_char,
    out: *mut OfxParamHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(set) = set("paramGetHandle", s) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: a C string from the plugin.
        let Some(name) = (unsafe { cstr(name) }) else {
            return Status::ErrBadHandle.to_ofx();
        };
        let Some(p) = set.get(&name.to_string_lossy()) else {
            return Status::ErrUnknown.to_ofx();
        };
        if out.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: non-null out pointers from the plugin; the param lives as long as the set.
        unsafe { out.write(p.handle().cast()) };
        if !props.is_null() {
            // SAFETY: as above.
            unsafe { props.write(p.props.handle().cast()) };
        }
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_set_get_property_set(
    s: OfxParamSetHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(set) = set("paramSetGetPropertySet", s) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if props.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: non-null out pointer.
        unsafe { props.write(set.props.handle().cast()) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_get_property_set(
    h: OfxParamHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramGetPropertySet", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if props.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: non-null out pointer.
        unsafe { props.write(p.props.handle().cast()) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_get_num_keys(h: OfxParamHandle, n: *mut c_uint) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramGetNumKeys", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if n.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        let count = lock(&p.curve).keys.len() as c_uint;
        // SAFETY: non-null out pointer.
        unsafe { n.write(count) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_get_key_time(
    h: OfxParamHandle,
    nth: c_uint,
    time: *mut OfxTime,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramGetKeyTime", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if time.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        let t = lock(&p.curve).keys.get(nth as usize).map(|k| k.0);
        match t {
            Some(t) => {
                // SAFETY: non-null out pointer.
                unsafe { time.write(t) };
                Status::Ok.to_ofx()
            }
            None => Status::ErrBadIndex.to_ofx(),
        }
    })
}

unsafe extern "C" fn param_get_key_index(
    h: OfxParamHandle,
    time: OfxTime,
    direction: c_int,
    index: *mut c_int,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramGetKeyIndex", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if index.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        match lock(&p.curve).key_index(time, direction) {
            Some(i) => {
                // SAFETY: non-null out pointer.
                unsafe { index.write(i as c_int) };
                Status::Ok.to_ofx()
            }
            None => Status::Failed.to_ofx(),
        }
    })
}

unsafe extern "C" fn param_delete_key(h: OfxParamHandle, time: OfxTime) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramDeleteKey", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if !may_write(p, "paramDeleteKey") {
            return Status::Failed.to_ofx();
        }
        let deleted = lock(&p.curve).delete_key(time);
        p.plugin_edited.store(
            deleted || p.plugin_edited.load(Ordering::Relaxed),
            Ordering::Relaxed,
        );
        if deleted {
            Status::Ok
        } else {
            Status::ErrBadIndex
        }
        .to_ofx()
    })
}

unsafe extern "C" fn param_delete_all_keys(h: OfxParamHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramDeleteAllKeys", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if !may_write(p, "paramDeleteAllKeys") {
            return Status::Failed.to_ofx();
        }
        let mut c = lock(&p.curve);
        // Without keys the value stays what it was at the current time.
        let now = c.at(effective_time(p, None));
        c.keys.clear();
        c.value = now;
        drop(c);
        p.props
            .set(ofx::K_OFX_PARAM_PROP_IS_ANIMATING, Value::Int(vec![0]));
        p.plugin_edited.store(true, Ordering::Relaxed);
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_copy(
    to: OfxParamHandle,
    from: OfxParamHandle,
    offset: OfxTime,
    range: *const OfxRangeD,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let (Some(dst), Some(src)) = (param("paramCopy", to), param("paramCopy", from)) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if dst.ptype != src.ptype {
            return Status::ErrValue.to_ofx();
        }
        if std::ptr::eq(dst, src) || !may_write(dst, "paramCopy") {
            return Status::Failed.to_ofx();
        }
        // SAFETY: NULL or a range from the plugin.
        let range = unsafe { range.as_ref() }.copied();
        let s = lock(&src.curve).clone();
        let mut d = lock(&dst.curve);
        d.value = s.value.clone();
        d.keys
            .retain(|k| range.is_some_and(|r| !(k.0 >= r.min + offset && k.0 <= r.max + offset)));
        for (t, v) in s.keys {
            if range.is_none_or(|r| t >= r.min && t <= r.max) {
                d.set_key(t + offset, v);
            }
        }
        drop(d);
        dst.plugin_edited.store(true, Ordering::Relaxed);
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_edit_begin(s: OfxParamSetHandle, _name: *const c_char) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(set) = set("paramEditBegin", s) else {
            return Status::ErrBadHandle.to_ofx();
        };
        *lock(&set.edit_depth) += 1;
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn param_edit_end(s: OfxParamSetHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(set) = set("paramEditEnd", s) else {
            return Status::ErrBadHandle.to_ofx();
        };
        let mut depth = lock(&set.edit_depth);
        if *depth == 0 {
            set.host
                .records
                .violation("paramEditEnd without paramEditBegin");
            return Status::Failed.to_ofx();
        }
        *depth -= 1;
        Status::Ok.to_ofx()
    })
}
