//! A tiny transition effect compiled into the unit-test binary, so the host's
//! Transition machinery is tested through the real C suites without a bundle:
//! it renders a straight cut at the centre (`SourceFrom` while `Transition` <
//! 0.5, then `SourceTo`), and its "Check" button probes both clips at the ends
//! of their frame ranges and writes what it read into the string param "Seen".
//! Variants (the const parameter of [`entry`]) break the rules on purpose.

use super::suites::{image_effect, param, progress, property};
use ofx_sys::{
    self as ofx, OfxImageClipHandle, OfxParamHandle, OfxParamSetHandle, OfxPropertySetHandle,
    OfxStatus,
};
use std::ffi::{c_char, c_double, c_int, c_void, CStr, CString};
use std::ptr::{null, null_mut};

/// Follows the rules; Render copies the clip the cut shows.
pub const GOOD: u8 = 0;
/// Omits `SourceTo`, adds a non-optional clip, defines `Transition` as an integer.
pub const BAD_DESCRIPTOR: u8 = 1;
/// Asks for another depth in GetClipPreferences; the button writes `Transition`.
pub const MISBEHAVES: u8 = 2;
/// Declares only the Filter context.
pub const FILTER_ONLY: u8 = 3;
/// Answers IsIdentity with the clip the cut shows (Render is then not needed).
pub const IDENTITY: u8 = 4;

/// The plugin struct of variant `V`.
pub fn plugin<const V: u8>() -> ofx::OfxPlugin {
    ofx::OfxPlugin {
        pluginApi: ofx::K_OFX_IMAGE_EFFECT_PLUGIN_API.as_ptr(),
        apiVersion: 1,
        pluginIdentifier: c"org.circletake.test.MockTransition".as_ptr(),
        pluginVersionMajor: 1,
        pluginVersionMinor: 0,
        setHost: None,
        mainEntry: Some(entry::<V>),
    }
}

const OK: OfxStatus = OfxStatus::OK;
const FAILED: OfxStatus = OfxStatus::FAILED;
const REPLY_DEFAULT: OfxStatus = OfxStatus::REPLY_DEFAULT;

fn set_str(p: OfxPropertySetHandle, name: &CStr, i: c_int, v: &CStr) {
    let f = property::SUITE.propSetString.expect("propSetString");
    // SAFETY: a host property set and C strings that outlive the call.
    let _ = unsafe { f(p, name.as_ptr(), i, v.as_ptr()) };
}

fn set_int(p: OfxPropertySetHandle, name: &CStr, v: c_int) {
    let f = property::SUITE.propSetInt.expect("propSetInt");
    // SAFETY: as above.
    let _ = unsafe { f(p, name.as_ptr(), 0, v) };
}

fn get_double(p: OfxPropertySetHandle, name: &CStr, i: c_int) -> f64 {
    let f = property::SUITE.propGetDouble.expect("propGetDouble");
    let mut v = f64::NAN;
    // SAFETY: as above, with a writable out value.
    let _ = unsafe { f(p, name.as_ptr(), i, &mut v) };
    v
}

fn get_ints<const N: usize>(p: OfxPropertySetHandle, name: &CStr) -> [c_int; N] {
    let f = property::SUITE.propGetIntN.expect("propGetIntN");
    let mut v = [0; N];
    // SAFETY: N writable ints.
    let _ = unsafe { f(p, name.as_ptr(), N as c_int, v.as_mut_ptr()) };
    v
}

fn get_str(p: OfxPropertySetHandle, name: &CStr) -> String {
    let f = property::SUITE.propGetString.expect("propGetString");
    let mut v: *mut c_char = null_mut();
    // SAFETY: a writable out pointer; the host keeps the string alive.
    let _ = unsafe { f(p, name.as_ptr(), 0, &mut v) };
    // SAFETY: NULL or a host C string.
    unsafe { super::suites::lossy(v) }
}

fn effect_props(h: *const c_void) -> OfxPropertySetHandle {
    let f = image_effect::SUITE.getPropertySet.expect("getPropertySet");
    let mut p = null_mut();
    // SAFETY: an effect handle from the host, a writable out pointer.
    let _ = unsafe { f(h.cast_mut().cast(), &mut p) };
    p
}

fn param_set(h: *const c_void) -> OfxParamSetHandle {
    let f = image_effect::SUITE.getParamSet.expect("getParamSet");
    let mut p = null_mut();
    // SAFETY: as above.
    let _ = unsafe { f(h.cast_mut().cast(), &mut p) };
    p
}

fn define_clip(h: *const c_void, name: &CStr, optional: bool) {
    let f = image_effect::SUITE.clipDefine.expect("clipDefine");
    let mut props = null_mut();
    // SAFETY: a descriptor handle, a C string, a writable out pointer.
    let _ = unsafe { f(h.cast_mut().cast(), name.as_ptr(), &mut props) };
    set_str(
        props,
        ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_COMPONENTS,
        0,
        c"OfxImageComponentRGBA",
    );
    set_int(props, ofx::K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS, 1);
    set_int(
        props,
        ofx::K_OFX_IMAGE_CLIP_PROP_OPTIONAL,
        c_int::from(optional),
    );
}

fn define_param(h: *const c_void, ptype: &CStr, name: &CStr) {
    let f = param::SUITE.paramDefine.expect("paramDefine");
    let mut props = null_mut();
    // SAFETY: a descriptor's param set, C strings, a writable out pointer.
    let _ = unsafe { f(param_set(h), ptype.as_ptr(), name.as_ptr(), &mut props) };
}

fn param_handle(h: *const c_void, name: &CStr) -> OfxParamHandle {
    let f = param::SUITE.paramGetHandle.expect("paramGetHandle");
    let mut p = null_mut();
    // SAFETY: an instance's param set, a C string, writable out pointers.
    let _ = unsafe { f(param_set(h), name.as_ptr(), &mut p, null_mut()) };
    p
}

fn clip(h: *const c_void, name: &CStr) -> OfxImageClipHandle {
    let f = image_effect::SUITE.clipGetHandle.expect("clipGetHandle");
    let mut c = null_mut();
    // SAFETY: an instance handle, a C string, writable out pointers.
    let _ = unsafe { f(h.cast_mut().cast(), name.as_ptr(), &mut c, null_mut()) };
    c
}

fn clip_props(c: OfxImageClipHandle) -> OfxPropertySetHandle {
    let f = image_effect::SUITE
        .clipGetPropertySet
        .expect("clipGetPropertySet");
    let mut p = null_mut();
    // SAFETY: a clip handle, a writable out pointer.
    let _ = unsafe { f(c, &mut p) };
    p
}

/// An image from `clipGetImage`, released on drop.
struct Image(OfxPropertySetHandle);

impl Image {
    fn fetch(c: OfxImageClipHandle, t: f64) -> Result<Image, OfxStatus> {
        let f = image_effect::SUITE.clipGetImage.expect("clipGetImage");
        let mut img = null_mut();
        // SAFETY: a clip handle, NULL region, a writable out pointer.
        let st = unsafe { f(c, t, null(), &mut img) };
        if st == OK {
            Ok(Image(img))
        } else {
            Err(st)
        }
    }

    /// (data, bounds, rowBytes, bytes per pixel).
    fn layout(&self) -> (*mut u8, [c_int; 4], isize, usize) {
        let f = property::SUITE.propGetPointer.expect("propGetPointer");
        let mut data = null_mut();
        // SAFETY: an image property set, a writable out pointer.
        let _ = unsafe { f(self.0, ofx::K_OFX_IMAGE_PROP_DATA.as_ptr(), 0, &mut data) };
        let bounds = get_ints::<4>(self.0, ofx::K_OFX_IMAGE_PROP_BOUNDS);
        let rb = get_ints::<1>(self.0, ofx::K_OFX_IMAGE_PROP_ROW_BYTES)[0] as isize;
        let depth = match get_str(self.0, ofx::K_OFX_IMAGE_EFFECT_PROP_PIXEL_DEPTH).as_str() {
            "OfxBitDepthByte" => 1,
            "OfxBitDepthFloat" => 4,
            _ => 2,
        };
        let comps = match get_str(self.0, ofx::K_OFX_IMAGE_EFFECT_PROP_COMPONENTS).as_str() {
            "OfxImageComponentAlpha" => 1,
            "OfxImageComponentRGB" => 3,
            _ => 4,
        };
        (data.cast(), bounds, rb, depth * comps)
    }

    /// Address of pixel (x, y), or NULL outside the bounds.
    fn pixel(&self, x: c_int, y: c_int) -> *mut u8 {
        let (data, b, rb, pb) = self.layout();
        if x < b[0] || x >= b[2] || y < b[1] || y >= b[3] {
            return null_mut();
        }
        let off = (y - b[1]) as isize * rb + (x - b[0]) as isize * pb as isize;
        data.wrapping_offset(off)
    }
}

impl Drop for Image {
    fn drop(&mut self) {
        let f = image_effect::SUITE
            .clipReleaseImage
            .expect("clipReleaseImage");
        // SAFETY: an image from clipGetImage, released once.
        let _ = unsafe { f(self.0) };
    }
}

/// The clip a straight cut at the centre shows at time `t`.
fn cut_clip(h: *const c_void, t: f64) -> &'static CStr {
    let f = param::SUITE
        .paramGetValueAtTime
        .expect("paramGetValueAtTime");
    let mut v: c_double = f64::NAN;
    // SAFETY: a double param handle and one `double *` vararg.
    let _ = unsafe { f(param_handle(h, c"Transition"), t, &mut v as *mut c_double) };
    if v < 0.5 {
        c"SourceFrom"
    } else {
        c"SourceTo"
    }
}

fn render(h: *const c_void, args: OfxPropertySetHandle) -> OfxStatus {
    let t = get_double(args, ofx::K_OFX_PROP_TIME, 0);
    let w = get_ints::<4>(args, ofx::K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW);
    let (Ok(src), Ok(out)) = (
        Image::fetch(clip(h, cut_clip(h, t)), t),
        Image::fetch(clip(h, c"Output"), t),
    ) else {
        return FAILED;
    };
    let pb = out.layout().3;
    for y in w[1]..w[3] {
        for x in w[0]..w[2] {
            let (s, d) = (src.pixel(x, y), out.pixel(x, y));
            if !s.is_null() && !d.is_null() {
                // SAFETY: both point at a whole pixel of pb bytes inside live images.
                unsafe { std::ptr::copy_nonoverlapping(s, d, pb) };
            }
        }
    }
    OK
}

/// The button: probes each input clip at both ends of its frame range and
/// one frame past each end, writes "clip@t=ok:value" or "clip@t=status" lines.
fn check(h: *const c_void, variant: u8) -> OfxStatus {
    let start = progress::SUITE_V1.progressStart.expect("progressStart");
    let update = progress::SUITE_V1.progressUpdate.expect("progressUpdate");
    let end = progress::SUITE_V1.progressEnd.expect("progressEnd");
    // SAFETY: the instance handle and a C string.
    let _ = unsafe { start(h.cast_mut(), c"Checking".as_ptr()) };
    let mut seen = Vec::new();
    for (i, name) in [c"SourceFrom", c"SourceTo"].into_iter().enumerate() {
        let c = clip(h, name);
        let p = clip_props(c);
        let a = get_double(p, ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE, 0);
        let b = get_double(p, ofx::K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE, 1);
        for t in [a - 1.0, a, b, b + 1.0] {
            let line = match Image::fetch(c, t) {
                Ok(img) => {
                    let (_, bounds, _, _) = img.layout();
                    let px = img.pixel(bounds[0], bounds[1]);
                    let mut v = [0u8; 4];
                    // SAFETY: the first pixel of a Float image holds at least 4 bytes.
                    unsafe { std::ptr::copy_nonoverlapping(px, v.as_mut_ptr(), 4) };
                    format!("ok:{:.6}", f32::from_ne_bytes(v))
                }
                Err(st) => format!("status {}", st.0),
            };
            seen.push(format!("{}@{t}={line}", name.to_string_lossy()));
        }
        // SAFETY: the instance handle.
        let _ = unsafe { update(h.cast_mut(), (i + 1) as f64 / 2.0) };
    }
    // SAFETY: the instance handle.
    let _ = unsafe { end(h.cast_mut()) };
    let set = param::SUITE.paramSetValue.expect("paramSetValue");
    let text = CString::new(seen.join("\n")).unwrap_or_default();
    // SAFETY: a string param and one `const char *` vararg.
    let _ = unsafe { set(param_handle(h, c"Seen"), text.as_ptr()) };
    if variant == MISBEHAVES {
        // SAFETY: a double param and one `double` vararg (a write the host refuses).
        let _ = unsafe { set(param_handle(h, c"Transition"), 0.25 as c_double) };
    }
    OK
}

fn describe(h: *const c_void, variant: u8) {
    let p = effect_props(h);
    let ctx = if variant == FILTER_ONLY {
        c"OfxImageEffectContextFilter"
    } else {
        c"OfxImageEffectContextTransition"
    };
    set_str(p, ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS, 0, ctx);
    set_str(
        p,
        ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_PIXEL_DEPTHS,
        0,
        c"OfxBitDepthFloat",
    );
    set_int(p, ofx::K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS, 1);
}

fn describe_in_context(h: *const c_void, variant: u8) {
    define_clip(h, c"SourceFrom", false);
    if variant == BAD_DESCRIPTOR {
        define_clip(h, c"Matte", false);
        define_param(h, ofx::K_OFX_PARAM_TYPE_INTEGER, c"Transition");
    } else {
        define_clip(h, c"SourceTo", false);
        define_param(h, ofx::K_OFX_PARAM_TYPE_DOUBLE, c"Transition");
    }
    define_clip(h, c"Output", false);
    define_param(h, ofx::K_OFX_PARAM_TYPE_PUSH_BUTTON, c"Check");
    define_param(h, ofx::K_OFX_PARAM_TYPE_STRING, c"Seen");
}

unsafe extern "C" fn entry<const V: u8>(
    action: *const c_char,
    h: *const c_void,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxStatus {
    // SAFETY: the host passes a C string.
    let action = unsafe { CStr::from_ptr(action) }.to_bytes();
    match action {
        b"OfxActionDescribe" => describe(h, V),
        b"OfxImageEffectActionDescribeInContext" => describe_in_context(h, V),
        b"OfxImageEffectActionRender" => return render(h, in_args),
        b"OfxImageEffectActionIsIdentity" if V == IDENTITY => {
            let t = get_double(in_args, ofx::K_OFX_PROP_TIME, 0);
            set_str(out_args, ofx::K_OFX_PROP_NAME, 0, cut_clip(h, t));
        }
        b"OfxImageEffectActionGetClipPreferences" if V == MISBEHAVES => {
            set_str(
                out_args,
                c"OfxImageClipPropDepth_SourceFrom",
                0,
                c"OfxBitDepthByte",
            );
        }
        b"OfxActionInstanceChanged" => {
            if get_str(in_args, ofx::K_OFX_PROP_NAME) == "Check" {
                return check(h, V);
            }
            return REPLY_DEFAULT;
        }
        b"OfxActionLoad"
        | b"OfxActionUnload"
        | b"OfxActionCreateInstance"
        | b"OfxActionDestroyInstance" => {}
        _ => return REPLY_DEFAULT,
    }
    OK
}
