//! The cases: which spans of which sample clips, what is done to them, where the
//! edit is and what the right answer is (and why it is known).

use super::super::FPS;
use super::{
    EditExpect, EditTruth, Effect, IssueAt, ShiftExpect, SideSource, ALL_ISSUE_KINDS,
    EDIT_TRUTH_FORMAT, EDIT_TRUTH_VERSION,
};
use crate::edit_check::{EditPoint, IssueKind, Side, Verdict};
use crate::signals::types::FrameRate;

use IssueKind::*;

/// Names of the cases, in build order.
pub const CASE_NAMES: &[&str] = &[
    "blink_at_out",
    "blink_at_in",
    "whip_pan_at_cut",
    "flash_at_edit",
    "jump_cut_same_setup",
    "exposure_jump",
    "colour_jump",
    "clean_cut",
    "source_cut_nearby",
    "flash_at_in_no_handles",
    "eyes_open_at_out",
    "jump_cut_locked_off",
];

/// Size of the cases with the talking head: carphone.mp4 (176×144) at 2×, CIF.
const FACE_SIZE: (usize, usize) = (352, 288);
/// Size of the other cases: bikes.mp4's own 640×272.
const WIDE_SIZE: (usize, usize) = (640, 272);
/// Frames of a clip around its edit frame (each clip is edit ± 20 source frames).
const HALF: i64 = 20;
/// The talking head's blink: eyes shut on carphone.mp4 frame 42 only.
const CARPHONE_BLINK: i64 = 42;

/// Exposure change of the exposure-jump case, in stops.
const EXPOSURE_STOPS: f32 = 1.5;
/// Linear-light white balance of the colour-jump case: red up, blue down, green
/// chosen so a grey keeps its Rec.709 luma (`0.2126 r + 0.7152 g + 0.0722 b = 1`).
const WB_GAINS: [f32; 3] = [1.35, (1.0 - 0.2126 * 1.35 - 0.0722 * 0.7) / 0.7152, 0.7];

struct Clip {
    source: &'static str,
    first: i64,
    count: usize,
    effect: Effect,
}

/// `source` frames `centre - HALF ..= centre + HALF` (clip frame `HALF` = `centre`).
fn around(source: &'static str, centre: i64, effect: Effect) -> Clip {
    Clip {
        source,
        first: centre - HALF,
        count: (2 * HALF + 1) as usize,
        effect,
    }
}

fn side_source(name: &str, side: Side, clip: Clip, size: (usize, usize)) -> SideSource {
    SideSource {
        file: format!(
            "{name}.{}.mp4",
            match side {
                Side::Outgoing => "out",
                Side::Incoming => "in",
            }
        ),
        source: clip.source.to_string(),
        source_first: clip.first,
        frame_count: clip.count,
        width: size.0,
        height: size.1,
        effect: clip.effect,
    }
}

fn expect(issues: &[IssueKind], absent: &[IssueKind], shift: ShiftExpect) -> EditExpect {
    let verdict = match (&shift, issues.is_empty()) {
        (ShiftExpect::None, true) if absent.len() == ALL_ISSUE_KINDS.len() => Some(Verdict::Clean),
        (ShiftExpect::None, false) => Some(Verdict::Review),
        (ShiftExpect::AnyNonZero | ShiftExpect::Range(..) | ShiftExpect::Outside(..), false) => {
            Some(Verdict::MoveEdit)
        }
        _ => None,
    };
    EditExpect {
        issues: issues.to_vec(),
        located: Vec::new(),
        absent: absent.to_vec(),
        shift,
        blocked: Vec::new(),
        verdict,
    }
}

fn at(kind: IssueKind, side: Side, first: i64, last: i64) -> IssueAt {
    IssueAt {
        kind,
        side,
        first,
        last,
    }
}

/// The truth of every case (pure: no files, no FFmpeg).
pub fn case_truths() -> Vec<EditTruth> {
    let rate = FrameRate { num: FPS, den: 1 };
    let edit = EditPoint {
        out_frame: HALF,
        in_frame: HALF,
    };
    // bikes.mp4 shot 4 (137..=186, a locked-off street with a parked bike) and
    // shot 5 (187..=241, a bike at a wall, slow steady pan): calm, sharp, no face.
    let bikes_in = || around("bikes.mp4", 160, Effect::None);
    let bikes_out = |effect| around("bikes.mp4", 221, effect);
    let carphone_blink = || around("carphone.mp4", CARPHONE_BLINK, Effect::None);
    let mut cases = Vec::new();
    let mut add = |name: &'static str,
                   size: (usize, usize),
                   edit: EditPoint,
                   out: Clip,
                   inc: Clip,
                   expect: EditExpect,
                   description: String| {
        cases.push(EditTruth {
            format: EDIT_TRUTH_FORMAT.to_string(),
            version: EDIT_TRUTH_VERSION,
            name: name.to_string(),
            outgoing: side_source(name, Side::Outgoing, out, size),
            incoming: side_source(name, Side::Incoming, inc, size),
            rate,
            edit,
            expect,
            description,
        });
    };

    let mut e = expect(&[Blink], &[JumpCut, Flash], ShiftExpect::Range(-6, -2));
    e.located = vec![at(Blink, Side::Outgoing, HALF - 1, HALF + 1)];
    add(
        "blink_at_out",
        FACE_SIZE,
        edit,
        carphone_blink(),
        bikes_in(),
        e,
        format!(
            "carphone.mp4 (talking head, 2x) ends on clip frame {HALF} = source \
             {CARPHONE_BLINK}, where the speaker's eyes are shut (measured openness 0.06; 0.99 \
             on the frame before, 0.82 after), into bikes.mp4 shot 4 (frame 160); cutting 2 or \
             more frames earlier ends on open eyes well before the lids drop"
        ),
    );

    let mut e = expect(&[Blink], &[JumpCut, Flash], ShiftExpect::Range(2, 6));
    e.located = vec![at(Blink, Side::Incoming, HALF - 1, HALF + 1)];
    add(
        "blink_at_in",
        FACE_SIZE,
        edit,
        bikes_out(Effect::None),
        carphone_blink(),
        e,
        format!(
            "bikes.mp4 shot 5 (frame 221) into carphone.mp4 (2x) opening on clip frame {HALF} = \
             source {CARPHONE_BLINK}, the speaker's blink (openness 0.06, then 0.82 on the \
             next frame as the lids open, 1.0 from the one after); starting 2 or more frames \
             later opens on open eyes"
        ),
    );

    let whip = Effect::WhipPan {
        start: HALF - 3,
        frames: 7,
        distance: 240.0,
        angle: 0.0,
    };
    let mut e = expect(&[WhipPan], &[JumpCut, Flash], ShiftExpect::Outside(-3, 4));
    e.located = vec![at(WhipPan, Side::Outgoing, HALF - 3, HALF + 4)];
    add(
        "whip_pan_at_cut",
        WIDE_SIZE,
        edit,
        bikes_out(whip),
        bikes_in(),
        e,
        format!(
            "bikes.mp4 shot 5 (frame 221, a near-static bike at a wall) with a synthesised motion-blurred whip-pan away and \
             back (240 px peak) on frames {}..={} plus a blurred landing frame {}, cut at its \
             peak (frame {HALF}), into bikes.mp4 shot 4; only rolls of -4 or less (cut before the \
             pan) or +5 or more (after it has landed) leave the pan",
            HALF - 3,
            HALF + 3,
            HALF + 4
        ),
    );

    let flash = Effect::Flash {
        start: HALF - 1,
        frames: 2,
        amount: 0.6,
    };
    let mut e = expect(
        &[Flash],
        &[JumpCut, ExposureJump],
        ShiftExpect::Range(-6, -2),
    );
    e.located = vec![at(Flash, Side::Outgoing, HALF - 1, HALF)];
    add(
        "flash_at_edit",
        WIDE_SIZE,
        edit,
        bikes_out(flash),
        bikes_in(),
        e,
        format!(
            "bikes.mp4 shot 5 (frame 221) whose last two frames before the cut ({}, {HALF}) have 60% of full \
             scale of light added (a flash), into bikes.mp4 shot 4; cutting 2 or more frames \
             earlier drops both flash frames; the shots match in exposure (mean luma 0.46 / \
             0.44), so the flash is the only problem, not an exposure jump",
            HALF - 1
        ),
    );

    add(
        "jump_cut_same_setup",
        FACE_SIZE,
        edit,
        around("carphone.mp4", 25, Effect::None),
        around("carphone.mp4", 60, Effect::None),
        expect(
            &[JumpCut],
            &[ExposureJump, ColourJump, Flash, SourceCut],
            ShiftExpect::None,
        ),
        "carphone.mp4 (one locked-off setup, 2x) cut from source frame 25 to source frame 60: \
         the same framing on both sides, a jump cut no roll of a few frames can fix"
            .to_string(),
    );

    add(
        "exposure_jump",
        WIDE_SIZE,
        edit,
        bikes_out(Effect::None),
        around(
            "bikes.mp4",
            160,
            Effect::Gains([2f32.powf(EXPOSURE_STOPS); 3]),
        ),
        expect(
            &[ExposureJump],
            &[JumpCut, Flash, SourceCut],
            ShiftExpect::None,
        ),
        format!(
            "clean_cut with the incoming clip {EXPOSURE_STOPS} stops brighter (linear-light \
             gain on every frame): an exposure jump that every roll keeps"
        ),
    );

    add(
        "colour_jump",
        WIDE_SIZE,
        edit,
        bikes_out(Effect::None),
        around("bikes.mp4", 160, Effect::Gains(WB_GAINS)),
        expect(
            &[ColourJump],
            &[JumpCut, ExposureJump, Flash, SourceCut],
            ShiftExpect::None,
        ),
        "clean_cut with a white-balance shift on the incoming clip (linear-light gains R x1.35, \
         B x0.7, G set to keep grey's luma): a colour jump every roll keeps, no exposure jump"
            .to_string(),
    );

    add(
        "clean_cut",
        WIDE_SIZE,
        edit,
        bikes_out(Effect::None),
        bikes_in(),
        expect(&[], &ALL_ISSUE_KINDS, ShiftExpect::None),
        "bikes.mp4 shot 5 (frame 221) into shot 4 (frame 160): different framing, similar \
         exposure (mean luma 0.46 / 0.44) and colour, no face, flash or fast move: nothing to fix"
            .to_string(),
    );

    let mut e = expect(&[], &[SourceCut], ShiftExpect::NoneOrRange(-6, 2));
    e.blocked = vec![3, 4, 5, 6];
    add(
        "source_cut_nearby",
        WIDE_SIZE,
        edit,
        Clip {
            // To the end of bikes.mp4 (249): its last shot starts at 242.
            source: "bikes.mp4",
            first: 239 - HALF,
            count: (249 - 239 + HALF + 1) as usize,
            effect: Effect::None,
        },
        bikes_in(),
        e,
        format!(
            "bikes.mp4 shot 5 ending on source frame 239 (clip frame {HALF}) into shot 4 (frame \
             160); the source cuts to its shot 6 at frame 242 (clip frame {}), so rolls of +3 or \
             more would show a frame of another shot and must be impossible; the edit itself \
             shows no source cut (the clip ends at source frame 249, so the last 4 context \
             frames are missing)",
            HALF + 3
        ),
    );
    let flash = Effect::Flash {
        start: 0,
        frames: 2,
        amount: 0.6,
    };
    let mut e = expect(&[Flash], &[JumpCut, ExposureJump], ShiftExpect::Range(2, 6));
    e.located = vec![at(Flash, Side::Incoming, 0, 1)];
    e.blocked = (-6..=-1).collect();
    add(
        "flash_at_in_no_handles",
        WIDE_SIZE,
        EditPoint {
            out_frame: HALF,
            in_frame: 0,
        },
        bikes_out(Effect::None),
        Clip {
            source: "bikes.mp4",
            first: 160,
            count: (HALF + 1) as usize,
            effect: flash,
        },
        e,
        "bikes.mp4 shot 5 (frame 221) into shot 4 from frame 160 with no head handle: the \
         incoming clip starts at the edit, and its first two frames have 60% of full scale of \
         light added (a camera-start flash); earlier rolls need frames the clip does not have \
         and must be impossible, starting 2 or more frames later drops the flash; the shots \
         match in exposure, so the flash is not an exposure jump"
            .to_string(),
    );

    add(
        "eyes_open_at_out",
        FACE_SIZE,
        edit,
        around("carphone.mp4", 20, Effect::None),
        bikes_in(),
        expect(
            &[],
            &[
                Blink, EyesClosed, WhipPan, MotionBlur, Flash, JumpCut, SourceCut,
            ],
            ShiftExpect::None,
        ),
        format!(
            "carphone.mp4 (2x) ending on source frame 20 into bikes.mp4 shot 4 (frame 160): the \
             speaker's eyes measure open (openness >= 0.92) on every frame the check reads \
             (source 6..=34; the blink at {CARPHONE_BLINK} is outside), no fast move or flash: \
             no blink may be reported and no roll suggested (the control for blink_at_out)"
        ),
    );
    add(
        "jump_cut_locked_off",
        WIDE_SIZE,
        edit,
        around("bikes.mp4", 152, Effect::None),
        around("bikes.mp4", 172, Effect::None),
        expect(
            &[JumpCut],
            &[ExposureJump, ColourJump, Flash, SourceCut],
            ShiftExpect::None,
        ),
        "bikes.mp4 shot 4 (a locked-off street, 137..=186) cut from frame 152 to frame 172 of \
         the same shot: identical framing 0.8 s apart, traffic jumps: a jump cut without a \
         face, no roll of a few frames can fix"
            .to_string(),
    );
    cases
}
