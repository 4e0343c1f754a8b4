//! Engine set-up for the CLI: where the models are and which device runs them.

use std::path::{Path, PathBuf};

use circletake_inference::engine::ModelState;
use circletake_inference::{Engine, EngineOptions};

use crate::args::EngineArgs;

/// The model folder: `--models`, else `$CIRCLETAKE_MODELS`, else `models/` next to
/// the executable, else the build tree's `target/models`. The flag is returned as
/// given (checked by [`engine`]); the fallbacks only when they exist.
pub fn model_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("CIRCLETAKE_MODELS") {
        return Some(PathBuf::from(p));
    }
    let beside = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.join("models")));
    let build_tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/models");
    beside.into_iter().chain([build_tree]).find(|p| p.is_dir())
}

/// Builds the engine. `Err` carries the message for exit code 3: the device
/// cannot be used, or an explicitly given model folder is missing or holds no
/// loadable model.
pub fn engine(args: &EngineArgs) -> Result<Engine, String> {
    let dir = model_dir(args.models.as_deref());
    if let Some(flag) = &args.models {
        if !flag.is_dir() {
            return Err(format!("--models {}: no such folder", flag.display()));
        }
    }
    let options = EngineOptions {
        device: args.device.into(),
        threads: args.threads.map(usize::from),
        model_dir: dir.clone(),
        faces: args.faces_on(),
        quality: args.quality.into(),
    };
    let engine = Engine::new(options).map_err(|e| e.to_string())?;
    let status = engine.model_status();
    let states = [&status.transnet, &status.faces, &status.eyes];
    let loaded = states.iter().any(|s| matches!(s, ModelState::Loaded));
    if args.models.is_some() && !loaded {
        return Err(format!(
            "--models {}: no model could be loaded ({status})",
            args.models.as_deref().unwrap_or(Path::new("")).display()
        ));
    }
    for (name, s) in [
        ("TransNetV2", &status.transnet),
        ("faces", &status.faces),
        ("eyes", &status.eyes),
    ] {
        if let ModelState::Unavailable(why) = s {
            eprintln!("circletake: warning: {name} model unavailable ({why}); using fallbacks");
        }
    }
    if dir.is_none() {
        eprintln!("circletake: warning: no model folder found (use --models or CIRCLETAKE_MODELS)");
    }
    Ok(engine)
}
