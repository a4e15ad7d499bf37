//! The one result type the checker returns, and the small enums it is made of.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// What kind of risk a finding is about. Settings and policy switch whole categories on and off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ClientData,
    Tone,
    Advice,
    Claims,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::ClientData, Category::Tone, Category::Advice, Category::Claims];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ClientData => "client_data",
            Category::Tone => "tone",
            Category::Advice => "advice",
            Category::Claims => "claims",
        }
    }
}

/// How loud a finding is. `Hint`s are shown quietly and never ask before posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Hint,
    Warning,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    /// One step quieter; used when a detector is less than sure.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Critical => Severity::Warning,
            _ => Severity::Hint,
        }
    }
}

/// What the flagged piece of text is. Mirrors the span kinds of the labelled corpus, so that
/// `bedside eval` can report span recall per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Name,
    Phone,
    Email,
    NationalId,
    Mrn,
    Dob,
    Address,
    CaseDetail,
    Consent,
    Profanity,
    Insult,
    Derogatory,
    Caps,
    Exclamation,
    Emoji,
    Rant,
    Advice,
    Claim,
}

impl SpanKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpanKind::Name => "name",
            SpanKind::Phone => "phone",
            SpanKind::Email => "email",
            SpanKind::NationalId => "national_id",
            SpanKind::Mrn => "mrn",
            SpanKind::Dob => "dob",
            SpanKind::Address => "address",
            SpanKind::CaseDetail => "case_detail",
            SpanKind::Consent => "consent",
            SpanKind::Profanity => "profanity",
            SpanKind::Insult => "insult",
            SpanKind::Derogatory => "derogatory",
            SpanKind::Caps => "caps",
            SpanKind::Exclamation => "exclamation",
            SpanKind::Emoji => "emoji",
            SpanKind::Rant => "rant",
            SpanKind::Advice => "advice",
            SpanKind::Claim => "claim",
        }
    }

    /// Identifier kinds are the ones the core detectors own (issue: span recall >= 0.98).
    pub fn is_identifier(self) -> bool {
        matches!(
            self,
            SpanKind::Phone | SpanKind::Email | SpanKind::NationalId | SpanKind::Mrn | SpanKind::Dob | SpanKind::Address
        )
    }
}

/// One risky piece of a draft. `start`/`end` are UTF-8 byte offsets into the checked text
/// (end exclusive); they are converted to UTF-16 or chars only at the edges (CLI, WASM).
///
/// The texts are `Cow`s: a rule's id and texts are built into the checker, so a finding only
/// borrows them (a check builds a finding for every hit before removing duplicates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, the name of the rule's data file.
    pub rule: Cow<'static, str>,
    pub category: Category,
    pub severity: Severity,
    pub kind: SpanKind,
    pub start: usize,
    pub end: usize,
    /// In the UI language.
    pub message: Cow<'static, str>,
    /// Why this matters, citing the guidance; in the UI language.
    pub why: Cow<'static, str>,
    /// What to do instead; in the UI language.
    pub suggestion: Option<Cow<'static, str>>,
    /// A concrete replacement for the span, when the fix is mechanical (e.g. a redaction).
    pub replacement: Option<String>,
}
