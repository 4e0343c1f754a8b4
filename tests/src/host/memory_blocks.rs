//! Memory the plugin borrows from the host (memory suite and image-memory
//! functions), tracked process-wide so frees of unknown pointers are caught and
//! leaks can be counted.

use super::records::lock;
use super::status::Status;
use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::Mutex;

#[derive(Debug)]
struct Block {
    buf: Vec<u64>,
    locks: i32,
}

/// Live blocks by handle (= data address).
static BLOCKS: Mutex<Option<HashMap<usize, Block>>> = Mutex::new(None);

/// Allocates `n` bytes (8-byte aligned, zeroed); returns the handle / address.
pub fn alloc_block(n: usize) -> Option<usize> {
    let mut buf = Vec::new();
    buf.try_reserve_exact(n.div_ceil(8).max(1)).ok()?;
    buf.resize(n.div_ceil(8).max(1), 0u64);
    let addr = buf.as_mut_ptr() as usize;
    lock(&BLOCKS)
        .get_or_insert_with(HashMap::new)
        .insert(addr, Block { buf, locks: 0 });
    Some(addr)
}

/// Frees a block; `kOfxStatErrBadHandle` for an unknown address.
pub fn free_block(addr: usize) -> Status {
    match lock(&BLOCKS).get_or_insert_with(HashMap::new).remove(&addr) {
        Some(b) => {
            drop(b.buf);
            Status::Ok
        }
        None => {
            super::suites::bad_handle("memory free of an unknown pointer");
            Status::ErrBadHandle
        }
    }
}

/// Locks a block, returning its data address.
pub fn lock_block(addr: usize) -> Option<*mut c_void> {
    let mut blocks = lock(&BLOCKS);
    let b = blocks.get_or_insert_with(HashMap::new).get_mut(&addr)?;
    b.locks += 1;
    Some(b.buf.as_mut_ptr().cast())
}

/// Unlocks a block.
pub fn unlock_block(addr: usize) -> Status {
    let mut blocks = lock(&BLOCKS);
    match blocks.get_or_insert_with(HashMap::new).get_mut(&addr) {
        Some(b) if b.locks > 0 => {
            b.locks -= 1;
            Status::Ok
        }
        Some(_) => Status::Failed,
        None => Status::ErrBadHandle,
    }
}

/// Number of live blocks, process-wide.
pub fn live_blocks() -> usize {
    lock(&BLOCKS).get_or_insert_with(HashMap::new).len()
}
