//! The generic main entry: catches panics, maps errors to statuses (posting
//! a message first), and dispatches actions into the [`Effect`] trait.

use std::ffi::{c_char, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use ofx_sys::*;

use super::descriptor::{ContextDescriptor, EffectDescriptor};
use super::effect::{Context, Effect, Reply};
use super::error::{OfxError, OfxResult};
use super::instance::{ClipPreferences, Instance, RegionsOfInterest};
use super::message::{self, Severity};
use super::params::define::define_params;
use super::property::PropertySet;
use super::suites::{self, suite_fn, Suites};
use super::{args, instance_data};

/// Runs `body` at the FFI boundary: a panic or error becomes a status, with
/// a log line and a message to the user when the host can show one.
pub(crate) fn boundary(
    what: &str,
    handle: *mut c_void,
    is_instance: bool,
    body: impl FnOnce() -> OfxResult<OfxStatus>,
) -> OfxStatus {
    let result = catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(OfxError::from_panic(payload)));
    match result {
        Ok(status) => status,
        Err(error) => {
            log::error!("{what}: {error}");
            if let Some(suites) = suites::loaded() {
                // Never let a failing message call mask the real status.
                let _ = catch_unwind(AssertUnwindSafe(|| {
                    message::post(
                        suites,
                        handle,
                        is_instance,
                        Severity::Error,
                        &error.to_string(),
                    )
                }));
            }
            error.status()
        }
    }
}

fn reply(r: Reply) -> OfxStatus {
    match r {
        Reply::Handled => OfxStatus::OK,
        Reply::Default => OfxStatus::REPLY_DEFAULT,
    }
}

/// The `mainEntry` of effect `E`.
///
/// # Safety
/// Called by hosts per the OpenFX API: `action` NULL or NUL-terminated,
/// `handle` an image effect descriptor/instance handle of this plug-in (or
/// NULL for Load/Unload), `in_args` / `out_args` NULL or property sets.
pub unsafe extern "C" fn main_entry<E: Effect>(
    action: *const c_char,
    handle: *const c_void,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxStatus {
    if action.is_null() {
        return OfxStatus::ERR_BAD_HANDLE;
    }
    // SAFETY: non-NULL and NUL-terminated per this function's contract.
    let action = unsafe { CStr::from_ptr(action) };
    let is_instance = !matches!(
        action.to_bytes(),
        b"OfxActionLoad"
            | b"OfxActionUnload"
            | b"OfxActionDescribe"
            | b"OfxImageEffectActionDescribeInContext"
    );
    let what = action.to_string_lossy();
    boundary(&what, handle as *mut c_void, is_instance, || {
        dispatch::<E>(action, handle as OfxImageEffectHandle, in_args, out_args)
    })
}

fn props(
    suites: &'static Suites,
    h: OfxPropertySetHandle,
    what: &'static str,
) -> OfxResult<PropertySet> {
    if h.is_null() {
        return Err(OfxError::InvalidValue(format!("the host passed no {what}")));
    }
    PropertySet::new(h, suites.property)
}

fn dispatch<E: Effect>(
    action: &CStr,
    handle: OfxImageEffectHandle,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxResult<OfxStatus> {
    match action.to_bytes() {
        b"OfxActionLoad" => suites::load().map(|_| OfxStatus::OK),
        b"OfxActionUnload" => Ok(OfxStatus::OK),
        b"OfxActionDescribe" => describe::<E>(suites::get()?, handle).map(|_| OfxStatus::OK),
        b"OfxImageEffectActionDescribeInContext" => {
            describe_in_context::<E>(suites::get()?, handle, in_args).map(|_| OfxStatus::OK)
        }
        b"OfxActionCreateInstance" => {
            let instance = Instance::new(handle, suites::get()?)?;
            let effect = E::create_instance(&instance)?;
            instance_data::store(instance.props(), effect)?;
            Ok(OfxStatus::OK)
        }
        b"OfxActionDestroyInstance" => {
            let instance = Instance::new(handle, suites::get()?)?;
            let effect = instance_data::take::<E>(instance.props())?;
            let result = effect.destroy(&instance);
            drop(effect);
            result.map(|_| OfxStatus::OK)
        }
        _ => instance_action::<E>(action, handle, in_args, out_args),
    }
}

fn instance_action<E: Effect>(
    action: &CStr,
    handle: OfxImageEffectHandle,
    in_args: OfxPropertySetHandle,
    out_args: OfxPropertySetHandle,
) -> OfxResult<OfxStatus> {
    let known = [
        K_OFX_IMAGE_EFFECT_ACTION_RENDER,
        K_OFX_IMAGE_EFFECT_ACTION_IS_IDENTITY,
        K_OFX_IMAGE_EFFECT_ACTION_GET_CLIP_PREFERENCES,
        K_OFX_IMAGE_EFFECT_ACTION_GET_REGION_OF_DEFINITION,
        K_OFX_IMAGE_EFFECT_ACTION_GET_REGIONS_OF_INTEREST,
        K_OFX_IMAGE_EFFECT_ACTION_GET_FRAMES_NEEDED,
        K_OFX_IMAGE_EFFECT_ACTION_GET_TIME_DOMAIN,
        K_OFX_IMAGE_EFFECT_ACTION_BEGIN_SEQUENCE_RENDER,
        K_OFX_IMAGE_EFFECT_ACTION_END_SEQUENCE_RENDER,
        K_OFX_ACTION_INSTANCE_CHANGED,
        K_OFX_ACTION_BEGIN_INSTANCE_CHANGED,
        K_OFX_ACTION_END_INSTANCE_CHANGED,
        K_OFX_ACTION_BEGIN_INSTANCE_EDIT,
        K_OFX_ACTION_END_INSTANCE_EDIT,
        K_OFX_ACTION_SYNC_PRIVATE_DATA,
        K_OFX_ACTION_PURGE_CACHES,
    ];
    if !known.contains(&action) {
        return Ok(OfxStatus::REPLY_DEFAULT);
    }
    let suites = suites::get()?;
    let instance = Instance::new(handle, suites)?;
    let effect = instance_data::get::<E>(instance.props())?;
    let status = match action.to_bytes() {
        b"OfxImageEffectActionRender" => {
            effect.render(
                &instance,
                &args::render(&props(suites, in_args, "render arguments")?)?,
            )?;
            OfxStatus::OK
        }
        b"OfxImageEffectActionIsIdentity" => {
            match effect.is_identity(
                &instance,
                &args::identity(&props(suites, in_args, "identity arguments")?)?,
            )? {
                Some(identity) => {
                    let out = props(suites, out_args, "identity out arguments")?;
                    out.set_cstr(K_OFX_PROP_NAME, 0, identity.clip)?;
                    out.set_double(K_OFX_PROP_TIME, 0, identity.time)?;
                    OfxStatus::OK
                }
                None => OfxStatus::REPLY_DEFAULT,
            }
        }
        b"OfxImageEffectActionGetClipPreferences" => {
            let prefs =
                ClipPreferences::new(props(suites, out_args, "clip preference out arguments")?);
            reply(effect.clip_preferences(&instance, &prefs)?)
        }
        b"OfxImageEffectActionGetRegionOfDefinition" => {
            match effect.region_of_definition(
                &instance,
                &args::rod(&props(suites, in_args, "RoD arguments")?)?,
            )? {
                Some(r) => {
                    let out = props(suites, out_args, "RoD out arguments")?;
                    out.set_doubles(
                        K_OFX_IMAGE_EFFECT_PROP_REGION_OF_DEFINITION,
                        &[r.x1, r.y1, r.x2, r.y2],
                    )?;
                    OfxStatus::OK
                }
                None => OfxStatus::REPLY_DEFAULT,
            }
        }
        b"OfxImageEffectActionGetRegionsOfInterest" => {
            let rois = RegionsOfInterest::new(props(suites, out_args, "RoI out arguments")?);
            reply(effect.regions_of_interest(
                &instance,
                &args::roi(&props(suites, in_args, "RoI arguments")?)?,
                &rois,
            )?)
        }
        b"OfxImageEffectActionBeginSequenceRender" => reply(effect.begin_sequence_render(
            &instance,
            &args::sequence(&props(suites, in_args, "sequence arguments")?)?,
        )?),
        b"OfxImageEffectActionEndSequenceRender" => reply(effect.end_sequence_render(
            &instance,
            &args::sequence(&props(suites, in_args, "sequence arguments")?)?,
        )?),
        b"OfxActionInstanceChanged" => reply(effect.instance_changed(
            &instance,
            &args::changed(&props(suites, in_args, "change arguments")?)?,
        )?),
        b"OfxActionSyncPrivateData" => reply(effect.sync_private_data(&instance)?),
        b"OfxActionPurgeCaches" => reply(effect.purge_caches(&instance)?),
        _ => OfxStatus::REPLY_DEFAULT,
    };
    Ok(status)
}

fn effect_props(suites: &'static Suites, handle: OfxImageEffectHandle) -> OfxResult<PropertySet> {
    if handle.is_null() {
        return Err(OfxError::NullHandle("image effect descriptor"));
    }
    let f = suite_fn!(suites.image_effect, getPropertySet)?;
    let mut h: OfxPropertySetHandle = std::ptr::null_mut();
    // SAFETY: descriptor handle from the host and a live out slot.
    OfxError::check("getPropertySet", unsafe { f(handle, &mut h) })?;
    PropertySet::new(h, suites.property)
}

/// Describe: the capability constants onto the descriptor. No heavy work.
fn describe<E: Effect>(suites: &'static Suites, handle: OfxImageEffectHandle) -> OfxResult<()> {
    let p = effect_props(suites, handle)?;
    p.set_cstr(K_OFX_PROP_LABEL, 0, E::LABEL)?;
    p.set_cstr(K_OFX_IMAGE_EFFECT_PLUGIN_PROP_GROUPING, 0, E::GROUPING)?;
    let _ = p.set_cstr(K_OFX_PROP_PLUGIN_DESCRIPTION, 0, E::DESCRIPTION);
    let _ = p.set_int(K_OFX_PROP_VERSION, 0, E::VERSION.0 as i32);
    let _ = p.set_int(K_OFX_PROP_VERSION, 1, E::VERSION.1 as i32);
    let label = format!("{}.{}", E::VERSION.0, E::VERSION.1);
    let _ = p.set_string(K_OFX_PROP_VERSION_LABEL, 0, &label);
    let contexts: Vec<&CStr> = E::CONTEXTS.iter().map(|c| c.as_cstr()).collect();
    p.set_cstrs(K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS, &contexts)?;
    let depths: Vec<&CStr> = E::PIXEL_DEPTHS.iter().map(|d| d.as_cstr()).collect();
    p.set_cstrs(K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_PIXEL_DEPTHS, &depths)?;
    p.set_int(
        K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_TILES,
        0,
        E::SUPPORTS_TILES.into(),
    )?;
    p.set_int(
        K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTI_RESOLUTION,
        0,
        E::SUPPORTS_MULTI_RESOLUTION.into(),
    )?;
    p.set_int(
        K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS,
        0,
        E::TEMPORAL_CLIP_ACCESS.into(),
    )?;
    p.set_cstr(
        K_OFX_IMAGE_EFFECT_PLUGIN_RENDER_THREAD_SAFETY,
        0,
        E::RENDER_THREAD_SAFETY.as_cstr(),
    )?;
    p.set_int(
        K_OFX_IMAGE_EFFECT_PLUGIN_PROP_HOST_FRAME_THREADING,
        0,
        E::HOST_FRAME_THREADING.into(),
    )?;
    let _ = p.set_int(K_OFX_IMAGE_EFFECT_PLUGIN_PROP_SINGLE_INSTANCE, 0, 0);
    let _ = p.set_int(K_OFX_IMAGE_EFFECT_PROP_SUPPORTS_MULTIPLE_CLIP_DEPTHS, 0, 0);
    E::describe(&EffectDescriptor::new(p))
}

/// DescribeInContext: the effect's clips, then its parameter table.
fn describe_in_context<E: Effect>(
    suites: &'static Suites,
    handle: OfxImageEffectHandle,
    in_args: OfxPropertySetHandle,
) -> OfxResult<()> {
    let context = props(suites, in_args, "context arguments")?
        .get_string(K_OFX_IMAGE_EFFECT_PROP_CONTEXT, 0)?
        .ok_or_else(|| OfxError::InvalidValue("DescribeInContext without a context".into()))?;
    let context = Context::parse(&context)?;
    if !E::CONTEXTS.contains(&context) {
        return Err(OfxError::MissingHostFeature(format!(
            "context {context:?} is not supported by this effect"
        )));
    }
    let p = effect_props(suites, handle)?;
    E::describe_in_context(&ContextDescriptor::new(handle, suites, p), context)?;
    let get_params = suite_fn!(suites.image_effect, getParamSet)?;
    let mut set: OfxParamSetHandle = std::ptr::null_mut();
    // SAFETY: descriptor handle from the host and a live out slot.
    OfxError::check("getParamSet", unsafe { get_params(handle, &mut set) })?;
    define_params(suites.param, suites.property, set, Some(p), E::PARAMS)
}
