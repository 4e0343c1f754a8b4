//! Progress on stderr: a redrawn one-line bar when stderr is a terminal (and not
//! `--quiet`), otherwise nothing while working and one line per clip when done.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Progress display of one clip.
#[derive(Debug)]
pub struct Progress {
    label: String,
    bar: bool,
    started: Instant,
    last_draw: Option<Instant>,
}

impl Progress {
    /// Starts the display for clip `label`; a bar only if stderr is a terminal and not `quiet`.
    pub fn new(label: &str, quiet: bool) -> Self {
        Self {
            label: label.to_string(),
            bar: !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            last_draw: None,
        }
    }

    /// Frames done so far and the estimated total; redraws at most 10 times a second.
    pub fn update(&mut self, done: u64, total: Option<u64>) {
        if !self.bar {
            return;
        }
        let now = Instant::now();
        if self
            .last_draw
            .is_some_and(|t| now.duration_since(t) < Duration::from_millis(100))
        {
            return;
        }
        self.last_draw = Some(now);
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let fps = done as f64 / secs;
        let line = match total.filter(|t| *t > 0) {
            Some(t) => {
                let frac = (done as f64 / t as f64).min(1.0);
                let width = 30;
                let filled = (frac * width as f64).round() as usize;
                let eta = if fps > 0.0 {
                    (t.saturating_sub(done)) as f64 / fps
                } else {
                    0.0
                };
                format!(
                    "{} [{}{}] {done}/{t} frames {fps:.1} fps ETA {eta:.0}s",
                    self.label,
                    "#".repeat(filled),
                    ".".repeat(width - filled)
                )
            }
            None => format!("{} {done} frames {fps:.1} fps", self.label),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Clears the bar and prints the clip's one-line result.
    pub fn finish(&mut self, message: &str) {
        let mut err = std::io::stderr().lock();
        if self.bar {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(err, "{message}");
    }

    /// Clears the bar without printing anything (the caller reports the error).
    pub fn clear(&mut self) {
        if self.bar {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }

    /// Seconds since the clip started.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
}
