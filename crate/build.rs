//! Finds every rule file (`rules/**/*.toml`) and lexicon (`lexicons/<lang>/*.txt`) and embeds them
//! as Rust statics (`OUT_DIR/rules.rs`, of the types in `src/rules/spec.rs`). Nothing lists them
//! by hand: a new file is picked up by the next build. A rule file with an unknown key, a missing
//! field or a bad value fails the build with the file's name and the reason.
//!
//! Only what the checker reads at run time is embedded: a rule's `examples` stay in its TOML file
//! (`crate/tests/rules.rs` reads them from there), and a lexicon is one string, its terms joined
//! by newlines.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// `Category`, `Severity` and `SpanKind` with their serde names: the same enums the checker uses,
/// so a value the checker would not know fails here.
#[allow(dead_code)]
#[path = "src/finding.rs"]
mod finding;

/// Draft and UI languages, in `Lang` order (`Lang::index`); the generated code names the variants,
/// so a language missing from `Lang` fails to compile.
const LANGS: [&str; 6] = ["en", "sv", "pl", "fr", "da", "tr"];

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

/// A rule file as written (see `docs/rules.md`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    category: finding::Category,
    severity: finding::Severity,
    span_kind: finding::SpanKind,
    kind: Kind,
    languages: Option<Vec<String>>,
    message: BTreeMap<String, String>,
    why: BTreeMap<String, String>,
    suggestion: Option<BTreeMap<String, String>>,
    unless: Option<Unless>,
    /// Read by the tests from the file; not embedded.
    #[allow(dead_code)]
    examples: Option<toml::Value>,
    terms: Option<Terms>,
    groups: Option<Vec<Terms>>,
    window: Option<usize>,
    same_sentence: Option<bool>,
    detector: Option<String>,
    params: Option<toml::Table>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Lexicon,
    Proximity,
    Detector,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Terms {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    sv: Vec<String>,
    #[serde(default)]
    pl: Vec<String>,
    #[serde(default)]
    fr: Vec<String>,
    #[serde(default)]
    da: Vec<String>,
    #[serde(default)]
    tr: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "snake_case")]
enum UnlessScope {
    #[default]
    Sentence,
    Post,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "snake_case")]
enum UnlessAction {
    #[default]
    Suppress,
    Lower,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unless {
    #[serde(default)]
    scope: UnlessScope,
    #[serde(default)]
    action: UnlessAction,
    #[serde(default)]
    terms: Terms,
    #[serde(default)]
    quoted: Option<Terms>,
}

fn variant(code: &str) -> String {
    let mut c = code.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// Where a string goes in [`Pool`]: its UI texts or its terms by language, so that text in one
/// language lies together (`Pool::layout`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shelf {
    /// A rule's message, why and suggestion in `LANGS[i]`.
    Texts(usize),
    /// Names: rule ids, detector names, params, lexicon keys.
    Names,
    /// Terms for every language (`any`).
    AnyTerms,
    /// Terms and lexicons of `LANGS[i]`.
    Terms(usize),
}

/// All the strings of `rules.rs` in one `static POOL: &str`, the rules pointing into it
/// (`at(POOL, start, len)`). Strings are laid out by shelf, not in rule order: a rule's six
/// translations side by side made gzip switch language every sentence, and the same language
/// together compresses ~1.5 KB smaller in the WASM package (issue 2). Equal strings are stored once.
#[derive(Default)]
struct Pool {
    strings: Vec<(Shelf, String)>,
    index: BTreeMap<String, usize>,
}

impl Pool {
    /// A stand-in for `s` in the generated source, replaced by `at(..)` in [`Pool::finish`]. The
    /// marker (U+0001) never occurs in the source otherwise: `{:?}` escapes control characters.
    fn lit(&mut self, shelf: Shelf, s: &str) -> String {
        if s.is_empty() {
            return "\"\"".to_string();
        }
        let n = *self.index.entry(s.to_string()).or_insert_with(|| {
            self.strings.push((shelf, s.to_string()));
            self.strings.len() - 1
        });
        format!("\u{1}{n}\u{1}")
    }

    /// `src` with every stand-in pointing into the pool, and the pool itself.
    fn finish(&self, src: &str) -> String {
        let mut order: Vec<usize> = (0..self.strings.len()).collect();
        order.sort_by_key(|&i| self.strings[i].0); // stable: rule order within a shelf
        let (mut pool, mut place) = (String::new(), vec![(0, 0); self.strings.len()]);
        for i in order {
            place[i] = (pool.len(), self.strings[i].1.len());
            pool.push_str(&self.strings[i].1);
        }
        let mut out = String::with_capacity(src.len());
        let mut parts = src.split('\u{1}');
        out.push_str(parts.next().unwrap());
        while let (Some(n), Some(rest)) = (parts.next(), parts.next()) {
            let (start, len) = place[n.parse::<usize>().unwrap()];
            write!(out, "at(POOL, {start}, {len})").unwrap();
            out.push_str(rest);
        }
        write!(out, "static POOL: &str = {pool:?};\n").unwrap();
        out
    }
}

/// One term list, its terms joined by newlines (`Terms::iter` splits it).
fn term_list(pool: &mut Pool, shelf: Shelf, items: &[String]) -> Result<String, String> {
    if let Some(t) = items.iter().find(|t| t.trim().is_empty() || t.contains('\n')) {
        return Err(format!("term {t:?}: empty, or with a line break"));
    }
    Ok(pool.lit(shelf, &items.join("\n")))
}

fn terms_rs(pool: &mut Pool, t: &Terms) -> Result<String, String> {
    Ok(format!(
        "Terms {{ any: {}, en: {}, sv: {}, pl: {}, fr: {}, da: {}, tr: {} }}",
        term_list(pool, Shelf::AnyTerms, &t.any)?,
        term_list(pool, Shelf::Terms(0), &t.en)?,
        term_list(pool, Shelf::Terms(1), &t.sv)?,
        term_list(pool, Shelf::Terms(2), &t.pl)?,
        term_list(pool, Shelf::Terms(3), &t.fr)?,
        term_list(pool, Shelf::Terms(4), &t.da)?,
        term_list(pool, Shelf::Terms(5), &t.tr)?
    ))
}

fn texts_rs(pool: &mut Pool, t: &BTreeMap<String, String>, what: &str) -> Result<String, String> {
    if let Some(k) = t.keys().find(|k| !LANGS.contains(&k.as_str())) {
        return Err(format!("{what}: unknown language `{k}` (one of {LANGS:?})"));
    }
    let mut s = String::from("Texts([");
    for (i, l) in LANGS.iter().enumerate() {
        match t.get(*l) {
            Some(v) => write!(s, "Some({}),", pool.lit(Shelf::Texts(i), v)).unwrap(),
            None => s.push_str("None,"),
        }
    }
    s.push_str("])");
    Ok(s)
}

/// The rule as a `RuleSpec` expression.
fn rule_rs(pool: &mut Pool, r: &RuleFile) -> Result<String, String> {
    let misplaced = |keys: &[(&str, bool)]| -> Result<(), String> {
        match keys.iter().find(|(_, present)| *present) {
            Some((k, _)) => Err(format!("`{k}` does not belong in a rule of kind {:?}", r.kind)),
            None => Ok(()),
        }
    };
    let kind = match r.kind {
        Kind::Lexicon => {
            misplaced(&[("groups", r.groups.is_some()), ("window", r.window.is_some()), ("same_sentence", r.same_sentence.is_some()), ("detector", r.detector.is_some()), ("params", r.params.is_some())])?;
            let terms = r.terms.as_ref().ok_or("a lexicon rule needs `terms`")?;
            format!("RuleKind::Lexicon {{ terms: {} }}", terms_rs(pool, terms)?)
        }
        Kind::Proximity => {
            misplaced(&[("terms", r.terms.is_some()), ("detector", r.detector.is_some()), ("params", r.params.is_some())])?;
            let groups = r.groups.as_ref().ok_or("a proximity rule needs `groups`")?;
            let window = r.window.ok_or("a proximity rule needs `window`")?;
            let groups = groups.iter().map(|g| terms_rs(pool, g)).collect::<Result<Vec<_>, _>>()?;
            format!(
                "RuleKind::Proximity {{ groups: &[{}], window: {window}, same_sentence: {} }}",
                groups.join(","),
                r.same_sentence.unwrap_or(false)
            )
        }
        Kind::Detector => {
            misplaced(&[("terms", r.terms.is_some()), ("groups", r.groups.is_some()), ("window", r.window.is_some()), ("same_sentence", r.same_sentence.is_some())])?;
            let detector = r.detector.as_ref().ok_or("a detector rule needs `detector`")?;
            let mut params = String::from("Params(&[");
            for (k, v) in r.params.iter().flatten() {
                let v = match v {
                    toml::Value::String(s) => format!("Param::Str({})", pool.lit(Shelf::Names, s)),
                    toml::Value::Integer(i) => format!("Param::Int({i})"),
                    toml::Value::Boolean(b) => format!("Param::Bool({b})"),
                    other => return Err(format!("params.{k}: only strings, integers and booleans are supported, not {}", other.type_str())),
                };
                write!(params, "({}, {v}),", pool.lit(Shelf::Names, k)).unwrap();
            }
            params.push_str("])");
            format!("RuleKind::Detector {{ detector: {}, params: {params} }}", pool.lit(Shelf::Names, detector))
        }
    };
    let languages = match &r.languages {
        None => "None".to_string(),
        Some(ls) => {
            let mut s = String::from("Some(&[");
            for l in ls {
                if !LANGS.contains(&l.as_str()) {
                    return Err(format!("languages: unknown language `{l}` (one of {LANGS:?})"));
                }
                write!(s, "Lang::{},", variant(l)).unwrap();
            }
            s.push_str("])");
            s
        }
    };
    let suggestion = match &r.suggestion {
        None => "None".to_string(),
        Some(t) => format!("Some({})", texts_rs(pool, t, "suggestion")?),
    };
    let unless = match &r.unless {
        None => "None".to_string(),
        Some(u) => format!(
            "Some(Unless {{ scope: UnlessScope::{:?}, action: UnlessAction::{:?}, terms: {}, quoted: {} }})",
            u.scope,
            u.action,
            terms_rs(pool, &u.terms)?,
            match &u.quoted {
                None => "None".to_string(),
                Some(q) => format!("Some({})", terms_rs(pool, q)?),
            }
        ),
    };
    let id = pool.lit(Shelf::Names, &r.id);
    Ok(format!(
        "RuleSpec {{ id: {id}, category: Category::{:?}, severity: Severity::{:?}, span_kind: SpanKind::{:?}, kind: {kind}, languages: {languages}, message: {}, why: {}, suggestion: {suggestion}, unless: {unless} }}",
        r.category,
        r.severity,
        r.span_kind,
        texts_rs(pool, &r.message, "message")?,
        texts_rs(pool, &r.why, "why")?,
    ))
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=lexicons");
    println!("cargo:rerun-if-changed=src/finding.rs");

    let mut rule_files = Vec::new();
    files_with_ext(&root.join("rules"), "toml", &mut rule_files);
    rule_files.sort();
    let mut pool = Pool::default();
    let mut src = String::from("pub static RULES: &[RuleSpec] = &[\n");
    for path in &rule_files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rule: RuleFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: invalid rule file: {e}", path.display()));
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        assert_eq!(rule.id, stem, "{}: the rule id must equal the file name", path.display());
        let rs = rule_rs(&mut pool, &rule).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        src.push_str(&rs);
        src.push_str(",\n");
    }
    src.push_str("];\n");

    let mut lexicons: BTreeMap<String, String> = BTreeMap::new();
    let mut lexicon_files = Vec::new();
    files_with_ext(&root.join("lexicons"), "txt", &mut lexicon_files);
    lexicon_files.sort();
    for path in &lexicon_files {
        println!("cargo:rerun-if-changed={}", path.display());
        let lang = path.parent().and_then(|p| p.file_name()).unwrap().to_string_lossy().to_string();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let terms: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        lexicons.insert(format!("{lang}/{name}"), front_coded(&terms));
    }
    src.push_str("pub static LEXICONS: &[(&str, &str)] = &[\n");
    for (k, v) in &lexicons {
        let lang = LANGS.iter().position(|l| k.starts_with(&format!("{l}/"))).expect("a lexicon under a language's folder");
        writeln!(src, "({}, {}),", pool.lit(Shelf::Names, k), pool.lit(Shelf::Terms(lang), v)).unwrap();
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("rules.rs");
    fs::write(out, pool.finish(&src)).unwrap();

    unicode_tables();
}

/// A lexicon's terms, in file order, each as the number of leading bytes it shares with the term
/// before it (a char: `'0'` plus the count), then the rest of it; joined by newlines. The files are
/// sorted, so neighbours share most of their letters and the list gzips ~1.3 KB smaller in the WASM
/// package (issue 2). `rules::spec::lexicons` decodes it once at load.
fn front_coded(terms: &[&str]) -> String {
    let mut out = String::new();
    let mut prev = "";
    for term in terms {
        assert!(!term.contains('\n'));
        // Shared bytes up to a char boundary, so the rest is itself a valid `str`.
        let shared = prev
            .char_indices()
            .zip(term.char_indices())
            .find(|((_, a), (_, b))| a != b)
            .map_or(prev.len().min(term.len()), |((i, _), _)| i);
        let shared = if term.is_char_boundary(shared) && prev.is_char_boundary(shared) { shared } else { 0 };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push(char::from_u32('0' as u32 + shared as u32).unwrap());
        out.push_str(&term[shared..]);
        prev = term;
    }
    out
}

/// The Unicode data `src/pattern.rs` needs to match exactly like the `regex` crate, taken from
/// `regex-syntax` at build time (so the WASM package carries a few KB of ranges, not the crate):
/// `\w`, `\d` and `\s` as ranges, and the simple case-folding orbits of every character below
/// U+0250 (Latin), each orbit whole (`µ` brings `μ` and `Μ`), as "next member" pairs.
/// Appends `v` as a LEB128 varint (read back by `decompose::read_varint`).
fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7F) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

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
    // The classes packed as varints (gap from the previous range's end, then length), unpacked by
    // `pattern::unpack_ranges` (issue 2: WASM size; `\w`'s ~800 ranges ~1.5 KB smaller gzipped than
    // `(char, char)` pairs, `\d`'s 72 a few hundred bytes).
    for (name, pat) in [("DIGIT_PACKED", r"\d"), ("SPACE_PACKED", r"\s"), ("WORD_PACKED", r"\w")] {
        let mut packed = Vec::new();
        let mut prev_end = 0u32;
        for (a, b) in ranges(pat) {
            varint(&mut packed, a as u32 - prev_end);
            varint(&mut packed, b as u32 - a as u32);
            prev_end = b as u32;
        }
        let _ = write!(src, "pub static {name}: &[u8] = &{packed:?};\n");
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
    // Packed like `\w` (issue 2: ~0.9 KB smaller gzipped than `(char, char)` pairs): per pair,
    // the gap from the previous pair's first char, then the second char's distance from the first,
    // zigzag-coded (orbits point both ways). Unpacked once by `pattern::fold_next`.
    let mut packed = Vec::new();
    let mut prev = 0u32;
    for (a, b) in next {
        varint(&mut packed, a as u32 - prev);
        let d = b as i32 - a as i32;
        varint(&mut packed, ((d << 1) ^ (d >> 31)) as u32);
        prev = a as u32;
    }
    let _ = write!(src, "pub static FOLD_NEXT_PACKED: &[u8] = &{packed:?};\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("unicode_tables.rs");
    fs::write(out, src).unwrap();
    decomposition_table();
}

/// Canonical decompositions (`src/decompose.rs`), from `unicode-normalization` at build time, as
/// one byte string that `decompose.rs` unpacks once: per character with a decomposition, in code
/// point order, the distance from the previous one, the number of parts, then the parts (each a
/// LEB128 varint). Hangul syllables are computed, not listed. The varints (mostly one or two
/// bytes, the same few combining marks again and again) gzip to about a third of the u32 arrays
/// this replaced (issue 2: WASM size).
fn decomposition_table() {
    let mut packed = Vec::new();
    let (mut prev, mut entries, mut parts_total) = (0u32, 0usize, 0usize);
    for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
        if (0xAC00..0xAC00 + 11172).contains(&(c as u32)) {
            continue;
        }
        let mut parts = Vec::new();
        unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
        if parts == [c] {
            continue;
        }
        assert!(parts.len() < 128 && parts_total + parts.len() < u16::MAX as usize);
        varint(&mut packed, c as u32 - prev);
        prev = c as u32;
        packed.push(parts.len() as u8);
        for d in &parts {
            varint(&mut packed, *d as u32);
        }
        entries += 1;
        parts_total += parts.len();
    }
    let src = format!("pub const ENTRIES: usize = {entries};\npub const PARTS: usize = {parts_total};\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    fs::write(out.join("decompose.bin"), packed).unwrap();
    fs::write(out.join("decompose_tables.rs"), src).unwrap();
}
