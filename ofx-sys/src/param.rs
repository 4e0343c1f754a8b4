//! `ofxParam.h`: parameter types, properties and the parameter suite.

use std::ffi::{c_char, c_int, c_uint, CStr};

use crate::core::{OfxPropertySetHandle, OfxRangeD, OfxTime};
use crate::status::OfxStatus;

/// `kOfxParameterSuite`.
pub const K_OFX_PARAMETER_SUITE: &CStr = c"OfxParameterSuite";
/// `kOfxTypeParameter`: `kOfxPropType` of parameter descriptors.
pub const K_OFX_TYPE_PARAMETER: &CStr = c"OfxTypeParameter";
/// `kOfxTypeParameterInstance`: `kOfxPropType` of parameter instances.
pub const K_OFX_TYPE_PARAMETER_INSTANCE: &CStr = c"OfxTypeParameterInstance";

/// Opaque target of [`OfxParamHandle`] (`struct OfxParamStruct`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxParamStruct {
    _opaque: [u8; 0],
}
/// Blind handle to a parameter.
pub type OfxParamHandle = *mut OfxParamStruct;

/// Opaque target of [`OfxParamSetHandle`] (`struct OfxParamSetStruct`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxParamSetStruct {
    _opaque: [u8; 0],
}
/// Blind handle to a parameter set.
pub type OfxParamSetHandle = *mut OfxParamSetStruct;

// Parameter types.
/// `kOfxParamTypeInteger`.
pub const K_OFX_PARAM_TYPE_INTEGER: &CStr = c"OfxParamTypeInteger";
/// `kOfxParamTypeDouble`.
pub const K_OFX_PARAM_TYPE_DOUBLE: &CStr = c"OfxParamTypeDouble";
/// `kOfxParamTypeBoolean`.
pub const K_OFX_PARAM_TYPE_BOOLEAN: &CStr = c"OfxParamTypeBoolean";
/// `kOfxParamTypeChoice`.
pub const K_OFX_PARAM_TYPE_CHOICE: &CStr = c"OfxParamTypeChoice";
/// `kOfxParamTypeStrChoice` (1.5).
pub const K_OFX_PARAM_TYPE_STR_CHOICE: &CStr = c"OfxParamTypeStrChoice";
/// `kOfxParamTypeRGBA`.
pub const K_OFX_PARAM_TYPE_RGBA: &CStr = c"OfxParamTypeRGBA";
/// `kOfxParamTypeRGB`.
pub const K_OFX_PARAM_TYPE_RGB: &CStr = c"OfxParamTypeRGB";
/// `kOfxParamTypeDouble2D`.
pub const K_OFX_PARAM_TYPE_DOUBLE_2D: &CStr = c"OfxParamTypeDouble2D";
/// `kOfxParamTypeInteger2D`.
pub const K_OFX_PARAM_TYPE_INTEGER_2D: &CStr = c"OfxParamTypeInteger2D";
/// `kOfxParamTypeDouble3D`.
pub const K_OFX_PARAM_TYPE_DOUBLE_3D: &CStr = c"OfxParamTypeDouble3D";
/// `kOfxParamTypeInteger3D`.
pub const K_OFX_PARAM_TYPE_INTEGER_3D: &CStr = c"OfxParamTypeInteger3D";
/// `kOfxParamTypeString`.
pub const K_OFX_PARAM_TYPE_STRING: &CStr = c"OfxParamTypeString";
/// `kOfxParamTypeCustom`.
pub const K_OFX_PARAM_TYPE_CUSTOM: &CStr = c"OfxParamTypeCustom";
/// `kOfxParamTypeGroup`.
pub const K_OFX_PARAM_TYPE_GROUP: &CStr = c"OfxParamTypeGroup";
/// `kOfxParamTypePage`.
pub const K_OFX_PARAM_TYPE_PAGE: &CStr = c"OfxParamTypePage";
/// `kOfxParamTypePushButton`.
pub const K_OFX_PARAM_TYPE_PUSH_BUTTON: &CStr = c"OfxParamTypePushButton";

// Host parameter capabilities.
/// `kOfxParamHostPropSupportsCustomAnimation`.
pub const K_OFX_PARAM_HOST_PROP_SUPPORTS_CUSTOM_ANIMATION: &CStr =
    c"OfxParamHostPropSupportsCustomAnimation";
/// `kOfxParamHostPropSupportsStringAnimation`.
pub const K_OFX_PARAM_HOST_PROP_SUPPORTS_STRING_ANIMATION: &CStr =
    c"OfxParamHostPropSupportsStringAnimation";
/// `kOfxParamHostPropSupportsBooleanAnimation`.
pub const K_OFX_PARAM_HOST_PROP_SUPPORTS_BOOLEAN_ANIMATION: &CStr =
    c"OfxParamHostPropSupportsBooleanAnimation";
/// `kOfxParamHostPropSupportsChoiceAnimation`.
pub const K_OFX_PARAM_HOST_PROP_SUPPORTS_CHOICE_ANIMATION: &CStr =
    c"OfxParamHostPropSupportsChoiceAnimation";
/// `kOfxParamHostPropSupportsCustomInteract`.
pub const K_OFX_PARAM_HOST_PROP_SUPPORTS_CUSTOM_INTERACT: &CStr =
    c"OfxParamHostPropSupportsCustomInteract";
/// `kOfxParamHostPropMaxParameters`.
pub const K_OFX_PARAM_HOST_PROP_MAX_PARAMETERS: &CStr = c"OfxParamHostPropMaxParameters";
/// `kOfxParamHostPropMaxPages`.
pub const K_OFX_PARAM_HOST_PROP_MAX_PAGES: &CStr = c"OfxParamHostPropMaxPages";
/// `kOfxParamHostPropPageRowColumnCount`.
pub const K_OFX_PARAM_HOST_PROP_PAGE_ROW_COLUMN_COUNT: &CStr =
    c"OfxParamHostPropPageRowColumnCount";
/// `kOfxParamPageSkipRow`.
pub const K_OFX_PARAM_PAGE_SKIP_ROW: &CStr = c"OfxParamPageSkipRow";
/// `kOfxParamPageSkipColumn`.
pub const K_OFX_PARAM_PAGE_SKIP_COLUMN: &CStr = c"OfxParamPageSkipColumn";

// Parameter properties.
/// `kOfxParamPropInteractV1`.
pub const K_OFX_PARAM_PROP_INTERACT_V1: &CStr = c"OfxParamPropInteractV1";
/// `kOfxParamPropInteractSize`.
pub const K_OFX_PARAM_PROP_INTERACT_SIZE: &CStr = c"OfxParamPropInteractSize";
/// `kOfxParamPropInteractSizeAspect`.
pub const K_OFX_PARAM_PROP_INTERACT_SIZE_ASPECT: &CStr = c"OfxParamPropInteractSizeAspect";
/// `kOfxParamPropInteractMinimumSize`.
pub const K_OFX_PARAM_PROP_INTERACT_MINIMUM_SIZE: &CStr = c"OfxParamPropInteractMinimumSize";
/// `kOfxParamPropInteractPreferedSize`.
pub const K_OFX_PARAM_PROP_INTERACT_PREFERED_SIZE: &CStr = c"OfxParamPropInteractPreferedSize";
/// `kOfxParamPropType`.
pub const K_OFX_PARAM_PROP_TYPE: &CStr = c"OfxParamPropType";
/// `kOfxParamPropAnimates` (int X 1, default 1).
pub const K_OFX_PARAM_PROP_ANIMATES: &CStr = c"OfxParamPropAnimates";
/// `kOfxParamPropCanUndo`.
pub const K_OFX_PARAM_PROP_CAN_UNDO: &CStr = c"OfxParamPropCanUndo";
/// `kOfxPropParamSetNeedsSyncing` (int X 1, param set).
pub const K_OFX_PROP_PARAM_SET_NEEDS_SYNCING: &CStr = c"OfxPropParamSetNeedsSyncing";
/// `kOfxParamPropIsAnimating`.
pub const K_OFX_PARAM_PROP_IS_ANIMATING: &CStr = c"OfxParamPropIsAnimating";
/// `kOfxParamPropPluginMayWrite` (deprecated in 1.4).
pub const K_OFX_PARAM_PROP_PLUGIN_MAY_WRITE: &CStr = c"OfxParamPropPluginMayWrite";
/// `kOfxParamPropPersistant` (int X 1, default 1; the header's spelling).
pub const K_OFX_PARAM_PROP_PERSISTANT: &CStr = c"OfxParamPropPersistant";
/// `kOfxParamPropEvaluateOnChange` (int X 1, default 1).
pub const K_OFX_PARAM_PROP_EVALUATE_ON_CHANGE: &CStr = c"OfxParamPropEvaluateOnChange";
/// `kOfxParamPropSecret` (int X 1, default 0).
pub const K_OFX_PARAM_PROP_SECRET: &CStr = c"OfxParamPropSecret";
/// `kOfxParamPropScriptName` (string X 1).
pub const K_OFX_PARAM_PROP_SCRIPT_NAME: &CStr = c"OfxParamPropScriptName";
/// `kOfxParamPropCacheInvalidation`.
pub const K_OFX_PARAM_PROP_CACHE_INVALIDATION: &CStr = c"OfxParamPropCacheInvalidation";
/// `kOfxParamInvalidateValueChange`.
pub const K_OFX_PARAM_INVALIDATE_VALUE_CHANGE: &CStr = c"OfxParamInvalidateValueChange";
/// `kOfxParamInvalidateValueChangeToEnd`.
pub const K_OFX_PARAM_INVALIDATE_VALUE_CHANGE_TO_END: &CStr = c"OfxParamInvalidateValueChangeToEnd";
/// `kOfxParamInvalidateAll`.
pub const K_OFX_PARAM_INVALIDATE_ALL: &CStr = c"OfxParamInvalidateAll";
/// `kOfxParamPropHint` (string X 1).
pub const K_OFX_PARAM_PROP_HINT: &CStr = c"OfxParamPropHint";
/// `kOfxParamPropDefault` (type and dimension depend on the param).
pub const K_OFX_PARAM_PROP_DEFAULT: &CStr = c"OfxParamPropDefault";
/// `kOfxParamPropDoubleType`.
pub const K_OFX_PARAM_PROP_DOUBLE_TYPE: &CStr = c"OfxParamPropDoubleType";
/// `kOfxParamDoubleTypePlain`.
pub const K_OFX_PARAM_DOUBLE_TYPE_PLAIN: &CStr = c"OfxParamDoubleTypePlain";
/// `kOfxParamDoubleTypeScale`.
pub const K_OFX_PARAM_DOUBLE_TYPE_SCALE: &CStr = c"OfxParamDoubleTypeScale";
/// `kOfxParamDoubleTypeAngle`.
pub const K_OFX_PARAM_DOUBLE_TYPE_ANGLE: &CStr = c"OfxParamDoubleTypeAngle";
/// `kOfxParamDoubleTypeTime`.
pub const K_OFX_PARAM_DOUBLE_TYPE_TIME: &CStr = c"OfxParamDoubleTypeTime";
/// `kOfxParamDoubleTypeAbsoluteTime`.
pub const K_OFX_PARAM_DOUBLE_TYPE_ABSOLUTE_TIME: &CStr = c"OfxParamDoubleTypeAbsoluteTime";
/// `kOfxParamDoubleTypeX`.
pub const K_OFX_PARAM_DOUBLE_TYPE_X: &CStr = c"OfxParamDoubleTypeX";
/// `kOfxParamDoubleTypeY`.
pub const K_OFX_PARAM_DOUBLE_TYPE_Y: &CStr = c"OfxParamDoubleTypeY";
/// `kOfxParamDoubleTypeXAbsolute`.
pub const K_OFX_PARAM_DOUBLE_TYPE_X_ABSOLUTE: &CStr = c"OfxParamDoubleTypeXAbsolute";
/// `kOfxParamDoubleTypeYAbsolute`.
pub const K_OFX_PARAM_DOUBLE_TYPE_Y_ABSOLUTE: &CStr = c"OfxParamDoubleTypeYAbsolute";
/// `kOfxParamDoubleTypeXY`.
pub const K_OFX_PARAM_DOUBLE_TYPE_XY: &CStr = c"OfxParamDoubleTypeXY";
/// `kOfxParamDoubleTypeXYAbsolute`.
pub const K_OFX_PARAM_DOUBLE_TYPE_XY_ABSOLUTE: &CStr = c"OfxParamDoubleTypeXYAbsolute";
/// `kOfxParamPropDefaultCoordinateSystem`.
pub const K_OFX_PARAM_PROP_DEFAULT_COORDINATE_SYSTEM: &CStr =
    c"OfxParamPropDefaultCoordinateSystem";
/// `kOfxParamCoordinatesCanonical`.
pub const K_OFX_PARAM_COORDINATES_CANONICAL: &CStr = c"OfxParamCoordinatesCanonical";
/// `kOfxParamCoordinatesNormalised`.
pub const K_OFX_PARAM_COORDINATES_NORMALISED: &CStr = c"OfxParamCoordinatesNormalised";
/// `kOfxParamPropHasHostOverlayHandle`.
pub const K_OFX_PARAM_PROP_HAS_HOST_OVERLAY_HANDLE: &CStr = c"OfxParamPropHasHostOverlayHandle";
/// `kOfxParamPropUseHostOverlayHandle` (the header's string keeps the `k`).
pub const K_OFX_PARAM_PROP_USE_HOST_OVERLAY_HANDLE: &CStr = c"kOfxParamPropUseHostOverlayHandle";
/// `kOfxParamPropShowTimeMarker`.
pub const K_OFX_PARAM_PROP_SHOW_TIME_MARKER: &CStr = c"OfxParamPropShowTimeMarker";
/// `kOfxPluginPropParamPageOrder` (string X N, effect descriptor).
pub const K_OFX_PLUGIN_PROP_PARAM_PAGE_ORDER: &CStr = c"OfxPluginPropParamPageOrder";
/// `kOfxParamPropPageChild` (string X N, page params).
pub const K_OFX_PARAM_PROP_PAGE_CHILD: &CStr = c"OfxParamPropPageChild";
/// `kOfxParamPropParent` (string X 1: name of the parent group).
pub const K_OFX_PARAM_PROP_PARENT: &CStr = c"OfxParamPropParent";
/// `kOfxParamPropGroupOpen` (int X 1).
pub const K_OFX_PARAM_PROP_GROUP_OPEN: &CStr = c"OfxParamPropGroupOpen";
/// `kOfxParamPropEnabled` (int X 1).
pub const K_OFX_PARAM_PROP_ENABLED: &CStr = c"OfxParamPropEnabled";
/// `kOfxParamPropDataPtr` (pointer X 1).
pub const K_OFX_PARAM_PROP_DATA_PTR: &CStr = c"OfxParamPropDataPtr";
/// `kOfxParamPropChoiceOption` (string X N).
pub const K_OFX_PARAM_PROP_CHOICE_OPTION: &CStr = c"OfxParamPropChoiceOption";
/// `kOfxParamPropMin` (int or double X N).
pub const K_OFX_PARAM_PROP_MIN: &CStr = c"OfxParamPropMin";
/// `kOfxParamPropMax` (int or double X N).
pub const K_OFX_PARAM_PROP_MAX: &CStr = c"OfxParamPropMax";
/// `kOfxParamPropDisplayMin` (int or double X N).
pub const K_OFX_PARAM_PROP_DISPLAY_MIN: &CStr = c"OfxParamPropDisplayMin";
/// `kOfxParamPropDisplayMax` (int or double X N).
pub const K_OFX_PARAM_PROP_DISPLAY_MAX: &CStr = c"OfxParamPropDisplayMax";
/// `kOfxParamPropIncrement` (double X 1).
pub const K_OFX_PARAM_PROP_INCREMENT: &CStr = c"OfxParamPropIncrement";
/// `kOfxParamPropDigits` (int X 1).
pub const K_OFX_PARAM_PROP_DIGITS: &CStr = c"OfxParamPropDigits";
/// `kOfxParamPropDimensionLabel` (string X 1).
pub const K_OFX_PARAM_PROP_DIMENSION_LABEL: &CStr = c"OfxParamPropDimensionLabel";
/// `kOfxParamPropIsAutoKeying` (int X 1).
pub const K_OFX_PARAM_PROP_IS_AUTO_KEYING: &CStr = c"OfxParamPropIsAutoKeying";
/// `kOfxParamPropCustomInterpCallbackV1` (the header's string differs from the name).
pub const K_OFX_PARAM_PROP_CUSTOM_INTERP_CALLBACK_V1: &CStr = c"OfxParamPropCustomCallbackV1";
/// `kOfxParamPropStringMode` (string X 1).
pub const K_OFX_PARAM_PROP_STRING_MODE: &CStr = c"OfxParamPropStringMode";
/// `kOfxParamPropStringFilePathExists` (int X 1).
pub const K_OFX_PARAM_PROP_STRING_FILE_PATH_EXISTS: &CStr = c"OfxParamPropStringFilePathExists";
/// `kOfxParamStringIsSingleLine`.
pub const K_OFX_PARAM_STRING_IS_SINGLE_LINE: &CStr = c"OfxParamStringIsSingleLine";
/// `kOfxParamStringIsMultiLine`.
pub const K_OFX_PARAM_STRING_IS_MULTI_LINE: &CStr = c"OfxParamStringIsMultiLine";
/// `kOfxParamStringIsFilePath`.
pub const K_OFX_PARAM_STRING_IS_FILE_PATH: &CStr = c"OfxParamStringIsFilePath";
/// `kOfxParamStringIsDirectoryPath`.
pub const K_OFX_PARAM_STRING_IS_DIRECTORY_PATH: &CStr = c"OfxParamStringIsDirectoryPath";
/// `kOfxParamStringIsLabel`.
pub const K_OFX_PARAM_STRING_IS_LABEL: &CStr = c"OfxParamStringIsLabel";
/// `kOfxParamStringIsRichTextFormat`.
pub const K_OFX_PARAM_STRING_IS_RICH_TEXT_FORMAT: &CStr = c"OfxParamStringIsRichTextFormat";
/// `kOfxParamPropCustomValue`.
pub const K_OFX_PARAM_PROP_CUSTOM_VALUE: &CStr = c"OfxParamPropCustomValue";
/// `kOfxParamPropInterpolationTime`.
pub const K_OFX_PARAM_PROP_INTERPOLATION_TIME: &CStr = c"OfxParamPropInterpolationTime";
/// `kOfxParamPropInterpolationAmount`.
pub const K_OFX_PARAM_PROP_INTERPOLATION_AMOUNT: &CStr = c"OfxParamPropInterpolationAmount";

/// `OfxCustomParamInterpFuncV1`.
pub type OfxCustomParamInterpFuncV1 = unsafe extern "C" fn(
    instance: OfxParamSetHandle,
    inArgs: OfxPropertySetHandle,
    outArgs: OfxPropertySetHandle,
) -> OfxStatus;

/// `OfxParameterSuiteV1`, members in header order. The value functions are
/// C varargs: pass pointers (get) or values (set) of the param's C types
/// (`int` for int/boolean/choice, `double` for doubles, `char *` for strings).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxParameterSuiteV1 {
    /// Define a parameter in a describe action.
    pub paramDefine: Option<
        unsafe extern "C" fn(
            paramSet: OfxParamSetHandle,
            paramType: *const c_char,
            name: *const c_char,
            propertySet: *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Get an instance's parameter by name.
    pub paramGetHandle: Option<
        unsafe extern "C" fn(
            paramSet: OfxParamSetHandle,
            name: *const c_char,
            param: *mut OfxParamHandle,
            propertySet: *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Property set of a parameter set.
    pub paramSetGetPropertySet: Option<
        unsafe extern "C" fn(
            paramSet: OfxParamSetHandle,
            propHandle: *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Property set of a parameter.
    pub paramGetPropertySet: Option<
        unsafe extern "C" fn(
            param: OfxParamHandle,
            propHandle: *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Current value (varargs: pointers).
    pub paramGetValue: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, ...) -> OfxStatus>,
    /// Value at a time (varargs: pointers).
    pub paramGetValueAtTime:
        Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, ...) -> OfxStatus>,
    /// Derivative at a time (varargs: pointers).
    pub paramGetDerivative:
        Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, ...) -> OfxStatus>,
    /// Integral over [time1, time2] (varargs: pointers).
    pub paramGetIntegral: Option<
        unsafe extern "C" fn(
            paramHandle: OfxParamHandle,
            time1: OfxTime,
            time2: OfxTime,
            ...
        ) -> OfxStatus,
    >,
    /// Set the current value (varargs: values).
    pub paramSetValue: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, ...) -> OfxStatus>,
    /// Set a keyframe (varargs: values).
    pub paramSetValueAtTime:
        Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime, ...) -> OfxStatus>,
    /// Number of keyframes.
    pub paramGetNumKeys: Option<
        unsafe extern "C" fn(paramHandle: OfxParamHandle, numberOfKeys: *mut c_uint) -> OfxStatus,
    >,
    /// Time of the nth keyframe.
    pub paramGetKeyTime: Option<
        unsafe extern "C" fn(
            paramHandle: OfxParamHandle,
            nthKey: c_uint,
            time: *mut OfxTime,
        ) -> OfxStatus,
    >,
    /// Index of a keyframe at/before/after a time.
    pub paramGetKeyIndex: Option<
        unsafe extern "C" fn(
            paramHandle: OfxParamHandle,
            time: OfxTime,
            direction: c_int,
            index: *mut c_int,
        ) -> OfxStatus,
    >,
    /// Delete the keyframe at a time.
    pub paramDeleteKey:
        Option<unsafe extern "C" fn(paramHandle: OfxParamHandle, time: OfxTime) -> OfxStatus>,
    /// Delete all keyframes.
    pub paramDeleteAllKeys: Option<unsafe extern "C" fn(paramHandle: OfxParamHandle) -> OfxStatus>,
    /// Copy one parameter (with animation) to another.
    pub paramCopy: Option<
        unsafe extern "C" fn(
            paramTo: OfxParamHandle,
            paramFrom: OfxParamHandle,
            dstOffset: OfxTime,
            frameRange: *const OfxRangeD,
        ) -> OfxStatus,
    >,
    /// Start an undo block.
    pub paramEditBegin:
        Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle, name: *const c_char) -> OfxStatus>,
    /// End an undo block.
    pub paramEditEnd: Option<unsafe extern "C" fn(paramSet: OfxParamSetHandle) -> OfxStatus>,
}

// OpenFX 1.5 string-valued choices.
/// `kOfxParamPropChoiceEnum` (string X N): enumeration strings of a
/// `kOfxParamTypeStrChoice` param, parallel to its options.
pub const K_OFX_PARAM_PROP_CHOICE_ENUM: &CStr = c"OfxParamPropChoiceEnum";
/// `kOfxParamHostPropSupportsStrChoiceAnimation` (int X 1, host).
pub const K_OFX_PARAM_HOST_PROP_SUPPORTS_STR_CHOICE_ANIMATION: &CStr =
    c"OfxParamHostPropSupportsStrChoiceAnimation";
