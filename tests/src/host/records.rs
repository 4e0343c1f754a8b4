//! What the host records about the plugin: actions sent, messages posted,
//! progress reported, and protocol violations seen.

use super::status::Status;
use std::sync::Mutex;
use std::time::Duration;

/// One action the host sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRecord {
    /// The action name (`OfxActionLoad`...).
    pub action: String,
    /// Serial number of the instance it was sent to (0: none / a descriptor).
    pub instance: u64,
    /// The plugin's reply.
    pub status: Status,
    /// How long the plugin took.
    pub elapsed: Duration,
}

/// A message posted through the message suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Serial number of the instance it was posted on (0: NULL or descriptor handle).
    pub instance: u64,
    /// `kOfxMessageError`... as a string (`OfxMessageError`...).
    pub kind: String,
    /// The message id (may be empty).
    pub id: String,
    /// The formatted text.
    pub text: String,
    /// Posted with `setPersistentMessage` (v2).
    pub persistent: bool,
}

/// One progress-suite call.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgressEvent {
    /// `progressStart(label, id)`.
    Start {
        /// Instance serial.
        instance: u64,
        /// The label / message.
        label: String,
        /// The message id (v2; empty for v1).
        id: String,
    },
    /// `progressUpdate(fraction)`, with the host's reply.
    Update {
        /// Instance serial.
        instance: u64,
        /// Fraction done, 0..=1.
        fraction: f64,
        /// `kOfxStatOK`, or `kOfxStatReplyNo` when the host cancelled.
        reply: Status,
    },
    /// `progressEnd()`.
    End {
        /// Instance serial.
        instance: u64,
    },
}

/// Append-only logs shared by every object of one host.
#[derive(Debug, Default)]
pub struct Records {
    /// Actions sent, in order.
    pub actions: Mutex<Vec<ActionRecord>>,
    /// Messages posted.
    pub messages: Mutex<Vec<Message>>,
    /// Progress calls.
    pub progress: Mutex<Vec<ProgressEvent>>,
    /// Protocol violations and host-side errors (bad handles, params written in
    /// Render, images not released...). A correct plugin leaves this empty.
    pub violations: Mutex<Vec<String>>,
}

/// Locks a mutex, ignoring poisoning (a panicking test thread must not hide the logs).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Records {
    /// Records a violation.
    pub fn violation(&self, what: impl Into<String>) {
        let what = what.into();
        eprintln!("[test host] violation: {what}");
        lock(&self.violations).push(what);
    }
}
