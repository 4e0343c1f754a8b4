//! Exports of the current report into the Export Folder: the JSON report,
//! an OpenTimelineIO timeline, the Resolve markers EDL and the per-frame CSV.
//! The four files are written into a hidden staging folder and moved into
//! place together, so a failure leaves no partial file behind.

use std::path::{Path, PathBuf};

use circletake_inference::export::{
    write_csv, write_json, write_markers_edl, write_otio, ClipInfo, StagingDir,
};
use circletake_inference::report::ClipReport;

use super::error::ShotScoreError;

/// Writes `<name>.json`, `.otio`, `.markers.edl`, `.csv` into `folder`;
/// returns the files written.
pub fn export_all(
    report: &ClipReport,
    folder: &Path,
    name: &str,
    media: Option<&Path>,
) -> Result<Vec<PathBuf>, ShotScoreError> {
    if folder.as_os_str().is_empty() {
        return Err(ShotScoreError::Clip(
            "set the Export Folder before exporting".into(),
        ));
    }
    let name = safe_name(name);
    let mut info = ClipInfo::named(name.clone());
    info.media_path = media.map(Path::to_path_buf);
    let staging = StagingDir::new(folder, &name)?;
    let file = |suffix: &str| staging.path().join(format!("{name}{suffix}"));
    write_json(report, &file(".json"))?;
    write_otio(report, &info, &file(".otio"))?;
    write_markers_edl(report, &info, &file(".markers.edl"))?;
    write_csv(report, &file(".csv"))?;
    Ok(staging.commit()?)
}

/// A file-name-safe version of a clip name.
fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_. ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim().trim_start_matches('.').to_string();
    if s.is_empty() {
        "ShotScore".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::effects::shot_score::persist::tests::sample_report;

    #[test]
    fn writes_four_files_or_none() {
        let dir = std::env::temp_dir().join(format!("ct-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let report = sample_report(40);
        let files = export_all(&report, &dir, "take/1", None).unwrap();
        assert_eq!(files.len(), 4);
        assert!(files.iter().all(|f| f.is_file() && f.starts_with(&dir)));
        let missing = dir.join("no-such-folder");
        assert!(export_all(&report, &missing, "x", None).is_err());
        assert!(!missing.exists());
        assert!(export_all(&report, Path::new(""), "x", None)
            .unwrap_err()
            .to_string()
            .contains("Export Folder"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
