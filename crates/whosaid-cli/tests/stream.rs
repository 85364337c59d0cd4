//! `whosaid stream`: JSON Lines articles in, JSON Lines quotations out.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use predicates::prelude::*;
use serde_json::{Map, Value, json};

mod common;

use common::{EXAMPLES, whosaid};

/// The JSON objects of JSON Lines output.
fn objects(out: &[u8]) -> Vec<Map<String, Value>> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(Value::Object(object)) => object,
            other => panic!("not an object: {line}: {other:?}"),
        })
        .collect()
}

/// Runs `whosaid stream ARGS` on `input`; returns its status code,
/// standard output and standard error.
fn stream(args: &[&str], input: &str) -> (i32, Vec<u8>, String) {
    let out = whosaid()
        .arg("stream")
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap(), out.stdout, stderr)
}

/// The sample articles as JSON Lines, each with its path relative to
/// the samples folder as id (as the Spark example sends them).
fn examples_jsonl() -> String {
    let mut files = vec![];
    collect(Path::new(EXAMPLES), &mut files);
    files.sort();
    files
        .iter()
        .map(|path| {
            let id = path
                .strip_prefix(EXAMPLES)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_str().unwrap())
                .collect::<Vec<_>>()
                .join("/");
            let text = fs::read_to_string(path).unwrap();
            format!("{}\n", json!({"id": id, "text": text}))
        })
        .collect()
}

/// The files under `dir`.
fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

#[test]
fn same_quotations_as_extract() {
    let input = examples_jsonl();
    let (code, out, stderr) = stream(&[], &input);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let streamed = objects(&out);
    assert!(streamed.len() >= 18, "{}", streamed.len());

    // `extract --format jsonl` on the same lines: the same objects,
    // `file` being `-#ID` where stream writes `id`.
    let extracted = whosaid()
        .args(["extract", "--jsonl", "--format", "jsonl", "-"])
        .write_stdin(input)
        .assert()
        .success();
    let extracted: Vec<_> = objects(&extracted.get_output().stdout)
        .into_iter()
        .map(|mut object| {
            let file = object.remove("file").unwrap();
            let id = file.as_str().unwrap().strip_prefix("-#").unwrap();
            let mut renamed = Map::new();
            renamed.insert("id".into(), id.into());
            renamed.extend(object);
            renamed
        })
        .collect();
    assert_eq!(streamed, extracted);
    // Keys in order: `id`, then the CSV columns from `start`.
    let first = String::from_utf8(out).unwrap();
    assert!(first.starts_with("{\"id\":\"city-council.txt\",\"start\":"));

    // And the same rows as `extract` on the files themselves.
    let csv = whosaid().args(["extract", EXAMPLES]).assert().success();
    let mut reader = csv::Reader::from_reader(&csv.get_output().stdout[..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().take(5).map(str::to_owned).collect())
        .collect();
    let keys = ["id", "start", "end", "quote", "speaker"];
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let streamed: Vec<Vec<String>> = streamed
        .iter()
        .map(|o| keys.iter().map(|k| cell(&o[*k])).collect())
        .collect();
    assert_eq!(streamed, rows);
}

#[test]
fn bad_lines_are_reported_and_skipped() {
    let input = "{\"id\":\"a\",\"text\":\"\\\"Yes,\\\" said Ann Lee.\"}\n\
                 not json\n\
                 \n\
                 {\"id\":\"b\"}\n\
                 [1, 2]\n\
                 {\"id\":\"c\",\"text\":\"\\\"No,\\\" said Bo Chan.\"}\n";
    let (code, out, stderr) = stream(&[], input);
    assert_eq!(code, 1);
    let ids: Vec<_> = objects(&out).iter().map(|o| o["id"].clone()).collect();
    assert_eq!(ids, ["a", "c"]);
    let lines: Vec<_> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].starts_with("whosaid: <stdin>: line 2: not valid JSON"));
    assert_eq!(lines[1], "whosaid: <stdin>: line 4: no \"text\" field");
    assert_eq!(lines[2], "whosaid: <stdin>: line 5: not a JSON object");
}

#[test]
fn articles_without_quotes_write_nothing() {
    let input = "{\"id\":1,\"text\":\"Nobody said anything.\"}\n\
                 {\"id\":2,\"text\":\"\"}\n";
    let (code, out, stderr) = stream(&[], input);
    assert_eq!((code, out.as_slice(), stderr.as_str()), (0, &b""[..], ""));
    let (code, out, _) = stream(&[], "");
    assert_eq!((code, out.as_slice()), (0, &b""[..]));
}

#[test]
fn field_names_ids_and_options() {
    let input = "{\"doc\":7,\"body\":\"He called it \\\"a mess\\\" and \
                 left. \\\"We won,\\\" said Ann Lee.\"}\n\
                 {\"body\":\"&ldquo;Fine,&rdquo; said Bo Chan.\"}\n";
    let args = ["--id-field", "doc", "--text-field", "body", "--context=3"];
    let (code, out, stderr) = stream(&args, input);
    assert_eq!(code, 0, "{stderr}");
    let found = objects(&out);
    // A number id is written as a string; a line without one gets its
    // line number.
    let ids: Vec<_> = found.iter().map(|o| o["id"].clone()).collect();
    assert_eq!(ids, ["7", "7", "2"]);
    assert_eq!(found[1]["quote"], "We won,");
    assert_eq!(found[1]["after"], "\" s");
    // Character references are decoded, as `extract --jsonl` does, and
    // offsets index the decoded text.
    assert_eq!(found[2]["quote"], "Fine,");
    assert_eq!(found[2]["start"], 3);
    // Without the default field names, the defaults find nothing.
    let (code, _, stderr) = stream(&[], input);
    assert_eq!(code, 1);
    assert!(stderr.contains("line 1: no \"text\" field"), "{stderr}");
    // Terms only with --all-spans.
    let kinds = |args: &[&str]| -> Vec<Value> {
        let (_, out, _) = stream(args, input);
        objects(&out).iter().map(|o| o["kind"].clone()).collect()
    };
    let base = ["--id-field", "doc", "--text-field", "body"];
    let mut all = base.to_vec();
    all.push("--all-spans");
    assert!(kinds(&all).len() >= kinds(&base).len());
    // Lines longer than --max-bytes are skipped.
    let (code, out, stderr) = stream(&["--max-bytes", "40"], input);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(stderr.contains("line 1: too long"), "{stderr}");
}

#[test]
fn batches_keep_input_order_for_any_threads() {
    let input: String = (0..1500)
        .map(|i| {
            let text = format!(
                "\"Line {i} is here,\" said Ann Lee.\n\n\"And {i} again,\" \
                 she added."
            );
            format!("{}\n", json!({"id": i, "text": text}))
        })
        .collect();
    let (code, one, _) = stream(&["-j1"], &input);
    assert_eq!(code, 0);
    let (code, two, _) = stream(&["-j2"], &input);
    assert_eq!(code, 0);
    assert!(one == two, "-j1 and -j2 differ");
    let (code, buffered, _) = stream(&["--line-buffered"], &input);
    assert_eq!(code, 0);
    assert!(one == buffered, "--line-buffered differs");
    let ids: Vec<String> = objects(&one)
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<String> =
        (0..1500).flat_map(|i| [i.to_string(), i.to_string()]).collect();
    assert_eq!(ids, expected);
}

#[test]
fn line_buffered_answers_each_line_before_the_next() {
    let mut child = Process::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["stream", "--line-buffered"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read answers on a thread, so that a missing flush fails the test
    // (after a generous wait) instead of hanging it.
    let (answers, received) = mpsc::channel();
    let reader = thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if answers.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..3 {
        let text = format!("\"Answer {i},\" said Ann Lee.");
        writeln!(stdin, "{}", json!({"id": i, "text": text})).unwrap();
        stdin.flush().unwrap();
        // The input is still open: the answer can only come if the
        // line was extracted and flushed at once.
        let answer = received
            .recv_timeout(Duration::from_secs(60))
            .expect("no answer to a line while the input is open");
        let answer: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(answer["id"], i.to_string());
        assert_eq!(answer["quote"], format!("Answer {i},"));
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn a_closed_output_is_a_clean_exit() {
    let input = examples_jsonl().repeat(200);
    let mut child = Process::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["stream", "--line-buffered"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = thread::spawn(move || {
        // Fails with a broken pipe once whosaid has exited: fine.
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\":"));
    // The reader is dropped: whosaid's next write meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
}

#[test]
fn help_and_usage() {
    whosaid()
        .args(["stream", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--line-buffered"))
        .stdout(predicate::str::contains("--id-field"));
    whosaid().args(["stream", "extra-arg"]).assert().code(2);
}
