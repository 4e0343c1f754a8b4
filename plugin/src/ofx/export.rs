//! The C symbols a host looks for: `OfxSetHost`, `OfxGetNumberOfPlugins`,
//! `OfxGetPlugin`, emitted by `ofx_plugins!` for a list of effects, and
//! each plug-in's `setHost` / `mainEntry`.

use std::ffi::c_int;
use std::panic::catch_unwind;

use ofx_sys::*;

use super::dispatch::{boundary, main_entry};
use super::effect::Effect;
use super::error::OfxError;
use super::suites;

/// An `OfxPlugin` that may live in a `static`.
#[repr(transparent)]
#[derive(Debug)]
pub struct PluginEntry(OfxPlugin);

// SAFETY: the struct only points at 'static C strings and functions and is
// never mutated, so sharing it between threads is sound.
unsafe impl Sync for PluginEntry {}

impl PluginEntry {
    /// The `OfxPlugin` describing effect `E`.
    pub const fn of<E: Effect>() -> Self {
        Self(OfxPlugin {
            pluginApi: K_OFX_IMAGE_EFFECT_PLUGIN_API.as_ptr(),
            apiVersion: K_OFX_IMAGE_EFFECT_PLUGIN_API_VERSION,
            pluginIdentifier: E::IDENTIFIER.as_ptr(),
            pluginVersionMajor: E::VERSION.0,
            pluginVersionMinor: E::VERSION.1,
            setHost: Some(set_host),
            mainEntry: Some(main_entry::<E>),
        })
    }

    /// The plug-in struct.
    pub fn plugin(&self) -> &OfxPlugin {
        &self.0
    }
}

/// `OfxPlugin::setHost` of every CircleTake plug-in.
///
/// # Safety
/// `host` is NULL or a valid `OfxHost`, per the OpenFX API.
pub unsafe extern "C" fn set_host(host: *mut OfxHost) {
    // SAFETY: forwarded contract.
    if catch_unwind(|| unsafe { suites::set_host(host) }).is_err() {
        log::error!("panic in setHost");
    }
}

/// `OfxSetHost`: records the host; `kOfxStatErrBadHandle` for NULL.
///
/// # Safety
/// `host` is NULL or a valid `OfxHost`, per the OpenFX API.
pub(crate) unsafe fn ofx_set_host(host: *const OfxHost) -> OfxStatus {
    boundary("OfxSetHost", std::ptr::null_mut(), false, || {
        if host.is_null() {
            return Err(OfxError::NullHandle("OfxHost"));
        }
        // SAFETY: non-NULL and valid per the forwarded contract.
        unsafe { suites::set_host(host) };
        Ok(OfxStatus::OK)
    })
}

/// `OfxGetNumberOfPlugins` (0 if anything went wrong).
pub(crate) fn number_of_plugins(plugins: &[PluginEntry]) -> c_int {
    catch_unwind(|| c_int::try_from(plugins.len()).unwrap_or(0)).unwrap_or(0)
}

/// `OfxGetPlugin`: the nth plug-in, NULL when out of range.
pub(crate) fn get_plugin(plugins: &'static [PluginEntry], nth: c_int) -> *mut OfxPlugin {
    let found = catch_unwind(|| {
        usize::try_from(nth)
            .ok()
            .and_then(|i| plugins.get(i))
            .map(|p| p.plugin() as *const OfxPlugin)
    });
    match found {
        // Hosts take `OfxPlugin *` but never write through it.
        Ok(Some(p)) => p.cast_mut(),
        _ => std::ptr::null_mut(),
    }
}

/// Emits the OpenFX entry points for a list of [`Effect`] types.
macro_rules! ofx_plugins {
    ($($effect:ty),+ $(,)?) => {
        static OFX_PLUGINS: &[$crate::ofx::export::PluginEntry] =
            &[$($crate::ofx::export::PluginEntry::of::<$effect>()),+];

        /// OpenFX: first call of a host (optional).
        ///
        /// # Safety
        /// `host` is NULL or a valid `OfxHost`.
        #[no_mangle]
        pub unsafe extern "C" fn OfxSetHost(host: *const ofx_sys::OfxHost) -> ofx_sys::OfxStatus {
            // SAFETY: forwarded contract.
            unsafe { $crate::ofx::export::ofx_set_host(host) }
        }

        /// OpenFX: number of plug-ins in this binary.
        #[no_mangle]
        pub extern "C" fn OfxGetNumberOfPlugins() -> std::ffi::c_int {
            $crate::ofx::export::number_of_plugins(OFX_PLUGINS)
        }

        /// OpenFX: the nth plug-in (NULL out of range).
        #[no_mangle]
        pub extern "C" fn OfxGetPlugin(nth: std::ffi::c_int) -> *mut ofx_sys::OfxPlugin {
            $crate::ofx::export::get_plugin(OFX_PLUGINS, nth)
        }
    };
}
pub(crate) use ofx_plugins;
