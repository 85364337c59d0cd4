//! What the end-to-end tests share: the binary under test, the folders
//! of articles they read, and CSV output read back as rows.
//!
//! Each test file is its own crate and uses only some of these, hence
//! the `dead_code` allowance.

#![allow(dead_code)]

use assert_cmd::Command;

/// The folder of fixture articles.
pub(crate) const ARTICLES: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/articles");

/// The sample articles the README runs on.
pub(crate) const EXAMPLES: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/examples");

/// The binary under test.
pub(crate) fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// One output row, as a map from column name to cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(Vec<(String, String)>);

impl Row {
    /// The cell in `column`; panics when there is no such column.
    pub(crate) fn get(&self, column: &str) -> &str {
        let cell = self.0.iter().find(|(name, _)| name == column);
        &cell.unwrap_or_else(|| panic!("no column {column}")).1
    }

    /// The offset in `column`, `None` for an empty cell.
    pub(crate) fn offset(&self, column: &str) -> Option<usize> {
        let cell = self.get(column);
        (!cell.is_empty()).then(|| cell.parse().unwrap())
    }
}

/// Parses CSV output with the csv crate.
pub(crate) fn rows(csv: &[u8]) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(csv);
    let header: Vec<String> =
        reader.headers().unwrap().iter().map(str::to_owned).collect();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            Row(header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect())
        })
        .collect()
}
