//! The action a thread is running, as the host's suite functions need to know it
//! (render time for hosts without temporal access, render scale, the output image,
//! whether params may be written).

use super::images::RectI;
use super::shared_image::SharedImage;
use std::cell::RefCell;
use std::sync::Arc;

/// What the host knows about the action running on this thread.
#[derive(Debug, Clone)]
pub struct ActionContext {
    /// Action name (`OfxImageEffectActionRender`...).
    pub action: &'static str,
    /// Address of the effect instance (0 for none).
    pub effect: usize,
    /// The action's time, when it has one.
    pub time: Option<f64>,
    /// The render scale (1, 1 outside renders).
    pub scale: (f64, f64),
    /// The output image of a Render, for `clipGetImage` on the output clip.
    pub output: Option<Arc<SharedImage>>,
    /// Regions of interest the host computed for the source clip (pixel coordinates).
    pub source_roi: Option<RectI>,
}

impl ActionContext {
    /// A context for `action` on `effect`.
    pub fn new(action: &'static str, effect: usize) -> ActionContext {
        ActionContext {
            action,
            effect,
            time: None,
            scale: (1.0, 1.0),
            output: None,
            source_roi: None,
        }
    }

    /// True for the render-thread actions, in which params must not be written.
    pub fn is_render_thread_action(&self) -> bool {
        matches!(
            self.action,
            "OfxImageEffectActionRender"
                | "OfxImageEffectActionIsIdentity"
                | "OfxImageEffectActionGetRegionOfDefinition"
                | "OfxImageEffectActionGetRegionsOfInterest"
                | "OfxImageEffectActionGetFramesNeeded"
                | "OfxImageEffectActionBeginSequenceRender"
                | "OfxImageEffectActionEndSequenceRender"
        )
    }
}

thread_local! {
    static STACK: RefCell<Vec<ActionContext>> = const { RefCell::new(Vec::new()) };
}

/// Pushes a context for the duration of the returned guard.
pub fn enter(ctx: ActionContext) -> ContextGuard {
    STACK.with(|s| s.borrow_mut().push(ctx));
    ContextGuard { _private: () }
}

/// The innermost context on this thread.
pub fn current() -> Option<ActionContext> {
    STACK.with(|s| s.borrow().last().cloned())
}

/// Pops the context when dropped.
#[derive(Debug)]
pub struct ContextGuard {
    _private: (),
}

impl Drop for ContextGuard {
    fn drop(&mut self) {
        STACK.with(|s| {
            s.borrow_mut().pop();
        });
    }
}
