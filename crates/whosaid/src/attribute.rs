//! Linking quoted spans to cues and speakers.

use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::model::{Kind, Quote};
use crate::scan::RawQuote;

/// The compiled cue matchers.
#[derive(Debug)]
pub(crate) struct Cues {}

impl Cues {
    pub(crate) fn new(_lexicon: &Lexicon) -> Result<Cues, Error> {
        Ok(Cues {})
    }
}

pub(crate) fn attribute(
    _cues: &Cues,
    text: &str,
    spans: &[RawQuote],
) -> Vec<Quote> {
    spans
        .iter()
        .map(|r| Quote {
            span: r.span,
            text: text[r.span.start..r.span.end].to_owned(),
            kind: Kind::Direct,
            quotation: r.quotation,
            continues: r.continues,
            speaker: None,
            mention: None,
            description: None,
            cue: None,
            source: None,
            rule: "none",
            confidence: 0.0,
        })
        .collect()
}
