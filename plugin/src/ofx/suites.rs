//! The host and its suites: stored per load, checked for NULL before every
//! call through [`require`] / `suite_fn!`.
//!
//! `setHost` / `OfxSetHost` may be called repeatedly (and, if the process
//! re-opens the library after a `dlclose` that did not unload it, with a new
//! host). The host struct is kept in a lock; the suites fetched for it are
//! leaked once per distinct host so every reader holds a `&'static Suites`
//! that stays valid whatever happens later. Loads for the same host fetch
//! nothing twice.

use std::ffi::{c_void, CStr};
use std::sync::RwLock;

use ofx_sys::*;

use super::error::{OfxError, OfxResult};

/// Names a suite struct in error messages.
pub trait SuiteName {
    /// The struct's name in the headers.
    const NAME: &'static str;
}

macro_rules! suite_names {
    ($($ty:ty),* $(,)?) => { $(impl SuiteName for $ty { const NAME: &'static str = stringify!($ty); })* };
}
suite_names!(
    OfxPropertySuiteV1,
    OfxImageEffectSuiteV1,
    OfxParameterSuiteV1,
    OfxMemorySuiteV1,
    OfxMultiThreadSuiteV1,
    OfxMessageSuiteV1,
    OfxMessageSuiteV2,
    OfxProgressSuiteV1,
    OfxProgressSuiteV2,
    OfxTimeLineSuiteV1,
);

/// The name of a suite value's type, for `suite_fn!`.
pub fn name_of<S: SuiteName>(_: &S) -> &'static str {
    S::NAME
}

/// Returns the function pointer or an error naming the suite and function.
pub fn require<F>(f: Option<F>, suite: &'static str, function: &'static str) -> OfxResult<F> {
    f.ok_or(OfxError::MissingSuiteFunction { suite, function })
}

/// `suite_fn!(suite, member)`: the NULL-checked function pointer `member` of
/// `suite`, or `Err(MissingSuiteFunction)` naming both.
macro_rules! suite_fn {
    ($suite:expr, $func:ident) => {
        $crate::ofx::suites::require(
            $suite.$func,
            $crate::ofx::suites::name_of($suite),
            stringify!($func),
        )
    };
}
pub(crate) use suite_fn;

/// Every suite CircleTake uses, fetched from one host.
#[derive(Debug)]
pub struct Suites {
    /// The host's property set (`OfxHost::host`).
    pub host_props: OfxPropertySetHandle,
    /// Property suite (required).
    pub property: &'static OfxPropertySuiteV1,
    /// Image effect suite (required).
    pub image_effect: &'static OfxImageEffectSuiteV1,
    /// Parameter suite (required).
    pub param: &'static OfxParameterSuiteV1,
    /// Memory suite.
    pub memory: Option<&'static OfxMemorySuiteV1>,
    /// Multi-thread suite.
    pub multithread: Option<&'static OfxMultiThreadSuiteV1>,
    /// Message suite v1.
    pub message_v1: Option<&'static OfxMessageSuiteV1>,
    /// Message suite v2 (persistent messages).
    pub message_v2: Option<&'static OfxMessageSuiteV2>,
    /// Progress suite v1.
    pub progress_v1: Option<&'static OfxProgressSuiteV1>,
    /// Progress suite v2.
    pub progress_v2: Option<&'static OfxProgressSuiteV2>,
    /// Timeline suite.
    pub timeline: Option<&'static OfxTimeLineSuiteV1>,
}

// SAFETY: `Suites` holds the host's property-set handle and pointers to the
// host's suite tables. OpenFX requires both to stay valid while the binary is
// loaded and to be usable from any thread the host calls us on.
unsafe impl Send for Suites {}
// SAFETY: as above; `Suites` is never mutated after creation.
unsafe impl Sync for Suites {}

/// The host struct as handed to `setHost`, copied.
#[derive(Clone, Copy, PartialEq)]
struct HostStruct {
    host: OfxPropertySetHandle,
    fetch_suite: usize,
}

// SAFETY: the host handle and function address are plain values that OpenFX
// guarantees valid (and thread-agnostic) while the binary is loaded.
unsafe impl Send for HostStruct {}
// SAFETY: as above; immutable.
unsafe impl Sync for HostStruct {}

struct HostState {
    host: Option<(HostStruct, OfxHost)>,
    suites: Option<(HostStruct, &'static Suites)>,
}

// SAFETY: the copied `OfxHost` holds the host's property-set handle and its
// fetchSuite function, both valid from any thread while the binary is loaded.
unsafe impl Send for HostState {}
// SAFETY: as above; all access goes through the lock.
unsafe impl Sync for HostState {}

static STATE: RwLock<HostState> = RwLock::new(HostState {
    host: None,
    suites: None,
});

/// Records the host passed to `setHost` / `OfxSetHost`. NULL is ignored.
///
/// # Safety
/// `host` must be NULL or point to a valid `OfxHost`.
pub unsafe fn set_host(host: *const OfxHost) {
    if host.is_null() {
        return;
    }
    // SAFETY: non-NULL and valid per this function's contract; copied out.
    let value = unsafe { *host };
    let key = HostStruct {
        host: value.host,
        fetch_suite: value.fetchSuite.map_or(0, |f| f as usize),
    };
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    state.host = Some((key, value));
}

/// Fetches the suites for the current host once (Load); later calls for the
/// same host return the same `&'static Suites`.
pub fn load() -> OfxResult<&'static Suites> {
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    let (key, host) = state
        .host
        .ok_or_else(|| OfxError::MissingHostFeature("setHost was never called".into()))?;
    if let Some((loaded_for, suites)) = state.suites {
        if loaded_for == key {
            return Ok(suites);
        }
    }
    let suites: &'static Suites = Box::leak(Box::new(fetch_all(&host)?));
    state.suites = Some((key, suites));
    Ok(suites)
}

/// The suites of the current host, fetching them if Load has not run yet
/// (some hosts call actions in unusual orders).
pub fn get() -> OfxResult<&'static Suites> {
    {
        let state = STATE.read().unwrap_or_else(|e| e.into_inner());
        if let (Some((key, _)), Some((loaded_for, suites))) = (state.host, state.suites) {
            if key == loaded_for {
                return Ok(suites);
            }
        }
    }
    load()
}

/// The suites if they were already fetched, without fetching (error paths).
pub fn loaded() -> Option<&'static Suites> {
    let state = STATE.read().unwrap_or_else(|e| e.into_inner());
    state.suites.map(|(_, s)| s)
}

fn fetch_all(host: &OfxHost) -> OfxResult<Suites> {
    let fetch = host.fetchSuite.ok_or(OfxError::MissingSuiteFunction {
        suite: "OfxHost",
        function: "fetchSuite",
    })?;
    let get = |name: &CStr, version: i32| -> *const c_void {
        // SAFETY: `fetch` is the host's fetchSuite, called with its own host
        // handle and a NUL-terminated suite name, as OpenFX specifies.
        unsafe { fetch(host.host, name.as_ptr(), version) }
    };
    /// Casts a fetched suite to a `&'static` of its struct type.
    fn cast<T>(ptr: *const c_void) -> Option<&'static T> {
        // SAFETY: a non-NULL pointer from fetchSuite points to the suite
        // struct of the requested name/version, valid while loaded.
        unsafe { ptr.cast::<T>().as_ref() }
    }
    let required = |ptr: *const c_void, what: &str| {
        if ptr.is_null() {
            Err(OfxError::MissingHostFeature(format!("{what} suite")))
        } else {
            Ok(ptr)
        }
    };
    Ok(Suites {
        host_props: host.host,
        property: cast(required(get(K_OFX_PROPERTY_SUITE, 1), "property")?)
            .ok_or(OfxError::NullHandle("property suite"))?,
        image_effect: cast(required(get(K_OFX_IMAGE_EFFECT_SUITE, 1), "image effect")?)
            .ok_or(OfxError::NullHandle("image effect suite"))?,
        param: cast(required(get(K_OFX_PARAMETER_SUITE, 1), "parameter")?)
            .ok_or(OfxError::NullHandle("parameter suite"))?,
        memory: cast(get(K_OFX_MEMORY_SUITE, 1)),
        multithread: cast(get(K_OFX_MULTI_THREAD_SUITE, 1)),
        message_v1: cast(get(K_OFX_MESSAGE_SUITE, 1)),
        message_v2: cast(get(K_OFX_MESSAGE_SUITE, 2)),
        progress_v1: cast(get(K_OFX_PROGRESS_SUITE, 1)),
        progress_v2: cast(get(K_OFX_PROGRESS_SUITE, 2)),
        timeline: cast(get(K_OFX_TIME_LINE_SUITE, 1)),
    })
}
