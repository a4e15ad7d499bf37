//! Every rule file carries its own examples; this runs them, and checks the file is complete
//! (all six languages, a `why`, examples both ways).

use bedside::rules::{RuleBook, RuleSpec};
use bedside::{Checker, Lang, Settings, Severity};

fn specs() -> Vec<RuleSpec> {
    RuleBook::load().expect("embedded rules load").rules.into_iter().map(|r| r.spec).collect()
}

#[test]
fn every_rule_speaks_all_six_languages_and_cites_guidance() {
    let mut problems = Vec::new();
    for spec in specs() {
        for lang in Lang::ALL {
            for (field, texts) in [("message", Some(&spec.message)), ("why", Some(&spec.why)), ("suggestion", spec.suggestion.as_ref())] {
                if let Some(texts) = texts {
                    if texts.get(&lang).is_none_or(|t| t.trim().is_empty()) {
                        problems.push(format!("{}: {field} missing in {}", spec.id, lang.code()));
                    }
                }
            }
        }
        // A rule that needs user settings to fire (the private client list) is tested with those
        // settings in its own test file; it says so with `params.needs_settings`.
        let needs_settings = matches!(&spec.kind, bedside::rules::RuleKind::Detector { params, .. } if params.get("needs_settings").is_some());
        if (spec.examples.fire.is_empty() && !needs_settings) || spec.examples.clean.is_empty() {
            problems.push(format!("{}: needs at least one `fire` and one `clean` example", spec.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_ids_are_kebab_case_and_unique() {
    let mut seen = std::collections::BTreeSet::new();
    for spec in specs() {
        assert!(
            spec.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: rule ids are kebab-case",
            spec.id
        );
        assert!(seen.insert(spec.id.clone()), "{}: duplicate id", spec.id);
    }
}

#[test]
fn every_rule_fires_on_its_fire_examples_and_not_on_its_clean_ones() {
    let checker = Checker::new(Settings::default()).unwrap();
    let mut problems = Vec::new();
    for spec in specs() {
        for ex in &spec.examples.fire {
            let lang = ex.lang().unwrap_or_else(|| checker.language_of(ex.text()));
            let findings = checker.check_as(ex.text(), lang);
            if !findings.iter().any(|f| f.rule == spec.id && f.severity != Severity::Hint) {
                let got: Vec<_> = findings.iter().map(|f| format!("{}[{}]", f.rule, f.severity.as_str())).collect();
                problems.push(format!("{}: did not fire on {:?} (read as {}; got {:?})", spec.id, ex.text(), lang.code(), got));
            }
        }
        for ex in &spec.examples.clean {
            let lang = ex.lang().unwrap_or_else(|| checker.language_of(ex.text()));
            let findings = checker.check_as(ex.text(), lang);
            if let Some(f) = findings.iter().find(|f| f.rule == spec.id && f.severity != Severity::Hint) {
                problems.push(format!("{}: fired on clean {:?} at {:?}", spec.id, ex.text(), &ex.text()[f.start..f.end]));
            }
        }
    }
    assert!(problems.is_empty(), "{} example failures:\n{}", problems.len(), problems.join("\n"));
}
