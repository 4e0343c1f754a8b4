//! The table printed after `assemble`: per setup (timeline order) the number of
//! takes, the chosen one, its rank score, suggested in/out (source timecode, or
//! media timecode from 00:00:00:00 at the first frame) and why it won.

use std::path::Path;

use circletake_inference::assemble::{Assembly, AssemblyGroup};
use circletake_inference::timecode::TimecodeFormat;

use crate::text_table;

/// The cells of one group's row.
fn cells(a: &Assembly, g: &AssemblyGroup) -> [String; 7] {
    let t = &g.takes[0];
    let format = match t.drop_frame {
        Some(true) => TimecodeFormat::drop_frame(a.frame_rate),
        Some(false) => TimecodeFormat::non_drop(a.frame_rate),
        None => TimecodeFormat::for_rate(a.frame_rate),
    };
    let off = t.source_start.unwrap_or(0);
    let (i, o) = match (t.trim, format) {
        (Some([tin, tout]), Ok(f)) => (
            f.timecode(off + tin).to_string(),
            f.timecode(off + tout - 1).to_string(),
        ),
        _ => ("-".into(), "-".into()),
    };
    let why = if g.record_in.is_some() {
        g.why.clone()
    } else {
        "no usable take: not placed".to_string()
    };
    [
        g.name.clone(),
        g.takes.len().to_string(),
        t.name.clone(),
        format!("{:.0}", t.rank_score),
        i,
        o,
        why,
    ]
}

/// The table as text (header, rule, one row per group).
pub fn table(a: &Assembly) -> String {
    let rows: Vec<[String; 7]> = a.groups.iter().map(|g| cells(a, g)).collect();
    text_table::render(
        ["group", "takes", "chosen", "score", "in", "out", "why"],
        &rows,
    )
}

/// Prints the table, then where the files are.
pub fn print_table(a: &Assembly, out: &Path) {
    print!("{}", table(a));
    let placed = a.groups.iter().filter(|g| g.record_in.is_some()).count();
    let takes: usize = a.groups.iter().map(|g| g.takes.len()).sum();
    println!(
        "\n{} take(s) in {} group(s), {placed} placed; outputs in {} (assembly.otio .edl .json)",
        takes,
        a.groups.len(),
        out.display()
    );
}
