//! Every rule file carries its own examples; this runs them, and checks the file is complete
//! (all six languages, a `why`, examples both ways).
//!
//! The examples are read from the TOML files themselves: the bundle embedded in the checker leaves
//! them out (only tests need them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bedside::rules::spec::RuleExamples;
use bedside::rules::{Examples, RuleBook, RuleSpec};
use bedside::{Checker, Lang, Settings, Severity};

fn specs() -> Vec<&'static RuleSpec> {
    RuleBook::load().expect("embedded rules load").rules.into_iter().map(|r| r.spec).collect()
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Rule id -> its examples, from `crate/rules/**/*.toml` (the files `build.rs` embeds).
fn examples() -> BTreeMap<String, Examples> {
    let mut files = Vec::new();
    toml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"), &mut files);
    let mut out = BTreeMap::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rule: RuleExamples = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(out.insert(rule.id.clone(), rule.examples).is_none(), "{}: duplicate id", rule.id);
    }
    out
}

#[test]
fn every_embedded_rule_has_its_rule_file_and_every_file_is_embedded() {
    let embedded: Vec<String> = specs().into_iter().map(|s| s.id.to_string()).collect();
    let files: Vec<String> = examples().into_keys().collect();
    let mut embedded_sorted = embedded.clone();
    embedded_sorted.sort();
    assert_eq!(embedded_sorted, files);
}

#[test]
fn every_rule_speaks_all_six_languages_and_cites_guidance() {
    let examples = examples();
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
        let ex = &examples[spec.id];
        if (ex.fire.is_empty() && !needs_settings) || ex.clean.is_empty() {
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
        assert!(seen.insert(spec.id), "{}: duplicate id", spec.id);
    }
}

#[test]
fn every_rule_fires_on_its_fire_examples_and_not_on_its_clean_ones() {
    let checker = Checker::new(Settings::default()).unwrap();
    let examples = examples();
    let mut problems = Vec::new();
    for spec in specs() {
        let examples = &examples[spec.id];
        for ex in &examples.fire {
            let lang = ex.lang().unwrap_or_else(|| checker.language_of(ex.text()));
            let findings = checker.check_as(ex.text(), lang);
            if !findings.iter().any(|f| f.rule == spec.id && f.severity != Severity::Hint) {
                let got: Vec<_> = findings.iter().map(|f| format!("{}[{}]", f.rule, f.severity.as_str())).collect();
                problems.push(format!("{}: did not fire on {:?} (read as {}; got {:?})", spec.id, ex.text(), lang.code(), got));
            }
        }
        for ex in &examples.clean {
            let lang = ex.lang().unwrap_or_else(|| checker.language_of(ex.text()));
            let findings = checker.check_as(ex.text(), lang);
            if let Some(f) = findings.iter().find(|f| f.rule == spec.id && f.severity != Severity::Hint) {
                problems.push(format!("{}: fired on clean {:?} at {:?}", spec.id, ex.text(), &ex.text()[f.start..f.end]));
            }
        }
    }
    assert!(problems.is_empty(), "{} example failures:\n{}", problems.len(), problems.join("\n"));
}
