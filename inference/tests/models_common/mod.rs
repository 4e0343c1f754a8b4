//! Shared by the `models_*` tests: finding the exported models and reading
//! the reference tensors their export scripts wrote (`xtask/python/`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tch::{Kind, Tensor};

/// The models folder: `$CIRCLETAKE_MODELS`, else `<workspace>/target/models`.
/// `None` (after printing why the test is skipped) when it has no
/// `reference/<stem>.json`, i.e. `cargo xtask models` has not run.
pub fn models_dir(stem: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("CIRCLETAKE_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/models"));
    if dir.join("reference").join(format!("{stem}.json")).is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} has no reference/{stem}.json (run `cargo xtask models`)",
            dir.display()
        );
        None
    }
}

/// The reference tensors of one export script.
pub struct Reference {
    dir: PathBuf,
    /// The parsed `reference/<stem>.json`.
    pub manifest: serde_json::Value,
}

impl Reference {
    /// Reads `reference/<stem>.json` in `models`.
    pub fn open(models: &Path, stem: &str) -> Reference {
        let dir = models.join("reference");
        let path = dir.join(format!("{stem}.json"));
        let text = std::fs::read_to_string(&path).expect("reference manifest");
        Reference {
            dir,
            manifest: serde_json::from_str(&text).expect("reference manifest is JSON"),
        }
    }

    /// One reference tensor, on the CPU, with its recorded shape and kind.
    pub fn tensor(&self, name: &str) -> Tensor {
        let entry = &self.manifest["tensors"][name];
        assert!(entry.is_object(), "reference has no tensor {name}");
        let shape: Vec<i64> = entry["shape"]
            .as_array()
            .expect("shape")
            .iter()
            .map(|v| v.as_i64().expect("shape entry"))
            .collect();
        let bytes = std::fs::read(self.dir.join(entry["file"].as_str().expect("file")))
            .expect("reference data");
        let (kind, width) = match entry["dtype"].as_str().expect("dtype") {
            "f32" => (Kind::Float, 4),
            "u8" => (Kind::Uint8, 1),
            "i64" => (Kind::Int64, 8),
            other => panic!("unknown dtype {other}"),
        };
        let count: i64 = shape.iter().product();
        assert_eq!(
            bytes.len() as i64,
            count * width,
            "{name}: size does not match its shape"
        );
        let tensor = match kind {
            Kind::Float => {
                let values: Vec<f32> = bytes
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                Tensor::from_slice(&values)
            }
            Kind::Int64 => {
                let values: Vec<i64> = bytes
                    .chunks_exact(8)
                    .map(|c| i64::from_le_bytes(c.try_into().expect("8 bytes")))
                    .collect();
                Tensor::from_slice(&values)
            }
            _ => Tensor::from_slice(&bytes),
        };
        tensor.reshape(&shape)
    }

    /// A number from the manifest.
    pub fn number(&self, key: &str) -> f64 {
        self.manifest[key]
            .as_f64()
            .unwrap_or_else(|| panic!("reference has no number {key}"))
    }
}

/// Largest absolute difference of two tensors of one shape.
pub fn max_abs_diff(a: &Tensor, b: &Tensor) -> f64 {
    assert_eq!(a.size(), b.size(), "shapes differ");
    if a.numel() == 0 {
        return 0.0;
    }
    (a.to_kind(Kind::Double) - b.to_kind(Kind::Double))
        .abs()
        .max()
        .double_value(&[])
}
