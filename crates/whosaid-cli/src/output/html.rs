//! The audit report (`whosaid audit`): one self-contained HTML page
//! showing every article with its quotations highlighted, so that each
//! row `whosaid extract` writes can be checked by eye.
//!
//! The page needs nothing from the network: the style sheet and a few
//! lines of script are inline, fonts are the reader's own. It works
//! without script too (colours, numbers, `title` tooltips and links);
//! the script only adds hover highlighting of a quotation together with
//! its speaker mention and cue, and the expand/collapse buttons.
//!
//! **Every piece of text from an article or a file name is escaped**
//! ([`escape`]): an article containing `<script>` shows it as text.
//!
//! Articles are buffered until the end, because the speakers table at
//! the top needs every article; a report is meant to be read, so this
//! is fine for the thousands of articles a person can look at. Beyond
//! the first [`AuditOptions::open`] articles, articles start collapsed
//! (`<details>`), and the browser skips laying out what is off screen
//! (`content-visibility`), so a report of 1,000 articles opens at once.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use whosaid::{Kind, Quote, Span};

use super::{Article, QuoteWriter};
use crate::metadata;
use crate::speakers::Tally;

/// How the audit report is laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AuditOptions {
    /// How many articles are shown open; the rest start collapsed.
    pub(crate) open: usize,
}

/// How many speaker colours there are; speakers of one article take
/// them in turn.
const COLOURS: usize = 8;

/// The longest quotation shown in an article's table, in characters.
const TABLE_QUOTE_CHARS: usize = 90;

/// Writes the audit report.
#[derive(Debug)]
pub(crate) struct HtmlWriter<W: Write> {
    out: W,
    options: AuditOptions,
    /// The articles' HTML, in input order.
    body: String,
    /// How many articles have been written.
    articles: usize,
    /// The anchor of each article's first occurrence, by name.
    anchors: HashMap<String, usize>,
    tally: Tally,
    counts: Counts,
}

/// Quotation counts over the whole report.
#[derive(Debug, Default)]
struct Counts {
    named: usize,
    described: usize,
    unattributed: usize,
    terms: usize,
}

impl<W: Write> HtmlWriter<W> {
    /// A writer that writes the report to `out` when it is finished.
    pub(crate) fn new(out: W, options: AuditOptions) -> HtmlWriter<W> {
        HtmlWriter {
            out,
            options,
            body: String::new(),
            articles: 0,
            anchors: HashMap::new(),
            tally: Tally::default(),
            counts: Counts::default(),
        }
    }
}

impl<W: Write> QuoteWriter<W> for HtmlWriter<W> {
    fn write_quotes(
        &mut self,
        article: &Article<'_>,
        quotes: &[Quote<'_>],
    ) -> io::Result<()> {
        let n = self.articles;
        self.articles += 1;
        self.anchors.entry(article.name.to_owned()).or_insert(n);
        self.tally.add(article.name, quotes);
        for quote in quotes {
            match status(quote) {
                Status::Named => self.counts.named += 1,
                Status::Described => self.counts.described += 1,
                Status::Unattributed => self.counts.unattributed += 1,
                Status::Term => self.counts.terms += 1,
            }
        }
        render_article(
            &mut self.body,
            n,
            n < self.options.open,
            article,
            quotes,
        );
        Ok(())
    }

    fn into_inner(self: Box<Self>) -> io::Result<W> {
        let HtmlWriter {
            mut out, body, articles, anchors, tally, counts, ..
        } = *self;
        let mut head = String::new();
        render_head(&mut head, articles, &counts, &tally, &anchors);
        out.write_all(head.as_bytes())?;
        out.write_all(body.as_bytes())?;
        out.write_all(FOOT.as_bytes())?;
        out.flush()?;
        Ok(out)
    }
}

/// What kind of attribution a quotation has, as the report colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// A named speaker.
    Named,
    /// A speaker described but not named (`a senior official`).
    Described,
    /// No speaker.
    Unattributed,
    /// Not a quotation (`kind` = `term`).
    Term,
}

impl Status {
    /// The CSS class.
    fn class(self) -> &'static str {
        match self {
            Status::Named => "named",
            Status::Described => "described",
            Status::Unattributed => "none",
            Status::Term => "term",
        }
    }
}

/// How the report shows `quote`.
fn status(quote: &Quote<'_>) -> Status {
    if quote.kind == Kind::Term {
        Status::Term
    } else if quote.speaker().is_some() {
        Status::Named
    } else if quote.description().is_some() {
        Status::Described
    } else {
        Status::Unattributed
    }
}

/// The role of a highlighted piece of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Role {
    Quote,
    Mention,
    Cue,
    Source,
}

/// A highlighted piece of an article: a quotation, or a mention, cue or
/// source shared by one or more quotations.
#[derive(Debug)]
struct Mark {
    /// Offsets into the article's text.
    span: Span,
    role: Role,
    /// The quotations it belongs to (indexes into the article's
    /// quotes), in order.
    quotes: Vec<usize>,
}

/// Writes one article: its summary line, its text with every mark, and
/// the table of its quotations.
fn render_article(
    out: &mut String,
    n: usize,
    open: bool,
    article: &Article<'_>,
    quotes: &[Quote<'_>],
) {
    let meta = metadata::read(article.text);
    let colours = speaker_colours(quotes);
    let terms = quotes.iter().filter(|q| q.kind == Kind::Term).count();
    let unattributed =
        quotes.iter().filter(|q| status(q) == Status::Unattributed).count();
    let _ = write!(
        out,
        "<details class=\"article\" id=\"a{n}\"{}>\n<summary><span class=\"file\">",
        if open { " open" } else { "" }
    );
    escape(out, article.name);
    out.push_str("</span>");
    if let Some(title) = meta.title {
        out.push_str(" <span class=\"title\">");
        escape(out, title);
        out.push_str("</span>");
    }
    if let Some(date) = meta.date {
        out.push_str(" <span class=\"date\">");
        escape(out, date);
        out.push_str("</span>");
    }
    let _ = write!(
        out,
        " <span class=\"counts\">{} quotation{}, {unattributed} \
         unattributed, {terms} term{}</span></summary>\n<div class=\"body\">\
         <div class=\"text\">",
        quotes.len() - terms,
        if quotes.len() - terms == 1 { "" } else { "s" },
        if terms == 1 { "" } else { "s" },
    );
    render_text(out, n, article, quotes, &colours);
    out.push_str("</div>\n");
    render_table(out, n, quotes, &colours);
    out.push_str("</div></details>\n");
}

/// Each quotation's colour: speakers (or descriptions) of one article
/// take the colours in turn, in order of first quotation.
fn speaker_colours(quotes: &[Quote<'_>]) -> Vec<Option<usize>> {
    let mut seen: Vec<&str> = vec![];
    quotes
        .iter()
        .map(|q| {
            let who = q.speaker().or(q.description())?;
            if q.kind == Kind::Term {
                return None;
            }
            let i = seen.iter().position(|s| *s == who).unwrap_or_else(|| {
                seen.push(who);
                seen.len() - 1
            });
            Some(i % COLOURS)
        })
        .collect()
}

/// Writes the article's text, every quotation, mention, cue and source
/// marked.
///
/// Marks may overlap in any way (a mention inside another quotation, a
/// cue shared by two quotations), so the text is cut at every mark's
/// ends and each piece is wrapped in the marks that cover it.
fn render_text(
    out: &mut String,
    n: usize,
    article: &Article<'_>,
    quotes: &[Quote<'_>],
    colours: &[Option<usize>],
) {
    let text = article.text;
    let marks = marks(article, quotes);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for mark in &marks {
        cuts.extend([mark.span.start, mark.span.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // Marks sorted by start; `next` is the first not yet active.
    let mut next = 0;
    let mut active: Vec<&Mark> = vec![];
    for (i, &at) in cuts.iter().enumerate() {
        active.retain(|m| m.span.end > at);
        while let Some(mark) = marks.get(next).filter(|m| m.span.start == at) {
            if mark.span.is_empty() {
                // An empty quotation still gets its anchor and number.
                if mark.role == Role::Quote {
                    open_mark(out, n, mark, true, quotes, colours);
                    out.push_str("</mark>");
                    badge(out, n, mark.quotes[0]);
                }
            } else {
                active.push(mark);
            }
            next += 1;
        }
        let Some(&end) = cuts.get(i + 1) else { break };
        active.sort_by_key(|m| (m.role, m.span.start, m.quotes[0]));
        for mark in &active {
            open_mark(out, n, mark, mark.span.start == at, quotes, colours);
        }
        escape(out, &text[at..end]);
        for mark in active.iter().rev() {
            out.push_str(if mark.role == Role::Quote {
                "</mark>"
            } else {
                "</span>"
            });
            if mark.role == Role::Quote && mark.span.end == end {
                badge(out, n, mark.quotes[0]);
            }
        }
    }
}

/// The marks of an article's quotations, sorted by start. Marks that do
/// not fall inside the text on character boundaries are left out (they
/// cannot happen, but the report must not panic).
fn marks(article: &Article<'_>, quotes: &[Quote<'_>]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = vec![];
    let mut shared: HashMap<(Role, Span), usize> = HashMap::new();
    for (i, quote) in quotes.iter().enumerate() {
        if let Some(span) = article.local(quote.span) {
            marks.push(Mark { span, role: Role::Quote, quotes: vec![i] });
        }
        let parts = [
            (Role::Mention, quote.mention()),
            (Role::Cue, quote.cue()),
            (Role::Source, quote.source()),
        ];
        for (role, snippet) in parts {
            let Some(span) = snippet.and_then(|s| article.local(s.span))
            else {
                continue;
            };
            if span.is_empty() {
                continue;
            }
            match shared.get(&(role, span)) {
                Some(&at) => marks[at].quotes.push(i),
                None => {
                    shared.insert((role, span), marks.len());
                    marks.push(Mark { span, role, quotes: vec![i] });
                }
            }
        }
    }
    marks.sort_by_key(|m| (m.span.start, m.role, m.quotes[0]));
    marks
}

/// Opens the element of `mark` for one piece of text; `first` is true
/// for the piece where the mark starts, which carries its anchor.
fn open_mark(
    out: &mut String,
    n: usize,
    mark: &Mark,
    first: bool,
    quotes: &[Quote<'_>],
    colours: &[Option<usize>],
) {
    let first_quote = mark.quotes[0];
    let colour = colours[first_quote];
    match mark.role {
        Role::Quote => {
            let quote = &quotes[first_quote];
            let _ = write!(out, "<mark class=\"q {}", status(quote).class());
            if let Some(c) = colour {
                let _ = write!(out, " c{c}");
            }
            out.push('"');
            if first {
                let _ = write!(out, " id=\"a{n}q{}\"", first_quote + 1);
            }
            let _ =
                write!(out, " data-q=\"a{n}q{}\" title=\"", first_quote + 1);
            escape(out, &quote_title(first_quote, quote));
            out.push_str("\">");
        }
        Role::Mention | Role::Cue | Role::Source => {
            let (class, what) = match mark.role {
                Role::Mention => ("m", "speaker mention"),
                Role::Cue => ("cue", "cue"),
                _ => ("src", "source"),
            };
            let _ = write!(out, "<span class=\"{class}");
            if let (Role::Mention, Some(c)) = (mark.role, colour) {
                let _ = write!(out, " c{c}");
            }
            out.push_str("\" data-q=\"");
            let ids: Vec<String> = mark
                .quotes
                .iter()
                .map(|i| format!("a{n}q{}", i + 1))
                .collect();
            out.push_str(&ids.join(" "));
            out.push_str("\" title=\"");
            let numbers: Vec<String> =
                mark.quotes.iter().map(|i| format!("#{}", i + 1)).collect();
            let mut title = format!("{what} of {}", numbers.join(", "));
            if mark.role == Role::Mention {
                let quote = &quotes[first_quote];
                if let Some(who) = quote.speaker().or(quote.description()) {
                    let _ = write!(title, ": {who}");
                }
            }
            escape(out, &title);
            out.push_str("\">");
        }
    }
}

/// The tooltip of a quotation: number, speaker, rule and confidence,
/// cue and mention.
fn quote_title(i: usize, quote: &Quote<'_>) -> String {
    let mut title = format!("#{} ", i + 1);
    if quote.kind == Kind::Term {
        title.push_str("term: not a quotation");
        return title;
    }
    match (quote.speaker(), quote.description()) {
        (Some(who), _) => title.push_str(who),
        (None, Some(what)) => {
            let _ = write!(title, "unnamed: {what}");
        }
        (None, None) => title.push_str("no speaker"),
    }
    let kind = quote.kind.as_str();
    let _ =
        write!(title, " · {} {:.2} · {kind}", quote.rule, quote.confidence);
    if let Some(cue) = quote.cue() {
        let _ = write!(title, " · cue “{}”", cue.text);
    }
    if let Some(mention) = quote.mention() {
        let _ = write!(title, " · mention “{}”", mention.text);
    }
    if let Some(source) = quote.source() {
        let _ = write!(title, " · source “{}”", source.text);
    }
    if quote.continues {
        title.push_str(" · continues in the next paragraph");
    }
    title
}

/// The number after a quotation, linking to its row in the table.
fn badge(out: &mut String, n: usize, i: usize) {
    let _ = write!(
        out,
        "<a class=\"n\" href=\"#a{n}r{0}\" data-q=\"a{n}q{0}\">{0}</a>",
        i + 1
    );
}

/// Writes the table of an article's quotations.
fn render_table(
    out: &mut String,
    n: usize,
    quotes: &[Quote<'_>],
    colours: &[Option<usize>],
) {
    if quotes.is_empty() {
        out.push_str("<p class=\"empty\">No quotation found.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"quotes\"><thead><tr><th>#</th><th>quotation</th>\
         <th>speaker</th><th>mention</th><th>cue</th><th>source</th>\
         <th>rule</th><th>conf.</th><th>bytes</th></tr></thead><tbody>\n",
    );
    for (i, quote) in quotes.iter().enumerate() {
        let id = i + 1;
        let _ = write!(
            out,
            "<tr id=\"a{n}r{id}\" class=\"{}\" data-q=\"a{n}q{id}\">\
             <td><a href=\"#a{n}q{id}\">{id}</a></td><td class=\"qt\">",
            status(quote).class()
        );
        let shown: String =
            quote.text.chars().take(TABLE_QUOTE_CHARS).collect();
        escape(out, &shown);
        if shown.len() < quote.text.len() {
            out.push('…');
        }
        out.push_str("</td><td>");
        match (quote.speaker(), quote.description()) {
            (Some(who), _) => {
                let c = colours[i].unwrap_or(0);
                let _ = write!(out, "<span class=\"who c{c}\">");
                escape(out, who);
                out.push_str("</span>");
            }
            (None, Some(what)) => {
                out.push_str("<i>");
                escape(out, what);
                out.push_str("</i>");
            }
            (None, None) if quote.kind == Kind::Term => {
                out.push_str("<i>term</i>");
            }
            (None, None) => out.push_str("<i>none</i>"),
        }
        for snippet in [quote.mention(), quote.cue(), quote.source()] {
            out.push_str("</td><td>");
            if let Some(s) = snippet {
                escape(out, &s.text);
            }
        }
        let _ = writeln!(
            out,
            "</td><td class=\"nw\">{}</td><td>{:.2}</td><td class=\"nw\">{}–{}{}</td></tr>",
            quote.rule,
            quote.confidence,
            quote.span.start,
            quote.span.end,
            if quote.continues { " ↩" } else { "" },
        );
    }
    out.push_str("</tbody></table>\n");
}

/// Writes everything before the articles: the page head, the summary,
/// the legend and the speakers table.
fn render_head(
    out: &mut String,
    articles: usize,
    counts: &Counts,
    tally: &Tally,
    anchors: &HashMap<String, usize>,
) {
    out.push_str(HEAD);
    let quotations = counts.named + counts.described + counts.unattributed;
    let _ = write!(
        out,
        "<header><h1>whosaid audit</h1>\n<p class=\"summary\">{articles} \
         article{}, {quotations} quotation{}: {} with a named speaker, {} \
         with a described one, {} unattributed; and {} term{} (quoted \
         words nobody said).</p>\n",
        if articles == 1 { "" } else { "s" },
        if quotations == 1 { "" } else { "s" },
        counts.named,
        counts.described,
        counts.unattributed,
        counts.terms,
        if counts.terms == 1 { "" } else { "s" },
    );
    out.push_str(LEGEND);
    out.push_str(
        "<p class=\"buttons\"><button type=\"button\" id=\"open-all\">\
         Expand all</button> <button type=\"button\" id=\"close-all\">\
         Collapse all</button></p></header>\n",
    );

    let speakers = tally.sorted();
    let _ = writeln!(
        out,
        "<section id=\"speakers\"><h2>Speakers ({})</h2>",
        speakers.len()
    );
    if speakers.is_empty() {
        out.push_str("<p class=\"empty\">No named speaker.</p>\n");
    } else {
        out.push_str(
            "<div class=\"scroll\"><table><thead><tr><th>speaker</th>\
             <th>quotes</th><th>articles</th><th>first article</th>\
             <th>last article</th></tr></thead><tbody>\n",
        );
        for s in speakers {
            out.push_str("<tr><td>");
            escape(out, &s.name);
            let _ = write!(
                out,
                "</td><td>{}</td><td>{}</td>",
                s.quotes, s.articles
            );
            for name in [&s.first_article, &s.last_article] {
                out.push_str("<td>");
                link(out, name, anchors);
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str("</section>\n<section id=\"articles\"><h2>Articles</h2>\n");
}

/// A link to the article named `name`.
fn link(out: &mut String, name: &str, anchors: &HashMap<String, usize>) {
    match anchors.get(name) {
        Some(n) => {
            let _ = write!(out, "<a href=\"#a{n}\">");
            escape(out, name);
            out.push_str("</a>");
        }
        None => escape(out, name),
    }
}

/// Appends `text` with the five characters that mean something in HTML
/// text or attribute values replaced by references.
pub(crate) fn escape(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// The page up to the body's content: metadata, style sheet.
const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="whosaid audit">
<title>whosaid audit</title>
<style>
:root { --ink: #1d1d1f; --muted: #666; --line: #d8d8d8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fcfcfa; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
.summary { margin: .2rem 0 .6rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .4rem 0;
  padding: .5rem .8rem; background: #fff; border: 1px solid var(--line);
  border-radius: 6px; font-size: .9rem; }
.scroll { max-height: 18rem; overflow: auto; border: 1px solid var(--line);
  border-radius: 6px; background: #fff; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #eee;
  vertical-align: top; }
th { position: sticky; top: 0; background: #f3f3f0; font-weight: 600; }
#speakers td:nth-child(2), #speakers td:nth-child(3) { text-align: right; }
details.article { margin: .6rem 0; background: #fff; border: 1px solid var(--line);
  border-radius: 6px; }
details.article > summary { cursor: pointer; padding: .45rem .8rem;
  background: #f3f3f0; border-radius: 6px; }
details[open].article > summary { border-bottom: 1px solid var(--line);
  border-radius: 6px 6px 0 0; }
.file { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; }
.title { font-weight: 600; margin-left: .4rem; }
.date, .counts { color: var(--muted); font-size: .85rem; margin-left: .4rem; }
.body { padding: .6rem 1rem 1rem; content-visibility: auto;
  contain-intrinsic-size: auto 40rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 46rem;
  font: 17px/1.65 Georgia, "Times New Roman", serif; margin-bottom: 1rem; }
mark.q { color: inherit; border-radius: 3px; padding: 1px 0; }
mark.c0 { background: #ffe38f; } mark.c1 { background: #b8ecd2; }
mark.c2 { background: #c2dcff; } mark.c3 { background: #ffc4cf; }
mark.c4 { background: #ddd0ff; } mark.c5 { background: #ffd5b0; }
mark.c6 { background: #d6f2a6; } mark.c7 { background: #b0ecea; }
mark.described { background-image: repeating-linear-gradient(135deg,
  transparent 0 6px, rgba(255,255,255,.55) 6px 9px); }
mark.none { background: #ececec; outline: 1px dashed #c0392b; }
mark.term { background: none; color: #555; font-style: italic;
  border-bottom: 2px dotted #999; border-radius: 0; }
.m { font-weight: 700; border-bottom: 3px solid #888; }
.m.c0 { border-color: #d4a200; } .m.c1 { border-color: #2e9e6a; }
.m.c2 { border-color: #2f6fd0; } .m.c3 { border-color: #d2375a; }
.m.c4 { border-color: #7a4fd6; } .m.c5 { border-color: #e07b1a; }
.m.c6 { border-color: #5f9a12; } .m.c7 { border-color: #138f8a; }
.cue { border: 1px solid #555; border-radius: 3px; padding: 0 2px;
  font-variant: small-caps; }
.src { text-decoration: underline wavy #2f6fd0; }
.who { padding: 0 3px; border-radius: 3px; }
.who.c0 { background: #ffe38f; } .who.c1 { background: #b8ecd2; }
.who.c2 { background: #c2dcff; } .who.c3 { background: #ffc4cf; }
.who.c4 { background: #ddd0ff; } .who.c5 { background: #ffd5b0; }
.who.c6 { background: #d6f2a6; } .who.c7 { background: #b0ecea; }
a.n { font: 600 .62rem/1 system-ui, sans-serif; vertical-align: super;
  color: #fff; background: #555; border-radius: 8px; padding: 1px 4px;
  margin: 0 1px; text-decoration: none; }
.hl { outline: 2px solid #111 !important; outline-offset: 1px; }
:target { outline: 3px solid #e67e22; outline-offset: 2px; }
tr.none td.qt { color: #a93226; } tr.term td { color: #777; }
.empty { color: var(--muted); font-style: italic; }
td.nw { white-space: nowrap; }
.buttons button { font: inherit; font-size: .85rem; padding: .15rem .6rem; }
</style>
</head>
<body>
"#;

/// The legend under the summary.
const LEGEND: &str = r#"<div class="legend"><span><mark class="q named c0">quotation</mark> <a class="n">1</a> with its speaker's colour and number</span>
<span><mark class="q described c2">described speaker</mark></span>
<span><mark class="q none">unattributed</mark></span>
<span><mark class="q term">term</mark> (not a quotation)</span>
<span><span class="m c0">speaker mention</span></span>
<span><span class="cue">cue</span></span>
<span><span class="src">source</span></span>
<span>Hover over any of them for the rule and confidence.</span></div>
"#;

/// The end of the page: the script and the closing tags.
const FOOT: &str = r#"</section>
<script>
(function () {
  "use strict";
  var lit = [];
  function clear() {
    lit.forEach(function (e) { e.classList.remove("hl"); });
    lit = [];
  }
  document.addEventListener("mouseover", function (event) {
    clear();
    var target = event.target.closest && event.target.closest("[data-q]");
    if (!target) return;
    var scope = target.closest("details") || document;
    target.getAttribute("data-q").split(" ").forEach(function (id) {
      scope.querySelectorAll('[data-q~="' + id + '"]').forEach(function (e) {
        e.classList.add("hl");
        lit.push(e);
      });
    });
  });
  function all(open) {
    document.querySelectorAll("details.article").forEach(function (d) {
      d.open = open;
    });
  }
  document.getElementById("open-all").addEventListener("click", function () { all(true); });
  document.getElementById("close-all").addEventListener("click", function () { all(false); });
  window.addEventListener("hashchange", function () {
    var t = document.getElementById(location.hash.slice(1));
    var d = t && t.closest("details");
    if (d && !d.open) { d.open = true; t.scrollIntoView(); }
  });
  document.body.setAttribute("data-ready", "true");
})();
</script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::row::tests::{TEXT, quote};
    use whosaid::{Attribution, Snippet};

    fn report(
        articles: &[(&str, &str, Vec<Quote<'_>>)],
        open: usize,
    ) -> String {
        let mut w = Box::new(HtmlWriter::new(vec![], AuditOptions { open }));
        for (name, text, quotes) in articles {
            w.write_quotes(&Article::new(name, text), quotes).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn escapes_everything() {
        let mut out = String::new();
        escape(&mut out, "<script>alert('x') & \"y\"</script>");
        assert_eq!(
            out,
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn article_text_and_names_are_escaped() {
        let text =
            "<script>alert(1)</script>\n\n\"<b>Hi</b>,\" said <i>Al</i>.";
        let mut q = quote();
        let start = text.find("<b>").unwrap();
        q.span = Span::new(start, start + "<b>Hi</b>,".len());
        q.text = "<b>Hi</b>,".into();
        let mention = text.find("<i>").unwrap();
        q.attribution = Some(Box::new(Attribution {
            speaker: Some("<i>Al</i>".into()),
            mention: Some(Snippet {
                text: "<i>Al</i>".into(),
                span: Span::new(mention, mention + 9),
            }),
            ..Attribution::default()
        }));
        let html = report(&[("<x>.txt", text, vec![q])], 1);
        assert_eq!(html.matches("<script>").count(), 1, "{html}");
        assert!(!html.contains("<b>") && !html.contains("<i>Al"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;x&gt;.txt"));
    }

    #[test]
    fn quotes_mentions_and_cues_are_linked() {
        let q = quote();
        let mut second = quote();
        second.span = Span::new(0, 0);
        second.text = "".into();
        let html = report(&[("a.txt", TEXT, vec![q, second])], 1);
        // The first quotation, its anchor, tooltip and number.
        assert!(
            html.contains(
                "<mark class=\"q named c0\" id=\"a0q1\" data-q=\"a0q1\" \
             title=\"#1 Linda Okafor · said-after 0.88 · direct · cue \
             “said” · mention “Linda Okafor”\">We will rebuild,</mark>\
             <a class=\"n\" href=\"#a0r1\" data-q=\"a0q1\">1</a>"
            ),
            "{html}"
        );
        // The mention and cue are shared by both quotations.
        assert!(html.contains(
            "<span class=\"m c0\" data-q=\"a0q1 a0q2\" title=\"speaker \
             mention of #1, #2: Linda Okafor\">Linda Okafor</span>"
        ));
        assert!(html.contains("<span class=\"cue\" data-q=\"a0q1 a0q2\""));
        assert!(html.contains("id=\"a0q2\""));
        assert!(html.contains("<tr id=\"a0r1\" class=\"named\""));
        assert!(html.contains("<details class=\"article\" id=\"a0\" open>"));
    }

    #[test]
    fn overlapping_marks_nest_piece_by_piece() {
        // A mention inside another quotation.
        let text = "\"Ask Ann,\" Bo said. \"Yes,\" said Ann.";
        let mut a = quote();
        a.span = Span::new(1, 9);
        a.text = "Ask Ann,".into();
        let said = |name: &'static str, mention: Span, cue: Span| {
            Some(Box::new(Attribution {
                speaker: Some(name.into()),
                mention: Some(Snippet { text: name.into(), span: mention }),
                cue: Some(Snippet { text: "said".into(), span: cue }),
                ..Attribution::default()
            }))
        };
        a.attribution = said("Bo", Span::new(11, 13), Span::new(14, 18));
        let mut b = a.clone();
        b.span = Span::new(21, 25);
        b.attribution = said("Ann", Span::new(5, 8), Span::new(27, 31));
        let html = report(&[("a", text, vec![a, b])], 0);
        assert!(
            html.contains(
                "Ask </mark><mark class=\"q named c0\" data-q=\"a0q1\""
            ),
            "{html}"
        );
        assert!(html.contains("<span class=\"m c1\" data-q=\"a0q2\""));
        assert!(html.contains("<details class=\"article\" id=\"a0\">"));
        // Every element opened is closed.
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn statuses_and_speakers_table() {
        let named = quote();
        let mut described = quote();
        let a = described.attribution.as_deref_mut().unwrap();
        a.speaker = None;
        a.description = Some("a senior official".into());
        let mut none = quote();
        let a = none.attribution.as_deref_mut().unwrap();
        a.speaker = None;
        a.mention = None;
        let mut term = none.clone();
        term.kind = Kind::Term;
        let html = report(
            &[
                ("a.txt", TEXT, vec![named.clone(), described, none, term]),
                ("b.txt", TEXT, vec![named]),
            ],
            5,
        );
        assert!(
            html.contains(
                "2 articles, 4 quotations: 2 with a named \
                               speaker, 1 with a described one, 1 \
                               unattributed; and 1 term"
            ),
            "{html}"
        );
        assert!(html.contains(
            "<tr><td>Linda Okafor</td><td>2</td><td>2</td><td><a \
             href=\"#a0\">a.txt</a></td><td><a href=\"#a1\">b.txt</a></td></tr>"
        ));
        for class in ["q described", "q none", "q term"] {
            assert!(html.contains(class), "{class}");
        }
    }
}
