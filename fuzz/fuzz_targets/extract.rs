//! Fuzzes `Extractor::extract` on any UTF-8 text: it must not panic,
//! and every span it returns must hold the invariants the CLI's offsets
//! rely on (char boundaries, inside the text, sorted, not overlapping,
//! `text[span] == quote`, likewise for mention, cue and source).

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::{Extractor, Span};

/// Built once: building is the slow part, and it is not what is fuzzed.
static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    // Any bytes: the UTF-8 prefix is what the CLI could hand over.
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(error) => {
            // valid_up_to is a char boundary by definition.
            &std::str::from_utf8(&data[..error.valid_up_to()])
                .expect("valid up to here")
        }
    };
    let quotes = EXTRACTOR.extract(text);
    let check = |span: Span, what: &str, expected: &str| {
        assert!(span.start <= span.end && span.end <= text.len(), "{what}");
        assert!(text.is_char_boundary(span.start), "{what} start");
        assert!(text.is_char_boundary(span.end), "{what} end");
        assert_eq!(&text[span.start..span.end], expected, "{what}");
    };
    let mut previous_end = 0;
    for quote in &quotes {
        check(quote.span, "quote", &quote.text);
        assert!(quote.span.start >= previous_end, "sorted, no overlap");
        previous_end = quote.span.end;
        for (snippet, what) in [
            (quote.mention(), "mention"),
            (quote.cue(), "cue"),
            (quote.source(), "source"),
        ] {
            if let Some(snippet) = snippet {
                check(snippet.span, what, &snippet.text);
            }
        }
    }
});
