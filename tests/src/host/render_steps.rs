//! The individual render-time actions a host sends, each building its
//! arguments and applying the plugin's reply: clip preferences, region of
//! definition, frames needed, identity, regions of interest, sequence
//! begin/end and Render itself.

use super::actions::Call;
use super::context::ActionContext;
use super::effect::ClipNode;
use super::images::{Components, Depth, OwnedImage, RectI};
use super::instance::Instance;
use super::profiles::HostProfile;
use super::properties::{PropertySet, Value};
use super::render::RenderRequest;
use super::sampling;
use super::shared_image::SharedImage;
use super::status::Status;
use ofx_sys as ofx;
use std::ffi::{CStr, CString};
use std::sync::Arc;

/// `prefix` + clip name, for the per-clip outArgs properties.
fn prefixed(prefix: &CStr, clip: &str) -> CString {
    CString::new(format!("{}{clip}", prefix.to_string_lossy())).unwrap_or_default()
}

/// Sets a clip's (mapped and unmapped) depth and components.
pub(crate) fn set_format(props: &PropertySet, depth: Depth, comps: Components) {
    for (k, v) in [
        (ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH, depth.ofx_name()),
        (
            ofx::K_OFX_IMAGE_CLIP_PROP_UNMAPPED_PIXEL_DEPTH,
            depth.ofx_name(),
        ),
        (ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS, comps.ofx_name()),
        (
            ofx::K_OFX_IMAGE_CLIP_PROP_UNMAPPED_COMPONENTS,
            comps.ofx_name(),
        ),
    ] {
        props.set(k, Value::strings(&[v]));
    }
}

/// One render of one request: the instance, the request, its clips and the
/// first non-OK reply seen.
pub(crate) struct Pass<'a> {
    pub inst: &'a Instance,
    pub req: &'a RenderRequest,
    pub profile: HostProfile,
    pub output: Arc<ClipNode>,
    pub inputs: Vec<Arc<ClipNode>>,
    pub first_bad: Status,
}

impl Pass<'_> {
    fn note(&mut self, st: Status) -> Status {
        if !st.is_ok_or_default() && self.first_bad == Status::Ok {
            self.first_bad = st;
        }
        st
    }

    fn ctx(
        &self,
        action: &'static str,
        roi: Option<RectI>,
        output: Option<Arc<SharedImage>>,
    ) -> ActionContext {
        let mut c = ActionContext::new(action, self.inst.node.handle() as usize);
        c.time = Some(self.req.time);
        c.scale = (self.req.scale, self.req.scale);
        c.source_roi = roi;
        c.output = output;
        c
    }

    fn send(&mut self, call: Call<'_>) -> Status {
        let st = self.inst.send(call);
        self.note(st)
    }

    fn call<'c>(&self, action: &'static CStr) -> Call<'c> {
        Call::new(action, self.inst.node.handle(), self.inst.serial())
    }

    fn scale_args(&self, what: &str) -> PropertySet {
        let p = PropertySet::new(what, false);
        p.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![self.req.time]));
        p.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
            Value::Double(vec![self.req.scale, self.req.scale]),
        );
        p
    }

    fn clips(&self) -> Vec<Arc<ClipNode>> {
        std::iter::once(self.output.clone())
            .chain(self.inputs.iter().cloned())
            .collect()
    }

    /// GetClipPreferences, then the host applies the formats the plugin asked
    /// for when it offers them; returns the output clip's format.
    pub fn clip_preferences(&mut self) -> (Depth, Components) {
        let (depth, comps) = (self.req.depth, self.req.components);
        let prefs = PropertySet::new("GetClipPreferences outArgs", false);
        for c in self.clips() {
            set_format(&c.props, depth, comps);
            let name = c.name.to_string_lossy();
            prefs.define(
                &prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_COMPONENTS_PREFIX, &name),
                Value::strings(&[comps.ofx_name()]),
            );
            prefs.define(
                &prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_DEPTH_PREFIX, &name),
                Value::strings(&[depth.ofx_name()]),
            );
            prefs.define(
                &prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_PAR_PREFIX, &name),
                Value::Double(vec![1.0]),
            );
        }
        let fps = self
            .inst
            .spec
            .main_source()
            .map(|s| s.frame_rate())
            .unwrap_or(25.0);
        prefs.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE,
            Value::Double(vec![fps]),
        );
        prefs.define(
            ofx::K_OFX_IMAGE_CLIP_PROP_FIELD_ORDER,
            Value::String(vec![ofx::K_OFX_IMAGE_FIELD_NONE.to_owned()]),
        );
        prefs.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_PRE_MULTIPLICATION,
            Value::String(vec![ofx::K_OFX_IMAGE_PRE_MULTIPLIED.to_owned()]),
        );
        prefs.define(
            ofx::K_OFX_IMAGE_CLIP_PROP_CONTINUOUS_SAMPLES,
            Value::Int(vec![0]),
        );
        prefs.define(ofx::K_OFX_IMAGE_EFFECT_FRAME_VARYING, Value::Int(vec![0]));
        let st = self.send(
            self.call(ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_CLIP_PREFERENCES)
                .output(&prefs),
        );
        if st.is_ok() {
            for c in self.clips() {
                let name = c.name.to_string_lossy();
                let d = prefs
                    .string(&prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_DEPTH_PREFIX, &name))
                    .and_then(|s| Depth::from_ofx(&s));
                let k = prefs
                    .string(&prefixed(
                        ofx::K_OFX_IMAGE_CLIP_PROP_COMPONENTS_PREFIX,
                        &name,
                    ))
                    .and_then(|s| Components::from_ofx(&s));
                // A Transition's clips share one format the plugin may not change.
                let fixed = self.inst.spec.context == super::transition::CONTEXT;
                match (d, k) {
                    (Some(d), Some(k)) if fixed && (d, k) != (depth, comps) => {
                        self.inst.node.host.records.violation(format!("GetClipPreferences asked for {d:?} {k:?} on clip {name} in the Transition context, where the plugin may not change pixel preferences"));
                    }
                    (Some(d), Some(k)) if self.profile.offers(d, k) => {
                        c.props.set(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH, Value::strings(&[d.ofx_name()]));
                        c.props.set(ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS, Value::strings(&[k.ofx_name()]));
                    }
                    _ => self.inst.node.host.records.violation(format!("GetClipPreferences asked for {d:?} {k:?} on clip {name}, which the host does not offer")),
                }
            }
        }
        if let Some((d, k)) = self.req.force_source_format {
            for c in &self.inputs {
                set_format(&c.props, d, k);
            }
        }
        let out = &self.output.props;
        let d = out
            .string(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH)
            .and_then(|s| Depth::from_ofx(&s))
            .unwrap_or(depth);
        let k = out
            .string(ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS)
            .and_then(|s| Components::from_ofx(&s))
            .unwrap_or(comps);
        (d, k)
    }

    /// GetRegionOfDefinition (default: the source's); sets the output clip's RoD
    /// and returns it in pixels at the render scale.
    pub fn region_of_definition(&mut self) -> RectI {
        let spec = &self.inst.spec;
        let src = match (&spec.transition, spec.source.as_deref()) {
            (Some(t), _) => t.rod(self.profile.origin),
            (None, Some(s)) => sampling::canonical_rod(s, self.profile.origin),
            (None, None) => [0.0, 0.0, 1920.0, 1080.0],
        };
        let args = self.scale_args("GetRegionOfDefinition inArgs");
        let out = PropertySet::new("GetRegionOfDefinition outArgs", false);
        out.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_REGION_OF_DEFINITION,
            Value::Double(src.to_vec()),
        );
        let ctx = self.ctx("OfxImageEffectActionGetRegionOfDefinition", None, None);
        let st = self.send(
            self.call(ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_REGION_OF_DEFINITION)
                .input(&args)
                .output(&out)
                .context(ctx),
        );
        let rod = match (
            st,
            out.doubles(ofx::K_OFX_IMAGE_EFFECT_PROP_REGION_OF_DEFINITION),
        ) {
            (Status::Ok, Some(r)) if r.len() == 4 => [r[0], r[1], r[2], r[3]],
            _ => src,
        };
        *super::records::lock(&self.output.output_rod) = Some(rod);
        sampling::to_pixels(rod, self.req.scale)
    }

    /// GetFramesNeeded and IsIdentity (hosts that send them); returns the
    /// identity (clip, time) when the plugin says the output is an input.
    pub fn frames_needed_and_identity(&mut self, window: RectI) -> Option<(String, f64)> {
        let t = self.req.time;
        let fn_out = PropertySet::new("GetFramesNeeded outArgs", false);
        for c in &self.inputs {
            fn_out.define(
                &prefixed(
                    ofx::K_OFX_IMAGE_CLIP_PROP_FRAME_RANGE_PREFIX,
                    &c.name.to_string_lossy(),
                ),
                Value::Double(vec![t, t]),
            );
        }
        let fn_args = PropertySet::new("GetFramesNeeded inArgs", false);
        fn_args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![t]));
        let ctx = self.ctx("OfxImageEffectActionGetFramesNeeded", None, None);
        self.send(
            self.call(ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_FRAMES_NEEDED)
                .input(&fn_args)
                .output(&fn_out)
                .context(ctx),
        );

        let args = self.scale_args("IsIdentity inArgs");
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FIELD_TO_RENDER,
            Value::String(vec![ofx::K_OFX_IMAGE_FIELD_NONE.to_owned()]),
        );
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW,
            Value::Int(window.to_array().to_vec()),
        );
        let out = PropertySet::new("IsIdentity outArgs", false);
        out.define(ofx::K_OFX_PROP_NAME, Value::strings(&[""]));
        out.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![t]));
        let ctx = self.ctx("OfxImageEffectActionIsIdentity", None, None);
        let st = self.send(
            self.call(ofx::K_OFX_IMAGE_EFFECT_ACTION_IS_IDENTITY)
                .input(&args)
                .output(&out)
                .context(ctx),
        );
        st.is_ok().then(|| {
            (
                out.string(ofx::K_OFX_PROP_NAME).unwrap_or_default(),
                out.double(ofx::K_OFX_PROP_TIME).unwrap_or(t),
            )
        })
    }

    /// GetRegionsOfInterest for `window`; returns the source RoI in pixels
    /// (default: the window).
    pub fn region_of_interest(&mut self, window: RectI) -> RectI {
        let args = self.scale_args("GetRegionsOfInterest inArgs");
        let canon = sampling::to_canonical(window, self.req.scale);
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_REGION_OF_INTEREST,
            Value::Double(canon.to_vec()),
        );
        let out = PropertySet::new("GetRegionsOfInterest outArgs", false);
        for c in &self.inputs {
            out.define(
                &prefixed(
                    ofx::K_OFX_IMAGE_CLIP_PROP_ROI_PREFIX,
                    &c.name.to_string_lossy(),
                ),
                Value::Double(canon.to_vec()),
            );
        }
        let ctx = self.ctx("OfxImageEffectActionGetRegionsOfInterest", None, None);
        let st = self.send(
            self.call(ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_REGIONS_OF_INTEREST)
                .input(&args)
                .output(&out)
                .context(ctx),
        );
        let first = self.inputs.first().map(|c| {
            prefixed(
                ofx::K_OFX_IMAGE_CLIP_PROP_ROI_PREFIX,
                &c.name.to_string_lossy(),
            )
        });
        first
            .and_then(|name| out.doubles(&name))
            .filter(|r| r.len() == 4 && st.is_ok())
            .map(|r| sampling::to_pixels([r[0], r[1], r[2], r[3]], self.req.scale))
            .unwrap_or(window)
    }

    /// Begin- or EndSequenceRender for this one frame.
    pub fn sequence(&mut self, action: &'static CStr, name: &'static str) {
        let seq = self.scale_args("SequenceRender inArgs");
        seq.remove(ofx::K_OFX_PROP_TIME);
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE,
            Value::Double(vec![self.req.time, self.req.time]),
        );
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_STEP,
            Value::Double(vec![1.0]),
        );
        seq.define(ofx::K_OFX_PROP_IS_INTERACTIVE, Value::Int(vec![0]));
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SEQUENTIAL_RENDER_STATUS,
            Value::Int(vec![0]),
        );
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_INTERACTIVE_RENDER_STATUS,
            Value::Int(vec![0]),
        );
        let ctx = self.ctx(name, None, None);
        self.send(self.call(action).input(&seq).context(ctx));
    }

    /// Render of one window into a fresh output image (prefilled with 0xA5 so
    /// unwritten pixels show); returns the image when the plugin said OK.
    pub fn render_window(
        &mut self,
        window: RectI,
        roi: RectI,
        format: (Depth, Components),
    ) -> Option<Arc<SharedImage>> {
        let layout = super::images::RowLayout {
            padding: self.profile.row_padding,
            negative: self.profile.negative_row_bytes,
        };
        let mut out = OwnedImage::new(format.0, format.1, window, layout);
        for y in window.y1..window.y2 {
            for x in window.x1..window.x2 {
                if let Some(px) = out.pixel_mut(x, y) {
                    px.fill(0xA5);
                }
            }
        }
        let shared = Arc::new(SharedImage::new(out));
        let args = self.scale_args("Render inArgs");
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FIELD_TO_RENDER,
            Value::String(vec![ofx::K_OFX_IMAGE_FIELD_NONE.to_owned()]),
        );
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW,
            Value::Int(window.to_array().to_vec()),
        );
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SEQUENTIAL_RENDER_STATUS,
            Value::Int(vec![0]),
        );
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_INTERACTIVE_RENDER_STATUS,
            Value::Int(vec![0]),
        );
        args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_QUALITY_DRAFT,
            Value::Int(vec![0]),
        );
        let ctx = self.ctx(
            "OfxImageEffectActionRender",
            Some(roi),
            Some(shared.clone()),
        );
        // Plugin threads outside the multithread suite find the render here.
        let host = self.inst.node.host.clone();
        let ticket = host.begin_render(self.inst.serial(), ctx.clone());
        let st = self.send(
            self.call(ofx::K_OFX_IMAGE_EFFECT_ACTION_RENDER)
                .input(&args)
                .context(ctx),
        );
        host.end_render(ticket);
        st.is_ok().then_some(shared)
    }
}
