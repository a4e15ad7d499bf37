//! Finds every rule file (`rules/**/*.toml`) and lexicon (`lexicons/<lang>/*.txt`) and embeds them
//! as one JSON document. Nothing lists them by hand: a new file is picked up by the next build.
//!
//! The document holds only what the checker reads at run time: a rule's `examples` stay in its
//! TOML file (`crate/tests/rules.rs` reads them from there), and a lexicon is one string, its
//! terms joined by newlines, not a JSON array.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn files_with_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_with_ext(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=lexicons");

    let mut rule_files = Vec::new();
    files_with_ext(&root.join("rules"), "toml", &mut rule_files);
    rule_files.sort();
    let mut rules = Vec::new();
    for path in &rule_files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: invalid TOML: {e}", path.display()));
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let id = value.get("id").and_then(|v| v.as_str()).unwrap_or_default();
        assert_eq!(id, stem, "{}: the rule id must equal the file name", path.display());
        const KEYS: &[&str] = &[
            "id", "category", "severity", "span_kind", "kind", "languages", "message", "why", "suggestion", "unless",
            "examples", "terms", "groups", "window", "same_sentence", "detector", "params",
        ];
        if let Some(table) = value.as_table() {
            for key in table.keys() {
                assert!(KEYS.contains(&key.as_str()), "{}: unknown key `{key}`", path.display());
            }
        }
        let mut value = value;
        if let Some(table) = value.as_table_mut() {
            table.remove("examples");
        }
        rules.push(serde_json::to_value(&value).unwrap());
    }

    let mut lexicons: BTreeMap<String, String> = BTreeMap::new();
    let mut lexicon_files = Vec::new();
    files_with_ext(&root.join("lexicons"), "txt", &mut lexicon_files);
    lexicon_files.sort();
    for path in &lexicon_files {
        println!("cargo:rerun-if-changed={}", path.display());
        let lang = path.parent().and_then(|p| p.file_name()).unwrap().to_string_lossy().to_string();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let terms = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        lexicons.insert(format!("{lang}/{name}"), terms);
    }

    let bundle = serde_json::json!({ "rules": rules, "lexicons": lexicons });
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("rules.json");
    fs::write(out, serde_json::to_string(&bundle).unwrap()).unwrap();

    unicode_tables();
}

/// The Unicode data `src/pattern.rs` needs to match exactly like the `regex` crate, taken from
/// `regex-syntax` at build time (so the WASM package carries a few KB of ranges, not the crate):
/// `\w`, `\d` and `\s` as ranges, and the simple case-folding orbits of every character below
/// U+0250 (Latin), each orbit whole (`µ` brings `μ` and `Μ`), as "next member" pairs.
fn unicode_tables() {
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};
    use std::fmt::Write;
    let ranges = |pat: &str| -> Vec<(char, char)> {
        let hir = regex_syntax::Parser::new().parse(pat).unwrap();
        match hir.kind() {
            HirKind::Class(Class::Unicode(c)) => c.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            other => panic!("{pat}: unexpected {other:?}"),
        }
    };
    let mut src = String::new();
    for (name, pat) in [("WORD", r"\w"), ("DIGIT", r"\d"), ("SPACE", r"\s")] {
        let _ = write!(src, "pub static {name}: &[(char, char)] = &[");
        for (a, b) in ranges(pat) {
            let _ = write!(src, "({a:?}, {b:?}),");
        }
        src.push_str("];\n");
    }
    // Orbits under simple case folding, for the characters the detectors' patterns can use.
    let mut next: BTreeMap<char, char> = BTreeMap::new();
    for c in (0u32..0x250).filter_map(char::from_u32) {
        if next.contains_key(&c) {
            continue;
        }
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        let orbit: Vec<char> = class.ranges().iter().flat_map(|r| r.start()..=r.end()).collect();
        if orbit.len() < 2 {
            continue;
        }
        for (i, &m) in orbit.iter().enumerate() {
            next.insert(m, orbit[(i + 1) % orbit.len()]);
        }
    }
    src.push_str("pub static FOLD_NEXT: &[(char, char)] = &[");
    for (a, b) in next {
        let _ = write!(src, "({a:?}, {b:?}),");
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("unicode_tables.rs");
    fs::write(out, src).unwrap();
    decomposition_table();
}

/// Canonical decompositions (`src/decompose.rs`), from `unicode-normalization` at build time:
/// sorted keys, offsets into one array of characters. Hangul syllables are computed, not listed.
fn decomposition_table() {
    use std::fmt::Write;
    let (mut keys, mut offsets, mut chars) = (String::new(), String::from("0,"), String::new());
    let mut n = 0usize;
    for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
        if (0xAC00..0xAC00 + 11172).contains(&(c as u32)) {
            continue;
        }
        let mut parts = Vec::new();
        unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
        if parts == [c] {
            continue;
        }
        let _ = write!(keys, "{},", c as u32);
        for d in &parts {
            let _ = write!(chars, "{d:?},");
        }
        n += parts.len();
        let _ = write!(offsets, "{n},");
    }
    assert!(n < u16::MAX as usize);
    let src = format!(
        "pub static KEYS: &[u32] = &[{keys}];\npub static OFFSETS: &[u16] = &[{offsets}];\npub static CHARS: &[char] = &[{chars}];\n"
    );
    fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("decompose_tables.rs"), src).unwrap();
}
