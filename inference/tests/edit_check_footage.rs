//! Cut Check on real footage: the edit cases of `testset::edits` (edits made from the
//! sample clips whose right answer is known by construction) through the real engine
//! and models, faces on at full quality. Asserts every case's known answer and prints
//! a table (case, verdict, issues, suggestion, time) plus the measured values the
//! jump-cut, exposure and colour thresholds sit between.
//!
//! Skips with a message without `CIRCLETAKE_SAMPLES`, FFmpeg or the models
//! (`cargo xtask test` provides them).

use std::path::{Path, PathBuf};
use std::time::Instant;

use circletake_inference::edit_check::{EditCheckOptions, EditReport, FrameLook, IssueKind, Side};
use circletake_inference::engine::{Engine, EngineOptions, ModelState, Quality};
use circletake_inference::media::{DecodeOptions, VideoDecoder};
use circletake_inference::testset::edits::{build_edits, check_expect, EditCase};

fn samples() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("CIRCLETAKE_SAMPLES").map(PathBuf::from) else {
        println!("skipped: CIRCLETAKE_SAMPLES not set (run through `cargo xtask test`)");
        return None;
    };
    for name in ["bikes.mp4", "carphone.mp4", "bigbuckbunny.mp4"] {
        if !dir.join(name).is_file() {
            println!("skipped: sample {} not present", dir.join(name).display());
            return None;
        }
    }
    if let Err(e) = circletake_inference::media::ffmpeg_binary() {
        println!("skipped: {e}");
        return None;
    }
    Some(dir)
}

/// A CPU engine with every model (faces at full quality), or `None` with the reason.
fn engine() -> Option<Engine> {
    let engine = match Engine::new(EngineOptions {
        device: "cpu".parse().expect("cpu"),
        faces: true,
        quality: Quality::Full,
        ..EngineOptions::default()
    }) {
        Ok(e) => e,
        Err(e) => {
            println!("skipped: the engine cannot start: {e}");
            return None;
        }
    };
    let status = engine.model_status();
    for (name, state) in [
        ("TransNetV2", &status.transnet),
        ("face", &status.faces),
        ("eye", &status.eyes),
    ] {
        if *state != ModelState::Loaded {
            println!("skipped: {name} model {state} (run `cargo xtask models`)");
            return None;
        }
    }
    Some(engine)
}

/// Runs the check of one case: both clips decoded, the wanted frames pushed. Also
/// returns the looks of the two edit frames (for the printed measurements).
fn check(engine: &Engine, case: &EditCase) -> (EditReport, Vec<FrameLook>) {
    let mut edge_looks = Vec::new();
    let mut session = engine
        .edit_check(case.rate, case.edit, EditCheckOptions::default())
        .expect("check starts");
    for side in [Side::Outgoing, Side::Incoming] {
        let (first, last) = session.wanted(side);
        let decoder = VideoDecoder::open(case.clip(side), DecodeOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", case.clip(side).display()));
        for frame in decoder {
            let frame = frame.expect("frame decodes");
            let n = frame.index as i64;
            if n > last {
                break;
            }
            if n >= first {
                let view = frame.view().expect("decoded frame is valid");
                session.push(side, n, &view).expect("frame measured");
                let edit_frame = match side {
                    Side::Outgoing => case.edit.out_frame,
                    Side::Incoming => case.edit.in_frame,
                };
                if n == edit_frame {
                    edge_looks.push(FrameLook::from_view(n, &view).expect("look"));
                }
            }
        }
    }
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    session.set_names(name(&case.outgoing), name(&case.incoming));
    (session.finish().expect("report"), edge_looks)
}

fn kinds(r: &EditReport) -> String {
    let v: Vec<&str> = r.issues.iter().map(|i| i.kind.name()).collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

#[test]
fn edit_cases_get_their_known_answers() {
    let Some(samples) = samples() else { return };
    let Some(engine) = engine() else { return };
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/edit-cases");
    let cases = build_edits(&samples, &out).expect("edit cases build");
    println!(
        "engine: {}; {}",
        engine.device_description(),
        engine.model_status()
    );
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for case in &cases {
        let started = Instant::now();
        let (report, looks) = check(&engine, case);
        let secs = started.elapsed().as_secs_f64();
        // A report is deterministic data: it survives its own JSON.
        let back = EditReport::from_json_str(&report.to_json()).expect("report reads back");
        assert_eq!(back.to_json(), report.to_json());
        if let Err(e) = check_expect(case, &report) {
            failures.push(format!("{}: {e}\n{}", case.name, report.to_json()));
        }
        rows.push((case.name, report, secs, looks));
    }
    println!(
        "\n{:<22} {:<9} {:<36} {:<58} {:>6}",
        "case", "verdict", "issues", "suggestion", "time"
    );
    for (name, r, secs, _) in &rows {
        let suggestion = r.suggestion.as_ref().map_or("-", |s| s.reason.as_str());
        println!(
            "{name:<22} {:<9} {:<36} {suggestion:<58} {secs:>5.1}s",
            format!("{:?}", r.verdict),
            kinds(r)
        );
    }
    // The measurements the across-the-cut thresholds were set between.
    println!(
        "\n{:<22} {:>8} {:>6} {:>6} {:>7} {:>6} {:>7}   (thresholds: jump cut >= {}, exposure \
         >= {} luma or >= {} stops, colour >= {})",
        "case",
        "framing",
        "luma",
        "->",
        "change",
        "stops",
        "colour",
        EditCheckOptions::default().check.jump_cut_similarity,
        EditCheckOptions::default().check.exposure_jump_luma,
        EditCheckOptions::default().check.exposure_jump_stops,
        EditCheckOptions::default().check.colour_jump,
    );
    for (name, r, _, looks) in &rows {
        let (a, b) = (looks[0].luma_mean, looks[1].luma_mean);
        println!(
            "{name:<22} {:>8.3} {a:>6.3} {b:>6.3} {:>+7.3} {:>+6.2} {:>7.4}",
            r.framing_similarity,
            r.exposure_change,
            2.4 * (b / a).log2(),
            r.colour_change
        );
        for n in &r.notes {
            println!("{:<22}   note: {n}", "");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every kind the cases are built to show was found somewhere.
    let found: Vec<IssueKind> = rows
        .iter()
        .flat_map(|(_, r, _, _)| r.issues.iter().map(|i| i.kind))
        .collect();
    for kind in [
        IssueKind::JumpCut,
        IssueKind::ExposureJump,
        IssueKind::ColourJump,
    ] {
        assert!(found.contains(&kind), "{kind:?} never reported");
    }
}

/// Looks of every frame of a clip.
fn looks_of(path: &Path) -> Vec<FrameLook> {
    VideoDecoder::open(path, DecodeOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|f| {
            let f = f.expect("frame decodes");
            FrameLook::from_view(f.index as i64, &f.view().expect("view")).expect("look")
        })
        .collect()
}

/// The jump-cut threshold against more pairs than the cases have: frames of two
/// different setups (every pair of bikes.mp4's six shots, three frames of each) must
/// stay below it, frames of one locked-off setup (carphone.mp4, 15 to 60 frames
/// apart) above it.
#[test]
fn framing_similarity_separates_setups() {
    let Some(samples) = samples() else { return };
    let threshold = EditCheckOptions::default().check.jump_cut_similarity;
    let bikes = looks_of(&samples.join("bikes.mp4"));
    let shots = [
        (0, 30),
        (30, 76),
        (76, 137),
        (137, 187),
        (187, 242),
        (242, 250),
    ];
    let picks = |&(s, e): &(usize, usize)| [s + 2, (s + e) / 2, e - 3];
    let mut different: Vec<(usize, usize, f32)> = Vec::new();
    for i in 0..shots.len() {
        for j in i + 1..shots.len() {
            let best = picks(&shots[i])
                .iter()
                .flat_map(|&a| picks(&shots[j]).map(|b| bikes[a].framing_similarity(&bikes[b])))
                .fold(0.0f32, f32::max);
            different.push((i, j, best));
        }
    }
    let carphone = looks_of(&samples.join("carphone.mp4"));
    let mut same: Vec<(usize, usize, f32)> = Vec::new();
    for a in (0..carphone.len()).step_by(10) {
        for gap in [15, 30, 45, 60] {
            if let Some(b) = carphone.get(a + gap) {
                same.push((a, a + gap, carphone[a].framing_similarity(b)));
            }
        }
    }
    let max_different = different.iter().map(|d| d.2).fold(0.0f32, f32::max);
    let min_same = same.iter().map(|d| d.2).fold(1.0f32, f32::min);
    println!("bikes.mp4, different shots (best of 3x3 frames): {different:.3?}");
    println!("carphone.mp4, same setup (frame, frame, similarity): {same:.3?}");
    println!(
        "different setups max {max_different:.3} < threshold {threshold} < same setup min \
         {min_same:.3}"
    );
    assert!(max_different < threshold && threshold < min_same);
}
