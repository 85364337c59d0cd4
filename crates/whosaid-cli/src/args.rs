//! Command-line arguments: the clap structs filled straight from the
//! flags (low level), and the [`ExtractConfig`] built from them once
//! parsing is over (high level).
//!
//! Every subcommand has its own `*Args` struct; a new subcommand
//! (`audit`, `eval`, `speakers`, `stream`, ...) is one more variant of
//! [`Command`] and one more `*Args` struct here.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::input::{InputArgs, ReadOptions};
use crate::output::html::AuditOptions;
use crate::output::{Format, Syntax};

/// Find quotations in English news articles and say who said them.
///
/// `whosaid` reads plain-text articles, finds every quoted span, the
/// reporting cue around it (`said`, `according to`, `told Reuters`) and
/// the speaker, and writes one row per quotation.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, propagate_version = true)]
#[command(arg_required_else_help = true, max_term_width = 100)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Extract quotations from files and folders into CSV.
    ///
    /// Writes one row per quotation: CSV as in RFC 4180 but with `\n`
    /// line ends, UTF-8, with a header row naming the columns.
    ///
    /// Folders are searched recursively for files ending in `.txt`,
    /// `.text`, `.md`, `.html` or `.htm`, or with no extension at all
    /// (with `--jsonl`: `.jsonl` and `.ndjson`); hidden files and
    /// folders (names starting with `.`) are skipped and symbolic links
    /// are followed (loops are reported). Files named on the command
    /// line are always read, whatever their extension. Files are read
    /// in sorted path order and the output is the same for every
    /// `--threads`.
    ///
    /// Text is UTF-8, UTF-16 with a byte order mark, or a legacy
    /// encoding that is detected (Windows-1252, ...) or named with
    /// `--encoding`. HTML files are read for their article text; JSON
    /// Lines files (`.jsonl`, `.ndjson`) hold one article a line.
    /// Offsets (`start`, `end`, ...) are byte offsets into the file's
    /// own bytes when it is valid UTF-8 (a byte order mark is counted)
    /// and has no HTML character references (`&ldquo;`); otherwise
    /// into the UTF-8 text after decoding, references decoded; for HTML
    /// into the article text extracted; for JSON Lines into the text
    /// field's value.
    ///
    /// Exit status: 0 when every input was read, 1 when some input
    /// could not be read (each is reported on standard error and the
    /// others are still processed), 2 on a usage, lexicon or output
    /// error, 130 when interrupted.
    Extract(ExtractArgs),

    /// Write an HTML report showing every quotation in its article.
    ///
    /// One self-contained page (no network, no external files): a table
    /// of speakers with their quotation counts, then each article with
    /// every quotation highlighted in its speaker's colour and
    /// numbered, the speaker mention and cue marked and linked to it
    /// (hover over one to light up the others), the rule and confidence
    /// in each quotation's tooltip and in a table under the article.
    /// Unattributed quotations and terms (quoted words nobody said,
    /// which the report shows too) look different. Inputs are read as
    /// `whosaid extract` reads them.
    ///
    /// Exit status as for `whosaid extract`.
    Audit(AuditArgs),

    /// Score quotations against gold annotations.
    ///
    /// PRED is a CSV written by `whosaid extract` (or any CSV with the
    /// columns `file`, `start`, `end`, `quote` and `speaker`), `-` for
    /// standard input, or a folder of articles, which is extracted
    /// first (give the corpus's `docs/` folder). GOLD is a `gold.jsonl`
    /// as described in the evaluation corpora's FORMAT.md. The numbers
    /// are those of the reference scorer, `score.py`: quote precision,
    /// recall and F1 (a prediction matches a gold quote when they
    /// overlap by at least half their union, one to one, best first),
    /// speaker accuracy on the matched quotes whose gold speaker is
    /// named, and end-to-end precision, recall and F1.
    ///
    /// Exit status: 0 scored, 1 scored but some article could not be
    /// read, 2 on unusable input (a missing column, a bad offset, a
    /// gold line that does not parse, a file that cannot be read).
    Eval(EvalArgs),

    /// Count quotations by speaker, as CSV.
    ///
    /// One row per speaker (the `speaker` column of `whosaid extract`):
    /// the number of quotations (a quotation running over several
    /// paragraphs counts once), of articles, and the first and last
    /// article quoting them, in input order. Sorted by quotations,
    /// most first, then by name. Quotations without a named speaker
    /// are not counted.
    ///
    /// Exit status as for `whosaid extract`.
    Speakers(SpeakersArgs),

    /// Read JSON Lines articles on standard input, write JSON Lines
    /// quotations on standard output.
    ///
    /// Each input line is one article, `{"id": ..., "text": ...}` (the
    /// field names are set by `--id-field` and `--text-field`), read as
    /// `whosaid extract --jsonl -` reads it. Each output line is one
    /// quotation: `id` (the article's id, as a string; its line number
    /// when it has none), then the columns of `whosaid extract` from
    /// `start` to `title`, typed as `--format jsonl` types them. An
    /// article with no quotation writes no line. The input is read a
    /// line at a time, never whole; output is in input order.
    ///
    /// Exit status: 0 when every line was used, 1 when some line was
    /// not (not JSON, no text field, too long: each is reported on
    /// standard error with its line number and skipped), 2 on a usage,
    /// lexicon or output error.
    Stream(crate::stream::StreamArgs),
}

impl Cli {
    /// Checks what clap cannot: flags that conflict only for some
    /// values.
    ///
    /// # Errors
    ///
    /// A usage error, to be printed as clap prints its own.
    pub(crate) fn check(self) -> Result<Cli, clap::Error> {
        if let Command::Extract(args) = &self.command
            && args.excel
            && args.format != FormatArg::Csv
        {
            let mut cli = Cli::command();
            cli.build();
            let extract = cli
                .find_subcommand_mut("extract")
                .expect("`extract` is a subcommand of Cli");
            return Err(extract.error(
                clap::error::ErrorKind::ArgumentConflict,
                "--excel writes CSV: it cannot be used with --format tsv \
                 or --format jsonl",
            ));
        }
        Ok(self)
    }
}

/// The values of `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// CSV (RFC 4180 with `\n` line ends).
    #[default]
    Csv,
    /// Tab-separated values; tabs, line breaks and `\` in text written
    /// `\t`, `\n`, `\r`, `\\`.
    Tsv,
    /// JSON Lines: one object per quotation, the columns as keys.
    Jsonl,
}

/// The flags of every command that extracts: threads, warnings, word
/// lists.
///
/// Each flag is declared once, here, with the help most commands show.
/// A command that says more, or says it its own way, rewords the help
/// with `mut_arg` on its own struct (`Cli::command()` panics on a
/// `mut_arg` naming no flag, so a renamed field cannot go unnoticed).
#[derive(Debug, Args)]
pub(crate) struct EngineArgs {
    /// Number of threads to use [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) threads: Option<NonZeroUsize>,

    /// Do not print warnings.
    #[arg(short, long)]
    pub(crate) quiet: bool,

    /// Replace built-in word lists with the files in DIR.
    #[arg(long, value_name = "DIR")]
    pub(crate) lexicon: Option<PathBuf>,
}

/// The flags of the commands that read articles from files and
/// folders: `extract`, `audit` and `speakers` (and `eval`, which sets
/// them itself when its PRED is a folder).
#[derive(Debug, Args)]
pub(crate) struct ReadingArgs {
    /// Files and folders to read; `-` reads standard input.
    #[arg(value_name = "PATH", required = true)]
    pub(crate) paths: Vec<PathBuf>,

    /// Write the CSV to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Threads, warnings and word lists.
    #[command(flatten)]
    pub(crate) engine: EngineArgs,

    /// How inputs are read: encoding, size limit, JSON Lines.
    #[command(flatten)]
    pub(crate) input: InputArgs,
}

/// The flags of `whosaid extract`.
#[derive(Debug, Args)]
#[command(mut_arg("output", |arg| arg.long_help(
    "Write the CSV to FILE instead of standard output.\n\n\
     The file is written under a temporary name next to it \
     (`.FILE.whosaid-PID.tmp`) and renamed when complete, so a failed \
     or interrupted run leaves the previous FILE as it was."
)))]
#[command(mut_arg("threads", |arg| arg.long_help(
    "Number of threads to use [default: all cores].\n\n\
     The output is byte for byte the same for every value."
)))]
#[command(mut_arg("quiet", |arg| arg.long_help(
    "Do not print warnings.\n\n\
     Errors (a file that cannot be read) are still printed and still \
     make the exit status 1."
)))]
#[command(mut_arg("lexicon", |arg| arg.long_help(
    "Replace built-in word lists with the files in DIR.\n\n\
     Every file in DIR named like a built-in list (`verbs.txt`, \
     `phrases.txt`, `titles.txt`, ...) replaces that list; the lists \
     DIR does not have stay built-in. Other `.txt` files in DIR are \
     ignored with a warning."
)))]
pub(crate) struct ExtractArgs {
    /// What to read, where to write, and how.
    #[command(flatten)]
    pub(crate) reading: ReadingArgs,

    /// Also write quoted spans nobody said (kind `term`).
    ///
    /// Scare quotes, titles and words mentioned as words are left out
    /// by default.
    #[arg(long)]
    pub(crate) all_spans: bool,

    /// Output format.
    ///
    /// All three have the same columns in the same order (in JSON Lines
    /// as keys, with numbers and booleans typed and `null` for an empty
    /// cell).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t)]
    pub(crate) format: FormatArg,

    /// Write CSV that spreadsheets open correctly by double-click.
    ///
    /// UTF-8 with a byte order mark, CRLF line ends, and formula
    /// injection neutralised: a text cell starting with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return gets a leading `'`. Without it,
    /// CSV is UTF-8 without a byte order mark, every cell exactly as
    /// found.
    #[arg(long)]
    pub(crate) excel: bool,

    /// Add `before` and `after` columns: N characters of text around
    /// each quotation.
    #[arg(long, value_name = "N")]
    pub(crate) context: Option<usize>,

    /// Read only shard K of N (K from 0): the inputs whose name hashes
    /// to K.
    ///
    /// The name is the `file` column's (the path relative to the folder
    /// argument, `/`-separated), and the hash is fixed, so runs of
    /// `--shard 0/N` to `--shard N-1/N`, on any machines, together
    /// write exactly the rows of one run without it. A JSON Lines file
    /// goes to one shard whole.
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<crate::shard::Shard>,
}

/// The flags of `whosaid audit`.
#[derive(Debug, Args)]
#[command(mut_arg("output", |arg| {
    arg.help("Write the report to FILE instead of standard output")
}))]
pub(crate) struct AuditArgs {
    /// What to read, where to write, and how.
    #[command(flatten)]
    pub(crate) reading: ReadingArgs,

    /// Show the first N articles open; the others start collapsed.
    ///
    /// Keeps a report of thousands of articles quick to open.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub(crate) open: usize,
}

/// The flags of `whosaid speakers`.
#[derive(Debug, Args)]
pub(crate) struct SpeakersArgs {
    /// What to read, where to write, and how.
    #[command(flatten)]
    pub(crate) reading: ReadingArgs,
}

/// The flags of `whosaid eval`.
#[derive(Debug, Args)]
#[command(mut_arg("threads", |arg| {
    arg.help("Number of threads to extract with [default: all cores]")
}))]
#[command(mut_arg("quiet", |arg| {
    arg.help("Do not print warnings while extracting")
}))]
#[command(mut_arg("lexicon", |arg| {
    arg.help("Extract with the word lists in DIR over the built-in ones")
}))]
pub(crate) struct EvalArgs {
    /// The gold annotations: a `gold.jsonl`, one article a line.
    #[arg(long, value_name = "GOLD", required = true)]
    pub(crate) gold: PathBuf,

    /// The predictions: a CSV file, `-` for standard input, or a folder
    /// of articles to extract first.
    #[arg(value_name = "PRED")]
    pub(crate) pred: PathBuf,

    /// Print every number as JSON (as `score.py --json` does).
    #[arg(long, conflicts_with = "summary")]
    pub(crate) json: bool,

    /// Print one line: quote F1, speaker accuracy, end-to-end F1.
    #[arg(long)]
    pub(crate) summary: bool,

    /// Also print N examples each of missed quotes, false alarms and
    /// wrong speakers, with the text around them (`«»` marks the span).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) errors: usize,

    /// Score only gold quotes of this kind; predictions matching a gold
    /// quote of the other kind are ignored.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) kind: KindArg,

    /// Drop predictions with an empty speaker before scoring.
    #[arg(long)]
    pub(crate) attributed_only: bool,

    /// Threads, warnings and word lists, when PRED is a folder.
    #[command(flatten)]
    pub(crate) engine: EngineArgs,

    /// How inputs are read when PRED is a folder.
    #[command(flatten)]
    pub(crate) input: InputArgs,
}

/// The values of `whosaid eval --kind`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum KindArg {
    /// Every gold quote.
    #[default]
    All,
    /// Quotes whose attributed words are all quoted.
    Direct,
    /// Quoted words inside paraphrase.
    Mixed,
}

impl KindArg {
    /// The name `score.py` uses.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            KindArg::All => "all",
            KindArg::Direct => "direct",
            KindArg::Mixed => "mixed",
        }
    }
}

/// Everything `whosaid extract` needs, settled once the flags are
/// parsed.
#[derive(Debug)]
pub(crate) struct ExtractConfig {
    /// The files and folders to read, as given; `-` is standard input.
    pub(crate) paths: Vec<PathBuf>,
    /// Where the CSV goes; `None` is standard output.
    pub(crate) output: Option<PathBuf>,
    /// Size of the thread pool; `None` lets rayon use every core.
    pub(crate) threads: Option<NonZeroUsize>,
    /// Whether warnings are suppressed.
    pub(crate) quiet: bool,
    /// A folder of word lists to use over the built-in ones.
    pub(crate) lexicon: Option<PathBuf>,
    /// Whether rows of kind `term` are written.
    pub(crate) all_spans: bool,
    /// Whether a progress bar is drawn on standard error.
    pub(crate) progress: bool,
    /// How inputs are read.
    pub(crate) read: ReadOptions,
    /// What is written.
    pub(crate) format: Format,
}

impl ReadingArgs {
    /// Settles the flags into an extraction writing `format`, with or
    /// without `term` rows.
    ///
    /// `stderr_is_terminal` is asked for rather than looked up so that
    /// this stays a pure function of its inputs.
    fn into_config(
        self,
        all_spans: bool,
        format: Format,
        stderr_is_terminal: bool,
    ) -> ExtractConfig {
        let EngineArgs { threads, quiet, lexicon } = self.engine;
        ExtractConfig {
            progress: stderr_is_terminal && !quiet,
            paths: self.paths,
            output: self.output,
            threads,
            quiet,
            lexicon,
            all_spans,
            read: self.input.into_options(),
            format,
        }
    }
}

impl ExtractArgs {
    /// Settles the flags into a configuration.
    pub(crate) fn into_config(
        self,
        stderr_is_terminal: bool,
    ) -> ExtractConfig {
        let format = Format::Rows {
            syntax: match (self.format, self.excel) {
                (FormatArg::Csv, false) => Syntax::Csv,
                (FormatArg::Csv, true) => Syntax::Excel,
                (FormatArg::Tsv, _) => Syntax::Tsv,
                (FormatArg::Jsonl, _) => Syntax::Jsonl,
            },
            context: self.context,
        };
        let mut config = self.reading.into_config(
            self.all_spans,
            format,
            stderr_is_terminal,
        );
        config.read.shard = self.shard;
        config
    }
}

impl AuditArgs {
    /// Settles the flags into an extraction writing the report, terms
    /// included.
    pub(crate) fn into_config(
        self,
        stderr_is_terminal: bool,
    ) -> ExtractConfig {
        let format = Format::Audit(AuditOptions { open: self.open });
        self.reading.into_config(true, format, stderr_is_terminal)
    }
}

impl SpeakersArgs {
    /// Settles the flags into an extraction writing the speakers table.
    pub(crate) fn into_config(
        self,
        stderr_is_terminal: bool,
    ) -> ExtractConfig {
        self.reading.into_config(false, Format::Speakers, stderr_is_terminal)
    }
}

/// Everything `whosaid eval` needs, settled once the flags are parsed.
#[derive(Debug)]
pub(crate) struct EvalConfig {
    /// The gold annotations.
    pub(crate) gold: PathBuf,
    /// The predictions: a CSV file, `-`, or the folder extracted.
    pub(crate) pred: PathBuf,
    /// Whether to print JSON.
    pub(crate) json: bool,
    /// Whether to print one line.
    pub(crate) summary: bool,
    /// How many examples of each kind of error to print.
    pub(crate) errors: usize,
    /// Which gold quotes are scored.
    pub(crate) kind: KindArg,
    /// Whether predictions without a speaker are dropped.
    pub(crate) attributed_only: bool,
    /// When `pred` is a folder: its extraction, to CSV at an `output`
    /// the caller chooses.
    pub(crate) extract: Option<ExtractConfig>,
}

impl EvalArgs {
    /// Settles the flags into a configuration; a `pred` that is a
    /// folder gets an extraction.
    pub(crate) fn into_config(self, stderr_is_terminal: bool) -> EvalConfig {
        let extract = self.pred.is_dir().then(|| {
            let reading = ReadingArgs {
                paths: vec![self.pred.clone()],
                output: None,
                engine: self.engine,
                input: self.input,
            };
            reading.into_config(false, Format::default(), stderr_is_terminal)
        });
        EvalConfig {
            gold: self.gold,
            pred: self.pred,
            json: self.json,
            summary: self.summary,
            errors: self.errors,
            kind: self.kind,
            attributed_only: self.attributed_only,
            extract,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<ExtractConfig, clap::Error> {
        let cli = Cli::try_parse_from(args)?.check()?;
        let Command::Extract(extract) = cli.command else {
            panic!("not extract: {args:?}");
        };
        Ok(extract.into_config(true))
    }

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn shared_flags_keep_each_commands_help() {
        let mut cli = Cli::command();
        cli.build();
        let help = |command: &str, flag: &str| {
            let arg = cli
                .find_subcommand(command)
                .and_then(|c| c.get_arguments().find(|a| a.get_id() == flag))
                .unwrap_or_else(|| panic!("{command} {flag}"));
            let long = arg.get_long_help().or(arg.get_help());
            long.map(ToString::to_string).unwrap_or_default()
        };
        assert!(help("extract", "threads").ends_with("every value."));
        assert!(help("extract", "output").contains(".whosaid-PID.tmp"));
        assert_eq!(
            help("audit", "output"),
            "Write the report to FILE instead of standard output"
        );
        assert_eq!(help("speakers", "quiet"), "Do not print warnings");
        assert!(help("eval", "lexicon").starts_with("Extract with"));
        assert!(help("stream", "threads").contains("Under Spark"));
    }

    #[test]
    fn defaults() {
        let c = parse(&["whosaid", "extract", "a", "-"]).unwrap();
        assert_eq!(c.paths, [PathBuf::from("a"), PathBuf::from("-")]);
        assert_eq!(c.output, None);
        assert_eq!(c.threads, None);
        assert!(!c.quiet && !c.all_spans && c.progress);
        assert_eq!(c.lexicon, None);
    }

    #[test]
    fn flags() {
        let c = parse(&[
            "whosaid",
            "extract",
            "-q",
            "-j3",
            "-o",
            "out.csv",
            "--all-spans",
            "--lexicon",
            "lex",
            "dir",
        ])
        .unwrap();
        assert_eq!(c.threads, NonZeroUsize::new(3));
        assert_eq!(c.output, Some(PathBuf::from("out.csv")));
        assert_eq!(c.lexicon, Some(PathBuf::from("lex")));
        assert!(c.quiet && c.all_spans && !c.progress);
    }

    #[test]
    fn rejects_zero_threads_and_no_paths() {
        assert!(parse(&["whosaid", "extract", "-j0", "a"]).is_err());
        assert!(parse(&["whosaid", "extract"]).is_err());
    }

    #[test]
    fn formats() {
        let format = |args: &[&str]| {
            let mut all = vec!["whosaid", "extract", "a"];
            all.extend(args);
            parse(&all).map(|c| c.format).ok()
        };
        let rows = |syntax, context| Some(Format::Rows { syntax, context });
        assert_eq!(format(&[]), rows(Syntax::Csv, None));
        assert_eq!(format(&["--excel"]), rows(Syntax::Excel, None));
        assert_eq!(
            format(&["--format", "csv", "--excel", "--context", "40"]),
            rows(Syntax::Excel, Some(40))
        );
        assert_eq!(format(&["--format", "tsv"]), rows(Syntax::Tsv, None));
        assert_eq!(format(&["--format=jsonl"]), rows(Syntax::Jsonl, None));
        for bad in [&["--format", "tsv", "--excel"][..], &["--format", "xml"]]
        {
            assert_eq!(format(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn audit_speakers_and_eval() {
        let cli = |args: &[&str]| Cli::try_parse_from(args).unwrap().command;
        let Command::Audit(audit) =
            cli(&["whosaid", "audit", "a", "-o", "r.html", "-q"])
        else {
            panic!()
        };
        let c = audit.into_config(true);
        assert_eq!(c.format, Format::Audit(AuditOptions { open: 25 }));
        assert!(c.all_spans && c.quiet && !c.progress);
        assert_eq!(c.output, Some(PathBuf::from("r.html")));

        let Command::Speakers(speakers) = cli(&["whosaid", "speakers", "a"])
        else {
            panic!()
        };
        let c = speakers.into_config(false);
        assert_eq!(c.format, Format::Speakers);
        assert!(!c.all_spans);

        let dir = env!("CARGO_MANIFEST_DIR");
        let Command::Eval(eval) = cli(&[
            "whosaid", "eval", "--gold", "g.jsonl", dir, "--kind", "direct",
            "--errors", "3", "-j2",
        ]) else {
            panic!()
        };
        let c = eval.into_config(false);
        assert_eq!((c.kind, c.errors), (KindArg::Direct, 3));
        let extract = c.extract.unwrap();
        assert_eq!(extract.paths, [PathBuf::from(dir)]);
        assert_eq!(extract.threads, NonZeroUsize::new(2));
        assert_eq!(extract.format, Format::default());
        let Command::Eval(eval) =
            cli(&["whosaid", "eval", "--gold", "g.jsonl", "pred.csv"])
        else {
            panic!()
        };
        assert!(eval.into_config(false).extract.is_none());
        assert!(Cli::try_parse_from(["whosaid", "eval", "docs"]).is_err());
    }
}
