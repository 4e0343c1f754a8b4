//! The override file: a CSV that puts clips into groups by hand
//! (`clip,group` per line). It takes precedence over names and visual similarity.
//!
//! * `clip` is matched against each input's file name (`012A_T1.mov`), its stem
//!   (`012A_T1`) or the path as given on the command line.
//! * `group` is the group's name; it joins a name-derived setup of the same key
//!   (`12A`), so a mislabelled take can be moved into its setup.
//! * Blank lines and lines starting with `#` are ignored; a first line `clip,group`
//!   (any case) is a header. Fields may be double-quoted (`"a, b.mov",12A`).

use std::path::{Path, PathBuf};

use super::AssembleError;

/// One `clip → group` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideEntry {
    /// The clip as written in the file.
    pub clip: String,
    /// The group's name.
    pub group: String,
    /// 1-based line number (for messages).
    pub line: usize,
}

/// Splits one CSV line into fields (RFC 4180 quoting, `""` inside quotes).
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    let mut field_started_quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cur.push(c),
            (false, '"') if cur.trim().is_empty() && !field_started_quoted => {
                cur.clear();
                quoted = true;
                field_started_quoted = true;
            }
            (false, '"') => return Err("stray quote".into()),
            (false, ',') => {
                out.push(cur.trim().to_string());
                cur.clear();
                field_started_quoted = false;
            }
            (false, c) => cur.push(c),
        }
    }
    if quoted {
        return Err("unterminated quote".into());
    }
    out.push(cur.trim().to_string());
    Ok(out)
}

/// Parses the override CSV text. `path` only names the file in errors.
pub fn parse_overrides(text: &str, path: &Path) -> Result<Vec<OverrideEntry>, AssembleError> {
    let bad = |line: usize, reason: String| AssembleError::OverrideFile {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut out: Vec<OverrideEntry> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_start_matches('\u{feff}').trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let f = fields(raw).map_err(|r| bad(line, r))?;
        if out.is_empty()
            && f.len() == 2
            && f[0].eq_ignore_ascii_case("clip")
            && f[1].eq_ignore_ascii_case("group")
        {
            continue;
        }
        if f.len() != 2 {
            return Err(bad(
                line,
                format!("expected 2 fields (clip,group), found {}", f.len()),
            ));
        }
        if f[0].is_empty() || f[1].is_empty() {
            return Err(bad(line, "empty clip or group".into()));
        }
        if let Some(prev) = out.iter().find(|e| e.clip == f[0]) {
            if prev.group != f[1] {
                return Err(bad(
                    line,
                    format!(
                        "{} is already in group {} (line {})",
                        f[0], prev.group, prev.line
                    ),
                ));
            }
            continue;
        }
        out.push(OverrideEntry {
            clip: f[0].clone(),
            group: f[1].clone(),
            line,
        });
    }
    Ok(out)
}

/// Reads and parses the override CSV at `path`.
pub fn read_overrides(path: &Path) -> Result<Vec<OverrideEntry>, AssembleError> {
    let bytes = std::fs::read(path).map_err(|source| AssembleError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| AssembleError::OverrideFile {
        path: path.to_path_buf(),
        line: 0,
        reason: "not UTF-8 text".into(),
    })?;
    parse_overrides(&text, path)
}

/// The group `entries` give the input at `media` (as given on the command line), if any.
pub fn group_for<'a>(entries: &'a [OverrideEntry], media: &Path) -> Option<&'a str> {
    let given = media.to_string_lossy();
    let name = media.file_name().map(|n| n.to_string_lossy());
    let stem = media.file_stem().map(|n| n.to_string_lossy());
    entries
        .iter()
        .find(|e| {
            e.clip == given
                || name.as_deref() == Some(e.clip.as_str())
                || stem.as_deref() == Some(e.clip.as_str())
        })
        .map(|e| e.group.as_str())
}

/// Entries that match none of `media` (to warn about typos).
pub fn unmatched<'a>(entries: &'a [OverrideEntry], media: &[PathBuf]) -> Vec<&'a OverrideEntry> {
    entries
        .iter()
        .filter(|e| {
            !media
                .iter()
                .any(|m| group_for(std::slice::from_ref(e), m).is_some())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_comments_quotes_and_matching() {
        let text = "\u{feff}clip,group\n# moved\n012A_T3.mov, 12A\n\"odd, name.mp4\",7\n\n";
        let e = parse_overrides(text, Path::new("g.csv")).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(
            (e[0].clip.as_str(), e[0].group.as_str()),
            ("012A_T3.mov", "12A")
        );
        assert_eq!(e[1].clip, "odd, name.mp4");
        assert_eq!(group_for(&e, Path::new("/x/012A_T3.mov")), Some("12A"));
        assert_eq!(group_for(&e, Path::new("odd, name.mp4")), Some("7"));
        assert_eq!(group_for(&e, Path::new("other.mov")), None);
        let media = [PathBuf::from("a/012A_T3.mov")];
        assert_eq!(unmatched(&e, &media).len(), 1);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        for (text, line) in [
            ("a.mov,1\nb.mov\n", 2),
            ("a.mov,1,extra\n", 1),
            ("\"a.mov,1\n", 1),
            ("a.mov,1\na.mov,2\n", 2),
            (",1\n", 1),
        ] {
            match parse_overrides(text, Path::new("g.csv")) {
                Err(AssembleError::OverrideFile { line: l, path, .. }) => {
                    assert_eq!((l, path), (line, PathBuf::from("g.csv")), "{text:?}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
