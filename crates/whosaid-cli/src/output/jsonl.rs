//! The JSON Lines format (`--format jsonl`): one JSON object per
//! quotation and line, with the CSV's columns as keys in the same
//! order. Numbers and `continues` are JSON numbers and booleans, an
//! empty cell is `null`, and text is a JSON string, so nothing depends
//! on quoting rules.

use std::io::{self, BufWriter, Write};

use whosaid::Quote;

use super::row::{self, Cell};
use super::{Article, QuoteWriter};

/// Writes quotations as JSON Lines.
#[derive(Debug)]
pub(crate) struct JsonlWriter<W: Write> {
    out: BufWriter<W>,
    context: Option<usize>,
    /// What comes before each cell's value, in column order: `{"file":`
    /// then `,"start":` and so on.
    keys: Vec<Vec<u8>>,
    /// Scratch space for a confidence, reused.
    number: String,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer to `out`; with `context`, the `before` and `after` keys
    /// hold that many characters.
    pub(crate) fn new(out: W, context: Option<usize>) -> JsonlWriter<W> {
        let keys = row::header(context.is_some())
            .enumerate()
            .map(|(i, name)| {
                let open = if i == 0 { "{" } else { "," };
                format!("{open}\"{name}\":").into_bytes()
            })
            .collect();
        JsonlWriter {
            out: BufWriter::new(out),
            context,
            keys,
            number: String::new(),
        }
    }
}

impl<W: Write> QuoteWriter<W> for JsonlWriter<W> {
    fn write_quotes(
        &mut self,
        article: &Article<'_>,
        quotes: &[Quote<'_>],
    ) -> io::Result<()> {
        let context = self.context;
        row::each_row(article, quotes, context, |row| {
            for (key, &cell) in self.keys.iter().zip(row.cells()) {
                self.out.write_all(key)?;
                write_cell(&mut self.out, cell, &mut self.number)?;
            }
            self.out.write_all(b"}\n")?;
            Ok(())
        })
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes the value of `cell` as JSON: text as a JSON string, numbers
/// and flags as they are, a confidence as the number the CSV shows, an
/// empty cell as `null`. `scratch` is for a confidence that `fmt` must
/// write. (Shared with `whosaid stream`.)
#[inline]
pub(crate) fn write_cell(
    out: &mut impl Write,
    cell: Cell<'_>,
    scratch: &mut String,
) -> io::Result<()> {
    match cell {
        Cell::Text(text) => write_string(out, text),
        Cell::Number(_) | Cell::Bool(_) => {
            cell.with_bytes(scratch, |bytes| out.write_all(bytes))
        }
        Cell::Confidence(c) => {
            // The number the CSV shows, so that both agree to the last
            // digit.
            let mut digits = [0u8; 24];
            match row::two_decimals(c, &mut digits) {
                Some(text) => out.write_all(json_decimals(text)),
                None => {
                    scratch.clear();
                    cell.write_to(scratch);
                    let value: f64 = scratch.parse().unwrap_or(0.0);
                    Ok(serde_json::to_writer(out, &value)?)
                }
            }
        }
        Cell::Empty => out.write_all(b"null"),
    }
}

/// Writes `text` as a JSON string, as serde_json writes it: most text
/// has nothing to escape (no control character, `"` or `\\`) and is
/// written between quotes as it is; the rest goes to serde_json.
pub(crate) fn write_string(
    out: &mut impl Write,
    text: &str,
) -> io::Result<()> {
    if row::any_below_or(text.as_bytes(), 0x20, [b'"', b'\\']) {
        return Ok(serde_json::to_writer(out, text)?);
    }
    out.write_all(b"\"")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\"")
}

/// `text`, a number with two decimals as [`row::two_decimals`] writes
/// it, as serde_json writes the `f64` it parses to: without the
/// trailing zeros of its decimals but one (`0.90` is `0.9`, `1.00` is
/// `1.0`).
///
/// serde_json writes an `f64` as the shortest decimal that parses back
/// to it (ryu), in plain notation below 1e16. For a number of
/// hundredths up to 1e6 that is the number itself: a decimal with fewer
/// digits is at least a hundredth away, and `f64`s there are less than
/// 1e-9 apart. The tests compare the two.
fn json_decimals(text: &[u8]) -> &[u8] {
    let mut end = text.len();
    while end >= 2 && text[end - 1] == b'0' && text[end - 2] != b'.' {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::row::header;
    use crate::output::row::tests::{TEXT, quote};

    /// Confidences written as serde_json writes the `f64` parsed from
    /// their two decimals: every value up to 2,000.00, and a sweep up
    /// to 1e6.
    #[test]
    fn decimals_as_serde_json_writes_them() {
        let sweep = (200_000..=100_000_000).step_by(9973);
        for h in (0..=200_000u64).chain(sweep).chain([100_000_000]) {
            let text = format!("{}.{:02}", h / 100, h % 100);
            let value: f64 = text.parse().unwrap();
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json_decimals(text.as_bytes()), json.as_bytes());
        }
    }

    #[test]
    fn strings_as_serde_json_writes_them() {
        let texts = [
            "",
            "plain",
            "a\"b",
            "back\\slash",
            "tab\t",
            "\u{1}x",
            "é\u{7f}\u{2028}",
            "0123456789abcdef\n",
        ];
        for text in texts {
            let mut out = vec![];
            write_string(&mut out, text).unwrap();
            assert_eq!(out, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn one_object_per_quotation_with_the_csv_columns() {
        let mut w = Box::new(JsonlWriter::new(vec![], Some(1)));
        let mut q = quote();
        q.text = "Say \"no\",\nthen\t\u{2028}".into();
        w.write_quotes(&Article::new("a.txt", TEXT), &[q.clone(), q]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let lines: Vec<_> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let value: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(value["quote"], "Say \"no\",\nthen\t\u{2028}");
        assert_eq!(value["start"], 1);
        assert_eq!(value["confidence"], 0.88);
        assert_eq!(value["continues"], false);
        assert_eq!(value["source"], serde_json::Value::Null);
        assert_eq!(value["after"], "\"");
        // Keys in column order.
        let at: Vec<_> = header(true)
            .map(|key| lines[0].find(&format!("\"{key}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{}", lines[0]);
        assert_eq!(value.as_object().unwrap().len(), at.len());
    }
}
