//! Shot Score's Analyze Clip button through the test host, on real footage:
//! every frame of the clip fetched with progress, results written as params
//! (Score curve, signal curves, Suggested In/Out of the best shot, shots,
//! summary, saved state) equal to the analysis core's own report on the same
//! frames; a cancelled run keeps the previous results and alarms nobody.

#[path = "ofx_host_shot_score_common/mod.rs"]
mod common;

use circletake_tests::host::frames::FrameSource;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::records::ProgressEvent;
use circletake_tests::host::status::Status;
use std::sync::Arc;
use std::time::Instant;

#[test]
fn button_analysis_matches_the_core_and_cancel_keeps_it() {
    let Some(bikes) = common::bikes() else { return };
    let last = bikes.frame_count() - 1;
    let reference = common::core_report(bikes.as_ref(), 0, last, "bikes");
    if format!("{:?}", reference.models.shot_boundaries).contains("Transnet") {
        for cut in [30, 76] {
            assert!(
                reference.shots.iter().any(|s| (s.start - cut).abs() <= 1),
                "bikes has a cut at {cut}: shots {:?}",
                reference.shots.iter().map(|s| s.start).collect::<Vec<_>>()
            );
        }
    }
    for profile in HostProfile::all() {
        let name = profile.name;
        if !profile.sends_optional_actions {
            eprintln!("{name}: no InstanceChanged, so no button (render-driven analysis is tested in ofx_host_shot_score_playback)");
            continue;
        }
        let (host, plugin) = common::load(profile);
        let inst = common::instance(&plugin, bikes.clone(), None);
        inst.set_param("signal_curves", ParamValue::Num(vec![1.0]), None)
            .unwrap();
        let t = Instant::now();
        let st = inst.press_button("analyze").unwrap();
        let secs = t.elapsed().as_secs_f64();
        eprintln!(
            "{name}: Analyze Clip on {} frames of bikes.mp4 took {secs:.1} s ({:.1} fps)",
            last + 1,
            (last + 1) as f64 / secs
        );
        assert!(st.is_ok_or_default(), "{name}: analyze replied {st}");
        assert!(
            common::alarming(&inst).is_empty(),
            "{name}: {:?}",
            common::alarming(&inst)
        );
        common::assert_results_match(&inst, &reference);
        common::assert_progress_monotone(&host, inst.serial());
        // Signal curves, one key per frame, equal to the report's.
        let analysed: Vec<_> = reference.frames.iter().filter(|f| f.analyzed).collect();
        for (param, pick) in [
            (
                "signal_focus",
                (|f| f.focus_rel) as fn(&circletake_inference::report::FrameReport) -> f32,
            ),
            ("signal_exposure", |f| f.luma),
            ("signal_shake", |f| f.shake),
            ("signal_noise", |f| f.noise),
        ] {
            let keys = inst.param_keys(param);
            assert_eq!(keys.len(), analysed.len(), "{name}: {param} keys");
            for ((t, v), f) in keys.iter().zip(&analysed) {
                let ParamValue::Num(v) = v else {
                    panic!("{param}: {v:?}")
                };
                assert_eq!(*t, f.frame as f64);
                assert!(
                    (v[0] - f64::from(pick(f))).abs() < 5e-5,
                    "{name}: {param} at {t}"
                );
            }
        }

        // Switching the signal curves off clears them at once; the Score stays.
        let score_keys = inst.param_keys("score");
        inst.set_param("signal_curves", ParamValue::Num(vec![0.0]), None)
            .unwrap();
        assert!(
            inst.param_keys("signal_focus").is_empty(),
            "{name}: curves cleared"
        );
        assert_eq!(inst.param_keys("score"), score_keys);

        // Cancel a second run after a few frames: nothing changes.
        let before_keys = inst.param_keys("score");
        let before_state = common::text(&inst, "analysis_state");
        let before_summary = common::text(&inst, "summary");
        let log_len = host.progress_log().len();
        host.cancel_progress_after(Some(5));
        let st = inst.press_button("analyze").unwrap();
        host.cancel_progress_after(None);
        assert!(
            st.is_ok_or_default(),
            "{name}: cancelled analyze replied {st}"
        );
        let log = &host.progress_log()[log_len..];
        assert!(
            log.iter().any(|e| matches!(
                e,
                ProgressEvent::Update {
                    reply: Status::ReplyNo,
                    ..
                }
            )),
            "{name}: the cancel was seen"
        );
        assert!(
            matches!(log.last(), Some(ProgressEvent::End { .. })),
            "{name}: progress ended after the cancel: {log:?}"
        );
        let updates = log
            .iter()
            .filter(|e| matches!(e, ProgressEvent::Update { .. }))
            .count();
        assert!(
            updates <= 6,
            "{name}: stopped at the cancel, not after {updates} updates"
        );
        assert_eq!(
            inst.param_keys("score"),
            before_keys,
            "{name}: Score curve kept"
        );
        assert_eq!(common::text(&inst, "analysis_state"), before_state);
        assert_eq!(common::text(&inst, "summary"), before_summary);
        assert!(
            common::alarming(&inst).is_empty(),
            "{name}: {:?}",
            common::alarming(&inst)
        );
        assert!(
            host.violations().is_empty(),
            "{name}: {:#?}",
            host.violations()
        );
        assert_eq!(
            host.unreleased_images(),
            0,
            "{name}: every fetched image released"
        );
    }
}

#[test]
fn testvideo_trim_drops_the_black_head() {
    // Frames 0-29 black, the first shot from 30 (ground truth in ../shared/footage/README.md).
    let Some(clip) = common::shared_footage("testvideo.mp4", 80) else {
        return;
    };
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let inst = common::instance(&plugin, clip.clone() as Arc<_>, None);
    let st = inst.press_button("analyze").unwrap();
    assert!(st.is_ok_or_default(), "analyze replied {st}");
    assert!(
        common::alarming(&inst).is_empty(),
        "{:?}",
        common::alarming(&inst)
    );
    let (i, o) = (
        common::value(&inst, "suggested_in"),
        common::value(&inst, "suggested_out"),
    );
    eprintln!(
        "testvideo 0-79: suggested {i}-{o}\n{}",
        common::text(&inst, "summary")
    );
    assert!(i >= 30.0, "the black head (0-29) is not used: in at {i}");
    assert!(o > i && o <= 79.0, "out {o} after in {i}, inside the clip");
    assert_eq!(inst.param_keys("score").len(), 80);
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
}
