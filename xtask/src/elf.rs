//! One ELF edit patchelf cannot make: turning `STB_GNU_UNIQUE` dynamic symbols
//! of the bundled libtorch into ordinary `STB_GLOBAL` ones.
//!
//! GCC marks function-local statics of inline functions and template statics
//! (e.g. `c10::Dispatcher::singleton()::s`) as GNU_UNIQUE, and the dynamic
//! linker then shares ONE instance process-wide, across link-map scopes and
//! whatever the sonames. With another libtorch already in the process (Nuke
//! 14+ ships one), our copy would register its operators into the other's
//! dispatcher at load time and abort ("Tried to register multiple backend
//! fallbacks"). As plain globals, they bind inside our RTLD_LOCAL copy.

use crate::Result;
use std::path::Path;

const STB_GLOBAL: u8 = 1;
const STB_GNU_UNIQUE: u8 = 10;
const SHT_DYNSYM: u32 = 11;
const SYM_SIZE: usize = 24;

fn read<const N: usize>(bytes: &[u8], at: usize) -> Option<[u8; N]> {
    bytes.get(at..at.checked_add(N)?)?.try_into().ok()
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    read::<2>(bytes, at).map(|b| u16::from_le_bytes(b) as usize)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    read::<4>(bytes, at).map(u32::from_le_bytes)
}

fn u64_at(bytes: &[u8], at: usize) -> Option<usize> {
    read::<8>(bytes, at).and_then(|b| usize::try_from(u64::from_le_bytes(b)).ok())
}

/// Rewrites every GNU_UNIQUE symbol of `.dynsym` to GLOBAL in place; returns
/// how many it changed. Only 64-bit little-endian ELF files are accepted.
pub fn demote_gnu_unique(path: &Path) -> Result<usize> {
    let mut bytes =
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let changed = demote_in(&mut bytes)
        .ok_or_else(|| format!("{}: not a well-formed ELF64 LE file", path.display()))?;
    if changed > 0 {
        std::fs::write(path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(changed)
}

fn demote_in(bytes: &mut [u8]) -> Option<usize> {
    // e_ident: magic, ELFCLASS64 (2), ELFDATA2LSB (1).
    if bytes.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let (shoff, shentsize, shnum) = (
        u64_at(bytes, 0x28)?,
        u16_at(bytes, 0x3a)?,
        u16_at(bytes, 0x3c)?,
    );
    let mut changed = 0;
    for i in 0..shnum {
        let header = shoff.checked_add(i.checked_mul(shentsize)?)?;
        if u32_at(bytes, header + 4)? != SHT_DYNSYM {
            continue;
        }
        let (offset, size) = (u64_at(bytes, header + 0x18)?, u64_at(bytes, header + 0x20)?);
        let entsize = u64_at(bytes, header + 0x38)?;
        if entsize != SYM_SIZE {
            return None;
        }
        for sym in (offset..offset.checked_add(size)?).step_by(SYM_SIZE) {
            let info = bytes.get_mut(sym + 4)?;
            if *info >> 4 == STB_GNU_UNIQUE {
                *info = (STB_GLOBAL << 4) | (*info & 0xf);
                changed += 1;
            }
        }
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal ELF64 with a .dynsym of three symbols: local, unique, global.
    fn tiny_elf() -> Vec<u8> {
        let mut elf = vec![0u8; 0x40];
        elf[..6].copy_from_slice(b"\x7fELF\x02\x01");
        let syms_at = elf.len();
        for info in [0x00u8, (STB_GNU_UNIQUE << 4) | 1, (STB_GLOBAL << 4) | 2] {
            let mut sym = [0u8; SYM_SIZE];
            sym[4] = info;
            elf.extend_from_slice(&sym);
        }
        let shoff = elf.len();
        elf.extend_from_slice(&[0u8; 64]); // SHT_NULL
        let mut dynsym = [0u8; 64];
        dynsym[4..8].copy_from_slice(&SHT_DYNSYM.to_le_bytes());
        dynsym[0x18..0x20].copy_from_slice(&(syms_at as u64).to_le_bytes());
        dynsym[0x20..0x28].copy_from_slice(&(3 * SYM_SIZE as u64).to_le_bytes());
        dynsym[0x38..0x40].copy_from_slice(&(SYM_SIZE as u64).to_le_bytes());
        elf.extend_from_slice(&dynsym);
        elf[0x28..0x30].copy_from_slice(&(shoff as u64).to_le_bytes());
        elf[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
        elf[0x3c..0x3e].copy_from_slice(&2u16.to_le_bytes());
        elf
    }

    #[test]
    fn demotes_only_unique_symbols_and_keeps_their_type() {
        let mut elf = tiny_elf();
        assert_eq!(demote_in(&mut elf), Some(1));
        let infos: Vec<u8> = (0..3).map(|i| elf[0x40 + i * SYM_SIZE + 4]).collect();
        assert_eq!(infos, [0x00, (STB_GLOBAL << 4) | 1, (STB_GLOBAL << 4) | 2]);
        assert_eq!(demote_in(&mut elf), Some(0));
    }

    #[test]
    fn refuses_what_is_not_elf64_le() {
        assert_eq!(demote_in(&mut b"#!/bin/sh\n".to_vec()), None);
        let mut truncated = tiny_elf();
        truncated.truncate(0x50);
        assert_eq!(demote_in(&mut truncated), None);
    }
}
