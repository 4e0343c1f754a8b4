//! `circletake rank`: analyse the takes of one setup and print them best first,
//! with the reasons (table, or `--json`).

use circletake_inference::report::ClipReport;
use circletake_inference::shots::{rank_takes, TakeRanking};

use crate::args::RankArgs;
use crate::media_clip::{analyse, unique_names};
use crate::{setup, Outcome};

/// The ranking as a table.
pub fn table(ranking: &TakeRanking) -> String {
    let label_w = ranking
        .takes
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut s = format!(
        "{:<4}  {:<label_w$}  {:>5}  {:>5}  {:>5}  reasons\n",
        "rank", "take", "score", "base", "focus"
    );
    for t in &ranking.takes {
        s.push_str(&format!(
            "{:<4}  {:<label_w$}  {:>5.1}  {:>5.1}  {:>+5.1}  {}\n",
            t.rank,
            t.label,
            t.rank_score,
            t.base_score,
            t.focus_adjust,
            t.reasons.join(", ")
        ));
    }
    s.push('\n');
    s.push_str(&ranking.summary);
    s.push('\n');
    s
}

/// Runs `rank`.
pub fn run(a: &RankArgs) -> Outcome {
    let engine = match setup::engine(&a.engine) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("circletake: error: {msg}");
            return Outcome::NoDevice;
        }
    };
    let names = unique_names(&a.media);
    let mut failed = false;
    let mut reports: Vec<ClipReport> = Vec::new();
    for (path, name) in a.media.iter().zip(&names) {
        match analyse(&engine, path, name, &a.engine) {
            Ok(c) => reports.push(c.report),
            Err(msg) => {
                eprintln!("circletake: error: {msg}");
                failed = true;
            }
        }
    }
    if !reports.is_empty() {
        let refs: Vec<&ClipReport> = reports.iter().collect();
        let ranking = rank_takes(&refs);
        if a.json {
            match serde_json::to_string_pretty(&ranking) {
                Ok(j) => println!("{j}"),
                Err(e) => {
                    eprintln!("circletake: error: cannot serialise the ranking: {e}");
                    failed = true;
                }
            }
        } else {
            print!("{}", table(&ranking));
        }
    }
    if failed {
        Outcome::ClipFailed
    } else {
        Outcome::Ok
    }
}
