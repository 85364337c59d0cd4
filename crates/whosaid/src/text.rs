//! Paragraphs, sentences and words over `&str`, with byte offsets.

use crate::model::Span;

/// The paragraphs of `text`: runs of text between blank lines, trimmed of
/// surrounding white space. Empty paragraphs are left out.
///
/// A single newline is not a paragraph break (hard-wrapped text), except
/// in a text whose lines are long: there each line is a paragraph
/// (one-paragraph-a-line exports, with or without blank lines between).
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = vec![];
    let line_mode = lines_look_unwrapped(text);
    let mut para_start = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' {
            let line = &text[line_start..i];
            let blank = line.trim().is_empty();
            if at_end || blank || line_mode {
                let end = if blank { line_start } else { i };
                push_trimmed(text, para_start, end, &mut out);
                para_start = i + 1;
            }
            line_start = i + 1;
        }
        i += 1;
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

/// Whether the lines of a text look like whole paragraphs rather than a
/// hard wrap at a fixed width.
fn lines_look_unwrapped(text: &str) -> bool {
    let mut lines = 0usize;
    let mut long = 0usize;
    for line in text.lines() {
        let n = line.trim().chars().count();
        if n == 0 {
            continue;
        }
        lines += 1;
        if n > 100 {
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
