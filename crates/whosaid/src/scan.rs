//! Finding quoted spans: pairing quotation marks inside paragraphs.
//!
//! Double marks pair as newspapers use them: an opening `“` or `"` opens,
//! the next `”` or `"` closes (so a mixed `“…"` still pairs); `«…»`,
//! `»…«` and `„…“` pair by their own shapes. A mark left open at the end
//! of a paragraph closes there: it never swallows the next paragraph.
//! When the next paragraph opens with a mark again, the two pieces are
//! one running quotation (the convention of repeating the opening mark at
//! each paragraph and closing only at the last).
//!
//! Single marks are quotation marks only where a text uses them as its
//! outer marks (British copy); elsewhere they are nested quotes or
//! apostrophes and belong to whatever surrounds them.
//!
//! Only quotation marks matter here, and every one of them starts with
//! one of four bytes (`"`, `'`, and the lead bytes `0xE2` of `“”„‘’` and
//! `0xC2` of `«»`), so the scanner jumps from mark to mark with memchr
//! instead of decoding every char: time is linear in the text and most
//! of it is spent in memchr's vectorised loops.

use memchr::memchr3;

use crate::model::Span;
use crate::text::{char_at, char_before};

/// A quoted span found by the scanner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawQuote {
    /// The quoted words, marks and surrounding white space excluded.
    pub(crate) span: Span,
    /// From the opening mark to just past the closing mark (or to the
    /// paragraph end when the quotation is left open).
    pub(crate) outer: Span,
    /// Whether a closing mark was found.
    pub(crate) closed: bool,
    /// The paragraph, as a span of the text.
    pub(crate) paragraph: Span,
    /// Index of the paragraph.
    pub(crate) paragraph_index: usize,
    /// The quotation this piece belongs to.
    pub(crate) quotation: usize,
    /// Whether the quotation goes on in the next paragraph.
    pub(crate) continues: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Double,
    Single,
}

/// Finds the quoted spans of `text`, in text order.
#[cfg(test)]
pub(crate) fn find_spans(text: &str) -> Vec<RawQuote> {
    find_spans_in(text, &crate::text::paragraphs(text))
}

/// Finds the quoted spans of `text`, whose paragraphs (as
/// `text::paragraphs` finds them) are `paras`, in text order.
pub(crate) fn find_spans_in(text: &str, paras: &[Span]) -> Vec<RawQuote> {
    let (style, opened) = detect_style(text);
    // Room for a piece for every quotation the marks open, as growing
    // the vector copies it.
    let mut out: Vec<RawQuote> = Vec::with_capacity(opened + 4);
    let mut quotation = 0usize;
    // Whether the last piece of the previous paragraph was left open.
    let mut running = false;
    let mut pieces = vec![];
    for (pi, &para) in paras.iter().enumerate() {
        pieces.clear();
        scan_paragraph(text, para, style, &mut pieces);
        let opens_with_mark =
            pieces.first().is_some_and(|p| p.outer.start == para.start);
        for (k, p) in pieces.iter().enumerate() {
            let continuing = running && k == 0 && opens_with_mark;
            if !continuing && !out.is_empty() {
                quotation += 1;
            }
            if continuing && let Some(last) = out.last_mut() {
                last.continues = true;
            }
            out.push(RawQuote {
                span: p.span,
                outer: p.outer,
                closed: p.closed,
                paragraph: para,
                paragraph_index: pi,
                quotation,
                continues: false,
            });
        }
        running = pieces.last().is_some_and(|p| !p.closed);
    }
    out
}

struct Piece {
    span: Span,
    outer: Span,
    closed: bool,
}

/// Decides whether a text uses double or single marks as its outer
/// quotation marks, and about how many quotations the marks of that
/// style open (half the double marks, or the single marks shaped like
/// an opening quote).
fn detect_style(text: &str) -> (Style, usize) {
    let bytes = text.as_bytes();
    let mut doubles = 0usize;
    let mut singles = 0usize;
    // `0xE2` and `0xC2` never occur inside a UTF-8 sequence, only at its
    // start, so every position found is a char boundary.
    for i in Marks::new(bytes, [b'"', b'\'', 0xE2]) {
        // Two apostrophes (`''`) stand in for a double mark in some
        // plain-text archives: they count for the double style and are
        // no single marks. (They are not read as quotation marks
        // either: see the README's limitations.)
        let twin = bytes[i] == b'\''
            && (bytes.get(i + 1) == Some(&b'\'')
                || (i > 0 && bytes[i - 1] == b'\''));
        match mark_at(text, i) {
            Some('"' | '“' | '”' | '„') => doubles += 1,
            Some('\'') if twin => doubles += 1,
            Some('‘' | '\'') if is_single_open(text, i) => singles += 1,
            _ => {}
        }
    }
    for i in Marks::new(bytes, [0xC2; 3]) {
        if matches!(mark_at(text, i), Some('«' | '»')) {
            doubles += 1;
        }
    }
    if singles > doubles {
        (Style::Single, singles)
    } else {
        (Style::Double, doubles / 2)
    }
}

/// Elisions that start with an apostrophe, not a quotation mark.
const ELISIONS: &[&str] = &[
    "em", "tis", "twas", "twere", "twill", "twould", "cause", "bout", "til",
    "till", "n", "im", "er", "ere", "ow", "e",
];

/// The first letters of `ELISIONS`, as bits (`a` is bit 0).
const ELISION_FIRSTS: u32 = {
    let mut bits = 0;
    let mut k = 0;
    while k < ELISIONS.len() {
        bits |= 1 << (ELISIONS[k].as_bytes()[0] - b'a');
        k += 1;
    }
    bits
};

/// Whether a single mark at `i` is shaped like an opening quote: after
/// white space or an opening bracket or dash, before a letter, and not an
/// elision (`'em`, `'90s`).
fn is_single_open(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    // The chars before and after the mark; ASCII ones (nearly all) are
    // read as their bytes, without decoding.
    let before = match i.checked_sub(1).map(|k| bytes[k]) {
        None => None,
        Some(b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => char_before(text, i),
    };
    let after_i = i + char_at(text, i).map_or(1, char::len_utf8);
    let after = match bytes.get(after_i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => char_at(text, after_i),
    };
    let before_ok = before.is_none_or(|c| {
        c.is_whitespace()
            || matches!(c, '(' | '[' | '—' | '–' | '-' | '"' | '“')
    });
    let after_ok = after.is_some_and(|c| {
        (c.is_alphabetic() || matches!(c, '…' | '.' | '—' | '"' | '“' | '_'))
            && !c.is_ascii_digit()
    });
    if !(before_ok && after_ok) {
        return false;
    }
    !is_elision(&text[after_i..])
}

/// Whether `rest`, the text after a single mark, opens with an elision:
/// its word of alphabetic chars, lowercased, is one of `ELISIONS`.
fn is_elision(rest: &str) -> bool {
    // None has more than 6 chars, and lowercasing never shortens a
    // word's char count, so a longer word is not read to its end: the
    // mark before a word of a megabyte costs 7 chars.
    let bytes = rest.as_bytes();
    let ascii = bytes.iter().take(7).take_while(|b| b.is_ascii_alphabetic());
    let n = ascii.count();
    // A word of ASCII letters (nearly every word) is compared as bytes,
    // without collecting or lowercasing it; one that goes on with any
    // other char is read as chars.
    if bytes.get(n).is_none_or(u8::is_ascii) {
        let word = &bytes[..n];
        // Most words start with a letter no elision starts with.
        let first = word.first().map_or(0, |b| b.to_ascii_lowercase());
        if !first.is_ascii_lowercase()
            || ELISION_FIRSTS & (1 << (first - b'a')) == 0
        {
            return false;
        }
        return n <= 6
            && ELISIONS
                .iter()
                .any(|e| e.as_bytes().eq_ignore_ascii_case(word));
    }
    let word: String =
        rest.chars().take_while(|c| c.is_alphabetic()).take(7).collect();
    word.chars().count() <= 6
        && ELISIONS.contains(&word.to_lowercase().as_str())
}

/// Whether a single mark at `i` is shaped like a closing quote: after a
/// non-space, before white space, punctuation or the end.
fn is_single_close(text: &str, i: usize) -> bool {
    let before = char_before(text, i);
    let after_i = i + char_at(text, i).map_or(1, char::len_utf8);
    let after = char_at(text, after_i);
    let before_ok = before.is_some_and(|c| !c.is_whitespace());
    let after_ok = after.is_none_or(|c| !c.is_alphanumeric());
    if !(before_ok && after_ok) {
        return false;
    }
    // A plural possessive (`the Joneses' house`): a letter `s` before, a
    // lowercase word after.
    if before == Some('s') {
        let rest = text[after_i..].trim_start_matches(' ');
        if after == Some(' ')
            && rest.chars().next().is_some_and(char::is_lowercase)
        {
            return false;
        }
    }
    true
}

/// The pieces of one paragraph, appended to `pieces`.
fn scan_paragraph(
    text: &str,
    para: Span,
    style: Style,
    pieces: &mut Vec<Piece>,
) {
    let seg = &text.as_bytes()[para.start..para.end];
    // The first bytes of the marks that can open or close a quotation in
    // this style (see `scan_marks`).
    match style {
        Style::Double => {
            let marks = Marks::new(seg, [b'"', 0xE2, 0xC2]);
            scan_marks(text, para, style, marks, pieces);
        }
        Style::Single => {
            let marks = Marks::new(seg, [b'\'', 0xE2, 0xE2]);
            scan_marks(text, para, style, marks, pieces);
        }
    }
}

/// Pairs the marks of a paragraph. `marks` are the offsets, from the
/// paragraph's start, of every char that may be a quotation mark of
/// `style` (and of other chars sharing their first byte, which are
/// skipped): `"“”„«»` for double marks, `'‘’` for single ones. A char
/// that is not among them changes nothing below, so they are all that
/// needs reading.
fn scan_marks(
    text: &str,
    para: Span,
    style: Style,
    marks: impl Iterator<Item = usize>,
    pieces: &mut Vec<Piece>,
) {
    // The opening mark's start and the set of marks that close it.
    let mut open: Option<(usize, usize, Closer)> = None;
    for j in marks {
        let i = para.start + j;
        let Some(c) = mark_at(text, i) else { continue };
        let len = c.len_utf8();
        match open {
            None => {
                let closer = match (style, c) {
                    // `4.5"` is an inch mark, not an opening quote.
                    (Style::Double, '"')
                        if char_before(text, i)
                            .is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        None
                    }
                    (Style::Double, '"' | '“') => Some(Closer::Double),
                    (Style::Double, '„') => Some(Closer::Low),
                    (Style::Double, '«') => Some(Closer::RightGuillemet),
                    (Style::Double, '»')
                        if char_at(text, i + len)
                            .is_some_and(|c| !c.is_whitespace()) =>
                    {
                        Some(Closer::LeftGuillemet)
                    }
                    (Style::Single, '‘' | '\'') if is_single_open(text, i) => {
                        Some(Closer::Single)
                    }
                    _ => None,
                };
                if let Some(closer) = closer {
                    open = Some((i, i + len, closer));
                }
            }
            Some((o, inner_start, closer)) => {
                let closes = match closer {
                    Closer::Double => matches!(c, '"' | '”'),
                    Closer::Low => matches!(c, '“' | '”'),
                    Closer::RightGuillemet => c == '»',
                    Closer::LeftGuillemet => c == '«',
                    Closer::Single => {
                        matches!(c, '’' | '\'') && is_single_close(text, i)
                    }
                };
                if closes {
                    if let Some(span) = trim(text, inner_start, i) {
                        pieces.push(Piece {
                            span,
                            outer: Span::new(o, i + len),
                            closed: true,
                        });
                    }
                    open = None;
                }
            }
        }
    }
    if let Some((o, inner_start, _)) = open
        && let Some(span) = trim(text, inner_start, para.end)
    {
        pieces.push(Piece {
            span,
            outer: Span::new(o, para.end),
            closed: false,
        });
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closer {
    Double,
    Low,
    RightGuillemet,
    LeftGuillemet,
    Single,
}

/// The positions of three bytes in a haystack, in order: memchr's
/// vectorised search, but the few bytes right after a match are tested
/// one by one first, so that marks packed close together (`"a" "a"`, a
/// megabyte of `"`) do not pay a search each.
struct Marks<'a> {
    haystack: &'a [u8],
    next: usize,
    needles: [u8; 3],
}

impl<'a> Marks<'a> {
    fn new(haystack: &'a [u8], needles: [u8; 3]) -> Marks<'a> {
        Marks { haystack, next: 0, needles }
    }
}

impl Iterator for Marks<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let [a, b, c] = self.needles;
        let near = self.haystack.len().min(self.next + 4);
        while self.next < near {
            let at = self.next;
            self.next += 1;
            let byte = self.haystack[at];
            if byte == a || byte == b || byte == c {
                return Some(at);
            }
        }
        let rest = self.haystack.get(self.next..)?;
        let at = self.next + memchr3(a, b, c, rest)?;
        self.next = at + 1;
        Some(at)
    }
}

/// The char at byte `i`, a position memchr found: an ASCII mark is read
/// as its byte (a megabyte of `"` is a million of them).
fn mark_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => char_at(text, i),
    }
}

/// The span `start..end` without surrounding white space; `None` when
/// nothing is left.
fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    if start >= end {
        return None;
    }
    let s = text.get(start..end)?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then(|| Span::new(start + lead, start + lead + t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find_spans(text)
            .iter()
            .map(|q| &text[q.span.start..q.span.end])
            .collect()
    }

    #[test]
    fn straight_curly_and_mixed_marks() {
        assert_eq!(
            quotes(r#"He said "yes" and “no” and “maybe"."#),
            ["yes", "no", "maybe"]
        );
    }

    #[test]
    fn an_unclosed_mark_stops_at_the_paragraph() {
        let t = "He said \"yes and\n\nthen nothing \"more\" here.";
        assert_eq!(quotes(t), ["yes and", "more"]);
    }

    #[test]
    fn running_quotation_pieces_share_an_id() {
        let t = "“First part.\n\n“Second part.\n\n“Last.” he said. “Next.”";
        let q = find_spans(t);
        let ids: Vec<(usize, bool)> =
            q.iter().map(|q| (q.quotation, q.continues)).collect();
        assert_eq!(ids, [(0, true), (0, true), (0, false), (1, false)]);
    }

    #[test]
    fn guillemets_and_low_marks() {
        assert_eq!(
            quotes("Il a dit «oui» et »ja« und „nein“."),
            ["oui", "ja", "nein"]
        );
    }

    #[test]
    fn british_single_marks_and_apostrophes() {
        let t = "‘Don't go,’ said O'Neill. ‘It's the Joneses' car, from the \
                 '90s.’\n\n'Fine,' she said. 'Leave 'em.'";
        assert_eq!(
            quotes(t),
            [
                "Don't go,",
                "It's the Joneses' car, from the '90s.",
                "Fine,",
                "Leave 'em."
            ]
        );
    }

    #[test]
    fn twin_apostrophes_are_no_single_marks() {
        // `''` stands in for a double mark; the singles inside it are
        // nested quotes, not the text's outer marks.
        let t =
            "''He said, 'No daylight.' '' he recalled. ''I said, 'Wait.' ''";
        assert_eq!(detect_style(t).0, Style::Double);
        assert!(quotes(t).is_empty());
    }

    #[test]
    fn a_mark_before_a_word_lowercasing_lengthens_does_not_panic() {
        // `İ` lowercases to two chars: the elision check once sliced the
        // text at the lowercased word's length, inside the `…`.
        assert_eq!(quotes("He said 'İ… no.' and left."), ["İ… no."]);
        assert_eq!(quotes("'İ… no,' he said. 'Yes.'"), ["İ… no,", "Yes."]);
    }

    #[test]
    fn elisions_are_read_as_chars_would_read_them() {
        let naive = |rest: &str| {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .take(7)
                .collect();
            word.chars().count() <= 6
                && ELISIONS.contains(&word.to_lowercase().as_str())
        };
        let words = [
            "",
            "em",
            "Em",
            "EM",
            "em.",
            "emé",
            "em\u{212a}",
            "\u{212a}",
            "tis",
            "Twould",
            "twouldn",
            "twouldé",
            "n",
            "n'",
            "N ",
            "e",
            "é",
            "9",
            "cause,",
            "causes",
            "abcdefgh",
            "abcdefgé",
            "İm",
            "til…",
            "ow",
        ];
        for w in words {
            assert_eq!(is_elision(w), naive(w), "{w:?}");
        }
    }

    #[test]
    fn singles_nest_inside_doubles() {
        let t = "“He told me ‘never’ twice,” she said. I’m sure.";
        assert_eq!(quotes(t), ["He told me ‘never’ twice,"]);
    }
}
