//! Writing quotations out: the [`QuoteWriter`] trait every format
//! implements, and the [`Destination`] they write to.
//!
//! Only CSV exists so far; JSON Lines and the HTML audit report will be
//! siblings of [`csv`].

pub(crate) mod csv;

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use whosaid::Quote;

/// A format that quotations are written in, file by file.
pub(crate) trait QuoteWriter<W: Write> {
    /// Writes the quotations found in one input, named `file`.
    ///
    /// # Errors
    ///
    /// Fails when the underlying writer fails.
    fn write_quotes(&mut self, file: &str, quotes: &[Quote])
    -> io::Result<()>;

    /// Flushes everything written and hands back the underlying writer.
    ///
    /// # Errors
    ///
    /// Fails when flushing fails.
    fn into_inner(self: Box<Self>) -> io::Result<W>;
}

/// Standard output or a file (`-o FILE`).
///
/// A regular file is written under a temporary name next to it
/// (`FILE.tmp`) and renamed over FILE by [`Destination::commit`], so a
/// run that fails halfway leaves no truncated FILE behind; the temporary
/// file is removed if the destination is dropped without being
/// committed. Anything else that already exists under FILE (a named
/// pipe, `/dev/stdout`) is written to directly.
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
                let mut name = OsString::from(name);
                name.push(".tmp");
                Some(path.with_file_name(name))
            }
            _ => None,
        };
        let file = File::create(temporary.as_deref().unwrap_or(path))
            .with_context(context)?;
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
        if let Destination::File { path, temporary, .. } = &mut self
            && let Some(tmp) = temporary.take()
            && let Err(error) = fs::rename(&tmp, &*path)
        {
            let _ = fs::remove_file(&tmp);
            return Err(error).with_context(|| {
                format!("{}: renaming {}", path.display(), tmp.display())
            });
        }
        Ok(())
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
        }
    }
}
