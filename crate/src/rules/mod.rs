//! Rule instances: loaded from the embedded data files and compiled once per `Checker`.
//!
//! All lexicon, proximity and `unless` terms of one draft language go into a single Aho-Corasick
//! automaton, together with the word lists the detectors look for (`detectors::Source`), so the
//! text is scanned once per check however many rules there are.

pub mod spec;

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use spec::{Example, Examples, Param, Params, RuleKind, RuleSpec, Terms, Texts, UnlessAction, UnlessScope};

use crate::detectors::{self, Confidence, Ctx, Detector, Hit, Source};
use crate::lang::Lang;
use crate::lexicon::{sort_dedup, TermMatch, TermSet};
use crate::text::Folded;

/// What a term in the combined automaton belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermRole {
    /// Lexicon term, or a term of proximity group `n`.
    Group(usize),
    /// A suppressor from the rule's `unless`.
    Unless,
    /// A suppressor from the rule's `unless.quoted`: counts only for a hit in quotation marks.
    UnlessQuoted,
}

#[derive(Debug, Clone, Copy)]
struct TermTag {
    rule: usize,
    role: TermRole,
}

/// The automaton for one draft language, built when a draft in that language is first checked
/// (a DFA: fast to scan, but ~1.5-2.5 MB per language, so only for the languages in use).
struct LangTerms {
    /// `(tag, term)`: what `set` is built from, with the identifier keywords as raw patterns.
    terms: Vec<(usize, String)>,
    keywords: Vec<(usize, String)>,
    set: OnceLock<TermSet>,
    /// Per term of `set` (its tag): the source it belongs to and its tag there. A `Source::Rules`
    /// tag indexes `tags`.
    owners: Vec<(Source, usize)>,
    tags: Vec<TermTag>,
}

/// The term matches of one check: by rule, and the detectors' shares by `Source` (folded
/// offsets, each sorted by position).
pub struct Matched {
    pub rules: Vec<RuleMatches>,
    pub sources: Vec<Vec<TermMatch>>,
}

pub struct CompiledRule {
    pub spec: &'static RuleSpec,
    detector: Option<Box<dyn Detector>>,
}

pub struct RuleBook {
    pub rules: Vec<CompiledRule>,
    per_lang: Vec<LangTerms>,
}

/// Matches of one rule's terms in the current draft, by role.
#[derive(Default)]
pub struct RuleMatches {
    pub groups: BTreeMap<usize, Vec<TermMatch>>,
    pub unless: Vec<TermMatch>,
    pub unless_quoted: Vec<TermMatch>,
}

/// Expands `@name` references to lexicon files of `lang`.
fn expand<'a>(terms: &'static str, lang: Lang, lexicons: &'a BTreeMap<String, Vec<String>>) -> Result<Vec<&'a str>, String> {
    let mut out = Vec::new();
    for term in Terms::iter(terms) {
        if let Some(name) = term.strip_prefix('@') {
            let key = format!("{}/{}", lang.code(), name);
            let list = lexicons.get(&key).ok_or_else(|| format!("unknown lexicon {key}"))?;
            out.extend(list.iter().map(String::as_str));
        } else {
            out.push(term);
        }
    }
    Ok(out)
}

impl RuleBook {
    /// Loads and compiles the embedded rules. Errors name the rule and the reason.
    /// The process-wide rule book, compiled on first use.
    pub fn shared() -> Result<&'static RuleBook, String> {
        static BOOK: OnceLock<Result<RuleBook, String>> = OnceLock::new();
        BOOK.get_or_init(RuleBook::load).as_ref().map_err(Clone::clone)
    }

    /// Builds the automaton of `lang` if no check has done so yet.
    pub fn prepare(&self, lang: Lang) {
        self.term_set(lang);
    }

    fn term_set(&self, lang: Lang) -> &TermSet {
        let lt = &self.per_lang[lang.index()];
        lt.set.get_or_init(|| {
            TermSet::with_raw(
                lt.terms.iter().map(|(tag, term)| (*tag, term.as_str())),
                lt.keywords.iter().map(|(tag, k)| (*tag, k.as_str())),
            )
        })
    }

    pub fn load() -> Result<RuleBook, String> {
        let lexicons = spec::lexicons();
        let mut rules = Vec::new();
        for spec in spec::RULES {
            let detector = match &spec.kind {
                RuleKind::Detector { detector, params } => match detectors::build(detector, params) {
                    Some(Ok(d)) => Some(d),
                    Some(Err(e)) => return Err(format!("rule {}: detector {detector}: {e}", spec.id)),
                    None => return Err(format!("rule {}: unknown detector {detector}", spec.id)),
                },
                _ => None,
            };
            rules.push(CompiledRule { spec, detector });
        }

        let mut per_lang = Vec::new();
        for lang in Lang::ALL {
            let mut tags = Vec::new();
            let mut terms: Vec<(usize, String)> = Vec::new();
            for (i, rule) in rules.iter().enumerate() {
                let mut add = |t: &Terms, role: TermRole| -> Result<(), String> {
                    for term in expand(t.any, lang, lexicons)?.into_iter().chain(expand(t.for_lang(lang), lang, lexicons)?) {
                        terms.push((tags.len(), term.to_string()));
                        tags.push(TermTag { rule: i, role });
                    }
                    Ok(())
                };
                match &rule.spec.kind {
                    RuleKind::Lexicon { terms } => add(terms, TermRole::Group(0)),
                    RuleKind::Proximity { groups, .. } => groups.iter().enumerate().try_for_each(|(g, t)| add(t, TermRole::Group(g))),
                    RuleKind::Detector { .. } => Ok(()),
                }
                .map_err(|e| format!("rule {}: {e}", rule.spec.id))?;
                if let Some(unless) = &rule.spec.unless {
                    add(&unless.terms, TermRole::Unless).map_err(|e| format!("rule {}: {e}", rule.spec.id))?;
                    if let Some(quoted) = &unless.quoted {
                        add(quoted, TermRole::UnlessQuoted).map_err(|e| format!("rule {}: {e}", rule.spec.id))?;
                    }
                }
            }
            let mut owners: Vec<(Source, usize)> = (0..terms.len()).map(|i| (Source::Rules, i)).collect();
            for source in Source::DETECTORS {
                for (tag, term) in source.terms(lang) {
                    terms.push((owners.len(), term));
                    owners.push((source, tag));
                }
            }
            per_lang.push(LangTerms { terms, keywords: detectors::ids::keyword_patterns(), set: OnceLock::new(), owners, tags });
        }
        Ok(RuleBook { rules, per_lang })
    }

    /// Scans the folded draft once and sorts the term matches by rule and by source.
    pub fn match_terms(&self, folded: &Folded, lang: Lang) -> Matched {
        let lt = &self.per_lang[lang.index()];
        let set = self.term_set(lang);
        // Room for a typical draft's matches up front (a term every few words), not grown per push.
        let mut sources: Vec<Vec<TermMatch>> = (0..Source::COUNT).map(|_| Vec::with_capacity(folded.text.len() / 64)).collect();
        let mut keywords = Vec::new();
        set.scan_all(
            folded,
            |m| {
                let (source, tag) = lt.owners[m.tag];
                sources[source as usize].push(TermMatch { tag, ..m });
            },
            |m| keywords.push(m),
        );
        for v in &mut sources {
            sort_dedup(v);
        }
        sources[Source::Keywords as usize] = keywords;
        let mut by_rule: Vec<RuleMatches> = (0..self.rules.len()).map(|_| RuleMatches::default()).collect();
        for m in std::mem::take(&mut sources[Source::Rules as usize]) {
            let tag = lt.tags[m.tag];
            match tag.role {
                TermRole::Group(g) => by_rule[tag.rule].groups.entry(g).or_default().push(m),
                TermRole::Unless => by_rule[tag.rule].unless.push(m),
                TermRole::UnlessQuoted => by_rule[tag.rule].unless_quoted.push(m),
            }
        }
        Matched { rules: by_rule, sources }
    }
}

impl CompiledRule {
    pub fn applies_to(&self, lang: Lang) -> bool {
        self.spec.languages.is_none_or(|ls| ls.contains(&lang))
    }

    /// Hits of this rule, in original byte offsets, before `unless` and settings are applied.
    pub fn hits(&self, ctx: &Ctx, matches: &RuleMatches) -> Vec<Hit> {
        let mut out = Vec::new();
        match &self.spec.kind {
            RuleKind::Lexicon { .. } => {
                for m in matches.groups.get(&0).into_iter().flatten() {
                    let (s, e) = ctx.folded.to_original(m.start, m.end);
                    out.push(Hit::new(s, e, Confidence::High));
                }
            }
            RuleKind::Proximity { groups, window, same_sentence } => {
                proximity_hits(ctx, matches, groups.len(), *window, *same_sentence, &mut out);
            }
            RuleKind::Detector { .. } => {
                if let Some(d) = &self.detector {
                    d.detect(ctx, &mut out);
                }
            }
        }
        out.retain(|h| h.start < h.end && h.end <= ctx.text.len());
        out
    }
}

/// Index of the folded word containing (or following) byte `at`.
fn word_index(word_starts: &[usize], at: usize) -> usize {
    match word_starts.binary_search(&at) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

fn proximity_hits(
    ctx: &Ctx,
    matches: &RuleMatches,
    n_groups: usize,
    window: usize,
    same_sentence: bool,
    out: &mut Vec<Hit>,
) {
    let Some(anchors) = matches.groups.get(&0) else { return };
    if (0..n_groups).any(|g| !matches.groups.contains_key(&g)) {
        return;
    }
    let word_starts = ctx.folded_word_starts();
    // Byte offsets of sentence stops, found once per check; a sentence index is a binary search away.
    let stops: &[usize] = if same_sentence { ctx.sentence_stops() } else { &[] };
    let sentence_of = |folded_at: usize| -> usize {
        let (orig, _) = ctx.folded.to_original(folded_at, folded_at + 1);
        stops.partition_point(|&i| i < orig)
    };
    for anchor in anchors {
        let a = word_index(word_starts, anchor.start);
        let mut lo = anchor.start;
        let mut hi = anchor.end;
        let (mut min_w, mut max_w) = (a, a);
        let mut ok = true;
        for g in 1..n_groups {
            let best = matches.groups[&g]
                .iter()
                .filter(|m| !same_sentence || sentence_of(m.start) == sentence_of(anchor.start))
                .min_by_key(|m| word_index(word_starts, m.start).abs_diff(a));
            match best {
                Some(m) if word_index(word_starts, m.start).abs_diff(a) <= window => {
                    let w = word_index(word_starts, m.start);
                    min_w = min_w.min(w);
                    max_w = max_w.max(w);
                    lo = lo.min(m.start);
                    hi = hi.max(m.end);
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && max_w - min_w <= window {
            let (s, e) = ctx.folded.to_original(lo, hi);
            out.push(Hit::new(s, e, Confidence::High));
        }
    }
}
