//! The selects assembly as a CMX3600 EDL (`assembly.edl`), for hosts that prefer an
//! EDL to OTIO:
//!
//! ```text
//! TITLE: CircleTake assembly
//! FCM: NON-DROP FRAME
//!
//! 001  012A_T2  V     C        00:00:00:06 00:00:01:21 01:00:00:00 01:00:01:15
//! * FROM CLIP NAME: 012A_T2.mov
//! * COMMENT: 12A won: sharpest focus (+19)
//! * ALTERNATES: 012A_T1 (78)
//! ```
//!
//! One video cut event per placed setup, in the assembly's order, butted end to end
//! from the record start. Source in/out are the chosen take's suggested trim (out
//! exclusive, as CMX3600 counts), in the media's source timecode when it has one,
//! else from `00:00:00:00` at its first frame. The reel is the take's file stem
//! (characters other than letters, digits and `_` become `_`, at most 32 — the
//! long-reel form Resolve, Premiere and Avid read); `FROM CLIP NAME` gives the file
//! so hosts can relink by name. Record timecode is drop-frame at 29.97/59.94
//! (`FCM: DROP FRAME`), non-drop otherwise. Alternates are listed in comments only:
//! an EDL has one video track.

use std::path::Path;

use crate::assemble::{Assembly, AssemblyTake};
use crate::timecode::TimecodeFormat;

use super::{write_atomic, ExportError};

/// Longest reel name written.
const REEL_MAX: usize = 32;

/// Reel name of a take: its name with characters outside `[A-Za-z0-9_]` as `_`.
pub fn reel_name(t: &AssemblyTake) -> String {
    let s: String = t
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(REEL_MAX)
        .collect();
    if s.is_empty() {
        "AX".to_string()
    } else {
        s
    }
}

/// Comment text on one line.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The EDL text of `assembly` (`\n` line ends). `path` only names the file in errors.
pub fn assembly_edl_string(assembly: &Assembly, path: &Path) -> Result<String, ExportError> {
    let invalid = |reason: String| ExportError::Invalid {
        path: path.to_path_buf(),
        reason,
    };
    let rate = assembly.frame_rate;
    let record = if assembly.drop_frame {
        TimecodeFormat::drop_frame(rate)
    } else {
        TimecodeFormat::non_drop(rate)
    }
    .map_err(|e| invalid(e.to_string()))?;
    let mut out = String::from("TITLE: CircleTake assembly\n");
    out.push_str(if record.drop_frame {
        "FCM: DROP FRAME\n\n"
    } else {
        "FCM: NON-DROP FRAME\n\n"
    });
    let mut event = 0;
    for g in &assembly.groups {
        let (Some(rec_in), Some(t)) = (g.record_in, g.takes.first()) else {
            continue;
        };
        let Some([tin, tout]) = t.trim else { continue };
        let source = match t.drop_frame {
            Some(true) => TimecodeFormat::drop_frame(rate),
            Some(false) => TimecodeFormat::non_drop(rate),
            None => TimecodeFormat::for_rate(rate),
        }
        .map_err(|e| invalid(e.to_string()))?;
        let off = t.source_start.unwrap_or(0);
        let rec = assembly.record_start_frame + rec_in;
        event += 1;
        out.push_str(&format!(
            "{event:03}  {:<8} V     C        {} {} {} {}\n",
            reel_name(t),
            source.timecode(off + tin),
            source.timecode(off + tout),
            record.timecode(rec),
            record.timecode(rec + (tout - tin)),
        ));
        out.push_str(&format!("* FROM CLIP NAME: {}\n", clean(&t.file)));
        out.push_str(&format!(
            "* COMMENT: {} {}\n",
            clean(&g.name),
            clean(&g.why)
        ));
        if g.takes.len() > 1 {
            let alts: Vec<String> = g.takes[1..]
                .iter()
                .map(|a| format!("{} ({:.0})", clean(&a.name), a.rank_score))
                .collect();
            out.push_str(&format!("* ALTERNATES: {}\n", alts.join(", ")));
        }
        out.push('\n');
    }
    Ok(out)
}

/// Writes the assembly's EDL to `path` (atomically).
pub fn write_assembly_edl(assembly: &Assembly, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, assembly_edl_string(assembly, path)?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::plan::testutil::assembly;

    #[test]
    fn one_cut_per_placed_setup_butted_from_the_record_start() {
        let edl = assembly_edl_string(&assembly(), Path::new("a.edl")).unwrap();
        let lines: Vec<&str> = edl.lines().collect();
        assert_eq!(lines[0], "TITLE: CircleTake assembly");
        assert_eq!(lines[1], "FCM: NON-DROP FRAME");
        // Source timecode 10:00:00:00 at frame 0; trim 10..60 (out exclusive).
        assert_eq!(
            lines[3],
            "001  2_T1     V     C        10:00:00:10 10:00:02:10 01:00:00:00 01:00:02:00"
        );
        assert_eq!(lines[4], "* FROM CLIP NAME: 2_T1.mov");
        assert_eq!(lines[5], "* COMMENT: 2 won: sharpest focus (+1)");
        assert_eq!(lines[6], "* ALTERNATES: 2_T2 (70), 2_T3 (60)");
        // No source timecode: from 00:00:00:00.
        assert_eq!(
            lines[8],
            "002  12A_T1   V     C        00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00"
        );
        // The group without a usable take has no event.
        assert_eq!(edl.matches(" V     C ").count(), 2);
    }

    #[test]
    fn drop_frame_record_and_reel_names() {
        let mut a = assembly();
        a.frame_rate = crate::FrameRate {
            num: 30000,
            den: 1001,
        };
        a.drop_frame = true;
        a.record_start_frame = 107_892; // 01:00:00;00 drop-frame
        a.groups[0].takes[0].name = "day 1/take:2".into();
        let edl = assembly_edl_string(&a, Path::new("a.edl")).unwrap();
        assert!(edl.contains("FCM: DROP FRAME\n"), "{edl}");
        assert!(edl.contains("001  day_1_take_2 V"), "{edl}");
        assert!(edl.contains("01:00:00;00 01:00:01;20"), "{edl}");
    }
}
