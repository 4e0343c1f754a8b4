//! Source material: single-shot spans of real footage, decoded once through FFmpeg and
//! scaled to fill the canvas (a margin around the output frame for shake and moves).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use super::image_ops::Rgb;
use super::TestSetError;

/// Single-shot spans `[start, end)` of the sample clips (`$CIRCLETAKE_SAMPLES`), one frame
/// of margin at known cuts. bikes.mp4's shots start at 0, 30, 76, 137, 187, 242 (its last
/// shot is too short to use); bigbuckbunny.mp4 (132 frames) and carphone.mp4 (120 frames)
/// are single shots.
pub const SAMPLE_SPANS: &[(&str, &[(i64, i64)])] = &[
    (
        "bikes.mp4",
        &[(1, 29), (31, 75), (77, 136), (138, 186), (188, 241)],
    ),
    ("bigbuckbunny.mp4", &[(0, 132)]),
    ("carphone.mp4", &[(0, 120)]),
];

/// Single-shot spans of `../shared/footage` (see its README): testvideo.mp4's first shot
/// (30–179) and cockatoo.mp4's usable parts (~0–65, ~170–end), with margins.
pub const SHARED_SPANS: &[(&str, &[(i64, i64)])] = &[
    ("testvideo.mp4", &[(32, 178)]),
    ("cockatoo.mp4", &[(0, 62), (178, 278)]),
];

/// Sources steady enough to be takes: a locked-off camera and even sharpness over the
/// whole span, so the only junk in a take is the junk added. The others (bikes' moving
/// shots, testvideo's largely frozen still, handheld cockatoo with focus changes) are
/// used in sequences only: their own softness and motion would blur a take's truth.
pub const STEADY_SOURCES: &[&str] = &["bigbuckbunny.mp4", "carphone.mp4"];

/// One continuous shot of real footage at canvas size.
#[derive(Debug, Clone)]
pub struct SourceShot {
    /// Source file name.
    pub file: String,
    /// Source frame number of `frames[0]`.
    pub first: i64,
    /// Decoded frames, each `canvas` sized.
    pub frames: Vec<Rgb>,
    /// Usable as a take ([`STEADY_SOURCES`]).
    pub steady: bool,
}

/// What [`decode_covering`] got from FFmpeg.
pub(super) struct Decoded {
    /// Frames read.
    pub count: i64,
    /// FFmpeg exited with success.
    pub success: bool,
    /// FFmpeg's error output.
    pub stderr: String,
}

/// Decodes the first `frames` frames of `path` through FFmpeg, scaled to cover
/// `canvas` (scaler `flags`, e.g. `bicubic`) and centre-cropped, and hands each
/// packed RGB24 frame to `each(index, data)`. A failure to run FFmpeg or to read
/// its output is an error; how many frames came and whether FFmpeg succeeded is
/// the caller's to judge.
pub(super) fn decode_covering(
    ffmpeg: &Path,
    path: &Path,
    frames: i64,
    canvas: (usize, usize),
    flags: &str,
    mut each: impl FnMut(i64, Vec<u8>),
) -> Result<Decoded, TestSetError> {
    let (w, h) = canvas;
    let media = |reason: String| TestSetError::Media {
        path: path.to_path_buf(),
        reason,
    };
    let filter =
        format!("scale={w}:{h}:force_original_aspect_ratio=increase:flags={flags},crop={w}:{h}");
    let mut child = Command::new(ffmpeg)
        .args(["-hide_banner", "-nostdin", "-v", "error", "-i"])
        .arg(path)
        .args(["-map", "0:v:0", "-vf", &filter, "-frames:v"])
        .arg(frames.to_string())
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| media(format!("cannot run FFmpeg: {e}")))?;
    let mut out = child
        .stdout
        .take()
        .ok_or_else(|| media("no FFmpeg stdout".into()))?;
    let mut count = 0i64;
    let mut read_err = None;
    loop {
        let mut buf = vec![0u8; w * h * 3];
        match out.read_exact(&mut buf) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => {
                read_err = Some(format!("reading FFmpeg output: {e}"));
                break;
            }
        }
        each(count, buf);
        count += 1;
    }
    drop(out);
    let result = child
        .wait_with_output()
        .map_err(|e| media(format!("FFmpeg did not finish: {e}")))?;
    if let Some(e) = read_err {
        return Err(media(e));
    }
    Ok(Decoded {
        count,
        success: result.status.success(),
        stderr: String::from_utf8_lossy(&result.stderr).trim().to_string(),
    })
}

/// Decodes `[start, end)` spans of `path`, scaled to cover `canvas` and centre-cropped.
fn decode_spans(
    ffmpeg: &Path,
    path: &Path,
    spans: &[(i64, i64)],
    canvas: (usize, usize),
) -> Result<Vec<SourceShot>, TestSetError> {
    let (w, h) = canvas;
    let last = spans.iter().map(|s| s.1).max().unwrap_or(0);
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut shots: Vec<SourceShot> = spans
        .iter()
        .map(|&(s, _)| SourceShot {
            file: file.clone(),
            first: s,
            frames: Vec::new(),
            steady: STEADY_SOURCES.contains(&file.as_str()),
        })
        .collect();
    let decoded = decode_covering(ffmpeg, path, last, canvas, "bicubic", |index, buf| {
        for (shot, &(s, e)) in shots.iter_mut().zip(spans) {
            if index >= s && index < e {
                shot.frames.push(Rgb {
                    width: w,
                    height: h,
                    data: buf.clone(),
                });
            }
        }
    })?;
    if !decoded.success || decoded.count == 0 {
        return Err(TestSetError::Media {
            path: path.to_path_buf(),
            reason: format!(
                "FFmpeg decoded {} frames: {}",
                decoded.count, decoded.stderr
            ),
        });
    }
    shots.retain(|s| s.frames.len() >= 20);
    Ok(shots)
}

/// Loads every source span: the samples (required) and, when `shared` is given, the
/// shared footage files that exist there. Returns the shots and the files used.
pub fn load_sources(
    ffmpeg: &Path,
    samples: &Path,
    shared: Option<&Path>,
    canvas: (usize, usize),
) -> Result<(Vec<SourceShot>, Vec<String>), TestSetError> {
    let mut shots = Vec::new();
    let mut used = Vec::new();
    for (name, spans) in SAMPLE_SPANS {
        let path = samples.join(name);
        if !path.is_file() {
            return Err(TestSetError::MissingSource { path });
        }
        shots.extend(decode_spans(ffmpeg, &path, spans, canvas)?);
        used.push(path.display().to_string());
    }
    if let Some(dir) = shared {
        for (name, spans) in SHARED_SPANS {
            let path = dir.join(name);
            if path.is_file() {
                shots.extend(decode_spans(ffmpeg, &path, spans, canvas)?);
                used.push(path.display().to_string());
            }
        }
    }
    Ok((shots, used))
}
