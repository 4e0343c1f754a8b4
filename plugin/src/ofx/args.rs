//! Reading the typed action arguments out of `inArgs`.

use ofx_sys::*;

use super::effect::{
    ChangeReason, ChangedArgs, ChangedKind, IdentityArgs, RenderArgs, RodArgs, RoiArgs,
    SequenceArgs,
};
use super::error::{OfxError, OfxResult};
use super::pixel::PixelRect;
use super::property::PropertySet;

fn time(p: &PropertySet) -> OfxResult<f64> {
    Ok(p.get_double(K_OFX_PROP_TIME, 0)?.unwrap_or(0.0))
}

fn scale(p: &PropertySet) -> OfxResult<(f64, f64)> {
    Ok(p.get_doubles::<2>(K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE)?
        .map_or((1.0, 1.0), |s| (s[0], s[1])))
}

fn flag(p: &PropertySet, name: &std::ffi::CStr) -> OfxResult<bool> {
    Ok(p.get_int(name, 0)?.unwrap_or(0) != 0)
}

fn window(p: &PropertySet) -> OfxResult<PixelRect> {
    p.get_ints::<4>(K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW)?
        .map(PixelRect::from)
        .ok_or_else(|| {
            OfxError::InvalidValue(
                "no kOfxImageEffectPropRenderWindow in the action's arguments".into(),
            )
        })
}

/// Render arguments.
pub fn render(p: &PropertySet) -> OfxResult<RenderArgs> {
    Ok(RenderArgs {
        time: time(p)?,
        window: window(p)?,
        render_scale: scale(p)?,
        field: p.get_string(K_OFX_IMAGE_EFFECT_PROP_FIELD_TO_RENDER, 0)?,
        sequential: flag(p, K_OFX_IMAGE_EFFECT_PROP_SEQUENTIAL_RENDER_STATUS)?,
        interactive: flag(p, K_OFX_IMAGE_EFFECT_PROP_INTERACTIVE_RENDER_STATUS)?,
        draft: flag(p, K_OFX_IMAGE_EFFECT_PROP_RENDER_QUALITY_DRAFT)?,
        src_frame: p.get_int(K_OFX_IMAGE_EFFECT_PROP_SRC_FRAME, 0)?,
        src_file_path: p
            .get_string(K_OFX_IMAGE_EFFECT_PROP_SRC_FILE_PATH, 0)?
            .filter(|s| !s.is_empty()),
    })
}

/// IsIdentity arguments.
pub fn identity(p: &PropertySet) -> OfxResult<IdentityArgs> {
    Ok(IdentityArgs {
        time: time(p)?,
        window: window(p)?,
        render_scale: scale(p)?,
    })
}

/// GetRegionOfDefinition arguments.
pub fn rod(p: &PropertySet) -> OfxResult<RodArgs> {
    Ok(RodArgs {
        time: time(p)?,
        render_scale: scale(p)?,
    })
}

/// GetRegionsOfInterest arguments.
pub fn roi(p: &PropertySet) -> OfxResult<RoiArgs> {
    let region = p
        .get_doubles::<4>(K_OFX_IMAGE_EFFECT_PROP_REGION_OF_INTEREST)?
        .ok_or_else(|| {
            OfxError::InvalidValue(
                "no kOfxImageEffectPropRegionOfInterest in GetRegionsOfInterest's arguments".into(),
            )
        })?;
    Ok(RoiArgs {
        time: time(p)?,
        region: OfxRectD {
            x1: region[0],
            y1: region[1],
            x2: region[2],
            y2: region[3],
        },
        render_scale: scale(p)?,
    })
}

/// Begin/EndSequenceRender arguments.
pub fn sequence(p: &PropertySet) -> OfxResult<SequenceArgs> {
    let range = p
        .get_doubles::<2>(K_OFX_IMAGE_EFFECT_PROP_FRAME_RANGE)?
        .unwrap_or([0.0, 0.0]);
    Ok(SequenceArgs {
        frame_range: (range[0], range[1]),
        frame_step: p
            .get_double(K_OFX_IMAGE_EFFECT_PROP_FRAME_STEP, 0)?
            .unwrap_or(1.0),
        interactive: flag(p, K_OFX_PROP_IS_INTERACTIVE)?,
        render_scale: scale(p)?,
    })
}

/// InstanceChanged arguments.
pub fn changed(p: &PropertySet) -> OfxResult<ChangedArgs> {
    let kind = match p
        .get_string(K_OFX_PROP_TYPE, 0)?
        .unwrap_or_default()
        .as_str()
    {
        "OfxTypeParameter" => ChangedKind::Param,
        "OfxTypeClip" => ChangedKind::Clip,
        other => ChangedKind::Other(other.to_owned()),
    };
    let reason = match p
        .get_string(K_OFX_PROP_CHANGE_REASON, 0)?
        .unwrap_or_default()
        .as_str()
    {
        "OfxChangeUserEdited" => ChangeReason::UserEdited,
        "OfxChangePluginEdited" => ChangeReason::PluginEdited,
        "OfxChangeTime" => ChangeReason::Time,
        other => ChangeReason::Other(other.to_owned()),
    };
    Ok(ChangedArgs {
        kind,
        name: p.get_string(K_OFX_PROP_NAME, 0)?.unwrap_or_default(),
        reason,
        time: time(p)?,
        render_scale: scale(p)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ofx::testing::FakeProps;

    #[test]
    fn render_args_with_and_without_optional_properties() {
        let fake = FakeProps::new();
        let p = fake.set();
        for (i, v) in [0, 0, 320, 240].into_iter().enumerate() {
            p.set_int(K_OFX_IMAGE_EFFECT_PROP_RENDER_WINDOW, i, v)
                .unwrap();
        }
        p.set_double(K_OFX_PROP_TIME, 0, 12.0).unwrap();
        let a = render(&p).unwrap();
        assert_eq!(
            (a.time, a.window, a.render_scale),
            (12.0, PixelRect::new(0, 0, 320, 240), (1.0, 1.0))
        );
        assert_eq!((a.interactive, a.src_frame), (false, None));
        p.set_doubles(K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE, &[0.5, 0.5])
            .unwrap();
        p.set_int(K_OFX_IMAGE_EFFECT_PROP_SRC_FRAME, 0, 1234)
            .unwrap();
        let a = render(&p).unwrap();
        assert_eq!((a.render_scale, a.src_frame), ((0.5, 0.5), Some(1234)));
    }

    #[test]
    fn missing_render_window_is_an_error() {
        let fake = FakeProps::new();
        assert!(matches!(
            render(&fake.set()),
            Err(OfxError::InvalidValue(_))
        ));
    }

    #[test]
    fn roi_args_need_the_region() {
        let fake = FakeProps::new();
        let p = fake.set();
        p.set_double(K_OFX_PROP_TIME, 0, 4.0).unwrap();
        assert!(matches!(roi(&p), Err(OfxError::InvalidValue(_))));
        p.set_doubles(
            K_OFX_IMAGE_EFFECT_PROP_REGION_OF_INTEREST,
            &[-8.0, 2.0, 40.0, 34.5],
        )
        .unwrap();
        p.set_doubles(K_OFX_IMAGE_EFFECT_PROP_RENDER_SCALE, &[0.5, 0.5])
            .unwrap();
        let a = roi(&p).unwrap();
        let r = a.region;
        assert_eq!(
            (a.time, [r.x1, r.y1, r.x2, r.y2], a.render_scale),
            (4.0, [-8.0, 2.0, 40.0, 34.5], (0.5, 0.5))
        );
    }

    #[test]
    fn changed_args() {
        let fake = FakeProps::new();
        let p = fake.set();
        p.set_cstr(K_OFX_PROP_TYPE, 0, K_OFX_TYPE_PARAMETER)
            .unwrap();
        p.set_string(K_OFX_PROP_NAME, 0, "analyze").unwrap();
        p.set_cstr(K_OFX_PROP_CHANGE_REASON, 0, K_OFX_CHANGE_USER_EDITED)
            .unwrap();
        let a = changed(&p).unwrap();
        assert_eq!(
            (a.kind, a.name.as_str(), a.reason),
            (ChangedKind::Param, "analyze", ChangeReason::UserEdited)
        );
    }
}
