//! Lexicon files are data: one term a line, lowercase, NFC, sorted, no duplicates, no stray space.

use std::fs;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

#[test]
fn lexicons_are_sorted_deduplicated_lowercase_nfc() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    let mut problems = Vec::new();
    let Ok(langs) = fs::read_dir(&root) else { return };
    for lang_dir in langs.flatten() {
        if !lang_dir.path().is_dir() {
            continue; // ATTRIBUTION.md and other notes
        }
        let lang = lang_dir.file_name().to_string_lossy().to_string();
        assert!(bedside::Lang::from_code(&lang).is_some_and(|l| l.code() == lang), "lexicons/{lang}: not one of the six language codes");
        for file in fs::read_dir(lang_dir.path()).unwrap().flatten() {
            let name = format!("{lang}/{}", file.file_name().to_string_lossy());
            let text = fs::read_to_string(file.path()).unwrap();
            let terms: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
            for t in &terms {
                if t.trim() != *t || t.contains("  ") {
                    problems.push(format!("{name}: stray whitespace in {t:?}"));
                }
                if t.nfc().collect::<String>() != *t {
                    problems.push(format!("{name}: not NFC: {t:?}"));
                }
                if t.to_lowercase() != *t {
                    problems.push(format!("{name}: not lowercase: {t:?}"));
                }
                // A compound's head (`*tanter`) is looked for inside every word: a short one ends
                // too many ordinary words ("*ar" ends most Swedish plurals).
                if let Some(head) = t.strip_prefix('*') {
                    if head.trim_end_matches('*').chars().count() < 5 || head.contains(' ') {
                        problems.push(format!("{name}: a leading-star head must be one word of at least 5 letters: {t:?}"));
                    }
                }
            }
            for pair in terms.windows(2) {
                if pair[0] >= pair[1] {
                    problems.push(format!("{name}: not sorted or duplicated at {:?} / {:?}", pair[0], pair[1]));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `build.rs` embeds each lexicon front-coded (issue 2: WASM size); what the checker reads back
/// must be the file's terms, in the file's order.
#[test]
fn embedded_lexicons_read_back_as_the_files_terms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    let embedded = bedside::rules::spec::lexicons();
    let mut files = 0;
    for lang in bedside::Lang::ALL {
        for file in fs::read_dir(root.join(lang.code())).unwrap().flatten() {
            let name = format!("{}/{}", lang.code(), file.path().file_stem().unwrap().to_string_lossy());
            let text = fs::read_to_string(file.path()).unwrap();
            let terms: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
            assert_eq!(embedded.get(&name).map(|v| v.iter().map(String::as_str).collect::<Vec<_>>()), Some(terms), "{name}");
            files += 1;
        }
    }
    assert_eq!(files, embedded.len(), "a lexicon embedded without its file, or the other way round");
}
