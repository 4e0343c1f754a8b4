//! One media file through the engine and the clip-level analysis: decode, measure,
//! build the report; plus the facts the exports need (name, source timecode).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use circletake_inference::media::{analyze_file, ffmpeg_binary};
use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::timecode::TimecodeFormat;
use circletake_inference::{Engine, FrameRate, InferenceError};

use crate::args::EngineArgs;
use crate::progress::Progress;

/// An analysed clip.
#[derive(Debug)]
pub struct AnalysedClip {
    /// The media file as given.
    pub path: PathBuf,
    /// Output base name (file stem, made unique within the run).
    pub name: String,
    /// The report.
    pub report: ClipReport,
    /// Source timecode of frame 0 (frame count at the clip's rate) and whether it
    /// counts drop-frame, when the file has one.
    pub source_tc: Option<(i64, bool)>,
}

/// The file name of `path` for messages and the report's `source`.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Output base names for `paths`: the file stem, with `-2`, `-3`, ... appended
/// when two inputs share a stem (in input order).
pub fn unique_names(paths: &[PathBuf]) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    paths
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "clip".to_string());
            let mut name = stem.clone();
            let mut k = 2;
            while used.contains(&name) {
                name = format!("{stem}-{k}");
                k += 1;
            }
            used.push(name.clone());
            name
        })
        .collect()
}

/// The source timecode FFmpeg reports for the file (`timecode : 01:00:00;00`): the
/// frame count of frame 0 at `rate`, and whether it counts drop-frame (`;`).
/// `None` when absent or unreadable.
pub fn source_timecode(path: &Path, rate: FrameRate) -> Option<(i64, bool)> {
    let out = Command::new(ffmpeg_binary().ok()?)
        .args(["-hide_banner", "-nostdin", "-i"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let tc = text.lines().find_map(|l| {
        let (key, value) = l.trim().split_once(':')?;
        (key.trim() == "timecode").then(|| value.trim().to_string())
    })?;
    let drop = tc.contains(';') || tc.contains('.');
    let format = if drop {
        TimecodeFormat::drop_frame(rate).ok()?
    } else {
        TimecodeFormat::non_drop(rate).ok()?
    };
    Some((format.parse(&tc).ok()?, format.drop_frame))
}

/// Error text naming the file (engine media errors already do).
fn describe(path: &Path, e: &InferenceError) -> String {
    match e {
        InferenceError::Media { .. } => e.to_string(),
        other => format!("{}: {other}", path.display()),
    }
}

/// Decodes and analyses `path`. `Err` is a one-line message naming the file.
pub fn analyse(
    engine: &Engine,
    path: &Path,
    name: &str,
    args: &EngineArgs,
) -> Result<AnalysedClip, String> {
    let label = file_name(path);
    let mut progress = Progress::new(&label, args.quiet);
    let result = analyze_file(engine, path, |done, total| {
        progress.update(done, total);
        true
    });
    let clip = match result {
        Ok(c) => c,
        Err(e) => {
            let msg = describe(path, &e);
            progress.clear();
            return Err(msg);
        }
    };
    if !clip.warnings.is_empty() {
        let what = clip.warnings.join("; ");
        if args.keep_damaged {
            eprintln!(
                "circletake: warning: {}: damaged media, analysed as far as it decodes: {what}",
                path.display()
            );
        } else {
            progress.clear();
            return Err(format!(
                "{}: damaged or truncated media ({} frames decoded): {what} (use --keep-damaged to analyse what decodes)",
                path.display(),
                clip.frames.len()
            ));
        }
    }
    let options = ReportOptions {
        source: Some(label.clone()),
        ..ReportOptions::default()
    };
    let report = build_report(&clip.frames, clip.frame_rate, &options);
    let secs = progress.elapsed();
    progress.finish(&format!(
        "{label}: {} frames in {secs:.1} s ({:.1} fps), {} shot(s); {}",
        report.frame_count,
        report.frame_count as f64 / secs.max(1e-3),
        report.shots.len(),
        clip.device
    ));
    Ok(AnalysedClip {
        path: path.to_path_buf(),
        name: name.to_string(),
        source_tc: source_timecode(path, clip.frame_rate),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_stems_made_unique_in_input_order() {
        let paths: Vec<PathBuf> = [
            "a/take.mov",
            "b/take.mp4",
            "c/take.mxf",
            "other.mov",
            "noext",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            unique_names(&paths),
            ["take", "take-2", "take-3", "other", "noext"]
        );
        assert_eq!(file_name(Path::new("/x/y/clip 1.mov")), "clip 1.mov");
    }
}
