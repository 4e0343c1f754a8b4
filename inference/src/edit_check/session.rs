//! [`EditCheck`]: frames of both clips in, [`EditReport`] out.

use super::{check_edit, EditCheckOptions, EditPoint, EditReport, Side};
use crate::engine::Engine;
use crate::error::Result;
use crate::frame::FrameView;
use crate::signals::FrameRate;

/// An edit check in progress. Push the frames of each side (any order; frames
/// outside [`EditCheckOptions::frames`] are refused with `InvalidArgument`;
/// pushing a frame twice is a no-op), then [`finish`](Self::finish).
#[derive(Debug)]
pub struct EditCheck {
    _private: (),
}

impl Engine {
    /// Starts a check of `edit` between two clips of frame rate `rate`.
    pub fn edit_check(
        &self,
        rate: FrameRate,
        edit: EditPoint,
        options: EditCheckOptions,
    ) -> Result<EditCheck> {
        let _ = (rate, edit, options);
        unimplemented!("Engine::edit_check (helper H1)")
    }
}

impl EditCheck {
    /// The edit being checked.
    pub fn edit(&self) -> EditPoint {
        unimplemented!()
    }

    /// The options in use.
    pub fn options(&self) -> &EditCheckOptions {
        unimplemented!()
    }

    /// Frames `[first, last]` wanted on `side`.
    pub fn wanted(&self, side: Side) -> (i64, i64) {
        self.options().frames(side, self.edit())
    }

    /// Measures frame `frame` of the `side` clip; returns whether it was new.
    pub fn push(&mut self, side: Side, frame: i64, view: &FrameView<'_>) -> Result<bool> {
        let _ = (side, frame, view);
        unimplemented!()
    }

    /// Names the clips in the report (media file names).
    pub fn set_names(&mut self, outgoing: Option<String>, incoming: Option<String>) {
        let _ = (outgoing, incoming);
        unimplemented!()
    }

    /// Runs the shot model on each side and decides. At least the two frames at
    /// the edit (`out_frame` and `in_frame`) must have been pushed.
    pub fn finish(self) -> Result<EditReport> {
        let _ = check_edit;
        unimplemented!()
    }
}
