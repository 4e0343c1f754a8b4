//! The Transition context (`kOfxImageEffectContextTransition`), as an editing
//! host such as Resolve drives it when an effect is placed on an edit.
//!
//! What the OpenFX spec mandates (Reference, "Image Effect Contexts"): input
//! clips `SourceFrom` and `SourceTo`, an `Output` clip, and a double param named
//! `Transition` that the PLUGIN defines in DescribeInContext and the HOST
//! drives: "Transition = (currentFrame - startOfTransition) / lengthOfTransition",
//! 0 = all `SourceFrom`, 1 = all `SourceTo`; the plugin may only read it. Any
//! other input clip must be optional, and the plugin may not change any clip's
//! pixel preferences (all three clips share the depth and components). The host
//! records a violation for each of these it sees broken.
//!
//! How this host lays a transition out (see [`TransitionSpec`]):
//! - Effect time `t` runs over `0..length`; the instance's frame range, the
//!   Output clip's and the timeline suite's bounds are `[0, length - 1]`, and
//!   `kOfxImageEffectInstancePropEffectDuration` is `length`.
//! - `SourceFrom` at effect time `t` is source frame `from_start + t`, `SourceTo`
//!   is `to_start + t`, at any `t` whose frame exists (temporal access into the
//!   handles on both sides); other times fail with `kOfxStatFailed`.
//! - Each input clip's `kOfxImageEffectPropFrameRange` is the whole source in
//!   effect time, `[-from_start, from.frame_count() - 1 - from_start]` (like
//!   Resolve 20+, which reports the whole media); its
//!   `kOfxImageEffectPropUnmappedFrameRange` is the same frames in the source's
//!   own numbering, `[0, frame_count - 1]`.
//! - `Transition` at effect time `t` is `t / length` (keys 0 at t = 0 and 1 at
//!   t = length, linear between: the last frame shown reads
//!   `(length - 1) / length`).

use super::effect::EffectNode;
use super::error::HostError;
use super::frames::FrameSource;
use super::images::{Components, Depth, OwnedImage, RowLayout};
use super::instance::Instance;
use super::keyframes::ParamValue;
use super::params::ParamNode;
use super::properties::Value;
use super::records::lock;
use super::render::{RenderRequest, Rendered};
use super::sampling;
use super::shared::HostShared;
use ofx_sys as ofx;
use std::sync::Arc;

/// `kOfxImageEffectContextTransition`.
pub const CONTEXT: &str = "OfxImageEffectContextTransition";
/// The outgoing clip (`kOfxImageEffectTransitionSourceFromClipName`).
pub const FROM_CLIP: &str = "SourceFrom";
/// The incoming clip (`kOfxImageEffectTransitionSourceToClipName`).
pub const TO_CLIP: &str = "SourceTo";
/// The host-driven param (`kOfxImageEffectTransitionParamName`).
pub const PARAM: &str = "Transition";

/// Two clips and a transition between them on a timeline.
///
/// Effect time `t` (0 ≤ t < `length`) shows source frame `from_start + t` of
/// `from` on `SourceFrom` and `to_start + t` of `to` on `SourceTo`; both clips
/// can be read at any effect time whose source frame exists (the handles).
#[derive(Debug, Clone)]
pub struct TransitionSpec {
    /// The outgoing clip (`SourceFrom`).
    pub from: Arc<dyn FrameSource>,
    /// Source frame of `from` shown at effect time 0.
    pub from_start: usize,
    /// The incoming clip (`SourceTo`).
    pub to: Arc<dyn FrameSource>,
    /// Source frame of `to` shown at effect time 0.
    pub to_start: usize,
    /// Number of effect frames the transition covers (effect times `0..length`).
    pub length: usize,
}

impl TransitionSpec {
    /// The first effect time at which `Transition` (= t / length) reaches 0.5:
    /// a straight cut at the transition's centre shows `SourceFrom` before it
    /// and `SourceTo` from it on. `ceil(length / 2)`.
    pub fn centre_time(&self) -> usize {
        self.length.div_ceil(2)
    }

    /// The edit a straight cut at the centre makes, in each clip's own source
    /// frames: (last frame of `from` shown, first frame of `to` shown).
    pub fn cut_at_centre(&self) -> (usize, usize) {
        let c = self.centre_time();
        // c >= 1 whenever length >= 1, and then from_start + c - 1 >= 0.
        ((self.from_start + c).saturating_sub(1), self.to_start + c)
    }

    /// A transition of `length` frames centred on the edit that shows `from` up
    /// to `out_frame` and `to` from `in_frame` on (so
    /// [`TransitionSpec::cut_at_centre`] gives back `(out_frame, in_frame)`).
    /// Fails when the transition would start before either clip's first frame.
    pub fn centred_on(
        from: Arc<dyn FrameSource>,
        out_frame: usize,
        to: Arc<dyn FrameSource>,
        in_frame: usize,
        length: usize,
    ) -> Result<TransitionSpec, HostError> {
        let c = length.div_ceil(2);
        let (Some(from_start), Some(to_start)) =
            ((out_frame + 1).checked_sub(c), in_frame.checked_sub(c))
        else {
            return Err(HostError::Missing(format!(
                "a {length}-frame transition centred on outgoing frame {out_frame} / \
                 incoming frame {in_frame} starts before a clip's first frame"
            )));
        };
        let spec = TransitionSpec {
            from,
            from_start,
            to,
            to_start,
            length,
        };
        spec.validate()?;
        Ok(spec)
    }

    /// Checks that the transition is non-empty and starts inside both clips.
    pub fn validate(&self) -> Result<(), HostError> {
        if self.length == 0 {
            return Err(HostError::Missing("a transition of 0 frames".into()));
        }
        for (name, src, start) in [
            (FROM_CLIP, &self.from, self.from_start),
            (TO_CLIP, &self.to, self.to_start),
        ] {
            if start >= src.frame_count() {
                return Err(HostError::Missing(format!(
                    "{name} starts at source frame {start}, past its {} frames",
                    src.frame_count()
                )));
            }
        }
        Ok(())
    }

    /// What feeds input clip `name`: the source and the source frame at effect
    /// time 0; `None` for other clips (left unconnected).
    pub fn feed(&self, name: &str) -> Option<(Arc<dyn FrameSource>, usize)> {
        match name {
            FROM_CLIP => Some((self.from.clone(), self.from_start)),
            TO_CLIP => Some((self.to.clone(), self.to_start)),
            _ => None,
        }
    }

    /// The default region of definition (canonical): the union of both clips'.
    pub fn rod(&self, origin: (i32, i32)) -> [f64; 4] {
        let a = sampling::canonical_rod(self.from.as_ref(), origin);
        let b = sampling::canonical_rod(self.to.as_ref(), origin);
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    }
}

/// Effect-time frame range of a clip fed from `source` with `start` shown at
/// effect time 0: the whole source, `[-start, frame_count - 1 - start]`.
pub fn clip_frame_range(source: &dyn FrameSource, start: usize) -> (f64, f64) {
    let n = source.frame_count() as f64;
    (-(start as f64), n - 1.0 - start as f64)
}

/// Checks a Transition-context descriptor right after DescribeInContext: the
/// mandated clips and param, and optional extra inputs. Records violations.
pub fn check_descriptor(desc: &EffectNode, host: &HostShared) {
    let names = desc.clip_names();
    for clip in [FROM_CLIP, TO_CLIP, "Output"] {
        if !names.iter().any(|n| n == clip) {
            host.records.violation(format!(
                "Transition context: the plugin did not define the mandated clip {clip:?}"
            ));
        }
    }
    for c in lock(&desc.clips).iter() {
        let name = c.name.to_string_lossy();
        let mandated = [FROM_CLIP, TO_CLIP, "Output"].contains(&name.as_ref());
        if !mandated
            && c.props
                .int(ofx::K_OFX_IMAGE_CLIP_PROP_OPTIONAL)
                .unwrap_or(0)
                == 0
        {
            host.records.violation(format!(
                "Transition context: extra input clip {name:?} must be optional"
            ));
        }
    }
    match desc.params.get(PARAM) {
        None => host.records.violation(format!(
            "Transition context: the plugin did not define the mandated double param {PARAM:?}"
        )),
        Some(p) if p.ptype.as_c_str() != ofx::K_OFX_PARAM_TYPE_DOUBLE => {
            host.records.violation(format!(
                "Transition context: param {PARAM:?} is {}, not a double",
                p.ptype.to_string_lossy()
            ))
        }
        Some(_) => {}
    }
}

/// True for the param the host drives in a Transition instance.
pub fn is_host_param(context: &str, p: &ParamNode) -> bool {
    context == CONTEXT && p.name.to_bytes() == PARAM.as_bytes()
}

/// Animates the `Transition` param of a new instance as the host does: 0 at
/// effect time 0, 1 at `length`, linear between (so t / length), read-only
/// for the plugin.
pub fn drive_param(params: &[Arc<ParamNode>], length: usize) {
    let Some(p) = params
        .iter()
        .find(|p| p.name.to_bytes() == PARAM.as_bytes())
    else {
        return; // a violation was recorded at DescribeInContext
    };
    if p.ptype.as_c_str() != ofx::K_OFX_PARAM_TYPE_DOUBLE {
        return;
    }
    {
        let mut c = lock(&p.curve);
        c.keys.clear();
        c.value = ParamValue::Num(vec![0.0]);
        c.set_key(0.0, ParamValue::Num(vec![0.0]));
        c.set_key(length as f64, ParamValue::Num(vec![1.0]));
    }
    p.props
        .set(ofx::K_OFX_PARAM_PROP_IS_ANIMATING, Value::Int(vec![1]));
    p.host_driven
        .store(true, std::sync::atomic::Ordering::Relaxed);
}

impl Instance {
    /// The transition this instance was created on, if it is a Transition instance.
    pub fn transition(&self) -> Option<&TransitionSpec> {
        self.spec.transition.as_ref()
    }

    /// Renders every frame of a Transition instance (effect times `0..length`, in
    /// order), moving the timeline to each as playback does.
    pub fn render_transition(
        &self,
        depth: Depth,
        components: Components,
    ) -> Result<Vec<Rendered>, HostError> {
        let t = self
            .transition()
            .ok_or_else(|| HostError::Missing("not a Transition instance".into()))?;
        (0..t.length)
            .map(|i| {
                self.plugin.host.set_time(i as f64);
                self.render(i as f64, depth, components)
            })
            .collect()
    }

    /// What input clip `clip` shows at `req.time` (mapped to its source frame),
    /// over `req.window` (default: that clip's region of definition), in
    /// `req`'s format: the reference for a render that passes the clip through
    /// (e.g. a straight cut: `SourceFrom` before the centre, `SourceTo` from it).
    pub fn expected_clip_image(
        &self,
        clip: &str,
        req: &RenderRequest,
    ) -> Result<OwnedImage, HostError> {
        let node = self
            .node
            .clip(clip)
            .filter(|c| !c.is_output())
            .ok_or_else(|| HostError::Missing(format!("no input clip {clip}")))?;
        let src = node
            .source
            .as_deref()
            .ok_or_else(|| HostError::Missing(format!("clip {clip} is not connected")))?;
        let frame = node.source_frame(req.time).ok_or_else(|| {
            HostError::Missing(format!("clip {clip} has no frame at {}", req.time))
        })?;
        let origin = self.plugin.host.profile().origin;
        let window = req
            .window
            .unwrap_or_else(|| sampling::pixel_rod(src, origin, req.scale));
        sampling::source_pixels(
            src,
            origin,
            frame,
            req.scale,
            req.depth,
            req.components,
            window,
            RowLayout::default(),
        )
    }
}
