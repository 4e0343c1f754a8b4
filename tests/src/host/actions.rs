//! Sending actions to the plugin's `mainEntry`, timing and recording each.

use super::context::{self, ActionContext};
use super::properties::PropertySet;
use super::records::{lock, ActionRecord, Records};
use super::status::Status;
use ofx_sys::{OfxPluginEntryPoint, OfxPropertySetHandle};
use std::ffi::{c_void, CStr};
use std::time::Instant;

/// One plugin's main entry point.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// `OfxPlugin::mainEntry`.
    pub main: OfxPluginEntryPoint,
}

/// What to send.
#[derive(Debug)]
pub struct Call<'a> {
    /// Action name.
    pub action: &'static CStr,
    /// Effect handle (NULL for Load/Unload).
    pub handle: *const c_void,
    /// Instance serial (0 for none).
    pub instance: u64,
    /// inArgs (NULL when None).
    pub in_args: Option<&'a PropertySet>,
    /// outArgs (NULL when None).
    pub out_args: Option<&'a PropertySet>,
    /// The action's time, if any.
    pub time: Option<f64>,
    /// Extra context for suites (render scale, output image...).
    pub context: Option<ActionContext>,
}

impl<'a> Call<'a> {
    /// An action with no arguments on `handle`.
    pub fn new(action: &'static CStr, handle: *const c_void, instance: u64) -> Call<'a> {
        Call {
            action,
            handle,
            instance,
            in_args: None,
            out_args: None,
            time: None,
            context: None,
        }
    }

    /// With inArgs.
    pub fn input(mut self, p: &'a PropertySet) -> Self {
        self.in_args = Some(p);
        self
    }

    /// With outArgs.
    pub fn output(mut self, p: &'a PropertySet) -> Self {
        self.out_args = Some(p);
        self
    }

    /// With a context (time, scale, output image...).
    pub fn context(mut self, c: ActionContext) -> Self {
        self.context = Some(c);
        self
    }
}

fn handle_of(p: Option<&PropertySet>) -> OfxPropertySetHandle {
    p.map(|p| p.handle().cast()).unwrap_or(std::ptr::null_mut())
}

/// Sends `call` and records it.
pub fn send(entry: Entry, records: &Records, call: Call<'_>) -> Status {
    let name: &'static str = call.action.to_str().unwrap_or("?");
    let ctx = call.context.unwrap_or_else(|| {
        let mut c = ActionContext::new(name, call.handle as usize);
        c.time = call.time;
        c
    });
    let _guard = context::enter(ctx);
    let started = Instant::now();
    // SAFETY: the plugin's own entry point, called with a C string action, a handle
    // and property sets the host keeps alive for the duration of the call.
    let raw = unsafe {
        (entry.main)(
            call.action.as_ptr(),
            call.handle,
            handle_of(call.in_args),
            handle_of(call.out_args),
        )
    };
    let elapsed = started.elapsed();
    let status = Status::from_ofx(raw);
    lock(&records.actions).push(ActionRecord {
        action: name.to_owned(),
        instance: call.instance,
        status,
        elapsed,
    });
    status
}
