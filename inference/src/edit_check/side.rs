//! One clip of the edit, measured around its edit frame: the contiguous run of
//! frames that holds the edit frame, the source shot the cut may move within, and
//! the per-frame facts the issues are made of (whip-pans, smeared frames, flashes,
//! eye openness).

use std::collections::BTreeMap;

use super::{EditCheckOptions, FrameLook, Side, SideFrames};
use crate::shots::boundaries::{detect_boundaries, model_available, BoundaryContext};
use crate::shots::events::flash_ranges;
use crate::shots::faces::relative_eye_openness;
use crate::shots::shot_ranges;
use crate::shots::stats::median;
use crate::shots::temporal::{black_frames, motion};
use crate::signals::FrameSignals;

/// A clip around its edit frame.
#[derive(Debug, Clone)]
pub(super) struct SideView {
    /// Which clip.
    pub side: Side,
    /// The contiguous run of measured frames holding the edit frame (empty when the
    /// edit frame was not measured).
    pub frames: Vec<FrameSignals>,
    /// Looks of the run's frames, where given.
    pub looks: Vec<Option<FrameLook>>,
    /// Frames `[start, end)` of the source shot the cut may move within.
    pub home: (i64, i64),
    /// The first frame of each cut the source has inside the run.
    pub source_cuts: Vec<i64>,
    /// Per frame: inside a whip-pan.
    pub whip: Vec<bool>,
    /// Per frame: focus / median focus of the home shot's frames (`None` outside it).
    pub focus_ratio: Vec<Option<f32>>,
    /// Per frame: a flash frame of the source.
    pub flash: Vec<bool>,
    /// Per frame: black.
    pub black: Vec<bool>,
    /// Per frame: lowest eye openness relative to its face's open level.
    pub eyes: Vec<Option<f32>>,
    /// TransNetV2 probabilities were there (else the frame-difference fallback found the cuts).
    pub model: bool,
    /// Face detection ran on some frame.
    pub faces_analyzed: bool,
    /// Fraction 0..1 of the run's frames face detection ran on.
    pub faces_fraction: f32,
    /// Some face had a measured eye openness.
    pub eyes_measured: bool,
    /// Relative eye openness below which eyes are closed (`Thresholds::blink_ratio`).
    blink_ratio: f32,
}

impl SideView {
    /// Builds the view of `data` around `edit_frame` (`fps` frames per second).
    pub fn build(
        side: Side,
        data: &SideFrames,
        edit_frame: i64,
        fps: f64,
        options: &EditCheckOptions,
    ) -> Self {
        let th = &options.thresholds;
        let frames = contiguous_run(&data.signals, edit_frame);
        let by_frame: BTreeMap<i64, &FrameLook> = data.looks.iter().map(|l| (l.frame, l)).collect();
        let looks: Vec<Option<FrameLook>> = frames
            .iter()
            .map(|f| by_frame.get(&f.frame).map(|l| (*l).clone()))
            .collect();
        let n = frames.len();
        let first = frames.first().map_or(edit_frame, |f| f.frame);
        let black = black_frames(&frames, th);
        let flashes = flash_ranges(&frames, &black, th);
        let clip_motion = motion(&frames, fps, th);
        let clip_whip: Vec<bool> = clip_motion.iter().map(|m| m.whip_pan).collect();
        let bounds = detect_boundaries(
            &frames,
            BoundaryContext {
                black: &black,
                flashes: &flashes,
                whip: &clip_whip,
            },
            fps,
            th,
        );
        // A "cut" between two frames of the same framing whose brightness jumps is a
        // change of light (a flash at the clip's start, where no frame before it
        // shows that it is one; a light switched on), not another shot.
        let mut cuts = bounds.cuts;
        cuts.retain(|c| {
            let i = c.frame as usize;
            let (Some(Some(a)), Some(Some(b))) = (looks.get(i.wrapping_sub(1)), looks.get(i))
            else {
                return true;
            };
            let same_framing = a.framing_similarity(b) >= options.check.jump_cut_similarity;
            !(same_framing && (a.luma_mean - b.luma_mean).abs() >= th.flash_min_rise)
        });
        let shots = shot_ranges(n, &cuts, &bounds.transitions, &[]);
        let edit_index = (edit_frame - first).max(0) as usize;
        let home = home_shot(side, &shots, edit_index, n, options.check.source_cut_frames);

        // Motion, smear and focus within the home shot only: smoothing must not cross cuts.
        let (hs, he) = home;
        let mut whip = vec![false; n];
        let mut focus_ratio = vec![None; n];
        if he > hs {
            let shot = &frames[hs..he];
            let m = motion(shot, fps, th);
            for (j, f) in shot.iter().enumerate() {
                let reliable = j > 0
                    && f.motion_confidence >= th.motion_min_confidence
                    && f.motion_dx.is_finite()
                    && f.motion_dy.is_finite();
                let fast = reliable && f.motion_dx.hypot(f.motion_dy) >= th.whip_min_px;
                whip[hs + j] = m[j].whip_pan || fast;
            }
            let focus: Vec<f32> = shot
                .iter()
                .zip(&black[hs..he])
                .filter(|(_, &b)| !b)
                .map(|(f, _)| f.focus)
                .collect();
            if let Some(reference) = median(&focus).filter(|m| *m > 1e-6) {
                for (j, f) in shot.iter().enumerate() {
                    focus_ratio[hs + j] = f.focus.is_finite().then(|| f.focus / reference);
                }
            }
        }
        let mut flash = vec![false; n];
        for r in &flashes {
            (r.start..r.end).for_each(|i| flash[i as usize] = true);
        }
        let eyes = relative_eye_openness(&frames, options.check.eye_min_samples, th);
        Self {
            side,
            model: model_available(&frames),
            faces_analyzed: frames.iter().any(|f| f.faces_analyzed),
            faces_fraction: frames.iter().filter(|f| f.faces_analyzed).count() as f32
                / n.max(1) as f32,
            eyes_measured: frames
                .iter()
                .any(|f| f.faces.iter().any(|x| x.eye_openness.is_some())),
            home: (first + hs as i64, first + he as i64),
            source_cuts: cuts.iter().map(|c| first + c.frame).collect(),
            frames,
            looks,
            whip,
            focus_ratio,
            flash,
            black,
            eyes,
            blink_ratio: th.blink_ratio,
        }
    }

    /// Index of `frame` in the run.
    pub fn index(&self, frame: i64) -> Option<usize> {
        let first = self.frames.first()?.frame;
        let i = frame - first;
        (i >= 0 && (i as usize) < self.frames.len()).then_some(i as usize)
    }

    /// Whether `frame` was measured (and is in the run).
    pub fn has(&self, frame: i64) -> bool {
        self.index(frame).is_some()
    }

    /// Whether the cut may move to `frame` (the last outgoing / first incoming frame
    /// shown): measured and inside the home shot.
    pub fn may_cut_at(&self, frame: i64) -> bool {
        self.has(frame) && frame >= self.home.0 && frame < self.home.1
    }

    /// First and last frame of the run.
    pub fn span(&self) -> Option<(i64, i64)> {
        Some((self.frames.first()?.frame, self.frames.last()?.frame))
    }

    /// Mean luma of `frame`: from its look when there is one, else the engine's.
    pub fn luma(&self, frame: i64) -> Option<f32> {
        let i = self.index(frame)?;
        let v = match &self.looks[i] {
            Some(l) => l.luma_mean,
            None => self.frames[i].luma_mean,
        };
        v.is_finite().then_some(v)
    }

    /// Whether a neighbour of `frame` (in the source) has the eyes closed while
    /// `frame` itself does not: the lids are moving into or out of a blink there.
    /// The eye model sees one instant per frame; at 25-30 fps a blink's closing and
    /// opening phases take about two frames each, so the frames next to a closed one
    /// show lids in motion even where that instant reads open.
    pub fn next_to_closed(&self, frame: i64) -> bool {
        let closed = |f: i64| {
            self.index(f)
                .and_then(|i| self.eyes[i])
                .is_some_and(|r| r < self.blink_ratio)
        };
        !closed(frame) && (closed(frame - 1) || closed(frame + 1))
    }

    /// The look of `frame`, if given.
    pub fn look(&self, frame: i64) -> Option<&FrameLook> {
        self.looks[self.index(frame)?].as_ref()
    }
}

/// The frames sorted by number (duplicates dropped, first kept), cut down to the
/// run of consecutive numbers that holds `frame`; empty when `frame` is missing.
fn contiguous_run(signals: &[FrameSignals], frame: i64) -> Vec<FrameSignals> {
    let mut sorted: Vec<&FrameSignals> = signals.iter().collect();
    sorted.sort_by_key(|f| f.frame);
    sorted.dedup_by_key(|f| f.frame);
    let Ok(at) = sorted.binary_search_by_key(&frame, |f| f.frame) else {
        return Vec::new();
    };
    let mut s = at;
    while s > 0 && sorted[s - 1].frame == sorted[s].frame - 1 {
        s -= 1;
    }
    let mut e = at + 1;
    while e < sorted.len() && sorted[e].frame == sorted[e - 1].frame + 1 {
        e += 1;
    }
    sorted[s..e].iter().map(|f| (*f).clone()).collect()
}

/// The shot (index range) the cut belongs to: the one holding the edit frame, except
/// where that shot only starts in the last `near` frames shown of the outgoing clip
/// (or the next shot starts within the first `near` frames shown of the incoming one):
/// then the cut was meant for the neighbouring shot, and the few frames of the other
/// shot are a source-cut issue. The whole run when the edit frame is in no shot
/// (inside a transition span).
fn home_shot(
    side: Side,
    shots: &[(usize, usize)],
    edit: usize,
    n: usize,
    near: u32,
) -> (usize, usize) {
    let near = near as usize;
    let Some(k) = shots.iter().position(|&(s, e)| edit >= s && edit < e) else {
        return (0, n);
    };
    let (s, e) = shots[k];
    match side {
        Side::Outgoing if s > 0 && edit - s < near => shots
            .iter()
            .find(|&&(_, pe)| pe == s)
            .copied()
            .unwrap_or((s, e)),
        Side::Incoming if e < n && e - edit <= near => shots
            .iter()
            .find(|&&(ns, _)| ns == e)
            .copied()
            .unwrap_or((s, e)),
        _ => (s, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_home_shots() {
        let fr = crate::shots::testutil::frames_with(10, |i, f| {
            f.frame = if i < 5 { i as i64 } else { i as i64 + 3 };
        });
        assert_eq!(contiguous_run(&fr, 9).len(), 5);
        assert_eq!(contiguous_run(&fr, 3).len(), 5);
        assert!(contiguous_run(&fr, 6).is_empty());
        let shots = [(0, 10), (10, 20)];
        // Outgoing edit on the 2nd frame of a new shot: the cut belongs before it.
        assert_eq!(home_shot(Side::Outgoing, &shots, 11, 20, 3), (0, 10));
        assert_eq!(home_shot(Side::Outgoing, &shots, 13, 20, 3), (10, 20));
        // Incoming edit 2 frames before the next shot starts: it belongs to that shot.
        assert_eq!(home_shot(Side::Incoming, &shots, 8, 20, 3), (10, 20));
        assert_eq!(home_shot(Side::Incoming, &shots, 6, 20, 3), (0, 10));
        assert_eq!(home_shot(Side::Incoming, &[(0, 5)], 7, 12, 3), (0, 12));
    }
}
