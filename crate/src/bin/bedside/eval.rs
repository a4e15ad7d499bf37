//! `bedside eval CORPUS.jsonl`: scores the checker on a labelled corpus (schema:
//! `../shared/corpus/README.md`; span offsets in code points).
//!
//! - Post level, per category and per language: a post is predicted positive for a category when
//!   it has a non-hint finding of that category.
//! - False alarms: clean posts (`labels: []`) with any non-hint finding, per language.
//! - Span recall per kind: a gold span counts as found when a non-hint finding of the same
//!   category overlaps it.
//! - Identifier findings (phone, email, national_id, mrn, dob, address) on clean posts.
//!
//! The language is detected, as in the extension, unless `--use-lang` passes the corpus's.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Deserialize;
use serde_json::{json, Value};

use bedside::{convert_offsets, Category, Checker, Finding, Lang, OffsetUnit, Severity, SpanKind};

use crate::args::Args;
use crate::Usage;

#[derive(Deserialize)]
struct Post {
    id: String,
    lang: Lang,
    #[serde(default)]
    platform: Option<String>,
    text: String,
    labels: Vec<Category>,
    #[serde(default)]
    spans: Vec<GoldSpan>,
}

#[derive(Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
    category: Category,
    kind: SpanKind,
}

/// A finding with its offsets in code points, as the corpus counts.
struct Scored {
    finding: Finding,
    start: usize,
    end: usize,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, gold: bool, predicted: bool) {
        match (gold, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }
    fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> Option<f64> {
        match (self.precision(), self.recall()) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        }
    }
    fn json(&self) -> Value {
        json!({"tp": self.tp, "fp": self.fp, "fn": self.fn_,
               "precision": self.precision(), "recall": self.recall(), "f1": self.f1()})
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    if b == 0 {
        None
    } else {
        Some(a as f64 / b as f64)
    }
}

fn fmt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "  - ".to_string())
}

fn one_line(s: &str) -> String {
    s.replace('\n', " ⏎ ")
}

fn slice_chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

pub fn run(mut a: Args) -> Result<i32, Usage> {
    let use_lang = a.flag("--use-lang");
    let misses = a.flag("--misses");
    let as_json = a.flag("--json");
    let settings = crate::load_settings(a.value("--settings")?)?;
    let Some(path) = a.positional() else {
        return Err(Usage("eval needs a corpus file".into()));
    };
    a.finish()?;

    let raw = std::fs::read_to_string(&path).map_err(|e| Usage(format!("{path}: {e}")))?;
    let mut posts = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let post: Post = serde_json::from_str(line).map_err(|e| Usage(format!("{path}:{}: not a corpus line: {e}", n + 1)))?;
        posts.push(post);
    }

    let mut checkers: Vec<(Option<String>, Checker)> = Vec::new();
    let mut per_cat: BTreeMap<Category, Counts> = BTreeMap::new();
    let mut per_lang_cat: BTreeMap<(Lang, Category), Counts> = BTreeMap::new();
    let mut clean: BTreeMap<Lang, (usize, usize)> = BTreeMap::new();
    let mut spans: BTreeMap<SpanKind, (usize, usize)> = BTreeMap::new();
    let mut lang_ok = 0usize;
    let mut id_on_clean: Vec<Value> = Vec::new();
    let mut missed_posts: Vec<Value> = Vec::new();
    let mut false_alarms: Vec<Value> = Vec::new();
    let mut missed_spans: Vec<Value> = Vec::new();

    for post in &posts {
        let checker = crate::checker_for(&mut checkers, &settings, post.platform.clone())?;
        let detected = checker.language_of(&post.text);
        if detected == post.lang {
            lang_ok += 1;
        }
        let findings = if use_lang { checker.check_as(&post.text, post.lang) } else { checker.check(&post.text) };
        let findings: Vec<Finding> = findings.into_iter().filter(|f| f.severity > Severity::Hint).collect();
        let mut offs: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
        convert_offsets(&post.text, &mut offs, OffsetUnit::Chars);
        let scored: Vec<Scored> = findings.into_iter().enumerate().map(|(i, f)| Scored { finding: f, start: offs[2 * i], end: offs[2 * i + 1] }).collect();
        let describe = |sc: &[Scored]| -> Vec<Value> {
            sc.iter()
                .map(|s| json!({"rule": s.finding.rule, "category": s.finding.category, "severity": s.finding.severity,
                                "kind": s.finding.kind, "start": s.start, "end": s.end,
                                "text": slice_chars(&post.text, s.start, s.end)}))
                .collect()
        };

        for cat in Category::ALL {
            let gold = post.labels.contains(&cat);
            let predicted = scored.iter().any(|s| s.finding.category == cat);
            per_cat.entry(cat).or_default().add(gold, predicted);
            per_lang_cat.entry((post.lang, cat)).or_default().add(gold, predicted);
            if misses && gold && !predicted {
                missed_posts.push(json!({"id": post.id, "category": cat, "text": post.text, "findings": describe(&scored)}));
            }
            if misses && !gold && predicted && !post.labels.is_empty() {
                false_alarms.push(json!({"id": post.id, "category": cat, "text": post.text, "findings": describe(&scored)}));
            }
        }
        if post.labels.is_empty() {
            let e = clean.entry(post.lang).or_default();
            e.0 += 1;
            if !scored.is_empty() {
                e.1 += 1;
                if misses {
                    false_alarms.push(json!({"id": post.id, "category": null, "text": post.text, "findings": describe(&scored)}));
                }
            }
            for s in scored.iter().filter(|s| s.finding.kind.is_identifier()) {
                id_on_clean.push(json!({"id": post.id, "rule": s.finding.rule, "kind": s.finding.kind,
                                        "text": slice_chars(&post.text, s.start, s.end)}));
            }
        }
        for g in &post.spans {
            let found = scored.iter().any(|s| s.finding.category == g.category && s.start < g.end && g.start < s.end);
            let e = spans.entry(g.kind).or_default();
            e.1 += 1;
            if found {
                e.0 += 1;
            } else if misses {
                missed_spans.push(json!({"id": post.id, "kind": g.kind, "text": slice_chars(&post.text, g.start, g.end),
                                         "findings": describe(&scored)}));
            }
        }
    }

    let n_clean: usize = clean.values().map(|c| c.0).sum();
    let n_alarm: usize = clean.values().map(|c| c.1).sum();
    let mode = if use_lang { "corpus language given" } else { "language detected" };

    if as_json {
        let mut by_lang = serde_json::Map::new();
        for lang in Lang::ALL {
            let mut m = serde_json::Map::new();
            for cat in Category::ALL {
                m.insert(cat.as_str().into(), per_lang_cat.get(&(lang, cat)).copied().unwrap_or_default().json());
            }
            let (n, fa) = clean.get(&lang).copied().unwrap_or_default();
            m.insert("clean_posts".into(), json!(n));
            m.insert("false_alarms".into(), json!(fa));
            m.insert("false_alarm_rate".into(), json!(ratio(fa, n)));
            by_lang.insert(lang.code().into(), Value::Object(m));
        }
        let mut out = json!({
            "corpus": path,
            "mode": mode,
            "posts": posts.len(),
            "clean_posts": n_clean,
            "language_detected_correctly": lang_ok,
            "categories": Category::ALL.iter().map(|c| (c.as_str().to_string(), per_cat.get(c).copied().unwrap_or_default().json())).collect::<serde_json::Map<_, _>>(),
            "languages": by_lang,
            "false_alarm_rate": ratio(n_alarm, n_clean),
            "false_alarms": n_alarm,
            "span_recall": spans.iter().map(|(k, (f, t))| (k.as_str().to_string(), json!({"found": f, "total": t, "recall": ratio(*f, *t)}))).collect::<serde_json::Map<_, _>>(),
            "identifier_findings_on_clean": id_on_clean,
        });
        if misses {
            out["missed_posts"] = json!(missed_posts);
            out["false_alarm_posts"] = json!(false_alarms);
            out["missed_spans"] = json!(missed_spans);
        }
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(0);
    }

    let stdout = std::io::stdout();
    let mut o = stdout.lock();
    let _ = (|| -> std::io::Result<()> {
        writeln!(o, "corpus: {path}: {} posts, {n_clean} clean; {mode}; hints don't count", posts.len())?;
        writeln!(o, "language detection: {lang_ok}/{} posts read as their labelled language\n", posts.len())?;
        writeln!(o, "post level      precision  recall    F1     TP   FP   FN")?;
        for cat in Category::ALL {
            let c = per_cat.get(&cat).copied().unwrap_or_default();
            writeln!(o, "{:<14}  {:>9}  {:>6}  {:>4}  {:>5} {:>4} {:>4}", cat.as_str(), fmt(c.precision()), fmt(c.recall()), fmt(c.f1()), c.tp, c.fp, c.fn_)?;
        }
        writeln!(o, "\nper language (P/R/F1)   client_data     tone            advice          claims          false alarms on clean")?;
        for lang in Lang::ALL {
            write!(o, "{:<24}", lang.code())?;
            for cat in Category::ALL {
                let c = per_lang_cat.get(&(lang, cat)).copied().unwrap_or_default();
                write!(o, "{:<16}", format!("{}/{}/{}", fmt(c.precision()).trim(), fmt(c.recall()).trim(), fmt(c.f1()).trim()))?;
            }
            let (n, fa) = clean.get(&lang).copied().unwrap_or_default();
            writeln!(o, "{fa}/{n} = {}", fmt(ratio(fa, n)))?;
        }
        writeln!(o, "{:<88}{n_alarm}/{n_clean} = {}", "all", fmt(ratio(n_alarm, n_clean)))?;
        writeln!(o, "\nspan recall      found/total  recall")?;
        for (k, (f, t)) in &spans {
            let mark = if k.is_identifier() { " (identifier)" } else { "" };
            writeln!(o, "{:<16} {:>5}/{:<5}  {}{mark}", k.as_str(), f, t, fmt(ratio(*f, *t)))?;
        }
        writeln!(o, "\nidentifier findings on clean posts: {}", id_on_clean.len())?;
        for v in &id_on_clean {
            writeln!(o, "  {} {} {}", v["id"].as_str().unwrap_or(""), v["rule"].as_str().unwrap_or(""), v["text"])?;
        }
        if misses {
            let list = |o: &mut std::io::StdoutLock, title: &str, items: &[Value]| -> std::io::Result<()> {
                writeln!(o, "\n{title}: {}", items.len())?;
                for v in items {
                    let cat = v["category"].as_str().map(|c| format!(" [{c}]")).unwrap_or_default();
                    let kind = v["kind"].as_str().map(|k| format!(" [{k}] {}", v["text"])).unwrap_or_default();
                    writeln!(o, "  {}{cat}{kind}", v["id"].as_str().unwrap_or(""))?;
                    if kind.is_empty() {
                        writeln!(o, "    text: {}", one_line(v["text"].as_str().unwrap_or("")))?;
                    }
                    let f = v["findings"].as_array().cloned().unwrap_or_default();
                    if f.is_empty() {
                        writeln!(o, "    findings: none")?;
                    }
                    for f in f {
                        writeln!(o, "    {} {} {}", f["rule"].as_str().unwrap_or(""), f["severity"].as_str().unwrap_or(""), f["text"])?;
                    }
                }
                Ok(())
            };
            list(&mut o, "missed posts (category labelled, not flagged)", &missed_posts)?;
            list(&mut o, "false alarms (flagged, not labelled)", &false_alarms)?;
            list(&mut o, "missed spans", &missed_spans)?;
        }
        Ok(())
    })();
    Ok(0)
}
