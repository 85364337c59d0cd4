//! Properties of `Extractor::extract` over generated texts: it never
//! panics, and everything it returns can be found again in the text.
//!
//! For every quote: its span lies inside the text on char boundaries,
//! `text[span] == quote.text`, quotes are sorted by position and do not
//! overlap; the mention, cue and source spans likewise lie on char
//! boundaries and equal their text. These are what the CLI's offsets
//! rely on (see README, "Output columns").
//!
//! Two kinds of text are generated: arbitrary strings (any Unicode,
//! control characters included), and news-like ones built from
//! sentences with quotation marks of every shape, names, reporting
//! verbs, pronouns, apostrophes, line ends and paragraph breaks, which
//! reach far more of the rules than noise does.
//!
//! 256 cases per property by default, so that `cargo test` stays fast;
//! `PROPTEST_CASES=100000 cargo test --release -p whosaid --test
//! properties` runs a long search. A failure is shrunk to a minimal
//! text, printed, and saved under `proptest-regressions/`.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;
use whosaid::{Extractor, Quote, Span};

/// Built once: building is slow, and it is not what is tested.
static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Checks every invariant of `quotes` against `text`.
fn check(text: &str, quotes: &[Quote<'_>]) -> Result<(), TestCaseError> {
    let located = |span: Span, what: &str, expected: &str| {
        prop_assert!(
            span.start <= span.end && span.end <= text.len(),
            "{what} {span:?} outside the text ({} bytes)",
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "{what} {span:?} not on char boundaries"
        );
        prop_assert_eq!(
            &text[span.start..span.end],
            expected,
            "{} {:?} is not the text at its offsets",
            what,
            span
        );
        Ok(())
    };
    let mut previous_end = 0;
    for (i, quote) in quotes.iter().enumerate() {
        located(quote.span, &format!("quote {i}"), &quote.text)?;
        prop_assert!(
            i == 0 || quote.span.start >= previous_end,
            "quote {i} {:?} starts before quote {} ends at {previous_end}: \
             unsorted or overlapping",
            quote.span,
            i - 1
        );
        previous_end = quote.span.end;
        let snippets = [
            ("mention", quote.mention()),
            ("cue", quote.cue()),
            ("source", quote.source()),
        ];
        for (what, snippet) in snippets {
            if let Some(snippet) = snippet {
                located(
                    snippet.span,
                    &format!("quote {i} {what}"),
                    &snippet.text,
                )?;
            }
        }
        prop_assert!((0.0..=1.0).contains(&quote.confidence));
        prop_assert!(!quote.rule.is_empty());
    }
    Ok(())
}

/// Opening and closing marks, matched and not.
const OPEN: &[&str] = &[
    "\"", "\u{201C}", "\u{2018}", "'", "\u{AB}", "\u{201E}", "\u{201A}",
    "\u{2039}", "",
];
const CLOSE: &[&str] =
    &["\"", "\u{201D}", "\u{2019}", "'", "\u{BB}", "\u{201C}", "\u{203A}", ""];

/// Speakers and words that point to them.
const NAMES: &[&str] = &[
    "Maria Lopez",
    "Lopez",
    "John Smith",
    "Mr. Smith",
    "Sen. Elizabeth Warren",
    "Dr. Anna Müller-Lüdenscheidt",
    "O'Brien",
    "the mayor",
    "a senior official",
    "officials",
    "He",
    "he",
    "She",
    "she",
    "They",
    "It",
    "Reuters",
    "Gareth Lyle, the finance chief,",
    "Zoë Ōkubo",
];

/// Reporting cues.
const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "told Reuters",
    "added",
    "wrote in a statement",
    "said in a statement",
    "was quoted as saying",
    "argued",
    "asked",
    "called it",
    "said on Twitter",
];

/// Words inside and outside quotes, with apostrophes, numbers and
/// non-ASCII.
const WORDS: &[&str] = &[
    "we",
    "will",
    "not",
    "win",
    "the",
    "plan",
    "is",
    "a",
    "disaster",
    "it's",
    "don't",
    "Smith's",
    "'90s",
    "rock 'n' roll",
    "café",
    "naïve",
    "東京",
    "😀",
    "Monday",
    "However",
    "U.S.",
    "3.5%",
    "$10",
    "—",
    "-",
    "(",
    ")",
    ";",
    "...",
    "\u{2026}",
    "\u{A0}",
    "e.g.",
    "Inc.",
    "no.",
];

fn word() -> impl Strategy<Value = String> {
    select(WORDS).prop_map(str::to_owned)
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..max).prop_map(|w| w.join(" "))
}

/// One sentence, in one of the shapes news quotes take.
fn sentence() -> impl Strategy<Value = String> {
    let parts = (
        select(OPEN),
        words(12),
        select(&[",", ".", "?", "!", ""][..]),
        select(CLOSE),
        select(NAMES),
        select(CUES),
        words(8),
    );
    (0..7usize, parts).prop_map(
        |(shape, (open, said, punct, close, name, cue, rest))| match shape {
            0 => format!("{open}{said}{punct}{close} {name} {cue}."),
            1 => format!("{name} {cue}: {open}{said}{punct}{close}"),
            2 => format!(
                "{open}{said},{close} {cue} {name}. {open}{rest}.{close}"
            ),
            3 => format!("According to {name}, {open}{said}{close}."),
            4 => format!("{name} {cue} the {rest} was {open}{said}{close}."),
            5 => format!("{open}{said}{punct}{close} \u{2014} {name}"),
            _ => format!("{rest}."),
        },
    )
}

/// Separators between sentences and paragraphs.
const GAPS: &[&str] =
    &[" ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\t", ""];

/// A news-like article: sentences and paragraphs.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), select(GAPS)), 0..12)
        .prop_map(|parts| parts.into_iter().map(|(s, gap)| s + gap).collect())
}

/// Text made of the same pieces in any order, marks and line ends
/// alone included: what shape-based generation never produces.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(OPEN).prop_map(str::to_owned),
        select(CLOSE).prop_map(str::to_owned),
        select(NAMES).prop_map(str::to_owned),
        select(CUES).prop_map(str::to_owned),
        word(),
        select(GAPS).prop_map(str::to_owned),
        select(&[",", ".", ":", " ", " ", " "][..]).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text, &EXTRACTOR.extract(&text))?;
    }

    #[test]
    fn printable_strings_with_marks(
        text in "[\"'“”‘’«»„ a-zA-Z.,:\n—-]{0,200}"
    ) {
        check(&text, &EXTRACTOR.extract(&text))?;
    }

    #[test]
    fn news_like_articles(text in article()) {
        check(&text, &EXTRACTOR.extract(&text))?;
    }

    #[test]
    fn shuffled_pieces(text in soup()) {
        check(&text, &EXTRACTOR.extract(&text))?;
    }
}

/// The generator reaches the rules: across a fixed sample of articles,
/// quotes are found and attributed, not just left unattributed.
#[test]
fn generated_articles_have_attributed_quotes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = article();
    let (mut quotes, mut attributed) = (0, 0);
    for _ in 0..200 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        for quote in EXTRACTOR.extract(&text) {
            quotes += 1;
            attributed += usize::from(quote.speaker().is_some());
        }
    }
    assert!(quotes > 200, "only {quotes} quotes in 200 articles");
    assert!(attributed > 50, "only {attributed} of {quotes} attributed");
}
