//! Builds the Cut Check edit cases (`testset::edits`) into `target/edit-cases/` and
//! prints what the engine measures around each edit (luma, motion, smear, focus,
//! TransNetV2 cut probability, eye openness), so the known answers can be verified
//! by eye. With `--check`, also runs the edit check on every case and prints
//! whether its report gives the known answer.
//!
//! `cargo run -p circletake-inference --release --example edit_cases [-- --check]`
//! (needs `cargo xtask env`: CIRCLETAKE_SAMPLES, CIRCLETAKE_FFMPEG, CIRCLETAKE_MODELS).

use std::path::{Path, PathBuf};

use circletake_inference::edit_check::{EditCheckOptions, Side};
use circletake_inference::engine::{Engine, EngineOptions};
use circletake_inference::media::{analyze_file, DecodeOptions, VideoDecoder};
use circletake_inference::testset::edits::{build_edits, check_expect, EditCase};

fn print_side(engine: &Engine, case: &EditCase, side: Side, options: &EditCheckOptions) {
    let (first, last) = options.frames(side, case.edit);
    let edit_frame = match side {
        Side::Outgoing => case.edit.out_frame,
        Side::Incoming => case.edit.in_frame,
    };
    let src = case.truth.side(side);
    println!(
        "  {} {} (source {} from frame {}), effect {:?}",
        side.name(),
        case.clip(side).display(),
        src.source,
        src.source_first,
        src.effect
    );
    print_frames(
        engine,
        case.clip(side),
        (first, last),
        edit_frame,
        src.source_first,
    );
}

/// One row per analysed frame of `path` within `first..=last`.
fn print_frames(engine: &Engine, path: &Path, (first, last): (i64, i64), mark: i64, offset: i64) {
    let analysis = analyze_file(engine, path, |_, _| true).expect("clip analysed");
    println!("    frame src  luma   dx     dy    conf  resid  diff   focus  cut   eyes");
    for f in analysis
        .frames
        .iter()
        .filter(|f| f.frame >= first && f.frame <= last)
    {
        let eyes = f
            .faces
            .first()
            .map(|x| match x.eye_openness {
                Some(o) => format!("{o:.2}"),
                None => "face".into(),
            })
            .unwrap_or_else(|| "-".into());
        println!(
            "  {} {:3} {:4} {:.3} {:6.1} {:6.1} {:.2} {:6.2} {:.3} {:6.2} {:.2} {eyes}",
            if f.frame == mark { ">" } else { " " },
            f.frame,
            f.frame + offset,
            f.luma_mean,
            f.motion_dx,
            f.motion_dy,
            f.motion_confidence,
            f.residual_motion,
            f.diff_prev,
            f.focus,
            f.cut_prob.unwrap_or(f32::NAN),
        );
    }
}

fn check(engine: &Engine, case: &EditCase, options: &EditCheckOptions) -> bool {
    let mut session = engine
        .edit_check(case.rate, case.edit, options.clone())
        .expect("check starts");
    for side in [Side::Outgoing, Side::Incoming] {
        let (first, last) = session.wanted(side);
        let decoder = VideoDecoder::open(case.clip(side), DecodeOptions::default()).expect("open");
        for frame in decoder {
            let frame = frame.expect("decoded");
            let n = frame.index as i64;
            if n >= first && n <= last {
                session
                    .push(side, n, &frame.view().expect("view"))
                    .expect("push");
            }
        }
    }
    let report = session.finish().expect("report");
    println!(
        "  framing {:.3}, exposure {:+.3}, colour {:.3}",
        report.framing_similarity, report.exposure_change, report.colour_change
    );
    for i in &report.issues {
        println!(
            "  issue {} ({:.2}): {}",
            i.kind.name(),
            i.severity,
            i.message
        );
    }
    let costs: Vec<String> = report
        .shifts
        .iter()
        .map(|c| match c.cost {
            Some(v) => format!("{:+}:{v:.2}", c.shift),
            None => format!("{:+}:-", c.shift),
        })
        .collect();
    println!("  rolls {}", costs.join(" "));
    for n in &report.notes {
        println!("  note {n}");
    }
    match check_expect(case, &report) {
        Ok(()) => {
            println!(
                "  check OK: {:?}, suggestion {:?}",
                report.verdict,
                report.suggestion.as_ref().map(|s| (&s.reason, &s.fixes))
            );
            true
        }
        Err(e) => {
            println!("  check FAILED: {e}");
            false
        }
    }
}

fn main() {
    let samples = PathBuf::from(
        std::env::var_os("CIRCLETAKE_SAMPLES")
            .expect("CIRCLETAKE_SAMPLES not set: run `eval \"$(cargo xtask env)\"` first"),
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/edit-cases");
    let run_check = std::env::args().any(|a| a == "--check");
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--") && !a.ends_with(".mp4"))
        .collect();
    if let Some(i) = std::env::args().position(|a| a == "--source") {
        // Every frame of one sample clip, e.g. `--source bikes.mp4`.
        let name = std::env::args().nth(i + 1).expect("--source <sample file>");
        let engine = Engine::new(EngineOptions {
            faces: true,
            ..Default::default()
        })
        .expect("engine starts");
        print_frames(&engine, &samples.join(name), (0, i64::MAX), -1, 0);
        return;
    }
    let started = std::time::Instant::now();
    let cases = build_edits(&samples, &out).expect("cases built");
    println!(
        "{} cases in {} ({:.1} s)",
        cases.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    let engine = Engine::new(EngineOptions {
        faces: true,
        ..Default::default()
    })
    .expect("engine starts");
    println!("engine: {}", engine.model_status());
    let options = EditCheckOptions::default();
    let mut failed = 0;
    for case in &cases {
        if !only.is_empty() && !only.iter().any(|o| o == case.name) {
            continue;
        }
        println!("\n{}: edit {:?}", case.name, case.edit);
        println!("  {}", case.description);
        println!("  expect {:?}", case.expect);
        if run_check {
            if !check(&engine, case, &options) {
                failed += 1;
            }
        } else {
            for side in [Side::Outgoing, Side::Incoming] {
                print_side(&engine, case, side, &options);
            }
        }
    }
    if run_check {
        println!("\n{failed} case(s) failed");
    }
}
