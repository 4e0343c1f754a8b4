//! Struct sizes and offsets of the OpenFX C ABI on this target: a suite is
//! exactly its function pointers in header order, the plain structs follow C
//! layout rules.

use std::mem::{offset_of, size_of};

use ofx_sys::*;

const PTR: usize = size_of::<*const u8>();

#[test]
fn suites_are_their_function_pointers() {
    assert_eq!(size_of::<OfxPropertySuiteV1>(), 18 * PTR);
    assert_eq!(size_of::<OfxImageEffectSuiteV1>(), 13 * PTR);
    assert_eq!(size_of::<OfxParameterSuiteV1>(), 18 * PTR);
    assert_eq!(size_of::<OfxMemorySuiteV1>(), 2 * PTR);
    assert_eq!(size_of::<OfxMultiThreadSuiteV1>(), 9 * PTR);
    assert_eq!(size_of::<OfxMessageSuiteV1>(), PTR);
    assert_eq!(size_of::<OfxMessageSuiteV2>(), 3 * PTR);
    assert_eq!(size_of::<OfxProgressSuiteV1>(), 3 * PTR);
    assert_eq!(size_of::<OfxProgressSuiteV2>(), 3 * PTR);
    assert_eq!(size_of::<OfxTimeLineSuiteV1>(), 3 * PTR);
    assert_eq!(size_of::<OfxImageEffectOpenGLRenderSuiteV1>(), 3 * PTR);
}

#[test]
fn suite_member_order_matches_headers() {
    assert_eq!(offset_of!(OfxPropertySuiteV1, propGetPointer), 8 * PTR);
    assert_eq!(offset_of!(OfxPropertySuiteV1, propGetDimension), 17 * PTR);
    assert_eq!(offset_of!(OfxImageEffectSuiteV1, clipGetImage), 5 * PTR);
    assert_eq!(offset_of!(OfxImageEffectSuiteV1, abort), 8 * PTR);
    assert_eq!(
        offset_of!(OfxImageEffectSuiteV1, imageMemoryUnlock),
        12 * PTR
    );
    assert_eq!(
        offset_of!(OfxParameterSuiteV1, paramGetValueAtTime),
        5 * PTR
    );
    assert_eq!(
        offset_of!(OfxParameterSuiteV1, paramSetValueAtTime),
        9 * PTR
    );
    assert_eq!(
        offset_of!(OfxParameterSuiteV1, paramDeleteAllKeys),
        14 * PTR
    );
    assert_eq!(offset_of!(OfxParameterSuiteV1, paramEditEnd), 17 * PTR);
    assert_eq!(offset_of!(OfxMessageSuiteV2, setPersistentMessage), PTR);
    assert_eq!(offset_of!(OfxMultiThreadSuiteV1, mutexCreate), 4 * PTR);
}

#[test]
fn host_and_plugin_structs() {
    assert_eq!(size_of::<OfxHost>(), 2 * PTR);
    assert_eq!(offset_of!(OfxHost, fetchSuite), PTR);
    // const char*, int (+padding), const char*, 2 x unsigned, 2 fn pointers.
    assert_eq!(offset_of!(OfxPlugin, apiVersion), PTR);
    assert_eq!(offset_of!(OfxPlugin, pluginIdentifier), 2 * PTR);
    assert_eq!(offset_of!(OfxPlugin, pluginVersionMajor), 3 * PTR);
    assert_eq!(offset_of!(OfxPlugin, pluginVersionMinor), 3 * PTR + 4);
    assert_eq!(offset_of!(OfxPlugin, setHost), 4 * PTR);
    assert_eq!(offset_of!(OfxPlugin, mainEntry), 5 * PTR);
    assert_eq!(size_of::<OfxPlugin>(), 6 * PTR);
}

#[test]
fn geometry_structs() {
    assert_eq!(size_of::<OfxRectD>(), 32);
    assert_eq!(size_of::<OfxRectI>(), 16);
    assert_eq!(offset_of!(OfxRectI, y2), 12);
    assert_eq!(offset_of!(OfxRectD, x2), 16);
    assert_eq!(size_of::<OfxPointD>(), 16);
    assert_eq!(size_of::<OfxPointI>(), 8);
    assert_eq!(size_of::<OfxRangeD>(), 16);
    assert_eq!(size_of::<OfxRangeI>(), 8);
    assert_eq!(size_of::<OfxRGBAColourF>(), 16);
    assert_eq!(size_of::<OfxRGBAColourD>(), 32);
    assert_eq!(size_of::<OfxRGBColourS>(), 6);
    assert_eq!(size_of::<OfxStatus>(), size_of::<std::ffi::c_int>());
}

#[test]
fn status_values_and_names() {
    assert_eq!(OfxStatus::OK.0, 0);
    assert_eq!(OfxStatus::REPLY_DEFAULT.0, 14);
    assert_eq!(OfxStatus::ERR_IMAGE_FORMAT.0, 1000);
    assert_eq!(OfxStatus::GPU_RENDER_FAILED.0, 1002);
    assert_eq!(
        OfxStatus::ERR_MISSING_HOST_FEATURE.name(),
        "kOfxStatErrMissingHostFeature"
    );
    assert_eq!(OfxStatus(77).name(), "unknown OfxStatus");
}

#[test]
fn strings_whose_value_differs_from_their_name() {
    assert_eq!(
        K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTIPLE_CLIP_DEPTHS.to_bytes(),
        b"OfxImageEffectPropMultipleClipDepths"
    );
    assert_eq!(
        K_OFX_IMAGE_EFFECT_PROP_PROJECT_PIXEL_ASPECT_RATIO.to_bytes(),
        b"OfxImageEffectPropPixelAspectRatio"
    );
    assert_eq!(
        K_OFX_IMAGE_PRE_MULTIPLIED.to_bytes(),
        b"OfxImageAlphaPremultiplied"
    );
    assert_eq!(
        K_OFX_PARAM_PROP_PERSISTANT.to_bytes(),
        b"OfxParamPropPersistant"
    );
    assert_eq!(K_OFX_IMAGE_FIELD_NONE.to_bytes(), b"OfxFieldNone");
    assert_eq!(
        K_OFX_IMAGE_EFFECT_PLUGIN_API.to_bytes(),
        b"OfxImageEffectPluginAPI"
    );
}
