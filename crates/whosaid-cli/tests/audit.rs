//! End-to-end tests of `whosaid audit`: the report is self-contained,
//! escapes everything it shows, and marks every quotation, mention and
//! cue that `whosaid extract --all-spans` writes. The browser tests run
//! Debian's headless Chromium (`/usr/bin/chromium`, installed by
//! `.ci/run`) and are skipped, saying so, where it is missing.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

mod common;

use common::{EXAMPLES, whosaid};

/// Debian's Chromium.
const CHROMIUM: &str = "/usr/bin/chromium";

/// An article that tries to inject markup and script into the report.
const HOSTILE: &str = "<script>document.title = 'pwned'</script>\n\n\
\"<img src=x onerror=alert(1)> is not a picture,\" said Ann <b>Lee</b>.\n\n\
The so-called \"<i>reform</i>\" passed & failed. \"Who knows?\"\n";

/// Writes the report of `paths` to `dir/report.html` and returns its
/// path and text.
fn audit(dir: &Path, paths: &[&Path], args: &[&str]) -> (PathBuf, String) {
    let report = dir.join("report.html");
    whosaid()
        .args(["audit", "-q", "-o"])
        .arg(&report)
        .args(args)
        .args(paths)
        .assert()
        .success()
        .stdout("");
    let html = fs::read_to_string(&report).unwrap();
    (report, html)
}

/// The rows `whosaid extract --all-spans` writes for `path`, as maps.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let out =
        whosaid().args(["extract", "--all-spans"]).arg(path).output().unwrap();
    csv::Reader::from_reader(&*out.stdout)
        .deserialize()
        .map(Result::unwrap)
        .collect()
}

/// The `data-q` values of the elements whose class starts with
/// `class`, from `html`.
fn linked(html: &str, class: &str) -> Vec<String> {
    let open = format!("<span class=\"{class}");
    html.match_indices(&open)
        .filter_map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>')?];
            let start = tag.find("data-q=\"")? + 8;
            Some(tag[start..start + tag[start..].find('"')?].to_owned())
        })
        .collect()
}

/// Checks that every row of `rows` (all from article `n`, the `i`th
/// row being quotation `i + 1`) is marked in `html` with its status,
/// and its mention and cue linked to it.
fn check_marked(html: &str, n: usize, rows: &[HashMap<String, String>]) {
    let mentions = linked(html, "m");
    let cues = linked(html, "cue");
    let has = |links: &[String], id: &str| {
        links.iter().any(|l| l.split(' ').any(|x| x == id))
    };
    for (i, row) in rows.iter().enumerate() {
        let id = format!("a{n}q{}", i + 1);
        let status = if row["kind"] == "term" {
            "term"
        } else if !row["speaker"].is_empty() {
            "named"
        } else if !row["description"].is_empty() {
            "described"
        } else {
            "none"
        };
        let anchor = format!("id=\"{id}\"");
        let at = html.find(&anchor).unwrap_or_else(|| panic!("no {anchor}"));
        let tag = &html[html[..at].rfind('<').unwrap()..at];
        assert!(tag.contains(&format!("q {status}")), "{id}: {tag} {row:?}");
        assert!(
            html.contains(&format!("title=\"#{} ", i + 1)),
            "{id}: no tooltip"
        );
        if !row["mention"].is_empty() {
            assert!(has(&mentions, &id), "{id}: mention not linked");
        }
        if !row["cue"].is_empty() {
            assert!(has(&cues, &id), "{id}: cue not linked");
        }
    }
}

#[test]
fn report_is_self_contained_and_escaped() {
    let dir = TempDir::new().unwrap();
    let article = dir.path().join("<hostile>.txt");
    fs::write(&article, HOSTILE).unwrap();
    let (_, html) = audit(dir.path(), &[&article], &[]);
    // One script: the report's own. No markup from the article.
    assert_eq!(html.matches("<script").count(), 1);
    for tag in ["<img", "<b>", "<i>reform", "<hostile>", "<link", "<iframe"] {
        assert!(!html.contains(tag), "{tag} in the report");
    }
    assert!(html.contains("&lt;script&gt;document.title = &#39;pwned&#39;"));
    assert!(html.contains("&lt;hostile&gt;.txt"));
    // Nothing is fetched: no tag refers to anything outside the page
    // (text `<` is escaped, so every `<` here opens a tag of ours).
    for (at, _) in html.match_indices('<') {
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        for needle in ["src=", "http:", "https:", "url(", "@import"] {
            assert!(!tag.contains(needle), "{needle} in {tag}");
        }
        if let Some(href) = tag.find("href=\"") {
            assert!(tag[href..].starts_with("href=\"#"), "{tag}");
        }
    }
    check_marked(&html, 0, &rows(&article));
}

#[test]
fn report_marks_every_row_of_the_examples() {
    let dir = TempDir::new().unwrap();
    let (_, html) = audit(dir.path(), &[Path::new(EXAMPLES)], &[]);
    let rows = rows(Path::new(EXAMPLES));
    let mut files: Vec<&str> = rows.iter().map(|r| &*r["file"]).collect();
    files.dedup();
    assert_eq!(files.len(), 3);
    for (n, file) in files.iter().enumerate() {
        let of_file: Vec<_> =
            rows.iter().filter(|r| r["file"] == *file).cloned().collect();
        check_marked(&html, n, &of_file);
    }
    // The speakers table heads the report, most quoted first.
    let speakers = html.find("id=\"speakers\"").unwrap();
    let articles = html.find("id=\"articles\"").unwrap();
    assert!(speakers < articles);
    let table = whosaid().args(["speakers", EXAMPLES]).output().unwrap();
    let first = String::from_utf8(table.stdout).unwrap();
    let top = first.lines().nth(1).unwrap().split(',').next().unwrap();
    let row = html[speakers..].find(&format!("<tr><td>{top}</td>")).unwrap();
    assert!(speakers + row < articles);
}

/// Runs headless Chromium on `page` and returns the DOM it serialises
/// once the page has loaded, or `None` (having said why) when Chromium
/// is not installed.
fn dump_dom(page: &Path) -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        println!(
            "SKIPPED: {CHROMIUM} not found; install Debian's chromium \
             (`apt-get install chromium`, as .ci/run does) to run the \
             browser test"
        );
        return None;
    }
    let profile = TempDir::new().unwrap();
    let mut child = Process::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // A hung browser must fail the test, not hang it.
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
        out
    });
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium: {status}");
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("chromium did not finish within 180 s");
        }
        thread::sleep(Duration::from_millis(100));
    }
    Some(reader.join().unwrap())
}

#[test]
fn browser_shows_article_markup_as_text() {
    let dir = TempDir::new().unwrap();
    let article = dir.path().join("hostile.txt");
    fs::write(&article, HOSTILE).unwrap();
    let (report, _) = audit(dir.path(), &[&article, Path::new(EXAMPLES)], &[]);
    let Some(dom) = dump_dom(&report) else { return };
    // The report's script ran to its end; the article's never ran.
    assert!(dom.contains("<body data-ready=\"true\">"), "{dom}");
    assert!(dom.contains("<title>whosaid audit</title>"));
    assert!(!dom.contains("pwned</title>"));
    assert_eq!(dom.matches("<script").count(), 1);
    assert!(!dom.contains("<img") && !dom.contains("<b>Lee"));
    assert!(
        dom.contains("&lt;script&gt;document.title = 'pwned'&lt;/script&gt;")
    );
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The browser parsed what was written: every quotation of the
    // examples is marked and linked in the live DOM too.
    let rows = rows(Path::new(EXAMPLES));
    let first: Vec<_> = rows
        .iter()
        .filter(|r| r["file"] == rows[0]["file"])
        .cloned()
        .collect();
    check_marked(&dom, 1, &first);
}

#[test]
fn browser_opens_a_thousand_articles() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let text =
        fs::read_to_string(Path::new(EXAMPLES).join("city-council.txt"))
            .unwrap();
    for i in 0..1000 {
        fs::write(corpus.join(format!("{i:04}.txt")), &text).unwrap();
    }
    let (report, html) = audit(dir.path(), &[&corpus], &["--open", "10"]);
    assert_eq!(html.matches("<details class=\"article\"").count(), 1000);
    assert_eq!(
        html.matches("<details class=\"article\" id=\"a").count(),
        1000
    );
    let Some(dom) = dump_dom(&report) else { return };
    assert!(dom.contains("<body data-ready=\"true\">"));
    assert_eq!(dom.matches("<details class=\"article\"").count(), 1000);
    // Only the first ten are open.
    let open = dom
        .match_indices("<details class=\"article\"")
        .filter(|(at, _)| {
            let tag = &dom[*at..*at + dom[*at..].find('>').unwrap()];
            tag.contains(" open")
        })
        .count();
    assert_eq!(open, 10);
}
