//! `ofxImageEffect.h`: the image effect API (handles, actions, properties,
//! contexts, components, clip names and the image effect suite), plus the
//! DaVinci Resolve source-media extension properties.

use std::ffi::{c_char, c_int, c_void, CStr};

use crate::core::{OfxPropertySetHandle, OfxRectD, OfxTime};
use crate::param::OfxParamSetHandle;
use crate::status::OfxStatus;

/// `kOfxImageEffectPluginApi`: value of `OfxPlugin::pluginApi` for image effects.
pub const K_OFX_IMAGE_EFFECT_PLUGIN_API: &CStr = c"OfxImageEffectPluginAPI";
/// `kOfxImageEffectPluginApiVersion`.
pub const K_OFX_IMAGE_EFFECT_PLUGIN_API_VERSION: c_int = 1;

/// Opaque target of [`OfxImageEffectHandle`] (`struct OfxImageEffectStruct`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxImageEffectStruct {
    _opaque: [u8; 0],
}
/// Blind handle to an image effect descriptor or instance.
pub type OfxImageEffectHandle = *mut OfxImageEffectStruct;

/// Opaque target of [`OfxImageClipHandle`] (`struct OfxImageClipStruct`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxImageClipStruct {
    _opaque: [u8; 0],
}
/// Blind handle to a clip instance.
pub type OfxImageClipHandle = *mut OfxImageClipStruct;

/// Opaque target of [`OfxImageMemoryHandle`] (`struct OfxImageMemoryStruct`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxImageMemoryStruct {
    _opaque: [u8; 0],
}
/// Blind handle to host image memory.
pub type OfxImageMemoryHandle = *mut OfxImageMemoryStruct;

/// Opaque target of [`OfxInteractHandle`] (`struct OfxInteract`, `ofxInteract.h`).
#[repr(C)]
#[derive(Debug)]
pub struct OfxInteract {
    _opaque: [u8; 0],
}
/// Blind handle to an interact instance (`ofxInteract.h`).
pub type OfxInteractHandle = *mut OfxInteract;

// Components.
/// `kOfxImageComponentNone`.
pub const K_OFX_IMAGE_COMPONENT_NONE: &CStr = c"OfxImageComponentNone";
/// `kOfxImageComponentRGBA`.
pub const K_OFX_IMAGE_COMPONENT_RGBA: &CStr = c"OfxImageComponentRGBA";
/// `kOfxImageComponentRGB`.
pub const K_OFX_IMAGE_COMPONENT_RGB: &CStr = c"OfxImageComponentRGB";
/// `kOfxImageComponentAlpha`.
pub const K_OFX_IMAGE_COMPONENT_ALPHA: &CStr = c"OfxImageComponentAlpha";
/// `kOfxImageComponentYUVA` (removed from 1.4 headers, still seen on old hosts).
pub const K_OFX_IMAGE_COMPONENT_YUVA: &CStr = c"OfxImageComponentYUVA";

// Contexts.
/// `kOfxImageEffectContextGenerator`.
pub const K_OFX_IMAGE_EFFECT_CONTEXT_GENERATOR: &CStr = c"OfxImageEffectContextGenerator";
/// `kOfxImageEffectContextFilter`.
pub const K_OFX_IMAGE_EFFECT_CONTEXT_FILTER: &CStr = c"OfxImageEffectContextFilter";
/// `kOfxImageEffectContextTransition`.
pub const K_OFX_IMAGE_EFFECT_CONTEXT_TRANSITION: &CStr = c"OfxImageEffectContextTransition";
/// `kOfxImageEffectContextPaint`.
pub const K_OFX_IMAGE_EFFECT_CONTEXT_PAINT: &CStr = c"OfxImageEffectContextPaint";
/// `kOfxImageEffectContextGeneral`.
pub const K_OFX_IMAGE_EFFECT_CONTEXT_GENERAL: &CStr = c"OfxImageEffectContextGeneral";
/// `kOfxImageEffectContextRetimer`.
pub const K_OFX_IMAGE_EFFECT_CONTEXT_RETIMER: &CStr = c"OfxImageEffectContextRetimer";

// Object types.
/// `kOfxTypeImageEffectHost`.
pub const K_OFX_TYPE_IMAGE_EFFECT_HOST: &CStr = c"OfxTypeImageEffectHost";
/// `kOfxTypeImageEffect`.
pub const K_OFX_TYPE_IMAGE_EFFECT: &CStr = c"OfxTypeImageEffect";
/// `kOfxTypeImageEffectInstance`.
pub const K_OFX_TYPE_IMAGE_EFFECT_INSTANCE: &CStr = c"OfxTypeImageEffectInstance";
/// `kOfxTypeClip`.
pub const K_OFX_TYPE_CLIP: &CStr = c"OfxTypeClip";
/// `kOfxTypeImage`.
pub const K_OFX_TYPE_IMAGE: &CStr = c"OfxTypeImage";

// Actions.
/// `kOfxImageEffectActionGetRegionOfDefinition`.
pub const K_OFX_IMAGE_EFFECT_ACTION_GET_REGION_OF_DEFINITION: &CStr =
    c"OfxImageEffectActionGetRegionOfDefinition";
/// `kOfxImageEffectActionGetRegionsOfInterest`.
pub const K_OFX_IMAGE_EFFECT_ACTION_GET_REGIONS_OF_INTEREST: &CStr =
    c"OfxImageEffectActionGetRegionsOfInterest";
/// `kOfxImageEffectActionGetTimeDomain`.
pub const K_OFX_IMAGE_EFFECT_ACTION_GET_TIME_DOMAIN: &CStr = c"OfxImageEffectActionGetTimeDomain";
/// `kOfxImageEffectActionGetFramesNeeded`.
pub const K_OFX_IMAGE_EFFECT_ACTION_GET_FRAMES_NEEDED: &CStr =
    c"OfxImageEffectActionGetFramesNeeded";
/// `kOfxImageEffectActionGetClipPreferences`.
pub const K_OFX_IMAGE_EFFECT_ACTION_GET_CLIP_PREFERENCES: &CStr =
    c"OfxImageEffectActionGetClipPreferences";
/// `kOfxImageEffectActionIsIdentity`.
pub const K_OFX_IMAGE_EFFECT_ACTION_IS_IDENTITY: &CStr = c"OfxImageEffectActionIsIdentity";
/// `kOfxImageEffectActionRender`.
pub const K_OFX_IMAGE_EFFECT_ACTION_RENDER: &CStr = c"OfxImageEffectActionRender";
/// `kOfxImageEffectActionBeginSequenceRender`.
pub const K_OFX_IMAGE_EFFECT_ACTION_BEGIN_SEQUENCE_RENDER: &CStr =
    c"OfxImageEffectActionBeginSequenceRender";
/// `kOfxImageEffectActionEndSequenceRender`.
pub const K_OFX_IMAGE_EFFECT_ACTION_END_SEQUENCE_RENDER: &CStr =
    c"OfxImageEffectActionEndSequenceRender";
/// `kOfxImageEffectActionDescribeInContext`.
pub const K_OFX_IMAGE_EFFECT_ACTION_DESCRIBE_IN_CONTEXT: &CStr =
    c"OfxImageEffectActionDescribeInContext";

// Properties.
/// `kOfxImageEffectPropSupportedContexts` (string X N, descriptor).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS: &CStr =
    c"OfxImageEffectPropSupportedContexts";
/// `kOfxImageEffectPropPluginHandle` (pointer X 1, instance).
pub const K_OFX_IMAGE_EFFECT_PROP_PLUGIN_HANDLE: &CStr = c"OfxImageEffectPropPluginHandle";
/// `kOfxImageEffectHostPropIsBackground` (int X 1, host).
pub const K_OFX_IMAGE_EFFECT_HOST_PROP_IS_BACKGROUND: &CStr = c"OfxImageEffectHostPropIsBackground";
/// `kOfxImageEffectPluginPropSingleInstance` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_PROP_SINGLE_INSTANCE: &CStr =
    c"OfxImageEffectPluginPropSingleInstance";
/// `kOfxImageEffectPluginRenderThreadSafety` (string X 1).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_RENDER_THREAD_SAFETY: &CStr =
    c"OfxImageEffectPluginRenderThreadSafety";
/// `kOfxImageEffectRenderUnsafe`.
pub const K_OFX_IMAGE_EFFECT_RENDER_UNSAFE: &CStr = c"OfxImageEffectRenderUnsafe";
/// `kOfxImageEffectRenderInstanceSafe`.
pub const K_OFX_IMAGE_EFFECT_RENDER_INSTANCE_SAFE: &CStr = c"OfxImageEffectRenderInstanceSafe";
/// `kOfxImageEffectRenderFullySafe`.
pub const K_OFX_IMAGE_EFFECT_RENDER_FULLY_SAFE: &CStr = c"OfxImageEffectRenderFullySafe";
/// `kOfxImageEffectPluginPropHostFrameThreading` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_PROP_HOST_FRAME_THREADING: &CStr =
    c"OfxImageEffectPluginPropHostFrameThreading";
/// `kOfxImageEffectPropSupportsMultipleClipDepths` (int X 1). Note the
/// header's string differs from the macro name.
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTIPLE_CLIP_DEPTHS: &CStr =
    c"OfxImageEffectPropMultipleClipDepths";
/// `kOfxImageEffectPropSupportsMultipleClipPARs` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTIPLE_CLIP_PARS: &CStr =
    c"OfxImageEffectPropSupportsMultipleClipPARs";
/// `kOfxImageEffectPropClipPreferencesSlaveParam` (string X N).
pub const K_OFX_IMAGE_EFFECT_PROP_CLIP_PREFERENCES_SLAVE_PARAM: &CStr =
    c"OfxImageEffectPropClipPreferencesSlaveParam";
/// `kOfxImageEffectPropSetableFrameRate` (int X 1, host).
pub const K_OFX_IMAGE_EFFECT_PROP_SETABLE_FRAME_RATE: &CStr = c"OfxImageEffectPropSetableFrameRate";
/// `kOfxImageEffectPropSetableFielding` (int X 1, host).
pub const K_OFX_IMAGE_EFFECT_PROP_SETABLE_FIELDING: &CStr = c"OfxImageEffectPropSetableFielding";
/// `kOfxImageEffectInstancePropSequentialRender` (int X 1).
pub const K_OFX_IMAGE_EFFECT_INSTANCE_PROP_SEQUENTIAL_RENDER: &CStr =
    c"OfxImageEffectInstancePropSequentialRender";
/// `kOfxImageEffectPropSequentialRenderStatus` (int X 1, render inArgs).
pub const K_OFX_IMAGE_EFFECT_PROP_SEQUENTIAL_RENDER_STATUS: &CStr =
    c"OfxImageEffectPropSequentialRenderStatus";
/// `kOfxImageEffectHostPropNativeOrigin` (string X 1, host).
pub const K_OFX_IMAGE_EFFECT_HOST_PROP_NATIVE_ORIGIN: &CStr = c"OfxImageEffectHostPropNativeOrigin";
/// `kOfxHostNativeOriginBottomLeft` (the header's string keeps the `k`).
pub const K_OFX_HOST_NATIVE_ORIGIN_BOTTOM_LEFT: &CStr =
    c"kOfxImageEffectHostPropNativeOriginBottomLeft";
/// `kOfxHostNativeOriginTopLeft` (the header's string keeps the `k`).
pub const K_OFX_HOST_NATIVE_ORIGIN_TOP_LEFT: &CStr = c"kOfxImageEffectHostPropNativeOriginTopLeft";
/// `kOfxHostNativeOriginCenter` (the header's string keeps the `k`).
pub const K_OFX_HOST_NATIVE_ORIGIN_CENTER: &CStr = c"kOfxImageEffectHostPropNativeOriginCenter";
/// `kOfxImageEffectPropInteractiveRenderStatus` (int X 1, render inArgs).
pub const K_OFX_IMAGE_EFFECT_PROP_INTERACTIVE_RENDER_STATUS: &CStr =
    c"OfxImageEffectPropInteractiveRenderStatus";
/// `kOfxImageEffectPluginPropGrouping` (string X 1).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_PROP_GROUPING: &CStr = c"OfxImageEffectPluginPropGrouping";
/// `kOfxImageEffectPropSupportsOverlays` (int X 1, host).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_OVERLAYS: &CStr = c"OfxImageEffectPropSupportsOverlays";
/// `kOfxImageEffectPluginPropOverlayInteractV1` (pointer X 1).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_PROP_OVERLAY_INTERACT_V1: &CStr =
    c"OfxImageEffectPluginPropOverlayInteractV1";
/// `kOfxImageEffectPluginPropOverlayInteractV2` (pointer X 1, 1.4+).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_PROP_OVERLAY_INTERACT_V2: &CStr =
    c"OfxImageEffectPluginPropOverlayInteractV2";
/// `kOfxImageEffectPropSupportsMultiResolution` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTI_RESOLUTION: &CStr =
    c"OfxImageEffectPropSupportsMultiResolution";
/// `kOfxImageEffectPropSupportsTiles` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES: &CStr = c"OfxImageEffectPropSupportsTiles";
/// `kOfxImageEffectPropTemporalClipAccess` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS: &CStr =
    c"OfxImageEffectPropTemporalClipAccess";
/// `kOfxImageEffectPropContext` (string X 1, instance / DescribeInContext inArgs).
pub const K_OFX_IMAGE_EFFECT_PROP_CONTEXT: &CStr = c"OfxImageEffectPropContext";
/// `kOfxImageEffectPropPixelDepth` (string X 1, clip / image).
pub const K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH: &CStr = c"OfxImageEffectPropPixelDepth";
/// `kOfxImageEffectPropComponents` (string X 1, clip / image).
pub const K_OFX_IMAGE_EFFECT_PROP_COMPONENTS: &CStr = c"OfxImageEffectPropComponents";
/// `kOfxImagePropUniqueIdentifier` (string X 1, image).
pub const K_OFX_IMAGE_PROP_UNIQUE_IDENTIFIER: &CStr = c"OfxImagePropUniqueIdentifier";
/// `kOfxImageClipPropContinuousSamples` (int X 1).
pub const K_OFX_IMAGE_CLIP_PROP_CONTINUOUS_SAMPLES: &CStr = c"OfxImageClipPropContinuousSamples";
/// `kOfxImageClipPropUnmappedPixelDepth` (string X 1, clip).
pub const K_OFX_IMAGE_CLIP_PROP_UNMAPPED_PIXEL_DEPTH: &CStr = c"OfxImageClipPropUnmappedPixelDepth";
/// `kOfxImageClipPropUnmappedComponents` (string X 1, clip).
pub const K_OFX_IMAGE_CLIP_PROP_UNMAPPED_COMPONENTS: &CStr = c"OfxImageClipPropUnmappedComponents";
/// `kOfxImageEffectPropPreMultiplication` (string X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_PRE_MULTIPLICATION: &CStr =
    c"OfxImageEffectPropPreMultiplication";
/// `kOfxImageOpaque`.
pub const K_OFX_IMAGE_OPAQUE: &CStr = c"OfxImageOpaque";
/// `kOfxImagePreMultiplied`.
pub const K_OFX_IMAGE_PRE_MULTIPLIED: &CStr = c"OfxImageAlphaPremultiplied";
/// `kOfxImageUnPreMultiplied`.
pub const K_OFX_IMAGE_UN_PRE_MULTIPLIED: &CStr = c"OfxImageAlphaUnPremultiplied";
/// `kOfxImageEffectPropSupportedPixelDepths` (string X N).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_PIXEL_DEPTHS: &CStr =
    c"OfxImageEffectPropSupportedPixelDepths";
/// `kOfxImageEffectPropSupportedComponents` (string X N).
pub const K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_COMPONENTS: &CStr =
    c"OfxImageEffectPropSupportedComponents";
/// `kOfxImageClipPropOptional` (int X 1, clip descriptor).
pub const K_OFX_IMAGE_CLIP_PROP_OPTIONAL: &CStr = c"OfxImageClipPropOptional";
/// `kOfxImageClipPropIsMask` (int X 1, clip descriptor).
pub const K_OFX_IMAGE_CLIP_PROP_IS_MASK: &CStr = c"OfxImageClipPropIsMask";
/// `kOfxImagePropPixelAspectRatio` (double X 1).
pub const K_OFX_IMAGE_PROP_PIXEL_ASPECT_RATIO: &CStr = c"OfxImagePropPixelAspectRatio";
/// `kOfxImageEffectPropFrameRate` (double X 1, frames per second).
pub const K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE: &CStr = c"OfxImageEffectPropFrameRate";
/// `kOfxImageEffectPropUnmappedFrameRate` (double X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RATE: &CStr =
    c"OfxImageEffectPropUnmappedFrameRate";
/// `kOfxImageEffectPropFrameStep` (double X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_FRAME_STEP: &CStr = c"OfxImageEffectPropFrameStep";
/// `kOfxImageEffectPropFrameRange` (double X 2).
pub const K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE: &CStr = c"OfxImageEffectPropFrameRange";
/// `kOfxImageEffectPropUnmappedFrameRange` (double X 2).
pub const K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RANGE: &CStr =
    c"OfxImageEffectPropUnmappedFrameRange";
/// `kOfxImageClipPropConnected` (int X 1).
pub const K_OFX_IMAGE_CLIP_PROP_CONNECTED: &CStr = c"OfxImageClipPropConnected";
/// `kOfxImageEffectFrameVarying` (int X 1, clip preferences outArgs).
pub const K_OFX_IMAGE_EFFECT_FRAME_VARYING: &CStr = c"OfxImageEffectFrameVarying";
/// `kOfxImageEffectPropRenderScale` (double X 2).
pub const K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE: &CStr = c"OfxImageEffectPropRenderScale";
/// `kOfxImageEffectPropRenderQualityDraft` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_RENDER_QUALITY_DRAFT: &CStr =
    c"OfxImageEffectPropRenderQualityDraft";
/// `kOfxImageEffectPropProjectExtent` (double X 2).
pub const K_OFX_IMAGE_EFFECT_PROP_PROJECT_EXTENT: &CStr = c"OfxImageEffectPropProjectExtent";
/// `kOfxImageEffectPropProjectSize` (double X 2).
pub const K_OFX_IMAGE_EFFECT_PROP_PROJECT_SIZE: &CStr = c"OfxImageEffectPropProjectSize";
/// `kOfxImageEffectPropProjectOffset` (double X 2).
pub const K_OFX_IMAGE_EFFECT_PROP_PROJECT_OFFSET: &CStr = c"OfxImageEffectPropProjectOffset";
/// `kOfxImageEffectPropProjectPixelAspectRatio` (double X 1). Note the
/// header's string differs from the macro name.
pub const K_OFX_IMAGE_EFFECT_PROP_PROJECT_PIXEL_ASPECT_RATIO: &CStr =
    c"OfxImageEffectPropPixelAspectRatio";
/// `kOfxImageEffectInstancePropEffectDuration` (double X 1, frames).
pub const K_OFX_IMAGE_EFFECT_INSTANCE_PROP_EFFECT_DURATION: &CStr =
    c"OfxImageEffectInstancePropEffectDuration";
/// `kOfxImageClipPropFieldOrder` (string X 1).
pub const K_OFX_IMAGE_CLIP_PROP_FIELD_ORDER: &CStr = c"OfxImageClipPropFieldOrder";
/// `kOfxImagePropData` (pointer X 1): lower left corner of the pixel bounds.
pub const K_OFX_IMAGE_PROP_DATA: &CStr = c"OfxImagePropData";
/// `kOfxImagePropBounds` (int X 4, pixel coordinates).
pub const K_OFX_IMAGE_PROP_BOUNDS: &CStr = c"OfxImagePropBounds";
/// `kOfxImagePropRegionOfDefinition` (int X 4, pixel coordinates).
pub const K_OFX_IMAGE_PROP_REGION_OF_DEFINITION: &CStr = c"OfxImagePropRegionOfDefinition";
/// `kOfxImagePropRowBytes` (int X 1, may be negative).
pub const K_OFX_IMAGE_PROP_ROW_BYTES: &CStr = c"OfxImagePropRowBytes";
/// `kOfxImagePropField` (string X 1).
pub const K_OFX_IMAGE_PROP_FIELD: &CStr = c"OfxImagePropField";
/// `kOfxImageEffectPluginPropFieldRenderTwiceAlways` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PLUGIN_PROP_FIELD_RENDER_TWICE_ALWAYS: &CStr =
    c"OfxImageEffectPluginPropFieldRenderTwiceAlways";
/// `kOfxImageClipPropFieldExtraction` (string X 1).
pub const K_OFX_IMAGE_CLIP_PROP_FIELD_EXTRACTION: &CStr = c"OfxImageClipPropFieldExtraction";
/// `kOfxImageEffectPropFieldToRender` (string X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_FIELD_TO_RENDER: &CStr = c"OfxImageEffectPropFieldToRender";
/// `kOfxImageEffectPropRegionOfDefinition` (double X 4, canonical coordinates).
pub const K_OFX_IMAGE_EFFECT_PROP_REGION_OF_DEFINITION: &CStr =
    c"OfxImageEffectPropRegionOfDefinition";
/// `kOfxImageEffectPropRegionOfInterest` (double X 4, canonical coordinates).
pub const K_OFX_IMAGE_EFFECT_PROP_REGION_OF_INTEREST: &CStr = c"OfxImageEffectPropRegionOfInterest";
/// `kOfxImageEffectPropRenderWindow` (int X 4, pixel coordinates).
pub const K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW: &CStr = c"OfxImageEffectPropRenderWindow";
/// `kOfxImageEffectPropInAnalysis` (int X 1, deprecated in 1.4).
pub const K_OFX_IMAGE_EFFECT_PROP_IN_ANALYSIS: &CStr = c"OfxImageEffectPropInAnalysis";
/// `kOfxImageEffectPropNoSpatialAwareness` (string X 1, "false"/"true", 1.4+).
pub const K_OFX_IMAGE_EFFECT_PROP_NO_SPATIAL_AWARENESS: &CStr =
    c"OfxImageEffectPropNoSpatialAwareness";

// Prefixes of per-clip outArgs properties (append the clip name).
/// `OfxImageClipPropRoI_` + clip name (GetRegionsOfInterest outArgs, double X 4).
pub const K_OFX_IMAGE_CLIP_PROP_ROI_PREFIX: &CStr = c"OfxImageClipPropRoI_";
/// `OfxImageClipPropFrameRange_` + clip name (GetFramesNeeded outArgs, double X 2N).
pub const K_OFX_IMAGE_CLIP_PROP_FRAME_RANGE_PREFIX: &CStr = c"OfxImageClipPropFrameRange_";
/// `OfxImageClipPropComponents_` + clip name (GetClipPreferences outArgs).
pub const K_OFX_IMAGE_CLIP_PROP_COMPONENTS_PREFIX: &CStr = c"OfxImageClipPropComponents_";
/// `OfxImageClipPropDepth_` + clip name (GetClipPreferences outArgs).
pub const K_OFX_IMAGE_CLIP_PROP_DEPTH_PREFIX: &CStr = c"OfxImageClipPropDepth_";
/// `OfxImageClipPropPAR_` + clip name (GetClipPreferences outArgs).
pub const K_OFX_IMAGE_CLIP_PROP_PAR_PREFIX: &CStr = c"OfxImageClipPropPAR_";

// Fields.
/// `kOfxImageFieldNone`.
pub const K_OFX_IMAGE_FIELD_NONE: &CStr = c"OfxFieldNone";
/// `kOfxImageFieldLower`.
pub const K_OFX_IMAGE_FIELD_LOWER: &CStr = c"OfxFieldLower";
/// `kOfxImageFieldUpper`.
pub const K_OFX_IMAGE_FIELD_UPPER: &CStr = c"OfxFieldUpper";
/// `kOfxImageFieldBoth`.
pub const K_OFX_IMAGE_FIELD_BOTH: &CStr = c"OfxFieldBoth";
/// `kOfxImageFieldSingle`.
pub const K_OFX_IMAGE_FIELD_SINGLE: &CStr = c"OfxFieldSingle";
/// `kOfxImageFieldDoubled`.
pub const K_OFX_IMAGE_FIELD_DOUBLED: &CStr = c"OfxFieldDoubled";

// Standard clip and param names.
/// `kOfxImageEffectOutputClipName`.
pub const K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME: &CStr = c"Output";
/// `kOfxImageEffectSimpleSourceClipName`.
pub const K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME: &CStr = c"Source";
/// `kOfxImageEffectTransitionSourceFromClipName`.
pub const K_OFX_IMAGE_EFFECT_TRANSITION_SOURCE_FROM_CLIP_NAME: &CStr = c"SourceFrom";
/// `kOfxImageEffectTransitionSourceToClipName`.
pub const K_OFX_IMAGE_EFFECT_TRANSITION_SOURCE_TO_CLIP_NAME: &CStr = c"SourceTo";
/// `kOfxImageEffectTransitionParamName`.
pub const K_OFX_IMAGE_EFFECT_TRANSITION_PARAM_NAME: &CStr = c"Transition";
/// `kOfxImageEffectRetimerParamName`.
pub const K_OFX_IMAGE_EFFECT_RETIMER_PARAM_NAME: &CStr = c"SourceTime";

// DaVinci Resolve extensions (Resolve 20+, reported; absent elsewhere).
/// `kOfxImageEffectPropSrcFilePath` (string X 1): source media file path.
pub const K_OFX_IMAGE_EFFECT_PROP_SRC_FILE_PATH: &CStr = c"OfxImageEffectPropSrcFilePath";
/// `kOfxImageEffectPropSrcFrame` (int X 1): source media frame.
pub const K_OFX_IMAGE_EFFECT_PROP_SRC_FRAME: &CStr = c"OfxImageEffectPropSrcFrame";

/// `kOfxImageEffectSuite`.
pub const K_OFX_IMAGE_EFFECT_SUITE: &CStr = c"OfxImageEffectSuite";

/// `OfxImageEffectSuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxImageEffectSuiteV1 {
    /// Property set of an effect.
    pub getPropertySet:
        Option<unsafe extern "C" fn(OfxImageEffectHandle, *mut OfxPropertySetHandle) -> OfxStatus>,
    /// Parameter set of an effect.
    pub getParamSet:
        Option<unsafe extern "C" fn(OfxImageEffectHandle, *mut OfxParamSetHandle) -> OfxStatus>,
    /// Define a clip (DescribeInContext).
    pub clipDefine: Option<
        unsafe extern "C" fn(
            OfxImageEffectHandle,
            *const c_char,
            *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Get a clip of an instance by name.
    pub clipGetHandle: Option<
        unsafe extern "C" fn(
            OfxImageEffectHandle,
            *const c_char,
            *mut OfxImageClipHandle,
            *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Property set of a clip.
    pub clipGetPropertySet:
        Option<unsafe extern "C" fn(OfxImageClipHandle, *mut OfxPropertySetHandle) -> OfxStatus>,
    /// Fetch an image (must be released with `clipReleaseImage`).
    pub clipGetImage: Option<
        unsafe extern "C" fn(
            OfxImageClipHandle,
            OfxTime,
            *const OfxRectD,
            *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Release an image from `clipGetImage`.
    pub clipReleaseImage: Option<unsafe extern "C" fn(OfxPropertySetHandle) -> OfxStatus>,
    /// Region of definition of a clip at a time (canonical coordinates).
    pub clipGetRegionOfDefinition:
        Option<unsafe extern "C" fn(OfxImageClipHandle, OfxTime, *mut OfxRectD) -> OfxStatus>,
    /// 1 if the effect should abort processing.
    pub abort: Option<unsafe extern "C" fn(OfxImageEffectHandle) -> c_int>,
    /// Allocate host image memory.
    pub imageMemoryAlloc: Option<
        unsafe extern "C" fn(OfxImageEffectHandle, usize, *mut OfxImageMemoryHandle) -> OfxStatus,
    >,
    /// Free host image memory.
    pub imageMemoryFree: Option<unsafe extern "C" fn(OfxImageMemoryHandle) -> OfxStatus>,
    /// Lock host image memory, returning its address.
    pub imageMemoryLock:
        Option<unsafe extern "C" fn(OfxImageMemoryHandle, *mut *mut c_void) -> OfxStatus>,
    /// Unlock host image memory.
    pub imageMemoryUnlock: Option<unsafe extern "C" fn(OfxImageMemoryHandle) -> OfxStatus>,
}
