//! Parameters between host and plugin: values the user keys are what the
//! plugin reads at each time (IsIdentity follows a keyed `overlay`), and
//! params survive a saved-and-reopened project (snapshot, restore into a new
//! instance).

mod common;

use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::instance::InstanceSpec;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;

#[test]
fn keyed_overlay_is_read_at_each_frame_time() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = plugin
        .create_instance(InstanceSpec::filter(common::synthetic()))
        .unwrap();
    // Without measuring during playback, IsIdentity follows the overlay alone.
    inst.set_param("analyze_while_playing", ParamValue::Num(vec![0.0]), None)
        .unwrap();
    // Off until frame 5, on from frame 5 (booleans step between keys).
    inst.set_param("overlay", ParamValue::Num(vec![0.0]), Some(0.0))
        .unwrap();
    inst.set_param("overlay", ParamValue::Num(vec![1.0]), Some(5.0))
        .unwrap();
    assert_eq!(inst.param_keys("overlay").len(), 2);
    host.set_time(9.0); // the playhead elsewhere: renders must use their own time
    for (t, identity) in [(2.0, true), (4.0, true), (5.0, false), (8.0, false)] {
        let r = inst.render(t, Depth::Float, Components::Rgba).unwrap();
        assert!(r.status.is_ok());
        assert_eq!(
            r.identity.is_some(),
            identity,
            "frame {t}: overlay is {}",
            if identity { "off" } else { "on" }
        );
    }
    common::assert_no_violations(&host);
}

#[test]
fn params_survive_a_reopened_project() {
    let (host, plugin) = common::load(HostProfile::nuke_like());
    let first = plugin
        .create_instance(InstanceSpec::filter(common::synthetic()))
        .unwrap();
    first
        .set_param("quality", ParamValue::Num(vec![1.0]), None)
        .unwrap();
    first
        .set_param(
            "analysis_state",
            ParamValue::Str("{\"version\":1}".into()),
            None,
        )
        .unwrap();
    first
        .set_param("overlay", ParamValue::Num(vec![1.0]), Some(3.0))
        .unwrap();
    assert!(first.sync_private_data().unwrap().is_ok_or_default());
    let saved = first.snapshot();
    drop(first);
    let spec = InstanceSpec {
        restore: Some(saved),
        ..InstanceSpec::filter(common::synthetic())
    };
    let second = plugin.create_instance(spec).unwrap();
    assert!(second.create_status().is_ok());
    assert_eq!(
        second.param_value("quality", 0.0),
        Some(ParamValue::Num(vec![1.0]))
    );
    assert_eq!(
        second.param_value("analysis_state", 0.0),
        Some(ParamValue::Str("{\"version\":1}".into()))
    );
    assert_eq!(
        second.param_keys("overlay"),
        vec![(3.0, ParamValue::Num(vec![1.0]))]
    );
    assert!(second
        .render(3.0, Depth::Float, Components::Alpha)
        .unwrap()
        .status
        .is_ok());
    common::assert_no_violations(&host);
}
