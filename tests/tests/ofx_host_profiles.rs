//! The profiles give the plugin what the real hosts give: host capabilities,
//! and (MLT) missing project and clip properties that answer
//! kOfxStatErrUnknown through the property suite, clip formats unset at
//! CreateInstance, and a clip frame range that is the whole source (Resolve)
//! or the trimmed range (others).

mod common;

use circletake_tests::host::instance::InstanceSpec;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::status::Status;
use circletake_tests::host::suites::property;
use ofx_sys::{self as ofx, OfxPropertySetHandle};
use std::ffi::{c_double, CStr};

fn get_double(set: &circletake_tests::host::properties::PropertySet, name: &CStr) -> Status {
    let mut v: c_double = 0.0;
    // SAFETY: a live property set and a valid out pointer.
    Status::from_ofx(unsafe {
        property::SUITE.propGetDouble.unwrap()(
            set.handle() as OfxPropertySetHandle,
            name.as_ptr(),
            0,
            &mut v,
        )
    })
}

#[test]
fn mlt_like_lacks_project_and_clip_properties() {
    let (host, plugin) = common::load(HostProfile::mlt_like());
    assert_eq!(
        plugin.descriptor().get(ofx::K_OFX_PLUGIN_PROP_FILE_PATH),
        None,
        "no kOfxPluginPropFilePath"
    );
    let inst = plugin
        .create_instance(InstanceSpec::filter(common::synthetic()))
        .unwrap();
    assert!(inst.create_status().is_ok());
    for name in [
        ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_SIZE,
        ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_EXTENT,
        ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE,
        ofx::K_OFX_IMAGE_EFFECT_INSTANCE_PROP_EFFECT_DURATION,
    ] {
        assert_eq!(
            get_double(inst.props(), name),
            Status::ErrUnknown,
            "{name:?}"
        );
    }
    let src = inst.clip_props("Source").unwrap();
    assert_eq!(
        get_double(&src.props, ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE),
        Status::ErrUnknown
    );
    assert_eq!(
        src.props
            .string(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH)
            .as_deref(),
        Some("OfxBitDepthNone"),
        "format unset at CreateInstance"
    );
    assert_eq!(host.profile().contexts, ["OfxImageEffectContextFilter"]);
}

#[test]
fn frame_ranges_whole_source_on_resolve_trimmed_elsewhere() {
    for (profile, want) in [
        (HostProfile::resolve_like(), [0.0, 11.0]),
        (HostProfile::nuke_like(), [3.0, 8.0]),
    ] {
        let (_host, plugin) = common::load(profile.clone());
        let spec = InstanceSpec {
            trim: Some((3, 8)),
            ..InstanceSpec::filter(common::synthetic())
        };
        let inst = plugin.create_instance(spec).unwrap();
        let range = inst
            .clip_props("Source")
            .unwrap()
            .props
            .doubles(ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE)
            .unwrap();
        assert_eq!(range, want, "{}", profile.name);
        assert_eq!(
            get_double(inst.props(), ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_SIZE),
            Status::Ok
        );
    }
}

#[test]
fn host_capabilities_follow_the_profile() {
    for profile in HostProfile::all() {
        let (host, _plugin) = common::load(profile.clone());
        let h = circletake_tests::host::shared::HostShared::new(profile.clone());
        assert_eq!(
            h.props.int(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES),
            Some(i32::from(profile.tiles))
        );
        assert_eq!(
            h.props
                .int(ofx::K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS),
            Some(i32::from(profile.temporal_access))
        );
        let comps = h
            .props
            .strings(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_COMPONENTS)
            .unwrap();
        assert_eq!(
            comps.iter().any(|c| c == "OfxImageComponentRGB"),
            profile.name == "mlt-like",
            "{}: RGB only on MLT",
            profile.name
        );
        let _ = host;
    }
}

/// Fetches the source image at `time` as a plugin would from InstanceChanged.
fn image_in_instance_changed(
    profile: HostProfile,
) -> (
    circletake_tests::host::images::OwnedImage,
    circletake_tests::host::images::OwnedImage,
) {
    use circletake_tests::host::context::{self, ActionContext};
    use circletake_tests::host::images::{Components, Depth};
    use circletake_tests::host::render::RenderRequest;
    use circletake_tests::host::suites::image_effect;
    let (host, plugin) = common::load(profile);
    let inst = common::instance(&plugin, common::synthetic());
    // A render sets the clip formats (Float RGBA).
    assert!(inst
        .render(1.0, Depth::Float, Components::Rgba)
        .unwrap()
        .status
        .is_ok());
    let clip = inst.clip_props("Source").unwrap();
    let _in_changed = context::enter(ActionContext::new("OfxActionInstanceChanged", 0));
    let mut image: OfxPropertySetHandle = std::ptr::null_mut();
    // SAFETY: a live clip handle and a valid out pointer; the image is released below.
    let st = unsafe {
        image_effect::SUITE.clipGetImage.unwrap()(
            clip.handle().cast(),
            2.0,
            std::ptr::null(),
            &mut image,
        )
    };
    assert_eq!(Status::from_ofx(st), Status::Ok);
    // SAFETY: the handle just returned; the image node begins with its property set.
    let props = unsafe {
        circletake_tests::host::properties::PropertySet::from_handle(
            image as *const std::ffi::c_void,
        )
    }
    .unwrap();
    let data = props.get(ofx::K_OFX_IMAGE_PROP_DATA).unwrap();
    let bounds = props.ints(ofx::K_OFX_IMAGE_PROP_BOUNDS).unwrap();
    let rb = props.int(ofx::K_OFX_IMAGE_PROP_ROW_BYTES).unwrap();
    let circletake_tests::host::properties::Value::Pointer(p) = data else {
        panic!("data is a pointer")
    };
    let b = circletake_tests::host::images::RectI::new(bounds[0], bounds[1], bounds[2], bounds[3]);
    let mut got = circletake_tests::host::images::OwnedImage::new(
        Depth::Float,
        Components::Rgba,
        b,
        Default::default(),
    );
    for y in b.y1..b.y2 {
        let start = (p[0] as *const u8).wrapping_offset((y - b.y1) as isize * rb as isize);
        // SAFETY: a row of the live image: `rb` bytes apart from the data pointer (bottom row).
        let row = unsafe { std::slice::from_raw_parts(start, b.width() * 16) };
        for x in b.x1..b.x2 {
            let o = (x - b.x1) as usize * 16;
            got.pixel_mut(x, y)
                .unwrap()
                .copy_from_slice(&row[o..o + 16]);
        }
    }
    // SAFETY: releasing the image handle once.
    let released = unsafe { image_effect::SUITE.clipReleaseImage.unwrap()(image) };
    assert_eq!(Status::from_ofx(released), Status::Ok);
    let want = inst
        .expected_passthrough(&RenderRequest::new(2.0, Depth::Float, Components::Rgba))
        .unwrap();
    assert_eq!(host.unreleased_images(), 0);
    (got, want)
}

#[test]
fn resolve14_hands_out_garbage_outside_render_others_real_frames() {
    let (got, want) = image_in_instance_changed(HostProfile::resolve_like());
    assert_eq!(
        got.first_difference(&want, want.bounds),
        None,
        "temporal access from InstanceChanged"
    );
    let (got, want) = image_in_instance_changed(HostProfile::resolve14_like());
    assert!(
        got.first_difference(&want, want.bounds).is_some(),
        "Resolve 14-like: garbage outside Render"
    );
}
