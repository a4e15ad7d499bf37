//! Tone detectors (category `tone`): the parts of tone that words alone cannot catch.
//!
//! - `shouting`: a sentence mostly in capitals (not one emphatic word, not acronyms, hashtags or
//!   handles).
//! - `exclamation_run`: "!!!", "?!?!"; and frequent exclamation marks in a short post.
//! - `emoji`: `mode = "overload"` (several emoji in a row, or many in a short post) or
//!   `mode = "hostile"` (angry or mocking emoji such as 🤬 🙄 🤡).
//! - `obfuscated_profanity`: words of the draft language's profanity lexicon written with digits,
//!   symbols, `*`/`.` wildcards or stretched letters ("f*ck", "sh1t", "k*rwa", "p0pierdolony",
//!   "fuuuck", "a$$").
//!
//! All state is built once in `build`; every detector is one pass over the draft.

use super::{Confidence, Ctx, Detector, Hit};
use crate::lang::Lang;
use crate::text::{fold_char, words};

pub fn build(name: &str, params: &crate::rules::Params) -> Option<Result<Box<dyn Detector>, String>> {
    match name {
        "shouting" => Some(Ok(Box::new(Shouting))),
        "exclamation_run" => Some(Ok(Box::new(ExclamationRun))),
        "emoji" => Some(match params.get("mode").and_then(|m| m.as_str()) {
            Some("overload") => Ok(Box::new(Emoji { hostile: false }) as Box<dyn Detector>),
            Some("hostile") => Ok(Box::new(Emoji { hostile: true }) as Box<dyn Detector>),
            other => Err(format!("emoji: mode must be \"overload\" or \"hostile\", not {other:?}")),
        }),
        "obfuscated_profanity" => Some(ObfuscatedProfanity::build(params).map(|d| Box::new(d) as Box<dyn Detector>)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Shouting

/// Capitalised words that are names of things, not shouting (acronyms of five letters or more;
/// shorter all-caps words never count as shouting on their own).
const ACRONYMS: &[&str] = &[
    "covid", "adhd", "copd", "hcpc", "iapt", "nice", "gdpr", "bmj", "lgbt", "lgbtq", "unicef", "amatem", "yedam",
    "mhrs", "cpap", "ecmo", "nhsx", "aids", "ptsd", "nsaid", "nsaids", "hpv", "mrsa", "sars", "mers", "bvc", "bup",
    "who", "ceo", "faq", "asap", "rsvp", "nato", "ssri", "ssris", "snri", "mmr", "bcg", "dtap", "tdap", "ivf", "hiv",
    "hrt", "tens", "epds", "phq", "gad", "audit", "stat", "icd", "dsm", "npsa", "cqc", "nmc", "gmc", "rcn", "bma",
    "sfr", "ivo", "ehpad", "samu", "smur", "cpam", "ameli", "doctolib", "apec", "fhi", "sst", "iva", "region",
];

struct Shouting;

/// At least `n` upper-case letters in `s` (ASCII ones counted without decoding).
fn has_capitals(s: &str, n: usize) -> bool {
    let b = s.as_bytes();
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let (mut seen, mut i) = (0, 0);
    while i < b.len() {
        // Eight ASCII bytes at once: a lane is A-Z when adding 0x3F sets its top bit and adding
        // 0x25 does not (no lane is above 0x7F, so nothing carries into the next lane).
        if i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            let w = u64::from_le_bytes(w);
            if w & HIGH == 0 {
                let upper = w.wrapping_add(ONES * 0x3F) & !w.wrapping_add(ONES * 0x25) & HIGH;
                seen += upper.count_ones() as usize;
                if seen >= n {
                    return true;
                }
                i += 8;
                continue;
            }
        }
        let x = b[i];
        let (upper, len) = if x < 0x80 {
            (x.is_ascii_uppercase(), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_uppercase(), c.len_utf8())
        };
        if upper {
            seen += 1;
            if seen >= n {
                return true;
            }
        }
        i += len;
    }
    false
}

#[cfg(test)]
#[test]
fn has_capitals_agrees_with_counting_chars() {
    let pieces = ["AB", "c", "ÉÀ", "ü", " ", "Z", "@[", "`{", "İ", "ß", "0", "Ω", "\n", "MRN", "qq"];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        let mut t = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        for k in 0..(seed % 30) {
            t.push_str(pieces[((seed >> (k % 50)) % pieces.len() as u64) as usize]);
        }
        let count = t.chars().filter(|c| c.is_uppercase()).count();
        for n in 1..8 {
            assert_eq!(has_capitals(&t, n), count >= n, "{t:?} {n}");
        }
    }
}

fn is_acronym(word: &str) -> bool {
    let lower = crate::text::lowercase(word);
    ACRONYMS.contains(&lower.as_str())
}

impl Detector for Shouting {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        for &(s, e) in ctx.sentences() {
            let sentence = &text[s..e];
            // Quick reject: a shouted sentence has at least six capitals.
            if !has_capitals(sentence, 6) {
                continue;
            }
            let mut total = 0usize;
            let mut caps = 0usize;
            let mut long_caps = 0usize;
            let mut first: Option<usize> = None;
            let mut last = 0usize;
            for w in words(sentence) {
                // Hashtags and handles are names, not sentences.
                let before = sentence[..w.start].chars().next_back();
                if matches!(before, Some('#') | Some('@')) {
                    continue;
                }
                let (mut upper, mut lower) = (0usize, 0usize);
                for c in w.text.chars() {
                    if c.is_uppercase() {
                        upper += 1;
                    } else if c.is_lowercase() {
                        lower += 1;
                    }
                }
                if upper + lower < 2 {
                    continue;
                }
                total += 1;
                if lower == 0 {
                    caps += 1;
                    if upper >= 4 && !is_acronym(w.text) {
                        long_caps += 1;
                    }
                    if first.is_none() {
                        first = Some(s + w.start);
                    }
                    last = s + w.end;
                }
            }
            let Some(first) = first else { continue };
            let mostly = caps * 10 >= total * 6;
            let loud_end = sentence.trim_end().ends_with('!');
            if mostly && ((caps >= 3 && long_caps >= 2) || (caps >= 2 && long_caps >= 1 && loud_end)) {
                out.push(Hit::new(first, last, Confidence::High));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Exclamation marks

struct ExclamationRun;

impl Detector for ExclamationRun {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        let mut run_start: Option<usize> = None;
        let mut run_len = 0usize;
        let mut bangs = 0usize;
        let mut total_bangs = 0usize;
        let mut runs = 0usize;
        let flush = |start: Option<usize>, len: usize, bangs: usize, end: usize, out: &mut Vec<Hit>, runs: &mut usize| {
            if let Some(s) = start {
                if len >= 3 && bangs >= 1 {
                    out.push(Hit::new(s, end, Confidence::High));
                    *runs += 1;
                }
            }
        };
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            // Plain ASCII outside a run of marks: nothing to do.
            if run_start.is_none() && x < 0x80 && x != b'!' && x != b'?' {
                i = crate::text::next_stop(b, i, b"!?");
                continue;
            }
            let c = if x < 0x80 { x as char } else { text[i..].chars().next().unwrap_or(' ') };
            let at = i;
            i += c.len_utf8();
            let is_bang = matches!(c, '!' | '！' | '¡');
            if is_bang || matches!(c, '?' | '？' | '¿') {
                if run_start.is_none() {
                    run_start = Some(at);
                    run_len = 0;
                    bangs = 0;
                }
                run_len += 1;
                if is_bang {
                    bangs += 1;
                    total_bangs += 1;
                }
            } else {
                flush(run_start.take(), run_len, bangs, at, out, &mut runs);
            }
        }
        flush(run_start.take(), run_len, bangs, text.len(), out, &mut runs);
        // Frequent single exclamation marks in a short post: a quieter hint.
        if runs == 0 && total_bangs >= 5 {
            let chars = text.chars().count();
            if chars / total_bangs < 40 {
                if let Some(i) = text.find('!') {
                    out.push(Hit::new(i, i + 1, Confidence::Low));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Emoji

struct Emoji {
    hostile: bool,
}

/// Pictographic characters that start an emoji.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1F5FF | 0x1F600..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1F9FF | 0x1FA70..=0x1FAFF
        | 0x2600..=0x26FF | 0x2700..=0x27BF | 0x2B50 | 0x2B55 | 0x1F1E6..=0x1F1FF)
}

/// Characters that continue the emoji before them (variation selector, skin tones, ZWJ sequences).
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}

/// Angry or mocking emoji (High) and exasperated ones (Medium).
fn hostility(c: char) -> Option<Confidence> {
    match c {
        '🤬' | '😡' | '😠' | '🖕' | '🤡' | '🙄' | '💩' | '🤮' | '👎' => Some(Confidence::High),
        '🤦' | '😒' => Some(Confidence::Medium),
        _ => None,
    }
}

/// One emoji as the reader sees it: byte range and its first pictograph.
pub(crate) struct Cluster {
    start: usize,
    end: usize,
    base: char,
    /// First visible thing on its line (a bullet or a heading icon).
    line_start: bool,
}

fn clusters(text: &str) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    let mut after_zwj = false;
    let mut line_blank = true;
    let b = text.as_bytes();
    let mut next = 0;
    while next < b.len() {
        let i = next;
        let x = b[i];
        // ASCII is never part of an emoji: a whole run at a time. After it, the line is blank
        // when nothing but whitespace follows the run's last line break (or, without one, when
        // it was blank before and the run is all whitespace).
        if x < 0x80 {
            let end = crate::text::next_stop(b, i, b"");
            let run = &b[i..end];
            let tail = match run.iter().rposition(|&y| y == b'\n') {
                Some(nl) => {
                    line_blank = true;
                    &run[nl + 1..]
                }
                None => run,
            };
            // `char::is_whitespace` for ASCII.
            if line_blank && !tail.iter().all(|&y| matches!(y, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')) {
                line_blank = false;
            }
            after_zwj = false;
            next = end;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        next += c.len_utf8();
        if is_emoji_modifier(c) {
            if let Some(last) = out.last_mut() {
                if last.end == i {
                    last.end = i + c.len_utf8();
                }
            }
            after_zwj = c == '\u{200D}';
            continue;
        }
        if is_pictograph(c) || (after_zwj && (c == '♀' || c == '♂')) {
            let joined = after_zwj && out.last().is_some_and(|l| l.end == i);
            // Regional indicators come in pairs (flags).
            let flag_pair = (0x1F1E6..=0x1F1FF).contains(&(c as u32))
                && out.last().is_some_and(|l| l.end == i && (0x1F1E6..=0x1F1FF).contains(&(l.base as u32)) && l.end - l.start == 4);
            if joined || flag_pair {
                if let Some(last) = out.last_mut() {
                    last.end = i + c.len_utf8();
                }
            } else {
                out.push(Cluster { start: i, end: i + c.len_utf8(), base: c, line_start: line_blank });
            }
            line_blank = false;
            after_zwj = false;
            continue;
        }
        after_zwj = false;
        if !c.is_whitespace() {
            line_blank = false;
        }
    }
    out
}

impl Detector for Emoji {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        // Quick reject: emoji are all at U+2600 or above (three or four UTF-8 bytes, lead byte >= 0xE2).
        if !text.bytes().any(|b| b >= 0xE2) {
            return;
        }
        let cs = ctx.emoji.get_or_init(|| clusters(text));
        if cs.is_empty() {
            return;
        }
        if self.hostile {
            for c in cs {
                if let Some(conf) = hostility(c.base) {
                    out.push(Hit::new(c.start, c.end, conf));
                }
            }
            return;
        }
        // Runs: emoji with nothing but spaces between them.
        let mut run_start = 0usize;
        let mut flagged_any = false;
        for i in 1..=cs.len() {
            let continues = i < cs.len() && text[cs[i - 1].end..cs[i].start].chars().all(|c| c == ' ' || c == '\u{a0}');
            if !continues {
                if i - run_start >= 3 {
                    out.push(Hit::new(cs[run_start].start, cs[i - 1].end, Confidence::High));
                    flagged_any = true;
                }
                run_start = i;
            }
        }
        if flagged_any {
            return;
        }
        // Many emoji in a short post (bullets and heading icons at the start of a line don't count).
        let inline: Vec<&Cluster> = cs.iter().filter(|c| !c.line_start).collect();
        let chars = text.chars().count();
        if inline.len() >= 5 && chars / inline.len() < 30 {
            let (s, e) = (inline[0].start, inline[inline.len() - 1].end);
            out.push(Hit::new(s, e, Confidence::High));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Obfuscated profanity

/// A single-word profanity term, folded: letters to compare, and whether it is a stem (`kurw*`).
struct Term {
    letters: Vec<char>,
    prefix: bool,
}

struct ObfuscatedProfanity {
    per_lang: Vec<Vec<Term>>,
}

impl ObfuscatedProfanity {
    fn build(params: &crate::rules::Params) -> Result<ObfuscatedProfanity, String> {
        let name = params.get("lexicon").and_then(|v| v.as_str()).ok_or("obfuscated_profanity: params.lexicon is required")?;
        let lexicons = crate::rules::spec::lexicons();
        let mut per_lang = Vec::new();
        for lang in Lang::ALL {
            let key = format!("{}/{}", lang.code(), name);
            let list = lexicons.get(&key).ok_or_else(|| format!("obfuscated_profanity: unknown lexicon {key}"))?;
            let mut terms = Vec::new();
            for raw in list {
                let raw = raw.trim();
                let (body, prefix) = match raw.strip_suffix('*') {
                    Some(b) => (b, true),
                    None => (raw, false),
                };
                if body.contains(' ') {
                    continue;
                }
                let mut folded = String::new();
                for c in body.chars() {
                    fold_char(c, &mut folded);
                }
                let letters: Vec<char> = folded.chars().collect();
                if letters.len() >= 3 && letters.iter().all(|c| c.is_alphabetic()) {
                    terms.push(Term { letters, prefix });
                }
            }
            per_lang.push(terms);
        }
        Ok(ObfuscatedProfanity { per_lang })
    }
}

/// A token character: letters, digits and the symbols people hide letters behind. The plain
/// definition that `token_class` is tested against.
#[cfg(test)]
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '*' | '$' | '@' | '!' | '.' | '€' | '#' | '+')
}

/// One position of an obfuscated token: a letter, or a wildcard (`*`, `.`, `#`).
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Letter(char),
    Any,
}

fn slot_of(c: char) -> Option<Slot> {
    Some(match c {
        '0' => Slot::Letter('o'),
        '1' | '!' => Slot::Letter('i'),
        '3' | '€' => Slot::Letter('e'),
        '4' | '@' => Slot::Letter('a'),
        '5' | '$' => Slot::Letter('s'),
        '7' | '+' => Slot::Letter('t'),
        '8' => Slot::Letter('b'),
        '9' => Slot::Letter('g'),
        '*' | '.' | '#' => Slot::Any,
        c if c.is_ascii_alphabetic() => Slot::Letter(c.to_ascii_lowercase()),
        c if c.is_alphabetic() => {
            let mut s = String::new();
            fold_char(c, &mut s);
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(f), None) => Slot::Letter(f),
                _ => return None,
            }
        }
        _ => return None,
    })
}

fn matches_term(slots: &[Slot], term: &Term) -> bool {
    let n = term.letters.len();
    if slots.len() < n || (!term.prefix && slots.len() != n) {
        return false;
    }
    if term.prefix && slots[n..].iter().any(|s| *s == Slot::Any) && slots.len() > n + 4 {
        return false;
    }
    slots.iter().zip(term.letters.iter()).all(|(s, t)| match s {
        Slot::Any => true,
        Slot::Letter(l) => l == t,
    })
}

/// Runs of three or more identical letters collapsed to `keep` copies.
fn collapse(slots: &[Slot], keep: usize) -> Vec<Slot> {
    let mut out: Vec<Slot> = Vec::with_capacity(slots.len());
    let mut i = 0;
    while i < slots.len() {
        let mut j = i + 1;
        while j < slots.len() && slots[j] == slots[i] && slots[i] != Slot::Any {
            j += 1;
        }
        let n = if j - i >= 3 { keep } else { j - i };
        out.extend(std::iter::repeat(slots[i]).take(n));
        i = j;
    }
    out
}

impl Detector for ObfuscatedProfanity {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let terms = &self.per_lang[ctx.lang.index()];
        if terms.is_empty() {
            return;
        }
        let text = ctx.text;
        for_each_suspect_token(text, |s, e| {
            if let Some((ts, te)) = self.check_token(text, s, e, terms) {
                out.push(Hit::new(ts, te, Confidence::High));
            }
        });
    }
}

/// Whether `c` is a token char, and whether it is a letter (ASCII by table, no decoding).
/// (Not inlined in WASM, where each of its call sites would cost package size.)
#[cfg_attr(not(target_arch = "wasm32"), inline)]
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn token_class(c: char) -> (bool, bool) {
    if c.is_ascii() {
        let class = TOKEN_CLASS_ALL[c as usize];
        (class != NOT_TOKEN, class == LETTER)
    } else if ('\u{C0}'..='\u{17F}').contains(&c) {
        // Latin-1 and Latin Extended-A: all letters but × and ÷ (no Unicode table lookup).
        let letter = c != '×' && c != '÷';
        (letter, letter)
    } else {
        let letter = c.is_alphabetic();
        // `is_token_char` with the letter test done once.
        (letter || c.is_numeric() || c == '€', letter)
    }
}

/// Whether a token could be a disguise at all: it holds a token char that is not a letter (a digit
/// or a symbol), or three equal letters in a row. `check_token` rejects every other token (a
/// plain word is the lexicon rule's job).
fn is_suspect(token: &str) -> bool {
    let (mut prev, mut run) = ('\0', 0usize);
    for c in token.chars() {
        if !token_class(c).1 {
            return true;
        }
        if c == prev {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            (prev, run) = (c, 1);
        }
    }
    false
}

/// For eight bytes from `i` (fewer at the end of `b`): 0x80 in each lane where a suspect token
/// may be, a superset: a byte 0x80 or above (any non-ASCII char), an ASCII byte from `!` to `@`
/// (all digits and symbols `TOKEN_CLASS` counts, plus other punctuation), or the first of three
/// equal bytes. A plain lower-case word between spaces flags nothing. `x + (0x80 - lo)` has its
/// top bit set exactly when `x >= lo` for a lane below 0x80; a lane of `v` is zero where
/// `(v - 0x01..) & !v` sets its top bit, and a false positive only ever sits above a real zero
/// lane, which keeps the result a superset.
#[inline]
fn suspect_lanes(b: &[u8], i: usize) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    if i + 10 > b.len() {
        // The last bytes: every lane is a candidate.
        let n = b.len() - i;
        return if n >= 8 { HIGH } else { HIGH & ((1u64 << (8 * n)) - 1) };
    }
    let load = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let (w, w1, w2) = (load(i), load(i + 1), load(i + 2));
    let high = w & HIGH;
    // Only lanes below 0x80 in the range test: the high ones are flagged already.
    let low = w & !HIGH;
    let punct = low.wrapping_add(ONES * (0x80 - 0x21)) & !low.wrapping_add(ONES * (0x80 - 0x41)) & HIGH;
    let v = (w ^ w1) | (w ^ w2);
    let triple = v.wrapping_sub(ONES) & !v & HIGH;
    high | punct | triple
}

/// Calls `f(start, end)` for each token of `text` (a maximal run of token chars: letters,
/// digits and the symbols of `is_token_char`) that `is_suspect`, in order. Only tokens around a
/// byte `suspect_lanes` flags are looked at: every suspect token has one (a non-letter token
/// char is a byte from `!` to `@` or a non-ASCII char; three equal letters are three equal
/// bytes or non-ASCII).
fn for_each_suspect_token(text: &str, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    // Everything before `done` has been looked at; it is always a char boundary.
    let mut done = 0;
    let mut block = 0;
    while block < b.len() {
        let mut lanes = suspect_lanes(b, block);
        while lanes != 0 {
            let at = block + lanes.trailing_zeros() as usize / 8;
            lanes &= lanes - 1;
            if at < done {
                continue;
            }
            let x = b[at];
            if x < 0x80 && TOKEN_CLASS_ALL[x as usize] == NOT_TOKEN {
                done = at + 1;
                continue;
            }
            let c = text[at..].chars().next().unwrap_or(' ');
            if !token_class(c).0 {
                done = at + c.len_utf8();
                continue;
            }
            // The token around `at`: back to the char after a non-token char, on to the next one.
            let mut start = at;
            while let Some(p) = text[..start].chars().next_back() {
                if !token_class(p).0 {
                    break;
                }
                start -= p.len_utf8();
            }
            let mut end = at;
            for c in text[at..].chars() {
                if !token_class(c).0 {
                    break;
                }
                end += c.len_utf8();
            }
            if is_suspect(&text[start..end]) {
                f(start, end);
            }
            done = end;
        }
        block += 8;
    }
}

/// What an ASCII byte is to `ObfuscatedProfanity`'s tokens: not part of one, a letter, or another
/// token character (a digit or a symbol letters hide behind; see `is_token_char`).
const NOT_TOKEN: u8 = 0;
const LETTER: u8 = 1;
const OTHER_TOKEN: u8 = 2;
const TOKEN_CLASS: [u8; 128] = {
    let mut t = [NOT_TOKEN; 128];
    let mut i = 0;
    while i < 128 {
        let x = i as u8;
        t[i] = if x.is_ascii_alphabetic() {
            LETTER
        } else if x.is_ascii_digit() || matches!(x, b'*' | b'$' | b'@' | b'!' | b'.' | b'#' | b'+') {
            OTHER_TOKEN
        } else {
            NOT_TOKEN
        };
        i += 1;
    }
    t
};

/// `TOKEN_CLASS` for every byte, `NON_ASCII` for 0x80.., so the tight loops above need one
/// lookup per byte and no separate `< 0x80` test.
const NON_ASCII: u8 = 3;
static TOKEN_CLASS_ALL: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = TOKEN_CLASS[i];
        i += 1;
    }
    t
};

impl ObfuscatedProfanity {
    /// The span of an obfuscated profanity within `text[s..e]`, if it is one.
    fn check_token(&self, text: &str, s: usize, e: usize, terms: &[Term]) -> Option<(usize, usize)> {
        let raw = &text[s..e];
        if raw.len() > 40 || raw.starts_with('@') || raw.starts_with('#') || (raw.contains('@') && raw.contains('.')) {
            return None;
        }
        // Sentence punctuation at the ends is not part of the word.
        let ends: &[char] = &['.', '!', '#', '+'];
        let mut lo = raw.len() - raw.trim_start_matches(ends).len();
        let mut hi = raw.trim_end_matches(ends).len().max(lo);
        // `*emphasis*` and a single footnote star are not wildcards.
        if hi - lo > 2 && raw[lo..hi].starts_with('*') && raw[lo..hi].ends_with('*') {
            lo += 1;
            hi -= 1;
        }
        if raw[lo..hi].ends_with('*') && !raw[lo..hi - 1].contains(['*', '.']) && raw[lo..hi].chars().count() > 4 {
            hi -= 1;
        }
        let body = &raw[lo..hi];
        // Cheap test first: most tokens are plain words, which are the lexicon rule's job.
        let mut disguise_chars = false;
        let mut stretched_run = false;
        let (mut prev, mut run) = ('\0', 0usize);
        for c in body.chars() {
            if !c.is_alphabetic() {
                disguise_chars = true;
                break;
            }
            if c == prev {
                run += 1;
                if run >= 3 {
                    stretched_run = true;
                    break;
                }
            } else {
                prev = c;
                run = 1;
            }
        }
        if !disguise_chars && !stretched_run {
            return None;
        }
        let offset = s + lo;
        let letters = body.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            return None;
        }
        let mut slots = Vec::with_capacity(body.len());
        let mut disguised = false;
        let mut dots = false;
        for c in body.chars() {
            let slot = slot_of(c)?;
            if !c.is_alphabetic() {
                disguised = true;
                if c == '.' {
                    dots = true;
                }
            }
            slots.push(slot);
        }
        let known = slots.iter().filter(|s| **s != Slot::Any).count();
        let wild = slots.len() - known;
        let stretched = slots.windows(3).any(|w| w[0] == w[1] && w[1] == w[2] && w[0] != Slot::Any);
        if !disguised && !stretched {
            return None; // plain words are the lexicon rule's job
        }
        if known < 2 || wild > known || (dots && known < 3) || (letters < 2 && !body.contains('$')) {
            return None;
        }
        // Digits only count as letters inside a word that has letters on both sides or mostly letters.
        let digits = body.chars().filter(|c| c.is_ascii_digit()).count();
        if digits > letters {
            return None;
        }
        let variants: Vec<Vec<Slot>> = if stretched { vec![collapse(&slots, 1), collapse(&slots, 2)] } else { vec![slots] };
        for v in &variants {
            if terms.iter().any(|t| matches_term(v, t)) {
                return Some((offset, offset + body.len()));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_join_zwj_sequences_and_skin_tones() {
        let cs = clusters("ok 🤦\u{200d}♀️🤦🏽\u{200d}♂️ 👍🏻");
        assert_eq!(cs.len(), 3);
        assert!(cs.iter().all(|c| !c.line_start));
        let cs = clusters("➡️ one\n➡️ two");
        assert_eq!(cs.len(), 2);
        assert!(cs.iter().all(|c| c.line_start));
    }

    /// The plain definition `for_each_suspect_token` implements: every maximal run of token chars,
    /// char by char, kept when `is_suspect`.
    fn suspect_tokens_by_char(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if is_token_char(c) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push((s, i));
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out.retain(|&(s, e)| is_suspect(&text[s..e]));
        out
    }

    #[test]
    fn suspect_tokens_agree_with_their_definition() {
        let pieces = [
            "a", "b", "f", "F", "aa", "aaa", "ck", " ", "  ", "   ", ",", "-", "'", "\n", "*", "$", "@", "!", ".", "#", "+", "€", "0",
            "1", "9", ":", "?", "[", "`", "~", "é", "éé", "Ł", "😀", "\u{a0}", "٣", "½", "’", "sh1t", "f**k", "word. ", "fuuuck",
        ];
        let mut rng = crate::test_rng::XorShift(0x9E37_79B9_7F4A_7C15u64);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..20000 {
            let mut t = String::new();
            for _ in 0..next(50) {
                t.push_str(pieces[next(pieces.len())]);
            }
            let mut got = Vec::new();
            for_each_suspect_token(&t, |s, e| got.push((s, e)));
            assert_eq!(got, suspect_tokens_by_char(&t), "{t:?}");
        }
    }

    #[test]
    fn token_class_agrees_with_its_definition() {
        for c in ('\0'..='\u{2FF}').chain(['€', '😀', '٣', '½', 'Ω', '\u{301}', '’', '\u{a0}']) {
            assert_eq!(token_class(c), (is_token_char(c), c.is_alphabetic()), "{c:?}");
        }
    }

    #[test]
    fn collapse_keeps_short_runs() {
        let s: Vec<Slot> = "fuuuck".chars().map(Slot::Letter).collect();
        let c: String = collapse(&s, 1).iter().map(|s| if let Slot::Letter(l) = s { *l } else { '?' }).collect();
        assert_eq!(c, "fuck");
        let s: Vec<Slot> = "ass".chars().map(Slot::Letter).collect();
        assert_eq!(collapse(&s, 1).len(), 3);
    }
}
