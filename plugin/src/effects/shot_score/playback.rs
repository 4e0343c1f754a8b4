//! The render side of render-driven analysis: each full-size frame a render
//! sees is measured into the clip's [`render_cache`] entry. The render window
//! may be a tile: the effect asks for the whole source frame as its region of
//! interest while it still measures, and a frame counts when the source image
//! covers the clip's region of definition. Proxy-scale renders, fields and
//! source images cut to a tile (hosts that ignore the region of interest) are
//! not measured (their signals would differ from a full-frame analysis); they
//! still show coverage.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

use circletake_inference::report::ClipReport;
use circletake_inference::{Engine, Quality};

use super::error::ShotScoreError;
use super::frames::frame_view;
use super::render_cache::{self, CacheKey, ClipId};
use super::source::SourceInfo;
use crate::ofx::{Clip, Instance, PixelRect, RenderArgs};

/// What a render learnt about the clip's render-driven analysis.
#[derive(Debug, Default)]
pub struct Observation {
    /// Fraction of the clip measured (`None`: no range known, nothing measured).
    pub coverage: Option<f64>,
    /// The finished report, once the whole range is measured.
    pub report: Option<Arc<ClipReport>>,
    /// This render measured the last missing frame.
    pub completed_now: bool,
}

/// The cache key of the source clip: its media file when the host names it,
/// else the instance (hosts that keep instances report a frame range), else
/// the picture size and rate (MLT). `None` without a frame range.
pub fn clip_key(
    clip: &Clip,
    info: &SourceInfo,
    src_file_path: Option<&str>,
    serial: u64,
    quality: Quality,
    time: f64,
) -> Option<CacheKey> {
    let (first, last) = info.range?;
    let id = match (src_file_path, &info.media) {
        (Some(path), _) => ClipId::Media(PathBuf::from(path)),
        (None, Some(path)) => ClipId::Media(path.clone()),
        _ if clip.frame_range().ok().flatten().is_some() => ClipId::Instance(serial),
        _ => {
            let rod = clip.region_of_definition(time).ok()?;
            ClipId::Anonymous {
                width: (rod.x2 - rod.x1).round() as i32,
                height: (rod.y2 - rod.y1).round() as i32,
                rate_mhz: (f64::from(info.rate.num) * 1000.0 / f64::from(info.rate.den)).round()
                    as i64,
            }
        }
    };
    Some(CacheKey::new(id, first, last, quality))
}

thread_local! {
    /// Per render thread: the packed copy of the frame being measured.
    static FRAME_BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Measures the frame `args` renders, when it is a full-size frame of the
/// clip's range that is not measured yet.
pub fn observe(
    instance: &Instance,
    args: &RenderArgs,
    serial: u64,
    engine: &Engine,
) -> Result<Observation, ShotScoreError> {
    let clip = instance.clip(ofx_sys::K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME)?;
    let info = SourceInfo::read(instance, &clip)?;
    let quality = engine.options().quality;
    let Some(key) = clip_key(
        &clip,
        &info,
        args.src_file_path.as_deref(),
        serial,
        quality,
        args.time,
    ) else {
        return Ok(Observation::default());
    };
    let entry = render_cache::entry(&key, Some(info.name()), || {
        Ok(engine.random_access(info.rate, key.first, key.last)?)
    })?;
    let mut seen = Observation {
        coverage: Some(entry.coverage()),
        report: entry.report(),
        completed_now: false,
    };
    let frame = args
        .src_frame
        .map(i64::from)
        .unwrap_or_else(|| args.time.round() as i64);
    let whole_frame_time = (args.time - args.time.round()).abs() < 1e-6;
    if seen.report.is_some()
        || args.render_scale != (1.0, 1.0)
        || !whole_frame_time
        || !(key.first..=key.last).contains(&frame)
        || !entry.wants(frame)
    {
        return Ok(seen);
    }
    let Some(image) = clip.image(args.time)? else {
        return Ok(seen);
    };
    let rod = clip.region_of_definition(args.time)?;
    let par = clip
        .pixel_aspect_ratio()
        .ok()
        .flatten()
        .filter(|p| *p > 0.0)
        .unwrap_or(1.0);
    // The render window may be a tile: what counts is the source image, which
    // covers the whole frame when the host honoured our GetRegionsOfInterest.
    let bounds = image.bounds()?;
    let frame_rect = PixelRect::new(
        (rod.x1 / par).round() as i32,
        rod.y1.round() as i32,
        (rod.x2 / par).round() as i32,
        rod.y2.round() as i32,
    );
    if frame_rect.is_empty() || bounds.intersect(&frame_rect) != frame_rect {
        log::debug!(
            "Shot Score: frame {frame}: source image {bounds:?} does not cover the frame \
             {frame_rect:?}; not measured"
        );
        return Ok(seen);
    }
    let view = image.view()?;
    let done = FRAME_BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        let frame_view = frame_view(&view, &mut buf)?;
        entry.measure(frame, &frame_view)
    })?;
    drop(image);
    seen.coverage = Some(entry.coverage());
    if let Some(report) = done {
        seen.report = Some(report);
        seen.completed_now = true;
    }
    Ok(seen)
}
