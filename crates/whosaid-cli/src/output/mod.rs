//! Writing quotations out: the [`QuoteWriter`] trait every format
//! implements, [`writer`] to pick one by [`Format`], and the
//! [`Destination`] they write to.
//!
//! The row formats ([`csv`], [`tsv`], [`jsonl`]) share their columns
//! through [`row`]; [`html`] is the audit report, and
//! [`crate::speakers`] the speakers table.

mod article;
pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod jsonl;
pub(crate) mod row;
pub(crate) mod tsv;

pub(crate) use article::Article;

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use whosaid::Quote;

/// A format that quotations are written in, file by file.
pub(crate) trait QuoteWriter<W: Write> {
    /// Writes the quotations found in one input, `article`.
    ///
    /// # Errors
    ///
    /// Fails when the underlying writer fails.
    fn write_quotes(
        &mut self,
        article: &Article<'_>,
        quotes: &[Quote<'_>],
    ) -> io::Result<()>;

    /// Flushes everything written and hands back the underlying writer.
    ///
    /// # Errors
    ///
    /// Fails when flushing fails.
    fn into_inner(self: Box<Self>) -> io::Result<W>;
}

/// What `-o` (or standard output) receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// One row per quotation (`whosaid extract`).
    Rows {
        /// CSV, CSV for spreadsheets, TSV or JSON Lines.
        syntax: Syntax,
        /// With `--context N`: N characters of text before and after.
        context: Option<usize>,
    },
    /// The HTML audit report (`whosaid audit`).
    Audit(html::AuditOptions),
    /// The speakers table (`whosaid speakers`).
    Speakers,
}

impl Default for Format {
    fn default() -> Format {
        Format::Rows { syntax: Syntax::Csv, context: None }
    }
}

/// How rows are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// CSV, `\n` line ends, no byte order mark.
    #[default]
    Csv,
    /// CSV for spreadsheets (`--excel`).
    Excel,
    /// Tab-separated values with escapes.
    Tsv,
    /// JSON Lines.
    Jsonl,
}

/// The writer for `format`, writing to `out`.
///
/// # Errors
///
/// Fails when a header cannot be written.
pub(crate) fn writer<W: Write + 'static>(
    format: &Format,
    out: W,
) -> io::Result<Box<dyn QuoteWriter<W>>> {
    Ok(match format {
        Format::Rows { syntax, context } => match syntax {
            Syntax::Csv | Syntax::Excel => Box::new(csv::CsvWriter::new(
                out,
                *syntax == Syntax::Excel,
                *context,
            )?),
            Syntax::Tsv => Box::new(tsv::TsvWriter::new(out, *context)?),
            Syntax::Jsonl => Box::new(jsonl::JsonlWriter::new(out, *context)),
        },
        Format::Audit(options) => {
            Box::new(html::HtmlWriter::new(out, options.clone()))
        }
        Format::Speakers => {
            Box::new(crate::speakers::SpeakersWriter::new(out))
        }
    })
}

/// Standard output or a file (`-o FILE`).
///
/// A regular file is written under a temporary name next to it
/// (`.FILE.whosaid-PID.tmp`: hidden, and unique to the process) and
/// renamed over FILE by [`Destination::commit`] once it is complete and
/// synced to disk, so a run that fails halfway (an unreadable lexicon, a
/// full disk, Ctrl-C) leaves the previous FILE as it was and nothing
/// half-written under its name; the temporary file is removed if the
/// destination is dropped without being committed, or on Ctrl-C (see
/// [`crate::interrupt`]). A killed run (SIGKILL, a crash) cannot remove
/// it, but FILE is still untouched. Anything else that already exists
/// under FILE (a named pipe, `/dev/stdout`, `/dev/full`) is written to
/// directly.
#[derive(Debug)]
pub(crate) enum Destination {
    /// Standard output.
    Stdout(io::StdoutLock<'static>),
    /// A file.
    File {
        /// The file being written.
        file: File,
        /// The file's name in messages: FILE as given.
        path: PathBuf,
        /// The temporary name `file` has until it is committed, if it
        /// has one.
        temporary: Option<PathBuf>,
    },
}

impl Destination {
    /// Opens `path`, or standard output for `None`.
    ///
    /// # Errors
    ///
    /// Fails when the file cannot be created.
    pub(crate) fn open(path: Option<&Path>) -> anyhow::Result<Destination> {
        let Some(path) = path else {
            return Ok(Destination::Stdout(io::stdout().lock()));
        };
        let context = || format!("{}: creating output", path.display());
        let direct = fs::metadata(path).is_ok_and(|m| !m.is_file());
        let temporary = match path.file_name() {
            Some(name) if !direct => {
                let mut hidden = OsString::from(".");
                hidden.push(name);
                hidden.push(format!(".whosaid-{}.tmp", std::process::id()));
                Some(path.with_file_name(hidden))
            }
            _ => None,
        };
        let file = match &temporary {
            Some(temporary) => create_new(temporary),
            None => File::create(path),
        }
        .with_context(context)?;
        if let Some(temporary) = &temporary {
            crate::interrupt::protect(temporary.clone());
        }
        Ok(Destination::File { file, path: path.to_path_buf(), temporary })
    }

    /// How messages name this destination.
    pub(crate) fn name(&self) -> String {
        match self {
            Destination::Stdout(_) => "standard output".into(),
            Destination::File { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes, and gives a file its final name.
    ///
    /// # Errors
    ///
    /// Fails when flushing or renaming fails.
    pub(crate) fn commit(mut self) -> anyhow::Result<()> {
        self.flush().with_context(|| format!("{}: writing", self.name()))?;
        if let Destination::File { file, path, temporary: Some(_) } = &self {
            // On disk before it takes FILE's place: a crash just after
            // the rename must not leave an empty FILE.
            file.sync_all()
                .with_context(|| format!("{}: writing", path.display()))?;
        }
        if let Destination::File { path, temporary, .. } = &mut self
            && let Some(tmp) = temporary.take()
        {
            crate::interrupt::forget();
            if let Err(error) = fs::rename(&tmp, &*path) {
                let _ = fs::remove_file(&tmp);
                return Err(error).with_context(|| {
                    format!("{}: renaming {}", path.display(), tmp.display())
                });
            }
        }
        Ok(())
    }
}

/// Creates a file that must not exist yet.
///
/// A file of that name is left by an earlier run that was killed and
/// had the same process id; it is no one's, and is replaced.
fn create_new(path: &Path) -> io::Result<File> {
    let open = || File::options().write(true).create_new(true).open(path);
    match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            open()
        }
        result => result,
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.write_all(buf),
            Destination::File { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File { file, .. } => file.flush(),
        }
    }
}

impl Drop for Destination {
    fn drop(&mut self) {
        if let Destination::File { temporary: Some(tmp), .. } = self {
            // Best effort: the run has already failed for another reason,
            // which is the one worth reporting.
            let _ = fs::remove_file(tmp);
            crate::interrupt::forget();
        }
    }
}
