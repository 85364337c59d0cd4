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
        let from = match chars.checked_sub(1) {
            None => before.len(),
            Some(last) => {
                before.char_indices().rev().nth(last).map_or(0, |(i, _)| i)
            }
        };
        let after = &self.text[span.end..];
        let to =
            after.char_indices().nth(chars).map_or(after.len(), |(i, _)| i);
        (&before[from..], &after[..to])
    }
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

    #[test]
    fn offsets_after_a_byte_order_mark() {
        let a = Article { name: "a", text: "ab\"cd\"ef", offset: 3 };
        assert_eq!(a.local(Span::new(6, 8)), Some(Span::new(3, 5)));
        assert_eq!(a.context(Span::new(6, 8), 2), ("b\"", "\"e"));
        assert_eq!(a.local(Span::new(1, 8)), None);
        assert_eq!(a.context(Span::new(20, 30), 2), ("", ""));
    }
}
