//! Detectors: rule kinds that need code (validation, arithmetic, structure). A rule file names its
//! detector with `detector = "<name>"` and passes `params`; `build` turns that into a detector.
//! Each family of detectors lives in its own module and answers for its own names.

pub mod ids;
pub mod narrative;
pub mod tone;
pub mod advice;

use crate::lang::Lang;
use crate::settings::Settings;
use crate::text::{Folded, Word};

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
