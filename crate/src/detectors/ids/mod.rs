//! Identifier detectors (category `client_data`): national ID numbers with real validation,
//! patients' phone numbers and emails, record numbers, dates of birth and home addresses.
//!
//! Every detector follows the same steps, in the manner of Presidio and Purview: a pattern finds
//! candidates, validation (checksums, dates, numbering plans) rejects look-alikes, context words
//! within a window raise or lower the score, and the result is a `Confidence`. Regular expressions
//! are compiled once, in `build`; context is only read around candidates, which are rare, so a
//! check stays linear and cheap.

mod contact;
mod national;
mod personal;

use super::{Ctx, Detector, DigitRun, Source};
use crate::lang::Lang;
use crate::text::fold;

pub fn build(name: &str, params: &crate::rules::Params) -> Option<Result<Box<dyn Detector>, String>> {
    match name {
        "national_id" => Some(national::NationalId::build(params).map(|d| Box::new(d) as Box<dyn Detector>)),
        "patient_phone" => Some(Ok(Box::new(contact::Phone::new()))),
        "patient_email" => Some(Ok(Box::new(contact::Email::new()))),
        "record_number" => Some(Ok(Box::new(personal::RecordNumber::new()))),
        "date_of_birth" => Some(Ok(Box::new(personal::DateOfBirth::new()))),
        "home_address" => Some(Ok(Box::new(personal::HomeAddress::new()))),
        _ => None,
    }
}

/// The redaction offered as a fix, in the UI language.
pub(crate) fn redacted(ui: Lang) -> String {
    match ui {
        Lang::En => "[redacted]",
        Lang::Sv => "[borttaget]",
        Lang::Pl => "[usunięto]",
        Lang::Fr => "[masqué]",
        Lang::Da => "[fjernet]",
        Lang::Tr => "[gizlendi]",
    }
    .to_string()
}

/// Largest char boundary `<= i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary `>= i`.
pub(crate) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Folded text of up to `before` bytes before `start` and `after` bytes after `end`, with a
/// separator standing in for the span itself. Optionally stops at line breaks.
pub(crate) fn context(text: &str, start: usize, end: usize, before: usize, after: usize, same_line: bool) -> String {
    let mut lo = floor_boundary(text, start.saturating_sub(before));
    let mut hi = ceil_boundary(text, end.saturating_add(after));
    if same_line {
        if let Some(i) = text[lo..start].rfind('\n') {
            lo += i + 1;
        }
        if let Some(i) = text[end..hi].find('\n') {
            hi = end + i;
        }
    }
    let mut out = String::with_capacity(hi - lo + 3);
    out.push(' ');
    out.push_str(&fold(&text[lo..start]));
    out.push_str(" \u{1} ");
    out.push_str(&fold(&text[end..hi]));
    out.push(' ');
    out
}

/// The part of a `context` string before the span.
pub(crate) fn before_part(ctx: &str) -> &str {
    ctx.split('\u{1}').next().unwrap_or("")
}

#[allow(dead_code)]
/// True if `hay` (folded) contains `term` (folded) on word boundaries. A trailing `*` lets the
/// word continue; terms that end in punctuation ("f.", "ur.") need no boundary after them.
pub(crate) fn has_term(hay: &str, term: &str) -> bool {
    let (body, prefix) = match term.strip_suffix('*') {
        Some(b) => (b, true),
        None => (term, false),
    };
    if body.is_empty() {
        return false;
    }
    let needs_after = !prefix && body.chars().last().is_some_and(|c| c.is_alphanumeric());
    let needs_before = body.chars().next().is_some_and(|c| c.is_alphanumeric());
    for (i, _) in hay.match_indices(body) {
        let ok_before = !needs_before || !hay[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric());
        let ok_after = !needs_after || !hay[i + body.len()..].chars().next().is_some_and(|c| c.is_alphanumeric());
        if ok_before && ok_after {
            return true;
        }
    }
    false
}

/// True if `hay` (folded) contains any of `terms` (separated by `|`: one string per list, not a
/// slice of strings, for WASM size) on word boundaries (see `has_term`). Each list is compiled once
/// into an Aho-Corasick automaton, so a check scans the window once per list.
pub(crate) fn has_any(hay: &str, terms: &'static str) -> bool {
    compiled(terms).any(hay)
}

pub(crate) struct TermList {
    ac: aho_corasick::dfa::DFA,
    /// Per term: needs a boundary before, after.
    bounds: Vec<(bool, bool)>,
}

impl TermList {
    fn new(terms: &str) -> TermList {
        let mut pats = Vec::new();
        let mut bounds = Vec::new();
        for t in terms.split('|') {
            let (body, prefix) = match t.strip_suffix('*') {
                Some(b) => (b, true),
                None => (t, false),
            };
            if body.is_empty() {
                continue;
            }
            pats.push(body);
            bounds.push((
                body.chars().next().is_some_and(|c| c.is_alphanumeric()),
                !prefix && body.chars().last().is_some_and(|c| c.is_alphanumeric()),
            ));
        }
        let ac = crate::lexicon::dfa(&pats).expect("term automaton");
        TermList { ac, bounds }
    }

    fn any(&self, hay: &str) -> bool {
        let mut any = false;
        crate::lexicon::overlapping_until(&self.ac, hay.as_bytes(), |p, s, e| {
            let (b, a) = self.bounds[p];
            any = (!b || !hay[..s].chars().next_back().is_some_and(|c| c.is_alphanumeric()))
                && (!a || !hay[e..].chars().next().is_some_and(|c| c.is_alphanumeric()));
            any
        });
        any
    }
}

/// The compiled automaton for a static term list, built on first use.
fn compiled(terms: &'static str) -> &'static TermList {
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<Vec<(usize, usize, &'static TermList)>>> = OnceLock::new();
    let key = (terms.as_ptr() as usize, terms.len());
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let mut guard = match cache.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(&(_, _, list)) = guard.iter().find(|(p, n, _)| (*p, *n) == key) {
        return list;
    }
    let list: &'static TermList = Box::leak(Box::new(TermList::new(terms)));
    guard.push((key.0, key.1, list));
    list
}

/// Leap year in the Gregorian calendar.
pub(crate) fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// A real calendar date. `year` None means "some year": 29 February is allowed.
#[inline(never)]
pub(crate) fn valid_date(year: Option<u32>, month: u32, day: u32) -> bool {
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => return false,
    };
    (1..=max).contains(&day)
}

/// Digits of an ASCII string as numbers (non-digits skipped).
#[inline(never)]
pub(crate) fn digits(s: &str) -> Vec<u32> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| (b - b'0') as u32).collect()
}

pub(crate) fn num(d: &[u32]) -> u32 {
    d.iter().fold(0, |acc, &x| acc * 10 + x)
}

/// True when the span `[s, e)` is not glued to more digits or number punctuation ("12-345/22",
/// "v1.2.3"), so that a piece of a longer number is not read as an identifier.
pub(crate) fn isolated(text: &str, s: usize, e: usize) -> bool {
    let before = &text[..s];
    let after = &text[e..];
    let mut b = before.chars().rev();
    match b.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => return false,
        Some(c) if matches!(c, '-' | '/' | '.' | ',' | '+' | ':') => {
            if b.next().is_some_and(|c| c.is_ascii_digit()) {
                return false;
            }
        }
        _ => {}
    }
    let mut a = after.chars();
    match a.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => return false,
        Some(c) if matches!(c, '-' | '/' | '.' | ',' | ':') => {
            if a.next().is_some_and(|c| c.is_ascii_digit()) {
                return false;
            }
        }
        _ => {}
    }
    true
}

/// Words that say a number is an order, invoice, company or bank number, not a person's.
pub(crate) const NOT_A_PERSON: &str = concat!(
    // en
    "order|order no|order number|invoice|ref|reference|tracking|parcel|account|company no|",
    "company number|vat|isbn|doi|pmid|ticket|booking ref|case ref|",
    // sv
    "ordernummer|ordernr|bestallning*|faktura*|referens*|org.nr|orgnr|org nr|org. nr|",
    "organisationsnummer|bankgiro|plusgiro|kolli|kundnummer|kundnr|momsnr|ocr|",
    // pl
    "zamowienie*|zamowienia|nip|regon|krs|konto|rachunek|przesylka*|numer zamowienia|",
    // fr
    "commande|facture|siret|siren|tva|colis|suivi|rcs|",
    // da
    "ordre|ordrenummer|ordrenr|bestilling*|cvr|cvr-nr|cvr nr|se-nr|kontonummer|reg.nr|",
    // tr
    "siparis*|fatura*|vergi|vergi no|kargo|takip|iban|mersis|",
);

/// Keywords that must occur near a match (street types, "born", "MRN", ...). Expensive patterns
/// then run only in small windows around them, which keeps a check linear and cheap however long
/// the draft is. The keywords are not looked for on their own: every list goes into the rule
/// book's automaton as raw patterns (`Source::Keywords`), so the one scan of the draft finds them.
pub(crate) struct Keywords {
    /// Index of this list in the registry (`keyword_patterns`).
    id: usize,
    /// Per keyword: needs a word boundary before, after.
    bounds: Vec<(bool, bool)>,
}

/// Keyword lists by id, each once (lists with the same keywords share an id).
static KEYWORD_LISTS: std::sync::Mutex<Vec<Vec<String>>> = std::sync::Mutex::new(Vec::new());

/// Keywords per list, at most this many: a tag is `id * KEYWORD_SLOTS + index`.
const KEYWORD_SLOTS: usize = 1 << 16;

/// `(tag, keyword)` for every keyword list built so far, for the rule book's automaton. Detectors
/// are built before it, so their lists are all here.
pub(crate) fn keyword_patterns() -> Vec<(usize, String)> {
    let lists = KEYWORD_LISTS.lock().unwrap_or_else(|p| p.into_inner());
    lists.iter().enumerate().flat_map(|(id, l)| l.iter().enumerate().map(move |(i, k)| (id * KEYWORD_SLOTS + i, k.clone()))).collect()
}

impl Keywords {
    /// `terms`: folded keyword, boundary needed before, boundary needed after.
    pub(crate) fn new(terms: &[(&str, bool, bool)]) -> Keywords {
        let words: Vec<String> = terms.iter().take(KEYWORD_SLOTS).map(|t| t.0.to_string()).collect();
        let mut lists = KEYWORD_LISTS.lock().unwrap_or_else(|p| p.into_inner());
        let id = match lists.iter().position(|l| *l == words) {
            Some(id) => id,
            None => {
                lists.push(words);
                lists.len() - 1
            }
        };
        Keywords { id, bounds: terms.iter().map(|t| (t.1, t.2)).collect() }
    }

    /// Merged windows of the original text: `back` bytes before and `fwd` bytes after each hit.
    pub(crate) fn windows(&self, ctx: &Ctx, back: usize, fwd: usize) -> Vec<(usize, usize)> {
        let (folded, text) = (ctx.folded, ctx.text);
        let hay = folded.text.as_str();
        let mut out: Vec<(usize, usize)> = Vec::new();
        let (lo_tag, hi_tag) = (self.id * KEYWORD_SLOTS, (self.id + 1) * KEYWORD_SLOTS);
        // In the automaton's order (by end), as a scan for this list alone would report them.
        for m in ctx.terms(Source::Keywords).iter().filter(|m| (lo_tag..hi_tag).contains(&m.tag)) {
            let (ms, me) = (m.start, m.end);
            let Some(&(b, a)) = self.bounds.get(m.tag - lo_tag) else { continue };
            if b && hay[..ms].chars().next_back().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            if a && hay[me..].chars().next().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let (s, e) = folded.to_original(ms, me);
            let lo = floor_boundary(text, s.saturating_sub(back));
            let hi = ceil_boundary(text, e.saturating_add(fwd));
            match out.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        out
    }
}

/// Runs of digits joined by single separators (space, no-break space, `.`, `-`, `+`, `(`, `)`, `/`,
/// and the letters of Corsican NIR departments), found in one pass. Computed once per check
/// (`Ctx::digit_runs`) and shared by every identifier rule.
pub(crate) fn digit_runs(text: &str) -> Vec<DigitRun> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Digits are rare in prose: jump from one to the next eight bytes at a time.
    while let Some(start) = crate::pattern::next_digit(b, i) {
        i = start;
        let mut count = 0;
        let mut end = i;
        while i < b.len() {
            if b[i].is_ascii_digit() {
                count += 1;
                i += 1;
                end = i;
            } else {
                let sep = if b[i] == 0xC2 && b.get(i + 1) == Some(&0xA0) { 2 } else if matches!(b[i], b' ' | b'.' | b'-' | b'+' | b'(' | b')' | b'/' | b'A' | b'B' | b'a' | b'b') { 1 } else { 0 };
                // Allow "(0) " and ") " style double separators.
                let mut j = i + sep;
                if sep > 0 && j < b.len() && matches!(b[j], b' ' | b'(' | b')') {
                    j += 1;
                }
                if sep > 0 && j < b.len() && b[j].is_ascii_digit() {
                    i = j;
                } else {
                    break;
                }
            }
        }
        out.push(DigitRun { start, end, digits: count });
        if i == start {
            i += 1;
        }
    }
    out
}

/// Windows around the runs of at least `min_digits` digits, with `pad` bytes either side, merged
/// where they touch.
pub(crate) fn digit_windows(text: &str, runs: &[DigitRun], min_digits: usize, pad: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for r in runs.iter().filter(|r| r.digits >= min_digits) {
        let lo = floor_boundary(text, r.start.saturating_sub(pad));
        let hi = ceil_boundary(text, r.end + pad);
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixed-seed drafts of digits, separators, letters and multi-byte characters.
    pub(crate) fn digit_drafts() -> Vec<String> {
        const PIECES: &[&str] = &[
            "0", "1", "7", "42", "2024", "19540612", " ", "  ", ".", "-", "+", "(", ")", "(0) ", ") ", "/", "\u{a0}", "a", "B",
            "2A", "x", "é", "😀", "\n", ":", ",", "MRN ", "tel. ", "ł", "\u{301}",
        ];
        let mut rng = crate::test_rng::XorShift(0x9E37_79B9_7F4A_7C15u64);
        let mut next = || rng.next_u64();
        (0..3000)
            .map(|_| {
                let n = (next() % 40) as usize;
                (0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect()
            })
            .collect()
    }

    /// `digit_runs` as first written: one byte at a time.
    fn digit_runs_bytewise(text: &str) -> Vec<DigitRun> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let (mut count, mut end) = (0, i);
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    count += 1;
                    i += 1;
                    end = i;
                } else {
                    let sep = if b[i] == 0xC2 && b.get(i + 1) == Some(&0xA0) { 2 } else if matches!(b[i], b' ' | b'.' | b'-' | b'+' | b'(' | b')' | b'/' | b'A' | b'B' | b'a' | b'b') { 1 } else { 0 };
                    let mut j = i + sep;
                    if sep > 0 && j < b.len() && matches!(b[j], b' ' | b'(' | b')') {
                        j += 1;
                    }
                    if sep > 0 && j < b.len() && b[j].is_ascii_digit() {
                        i = j;
                    } else {
                        break;
                    }
                }
            }
            out.push(DigitRun { start, end, digits: count });
            if i == start {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn digit_runs_agree_with_a_byte_scan() {
        for d in digit_drafts() {
            assert_eq!(digit_runs(&d), digit_runs_bytewise(&d), "{d:?}");
        }
    }
}
