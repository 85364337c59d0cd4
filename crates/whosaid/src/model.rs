//! The plain data the extractor returns.
//!
//! A [`Quote`] borrows its words from the text it was found in
//! ([`Cow::Borrowed`]), so that finding a quotation allocates nothing
//! for its text; [`Quote::into_owned`] makes one that outlives the text.

use std::borrow::Cow;

use serde::Serialize;

/// A half-open byte range `start..end` into the text given to the
/// extractor.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// Makes a span from two byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The number of bytes the span covers.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What kind of quoted span this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A quoted statement: the words in the marks are all that is
    /// attributed (`"We will win," Trump said`).
    Direct,
    /// Quoted words embedded in paraphrase
    /// (`Trump called the plan "a disaster"`).
    Mixed,
    /// Scare quotes, titles, nicknames and words mentioned as words
    /// (`so-called "Board of Peace"`): nobody said them.
    Term,
}

impl Kind {
    /// The lowercase name used in output (`direct`, `mixed`, `term`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Mixed => "mixed",
            Kind::Term => "term",
        }
    }
}

/// A piece of the text: its words and where they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snippet<'t> {
    /// The text of the piece, exactly as in the input (borrowed from it
    /// as the extractor returns it).
    pub text: Cow<'t, str>,
    /// Where the piece is in the input.
    pub span: Span,
}

impl Snippet<'_> {
    /// The same snippet owning its text, free of the input's lifetime.
    pub fn into_owned(self) -> Snippet<'static> {
        Snippet { text: Cow::Owned(self.text.into_owned()), span: self.span }
    }
}

/// One quotation found in the text, with its attribution.
///
/// A quotation interrupted by its attribution (`"A," he said, "B."`) is
/// two `Quote`s. A quotation running over several paragraphs is one
/// `Quote` per paragraph piece; the pieces share `quotation` and all but
/// the last have `continues` set.
///
/// Its text fields borrow from the text given to
/// [`Extractor::extract`](crate::Extractor::extract) where they can (all
/// of them but a speaker's name written differently elsewhere);
/// [`Quote::into_owned`] copies them out.
///
/// ```
/// use whosaid::{Extractor, Quote};
///
/// let owned: Vec<Quote<'static>> = {
///     let text = String::from("\"We will win,\" Trump said.");
///     let quotes = Extractor::new().extract(&text);
///     quotes.into_iter().map(Quote::into_owned).collect()
/// };
/// assert_eq!(owned[0].text, "We will win,");
/// assert_eq!(owned[0].speaker.as_deref(), Some("Trump"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote<'t> {
    /// The quoted words, quotation marks and surrounding white space
    /// excluded.
    pub span: Span,
    /// The text at `span`.
    pub text: Cow<'t, str>,
    /// Whether this is a direct quote, quoted words inside paraphrase,
    /// or a term nobody said.
    pub kind: Kind,
    /// Number of the quotation this piece belongs to, counted from 0 in
    /// text order; pieces of one running quotation share it.
    pub quotation: usize,
    /// Whether the quotation goes on in the next paragraph.
    pub continues: bool,
    /// The speaker's fullest name found in the text; `None` when the
    /// speaker is unnamed or unknown.
    pub speaker: Option<Cow<'t, str>>,
    /// The words that name the speaker at this quote (`He`, `Ushakov`,
    /// `a senior official`).
    pub mention: Option<Snippet<'t>>,
    /// For an unnamed speaker, the description the text gives
    /// (`a senior official`); `None` otherwise.
    pub description: Option<Cow<'t, str>>,
    /// The reporting word or phrase (`said`, `according to`).
    pub cue: Option<Snippet<'t>>,
    /// The outlet or channel the quote came through (`Reuters`,
    /// `a statement`).
    pub source: Option<Snippet<'t>>,
    /// The id of the rule that attributed the quote (`said-after`,
    /// `according-to`, ...); `none` when no rule fired.
    pub rule: &'static str,
    /// How sure the rule is, in `[0, 1]`.
    pub confidence: f32,
}

impl Quote<'_> {
    /// The same quote owning all its text, free of the input's lifetime
    /// (to keep it after the text is gone, or send it elsewhere).
    pub fn into_owned(self) -> Quote<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        Quote {
            span: self.span,
            text: own(self.text),
            kind: self.kind,
            quotation: self.quotation,
            continues: self.continues,
            speaker: self.speaker.map(own),
            mention: self.mention.map(Snippet::into_owned),
            description: self.description.map(own),
            cue: self.cue.map(Snippet::into_owned),
            source: self.source.map(Snippet::into_owned),
            rule: self.rule,
            confidence: self.confidence,
        }
    }
}
