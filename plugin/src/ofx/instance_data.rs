//! The effect's Rust state stored behind `kOfxPropInstanceData`.

use std::ffi::c_void;

use ofx_sys::K_OFX_PROP_INSTANCE_DATA;

use super::effect::Effect;
use super::error::{OfxError, OfxResult};
use super::property::PropertySet;

/// Marks our allocations so a foreign or stale pointer is refused.
const MAGIC: u64 = 0x4349_5243_4c45_5441; // "CIRCLETA"

struct Boxed<E> {
    magic: u64,
    effect: E,
}

/// Stores `effect` on the instance; the pointer is owned by the instance
/// until [`take`].
pub fn store<E: Effect>(props: &PropertySet, effect: E) -> OfxResult<()> {
    let ptr = Box::into_raw(Box::new(Boxed {
        magic: MAGIC,
        effect,
    }));
    if let Err(e) = props.set_pointer(K_OFX_PROP_INSTANCE_DATA, 0, ptr.cast::<c_void>()) {
        // SAFETY: `ptr` came from Box::into_raw just above and was not stored.
        drop(unsafe { Box::from_raw(ptr) });
        return Err(e);
    }
    Ok(())
}

fn pointer<E: Effect>(props: &PropertySet) -> OfxResult<*mut Boxed<E>> {
    let ptr = props
        .get_pointer(K_OFX_PROP_INSTANCE_DATA, 0)?
        .unwrap_or(std::ptr::null_mut());
    if ptr.is_null() {
        return Err(OfxError::NoInstance);
    }
    let ptr = ptr.cast::<Boxed<E>>();
    // SAFETY: a non-NULL instance data pointer on our instances was set by
    // `store::<E>` (this effect type: each plug-in has its own main entry)
    // and stays valid until `take`; the magic guards against anything else.
    if unsafe { (*ptr).magic } != MAGIC {
        return Err(OfxError::NoInstance);
    }
    Ok(ptr)
}

/// The state of an instance, `Err(NoInstance)` if CreateInstance failed.
///
/// The reference is valid until DestroyInstance, which hosts never run
/// concurrently with other actions on the same instance.
pub fn get<'a, E: Effect>(props: &PropertySet) -> OfxResult<&'a E> {
    let ptr = pointer::<E>(props)?;
    // SAFETY: see `pointer`; shared access only (E: Sync).
    Ok(unsafe { &(*ptr).effect })
}

/// Removes the state from the instance (DestroyInstance), exactly once: the
/// property is cleared before the box is handed back.
pub fn take<E: Effect>(props: &PropertySet) -> OfxResult<E> {
    let ptr = pointer::<E>(props)?;
    props.set_pointer(K_OFX_PROP_INSTANCE_DATA, 0, std::ptr::null_mut())?;
    // SAFETY: `ptr` came from Box::into_raw in `store` and the property no
    // longer refers to it, so no other path can reach it.
    let boxed = unsafe { Box::from_raw(ptr) };
    let Boxed { effect, .. } = *boxed;
    Ok(effect)
}
