//! Paragraphs, sentences and words over `&str`, with byte offsets.

use memchr::memchr_iter;

use crate::model::Span;

/// The paragraphs of `text`: runs of text between blank lines, trimmed of
/// surrounding white space. Empty paragraphs are left out.
///
/// A single newline is not a paragraph break (hard-wrapped text), except
/// in a text whose lines are long: there each line is a paragraph
/// (one-paragraph-a-line exports, with or without blank lines between).
///
/// Only line ends matter, so the text is read with memchr from one `\n`
/// to the next, and each line costs a few byte tests (see `trimmed`):
/// this runs at memory speed, which matters as it runs on every byte.
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let len = text.len();
    let mut out = vec![];
    let line_mode = lines_look_unwrapped(text);
    let mut para_start = 0;
    let mut line_start = 0;
    // Every line end, then the end of the text.
    let ends = memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(len));
    for i in ends {
        let at_end = i == len;
        let blank = trimmed(text, line_start, i).is_empty();
        if at_end || blank || line_mode {
            let end = if blank { line_start } else { i };
            if para_start < end {
                let para = trimmed(text, para_start, end);
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

/// `text[start..end]` without white space at either end (as
/// [`str::trim`]), as a span.
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let piece = &text.as_bytes()[start..end];
    // Most lines start and end with a visible ASCII char: nothing to
    // trim, and no char to decode.
    let solid = |b: Option<&u8>| {
        b.is_some_and(|&b| {
            b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0B
        })
    };
    if solid(piece.first()) && solid(piece.last()) {
        return Span::new(start, end);
    }
    let piece = &text[start..end];
    let rest = piece.trim_start();
    let s = start + (piece.len() - rest.len());
    Span::new(s, s + rest.trim_end().len())
}

/// Whether the lines of a text look like whole paragraphs rather than a
/// hard wrap at a fixed width.
fn lines_look_unwrapped(text: &str) -> bool {
    let mut lines = 0usize;
    let mut long = 0usize;
    let mut start = 0;
    // Lines as `str::lines` has them but for a `\r` before the `\n`,
    // which trimming drops anyway.
    let ends =
        memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for end in ends {
        let line = trimmed(text, start, end);
        start = end + 1;
        if line.is_empty() {
            continue;
        }
        lines += 1;
        // More than 100 chars; a line of more than 400 bytes has them
        // (a char is at most 4 bytes), so only lines in between are
        // counted.
        let n = line.len();
        if n > 400
            || (n > 100 && text[line.start..line.end].chars().count() > 100)
        {
            long += 1;
        }
    }
    lines > 1 && long * 4 >= lines
}

/// The char ending just before byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The char starting at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| text[s.start..s.end].to_owned()).collect()
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
    fn long_lines_without_blank_lines_are_paragraphs() {
        let long = "word ".repeat(30);
        let t = format!("{long}\n{long}");
        assert_eq!(paragraphs(&t).len(), 2);
    }
}
