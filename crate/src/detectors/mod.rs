//! Detectors: rule kinds that need code (validation, arithmetic, structure). A rule file names its
//! detector with `detector = "<name>"` and passes `params`; `build` turns that into a detector.
//! Each family of detectors lives in its own module and answers for its own names.

pub mod ids;
pub mod narrative;
pub mod tone;
pub mod advice;

use crate::lang::Lang;
use crate::lexicon::TermMatch;
use crate::settings::Settings;
use std::cell::OnceCell;

use crate::text::{sentences, word_starts, Folded, Word};

/// How sure a detector is. `Low` findings become hints, `Medium` ones lose a severity step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// One thing a detector found: byte offsets into the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
    /// A mechanical fix for the span (e.g. "[redacted]"), if any.
    pub replacement: Option<String>,
}

impl Hit {
    pub fn new(start: usize, end: usize, confidence: Confidence) -> Hit {
        Hit { start, end, confidence, replacement: None }
    }
}

/// Everything a detector may look at. Built once per `check()`.
///
/// Besides the draft itself, `Ctx` holds analyses that several detectors need (sentences, digit
/// runs, emoji, word starts, ...). Each is computed on first use and then shared by every rule of
/// the same check, so no detector re-scans the whole draft for them.
pub struct Ctx<'a> {
    /// The original draft.
    pub text: &'a str,
    /// Folded (lowercase, no diacritics) view with offsets back to `text`.
    pub folded: &'a Folded,
    /// Words of the original text.
    pub words: &'a [Word<'a>],
    /// The draft's language (hinted or detected).
    pub lang: Lang,
    pub settings: &'a Settings,
    /// Matches of the shared term automaton (`rules::RuleBook::match_terms`), by `Source`.
    terms: &'a [Vec<TermMatch>],
    sentences: OnceCell<Vec<(usize, usize)>>,
    folded_sentences: OnceCell<Vec<(usize, usize)>>,
    folded_word_starts: OnceCell<Vec<usize>>,
    sentence_stops: OnceCell<Vec<usize>>,
    digit_runs: OnceCell<Vec<DigitRun>>,
    /// Per-family analyses, shared by the rules of that family within one check.
    pub(crate) emoji: OnceCell<Vec<tone::Cluster>>,
    pub(crate) advice: OnceCell<advice::Found>,
    pub(crate) narrative: OnceCell<narrative::Shared>,
}

/// A run of digits joined by single separators (see `ids::digit_runs`): byte range and how many
/// digits it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigitRun {
    pub start: usize,
    pub end: usize,
    pub digits: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(
        text: &'a str,
        folded: &'a Folded,
        words: &'a [Word<'a>],
        lang: Lang,
        settings: &'a Settings,
        terms: &'a [Vec<TermMatch>],
    ) -> Ctx<'a> {
        Ctx {
            text,
            folded,
            words,
            lang,
            settings,
            terms,
            sentences: OnceCell::new(),
            folded_sentences: OnceCell::new(),
            folded_word_starts: OnceCell::new(),
            sentence_stops: OnceCell::new(),
            digit_runs: OnceCell::new(),
            emoji: OnceCell::new(),
            advice: OnceCell::new(),
            narrative: OnceCell::new(),
        }
    }

    /// The matches of `source`'s terms in this draft (folded offsets, sorted by position), from the
    /// one scan of the draft that serves the rule book and the detectors' own word lists.
    pub fn terms(&self, source: Source) -> &[TermMatch] {
        self.terms.get(source as usize).map(Vec::as_slice).unwrap_or(&[])
    }

    /// `text::sentences` of the original text.
    pub fn sentences(&self) -> &[(usize, usize)] {
        self.sentences.get_or_init(|| sentences(self.text))
    }

    /// `text::sentences` of the folded text (folded byte offsets).
    pub fn folded_sentences(&self) -> &[(usize, usize)] {
        self.folded_sentences.get_or_init(|| sentences(&self.folded.text))
    }

    /// Start offsets of the words of the folded text.
    pub fn folded_word_starts(&self) -> &[usize] {
        self.folded_word_starts.get_or_init(|| word_starts(&self.folded.text))
    }

    /// Byte offsets of every `.`, `!`, `?` and line break in the original text, in order (where
    /// the proximity rules' `same_sentence` cuts the draft).
    pub fn sentence_stops(&self) -> &[usize] {
        self.sentence_stops.get_or_init(|| sentence_stops(self.text))
    }

    /// Runs of digits in the original text (empty when the draft has no digit).
    pub fn digit_runs(&self) -> &[DigitRun] {
        self.digit_runs.get_or_init(|| ids::digit_runs(self.text))
    }
}

/// `text.match_indices(['.', '!', '?', '\n'])`'s offsets, by bytes: the four are ASCII, and no
/// byte of another char's UTF-8 form is ASCII.
fn sentence_stops(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let mut i = 0;
    loop {
        i = crate::text::next_stop(b, i, b".!?\n");
        if i >= b.len() {
            return out;
        }
        if b[i] < 0x80 {
            out.push(i);
        }
        i += 1;
    }
}

/// Who a term of the rule book's automaton belongs to. Besides the rules' own terms, the word
/// lists that detectors look for in the whole draft go into the same automaton per draft language,
/// so a check scans the draft once for all of them (`Ctx::terms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Lexicon, proximity and `unless` terms of the rules (see `rules`).
    Rules,
    /// The personal-advice lists (`advice::LIST_NAMES`), tagged by list.
    Advice,
    /// The quick-fix claim lists, tagged by list.
    QuickFix,
    /// The narrative word classes, tagged by term (`narrative` analysis).
    Narrative,
    /// The identifier detectors' keywords (`ids::Keywords`): literal patterns, not terms, in the
    /// automaton's order (not sorted), tagged by list and keyword.
    Keywords,
}

impl Source {
    pub const COUNT: usize = 5;
    /// The detectors' sources (all but `Rules`).
    pub const DETECTORS: [Source; 3] = [Source::Advice, Source::QuickFix, Source::Narrative];

    /// `(tag, term)` pairs of this source for draft language `lang`.
    pub(crate) fn terms(self, lang: Lang) -> Vec<(usize, String)> {
        match self {
            Source::Rules | Source::Keywords => Vec::new(),
            Source::Advice | Source::QuickFix => advice::source_terms(self, lang),
            Source::Narrative => narrative::source_terms(lang),
        }
    }
}

pub trait Detector: Send + Sync {
    /// Appends what it finds to `out`. Must not panic on any text.
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>);
}

/// Builds the detector named in a rule file. `None` when no module knows the name.
pub fn build(name: &str, params: &crate::rules::Params) -> Option<Result<Box<dyn Detector>, String>> {
    ids::build(name, params)
        .or_else(|| narrative::build(name, params))
        .or_else(|| tone::build(name, params))
        .or_else(|| advice::build(name, params))
}

#[cfg(test)]
#[test]
fn sentence_stops_agree_with_match_indices() {
    let pieces = ["a", ".", "!", "?", "\n", "é", "😀", "…", " ", "xyz.", "!?", "ab cd ef gh"];
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..3000 {
        let mut t = String::new();
        for _ in 0..seed % 30 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let want: Vec<usize> = t.match_indices(['.', '!', '?', '\n']).map(|(i, _)| i).collect();
        assert_eq!(sentence_stops(&t), want, "{t:?}");
    }
}
