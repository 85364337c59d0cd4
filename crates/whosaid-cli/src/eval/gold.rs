//! Reading the gold annotations (`gold.jsonl`) and the predictions
//! (a CSV), as the reference scorer reads them.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use serde_json::Value;

/// One gold quotation.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GoldQuote {
    /// Byte offset of the first byte of the quoted words.
    pub(crate) start: i64,
    /// Byte offset just past the last.
    pub(crate) end: i64,
    /// The speaker's name; empty when there is none.
    pub(crate) speaker: String,
    /// `named`, `nominal`, `unresolved` or `none` (or whatever the
    /// gold says).
    pub(crate) status: String,
    /// `direct` or `mixed`; `None` for a `null` kind.
    pub(crate) kind: Option<String>,
    /// Whether the quotation goes on in the next paragraph.
    pub(crate) continues: bool,
    /// The running quotation this piece belongs to, counted in the file.
    pub(crate) group: usize,
}

/// The gold quotations by file (`docs/x.txt`), files in sorted order,
/// each file's quotations by start.
pub(crate) type Gold = BTreeMap<String, Vec<GoldQuote>>;

/// One prediction row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Pred {
    /// The gold file it names, or `None` when it names no gold file.
    pub(crate) file: Option<String>,
    /// The `file` cell as written.
    pub(crate) raw_file: String,
    /// Byte offset of the first byte.
    pub(crate) start: i64,
    /// Byte offset just past the last.
    pub(crate) end: i64,
    /// The speaker, trimmed; empty for none.
    pub(crate) speaker: String,
}

/// The columns a prediction CSV must have.
const REQUIRED: [&str; 5] = ["file", "start", "end", "quote", "speaker"];

/// Reads a `gold.jsonl`: one JSON object per non-blank line, with
/// `file` and `quotes`.
///
/// # Errors
///
/// Fails when the file cannot be read or a line is not a gold record.
pub(crate) fn load_gold(path: &Path) -> anyhow::Result<Gold> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut gold = Gold::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (file, quotes) = gold_record(line).map_err(|error| {
            anyhow!(
                "{} line {}: not a gold record ({error})",
                path.display(),
                n + 1
            )
        })?;
        gold.insert(file, quotes);
    }
    Ok(gold)
}

/// Parses one line of a `gold.jsonl`.
fn gold_record(line: &str) -> Result<(String, Vec<GoldQuote>), String> {
    let record: Value =
        serde_json::from_str(line).map_err(|e| e.to_string())?;
    let field = |v: &Value, key: &str| -> Result<Value, String> {
        match v {
            Value::Object(map) => {
                map.get(key).cloned().ok_or_else(|| format!("'{key}'"))
            }
            _ => Err("not an object".into()),
        }
    };
    let file = text(&field(&record, "file")?);
    let Value::Array(items) = field(&record, "quotes")? else {
        return Err("'quotes' is not a list".into());
    };
    let mut quotes = vec![];
    for q in &items {
        let number = |key| {
            let value = field(q, key)?;
            int(&value).ok_or_else(|| format!("{key} is not an integer"))
        };
        let get = |key| q.get(key).cloned().unwrap_or(Value::Null);
        let speaker = get("speaker");
        let speaker =
            if truthy(&speaker) { text(&speaker) } else { String::new() };
        let status = match get("speaker_status") {
            status if truthy(&status) => text(&status),
            _ if speaker.is_empty() => "none".into(),
            _ => "named".into(),
        };
        let kind = match q.get("kind") {
            None => Some("direct".into()),
            Some(Value::Null) => None,
            Some(kind) => Some(text(kind)),
        };
        quotes.push(GoldQuote {
            start: number("start")?,
            end: number("end")?,
            speaker,
            status,
            kind,
            continues: truthy(&get("paragraph_continues")),
            group: 0,
        });
    }
    // A stable sort by start, then running quotations numbered: a new
    // group starts after every piece that does not continue.
    quotes.sort_by_key(|q| q.start);
    let mut group = 0;
    for i in 0..quotes.len() {
        if i > 0 && !quotes[i - 1].continues {
            group += 1;
        }
        quotes[i].group = group;
    }
    Ok((file, quotes))
}

/// A JSON value as a string: a string's own text, anything else as
/// JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether a value is true in Python's sense.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A value as Python's `int()` takes it: an integer, a float
/// (truncated), a boolean, or a string of digits.
fn int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            (f.is_finite() && f.abs() < 9.0e18).then_some(f.trunc() as i64)
        }),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::String(s) => parse_int(s),
        _ => None,
    }
}

/// Parses a decimal integer as Python's `int()` does: surrounding white
/// space, a sign, and single `_` between digits allowed.
pub(crate) fn parse_int(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let bytes = digits.as_bytes();
    let well_formed = !digits.is_empty()
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_')
        && bytes.first() != Some(&b'_')
        && bytes.last() != Some(&b'_')
        && !digits.contains("__");
    if !well_formed {
        return None;
    }
    let value: i64 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -value } else { value })
}

/// The gold file a prediction's `file` cell names: the cell itself,
/// the cell under `docs/`, or the gold file the cell ends with after a
/// `/`. `\` counts as `/`, and leading `./` are dropped.
pub(crate) fn resolve_file(name: &str, gold: &Gold) -> Option<String> {
    let mut f = name.trim().replace('\\', "/");
    while let Some(rest) = f.strip_prefix("./") {
        f = rest.to_owned();
    }
    if gold.contains_key(&f) {
        return Some(f);
    }
    let docs = format!("docs/{f}");
    if gold.contains_key(&docs) {
        return Some(docs);
    }
    // The reference takes whichever matching gold file its set yields
    // first; the first in sorted order is the deterministic choice.
    gold.keys()
        .find(|g| f.len() > g.len() && f.ends_with(&format!("/{g}")))
        .cloned()
}

/// Reads predictions from a CSV with at least the columns `file`,
/// `start`, `end`, `quote` and `speaker` (header names trimmed), in any
/// order, from `reader`, named `name` in messages.
///
/// # Errors
///
/// Fails when the CSV cannot be read, lacks a column, or has an offset
/// that is not a non-negative integer or an end before its start.
pub(crate) fn load_pred(
    mut reader: impl Read,
    name: &str,
    gold: &Gold,
) -> anyhow::Result<Vec<Pred>> {
    let mut bytes = vec![];
    reader
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = csv.records();
    let header: Vec<String> = match records.next() {
        Some(record) => record
            .with_context(|| format!("{name}: reading CSV"))?
            .iter()
            .map(|c| c.trim().to_owned())
            .collect(),
        None => vec![],
    };
    // Like a Python dict built from the header: a repeated name is the
    // last column of that name.
    let columns: HashMap<&str, usize> =
        header.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let missing: Vec<&str> =
        REQUIRED.into_iter().filter(|c| !columns.contains_key(c)).collect();
    if !missing.is_empty() {
        let found = if header.is_empty() {
            "no header".to_owned()
        } else {
            let names: Vec<String> =
                header.iter().map(|c| py_repr(Some(c))).collect();
            format!("[{}]", names.join(", "))
        };
        bail!("{name} lacks column(s) {}; found {found}", missing.join(", "));
    }
    let mut preds = vec![];
    for record in records {
        let record = record.with_context(|| format!("{name}: reading CSV"))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |column: &str| record.get(columns[column]);
        let (start, end) = (cell("start"), cell("end"));
        let (Some(s), Some(e)) =
            (start.and_then(parse_int), end.and_then(parse_int))
        else {
            bail!(
                "{name} line {line}: start/end must be integers (got {}, {})",
                py_repr(start),
                py_repr(end)
            );
        };
        if s < 0 || e < s {
            bail!("{name} line {line}: bad span {s}..{e}");
        }
        let raw_file = cell("file").unwrap_or("").to_owned();
        preds.push(Pred {
            file: resolve_file(&raw_file, gold),
            raw_file,
            start: s,
            end: e,
            speaker: cell("speaker").unwrap_or("").trim().to_owned(),
        });
    }
    Ok(preds)
}

/// A string as Python's `repr` writes it, or `None`.
pub(crate) fn py_repr(text: Option<&str>) -> String {
    let Some(text) = text else { return "None".into() };
    let quote =
        if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::from(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(files: &[&str]) -> Gold {
        files.iter().map(|f| ((*f).to_owned(), vec![])).collect()
    }

    #[test]
    fn records() {
        let (file, quotes) = gold_record(
            r#"{"file": "docs/a.txt", "quotes": [
                {"start": 9, "end": 12, "speaker": null, "kind": "mixed"},
                {"start": "1", "end": 4.0, "speaker": "Ann",
                 "paragraph_continues": true, "kind": null},
                {"start": 5, "end": 8, "speaker": "", "speaker_status": "nominal"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(file, "docs/a.txt");
        let q = |start,
                 end,
                 speaker: &str,
                 status: &str,
                 kind: Option<&str>,
                 continues,
                 group| {
            GoldQuote {
                start,
                end,
                speaker: speaker.into(),
                status: status.into(),
                kind: kind.map(Into::into),
                continues,
                group,
            }
        };
        assert_eq!(
            quotes,
            [
                q(1, 4, "Ann", "named", None, true, 0),
                q(5, 8, "", "nominal", Some("direct"), false, 0),
                q(9, 12, "", "none", Some("mixed"), false, 1),
            ]
        );
        for bad in [
            "[]",
            "{\"file\": \"a\"}",
            "{\"file\": \"a\", \"quotes\": [{}]}",
            "{",
        ] {
            assert!(gold_record(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ints() {
        assert_eq!(parse_int(" 12 "), Some(12));
        assert_eq!(parse_int("+1_000"), Some(1000));
        assert_eq!(parse_int("-3"), Some(-3));
        for bad in ["", "1.5", "_1", "1__0", "x", "-"] {
            assert_eq!(parse_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn files_resolve_like_the_reference() {
        let g = gold(&["docs/a.txt", "docs/sub/b.txt"]);
        let r = |name| resolve_file(name, &g);
        assert_eq!(r("docs/a.txt").as_deref(), Some("docs/a.txt"));
        assert_eq!(r("a.txt").as_deref(), Some("docs/a.txt"));
        assert_eq!(r(" ././a.txt ").as_deref(), Some("docs/a.txt"));
        assert_eq!(r("sub\\b.txt").as_deref(), Some("docs/sub/b.txt"));
        assert_eq!(r("/x/corpus/docs/a.txt").as_deref(), Some("docs/a.txt"));
        assert_eq!(r("xdocs/a.txt"), None);
        assert_eq!(r("b.txt"), None);
    }

    #[test]
    fn predictions() {
        let g = gold(&["docs/a.txt"]);
        let csv = "\u{FEFF}speaker , end,start,file,quote,extra\n\
                   Ann,4,1,a.txt,\"x,\ny\"\n\
                   ,9,5,other.txt,z,1\n";
        let preds = load_pred(csv.as_bytes(), "p.csv", &g).unwrap();
        assert_eq!(preds.len(), 2);
        assert_eq!(preds[0].file.as_deref(), Some("docs/a.txt"));
        assert_eq!((preds[0].start, preds[0].end), (1, 4));
        assert_eq!(preds[0].speaker, "Ann");
        assert_eq!(preds[1].file, None);
        assert_eq!(preds[1].raw_file, "other.txt");

        let err = |csv: &str| {
            load_pred(csv.as_bytes(), "p.csv", &g).unwrap_err().to_string()
        };
        assert_eq!(
            err("file,start,end\n"),
            "p.csv lacks column(s) quote, speaker; found ['file', 'start', 'end']"
        );
        assert_eq!(
            err(""),
            "p.csv lacks column(s) file, start, end, quote, speaker; found no header"
        );
        assert_eq!(
            err("file,start,end,quote,speaker\na,x,2,q,s\n"),
            "p.csv line 2: start/end must be integers (got 'x', '2')"
        );
        assert_eq!(
            err("file,start,end,quote,speaker\na,1\n"),
            "p.csv line 2: start/end must be integers (got '1', None)"
        );
        assert_eq!(
            err("file,start,end,quote,speaker\na,5,2,q,s\n"),
            "p.csv line 2: bad span 5..2"
        );
    }

    #[test]
    fn repr() {
        assert_eq!(py_repr(Some("Ann")), "'Ann'");
        assert_eq!(py_repr(Some("O'Hara")), "\"O'Hara\"");
        assert_eq!(py_repr(Some("a'\"\n")), "'a\\'\"\\n'");
        assert_eq!(py_repr(None), "None");
    }
}
