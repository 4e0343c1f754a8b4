//! The full action sequence of each host profile reaches the plugin and every
//! action gets an acceptable reply: Load, Describe, DescribeInContext,
//! CreateInstance, the per-frame render actions in the host's order,
//! DestroyInstance and a single Unload.

mod common;

use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::mlt;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::records::ActionRecord;
use circletake_tests::host::status::Status;
use ofx_sys as ofx;

fn names(actions: &[ActionRecord], instance: u64) -> Vec<String> {
    actions
        .iter()
        .filter(|a| a.instance == instance)
        .map(|a| a.action.clone())
        .collect()
}

fn assert_replies_ok(actions: &[ActionRecord]) {
    for a in actions {
        assert!(
            a.status.is_ok_or_default(),
            "{} replied {}",
            a.action,
            a.status
        );
    }
}

#[test]
fn resolve_like_sequence() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = common::instance(&plugin, common::synthetic());
    let r = inst.render(2.0, Depth::Short, Components::Rgba).unwrap();
    assert!(r.status.is_ok(), "{}", r.status);
    assert!(inst.sync_private_data().unwrap().is_ok_or_default());
    assert!(inst
        .send_plain(ofx::K_OFX_ACTION_PURGE_CACHES)
        .is_ok_or_default());
    assert_eq!(inst.destroy(), Some(Status::Ok));
    drop(inst);
    drop(plugin);
    let actions = host.actions();
    let per_instance = names(&actions, 1);
    let render_part: Vec<&str> = per_instance
        .iter()
        .map(String::as_str)
        .skip_while(|a| *a != "OfxImageEffectActionGetClipPreferences")
        .take(8)
        .collect();
    assert_eq!(
        render_part,
        [
            "OfxImageEffectActionGetClipPreferences",
            "OfxImageEffectActionGetRegionOfDefinition",
            "OfxImageEffectActionGetFramesNeeded",
            "OfxImageEffectActionIsIdentity",
            "OfxImageEffectActionGetRegionsOfInterest",
            "OfxImageEffectActionBeginSequenceRender",
            "OfxImageEffectActionRender",
            "OfxImageEffectActionEndSequenceRender",
        ]
    );
    assert_eq!(
        per_instance.first().map(String::as_str),
        Some("OfxActionCreateInstance")
    );
    assert_eq!(
        per_instance.last().map(String::as_str),
        Some("OfxActionDestroyInstance")
    );
    assert_replies_ok(&actions);
    common::assert_no_violations(&host);
    assert_eq!(host.unload(), vec![Status::Ok]);
}

#[test]
fn overlay_off_is_an_identity_for_hosts_that_ask() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = plugin
        .create_instance(circletake_tests::host::instance::InstanceSpec::filter(
            common::synthetic(),
        ))
        .unwrap();
    // Not measuring during playback: nothing needs the frames.
    inst.set_param(
        "analyze_while_playing",
        circletake_tests::host::keyframes::ParamValue::Num(vec![0.0]),
        None,
    )
    .unwrap();
    let r = inst.render(4.0, Depth::Float, Components::Rgba).unwrap();
    assert_eq!(
        r.identity,
        Some(("Source".to_string(), 4.0)),
        "overlay off: the source itself"
    );
    let expected = inst
        .expected_passthrough(&circletake_tests::host::render::RenderRequest::new(
            4.0,
            Depth::Float,
            Components::Rgba,
        ))
        .unwrap();
    assert_eq!(r.image.first_difference(&expected, expected.bounds), None);
    assert!(
        !names(&host.actions(), inst.serial()).contains(&"OfxImageEffectActionRender".to_string())
    );
    common::assert_no_violations(&host);
}

#[test]
fn nuke_like_sequence_renders_tiles_between_one_begin_and_end() {
    let (host, plugin) = common::load(HostProfile::nuke_like());
    let inst = common::instance(&plugin, common::synthetic());
    let r = inst.render(5.0, Depth::Float, Components::Alpha).unwrap();
    assert!(r.status.is_ok(), "{}", r.status);
    assert!(r.windows.len() > 1, "tiles: {:?}", r.windows);
    let seq = names(&host.actions(), inst.serial());
    let renders = seq
        .iter()
        .filter(|a| *a == "OfxImageEffectActionRender")
        .count();
    let rois = seq
        .iter()
        .filter(|a| *a == "OfxImageEffectActionGetRegionsOfInterest")
        .count();
    assert_eq!((renders, rois), (r.windows.len(), r.windows.len()));
    assert_eq!(
        seq.iter()
            .filter(|a| *a == "OfxImageEffectActionBeginSequenceRender")
            .count(),
        1
    );
    assert_replies_ok(&host.actions());
    common::assert_no_violations(&host);
}

#[test]
fn mlt_like_sequence_per_frame() {
    let (host, plugin) = common::load(HostProfile::mlt_like());
    let frames = [0usize, 1, 2];
    let out = mlt::render_frames(
        &plugin,
        common::synthetic(),
        &frames,
        Depth::Byte,
        Components::Rgba,
        1,
    );
    for f in &out {
        assert!(
            f.create_status.is_ok(),
            "frame {}: CreateInstance {}",
            f.frame,
            f.create_status
        );
        let r = f
            .result
            .as_ref()
            .unwrap_or_else(|e| panic!("frame {}: {e}", f.frame));
        assert!(r.status.is_ok(), "frame {}: {}", f.frame, r.status);
    }
    let actions = host.actions();
    // One instance per frame, each with exactly melt's sequence.
    for serial in 1..=frames.len() as u64 {
        assert_eq!(
            names(&actions, serial),
            [
                "OfxActionCreateInstance",
                "OfxImageEffectActionGetClipPreferences",
                "OfxImageEffectActionGetRegionOfDefinition",
                "OfxImageEffectActionGetRegionsOfInterest",
                "OfxImageEffectActionBeginSequenceRender",
                "OfxImageEffectActionRender",
                "OfxImageEffectActionEndSequenceRender",
                "OfxActionDestroyInstance",
            ],
            "instance {serial}"
        );
    }
    let loads = actions
        .iter()
        .filter(|a| a.action == "OfxActionLoad")
        .count();
    assert_eq!(
        loads,
        1 + frames.len(),
        "Load once at start and again per frame"
    );
    assert_replies_ok(&actions);
    common::assert_no_violations(&host);
    assert_eq!(host.unload(), vec![Status::Ok]);
    let unloads = host
        .actions()
        .iter()
        .filter(|a| a.action == "OfxActionUnload")
        .count();
    assert_eq!(unloads, 1, "a single Unload");
}
