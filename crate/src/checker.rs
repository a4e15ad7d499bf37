//! `Checker`: compiled rules plus settings. `check()` takes any text and returns findings; it never
//! fails and never panics on user text.

use std::borrow::Cow;

use regex_lite::Regex;

use crate::detectors::{Confidence, Ctx, Hit};
use crate::finding::{Category, Finding, Severity, SpanKind};
use crate::lang::{self, Lang};
use crate::lexicon::TermSet;
use crate::rules::{RuleBook, UnlessAction, UnlessScope};
use crate::settings::{CustomRule, Settings};
use crate::text::{fold, words, Folded};

struct CompiledCustom {
    rule: CustomRule,
    regex: Option<Regex>,
    terms: TermSet,
}

pub struct Checker {
    /// Shared by every checker in the process: it does not depend on settings, so a settings
    /// change neither recompiles the rules nor rebuilds the per-language automata.
    book: &'static RuleBook,
    settings: Settings,
    custom: Vec<CompiledCustom>,
    /// Allow-list entries reduced to their letters and digits, folded.
    allow_keys: Vec<String>,
    /// Problems with the settings (e.g. a custom pattern that is not a valid regex). The rest of
    /// the settings still apply.
    problems: Vec<String>,
}

/// Letters and digits only, folded: "+46 (0)8-123 45 67" and "4608 1234567" compare by digits.
pub fn allow_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Checker {
    /// Compiles the embedded rules with `settings`. Fails only if the embedded rule data itself is
    /// broken (a build defect the test suite catches); bad settings become `problems()`.
    pub fn new(settings: Settings) -> Result<Checker, String> {
        let book = RuleBook::shared()?;
        let mut problems = Vec::new();
        let mut custom = Vec::new();
        for rule in &settings.custom_rules {
            let regex = match &rule.pattern {
                Some(p) => match regex_lite::RegexBuilder::new(p).size_limit(1 << 20).build() {
                    Ok(r) => Some(r),
                    Err(e) => {
                        problems.push(format!("customRules.{}: invalid pattern: {}", rule.id, e.to_string().lines().last().unwrap_or("")));
                        continue;
                    }
                },
                None => None,
            };
            let terms = TermSet::new(rule.terms.iter().map(|t| (0, t.as_str())));
            custom.push(CompiledCustom { rule: rule.clone(), regex, terms });
        }
        let allow_keys = settings.allow_list.iter().map(|a| allow_key(a)).filter(|k| k.len() >= 3).collect();
        Ok(Checker { book, settings, custom, allow_keys, problems })
    }

    /// Builds the term automaton of `lang` now (it is otherwise built by the first check of a
    /// draft in that language, ~13-36 ms native, ~65-125 ms in WASM), so that an idle moment
    /// pays for it rather than the first keystroke.
    pub fn prepare(&self, lang: Lang) {
        self.book.prepare(lang);
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Ids of all built-in rules.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.book.rules.iter().map(|r| r.spec.id)
    }

    /// The language `check` would read `text` as.
    pub fn language_of(&self, text: &str) -> Lang {
        self.settings.lang_hint.unwrap_or_else(|| lang::detect(text))
    }

    /// Findings for `text`, sorted by position. Byte offsets.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_as(text, self.language_of(text))
    }

    /// Findings for `text` read as language `lang`.
    pub fn check_as(&self, text: &str, lang: Lang) -> Vec<Finding> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        let folded = Folded::new(text);
        let word_list = words(text);
        let matched = self.book.match_terms(&folded, lang);
        let matches = &matched.rules;
        let ctx = Ctx::new(text, &folded, &word_list, lang, &self.settings, &matched.sources);
        let ui = self.settings.ui_lang();

        let mut findings = Vec::new();
        for (i, rule) in self.book.rules.iter().enumerate() {
            let spec = &rule.spec;
            if !self.settings.category_enabled(spec.category)
                || self.settings.disabled_rules.iter().any(|r| r == &spec.id)
                || !rule.applies_to(lang)
            {
                continue;
            }
            let base = self.settings.severity_overrides.get(spec.id).copied().unwrap_or(spec.severity);
            for hit in rule.hits(&ctx, &matches[i]) {
                let mut severity = match hit.confidence {
                    Confidence::High => base,
                    Confidence::Medium => base.lowered(),
                    Confidence::Low => Severity::Hint,
                };
                if let Some(unless) = &spec.unless {
                    let (lo, hi) = match unless.scope {
                        UnlessScope::Sentence => sentence_around(text, hit.start, hit.end),
                        UnlessScope::Post => (0, text.len()),
                    };
                    let silenced = matches[i].unless.iter().any(|m| {
                        let (s, e) = folded.to_original(m.start, m.end);
                        s >= lo && e <= hi
                    }) || (!matches[i].unless_quoted.is_empty() && in_quotes(text, hit.start, hit.end));
                    if silenced {
                        match unless.action {
                            UnlessAction::Suppress => continue,
                            UnlessAction::Lower => severity = severity.lowered(),
                        }
                    }
                }
                findings.push(self.finding(Cow::Borrowed(spec.id), spec.category, severity, spec.span_kind, &hit, spec, ui));
            }
        }
        self.custom_findings(text, &folded, &mut findings);
        self.drop_allowed(text, &mut findings);
        dedup_contained(&mut findings);
        findings
    }

    fn finding(
        &self,
        rule: Cow<'static, str>,
        category: Category,
        severity: Severity,
        kind: SpanKind,
        hit: &Hit,
        spec: &crate::rules::RuleSpec,
        ui: Lang,
    ) -> Finding {
        let pick = |t: &crate::rules::Texts| Cow::Borrowed(t.get(&ui).or_else(|| t.get(&Lang::En)).unwrap_or_default());
        Finding {
            rule,
            category,
            severity,
            kind,
            start: hit.start,
            end: hit.end,
            message: pick(&spec.message),
            why: pick(&spec.why),
            suggestion: spec.suggestion.as_ref().map(pick),
            replacement: hit.replacement.clone(),
        }
    }

    fn custom_findings(&self, text: &str, folded: &Folded, out: &mut Vec<Finding>) {
        for c in &self.custom {
            if !self.settings.category_enabled(c.rule.category) {
                continue;
            }
            let mut spans: Vec<(usize, usize)> = c.terms.find_all(folded).iter().map(|m| folded.to_original(m.start, m.end)).collect();
            if let Some(re) = &c.regex {
                spans.extend(re.find_iter(text).filter(|m| m.start() < m.end()).map(|m| (m.start(), m.end())));
            }
            for (start, end) in spans {
                out.push(Finding {
                    rule: format!("custom.{}", c.rule.id).into(),
                    category: c.rule.category,
                    severity: c.rule.severity,
                    kind: custom_kind(c.rule.category),
                    start,
                    end,
                    message: c.rule.message.clone().into(),
                    why: Cow::Borrowed(""),
                    suggestion: None,
                    replacement: None,
                });
            }
        }
    }

    /// Removes findings whose text is on the allow-list (the clinic's own number, address, ...).
    fn drop_allowed(&self, text: &str, findings: &mut Vec<Finding>) {
        if self.allow_keys.is_empty() {
            return;
        }
        findings.retain(|f| {
            let key = allow_key(&text[f.start..f.end]);
            !self.allow_keys.iter().any(|a| key.len() >= 3 && (key == *a || a.contains(key.as_str()) || (key.len() >= 6 && key.contains(a.as_str())) || same_phone(&key, a)))
        });
    }
}

/// Two digit-only keys name the same phone number when one is the other written with a country
/// code instead of the trunk 0 ("+46 70 123 45 67" and "070-123 45 67"), or with "00".
fn same_phone(a: &str, b: &str) -> bool {
    if !a.bytes().all(|c| c.is_ascii_digit()) || !b.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let a = a.strip_prefix("00").unwrap_or(a);
    let b = b.strip_prefix("00").unwrap_or(b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short = short.strip_prefix('0').unwrap_or(short);
    short.len() >= 7 && long.ends_with(short)
}

fn custom_kind(category: Category) -> SpanKind {
    match category {
        Category::ClientData => SpanKind::CaseDetail,
        Category::Tone => SpanKind::Insult,
        Category::Advice => SpanKind::Advice,
        Category::Claims => SpanKind::Claim,
    }
}

/// The sentence (or line) containing `[start, end)`.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let is_stop = |c: char| matches!(c, '.' | '!' | '?' | '\n' | '…');
    let lo = text[..start].rfind(is_stop).map(|i| i + 1).unwrap_or(0);
    let hi = text[end..].find(is_stop).map(|i| end + i + 1).unwrap_or(text.len());
    (lo, hi.min(text.len()))
}

/// Whether `text[start..end]` stands inside a quotation ("frequent flyers", « cas sociaux »,
/// 'the frequent flyer in bay 3'): an opening mark before it and a closing mark after it, on the
/// same line and at most 80 bytes away on each side. A straight or curly apostrophe counts as a
/// quotation mark only at a word's edge, so "don't" and "it's" open nothing.
pub fn in_quotes(text: &str, start: usize, end: usize) -> bool {
    const REACH: usize = 80;
    let opens = |prev: Option<char>, c: char, next: Option<char>| match c {
        '“' | '„' | '«' | '‹' | '‚' | '「' => true,
        '"' | '\'' | '‘' | '’' | '”' | '»' => {
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | ':' | '—' | '–'))
                && next.is_some_and(|n| !n.is_whitespace())
        }
        _ => false,
    };
    let closes = |prev: Option<char>, c: char, next: Option<char>| match c {
        '”' | '»' | '›' | '」' => true,
        '"' | '\'' | '’' | '‘' | '“' | '«' => {
            prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| n.is_whitespace() || matches!(n, '.' | ',' | '!' | '?' | ';' | ':' | ')' | ']'))
        }
        _ => false,
    };
    // Back from the hit: the nearest quotation mark must open (a closing one means the hit is
    // after a quotation, not in it).
    let lo = floor_boundary(text, start.saturating_sub(REACH));
    let before: Vec<char> = text[lo..start].chars().collect();
    let mut opened = false;
    for k in (0..before.len()).rev() {
        let c = before[k];
        if c == '\n' {
            return false;
        }
        let prev = if k > 0 { Some(before[k - 1]) } else { text[..lo].chars().next_back() };
        let next = before.get(k + 1).copied().or_else(|| text[start..].chars().next());
        if opens(prev, c, next) {
            opened = true;
            break;
        }
        if closes(prev, c, next) {
            return false;
        }
    }
    if !opened {
        return false;
    }
    let hi = floor_boundary(text, (end + REACH).min(text.len()));
    let after: Vec<char> = text[end..hi].chars().collect();
    for k in 0..after.len() {
        let c = after[k];
        if c == '\n' {
            return false;
        }
        let prev = if k > 0 { Some(after[k - 1]) } else { text[..end].chars().next_back() };
        let next = after.get(k + 1).copied().or_else(|| text[hi..].chars().next());
        if closes(prev, c, next) {
            return true;
        }
    }
    false
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts findings and drops one that lies inside another of the same category that is at least as
/// severe, so one risky piece gets one underline.
fn dedup_contained(findings: &mut Vec<Finding>) {
    // By start, then longest first, then most severe first.
    crate::sort::sort_by_key(findings, |f| (f.start, usize::MAX - f.end, usize::MAX - f.severity as usize));
    let mut keep: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings.drain(..) {
        let covered = keep.iter().rev().take(8).any(|k| {
            k.category == f.category && k.start <= f.start && f.end <= k.end && k.severity >= f.severity
        });
        if !covered {
            keep.push(f);
        }
    }
    *findings = keep;
}
