//! The article text of an HTML page.
//!
//! The page is parsed as a browser would (html5ever, through
//! `scraper`), so broken markup and character references (`&ldquo;`)
//! come out as they look on screen. The text is taken from the
//! `<article>` with the most text, or else the `<main>`, or else the
//! `<body>`; what is not the article (`script`, `style`, `nav`,
//! `header`, `footer`, `aside`, forms, hidden elements) is left out.
//! Each block (`<p>`, `<h1>`–`<h6>`, `<li>`, `<blockquote>`, `<div>`,
//! ...) and each `<br>` ends a paragraph; paragraphs are separated by a
//! blank line, which is how the extractor knows them in plain text.
//! White space inside a paragraph is collapsed to single spaces.
//!
//! Offsets into an HTML file's rows index this text, not the file.

use encoding_rs::Encoding;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Elements whose content is not article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer",
    "aside", "form", "button", "select", "textarea", "iframe", "object",
    "svg", "math", "canvas", "head", "title",
];

/// Elements that stand as paragraphs of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The article text of the page `html`, paragraphs separated by blank
/// lines.
pub(crate) fn article_text(html: &str) -> String {
    let page = Html::parse_document(html);
    let root = article_root(&page);
    let mut text = Paragraphs::default();
    // An explicit walk rather than recursion: pages nest deep enough
    // (thousands of unclosed `<div>`s) to overflow a thread's stack.
    let mut next = root.first_child();
    while let Some(node) = next {
        let mut descend = false;
        match node.value() {
            Node::Text(t) => text.push(t),
            Node::Element(element) if !is_skipped(element) => {
                if is_block(element) {
                    text.end_paragraph();
                }
                descend = node.has_children();
            }
            _ => {}
        }
        if descend {
            next = node.first_child();
            continue;
        }
        if let Node::Element(element) = node.value()
            && is_block(element)
        {
            text.end_paragraph();
        }
        // Climb until a sibling is found, closing each block left.
        let mut at = node;
        next = loop {
            if at == *root {
                break None;
            }
            if let Some(sibling) = at.next_sibling() {
                break Some(sibling);
            }
            match at.parent() {
                Some(parent) if parent != *root => {
                    if let Node::Element(element) = parent.value()
                        && is_block(element)
                    {
                        text.end_paragraph();
                    }
                    at = parent;
                }
                _ => break None,
            }
        };
    }
    text.finish()
}

/// The element the article text is taken from: the `<article>` with
/// the most text (a page may list related stories as articles too), or
/// else the first `<main>`, the `<body>`, or the whole page.
fn article_root(page: &Html) -> ElementRef<'_> {
    let document = page.root_element();
    let named = |name: &'static str| {
        document
            .descendent_elements()
            .filter(move |e| e.value().name() == name && !is_hidden(e.value()))
    };
    let longest = named("article")
        .max_by_key(|article| article.text().map(str::len).sum::<usize>());
    longest
        .or_else(|| named("main").next())
        .or_else(|| named("body").next())
        .unwrap_or(document)
}

/// Whether an element's content is left out.
fn is_skipped(element: &Element) -> bool {
    SKIPPED.contains(&element.name()) || is_hidden(element)
}

/// Whether an element is hidden from readers.
fn is_hidden(element: &Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
}

/// Whether an element ends the paragraph before it and after it.
fn is_block(element: &Element) -> bool {
    element.name() == "br" || BLOCKS.contains(&element.name())
}

/// Text being gathered into blank-line separated paragraphs.
#[derive(Debug, Default)]
struct Paragraphs {
    text: String,
    /// Where the current paragraph starts in `text`.
    paragraph: usize,
    /// Whether white space was seen since the last character.
    space: bool,
}

impl Paragraphs {
    /// Adds text, collapsing runs of white space to one space and
    /// dropping it at the start of a paragraph.
    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && self.text.len() > self.paragraph {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
            }
        }
    }

    /// Ends the current paragraph, if it has any text.
    fn end_paragraph(&mut self) {
        if self.text.len() > self.paragraph {
            self.text.push_str("\n\n");
            self.paragraph = self.text.len();
        }
        self.space = false;
    }

    /// The text, ending in one newline unless empty.
    fn finish(mut self) -> String {
        self.end_paragraph();
        if self.text.ends_with("\n\n") {
            self.text.pop();
        }
        self.text
    }
}

/// The encoding an HTML page declares in its first 1024 bytes
/// (`<meta charset="...">` or `content="text/html; charset=..."`), as a
/// browser's prescan finds it.
///
/// A declared UTF-16 is ignored, as browsers do: a page that is really
/// UTF-16 starts with a byte order mark, and one that does not cannot
/// have been read to find the declaration.
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")? + b"charset".len();
    let rest = &head[at..];
    let rest = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let rest =
        rest.strip_prefix(b"\"").or(rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| b"\"'; />".contains(b) || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label_no_replacement(&rest[..end])?;
    (encoding.output_encoding() == encoding).then_some(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_from_blocks_and_breaks() {
        let html = "<html><head><title>T</title><style>p{}</style></head>\
            <body><nav>Home | News</nav><header><h1>Site</h1></header>\
            <article><h1>Mayor speaks</h1>\
            <p>The mayor,\n   Linda   Okafor, said: <em>&ldquo;We will \
            rebuild.&rdquo;</em></p><p>Line one<br>line two</p>\
            <ul><li>one</li><li>two</li></ul>\
            <blockquote>&quot;Quoted&quot; &amp; more</blockquote>\
            <script>var x = '\"no\"';</script><aside>Related</aside>\
            </article><footer>(c) 2024</footer></body></html>";
        assert_eq!(
            article_text(html),
            "Mayor speaks\n\n\
             The mayor, Linda Okafor, said: \u{201C}We will rebuild.\u{201D}\n\n\
             Line one\n\nline two\n\none\n\ntwo\n\n\
             \"Quoted\" & more\n"
        );
    }

    #[test]
    fn the_longest_article_then_main_then_body() {
        let html = "<body><p>Menu</p><article><p>Short</p></article>\
                    <article><p>The long story</p></article></body>";
        assert_eq!(article_text(html), "The long story\n");
        let html = "<body><p>Menu</p><main><p>Main text</p></main></body>";
        assert_eq!(article_text(html), "Main text\n");
        let html = "<p>No body tag</p>just text";
        assert_eq!(article_text(html), "No body tag\n\njust text\n");
        assert_eq!(article_text(""), "");
        assert_eq!(article_text("<script>x</script>"), "");
        let html = "<body><div hidden>Gone</div><p aria-hidden=true>Gone</p>\
                    <p>Kept</p></body>";
        assert_eq!(article_text(html), "Kept\n");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = "<div>".repeat(3_000) + "\"Deep,\" he said.";
        assert_eq!(article_text(&html), "\"Deep,\" he said.\n");
    }

    #[test]
    fn declared_encodings() {
        let enc = |s: &str| declared_encoding(s.as_bytes()).map(|e| e.name());
        assert_eq!(
            enc("<meta charset=\"windows-1252\">"),
            Some("windows-1252")
        );
        assert_eq!(enc("<META CHARSET=latin1>"), Some("windows-1252"));
        assert_eq!(
            enc("<meta http-equiv=content-type content='text/html; \
                 charset=ISO-8859-15'>"),
            Some("ISO-8859-15")
        );
        assert_eq!(enc("<meta charset=utf-16>"), None);
        assert_eq!(enc("<meta charset=bogus>"), None);
        assert_eq!(enc("<p>no declaration</p>"), None);
    }
}
