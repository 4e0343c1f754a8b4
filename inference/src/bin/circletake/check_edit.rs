//! `circletake check-edit`: Cut Check on one edit point between two files. Only
//! the frames around the edit are decoded (see `edit_frames`); prints what is
//! wrong at the cut and the roll that fixes it, and optionally the JSON report.

use std::path::Path;
use std::time::Instant;

use circletake_inference::edit_check::{
    EditCheck, EditCheckOptions, EditPoint, EditReport, Side, Verdict,
};
use circletake_inference::media::{probe, MediaInfo};
use circletake_inference::timecode::{frame_to_timecode, TimecodeFormat};
use circletake_inference::{FrameRate, InferenceError};

use crate::args::CheckEditArgs;
use crate::edit_frames::decode_span;
use crate::media_clip::{file_name, source_timecode};
use crate::{setup, Outcome};

/// One clip of the edit: the file, its stream facts and source timecode.
struct Clip<'a> {
    path: &'a Path,
    name: String,
    info: MediaInfo,
    /// Source timecode of frame 0 (frame count) and drop-frame counting.
    source_tc: Option<(i64, bool)>,
}

impl Clip<'_> {
    /// Timecode label of frame `frame`: the source timecode when the file has
    /// one, else media time from 00:00:00:00.
    fn timecode(&self, frame: i64) -> String {
        let rate = self.info.frame_rate;
        if let Some((start, drop)) = self.source_tc {
            let format = if drop {
                TimecodeFormat::drop_frame(rate)
            } else {
                TimecodeFormat::non_drop(rate)
            };
            if let Ok(f) = format {
                return f.timecode(start + frame).to_string();
            }
        }
        frame_to_timecode(frame, rate)
    }
}

fn error(message: impl std::fmt::Display, outcome: Outcome) -> Outcome {
    eprintln!("circletake: error: {message}");
    outcome
}

/// Probes both clips; `Err` is the exit (1 unreadable, 2 different rates).
fn open_clips<'a>(a: &'a CheckEditArgs) -> Result<[Clip<'a>; 2], Outcome> {
    let open = |path: &'a Path| -> Result<Clip<'a>, Outcome> {
        let info = probe(path).map_err(|e| error(e, Outcome::ClipFailed))?;
        Ok(Clip {
            path,
            name: file_name(path),
            source_tc: source_timecode(path, info.frame_rate),
            info,
        })
    };
    let clips = [open(&a.outgoing)?, open(&a.incoming)?];
    let (r0, r1) = (clips[0].info.frame_rate, clips[1].info.frame_rate);
    if r0 != r1 {
        return Err(error(
            format!(
                "the clips have different frame rates ({} at {}/{}, {} at {}/{}); an edit joins clips of one rate: conform them first",
                clips[0].name, r0.num, r0.den, clips[1].name, r1.num, r1.den
            ),
            Outcome::Usage,
        ));
    }
    Ok(clips)
}

/// Decodes the frames the check wants of `clip` and pushes them. `Err` is the exit:
/// 1 for unreadable media, 2 when the edit frame is past the end of the clip.
fn measure_side(
    check: &mut EditCheck,
    side: Side,
    clip: &Clip<'_>,
    quiet: bool,
) -> Result<(), Outcome> {
    let (first, last) = check.wanted(side);
    let edit = check.edit();
    let at = match side {
        Side::Outgoing => edit.out_frame,
        Side::Incoming => edit.in_frame,
    };
    let started = Instant::now();
    let mut decoded = Vec::new();
    let span = decode_span(clip.path, &clip.info, first, last, |frame, view| {
        decoded.push(frame);
        check.push(side, frame, view).map(|_| ())
    })
    .map_err(|e| match e {
        // Media errors name the file already.
        InferenceError::Media { .. } => error(e, Outcome::ClipFailed),
        other => error(
            format!("{}: {other}", clip.path.display()),
            Outcome::ClipFailed,
        ),
    })?;
    decoded.sort_unstable();
    let Some(last_seen) = span.last_seen.filter(|&l| l >= at) else {
        return Err(not_reached(side, clip, at, span.last_seen));
    };
    // Frames inside the clip that did not decode (damaged media).
    let shown_last = last.min(last_seen);
    let holes: Vec<i64> = (first.max(0)..=shown_last)
        .filter(|f| decoded.binary_search(f).is_err())
        .collect();
    if holes.contains(&at) {
        return Err(error(
            format!(
                "{}: damaged media: the {} edit frame {at} does not decode",
                clip.path.display(),
                side.name()
            ),
            Outcome::ClipFailed,
        ));
    }
    if let (Some(a), Some(b)) = (holes.first(), holes.last()) {
        eprintln!(
            "circletake: warning: {}: {} frame(s) between {a} and {b} do not decode (damaged media); rolls onto them are not suggested",
            clip.path.display(),
            holes.len()
        );
    }
    if !quiet {
        eprintln!(
            "{}: {} {} frames {}..{} measured in {:.1} s",
            clip.name,
            span.frames,
            side.name(),
            first.max(0),
            shown_last,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Frames the container's duration may be off by (rounding, a last partial frame).
const FRAME_COUNT_SLACK: i64 = 2;

/// The exit when the edit frame `at` did not decode: past the end of the clip
/// (usage, 2), or damaged media when the file says it should be there (1).
fn not_reached(side: Side, clip: &Clip<'_>, at: i64, last_seen: Option<i64>) -> Outcome {
    let count = clip.info.frame_count.map(|n| n as i64);
    if let Some(n) = count.filter(|&n| at < n - FRAME_COUNT_SLACK) {
        let decoded = match last_seen {
            Some(l) => format!("decoding stops at frame {l}"),
            None => "nothing decodes there".to_string(),
        };
        return error(
            format!(
                "{}: damaged or truncated media: frame {at} does not decode ({decoded}) although the file should have about {n} frames",
                clip.path.display()
            ),
            Outcome::ClipFailed,
        );
    }
    let end = match (last_seen, count) {
        (Some(l), _) => format!("its last frame is {l}"),
        (None, Some(n)) => format!("it has about {n} frames"),
        (None, None) => "it ends before".to_string(),
    };
    error(
        format!(
            "frame {at} is past the end of the {} clip {} ({end})",
            side.name(),
            clip.name
        ),
        Outcome::Usage,
    )
}

/// The human summary.
fn summary(report: &EditReport, clips: &[Clip<'_>; 2]) -> String {
    let edit = report.edit;
    let mut s = String::new();
    let frame_at = |side: Side, frame: i64| {
        let clip = match side {
            Side::Outgoing => &clips[0],
            Side::Incoming => &clips[1],
        };
        format!("frame {frame} ({})", clip.timecode(frame))
    };
    s.push_str(&format!(
        "Edit: {} {} | {} {}\n",
        clips[0].name,
        frame_at(Side::Outgoing, edit.out_frame),
        clips[1].name,
        frame_at(Side::Incoming, edit.in_frame)
    ));
    s.push_str("      (last outgoing frame shown | first incoming frame shown)\n");
    let verdict = match report.verdict {
        Verdict::Clean => "clean: nothing to fix at this cut",
        Verdict::MoveEdit => "move the edit",
        Verdict::Review => "review: issues no roll within range fixes",
    };
    s.push_str(&format!("Verdict: {verdict}\n"));
    if !report.issues.is_empty() {
        s.push_str("Issues (worst first):\n");
        let rows: Vec<[String; 4]> = report
            .issues
            .iter()
            .map(|i| {
                let place = match (i.side, i.frame) {
                    (Some(side), Some(f)) => format!("{} {}", side.name(), frame_at(side, f)),
                    (Some(side), None) => side.name().to_string(),
                    _ => "across the cut".to_string(),
                };
                [
                    format!("{:.2}", i.severity),
                    i.kind.name().to_string(),
                    place,
                    i.message.clone(),
                ]
            })
            .collect();
        for line in
            crate::text_table::render(["severity", "issue", "where", "message"], &rows).lines()
        {
            s.push_str(&format!("  {line}\n"));
        }
    }
    match &report.suggestion {
        Some(sug) => {
            s.push_str(&format!("Suggestion: {}\n", sug.reason));
            s.push_str(&format!(
                "  roll {:+}: outgoing ends at {}, incoming starts at {}\n",
                sug.shift,
                frame_at(Side::Outgoing, sug.edit.out_frame),
                frame_at(Side::Incoming, sug.edit.in_frame)
            ));
        }
        None => s.push_str("Suggestion: none (keep the edit)\n"),
    }
    s.push_str(&format!(
        "Across the cut: framing similarity {:.2} (1 = same framing), exposure change {:+.3} (mean luma), colour change {:.3} (OKLab chroma)\n",
        report.framing_similarity, report.exposure_change, report.colour_change
    ));
    for note in &report.notes {
        s.push_str(&format!("Note: {note}\n"));
    }
    s
}

/// Writes the JSON report to `target` (`-` = stdout).
fn write_json(report: &EditReport, target: &Path) -> Result<(), Outcome> {
    let json = report.to_json();
    if target == Path::new("-") {
        println!("{json}");
        return Ok(());
    }
    circletake_inference::export::write_atomic(target, format!("{json}\n").as_bytes()).map_err(
        |e| {
            error(
                format!("cannot write {}: {e}", target.display()),
                Outcome::NoOutput,
            )
        },
    )
}

/// Runs `check-edit`.
pub fn run(a: &CheckEditArgs) -> Outcome {
    match check(a) {
        Ok(report) => {
            if a.strict && report.verdict != Verdict::Clean {
                Outcome::NotClean
            } else {
                Outcome::Ok
            }
        }
        Err(outcome) => outcome,
    }
}

fn check(a: &CheckEditArgs) -> Result<EditReport, Outcome> {
    let clips = open_clips(a)?;
    let engine = setup::engine(&a.engine).map_err(|m| error(m, Outcome::NoDevice))?;
    let edit = EditPoint {
        out_frame: i64::from(a.out_frame),
        in_frame: i64::from(a.in_frame),
    };
    let options = EditCheckOptions {
        max_shift: a.max_shift,
        ..EditCheckOptions::default()
    };
    let rate: FrameRate = clips[0].info.frame_rate;
    let mut check = engine
        .edit_check(rate, edit, options)
        .map_err(|e| error(e, Outcome::Usage))?;
    check.set_names(Some(clips[0].name.clone()), Some(clips[1].name.clone()));
    for (side, clip) in [(Side::Outgoing, &clips[0]), (Side::Incoming, &clips[1])] {
        measure_side(&mut check, side, clip, a.engine.quiet)?;
    }
    let report = check.finish().map_err(|e| {
        let outcome = match e {
            InferenceError::ModelMissing { .. } | InferenceError::ModelCorrupt { .. } => {
                Outcome::NoDevice
            }
            InferenceError::DeviceUnavailable(_) => Outcome::NoDevice,
            _ => Outcome::ClipFailed,
        };
        error(format!("checking the edit failed: {e}"), outcome)
    })?;
    let json_to_stdout = a.json.as_deref() == Some(Path::new("-"));
    if !json_to_stdout {
        print!("{}", summary(&report, &clips));
    }
    if let Some(target) = &a.json {
        write_json(&report, target)?;
    }
    Ok(report)
}
