//! Cut Check in the test OpenFX host (Transition context, Resolve-like and any
//! other profile that offers transitions): a pixel-exact straight cut at the
//! transition's centre; Check Edit on real-footage edits with known answers
//! (`testset::edits`) gives the core's answer on the same frames and the known
//! answer; clips without handles still check with fewer rolls; cancel keeps the
//! results; saved state is restored and a corrupt payload is one warning; the
//! overlay writes only inside its box.
#[path = "ofx_host_shot_score_common/mod.rs"]
mod common;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use circletake_inference::edit_check::{EditCheckOptions, EditPoint, EditReport, Side, Verdict};
use circletake_inference::testset::edits::{build_edits, check_expect, EditCase};
use circletake_inference::{DeviceChoice, Quality};
use circletake_tests::host::frames::{Footage, FrameSource, Synthetic};
use circletake_tests::host::images::{Components, Depth, OwnedImage};
use circletake_tests::host::instance::{Instance, InstanceSpec, ParamSnapshot};
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::records::ProgressEvent;
use circletake_tests::host::render::RenderRequest;
use circletake_tests::host::status::Status;
use circletake_tests::host::transition::{self, TransitionSpec};
use circletake_tests::host::{Host, Plugin};

const CUT_CHECK: &str = "org.circletake.CutCheck";
/// Frames of the transitions the tests place on the edits.
const LENGTH: usize = 12;

/// Profiles that offer the Transition context (and so can apply Cut Check).
fn transition_profiles() -> Vec<HostProfile> {
    let all: Vec<HostProfile> = HostProfile::all()
        .into_iter()
        .filter(|p| p.contexts.contains(&transition::CONTEXT))
        .collect();
    assert!(!all.is_empty(), "no host profile offers transitions");
    all
}

fn load(profile: HostProfile) -> (Host, Plugin) {
    let host = Host::load_linked(profile).unwrap_or_else(|e| panic!("cannot load the bundle: {e}"));
    let plugin = host
        .plugin(CUT_CHECK)
        .unwrap_or_else(|e| panic!("{CUT_CHECK}: {e}"));
    (host, plugin)
}

fn instance(plugin: &Plugin, spec: TransitionSpec, restore: Option<ParamSnapshot>) -> Instance {
    let mut s = InstanceSpec::transition(spec);
    s.restore = restore;
    let inst = plugin.create_instance(s).expect("create instance");
    assert!(
        inst.create_status().is_ok(),
        "CreateInstance returned {}",
        inst.create_status()
    );
    inst
}

/// The real-footage edit cases, built once per test binary; `None` (with a
/// "skipped" line) without the samples or FFmpeg.
fn cases() -> Option<&'static [EditCase]> {
    static CASES: OnceLock<Option<Vec<EditCase>>> = OnceLock::new();
    CASES
        .get_or_init(|| {
            let Some(samples) = std::env::var_os("CIRCLETAKE_SAMPLES") else {
                eprintln!("skipped: CIRCLETAKE_SAMPLES not set (run via `cargo xtask test`)");
                return None;
            };
            let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ofx_cut_check_edits");
            match build_edits(Path::new(&samples), &out) {
                Ok(cases) => Some(cases),
                Err(e) => {
                    eprintln!("skipped: cannot build the edit cases: {e}");
                    None
                }
            }
        })
        .as_deref()
}

fn case(name: &str) -> Option<&'static EditCase> {
    let found = cases()?.iter().find(|c| c.name == name);
    Some(found.unwrap_or_else(|| panic!("no edit case {name}")))
}

fn open(path: &Path, frames: usize) -> Arc<dyn FrameSource> {
    Arc::new(Footage::open(path, frames).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// A transition of [`LENGTH`] frames centred on `case`'s edit; the outgoing clip
/// is cut to `from_frames` frames when given (no handle after the cut).
fn on_case(case: &EditCase, from_frames: Option<usize>) -> TransitionSpec {
    let frames = |side| case.truth.side(side).frame_count;
    let from = open(
        case.clip(Side::Outgoing),
        from_frames.unwrap_or(frames(Side::Outgoing)),
    );
    let to = open(case.clip(Side::Incoming), frames(Side::Incoming));
    TransitionSpec::centred_on(
        from,
        case.edit.out_frame as usize,
        to,
        case.edit.in_frame as usize,
        LENGTH,
    )
    .expect("a transition on the edit")
}

/// The plugin's report, from its saved state.
fn plugin_report(inst: &Instance) -> EditReport {
    let text = common::text(inst, "check_state");
    EditReport::from_json_str(&text).unwrap_or_else(|e| panic!("check_state: {e}: {text}"))
}

/// The core's check of the edit the plugin sees (the transition's centre, in
/// source frames) on the same frames, as float RGBA, at Cut Check's default
/// quality (Full: faces on every frame, so frame numbering cannot matter).
fn core_check(spec: &TransitionSpec, edit: EditPoint) -> EditReport {
    let engine = common::core_engine_at(Quality::Full);
    let rate = common::rate_of(spec.from.frame_rate());
    let options = EditCheckOptions::default();
    let mut check = engine
        .edit_check(rate, edit, options.clone())
        .expect("check");
    let mut buf = Vec::new();
    for (side, src) in [(Side::Outgoing, &spec.from), (Side::Incoming, &spec.to)] {
        let (a, b) = options.frames(side, edit);
        for f in a.max(0)..=b.min(src.frame_count() as i64 - 1) {
            let view = common::float_rgba_view(src.as_ref(), f as usize, &mut buf);
            check.push(side, f, &view).expect("push");
        }
    }
    check.finish().expect("finish")
}

/// The plugin's findings equal the core's: verdict, issues (kind, side, frame,
/// severity), the suggested roll, the cost of every roll, the measures.
fn assert_same(what: &str, got: &EditReport, want: &EditReport) {
    if std::env::var_os("CUT_CHECK_DUMP").is_some() {
        eprintln!("{what}: plugin {}\ncore {}", got.to_json(), want.to_json());
    }
    assert_eq!(got.edit, want.edit, "{what}: edit");
    assert_eq!(got.verdict, want.verdict, "{what}: verdict");
    let key = |r: &EditReport| {
        r.issues
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.side,
                    i.frame,
                    (i.severity * 1000.0).round() as i32,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(got), key(want), "{what}: issues");
    assert_eq!(
        got.suggestion.as_ref().map(|s| (s.shift, s.edit)),
        want.suggestion.as_ref().map(|s| (s.shift, s.edit)),
        "{what}: suggestion"
    );
    let costs = |r: &EditReport| {
        r.shifts
            .iter()
            .map(|s| (s.shift, s.cost.map(|c| (c * 1000.0).round() as i32)))
            .collect::<Vec<_>>()
    };
    assert_eq!(costs(got), costs(want), "{what}: roll costs");
    for (g, w, m) in [
        (got.framing_similarity, want.framing_similarity, "framing"),
        (got.exposure_change, want.exposure_change, "exposure"),
        (got.colour_change, want.colour_change, "colour"),
    ] {
        assert!((g - w).abs() < 1e-3, "{what}: {m} {g} vs {w}");
    }
}

/// The result params agree with the report, in the editor's terms.
fn assert_params(what: &str, inst: &Instance, report: &EditReport) {
    let verdict = common::text(inst, "verdict");
    let want = match report.verdict {
        Verdict::Clean => "Clean",
        Verdict::MoveEdit => "Move Edit",
        Verdict::Review => "Review",
    };
    assert_eq!(verdict, want, "{what}");
    let roll = report.suggestion.as_ref().map_or(0, |s| s.shift);
    assert_eq!(
        common::value(inst, "suggested_roll"),
        f64::from(roll),
        "{what}"
    );
    let issues = common::text(inst, "issues");
    let lines: Vec<&str> = issues.lines().collect();
    if report.issues.is_empty() && report.notes.is_empty() {
        assert_eq!(lines, ["none"], "{what}");
    } else {
        assert_eq!(
            lines.len(),
            report.issues.len() + report.notes.len(),
            "{what}: {issues}"
        );
    }
    for (line, issue) in lines.iter().zip(&report.issues) {
        assert!(line.starts_with(issue.kind.name()), "{what}: {line:?}");
        if let Some(frame) = issue.frame {
            // Placed relative to the cut, not by frame number.
            assert!(
                line.contains("the cut") && !line.contains(&format!("frame {frame}")),
                "{what}: {line:?}"
            );
        }
    }
    let suggestion = common::text(inst, "suggestion");
    match &report.suggestion {
        Some(s) => {
            let way = if s.shift > 0 { "later" } else { "earlier" };
            let n = s.shift.unsigned_abs();
            let frames = if n == 1 { "frame" } else { "frames" };
            assert!(
                suggestion.starts_with(&format!("cut {n} {frames} {way} (roll)")),
                "{what}: {suggestion:?}"
            );
        }
        None if report.verdict == Verdict::Clean => assert_eq!(suggestion, "keep the cut"),
        None => assert!(
            suggestion.starts_with("no roll within"),
            "{what}: {suggestion:?}"
        ),
    }
    assert!(
        (common::value(inst, "framing_similarity") - f64::from(report.framing_similarity)).abs()
            < 1e-4,
        "{what}"
    );
    assert!(
        (common::value(inst, "exposure_change") - f64::from(report.exposure_change)).abs() < 1e-4,
        "{what}"
    );
}

/// Presses Check Edit on a fresh instance and returns it.
fn checked(plugin: &Plugin, spec: TransitionSpec) -> Instance {
    let inst = instance(plugin, spec, None);
    let st = inst.press_button("check_edit").unwrap();
    assert!(st.is_ok_or_default(), "Check Edit replied {st}");
    assert!(
        common::alarming(&inst).is_empty(),
        "{:?}",
        common::alarming(&inst)
    );
    inst
}

/// What the straight cut shows at `t` (no overlay).
fn straight_cut(inst: &Instance, req: &RenderRequest) -> OwnedImage {
    let t = inst.transition().expect("a transition");
    let clip = if req.time < t.centre_time() as f64 {
        transition::FROM_CLIP
    } else {
        transition::TO_CLIP
    };
    inst.expected_clip_image(clip, req).expect("expected image")
}

#[test]
fn renders_a_pixel_exact_straight_cut_at_the_centre() {
    // Two different synthetic clips (different frames shown), no models needed.
    let from: Arc<dyn FrameSource> = Arc::new(Synthetic::new(67, 41, 40));
    let to: Arc<dyn FrameSource> = Arc::new(Synthetic::new(67, 41, 60));
    for length in [9, 10] {
        let spec = TransitionSpec {
            from: from.clone(),
            from_start: 5,
            to: to.clone(),
            to_start: 40,
            length,
        };
        for profile in transition_profiles() {
            let name = profile.name;
            let depths = profile.depths.clone();
            let (host, plugin) = load(profile);
            let inst = instance(&plugin, spec.clone(), None);
            for show in [0.0, 1.0] {
                // Overlay on but nothing checked: still the straight cut.
                inst.set_param("show_overlay", ParamValue::Num(vec![show]), None)
                    .unwrap();
                for &depth in &depths {
                    for t in 0..length {
                        host.set_time(t as f64);
                        let req = RenderRequest::new(t as f64, depth, Components::Rgba);
                        let r = inst.render_request(&req).unwrap();
                        assert!(r.status.is_ok(), "{name}: render {}", r.status);
                        let want = straight_cut(&inst, &req);
                        assert_eq!(
                            r.image.first_difference(&want, want.bounds),
                            None,
                            "{name}, {depth:?}, length {length}, t {t}: not the straight cut"
                        );
                    }
                }
            }
            assert!(
                host.violations().is_empty(),
                "{name}: {:#?}",
                host.violations()
            );
        }
    }
}

/// Checks `case` in every transition profile: the plugin's answer is the
/// core's on the same frames and the case's known answer; params agree.
fn check_case(name: &str) {
    let Some(case) = case(name) else { return };
    let spec = on_case(case, None);
    let (out_src, in_src) = spec.cut_at_centre();
    assert_eq!(
        (out_src as i64, in_src as i64),
        (case.edit.out_frame, case.edit.in_frame)
    );
    let want = core_check(&spec, case.edit);
    for profile in transition_profiles() {
        let pname = profile.name;
        let (host, plugin) = load(profile);
        let inst = checked(&plugin, spec.clone());
        common::assert_progress_monotone(&host, inst.serial());
        // The host maps effect time to each clip's own frames (unmapped
        // frame ranges): the report names source frames.
        let got = plugin_report(&inst);
        assert_eq!(
            got.edit, case.edit,
            "{pname}, {name}: the cut at the centre"
        );
        assert_same(&format!("{pname}, {name}"), &got, &want);
        if let Err(e) = check_expect(case, &got) {
            panic!("{pname}, {name}: {e}");
        }
        assert_params(&format!("{pname}, {name}"), &inst, &got);
        eprintln!(
            "{pname}, {name}: {} / {} / {}",
            common::text(&inst, "verdict"),
            common::text(&inst, "issues").replace('\n', "; "),
            common::text(&inst, "suggestion")
        );
        assert!(
            host.violations().is_empty(),
            "{pname}: {:#?}",
            host.violations()
        );
    }
}

#[test]
fn check_edit_on_a_blink_at_the_out_point() {
    check_case("blink_at_out");
}

#[test]
fn check_edit_on_a_clean_cut() {
    check_case("clean_cut");
}

#[test]
fn check_edit_on_a_jump_cut() {
    check_case("jump_cut_same_setup");
}

#[test]
fn check_edit_on_a_whip_pan_and_a_flash() {
    check_case("whip_pan_at_cut");
    check_case("flash_at_edit");
}

#[test]
fn check_edit_on_a_blink_at_the_in_point_and_open_eyes() {
    check_case("blink_at_in");
    check_case("eyes_open_at_out");
    check_case("jump_cut_locked_off");
}

#[test]
fn check_edit_on_exposure_colour_and_source_cuts() {
    check_case("exposure_jump");
    check_case("colour_jump");
    check_case("source_cut_nearby");
}

#[test]
fn every_edit_case_is_tested_here() {
    let Some(cases) = cases() else { return };
    let here = include_str!("ofx_host_cut_check.rs");
    for case in cases {
        // A centred transition needs frames of both clips before the cut; a
        // case built without them cannot be placed as a transition at all.
        let placeable = case.edit.in_frame >= LENGTH.div_ceil(2) as i64
            && case.edit.out_frame + 1 >= LENGTH.div_ceil(2) as i64;
        let named = here.contains(&format!("check_case(\"{}\")", case.name));
        assert!(
            named || !placeable,
            "edit case {} is not checked in the host",
            case.name
        );
        if !placeable {
            eprintln!(
                "{}: no frames before the cut on one side, so no transition can sit on it \
                 (the C ABI and CLI tests cover it)",
                case.name
            );
        }
    }
}

#[test]
fn an_outgoing_clip_without_handles_checks_with_fewer_rolls() {
    let Some(case) = case("blink_at_out") else {
        return;
    };
    // The outgoing clip ends at the cut: no later roll can be judged.
    let spec = on_case(case, Some(case.edit.out_frame as usize + 1));
    let want = core_check(&spec, case.edit);
    let profile = transition_profiles().remove(0);
    let (_host, plugin) = load(profile);
    let inst = checked(&plugin, spec.clone());
    let report = plugin_report(&inst);
    assert_same("no handles", &report, &want);
    for s in &report.shifts {
        if s.shift > 0 {
            assert_eq!(
                s.cost, None,
                "roll {} needs frames past the clip's end",
                s.shift
            );
        } else {
            assert!(s.cost.is_some(), "roll {} has its frames", s.shift);
        }
    }
    if let Some(s) = &report.suggestion {
        assert!(s.shift < 0, "{s:?}");
    }
    assert_params("no handles", &inst, &report);
}

#[test]
fn cancel_keeps_results_and_saved_state_restores() {
    let Some(case) = case("blink_at_out") else {
        return;
    };
    let spec = on_case(case, None);
    let profile = transition_profiles().remove(0);
    let (host, plugin) = load(profile);
    let inst = checked(&plugin, spec.clone());
    let outputs = [
        "verdict",
        "issues",
        "suggestion",
        "suggested_roll",
        "framing_similarity",
        "exposure_change",
        "colour_change",
        "check_state",
    ];
    let before: Vec<_> = outputs.iter().map(|n| inst.param_value(n, 0.0)).collect();

    // Cancel a second check after a few frames: nothing changes, nobody alarmed.
    let log_len = host.progress_log().len();
    host.cancel_progress_after(Some(3));
    let st = inst.press_button("check_edit").unwrap();
    host.cancel_progress_after(None);
    assert!(st.is_ok_or_default(), "cancelled check replied {st}");
    let log = &host.progress_log()[log_len..];
    assert!(
        log.iter().any(|e| matches!(
            e,
            ProgressEvent::Update {
                reply: Status::ReplyNo,
                ..
            }
        )),
        "the cancel was seen: {log:?}"
    );
    assert!(
        matches!(log.last(), Some(ProgressEvent::End { .. })),
        "progress ended after the cancel: {log:?}"
    );
    let updates = log
        .iter()
        .filter(|e| matches!(e, ProgressEvent::Update { .. }))
        .count();
    assert!(
        updates <= 4,
        "stopped at the cancel, not after {updates} updates"
    );
    let after: Vec<_> = outputs.iter().map(|n| inst.param_value(n, 0.0)).collect();
    assert_eq!(after, before, "results kept after cancel");
    assert!(
        common::alarming(&inst).is_empty(),
        "{:?}",
        common::alarming(&inst)
    );

    // A check that cannot run (CUDA asked for on a machine without it): one
    // error message, the host goes on, the results are kept.
    if circletake_inference::device::resolve(DeviceChoice::Cuda, None).is_err() {
        inst.set_param("device", ParamValue::Num(vec![2.0]), None)
            .unwrap();
        let st = inst.press_button("check_edit").unwrap();
        assert!(st.is_ok_or_default(), "failed check replied {st}");
        let alarms = common::alarming(&inst);
        assert_eq!(alarms.len(), 1, "{alarms:?}");
        assert!(alarms[0].contains("Error"), "{alarms:?}");
        let kept: Vec<_> = outputs.iter().map(|n| inst.param_value(n, 0.0)).collect();
        assert_eq!(kept, before, "results kept after an error");
        inst.set_param("device", ParamValue::Num(vec![0.0]), None)
            .unwrap();
    } else {
        eprintln!("CUDA available: the failing-engine case is not exercised here");
    }

    // A reopened project shows the same overlay without checking again.
    let t = spec.centre_time() as f64 - 1.0;
    let req = RenderRequest::new(t, Depth::Float, Components::Rgba);
    let drawn = inst.render_request(&req).unwrap().image;
    let saved = inst.snapshot();
    let restored = instance(&plugin, spec.clone(), Some(saved.clone()));
    assert!(
        common::alarming(&restored).is_empty(),
        "{:?}",
        common::alarming(&restored)
    );
    let again = restored.render_request(&req).unwrap().image;
    assert_eq!(
        again.first_difference(&drawn, drawn.bounds),
        None,
        "restored overlay"
    );
    assert!(
        drawn
            .first_difference(&straight_cut(&inst, &req), drawn.bounds)
            .is_some(),
        "the overlay is drawn"
    );

    // A corrupt payload: one warning, kept as saved, the straight cut renders.
    let mut corrupt = saved;
    for (n, curve) in &mut corrupt {
        if n == "check_state" {
            curve.value = ParamValue::Str("{\"format\":\"circletake.edit_check\",".into());
        }
    }
    let damaged = instance(&plugin, spec, Some(corrupt));
    let warned: Vec<_> = damaged
        .messages()
        .into_iter()
        .filter(|m| m.text.contains("saved edit check could not be read"))
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", damaged.messages());
    assert!(warned[0].kind.contains("Warning"), "{:?}", warned[0]);
    assert_eq!(
        common::text(&damaged, "check_state"),
        "{\"format\":\"circletake.edit_check\","
    );
    let r = damaged.render_request(&req).unwrap();
    assert!(r.status.is_ok());
    let want = straight_cut(&damaged, &req);
    assert_eq!(r.image.first_difference(&want, want.bounds), None);
    assert!(host.violations().is_empty(), "{:#?}", host.violations());
}

/// Pixels where `a` and `b` differ, as (x, y).
fn differing(a: &OwnedImage, b: &OwnedImage) -> Vec<(i32, i32)> {
    let r = a.bounds;
    let mut out = Vec::new();
    for y in r.y1..r.y2 {
        for x in r.x1..r.x2 {
            if a.pixel(x, y) != b.pixel(x, y) {
                out.push((x, y));
            }
        }
    }
    out
}

#[test]
fn the_overlay_draws_only_inside_its_box() {
    let Some(case) = case("blink_at_out") else {
        return;
    };
    let spec = on_case(case, None);
    for profile in transition_profiles() {
        let name = profile.name;
        let (_host, plugin) = load(profile);
        let inst = checked(&plugin, spec.clone());
        let c = spec.centre_time() as f64;
        for t in [c - 1.0, c] {
            let req = RenderRequest::new(t, Depth::Float, Components::Rgba);
            let r = inst.render_request(&req).unwrap();
            assert!(r.status.is_ok(), "{name}: {}", r.status);
            let plain = straight_cut(&inst, &req);
            let changed = differing(&r.image, &plain);
            assert!(!changed.is_empty(), "{name}, t {t}: no overlay");
            let x0 = changed.iter().map(|p| p.0).min().unwrap();
            let x1 = changed.iter().map(|p| p.0).max().unwrap() + 1;
            let y0 = changed.iter().map(|p| p.1).min().unwrap();
            let y1 = changed.iter().map(|p| p.1).max().unwrap() + 1;
            // The box is solid (a translucent backing over every pixel): the
            // changed pixels are exactly a rectangle...
            assert_eq!(
                changed.len(),
                ((x1 - x0) * (y1 - y0)) as usize,
                "{name}, t {t}: changes outside one box"
            );
            // ...at the top left, inside the picture, not covering it.
            let b = r.image.bounds;
            assert!(x0 - b.x1 <= b.width() as i32 / 20, "{name}: box at x {x0}");
            assert!(
                b.y2 - y1 <= b.height() as i32 / 20,
                "{name}: box top at y {y1}"
            );
            assert!(
                ((x1 - x0) as usize) < b.width() * 2 / 3 + 16,
                "{name}: box {}px wide in {}",
                x1 - x0,
                b.width()
            );
            assert!(((y1 - y0) as usize) < b.height(), "{name}: box height");
        }
    }
}
