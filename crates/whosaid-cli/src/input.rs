//! Finding the files to read, reading and decoding them, and loading a
//! `--lexicon` folder.
//!
//! What each input becomes, and so what the offsets in its rows index:
//!
//! * a plain-text file or standard input: the text decoded by
//!   [`crate::decode`] (the file's own bytes when it is UTF-8), then
//!   with its HTML character references decoded if it has any;
//! * an HTML file (`.html`, `.htm`): the article text
//!   [`crate::html`] extracts from the page;
//! * a JSON Lines file (`.jsonl`, `.ndjson`, or any with `--jsonl`):
//!   one input per line, the line's text field (see [`crate::jsonl`]),
//!   with its character references decoded if it has any.

use std::ffi::OsStr;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use encoding_rs::Encoding;
use walkdir::{DirEntry, WalkDir};
use whosaid::{Extractor, Lexicon};

use crate::decode::{self, Decoded};
use crate::html;
use crate::jsonl::{self, Origin};
use crate::messages::Messages;
use crate::shard::{self, Shard};

/// The extensions of the files read inside folders (compared without
/// regard to ASCII case); files with no extension are read too.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "html", "htm"];

/// The extensions of HTML files.
const HTML_EXTENSIONS: &[&str] = &["html", "htm"];

/// The extensions of JSON Lines files: the files read inside folders
/// with `--jsonl`, and the files named on the command line that are
/// read as JSON Lines without it.
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// The default `--max-bytes`: 64 MiB, far more than any article, far
/// less than a video.
pub(crate) const DEFAULT_MAX_BYTES: u64 = 64 << 20;

/// How inputs are read: the flags that say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadOptions {
    /// The encoding every input is read in (`--encoding`); `None`
    /// detects it.
    pub(crate) encoding: Option<&'static Encoding>,
    /// Files larger than this are skipped (`--max-bytes`); for JSON
    /// Lines input, lines longer than this.
    pub(crate) max_bytes: u64,
    /// Whether every input is JSON Lines (`--jsonl`).
    pub(crate) jsonl: bool,
    /// The field of a JSON line holding the article text.
    pub(crate) text_field: String,
    /// The field of a JSON line holding the article's id.
    pub(crate) id_field: String,
    /// With `--shard K/N`: read only the inputs in that shard (see
    /// [`crate::shard`]).
    pub(crate) shard: Option<Shard>,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            encoding: None,
            max_bytes: DEFAULT_MAX_BYTES,
            jsonl: false,
            text_field: "text".into(),
            id_field: "id".into(),
            shard: None,
        }
    }
}

/// The help heading of the flags that say how inputs are read.
const INPUT: &str = "Input";

/// The flags of `whosaid extract` that say how inputs are read.
///
/// Each flag names its help heading itself: a `next_help_heading` here
/// would carry over to the flags declared after the flattened struct.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Read every input in this encoding instead of detecting it.
    ///
    /// Any WHATWG label: `utf-8`, `utf-16le`, `utf-16be`,
    /// `windows-1252`, `latin1`, `iso-8859-15`, `shift_jis`, ... Without
    /// it, a byte order mark decides, then valid UTF-8, then an HTML
    /// page's `<meta charset>`, then a guess (Windows-1252 for most
    /// English text), with a warning.
    #[arg(long, help_heading = INPUT, value_name = "LABEL")]
    #[arg(value_parser = decode::parse_encoding)]
    pub(crate) encoding: Option<&'static Encoding>,

    /// Skip files larger than N bytes, with an error.
    ///
    /// N may end in K, M or G (powers of 1024). For JSON Lines input
    /// it limits each line, not the file.
    #[arg(long, help_heading = INPUT, value_name = "N")]
    #[arg(default_value = "64M")]
    #[arg(value_parser = parse_size)]
    pub(crate) max_bytes: u64,

    /// Read every input as JSON Lines: one JSON object a line, one
    /// article each.
    ///
    /// Files named on the command line that end in `.jsonl` or
    /// `.ndjson` are read so without it; with it, folders are searched
    /// for those files only, and `-` reads JSON Lines from standard
    /// input. The `file` column is `PATH#ID`, or `PATH#LINE` for a line
    /// without an id.
    #[arg(long, help_heading = INPUT)]
    pub(crate) jsonl: bool,

    /// The field of a JSON line that holds the article text.
    #[arg(long, help_heading = INPUT, value_name = "NAME")]
    #[arg(default_value = "text")]
    pub(crate) jsonl_field: String,

    /// The field of a JSON line that holds the article's id (a string
    /// or a number).
    #[arg(long, help_heading = INPUT, value_name = "NAME")]
    #[arg(default_value = "id")]
    pub(crate) id_field: String,
}

impl InputArgs {
    /// Settles the flags into [`ReadOptions`].
    pub(crate) fn into_options(self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            max_bytes: self.max_bytes,
            jsonl: self.jsonl,
            text_field: self.jsonl_field,
            id_field: self.id_field,
            shard: None,
        }
    }
}

/// A size in bytes, for `--max-bytes`: digits, then optionally `K`,
/// `M` or `G` (powers of 1024, any case, an optional `B` or `iB`
/// after).
///
/// # Errors
///
/// Fails on anything else, and on a size too large to count.
pub(crate) fn parse_size(size: &str) -> Result<u64, String> {
    let error = || {
        format!("{size:?} is not a size (examples: 1000000, 512K, 64M, 2G)")
    };
    let s = size.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let number: u64 = number.parse().map_err(|_| error())?;
    let unit = unit.trim().to_ascii_uppercase();
    let unit =
        unit.strip_suffix("IB").or(unit.strip_suffix('B')).unwrap_or(&unit);
    let shift = match unit {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(error()),
    };
    number.checked_mul(1 << shift).ok_or_else(error)
}

/// Where an input's bytes come from.
#[derive(Debug)]
pub(crate) enum Source {
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file on disk.
    File(PathBuf),
    /// One line of a JSON Lines file or of standard input, already
    /// read.
    Record {
        /// Where the line is.
        origin: Origin,
        /// Its line number, from 1.
        line: usize,
        /// The article text it holds.
        text: String,
    },
}

/// One text to extract quotations from.
#[derive(Debug)]
pub(crate) struct Input {
    /// Where to read it.
    pub(crate) source: Source,
    /// Its name in the `file` column: relative to the folder argument it
    /// was found under, `/`-separated; as given for a file argument;
    /// `-` for standard input; followed by `#ID` or `#LINE` for a line
    /// of JSON Lines.
    pub(crate) name: String,
}

impl Input {
    /// How messages name this input: the path as on disk, or
    /// `<stdin>`, and the line of a JSON line.
    pub(crate) fn display(&self) -> impl fmt::Display + '_ {
        match &self.source {
            Source::Stdin => SourceDisplay::Stdin,
            Source::File(path) => SourceDisplay::Path(path.display()),
            Source::Record { origin, line, .. } => {
                SourceDisplay::Record(origin, *line)
            }
        }
    }
}

/// The [`fmt::Display`] of an input's source.
enum SourceDisplay<'a> {
    Stdin,
    Path(std::path::Display<'a>),
    Record(&'a Origin, usize),
}

impl fmt::Display for SourceDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceDisplay::Stdin => f.write_str("<stdin>"),
            SourceDisplay::Path(path) => path.fmt(f),
            SourceDisplay::Record(origin, line) => {
                write!(f, "{origin}: line {line}")
            }
        }
    }
}

/// An input that failed before it could be read: a path that could not
/// be listed while walking a folder, or a JSON line that could not be
/// read or parsed.
#[derive(Debug)]
pub(crate) struct WalkFailure {
    /// The path that failed (the folder argument when walkdir names
    /// none).
    pub(crate) path: PathBuf,
    /// What went wrong.
    pub(crate) error: anyhow::Error,
}

/// An input, or why it could not be found.
pub(crate) type Item = Result<Input, WalkFailure>;

/// The inputs named by the command-line `paths`, in order: each
/// argument in turn, a folder's files in sorted path order, a JSON
/// Lines file's lines in order.
///
/// The walk is lazy, and so is the reading of JSON Lines, so a folder
/// of a million files, or a file of a million lines, is never held in
/// memory at once.
pub(crate) fn inputs<'a>(
    paths: &'a [PathBuf],
    options: &'a ReadOptions,
) -> impl Iterator<Item = Item> + 'a {
    paths.iter().flat_map(move |path| -> Box<dyn Iterator<Item = Item> + 'a> {
        if path.as_os_str() == "-" {
            if !shard::selects(options.shard, "-") {
                return Box::new(std::iter::empty());
            }
            if options.jsonl {
                let origin = Origin::Stdin;
                return Box::new(jsonl::records(origin, "-".into(), options));
            }
            let stdin = Input { source: Source::Stdin, name: "-".into() };
            Box::new(std::iter::once(Ok(stdin)))
        } else if path.is_dir() {
            Box::new(
                walk(path, options.jsonl)
                    // A folder that cannot be listed is every shard's
                    // concern: `Err` items are kept.
                    .filter(move |item| match item {
                        Ok(input) => {
                            shard::selects(options.shard, &input.name)
                        }
                        Err(_) => true,
                    })
                    .flat_map(move |item| expand(item, options)),
            )
        } else {
            // A missing or unreadable file is reported when it is
            // read, in its place in the output order.
            let file = Input {
                source: Source::File(path.clone()),
                name: path.to_string_lossy().into_owned(),
            };
            if !shard::selects(options.shard, &file.name) {
                return Box::new(std::iter::empty());
            }
            expand(Ok(file), options)
        }
    })
}

/// The inputs an item stands for: the lines of a JSON Lines file, or
/// the item itself.
fn expand<'a>(
    item: Item,
    options: &'a ReadOptions,
) -> Box<dyn Iterator<Item = Item> + 'a> {
    match item {
        Ok(Input { source: Source::File(path), name })
            if options.jsonl || has_extension(&path, JSONL_EXTENSIONS) =>
        {
            Box::new(jsonl::records(Origin::File(path), name, options))
        }
        item => Box::new(std::iter::once(item)),
    }
}

/// The files under `root` that are read (text and HTML files, or with
/// `jsonl` JSON Lines files), depth first, each folder's entries sorted
/// by name (which is sorted path order).
///
/// Symbolic links are followed, so a corpus assembled from links is
/// read; a link that points back to a folder it is in is reported
/// rather than followed for ever, and so is a link that leads nowhere.
fn walk(root: &Path, jsonl: bool) -> impl Iterator<Item = Item> {
    let root = root.to_path_buf();
    let wanted = move |path: &Path| {
        if jsonl {
            has_extension(path, JSONL_EXTENSIONS)
        } else {
            has_text_extension(path)
        }
    };
    WalkDir::new(&root)
        .follow_links(true)
        // Entries sorted together are in one folder, so their paths are
        // the folder's path, a `/` and their names: comparing whole
        // paths orders them as comparing names does (byte by byte),
        // without finding each name again for every comparison as
        // `sort_by_file_name` does.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        // The root itself is exempt, so that `whosaid extract .` works.
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry))
        .filter_map(move |entry| match entry {
            Ok(entry) => {
                let is_wanted =
                    entry.file_type().is_file() && wanted(entry.path());
                is_wanted.then(|| {
                    let name = relative_name(&root, entry.path());
                    Ok(Input { source: Source::File(entry.into_path()), name })
                })
            }
            Err(error) => {
                let path = error.path().unwrap_or(&root).to_path_buf();
                // Errors bypass filter_entry: a hidden entry, or a
                // broken link to a file that would not be read anyway,
                // is no concern of this run.
                let ignored = error.depth() > 0
                    && error.loop_ancestor().is_none()
                    && !path.is_dir()
                    && (path.file_name().is_some_and(|n| {
                        n.as_encoded_bytes().starts_with(b".")
                    }) || !wanted(&path));
                if ignored {
                    return None;
                }
                let error = if let Some(ancestor) = error.loop_ancestor() {
                    anyhow::anyhow!(
                        "symbolic link loop: leads back to {}, skipped",
                        ancestor.display()
                    )
                } else {
                    // walkdir's own message repeats the path; the IO
                    // error alone reads better after `whosaid: PATH:`.
                    match error.into_io_error() {
                        Some(io) => anyhow::Error::new(io),
                        None => anyhow::anyhow!("cannot walk this folder"),
                    }
                };
                Some(Err(WalkFailure { path, error }))
            }
        })
}

/// Whether a walked entry's name starts with `.`.
fn is_hidden(entry: &DirEntry) -> bool {
    match plain_file_name(entry.path()) {
        Some(name) => name.starts_with(b"."),
        None => entry.file_name().as_encoded_bytes().starts_with(b"."),
    }
}

/// Whether a file inside a folder is read without `--jsonl`: a text or
/// HTML extension, or none.
fn has_text_extension(path: &Path) -> bool {
    extension(path).is_none_or(|ext| is_one_of(ext, TEXT_EXTENSIONS))
}

/// Whether `path`'s extension is one of `extensions`, in any ASCII
/// case.
fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    extension(path).is_some_and(|ext| is_one_of(ext, extensions))
}

/// Whether the extension `ext` (as bytes) is one of `extensions`, in
/// any ASCII case. The extensions are ASCII, so an extension that is
/// not UTF-8 is none of them.
fn is_one_of(ext: &[u8], extensions: &[&str]) -> bool {
    extensions.iter().any(|e| e.as_bytes().eq_ignore_ascii_case(ext))
}

/// The extension of `path`, as [`Path::extension`] finds it, as bytes.
/// `Path::extension` parses every component of the path (about 600
/// instructions a call, and a file's extension is asked up to three
/// times); a plain last name (see [`plain_file_name`]) is read from the
/// bytes instead: the part after its last `.`, unless that `.` starts
/// it (`.profile` has none).
fn extension(path: &Path) -> Option<&[u8]> {
    let Some(name) = plain_file_name(path) else {
        return path.extension().map(OsStr::as_encoded_bytes);
    };
    let dot = memchr::memrchr(b'.', name)?;
    (dot > 0).then(|| &name[dot + 1..])
}

/// The last component of `path` read from its bytes, when that is
/// plain: what follows the last `/`, not empty, `.` or `..` (which
/// [`Path::file_name`] reads otherwise). `None` in those cases, and on
/// Windows, whose paths have other separators and prefixes.
fn plain_file_name(path: &Path) -> Option<&[u8]> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let at = memchr::memrchr(b'/', bytes).map_or(0, |i| i + 1);
    let name = &bytes[at..];
    let plain = !cfg!(windows) && !matches!(name, b"" | b"." | b"..");
    plain.then_some(name)
}

/// `path` relative to `root`, its components joined with `/` whatever
/// the platform.
fn relative_name(root: &Path, path: &Path) -> String {
    if let Some(name) = plain_relative_name(root, path) {
        return name.to_owned();
    }
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

/// [`relative_name`] in the common case, read from the bytes: `path` is
/// `root`, a slash, and UTF-8 names between single slashes, which are
/// then the name as they are. Comparing components (`strip_prefix`)
/// and joining them cost about 4,200 instructions a file. `None`
/// (the general way) for anything else: a `.`, `..`, doubled slash, a
/// backslash or a colon (separators and prefixes on Windows).
fn plain_relative_name<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    let root = root.as_os_str().as_encoded_bytes();
    if root.is_empty() || root.iter().any(|b| matches!(b, b'\\' | b':')) {
        return None;
    }
    let rest = path.as_os_str().as_encoded_bytes().strip_prefix(root)?;
    let rest =
        if root.ends_with(b"/") { rest } else { rest.strip_prefix(b"/")? };
    if memchr::memchr2(b'\\', b':', rest).is_some() {
        return None;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'/', rest).chain([rest.len()]) {
        if matches!(&rest[start..end], b"" | b"." | b"..") {
            return None;
        }
        start = end + 1;
    }
    std::str::from_utf8(rest).ok()
}

/// A decoded text, ready for the extractor.
#[derive(Debug)]
pub(crate) struct Text {
    /// The text the offsets index: a file's own bytes when it is UTF-8
    /// (without a leading byte order mark), its decoded text otherwise.
    pub(crate) text: String,
    /// How many bytes of the input come before `text`: the length of
    /// the UTF-8 byte order mark that was skipped, or 0. Offsets into
    /// `text` plus this are the offsets written.
    pub(crate) offset: usize,
    /// A warning about how the input was decoded, if any.
    pub(crate) warning: Option<String>,
}

/// Reads and decodes an input.
///
/// A file's size is checked before it is read.
///
/// # Errors
///
/// Fails when the input cannot be read, is larger than
/// [`ReadOptions::max_bytes`], or is not text.
pub(crate) fn read(
    input: &Input,
    options: &ReadOptions,
) -> anyhow::Result<Text> {
    let max = options.max_bytes;
    match &input.source {
        Source::Record { text, .. } => {
            Ok(plain(Decoded { text: text.clone(), offset: 0, warning: None }))
        }
        Source::Stdin => {
            let bytes = read_at_most(io::stdin().lock(), max, 0)?;
            Ok(plain(decode::decode(bytes, options.encoding, None)?))
        }
        Source::File(path) => {
            let file = File::open(path)?;
            let size = file.metadata()?.len();
            if size > max {
                bail!(
                    "too large ({size} bytes, more than --max-bytes {max}), \
                     skipped"
                );
            }
            let bytes = read_at_most(file, max, size)?;
            if has_extension(path, HTML_EXTENSIONS) {
                let declared = html::declared_encoding(&bytes);
                let page = decode::decode(bytes, options.encoding, declared)?;
                let text = html::article_text(&page.text);
                Ok(Text { text, offset: 0, warning: page.warning })
            } else {
                Ok(plain(decode::decode(bytes, options.encoding, None)?))
            }
        }
    }
}

/// Reads everything from `reader`, which must be at most `max` bytes
/// (a file can grow after its size was checked; a pipe has none).
/// `expected` is the size it is expected to have (0 when unknown): room
/// for it is made at once, rather than grown to as it is read.
fn read_at_most(
    reader: impl Read,
    max: u64,
    expected: u64,
) -> anyhow::Result<Vec<u8>> {
    // One byte more than expected, so that the read that finds the end
    // has room and does not grow the buffer.
    let room = expected.min(max).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        bail!("too large (more than --max-bytes {max}), skipped");
    }
    Ok(bytes)
}

/// A plain text, with its HTML character references decoded if it has
/// any: then the offsets index the text after decoding, which is not
/// the file's bytes, so no byte order mark is counted.
fn plain(decoded: Decoded) -> Text {
    match decode::decode_entities(&decoded.text) {
        Some(text) => Text { text, offset: 0, warning: decoded.warning },
        None => Text {
            text: decoded.text,
            offset: decoded.offset,
            warning: decoded.warning,
        },
    }
}

/// The extractor for `--lexicon`: the built-in lexicon without one,
/// or with the lists in `dir` set over it (see [`load_lexicon`]).
///
/// # Errors
///
/// Fails as [`load_lexicon`] does, and when the lists make no
/// extractor.
pub(crate) fn extractor(
    dir: Option<&Path>,
    messages: &Messages,
) -> anyhow::Result<Extractor> {
    let Some(dir) = dir else {
        return Ok(Extractor::new());
    };
    let lexicon = load_lexicon(dir, messages)?;
    Extractor::with_lexicon(&lexicon)
        .with_context(|| format!("{}: building", dir.display()))
}

/// The built-in lexicon with every list found in `dir` set over it.
///
/// Other `.txt` files in `dir` are reported as warnings.
///
/// # Errors
///
/// Fails when `dir` or a list in it cannot be read, or a list does not
/// parse.
fn load_lexicon(dir: &Path, messages: &Messages) -> anyhow::Result<Lexicon> {
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
    fn extensions() {
        for (path, text, jsonl) in [
            ("a.txt", true, false),
            ("a.TXT", true, false),
            ("a.text", true, false),
            ("a.md", true, false),
            ("README", true, false),
            ("a.html", true, false),
            ("a.HTM", true, false),
            ("a.jsonl", false, true),
            ("a.NDJSON", false, true),
            ("a.txt.gz", false, false),
            ("a.csv", false, false),
        ] {
            let path = Path::new(path);
            assert_eq!(has_text_extension(path), text, "{path:?}");
            assert_eq!(has_extension(path, JSONL_EXTENSIONS), jsonl);
        }
    }

    /// The extension read from the bytes is the one `Path::extension`
    /// finds, for odd paths too.
    #[test]
    fn extensions_as_path_finds_them() {
        let paths = [
            "a.txt",
            "dir/a.txt",
            "a",
            ".a",
            ".a.txt",
            "a.",
            "a..txt",
            "..",
            ".",
            "",
            "/",
            "a/",
            "a.txt/",
            "a/.",
            "a/..",
            "dir.d/a",
            "x/.txt",
            "a.b.c",
            "/a.md",
            "a//b.html",
            "a/b/./c.jsonl",
            "é.TXT",
            "a.é",
        ];
        for path in paths.map(Path::new) {
            let std = path.extension().map(OsStr::as_encoded_bytes);
            assert_eq!(extension(path), std, "{path:?}");
        }
    }

    #[test]
    fn relative_names_use_slashes() {
        let root = Path::new("corpus");
        let path = Path::new("corpus").join("2024").join("a.txt");
        assert_eq!(relative_name(root, &path), "2024/a.txt");
        let odd = ["a//b", "./a/b", "a/./b", "a/b/", "/a/b"];
        for name in odd {
            assert_eq!(relative_name(Path::new("x"), Path::new(name)), "a/b");
        }
        assert_eq!(relative_name(Path::new("x"), Path::new("a/../b")), "a/b");
        let roots = ["x", "x/", "./x", "x/.", "/", "."];
        let tails = ["a/b", "a//b", "./a/b", "a/./b", "a/b/", "a/../b"];
        for root in roots {
            for tail in tails {
                let path = format!("{root}/{tail}");
                let (root, path) = (Path::new(root), Path::new(&path));
                let relative = path.strip_prefix(root).unwrap();
                let general: Vec<_> = relative
                    .components()
                    .filter_map(|c| match c {
                        Component::Normal(part) => part.to_str(),
                        _ => None,
                    })
                    .collect();
                assert_eq!(relative_name(root, path), general.join("/"));
            }
        }
    }

    #[test]
    fn entities_move_offsets_to_the_decoded_text() {
        let bom = "\u{FEFF}&ldquo;Hi&rdquo;".as_bytes().to_vec();
        let text = plain(decode::decode(bom, None, None).unwrap());
        assert_eq!(
            (text.text.as_str(), text.offset),
            ("\u{201C}Hi\u{201D}", 0)
        );
        let bom = "\u{FEFF}\"Hi\"".as_bytes().to_vec();
        let text = plain(decode::decode(bom, None, None).unwrap());
        assert_eq!((text.text.as_str(), text.offset), ("\"Hi\"", 3));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert_eq!(parse_size("3MB"), Ok(3 << 20));
        for bad in ["", "M", "-1", "1.5M", "1T", "99999999999999999999"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reading_is_bounded() {
        assert_eq!(read_at_most(&b"abc"[..], 3, 0).unwrap(), b"abc");
        let err = read_at_most(&b"abcd"[..], 3, 4).unwrap_err();
        assert!(err.to_string().starts_with("too large"), "{err}");
    }
}
