//! The shape of a rule data file (`crate/rules/<category>/<id>.toml`). `build.rs` finds the files
//! and embeds them as one JSON document; this module reads that document. The document leaves out
//! the rules' `examples`: only the tests read those, from the TOML files ([`RuleExamples`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::{Category, Severity, SpanKind};
use crate::lang::Lang;

/// Text in each of the six UI languages.
pub type Texts = BTreeMap<Lang, String>;

// Unknown top-level keys are rejected by build.rs (serde cannot deny them next to `flatten`).
#[derive(Debug, Clone, Deserialize)]
pub struct RuleSpec {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub span_kind: SpanKind,
    #[serde(flatten)]
    pub kind: RuleKind,
    /// Draft languages the rule applies to; all six when absent.
    #[serde(default)]
    pub languages: Option<Vec<Lang>>,
    pub message: Texts,
    pub why: Texts,
    #[serde(default)]
    pub suggestion: Option<Texts>,
    /// Terms that, near a hit, silence it or make it quieter (e.g. a stated written consent).
    #[serde(default)]
    pub unless: Option<Unless>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    /// Fires on every match of any term.
    Lexicon { terms: Terms },
    /// Fires where one term of every group occurs within `window` words of each other.
    Proximity {
        groups: Vec<Terms>,
        window: usize,
        #[serde(default)]
        same_sentence: bool,
    },
    /// Fires where the named detector (code in `crate/src/detectors/`) finds something.
    Detector {
        detector: String,
        #[serde(default)]
        params: serde_json::Value,
    },
}

/// Terms per draft language, plus `any` for terms that mean the same in all of them.
/// A term `@name` includes the lexicon file `crate/lexicons/<lang>/<name>.txt`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub sv: Vec<String>,
    #[serde(default)]
    pub pl: Vec<String>,
    #[serde(default)]
    pub fr: Vec<String>,
    #[serde(default)]
    pub da: Vec<String>,
    #[serde(default)]
    pub tr: Vec<String>,
}

impl Terms {
    pub fn for_lang(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Sv => &self.sv,
            Lang::Pl => &self.pl,
            Lang::Fr => &self.fr,
            Lang::Da => &self.da,
            Lang::Tr => &self.tr,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlessScope {
    #[default]
    Sentence,
    Post,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlessAction {
    #[default]
    Suppress,
    /// One severity step quieter (critical -> warning -> hint).
    Lower,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unless {
    #[serde(default)]
    pub scope: UnlessScope,
    #[serde(default)]
    pub action: UnlessAction,
    #[serde(default)]
    pub terms: Terms,
    /// Cues that silence a hit only when the hit stands in quotation marks, wherever they occur in
    /// the post: a label quoted in order to argue against it is mentioned, not used.
    #[serde(default)]
    pub quoted: Option<Terms>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Drafts on which the rule must fire.
    #[serde(default)]
    pub fire: Vec<Example>,
    /// Drafts on which the rule must stay silent.
    #[serde(default)]
    pub clean: Vec<Example>,
}

/// The `id` and `examples` of a rule file, read by the tests straight from its TOML (the embedded
/// bundle does not carry examples).
#[derive(Debug, Clone, Deserialize)]
pub struct RuleExamples {
    pub id: String,
    #[serde(default)]
    pub examples: Examples,
}

/// A draft; with a language when detection alone would be unfair (very short examples).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    WithLang { text: String, lang: Lang },
}

impl Example {
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::WithLang { text: t, .. } => t,
        }
    }

    pub fn lang(&self) -> Option<Lang> {
        match self {
            Example::Text(_) => None,
            Example::WithLang { lang, .. } => Some(*lang),
        }
    }
}

/// The rule half of what `build.rs` embeds; the lexicon half is read once by `lexicons()`.
#[derive(Debug, Deserialize)]
pub struct Bundle {
    pub rules: Vec<RuleSpec>,
}

fn newline_joined<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    let joined: BTreeMap<String, String> = BTreeMap::deserialize(d)?;
    Ok(joined
        .into_iter()
        .map(|(k, v)| (k, v.split('\n').filter(|t| !t.is_empty()).map(str::to_string).collect()))
        .collect())
}

const BUNDLE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.json"));

/// Reads the embedded rules. The data is fixed at build time and parsed by the test suite, so a
/// failure here is a build defect, reported with the reason.
pub fn bundle() -> Result<Bundle, String> {
    serde_json::from_str(BUNDLE_JSON).map_err(|e| format!("embedded rule data is invalid: {e}"))
}

/// The lexicon half of the bundle: "<lang>/<name>" -> terms, embedded as one newline-joined
/// string per lexicon (serde skips the rules).
#[derive(Deserialize)]
struct LexiconsOnly {
    #[serde(deserialize_with = "newline_joined")]
    lexicons: BTreeMap<String, Vec<String>>,
}

/// The embedded lexicons, "<lang>/<name>" -> terms, parsed once per process and shared by the rule
/// book and every detector that reads a lexicon (so no detector embeds or parses them again).
pub fn lexicons() -> &'static BTreeMap<String, Vec<String>> {
    static LEXICONS: std::sync::OnceLock<BTreeMap<String, Vec<String>>> = std::sync::OnceLock::new();
    LEXICONS.get_or_init(|| serde_json::from_str::<LexiconsOnly>(BUNDLE_JSON).map(|b| b.lexicons).unwrap_or_default())
}

/// Lexicon `name` of `lang`; empty when there is none.
pub fn lexicon(lang: Lang, name: &str) -> &'static [String] {
    lexicons().get(&format!("{}/{}", lang.code(), name)).map(Vec::as_slice).unwrap_or(&[])
}
