//! `whosaid eval`: scoring quotations against gold annotations.
//!
//! The numbers are those of the evaluation corpora's reference scorer,
//! `score.py` (see `FORMAT.md` beside it), whose logic this module
//! ports step for step: reading the gold and the predictions
//! ([`gold`]), comparing speaker names ([`name`]), matching spans and
//! counting ([`score`]), and printing ([`report`]).
//! `scripts/eval-parity.sh` checks on the development corpora that both
//! print the same numbers.

mod gold;
mod name;
mod report;
mod score;

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;

use crate::args::EvalConfig;

/// Runs `whosaid eval` and returns the number of articles that could
/// not be read (when PRED is a folder; otherwise 0).
///
/// # Errors
///
/// Fails when the gold or the predictions cannot be read or are not
/// well formed, when extraction fails, or when the output cannot be
/// written.
pub(crate) fn run(mut config: EvalConfig) -> anyhow::Result<usize> {
    let gold = gold::load_gold(&config.gold)?;
    let pred_name = config.pred.display().to_string();
    let mut failed = 0;
    let preds = match config.extract.take() {
        Some(mut extract) => {
            let scratch = Scratch::new();
            extract.output = Some(scratch.0.clone());
            failed = crate::run::extract(&extract)?;
            let file = File::open(&scratch.0).with_context(|| {
                format!("cannot read {}", scratch.0.display())
            })?;
            gold::load_pred(file, &pred_name, &gold)?
        }
        None if config.pred.as_os_str() == "-" => {
            gold::load_pred(io::stdin().lock(), "<stdin>", &gold)?
        }
        None => {
            let file = File::open(&config.pred)
                .with_context(|| format!("cannot read {pred_name}"))?;
            gold::load_pred(file, &pred_name, &gold)?
        }
    };
    let (scores, errors) = score::score(
        &gold,
        &preds,
        config.kind.as_str(),
        config.attributed_only,
    );
    let mut out = io::stdout().lock();
    let text = if config.json {
        report::json(&scores)
    } else if config.summary {
        report::summary(&scores)
    } else {
        report::table(&scores, &config.gold.display().to_string(), &pred_name)
    };
    writeln!(out, "{text}")?;
    if config.errors > 0 {
        let gold_dir = gold_dir(&config.gold);
        writeln!(
            out,
            "{}",
            report::errors(&errors, config.errors, &gold_dir)
        )?;
    }
    out.flush()?;
    Ok(failed)
}

/// The folder the gold file is in, which its `file` names are relative
/// to.
fn gold_dir(gold: &Path) -> PathBuf {
    let absolute = std::path::absolute(gold).unwrap_or_else(|_| gold.into());
    absolute.parent().map_or_else(PathBuf::new, Path::to_path_buf)
}

/// A temporary file for the predictions extracted from a folder,
/// removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// A name no other run uses: the process id and a counter.
    fn new() -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let name = format!("whosaid-eval-{}-{n}.csv", std::process::id());
        Scratch(std::env::temp_dir().join(name))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a leftover file in the temporary folder is
        // harmless, and the run's own result is what matters.
        let _ = fs::remove_file(&self.0);
    }
}
