//! The one error the core can return: a lexicon that does not parse.

use std::fmt;

/// An error from building a [`Lexicon`](crate::Lexicon) or an
/// [`Extractor`](crate::Extractor).
///
/// Extraction itself never fails; only lexicon data can be wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong, for callers who need to tell cases apart.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon file name that the extractor does not know.
    UnknownList {
        /// The name that was given.
        name: String,
    },
    /// A line of a lexicon file that does not parse.
    BadLine {
        /// The lexicon file (`verbs.txt`, ...).
        list: String,
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A pattern set that the matcher could not be built from.
    Matcher {
        /// The matcher's own message.
        message: String,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownList { name } => {
                write!(f, "unknown lexicon list {name:?}")
            }
            ErrorKind::BadLine { list, line, message } => {
                write!(f, "{list} line {line}: {message}")
            }
            ErrorKind::Matcher { message } => {
                write!(f, "building the cue matcher: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}
