//! Data-driven tests of the core's API: every `tests/data/*.toml` file.
//!
//! Each file holds `[[case]]` tables:
//!
//! ```toml
//! [[case]]
//! name = "said-after"
//! text = '"We will win," Maria Lopez said.'
//! quotes = [
//!   { quote = "We will win,", speaker = "Maria Lopez", cue = "said", rule = "said-after" },
//! ]
//! ```
//!
//! `quotes` lists exactly the quotes the extractor must return, in text
//! order; terms (`Kind::Term`) are left out of the comparison unless the
//! case sets `include_terms = true`. In an expected quote only `quote` is
//! required; every other key is checked only when present, and `""`
//! means "must be absent" (`speaker = ""`: no speaker).
//!
//! A case with `known_failure = "reason"` documents a convention the core
//! does not handle yet: it must fail, and the harness says so when it
//! starts passing. Invariants (spans on char boundaries, sorted, not
//! overlapping, `text[span] == quote.text`) hold for every case, known
//! failure or not.
//!
//! `WHOSAID_CASE=substring` runs only the cases whose name contains it;
//! `WHOSAID_DUMP=1` prints what the extractor returns for every case.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use whosaid::{Extractor, Kind, Quote};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    quotes: Vec<Expect>,
    #[serde(default)]
    include_terms: bool,
    known_failure: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    quote: String,
    speaker: Option<String>,
    cue: Option<String>,
    rule: Option<String>,
    kind: Option<String>,
    source: Option<String>,
    description: Option<String>,
    mention: Option<String>,
    quotation: Option<usize>,
    continues: Option<bool>,
}

fn data_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixture files in {}", dir.display());
    files
}

/// `None` and `""` both mean "absent".
fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("")
}

/// The span and text invariants every result must keep.
fn invariants(text: &str, quotes: &[Quote<'_>]) -> Vec<String> {
    let mut errs = vec![];
    let mut prev_end = 0;
    for (k, q) in quotes.iter().enumerate() {
        let (s, e) = (q.span.start, q.span.end);
        if s > e || e > text.len() {
            errs.push(format!("quote {k}: span {s}..{e} out of range"));
            continue;
        }
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            errs.push(format!(
                "quote {k}: span {s}..{e} not on char boundaries"
            ));
            continue;
        }
        if text[s..e] != q.text {
            errs.push(format!(
                "quote {k}: text[{s}..{e}] = {:?} but quote.text = {:?}",
                &text[s..e],
                q.text
            ));
        }
        if k > 0 && s < prev_end {
            errs.push(format!(
                "quote {k}: span {s}..{e} starts before the previous one ends \
                 ({prev_end}): unsorted or overlapping"
            ));
        }
        for (what, snip) in [
            ("mention", q.mention()),
            ("cue", q.cue()),
            ("source", q.source()),
        ] {
            if let Some(sn) = snip {
                let ok = sn.span.start <= sn.span.end
                    && text.get(sn.span.start..sn.span.end) == Some(&*sn.text);
                if !ok {
                    errs.push(format!(
                        "quote {k}: {what} {:?} does not match text at {}..{}",
                        sn.text, sn.span.start, sn.span.end
                    ));
                }
            }
        }
        if !(0.0..=1.0).contains(&q.confidence) {
            errs.push(format!(
                "quote {k}: confidence {} outside [0, 1]",
                q.confidence
            ));
        }
        prev_end = e;
    }
    errs
}

/// The differences between what a case expects and what came out.
fn compare(case: &Case, quotes: &[&Quote<'_>]) -> Vec<String> {
    let mut errs = vec![];
    if quotes.len() != case.quotes.len() {
        errs.push(format!(
            "expected {} quote(s), got {}",
            case.quotes.len(),
            quotes.len()
        ));
    }
    for (k, (want, got)) in case.quotes.iter().zip(quotes).enumerate() {
        let mut check = |field: &str, want: Option<&str>, got: &str| {
            if let Some(w) = want
                && w != got
            {
                errs.push(format!(
                    "quote {k} {field}: expected {w:?}, got {got:?}"
                ));
            }
        };
        check("quote", Some(&want.quote), &got.text);
        check("speaker", want.speaker.as_deref(), opt(got.speaker()));
        check(
            "cue",
            want.cue.as_deref().map(str::to_lowercase).as_deref(),
            &got.cue().map_or(String::new(), |c| c.text.to_lowercase()),
        );
        check("rule", want.rule.as_deref(), got.rule);
        check("kind", want.kind.as_deref(), got.kind.as_str());
        check(
            "source",
            want.source.as_deref(),
            got.source().map_or("", |s| &*s.text),
        );
        check(
            "description",
            want.description.as_deref(),
            opt(got.description()),
        );
        check(
            "mention",
            want.mention.as_deref(),
            got.mention().map_or("", |s| &*s.text),
        );
        if let Some(w) = want.quotation {
            // Quotation numbers count every span, terms included; compare
            // them counted from the first quote the case lists.
            let rel = got.quotation.wrapping_sub(quotes[0].quotation);
            if rel != w {
                errs.push(format!(
                    "quote {k} quotation: expected {w}, got {rel}"
                ));
            }
        }
        if let Some(w) = want.continues
            && w != got.continues
        {
            errs.push(format!(
                "quote {k} continues: expected {w}, got {}",
                got.continues
            ));
        }
    }
    errs
}

fn describe_expected(e: &Expect) -> String {
    let mut s = format!("{:?}", e.quote);
    let mut field = |name: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = write!(s, " {name}={v:?}");
        }
    };
    field("speaker", e.speaker.as_deref());
    field("rule", e.rule.as_deref());
    field("cue", e.cue.as_deref());
    field("kind", e.kind.as_deref());
    field("source", e.source.as_deref());
    field("description", e.description.as_deref());
    field("mention", e.mention.as_deref());
    if let Some(q) = e.quotation {
        let _ = write!(s, " quotation={q}");
    }
    if let Some(c) = e.continues {
        let _ = write!(s, " continues={c}");
    }
    s
}

fn describe_actual(q: &Quote<'_>) -> String {
    let snip = |s: Option<&whosaid::Snippet<'_>>| {
        s.map_or(String::new(), |s| s.text.to_string())
    };
    format!(
        "{:?} speaker={:?} rule={:?} cue={:?} kind={:?} source={:?} \
         description={:?} mention={:?} quotation={} continues={}",
        q.text,
        opt(q.speaker()),
        q.rule,
        snip(q.cue()),
        q.kind.as_str(),
        snip(q.source()),
        opt(q.description()),
        snip(q.mention()),
        q.quotation,
        q.continues,
    )
}

/// The text with every returned span marked `⟦…⟧`.
fn marked(text: &str, quotes: &[Quote<'_>]) -> String {
    let mut out = String::with_capacity(text.len() + 8 * quotes.len());
    let mut at = 0;
    for q in quotes {
        let (s, e) = (q.span.start, q.span.end);
        if s < at
            || e > text.len()
            || !text.is_char_boundary(s)
            || !text.is_char_boundary(e)
        {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push('⟦');
        out.push_str(&text[s..e]);
        out.push('⟧');
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    | {l}\n")).collect()
}

fn report(
    file: &str,
    case: &Case,
    all: &[Quote<'_>],
    shown: &[&Quote<'_>],
    errs: &[String],
) -> String {
    let mut r = String::new();
    let _ = writeln!(r, "=== {file} :: {}", case.name);
    if let Some(why) = &case.known_failure {
        let _ = writeln!(r, "  (known failure: {why})");
    }
    let _ = writeln!(r, "  text (returned spans marked ⟦…⟧):");
    r.push_str(&indent(&marked(&case.text, all)));
    let _ = writeln!(r, "  expected:");
    for e in &case.quotes {
        let _ = writeln!(r, "    - {}", describe_expected(e));
    }
    let _ = writeln!(r, "  actual:");
    for q in shown {
        let _ = writeln!(r, "    - {}", describe_actual(q));
    }
    let _ = writeln!(r, "  differences:");
    for e in errs {
        let _ = writeln!(r, "    * {e}");
    }
    r
}

#[test]
fn fixtures() {
    let extractor = Extractor::new();
    let only = std::env::var("WHOSAID_CASE").ok();
    let dump = std::env::var_os("WHOSAID_DUMP").is_some();
    let mut failures = vec![];
    let mut unexpected_passes = vec![];
    let mut cases = 0;
    let mut known = 0;
    let mut names = std::collections::HashSet::new();
    for path in data_files() {
        let file = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let src = std::fs::read_to_string(&path).expect("fixture file reads");
        let parsed: File = toml::from_str(&src)
            .unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        for case in &parsed.case {
            assert!(
                names.insert(format!("{file}::{}", case.name)),
                "duplicate case name {file}::{}",
                case.name
            );
            if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
                continue;
            }
            cases += 1;
            let all = extractor.extract(&case.text);
            let shown: Vec<&Quote<'_>> = all
                .iter()
                .filter(|q| case.include_terms || q.kind != Kind::Term)
                .collect();
            if dump {
                println!("--- {file} :: {}", case.name);
                for q in &all {
                    println!("    {}", describe_actual(q));
                }
            }
            let bad = invariants(&case.text, &all);
            if !bad.is_empty() {
                let mut errs =
                    vec!["INVARIANT VIOLATED (never allowed)".to_owned()];
                errs.extend(bad);
                failures.push(report(&file, case, &all, &shown, &errs));
                continue;
            }
            let errs = compare(case, &shown);
            match (&case.known_failure, errs.is_empty()) {
                (None, true) => {}
                (None, false) => failures.push(report(&file, case, &all, &shown, &errs)),
                (Some(_), false) => known += 1,
                (Some(why), true) => unexpected_passes.push(format!(
                    "{file} :: {} now passes: remove `known_failure = {why:?}`",
                    case.name
                )),
            }
        }
    }
    println!("{cases} fixture cases, {known} known failures");
    for f in &failures {
        println!("{f}");
    }
    for p in &unexpected_passes {
        println!("{p}");
    }
    assert!(
        failures.is_empty() && unexpected_passes.is_empty(),
        "{} fixture case(s) failed and {} known failure(s) now pass (details above)",
        failures.len(),
        unexpected_passes.len()
    );
}
