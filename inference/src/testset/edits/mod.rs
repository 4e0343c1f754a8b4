//! Edit points made from real footage with known answers, for Cut Check (issue #7).
//!
//! [`build_edits`] cuts short spans of the sample clips (`$CIRCLETAKE_SAMPLES`), adds
//! what a case needs (a motion-blurred whip-pan, flash frames, an exposure or
//! white-balance change in linear light) and writes, per case, two H.264 clips
//! (`<name>.out.mp4`, `<name>.in.mp4`: `-crf 12` yuv420p, 25 fps, both the same size)
//! and the truth `<name>.edit.json` ([`EditTruth`]). Frame numbers in an [`EditPoint`]
//! are the clips' own, 0-based in decode order; [`SideSource`] says which source
//! frame each clip starts at. Everything is deterministic, and a case whose truth
//! file and clips already exist with the same truth is not encoded again.
//!
//! Every consumer asserts a report with [`check_expect`].

mod cases;
mod expect;
mod render;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::TestSetError;
use crate::edit_check::{EditPoint, IssueKind, Side, Verdict};
use crate::signals::types::FrameRate;

pub use cases::{case_truths, CASE_NAMES};
pub use expect::check_expect;
pub use render::Effect;

/// Value of the `format` field of an edit truth file.
pub const EDIT_TRUTH_FORMAT: &str = "circletake.testset.edit";
/// Version of the edit truth layout (and of the way clips are rendered from it:
/// bumped when either changes, so cached clips are rebuilt).
pub const EDIT_TRUTH_VERSION: u32 = 1;

/// Every issue kind (the `absent` list of a clean edit).
pub const ALL_ISSUE_KINDS: [IssueKind; 9] = [
    IssueKind::Blink,
    IssueKind::EyesClosed,
    IssueKind::WhipPan,
    IssueKind::MotionBlur,
    IssueKind::Flash,
    IssueKind::JumpCut,
    IssueKind::ExposureJump,
    IssueKind::ColourJump,
    IssueKind::SourceCut,
];

/// Which rolls of the edit are right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftExpect {
    /// No roll may be suggested (nothing wrong, or nothing a roll fixes).
    None,
    /// Some roll must be suggested.
    AnyNonZero,
    /// A roll within `lo..=hi` must be suggested.
    Range(i32, i32),
    /// A roll must be suggested, and not one within `lo..=hi` (a roll that leaves a
    /// problem spanning those rolls, in either direction).
    Outside(i32, i32),
    /// Either no roll, or one within `lo..=hi`.
    NoneOrRange(i32, i32),
}

/// An issue that must be reported on one side, at a frame in `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueAt {
    /// The kind (its family counts too, see [`EditExpect::issues`]).
    pub kind: IssueKind,
    /// The clip that shows it.
    pub side: Side,
    /// First acceptable frame (the clip's own numbers).
    pub first: i64,
    /// Last acceptable frame.
    pub last: i64,
}

/// The known answer of one edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditExpect {
    /// Kinds that must be reported at the edit as placed. Blink and EyesClosed stand
    /// for each other (a one-frame closure is either), as do WhipPan and MotionBlur
    /// (the smeared frames of a whip-pan are both).
    pub issues: Vec<IssueKind>,
    /// Where some of them must be reported (side and frames).
    pub located: Vec<IssueAt>,
    /// Kinds that must NOT be reported (exact kinds, no families).
    pub absent: Vec<IssueKind>,
    /// The suggested roll.
    pub shift: ShiftExpect,
    /// Rolls that must be impossible in the report's `shifts` (cost `None`), e.g.
    /// rolls that would show a frame of the source's next shot.
    pub blocked: Vec<i32>,
    /// The verdict, where it follows from the above.
    pub verdict: Option<Verdict>,
}

/// One clip of an edit and where its frames come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideSource {
    /// The clip's file name (next to the truth file).
    pub file: String,
    /// The sample clip it was cut from.
    pub source: String,
    /// Source frame (0-based) shown as the clip's frame 0.
    pub source_first: i64,
    /// Frames in the clip.
    pub frame_count: usize,
    /// Frame width in pixels.
    pub width: usize,
    /// Frame height in pixels.
    pub height: usize,
    /// What was done to the frames (frame numbers are the clip's).
    pub effect: Effect,
}

impl SideSource {
    /// The source frame shown as clip frame `frame`.
    pub fn source_frame(&self, frame: i64) -> i64 {
        self.source_first + frame
    }
}

/// Everything known about one case, as written to `<name>.edit.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditTruth {
    /// Always [`EDIT_TRUTH_FORMAT`].
    pub format: String,
    /// Always [`EDIT_TRUTH_VERSION`].
    pub version: u32,
    /// Case name (one of [`CASE_NAMES`]).
    pub name: String,
    /// The outgoing clip.
    pub outgoing: SideSource,
    /// The incoming clip.
    pub incoming: SideSource,
    /// Frame rate of both clips.
    pub rate: FrameRate,
    /// The edit as placed.
    pub edit: EditPoint,
    /// The answer.
    pub expect: EditExpect,
    /// What was built and why the answer is known.
    pub description: String,
}

impl EditTruth {
    /// The clip of `side`.
    pub fn side(&self, side: Side) -> &SideSource {
        match side {
            Side::Outgoing => &self.outgoing,
            Side::Incoming => &self.incoming,
        }
    }

    /// Reads and validates a truth file.
    pub fn read(path: &Path) -> Result<Self, TestSetError> {
        let bad = |reason: String| TestSetError::BadTruth {
            path: path.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| TestSetError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let truth: Self = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if truth.format != EDIT_TRUTH_FORMAT {
            return Err(bad(format!("format {:?}", truth.format)));
        }
        if truth.version != EDIT_TRUTH_VERSION {
            return Err(bad(format!(
                "version {} (this build reads {EDIT_TRUTH_VERSION})",
                truth.version
            )));
        }
        if !CASE_NAMES.contains(&truth.name.as_str()) {
            return Err(bad(format!("unknown case {:?}", truth.name)));
        }
        Ok(truth)
    }

    /// Deterministic pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("edit truth serialises") + "\n"
    }
}

/// One built edit on disk.
#[derive(Debug, Clone)]
pub struct EditCase {
    /// Case name, e.g. `"blink_at_out"`.
    pub name: &'static str,
    /// The outgoing clip (`<out_dir>/<name>.out.mp4`).
    pub outgoing: PathBuf,
    /// The incoming clip (`<out_dir>/<name>.in.mp4`).
    pub incoming: PathBuf,
    /// Frame rate of both clips.
    pub rate: FrameRate,
    /// The edit as placed (clip frame numbers).
    pub edit: EditPoint,
    /// The answer.
    pub expect: EditExpect,
    /// One line: what was built and why the answer is known.
    pub description: String,
    /// `<out_dir>/<name>.edit.json`.
    pub truth_path: PathBuf,
    /// The full truth (sources, sizes, effects).
    pub truth: EditTruth,
}

impl EditCase {
    /// The case described by `truth`, its files in `dir`.
    pub fn from_truth(truth: EditTruth, dir: &Path) -> Result<Self, TestSetError> {
        let name = CASE_NAMES
            .iter()
            .copied()
            .find(|n| *n == truth.name)
            .ok_or_else(|| TestSetError::BadTruth {
                path: dir.join(format!("{}.edit.json", truth.name)),
                reason: format!("unknown case {:?}", truth.name),
            })?;
        Ok(Self {
            name,
            outgoing: dir.join(&truth.outgoing.file),
            incoming: dir.join(&truth.incoming.file),
            rate: truth.rate,
            edit: truth.edit,
            expect: truth.expect.clone(),
            description: truth.description.clone(),
            truth_path: dir.join(format!("{name}.edit.json")),
            truth,
        })
    }

    /// Reads a case from its truth file (the clips are next to it).
    pub fn load(truth_path: &Path) -> Result<Self, TestSetError> {
        let truth = EditTruth::read(truth_path)?;
        let dir = truth_path.parent().unwrap_or(Path::new("."));
        Self::from_truth(truth, dir)
    }

    /// The clip file of `side`.
    pub fn clip(&self, side: Side) -> &Path {
        match side {
            Side::Outgoing => &self.outgoing,
            Side::Incoming => &self.incoming,
        }
    }
}

/// Builds every case from the sample clips in `samples` (bikes.mp4, carphone.mp4,
/// bigbuckbunny.mp4) into `out_dir` (created if needed). FFmpeg is
/// `$CIRCLETAKE_FFMPEG` or `ffmpeg` on `PATH`. Cases already on disk with the same
/// truth are reused as they are.
pub fn build_edits(samples: &Path, out_dir: &Path) -> Result<Vec<EditCase>, TestSetError> {
    std::fs::create_dir_all(out_dir).map_err(|e| TestSetError::Io {
        path: out_dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut ffmpeg = None;
    let mut out = Vec::new();
    for truth in case_truths() {
        let case = EditCase::from_truth(truth, out_dir)?;
        let cached = case.outgoing.is_file()
            && case.incoming.is_file()
            && EditTruth::read(&case.truth_path).is_ok_and(|t| t == case.truth);
        if !cached {
            if ffmpeg.is_none() {
                ffmpeg = Some(
                    crate::media::ffmpeg_binary().map_err(|e| TestSetError::Media {
                        path: PathBuf::from("ffmpeg"),
                        reason: e.to_string(),
                    })?,
                );
            }
            let ffmpeg = ffmpeg.as_deref().expect("set above");
            // Under names of this process, renamed into place: test processes that
            // build the same case at once never write into each other's files.
            for side in [Side::Outgoing, Side::Incoming] {
                let path = case.clip(side);
                let tmp = path.with_extension(format!("{}.mp4", std::process::id()));
                render::write_side(ffmpeg, samples, case.truth.side(side), &tmp)?;
                std::fs::rename(&tmp, path).map_err(|e| TestSetError::Io {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })?;
            }
            write_truth_file(&case.truth, &case.truth_path)?;
        }
        out.push(case);
    }
    Ok(out)
}

fn write_truth_file(truth: &EditTruth, path: &Path) -> Result<(), TestSetError> {
    let io = |e: std::io::Error| TestSetError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let tmp = path.with_extension(format!("{}.partial", std::process::id()));
    std::fs::write(&tmp, truth.to_json()).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests;
