//! `ofxCore.h`: the host and plug-in structs, geometry types, generic actions
//! and properties, bit depths and change reasons.

use std::ffi::{c_char, c_int, c_uint, c_void, CStr};

use crate::status::OfxStatus;

/// Opaque target of [`OfxPropertySetHandle`] (`struct OfxPropertySetStruct`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxPropertySetStruct {
    _opaque: [u8; 0],
}

/// Blind handle to a set of properties.
pub type OfxPropertySetHandle = *mut OfxPropertySetStruct;

/// How time is specified within the OFX API (frames, in the effect's
/// temporal coordinate system).
pub type OfxTime = f64;

/// The host struct handed to `OfxPlugin::setHost` / `OfxSetHost`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxHost {
    /// Global handle to the host's property set; valid while the binary is loaded.
    pub host: OfxPropertySetHandle,
    /// Fetches a suite by name and version; NULL when unknown.
    pub fetchSuite: Option<
        unsafe extern "C" fn(
            host: OfxPropertySetHandle,
            suiteName: *const c_char,
            suiteVersion: c_int,
        ) -> *const c_void,
    >,
}

/// `OfxPluginEntryPoint`: the main entry of a plug-in.
pub type OfxPluginEntryPoint = unsafe extern "C" fn(
    action: *const c_char,
    handle: *const c_void,
    inArgs: OfxPropertySetHandle,
    outArgs: OfxPropertySetHandle,
) -> OfxStatus;

/// The struct that defines a plug-in to a host (returned by `OfxGetPlugin`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxPlugin {
    /// API the plug-in implements, e.g. [`crate::K_OFX_IMAGE_EFFECT_PLUGIN_API`].
    pub pluginApi: *const c_char,
    /// Version of that API.
    pub apiVersion: c_int,
    /// Unique reverse-DNS identifier of the plug-in.
    pub pluginIdentifier: *const c_char,
    /// Major version: incremented when backwards compatibility breaks.
    pub pluginVersionMajor: c_uint,
    /// Minor version: incremented for compatible changes.
    pub pluginVersionMinor: c_uint,
    /// Called first, with the host struct.
    pub setHost: Option<unsafe extern "C" fn(host: *mut OfxHost)>,
    /// Main entry point.
    pub mainEntry: Option<OfxPluginEntryPoint>,
}

/// One dimensional integer bounds.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxRangeI {
    /// Lower bound.
    pub min: c_int,
    /// Upper bound.
    pub max: c_int,
}

/// One dimensional double bounds.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxRangeD {
    /// Lower bound.
    pub min: f64,
    /// Upper bound.
    pub max: f64,
}

/// Two dimensional integer point.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxPointI {
    /// X.
    pub x: c_int,
    /// Y.
    pub y: c_int,
}

/// Two dimensional double point.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxPointD {
    /// X.
    pub x: f64,
    /// Y.
    pub y: f64,
}

/// Two dimensional integer region, `x1 <= x < x2`, `y1 <= y < y2`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxRectI {
    /// Left (inclusive).
    pub x1: c_int,
    /// Bottom (inclusive).
    pub y1: c_int,
    /// Right (exclusive).
    pub x2: c_int,
    /// Top (exclusive).
    pub y2: c_int,
}

/// Two dimensional double region, `x1 <= x < x2`, `y1 <= y < y2`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxRectD {
    /// Left (inclusive).
    pub x1: f64,
    /// Bottom (inclusive).
    pub y1: f64,
    /// Right (exclusive).
    pub x2: f64,
    /// Top (exclusive).
    pub y2: f64,
}

/// `kOfxFlagInfiniteMax` (INT_MAX): maximum of an infinite rect.
pub const K_OFX_FLAG_INFINITE_MAX: c_int = c_int::MAX;
/// `kOfxFlagInfiniteMin` (INT_MIN): minimum of an infinite rect.
pub const K_OFX_FLAG_INFINITE_MIN: c_int = c_int::MIN;

// Generic actions.
/// `kOfxActionLoad`.
pub const K_OFX_ACTION_LOAD: &CStr = c"OfxActionLoad";
/// `kOfxActionDescribe`.
pub const K_OFX_ACTION_DESCRIBE: &CStr = c"OfxActionDescribe";
/// `kOfxActionUnload`.
pub const K_OFX_ACTION_UNLOAD: &CStr = c"OfxActionUnload";
/// `kOfxActionPurgeCaches`.
pub const K_OFX_ACTION_PURGE_CACHES: &CStr = c"OfxActionPurgeCaches";
/// `kOfxActionSyncPrivateData`.
pub const K_OFX_ACTION_SYNC_PRIVATE_DATA: &CStr = c"OfxActionSyncPrivateData";
/// `kOfxActionCreateInstance`.
pub const K_OFX_ACTION_CREATE_INSTANCE: &CStr = c"OfxActionCreateInstance";
/// `kOfxActionDestroyInstance`.
pub const K_OFX_ACTION_DESTROY_INSTANCE: &CStr = c"OfxActionDestroyInstance";
/// `kOfxActionInstanceChanged`.
pub const K_OFX_ACTION_INSTANCE_CHANGED: &CStr = c"OfxActionInstanceChanged";
/// `kOfxActionBeginInstanceChanged`.
pub const K_OFX_ACTION_BEGIN_INSTANCE_CHANGED: &CStr = c"OfxActionBeginInstanceChanged";
/// `kOfxActionEndInstanceChanged`.
pub const K_OFX_ACTION_END_INSTANCE_CHANGED: &CStr = c"OfxActionEndInstanceChanged";
/// `kOfxActionBeginInstanceEdit`.
pub const K_OFX_ACTION_BEGIN_INSTANCE_EDIT: &CStr = c"OfxActionBeginInstanceEdit";
/// `kOfxActionEndInstanceEdit`.
pub const K_OFX_ACTION_END_INSTANCE_EDIT: &CStr = c"OfxActionEndInstanceEdit";

// General properties.
/// `kOfxPropAPIVersion` (int X N, host).
pub const K_OFX_PROP_API_VERSION: &CStr = c"OfxPropAPIVersion";
/// `kOfxPropTime` (double X 1).
pub const K_OFX_PROP_TIME: &CStr = c"OfxPropTime";
/// `kOfxPropIsInteractive` (int X 1).
pub const K_OFX_PROP_IS_INTERACTIVE: &CStr = c"OfxPropIsInteractive";
/// `kOfxPluginPropFilePath` (string X 1, effect descriptor).
pub const K_OFX_PLUGIN_PROP_FILE_PATH: &CStr = c"OfxPluginPropFilePath";
/// `kOfxPropInstanceData` (pointer X 1, instance).
pub const K_OFX_PROP_INSTANCE_DATA: &CStr = c"OfxPropInstanceData";
/// `kOfxPropType` (string X 1).
pub const K_OFX_PROP_TYPE: &CStr = c"OfxPropType";
/// `kOfxPropName` (string X 1).
pub const K_OFX_PROP_NAME: &CStr = c"OfxPropName";
/// `kOfxPropVersion` (int X N).
pub const K_OFX_PROP_VERSION: &CStr = c"OfxPropVersion";
/// `kOfxPropVersionLabel` (string X 1).
pub const K_OFX_PROP_VERSION_LABEL: &CStr = c"OfxPropVersionLabel";
/// `kOfxPropPluginDescription` (string X 1).
pub const K_OFX_PROP_PLUGIN_DESCRIPTION: &CStr = c"OfxPropPluginDescription";
/// `kOfxPropLabel` (string X 1).
pub const K_OFX_PROP_LABEL: &CStr = c"OfxPropLabel";
/// `kOfxPropIcon` (string X 2: SVG, PNG, relative to Resources).
pub const K_OFX_PROP_ICON: &CStr = c"OfxPropIcon";
/// `kOfxPropShortLabel` (string X 1).
pub const K_OFX_PROP_SHORT_LABEL: &CStr = c"OfxPropShortLabel";
/// `kOfxPropLongLabel` (string X 1).
pub const K_OFX_PROP_LONG_LABEL: &CStr = c"OfxPropLongLabel";
/// `kOfxPropChangeReason` (string X 1, InstanceChanged inArgs).
pub const K_OFX_PROP_CHANGE_REASON: &CStr = c"OfxPropChangeReason";
/// `kOfxPropEffectInstance` (pointer X 1, interact instance).
pub const K_OFX_PROP_EFFECT_INSTANCE: &CStr = c"OfxPropEffectInstance";
/// `kOfxPropHostOSHandle` (pointer X 1, host).
pub const K_OFX_PROP_HOST_OS_HANDLE: &CStr = c"OfxPropHostOSHandle";

// Change reasons.
/// `kOfxChangeUserEdited`.
pub const K_OFX_CHANGE_USER_EDITED: &CStr = c"OfxChangeUserEdited";
/// `kOfxChangePluginEdited`.
pub const K_OFX_CHANGE_PLUGIN_EDITED: &CStr = c"OfxChangePluginEdited";
/// `kOfxChangeTime`.
pub const K_OFX_CHANGE_TIME: &CStr = c"OfxChangeTime";

// Bit depths.
/// `kOfxBitDepthNone`: unset (unconnected clip).
pub const K_OFX_BIT_DEPTH_NONE: &CStr = c"OfxBitDepthNone";
/// `kOfxBitDepthByte`: unsigned 8 bit integer samples.
pub const K_OFX_BIT_DEPTH_BYTE: &CStr = c"OfxBitDepthByte";
/// `kOfxBitDepthShort`: unsigned 16 bit integer samples.
pub const K_OFX_BIT_DEPTH_SHORT: &CStr = c"OfxBitDepthShort";
/// `kOfxBitDepthHalf`: 16 bit floating point samples.
pub const K_OFX_BIT_DEPTH_HALF: &CStr = c"OfxBitDepthHalf";
/// `kOfxBitDepthFloat`: 32 bit floating point samples.
pub const K_OFX_BIT_DEPTH_FLOAT: &CStr = c"OfxBitDepthFloat";
