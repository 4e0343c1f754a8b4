//! Clip instances and images, with images released by an RAII guard.

use std::ffi::{c_void, CStr};

use ofx_sys::*;

use super::error::{OfxError, OfxResult};
use super::image::{ImageView, ImageViewMut};
use super::pixel::{Components, PixelDepth, PixelFormat, PixelRect};
use super::property::PropertySet;
use super::suites::{suite_fn, Suites};

/// A clip of an effect instance, valid during the current action.
#[derive(Debug)]
pub struct Clip {
    handle: OfxImageClipHandle,
    props: PropertySet,
    suites: &'static Suites,
}

fn parse_opt<T>(
    value: Option<String>,
    parse: fn(&str) -> OfxResult<Option<T>>,
) -> OfxResult<Option<T>> {
    match value {
        Some(s) => parse(&s),
        None => Ok(None),
    }
}

impl Clip {
    pub(crate) fn fetch(
        suites: &'static Suites,
        effect: OfxImageEffectHandle,
        name: &CStr,
    ) -> OfxResult<Self> {
        let f = suite_fn!(suites.image_effect, clipGetHandle)?;
        let mut handle: OfxImageClipHandle = std::ptr::null_mut();
        let mut props: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: live instance handle, NUL-terminated name, live out slots.
        let status = unsafe { f(effect, name.as_ptr(), &mut handle, &mut props) };
        if status == OfxStatus::ERR_UNKNOWN {
            return Err(OfxError::InvalidValue(format!(
                "the effect has no clip {name:?}"
            )));
        }
        OfxError::check("clipGetHandle", status)?;
        if handle.is_null() {
            return Err(OfxError::NullHandle("clip"));
        }
        if props.is_null() {
            let g = suite_fn!(suites.image_effect, clipGetPropertySet)?;
            // SAFETY: live clip handle and out slot.
            OfxError::check("clipGetPropertySet", unsafe { g(handle, &mut props) })?;
        }
        Ok(Self {
            handle,
            props: PropertySet::new(props, suites.property)?,
            suites,
        })
    }

    /// The clip's properties (for anything not wrapped here).
    pub fn props(&self) -> &PropertySet {
        &self.props
    }

    /// Connected to something that produces images (`None` if not reported).
    pub fn connected(&self) -> OfxResult<Option<bool>> {
        Ok(self
            .props
            .get_int(K_OFX_IMAGE_CLIP_PROP_CONNECTED, 0)?
            .map(|v| v != 0))
    }

    /// Depth after clip preferences (`None` if unset or unconnected).
    pub fn pixel_depth(&self) -> OfxResult<Option<PixelDepth>> {
        parse_opt(
            self.props
                .get_string(K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH, 0)?,
            PixelDepth::parse,
        )
    }

    /// Components after clip preferences.
    pub fn components(&self) -> OfxResult<Option<Components>> {
        parse_opt(
            self.props
                .get_string(K_OFX_IMAGE_EFFECT_PROP_COMPONENTS, 0)?,
            Components::parse,
        )
    }

    /// Depth of the clip itself, before clip preferences.
    pub fn unmapped_pixel_depth(&self) -> OfxResult<Option<PixelDepth>> {
        parse_opt(
            self.props
                .get_string(K_OFX_IMAGE_CLIP_PROP_UNMAPPED_PIXEL_DEPTH, 0)?,
            PixelDepth::parse,
        )
    }

    /// Components of the clip itself, before clip preferences.
    pub fn unmapped_components(&self) -> OfxResult<Option<Components>> {
        parse_opt(
            self.props
                .get_string(K_OFX_IMAGE_CLIP_PROP_UNMAPPED_COMPONENTS, 0)?,
            Components::parse,
        )
    }

    /// First and last frame with images (Resolve: the whole source media).
    pub fn frame_range(&self) -> OfxResult<Option<(f64, f64)>> {
        Ok(self
            .props
            .get_doubles::<2>(K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE)?
            .map(|r| (r[0], r[1])))
    }

    /// Frames per second.
    pub fn frame_rate(&self) -> OfxResult<Option<f64>> {
        self.props.get_double(K_OFX_IMAGE_EFFECT_PROP_FRAME_RATE, 0)
    }

    /// Pixel aspect ratio.
    pub fn pixel_aspect_ratio(&self) -> OfxResult<Option<f64>> {
        self.props
            .get_double(K_OFX_IMAGE_PROP_PIXEL_ASPECT_RATIO, 0)
    }

    /// Source media file path (DaVinci Resolve extension; `None` elsewhere).
    pub fn src_file_path(&self) -> OfxResult<Option<String>> {
        Ok(self
            .props
            .get_string(K_OFX_IMAGE_EFFECT_PROP_SRC_FILE_PATH, 0)?
            .filter(|s| !s.is_empty()))
    }

    /// Region of definition at `time`, canonical coordinates.
    pub fn region_of_definition(&self, time: f64) -> OfxResult<OfxRectD> {
        let f = suite_fn!(self.suites.image_effect, clipGetRegionOfDefinition)?;
        let mut rect = OfxRectD::default();
        // SAFETY: live clip handle and out rect.
        OfxError::check("clipGetRegionOfDefinition", unsafe {
            f(self.handle, time, &mut rect)
        })?;
        Ok(rect)
    }

    /// The image at `time` (whole region of interest). `Ok(None)` when the
    /// host has no image there (`kOfxStatFailed`: treat as transparent).
    pub fn image(&self, time: f64) -> OfxResult<Option<Image>> {
        let f = suite_fn!(self.suites.image_effect, clipGetImage)?;
        let mut handle: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: live clip handle; NULL region means the default region;
        // live out slot. The image is released by `Image`'s Drop.
        let status = unsafe { f(self.handle, time, std::ptr::null(), &mut handle) };
        match status {
            OfxStatus::OK if !handle.is_null() => Ok(Some(Image::new(handle, self.suites)?)),
            OfxStatus::OK | OfxStatus::FAILED => Ok(None),
            OfxStatus::ERR_MEMORY => Err(OfxError::Memory(format!("clipGetImage at time {time}"))),
            status => Err(OfxError::Host {
                call: "clipGetImage",
                status,
            }),
        }
    }
}

/// An image fetched from a clip; released (`clipReleaseImage`) on drop.
#[derive(Debug)]
pub struct Image {
    handle: OfxPropertySetHandle,
    props: PropertySet,
    suites: &'static Suites,
}

impl Image {
    fn new(handle: OfxPropertySetHandle, suites: &'static Suites) -> OfxResult<Self> {
        let props = PropertySet::new(handle, suites.property);
        match props {
            Ok(props) => Ok(Self {
                handle,
                props,
                suites,
            }),
            Err(e) => Err(e),
        }
    }

    /// The image's properties.
    pub fn props(&self) -> &PropertySet {
        &self.props
    }

    /// Pixel format; an unsupported or missing depth/components is an
    /// [`OfxError::ImageFormat`].
    pub fn format(&self) -> OfxResult<PixelFormat> {
        let depth = self
            .props
            .get_string(K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH, 0)?
            .unwrap_or_default();
        let comps = self
            .props
            .get_string(K_OFX_IMAGE_EFFECT_PROP_COMPONENTS, 0)?
            .unwrap_or_default();
        match (PixelDepth::parse(&depth)?, Components::parse(&comps)?) {
            (Some(depth), Some(components)) => Ok(PixelFormat { depth, components }),
            _ => Err(OfxError::ImageFormat(format!(
                "image without pixel format ({depth:?}, {comps:?})"
            ))),
        }
    }

    /// Bounds of the pixel data, pixel coordinates.
    pub fn bounds(&self) -> OfxResult<PixelRect> {
        self.props
            .get_ints::<4>(K_OFX_IMAGE_PROP_BOUNDS)?
            .map(PixelRect::from)
            .ok_or_else(|| OfxError::ImageFormat("image without kOfxImagePropBounds".into()))
    }

    /// Proxy scale of the image (1, 1 when the host does not say).
    pub fn render_scale(&self) -> OfxResult<(f64, f64)> {
        Ok(self
            .props
            .get_doubles::<2>(K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE)?
            .map_or((1.0, 1.0), |s| (s[0], s[1])))
    }

    fn raw(&self) -> OfxResult<(*mut c_void, PixelRect, isize, PixelFormat)> {
        let format = self.format()?;
        let bounds = self.bounds()?;
        let row_bytes = self
            .props
            .get_int(K_OFX_IMAGE_PROP_ROW_BYTES, 0)?
            .ok_or_else(|| OfxError::ImageFormat("image without kOfxImagePropRowBytes".into()))?;
        let data = self
            .props
            .get_pointer(K_OFX_IMAGE_PROP_DATA, 0)?
            .ok_or_else(|| OfxError::ImageFormat("image without kOfxImagePropData".into()))?;
        Ok((data, bounds, row_bytes as isize, format))
    }

    /// Read-only view of the pixels.
    pub fn view(&self) -> OfxResult<ImageView<'_>> {
        let (data, bounds, row_bytes, format) = self.raw()?;
        // SAFETY: OpenFX guarantees `kOfxImagePropData` points at pixel
        // (x1, y1) of `kOfxImagePropBounds`, rows `kOfxImagePropRowBytes`
        // apart, valid until the image is released (not before `self` drops).
        unsafe { ImageView::from_raw(data.cast::<u8>(), bounds, row_bytes, format) }
    }

    /// Writable view of the pixels (output images).
    pub fn view_mut(&mut self) -> OfxResult<ImageViewMut<'_>> {
        let (data, bounds, row_bytes, format) = self.raw()?;
        // SAFETY: as in `view`; `&mut self` makes this the only view of the
        // memory through this handle, and output images are ours to write.
        unsafe { ImageViewMut::from_raw(data.cast::<u8>(), bounds, row_bytes, format) }
    }
}

impl Drop for Image {
    fn drop(&mut self) {
        match suite_fn!(self.suites.image_effect, clipReleaseImage) {
            Ok(release) => {
                // SAFETY: the handle came from clipGetImage and is released once.
                let status = unsafe { release(self.handle) };
                if status != OfxStatus::OK {
                    log::warn!("clipReleaseImage returned {status}");
                }
            }
            Err(e) => log::error!("{e}: image not released"),
        }
    }
}
