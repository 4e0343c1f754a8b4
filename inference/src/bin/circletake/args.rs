//! Command-line arguments of `circletake` (clap derive).

use std::path::PathBuf;

use circletake_inference::{DeviceChoice, Quality};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes, as printed at the end of `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  every clip was analysed and written
  1  at least one clip failed (unreadable, truncated or not a video, or its
     outputs could not be written); the other clips were still processed
  2  usage error (unknown option, missing media, bad value)
  3  no usable device or models (e.g. --device cuda without CUDA, a --models
     folder that does not exist or holds no loadable model)
  4  the output folder cannot be created";

/// Shot scoring, trim suggestions and take ranking for video files.
#[derive(Debug, Parser)]
#[command(name = "circletake", version, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse clips; write CLIP.json, .otio, .markers.edl, .csv and .png per clip
    /// into --out and print a summary table.
    #[command(after_help = EXIT_CODES_HELP)]
    Analyze(AnalyzeArgs),
    /// Analyse the takes of one setup and print them ranked, with reasons.
    #[command(after_help = EXIT_CODES_HELP)]
    Rank(RankArgs),
    /// Build a selects assembly: group takes by setup, pick the best take of each
    /// and its trim; write assembly.otio, assembly.edl and assembly.json into --out
    /// and print a summary table.
    #[command(after_help = ASSEMBLE_HELP)]
    Assemble(AssembleArgs),
    /// Cut Check: is this edit point a good frame to cut on? Reports blinks or
    /// closed eyes, whip-pans and motion blur, flash frames, jump cuts and exposure
    /// or colour jumps at the cut, and suggests rolling the edit by a few frames.
    #[command(after_help = CHECK_EDIT_HELP)]
    CheckEdit(CheckEditArgs),
}

/// Grouping rules and exit codes, as printed at the end of `assemble --help`.
pub const ASSEMBLE_HELP: &str = "\
Grouping (first that applies): the --groups CSV (clip,group per line) > set
names (scene/shot/take such as 12A_T3, 12A-3, SC12A_TK3, S012_T03 group by
scene/shot; camera-roll names such as A012_C003 give only the camera) > visual
similarity of frames inside each take's trim (takes without setup names join
the group they look like, or form one).

Exit codes:
  0  every take was analysed and the assembly written
  1  at least one take failed (unreadable, truncated or not a video); the
     assembly of the others was still written
  2  usage error (unknown option, missing media, bad value, unreadable or
     malformed --groups file, takes with different frame rates)
  3  no usable device or models
  4  the output folder cannot be created";

/// The edit, rolls and exit codes, as printed at the end of `check-edit --help`.
pub const CHECK_EDIT_HELP: &str = "\
The edit shows OUTGOING up to and including OUT_FRAME, then INCOMING from
IN_FRAME (frame numbers of each file, 0 = its first frame). Only the frames
around the edit are decoded: OUT_FRAME and IN_FRAME +- (max shift + 8). A
suggested roll of +k shows k more outgoing frames and starts the incoming
clip k frames later (the sequence keeps its length).

Exit codes:
  0  the edit was checked (any verdict; see --strict)
  1  a clip is unreadable (missing or not a video) or damaged where the
     edit needs it (its edit frame does not decode)
  2  usage error (unknown option, bad number, OUT_FRAME or IN_FRAME past the
     end of its clip, clips with different frame rates)
  3  no usable device or models
  4  the --json file cannot be written
  5  with --strict: the edit was checked and the verdict is not clean";

/// Largest `--max-shift` (frames each way; 2 s at 24 fps).
pub const MAX_SHIFT_LIMIT: u32 = 48;

/// `--device` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeviceArg {
    /// CUDA when available, else the CPU.
    Auto,
    /// Always the CPU.
    Cpu,
    /// CUDA device 0; exit code 3 when unavailable.
    Cuda,
}

impl From<DeviceArg> for DeviceChoice {
    fn from(d: DeviceArg) -> Self {
        match d {
            DeviceArg::Auto => DeviceChoice::Auto,
            DeviceArg::Cpu => DeviceChoice::Cpu,
            DeviceArg::Cuda => DeviceChoice::Cuda,
        }
    }
}

/// `--quality` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QualityArg {
    /// Faces on every 2nd frame at up to 640 px.
    Fast,
    /// Faces on every frame at up to 1280 px.
    Full,
}

impl From<QualityArg> for Quality {
    fn from(q: QualityArg) -> Self {
        match q {
            QualityArg::Fast => Quality::Fast,
            QualityArg::Full => Quality::Full,
        }
    }
}

/// Options shared by `analyze` and `rank`.
#[derive(Debug, Clone, Args)]
pub struct EngineArgs {
    /// Compute device.
    #[arg(long, value_enum, default_value = "auto")]
    pub device: DeviceArg,
    /// CPU threads for each of the two analysis streams (per-frame signals and
    /// the shot-boundary model run at once); default: half the cores, at least 1.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Model folder (default: $CIRCLETAKE_MODELS, else models/ next to the
    /// executable, else the build tree's target/models).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Look for faces (blinks, face focus).
    #[arg(long, overrides_with = "no_faces")]
    pub faces: bool,
    /// Skip face detection (faster; no blink or face-focus analysis).
    #[arg(long = "no-faces", overrides_with = "faces")]
    pub no_faces: bool,
    /// Speed/detail trade-off of the face analysis.
    #[arg(long, value_enum, default_value = "full")]
    pub quality: QualityArg,
    /// No progress bar (one line per clip on stderr instead).
    #[arg(long, short)]
    pub quiet: bool,
    /// Analyse a damaged or truncated file as far as it decodes instead of failing it.
    #[arg(long)]
    pub keep_damaged: bool,
}

impl EngineArgs {
    /// Whether faces are analysed (on unless --no-faces).
    pub fn faces_on(&self) -> bool {
        !self.no_faces
    }
}

/// `circletake analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Video files to analyse (each independently).
    #[arg(required = true, value_name = "MEDIA")]
    pub media: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, short, value_name = "DIR", default_value = "circletake-out")]
    pub out: PathBuf,
    /// Print each clip's report as one line of JSON on stdout (JSON Lines) instead
    /// of writing files and the summary table.
    #[arg(long)]
    pub json: bool,
    /// Record start timecode of the markers EDL and OTIO timeline
    /// (default: the media's source timecode, else 01:00:00:00).
    #[arg(long, value_name = "TC")]
    pub record_start: Option<String>,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `--order` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// By group name, natural order (2 < 10 < 12A < 12B).
    Name,
    /// By the earliest source timecode of each group's takes.
    Timecode,
}

/// `circletake assemble`.
#[derive(Debug, Args)]
pub struct AssembleArgs {
    /// The takes (video files of one or more setups, same frame rate).
    #[arg(required = true, value_name = "MEDIA")]
    pub media: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, short, value_name = "DIR", default_value = "circletake-assembly")]
    pub out: PathBuf,
    /// Override file: CSV lines `clip,group` (clip = file name, stem or path as given).
    #[arg(long, value_name = "CSV")]
    pub groups: Option<PathBuf>,
    /// Order of the setups on the timeline.
    #[arg(long, value_enum, default_value = "name")]
    pub order: OrderArg,
    /// Least visual similarity (0..1) at which takes are grouped.
    #[arg(long, value_name = "0..1", default_value_t = circletake_inference::assemble::DEFAULT_THRESHOLD, value_parser = unit_interval)]
    pub similarity: f32,
    /// Print assembly.json on stdout instead of writing files and the table.
    #[arg(long)]
    pub json: bool,
    /// Record start timecode of the timeline (default 01:00:00:00).
    #[arg(long, value_name = "TC")]
    pub record_start: Option<String>,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Parses a number in 0..=1.
fn unit_interval(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

/// `circletake rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// The takes (video files of the same setup).
    #[arg(required = true, value_name = "MEDIA")]
    pub media: Vec<PathBuf>,
    /// Print the ranking as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `circletake check-edit`.
#[derive(Debug, Args)]
pub struct CheckEditArgs {
    /// The clip before the cut (video file).
    #[arg(value_name = "OUTGOING")]
    pub outgoing: PathBuf,
    /// Last frame of OUTGOING shown (0-based frame number of the file).
    #[arg(value_name = "OUT_FRAME", value_parser = clap::value_parser!(u32).range(0..=i64::from(i32::MAX)))]
    pub out_frame: u32,
    /// The clip after the cut (video file, same frame rate).
    #[arg(value_name = "INCOMING")]
    pub incoming: PathBuf,
    /// First frame of INCOMING shown (0-based frame number of the file).
    #[arg(value_name = "IN_FRAME", value_parser = clap::value_parser!(u32).range(0..=i64::from(i32::MAX)))]
    pub in_frame: u32,
    /// Largest roll to suggest, in frames each way (0 = only report).
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_SHIFT_LIMIT)))]
    pub max_shift: u32,
    /// Also write the report as JSON (format circletake.edit_check) to FILE;
    /// `-` prints it on stdout instead of the summary.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Exit with code 5 when the verdict is not clean (for pipelines).
    #[arg(long)]
    pub strict: bool,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}
