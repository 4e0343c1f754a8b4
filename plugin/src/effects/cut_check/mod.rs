//! Cut Check: is this edit point a good frame to cut on?
//!
//! An OpenFX effect in the Transition context. Placed on an edit it sees the
//! outgoing (`SourceFrom`) and incoming (`SourceTo`) clips around the cut and
//! renders a **straight cut at the transition's centre** (the outgoing clip
//! while `Transition < 0.5`, the incoming clip from 0.5, pixel-exact), so it
//! can stay on the timeline without changing the picture.
//!
//! * **Check Edit** (InstanceChanged, user edit) fetches both clips' frames
//!   around the cut with a progress bar and runs the core's edit check
//!   ([`check`]); the verdict, problems, suggested roll and measures go into
//!   params inside one edit block ([`publish`]), texts placed relative to the
//!   cut ([`wording`]). Cancel keeps the previous results; an error is shown
//!   and keeps them too.
//! * The report is saved in the hidden `check_state` param ([`persist`]) and
//!   restored in CreateInstance; an unreadable payload is one warning.
//! * **Show Overlay** draws a box with the findings and the roll costs
//!   ([`overlay`]); with it off (or nothing checked yet) the effect is an
//!   identity of the clip the cut shows.
//!
//! Thread safety: FullySafe. Render only clones an `Arc` of the report under
//! a read lock.

mod check;
mod error;
pub mod overlay;
#[cfg(test)]
mod overlay_tests;
pub mod params;
mod persist;
mod publish;
mod render;
pub mod wording;

use std::ffi::CStr;
use std::sync::{Arc, RwLock};

use circletake_inference::edit_check::{EditCheckOptions, EditReport};
use circletake_inference::Engine;
use ofx_sys::{
    K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME as OUTPUT,
    K_OFX_IMAGE_EFFECT_TRANSITION_SOURCE_FROM_CLIP_NAME,
    K_OFX_IMAGE_EFFECT_TRANSITION_SOURCE_TO_CLIP_NAME,
};

use crate::effects::shot_score::engine_pool;
use crate::ofx::message::Severity;
use crate::ofx::{
    ChangeReason, ChangedArgs, ChangedKind, Components, Context, ContextDescriptor, Effect,
    Identity, IdentityArgs, Instance, OfxResult, ParamSpec, PixelDepth, RenderArgs, Reply,
    ThreadSafety,
};
use error::CutCheckError;

/// The outgoing clip.
pub const SOURCE_FROM: &CStr = K_OFX_IMAGE_EFFECT_TRANSITION_SOURCE_FROM_CLIP_NAME;
/// The incoming clip.
pub const SOURCE_TO: &CStr = K_OFX_IMAGE_EFFECT_TRANSITION_SOURCE_TO_CLIP_NAME;

/// `"outgoing"` / `"incoming"` for a transition clip name (messages).
fn clip_name(name: &CStr) -> &'static str {
    if name == SOURCE_FROM {
        "outgoing"
    } else {
        "incoming"
    }
}

/// The Cut Check effect instance: the current report behind a lock that
/// Render holds only to clone an `Arc` (FullySafe).
#[derive(Debug)]
pub struct CutCheck {
    report: RwLock<Option<Arc<EditReport>>>,
}

impl CutCheck {
    fn report(&self) -> Option<Arc<EditReport>> {
        self.report
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_report(&self, report: Arc<EditReport>) {
        *self.report.write().unwrap_or_else(|e| e.into_inner()) = Some(report);
    }

    /// The shared engine for the device and quality params at `time`.
    fn engine(instance: &Instance, time: f64) -> Result<Engine, CutCheckError> {
        let device = instance.param(params::DEVICE)?.choice_at(time)?;
        let quality = instance.param(params::QUALITY)?.choice_at(time)?;
        Ok(engine_pool::engine(
            engine_pool::device_choice(device),
            engine_pool::quality_choice(quality),
        )?)
    }

    fn on_check(&self, instance: &Instance, time: f64) -> OfxResult<()> {
        let outcome = (|| {
            let max_shift = instance.param(params::MAX_SHIFT)?.int_at(time)?;
            let options = EditCheckOptions {
                max_shift: max_shift.clamp(1, 24) as u32,
                ..EditCheckOptions::default()
            };
            let engine = Self::engine(instance, time)?;
            check::check_edit(instance, &engine, options, time)
        })();
        let report = match outcome {
            // Shown as saved: the report as its JSON holds it (4-decimal
            // numbers), so a reopened project draws the same pixels.
            Ok(check::Outcome::Done(report)) => Arc::new(
                persist::decode(&persist::encode(&report))
                    .ok()
                    .flatten()
                    .unwrap_or(*report),
            ),
            Ok(check::Outcome::Cancelled) => return Ok(()),
            Err(e) => {
                log::error!("Cut Check: {e}");
                instance.post_message(Severity::Error, &e.to_string());
                return Ok(());
            }
        };
        {
            let _block = instance.edit_block("Check Edit")?;
            publish::write_results(instance, &report)?;
        }
        log::info!(
            "Cut Check: {} ({} issues, roll {:?})",
            wording::verdict_text(report.verdict),
            report.issues.len(),
            report.suggestion.as_ref().map(|s| s.shift)
        );
        self.set_report(report);
        instance.clear_message();
        Ok(())
    }
}

impl Effect for CutCheck {
    const IDENTIFIER: &'static CStr = c"org.circletake.CutCheck";
    const VERSION: (u32, u32) = (1, 0);
    const LABEL: &'static CStr = c"Cut Check";
    const GROUPING: &'static CStr = c"CircleTake";
    const DESCRIPTION: &'static CStr =
        c"Checks one edit point (blinks, whip-pans, motion blur, flash frames, jump cuts, exposure and colour jumps) and suggests rolling the cut; renders a straight cut at the transition's centre.";
    const CONTEXTS: &'static [Context] = &[Context::Transition];
    const PIXEL_DEPTHS: &'static [PixelDepth] = &PixelDepth::ALL;
    const COMPONENTS: &'static [Components] = &Components::ALL;
    const SUPPORTS_TILES: bool = true;
    const SUPPORTS_MULTI_RESOLUTION: bool = true;
    const TEMPORAL_CLIP_ACCESS: bool = true;
    const RENDER_THREAD_SAFETY: ThreadSafety = ThreadSafety::FullySafe;
    const HOST_FRAME_THREADING: bool = true;
    const PARAMS: &'static [ParamSpec] = params::PARAMS;

    fn describe_in_context(desc: &ContextDescriptor, _context: Context) -> OfxResult<()> {
        for source in [SOURCE_FROM, SOURCE_TO] {
            desc.define_clip(source)?
                .supported_components(Self::COMPONENTS)?
                .temporal_access(Self::TEMPORAL_CLIP_ACCESS)?
                .supports_tiles(Self::SUPPORTS_TILES)?;
        }
        desc.define_clip(OUTPUT)?
            .supported_components(Self::COMPONENTS)?
            .supports_tiles(Self::SUPPORTS_TILES)?;
        Ok(())
    }

    /// Restores the saved check; an unreadable one is one warning and stays
    /// in the param untouched (the project loses nothing).
    fn create_instance(instance: &Instance) -> OfxResult<Self> {
        let effect = Self {
            report: RwLock::new(None),
        };
        let saved = instance
            .param(params::CHECK_STATE)
            .and_then(|p| p.string_at(0.0));
        match saved.map(|text| persist::decode(&text)) {
            Ok(Ok(Some(report))) => effect.set_report(Arc::new(report)),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                let e = CutCheckError::State(e);
                log::warn!("Cut Check: {e}");
                instance.post_message(Severity::Warning, &e.to_string());
            }
            Err(e) => log::warn!("Cut Check: saved check unreadable: {e}"),
        }
        Ok(effect)
    }

    /// Without the box to draw (overlay off, or nothing checked yet) the
    /// effect is the clip the straight cut shows at this time. If the host
    /// cannot tell us the params, rendering (the same pixels) is the safe answer.
    fn is_identity(&self, instance: &Instance, args: &IdentityArgs) -> OfxResult<Option<Identity>> {
        let overlay = instance
            .param(params::SHOW_OVERLAY)
            .and_then(|p| p.bool_at(args.time));
        let clip = render::shown_clip(instance, args.time);
        match (overlay, clip) {
            (Ok(overlay), Ok(clip)) => {
                Ok((!overlay || self.report().is_none()).then_some(Identity {
                    clip,
                    time: args.time,
                }))
            }
            (Err(e), _) | (_, Err(e)) => {
                log::warn!("Cut Check: params unreadable ({e}); rendering instead");
                Ok(None)
            }
        }
    }

    fn render(&self, instance: &Instance, args: &RenderArgs) -> OfxResult<()> {
        let overlay = instance.param(params::SHOW_OVERLAY)?.bool_at(args.time)?;
        let report = overlay.then(|| self.report()).flatten();
        render::render(instance, args, report.as_deref())
    }

    fn instance_changed(&self, instance: &Instance, args: &ChangedArgs) -> OfxResult<Reply> {
        if args.kind == ChangedKind::Param
            && args.reason == ChangeReason::UserEdited
            && args.name.as_bytes() == params::CHECK_EDIT.to_bytes()
        {
            self.on_check(instance, args.time)?;
            return Ok(Reply::Handled);
        }
        Ok(Reply::Default)
    }
}
