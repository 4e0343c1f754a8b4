//! Shot Score's render-driven analysis ("Analyze While Playing"): every
//! full-size frame a host renders is measured into a per-clip cache; once the
//! whole clip has played (in any order) the report equals the analysis core's
//! own (on tiled hosts too: the effect asks for whole source frames), and
//! becomes the instance's results: written to params at the next
//! SyncPrivateData (Resolve-like), or exported when the host never gives the
//! plugin a chance to write params (MLT-like: an instance per frame).

#[path = "ofx_host_shot_score_common/mod.rs"]
mod common;

use circletake_inference::report::ClipReport;
use circletake_tests::host::frames::FrameSource;
use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::RenderRequest;
use std::time::Instant;

/// Every frame once, out of order (a fixed permutation).
fn shuffled(n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).map(|i| (i * 37 + 11) % n).collect();
    v.dedup();
    assert_eq!(v.len(), n, "37 is coprime with {n}");
    v
}

#[test]
fn playing_the_clip_out_of_order_gives_the_core_report() {
    let Some(bikes) = common::bikes() else { return };
    let n = bikes.frame_count();
    let reference = common::core_report(bikes.as_ref(), 0, n - 1, "bikes");

    // Resolve-like: one instance plays the clip out of order; passthrough stays exact.
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = common::instance(&plugin, bikes.clone(), None);
    let t = Instant::now();
    for (i, f) in shuffled(n).into_iter().enumerate() {
        let r = inst
            .render(f as f64, Depth::Float, Components::Rgba)
            .unwrap();
        assert!(r.status.is_ok(), "frame {f}: {}", r.status);
        assert!(
            r.identity.is_none(),
            "frame {f}: rendered, so it can be measured"
        );
        if i % 25 == 0 {
            let want = inst
                .expected_passthrough(&RenderRequest::new(
                    f as f64,
                    Depth::Float,
                    Components::Rgba,
                ))
                .unwrap();
            assert_eq!(
                r.image.first_difference(&want, want.bounds),
                None,
                "frame {f}"
            );
        }
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "resolve-like: {n} frames rendered and measured in {secs:.1} s ({:.1} fps)",
        n as f64 / secs
    );
    // Analysed: overlay off is an identity again.
    let r = inst.render(3.0, Depth::Float, Components::Rgba).unwrap();
    assert!(r.identity.is_some(), "nothing left to measure: identity");
    assert!(
        inst.param_keys("score").is_empty(),
        "Render never writes params"
    );
    assert!(inst.sync_private_data().unwrap().is_ok_or_default());
    common::assert_results_match(&inst, &reference);

    // A second instance on the same media adopts the analysis at its first render.
    let other = common::instance(&plugin, bikes.clone(), None);
    let r = other.render(0.0, Depth::Float, Components::Rgba).unwrap();
    assert!(r.status.is_ok());
    other
        .set_param("overlay", ParamValue::Num(vec![0.0]), None)
        .unwrap(); // any InstanceChanged saves adopted results too
    common::assert_results_match(&other, &reference);
    assert!(
        common::alarming(&inst).is_empty(),
        "{:?}",
        common::alarming(&inst)
    );
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
    assert_eq!(host.unreleased_images(), 0);
}

#[test]
fn nuke_like_tiled_playback_gives_the_core_report() {
    // Nuke renders tiles: while the clip is not analysed the effect asks for the
    // whole source frame in GetRegionsOfInterest, so each render can measure
    // its frame even though it only writes a tile.
    let Some(bikes) = common::bikes() else { return };
    let n = bikes.frame_count();
    let reference = common::core_report(bikes.as_ref(), 0, n - 1, "bikes");
    let (host, plugin) = common::load(HostProfile::nuke_like());
    let inst = common::instance(&plugin, bikes.clone(), None);
    for (i, f) in shuffled(n).into_iter().enumerate() {
        let r = inst
            .render(f as f64, Depth::Float, Components::Rgba)
            .unwrap();
        assert!(r.status.is_ok(), "frame {f}: {}", r.status);
        assert!(r.identity.is_none(), "frame {f}: rendered to be measured");
        assert!(r.windows.len() > 1, "frame {f}: tiled");
        if i % 25 == 0 {
            let want = inst
                .expected_passthrough(&RenderRequest::new(
                    f as f64,
                    Depth::Float,
                    Components::Rgba,
                ))
                .unwrap();
            assert_eq!(
                r.image.first_difference(&want, want.bounds),
                None,
                "frame {f}"
            );
        }
    }
    // Analysed: nothing left to measure, so an identity again.
    let r = inst.render(3.0, Depth::Float, Components::Rgba).unwrap();
    assert!(r.identity.is_some(), "nothing left to measure: identity");
    assert!(inst.sync_private_data().unwrap().is_ok_or_default());
    common::assert_results_match(&inst, &reference);
    assert!(
        common::alarming(&inst).is_empty(),
        "{:?}",
        common::alarming(&inst)
    );
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
    assert_eq!(host.unreleased_images(), 0);
}

#[test]
fn nuke_like_proxy_renders_are_not_measured() {
    // Proxy renders see a scaled picture: measuring them would give other
    // signals than a full-frame analysis, so they are left out.
    let Some(bikes) = common::bikes() else { return };
    let (host, plugin) = common::load(HostProfile::nuke_like());
    let inst = common::instance(&plugin, bikes.clone(), None);
    for f in 0..bikes.frame_count() {
        let req = RenderRequest {
            scale: 0.5,
            ..RenderRequest::new(f as f64, Depth::Float, Components::Rgba)
        };
        let r = inst.render_request(&req).unwrap();
        assert!(r.status.is_ok(), "frame {f}: {}", r.status);
    }
    assert!(inst.sync_private_data().unwrap().is_ok_or_default());
    assert!(inst.param_keys("score").is_empty());
    assert_eq!(common::text(&inst, "analysis_state"), "");
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
}

#[test]
fn mlt_like_instance_per_frame_completes_and_exports() {
    let Some(bikes) = common::bikes() else { return };
    let n = bikes.frame_count();
    let reference = common::core_report(bikes.as_ref(), 0, n - 1, "bikes");
    let out = tempfile::tempdir().unwrap();
    let (host, plugin) = common::load(HostProfile::mlt_like());
    // What the user set on the filter (MLT keeps it in its own properties and
    // hands it to each new instance).
    let template = common::instance(&plugin, bikes.clone(), None);
    for (name, v) in [
        ("clip_length", ParamValue::Num(vec![n as f64])),
        ("export_after_analysis", ParamValue::Num(vec![1.0])),
        (
            "export_folder",
            ParamValue::Str(out.path().display().to_string()),
        ),
    ] {
        template.set_param(name, v, None).unwrap();
    }
    let saved = template.snapshot();
    drop(template);
    for f in shuffled(n) {
        let inst = common::instance(&plugin, bikes.clone(), Some(saved.clone()));
        let r = inst
            .render(f as f64, Depth::Float, Components::Rgba)
            .unwrap();
        assert!(r.status.is_ok(), "frame {f}: {}", r.status);
        assert!(
            common::alarming(&inst).is_empty(),
            "frame {f}: {:?}",
            common::alarming(&inst)
        );
    }
    let name = format!("ShotScore_0-{}", n - 1);
    let json = out.path().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&json)
        .unwrap_or_else(|e| panic!("{} after the last frame: {e}", json.display()));
    let report = ClipReport::from_json_str(&text).unwrap();
    assert_eq!(report.frames.len(), reference.frames.len());
    for (a, b) in report.frames.iter().zip(&reference.frames) {
        assert_eq!(a.frame, b.frame);
        assert!(
            (a.score - b.score).abs() < 5e-5,
            "frame {}: {} vs {}",
            a.frame,
            a.score,
            b.score
        );
    }
    let spans = |r: &ClipReport| {
        r.shots
            .iter()
            .map(|s| (s.start, s.end, s.trim.in_frame, s.trim.out_frame))
            .collect::<Vec<_>>()
    };
    assert_eq!(spans(&report), spans(&reference));
    for ext in ["otio", "markers.edl", "csv"] {
        assert!(out.path().join(format!("{name}.{ext}")).is_file(), "{ext}");
    }
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
}
