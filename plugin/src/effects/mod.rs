//! CircleTake's effects. Safe code only: everything host-facing goes through
//! [`crate::ofx`].

pub mod cut_check;
pub mod shot_score;
