//! State shared by every object of one loaded host: the profile, the host
//! property set (whose address is `OfxHost::host`), the logs, and the
//! bookkeeping of images and memory handed to the plugin.

use super::context::ActionContext;
use super::profiles::HostProfile;
use super::properties::{PropertySet, Value};
use super::records::{lock, Records};
use ofx_sys as ofx;
use std::ffi::c_void;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// One host's shared state. `props` comes first so that the `OfxHost::host`
/// handle (the address of `props`) is also the address of this struct.
#[derive(Debug)]
#[repr(C)]
pub struct HostShared {
    /// The host descriptor's properties (`OfxHost::host`).
    pub props: PropertySet,
    /// The behaviour being imitated.
    pub profile: HostProfile,
    /// Logs.
    pub records: Records,
    /// When set, `progressUpdate` replies `kOfxStatReplyNo` from the Nth update on.
    pub cancel_after: Mutex<Option<usize>>,
    /// Number of `progressUpdate` calls so far.
    pub progress_updates: AtomicUsize,
    /// The timeline's current time (timeline suite; also `paramGetValue`'s time).
    pub timeline_time: Mutex<f64>,
    /// The timeline's bounds (first, last frame).
    pub timeline_bounds: Mutex<(f64, f64)>,
    /// Serial numbers for instances (0 means "no instance").
    pub next_serial: AtomicU64,
    /// Renders in progress: (ticket, instance serial, context), for suite calls
    /// from plugin threads the host did not start.
    in_flight: Mutex<Vec<(u64, u64, ActionContext)>>,
}

impl HostShared {
    /// A host imitating `profile`.
    pub fn new(profile: HostProfile) -> HostShared {
        let props = PropertySet::new("host", false);
        let s = |v: &str| Value::strings(&[v]);
        let b = |v: bool| Value::Int(vec![i32::from(v)]);
        props.define(
            ofx::K_OFX_PROP_TYPE,
            Value::String(vec![ofx::K_OFX_TYPE_IMAGE_EFFECT_HOST.to_owned()]),
        );
        props.define(
            ofx::K_OFX_PROP_NAME,
            s(&format!("org.circletake.testhost.{}", profile.name)),
        );
        props.define(ofx::K_OFX_PROP_LABEL, s(profile.label));
        props.define(ofx::K_OFX_PROP_VERSION, Value::Int(vec![1, 0, 0]));
        props.define(ofx::K_OFX_PROP_VERSION_LABEL, s("1.0"));
        props.define(ofx::K_OFX_PROP_API_VERSION, Value::Int(vec![1, 5]));
        props.define(ofx::K_OFX_IMAGE_EFFECT_HOST_PROP_IS_BACKGROUND, b(false));
        props.define(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_OVERLAYS, b(false));
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTI_RESOLUTION,
            b(profile.multi_resolution),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES,
            b(profile.tiles),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS,
            b(profile.temporal_access),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_COMPONENTS,
            Value::strings(
                &profile
                    .components
                    .iter()
                    .map(|c| c.ofx_name())
                    .collect::<Vec<_>>(),
            ),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_PIXEL_DEPTHS,
            Value::strings(
                &profile
                    .depths
                    .iter()
                    .map(|d| d.ofx_name())
                    .collect::<Vec<_>>(),
            ),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS,
            Value::strings(&profile.contexts),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTIPLE_CLIP_DEPTHS,
            b(false),
        );
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTIPLE_CLIP_PARS,
            b(false),
        );
        props.define(ofx::K_OFX_IMAGE_EFFECT_PROP_SETABLE_FRAME_RATE, b(false));
        props.define(ofx::K_OFX_IMAGE_EFFECT_PROP_SETABLE_FIELDING, b(false));
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_INSTANCE_PROP_SEQUENTIAL_RENDER,
            Value::Int(vec![0]),
        );
        props.define(ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_QUALITY_DRAFT, b(false));
        props.define(
            ofx::K_OFX_IMAGE_EFFECT_HOST_PROP_NATIVE_ORIGIN,
            Value::String(vec![ofx::K_OFX_HOST_NATIVE_ORIGIN_BOTTOM_LEFT.to_owned()]),
        );
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_SUPPORTS_CUSTOM_INTERACT,
            b(false),
        );
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_SUPPORTS_STRING_ANIMATION,
            b(false),
        );
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_SUPPORTS_BOOLEAN_ANIMATION,
            b(true),
        );
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_SUPPORTS_CHOICE_ANIMATION,
            b(true),
        );
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_SUPPORTS_CUSTOM_ANIMATION,
            b(false),
        );
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_MAX_PARAMETERS,
            Value::Int(vec![-1]),
        );
        props.define(ofx::K_OFX_PARAM_HOST_PROP_MAX_PAGES, Value::Int(vec![0]));
        props.define(
            ofx::K_OFX_PARAM_HOST_PROP_PAGE_ROW_COLUMN_COUNT,
            Value::Int(vec![0, 0]),
        );
        props.define(ofx::K_OFX_PROP_HOST_OS_HANDLE, Value::Pointer(vec![0]));
        HostShared {
            props,
            profile,
            records: Records::default(),
            cancel_after: Mutex::new(None),
            progress_updates: AtomicUsize::new(0),
            timeline_time: Mutex::new(0.0),
            timeline_bounds: Mutex::new((0.0, 0.0)),
            next_serial: AtomicU64::new(1),
            in_flight: Mutex::new(Vec::new()),
        }
    }

    /// The `OfxHost::host` handle.
    pub fn handle(&self) -> *mut c_void {
        self.props.handle()
    }

    /// Resolves `OfxHost::host` back to the host.
    ///
    /// # Safety
    /// As [`PropertySet::from_handle`]; a property set named "host" must be the
    /// `props` of a live `HostShared` (always true: only `HostShared::new` names a set so).
    pub unsafe fn from_handle<'a>(h: *const c_void) -> Option<&'a HostShared> {
        // SAFETY: forwarded contract.
        let props = unsafe { PropertySet::from_handle(h) }?;
        if props.what() != "host" {
            return None;
        }
        // SAFETY: `props` is the first field of a repr(C) HostShared (see above).
        Some(unsafe { &*(props as *const PropertySet as *const HostShared) })
    }

    /// A new instance serial number.
    pub fn serial(&self) -> u64 {
        self.next_serial.fetch_add(1, Ordering::Relaxed)
    }

    /// Registers a render in progress; returns its ticket for [`HostShared::end_render`].
    pub fn begin_render(&self, instance: u64, ctx: ActionContext) -> u64 {
        static TICKETS: AtomicU64 = AtomicU64::new(1);
        let ticket = TICKETS.fetch_add(1, Ordering::Relaxed);
        lock(&self.in_flight).push((ticket, instance, ctx));
        ticket
    }

    /// Ends a render registered with [`HostShared::begin_render`].
    pub fn end_render(&self, ticket: u64) {
        lock(&self.in_flight).retain(|(t, _, _)| *t != ticket);
    }

    /// The render of `instance` at `time` in progress, if exactly one matches.
    pub fn render_in_flight(&self, instance: u64, time: f64) -> Option<ActionContext> {
        let all = lock(&self.in_flight);
        let mut found = all
            .iter()
            .filter(|(_, i, c)| *i == instance && c.time == Some(time));
        match (found.next(), found.next()) {
            (Some((_, _, c)), None) => Some(c.clone()),
            _ => None,
        }
    }

    /// The current timeline time.
    pub fn time(&self) -> f64 {
        *lock(&self.timeline_time)
    }
}
