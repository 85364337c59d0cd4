//! `whosaid extract --shard K/N`: the shards of a batch together write
//! exactly the rows of the unsharded run, each row once.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use predicates::prelude::*;
use tempfile::TempDir;

mod common;

use common::{ARTICLES, EXAMPLES, whosaid};

/// The data rows of a CSV output (the header checked and left out),
/// each as its cells.
fn records(csv: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv);
    assert_eq!(&reader.headers().unwrap()[0], "file");
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Runs `whosaid extract ARGS` and returns its rows; it must succeed.
fn extract(args: &[&str]) -> Vec<Vec<String>> {
    let out = whosaid().arg("extract").args(args).assert().success();
    records(&out.get_output().stdout)
}

/// A folder of articles: the samples, and 60 generated ones in nested
/// folders, with quotes running over lines and non-ASCII text.
fn corpus() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(Path::new(EXAMPLES), dir.path());
    let names = ["Ann Lee", "Tomás Ruiz", "Grace Obi", "Wei Zhang"];
    for i in 0..60 {
        let folder = dir.path().join(format!("{}/{:02}", 2020 + i % 3, i % 7));
        fs::create_dir_all(&folder).unwrap();
        let speaker = names[i % names.len()];
        let text = format!(
            "Story number {i}\n\n\"We will have the figures by week {i},\" \
             said {speaker}, who leads the review.\n\n\u{201C}It is too \
             early to tell,\u{201D} {speaker} told reporters. \u{201C}Ask \
             me\nagain in spring.\u{201D}\n"
        );
        fs::write(folder.join(format!("story-{i:03}.txt")), text).unwrap();
    }
    dir
}

/// Copies the files under `from` into `to`.
fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn three_shards_make_up_the_unsharded_run() {
    let dir = corpus();
    let root = dir.path().to_str().unwrap();
    let mut all = extract(&[root]);
    assert!(all.len() > 100, "{}", all.len());
    let mut union = vec![];
    let mut files_seen: Vec<BTreeSet<String>> = vec![];
    for k in 0..3 {
        let shard = format!("{k}/3");
        let rows = extract(&["--shard", &shard, "-j2", root]);
        // Every shard gets a fair part of 63 files.
        let files: BTreeSet<_> = rows.iter().map(|r| r[0].clone()).collect();
        assert!(files.len() > 10, "shard {shard}: {files:?}");
        files_seen.push(files);
        union.extend(rows);
    }
    union.sort();
    all.sort();
    assert_eq!(union.len(), all.len());
    assert!(union == all, "the shards' rows differ from the unsharded run");
    // No file is in two shards.
    for (a, b) in [(0, 1), (0, 2), (1, 2)] {
        assert!(files_seen[a].is_disjoint(&files_seen[b]));
    }
}

#[test]
fn one_shard_is_the_whole_run() {
    let whole = whosaid().args(["extract", EXAMPLES]).output().unwrap();
    let shard = whosaid()
        .args(["extract", "--shard", "0/1", EXAMPLES])
        .output()
        .unwrap();
    assert!(whole.status.success() && shard.status.success());
    assert_eq!(whole.stdout, shard.stdout);
}

#[test]
fn shards_are_the_same_from_any_folder_and_any_run() {
    // The hash is of the name relative to the folder argument, so a
    // copy of the corpus elsewhere (another machine) splits the same
    // way; and the numbers are pinned, so another version does too.
    let copy = corpus();
    let here = extract(&["--shard", "1/3", EXAMPLES]);
    let there = extract(&["--shard", "1/3", copy.path().to_str().unwrap()]);
    let files = |rows: &[Vec<String>]| -> BTreeSet<String> {
        rows.iter().map(|r| r[0].clone()).collect()
    };
    let samples = ["city-council.txt", "science/coral-survey.md"];
    assert_eq!(files(&here), samples.map(String::from).into());
    assert!(files(&there).is_superset(&files(&here)));
    // `world/trade-talks.txt` is in shard 0 of 3.
    let zero = extract(&["--shard", "0/3", EXAMPLES]);
    assert_eq!(files(&zero), ["world/trade-talks.txt".to_owned()].into());
    assert!(extract(&["--shard", "2/3", EXAMPLES]).is_empty());
}

#[test]
fn a_jsonl_file_goes_to_one_shard_whole() {
    let dir = TempDir::new().unwrap();
    let lines: String = (0..30)
        .map(|i| {
            format!(
                "{{\"id\":{i},\"text\":\"\\\"Yes,\\\" said Ann Lee {i}.\"}}\n"
            )
        })
        .collect();
    fs::write(dir.path().join("batch.jsonl"), lines).unwrap();
    let root = dir.path().to_str().unwrap();
    let sizes: Vec<usize> = (0..2)
        .map(|k| {
            extract(&["--jsonl", "--shard", &format!("{k}/2"), root]).len()
        })
        .collect();
    let mut sorted = sizes.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [0, 30], "{sizes:?}");
}

#[test]
fn bad_shards_are_usage_errors() {
    for (bad, why) in [
        ("3/3", "there is no shard 3 of 3: shards are counted from 0"),
        ("0/0", "must be at least 1"),
        ("1", "write K/N"),
        ("a/3", "write K/N"),
        ("-1/3", "write K/N"),
    ] {
        whosaid()
            .args(["extract", ARTICLES, &format!("--shard={bad}")])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(why));
    }
}

#[test]
fn errors_stay_with_the_shard_of_the_file() {
    // A missing file argument is reported by the shard it is in only.
    let codes: Vec<i32> = (0..3)
        .map(|k| {
            let out = whosaid()
                .args(["extract", "--shard", &format!("{k}/3")])
                .args(["no-such-file.txt", EXAMPLES])
                .output()
                .unwrap();
            out.status.code().unwrap()
        })
        .collect();
    assert_eq!(codes.iter().filter(|&&c| c == 1).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 2, "{codes:?}");
}
