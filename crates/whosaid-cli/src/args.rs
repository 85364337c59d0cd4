//! Command-line arguments: the clap structs filled straight from the
//! flags (low level), and the [`ExtractConfig`] built from them once
//! parsing is over (high level).
//!
//! Every subcommand has its own `*Args` struct; a new subcommand
//! (`audit`, `eval`, `speakers`, `stream`, ...) is one more variant of
//! [`Command`] and one more `*Args` struct here.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// `.text` or `.md`, or with no extension at all; hidden files and
    /// folders (names starting with `.`) are skipped and symbolic links
    /// are not followed. Files named on the command line are always
    /// read, whatever their extension. Files are read in sorted path
    /// order and the output is the same for every `--threads`.
    ///
    /// Text is read as UTF-8; invalid bytes are replaced by U+FFFD with
    /// a warning. Offsets (`start`, `end`, ...) are byte offsets into
    /// the file's own bytes whenever the file is valid UTF-8 (a byte
    /// order mark at the start is skipped but counted), and into the
    /// text after replacement otherwise.
    ///
    /// Exit status: 0 when every file was read, 1 when some file could
    /// not be read (each is reported on standard error and the others
    /// are still processed), 2 on a usage, lexicon or output error.
    Extract(ExtractArgs),
}

/// The flags of `whosaid extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Files and folders to read; `-` reads standard input.
    #[arg(value_name = "PATH", required = true)]
    pub(crate) paths: Vec<PathBuf>,

    /// Write the CSV to FILE instead of standard output.
    ///
    /// The file is written under a temporary name next to it
    /// (`FILE.tmp`) and renamed when complete, so a failed run leaves
    /// no half-written FILE behind.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Number of threads to use [default: all cores].
    ///
    /// The output is byte for byte the same for every value.
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) threads: Option<NonZeroUsize>,

    /// Do not print warnings.
    ///
    /// Errors (a file that cannot be read) are still printed and still
    /// make the exit status 1.
    #[arg(short, long)]
    pub(crate) quiet: bool,

    /// Replace built-in word lists with the files in DIR.
    ///
    /// Every file in DIR named like a built-in list (`verbs.txt`,
    /// `phrases.txt`, `titles.txt`, ...) replaces that list; the lists
    /// DIR does not have stay built-in. Other `.txt` files in DIR are
    /// ignored with a warning.
    #[arg(long, value_name = "DIR")]
    pub(crate) lexicon: Option<PathBuf>,

    /// Also write quoted spans nobody said (kind `term`).
    ///
    /// Scare quotes, titles and words mentioned as words are left out
    /// by default.
    #[arg(long)]
    pub(crate) all_spans: bool,
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
}

impl ExtractArgs {
    /// Settles the flags into a configuration.
    ///
    /// `stderr_is_terminal` is asked for rather than looked up so that
    /// this stays a pure function of its inputs.
    pub(crate) fn into_config(
        self,
        stderr_is_terminal: bool,
    ) -> ExtractConfig {
        ExtractConfig {
            progress: stderr_is_terminal && !self.quiet,
            paths: self.paths,
            output: self.output,
            threads: self.threads,
            quiet: self.quiet,
            lexicon: self.lexicon,
            all_spans: self.all_spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<ExtractConfig, clap::Error> {
        let cli = Cli::try_parse_from(args)?;
        let Command::Extract(extract) = cli.command;
        Ok(extract.into_config(true))
    }

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
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
}
