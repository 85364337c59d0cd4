//! The TSV format (`--format tsv`): the CSV columns separated by tabs,
//! one line per quotation, `\n` line ends, UTF-8 without a byte order
//! mark, a header row.
//!
//! A field never holds a raw tab or line break: `\` is written `\\`, a
//! tab `\t`, a line feed `\n` and a carriage return `\r` (the "linear
//! TSV" convention, as PostgreSQL's `COPY` and `mlr --tsv` read it), so
//! every line is one record and `cut -f4` gives the quotations.

use std::io::{self, BufWriter, Write};

use whosaid::Quote;

use super::row::{self, Cell};
use super::{Article, QuoteWriter};

/// Writes quotations as TSV.
#[derive(Debug)]
pub(crate) struct TsvWriter<W: Write> {
    out: BufWriter<W>,
    context: Option<usize>,
    /// Scratch space for a confidence that `fmt` writes, reused.
    cell: String,
}

impl<W: Write> TsvWriter<W> {
    /// A writer that has written the header row to `out`; with
    /// `context`, the `before` and `after` columns hold that many
    /// characters.
    ///
    /// # Errors
    ///
    /// Fails when the header cannot be written.
    pub(crate) fn new(
        out: W,
        context: Option<usize>,
    ) -> io::Result<TsvWriter<W>> {
        let mut out = BufWriter::new(out);
        let header: Vec<_> = row::header(context.is_some()).collect();
        writeln!(out, "{}", header.join("\t"))?;
        Ok(TsvWriter { out, context, cell: String::new() })
    }
}

impl<W: Write> QuoteWriter<W> for TsvWriter<W> {
    fn write_quotes(
        &mut self,
        article: &Article<'_>,
        quotes: &[Quote<'_>],
    ) -> io::Result<()> {
        let context = self.context;
        row::each_row(article, quotes, context, |row| {
            for (i, &cell) in row.cells().iter().enumerate() {
                if i > 0 {
                    self.out.write_all(b"\t")?;
                }
                match cell {
                    Cell::Text(text) => escape(text, &mut self.out)?,
                    _ => cell.with_bytes(&mut self.cell, |bytes| {
                        self.out.write_all(bytes)
                    })?,
                }
            }
            self.out.write_all(b"\n")?;
            Ok(())
        })
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes `text` with `\`, tab, line feed and carriage return escaped.
fn escape(text: &str, out: &mut impl Write) -> io::Result<()> {
    let mut rest = text.as_bytes();
    // Most text has nothing to escape, and is written in one piece. The
    // test also catches the other (rare) bytes below 14, which then take
    // the exact way below.
    if !row::any_below_or(rest, b'\r' + 1, [b'\\', b'\\']) {
        return out.write_all(rest);
    }
    while let Some(i) =
        rest.iter().position(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
    {
        out.write_all(&rest[..i])?;
        out.write_all(match rest[i] {
            b'\\' => b"\\\\",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            _ => b"\\r",
        })?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::row::HEADER;
    use crate::output::row::tests::{TEXT, quote};

    #[test]
    fn escapes_what_would_break_a_line_or_a_field() {
        let mut out = vec![];
        escape("a\\b\tc\nd\r\n", &mut out).unwrap();
        assert_eq!(out, b"a\\\\b\\tc\\nd\\r\\n");
    }

    #[test]
    fn writes_rows() {
        let mut w = Box::new(TsvWriter::new(vec![], None).unwrap());
        let mut q = quote();
        q.text = "Say\t\"no\",\nthen".into();
        w.write_quotes(&Article::new("a b.txt", TEXT), &[q]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let expected = format!(
            "{}\na b.txt\t1\t17\tSay\\t\"no\",\\nthen\tLinda Okafor\t\
             Linda Okafor\t19\t31\tsaid\t\tdirect\tsaid-after\t0.88\t\t32\t\
             36\t\t\t0\tfalse\t\t\n",
            HEADER.join("\t")
        );
        assert_eq!(out, expected);
    }
}
