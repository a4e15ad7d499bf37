//! Detectors: rule kinds that need code (validation, arithmetic, structure). A rule file names its
//! detector with `detector = "<name>"` and passes `params`; `build` turns that into a detector.
//! Each family of detectors lives in its own module and answers for its own names.

pub mod ids;
pub mod narrative;
pub mod tone;
pub mod advice;

use crate::lang::Lang;
use crate::settings::Settings;
use std::cell::OnceCell;

use crate::text::{sentences, words, Folded, Word};

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
    sentences: OnceCell<Vec<(usize, usize)>>,
    folded_sentences: OnceCell<Vec<(usize, usize)>>,
    folded_word_starts: OnceCell<Vec<usize>>,
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
    pub fn new(text: &'a str, folded: &'a Folded, words: &'a [Word<'a>], lang: Lang, settings: &'a Settings) -> Ctx<'a> {
        Ctx {
            text,
            folded,
            words,
            lang,
            settings,
            sentences: OnceCell::new(),
            folded_sentences: OnceCell::new(),
            folded_word_starts: OnceCell::new(),
            digit_runs: OnceCell::new(),
            emoji: OnceCell::new(),
            advice: OnceCell::new(),
            narrative: OnceCell::new(),
        }
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
        self.folded_word_starts.get_or_init(|| words(&self.folded.text).iter().map(|w| w.start).collect())
    }

    /// Runs of digits in the original text (empty when the draft has no digit).
    pub fn digit_runs(&self) -> &[DigitRun] {
        self.digit_runs.get_or_init(|| ids::digit_runs(self.text))
    }
}

pub trait Detector: Send + Sync {
    /// Appends what it finds to `out`. Must not panic on any text.
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>);
}

/// Builds the detector named in a rule file. `None` when no module knows the name.
pub fn build(name: &str, params: &serde_json::Value) -> Option<Result<Box<dyn Detector>, String>> {
    ids::build(name, params)
        .or_else(|| narrative::build(name, params))
        .or_else(|| tone::build(name, params))
        .or_else(|| advice::build(name, params))
}
