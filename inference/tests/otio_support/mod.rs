//! Reading our `.otio` files back with the `opentimelineio` Python package
//! (`$CIRCLETAKE_PYTHON`, set by `cargo xtask test`), shared by the tests
//! that validate OTIO output.

use std::path::Path;
use std::process::Command;

/// Runs the Python `reader` script (which imports opentimelineio, reads
/// `sys.argv[1]` and prints JSON) on `path` and parses what it prints.
/// `None`, after saying why, when Python or opentimelineio is unavailable;
/// a file OTIO cannot read fails the test.
pub fn read_with_otio(reader: &str, path: &Path) -> Option<serde_json::Value> {
    let Ok(python) = std::env::var("CIRCLETAKE_PYTHON") else {
        eprintln!("skipped OTIO read-back: CIRCLETAKE_PYTHON not set (run via `cargo xtask test`)");
        return None;
    };
    let importable = Command::new(&python)
        .args(["-c", "import opentimelineio"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !importable {
        eprintln!("skipped OTIO read-back: opentimelineio is not importable by {python}");
        return None;
    }
    let out = Command::new(&python)
        .args(["-c", reader])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "OTIO cannot read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}
