//! Word lists the extractor is built from: reporting verbs and phrases,
//! titles, pronouns, outlets, ... as plain text, one entry a line.
//!
//! The built-in lists are the files under `data/lexicon/`, compiled in.
//! Any of them can be replaced with [`Lexicon::set`]; the command-line
//! tool does that for every file found in `--lexicon DIR`.

use crate::error::{Error, ErrorKind};

/// Grammatical gender of a pronoun or a first name, used to match a
/// pronoun to the person it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// `he`, `John`.
    Male,
    /// `she`, `Mary`.
    Female,
    /// `they`, `we`: a group or a person of unknown gender.
    Plural,
    /// `it`: an organisation or a thing.
    Neuter,
}

impl Gender {
    fn parse(s: &str) -> Option<Gender> {
        match s {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            "p" => Some(Gender::Plural),
            "n" => Some(Gender::Neuter),
            _ => None,
        }
    }
}

/// How a cue phrase relates to the speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhraseRole {
    /// Works like a reporting verb (`quoted as saying`, `went on to
    /// say`): the speaker is its subject.
    Verb,
    /// Introduces the speaker after it (`according to`).
    Prep,
    /// Names the channel the words came through (`in a statement`).
    Channel,
}

/// One reporting verb with all its inflected forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The base form (`say`).
    pub lemma: String,
    /// Every form that counts as a cue, base form included (`say`,
    /// `says`, `said`, `saying`).
    pub forms: Vec<String>,
}

/// The word lists an [`Extractor`](crate::Extractor) is built from.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub(crate) verbs: Vec<Verb>,
    pub(crate) phrases: Vec<(PhraseRole, String)>,
    pub(crate) titles: Vec<String>,
    pub(crate) pronouns: Vec<(String, Gender)>,
    pub(crate) sources: Vec<String>,
    pub(crate) not_names: Vec<String>,
    pub(crate) first_names: Vec<(String, Gender)>,
    pub(crate) nominals: Vec<String>,
}

/// The built-in lists: file name and contents.
const BUILTIN: &[(&str, &str)] = &[
    ("verbs.txt", include_str!("../../../data/lexicon/verbs.txt")),
    ("phrases.txt", include_str!("../../../data/lexicon/phrases.txt")),
    ("titles.txt", include_str!("../../../data/lexicon/titles.txt")),
    ("pronouns.txt", include_str!("../../../data/lexicon/pronouns.txt")),
    ("sources.txt", include_str!("../../../data/lexicon/sources.txt")),
    ("not_names.txt", include_str!("../../../data/lexicon/not_names.txt")),
    ("first_names.txt", include_str!("../../../data/lexicon/first_names.txt")),
    ("nominals.txt", include_str!("../../../data/lexicon/nominals.txt")),
];

impl Lexicon {
    /// The file names of the lists, in the order they are loaded.
    pub const LISTS: &'static [&'static str] = &[
        "verbs.txt",
        "phrases.txt",
        "titles.txt",
        "pronouns.txt",
        "sources.txt",
        "not_names.txt",
        "first_names.txt",
        "nominals.txt",
    ];

    /// The lexicon compiled into the crate (the files in
    /// `data/lexicon/`).
    ///
    /// ```
    /// let lexicon = whosaid::Lexicon::builtin();
    /// assert!(lexicon.verb_count() >= 150);
    /// ```
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon {
            verbs: vec![],
            phrases: vec![],
            titles: vec![],
            pronouns: vec![],
            sources: vec![],
            not_names: vec![],
            first_names: vec![],
            nominals: vec![],
        };
        for (name, text) in BUILTIN {
            // The built-in files are tested to parse (see the tests
            // below), so this cannot fail in a released build.
            lexicon.set(name, text).expect("built-in lexicon parses");
        }
        lexicon
    }

    /// The text of a built-in list, by file name.
    pub fn builtin_text(list: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == list).map(|(_, t)| *t)
    }

    /// Replaces one list with the contents of a file in the same format
    /// as the built-in one.
    ///
    /// # Errors
    ///
    /// Fails when `list` is not one of [`Lexicon::LISTS`] or a line does
    /// not parse.
    ///
    /// ```
    /// let mut lexicon = whosaid::Lexicon::builtin();
    /// lexicon.set("verbs.txt", "say says said saying\n")?;
    /// assert_eq!(lexicon.verb_count(), 1);
    /// assert!(lexicon.set("nope.txt", "").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set(&mut self, list: &str, contents: &str) -> Result<(), Error> {
        let bad = |line: usize, message: &str| {
            Error::new(ErrorKind::BadLine {
                list: list.to_owned(),
                line,
                message: message.to_owned(),
            })
        };
        let lines = entries(contents);
        match list {
            "verbs.txt" => {
                self.verbs = lines
                    .map(|(_, l)| {
                        let forms: Vec<String> =
                            l.split_whitespace().map(lowercase).collect();
                        Verb { lemma: forms[0].clone(), forms }
                    })
                    .collect();
            }
            "phrases.txt" => {
                let mut out = vec![];
                for (n, l) in lines {
                    let (role, phrase) =
                        l.split_once(char::is_whitespace).ok_or_else(
                            || bad(n, "expected a role and a phrase"),
                        )?;
                    let role = match role {
                        "verb" => PhraseRole::Verb,
                        "prep" => PhraseRole::Prep,
                        "channel" => PhraseRole::Channel,
                        _ => {
                            return Err(bad(
                                n,
                                "role must be verb, prep or channel",
                            ));
                        }
                    };
                    out.push((role, normalize(phrase)));
                }
                self.phrases = out;
            }
            "pronouns.txt" | "first_names.txt" => {
                let mut out = vec![];
                for (n, l) in lines {
                    let mut words = l.split_whitespace();
                    let word = words.next().unwrap_or_default();
                    let gender = words
                        .next()
                        .and_then(Gender::parse)
                        .ok_or_else(|| {
                            bad(n, "expected a word and a gender (m, f, p, n)")
                        })?;
                    out.push((word.to_owned(), gender));
                }
                if list == "pronouns.txt" {
                    self.pronouns = out;
                } else {
                    self.first_names = out;
                }
            }
            "titles.txt" => {
                self.titles = lines.map(|(_, l)| normalize(l)).collect();
            }
            "sources.txt" => {
                self.sources = lines.map(|(_, l)| normalize(l)).collect();
            }
            "not_names.txt" => {
                self.not_names = lines.map(|(_, l)| normalize(l)).collect();
            }
            "nominals.txt" => {
                self.nominals = lines.map(|(_, l)| normalize(l)).collect();
            }
            _ => {
                return Err(Error::new(ErrorKind::UnknownList {
                    name: list.to_owned(),
                }));
            }
        }
        Ok(())
    }

    /// The number of reporting verbs.
    pub fn verb_count(&self) -> usize {
        self.verbs.len()
    }

    /// The reporting verbs.
    pub fn verbs(&self) -> &[Verb] {
        &self.verbs
    }

    /// The cue phrases with their roles.
    pub fn phrases(&self) -> impl Iterator<Item = (PhraseRole, &str)> {
        self.phrases.iter().map(|(r, p)| (*r, p.as_str()))
    }
}

/// The non-empty, non-comment lines of a list, numbered from 1 and
/// trimmed; a `#` starts a comment.
///
/// The lines are those of [`str::lines`] (a `\r` before a `\n` is
/// trimmed away with the rest; a last empty piece after a final `\n`
/// would be skipped as empty anyway), found with `memchr` and so is the
/// `#`: the lists are thousands of short lines, on which std's searches
/// cost more to start than to run.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    ends.enumerate().filter_map(move |(i, end)| {
        let line = &text[start..end];
        start = end + 1;
        let entry =
            memchr::memchr(b'#', line.as_bytes()).unwrap_or(line.len());
        let l = line[..entry].trim();
        (!l.is_empty()).then_some((i + 1, l))
    })
}

/// Folds runs of white space to one space.
fn normalize(s: &str) -> String {
    // ASCII words between single spaces (nearly every entry of the
    // built-in lists) are their own normal form: copied as they are,
    // not split and joined again.
    let bytes = s.as_bytes();
    let spaced = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|pair| pair == b"  ");
    let plain = spaced
        && bytes.iter().all(|&b| b.is_ascii() && !matches!(b, 0x09..=0x0D));
    if plain {
        return s.to_owned();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `word` in lowercase, as [`str::to_lowercase`] writes it; an ASCII
/// word (every built-in verb form) without its Unicode tables.
fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_parse() {
        for (name, text) in BUILTIN {
            let mut lexicon = Lexicon::builtin();
            lexicon.set(name, text).unwrap();
        }
    }

    /// The fast ways of [`normalize`] and [`lowercase`] give what the
    /// general ones do.
    #[test]
    fn normal_forms_as_the_general_way_writes_them() {
        let texts = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{A0}b",
            "a\u{B}b",
            "a\u{C}b",
            "a\rb",
            "in a  statement",
            "é b",
            "A B",
            "\u{2003}a",
            "a\u{85}",
            "Ünder DER",
            "said",
        ];
        for text in texts {
            let general = text.split_whitespace().collect::<Vec<_>>();
            assert_eq!(normalize(text), general.join(" "), "{text:?}");
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    /// [`entries`] numbers and trims lines as `str::lines` splits them.
    #[test]
    fn entries_as_lines_split_them() {
        let texts = [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\r\r\n\n b # c\n#d\n  \n e#",
            "x\r",
            "\n\nlast",
            "a#b\r\nc \t\n",
            "é ü\u{A0}\n#\n",
        ];
        for text in texts {
            let lines: Vec<_> = text
                .lines()
                .enumerate()
                .filter_map(|(i, l)| {
                    let l = l.split('#').next().unwrap_or_default().trim();
                    (!l.is_empty()).then_some((i + 1, l))
                })
                .collect();
            assert_eq!(entries(text).collect::<Vec<_>>(), lines, "{text:?}");
        }
    }

    #[test]
    fn bad_lines_name_the_list_and_line() {
        let mut lexicon = Lexicon::builtin();
        let err = lexicon.set("pronouns.txt", "he m\nshe x\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "pronouns.txt line 2: expected a word and a gender (m, f, p, n)"
        );
        let err =
            lexicon.set("phrases.txt", "# c\nfoo according to").unwrap_err();
        assert_eq!(
            err.to_string(),
            "phrases.txt line 2: role must be verb, prep or channel"
        );
    }
}
