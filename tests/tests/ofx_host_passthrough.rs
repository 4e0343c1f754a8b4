//! Rendered images equal the source pixel for pixel (Shot Score renders a
//! passthrough) for every depth x components combination each host profile
//! offers, through each host's image layout: Resolve-like full frames,
//! Nuke-like tiles, windows smaller than the frame, offset origins, padded
//! rows and render scale 0.5, MLT-like negative rowBytes; and on real footage.

mod common;

use circletake_tests::host::bundle;
use circletake_tests::host::frames::{Footage, FrameSource};
use circletake_tests::host::images::{Components, Depth, RectI};
use circletake_tests::host::instance::Instance;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::RenderRequest;
use std::sync::Arc;

fn check(inst: &Instance, req: &RenderRequest, what: &str) {
    let r = inst
        .render_request(req)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(r.status.is_ok(), "{what}: render replied {}", r.status);
    assert_eq!(
        (r.image.depth, r.image.components),
        (req.depth, req.components),
        "{what}: output format"
    );
    let expected = inst.expected_passthrough(req).unwrap();
    assert_eq!(r.image.bounds, expected.bounds, "{what}: output bounds");
    if let Some((x, y, got, want)) = r.image.first_difference(&expected, expected.bounds) {
        panic!("{what}: pixel ({x}, {y}) is {got:?}, the source has {want:?}");
    }
}

fn every_offered_combination(profile: HostProfile) {
    let name = profile.name;
    let (host, plugin) = common::load(profile.clone());
    let inst = common::instance(&plugin, common::synthetic());
    let mut checked = 0;
    for depth in Depth::ALL {
        for comps in Components::ALL {
            let req = RenderRequest::new(7.0, depth, comps);
            if !profile.offers(depth, comps) {
                assert!(
                    inst.render_request(&req).is_err(),
                    "{name} must refuse {depth:?} {comps:?}"
                );
                continue;
            }
            check(&inst, &req, &format!("{name} {depth:?} {comps:?}"));
            checked += 1;
        }
    }
    println!("{name}: {checked} depth x components combinations pixel-exact");
    assert_eq!(checked, profile.depths.len() * profile.components.len());
    common::assert_no_violations(&host);
}

#[test]
fn resolve_like_every_combination() {
    every_offered_combination(HostProfile::resolve_like());
}

#[test]
fn nuke_like_every_combination() {
    every_offered_combination(HostProfile::nuke_like());
}

#[test]
fn mlt_like_every_combination() {
    every_offered_combination(HostProfile::mlt_like());
}

#[test]
fn nuke_like_windows_origins_and_half_scale() {
    let profile = HostProfile::nuke_like();
    let (host, plugin) = common::load(profile.clone());
    let inst = common::instance(&plugin, common::synthetic());
    let (ox, oy) = profile.origin;
    for comps in [Components::Rgba, Components::Alpha] {
        for scale in [1.0, 0.5] {
            // The whole frame (split in tiles), then a window inside it that
            // starts at odd, offset coordinates.
            let mut req = RenderRequest {
                scale,
                ..RenderRequest::new(3.0, Depth::Float, comps)
            };
            check(
                &inst,
                &req,
                &format!("full frame, scale {scale}, {comps:?}"),
            );
            let s = |v: i32| (f64::from(v) * scale) as i32;
            req.window = Some(RectI::new(s(ox + 13), s(oy + 7), s(ox + 51), s(oy + 30)));
            check(
                &inst,
                &req,
                &format!("window {:?}, scale {scale}, {comps:?}", req.window),
            );
        }
    }
    common::assert_no_violations(&host);
}

#[test]
fn every_frame_of_a_clip_is_the_right_frame() {
    for profile in HostProfile::all() {
        let (host, plugin) = common::load(profile.clone());
        let source = common::synthetic();
        let inst = common::instance(&plugin, source.clone());
        // The comparison is not vacuous: a neighbouring frame differs.
        let r = inst
            .render(4.0, profile.depths[0], Components::Rgba)
            .unwrap();
        let other = inst
            .expected_passthrough(&RenderRequest::new(
                5.0,
                profile.depths[0],
                Components::Rgba,
            ))
            .unwrap();
        assert!(
            r.image.first_difference(&other, other.bounds).is_some(),
            "{}: frames 4 and 5 look the same",
            profile.name
        );
        for t in 0..source.frame_count() {
            check(
                &inst,
                &RenderRequest::new(t as f64, profile.depths[0], Components::Rgba),
                &format!("{} frame {t}", profile.name),
            );
        }
        common::assert_no_violations(&host);
    }
}

#[test]
fn real_footage_passes_through_exactly() {
    let Some(dir) = bundle::shared_footage() else {
        eprintln!("skipped: ../shared/footage not present");
        return;
    };
    let footage = match Footage::open(&dir.join("bikes.mp4"), 40) {
        Ok(f) => Arc::new(f),
        Err(e) => {
            eprintln!("skipped: {e}");
            return;
        }
    };
    assert_eq!(footage.size(), (640, 272));
    assert_eq!(footage.frame_count(), 40);
    let source: Arc<dyn FrameSource> = footage;
    for profile in HostProfile::all() {
        let (host, plugin) = common::load(profile.clone());
        let inst = common::instance(&plugin, source.clone());
        // Either side of the cut at frame 30, at every depth the host offers.
        for (t, depth) in [29.0, 30.0, 31.0]
            .into_iter()
            .zip(profile.depths.iter().cycle())
        {
            check(
                &inst,
                &RenderRequest::new(t, *depth, Components::Rgba),
                &format!("{} bikes.mp4 frame {t} {depth:?}", profile.name),
            );
        }
        common::assert_no_violations(&host);
    }
}
