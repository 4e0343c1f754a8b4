//! Real clips with frame-exact hard cuts, and the F1 of a detector on them.

use crate::{paths, samples};
use std::path::PathBuf;

/// Frames a detected boundary may be off and still count.
pub const TOLERANCE: i64 = 2;

/// A clip and where its shots start.
pub struct TruthClip {
    /// Shown in the report.
    pub name: &'static str,
    /// The video.
    pub path: PathBuf,
    /// First frames of every shot but the first (0-based, decode order).
    pub boundaries: &'static [i64],
    /// Only boundaries detected below this frame are scored (the truth of
    /// later frames is not frame-exact).
    pub scored_until: Option<i64>,
    /// What the truth covers.
    pub note: &'static str,
}

/// bikes.mp4 always; testvideo.mp4 when `../shared/footage` is present.
pub fn clips() -> Vec<TruthClip> {
    let mut out = vec![TruthClip {
        name: "bikes.mp4 (640x272, 250 frames)",
        path: samples::dir().join("bikes.mp4"),
        boundaries: &[30, 76, 137, 187, 242],
        scored_until: None,
        note: "five hard cuts, whole clip",
    }];
    if let Some(footage) = paths::shared_footage() {
        out.push(TruthClip {
            name: "testvideo.mp4 (1280x720, 720 frames)",
            path: footage.join("testvideo.mp4"),
            boundaries: &[30, 180],
            scored_until: Some(200),
            note: "black to shot at 30 and shot to black at 180; frames 0-199 scored \
                   (later fades and a dissolve have no frame-exact truth)",
        });
    }
    out
}

/// Boundaries (first frame of the new shot) from TransNetV2's per-frame cut
/// decisions (last frame of a shot): each run of consecutive frames counts once.
pub fn transnet_boundaries(last_frames: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    let mut prev = None;
    for &f in last_frames {
        if prev != Some(f - 1) {
            out.push(f + 1);
        }
        prev = Some(f);
    }
    out
}

/// Precision, recall and F1 of `found` against the clip's truth, each found
/// boundary matching at most one true one within [`TOLERANCE`] frames.
pub fn score(clip: &TruthClip, found: &[i64]) -> (usize, usize, usize, f64) {
    let found: Vec<i64> = found
        .iter()
        .copied()
        .filter(|&f| clip.scored_until.is_none_or(|end| f < end))
        .collect();
    let mut used = vec![false; found.len()];
    let mut tp = 0;
    for &t in clip.boundaries {
        let hit = (0..found.len())
            .filter(|&i| !used[i] && (found[i] - t).abs() <= TOLERANCE)
            .min_by_key(|&i| (found[i] - t).abs());
        if let Some(i) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    let fp = found.len() - tp;
    let fn_ = clip.boundaries.len() - tp;
    let f1 = if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    };
    (tp, fp, fn_, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clip() -> TruthClip {
        TruthClip {
            name: "t",
            path: PathBuf::new(),
            boundaries: &[30, 76],
            scored_until: Some(100),
            note: "",
        }
    }

    #[test]
    fn runs_of_cut_frames_are_one_boundary() {
        assert_eq!(transnet_boundaries(&[29, 30, 75]), vec![30, 76]);
    }

    #[test]
    fn scores_with_tolerance_and_window() {
        assert_eq!(score(&clip(), &[31, 76, 150]), (2, 0, 0, 1.0));
        let (tp, fp, fn_, f1) = score(&clip(), &[33, 77, 78]);
        assert_eq!((tp, fp, fn_), (1, 2, 1));
        assert!((f1 - 0.4).abs() < 1e-9);
        assert_eq!(score(&clip(), &[]).3, 0.0);
    }
}
