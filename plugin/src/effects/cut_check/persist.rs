//! The check saved with the project, in the hidden string param `check_state`:
//! the edit-check report's JSON on one line (format `circletake.edit_check`, a few
//! kilobytes). A payload this build cannot read (garbage, another format or
//! version) is an error, never a panic; the param is left as it was, so the
//! project loses nothing.

use circletake_inference::edit_check::{EditReport, EditReportError};

/// The payload for `report`.
pub fn encode(report: &EditReport) -> String {
    // Pretty JSON escapes newlines inside strings, so every line break is
    // layout: dropping it and the indentation leaves the same JSON on one line.
    report.to_json().lines().map(str::trim_start).collect()
}

/// Reads a saved payload; `Ok(None)` for an empty param (never checked).
pub fn decode(text: &str) -> Result<Option<EditReport>, EditReportError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    EditReport::from_json_str(text).map(Some)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use circletake_inference::edit_check::{
        EditCheckOptions, EditIssue, EditPoint, EditSuggestion, IssueKind, ShiftCost, Side,
        Verdict, EDIT_REPORT_FORMAT, EDIT_REPORT_VERSION,
    };
    use circletake_inference::FrameRate;

    /// A report as the core would write it for an edit at 40|41 with the
    /// outgoing clip's eyes closed on its last frame, fixed by cutting 3 later.
    pub(crate) fn sample_report() -> EditReport {
        let edit = EditPoint {
            out_frame: 40,
            in_frame: 41,
        };
        let shifts = (-6..=6)
            .map(|s: i32| ShiftCost {
                shift: s,
                cost: match s {
                    -6 => None,
                    3 => Some(0.03),
                    s if s > 0 && s < 3 => Some(0.9),
                    _ => Some(1.0 + 0.01 * s.abs() as f32),
                },
                issues: if s < 3 && s > -6 {
                    vec![IssueKind::EyesClosed]
                } else {
                    Vec::new()
                },
            })
            .collect();
        EditReport {
            format: EDIT_REPORT_FORMAT.to_string(),
            version: EDIT_REPORT_VERSION,
            outgoing: Some("A001".into()),
            incoming: Some("B002".into()),
            edit,
            frame_rate: FrameRate { num: 25, den: 1 },
            options: EditCheckOptions::default(),
            verdict: Verdict::MoveEdit,
            issues: vec![
                EditIssue {
                    kind: IssueKind::EyesClosed,
                    side: Some(Side::Outgoing),
                    frame: Some(40),
                    severity: 0.9,
                    message: "eyes closed on outgoing frame 40".into(),
                },
                EditIssue {
                    kind: IssueKind::ExposureJump,
                    side: None,
                    frame: None,
                    severity: 0.2,
                    message: "exposure jump".into(),
                },
            ],
            suggestion: Some(EditSuggestion {
                shift: 3,
                edit: edit.rolled(3),
                fixes: vec![IssueKind::EyesClosed],
                reason: "cut 3 frames later: eyes closed on outgoing frame 40".into(),
            }),
            shifts,
            framing_similarity: 0.31,
            exposure_change: 0.12,
            colour_change: 0.02,
            notes: vec!["no iris model: blinks judged from face landmarks only".into()],
        }
    }

    #[test]
    fn round_trip() {
        let report = sample_report();
        let text = encode(&report);
        assert!(!text.contains('\n'), "one line");
        assert_eq!(decode(&text).unwrap(), Some(report));
        assert_eq!(decode("  ").unwrap(), None);
    }

    #[test]
    fn garbage_and_other_formats_are_errors() {
        let good = encode(&sample_report());
        let other_version = good.replace("\"version\": 1,", "\"version\": 99,");
        for (bad, want) in [
            ("ct1:AAAA", "not a valid"),
            (&good[..good.len() / 2], "not a valid"),
            (
                "{\"format\":\"circletake.report\"}",
                "not a CircleTake edit check",
            ),
            (other_version.as_str(), "version 99 is not supported"),
        ] {
            let err = decode(bad).unwrap_err().to_string();
            assert!(err.contains(want), "{bad:?}: {err}");
        }
    }
}
