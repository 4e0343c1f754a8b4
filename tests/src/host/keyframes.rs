//! Parameter values over time: a static value plus keyframes, linear
//! interpolation for numeric (int and double) params, step for the others.

/// A parameter value: numbers (ints are held exactly as f64) or a string.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// One number per dimension.
    Num(Vec<f64>),
    /// A string (string, custom and string-choice params).
    Str(String),
    /// No value (push buttons, groups, pages).
    None,
}

/// A parameter's animation curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// The value used when there are no keys.
    pub value: ParamValue,
    /// Keys sorted by time (no two at the same time).
    pub keys: Vec<(f64, ParamValue)>,
    /// Linear interpolation between keys (numeric params); otherwise step.
    pub linear: bool,
    /// Round interpolated numbers (int-valued params).
    pub integer: bool,
}

impl Curve {
    /// A curve with no keys.
    pub fn new(value: ParamValue, linear: bool, integer: bool) -> Curve {
        Curve {
            value,
            keys: Vec::new(),
            linear,
            integer,
        }
    }

    /// The value at `t`.
    pub fn at(&self, t: f64) -> ParamValue {
        let Some(first) = self.keys.first() else {
            return self.value.clone();
        };
        if t <= first.0 {
            return first.1.clone();
        }
        let last = &self.keys[self.keys.len() - 1];
        if t >= last.0 {
            return last.1.clone();
        }
        let i = self.keys.partition_point(|(kt, _)| *kt <= t); // keys[i-1].0 <= t < keys[i].0
        let (t0, v0) = &self.keys[i - 1];
        let (t1, v1) = &self.keys[i];
        match (v0, v1) {
            (ParamValue::Num(a), ParamValue::Num(b)) if self.linear => {
                let u = (t - t0) / (t1 - t0);
                let v = a
                    .iter()
                    .zip(b)
                    .map(|(a, b)| a + (b - a) * u)
                    .map(|x| if self.integer { x.round() } else { x })
                    .collect();
                ParamValue::Num(v)
            }
            _ => v0.clone(),
        }
    }

    /// d(value)/dt at `t` per dimension (0 outside the keys, on steps and for strings).
    pub fn derivative(&self, t: f64, dims: usize) -> Vec<f64> {
        let mut out = vec![0.0; dims];
        if !self.linear || self.keys.len() < 2 {
            return out;
        }
        let i = self.keys.partition_point(|(kt, _)| *kt <= t);
        if i == 0 || i >= self.keys.len() {
            return out;
        }
        if let ((t0, ParamValue::Num(a)), (t1, ParamValue::Num(b))) =
            (&self.keys[i - 1], &self.keys[i])
        {
            for (d, (a, b)) in out.iter_mut().zip(a.iter().zip(b)) {
                *d = (b - a) / (t1 - t0);
            }
        }
        out
    }

    /// The integral of the value over `[t1, t2]` per dimension (exact for the
    /// piecewise-linear curve; constant before the first and after the last key).
    pub fn integral(&self, t1: f64, t2: f64, dims: usize) -> Vec<f64> {
        if t2 < t1 {
            return self
                .integral(t2, t1, dims)
                .into_iter()
                .map(|x| -x)
                .collect();
        }
        // Breakpoints: the ends and every key inside; the curve is linear between them.
        let mut pts = vec![t1];
        pts.extend(self.keys.iter().map(|k| k.0).filter(|&k| k > t1 && k < t2));
        pts.push(t2);
        let mut out = vec![0.0; dims];
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (va, vb) = if self.linear {
                (self.at(a), self.at(b))
            } else {
                // Step: the value at the start of the piece holds until the next key.
                (self.at(a), self.at(a))
            };
            if let (ParamValue::Num(x), ParamValue::Num(y)) = (va, vb) {
                for (o, (x, y)) in out.iter_mut().zip(x.iter().zip(&y)) {
                    *o += (x + y) / 2.0 * (b - a);
                }
            }
        }
        out
    }

    /// Sets (or replaces) the key at `t`.
    pub fn set_key(&mut self, t: f64, v: ParamValue) {
        match self.keys.binary_search_by(|(kt, _)| kt.total_cmp(&t)) {
            Ok(i) => self.keys[i].1 = v,
            Err(i) => self.keys.insert(i, (t, v)),
        }
    }

    /// Deletes the key at exactly `t`; false when there is none.
    pub fn delete_key(&mut self, t: f64) -> bool {
        match self.keys.binary_search_by(|(kt, _)| kt.total_cmp(&t)) {
            Ok(i) => {
                self.keys.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// `paramGetKeyIndex`: the key at `t` (direction 0), the last key before `t`
    /// (direction < 0) or the first key after it (direction > 0).
    pub fn key_index(&self, t: f64, direction: i32) -> Option<usize> {
        match direction {
            0 => self.keys.iter().position(|k| k.0 == t),
            d if d < 0 => self.keys.iter().rposition(|k| k.0 < t),
            _ => self.keys.iter().position(|k| k.0 > t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> ParamValue {
        ParamValue::Num(vec![x])
    }

    #[test]
    fn linear_between_keys_constant_outside() {
        let mut c = Curve::new(num(5.0), true, false);
        assert_eq!(c.at(3.0), num(5.0));
        c.set_key(10.0, num(0.0));
        c.set_key(20.0, num(1.0));
        assert_eq!(c.at(0.0), num(0.0));
        assert_eq!(c.at(15.0), num(0.5));
        assert_eq!(c.at(25.0), num(1.0));
        assert_eq!(c.derivative(12.0, 1), vec![0.1]);
        assert!((c.integral(0.0, 30.0, 1)[0] - (0.0 + 5.0 + 10.0)).abs() < 1e-9);
        assert_eq!(c.key_index(15.0, -1), Some(0));
        assert_eq!(c.key_index(15.0, 1), Some(1));
        assert_eq!(c.key_index(15.0, 0), None);
        assert!(c.delete_key(10.0));
        assert!(!c.delete_key(10.0));
    }

    #[test]
    fn step_and_integer_curves() {
        let mut c = Curve::new(ParamValue::Str("a".into()), false, false);
        c.set_key(0.0, ParamValue::Str("x".into()));
        c.set_key(10.0, ParamValue::Str("y".into()));
        assert_eq!(c.at(9.9), ParamValue::Str("x".into()));
        assert_eq!(c.at(10.0), ParamValue::Str("y".into()));
        let mut i = Curve::new(num(0.0), true, true);
        i.set_key(0.0, num(0.0));
        i.set_key(4.0, num(3.0));
        assert_eq!(i.at(1.0), num(1.0)); // 0.75 rounds to 1
    }
}
