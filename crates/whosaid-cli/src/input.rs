//! Finding the files to read, reading and decoding them, and loading a
//! `--lexicon` folder.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use walkdir::{DirEntry, WalkDir};
use whosaid::Lexicon;

use crate::messages::Messages;

/// The extensions of the files read inside folders (compared without
/// regard to ASCII case); files with no extension are read too.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md"];

/// The UTF-8 encoding of U+FEFF, the byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where an input's bytes come from.
#[derive(Debug)]
pub(crate) enum Source {
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

/// One text to extract quotations from.
#[derive(Debug)]
pub(crate) struct Input {
    /// Where to read it.
    pub(crate) source: Source,
    /// Its name in the `file` column: relative to the folder argument it
    /// was found under, `/`-separated; as given for a file argument;
    /// `-` for standard input.
    pub(crate) name: String,
}

impl Input {
    /// How messages name this input: the path as on disk, or
    /// `<stdin>`.
    pub(crate) fn display(&self) -> impl fmt::Display + '_ {
        match &self.source {
            Source::Stdin => SourceDisplay::Stdin,
            Source::File(path) => SourceDisplay::Path(path.display()),
        }
    }
}

/// The [`fmt::Display`] of an input's source.
enum SourceDisplay<'a> {
    Stdin,
    Path(std::path::Display<'a>),
}

impl fmt::Display for SourceDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceDisplay::Stdin => f.write_str("<stdin>"),
            SourceDisplay::Path(path) => path.fmt(f),
        }
    }
}

/// A path that could not be listed while walking a folder.
#[derive(Debug)]
pub(crate) struct WalkFailure {
    /// The path that failed (the folder argument when walkdir names
    /// none).
    pub(crate) path: PathBuf,
    /// What went wrong.
    pub(crate) error: anyhow::Error,
}

/// The inputs named by the command-line `paths`, in order: each
/// argument in turn, a folder's files in sorted path order.
///
/// The walk is lazy, so a folder of a million files is never listed in
/// memory at once.
pub(crate) fn inputs(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<Input, WalkFailure>> + '_ {
    paths.iter().flat_map(
        |path| -> Box<dyn Iterator<Item = Result<Input, WalkFailure>>> {
            if path.as_os_str() == "-" {
                let stdin = Input { source: Source::Stdin, name: "-".into() };
                Box::new(std::iter::once(Ok(stdin)))
            } else if path.is_dir() {
                Box::new(walk(path))
            } else {
                // A missing or unreadable file is reported when it is
                // read, in its place in the output order.
                let file = Input {
                    source: Source::File(path.clone()),
                    name: path.to_string_lossy().into_owned(),
                };
                Box::new(std::iter::once(Ok(file)))
            }
        },
    )
}

/// The text files under `root`, depth first, each folder's entries
/// sorted by name (which is sorted path order).
fn walk(root: &Path) -> impl Iterator<Item = Result<Input, WalkFailure>> {
    let root = root.to_path_buf();
    WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        // The root itself is exempt, so that `whosaid extract .` works.
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry))
        .filter_map(move |entry| match entry {
            Ok(entry) => {
                let is_text = entry.file_type().is_file()
                    && has_text_extension(entry.path());
                is_text.then(|| {
                    let name = relative_name(&root, entry.path());
                    Ok(Input { source: Source::File(entry.into_path()), name })
                })
            }
            Err(error) => {
                let path = error.path().unwrap_or(&root).to_path_buf();
                // walkdir's own message repeats the path; the IO error
                // alone reads better after `whosaid: PATH:`.
                let error = match error.into_io_error() {
                    Some(io) => anyhow::Error::new(io),
                    None => anyhow::anyhow!("cannot walk this folder"),
                };
                Some(Err(WalkFailure { path, error }))
            }
        })
}

/// Whether a walked entry's name starts with `.`.
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().as_encoded_bytes().starts_with(b".")
}

/// Whether a file inside a folder is read: extension `.txt`, `.text`,
/// `.md`, or none.
fn has_text_extension(path: &Path) -> bool {
    match path.extension().and_then(OsStr::to_str) {
        None => path.extension().is_none(),
        Some(ext) => {
            TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(ext))
        }
    }
}

/// `path` relative to `root`, its components joined with `/` whatever
/// the platform.
fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// A decoded text, ready for the extractor.
#[derive(Debug)]
pub(crate) struct Text {
    /// The text, without a leading byte order mark.
    pub(crate) text: String,
    /// How many bytes of the input come before `text`: the length of
    /// the byte order mark that was skipped, or 0. Offsets into `text`
    /// plus this are offsets into the input's own bytes.
    pub(crate) offset: usize,
    /// Whether invalid UTF-8 was replaced by U+FFFD.
    pub(crate) lossy: bool,
}

/// Reads and decodes an input.
///
/// # Errors
///
/// Fails when the input cannot be read or is not text.
pub(crate) fn read(input: &Input) -> anyhow::Result<Text> {
    let bytes = match &input.source {
        Source::Stdin => {
            let mut bytes = vec![];
            io::stdin().lock().read_to_end(&mut bytes)?;
            bytes
        }
        Source::File(path) => fs::read(path)?,
    };
    decode(bytes)
}

/// Decodes bytes as UTF-8: a leading byte order mark is kept out of
/// the text and counted in [`Text::offset`], and invalid sequences
/// become U+FFFD (so offsets refer to the decoded text).
///
/// The mark is kept out because the extractor would take it for part
/// of a word (a quotation opening the file would be missed), and
/// counted because offsets must index the file's own bytes whenever it
/// is UTF-8, mark or no mark.
///
/// # Errors
///
/// Fails when the bytes contain NUL, which text never does.
pub(crate) fn decode(mut bytes: Vec<u8>) -> anyhow::Result<Text> {
    if bytes.contains(&0) {
        bail!("not a text file (contains NUL bytes)");
    }
    let offset = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..offset);
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Text { text, offset, lossy: false },
        Err(error) => {
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            Text { text, offset, lossy: true }
        }
    })
}

/// The built-in lexicon with every list found in `dir` set over it.
///
/// Other `.txt` files in `dir` are reported as warnings.
///
/// # Errors
///
/// Fails when `dir` or a list in it cannot be read, or a list does not
/// parse.
pub(crate) fn load_lexicon(
    dir: &Path,
    messages: &Messages,
) -> anyhow::Result<Lexicon> {
    let mut lexicon = Lexicon::builtin();
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .and_then(|entries| {
            entries.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()
        })
        .with_context(|| {
            format!("{}: reading lexicon folder", dir.display())
        })?;
    names.sort();
    let mut found = 0;
    for path in &names {
        let Some(name) = path.file_name().and_then(OsStr::to_str) else {
            continue;
        };
        if Lexicon::LISTS.contains(&name) {
            let contents = fs::read_to_string(path)
                .with_context(|| path.display().to_string())?;
            lexicon
                .set(name, &contents)
                .with_context(|| path.display().to_string())?;
            found += 1;
        } else if path.extension() == Some(OsStr::new("txt")) {
            messages.warn(
                &path.display(),
                &format_args!(
                    "not a lexicon list, ignored (the lists are {})",
                    Lexicon::LISTS.join(", ")
                ),
            );
        }
    }
    if found == 0 {
        messages.warn(
            &dir.display(),
            &"no lexicon list found, using the built-in lexicon",
        );
    }
    Ok(lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_skips_bom_and_replaces_invalid_utf8() {
        let t = decode(b"\xEF\xBB\xBF\"Hi,\" he said.".to_vec()).unwrap();
        assert_eq!(t.text, "\"Hi,\" he said.");
        assert_eq!(t.offset, 3);
        assert!(!t.lossy);
        let t = decode(b"caf\xE9".to_vec()).unwrap();
        assert_eq!(t.text, "caf\u{FFFD}");
        assert_eq!(t.offset, 0);
        assert!(t.lossy);
        // Only a leading mark is skipped.
        let t = decode("a\u{FEFF}b".as_bytes().to_vec()).unwrap();
        assert_eq!(t.text, "a\u{FEFF}b");
        assert_eq!(t.offset, 0);
    }

    #[test]
    fn decode_rejects_nul() {
        let err = decode(b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "not a text file (contains NUL bytes)");
    }

    #[test]
    fn text_extensions() {
        for (path, yes) in [
            ("a.txt", true),
            ("a.TXT", true),
            ("a.text", true),
            ("a.md", true),
            ("README", true),
            ("a.html", false),
            ("a.txt.gz", false),
            ("a.csv", false),
        ] {
            assert_eq!(has_text_extension(Path::new(path)), yes, "{path}");
        }
    }

    #[test]
    fn relative_names_use_slashes() {
        let root = Path::new("corpus");
        let path = Path::new("corpus").join("2024").join("a.txt");
        assert_eq!(relative_name(root, &path), "2024/a.txt");
    }
}
