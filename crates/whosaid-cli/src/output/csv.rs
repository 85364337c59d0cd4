//! The CSV format: RFC 4180 but for the line ends, which are `\n`
//! (fields quoted when needed, so a `\n` inside a quote is kept), UTF-8
//! without a byte order mark, a header row, one row per quotation.

use std::io::{self, Write};

use serde::Serialize;
use whosaid::{Quote, Snippet};

use super::QuoteWriter;

/// The header row: the column names, in order.
///
/// They are also the field names of [`Row`], in the same order; a test
/// checks that the two agree. Columns are only ever added at the end.
pub(crate) const HEADER: [&str; 20] = [
    "file",
    "start",
    "end",
    "quote",
    "speaker",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "source",
    "kind",
    "rule",
    "confidence",
    "description",
    "cue_start",
    "cue_end",
    "source_start",
    "source_end",
    "quotation",
    "continues",
];

/// One CSV row: one [`Quote`], flattened. `None` is an empty cell.
#[derive(Debug, Serialize)]
struct Row<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    quote: &'a str,
    speaker: Option<&'a str>,
    mention: Option<&'a str>,
    mention_start: Option<usize>,
    mention_end: Option<usize>,
    cue: Option<&'a str>,
    source: Option<&'a str>,
    kind: &'static str,
    rule: &'a str,
    /// Two decimals: more would be noise, and it keeps diffs stable.
    confidence: String,
    description: Option<&'a str>,
    cue_start: Option<usize>,
    cue_end: Option<usize>,
    source_start: Option<usize>,
    source_end: Option<usize>,
    quotation: usize,
    continues: bool,
}

impl<'a> Row<'a> {
    fn new(file: &'a str, q: &'a Quote) -> Row<'a> {
        let text = |s: &'a Option<Snippet>| s.as_ref().map(|s| &*s.text);
        let start = |s: &Option<Snippet>| s.as_ref().map(|s| s.span.start);
        let end = |s: &Option<Snippet>| s.as_ref().map(|s| s.span.end);
        Row {
            file,
            start: q.span.start,
            end: q.span.end,
            quote: &q.text,
            speaker: q.speaker.as_deref(),
            mention: text(&q.mention),
            mention_start: start(&q.mention),
            mention_end: end(&q.mention),
            cue: text(&q.cue),
            source: text(&q.source),
            kind: q.kind.as_str(),
            rule: q.rule,
            confidence: format!("{:.2}", q.confidence),
            description: q.description.as_deref(),
            cue_start: start(&q.cue),
            cue_end: end(&q.cue),
            source_start: start(&q.source),
            source_end: end(&q.source),
            quotation: q.quotation,
            continues: q.continues,
        }
    }
}

/// Writes quotations as CSV.
#[derive(Debug)]
pub(crate) struct CsvWriter<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer that has written the header row to `out`.
    ///
    /// # Errors
    ///
    /// Fails when the header cannot be written.
    pub(crate) fn new(out: W) -> io::Result<CsvWriter<W>> {
        // The header is written by hand: csv's automatic header would be
        // missing from the output of a run that finds no quotation.
        let mut csv =
            csv::WriterBuilder::new().has_headers(false).from_writer(out);
        csv.write_record(HEADER).map_err(into_io)?;
        Ok(CsvWriter { csv })
    }
}

impl<W: Write> QuoteWriter<W> for CsvWriter<W> {
    fn write_quotes(
        &mut self,
        file: &str,
        quotes: &[Quote],
    ) -> io::Result<()> {
        for quote in quotes {
            self.csv.serialize(Row::new(file, quote)).map_err(into_io)?;
        }
        Ok(())
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
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
    use whosaid::{Kind, Span};

    fn quote() -> Quote {
        Quote {
            span: Span::new(1, 17),
            text: "We will rebuild,".into(),
            kind: Kind::Direct,
            quotation: 0,
            continues: false,
            speaker: Some("Linda Okafor".into()),
            mention: Some(Snippet {
                text: "Linda Okafor".into(),
                span: Span::new(25, 37),
            }),
            description: None,
            cue: Some(Snippet {
                text: "said".into(),
                span: Span::new(38, 42),
            }),
            source: None,
            rule: "said-after",
            confidence: 0.875,
        }
    }

    #[test]
    fn header_matches_row_fields() {
        let mut csv = csv::Writer::from_writer(vec![]);
        let q = quote();
        csv.serialize(Row::new("a.txt", &q)).unwrap();
        let out = String::from_utf8(csv.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next().unwrap(), HEADER.join(","));
    }

    #[test]
    fn writes_rows() {
        let mut w = Box::new(CsvWriter::new(vec![]).unwrap());
        let mut q = quote();
        w.write_quotes("dir/a.txt", &[q.clone()]).unwrap();
        q.text = "Say \"no\",\nthen".into();
        q.speaker = None;
        q.continues = true;
        w.write_quotes("-", &[q]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let expected = format!(
            "{}\n\
             dir/a.txt,1,17,\"We will rebuild,\",Linda Okafor,Linda Okafor,\
             25,37,said,,direct,said-after,0.88,,38,42,,,0,false\n\
             -,1,17,\"Say \"\"no\"\",\nthen\",,Linda Okafor,\
             25,37,said,,direct,said-after,0.88,,38,42,,,0,true\n",
            HEADER.join(",")
        );
        assert_eq!(out, expected);
    }
}
