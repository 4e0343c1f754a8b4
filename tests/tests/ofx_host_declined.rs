//! Formats the plugin cannot take get a clear status and a message to the
//! user, recorded by the host: mismatched source/output depths or components
//! (the plugin does not support multiple clip depths), with message suite v2
//! and with Resolve 14's NULL `setPersistentMessage`. Formats a host does not
//! offer never reach the plugin.

mod common;

use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::RenderRequest;
use circletake_tests::host::status::Status;

fn declined(profile: HostProfile, source: (Depth, Components), output: (Depth, Components)) {
    let name = profile.name;
    let (host, plugin) = common::load(profile);
    let inst = common::instance(&plugin, common::synthetic());
    let req = RenderRequest {
        force_source_format: Some(source),
        ..RenderRequest::new(1.0, output.0, output.1)
    };
    let r = inst.render_request(&req).unwrap();
    assert!(
        r.status.is_error(),
        "{name}: source {source:?} into output {output:?} must be declined, got {}",
        r.status
    );
    assert!(
        matches!(
            r.status,
            Status::ErrImageFormat | Status::ErrUnsupported | Status::Failed
        ),
        "{name}: a format error, got {}",
        r.status
    );
    let messages = inst.messages();
    let m = messages
        .iter()
        .find(|m| m.kind == "OfxMessageError")
        .unwrap_or_else(|| panic!("{name}: no error message posted; got {messages:?}"));
    assert!(
        m.text.contains("CircleTake"),
        "{name}: the message says who is talking: {:?}",
        m.text
    );
    let lower = m.text.to_lowercase();
    assert!(
        lower.contains("depth") || lower.contains("component") || lower.contains("format"),
        "{name}: the message says what is wrong: {:?}",
        m.text
    );
    println!(
        "{name}: declined with {} and message {:?} (persistent: {})",
        r.status, m.text, m.persistent
    );
    // The instance still works with a proper format afterwards.
    let ok = inst.render(1.0, output.0, output.1).unwrap();
    assert!(
        ok.status.is_ok(),
        "{name}: render after a declined one: {}",
        ok.status
    );
    common::assert_no_violations(&host);
}

#[test]
fn mismatched_depths_are_declined_with_a_persistent_message() {
    declined(
        HostProfile::resolve_like(),
        (Depth::Byte, Components::Rgba),
        (Depth::Float, Components::Rgba),
    );
}

#[test]
fn mismatched_components_are_declined() {
    declined(
        HostProfile::mlt_like(),
        (Depth::Short, Components::Rgb),
        (Depth::Short, Components::Rgba),
    );
}

#[test]
fn resolve14_null_persistent_message_falls_back_to_a_transient_message() {
    declined(
        HostProfile::resolve14_like(),
        (Depth::Short, Components::Rgba),
        (Depth::Float, Components::Rgba),
    );
    let (_host, plugin) = common::load(HostProfile::resolve14_like());
    let inst = common::instance(&plugin, common::synthetic());
    let req = RenderRequest {
        force_source_format: Some((Depth::Short, Components::Rgba)),
        ..RenderRequest::new(1.0, Depth::Float, Components::Rgba)
    };
    inst.render_request(&req).unwrap();
    assert!(
        inst.messages().iter().all(|m| !m.persistent),
        "no persistent message can exist when the host's function is NULL"
    );
    assert!(!inst.messages().is_empty());
}

#[test]
fn formats_a_host_does_not_offer_never_reach_the_plugin() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = common::instance(&plugin, common::synthetic());
    let before = host.actions().len();
    for (d, c) in [
        (Depth::Float, Components::Rgb),
        (Depth::Half, Components::Rgba),
    ] {
        let e = inst.render(0.0, d, c).unwrap_err();
        assert!(e.to_string().contains("does not offer"), "{e}");
    }
    assert_eq!(host.actions().len(), before);
}
