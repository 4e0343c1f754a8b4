//! Image-effect objects: effect descriptors and instances, their clips, and the
//! images handed out by `clipGetImage`. Each is `repr(C)` with a magic tag first
//! so a handle from the plugin is checked before it is used.

use super::frames::FrameSource;
use super::params::ParamSetNode;
use super::properties::{PropertySet, Value};
use super::records::{lock, Message};
use super::shared::HostShared;
use super::shared_image::SharedImage;
use ofx_sys as ofx;
use std::ffi::{c_void, CStr, CString};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

const EFFECT_MAGIC: u64 = 0x4f46_5845_4646_4543; // "OFXEFFEC"
const CLIP_MAGIC: u64 = 0x4f46_5843_4c49_5053; // "OFXCLIPS"

macro_rules! handle_fns {
    ($t:ty, $magic:expr) => {
        impl $t {
            /// The handle handed to the plugin.
            pub fn handle(&self) -> *mut c_void {
                self as *const $t as *mut c_void
            }

            /// Resolves a handle; `None` for NULL or a handle of another type.
            ///
            /// # Safety
            /// `h` must be NULL or point to at least 8 readable bytes that, if they hold
            /// this type's magic, start a live object of this type.
            pub unsafe fn from_handle<'a>(h: *const c_void) -> Option<&'a $t> {
                if h.is_null() || !(h as usize).is_multiple_of(std::mem::align_of::<$t>()) {
                    return None;
                }
                let p = h as *const $t;
                // SAFETY: aligned, non-null, 8 readable bytes (caller's contract).
                let magic = unsafe { p.cast::<u64>().read() };
                // SAFETY: the magic matched (caller's contract).
                (magic == $magic).then(|| unsafe { &*p })
            }
        }
    };
}

/// An effect descriptor (Describe / DescribeInContext) or instance.
#[derive(Debug)]
#[repr(C)]
pub struct EffectNode {
    magic: u64,
    /// The effect's properties.
    pub props: PropertySet,
    /// Its parameters.
    pub params: ParamSetNode,
    /// Its clips, in definition order.
    pub clips: Mutex<Vec<Arc<ClipNode>>>,
    /// The host.
    pub host: Arc<HostShared>,
    /// Instance serial number; 0 for descriptors.
    pub serial: u64,
    /// `kOfxImageEffectAbort`'s answer.
    pub abort: AtomicBool,
    /// The persistent message (message suite v2), if any.
    pub persistent: Mutex<Option<Message>>,
}
handle_fns!(EffectNode, EFFECT_MAGIC);

impl EffectNode {
    /// A descriptor (serial 0) or, with `serial > 0`, an instance shell.
    pub fn new(host: &Arc<HostShared>, serial: u64, what: &str) -> EffectNode {
        let instance = serial > 0;
        EffectNode {
            magic: EFFECT_MAGIC,
            props: PropertySet::new(what, !instance),
            params: ParamSetNode::new(host, instance),
            clips: Mutex::new(Vec::new()),
            host: host.clone(),
            serial,
            abort: AtomicBool::new(false),
            persistent: Mutex::new(None),
        }
    }

    /// A clip by name.
    pub fn clip(&self, name: &str) -> Option<Arc<ClipNode>> {
        lock(&self.clips)
            .iter()
            .find(|c| c.name.to_bytes() == name.as_bytes())
            .cloned()
    }

    /// Names of the clips.
    pub fn clip_names(&self) -> Vec<String> {
        lock(&self.clips)
            .iter()
            .map(|c| c.name.to_string_lossy().into_owned())
            .collect()
    }
}

/// A clip descriptor or instance.
#[derive(Debug)]
#[repr(C)]
pub struct ClipNode {
    magic: u64,
    /// Clip name (`Source`, `Output`...).
    pub name: CString,
    /// The clip's properties.
    pub props: PropertySet,
    /// The host.
    pub host: Arc<HostShared>,
    /// Where an input clip's frames come from (None: output, or unconnected).
    pub source: Option<Arc<dyn FrameSource>>,
    /// Serial of the owning instance (0 for descriptors).
    pub instance: u64,
    /// Frame of `source` shown at effect time 0 (0 except on a Transition
    /// instance's `SourceFrom`/`SourceTo`): effect time `t` reads source frame
    /// `t + source_start`.
    pub source_start: usize,
    /// Region of definition (canonical) of the output clip, from the effect's
    /// GetRegionOfDefinition (or the host default).
    pub output_rod: Mutex<Option<[f64; 4]>>,
}
handle_fns!(ClipNode, CLIP_MAGIC);

impl ClipNode {
    /// A clip descriptor with the standard properties.
    pub fn describe(host: &Arc<HostShared>, name: &CStr) -> ClipNode {
        let props = PropertySet::new(format!("clip {}", name.to_string_lossy()), true);
        props.define(
            ofx::K_OFX_PROP_TYPE,
            Value::String(vec![ofx::K_OFX_TYPE_CLIP.to_owned()]),
        );
        props.define(ofx::K_OFX_PROP_NAME, Value::String(vec![name.to_owned()]));
        props.define(ofx::K_OFX_PROP_LABEL, Value::String(vec![name.to_owned()]));
        props.define(
            ofx::K_OFX_PROP_SHORT_LABEL,
            Value::String(vec![name.to_owned()]),
        );
        props.define(
            ofx::K_OFX_PROP_LONG_LABEL,
            Value::String(vec![name.to_owned()]),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_COMPONENTS,
            Value::String(Vec::new()),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS,
            Value::Int(vec![0]),
        );
        props.define(ofx::K_OFX_IMAGE_CLIP_PROP_OPTIONAL, Value::Int(vec![0]));
        props.define(
            ofx::K_OFX_IMAGE_CLIP_PROP_FIELD_EXTRACTION,
            Value::strings(&["OfxImageFieldDoubled"]),
        );
        props.define(ofx::K_OFX_IMAGE_CLIP_PROP_IS_MASK, Value::Int(vec![0]));
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES,
            Value::Int(vec![1]),
        );
        ClipNode {
            magic: CLIP_MAGIC,
            name: name.to_owned(),
            props,
            host: host.clone(),
            source: None,
            instance: 0,
            source_start: 0,
            output_rod: Mutex::new(None),
        }
    }

    /// An instance of this clip descriptor for instance `serial`.
    pub fn instantiate(&self, serial: u64, source: Option<Arc<dyn FrameSource>>) -> ClipNode {
        let props = PropertySet::new(self.props.what().to_owned(), false);
        props.copy_from(&self.props);
        ClipNode {
            magic: CLIP_MAGIC,
            name: self.name.clone(),
            props,
            host: self.host.clone(),
            source,
            instance: serial,
            source_start: 0,
            output_rod: Mutex::new(None),
        }
    }

    /// The source frame this clip shows at effect time `time`: `None` when
    /// `time` is not a whole frame or the frame is outside the source (or the
    /// clip has no source).
    pub fn source_frame(&self, time: f64) -> Option<usize> {
        let n = self.source.as_deref()?.frame_count() as f64;
        let t = time.round();
        let f = t + self.source_start as f64;
        ((time - t).abs() <= 1e-6 && f >= 0.0 && f < n).then_some(f as usize)
    }

    /// True for the output clip.
    pub fn is_output(&self) -> bool {
        self.name.as_c_str() == ofx::K_OFX_IMAGE_EFFECT_OUTPUT_CLIP_NAME
    }
}

/// An image handed to the plugin: its property set (first, so the image handle
/// is also this struct's address) and its pixels.
#[derive(Debug)]
#[repr(C)]
pub struct ImageNode {
    /// `kOfxImageProp*` etc.
    pub props: PropertySet,
    /// The pixels.
    pub image: Arc<SharedImage>,
}

impl ImageNode {
    /// Wraps `image` with its properties; `what` names it in messages.
    pub fn new(image: Arc<SharedImage>, what: String) -> ImageNode {
        ImageNode {
            props: PropertySet::new(what, false),
            image,
        }
    }
}
