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
//! assert_eq!(q.speaker(), Some("Yuri Ushakov"));
//! assert_eq!(q.cue().map(|c| c.text.as_ref()), Some("said"));
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
pub use crate::model::{Attribution, Kind, Quote, Snippet, Span};

/// Finds quotations and attributes them; build once, use from any thread.
#[derive(Debug)]
pub struct Extractor {
    cues: attribute::Cues,
    /// The work vectors of the calls to come: see [`Pool`].
    pool: Pool,
}

/// The [`attribute::Scratch`] vectors of the calls that are over, for
/// the next ones: a call takes one (or makes one when none is left) and
/// gives it back, emptied. There are never more than the calls that ran
/// at once (one a thread of the CLI), and none holds more than a few
/// megabytes (see `Scratch::reset`); they are freed with the
/// extractor. A mutex rather than a `thread_local!`: what is kept goes
/// with the extractor, not with every thread that ever called one, and
/// the lock, taken twice a call, costs nothing next to a text. Each is
/// boxed, so that a call moves a pointer in and out of the pool, not
/// the scratch's kilobyte of vectors (copied four times a call, that
/// cost 540 instructions, about 4% of a call on a one-sentence text).
#[derive(Default)]
#[expect(clippy::vec_box, reason = "a move of a pointer, not of the scratch")]
struct Pool(std::sync::Mutex<Vec<Box<attribute::Scratch>>>);

impl Pool {
    /// A scratch for a call: one given back, or a new one.
    fn take(&self) -> Box<attribute::Scratch> {
        self.lock().pop().unwrap_or_default()
    }

    /// Keeps `scratch`, emptied, for a call to come.
    fn give(&self, mut scratch: Box<attribute::Scratch>) {
        scratch.reset();
        self.lock().push(scratch);
    }

    /// The kept scratches. (No call panics while holding the lock, but
    /// a poisoned lock would still hold sound vectors.)
    #[expect(clippy::vec_box, reason = "the pool's vector")]
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Box<attribute::Scratch>>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool").finish_non_exhaustive()
    }
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
        Ok(Extractor {
            cues: attribute::Cues::new(lexicon)?,
            pool: Pool::default(),
        })
    }

    /// Finds every quotation in `text`, in text order, with its
    /// attribution.
    ///
    /// Offsets are byte offsets into `text`, and the quotations borrow
    /// their words from it (see [`Quote::into_owned`]). Never panics.
    pub fn extract<'t>(&self, text: &'t str) -> Vec<Quote<'t>> {
        let mut scratch = self.pool.take();
        // The paragraphs are found once, for the scanner and the rules.
        text::paragraphs_into(text, &mut scratch.paras, &mut scratch.blocks);
        let pieces = std::mem::take(&mut scratch.pieces);
        let spans = scan::find_spans_in(text, &scratch.paras, pieces);
        let quotes =
            attribute::attribute(&self.cues, text, &spans, &mut scratch);
        scratch.pieces = spans;
        self.pool.give(scratch);
        quotes
    }
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Extractor;

    #[test]
    fn an_extractor_can_be_shared_between_threads() {
        // The command line shares one extractor between its threads; the
        // pool of scratches it keeps must not take that away.
        fn shared<T: Send + Sync>() {}
        shared::<Extractor>();
        let extractor = Extractor::new();
        let text = "\"Yes,\" said Ann Lee. \"No,\" she said.\n\n";
        let alone = extractor.extract(text);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..50 {
                        assert_eq!(extractor.extract(text), alone);
                    }
                });
            }
        });
        assert!(extractor.pool.lock().len() <= 4);
    }

    #[test]
    fn an_extractor_used_again_answers_as_a_new_one() {
        // Texts of many sizes, in an order that takes a short text after
        // a long one and back (the vectors of the last text are reused:
        // a long text's tokens are not kept, a short text's are, and the
        // names, cues and paragraphs of each are left in more room than
        // the next needs).
        let pieces = [
            "Kremlin aide Yuri Ushakov spoke to reporters.\n\n\"Russia and \
             China stand for equal cooperation,\" Ushakov said.\n\n",
            "\"Where were you?\" asked Mrs. Hall.\n\n\"Out,\" said Grey \
             Hall.\n\n\"Why?\"\n\n\"Because, Doctor, I was told to.\"\n\n",
            "'We will win,' the Prime Minister, Boris Johnson, told the \
             BBC. The minister said the 'plan' would work. He added: 'Soon.'\n",
            "The committee met on Tuesday in Brussels to discuss the \
             budget of the Union for the year to come.\n",
            "\u{201c}It is over,\u{201d} she said, according to Reuters. \
             \u{ab}Non\u{bb}, said Jean-Luc Picard. \u{201c}Never.\n\n",
        ];
        let mut texts = vec![];
        for n in [1, 3, 40, 300] {
            for p in pieces {
                texts.push(p.repeat(n));
            }
            texts.push(pieces.concat().repeat(n));
        }
        let order: Vec<usize> =
            (0..2 * texts.len()).map(|k| k * 7 % texts.len()).collect();
        let shared = Extractor::new();
        let fresh = Extractor::new();
        for k in order {
            let text = &texts[k];
            // No scratch is left in `fresh`: it starts from none.
            fresh.pool.lock().clear();
            assert_eq!(shared.extract(text), fresh.extract(text), "{k}");
        }
        assert_eq!(shared.pool.lock().len(), 1, "one call at a time");
    }
}
