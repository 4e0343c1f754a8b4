//! Concurrency as hosts do it: 8 threads rendering one instance at once (each
//! gets its own, correct frame), several instances on one clip (Resolve), and
//! MLT's concurrent Load/Describe/DescribeInContext with an instance per frame.

mod common;

use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::mlt;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::RenderRequest;

#[test]
fn eight_threads_render_one_instance_at_once() {
    for profile in [HostProfile::resolve_like(), HostProfile::nuke_like()] {
        let name = profile.name;
        let depth = profile.depths[0];
        let (host, plugin) = common::load(profile);
        let source = common::synthetic();
        let inst = common::instance(&plugin, source.clone());
        std::thread::scope(|s| {
            for thread in 0..8usize {
                let inst = &inst;
                s.spawn(move || {
                    for round in 0..3 {
                        let t = ((thread * 3 + round) % 12) as f64;
                        let req = RenderRequest::new(t, depth, Components::Rgba);
                        let r = inst.render_request(&req).unwrap();
                        assert!(r.status.is_ok(), "{name} thread {thread}: {}", r.status);
                        let want = inst.expected_passthrough(&req).unwrap();
                        assert_eq!(
                            r.image.first_difference(&want, want.bounds),
                            None,
                            "{name} thread {thread} frame {t}"
                        );
                    }
                });
            }
        });
        common::assert_no_violations(&host);
    }
}

#[test]
fn several_instances_on_one_clip() {
    let profile = HostProfile::resolve_like();
    let n = profile.instances_per_clip;
    let (host, plugin) = common::load(profile);
    let source = common::synthetic();
    let instances: Vec<_> = (0..n)
        .map(|_| common::instance(&plugin, source.clone()))
        .collect();
    std::thread::scope(|s| {
        for (i, inst) in instances.iter().enumerate() {
            s.spawn(move || {
                let req = RenderRequest::new(i as f64, Depth::Float, Components::Rgba);
                let r = inst.render_request(&req).unwrap();
                assert!(r.status.is_ok());
                let want = inst.expected_passthrough(&req).unwrap();
                assert_eq!(
                    r.image.first_difference(&want, want.bounds),
                    None,
                    "instance {i}"
                );
            });
        }
    });
    // Timeline edits recreate instances: destroy one, make another, render again.
    drop(instances);
    let again = common::instance(&plugin, source);
    assert!(again
        .render(2.0, Depth::Byte, Components::Alpha)
        .unwrap()
        .status
        .is_ok());
    common::assert_no_violations(&host);
}

#[test]
fn mlt_like_concurrent_describe_and_an_instance_per_frame() {
    let (host, plugin) = common::load(HostProfile::mlt_like());
    let source = common::synthetic();
    let frames: Vec<usize> = (0..source.frame_count()).collect();
    for (depth, comps) in [
        (Depth::Byte, Components::Rgba),
        (Depth::Half, Components::Rgb),
    ] {
        let out = mlt::render_frames(&plugin, source.clone(), &frames, depth, comps, 4);
        assert_eq!(out.len(), frames.len());
        for f in out {
            assert!(
                f.create_status.is_ok(),
                "frame {}: CreateInstance {}",
                f.frame,
                f.create_status
            );
            let r = f
                .result
                .unwrap_or_else(|e| panic!("frame {}: {e}", f.frame));
            assert!(r.status.is_ok(), "frame {}: {}", f.frame, r.status);
            let (w, h) = source.size();
            let want = circletake_tests::host::sampling::source_pixels(
                source.as_ref(),
                (0, 0),
                f.frame,
                1.0,
                depth,
                comps,
                r.image.bounds,
                Default::default(),
            )
            .unwrap();
            assert_eq!(r.image.bounds.width(), w);
            assert_eq!(r.image.bounds.height(), h);
            assert_eq!(
                r.image.first_difference(&want, want.bounds),
                None,
                "frame {}",
                f.frame
            );
        }
    }
    let actions = host.actions();
    let creates = actions
        .iter()
        .filter(|a| a.action == "OfxActionCreateInstance")
        .count();
    let destroys = actions
        .iter()
        .filter(|a| a.action == "OfxActionDestroyInstance")
        .count();
    assert_eq!(
        (creates, destroys),
        (2 * frames.len(), 2 * frames.len()),
        "a new instance per frame, each destroyed"
    );
    common::assert_no_violations(&host);
}
