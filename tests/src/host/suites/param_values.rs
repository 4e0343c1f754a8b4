//! The non-variadic bodies of the parameter suite's value functions
//! (`paramGetValue`, `...AtTime`, `paramGetDerivative`, `paramGetIntegral`,
//! `paramSetValue`, `...AtTime`), called by the C shim in `varargs.c`.

use super::param::param;
use super::{bad_handle, guard, lossy};
use crate::host::context;
use crate::host::keyframes::ParamValue;
use crate::host::params::{ParamNode, ValueKind};
use crate::host::properties::Value;
use crate::host::records::lock;
use crate::host::status::Status;
use ofx_sys::{self as ofx, OfxParamHandle, OfxStatus};
use std::ffi::{c_char, c_double, c_int, c_void, CString};
use std::sync::atomic::Ordering;

// Mirrors of the enums in varargs.c.
const KIND_BAD: c_int = -1;
const GET_VALUE: c_int = 0;
const GET_AT_TIME: c_int = 1;
const GET_DERIVATIVE: c_int = 2;
const GET_INTEGRAL: c_int = 3;

/// Value kind of a param for the C shim; `dims` receives its dimension.
///
/// # Safety
/// `dims` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ct_host_param_value_kind(h: OfxParamHandle, dims: *mut c_int) -> c_int {
    guard!(KIND_BAD, {
        let Some(p) = param("paramGet/SetValue", h) else {
            return KIND_BAD;
        };
        if dims.is_null() {
            return KIND_BAD;
        }
        // SAFETY: non-null, from the C shim's stack.
        unsafe { dims.write(p.dims as c_int) };
        match p.kind {
            ValueKind::None => 0,
            ValueKind::Int => 1,
            ValueKind::Double => 2,
            ValueKind::String => 3,
        }
    })
}

/// The time a get or set applies to: `paramGetValue` uses the timeline's time; a
/// host that ignores times (MLT) uses it for `...AtTime` as well.
pub(super) fn effective_time(p: &ParamNode, asked: Option<f64>) -> f64 {
    match asked {
        Some(t) if p.host.profile.param_time => t,
        _ => context::current()
            .and_then(|c| c.time)
            .unwrap_or_else(|| p.host.time()),
    }
}

/// Non-variadic body of the four getters.
///
/// # Safety
/// `outs` holds `n` pointers to writable values of the param's C type.
#[no_mangle]
pub unsafe extern "C" fn ct_host_param_get(
    h: OfxParamHandle,
    mode: c_int,
    t1: c_double,
    t2: c_double,
    outs: *const *mut c_void,
    n: c_int,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(p) = param("paramGetValue", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        let n = usize::try_from(n).unwrap_or(0).min(p.dims);
        if outs.is_null() && n > 0 {
            return Status::ErrBadHandle.to_ofx();
        }
        let outs: &[*mut c_void] = if n == 0 {
            &[]
        } else {
            // SAFETY: the shim passes `n` pointers.
            unsafe { std::slice::from_raw_parts(outs, n) }
        };
        if outs.iter().any(|o| o.is_null()) {
            bad_handle("paramGetValue (NULL out pointer)");
            return Status::ErrBadHandle.to_ofx();
        }
        let curve = lock(&p.curve);
        let value = match mode {
            GET_VALUE => curve.at(effective_time(p, None)),
            GET_AT_TIME => curve.at(effective_time(p, Some(t1))),
            GET_DERIVATIVE | GET_INTEGRAL => {
                if p.kind != ValueKind::Double {
                    return Status::ErrUnsupported.to_ofx();
                }
                ParamValue::Num(if mode == GET_DERIVATIVE {
                    curve.derivative(t1, p.dims)
                } else {
                    curve.integral(t1, t2, p.dims)
                })
            }
            _ => return Status::ErrValue.to_ofx(),
        };
        drop(curve);
        match (p.kind, value) {
            (ValueKind::Int, ParamValue::Num(v)) => {
                for (o, x) in outs.iter().zip(v) {
                    // SAFETY: `int *` from the plugin, per the param's type.
                    unsafe { o.cast::<c_int>().write(x.round() as c_int) };
                }
            }
            (ValueKind::Double, ParamValue::Num(v)) => {
                for (o, x) in outs.iter().zip(v) {
                    // SAFETY: `double *` from the plugin, per the param's type.
                    unsafe { o.cast::<c_double>().write(x) };
                }
            }
            (ValueKind::String, ParamValue::Str(s)) => {
                let c = CString::new(s.replace('\0', "")).unwrap_or_default();
                let ptr = c.as_ptr();
                // Keep the string alive as long as the param (the plugin copies it).
                lock(&p.string_out).push(c);
                if let Some(o) = outs.first() {
                    // SAFETY: `const char **` from the plugin.
                    unsafe { o.cast::<*const c_char>().write(ptr) };
                }
            }
            (ValueKind::None, _) => {}
            _ => return Status::ErrValue.to_ofx(),
        }
        Status::Ok.to_ofx()
    })
}

/// May the plugin write params now? Records a violation when not: never
/// during render-thread actions, never a param the host drives (Transition).
pub(super) fn may_write(p: &ParamNode, f: &str) -> bool {
    if p.host_driven.load(Ordering::Relaxed) {
        p.host.records.violation(format!(
            "{f}({}): the host drives this param, the plugin may only read it",
            p.name.to_string_lossy()
        ));
        return false;
    }
    if let Some(ctx) = context::current() {
        if ctx.is_render_thread_action() {
            p.host.records.violation(format!(
                "{f}({}) during {}",
                p.name.to_string_lossy(),
                ctx.action
            ));
            return false;
        }
    }
    true
}

/// Non-variadic body of the two setters.
///
/// # Safety
/// `ints`/`doubles` hold 4 values; `string` is NULL or a C string.
#[no_mangle]
pub unsafe extern "C" fn ct_host_param_set(
    h: OfxParamHandle,
    at_time: c_int,
    time: c_double,
    ints: *const c_int,
    doubles: *const c_double,
    string: *const c_char,
    n: c_int,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let f = if at_time != 0 {
            "paramSetValueAtTime"
        } else {
            "paramSetValue"
        };
        let Some(p) = param(f, h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if !may_write(p, f) {
            return Status::Failed.to_ofx();
        }
        let n = usize::try_from(n).unwrap_or(0).min(p.dims).min(4);
        // SAFETY: the shim passes arrays of 4 (n <= 4).
        let ints = unsafe { std::slice::from_raw_parts(ints, n) };
        // SAFETY: as above.
        let doubles = unsafe { std::slice::from_raw_parts(doubles, n) };
        // SAFETY: NULL or a C string from the plugin.
        let string = unsafe { lossy(string) };
        let value = match p.kind {
            ValueKind::Int => ParamValue::Num(ints.iter().map(|&x| f64::from(x)).collect()),
            ValueKind::Double => ParamValue::Num(doubles.to_vec()),
            ValueKind::String => ParamValue::Str(string),
            ValueKind::None => return Status::Ok.to_ofx(),
        };
        let mut curve = lock(&p.curve);
        if at_time != 0 && p.animates() {
            let t = effective_time(p, Some(time));
            curve.set_key(t, value);
        } else if !curve.keys.is_empty() && p.animates() {
            // Setting an animated param without a time keys it at the current time.
            let t = effective_time(p, None);
            curve.set_key(t, value);
        } else {
            curve.value = value;
        }
        let animating = !curve.keys.is_empty();
        drop(curve);
        p.props.set(
            ofx::K_OFX_PARAM_PROP_IS_ANIMATING,
            Value::Int(vec![i32::from(animating)]),
        );
        p.plugin_edited.store(true, Ordering::Relaxed);
        Status::Ok.to_ofx()
    })
}
