//! The environment every cargo build and test runs with, so that torch-sys links
//! the project's libtorch and the tests find the tools and clips set-up made.

use crate::{paths, python::Env, samples, Result};
use std::path::PathBuf;
use std::process::Command;

/// Variables for cargo and the programs it runs, as (name, value) pairs.
pub fn vars(env: &Env) -> Result<Vec<(&'static str, PathBuf)>> {
    let mut vars = vec![
        // torch-sys links this libtorch and records its lib/ folder
        // (DEP_TCH_LIBTORCH_LIB), which our build scripts put in RUNPATH.
        ("LIBTORCH", env.libtorch.clone()),
        ("LIBTORCH_CXX11_ABI", PathBuf::from("1")),
        ("CIRCLETAKE_PYTHON", env.python.clone()),
        ("CIRCLETAKE_SAMPLES", samples::dir()),
        ("CIRCLETAKE_MODELS", paths::target_dir().join("models")),
    ];
    if let Some(ffmpeg) = ffmpeg_binary(env)? {
        vars.push(("CIRCLETAKE_FFMPEG", ffmpeg));
    }
    Ok(vars)
}

/// A `cargo` command with [`vars`] set.
pub fn command(env: &Env) -> Result<Command> {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(paths::repo_root());
    for (name, value) in vars(env)? {
        cmd.env(name, value);
    }
    Ok(cmd)
}

/// `export NAME='value'` lines for `eval "$(cargo xtask env)"`.
pub fn shell_exports(env: &Env) -> String {
    match vars(env) {
        Ok(vars) => vars
            .iter()
            .map(|(name, value)| format!("export {name}='{}'\n", value.display()))
            .collect(),
        Err(e) => format!("echo 'xtask env: {e}' >&2\n"),
    }
}

/// The FFmpeg binary shipped in the `imageio-ffmpeg` wheel, if installed.
pub fn ffmpeg_binary(env: &Env) -> Result<Option<PathBuf>> {
    let dir = env.site_packages()?.join("imageio_ffmpeg").join("binaries");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    Ok(entries.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("ffmpeg"))
    }))
}
