//! Typed instance-side parameter access: values at a time (always
//! `paramGetValueAtTime`: Resolve's colour page returns the first keyframe
//! from `paramGetValue`), writes, keys and undo blocks.

use std::ffi::{c_char, c_int, CStr, CString};

use ofx_sys::*;

use crate::ofx::error::{OfxError, OfxResult};
use crate::ofx::suites::suite_fn;

/// A parameter of an effect instance, valid during the current action.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    handle: OfxParamHandle,
    suite: &'static OfxParameterSuiteV1,
    name: &'static CStr,
}

impl Param {
    /// Looks `name` up in an instance's parameter set.
    pub(crate) fn fetch(
        suite: &'static OfxParameterSuiteV1,
        set: OfxParamSetHandle,
        name: &'static CStr,
    ) -> OfxResult<Self> {
        if set.is_null() {
            return Err(OfxError::NullHandle("parameter set"));
        }
        let f = suite_fn!(suite, paramGetHandle)?;
        let mut handle: OfxParamHandle = std::ptr::null_mut();
        // SAFETY: valid param set, NUL-terminated name, live out slot; the
        // property set out-pointer may be NULL per the header.
        let status = unsafe { f(set, name.as_ptr(), &mut handle, std::ptr::null_mut()) };
        if status == OfxStatus::ERR_UNKNOWN {
            return Err(OfxError::InvalidValue(format!(
                "the host has no parameter {name:?}"
            )));
        }
        OfxError::check("paramGetHandle", status)?;
        if handle.is_null() {
            return Err(OfxError::NullHandle("parameter"));
        }
        Ok(Self {
            handle,
            suite,
            name,
        })
    }

    /// The parameter's name.
    pub fn name(&self) -> &'static CStr {
        self.name
    }

    /// Double value at `time`.
    pub fn double_at(&self, time: f64) -> OfxResult<f64> {
        let f = suite_fn!(self.suite, paramGetValueAtTime)?;
        let mut v = 0.0_f64;
        // SAFETY: double params take one `double *` vararg; the handle is a
        // live param of this instance.
        OfxError::check("paramGetValueAtTime", unsafe {
            f(self.handle, time, &mut v as *mut f64)
        })?;
        Ok(v)
    }

    /// Int (integer, boolean or choice index) value at `time`.
    pub fn int_at(&self, time: f64) -> OfxResult<i32> {
        let f = suite_fn!(self.suite, paramGetValueAtTime)?;
        let mut v: c_int = 0;
        // SAFETY: int, boolean and choice params take one `int *` vararg.
        OfxError::check("paramGetValueAtTime", unsafe {
            f(self.handle, time, &mut v as *mut c_int)
        })?;
        Ok(v)
    }

    /// Boolean value at `time`.
    pub fn bool_at(&self, time: f64) -> OfxResult<bool> {
        Ok(self.int_at(time)? != 0)
    }

    /// Choice index at `time` (a negative index from the host is an error).
    pub fn choice_at(&self, time: f64) -> OfxResult<usize> {
        let v = self.int_at(time)?;
        usize::try_from(v)
            .map_err(|_| OfxError::InvalidValue(format!("choice {:?} = {v}", self.name)))
    }

    /// String value at `time`, copied.
    pub fn string_at(&self, time: f64) -> OfxResult<String> {
        let f = suite_fn!(self.suite, paramGetValueAtTime)?;
        let mut v: *const c_char = std::ptr::null();
        // SAFETY: string params take one `char **` vararg; the host keeps the
        // string valid until the next call, and we copy it at once.
        OfxError::check("paramGetValueAtTime", unsafe {
            f(self.handle, time, &mut v as *mut *const c_char)
        })?;
        if v.is_null() {
            return Ok(String::new());
        }
        // SAFETY: non-NULL, NUL-terminated host string, copied now.
        Ok(unsafe { CStr::from_ptr(v) }.to_string_lossy().into_owned())
    }

    /// Sets a double (no key). InstanceChanged / interact actions only.
    pub fn set_double(&self, value: f64) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramSetValue)?;
        // SAFETY: double params take one `double` vararg.
        OfxError::check("paramSetValue", unsafe { f(self.handle, value) })
    }

    /// Sets an int, boolean or choice (no key).
    pub fn set_int(&self, value: i32) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramSetValue)?;
        // SAFETY: int, boolean and choice params take one `int` vararg.
        OfxError::check("paramSetValue", unsafe { f(self.handle, value as c_int) })
    }

    /// Sets a boolean (no key).
    pub fn set_bool(&self, value: bool) -> OfxResult<()> {
        self.set_int(value.into())
    }

    /// Sets a string (no key); the host copies it.
    pub fn set_string(&self, value: &str) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramSetValue)?;
        let c = CString::new(value)
            .map_err(|_| OfxError::InvalidValue("string parameter value with NUL".into()))?;
        // SAFETY: string params take one `char *` vararg, valid for the call.
        OfxError::check("paramSetValue", unsafe { f(self.handle, c.as_ptr()) })
    }

    /// Sets a double key at `time`.
    pub fn set_double_at(&self, time: f64, value: f64) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramSetValueAtTime)?;
        // SAFETY: double params take one `double` vararg after the time.
        OfxError::check("paramSetValueAtTime", unsafe {
            f(self.handle, time, value)
        })
    }

    /// Sets an int / boolean / choice key at `time`.
    pub fn set_int_at(&self, time: f64, value: i32) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramSetValueAtTime)?;
        // SAFETY: int-like params take one `int` vararg after the time.
        OfxError::check("paramSetValueAtTime", unsafe {
            f(self.handle, time, value as c_int)
        })
    }

    /// Sets a boolean key at `time`.
    pub fn set_bool_at(&self, time: f64, value: bool) -> OfxResult<()> {
        self.set_int_at(time, value.into())
    }

    /// Sets a string key at `time` (hosts that animate strings).
    pub fn set_string_at(&self, time: f64, value: &str) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramSetValueAtTime)?;
        let c = CString::new(value)
            .map_err(|_| OfxError::InvalidValue("string parameter value with NUL".into()))?;
        // SAFETY: string params take one `char *` vararg after the time.
        OfxError::check("paramSetValueAtTime", unsafe {
            f(self.handle, time, c.as_ptr())
        })
    }

    /// Deletes every key.
    pub fn delete_all_keys(&self) -> OfxResult<()> {
        let f = suite_fn!(self.suite, paramDeleteAllKeys)?;
        // SAFETY: live param handle.
        OfxError::check("paramDeleteAllKeys", unsafe { f(self.handle) })
    }

    /// Number of keys.
    pub fn num_keys(&self) -> OfxResult<u32> {
        let f = suite_fn!(self.suite, paramGetNumKeys)?;
        let mut n = 0_u32;
        // SAFETY: live param handle and out slot.
        OfxError::check("paramGetNumKeys", unsafe { f(self.handle, &mut n) })?;
        Ok(n)
    }
}

/// An undo block (`paramEditBegin` ... `paramEditEnd`), ended on drop.
#[derive(Debug)]
pub struct EditBlock {
    set: OfxParamSetHandle,
    suite: &'static OfxParameterSuiteV1,
}

impl EditBlock {
    /// Begins an undo block named `label`.
    pub(crate) fn begin(
        suite: &'static OfxParameterSuiteV1,
        set: OfxParamSetHandle,
        label: &str,
    ) -> OfxResult<Self> {
        let f = suite_fn!(suite, paramEditBegin)?;
        let c = CString::new(label)
            .map_err(|_| OfxError::InvalidValue("undo label with NUL".into()))?;
        // SAFETY: live param set, NUL-terminated label valid for the call.
        OfxError::check("paramEditBegin", unsafe { f(set, c.as_ptr()) })?;
        Ok(Self { set, suite })
    }
}

impl Drop for EditBlock {
    fn drop(&mut self) {
        match suite_fn!(self.suite, paramEditEnd) {
            Ok(end) => {
                // SAFETY: the same live param set `begin` was called with.
                let status = unsafe { end(self.set) };
                if status != OfxStatus::OK {
                    log::warn!("paramEditEnd returned {status}");
                }
            }
            Err(e) => log::error!("{e}: undo block left open"),
        }
    }
}
