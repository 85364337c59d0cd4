//! End-to-end tests of bad input, faults and big batches: whatever a
//! batch holds, `whosaid extract` reports what it cannot read, reads
//! everything else, and never leaves a half-written output file.
//!
//! The `dirty/` folder of every awkward input is built by the test in a
//! temporary folder (binary and unreadable files must not be
//! committed): legacy and UTF-16 encodings, byte order marks, HTML
//! character references, HTML pages, JSON Lines with bad lines, binary,
//! empty and too-large files, unreadable files and folders, symbolic
//! link loops and links to nowhere.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

mod common;

use common::{EXAMPLES, Row, rows, whosaid};

/// What a run of `whosaid extract` gave.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    rows: Vec<Row>,
    stderr: String,
}

/// Runs `whosaid extract ARGS` with `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    let output = whosaid()
        .arg("extract")
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        rows: rows(&output.stdout),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

impl Run {
    /// The rows of the input named `file`.
    fn of(&self, file: &str) -> Vec<&Row> {
        self.rows.iter().filter(|r| r.get("file") == file).collect()
    }

    /// Asserts that standard error has a line `whosaid: PATH: MESSAGE...`.
    fn reports(&self, path: &Path, message: &str) {
        let line = format!("whosaid: {}: {message}", path.display());
        assert!(
            self.stderr.lines().any(|l| l.starts_with(&line)),
            "no line starting {line:?} in\n{}",
            self.stderr
        );
    }
}

/// Checks that the rows of `file` are `quotes` and that every offset
/// indexes `text`, the text the offsets are documented to refer to.
fn check(run: &Run, file: &str, text: &str, quotes: &[&str]) {
    let rows = run.of(file);
    let found: Vec<&str> = rows.iter().map(|r| r.get("quote")).collect();
    assert_eq!(found, quotes, "{file}: {}", run.stderr);
    for row in rows {
        let (start, end) =
            (row.offset("start").unwrap(), row.offset("end").unwrap());
        assert_eq!(&text[start..end], row.get("quote"), "{file}: {row:?}");
        for part in ["mention", "cue", "source"] {
            let start = row.offset(&format!("{part}_start"));
            let end = row.offset(&format!("{part}_end"));
            if let (Some(start), Some(end)) = (start, end) {
                assert_eq!(
                    &text[start..end],
                    row.get(part),
                    "{file}: {row:?}"
                );
            }
        }
    }
}

/// Sets a file's permission bits.
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// UTF-16 with a byte order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes =
        if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

const SAID: &str =
    "\u{201C}We will rebuild,\u{201D} the mayor, Linda Okafor, said.\n";

#[test]
fn dirty_folder() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("dirty");
    let sub = dir.join("sub");
    fs::create_dir_all(&sub).unwrap();
    let put =
        |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap();

    put(
        "cp1252.txt",
        b"\x93We will rebuild,\x94 the mayor, Linda Okafor, said. \
          \x93It\x92s a promise.\x94\n",
    );
    put("utf16le.txt", &utf16(SAID, true));
    put("utf16be.txt", &utf16(SAID, false));
    put("bom.txt", &[b"\xEF\xBB\xBF", SAID.as_bytes()].concat());
    put(
        "entities.txt",
        b"&ldquo;We will rebuild,&rdquo; the mayor, Linda Okafor, said. \
          &#8220;AT&amp;T&#8221; &quot;stays&quot;.\n",
    );
    put(
        "article.html",
        b"<!doctype html><html><head><title>\"Not this\"</title>\
          <script>var s = \"\\\"not this\\\" he said\";</script></head><body>\
          <nav>\"Home,\" said the menu.</nav>\
          <article><h1>Mayor vows to rebuild</h1>\
          <p>&ldquo;We will rebuild,&rdquo; the mayor, <b>Linda Okafor</b>,\n\
          said.</p><p>&quot;Soon,&quot; she added.</p></article>\
          <footer>\"Subscribe,\" said the footer.</footer></body></html>",
    );
    put(
        "declared.htm",
        b"<html><head><meta charset=\"windows-1252\"></head><body>\
          <p>\x93Caf\xE9s will reopen,\x94 Maria Lopez said.</p></body></html>",
    );
    put(
        "binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\"quoted,\" he said",
    );
    put("empty.txt", b"");
    put("big.txt", &SAID.repeat(40).into_bytes());
    put("good.txt", SAID.as_bytes());
    put("notes.csv", b"\"not\",\"read\"");
    put("unreadable.txt", SAID.as_bytes());
    let unreadable = dir.join("unreadable.txt");
    chmod(&unreadable, 0o000);
    let closed = dir.join("closed");
    fs::create_dir(&closed).unwrap();
    fs::write(closed.join("inside.txt"), SAID).unwrap();
    chmod(&closed, 0o000);
    // Root (as in CI containers) reads everything whatever the mode:
    // then these two are read like any other file and not checked.
    let privileged = fs::read(&unreadable).is_ok();

    let link = |target: &str, name: &Path| {
        std::os::unix::fs::symlink(target, name).unwrap();
    };
    link("loop.txt", &dir.join("loop.txt"));
    link("..", &sub.join("up"));
    link("nowhere.txt", &dir.join("dangling.txt"));
    link("nowhere.jpg", &dir.join("dangling.jpg"));
    link("../good.txt", &sub.join("linked.txt"));

    let jsonl = dir.join("articles.jsonl");
    fs::write(
        &jsonl,
        format!(
            "{}\n{{\"id\": \"a1\", \"text\": {}}}\n{{\"text\": \"broken\n\n\
             {{\"text\": \"&ldquo;Done,&rdquo; he said.\"}}\n[1, 2]\n\
             {{\"id\": 7, \"body\": \"no text\"}}\r\n{{\"id\": 8, \"text\": \"\"}}",
            "",
            serde_json_string(SAID),
        ),
    )
    .unwrap();
    let image = dir.join("photo.png");
    fs::write(&image, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();

    let d = dir.to_str().unwrap();
    let result = run(
        &[
            "--all-spans",
            "--max-bytes",
            "1K",
            d,
            jsonl.to_str().unwrap(),
            image.to_str().unwrap(),
        ],
        b"",
    );
    // Restore the modes so that the temporary folder can be removed.
    chmod(&unreadable, 0o644);
    chmod(&closed, 0o755);

    assert_eq!(result.code, Some(1), "{}", result.stderr);
    let said = ["We will rebuild,"];
    let decoded = "\u{201C}We will rebuild,\u{201D} the mayor, Linda Okafor, \
                   said. \u{201C}It\u{2019}s a promise.\u{201D}\n";
    check(
        &result,
        "cp1252.txt",
        decoded,
        &["We will rebuild,", "It\u{2019}s a promise."],
    );
    result.reports(
        &dir.join("cp1252.txt"),
        "not UTF-8, decoded as windows-1252",
    );
    check(&result, "utf16le.txt", SAID, &said);
    check(&result, "utf16be.txt", SAID, &said);
    // A UTF-8 file's offsets are its own bytes, the mark included.
    check(&result, "bom.txt", &format!("\u{FEFF}{SAID}"), &said);
    check(&result, "good.txt", SAID, &said);
    check(&result, "sub/linked.txt", SAID, &said);
    check(
        &result,
        "entities.txt",
        "\u{201C}We will rebuild,\u{201D} the mayor, Linda Okafor, said. \
         \u{201C}AT&T\u{201D} \"stays\".\n",
        &["We will rebuild,", "AT&T", "stays"],
    );
    assert_eq!(result.of("entities.txt")[0].get("speaker"), "Linda Okafor");
    let article = "Mayor vows to rebuild\n\n\
                   \u{201C}We will rebuild,\u{201D} the mayor, \
                   Linda Okafor, said.\n\n\
                   \"Soon,\" she added.\n";
    check(&result, "article.html", article, &["We will rebuild,", "Soon,"]);
    assert_eq!(result.of("article.html")[1].get("speaker"), "Linda Okafor");
    check(
        &result,
        "declared.htm",
        "\u{201C}Caf\u{E9}s will reopen,\u{201D} Maria Lopez said.\n",
        &["Caf\u{E9}s will reopen,"],
    );
    let name = jsonl.to_str().unwrap();
    check(&result, &format!("{name}#a1"), SAID, &said);
    check(
        &result,
        &format!("{name}#5"),
        "\u{201C}Done,\u{201D} he said.",
        &["Done,"],
    );
    check(&result, &format!("{name}#8"), "", &[]);

    // Skipped, each with its path and why.
    result.reports(
        &dir.join("binary.txt"),
        "not a text file (contains NUL bytes)",
    );
    result.reports(&image, "not a text file");
    result.reports(
        &dir.join("big.txt"),
        &format!(
            "too large ({} bytes, more than --max-bytes 1024), skipped",
            SAID.len() * 40
        ),
    );
    result.reports(&dir.join("loop.txt"), "Too many levels of symbolic links");
    result.reports(&sub.join("up"), "symbolic link loop: leads back to");
    result.reports(&dir.join("dangling.txt"), "No such file or directory");
    result.reports(&jsonl, "line 3: not valid JSON");
    result.reports(&jsonl, "line 6: not a JSON object");
    result.reports(&jsonl, "line 7: no \"text\" field");
    if privileged {
        assert_eq!(result.of("unreadable.txt").len(), 1);
        assert_eq!(result.of("closed/inside.txt").len(), 1);
    } else {
        result.reports(&unreadable, "Permission denied");
        result.reports(&closed, "Permission denied");
    }
    // Nothing else is reported: not the empty file, not the files that
    // are not read (notes.csv, a link to a missing .jpg).
    let expected_errors = if privileged { 9 } else { 11 };
    let errors =
        result.stderr.lines().filter(|l| !l.contains("decoded as")).count();
    assert_eq!(errors, expected_errors, "{}", result.stderr);
    let mut files: Vec<&str> =
        result.rows.iter().map(|r| r.get("file")).collect();
    files.dedup();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files.len(), sorted.len(), "each input's rows together");
    assert!(!files.iter().any(|f| f.contains("empty") || f.contains("notes")));
}

/// A JSON string literal.
fn serde_json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn encoding_can_be_forced() {
    let tmp = TempDir::new().unwrap();
    let latin = tmp.path().join("latin.txt");
    fs::write(&latin, b"\"Caf\xE9,\" she said.\n").unwrap();
    let raw = tmp.path().join("raw-utf16.txt");
    let mut bytes = vec![];
    for unit in "\"Hi,\" she said.\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    fs::write(&raw, &bytes).unwrap();
    let (latin, raw) = (latin.to_str().unwrap(), raw.to_str().unwrap());

    let forced = run(&["--encoding", "iso-8859-1", latin], b"");
    assert_eq!(forced.code, Some(0));
    assert_eq!(forced.stderr, "", "a forced encoding is not warned about");
    check(&forced, latin, "\"Caf\u{E9},\" she said.\n", &["Caf\u{E9},"]);
    // UTF-16 without a mark is not text, unless named.
    let unmarked = run(&[raw], b"");
    assert_eq!(unmarked.code, Some(1));
    unmarked.reports(
        Path::new(raw),
        "not a text file (contains NUL bytes); UTF-16 needs",
    );
    let named = run(&["--encoding", "UTF-16LE", raw], b"");
    assert_eq!(named.code, Some(0), "{}", named.stderr);
    check(&named, raw, "\"Hi,\" she said.\n", &["Hi,"]);
    // Standard input is decoded the same way.
    let stdin = run(&["-"], b"\x93Hi,\x94 she said.\n");
    check(&stdin, "-", "\u{201C}Hi,\u{201D} she said.\n", &["Hi,"]);
    stdin.reports(Path::new("<stdin>"), "not UTF-8, decoded as windows-1252");

    let bad = run(&["--encoding", "klingon", latin], b"");
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr.contains("unknown encoding \"klingon\""),
        "{}",
        bad.stderr
    );
    let bad = run(&["--max-bytes", "lots", latin], b"");
    assert_eq!(bad.code, Some(2));
}

#[test]
fn jsonl_from_standard_input_with_other_fields() {
    let lines = "{\"doc\": \"x-1\", \"body\": \"\\u201cHi,\\u201d she said.\"}\n\
                 {\"body\": \"\\\"Bye,\\\" he said.\"}\n\
                 {\"doc\": {}, \"body\": \"\\\"No,\\\" he said.\"}\n";
    let result = run(
        &["--jsonl", "--jsonl-field", "body", "--id-field", "doc", "-"],
        lines.as_bytes(),
    );
    assert_eq!(result.code, Some(1));
    check(&result, "-#x-1", "\u{201C}Hi,\u{201D} she said.", &["Hi,"]);
    check(&result, "-#2", "\"Bye,\" he said.", &["Bye,"]);
    result.reports(
        Path::new("<stdin>"),
        "line 3: the \"doc\" field is not a string or a number",
    );
    // With --jsonl, folders are searched for .jsonl and .ndjson files.
    let tmp = TempDir::new().unwrap();
    fs::write(
        tmp.path().join("a.ndjson"),
        "{\"text\": \"\\\"A,\\\" he said.\"}\n",
    )
    .unwrap();
    fs::write(
        tmp.path().join("b.txt"),
        "{\"text\": \"\\\"B,\\\" he said.\"}\n",
    )
    .unwrap();
    let result = run(&["--jsonl", tmp.path().to_str().unwrap()], b"");
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    let files: Vec<&str> = result.rows.iter().map(|r| r.get("file")).collect();
    assert_eq!(files, ["a.ndjson#1"]);
    // A line longer than --max-bytes is skipped; the next is read.
    let long = format!(
        "{{\"text\": \"{}\"}}\n{{\"text\": \"\\\"C,\\\" he said.\"}}\n",
        "x".repeat(100)
    );
    let result = run(&["--jsonl", "--max-bytes", "50", "-"], long.as_bytes());
    assert_eq!(result.code, Some(1));
    result.reports(
        Path::new("<stdin>"),
        "line 1: too long (more than --max-bytes 50), skipped",
    );
    check(&result, "-#2", "\"C,\" he said.", &["C,"]);
}

#[test]
fn standard_input_larger_than_max_bytes_is_skipped() {
    let result = run(&["--max-bytes", "10", "-"], SAID.as_bytes());
    assert_eq!(result.code, Some(1));
    result.reports(
        Path::new("<stdin>"),
        "too large (more than --max-bytes 10), skipped",
    );
    assert!(result.rows.is_empty());
}

/// The names of the entries of `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_run_leaves_the_previous_output_alone() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("quotes.csv");
    fs::write(&out, "previous\n").unwrap();
    let o = out.to_str().unwrap();
    let lexicon = tmp.path().join("lexicon");
    fs::create_dir(&lexicon).unwrap();
    fs::write(lexicon.join("phrases.txt"), "nonsense line\n").unwrap();
    let failed =
        run(&["--lexicon", lexicon.to_str().unwrap(), "-o", o, EXAMPLES], b"");
    assert_eq!(failed.code, Some(2));
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous\n");
    assert_eq!(names(tmp.path()), ["lexicon", "quotes.csv"]);
    let ok = run(&["-o", o, EXAMPLES], b"");
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    assert!(fs::read_to_string(&out).unwrap().starts_with("file,start,end,"));
    assert_eq!(names(tmp.path()), ["lexicon", "quotes.csv"]);
}

#[test]
fn a_full_disk_is_an_output_error() {
    if !Path::new("/dev/full").exists() {
        eprintln!("no /dev/full: skipped");
        return;
    }
    let result = run(&["-o", "/dev/full", EXAMPLES], b"");
    assert_eq!(result.code, Some(2));
    assert!(
        result.stderr.starts_with("whosaid: /dev/full: writing: "),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("No space left on device"),
        "{}",
        result.stderr
    );
    // Standard output on a full disk too.
    let full = fs::File::options().write(true).open("/dev/full").unwrap();
    let output = StdCommand::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", EXAMPLES])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

/// The articles of the folder the runs are stopped midway in: enough
/// for a run of a few tenths of a second past its first rows, in a
/// debug build and in a release one (ten times as fast).
const MIDWAY_FILES: usize = if cfg!(debug_assertions) { 1000 } else { 4000 };

/// A folder of `count` generated articles, big enough that extracting
/// it takes a while.
fn big_folder(count: usize) -> TempDir {
    let mut article = String::new();
    gather(Path::new(EXAMPLES), &mut article);
    let article = article.repeat(4);
    let dir = TempDir::new().unwrap();
    for i in 0..count {
        let sub = dir.path().join(format!("d{:02}", i % 50));
        fs::create_dir_all(&sub).unwrap();
        fs::write(
            sub.join(format!("a{i:05}.txt")),
            format!("{i}\n\n{article}"),
        )
        .unwrap();
    }
    dir
}

/// Appends the text of every file under `dir`.
fn gather(dir: &Path, into: &mut String) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            gather(&path, into);
        } else {
            into.push_str(&fs::read_to_string(path).unwrap());
            into.push_str("\n\n");
        }
    }
}

/// Starts `whosaid extract -j1 -o OUT INPUT` and waits until it has
/// written rows to its temporary file, so that it is surely midway.
fn start_midway(input: &Path, out: &Path) -> Child {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-j1", "-q", "-o"])
        .arg(out)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let temporary =
        out.with_file_name(format!(".quotes.csv.whosaid-{}.tmp", child.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    // Some way into the run: rows are in the temporary file (it is
    // written a buffer of 64 KiB at a time, so past the header and a
    // few articles), and the run goes on. Waiting for that rather than
    // for a fixed time holds whatever the speed of the build: a
    // release build reads these folders in a fraction of a second.
    let written = || fs::metadata(&temporary).is_ok_and(|m| m.len() > 0);
    while !written() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "whosaid ended before it was interrupted"
        );
        assert!(
            Instant::now() < deadline,
            "no temporary file {}",
            temporary.display()
        );
        thread::sleep(Duration::from_millis(5));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "whosaid finished too soon: make the folder bigger"
    );
    child
}

#[test]
fn killed_midway_leaves_the_previous_output_intact() {
    let input = big_folder(MIDWAY_FILES);
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("quotes.csv");
    fs::write(&out, "previous\n").unwrap();
    let mut child = start_midway(input.path(), &out);
    child.kill().unwrap(); // SIGKILL: nothing can be cleaned up.
    child.wait().unwrap();
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous\n");
    // The temporary file may stay (nothing ran to remove it), but
    // nothing partial is under the output's name.
    for name in names(tmp.path()) {
        assert!(
            name == "quotes.csv"
                || (name.starts_with(".quotes.csv.whosaid-")
                    && name.ends_with(".tmp")),
            "{name}"
        );
    }
}

#[test]
fn ctrl_c_midway_removes_the_temporary_file() {
    let input = big_folder(MIDWAY_FILES);
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("quotes.csv");
    fs::write(&out, "previous\n").unwrap();
    let mut child = start_midway(input.path(), &out);
    let status = StdCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert_eq!(stderr, "whosaid: interrupted, output not written\n");
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous\n");
    assert_eq!(names(tmp.path()), ["quotes.csv"]);
}

#[test]
fn a_pipe_closed_midway_is_a_quiet_success() {
    let input = big_folder(300);
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-j1"])
        .arg(input.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // As `| head -2`: read a little, then close the pipe.
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..2 {
        reader.read_line(&mut line).unwrap();
    }
    assert!(line.starts_with("file,start,end,"));
    drop(reader);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

/// Several runs at once write the same output without trampling each
/// other's temporary files; the last to finish wins, whole.
#[test]
fn concurrent_runs_do_not_share_a_temporary_file() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("quotes.csv");
    let children: Vec<Child> = (0..3)
        .map(|_| {
            StdCommand::new(env!("CARGO_BIN_EXE_whosaid"))
                .args(["extract", "-o"])
                .arg(&out)
                .arg(EXAMPLES)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let expected =
        whosaid().args(["extract", EXAMPLES]).output().unwrap().stdout;
    assert_eq!(fs::read(&out).unwrap(), expected);
    assert_eq!(names(tmp.path()), ["quotes.csv"]);
    let _: PathBuf = out;
}
