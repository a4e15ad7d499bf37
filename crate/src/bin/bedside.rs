//! The `bedside` command line.
//!
//!   bedside check [FILE|-] [--lang L] [--ui-lang L] [--settings FILE.json]
//!   bedside check --jsonl [FILE|-] [--offsets utf16|utf8|chars] [...]
//!   bedside eval CORPUS.jsonl [--use-lang] [--misses] [--json] [--settings FILE.json]
//!
//! Exit status: `check` 1 when something at warning or above was found, else 0; `eval` 0;
//! 2 on usage errors and unreadable input.

#[path = "bedside/args.rs"]
mod args;
#[path = "bedside/eval.rs"]
mod eval;
#[path = "bedside/report.rs"]
mod report;

use std::io::{self, BufRead, Read, Write};

use bedside::{Checker, Lang, OffsetUnit, Settings};

pub const USAGE: &str = "\
usage:
  bedside check [FILE|-] [--lang L] [--ui-lang L] [--settings FILE.json]
      Checks a draft (a file, or stdin) and prints a report. Exit 1 when something at
      warning or above was found, 0 otherwise.
  bedside check --jsonl [FILE|-] [--offsets utf16|utf8|chars] [--ui-lang L] [--settings FILE.json]
      Reads JSON lines {\"id\", \"text\", \"lang\"?, \"platform\"?} and writes one line per input:
      {\"id\", \"findings\": [{\"rule\", \"category\", \"severity\", \"start\", \"end\", \"message\"}]}.
      Offsets are UTF-16 code units unless --offsets says otherwise.
  bedside eval CORPUS.jsonl [--use-lang] [--misses] [--json] [--settings FILE.json]
      Scores the checker on a labelled corpus. The language is detected unless --use-lang.
languages: en sv pl fr da tr";

/// A usage error: printed with the usage text, exit 2.
pub struct Usage(pub String);

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let code = match run(argv) {
        Ok(code) => code,
        Err(Usage(msg)) => {
            eprintln!("bedside: {msg}\n\n{USAGE}");
            2
        }
    };
    std::process::exit(code);
}

fn run(argv: Vec<String>) -> Result<i32, Usage> {
    let mut argv = argv.into_iter();
    let Some(cmd) = argv.next() else {
        return Err(Usage("no command given".into()));
    };
    let a = args::Args::new(argv.collect());
    match cmd.as_str() {
        "check" => check(a),
        "eval" => eval::run(a),
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            Ok(0)
        }
        other => Err(Usage(format!("unknown command {other:?}"))),
    }
}

pub fn parse_lang(flag: &str, code: &str) -> Result<Lang, Usage> {
    Lang::from_code(code).ok_or_else(|| Usage(format!("{flag}: unknown language {code:?} (one of en sv pl fr da tr)")))
}

/// Reads `--settings FILE.json`, if given. Unreadable or invalid settings are a usage error.
pub fn load_settings(path: Option<String>) -> Result<Settings, Usage> {
    let Some(path) = path else { return Ok(Settings::default()) };
    let raw = std::fs::read_to_string(&path).map_err(|e| Usage(format!("--settings {path}: {e}")))?;
    serde_json::from_str(&raw).map_err(|e| Usage(format!("--settings {path}: invalid settings: {e}")))
}

pub fn build_checker(settings: Settings) -> Result<Checker, Usage> {
    let checker = Checker::new(settings).map_err(|e| Usage(format!("the embedded rules failed to load: {e}")))?;
    for p in checker.problems() {
        eprintln!("bedside: settings: {p}");
    }
    Ok(checker)
}

/// The checker for drafts bound for `platform` (a setting), built on first use and kept.
pub fn checker_for<'a>(cache: &'a mut Vec<(Option<String>, Checker)>, settings: &Settings, platform: Option<String>) -> Result<&'a Checker, Usage> {
    let platform = platform.or_else(|| settings.platform.clone());
    let idx = match cache.iter().position(|(p, _)| *p == platform) {
        Some(i) => i,
        None => {
            let mut s = settings.clone();
            s.platform = platform.clone();
            cache.push((platform, build_checker(s)?));
            cache.len() - 1
        }
    };
    Ok(&cache[idx].1)
}

fn read_input(path: &str) -> Result<String, Usage> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).map_err(|e| Usage(format!("stdin: {e}")))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Usage(format!("{path}: {e}")))?
    };
    // Invalid UTF-8 is replaced, not refused: the draft still gets checked.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn check(mut a: args::Args) -> Result<i32, Usage> {
    let jsonl = a.flag("--jsonl");
    let lang = a.value("--lang")?.map(|c| parse_lang("--lang", &c)).transpose()?;
    let ui_lang = a.value("--ui-lang")?.map(|c| parse_lang("--ui-lang", &c)).transpose()?;
    let offsets = match a.value("--offsets")?.as_deref() {
        None | Some("utf16") => OffsetUnit::Utf16,
        Some("utf8") => OffsetUnit::Utf8,
        Some("chars") => OffsetUnit::Chars,
        Some(other) => return Err(Usage(format!("--offsets: expected utf16, utf8 or chars, got {other:?}"))),
    };
    let offsets_given = a.had("--offsets");
    let mut settings = load_settings(a.value("--settings")?)?;
    let path = a.positional().unwrap_or_else(|| "-".to_string());
    a.finish()?;
    if offsets_given && !jsonl {
        return Err(Usage("--offsets only applies with --jsonl".into()));
    }
    if lang.is_some() {
        settings.lang_hint = lang;
    }
    if ui_lang.is_some() {
        settings.ui_lang = ui_lang;
    }
    if jsonl {
        let input: Box<dyn BufRead> = if path == "-" {
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            Box::new(io::BufReader::new(std::fs::File::open(&path).map_err(|e| Usage(format!("{path}: {e}")))?))
        };
        check_jsonl(settings, input, offsets)
    } else {
        let text = read_input(&path)?;
        let checker = build_checker(settings)?;
        let findings = checker.check(&text);
        let shown = if path == "-" { "<stdin>" } else { path.as_str() };
        let stdout = io::stdout();
        let mut out = stdout.lock();
        let _ = report::write_report(&mut out, shown, &text, &findings);
        let serious = findings.iter().any(|f| f.severity >= bedside::Severity::Warning);
        Ok(if serious { 1 } else { 0 })
    }
}

#[derive(serde::Deserialize)]
struct JsonlIn {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    platform: Option<String>,
}

#[derive(serde::Serialize)]
struct JsonlFinding<'a> {
    rule: &'a str,
    category: bedside::Category,
    severity: bedside::Severity,
    start: usize,
    end: usize,
    message: &'a str,
}

fn check_jsonl(settings: Settings, input: Box<dyn BufRead>, unit: OffsetUnit) -> Result<i32, Usage> {
    // One checker per platform seen (the platform is a setting); most inputs share one.
    let mut checkers: Vec<(Option<String>, Checker)> = Vec::new();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (n, line) in input.lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                // Not UTF-8, or a read error: say so for this line and go on.
                let _ = writeln!(out, "{}", serde_json::json!({"id": null, "line": n + 1, "error": e.to_string()}));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let parsed: JsonlIn = match serde_json::from_str(&line) {
            Ok(p) => p,
            Err(e) => {
                let id = serde_json::from_str::<serde_json::Value>(&line).ok().and_then(|v| v.get("id").cloned()).unwrap_or(serde_json::Value::Null);
                let _ = writeln!(out, "{}", serde_json::json!({"id": id, "line": n + 1, "error": format!("invalid input line: {e}")}));
                continue;
            }
        };
        let lang = match parsed.lang.as_deref() {
            None => None,
            Some(code) => match Lang::from_code(code) {
                Some(l) => Some(l),
                None => {
                    let _ = writeln!(out, "{}", serde_json::json!({"id": parsed.id, "line": n + 1, "error": format!("unknown language {code:?}")}));
                    continue;
                }
            },
        };
        let checker = checker_for(&mut checkers, &settings, parsed.platform.clone())?;
        let findings = match lang {
            Some(l) => checker.check_as(&parsed.text, l),
            None => checker.check(&parsed.text),
        };
        let mut offs: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
        bedside::convert_offsets(&parsed.text, &mut offs, unit);
        let js: Vec<JsonlFinding> = findings
            .iter()
            .enumerate()
            .map(|(i, f)| JsonlFinding {
                rule: &f.rule,
                category: f.category,
                severity: f.severity,
                start: offs[2 * i],
                end: offs[2 * i + 1],
                message: &f.message,
            })
            .collect();
        let _ = writeln!(out, "{}", serde_json::json!({"id": parsed.id, "findings": js}));
    }
    let _ = out.flush();
    Ok(0)
}
