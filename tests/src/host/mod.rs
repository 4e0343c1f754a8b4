//! A test OpenFX host: loads a plugin bundle as real hosts do and drives it the
//! way a chosen [`HostProfile`] (Resolve-, Nuke- or MLT-like) does.
//!
//! The entry point is [`Host::load`]; see the crate docs for a walk-through.

pub mod actions;
pub mod bundle;
pub mod context;
pub mod effect;
pub mod error;
pub mod frames;
pub mod images;
pub mod instance;
mod instance_changes;
pub mod keyframes;
pub mod memory_blocks;
pub mod mlt;
pub mod params;
pub mod profiles;
pub mod properties;
pub mod records;
pub mod render;
mod render_steps;
pub mod sampling;
pub mod shared;
pub mod shared_image;
pub mod status;
pub mod suites;
pub mod transition;
#[cfg(test)]
mod transition_mock;
#[cfg(test)]
mod transition_tests;

use actions::{Call, Entry};
use effect::EffectNode;
use error::HostError;
use ofx_sys as ofx;
use profiles::HostProfile;
use properties::{PropertySet, Value};
use records::{lock, ActionRecord, Message, ProgressEvent};
use shared::HostShared;
use status::Status;
use std::collections::HashMap;
use std::ffi::{c_int, CStr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The `OfxHost` struct handed to the plugin; it holds a raw pointer, so it is
/// wrapped to be shared. It lives (leaked) as long as the process: the plugin may
/// keep the pointer in a static.
#[derive(Debug)]
struct HostStruct(ofx::OfxHost);
// SAFETY: the struct is immutable after creation; its pointer targets a `HostShared`
// that is itself Sync and leaked.
unsafe impl Send for HostStruct {}
// SAFETY: as above.
unsafe impl Sync for HostStruct {}

/// One plugin of the binary.
#[derive(Debug)]
pub struct PluginInfo {
    /// Index for `OfxGetPlugin`.
    pub index: i32,
    /// `pluginApi`.
    pub api: String,
    /// `apiVersion`.
    pub api_version: i32,
    /// `pluginIdentifier`.
    pub identifier: String,
    /// `pluginVersionMajor`, `pluginVersionMinor`.
    pub version: (u32, u32),
    raw: ofx::OfxPlugin,
}

// SAFETY: the raw struct points into the loaded (never unloaded) binary's static data.
unsafe impl Send for PluginInfo {}
// SAFETY: as above.
unsafe impl Sync for PluginInfo {}

#[derive(Debug)]
pub(crate) struct HostInner {
    pub(crate) shared: Arc<HostShared>,
    host_struct: &'static HostStruct,
    bundle: PathBuf,
    binary: PathBuf,
    scratch: PathBuf,
    plugins: Vec<PluginInfo>,
    /// Plugins that got Load (and so need an Unload), by index.
    loaded: Mutex<Vec<i32>>,
    /// The loaded binary (`None` for the in-process test plugins of unit tests).
    _library: Option<&'static libloading::Library>,
}

/// A loaded plugin binary under one host profile. Cloning shares the host.
#[derive(Debug, Clone)]
pub struct Host {
    inner: Arc<HostInner>,
}

impl Host {
    /// Loads `bundle` (`NAME.ofx.bundle`) under `profile`: dlopen of a private copy
    /// of `Contents/Linux-x86-64/NAME.ofx`, optional `OfxSetHost`,
    /// `OfxGetNumberOfPlugins`, `OfxGetPlugin(i)`.
    pub fn load(bundle: &Path, profile: HostProfile) -> Result<Host, HostError> {
        let original = bundle::bundle_binary(bundle)?;
        let (scratch, binary) = bundle::private_copy(bundle)?;
        eprintln!(
            "[test host] {}: loading {} (private copy {})",
            profile.name,
            original.display(),
            binary.display()
        );
        // SAFETY: loading the plugin runs its initialisers; that is what a host does.
        let lib =
            unsafe { libloading::Library::new(&binary) }.map_err(|source| HostError::Load {
                path: binary.clone(),
                source,
            })?;
        // Never unloaded: plugins (and libtorch) keep threads and TLS destructors.
        let lib: &'static libloading::Library = Box::leak(Box::new(lib));
        let shared = Arc::new(HostShared::new(profile));
        // The host struct outlives everything (the plugin may keep its pointer).
        let host_struct: &'static HostStruct = Box::leak(Box::new(HostStruct(ofx::OfxHost {
            host: shared.handle().cast(),
            fetchSuite: Some(suites::fetch_suite),
        })));
        std::mem::forget(shared.clone());
        let sym_err = |what: &str, e: libloading::Error| HostError::Bundle {
            path: binary.clone(),
            why: format!("{what}: {e}"),
        };
        // SAFETY: OfxSetHost is optional; when present it takes the host struct.
        if let Ok(set_host) = unsafe {
            lib.get::<unsafe extern "C" fn(*const ofx::OfxHost) -> ofx::OfxStatus>(b"OfxSetHost\0")
        } {
            // SAFETY: calling the plugin's exported function with a host struct that lives forever.
            let st = Status::from_ofx(unsafe { set_host(&host_struct.0) });
            if st.is_error() {
                return Err(HostError::Action {
                    action: "OfxSetHost".into(),
                    status: st,
                });
            }
        }
        // SAFETY: the two required exports of an OFX binary, with their C signatures.
        let count_fn =
            unsafe { lib.get::<unsafe extern "C" fn() -> c_int>(b"OfxGetNumberOfPlugins\0") }
                .map_err(|e| sym_err("OfxGetNumberOfPlugins", e))?;
        // SAFETY: as above.
        let get_fn = unsafe {
            lib.get::<unsafe extern "C" fn(c_int) -> *mut ofx::OfxPlugin>(b"OfxGetPlugin\0")
        }
        .map_err(|e| sym_err("OfxGetPlugin", e))?;
        // SAFETY: exported by the plugin, no arguments.
        let n = unsafe { count_fn() };
        let mut plugins = Vec::new();
        for i in 0..n {
            // SAFETY: index in 0..n as the API requires.
            let p = unsafe { get_fn(i) };
            // SAFETY: NULL or a pointer to a static OfxPlugin in the binary.
            let Some(raw) = (unsafe { p.as_ref() }).copied() else {
                return Err(HostError::Bundle {
                    path: binary.clone(),
                    why: format!("OfxGetPlugin({i}) returned NULL"),
                });
            };
            // SAFETY: C strings in the plugin's static data (NULL handled).
            let api = unsafe { suites::lossy(raw.pluginApi) };
            // SAFETY: as above.
            let identifier = unsafe { suites::lossy(raw.pluginIdentifier) };
            plugins.push(PluginInfo {
                index: i,
                api,
                api_version: raw.apiVersion,
                identifier,
                version: (raw.pluginVersionMajor, raw.pluginVersionMinor),
                raw,
            });
        }
        Ok(Host {
            inner: Arc::new(HostInner {
                shared,
                host_struct,
                bundle: bundle.to_path_buf(),
                binary,
                scratch,
                plugins,
                loaded: Mutex::new(Vec::new()),
                _library: Some(lib),
            }),
        })
    }

    /// A host for plugins compiled into the test binary itself (unit tests of
    /// the host's own machinery, e.g. a tiny transition effect): no bundle, no
    /// dlopen; `plugins` are what `OfxGetPlugin` would return.
    #[cfg(test)]
    pub(crate) fn in_process(profile: HostProfile, plugins: Vec<ofx::OfxPlugin>) -> Host {
        let shared = Arc::new(HostShared::new(profile));
        let host_struct: &'static HostStruct = Box::leak(Box::new(HostStruct(ofx::OfxHost {
            host: shared.handle().cast(),
            fetchSuite: Some(suites::fetch_suite),
        })));
        std::mem::forget(shared.clone());
        let plugins = plugins
            .into_iter()
            .enumerate()
            .map(|(i, raw)| PluginInfo {
                index: i as i32,
                // SAFETY: static C strings of the in-process plugin.
                api: unsafe { suites::lossy(raw.pluginApi) },
                api_version: raw.apiVersion,
                // SAFETY: as above.
                identifier: unsafe { suites::lossy(raw.pluginIdentifier) },
                version: (raw.pluginVersionMajor, raw.pluginVersionMinor),
                raw,
            })
            .collect();
        Host {
            inner: Arc::new(HostInner {
                shared,
                host_struct,
                bundle: PathBuf::from("(in-process)"),
                binary: PathBuf::from("(in-process)"),
                scratch: PathBuf::new(),
                plugins,
                loaded: Mutex::new(Vec::new()),
                _library: None,
            }),
        }
    }

    /// Loads the default bundle ([`bundle::default_bundle`]) under `profile`.
    pub fn load_default(profile: HostProfile) -> Result<Host, HostError> {
        Host::load(&bundle::default_bundle()?, profile)
    }

    /// Loads the development bundle ([`bundle::dev_bundle`]) under `profile`,
    /// for test binaries that also link the analysis core to compare with it.
    /// Such an executable links libtorch globally, and the packaged bundle's
    /// own (renamed) libtorch would then register its operators a second
    /// time and abort ("Key already registered"), the limit README's
    /// troubleshooting describes for hosts that link libtorch globally.
    /// The packaged bundle is what every other host test loads.
    pub fn load_linked(profile: HostProfile) -> Result<Host, HostError> {
        Host::load(&bundle::dev_bundle()?, profile)
    }

    /// The profile.
    pub fn profile(&self) -> &HostProfile {
        &self.inner.shared.profile
    }

    /// The bundle folder.
    pub fn bundle(&self) -> &Path {
        &self.inner.bundle
    }

    /// The binary actually loaded (the private copy).
    pub fn binary(&self) -> &Path {
        &self.inner.binary
    }

    /// The plugins the binary declares.
    pub fn plugins(&self) -> &[PluginInfo] {
        &self.inner.plugins
    }

    /// Sets up the plugin `identifier`: `setHost`, Load, Describe. Each call makes a
    /// new descriptor; Load is sent once per host (except for hosts that describe
    /// per frame).
    pub fn plugin(&self, identifier: &str) -> Result<Plugin, HostError> {
        let info = self
            .inner
            .plugins
            .iter()
            .find(|p| p.identifier == identifier)
            .ok_or_else(|| HostError::NoSuchPlugin(identifier.into()))?;
        let main = info.raw.mainEntry.ok_or_else(|| HostError::Bundle {
            path: self.inner.binary.clone(),
            why: format!("{identifier}: NULL mainEntry"),
        })?;
        let entry = Entry { main };
        let started = Instant::now();
        {
            let mut loaded = lock(&self.inner.loaded);
            if !loaded.contains(&info.index) {
                if let Some(set_host) = info.raw.setHost {
                    // SAFETY: the plugin's setHost with the leaked host struct.
                    unsafe {
                        set_host(
                            &self.inner.host_struct.0 as *const ofx::OfxHost as *mut ofx::OfxHost,
                        )
                    };
                }
                let st = actions::send(
                    entry,
                    &self.inner.shared.records,
                    Call::new(ofx::K_OFX_ACTION_LOAD, std::ptr::null(), 0),
                );
                if st.is_error() {
                    return Err(HostError::Action {
                        action: "OfxActionLoad".into(),
                        status: st,
                    });
                }
                loaded.push(info.index);
            }
        }
        let load_time = started.elapsed();
        let plugin = Plugin {
            host: self.clone(),
            index: info.index,
            identifier: info.identifier.clone(),
            entry,
            descriptor: Arc::new(self.new_descriptor("effect descriptor")),
            contexts: Arc::new(Mutex::new(HashMap::new())),
            describe_time: Arc::new(Mutex::new(load_time)),
        };
        let t = Instant::now();
        let st = plugin.send(Call::new(
            ofx::K_OFX_ACTION_DESCRIBE,
            plugin.descriptor.handle(),
            0,
        ));
        *lock(&plugin.describe_time) += t.elapsed();
        if st.is_error() {
            return Err(HostError::Action {
                action: "OfxActionDescribe".into(),
                status: st,
            });
        }
        Ok(plugin)
    }

    /// A fresh effect descriptor with the host-set properties.
    pub(crate) fn new_descriptor(&self, what: &str) -> EffectNode {
        let d = EffectNode::new(&self.inner.shared, 0, what);
        d.props.define(
            ofx::K_OFX_PROP_TYPE,
            Value::String(vec![ofx::K_OFX_TYPE_IMAGE_EFFECT.to_owned()]),
        );
        if self.profile().project_properties {
            d.props.define(
                ofx::K_OFX_PLUGIN_PROP_FILE_PATH,
                Value::strings(&[self.inner.bundle.to_string_lossy()]),
            );
        }
        d
    }

    /// Every action sent so far.
    pub fn actions(&self) -> Vec<ActionRecord> {
        lock(&self.inner.shared.records.actions).clone()
    }

    /// Every message posted so far (all instances).
    pub fn messages(&self) -> Vec<Message> {
        lock(&self.inner.shared.records.messages).clone()
    }

    /// Every progress call so far.
    pub fn progress_log(&self) -> Vec<ProgressEvent> {
        lock(&self.inner.shared.records.progress).clone()
    }

    /// Protocol violations seen (empty for a correct plugin).
    pub fn violations(&self) -> Vec<String> {
        lock(&self.inner.shared.records.violations).clone()
    }

    /// Makes `progressUpdate` reply `kOfxStatReplyNo` from the `n`th update on
    /// (counted from now); `None` never cancels.
    pub fn cancel_progress_after(&self, n: Option<usize>) {
        self.inner
            .shared
            .progress_updates
            .store(0, std::sync::atomic::Ordering::Relaxed);
        *lock(&self.inner.shared.cancel_after) = n;
    }

    /// Moves the timeline (the time `paramGetValue` and the timeline suite see).
    pub fn set_time(&self, t: f64) {
        *lock(&self.inner.shared.timeline_time) = t;
    }

    /// Images handed out by `clipGetImage` and not released yet.
    pub fn unreleased_images(&self) -> usize {
        suites::image_effect::unreleased_images(&self.inner.shared)
    }

    /// Sends Unload to every loaded plugin now (otherwise sent when the last
    /// handle to the host drops); returns the replies.
    pub fn unload(&self) -> Vec<Status> {
        self.inner.unload()
    }

    pub(crate) fn shared(&self) -> &Arc<HostShared> {
        &self.inner.shared
    }
}

impl HostInner {
    fn unload(&self) -> Vec<Status> {
        let loaded: Vec<i32> = lock(&self.loaded).drain(..).collect();
        let mut replies = Vec::new();
        for index in loaded {
            let main = self
                .plugins
                .iter()
                .find(|p| p.index == index)
                .and_then(|p| p.raw.mainEntry);
            if let Some(main) = main {
                let call = Call::new(ofx::K_OFX_ACTION_UNLOAD, std::ptr::null(), 0);
                let st = actions::send(Entry { main }, &self.shared.records, call);
                if st.is_error() {
                    eprintln!("[test host] OfxActionUnload returned {st}");
                }
                replies.push(st);
            }
        }
        replies
    }
}

impl Drop for HostInner {
    fn drop(&mut self) {
        self.unload();
        if !self.scratch.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.scratch);
        }
    }
}

/// A described plugin: its effect descriptor and per-context descriptors.
#[derive(Debug, Clone)]
pub struct Plugin {
    pub(crate) host: Host,
    /// `OfxGetPlugin` index.
    pub index: i32,
    /// `pluginIdentifier`.
    pub identifier: String,
    pub(crate) entry: Entry,
    pub(crate) descriptor: Arc<EffectNode>,
    pub(crate) contexts: Arc<Mutex<HashMap<String, Arc<EffectNode>>>>,
    describe_time: Arc<Mutex<Duration>>,
}

impl Plugin {
    /// The host.
    pub fn host(&self) -> &Host {
        &self.host
    }

    pub(crate) fn send(&self, call: Call<'_>) -> Status {
        actions::send(self.entry, &self.host.inner.shared.records, call)
    }

    /// The effect descriptor's properties (after Describe).
    pub fn descriptor(&self) -> &PropertySet {
        &self.descriptor.props
    }

    /// Sends DescribeInContext for `context` (once; cached).
    pub fn describe_in_context(&self, context: &str) -> Result<Arc<EffectNode>, HostError> {
        if let Some(d) = lock(&self.contexts).get(context) {
            return Ok(d.clone());
        }
        if !self.host.profile().contexts.contains(&context) {
            return Err(HostError::NotOffered {
                profile: self.host.profile().name.into(),
                what: format!("context {context}"),
            });
        }
        // Hosts only describe an effect in the contexts it declared in Describe.
        let declared = self
            .descriptor
            .props
            .strings(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS)
            .unwrap_or_default();
        if !declared.iter().any(|c| c == context) {
            return Err(HostError::NotSupported(format!(
                "context {context} (the effect declares {declared:?})"
            )));
        }
        let t = Instant::now();
        let (d, st) = self.describe_context_fresh(context);
        *lock(&self.describe_time) += t.elapsed();
        if st.is_error() {
            return Err(HostError::Action {
                action: format!("OfxImageEffectActionDescribeInContext({context})"),
                status: st,
            });
        }
        if context == transition::CONTEXT {
            transition::check_descriptor(&d, &self.host.inner.shared);
        }
        let d = Arc::new(d);
        lock(&self.contexts).insert(context.to_owned(), d.clone());
        Ok(d)
    }

    /// A new context descriptor (copy of the effect descriptor) and DescribeInContext's reply.
    pub(crate) fn describe_context_fresh(&self, context: &str) -> (EffectNode, Status) {
        let d = self
            .host
            .new_descriptor(&format!("effect descriptor ({context})"));
        d.props.copy_from(&self.descriptor.props);
        d.props.set(
            ofx::K_OFX_IMAGE_EFFECT_PROP_CONTEXT,
            Value::strings(&[context]),
        );
        let in_args = PropertySet::new("DescribeInContext inArgs", false);
        in_args.define(
            ofx::K_OFX_IMAGE_EFFECT_PROP_CONTEXT,
            Value::strings(&[context]),
        );
        let st = self.send(
            Call::new(
                ofx::K_OFX_IMAGE_EFFECT_ACTION_DESCRIBE_IN_CONTEXT,
                d.handle(),
                0,
            )
            .input(&in_args),
        );
        (d, st)
    }

    /// Time spent in Load + Describe + DescribeInContext so far.
    pub fn describe_time(&self) -> Duration {
        *lock(&self.describe_time)
    }

    /// The params declared for `context`: (name, type, properties).
    pub fn params(&self, context: &str) -> Result<Vec<Arc<params::ParamNode>>, HostError> {
        Ok(self.describe_in_context(context)?.params.all())
    }

    /// The clips declared for `context`.
    pub fn clip_names(&self, context: &str) -> Result<Vec<String>, HostError> {
        Ok(self.describe_in_context(context)?.clip_names())
    }

    /// A string property of the effect descriptor.
    pub fn string_prop(&self, name: &CStr) -> Option<String> {
        self.descriptor.props.string(name)
    }
}
