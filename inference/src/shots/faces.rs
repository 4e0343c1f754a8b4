//! Face tracks across frames, blinks per track and faces out of focus.

use serde::{Deserialize, Serialize};

use crate::signals::types::{FaceSignal, FrameSignals};

use super::options::Thresholds;
use super::rounding::r4;
use super::stats::{frames_for, percentile};
use super::FrameRange;

/// A blink: the eyes of one tracked face close (openness below `blink_ratio` of the
/// track's open level) for `blink_min_frames..=max(10, blink_max_s)` frames and open again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blink {
    /// Index of the face track (order of first appearance in the clip).
    pub track: usize,
    /// Frames with the eyes closed, `[start, end)` frame numbers.
    pub range: FrameRange,
    /// Lowest eye openness in the blink (0 = closed .. 1 = open).
    #[serde(with = "r4")]
    pub min_openness: f32,
}

/// Per-frame face results of a clip.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaceAnalysis {
    /// Number of face tracks found.
    pub tracks: usize,
    /// Blinks, ranges in indices of the frame slice (the caller adds the first frame number).
    pub blinks: Vec<Blink>,
    /// Per frame: focus of the least sharp tracked face relative to its track's 90th
    /// percentile (`None` when no tracked face is in the frame).
    pub face_focus_rel: Vec<Option<f32>>,
    /// Per frame: whether a blink is in progress.
    pub blinking: Vec<bool>,
}

struct Track {
    /// (frame index, face) pairs in frame order.
    faces: Vec<(usize, FaceSignal)>,
}

fn iou(a: &FaceSignal, b: &FaceSignal) -> f32 {
    let ix = (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0);
    let iy = (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0);
    let inter = ix * iy;
    let area = |f: &FaceSignal| (f.x1 - f.x0).max(0.0) * (f.y1 - f.y0).max(0.0);
    let union = area(a) + area(b) - inter;
    if union <= 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// Links faces frame to frame: greedy best overlap (IoU >= 0.3) with tracks seen in the
/// last 3 frames. Faces smaller than `face_min_height` are ignored.
fn track_faces(frames: &[FrameSignals], th: &Thresholds) -> Vec<Track> {
    let mut tracks: Vec<Track> = Vec::new();
    for (t, frame) in frames.iter().enumerate() {
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        let faces: Vec<&FaceSignal> = frame
            .faces
            .iter()
            .filter(|f| f.y1 - f.y0 >= th.face_min_height)
            .collect();
        for (k, track) in tracks.iter().enumerate() {
            let (last_t, last) = track.faces.last().expect("tracks are never empty");
            if t - last_t > 3 {
                continue;
            }
            for (j, face) in faces.iter().enumerate() {
                let o = iou(last, face);
                if o >= 0.3 {
                    pairs.push((o, k, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used_track = vec![false; tracks.len()];
        let mut used_face = vec![false; faces.len()];
        for (_, k, j) in pairs {
            if !used_track[k] && !used_face[j] {
                used_track[k] = true;
                used_face[j] = true;
                tracks[k].faces.push((t, faces[j].clone()));
            }
        }
        for (j, face) in faces.iter().enumerate() {
            if !used_face[j] {
                tracks.push(Track {
                    faces: vec![(t, (*face).clone())],
                });
            }
        }
    }
    tracks
}

/// Blinks of one track. A blink is a run of samples with the lids lowered (openness
/// below `blink_lids_ratio` of the track's open level) that reaches closed (below
/// `blink_ratio`), bounded by open samples on both sides, samples at most 2 frames apart.
/// Its frames are those strictly between the last open sample before and the first open
/// sample after, so the whole lid movement counts and faces measured on every 2nd
/// frame give about the same durations as every frame. It lasts `blink_min_frames` or
/// more, or a single frame where the eye reads fully closed (below half of `blink_ratio`).
fn track_blinks(track: &Track, k: usize, max_len: usize, th: &Thresholds) -> Vec<Blink> {
    let samples: Vec<(usize, f32)> = track
        .faces
        .iter()
        .filter_map(|(t, f)| f.eye_openness.map(|o| (*t, o)))
        .collect();
    let levels: Vec<f32> = samples.iter().map(|s| s.1).collect();
    let open_level = percentile(&levels, 0.75).unwrap_or(0.0);
    if open_level < 0.1 {
        return Vec::new();
    }
    let closed_below = th.blink_ratio * open_level;
    let lowered_below = th.blink_lids_ratio.max(th.blink_ratio) * open_level;
    let mut out = Vec::new();
    let mut i = 1;
    while i < samples.len() {
        if samples[i].1 >= lowered_below || samples[i - 1].1 < lowered_below {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j + 1 < samples.len() && samples[j + 1].1 < lowered_below {
            j += 1;
        }
        let contiguous = samples[start - 1..=(j + 1).min(samples.len() - 1)]
            .windows(2)
            .all(|w| w[1].0 - w[0].0 <= 2);
        let reopens = j + 1 < samples.len();
        let min_openness = samples[start..=j]
            .iter()
            .map(|s| s.1)
            .fold(f32::INFINITY, f32::min);
        let (from, to) = (
            samples[start - 1].0 + 1,
            samples.get(j + 1).map_or(0, |s| s.0),
        );
        let len = to.saturating_sub(from);
        let closes = min_openness < closed_below;
        // One frame is enough when the eye reads fully closed (below half the closed
        // threshold): at 25-30 fps the lids are often shut for a single frame only.
        let long_enough = len >= th.blink_min_frames.max(1) || min_openness < 0.5 * closed_below;
        if contiguous && reopens && closes && long_enough && len >= 1 && len <= max_len {
            out.push(Blink {
                track: k,
                range: FrameRange::new(from as i64, to as i64),
                min_openness,
            });
        }
        i = j + 1;
    }
    out
}

/// Per frame: the lowest eye openness among the tracked faces in it, relative to each
/// face track's open level (75th percentile of its openness, as for blinks): 1 = as
/// open as that face's eyes usually are, below `blink_ratio` = closed. `None` where no
/// tracked face with a measured openness is in the frame. Tracks with fewer than
/// `min_samples` measured frames, or whose open level is below 0.1 (eyes closed
/// throughout), give no value: their open level is unknown.
pub fn relative_eye_openness(
    frames: &[FrameSignals],
    min_samples: usize,
    th: &Thresholds,
) -> Vec<Option<f32>> {
    let mut out: Vec<Option<f32>> = vec![None; frames.len()];
    for track in track_faces(frames, th) {
        let samples: Vec<(usize, f32)> = track
            .faces
            .iter()
            .filter_map(|(t, f)| f.eye_openness.filter(|o| o.is_finite()).map(|o| (*t, o)))
            .collect();
        let levels: Vec<f32> = samples.iter().map(|s| s.1).collect();
        let open_level = percentile(&levels, 0.75).unwrap_or(0.0);
        if samples.len() < min_samples.max(1) || open_level < 0.1 {
            continue;
        }
        for (t, o) in samples {
            let rel = (o / open_level).clamp(0.0, 1.5);
            out[t] = Some(out[t].map_or(rel, |r: f32| r.min(rel)));
        }
    }
    out
}

/// Tracks faces through `frames` and finds blinks and soft faces.
pub fn analyze_faces(frames: &[FrameSignals], fps: f64, th: &Thresholds) -> FaceAnalysis {
    let n = frames.len();
    let tracks = track_faces(frames, th);
    let max_len = frames_for(th.blink_max_s, fps, 10);
    let mut blinks: Vec<Blink> = tracks
        .iter()
        .enumerate()
        .flat_map(|(k, t)| track_blinks(t, k, max_len, th))
        .collect();
    blinks.sort_by_key(|b| (b.range.start, b.track));
    let mut blinking = vec![false; n];
    for b in &blinks {
        for i in b.range.start..b.range.end {
            blinking[i as usize] = true;
        }
    }
    let mut face_focus_rel: Vec<Option<f32>> = vec![None; n];
    for track in &tracks {
        let focus: Vec<f32> = track.faces.iter().map(|(_, f)| f.focus).collect();
        let reference = percentile(&focus, 0.9).unwrap_or(0.0);
        if reference <= 1e-6 {
            continue;
        }
        for (t, f) in &track.faces {
            let rel = (f.focus / reference).clamp(0.0, 1.5);
            let slot = &mut face_focus_rel[*t];
            *slot = Some(slot.map_or(rel, |r: f32| r.min(rel)));
        }
    }
    FaceAnalysis {
        tracks: tracks.len(),
        blinks,
        face_focus_rel,
        blinking,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shots::testutil::{face, frames_with};

    #[test]
    fn blink_found_on_a_tracked_face() {
        let th = Thresholds::default();
        let fr = frames_with(30, |i, f| {
            let open = if (10..13).contains(&i) { 0.05 } else { 0.9 };
            f.faces = vec![face(0.4, 0.3, 0.2, Some(open), 5.0)];
            f.faces_analyzed = true;
        });
        let fa = analyze_faces(&fr, 25.0, &th);
        assert_eq!(fa.tracks, 1);
        assert_eq!(fa.blinks.len(), 1);
        assert_eq!(fa.blinks[0].range, FrameRange::new(10, 13));
        assert!(fa.blinking[11] && !fa.blinking[13]);
    }

    #[test]
    fn blink_found_when_faces_are_measured_on_every_other_frame() {
        let th = Thresholds::default();
        let fr = frames_with(30, |i, f| {
            f.faces_analyzed = i % 2 == 0;
            if i % 2 == 0 {
                let open = if i == 12 { 0.05 } else { 0.9 };
                f.faces = vec![face(0.4, 0.3, 0.2, Some(open), 5.0)];
            }
        });
        let fa = analyze_faces(&fr, 25.0, &th);
        assert_eq!(fa.blinks.len(), 1);
        assert_eq!(fa.blinks[0].range, FrameRange::new(11, 14));
    }

    #[test]
    fn the_whole_lid_movement_counts() {
        let th = Thresholds::default();
        let curve = [0.9, 0.9, 0.6, 0.04, 0.55, 0.9, 0.9];
        let fr = frames_with(40, |i, f| {
            let open = if (10..17).contains(&i) {
                curve[i - 10]
            } else {
                0.9
            };
            f.faces = vec![face(0.4, 0.3, 0.2, Some(open), 5.0)];
        });
        let fa = analyze_faces(&fr, 29.97, &th);
        assert_eq!(fa.blinks.len(), 1);
        assert_eq!(fa.blinks[0].range, FrameRange::new(12, 15));
        // One fully closed frame between open ones is a blink.
        let fr = frames_with(40, |i, f| {
            let open = if i == 20 { 0.03 } else { 0.9 };
            f.faces = vec![face(0.4, 0.3, 0.2, Some(open), 5.0)];
        });
        let fa = analyze_faces(&fr, 29.97, &th);
        assert_eq!(fa.blinks.len(), 1);
        assert_eq!(fa.blinks[0].range, FrameRange::new(20, 21));
        // Lids lowered without closing (a squint, a glance down) is no blink.
        let fr = frames_with(40, |i, f| {
            let open = if (10..14).contains(&i) { 0.6 } else { 0.9 };
            f.faces = vec![face(0.4, 0.3, 0.2, Some(open), 5.0)];
        });
        assert!(analyze_faces(&fr, 29.97, &th).blinks.is_empty());
    }

    #[test]
    fn eyes_closed_for_seconds_are_not_a_blink_nor_is_one_half_closed_frame() {
        let th = Thresholds::default();
        let fr = frames_with(60, |i, f| {
            let open = if (10..40).contains(&i) {
                0.05
            } else if i == 50 {
                0.4
            } else {
                0.9
            };
            f.faces = vec![face(0.4, 0.3, 0.2, Some(open), 5.0)];
        });
        assert!(analyze_faces(&fr, 25.0, &th).blinks.is_empty());
    }
}
