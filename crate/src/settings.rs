//! What the user (and, above them, the organisation's policy) has chosen. The extension merges
//! policy over user settings over defaults and hands the checker the result.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::{Category, Severity};
use crate::lang::Lang;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    /// Language of messages, `why` and suggestions.
    pub ui_lang: Option<Lang>,
    /// Language of the draft, when the caller knows it. Without it the checker works it out.
    pub lang_hint: Option<Lang>,
    /// Categories switched off. Everything else is on.
    pub disabled_categories: Vec<Category>,
    /// Rule ids switched off.
    pub disabled_rules: Vec<String>,
    /// Rule id -> severity.
    pub severity_overrides: BTreeMap<String, Severity>,
    /// Terms that are never flagged: the clinic's own phone numbers, emails, addresses, staff
    /// names. Compared ignoring case, spacing and punctuation.
    pub allow_list: Vec<String>,
    /// The user's private client list, as salted hashes only (see `clients`).
    pub clients: Option<ClientHashes>,
    /// The organisation's own terms and patterns (e.g. its record-number format, ward names).
    pub custom_rules: Vec<CustomRule>,
    /// The hospital's chosen level on the Danish five-level scale (1-5). Levels 1-2 treat any
    /// public reply about one person's care strictly; 3-4 allow general dialogue.
    pub communication_level: Option<u8>,
    /// Where the draft will be posted: "x", "facebook", "instagram", "linkedin".
    pub platform: Option<String>,
}

/// Salted SHA-256 hashes of the canonical forms of client names and handles
/// (see `clients::canonical_forms`). The engine never sees a name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClientHashes {
    pub salt: String,
    /// Lowercase hex digests.
    pub hashes: Vec<String>,
}

/// A term list or a regular expression the organisation wants flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomRule {
    pub id: String,
    pub category: Category,
    #[serde(default = "default_custom_severity")]
    pub severity: Severity,
    /// Literal terms, matched case-insensitively on word boundaries.
    #[serde(default)]
    pub terms: Vec<String>,
    /// A regular expression in `regex-lite` syntax (the Rust `regex` syntax without Unicode
    /// classes: no look-around, no `\p{..}`; `\w`, `\d`, `\s`, `\b` and `(?i)` are ASCII-only, so
    /// spell out accented letters, e.g. `[Öö]`). An invalid pattern is reported as a settings
    /// problem and the rest of the settings still apply.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Shown as is, whatever the UI language.
    pub message: String,
}

fn default_custom_severity() -> Severity {
    Severity::Warning
}

impl Settings {
    pub fn ui_lang(&self) -> Lang {
        self.ui_lang.unwrap_or(Lang::En)
    }

    pub fn category_enabled(&self, category: Category) -> bool {
        !self.disabled_categories.contains(&category)
    }
}
