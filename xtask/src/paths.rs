//! Where things live: the repository, its target folder, and the per-user cache.

use std::path::PathBuf;

/// The repository root (the workspace folder above `xtask/`).
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The cargo target folder of this workspace.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
}

/// The per-user cache shared by every clone, worktree and CI run on the machine:
/// `$CIRCLETAKE_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/circletake`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CIRCLETAKE_CACHE") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| std::env::temp_dir().join("circletake-cache"));
    base.join("circletake")
}

/// `../shared/footage` next to the repository, when this machine has it.
pub fn shared_footage() -> Option<PathBuf> {
    let dir = repo_root().join("..").join("shared").join("footage");
    dir.is_dir().then_some(dir)
}
