//! Trim suggestions (in/out points with reasons) and the best segment of a shot.

use serde::{Deserialize, Serialize};

use crate::signals::types::FrameRate;
use crate::timecode::frame_to_timecode;

use super::options::Thresholds;
use super::rounding::r4;
use super::score::{frame_penalties, FrameFacts, COMPONENTS};
use super::stats::{fps_of, frames_for};
use super::FrameRange;

/// Suggested in and out points of a shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrimSuggestion {
    /// First frame to use.
    pub in_frame: i64,
    /// One past the last frame to use (`in_frame == out_frame`: nothing usable).
    pub out_frame: i64,
    /// How sure the suggestion is, 0..1: the product of each applied rule's certainty,
    /// scaled by `0.5 + 0.5 * mean frame score / 100` of the kept range.
    #[serde(with = "r4")]
    pub confidence: f32,
    /// Why, with timecodes, e.g. `"in at 00:00:01:04: camera settles"`.
    pub reasons: Vec<String>,
}

/// A contiguous part of a shot and its mean frame score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Frame numbers `[start, end)`.
    pub range: FrameRange,
    /// Mean per-frame score inside, 0..100.
    #[serde(with = "r4")]
    pub mean_score: f32,
}

/// Why the head or tail of a shot is dropped, and how certain that rule is.
fn junk_reason(f: &FrameFacts, th: &Thresholds) -> Option<(&'static str, f32)> {
    if f.black {
        Some(("black frames", 0.98))
    } else if f.clipped >= th.washed_clipped_min && f.luma >= th.washed_luma_min {
        Some(("washed-out, overexposed frames", 0.95))
    } else if f.flash {
        Some(("flash frame", 0.9))
    } else if f.frozen {
        Some(("frozen frames", 0.9))
    } else if f.transition {
        Some(("transition", 0.95))
    } else {
        None
    }
}

/// Steps an edge inwards while `bad(i)` holds: returns how many frames from `from`
/// (walking by `step`) are bad, provided good frames follow for `hold` frames.
fn bad_prefix(idx: &[usize], hold: usize, bad: impl Fn(usize) -> bool) -> usize {
    let mut k = 0;
    while k < idx.len() && bad(idx[k]) {
        k += 1;
    }
    if k == 0 {
        return 0;
    }
    // The condition must really end: `hold` good frames after it.
    let good_after = idx[k..].iter().take(hold).all(|&i| !bad(i));
    if good_after {
        k
    } else {
        0
    }
}

/// Computes the trim of one shot. `facts`/`scores` are the shot's frames, `first` the
/// frame number of `facts[0]`.
pub fn suggest_trim(
    facts: &[FrameFacts],
    scores: &[f32],
    first: i64,
    rate: FrameRate,
    th: &Thresholds,
) -> TrimSuggestion {
    let fps = fps_of(rate);
    let tc = |i: usize| frame_to_timecode(first + i as i64, rate);
    let n = facts.len();
    // Reasons for dropping junk at the edges, and for the quality trims (which a
    // later rule may supersede).
    let mut junk: Vec<String> = Vec::new();
    let mut quality: Vec<String> = Vec::new();
    let mut junk_certainty = 1.0f32;
    let mut certainty = 1.0f32;
    // 1. Junk at the edges, no length limit.
    let mut a = 0;
    while a < n && junk_reason(&facts[a], th).is_some() {
        a += 1;
    }
    let mut b = n;
    while b > a && junk_reason(&facts[b - 1], th).is_some() {
        b -= 1;
    }
    // A flash just inside the head or tail (slate light, camera start or stop): the
    // take starts after it / ends before it.
    let edge = frames_for(th.flash_edge_s, fps, 1);
    let mut head_flash = false;
    let mut tail_flash = false;
    if let Some(k) = (a..(a + edge).min(b)).rev().find(|&i| facts[i].flash) {
        a = k + 1;
        while a < b && junk_reason(&facts[a], th).is_some() {
            a += 1;
        }
        head_flash = true;
    }
    if let Some(k) = (b.saturating_sub(edge).max(a)..b).find(|&i| facts[i].flash) {
        b = k;
        while b > a && junk_reason(&facts[b - 1], th).is_some() {
            b -= 1;
        }
        tail_flash = true;
    }
    // A fragment shorter than the shortest shot (e.g. left between a transition and the
    // end of the clip) is not usable material.
    if a == b || n < frames_for(th.min_shot_s, fps, 1) {
        return TrimSuggestion {
            in_frame: first,
            out_frame: first,
            confidence: 0.9,
            reasons: vec![format!("no usable frames in {}..{}", tc(0), tc(n))],
        };
    }
    if head_flash {
        junk.push(format!("in at {}: drops a flash near the head", tc(a)));
        junk_certainty *= 0.9;
    } else if a > 0 {
        let (why, c) = junk_reason(&facts[a - 1], th).unwrap_or(("junk", 0.9));
        junk.push(format!("in at {}: drops {why} at the head", tc(a)));
        junk_certainty *= c;
    }
    if tail_flash {
        junk.push(format!("out at {}: drops a flash near the tail", tc(b)));
        junk_certainty *= 0.9;
    } else if b < n {
        let (why, c) = junk_reason(&facts[b], th).unwrap_or(("junk", 0.9));
        junk.push(format!("out at {}: drops {why} at the tail", tc(b)));
        junk_certainty *= c;
    }
    let (junk_a, junk_b) = (a, b);
    // Every accepted quality step, so a step that leaves too little can be undone alone.
    let mut states: Vec<(usize, usize, Vec<String>, f32)> = vec![(a, b, Vec::new(), 1.0)];
    // 2. Quality trims, limited to a fraction of the usable length at each end.
    let limit = ((b - a) as f32 * th.trim_max_fraction).floor() as usize;
    let hold = frames_for(th.settle_s, fps, 2);
    type Rule<'r> = (&'r str, &'r str, f32, Box<dyn Fn(&FrameFacts) -> bool + 'r>);
    let rules: [Rule<'_>; 4] = [
        (
            "whip-pan ends",
            "whip-pan",
            0.8,
            Box::new(|f: &FrameFacts| f.whip_pan),
        ),
        (
            "camera settles",
            "camera unsettled",
            0.75,
            Box::new(|f: &FrameFacts| f.shake >= th.settle_px),
        ),
        (
            "focus lands",
            "focus drifts",
            0.7,
            Box::new(|f: &FrameFacts| f.focus_rel < th.focus_ok_rel),
        ),
        (
            "exposure recovers",
            "overexposed",
            0.8,
            Box::new(|f: &FrameFacts| f.clipped >= th.clipped_max),
        ),
    ];
    for (head_why, tail_why, c, bad) in rules.iter() {
        let head: Vec<usize> = (a..b).collect();
        let k = bad_prefix(&head[..(limit + hold).min(head.len())], hold, |i| {
            bad(&facts[i])
        });
        if k > 0 && k <= limit {
            a += k;
            quality.push(format!("in at {}: {head_why}", tc(a)));
            certainty *= c;
            states.push((a, b, quality.clone(), certainty));
        }
        let tail: Vec<usize> = (a..b).rev().collect();
        let k = bad_prefix(&tail[..(limit + hold).min(tail.len())], hold, |i| {
            bad(&facts[i])
        });
        if k > 0 && k <= limit {
            b -= k;
            quality.push(format!("out at {}: {tail_why} at the tail", tc(b)));
            certainty *= c;
            states.push((a, b, quality.clone(), certainty));
        }
    }
    // 3. Never cut on a blink or mid-motion: move to the nearest good frame inside.
    let moving = |f: &FrameFacts| f.blink || f.whip_pan || f.pan;
    let nearest_good = |at: usize, lo: usize, hi: usize| -> Option<usize> {
        (1..=limit.max(1)).find_map(|d| {
            [at + d, at.wrapping_sub(d)].into_iter().find(|&i| {
                i >= lo && i < hi && !moving(&facts[i]) && junk_reason(&facts[i], th).is_none()
            })
        })
    };
    if moving(&facts[a]) {
        if let Some(i) = nearest_good(a, junk_a, b) {
            let why = if facts[a].blink {
                "not on a blink"
            } else {
                "not mid-motion"
            };
            a = i;
            quality.push(format!("in at {}: moved, {why}", tc(a)));
            certainty *= 0.85;
            states.push((a, b, quality.clone(), certainty));
        }
    }
    // A blink just after the in point or just before the out point: cut clear of it
    // (one frame of margin, the lids start moving before the detector sees them closed).
    let edge = frames_for(th.blink_edge_s, fps, 1);
    if let Some(k) = (a..(a + edge).min(b)).rev().find(|&i| facts[i].blink) {
        if k + 2 - a <= limit.max(1) && k + 2 < b {
            a = k + 2;
            quality.push(format!("in at {}: after a blink", tc(a)));
            certainty *= 0.85;
            states.push((a, b, quality.clone(), certainty));
        }
    }
    if let Some(k) = (b.saturating_sub(edge).max(a)..b).find(|&i| facts[i].blink) {
        if b - (k - 1).max(a) <= limit.max(1) && k > a + 1 {
            b = k - 1;
            quality.push(format!("out at {}: before a blink", tc(b)));
            certainty *= 0.85;
            states.push((a, b, quality.clone(), certainty));
        }
    }
    if b > a && moving(&facts[b - 1]) {
        if let Some(i) = nearest_good(b - 1, a, junk_b) {
            let why = if facts[b - 1].blink {
                "not on a blink"
            } else {
                "not mid-motion"
            };
            b = i + 1;
            quality.push(format!("out at {}: moved, {why}", tc(b)));
            certainty *= 0.85;
            states.push((a, b, quality.clone(), certainty));
        }
    }
    // 4. A long bad stretch in the middle: keep the better part instead.
    if let Some((s, e, cause)) = long_bad_stretch(facts, scores, a, b, fps, th) {
        if let Some(seg) = best_good_run(facts, scores, a, b, th) {
            let keep = format!(
                "keeps {}..{}: {cause} from {} to {}",
                tc(seg.0),
                tc(seg.1),
                tc(s),
                tc(e)
            );
            quality = vec![keep];
            a = seg.0;
            b = seg.1;
            certainty = 0.7;
            states.push((a, b, quality.clone(), certainty));
        }
    }
    let min_len = frames_for(th.min_trim_s, fps, 1).min(junk_b - junk_a);
    if b <= a || b - a < min_len {
        let (sa, sb, sq, sc) = states
            .into_iter()
            .rev()
            .find(|(sa, sb, _, _)| sb > sa && sb - sa >= min_len)
            .unwrap_or((junk_a, junk_b, Vec::new(), 1.0));
        (a, b, quality, certainty) = (sa, sb, sq, sc * 0.8);
        quality.push("further trims skipped: too little would remain".to_string());
    }
    let mut reasons = junk;
    reasons.append(&mut quality);
    if reasons.is_empty() {
        reasons.push(format!(
            "in at {}, out at {}: whole shot usable",
            tc(a),
            tc(b)
        ));
    }
    let mean = scores[a..b].iter().sum::<f32>() / (b - a) as f32;
    TrimSuggestion {
        in_frame: first + a as i64,
        out_frame: first + b as i64,
        confidence: (junk_certainty * certainty * (0.5 + 0.5 * mean / 100.0)).clamp(0.0, 1.0),
        reasons,
    }
}

/// The longest run inside `[a, b)` of frames below `usable_score`, if it is longer than
/// max(1 s, 20 % of the range) and does not touch the edges; with its main cause.
fn long_bad_stretch(
    facts: &[FrameFacts],
    scores: &[f32],
    a: usize,
    b: usize,
    fps: f64,
    th: &Thresholds,
) -> Option<(usize, usize, String)> {
    let mask: Vec<bool> = (a..b).map(|i| scores[i] < th.usable_score).collect();
    let (s, e) = super::stats::runs(&mask, 1, 2)
        .into_iter()
        .max_by_key(|(s, e)| (e - s, usize::MAX - s))?;
    let (s, e) = (a + s, a + e);
    let long = (e - s) as f32 > (fps as f32).max(0.2 * (b - a) as f32);
    if !long || s == a || e == b {
        return None;
    }
    let mut sums = [0.0f32; 11];
    for f in &facts[s..e] {
        for (m, p) in sums.iter_mut().zip(frame_penalties(f, th)) {
            *m += p;
        }
    }
    let worst = (0..sums.len()).fold(0, |w, i| if sums[i] > sums[w] { i } else { w });
    let cause = format!("{:?}", COMPONENTS[worst]).to_lowercase();
    Some((s, e, format!("poor {cause}")))
}

/// The good run (frames >= `usable_score`, not junk, gaps of 2 closed) in `[a, b)` with
/// the largest score sum.
fn best_good_run(
    facts: &[FrameFacts],
    scores: &[f32],
    a: usize,
    b: usize,
    th: &Thresholds,
) -> Option<(usize, usize)> {
    let mask: Vec<bool> = (a..b)
        .map(|i| scores[i] >= th.usable_score && !facts[i].is_junk())
        .collect();
    super::stats::runs(&mask, 1, 0)
        .into_iter()
        .map(|(s, e)| (a + s, a + e))
        .max_by(|x, y| {
            let sx: f32 = scores[x.0..x.1].iter().sum();
            let sy: f32 = scores[y.0..y.1].iter().sum();
            sx.total_cmp(&sy).then(y.0.cmp(&x.0))
        })
}

/// The best usable segment of `length` frames in `range` (indices into `facts`/`scores`):
/// the window with the largest sum of per-frame scores that contains no junk frame
/// (black, flash, frozen, transition, whip-pan, blink). `None` when no window fits.
/// `first` is the frame number of index 0.
pub fn best_segment(
    facts: &[FrameFacts],
    scores: &[f32],
    range: (usize, usize),
    length: usize,
    first: i64,
) -> Option<Segment> {
    let (s, e) = range;
    if length == 0 || e > facts.len() || e < s || e - s < length {
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    let mut sum = 0.0f32;
    let mut junk = 0usize;
    for i in s..e {
        sum += scores[i];
        junk += usize::from(facts[i].is_junk());
        if i + 1 >= s + length {
            let start = i + 1 - length;
            if junk == 0 && best.is_none_or(|(b, _)| sum > b + 1e-3) {
                best = Some((sum, start));
            }
            sum -= scores[start];
            junk -= usize::from(facts[start].is_junk());
        }
    }
    best.map(|(sum, start)| Segment {
        range: FrameRange::new(first + start as i64, first + (start + length) as i64),
        mean_score: sum / length as f32,
    })
}
