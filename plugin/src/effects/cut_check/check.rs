//! The Check Edit button: find the cut inside the transition, fetch both
//! clips' frames around it (temporal clip access), run the core's edit check,
//! report progress, stop on cancel. Each image is released once measured.
//!
//! The check runs in effect time: the cut is at `t_c`, the first whole frame
//! of the effect's range where `Transition >= 0.5` (where Render switches from
//! `SourceFrom` to `SourceTo`), so the edit is `out_frame = t_c - 1`,
//! `in_frame = t_c`, and a roll of `s` moves the switch to `t_c + s`.

use std::ffi::CStr;
use std::path::Path;

use circletake_inference::edit_check::{EditCheckOptions, EditPoint, EditReport, Side};
use circletake_inference::{Engine, FrameRate};
use ofx_sys::{
    K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME as OUTPUT, K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE,
    K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE,
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

/// The frames of `side` to fetch: what the check wants, inside the clip's range.
fn side_times(clip: &Clip, wanted: (i64, i64)) -> Vec<i64> {
    let (mut a, mut b) = wanted;
    if let Some((first, last)) = whole(clip.frame_range().ok().flatten()) {
        a = a.max(first);
        b = b.min(last);
    }
    (a..=b).collect()
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
    let edit = EditPoint {
        out_frame: cut - 1,
        in_frame: cut,
    };
    let from = instance.clip(SOURCE_FROM)?;
    let to = instance.clip(SOURCE_TO)?;
    let sides: [(Side, &Clip, &'static CStr); 2] = [
        (Side::Outgoing, &from, SOURCE_FROM),
        (Side::Incoming, &to, SOURCE_TO),
    ];
    let plan: Vec<(Side, &Clip, &'static CStr, Vec<i64>)> = sides
        .into_iter()
        .map(|(side, clip, name)| {
            (
                side,
                clip,
                name,
                side_times(clip, options.frames(side, edit)),
            )
        })
        .collect();
    let total = plan.iter().map(|s| s.3.len()).sum::<usize>().max(1) as f64;
    log::info!(
        "Cut Check: checking the cut at frame {cut} (effect range {}-{}, time {time})",
        range.0,
        range.1
    );

    let progress = instance.progress("CircleTake: checking the edit")?;
    let mut check = engine.edit_check(edit_rate(instance, &from), edit, options)?;
    check.set_names(media_name(&from), media_name(&to));
    let mut buf = Vec::new();
    let mut done = 0usize;
    let mut at_cut = [false; 2];
    for (i, (side, clip, name, times)) in plan.iter().enumerate() {
        for &t in times {
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
            let Some(image) = clip.image(t as f64)? else {
                log::info!("Cut Check: no {} image at frame {t}", clip_name(name));
                continue;
            };
            let view = image.view()?;
            check.push(*side, t, &frame_view(&view, &mut buf)?)?;
            let edge = match side {
                Side::Outgoing => edit.out_frame,
                Side::Incoming => edit.in_frame,
            };
            at_cut[i] |= t == edge;
        }
    }
    for (i, (side, _, name, _)) in plan.iter().enumerate() {
        if !at_cut[i] {
            let frame = match side {
                Side::Outgoing => edit.out_frame,
                Side::Incoming => edit.in_frame,
            };
            return Err(CutCheckError::Edit(format!(
                "the host gave no {} image at the cut (frame {frame}): nothing to check",
                clip_name(name)
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
}
