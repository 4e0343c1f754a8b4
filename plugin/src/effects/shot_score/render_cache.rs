//! Render-driven analysis: a process-wide cache, keyed by clip, that every
//! rendered full-size frame is measured into (any order, any thread, any
//! instance: Resolve keeps several instances per clip, MLT makes one per
//! frame). When every frame of the range is measured the analysis finishes
//! into a report, which instances then adopt as their results.
//!
//! Locks: the map lock is held only to find an entry; an entry's analysis
//! lock is held while one frame is measured (renders of the *same* clip take
//! turns; other clips and the Analyze button never wait on it). Coverage and
//! the finished report are read without that lock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use circletake_inference::report::{build_report, ClipReport, ReportOptions};
use circletake_inference::{FrameView, Quality, RandomAccessAnalysis};

use super::error::ShotScoreError;

/// Which clip a frame belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ClipId {
    /// The source media file (`kOfxImageEffectPropSrcFilePath`, Resolve 20+):
    /// shared by every instance on that media.
    Media(PathBuf),
    /// An instance that lives across renders (Nuke, Natron): its serial.
    Instance(u64),
    /// Hosts that neither name the media nor keep instances (MLT): the clip's
    /// picture size and frame rate (mHz). Two such clips of the same size,
    /// rate and length on one host share an analysis; see the Clip Length param.
    Anonymous {
        /// Picture width in pixels.
        width: i32,
        /// Picture height in pixels.
        height: i32,
        /// Frame rate in millihertz.
        rate_mhz: i64,
    },
}

/// A clip, the analysed frame range and the quality.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// The clip.
    pub clip: ClipId,
    /// First frame of the range.
    pub first: i64,
    /// Last frame of the range (inclusive).
    pub last: i64,
    /// Analysis quality (Fast = false, Full = true).
    pub full_quality: bool,
}

impl CacheKey {
    /// A key for `clip` over `first..=last` at `quality`.
    pub fn new(clip: ClipId, first: i64, last: i64, quality: Quality) -> Self {
        Self {
            clip,
            first,
            last,
            full_quality: quality == Quality::Full,
        }
    }
}

/// One clip's render-driven analysis.
#[derive(Debug)]
pub struct Entry {
    /// The measuring analysis; `None` once finished (or failed).
    analysis: Mutex<Option<RandomAccessAnalysis>>,
    /// Fraction of the range measured, as f64 bits.
    coverage: AtomicU64,
    /// The report once every frame is measured.
    report: OnceLock<Arc<ClipReport>>,
    /// Clip name written into the report.
    source: Option<String>,
}

impl Entry {
    /// Fraction 0..=1 of the range measured.
    pub fn coverage(&self) -> f64 {
        f64::from_bits(self.coverage.load(Ordering::Relaxed))
    }

    /// The finished report, if the whole range has been measured.
    pub fn report(&self) -> Option<Arc<ClipReport>> {
        self.report.get().cloned()
    }

    /// Whether `frame` still needs measuring. Never waits: while another
    /// render is measuring, the answer is "yes" (inserting is idempotent).
    pub fn wants(&self, frame: i64) -> bool {
        if self.report.get().is_some() {
            return false;
        }
        match self.analysis.try_lock() {
            Ok(a) => a.as_ref().is_some_and(|a| !a.contains(frame)),
            Err(_) => true,
        }
    }

    /// Measures `frame`; returns the report when this frame completed the range.
    pub fn measure(
        &self,
        frame: i64,
        view: &FrameView<'_>,
    ) -> Result<Option<Arc<ClipReport>>, ShotScoreError> {
        let mut guard = self.analysis.lock().unwrap_or_else(|e| e.into_inner());
        let Some(analysis) = guard.as_mut() else {
            return Ok(None);
        };
        if !analysis.insert(frame, view)? {
            return Ok(None);
        }
        self.coverage
            .store(analysis.coverage().to_bits(), Ordering::Relaxed);
        if analysis.next_missing().is_some() {
            return Ok(None);
        }
        let Some(done) = guard.take() else {
            return Ok(None);
        };
        let clip = done.finish()?;
        let options = ReportOptions {
            source: self.source.clone(),
            ..ReportOptions::default()
        };
        let report = Arc::new(build_report(&clip.frames, clip.frame_rate, &options));
        let _ = self.report.set(report.clone());
        log::info!(
            "Shot Score: render-driven analysis of {:?} complete ({} frames, {} shots)",
            self.source,
            report.frame_count,
            report.shots.len()
        );
        Ok(Some(report))
    }
}

type Map = HashMap<CacheKey, Arc<Entry>>;

fn map() -> &'static Mutex<Map> {
    static MAP: OnceLock<Mutex<Map>> = OnceLock::new();
    MAP.get_or_init(Default::default)
}

/// The entry of `key`, made with `start` when new.
pub fn entry(
    key: &CacheKey,
    source: Option<String>,
    start: impl FnOnce() -> Result<RandomAccessAnalysis, ShotScoreError>,
) -> Result<Arc<Entry>, ShotScoreError> {
    if let Some(e) = map().lock().unwrap_or_else(|e| e.into_inner()).get(key) {
        return Ok(e.clone());
    }
    // Engines load models on first use: not under the map lock.
    let analysis = start()?;
    let mut map = map().lock().unwrap_or_else(|e| e.into_inner());
    Ok(map
        .entry(key.clone())
        .or_insert_with(|| {
            Arc::new(Entry {
                analysis: Mutex::new(Some(analysis)),
                coverage: AtomicU64::new(0.0_f64.to_bits()),
                report: OnceLock::new(),
                source,
            })
        })
        .clone())
}

/// Records a report made another way (the Analyze button) for `key`, so
/// other instances on the same clip adopt it instead of measuring again.
pub fn complete(key: &CacheKey, report: Arc<ClipReport>) {
    let entry = Arc::new(Entry {
        analysis: Mutex::new(None),
        coverage: AtomicU64::new(1.0_f64.to_bits()),
        report: OnceLock::from(report),
        source: None,
    });
    map()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key.clone(), entry);
}

/// Drops analyses still in progress (PurgeCaches); finished reports stay.
pub fn purge_unfinished() {
    map()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|_, e| e.report.get().is_some());
}
