//! A minimal fake host: image effect and parameter suites that record what
//! Describe / DescribeInContext define, and a `fetchSuite` serving them.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::Mutex;

use ofx_sys::*;

use super::props::{FakeProps, SUITE};

/// A fake parameter set: records every `paramDefine`.
#[derive(Debug, Default)]
pub struct FakeParamSet {
    /// (type, name, descriptor properties) in definition order.
    pub defined: Mutex<Vec<(String, String, Box<FakeProps>)>>,
}

impl FakeParamSet {
    /// The set's handle.
    pub fn handle(&self) -> OfxParamSetHandle {
        self as *const Self as OfxParamSetHandle
    }

    /// Names defined so far, with their types.
    pub fn names(&self) -> Vec<(String, String)> {
        self.defined
            .lock()
            .unwrap()
            .iter()
            .map(|(t, n, _)| (t.clone(), n.clone()))
            .collect()
    }

    /// Runs `f` on the properties of param `name`.
    pub fn with_props<R>(&self, name: &str, f: impl FnOnce(&FakeProps) -> R) -> R {
        let defined = self.defined.lock().unwrap();
        let (_, _, props) = defined
            .iter()
            .find(|(_, n, _)| n == name)
            .expect("param defined");
        f(props)
    }
}

/// A fake effect descriptor or instance.
#[derive(Debug, Default)]
pub struct FakeEffect {
    /// Effect properties.
    pub props: Box<FakeProps>,
    /// Parameters.
    pub params: Box<FakeParamSet>,
    /// Clips defined, with their descriptor properties.
    pub clips: Mutex<Vec<(String, Box<FakeProps>)>>,
}

impl FakeEffect {
    /// A new boxed effect (stable address).
    pub fn new() -> Box<Self> {
        Box::default()
    }

    /// Its handle.
    pub fn handle(&self) -> OfxImageEffectHandle {
        self as *const Self as OfxImageEffectHandle
    }

    /// Runs `f` on the properties of clip `name`.
    pub fn with_clip<R>(&self, name: &str, f: impl FnOnce(&FakeProps) -> R) -> R {
        let clips = self.clips.lock().unwrap();
        let (_, props) = clips.iter().find(|(n, _)| n == name).expect("clip defined");
        f(props)
    }
}

unsafe extern "C" fn effect_props(
    h: OfxImageEffectHandle,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    // SAFETY: handles come from FakeEffect::handle.
    let effect = unsafe { &*(h as *const FakeEffect) };
    // SAFETY: out is a live slot.
    unsafe { *out = effect.props.handle() };
    OfxStatus::OK
}
unsafe extern "C" fn effect_params(
    h: OfxImageEffectHandle,
    out: *mut OfxParamSetHandle,
) -> OfxStatus {
    // SAFETY: handles come from FakeEffect::handle.
    let effect = unsafe { &*(h as *const FakeEffect) };
    // SAFETY: out is a live slot.
    unsafe { *out = effect.params.handle() };
    OfxStatus::OK
}
unsafe extern "C" fn clip_define(
    h: OfxImageEffectHandle,
    name: *const c_char,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    // SAFETY: handles come from FakeEffect::handle.
    let effect = unsafe { &*(h as *const FakeEffect) };
    // SAFETY: name is NUL-terminated.
    let name = unsafe { CStr::from_ptr(name) };
    let props = FakeProps::new();
    // SAFETY: out is a live slot; the Box keeps the props at a stable address.
    unsafe { *out = props.handle() };
    effect
        .clips
        .lock()
        .unwrap()
        .push((name.to_string_lossy().into_owned(), props));
    OfxStatus::OK
}
unsafe extern "C" fn param_define(
    set: OfxParamSetHandle,
    kind: *const c_char,
    name: *const c_char,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    // SAFETY: handles come from FakeParamSet::handle.
    let set = unsafe { &*(set as *const FakeParamSet) };
    // SAFETY: NUL-terminated.
    let kind = unsafe { CStr::from_ptr(kind) };
    // SAFETY: NUL-terminated.
    let name = unsafe { CStr::from_ptr(name) };
    let name = name.to_string_lossy().into_owned();
    let mut defined = set.defined.lock().unwrap();
    if defined.iter().any(|(_, n, _)| *n == name) {
        return OfxStatus::ERR_EXISTS;
    }
    let props = FakeProps::new();
    // SAFETY: out is a live slot; the Box keeps the props at a stable address.
    unsafe { *out = props.handle() };
    defined.push((kind.to_string_lossy().into_owned(), name, props));
    OfxStatus::OK
}

static IMAGE_EFFECT_SUITE: OfxImageEffectSuiteV1 = OfxImageEffectSuiteV1 {
    getPropertySet: Some(effect_props),
    getParamSet: Some(effect_params),
    clipDefine: Some(clip_define),
    clipGetHandle: None,
    clipGetPropertySet: None,
    clipGetImage: None,
    clipReleaseImage: None,
    clipGetRegionOfDefinition: None,
    abort: None,
    imageMemoryAlloc: None,
    imageMemoryFree: None,
    imageMemoryLock: None,
    imageMemoryUnlock: None,
};

static PARAM_SUITE: OfxParameterSuiteV1 = OfxParameterSuiteV1 {
    paramDefine: Some(param_define),
    paramGetHandle: None,
    paramSetGetPropertySet: None,
    paramGetPropertySet: None,
    paramGetValue: None,
    paramGetValueAtTime: None,
    paramGetDerivative: None,
    paramGetIntegral: None,
    paramSetValue: None,
    paramSetValueAtTime: None,
    paramGetNumKeys: None,
    paramGetKeyTime: None,
    paramGetKeyIndex: None,
    paramDeleteKey: None,
    paramDeleteAllKeys: None,
    paramCopy: None,
    paramEditBegin: None,
    paramEditEnd: None,
};

unsafe extern "C" fn fetch_suite(
    _host: OfxPropertySetHandle,
    name: *const c_char,
    version: c_int,
) -> *const c_void {
    // SAFETY: hosts' callers pass NUL-terminated names.
    let name = unsafe { CStr::from_ptr(name) };
    match (name.to_bytes(), version) {
        (b"OfxPropertySuite", 1) => &SUITE as *const _ as *const c_void,
        (b"OfxImageEffectSuite", 1) => &IMAGE_EFFECT_SUITE as *const _ as *const c_void,
        (b"OfxParameterSuite", 1) => &PARAM_SUITE as *const _ as *const c_void,
        _ => std::ptr::null(),
    }
}

/// The fake host struct (one per process: the plug-in keeps one host).
pub fn fake_host() -> OfxHost {
    static HOST_PROPS: std::sync::OnceLock<Box<FakeProps>> = std::sync::OnceLock::new();
    let props = HOST_PROPS.get_or_init(FakeProps::new);
    OfxHost {
        host: props.handle(),
        fetchSuite: Some(fetch_suite),
    }
}
