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
    /// Scratch space for a confidence, reused.
    number: String,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer to `out`; with `context`, the `before` and `after` keys
    /// hold that many characters.
    pub(crate) fn new(out: W, context: Option<usize>) -> JsonlWriter<W> {
        JsonlWriter {
            out: BufWriter::new(out),
            context,
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
            for (i, (name, cell)) in row.iter().enumerate() {
                self.out.write_all(if i == 0 { b"{\"" } else { b",\"" })?;
                self.out.write_all(name.as_bytes())?;
                self.out.write_all(b"\":")?;
                match cell {
                    Cell::Text(text) => {
                        serde_json::to_writer(&mut self.out, text)?;
                    }
                    Cell::Number(_) | Cell::Bool(_) => {
                        self.number.clear();
                        cell.write_to(&mut self.number);
                        self.out.write_all(self.number.as_bytes())?;
                    }
                    Cell::Confidence(_) => {
                        // The number the CSV shows, so that both agree
                        // to the last digit.
                        self.number.clear();
                        cell.write_to(&mut self.number);
                        let value: f64 = self.number.parse().unwrap_or(0.0);
                        serde_json::to_writer(&mut self.out, &value)?;
                    }
                    Cell::Empty => self.out.write_all(b"null")?,
                }
            }
            self.out.write_all(b"}\n")?;
            Ok(())
        })
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::row::header;
    use crate::output::row::tests::{TEXT, quote};

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
