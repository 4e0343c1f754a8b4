//! Nothing a host does crashes the host process: actions sent after a failed
//! CreateInstance (MLT goes on), unknown actions, actions with NULL arguments,
//! renders of times where the source has no frame (transparent black).

mod common;

use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::instance::InstanceSpec;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::{Faults, HostProfile};
use circletake_tests::host::status::Status;
use ofx_sys as ofx;

fn failing(profile: HostProfile) -> HostProfile {
    HostProfile {
        faults: Faults {
            no_instance_data: true,
            ..Faults::default()
        },
        ..profile
    }
}

#[test]
fn actions_after_a_failed_create_instance_never_crash() {
    for profile in [
        failing(HostProfile::mlt_like()),
        failing(HostProfile::resolve_like()),
    ] {
        let name = profile.name;
        let optional = profile.sends_optional_actions;
        let (host, plugin) = common::load(profile);
        let inst = plugin
            .create_instance(InstanceSpec::filter(common::synthetic()))
            .unwrap();
        assert!(
            inst.create_status().is_error(),
            "{name}: CreateInstance must fail when the instance data cannot be stored, got {}",
            inst.create_status()
        );
        assert!(
            !inst.messages().is_empty() || !host.messages().is_empty(),
            "{name}: the failure is reported to the user"
        );
        // Everything a host may still send; each must answer with a status.
        let r = inst.render(0.0, Depth::Float, Components::Rgba).unwrap();
        assert!(
            r.status.is_error(),
            "{name}: render of a failed instance: {}",
            r.status
        );
        if optional {
            let _ = inst
                .set_param("overlay", ParamValue::Num(vec![1.0]), None)
                .unwrap();
            let _ = inst.press_button("analyze").unwrap();
            let _ = inst.sync_private_data().unwrap();
        }
        for a in [
            ofx::K_OFX_ACTION_PURGE_CACHES,
            ofx::K_OFX_ACTION_BEGIN_INSTANCE_EDIT,
            ofx::K_OFX_ACTION_END_INSTANCE_EDIT,
        ] {
            let _ = inst.send_plain(a);
        }
        let _ = inst.destroy();
        // The plugin is still usable for a healthy host afterwards.
        let (_h2, p2) = common::load(HostProfile::resolve_like());
        let ok = common::instance(&p2, common::synthetic());
        assert!(ok
            .render(0.0, Depth::Float, Components::Rgba)
            .unwrap()
            .status
            .is_ok());
        println!(
            "{name}: {} actions after the failed CreateInstance answered without a crash",
            host.actions()
                .iter()
                .filter(|a| a.instance == inst.serial())
                .count()
        );
    }
}

#[test]
fn unknown_and_malformed_actions_get_a_status() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = common::instance(&plugin, common::synthetic());
    assert_eq!(
        inst.send_plain(c"OfxActionThatDoesNotExist"),
        Status::ReplyDefault
    );
    // Render and RoD without their inArgs (a broken host): an error, not a crash.
    for a in [
        ofx::K_OFX_IMAGE_EFFECT_ACTION_RENDER,
        ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_REGION_OF_DEFINITION,
        ofx::K_OFX_ACTION_INSTANCE_CHANGED,
    ] {
        let st = inst.send_plain(a);
        assert!(
            st.is_error(),
            "{} with NULL arguments replied {st}",
            a.to_string_lossy()
        );
    }
    assert!(
        inst.render(0.0, Depth::Float, Components::Rgba)
            .unwrap()
            .status
            .is_ok(),
        "still renders"
    );
    let _ = host;
}

#[test]
fn times_without_a_source_frame_render_transparent_black() {
    let (host, plugin) = common::load(HostProfile::nuke_like());
    let inst = common::instance(&plugin, common::synthetic());
    for t in [-1.0, 12.0, 1000.0, 2.5] {
        let r = inst.render(t, Depth::Float, Components::Rgba).unwrap();
        assert!(r.status.is_ok(), "frame {t}: {}", r.status);
        let b = r.image.bounds;
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                assert_eq!(
                    r.image.pixel_f32(x, y).unwrap(),
                    [0.0; 4],
                    "frame {t} pixel ({x}, {y}): clipGetImage failed, so transparent black"
                );
            }
        }
    }
    common::assert_no_violations(&host);
}
