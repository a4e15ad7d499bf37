//! A small per-language matcher over several of the embedded lexicons at once (one Aho-Corasick
//! pass per draft), for the advice and claims detectors.

use crate::lang::Lang;
use crate::lexicon::{TermMatch, TermSet};
use crate::text::Folded;

/// The terms of lexicon `name` for `lang` (none when there is none), from the embedded bundle.
fn terms(lang: Lang, name: &str) -> impl Iterator<Item = &'static str> {
    crate::rules::spec::lexicon(lang, name).iter().map(String::as_str)
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
            .map(|&lang| TermSet::new(names.iter().enumerate().flat_map(move |(i, name)| terms(lang, name).map(move |t| (i, t)))))
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
