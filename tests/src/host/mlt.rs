//! Driving a plugin the way MLT 7's `melt` does: Load, Describe and
//! DescribeInContext again for every frame, concurrently; a new instance per
//! frame for a render-thread-safe plugin (one shared, serialized instance for an
//! Unsafe one); a single Unload when the host goes away.

use super::actions::Call;
use super::error::HostError;
use super::frames::FrameSource;
use super::images::{Components, Depth};
use super::instance::{Instance, InstanceSpec};
use super::records::lock;
use super::render::Rendered;
use super::status::Status;
use super::Plugin;
use ofx_sys as ofx;
use std::sync::{Arc, Mutex};

/// One frame's outcome.
#[derive(Debug)]
pub struct MltFrame {
    /// Frame number.
    pub frame: usize,
    /// CreateInstance's reply for the instance that rendered it.
    pub create_status: Status,
    /// The render (or the host error).
    pub result: Result<Rendered, HostError>,
}

/// Loads and describes the plugin again, as melt does for each frame; returns the
/// Filter-context descriptor.
fn describe_again(plugin: &Plugin) -> Result<super::effect::EffectNode, HostError> {
    let st = plugin.send(Call::new(ofx::K_OFX_ACTION_LOAD, std::ptr::null(), 0));
    if !st.is_ok() {
        return Err(HostError::Action {
            action: "OfxActionLoad".into(),
            status: st,
        });
    }
    let d = plugin.host.new_descriptor("effect descriptor (per frame)");
    let st = plugin.send(Call::new(ofx::K_OFX_ACTION_DESCRIBE, d.handle(), 0));
    if !st.is_ok() {
        return Err(HostError::Action {
            action: "OfxActionDescribe".into(),
            status: st,
        });
    }
    let (ctx, st) = plugin.describe_context_fresh("OfxImageEffectContextFilter");
    if !st.is_ok() {
        return Err(HostError::Action {
            action: "OfxImageEffectActionDescribeInContext".into(),
            status: st,
        });
    }
    Ok(ctx)
}

/// Renders `frames` of `source` with `threads` worker threads, melt-style.
pub fn render_frames(
    plugin: &Plugin,
    source: Arc<dyn FrameSource>,
    frames: &[usize],
    depth: Depth,
    components: Components,
    threads: usize,
) -> Vec<MltFrame> {
    let safety = plugin
        .descriptor()
        .string(ofx::K_OFX_IMAGE_EFFECT_PLUGIN_RENDER_THREAD_SAFETY)
        .unwrap_or_default();
    let thread_safe = safety != ofx::K_OFX_IMAGE_EFFECT_RENDER_UNSAFE.to_string_lossy();
    let shared: Mutex<Option<Instance>> = Mutex::new(None);
    let next = Mutex::new(0usize);
    let out = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = {
                    let mut n = lock(&next);
                    let i = *n;
                    *n += 1;
                    i
                };
                let Some(&frame) = frames.get(i) else { break };
                let outcome = (|| {
                    let desc = describe_again(plugin)?;
                    let spec = InstanceSpec::filter(source.clone());
                    if thread_safe {
                        let inst = plugin.create_instance_from(&desc, spec)?;
                        let r = inst.render(frame as f64, depth, components);
                        Ok::<_, HostError>((inst.create_status(), r))
                    } else {
                        let mut guard = lock(&shared);
                        if guard.is_none() {
                            *guard = Some(plugin.create_instance_from(&desc, spec)?);
                        }
                        let inst = guard
                            .as_ref()
                            .ok_or_else(|| HostError::Missing("shared instance".into()))?;
                        Ok((
                            inst.create_status(),
                            inst.render(frame as f64, depth, components),
                        ))
                    }
                })();
                let f = match outcome {
                    Ok((create_status, result)) => MltFrame {
                        frame,
                        create_status,
                        result,
                    },
                    Err(e) => MltFrame {
                        frame,
                        create_status: Status::Failed,
                        result: Err(e),
                    },
                };
                lock(&out).push(f);
            });
        }
    });
    let mut v = out.into_inner().unwrap_or_else(|e| e.into_inner());
    v.sort_by_key(|f| f.frame);
    v
}
