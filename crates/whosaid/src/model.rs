//! The plain data the extractor returns.

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
pub struct Snippet {
    /// The text of the piece, exactly as in the input.
    pub text: String,
    /// Where the piece is in the input.
    pub span: Span,
}

/// One quotation found in the text, with its attribution.
///
/// A quotation interrupted by its attribution (`"A," he said, "B."`) is
/// two `Quote`s. A quotation running over several paragraphs is one
/// `Quote` per paragraph piece; the pieces share `quotation` and all but
/// the last have `continues` set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted words, quotation marks and surrounding white space
    /// excluded.
    pub span: Span,
    /// The text at `span`.
    pub text: String,
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
    pub speaker: Option<String>,
    /// The words that name the speaker at this quote (`He`, `Ushakov`,
    /// `a senior official`).
    pub mention: Option<Snippet>,
    /// For an unnamed speaker, the description the text gives
    /// (`a senior official`); `None` otherwise.
    pub description: Option<String>,
    /// The reporting word or phrase (`said`, `according to`).
    pub cue: Option<Snippet>,
    /// The outlet or channel the quote came through (`Reuters`,
    /// `a statement`).
    pub source: Option<Snippet>,
    /// The id of the rule that attributed the quote (`said-after`,
    /// `according-to`, ...); `none` when no rule fired.
    pub rule: &'static str,
    /// How sure the rule is, in `[0, 1]`.
    pub confidence: f32,
}
