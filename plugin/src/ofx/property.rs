//! Typed access to an OpenFX property set. A property the host does not have
//! (`kOfxStatErrUnknown`, or `kOfxStatErrBadIndex` for a missing dimension)
//! reads as `Ok(None)`: "not supported", not a failure.

use std::ffi::{c_char, c_int, c_void, CStr, CString};

use ofx_sys::*;

use super::error::{OfxError, OfxResult};
use super::suites::suite_fn;

/// A property set handle with the suite to read and write it.
#[derive(Debug, Clone, Copy)]
pub struct PropertySet {
    handle: OfxPropertySetHandle,
    suite: &'static OfxPropertySuiteV1,
}

/// Maps a get status: OK -> Some, unknown property / index -> None.
fn got<T>(call: &'static str, status: OfxStatus, value: T) -> OfxResult<Option<T>> {
    match status {
        OfxStatus::OK => Ok(Some(value)),
        OfxStatus::ERR_UNKNOWN | OfxStatus::ERR_BAD_INDEX => Ok(None),
        status => Err(OfxError::Host { call, status }),
    }
}

fn c_string(value: &str) -> OfxResult<CString> {
    CString::new(value)
        .map_err(|_| OfxError::InvalidValue(format!("string with an interior NUL: {value:?}")))
}

impl PropertySet {
    /// Wraps a handle. NULL gives [`OfxError::NullHandle`].
    pub(crate) fn new(
        handle: OfxPropertySetHandle,
        suite: &'static OfxPropertySuiteV1,
    ) -> OfxResult<Self> {
        if handle.is_null() {
            return Err(OfxError::NullHandle("property set"));
        }
        Ok(Self { handle, suite })
    }

    /// Int value `index` of `name`.
    pub fn get_int(&self, name: &CStr, index: usize) -> OfxResult<Option<i32>> {
        let f = suite_fn!(self.suite, propGetInt)?;
        let mut value: c_int = 0;
        // SAFETY: valid handle (checked non-NULL, host-owned), NUL-terminated
        // name, and a pointer to a live c_int for the result.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, &mut value) };
        got("propGetInt", status, value)
    }

    /// Double value `index` of `name`.
    pub fn get_double(&self, name: &CStr, index: usize) -> OfxResult<Option<f64>> {
        let f = suite_fn!(self.suite, propGetDouble)?;
        let mut value = 0.0_f64;
        // SAFETY: as in `get_int`, with a live f64 for the result.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, &mut value) };
        got("propGetDouble", status, value)
    }

    /// Pointer value `index` of `name`.
    pub fn get_pointer(&self, name: &CStr, index: usize) -> OfxResult<Option<*mut c_void>> {
        let f = suite_fn!(self.suite, propGetPointer)?;
        let mut value: *mut c_void = std::ptr::null_mut();
        // SAFETY: as in `get_int`, with a live pointer slot for the result.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, &mut value) };
        got("propGetPointer", status, value)
    }

    /// String value `index` of `name`, copied out of host memory (a NULL
    /// string reads as empty).
    pub fn get_string(&self, name: &CStr, index: usize) -> OfxResult<Option<String>> {
        let f = suite_fn!(self.suite, propGetString)?;
        let mut value: *mut c_char = std::ptr::null_mut();
        // SAFETY: as in `get_int`, with a live char* slot for the result.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, &mut value) };
        let Some(ptr) = got("propGetString", status, value)? else {
            return Ok(None);
        };
        if ptr.is_null() {
            return Ok(Some(String::new()));
        }
        // SAFETY: the host returned a NUL-terminated string it owns and keeps
        // valid at least until the next call on this property; copied now.
        Ok(Some(
            unsafe { CStr::from_ptr(ptr) }
                .to_string_lossy()
                .into_owned(),
        ))
    }

    /// Number of values of `name`, `None` if the property does not exist.
    pub fn dimension(&self, name: &CStr) -> OfxResult<Option<usize>> {
        let f = suite_fn!(self.suite, propGetDimension)?;
        let mut count: c_int = 0;
        // SAFETY: as in `get_int`, with a live c_int for the count.
        let status = unsafe { f(self.handle, name.as_ptr(), &mut count) };
        Ok(got("propGetDimension", status, count)?.map(|c| c.max(0) as usize))
    }

    /// `N` doubles of `name` (e.g. a rect or a range); `None` if missing.
    pub fn get_doubles<const N: usize>(&self, name: &CStr) -> OfxResult<Option<[f64; N]>> {
        let mut out = [0.0; N];
        for (i, slot) in out.iter_mut().enumerate() {
            match self.get_double(name, i)? {
                Some(v) => *slot = v,
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// `N` ints of `name` (e.g. a pixel rect); `None` if missing.
    pub fn get_ints<const N: usize>(&self, name: &CStr) -> OfxResult<Option<[i32; N]>> {
        let mut out = [0; N];
        for (i, slot) in out.iter_mut().enumerate() {
            match self.get_int(name, i)? {
                Some(v) => *slot = v,
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// All string values of `name` (uses the dimension); empty if missing.
    pub fn get_strings(&self, name: &CStr) -> OfxResult<Vec<String>> {
        let n = self.dimension(name)?.unwrap_or(0);
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            if let Some(s) = self.get_string(name, i)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// Sets int value `index` of `name`.
    pub fn set_int(&self, name: &CStr, index: usize, value: i32) -> OfxResult<()> {
        let f = suite_fn!(self.suite, propSetInt)?;
        // SAFETY: valid handle, NUL-terminated name, value passed by value.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, value) };
        OfxError::check("propSetInt", status)
    }

    /// Sets double value `index` of `name`.
    pub fn set_double(&self, name: &CStr, index: usize, value: f64) -> OfxResult<()> {
        let f = suite_fn!(self.suite, propSetDouble)?;
        // SAFETY: valid handle, NUL-terminated name, value passed by value.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, value) };
        OfxError::check("propSetDouble", status)
    }

    /// Sets pointer value `index` of `name`.
    pub(crate) fn set_pointer(
        &self,
        name: &CStr,
        index: usize,
        value: *mut c_void,
    ) -> OfxResult<()> {
        let f = suite_fn!(self.suite, propSetPointer)?;
        // SAFETY: valid handle, NUL-terminated name; the host stores the
        // pointer value without dereferencing it.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, value) };
        OfxError::check("propSetPointer", status)
    }

    /// Sets string value `index` of `name` (the host copies it).
    pub fn set_string(&self, name: &CStr, index: usize, value: &str) -> OfxResult<()> {
        self.set_cstr(name, index, &c_string(value)?)
    }

    /// Sets string value `index` of `name` from a C string (the host copies it).
    pub fn set_cstr(&self, name: &CStr, index: usize, value: &CStr) -> OfxResult<()> {
        let f = suite_fn!(self.suite, propSetString)?;
        // SAFETY: valid handle, NUL-terminated name and value that outlive
        // the call; OpenFX hosts copy string values.
        let status = unsafe { f(self.handle, name.as_ptr(), index as c_int, value.as_ptr()) };
        OfxError::check("propSetString", status)
    }

    /// Sets all values of a multi-dimensional double property (rects, ranges).
    pub fn set_doubles(&self, name: &CStr, values: &[f64]) -> OfxResult<()> {
        for (i, v) in values.iter().enumerate() {
            self.set_double(name, i, *v)?;
        }
        Ok(())
    }

    /// Sets string values 0..n of `name` (e.g. supported contexts).
    pub fn set_cstrs(&self, name: &CStr, values: &[&CStr]) -> OfxResult<()> {
        for (i, v) in values.iter().enumerate() {
            self.set_cstr(name, i, v)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ofx::testing::FakeProps;

    #[test]
    fn typed_round_trips() {
        let fake = FakeProps::new();
        let props = fake.set();
        props.set_int(c"i", 0, 7).unwrap();
        props.set_double(c"d", 1, 2.5).unwrap();
        props.set_string(c"s", 0, "héllo").unwrap();
        props.set_cstrs(c"list", &[c"a", c"b", c"c"]).unwrap();
        assert_eq!(props.get_int(c"i", 0).unwrap(), Some(7));
        assert_eq!(props.get_double(c"d", 1).unwrap(), Some(2.5));
        assert_eq!(props.get_string(c"s", 0).unwrap().as_deref(), Some("héllo"));
        assert_eq!(props.dimension(c"list").unwrap(), Some(3));
        assert_eq!(props.get_strings(c"list").unwrap(), ["a", "b", "c"]);
    }

    #[test]
    fn missing_properties_are_not_supported_not_errors() {
        let fake = FakeProps::new();
        let props = fake.set();
        assert_eq!(props.get_int(c"nope", 0).unwrap(), None);
        assert_eq!(props.get_string(c"nope", 0).unwrap(), None);
        assert_eq!(props.dimension(c"nope").unwrap(), None);
        assert_eq!(props.get_doubles::<4>(c"nope").unwrap(), None);
        assert!(props.get_strings(c"nope").unwrap().is_empty());
        props.set_int(c"one", 0, 1).unwrap();
        // Index past the end: kOfxStatErrBadIndex is also "not supported".
        assert_eq!(props.get_int(c"one", 3).unwrap(), None);
    }

    #[test]
    fn other_host_failures_are_errors() {
        let fake = FakeProps::new();
        let props = fake.set();
        fake.fail_next(OfxStatus::ERR_BAD_HANDLE);
        let err = props.get_int(c"i", 0).unwrap_err();
        assert!(
            matches!(
                err,
                OfxError::Host {
                    call: "propGetInt",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn multi_dimension_helpers() {
        let fake = FakeProps::new();
        let props = fake.set();
        props.set_doubles(c"rect", &[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!(
            props.get_doubles::<4>(c"rect").unwrap(),
            Some([1.0, 2.0, 3.0, 4.0])
        );
        assert_eq!(props.get_doubles::<5>(c"rect").unwrap(), None);
        for (i, v) in [0, -2, 10, 20].into_iter().enumerate() {
            props.set_int(c"bounds", i, v).unwrap();
        }
        assert_eq!(
            props.get_ints::<4>(c"bounds").unwrap(),
            Some([0, -2, 10, 20])
        );
    }

    #[test]
    fn null_handles_and_functions_are_reported() {
        let fake = FakeProps::new();
        assert!(matches!(
            PropertySet::new(std::ptr::null_mut(), fake.suite()),
            Err(OfxError::NullHandle(_))
        ));
        let broken = fake.set_with_null_get_int();
        let err = broken.get_int(c"i", 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the host's OfxPropertySuiteV1 has no propGetInt (NULL function pointer)"
        );
        assert_eq!(err.status(), OfxStatus::ERR_MISSING_HOST_FEATURE);
    }

    #[test]
    fn interior_nul_is_a_clear_error() {
        let fake = FakeProps::new();
        let err = fake.set().set_string(c"s", 0, "a\0b").unwrap_err();
        assert!(matches!(err, OfxError::InvalidValue(_)));
    }
}
