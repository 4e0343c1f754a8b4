//! Takes with junk heads and tails added to real footage: black, a slate flash,
//! settling shake, a focus pull, overexposure, a whip-pan away. The truth is the clean
//! span between the junk and the clearly unusable frames.

use crate::shots::FrameRange;

use super::image_ops::Rgb;
use super::rng::Rng;
use super::sequences::blur_samples;
use super::sources::SourceShot;
use super::truth::{JunkKind, JunkSpan, TakeTruth, TruthShot};
use super::Geometry;

/// Shake amplitude (px) above which a settling frame is clearly unusable.
const SHAKE_JUNK_PX: f32 = 4.0;
/// Blur sigma (px) above which a focus-pull frame is clearly soft.
const BLUR_JUNK_SIGMA: f32 = 1.5;
/// Gain above which an overexposure frame is clearly blown.
const GAIN_JUNK: f32 = 1.6;
/// Per-frame move (px) above which a whip-pan frame is clearly smeared.
const WHIP_JUNK_PX: f32 = 20.0;

/// Source frames a junk kind consumes at the head or tail (black adds frames instead).
fn consumes(kind: JunkKind, len: usize) -> usize {
    match kind {
        JunkKind::Black => 0,
        _ => len,
    }
}

/// Random length of a junk kind.
fn junk_len(kind: JunkKind, rng: &mut Rng) -> usize {
    match kind {
        JunkKind::Black => rng.range(10, 16),
        // Picture frames before the flash, plus the flash itself (1-2 frames).
        JunkKind::Flash => 3 + rng.range(1, 2),
        JunkKind::SettlingShake => rng.range(14, 20),
        JunkKind::FocusPull => rng.range(12, 18),
        JunkKind::Overexposure => rng.range(10, 14),
        JunkKind::WhipPanAway => rng.range(6, 8),
    }
}

/// One built take.
#[derive(Debug)]
pub struct BuiltTake {
    /// Output frames.
    pub frames: Vec<Rgb>,
    /// The clean span and junk.
    pub truth: TakeTruth,
    /// The take as a shot (everything from the source, junk included).
    pub shot: TruthShot,
}

/// Source frames a take with these junk lengths needs around `clean` clean frames.
fn need(parts: &[(JunkKind, usize)], clean: usize) -> usize {
    clean + parts.iter().map(|&(k, n)| consumes(k, n)).sum::<usize>()
}

/// Builds a take from one of `sources` (chosen by `pick` among those long enough):
/// `head` junk, 36–60 clean frames, `tail` junk (only steady sources, see [`super::sources::STEADY_SOURCES`]).
pub fn build_take(
    rng: &mut Rng,
    sources: &[SourceShot],
    pick: usize,
    head: &[JunkKind],
    tail: &[JunkKind],
    g: Geometry,
) -> BuiltTake {
    let heads: Vec<(JunkKind, usize)> = head.iter().map(|&k| (k, junk_len(k, rng))).collect();
    let tails: Vec<(JunkKind, usize)> = tail.iter().map(|&k| (k, junk_len(k, rng))).collect();
    let all: Vec<(JunkKind, usize)> = heads.iter().chain(&tails).copied().collect();
    let min_clean = 36;
    let fits: Vec<usize> = (0..sources.len())
        .filter(|&s| sources[s].steady && sources[s].frames.len() >= need(&all, min_clean))
        .collect();
    let s = if fits.is_empty() {
        (0..sources.len())
            .filter(|&s| sources[s].steady)
            .max_by_key(|&s| sources[s].frames.len())
            .unwrap_or(0)
    } else {
        fits[pick % fits.len()]
    };
    let src = &sources[s];
    let avail = src.frames.len().saturating_sub(need(&all, 0));
    let clean = rng.range(min_clean, 60).min(avail).max(1);
    let total = need(&all, clean).min(src.frames.len());
    let start = rng.range(0, src.frames.len() - total);
    let (rx, ry) = g.rest();
    let mut cursor = start;
    let next_plain = |cursor: &mut usize| {
        let f = src.frames[(*cursor).min(src.frames.len() - 1)].crop(rx, ry, g.width, g.height);
        *cursor += 1;
        f
    };
    let mut out: Vec<Rgb> = Vec::new();
    let mut junk = Vec::new();
    let mark = |kind: JunkKind, s: usize, e: usize, junk: &mut Vec<JunkSpan>| {
        if e > s {
            junk.push(JunkSpan {
                kind,
                range: FrameRange::new(s as i64, e as i64),
            });
        }
    };
    let shot_source_frame = src.first + start as i64;
    for &(kind, n) in &heads {
        let s0 = out.len();
        match kind {
            JunkKind::Black => {
                (0..n).for_each(|_| out.push(Rgb::black(g.width, g.height)));
                mark(kind, s0, s0 + n, &mut junk);
            }
            JunkKind::Flash => {
                for k in 0..n {
                    let f = next_plain(&mut cursor);
                    out.push(if k >= 3 { f.add_light(0.7) } else { f });
                }
                mark(kind, s0 + 3, s0 + n, &mut junk);
            }
            JunkKind::SettlingShake => {
                let mut last_bad = s0;
                for k in 0..n {
                    let env = 14.0 * (1.0 - k as f32 / n as f32).powf(1.5);
                    let dx = env * rng.uniform(-1.0, 1.0);
                    let dy = 0.6 * env * rng.uniform(-1.0, 1.0);
                    let f = &src.frames[cursor.min(src.frames.len() - 1)];
                    cursor += 1;
                    out.push(f.crop(rx + dx, ry + dy, g.width, g.height));
                    if env >= SHAKE_JUNK_PX {
                        last_bad = s0 + k + 1;
                    }
                }
                mark(kind, s0, last_bad, &mut junk);
            }
            JunkKind::FocusPull => {
                let mut last_bad = s0;
                for k in 0..n {
                    let sigma = 5.0 * (1.0 - k as f32 / n as f32);
                    out.push(next_plain(&mut cursor).gaussian_blur(sigma));
                    if sigma >= BLUR_JUNK_SIGMA {
                        last_bad = s0 + k + 1;
                    }
                }
                mark(kind, s0, last_bad, &mut junk);
            }
            other => unreachable!("{other:?} is a tail junk kind"),
        }
    }
    let clean_in = out.len();
    (0..clean).for_each(|_| {
        let f = next_plain(&mut cursor);
        out.push(f);
    });
    let clean_out = out.len();
    for &(kind, n) in &tails {
        let s0 = out.len();
        match kind {
            JunkKind::Black => {
                (0..n).for_each(|_| out.push(Rgb::black(g.width, g.height)));
                mark(kind, s0, s0 + n, &mut junk);
            }
            JunkKind::Overexposure => {
                let mut first_bad = None;
                for k in 0..n {
                    let gain = 1.0 + 3.0 * ((k + 1) as f32 / n as f32).powf(1.3);
                    out.push(next_plain(&mut cursor).gain(gain));
                    if gain >= GAIN_JUNK && first_bad.is_none() {
                        first_bad = Some(s0 + k);
                    }
                }
                mark(kind, first_bad.unwrap_or(s0 + n), s0 + n, &mut junk);
            }
            JunkKind::WhipPanAway => {
                let distance = rng.uniform(500.0, 700.0);
                let angle = if rng.chance(0.5) {
                    0.0
                } else {
                    std::f32::consts::PI
                } + rng.uniform(-0.3, 0.3);
                let (c, sn) = (angle.cos(), angle.sin());
                let d = |k: usize| distance * (k as f32 / n as f32).powi(2);
                let mut first_bad = None;
                for k in 0..n {
                    let (a, b) = (d(k), d(k + 1));
                    let f = &src.frames[cursor.min(src.frames.len() - 1)];
                    cursor += 1;
                    out.push(f.moving_crop(
                        (rx + a * c, ry + a * sn),
                        (rx + b * c, ry + b * sn),
                        blur_samples(b - a),
                        g.width,
                        g.height,
                    ));
                    if b - a >= WHIP_JUNK_PX && first_bad.is_none() {
                        first_bad = Some(s0 + k);
                    }
                }
                mark(kind, first_bad.unwrap_or(s0 + n), s0 + n, &mut junk);
            }
            other => unreachable!("{other:?} is a head junk kind"),
        }
    }
    let n_out = out.len() as i64;
    BuiltTake {
        frames: out,
        truth: TakeTruth {
            clean: FrameRange::new(clean_in as i64, clean_out as i64),
            head: head.to_vec(),
            tail: tail.to_vec(),
            junk,
        },
        shot: TruthShot {
            range: FrameRange::new(0, n_out),
            source: src.file.clone(),
            source_frame: shot_source_frame,
        },
    }
}
