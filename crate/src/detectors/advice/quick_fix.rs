//! `quick-fix`: a verb of cure or removal within a few words of a short time span, in one
//! sentence: "fixes your back in one visit", "minus 10 kilo på 30 dagar", "w 3 tygodnie",
//! "en 4 semaines", "på én session", "7 günde". A negation just before the verb or inside the
//! claim ("no one can cure … in a week") silences it. Matching runs on the folded text (lower case, no diacritics).

use regex::Regex;

use super::lists::Lists;
use crate::detectors::{Confidence, Ctx, Detector, Hit};
use crate::lang::Lang;
use crate::text::sentences;

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
        return format!(r"\b(?:{NUMBERS}|bir|iki|uc|dort|bes|alti|yedi|sekiz|dokuz|on)\s+(?:gunde|haftada|seansta|seansda|ayda|dakikada|saatte|kurde|uygulamada)\b");
    }
    format!(r"\b(?:{preps})\s+(?:(?:just|only|bara|tylko|zaledwie|seulement|kun)\s+)?(?:{NUMBERS})\s+(?:{units})\b")
}

impl QuickFix {
    pub fn new(window: usize) -> QuickFix {
        let spans = Lang::ALL.iter().map(|&l| Regex::new(&span_pattern(l)).expect("valid regex")).collect();
        QuickFix { window, lists: Lists::new(&["claims-quick-verbs", "claims-negations"]), spans }
    }
}

impl Detector for QuickFix {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let found = self.lists.find(ctx.folded, ctx.lang, 2);
        if found[VERBS].is_empty() {
            return;
        }
        let folded = &ctx.folded.text;
        let sents = sentences(ctx.text);
        let sentence_of = |orig: usize| sents.iter().position(|&(s, e)| orig >= s && orig < e.max(s + 1)).unwrap_or(usize::MAX);
        let word_of = |orig: usize| match ctx.words.binary_search_by(|w| w.start.cmp(&orig)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        // (sentence, word) of each negation.
        let negations: Vec<(usize, usize)> = found[NEGATIONS]
            .iter()
            .map(|m| {
                let s = ctx.folded.to_original(m.start, m.end).0;
                (sentence_of(s), word_of(s))
            })
            .collect();
        let time_spans: Vec<(usize, usize)> = self.spans[ctx.lang.index()]
            .find_iter(folded)
            .map(|m| ctx.folded.to_original(m.start(), m.end()))
            .collect();
        if time_spans.is_empty() {
            return;
        }
        for v in &found[VERBS] {
            let (vs, ve) = ctx.folded.to_original(v.start, v.end);
            let sentence = sentence_of(vs);
            let vw = word_of(vs);
            let near = time_spans
                .iter()
                .filter(|&&(ts, te)| sentence_of(ts) == sentence && (te <= vs || ts >= ve))
                .find(|&&(ts, _)| word_of(ts).abs_diff(vw) <= self.window);
            if let Some(&(ts, te)) = near {
                // A negation shortly before the verb, or between verb and time span, denies the
                // claim ("no method removes acne in 3 sessions"); one elsewhere in the sentence
                // ("…, without any side effects") does not.
                let tw = word_of(ts);
                let (lo, hi) = (vw.min(tw).saturating_sub(5), vw.max(tw));
                if negations.iter().any(|&(ns, nw)| ns == sentence && nw >= lo && nw <= hi) {
                    continue;
                }
                out.push(Hit::new(vs.min(ts), ve.max(te), Confidence::High));
            }
        }
    }
}
