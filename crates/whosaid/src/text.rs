//! Paragraphs, sentences and words over `&str`, with byte offsets.

use crate::model::Span;

/// The paragraphs of `text`: runs of text between blank lines, trimmed of
/// surrounding white space. Empty paragraphs are left out.
///
/// A single newline is not a paragraph break (hard-wrapped text), except
/// in a text with no blank line at all whose lines are long: there each
/// line is a paragraph (one-paragraph-a-line exports).
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = vec![];
    let line_mode = !has_blank_line(text) && lines_look_unwrapped(text);
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

fn has_blank_line(text: &str) -> bool {
    let mut prev_newline = false;
    for line in text.split('\n') {
        if line.trim().is_empty() && prev_newline {
            return true;
        }
        prev_newline = true;
    }
    false
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

/// Whether `b` is a byte of an ASCII word character.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The char ending just before byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The char starting at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// A word of the text: a run of letters, digits, apostrophes, hyphens
/// and periods of abbreviations (`Sen.`, `U.S.`), with its offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
}

impl Word<'_> {
    /// Whether the word starts with an uppercase letter.
    pub(crate) fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The words of `text[span]`, in order.
pub(crate) fn words(text: &str, span: Span) -> Vec<Word<'_>> {
    let mut out = vec![];
    let Some(s) = text.get(span.start..span.end) else { return out };
    let mut start: Option<usize> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, c)| c);
        let inner = (c == '\'' || c == '’' || c == '-' || c == '.')
            && start.is_some()
            && next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(st) = start.take() {
            // Keep the period of a one-letter initial or a known
            // abbreviation shape (`J.`, `Sen.`, `Jr.`): a capitalised
            // word of at most four letters followed by a period.
            let word = &s[st..i];
            let end =
                if c == '.' && is_abbreviation(word) { i + 1 } else { i };
            out.push(Word {
                text: &s[st..end],
                span: Span::new(span.start + st, span.start + end),
            });
        }
    }
    if let Some(st) = start {
        out.push(Word {
            text: &s[st..],
            span: Span::new(span.start + st, span.end),
        });
    }
    out
}

/// Abbreviations whose period belongs to the word.
fn is_abbreviation(word: &str) -> bool {
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Col", "Lt",
        "Capt", "Sgt", "Adm", "Rev", "Prof", "Jr", "Sr", "St", "Mt", "Ft",
        "Pres", "Supt", "Det", "Insp", "Cpl", "Maj", "Brig", "Cmdr", "Hon",
        "Atty", "Gens", "Sens", "Reps", "Vol", "No", "Inc", "Co", "Corp",
        "Ltd", "U.S", "U.N", "U.K", "D.C", "E.U",
    ];
    let one_initial =
        word.len() == 1 && word.chars().next().is_some_and(char::is_uppercase);
    one_initial || ABBR.contains(&word)
}

/// Sentence boundaries inside a paragraph: the byte offsets where
/// sentences start, the paragraph start first.
pub(crate) fn sentence_starts(text: &str, para: Span) -> Vec<usize> {
    let mut out = vec![para.start];
    let bytes = text.as_bytes();
    let mut i = para.start;
    while i < para.end {
        let b = bytes[i];
        if b == b'.' || b == b'?' || b == b'!' {
            // Skip closing marks and brackets after the stop.
            let mut j = i + 1;
            while j < para.end {
                let c = char_at(text, j).unwrap_or(' ');
                if matches!(c, '"' | '”' | '’' | '\'' | ')' | '»') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let ws = j < para.end && (bytes[j] == b' ' || bytes[j] == b'\n');
            if ws {
                let mut k = j;
                while k < para.end && (bytes[k] == b' ' || bytes[k] == b'\n') {
                    k += 1;
                }
                let next = char_at(text, k).unwrap_or(' ');
                let starts = next.is_uppercase()
                    || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '«');
                let prev_word = last_word(text, para.start, i);
                if starts && b == b'.' && is_abbreviation(prev_word) {
                    // `Sen. Tim Kaine`: not a sentence break.
                } else if starts {
                    out.push(k);
                }
                i = k;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn last_word(text: &str, floor: usize, i: usize) -> &str {
    let s = &text[floor..i];
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    &s[start..]
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

    #[test]
    fn words_keep_abbreviations_and_apostrophes() {
        let t = "Sen. Tim O'Neill-Smith, U.S. envoy.";
        let w: Vec<&str> =
            words(t, Span::new(0, t.len())).iter().map(|w| w.text).collect();
        assert_eq!(w, ["Sen.", "Tim", "O'Neill-Smith", "U.S.", "envoy"]);
    }

    #[test]
    fn sentences_skip_titles() {
        let t = "Sen. Tim Kaine spoke. \"Yes.\" He left! Then";
        let s = sentence_starts(t, Span::new(0, t.len()));
        let starts: Vec<&str> = s.iter().map(|&i| &t[i..i + 3]).collect();
        assert_eq!(starts, ["Sen", "\"Ye", "He ", "The"]);
    }
}
