//! End-to-end tests of `whosaid extract --format`, `--excel` and
//! `--context`, and of the `date` and `title` columns: every format
//! carries the same fields, and every field comes back as written.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use tempfile::TempDir;

mod common;

use common::whosaid;

/// An article with headers and quotations that are hard to write:
/// commas, double quotes, a tab, a hard-wrapped line, a running
/// quotation, non-ASCII text, and cells a spreadsheet would take for
/// formulas.
const TRICKY: &str = "date: 2026-02-04\n\
title: Budget vote delayed, again\n\
\n\
\"=SUM(A1:A9) is not a budget,\" said Councillor Ann Lee, holding up a \
spreadsheet.\n\
\n\
\"-5 percent,\" she said, \"is what they want, and @everyone knows it.\tTabs \
too.\"\n\
\n\
Mr. Bo Chen, the treasurer, said: \"Numbers, commas, and 'quotes' — all\n\
of it — must survive.\n\
\n\
\"Even a second paragraph.\"\n\
\n\
Café owner Zoë Ñúñez said the plan was \"+ nothing\" and called it a \
\"farce\".\n";

/// An article with a headline and no header lines.
const HEADLINED: &str = "Library opens on Sundays\n\n\
\"People kept asking,\" said Ruth Abara.\n";

/// A folder holding the two articles.
fn articles() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("tricky.txt"), TRICKY).unwrap();
    fs::write(dir.path().join("headlined.txt"), HEADLINED).unwrap();
    dir
}

/// `whosaid extract --all-spans ARGS DIR`'s standard output.
fn extract(dir: &Path, args: &[&str]) -> Vec<u8> {
    whosaid()
        .args(["extract", "--all-spans"])
        .args(args)
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// Parses CSV into its header and records.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let records = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, records)
}

/// Undoes the TSV escapes.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("bad escape \\{other:?} in {field:?}"),
        }
    }
    out
}

#[test]
fn csv_is_plain_utf8_with_date_and_title_at_the_end() {
    let dir = articles();
    let out = extract(dir.path(), &[]);
    assert!(!out.starts_with(b"\xEF\xBB\xBF"));
    assert!(!out.contains(&b'\r'));
    let (header, rows) = read_csv(&out);
    assert_eq!(&header[header.len() - 2..], ["date", "title"]);
    assert_eq!(&header[..4], ["file", "start", "end", "quote"]);
    let get = |row: &[String], column: &str| {
        row[header.iter().position(|h| h == column).unwrap()].clone()
    };
    for row in &rows {
        let (date, title) = match &*get(row, "file") {
            "tricky.txt" => ("2026-02-04", "Budget vote delayed, again"),
            _ => ("", "Library opens on Sundays"),
        };
        assert_eq!((&*get(row, "date"), &*get(row, "title")), (date, title));
        // The quote is the text at its offsets, whatever it holds.
        let text =
            if get(row, "file") == "tricky.txt" { TRICKY } else { HEADLINED };
        let start: usize = get(row, "start").parse().unwrap();
        let end: usize = get(row, "end").parse().unwrap();
        assert_eq!(text[start..end], get(row, "quote"));
    }
    let quotes: Vec<_> = rows.iter().map(|r| get(r, "quote")).collect();
    for needle in ["=SUM", "-5 percent", "\tTabs", "all\nof it", "+ nothing"] {
        assert!(
            quotes.iter().any(|q| q.contains(needle)),
            "{needle}: {quotes:?}"
        );
    }
}

#[test]
fn tsv_and_jsonl_carry_the_same_fields_as_csv() {
    let dir = articles();
    let (header, rows) = read_csv(&extract(dir.path(), &["--context", "12"]));
    assert!(rows.len() >= 6, "{rows:?}");

    let tsv = String::from_utf8(extract(
        dir.path(),
        &["--context", "12", "--format", "tsv"],
    ))
    .unwrap();
    let mut lines = tsv.lines();
    let tsv_header: Vec<_> = lines.next().unwrap().split('\t').collect();
    assert_eq!(tsv_header, header);
    let tsv_rows: Vec<Vec<String>> =
        lines.map(|line| line.split('\t').map(unescape).collect()).collect();
    assert_eq!(tsv_rows, rows);

    let jsonl = String::from_utf8(extract(
        dir.path(),
        &["--context", "12", "--format", "jsonl"],
    ))
    .unwrap();
    let mut json_rows = vec![];
    for line in jsonl.lines() {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).unwrap();
        assert_eq!(object.len(), header.len());
        let row: Vec<String> = header
            .iter()
            .map(|column| match &object[column] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) if column == "confidence" => {
                    format!("{:.2}", n.as_f64().unwrap())
                }
                other => other.to_string(),
            })
            .collect();
        json_rows.push(row);
    }
    assert_eq!(json_rows, rows);
}

#[test]
fn excel_csv_has_bom_crlf_and_neutralised_formulas() {
    let dir = articles();
    let plain = extract(dir.path(), &["--context", "30"]);
    let excel = extract(dir.path(), &["--context", "30", "--excel"]);
    let body = excel.strip_prefix(b"\xEF\xBB\xBF").expect("a byte order mark");
    // Every record ends in CRLF: the line ends outside quoted fields
    // are exactly the CRLFs.
    let text = std::str::from_utf8(body).unwrap();
    assert!(text.ends_with("\r\n"));
    let mut quoted = false;
    let mut previous = '\0';
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == '\n' && !quoted {
            assert_eq!(previous, '\r');
        }
        previous = c;
    }

    let (header, rows) = read_csv(&plain);
    let (excel_header, excel_rows) = read_csv(body);
    assert_eq!(excel_header, header);
    assert_eq!(excel_rows.len(), rows.len());
    let mut neutralised = 0;
    for (row, excel_row) in rows.iter().zip(&excel_rows) {
        for (field, excel_field) in row.iter().zip(excel_row) {
            if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                assert_eq!(*excel_field, format!("'{field}"));
                neutralised += 1;
            } else {
                assert_eq!(excel_field, field);
            }
        }
    }
    // `=SUM`, `-5 percent` and `+ nothing` at least.
    assert!(neutralised >= 3, "{neutralised}");
}

#[test]
fn context_counts_characters() {
    let dir = TempDir::new().unwrap();
    let text = "Zoë Ñúñez said: «Ça ira très bien» — à demain.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let (header, rows) = read_csv(&extract(dir.path(), &["--context", "5"]));
    assert_eq!(&header[header.len() - 2..], ["before", "after"]);
    let row = rows.iter().find(|r| r[3] == "Ça ira très bien").unwrap();
    assert_eq!(row[row.len() - 2], "id: «");
    assert_eq!(row[row.len() - 1], "» — à");
}

#[test]
fn excel_is_csv_only() {
    whosaid()
        .args(["extract", "--excel", "--format", "jsonl", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--excel writes CSV"));
}
