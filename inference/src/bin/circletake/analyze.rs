//! `circletake analyze`: every clip independently; its five files appear together
//! or not at all (written into a hidden staging folder, then moved into place).

use std::path::Path;

use circletake_inference::export::{
    self, thumbnail_frames, write_csv, write_json, write_markers_edl, write_otio, write_png_report,
    ClipInfo, StagingDir,
};
use circletake_inference::timecode::TimecodeFormat;
use circletake_inference::FrameRate;

use crate::args::AnalyzeArgs;
use crate::media_clip::{analyse, unique_names, AnalysedClip};
use crate::summary::{print_summary, SummaryRow};
use crate::thumbs::decode_thumbnails;
use crate::{setup, Outcome};

/// The export options of a clip.
fn clip_info(clip: &AnalysedClip, record_start: Option<&str>) -> ClipInfo {
    let mut info = ClipInfo::named(clip.name.clone());
    info.media_path = Some(std::path::absolute(&clip.path).unwrap_or_else(|_| clip.path.clone()));
    if let Some((start, drop)) = clip.source_tc {
        info.source_start = Some(start);
        info.drop_frame = Some(drop);
    }
    info.record_start = record_start.map(str::to_string);
    info
}

/// Writes the five files of `clip` into `out` (all or none).
fn write_outputs(
    clip: &AnalysedClip,
    out: &Path,
    record_start: Option<&str>,
) -> Result<(), export::ExportError> {
    let info = clip_info(clip, record_start);
    let staging = StagingDir::new(out, &clip.name)?;
    let dir = staging.path();
    let file = |suffix: &str| dir.join(format!("{}{suffix}", clip.name));
    let report = &clip.report;
    write_json(report, &file(".json"))?;
    write_otio(report, &info, &file(".otio"))?;
    write_markers_edl(report, &info, &file(".markers.edl"))?;
    write_csv(report, &file(".csv"))?;
    let thumbs = decode_thumbnails(&clip.path, &thumbnail_frames(report));
    write_png_report(report, &info, &thumbs, &file(".png"))?;
    staging.commit()?;
    Ok(())
}

/// Checks `--record-start` is a timecode at all (the exact range depends on each
/// clip's rate and is checked per clip).
pub fn record_start_ok(tc: &str) -> bool {
    TimecodeFormat::non_drop(FrameRate { num: 60, den: 1 })
        .map(|f| f.parse(tc).is_ok())
        .unwrap_or(false)
}

/// Runs `analyze`.
pub fn run(a: &AnalyzeArgs) -> Outcome {
    if let Some(tc) = &a.record_start {
        if !record_start_ok(tc) {
            eprintln!("circletake: error: --record-start {tc:?} is not a timecode (HH:MM:SS:FF)");
            std::process::exit(2);
        }
    }
    let engine = match setup::engine(&a.engine) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("circletake: error: {msg}");
            return Outcome::NoDevice;
        }
    };
    if !a.json {
        if let Err(e) = std::fs::create_dir_all(&a.out) {
            eprintln!(
                "circletake: error: cannot create output folder {}: {e}",
                a.out.display()
            );
            return Outcome::NoOutput;
        }
    }
    let names = unique_names(&a.media);
    let mut failed = false;
    let mut rows = Vec::new();
    for (path, name) in a.media.iter().zip(&names) {
        let clip = match analyse(&engine, path, name, &a.engine) {
            Ok(c) => c,
            Err(msg) => {
                eprintln!("circletake: error: {msg}");
                failed = true;
                continue;
            }
        };
        if a.json {
            match serde_json::to_string(&clip.report) {
                Ok(line) => println!("{line}"),
                Err(e) => {
                    eprintln!(
                        "circletake: error: {}: cannot serialise the report: {e}",
                        path.display()
                    );
                    failed = true;
                }
            }
            continue;
        }
        match write_outputs(&clip, &a.out, a.record_start.as_deref()) {
            Ok(()) => rows.push(SummaryRow::of(&clip)),
            Err(e) => {
                eprintln!("circletake: error: {}: {e}", path.display());
                failed = true;
            }
        }
    }
    if !a.json && !rows.is_empty() {
        print_summary(&rows, &a.out);
    }
    if failed {
        Outcome::ClipFailed
    } else {
        Outcome::Ok
    }
}
