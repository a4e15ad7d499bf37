//! `bedside::pattern` (the small backtracking matcher behind the detectors' fixed patterns) must
//! find exactly what the `regex` crate finds: the same matches, the same capture groups, for every
//! pattern the detectors compile, on generated text (built from each pattern's own words, digits,
//! separators and awkward Unicode: Kelvin sign, long s, dotless i, micro sign, combining marks,
//! other scripts' digits) and on the golden drafts and benchmark pool.

use std::path::Path;

use bedside::{Checker, Settings};

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)).unwrap_or_default()
}

/// Compiles every detector (and their lazily built tables) and returns the patterns they use.
fn detector_patterns() -> Vec<String> {
    let checker = Checker::new(Settings::default()).unwrap();
    for draft in [
        "Saw a 45-year-old from Leeds today, born 12/03/1980, lives at 12 Mill Lane. Take 20mg twice a day. @anna_k",
        "Pacjentka, 45 lat, ur. 12.03.1980, ul. Długa 7. Proszę brać 2 tabletki dziennie. W 3 tygodnie bez bólu.",
        "Patienten, 45 år gammal, född den 3 mars 1980, bor på Storgatan 5. Ta 2 tabletter om dagen.",
        "Patiente de 45 ans, née le 3 mars 1980, habite 12 rue de la Paix. Prenez 2 comprimés matin et soir.",
        "Hasta 45 yaşında, doğum tarihi 03.03.1980, Atatürk Cad. No: 5. Günde 2 tablet alın. 7 günde iyileşir.",
        "Patienten, 45 år, født 03.03.1980, bor på Kløvervej 12. Tag 2 tabletter 3 gange dagligt.",
    ] {
        let _ = checker.check(draft);
    }
    bedside::pattern::compiled_patterns()
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &'a [String]) -> &'a str {
        &v[self.below(v.len())]
    }
}

const AWKWARD: &[&str] = &[
    "\u{212A}", "\u{17F}", "ı", "İ", "µ", "μ", "Μ", "Å", "\u{212B}", "²", "½", "¼", "¾", "\u{200D}", "\u{301}", "e\u{301}",
    "٣", "१", "\u{2003}", "\u{a0}", "\u{85}", "\n", "_", "ß", "ẞ", "é", "É", "Ö", "ö", "Ø", "ł", "Ł", "ş", "Ş", "ğ", "ü", "Ü",
    "’", "'", "°", "№", "😀", "\u{FE0F}", "Σ", "ς", "ǅ",
];

const SEPARATORS: &[&str] = &[" ", " ", " ", ".", "-", "/", "+", "(", ")", ",", ":", ";", "#", "@", "(0)", ") ", " (", ", ", ". "];

/// Pieces to build haystacks from: the pattern's own words in several cases, digits, separators.
fn pieces(pattern: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in pattern.chars().chain([' ']) {
        if c.is_alphabetic() {
            cur.push(c);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    words.sort();
    words.dedup();
    let mut out: Vec<String> = Vec::new();
    for w in &words {
        out.push(w.clone());
        out.push(w.to_uppercase());
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            out.push(f.to_uppercase().chain(cs).collect());
        }
    }
    out
}

fn haystack(rng: &mut Rng, words: &[String]) -> String {
    let mut s = String::new();
    let n = rng.below(24);
    for _ in 0..n {
        match rng.below(10) {
            0..=2 if !words.is_empty() => s.push_str(rng.pick(words)),
            3..=5 => {
                let max = if rng.below(3) == 0 { 12 } else { 4 };
                let len = 1 + rng.below(max);
                for _ in 0..len {
                    s.push((b'0' + rng.below(10) as u8) as char);
                }
            }
            6 | 7 => s.push_str(SEPARATORS[rng.below(SEPARATORS.len())]),
            8 => s.push_str(AWKWARD[rng.below(AWKWARD.len())]),
            _ => s.push((b'a' + rng.below(26) as u8) as char),
        }
    }
    s
}

/// Changes case, swaps in look-alikes, drops or inserts a character here and there.
fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match rng.below(12) {
            0 => out.extend(c.to_uppercase()),
            1 => out.extend(c.to_lowercase()),
            2 => out.push_str(match c {
                'k' | 'K' => "\u{212A}",
                's' | 'S' => "\u{17F}",
                'i' => "ı",
                'I' => "İ",
                'µ' => "Μ",
                'å' | 'Å' => "\u{212B}",
                '0'..='9' => "٣",
                ' ' => "\u{a0}",
                _ => AWKWARD[rng.below(AWKWARD.len())],
            }),
            3 => {}
            4 => {
                out.push(c);
                out.push_str(SEPARATORS[rng.below(SEPARATORS.len())]);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every match and capture group, as byte spans.
fn ours(re: &bedside::pattern::Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
    re.captures_iter(hay).map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect()).collect()
}

fn theirs(re: &regex::Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
    re.captures_iter(hay).map(|c| (0..c.len()).map(|i| c.get(i).map(|m| (m.start(), m.end()))).collect()).collect()
}

fn compare(pattern: &str, ours_re: &bedside::pattern::Regex, theirs_re: &regex::Regex, hay: &str) {
    let (a, b) = (ours(ours_re, hay), theirs(theirs_re, hay));
    assert_eq!(a, b, "pattern {pattern:?} on {hay:?}");
    assert_eq!(ours_re.is_match(hay), theirs_re.is_match(hay), "is_match: pattern {pattern:?} on {hay:?}");
    let fa: Vec<(usize, usize)> = ours_re.find_iter(hay).map(|m| (m.start(), m.end())).collect();
    let fb: Vec<(usize, usize)> = theirs_re.find_iter(hay).map(|m| (m.start(), m.end())).collect();
    assert_eq!(fa, fb, "find_iter: pattern {pattern:?} on {hay:?}");
}

#[test]
fn every_detector_pattern_matches_like_regex() {
    let patterns = detector_patterns();
    // National IDs (9 schemes, some share one), phone, record number, date of birth, five address
    // forms, locality, names, handle, dose, five time-span patterns, age.
    assert!(patterns.len() >= 20, "only {} patterns recorded: {patterns:?}", patterns.len());
    assert!(patterns.iter().any(|p| p.contains("yaşında")), "the age pattern was not compiled");
    let mut texts: Vec<String> = Vec::new();
    for lang in ["en", "sv", "pl", "fr", "da", "tr"] {
        for topic in ["advice", "basics", "claims", "client_data", "tone"] {
            texts.push(repo_file(&format!("tests/golden/{lang}/{topic}.txt")));
        }
    }
    texts.extend(repo_file("tests/bench/pool.txt").lines().map(str::to_string));
    assert!(texts.iter().map(String::len).sum::<usize>() > 10_000, "golden drafts and bench pool not found");
    let mut rng = Rng(0x5EED_0F_BED_51DE);
    for p in &patterns {
        let a = bedside::pattern::Regex::new(p).unwrap();
        let b = regex::Regex::new(p).unwrap();
        for t in &texts {
            compare(p, &a, &b, t);
            // Folded too (quick-fix spans run on folded text).
            compare(p, &a, &b, &bedside::text::fold(t));
        }
        let words = pieces(p);
        for _ in 0..3000 {
            let hay = haystack(&mut rng, &words);
            compare(p, &a, &b, &hay);
        }
        // Text the pattern matches, between random pieces, then mutated.
        let mut seed = rng.next() | 1;
        for _ in 0..3000 {
            let mut hay = haystack(&mut rng, &words);
            hay.truncate(hay.char_indices().nth(rng.below(6)).map_or(hay.len(), |(i, _)| i));
            hay.push_str(&bedside::pattern::sample(&a, &mut seed));
            let tail = haystack(&mut rng, &words);
            hay.push_str(&tail[..tail.char_indices().nth(rng.below(6)).map_or(tail.len(), |(i, _)| i)]);
            compare(p, &a, &b, &hay);
            let mutated = mutate(&mut rng, &hay);
            compare(p, &a, &b, &mutated);
        }
    }
}

/// All Unicode scalar values, in order.
fn all_chars() -> String {
    (0u32..=0x10FFFF).filter_map(char::from_u32).collect()
}

#[test]
fn unicode_classes_and_case_folding_match_regex() {
    let hay = all_chars();
    let mut pats: Vec<String> = [r"\w", r"\d", r"\s", r"\W", r"\D", r"\S", r"\b", r"\B", r"(?-u:\b)x", r"(?i)[a-z]", r"(?i)[^a-z]", r"(?i)[0-9a-f]+"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // Every letter the detectors' patterns use, case-insensitively.
    let mut letters: Vec<char> = detector_patterns().iter().flat_map(|p| p.chars()).filter(|c| c.is_alphabetic()).collect();
    letters.extend('a'..='z');
    letters.sort();
    letters.dedup();
    pats.extend(letters.iter().map(|c| format!("(?i){c}")));
    for p in &pats {
        let a = bedside::pattern::Regex::new(p).unwrap();
        let b = regex::Regex::new(p).unwrap();
        let fa: Vec<(usize, usize)> = a.find_iter(&hay).map(|m| (m.start(), m.end())).collect();
        let fb: Vec<(usize, usize)> = b.find_iter(&hay).map(|m| (m.start(), m.end())).collect();
        assert_eq!(fa.len(), fb.len(), "{p}: {} matches, regex finds {}", fa.len(), fb.len());
        assert!(fa == fb, "{p}: matches differ from regex");
    }
}

#[test]
fn syntax_outside_the_subset_is_refused() {
    for bad in ["a*?", "(a", "a)", "[a", r"\p{L}", "a{3,2}", "(?P<x>a)", "*a", r"(?i)Ж"] {
        assert!(bedside::pattern::Regex::new(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn small_cases_behave_like_regex() {
    for (p, hay) in [
        ("a|ab", "ab"),
        ("(a|ab)(c|bcd)", "abcd"),
        ("(?:a+)+b", "aaab"),
        ("x*", "axxb"),
        ("", "abc"),
        ("^a", "aa"),
        ("a$", "aa"),
        (r"(\d+)-(\d+)?", "12-x 3-4"),
        (r"(?i:rue)", "RUE Rue rue"),
        (r"(?x) a \  b # comment", "a b"),
        (r"[\s-]?x", "a-x b x"),
        (r"\bé\b", "é é"),
        (r"(a)|b", "b a"),
    ] {
        let a = bedside::pattern::Regex::new(p).unwrap();
        let b = regex::Regex::new(p).unwrap();
        compare(p, &a, &b, hay);
    }
}

/// Users' own patterns (settings and policy `customRules`) run on `regex-lite`, not on this
/// matcher: linear time whatever the pattern, and its documented limits.
#[test]
fn custom_rule_patterns_use_regex_lite() {
    let settings: Settings = serde_json::from_str(
        r#"{"customRules": [
            {"id": "rec", "category": "client_data", "severity": "critical", "pattern": "\\bRJX-\\d{6}\\b", "message": "m"},
            {"id": "broken", "category": "client_data", "severity": "critical", "pattern": "(unclosed", "message": "m"},
            {"id": "look", "category": "client_data", "severity": "critical", "pattern": "(?<=a)b", "message": "m"},
            {"id": "ascii", "category": "client_data", "severity": "critical", "pattern": "(?i)öl\\w*", "message": "m"}
        ]}"#,
    )
    .unwrap();
    let checker = Checker::new(settings).unwrap();
    let problems = checker.problems().join("\n");
    assert!(problems.contains("customRules.broken: invalid pattern"), "{problems}");
    assert!(problems.contains("customRules.look: invalid pattern"), "{problems}");
    assert!(!problems.contains("customRules.rec") && !problems.contains("customRules.ascii"), "{problems}");
    let spans = |text: &str, rule: &str| -> Vec<String> {
        checker.check(text).iter().filter(|f| f.rule == rule).map(|f| text[f.start..f.end].to_string()).collect()
    };
    assert_eq!(spans("See RJX-123456 and RJX-1234567.", "custom.rec"), ["RJX-123456"]);
    // `(?i)`, `\w` and `\b` are ASCII-only: "Öl" is not "öl", and `\w` stops before "ü".
    assert_eq!(spans("öl Öl ölmüş", "custom.ascii"), ["öl", "ölm"]);
}

#[test]
fn canonical_decomposition_matches_unicode_normalization() {
    for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        bedside::decompose::decompose_canonical(c, |d| a.push(d));
        unicode_normalization::char::decompose_canonical(c, |d| b.push(d));
        assert_eq!(a, b, "U+{:04X}", c as u32);
    }
}

/// A megabyte of grouped digits (one long phone-number candidate) must not exhaust the stack.
#[test]
fn long_runs_of_grouped_digits_do_not_overflow_the_stack() {
    let checker = Checker::new(Settings::default()).unwrap();
    for text in ["1234567890 ".repeat(100_000), "12 34 ".repeat(200_000), "(0) 1-2.3 ".repeat(100_000)] {
        let _ = checker.check(&text);
    }
}
