//! `cargo xtask demo [-- MEDIA…]`: set everything up, build and bundle the
//! plugin, then analyse the sample clips (or the given media) through the
//! plugin (under the test OFX host) and through the `circletake` CLI, and say
//! what was found and where the outputs are. Then builds a selects assembly
//! (`circletake assemble`): from takes cut out of the sample clips (two or three
//! per setup, one of each degraded, named by set conventions or neutrally), or from
//! the given media.

use crate::{bundle, cargo, models, paths, python::Env, samples, util, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Demo takes cut from the sample clips: (file name, sample clip, first frame,
/// frames, extra FFmpeg filter). Shots of bikes.mp4 start at 0, 30, 76, 137, 187 and
/// 242; bigbuckbunny.mp4 is one shot.
const DEMO_TAKES: [(&str, &str, u32, u32, &str); 8] = [
    ("012A_T1.mov", "bikes.mp4", 80, 40, "gblur=sigma=4"),
    ("012A_T2.mov", "bikes.mp4", 86, 40, ""),
    ("SC14_TK1.mov", "bikes.mp4", 141, 40, ""),
    (
        "SC14_TK2.mov",
        "bikes.mp4",
        145,
        40,
        "crop=600:256:'20+18*sin(n*1.7)':'8+7*sin(n*2.3)',scale=640:272",
    ),
    ("A001_C004.mov", "bigbuckbunny.mp4", 10, 40, "scale=640:360"),
    (
        "A001_C005.mov",
        "bigbuckbunny.mp4",
        30,
        40,
        "scale=640:360,gblur=sigma=4",
    ),
    ("clipX.mov", "bikes.mp4", 34, 36, "tpad=start=8:color=black"),
    ("clipY.mov", "bikes.mp4", 38, 36, ""),
];

/// Cuts [`DEMO_TAKES`] from the sample clips in `samples` into `dir` (once).
fn demo_takes(env: &Env, samples: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let ffmpeg = cargo::ffmpeg_binary(env)?
        .ok_or("no FFmpeg in the environment (imageio-ffmpeg); run `cargo xtask setup`")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut takes = Vec::new();
    for (name, clip, start, frames, extra) in DEMO_TAKES {
        let out = dir.join(name);
        if !out.is_file() {
            let mut filter = format!("select=gte(n\\,{start}),setpts=N/FRAME_RATE/TB");
            if !extra.is_empty() {
                filter = format!("{filter},{extra}");
            }
            util::output(
                Command::new(&ffmpeg)
                    .args(["-hide_banner", "-nostdin", "-v", "error", "-y", "-i"])
                    .arg(samples.join(clip))
                    .args(["-vf", &filter, "-frames:v", &frames.to_string()])
                    .args(["-an", "-c:v", "mjpeg", "-q:v", "3"])
                    .arg(&out),
            )?;
        }
        takes.push(out);
    }
    Ok(takes)
}

/// `cargo xtask demo [--lean] [-- MEDIA…]`.
pub fn run(args: &[String]) -> Result<()> {
    let env = Env::ensure()?;
    let clips = samples::ensure(&env)?;
    models::ensure(&env, false)?;
    let own_media = matches!(args.iter().position(|a| a == "--"), Some(i) if i + 1 < args.len());
    let media: Vec<PathBuf> = match args.iter().position(|a| a == "--") {
        Some(i) if i + 1 < args.len() => args[i + 1..].iter().map(PathBuf::from).collect(),
        _ => clips,
    };
    for m in &media {
        if !m.is_file() {
            return Err(format!("{}: no such file", m.display()));
        }
    }
    let flavour = if args.iter().any(|a| a == "--lean") {
        bundle::Flavour::Lean
    } else {
        bundle::Flavour::Full
    };
    let bundle = bundle::build(&env, flavour)?;
    let out = paths::target_dir().join("demo");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let root = paths::repo_root();
    let mut ran = Vec::new();
    if root.join("tests/src/bin/ofx-demo.rs").exists() {
        // The plugin, loaded from the bundle by the test OFX host like a real host.
        util::run(
            cargo::command(&env)?
                .args([
                    "run",
                    "--release",
                    "--quiet",
                    "-p",
                    "circletake-tests",
                    "--bin",
                    "ofx-demo",
                    "--",
                ])
                .arg(&bundle)
                .arg(&out)
                .args(&media),
        )?;
        ran.push("the OFX plugin (test host)");
    }
    if root.join("inference/src/bin/circletake/main.rs").exists() {
        util::run(
            cargo::command(&env)?
                .args([
                    "run",
                    "--release",
                    "--quiet",
                    "-p",
                    "circletake-inference",
                    "--bin",
                    "circletake",
                    "--",
                ])
                // Fast quality: faces on every 2nd frame at 640 px, so the demo
                // takes minutes on a 2-core CPU; everything else is as in Full.
                .args(["analyze", "--quality", "fast", "--out"])
                .arg(&out)
                .args(&media),
        )?;
        ran.push("the circletake CLI");
        assemble(&env, &media, own_media, &out)?;
        if !own_media {
            check_edit(&env, &out)?;
        }
    }
    if ran.is_empty() {
        return Err("nothing to run the analysis with yet (no CLI, no OFX demo host)".into());
    }
    println!(
        "\nanalysed {} clip(s) with {}",
        media.len(),
        ran.join(" and ")
    );
    println!(
        "plugin bundle: {} ({})",
        bundle.display(),
        bundle::human_size(bundle::dir_size(&bundle))
    );
    println!("outputs:       {}", out.display());
    Ok(())
}

/// Runs `circletake assemble` on demo takes cut from the samples (or on the given
/// media), writing into `out/assembly`; its table goes to stdout. With the user's
/// own media a failed assembly (e.g. mixed frame rates) is reported, not fatal.
fn assemble(env: &Env, media: &[PathBuf], own_media: bool, out: &Path) -> Result<()> {
    let takes = if own_media {
        media.to_vec()
    } else {
        demo_takes(env, &samples::dir(), &out.join("assembly-takes"))?
    };
    println!("\nselects assembly of {} take(s):", takes.len());
    let result = util::run(
        cargo::command(env)?
            .args(["run", "--release", "--quiet", "-p", "circletake-inference"])
            .args([
                "--bin",
                "circletake",
                "--",
                "assemble",
                "--quality",
                "fast",
                "--out",
            ])
            .arg(out.join("assembly"))
            .args(&takes),
    );
    match result {
        Err(e) if own_media => {
            eprintln!("demo: no assembly of the given media: {e}");
            Ok(())
        }
        other => other,
    }
}

/// The edit `circletake check-edit` demonstrates: carphone.mp4 cut out on the
/// speaker's blink (frame 42, eyes shut) and back in at frame 100 of the same shot,
/// so the check finds the closed eyes (and suggests a roll) and the jump cut.
const DEMO_EDIT: (&str, u32, &str, u32) = ("carphone.mp4", 42, "carphone.mp4", 100);

/// Runs `circletake check-edit` on [`DEMO_EDIT`]; the summary goes to stdout and
/// the JSON report to `out/check-edit.json`.
fn check_edit(env: &Env, out: &Path) -> Result<()> {
    let (from, out_frame, to, in_frame) = DEMO_EDIT;
    let samples = samples::dir();
    println!("\nCut Check on one edit ({from} frame {out_frame} | {to} frame {in_frame}):");
    util::run(
        cargo::command(env)?
            .args(["run", "--release", "--quiet", "-p", "circletake-inference"])
            .args([
                "--bin",
                "circletake",
                "--",
                "check-edit",
                "--quiet",
                "--json",
            ])
            .arg(out.join("check-edit.json"))
            .arg(samples.join(from))
            .arg(out_frame.to_string())
            .arg(samples.join(to))
            .arg(in_frame.to_string()),
    )
}
