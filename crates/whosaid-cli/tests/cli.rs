//! End-to-end tests of the `whosaid` binary.
//!
//! The fixtures are small articles in `tests/fixtures/` at the top of
//! the repository; files that must not be committed (invalid UTF-8,
//! binary) are written into a temporary folder by the test itself.
//!
//! These tests check what the command line promises (files, order,
//! offsets, exit status, messages), not who the extractor says spoke:
//! that is tested in the core crate.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use predicates::prelude::*;
use tempfile::TempDir;

mod common;

use common::{ARTICLES, EXAMPLES, Row, rows, whosaid};

/// The CSV header, exactly.
const HEADER: &str = "file,start,end,quote,speaker,mention,mention_start,\
                      mention_end,cue,source,kind,rule,confidence,\
                      description,cue_start,cue_end,source_start,source_end,\
                      quotation,continues,date,title";

/// Runs `whosaid extract ARGS`, expects success, and returns stdout.
fn extract(args: &[&str]) -> Vec<u8> {
    whosaid()
        .arg("extract")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// The `file` values in order of appearance, repeats collapsed.
fn files(rows: &[Row]) -> Vec<String> {
    let mut files: Vec<String> =
        rows.iter().map(|r| r.get("file").to_owned()).collect();
    files.dedup();
    files
}

/// Checks that every offset in `rows` points at the text it claims,
/// reading each file from `root`.
fn check_offsets(rows: &[Row], text_of: impl Fn(&str) -> String) {
    assert!(!rows.is_empty());
    for row in rows {
        let text = text_of(row.get("file"));
        let start = row.offset("start").unwrap();
        let end = row.offset("end").unwrap();
        assert_eq!(&text[start..end], row.get("quote"), "{row:?}");
        for part in ["mention", "cue", "source"] {
            let start = row.offset(&format!("{part}_start"));
            let end = row.offset(&format!("{part}_end"));
            match (start, end) {
                (Some(start), Some(end)) => {
                    assert_eq!(&text[start..end], row.get(part), "{row:?}");
                }
                (None, None) => assert_eq!(row.get(part), "", "{row:?}"),
                _ => panic!("half an offset pair: {row:?}"),
            }
        }
    }
}

/// Writes `files` (relative path, contents) under a new temporary
/// folder.
fn temp_dir(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn header_is_exact_and_lines_end_in_newline() {
    let out = String::from_utf8(extract(&[ARTICLES])).unwrap();
    assert!(out.starts_with(&format!("{HEADER}\n")), "{out}");
    // Every record ends in a bare `\n` (CRLF is for a later `--excel`),
    // and there is no byte order mark.
    assert!(out.ends_with('\n'));
    assert!(!out.contains('\r'));
    assert!(!out.starts_with('\u{FEFF}'));
}

#[test]
fn header_is_written_even_without_quotes() {
    let dir = temp_dir(&[("none.txt", b"Nobody said anything here.\n")]);
    let out = extract(&[path_str(dir.path())]);
    assert_eq!(String::from_utf8(out).unwrap(), format!("{HEADER}\n"));
}

#[test]
fn folders_are_walked_in_sorted_order_skipping_hidden_and_other_files() {
    let rows = rows(&extract(&["--all-spans", ARTICLES]));
    // Each file's rows are together, files in sorted path order, names
    // relative to the folder argument; `.hidden/` and `.draft.txt` are
    // skipped, HTML is read.
    assert_eq!(
        files(&rows),
        [
            "city-hall.txt",
            "harbour.md",
            "nested/deeper/weather",
            "nested/school-board.txt",
            "notes.html",
            "transit.text",
        ]
    );
    // Within a file, rows are in text order.
    for pair in rows.windows(2) {
        if pair[0].get("file") == pair[1].get("file") {
            assert!(pair[0].offset("start") < pair[1].offset("start"));
        }
    }
}

#[test]
fn quotes_are_the_text_at_their_offsets() {
    let mut rows = rows(&extract(&["--all-spans", ARTICLES, EXAMPLES]));
    // An HTML file's offsets index the article text taken from it, not
    // the file (tests/dirty.rs checks those).
    rows.retain(|r| !r.get("file").ends_with(".html"));
    // Both folders have their own relative names; read each name from
    // whichever folder has it.
    check_offsets(&rows, |file| {
        let a = Path::new(ARTICLES).join(file);
        fs::read_to_string(if a.exists() {
            a
        } else {
            Path::new(EXAMPLES).join(file)
        })
        .unwrap()
    });
}

#[test]
fn several_paths_are_named_relative_to_their_own_folder() {
    let nested = format!("{ARTICLES}/nested");
    let file = format!("{ARTICLES}/transit.text");
    let rows = rows(&extract(&[&file, &nested]));
    assert_eq!(files(&rows), [&*file, "deeper/weather", "school-board.txt"]);
}

#[test]
fn files_given_directly_are_read_whatever_their_extension() {
    let file = format!("{ARTICLES}/notes.html");
    let rows = rows(&extract(&[&file]));
    assert_eq!(files(&rows), [&*file]);
}

#[test]
fn dash_reads_standard_input() {
    let text =
        fs::read_to_string(format!("{ARTICLES}/city-hall.txt")).unwrap();
    let out = whosaid()
        .args(["extract", "-"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows = rows(&out);
    assert_eq!(files(&rows), ["-"]);
    check_offsets(&rows, |_| text.clone());
}

#[test]
fn output_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("quotes.csv");
    whosaid()
        .args(["extract", ARTICLES, "-o", path_str(&path)])
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read(&path).unwrap(), extract(&[ARTICLES]));
    // The temporary file it was written under is gone.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["quotes.csv"]);
}

#[test]
fn unwritable_output_exits_2() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("missing").join("quotes.csv");
    whosaid()
        .args(["extract", ARTICLES, "-o", path_str(&path)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("quotes.csv"));
}

#[test]
fn output_is_the_same_for_any_thread_count() {
    // More files than one chunk, so that chunk boundaries are crossed.
    let mut texts = vec![];
    for entry in
        fs::read_dir(EXAMPLES).unwrap().chain(fs::read_dir(ARTICLES).unwrap())
    {
        let path = entry.unwrap().path();
        if path.is_file() {
            texts.push(fs::read(path).unwrap());
        }
    }
    let files: Vec<(String, Vec<u8>)> = (0..600)
        .map(|i| {
            (format!("d{}/f{i:03}.txt", i % 7), texts[i % texts.len()].clone())
        })
        .collect();
    let files: Vec<(&str, &[u8])> =
        files.iter().map(|(p, t)| (&**p, &**t)).collect();
    let dir = temp_dir(&files);
    let dir = path_str(dir.path());
    let one = extract(&["-j1", dir, ARTICLES]);
    assert!(rows(&one).len() > 600);
    assert_eq!(one, extract(&["-j4", dir, ARTICLES]));
    assert_eq!(one, extract(&["--threads", "3", dir, ARTICLES]));
}

#[test]
fn unreadable_and_binary_files_are_reported_and_the_rest_goes_on() {
    let dir = temp_dir(&[
        ("a-binary.txt", b"\"Hi,\" he said.\x00\x01\x02"),
        ("b-good.txt", b"\"We will win,\" the captain said.\n"),
    ]);
    let missing = dir.path().join("missing.txt");
    let assert = whosaid()
        .args(["extract", "-q", path_str(dir.path()), path_str(&missing)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "whosaid: {}: not a text file",
            dir.path().join("a-binary.txt").display()
        )))
        .stderr(predicate::str::contains(format!(
            "whosaid: {}: ",
            missing.display()
        )));
    let rows = rows(&assert.get_output().stdout);
    assert_eq!(files(&rows), ["b-good.txt"]);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    // UTF-8 with one stray Latin-1 byte: UTF-8 still, the byte replaced.
    // (A file with no UTF-8 in it is decoded as Windows-1252 instead:
    // see tests/dirty.rs.)
    let stray = [
        "\"Caf\u{E9} Lumi\u{E8}re is open, caf".as_bytes(),
        b"\xE9 or not,\" she said.\n",
    ]
    .concat();
    let dir = temp_dir(&[("stray.txt", &stray)]);
    let path = dir.path().join("stray.txt");
    let assert = whosaid()
        .args(["extract", path_str(&path)])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "whosaid: {}: invalid UTF-8",
            path.display()
        )));
    let rows = rows(&assert.get_output().stdout);
    let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
    check_offsets(&rows, |_| text.clone());
    assert!(rows[0].get("quote").contains('\u{FFFD}'));
    // --quiet silences the warning.
    whosaid()
        .args(["extract", "-q", path_str(&path)])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn offsets_count_the_byte_order_mark() {
    // The mark is skipped for extraction but its three bytes are
    // counted, so that offsets index the file's own bytes.
    let plain = fs::read(format!("{ARTICLES}/city-hall.txt")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&plain);
    let dir = temp_dir(&[("bom.txt", &bom), ("plain.txt", &plain)]);
    let all = rows(&extract(&[path_str(dir.path())]));
    let (with, without): (Vec<Row>, Vec<Row>) =
        all.into_iter().partition(|r| r.get("file") == "bom.txt");
    assert_eq!(with.len(), without.len());
    for (w, p) in with.iter().zip(&without) {
        assert_eq!(w.get("quote"), p.get("quote"));
        assert_eq!(w.get("speaker"), p.get("speaker"));
        for column in HEADER.split(',') {
            if column.ends_with("start") || column.ends_with("end") {
                assert_eq!(
                    w.offset(column),
                    p.offset(column).map(|o| o + 3),
                    "{column}"
                );
            }
        }
        let (start, end) = (w.offset("start"), w.offset("end"));
        let quote = &bom[start.unwrap()..end.unwrap()];
        assert_eq!(quote, w.get("quote").as_bytes());
    }
    check_offsets(&with, |_| String::from_utf8(bom.clone()).unwrap());
    // A quotation opening the file right after the mark is found too.
    let dir = temp_dir(&[(
        "bom.txt",
        "\u{FEFF}\"Hello there,\" she said.\n".as_bytes(),
    )]);
    let first = rows(&extract(&[path_str(dir.path())]));
    assert_eq!(first[0].get("quote"), "Hello there,");
    assert_eq!(first[0].offset("start"), Some(4));
    // Standard input is treated the same way.
    let out = whosaid()
        .args(["extract", "-"])
        .write_stdin(bom.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdin = rows(&out);
    assert_eq!(stdin.len(), with.len());
    check_offsets(&stdin, |_| String::from_utf8(bom.clone()).unwrap());
}

#[test]
fn terms_are_left_out_unless_all_spans() {
    let some = rows(&extract(&[ARTICLES, EXAMPLES]));
    let all = rows(&extract(&["--all-spans", ARTICLES, EXAMPLES]));
    assert!(some.iter().all(|r| r.get("kind") != "term"));
    // --all-spans adds rows of kind `term` and nothing else.
    let mut extra = all.clone();
    extra.retain(|r| !some.contains(r));
    assert_eq!(all.len() - extra.len(), some.len());
    assert!(extra.iter().all(|r| r.get("kind") == "term"), "{extra:?}");
}

#[test]
fn usage_errors_exit_2() {
    whosaid().args(["extract", "--bogus", ARTICLES]).assert().code(2);
    whosaid().args(["extract", "-j0", ARTICLES]).assert().code(2);
    whosaid().args(["extract"]).assert().code(2);
    whosaid().args(["nonsense"]).assert().code(2);
    whosaid().assert().code(2);
}

#[test]
fn version_and_help() {
    whosaid()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("whosaid {}\n", env!("CARGO_PKG_VERSION")));
    whosaid()
        .args(["extract", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--all-spans"));
}

#[test]
fn bad_lexicon_exits_2() {
    let dir = temp_dir(&[("phrases.txt", b"nonsense line\n")]);
    whosaid()
        .args(["extract", "--lexicon", path_str(dir.path()), ARTICLES])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("phrases.txt line 1"));
    let missing = dir.path().join("missing");
    whosaid()
        .args(["extract", "--lexicon", path_str(&missing), ARTICLES])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing"));
}

#[test]
fn lexicon_lists_replace_builtin_ones_and_unknown_files_warn() {
    let dir = temp_dir(&[
        ("verbs.txt", b"say says said saying\n"),
        ("extra.txt", b"x\n"),
    ]);
    let assert = whosaid()
        .args(["extract", "--lexicon", path_str(dir.path()), ARTICLES])
        .assert()
        .success()
        .stderr(predicate::str::contains("extra.txt: not a lexicon list"));
    assert!(
        String::from_utf8_lossy(&assert.get_output().stdout)
            .starts_with(HEADER)
    );
}

#[test]
fn closed_standard_output_is_a_quiet_success() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", ARTICLES, EXAMPLES])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn names_the_mayor() {
    let file: PathBuf = Path::new(ARTICLES).join("city-hall.txt");
    let rows = rows(&extract(&[path_str(&file)]));
    let row =
        rows.iter().find(|r| r.get("quote") == "We will rebuild,").unwrap();
    assert_eq!(row.get("speaker"), "Linda Okafor");
}
