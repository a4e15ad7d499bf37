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
    let mut next = 0;
    let mut counted = 0usize;
    let mut chars = text.char_indices().peekable();
    for &i in &order {
        let target = offsets[i];
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            counted += match unit {
                OffsetUnit::Utf16 => c.len_utf16(),
                _ => 1,
            };
            chars.next();
        }
        let _ = next;
        next = target;
        offsets[i] = counted;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
