//! Converting byte offsets to the units callers count in, in one pass over the text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-16 code units: what JavaScript strings index by.
    #[default]
    Utf16,
    /// UTF-8 bytes: what Rust strings index by.
    Utf8,
    /// Unicode scalar values: what Python strings index by.
    Chars,
}

/// Converts byte offsets (each on a char boundary of `text`) to `unit`, in place, walking the text
/// once. Offsets may come in any order.
pub fn convert_offsets(text: &str, offsets: &mut [usize], unit: OffsetUnit) {
    if unit == OffsetUnit::Utf8 || offsets.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| (offsets[i], 0, 0));
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut counted = 0usize;
    for &i in &order {
        let target = offsets[i].min(bytes.len());
        if target > at {
            counted += units(&bytes[at..target], unit);
            at = target;
        }
        offsets[i] = counted;
    }
}

/// How many `unit`s (UTF-16 code units or chars) the whole chars of `b` make, counted by bytes:
/// every byte but a continuation byte (0b10xx_xxxx) starts a char, and a char of four bytes (lead
/// byte 0xF0 or above) is two UTF-16 units. Eight ASCII bytes at a time.
fn units(b: &[u8], unit: OffsetUnit) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            if u64::from_le_bytes(w) & HIGH == 0 {
                n += 8;
                i += 8;
                continue;
            }
        }
        let x = b[i];
        n += (x & 0xC0 != 0x80) as usize + (unit == OffsetUnit::Utf16 && x >= 0xF0) as usize;
        i += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `convert_offsets` implements by counting bytes: walk the chars.
    fn convert_by_chars(text: &str, offsets: &mut [usize], unit: OffsetUnit) {
        for o in offsets.iter_mut() {
            *o = text[..*o]
                .chars()
                .map(|c| match unit {
                    OffsetUnit::Utf16 => c.len_utf16(),
                    OffsetUnit::Chars => 1,
                    OffsetUnit::Utf8 => c.len_utf8(),
                })
                .sum();
        }
    }

    #[test]
    fn conversion_agrees_with_walking_the_chars() {
        let pieces = ["a", "bcdefghij", " ", "é", "😀", "€", "\u{301}", "\u{10FFFF}", "ąę", "\n"];
        let mut rng = crate::test_rng::XorShift(0x9E37_79B9_7F4A_7C15u64);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(30) {
                text.push_str(pieces[next(pieces.len())]);
            }
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let offs: Vec<usize> = (0..next(6)).map(|_| bounds[next(bounds.len())]).collect();
            for unit in [OffsetUnit::Utf16, OffsetUnit::Chars, OffsetUnit::Utf8] {
                let (mut fast, mut plain) = (offs.clone(), offs.clone());
                convert_offsets(&text, &mut fast, unit);
                convert_by_chars(&text, &mut plain, unit);
                assert_eq!(fast, plain, "{text:?} {offs:?} {unit:?}");
            }
        }
    }

    #[test]
    fn converts_across_astral_and_accented_chars() {
        let text = "a😀é b";
        // bytes: a=0, 😀=1..5, é=5..7, ' '=7, b=8
        let mut offs = [8, 0, 5, 1, 9];
        convert_offsets(text, &mut offs, OffsetUnit::Utf16);
        assert_eq!(offs, [5, 0, 3, 1, 6]);
        let mut offs = [8, 0, 5, 1, 9];
        convert_offsets(text, &mut offs, OffsetUnit::Chars);
        assert_eq!(offs, [4, 0, 2, 1, 5]);
    }
}
