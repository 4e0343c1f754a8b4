//! Test support for CircleTake: a test OpenFX host ([`host`]) and footage helpers.
//!
//! # The test OFX host
//!
//! [`host::Host`] loads a plugin bundle the way real hosts do (dlopen of
//! `NAME.ofx.bundle/Contents/Linux-x86-64/NAME.ofx`, `OfxSetHost`,
//! `OfxGetNumberOfPlugins`, `OfxGetPlugin`, `setHost`, Load ... Unload) and
//! offers the property, image-effect, parameter (with real keyframes),
//! memory, multithread (real threads), message v1/v2, progress v1/v2 and
//! timeline suites. A [`host::profiles::HostProfile`] makes it behave like
//! DaVinci Resolve, Nuke or MLT (`melt`): offered depths and components,
//! tiles, multi-resolution, image origins, negative row bytes, missing
//! properties, stub suites, which actions are sent and how often.
//!
//! ```no_run
//! use circletake_tests::host::{frames::Synthetic, images::{Components, Depth}, instance::InstanceSpec, profiles::HostProfile, Host};
//! use std::sync::Arc;
//!
//! // $CIRCLETAKE_BUNDLE, else a development bundle from cargo's libcircletake.so.
//! let host = Host::load_default(HostProfile::resolve_like())?;
//! let plugin = host.plugin("org.circletake.ShotScore")?; // setHost, Load, Describe
//! let inst = plugin.create_instance(InstanceSpec::filter(Arc::new(Synthetic::new(64, 36, 10))))?;
//! let out = inst.render(3.0, Depth::Float, Components::Rgba)?; // the profile's action sequence
//! assert!(out.status.is_ok());
//! inst.press_button("analyze")?; // InstanceChanged, kOfxChangeUserEdited
//! let keys = inst.param_keys("overlay"); // keyframes the plugin set
//! let msgs = inst.messages();
//! let progress = host.progress_log();
//! # let _ = (keys, msgs, progress);
//! # Ok::<(), circletake_tests::host::error::HostError>(())
//! ```
//!
//! * Frames come from a [`host::frames::FrameSource`]: [`host::frames::Synthetic`]
//!   (a deterministic pattern, different in every pixel, channel and frame) or
//!   [`host::frames::Footage`] (real media decoded with ffmpeg).
//! * [`host::render::RenderRequest`] asks for a depth, components, render scale
//!   and window; [`host::instance::Instance::expected_passthrough`] gives the
//!   source pixels the same request must show.
//! * [`host::mlt::render_frames`] drives the plugin melt-style (describe per
//!   frame, concurrently; an instance per frame).
//! * Transitions (hosts that offer the context, e.g. `resolve_like`):
//!   [`host::instance::InstanceSpec::transition`] places an effect on an edit
//!   between two frame sources ([`host::transition::TransitionSpec`], e.g.
//!   `TransitionSpec::centred_on` an edit); the host maps effect time to each
//!   clip's source frames, drives the `Transition` param (t / length) and checks
//!   the context's rules; [`host::instance::Instance::render_transition`]
//!   renders every frame and [`host::instance::Instance::expected_clip_image`]
//!   gives what a clip shows at a time (see [`host::transition`]).
//! * [`host::Host::violations`] lists protocol violations seen (params written
//!   in Render, clip formats not offered, bad handles...), [`host::Host::actions`]
//!   every action with its reply and duration, [`host::Host::unreleased_images`]
//!   images never released.
//! * Each [`host::Host`] loads its own copy of the binary, so several hosts
//!   (profiles) live in one test process as they would in separate processes.
//! * User actions: [`host::instance::Instance::set_param`] (a user edit, keyed
//!   or not), [`host::instance::Instance::press_button`] (InstanceChanged with
//!   `kOfxChangeUserEdited`; params the plugin edits are then reported back with
//!   `kOfxChangePluginEdited`), [`host::instance::Instance::sync_private_data`],
//!   [`host::instance::Instance::snapshot`] and [`host::instance::InstanceSpec::restore`]
//!   (a saved and reopened project), [`host::Host::cancel_progress_after`] (the
//!   user cancels: `progressUpdate` replies `kOfxStatReplyNo`).
//! * Read back: [`host::instance::Instance::param_keys`] /
//!   [`host::instance::Instance::param_value`], messages
//!   ([`host::instance::Instance::messages`],
//!   [`host::instance::Instance::persistent_message`]), [`host::Host::progress_log`].
//! * [`host::profiles::Faults`] injects host faults: instances without
//!   `kOfxPropInstanceData` (CreateInstance must fail cleanly), garbage images
//!   outside Render (reported of Resolve 14/15; on in `resolve14_like`).

pub mod host;
