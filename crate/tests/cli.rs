//! The `bedside` command line, end to end: the built binary, real files and pipes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_bedside");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bedside runs");
    // The process may exit without reading stdin (usage errors): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh file per call: tests run in parallel and must not rewrite each other's files.
fn temp(name: &str, content: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("bedside-cli-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// Settings with an organisation rule, so these tests don't depend on which built-in rules exist.
fn ward_settings() -> PathBuf {
    temp(
        "settings.json",
        r#"{"customRules": [{"id": "ward", "category": "client_data", "severity": "critical",
            "terms": ["ward 7b"], "message": "Names the ward."}]}"#,
    )
}

#[test]
fn a_harmless_draft_exits_0_and_says_so() {
    let o = run(&["check", "-"], "Sunny day, lovely walk by the river.\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("<stdin>: no findings"), "{}", stdout(&o));
}

#[test]
fn a_finding_gets_line_column_source_line_and_carets_and_exit_1() {
    let settings = ward_settings();
    let draft = temp("draft.txt", "Busy night.\n\tOK 😀 on Ward 7B again\n");
    let o = run(&["check", draft.to_str().unwrap(), "--settings", settings.to_str().unwrap()], "");
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    // Column counts characters: tab, O, K, space, emoji, space, o, n, space -> W is the 10th.
    let path = draft.to_str().unwrap();
    assert!(out.contains(&format!("{path}:2:10: critical custom.ward: Names the ward.")), "{out}");
    assert!(out.contains("  2 | \tOK 😀 on Ward 7B again\n"), "{out}");
    assert!(out.contains("    | \t        ^^^^^^^\n"), "{out}");
    assert!(out.contains("1 finding (1 critical, 0 warning, 0 hint)"), "{out}");
}

#[test]
fn hints_alone_exit_0() {
    let settings = temp(
        "hint.json",
        r#"{"customRules": [{"id": "soft", "category": "tone", "severity": "hint", "terms": ["meh"], "message": "Meh."}]}"#,
    );
    let o = run(&["check", "--settings", settings.to_str().unwrap()], "It was meh.");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("hint custom.soft"), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for (args, needle) in [
        (vec![], "no command"),
        (vec!["frobnicate"], "unknown command"),
        (vec!["check", "--lang", "de"], "unknown language"),
        (vec!["check", "--ui-lang"], "needs a value"),
        (vec!["check", "--bogus"], "unknown option"),
        (vec!["check", "/nonexistent/draft.txt"], "/nonexistent/draft.txt"),
        (vec!["check", "--offsets", "utf16"], "only applies with --jsonl"),
        (vec!["check", "--jsonl", "--offsets", "bytes"], "--offsets"),
        (vec!["eval"], "corpus"),
    ] {
        let o = run(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("usage:"), "{args:?}");
    }
    let bad = temp("bad-settings.json", r#"{"uiLang": "klingon"}"#);
    let o = run(&["check", "--settings", bad.to_str().unwrap()], "x");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid settings"), "{}", stderr(&o));
}

#[test]
fn jsonl_writes_one_line_per_input_in_order_and_survives_bad_lines() {
    let settings = ward_settings();
    let input = concat!(
        r#"{"id": 1, "text": "😀 Ward 7B"}"#, "\n",
        "this is not json\n",
        "\n",
        r#"{"id": "b", "text": "nothing here", "lang": "sv", "platform": "x"}"#, "\n",
        r#"{"id": "c", "text": "x", "lang": "xx"}"#, "\n",
        r#"{"id": "d"}"#, "\n",
        r#"{"id": "e", "text": "é Ward 7B"}"#, "\n",
    );
    let o = run(&["check", "--jsonl", "--settings", settings.to_str().unwrap()], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 6, "{}", stdout(&o));
    assert_eq!(lines[0]["id"], 1);
    let f = &lines[0]["findings"][0];
    assert_eq!(f["rule"], "custom.ward");
    assert_eq!(f["category"], "client_data");
    assert_eq!(f["severity"], "critical");
    assert_eq!(f["message"], "Names the ward.");
    assert_eq!((f["start"].as_u64(), f["end"].as_u64()), (Some(3), Some(10)), "UTF-16: the emoji is 2 units");
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid input line"));
    assert_eq!(lines[2]["id"], "b");
    assert_eq!(lines[2]["findings"], serde_json::json!([]));
    assert_eq!(lines[3]["id"], "c");
    assert!(lines[3]["error"].as_str().unwrap().contains("unknown language"));
    assert_eq!(lines[4]["id"], "d", "the id is kept even when the line is unusable");
    assert!(lines[4]["error"].is_string());
    assert_eq!(lines[5]["id"], "e");
}

#[test]
fn jsonl_offsets_in_each_unit() {
    let settings = ward_settings();
    let input = r#"{"id": 1, "text": "😀é Ward 7B"}"#;
    for (unit, start) in [("utf16", 4), ("utf8", 7), ("chars", 3)] {
        let o = run(&["check", "--jsonl", "--offsets", unit, "--settings", settings.to_str().unwrap()], input);
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        assert_eq!(v["findings"][0]["start"], start, "{unit}");
        assert_eq!(v["findings"][0]["end"], start + 7, "{unit}");
    }
}

#[test]
fn eval_scores_a_small_corpus() {
    let settings = ward_settings();
    // Two posts labelled client_data (one flagged by the ward rule, one not), one clean post.
    let corpus = temp(
        "corpus.jsonl",
        concat!(
            r#"{"id": "t1", "lang": "en", "text": "😀 on Ward 7B", "labels": ["client_data"], "spans": [{"start": 5, "end": 12, "category": "client_data", "kind": "case_detail"}]}"#, "\n",
            r#"{"id": "t2", "lang": "en", "text": "a quiet story", "labels": ["client_data"], "spans": [{"start": 2, "end": 7, "category": "client_data", "kind": "case_detail"}]}"#, "\n",
            r#"{"id": "t3", "lang": "en", "text": "Lovely morning by the sea.", "labels": [], "spans": []}"#, "\n",
        ),
    );
    let o = run(&["eval", corpus.to_str().unwrap(), "--json", "--misses", "--settings", settings.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["posts"], 3);
    assert_eq!(v["clean_posts"], 1);
    let cd = &v["categories"]["client_data"];
    assert_eq!((cd["tp"].as_u64(), cd["fn"].as_u64()), (Some(1), Some(1)), "{cd}");
    assert_eq!(cd["recall"], 0.5);
    assert_eq!(v["span_recall"]["case_detail"]["found"], 1);
    assert_eq!(v["span_recall"]["case_detail"]["total"], 2);
    assert_eq!(v["missed_posts"][0]["id"], "t2");
    assert_eq!(v["missed_spans"][0]["text"], "quiet");

    let o = run(&["eval", corpus.to_str().unwrap(), "--settings", settings.to_str().unwrap()], "");
    let out = stdout(&o);
    assert!(out.contains("3 posts, 1 clean"), "{out}");
    assert!(out.contains("client_data"), "{out}");
    assert!(out.contains("span recall"), "{out}");
    assert!(out.contains("identifier findings on clean posts"), "{out}");

    let broken = temp("broken.jsonl", "{\"id\": 1}\n");
    let o = run(&["eval", broken.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.jsonl:1"), "{}", stderr(&o));
}
