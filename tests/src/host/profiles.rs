//! Host profiles: one struct whose fields reproduce how a real host behaves
//! (see /work/shared/OFX-HOSTS.md for the facts behind each preset).

use super::images::{Components, Depth};

/// How the host splits a frame into render calls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Windows {
    /// One render call for the whole frame.
    FullFrame,
    /// Tiles of at most this many pixels square, plus the frame's centre half as a
    /// window smaller than the frame.
    Tiles(usize),
}

/// Faults the host can inject, to check that the plugin fails cleanly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// Instances lack `kOfxPropInstanceData` (`propSetPointer` replies
    /// `kOfxStatErrUnknown`), so the plugin cannot keep its instance data and
    /// CreateInstance must fail.
    pub no_instance_data: bool,
    /// `clipGetImage` outside Render (e.g. from a button's InstanceChanged) hands
    /// out images of garbage pixels, as reported of Resolve 14/15.
    pub garbage_images_outside_render: bool,
}

/// Everything that differs between the hosts the test host imitates.
#[derive(Debug, Clone)]
pub struct HostProfile {
    /// Short name ("resolve-like"...), also `kOfxPropName` of the host.
    pub name: &'static str,
    /// `kOfxPropLabel` of the host.
    pub label: &'static str,
    /// Contexts the host offers (`OfxImageEffectContextFilter`...).
    pub contexts: Vec<&'static str>,
    /// Pixel depths offered, best first.
    pub depths: Vec<Depth>,
    /// Pixel components offered.
    pub components: Vec<Components>,
    /// `kOfxImageEffectPropSupportsTiles`.
    pub tiles: bool,
    /// `kOfxImageEffectPropSupportsMultiResolution`.
    pub multi_resolution: bool,
    /// `kOfxImageEffectPropTemporalClipAccess`; when false `clipGetImage` ignores the
    /// requested time and returns the frame being rendered.
    pub temporal_access: bool,
    /// Render scales the host renders at (1.0 and, for proxies, 0.5...).
    pub render_scales: Vec<f64>,
    /// Offset of the source clip's region of definition (and image bounds) from (0, 0).
    pub origin: (i32, i32),
    /// How frames are split into render calls.
    pub windows: Windows,
    /// Rows top-down with negative `rowBytes`, data pointer at the bottom row (MLT).
    pub negative_row_bytes: bool,
    /// Extra bytes at the end of each image row.
    pub row_padding: usize,
    /// `kOfxParamPropType` push buttons are offered.
    pub push_buttons: bool,
    /// The host sends InstanceChanged, IsIdentity, GetFramesNeeded, SyncPrivateData.
    pub sends_optional_actions: bool,
    /// Load, Describe and DescribeInContext are sent again for every frame,
    /// concurrently, with a single Unload at the end (MLT).
    pub describe_per_frame: bool,
    /// A new instance per frame for render-thread-safe plugins (MLT).
    pub instance_per_frame: bool,
    /// Project size/extent/frame rate/duration, clip frame range and
    /// `kOfxPluginPropFilePath` exist (MLT lacks them: `kOfxStatErrUnknown`).
    pub project_properties: bool,
    /// Clip components/depth are set before CreateInstance (MLT sets them later).
    pub clip_format_at_create: bool,
    /// `paramGetValueAtTime` honours the time (MLT ignores it).
    pub param_time: bool,
    /// Progress and timeline suites do real work (MLT's are stubs).
    pub real_progress_and_timeline: bool,
    /// Message suite v2 is exposed with a NULL `setPersistentMessage` (Resolve 14).
    pub null_persistent_message: bool,
    /// The clip frame range covers the whole source media (Resolve 20+).
    pub whole_source_frame_range: bool,
    /// Number of instances of the effect the host keeps on one clip at once.
    pub instances_per_clip: usize,
    /// Int and double params are clamped to (-1, 1) unless they declare both a range
    /// and a display range (Resolve).
    pub needs_display_range: bool,
    /// Injected faults (none in the presets).
    pub faults: Faults,
}

impl HostProfile {
    /// DaVinci Resolve 20-like: RGBA/Alpha, Float/Short/Byte, no tiles, no
    /// multi-resolution, temporal access, push buttons, whole-media frame range,
    /// several instances per clip.
    pub fn resolve_like() -> HostProfile {
        HostProfile {
            name: "resolve-like",
            label: "Resolve-like test host",
            contexts: vec![
                "OfxImageEffectContextFilter",
                "OfxImageEffectContextGeneral",
                "OfxImageEffectContextTransition",
                "OfxImageEffectContextGenerator",
            ],
            depths: vec![Depth::Float, Depth::Short, Depth::Byte],
            components: vec![Components::Rgba, Components::Alpha],
            tiles: false,
            multi_resolution: false,
            temporal_access: true,
            render_scales: vec![1.0],
            origin: (0, 0),
            windows: Windows::FullFrame,
            negative_row_bytes: false,
            row_padding: 0,
            push_buttons: true,
            sends_optional_actions: true,
            describe_per_frame: false,
            instance_per_frame: false,
            project_properties: true,
            clip_format_at_create: true,
            param_time: true,
            real_progress_and_timeline: true,
            null_persistent_message: false,
            whole_source_frame_range: true,
            instances_per_clip: 3,
            needs_display_range: true,
            faults: Faults::default(),
        }
    }

    /// Resolve 14-like: as [`HostProfile::resolve_like`], with message suite v2's
    /// `setPersistentMessage` NULL and (reported, unconfirmed) garbage images from
    /// `clipGetImage` outside Render.
    pub fn resolve14_like() -> HostProfile {
        HostProfile {
            name: "resolve14-like",
            label: "Resolve 14-like test host",
            null_persistent_message: true,
            faults: Faults {
                garbage_images_outside_render: true,
                ..Faults::default()
            },
            ..HostProfile::resolve_like()
        }
    }

    /// Nuke-like: Float only, RGBA/Alpha, tiles and multi-resolution, non-zero
    /// image origins, render windows smaller than the frame, render scale 0.5 too.
    pub fn nuke_like() -> HostProfile {
        HostProfile {
            name: "nuke-like",
            label: "Nuke-like test host",
            contexts: vec![
                "OfxImageEffectContextFilter",
                "OfxImageEffectContextGeneral",
            ],
            depths: vec![Depth::Float],
            components: vec![Components::Rgba, Components::Alpha],
            tiles: true,
            multi_resolution: true,
            temporal_access: true,
            render_scales: vec![1.0, 0.5],
            origin: (-38, 22),
            windows: Windows::Tiles(32),
            negative_row_bytes: false,
            // Not a documented Nuke fact: padded rows check that the plugin honours
            // kOfxImagePropRowBytes rather than width x pixel size.
            row_padding: 16,
            push_buttons: true,
            sends_optional_actions: true,
            describe_per_frame: false,
            instance_per_frame: false,
            project_properties: true,
            clip_format_at_create: true,
            param_time: true,
            real_progress_and_timeline: true,
            null_persistent_message: false,
            whole_source_frame_range: false,
            instances_per_clip: 1,
            needs_display_range: false,
            faults: Faults::default(),
        }
    }

    /// MLT 7-like (`melt`): Filter only, describe per frame, an instance per frame,
    /// negative rowBytes, missing project/clip properties, stub progress/timeline,
    /// no optional actions, `clipGetImage` ignoring time.
    pub fn mlt_like() -> HostProfile {
        HostProfile {
            name: "mlt-like",
            label: "MLT-like test host",
            contexts: vec!["OfxImageEffectContextFilter"],
            depths: vec![Depth::Byte, Depth::Short, Depth::Half, Depth::Float],
            components: vec![Components::Rgba, Components::Rgb, Components::Alpha],
            tiles: false,
            multi_resolution: false,
            temporal_access: false,
            render_scales: vec![1.0],
            origin: (0, 0),
            windows: Windows::FullFrame,
            negative_row_bytes: true,
            row_padding: 0,
            push_buttons: true,
            sends_optional_actions: false,
            describe_per_frame: true,
            instance_per_frame: true,
            project_properties: false,
            clip_format_at_create: false,
            param_time: false,
            real_progress_and_timeline: false,
            null_persistent_message: false,
            whole_source_frame_range: false,
            instances_per_clip: 1,
            needs_display_range: false,
            faults: Faults::default(),
        }
    }

    /// The three main presets.
    pub fn all() -> Vec<HostProfile> {
        vec![
            HostProfile::resolve_like(),
            HostProfile::nuke_like(),
            HostProfile::mlt_like(),
        ]
    }

    /// Whether this host offers `depth` x `components`.
    pub fn offers(&self, depth: Depth, components: Components) -> bool {
        self.depths.contains(&depth) && self.components.contains(&components)
    }
}
