//! The private client list: names and handles reach the engine only as salted hashes.
//!
//! One canonicalisation serves both sides. When the user saves a client, the extension calls
//! `canonical_forms(name)` and `hash_form(salt, form)` for each form and stores only the digests.
//! When a draft is checked, the narrative detector canonicalises candidate words (and pairs of
//! words) of the draft the same way and looks their digests up. The engine never sees a name.
//!
//! Canonical form: folded (lowercase, diacritics removed, see `text::fold`), cut at an apostrophe
//! (Turkish case endings: "Ayşe'nin" -> "ayse"), a genitive `s` dropped from longer words
//! ("Sørens" -> "soren"), then trailing vowels dropped while at least three letters remain
//! ("Kasia", "Kasi", "Kasią", "Kasię" -> "kas"). Conservative: it only removes endings, so two
//! different names meet only when one is the other plus vowel or genitive endings.

use sha2::{Digest, Sha256};

use crate::text::fold;

/// Shortest stem kept; shorter words are left as they are.
const MIN_STEM: usize = 3;

/// The stem of one word (already a single word, any case).
pub fn stem_word(word: &str) -> String {
    let mut w = String::new();
    stem_word_into(word, &mut w, &mut String::new());
    w
}

/// `stem_word` into `w`, with `scratch` for the folded word: no allocation once both have room
/// (the narrative detectors stem many capitalised words per draft).
pub fn stem_word_into(word: &str, w: &mut String, scratch: &mut String) {
    scratch.clear();
    // ASCII folds to lower case, except the backtick (an apostrophe).
    if word.is_ascii() && !word.contains('`') {
        scratch.push_str(word);
        scratch.make_ascii_lowercase();
    } else {
        scratch.push_str(&fold(word));
    }
    w.clear();
    // Up to an apostrophe, letters and digits only.
    for c in scratch.chars().take_while(|&c| c != '\'') {
        if c.is_alphanumeric() {
            w.push(c);
        }
    }
    let mut n = w.chars().count();
    if n >= 5 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
        n -= 1;
    }
    while n > MIN_STEM && w.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) {
        w.pop();
        n -= 1;
    }
}

/// The canonical forms under which `name` (a client's name or handle, as the user typed it) is
/// stored: the whole name, and each of its words of three letters or more. A handle ("@jenny_r")
/// is kept whole, folded, with its `@`.
pub fn canonical_forms(name: &str) -> Vec<String> {
    let name = name.trim();
    let mut out: Vec<String> = Vec::new();
    if let Some(handle) = name.strip_prefix('@') {
        let h: String = fold(handle).chars().filter(|c| c.is_alphanumeric() || matches!(c, '_' | '.')).collect();
        let h = h.trim_end_matches('.').to_string();
        if h.len() >= 2 {
            out.push(format!("@{h}"));
        }
        return out;
    }
    let stems: Vec<String> = name
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || crate::text::is_word_char(c)))
        .filter(|w| !w.is_empty())
        .map(stem_word)
        .filter(|s| !s.is_empty())
        .collect();
    if stems.len() > 1 {
        out.push(stems.join(" "));
    }
    for s in &stems {
        if s.chars().count() >= MIN_STEM && !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// Lowercase hex SHA-256 of `salt` and `form`, the digest stored in `ClientHashes.hashes`.
pub fn hash_form(salt: &str, form: &str) -> String {
    hex(&digest(salt, form))
}

/// `hash_form` for every canonical form of `name`: what the extension stores for one client.
pub fn hash_name(salt: &str, name: &str) -> Vec<String> {
    canonical_forms(name).iter().map(|f| hash_form(salt, f)).collect()
}

pub(crate) fn digest(salt: &str, form: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update([0u8]);
    h.update(form.as_bytes());
    h.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Parses a stored digest; `None` for anything that is not 64 hex digits.
pub(crate) fn parse_hex(s: &str) -> Option<[u8; 32]> {
    let s = s.trim().as_bytes();
    if s.len() != 64 {
        return None;
    }
    let val = |c: u8| -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    };
    let mut out = [0u8; 32];
    for i in 0..32 {
        out[i] = (val(s[2 * i])? << 4) | val(s[2 * i + 1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {

    /// `stem_word_into` lowercases ASCII words itself instead of calling `fold`: the same stems.
    #[test]
    fn ascii_stems_agree_with_folding() {
        let pieces = ["a", "I", "s", "ss", "`", "'", "Ann", "e", "Y", "o", "Z", "9", "é", "İ", "Ł"];
        let mut rng = crate::test_rng::XorShift(0xD1B5_4A32_D192_ED03);
        let (mut w, mut scratch) = (String::new(), String::new());
        for _ in 0..5000 {
            let word: String = (0..1 + rng.below(6)).map(|_| pieces[rng.below(pieces.len())]).collect();
            stem_word_into(&word, &mut w, &mut scratch);
            let folded = fold(&word);
            let mut want: String = folded.chars().take_while(|&c| c != '\'').filter(|c| c.is_alphanumeric()).collect();
            let mut n = want.chars().count();
            if n >= 5 && want.ends_with('s') && !want.ends_with("ss") {
                want.pop();
                n -= 1;
            }
            while n > MIN_STEM && want.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) {
                want.pop();
                n -= 1;
            }
            assert_eq!(w, want, "{word:?}");
            assert_eq!(stem_word(&word), want, "{word:?}");
        }
    }
    use super::*;

    fn meets(stored: &str, typed: &str) -> bool {
        let a = canonical_forms(stored);
        let b = canonical_forms(typed);
        a.iter().any(|f| b.contains(f))
    }

    #[test]
    fn inflected_forms_meet() {
        assert!(meets("Kasia", "Kasi"));
        assert!(meets("Kasia", "KASIĄ"));
        assert!(meets("Kasia", "Kasię"));
        assert!(meets("Søren", "Sørens"));
        assert!(meets("Søren", "soren"));
        assert!(meets("Ayşe", "Ayşe'nin"));
        assert!(meets("Ayşe", "Ayşe’ye"));
        assert!(meets("Élodie Martin", "elodie"));
        assert!(meets("Anna", "Annas"));
    }

    #[test]
    fn unrelated_names_do_not_meet() {
        assert!(!meets("Kasia", "Kamil"));
        assert!(!meets("Søren", "Sara"));
        assert!(!meets("Ayşe", "Ahmet"));
        assert!(!meets("Anna", "Hanna"));
    }

    #[test]
    fn handles_are_kept_whole() {
        assert_eq!(canonical_forms("@Jenny_R"), vec!["@jenny_r".to_string()]);
        assert!(!meets("@jenny_r", "Jenny"));
    }

    #[test]
    fn hashes_are_salted_hex_sha256() {
        let a = hash_form("salt-1", "kas");
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, hash_form("salt-2", "kas"));
        assert_eq!(parse_hex(&a), Some(digest("salt-1", "kas")));
        assert_eq!(parse_hex("xyz"), None);
    }
}
