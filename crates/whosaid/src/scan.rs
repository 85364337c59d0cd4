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
//! instead of decoding every char, and tells each mark from its bytes.
//! The text is read once for `0xC2`, the rare first byte of `«»`. In a
//! text without them (most texts), the paragraphs are then read once,
//! pairing the double marks as the marks of both styles are counted, and
//! once more, pairing the single marks, only when those win (their shapes
//! are read until the answer is known). A text with `«»` has its marks
//! counted first, then its paragraphs read with the style found, and so
//! has a text whose only marks are `'` (its `'` are counted by vectorised
//! counts, and the pass that pairs the double marks, which would pair
//! none and stop at each `'`, is not made, nor any when the double style
//! wins: it has no double mark). A text whose only marks are
//! `"`, or only `'`, has them paired by a loop that stops at that byte
//! alone (`pair_one_mark`); one with only `"` is not counted. Time is
//! linear in the text and most of it is spent in memchr's vectorised
//! loops.

use memchr::{memchr, memchr_iter, memchr2, memchr3};

use crate::attribute::reserve_as_read;
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
    /// Index of the paragraph, among the paragraphs the scanner was
    /// given (the span of the paragraph is not kept: 16 bytes more a
    /// piece, of a vector that a text of tiny quotes, one every four
    /// bytes, made bigger than glibc keeps on its heap).
    pub(crate) paragraph_index: usize,
    /// The quotation this piece belongs to.
    pub(crate) quotation: usize,
    /// Whether the quotation goes on in the next paragraph.
    pub(crate) continues: bool,
}

/// Which marks a text uses as its outer quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Double,
    Single,
}

/// Finds the quoted spans of `text`, in text order.
#[cfg(test)]
pub(crate) fn find_spans(text: &str) -> Vec<RawQuote> {
    find_spans_in(text, &crate::text::paragraphs(text), Vec::new())
}

/// Finds the quoted spans of `text`, whose paragraphs (as
/// `text::paragraphs` finds them) are `paras`, in text order, in `out`
/// (emptied first: its room is reused from the last text).
pub(crate) fn find_spans_in(
    text: &str,
    paras: &[Span],
    mut out: Vec<RawQuote>,
) -> Vec<RawQuote> {
    out.clear();
    let bytes = text.as_bytes();
    // `«` and `»` are `C2 AB` and `C2 BB`.
    let guillemets = memchr_iter(0xC2, bytes)
        .filter(|&at| matches!(bytes.get(at + 1), Some(0xAB | 0xBB)))
        .count();
    let mut counts = Counts { doubles: guillemets, singles: 0 };
    let mut pieces = Pieces { text, out, quotation: 0 };
    // A text with no mark but `'` (no `"`, no `«»` and no `0xE2`, which
    // starts each of `“”„‘’`) has its marks counted by vectorised
    // counts, and its paragraphs read once, with the style found: the
    // pass that pairs the double marks as it counts the marks would pair
    // none and stop at each `'`. Every mark is inside a paragraph (a
    // paragraph holds every char of its lines but the white space at
    // their ends), so these are the counts of the marks of the
    // paragraphs.
    let no_curly = guillemets == 0 && memchr(0xE2, bytes).is_none();
    // The `"` of a text with no other double mark, counted by memchr's
    // vectorised count (another text, most texts, is not read for them).
    let straight = if no_curly { memchr_iter(b'"', bytes).count() } else { 0 };
    // A text with no mark but `"` (`"a" "b"`) is of the double style
    // (no single mark outnumbers its double ones) and each of its `"`
    // is a `Kind::Straight`: its marks are paired by a loop that looks
    // for `"` alone, without the pass that counts the marks.
    if no_curly && straight > 0 && memchr(b'\'', bytes).is_none() {
        pieces.out.reserve(straight / 2 + 4);
        pair_one_mark::<b'"'>(text, paras, &mut pieces);
        return pieces.out;
    }
    let only_apostrophes = no_curly && straight == 0;
    let (style, opened) = if only_apostrophes {
        let all = memchr_iter(b'\'', bytes).count();
        let twinned = twinned_apostrophes(bytes, all);
        counts.doubles += twinned;
        counts.singles += all - twinned;
        decide_style(text, counts)
    } else if guillemets == 0 {
        // Most texts have none: then their double marks are paired as
        // the marks of both styles are counted, which is all that most
        // texts (of the double style) need.
        // Room for a piece for every two straight double marks (most
        // quotations of a text with no curly marks), as growing the
        // vector copies it; a text with curly marks gets room for a piece
        // every 256 bytes (real news has about one every 500), and a vector
        // that proves short grows by the rate read so far
        // (`Pieces::push`).
        pieces.out.reserve(
            if no_curly { straight / 2 } else { bytes.len() / 256 } + 4,
        );
        pair::<STYLE_LEADS>(text, paras, &mut pieces, &mut counts);
        let decided = decide_style(text, counts);
        if decided.0 == Style::Double {
            return pieces.out;
        }
        // Single marks: start again.
        pieces.out.clear();
        pieces.quotation = 0;
        decided
    } else {
        count_marks(bytes, &mut counts);
        decide_style(text, counts)
    };
    // Room for a piece for every quotation the marks open, as growing
    // the vector copies it.
    pieces.out.reserve(opened + 4);
    match style {
        // A text whose only marks are `'` has no double mark to pair (its
        // `''` count for the style but are not paired).
        Style::Double if only_apostrophes => {}
        Style::Double => {
            pair::<DOUBLE_LEADS>(text, paras, &mut pieces, &mut counts);
        }
        // Each mark of such a text is a `Kind::Apostrophe`.
        Style::Single if only_apostrophes => {
            pair_one_mark::<b'\''>(text, paras, &mut pieces);
        }
        Style::Single => {
            pair::<SINGLE_LEADS>(text, paras, &mut pieces, &mut counts);
        }
    }
    pieces.out
}

/// The marks of a text that count for each style.
#[derive(Clone, Copy, Debug)]
struct Counts {
    /// The double marks (`"“”„«»`) and the twin apostrophes (`''`, which
    /// stand in for a double mark in some plain-text archives).
    doubles: usize,
    /// The single marks that may open a quotation: `'` (not twinned)
    /// and `‘`.
    singles: usize,
}

impl Counts {
    /// Counts the mark `kind` at `at`.
    #[inline(always)]
    fn add(&mut self, bytes: &[u8], at: usize, kind: Kind) {
        match kind {
            Kind::Apostrophe if is_twin(bytes, at) => self.doubles += 1,
            Kind::Apostrophe | Kind::LeftSingle => self.singles += 1,
            Kind::RightSingle => {}
            _ => self.doubles += 1,
        }
    }
}

/// How many `'` of `bytes`, which has `all` of them, stand next to
/// another (`is_twin`): those in runs of two or more.
///
/// The first `''` is sought by memchr's vectorised `memmem` (which tests
/// both bytes at once, so that a text of `'a' ` has no false starts);
/// none is before it. From there, the `'` of a text with few of them
/// (the `''` of a plain-text archive) are looked at one by one, and a
/// text dense in them has them counted by a vectorised count of the
/// `'` with another before or after (the last byte, which has no byte
/// after, told apart).
fn twinned_apostrophes(bytes: &[u8], all: usize) -> usize {
    let Some(first) = memchr::memmem::find(bytes, b"''") else { return 0 };
    let q = b'\'';
    if all < bytes.len() / 16 {
        return memchr_iter(q, &bytes[first..])
            .filter(|&k| is_twin(bytes, first + k))
            .count();
    }
    let last = usize::from(bytes.ends_with(b"''"));
    last + count_windows(bytes, |a, b, c| (b == q) & ((a == q) | (c == q)))
}

/// The number of `k` for which `f(bytes[k - 1], bytes[k], bytes[k + 1])`
/// holds, where `bytes[-1]` (for `k == 0`) reads as 0 and `k + 1` is
/// in `bytes`. Counted in blocks of 128 bytes with a byte counter a
/// block, which the compiler vectorises (a `usize` counter a byte costs
/// several instructions a byte).
fn count_windows(bytes: &[u8], f: impl Fn(u8, u8, u8) -> bool) -> usize {
    let n = bytes.len().saturating_sub(1);
    if n == 0 {
        return 0;
    }
    let b = &bytes[..n];
    let c = &bytes[1..];
    let mut total = usize::from(f(0, b[0], c[0]));
    let (b, c) = (&b[1..], &c[1..]);
    let a = &bytes[..n - 1];
    for ((a, b), c) in a.chunks(128).zip(b.chunks(128)).zip(c.chunks(128)) {
        let mut block = 0u8;
        for ((&x, &y), &z) in a.iter().zip(b).zip(c) {
            block += u8::from(f(x, y, z));
        }
        total += usize::from(block);
    }
    total
}

/// Adds the marks of `bytes` but `«»` to `counts`.
fn count_marks(bytes: &[u8], counts: &mut Counts) {
    // `0xE2` and `0xC2` never occur inside a UTF-8 sequence, only at its
    // start, so every position found is a char boundary.
    let mut from = 0;
    while let Some(at) = find_lead::<STYLE_LEADS>(bytes, from) {
        from = at + 1;
        if let Some(kind) = Kind::at::<STYLE_LEADS>(bytes, at) {
            counts.add(bytes, at, kind);
        }
    }
}

/// Decides whether a text whose marks are `counts` uses double or single
/// marks as its outer quotation marks, and about how many quotations the
/// marks of that style open: half their marks, two a quotation (a
/// capacity for the pieces, not a bound: an unclosed quotation takes
/// one; a single mark that is an apostrophe, none).
///
/// The single style wins when more single marks are shaped like an
/// opening quote (`is_single_open`) than there are marks counting for
/// the double style. The shapes are only read when there are more single
/// marks than double ones, and then only until the answer is known.
fn decide_style(text: &str, counts: Counts) -> (Style, usize) {
    let Counts { doubles, mut singles } = counts;
    if singles <= doubles {
        return (Style::Double, doubles / 2);
    }
    let bytes = text.as_bytes();
    let mut opens = 0usize;
    let mut from = 0;
    while let Some(at) = find_lead::<SINGLE_LEADS>(bytes, from) {
        from = at + 1;
        let single = match bytes[at] {
            b'\'' => !is_twin(bytes, at),
            _ => bytes.get(at + 1..at + 3) == Some(&[0x80, 0x98]),
        };
        if !single {
            continue;
        }
        singles = singles.saturating_sub(1);
        opens += usize::from(is_single_open(text, at));
        if opens > doubles {
            // At most every single mark opens a quotation, and most
            // quotations take two: room for a piece every two marks
            // keeps the vector of a text of `'a' ` under the size glibc
            // always maps afresh (32 MiB), as twice that was.
            return (Style::Single, (opens + singles) / 2);
        }
        if opens + singles <= doubles {
            break;
        }
    }
    (Style::Double, doubles / 2)
}

/// Whether the `'` at `at` is one of two (`''`, a stand-in for a double
/// mark). Two apostrophes count for the double style and are no single
/// marks. (They are not read as quotation marks either: see the README's
/// limitations.)
fn is_twin(bytes: &[u8], at: usize) -> bool {
    bytes.get(at + 1) == Some(&b'\'') || (at > 0 && bytes[at - 1] == b'\'')
}

/// What a quotation mark is, told from its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `"`.
    Straight,
    /// `“`.
    LeftDouble,
    /// `”`.
    RightDouble,
    /// `„`.
    LowDouble,
    /// `«`.
    LeftGuillemet,
    /// `»`.
    RightGuillemet,
    /// `'`.
    Apostrophe,
    /// `‘`.
    LeftSingle,
    /// `’`.
    RightSingle,
}

impl Kind {
    /// The mark at `at`, whose first byte is in `SET`: one of the single
    /// style (`SET` is `SINGLE_LEADS`), of the double one (`DOUBLE_LEADS`)
    /// or of either (`STYLE_LEADS`, which leaves out `«»`); `None` for
    /// another char sharing that first byte, or a mark of the other
    /// style.
    #[inline]
    fn at<const SET: u8>(bytes: &[u8], at: usize) -> Option<Kind> {
        match bytes[at] {
            b'"' => Some(Kind::Straight),
            b'\'' => Some(Kind::Apostrophe),
            0xE2 if bytes.get(at + 1) == Some(&0x80) => {
                match (bytes.get(at + 2), SET) {
                    (Some(0x9C), DOUBLE_LEADS | STYLE_LEADS) => {
                        Some(Kind::LeftDouble)
                    }
                    (Some(0x9D), DOUBLE_LEADS | STYLE_LEADS) => {
                        Some(Kind::RightDouble)
                    }
                    (Some(0x9E), DOUBLE_LEADS | STYLE_LEADS) => {
                        Some(Kind::LowDouble)
                    }
                    (Some(0x98), SINGLE_LEADS | STYLE_LEADS) => {
                        Some(Kind::LeftSingle)
                    }
                    (Some(0x99), SINGLE_LEADS | STYLE_LEADS) => {
                        Some(Kind::RightSingle)
                    }
                    _ => None,
                }
            }
            0xC2 => match bytes.get(at + 1) {
                Some(0xAB) => Some(Kind::LeftGuillemet),
                Some(0xBB) => Some(Kind::RightGuillemet),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether the mark is a single one, `'‘’`.
    fn is_single(self) -> bool {
        matches!(self, Kind::Apostrophe | Kind::LeftSingle | Kind::RightSingle)
    }

    /// The length of the mark in bytes.
    fn len(self) -> usize {
        match self {
            Kind::Straight | Kind::Apostrophe => 1,
            Kind::LeftGuillemet | Kind::RightGuillemet => 2,
            _ => 3,
        }
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

/// The char before byte `i`: an ASCII one (nearly all) is read as its
/// byte, without decoding.
fn before_mark(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).and_then(|k| text.as_bytes().get(k)) {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => char_before(text, i),
    }
}

/// Where the char after the single mark at `i` starts.
fn after_mark(text: &str, i: usize) -> usize {
    if text.as_bytes().get(i) == Some(&b'\'') {
        i + 1
    } else {
        i + char_at(text, i).map_or(1, char::len_utf8)
    }
}

/// The char at byte `i`: an ASCII one (nearly all) is read as its byte,
/// without decoding.
fn char_from(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => char_at(text, i),
    }
}

/// A bit of [`BEFORE_MARK`]: the ASCII byte is white space (as
/// `char::is_whitespace` tells).
const SPACE: u8 = 1;
/// A bit of [`BEFORE_MARK`]: the ASCII byte may stand before an opening
/// single mark (white space, `(`, `[`, `-` or `"`).
const MAY_OPEN: u8 = 2;

/// What each ASCII byte is before a single mark, as bits (`SPACE`,
/// `MAY_OPEN`): one lookup rather than a chain of tests.
static BEFORE_MARK: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8 as char).is_whitespace() {
            t[b] = SPACE | MAY_OPEN;
        }
        b += 1;
    }
    t[b'(' as usize] = MAY_OPEN;
    t[b'[' as usize] = MAY_OPEN;
    t[b'-' as usize] = MAY_OPEN;
    t[b'"' as usize] = MAY_OPEN;
    t
};

/// Whether a single mark at `i` is shaped like an opening quote: after
/// white space or an opening bracket or dash, before a letter, and not an
/// elision (`'em`, `'90s`).
#[inline(always)]
fn is_single_open(text: &str, i: usize) -> bool {
    // Most marks have ASCII chars on both sides: they are told from the
    // bytes here, and the others are read as chars.
    let bytes = text.as_bytes();
    if let Some(&b) = i.checked_sub(1).and_then(|k| bytes.get(k))
        && b.is_ascii()
        && let Some(len) = single_len(bytes, i)
    {
        // The char before rules out most marks (the apostrophes inside
        // words), so it is read first.
        if BEFORE_MARK[usize::from(b)] & MAY_OPEN == 0 {
            return false;
        }
        if let Some(&a) = bytes.get(i + len)
            && a.is_ascii_alphabetic()
        {
            // Most words start with a letter no elision starts with.
            return ELISION_FIRSTS & (1 << ((a | 0x20) - b'a')) == 0
                || !is_elision(text.get(i + len..).unwrap_or_default());
        }
    }
    single_opens_by_chars(text, i)
}

/// `is_single_open`, reading the chars around the mark.
#[inline(never)]
fn single_opens_by_chars(text: &str, i: usize) -> bool {
    let before_ok = before_mark(text, i).is_none_or(|c| {
        c.is_whitespace()
            || matches!(c, '(' | '[' | '—' | '–' | '-' | '"' | '“')
    });
    if !before_ok {
        return false;
    }
    let after_i = after_mark(text, i);
    let after_ok = char_from(text, after_i).is_some_and(|c| {
        (c.is_alphabetic() || matches!(c, '…' | '.' | '—' | '"' | '“' | '_'))
            && !c.is_ascii_digit()
    });
    after_ok && !is_elision(text.get(after_i..).unwrap_or_default())
}

/// The length of the single mark (`'`, `‘` or `’`) at `i`, from its
/// first byte.
#[inline(always)]
fn single_len(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i) {
        Some(b'\'') => Some(1),
        Some(0xE2) => Some(3),
        _ => None,
    }
}

/// Whether a single mark at `i` is shaped like a closing quote: after a
/// non-space, before white space, punctuation or the end.
#[inline(always)]
fn is_single_close(text: &str, i: usize) -> bool {
    // Most marks have ASCII chars on both sides: they are told from the
    // bytes here, and the others are read as chars.
    let bytes = text.as_bytes();
    if let Some(&b) = i.checked_sub(1).and_then(|k| bytes.get(k))
        && b.is_ascii()
        && let Some(len) = single_len(bytes, i)
    {
        if BEFORE_MARK[usize::from(b)] & SPACE != 0 {
            return false;
        }
        match bytes.get(i + len) {
            None => return true,
            Some(&a) if a.is_ascii() => {
                if a.is_ascii_alphanumeric() {
                    return false;
                }
                // Else a closing mark, but for a plural possessive.
                if !(b == b's' && a == b' ') {
                    return true;
                }
            }
            Some(_) => {}
        }
    }
    single_closes_by_chars(text, i)
}

/// `is_single_close`, reading the chars around the mark.
#[inline(never)]
fn single_closes_by_chars(text: &str, i: usize) -> bool {
    let before = before_mark(text, i);
    let after_i = after_mark(text, i);
    let after = char_from(text, after_i);
    let before_ok = before.is_some_and(|c| !c.is_whitespace());
    let after_ok = after.is_none_or(|c| !c.is_alphanumeric());
    if !(before_ok && after_ok) {
        return false;
    }
    // A plural possessive (`the Joneses' house`): a letter `s` before, a
    // lowercase word after.
    if before == Some('s') && after == Some(' ') {
        let rest = text.get(after_i..).unwrap_or_default();
        if rest
            .trim_start_matches(' ')
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            return false;
        }
    }
    true
}

/// The pieces found so far, and the running count of quotations.
struct Pieces<'t> {
    text: &'t str,
    out: Vec<RawQuote>,
    /// The quotation of the last piece.
    quotation: usize,
}

impl Pieces<'_> {
    /// Adds the piece of a quotation opened by the mark at `o`, whose
    /// words start at `inner_start`, left open at the end of paragraph
    /// `para`, number `pi` (`push` for `pair`). Not inlined: most
    /// quotations close, and `pair` is kept smaller (with this push
    /// inlined, `curly-marks` cost 1% more instructions).
    #[inline(never)]
    fn push_open(
        &mut self,
        inner_start: usize,
        o: usize,
        para: Span,
        pi: usize,
    ) {
        let outer = Span::new(o, para.end);
        self.push::<true>(inner_start, para.end, outer, false, para, pi);
    }

    /// Adds the piece quoted between `inner_start` and `end` (trimmed;
    /// nothing when only white space is left), whose marks span `outer`,
    /// in paragraph `para`, number `pi`. With `GROW` (for `pair`, whose
    /// room is a guess; `pair_one_mark`'s is known from the count of the
    /// marks), a vector with no room left gets room for as many pieces
    /// as the rest of the text promises at the rate read so far, in one
    /// step.
    #[inline(always)]
    fn push<const GROW: bool>(
        &mut self,
        inner_start: usize,
        end: usize,
        outer: Span,
        closed: bool,
        para: Span,
        pi: usize,
    ) {
        let Some(span) = trim(self.text, inner_start, end) else { return };
        if GROW && self.out.len() == self.out.capacity() {
            reserve_as_read(&mut self.out, outer.end, self.text.len());
        }
        // A piece goes on from the last one when that one was left open
        // at the end of the paragraph before (a piece left open is the
        // last of its paragraph, so this piece is its paragraph's first)
        // and this paragraph opens with this piece's mark.
        // Most pieces do not open their paragraph: the last piece is not
        // read for them.
        let empty = self.out.is_empty();
        let continuing = if outer.start == para.start {
            self.out
                .last_mut()
                .filter(|last| !last.closed && last.paragraph_index + 1 == pi)
        } else {
            None
        };
        match continuing {
            Some(last) => last.continues = true,
            None if !empty => self.quotation += 1,
            None => {}
        }
        self.out.push(RawQuote {
            span,
            outer,
            closed,
            paragraph_index: pi,
            quotation: self.quotation,
            continues: false,
        });
    }
}

/// Pairs the quotation marks of the single style (`SET` is
/// `SINGLE_LEADS`) or of the double one (`DOUBLE_LEADS`) inside each of
/// `paras` (the text's paragraphs, in order), into `pieces`. With `SET`
/// `STYLE_LEADS`, pairs the double marks (a text with no `«»`) and adds
/// every mark of both styles to `counts` (every mark is inside a
/// paragraph: a paragraph holds every char of its lines but the white
/// space at their ends).
///
/// The marks are searched in the whole text, not paragraph by
/// paragraph: each is then looked up in the paragraphs, which are
/// passed over without a search when they hold none, and the search
/// that finds no closing mark in a paragraph finds the next paragraph's
/// first mark (a search a paragraph less: 0.3% of the instructions of
/// `dialogue`, whose paragraphs are short).
#[inline(never)]
fn pair<const SET: u8>(
    text: &str,
    paras: &[Span],
    pieces: &mut Pieces<'_>,
    counts: &mut Counts,
) {
    let bytes = text.as_bytes();
    let Some(&first) = paras.first() else { return };
    // The paragraph of the last mark read, and its number.
    let mut para = first;
    let mut pi = 0;
    let mut from = 0;
    // Each turn looks for an opening mark, then for the mark that
    // closes it.
    'quotes: while let Some(o) = find_lead::<SET>(bytes, from) {
        from = o + 1;
        // The paragraph of the mark, past those that end before it. (A
        // lead byte between two paragraphs starts a white-space char,
        // which is no mark: it is not read as one of the paragraph after.)
        while o >= para.end {
            pi += 1;
            let Some(&next) = paras.get(pi) else { return };
            para = next;
        }
        let Some(kind) = Kind::at::<SET>(bytes, o) else { continue };
        if SET == STYLE_LEADS {
            counts.add(bytes, o, kind);
            if kind.is_single() {
                continue;
            }
        }
        let Some(closer) = Closer::of(text, o, kind) else { continue };
        let inner_start = o + kind.len();
        from = inner_start;
        // Whether a mark is left in the text past the paragraph.
        let mut more = false;
        while let Some(at) = find_lead::<SET>(bytes, from) {
            if at >= para.end {
                // The next paragraph's mark: read again at the next turn.
                from = at;
                more = true;
                break;
            }
            from = at + 1;
            let Some(kind) = Kind::at::<SET>(bytes, at) else {
                continue;
            };
            if SET == STYLE_LEADS {
                // A single mark closes no double one.
                counts.add(bytes, at, kind);
            }
            if closer.closes(text, at, kind) {
                let outer = Span::new(o, at + kind.len());
                pieces.push::<true>(inner_start, at, outer, true, para, pi);
                from = outer.end;
                continue 'quotes;
            }
        }
        // Left open: the quotation closes with the paragraph.
        pieces.push_open(inner_start, o, para, pi);
        if !more {
            return;
        }
    }
}

/// `pair` for a text whose only marks are `MARK` (`"`, paired as
/// `Closer::Double` pairs them, or `'`, paired as `Closer::Single` pairs
/// them): each stop is at a mark, known without telling its kind.
#[inline(never)]
fn pair_one_mark<const MARK: u8>(
    text: &str,
    paras: &[Span],
    pieces: &mut Pieces<'_>,
) {
    let bytes = text.as_bytes();
    // The byte before a mark, the mark and the byte after, read as one
    // slice (`None` at the text's ends).
    let around = |at: usize| bytes.get(at.wrapping_sub(1)..at + 2);
    let opens = |o: usize| match MARK {
        // `4.5"` is an inch mark, not an opening quote.
        b'"' => o == 0 || !bytes[o - 1].is_ascii_digit(),
        // What `is_single_open` tells from ASCII bytes on both sides.
        _ => match around(o) {
            Some(&[b, _, a]) if b.is_ascii() && a.is_ascii_alphabetic() => {
                BEFORE_MARK[usize::from(b)] & MAY_OPEN != 0
                    && (ELISION_FIRSTS & (1 << ((a | 0x20) - b'a')) == 0
                        || !is_elision(text.get(o + 1..).unwrap_or_default()))
            }
            _ => is_single_open(text, o),
        },
    };
    let closes = |at: usize| {
        MARK == b'"'
            || match around(at) {
                // What `is_single_close` tells from ASCII bytes on both
                // sides.
                Some(&[b, _, a])
                    if b.is_ascii()
                        && a.is_ascii()
                        && !(b == b's' && a == b' ') =>
                {
                    BEFORE_MARK[usize::from(b)] & SPACE == 0
                        && !a.is_ascii_alphanumeric()
                }
                _ => is_single_close(text, at),
            }
    };
    for (pi, &para) in paras.iter().enumerate() {
        let Some(seg) = bytes.get(..para.end) else { break };
        let mut from = para.start;
        'quotes: while let Some(o) = find_byte::<MARK>(seg, from) {
            from = o + 1;
            if !opens(o) {
                continue;
            }
            let inner_start = o + 1;
            while let Some(at) = find_byte::<MARK>(seg, from) {
                from = at + 1;
                if closes(at) {
                    let outer = Span::new(o, at + 1);
                    pieces.push::<false>(
                        inner_start,
                        at,
                        outer,
                        true,
                        para,
                        pi,
                    );
                    continue 'quotes;
                }
            }
            // Left open: the quotation closes with the paragraph.
            let outer = Span::new(o, para.end);
            pieces.push::<false>(
                inner_start,
                para.end,
                outer,
                false,
                para,
                pi,
            );
            break;
        }
    }
}

/// The first position from `from` on of the byte `B` in `haystack`: the
/// four bytes at `from` are looked at one by one first (as `find_lead`
/// does), then memchr searches.
#[inline(always)]
fn find_byte<const B: u8>(haystack: &[u8], from: usize) -> Option<usize> {
    let rest = haystack.get(from..)?;
    let Some(near) = rest.first_chunk::<4>() else {
        return rest.iter().position(|&b| b == B).map(|k| from + k);
    };
    if let Some(k) = near.iter().position(|&b| b == B) {
        return Some(from + k);
    }
    memchr(B, &rest[4..]).map(|k| from + 4 + k)
}

/// The marks that close an open quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closer {
    /// `"` or `”`.
    Double,
    /// `“` or `”` (after `„`).
    Low,
    /// `»`.
    RightGuillemet,
    /// `«`.
    LeftGuillemet,
    /// `'` or `’` shaped like a closing quote.
    Single,
}

impl Closer {
    /// The marks that close the quotation that the mark `kind` at `at`
    /// opens; `None` when it opens none.
    #[inline(always)]
    fn of(text: &str, at: usize, kind: Kind) -> Option<Closer> {
        match kind {
            // `4.5"` is an inch mark, not an opening quote.
            Kind::Straight
                if at > 0 && text.as_bytes()[at - 1].is_ascii_digit() =>
            {
                None
            }
            Kind::Straight | Kind::LeftDouble => Some(Closer::Double),
            Kind::LowDouble => Some(Closer::Low),
            Kind::LeftGuillemet => Some(Closer::RightGuillemet),
            Kind::RightGuillemet
                if char_at(text, at + kind.len())
                    .is_some_and(|c| !c.is_whitespace()) =>
            {
                Some(Closer::LeftGuillemet)
            }
            Kind::Apostrophe | Kind::LeftSingle
                if is_single_open(text, at) =>
            {
                Some(Closer::Single)
            }
            _ => None,
        }
    }

    /// Whether the mark `kind` at `at` is one of these.
    #[inline(always)]
    fn closes(self, text: &str, at: usize, kind: Kind) -> bool {
        match self {
            Closer::Double => {
                matches!(kind, Kind::Straight | Kind::RightDouble)
            }
            Closer::Low => {
                matches!(kind, Kind::LeftDouble | Kind::RightDouble)
            }
            Closer::RightGuillemet => kind == Kind::RightGuillemet,
            Closer::LeftGuillemet => kind == Kind::LeftGuillemet,
            Closer::Single => {
                matches!(kind, Kind::Apostrophe | Kind::RightSingle)
                    && is_single_close(text, at)
            }
        }
    }
}

/// A set of first bytes of marks: `"`, `'` and `0xE2`, the marks that
/// count for the style.
const STYLE_LEADS: u8 = 1;
/// A set of first bytes of marks: `"`, `0xE2` and `0xC2`, the double
/// marks `"“”„«»`.
const DOUBLE_LEADS: u8 = 2;
/// A set of first bytes of marks: `'` and `0xE2`, the single marks
/// `'‘’`.
const SINGLE_LEADS: u8 = 4;

/// For each byte, the sets of first bytes (`STYLE_LEADS`, `DOUBLE_LEADS`,
/// `SINGLE_LEADS`) it is in, as bits.
static LEADS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'"' as usize] = STYLE_LEADS | DOUBLE_LEADS;
    t[b'\'' as usize] = STYLE_LEADS | SINGLE_LEADS;
    t[0xE2] = STYLE_LEADS | DOUBLE_LEADS | SINGLE_LEADS;
    t[0xC2] = DOUBLE_LEADS;
    t
};

/// The first position from `from` on of a byte of the set `SET` (one of
/// `STYLE_LEADS`, `DOUBLE_LEADS`, `SINGLE_LEADS`) in `haystack`:
/// memchr's vectorised search, but the four bytes at `from` are looked
/// up one by one first, so that marks packed close together (`"a" "a"`,
/// a megabyte of `"`) do not pay a search each.
#[inline(always)]
fn find_lead<const SET: u8>(haystack: &[u8], from: usize) -> Option<usize> {
    let rest = haystack.get(from..)?;
    let in_set = |b: u8| LEADS[usize::from(b)] & SET != 0;
    // The byte at `from` is tested first, alone, before the length of
    // the rest: it is the next mark of packed marks (`“”“”`).
    let &first = rest.first()?;
    if in_set(first) {
        return Some(from);
    }
    let Some(near) = rest.first_chunk::<4>() else {
        return rest.iter().position(|&b| in_set(b)).map(|k| from + k);
    };
    for (k, &b) in near.iter().enumerate().skip(1) {
        if in_set(b) {
            return Some(from + k);
        }
    }
    let k = search_leads::<SET>(&rest[4..])?;
    Some(from + 4 + k)
}

/// The first position of a byte of the set `SET` in `haystack`, by
/// memchr's AVX2 search made once ([`Searchers`]) where the machine has
/// AVX2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn search_leads<const SET: u8>(haystack: &[u8]) -> Option<usize> {
    match searchers() {
        Some(s) => match SET {
            STYLE_LEADS => s.style.find(haystack),
            DOUBLE_LEADS => s.double.find(haystack),
            _ => s.single.find(haystack),
        },
        None => memchr_leads::<SET>(haystack),
    }
}

/// The first position of a byte of the set `SET` in `haystack`.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn search_leads<const SET: u8>(haystack: &[u8]) -> Option<usize> {
    memchr_leads::<SET>(haystack)
}

/// The first position of a byte of the set `SET` in `haystack`, by
/// `memchr3` or `memchr2`.
#[inline(always)]
fn memchr_leads<const SET: u8>(haystack: &[u8]) -> Option<usize> {
    match SET {
        STYLE_LEADS => memchr3(b'"', b'\'', 0xE2, haystack),
        DOUBLE_LEADS => memchr3(b'"', 0xE2, 0xC2, haystack),
        _ => memchr2(b'\'', 0xE2, haystack),
    }
}

/// memchr's AVX2 searches for the first bytes of each set of marks
/// (`STYLE_LEADS`, `DOUBLE_LEADS`, `SINGLE_LEADS`), made once: `memchr3`
/// picks its search and sets up its vectors again at each call, which
/// costs more than the search itself in a text of short stretches
/// between marks (news: a mark, an apostrophe or a dash every 80 bytes).
#[cfg(target_arch = "x86_64")]
struct Searchers {
    /// `"`, `'` and `0xE2`.
    style: memchr::arch::x86_64::avx2::memchr::Three,
    /// `"`, `0xE2` and `0xC2`.
    double: memchr::arch::x86_64::avx2::memchr::Three,
    /// `'` and `0xE2`.
    single: memchr::arch::x86_64::avx2::memchr::Two,
}

/// The searches of [`Searchers`], made at the first call; `None` where
/// the machine has no AVX2 (then `memchr3` and `memchr2` search).
#[cfg(target_arch = "x86_64")]
fn searchers() -> Option<&'static Searchers> {
    use memchr::arch::x86_64::avx2::memchr::{Three, Two};
    static SEARCHERS: std::sync::OnceLock<Option<Searchers>> =
        std::sync::OnceLock::new();
    SEARCHERS
        .get_or_init(|| {
            Some(Searchers {
                style: Three::new(b'"', b'\'', 0xE2)?,
                double: Three::new(b'"', 0xE2, 0xC2)?,
                single: Two::new(b'\'', 0xE2)?,
            })
        })
        .as_ref()
}

/// The span `start..end` without surrounding white space; `None` when
/// nothing is left.
#[inline(always)]
fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    if start >= end {
        return None;
    }
    // Quoted words nearly always start and end with an ASCII char above
    // the space (none of which is white space): then there is nothing to
    // trim (and both ends are char boundaries). One range test an end;
    // the other ends are trimmed as chars.
    let bytes = text.as_bytes();
    let word = |b: u8| (0x21..0x80).contains(&b);
    if let (Some(&a), Some(&z)) = (bytes.get(start), bytes.get(end - 1))
        && word(a)
        && word(z)
    {
        return Some(Span::new(start, end));
    }
    trim_chars(text, start, end)
}

/// `trim` of words that start or end with another char, read as chars.
#[inline(never)]
fn trim_chars(text: &str, start: usize, end: usize) -> Option<Span> {
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
    fn single_marks_after_some_double_ones_are_numbered_from_zero() {
        // The double marks are paired first, as the marks are counted;
        // nothing of that pairing is left once the single marks win.
        let t = "He said \"yes\" and \"no\".\n\n'A,' she said. 'B.' 'C.' 'D.' 'F.'";
        let q = find_spans(t);
        let got: Vec<(&str, usize)> = q
            .iter()
            .map(|q| (&t[q.span.start..q.span.end], q.quotation))
            .collect();
        assert_eq!(
            got,
            [("A,", 0), ("B.", 1), ("C.", 2), ("D.", 3), ("F.", 4)]
        );
    }

    #[test]
    fn twin_apostrophes_are_no_single_marks() {
        // `''` stands in for a double mark; the singles inside it are
        // nested quotes, not the text's outer marks.
        let t =
            "''He said, 'No daylight.' '' he recalled. ''I said, 'Wait.' ''";
        let mut counts = Counts { doubles: 0, singles: 0 };
        count_marks(t.as_bytes(), &mut counts);
        assert_eq!(decide_style(t, counts).0, Style::Double);
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
    fn single_mark_shapes_read_from_bytes_agree_with_chars() {
        let sides = [
            "", " ", "\t", "\u{b}", "\u{a0}", "(", "[", "-", "—", "\"", "“",
            "a", "s", "S", "é", "9", ".", "…", "_", "'", "’", "e", "em", "Em",
            "tis", "t", "o", "ow", "n", "z",
        ];
        let afters = [" x", " X", " é", "m", "s", ""];
        for mark in ["'", "‘", "’"] {
            for b in sides {
                for a in sides {
                    for tail in afters {
                        let t = format!("{b}{mark}{a}{tail}");
                        let i = b.len();
                        assert_eq!(
                            is_single_open(&t, i),
                            single_opens_by_chars(&t, i),
                            "{t:?}"
                        );
                        assert_eq!(
                            is_single_close(&t, i),
                            single_closes_by_chars(&t, i),
                            "{t:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn twinned_apostrophes_are_counted_as_is_twin_tells() {
        let texts = [
            "",
            "'",
            "''",
            "'''",
            "a'b",
            "a''b",
            "''a'''b'",
            "x'",
            "'x",
            "'a' ''b'' '''c''' d's",
            "''''''''''",
        ];
        let long = "'a' ''b ".repeat(50) + &"'".repeat(300);
        // Few marks: looked at one by one.
        let sparse = "a'b ''c'' '''d e''".repeat(3) + &"x".repeat(2000);
        let sparse_end = "x".repeat(2000) + "a'b ''c''' d'";
        for t in texts.iter().copied().chain([
            long.as_str(),
            sparse.as_str(),
            sparse_end.as_str(),
        ]) {
            let b = t.as_bytes();
            let all = memchr_iter(b'\'', b).count();
            let want =
                memchr_iter(b'\'', b).filter(|&at| is_twin(b, at)).count();
            assert_eq!(twinned_apostrophes(b, all), want, "{t:?}");
        }
    }

    #[test]
    fn made_once_searches_find_what_memchr_finds() {
        let mut hay = "x".repeat(200).into_bytes();
        for (k, b) in [(0, b'"'), (37, b'\''), (70, 0xE2), (130, 0xC2)] {
            hay[k] = b;
        }
        for from in 0..hay.len() {
            let h = &hay[from..];
            assert_eq!(
                search_leads::<STYLE_LEADS>(h),
                memchr_leads::<STYLE_LEADS>(h)
            );
            assert_eq!(
                search_leads::<DOUBLE_LEADS>(h),
                memchr_leads::<DOUBLE_LEADS>(h)
            );
            assert_eq!(
                search_leads::<SINGLE_LEADS>(h),
                memchr_leads::<SINGLE_LEADS>(h)
            );
        }
    }

    #[test]
    fn one_mark_pairing_agrees_with_the_general_passes() {
        let texts = [
            "\"a\" \"b\"",
            "4.5\" x \"y\" 3\"",
            "\"open\n\n\"next\" z \"",
            "\"\"  \" \"",
            "\"",
            "'a,' he said. 'b' 'c",
            "O'Neill said 'yes' and 'em 'no.'\n\n'More\n\n'Last.'",
            "the Joneses' car 'x' '",
            "''",
            "'",
        ];
        for t in texts {
            let paras = crate::text::paragraphs(t);
            let mut counts = Counts { doubles: 0, singles: 0 };
            let mut general =
                Pieces { text: t, out: Vec::new(), quotation: 0 };
            let mut one = Pieces { text: t, out: Vec::new(), quotation: 0 };
            if t.contains('"') {
                pair::<STYLE_LEADS>(t, &paras, &mut general, &mut counts);
                pair_one_mark::<b'"'>(t, &paras, &mut one);
            } else {
                pair::<SINGLE_LEADS>(t, &paras, &mut general, &mut counts);
                pair_one_mark::<b'\''>(t, &paras, &mut one);
            }
            assert_eq!(general.out, one.out, "{t:?}");
        }
    }

    #[test]
    fn one_mark_pairing_of_apostrophes_agrees_on_every_short_text() {
        // Every text of up to five chars from these, so that the bytes
        // around each `'` take every shape the byte tests tell apart.
        let chars = ['\'', ' ', 'a', 's', 'e', 'T', '9', '(', '.', 'é'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| {
                    t.chars().count()
                        == texts.last().map_or(0, |l| l.chars().count())
                })
                .flat_map(|t| chars.iter().map(move |&c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        for t in texts.iter().filter(|t| t.contains('\'')) {
            let paras = crate::text::paragraphs(t);
            let mut counts = Counts { doubles: 0, singles: 0 };
            let mut general =
                Pieces { text: t, out: Vec::new(), quotation: 0 };
            let mut one = Pieces { text: t, out: Vec::new(), quotation: 0 };
            pair::<SINGLE_LEADS>(t, &paras, &mut general, &mut counts);
            pair_one_mark::<b'\''>(t, &paras, &mut one);
            assert_eq!(general.out, one.out, "{t:?}");
        }
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        // Ends of every kind `trim` tells apart: white space and not,
        // ASCII above the space, below it, and not ASCII.
        let ends = [
            "", " ", "\t", "\n", "\u{1f}", "!", "a", "~", "\u{7f}", "\u{a0}",
            "é", "\u{2003}", "”",
        ];
        for a in ends {
            for z in ends {
                for mid in ["", "x", " x y "] {
                    let t = format!("{a}{mid}{z}");
                    let lead = t.len() - t.trim_start().len();
                    let want = (!t.trim().is_empty())
                        .then(|| Span::new(lead, lead + t.trim().len()));
                    assert_eq!(trim(&t, 0, t.len()), want, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn singles_nest_inside_doubles() {
        let t = "“He told me ‘never’ twice,” she said. I’m sure.";
        assert_eq!(quotes(t), ["He told me ‘never’ twice,"]);
    }
}
