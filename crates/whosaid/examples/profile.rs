//! A harness for profilers and equivalence checks: runs
//! [`Extractor::extract`] over a generated text (the benchmark's) or
//! over the files of a folder, with nothing else in the process.
//!
//! ```text
//! cargo run --release -p whosaid --example profile -- run INPUT [MB] [REPS]
//! cargo run --release -p whosaid --example profile -- dump INPUT [MB]
//! ```
//!
//! `INPUT` is one of the benchmark's texts (`news`, `dialogue`,
//! `no-quotes`, or a pathological name: `short-quotes`, ...) made `MB`
//! megabytes long (default 1), or a path: a file, or a folder whose
//! files (recursively, in sorted order) are each one text. `run`
//! extracts every text `REPS` times (default 1) and prints the bytes
//! and quotes; under `valgrind --tool=callgrind` the instructions of
//! `extract` divided by the bytes is the number the speed work tracks.
//! `dump` prints every field of every quote (`{:?}`), one text after
//! the other, for comparing two builds byte for byte.

#[path = "../benches/extract/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use whosaid::Extractor;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(input)) = (args.first(), args.get(1)) else {
        eprintln!("usage: profile run|dump INPUT [MB] [REPS]");
        return ExitCode::from(2);
    };
    let mb: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let reps: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let texts = match texts(input, (mb * (1 << 20) as f64) as usize) {
        Ok(texts) => texts,
        Err(e) => {
            eprintln!("profile: {input}: {e}");
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::new();
    match mode.as_str() {
        "run" => {
            let mut quotes = 0;
            for _ in 0..reps {
                for text in &texts {
                    quotes +=
                        std::hint::black_box(extractor.extract(text)).len();
                }
            }
            let bytes: usize = texts.iter().map(String::len).sum();
            println!("{bytes} bytes x {reps}: {quotes} quotes");
        }
        "dump" => {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for (i, text) in texts.iter().enumerate() {
                let _ = writeln!(out, "== text {i}");
                for quote in extractor.extract(text) {
                    let _ = writeln!(out, "{quote:?}");
                }
            }
        }
        _ => {
            eprintln!("profile: unknown mode {mode} (run or dump)");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// The texts `input` names, as described in the module comment.
fn texts(input: &str, bytes: usize) -> Result<Vec<String>, String> {
    match input {
        "news" => return Ok(corpus::news(bytes, true)),
        "no-quotes" => return Ok(corpus::news(bytes, false)),
        "dialogue" => return Ok(corpus::dialogue(bytes)),
        _ => {}
    }
    // A path is looked for before the pathological texts are made:
    // making them all, to pick one by name, takes longer than
    // extracting a small folder (a fifth of a second at `MB` 5).
    let path = Path::new(input);
    if !path.exists() {
        return corpus::pathological(bytes)
            .into_iter()
            .find(|(name, _)| *name == input)
            .map(|(_, text)| vec![text])
            .ok_or_else(|| {
                "neither a generated text's name nor a path".into()
            });
    }
    let mut files = Vec::new();
    collect(path, &mut files).map_err(|e| e.to_string())?;
    files.sort();
    files
        .iter()
        .map(|f| {
            std::fs::read(f)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format!("{}: {e}", f.display()))
        })
        .collect()
}

/// Every file under `path` (or `path` itself when it is a file).
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(&entry?.path(), files)?;
        }
    } else {
        files.push(path.to_path_buf());
    }
    Ok(())
}
