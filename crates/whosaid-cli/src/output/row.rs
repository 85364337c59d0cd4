//! One quotation as a row of typed cells, shared by the CSV, TSV and
//! JSON Lines writers so that the three always have the same columns
//! in the same order.

use std::fmt::Write as _;
use std::io;

use whosaid::{Quote, Snippet};

use super::Article;
use crate::metadata::{self, Metadata};

/// Calls `write` with the row of every quote of `article`, in order: the
/// loop the CSV, TSV and JSON Lines writers share. The article's
/// metadata is read once, and an article without quotes writes nothing.
pub(crate) fn each_row<'a>(
    article: &Article<'a>,
    quotes: &'a [Quote<'_>],
    context: Option<usize>,
    mut write: impl FnMut(&Row<'a>) -> io::Result<()>,
) -> io::Result<()> {
    if quotes.is_empty() {
        return Ok(());
    }
    let meta = metadata::read(article.text);
    for quote in quotes {
        write(&Row::new(article, &meta, quote, context))?;
    }
    Ok(())
}

/// The columns every row has, in order. Columns are only ever added at
/// the end.
pub(crate) const HEADER: [&str; 22] = [
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
    "date",
    "title",
];

/// The columns `--context N` adds after [`HEADER`].
pub(crate) const CONTEXT_HEADER: [&str; 2] = ["before", "after"];

/// One cell of a row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Text from the article or the extractor.
    Text(&'a str),
    /// An offset or a count.
    Number(usize),
    /// A flag.
    Bool(bool),
    /// A confidence, written with two decimals: more would be noise,
    /// and it keeps diffs stable.
    Confidence(f32),
    /// Nothing: an empty CSV cell, a JSON `null`.
    Empty,
}

impl Cell<'_> {
    /// Appends the cell's text to `out` as CSV and TSV write it
    /// (before any escaping).
    pub(crate) fn write_to(&self, out: &mut String) {
        match self {
            Cell::Text(text) => out.push_str(text),
            Cell::Number(n) => push_number(out, *n),
            Cell::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Cell::Confidence(c) => push_two_decimals(out, *c),
            Cell::Empty => {}
        }
    }

    /// Calls `f` with the cell's text as CSV and TSV write it (before
    /// any escaping), as bytes: numbers, flags and confidences are
    /// written on the stack, and only a confidence that `fmt` must
    /// write (see [`two_decimals`]) goes through `scratch`.
    #[inline]
    pub(crate) fn with_bytes<R>(
        self,
        scratch: &mut String,
        f: impl FnOnce(&[u8]) -> R,
    ) -> R {
        let mut number = [0u8; 20];
        let mut decimals = [0u8; 24];
        match self {
            Cell::Text(text) => f(text.as_bytes()),
            Cell::Number(n) => f(number_digits(n, &mut number)),
            Cell::Bool(b) => f(if b { b"true" } else { b"false" }),
            Cell::Confidence(c) => match two_decimals(c, &mut decimals) {
                Some(text) => f(text),
                None => {
                    scratch.clear();
                    self.write_to(scratch);
                    f(scratch.as_bytes())
                }
            },
            Cell::Empty => f(b""),
        }
    }
}

/// Whether `bytes` holds a byte below `below` or equal to one of
/// `marks`: the test for text that needs escaping, eight bytes at a
/// time. `below` must be at most 128.
pub(crate) fn any_below_or(bytes: &[u8], below: u8, marks: [u8; 2]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Nonzero when a byte of `x` is below `n` (n <= 128), or zero: the
    // usual word-at-a-time tests, exact as to whether one exists.
    let below_in = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x;
    let [a, b] = marks.map(|m| ONES * u64::from(m));
    let any_in = |word: &[u8]| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let x = u64::from_ne_bytes(eight);
        (below_in(x, below) | below_in(x ^ a, 1) | below_in(x ^ b, 1)) & HIGHS
            != 0
    };
    let mut words = bytes.chunks_exact(8);
    if words.any(any_in) {
        return true;
    }
    match words.remainder() {
        [] => false,
        // The last eight bytes, some of them tested already: one more
        // word rather than up to seven bytes one by one.
        _ if bytes.len() >= 8 => any_in(&bytes[bytes.len() - 8..]),
        rest => rest.iter().any(|&c| c < below || marks.contains(&c)),
    }
}

/// Appends `n` in decimal, as `{n}` writes it, without going through
/// `fmt` (a row has up to ten numbers, and `fmt` was a third of the
/// cost of writing one).
pub(crate) fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    for &d in number_digits(n, &mut digits) {
        out.push(char::from(d));
    }
}

/// The ASCII digits of `n` in decimal, as `{n}` writes them, written at
/// the end of `digits`: for writers that take bytes (CSV) and need no
/// `String` in between.
pub(crate) fn number_digits(mut n: usize, digits: &mut [u8; 20]) -> &[u8] {
    let mut at = digits.len();
    // Two digits a division: offsets have four to six.
    while n >= 100 {
        let pair = 2 * (n % 100);
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    &digits[at..]
}

/// The two digits of every number from `00` to `99`, one after another,
/// for [`number_digits`].
const PAIRS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// Appends `c` with two decimals, exactly as `{c:.2}` writes it: the
/// exact value of the `f32` rounded to hundredths, ties to even (see
/// [`two_decimals`]). Values outside `0..=1e6`, `-0.0` and NaN go
/// through `fmt`.
pub(crate) fn push_two_decimals(out: &mut String, c: f32) {
    let mut digits = [0u8; 24];
    match two_decimals(c, &mut digits) {
        // Only ASCII digits and a point, so never the empty default.
        Some(text) => out.push_str(std::str::from_utf8(text).unwrap_or("")),
        None => {
            // Writing to a String cannot fail.
            let _ = write!(out, "{c:.2}");
        }
    }
}

/// `c` with two decimals, exactly as `{c:.2}` writes it, written into
/// `digits`: the exact value of the `f32` rounded to hundredths, ties
/// to even; `None` for values outside `0..=1e6`, `-0.0` and NaN, which
/// are left to `fmt`. For writers that take bytes (CSV) and need no
/// `String` in between.
///
/// `c × 100` is exact in an `f64` (24 significant bits times 7), so the
/// fraction left after the hundredths is exact too and a tie is told
/// for sure.
pub(crate) fn two_decimals(c: f32, digits: &mut [u8; 24]) -> Option<&[u8]> {
    if c.is_sign_negative() || !(0.0..=1e6).contains(&c) {
        return None;
    }
    let x = f64::from(c) * 100.0;
    let floor = x.floor();
    let frac = x - floor;
    // At most 1e8: exact in a u64.
    let mut hundredths = floor as u64;
    if frac > 0.5 || (frac == 0.5 && hundredths % 2 == 1) {
        hundredths += 1;
    }
    let mut units = [0u8; 20];
    let units = number_digits((hundredths / 100) as usize, &mut units);
    let n = units.len();
    let cents = (hundredths % 100) as u8;
    digits[..n].copy_from_slice(units);
    digits[n] = b'.';
    digits[n + 1] = b'0' + cents / 10;
    digits[n + 2] = b'0' + cents % 10;
    Some(&digits[..n + 3])
}

/// One quotation, flattened into cells in the order of [`HEADER`]
/// (and [`CONTEXT_HEADER`] with `--context`).
#[derive(Debug)]
pub(crate) struct Row<'a> {
    /// The cells of [`HEADER`], then those of [`CONTEXT_HEADER`]: the
    /// first `len` are the row's.
    cells: [Cell<'a>; HEADER.len() + CONTEXT_HEADER.len()],
    /// How many of `cells` the row has: with context or without.
    len: usize,
}

impl<'a> Row<'a> {
    /// The row of `quote`, found in `article`; `context` is the number
    /// of characters of text written before and after the quote, if
    /// any.
    pub(crate) fn new(
        article: &Article<'a>,
        meta: &Metadata<'a>,
        quote: &'a Quote<'a>,
        context: Option<usize>,
    ) -> Row<'a> {
        let text = |s: Option<&'a str>| s.map_or(Cell::Empty, Cell::Text);
        let snippet = |s: Option<&'a Snippet<'_>>| text(s.map(|s| &*s.text));
        let start = |s: Option<&Snippet<'_>>| {
            s.map_or(Cell::Empty, |s| Cell::Number(s.span.start))
        };
        let end = |s: Option<&Snippet<'_>>| {
            s.map_or(Cell::Empty, |s| Cell::Number(s.span.end))
        };
        let (before, after, len) = match context {
            Some(chars) => {
                let (before, after) = article.context(quote.span, chars);
                let len = HEADER.len() + CONTEXT_HEADER.len();
                (Cell::Text(before), Cell::Text(after), len)
            }
            None => (Cell::Empty, Cell::Empty, HEADER.len()),
        };
        let cells = [
            Cell::Text(article.name),
            Cell::Number(quote.span.start),
            Cell::Number(quote.span.end),
            Cell::Text(&quote.text),
            text(quote.speaker()),
            snippet(quote.mention()),
            start(quote.mention()),
            end(quote.mention()),
            snippet(quote.cue()),
            snippet(quote.source()),
            Cell::Text(quote.kind.as_str()),
            Cell::Text(quote.rule),
            Cell::Confidence(quote.confidence),
            text(quote.description()),
            start(quote.cue()),
            end(quote.cue()),
            start(quote.source()),
            end(quote.source()),
            Cell::Number(quote.quotation),
            Cell::Bool(quote.continues),
            text(meta.date),
            text(meta.title),
            before,
            after,
        ];
        Row { cells, len }
    }

    /// The cells alone, in column order: for writers that need no
    /// column names.
    pub(crate) fn cells(&self) -> &[Cell<'a>] {
        &self.cells[..self.len]
    }

    /// The column names and cells, in order.
    pub(crate) fn iter(
        &self,
    ) -> impl Iterator<Item = (&'static str, Cell<'a>)> + '_ {
        HEADER
            .into_iter()
            .chain(CONTEXT_HEADER)
            .zip(self.cells().iter().copied())
    }
}

/// The header row's names for rows with or without context columns.
pub(crate) fn header(context: bool) -> impl Iterator<Item = &'static str> {
    let extra = if context { &CONTEXT_HEADER[..] } else { &[] };
    HEADER.into_iter().chain(extra.iter().copied())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use whosaid::{Attribution, Kind, Span};

    /// A quotation with a speaker, mention and cue, for the writers'
    /// tests.
    pub(crate) fn quote() -> Quote<'static> {
        Quote {
            span: Span::new(1, 17),
            text: "We will rebuild,".into(),
            kind: Kind::Direct,
            quotation: 0,
            continues: false,
            attribution: Some(Box::new(Attribution {
                speaker: Some("Linda Okafor".into()),
                mention: Some(Snippet {
                    text: "Linda Okafor".into(),
                    span: Span::new(19, 31),
                }),
                description: None,
                cue: Some(Snippet {
                    text: "said".into(),
                    span: Span::new(32, 36),
                }),
                source: None,
            })),
            rule: "said-after",
            confidence: 0.875,
        }
    }

    /// The article [`quote`] comes from.
    pub(crate) const TEXT: &str = "\"We will rebuild,\" Linda Okafor said.";

    #[test]
    fn names_and_cells_line_up() {
        let q = quote();
        let article = Article::new("a.txt", TEXT);
        let meta = Metadata { date: Some("2026-02-04"), title: None };
        let row = Row::new(&article, &meta, &q, Some(4));
        let names: Vec<_> = row.iter().map(|(name, _)| name).collect();
        assert_eq!(names, header(true).collect::<Vec<_>>());
        let cell = |name| row.iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(cell("quote"), Cell::Text("We will rebuild,"));
        assert_eq!(cell("mention_end"), Cell::Number(31));
        assert_eq!(cell("source_start"), Cell::Empty);
        assert_eq!(cell("date"), Cell::Text("2026-02-04"));
        assert_eq!(cell("title"), Cell::Empty);
        assert_eq!(cell("before"), Cell::Text("\""));
        assert_eq!(cell("after"), Cell::Text("\" Li"));
        let row = Row::new(&article, &meta, &q, None);
        assert_eq!(row.iter().count(), HEADER.len());
    }

    /// The word-at-a-time test agrees with looking at every byte, for
    /// every byte value at every position of texts of 0 to 20 bytes.
    #[test]
    fn any_below_or_as_bytes_say() {
        let naive = |bytes: &[u8], below: u8, marks: [u8; 2]| {
            bytes.iter().any(|&c| c < below || marks.contains(&c))
        };
        for (below, marks) in [(14, [b'\\', b'\\']), (0x20, [b'"', b'\\'])] {
            for len in 0..=20 {
                for at in 0..len {
                    for value in 0..=255u8 {
                        let mut bytes = vec![b'a'; len];
                        bytes[at] = value;
                        assert_eq!(
                            any_below_or(&bytes, below, marks),
                            naive(&bytes, below, marks),
                            "{bytes:?}"
                        );
                        bytes.fill(0xFF);
                        bytes[at] = value;
                        assert_eq!(
                            any_below_or(&bytes, below, marks),
                            naive(&bytes, below, marks),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn cells_as_text() {
        let text = |cell: Cell<'_>| {
            let mut s = String::new();
            cell.write_to(&mut s);
            s
        };
        assert_eq!(text(Cell::Confidence(0.875)), "0.88");
        assert_eq!(text(Cell::Confidence(0.0)), "0.00");
        assert_eq!(text(Cell::Number(42)), "42");
        assert_eq!(text(Cell::Bool(false)), "false");
        assert_eq!(text(Cell::Bool(true)), "true");
        assert_eq!(text(Cell::Number(0)), "0");
        assert_eq!(text(Cell::Number(usize::MAX)), usize::MAX.to_string());
        assert_eq!(text(Cell::Empty), "");
    }

    /// The hand-written number formats agree with `fmt` on every kind
    /// of value: ties (`0.125` is written `0.12`, `0.375` is `0.38`),
    /// values just off a tie, every `f32` step in a sweep over `0..=1`,
    /// and values out of range.
    #[test]
    fn numbers_as_fmt_writes_them() {
        let check = |c: f32| {
            let mut s = String::new();
            push_two_decimals(&mut s, c);
            assert_eq!(s, format!("{c:.2}"), "{c:e} ({:#x})", c.to_bits());
        };
        for c in [0.125, 0.375, 0.625, 0.875, 0.005, 0.015, 0.045, 0.995] {
            check(c);
            check(f32::from_bits(c.to_bits() + 1));
            check(f32::from_bits(c.to_bits() - 1));
        }
        // Every 9,973rd f32 from 0 to 1.0, and 1.0 itself.
        let one = 1.0f32.to_bits();
        for bits in (0..one).step_by(9973).chain([one]) {
            check(f32::from_bits(bits));
        }
        for c in [-0.0, -0.5, 1e6, 1.5e6, 12345.678, f32::NAN, f32::INFINITY] {
            check(c);
        }
        let some = (0..2000).chain([9999, 10_000, 99_999, 100_000, 1_000_007]);
        for n in some.chain([u32::MAX as usize, usize::MAX]) {
            let mut s = String::new();
            push_number(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
