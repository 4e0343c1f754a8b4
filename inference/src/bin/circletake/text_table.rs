//! Plain-text tables for the terminal: left-aligned columns two spaces
//! apart, a dashed rule under the header, the last column unpadded.

/// The table as text, one `\n`-terminated line per row (header and rule
/// first); widths count characters, trailing spaces are trimmed.
pub fn render<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let header = header.map(str::to_string);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String; N]| {
        let mut s = String::new();
        for (k, (c, w)) in row.iter().zip(&widths).enumerate() {
            if k + 1 == N {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  "));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut s = line(&header);
    s.push_str(&line(&widths.map(|w| "-".repeat(w))));
    for row in rows {
        s.push_str(&line(row));
    }
    s
}
