//! `whosaid speakers`: who is quoted, how often and where. The same
//! tally heads the audit report.
//!
//! A speaker is the `speaker` column as written: the fullest form of
//! the name found in each article, so `Trump` in one article and
//! `Donald Trump` in another are two rows (merging them would guess, as
//! `Clinton` shows). Quotations with no named speaker are not counted.
//! A quotation running over several paragraphs counts once.

use std::collections::HashMap;
use std::io::{self, Write};

use whosaid::{Kind, Quote};

use crate::output::{Article, QuoteWriter};

/// The columns of `whosaid speakers`.
pub(crate) const HEADER: [&str; 5] =
    ["speaker", "quotes", "articles", "first_article", "last_article"];

/// One speaker's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Speaker {
    /// The name, as in the `speaker` column.
    pub(crate) name: String,
    /// How many quotations are attributed to them.
    pub(crate) quotes: usize,
    /// In how many articles.
    pub(crate) articles: usize,
    /// The first of those articles in input order (its `file` name).
    pub(crate) first_article: String,
    /// The last of those articles in input order.
    pub(crate) last_article: String,
}

/// Quotation counts by speaker, added to article by article in input
/// order.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    speakers: HashMap<String, Speaker>,
}

impl Tally {
    /// Counts the quotations of one article.
    pub(crate) fn add(&mut self, article: &str, quotes: &[Quote<'_>]) {
        for quote in quotes {
            let Some(name) = quote.speaker() else { continue };
            if quote.kind == Kind::Term || quote.continues {
                continue;
            }
            let speaker =
                self.speakers.entry(name.to_owned()).or_insert_with(|| {
                    Speaker {
                        name: name.to_owned(),
                        quotes: 0,
                        articles: 0,
                        first_article: article.to_owned(),
                        last_article: String::new(),
                    }
                });
            speaker.quotes += 1;
            // Articles come one at a time, so a new article is one that
            // is not the last seen.
            if speaker.articles == 0 || speaker.last_article != article {
                speaker.articles += 1;
                article.clone_into(&mut speaker.last_article);
            }
        }
    }

    /// The speakers, most quoted first, ties by name.
    pub(crate) fn sorted(&self) -> Vec<&Speaker> {
        let mut speakers: Vec<_> = self.speakers.values().collect();
        speakers.sort_by(|a, b| {
            b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name))
        });
        speakers
    }
}

/// Writes the speakers table as CSV (`\n` line ends, header row) once
/// every article has been seen.
#[derive(Debug)]
pub(crate) struct SpeakersWriter<W: Write> {
    out: W,
    tally: Tally,
}

impl<W: Write> SpeakersWriter<W> {
    /// A writer that writes to `out` when it is finished.
    pub(crate) fn new(out: W) -> SpeakersWriter<W> {
        SpeakersWriter { out, tally: Tally::default() }
    }
}

impl<W: Write> QuoteWriter<W> for SpeakersWriter<W> {
    fn write_quotes(
        &mut self,
        article: &Article<'_>,
        quotes: &[Quote<'_>],
    ) -> io::Result<()> {
        self.tally.add(article.name, quotes);
        Ok(())
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        let SpeakersWriter { out, tally } = *self;
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        let io = |e: csv::Error| io::Error::other(e.to_string());
        csv.write_record(HEADER).map_err(io)?;
        for s in tally.sorted() {
            let (quotes, articles) =
                (s.quotes.to_string(), s.articles.to_string());
            csv.write_record([
                &*s.name,
                &quotes,
                &articles,
                &s.first_article,
                &s.last_article,
            ])
            .map_err(io)?;
        }
        csv.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid::{Attribution, Span};

    fn quote(speaker: Option<&str>, kind: Kind, continues: bool) -> Quote<'_> {
        Quote {
            span: Span::new(0, 1),
            text: "x".into(),
            kind,
            quotation: 0,
            continues,
            attribution: speaker.map(|s| {
                Box::new(Attribution {
                    speaker: Some(s.into()),
                    ..Default::default()
                })
            }),
            rule: "said-after",
            confidence: 0.9,
        }
    }

    #[test]
    fn counts_quotations_and_articles_in_order() {
        let a = |s| quote(Some(s), Kind::Direct, false);
        let mut w = Box::new(SpeakersWriter::new(vec![]));
        let article = |name| Article::new(name, "");
        w.write_quotes(
            &article("1.txt"),
            &[
                a("Ann Lee"),
                quote(Some("Bo Chen"), Kind::Direct, true),
                a("Bo Chen"),
                quote(None, Kind::Direct, false),
                quote(Some("Ann Lee"), Kind::Term, false),
            ],
        )
        .unwrap();
        w.write_quotes(&article("2.txt"), &[]).unwrap();
        w.write_quotes(&article("3.txt"), &[a("Bo Chen"), a("Cy, Jr.")])
            .unwrap();
        w.write_quotes(&article("4.txt"), &[a("Ann Lee")]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(
            out,
            "speaker,quotes,articles,first_article,last_article\n\
             Ann Lee,2,2,1.txt,4.txt\n\
             Bo Chen,2,2,1.txt,3.txt\n\
             \"Cy, Jr.\",1,1,3.txt,3.txt\n"
        );
    }

    #[test]
    fn header_without_speakers() {
        let w = Box::new(SpeakersWriter::new(vec![]));
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, format!("{}\n", HEADER.join(",")));
    }
}
