//! Helpers shared by the ofx_host_* tests.
#![allow(dead_code)]

use circletake_tests::host::frames::{FrameSource, Synthetic};
use circletake_tests::host::instance::{Instance, InstanceSpec};
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::{Host, Plugin};
use std::sync::Arc;

/// The effect under test.
pub const SHOT_SCORE: &str = "org.circletake.ShotScore";

/// Loads the bundle under `profile` and describes Shot Score.
pub fn load(profile: HostProfile) -> (Host, Plugin) {
    let host = Host::load_default(profile)
        .unwrap_or_else(|e| panic!("cannot load the plugin bundle: {e}"));
    let plugin = host
        .plugin(SHOT_SCORE)
        .unwrap_or_else(|e| panic!("{SHOT_SCORE}: {e}"));
    (host, plugin)
}

/// A small synthetic clip (odd sizes catch stride mistakes).
pub fn synthetic() -> Arc<dyn FrameSource> {
    Arc::new(Synthetic::new(67, 41, 12))
}

/// A filter instance on `source` with the overlay off and "Analyze While
/// Playing" on (the defaults), so hosts that ask IsIdentity still get a
/// Render, whose output must be the source itself.
pub fn instance(plugin: &Plugin, source: Arc<dyn FrameSource>) -> Instance {
    let inst = plugin
        .create_instance(InstanceSpec::filter(source))
        .expect("create instance");
    assert!(
        inst.create_status().is_ok(),
        "CreateInstance returned {}",
        inst.create_status()
    );
    inst.set_param("overlay", ParamValue::Num(vec![0.0]), None)
        .expect("set overlay");
    inst.set_param("analyze_while_playing", ParamValue::Num(vec![1.0]), None)
        .expect("set analyze_while_playing");
    inst
}

/// Fails the test with the host's protocol violations, if any.
pub fn assert_no_violations(host: &Host) {
    let v = host.violations();
    assert!(
        v.is_empty(),
        "protocol violations under {}: {v:#?}",
        host.profile().name
    );
    assert_eq!(
        host.unreleased_images(),
        0,
        "images not released under {}",
        host.profile().name
    );
}
