//! `circletake rank` on two takes prints a ranking (table, and JSON with `--json`).

mod cli_support;

use cli_support::{bin, cut_clip, run, scratch, text, tools};

#[test]
fn rank_prints_a_table_and_parsable_json() {
    let Some((samples, ffmpeg)) = tools() else {
        return;
    };
    let dir = scratch("rank");
    let (t1, t2) = (dir.join("take1.avi"), dir.join("take2.avi"));
    cut_clip(&ffmpeg, &samples.join("carphone.mp4"), 0, 30, &t1);
    cut_clip(&ffmpeg, &samples.join("carphone.mp4"), 50, 30, &t2);
    let o = run(bin()
        .args(["rank", "--no-faces", "--quiet"])
        .args([&t1, &t2]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("rank") && lines[0].contains("reasons"),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("1 ") && lines[2].starts_with("2 "),
        "{stdout}"
    );
    assert!(
        stdout.contains("take1.avi") && stdout.contains("take2.avi"),
        "{stdout}"
    );
    assert!(stdout.contains("ranks first"), "{stdout}");

    let o = run(bin()
        .args(["rank", "--json", "--no-faces", "--quiet"])
        .args([&t1, &t2]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let takes = v["takes"].as_array().unwrap();
    assert_eq!(takes.len(), 2);
    assert_eq!(takes[0]["rank"], 1);
    assert!(takes
        .iter()
        .all(|t| !t["reasons"].as_array().unwrap().is_empty()));
    std::fs::remove_dir_all(&dir).unwrap();
}
