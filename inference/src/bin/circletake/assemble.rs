//! `circletake assemble`: analyse every take, group the takes by setup, pick the best
//! of each and write the assembly (`assembly.otio`, `assembly.edl`, `assembly.json`,
//! all three or none) plus a summary table.

use std::path::{Path, PathBuf};

use circletake_inference::assemble::{
    build_assembly, describe_media, group_for, group_takes, main_trim, natural_cmp, parse_name,
    plan::describe_rates, read_overrides, sample_frames, unmatched, Assembly, AssemblyOptions,
    GroupInput, GroupOrder, OverrideEntry, TakeSource, SAMPLE_FRAMES,
};
use circletake_inference::export::edl_assembly::write_assembly_edl;
use circletake_inference::export::otio_timeline::write_assembly_otio;
use circletake_inference::export::{self, write_atomic, StagingDir};
use circletake_inference::media::probe;

use crate::analyze::record_start_ok;
use crate::args::{AssembleArgs, OrderArg};
use crate::assemble_table::print_table;
use crate::media_clip::{analyse, file_name, unique_names, AnalysedClip};
use crate::{setup, Outcome};

/// Inputs in a deterministic order (natural order of file names, then paths),
/// exact repeats dropped.
fn ordered(media: &[PathBuf]) -> Vec<PathBuf> {
    let mut v = media.to_vec();
    v.sort_by(|a, b| {
        natural_cmp(&file_name(a), &file_name(b))
            .then_with(|| natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()))
    });
    v.dedup();
    v
}

/// Writes the three files into `out` (all or none).
fn write_outputs(assembly: &Assembly, out: &Path) -> Result<(), export::ExportError> {
    let staging = StagingDir::new(out, "assembly")?;
    let dir = staging.path();
    write_assembly_otio(assembly, &dir.join("assembly.otio"))?;
    write_assembly_edl(assembly, &dir.join("assembly.edl"))?;
    write_atomic(
        &dir.join("assembly.json"),
        assembly.to_json_string().as_bytes(),
    )?;
    staging.commit()?;
    Ok(())
}

/// The override entries, or the exit for a bad file.
fn overrides(a: &AssembleArgs, media: &[PathBuf]) -> Result<Vec<OverrideEntry>, Outcome> {
    let Some(path) = &a.groups else {
        return Ok(Vec::new());
    };
    let entries = read_overrides(path).map_err(|e| {
        eprintln!("circletake: error: --groups {e}");
        Outcome::Usage
    })?;
    for e in unmatched(&entries, media) {
        eprintln!(
            "circletake: warning: {}:{}: {} matches no input",
            path.display(),
            e.line,
            e.clip
        );
    }
    Ok(entries)
}

/// Probes every input: readable ones with their rate, an error line for the others.
/// `Err` when the readable ones have different frame rates.
fn probe_all(media: &[PathBuf], failed: &mut bool) -> Result<Vec<PathBuf>, Outcome> {
    let mut ok = Vec::new();
    let mut rates = Vec::new();
    for p in media {
        match probe(p) {
            Ok(info) => {
                rates.push((file_name(p), info.frame_rate));
                ok.push(p.clone());
            }
            Err(e) => {
                eprintln!("circletake: error: {e}");
                *failed = true;
            }
        }
    }
    if rates.windows(2).any(|w| w[0].1 != w[1].1) {
        let list = describe_rates(rates.iter().map(|(f, r)| (f.as_str(), *r)));
        eprintln!(
            "circletake: error: the takes have different frame rates ({list}); an assembly has one rate: conform them or assemble each rate separately"
        );
        return Err(Outcome::Usage);
    }
    Ok(ok)
}

/// Runs `assemble`.
pub fn run(a: &AssembleArgs) -> Outcome {
    if let Some(tc) = &a.record_start {
        if !record_start_ok(tc) {
            eprintln!("circletake: error: --record-start {tc:?} is not a timecode (HH:MM:SS:FF)");
            return Outcome::Usage;
        }
    }
    let media = ordered(&a.media);
    let entries = match overrides(a, &media) {
        Ok(e) => e,
        Err(o) => return o,
    };
    let mut failed = false;
    let media = match probe_all(&media, &mut failed) {
        Ok(m) => m,
        Err(o) => return o,
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
    if media.is_empty() {
        return Outcome::ClipFailed;
    }
    let engine = match setup::engine(&a.engine) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("circletake: error: {msg}");
            return Outcome::NoDevice;
        }
    };
    let names = unique_names(&media);
    let mut clips: Vec<AnalysedClip> = Vec::new();
    let mut inputs: Vec<GroupInput> = Vec::new();
    for (path, name) in media.iter().zip(&names) {
        let clip = match analyse(&engine, path, name, &a.engine) {
            Ok(c) => c,
            Err(msg) => {
                eprintln!("circletake: error: {msg}");
                failed = true;
                continue;
            }
        };
        let r = &clip.report;
        let [start, end] =
            main_trim(r).unwrap_or([r.first_frame, r.first_frame + r.frame_count as i64]);
        let descriptor = match describe_media(path, &sample_frames(start, end, SAMPLE_FRAMES)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("circletake: error: {e}");
                failed = true;
                continue;
            }
        };
        inputs.push(GroupInput {
            name: name.clone(),
            override_group: group_for(&entries, path).map(str::to_string),
            naming: parse_name(name),
            descriptor: Some(descriptor),
        });
        clips.push(clip);
    }
    if clips.is_empty() {
        return Outcome::ClipFailed;
    }
    let grouping = group_takes(&inputs, a.similarity);
    let paths: Vec<PathBuf> = clips
        .iter()
        .map(|c| std::path::absolute(&c.path).unwrap_or_else(|_| c.path.clone()))
        .collect();
    let files: Vec<String> = clips.iter().map(|c| file_name(&c.path)).collect();
    let sources: Vec<TakeSource<'_>> = clips
        .iter()
        .zip(&paths)
        .zip(&files)
        .map(|((c, p), f)| TakeSource {
            name: &c.name,
            file: f,
            media_path: p,
            report: &c.report,
            source_tc: c.source_tc,
        })
        .collect();
    let options = AssemblyOptions {
        order: match a.order {
            OrderArg::Name => GroupOrder::Name,
            OrderArg::Timecode => GroupOrder::Timecode,
        },
        record_start: a.record_start.clone(),
        threshold: a.similarity,
    };
    let assembly = match build_assembly(&sources, &grouping, &options) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("circletake: error: {e}");
            return Outcome::Usage;
        }
    };
    if a.json {
        print!("{}", assembly.to_json_string());
    } else {
        match write_outputs(&assembly, &a.out) {
            Ok(()) => print_table(&assembly, &a.out),
            Err(e) => {
                eprintln!("circletake: error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        Outcome::ClipFailed
    } else {
        Outcome::Ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_ordered_naturally_and_deduplicated() {
        let v: Vec<PathBuf> = [
            "b/12A_T10.mov",
            "a/12A_T2.mov",
            "12A_T2.mov",
            "a/12A_T2.mov",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let o: Vec<String> = ordered(&v)
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(o, ["12A_T2.mov", "a/12A_T2.mov", "b/12A_T10.mov"]);
    }
}
