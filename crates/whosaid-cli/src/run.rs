//! Running `whosaid extract`: files are read and extracted in parallel,
//! then written in input order.
//!
//! Inputs are taken from the (lazy) walk a chunk at a time; a chunk is
//! extracted on the thread pool while this thread writes the chunk
//! before it (its quotations, and its messages, in input order) and
//! walks on to the next. Memory therefore holds two chunks' quotations
//! at most, and the output does not depend on the number of threads.
//! With one thread (`-j1`) the three steps take turns instead. The pool
//! still idles while the slowest file of a chunk finishes, which a
//! chunk much larger than the pool makes small.

use std::panic::{self, AssertUnwindSafe};

use anyhow::Context;
use indicatif::ProgressBar;
use rayon::prelude::*;
use whosaid::{Extractor, Kind, Quote, Span};

use crate::args::ExtractConfig;
use crate::extracted::Extracted;
use crate::input::{self, Input, WalkFailure};
use crate::interrupt;
use crate::messages::Messages;
use crate::output::{self, Article, Destination};

/// How many inputs are extracted between two writes.
const CHUNK: usize = 256;

/// What became of one input.
enum Outcome {
    /// Its quotations.
    Quotes {
        /// The input they came from.
        input: Input,
        /// The text (for context, metadata and the audit report) and
        /// the quotations to write.
        extracted: Extracted,
        /// How many bytes of the input come before `text`.
        offset: usize,
        /// A warning about how it was decoded, if any.
        warning: Option<String>,
    },
    /// It could not be read.
    Failed {
        /// The input.
        input: Input,
        /// Why.
        error: anyhow::Error,
    },
    /// A folder could not be walked.
    Walk(WalkFailure),
}

/// Runs `whosaid extract` and returns the number of inputs that could
/// not be read.
///
/// # Errors
///
/// Fails on a lexicon, thread pool or output error: anything that stops
/// the run, as opposed to one input that could not be read.
pub(crate) fn extract(config: &ExtractConfig) -> anyhow::Result<usize> {
    let mut messages = Messages::new(config.quiet, config.progress);
    let result = extract_with(config, &mut messages);
    messages.finish();
    result.map(|()| messages.error_count())
}

fn extract_with(
    config: &ExtractConfig,
    messages: &mut Messages,
) -> anyhow::Result<()> {
    let extractor = input::extractor(config.lexicon.as_deref(), messages)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.map_or(0, |n| n.get()))
        .build()
        .context("starting threads")?;
    let destination = Destination::open(config.output.as_deref())?;
    let name = destination.name();
    let writing = || format!("{name}: writing");
    let mut writer =
        output::writer(&config.format, destination).with_context(writing)?;

    let mut inputs = input::inputs(&config.paths, &config.read);
    let mut quote_count = 0usize;
    // With more than one thread, the main thread writes one chunk and
    // walks to the next while the pool extracts the chunk in between:
    // at most three chunks are alive (two of them only as paths). With
    // `-j1` each step waits for the one before, as one thread would.
    let overlap = pool.current_num_threads() > 1;
    let progress = messages.progress().cloned();
    let extract = |chunk: Vec<_>| -> Vec<Outcome> {
        chunk
            .into_par_iter()
            .map(|item| process(&extractor, config, progress.as_ref(), item))
            .collect()
    };
    let mut chunk: Vec<_> = inputs.by_ref().take(CHUNK).collect();
    let mut done: Vec<Outcome> = vec![];
    loop {
        // Stops between inputs on Ctrl-C with `-o FILE` (see
        // `interrupt`); the unfinished output is then dropped.
        interrupt::check()?;
        if chunk.is_empty() {
            break;
        }
        chunk = if overlap {
            let mut outcomes = vec![];
            let next = pool.in_place_scope(|scope| {
                scope.spawn(|_| outcomes = extract(chunk));
                write_outcomes(
                    std::mem::take(&mut done),
                    writer.as_mut(),
                    messages,
                    &mut quote_count,
                )
                .with_context(writing)?;
                anyhow::Ok(inputs.by_ref().take(CHUNK).collect())
            })?;
            done = outcomes;
            next
        } else {
            let outcomes = pool.install(|| extract(chunk));
            interrupt::check()?;
            write_outcomes(
                outcomes,
                writer.as_mut(),
                messages,
                &mut quote_count,
            )
            .with_context(writing)?;
            inputs.by_ref().take(CHUNK).collect()
        };
    }
    write_outcomes(done, writer.as_mut(), messages, &mut quote_count)
        .with_context(writing)?;
    writer.into_inner().with_context(writing)?.commit()
}

/// Writes the quotations of a chunk in input order, and prints its
/// messages about files.
fn write_outcomes<W: std::io::Write>(
    outcomes: Vec<Outcome>,
    writer: &mut dyn output::QuoteWriter<W>,
    messages: &mut Messages,
    quote_count: &mut usize,
) -> std::io::Result<()> {
    for outcome in outcomes {
        match outcome {
            Outcome::Quotes { input, extracted, offset, warning } => {
                if let Some(warning) = warning {
                    messages.warn(&input.display(), &warning);
                }
                let (text, quotes) = (extracted.text(), extracted.quotes());
                let article = Article { name: &input.name, text, offset };
                writer.write_quotes(&article, quotes)?;
                *quote_count += quotes.len();
            }
            Outcome::Failed { input, error } => {
                messages.error(&input.display(), &error);
            }
            Outcome::Walk(WalkFailure { path, error }) => {
                messages.error(&path.display(), &error);
            }
        }
    }
    if let Some(bar) = messages.progress() {
        bar.set_message(format!("{quote_count} quotes"));
    }
    Ok(())
}

/// Reads and extracts one input, on a pool thread.
fn process(
    extractor: &Extractor,
    config: &ExtractConfig,
    progress: Option<&ProgressBar>,
    item: Result<Input, WalkFailure>,
) -> Outcome {
    let input = match item {
        Ok(input) => input,
        Err(failure) => return Outcome::Walk(failure),
    };
    if interrupt::requested() {
        // The chunk is thrown away: do not spend time on it.
        let error = anyhow::Error::new(interrupt::Interrupted);
        return Outcome::Failed { input, error };
    }
    let outcome = match input::read(&input, &config.read) {
        Ok(text) => {
            // The core promises never to panic, but a batch of a million
            // files should not die, and lose its output, on the one
            // file that breaks that promise: the panic message is
            // printed by the default hook, and the file is counted as
            // failed. The extractor is immutable, so catching is sound.
            let (offset, warning) = (text.offset, text.warning);
            let extract = || Extracted::extract(extractor, text.text);
            match panic::catch_unwind(AssertUnwindSafe(extract)) {
                Ok(mut extracted) => {
                    extracted.edit(|quotes| {
                        if !config.all_spans {
                            quotes.retain(|q| q.kind != Kind::Term);
                        }
                        for quote in quotes {
                            shift(quote, offset);
                        }
                    });
                    Outcome::Quotes { input, extracted, offset, warning }
                }
                Err(_) => Outcome::Failed {
                    input,
                    error: anyhow::anyhow!(
                        "internal error: the extractor panicked on this \
                         file (a bug in whosaid, please report it)"
                    ),
                },
            }
        }
        Err(error) => Outcome::Failed { input, error },
    };
    if let Some(bar) = progress {
        bar.inc(1);
    }
    outcome
}

/// Moves every offset of `quote` forward by `by` bytes, so that
/// offsets into a text read after a byte order mark index the input's
/// own bytes.
fn shift(quote: &mut Quote<'_>, by: usize) {
    let move_span = |span: &mut Span| {
        span.start += by;
        span.end += by;
    };
    move_span(&mut quote.span);
    if let Some(a) = quote.attribution.as_deref_mut() {
        let snippets = [&mut a.mention, &mut a.cue, &mut a.source];
        for snippet in snippets.into_iter().flatten() {
            move_span(&mut snippet.span);
        }
    }
}
