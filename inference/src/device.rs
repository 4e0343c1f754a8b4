//! Compute device selection: CPU or CUDA, and why.
//!
//! The libtorch we link is the PyPI CUDA build, but with `--as-needed` linking
//! the linker drops `libtorch_cuda.so` (nothing references it directly), so
//! CUDA kernels are never registered and `tch::Cuda::is_available()` answers
//! false even on a GPU machine. At the first resolution of a device that may
//! be CUDA we therefore `dlopen` `libtorch_cuda.so` with `RTLD_GLOBAL` and keep
//! it loaded for the life of the process.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use crate::error::{InferenceError, Result};

/// The device the caller asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DeviceChoice {
    /// CUDA when reachable, else CPU.
    #[default]
    Auto,
    /// Always the CPU.
    Cpu,
    /// CUDA device 0; an error when unreachable.
    Cuda,
}

impl FromStr for DeviceChoice {
    type Err = InferenceError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "cpu" => Ok(Self::Cpu),
            "cuda" | "gpu" => Ok(Self::Cuda),
            other => Err(InferenceError::InvalidArgument(format!(
                "unknown device {other:?} (expected auto, cpu or cuda)"
            ))),
        }
    }
}

impl fmt::Display for DeviceChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Auto => "auto",
            Self::Cpu => "cpu",
            Self::Cuda => "cuda",
        })
    }
}

/// A resolved, usable compute device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputeDevice {
    cuda_index: Option<usize>,
    threads: usize,
    reason: String,
}

impl ComputeDevice {
    /// Whether work runs on a CUDA GPU.
    pub fn is_cuda(&self) -> bool {
        self.cuda_index.is_some()
    }

    /// CPU intra-op thread count libtorch uses.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Human-readable device and why it was chosen, e.g.
    /// `CPU (2 threads; CUDA: libtorch_cuda.so loaded, no driver)`.
    pub fn describe(&self) -> String {
        match self.cuda_index {
            Some(i) => format!("CUDA:{i} ({})", self.reason),
            None => format!("CPU ({} threads; {})", self.threads, self.reason),
        }
    }

    /// The tch device (crate-internal: the public API never exposes tch types).
    pub(crate) fn tch(&self) -> tch::Device {
        match self.cuda_index {
            Some(i) => tch::Device::Cuda(i),
            None => tch::Device::Cpu,
        }
    }

    /// The CPU device, without probing CUDA (for tests and CPU-only helpers).
    pub fn cpu() -> Self {
        Self {
            cuda_index: None,
            threads: usize::try_from(tch::get_num_threads()).unwrap_or(1),
            reason: "CUDA not probed".into(),
        }
    }
}

/// What the CUDA probe found; computed once per process.
#[derive(Debug)]
struct CudaProbe {
    /// Loaded library (kept for the life of the process) or why it failed.
    library: std::result::Result<(String, libloading::os::unix::Library), String>,
    available: bool,
    detail: String,
}

static CUDA_LIBRARY_PATH: OnceLock<PathBuf> = OnceLock::new();
static CUDA_PROBE: OnceLock<CudaProbe> = OnceLock::new();
static LAST_RESOLVED: Mutex<Option<ComputeDevice>> = Mutex::new(None);

/// Tells the core where `libtorch_cuda.so` is when it cannot be found by
/// name (the OFX bundle renames sonames). Must be called before the first
/// device resolution; later calls (or a second, different path) are errors.
pub fn set_torch_cuda_library(path: &Path) -> Result<()> {
    if CUDA_PROBE.get().is_some() {
        return Err(InferenceError::InvalidArgument(
            "set_torch_cuda_library called after the CUDA probe ran".into(),
        ));
    }
    let stored = CUDA_LIBRARY_PATH.get_or_init(|| path.to_path_buf());
    if stored != path {
        return Err(InferenceError::InvalidArgument(format!(
            "torch CUDA library already set to {}",
            stored.display()
        )));
    }
    Ok(())
}

fn probe_cuda() -> &'static CudaProbe {
    CUDA_PROBE.get_or_init(|| {
        let name = CUDA_LIBRARY_PATH
            .get()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|| "libtorch_cuda.so".to_owned());
        let flags = libloading::os::unix::RTLD_NOW | libloading::os::unix::RTLD_GLOBAL;
        // SAFETY: libtorch_cuda.so's initialisers only register CUDA kernels
        // with the libtorch already loaded in this process (same build); the
        // handle is kept in a static and never unloaded.
        let library = unsafe { libloading::os::unix::Library::open(Some(&name), flags) }
            .map(|lib| (name.clone(), lib))
            .map_err(|e| format!("{name} not loaded ({e})"));
        let available = library.is_ok() && tch::Cuda::is_available();
        let detail = match &library {
            Err(e) => e.clone(),
            Ok((name, _)) if available => {
                format!("{name} loaded, {} GPU(s)", tch::Cuda::device_count())
            }
            Ok((name, _)) => {
                // SAFETY: probing for the driver library; libcuda has no
                // initialisers with side effects; closed again at drop.
                let driver =
                    unsafe { libloading::os::unix::Library::open(Some("libcuda.so.1"), flags) };
                if driver.is_ok() {
                    format!("{name} loaded, driver present but no usable GPU")
                } else {
                    format!("{name} loaded, no driver")
                }
            }
        };
        log::info!("CUDA probe: {detail}");
        CudaProbe {
            library,
            available,
            detail,
        }
    })
}

/// Resolves a device choice into a usable device; `threads` sets libtorch's
/// (process-wide) CPU intra-op thread count when given.
pub fn resolve(choice: DeviceChoice, threads: Option<usize>) -> Result<ComputeDevice> {
    if let Some(n) = threads {
        if n == 0 {
            return Err(InferenceError::InvalidArgument(
                "threads must be >= 1".into(),
            ));
        }
        tch::set_num_threads(i32::try_from(n).unwrap_or(i32::MAX));
    }
    let threads = usize::try_from(tch::get_num_threads()).unwrap_or(1);
    let device = match choice {
        DeviceChoice::Cpu => ComputeDevice {
            cuda_index: None,
            threads,
            reason: match CUDA_PROBE.get() {
                Some(p) => format!("CPU asked; CUDA: {}", p.detail),
                None => "CPU asked".into(),
            },
        },
        DeviceChoice::Auto | DeviceChoice::Cuda => {
            let probe = probe_cuda();
            let _ = &probe.library;
            if probe.available {
                ComputeDevice {
                    cuda_index: Some(0),
                    threads,
                    reason: probe.detail.clone(),
                }
            } else if choice == DeviceChoice::Cuda {
                return Err(InferenceError::DeviceUnavailable(format!(
                    "CUDA asked but unavailable: {}",
                    probe.detail
                )));
            } else {
                ComputeDevice {
                    cuda_index: None,
                    threads,
                    reason: format!("CUDA: {}", probe.detail),
                }
            }
        }
    };
    if let Ok(mut last) = LAST_RESOLVED.lock() {
        *last = Some(device.clone());
    }
    Ok(device)
}

/// Which device the last resolution picked and why; "no device resolved yet"
/// before the first.
pub fn describe() -> String {
    match LAST_RESOLVED.lock().ok().and_then(|d| d.clone()) {
        Some(d) => d.describe(),
        None => "no device resolved yet".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_choices() {
        for c in [DeviceChoice::Auto, DeviceChoice::Cpu, DeviceChoice::Cuda] {
            assert_eq!(c.to_string().parse::<DeviceChoice>().unwrap(), c);
        }
        assert_eq!("GPU".parse::<DeviceChoice>().unwrap(), DeviceChoice::Cuda);
        assert!("tpu".parse::<DeviceChoice>().is_err());
    }

    #[test]
    fn auto_always_resolves_and_explains() {
        let d = resolve(DeviceChoice::Auto, None).unwrap();
        let text = d.describe();
        eprintln!("auto device: {text}");
        assert!(text.contains("CUDA"), "{text}");
        if !d.is_cuda() {
            // Without a GPU, asking for CUDA explicitly is a clear error.
            let err = resolve(DeviceChoice::Cuda, None).unwrap_err();
            assert!(matches!(err, InferenceError::DeviceUnavailable(_)), "{err}");
        }
        assert!(resolve(DeviceChoice::Cpu, Some(0)).is_err());
    }
}
