//! The Check Edit button: find the cut inside the transition, fetch both
//! clips' frames around it (temporal clip access), run the core's edit check,
//! report progress, stop on cancel. Each image is released once measured.
//!
//! The cut is at effect time `t_c`, the first whole frame of the effect's
//! range where `Transition >= 0.5` (where Render switches from `SourceFrom` to
//! `SourceTo`): the last outgoing frame shown is at `t_c - 1`, the first
//! incoming one at `t_c`, and a roll of `s` moves the switch to `t_c + s`.
//!
//! Each clip's frames are numbered for the core in that clip's own source
//! frames when the host says how effect time maps to them (the clip's
//! unmapped frame range against its frame range: Resolve reports the whole
//! media in both), so the report, its notes and the saved state name source
//! frames an editor can find; otherwise in effect time.

use std::ffi::CStr;
use std::path::Path;

use circletake_inference::edit_check::{EditCheckOptions, EditPoint, EditReport, Side};
use circletake_inference::{Engine, FrameRate};
use ofx_sys::{
    K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME as OUTPUT, K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE,
    K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE, K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RANGE,
};

use super::error::CutCheckError;
use super::params as p;
use super::{clip_name, SOURCE_FROM, SOURCE_TO};
use crate::effects::shot_score::frames::frame_view;
use crate::effects::shot_score::source::frame_rate;
use crate::ofx::{Clip, Instance};

/// How a check ended.
#[derive(Debug)]
pub enum Outcome {
    /// Checked.
    Done(Box<EditReport>),
    /// The user cancelled (progress bar) or the host aborted.
    Cancelled,
}

/// A finite range, rounded to whole frames.
fn whole(range: Option<(f64, f64)>) -> Option<(i64, i64)> {
    match range {
        Some((a, b)) if a.is_finite() && b.is_finite() && b >= a => {
            Some((a.round() as i64, b.round() as i64))
        }
        _ => None,
    }
}

/// The effect's frame range: the instance's `kOfxImageEffectPropFrameRange`,
/// else the output clip's.
pub fn effect_range(instance: &Instance) -> Result<(i64, i64), CutCheckError> {
    let own = instance
        .props()
        .get_doubles::<2>(K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE)
        .ok()
        .flatten()
        .map(|r| (r[0], r[1]));
    let output = || instance.clip(OUTPUT).ok()?.frame_range().ok().flatten();
    whole(own).or_else(|| whole(output())).ok_or_else(|| {
        CutCheckError::Edit("the host does not say which frames the transition covers".into())
    })
}

/// The cut: the first whole frame of `range` where `transition(t) >= 0.5`.
pub fn cut_time(
    range: (i64, i64),
    mut transition: impl FnMut(f64) -> Result<f64, CutCheckError>,
) -> Result<i64, CutCheckError> {
    for t in range.0..=range.1 {
        if transition(t as f64)? >= 0.5 {
            return Ok(t);
        }
    }
    Err(CutCheckError::Edit(format!(
        "the Transition never reaches 0.5 in frames {}-{}: the picture never cuts to the incoming clip",
        range.0, range.1
    )))
}

/// The frame rate of the edit: the outgoing clip's, else the effect's, else 25.
fn edit_rate(instance: &Instance, from: &Clip) -> FrameRate {
    let fps = from
        .frame_rate()
        .ok()
        .flatten()
        .or_else(|| {
            instance
                .props()
                .get_double(K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE, 0)
                .ok()
                .flatten()
        })
        .filter(|f| f.is_finite() && *f > 0.0);
    if fps.is_none() {
        log::warn!("Cut Check: the host gives no frame rate; assuming 25 fps");
    }
    frame_rate(fps.unwrap_or(25.0))
}

/// The media file's name, when the host names it (Resolve).
fn media_name(clip: &Clip) -> Option<String> {
    let path = clip.src_file_path().ok().flatten()?;
    Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
}

/// Source frame minus effect time for `clip`: its unmapped (source) frame
/// range against its frame range (effect time) when the host gives both with
/// the same length, else 0 (frames are numbered in effect time).
pub fn source_offset(clip: &Clip) -> i64 {
    let mapped = whole(clip.frame_range().ok().flatten());
    let unmapped = whole(
        clip.props()
            .get_doubles::<2>(K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RANGE)
            .ok()
            .flatten()
            .map(|r| (r[0], r[1])),
    );
    offset_between(mapped, unmapped)
}

/// `unmapped.0 - mapped.0` when both ranges are known and equally long.
fn offset_between(mapped: Option<(i64, i64)>, unmapped: Option<(i64, i64)>) -> i64 {
    match (mapped, unmapped) {
        (Some((a, b)), Some((ua, ub))) if ub - ua == b - a => ua - a,
        _ => 0,
    }
}

/// The frames of a clip to fetch, in its numbering (`offset` + effect time):
/// what the check wants, inside the clip's range.
fn side_frames(clip: &Clip, offset: i64, wanted: (i64, i64)) -> Vec<i64> {
    let (mut a, mut b) = wanted;
    if let Some((first, last)) = whole(clip.frame_range().ok().flatten()) {
        a = a.max(first + offset);
        b = b.min(last + offset);
    }
    (a..=b).collect()
}

/// One clip of the edit: which, its clip, its numbering and the frames to fetch.
struct SidePlan<'c> {
    side: Side,
    clip: &'c Clip,
    name: &'static CStr,
    /// Frame number minus effect time.
    offset: i64,
    frames: Vec<i64>,
}

/// Checks the edit at the transition's centre with `engine`, rolls up to
/// `options.max_shift` frames.
pub fn check_edit(
    instance: &Instance,
    engine: &Engine,
    options: EditCheckOptions,
    time: f64,
) -> Result<Outcome, CutCheckError> {
    let range = effect_range(instance)?;
    let transition = instance.param(p::TRANSITION)?;
    let cut = cut_time(range, |t| Ok(transition.double_at(t)?))?;
    let from = instance.clip(SOURCE_FROM)?;
    let to = instance.clip(SOURCE_TO)?;
    let offsets = [source_offset(&from), source_offset(&to)];
    let edit = EditPoint {
        out_frame: cut - 1 + offsets[0],
        in_frame: cut + offsets[1],
    };
    let plan = [
        (Side::Outgoing, &from, SOURCE_FROM, offsets[0]),
        (Side::Incoming, &to, SOURCE_TO, offsets[1]),
    ]
    .map(|(side, clip, name, offset)| SidePlan {
        side,
        clip,
        name,
        offset,
        frames: side_frames(clip, offset, options.frames(side, edit)),
    });
    let total = plan.iter().map(|s| s.frames.len()).sum::<usize>().max(1) as f64;
    log::info!(
        "Cut Check: the cut at effect frame {cut} (range {}-{}, time {time}) is outgoing \
         frame {} | incoming frame {}",
        range.0,
        range.1,
        edit.out_frame,
        edit.in_frame
    );

    let progress = instance.progress("CircleTake: checking the edit")?;
    let mut check = engine.edit_check(edit_rate(instance, &from), edit, options)?;
    check.set_names(media_name(&from), media_name(&to));
    let mut buf = Vec::new();
    let mut done = 0usize;
    for s in &plan {
        for &f in &s.frames {
            if let Some(p) = &progress {
                if !p.update(done as f64 / total)? {
                    log::info!("Cut Check: cancelled");
                    return Ok(Outcome::Cancelled);
                }
            }
            if instance.aborted() {
                return Ok(Outcome::Cancelled);
            }
            done += 1;
            let t = f - s.offset;
            let Some(image) = s.clip.image(t as f64)? else {
                log::info!(
                    "Cut Check: no {} image at effect frame {t}",
                    clip_name(s.name)
                );
                continue;
            };
            let view = image.view()?;
            check.push(s.side, f, &frame_view(&view, &mut buf)?)?;
        }
    }
    for s in &plan {
        let frame = match s.side {
            Side::Outgoing => edit.out_frame,
            Side::Incoming => edit.in_frame,
        };
        if !check.contains(s.side, frame) {
            return Err(CutCheckError::Edit(format!(
                "the host gave no {} image at the cut (effect frame {}): nothing to check",
                clip_name(s.name),
                frame - s.offset
            )));
        }
    }
    let report = check.finish()?;
    if let Some(p) = &progress {
        let _ = p.update(1.0)?;
    }
    Ok(Outcome::Done(Box::new(report)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cut_is_the_first_frame_at_or_past_the_centre() {
        // A 20-frame transition 100..=119, linear 0 -> 1.
        let linear = |t: f64| Ok((t - 100.0) / 19.0);
        assert_eq!(cut_time((100, 119), linear).unwrap(), 110);
        // Resolve's ramps reach exactly 0.5 on the centre frame of an odd range.
        let odd = |t: f64| Ok((t - 100.0) / 20.0);
        assert_eq!(cut_time((100, 120), odd).unwrap(), 110);
        let never = |_t: f64| Ok(0.2);
        let err = cut_time((0, 9), never).unwrap_err().to_string();
        assert!(err.contains("never reaches 0.5"), "{err}");
        assert_eq!(whole(Some((f64::NAN, 3.0))), None);
        assert_eq!(whole(Some((2.4, 7.6))), Some((2, 8)));
    }

    #[test]
    fn source_numbering_only_from_consistent_ranges() {
        // Resolve-like: the whole media in effect time and in its own frames.
        assert_eq!(offset_between(Some((-15, 25)), Some((0, 40))), 15);
        assert_eq!(offset_between(Some((0, 40)), Some((0, 40))), 0);
        // Different lengths or a missing range: effect time.
        assert_eq!(offset_between(Some((-15, 25)), Some((0, 30))), 0);
        assert_eq!(offset_between(None, Some((0, 40))), 0);
        assert_eq!(offset_between(Some((-15, 25)), None), 0);
    }
}
