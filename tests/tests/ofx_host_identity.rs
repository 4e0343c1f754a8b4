//! What the plugin tells hosts about itself: identifier, API, version, label,
//! grouping, icon file in the bundle, contexts, depths and components, clips,
//! params (with range and display range, as Resolve needs), and how long
//! Load + Describe + DescribeInContext take.

mod common;

use circletake_tests::host::bundle;
use circletake_tests::host::profiles::HostProfile;
use ofx_sys as ofx;

#[test]
fn identifier_version_label_grouping_and_icon() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let info = host
        .plugins()
        .iter()
        .find(|p| p.identifier == common::SHOT_SCORE)
        .expect("Shot Score in OfxGetPlugin");
    assert_eq!(info.api, "OfxImageEffectPluginAPI");
    assert_eq!(info.api_version, 1);
    assert_eq!(
        info.version.0, 1,
        "major version 1 (bump only on a compatibility break)"
    );
    assert!(
        plugin.identifier.starts_with("org.circletake."),
        "reverse-DNS identifier"
    );
    assert_eq!(
        plugin.string_prop(ofx::K_OFX_PROP_LABEL).as_deref(),
        Some("Shot Score")
    );
    assert_eq!(
        plugin
            .string_prop(ofx::K_OFX_IMAGE_EFFECT_PLUGIN_PROP_GROUPING)
            .as_deref(),
        Some("CircleTake")
    );
    let version = plugin
        .descriptor()
        .ints(ofx::K_OFX_PROP_VERSION)
        .unwrap_or_default();
    assert_eq!(
        version.first().copied(),
        Some(info.version.0 as i32),
        "kOfxPropVersion agrees with pluginVersionMajor"
    );
    let description = plugin
        .string_prop(ofx::K_OFX_PROP_PLUGIN_DESCRIPTION)
        .unwrap_or_default();
    assert!(
        description.len() > 20,
        "a real description: {description:?}"
    );
    let icon = host
        .bundle()
        .join("Contents")
        .join("Resources")
        .join(format!("{}.png", plugin.identifier));
    assert!(
        icon.is_file(),
        "icon {} missing (hosts show it in their effect browser)",
        icon.display()
    );
    let png = std::fs::read(&icon).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "the icon is a PNG");
    // Width and height from the IHDR chunk: hosts want at least 128 px.
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert!(
        w >= 128 && h >= 128,
        "icon is {w}x{h}, hosts want >= 128 px"
    );
    assert!(bundle::bundle_binary(host.bundle()).is_ok());
    common::assert_no_violations(&host);
}

#[test]
fn capabilities_contexts_clips_and_thread_safety() {
    let (host, plugin) = common::load(HostProfile::nuke_like());
    let d = plugin.descriptor();
    let contexts = d
        .strings(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_CONTEXTS)
        .unwrap_or_default();
    assert!(
        contexts.iter().any(|c| c == "OfxImageEffectContextFilter"),
        "Filter context (MLT needs it): {contexts:?}"
    );
    let depths = d
        .strings(ofx::K_OFX_IMAGE_EFFECT_PROP_SUPPORTED_PIXEL_DEPTHS)
        .unwrap_or_default();
    for want in [
        "OfxBitDepthByte",
        "OfxBitDepthShort",
        "OfxBitDepthHalf",
        "OfxBitDepthFloat",
    ] {
        assert!(
            depths.iter().any(|x| x == want),
            "{want} missing from {depths:?}"
        );
    }
    assert_eq!(
        d.string(ofx::K_OFX_IMAGE_EFFECT_PLUGIN_RENDER_THREAD_SAFETY)
            .as_deref(),
        Some("OfxImageEffectRenderFullySafe")
    );
    assert_eq!(
        d.int(ofx::K_OFX_IMAGE_EFFECT_PROP_TEMPORAL_CLIP_ACCESS),
        Some(1)
    );
    for context in &contexts {
        if !host.profile().contexts.contains(&context.as_str()) {
            continue;
        }
        let clips = plugin.clip_names(context).unwrap();
        assert!(
            clips.contains(&"Source".to_string()) && clips.contains(&"Output".to_string()),
            "{context}: clips {clips:?}"
        );
    }
    common::assert_no_violations(&host);
}

#[test]
fn params_have_names_labels_hints_and_ranges() {
    let (host, plugin) = common::load(HostProfile::resolve_like());
    let params = plugin.params("OfxImageEffectContextFilter").unwrap();
    let names: Vec<String> = params
        .iter()
        .map(|p| p.name.to_string_lossy().into_owned())
        .collect();
    for want in ["overlay", "analyze", "analysis_state", "device", "quality"] {
        assert!(
            names.contains(&want.to_string()),
            "param {want} missing from {names:?}"
        );
    }
    for p in &params {
        let name = p.name.to_string_lossy();
        let ptype = p.ptype.to_string_lossy();
        let label = p.props.string(ofx::K_OFX_PROP_LABEL).unwrap_or_default();
        assert!(!label.is_empty(), "{name}: empty label");
        let secret = p.props.int(ofx::K_OFX_PARAM_PROP_SECRET).unwrap_or(0) != 0;
        if !secret && ptype != "OfxParamTypePage" && ptype != "OfxParamTypeGroup" {
            let hint = p
                .props
                .string(ofx::K_OFX_PARAM_PROP_HINT)
                .unwrap_or_default();
            assert!(!hint.is_empty(), "{name}: visible param without a hint");
        }
        if ptype.starts_with("OfxParamTypeInteger") || ptype.starts_with("OfxParamTypeDouble") {
            for (lo, hi) in [
                (ofx::K_OFX_PARAM_PROP_MIN, ofx::K_OFX_PARAM_PROP_MAX),
                (
                    ofx::K_OFX_PARAM_PROP_DISPLAY_MIN,
                    ofx::K_OFX_PARAM_PROP_DISPLAY_MAX,
                ),
            ] {
                let (a, b) = (
                    p.props.doubles(lo).or_else(|| {
                        p.props
                            .ints(lo)
                            .map(|v| v.into_iter().map(f64::from).collect())
                    }),
                    p.props.doubles(hi).or_else(|| {
                        p.props
                            .ints(hi)
                            .map(|v| v.into_iter().map(f64::from).collect())
                    }),
                );
                let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
                assert!(
                    a.iter()
                        .zip(&b)
                        .all(|(a, b)| a.abs() < 1e300 && b.abs() < 1e300 && a < b),
                    "{name}: {} / {} not declared: {a:?} {b:?}",
                    lo.to_string_lossy(),
                    hi.to_string_lossy()
                );
            }
        }
        if ptype == "OfxParamTypeChoice" {
            let options = p
                .props
                .strings(ofx::K_OFX_PARAM_PROP_CHOICE_OPTION)
                .unwrap_or_default();
            let default = p.props.int(ofx::K_OFX_PARAM_PROP_DEFAULT).unwrap_or(-1);
            assert!(
                options.len() >= 2 && (0..options.len() as i32).contains(&default),
                "{name}: options {options:?}, default {default}"
            );
        }
    }
    let state = params
        .iter()
        .find(|p| p.name.to_bytes() == b"analysis_state")
        .unwrap();
    assert_eq!(
        state.props.int(ofx::K_OFX_PARAM_PROP_SECRET),
        Some(1),
        "analysis_state is hidden"
    );
    assert_eq!(
        state.props.int(ofx::K_OFX_PARAM_PROP_PERSISTANT),
        Some(1),
        "analysis_state is saved with the project"
    );
    assert_eq!(
        state.props.int(ofx::K_OFX_PARAM_PROP_ANIMATES),
        Some(0),
        "analysis_state does not animate"
    );
    // String modes: hosts show a folder browser for the export folder.
    let mode = |name: &str| {
        params
            .iter()
            .find(|p| p.name.to_bytes() == name.as_bytes())
            .and_then(|p| p.props.string(ofx::K_OFX_PARAM_PROP_STRING_MODE))
            .unwrap_or_else(|| panic!("{name}: no string mode"))
    };
    assert_eq!(mode("export_folder"), "OfxParamStringIsDirectoryPath");
    assert_eq!(mode("summary"), "OfxParamStringIsMultiLine");
    assert_eq!(mode("analysis_state"), "OfxParamStringIsSingleLine");
    // Creating an instance under the Resolve-like host checks the ranges Resolve clamps.
    let _inst = common::instance(&plugin, common::synthetic());
    common::assert_no_violations(&host);
}

#[test]
fn describe_time_is_measured_under_every_profile() {
    for profile in HostProfile::all() {
        let name = profile.name;
        let (host, plugin) = common::load(profile);
        plugin
            .describe_in_context("OfxImageEffectContextFilter")
            .unwrap();
        let t = plugin.describe_time();
        println!(
            "{name}: Load + Describe + DescribeInContext took {:.3} ms",
            t.as_secs_f64() * 1e3
        );
        let actions: Vec<String> = host.actions().into_iter().map(|a| a.action).collect();
        assert_eq!(
            actions,
            [
                "OfxActionLoad",
                "OfxActionDescribe",
                "OfxImageEffectActionDescribeInContext"
            ]
        );
        common::assert_no_violations(&host);
    }
}
