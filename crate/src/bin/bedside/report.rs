//! The human-readable report of `bedside check`, in the style of a compiler or linter:
//!
//! ```text
//! draft.txt:3:14: critical client_data.national-id: A national ID number identifies a patient.
//!    3 | Patient with 19121212-1212 came in
//!      |              ^^^^^^^^^^^^^
//!      = why: ...
//!      = try: ...
//! ```

use std::io::{self, Write};

use bedside::{Finding, Severity};

/// 1-based line and column (in characters) of byte offset `at`, plus the line's byte range.
fn locate(text: &str, at: usize) -> (usize, usize, usize, usize) {
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    let line_no = text[..line_start].matches('\n').count() + 1;
    let col = text[line_start..at].chars().count() + 1;
    (line_no, col, line_start, line_end)
}

pub fn write_report(out: &mut impl Write, path: &str, text: &str, findings: &[Finding]) -> io::Result<()> {
    for f in findings {
        let (line_no, col, ls, le) = locate(text, f.start);
        let line = text[ls..le].trim_end_matches('\r');
        let gutter = line_no.to_string().len().max(3);
        writeln!(out, "{path}:{line_no}:{col}: {} {}: {}", f.severity.as_str(), f.rule, f.message)?;
        writeln!(out, "{:>gutter$} | {line}", line_no)?;
        // Carets under the span's part on this line; tabs are kept so the carets line up.
        let lead: String = text[ls..f.start].chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        let span_end = f.end.min(ls + line.len()).max(f.start);
        let width = text[f.start..span_end].chars().count().max(1);
        let more = if f.end > span_end { " ..." } else { "" };
        writeln!(out, "{:>gutter$} | {lead}{}{more}", "", "^".repeat(width))?;
        if !f.why.is_empty() {
            writeln!(out, "{:>gutter$} = why: {}", "", f.why)?;
        }
        if let Some(s) = &f.suggestion {
            writeln!(out, "{:>gutter$} = try: {s}", "")?;
        }
        if let Some(r) = &f.replacement {
            writeln!(out, "{:>gutter$} = replace with: {r}", "")?;
        }
        writeln!(out)?;
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    if findings.is_empty() {
        writeln!(out, "{path}: no findings")?;
    } else {
        writeln!(
            out,
            "{path}: {} finding{} ({} critical, {} warning, {} hint)",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            count(Severity::Critical),
            count(Severity::Warning),
            count(Severity::Hint)
        )?;
    }
    Ok(())
}
