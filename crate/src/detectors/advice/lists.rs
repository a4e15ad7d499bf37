//! Several of the embedded lexicons matched together, for the advice and claims detectors. Their
//! terms go into the rule book's automaton (one scan per draft, see `detectors::Source`); a
//! `Lists` reads its share of the matches from `Ctx`.

use crate::detectors::{Ctx, Source};
use crate::lang::Lang;
use crate::lexicon::TermMatch;

/// The terms of lexicon `name` for `lang` (none when there is none), from the embedded bundle.
fn terms(lang: Lang, name: &str) -> impl Iterator<Item = &'static str> {
    crate::rules::spec::lexicon(lang, name).iter().map(String::as_str)
}

/// The lists of the personal-advice detectors, in tag order.
pub(crate) const ADVICE: &[&str] = &super::LIST_NAMES;
/// The lists of the quick-fix detector, in tag order.
pub(crate) const QUICK_FIX: &[&str] = &["claims-quick-verbs", "claims-negations"];

/// `(list index, term)` for the lists of `source` in `lang`.
pub(crate) fn source_terms(source: Source, lang: Lang) -> Vec<(usize, String)> {
    let names = match source {
        Source::Advice => ADVICE,
        Source::QuickFix => QUICK_FIX,
        _ => &[],
    };
    names.iter().enumerate().flat_map(|(i, name)| terms(lang, name).map(move |t| (i, t.to_string()))).collect()
}

/// Several named lists matched at once. A match's `tag` is the index of its list in the order
/// given to `new`.
pub struct Lists {
    source: Source,
}

impl Lists {
    /// `names` must be one of the registered groups (`ADVICE`, `QUICK_FIX`).
    pub fn new(names: &[&str]) -> Lists {
        let source = if names == ADVICE {
            Source::Advice
        } else if names == QUICK_FIX {
            Source::QuickFix
        } else {
            panic!("advice lists {names:?} are not registered in detectors::Source")
        };
        Lists { source }
    }

    /// Matches in folded offsets, sorted by start, grouped by list index.
    pub fn find(&self, ctx: &Ctx, n_lists: usize) -> Vec<Vec<TermMatch>> {
        let mut out = vec![Vec::new(); n_lists];
        for m in ctx.terms(self.source) {
            if let Some(v) = out.get_mut(m.tag) {
                v.push(*m);
            }
        }
        out
    }
}
