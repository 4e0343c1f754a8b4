//! `circletake` failures: bad media fails only its own clip (exit 1, one clear
//! line naming the file, no files for it), usage errors exit 2, unusable models
//! exit 3, an output folder that cannot be created exits 4.

mod cli_support;

use cli_support::{bin, cut_clip, entries, run, scratch, text, tools};

#[test]
fn non_video_fails_its_clip_only_and_leaves_nothing() {
    let Some((samples, ffmpeg)) = tools() else {
        return;
    };
    let dir = scratch("errors-bad");
    let bad = dir.join("notes.mp4");
    std::fs::write(&bad, "this is a text file, not a video\n").unwrap();
    let good = dir.join("good.avi");
    cut_clip(&ffmpeg, &samples.join("carphone.mp4"), 0, 25, &good);
    // A truncated copy of a real file (index at the end: nothing decodes).
    let whole = std::fs::read(samples.join("bikes.mp4")).unwrap();
    let cut = dir.join("cut.mp4");
    std::fs::write(&cut, &whole[..whole.len() / 3]).unwrap();
    // A truncated copy with the index first: the first half decodes, then damage.
    let faststart = dir.join("faststart.mp4");
    let o = std::process::Command::new(&ffmpeg)
        .args(["-v", "error", "-y", "-i"])
        .arg(samples.join("bikes.mp4"))
        .args(["-c", "copy", "-movflags", "+faststart"])
        .arg(&faststart)
        .output()
        .unwrap();
    assert!(o.status.success());
    let whole = std::fs::read(&faststart).unwrap();
    let half = dir.join("half.mp4");
    std::fs::write(&half, &whole[..whole.len() / 2]).unwrap();
    std::fs::remove_file(&faststart).unwrap();
    let out = dir.join("out");
    let o = run(bin()
        .args(["analyze", "--no-faces", "--quiet", "--out"])
        .arg(&out)
        .args([&bad, &good, &cut, &half]));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let bad_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error") && l.contains("notes.mp4"))
        .collect();
    assert_eq!(bad_lines.len(), 1, "{}", text(&o));
    let cut_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error") && l.contains("cut.mp4"))
        .collect();
    assert_eq!(cut_lines.len(), 1, "{}", text(&o));
    let half_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("error") && l.contains("half.mp4") && l.contains("truncated"))
        .collect();
    assert_eq!(half_lines.len(), 1, "{}", text(&o));
    let names = entries(&out);
    assert_eq!(
        names,
        [
            "good.csv",
            "good.json",
            "good.markers.edl",
            "good.otio",
            "good.png"
        ],
        "{}",
        text(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    let o = run(bin().args(["analyze"]));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(bin().args(["analyze", "--device", "tpu", "x.mp4"]));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(bin().args(["frobnicate"]));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(bin().args(["analyze", "--record-start", "1 hour", "x.mp4"]));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(bin().args(["--help"]));
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Exit codes:"));
}

#[test]
fn missing_model_folder_exits_3_and_unwritable_output_exits_4() {
    let dir = scratch("errors-setup");
    let o = run(bin()
        .args(["analyze", "--models"])
        .arg(dir.join("no-such-models"))
        .arg("x.mp4"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no-such-models"),
        "{}",
        text(&o)
    );
    // An empty folder holds no loadable model.
    let empty = dir.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = run(bin().args(["rank", "--models"]).arg(&empty).arg("x.mp4"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    // --out below a plain file cannot be created.
    let file = dir.join("file");
    std::fs::write(&file, "x").unwrap();
    let o = run(bin()
        .args(["analyze", "--device", "cpu", "--out"])
        .arg(file.join("out"))
        .arg("x.mp4"));
    assert_eq!(o.status.code(), Some(4), "{}", text(&o));
    // --device cuda: exit 3 without CUDA; with CUDA the run gets as far as the
    // output folder (exit 4). Never a clip failure or success.
    let o = run(bin()
        .args(["analyze", "--device", "cuda", "--out"])
        .arg(file.join("out"))
        .arg("x.mp4"));
    let code = o.status.code();
    assert!(code == Some(3) || code == Some(4), "{}", text(&o));
    if code == Some(3) {
        assert!(
            String::from_utf8_lossy(&o.stderr)
                .to_lowercase()
                .contains("cuda"),
            "{}",
            text(&o)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
