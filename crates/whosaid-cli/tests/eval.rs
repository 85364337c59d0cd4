//! End-to-end tests of `whosaid eval` on the fixture corpus in
//! `tests/fixtures/eval/` (see its README): the expected outputs there
//! were printed by the reference scorer, `score.py`, and `whosaid eval`
//! must print the same bytes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;

use common::whosaid;

/// The fixture corpus.
const CORPUS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/eval");

/// `whosaid eval ARGS`, run in the fixture corpus so that the paths it
/// prints are the relative ones the expected outputs have.
fn eval(args: &[&str]) -> Command {
    let mut cmd = whosaid();
    cmd.current_dir(CORPUS).arg("eval").args(args);
    cmd
}

fn expected(name: &str) -> String {
    fs::read_to_string(Path::new(CORPUS).join("expected").join(name)).unwrap()
}

#[test]
fn prints_what_the_reference_scorer_prints() {
    for (options, name) in [
        (&[][..], "table.txt"),
        (&["--json"], "json.txt"),
        (&["--errors", "2"], "errors-2.txt"),
        (&["--kind", "mixed"], "kind-mixed.txt"),
        (&["--attributed-only", "--summary"], "attributed-only-summary.txt"),
        (
            &["--kind", "direct", "--attributed-only", "--json"],
            "kind-direct-attributed-only-json.txt",
        ),
    ] {
        let mut args = vec!["--gold", "gold.jsonl", "pred.csv"];
        args.extend(options);
        eval(&args).assert().success().stdout(expected(name));
    }
}

#[test]
fn reads_predictions_from_standard_input() {
    let csv = fs::read(Path::new(CORPUS).join("pred.csv")).unwrap();
    let out = eval(&["--gold", "gold.jsonl", "-"])
        .write_stdin(csv)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = expected("table.txt").replace("pred pred.csv", "pred -");
    assert_eq!(String::from_utf8(out).unwrap(), table);
}

#[test]
fn gold_as_predictions_scores_one() {
    // Every gold quote as a prediction, as the corpora's gold2csv.py
    // writes them.
    let mut csv = String::from("file,start,end,quote,speaker\n");
    let gold =
        fs::read_to_string(Path::new(CORPUS).join("gold.jsonl")).unwrap();
    for line in gold.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        for q in record["quotes"].as_array().unwrap() {
            csv.push_str(&format!(
                "{},{},{},x,{}\n",
                record["file"].as_str().unwrap(),
                q["start"],
                q["end"],
                q["speaker"].as_str().unwrap_or("")
            ));
        }
    }
    eval(&["--gold", "gold.jsonl", "--summary", "-"])
        .write_stdin(csv)
        .assert()
        .success()
        .stdout(
            "quote F1 1.000 | speaker accuracy 1.000 | end-to-end F1 1.000 \
             (P 1.000 R 1.000)\n",
        );
}

#[test]
fn a_folder_is_extracted_first() {
    // Whatever the extractor finds, scoring the folder must give what
    // scoring its CSV gives.
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("pred.csv");
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-o", csv.to_str().unwrap()])
        .arg(Path::new(CORPUS).join("docs"))
        .assert()
        .success();
    let score = |pred: &str| {
        let out = eval(&["--gold", "gold.jsonl", "--json", pred])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let from_folder = score("docs");
    assert_eq!(from_folder, score(csv.to_str().unwrap()));
    assert!(from_folder.contains("\"matched\": "), "{from_folder}");
    // No temporary file is left in the corpus.
    let names: Vec<_> = fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains("whosaid")), "{names:?}");
}

#[test]
fn unusable_input_is_status_2() {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let gold = Path::new(CORPUS).join("gold.jsonl");
    let gold = gold.to_str().unwrap();
    for (pred, message) in [
        (write("a.csv", "file,start,end\n"), "lacks column(s) quote, speaker"),
        (
            write("b.csv", "file,start,end,quote,speaker\na,1,x,q,s\n"),
            "line 2: start/end must be integers",
        ),
        (
            write("c.csv", "file,start,end,quote,speaker\na,-1,2,q,s\n"),
            "line 2: bad span -1..2",
        ),
        (
            dir.path().join("missing.csv").to_str().unwrap().to_owned(),
            "cannot read",
        ),
    ] {
        eval(&["--gold", gold, &pred])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    let bad_gold = write("gold.jsonl", "{\"file\": \"a\"}\n");
    eval(&["--gold", &bad_gold, "pred.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 1: not a gold record"));
    eval(&["--gold", "nowhere.jsonl", "pred.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read nowhere.jsonl"));
}
