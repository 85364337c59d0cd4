//! End-to-end tests of `whosaid speakers`.

use tempfile::TempDir;

mod common;

use common::{EXAMPLES, whosaid};

#[test]
fn speakers_agree_with_extract() {
    let table = whosaid().args(["speakers", EXAMPLES]).output().unwrap();
    assert!(table.status.success());
    let rows = whosaid().args(["extract", EXAMPLES]).output().unwrap();

    // Count the extracted quotations by speaker (a running quotation
    // once: only its last piece has `continues` false).
    let mut expected: Vec<(String, usize, Vec<String>)> = vec![];
    let mut csv = csv::Reader::from_reader(&*rows.stdout);
    for row in csv.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row.unwrap();
        if row["speaker"].is_empty() || row["continues"] == "true" {
            continue;
        }
        match expected.iter_mut().find(|(s, ..)| *s == row["speaker"]) {
            Some((_, n, files)) => {
                *n += 1;
                if files.last() != Some(&row["file"]) {
                    files.push(row["file"].clone());
                }
            }
            None => expected.push((
                row["speaker"].clone(),
                1,
                vec![row["file"].clone()],
            )),
        }
    }
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert!(!expected.is_empty());

    let mut csv = csv::Reader::from_reader(&*table.stdout);
    assert_eq!(
        csv.headers().unwrap(),
        vec!["speaker", "quotes", "articles", "first_article", "last_article"]
    );
    let got: Vec<csv::StringRecord> =
        csv.records().map(Result::unwrap).collect();
    assert_eq!(got.len(), expected.len());
    for (row, (speaker, quotes, files)) in got.iter().zip(&expected) {
        let want = [
            speaker.clone(),
            quotes.to_string(),
            files.len().to_string(),
            files[0].clone(),
            files[files.len() - 1].clone(),
        ];
        assert_eq!(row, &csv::StringRecord::from(want.to_vec()));
    }
}

#[test]
fn counts_across_articles_and_writes_a_file() {
    let dir = TempDir::new().unwrap();
    for (name, text) in [
        ("a.txt", "\"We will win,\" said Ann Lee.\n"),
        ("b.txt", "Nothing was said.\n"),
        ("c.txt", "\"Yes,\" said Bo Chen. \"No,\" said Ann Lee.\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = dir.path().join("speakers.csv");
    whosaid()
        .args(["speakers", "-q", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(out).unwrap(),
        "speaker,quotes,articles,first_article,last_article\n\
         Ann Lee,2,2,a.txt,c.txt\n\
         Bo Chen,1,1,c.txt,c.txt\n"
    );
}
