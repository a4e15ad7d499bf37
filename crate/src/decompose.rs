//! Canonical Unicode decomposition (what `text::fold` strips diacritics with), from a table that
//! `build.rs` takes from `unicode-normalization` at build time. The crate itself is not linked:
//! its perfect-hash tables were ~34 KB of the WASM package. The table is embedded as a compact
//! byte string (varints, ~12 KB smaller gzipped than sorted u32 arrays; issue 2: the package must
//! stay under 300 KB gzipped) and unpacked into sorted arrays on first use.
//! `crate/tests/pattern.rs` checks every character against the crate.

use std::sync::OnceLock;

mod tables {
    include!(concat!(env!("OUT_DIR"), "/decompose_tables.rs"));
}

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/decompose.bin"));

/// Sorted keys; the parts of `keys[i]` are `chars[offsets[i]..offsets[i + 1]]`.
struct Tables {
    keys: Vec<u32>,
    offsets: Vec<u16>,
    chars: Vec<char>,
}

/// Reads one LEB128 varint (the packing `build.rs` uses for its generated tables); 0 at the end.
pub(crate) fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> u32 {
    let (mut v, mut shift) = (0u32, 0);
    for b in bytes {
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut bytes = PACKED.iter().copied();
        let mut varint = || read_varint(&mut bytes);
        let mut t = Tables {
            keys: Vec::with_capacity(tables::ENTRIES),
            offsets: Vec::with_capacity(tables::ENTRIES + 1),
            chars: Vec::with_capacity(tables::PARTS),
        };
        t.offsets.push(0);
        let mut key = 0;
        for _ in 0..tables::ENTRIES {
            key += varint();
            t.keys.push(key);
            // The count is one byte (< 128), so reading it as a varint gives the same.
            for _ in 0..varint() {
                t.chars.push(char::from_u32(varint()).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            t.offsets.push(t.chars.len() as u16);
        }
        t
    })
}

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = 21 * T_COUNT;
const S_COUNT: u32 = 19 * N_COUNT;

/// Calls `emit` with each character of the full canonical decomposition of `c` (`c` itself when it
/// has none), like `unicode_normalization::char::decompose_canonical`.
#[inline]
pub fn decompose_canonical(c: char, mut emit: impl FnMut(char)) {
    let u = c as u32;
    if u < 0xC0 {
        return emit(c);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&u) {
        let s = u - S_BASE;
        let part = |x: u32| char::from_u32(x).unwrap_or(c);
        emit(part(L_BASE + s / N_COUNT));
        emit(part(V_BASE + (s % N_COUNT) / T_COUNT));
        if s % T_COUNT != 0 {
            emit(part(T_BASE + s % T_COUNT));
        }
        return;
    }
    let t = tables();
    match t.keys.binary_search(&u) {
        Ok(i) => {
            for &d in &t.chars[t.offsets[i] as usize..t.offsets[i + 1] as usize] {
                emit(d);
            }
        }
        Err(_) => emit(c),
    }
}
