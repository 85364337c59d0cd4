//! The plain data the extractor returns.
//!
//! A [`Quote`] borrows its words from the text it was found in
//! ([`Cow::Borrowed`]), so that finding a quotation allocates nothing
//! for its text; [`Quote::into_owned`] makes one that outlives the text.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

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

/// Who said a quote and how: the fields of a [`Quote`] that a rule
/// fills in when it attributes the quote.
///
/// A quote no rule attributes (and every [`Kind::Term`]) has none of
/// them: its [`Quote::attribution`] is `None`, so that a text of many
/// short quotes costs no more than their spans. The accessors on
/// [`Quote`] ([`Quote::speaker`], [`Quote::cue`], ...) read these
/// fields through it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Attribution<'t> {
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
}

impl Attribution<'_> {
    /// The same attribution owning all its text, free of the input's
    /// lifetime.
    pub fn into_owned(self) -> Attribution<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        Attribution {
            speaker: self.speaker.map(own),
            mention: self.mention.map(Snippet::into_owned),
            description: self.description.map(own),
            cue: self.cue.map(Snippet::into_owned),
            source: self.source.map(Snippet::into_owned),
        }
    }
}

/// One quotation found in the text, with its attribution.
///
/// A quotation interrupted by its attribution (`"A," he said, "B."`) is
/// two `Quote`s. A quotation running over several paragraphs is one
/// `Quote` per paragraph piece; the pieces share `quotation` and all but
/// the last have `continues` set.
///
/// Who said it is in [`Quote::attribution`], `None` when no rule
/// attributed the quote; [`Quote::speaker`], [`Quote::mention`],
/// [`Quote::description`], [`Quote::cue`] and [`Quote::source`] read it.
/// Its `Debug` output, serialized form and equality are those of one
/// flat record, as if the five fields of [`Attribution`] were the
/// quote's own (`None` when there is no attribution), in the order
/// `span`, `text`, `kind`, `quotation`, `continues`, `speaker`,
/// `mention`, `description`, `cue`, `source`, `rule`, `confidence`.
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
/// assert_eq!(owned[0].speaker(), Some("Trump"));
/// ```
#[derive(Clone)]
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
    /// Who said the quote and how; `None` when no rule attributed it
    /// (every [`Kind::Term`], and most quotes of texts dense in them),
    /// rather than an [`Attribution`] of five `None`s.
    pub attribution: Option<Box<Attribution<'t>>>,
    /// The id of the rule that attributed the quote (`said-after`,
    /// `according-to`, ...); `none` when no rule fired.
    pub rule: &'static str,
    /// How sure the rule is, in `[0, 1]`.
    pub confidence: f32,
}

impl<'t> Quote<'t> {
    /// The same quote owning all its text, free of the input's lifetime
    /// (to keep it after the text is gone, or send it elsewhere).
    pub fn into_owned(self) -> Quote<'static> {
        Quote {
            span: self.span,
            text: Cow::Owned(self.text.into_owned()),
            kind: self.kind,
            quotation: self.quotation,
            continues: self.continues,
            attribution: self.attribution.map(|a| Box::new(a.into_owned())),
            rule: self.rule,
            confidence: self.confidence,
        }
    }

    /// The speaker's fullest name found in the text
    /// ([`Attribution::speaker`]); `None` when the speaker is unnamed or
    /// unknown, or the quote is attributed to no one.
    ///
    /// ```
    /// let text = "\"We will win,\" Trump said.";
    /// let quotes = whosaid::Extractor::new().extract(text);
    /// assert_eq!(quotes[0].speaker(), Some("Trump"));
    /// ```
    pub fn speaker(&self) -> Option<&str> {
        self.attribution.as_ref()?.speaker.as_deref()
    }

    /// The words that name the speaker at this quote
    /// ([`Attribution::mention`]: `He`, `Ushakov`, `a senior official`).
    ///
    /// ```
    /// let text = "Trump spoke.\n\n\"We will win,\" he said.";
    /// let quotes = whosaid::Extractor::new().extract(text);
    /// let mention = quotes[0].mention().unwrap();
    /// assert_eq!(mention.text, "he");
    /// assert_eq!(&text[mention.span.start..mention.span.end], "he");
    /// ```
    pub fn mention(&self) -> Option<&Snippet<'t>> {
        self.attribution.as_ref()?.mention.as_ref()
    }

    /// For an unnamed speaker, the description the text gives
    /// ([`Attribution::description`]: `a senior official`); `None`
    /// otherwise.
    ///
    /// ```
    /// let text = "\"We will win,\" a senior official said.";
    /// let quotes = whosaid::Extractor::new().extract(text);
    /// assert_eq!(quotes[0].speaker(), None);
    /// assert_eq!(quotes[0].description(), Some("a senior official"));
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.attribution.as_ref()?.description.as_deref()
    }

    /// The reporting word or phrase ([`Attribution::cue`]: `said`,
    /// `according to`).
    ///
    /// ```
    /// let text = "\"We will win,\" according to Trump.";
    /// let quotes = whosaid::Extractor::new().extract(text);
    /// assert_eq!(quotes[0].cue().map(|c| &*c.text), Some("according to"));
    /// ```
    pub fn cue(&self) -> Option<&Snippet<'t>> {
        self.attribution.as_ref()?.cue.as_ref()
    }

    /// The outlet or channel the quote came through
    /// ([`Attribution::source`]: `Reuters`, `a statement`).
    ///
    /// ```
    /// let text = "\"We will win,\" Trump told Reuters.";
    /// let quotes = whosaid::Extractor::new().extract(text);
    /// assert_eq!(quotes[0].source().map(|s| &*s.text), Some("Reuters"));
    /// ```
    pub fn source(&self) -> Option<&Snippet<'t>> {
        self.attribution.as_ref()?.source.as_ref()
    }

    /// The quote as one flat record: what it shows, serializes and
    /// compares as.
    fn flat(&self) -> flat::Quote<'_, 't> {
        flat::Quote {
            span: self.span,
            text: &self.text,
            kind: self.kind,
            quotation: self.quotation,
            continues: self.continues,
            speaker: self.speaker(),
            mention: self.mention(),
            description: self.description(),
            cue: self.cue(),
            source: self.source(),
            rule: self.rule,
            confidence: self.confidence,
        }
    }
}

/// A [`Quote`] as one flat record, the fields of its [`Attribution`] its
/// own and borrowed: what a quote was before it held them apart, and
/// what its `Debug`, `Serialize` and `PartialEq` keep showing. Named
/// `Quote` too, so that the derived `Debug` (and serde's name for the
/// struct) are the old ones.
mod flat {
    use serde::Serialize;

    use super::{Kind, Snippet, Span};

    #[derive(Debug, PartialEq, Serialize)]
    pub(super) struct Quote<'a, 't> {
        pub(super) span: Span,
        pub(super) text: &'a str,
        pub(super) kind: Kind,
        pub(super) quotation: usize,
        pub(super) continues: bool,
        pub(super) speaker: Option<&'a str>,
        pub(super) mention: Option<&'a Snippet<'t>>,
        pub(super) description: Option<&'a str>,
        pub(super) cue: Option<&'a Snippet<'t>>,
        pub(super) source: Option<&'a Snippet<'t>>,
        pub(super) rule: &'static str,
        pub(super) confidence: f32,
    }
}

impl fmt::Debug for Quote<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.flat().fmt(f)
    }
}

impl Serialize for Quote<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.flat().serialize(s)
    }
}

impl PartialEq for Quote<'_> {
    /// Equal when the flat records are: an attribution of five `None`s
    /// is no attribution.
    fn eq(&self, other: &Self) -> bool {
        self.flat() == other.flat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(attribution: Option<Attribution<'static>>) -> Quote<'static> {
        Quote {
            span: Span::new(1, 2),
            text: "a".into(),
            kind: Kind::Term,
            quotation: 0,
            continues: false,
            attribution: attribution.map(Box::new),
            rule: "term",
            confidence: 0.0,
        }
    }

    fn attributed() -> Quote<'static> {
        let snippet = |text: &'static str, start| Snippet {
            text: text.into(),
            span: Span::new(start, start + text.len()),
        };
        Quote {
            kind: Kind::Direct,
            quotation: 3,
            continues: true,
            rule: "said-after",
            confidence: 0.5,
            ..quote(Some(Attribution {
                speaker: Some("Ann Lee".into()),
                mention: Some(snippet("Lee", 5)),
                description: None,
                cue: Some(snippet("told", 9)),
                source: Some(snippet("Reuters", 14)),
            }))
        }
    }

    /// What the quotes of a text dense in them cost: it must not grow
    /// back (it was 240 bytes with the attribution's fields inline).
    #[test]
    fn a_quote_is_small() {
        assert!(size_of::<Quote<'_>>() <= 80, "{}", size_of::<Quote<'_>>());
    }

    #[test]
    fn debug_is_one_flat_record() {
        assert_eq!(
            format!("{:?}", quote(None)),
            "Quote { span: Span { start: 1, end: 2 }, text: \"a\", kind: \
             Term, quotation: 0, continues: false, speaker: None, mention: \
             None, description: None, cue: None, source: None, rule: \
             \"term\", confidence: 0.0 }"
        );
        assert_eq!(
            format!("{:?}", attributed()),
            "Quote { span: Span { start: 1, end: 2 }, text: \"a\", kind: \
             Direct, quotation: 3, continues: true, speaker: Some(\"Ann \
             Lee\"), mention: Some(Snippet { text: \"Lee\", span: Span { \
             start: 5, end: 8 } }), description: None, cue: Some(Snippet { \
             text: \"told\", span: Span { start: 9, end: 13 } }), source: \
             Some(Snippet { text: \"Reuters\", span: Span { start: 14, end: \
             21 } }), rule: \"said-after\", confidence: 0.5 }"
        );
    }

    #[test]
    fn serialized_as_one_flat_record() {
        let json = |q: &Quote<'_>| serde_json::to_string(q).unwrap();
        assert_eq!(
            json(&quote(None)),
            r#"{"span":{"start":1,"end":2},"text":"a","kind":"term","quotation":0,"continues":false,"speaker":null,"mention":null,"description":null,"cue":null,"source":null,"rule":"term","confidence":0.0}"#
        );
        assert_eq!(
            json(&attributed()),
            r#"{"span":{"start":1,"end":2},"text":"a","kind":"direct","quotation":3,"continues":true,"speaker":"Ann Lee","mention":{"text":"Lee","span":{"start":5,"end":8}},"description":null,"cue":{"text":"told","span":{"start":9,"end":13}},"source":{"text":"Reuters","span":{"start":14,"end":21}},"rule":"said-after","confidence":0.5}"#
        );
    }

    #[test]
    fn no_attribution_is_an_attribution_of_nones() {
        let empty = quote(Some(Attribution::default()));
        assert_eq!(empty, quote(None));
        assert_eq!(format!("{empty:?}"), format!("{:?}", quote(None)));
        assert_ne!(attributed(), quote(None));
    }

    #[test]
    fn into_owned_keeps_every_field() {
        let q = attributed();
        assert_eq!(q.clone().into_owned(), q);
        assert_eq!(q.into_owned().source().unwrap().text, "Reuters");
    }
}
