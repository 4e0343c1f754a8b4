//! Effect instances: creation from a context descriptor (clips connected to a
//! frame source, params at their defaults or restored), user edits, push
//! buttons, and what the plugin left in params and messages.

use super::actions::Call;
use super::effect::{ClipNode, EffectNode};
use super::error::HostError;
use super::frames::FrameSource;
use super::keyframes::{Curve, ParamValue};
use super::params::ValueKind;
use super::properties::{PropertySet, Value};
use super::records::{lock, Message};
use super::status::Status;
use super::transition::{self, TransitionSpec};
use super::Plugin;
use ofx_sys as ofx;
use std::ffi::CStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Saved param values and keys, as a project file would hold them.
pub type ParamSnapshot = Vec<(String, Curve)>;

/// How to create an instance.
#[derive(Debug, Clone)]
pub struct InstanceSpec {
    /// `OfxImageEffectContextFilter`...
    pub context: String,
    /// The clip connected to the source clip(s).
    pub source: Option<Arc<dyn FrameSource>>,
    /// Frames of the source used on the timeline (first, last); hosts other than
    /// Resolve report this as the clip's frame range.
    pub trim: Option<(usize, usize)>,
    /// Param values to restore before CreateInstance (a reopened project).
    pub restore: Option<ParamSnapshot>,
    /// The two clips of a Transition instance (`source` and `trim` are then
    /// unused): see [`super::transition`] for how effect time maps to them.
    pub transition: Option<TransitionSpec>,
}

impl InstanceSpec {
    /// A filter instance on `source`.
    pub fn filter(source: Arc<dyn FrameSource>) -> InstanceSpec {
        InstanceSpec {
            context: "OfxImageEffectContextFilter".into(),
            source: Some(source),
            trim: None,
            restore: None,
            transition: None,
        }
    }

    /// A Transition-context instance on an edit between two clips (see
    /// [`super::transition`]): `SourceFrom`/`SourceTo` fed from `t.from`/`t.to`,
    /// effect times `0..t.length`, the `Transition` param driven by the host.
    pub fn transition(t: TransitionSpec) -> InstanceSpec {
        InstanceSpec {
            context: transition::CONTEXT.into(),
            source: None,
            trim: None,
            restore: None,
            transition: Some(t),
        }
    }

    /// Where input clip `name` gets its frames: the source and the source frame
    /// shown at effect time 0 (every input of a non-Transition instance shows
    /// `source` frame for frame).
    pub fn feed(&self, name: &str) -> Option<(Arc<dyn FrameSource>, usize)> {
        match &self.transition {
            Some(t) => t.feed(name),
            None => self.source.clone().map(|s| (s, 0)),
        }
    }

    /// The clip that sets the project's size and frame rate: `source`, or a
    /// transition's outgoing clip.
    pub fn main_source(&self) -> Option<&Arc<dyn FrameSource>> {
        match &self.transition {
            Some(t) => Some(&t.from),
            None => self.source.as_ref(),
        }
    }
}

/// One instance of an effect. Dropping it sends DestroyInstance.
#[derive(Debug)]
pub struct Instance {
    pub(crate) plugin: Plugin,
    pub(crate) node: Arc<EffectNode>,
    pub(crate) spec: InstanceSpec,
    create_status: Status,
    destroyed: AtomicBool,
}

impl Plugin {
    /// Creates an instance: DescribeInContext (once), then CreateInstance. The
    /// instance is returned even when CreateInstance fails ([`Instance::create_status`]),
    /// as MLT goes on using it.
    pub fn create_instance(&self, spec: InstanceSpec) -> Result<Instance, HostError> {
        let desc = self.describe_in_context(&spec.context)?;
        self.create_instance_from(&desc, spec)
    }

    pub(crate) fn create_instance_from(
        &self,
        desc: &EffectNode,
        spec: InstanceSpec,
    ) -> Result<Instance, HostError> {
        let host = self.host.shared();
        let profile = &host.profile;
        let serial = host.serial();
        let node = EffectNode::new(host, serial, &format!("effect instance #{serial}"));
        let p = &node.props;
        p.copy_from(&desc.props);
        p.remove(ofx::K_OFX_PLUGIN_PROP_FILE_PATH);
        let s = |v: &str| Value::strings(&[v]);
        p.set(
            ofx::K_OFX_PROP_TYPE,
            Value::String(vec![ofx::K_OFX_TYPE_IMAGE_EFFECT_INSTANCE.to_owned()]),
        );
        p.set(ofx::K_OFX_IMAGE_EFFECT_PROP_CONTEXT, s(&spec.context));
        if !profile.faults.no_instance_data {
            p.define(ofx::K_OFX_PROP_INSTANCE_DATA, Value::Pointer(vec![0]));
        }
        p.define(ofx::K_OFX_PROP_IS_INTERACTIVE, Value::Int(vec![0]));
        p.define(
            ofx::K_OFX_IMAGE_EFFECT_INSTANCE_PROP_SEQUENTIAL_RENDER,
            Value::Int(vec![0]),
        );
        if let Some(t) = &spec.transition {
            t.validate()?;
        }
        if spec.transition.is_some() != (spec.context == transition::CONTEXT) {
            return Err(HostError::Missing(format!(
                "a {} instance needs a TransitionSpec exactly when it is a Transition",
                spec.context
            )));
        }
        let (frames, fps, size) = match spec.main_source().map(|s| s.as_ref()) {
            Some(src) => (src.frame_count(), src.frame_rate(), src.size()),
            None => (1, 25.0, (1920, 1080)),
        };
        // A transition's instance spans its own frames, 0..length.
        let frames = spec.transition.as_ref().map_or(frames, |t| t.length);
        let range = spec
            .trim
            .filter(|_| spec.transition.is_none())
            .map(|(a, b)| (a as f64, b as f64))
            .unwrap_or((0.0, frames.saturating_sub(1) as f64));
        let clip_range = if profile.whole_source_frame_range {
            (0.0, frames.saturating_sub(1) as f64)
        } else {
            range
        };
        if profile.project_properties {
            let (w, h) = (size.0 as f64, size.1 as f64);
            p.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_SIZE,
                Value::Double(vec![w, h]),
            );
            p.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_OFFSET,
                Value::Double(vec![
                    f64::from(profile.origin.0),
                    f64::from(profile.origin.1),
                ]),
            );
            p.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_EXTENT,
                Value::Double(vec![w, h]),
            );
            p.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_PROJECT_PIXEL_ASPECT_RATIO,
                Value::Double(vec![1.0]),
            );
            p.define(
                ofx::K_OFX_IMAGE_EFFECT_INSTANCE_PROP_EFFECT_DURATION,
                Value::Double(vec![range.1 - range.0 + 1.0]),
            );
            p.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE,
                Value::Double(vec![fps]),
            );
        }
        *lock(&host.timeline_bounds) = range;
        // Clips.
        let clips: Vec<Arc<ClipNode>> = lock(&desc.clips)
            .iter()
            .map(|d| {
                let feed = if d.is_output() {
                    None
                } else {
                    spec.feed(&d.name.to_string_lossy())
                };
                let mut c = d.instantiate(serial, feed.as_ref().map(|f| f.0.clone()));
                c.source_start = feed.as_ref().map_or(0, |f| f.1);
                // Effect-time range of the clip, and its source's own numbering.
                let (clip_range, unmapped) = match (&feed, &spec.transition) {
                    (Some((src, start)), Some(_)) => (
                        transition::clip_frame_range(src.as_ref(), *start),
                        (0.0, src.frame_count().saturating_sub(1) as f64),
                    ),
                    (None, Some(_)) => (range, range),
                    _ => (clip_range, (0.0, frames.saturating_sub(1) as f64)),
                };
                let cp = &c.props;
                let (depth, comps) = if profile.clip_format_at_create {
                    (
                        profile.depths[0].ofx_name(),
                        profile.components[0].ofx_name(),
                    )
                } else {
                    ("OfxBitDepthNone", "OfxImageComponentNone")
                };
                for (k, v) in [
                    (ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH, depth),
                    (ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS, comps),
                    (ofx::K_OFX_IMAGE_CLIP_PROP_UNMAPPED_PIXEL_DEPTH, depth),
                    (ofx::K_OFX_IMAGE_CLIP_PROP_UNMAPPED_COMPONENTS, comps),
                    (
                        ofx::K_OFX_IMAGE_EFFECT_PROP_PRE_MULTIPLICATION,
                        "OfxImageAlphaPremultiplied",
                    ),
                    (ofx::K_OFX_IMAGE_CLIP_PROP_FIELD_ORDER, "OfxFieldNone"),
                ] {
                    cp.define(k, s(v));
                }
                cp.define(
                    ofx::K_OFX_IMAGE_PROP_PIXEL_ASPECT_RATIO,
                    Value::Double(vec![1.0]),
                );
                cp.define(
                    ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE,
                    Value::Double(vec![fps]),
                );
                cp.define(
                    ofx::K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RATE,
                    Value::Double(vec![fps]),
                );
                cp.define(
                    ofx::K_OFX_IMAGE_CLIP_PROP_CONNECTED,
                    Value::Int(vec![i32::from(d.is_output() || feed.is_some())]),
                );
                cp.define(
                    ofx::K_OFX_IMAGE_CLIP_PROP_CONTINUOUS_SAMPLES,
                    Value::Int(vec![0]),
                );
                if profile.project_properties {
                    cp.define(
                        ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE,
                        Value::Double(vec![clip_range.0, clip_range.1]),
                    );
                    cp.define(
                        ofx::K_OFX_IMAGE_EFFECT_PROP_UNMAPPED_FRAME_RANGE,
                        Value::Double(vec![unmapped.0, unmapped.1]),
                    );
                }
                if profile.whole_source_frame_range && !d.is_output() {
                    if let Some(path) = feed.as_ref().and_then(|f| f.0.media_path()) {
                        cp.define(
                            ofx::K_OFX_IMAGE_EFFECT_PROP_SRC_FILE_PATH,
                            Value::strings(&[path.to_string_lossy()]),
                        );
                    }
                }
                Arc::new(c)
            })
            .collect();
        *lock(&node.clips) = clips;
        // Params, at their defaults or restored.
        let params: Vec<_> = desc
            .params
            .all()
            .iter()
            .map(|d| Arc::new(d.instantiate()))
            .collect();
        if profile.needs_display_range {
            for prm in &params {
                if !transition::is_host_param(&spec.context, prm) {
                    check_ranges(prm, host);
                }
            }
        }
        if let Some(saved) = &spec.restore {
            for (name, curve) in saved {
                if let Some(prm) = params.iter().find(|p| p.name.to_bytes() == name.as_bytes()) {
                    *lock(&prm.curve) = curve.clone();
                }
            }
        }
        if let Some(t) = &spec.transition {
            transition::drive_param(&params, t.length);
        }
        *lock(&node.params.params) = params;
        let node = Arc::new(node);
        let st = self.send(Call::new(
            ofx::K_OFX_ACTION_CREATE_INSTANCE,
            node.handle(),
            serial,
        ));
        if st.is_error() {
            eprintln!("[test host] CreateInstance of #{serial} returned {st}");
        }
        Ok(Instance {
            plugin: self.clone(),
            node,
            spec,
            create_status: st,
            destroyed: AtomicBool::new(false),
        })
    }
}

/// Resolve clamps int/double params without both a range and a display range.
fn check_ranges(p: &super::params::ParamNode, host: &super::shared::HostShared) {
    let numeric = [
        ofx::K_OFX_PARAM_TYPE_INTEGER,
        ofx::K_OFX_PARAM_TYPE_INTEGER_2D,
        ofx::K_OFX_PARAM_TYPE_INTEGER_3D,
        ofx::K_OFX_PARAM_TYPE_DOUBLE,
        ofx::K_OFX_PARAM_TYPE_DOUBLE_2D,
        ofx::K_OFX_PARAM_TYPE_DOUBLE_3D,
    ];
    if !numeric.contains(&p.ptype.as_c_str())
        || !matches!(p.kind, ValueKind::Int | ValueKind::Double)
    {
        return;
    }
    let declared = |name: &CStr| match p.props.get(name) {
        Some(Value::Int(v)) => v.iter().all(|&x| x != i32::MIN && x != i32::MAX),
        Some(Value::Double(v)) => v.iter().all(|x| x.abs() < f64::MAX),
        _ => false,
    };
    let ok = [
        ofx::K_OFX_PARAM_PROP_MIN,
        ofx::K_OFX_PARAM_PROP_MAX,
        ofx::K_OFX_PARAM_PROP_DISPLAY_MIN,
        ofx::K_OFX_PARAM_PROP_DISPLAY_MAX,
    ]
    .into_iter()
    .all(declared);
    if !ok {
        host.records.violation(format!(
            "param {} lacks a range and display range: Resolve clamps it",
            p.name.to_string_lossy()
        ));
    }
}

impl Instance {
    /// The plugin.
    pub fn plugin(&self) -> &Plugin {
        &self.plugin
    }

    /// Serial number (in records).
    pub fn serial(&self) -> u64 {
        self.node.serial
    }

    /// CreateInstance's reply.
    pub fn create_status(&self) -> Status {
        self.create_status
    }

    /// The instance's property set.
    pub fn props(&self) -> &PropertySet {
        &self.node.props
    }

    /// A clip's property set.
    pub fn clip_props(&self, name: &str) -> Option<Arc<ClipNode>> {
        self.node.clip(name)
    }

    pub(crate) fn send(&self, call: Call<'_>) -> Status {
        self.plugin.send(call)
    }

    pub(crate) fn optional_actions(&self, what: &str) -> Result<(), HostError> {
        let p = self.plugin.host.profile();
        if p.sends_optional_actions {
            Ok(())
        } else {
            Err(HostError::NotOffered {
                profile: p.name.into(),
                what: what.into(),
            })
        }
    }

    /// Value of param `name` at `time`.
    pub fn param_value(&self, name: &str, time: f64) -> Option<ParamValue> {
        self.node.params.get(name).map(|p| p.value_at(time))
    }

    /// Keyframes of param `name` (time, value), in time order.
    pub fn param_keys(&self, name: &str) -> Vec<(f64, ParamValue)> {
        self.node
            .params
            .get(name)
            .map(|p| lock(&p.curve).keys.clone())
            .unwrap_or_default()
    }

    /// A param's properties (label, hint, range, ...).
    pub fn param_props(&self, name: &str) -> Option<Arc<super::params::ParamNode>> {
        self.node.params.get(name)
    }

    /// Every param's value and keys (to restore into another instance).
    pub fn snapshot(&self) -> ParamSnapshot {
        self.node
            .params
            .all()
            .iter()
            .filter(|p| p.props.int(ofx::K_OFX_PARAM_PROP_PERSISTANT).unwrap_or(0) != 0)
            .map(|p| {
                (
                    p.name.to_string_lossy().into_owned(),
                    lock(&p.curve).clone(),
                )
            })
            .collect()
    }

    /// SyncPrivateData (hosts send it before saving a project).
    pub fn sync_private_data(&self) -> Result<Status, HostError> {
        self.optional_actions("SyncPrivateData")?;
        Ok(self.send(Call::new(
            ofx::K_OFX_ACTION_SYNC_PRIVATE_DATA,
            self.node.handle(),
            self.serial(),
        )))
    }

    /// Sends any action with no arguments (e.g. PurgeCaches, Begin/EndInstanceEdit).
    pub fn send_plain(&self, action: &'static CStr) -> Status {
        self.send(Call::new(action, self.node.handle(), self.serial()))
    }

    /// Asks the plugin to abort (the image effect suite's `abort` answers 1).
    pub fn set_abort(&self, abort: bool) {
        self.node.abort.store(abort, Ordering::Relaxed);
    }

    /// Messages posted on this instance.
    pub fn messages(&self) -> Vec<Message> {
        lock(&self.node.host.records.messages)
            .iter()
            .filter(|m| m.instance == self.serial())
            .cloned()
            .collect()
    }

    /// The persistent message showing on this instance, if any.
    pub fn persistent_message(&self) -> Option<Message> {
        lock(&self.node.persistent).clone()
    }

    /// DestroyInstance (also sent on drop); returns the reply the first time.
    pub fn destroy(&self) -> Option<Status> {
        if self.destroyed.swap(true, Ordering::SeqCst) {
            return None;
        }
        Some(self.send(Call::new(
            ofx::K_OFX_ACTION_DESTROY_INSTANCE,
            self.node.handle(),
            self.serial(),
        )))
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.destroy();
    }
}
