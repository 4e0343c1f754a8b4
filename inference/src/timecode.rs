//! SMPTE timecode for frame numbers: non-drop-frame for integer and 23.976 rates,
//! drop-frame (`HH:MM:SS;FF`) for 29.97 and 59.94.
//!
//! Drop-frame timecode skips the frame *labels* `;00` and `;01` (`;00`..`;03` at
//! 59.94) at the start of every minute except every tenth minute, so that the
//! label tracks wall-clock time at 30000/1001 fps. No frames are dropped from the
//! media. 23.976 (24000/1001) has no drop-frame variant: it counts 24 labels a
//! second and drifts from wall-clock time, as every editing system does.

use std::fmt;

use crate::signals::types::FrameRate;

/// Errors of timecode conversion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimecodeError {
    /// The frame rate has a zero numerator or denominator.
    #[error("invalid frame rate {num}/{den}")]
    InvalidRate {
        /// Numerator.
        num: u32,
        /// Denominator.
        den: u32,
    },
    /// Drop-frame was requested at a rate that has no drop-frame counting.
    #[error("drop-frame timecode needs 29.97 or 59.94 fps, not {num}/{den}")]
    NoDropFrame {
        /// Numerator.
        num: u32,
        /// Denominator.
        den: u32,
    },
    /// The text is not `HH:MM:SS:FF` / `HH:MM:SS;FF`, or a field is out of range,
    /// or it names a label that drop-frame counting skips.
    #[error("invalid timecode {text:?}: {reason}")]
    Parse {
        /// The text that was given.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// How frame numbers are labelled: frames per timecode second and whether labels are dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimecodeFormat {
    /// Frame labels per timecode second (24 for 23.976, 30 for 29.97, ...).
    pub nominal_fps: u32,
    /// Drop-frame counting (only for nominal 30 and 60 at x/1001 rates).
    pub drop_frame: bool,
}

impl TimecodeFormat {
    /// The usual format for `rate`: drop-frame for 29.97 and 59.94, non-drop otherwise.
    pub fn for_rate(rate: FrameRate) -> Result<Self, TimecodeError> {
        let nominal = nominal_fps(rate)?;
        let drop_frame = rate.den == 1001 && (nominal == 30 || nominal == 60);
        Ok(Self {
            nominal_fps: nominal,
            drop_frame,
        })
    }

    /// Non-drop-frame counting at `rate` (what some facilities use even at 29.97).
    pub fn non_drop(rate: FrameRate) -> Result<Self, TimecodeError> {
        Ok(Self {
            nominal_fps: nominal_fps(rate)?,
            drop_frame: false,
        })
    }

    /// Drop-frame counting at `rate`; an error unless the rate is 29.97 or 59.94.
    pub fn drop_frame(rate: FrameRate) -> Result<Self, TimecodeError> {
        let f = Self::for_rate(rate)?;
        if !f.drop_frame {
            return Err(TimecodeError::NoDropFrame {
                num: rate.num,
                den: rate.den,
            });
        }
        Ok(f)
    }

    /// Labels skipped at the start of each non-tenth minute (0 when non-drop).
    fn dropped_per_minute(self) -> i64 {
        if self.drop_frame {
            i64::from(self.nominal_fps / 15)
        } else {
            0
        }
    }

    /// Frames in 24 hours of timecode; labels wrap around after this.
    fn frames_per_day(self) -> i64 {
        let n = i64::from(self.nominal_fps);
        n * 86_400 - self.dropped_per_minute() * 9 * 144
    }

    /// Labels frame number `frame` (0 = `00:00:00:00`); wraps at 24 hours, negative
    /// frame numbers count back from midnight.
    pub fn timecode(self, frame: i64) -> Timecode {
        let n = i64::from(self.nominal_fps);
        let mut f = frame.rem_euclid(self.frames_per_day());
        let drop = self.dropped_per_minute();
        if drop > 0 {
            let per_10min = n * 600 - drop * 9;
            let per_min = n * 60 - drop;
            let tens = f / per_10min;
            let rem = f % per_10min;
            f += drop * 9 * tens;
            if rem > drop {
                f += drop * ((rem - drop) / per_min);
            }
        }
        Timecode {
            hours: (f / (n * 3600)) as u32 % 24,
            minutes: (f / (n * 60) % 60) as u32,
            seconds: (f / n % 60) as u32,
            frames: (f % n) as u32,
            drop_frame: self.drop_frame,
        }
    }

    /// The frame number a label stands for (inverse of [`Self::timecode`]).
    /// Accepts `:` or `;` before the frames field.
    pub fn parse(self, text: &str) -> Result<i64, TimecodeError> {
        let bad = |reason: &str| TimecodeError::Parse {
            text: text.to_string(),
            reason: reason.to_string(),
        };
        let fields: Vec<&str> = text.trim().split([':', ';', '.']).collect();
        if fields.len() != 4 {
            return Err(bad("expected HH:MM:SS:FF"));
        }
        let mut v = [0i64; 4];
        for (slot, field) in v.iter_mut().zip(&fields) {
            if field.is_empty() || field.len() > 2 || !field.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("each field must be one or two digits"));
            }
            *slot = field.parse().map_err(|_| bad("not a number"))?;
        }
        let [hh, mm, ss, ff] = v;
        let n = i64::from(self.nominal_fps);
        if hh >= 24 || mm >= 60 || ss >= 60 || ff >= n {
            return Err(bad("field out of range"));
        }
        let drop = self.dropped_per_minute();
        if drop > 0 && ss == 0 && ff < drop && mm % 10 != 0 {
            return Err(bad("drop-frame timecode skips this label"));
        }
        let total_minutes = hh * 60 + mm;
        Ok((hh * 3600 + mm * 60 + ss) * n + ff - drop * (total_minutes - total_minutes / 10))
    }
}

/// Whole frames per timecode second for `rate` (rounded: 24000/1001 -> 24).
pub fn nominal_fps(rate: FrameRate) -> Result<u32, TimecodeError> {
    if rate.num == 0 || rate.den == 0 {
        return Err(TimecodeError::InvalidRate {
            num: rate.num,
            den: rate.den,
        });
    }
    let n = (f64::from(rate.num) / f64::from(rate.den)).round().max(1.0);
    Ok(n as u32)
}

/// A timecode label. `Display` writes `HH:MM:SS:FF`, or `HH:MM:SS;FF` for drop-frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timecode {
    /// Hours 0..24.
    pub hours: u32,
    /// Minutes 0..60.
    pub minutes: u32,
    /// Seconds 0..60.
    pub seconds: u32,
    /// Frame label within the second, 0..nominal fps.
    pub frames: u32,
    /// Whether this label uses drop-frame counting.
    pub drop_frame: bool,
}

impl fmt::Display for Timecode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sep = if self.drop_frame { ';' } else { ':' };
        write!(
            f,
            "{:02}:{:02}:{:02}{}{:02}",
            self.hours, self.minutes, self.seconds, sep, self.frames
        )
    }
}

/// Label of `frame` at `rate` in the usual format for that rate (drop-frame at
/// 29.97/59.94). An invalid rate (0 in num or den) falls back to plain frame counting
/// at 1 fps rather than failing, so reasons can always be written.
pub fn frame_to_timecode(frame: i64, rate: FrameRate) -> String {
    let format = TimecodeFormat::for_rate(rate).unwrap_or(TimecodeFormat {
        nominal_fps: 1,
        drop_frame: false,
    });
    format.timecode(frame).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DF2997: FrameRate = FrameRate {
        num: 30000,
        den: 1001,
    };
    const R23976: FrameRate = FrameRate {
        num: 24000,
        den: 1001,
    };

    #[test]
    fn drop_frame_skips_two_labels_at_minute_boundaries() {
        let f = TimecodeFormat::for_rate(DF2997).unwrap();
        assert!(f.drop_frame);
        let at = f.parse("00:00:59;29").unwrap();
        assert_eq!(at, 1799);
        assert_eq!(f.timecode(at).to_string(), "00:00:59;29");
        assert_eq!(f.timecode(at + 1).to_string(), "00:01:00;02");
        // Tenth minutes keep ;00 and ;01.
        let ten = f.parse("00:09:59;29").unwrap();
        assert_eq!(f.timecode(ten + 1).to_string(), "00:10:00;00");
        assert_eq!(f.parse("00:10:00;00").unwrap(), 17982);
        // One hour of DF is 107892 frames.
        assert_eq!(f.parse("01:00:00;00").unwrap(), 107_892);
        assert_eq!(f.timecode(107_892).to_string(), "01:00:00;00");
    }

    #[test]
    fn drop_frame_round_trips_every_frame_of_eleven_minutes() {
        let f = TimecodeFormat::for_rate(DF2997).unwrap();
        for frame in 0..(11 * 60 * 30) {
            let tc = f.timecode(frame).to_string();
            assert_eq!(f.parse(&tc).unwrap(), frame, "{tc}");
        }
    }

    #[test]
    fn skipped_drop_frame_labels_are_rejected() {
        let f = TimecodeFormat::for_rate(DF2997).unwrap();
        assert!(matches!(
            f.parse("00:01:00;00"),
            Err(TimecodeError::Parse { .. })
        ));
        assert!(f.parse("00:01:00;01").is_err());
        assert!(f.parse("00:01:00;02").is_ok());
    }

    #[test]
    fn fifty_nine_94_drops_four_labels() {
        let f = TimecodeFormat::for_rate(FrameRate {
            num: 60000,
            den: 1001,
        })
        .unwrap();
        let at = f.parse("00:00:59;59").unwrap();
        assert_eq!(f.timecode(at + 1).to_string(), "00:01:00;04");
    }

    #[test]
    fn twenty_three_976_is_non_drop_at_24_labels() {
        let f = TimecodeFormat::for_rate(R23976).unwrap();
        assert!(!f.drop_frame);
        assert_eq!(f.timecode(24 * 60).to_string(), "00:01:00:00");
        assert_eq!(f.timecode(28).to_string(), "00:00:01:04");
        assert!(TimecodeFormat::drop_frame(R23976).is_err());
    }

    #[test]
    fn integer_rates_and_wrap_around() {
        let r25 = FrameRate { num: 25, den: 1 };
        assert_eq!(frame_to_timecode(29, r25), "00:00:01:04");
        assert_eq!(frame_to_timecode(25 * 86_400, r25), "00:00:00:00");
        assert_eq!(frame_to_timecode(-1, r25), "23:59:59:24");
        let nd = TimecodeFormat::non_drop(DF2997).unwrap();
        assert_eq!(nd.timecode(1800).to_string(), "00:01:00:00");
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(TimecodeFormat::for_rate(FrameRate { num: 0, den: 1 }).is_err());
        assert!(TimecodeFormat::for_rate(FrameRate { num: 25, den: 0 }).is_err());
        let f = TimecodeFormat::for_rate(FrameRate { num: 25, den: 1 }).unwrap();
        for bad in [
            "",
            "00:00:00",
            "00:00:00:25",
            "00:60:00:00",
            "aa:00:00:00",
            "24:00:00:00",
        ] {
            assert!(f.parse(bad).is_err(), "{bad}");
        }
    }
}
