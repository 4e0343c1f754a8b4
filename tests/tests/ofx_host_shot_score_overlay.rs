//! Shot Score's overlay through the test host: off is a bit-exact
//! passthrough; on without analysis draws the live HUD in the top-left box
//! and nothing else; every depth x components a host offers renders; a
//! window (other tiling) equals the same pixels of a full-frame render, at
//! scale 1 and 0.5 with a non-zero origin; after Analyze Clip on bikes.mp4
//! the strip is drawn and frames outside the trim are dimmed. PNGs of the
//! overlay on bikes.mp4 (native and upscaled to 1920 wide) go to
//! `target/test-output/overlay/` for people to look at.

mod common;

use circletake_tests::host::bundle;
use circletake_tests::host::error::HostError;
use circletake_tests::host::frames::{Footage, FrameSource, Synthetic};
use circletake_tests::host::images::{Components, Depth, OwnedImage, RectI, RowLayout};
use circletake_tests::host::instance::Instance;
use circletake_tests::host::keyframes::ParamValue;
use circletake_tests::host::profiles::HostProfile;
use circletake_tests::host::render::{RenderRequest, Rendered};
use std::path::PathBuf;
use std::sync::Arc;

fn render(inst: &Instance, req: &RenderRequest, what: &str) -> Rendered {
    let r = inst
        .render_request(req)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(r.status.is_ok(), "{what}: render replied {}", r.status);
    assert_eq!(
        (r.image.depth, r.image.components),
        (req.depth, req.components),
        "{what}: output format"
    );
    r
}

/// Pixels (absolute) where `a` and `b` differ inside `window`.
fn differences(a: &OwnedImage, b: &OwnedImage, window: RectI) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for y in window.y1..window.y2 {
        for x in window.x1..window.x2 {
            if a.pixel(x, y) != b.pixel(x, y) {
                out.push((x, y));
            }
        }
    }
    out
}

/// An instance with the overlay on and render-driven analysis off (so the
/// overlay shows exactly what the test set up).
fn overlay_instance(
    plugin: &circletake_tests::host::Plugin,
    source: Arc<dyn FrameSource>,
) -> Instance {
    let inst = common::instance(plugin, source);
    inst.set_param("overlay", ParamValue::Num(vec![1.0]), None)
        .expect("set overlay");
    inst.set_param("analyze_while_playing", ParamValue::Num(vec![0.0]), None)
        .expect("set analyze_while_playing");
    inst
}

fn medium() -> Arc<dyn FrameSource> {
    Arc::new(Synthetic::new(320, 180, 6))
}

#[test]
fn overlay_off_is_a_bit_exact_passthrough() {
    for profile in HostProfile::all() {
        let name = profile.name;
        let (host, plugin) = common::load(profile.clone());
        let inst = common::instance(&plugin, medium());
        inst.set_param("overlay", ParamValue::Num(vec![0.0]), None)
            .unwrap();
        for depth in profile.depths.clone() {
            for comps in profile.components.clone() {
                let req = RenderRequest::new(2.0, depth, comps);
                let what = format!("{name} {depth:?} {comps:?}");
                let r = render(&inst, &req, &what);
                let want = inst.expected_passthrough(&req).unwrap();
                assert_eq!(r.image.bounds, want.bounds, "{what}");
                if let Some(d) = r.image.first_difference(&want, want.bounds) {
                    panic!("{what}: overlay off changed pixel {d:?}");
                }
            }
        }
        common::assert_no_violations(&host);
    }
}

#[test]
fn live_hud_without_analysis_changes_only_its_box() {
    for profile in HostProfile::all() {
        let name = profile.name;
        let (host, plugin) = common::load(profile.clone());
        let inst = overlay_instance(&plugin, medium());
        let req = RenderRequest::new(3.0, profile.depths[0], Components::Rgba);
        let r = render(&inst, &req, name);
        let want = inst.expected_passthrough(&req).unwrap();
        let b = want.bounds;
        let diff = differences(&r.image, &want, b);
        assert!(
            diff.len() > 500,
            "{name}: HUD drawn ({} pixels)",
            diff.len()
        );
        // The HUD box: top-left, at most 60% of the width plus padding, and
        // above the (absent) strip; nothing else is touched.
        let (w, h) = (b.width() as i32, b.height() as i32);
        for (x, y) in &diff {
            let (fx, fy) = (x - b.x1, b.y2 - 1 - y);
            assert!(
                fx < w * 7 / 10 && fy < h * 7 / 10,
                "{name}: pixel ({x},{y}) changed outside the HUD box"
            );
        }
        common::assert_no_violations(&host);
    }
}

#[test]
fn every_offered_combination_renders_the_overlay() {
    for profile in HostProfile::all() {
        let name = profile.name;
        let (host, plugin) = common::load(profile.clone());
        let inst = overlay_instance(&plugin, medium());
        let mut checked = 0;
        for depth in Depth::ALL {
            for comps in Components::ALL {
                let req = RenderRequest::new(1.0, depth, comps);
                if !profile.offers(depth, comps) {
                    continue;
                }
                let what = format!("{name} {depth:?} {comps:?}");
                let r = render(&inst, &req, &what);
                let want = inst.expected_passthrough(&req).unwrap();
                assert_eq!(r.image.bounds, want.bounds, "{what}");
                assert!(
                    r.image.first_difference(&want, want.bounds).is_some(),
                    "{what}: no overlay drawn"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, profile.depths.len() * profile.components.len());
        common::assert_no_violations(&host);
    }
}

#[test]
fn a_window_equals_the_same_pixels_of_the_full_frame() {
    let profile = HostProfile::nuke_like();
    let (ox, oy) = profile.origin;
    let (host, plugin) = common::load(profile);
    let inst = overlay_instance(&plugin, medium());
    for scale in [1.0, 0.5] {
        for comps in [Components::Rgba, Components::Alpha] {
            let mut req = RenderRequest {
                scale,
                ..RenderRequest::new(2.0, Depth::Float, comps)
            };
            let full = render(&inst, &req, "full frame");
            let s = |v: i32| (f64::from(v) * scale) as i32;
            // Odd offsets: the host's 32-px tiles fall elsewhere.
            let window = RectI::new(s(ox + 5), s(oy + 61), s(ox + 251), s(oy + 177));
            req.window = Some(window);
            let part = render(&inst, &req, "window");
            let d = differences(&part.image, &full.image, window);
            assert!(
                d.is_empty(),
                "scale {scale} {comps:?}: {} pixels differ, first {:?}",
                d.len(),
                d.first()
            );
        }
    }
    common::assert_no_violations(&host);
}

/// Another source, upscaled by an integer factor (nearest neighbour), so
/// the overlay can be seen at HD sizes on small footage.
#[derive(Debug)]
struct Upscaled {
    inner: Arc<dyn FrameSource>,
    k: usize,
}

impl FrameSource for Upscaled {
    fn size(&self) -> (usize, usize) {
        let (w, h) = self.inner.size();
        (w * self.k, h * self.k)
    }
    fn frame_count(&self) -> usize {
        self.inner.frame_count()
    }
    fn frame_rate(&self) -> f64 {
        self.inner.frame_rate()
    }
    fn frame(
        &self,
        index: usize,
        depth: Depth,
        components: Components,
        region: RectI,
    ) -> Result<OwnedImage, HostError> {
        let (w, h) = self.size();
        let region = region.intersect(&RectI::new(0, 0, w as i32, h as i32));
        let src = self.inner.full_frame(index, depth, components)?;
        let mut out = OwnedImage::new(depth, components, region, RowLayout::default());
        let k = self.k as i32;
        for y in region.y1..region.y2 {
            for x in region.x1..region.x2 {
                let px = src.pixel(x / k, y / k).expect("inside").to_vec();
                out.pixel_mut(x, y).expect("inside").copy_from_slice(&px);
            }
        }
        Ok(out)
    }
}

/// bikes.mp4's first `n` frames (cuts at 30 and 76), from ../shared/footage
/// or $CIRCLETAKE_SAMPLES.
fn bikes(n: usize) -> Option<Arc<dyn FrameSource>> {
    let path = bundle::shared_footage()
        .map(|d| d.join("bikes.mp4"))
        .or_else(|| {
            std::env::var_os("CIRCLETAKE_SAMPLES").map(|d| PathBuf::from(d).join("bikes.mp4"))
        })
        .filter(|p| p.is_file());
    let Some(path) = path else {
        eprintln!("skipped: ../shared/footage not present and CIRCLETAKE_SAMPLES unset");
        return None;
    };
    match Footage::open(&path, n) {
        Ok(f) => Some(Arc::new(f)),
        Err(e) => {
            eprintln!("skipped: {e}");
            None
        }
    }
}

#[test]
fn analysed_overlay_on_bikes_draws_the_strip_and_dims_outside_the_trim() {
    let Some(clip) = bikes(100) else { return };
    let out_dir = bundle::workspace_root().join("target/test-output/overlay");
    std::fs::create_dir_all(&out_dir).unwrap();
    for (label, source) in [
        ("native", clip.clone()),
        (
            "1920",
            Arc::new(Upscaled {
                inner: clip.clone(),
                k: 3,
            }) as Arc<dyn FrameSource>,
        ),
    ] {
        let (host, plugin) = common::load(HostProfile::resolve_like());
        let inst = overlay_instance(&plugin, source.clone());
        // Before analysis: the live HUD on the real picture.
        let live = render(
            &inst,
            &RenderRequest::new(50.0, Depth::Float, Components::Rgba),
            label,
        );
        live.image
            .save_png(&out_dir.join(format!("bikes_{label}_live_f050.png")))
            .unwrap();
        let st = inst.press_button("analyze").unwrap();
        assert!(st.is_ok_or_default(), "{label}: analyze replied {st}");
        let (w, h) = source.size();
        let (w, h) = (w as i32, h as i32);
        let suggested_in = match inst.param_value("suggested_in", 0.0) {
            Some(ParamValue::Num(v)) => v[0],
            other => panic!("{label}: suggested_in {other:?}"),
        };
        eprintln!("{label}: suggested in {suggested_in}");
        let mut dimmed = 0;
        for t in [10.0, 50.0, 70.0, 90.0] {
            let req = RenderRequest::new(t, Depth::Float, Components::Rgba);
            let r = render(&inst, &req, label);
            let want = inst.expected_passthrough(&req).unwrap();
            // The strip: the bottom band differs from the picture across
            // most of its width.
            let y = h / 12;
            let band = differences(&r.image, &want, RectI::new(0, y, w, y + 1));
            assert!(
                band.len() as i32 > w * 8 / 10,
                "{label} frame {t}: strip row {y} mostly drawn ({} of {w})",
                band.len()
            );
            // The picture's centre: untouched in the trim, dimmed outside.
            let (cx, cy) = (w * 3 / 4, h / 2);
            let (got, src) = (
                r.image.pixel_f32(cx, cy).unwrap(),
                want.pixel_f32(cx, cy).unwrap(),
            );
            if got != src {
                for c in 0..3 {
                    assert!(
                        (got[c] - src[c] * 0.35).abs() < 1e-6,
                        "{label} frame {t}: dimmed by 0.35: {got:?} vs {src:?}"
                    );
                }
                dimmed += 1;
            }
            r.image
                .save_png(&out_dir.join(format!("bikes_{label}_f{t:03}.png")))
                .unwrap();
        }
        eprintln!("{label}: {dimmed} of 4 frames outside the trim");
        // Shot 2 (30-75) ends soft: its trim stops before 70.
        assert!(
            dimmed >= 1,
            "{label}: frame 70 lies outside the suggested trim"
        );
        common::assert_no_violations(&host);
    }
    eprintln!("PNGs in {}", out_dir.display());
}
