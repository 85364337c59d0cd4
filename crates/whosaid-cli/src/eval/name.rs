//! Whether two speaker names are the same person, as the reference
//! scorer decides it: case-, accent- and punctuation-insensitively,
//! with a possessive `'s` and leading honorifics dropped, one name's
//! words occurring in order in the other's.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Words dropped from the start of a name while another word remains
/// (`President Putin` is `Putin`). The reference scorer's list, sorted.
const HONORIFICS: &[&str] = &[
    "adm",
    "admiral",
    "capt",
    "captain",
    "chancellor",
    "cmdr",
    "col",
    "colonel",
    "dame",
    "dr",
    "frau",
    "gen",
    "general",
    "gov",
    "governor",
    "herr",
    "judge",
    "justice",
    "lady",
    "lord",
    "lt",
    "madam",
    "madame",
    "maj",
    "mayor",
    "minister",
    "miss",
    "mlle",
    "mme",
    "monsieur",
    "mr",
    "mrs",
    "ms",
    "mx",
    "pm",
    "premier",
    "pres",
    "president",
    "prof",
    "professor",
    "rep",
    "representative",
    "reps",
    "rev",
    "reverend",
    "saint",
    "secretary",
    "sen",
    "senator",
    "sens",
    "sgt",
    "sir",
    "st",
];

/// Whether `c` is a word character as Python's `\w` has it: a letter,
/// a digit or another number, or `_`.
///
/// Rust's `is_alphanumeric` also counts the few combining marks with
/// the Alphabetic property that NFKD leaves in place (spacing vowel
/// signs of Indic scripts); names in English news have none.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The lowercase words of a name: accents, punctuation and a
/// possessive `'s` removed, leading honorifics dropped while a word
/// remains.
pub(crate) fn name_tokens(name: &str) -> Vec<String> {
    // NFKD, combining marks out, then lowercase: in this order, as the
    // reference does.
    let plain: String = name
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect::<String>()
        .to_lowercase();
    // `[’']s\b`: an apostrophe and `s` not followed by a word character.
    let chars: Vec<char> = plain.chars().collect();
    let mut kept = String::with_capacity(plain.len());
    let mut i = 0;
    while i < chars.len() {
        let possessive = matches!(chars[i], '\'' | '’')
            && chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(|&c| is_word(c));
        if possessive {
            i += 2;
        } else {
            kept.push(chars[i]);
            i += 1;
        }
    }
    let mut tokens: Vec<String> = kept
        .split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let honorifics = tokens
        .iter()
        .take_while(|t| HONORIFICS.binary_search(&t.as_str()).is_ok());
    let drop = honorifics.count().min(tokens.len().saturating_sub(1));
    tokens.drain(..drop);
    tokens
}

/// Whether every item of `a` occurs in `b`, in order.
fn is_subsequence(a: &[String], b: &[String]) -> bool {
    let mut rest = b.iter();
    a.iter().all(|x| rest.any(|y| y == x))
}

/// Whether `x` and `y` name the same person: every word of one occurs,
/// in order, in the other (`Putin` ~ `Vladimir Putin`, but `Hillary
/// Clinton` is not `Bill Clinton`). An empty name is nobody.
pub(crate) fn same_person(x: &str, y: &str) -> bool {
    let (a, b) = (name_tokens(x), name_tokens(y));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    is_subsequence(&a, &b) || is_subsequence(&b, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_are_sorted() {
        assert!(HONORIFICS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tokens() {
        assert_eq!(name_tokens("Dr. José García’s"), ["jose", "garcia"]);
        assert_eq!(name_tokens("Mr. President"), ["president"]);
        assert_eq!(name_tokens("O'Rourke"), ["o", "rourke"]);
        assert_eq!(name_tokens("the boss's"), ["the", "boss"]);
        assert_eq!(name_tokens("it'sy"), ["it", "sy"]);
        assert_eq!(name_tokens("  "), Vec::<String>::new());
        assert_eq!(name_tokens("ﬁnn_x"), ["finn_x"]);
    }

    // The reference scorer's own self-test cases.
    #[test]
    fn same_person_as_the_reference() {
        assert!(same_person("Putin", "Vladimir Putin"));
        assert!(same_person("Vladimir Putin", "putin"));
        assert!(same_person("Mr. Putin", "Vladimir V. Putin"));
        assert!(same_person("President Putin", "Vladimir Putin"));
        assert!(same_person("Dr. García", "Ana Garcia"));
        assert!(same_person("O'Rourke", "Beto O’Rourke"));
        assert!(same_person("Putin’s", "Putin"));
        assert!(!same_person("Hillary Clinton", "Bill Clinton"));
        assert!(!same_person("Putin Vladimir", "Vladimir Putin"));
        assert!(!same_person("", "Putin"));
    }
}
