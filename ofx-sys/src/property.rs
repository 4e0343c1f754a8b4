//! `ofxProperty.h`: the property suite.

use std::ffi::{c_char, c_double, c_int, c_void, CStr};

use crate::core::OfxPropertySetHandle;
use crate::status::OfxStatus;

/// `kOfxPropertySuite`.
pub const K_OFX_PROPERTY_SUITE: &CStr = c"OfxPropertySuite";

/// `OfxPropertySuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxPropertySuiteV1 {
    /// Set one pointer value.
    pub propSetPointer: Option<
        unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, c_int, *mut c_void) -> OfxStatus,
    >,
    /// Set one string value.
    pub propSetString: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *const c_char,
        ) -> OfxStatus,
    >,
    /// Set one double value.
    pub propSetDouble: Option<
        unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, c_int, c_double) -> OfxStatus,
    >,
    /// Set one int value.
    pub propSetInt: Option<
        unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, c_int, c_int) -> OfxStatus,
    >,
    /// Set `count` pointer values.
    pub propSetPointerN: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *const *mut c_void,
        ) -> OfxStatus,
    >,
    /// Set `count` string values.
    pub propSetStringN: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *const *const c_char,
        ) -> OfxStatus,
    >,
    /// Set `count` double values.
    pub propSetDoubleN: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *const c_double,
        ) -> OfxStatus,
    >,
    /// Set `count` int values.
    pub propSetIntN: Option<
        unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, c_int, *const c_int) -> OfxStatus,
    >,
    /// Get one pointer value.
    pub propGetPointer: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *mut *mut c_void,
        ) -> OfxStatus,
    >,
    /// Get one string value (host-owned memory).
    pub propGetString: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *mut *mut c_char,
        ) -> OfxStatus,
    >,
    /// Get one double value.
    pub propGetDouble: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *mut c_double,
        ) -> OfxStatus,
    >,
    /// Get one int value.
    pub propGetInt: Option<
        unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, c_int, *mut c_int) -> OfxStatus,
    >,
    /// Get `count` pointer values.
    pub propGetPointerN: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *mut *mut c_void,
        ) -> OfxStatus,
    >,
    /// Get `count` string values.
    pub propGetStringN: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *mut *mut c_char,
        ) -> OfxStatus,
    >,
    /// Get `count` double values.
    pub propGetDoubleN: Option<
        unsafe extern "C" fn(
            OfxPropertySetHandle,
            *const c_char,
            c_int,
            *mut c_double,
        ) -> OfxStatus,
    >,
    /// Get `count` int values.
    pub propGetIntN: Option<
        unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, c_int, *mut c_int) -> OfxStatus,
    >,
    /// Reset all dimensions of a property to its default.
    pub propReset: Option<unsafe extern "C" fn(OfxPropertySetHandle, *const c_char) -> OfxStatus>,
    /// Get the dimension of a property.
    pub propGetDimension:
        Option<unsafe extern "C" fn(OfxPropertySetHandle, *const c_char, *mut c_int) -> OfxStatus>,
}
