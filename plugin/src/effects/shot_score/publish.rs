//! Writes a report into the effect's params (InstanceChanged and
//! SyncPrivateData only; never from Render): the Score curve and optional
//! signal curves (old keys deleted first, one key per analysed frame),
//! Suggested In/Out, Best Shot, Shots, Summary, and the saved state.

use circletake_inference::report::{ClipReport, FrameReport};

use super::params as p;
use super::persist;
use super::results::{best_shot, suggested_in_out, summary};
use crate::ofx::{Instance, OfxResult};

/// Value of each signal curve for one frame, in [`p::SIGNAL_PARAMS`] order.
fn signal_values(f: &FrameReport) -> [f64; 5] {
    [
        f64::from(f.focus_rel),
        f64::from(f.luma),
        f64::from(f.shake),
        f64::from(f.noise),
        f64::from(f.cut_prob.unwrap_or(0.0)),
    ]
}

/// Writes every result param and the saved state. The caller opens the
/// edit block (undo entry) where the host wants one.
pub fn write_results(instance: &Instance, report: &ClipReport) -> OfxResult<()> {
    let curves_on = instance.param(p::SIGNAL_CURVES)?.bool_at(0.0)?;
    let score = instance.param(p::SCORE)?;
    score.delete_all_keys()?;
    let signals = p::SIGNAL_PARAMS
        .iter()
        .map(|name| instance.param(name))
        .collect::<OfxResult<Vec<_>>>()?;
    for s in &signals {
        s.delete_all_keys()?;
    }
    for f in report.frames.iter().filter(|f| f.analyzed) {
        let t = f.frame as f64;
        score.set_double_at(t, f64::from(f.score))?;
        if curves_on {
            for (param, v) in signals.iter().zip(signal_values(f)) {
                param.set_double_at(t, v)?;
            }
        }
    }
    let (in_f, out_f) = suggested_in_out(report).unwrap_or((0, 0));
    instance.param(p::SUGGESTED_IN)?.set_int(clamp_i32(in_f))?;
    instance
        .param(p::SUGGESTED_OUT)?
        .set_int(clamp_i32(out_f))?;
    let best = best_shot(report).map_or(0, |s| s.index + 1);
    instance
        .param(p::BEST_SHOT)?
        .set_int(clamp_i32(best as i64))?;
    instance
        .param(p::SHOT_COUNT)?
        .set_int(clamp_i32(report.shots.len() as i64))?;
    instance.param(p::SUMMARY)?.set_string(&summary(report))?;
    instance
        .param(p::ANALYSIS_STATE)?
        .set_string(&persist::encode(report))?;
    Ok(())
}

fn clamp_i32(v: i64) -> i32 {
    v.clamp(i64::from(i32::MIN + 1), i64::from(i32::MAX - 1)) as i32
}
