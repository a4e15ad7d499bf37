//! The lexicons the advice and claims detectors read, embedded at compile time, and a small
//! per-language matcher over several of them at once (one Aho-Corasick pass per draft).

use crate::lang::Lang;
use crate::lexicon::{TermMatch, TermSet};
use crate::text::Folded;

macro_rules! lexicon_table {
    ($($name:literal),* $(,)?) => {
        /// The raw text of lexicon `name` for `lang` (empty when there is none).
        pub fn raw(lang: Lang, name: &str) -> &'static str {
            match (lang, name) {
                $(
                    (Lang::En, $name) => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/en/", $name, ".txt")),
                    (Lang::Sv, $name) => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/sv/", $name, ".txt")),
                    (Lang::Pl, $name) => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/pl/", $name, ".txt")),
                    (Lang::Fr, $name) => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/fr/", $name, ".txt")),
                    (Lang::Da, $name) => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/da/", $name, ".txt")),
                    (Lang::Tr, $name) => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/tr/", $name, ".txt")),
                )*
                _ => "",
            }
        }
    };
}

lexicon_table!(
    "advice-actions",
    "advice-address",
    "advice-conditions",
    "advice-diagnosis-cues",
    "advice-drugs",
    "advice-generic",
    "advice-seek-care",
    "advice-skip-care",
    "advice-stop",
    "advice-urgent",
    "claims-negations",
    "claims-quick-verbs",
);

fn terms(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Several named lists compiled into one automaton per language. A match's `tag` is the index of
/// its list in the order given to `new`.
pub struct Lists {
    per_lang: Vec<TermSet>,
}

impl Lists {
    pub fn new(names: &[&str]) -> Lists {
        let per_lang = Lang::ALL
            .iter()
            .map(|&lang| TermSet::new(names.iter().enumerate().flat_map(move |(i, name)| terms(raw(lang, name)).map(move |t| (i, t)))))
            .collect();
        Lists { per_lang }
    }

    /// Matches in folded offsets, sorted by start, grouped by list index.
    pub fn find(&self, folded: &Folded, lang: Lang, n_lists: usize) -> Vec<Vec<TermMatch>> {
        let mut out = vec![Vec::new(); n_lists];
        for m in self.per_lang[lang.index()].find_all(folded) {
            if let Some(v) = out.get_mut(m.tag) {
                v.push(m);
            }
        }
        out
    }
}
