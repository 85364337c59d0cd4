//! An article's date and title, read from the lines at its top.
//!
//! Articles exported from news databases often start with a few header
//! lines (`date 2026-02-04`, `title: Talks stall`), sometimes inside
//! `---` lines as Markdown front matter, and then the headline: a short
//! line of its own, followed by a blank line. The core sees none of
//! this (a header line holds no quotation worth finding); the CLI reads
//! it here to fill the `date` and `title` columns.
//!
//! The rules are deliberately narrow, so that an article's first
//! sentence is never taken for metadata:
//!
//! * A header line is `key: value` with a key from [`KEYS`] in any case,
//!   or `key value` with the key in lowercase exactly and one that
//!   allows it (so the headline `Title IX funding cut` is not a title
//!   header). Header lines must come first, one after another; the
//!   block ends at the first line that is not one.
//! * The headline is the first line after the header block and any
//!   blank lines, when it is followed by a blank line, is at most
//!   [`HEADLINE_MAX_CHARS`] characters and [`HEADLINE_MAX_WORDS`]
//!   words, holds a letter, and does not end like a sentence or an
//!   introduction (`.`, `,`, `:`, `;`, or a closing quotation mark
//!   after one of those). A Markdown heading's `#` marks are not part
//!   of it.
//! * `title` is the title header, or else the headline.

/// A key recognised in header lines: its spellings, the column it fills
/// (if any), and whether it may be written without a colon.
struct Key {
    /// Lowercase spellings.
    names: &'static [&'static str],
    /// The column the value goes to.
    field: Field,
    /// Whether `key value` (no colon) is accepted.
    colonless: bool,
}

/// Which column a header fills.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Date,
    Title,
    /// Recognised, so that the header block goes on past it, but not
    /// written out.
    Other,
}

/// The header keys understood. Keys outside this list end the header
/// block: `Trump: "We will win"` at the top of a transcript is text.
const KEYS: &[Key] = &[
    Key {
        names: &["date", "published", "pubdate", "publication date"],
        field: Field::Date,
        colonless: true,
    },
    Key {
        names: &["title", "headline"],
        field: Field::Title,
        colonless: true,
    },
    Key {
        names: &[
            "author",
            "authors",
            "source",
            "publisher",
            "url",
            "section",
            "language",
            "id",
            "updated",
        ],
        field: Field::Other,
        colonless: true,
    },
    Key {
        names: &[
            "by",
            "byline",
            "link",
            "category",
            "categories",
            "tags",
            "keywords",
            "lang",
            "modified",
            "description",
            "summary",
            "location",
            "copyright",
            "words",
            "slug",
        ],
        field: Field::Other,
        colonless: false,
    },
];

/// The longest line, in characters, taken for a headline.
const HEADLINE_MAX_CHARS: usize = 150;

/// The most words a headline may have.
const HEADLINE_MAX_WORDS: usize = 25;

/// How many lines of front matter are read before giving up on a
/// missing closing `---`.
const FRONT_MATTER_MAX_LINES: usize = 40;

/// What the top of an article says about it. Both are slices of the
/// article's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Metadata<'a> {
    /// The value of a `date` header (`published`, ... too), as written.
    pub(crate) date: Option<&'a str>,
    /// The value of a `title` header, or else the headline.
    pub(crate) title: Option<&'a str>,
}

/// Reads the header lines and headline at the top of `text`.
pub(crate) fn read(text: &str) -> Metadata<'_> {
    let mut meta = Metadata::default();
    let mut lines = text.lines().peekable();
    while lines.next_if(|line| line.trim().is_empty()).is_some() {}

    if lines.peek().is_some_and(|line| line.trim() == "---") {
        // Front matter: everything up to the closing `---` is header,
        // whatever it is (YAML lists and the like are skipped).
        let body: Vec<&str> = lines
            .clone()
            .skip(1)
            .take(FRONT_MATTER_MAX_LINES)
            .take_while(|line| line.trim() != "---")
            .collect();
        let closed = lines
            .clone()
            .nth(1 + body.len())
            .is_some_and(|line| line.trim() == "---");
        if closed {
            for line in &body {
                if let Some((field, value)) = header(line) {
                    meta.set(field, value);
                }
            }
            lines.nth(body.len() + 1);
        }
    } else {
        while let Some((field, value)) = lines.peek().and_then(|l| header(l)) {
            meta.set(field, value);
            lines.next();
        }
    }

    if meta.title.is_none() {
        while lines.next_if(|line| line.trim().is_empty()).is_some() {}
        if let Some(line) = lines.next()
            && lines.next().is_some_and(|next| next.trim().is_empty())
        {
            meta.title = headline(line);
        }
    }
    meta
}

impl<'a> Metadata<'a> {
    /// Records a header's value; the first of each wins.
    fn set(&mut self, field: Field, value: &'a str) {
        let slot = match field {
            Field::Date => &mut self.date,
            Field::Title => &mut self.title,
            Field::Other => return,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// A header line's column and value, or `None` when `line` is not a
/// header line.
fn header(line: &str) -> Option<(Field, &str)> {
    let line = line.trim();
    let (name, value, colon) = match line.split_once(':') {
        // `url: https://...` splits at the first colon, as it should;
        // `https://...` alone has no known key before its colon.
        Some((name, value)) if is_key_like(name) => {
            (name.trim_end(), value, true)
        }
        _ => {
            let (name, value) = line.split_once([' ', '\t'])?;
            (name, value, false)
        }
    };
    // The spellings are lowercase ASCII: compared without allocating a
    // lowercase copy of `name`.
    let key = KEYS.iter().find(|key| {
        key.names.iter().any(|spelling| spelling.eq_ignore_ascii_case(name))
    })?;
    let lowercase = !name.bytes().any(|b| b.is_ascii_uppercase());
    if !colon && (!key.colonless || !lowercase) {
        return None;
    }
    let value = unquote(value.trim());
    (!value.is_empty()).then_some((key.field, value))
}

/// Whether `name` could be a key: letters and single spaces only (so
/// that `He said: "..."` is not split into a key and a value).
fn is_key_like(name: &str) -> bool {
    let name = name.trim_end();
    !name.is_empty()
        && name.len() <= 20
        && name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
}

/// `value` without one pair of surrounding straight quotes, as YAML
/// front matter writes strings.
fn unquote(value: &str) -> &str {
    for mark in ['"', '\''] {
        if let Some(inner) =
            value.strip_prefix(mark).and_then(|v| v.strip_suffix(mark))
        {
            return inner.trim();
        }
    }
    value
}

/// The headline in `line`, if it looks like one.
fn headline(line: &str) -> Option<&str> {
    let line = line.trim();
    let line = match line.strip_prefix('#') {
        Some(rest) => rest.trim_start_matches('#').trim(),
        None => line,
    };
    let mut end = line.chars().rev();
    let last = end.next()?;
    let before_last = end.next();
    let is_stop = |c: char| matches!(c, '.' | ',' | ':' | ';');
    let is_close = |c: char| matches!(c, '"' | '\'' | '”' | '’' | '»');
    let sentence =
        is_stop(last) || (is_close(last) && before_last.is_some_and(is_stop));
    // Counted only as far as the limits: the first line is often a
    // whole paragraph.
    let short = || {
        line.chars().nth(HEADLINE_MAX_CHARS).is_none()
            && line.split_whitespace().nth(HEADLINE_MAX_WORDS).is_none()
    };
    let wordy = || line.chars().any(char::is_alphabetic);
    (!sentence && short() && wordy()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, date: Option<&str>, title: Option<&str>) {
        assert_eq!(read(text), Metadata { date, title }, "{text:?}");
    }

    #[test]
    fn headline_then_blank_line() {
        check(
            "Council keeps night buses\n\nThe council voted.",
            None,
            Some("Council keeps night buses"),
        );
        check(
            "  \n# Coral recovers on Pellan reef\n\nText.",
            None,
            Some("Coral recovers on Pellan reef"),
        );
        check("Is this the end?\r\n\r\nText.", None, Some("Is this the end?"));
    }

    #[test]
    fn sentences_and_unbroken_text_are_not_headlines() {
        check("The council voted on Thursday.\n\nMore.", None, None);
        check("He told reporters:\n\n\"No.\"", None, None);
        check("\"We will win,\"\n\nshe said.", None, None);
        check("Council keeps night buses\nThe council voted.", None, None);
        check("Council keeps night buses", None, None);
        check("---\n\nText.", None, None);
        check(&"word ".repeat(30), None, None);
        check("", None, None);
    }

    #[test]
    fn header_lines() {
        check(
            "date 2026-02-04\ntitle: Talks stall\n\nBody.\n",
            Some("2026-02-04"),
            Some("Talks stall"),
        );
        check(
            "Title: Talks stall\nAuthor: A. Writer\nDate: 4 Feb 2026\nBody",
            Some("4 Feb 2026"),
            Some("Talks stall"),
        );
        check(
            "url: https://example.invalid/a\ndate: 2026-02-04\n\nHeadline here\n\nBody.",
            Some("2026-02-04"),
            Some("Headline here"),
        );
    }

    #[test]
    fn colonless_keys_must_be_lowercase_and_allowed() {
        check(
            "Title IX funding cut\n\nBody.",
            None,
            Some("Title IX funding cut"),
        );
        check("Date night returns\n\nBody.", None, Some("Date night returns"));
        check("tags a, b\n\nBody.", None, Some("tags a, b"));
    }

    #[test]
    fn colons_in_text_are_not_headers() {
        check(
            "Trump: \"We will win\"\n\nBody.",
            None,
            Some("Trump: \"We will win\""),
        );
        check("He said: \"No\"\n\nBody.", None, Some("He said: \"No\""));
    }

    #[test]
    fn front_matter() {
        check(
            "---\ntitle: \"Talks stall\"\ndate: 2026-02-04\ntags:\n  - trade\n---\n\nBody.",
            Some("2026-02-04"),
            Some("Talks stall"),
        );
        // Without its closing line, front matter is not recognised.
        check("---\ntitle: Talks stall\n\nBody.", None, None);
    }

    #[test]
    fn first_value_wins() {
        check("date: 1\npublished: 2\n\nBody.", Some("1"), None);
    }
}
