//! Selects assembly: group takes by setup, pick the best take of each setup and its
//! trim, order the setups, and lay the winners out on a record timeline (exported as
//! OpenTimelineIO and CMX3600 EDL by [`crate::export::otio_timeline`] and
//! [`crate::export::edl_assembly`]).
//!
//! Grouping precedence: override file ([`overrides`]) > name conventions
//! ([`naming`]) > visual similarity ([`descriptor`], [`cluster`]). The choice per
//! group is the core's take ranking ([`crate::shots::rank_takes`]); the chosen take's
//! main-shot trim becomes its source range ([`plan`]).

pub mod cluster;
pub mod descriptor;
pub mod naming;
pub mod natural;
pub mod overrides;
pub mod plan;
pub mod sample;

use std::path::PathBuf;

pub use cluster::{group_takes, GroupInput, Grouping, Membership, TakeGroup, DEFAULT_THRESHOLD};
pub use descriptor::{sample_frames, similarity, Descriptor, RgbFrame, SAMPLE_FRAMES};
pub use naming::{parse_name, NameInfo};
pub use natural::natural_cmp;
pub use overrides::{group_for, read_overrides, unmatched, OverrideEntry};
pub use plan::{
    build_assembly, main_trim, Assembly, AssemblyGroup, AssemblyOptions, AssemblyTake, GroupOrder,
    TakeSource,
};
pub use sample::describe_media;

/// Errors of the assembly.
#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The override file has a bad line (line 0: the file as a whole).
    #[error("{}:{line}: {reason}", path.display())]
    OverrideFile {
        /// The override file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Frames for the visual descriptor could not be decoded.
    #[error("{}: cannot decode frames for grouping: {reason}", path.display())]
    Decode {
        /// The media file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// The takes do not share one frame rate.
    #[error("the takes have different frame rates ({0}); an assembly has one rate: conform them or assemble each rate separately")]
    MixedRates(String),
    /// No take to assemble.
    #[error("no take to assemble")]
    NoTakes,
    /// Bad record start timecode.
    #[error("{0}")]
    Timecode(String),
}
