//! Synthetic edits from real footage with ground truth: an accuracy test set for shot
//! boundaries and trims (issue #4).
//!
//! [`build`] decodes single-shot spans of the sample clips (and of `../shared/footage`
//! when given), scales them to one working size (512×288, 25 fps) and writes:
//!
//! * `seqNN.mp4` — edited sequences: shots joined by hard cuts, cross-dissolves of 6–24
//!   frames and fades through black, with 1–3-frame flashes and motion-blurred
//!   whip-pans (away and back over 4–8 frames) inside shots that must NOT count as cuts;
//! * `takeNN.mp4` — single takes with junk heads and tails: black, a slate flash,
//!   settling shake (decaying random translation), a focus pull (Gaussian blur ramping
//!   to sigma 0), overexposure (gain ramping to clipping), a whip-pan away;
//!
//! each H.264 `-crf 12` yuv420p, with `<name>.truth.json` ([`ClipTruth`]) next to it.
//! Everything is deterministic (seeded xorshift): the same sources give the same set.
//! [`metrics`] scores any detector's cut list ([`score_cuts`]) and trims ([`score_trim`])
//! against the truth, so the benchmarks can run other tools on the same files.

pub mod edits;
pub mod encode;
pub mod image_ops;
pub mod metrics;
pub mod rng;
pub mod sequences;
pub mod sources;
pub mod takes;
pub mod truth;

#[cfg(test)]
mod metrics_tests;

use std::path::{Path, PathBuf};

pub use metrics::{
    report_boundaries, score_cuts, score_trim, summarize_trims, transition_frames_in_trims,
    transnet_boundaries, CutScores, TrimScore, TrimSummary, CUT_TOLERANCE,
};
pub use truth::{
    BoundaryKind, ClipKind, ClipTruth, Distractor, DistractorKind, JunkKind, JunkSpan, TakeTruth,
    TruthBoundary, TruthShot,
};

use crate::signals::types::FrameRate;
use rng::Rng;
use sequences::{build_sequence, Event, Join};
use takes::build_take;

/// Seed of the whole test set.
pub const SEED: u64 = 0x00C1_2C1E_7A4E_0004;
/// Frame rate of every built clip (sources at other rates are re-timed, frame for frame).
pub const FPS: u32 = 25;
/// Output frame size.
pub const WIDTH: usize = 512;
/// Output frame height.
pub const HEIGHT: usize = 288;

/// Errors building or reading the test set.
#[derive(Debug, thiserror::Error)]
pub enum TestSetError {
    /// A required sample clip is missing.
    #[error("source clip missing: {} (run `cargo xtask setup`)", path.display())]
    MissingSource {
        /// The missing file.
        path: PathBuf,
    },
    /// FFmpeg could not be run, or failed to decode or encode.
    #[error("media error: {}: {reason}", path.display())]
    Media {
        /// The file being read or written.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A file could not be written or read.
    #[error("cannot write or read {}: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A truth file is not valid JSON of the expected format and version.
    #[error("not a test-set truth file: {}: {reason}", path.display())]
    BadTruth {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// Output size and the larger canvas the sources are scaled to (the margin lets
/// shake and moves show real picture).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Output width.
    pub width: usize,
    /// Output height.
    pub height: usize,
    /// Canvas width (≥ width).
    pub canvas_width: usize,
    /// Canvas height (≥ height).
    pub canvas_height: usize,
}

impl Geometry {
    /// Top-left corner of the output window at rest (centred on the canvas).
    pub fn rest(self) -> (f32, f32) {
        (
            ((self.canvas_width - self.width) / 2) as f32,
            ((self.canvas_height - self.height) / 2) as f32,
        )
    }
}

/// The geometry of the built set: 512×288 out of a 576×324 canvas.
pub const GEOMETRY: Geometry = Geometry {
    width: WIDTH,
    height: HEIGHT,
    canvas_width: 576,
    canvas_height: 324,
};

/// One built clip on disk.
#[derive(Debug, Clone)]
pub struct TestClip {
    /// Clip name (file stem).
    pub name: String,
    /// The video, `<out_dir>/<name>.mp4`.
    pub video: PathBuf,
    /// The truth, `<out_dir>/<name>.truth.json`.
    pub truth_path: PathBuf,
    /// The truth.
    pub truth: ClipTruth,
}

/// The built set.
#[derive(Debug, Clone)]
pub struct TestSet {
    /// Sequences first, then takes.
    pub clips: Vec<TestClip>,
    /// Source files used.
    pub sources: Vec<String>,
}

/// Sequences and joins per sequence.
const SEQUENCES: usize = 4;
const JOINS_PER_SEQUENCE: usize = 9;
/// Boundary kinds over all sequences: 16 cuts, 11 dissolves, 9 fades through black.
const KIND_COUNTS: [(BoundaryKind, usize); 3] = [
    (BoundaryKind::Cut, 16),
    (BoundaryKind::Dissolve, 11),
    (BoundaryKind::FadeThroughBlack, 9),
];
/// Shots with a flash and with a whip-pan inside.
const FLASHES: usize = 10;
const WHIPS: usize = 8;

/// Junk of each take (head, tail).
const TAKES: &[(&[JunkKind], &[JunkKind])] = {
    use JunkKind::*;
    &[
        (&[Black], &[Overexposure]),
        (&[SettlingShake], &[WhipPanAway]),
        (&[FocusPull], &[Black]),
        (&[Flash], &[Overexposure]),
        (&[Black, SettlingShake], &[WhipPanAway]),
        (&[SettlingShake], &[Black]),
        (&[FocusPull], &[WhipPanAway]),
        (&[Black, FocusPull], &[Overexposure]),
        (&[Flash], &[Black]),
        (&[Black], &[WhipPanAway]),
    ]
};

fn shuffle<T>(v: &mut [T], rng: &mut Rng) {
    for i in (1..v.len()).rev() {
        let j = rng.range(0, i);
        v.swap(i, j);
    }
}

fn truth_for(name: String, kind: ClipKind, frame_count: usize) -> ClipTruth {
    ClipTruth {
        format: truth::TRUTH_FORMAT.to_string(),
        version: truth::TRUTH_VERSION,
        name,
        kind,
        frame_count,
        frame_rate: FrameRate { num: FPS, den: 1 },
        width: WIDTH,
        height: HEIGHT,
        boundaries: Vec::new(),
        shots: Vec::new(),
        distractors: Vec::new(),
        take: None,
    }
}

fn write_clip(
    ffmpeg: &Path,
    out_dir: &Path,
    truth: ClipTruth,
    frames: &[image_ops::Rgb],
) -> Result<TestClip, TestSetError> {
    let video = out_dir.join(format!("{}.mp4", truth.name));
    let truth_path = out_dir.join(format!("{}.truth.json", truth.name));
    encode::write_video(ffmpeg, frames, FPS, &video)?;
    encode::write_truth(&truth, &truth_path)?;
    Ok(TestClip {
        name: truth.name.clone(),
        video,
        truth_path,
        truth,
    })
}

/// Builds the test set from `sources_dir` (the sample clips: bikes.mp4,
/// bigbuckbunny.mp4, carphone.mp4) and, when given, `shared_footage` (testvideo.mp4,
/// cockatoo.mp4 where present), writing `<name>.mp4` and `<name>.truth.json` for every
/// clip into `out_dir` (created if needed). FFmpeg is `$CIRCLETAKE_FFMPEG` or `ffmpeg`
/// on `PATH`.
pub fn build(
    sources_dir: &Path,
    shared_footage: Option<&Path>,
    out_dir: &Path,
) -> Result<TestSet, TestSetError> {
    let ffmpeg = crate::media::ffmpeg_binary().map_err(|e| TestSetError::Media {
        path: PathBuf::from("ffmpeg"),
        reason: e.to_string(),
    })?;
    std::fs::create_dir_all(out_dir).map_err(|e| TestSetError::Io {
        path: out_dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let g = GEOMETRY;
    let (sources, used) = sources::load_sources(
        &ffmpeg,
        sources_dir,
        shared_footage,
        (g.canvas_width, g.canvas_height),
    )?;
    let mut rng = Rng::new(SEED);
    let mut kinds: Vec<BoundaryKind> = KIND_COUNTS
        .iter()
        .flat_map(|&(k, n)| std::iter::repeat_n(k, n))
        .collect();
    shuffle(&mut kinds, &mut rng);
    let shots_total = SEQUENCES * (JOINS_PER_SEQUENCE + 1);
    let mut slots: Vec<usize> = (0..shots_total).collect();
    shuffle(&mut slots, &mut rng);
    let mut events: Vec<Option<Event>> = vec![None; shots_total];
    for (n, &slot) in slots.iter().enumerate().take(FLASHES + WHIPS) {
        events[slot] = Some(if n < FLASHES {
            Event::random_flash(&mut rng)
        } else {
            Event::random_whip(&mut rng)
        });
    }
    let mut clips = Vec::new();
    for q in 0..SEQUENCES {
        let joins: Vec<Join> = kinds[q * JOINS_PER_SEQUENCE..(q + 1) * JOINS_PER_SEQUENCE]
            .iter()
            .map(|&k| Join::random(k, &mut rng))
            .collect();
        let ev = &events[q * (JOINS_PER_SEQUENCE + 1)..(q + 1) * (JOINS_PER_SEQUENCE + 1)];
        let built = build_sequence(&mut rng, &sources, &joins, ev, g);
        let mut truth = truth_for(
            format!("seq{:02}", q + 1),
            ClipKind::Sequence,
            built.frames.len(),
        );
        truth.boundaries = built.boundaries;
        truth.shots = built.shots;
        truth.distractors = built.distractors;
        clips.push(write_clip(&ffmpeg, out_dir, truth, &built.frames)?);
    }
    for (t, (head, tail)) in TAKES.iter().enumerate() {
        let built = build_take(&mut rng, &sources, t * 3, head, tail, g);
        let mut truth = truth_for(
            format!("take{:02}", t + 1),
            ClipKind::Take,
            built.frames.len(),
        );
        truth.shots = vec![built.shot];
        truth.take = Some(built.truth);
        clips.push(write_clip(&ffmpeg, out_dir, truth, &built.frames)?);
    }
    Ok(TestSet {
        clips,
        sources: used,
    })
}
