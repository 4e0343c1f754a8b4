//! Serde helpers that write floats rounded to 4 decimals, so reports are stable,
//! diff-friendly and byte-identical for identical input. Non-finite values are
//! written as 0 (the analysis never produces them; this keeps the JSON valid).

use serde::{Deserialize, Deserializer, Serializer};

/// `v` rounded to 4 decimals as f64, with -0 and non-finite values mapped to 0.
pub fn round4(v: f32) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    let r = (f64::from(v) * 1e4).round() / 1e4;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// `#[serde(with = "r4")]` for `f32` fields.
pub mod r4 {
    use super::*;

    /// Writes the value rounded to 4 decimals.
    pub fn serialize<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(round4(*v))
    }

    /// Reads a plain number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
        f32::deserialize(d)
    }
}

/// `#[serde(with = "r4_opt")]` for `Option<f32>` fields (`null` when absent).
pub mod r4_opt {
    use super::*;

    /// Writes the value rounded to 4 decimals, or `null`.
    pub fn serialize<S: Serializer>(v: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => s.serialize_some(&round4(*x)),
            None => s.serialize_none(),
        }
    }

    /// Reads a number or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f32>, D::Error> {
        Option::<f32>::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::round4;

    #[test]
    fn rounds_to_four_decimals_and_cleans_up() {
        assert_eq!(round4(0.123_456), 0.1235);
        assert_eq!(round4(-0.000_01), 0.0);
        assert!(round4(-0.000_01).is_sign_positive());
        assert_eq!(round4(f32::NAN), 0.0);
    }
}
