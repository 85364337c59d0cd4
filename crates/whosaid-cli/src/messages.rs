//! Warnings and errors on standard error, the `--quiet` switch, the
//! progress bar they must not garble, and the tally that decides the
//! exit status.
//!
//! All messages about files are printed from the thread that writes
//! the output, in input order, so standard error is as deterministic as
//! standard output.

use std::fmt::Display;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Prints `whosaid: ...` lines on standard error and counts errors.
#[derive(Debug)]
pub(crate) struct Messages {
    quiet: bool,
    progress: Option<ProgressBar>,
    errors: usize,
}

impl Messages {
    /// Messages that print warnings unless `quiet`; with `progress`, a
    /// spinner counting files is drawn on standard error.
    pub(crate) fn new(quiet: bool, progress: bool) -> Messages {
        let progress = progress.then(|| {
            let bar = ProgressBar::with_draw_target(
                None,
                ProgressDrawTarget::stderr(),
            );
            // The template is a constant, so it parses; fall back to the
            // default style rather than fail if it ever does not.
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed} {pos} files, {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.set_message("0 quotes");
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Messages { quiet, progress, errors: 0 }
    }

    /// The progress bar, if one is drawn.
    pub(crate) fn progress(&self) -> Option<&ProgressBar> {
        self.progress.as_ref()
    }

    /// Prints a warning about `what` (a path, usually), unless quiet.
    pub(crate) fn warn(&self, what: &dyn Display, message: &dyn Display) {
        if !self.quiet {
            self.print(&format_args!("whosaid: {what}: {message}"));
        }
    }

    /// Prints an error about `what` and counts it.
    pub(crate) fn error(&mut self, what: &dyn Display, error: &anyhow::Error) {
        self.errors += 1;
        self.print(&format_args!("whosaid: {what}: {error:#}"));
    }

    /// The number of errors so far.
    pub(crate) fn error_count(&self) -> usize {
        self.errors
    }

    /// Removes the progress bar from the terminal.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.progress {
            bar.finish_and_clear();
        }
    }

    fn print(&self, line: &dyn Display) {
        match &self.progress {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}
