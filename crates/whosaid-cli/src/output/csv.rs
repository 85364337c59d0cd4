//! The CSV format: RFC 4180 but for the line ends, which are `\n`
//! (fields quoted when needed, so a `\n` inside a quote is kept), UTF-8
//! without a byte order mark, a header row, one row per quotation.
//!
//! With `--excel` the same rows are written for spreadsheets opened by
//! double-click: a UTF-8 byte order mark (without it Excel reads the
//! file as the local code page), CRLF line ends, and formula injection
//! neutralised as OWASP advises: a text cell starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return gets a leading `'`, so that a
//! quotation such as `=HYPERLINK(...)` is shown, not run.

use std::io::{self, Write};

use whosaid::Quote;

use super::row::{self, Cell};
use super::{Article, QuoteWriter};

/// The UTF-8 byte order mark `--excel` starts with.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The size of the csv writer's buffer. A row that might not fit in
/// what is left of it takes csv's slow way (field by field, through
/// its state machine); csv's default 8 KiB made that one row in 16 on
/// news, 64 KiB makes it about one in 260.
const BUFFER: usize = 1 << 16;

/// Writes quotations as CSV.
#[derive(Debug)]
pub(crate) struct CsvWriter<W: Write> {
    csv: csv::Writer<W>,
    excel: bool,
    context: Option<usize>,
    /// The record being written, reused from row to row.
    record: csv::ByteRecord,
    /// Scratch space for a quoted formula or a confidence out of the
    /// usual range, reused from cell to cell.
    cell: String,
}

impl<W: Write> CsvWriter<W> {
    /// A writer that has written the header row to `out`: plain CSV,
    /// or for spreadsheets when `excel`; with `context`, the `before`
    /// and `after` columns hold that many characters.
    ///
    /// # Errors
    ///
    /// Fails when the header cannot be written.
    pub(crate) fn new(
        mut out: W,
        excel: bool,
        context: Option<usize>,
    ) -> io::Result<CsvWriter<W>> {
        if excel {
            out.write_all(BOM)?;
        }
        let terminator = if excel {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        // The header is written by hand: csv's automatic header would be
        // missing from the output of a run that finds no quotation.
        let mut csv = csv::WriterBuilder::new()
            .has_headers(false)
            .buffer_capacity(BUFFER)
            .terminator(terminator)
            .from_writer(out);
        csv.write_record(row::header(context.is_some())).map_err(into_io)?;
        Ok(CsvWriter {
            csv,
            excel,
            context,
            record: csv::ByteRecord::new(),
            cell: String::new(),
        })
    }
}

impl<W: Write> QuoteWriter<W> for CsvWriter<W> {
    fn write_quotes(
        &mut self,
        article: &Article<'_>,
        quotes: &[Quote<'_>],
    ) -> io::Result<()> {
        let context = self.context;
        row::each_row(article, quotes, context, |row| {
            self.record.clear();
            for &cell in row.cells() {
                // Everything goes to the record as bytes; only a quoted
                // formula or an odd confidence needs the scratch string.
                // (This is `Cell::with_bytes` spelled out: through it the
                // CSV costs 0.9M instructions more on the dev corpora.)
                match cell {
                    Cell::Text(text) if !(self.excel && is_formula(text)) => {
                        self.record.push_field(text.as_bytes());
                    }
                    Cell::Text(text) => {
                        self.cell.clear();
                        self.cell.push('\'');
                        self.cell.push_str(text);
                        self.record.push_field(self.cell.as_bytes());
                    }
                    Cell::Number(n) => {
                        let mut digits = [0u8; 20];
                        let digits = row::number_digits(n, &mut digits);
                        self.record.push_field(digits);
                    }
                    Cell::Bool(b) => {
                        let flag: &[u8] = if b { b"true" } else { b"false" };
                        self.record.push_field(flag);
                    }
                    Cell::Confidence(c) => {
                        let mut digits = [0u8; 24];
                        if let Some(text) = row::two_decimals(c, &mut digits) {
                            self.record.push_field(text);
                        } else {
                            self.cell.clear();
                            cell.write_to(&mut self.cell);
                            self.record.push_field(self.cell.as_bytes());
                        }
                    }
                    Cell::Empty => self.record.push_field(b""),
                }
            }
            self.csv.write_byte_record(&self.record).map_err(into_io)
        })
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

/// Whether a spreadsheet would take a cell starting like `text` for a
/// formula (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return).
pub(crate) fn is_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A csv error as the IO error it almost always is, so that callers can
/// recognise a broken pipe.
fn into_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::row::tests::{TEXT, quote};
    use crate::output::row::{CONTEXT_HEADER, HEADER};
    use whosaid::Span;

    /// A headline before [`TEXT`].
    const HEADLINE: &str = "Council keeps buses\n\n";

    fn write(
        excel: bool,
        context: Option<usize>,
        articles: &[(&str, &str, Vec<Quote<'_>>)],
    ) -> String {
        let mut w = Box::new(CsvWriter::new(vec![], excel, context).unwrap());
        for (name, text, quotes) in articles {
            w.write_quotes(&Article::new(name, text), quotes).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    /// [`quote`] in an article starting with [`HEADLINE`].
    fn headlined() -> (String, Quote<'static>) {
        let by = HEADLINE.len();
        let shift = |span: &mut Span| {
            *span = Span::new(span.start + by, span.end + by);
        };
        let mut q = quote();
        shift(&mut q.span);
        let a = q.attribution.as_deref_mut().unwrap();
        shift(&mut a.mention.as_mut().unwrap().span);
        shift(&mut a.cue.as_mut().unwrap().span);
        (format!("{HEADLINE}{TEXT}"), q)
    }

    #[test]
    fn writes_rows() {
        let (text, first) = headlined();
        let mut q = quote();
        q.text = "Say \"no\",\nthen".into();
        q.attribution.as_deref_mut().unwrap().speaker = None;
        q.continues = true;
        let out = write(
            false,
            None,
            &[("dir/a.txt", &text, vec![first]), ("-", TEXT, vec![q])],
        );
        let expected = format!(
            "{}\n\
             dir/a.txt,22,38,\"We will rebuild,\",Linda Okafor,Linda Okafor,\
             40,52,said,,direct,said-after,0.88,,53,57,,,0,false,,\
             Council keeps buses\n\
             -,1,17,\"Say \"\"no\"\",\nthen\",,Linda Okafor,\
             19,31,said,,direct,said-after,0.88,,32,36,,,0,true,,\n",
            HEADER.join(",")
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn excel_has_bom_crlf_and_no_formulas() {
        let mut q = quote();
        q.text = "=1+2".into();
        q.attribution.as_deref_mut().unwrap().speaker =
            Some("@someone".into());
        let out = write(true, Some(2), &[("a", TEXT, vec![q])]);
        let header = [&HEADER[..], &CONTEXT_HEADER[..]].concat().join(",");
        assert!(out.starts_with(&format!("\u{FEFF}{header}\r\n")), "{out}");
        assert!(out.ends_with(",0,false,,,\"\"\"\",\"\"\" \"\r\n"), "{out}");
        assert!(out.contains(",'=1+2,'@someone,"), "{out}");
    }

    #[test]
    fn formulas() {
        for text in ["=A1", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(is_formula(text), "{text:?}");
        }
        for text in ["", "a=b", " =x", "'x", "1"] {
            assert!(!is_formula(text), "{text:?}");
        }
    }
}
