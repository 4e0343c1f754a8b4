//! Setup information in clip names, as used on set.
//!
//! Two conventions are recognised (case-insensitive, tokens separated by `_`, `-`,
//! `.` or spaces):
//!
//! * **scene/shot/take**: a scene token — optional `SC` or `S` prefix, 1–4 digits,
//!   0–2 letters (`12A`, `012A`, `SC12A`, `S012`) — followed by a take token — `T`,
//!   `TK` or `TAKE` and digits (`T3`, `TK3`, `T03`), or bare digits after a `-`
//!   (`12A-3`). `12A_T3`, `12A-3`, `SC12A_TK3`, `S012_T03` all name scene/shot
//!   `12A`/`12` and take 3. The setup key is the scene/shot with leading zeros
//!   dropped and letters upper-cased, so `012A_T1` and `SC12A_TK2` are one setup.
//! * **camera roll + clip** (ARRI/RED): `A012_C003`, optionally followed by more
//!   tokens (`A012_C003_0101XY`). Such a name identifies one recording, not a setup:
//!   it gives the camera (clips of different cameras are never grouped together, they
//!   are different angles) and no setup key, so visual similarity groups them. A
//!   scene/take pattern later in the name (`A012_C003_12A_T3`) still counts.
//!
//! Anything else carries no setup information.

use serde::{Deserialize, Serialize};

/// What a clip name says about its setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NameInfo {
    /// Setup key from a scene/shot/take name, e.g. `12A`.
    pub setup: Option<String>,
    /// Take number from a scene/shot/take name.
    pub take: Option<u32>,
    /// Camera letter from a camera-roll name (`A` of `A012_C003`).
    pub camera: Option<char>,
    /// Camera roll and clip numbers from a camera-roll name (`(12, 3)` for `A012_C003`).
    pub roll_clip: Option<(u32, u32)>,
}

/// Splits at `_`, `-`, `.` and whitespace; returns each token with the separator
/// before it (`None` for the first).
fn tokens(stem: &str) -> Vec<(Option<char>, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut sep = None;
    for (i, c) in stem.char_indices() {
        if c == '_' || c == '-' || c == '.' || c.is_whitespace() {
            if i > start {
                out.push((sep, &stem[start..i]));
            }
            sep = Some(c);
            start = i + c.len_utf8();
        }
    }
    if start < stem.len() {
        out.push((sep, &stem[start..]));
    }
    out
}

/// Digits of `s` as a number when `s` is 1..=`max` ASCII digits.
fn number(s: &str, max: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `A012` → `('A', 12)`: one letter and three digits.
fn camera_roll(t: &str) -> Option<(char, u32)> {
    let mut chars = t.chars();
    let c = chars.next()?.to_ascii_uppercase();
    let rest = chars.as_str();
    (c.is_ascii_alphabetic() && rest.len() == 3)
        .then(|| number(rest, 3))
        .flatten()
        .map(|n| (c, n))
}

/// `C003` → 3.
fn clip_number(t: &str) -> Option<u32> {
    let rest = t.strip_prefix(['C', 'c'])?;
    (rest.len() == 3).then(|| number(rest, 3)).flatten()
}

/// Scene/shot token → setup key (`SC012a` → `12A`).
fn scene(t: &str) -> Option<String> {
    let upper = t.to_ascii_uppercase();
    let body = upper
        .strip_prefix("SC")
        .or_else(|| upper.strip_prefix('S'))
        .unwrap_or(&upper);
    let digits_end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, letters) = body.split_at(digits_end);
    let n = number(digits, 4)?;
    if letters.len() > 2 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some(format!("{n}{letters}"))
}

/// Take token → take number (`T3`, `TK03`, `TAKE3`; bare digits only after `-`).
fn take(sep: Option<char>, t: &str) -> Option<u32> {
    let upper = t.to_ascii_uppercase();
    for prefix in ["TAKE", "TK", "T"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            return number(rest, 3);
        }
    }
    (sep == Some('-')).then(|| number(t, 3)).flatten()
}

/// Reads the setup information in a clip's file stem (see the module docs).
pub fn parse_name(stem: &str) -> NameInfo {
    let toks = tokens(stem);
    let mut info = NameInfo::default();
    let mut from = 0;
    if let [(_, a), (_, b), ..] = toks.as_slice() {
        if let (Some((cam, roll)), Some(clip)) = (camera_roll(a), clip_number(b)) {
            info.camera = Some(cam);
            info.roll_clip = Some((roll, clip));
            from = 2;
        }
    }
    for w in toks[from.min(toks.len())..].windows(2) {
        let ((_, s), (sep, t)) = (w[0], w[1]);
        if let (Some(key), Some(n)) = (scene(s), take(sep, t)) {
            info.setup = Some(key);
            info.take = Some(n);
            break;
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(stem: &str) -> (Option<String>, Option<u32>) {
        let i = parse_name(stem);
        (i.setup, i.take)
    }

    #[test]
    fn scene_shot_take_forms_share_one_key() {
        for (stem, key, take) in [
            ("12A_T3", "12A", 3),
            ("12A-3", "12A", 3),
            ("SC12A_TK3", "12A", 3),
            ("S012_T03", "12", 3),
            ("012A_T1", "12A", 1),
            ("sc12a_take2", "12A", 2),
            ("12B_T10_v2", "12B", 10),
        ] {
            assert_eq!(setup(stem), (Some(key.to_string()), Some(take)), "{stem}");
        }
    }

    #[test]
    fn camera_roll_names_give_camera_not_setup() {
        let i = parse_name("A012_C003_0101XY");
        assert_eq!(i.camera, Some('A'));
        assert_eq!(i.roll_clip, Some((12, 3)));
        assert_eq!(i.setup, None);
        let i = parse_name("B001_C004_12A_T2");
        assert_eq!(
            (i.camera, i.setup.as_deref(), i.take),
            (Some('B'), Some("12A"), Some(2))
        );
    }

    #[test]
    fn neutral_names_carry_nothing() {
        for stem in [
            "clipX",
            "bikes",
            "take_final",
            "2023_05",
            "interview-b",
            "12A",
        ] {
            let i = parse_name(stem);
            assert_eq!(i, NameInfo::default(), "{stem}");
        }
    }
}
