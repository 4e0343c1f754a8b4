//! The Cut Check edit cases ([`circletake_inference::testset::edits`]) as built on disk:
//! every clip decodes at its truth's size, frame count and rate; each case's effect is
//! in the pixels where its truth says; a second build reuses the files; a missing
//! sample clip is a clear error. No engine: what the check finds in these clips is
//! tested by the check's own footage test. Skips with a message without
//! `CIRCLETAKE_SAMPLES` or FFmpeg.

use std::path::{Path, PathBuf};

use circletake_inference::edit_check::Side;
use circletake_inference::media::{self, DecodeOptions, VideoDecoder};
use circletake_inference::testset::edits::{build_edits, EditCase, Effect};
use circletake_inference::testset::TestSetError;

/// One decoded frame's mean R, G, B and Rec.709 luma (0..1) and its sharpness (mean
/// absolute horizontal luma step).
#[derive(Debug, Clone, Copy)]
struct Stats {
    rgb: [f32; 3],
    luma: f32,
    sharpness: f32,
}

struct Clip {
    frames: Vec<Stats>,
    /// Luma of every frame at 1/8 size (for frame differences).
    small: Vec<Vec<f32>>,
}

fn decode(path: &Path) -> (Clip, media::MediaInfo, (usize, usize)) {
    let decoder = VideoDecoder::open(path, DecodeOptions::default()).expect("clip opens");
    let info = decoder.info().clone();
    let mut size = (0, 0);
    let mut frames = Vec::new();
    let mut small = Vec::new();
    for frame in decoder {
        let f = frame.expect("frame decodes");
        size = (f.width, f.height);
        let luma: Vec<f32> = f
            .data
            .chunks_exact(3)
            .map(|p| (0.2126 * p[0] as f32 + 0.7152 * p[1] as f32 + 0.0722 * p[2] as f32) / 255.0)
            .collect();
        let n = luma.len() as f32;
        let mut rgb = [0f32; 3];
        for p in f.data.chunks_exact(3) {
            for c in 0..3 {
                rgb[c] += p[c] as f32 / 255.0;
            }
        }
        rgb.iter_mut().for_each(|v| *v /= n);
        let mut steps = 0f32;
        for row in luma.chunks_exact(f.width) {
            steps += row.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f32>();
        }
        frames.push(Stats {
            rgb,
            luma: luma.iter().sum::<f32>() / n,
            sharpness: steps / (f.height * (f.width - 1)) as f32,
        });
        small.push(
            (0..f.height / 8)
                .flat_map(|y| (0..f.width / 8).map(move |x| (x, y)))
                .map(|(x, y)| luma[y * 8 * f.width + x * 8])
                .collect(),
        );
    }
    (Clip { frames, small }, info, size)
}

fn mean_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
}

fn setup() -> Option<(PathBuf, Vec<EditCase>)> {
    let Some(samples) = std::env::var_os("CIRCLETAKE_SAMPLES").map(PathBuf::from) else {
        println!("skipped: CIRCLETAKE_SAMPLES not set (cargo xtask env)");
        return None;
    };
    if let Err(e) = media::ffmpeg_binary() {
        println!("skipped: no FFmpeg ({e})");
        return None;
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/edit-cases");
    let cases = build_edits(&samples, &out).expect("edit cases build");
    Some((samples, cases))
}

fn find<'a>(cases: &'a [EditCase], name: &str) -> &'a EditCase {
    cases.iter().find(|c| c.name == name).expect("case exists")
}

#[test]
fn built_clips_match_their_truth() {
    let Some((samples, cases)) = setup() else {
        return;
    };
    let mut decoded = std::collections::HashMap::new();
    for case in &cases {
        assert_eq!(EditCase::load(&case.truth_path).unwrap().truth, case.truth);
        for side in [Side::Outgoing, Side::Incoming] {
            let (clip, info, size) = decode(case.clip(side));
            let src = case.truth.side(side);
            assert_eq!(
                clip.frames.len(),
                src.frame_count,
                "{} {:?}",
                case.name,
                side
            );
            assert_eq!(size, (src.width, src.height), "{} {:?}", case.name, side);
            assert_eq!(info.frame_rate, case.rate, "{}", case.name);
            decoded.insert((case.name, side), clip);
        }
    }
    let clip = |name: &str, side| &decoded[&(find(&cases, name).name, side)];
    let luma = |c: &Clip, f: i64| c.frames[f as usize].luma;

    // Flash frames are far brighter than the frames around them.
    for (name, side) in [
        ("flash_at_edit", Side::Outgoing),
        ("flash_at_in_no_handles", Side::Incoming),
    ] {
        let Effect::Flash { start, frames, .. } = find(&cases, name).truth.side(side).effect else {
            panic!("{name} has a flash");
        };
        let c = clip(name, side);
        let end = start + frames as i64;
        for f in start..end {
            let normal = if start > 0 {
                luma(c, start - 1)
            } else {
                luma(c, end)
            };
            assert!(
                luma(c, f) > normal + 0.3,
                "{name} frame {f}: {} vs {normal}",
                luma(c, f)
            );
        }
        assert!(
            (luma(c, end) - luma(c, end + 1)).abs() < 0.02,
            "{name}: flash over"
        );
    }

    // The whip-pan's frames are smeared; the frames either side are not.
    let whip = find(&cases, "whip_pan_at_cut");
    let (a, b) = whip.truth.outgoing.effect.frames().expect("a whip-pan");
    let c = clip("whip_pan_at_cut", Side::Outgoing);
    let rest = c.frames[(a - 1) as usize].sharpness;
    assert!((c.frames[(b + 1) as usize].sharpness - rest).abs() < 0.25 * rest);
    for f in a..=b {
        let s = c.frames[f as usize].sharpness;
        assert!(
            s < 0.75 * rest,
            "whip frame {f}: sharpness {s} vs {rest} at rest"
        );
    }

    // Exposure and white balance change the incoming clip of clean_cut as stated.
    let clean = clip("clean_cut", Side::Incoming);
    let bright = clip("exposure_jump", Side::Incoming);
    let warm = clip("colour_jump", Side::Incoming);
    for f in 0..clean.frames.len() {
        let (c, e, w) = (clean.frames[f], bright.frames[f], warm.frames[f]);
        assert!(
            e.luma > c.luma + 0.15,
            "frame {f}: {} vs {}",
            e.luma,
            c.luma
        );
        assert!(
            (w.luma - c.luma).abs() < 0.03,
            "frame {f}: {} vs {}",
            w.luma,
            c.luma
        );
        assert!(
            w.rgb[0] > c.rgb[0] + 0.04 && w.rgb[2] < c.rgb[2] - 0.04,
            "{w:?} {c:?}"
        );
    }

    // A jump cut joins nearly the same picture; the clean cut does not.
    let across = |name: &str| {
        let case = find(&cases, name);
        mean_abs_diff(
            &clip(name, Side::Outgoing).small[case.edit.out_frame as usize],
            &clip(name, Side::Incoming).small[case.edit.in_frame as usize],
        )
    };
    let (jump, clean_diff) = (across("jump_cut_same_setup"), across("clean_cut"));
    println!("picture change across the cut: jump cut {jump:.3}, clean cut {clean_diff:.3}");
    assert!(jump < 0.1 && clean_diff > 2.5 * jump, "{jump} {clean_diff}");

    // source_cut_nearby's outgoing clip cuts 3 frames after the edit.
    let near = find(&cases, "source_cut_nearby");
    let c = clip("source_cut_nearby", Side::Outgoing);
    let cut = (near.edit.out_frame + 3) as usize;
    let step = |f: usize| mean_abs_diff(&c.small[f - 1], &c.small[f]);
    assert!(
        step(cut) > 4.0 * step(cut - 1).max(step(cut + 1)),
        "cut at clip frame {cut}"
    );

    // A second build reuses every file.
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).unwrap();
    let before: Vec<_> = cases
        .iter()
        .flat_map(|c| [&c.outgoing, &c.incoming, &c.truth_path])
        .map(|p| modified(p))
        .collect();
    let again = build_edits(&samples, cases[0].truth_path.parent().unwrap()).unwrap();
    let after: Vec<_> = again
        .iter()
        .flat_map(|c| [&c.outgoing, &c.incoming, &c.truth_path])
        .map(|p| modified(p))
        .collect();
    assert_eq!(before, after, "nothing rebuilt");
}

#[test]
fn a_missing_sample_clip_is_named() {
    if media::ffmpeg_binary().is_err() {
        println!("skipped: no FFmpeg");
        return;
    }
    let dir = std::env::temp_dir().join(format!("circletake-edits-missing-{}", std::process::id()));
    let err = build_edits(&dir.join("no-samples"), &dir.join("out")).unwrap_err();
    assert!(
        matches!(&err, TestSetError::MissingSource { path } if path.ends_with("carphone.mp4")),
        "{err}"
    );
    assert!(err.to_string().contains("carphone.mp4"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
