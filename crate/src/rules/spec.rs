//! The shape of a rule data file (`crate/rules/<category>/<id>.toml`) as the checker holds it.
//! `build.rs` finds the files, checks them (unknown keys, missing fields, bad values fail the
//! build with the file's name and the reason) and writes them out as Rust statics of the types
//! below (`RULES`, `LEXICONS`): no parsing at run time, and no JSON code in the WASM package.
//! The rules' `examples` are left out: only the tests read those, from the TOML files
//! ([`RuleExamples`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::{Category, Severity, SpanKind};
use crate::lang::Lang;

/// Text in each of the six UI languages, by `Lang::index`; `None` where the file has none.
#[derive(Debug, Clone, Copy)]
pub struct Texts(pub [Option<&'static str>; 6]);

impl Texts {
    pub fn get(&self, lang: &Lang) -> Option<&'static str> {
        self.0[lang.index()]
    }
}

#[derive(Debug)]
pub struct RuleSpec {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub span_kind: SpanKind,
    pub kind: RuleKind,
    /// Draft languages the rule applies to; all six when absent.
    pub languages: Option<&'static [Lang]>,
    pub message: Texts,
    pub why: Texts,
    pub suggestion: Option<Texts>,
    /// Terms that, near a hit, silence it or make it quieter (e.g. a stated written consent).
    pub unless: Option<Unless>,
}

#[derive(Debug)]
pub enum RuleKind {
    /// Fires on every match of any term.
    Lexicon { terms: Terms },
    /// Fires where one term of every group occurs within `window` words of each other.
    Proximity { groups: &'static [Terms], window: usize, same_sentence: bool },
    /// Fires where the named detector (code in `crate/src/detectors/`) finds something.
    Detector { detector: &'static str, params: Params },
}

/// A detector rule's `params` table: key -> value (strings, integers and booleans only).
#[derive(Debug, Clone, Copy, Default)]
pub struct Params(pub &'static [(&'static str, Param)]);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    Str(&'static str),
    Int(i64),
    Bool(bool),
}

impl Params {
    pub fn get(&self, key: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

impl Param {
    pub fn as_str(&self) -> Option<&'static str> {
        match *self {
            Param::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Param::Int(i) => u64::try_from(i).ok(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Param::Bool(b) => Some(b),
            _ => None,
        }
    }
}

/// Terms per draft language, plus `any` for terms that mean the same in all of them, each list
/// embedded as one string of newline-separated terms (see [`Terms::iter`]).
/// A term `@name` includes the lexicon file `crate/lexicons/<lang>/<name>.txt`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terms {
    pub any: &'static str,
    pub en: &'static str,
    pub sv: &'static str,
    pub pl: &'static str,
    pub fr: &'static str,
    pub da: &'static str,
    pub tr: &'static str,
}

impl Terms {
    /// The newline-separated terms of `lang` (without the `any` ones).
    pub fn for_lang(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Sv => self.sv,
            Lang::Pl => self.pl,
            Lang::Fr => self.fr,
            Lang::Da => self.da,
            Lang::Tr => self.tr,
        }
    }

    /// The terms of one list (`any` or `for_lang(..)`), in file order.
    pub fn iter(list: &'static str) -> impl Iterator<Item = &'static str> {
        list.split('\n').filter(|t| !t.is_empty())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnlessScope {
    #[default]
    Sentence,
    Post,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnlessAction {
    #[default]
    Suppress,
    /// One severity step quieter (critical -> warning -> hint).
    Lower,
}

#[derive(Debug)]
pub struct Unless {
    pub scope: UnlessScope,
    pub action: UnlessAction,
    pub terms: Terms,
    /// Cues that silence a hit only when the hit stands in quotation marks, wherever they occur in
    /// the post: a label quoted in order to argue against it is mentioned, not used.
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

mod data {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/rules.rs"));

    /// `len` bytes of `pool` from `start`: the rules' strings, all slices of one `POOL` that
    /// `build.rs` lays out for gzip (`Pool` there). Checked when the crate compiles.
    const fn at(pool: &'static str, start: usize, len: usize) -> &'static str {
        let (_, rest) = pool.as_bytes().split_at(start);
        let (bytes, _) = rest.split_at(len);
        match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => panic!("a pooled string not on char boundaries"),
        }
    }
}

/// Every rule file, in path order (`crate/rules/<category>/<id>.toml`), as `build.rs` embedded it.
pub static RULES: &[RuleSpec] = data::RULES;

/// The embedded lexicons, "<lang>/<name>" -> terms, split once per process and shared by the rule
/// book and every detector that reads a lexicon (so no detector embeds or parses them again).
pub fn lexicons() -> &'static BTreeMap<String, Vec<String>> {
    static LEXICONS: std::sync::OnceLock<BTreeMap<String, Vec<String>>> = std::sync::OnceLock::new();
    LEXICONS.get_or_init(|| {
        // Inserted one by one: `collect()` into a map would compile in a sort for its entries.
        let mut map = BTreeMap::new();
        for (k, v) in data::LEXICONS {
            map.insert(k.to_string(), front_decoded(v));
        }
        map
    })
}

/// The terms of a lexicon as `build.rs` (`front_coded`) embeds it: per line, a char `'0' + n`
/// saying how many leading bytes the term shares with the one before it, then the rest of it.
fn front_decoded(coded: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for line in coded.split('\n').filter(|l| !l.is_empty()) {
        let mut chars = line.chars();
        let shared = chars.next().map_or(0, |c| c as usize - '0' as usize);
        let mut term = String::with_capacity(shared + chars.as_str().len());
        term.push_str(terms.last().map_or("", |prev| &prev[..shared]));
        term.push_str(chars.as_str());
        terms.push(term);
    }
    terms
}

/// Lexicon `name` of `lang`; empty when there is none.
pub fn lexicon(lang: Lang, name: &str) -> &'static [String] {
    lexicons().get(&format!("{}/{}", lang.code(), name)).map(Vec::as_slice).unwrap_or(&[])
}
