//! The Transition context with the real bundle: only hosts that offer it
//! (Resolve-like) and only effects that declare it get transition instances,
//! with a clear error otherwise; every effect of the bundle that declares it
//! describes the mandated objects (`SourceFrom`, `SourceTo`, `Output`, a double
//! `Transition` param) without a protocol violation, reads the host-driven
//! `Transition` value, and renders every frame of a transition. The host's own
//! machinery (clip mapping, handles, identities, violations) is unit-tested in
//! `tests/src/host/transition_tests.rs` with an in-process effect.

mod common;

use circletake_tests::host::error::HostError;
use circletake_tests::host::frames::{FrameSource, Synthetic};
use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::instance::InstanceSpec;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::transition::{self, TransitionSpec};
use circletake_tests::host::Host;
use ofx_sys as ofx;
use std::sync::Arc;

/// Two synthetic clips (of different lengths) and a 5-frame transition.
fn spec() -> TransitionSpec {
    let from: Arc<dyn FrameSource> = Arc::new(Synthetic::new(67, 41, 30));
    let to: Arc<dyn FrameSource> = Arc::new(Synthetic::new(67, 41, 24));
    TransitionSpec::centred_on(from, 14, to, 9, 5).expect("spec")
}

/// Identifiers of the bundle's effects that declare the Transition context.
fn transition_effects(host: &Host) -> Vec<String> {
    host.plugins()
        .iter()
        .filter(|p| {
            let plugin = host.plugin(&p.identifier).expect("describe");
            plugin
                .descriptor()
                .strings(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS)
                .unwrap_or_default()
                .iter()
                .any(|c| c == transition::CONTEXT)
        })
        .map(|p| p.identifier.clone())
        .collect()
}

#[test]
fn only_hosts_and_effects_with_the_context_make_transition_instances() {
    let (_host, shot_score) = common::load(HostProfile::resolve_like());
    let e = shot_score
        .create_instance(InstanceSpec::transition(spec()))
        .unwrap_err();
    assert!(
        matches!(&e, HostError::NotSupported(what) if what.contains(transition::CONTEXT)),
        "Shot Score is a filter: {e}"
    );
    for profile in [HostProfile::nuke_like(), HostProfile::mlt_like()] {
        let name = profile.name;
        let host = Host::load_default(profile).expect("load");
        for id in transition_effects(&host) {
            let plugin = host.plugin(&id).unwrap();
            let e = plugin
                .create_instance(InstanceSpec::transition(spec()))
                .unwrap_err();
            assert!(
                matches!(e, HostError::NotOffered { .. }),
                "{name} offers no transitions: {id}: {e}"
            );
        }
    }
}

#[test]
fn every_transition_effect_describes_the_mandated_objects_and_renders() {
    let host = Host::load_default(HostProfile::resolve_like()).expect("load");
    let ids = transition_effects(&host);
    assert!(
        !ids.is_empty(),
        "the bundle has no Transition effect (Cut Check declares one)"
    );
    for id in ids {
        let plugin = host.plugin(&id).unwrap();
        let clips = plugin.clip_names(transition::CONTEXT).unwrap();
        for c in [transition::FROM_CLIP, transition::TO_CLIP, "Output"] {
            assert!(clips.iter().any(|n| n == c), "{id}: no clip {c}: {clips:?}");
        }
        let t = spec();
        let inst = plugin
            .create_instance(InstanceSpec::transition(t.clone()))
            .unwrap();
        assert!(
            inst.create_status().is_ok(),
            "{id}: {}",
            inst.create_status()
        );
        for i in 0..t.length {
            assert_eq!(
                inst.param_value(transition::PARAM, i as f64),
                Some(ParamValue::Num(vec![i as f64 / t.length as f64])),
                "{id}: Transition at {i}"
            );
        }
        let frames = inst
            .render_transition(Depth::Float, Components::Rgba)
            .unwrap();
        assert_eq!(frames.len(), t.length);
        for (i, r) in frames.iter().enumerate() {
            assert!(r.status.is_ok(), "{id}: render at {i}: {}", r.status);
        }
        drop(inst);
        assert_eq!(host.unreleased_images(), 0, "{id}");
        assert!(
            host.violations().is_empty(),
            "{id}: {:?}",
            host.violations()
        );
    }
}
