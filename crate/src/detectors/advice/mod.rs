//! Personalised medical advice given in public, and quick-fix health claims.
//!
//! - `personal-medication`: a reply that addresses one person (an @handle, a greeting or honorific
//!   with a name, a vocative "…, Olle –") and, within one clause, tells them to start, stop,
//!   change or dose a medicine ("start the X 20 mg tonight", "odstaw leki", "Aerius al, günde 1
//!   tablet"), or to stop something at once ("hemen kes").
//! - `personal-diagnosis`: the same kind of reply naming a diagnosis for their symptoms ("sounds
//!   like shingles", "det lyder som …", "to na pewno …", "bu tenisçi dirseği").
//! - `quick-fix`: a claim that a treatment cures or removes something within a short time ("clears
//!   your migraines in two sessions", "på tre veckor", "7 günde").
//!
//! Counter-signals: generic subjects ("adults", "most people", "man bör"), advice to seek care
//! (unless the same sentence waves care away: "no need to see the GP"), questions, negations.

mod lists;
mod quick_fix;

use std::cell::OnceCell;

use crate::pattern::Regex;

use super::{Confidence, Ctx, Detector, Hit};
use crate::lexicon::TermMatch;
use crate::text::Word;
use lists::Lists;
pub(crate) use lists::source_terms;

pub fn build(name: &str, params: &crate::rules::Params) -> Option<Result<Box<dyn Detector>, String>> {
    let window = params.get("window").and_then(|w| w.as_u64()).map(|w| w as usize);
    match name {
        "personal-medication" => Some(Ok(Box::new(PersonalAdvice::new(Mode::Medication, window.unwrap_or(8))))),
        "personal-diagnosis" => Some(Ok(Box::new(PersonalAdvice::new(Mode::Diagnosis, window.unwrap_or(5))))),
        "quick-fix" => Some(Ok(Box::new(quick_fix::QuickFix::new(window.unwrap_or(8))))),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Medication,
    Diagnosis,
}

// Indices of the lists, in the order given to `Lists::new`.
const ACTIONS: usize = 0;
const ADDRESS: usize = 1;
const CONDITIONS: usize = 2;
const CUES: usize = 3;
const DRUGS: usize = 4;
const GENERIC: usize = 5;
const SEEK: usize = 6;
const SKIP: usize = 7;
const STOP: usize = 8;
const URGENT: usize = 9;
const N_LISTS: usize = 10;
pub(crate) const LIST_NAMES: [&str; N_LISTS] = [
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
];

/// Words after a greeting that make it a greeting to many ("Hi all", "Bonjour à tous").
const TO_MANY: &[&str] = &[
    "all", "everyone", "everybody", "folks", "friends", "team", "alla", "allihop", "allihopa", "wszystkim", "wszyscy", "państwo",
    "tous", "toutes", "à", "alle", "allesammen", "herkese", "arkadaşlar", "millet",
];

/// The advice lists' matches in one draft, and whether it speaks to one person: the same for both
/// advice rules, so computed once per check (`Ctx::advice`).
pub(crate) struct Found {
    lists: Vec<Vec<TermMatch>>,
    addressed: OnceCell<bool>,
}

struct PersonalAdvice {
    mode: Mode,
    window: usize,
    lists: Lists,
    handle: Regex,
    dose: Regex,
}

impl PersonalAdvice {
    fn new(mode: Mode, window: usize) -> PersonalAdvice {
        PersonalAdvice {
            mode,
            window,
            lists: Lists::new(&LIST_NAMES),
            // An @handle: "@" and two or more word characters or dots, at the start or after a space,
            // "(", ",", ";" or ":" (checked in `addressed`, so that only the "@"s are tried).
            handle: Regex::new(r"@[\w.]{2,}").expect("valid regex"),
            // A dose or a schedule: "20mg", "500 mcg", "2 puf", "3x dziennie", "twice a day",
            // "4 gange dagligt", "günde 2", "matin et soir".
            dose: Regex::new(
                r"(?xi)
                (?-u:\b)\d+(?:[.,/]\d+)?\s?(?:mg|mcg|µg|μg|ug|g|ml|iu|ie|mikrogram\w*|microgram\w*|puf\w*|puff\w*|drops|dråber|droppar|krop\w*|gouttes?|damla|tablet\w*|tabl\w*|comprim\w*|kaps\w*|gélule\w*|sachet\w*|saszet\w*|piller|pills?|plaster\w*|plastr\w*|jednost\w*)(?-u:\b)
                | (?-u:\b)(?:once|twice|\d+\s?(?:x|times))\s(?:a|per|daily)(?-u:\b)
                | (?-u:\b)\d+\s?(?:x|gånger|gange|razy|fois|kez|defa)\s?(?:om\s|per\s|i\s|o\s|par\s|na\s)?(?:dagen|dag|dagligt|dziennie|dnia|dzień|jour|günde|daily|a\ day)(?-u:\b)
                | (?-u:\b)günde\s(?:\d+|bir|iki|üç|dört)(?-u:\b)
                | (?-u:\b)matin\set\ssoir(?-u:\b) | (?-u:\b)rano\si\swieczorem(?-u:\b) | (?-u:\b)morgon\soch\skväll(?-u:\b) | (?-u:\b)morgen\sog\saften(?-u:\b) | (?-u:\b)sabah\sakşam(?-u:\b)
                | (?-u:\b)(?:3/4|1/2|1/4|½|¼|¾)\s?(?:tablet\w*|tabl\w*|comprim\w*|tabletki)(?-u:\b)
                ",
            )
            .expect("valid regex"),
        }
    }

    /// Does the draft speak to one person? An @handle, a greeting or honorific near the start of a
    /// line, or a name used as a vocative.
    fn addressed(&self, ctx: &Ctx, address: &[TermMatch], blocked: &[(usize, usize)]) -> bool {
        let after_break = |at: usize| ctx.text[..at].chars().next_back().map_or(true, |c| c.is_whitespace() || matches!(c, '(' | ',' | ';' | ':'));
        if ctx.text.contains('@') && self.handle.find_iter(ctx.text).any(|m| after_break(m.start())) {
            return true;
        }
        // A greeting or honorific among the first words of a line, not greeting a crowd.
        for m in address {
            let (s, e) = ctx.folded.to_original(m.start, m.end);
            let line_start = ctx.text[..s].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let words_before = ctx.text[line_start..s].split_whitespace().count();
            let next = ctx.text[e..].split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
            if TO_MANY.iter().any(|t| next.eq_ignore_ascii_case(t)) {
                continue;
            }
            let followed_by_comma = ctx.text[e..].trim_start().starts_with(',');
            if words_before < 6 || followed_by_comma {
                return true;
            }
        }
        // A capitalised name used as a vocative: "Jesus, Paul, it's…", "…, Birgitte 🙄", "Wojtek, …".
        for (i, w) in ctx.words.iter().enumerate() {
            if !is_name_like(w) || blocked.iter().any(|&(s, e)| s < w.end && w.start < e) {
                continue;
            }
            let after = ctx.text[w.end..].trim_start_matches([' ', '\u{a0}']);
            let next = after.chars().next();
            let vocative_end = match next {
                Some(',') | Some('–') | Some('—') | Some('!') => true,
                Some('-') => after.starts_with("- ") || after.starts_with("-\u{a0}"),
                Some(c) => !c.is_alphanumeric() && !c.is_ascii_punctuation() && !c.is_whitespace() && c != '\'' && c != '’',
                None => false,
            };
            if !vocative_end {
                continue;
            }
            let before = ctx.text[..w.start].trim_end();
            let after_comma = before.ends_with(',');
            if i < 5 || after_comma {
                return true;
            }
        }
        false
    }
}

/// "Petter", "Théo", "Gönül": a capital then lower-case letters; not an acronym, not one letter.
fn is_name_like(w: &Word) -> bool {
    let mut chars = w.text.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return false };
    first.is_uppercase() && second.is_lowercase() && w.text.chars().count() <= 20
}

/// Index of the word of `words` containing byte `at` (or the one before it).
fn word_at(words: &[Word], at: usize) -> usize {
    match words.binary_search_by(|w| w.start.cmp(&at)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

/// Index of the sentence containing byte `at`.
fn sentence_at(sents: &[(usize, usize)], at: usize) -> usize {
    match sents.binary_search_by(|&(s, _)| s.cmp(&at)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

/// A span in original byte offsets with its word index and sentence.
#[derive(Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    word: usize,
    sentence: usize,
}

/// Merges overlapping or touching hits so one piece of advice gets one underline.
fn merge_overlapping(hits: &mut Vec<Hit>) {
    crate::sort::sort_by_key(hits, |h| (h.start, h.end, 0));
    let mut merged: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits.drain(..) {
        match merged.last_mut() {
            Some(last) if h.start <= last.end => last.end = last.end.max(h.end),
            _ => merged.push(h),
        }
    }
    *hits = merged;
}

impl Detector for PersonalAdvice {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let mut hits = Vec::new();
        self.find(ctx, &mut hits);
        merge_overlapping(&mut hits);
        out.extend(hits);
    }
}

impl PersonalAdvice {
    fn find(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        if ctx.words.is_empty() {
            return;
        }
        // Both advice rules read the same lists: matched once per check, shared through `Ctx`.
        let shared = ctx.advice.get_or_init(|| Found { lists: self.lists.find(ctx, N_LISTS), addressed: OnceCell::new() });
        let found = &shared.lists;
        let sents = ctx.sentences();
        let piece = |m: &TermMatch| -> Piece {
            let (start, end) = ctx.folded.to_original(m.start, m.end);
            Piece { start, end, word: word_at(ctx.words, start), sentence: sentence_at(&sents, start) }
        };
        let pieces = |list: usize| -> Vec<Piece> { found[list].iter().map(piece).collect() };

        // Names of medicines and conditions are not vocatives ("Paracetamol, ibuprofen…").
        let addressed = *shared.addressed.get_or_init(|| {
            let blocked: Vec<(usize, usize)> =
                [DRUGS, CONDITIONS, GENERIC, SEEK].iter().flat_map(|&l| pieces(l)).map(|p| (p.start, p.end)).collect();
            self.addressed(ctx, &found[ADDRESS], &blocked)
        });
        if !addressed {
            return;
        }

        let generic = pieces(GENERIC);
        let seek = pieces(SEEK);
        let skip = pieces(SKIP);
        let in_sentence = |list: &[Piece], s: usize| list.iter().any(|p| p.sentence == s);
        // A sentence that talks about people in general, or sends the person to care.
        let counter = |s: usize| -> bool {
            in_sentence(&generic, s) || (in_sentence(&seek, s) && !in_sentence(&skip, s))
        };
        let is_question = |s: usize| -> bool {
            let (lo, hi) = sents[s];
            ctx.text[lo..hi].trim_end().ends_with('?')
        };

        let mut push = |a: &Piece, b: &Piece| {
            let (start, end) = (a.start.min(b.start), a.end.max(b.end));
            out.push(Hit::new(start, end, Confidence::High));
        };

        match self.mode {
            Mode::Medication => {
                let actions = pieces(ACTIONS);
                let mut objects = pieces(DRUGS);
                // Doses are looked for only in sentences that give an order: the regex never runs
                // over the rest of a long post.
                let mut done = usize::MAX;
                for a in &actions {
                    if a.sentence == done {
                        continue;
                    }
                    done = a.sentence;
                    let (lo, hi) = sents[a.sentence];
                    for m in self.dose.find_iter(&ctx.text[lo..hi]) {
                        let start = lo + m.start();
                        objects.push(Piece { start, end: lo + m.end(), word: word_at(ctx.words, start), sentence: a.sentence });
                    }
                }
                for a in actions {
                    if counter(a.sentence) || is_question(a.sentence) {
                        continue;
                    }
                    let best = objects
                        .iter()
                        .filter(|o| o.sentence == a.sentence && (o.end <= a.start || o.start >= a.end))
                        .min_by_key(|o| o.word.abs_diff(a.word));
                    if let Some(o) = best {
                        if o.word.abs_diff(a.word) <= self.window {
                            push(&a, o);
                        }
                    }
                }
                // "Stop it right now", "hemen kes": an order to stop at once.
                let urgent = pieces(URGENT);
                for s in pieces(STOP) {
                    if counter(s.sentence) || is_question(s.sentence) {
                        continue;
                    }
                    if let Some(u) = urgent.iter().find(|u| u.word.abs_diff(s.word) <= 2 && (u.end <= s.start || u.start >= s.end)) {
                        push(&s, u);
                    }
                }
            }
            Mode::Diagnosis => {
                let conditions = pieces(CONDITIONS);
                for c in pieces(CUES) {
                    if counter(c.sentence) || is_question(c.sentence) {
                        continue;
                    }
                    let best = conditions
                        .iter()
                        .filter(|d| d.sentence == c.sentence && (d.end <= c.start || d.start >= c.end))
                        .min_by_key(|d| d.word.abs_diff(c.word));
                    if let Some(d) = best {
                        if d.word.abs_diff(c.word) <= self.window {
                            push(&c, d);
                        }
                    }
                }
            }
        }
    }
}
