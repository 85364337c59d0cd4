//! The CSV the binary writes reads back to exactly what the extractor
//! found: for generated batches of articles (news-like text with every
//! kind of quotation mark, line end and paragraph break, and arbitrary
//! Unicode), every row, read back with the csv crate, has the offsets,
//! quote, speaker, mention, cue, source, kind, rule, confidence and
//! numbering of the `Quote` that `Extractor::extract` returns, and
//! `quote` is the file's text at its offsets.
//!
//! Each case runs the binary once, so the default is 32 cases;
//! `PROPTEST_CASES=N` runs N.

use std::fs;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use whosaid::{Extractor, Quote, Snippet};

/// Quotation marks and the words around them.
const PIECES: &[&str] = &[
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "'",
    "\u{AB}",
    "\u{BB}",
    " said",
    " says",
    " told reporters",
    "According to ",
    " Maria Lopez",
    " Lopez",
    " He",
    " she",
    " the mayor",
    ", ",
    ". ",
    ": ",
    "We will win",
    "it's",
    "caf\u{E9}",
    "\u{6771}\u{4EAC}",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " \u{2014} ",
    ";",
    ",\"",
    "\u{1F600}",
];

/// Text built from [`PIECES`], or arbitrary text without what changes
/// its offsets on purpose (a leading byte order mark, `&` that could
/// start a character reference) or makes it binary (NUL).
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(select(PIECES), 0..60);
    let arbitrary = any::<String>().prop_map(|s| {
        let s = s.replace(['\0', '&'], " ");
        s.trim_start_matches('\u{FEFF}').to_owned()
    });
    prop_oneof![3 => pieces.prop_map(|p| p.concat()), 1 => arbitrary]
}

/// The CSV cells a quote must have.
fn expected(file: &str, q: &Quote<'_>) -> Vec<(&'static str, String)> {
    let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
    let text = |s: Option<&Snippet<'_>>| {
        s.map(|s| s.text.to_string()).unwrap_or_default()
    };
    let start = |s: Option<&Snippet<'_>>| {
        s.map(|s| s.span.start.to_string()).unwrap_or_default()
    };
    let end = |s: Option<&Snippet<'_>>| {
        s.map(|s| s.span.end.to_string()).unwrap_or_default()
    };
    vec![
        ("file", file.to_owned()),
        ("start", q.span.start.to_string()),
        ("end", q.span.end.to_string()),
        ("quote", q.text.to_string()),
        ("speaker", opt(q.speaker())),
        ("mention", text(q.mention())),
        ("mention_start", start(q.mention())),
        ("mention_end", end(q.mention())),
        ("cue", text(q.cue())),
        ("source", text(q.source())),
        ("kind", q.kind.as_str().to_owned()),
        ("rule", q.rule.to_owned()),
        ("confidence", format!("{:.2}", q.confidence)),
        ("description", opt(q.description())),
        ("cue_start", start(q.cue())),
        ("cue_end", end(q.cue())),
        ("source_start", start(q.source())),
        ("source_end", end(q.source())),
        ("quotation", q.quotation.to_string()),
        ("continues", q.continues.to_string()),
    ]
}

/// Built once: building is slow in a debug build.
static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32)
}

proptest! {
    #![proptest_config(Config { cases: cases(), ..Config::default() })]

    #[test]
    fn csv_reads_back_to_the_extracted_quotes(
        texts in prop::collection::vec(text(), 1..6)
    ) {
        let dir = tempfile::TempDir::new().unwrap();
        for (i, text) in texts.iter().enumerate() {
            fs::write(dir.path().join(format!("a{i}.txt")), text).unwrap();
        }
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .args(["extract", "--all-spans", "-q"])
            .arg(dir.path())
            .output()
            .unwrap();
        prop_assert_eq!(output.status.code(), Some(0));
        let mut reader = csv::Reader::from_reader(&*output.stdout);
        let header: Vec<String> =
            reader.headers().unwrap().iter().map(str::to_owned).collect();
        let records: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().unwrap();

        let extractor = &*EXTRACTOR;
        let mut want = vec![];
        for (i, text) in texts.iter().enumerate() {
            let file = format!("a{i}.txt");
            for quote in extractor.extract(text) {
                let (start, end) = (quote.span.start, quote.span.end);
                prop_assert_eq!(&text[start..end], &*quote.text);
                want.push(expected(&file, &quote));
            }
        }
        prop_assert_eq!(records.len(), want.len());
        for (record, want) in records.iter().zip(&want) {
            for (column, cell) in want {
                let at = header.iter().position(|h| h == column);
                prop_assert!(at.is_some(), "no column {}", column);
                let got = record.get(at.unwrap());
                prop_assert_eq!(got, Some(cell.as_str()), "{}", column);
            }
        }
    }
}
