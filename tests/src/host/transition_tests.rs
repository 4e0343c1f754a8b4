//! Tests of the Transition context through the in-process mock effect
//! ([`super::transition_mock`]): clip mapping and frame ranges, the host-driven
//! `Transition` param, renders and identities, button probes with progress,
//! and the violations a rule-breaking effect earns.

use super::error::HostError;
use super::frames::{FrameSource, Synthetic};
use super::images::{Components, Depth, OwnedImage, RectI};
use super::instance::InstanceSpec;
use super::keyframes::ParamValue;
use super::profiles::HostProfile;
use super::records::ProgressEvent;
use super::render::RenderRequest;
use super::transition::{TransitionSpec, CONTEXT};
use super::transition_mock::{self as mock, plugin};
use super::{Host, Plugin};
use ofx_sys as ofx;
use std::sync::Arc;

/// A synthetic clip whose frame `i` is [`Synthetic`]'s frame `i + shift`, so
/// two clips never share a frame.
#[derive(Debug)]
struct Shifted(Synthetic, usize);

impl FrameSource for Shifted {
    fn size(&self) -> (usize, usize) {
        self.0.size()
    }
    fn frame_count(&self) -> usize {
        self.0.frames
    }
    fn frame_rate(&self) -> f64 {
        self.0.fps
    }
    fn frame(
        &self,
        index: usize,
        depth: Depth,
        components: Components,
        region: RectI,
    ) -> Result<OwnedImage, HostError> {
        if index >= self.0.frames {
            return Err(HostError::Missing(format!("frame {index}")));
        }
        let wide = Synthetic::new(self.0.width, self.0.height, index + self.1 + 1);
        wide.frame(index + self.1, depth, components, region)
    }
}

/// Channel 0 of pixel (0, 0) of `clip`'s source frame `f`, as a Float image holds it.
fn first_value(shift: usize, f: usize) -> f32 {
    f32::from(Synthetic::code(0, 0, f + shift, 0)) / 65535.0
}

/// `from`: 20 frames; `to`: 15 frames (shifted by 1000); a 6-frame transition
/// showing from frames 6..=11 and to frames 2..=7.
fn spec() -> TransitionSpec {
    TransitionSpec {
        from: Arc::new(Shifted(Synthetic::new(8, 4, 20), 0)),
        from_start: 6,
        to: Arc::new(Shifted(Synthetic::new(8, 4, 15), 1000)),
        to_start: 2,
        length: 6,
    }
}

fn load(profile: HostProfile, p: ofx::OfxPlugin) -> (Host, Plugin) {
    let host = Host::in_process(profile, vec![p]);
    let plugin = host
        .plugin("org.circletake.test.MockTransition")
        .expect("describe");
    (host, plugin)
}

#[test]
fn clips_map_effect_time_into_each_source_with_handles() {
    let (host, plugin) = load(HostProfile::resolve_like(), plugin::<{ mock::GOOD }>());
    let inst = plugin
        .create_instance(InstanceSpec::transition(spec()))
        .unwrap();
    assert!(inst.create_status().is_ok());
    let range = |clip: &str, prop| inst.clip_props(clip).unwrap().props.doubles(prop).unwrap();
    let fr = ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE;
    let unmapped = ofx::K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RANGE;
    assert_eq!(range("SourceFrom", fr), [-6.0, 13.0]);
    assert_eq!(range("SourceFrom", unmapped), [0.0, 19.0]);
    assert_eq!(range("SourceTo", fr), [-2.0, 12.0]);
    assert_eq!(range("SourceTo", unmapped), [0.0, 14.0]);
    assert_eq!(range("Output", fr), [0.0, 5.0]);
    assert_eq!(
        inst.props()
            .doubles(ofx::K_OFX_IMAGE_EFFECT_INSTANCE_PROP_EFFECT_DURATION),
        Some(vec![6.0])
    );
    // The host drives Transition = t / length.
    for t in 0..6 {
        assert_eq!(
            inst.param_value("Transition", t as f64),
            Some(ParamValue::Num(vec![t as f64 / 6.0]))
        );
    }
    // The button reads both clips at and just past the ends of their ranges.
    assert!(inst.press_button_at("Check", 2.0).unwrap().is_ok());
    let Some(ParamValue::Str(seen)) = inst.param_value("Seen", 0.0) else {
        panic!("no Seen");
    };
    let failed = format!("status {}", super::status::Status::Failed.to_ofx().0);
    let want = [
        format!("SourceFrom@-7={failed}"),
        format!("SourceFrom@-6=ok:{:.6}", first_value(0, 0)),
        format!("SourceFrom@13=ok:{:.6}", first_value(0, 19)),
        format!("SourceFrom@14={failed}"),
        format!("SourceTo@-3={failed}"),
        format!("SourceTo@-2=ok:{:.6}", first_value(1000, 0)),
        format!("SourceTo@12=ok:{:.6}", first_value(1000, 14)),
        format!("SourceTo@13={failed}"),
    ]
    .join("\n");
    assert_eq!(seen, want);
    let progress = host.progress_log();
    assert!(matches!(
        progress.first(),
        Some(ProgressEvent::Start { .. })
    ));
    assert!(matches!(progress.last(), Some(ProgressEvent::End { .. })));
    assert_eq!(host.unreleased_images(), 0);
    assert!(host.violations().is_empty(), "{:?}", host.violations());
}

#[test]
fn renders_see_both_clips_and_the_cut_falls_at_the_centre() {
    for (variant, identity) in [
        (plugin::<{ mock::GOOD }>(), false),
        (plugin::<{ mock::IDENTITY }>(), true),
    ] {
        let (host, plugin) = load(HostProfile::resolve_like(), variant);
        let t = spec();
        assert_eq!(t.centre_time(), 3);
        assert_eq!(t.cut_at_centre(), (8, 5));
        let inst = plugin
            .create_instance(InstanceSpec::transition(t.clone()))
            .unwrap();
        let frames = inst
            .render_transition(Depth::Float, Components::Rgba)
            .unwrap();
        assert_eq!(frames.len(), 6);
        for (i, r) in frames.iter().enumerate() {
            assert!(r.status.is_ok(), "t={i}: {}", r.status);
            let clip = if i < 3 { "SourceFrom" } else { "SourceTo" };
            let req = RenderRequest::new(i as f64, Depth::Float, Components::Rgba);
            let want = inst.expected_clip_image(clip, &req).unwrap();
            assert_eq!(r.image, want, "t={i}: expected {clip}");
            match &r.identity {
                Some((c, time)) => assert_eq!((c.as_str(), *time), (clip, i as f64)),
                None => assert!(!identity, "t={i}: IsIdentity was ignored"),
            }
            assert_eq!(
                r.windows.is_empty(),
                identity,
                "t={i}: Render iff not identity"
            );
        }
        // The cut: outgoing frame 8 last, incoming frame 5 first.
        let last_from = inst
            .expected_clip_image(
                "SourceFrom",
                &RenderRequest::new(2.0, Depth::Float, Components::Rgba),
            )
            .unwrap();
        let direct = t
            .from
            .full_frame(8, Depth::Float, Components::Rgba)
            .unwrap();
        assert_eq!(last_from, direct);
        assert_eq!(host.unreleased_images(), 0);
        assert!(host.violations().is_empty(), "{:?}", host.violations());
    }
}

#[test]
fn a_transition_missing_its_mandated_objects_is_recorded() {
    let (host, plugin) = load(
        HostProfile::resolve_like(),
        plugin::<{ mock::BAD_DESCRIPTOR }>(),
    );
    plugin.describe_in_context(CONTEXT).unwrap();
    let v = host.violations().join("\n");
    assert!(v.contains("mandated clip \"SourceTo\""), "{v}");
    assert!(
        v.contains("extra input clip \"Matte\" must be optional"),
        "{v}"
    );
    assert!(v.contains("\"Transition\" is OfxParamTypeInteger"), "{v}");
}

#[test]
fn the_plugin_may_neither_write_transition_nor_change_clip_formats() {
    let (host, plugin) = load(
        HostProfile::resolve_like(),
        plugin::<{ mock::MISBEHAVES }>(),
    );
    let inst = plugin
        .create_instance(InstanceSpec::transition(spec()))
        .unwrap();
    inst.press_button_at("Check", 0.0).unwrap();
    assert_eq!(
        inst.param_value("Transition", 3.0),
        Some(ParamValue::Num(vec![0.5])),
        "the host's value stands"
    );
    let r = inst.render(1.0, Depth::Float, Components::Rgba).unwrap();
    assert_eq!(
        inst.clip_props("SourceFrom")
            .unwrap()
            .props
            .string(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH)
            .as_deref(),
        Some("OfxBitDepthFloat")
    );
    assert!(r.status.is_ok());
    let v = host.violations().join("\n");
    assert!(
        v.contains("paramSetValue(Transition): the host drives"),
        "{v}"
    );
    assert!(v.contains("may not change pixel preferences"), "{v}");
}

#[test]
fn hosts_without_the_context_and_effects_without_it_fail_clearly() {
    let (_h, p) = load(HostProfile::nuke_like(), plugin::<{ mock::GOOD }>());
    let e = p
        .create_instance(InstanceSpec::transition(spec()))
        .unwrap_err();
    assert!(matches!(e, HostError::NotOffered { .. }), "{e}");
    let (_h, p) = load(
        HostProfile::resolve_like(),
        plugin::<{ mock::FILTER_ONLY }>(),
    );
    let e = p
        .create_instance(InstanceSpec::transition(spec()))
        .unwrap_err();
    assert!(matches!(e, HostError::NotSupported(_)), "{e}");
}

#[test]
fn transition_specs_are_checked_and_centred_on_an_edit() {
    let s = spec();
    let c = TransitionSpec::centred_on(s.from.clone(), 10, s.to.clone(), 4, 6).unwrap();
    assert_eq!((c.from_start, c.to_start), (8, 1));
    assert_eq!(c.cut_at_centre(), (10, 4));
    let odd = TransitionSpec::centred_on(s.from.clone(), 10, s.to.clone(), 4, 3).unwrap();
    assert_eq!(odd.centre_time(), 2);
    assert_eq!(odd.cut_at_centre(), (10, 4));
    assert!(TransitionSpec::centred_on(s.from.clone(), 1, s.to.clone(), 4, 6).is_err());
    assert!(TransitionSpec {
        length: 0,
        ..s.clone()
    }
    .validate()
    .is_err());
    assert!(TransitionSpec {
        to_start: 15,
        ..s.clone()
    }
    .validate()
    .is_err());
    // A TransitionSpec only with the Transition context, and vice versa.
    let (_h, p) = load(HostProfile::resolve_like(), plugin::<{ mock::GOOD }>());
    let wrong = InstanceSpec {
        context: CONTEXT.into(),
        ..InstanceSpec::filter(s.from.clone())
    };
    let e = p.create_instance(wrong).unwrap_err();
    assert!(e.to_string().contains("needs a TransitionSpec"), "{e}");
}
