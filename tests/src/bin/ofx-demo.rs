//! The OFX half of `cargo xtask demo`: what an editor sees in a host.
//!
//! Loads the CircleTake bundle in the test OpenFX host with the Resolve-like
//! profile, applies "CircleTake › Shot Score" to the first media file, presses
//! "Analyze Clip" (progress through the host's progress suite), prints the
//! result params the editor sees (shots, suggested in/out, summary, the Score
//! curve), writes the exports (JSON, OTIO, markers EDL, CSV) through the
//! effect's Export button, and renders the overlay at a few frames into PNGs.
//!
//! `ofx-demo BUNDLE OUT_DIR MEDIA...` (only the first media file is used: the
//! host analyses one clip; the CLI part of the demo does the rest).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use circletake_tests::host::frames::{Footage, FrameSource};
use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::instance::{Instance, InstanceSpec};
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::RenderRequest;
use circletake_tests::host::Host;

const SHOT_SCORE: &str = "org.circletake.ShotScore";
/// Frames the demo analyses in the host (bikes.mp4 has 250).
const MAX_FRAMES: usize = 250;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [bundle, out, media, ..] = args.as_slice() else {
        eprintln!("usage: ofx-demo BUNDLE OUT_DIR MEDIA...");
        return ExitCode::from(2);
    };
    match run(bundle, out, media) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ofx-demo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(bundle: &Path, out: &Path, media: &Path) -> Result<(), String> {
    let out = out.join("ofx");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("== Shot Score in a host (test OpenFX host, Resolve-like profile)");
    let host = Host::load(bundle, HostProfile::resolve_like()).map_err(|e| e.to_string())?;
    let plugin = host.plugin(SHOT_SCORE).map_err(|e| e.to_string())?;
    let footage = Footage::open(media, MAX_FRAMES).map_err(|e| e.to_string())?;
    let (w, h) = footage.size();
    let frames = footage.frame_count();
    println!(
        "clip      {} ({w}x{h}, {frames} frames at {:.3} fps)",
        media.display(),
        footage.frame_rate()
    );
    let source: Arc<dyn FrameSource> = Arc::new(footage);
    let inst = plugin
        .create_instance(InstanceSpec::filter(source))
        .map_err(|e| e.to_string())?;
    set(
        &inst,
        "export_folder",
        ParamValue::Str(out.display().to_string()),
    )?;
    set(&inst, "export_after_analysis", ParamValue::Num(vec![1.0]))?;
    set(&inst, "analyze_while_playing", ParamValue::Num(vec![0.0]))?;

    let started = Instant::now();
    let status = inst.press_button("analyze").map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    if !status.is_ok_or_default() {
        return Err(format!("Analyze Clip replied {status}"));
    }
    let updates = host.progress_log().len();
    println!(
        "analyse   {secs:.1} s ({:.1} frames/s), {updates} progress updates",
        frames as f64 / secs
    );
    for m in inst.messages() {
        println!("message   [{}] {}", m.kind, m.text);
    }

    let score_keys = inst.param_keys("score").len();
    println!("shots     {}", num(&inst, "shot_count")?);
    println!("best shot {}", num(&inst, "best_shot")?);
    let (tin, tout) = (num(&inst, "suggested_in")?, num(&inst, "suggested_out")?);
    println!("trim      in {tin}, out {tout} (best shot)");
    println!("Score     curve with {score_keys} keyframes");
    if let Some(ParamValue::Str(summary)) = inst.param_value("summary", 0.0) {
        for line in summary.lines() {
            println!("summary   {line}");
        }
    }

    set(&inst, "overlay", ParamValue::Num(vec![1.0]))?;
    let mid = ((tin + tout) / 2.0).round();
    let mut pngs = Vec::new();
    for (label, t) in [("in", tin), ("mid", mid), ("head", 5.0_f64.min(tin))] {
        let req = RenderRequest::new(t, Depth::Float, Components::Rgba);
        let r = inst.render_request(&req).map_err(|e| e.to_string())?;
        if !r.status.is_ok() {
            return Err(format!("render at {t} replied {}", r.status));
        }
        let path = out.join(format!("overlay_{label}_f{t:03}.png"));
        r.image
            .save_png(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        pngs.push(path);
    }
    println!("overlay   {}", list(&pngs));
    let mut exports: Vec<PathBuf> = std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x != "png"))
        .collect();
    exports.sort();
    println!("exports   {}", list(&exports));
    if exports.is_empty() {
        return Err("Export After Analysis wrote no files".into());
    }
    inst.destroy();
    println!();
    cut_check(&host, &out, media)
}

fn set(inst: &Instance, name: &str, value: ParamValue) -> Result<(), String> {
    inst.set_param(name, value, None)
        .map(|_| ())
        .map_err(|e| format!("set {name}: {e}"))
}

fn num(inst: &Instance, name: &str) -> Result<f64, String> {
    match inst.param_value(name, 0.0) {
        Some(ParamValue::Num(v)) if !v.is_empty() => Ok(v[0]),
        other => Err(format!("param {name}: {other:?}")),
    }
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n          ")
}

/// "CircleTake › Cut Check" on an edit made from the media: the outgoing clip
/// up to a quarter of the way in, the incoming clip from three quarters, under
/// a 12-frame transition; presses "Check Edit", prints the result params and
/// renders the overlay at the cut into a PNG.
fn cut_check(host: &Host, out: &Path, media: &Path) -> Result<(), String> {
    use circletake_tests::host::transition::TransitionSpec;
    println!(
        "== Cut Check on one edit (test OpenFX host, Resolve-like profile, Transition context)"
    );
    let plugin = host
        .plugin("org.circletake.CutCheck")
        .map_err(|e| e.to_string())?;
    let footage: Arc<dyn FrameSource> =
        Arc::new(Footage::open(media, MAX_FRAMES).map_err(|e| e.to_string())?);
    let n = footage.frame_count();
    let (out_frame, in_frame) = (n / 4, 3 * n / 4);
    let spec = TransitionSpec::centred_on(footage.clone(), out_frame, footage, in_frame, 12)
        .map_err(|e| e.to_string())?;
    let cut = spec.centre_time();
    println!(
        "edit      {} frames {out_frame} | {in_frame} (12-frame transition, cut at effect frame {cut})",
        media.display()
    );
    let inst = plugin
        .create_instance(InstanceSpec::transition(spec))
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let status = inst.press_button("check_edit").map_err(|e| e.to_string())?;
    if !status.is_ok_or_default() {
        return Err(format!("Check Edit replied {status}"));
    }
    println!("check     {:.1} s", started.elapsed().as_secs_f64());
    for m in inst.messages() {
        println!("message   [{}] {}", m.kind, m.text);
    }
    for (label, name) in [
        ("verdict", "verdict"),
        ("suggest", "suggestion"),
        ("roll", "suggested_roll"),
        ("framing", "framing_similarity"),
        ("exposure", "exposure_change"),
        ("colour", "colour_change"),
    ] {
        match inst.param_value(name, 0.0) {
            Some(ParamValue::Str(s)) => println!("{label:<9} {s}"),
            Some(ParamValue::Num(v)) if !v.is_empty() && name == "suggested_roll" => {
                println!("{label:<9} {:+} frames", v[0])
            }
            Some(ParamValue::Num(v)) if !v.is_empty() => println!("{label:<9} {:.3}", v[0]),
            other => return Err(format!("param {name}: {other:?}")),
        }
    }
    if let Some(ParamValue::Str(issues)) = inst.param_value("issues", 0.0) {
        for line in issues.lines() {
            println!("issue     {line}");
        }
    }
    let req = RenderRequest::new(cut as f64 - 1.0, Depth::Float, Components::Rgba);
    let r = inst.render_request(&req).map_err(|e| e.to_string())?;
    if !r.status.is_ok() {
        return Err(format!("render at {} replied {}", req.time, r.status));
    }
    let path = out.join("cut_check_overlay.png");
    r.image
        .save_png(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    println!("overlay   {}", path.display());
    inst.destroy();
    println!();
    Ok(())
}
