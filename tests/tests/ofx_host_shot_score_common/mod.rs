//! Helpers shared by the ofx_host_shot_score_* tests: the footage (decoded once
//! per test binary), the analysis core run directly on the frames the host hands
//! the plugin, and checks of the plugin's result params against the core's report.
#![allow(dead_code)]

use circletake_inference::report::{build_report, ClipReport, ReportOptions, ShotReport};
use circletake_inference::{
    ChannelLayout, Engine, EngineOptions, FrameRate, FrameView, PixelFormat, Quality, SampleDepth,
};
use circletake_tests::host::frames::{Footage, FrameSource};
use circletake_tests::host::images::{Components, Depth};
use circletake_tests::host::instance::{Instance, InstanceSpec, ParamSnapshot};
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::records::ProgressEvent;
use circletake_tests::host::{Host, Plugin};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The effect under test.
pub const SHOT_SCORE: &str = "org.circletake.ShotScore";
/// Frames of bikes.mp4 analysed per test (cuts at 30 and 76 inside).
pub const BIKES_FRAMES: usize = 100;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The first [`BIKES_FRAMES`] frames of `$CIRCLETAKE_SAMPLES/bikes.mp4`, decoded
/// once per test binary; `None` (with a "skipped" line) without samples or ffmpeg.
pub fn bikes() -> Option<Arc<Footage>> {
    static BIKES: OnceLock<Option<Arc<Footage>>> = OnceLock::new();
    BIKES
        .get_or_init(|| {
            let Some(dir) = std::env::var_os("CIRCLETAKE_SAMPLES") else {
                eprintln!("skipped: CIRCLETAKE_SAMPLES not set (run via `cargo xtask test`)");
                return None;
            };
            let path = PathBuf::from(dir).join("bikes.mp4");
            match Footage::open(&path, BIKES_FRAMES) {
                Ok(f) => Some(Arc::new(f)),
                Err(e) => {
                    eprintln!("skipped: cannot decode {}: {e}", path.display());
                    None
                }
            }
        })
        .clone()
}

/// `../shared/footage/<name>` (first `frames` frames); `None` with a message when absent.
pub fn shared_footage(name: &str, frames: usize) -> Option<Arc<Footage>> {
    let dir = workspace_root().join("..").join("shared").join("footage");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/footage not present");
        return None;
    }
    match Footage::open(&dir.join(name), frames) {
        Ok(f) => Some(Arc::new(f)),
        Err(e) => {
            eprintln!("skipped: cannot decode {name}: {e}");
            None
        }
    }
}

/// Loads the plugin under `profile` and describes Shot Score. These tests
/// link the analysis core (and so libtorch) to compare with it, so they load
/// the development bundle that shares that libtorch (`Host::load_linked`).
pub fn load(profile: HostProfile) -> (Host, Plugin) {
    let host = Host::load_linked(profile).unwrap_or_else(|e| panic!("cannot load the bundle: {e}"));
    let plugin = host
        .plugin(SHOT_SCORE)
        .unwrap_or_else(|e| panic!("{SHOT_SCORE}: {e}"));
    (host, plugin)
}

/// A filter instance on `source`, params restored from `restore` when given.
pub fn instance(
    plugin: &Plugin,
    source: Arc<dyn FrameSource>,
    restore: Option<ParamSnapshot>,
) -> Instance {
    let mut spec = InstanceSpec::filter(source);
    spec.restore = restore;
    let inst = plugin.create_instance(spec).expect("create instance");
    assert!(
        inst.create_status().is_ok(),
        "CreateInstance returned {}",
        inst.create_status()
    );
    inst
}

/// The models folder the plugin's bundle uses.
fn model_dir() -> Option<PathBuf> {
    std::env::var_os("CIRCLETAKE_MODELS")
        .map(PathBuf::from)
        .or_else(|| Some(workspace_root().join("target").join("models")))
        .filter(|d| d.is_dir())
}

/// The core's engine as Shot Score's defaults make it (device Auto, Fast
/// quality, faces on, the bundle's models).
pub fn core_engine() -> Engine {
    core_engine_at(Quality::Fast)
}

/// The core's engine as the plugins make it at `quality`.
pub fn core_engine_at(quality: Quality) -> Engine {
    Engine::new(EngineOptions {
        model_dir: model_dir(),
        faces: true,
        quality,
        ..EngineOptions::default()
    })
    .expect("engine")
}

/// The rate the plugin derives from the host's float rate.
pub fn rate_of(fps: f64) -> FrameRate {
    if (fps - 30000.0 / 1001.0).abs() < 0.005 {
        FrameRate {
            num: 30000,
            den: 1001,
        }
    } else {
        FrameRate {
            num: fps.round() as u32,
            den: 1,
        }
    }
}

/// Frame `frame` of `source` as the core sees what the hosts hand the plugin:
/// 32-bit float RGBA, packed top-down into `buf` (reused between frames).
pub fn float_rgba_view<'b>(
    source: &dyn FrameSource,
    frame: usize,
    buf: &'b mut Vec<u8>,
) -> FrameView<'b> {
    let img = source
        .full_frame(frame, Depth::Float, Components::Rgba)
        .expect("frame");
    buf.clear();
    let b = img.bounds;
    for y in (b.y1..b.y2).rev() {
        for x in b.x1..b.x2 {
            buf.extend_from_slice(img.pixel(x, y).expect("pixel"));
        }
    }
    let format = PixelFormat::new(SampleDepth::F32, ChannelLayout::Rgba);
    FrameView::packed(buf, b.width(), b.height(), format).expect("view")
}

/// The core's report for frames `first..=last` of `source` as 32-bit float RGBA
/// (what the hosts hand the plugin), at Fast quality, named `name`.
pub fn core_report(source: &dyn FrameSource, first: usize, last: usize, name: &str) -> ClipReport {
    let engine = core_engine();
    let rate = rate_of(source.frame_rate());
    let mut analysis = engine.analysis(rate).expect("analysis");
    let mut buf = Vec::new();
    for f in first..=last {
        let view = float_rgba_view(source, f, &mut buf);
        analysis.push(f as i64, &view).expect("push");
    }
    let clip = analysis.finish().expect("finish");
    let options = ReportOptions {
        source: Some(name.to_string()),
        ..ReportOptions::default()
    };
    build_report(&clip.frames, clip.frame_rate, &options)
}

/// The best shot as the plugin documents it: highest trimmed score with a
/// non-empty trim, ties to the longest trim, then the earliest shot.
pub fn best_shot(report: &ClipReport) -> Option<&ShotReport> {
    let mut best: Option<&ShotReport> = None;
    for s in report
        .shots
        .iter()
        .filter(|s| s.trim.out_frame > s.trim.in_frame)
    {
        let len = |s: &ShotReport| s.trim.out_frame - s.trim.in_frame;
        best = match best {
            Some(b)
                if b.trimmed_score > s.trimmed_score
                    || (b.trimmed_score == s.trimmed_score && len(b) >= len(s)) =>
            {
                Some(b)
            }
            _ => Some(s),
        };
    }
    best
}

fn num(v: Option<ParamValue>) -> f64 {
    match v {
        Some(ParamValue::Num(n)) => n[0],
        other => panic!("not a number: {other:?}"),
    }
}

/// A param's numeric value (at time 0).
pub fn value(inst: &Instance, name: &str) -> f64 {
    num(inst.param_value(name, 0.0))
}

/// A string param's value.
pub fn text(inst: &Instance, name: &str) -> String {
    match inst.param_value(name, 0.0) {
        Some(ParamValue::Str(s)) => s,
        other => panic!("{name} is not a string: {other:?}"),
    }
}

/// Checks every result param of `inst` against `report`: one Score key per
/// analysed frame equal to 4 decimals, Suggested In/Out of the best shot (out
/// inclusive), shot count, best shot, summary and a saved state.
pub fn assert_results_match(inst: &Instance, report: &ClipReport) {
    let keys = inst.param_keys("score");
    let analysed: Vec<_> = report.frames.iter().filter(|f| f.analyzed).collect();
    assert_eq!(
        keys.len(),
        analysed.len(),
        "one Score key per analysed frame"
    );
    for ((t, v), f) in keys.iter().zip(&analysed) {
        assert_eq!(*t, f.frame as f64, "key time");
        let v = num(Some(v.clone()));
        assert!(
            (v - f64::from(f.score)).abs() < 5e-5,
            "frame {}: score key {v} vs core {}",
            f.frame,
            f.score
        );
    }
    let best = best_shot(report).expect("a usable shot");
    assert_eq!(value(inst, "suggested_in"), best.trim.in_frame as f64);
    assert_eq!(
        value(inst, "suggested_out"),
        (best.trim.out_frame - 1) as f64
    );
    assert_eq!(value(inst, "best_shot"), (best.index + 1) as f64);
    assert_eq!(value(inst, "shot_count"), report.shots.len() as f64);
    let summary = text(inst, "summary");
    assert!(
        summary.starts_with(&format!("{} shot", report.shots.len())),
        "{summary}"
    );
    assert_eq!(summary.lines().count(), 1 + report.shots.len(), "{summary}");
    assert!(text(inst, "analysis_state").starts_with("ct1:"));
}

/// The progress updates of instance `serial`: non-empty, monotone, ending at 1.
pub fn assert_progress_monotone(host: &Host, serial: u64) {
    let fractions: Vec<f64> = host
        .progress_log()
        .iter()
        .filter_map(|e| match e {
            ProgressEvent::Update {
                instance, fraction, ..
            } if *instance == serial => Some(*fraction),
            _ => None,
        })
        .collect();
    assert!(!fractions.is_empty(), "no progress updates");
    assert!(
        fractions.windows(2).all(|w| w[0] <= w[1]),
        "progress goes backwards: {fractions:?}"
    );
    assert_eq!(fractions.last(), Some(&1.0));
}

/// Messages on `inst` of kind error or warning.
pub fn alarming(inst: &Instance) -> Vec<String> {
    inst.messages()
        .into_iter()
        .filter(|m| m.kind.contains("Error") || m.kind.contains("Warning"))
        .map(|m| format!("{}: {}", m.kind, m.text))
        .collect()
}
