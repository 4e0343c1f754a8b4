//! Edited sequences: real shots joined by hard cuts, cross-dissolves (6–24 frames) and
//! fades through black, with flashes and whip-pans inside shots that must not count as cuts.

use crate::shots::FrameRange;

use super::image_ops::Rgb;
use super::rng::Rng;
use super::sources::SourceShot;
use super::truth::{BoundaryKind, Distractor, DistractorKind, TruthBoundary, TruthShot};
use super::Geometry;

/// How two shots are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Hard cut.
    Cut,
    /// Cross-dissolve over this many frames.
    Dissolve(usize),
    /// Fade out over `out` frames, `black` black frames, fade in over `fade_in` frames.
    Fade {
        /// Frames of the fade out.
        out: usize,
        /// Fully black frames between.
        black: usize,
        /// Frames of the fade in.
        fade_in: usize,
    },
}

impl Join {
    /// A random join of the given kind.
    pub fn random(kind: BoundaryKind, rng: &mut Rng) -> Self {
        match kind {
            BoundaryKind::Cut => Self::Cut,
            BoundaryKind::Dissolve => Self::Dissolve(rng.range(6, 24)),
            BoundaryKind::FadeThroughBlack => Self::Fade {
                out: rng.range(4, 12),
                black: rng.range(0, 6),
                fade_in: rng.range(4, 12),
            },
        }
    }

    /// Frames the outgoing shot contributes to the transition.
    fn outgoing(self) -> usize {
        match self {
            Self::Cut => 0,
            Self::Dissolve(d) => d,
            Self::Fade { out, .. } => out,
        }
    }

    /// Frames the incoming shot contributes to the transition.
    fn incoming(self) -> usize {
        match self {
            Self::Cut => 0,
            Self::Dissolve(d) => d,
            Self::Fade { fade_in, .. } => fade_in,
        }
    }
}

/// Something that happens inside a shot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event {
    /// `frames` frames of added light (`amount` of full scale), or blended towards white
    /// when `white` is set.
    Flash {
        /// 1–3 frames.
        frames: usize,
        /// 0..1.
        amount: f32,
        /// Blend to white instead of adding light.
        white: bool,
    },
    /// A whip-pan away and back: `frames` moving frames, `distance` px peak
    /// displacement, direction angle in radians.
    WhipPan {
        /// 4–8 frames.
        frames: usize,
        /// Peak displacement in pixels of the output frame.
        distance: f32,
        /// Direction of the move.
        angle: f32,
    },
}

impl Event {
    /// A random flash.
    pub fn random_flash(rng: &mut Rng) -> Self {
        let white = rng.chance(0.4);
        Self::Flash {
            frames: rng.range(1, 3),
            amount: if white {
                rng.uniform(0.6, 0.85)
            } else {
                rng.uniform(0.45, 0.7)
            },
            white,
        }
    }

    /// A random whip-pan, mostly horizontal.
    pub fn random_whip(rng: &mut Rng) -> Self {
        let base = if rng.chance(0.5) {
            0.0
        } else {
            std::f32::consts::PI
        };
        Self::WhipPan {
            frames: rng.range(4, 8),
            distance: rng.uniform(160.0, 320.0),
            angle: base + rng.uniform(-0.35, 0.35),
        }
    }

    fn len(self) -> usize {
        match self {
            Self::Flash { frames, .. } => frames,
            // The frame that lands back at rest is still blurred by the move.
            Self::WhipPan { frames, .. } => frames + 1,
        }
    }
}

/// Offsets of a whip-pan away and back: displacement of frame `j` (0 = first moving frame).
fn whip_offset(j: usize, frames: usize, distance: f32) -> f32 {
    if j >= frames {
        return 0.0;
    }
    distance * (std::f32::consts::PI * (j + 1) as f32 / (frames + 1) as f32).sin()
}

/// Number of sub-frame samples that blur a move of `step` pixels.
pub(crate) fn blur_samples(step: f32) -> usize {
    ((step / 3.0).ceil() as usize).clamp(1, 32)
}

/// Renders `need` frames of `src` from `start`, with `event` at body position `at`
/// (body starts after `lead` frames).
fn render_shot(
    src: &SourceShot,
    start: usize,
    need: usize,
    lead: usize,
    event: Option<(Event, usize)>,
    g: Geometry,
) -> Vec<Rgb> {
    let (rx, ry) = g.rest();
    (0..need)
        .map(|k| {
            let frame = &src.frames[start + k];
            let plain = || frame.crop(rx, ry, g.width, g.height);
            let Some((ev, at)) = event else {
                return plain();
            };
            let j = k as i64 - (lead + at) as i64;
            if j < 0 || j as usize >= ev.len() {
                return plain();
            }
            let j = j as usize;
            match ev {
                Event::Flash { amount, white, .. } => {
                    let img = plain();
                    if white {
                        let w = Rgb {
                            width: img.width,
                            height: img.height,
                            data: vec![255; img.data.len()],
                        };
                        img.blend(&w, amount)
                    } else {
                        img.add_light(amount)
                    }
                }
                Event::WhipPan {
                    frames,
                    distance,
                    angle,
                } => {
                    let prev = if j == 0 {
                        0.0
                    } else {
                        whip_offset(j - 1, frames, distance)
                    };
                    let cur = whip_offset(j, frames, distance);
                    let (c, s) = (angle.cos(), angle.sin());
                    frame.moving_crop(
                        (rx + prev * c, ry + prev * s),
                        (rx + cur * c, ry + cur * s),
                        blur_samples((cur - prev).abs()),
                        g.width,
                        g.height,
                    )
                }
            }
        })
        .collect()
}

/// The frames and truth of one sequence.
#[derive(Debug)]
pub struct BuiltSequence {
    /// Output frames.
    pub frames: Vec<Rgb>,
    /// Boundaries.
    pub boundaries: Vec<TruthBoundary>,
    /// Shots.
    pub shots: Vec<TruthShot>,
    /// Flashes and whip-pans.
    pub distractors: Vec<Distractor>,
}

/// Builds a sequence of `joins.len() + 1` shots; `events[i]` happens inside shot `i`.
pub fn build_sequence(
    rng: &mut Rng,
    sources: &[SourceShot],
    joins: &[Join],
    events: &[Option<Event>],
    g: Geometry,
) -> BuiltSequence {
    let mut out: Vec<Rgb> = Vec::new();
    let mut boundaries = Vec::new();
    let mut shots = Vec::new();
    let mut distractors = Vec::new();
    let mut prev_tail: Vec<Rgb> = Vec::new();
    let mut prev_source = usize::MAX;
    for i in 0..=joins.len() {
        let join_in = if i == 0 { Join::Cut } else { joins[i - 1] };
        let join_out = joins.get(i).copied().unwrap_or(Join::Cut);
        let (lead, tail) = (join_in.incoming(), join_out.outgoing());
        let event = events.get(i).copied().flatten();
        let min_body = match event {
            Some(e) => e.len() + 14,
            None => 14,
        };
        let mut body = rng.range(18, 30).max(min_body);
        let fits: Vec<usize> = (0..sources.len())
            .filter(|&s| s != prev_source && sources[s].frames.len() >= lead + body + tail)
            .collect();
        let s = if fits.is_empty() {
            // Use the longest other source and shorten the body to fit.
            let s = (0..sources.len())
                .filter(|&s| s != prev_source)
                .max_by_key(|&s| sources[s].frames.len())
                .unwrap_or(0);
            body = sources[s].frames.len().saturating_sub(lead + tail).max(1);
            s
        } else {
            fits[rng.range(0, fits.len() - 1)]
        };
        prev_source = s;
        let src = &sources[s];
        let need = (lead + body + tail).min(src.frames.len());
        let start = rng.range(0, src.frames.len() - need);
        let at = event.map(|e| rng.range(6, body.saturating_sub(e.len() + 6).max(6)));
        let frames = render_shot(src, start, need, lead, event.zip(at), g);
        // The join into this shot.
        let pos = out.len() as i64;
        match join_in {
            Join::Cut => {
                if i > 0 {
                    boundaries.push(TruthBoundary {
                        kind: BoundaryKind::Cut,
                        range: FrameRange::new(pos, pos),
                    });
                }
            }
            Join::Dissolve(d) => {
                for k in 0..d {
                    let alpha = (k + 1) as f32 / (d + 1) as f32;
                    out.push(prev_tail[k].blend(&frames[k], alpha));
                }
                boundaries.push(TruthBoundary {
                    kind: BoundaryKind::Dissolve,
                    range: FrameRange::new(pos, pos + d as i64),
                });
            }
            Join::Fade {
                out: fo,
                black,
                fade_in,
            } => {
                for (k, f) in prev_tail.iter().enumerate().take(fo) {
                    out.push(f.gain(1.0 - (k + 1) as f32 / (fo + 1) as f32));
                }
                for _ in 0..black {
                    out.push(Rgb::black(g.width, g.height));
                }
                for (k, f) in frames.iter().enumerate().take(fade_in) {
                    out.push(f.gain((k + 1) as f32 / (fade_in + 1) as f32));
                }
                boundaries.push(TruthBoundary {
                    kind: BoundaryKind::FadeThroughBlack,
                    range: FrameRange::new(pos, pos + (fo + black + fade_in) as i64),
                });
            }
        }
        let body_start = out.len() as i64;
        let body_end = (lead + body).min(frames.len());
        out.extend(frames[lead..body_end].iter().cloned());
        shots.push(TruthShot {
            range: FrameRange::new(body_start, out.len() as i64),
            source: src.file.clone(),
            source_frame: src.first + (start + lead) as i64,
        });
        if let (Some(e), Some(at)) = (event, at) {
            let kind = match e {
                Event::Flash { .. } => DistractorKind::Flash,
                Event::WhipPan { .. } => DistractorKind::WhipPan,
            };
            let s = body_start + at as i64;
            distractors.push(Distractor {
                kind,
                range: FrameRange::new(s, s + e.len() as i64),
            });
        }
        prev_tail = frames[body_end..].to_vec();
    }
    BuiltSequence {
        frames: out,
        boundaries,
        shots,
        distractors,
    }
}
