//! A folded view of the draft for matching: lowercase, without diacritics, with a map back to the
//! original byte offsets. "Kasią", "KASIA" and "kasia" all fold to "kasia"; Turkish dotless ı and
//! dotted İ fold to i.

use crate::decompose::decompose_canonical;

/// Folds one character into `out`. Returns nothing; may push zero, one or more chars.
pub fn fold_char(c: char, out: &mut String) {
    match c {
        'ı' | 'İ' | 'I' => out.push('i'),
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ß' => out.push_str("ss"),
        'đ' | 'Đ' => out.push('d'),
        // Typographic apostrophes and dashes fold to their ASCII forms so lexicons need one spelling.
        '’' | 'ʼ' | '‘' | '`' => out.push('\''),
        '‐' | '‑' | '–' | '—' => out.push('-'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            let mut any = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    any = true;
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                }
            });
            if !any && !is_combining_mark(c) {
                // Nothing left but marks (or a lone combining mark on its own): keep nothing.
            }
        }
    }
}

/// Length of the leading run of ASCII that folds to its own lowercase, byte for byte: everything
/// but '`', the one ASCII char `fold_char` maps to another. `fold` and `Folded::new` copy such a
/// run whole.
fn ascii_run(b: &[u8]) -> usize {
    next_stop(b, 0, b"`")
}

/// The first index at or after `i` whose byte is 0x80 or above or one of `stops` (`b.len()` if
/// none). Eight bytes at a time: a word holds such a byte when its top bit is set in some lane,
/// or when XOR with a stop zeroes some lane (`(v - 0x01..) & !v & 0x80..` is non-zero exactly
/// when some lane of `v` is zero); the first such byte is then found one byte at a time.
/// (Not inlined in WASM, where its five call sites would each cost package size.)
#[cfg_attr(not(target_arch = "wasm32"), inline)]
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub(crate) fn next_stop(b: &[u8], mut i: usize, stops: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(w);
        let mut hit = w & HIGH;
        for &s in stops {
            let v = w ^ (ONES * s as u64);
            hit |= v.wrapping_sub(ONES) & !v & HIGH;
        }
        if hit != 0 {
            break;
        }
        i += 8;
    }
    while i < b.len() {
        let x = b[i];
        if x >= 0x80 || stops.contains(&x) {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// Lower case, char by char. Not `str::to_lowercase`: its special cases (a Greek final sigma)
/// matter to no term here, and it is 4 KB of WASM of its own.
pub fn lowercase(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Folds a whole string (used for lexicon terms and allow-list entries).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let run = ascii_run(&b[i..]);
        if run > 0 {
            let before = out.len();
            out.push_str(&s[i..i + run]);
            out.as_mut_str()[before..].make_ascii_lowercase();
            i += run;
            if i >= b.len() {
                break;
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        fold_char(c, &mut out);
        i += c.len_utf8();
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The folded text plus, for every folded byte, the original byte range of the char it came from.
pub struct Folded {
    pub text: String,
    /// The text as written, for checks that need the letters folding removed (see lexicon.rs).
    pub original: String,
    orig_start: Vec<u32>,
    orig_end: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut orig_start = Vec::with_capacity(original.len());
        let mut orig_end = Vec::with_capacity(original.len());
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Most of a draft is ASCII: one byte in, one byte out, a whole run at a time.
            let run = ascii_run(&bytes[i..]);
            if run > 0 {
                let before = text.len();
                text.push_str(&original[i..i + run]);
                text.as_mut_str()[before..].make_ascii_lowercase();
                orig_start.extend(i as u32..(i + run) as u32);
                orig_end.extend(i as u32 + 1..(i + run) as u32 + 1);
                i += run;
                if i >= bytes.len() {
                    break;
                }
            }
            let c = original[i..].chars().next().unwrap_or(' ');
            let before = text.len();
            fold_char(c, &mut text);
            let end = (i + c.len_utf8()) as u32;
            for _ in before..text.len() {
                orig_start.push(i as u32);
                orig_end.push(end);
            }
            i += c.len_utf8();
        }
        Folded { text, original: original.to_string(), orig_start, orig_end }
    }

    /// Maps a folded byte range `[start, end)` back to the original text's byte range.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.orig_start.is_empty() || start >= end {
            let p = self.orig_start.get(start).copied().unwrap_or_else(|| self.orig_end.last().copied().unwrap_or(0));
            return (p as usize, p as usize);
        }
        let s = self.orig_start[start.min(self.orig_start.len() - 1)] as usize;
        let e = self.orig_end[(end - 1).min(self.orig_end.len() - 1)] as usize;
        (s, e)
    }
}

/// True for a vowel letter that is a different letter, not an accented one, in the languages that
/// have it: Swedish/Danish å ä ö æ ø, Turkish ı ö ü. Swedish "höra" is not "hora" and Turkish "sık"
/// is not "sik", so these must match exactly. Other marks (é, ç, ł, ą) stay lenient: lexicons write
/// stems like Turkish "sonuc*" for sonuç/sonucu on purpose.
pub fn is_marked_letter(c: char) -> bool {
    matches!(c, 'å' | 'ä' | 'ö' | 'æ' | 'ø' | 'ı' | 'ü' | 'Å' | 'Ä' | 'Ö' | 'Æ' | 'Ø' | 'Ü')
}

/// True for characters that make up words (letters, digits, marks, and the apostrophe inside
/// French and English words is handled by callers).
#[inline]
pub fn is_word_char(c: char) -> bool {
    // Latin-1 letters and Latin Extended-A (the accented letters of the six languages) without
    // the Unicode table lookup: all of U+00C0..=U+017F are letters except × and ÷.
    if ('\u{C0}'..='\u{17F}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A word of the original text: byte range and the text itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The char at byte `i` of `text` (a char boundary) and its length; ASCII without decoding.
#[inline(always)]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// Eight ASCII bytes (one per lane, none 0x80 or above) to a mask with 0x80 in the lanes that
/// hold a letter or digit. `x + (0x80 - lo)` has its top bit set exactly when `x >= lo`; no lane
/// exceeds 0x7F, so no sum carries into the next lane. `x | 0x20` lowercases A-Z and maps no
/// other byte into a-z.
#[inline(always)]
fn ascii_alnum_lanes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let at_least = |v: u64, lo: u8| v.wrapping_add(ONES * (0x80 - lo as u64));
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let lower = x | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    (digit | letter) & HIGH
}

/// Calls `f(start, end)` for each word of `text` (maximal runs of word characters), in order.
/// Eight ASCII bytes at a time: a word starts or ends where a lane's letter-or-digit state differs
/// from the lane before it (for the first lane, from the state carried in); other chars one at a
/// time.
#[inline]
fn for_each_word(text: &str, mut f: impl FnMut(usize, usize)) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut start = usize::MAX;
    let mut i = 0;
    while i < b.len() {
        if i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            let w = u64::from_le_bytes(w);
            // Lanes before the first non-ASCII byte (all eight when there is none).
            let ascii_lanes = (w & HIGH).trailing_zeros() as usize / 8;
            if ascii_lanes > 0 {
                let word = ascii_alnum_lanes(w);
                let carried = if start != usize::MAX { 0x80 } else { 0 };
                let mut edges = (word ^ ((word << 8) | carried)) & HIGH;
                if ascii_lanes < 8 {
                    edges &= (1u64 << (8 * ascii_lanes)) - 1;
                }
                while edges != 0 {
                    let at = i + edges.trailing_zeros() as usize / 8;
                    if start == usize::MAX {
                        start = at;
                    } else {
                        f(start, at);
                        start = usize::MAX;
                    }
                    edges &= edges - 1;
                }
                i += ascii_lanes;
                continue;
            }
        }
        let x = b[i];
        let (word, len) = if x < 0x80 {
            (x.is_ascii_alphanumeric(), 1)
        } else {
            let (c, len) = char_at(text, i);
            (is_word_char(c), len)
        };
        if word {
            if start == usize::MAX {
                start = i;
            }
        } else if start != usize::MAX {
            f(start, i);
            start = usize::MAX;
        }
        i += len;
    }
    if start != usize::MAX {
        f(start, text.len());
    }
}

/// Splits `text` into words (maximal runs of word characters).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    for_each_word(text, |s, e| out.push(Word { start: s, end: e, text: &text[s..e] }));
    out
}

/// Start offsets of the words of `text` (see `words`). In WASM read off `words`, so that the
/// package holds one copy of the word splitter.
#[cfg(target_arch = "wasm32")]
pub fn word_starts(text: &str) -> Vec<usize> {
    words(text).iter().map(|w| w.start).collect()
}

/// Start offsets of the words of `text` (see `words`).
#[cfg(not(target_arch = "wasm32"))]
pub fn word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    for_each_word(text, |s, _| out.push(s));
    out
}

/// Byte ranges of sentences: split after `.`, `!`, `?`, `…` followed by whitespace, and at line
/// breaks. Good enough for windows and scopes; not a linguistic segmenter.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    let mut prev_terminal = false;
    let mut i = 0;
    while i < b.len() {
        // Plain ASCII that neither ends a sentence nor follows an end: nothing to do.
        if !prev_terminal {
            i = next_stop(b, i, b"\n.!?");
            if i >= b.len() {
                break;
            }
        }
        let (c, len) = char_at(text, i);
        if c == '\n' {
            if start < i {
                out.push((start, i));
            }
            start = i + 1;
            prev_terminal = false;
            i += len;
            continue;
        }
        if prev_terminal && c.is_whitespace() {
            out.push((start, i));
            start = i;
        }
        prev_terminal = matches!(c, '.' | '!' | '?' | '…');
        i += len;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stop_agrees_with_a_byte_scan() {
        // Fixed-seed random byte strings (ASCII-heavy, some high bytes, the stops themselves),
        // every start offset, with no, one and four stops.
        let mut rng = crate::test_rng::XorShift(0x9E37_79B9_7F4A_7C15u64);
        let mut next = || rng.next_u64();
        let alphabet = b"ab .!?\n`\x00\x01\x7f\x80\xc3\xff ABZ09";
        for _ in 0..2000 {
            let len = (next() % 40) as usize;
            let b: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            for i in 0..=len {
                let scan = |stops: &[u8]| b[i..].iter().position(|&x| x >= 0x80 || stops.contains(&x)).map_or(len, |o| i + o);
                assert_eq!(super::next_stop(&b, i, b""), scan(&[]), "{b:?} from {i}");
                assert_eq!(super::next_stop(&b, i, b"`"), scan(b"`"), "{b:?} from {i}");
                assert_eq!(super::next_stop(&b, i, b"\n.!?"), scan(b"\n.!?"), "{b:?} from {i}");
                assert_eq!(super::next_stop(&b, i, &[0u8]), scan(&[0]), "{b:?} from {i}");
            }
        }
    }

    use super::*;

    #[test]
    fn folds_case_and_diacritics_across_languages() {
        assert_eq!(fold("Kasią"), "kasia");
        assert_eq!(fold("İSTANBUL ılık"), "istanbul ilik");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Søren Ærø"), "soren aero");
        assert_eq!(fold("Élodie"), "elodie");
    }

    #[test]
    fn maps_folded_ranges_back_to_original_bytes() {
        let original = "Hej Kasią 😀 Ærø!";
        let f = Folded::new(original);
        let at = f.text.find("kasia").unwrap();
        let (s, e) = f.to_original(at, at + 5);
        assert_eq!(&original[s..e], "Kasią");
        let at = f.text.find("aero").unwrap();
        let (s, e) = f.to_original(at, at + 4);
        assert_eq!(&original[s..e], "Ærø");
    }

    /// The char-by-char definitions that `words` and `sentences` implement with an ASCII fast path.
    fn words_by_char(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push((s, i));
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    fn sentences_by_char(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let (mut start, mut prev_terminal) = (0, false);
        for (i, c) in text.char_indices() {
            if c == '\n' {
                if start < i {
                    out.push((start, i));
                }
                start = i + 1;
                prev_terminal = false;
                continue;
            }
            if prev_terminal && c.is_whitespace() {
                out.push((start, i));
                start = i;
            }
            prev_terminal = matches!(c, '.' | '!' | '?' | '…');
        }
        if start < text.len() {
            out.push((start, text.len()));
        }
        out
    }

    #[test]
    fn words_and_sentences_agree_with_their_char_by_char_definitions() {
        let drafts = [
            "",
            "One. Two!  Three?\nFour… five.\u{a0}Six.\u{2003}Seven.\u{b}Eight",
            "Kasia\u{0328} i Łódź: 12,5 mg?! 😡😡 #tag @handle_x e-mail",
            "Ayşe'nin İSTANBUL… ılık!!! ¿Qué? ！ end.",
            "trailing word",
            "…\n\n. ! ?",
        ];
        for d in drafts {
            let w: Vec<(usize, usize)> = words(d).iter().map(|w| (w.start, w.end)).collect();
            assert_eq!(w, words_by_char(d), "words of {d:?}");
            assert!(words(d).iter().all(|w| w.text == &d[w.start..w.end]));
            assert_eq!(word_starts(d), w.iter().map(|x| x.0).collect::<Vec<_>>(), "word starts of {d:?}");
            assert_eq!(sentences(d), sentences_by_char(d), "sentences of {d:?}");
        }
    }

    #[test]
    fn words_agree_with_their_definition_on_random_text() {
        // Fixed-seed strings over ASCII letters, digits, the bytes around the alphanumeric ranges
        // ('/', ':', '@', '[', '`', '{'), spaces and non-ASCII word and non-word chars, long enough
        // to cross several eight-byte blocks.
        let alphabet = ["a", "Z", "0", "9", "/", ":", "@", "[", "`", "{", " ", "\n", ".", "é", "Ł", "\u{301}", "😀", "\u{a0}", "×", "’", "ab", "Xyz", "12"];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..5000 {
            let mut d = String::new();
            for _ in 0..next(40) {
                d.push_str(alphabet[next(alphabet.len())]);
            }
            let w: Vec<(usize, usize)> = words(&d).iter().map(|w| (w.start, w.end)).collect();
            assert_eq!(w, words_by_char(&d), "words of {d:?}");
            assert_eq!(word_starts(&d), w.iter().map(|x| x.0).collect::<Vec<_>>(), "word starts of {d:?}");
        }
        for b in 0u8..0x80 {
            let d = format!("{0}{0}{0}{0}a{0}b{0}{0}{0}", b as char);
            let w: Vec<(usize, usize)> = words(&d).iter().map(|w| (w.start, w.end)).collect();
            assert_eq!(w, words_by_char(&d), "words of {d:?}");
        }
    }

    #[test]
    fn fold_agrees_with_fold_char() {
        let drafts = ["", "Plain ASCII `quoted` TEXT", "İSTANBUL ılık Łódź Søren Ærø Straße œuvre", "a\u{301}´`’‘–—😀 \u{a0}x", "ÉLODIE`"];
        for d in drafts {
            let mut by_char = String::new();
            for c in d.chars() {
                fold_char(c, &mut by_char);
            }
            assert_eq!(fold(d), by_char, "{d:?}");
        }
    }

    #[test]
    fn word_chars_fast_path_agrees_with_unicode() {
        for c in ('\0'..='\u{2FF}').chain(['\u{1E9E}', 'Ω', '٣', '\u{301}']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn decomposed_marks_fold_away() {
        let original = "Kasia\u{0328}";
        assert_eq!(fold(original), "kasia");
        let f = Folded::new(original);
        assert_eq!(f.to_original(0, 5), (0, 5));
    }
}
