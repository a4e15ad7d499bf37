//! `quick-fix`: a verb of cure or removal within a few words of a short time span, in one
//! sentence: "clears your migraines in two sessions", "tappa 8 kilo på tre veckor", "w 3 tygodnie",
//! "en 4 semaines", "på én session", "7 günde". A negation just before the verb or inside the
//! claim ("no one can cure … in a week") silences it. Matching runs on the folded text (lower case, no diacritics).

use crate::pattern::Regex;

use super::lists::Lists;
use crate::detectors::{Confidence, Ctx, Detector, Hit};
use crate::lang::Lang;

const VERBS: usize = 0;
const NEGATIONS: usize = 1;

pub struct QuickFix {
    window: usize,
    lists: Lists,
    /// One time-span pattern per language, on folded text.
    spans: Vec<Regex>,
}

const NUMBERS: &str = r"\d+|a|an|one|two|three|four|five|six|seven|eight|ten|a\ single|just\ one|ett|en|tva|tre|fyra|fem|sex|sju|atta|tio|jeden|jedna|jedno|jednej|jedna|dwa|dwie|trzy|cztery|piec|szesc|siedem|osiem|dziesiec|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|et|to|fire|seks|syv|otte|ti";

fn span_pattern(lang: Lang) -> String {
    let (preps, units) = match lang {
        Lang::En => (r"in|within|after|in\ just|in\ only|after\ just|after\ only", r"sessions?|visits?|treatments?|appointments?|sittings?|weeks?|days?|minutes?|months?|hours?|nights?"),
        Lang::Sv => (r"pa|inom|efter|pa\ bara|efter\ bara|redan\ efter", r"sessioner|session|besok|behandlingar|behandling|veckor|vecka|dagar|dag|minuter|manader|manad|timmar|timme"),
        Lang::Pl => (r"w|przez|po|w\ ciagu|juz\ po|po\ jednym|w\ zaledwie|w\ tylko", r"sesj\w*|wizyt\w*|zabieg\w*|tygodni\w*|tydzien|dni|dzien|minut\w*|miesi\w*|godzin\w*"),
        Lang::Fr => (r"en|apres|des|au\ bout\ de|en\ seulement|en\ juste|des\ la|des\ le", r"seances?|visites?|soins?|semaines?|jours?|minutes?|mois|heures?|nuits?"),
        Lang::Da => (r"pa|efter|inden\ for|i\ lobet\ af|pa\ kun|efter\ kun", r"sessioner|session|besog|behandlinger|behandling|uger|uge|dage|dag|minutter|maneder|maned|timer|time"),
        Lang::Tr => ("", ""),
    };
    if lang == Lang::Tr {
        // Turkish puts the case ending on the unit: "7 günde", "3 seansta", "bir haftada".
        return format!(r"(?-u:\b)(?:{NUMBERS}|bir|iki|uc|dort|bes|alti|yedi|sekiz|dokuz|on)\s+(?:gunde|haftada|seansta|seansda|ayda|dakikada|saatte|kurde|uygulamada)(?-u:\b)");
    }
    format!(r"(?-u:\b)(?:{preps})\s+(?:(?:just|only|bara|tylko|zaledwie|seulement|kun)\s+)?(?:{NUMBERS})\s+(?:{units})(?-u:\b)")
}

impl QuickFix {
    pub fn new(window: usize) -> QuickFix {
        let spans = Lang::ALL.iter().map(|&l| Regex::new(&span_pattern(l)).expect("valid regex")).collect();
        QuickFix { window, lists: Lists::new(&["claims-quick-verbs", "claims-negations"]), spans }
    }
}

impl Detector for QuickFix {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let found = self.lists.find(ctx, 2);
        if found[VERBS].is_empty() {
            return;
        }
        // Everything here is in folded offsets; only the final span is mapped back.
        let folded = ctx.folded.text.as_str();
        let sents = ctx.folded_sentences();
        let sentence_of = |at: usize| match sents.binary_search_by(|&(s, _)| s.cmp(&at)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let word_starts = ctx.folded_word_starts();
        let word_of = |at: usize| match word_starts.binary_search(&at) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        // (sentence, word) of each negation.
        let negations: Vec<(usize, usize)> = found[NEGATIONS].iter().map(|m| (sentence_of(m.start), word_of(m.start))).collect();
        // Time spans, looked for only in sentences that have a verb of cure or removal.
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        let mut done = usize::MAX;
        for v in &found[VERBS] {
            let s = sentence_of(v.start);
            if s == done {
                continue;
            }
            done = s;
            let (lo, hi) = sents[s];
            spans.extend(self.spans[ctx.lang.index()].find_iter(&folded[lo..hi]).map(|m| (s, lo + m.start(), lo + m.end())));
        }
        for v in &found[VERBS] {
            let sentence = sentence_of(v.start);
            let vw = word_of(v.start);
            let near = spans
                .iter()
                .filter(|&&(s, ts, te)| s == sentence && (te <= v.start || ts >= v.end))
                .find(|&&(_, ts, _)| word_of(ts).abs_diff(vw) <= self.window);
            if let Some(&(_, ts, te)) = near {
                // A negation shortly before the verb, or between verb and time span, denies the
                // claim ("no method removes acne in 3 sessions"); one elsewhere in the sentence
                // ("…, without any side effects") does not.
                let tw = word_of(ts);
                let (lo, hi) = (vw.min(tw).saturating_sub(5), vw.max(tw));
                if negations.iter().any(|&(ns, nw)| ns == sentence && nw >= lo && nw <= hi) {
                    continue;
                }
                let (start, end) = ctx.folded.to_original(v.start.min(ts), v.end.max(te));
                out.push(Hit::new(start, end, Confidence::High));
            }
        }
    }
}
