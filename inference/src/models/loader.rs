//! Loading TorchScript files: clear errors naming the file, and one copy of
//! each model per process and device, shared by every caller.

use crate::{InferenceError, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tch::{CModule, Device, IValue, Tensor};

/// A loaded TorchScript module and the file it came from.
///
/// `CModule::forward` takes `&self` and libtorch runs TorchScript inference
/// from several threads at once, so the module is shared as it is, without a
/// lock: parallel renders never wait on each other here.
///
/// [`Model::forward`] turns TorchScript's graph optimiser off on the calling
/// thread (a thread-local libtorch switch). With it on, the first calls of
/// every module profile and re-specialise on each new input shape (seconds
/// each on a CPU), and MTCNN feeds P-Net a new shape per pyramid level and
/// image size; these convolution networks gain nothing from its fusions.
#[derive(Debug)]
pub struct Model {
    module: CModule,
    path: PathBuf,
    device: Device,
}

type Cache = Mutex<HashMap<(PathBuf, String), Arc<Model>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

impl Model {
    /// Loads `path` onto `device`, or returns the copy this process already
    /// loaded from the same file onto the same device.
    ///
    /// Errors: [`InferenceError::ModelMissing`] when the file does not exist,
    /// [`InferenceError::ModelCorrupt`] when libtorch cannot read it.
    pub fn load_shared(path: &Path, device: Device) -> Result<Arc<Model>> {
        if !path.is_file() {
            return Err(InferenceError::ModelMissing {
                path: path.to_path_buf(),
            });
        }
        let key = (
            path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
            format!("{device:?}"),
        );
        // Loading under the lock keeps two threads from reading one file twice;
        // a poisoned lock only means another loader panicked, the map is intact.
        let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(model) = map.get(&key) {
            return Ok(model.clone());
        }
        let model = Arc::new(Model::load(path, device)?);
        map.insert(key, model.clone());
        Ok(model)
    }

    /// Loads `path` onto `device` (no sharing).
    pub fn load(path: &Path, device: Device) -> Result<Model> {
        if !path.is_file() {
            return Err(InferenceError::ModelMissing {
                path: path.to_path_buf(),
            });
        }
        let mut module =
            CModule::load_on_device(path, device).map_err(|e| InferenceError::ModelCorrupt {
                path: path.to_path_buf(),
                reason: first_line(&e.to_string()),
            })?;
        module.set_eval();
        Ok(Model {
            module,
            path: path.to_path_buf(),
            device,
        })
    }

    /// The file the model was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The device the model's weights live on.
    pub fn device(&self) -> Device {
        self.device
    }

    /// Runs `forward` on `inputs` and returns its tensor outputs (a tuple
    /// output gives several). Errors name the model file.
    pub fn forward(&self, inputs: &[Tensor]) -> Result<Vec<Tensor>> {
        let inputs: Vec<IValue> = inputs
            .iter()
            .map(|t| IValue::Tensor(t.shallow_clone()))
            .collect();
        let output = self
            .module
            .forward_is(&inputs)
            .map_err(|e| self.corrupt(format!("forward failed: {}", first_line(&e.to_string()))))?;
        match output {
            IValue::Tensor(t) => Ok(vec![t]),
            IValue::Tuple(items) | IValue::GenericList(items) => items
                .into_iter()
                .map(|item| match item {
                    IValue::Tensor(t) => Ok(t),
                    other => Err(self.corrupt(format!("output is not a tensor: {other:?}"))),
                })
                .collect(),
            other => Err(self.corrupt(format!("unexpected output {other:?}"))),
        }
    }

    /// Like [`Model::forward`], checking the number of outputs.
    pub fn forward_n(&self, inputs: &[Tensor], n: usize) -> Result<Vec<Tensor>> {
        let outputs = self.forward(inputs)?;
        if outputs.len() == n {
            Ok(outputs)
        } else {
            Err(self.corrupt(format!("expected {n} outputs, got {}", outputs.len())))
        }
    }

    /// A [`InferenceError::ModelCorrupt`] naming this model's file.
    pub fn corrupt(&self, reason: String) -> InferenceError {
        InferenceError::ModelCorrupt {
            path: self.path.clone(),
            reason,
        }
    }
}

/// libtorch errors carry a C++ backtrace; the first line says what happened.
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or(text).trim().to_string()
}
