//! Unit tests of the scoring rules.

use super::metrics::*;
use super::truth::*;
use crate::shots::FrameRange;
use crate::signals::types::FrameRate;

fn truth() -> ClipTruth {
    let b = |kind, s, e| TruthBoundary {
        kind,
        range: FrameRange::new(s, e),
    };
    ClipTruth {
        format: TRUTH_FORMAT.into(),
        version: TRUTH_VERSION,
        name: "t".into(),
        kind: ClipKind::Sequence,
        frame_count: 200,
        frame_rate: FrameRate { num: 25, den: 1 },
        width: 512,
        height: 288,
        boundaries: vec![
            b(BoundaryKind::Cut, 30, 30),
            b(BoundaryKind::Dissolve, 60, 72),
            b(BoundaryKind::FadeThroughBlack, 100, 120),
        ],
        shots: Vec::new(),
        distractors: vec![
            Distractor {
                kind: DistractorKind::Flash,
                range: FrameRange::new(140, 142),
            },
            Distractor {
                kind: DistractorKind::WhipPan,
                range: FrameRange::new(170, 177),
            },
        ],
        take: None,
    }
}

#[test]
fn perfect_and_tolerant_matches() {
    let s = score_cuts(&truth(), &[32, 66, 109]);
    assert_eq!(
        (s.true_positives, s.false_positives, s.false_negatives),
        (3, 0, 0)
    );
    assert_eq!(s.f1(), 1.0);
    // 3 frames off a cut is a miss and a false cut.
    let s = score_cuts(&truth(), &[33, 66, 109]);
    assert_eq!(
        (s.true_positives, s.false_positives, s.false_negatives),
        (2, 1, 1)
    );
    assert_eq!(s.cuts, (0, 1));
}

#[test]
fn one_to_one_and_distractors_counted() {
    // Two predictions on one dissolve: one is false. Flash and whip false cuts counted.
    let s = score_cuts(&truth(), &[30, 61, 70, 109, 141, 175]);
    assert_eq!(s.true_positives, 3);
    assert_eq!(s.false_positives, 3);
    assert_eq!((s.false_on_flash, s.false_on_whip_pan), (1, 1));
    assert!((s.precision() - 0.5).abs() < 1e-9);
    assert_eq!(s.recall(), 1.0);
    let mut all = s.clone();
    all.merge(&score_cuts(&truth(), &[]));
    assert_eq!(all.false_negatives, 3);
    assert_eq!(all.dissolves, (1, 2));
}

#[test]
fn transnet_rule_matches_predictions_to_scenes() {
    let mut p = vec![0.0f32; 50];
    p[9] = 0.9; // cut: next scene starts at 10
    p[20..26].iter_mut().for_each(|x| *x = 0.7); // a transition run 20..26
    p[0] = 0.8; // frame 0 never starts a boundary
    assert_eq!(transnet_boundaries(&p, 0.5), vec![10, 23]);
}

#[test]
fn trims_scored_against_the_clean_span() {
    let mut t = truth();
    t.kind = ClipKind::Take;
    t.take = Some(TakeTruth {
        clean: FrameRange::new(20, 90),
        head: vec![JunkKind::Black],
        tail: vec![JunkKind::Overexposure],
        junk: vec![
            JunkSpan {
                kind: JunkKind::Black,
                range: FrameRange::new(0, 20),
            },
            JunkSpan {
                kind: JunkKind::Overexposure,
                range: FrameRange::new(94, 100),
            },
        ],
    });
    let s = score_trim(&t, &[FrameRange::new(0, 5), FrameRange::new(22, 96)]).unwrap();
    assert_eq!((s.in_error, s.out_error, s.junk_inside), (2, 6, 7));
    let sum = summarize_trims(&[s]);
    assert_eq!(sum.median_abs_error, 4.0);
    assert_eq!(sum.max_abs_error, 6);
    assert!(score_trim(&truth(), &[]).is_none());
}
