//! Test helpers that read like the spec: `assert_flags(text, rule)`, `assert_clean(text)`.
#![allow(dead_code)]

use bedside::{Checker, Finding, Lang, Settings};

pub fn checker() -> Checker {
    Checker::new(Settings::default()).expect("embedded rules load")
}

pub fn checker_with(settings: Settings) -> Checker {
    Checker::new(settings).expect("embedded rules load")
}

pub fn describe(text: &str, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("  {} [{}] {:?}", f.rule, f.severity.as_str(), &text[f.start..f.end]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails unless `rule` fires (at any severity above hint) somewhere in `text`; returns the flagged pieces.
#[track_caller]
pub fn assert_flags(text: &str, rule: &str) -> Vec<String> {
    let findings = checker().check(text);
    let hits: Vec<String> = findings
        .iter()
        .filter(|f| f.rule == rule && f.severity != bedside::Severity::Hint)
        .map(|f| text[f.start..f.end].to_string())
        .collect();
    assert!(!hits.is_empty(), "expected {rule} on {text:?}; got:\n{}", describe(text, &findings));
    hits
}

/// Fails unless `rule` fires on exactly `piece`.
#[track_caller]
pub fn assert_flags_piece(text: &str, rule: &str, piece: &str) {
    let hits = assert_flags(text, rule);
    assert!(hits.iter().any(|h| h == piece), "expected {rule} on {piece:?} in {text:?}; flagged {hits:?}");
}

/// Fails if anything above a hint is flagged in `text`.
#[track_caller]
pub fn assert_clean(text: &str) {
    let findings: Vec<Finding> = checker().check(text).into_iter().filter(|f| f.severity != bedside::Severity::Hint).collect();
    assert!(findings.is_empty(), "expected no findings on {text:?}; got:\n{}", describe(text, &findings));
}

/// Like `assert_clean`, with the draft's language given.
#[track_caller]
pub fn assert_clean_as(text: &str, lang: Lang) {
    let findings: Vec<Finding> = checker().check_as(text, lang).into_iter().filter(|f| f.severity != bedside::Severity::Hint).collect();
    assert!(findings.is_empty(), "expected no findings on {text:?}; got:\n{}", describe(text, &findings));
}
