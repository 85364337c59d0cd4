//! JSON Lines input: one article a line, `{"id": "a1", "text": "..."}`.
//!
//! A file is read a line at a time as the run asks for inputs, so a
//! file of any size is never held in memory; each line becomes an input
//! of its own, extracted in parallel like a file. Its `file` column is
//! `PATH#ID`, ID being the line's id field (a string or a number), or
//! `PATH#LINE` (its line number, from 1) when the line has none. Blank
//! lines are skipped. A line that is not a JSON object with a string
//! text field, or is longer than `--max-bytes`, is reported with its
//! line number and skipped; the lines after it are still read.
//!
//! Offsets index the text field's value as JSON decodes it (escapes
//! such as `\n` and `\u201c` undone), with its HTML character
//! references decoded if it has any.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};
use serde_json::Value;

use crate::input::{Input, Item, ReadOptions, Source, WalkFailure};

/// Where JSON lines come from.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Origin {
    /// The path messages name.
    fn path(&self) -> PathBuf {
        match self {
            Origin::Stdin => PathBuf::from("<stdin>"),
            Origin::File(path) => path.clone(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Stdin => f.write_str("<stdin>"),
            Origin::File(path) => path.display().fmt(f),
        }
    }
}

/// The inputs held by the lines of `origin`, named `name#ID`.
pub(crate) fn records(
    origin: Origin,
    name: String,
    options: &ReadOptions,
) -> Records<'_> {
    Records { origin, name, options, reader: None, done: false, line: 0 }
}

/// The lines of a JSON Lines file, as inputs; see [`records`].
pub(crate) struct Records<'a> {
    origin: Origin,
    name: String,
    options: &'a ReadOptions,
    /// The open file, once opened.
    reader: Option<Box<dyn BufRead>>,
    /// Whether the end, or an error that ends the reading, was met.
    done: bool,
    /// The number of the last line read.
    line: usize,
}

impl Records<'_> {
    fn failure(&self, error: anyhow::Error) -> WalkFailure {
        WalkFailure { path: self.origin.path(), error }
    }
}

impl Iterator for Records<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut buf = vec![];
        while !self.done {
            if self.reader.is_none() {
                let reader: Box<dyn BufRead> = match &self.origin {
                    Origin::Stdin => Box::new(io::stdin().lock()),
                    Origin::File(path) => match File::open(path) {
                        Ok(file) => {
                            Box::new(BufReader::with_capacity(1 << 16, file))
                        }
                        Err(error) => {
                            self.done = true;
                            return Some(Err(self.failure(error.into())));
                        }
                    },
                };
                self.reader = Some(reader);
            }
            let reader = self.reader.as_mut()?;
            let max = self.options.max_bytes;
            buf.clear();
            let line = match read_line(reader, &mut buf, max) {
                Ok(line) => line,
                Err(error) => {
                    self.done = true;
                    let line = self.line + 1;
                    let error = anyhow::Error::new(error)
                        .context(format!("line {line}: reading"));
                    return Some(Err(self.failure(error)));
                }
            };
            self.line += 1;
            let number = self.line;
            match line {
                Line::End => self.done = true,
                Line::TooLong => {
                    let error = anyhow!(
                        "line {number}: too long (more than --max-bytes \
                         {max}), skipped"
                    );
                    return Some(Err(self.failure(error)));
                }
                Line::Read => {
                    let parsed = parse(&buf, number, self.options)
                        .with_context(|| format!("line {number}"));
                    match parsed {
                        Ok(None) => {}
                        Ok(Some((id, text))) => {
                            let name = format!("{}#{id}", self.name);
                            let source = Source::Record {
                                origin: self.origin.clone(),
                                line: number,
                                text,
                            };
                            return Some(Ok(Input { source, name }));
                        }
                        Err(error) => return Some(Err(self.failure(error))),
                    }
                }
            }
        }
        None
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq)]
enum Line {
    /// A line, in the buffer without its line end.
    Read,
    /// A line longer than the limit; it was read past, not kept.
    TooLong,
    /// The end of the input.
    End,
}

/// Reads one line into `buf` (without its `\n` or `\r\n`), keeping at
/// most `max` bytes of it in memory.
fn read_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<Line> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found) = match memchr::memchr(b'\n', available) {
            Some(at) => (&available[..at], true),
            None => (available, false),
        };
        // Two bytes of slack for a `\r` and a chunk boundary.
        if buf.len() as u64 + chunk.len() as u64 > max.saturating_add(2) {
            too_long = true;
            buf.clear();
        }
        if !too_long {
            buf.extend_from_slice(chunk);
        }
        let used = chunk.len() + usize::from(found);
        reader.consume(used);
        if found {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    if too_long || buf.len() as u64 > max {
        buf.clear();
        return Ok(Line::TooLong);
    }
    Ok(Line::Read)
}

/// A line's id and text, or `None` for a blank line.
fn parse(
    line: &[u8],
    number: usize,
    options: &ReadOptions,
) -> anyhow::Result<Option<(String, String)>> {
    let line = if number == 1 {
        line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
    } else {
        line
    };
    if line.trim_ascii().is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_slice(line).map_err(|error| {
        // serde_json counts lines within the line, always 1: keep only
        // the column.
        let message = error.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(&*message, |(message, _)| message);
        anyhow!("not valid JSON (column {}: {message})", error.column())
    })?;
    let Value::Object(mut object) = value else {
        bail!("not a JSON object");
    };
    let field = &options.text_field;
    let text = match object.remove(field) {
        Some(Value::String(text)) => text,
        None | Some(Value::Null) => bail!("no {field:?} field"),
        Some(_) => bail!("the {field:?} field is not a string"),
    };
    let field = &options.id_field;
    let id = match object.get(field) {
        None | Some(Value::Null) => number.to_string(),
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        Some(_) => bail!("the {field:?} field is not a string or a number"),
    };
    Ok(Some((id, text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<(Line, Vec<u8>)> {
        let mut reader = input;
        let mut out = vec![];
        loop {
            let mut buf = vec![];
            let line = read_line(&mut reader, &mut buf, max).unwrap();
            if line == Line::End {
                return out;
            }
            out.push((line, buf));
        }
    }

    #[test]
    fn lines_are_split_and_bounded() {
        let got = lines(b"ab\r\n\ncdef\nxy", 3);
        assert_eq!(
            got,
            [
                (Line::Read, b"ab".to_vec()),
                (Line::Read, vec![]),
                (Line::TooLong, vec![]),
                (Line::Read, b"xy".to_vec()),
            ]
        );
        assert!(lines(b"", 3).is_empty());
    }

    #[test]
    fn lines_are_parsed() {
        let options = ReadOptions::default();
        let parse = |line: &str, n| {
            parse(line.as_bytes(), n, &options).map_err(|e| e.to_string())
        };
        let ok = |id: &str, text: &str| Ok(Some((id.into(), text.into())));
        assert_eq!(parse(r#"{"id":"a1","text":"Hi"}"#, 4), ok("a1", "Hi"));
        assert_eq!(
            parse(r#"{"id":7,"text":"\u201cHi"}"#, 4),
            ok("7", "\u{201C}Hi")
        );
        assert_eq!(parse(r#"{"text":"Hi","id":null}"#, 4), ok("4", "Hi"));
        assert_eq!(parse("\u{FEFF}{\"text\":\"\"}", 1), ok("1", ""));
        assert_eq!(parse("  ", 2), Ok(None));
        assert_eq!(
            parse(r#"{"text": "Hi""#, 3),
            Err("not valid JSON (column 13: EOF while parsing an object)"
                .into())
        );
        assert_eq!(parse("[1]", 3), Err("not a JSON object".into()));
        assert_eq!(
            parse(r#"{"body":"x"}"#, 3),
            Err("no \"text\" field".into())
        );
        assert_eq!(
            parse(r#"{"text":1}"#, 3),
            Err("the \"text\" field is not a string".into())
        );
        assert_eq!(
            parse(r#"{"text":"x","id":[]}"#, 3),
            Err("the \"id\" field is not a string or a number".into())
        );
    }
}
