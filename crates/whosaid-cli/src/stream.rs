//! `whosaid stream`: JSON Lines articles in on standard input, JSON
//! Lines quotations out on standard output, for pipelines (Spark's
//! `RDD.pipe`, `xargs`, a queue consumer) that hand articles over one
//! line at a time rather than as files.
//!
//! Input is read a line at a time by [`crate::jsonl`], exactly as
//! `whosaid extract --jsonl -` reads it (same fields, same decoding of
//! HTML character references, same `--max-bytes` per line), so the two
//! find the same quotations at the same offsets. Each quotation is one
//! output line: `{"id": ..., "start": ..., ...}`, the keys of
//! `whosaid extract --format jsonl` with `id` in place of `file`. An
//! article with no quotation writes nothing.
//!
//! With `--line-buffered`, each input line is extracted and its output
//! flushed before the next line is read, so a caller that writes one
//! article and waits for its quotations is not left waiting. Without
//! it, lines are read in bounded batches, extracted in parallel, and
//! written in input order: memory holds one batch at most, and the
//! output does not depend on `--threads`.
//!
//! A line that cannot be used (not JSON, no text field, too long) is
//! reported on standard error with its line number and skipped; the
//! run goes on and exits with status 1.

use std::io::{self, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};

use anyhow::Context;
use rayon::prelude::*;
use whosaid::{Extractor, Kind, Quote};

use crate::args::EngineArgs;
use crate::extracted::Extracted;
use crate::input::{self, Input, Item, ReadOptions, WalkFailure};
use crate::jsonl::{self, Origin};
use crate::messages::Messages;
use crate::metadata;
use crate::output::Article;
use crate::output::jsonl::{write_cell, write_string};
use crate::output::row::Row;

/// At most this many lines are read before a batch is extracted.
const BATCH_LINES: usize = 512;

/// A batch is extracted once its texts add up to this many bytes, even
/// if it has fewer than [`BATCH_LINES`] lines.
const BATCH_BYTES: usize = 8 << 20;

/// The flags of `whosaid stream`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("threads", |arg| arg
    .help(
        "Number of threads to use without `--line-buffered` [default: \
         all cores]",
    )
    .long_help(
        "Number of threads to use without `--line-buffered` [default: \
         all cores].\n\n\
         The output is the same for every value. Under Spark, give 1: \
         each task already has a core of its own.",
    )))]
#[command(mut_arg("quiet", |arg| arg.long_help(
    "Do not print warnings.\n\n\
     Bad input lines are still reported and still make the exit status 1."
)))]
#[command(mut_arg("lexicon", |arg| arg.help(
    "Replace built-in word lists with the files in DIR (as for `whosaid \
     extract`)"
)))]
pub(crate) struct StreamArgs {
    /// The field of an input line that holds the article's id (a string
    /// or a number).
    ///
    /// It is written as the `id` key of every quotation found in the
    /// article (a number as its decimal string); a line without it gets
    /// its line number, from 1.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub(crate) id_field: String,

    /// The field of an input line that holds the article text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub(crate) text_field: String,

    /// Write and flush each line's quotations before reading the next
    /// line.
    ///
    /// For callers that send one article and wait for its answer.
    /// Lines are then extracted one at a time, on one thread; without
    /// this flag they are extracted in parallel batches, which is
    /// faster when the input is a stream of many articles.
    #[arg(long)]
    pub(crate) line_buffered: bool,

    /// Threads, warnings and word lists.
    #[command(flatten)]
    pub(crate) engine: EngineArgs,

    /// Also write quoted spans nobody said (kind `term`).
    #[arg(long)]
    pub(crate) all_spans: bool,

    /// Add `before` and `after` keys: N characters of text around each
    /// quotation.
    #[arg(long, value_name = "N")]
    pub(crate) context: Option<usize>,

    /// Skip, with an error, input lines longer than N bytes.
    ///
    /// N may end in K, M or G (powers of 1024).
    #[arg(long, value_name = "N", default_value = "64M")]
    #[arg(value_parser = input::parse_size)]
    pub(crate) max_bytes: u64,
}

/// What became of one input line.
enum Outcome {
    /// Its quotations, possibly none.
    Quotes {
        /// The article's id.
        id: String,
        /// The text and the quotations to write.
        extracted: Extracted,
    },
    /// A line that held an article that could not be extracted.
    Failed {
        /// The input.
        input: Input,
        /// Why.
        error: anyhow::Error,
    },
    /// A line that could not be read or parsed.
    Bad(WalkFailure),
}

/// Runs `whosaid stream` and returns the number of input lines that
/// could not be used.
///
/// # Errors
///
/// Fails on a lexicon, thread pool or output error: anything that
/// stops the run, as opposed to one bad line.
pub(crate) fn run(args: &StreamArgs) -> anyhow::Result<usize> {
    let mut messages = Messages::new(args.engine.quiet, false);
    let result = stream(args, &mut messages);
    messages.finish();
    result.map(|()| messages.error_count())
}

fn stream(args: &StreamArgs, messages: &mut Messages) -> anyhow::Result<()> {
    let extractor =
        input::extractor(args.engine.lexicon.as_deref(), messages)?;
    let options = ReadOptions {
        jsonl: true,
        max_bytes: args.max_bytes,
        text_field: args.text_field.clone(),
        id_field: args.id_field.clone(),
        ..ReadOptions::default()
    };
    // Named "" so that each input's name is `#ID`.
    let mut records = jsonl::records(Origin::Stdin, String::new(), &options);
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let writing = || "<stdout>: writing";
    let mut emit = |outcome: Outcome, out: &mut BufWriter<_>| {
        match outcome {
            Outcome::Quotes { id, extracted } => {
                let (text, quotes) = (extracted.text(), extracted.quotes());
                write_quotes(out, &id, text, quotes, args.context)
                    .context(writing())?;
            }
            Outcome::Failed { input, error } => {
                messages.error(&input.display(), &error);
            }
            Outcome::Bad(WalkFailure { path, error }) => {
                messages.error(&path.display(), &error);
            }
        }
        anyhow::Ok(())
    };

    if args.line_buffered {
        for item in records {
            emit(process(&extractor, args, &options, item), &mut out)?;
            out.flush().context(writing())?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.engine.threads.map_or(0, |n| n.get()))
        .build()
        .context("starting threads")?;
    loop {
        let batch = next_batch(&mut records);
        if batch.is_empty() {
            break;
        }
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|item| process(&extractor, args, &options, item))
                .collect()
        });
        for outcome in outcomes {
            emit(outcome, &mut out)?;
        }
        // A downstream reader (Spark's pipe) gets each batch as soon
        // as it is done rather than when the buffer happens to fill.
        out.flush().context(writing())?;
    }
    Ok(())
}

/// The next lines, up to [`BATCH_LINES`] of them or [`BATCH_BYTES`] of
/// text; empty at the end of the input.
fn next_batch(records: &mut impl Iterator<Item = Item>) -> Vec<Item> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
        let Some(item) = records.next() else { break };
        if let Ok(Input {
            source: input::Source::Record { text, .. }, ..
        }) = &item
        {
            bytes += text.len();
        }
        batch.push(item);
    }
    batch
}

/// Extracts the quotations of one input line.
fn process(
    extractor: &Extractor,
    args: &StreamArgs,
    options: &ReadOptions,
    item: Item,
) -> Outcome {
    let input = match item {
        Ok(input) => input,
        Err(failure) => return Outcome::Bad(failure),
    };
    let text = match input::read(&input, options) {
        Ok(text) => text.text,
        Err(error) => return Outcome::Failed { input, error },
    };
    // As in `whosaid extract`: a panic in the core (a bug) costs one
    // article, not the stream. The extractor is immutable, so catching
    // is sound.
    let extract = || Extracted::extract(extractor, text);
    let Ok(mut extracted) = panic::catch_unwind(AssertUnwindSafe(extract))
    else {
        let error = anyhow::anyhow!(
            "internal error: the extractor panicked on this article (a \
             bug in whosaid, please report it)"
        );
        return Outcome::Failed { input, error };
    };
    if !args.all_spans {
        extracted.edit(|quotes| quotes.retain(|q| q.kind != Kind::Term));
    }
    let id = input.name.strip_prefix('#').unwrap_or(&input.name).to_owned();
    Outcome::Quotes { id, extracted }
}

/// Writes one JSON object per quotation: `id`, then the columns of
/// `whosaid extract` after `file`, typed as `--format jsonl` types them
/// and written as its writer writes them (text with nothing to escape
/// in one piece, numbers as bytes).
fn write_quotes(
    out: &mut impl Write,
    id: &str,
    text: &str,
    quotes: &[Quote<'_>],
    context: Option<usize>,
) -> io::Result<()> {
    if quotes.is_empty() {
        return Ok(());
    }
    let article = Article { name: id, text, offset: 0 };
    let meta = metadata::read(text);
    let mut number = String::new();
    for quote in quotes {
        out.write_all(b"{\"id\":")?;
        write_string(&mut *out, id)?;
        let row = Row::new(&article, &meta, quote, context);
        for (name, cell) in row.iter().filter(|(name, _)| *name != "file") {
            out.write_all(b",\"")?;
            out.write_all(name.as_bytes())?;
            out.write_all(b"\":")?;
            write_cell(&mut *out, cell, &mut number)?;
        }
        out.write_all(b"}\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::row::header;
    use crate::output::row::tests::{TEXT, quote};

    #[test]
    fn one_object_per_quotation_with_id_first() {
        let mut out = vec![];
        let q = quote();
        write_quotes(&mut out, "a\"1", TEXT, &[q.clone(), q], None).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<_> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with(r#"{"id":"a\"1","start":1,"#));
        let value: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        let keys: Vec<_> = value.as_object().unwrap().keys().collect();
        let expected: Vec<_> =
            std::iter::once("id").chain(header(false).skip(1)).collect();
        assert_eq!(keys.len(), expected.len());
        assert_eq!(value["quote"], "We will rebuild,");
        assert_eq!(value["confidence"], 0.88);
        assert_eq!(value["source"], serde_json::Value::Null);
        assert_eq!(value["continues"], false);
    }

    #[test]
    fn no_quotes_no_output() {
        let mut out = vec![];
        write_quotes(&mut out, "a", "No quotes here.", &[], Some(3)).unwrap();
        assert!(out.is_empty());
    }

    /// An input line holding `len` bytes of text.
    fn record(line: usize, len: usize) -> Item {
        let text = "x".repeat(len);
        let source =
            input::Source::Record { origin: Origin::Stdin, line, text };
        Ok(Input { source, name: format!("#{line}") })
    }

    #[test]
    fn batches_are_bounded() {
        let mut big = (1..=7).map(|n| record(n, BATCH_BYTES / 3 + 1));
        assert_eq!(next_batch(&mut big).len(), 3);
        assert_eq!(next_batch(&mut big).len(), 3);
        assert_eq!(next_batch(&mut big).len(), 1);
        assert!(next_batch(&mut big).is_empty());
        let mut many = (1..=BATCH_LINES + 1).map(|n| record(n, 0));
        assert_eq!(next_batch(&mut many).len(), BATCH_LINES);
        assert_eq!(next_batch(&mut many).len(), 1);
    }
}
