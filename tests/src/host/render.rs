//! Rendering a frame the way the profile's host does: clip preferences, region
//! of definition, identity and frames-needed queries (hosts that send them),
//! regions of interest, then Begin/Render (per tile or window)/EndSequenceRender.

use super::actions::Call;
use super::context::ActionContext;
use super::error::HostError;
use super::images::{Components, Depth, OwnedImage, RectI, RowLayout};
use super::instance::Instance;
use super::profiles::Windows;
use super::properties::{PropertySet, Value};
use super::records::lock;
use super::sampling;
use super::shared_image::SharedImage;
use super::status::Status;
use ofx_sys as ofx;
use std::ffi::CString;
use std::sync::Arc;

/// What to render.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// Frame time.
    pub time: f64,
    /// Output (and, normally, source) pixel depth.
    pub depth: Depth,
    /// Output (and, normally, source) components.
    pub components: Components,
    /// Render scale (1.0, 0.5...).
    pub scale: f64,
    /// Pixel window at that scale; `None`: the whole region of definition.
    pub window: Option<RectI>,
    /// Hand the source clip this format after the clip preferences, whatever the
    /// plugin asked (a host misbehaving, to check that the plugin declines cleanly).
    pub force_source_format: Option<(Depth, Components)>,
}

impl RenderRequest {
    /// The whole frame at `time`, scale 1.
    pub fn new(time: f64, depth: Depth, components: Components) -> RenderRequest {
        RenderRequest {
            time,
            depth,
            components,
            scale: 1.0,
            window: None,
            force_source_format: None,
        }
    }
}

/// The result of a render.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The output pixels over the requested window (plain layout).
    pub image: OwnedImage,
    /// The first non-OK reply among the render actions (OK when all went well).
    pub status: Status,
    /// The windows Render was called with.
    pub windows: Vec<RectI>,
    /// When IsIdentity said so: (clip name, time) that was copied instead of rendering.
    pub identity: Option<(String, f64)>,
}

fn set_format(props: &PropertySet, depth: Depth, comps: Components) {
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

fn prefixed(prefix: &std::ffi::CStr, clip: &str) -> CString {
    CString::new(format!("{}{clip}", prefix.to_string_lossy())).unwrap_or_default()
}

fn tiles(window: RectI, n: usize) -> Vec<RectI> {
    let n = n.max(1) as i32;
    let mut out = Vec::new();
    let mut y = window.y1;
    while y < window.y2 {
        let mut x = window.x1;
        while x < window.x2 {
            out.push(RectI::new(
                x,
                y,
                (x + n).min(window.x2),
                (y + n).min(window.y2),
            ));
            x += n;
        }
        y += n;
    }
    out
}

impl Instance {
    /// Renders the whole frame at `time`, scale 1, split as the profile does.
    pub fn render(
        &self,
        time: f64,
        depth: Depth,
        components: Components,
    ) -> Result<Rendered, HostError> {
        self.render_request(&RenderRequest::new(time, depth, components))
    }

    /// What a pixel-exact passthrough of `req` must produce: the source pixels.
    pub fn expected_passthrough(&self, req: &RenderRequest) -> Result<OwnedImage, HostError> {
        let src = self
            .spec
            .source
            .as_deref()
            .ok_or_else(|| HostError::Missing("no source clip".into()))?;
        let origin = self.plugin.host.profile().origin;
        let rod = sampling::pixel_rod(src, origin, req.scale);
        let window = req.window.unwrap_or(rod);
        sampling::source_pixels(
            src,
            origin,
            req.time.round() as usize,
            req.scale,
            req.depth,
            req.components,
            window,
            RowLayout::default(),
        )
    }

    /// Renders `req` through the profile's action sequence.
    pub fn render_request(&self, req: &RenderRequest) -> Result<Rendered, HostError> {
        let host = self.plugin.host.clone();
        let profile = host.profile().clone();
        if !profile.offers(req.depth, req.components) {
            return Err(HostError::NotOffered {
                profile: profile.name.into(),
                what: format!("{:?} {:?}", req.depth, req.components),
            });
        }
        let h = self.node.handle();
        let serial = self.serial();
        let out_clip = self
            .node
            .clip("Output")
            .ok_or_else(|| HostError::Missing("no Output clip".into()))?;
        let inputs: Vec<_> = crate::host::records::lock(&self.node.clips)
            .iter()
            .filter(|c| !c.is_output())
            .cloned()
            .collect();
        let ctx = |action: &'static str, roi: Option<RectI>, output: Option<Arc<SharedImage>>| {
            let mut c = ActionContext::new(action, h as usize);
            c.time = Some(req.time);
            c.scale = (req.scale, req.scale);
            c.source_roi = roi;
            c.output = output;
            c
        };
        let mut first_bad = Status::Ok;
        let mut note = |st: Status| {
            if !st.is_ok_or_default() && first_bad == Status::Ok {
                first_bad = st;
            }
        };

        // Clip preferences.
        for c in std::iter::once(&out_clip).chain(inputs.iter()) {
            set_format(&c.props, req.depth, req.components);
        }
        let prefs = PropertySet::new("GetClipPreferences outArgs", false);
        for c in std::iter::once(&out_clip).chain(inputs.iter()) {
            let name = c.name.to_string_lossy();
            prefs.define(
                &prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_COMPONENTS_PREFIX, &name),
                Value::strings(&[req.components.ofx_name()]),
            );
            prefs.define(
                &prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_DEPTH_PREFIX, &name),
                Value::strings(&[req.depth.ofx_name()]),
            );
            prefs.define(
                &prefixed(ofx::K_OFX_IMAGE_CLIP_PROP_PAR_PREFIX, &name),
                Value::Double(vec![1.0]),
            );
        }
        let fps = self
            .spec
            .source
            .as_deref()
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
            Call::new(
                ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_CLIP_PREFERENCES,
                h,
                serial,
            )
            .output(&prefs),
        );
        note(st);
        if st.is_ok() {
            for c in std::iter::once(&out_clip).chain(inputs.iter()) {
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
                match (d, k) {
                    (Some(d), Some(k)) if profile.offers(d, k) => {
                        c.props.set(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH, Value::strings(&[d.ofx_name()]));
                        c.props.set(ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS, Value::strings(&[k.ofx_name()]));
                    }
                    _ => host.shared().records.violation(format!("GetClipPreferences asked for {d:?} {k:?} on clip {name}, which the host does not offer")),
                }
            }
        }
        if let Some((d, k)) = req.force_source_format {
            for c in &inputs {
                set_format(&c.props, d, k);
            }
        }
        let out_depth = out_clip
            .props
            .string(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH)
            .and_then(|s| Depth::from_ofx(&s))
            .unwrap_or(req.depth);
        let out_comps = out_clip
            .props
            .string(ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS)
            .and_then(|s| Components::from_ofx(&s))
            .unwrap_or(req.components);

        // Region of definition.
        let src_rod = self
            .spec
            .source
            .as_deref()
            .map(|s| sampling::canonical_rod(s, profile.origin))
            .unwrap_or([0.0, 0.0, 1920.0, 1080.0]);
        let rod_args = PropertySet::new("GetRegionOfDefinition inArgs", false);
        rod_args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![req.time]));
        rod_args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
            Value::Double(vec![req.scale, req.scale]),
        );
        let rod_out = PropertySet::new("GetRegionOfDefinition outArgs", false);
        rod_out.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_REGION_OF_DEFINITION,
            Value::Double(src_rod.to_vec()),
        );
        let st = self.send(
            Call::new(
                ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_REGION_OF_DEFINITION,
                h,
                serial,
            )
            .input(&rod_args)
            .output(&rod_out)
            .context(ctx("OfxImageEffectActionGetRegionOfDefinition", None, None)),
        );
        note(st);
        let rod = match (
            st,
            rod_out.doubles(ofx::K_OFX_IMAGE_EFFECT_PROP_REGION_OF_DEFINITION),
        ) {
            (Status::Ok, Some(r)) if r.len() == 4 => [r[0], r[1], r[2], r[3]],
            _ => src_rod,
        };
        *lock(&out_clip.output_rod) = Some(rod);
        let pixel_rod = sampling::to_pixels(rod, req.scale);
        let window = req.window.unwrap_or(pixel_rod);

        // Optional queries.
        let mut identity = None;
        if profile.sends_optional_actions {
            let fn_out = PropertySet::new("GetFramesNeeded outArgs", false);
            for c in &inputs {
                fn_out.define(
                    &prefixed(
                        ofx::K_OFX_IMAGE_CLIP_PROP_FRAME_RANGE_PREFIX,
                        &c.name.to_string_lossy(),
                    ),
                    Value::Double(vec![req.time, req.time]),
                );
            }
            let fn_args = PropertySet::new("GetFramesNeeded inArgs", false);
            fn_args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![req.time]));
            note(
                self.send(
                    Call::new(ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_FRAMES_NEEDED, h, serial)
                        .input(&fn_args)
                        .output(&fn_out)
                        .context(ctx("OfxImageEffectActionGetFramesNeeded", None, None)),
                ),
            );

            let id_args = PropertySet::new("IsIdentity inArgs", false);
            id_args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![req.time]));
            id_args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_FIELD_TO_RENDER,
                Value::String(vec![ofx::K_OFX_IMAGE_FIELD_NONE.to_owned()]),
            );
            id_args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW,
                Value::Int(window.to_array().to_vec()),
            );
            id_args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
                Value::Double(vec![req.scale, req.scale]),
            );
            let id_out = PropertySet::new("IsIdentity outArgs", false);
            id_out.define(ofx::K_OFX_PROP_NAME, Value::strings(&[""]));
            id_out.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![req.time]));
            let st = self.send(
                Call::new(ofx::K_OFX_IMAGE_EFFECT_ACTION_IS_IDENTITY, h, serial)
                    .input(&id_args)
                    .output(&id_out)
                    .context(ctx("OfxImageEffectActionIsIdentity", None, None)),
            );
            note(st);
            if st.is_ok() {
                identity = Some((
                    id_out.string(ofx::K_OFX_PROP_NAME).unwrap_or_default(),
                    id_out.double(ofx::K_OFX_PROP_TIME).unwrap_or(req.time),
                ));
            }
        }
        if let Some((clip, t)) = &identity {
            let src = self
                .spec
                .source
                .as_deref()
                .filter(|_| self.node.clip(clip).is_some_and(|c| !c.is_output()));
            let Some(src) = src else {
                host.shared().records.violation(format!(
                    "IsIdentity named clip {clip:?}, which is not an input clip"
                ));
                return Err(HostError::Missing(format!("identity clip {clip}")));
            };
            let image = sampling::source_pixels(
                src,
                profile.origin,
                t.round() as usize,
                req.scale,
                out_depth,
                out_comps,
                window,
                RowLayout::default(),
            )?;
            return Ok(Rendered {
                image,
                status: first_bad,
                windows: Vec::new(),
                identity,
            });
        }

        // Windows: tiles when both sides support them.
        let plugin_tiles = self
            .node
            .props
            .int(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES)
            .unwrap_or(1)
            != 0;
        let windows = match profile.windows {
            Windows::Tiles(n) if profile.tiles && plugin_tiles => tiles(window, n),
            _ => vec![window],
        };

        // Sequence.
        let seq = PropertySet::new("SequenceRender inArgs", false);
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE,
            Value::Double(vec![req.time, req.time]),
        );
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_STEP,
            Value::Double(vec![1.0]),
        );
        seq.define(ofx::K_OFX_PROP_IS_INTERACTIVE, Value::Int(vec![0]));
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
            Value::Double(vec![req.scale, req.scale]),
        );
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SEQUENTIAL_RENDER_STATUS,
            Value::Int(vec![0]),
        );
        seq.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_INTERACTIVE_RENDER_STATUS,
            Value::Int(vec![0]),
        );
        let mut result = OwnedImage::new(out_depth, out_comps, window, RowLayout::default());
        let mut rois = Vec::new();
        for w in &windows {
            let roi_args = PropertySet::new("GetRegionsOfInterest inArgs", false);
            roi_args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![req.time]));
            roi_args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
                Value::Double(vec![req.scale, req.scale]),
            );
            let canon = sampling::to_canonical(*w, req.scale);
            roi_args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_REGION_OF_INTEREST,
                Value::Double(canon.to_vec()),
            );
            let roi_out = PropertySet::new("GetRegionsOfInterest outArgs", false);
            for c in &inputs {
                roi_out.define(
                    &prefixed(
                        ofx::K_OFX_IMAGE_CLIP_PROP_ROI_PREFIX,
                        &c.name.to_string_lossy(),
                    ),
                    Value::Double(canon.to_vec()),
                );
            }
            let st = self.send(
                Call::new(
                    ofx::K_OFX_IMAGE_EFFECT_ACTION_GET_REGIONS_OF_INTEREST,
                    h,
                    serial,
                )
                .input(&roi_args)
                .output(&roi_out)
                .context(ctx(
                    "OfxImageEffectActionGetRegionsOfInterest",
                    None,
                    None,
                )),
            );
            note(st);
            let roi = inputs
                .first()
                .and_then(|c| {
                    roi_out.doubles(&prefixed(
                        ofx::K_OFX_IMAGE_CLIP_PROP_ROI_PREFIX,
                        &c.name.to_string_lossy(),
                    ))
                })
                .filter(|r| r.len() == 4 && st.is_ok())
                .map(|r| sampling::to_pixels([r[0], r[1], r[2], r[3]], req.scale))
                .unwrap_or(*w);
            rois.push(roi);
        }
        note(
            self.send(
                Call::new(
                    ofx::K_OFX_IMAGE_EFFECT_ACTION_BEGIN_SEQUENCE_RENDER,
                    h,
                    serial,
                )
                .input(&seq)
                .context(ctx(
                    "OfxImageEffectActionBeginSequenceRender",
                    None,
                    None,
                )),
            ),
        );
        let layout = RowLayout {
            padding: profile.row_padding,
            negative: profile.negative_row_bytes,
        };
        for (w, roi) in windows.iter().zip(&rois) {
            let mut out = OwnedImage::new(out_depth, out_comps, *w, layout);
            // Unwritten pixels show up as this pattern in comparisons.
            for y in w.y1..w.y2 {
                for x in w.x1..w.x2 {
                    if let Some(px) = out.pixel_mut(x, y) {
                        px.fill(0xA5);
                    }
                }
            }
            let shared = Arc::new(SharedImage::new(out));
            let args = PropertySet::new("Render inArgs", false);
            args.define(ofx::K_OFX_PROP_TIME, Value::Double(vec![req.time]));
            args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_FIELD_TO_RENDER,
                Value::String(vec![ofx::K_OFX_IMAGE_FIELD_NONE.to_owned()]),
            );
            args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW,
                Value::Int(w.to_array().to_vec()),
            );
            args.define(
                ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
                Value::Double(vec![req.scale, req.scale]),
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
            let st = self.send(
                Call::new(ofx::K_OFX_IMAGE_EFFECT_ACTION_RENDER, h, serial)
                    .input(&args)
                    .context(ctx(
                        "OfxImageEffectActionRender",
                        Some(*roi),
                        Some(shared.clone()),
                    )),
            );
            note(st);
            if st.is_ok() {
                let img = shared.image();
                for y in w.y1..w.y2 {
                    for x in w.x1..w.x2 {
                        if let (Some(src), Some(dst)) = (img.pixel(x, y), result.pixel_mut(x, y)) {
                            dst.copy_from_slice(src);
                        }
                    }
                }
            }
        }
        note(
            self.send(
                Call::new(
                    ofx::K_OFX_IMAGE_EFFECT_ACTION_END_SEQUENCE_RENDER,
                    h,
                    serial,
                )
                .input(&seq)
                .context(ctx("OfxImageEffectActionEndSequenceRender", None, None)),
            ),
        );
        Ok(Rendered {
            image: result,
            status: first_bad,
            windows,
            identity: None,
        })
    }
}
