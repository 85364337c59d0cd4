//! Paragraphs, sentences and words over `&str`, with byte offsets.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher, RandomState};

use memchr::memchr;

use crate::model::Span;

/// The paragraphs of `text`: runs of text between blank lines, trimmed of
/// surrounding white space. Empty paragraphs are left out.
///
/// A single newline is not a paragraph break (hard-wrapped text), except
/// in a text whose lines are long: there each line is a paragraph
/// (one-paragraph-a-line exports, with or without blank lines between).
///
/// Only line ends matter, so the text is read once with memchr from one
/// `\n` to the next, and each line costs a few byte tests (see
/// `trimmed`): this runs at memory speed, which matters as it runs on
/// every byte. The lines are gathered as they are read, and the runs of
/// them between blank lines made from them after, when the text's
/// lines say those are its paragraphs.
#[cfg(test)]
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let (mut lines, mut blocks) = (Vec::new(), Vec::new());
    paragraphs_into(text, &mut lines, &mut blocks);
    lines
}

/// The paragraphs of `text`, as [`paragraphs`] has them, left in
/// `lines` (whose room, and that of `blocks`, is reused from the last
/// text: see `attribute::Scratch`). `blocks` is left with the other
/// candidates, the lines, when the runs of lines are the paragraphs,
/// and empty when the lines are (or the runs are the lines).
///
/// The lines are read first, alone (building the runs as well, as they
/// are read, kept more across each call of memchr than registers hold);
/// the runs of them between blank lines are made from them after, and
/// only when they are the paragraphs.
pub(crate) fn paragraphs_into(
    text: &str,
    lines: &mut Vec<Span>,
    blocks: &mut Vec<Span>,
) {
    // Room for a line every 48 bytes (news wraps at about 70, dialogue
    // has a short line every 55 or so), as growing the vector copies
    // it.
    let room = text.len() / 48 + 4;
    // The lines that are not blank, trimmed: the paragraphs of a text
    // whose lines are paragraphs. Filled as a local, moved out of the
    // scratch and back (to `lines` or `blocks`, as the choice below
    // says).
    let mut line_spans = std::mem::take(lines);
    line_spans.clear();
    line_spans.reserve(room);
    // The room of the runs of lines is taken now, before they are
    // known to be needed, with that of the lines: a text whose runs are
    // made left the allocator's heap, for the tables allocated after,
    // other than the reading of the runs and the lines together did
    // (`distinct-names`, one text, then cost 0.5% more in `calloc`).
    blocks.clear();
    blocks.reserve(room);
    // The lines read with the search of `\n` chosen once, outside the
    // loop over them.
    #[cfg(target_arch = "x86_64")]
    let (long, maybe_long) = match avx2_newline() {
        Some(one) => read_lines(text, &mut line_spans, |h| one.find(h)),
        None => read_lines(text, &mut line_spans, |h| memchr(b'\n', h)),
    };
    #[cfg(not(target_arch = "x86_64"))]
    let (long, maybe_long) =
        read_lines(text, &mut line_spans, |h| memchr(b'\n', h));
    let bytes = text.as_bytes();
    // Whether the lines look like whole paragraphs rather than a hard
    // wrap at a fixed width: at least a quarter of them are long.
    let need = line_spans.len().div_ceil(4);
    let whole = line_spans.len() > 1
        && (long >= need
            || (long + maybe_long >= need && {
                // The lines that may be long, read until enough are.
                let wanted = need - long;
                let found = line_spans
                    .iter()
                    .filter(|l| {
                        (101..=400).contains(&l.len())
                            && more_chars_than(&bytes[l.start..l.end], 100)
                    })
                    .take(wanted)
                    .count();
                found == wanted
            }));
    // The runs are the lines themselves when each line but the first
    // comes right after an empty line (dialogue, a turn a paragraph):
    // told by two bytes a line, where making the runs costs a search
    // between each two lines and a push (on dialogue, three times as
    // much).
    let parted = |l: &Span| bytes[..l.start].ends_with(b"\n\n");
    if !whole && !line_spans.iter().skip(1).all(parted) {
        runs_of_lines(bytes, &line_spans, blocks);
        std::mem::swap(&mut line_spans, blocks);
    }
    *lines = line_spans;
}

/// Pushes the lines of `text` that are not blank, trimmed, to `lines`,
/// each found by `find`, the search of the first `\n` of a haystack;
/// gives the number of them longer than 400 bytes and the number from
/// 101 to 400 bytes long: a line of more than 400 bytes has more than
/// 100 chars (a char is at most 4 bytes), and one of 101 to 400 bytes
/// may have, its chars counted only as far as the choice of
/// `paragraphs_into` needs.
#[inline(always)]
fn read_lines(
    text: &str,
    lines: &mut Vec<Span>,
    find: impl Fn(&[u8]) -> Option<usize>,
) -> (usize, usize) {
    let (mut long, mut maybe_long) = (0, 0);
    let bytes = text.as_bytes();
    let mut start = 0;
    // Each line, up to its `\n` or the end of the text.
    while let Some(rest) = bytes.get(start..) {
        // The line's bytes are cut from `rest` by the search's answer,
        // which is no further than its end: `trimmed` has them with no
        // test of the line's bounds.
        let raw = find(rest).and_then(|k| rest.get(..k)).unwrap_or(rest);
        let line = trimmed(text, start, raw);
        start += raw.len() + 1;
        // An empty line after this one (`\n\n`, as between most
        // paragraphs) is blank: it is skipped here, with no search.
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        if line.is_empty() {
            continue;
        }
        lines.push(line);
        let n = line.len();
        if n > 400 {
            long += 1;
        } else if n > 100 {
            maybe_long += 1;
        }
    }
    (long, maybe_long)
}

/// The runs of `lines` (the trimmed lines of `bytes` that are not
/// blank, in order) that no blank line parts, each from the start of
/// its first line to the end of its last, pushed to `runs`. Between two
/// lines is white space only, with a `\n` for each line break: they
/// are parted by a blank line when there are two `\n` or more. Nearly
/// always the white space is a lone `\n` (a hard wrap) or `\n\n`,
/// told at once. Out of line, so as not to take registers from the
/// loop over the lines, which calls memchr.
#[inline(never)]
fn runs_of_lines(bytes: &[u8], lines: &[Span], runs: &mut Vec<Span>) {
    runs.reserve(lines.len());
    let Some((&first, rest)) = lines.split_first() else {
        return;
    };
    let mut run = first;
    for &line in rest {
        let between = &bytes[run.end..line.start];
        let parted = match *between {
            [_] => false,
            [a, b] => a == b'\n' && b == b'\n',
            _ => between.iter().filter(|&&b| b == b'\n').count() > 1,
        };
        if parted {
            runs.push(run);
            run = line;
        } else {
            run.end = line.end;
        }
    }
    runs.push(run);
}

/// `v` emptied, with its room, as a vector of `U`, a type of the same
/// size and alignment (`Tok` of another text): collecting the iterator
/// of a vector into another reuses its allocation (std's in-place
/// collection; tested in `recycle_keeps_the_room`). The vectors that
/// one call of `Extractor::extract` fills are left so to the next (see
/// `attribute::Scratch`), when their elements borrow from the text.
pub(crate) fn recycle<T, U>(v: Vec<T>) -> Vec<U> {
    v.into_iter().filter_map(|_| None).collect()
}

/// Makes `v` `n` copies of `value` (a zero, a `false`): in place when
/// its room holds them, else as a new vector from `vec!`, which asks the
/// allocator for zeroed memory (`calloc`, which writes nothing to memory
/// fresh from the system): the first call of an extractor fills its
/// tables as fast as before their room was reused (writing the zeros of
/// the name tables of `distinct-names` cost it 0.4% more).
pub(crate) fn fill<T: Clone>(v: &mut Vec<T>, n: usize, value: T) {
    if v.capacity() < n {
        *v = vec![value; n];
    } else {
        v.clear();
        v.resize(n, value);
    }
}

/// Whether `bytes`, valid UTF-8, has more than `n` chars (as
/// `str::chars` counts them): its bytes but the continuation ones
/// (`0x80..=0xBF`) are counted in blocks of 128 bytes with a byte
/// counter a block, which the compiler vectorises
/// (`str::chars().count()` reads a word at a time), until more than
/// `n` are: a line of news is told long by its first block.
#[inline(never)]
fn more_chars_than(bytes: &[u8], n: usize) -> bool {
    let mut count = 0;
    for block in bytes.chunks(128) {
        let mut k = 0u8;
        for &b in block {
            k += u8::from(b & 0xC0 != 0x80);
        }
        count += usize::from(k);
        if count > n {
            return true;
        }
    }
    false
}

/// memchr's AVX2 search for `\n`, made once, where the machine has AVX2
/// (`memchr` picks its search again at each call, which costs about as
/// much as the search itself on a line of news).
#[cfg(target_arch = "x86_64")]
fn avx2_newline() -> Option<&'static memchr::arch::x86_64::avx2::memchr::One> {
    use memchr::arch::x86_64::avx2::memchr::One;
    static NEWLINE: std::sync::OnceLock<Option<One>> =
        std::sync::OnceLock::new();
    NEWLINE.get_or_init(|| One::new(b'\n')).as_ref()
}

/// `line`, the bytes of `text` from `start` (up to a `\n` or the end),
/// without white space at either end (as [`str::trim`]), as a span. A
/// line whose first byte starts no white
/// space char and whose last byte ends none (nearly every line, `“`
/// and `”` at its ends too) is told so by those two bytes (see
/// [`SPACE_EDGE`]); other lines are trimmed by [`trimmed_ends`].
#[inline(always)]
fn trimmed(text: &str, start: usize, line: &[u8]) -> Span {
    let end = start + line.len();
    if let (Some(&first), Some(&last)) = (line.first(), line.last())
        && SPACE_EDGE[usize::from(first)] & SPACE_FIRST == 0
        && SPACE_EDGE[usize::from(last)] & SPACE_LAST == 0
    {
        return Span::new(start, end);
    }
    trimmed_ends(text, start, end)
}

/// The bit of [`SPACE_EDGE`] for a byte that may start a white-space
/// char.
const SPACE_FIRST: u8 = 1;

/// The bit of [`SPACE_EDGE`] for a byte that may end a white-space char.
const SPACE_LAST: u8 = 2;

/// For each byte, whether it may be the first byte of a white-space
/// char ([`SPACE_FIRST`]) and whether it may be the last
/// ([`SPACE_LAST`]): the ASCII white space is both, and the other
/// white-space chars (`char::is_whitespace`'s: U+0085, U+00A0, U+1680,
/// U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F and U+3000; tested
/// for every char in `space_edges_hold_every_white_space_char`) start
/// with 0xC2, 0xE1, 0xE2 or 0xE3 and end with one of sixteen bytes. A
/// byte without the bit is no edge of white space; one with it may be,
/// and the char is then decoded. `“` starts as some white space does,
/// but `”` ends as none does.
static SPACE_EDGE: [u8; 256] = {
    let mut t = [0u8; 256];
    let ascii = [b'\t', b'\n', 0x0B, 0x0C, b'\r', b' '];
    let mut i = 0;
    while i < ascii.len() {
        t[ascii[i] as usize] = SPACE_FIRST | SPACE_LAST;
        i += 1;
    }
    let firsts = [0xC2, 0xE1, 0xE2, 0xE3];
    let mut i = 0;
    while i < firsts.len() {
        t[firsts[i]] |= SPACE_FIRST;
        i += 1;
    }
    let lasts = [0xA0, 0x9F, 0xA8, 0xA9, 0xAF];
    let mut i = 0;
    while i < lasts.len() {
        t[lasts[i]] |= SPACE_LAST;
        i += 1;
    }
    // The last bytes of U+0085, U+1680, U+2000 to U+200A and U+3000.
    let mut b = 0x80;
    while b <= 0x8A {
        t[b] |= SPACE_LAST;
        b += 1;
    }
    t
};

/// `text[start..end]` without white space at either end, as
/// [`trimmed`] has it, read char by char from each end.
fn trimmed_ends(text: &str, start: usize, end: usize) -> Span {
    let bytes = text.as_bytes();
    let (mut s, mut e) = (start, end);
    while let Some(&b) = bytes[..e].get(s)
        && let Some(len) = space_len(b, || text[s..e].chars().next())
    {
        s += len;
    }
    while e > s
        && let Some(len) =
            space_len(bytes[e - 1], || text[s..e].chars().next_back())
    {
        e -= len;
    }
    Span::new(s, e)
}

/// The length of the white-space char that starts (or ends) with byte
/// `b`, if it is one: ASCII chars (nearly all at a line's ends) are
/// told by their byte, and only other chars are decoded, by `decode`.
#[inline]
fn space_len(b: u8, decode: impl FnOnce() -> Option<char>) -> Option<usize> {
    if b.is_ascii() {
        (BYTE_CLASS[usize::from(b)] == SPACE).then_some(1)
    } else {
        decode().filter(|c| c.is_whitespace()).map(char::len_utf8)
    }
}

/// Calls `f` with `word` lowercased (as [`str::to_lowercase`]), without
/// allocating when the word is short and ASCII, as almost every word is,
/// or ASCII but for chars that are their own lowercase (`Trump’s`):
/// for lookups in lowercase word lists, done for many words of every
/// text.
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most words looked up are lowercase already: they are their own
    // lowercase form, with nothing to copy or to validate.
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(word);
    }
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() {
        // Copied and lowercased in one pass (no call to copy a slice of
        // variable length), the bytes OR-ed to tell whether all are
        // ASCII.
        let mut any = 0u8;
        for (d, &c) in buf.iter_mut().zip(word.as_bytes()) {
            any |= c;
            *d = c.to_ascii_lowercase();
        }
        // Only ASCII bytes changed, to ASCII bytes: this cannot fail.
        // A word with other chars (`Trump’s`) is lowercased so too when
        // each of those is its own lowercase form (as below), with no
        // copy made by `str::to_lowercase`.
        if let Ok(lower) = std::str::from_utf8(&buf[..word.len()])
            && (any.is_ascii() || is_own_lowercase(lower))
        {
            return f(lower);
        }
    }
    // A word of chars that are each their own lowercase form (`“`,
    // `—`, `l’État`'s tail) is its own lowercase form as well: no copy.
    // (`str::to_lowercase` maps each char by itself, but for `Σ`, which
    // is no lowercase form of itself.)
    if is_own_lowercase(word) {
        return f(word);
    }
    f(&word.to_lowercase())
}

/// Whether each char of `word` lowercased (as [`char::to_lowercase`])
/// is that char alone. Out of line: most words are told before.
#[inline(never)]
fn is_own_lowercase(word: &str) -> bool {
    word.chars().all(|c| {
        if c.is_ascii() {
            return !c.is_ascii_uppercase();
        }
        // General punctuation (`’`, `—`, `“`) has no case: told without
        // a search of the case tables.
        if is_punctuation(c) {
            return true;
        }
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    })
}

/// Splits `s` into words and punctuation, as `speaker::tokens` does,
/// calling `emit(start, end, is_word)` for each token, in order.
///
/// A word is a run of alphanumeric chars, joined across `'`, `’`, `-`,
/// `.` and `&` when a letter or digit follows (`O'Neill`, `U.S`); a
/// word followed by `.` takes it when `keeps_period(word)` says so
/// (`Sen.`); every other char but white space is a token of its own.
#[cfg(test)]
pub(crate) fn split_tokens(
    s: &str,
    keeps_period: impl Fn(&str) -> bool,
    mut emit: impl FnMut(usize, usize, bool),
) {
    split_tokens_by_kind(s, keeps_period, |start, end, kind| {
        emit(start, end, kind != TokenKind::Punct);
    });
}

/// What a token of [`split_tokens_by_kind`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A char that is no part of a word.
    Punct,
    /// A word of ASCII letters and nothing else (most words).
    Letters,
    /// Any other word: with a digit, a joiner, a period it keeps or a
    /// char that is not ASCII.
    Word,
}

/// [`split_tokens`], telling the words of nothing but ASCII letters
/// from other words: `emit(start, end, kind)` for each token, in order.
///
/// ASCII between words is classified by a table of byte classes, the
/// ASCII letters and digits of a word are skipped eight at a time (see
/// [`ascii_alphanumerics`]), and only other chars are decoded. Every
/// token is emitted from one place, so that `emit` is inlined here.
/// This runs on every byte of every text with a quotation.
#[inline]
pub(crate) fn split_tokens_by_kind(
    s: &str,
    keeps_period: impl Fn(&str) -> bool,
    mut emit: impl FnMut(usize, usize, TokenKind),
) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some((start, end, kind)) = next_token(s, i, &keeps_period) {
        emit(start, end, kind);
        // Most tokens are followed by one space: skipped at once.
        i = end + usize::from(bytes.get(end) == Some(&b' '));
    }
}

/// The first token of `s` at or after `i` (white space skipped), as
/// [`split_tokens_by_kind`] reads it: its start, end and kind.
#[inline(always)]
pub(crate) fn next_token(
    s: &str,
    mut i: usize,
    keeps_period: &impl Fn(&str) -> bool,
) -> Option<(usize, usize, TokenKind)> {
    let bytes = s.as_bytes();
    loop {
        let &b = bytes.get(i)?;
        let class = BYTE_CLASS[usize::from(b)];
        let start = i;
        let (end, kind) = if class & ALPHA != 0 {
            split_word(s, start, keeps_period)
        } else if class == SPACE {
            i += 1;
            continue;
        } else if class != WIDE {
            // A joiner with no word before it is a token of its own.
            (i + 1, TokenKind::Punct)
        } else {
            let c = s.get(i..)?.chars().next()?;
            let len = c.len_utf8();
            if is_alphanumeric(c) {
                split_word(s, start, keeps_period)
            } else if c.is_whitespace() {
                i += len;
                continue;
            } else {
                (i + len, TokenKind::Punct)
            }
        };
        return Some((start, end, kind));
    }
}

/// The `add` of a token of [`split_ascii_tokens`] none of whose words
/// [`LowerWords`] keeps (a mark, a number, a capitalised word). Any
/// other `add` is [`ADD_LETTERS`], [`ADD_RUNS`], or the [`pack_letters`]
/// key of the word (one to eight ASCII letters, the first lowercase),
/// which is at least `a`.
pub(crate) const ADD_NOTHING: u64 = 0;
/// Add the word as a word of more than eight ASCII letters, the first
/// lowercase (see [`LowerWords::add_word`]).
pub(crate) const ADD_LETTERS: u64 = 1;
/// Add the runs of letters of the word, ASCII letters joined by ASCII
/// joiners or `’` (`don't`, `U.S.`, `Obama’s`), as [`LowerWords::add_word`] adds those of
/// a [`TokenKind::Word`].
pub(crate) const ADD_RUNS: u64 = 2;

/// The `add` that [`split_ascii_tokens`] gives `the` (its bytes as a
/// little-endian number, as it packs a word of lowercase letters; a
/// word of other letters in other cases, `tHE`, has it too).
pub(crate) const THE_KEY: u64 = u64::from_le_bytes(*b"the\0\0\0\0\0");

/// Reads the tokens of `s` from `i` on while they are plain, as
/// [`split_tokens_by_kind`] reads them with `keeps_period`: `emit(start,
/// text, is_word, add)` for each, `text` being the token's text
/// (`&s[start..start + text.len()]`, or a string equal to it: a mark is
/// taken from [`ASCII_CHARS`] or [`GENERAL_PUNCTUATION`], with no char
/// boundary test) and `add` what [`LowerWords`] is to do with it (see
/// [`ADD_NOTHING`]). Returns where it stopped: at the
/// end of `s`, or at the start of a token (or of the white space before
/// one) it leaves to [`next_token`]: one with a char that is not ASCII
/// (but for the marks and spaces of [`general_punctuation`], a no-break
/// space, and a `’` that [`joined_letters`] reads), a word with a joiner
/// in it that is not ASCII letters joined by ASCII joiners or `’` (see
/// [`joined_letters`]), or a word of letters and digits.
///
/// `keeps_period` is asked only of a word of ASCII letters, digits,
/// joiners and `’` that starts with a capital and has a period after
/// it; it must keep no period after a word that starts with any other
/// byte, nor after a word with a digit (as `speaker::keeps_period` has
/// it: no listed word has one), as the word is then taken to have no
/// lowercase letters to add.
///
/// Each token is read from the eight bytes at its start, loaded as one
/// number (see [`ascii_alphanumerics`]); a word's key is made from
/// them. The commonest tokens (a word of one to seven letters with white
/// space or a mark after it, an ASCII mark) are read first, from the
/// text after the last token as a `&str`, so that they are sliced with
/// no test of a char boundary before them; `emit` is called from those
/// places and the general one, and should be marked `#[inline(always)]`.
/// This runs on every byte of every text with a quotation.
#[inline(always)]
pub(crate) fn split_ascii_tokens<'s>(
    s: &'s str,
    mut i: usize,
    keeps_period: impl Fn(&str) -> bool,
    mut emit: impl FnMut(usize, &'s str, bool, u64),
) -> usize {
    let bytes = s.as_bytes();
    // The text from the next token on (or the white space before it):
    // its start is a char boundary, so the tokens read at once are
    // sliced from it with no test of the byte before them.
    let Some(mut rest) = s.get(i..) else { return i };
    'tokens: loop {
        // Most tokens are a word of up to fifteen ASCII letters with white
        // space or a mark after it (`said `, `a,`), or an ASCII mark:
        // read at once (see `plain_token`), from the eight bytes at their
        // start, or the last few of the text with zeros after them.
        if let Some(&c) = rest.as_bytes().first_chunk::<8>() {
            let x = u64::from_le_bytes(c);
            if let Some(tail) = plain_token(s, rest, x, &mut emit) {
                rest = tail;
                continue 'tokens;
            }
        } else if let Some(&c) = bytes.last_chunk::<8>()
            && !rest.is_empty()
        {
            let x = u64::from_le_bytes(c) >> (8 * (8 - rest.len()));
            if let Some(tail) = plain_token(s, rest, x, &mut emit) {
                rest = tail;
                continue 'tokens;
            }
        }
        i = s.len() - rest.len();
        let Some(x) = chunk_at(bytes, i) else { return i };
        // The token's text, whether it is a word, what to add, and where
        // the next may start.
        let class = BYTE_CLASS[usize::from(x as u8)];
        let (text, is_word, add, next) = 'token: {
            if class & ALPHA == 0 {
                match class {
                    SPACE => {
                        i += 1;
                        let Some(tail) = s.get(i..) else { return i };
                        rest = tail;
                        continue 'tokens;
                    }
                    WIDE => match general_punctuation(x) {
                        // Curly quotes and dashes are marks of their own;
                        // white space is skipped, a no-break space too;
                        // other chars are left to `next_token`.
                        None => {
                            if x & 0xFFFF != 0xA0C2 {
                                return i;
                            }
                            i += 2;
                            let Some(tail) = s.get(i..) else { return i };
                            rest = tail;
                            continue 'tokens;
                        }
                        Some(true) => {
                            i += 3;
                            let Some(tail) = s.get(i..) else { return i };
                            rest = tail;
                            continue 'tokens;
                        }
                        Some(false) => {
                            let space = usize::from((x >> 24) as u8 == b' ');
                            let mark = GENERAL_PUNCTUATION
                                [((x >> 16) & 0x3F) as usize];
                            (mark, false, ADD_NOTHING, i + 3 + space)
                        }
                    },
                    // A joiner with no word before it is a token of its own.
                    // Most tokens are followed by one space: skipped at once.
                    _ => {
                        let space = usize::from((x >> 8) as u8 == b' ');
                        let mark = ASCII_CHARS[usize::from(x as u8 & 0x7F)];
                        (mark, false, ADD_NOTHING, i + 1 + space)
                    }
                }
            } else {
                // The eight bytes where the word ends, where they start, the
                // high bit of every byte in them that is no letter or digit
                // (the lowest is the first), whether the word has a digit,
                // and whether it is to be left to `next_token` for having
                // letters too (see below).
                let (y, at, stop, digit, mixed) = 'end: {
                    // Most words are letters: the bytes are first read as
                    // letters or not, and as letters and digits only when
                    // a digit is in the word (or starts it).
                    if class == ALPHA {
                        let mut stop = !ascii_letters(x) & HIGH_BITS;
                        // A word of one letter with white space or a mark
                        // after it (`"a" `, `I,`) is read on its own.
                        if stop & 0x8000 != 0
                            && let Some((text, add, next)) = one_letter(x, i)
                        {
                            break 'token (text, true, add, next);
                        }
                        let (mut y, mut at) = (x, i);
                        while stop == 0 {
                            at += 8;
                            y = chunk_at(bytes, at).unwrap_or(0);
                            stop = !ascii_letters(y) & HIGH_BITS;
                        }
                        let k = stop.trailing_zeros() as usize / 8;
                        if !((y >> (8 * k)) as u8).is_ascii_digit() {
                            break 'end (y, at, stop, 0, false);
                        }
                    }
                    let (alnum, digits) = ascii_alphanumerics(x);
                    // The high bit of every byte that is no letter or
                    // digit; the lowest is the first.
                    let mut stop = !alnum & HIGH_BITS;
                    let (mut y, mut at) = (x, i);
                    let (mut digit, mut last_digits) = (0, digits);
                    // A word of eight bytes or more: on eight at a time
                    // (zeros past the end of the text end it there).
                    while stop == 0 {
                        digit |= last_digits;
                        at += 8;
                        y = chunk_at(bytes, at).unwrap_or(0);
                        let (alnum, digits) = ascii_alphanumerics(y);
                        last_digits = digits;
                        stop = !alnum & HIGH_BITS;
                    }
                    // The high bits of the bytes of `y` before the word's
                    // end.
                    let before = ((stop & stop.wrapping_neg()) >> 7) - 1;
                    digit |= last_digits & before;
                    let mixed = at != i || alnum & !digits & before != 0;
                    (y, at, stop, digit, mixed)
                };
                // The high bits of the bytes of `y` before the word's end.
                let before = ((stop & stop.wrapping_neg()) >> 7) - 1;
                let k = stop.trailing_zeros() as usize / 8;
                let end = at + k;
                // The byte after the word.
                let next = (y >> (8 * k)) as u8;
                let class = BYTE_CLASS[usize::from(next)];
                let lower = (x as u8).is_ascii_lowercase();
                if class & (JOINER | WIDE) != 0 {
                    // A joiner joins a letter or digit after it (and maybe a
                    // char that is not ASCII); a word may keep a period.
                    let after = match k {
                        0..=6 => (y >> (8 * k + 8)) as u8,
                        _ => bytes.get(end + 1).copied().unwrap_or(0),
                    };
                    // The last byte of the joiner after the word, when it
                    // joins a letter after it to the word (`'` in `don't`,
                    // `’` in `Obama’s`); a curly quote, a dash or a
                    // no-break space ends the word.
                    let joiner = if class == WIDE {
                        match wide_after_word(bytes, end) {
                            Some(true) => None,
                            Some(false) => Some(end + 2),
                            None => return i,
                        }
                    } else if !after.is_ascii()
                        && mark_or_space_at(bytes, end + 1)
                    {
                        // A joiner before a curly quote (`out.”`) joins
                        // nothing.
                        None
                    } else if !after.is_ascii()
                        || BYTE_CLASS[usize::from(after)] & ALPHA != 0
                    {
                        if !after.is_ascii_alphabetic() {
                            return i;
                        }
                        Some(end)
                    } else {
                        None
                    };
                    if let Some(joiner) = joiner {
                        // Letters joined by joiners to letters (`don't`,
                        // `U.S.`) are read on, out of line.
                        if digit == 0
                            && let Some(e) =
                                joined_letters(s, i, joiner, &keeps_period)
                            && let Some(word) = s.get(i..e)
                        {
                            let space =
                                usize::from(bytes.get(e) == Some(&b' '));
                            break 'token (word, true, ADD_RUNS, e + space);
                        }
                        return i;
                    }
                    if next == b'.' && (x as u8).is_ascii_uppercase() {
                        let Some(word) = s.get(i..end) else { return i };
                        if keeps_period(word) {
                            // No lowercase word in it (see above): nothing to add.
                            let space = usize::from(after == b' ');
                            let Some(word) = s.get(i..end + 1) else {
                                return i;
                            };
                            break 'token (
                                word,
                                true,
                                ADD_NOTHING,
                                end + 1 + space,
                            );
                        }
                    }
                }
                let add = if digit != 0 {
                    // A number has no letters to add; a word of letters and
                    // digits is left to `next_token`.
                    if mixed {
                        return i;
                    }
                    ADD_NOTHING
                } else if !lower {
                    ADD_NOTHING
                } else if at == i {
                    // ASCII letters are lowercased by setting bit 5.
                    (x | 0x2020_2020_2020_2020) & before
                } else if at == i + 8 && k == 0 {
                    x | 0x2020_2020_2020_2020
                } else {
                    ADD_LETTERS
                };
                let Some(word) = s.get(i..end) else { return i };
                (word, true, add, end + usize::from(next == b' '))
            }
        };
        emit(i, text, is_word, add);
        i = next;
        let Some(tail) = s.get(i..) else { return i };
        rest = tail;
    }
}

/// The token at the start of `rest`, the end of `s` (a char boundary),
/// when it is one that [`split_ascii_tokens`] reads at once, as its
/// general reading has it: a word of up to fifteen ASCII letters that
/// [`word_ends`] ends, or an ASCII mark; `emit` as there, and the text
/// after it (and the one space after it). `x` is the eight bytes at the
/// start of `rest`, with zeros past the end of the text. In line at
/// each call, so that what is known of `rest`'s length at each is used.
#[inline(always)]
fn plain_token<'s>(
    s: &'s str,
    rest: &'s str,
    x: u64,
    emit: &mut impl FnMut(usize, &'s str, bool, u64),
) -> Option<&'s str> {
    let class = BYTE_CLASS[usize::from(x as u8)];
    let start = s.len() - rest.len();
    if class == ALPHA {
        let stop = !ascii_letters(x) & HIGH_BITS;
        if stop != 0 {
            let k = stop.trailing_zeros() as usize / 8;
            let next = rest.as_bytes().get(k).copied().unwrap_or(0);
            if next.is_ascii()
                && word_ends(rest.as_bytes(), k, next)
                && let Some((word, tail)) = rest.split_at_checked(k)
            {
                // The bytes of the word, as a mask.
                let before = ((stop & stop.wrapping_neg()) >> 7) - 1;
                // `emit` is called (in line) on each branch, so that what
                // it does with each `add` is chosen here, once.
                if (x as u8).is_ascii_lowercase() {
                    emit(start, word, true, (x | splat(0x20)) & before);
                } else {
                    emit(start, word, true, ADD_NOTHING);
                }
                return Some(tail.strip_prefix(' ').unwrap_or(tail));
            }
            // Letters joined by a joiner to letters (`don't`, `it's`),
            // eight bytes at most.
            if let Some(m) = joined_pair(rest.as_bytes(), x, stop, k)
                && let Some((word, tail)) = rest.split_at_checked(m)
            {
                emit(start, word, true, ADD_RUNS);
                return Some(tail.strip_prefix(' ').unwrap_or(tail));
            }
        } else if let Some(&d) =
            rest.as_bytes().get(8..).and_then(<[u8]>::first_chunk::<8>)
        {
            // A word of eight to fifteen letters.
            let stop = !ascii_letters(u64::from_le_bytes(d)) & HIGH_BITS;
            let k = 8 + stop.trailing_zeros() as usize / 8;
            let next = rest.as_bytes().get(k).copied().unwrap_or(0);
            if stop != 0
                && next.is_ascii()
                && word_ends(rest.as_bytes(), k, next)
                && let Some((word, tail)) = rest.split_at_checked(k)
            {
                // `emit` on each branch, as above.
                if !(x as u8).is_ascii_lowercase() {
                    emit(start, word, true, ADD_NOTHING);
                } else if k == 8 {
                    emit(start, word, true, x | splat(0x20));
                } else {
                    emit(start, word, true, ADD_LETTERS);
                }
                return Some(tail.strip_prefix(' ').unwrap_or(tail));
            }
        }
    } else if class & (JOINER | PUNCT) != 0 {
        // A joiner with no word before it is a token of its own.
        let mark = ASCII_CHARS[usize::from(x as u8 & 0x7F)];
        let space = usize::from((x >> 8) as u8 == b' ');
        if let Some(tail) = rest.get(1 + space..) {
            emit(start, mark, false, ADD_NOTHING);
            return Some(tail);
        }
    }
    None
}

/// The length of the token at the start of `b` when it is two runs of
/// ASCII letters joined by one ASCII joiner (`don't`, `it's`), all in
/// its first eight bytes `x` (zeros past the end of the text), with
/// nothing more to ask after it (see [`word_ends`]): the token that
/// [`split_ascii_tokens`]'s general reading makes with
/// [`joined_letters`], whose runs of letters are to be added
/// ([`ADD_RUNS`]). `stop` is the high bit of every byte of `x` that is
/// no letter, the first at `k`, and `x` starts with a letter. Out of
/// line, so that the reading of plain words is not made dearer.
#[inline(never)]
fn joined_pair(b: &[u8], x: u64, stop: u64, k: usize) -> Option<usize> {
    let joiner = (x >> (8 * k)) as u8;
    // The bytes that are no letter after the joiner: the first ends the
    // second run, which is to have a letter, in the eight bytes.
    let after = stop & (stop - 1);
    let m = after.trailing_zeros() as usize / 8;
    if BYTE_CLASS[usize::from(joiner)] != JOINER || after == 0 || m == k + 1 {
        return None;
    }
    let next = b.get(m).copied().unwrap_or(0);
    (next.is_ascii() && word_ends(b, m, next)).then_some(m)
}

/// Whether a word of ASCII letters that ends before byte `k` of `b`,
/// `next`, ends a token there as [`split_ascii_tokens`] reads it, with
/// nothing more to ask: white space or a mark after it, or a joiner
/// that joins nothing after it (but for a period after a capital, which
/// `keeps_period` may keep).
#[inline(always)]
fn word_ends(b: &[u8], k: usize, next: u8) -> bool {
    let class = BYTE_CLASS[usize::from(next)];
    // White space or a mark (`SPACE` is 0): one test for both, the
    // commonest bytes after a word.
    if class | PUNCT == PUNCT {
        return true;
    }
    match class {
        JOINER => {
            let after = b.get(k + 1).copied().unwrap_or(0);
            after.is_ascii()
                && BYTE_CLASS[usize::from(after)] & ALPHA == 0
                && !(next == b'.'
                    && b.first().is_some_and(u8::is_ascii_uppercase))
        }
        _ => false,
    }
}

/// Where the word of [`split_tokens_by_kind`] that starts at `i` ends,
/// when it is ASCII letters joined by ASCII joiners or `’` (`don't`,
/// `U.S.`, `e-mail`, `Obama’s`), given that `end` is the last byte of a
/// joiner with a letter after it, and letters alone run from `i` to the
/// joiner; `None` for any other word (a digit or a char that is not
/// ASCII after a joiner or in a run of letters, but for a `’` before a
/// letter), which is left to [`next_token`]. The word ends at white
/// space, a mark, a joiner that joins nothing, or a char that
/// [`wide_after_word`] says ends it. A period after the word is kept
/// when `keeps_period` says so, as [`split_word`] keeps it.
#[inline(never)]
fn joined_letters(
    s: &str,
    i: usize,
    mut end: usize,
    keeps_period: &impl Fn(&str) -> bool,
) -> Option<usize> {
    let bytes = s.as_bytes();
    let letter = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphabetic);
    // `end` is at the last byte of a joiner with a letter after it.
    loop {
        end += 1;
        while letter(end) {
            end += 1;
        }
        let Some(&b) = bytes.get(end) else { return Some(end) };
        match BYTE_CLASS[usize::from(b)] {
            JOINER => match bytes.get(end + 1) {
                Some(c) if c.is_ascii_alphabetic() => {}
                Some(&c) if !c.is_ascii() || c.is_ascii_digit() => {
                    return None;
                }
                _ => {
                    let keeps = b == b'.'
                        && bytes.get(i).is_some_and(u8::is_ascii_uppercase)
                        && keeps_period(s.get(i..end)?);
                    return Some(end + usize::from(keeps));
                }
            },
            // A `’` before a letter joins it (`end` is then at its last
            // byte); other chars are read as after a word of letters.
            WIDE => match wide_after_word(bytes, end) {
                Some(true) => return Some(end),
                Some(false) => end += 2,
                None => return None,
            },
            DIGIT => return None,
            _ => return Some(end),
        }
    }
}

/// What the char that is not ASCII at byte `at` of `bytes`, after a
/// word of ASCII letters, does there, as [`split_word`] reads it, told
/// from the eight bytes at its start: `Some(true)` when it ends the
/// word, as a char of U+2000 to U+203F does (a curly quote, a dash: none
/// is alphanumeric; see [`general_punctuation`]) but for a `’` before a
/// letter or digit, and as a no-break space does; `Some(false)` for a
/// `’` before an ASCII letter, which joins that letter to the word
/// (`Obama’s`); `None` for any other char, left to [`next_token`]. Out
/// of line, so that the reading of other words is not made dearer.
#[inline(never)]
fn wide_after_word(bytes: &[u8], at: usize) -> Option<bool> {
    let z = chunk_at(bytes, at)?;
    if z & 0xFFFF == 0xA0C2 {
        return Some(true);
    }
    if z & 0xC0_FFFF != 0x80_80E2 {
        return None;
    }
    if (z >> 16) as u8 != 0x99 {
        return Some(true);
    }
    let after = (z >> 24) as u8;
    if after.is_ascii_alphabetic() {
        Some(false)
    } else if after.is_ascii_digit() || !after.is_ascii() {
        None
    } else {
        Some(true)
    }
}

/// Whether the char at byte `at` of `bytes` is one of U+2000 to U+203F
/// (a curly quote, a dash; see [`general_punctuation`]) or a no-break
/// space, none of which is alphanumeric: a joiner before it joins
/// nothing (`out.”`). Out of line, so that the reading of other words
/// is not made dearer.
#[inline(never)]
fn mark_or_space_at(bytes: &[u8], at: usize) -> bool {
    chunk_at(bytes, at)
        .is_some_and(|z| z & 0xC0_FFFF == 0x80_80E2 || z & 0xFFFF == 0xA0C2)
}

/// The token of [`split_ascii_tokens`] at `i`, where `x` (the eight
/// bytes from `i`) starts with an ASCII letter and no letter follows it,
/// when it is that letter alone, with white space or a mark after it
/// (`"a" `, `I,`), as it is in a text of short quotes: its text (from
/// [`ASCII_CHARS`], with no slice of the text made), what to add, and
/// where the next token may start. Out of line, so that the reading of
/// longer words is not made dearer.
#[inline(never)]
fn one_letter(x: u64, i: usize) -> Option<(&'static str, u64, usize)> {
    let c = x as u8;
    let next = (x >> 8) as u8;
    let after = (x >> 16) as u8;
    let ends = match BYTE_CLASS[usize::from(next)] {
        SPACE | PUNCT => true,
        // A joiner that joins nothing, and no period that a capital
        // keeps.
        JOINER => {
            BYTE_CLASS[usize::from(after)] & (ALPHA | WIDE) == 0
                && !(next == b'.' && c.is_ascii_uppercase())
        }
        _ => false,
    };
    if !ends {
        return None;
    }
    let add = if c.is_ascii_lowercase() { u64::from(c) } else { ADD_NOTHING };
    let space = usize::from(next == b' ');
    Some((ASCII_CHARS[usize::from(c & 0x7F)], add, i + 1 + space))
}

/// Each ASCII char as a string of its own, by its byte: the text of a
/// token of one ASCII mark, taken without the char boundary tests of a
/// slice of the text.
static ASCII_CHARS: [&str; 128] = {
    static BYTES: [u8; 128] = {
        let mut b = [0; 128];
        let mut k = 0;
        while k < 128 {
            b[k] = k as u8;
            k += 1;
        }
        b
    };
    let mut t = [""; 128];
    let mut k = 0;
    while k < 128 {
        let (one, _) = BYTES.split_at(k + 1).0.split_at(k).1.split_at(1);
        t[k] = match std::str::from_utf8(one) {
            Ok(c) => c,
            Err(_) => panic!("ASCII is UTF-8"),
        };
        k += 1;
    }
    t
};

/// Each char of U+2000 to U+203F (see [`general_punctuation`]) as a
/// string of its own, by the low six bits of its last byte: the text of
/// a token of one such mark (a curly quote, a dash), taken without the
/// char boundary tests of a slice of the text.
static GENERAL_PUNCTUATION: [&str; 64] = {
    static BYTES: [[u8; 3]; 64] = {
        let mut b = [[0; 3]; 64];
        let mut k = 0;
        while k < 64 {
            b[k] = [0xE2, 0x80, 0x80 | k as u8];
            k += 1;
        }
        b
    };
    let mut t = [""; 64];
    let mut k = 0;
    while k < 64 {
        t[k] = match std::str::from_utf8(&BYTES[k]) {
            Ok(c) => c,
            Err(_) => panic!("U+2000 to U+203F are chars"),
        };
        k += 1;
    }
    t
};

/// Whether the char that starts eight bytes of a text (read
/// little-endian into `x`) is white space, if it is one of U+2000 to
/// U+203F (General Punctuation: curly quotes, dashes, spaces), whose
/// UTF-8 is `E2 80` and a third byte: none is a letter or a digit (see
/// [`is_punctuation`]), and the white space among them is U+2000 to
/// U+200A, U+2028, U+2029 and U+202F (as [`char::is_whitespace`] has
/// it). `None` for any other char.
#[inline(always)]
fn general_punctuation(x: u64) -> Option<bool> {
    if x & 0xC0_FFFF != 0x80_80E2 {
        return None;
    }
    let low = (x >> 16) & 0x3F;
    Some(matches!(low, 0x00..=0x0A | 0x28 | 0x29 | 0x2F))
}

/// The eight bytes of `bytes` from `i` as one number (little-endian),
/// with zeros for those past the end; `None` when `i` is at or past the
/// end, or `bytes` has fewer than eight. A zero byte ends a word and
/// joins none, as the end of the text does, so a token read from these
/// bytes is the one the text has; tokens start only before the end.
#[inline(always)]
fn chunk_at(bytes: &[u8], i: usize) -> Option<u64> {
    match bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        Some(&x) => Some(u64::from_le_bytes(x)),
        None => {
            // The last eight bytes, shifted down past the one to seven
            // before `i`.
            let n = bytes.len();
            let &x = bytes.last_chunk::<8>().filter(|_| i < n)?;
            Some(u64::from_le_bytes(x) >> (8 * (i + 8 - n)))
        }
    }
}

/// The word of [`split_tokens_by_kind`] that starts at `start` with an
/// alphanumeric char: where it ends (after the period it keeps) and
/// its kind.
#[inline(always)]
fn split_word(
    s: &str,
    start: usize,
    keeps_period: &impl Fn(&str) -> bool,
) -> (usize, TokenKind) {
    let bytes = s.as_bytes();
    // Whether the char at `i` is alphanumeric.
    let alphanumeric_at = |i: usize| match bytes.get(i) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => s[i..].chars().next().is_some_and(is_alphanumeric),
        None => false,
    };
    // The classes of the bytes of the word so far, OR-ed together:
    // `ALPHA` alone for a word of ASCII letters. The first char is
    // alphanumeric: `ALPHA` stands for it (a char that is not ASCII
    // adds `WIDE` below, as it is read again).
    let mut seen = ALPHA;
    let kind = |seen: u8| {
        if seen == ALPHA { TokenKind::Letters } else { TokenKind::Word }
    };
    let mut i = start;
    loop {
        'letters: {
            // Eight bytes at a time while eight are left, then byte by
            // byte.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
                let (alnum, digits) =
                    ascii_alphanumerics(u64::from_le_bytes(chunk));
                // The high bit of every byte that is not a letter or a
                // digit; the lowest is the first.
                let stop = !alnum & HIGH_BITS;
                if stop == 0 {
                    if digits != 0 {
                        seen |= DIGIT;
                    }
                    i += 8;
                    continue;
                }
                // The digits below the first such byte.
                if digits & (stop - 1) != 0 {
                    seen |= DIGIT;
                }
                i += stop.trailing_zeros() as usize / 8;
                break 'letters;
            }
            while let Some(&b) = bytes.get(i) {
                let class = BYTE_CLASS[usize::from(b)];
                if class & ALPHA == 0 {
                    break;
                }
                seen |= class;
                i += 1;
            }
        }
        let Some(&b) = bytes.get(i) else {
            return (i, kind(seen));
        };
        match BYTE_CLASS[usize::from(b)] {
            JOINER if alphanumeric_at(i + 1) => {
                seen |= JOINER;
                i += 1;
            }
            WIDE => {
                let Some(c) = s[i..].chars().next() else { break };
                let len = c.len_utf8();
                if is_alphanumeric(c) || (c == '’' && alphanumeric_at(i + len))
                {
                    seen |= WIDE;
                    i += len;
                } else {
                    break;
                }
            }
            _ => {
                if b == b'.' && keeps_period(&s[start..i]) {
                    return (i + 1, TokenKind::Word);
                }
                break;
            }
        }
    }
    (i, kind(seen))
}

/// Whether `c` is in Unicode's General Punctuation block (curly quotes,
/// dashes, ellipses, spaces), none of which is a letter or a digit: the
/// chars not ASCII that news has most, told without the tables of
/// [`char::is_alphanumeric`] (a few hundred instructions a char).
#[inline]
fn is_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// [`char::is_alphanumeric`], told at once for [`is_punctuation`].
#[inline]
fn is_alphanumeric(c: char) -> bool {
    !is_punctuation(c) && c.is_alphanumeric()
}

/// Whether the char at byte `i` of `text` (`before`: the char before
/// it) is part of a word: an alphanumeric char, `-` or `_`.
pub(crate) fn is_word_char(text: &str, i: usize, before: bool) -> bool {
    // An ASCII byte is a char of its own, and a char boundary on
    // either side.
    let byte = if before {
        i.checked_sub(1).and_then(|k| text.as_bytes().get(k))
    } else {
        text.as_bytes().get(i)
    };
    if let Some(&b) = byte
        && b.is_ascii()
    {
        return b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    }
    let c = if before {
        text.get(..i).and_then(|s| s.chars().next_back())
    } else {
        text.get(i..).and_then(|s| s.chars().next())
    };
    c.is_some_and(|c| is_alphanumeric(c) || c == '-' || c == '_')
}

/// A byte repeated in each of the eight bytes of a `u64`.
pub(crate) const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The high bit of each byte of `v` from `lo` to `hi` (`lo` at least 1,
/// `hi` at most `0x7f`), where `v`'s high bits are clear: adding
/// `0x80 - lo` to a byte sets its high bit when it is `lo` or more, and
/// adding `0x7f - hi` when it is past `hi`, with no carry into the next
/// byte. (Bytes with their high bit set give bits of no meaning, which
/// callers mask or answer without.)
#[inline(always)]
pub(crate) fn bytes_in_range(v: u64, lo: u8, hi: u8) -> u64 {
    v.wrapping_add(splat(0x80 - lo)) & !v.wrapping_add(splat(0x7f - hi))
}

/// The high bit of each byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = splat(0x80);

/// The high bit of each byte of `x` that is `b`, told exactly (a byte
/// of `x ^ splat(b)` is zero just there: its low seven bits carry into
/// the high bit when any is set, and the high bit is its own).
#[inline(always)]
pub(crate) fn bytes_equal(x: u64, b: u8) -> u64 {
    let y = x ^ splat(b);
    !(((y & !HIGH_BITS) + !HIGH_BITS) | y) & HIGH_BITS
}

/// Which of eight bytes (read little-endian into `x`) are ASCII letters
/// or digits, and which are ASCII digits: the high bit of each such
/// byte, as two masks.
///
/// Each test is an addition that carries into a byte's high bit just
/// when the byte is at least some value; the bytes are first cut to
/// seven bits, so that no addition carries into the next byte, and the
/// bytes that had the high bit (not ASCII) are left out at the end.
/// Setting bit 5 folds `A`..=`Z` onto `a`..=`z` and moves no other byte
/// into that range.
#[inline(always)]
pub(crate) fn ascii_alphanumerics(x: u64) -> (u64, u64) {
    let low = x & splat(0x7f);
    let ascii = !x & HIGH_BITS;
    let folded = low | splat(0x20);
    let letters =
        (folded + splat(0x80 - b'a')) & !(folded + splat(0x80 - b'{'));
    let digits = (low + splat(0x80 - b'0')) & !(low + splat(0x80 - b':'));
    ((letters | digits) & ascii, digits & ascii)
}

/// Which of eight bytes (read little-endian into `x`) are ASCII
/// letters: the high bit of each, as the first mask of
/// [`ascii_alphanumerics`] has it for letters, in fewer steps.
#[inline(always)]
fn ascii_letters(x: u64) -> u64 {
    let folded = (x & splat(0x7f)) | splat(0x20);
    (folded + splat(0x80 - b'a'))
        & !(folded + splat(0x80 - b'{'))
        & !x
        & HIGH_BITS
}

/// The classes of bytes for [`split_tokens_by_kind`]: ASCII white space
/// (as [`char::is_whitespace`] has it), ASCII letters, ASCII digits, the
/// ASCII chars that join a word (`'`, `-`, `.`, `&`), other ASCII, and
/// the bytes of other chars. The classes of letters and digits, and
/// only they, have the bit `ALPHA`; every class but `ALPHA` has some
/// other bit, so a word whose classes OR to `ALPHA` is all letters.
const SPACE: u8 = 0;
const ALPHA: u8 = 1;
const DIGIT: u8 = ALPHA | 2;
const JOINER: u8 = 4;
const PUNCT: u8 = 8;
const WIDE: u8 = 16;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => ALPHA,
            b'0'..=b'9' => DIGIT,
            b'\'' | b'-' | b'.' | b'&' => JOINER,
            _ => PUNCT,
        };
        b += 1;
    }
    t
};

/// The words a text writes in lowercase somewhere: every maximal run of
/// alphabetic chars that starts with a lowercase letter, kept in its
/// lowercase form.
///
/// Built in one pass over the bytes (ASCII letters tested as bytes, only
/// other chars decoded). Almost every word is short and ASCII: such a
/// word goes into a set of numbers, its lowercase bytes packed into a
/// `u64`, which costs a few instructions where hashing and comparing a
/// string cost a few hundred (this runs for every word of every text
/// with a quotation). Other words are kept as strings, borrowed from
/// the text unless lowercasing changes them (`iPhone`).
#[derive(Debug)]
pub(crate) struct LowerWords<'t> {
    /// The lowercase forms that are ASCII letters, at most twelve, by
    /// their [`word_key`].
    short: PackedSet,
    /// Whether `the` is in `short` (see [`LowerWords::add_the`]).
    the: bool,
    /// Every other lowercase form.
    long: HashSet<std::borrow::Cow<'t, str>, WordHash>,
}

impl<'t> LowerWords<'t> {
    /// The lowercase words of `text`.
    #[cfg(test)]
    pub(crate) fn new(text: &'t str) -> LowerWords<'t> {
        let mut words = LowerWords::with_capacity(text.len());
        words.add_runs(text);
        words
    }

    /// An empty set, sized for a text of `bytes` bytes.
    #[cfg(test)]
    pub(crate) fn with_capacity(bytes: usize) -> LowerWords<'t> {
        LowerWords::in_room(bytes, PackedSet::default())
    }

    /// An empty set, sized for a text of `bytes` bytes, in the room of
    /// `room`, the table of the last text (see [`LowerWords::into_room`]
    /// and `attribute::Scratch`): a new table, zeroed by `calloc`, cost
    /// 7,100 instructions a document of polnear (2.3% of the total),
    /// nearly all of them writing its zeros (8 KB for 4.7 KB of news).
    pub(crate) fn in_room(bytes: usize, room: PackedSet) -> LowerWords<'t> {
        // About one distinct short word in 14 to 18 bytes of the first
        // few kilobytes of a news article or a story, one new in 15 to
        // 20 up to some ten kilobytes (fiction has more), and fewer
        // further on (words recur): sized so that the set of an article
        // or a chapter rarely grows (growing zeroes a table twice the
        // size and fills it again).
        let short = bytes.min(4096) / 14
            + bytes.clamp(4096, 32768).saturating_sub(4096) / 20
            + bytes.saturating_sub(32768) / 128;
        LowerWords {
            short: room.reuse(short),
            the: false,
            long: HashSet::with_hasher(WordHash::new()),
        }
    }

    /// The table of the short words, for the next text's
    /// [`LowerWords::in_room`].
    pub(crate) fn into_room(self) -> PackedSet {
        self.short
    }

    /// Adds the words of a word token of the text, of the kind
    /// [`split_tokens_by_kind`] tells (see `speaker::tokens_append_words`).
    ///
    /// Every alphabetic char is in a word token, and two alphabetic
    /// chars next to each other are in the same one, so the words of a
    /// text are the words of its word tokens: a text is read once, for
    /// its tokens and its lowercase words together. Most tokens are
    /// nothing but ASCII letters, and are one word, which the tokenizer
    /// has said: such a token is not read again.
    #[inline]
    pub(crate) fn add_word(&mut self, token: &'t str, kind: TokenKind) {
        let b = token.as_bytes();
        if kind != TokenKind::Letters {
            self.add_runs(token);
        } else if b.first().is_some_and(u8::is_ascii_lowercase) {
            if b.len() <= 8 {
                self.short.insert(pack_letters(b));
            } else if b.len() <= 12 {
                self.short.insert(letters_key(b));
            } else {
                self.add(token, true);
            }
        }
    }

    /// Adds a word by its [`pack_letters`] key, nonzero, which the
    /// tokenizer made from the bytes it had loaded (see
    /// [`split_ascii_tokens`]).
    #[inline]
    pub(crate) fn add_key(&mut self, key: u64) {
        self.short.insert(key);
    }

    /// Adds `the`, the commonest word (one word in twenty of news), once:
    /// a test of a flag where finding it in the set again took some
    /// twenty instructions each time.
    #[inline]
    pub(crate) fn add_the(&mut self) {
        if !self.the {
            self.the = true;
            self.short.insert(THE_KEY);
        }
    }

    /// Adds every maximal run of alphabetic chars in `s` that starts
    /// with a lowercase letter.
    fn add_runs(&mut self, s: &'t str) {
        let bytes = s.as_bytes();
        // Most such tokens are short and ASCII (`don't`, `city's`), or
        // ASCII but for one char of U+2000 to U+203F (`it’s`), which is
        // no letter: their runs are found in their bytes loaded as one
        // number (where bytes that are not ASCII are no letters).
        if bytes.len() <= 8 {
            let x = load_short(bytes);
            let high = x & HIGH_BITS;
            // Where the first byte that is not ASCII is, as a shift.
            let at = high.trailing_zeros() & !7;
            if high == 0
                || (high == 0x80_8080 << at && (x >> at) & 0xFFFF == 0x80E2)
            {
                self.add_short_runs(x, bytes.len());
                return;
            }
        }
        // Most such tokens are ASCII (`don't`, `U.S.`, `2024`), or ASCII
        // but for chars of U+2000 to U+203F (`Obama’s`): their runs are
        // runs of ASCII letters, told by the byte.
        // They are read eight bytes at a time: a run that ends inside
        // its eight bytes is added by its key made from them, as
        // `add_short_runs` does; only a run that reaches the end of its
        // eight bytes (and may go on) is read byte by byte.
        if bytes.is_ascii() || ascii_or_general_punctuation(bytes) {
            let mut i = 0;
            while i < bytes.len() {
                let n = (bytes.len() - i).min(8);
                let x = bytes.get(i..i + n).map_or(0, load_short);
                let within =
                    if n >= 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
                let letters = ascii_letters(x) & within;
                if letters == 0 {
                    i += n;
                    continue;
                }
                let at = letters.trailing_zeros() as usize / 8;
                let len = (!(letters >> (8 * at)) & HIGH_BITS).trailing_zeros()
                    as usize
                    / 8;
                let start = i + at;
                i = start + len;
                if at + len < 8 || i >= bytes.len() {
                    let run =
                        if len >= 8 { u64::MAX } else { (1 << (8 * len)) - 1 };
                    let word = (x >> (8 * at)) & run;
                    if (word as u8).is_ascii_lowercase() {
                        // ASCII letters are lowercased by setting bit 5.
                        self.short
                            .insert(word | (0x2020_2020_2020_2020 & run));
                    }
                    continue;
                }
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                if bytes.get(start).is_some_and(u8::is_ascii_lowercase)
                    && let Some(word) = s.get(start..i)
                {
                    self.add(word, true);
                }
            }
            return;
        }
        // The char at `i`: whether it is alphabetic, lowercase, and its
        // length (ASCII without decoding).
        let class = |i: usize| match bytes[i] {
            b if b.is_ascii() => {
                (b.is_ascii_alphabetic(), b.is_ascii_lowercase(), 1)
            }
            _ => s[i..].chars().next().map_or((false, false, 1), |c| {
                let letter = !is_punctuation(c) && c.is_alphabetic();
                (letter, c.is_lowercase(), c.len_utf8())
            }),
        };
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii() && !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            let (alphabetic, lowercase, len) = class(i);
            i += len;
            if !alphabetic {
                continue;
            }
            let mut ascii = len == 1;
            while i < bytes.len() {
                if bytes[i].is_ascii_alphabetic() {
                    i += 1;
                } else if bytes[i].is_ascii() {
                    break;
                } else {
                    let (alphabetic, _, len) = class(i);
                    if !alphabetic {
                        break;
                    }
                    ascii = false;
                    i += len;
                }
            }
            if lowercase {
                self.add(&s[start..i], ascii);
            }
        }
    }

    /// [`LowerWords::add_runs`] for a token of `n` bytes, at most
    /// eight, ASCII but for chars that are no letters (their bytes, not
    /// ASCII, are read as no letters), loaded little-endian into `x`
    /// (zeros above them): each run of letters that starts with a
    /// lowercase one is added by its [`pack_letters`] key, made from `x`.
    fn add_short_runs(&mut self, x: u64, n: usize) {
        // The bytes of `b` bytes, as a mask (`b` at most eight).
        let bytes =
            |b: usize| if b >= 8 { u64::MAX } else { (1 << (8 * b)) - 1 };
        // The high bit of each letter of the token.
        let mut letters = ascii_letters(x) & bytes(n);
        while letters != 0 {
            let start = letters.trailing_zeros() as usize / 8;
            // The letters from the run's start on, shifted down to it: the
            // run ends at the first byte that is no letter.
            let from = letters >> (8 * start);
            let len = (!from & HIGH_BITS).trailing_zeros() as usize / 8;
            let run = bytes(len);
            let word = (x >> (8 * start)) & run;
            if (word as u8).is_ascii_lowercase() {
                // ASCII letters are lowercased by setting bit 5.
                self.short.insert(word | (0x2020_2020_2020_2020 & run));
            }
            letters &= !bytes(start + len);
        }
    }

    /// Adds one word; `ascii` says it is all ASCII letters.
    fn add(&mut self, word: &'t str, ascii: bool) {
        if ascii && word.len() <= 8 {
            self.short.insert(pack_letters(word.as_bytes()));
            return;
        }
        if ascii && word.len() <= 12 {
            self.short.insert(letters_key(word.as_bytes()));
            return;
        }
        // A longer word of ASCII letters, lowercase already (most:
        // `administration`), is its own lowercase form, with no key.
        if ascii && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.long.insert(std::borrow::Cow::Borrowed(word));
            return;
        }
        let LowerWords { short, long, .. } = self;
        with_lower(word, |lower| {
            if let Some(key) = word_key(lower) {
                short.insert(key);
            } else if lower == word {
                long.insert(std::borrow::Cow::Borrowed(word));
            } else if !long.contains(lower) {
                long.insert(std::borrow::Cow::Owned(lower.to_owned()));
            }
        });
    }

    /// Whether `word` lowercased (as [`with_lower`] has it) is one of
    /// the words: `with_lower(word, |l| self.contains_lowercased(l))`,
    /// with a word of one to twelve ASCII letters (a capitalised word of
    /// a name, mostly) lowercased as it is packed into its key, with no
    /// copy and no UTF-8 check.
    pub(crate) fn contains_any_case(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if let Some(short) = ShortWord::read(b) {
            if short.is_letters() {
                return self.short.contains(short.key());
            }
            // One with an ASCII byte that is no letter is told by the
            // same bytes (see below).
            if short.has_ascii_mark() {
                return false;
            }
        } else if let Some(key) = long_key_any_case(b) {
            return self.short.contains(key);
        }
        // A word with a char that is no letter (`U.S.`, `Trump’s`) keeps
        // it lowercased: it is none of the words, runs of letters.
        if has_ascii_or_general_punctuation(b) {
            return false;
        }
        with_lower(word, |l| self.contains_lowercased(l))
    }

    /// Whether the word of [`letters_key_any_case`] `key` lowercased is
    /// one of the words (`contains_any_case` of the word, for a key
    /// already made).
    #[inline]
    pub(crate) fn contains_key(&self, key: u64) -> bool {
        self.short.contains(key)
    }

    /// Whether `lower` is one of the words lowercased.
    pub(crate) fn contains_lowercased(&self, lower: &str) -> bool {
        let b = lower.as_bytes();
        if b.len() <= 12 && b.is_ascii() {
            // Every form this short and ASCII is in `short`; one with a
            // char that is no letter is no word.
            return word_key(lower).is_some_and(|k| self.short.contains(k));
        }
        self.long.contains(lower)
    }
}

/// Whether `b` (the bytes of a `str`) has an ASCII byte that is no
/// letter, or a char of U+2000 to U+203F (`’`): chars that are no letters
/// and that lowercasing keeps (and makes of no other char), so that a
/// word with one is no run of letters lowercased, nor has a [`word_key`].
fn has_ascii_or_general_punctuation(b: &[u8]) -> bool {
    let mut k = 0;
    while let Some(&c) = b.get(k) {
        if c.is_ascii() {
            if !c.is_ascii_alphabetic() {
                return true;
            }
        } else if c == 0xE2 && b.get(k + 1) == Some(&0x80) {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether every char of `b` (the bytes of a `str`) that is not ASCII
/// is one of U+2000 to U+203F (`’` in `Obama’s`; see
/// [`general_punctuation`]), none of which is a letter: the runs of
/// letters of such a token are its runs of ASCII letters.
fn ascii_or_general_punctuation(b: &[u8]) -> bool {
    let mut k = 0;
    while let Some(&c) = b.get(k) {
        if c.is_ascii() {
            k += 1;
        } else if c == 0xE2 && b.get(k + 1) == Some(&0x80) {
            k += 3;
        } else {
            return false;
        }
    }
    true
}

/// The key of a form of one to eight ASCII lowercase letters: its bytes
/// in a `u64` (the short case of [`word_key`]).
#[inline]
fn packed_key(lower: &str) -> Option<u64> {
    let b = lower.as_bytes();
    let fits = !b.is_empty()
        && b.len() <= 8
        && b.iter().all(|c| c.is_ascii_lowercase());
    fits.then(|| pack_letters(b))
}

/// The key of a form in [`LowerWords`]'s set of short words, when it is
/// one to twelve ASCII lowercase letters: its [`packed_key`] when it
/// has at most eight; else its [`letters_key`], five bits a letter (`a`
/// is 1) under the top bit, which no packed key has (its top byte is a
/// letter or zero, below 0x80). No letter is zero in either form, so
/// different words have different keys. A word of nine to twelve
/// letters (`government`) is common enough in news that hashing it as
/// a string cost a few percent.
#[inline]
fn word_key(lower: &str) -> Option<u64> {
    let b = lower.as_bytes();
    if b.len() <= 8 {
        return packed_key(lower);
    }
    if b.len() > 12 || !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    Some(letters_key(b))
}

/// The [`word_key`] of nine to twelve ASCII letters, lowercased: the
/// low five bits of each letter (`a` and `A` are 1), those of the first
/// eight in the low five bits of their own bytes, those of the rest
/// split into the three free bits above them (see [`split_letters_key`]),
/// under the top bit. Taken without a test of the bytes, so that a word
/// the tokenizer has said is letters is not read twice; other bytes give
/// some key, with no panic. The letters are read eight at a time, not
/// one by one.
#[inline]
fn letters_key(word: &[u8]) -> u64 {
    // Nine to twelve letters (all the callers have): the first eight
    // and the last four, the rest shifted down from them.
    let n = word.len();
    if let (Some(first), Some(last)) = (
        word.first_chunk::<8>(),
        word.get(n.wrapping_sub(4)..).and_then(<[u8]>::first_chunk::<4>),
    ) && (9..=12).contains(&n)
    {
        let x = u64::from_le_bytes(*first);
        // (The bytes of `y` past the word's are zeros shifted in.)
        let y = u64::from(u32::from_le_bytes(*last) >> (8 * (12 - n)));
        return split_letters_key(x, y, u64::MAX);
    }
    folded_letters_key(word)
}

/// [`letters_key`] a byte at a time, for any length (the letters past
/// the twelfth left out).
fn folded_letters_key(word: &[u8]) -> u64 {
    word.iter().take(12).enumerate().fold(1 << 63, |key, (k, &c)| {
        let c = u64::from(c & 0x1F);
        key | match k.checked_sub(8) {
            None => c << (8 * k),
            Some(j) => (c & 7) << (8 * j + 5) | (c >> 3) << (8 * j + 37),
        }
    })
}

/// The [`letters_key`] of a word of nine to twelve ASCII letters, from
/// its first eight bytes `x` and the eight bytes `y` after them, all
/// read little-endian: the bytes of `y` under `rest` (a mask of whole
/// bytes) are the word's other letters, and those past them are zeros
/// or are cut off by `rest` (at most four bytes are left).
///
/// A letter's low five bits tell it (1 to 26, in either case): those of
/// the first eight stay in the low five bits of their bytes, and those
/// of letter `8 + k` go to the three bits free above them in byte `k`
/// (its low three) and in byte `k + 4` (its high two), in a few masks
/// and shifts (each letter's five bits packed tight, a shift and two
/// masks for each halving, cost four times as many: 0.40M instructions
/// of the news benchmark at 1 MiB, against 0.09M).
#[inline(always)]
fn split_letters_key(x: u64, y: u64, rest: u64) -> u64 {
    let x = x & splat(0x1F);
    let y = y & rest & splat(0x1F);
    // The low three bits of letter `8 + k` above those of letter `k`,
    // its high two above those of letter `k + 4`.
    x | (y & splat(0x07)) << 5 | ((y >> 3) & splat(0x03)) << 37 | 1 << 63
}

/// Up to eight bytes as a number, little-endian, zeros above them: the
/// bytes of a word as [`pack_letters`] and
/// [`LowerWords::add_short_runs`] read them. Always in line: a call
/// made the lookups that pack words dearer.
#[inline(always)]
fn load_short(b: &[u8]) -> u64 {
    let n = b.len().min(8);
    let byte = |k: usize| u64::from(b[k]);
    // Two overlapping reads of four bytes, or the first two and the
    // last (overlapping bytes are equal, so OR-ing them is harmless),
    // not a copy of variable length (a call to memcpy for every word).
    match n {
        0 => 0,
        1..=3 => {
            let first_two =
                if n >= 2 { byte(0) | (byte(1) << 8) } else { byte(0) };
            first_two | (byte(n - 1) << (8 * (n - 1)))
        }
        _ => {
            // Each read as one load (the bytes taken one by one were
            // loaded one by one); both are in range, as `n` is at least 4.
            let four = |k: usize| {
                b.get(k..k + 4)
                    .and_then(|b| <[u8; 4]>::try_from(b).ok())
                    .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
            };
            four(0) | (four(n - 4) << (8 * (n - 4)))
        }
    }
}

/// One to eight ASCII letters, lowercased, as a number: the bytes in
/// order, the rest zero (no letter is a zero byte, so different words
/// give different numbers, and none gives zero).
#[inline]
fn pack_letters(word: &[u8]) -> u64 {
    let n = word.len().min(8);
    let bytes = load_short(word);
    // ASCII letters are lowercased by setting bit 5; the padding stays
    // zero.
    let letters = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    bytes | (0x2020_2020_2020_2020 & letters)
}

/// A set of nonzero numbers: open addressing with linear probing, the
/// numbers mixed with a random seed (as [`WordHash`] does) so that a
/// text cannot be written to make its words collide.
///
/// The set of a text is emptied for the next (see [`PackedSet::reuse`])
/// by zeroing the slots it filled, which it notes: a few instructions a
/// distinct word, where zeroing every slot writes four times as many
/// bytes as those filled, or more.
#[derive(Debug, Default)]
pub(crate) struct PackedSet {
    /// The slots, zero when empty; the length is a power of two (none
    /// in a set made by `Default`, which is only room for
    /// [`PackedSet::reuse`]).
    slots: Vec<u64>,
    /// The slots filled, in `filled[..len]`: as long as half the slots
    /// and one more, so that a slot is noted by a store, with no test of
    /// the room (as `push` makes, which made the tokenizer's loop, where
    /// the words are added, dearer).
    filled: Vec<usize>,
    len: usize,
    seed: u64,
}

impl PackedSet {
    /// The set emptied and sized for `n` numbers (before it grows), in
    /// the room of its vectors: only the slots filled are zeroed. The
    /// slots of the last text are kept when there are enough, and at
    /// most four times as many as wanted or 4,096 (32 KB, which the
    /// caches hold): any number of them makes the same set, and texts of
    /// different lengths do not zero the slots of the longer again and
    /// again (that cost 0.25% of polnear with only the first test). New
    /// ones are zeroed by `vec!` (which asks `calloc`, writing nothing to
    /// memory fresh from the system) when the room is too small. A new
    /// seed, as a new set has.
    fn reuse(mut self, n: usize) -> PackedSet {
        for &i in self.filled.get(..self.len).unwrap_or_default() {
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = 0;
            }
        }
        self.len = 0;
        let slots = (2 * n).max(64).next_power_of_two();
        if self.slots.capacity() < slots {
            self.slots = vec![0; slots];
        } else if self.slots.len() < slots
            || self.slots.len() > (4 * slots).max(4096)
        {
            // Every slot is zero: only those added are written.
            self.slots.resize(slots, 0);
        }
        self.filled.resize(self.slots.len() / 2 + 1, 0);
        self.seed = WordHash::new().seed;
        self
    }

    /// The bytes of room of its vectors (see `attribute::Scratch`).
    pub(crate) fn room(&self) -> usize {
        self.slots.capacity() * size_of::<u64>()
            + self.filled.capacity() * size_of::<usize>()
    }

    /// The slot to look at first for `key`.
    #[inline]
    fn home(&self, key: u64) -> usize {
        let h = folded_multiply(key ^ self.seed, MIX);
        (h as usize) & (self.slots.len() - 1)
    }

    #[inline]
    fn contains(&self, key: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            match self.slots[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Adds `key`, nonzero. A slot is asked first whether it holds
    /// `key`: most words of a text are in the set already (three in
    /// five of news), and are found in one test.
    #[inline]
    fn insert(&mut self, key: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            match self.slots[i] {
                k if k == key => return,
                0 => break,
                _ => i = (i + 1) & mask,
            }
        }
        self.slots[i] = key;
        if let Some(f) = self.filled.get_mut(self.len) {
            *f = i;
        }
        self.len += 1;
        // At most half full, so that probes stay short.
        if 2 * self.len > self.slots.len() {
            self.grow();
        }
    }

    /// Doubles the slots, out of line so that `insert` stays small.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let n = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![0; n]);
        self.filled.resize(n / 2 + 1, 0);
        self.len = 0;
        for k in old.into_iter().filter(|&k| k != 0) {
            self.insert(k);
        }
    }
}

/// A word list with a value for each word, looked up with the words of
/// a text in any case.
///
/// The words that are one to twelve ASCII letters (nearly all of a
/// lexicon, and of the words looked up) are kept by their [`word_key`],
/// as [`LowerWords`] keeps them: a lookup of a short ASCII word
/// lowercases and packs it in a few instructions, with no copy of the
/// word, no UTF-8 check and no string hash. Any other ASCII word (a
/// mark, `Sen.`) whose length no other key has is told absent at once.
#[derive(Debug)]
pub(crate) struct LexMap<V> {
    /// The packed words and their values, `(0, None)` for an empty
    /// slot; the length is a power of two, at most a quarter full.
    short: Vec<(u64, Option<V>)>,
    /// Every other word.
    long: WordMap<String, V>,
    /// The byte lengths of the words of `long`, as [`len_bit`]s.
    long_lens: u64,
    /// The [`long_sig`] bits of the ASCII words of `long`: an ASCII word
    /// with a bit clear here is not there in any case (`It's`, `O'Brien`
    /// are told absent without being lowercased and hashed).
    long_sigs: [u64; 16],
}

/// Where an ASCII word may be among the bits of `LexMap::long_sigs`, in
/// any case: its length and its first and last bytes (bit 5 set, as in
/// a lowercase letter), mixed into one of 1,024 bits.
#[inline]
fn long_sig(word: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return 0;
    };
    let x = u32::from(first | 0x20) << 16
        | u32::from(last | 0x20) << 8
        | (word.len() & 0xFF) as u32;
    (x.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// A bit for a word of `len` bytes, in a mask of lengths: bit `len` for
/// up to 62 bytes, bit 63 for any longer.
#[inline]
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Whether `packed`, the [`pack_letters`] of `n` bytes (one to eight),
/// is `n` ASCII letters: every byte tested at once, as a letter is a
/// byte that lowercases (bit 5 set, as `pack_letters` sets it) to one
/// from `a` to `z`, and a byte of another char has its top bit set
/// (what [`short_key_any_case`] tells, kept to test it against).
#[cfg(test)]
fn are_letters(packed: u64, n: usize) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let valid = if n >= 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    let top = (0x80 * ONES) & valid;
    // Below 0x80 a byte plus 0x1F or 0x05 carries into no other byte:
    // the sum reaches 0x80 when the byte is at least `a` (0x61), or
    // past `z` (0x7B).
    packed & top == 0
        && packed.wrapping_add(0x1F * ONES) & top == top
        && packed.wrapping_add(0x05 * ONES) & top == 0
}

/// The [`pack_letters`] key of `word` when it is one to eight ASCII
/// letters in any case (`are_letters` of it), else `None`: the bytes
/// read by [`load_short`] and tested by [`ascii_letters`] under one mask
/// of the word's length, for the lookups
/// of capitalised words, which run for most of them in every text.
#[inline(always)]
pub(crate) fn short_key_any_case(word: &[u8]) -> Option<u64> {
    let short = ShortWord::read(word)?;
    short.is_letters().then_some(short.key())
}

/// A word of one to eight bytes as [`short_key_any_case`] reads it.
struct ShortWord {
    /// Its bytes, as `pack_letters` reads them.
    raw: u64,
    /// The high bit of each of its bytes.
    top: u64,
    /// The high bit of each of its bytes that is an ASCII letter.
    letters: u64,
}

impl ShortWord {
    /// `word` read so, when it has one to eight bytes.
    #[inline(always)]
    fn read(word: &[u8]) -> Option<ShortWord> {
        let n = word.len();
        if n.wrapping_sub(1) >= 8 {
            return None;
        }
        let raw = load_short(word);
        let top = HIGH_BITS & (u64::MAX >> (64 - 8 * n));
        Some(ShortWord { raw, top, letters: ascii_letters(raw) & top })
    }

    /// Whether every byte is an ASCII letter.
    #[inline(always)]
    fn is_letters(&self) -> bool {
        self.letters == self.top
    }

    /// Whether a byte is ASCII and no letter (`Obama's`, `U.S.`).
    #[inline(always)]
    fn has_ascii_mark(&self) -> bool {
        !self.raw & self.top & !self.letters != 0
    }

    /// The [`pack_letters`] key of a word of letters (the bytes with
    /// the case bit set in each).
    #[inline(always)]
    fn key(&self) -> u64 {
        self.raw | (self.top >> 2)
    }
}

/// Whether `word`, of eight to sixteen bytes, is all ASCII letters: its
/// first and last eight bytes tested at once each, as
/// [`short_key_any_case`] tests a word (no byte of a shorter or longer
/// word is read: it is no such word).
#[inline]
fn are_long_letters(word: &[u8]) -> bool {
    let letters = |x: u64| ascii_letters(x) == HIGH_BITS;
    word.len() <= 16
        && eight_at(word, 0).is_some_and(letters)
        && eight_at(word, word.len().wrapping_sub(8)).is_some_and(letters)
}

/// The eight bytes of `b` from `k` as one number (little-endian), when
/// there are eight.
#[inline(always)]
fn eight_at(b: &[u8], k: usize) -> Option<u64> {
    b.get(k..k.wrapping_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_le_bytes)
}

/// The key of `word` lowercased when it is one to twelve ASCII letters
/// in any case ([`short_key_any_case`] or [`long_key_any_case`]), else
/// `None`: the key that [`LexMap`] and [`LowerWords`] keep such a word
/// by, made in line (for the words of name runs, which are looked up in
/// both).
#[inline(always)]
pub(crate) fn letters_key_any_case(word: &[u8]) -> Option<u64> {
    if word.len() <= 8 {
        short_key_any_case(word)
    } else {
        long_key_any_case(word)
    }
}

/// The [`word_key`] of `word` lowercased when it is nine to twelve ASCII
/// letters in any case, else `None`: tested by [`are_long_letters`] and
/// packed eight letters at a time by [`letters_key`].
#[inline]
fn long_key_any_case(word: &[u8]) -> Option<u64> {
    ((9..=12).contains(&word.len()) && are_long_letters(word))
        .then(|| letters_key(word))
}

impl<V: Copy> LexMap<V> {
    /// The map of `words` (keys taken as they are, as a `HashMap` would).
    pub(crate) fn new(words: impl IntoIterator<Item = (String, V)>) -> Self {
        let mut packed = vec![];
        let mut long = WordMap::default();
        let mut long_lens = 0;
        let mut long_sigs = [0u64; 16];
        for (w, v) in words {
            match word_key(&w) {
                Some(k) => packed.push((k, v)),
                None => {
                    long_lens |= len_bit(w.len());
                    if w.is_ascii() {
                        let sig = long_sig(w.as_bytes());
                        long_sigs[sig / 64] |= 1 << (sig % 64);
                    }
                    long.insert(w, v);
                }
            }
        }
        // At most a quarter full: most words looked up are not there,
        // and a miss probes until an empty slot.
        let mut short =
            vec![(0, None); (4 * packed.len()).max(16).next_power_of_two()];
        let mask = short.len() - 1;
        for (k, v) in packed {
            let mut i = LexMap::<V>::home(k, mask);
            // A key given twice keeps its last value, as in a HashMap.
            while short[i].0 != 0 && short[i].0 != k {
                i = (i + 1) & mask;
            }
            short[i] = (k, Some(v));
        }
        LexMap { short, long, long_lens, long_sigs }
    }

    /// The slot to look at first for `key`. The keys are the fixed
    /// words of a lexicon, so no text can make lookups slow: a probe
    /// ends at the first empty slot.
    #[inline]
    fn home(key: u64, mask: usize) -> usize {
        (folded_multiply(key, MIX) as usize) & mask
    }

    #[inline(always)]
    fn get_packed(&self, key: u64) -> Option<V> {
        let mask = self.short.len() - 1;
        let mut i = LexMap::<V>::home(key, mask);
        loop {
            match self.short[i] {
                (0, _) => return None,
                (k, v) if k == key => return v,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The value of `key`, exactly as a `HashMap` of the words would
    /// give it.
    pub(crate) fn get_lower(&self, key: &str) -> Option<V> {
        match word_key(key) {
            Some(k) => self.get_packed(k),
            None if self.long_lens & len_bit(key.len()) == 0 => None,
            None => self.long.get(key).copied(),
        }
    }

    /// The value of `word` lowercased (as [`str::to_lowercase`]): a
    /// word of one to eight ASCII letters (most words looked up) is
    /// packed and looked up in line, any other by [`LexMap::get_other`].
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        match short_key_any_case(word.as_bytes()) {
            Some(key) => self.get_packed(key),
            None => self.get_other(word),
        }
    }

    /// [`LexMap::get`] of the word of [`letters_key_any_case`] `key`.
    #[inline]
    pub(crate) fn get_key(&self, key: u64) -> Option<V> {
        self.get_packed(key)
    }

    /// [`LexMap::get`] for a word that is not one to eight ASCII
    /// letters.
    #[inline(never)]
    pub(crate) fn get_other(&self, word: &str) -> Option<V> {
        let b = word.as_bytes();
        if let Some(key) = long_key_any_case(b) {
            return self.get_packed(key);
        }
        // An ASCII word keeps its length when lowercased: one of a
        // length no word of `long` has is not there (nor in `short`,
        // as it is no short run of letters).
        // Nor one whose length and first and last bytes no ASCII word of
        // `long` has, in any case.
        if b.is_ascii() {
            let sig = long_sig(b);
            if self.long_lens & len_bit(b.len()) == 0
                || self.long_sigs[sig / 64] >> (sig % 64) & 1 == 0
            {
                return None;
            }
        }
        with_lower(word, |lower| self.get_lower(lower))
    }
}

/// A hash map keyed by words, with [`WordHash`].
pub(crate) type WordMap<K, V> = HashMap<K, V, WordHash>;

/// A hash set of words, with [`WordHash`].
pub(crate) type WordSet<K> = HashSet<K, WordHash>;

/// A fast hash for short strings, seeded at random for each set.
///
/// The standard SipHash costs more than the rest of building
/// [`LowerWords`] together (a hash for every word of every text). This
/// one reads eight bytes at a time and mixes them with a folded 128-bit
/// multiply (as foldhash does); the random seed keeps a text from being
/// written to make its words collide.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordHash {
    seed: u64,
}

impl Default for WordHash {
    fn default() -> WordHash {
        WordHash::new()
    }
}

impl WordHash {
    /// A hash with a new seed. The seeds of a thread are drawn from a
    /// generator (wyrand's step: a counter and a folded multiply) whose
    /// state is seeded once a thread by `RandomState`: a call makes
    /// five tables, and hashing a number with `RandomState`'s SipHash
    /// for each seed cost 550 instructions a call (nearly 4% of a
    /// call on a one-sentence text).
    fn new() -> WordHash {
        thread_local! {
            static STATE: std::cell::Cell<u64> =
                std::cell::Cell::new(RandomState::new().hash_one(0x5EED_u64));
        }
        let seed = STATE.with(|state| {
            let s = state.get().wrapping_add(0xA076_1D64_78BD_642F);
            state.set(s);
            folded_multiply(s, s ^ 0xE703_7ED1_A0B4_28DB)
        });
        WordHash { seed }
    }

    /// A hash of `s` for the tables of names and their words, which are
    /// mostly short: up to sixteen bytes are read as two numbers (the
    /// first and the last eight bytes, or the bytes and zero) folded by
    /// one multiply with the length and the seed (as foldhash hashes
    /// short strings); a longer string is hashed as `hash_one` hashes
    /// it. Not the hash of `hash_one`: a table must use one or the
    /// other for all its keys.
    #[inline]
    pub(crate) fn hash_str(&self, s: &str) -> u64 {
        let b = s.as_bytes();
        let n = b.len();
        let eight = |k: usize| eight_at(b, k).unwrap_or(0);
        let (lo, hi) = match n {
            0..=8 => (load_short(b), 0),
            9..=16 => (eight(0), eight(n - 8)),
            _ => return self.hash_one(s),
        };
        // Different strings of one length give different pairs; the
        // length tells strings of different lengths apart.
        folded_multiply(
            lo ^ self.seed,
            hi ^ (n as u64) ^ self.seed.rotate_left(32) ^ MIX,
        )
    }
}

impl BuildHasher for WordHash {
    type Hasher = WordHasher;

    fn build_hasher(&self) -> WordHasher {
        WordHasher { state: self.seed }
    }
}

/// The hasher of [`WordHash`].
#[derive(Debug)]
pub(crate) struct WordHasher {
    state: u64,
}

/// Multiplies as 128 bits and folds the halves together.
fn folded_multiply(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    (full as u64) ^ ((full >> 64) as u64)
}

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// The bytes of a slice shorter than eight as one number, read without
/// a copy of variable length (a call to memcpy for every short word):
/// two overlapping reads of four bytes, or the first, middle and last
/// byte (as foldhash and wyhash read their tails). Different slices of
/// one length give different numbers.
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([
            rest[n - 4],
            rest[n - 3],
            rest[n - 2],
            rest[n - 1],
        ]);
        u64::from(lo) | (u64::from(hi) << 32)
    } else if n > 0 {
        u64::from(rest[0])
            | (u64::from(rest[n / 2]) << 8)
            | (u64::from(rest[n - 1]) << 16)
    } else {
        0
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.state =
                folded_multiply(self.state ^ u64::from_le_bytes(word), MIX);
        }
        let rest = chunks.remainder();
        let last = tail(rest) ^ ((bytes.len() as u64) << 56);
        self.state = folded_multiply(self.state ^ last, MIX);
    }

    fn write_u8(&mut self, i: u8) {
        self.state = folded_multiply(self.state ^ u64::from(i), MIX);
    }

    fn finish(&self) -> u64 {
        folded_multiply(self.state, MIX ^ 0xFF51_AFD7_ED55_8CCD)
    }
}

/// The char ending just before byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The char starting at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// A word of at most 15 ASCII bytes, lowercased, as one number: its
/// bytes and its length (`None` for any other word). The short word
/// lists of the rules (determiners, name particles, ...) are kept as
/// these keys (see [`is_listed`]).
pub(crate) const fn long_key(word: &[u8]) -> Option<u128> {
    if word.len() > 15 {
        return None;
    }
    let mut key = (word.len() as u128) << 120;
    let mut i = 0;
    while i < word.len() {
        if !word[i].is_ascii() {
            return None;
        }
        key |= (word[i].to_ascii_lowercase() as u128) << (8 * i);
        i += 1;
    }
    Some(key)
}

/// The [`long_key`]s of `words`, which are lowercase ASCII words of at
/// most 15 bytes (checked when the constant is built), sorted for a
/// binary search.
pub(crate) const fn sorted_long_keys<const N: usize>(
    words: &[&str],
) -> [u128; N] {
    let mut keys = [0; N];
    let mut i = 0;
    while i < N {
        let w = words[i].as_bytes();
        let mut k = 0;
        while k < w.len() {
            assert!(!w[k].is_ascii_uppercase(), "a lowercase word");
            k += 1;
        }
        let key = match long_key(w) {
            Some(key) => key,
            None => panic!("a word of at most 15 ASCII bytes"),
        };
        // Inserted in order among the keys so far.
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
}

/// Whether `word` lowercased (as [`str::to_lowercase`] has it) is in
/// the list of sorted [`long_key`]s `keys`, for a word that can only
/// match in ASCII: the lists are lowercase ASCII words, and the one other
/// char that lowercases to ASCII (the Kelvin sign) becomes a `k`, so a
/// list with no `k` is matched by no other word. A list with a `k` must
/// lowercase the other words itself (as `attribute::lower_is_listed`
/// does).
#[inline]
pub(crate) fn is_listed(keys: &[u128], word: &str) -> bool {
    // The keys are sorted by length first (the top byte): a word
    // shorter than the first or longer than the last is none of them.
    let len = word.len() as u128;
    if keys.first().is_none_or(|k| len < k >> 120)
        || keys.last().is_none_or(|k| len > k >> 120)
    {
        return false;
    }
    long_key(word.as_bytes())
        .is_some_and(|key| keys.binary_search(&key).is_ok())
}

/// A list of lowercase ASCII words of at most 15 bytes (as
/// [`sorted_long_keys`] takes them) that [`WordList::has`] reads: their
/// sorted [`long_key`]s, and a filter of 256 bits with the
/// [`list_bit`] of each key set, so that most words not listed (most
/// words looked up) are told by one bit, with no search.
pub(crate) struct WordList<const N: usize> {
    /// The sorted keys.
    keys: [u128; N],
    /// The filter: bit `list_bit(key)` set for each key.
    bits: [u64; 4],
}

impl<const N: usize> WordList<N> {
    /// The list of `words`, `N` of them.
    pub(crate) const fn new(words: &[&str]) -> WordList<N> {
        let keys = sorted_long_keys::<N>(words);
        let mut bits = [0; 4];
        let mut i = 0;
        while i < N {
            let b = list_bit(keys[i]);
            bits[b >> 6] |= 1 << (b & 63);
            i += 1;
        }
        WordList { keys, bits }
    }

    /// [`is_listed`] of `word` in the list's keys: the filter first.
    #[inline]
    pub(crate) fn has(&self, word: &str) -> bool {
        let Some(key) = read_long_key(word.as_bytes()) else {
            return false;
        };
        let b = list_bit(key);
        self.bits[b >> 6] >> (b & 63) & 1 != 0
            && self.keys.binary_search(&key).is_ok()
    }
}

/// The bit of [`WordList::bits`] for `key`: its two halves mixed, and
/// the top eight bits of their product by an odd number (which each bit
/// of the halves moves).
#[inline(always)]
const fn list_bit(key: u128) -> usize {
    let x = key as u64 ^ (key >> 64) as u64;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// [`long_key`] of `word`, read eight bytes at a time: the bytes of at
/// most two loads tested for ASCII and lowercased at once, not one by
/// one (the rules look up a word in a [`WordList`] for most phrases
/// they read, and make the key of a title from it; [`is_listed`] keeps
/// `long_key`, which costs less for the short words of name runs that
/// it is asked about).
#[inline]
pub(crate) fn read_long_key(word: &[u8]) -> Option<u128> {
    let n = word.len();
    if n > 15 {
        return None;
    }
    let (lo, hi) = match word.split_at_checked(8) {
        Some((head, tail)) => (eight_at(head, 0)?, load_short(tail)),
        None => (load_short(word), 0),
    };
    if (lo | hi) & HIGH_BITS != 0 {
        return None;
    }
    // An ASCII byte from `A` to `Z` reaches 0x80 plus 0x3F and not plus
    // 0x25, and no sum carries into the next byte: bit 5 set in those.
    let lower = |x: u64| {
        x | ((x + splat(0x80 - b'A')) & !(x + splat(0x80 - b'[')) & HIGH_BITS)
            >> 2
    };
    Some(
        (n as u128) << 120
            | u128::from(lower(hi)) << 64
            | u128::from(lower(lo)),
    )
}

/// For the tokenizers' tests: all of `pieces` joined, and every
/// sequence of three of them, alone and as `around(a, b, c)` puts them
/// in a longer text.
#[cfg(test)]
pub(crate) fn three_piece_texts(
    pieces: &[&str],
    around: impl Fn(&str, &str, &str) -> String,
) -> Vec<String> {
    let mut texts = vec![pieces.concat()];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                texts.push(format!("{a}{b}{c}"));
                texts.push(around(a, b, c));
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycle_keeps_the_room() {
        // A vector of slices of a text, recycled as one of slices of
        // another (the tokens of the next text): empty, same room, same
        // allocation.
        let text = String::from("a b c");
        let mut words: Vec<&str> = Vec::with_capacity(100);
        words.extend(text.split(' '));
        let at = words.as_ptr() as usize;
        let again: Vec<&'static str> = recycle(words);
        assert!(again.is_empty());
        assert_eq!(again.capacity(), 100);
        assert_eq!(again.as_ptr() as usize, at);
        let none: Vec<Span> = recycle(Vec::<Span>::new());
        assert_eq!(none.capacity(), 0);
    }

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| text[s.start..s.end].to_owned()).collect()
    }

    #[test]
    fn hash_str_reads_every_length_and_tells_strings_apart() {
        let h = WordHash::new();
        let mut seen = std::collections::HashSet::new();
        let text = "Abcdefghijklmnopqrstuvwxyz, Ünïcödé\0\0\0";
        for start in 0..text.len() {
            for end in start..=text.len() {
                if let Some(s) = text.get(start..end) {
                    // The bytes, not where they are, make the hash.
                    let copy = s.to_owned();
                    assert_eq!(h.hash_str(s), h.hash_str(copy.as_str()));
                    seen.insert((s, h.hash_str(s)));
                }
            }
        }
        // Different strings hash differently (a collision of 64-bit
        // hashes among these few is all but impossible).
        let hashes: std::collections::HashSet<u64> =
            seen.iter().map(|&(_, x)| x).collect();
        let strings: std::collections::HashSet<&str> =
            seen.iter().map(|&(s, _)| s).collect();
        assert_eq!(hashes.len(), strings.len());
    }

    #[test]
    fn paragraphs_split_on_blank_lines_only() {
        let t = "One line\nwrapped here.\n\n  Two.\n \nThree";
        assert_eq!(
            texts(t, &paragraphs(t)),
            ["One line\nwrapped here.", "Two.", "Three"]
        );
    }

    #[test]
    fn general_punctuation_is_its_own_lowercase() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn with_lower_is_to_lowercase() {
        let words = [
            "Sen.",
            "ABC",
            "iPhone",
            "İstanbul",
            "ǅemal",
            "Straße",
            "",
            "“",
            "—",
            "l’état",
            "Osei’s",
            "It’s—“Sen.”…",
            "\u{2070}A",
            "ΟΔΟΣ",
            "οδοσ",
            "οδος",
            "\u{212A}",
            "ǆ",
            "ß",
            "ﬀ",
            "\u{345}",
            "Trump’s",
            "L’État",
            "ZOË",
            "Σ’s",
            "A\u{212A}’",
        ];
        for w in words {
            assert_eq!(with_lower(w, str::to_owned), w.to_lowercase(), "{w}");
        }
        let long = "A".repeat(40);
        assert_eq!(with_lower(&long, str::to_owned), long.to_lowercase());
    }

    #[test]
    fn no_letter_lowercases_to_a_char_has_ascii_or_general_punctuation_tells()
    {
        // What `LowerWords::contains_any_case` relies on: the chars it
        // tells are no letters, their own lowercase, and no part of a
        // letter's.
        for c in (0u32..0x80).chain(0x2000..0x2040).filter_map(char::from_u32)
        {
            let mut buf = [0u8; 4];
            let told = has_ascii_or_general_punctuation(
                c.encode_utf8(&mut buf).as_bytes(),
            );
            assert_eq!(told, !c.is_ascii_alphabetic(), "{c:?}");
            if told {
                assert!(!c.is_alphabetic(), "{c:?}");
                assert_eq!(c.to_lowercase().to_string(), c.to_string());
            }
        }
        // (Char by char, with no string made: a million chars.)
        let told = |l: char| {
            if l.is_ascii() {
                !l.is_ascii_alphabetic()
            } else {
                ('\u{2000}'..='\u{203F}').contains(&l)
            }
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_alphabetic() {
                assert!(!c.to_lowercase().any(told), "{c:?}");
            }
        }
    }

    #[test]
    fn lower_words_are_the_lowercase_words_of_the_text() {
        let t = "Left the iPhone at ǅemal's; «été» left-wing İstanbul 4x \
                 ǆemal straße Left abcdefgh abcdefghi Abcdefgz x\u{212a} \
                 tWELVELETTER thirteenchars Zzzzzzzzzz";
        let naive: HashSet<&str> = t
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        // Read from the text itself, and from its tokens as `Doc::new`
        // reads them.
        let mut from_tokens = LowerWords::with_capacity(t.len());
        split_tokens_by_kind(
            t,
            |_| false,
            |s, e, kind| {
                if kind != TokenKind::Punct {
                    from_tokens.add_word(&t[s..e], kind);
                }
            },
        );
        // And in the room of another text's set, whose words (some of
        // them no words of `t`) are gone.
        let other = "abcdefgz istanbul zebra xylophonists left LEFT";
        let mut reused =
            LowerWords::in_room(t.len(), LowerWords::new(other).into_room());
        reused.add_runs(t);
        for words in [LowerWords::new(t), from_tokens, reused] {
            assert!(!words.contains_lowercased("zebra"));
            for w in t.split(|c: char| !c.is_alphabetic()) {
                let lower = w.to_lowercase();
                let expected = naive.iter().any(|n| n.to_lowercase() == lower);
                assert_eq!(words.contains_lowercased(&lower), expected, "{w}");
            }
            // Any case, as `with_lower` has it, whatever the word.
            for w in t.split(' ').chain([
                "LEFT",
                "ABCDEFGH",
                "TwelveLetter",
                "U.S.",
                "Left’s",
                "İstanbul’",
                "Left-Wing",
                "Thirteenchars",
                "Left's",
                "J.",
                "X1",
                "Léft",
                "ÉLAN",
                "Left\u{212A}",
            ]) {
                let expected = with_lower(w, |l| words.contains_lowercased(l));
                assert_eq!(words.contains_any_case(w), expected, "{w}");
            }
            assert!(words.contains_any_case("IPHONE"));
            assert!(words.contains_lowercased("iphone"));
            assert!(words.contains_lowercased("left"));
            assert!(!words.contains_lowercased("istanbul"));
            assert!(words.contains_lowercased("abcdefgh"));
            assert!(words.contains_lowercased("xk"));
            assert!(words.contains_lowercased("twelveletter"));
            assert!(!words.contains_lowercased("abcdefgz"));
            assert!(!words.contains_lowercased("abc'defg"));
        }
    }

    #[test]
    fn a_reused_packed_set_is_a_new_one() {
        // Sets of many sizes one after the other in one room, small after
        // big and big after small (past the 4,096 slots kept), growing
        // past their guess or not: each holds what a new set given the
        // same numbers holds, and is emptied in full for the next.
        let mut room = PackedSet::default();
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (n, count) in [
            (0, 0),
            (10, 200),
            (5000, 3000),
            (10, 5),
            (100, 100),
            (2000, 9000),
            (0, 40),
            (64, 64),
            (3000, 10),
        ] {
            let mut reused = std::mem::take(&mut room).reuse(n);
            assert!(reused.slots.iter().all(|&k| k == 0));
            let mut new = PackedSet::default().reuse(n);
            // Numbers of few values, so that some come again.
            let keys: Vec<u64> =
                (0..count).map(|_| next() % (2 * count + 1) + 1).collect();
            for &k in &keys {
                reused.insert(k);
                new.insert(k);
            }
            let expected: HashSet<u64> = keys.iter().copied().collect();
            assert_eq!(reused.len, expected.len());
            assert_eq!(new.len, expected.len());
            for k in 1..=2 * count + 2 {
                assert_eq!(reused.contains(k), expected.contains(&k), "{k}");
                assert_eq!(new.contains(k), expected.contains(&k), "{k}");
            }
            room = reused;
        }
    }

    #[test]
    fn the_runs_of_a_token_are_its_lowercase_words() {
        // Tokens of three pieces, short and long, with runs of letters
        // of many lengths, and chars that are not ASCII, letters or not.
        let pieces = [
            "a",
            "B",
            "ab",
            "Ab",
            "abcdefg",
            "abcdefghi",
            "abcdefghijklm",
            "’",
            "'",
            "-",
            "é",
            "—",
            "1",
            "\u{2040}",
        ];
        let mut tokens = vec![];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    tokens.push(format!("{a}{b}{c}"));
                }
            }
        }
        for t in &tokens {
            let mut words = LowerWords::with_capacity(64);
            words.add_word(t, TokenKind::Word);
            let naive: HashSet<String> = t
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .map(str::to_lowercase)
                .collect();
            // Every stretch of letters of the token.
            let ends: Vec<usize> =
                t.char_indices().map(|(k, _)| k).chain([t.len()]).collect();
            for (x, &i) in ends.iter().enumerate() {
                for &j in &ends[x + 1..] {
                    let w = &t[i..j];
                    if w.chars().all(char::is_alphabetic) {
                        let lower = w.to_lowercase();
                        assert_eq!(
                            words.contains_lowercased(&lower),
                            naive.contains(&lower),
                            "{t:?} {w:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn word_keys_are_distinct() {
        // Every word of one to twelve letters from `a`, `y` and `z`.
        let mut words = vec![String::new()];
        let mut keys = HashSet::new();
        for _ in 0..12 {
            words = words
                .iter()
                .flat_map(|w| ["a", "y", "z"].map(|c| format!("{w}{c}")))
                .collect();
            for w in &words {
                assert!(keys.insert(word_key(w).unwrap()), "{w}");
            }
        }
        assert_eq!(word_key("abcdefghijklm"), None);
        assert_eq!(word_key("abcdefghij'"), None);
    }

    #[test]
    fn lex_map_is_a_map_of_lowercase_words() {
        let keys = [
            "he",
            "she",
            "abcdefgh",
            "abcdefghi",
            "u.s",
            "ab",
            "k",
            "ǆemal",
            "istanbul",
            "i̇stanbul",
            "o'neill",
            "ABC",
            "",
            "abcdefghijkl",
            "abcdefghijklm",
        ];
        let plain: HashMap<String, usize> =
            keys.iter().enumerate().map(|(k, w)| (w.to_string(), k)).collect();
        let map = LexMap::new(plain.clone());
        let words = keys.iter().copied().chain([
            "He",
            "SHE",
            "ABCDEFGH",
            "Abcdefghi",
            "U.S",
            "\u{212a}",
            "Ǆemal",
            "İstanbul",
            "O'Neill",
            "abc",
            "x",
            "abcdefgz",
            "AbcdefghijkL",
            "ABCDEFGHIJKLM",
            "abcdefghijklz",
            ",",
            "Sen.",
        ]);
        for w in words {
            assert_eq!(map.get_lower(w), plain.get(w).copied(), "{w}");
            let lower = w.to_lowercase();
            assert_eq!(map.get(w), plain.get(&lower).copied(), "{w}");
        }
    }

    #[test]
    fn are_letters_tells_ascii_letters() {
        let words = [
            "a", "Z", "ab", "aZ", "Sen.", ",", "@", "[", "`", "{", "a1",
            "abcdefgh", "ABCDEFGh", "abcdefg.", "é", "aé", "x\u{7f}", "zz",
        ];
        for w in words {
            let b = w.as_bytes();
            if b.is_empty() || b.len() > 8 {
                continue;
            }
            let letters = b.iter().all(u8::is_ascii_alphabetic);
            assert_eq!(are_letters(pack_letters(b), b.len()), letters, "{w}");
        }
        for c in 0..=255u8 {
            let b = [c, b'a'];
            let letters = c.is_ascii_alphabetic();
            assert_eq!(are_letters(pack_letters(&b[..1]), 1), letters);
            assert_eq!(are_letters(pack_letters(&b), 2), letters, "{c}");
        }
    }

    #[test]
    fn short_key_any_case_is_pack_letters_of_letters() {
        let expect = |b: &[u8]| {
            let fits = !b.is_empty() && b.len() <= 8;
            let key = pack_letters(b);
            (fits && are_letters(key, b.len())).then_some(key)
        };
        for c in 0..=255u8 {
            for d in 0..=255u8 {
                let b = [c, d, b'a', b'Q'];
                for n in 0..=b.len() {
                    assert_eq!(short_key_any_case(&b[..n]), expect(&b[..n]));
                }
            }
            let mut w = *b"aBcdefghi";
            for k in 0..w.len() {
                let keep = w[k];
                w[k] = c;
                for n in 0..=w.len() {
                    let b = &w[..n];
                    assert_eq!(short_key_any_case(b), expect(b));
                }
                w[k] = keep;
            }
        }
    }

    #[test]
    fn are_long_letters_tells_ascii_letters() {
        for n in 0..=18 {
            let mut w: Vec<u8> = (0..n).map(|k| b"aZqR"[k % 4]).collect();
            let ok = (8..=16).contains(&n);
            assert_eq!(are_long_letters(&w), ok, "{n}");
            for k in 0..n {
                let keep = w[k];
                for c in 0..=255u8 {
                    w[k] = c;
                    let letters = ok && c.is_ascii_alphabetic();
                    assert_eq!(are_long_letters(&w), letters, "{n} {k} {c}");
                }
                w[k] = keep;
            }
        }
    }

    #[test]
    fn letters_key_any_case_is_the_short_or_the_long_key() {
        for w in ["a", "Osei", "Kowalski", "McAllister", "Abcdefghijkl"] {
            let b = w.as_bytes();
            let key = short_key_any_case(b).or_else(|| long_key_any_case(b));
            assert!(key.is_some(), "{w}");
            assert_eq!(letters_key_any_case(b), key, "{w}");
        }
        for w in ["", "Abcdefghijklm", "Sen.", "O'Brien", "Zoë"] {
            assert_eq!(letters_key_any_case(w.as_bytes()), None, "{w}");
        }
    }

    #[test]
    fn word_list_has_what_is_listed_tells() {
        const WORDS: &[&str] =
            &["a", "as", "said", "numerous", "st.", "fifteen-letters"];
        let list = WordList::<{ WORDS.len() }>::new(WORDS);
        let keys = sorted_long_keys::<{ WORDS.len() }>(WORDS);
        let mut words: Vec<String> = vec![];
        for w in WORDS {
            words.push((*w).to_owned());
            words.push(w.to_uppercase());
            words.push(format!("{w}s"));
            words.push(w[1..].to_owned());
        }
        for w in ["", "b", "As", "SAID", "s\u{e9}id", "numerously", "St"] {
            words.push(w.to_owned());
        }
        for w in &words {
            assert_eq!(list.has(w), is_listed(&keys, w), "{w}");
        }
    }

    #[test]
    fn read_long_key_is_long_key() {
        let words = [
            "",
            "a",
            "A",
            "Zz",
            "st.",
            "Jr.",
            "@[`{",
            "Numerous",
            "NUMEROUS",
            "o'Brien-Smith",
            "fifteen-letters",
            "sixteen-letters!",
            "é",
            "caf\u{e9}",
            "abcdefghi\u{e9}",
            "\x7f\x00AZaz",
        ];
        for w in words {
            assert_eq!(
                read_long_key(w.as_bytes()),
                long_key(w.as_bytes()),
                "{w}"
            );
        }
        // Every length up to past fifteen, with each byte in turn of
        // every value, among `q`s, and among letters in both cases.
        for base in [&b"q"[..], b"aZqRm"] {
            for n in 0..=18 {
                let mut w: Vec<u8> =
                    (0..n).map(|k| base[k % base.len()]).collect();
                assert_eq!(read_long_key(&w), long_key(&w), "{w:?}");
                for k in 0..n {
                    let keep = w[k];
                    for c in 0..=255u8 {
                        w[k] = c;
                        assert_eq!(read_long_key(&w), long_key(&w), "{w:?}");
                    }
                    w[k] = keep;
                }
            }
        }
    }

    #[test]
    fn long_key_any_case_is_folded_letters_key_of_letters() {
        let expect = |b: &[u8]| {
            let fits = (9..=12).contains(&b.len()) && are_long_letters(b);
            fits.then(|| folded_letters_key(b))
        };
        for n in 0..=14 {
            let mut w: Vec<u8> = (0..n).map(|k| b"aZqRmXbY"[k % 8]).collect();
            assert_eq!(long_key_any_case(&w), expect(&w), "{n}");
            for k in 0..n {
                let keep = w[k];
                for c in 0..=255u8 {
                    w[k] = c;
                    assert_eq!(long_key_any_case(&w), expect(&w), "{n} {k}");
                }
                w[k] = keep;
            }
        }
        assert_eq!(long_key_any_case(b"Government"), word_key("government"));
        assert_eq!(
            long_key_any_case(b"ZYXWVUTSRQPO"),
            word_key("zyxwvutsrqpo")
        );
    }

    #[test]
    fn packed_words_are_their_bytes() {
        let words = ["a", "ab", "abc", "abcd", "abcde", "abcdef", "Abcdefg"];
        for w in words.iter().chain(&["abcdefgh", "ABCDEFGH"]) {
            let lower = w.to_ascii_lowercase();
            let mut buf = [0u8; 8];
            buf[..lower.len()].copy_from_slice(lower.as_bytes());
            assert_eq!(pack_letters(w.as_bytes()), u64::from_le_bytes(buf));
        }
    }

    /// `speaker::tokens` as it was written first, char by char: the
    /// reference `split_tokens` must agree with.
    fn tokens_by_chars(
        s: &str,
        keeps_period: impl Fn(&str) -> bool,
    ) -> Vec<(usize, usize, bool)> {
        let mut out = vec![];
        let mut start: Option<usize> = None;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, c)| c);
            let joiner = matches!(c, '\'' | '’' | '-' | '.' | '&')
                && start.is_some()
                && next.is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || joiner {
                start.get_or_insert(i);
                continue;
            }
            if let Some(st) = start.take() {
                let end = if c == '.' && keeps_period(&s[st..i]) {
                    i + 1
                } else {
                    i
                };
                out.push((st, end, true));
                if end > i {
                    continue;
                }
            }
            if !c.is_whitespace() {
                out.push((i, i + c.len_utf8(), false));
            }
        }
        if let Some(st) = start {
            out.push((st, s.len(), true));
        }
        out
    }

    #[test]
    fn split_tokens_agrees_with_the_char_by_char_tokenizer() {
        let keeps = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase) && w.len() < 4
        };
        let pieces = [
            "Sen.",
            "U.S.",
            "O'Neill",
            "rock'n'roll",
            "e-mail",
            "AT&T",
            "İ",
            "é",
            "’s",
            "—",
            "…",
            " ",
            "\n",
            "\u{a0}",
            "\"",
            "“",
            "'",
            "3.5",
            "x.",
            ".",
            "-",
            "&",
            "a",
            "B",
            "\u{212a}",
            "٣",
            "\t",
            "\u{b}",
            "\u{1f}",
            "9",
            "x’",
            "é.",
            "’",
            "\u{2028}",
            "abc",
            "a1",
            "Zz",
            "x-y",
        ];
        // Every sequence of three pieces, also in words longer than the
        // eight bytes read at a time, and a longer mixed text.
        let texts = three_piece_texts(&pieces, |a, b, c| {
            format!("Abcdefg{a}{b}hijklmn{c}o1")
        });
        for t in &texts {
            let mut got = vec![];
            split_tokens(t, keeps, |s, e, w| got.push((s, e, w)));
            assert_eq!(got, tokens_by_chars(t, keeps), "{t:?}");
            // A word is `Letters` when it is ASCII letters and nothing
            // else.
            split_tokens_by_kind(t, keeps, |s, e, kind| {
                let word = &t[s..e];
                let letters = word.bytes().all(|b| b.is_ascii_alphabetic());
                let expected = match kind {
                    TokenKind::Punct => TokenKind::Punct,
                    _ if letters => TokenKind::Letters,
                    _ => TokenKind::Word,
                };
                assert_eq!(kind, expected, "{t:?} {word:?}");
            });
        }
    }

    #[test]
    fn general_punctuation_is_told_from_its_bytes() {
        for c in ('\u{80}'..='\u{3000}').chain(['\u{10000}', '\u{1f600}']) {
            let mut bytes = [b'x'; 8];
            c.encode_utf8(&mut bytes);
            let x = u64::from_le_bytes(bytes);
            let expected = ('\u{2000}'..='\u{203f}')
                .contains(&c)
                .then(|| c.is_whitespace());
            assert_eq!(general_punctuation(x), expected, "{c:?}");
            if expected == Some(false) {
                assert!(!c.is_alphanumeric() && c.len_utf8() == 3);
            }
        }
        for b in 0..=255u8 {
            assert_eq!(general_punctuation(u64::from(b)), None);
        }
    }

    #[test]
    fn general_punctuation_has_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(is_punctuation(c));
            assert!(!c.is_alphanumeric() && !c.is_alphabetic(), "{c:?}");
        }
        assert!(!is_punctuation('\u{1fff}') && !is_punctuation('\u{2070}'));
    }

    #[test]
    fn split_letters_keys_are_letters_keys() {
        let words = [
            "abcdefghi",
            "ABCDEFGHIJ",
            "zzzzzzzzzzz",
            "governments",
            "Zyxwvutsrqpo",
            "aZaZaZaZaZaZ",
        ];
        for w in words {
            let b = w.as_bytes();
            assert_eq!(letters_key(b), folded_letters_key(b), "{w}");
            let x = u64::from_le_bytes(b[..8].try_into().unwrap());
            // The bytes after the word are any bytes.
            for after in [0u8, b' ', b'.', 0xE2, b'z', 0xFF] {
                let mut rest = [after; 8];
                rest[..b.len() - 8].copy_from_slice(&b[8..]);
                let y = u64::from_le_bytes(rest);
                let mask = (1u64 << (8 * (b.len() - 8))) - 1;
                assert_eq!(
                    split_letters_key(x, y, mask),
                    folded_letters_key(b),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn alphanumerics_and_letters_are_found_eight_bytes_at_a_time() {
        // Every byte at every place, among letters.
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut bytes = *b"aZ09zAx1";
                bytes[k] = b;
                let (alnum, digits) =
                    ascii_alphanumerics(u64::from_le_bytes(bytes));
                let letters = ascii_letters(u64::from_le_bytes(bytes));
                for (j, &c) in bytes.iter().enumerate() {
                    let bit = 0x80u64 << (8 * j);
                    assert_eq!(alnum & bit != 0, c.is_ascii_alphanumeric());
                    assert_eq!(digits & bit != 0, c.is_ascii_digit());
                    assert_eq!(letters & bit != 0, c.is_ascii_alphabetic());
                }
            }
        }
    }

    #[test]
    fn equal_bytes_are_found_eight_bytes_at_a_time() {
        // Every byte at every place, among bytes next to the one sought
        // (and it with the high bit), for a few sought bytes.
        for sought in [0u8, b'-', b'\'', 0x7f, 0x80, 0xff] {
            for b in 0..=255u8 {
                for k in 0..8 {
                    let mut bytes = [
                        sought,
                        sought.wrapping_add(1),
                        sought.wrapping_sub(1),
                        sought ^ 0x80,
                        sought,
                        b'a',
                        0,
                        0xff,
                    ];
                    bytes[k] = b;
                    let eq = bytes_equal(u64::from_le_bytes(bytes), sought);
                    for (j, &c) in bytes.iter().enumerate() {
                        let bit = 0x80u64 << (8 * j);
                        assert_eq!(eq & bit != 0, c == sought);
                    }
                    assert_eq!(eq & !HIGH_BITS, 0);
                }
            }
        }
    }

    /// `paragraphs` as it was written first, in two passes with
    /// `str::trim`: the reference `paragraphs` must agree with.
    fn paragraphs_by_trim(text: &str) -> Vec<Span> {
        let trimmed = |start: usize, end: usize| {
            let piece = &text[start..end];
            let rest = piece.trim_start();
            let s = start + (piece.len() - rest.len());
            Span::new(s, s + rest.trim_end().len())
        };
        let mut ends: Vec<usize> =
            text.match_indices('\n').map(|(i, _)| i).collect();
        ends.push(text.len());
        let (mut lines, mut long, mut start) = (0, 0, 0);
        for &end in &ends {
            let line = trimmed(start, end);
            start = end + 1;
            if !line.is_empty() {
                lines += 1;
                long += usize::from(
                    text[line.start..line.end].chars().count() > 100,
                );
            }
        }
        let line_mode = lines > 1 && long * 4 >= lines;
        let mut out = vec![];
        let (mut para_start, mut line_start) = (0, 0);
        for &i in &ends {
            let blank = trimmed(line_start, i).is_empty();
            if i == text.len() || blank || line_mode {
                let end = if blank { line_start } else { i };
                if para_start < end {
                    let para = trimmed(para_start, end);
                    if !para.is_empty() {
                        out.push(para);
                    }
                }
                para_start = i + 1;
            }
            line_start = i + 1;
        }
        out
    }

    #[test]
    fn paragraphs_agree_with_the_two_pass_reading() {
        let long = "wörd ".repeat(21);
        let longer = "x".repeat(401);
        // Long in bytes (from 101 to 400) but not in chars.
        let wide = "é".repeat(70);
        let pieces = [
            "a",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\n\n",
            "\u{a0}",
            "\u{b}",
            "\u{1f}",
            "\u{2028}",
            "\u{3000}",
            "“x”",
            "é",
            long.as_str(),
            longer.as_str(),
            wide.as_str(),
        ];
        let mut texts = vec![pieces.concat()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        texts.push(format!("{a}{b}{c}{d}"));
                    }
                }
            }
        }
        // Longer texts, of 5 to 16 pieces drawn by a linear congruential
        // generator: runs of several lines, and blank lines of several
        // kinds between them.
        let mut seed = 1u64;
        for _ in 0..20_000 {
            seed =
                seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let n = 5 + (seed >> 60) as usize;
            texts.push(
                (0..n)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1);
                        pieces[(seed >> 33) as usize % pieces.len()]
                    })
                    .collect(),
            );
        }
        for t in &texts {
            assert_eq!(paragraphs(t), paragraphs_by_trim(t), "{t:?}");
        }
    }

    #[test]
    fn space_edges_hold_every_white_space_char() {
        for c in (char::MIN..=char::MAX).filter(|c| c.is_whitespace()) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
            assert_ne!(
                SPACE_EDGE[usize::from(first)] & SPACE_FIRST,
                0,
                "{c:?}"
            );
            assert_ne!(SPACE_EDGE[usize::from(last)] & SPACE_LAST, 0, "{c:?}");
        }
    }

    #[test]
    fn chars_are_counted_as_str_counts_them() {
        let mixed = "aé“x”\u{10348}\u{a0} ".repeat(40);
        for t in ["", "a", "é", "“”", "\u{10348}", mixed.as_str()] {
            for k in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                let s = &t[..k];
                let chars = s.chars().count();
                for n in [0, chars / 2, chars.saturating_sub(1), chars, 100] {
                    assert_eq!(more_chars_than(s.as_bytes(), n), chars > n);
                }
            }
        }
    }

    #[test]
    fn long_lines_without_blank_lines_are_paragraphs() {
        let long = "word ".repeat(30);
        let t = format!("{long}\n{long}");
        assert_eq!(paragraphs(&t).len(), 2);
    }
}
