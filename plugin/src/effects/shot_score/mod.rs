//! Shot Score: per-shot scores, reasons and trim suggestions in the host's
//! timeline.
//!
//! * **Analyze Clip** (InstanceChanged, user edit) fetches every frame of the
//!   source clip's range with a progress bar; Cancel keeps the previous
//!   results. Results go into params inside one edit block ([`publish`]).
//! * **Analyze While Playing** measures every full-size frame that renders
//!   into a process-wide cache per clip ([`render_cache`]); once the whole
//!   range is measured the report becomes the instance's results, saved at the
//!   next InstanceChanged or SyncPrivateData (Render may not write params).
//!   Until then GetRegionsOfInterest asks for the whole source frame, so that
//!   tiled hosts (Nuke) hand Render a full frame to measure.
//! * The report is saved in the hidden `analysis_state` param ([`persist`]) and
//!   restored in CreateInstance; an unreadable payload is reported, not fatal.
//! * **Export** writes JSON, OTIO, markers EDL and CSV ([`exports`]).
//!
//! Thread safety: FullySafe. Render only reads the results through a
//! `RwLock` held for an `Arc` clone; measuring holds a per-clip lock that
//! the Analyze button never takes.

mod analyze;
pub(crate) mod engine_pool;
pub(crate) mod error;
mod exports;
pub(crate) mod frames;
pub mod params;
mod persist;
mod playback;
mod publish;
pub(crate) mod render;
mod render_cache;
mod results;
pub(crate) mod source;

use std::ffi::CStr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use circletake_inference::report::ClipReport;
use circletake_inference::Engine;
use ofx_sys::{
    K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME as OUTPUT,
    K_OFX_IMAGE_EFFECT_SIMPLE_SOURCE_CLIP_NAME as SOURCE,
};

use crate::ofx::message::Severity;
use crate::ofx::{
    ChangeReason, ChangedArgs, ChangedKind, ClipPreferences, Components, Context,
    ContextDescriptor, Effect, Identity, IdentityArgs, Instance, OfxResult, ParamSpec, PixelDepth,
    RegionsOfInterest, RenderArgs, Reply, RoiArgs, ThreadSafety,
};
use error::ShotScoreError;
use results::{Origin, Results};
use source::SourceInfo;

/// The Shot Score effect instance: its current results behind a lock that
/// Render holds only to clone an `Arc` (FullySafe).
#[derive(Debug)]
pub struct ShotScore {
    /// Process-unique number of this instance (render cache key on hosts
    /// that do not name the media).
    serial: u64,
    /// The results shown and saved.
    results: RwLock<Option<Arc<Results>>>,
    /// Results adopted in Render, not yet written to params.
    unsaved: AtomicBool,
}

impl ShotScore {
    fn results(&self) -> Option<Arc<Results>> {
        self.results
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_results(&self, report: Arc<ClipReport>, origin: Origin) {
        *self.results.write().unwrap_or_else(|e| e.into_inner()) =
            Some(Arc::new(Results { report, origin }));
    }

    /// The shared engine for the device and quality params at `time`.
    fn engine(instance: &Instance, time: f64) -> Result<Engine, ShotScoreError> {
        let device = instance.param(params::DEVICE)?.choice_at(time)?;
        let quality = instance.param(params::QUALITY)?.choice_at(time)?;
        engine_pool::engine(
            engine_pool::device_choice(device),
            engine_pool::quality_choice(quality),
        )
    }

    /// Writes results adopted during Render into params.
    fn save_pending(&self, instance: &Instance, undo_label: Option<&str>) -> OfxResult<()> {
        if !self.unsaved.load(Ordering::Acquire) {
            return Ok(());
        }
        let Some(results) = self.results() else {
            return Ok(());
        };
        let _block = undo_label.map(|l| instance.edit_block(l)).transpose()?;
        log::info!(
            "Shot Score: saving results ({:?}) into params",
            results.origin
        );
        publish::write_results(instance, &results.report)?;
        self.unsaved.store(false, Ordering::Release);
        Ok(())
    }

    fn on_analyze(&self, instance: &Instance, time: f64) -> OfxResult<()> {
        let outcome = (|| {
            let engine = Self::engine(instance, time)?;
            let clip = instance.clip(SOURCE)?;
            let info = SourceInfo::read(instance, &clip)?;
            let outcome = analyze::analyze_clip(instance, &clip, &info, &engine)?;
            Ok::<_, ShotScoreError>((outcome, clip, info, engine))
        })();
        let (report, clip, info, engine) = match outcome {
            Ok((analyze::Outcome::Done(report), clip, info, engine)) => {
                (Arc::new(*report), clip, info, engine)
            }
            Ok((analyze::Outcome::Cancelled, ..)) => return Ok(()),
            Err(e) => {
                log::error!("Shot Score: {e}");
                instance.post_message(Severity::Error, &e.to_string());
                return Ok(());
            }
        };
        {
            let _block = instance.edit_block("Analyze Clip")?;
            publish::write_results(instance, &report)?;
        }
        self.set_results(report.clone(), Origin::Button);
        self.unsaved.store(false, Ordering::Release);
        let quality = engine.options().quality;
        if let Some(key) = playback::clip_key(&clip, &info, None, self.serial, quality, time) {
            render_cache::complete(&key, report.clone());
        }
        instance.clear_message();
        if instance
            .param(params::EXPORT_AFTER_ANALYSIS)?
            .bool_at(time)?
        {
            Self::export(instance, &report, &info, time);
        }
        Ok(())
    }

    /// Writes the exports and tells the user how it went.
    fn export(instance: &Instance, report: &ClipReport, info: &SourceInfo, time: f64) {
        let folder = match instance
            .param(params::EXPORT_FOLDER)
            .and_then(|p| p.string_at(time))
        {
            Ok(f) => PathBuf::from(f.trim()),
            Err(e) => {
                instance.post_message(Severity::Error, &format!("export failed: {e}"));
                return;
            }
        };
        match exports::export_all(report, &folder, &info.name(), info.media.as_deref()) {
            Ok(files) => instance.post_message(
                Severity::Message,
                &format!("exported {} files to {}", files.len(), folder.display()),
            ),
            Err(e) => {
                log::error!("Shot Score: {e}");
                instance.post_message(Severity::Error, &e.to_string())
            }
        };
    }

    fn on_export(&self, instance: &Instance, time: f64) -> OfxResult<()> {
        let Some(results) = self.results() else {
            instance.post_message(
                Severity::Warning,
                "nothing to export yet: press Analyze Clip (or play the clip through) first",
            );
            return Ok(());
        };
        let clip = instance.clip(SOURCE)?;
        let info = SourceInfo::read(instance, &clip)?;
        Self::export(instance, &results.report, &info, time);
        Ok(())
    }

    /// Render-driven analysis of this render's frame; errors are logged, the
    /// render goes on.
    fn observe(&self, instance: &Instance, args: &RenderArgs, engine: &Engine) -> Option<f64> {
        let seen = match playback::observe(instance, args, self.serial, engine) {
            Ok(seen) => seen,
            Err(e) => {
                log::warn!("Shot Score: frame {} not measured: {e}", args.time);
                return None;
            }
        };
        if let Some(report) = &seen.report {
            if self.results().is_none() {
                self.set_results(report.clone(), Origin::Playback);
                self.unsaved.store(true, Ordering::Release);
            }
            if seen.completed_now && param_on(instance, params::EXPORT_AFTER_ANALYSIS, args.time) {
                if let Ok(clip) = instance.clip(SOURCE) {
                    if let Ok(info) = SourceInfo::read(instance, &clip) {
                        Self::export(instance, report, &info, args.time);
                    }
                }
            }
        }
        seen.coverage.filter(|_| seen.report.is_none())
    }
}

fn param_on(instance: &Instance, name: &'static CStr, time: f64) -> bool {
    instance
        .param(name)
        .and_then(|p| p.bool_at(time))
        .unwrap_or(false)
}

static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);

impl Effect for ShotScore {
    const IDENTIFIER: &'static CStr = c"org.circletake.ShotScore";
    const VERSION: (u32, u32) = (1, 0);
    const LABEL: &'static CStr = c"Shot Score";
    const GROUPING: &'static CStr = c"CircleTake";
    const DESCRIPTION: &'static CStr =
        c"Scores each shot (focus, exposure, shake, noise, black/flash/frozen frames, faces, blinks) and suggests in/out points.";
    const CONTEXTS: &'static [Context] = &[Context::Filter, Context::General];
    const PIXEL_DEPTHS: &'static [PixelDepth] = &PixelDepth::ALL;
    const COMPONENTS: &'static [Components] = &Components::ALL;
    const SUPPORTS_TILES: bool = true;
    const SUPPORTS_MULTI_RESOLUTION: bool = true;
    const TEMPORAL_CLIP_ACCESS: bool = true;
    const RENDER_THREAD_SAFETY: ThreadSafety = ThreadSafety::FullySafe;
    const HOST_FRAME_THREADING: bool = true;
    const PARAMS: &'static [ParamSpec] = params::PARAMS;

    fn describe_in_context(desc: &ContextDescriptor, _context: Context) -> OfxResult<()> {
        desc.define_clip(SOURCE)?
            .supported_components(Self::COMPONENTS)?
            .temporal_access(Self::TEMPORAL_CLIP_ACCESS)?
            .supports_tiles(Self::SUPPORTS_TILES)?;
        desc.define_clip(OUTPUT)?
            .supported_components(Self::COMPONENTS)?
            .supports_tiles(Self::SUPPORTS_TILES)?;
        Ok(())
    }

    /// Restores the saved analysis; an unreadable one is reported and left
    /// in the param untouched (the project loses nothing).
    fn create_instance(instance: &Instance) -> OfxResult<Self> {
        let effect = Self {
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
            results: RwLock::new(None),
            unsaved: AtomicBool::new(false),
        };
        let saved = instance
            .param(params::ANALYSIS_STATE)
            .and_then(|p| p.string_at(0.0));
        match saved.map(|text| persist::decode(&text)) {
            Ok(Ok(Some(report))) => effect.set_results(Arc::new(report), Origin::Restored),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                let e = ShotScoreError::State(e);
                log::warn!("Shot Score: {e}");
                instance.post_message(Severity::Warning, &e.to_string());
            }
            Err(e) => log::warn!("Shot Score: saved analysis unreadable: {e}"),
        }
        Ok(effect)
    }

    /// The output takes the source's depth and components (when the host
    /// reports them: MLT leaves them unset early on).
    fn clip_preferences(&self, instance: &Instance, prefs: &ClipPreferences) -> OfxResult<Reply> {
        let source = instance.clip(SOURCE)?;
        let depth = source.unmapped_pixel_depth().ok().flatten();
        let components = source.unmapped_components().ok().flatten();
        let mut handled = false;
        if let Some(depth) = depth.filter(|d| Self::PIXEL_DEPTHS.contains(d)) {
            prefs.set_depth(OUTPUT, depth)?;
            handled = true;
        }
        if let Some(components) = components.filter(|c| Self::COMPONENTS.contains(c)) {
            prefs.set_components(OUTPUT, components)?;
            handled = true;
        }
        Ok(if handled {
            Reply::Handled
        } else {
            Reply::Default
        })
    }

    /// With the overlay off the effect is the source itself, except while
    /// Analyze While Playing still needs to see full-size frames.
    /// If the host cannot tell us the params, rendering (which passes through
    /// as well) is the safe answer.
    fn is_identity(&self, instance: &Instance, args: &IdentityArgs) -> OfxResult<Option<Identity>> {
        let read = |name| instance.param(name).and_then(|p| p.bool_at(args.time));
        let (overlay, playing) = match (read(params::OVERLAY), read(params::ANALYZE_WHILE_PLAYING))
        {
            (Ok(o), Ok(p)) => (o, p),
            (Err(e), _) | (_, Err(e)) => {
                log::warn!("Shot Score: params unreadable ({e}); rendering instead");
                return Ok(None);
            }
        };
        let measuring = playing && args.render_scale == (1.0, 1.0) && self.results().is_none();
        Ok((!overlay && !measuring).then_some(Identity {
            clip: SOURCE,
            time: args.time,
        }))
    }

    /// While Analyze While Playing still needs frames (full-size renders of a
    /// clip not analysed yet) every tile asks for the source's whole region
    /// of definition, so Render can measure the frame; otherwise the host's
    /// default (the tile itself: the effect is per pixel).
    fn regions_of_interest(
        &self,
        instance: &Instance,
        args: &RoiArgs,
        rois: &RegionsOfInterest,
    ) -> OfxResult<Reply> {
        let whole_frame_time = (args.time - args.time.round()).abs() < 1e-6;
        if self.results().is_some()
            || args.render_scale != (1.0, 1.0)
            || !whole_frame_time
            || !param_on(instance, params::ANALYZE_WHILE_PLAYING, args.time)
        {
            return Ok(Reply::Default);
        }
        let rod = instance.clip(SOURCE)?.region_of_definition(args.time)?;
        if rod.x2 <= rod.x1 || rod.y2 <= rod.y1 {
            return Ok(Reply::Default);
        }
        rois.set(SOURCE, rod)?;
        Ok(Reply::Handled)
    }

    fn render(&self, instance: &Instance, args: &RenderArgs) -> OfxResult<()> {
        let overlay = instance.param(params::OVERLAY)?.bool_at(args.time)?;
        let playing = param_on(instance, params::ANALYZE_WHILE_PLAYING, args.time);
        let engine = if overlay || (playing && self.results().is_none()) {
            Self::engine(instance, args.time)
                .map_err(|e| log::warn!("Shot Score: no analysis engine: {e}"))
                .ok()
        } else {
            None
        };
        let coverage = match &engine {
            Some(engine) if playing && self.results().is_none() => {
                self.observe(instance, args, engine)
            }
            _ => None,
        };
        let results = self.results();
        let report = results.as_ref().map(|r| r.report.as_ref());
        let data = render::OverlayData {
            overlay,
            // Boxes come only from a live measurement (the report keeps
            // none): draw them while the clip is unanalysed, when the HUD
            // measures the frame anyway, never forcing a measurement of an
            // analysed frame during playback.
            face_boxes: overlay && report.is_none(),
            report,
            coverage,
            engine: engine.as_ref().filter(|_| overlay),
        };
        render::render(instance, args, &data)
    }

    fn instance_changed(&self, instance: &Instance, args: &ChangedArgs) -> OfxResult<Reply> {
        let user = args.reason == ChangeReason::UserEdited;
        let mut handled = false;
        if args.kind == ChangedKind::Param && user {
            if args.name.as_bytes() == params::ANALYZE.to_bytes() {
                self.on_analyze(instance, args.time)?;
                handled = true;
            } else if args.name.as_bytes() == params::EXPORT.to_bytes() {
                self.on_export(instance, args.time)?;
                handled = true;
            } else if args.name.as_bytes() == params::SIGNAL_CURVES.to_bytes() {
                // Key (or clear) the signal curves of the current results now.
                if let Some(results) = self.results() {
                    let _block = instance.edit_block("Signal Curves")?;
                    publish::write_results(instance, &results.report)?;
                    self.unsaved.store(false, Ordering::Release);
                }
                handled = true;
            }
        }
        self.save_pending(instance, Some("Shot Score results"))?;
        Ok(if handled {
            Reply::Handled
        } else {
            Reply::Default
        })
    }

    fn sync_private_data(&self, instance: &Instance) -> OfxResult<Reply> {
        self.save_pending(instance, None)?;
        Ok(Reply::Handled)
    }

    fn purge_caches(&self, _instance: &Instance) -> OfxResult<Reply> {
        render_cache::purge_unfinished();
        Ok(Reply::Handled)
    }
}
