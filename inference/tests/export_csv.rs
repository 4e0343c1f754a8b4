//! Per-frame CSV and report JSON exports.

mod export_support;

use circletake_inference::export::csv::{csv_string, CSV_COLUMNS};
use circletake_inference::export::{write_csv, write_json};
use circletake_inference::report::ClipReport;
use circletake_inference::FrameRate;

#[test]
fn csv_has_a_stable_header_and_one_row_per_frame() {
    let report = export_support::report_at(FrameRate {
        num: 30000,
        den: 1001,
    });
    let text = csv_string(&report);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header, CSV_COLUMNS);
    assert_eq!(&header[..4], ["frame", "timecode", "shot_number", "score"]);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), report.frame_count);
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    for (row, f) in rows.iter().zip(&report.frames) {
        assert_eq!(row.len(), CSV_COLUMNS.len());
        assert_eq!(row[0].parse::<i64>().unwrap(), f.frame);
        let score: f64 = row[col("score")].parse().unwrap();
        assert!((score - f64::from(f.score)).abs() < 1e-4, "{row:?}");
        assert_eq!(
            row[col("shot_number")],
            f.shot.map(|s| (s + 1).to_string()).unwrap_or_default()
        );
        assert_eq!(row[col("transition")], if f.transition { "1" } else { "0" });
        for (i, field) in row.iter().enumerate() {
            assert!(
                !field.contains('e') || i == col("timecode"),
                "exponent in {field}"
            );
        }
    }
    // Drop-frame timecode column at 29.97: frame 30 is 00:00:01;00.
    assert_eq!(rows[30][1], "00:00:01;00");
    // The dissolve frames have no shot.
    let mid = (export_support::DISSOLVE.0 + export_support::DISSOLVE.1) / 2;
    assert_eq!(rows[mid][col("shot_number")], "");
    // Decimal point, never a comma inside a number (every row has the same field count).
    assert!(text.contains("0.45") || text.contains('.'));
}

#[test]
fn csv_and_json_write_atomically_and_deterministically() {
    let report = export_support::report();
    let dir = export_support::scratch("csv-json");
    write_csv(&report, &dir.join("a.csv")).unwrap();
    write_csv(&report, &dir.join("b.csv")).unwrap();
    assert_eq!(
        std::fs::read(dir.join("a.csv")).unwrap(),
        std::fs::read(dir.join("b.csv")).unwrap()
    );
    write_json(&report, &dir.join("a.json")).unwrap();
    let text = std::fs::read_to_string(dir.join("a.json")).unwrap();
    let back = ClipReport::from_json_str(&text).unwrap();
    assert_eq!(back.shots.len(), report.shots.len());
    assert_eq!(back.frame_count, report.frame_count);
    assert_eq!(
        export_support::entries(&dir),
        vec!["a.csv", "a.json", "b.csv"]
    );

    let missing = dir.join("missing");
    assert!(write_csv(&report, &missing.join("a.csv")).is_err());
    let err = write_json(&report, &missing.join("a.json")).unwrap_err();
    assert!(err.to_string().contains("a.json"), "{err}");
    // A path whose parent is a file (what a read-only or odd target gives as root).
    let err = write_json(&report, &dir.join("a.csv").join("x.json")).unwrap_err();
    assert!(err.to_string().contains("x.json"), "{err}");
    assert_eq!(
        export_support::entries(&dir),
        vec!["a.csv", "a.json", "b.csv"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn read_only_folder_is_an_error_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let report = export_support::report();
    let dir = export_support::scratch("csv-readonly");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        // Root (or a file system without permissions) ignores the mode.
        eprintln!(
            "skipped: {} is writable despite mode 0555 (running as root?)",
            dir.display()
        );
        std::fs::remove_file(&probe).unwrap();
    } else {
        let err = write_csv(&report, &dir.join("a.csv")).unwrap_err();
        assert!(err.to_string().contains("a.csv"), "{err}");
        assert!(export_support::entries(&dir).is_empty());
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
