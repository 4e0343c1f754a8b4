//! The effect instance as effect code sees it during one action: clips,
//! params, messages, abort; and the clip-preferences and regions-of-interest
//! out arguments.

use std::ffi::{c_void, CStr, CString};

use ofx_sys::*;

use super::clip::Clip;
use super::effect::Context;
use super::error::{OfxError, OfxResult};
use super::message::{self, Severity};
use super::params::{EditBlock, Param};
use super::pixel::{Components, PixelDepth};
use super::progress::Progress;
use super::property::PropertySet;
use super::suites::{suite_fn, Suites};

/// An effect instance, valid for the duration of the current action.
#[derive(Debug)]
pub struct Instance {
    handle: OfxImageEffectHandle,
    suites: &'static Suites,
    props: PropertySet,
}

impl Instance {
    pub(crate) fn new(handle: OfxImageEffectHandle, suites: &'static Suites) -> OfxResult<Self> {
        if handle.is_null() {
            return Err(OfxError::NullHandle("image effect"));
        }
        let f = suite_fn!(suites.image_effect, getPropertySet)?;
        let mut props: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: live effect handle from the host and a live out slot.
        OfxError::check("getPropertySet", unsafe { f(handle, &mut props) })?;
        Ok(Self {
            handle,
            suites,
            props: PropertySet::new(props, suites.property)?,
        })
    }

    /// The instance's properties.
    pub fn props(&self) -> &PropertySet {
        &self.props
    }

    /// The context the instance was created in.
    pub fn context(&self) -> OfxResult<Option<Context>> {
        self.props
            .get_string(K_OFX_IMAGE_EFFECT_PROP_CONTEXT, 0)?
            .map(|s| Context::parse(&s))
            .transpose()
    }

    /// A clip by name.
    pub fn clip(&self, name: &CStr) -> OfxResult<Clip> {
        Clip::fetch(self.suites, self.handle, name)
    }

    fn param_set(&self) -> OfxResult<OfxParamSetHandle> {
        let f = suite_fn!(self.suites.image_effect, getParamSet)?;
        let mut set: OfxParamSetHandle = std::ptr::null_mut();
        // SAFETY: live effect handle and out slot.
        OfxError::check("getParamSet", unsafe { f(self.handle, &mut set) })?;
        Ok(set)
    }

    /// A parameter by name.
    pub fn param(&self, name: &'static CStr) -> OfxResult<Param> {
        Param::fetch(self.suites.param, self.param_set()?, name)
    }

    /// Starts an undo block for param writes (InstanceChanged only); ends on drop.
    pub fn edit_block(&self, label: &str) -> OfxResult<EditBlock> {
        EditBlock::begin(self.suites.param, self.param_set()?, label)
    }

    /// True when the host asks to stop the current processing.
    pub fn aborted(&self) -> bool {
        match suite_fn!(self.suites.image_effect, abort) {
            // SAFETY: live effect handle.
            Ok(abort) => unsafe { abort(self.handle) != 0 },
            Err(_) => false,
        }
    }

    /// Starts a progress bar (v2 suite preferred, v1 otherwise); `None` when
    /// the host has no working progress suite. Ends when dropped.
    pub fn progress(&self, label: &str) -> OfxResult<Option<Progress>> {
        Progress::start(self.suites, self.handle.cast::<c_void>(), label)
    }

    /// Shows a message on this instance (persistent when the host can).
    pub fn post_message(&self, severity: Severity, text: &str) -> bool {
        message::post(
            self.suites,
            self.handle.cast::<c_void>(),
            true,
            severity,
            text,
        )
    }

    /// Clears this instance's persistent message.
    pub fn clear_message(&self) {
        message::clear(self.suites, self.handle.cast::<c_void>());
    }
}

/// The out arguments of GetClipPreferences.
#[derive(Debug)]
pub struct ClipPreferences {
    out: PropertySet,
}

fn prefixed(prefix: &CStr, clip: &CStr) -> CString {
    let mut bytes = prefix.to_bytes().to_vec();
    bytes.extend_from_slice(clip.to_bytes());
    CString::new(bytes).expect("no interior NUL in C strings")
}

impl ClipPreferences {
    pub(crate) fn new(out: PropertySet) -> Self {
        Self { out }
    }

    /// Components wanted on `clip`.
    pub fn set_components(&self, clip: &CStr, components: Components) -> OfxResult<()> {
        self.out.set_cstr(
            &prefixed(K_OFX_IMAGE_CLIP_PROP_COMPONENTS_PREFIX, clip),
            0,
            components.as_cstr(),
        )
    }

    /// Depth wanted on `clip`.
    pub fn set_depth(&self, clip: &CStr, depth: PixelDepth) -> OfxResult<()> {
        self.out.set_cstr(
            &prefixed(K_OFX_IMAGE_CLIP_PROP_DEPTH_PREFIX, clip),
            0,
            depth.as_cstr(),
        )
    }

    /// Pixel aspect ratio of `clip`.
    pub fn set_pixel_aspect_ratio(&self, clip: &CStr, par: f64) -> OfxResult<()> {
        self.out
            .set_double(&prefixed(K_OFX_IMAGE_CLIP_PROP_PAR_PREFIX, clip), 0, par)
    }

    /// The output changes from frame to frame even with constant inputs.
    pub fn set_frame_varying(&self, varying: bool) -> OfxResult<()> {
        self.out
            .set_int(K_OFX_IMAGE_EFFECT_FRAME_VARYING, 0, varying.into())
    }
}

/// The out arguments of GetRegionsOfInterest: per input clip, the region the
/// effect needs to render the requested output region.
#[derive(Debug)]
pub struct RegionsOfInterest {
    out: PropertySet,
}

impl RegionsOfInterest {
    pub(crate) fn new(out: PropertySet) -> Self {
        Self { out }
    }

    /// `clip`'s region of interest (`OfxImageClipPropRoI_<clip>`), in
    /// canonical coordinates.
    pub fn set(&self, clip: &CStr, region: OfxRectD) -> OfxResult<()> {
        self.out.set_doubles(
            &prefixed(K_OFX_IMAGE_CLIP_PROP_ROI_PREFIX, clip),
            &[region.x1, region.y1, region.x2, region.y2],
        )
    }
}
