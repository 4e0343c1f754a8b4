//! [`EditCheck`]: frames of both clips in, [`EditReport`] out.

use std::collections::BTreeMap;

use super::{
    check_edit, EditCheckOptions, EditPoint, EditReport, FrameLook, Side, SideFrames,
    MAX_WINDOW_FRAMES,
};
use crate::engine::{Engine, RandomAccessAnalysis};
use crate::error::{InferenceError, Result};
use crate::frame::FrameView;
use crate::signals::FrameRate;

/// One clip's frames: the engine's any-order analysis plus a look per frame.
#[derive(Debug)]
struct SideState {
    analysis: RandomAccessAnalysis,
    looks: BTreeMap<i64, FrameLook>,
}

/// An edit check in progress. Push the frames of each side (any order; frames
/// outside [`EditCheckOptions::frames`] are refused with `InvalidArgument`;
/// pushing a frame twice is a no-op), then [`finish`](Self::finish).
#[derive(Debug)]
pub struct EditCheck {
    rate: FrameRate,
    edit: EditPoint,
    options: EditCheckOptions,
    names: (Option<String>, Option<String>),
    outgoing: SideState,
    incoming: SideState,
}

impl Engine {
    /// Starts a check of `edit` between two clips of frame rate `rate`.
    pub fn edit_check(
        &self,
        rate: FrameRate,
        edit: EditPoint,
        options: EditCheckOptions,
    ) -> Result<EditCheck> {
        for (name, v) in [
            ("max_shift", options.max_shift),
            ("context", options.context),
        ] {
            if v > MAX_WINDOW_FRAMES {
                return Err(InferenceError::InvalidArgument(format!(
                    "edit check {name} {v} is too large (at most {MAX_WINDOW_FRAMES} frames)"
                )));
            }
        }
        let side = |s: Side| -> Result<SideState> {
            let (first, last) = options.frames(s, edit);
            Ok(SideState {
                analysis: self.random_access(rate, first, last)?,
                looks: BTreeMap::new(),
            })
        };
        Ok(EditCheck {
            rate,
            edit,
            outgoing: side(Side::Outgoing)?,
            incoming: side(Side::Incoming)?,
            options,
            names: (None, None),
        })
    }
}

impl EditCheck {
    /// The edit being checked.
    pub fn edit(&self) -> EditPoint {
        self.edit
    }

    /// The options in use.
    pub fn options(&self) -> &EditCheckOptions {
        &self.options
    }

    /// Frames `[first, last]` wanted on `side`.
    pub fn wanted(&self, side: Side) -> (i64, i64) {
        self.options().frames(side, self.edit())
    }

    /// Whether `frame` of the `side` clip has been measured.
    pub fn contains(&self, side: Side, frame: i64) -> bool {
        self.state(side).looks.contains_key(&frame)
    }

    /// The first wanted frame of `side` not measured yet.
    pub fn next_missing(&self, side: Side) -> Option<i64> {
        self.state(side).analysis.next_missing()
    }

    fn state(&self, side: Side) -> &SideState {
        match side {
            Side::Outgoing => &self.outgoing,
            Side::Incoming => &self.incoming,
        }
    }

    /// Measures frame `frame` of the `side` clip; returns whether it was new.
    pub fn push(&mut self, side: Side, frame: i64, view: &FrameView<'_>) -> Result<bool> {
        let (first, last) = self.wanted(side);
        if frame < first || frame > last {
            return Err(InferenceError::InvalidArgument(format!(
                "{} frame {frame} is outside the frames the check needs ({first}..={last})",
                side.name()
            )));
        }
        let state = match side {
            Side::Outgoing => &mut self.outgoing,
            Side::Incoming => &mut self.incoming,
        };
        if state.looks.contains_key(&frame) {
            return Ok(false);
        }
        let look = FrameLook::from_view(frame, view)?;
        let new = state.analysis.insert(frame, view)?;
        state.looks.insert(frame, look);
        Ok(new)
    }

    /// Names the clips in the report (media file names).
    pub fn set_names(&mut self, outgoing: Option<String>, incoming: Option<String>) {
        self.names = (outgoing, incoming);
    }

    /// Runs the shot model on each side and decides. At least the two frames at
    /// the edit (`out_frame` and `in_frame`) must have been pushed.
    pub fn finish(self) -> Result<EditReport> {
        for (side, frame) in [
            (Side::Outgoing, self.edit.out_frame),
            (Side::Incoming, self.edit.in_frame),
        ] {
            if !self.contains(side, frame) {
                return Err(InferenceError::InvalidArgument(format!(
                    "{} frame {frame} (the edit frame) was not pushed; the check needs at least \
                     the last outgoing and the first incoming frame",
                    side.name()
                )));
            }
        }
        let side = |state: SideState| -> Result<SideFrames> {
            let signals = state.analysis.finish()?.frames;
            Ok(SideFrames {
                signals,
                looks: state.looks.into_values().collect(),
            })
        };
        let outgoing = side(self.outgoing)?;
        let incoming = side(self.incoming)?;
        let mut report = check_edit(&outgoing, &incoming, self.edit, self.rate, &self.options);
        report.outgoing = self.names.0;
        report.incoming = self.names.1;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineOptions;
    use crate::frame::PixelFormat;

    fn engine() -> Engine {
        Engine::new(EngineOptions {
            device: "cpu".parse().unwrap(),
            model_dir: Some(std::env::temp_dir().join("circletake-no-models-edit-check")),
            faces: false,
            ..EngineOptions::default()
        })
        .unwrap()
    }

    /// A 64x36 RGB u8 frame: a bright square at `x` on a dark ground of `level`.
    fn frame(x: usize, level: u8) -> Vec<u8> {
        let mut v = vec![level; 64 * 36 * 3];
        for y in 10..26 {
            for xx in x..(x + 16).min(64) {
                v[(y * 64 + xx) * 3..(y * 64 + xx) * 3 + 3].copy_from_slice(&[220, 200, 180]);
            }
        }
        v
    }

    #[test]
    fn pushes_are_checked_and_the_report_is_made() {
        let rate = FrameRate { num: 25, den: 1 };
        let edit = EditPoint {
            out_frame: 20,
            in_frame: 5,
        };
        let options = EditCheckOptions {
            max_shift: 2,
            context: 2,
            ..EditCheckOptions::default()
        };
        let mut check = engine().edit_check(rate, edit, options).unwrap();
        assert_eq!(check.wanted(Side::Outgoing), (16, 24));
        assert_eq!(check.wanted(Side::Incoming), (1, 9));
        let rgb = PixelFormat::new(crate::SampleDepth::U8, crate::ChannelLayout::Rgb);
        let a = frame(4, 30);
        let view = FrameView::packed(&a, 64, 36, rgb).unwrap();
        let err = check
            .push(Side::Incoming, 10, &view)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("incoming frame 10") && err.contains("1..=9"),
            "{err}"
        );
        let huge = EditCheckOptions {
            max_shift: u32::MAX,
            ..EditCheckOptions::default()
        };
        let err = engine()
            .edit_check(rate, edit, huge)
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_shift"), "{err}");
        // Nothing pushed at the edit yet: finish refuses, naming the frame.
        let mut early = engine()
            .edit_check(rate, edit, EditCheckOptions::default())
            .unwrap();
        early.push(Side::Outgoing, 20, &view).unwrap();
        let err = early.finish().unwrap_err().to_string();
        assert!(err.contains("incoming frame 5"), "{err}");
        // Both sides in reverse order; a repeated frame is a no-op.
        for f in (16..=24).rev() {
            assert!(check.push(Side::Outgoing, f, &view).unwrap());
        }
        assert!(!check.push(Side::Outgoing, 20, &view).unwrap());
        let b = frame(40, 60);
        let other = FrameView::packed(&b, 64, 36, rgb).unwrap();
        for f in 1..=9 {
            check.push(Side::Incoming, f, &other).unwrap();
        }
        assert!(check.contains(Side::Incoming, 5) && check.next_missing(Side::Incoming).is_none());
        check.set_names(Some("a.mov".into()), Some("b.mov".into()));
        let r = check.finish().unwrap();
        assert_eq!(r.outgoing.as_deref(), Some("a.mov"));
        assert_eq!(r.shifts.len(), 5);
        assert!(r.shifts.iter().all(|s| s.cost.is_some()));
        assert!(r.framing_similarity < 0.5, "{}", r.framing_similarity);
        assert!(r.exposure_change > 0.0);
        assert!(
            r.notes.iter().any(|n| n.contains("face model")),
            "{:?}",
            r.notes
        );
    }
}
