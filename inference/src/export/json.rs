//! The report itself as JSON (`<clip>.json`): exactly
//! [`ClipReport::to_json_string`] plus a final newline, byte-identical for identical
//! reports, readable again with [`ClipReport::from_json_str`].

use std::path::Path;

use crate::report::ClipReport;

use super::{write_atomic, ExportError};

/// The JSON document written by [`write_json`].
pub fn json_string(report: &ClipReport) -> String {
    let mut s = report.to_json_string();
    s.push('\n');
    s
}

/// Writes `report` as pretty JSON to `path` (atomically).
pub fn write_json(report: &ClipReport, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, json_string(report).as_bytes())
}
