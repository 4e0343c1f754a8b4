//! The image effect suite (`OfxImageEffectSuiteV1`): effect/clip property and
//! param sets, clip definition and lookup, images (with temporal access as the
//! profile allows), regions of definition, abort and image memory.

use super::{bad_handle, cstr, guard};
use crate::host::context;
use crate::host::effect::{ClipNode, EffectNode, ImageNode};
use crate::host::images::{Components, Depth, RowLayout};
use crate::host::memory_blocks;
use crate::host::properties::Value;
use crate::host::records::lock;
use crate::host::sampling;
use crate::host::shared_image::SharedImage;
use crate::host::status::Status;
use ofx_sys::{
    self as ofx, OfxImageClipHandle, OfxImageEffectHandle, OfxImageEffectSuiteV1,
    OfxImageMemoryHandle, OfxParamSetHandle, OfxPropertySetHandle, OfxRectD, OfxStatus, OfxTime,
};
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::sync::{Arc, Mutex};

/// The suite handed to the plugin.
pub static SUITE: OfxImageEffectSuiteV1 = OfxImageEffectSuiteV1 {
    getPropertySet: Some(get_property_set),
    getParamSet: Some(get_param_set),
    clipDefine: Some(clip_define),
    clipGetHandle: Some(clip_get_handle),
    clipGetPropertySet: Some(clip_get_property_set),
    clipGetImage: Some(clip_get_image),
    clipReleaseImage: Some(clip_release_image),
    clipGetRegionOfDefinition: Some(clip_get_region_of_definition),
    abort: Some(abort),
    imageMemoryAlloc: Some(image_memory_alloc),
    imageMemoryFree: Some(image_memory_free),
    imageMemoryLock: Some(image_memory_lock),
    imageMemoryUnlock: Some(image_memory_unlock),
};

/// Every image handle given out and not yet released, process-wide (so a double
/// release is caught before the handle is read) -> address of its host.
static LIVE_IMAGES: Mutex<Option<HashMap<usize, usize>>> = Mutex::new(None);

/// Number of images of `host` handed out by `clipGetImage` and not released.
pub fn unreleased_images(host: &crate::host::shared::HostShared) -> usize {
    let me = host as *const _ as usize;
    lock(&LIVE_IMAGES)
        .get_or_insert_with(HashMap::new)
        .values()
        .filter(|&&h| h == me)
        .count()
}

fn effect<'a>(f: &str, h: OfxImageEffectHandle) -> Option<&'a EffectNode> {
    // SAFETY: handles are checked by magic before use.
    let e = unsafe { EffectNode::from_handle(h as *const c_void) };
    if e.is_none() {
        bad_handle(f);
    }
    e
}

fn clip<'a>(f: &str, h: OfxImageClipHandle) -> Option<&'a ClipNode> {
    // SAFETY: handles are checked by magic before use.
    let c = unsafe { ClipNode::from_handle(h as *const c_void) };
    if c.is_none() {
        bad_handle(f);
    }
    c
}

/// Writes `v` through a plugin out-pointer when it is not NULL.
///
/// # Safety
/// `p` must be NULL or writable.
unsafe fn put<T>(p: *mut T, v: T) -> bool {
    if p.is_null() {
        return false;
    }
    // SAFETY: caller's contract.
    unsafe { p.write(v) };
    true
}

unsafe extern "C" fn get_property_set(
    h: OfxImageEffectHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect("getPropertySet", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: out pointer from the plugin.
        if unsafe { put(props, e.props.handle().cast()) } {
            Status::Ok
        } else {
            Status::ErrBadHandle
        }
        .to_ofx()
    })
}

unsafe extern "C" fn get_param_set(
    h: OfxImageEffectHandle,
    set: *mut OfxParamSetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect("getParamSet", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: out pointer from the plugin.
        if unsafe { put(set, e.params.handle().cast()) } {
            Status::Ok
        } else {
            Status::ErrBadHandle
        }
        .to_ofx()
    })
}

unsafe extern "C" fn clip_define(
    h: OfxImageEffectHandle,
    name: *const c_char,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect("clipDefine", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: a C string from the plugin.
        let Some(name) = (unsafe { cstr(name) }) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if e.serial != 0 {
            e.host.records.violation(format!(
                "clipDefine({}) on an instance",
                name.to_string_lossy()
            ));
            return Status::ErrUnsupported.to_ofx();
        }
        let existing = e.clip(&name.to_string_lossy());
        let c = existing.unwrap_or_else(|| {
            let c = Arc::new(ClipNode::describe(&e.host, name));
            lock(&e.clips).push(c.clone());
            c
        });
        // SAFETY: out pointer from the plugin (may be NULL).
        unsafe { put(props, c.props.handle().cast()) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn clip_get_handle(
    h: OfxImageEffectHandle,
    name: *const c_char,
    clip_out: *mut OfxImageClipHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(e) = effect("clipGetHandle", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: a C string from the plugin.
        let Some(name) = (unsafe { cstr(name) }) else {
            return Status::ErrBadHandle.to_ofx();
        };
        let Some(c) = e.clip(&name.to_string_lossy()) else {
            return Status::ErrUnknown.to_ofx();
        };
        // SAFETY: out pointers from the plugin (props may be NULL).
        unsafe {
            put(props, c.props.handle().cast());
        }
        // SAFETY: as above.
        if unsafe { put(clip_out, c.handle().cast()) } {
            Status::Ok
        } else {
            Status::ErrBadHandle
        }
        .to_ofx()
    })
}

unsafe extern "C" fn clip_get_property_set(
    h: OfxImageClipHandle,
    props: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(c) = clip("clipGetPropertySet", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        // SAFETY: out pointer from the plugin.
        if unsafe { put(props, c.props.handle().cast()) } {
            Status::Ok
        } else {
            Status::ErrBadHandle
        }
        .to_ofx()
    })
}

/// Builds the image `clipGetImage` returns, or the status to reply.
fn fetch(c: &ClipNode, time: OfxTime, region: Option<OfxRectD>) -> Result<ImageNode, Status> {
    let host = &c.host;
    // A plugin thread the host did not start has no context: find its render.
    let ctx = context::current().or_else(|| host.render_in_flight(c.instance, time));
    let scale = ctx.as_ref().map(|x| x.scale.0).unwrap_or(1.0);
    let depth_s = c
        .props
        .string(ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH)
        .unwrap_or_default();
    let comps_s = c
        .props
        .string(ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS)
        .unwrap_or_default();
    let (Some(depth), Some(components)) =
        (Depth::from_ofx(&depth_s), Components::from_ofx(&comps_s))
    else {
        host.records.violation(format!(
            "clipGetImage({}) while the clip has no format ({depth_s:?}, {comps_s:?})",
            c.name.to_string_lossy()
        ));
        return Err(Status::Failed);
    };
    let (shared, t, rod) = if c.is_output() {
        let Some(out) = ctx.as_ref().and_then(|x| x.output.clone()) else {
            host.records
                .violation("clipGetImage(Output) outside Render");
            return Err(Status::Failed);
        };
        let rod = out.image().bounds;
        (out, ctx.as_ref().and_then(|x| x.time).unwrap_or(time), rod)
    } else {
        let Some(source) = c.source.as_deref() else {
            return Err(Status::Failed);
        };
        // Hosts without temporal access hand out the frame being rendered, whatever was asked.
        let t = if host.profile.temporal_access {
            time
        } else {
            ctx.as_ref().and_then(|x| x.time).unwrap_or(time)
        };
        // The clip's frame at effect time t (offset on a Transition's clips).
        let Some(frame) = c.source_frame(t) else {
            return Err(Status::Failed);
        };
        let rod = sampling::pixel_rod(source, host.profile.origin, scale);
        let bounds = match (region, ctx.as_ref().and_then(|x| x.source_roi)) {
            (Some(r), _) => sampling::to_pixels([r.x1, r.y1, r.x2, r.y2], scale).intersect(&rod),
            (None, Some(roi)) if host.profile.tiles => roi.intersect(&rod),
            _ => rod,
        };
        let layout = RowLayout {
            padding: host.profile.row_padding,
            negative: host.profile.negative_row_bytes,
        };
        let mut img = sampling::source_pixels(
            source,
            host.profile.origin,
            frame,
            scale,
            depth,
            components,
            bounds,
            layout,
        )
        .map_err(|e| {
            host.records
                .violation(format!("host could not make the source image: {e}"));
            Status::Failed
        })?;
        let in_render = ctx
            .as_ref()
            .is_some_and(|x| x.action == "OfxImageEffectActionRender");
        if host.profile.faults.garbage_images_outside_render && !in_render {
            scramble(&mut img);
        }
        (Arc::new(SharedImage::new(img)), t, rod)
    };
    let image = shared.image();
    let node = ImageNode::new(
        shared.clone(),
        format!("image {} t={t}", c.name.to_string_lossy()),
    );
    let p = &node.props;
    p.define(
        ofx::K_OFX_PROP_TYPE,
        Value::String(vec![ofx::K_OFX_TYPE_IMAGE.to_owned()]),
    );
    p.define(
        ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH,
        Value::strings(&[image.depth.ofx_name()]),
    );
    p.define(
        ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS,
        Value::strings(&[image.components.ofx_name()]),
    );
    let premult = c
        .props
        .string(ofx::K_OFX_IMAGE_EFFECT_PROP_PRE_MULTIPLICATION)
        .unwrap_or_else(|| "OfxImageAlphaPremultiplied".into());
    p.define(
        ofx::K_OFX_IMAGE_EFFECT_PROP_PRE_MULTIPLICATION,
        Value::strings(&[premult]),
    );
    p.define(
        ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE,
        Value::Double(vec![scale, scale]),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_PIXEL_ASPECT_RATIO,
        Value::Double(vec![1.0]),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_DATA,
        Value::Pointer(vec![shared.data_ptr()]),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_BOUNDS,
        Value::Int(image.bounds.to_array().to_vec()),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_REGION_OF_DEFINITION,
        Value::Int(rod.to_array().to_vec()),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_ROW_BYTES,
        Value::Int(vec![i32::try_from(image.row_bytes()).unwrap_or(i32::MAX)]),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_FIELD,
        Value::String(vec![ofx::K_OFX_IMAGE_FIELD_NONE.to_owned()]),
    );
    p.define(
        ofx::K_OFX_IMAGE_PROP_UNIQUE_IDENTIFIER,
        Value::strings(&[format!(
            "{}:{}:{t}:{scale}",
            c.instance,
            c.name.to_string_lossy()
        )]),
    );
    Ok(node)
}

/// Overwrites every pixel with pseudo-random bytes (the garbage-images fault).
fn scramble(img: &mut crate::host::images::OwnedImage) {
    let mut state: u32 = 0x9e37_79b9;
    let b = img.bounds;
    for y in b.y1..b.y2 {
        for x in b.x1..b.x2 {
            if let Some(px) = img.pixel_mut(x, y) {
                for v in px.iter_mut() {
                    state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    *v = (state >> 24) as u8;
                }
            }
        }
    }
}

unsafe extern "C" fn clip_get_image(
    h: OfxImageClipHandle,
    time: OfxTime,
    region: *const OfxRectD,
    image: *mut OfxPropertySetHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(c) = clip("clipGetImage", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        if image.is_null() {
            bad_handle("clipGetImage");
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: NULL or a rectangle from the plugin.
        let region = unsafe { region.as_ref() }.copied();
        match fetch(c, time, region) {
            Ok(node) => {
                let node = Box::new(node);
                let addr = Box::into_raw(node) as usize;
                let host = Arc::as_ptr(&c.host) as usize;
                lock(&LIVE_IMAGES)
                    .get_or_insert_with(HashMap::new)
                    .insert(addr, host);
                // SAFETY: non-null out pointer; the ImageNode's props are its first field.
                unsafe { image.write(addr as OfxPropertySetHandle) };
                Status::Ok.to_ofx()
            }
            Err(s) => s.to_ofx(),
        }
    })
}

unsafe extern "C" fn clip_release_image(h: OfxPropertySetHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let addr = h as usize;
        let known = lock(&LIVE_IMAGES)
            .get_or_insert_with(HashMap::new)
            .remove(&addr);
        if known.is_none() {
            bad_handle("clipReleaseImage (not an image from clipGetImage, or released twice)");
            return Status::ErrBadHandle.to_ofx();
        }
        // SAFETY: `addr` came from Box::into_raw in clip_get_image and was live (just removed).
        let node = unsafe { Box::from_raw(addr as *mut ImageNode) };
        let _ = node; // dropped: the pixels go with it unless the host holds them (output)
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn clip_get_region_of_definition(
    h: OfxImageClipHandle,
    _time: OfxTime,
    bounds: *mut OfxRectD,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        let Some(c) = clip("clipGetRegionOfDefinition", h) else {
            return Status::ErrBadHandle.to_ofx();
        };
        let rod = match c.source.as_deref() {
            Some(s) => sampling::canonical_rod(s, c.host.profile.origin),
            None => match *lock(&c.output_rod) {
                Some(r) => r,
                None => return Status::Failed.to_ofx(),
            },
        };
        let r = OfxRectD {
            x1: rod[0],
            y1: rod[1],
            x2: rod[2],
            y2: rod[3],
        };
        // SAFETY: out pointer from the plugin.
        if unsafe { put(bounds, r) } {
            Status::Ok
        } else {
            Status::ErrBadHandle
        }
        .to_ofx()
    })
}

unsafe extern "C" fn abort(h: OfxImageEffectHandle) -> c_int {
    guard!(0, {
        match effect("abort", h) {
            Some(e) => c_int::from(e.abort.load(std::sync::atomic::Ordering::Relaxed)),
            None => 0,
        }
    })
}

unsafe extern "C" fn image_memory_alloc(
    _h: OfxImageEffectHandle,
    n: usize,
    out: *mut OfxImageMemoryHandle,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if out.is_null() {
            bad_handle("imageMemoryAlloc");
            return Status::ErrBadHandle.to_ofx();
        }
        let Some(handle) = memory_blocks::alloc_block(n) else {
            return Status::ErrMemory.to_ofx();
        };
        // SAFETY: non-null out pointer.
        unsafe { out.write(handle as OfxImageMemoryHandle) };
        Status::Ok.to_ofx()
    })
}

unsafe extern "C" fn image_memory_free(h: OfxImageMemoryHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        memory_blocks::free_block(h as usize).to_ofx()
    })
}

unsafe extern "C" fn image_memory_lock(
    h: OfxImageMemoryHandle,
    data: *mut *mut c_void,
) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        if data.is_null() {
            return Status::ErrBadHandle.to_ofx();
        }
        match memory_blocks::lock_block(h as usize) {
            Some(p) => {
                // SAFETY: non-null out pointer.
                unsafe { data.write(p) };
                Status::Ok.to_ofx()
            }
            None => Status::ErrBadHandle.to_ofx(),
        }
    })
}

unsafe extern "C" fn image_memory_unlock(h: OfxImageMemoryHandle) -> OfxStatus {
    guard!(Status::ErrFatal.to_ofx(), {
        memory_blocks::unlock_block(h as usize).to_ofx()
    })
}
