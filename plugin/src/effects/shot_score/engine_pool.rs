//! One analysis [`Engine`] per (device, quality), shared by every instance
//! and render thread of the process. Models load once (the core shares them
//! between engines too); an engine that failed to start (CUDA asked for, no
//! GPU) is not cached, so the next request retries.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use circletake_inference::{DeviceChoice, Engine, EngineOptions, Quality};

use super::error::ShotScoreError;
use super::params;

/// The engine for `device` and `quality`, created on first use.
pub fn engine(device: DeviceChoice, quality: Quality) -> Result<Engine, ShotScoreError> {
    // A handful of entries at most: a list, as the core's types are not `Hash`.
    type Pool = Vec<((DeviceChoice, Quality), Engine)>;
    static POOL: OnceLock<Mutex<Pool>> = OnceLock::new();
    let pool = POOL.get_or_init(Default::default);
    let mut pool = pool.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, engine)) = pool.iter().find(|(k, _)| *k == (device, quality)) {
        return Ok(engine.clone());
    }
    let engine = Engine::new(EngineOptions {
        device,
        quality,
        faces: true,
        model_dir: model_dir(),
        ..EngineOptions::default()
    })?;
    pool.push(((device, quality), engine.clone()));
    Ok(engine)
}

/// Device choice from the `device` param's option index.
pub fn device_choice(index: usize) -> DeviceChoice {
    match params::DEVICE_OPTIONS.get(index).copied() {
        Some("CPU") => DeviceChoice::Cpu,
        Some("CUDA") => DeviceChoice::Cuda,
        _ => DeviceChoice::Auto,
    }
}

/// Quality from the `quality` param's option index.
pub fn quality_choice(index: usize) -> Quality {
    match params::QUALITY_OPTIONS.get(index).copied() {
        Some("Full") => Quality::Full,
        _ => Quality::Fast,
    }
}

/// The bundle's `Contents/Resources/models` when it exists, else `None`
/// (the core then uses `$CIRCLETAKE_MODELS`).
fn model_dir() -> Option<PathBuf> {
    let binary = own_binary()?;
    // <bundle>/Contents/<arch>/<name>.ofx -> <bundle>/Contents/Resources/models
    let dir = binary.parent()?.parent()?.join("Resources").join("models");
    dir.is_dir().then_some(dir)
}

/// The shared library this code lives in, from `/proc/self/maps` (Linux);
/// `None` elsewhere or when not found.
fn own_binary() -> Option<PathBuf> {
    let here = own_binary as fn() -> Option<PathBuf> as usize;
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    binary_containing(&maps, here)
}

/// The file mapped at `address` in a `/proc/<pid>/maps` listing.
fn binary_containing(maps: &str, address: usize) -> Option<PathBuf> {
    maps.lines().find_map(|line| {
        let mut fields = line.split_whitespace();
        let (lo, hi) = fields.next()?.split_once('-')?;
        let lo = usize::from_str_radix(lo, 16).ok()?;
        let hi = usize::from_str_radix(hi, 16).ok()?;
        let path = fields.nth(4)?;
        ((lo..hi).contains(&address) && path.starts_with('/'))
            .then(|| Path::new(path).to_path_buf())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_mapping_that_holds_an_address() {
        let maps = "\
55d0-55e0 r-xp 00000000 08:01 12 /usr/bin/host
7f00-7f80 r-xp 00001000 08:01 34 /opt/X/CircleTake.ofx.bundle/Contents/Linux-x86-64/CircleTake.ofx
7f80-7f90 rw-p 00000000 00:00 0 [heap]
";
        assert_eq!(
            binary_containing(maps, 0x7f10),
            Some(PathBuf::from(
                "/opt/X/CircleTake.ofx.bundle/Contents/Linux-x86-64/CircleTake.ofx"
            ))
        );
        assert_eq!(binary_containing(maps, 0x7f85), None);
        assert_eq!(binary_containing(maps, 0x1), None);
    }

    #[test]
    fn choices_map_to_the_core() {
        assert_eq!(device_choice(0), DeviceChoice::Auto);
        assert_eq!(device_choice(1), DeviceChoice::Cpu);
        assert_eq!(device_choice(2), DeviceChoice::Cuda);
        assert_eq!(quality_choice(0), Quality::Fast);
        assert_eq!(quality_choice(1), Quality::Full);
    }
}
