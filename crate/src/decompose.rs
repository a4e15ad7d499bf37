//! Canonical Unicode decomposition (what `text::fold` strips diacritics with), from a table that
//! `build.rs` takes from `unicode-normalization` at build time. The crate itself is not linked:
//! its perfect-hash tables were ~34 KB of the WASM package, these sorted ones compress better
//! (issue 2: the package must stay under 300 KB gzipped). `crate/tests/pattern.rs` checks every
//! character against the crate.

mod tables {
    include!(concat!(env!("OUT_DIR"), "/decompose_tables.rs"));
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
    match tables::KEYS.binary_search(&u) {
        Ok(i) => {
            for &d in &tables::CHARS[tables::OFFSETS[i] as usize..tables::OFFSETS[i + 1] as usize] {
                emit(d);
            }
        }
        Err(_) => emit(c),
    }
}
