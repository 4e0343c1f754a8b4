//! Natural ordering of names: digit runs compare as numbers, the rest
//! case-insensitively, so `2 < 10 < 12A < 12B` and `A001_C004 < A001_C010`.

use std::cmp::Ordering;

/// One run of a name: a number or a text run.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Run {
    /// Digits (value, then digit count so `01` sorts after `1`).
    Number(u128, usize),
    /// Anything else, lower-cased.
    Text(String),
}

fn runs(s: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        let digit = c.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() != digit {
                break;
            }
            run.push(c);
            chars.next();
        }
        out.push(if digit {
            let len = run.len();
            Run::Number(run.parse().unwrap_or(u128::MAX), len)
        } else {
            Run::Text(run.to_lowercase())
        });
    }
    out
}

/// Natural order of `a` and `b`; names equal in that order fall back to plain
/// byte order, so the order is total and deterministic.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    runs(a).cmp(&runs(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_by_value() {
        let mut v = vec!["12B", "10", "12A", "2", "A001_C010", "A001_C004", "b", "B"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            ["2", "10", "12A", "12B", "A001_C004", "A001_C010", "B", "b"]
        );
    }
}
