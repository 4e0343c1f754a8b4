//! The Analyze Clip button: fetch every frame of the source clip's range in
//! order (temporal clip access), measure it, report progress, stop on cancel.
//! Each image is released as soon as it is measured.

use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::Engine;

use super::error::ShotScoreError;
use super::frames::frame_view;
use super::source::SourceInfo;
use crate::ofx::{Clip, Instance};

/// How a button analysis ended.
#[derive(Debug)]
pub enum Outcome {
    /// Every frame the host gave was measured.
    Done(Box<ClipReport>),
    /// The user cancelled (progress bar) or the host aborted.
    Cancelled,
}

/// Analyses `source`'s frame range with `engine`.
pub fn analyze_clip(
    instance: &Instance,
    clip: &Clip,
    info: &SourceInfo,
    engine: &Engine,
) -> Result<Outcome, ShotScoreError> {
    let (first, last) = info.range.ok_or_else(|| {
        ShotScoreError::Clip(
            "the host does not say which frames the clip has; set Clip Length (frames)".into(),
        )
    })?;
    let total = (last - first + 1) as f64;
    let progress = instance.progress("CircleTake: analysing the clip")?;
    let mut analysis = engine.analysis(info.rate)?;
    let mut buf = Vec::new();
    let started = std::time::Instant::now();
    for (i, frame) in (first..=last).enumerate() {
        if let Some(p) = &progress {
            if !p.update(i as f64 / total)? {
                log::info!("Shot Score: analysis cancelled at frame {frame}");
                return Ok(Outcome::Cancelled);
            }
        }
        if instance.aborted() {
            return Ok(Outcome::Cancelled);
        }
        let Some(image) = clip.image(frame as f64)? else {
            log::info!("Shot Score: no source image at frame {frame}; left as a gap");
            continue;
        };
        let view = image.view()?;
        analysis.push(frame, &frame_view(&view, &mut buf)?)?;
        drop(image);
    }
    if let Some(p) = &progress {
        let _ = p.update(1.0)?;
    }
    let measured = analysis.frames_done();
    if measured == 0 {
        return Err(ShotScoreError::Clip(format!(
            "the host gave no source image for frames {first}-{last}"
        )));
    }
    let clip_analysis = analysis.finish()?;
    let seconds = started.elapsed().as_secs_f64();
    log::info!(
        "Shot Score: analysed {measured} frames in {seconds:.1} s ({:.1} fps) on {}",
        measured as f64 / seconds.max(1e-9),
        clip_analysis.device
    );
    let options = ReportOptions {
        source: Some(info.name()),
        ..ReportOptions::default()
    };
    Ok(Outcome::Done(Box::new(build_report(
        &clip_analysis.frames,
        clip_analysis.frame_rate,
        &options,
    ))))
}
