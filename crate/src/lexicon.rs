//! Term matching over folded text with Aho-Corasick.
//!
//! A term is matched on word boundaries after folding (case and diacritics ignored). Syntax:
//! - `word` / `two words`: exact words; spaces in a term match any run of spaces.
//! - `stem*`: the last word may continue (inflection): `pacjent*` matches "pacjentka", "pacjentów".
//!   So may an inner word: `zmęczeni* przewlekł*` matches "zmęczenia przewlekłego".
//! - `*head`: the term ends a longer word, a compound's head: `*tanter` matches
//!   "fibromyalgitanter" but not "tanter" alone. The match covers the whole word.
//! - `*` alone is not allowed, and a term is at least two characters.
//!
//! Matching is lenient one way only: a draft typed without diacritics ("pacjentow", "sevgili")
//! matches terms written with them, but where the draft carries one of the letters that are letters
//! of their own (å ä ö æ ø ı ü), the term must have it too: Swedish "höra" does not match "hora",
//! Turkish "sık" does not match "sik".

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::automaton::StateID;
use aho_corasick::{Anchored, MatchKind};

use crate::text::{fold, fold_char, is_marked_letter, is_word_char, Folded};

#[derive(Debug, Clone)]
struct TermInfo {
    /// Index of the term in the caller's list (which group/label it belongs to).
    tag: usize,
    prefix: bool,
    /// A leading `*`: the term must end a longer word (`*tanter`).
    head: bool,
    /// The term as written (lowercase, single spaces), to compare marked letters against.
    written: Vec<char>,
    /// A literal byte pattern reported as found, without the word-boundary and letter checks
    /// (`TermSet::with_raw`).
    raw: bool,
    /// The words after an inner `word*` (folded, a trailing `*` kept): the automaton finds the
    /// first words, and these must follow, each after a space, where that word ends.
    more: Vec<String>,
}

/// A compiled set of terms. Cheap to query; built once per checker.
#[derive(Debug, Clone)]
pub struct TermSet {
    matcher: Option<DFA>,
    infos: Vec<TermInfo>,
}

/// One match, in folded byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    pub tag: usize,
    pub start: usize,
    pub end: usize,
}

impl TermSet {
    /// Builds a set from `(tag, term)` pairs. Terms are folded here, so data may be written with
    /// its natural spelling.
    pub fn new<S: AsRef<str>>(terms: impl IntoIterator<Item = (usize, S)>) -> TermSet {
        TermSet::with_raw(terms, std::iter::empty::<(usize, &str)>())
    }

    /// `new`, plus literal patterns (`(tag, pattern)`, matched as given, anywhere) that `scan_all`
    /// reports apart, so that other matchers can share the one scan.
    pub fn with_raw<S: AsRef<str>, R: AsRef<str>>(
        terms: impl IntoIterator<Item = (usize, S)>,
        raw: impl IntoIterator<Item = (usize, R)>,
    ) -> TermSet {
        let mut patterns = Vec::new();
        let mut infos = Vec::new();
        for (tag, raw) in terms {
            if let Some((pattern, info)) = term(tag, raw.as_ref()) {
                patterns.push(pattern);
                infos.push(info);
            }
        }
        for (tag, pattern) in raw {
            let pattern = pattern.as_ref();
            if pattern.is_empty() {
                continue;
            }
            patterns.push(pattern.to_string());
            infos.push(TermInfo { tag, prefix: false, head: false, written: Vec::new(), raw: true, more: Vec::new() });
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            dfa(&patterns)
        };
        TermSet { matcher, infos }
    }

    pub fn is_empty(&self) -> bool {
        self.matcher.is_none()
    }

    /// All matches in `folded`, on word boundaries, with prefix terms extended to the end of their
    /// word. Overlapping matches are all returned, in order of start.
    pub fn find_all(&self, folded: &Folded) -> Vec<TermMatch> {
        let mut out = Vec::new();
        self.scan(folded, |m| out.push(m));
        sort_dedup(&mut out);
        out
    }

    /// Every match of `find_all`, in the order the automaton reports them (by end, then by the
    /// automaton's match order), before sorting and removing duplicates. Lets one scan serve
    /// several consumers of a combined set (`rules::RuleBook`): each sorts its own share with
    /// `sort_dedup` and gets exactly what a set of its own would have found.
    pub fn scan(&self, folded: &Folded, found: impl FnMut(TermMatch)) {
        self.scan_all(folded, found, |_| {});
    }

    /// `scan`, and the matches of the raw patterns (`with_raw`) to `raw_found`, also in the
    /// automaton's order.
    pub fn scan_all(&self, folded: &Folded, mut found: impl FnMut(TermMatch), mut raw_found: impl FnMut(TermMatch)) {
        let Some(matcher) = &self.matcher else { return };
        let hay = folded.text.as_str();
        overlapping_in_lanes(matcher, hay.as_bytes(), &mut |pattern, s, e| {
            let info = &self.infos[pattern];
            if info.raw {
                raw_found(TermMatch { tag: info.tag, start: s, end: e });
                return;
            }
            let (head_at, mut e) = (s, e);
            // A compound's head starts inside a word; any other term at a word's start.
            let s = if info.head {
                match compound_start(hay, s) {
                    Some(start) => start,
                    None => return,
                }
            } else if boundary_before(hay, s) {
                s
            } else {
                return;
            };
            if info.prefix {
                e = extend_word(hay, e);
            } else if !boundary_after(hay, e) {
                return;
            }
            let (os, oe) = folded.to_original(head_at, e);
            if !marked_letters_agree(folded.original.get(os..oe).unwrap_or(""), &info.written) {
                return;
            }
            if !info.more.is_empty() {
                let Some(end) = words_follow(hay, e, &info.more) else { return };
                e = end;
            }
            found(TermMatch { tag: info.tag, start: s, end: e });
        });
    }

    /// Heap bytes held by the automaton.
    pub fn memory_usage(&self) -> usize {
        self.matcher.as_ref().map_or(0, |m| m.memory_usage())
    }
}

/// An Aho-Corasick DFA (standard semantics, unanchored, byte classes, no prefilter) over
/// `patterns`. A DFA costs more memory than the library's default NFA for large sets, but one
/// table lookup per byte is several times faster to scan; `None` if it cannot be built.
pub(crate) fn dfa<P: AsRef<[u8]>>(patterns: &[P]) -> Option<DFA> {
    DFA::builder().match_kind(MatchKind::Standard).byte_classes(true).prefilter(false).build(patterns).ok()
}

/// Every match of `aut` in `hay`, overlapping ones included, as `(pattern, start, end)`: the
/// matches and the order of `AhoCorasick::find_overlapping_iter` (by end, then the automaton's
/// match order), from a plain loop over the transition table.
#[inline]
pub(crate) fn overlapping<A: Automaton>(aut: &A, hay: &[u8], mut found: impl FnMut(usize, usize, usize)) {
    overlapping_until(aut, hay, |p, s, e| {
        found(p, s, e);
        false
    });
}

/// `overlapping`, for the rule book's automaton (`TermSet::scan_all`, once per check).
///
/// A long draft is scanned in `LANES` pieces at once. One scan is a chain of dependent loads
/// (each state comes from the last), and a rule book's table is megabytes, so one chain waits on
/// memory most of the time; independent chains overlap those waits (about a fifth of a 3,000-char
/// check went to this loop, BENCHMARKS.md "Speed, session 6"). Lane `k` reports the matches that
/// end in its piece `(b_k, b_{k+1}]` and starts `max_pattern_len - 1` bytes early, so every such
/// match starts inside its scan and, from the piece's first end on, its state is the one a single
/// scan has there. The lanes' matches are reported in lane order: the single scan's order.
///
/// `found` is called through a pointer, so its body (the term checks) exists once in the WASM
/// package, not once per call site here.
fn overlapping_in_lanes(aut: &DFA, hay: &[u8], found: &mut dyn FnMut(usize, usize, usize)) {
    const LANES: usize = 4;
    let overlap = aut.max_pattern_len().saturating_sub(1);
    // Short drafts (and automata with patterns long against the draft) in one scan.
    if hay.len() < 512 || overlap * LANES * 4 > hay.len() {
        overlapping(aut, hay, found);
        return;
    }
    let Ok(start) = aut.start_state(Anchored::No) else { return };
    let bounds: [usize; LANES + 1] = std::array::from_fn(|k| hay.len() * k / LANES);
    let from: [usize; LANES] = std::array::from_fn(|k| bounds[k].saturating_sub(overlap));
    let mut sids = [start; LANES];
    // Lane 0's matches come first in the single scan's order, so they go straight to `found`;
    // the other lanes' wait in a buffer.
    let mut later: [Vec<(usize, usize, usize)>; LANES] = std::array::from_fn(|k| Vec::with_capacity(if k == 0 { 0 } else { hay.len() / LANES / 16 }));
    let mut dead = false;
    let mut reported = 0usize;
    let mut first = |p, s, e| {
        reported += 1;
        found(p, s, e);
    };
    // All lanes in step for the shortest lane's length, then each lane's rest.
    let common = (0..LANES).map(|k| bounds[k + 1] - from[k]).min().unwrap_or(0);
    'lockstep: for i in 0..common {
        if !lane_step(aut, hay, i, 0, &mut sids[0], &mut first) {
            dead = true;
            break 'lockstep;
        }
        for k in 1..LANES {
            let out = &mut later[k];
            if !lane_step(aut, hay, from[k] + i, bounds[k], &mut sids[k], &mut |p, s, e| out.push((p, s, e))) {
                dead = true;
                break 'lockstep;
            }
        }
    }
    if !dead {
        for at in common..bounds[1] {
            if !lane_step(aut, hay, at, 0, &mut sids[0], &mut first) {
                dead = true;
                break;
            }
        }
    }
    if !dead {
        'rest: for k in 1..LANES {
            let out = &mut later[k];
            for at in from[k] + common..bounds[k + 1] {
                if !lane_step(aut, hay, at, bounds[k], &mut sids[k], &mut |p, s, e| out.push((p, s, e))) {
                    dead = true;
                    break 'rest;
                }
            }
        }
    }
    if dead {
        // Lane 0's reports are the single scan's first ones: one scan reports the rest.
        let mut seen = 0usize;
        overlapping_until(aut, hay, |p, s, e| {
            seen += 1;
            if seen > reported {
                found(p, s, e);
            }
            false
        });
        return;
    }
    for lane in later {
        for (p, s, e) in lane {
            found(p, s, e);
        }
    }
}

/// One byte of an `overlapping` lane: moves `sid` over `hay[at]` and reports the matches that end
/// there if they end after `reports_after`. False at a dead state (not in an unanchored standard
/// search; the caller then falls back to one scan).
#[inline(always)]
fn lane_step(aut: &DFA, hay: &[u8], at: usize, reports_after: usize, sid: &mut StateID, report: &mut impl FnMut(usize, usize, usize)) -> bool {
    *sid = aut.next_state(Anchored::No, *sid, hay[at]);
    if aut.is_special(*sid) {
        if aut.is_dead(*sid) {
            return false;
        }
        let end = at + 1;
        if aut.is_match(*sid) && end > reports_after {
            for m in 0..aut.match_len(*sid) {
                let pid = aut.match_pattern(*sid, m);
                report(pid.as_usize(), end - aut.pattern_len(pid), end);
            }
        }
    }
    true
}

/// `overlapping`, stopping at the first match for which `found` returns true.
#[inline]
pub(crate) fn overlapping_until<A: Automaton>(aut: &A, hay: &[u8], mut found: impl FnMut(usize, usize, usize) -> bool) {
    let Ok(mut sid) = aut.start_state(Anchored::No) else { return };
    for (i, &b) in hay.iter().enumerate() {
        sid = aut.next_state(Anchored::No, sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                return;
            }
            if aut.is_match(sid) {
                let end = i + 1;
                for k in 0..aut.match_len(sid) {
                    let pid = aut.match_pattern(sid, k);
                    if found(pid.as_usize(), end - aut.pattern_len(pid), end) {
                        return;
                    }
                }
            }
        }
    }
}

/// Sorts matches by position and drops repeats, as `TermSet::find_all` returns them.
pub fn sort_dedup(matches: &mut Vec<TermMatch>) {
    crate::sort::sort_by_key(matches, |m| (m.start, m.end, 0));
    matches.dedup();
}

/// Walks the draft's piece and the term together: equal letters agree; a plain draft letter may
/// stand for the term's marked one (diacritic left out); a marked draft letter must be the term's.
/// Where the two stop lining up (æ vs "ae", a decomposed mark), the folded match is trusted.
fn marked_letters_agree(piece: &str, term: &[char]) -> bool {
    // Only a marked draft letter can disagree, and none is ASCII.
    if piece.is_ascii() {
        return true;
    }
    let mut term = term.iter();
    for x in piece.chars().flat_map(char::to_lowercase) {
        let Some(&t) = term.next() else { return true };
        if x == t {
            continue;
        }
        if is_marked_letter(x) {
            return false;
        }
        let (mut fx, mut ft) = (String::new(), String::new());
        fold_char(x, &mut fx);
        fold_char(t, &mut ft);
        if fx != ft {
            return true;
        }
    }
    true
}

/// A term's automaton pattern (its first word or words, folded) and what a match must also meet.
/// Out of line: `TermSet::new` is called from several places.
#[inline(never)]
fn term(tag: usize, raw: &str) -> Option<(String, TermInfo)> {
    let raw = raw.trim();
    let (raw, head) = match raw.strip_prefix('*') {
        Some(r) => (r, true),
        None => (raw, false),
    };
    // "a* b c*": the automaton looks for "a"; the words after an inner star must follow it.
    let (first, rest) = match raw.find('*').filter(|&i| raw.as_bytes().get(i + 1) == Some(&b' ')) {
        Some(i) => (&raw[..=i], &raw[i + 2..]),
        None => (raw, ""),
    };
    let (body, prefix) = match first.strip_suffix('*') {
        Some(b) => (b, true),
        None => (first, false),
    };
    let folded = normalize_spaces(&fold(body));
    if folded.chars().count() < 2 {
        return None;
    }
    let written = normalize_spaces(&crate::text::lowercase(body)).chars().collect();
    let more = rest.split_whitespace().map(fold).collect();
    Some((folded, TermInfo { tag, prefix, head, written, raw: false, more }))
}

/// Where the words of an inner-star term (`TermInfo::more`) end, if they follow byte `e` of
/// `hay`, each after a space. Out of line: `scan_all`'s closure is built twice.
#[inline(never)]
fn words_follow(hay: &str, mut e: usize, more: &[String]) -> Option<usize> {
    for word in more {
        let (w, prefix) = match word.strip_suffix('*') {
            Some(w) => (w, true),
            None => (word.as_str(), false),
        };
        if hay.as_bytes().get(e) != Some(&b' ') || !hay.as_bytes()[e + 1..].starts_with(w.as_bytes()) {
            return None;
        }
        e += 1 + w.len();
        if prefix {
            e = extend_word(hay, e);
        } else if !boundary_after(hay, e) {
            return None;
        }
    }
    Some(e)
}

fn normalize_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the char starting at byte `at` (`None` at the end) is a word char. An ASCII byte is a
/// whole char, a word char when it is a letter or digit.
#[inline]
fn word_char_at(hay: &str, at: usize) -> Option<bool> {
    match hay.as_bytes().get(at) {
        None => None,
        Some(&x) if x < 0x80 => Some(x.is_ascii_alphanumeric()),
        Some(_) => hay[at..].chars().next().map(is_word_char),
    }
}

/// Whether the char ending at byte `at` (`None` at the start) is a word char.
#[inline]
fn word_char_before(hay: &str, at: usize) -> Option<bool> {
    match at.checked_sub(1).map(|i| hay.as_bytes()[i]) {
        None => None,
        Some(x) if x < 0x80 => Some(x.is_ascii_alphanumeric()),
        Some(_) => hay[..at].chars().next_back().map(is_word_char),
    }
}

fn boundary_before(hay: &str, at: usize) -> bool {
    word_char_at(hay, at) == Some(false) || word_char_before(hay, at) != Some(true)
}

fn boundary_after(hay: &str, at: usize) -> bool {
    word_char_before(hay, at) == Some(false) || word_char_at(hay, at) != Some(true)
}

/// Where the compound starts whose head begins at byte `at` ("fibromyalgi|tanter"; a hyphen may
/// join the head to an abbreviation: "KOL-|tanter"), or `None` when `at` starts a word of its own.
#[inline(never)]
fn compound_start(hay: &str, at: usize) -> Option<usize> {
    let before = &hay[..at];
    let joined = before.strip_suffix('-').unwrap_or(before);
    let start = joined.trim_end_matches(is_word_char).len();
    (start < joined.len()).then_some(start)
}

fn extend_word(hay: &str, mut at: usize) -> usize {
    for c in hay[at..].chars() {
        if !is_word_char(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched<'a>(terms: &[&'a str], text: &'a str) -> Vec<&'a str> {
        let set = TermSet::new(terms.iter().copied().enumerate());
        let folded = Folded::new(text);
        set.find_all(&folded)
            .into_iter()
            .map(|m| {
                let (s, e) = folded.to_original(m.start, m.end);
                &text[s..e]
            })
            .collect()
    }

    /// `overlapping_in_lanes` scans a long draft in lanes; it must report exactly what one scan reports,
    /// in the same order: every draft length, lane boundaries inside and next to matches,
    /// overlapping and nested patterns, and a pattern longer than a lane's piece.
    #[test]
    fn lanes_report_what_one_scan_reports() {
        let patterns = ["ab", "abc", "bcd", "abcdabcd", "d a", "a", "cab", "dd", "bcdabc ab"];
        let aut = dfa(&patterns).unwrap();
        let pieces = ["a", "b", "c", "d", " ", "ab", "abcd", "é", "\n"];
        let mut rng = crate::test_rng::XorShift(0x2545_F491_4F6C_DD1D);
        let longest = "bcdabc ab";
        for round in 0..600 {
            let len = 500 + round * 3 + rng.below(40);
            let mut hay = String::new();
            while hay.len() < len {
                hay.push_str(if rng.below(4) == 0 { pieces[rng.below(pieces.len())] } else { pieces[rng.below(5)] });
            }
            if round % 2 == 0 {
                // The longest pattern ending `d` bytes after each lane boundary (ASCII draft).
                let mut bytes: Vec<u8> = hay.bytes().map(|b| if b.is_ascii() { b } else { b'a' }).collect();
                let d = round / 2 % (longest.len() + 2);
                for k in 1..4 {
                    let end = bytes.len() * k / 4 + d;
                    bytes[end - longest.len()..end].copy_from_slice(longest.as_bytes());
                }
                hay = String::from_utf8(bytes).unwrap();
            }
            let mut one = Vec::new();
            overlapping_until(&aut, hay.as_bytes(), |p, s, e| {
                one.push((p, s, e));
                false
            });
            let mut lanes = Vec::new();
            overlapping_in_lanes(&aut, hay.as_bytes(), &mut |p, s, e| lanes.push((p, s, e)));
            assert_eq!(lanes, one, "{hay:?}");
        }
    }

    /// The definitions `boundary_before` and `boundary_after` implement with an ASCII fast path.
    fn boundary_before_by_char(hay: &str, at: usize) -> bool {
        let first = hay[at..].chars().next();
        if first.is_some_and(|c| !is_word_char(c)) {
            return true;
        }
        !hay[..at].chars().next_back().is_some_and(is_word_char)
    }

    fn boundary_after_by_char(hay: &str, at: usize) -> bool {
        let last = hay[..at].chars().next_back();
        if last.is_some_and(|c| !is_word_char(c)) {
            return true;
        }
        !hay[at..].chars().next().is_some_and(is_word_char)
    }

    #[test]
    fn boundaries_agree_with_their_char_definitions() {
        for hay in ["", "a", " ", "ab cd", "é", "aé b", "x\u{301} y", "😀a", "a😀", "1-2", "l'é", "Ł.", "×a÷"] {
            for (at, _) in hay.char_indices().chain([(hay.len(), ' ')]) {
                assert_eq!(boundary_before(hay, at), boundary_before_by_char(hay, at), "{hay:?} {at}");
                assert_eq!(boundary_after(hay, at), boundary_after_by_char(hay, at), "{hay:?} {at}");
            }
        }
    }

    #[test]
    fn matches_whole_words_only() {
        assert_eq!(matched(&["fan"], "Fan också! Fantastiskt."), vec!["Fan"]);
        assert!(matched(&["ass"], "A class act, passing by").is_empty());
    }

    #[test]
    fn prefix_terms_take_inflections_and_drafts_may_omit_diacritics() {
        assert_eq!(matched(&["pacjent*"], "Moja PACJENTKA i pacjentów"), vec!["PACJENTKA", "pacjentów"]);
        assert_eq!(matched(&["kasią"], "z Kasia"), vec!["Kasia"]);
    }

    #[test]
    fn inner_words_may_take_inflections_too() {
        let terms = &["zmęczeni* przewlekł*", "ból* pleców"];
        assert_eq!(matched(terms, "Zmęczenia przewlekłego i bólu pleców"), vec!["Zmęczenia przewlekłego", "bólu pleców"]);
        assert!(matched(terms, "zmęczenie, przewlekłe; bólu plecówek; ból").is_empty());
    }

    #[test]
    fn a_leading_star_matches_the_head_of_a_longer_word() {
        let terms = &["*tanter", "*kärring*"];
        assert_eq!(matched(terms, "Alla migräntanter och gnällkärringarna."), vec!["migräntanter", "gnällkärringarna"]);
        assert_eq!(matched(terms, "Alla KOL-tanter"), vec!["KOL-tanter"]);
        // Not the bare word, nor the head with more after it.
        assert!(matched(terms, "Tanter, kärringar, tanterna och tantersson; -tanter, x -tanter").is_empty());
    }

    #[test]
    fn letters_the_draft_carries_must_be_the_terms_letters() {
        assert!(matched(&["hora"], "Jag vill höra mer.").is_empty());
        assert_eq!(matched(&["hora"], "din HORA"), vec!["HORA"]);
        assert!(matched(&["sik*"], "Sık sık gelir.").is_empty());
        assert_eq!(matched(&["sık*"], "Sik sik gelir."), vec!["Sik", "sik"]);
        assert_eq!(matched(&["pacjentów"], "brak pacjentow"), vec!["pacjentow"]);
        assert_eq!(matched(&["médecin"], "Le MÉDECIN"), vec!["MÉDECIN"]);
        assert_eq!(matched(&["søren"], "Soeren og SØREN"), vec!["SØREN"]);
    }

    #[test]
    fn multiword_terms_and_punctuation_terms() {
        assert_eq!(matched(&["my patient"], "This is my patient, Ann."), vec!["my patient"]);
        assert_eq!(matched(&["100%"], "100% success"), vec!["100%"]);
    }
}
