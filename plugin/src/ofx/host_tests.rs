//! The entry points driven by a minimal in-process fake host: Load,
//! Describe, DescribeInContext, instance data life cycle, unknown actions.

use std::ffi::{c_void, CStr};
use std::time::Instant;

use ofx_sys::*;

use super::dispatch::main_entry;
use super::suites;
use super::testing::{fake_host, FakeEffect, FakeProps};
use crate::effects::shot_score::ShotScore;

fn call(action: &CStr, handle: *const c_void, in_args: OfxPropertySetHandle) -> OfxStatus {
    // SAFETY: a valid action string and fake handles/property sets.
    unsafe { main_entry::<ShotScore>(action.as_ptr(), handle, in_args, std::ptr::null_mut()) }
}

fn load() {
    let host = fake_host();
    // SAFETY: a valid OfxHost.
    unsafe { suites::set_host(&host) };
    assert_eq!(
        call(K_OFX_ACTION_LOAD, std::ptr::null(), std::ptr::null_mut()),
        OfxStatus::OK
    );
}

fn describe_all(effect: &FakeEffect, context: &CStr) -> OfxStatus {
    let h = effect.handle() as *const c_void;
    let status = call(K_OFX_ACTION_DESCRIBE, h, std::ptr::null_mut());
    if status != OfxStatus::OK {
        return status;
    }
    let args = FakeProps::new();
    args.set()
        .set_cstr(K_OFX_IMAGE_EFFECT_PROP_CONTEXT, 0, context)
        .unwrap();
    call(
        K_OFX_IMAGE_EFFECT_ACTION_DESCRIBE_IN_CONTEXT,
        h,
        args.handle(),
    )
}

#[test]
fn load_is_idempotent() {
    load();
    let first = suites::get().unwrap() as *const _;
    load();
    load();
    assert_eq!(first, suites::get().unwrap() as *const _);
    assert_eq!(
        call(K_OFX_ACTION_UNLOAD, std::ptr::null(), std::ptr::null_mut()),
        OfxStatus::OK
    );
}

#[test]
fn describe_sets_capabilities_clips_and_params() {
    load();
    let effect = FakeEffect::new();
    let start = Instant::now();
    assert_eq!(
        describe_all(&effect, K_OFX_IMAGE_EFFECT_CONTEXT_FILTER),
        OfxStatus::OK
    );
    println!(
        "Load+Describe+DescribeInContext (fake host): {:?}",
        start.elapsed()
    );

    let p = &effect.props;
    assert_eq!(p.strings("OfxPropLabel"), ["Shot Score"]);
    assert_eq!(
        p.strings("OfxImageEffectPluginPropGrouping"),
        ["CircleTake"]
    );
    assert_eq!(
        p.strings("OfxImageEffectPropSupportedContexts"),
        [
            "OfxImageEffectContextFilter",
            "OfxImageEffectContextGeneral"
        ]
    );
    assert_eq!(p.strings("OfxImageEffectPropSupportedPixelDepths").len(), 4);
    assert_eq!(
        p.strings("OfxImageEffectPluginRenderThreadSafety"),
        ["OfxImageEffectRenderFullySafe"]
    );
    assert_eq!(
        p.strings("OfxPluginPropParamPageOrder"),
        ["controls", "results"]
    );

    effect.with_clip("Source", |c| {
        assert_eq!(c.strings("OfxImageEffectPropSupportedComponents").len(), 3);
    });
    effect.with_clip("Output", |_| {});

    let names = effect.params.names();
    assert!(names.contains(&("OfxParamTypeBoolean".into(), "overlay".into())));
    assert!(names.contains(&("OfxParamTypePushButton".into(), "analyze".into())));
    assert!(names.contains(&("OfxParamTypeChoice".into(), "device".into())));
    effect.params.with_props("device", |d| {
        assert_eq!(
            d.strings("OfxParamPropChoiceOption"),
            ["Auto", "CPU", "CUDA"]
        );
    });
    effect.params.with_props("controls", |page| {
        assert_eq!(
            page.strings("OfxParamPropPageChild"),
            [
                "overlay",
                "analyze",
                "device",
                "quality",
                "analyze_while_playing",
                "signal_curves",
                "clip_length",
                "export_folder",
                "export",
                "export_after_analysis"
            ]
        );
    });
    effect.params.with_props("analysis_state", |s| {
        let secret = s.set().get_int(K_OFX_PARAM_PROP_SECRET, 0).unwrap();
        let persistent = s.set().get_int(K_OFX_PARAM_PROP_PERSISTANT, 0).unwrap();
        assert_eq!((secret, persistent), (Some(1), Some(1)));
    });
}

#[test]
fn describing_the_same_descriptor_twice_is_fine() {
    load();
    let effect = FakeEffect::new();
    assert_eq!(
        describe_all(&effect, K_OFX_IMAGE_EFFECT_CONTEXT_FILTER),
        OfxStatus::OK
    );
    let params = effect.params.names().len();
    assert_eq!(
        describe_all(&effect, K_OFX_IMAGE_EFFECT_CONTEXT_FILTER),
        OfxStatus::OK
    );
    assert_eq!(effect.params.names().len(), params);
}

#[test]
fn describe_is_safe_to_run_concurrently() {
    load();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                let effect = FakeEffect::new();
                describe_all(&effect, K_OFX_IMAGE_EFFECT_CONTEXT_FILTER)
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), OfxStatus::OK);
    }
}

#[test]
fn unsupported_context_is_a_missing_host_feature() {
    load();
    let effect = FakeEffect::new();
    assert_eq!(
        describe_all(&effect, K_OFX_IMAGE_EFFECT_CONTEXT_GENERATOR),
        OfxStatus::ERR_MISSING_HOST_FEATURE
    );
}

#[test]
fn unknown_actions_reply_default() {
    load();
    let effect = FakeEffect::new();
    let h = effect.handle() as *const c_void;
    assert_eq!(
        call(c"OfxActionNotInvented", h, std::ptr::null_mut()),
        OfxStatus::REPLY_DEFAULT
    );
    // SAFETY: a NULL action is allowed to reach main_entry.
    let s = unsafe {
        main_entry::<ShotScore>(
            std::ptr::null(),
            h,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(s, OfxStatus::ERR_BAD_HANDLE);
}

#[test]
fn actions_without_instance_data_fail_cleanly() {
    load();
    let effect = FakeEffect::new();
    let h = effect.handle() as *const c_void;
    let args = FakeProps::new();
    for action in [
        K_OFX_IMAGE_EFFECT_ACTION_RENDER,
        K_OFX_IMAGE_EFFECT_ACTION_IS_IDENTITY,
        K_OFX_IMAGE_EFFECT_ACTION_GET_CLIP_PREFERENCES,
        K_OFX_IMAGE_EFFECT_ACTION_BEGIN_SEQUENCE_RENDER,
        K_OFX_ACTION_INSTANCE_CHANGED,
        K_OFX_ACTION_SYNC_PRIVATE_DATA,
        K_OFX_ACTION_DESTROY_INSTANCE,
    ] {
        assert_eq!(
            call(action, h, args.handle()),
            OfxStatus::FAILED,
            "{action:?}"
        );
    }
}

#[test]
fn instance_data_is_created_and_freed_exactly_once() {
    load();
    let effect = FakeEffect::new();
    let h = effect.handle() as *const c_void;
    assert_eq!(
        call(K_OFX_ACTION_CREATE_INSTANCE, h, std::ptr::null_mut()),
        OfxStatus::OK
    );
    let data = effect
        .props
        .set()
        .get_pointer(K_OFX_PROP_INSTANCE_DATA, 0)
        .unwrap()
        .unwrap();
    assert!(!data.is_null());
    // Shot Score handles PurgeCaches (drops unfinished render-driven analyses).
    assert_eq!(
        call(K_OFX_ACTION_PURGE_CACHES, h, std::ptr::null_mut()),
        OfxStatus::OK
    );
    assert_eq!(
        call(K_OFX_ACTION_DESTROY_INSTANCE, h, std::ptr::null_mut()),
        OfxStatus::OK
    );
    let data = effect
        .props
        .set()
        .get_pointer(K_OFX_PROP_INSTANCE_DATA, 0)
        .unwrap()
        .unwrap();
    assert!(data.is_null());
    assert_eq!(
        call(K_OFX_ACTION_DESTROY_INSTANCE, h, std::ptr::null_mut()),
        OfxStatus::FAILED
    );
}

#[test]
fn exported_plugin_list() {
    let n = crate::OfxGetNumberOfPlugins();
    assert_eq!(n, 2);
    let p = crate::OfxGetPlugin(0);
    assert!(!p.is_null());
    // SAFETY: non-NULL pointer to our static plug-in struct.
    let plugin = unsafe { &*p };
    // SAFETY: the identifier is a 'static C string.
    let id = unsafe { CStr::from_ptr(plugin.pluginIdentifier) };
    assert_eq!(id, c"org.circletake.ShotScore");
    assert_eq!(
        (plugin.pluginVersionMajor, plugin.pluginVersionMinor),
        (1, 0)
    );
    assert!(plugin.setHost.is_some() && plugin.mainEntry.is_some());
    // SAFETY: the second entry is our static Cut Check struct (non-NULL checked).
    let second = unsafe { crate::OfxGetPlugin(1).as_ref() }.expect("Cut Check");
    // SAFETY: the identifier is a 'static C string.
    let id = unsafe { CStr::from_ptr(second.pluginIdentifier) };
    assert_eq!(id, c"org.circletake.CutCheck");
    assert!(crate::OfxGetPlugin(2).is_null());
    assert!(crate::OfxGetPlugin(-1).is_null());
    // SAFETY: NULL is explicitly handled.
    let status = unsafe { crate::OfxSetHost(std::ptr::null()) };
    assert_eq!(status, OfxStatus::ERR_BAD_HANDLE);
}
