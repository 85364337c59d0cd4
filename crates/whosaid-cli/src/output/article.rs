//! [`Article`]: one input's name and text, as the writers see it.

use whosaid::Span;

/// One input whose quotations are being written: its name and the text
/// the extractor read.
///
/// Quotation offsets index the input's own bytes, which is `text`
/// preceded by `offset` bytes (a byte order mark that was kept out of
/// the text). The methods here take offsets in that sense.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Article<'a> {
    /// The input's name in the `file` column.
    pub(crate) name: &'a str,
    /// The decoded text handed to the extractor.
    pub(crate) text: &'a str,
    /// How many bytes of the input come before `text`.
    pub(crate) offset: usize,
}

impl<'a> Article<'a> {
    /// An article whose text starts at the input's first byte.
    #[cfg(test)]
    pub(crate) fn new(name: &'a str, text: &'a str) -> Article<'a> {
        Article { name, text, offset: 0 }
    }

    /// `span` (input offsets) as offsets into `text`, when it lies
    /// inside it on character boundaries.
    pub(crate) fn local(&self, span: Span) -> Option<Span> {
        let start = span.start.checked_sub(self.offset)?;
        let end = span.end.checked_sub(self.offset)?;
        let ok = start <= end
            && self.text.is_char_boundary(start)
            && self.text.is_char_boundary(end);
        ok.then_some(Span::new(start, end))
    }

    /// Up to `chars` characters of text just before and just after
    /// `span` (input offsets); empty strings when the span is not in
    /// the text.
    pub(crate) fn context(
        &self,
        span: Span,
        chars: usize,
    ) -> (&'a str, &'a str) {
        let Some(span) = self.local(span) else {
            return ("", "");
        };
        let before = &self.text[..span.start];
        let after = &self.text[span.end..];
        let from = last_chars(before.as_bytes(), chars);
        let to = first_chars(after.as_bytes(), chars);
        (&before[from..], &after[..to])
    }
}

/// Whether `b` starts a character in UTF-8 (is not a continuation
/// byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// Where the last `chars` characters of `text` (UTF-8) start: 0 when
/// it has fewer. Counts the bytes that start a character rather than
/// decoding them, and takes an all-ASCII tail in one step.
fn last_chars(text: &[u8], chars: usize) -> usize {
    let ascii = text.len().saturating_sub(chars);
    if text[ascii..].is_ascii() {
        return ascii;
    }
    let mut left = chars;
    for (i, &b) in text.iter().enumerate().rev() {
        if starts_char(b) {
            left -= 1;
            if left == 0 {
                return i;
            }
        }
    }
    0
}

/// Where the first `chars` characters of `text` (UTF-8) end: its
/// length when it has no more. Counts the bytes that start a character
/// rather than decoding them, and takes an all-ASCII head in one step.
fn first_chars(text: &[u8], chars: usize) -> usize {
    let ascii = text.len().min(chars);
    if text[..ascii].is_ascii() {
        return ascii;
    }
    let mut left = chars;
    for (i, &b) in text.iter().enumerate() {
        if starts_char(b) {
            if left == 0 {
                return i;
            }
            left -= 1;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_characters_not_bytes() {
        let a = Article::new("a", "été «oui» déjà vu");
        let quote =
            Span::new(a.text.find("oui").unwrap(), a.text.find("»").unwrap());
        assert_eq!(a.context(quote, 3), ("é «", "» d"));
        assert_eq!(a.context(quote, 0), ("", ""));
        assert_eq!(a.context(quote, 100), ("été «", "» déjà vu"));
    }

    /// The byte counting agrees with decoding characters, on ASCII,
    /// two-, three- and four-byte characters, at every split and width.
    #[test]
    fn context_as_char_indices_gives_it() {
        let texts =
            ["", "ab", "été", "a«b»c d€f", "日本語 text 😀x", "plain ascii"];
        for text in texts {
            let a = Article::new("a", text);
            let cuts: Vec<_> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for &start in &cuts {
                for &end in cuts.iter().filter(|&&end| end >= start) {
                    for chars in 0..text.chars().count() + 2 {
                        let before = &text[..start];
                        let from = match chars.checked_sub(1) {
                            None => before.len(),
                            Some(last) => before
                                .char_indices()
                                .rev()
                                .nth(last)
                                .map_or(0, |(i, _)| i),
                        };
                        let after = &text[end..];
                        let to = after
                            .char_indices()
                            .nth(chars)
                            .map_or(after.len(), |(i, _)| i);
                        let want = (&before[from..], &after[..to]);
                        assert_eq!(
                            a.context(Span::new(start, end), chars),
                            want,
                            "{text:?} {start} {end} {chars}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn offsets_after_a_byte_order_mark() {
        let a = Article { name: "a", text: "ab\"cd\"ef", offset: 3 };
        assert_eq!(a.local(Span::new(6, 8)), Some(Span::new(3, 5)));
        assert_eq!(a.context(Span::new(6, 8), 2), ("b\"", "\"e"));
        assert_eq!(a.local(Span::new(1, 8)), None);
        assert_eq!(a.context(Span::new(20, 30), 2), ("", ""));
    }
}
