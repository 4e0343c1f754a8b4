//! The analysis saved with the project, in the hidden string param
//! `analysis_state`: `ct1:` followed by the base64 (standard alphabet, padded)
//! of the deflate-compressed report JSON. A payload this build cannot read
//! (garbage, truncated, another version) is an error, never a panic; the param
//! itself is left as it was so nothing in the project is lost.

use std::io::{Read, Write};

use base64::Engine as _;
use circletake_inference::report::{ClipReport, ReportError};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;

/// Prefix of the current layout.
pub const PREFIX: &str = "ct1:";

/// Largest decompressed report accepted (a corrupt payload must not exhaust memory).
const MAX_JSON_BYTES: u64 = 256 << 20;

/// Why a saved payload was not restored.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Saved by another (older or newer) CircleTake layout.
    #[error("saved by another CircleTake version (payload starts with {0:?}, this build reads \"ct1:\")")]
    Version(String),
    /// Not base64.
    #[error("the payload is not valid base64: {0}")]
    Base64(String),
    /// Not deflate data, or cut short.
    #[error("the payload is damaged or truncated: {0}")]
    Compression(String),
    /// Decompressed, but not a report this build reads.
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// Encodes `report` for the `analysis_state` param.
pub fn encode(report: &ClipReport) -> String {
    let json = report.to_json_string();
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(json.as_bytes());
    let packed = enc.finish().unwrap_or_default();
    let mut out = String::with_capacity(PREFIX.len() + packed.len() * 4 / 3 + 4);
    out.push_str(PREFIX);
    base64::engine::general_purpose::STANDARD.encode_string(packed, &mut out);
    out
}

/// Decodes a saved payload; `Ok(None)` for an empty param (never analysed).
pub fn decode(text: &str) -> Result<Option<ClipReport>, StateError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let Some(body) = text.strip_prefix(PREFIX) else {
        let head: String = text.chars().take(8).collect();
        return Err(StateError::Version(head));
    };
    let packed = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|e| StateError::Base64(e.to_string()))?;
    let mut json = String::new();
    DeflateDecoder::new(packed.as_slice())
        .take(MAX_JSON_BYTES)
        .read_to_string(&mut json)
        .map_err(|e| StateError::Compression(e.to_string()))?;
    Ok(Some(ClipReport::from_json_str(&json)?))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use circletake_inference::report::{build_report, ReportOptions};
    use circletake_inference::{FrameRate, FrameSignals};

    /// A report from plausible signals (no engine needed).
    pub(crate) fn sample_report(frames: i64) -> ClipReport {
        let signals: Vec<FrameSignals> = (0..frames)
            .map(|f| FrameSignals {
                frame: f,
                focus: 3.0 + (f % 7) as f32,
                luma_mean: 0.45,
                clipped_highlights: 0.0,
                crushed_shadows: 0.01,
                motion_dx: 0.1,
                motion_dy: 0.0,
                motion_confidence: 0.9,
                residual_motion: 0.05,
                diff_prev: 0.01,
                noise: 0.004,
                cut_prob: Some(if f == frames / 2 { 0.99 } else { 0.001 }),
                transition_prob: Some(0.0),
                faces: Vec::new(),
                faces_analyzed: true,
            })
            .collect();
        build_report(
            &signals,
            FrameRate { num: 25, den: 1 },
            &ReportOptions::default(),
        )
    }

    #[test]
    fn round_trip_and_size_of_a_720_frame_clip() {
        let report = sample_report(720);
        let text = encode(&report);
        assert!(text.starts_with("ct1:"));
        let json = report.to_json_string().len();
        eprintln!(
            "720 frames: report JSON {json} bytes, saved state {} bytes",
            text.len()
        );
        assert!(text.len() * 4 < json, "compressed at least 4x");
        // The saved report is the report as JSON holds it (floats to 4 decimals).
        let back = decode(&text).unwrap().expect("a report");
        assert!(
            back.to_json_string() == report.to_json_string(),
            "round trip differs"
        );
        assert!(decode("").unwrap().is_none());
    }

    #[test]
    fn garbage_truncated_and_other_versions_are_errors() {
        let good = encode(&sample_report(30));
        let truncated = &good[..good.len() / 2];
        for (bad, want) in [
            ("{\"version\":1}", "another CircleTake version"),
            ("ct0:AAAA", "another CircleTake version"),
            ("ct1:!!!not base64!!!", "base64"),
            (truncated, "damaged or truncated"),
            ("ct1:AAAA", "damaged or truncated"),
        ] {
            let err = decode(bad).unwrap_err().to_string();
            assert!(err.contains(want), "{bad:?}: {err}");
        }
        // Valid deflate of something that is not a report.
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(b"{\"format\":\"other\"}").unwrap();
        let other = format!(
            "ct1:{}",
            base64::engine::general_purpose::STANDARD.encode(enc.finish().unwrap())
        );
        assert!(decode(&other)
            .unwrap_err()
            .to_string()
            .contains("not a CircleTake report"));
    }
}
