//! Find quotations in news articles and say who said them.
//!
//! `whosaid` reads English prose, finds the quoted spans (straight and
//! curly double quotes, single quotes in British copy, guillemets,
//! quotations running over several paragraphs), finds the reporting cues
//! around them (`said`, `according to`, `told Reuters`), and attributes
//! each quotation to a speaker and, where the text names one, a source
//! (the outlet or channel the words came through). It returns plain data
//! with byte offsets into the text and the rule that fired, so every
//! result can be checked against the article.
//!
//! The crate does no IO, never prints and never panics on any `&str`.
//!
//! # Overview
//!
//! * [`Extractor`] is built once from a [`Lexicon`] (the built-in one or
//!   your own word lists) and then shared across threads.
//! * [`Extractor::extract`] turns a text into a list of [`Quote`]s.
//!
//! # Example
//!
//! ```
//! use whosaid::{Extractor, Kind};
//!
//! let text = "Kremlin aide Yuri Ushakov spoke to reporters.\n\n\
//!             \"Russia and China stand for equal cooperation,\" \
//!             Ushakov said.";
//! let quotes = Extractor::new().extract(text);
//! assert_eq!(quotes.len(), 1);
//! let q = &quotes[0];
//! assert_eq!(q.text, "Russia and China stand for equal cooperation,");
//! assert_eq!(&text[q.span.start..q.span.end], q.text);
//! assert_eq!(q.speaker.as_deref(), Some("Yuri Ushakov"));
//! assert_eq!(q.cue.as_ref().map(|c| c.text.as_ref()), Some("said"));
//! assert_eq!(q.kind, Kind::Direct);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod attribute;
mod error;
mod lexicon;
mod model;
mod scan;
mod speaker;
mod text;
mod wordtrie;

pub use crate::error::{Error, ErrorKind};
pub use crate::lexicon::{Gender, Lexicon, PhraseRole, Verb};
pub use crate::model::{Kind, Quote, Snippet, Span};

/// Finds quotations and attributes them; build once, use from any thread.
#[derive(Debug)]
pub struct Extractor {
    cues: attribute::Cues,
}

impl Extractor {
    /// An extractor with the built-in lexicon.
    pub fn new() -> Extractor {
        // The built-in lexicon is tested to build (see the tests in
        // `attribute`), so this cannot fail in a released build.
        Extractor::with_lexicon(&Lexicon::builtin())
            .expect("built-in lexicon builds")
    }

    /// An extractor with the given word lists.
    ///
    /// # Errors
    ///
    /// Fails when the cue matcher cannot be built from the lists.
    pub fn with_lexicon(lexicon: &Lexicon) -> Result<Extractor, Error> {
        Ok(Extractor { cues: attribute::Cues::new(lexicon)? })
    }

    /// Finds every quotation in `text`, in text order, with its
    /// attribution.
    ///
    /// Offsets are byte offsets into `text`, and the quotations borrow
    /// their words from it (see [`Quote::into_owned`]). Never panics.
    pub fn extract<'t>(&self, text: &'t str) -> Vec<Quote<'t>> {
        // The paragraphs are found once, for the scanner and the rules.
        let paras = text::paragraphs(text);
        let spans = scan::find_spans_in(text, &paras);
        attribute::attribute(&self.cues, text, &spans, paras)
    }
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}
