//! Golden snapshots: every `tests/golden/<lang>/<topic>.txt` holds drafts separated by lines that
//! contain only `---`. The checker (default settings, no language hint: it works the language out
//! as in the extension) runs over each draft, and the result must equal `<topic>.snap` beside it:
//!
//! ```text
//! === draft 1
//! the draft, as written
//! --- findings
//! client_data.mrn critical "MRN 4482913"
//! ```
//!
//! `BLESS=1 cargo test --test golden` rewrites the snapshots; review them as diffs before
//! committing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bedside::{Checker, Settings};

const HEADER: &str = "# Golden snapshot: the drafts of the .txt beside this file and what the checker flags in each\n# (rule severity \"flagged text\"). Regenerate with `BLESS=1 cargo test --test golden`; review the diff.\n";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("golden")
}

/// Drafts of a golden file: split at lines that are exactly `---`, surrounding blank lines trimmed.
pub fn drafts(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut flush = |cur: &mut Vec<&str>| {
        let joined = cur.join("\n");
        let trimmed = joined.trim_matches('\n');
        if !trimmed.trim().is_empty() {
            out.push(trimmed.to_string());
        }
        cur.clear();
    };
    for line in source.lines() {
        if line.trim_end_matches('\r') == "---" {
            flush(&mut cur);
        } else {
            cur.push(line.trim_end_matches('\r'));
        }
    }
    flush(&mut cur);
    out
}

fn render(checker: &Checker, source: &str) -> String {
    let mut snap = String::from(HEADER);
    for (i, draft) in drafts(source).iter().enumerate() {
        let _ = writeln!(snap, "\n=== draft {}", i + 1);
        let _ = writeln!(snap, "{draft}");
        let _ = writeln!(snap, "--- findings");
        let findings = checker.check(draft);
        if findings.is_empty() {
            let _ = writeln!(snap, "(none)");
        }
        for f in findings {
            let _ = writeln!(snap, "{} {} {:?}", f.rule, f.severity.as_str(), &draft[f.start..f.end]);
        }
    }
    snap
}

/// Lines that differ, with the draft they belong to, so a failure reads without a diff tool.
fn describe_diff(expected: &str, actual: &str) -> String {
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    let mut draft = "";
    let mut shown = 0;
    for i in 0..exp.len().max(act.len()) {
        let (e, a) = (exp.get(i).copied(), act.get(i).copied());
        if let Some(l) = a.filter(|l| l.starts_with("=== ")) {
            draft = l;
        }
        if e != a && shown < 20 {
            shown += 1;
            let _ = writeln!(out, "  at {draft}:\n    - {}\n    + {}", e.unwrap_or("<nothing>"), a.unwrap_or("<nothing>"));
        }
    }
    out
}

#[test]
fn golden_snapshots_match() {
    let bless = std::env::var("BLESS").map(|v| v == "1").unwrap_or(false);
    let checker = Checker::new(Settings::default()).expect("embedded rules load");
    let mut failures = Vec::new();
    let mut seen = 0;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(golden_dir()).expect("tests/golden exists").flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        files.sort();
        for path in &files {
            let name = path.strip_prefix(golden_dir()).unwrap_or(path).display().to_string();
            match path.extension().and_then(|e| e.to_str()) {
                Some("txt") => {}
                Some("snap") => {
                    if !path.with_extension("txt").exists() {
                        failures.push(format!("{name}: no .txt beside it; delete the stale snapshot"));
                    }
                    continue;
                }
                _ => continue,
            }
            seen += 1;
            let source = std::fs::read_to_string(path).unwrap();
            let actual = render(&checker, &source);
            let snap_path = path.with_extension("snap");
            if bless {
                std::fs::write(&snap_path, &actual).unwrap();
                continue;
            }
            match std::fs::read_to_string(&snap_path) {
                Err(_) => failures.push(format!("{name}: no snapshot; run `BLESS=1 cargo test --test golden` and review the new .snap")),
                Ok(expected) if expected.replace("\r\n", "\n") != actual => failures.push(format!(
                    "{name}: findings changed (run `BLESS=1 cargo test --test golden` if the change is right):\n{}",
                    describe_diff(&expected.replace("\r\n", "\n"), &actual)
                )),
                Ok(_) => {}
            }
        }
    }
    assert!(seen > 0, "no golden files under {}", golden_dir().display());
    assert!(failures.is_empty(), "{} golden file(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn drafts_split_on_dash_lines_only() {
    let d = drafts("one\n---\n\ntwo\nlines\n\n---\n--- not a separator\n---\n\n");
    assert_eq!(d, vec!["one".to_string(), "two\nlines".to_string(), "--- not a separator".to_string()]);
}

#[test]
fn a_snapshot_shows_each_draft_and_its_flagged_text() {
    let settings: Settings = serde_json::from_str(
        r#"{"customRules": [{"id": "ward", "category": "client_data", "severity": "critical", "terms": ["ward 7b"], "message": "m"}]}"#,
    )
    .unwrap();
    let checker = Checker::new(settings).unwrap();
    let snap = render(&checker, "On Ward 7B today\n---\n");
    assert!(snap.ends_with("\n=== draft 1\nOn Ward 7B today\n--- findings\ncustom.ward critical \"Ward 7B\"\n"), "{snap}");
}
