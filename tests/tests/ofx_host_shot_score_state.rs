//! Shot Score's analysis saved with the project (hidden `analysis_state`
//! param): a reopened project shows the same results (params and the
//! instance's own report, seen through IsIdentity and an export), and a
//! corrupt, truncated or other-version payload is reported through the
//! message suite, left in the project untouched, and the instance works.

#[path = "ofx_host_shot_score_common/mod.rs"]
mod common;

use circletake_tests::host::frames::Synthetic;
use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::instance::InstanceSpec;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::RenderRequest;
use std::sync::Arc;

#[test]
fn a_reopened_project_restores_the_analysis() {
    let Some(bikes) = common::bikes() else { return };
    for profile in HostProfile::all() {
        let name = profile.name;
        if !profile.sends_optional_actions {
            eprintln!("{name}: skipped: MLT never saves (no SyncPrivateData); it rebuilds instances from its own properties");
            continue;
        }
        let (host, plugin) = common::load(profile);
        let out = tempfile::tempdir().unwrap();
        let mut spec = InstanceSpec::filter(bikes.clone());
        spec.trim = Some((20, 59)); // the clip's range where the host uses it (Nuke)
        let first = plugin.create_instance(spec.clone()).unwrap();
        first
            .set_param(
                "export_folder",
                ParamValue::Str(out.path().display().to_string()),
                None,
            )
            .unwrap();
        assert!(first.press_button("analyze").unwrap().is_ok_or_default());
        assert!(!first.param_keys("score").is_empty(), "{name}: analysed");
        let state = common::text(&first, "analysis_state");
        eprintln!(
            "{name}: saved state {} bytes for {} frames",
            state.len(),
            first.param_keys("score").len()
        );
        assert!(first.press_button("export").unwrap().is_ok_or_default());
        assert!(first.sync_private_data().unwrap().is_ok_or_default());
        let saved = first.snapshot();
        let keys = first.param_keys("score");
        let summary = common::text(&first, "summary");
        drop(first);
        let json_of = |dir: &std::path::Path| {
            let f = std::fs::read_dir(dir)
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|e| e == "json"))
                .expect("a JSON export");
            std::fs::read_to_string(f).unwrap()
        };
        let exported = json_of(out.path());

        spec.restore = Some(saved);
        let second = plugin.create_instance(spec).unwrap();
        assert!(second.create_status().is_ok());
        assert!(
            common::alarming(&second).is_empty(),
            "{name}: {:?}",
            common::alarming(&second)
        );
        assert_eq!(second.param_keys("score"), keys);
        assert_eq!(common::text(&second, "summary"), summary);
        assert_eq!(common::text(&second, "analysis_state"), state);
        // The instance has its report back: nothing to measure, so overlay off is an identity...
        let r = second.render(25.0, Depth::Float, Components::Rgba).unwrap();
        assert!(r.status.is_ok());
        assert!(
            r.identity.is_some(),
            "{name}: restored results, nothing to measure"
        );
        // ... and exporting it again gives the same report.
        let again = tempfile::tempdir().unwrap();
        second
            .set_param(
                "export_folder",
                ParamValue::Str(again.path().display().to_string()),
                None,
            )
            .unwrap();
        assert!(second.press_button("export").unwrap().is_ok_or_default());
        assert_eq!(json_of(again.path()), exported, "{name}: restored report");
        assert!(
            host.violations().is_empty(),
            "{name}: {:#?}",
            host.violations()
        );
    }
}

#[test]
fn corrupt_saved_state_is_reported_and_kept() {
    // A real payload to damage: a quick analysis of a small synthetic clip.
    let source = Arc::new(Synthetic::new(67, 41, 12));
    let (_h, plugin) = common::load(HostProfile::nuke_like());
    let inst = common::instance(&plugin, source.clone(), None);
    assert!(inst.press_button("analyze").unwrap().is_ok_or_default());
    let good = common::text(&inst, "analysis_state");
    assert!(good.starts_with("ct1:") && good.len() > 40, "{good}");
    drop(inst);
    let payloads = [
        ("garbage", "{\"version\":1}".to_string()),
        ("truncated", good[..good.len() / 2].to_string()),
        ("wrong version", format!("ct9:{}", &good[4..])),
        ("not base64", "ct1:@@@@ not base64 @@@@".to_string()),
    ];
    for profile in [
        HostProfile::resolve_like(),
        HostProfile::resolve14_like(),
        HostProfile::nuke_like(),
        HostProfile::mlt_like(),
    ] {
        let name = profile.name;
        let (host, plugin) = common::load(profile);
        for (what, payload) in &payloads {
            let mut saved = common::instance(&plugin, source.clone(), None).snapshot();
            for (n, curve) in &mut saved {
                if n == "analysis_state" {
                    curve.value = ParamValue::Str(payload.clone());
                }
            }
            let inst = common::instance(&plugin, source.clone(), Some(saved));
            let warned: Vec<_> = inst
                .messages()
                .into_iter()
                .filter(|m| m.text.contains("saved analysis could not be read"))
                .collect();
            assert_eq!(warned.len(), 1, "{name}, {what}: {:?}", inst.messages());
            assert!(
                warned[0].kind.contains("Warning"),
                "{name}, {what}: {:?}",
                warned[0]
            );
            assert_eq!(
                common::text(&inst, "analysis_state"),
                *payload,
                "{name}, {what}: kept as saved"
            );
            let req = RenderRequest::new(4.0, Depth::Float, Components::Rgba);
            let r = inst.render_request(&req).unwrap();
            assert!(r.status.is_ok(), "{name}, {what}: render {}", r.status);
            let want = inst.expected_passthrough(&req).unwrap();
            assert_eq!(
                r.image.first_difference(&want, want.bounds),
                None,
                "{name}, {what}"
            );
        }
        assert!(
            host.violations().is_empty(),
            "{name}: {:#?}",
            host.violations()
        );
    }
}
