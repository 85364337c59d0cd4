//! A text and the quotations found in it, as one value.
//!
//! [`whosaid::Quote`] borrows its words from the text it was found in.
//! A worker thread extracts a text and hands the quotations to the
//! writing thread; [`Extracted`] carries the text along with them, so
//! that nothing has to be copied out of it first.

use self_cell::self_cell;
use whosaid::{Extractor, Quote};

/// The quotations of one text, borrowing from it.
type Quotes<'t> = Vec<Quote<'t>>;

self_cell!(
    /// A text (the owner) and the quotations found in it (borrowing
    /// from it).
    pub(crate) struct Extracted {
        owner: String,
        #[covariant]
        dependent: Quotes,
    }
);

impl Extracted {
    /// Extracts the quotations of `text`.
    pub(crate) fn extract(extractor: &Extractor, text: String) -> Extracted {
        Extracted::new(text, |text| extractor.extract(text))
    }

    /// The text.
    pub(crate) fn text(&self) -> &str {
        self.borrow_owner()
    }

    /// The quotations, in text order.
    pub(crate) fn quotes(&self) -> &[Quote<'_>] {
        self.borrow_dependent()
    }

    /// Changes the quotations in place (keeps some, moves offsets).
    pub(crate) fn edit(&mut self, f: impl FnOnce(&mut Vec<Quote<'_>>)) {
        self.with_dependent_mut(|_, quotes| f(quotes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_borrow_from_the_text_they_travel_with() {
        let text = "\"We will win,\" Trump said. \"Yes.\"".to_owned();
        let mut e = Extracted::extract(&Extractor::new(), text);
        assert_eq!(e.quotes().len(), 2);
        let q = &e.quotes()[0];
        assert_eq!(&e.text()[q.span.start..q.span.end], q.text);
        e.edit(|quotes| quotes.truncate(1));
        assert_eq!(e.quotes().len(), 1);
        assert_eq!(e.quotes()[0].speaker(), Some("Trump"));
    }
}
