//! Describe-time wrappers: the effect descriptor, the per-context
//! descriptor and clip descriptors.

use std::ffi::CStr;

use ofx_sys::*;

use super::error::{OfxError, OfxResult};
use super::pixel::Components;
use super::property::PropertySet;
use super::suites::{suite_fn, Suites};

/// The effect descriptor of Describe.
#[derive(Debug)]
pub struct EffectDescriptor {
    props: PropertySet,
}

impl EffectDescriptor {
    pub(crate) fn new(props: PropertySet) -> Self {
        Self { props }
    }

    /// The descriptor's properties.
    pub fn props(&self) -> &PropertySet {
        &self.props
    }
}

/// The descriptor of DescribeInContext: defines clips.
#[derive(Debug)]
pub struct ContextDescriptor {
    handle: OfxImageEffectHandle,
    suites: &'static Suites,
    props: PropertySet,
}

impl ContextDescriptor {
    pub(crate) fn new(
        handle: OfxImageEffectHandle,
        suites: &'static Suites,
        props: PropertySet,
    ) -> Self {
        Self {
            handle,
            suites,
            props,
        }
    }

    /// The descriptor's properties.
    pub fn props(&self) -> &PropertySet {
        &self.props
    }

    /// Defines a clip named `name` (e.g. `Source`, `Output`).
    pub fn define_clip(&self, name: &CStr) -> OfxResult<ClipDescriptor> {
        let f = suite_fn!(self.suites.image_effect, clipDefine)?;
        let mut props: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: the descriptor handle the host passed to this action, a
        // NUL-terminated name and a live out slot.
        let status = unsafe { f(self.handle, name.as_ptr(), &mut props) };
        OfxError::check("clipDefine", status)?;
        Ok(ClipDescriptor {
            props: PropertySet::new(props, self.suites.property)?,
        })
    }
}

/// A clip being described.
#[derive(Debug)]
pub struct ClipDescriptor {
    props: PropertySet,
}

impl ClipDescriptor {
    /// Components accepted on the clip.
    pub fn supported_components(&self, components: &[Components]) -> OfxResult<&Self> {
        let list: Vec<&CStr> = components.iter().map(|c| c.as_cstr()).collect();
        self.props
            .set_cstrs(K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_COMPONENTS, &list)?;
        Ok(self)
    }

    /// Images are fetched at other times than the render time.
    pub fn temporal_access(&self, on: bool) -> OfxResult<&Self> {
        self.props
            .set_int(K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS, 0, on.into())?;
        Ok(self)
    }

    /// Tiles accepted on this clip.
    pub fn supports_tiles(&self, on: bool) -> OfxResult<&Self> {
        self.props
            .set_int(K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES, 0, on.into())?;
        Ok(self)
    }

    /// The clip may be left unconnected.
    pub fn optional(&self, on: bool) -> OfxResult<&Self> {
        self.props
            .set_int(K_OFX_IMAGE_CLIP_PROP_OPTIONAL, 0, on.into())?;
        Ok(self)
    }

    /// The clip's properties.
    pub fn props(&self) -> &PropertySet {
        &self.props
    }
}
