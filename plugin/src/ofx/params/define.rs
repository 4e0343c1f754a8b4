//! Turns a [`ParamSpec`] table into `paramDefine` calls and descriptor
//! properties (DescribeInContext).

use std::ffi::{c_int, CString};

use ofx_sys::*;

use super::spec::{ParamKind, ParamSpec};
use crate::ofx::error::{OfxError, OfxResult};
use crate::ofx::property::PropertySet;
use crate::ofx::suites::suite_fn;

/// Sets a property the host may not know (older hosts, MLT): unknown or
/// unsupported is logged and ignored, other failures are errors.
fn optional(result: OfxResult<()>, what: &str) -> OfxResult<()> {
    match result {
        Err(OfxError::Host { status, .. })
            if status == OfxStatus::ERR_UNKNOWN || status == OfxStatus::ERR_UNSUPPORTED =>
        {
            log::debug!("host ignored optional param property {what}");
            Ok(())
        }
        other => other,
    }
}

fn ofx_type(kind: &ParamKind) -> &'static std::ffi::CStr {
    match kind {
        ParamKind::Double { .. } => K_OFX_PARAM_TYPE_DOUBLE,
        ParamKind::Int { .. } => K_OFX_PARAM_TYPE_INTEGER,
        ParamKind::Boolean { .. } => K_OFX_PARAM_TYPE_BOOLEAN,
        ParamKind::Choice { .. } => K_OFX_PARAM_TYPE_CHOICE,
        ParamKind::String { .. } => K_OFX_PARAM_TYPE_STRING,
        ParamKind::PushButton => K_OFX_PARAM_TYPE_PUSH_BUTTON,
        ParamKind::Group { .. } => K_OFX_PARAM_TYPE_GROUP,
        ParamKind::Page => K_OFX_PARAM_TYPE_PAGE,
    }
}

/// Defines every param of `specs` in `param_set`, then sets the page order
/// on `effect_props`.
pub(crate) fn define_params(
    param_suite: &'static OfxParameterSuiteV1,
    prop_suite: &'static OfxPropertySuiteV1,
    param_set: OfxParamSetHandle,
    effect_props: Option<PropertySet>,
    specs: &[ParamSpec],
) -> OfxResult<()> {
    if param_set.is_null() {
        return Err(OfxError::NullHandle("parameter set"));
    }
    let define = suite_fn!(param_suite, paramDefine)?;
    for spec in specs {
        let mut props_handle: OfxPropertySetHandle = std::ptr::null_mut();
        // SAFETY: valid param set handle from the host, NUL-terminated type
        // and name, and a live slot for the descriptor's property set.
        let status = unsafe {
            define(
                param_set,
                ofx_type(&spec.kind).as_ptr(),
                spec.name.as_ptr(),
                &mut props_handle,
            )
        };
        if status == OfxStatus::ERR_EXISTS {
            // A host re-running DescribeInContext on the same descriptor
            // (MLT describes repeatedly): the param is already there.
            log::debug!("param {:?} already defined", spec.name);
            continue;
        }
        OfxError::check("paramDefine", status)?;
        let props = PropertySet::new(props_handle, prop_suite)?;
        describe_one(&props, spec, specs)?;
    }
    if let Some(effect_props) = effect_props {
        let pages: Vec<&std::ffi::CStr> = specs
            .iter()
            .filter(|s| s.kind == ParamKind::Page)
            .map(|s| s.name)
            .collect();
        optional(
            effect_props.set_cstrs(K_OFX_PLUGIN_PROP_PARAM_PAGE_ORDER, &pages),
            "page order",
        )?;
    }
    Ok(())
}

fn describe_one(props: &PropertySet, spec: &ParamSpec, all: &[ParamSpec]) -> OfxResult<()> {
    props.set_string(K_OFX_PROP_LABEL, 0, spec.label)?;
    optional(
        props.set_cstr(K_OFX_PARAM_PROP_SCRIPT_NAME, 0, spec.name),
        "script name",
    )?;
    if !spec.hint.is_empty() {
        optional(
            props.set_string(K_OFX_PARAM_PROP_HINT, 0, spec.hint),
            "hint",
        )?;
    }
    if let Some(parent) = spec.parent {
        props.set_cstr(K_OFX_PARAM_PROP_PARENT, 0, parent)?;
    }
    if spec.secret {
        props.set_int(K_OFX_PARAM_PROP_SECRET, 0, 1)?;
    }
    let valued = !matches!(
        spec.kind,
        ParamKind::PushButton | ParamKind::Group { .. } | ParamKind::Page
    );
    if valued {
        optional(
            props.set_int(K_OFX_PARAM_PROP_ANIMATES, 0, spec.animates.into()),
            "animates",
        )?;
        optional(
            props.set_int(K_OFX_PARAM_PROP_PERSISTANT, 0, spec.persistent.into()),
            "persistent",
        )?;
    }
    if !spec.evaluate_on_change {
        optional(
            props.set_int(K_OFX_PARAM_PROP_EVALUATE_ON_CHANGE, 0, 0),
            "evaluate on change",
        )?;
    }
    match spec.kind {
        ParamKind::Double {
            default,
            range,
            display,
            digits,
        } => {
            props.set_double(K_OFX_PARAM_PROP_DEFAULT, 0, default)?;
            props.set_double(K_OFX_PARAM_PROP_MIN, 0, range.0)?;
            props.set_double(K_OFX_PARAM_PROP_MAX, 0, range.1)?;
            props.set_double(K_OFX_PARAM_PROP_DISPLAY_MIN, 0, display.0)?;
            props.set_double(K_OFX_PARAM_PROP_DISPLAY_MAX, 0, display.1)?;
            optional(props.set_int(K_OFX_PARAM_PROP_DIGITS, 0, digits), "digits")?;
        }
        ParamKind::Int {
            default,
            range,
            display,
        } => {
            props.set_int(K_OFX_PARAM_PROP_DEFAULT, 0, default)?;
            props.set_int(K_OFX_PARAM_PROP_MIN, 0, range.0)?;
            props.set_int(K_OFX_PARAM_PROP_MAX, 0, range.1)?;
            props.set_int(K_OFX_PARAM_PROP_DISPLAY_MIN, 0, display.0)?;
            props.set_int(K_OFX_PARAM_PROP_DISPLAY_MAX, 0, display.1)?;
        }
        ParamKind::Boolean { default } => {
            props.set_int(K_OFX_PARAM_PROP_DEFAULT, 0, default.into())?;
        }
        ParamKind::Choice { default, options } => {
            for (i, option) in options.iter().enumerate() {
                props.set_string(K_OFX_PARAM_PROP_CHOICE_OPTION, i, option)?;
            }
            props.set_int(K_OFX_PARAM_PROP_DEFAULT, 0, default as c_int)?;
        }
        ParamKind::String { default, mode } => {
            props.set_string(K_OFX_PARAM_PROP_DEFAULT, 0, default)?;
            optional(
                props.set_cstr(K_OFX_PARAM_PROP_STRING_MODE, 0, mode.as_cstr()),
                "string mode",
            )?;
        }
        ParamKind::PushButton => {}
        ParamKind::Group { open } => {
            optional(
                props.set_int(K_OFX_PARAM_PROP_GROUP_OPEN, 0, open.into()),
                "group open",
            )?;
        }
        ParamKind::Page => {
            let children: Vec<CString> = all
                .iter()
                .filter(|s| s.page == Some(spec.name))
                .filter(|s| !matches!(s.kind, ParamKind::Page | ParamKind::Group { .. }))
                .map(|s| s.name.to_owned())
                .collect();
            for (i, child) in children.iter().enumerate() {
                props.set_cstr(K_OFX_PARAM_PROP_PAGE_CHILD, i, child)?;
            }
        }
    }
    Ok(())
}
