//! Name mentions, titles, pronouns and the fullest name per article.
//!
//! A speaker phrase is the few words that name who spoke (`Kremlin aide
//! Yuri Ushakov`, `he`, `a senior official`). [`Names::phrase`] reads one
//! into a [`Speaker`]: a proper name with its titles and roles left out,
//! a pronoun, or a description of someone unnamed. [`Names`] also knows
//! every name in the article, so that a surname at one quote becomes the
//! fullest form found elsewhere (`Ushakov` → `Yuri Ushakov`).

use std::borrow::Cow;

use crate::lexicon::{Gender, Lexicon};
use crate::model::Span;
use crate::text::{
    ADD_LETTERS, ADD_RUNS, LexMap, LowerWords, THE_KEY, TokenKind, WordHash,
    WordList, WordMap, WordSet, fill, is_listed, letters_key_any_case,
    next_token, recycle, short_key_any_case, sorted_long_keys,
    split_ascii_tokens, split_tokens_by_kind, with_lower,
};

/// Words in a lexicon, for fast membership tests.
#[derive(Debug)]
pub(crate) struct Vocab {
    /// What each word of the title, not-name, nominal, pronoun and
    /// first-name lists is (the `TITLE`, `NOT_NAME`, `NOMINAL`, `MULTI`
    /// and `PRONOUN` bits, and the genders at `TITLE_GENDER` and
    /// `FIRST_GENDER`), by its key: one lookup answers all of them for a
    /// word of the text.
    classes: LexMap<u32>,
    /// Multiword titles as lowercase word lists, longest first, for
    /// each first word (whose classes have its place here, plus one, at
    /// `MULTI_INDEX`).
    multi_titles: Vec<Vec<Vec<String>>>,
    /// For each list of `multi_titles`, the bit of the low five bits of
    /// the first byte of each title's second word: a word whose next
    /// token starts with an ASCII byte whose bit is clear starts none of
    /// them, told in line (`The`, first word of `The Rev.`, starts many
    /// sentences).
    multi_seconds: Vec<u32>,
    pub(crate) pronouns: LexMap<Gender>,
    /// The first names that end with a period, which `classes` does not
    /// tell (its keys have the final period dropped).
    first_names: LexMap<Gender>,
    /// [`Vocab::classes`] of each one-byte ASCII word, worked out once,
    /// for [`Vocab::title_info`]: the token before a name run is often a
    /// mark, which `classes` reads out of line (it packs only words of
    /// letters in line).
    one_byte: [u32; 128],
    /// Whether a key of `classes` has a char of the general punctuation
    /// block up to U+207F (`’`, `“`, `—`): if none has, a word with one
    /// (`Trump’s`, `It’s`) is told to have no classes without being
    /// lowercased (see [`has_general_punct`]).
    punct_keys: bool,
    /// The shapes of the keys that [`Vocab::title_info`] tells anything
    /// of (a title, or a title's gender): bit `b & 31` of entry `n` for
    /// a key of `n` ASCII bytes whose first byte is `b`. An ASCII word
    /// of fewer than sixteen bytes, its final periods left out, is its
    /// own key lowercased: one whose shape has no bit is told at once.
    title_shapes: [u32; 16],
}

/// Whether `word` has a char from U+2000 to U+207F (`’`, `“`, `—`),
/// whose UTF-8 starts with the bytes E2 80 or E2 81. Each of those chars
/// is its own lowercase form, so the lowercase form of `word` has it
/// too.
fn has_general_punct(word: &[u8]) -> bool {
    word.windows(2).any(|p| p[0] == 0xE2 && p[1] & 0xFE == 0x80)
}

/// The titles that tell their bearer's gender.
const GENDER_TITLES: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("sir", Gender::Male),
    ("lord", Gender::Male),
    ("king", Gender::Male),
    ("prince", Gender::Male),
    ("father", Gender::Male),
    ("brother", Gender::Male),
    ("uncle", Gender::Male),
    ("master", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
    ("miss", Gender::Female),
    ("lady", Gender::Female),
    ("queen", Gender::Female),
    ("princess", Gender::Female),
    ("sister", Gender::Female),
    ("aunt", Gender::Female),
    ("madam", Gender::Female),
    ("dame", Gender::Female),
    ("mistress", Gender::Female),
];

/// A one-word title (`Sen.`, `mayor`).
const TITLE: u32 = 1;
/// A capitalised word that is no name (`Monday`).
const NOT_NAME: u32 = 2;
/// A noun for people or documents (`official`).
const NOMINAL: u32 = 4;
/// The first word of a multiword title (`Secretary of State`).
const MULTI: u32 = 8;
/// A pronoun (`he`), for a word with no final period: the pronoun list
/// is looked up with the period kept.
const PRONOUN: u32 = 16;
/// Where the gender a title gives its bearer is (see [`gender_bits`]).
const TITLE_GENDER: u32 = 5;
/// Where the gender of a first name is (see [`gender_bits`]), for a
/// word with no final period: the first-name list is looked up with the
/// period kept.
const FIRST_GENDER: u32 = 8;

/// Where the place of a word's multiword titles in `Vocab::multi_titles`
/// is, plus one (zero for none): the 21 bits above the genders. (A
/// lexicon with more than two million first words of multiword titles
/// would have the ones past that never found.)
const MULTI_INDEX: u32 = 11;

/// A gender as three bits of a word's classes (none is zero), to be put
/// at `TITLE_GENDER` or `FIRST_GENDER`.
fn gender_bits(g: Gender) -> u32 {
    match g {
        Gender::Male => 1,
        Gender::Female => 2,
        Gender::Plural => 3,
        Gender::Neuter => 4,
    }
}

/// The gender at bit `at` of a word's classes, if any.
#[inline]
fn gender_at(classes: u32, at: u32) -> Option<Gender> {
    match (classes >> at) & 7 {
        1 => Some(Gender::Male),
        2 => Some(Gender::Female),
        3 => Some(Gender::Plural),
        4 => Some(Gender::Neuter),
        _ => None,
    }
}

/// `word.trim_end_matches('.')`, in line (it is read for most
/// capitalised words of every text).
#[inline(always)]
fn trim_periods(word: &str) -> &str {
    match word.as_bytes().last() {
        Some(b'.') => word.trim_end_matches('.'),
        _ => word,
    }
}

/// Lowercase and drop a final period (`Sen.` → `sen`).
fn key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

impl Vocab {
    pub(crate) fn new(lexicon: &Lexicon) -> Vocab {
        let mut titles = WordSet::default();
        let mut multi_titles: WordMap<String, Vec<Vec<String>>> =
            WordMap::default();
        for t in &lexicon.titles {
            let words: Vec<String> = t.split_whitespace().map(key).collect();
            if words.len() == 1 {
                titles.insert(words[0].clone());
            } else if !words.is_empty() {
                multi_titles.entry(words[0].clone()).or_default().push(words);
            }
        }
        for list in multi_titles.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        let not_names: WordSet<String> =
            lexicon.not_names.iter().map(|w| key(w)).collect();
        let nominals: WordSet<String> =
            lexicon.nominals.iter().map(|w| key(w)).collect();
        let mut classes: WordMap<String, u32> = WordMap::default();
        let lists =
            [(TITLE, &titles), (NOT_NAME, &not_names), (NOMINAL, &nominals)];
        for (class, words) in lists {
            for w in words {
                *classes.entry(w.clone()).or_default() |= class;
            }
        }
        let mut multi_lists = Vec::with_capacity(multi_titles.len());
        let mut multi_seconds = Vec::with_capacity(multi_titles.len());
        for (w, list) in multi_titles {
            multi_seconds.push(list.iter().fold(0, |bits, t| {
                let first = t.get(1).and_then(|w| w.as_bytes().first());
                bits | first.map_or(0, |&b| 1 << (b & 31))
            }));
            multi_lists.push(list);
            let place = u32::try_from(multi_lists.len())
                .ok()
                .filter(|&p| p < 1 << (32 - MULTI_INDEX))
                .unwrap_or(0);
            *classes.entry(w).or_default() |= MULTI | place << MULTI_INDEX;
        }
        // A word without a final period is its own key: the pronouns
        // without one answer for it as `pronouns` would.
        for w in lexicon.pronouns.iter().map(|(w, _)| w.to_lowercase()) {
            if !w.ends_with('.') {
                *classes.entry(w).or_default() |= PRONOUN;
            }
        }
        for &(w, g) in GENDER_TITLES {
            *classes.entry(w.to_owned()).or_default() |=
                gender_bits(g) << TITLE_GENDER;
        }
        // A name given twice keeps its last gender, as in a map of the
        // list.
        let mut dotted = vec![];
        for (w, g) in &lexicon.first_names {
            let w = w.to_lowercase();
            if w.ends_with('.') {
                dotted.push((w, *g));
            } else {
                let c = classes.entry(w).or_default();
                *c = (*c & !(7 << FIRST_GENDER))
                    | gender_bits(*g) << FIRST_GENDER;
            }
        }
        let punct_keys =
            classes.keys().any(|k| has_general_punct(k.as_bytes()));
        let mut title_shapes = [0u32; 16];
        for (k, &c) in &classes {
            if c & (TITLE | 7 << TITLE_GENDER) == 0 {
                continue;
            }
            // (Another key is no ASCII word's of fewer than sixteen
            // bytes, lowercased.)
            if let [b, ..] = *k.as_bytes()
                && k.len() < 16
                && k.is_ascii()
            {
                title_shapes[k.len()] |= 1 << (b & 31);
            }
        }
        let classes = LexMap::new(classes);
        let mut one_byte = [0; 128];
        for (b, c) in (0u8..).zip(&mut one_byte) {
            let word = [b];
            if let Ok(w) = std::str::from_utf8(&word) {
                *c = classes.get(trim_periods(w)).unwrap_or(0);
            }
        }
        Vocab {
            classes,
            multi_titles: multi_lists,
            multi_seconds,
            pronouns: LexMap::new(
                lexicon.pronouns.iter().map(|(w, g)| (w.to_lowercase(), *g)),
            ),
            first_names: LexMap::new(dotted),
            one_byte,
            punct_keys,
            title_shapes,
        }
    }

    /// The classes of `word`'s key (lowercase, a final period dropped),
    /// without allocating for short ASCII words (these lookups run for
    /// most words of every text).
    #[inline]
    fn classes(&self, word: &str) -> u32 {
        let word = trim_periods(word);
        match short_key_any_case(word.as_bytes()) {
            Some(key) => self.classes.get_key(key).unwrap_or(0),
            None => self.classes_other(word),
        }
    }

    /// [`Vocab::classes`] of `word`, which has no final period and is not
    /// one to eight ASCII letters: a word with a char of general
    /// punctuation (mostly a possessive or a contraction with `’`, or a
    /// curly quotation mark) is told at once when no key has one.
    #[inline(never)]
    fn classes_other(&self, word: &str) -> u32 {
        if !self.punct_keys
            && !word.is_ascii()
            && has_general_punct(word.as_bytes())
        {
            return 0;
        }
        self.classes.get_other(word).unwrap_or(0)
    }

    /// [`Vocab::classes`] of `word`, looked up in line by `key` when it
    /// has one: the [`letters_key_any_case`] of the word, or of the word
    /// without its final periods.
    #[inline(always)]
    fn classes_by_key(&self, key: Option<u64>, word: &str) -> u32 {
        match key {
            Some(k) => self.classes.get_key(k).unwrap_or(0),
            None => self.classes(word),
        }
    }

    /// What the lexicon says of `word` as a title: whether it is one,
    /// and the gender it gives its bearer (one lookup for both).
    #[inline]
    pub(crate) fn title_info(&self, word: &str) -> (bool, Option<Gender>) {
        // The word before a name run is often a mark, else mostly a word
        // of letters (`said`, `Mr.`), keyed in line.
        let c = match *word.as_bytes() {
            [b] if b < 0x80 => self.one_byte[usize::from(b)],
            _ => {
                let trimmed = trim_periods(word).as_bytes();
                // Most words are no title, told by their shape (the
                // packing and the lookup cost polnear 1.1% of its
                // instructions).
                if let [b, ..] = *trimmed
                    && let Some(&shapes) = self.title_shapes.get(trimmed.len())
                    && shapes >> (b & 31) & 1 == 0
                    && trimmed.is_ascii()
                {
                    return (false, None);
                }
                self.classes_by_key(letters_key_any_case(trimmed), word)
            }
        };
        (c & TITLE != 0, gender_at(c, TITLE_GENDER))
    }

    /// The gender of `word` as a first name, `classes` being its
    /// classes.
    #[inline(always)]
    fn first_name_gender(&self, word: &str, classes: u32) -> Option<Gender> {
        if word.ends_with('.') {
            self.first_names.get(word)
        } else {
            gender_at(classes, FIRST_GENDER)
        }
    }

    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.classes(word) & TITLE != 0
    }

    /// Whether a multiword title may start at `words[i]`, whose classes
    /// are `classes` (`false`: [`Vocab::multi_title_len`] is zero), told
    /// in line by the first byte of the token after (see
    /// `Vocab::multi_seconds`).
    #[inline(always)]
    fn may_start_multi(
        &self,
        words: &[Tok<'_>],
        i: usize,
        classes: u32,
    ) -> bool {
        let Some(next) = words.get(i + 1) else { return false };
        // A token that starts with an ASCII byte other than a period
        // starts with it with its final periods dropped, as
        // `multi_title_len` reads it.
        match next.text.as_bytes().first() {
            Some(&b) if b.is_ascii() && b != b'.' => {
                let place = (classes >> MULTI_INDEX) as usize;
                self.multi_seconds.get(place.wrapping_sub(1)).is_some_and(
                    |m| m >> (b.to_ascii_lowercase() & 31) & 1 != 0,
                )
            }
            _ => true,
        }
    }

    /// The number of words of a multiword title starting at `words[i]`,
    /// whose classes are `classes`.
    fn multi_title_len(
        &self,
        words: &[Tok<'_>],
        i: usize,
        classes: u32,
    ) -> usize {
        let place = (classes >> MULTI_INDEX) as usize;
        let Some(candidates) =
            place.checked_sub(1).and_then(|k| self.multi_titles.get(k))
        else {
            return 0;
        };
        // The first byte of the word after, lowercased, when it is ASCII
        // (most words are told by it): read once for all the candidates
        // (every title has a second word), not for each.
        let second = words.get(i + 1).map(|w| trim_periods(w.text));
        let Some(second) = second else { return 0 };
        let second_first = second
            .as_bytes()
            .first()
            .filter(|b| b.is_ascii())
            .map(u8::to_ascii_lowercase);
        'outer: for t in candidates {
            if let Some(b) = second_first
                && t.get(1).and_then(|w| w.as_bytes().first()) != Some(&b)
            {
                continue;
            }
            if i + t.len() > words.len() {
                continue;
            }
            // The first word is the one the classes are of.
            for (k, w) in t.iter().enumerate().skip(1) {
                let word = trim_periods(words[i + k].text);
                // A word that starts with an ASCII byte lowercases to one
                // that starts with that byte lowercased: most words are
                // told by it.
                if let Some(&b) = word.as_bytes().first()
                    && b.is_ascii()
                    && w.as_bytes().first() != Some(&b.to_ascii_lowercase())
                {
                    continue 'outer;
                }
                // An ASCII word lowercases as ASCII, and the title words
                // are lowercase.
                let same = if word.is_ascii() {
                    word.eq_ignore_ascii_case(w)
                } else {
                    with_lower(word, |x| x == w)
                };
                if !same {
                    continue 'outer;
                }
            }
            return t.len();
        }
        0
    }

    pub(crate) fn is_nominal(&self, word: &str) -> bool {
        self.classes(word) & (NOMINAL | TITLE) != 0
    }

    /// Whether `word` is a pronoun (as `self.pronouns.get(word)` tells)
    /// and whether it is a nominal (as [`Vocab::is_nominal`] tells), `key`
    /// being its [`letters_key_any_case`]: a word with no final period
    /// (the word before a cue) is told by one lookup of its classes, in
    /// line for a word of letters.
    #[inline(always)]
    pub(crate) fn pronoun_and_nominal(
        &self,
        key: Option<u64>,
        word: &str,
    ) -> (bool, bool) {
        let c = self.classes_by_key(key, word);
        // (The `PRONOUN` bit is of the pronouns with no final period.)
        let pronoun = match word.as_bytes().last() {
            Some(b'.') => self.pronouns.get(word).is_some(),
            _ => c & PRONOUN != 0,
        };
        (pronoun, c & (NOMINAL | TITLE) != 0)
    }

    /// The gender of the one-word name `word`, whose classes are
    /// `classes`: `self.gender_of_name(&[word])`, without a lookup for
    /// a word with no final period.
    pub(crate) fn gender_of_word(
        &self,
        word: &str,
        classes: u32,
    ) -> Option<Gender> {
        gender_at(classes, TITLE_GENDER)
            .or_else(|| self.first_name_gender(word, classes))
    }

    /// The gender of the name of `words` (a name run, a possessive
    /// ending of its last word dropped, as [`Names::add_run`] files its
    /// words), `classes` being the classes of the words as written (as
    /// [`NameRuns::next_with`] gives them): `self.gender_of_name` of
    /// the name's words, with no lookup but for a possessive or a word
    /// with a final period.
    pub(crate) fn gender_of_run(
        &self,
        words: &[Tok<'_>],
        classes: &[u32],
    ) -> Option<Gender> {
        let last = words.len().checked_sub(1)?;
        // Most names have no word with a gender in the lexicon, a final
        // period or a possessive ending: told in one pass, with no
        // lookup.
        let mut bits = 0;
        let mut dotted = false;
        for (t, &c) in words.iter().zip(classes) {
            bits |= c;
            dotted |= t.text.ends_with('.');
        }
        // A last word ending with `s` is mostly no possessive (`Sanders`):
        // that is told last.
        if !dotted
            && bits & (7 << TITLE_GENDER | 7 << FIRST_GENDER) == 0
            && !words.last().is_some_and(|t| is_possessive(t.text))
        {
            return None;
        }
        for (k, (t, &c)) in words.iter().zip(classes).enumerate() {
            let (w, c) = if k == last {
                let w = strip_possessive(t.text);
                (w, if w.len() == t.text.len() { c } else { self.classes(w) })
            } else {
                (t.text, c)
            };
            if k == 0
                && let Some(g) = gender_at(c, TITLE_GENDER)
            {
                return Some(g);
            }
            if let Some(g) = self.first_name_gender(w, c) {
                return Some(g);
            }
        }
        None
    }

    /// The gender a first name or title implies: the title's, if the
    /// first word is one that tells it, else the first first name's
    /// (what [`Vocab::gender_of_run`] tells without lookups, kept to
    /// test it against).
    #[cfg(test)]
    pub(crate) fn gender_of_name(&self, words: &[&str]) -> Option<Gender> {
        let (first, rest) = words.split_first()?;
        let c = self.classes(first);
        if let Some(g) = gender_at(c, TITLE_GENDER) {
            return Some(g);
        }
        self.first_name_gender(first, c).or_else(|| {
            rest.iter()
                .find_map(|w| self.first_name_gender(w, self.classes(w)))
        })
    }
}

/// A token of a phrase: a word or one punctuation character.
///
/// Twenty-four bytes: its text, and where it starts in the text with
/// the word flag in the top bit (a `&str` is never longer than
/// `isize::MAX`, so no offset has that bit); its end is its start plus
/// the length of its text. A text has a token every four or five
/// bytes, all of them kept while it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    /// The token as written: `text[self.span()]` of the text it is of.
    pub(crate) text: &'a str,
    /// The start offset, with [`Tok::WORD`] set for a word.
    at: usize,
}

impl<'a> Tok<'a> {
    /// The bit of `at` set for a word: the top one.
    const WORD: usize = 1 << (usize::BITS - 1);

    /// The token `text`, which starts at offset `start` of its text (so
    /// below `isize::MAX`), a word or not.
    #[inline]
    pub(crate) fn new(text: &'a str, start: usize, is_word: bool) -> Tok<'a> {
        Tok { text, at: start | (usize::from(is_word) << (usize::BITS - 1)) }
    }

    /// Where the token starts in its text.
    #[inline]
    pub(crate) fn start(&self) -> usize {
        self.at & !Tok::WORD
    }

    /// Where the token ends in its text (its start plus its length).
    #[inline]
    pub(crate) fn end(&self) -> usize {
        self.start() + self.text.len()
    }

    /// Where the token is in its text.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start(), self.end())
    }

    /// Whether the token is a word (else it is one punctuation char).
    #[inline]
    pub(crate) fn is_word(&self) -> bool {
        self.at & Tok::WORD != 0
    }
}

impl Tok<'_> {
    /// Whether the token is a word that starts with an uppercase char:
    /// told by its first byte, in line, when that is ASCII.
    #[inline(always)]
    pub(crate) fn is_cap(&self) -> bool {
        self.is_word()
            && match self.text.as_bytes().first() {
                Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
                Some(_) => starts_uppercase(self.text),
                None => false,
            }
    }
}

/// Whether `word` starts with an uppercase char ([`Tok::is_cap`] of a
/// word that does not start with an ASCII byte), out of line.
#[inline(never)]
fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Determiners that make a phrase a description of someone unnamed
/// (matched through [`INDEFINITE_KEYS`]).
const INDEFINITE: &[&str] = &[
    "a", "an", "another", "one", "some", "two", "three", "four", "several",
    "many", "other", "few", "most", "all", "both", "various", "numerous",
];

/// Words of a name that are written in lowercase (`Charles de Gaulle`).
pub(crate) const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "das", "dos", "du", "del",
    "della", "di", "la", "le", "bin", "ibn", "al", "el", "ter", "zu", "st.",
];

/// Name suffixes that belong to the name.
pub(crate) const SUFFIXES: &[&str] =
    &["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"];

/// [`PARTICLES`] and [`SUFFIXES`] with their periods dropped (`st`,
/// `jr`), for [`is_particle_or_suffix`].
const BARE_PARTICLES_AND_SUFFIXES: [&str; PARTICLES.len() + SUFFIXES.len()] = {
    let mut out = [""; PARTICLES.len() + SUFFIXES.len()];
    let mut i = 0;
    while i < out.len() {
        let w = if i < PARTICLES.len() {
            PARTICLES[i]
        } else {
            SUFFIXES[i - PARTICLES.len()]
        };
        out[i] = match w.as_bytes() {
            [bare @ .., b'.'] => match std::str::from_utf8(bare) {
                Ok(bare) => bare,
                Err(_) => w,
            },
            _ => w,
        };
        i += 1;
    }
    out
};
/// [`BARE_PARTICLES_AND_SUFFIXES`] as [`is_listed`] reads them (`jr`
/// twice: `jr` and `jr.`).
const BARE_KEYS: [u128; BARE_PARTICLES_AND_SUFFIXES.len()] =
    sorted_long_keys(&BARE_PARTICLES_AND_SUFFIXES);

/// Whether `word`, read from a text without the period after it, is
/// one of [`PARTICLES`] or [`SUFFIXES`] (`st` as `st.`, `Jr`): a word a
/// name run takes in though it is not capitalised.
pub(crate) fn is_particle_or_suffix(word: &[u8]) -> bool {
    // Most words are told by their first byte (see `starts_as`).
    word.first().is_some_and(|&b| {
        (PARTICLE_FIRSTS | SUFFIX_FIRSTS) >> (b & 31) & 1 != 0
    }) && std::str::from_utf8(word).is_ok_and(|w| is_listed(&BARE_KEYS, w))
}

/// [`INDEFINITE`], [`PARTICLES`] and [`SUFFIXES`] as [`is_listed`] (and
/// [`WordList::has`]) reads them (none has a `k`, as it requires).
const INDEFINITE_KEYS: WordList<{ INDEFINITE.len() }> =
    WordList::new(INDEFINITE);
const PARTICLE_KEYS: [u128; PARTICLES.len()] = sorted_long_keys(PARTICLES);
const SUFFIX_KEYS: [u128; SUFFIXES.len()] = sorted_long_keys(SUFFIXES);

/// The first bytes of [`PARTICLES`] and [`SUFFIXES`], each as the bit of
/// its low five bits (the same for both cases of a letter): a word whose
/// first byte has its bit clear is none of them (see [`starts_as`]).
const PARTICLE_FIRSTS: u32 = first_byte_bits(PARTICLES);
const SUFFIX_FIRSTS: u32 = first_byte_bits(SUFFIXES);

/// The bits of the first bytes of `words` (see [`PARTICLE_FIRSTS`]).
const fn first_byte_bits(words: &[&str]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < words.len() {
        if let [b, ..] = words[i].as_bytes() {
            bits |= 1 << (*b & 31);
        }
        i += 1;
    }
    bits
}

/// Whether `word` may be a word whose first bytes are `firsts` (see
/// [`PARTICLE_FIRSTS`]): `false` tells a word that [`is_listed`] would
/// not find, for its first byte lowercased is no listed word's.
#[inline]
fn starts_as(firsts: u32, word: &str) -> bool {
    word.as_bytes().first().is_some_and(|&b| firsts >> (b & 31) & 1 != 0)
}

/// Splits `text[span]` into tokens.
pub(crate) fn tokens(text: &str, span: Span) -> Vec<Tok<'_>> {
    // Room for a token every three bytes, more than prose has: the
    // vector is not grown (and copied) a few times on the way.
    let mut out = Vec::with_capacity(span.len() / 3 + 4);
    tokens_append(text, span, &mut out);
    out
}

/// Splits `text[span]` into tokens, appended to `out`: one vector can
/// hold the tokens of a whole text, paragraph after paragraph.
pub(crate) fn tokens_append<'t>(
    text: &'t str,
    span: Span,
    out: &mut Vec<Tok<'t>>,
) {
    let Some(s) = text.get(span.start..span.end) else { return };
    split_tokens_by_kind(s, keeps_period, |start, end, kind| {
        out.push(Tok::new(
            &s[start..end],
            span.start + start,
            kind != TokenKind::Punct,
        ));
    });
}

/// [`tokens_append`], adding the words of each word token to `words`
/// as it goes: the text is read once for both (see
/// [`LowerWords::add_word`]). The index among the span's tokens of
/// every token that [`NameRuns`] stops at (a capitalised word, `the`) is
/// pushed on `stops`, for [`name_runs_at`], with a few more that it
/// then passes by (`tHE`, a word starting with `t` that is not plain
/// letters, a word starting with a lowercase char above ASCII).
///
/// Plain ASCII tokens are read by [`split_ascii_tokens`], with the words
/// of short ASCII words added by the key it makes; every other token is
/// read by [`next_token`], out of line.
#[inline(never)]
pub(crate) fn tokens_append_words<'t>(
    text: &'t str,
    span: Span,
    out: &mut Vec<Tok<'t>>,
    words: &mut LowerWords<'t>,
    stops: &mut Vec<usize>,
) {
    // The index of the span's first token in `out`.
    let first = out.len();
    // The text up to the span's end, read from the span's start: the
    // tokenizer reads nothing before its start, and the offsets of the
    // tokens are the text's.
    let Some(s) = text.get(..span.end) else { return };
    if span.start > span.end || !s.is_char_boundary(span.start) {
        return;
    }
    let mut i = span.start;
    loop {
        i = split_ascii_tokens(
            s,
            i,
            keeps_period,
            // Called from a few places (see `split_ascii_tokens`), most
            // with `add` known there: in line at each, so that what is
            // done with it is chosen there.
            #[inline(always)]
            |start, word, is_word, add| {
                // The token is pushed first: what it is made of is then
                // no longer held through the adding of its word (there
                // were registers too few for both). `at()` is its index,
                // asked only of a stop.
                out.push(Tok::new(word, start, is_word));
                let at = || out.len() - 1 - first;
                // A word whose key is `add` starts with a lowercase
                // letter: only `the` is stopped at. A capitalised word
                // adds nothing or its runs.
                if add > ADD_RUNS {
                    if add == THE_KEY {
                        push_stop(stops, at(), text.len());
                        words.add_the();
                    } else {
                        words.add_key(add);
                    }
                } else if add == ADD_LETTERS {
                    words.add_word(word, TokenKind::Letters);
                } else {
                    if is_word && run_reads(word) {
                        push_stop(stops, at(), text.len());
                    }
                    if add == ADD_RUNS {
                        words.add_word(word, TokenKind::Word);
                    }
                }
            },
        );
        // Most paragraphs end with a plain token: nothing is left.
        if i >= s.len() {
            return;
        }
        let Some((start, end, kind)) = slow_token(s, i) else { return };
        let word = &s[start..end];
        let is_word = kind != TokenKind::Punct;
        if is_word && run_reads(word) {
            push_stop(stops, out.len() - first, text.len());
        }
        out.push(Tok::new(word, start, is_word));
        if is_word {
            words.add_word(word, kind);
        }
        i = end + usize::from(s.as_bytes().get(end) == Some(&b' '));
    }
}

/// Pushes `at` on the name runs' `stops` (see [`tokens_append_words`]),
/// making room at the first push for a stop in four bytes of a text of
/// `text_len` bytes (a text of names has one in six or seven; past that
/// the vector grows as vectors do). A text with no stop allocates
/// nothing.
#[inline(always)]
fn push_stop(stops: &mut Vec<usize>, at: usize, text_len: usize) {
    if stops.capacity() == 0 {
        grow_stops(stops, text_len);
    }
    stops.push(at);
}

/// The growing of [`push_stop`], out of line.
#[cold]
#[inline(never)]
fn grow_stops(stops: &mut Vec<usize>, text_len: usize) {
    stops.reserve(text_len / 4 + 16);
}

/// [`next_token`] with [`keeps_period`], out of line: the tokens that
/// [`split_ascii_tokens`] leaves.
#[inline(never)]
fn slow_token(s: &str, i: usize) -> Option<(usize, usize, TokenKind)> {
    next_token(s, i, &keeps_period)
}

/// Whether a word keeps the period after it: initials and short
/// capitalised abbreviations (`J.`, `Sen.`, `Jr.`, `U.S.`).
fn keeps_period(word: &str) -> bool {
    match word.as_bytes() {
        // Most words: no capitalised word and no listed one starts so.
        [b, ..] if b.is_ascii() && !b.is_ascii_uppercase() => return false,
        [b] if b.is_ascii_uppercase() => return true,
        _ => {}
    }
    let n = word.chars().count();
    let cap = word.chars().next().is_some_and(char::is_uppercase);
    (cap && (n == 1 || word.contains('.')))
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Col"
                | "Lt"
                | "Capt"
                | "Sgt"
                | "Adm"
                | "Rev"
                | "Prof"
                | "Jr"
                | "Sr"
                | "St"
                | "Pres"
                | "Supt"
                | "Det"
                | "Maj"
                | "Cmdr"
                | "Hon"
                | "Lt.Col"
        )
}

/// Who a speaker phrase names.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Speaker<'t> {
    /// A proper name (titles left out).
    Name { name: SpeakerName<'t>, mention: Span },
    /// A pronoun, to be resolved.
    Pronoun { gender: Gender, mention: Span },
    /// Someone described but not named (`a source`, `the Trump
    /// campaign`).
    Description { mention: Span },
}

/// The name of a [`Speaker::Name`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SpeakerName<'t> {
    /// As written at the mention, words joined by single spaces: a
    /// slice of the text when the words stand one space apart there,
    /// as they mostly do (see [`run_name`]).
    Written(Cow<'t, str>),
    /// Name `id` of the article's [`Names`], which stands for its text
    /// (`Known(id)` reads as `Written(names.text(id))` would): a name
    /// worked out from others (a pronoun's antecedent, a fullest form)
    /// is kept by id, neither copied nor looked up again.
    Known(NameId),
}

impl Speaker<'_> {
    pub(crate) fn mention(&self) -> Span {
        match self {
            Speaker::Name { mention, .. }
            | Speaker::Pronoun { mention, .. }
            | Speaker::Description { mention } => *mention,
        }
    }
}

/// Finds proper-name runs in tokens: capitalised words (with particles,
/// initials and suffixes), titles and not-name words left out. Yields
/// token index ranges, in order, without allocating.
pub(crate) fn name_runs<'v, 'b, 'a>(
    vocab: &'v Vocab,
    toks: &'b [Tok<'a>],
) -> NameRuns<'v, 'b, 'a> {
    NameRuns { vocab, toks, i: 0, stops: None }
}

/// [`name_runs`] reading only the tokens at `stops`, indices of `toks`
/// in increasing order that [`tokens_append_words`] noted: every token
/// that [`NameRuns`] would stop at when reading them all (and maybe
/// more), so that the tokens between are passed by with no reading.
pub(crate) fn name_runs_at<'v, 'b, 'a>(
    vocab: &'v Vocab,
    toks: &'b [Tok<'a>],
    stops: &'b [usize],
) -> NameRuns<'v, 'b, 'a> {
    NameRuns { vocab, toks, i: 0, stops: Some(stops.iter()) }
}

/// Whether [`NameRuns`] reads a token further than its first byte, by
/// that byte: a token that starts with an ASCII byte other than a
/// capital or a `t` is neither capitalised nor `the`.
const RUN_READS: [bool; 256] = {
    let mut reads = [false; 256];
    let mut b = 0;
    while b < 256 {
        reads[b] =
            b >= 0x80 || b == b't' as usize || (b as u8).is_ascii_uppercase();
        b += 1;
    }
    reads
};

/// Whether [`NameRuns`] reads `word` further than its first byte (see
/// [`RUN_READS`]).
#[inline(always)]
fn run_reads(word: &str) -> bool {
    word.as_bytes().first().is_some_and(|&b| RUN_READS[usize::from(b)])
}

/// Whether [`NameRuns`] stops at `t`, a token whose first byte
/// [`RUN_READS`] reads: one starting with `t` only when it is `the` (the
/// only such token that `note_the` notes), one starting with a byte
/// above ASCII only when it is a word (a mark, `“` or `—`, is no name).
#[inline(always)]
fn stops_at(t: &Tok<'_>) -> bool {
    match t.text.as_bytes() {
        [b't', ..] => t.text == "the",
        [b, ..] if *b >= 0x80 => t.is_word(),
        _ => true,
    }
}

/// The name runs of some tokens (see [`name_runs`]).
pub(crate) struct NameRuns<'v, 'b, 'a> {
    vocab: &'v Vocab,
    toks: &'b [Tok<'a>],
    /// Where the search for the next run starts.
    i: usize,
    /// With [`name_runs_at`], the tokens still to stop at (those after
    /// the last one taken, maybe a few of them before `i`): the search
    /// jumps from one to the next. `None`: every token is read.
    stops: Option<std::slice::Iter<'b, usize>>,
}

impl Iterator for NameRuns<'_, '_, '_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        self.advance::<false>(&mut RunNotes::default())
    }
}

/// What [`NameRuns::next_with`] notes of the tokens it reads, besides
/// the runs.
#[derive(Debug, Default)]
pub(crate) struct RunNotes {
    /// The classes of each word of each run (their `Vocab` classes, as
    /// written), run after run.
    pub(crate) classes: Vec<u32>,
    /// Where each `the` or `The` is, by token index, in order: those
    /// followed by a word that is not capitalised (`the doctor`) are
    /// told from the others where they are read (most texts name no
    /// one by title, and have them read for nothing).
    pub(crate) the_at: Vec<usize>,
    /// The [`letters_key_any_case`] of the last run's first word, when
    /// it has one and no final period (else zero): the word packed once
    /// for its lexicon classes and its lookup in the text's lowercase
    /// words.
    pub(crate) first_key: u64,
}

impl RunNotes {
    /// No notes yet, with room for those of a text of `bytes` bytes
    /// (so that the vectors rarely grow), and for the classes of at least
    /// `words` words: `self` emptied, its room kept (that of the last
    /// text: see `attribute::Scratch`).
    pub(crate) fn reuse(mut self, bytes: usize, words: usize) -> RunNotes {
        self.classes.clear();
        self.classes.reserve((bytes / 32).max(words));
        self.the_at.clear();
        self.the_at.reserve(bytes / 64);
        self.first_key = 0;
        self
    }
}

impl NameRuns<'_, '_, '_> {
    /// The next run, as [`Iterator::next`] gives it, with the classes of
    /// each of its words pushed on `notes.classes` (the lexicon is read
    /// once for both), and the `the` and `The` among the tokens read on
    /// the way pushed on `notes.the_at` (run until
    /// `None`, every token is read once).
    #[inline]
    pub(crate) fn next_with(
        &mut self,
        notes: &mut RunNotes,
    ) -> Option<(usize, usize)> {
        self.advance::<true>(notes)
    }

    /// With `KEEP`, notes token `k`, `t`, in `notes.the_at` if it is
    /// `the` or `The`.
    #[inline]
    fn note_the<const KEEP: bool>(
        &self,
        k: usize,
        t: &Tok<'_>,
        notes: &mut RunNotes,
    ) {
        // Most tokens are told by their length.
        if KEEP
            && let [b0, b'h', b'e'] = *t.text.as_bytes()
            && b0 | 0x20 == b't'
        {
            notes.the_at.push(k);
        }
    }

    /// The next run; with `KEEP`, what `next_with` notes pushed on
    /// `notes` (else `notes` is not touched).
    #[inline]
    fn advance<const KEEP: bool>(
        &mut self,
        notes: &mut RunNotes,
    ) -> Option<(usize, usize)> {
        let (vocab, toks) = (self.vocab, self.toks);
        let mut i = self.i;
        loop {
            // A token passed by is neither capitalised nor `the` (the
            // only token starting with `t` that `note_the` notes).
            if let Some(stops) = &mut self.stops {
                // The first noted token at or after `i`, taken off (the
                // ones before it are words of a run or of a multiword
                // title just read): each stop is read once.
                // A `the` (most stops that are not capitalised) is noted
                // on the way.
                i = loop {
                    let Some(&k) = stops.next() else { break toks.len() };
                    if k < i {
                        continue;
                    }
                    if let Some(t) = toks.get(k)
                        && t.text == "the"
                    {
                        if KEEP {
                            notes.the_at.push(k);
                        }
                        continue;
                    }
                    break k;
                };
            } else {
                // Most tokens are told by their first byte alone: they
                // are skipped in a loop of their own.
                let mut rest = toks.get(i..).unwrap_or_default();
                while let [t, tail @ ..] = rest {
                    if run_reads(t.text) && stops_at(t) {
                        break;
                    }
                    rest = tail;
                }
                i = toks.len() - rest.len();
            }
            let Some(&t) = toks.get(i) else {
                i = toks.len();
                break;
            };
            if !t.is_cap() {
                self.note_the::<KEEP>(i, &t, notes);
                i += 1;
                continue;
            }
            self.note_the::<KEEP>(i, &t, notes);
            // A word with a final period has no key (a period is no
            // letter).
            let key = letters_key_any_case(t.text.as_bytes());
            // `classes` of the word, which has no final period to drop
            // when it has a key.
            let first = vocab.classes_by_key(key, t.text);
            let m = if first & MULTI != 0
                && vocab.may_start_multi(toks, i, first)
            {
                vocab.multi_title_len(toks, i, first)
            } else {
                0
            };
            if m > 0 {
                for (k, t) in toks.iter().enumerate().take(i + m).skip(i + 1) {
                    self.note_the::<KEEP>(k, t, notes);
                }
                i += m;
                continue;
            }
            if first & (TITLE | NOT_NAME) != 0 {
                i += 1;
                continue;
            }
            if KEEP {
                notes.classes.push(first);
                notes.first_key = key.unwrap_or(0);
            }
            let start = i;
            let mut end = i + 1;
            while end < toks.len() {
                let w = toks[end];
                if !w.is_word() {
                    break;
                }
                // One lookup tells a title and a pronoun; a word that is
                // no capitalised name word may be a particle or a suffix.
                let cap = w.is_cap();
                // A word of one to twelve letters (most of a name) is
                // packed and looked up in line, as the first word is.
                let classes_of_w = match cap {
                    false => 0,
                    true => vocab.classes_by_key(
                        letters_key_any_case(w.text.as_bytes()),
                        w.text,
                    ),
                };
                let extends = (cap && {
                    classes_of_w & TITLE == 0
                        && if w.text.ends_with('.') {
                            !is_pronoun_word(vocab, w.text)
                        } else {
                            classes_of_w & PRONOUN == 0
                        }
                }) || (starts_as(PARTICLE_FIRSTS, w.text)
                    && toks.get(end + 1).is_some_and(|n| n.is_cap())
                    && is_listed(&PARTICLE_KEYS, w.text))
                    || (starts_as(SUFFIX_FIRSTS, w.text)
                        && is_listed(&SUFFIX_KEYS, w.text));
                if extends {
                    if KEEP {
                        notes.classes.push(if cap {
                            classes_of_w
                        } else {
                            vocab.classes(w.text)
                        });
                        self.note_the::<KEEP>(end, &w, notes);
                    }
                    end += 1;
                } else {
                    break;
                }
            }
            self.i = end;
            return Some((start, end));
        }
        self.i = i;
        None
    }
}

fn is_pronoun_word(vocab: &Vocab, w: &str) -> bool {
    vocab.pronouns.get(w).is_some()
}

/// The text of a name run: its words joined by spaces, a possessive `'s`
/// dropped.
pub(crate) fn run_text(toks: &[Tok<'_>], run: (usize, usize)) -> String {
    let words = &toks[run.0..run.1];
    let mut out =
        String::with_capacity(words.iter().map(|t| t.text.len() + 1).sum());
    for (k, t) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if k + 1 == words.len() {
            out.push_str(strip_possessive(t.text));
        } else {
            out.push_str(t.text);
        }
    }
    out
}

#[inline]
pub(crate) fn strip_possessive(w: &str) -> &str {
    // Every ending dropped ends with `s`, `'` or the last byte of `’`:
    // most words are told by that byte, in line.
    if !matches!(w.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return w;
    }
    strip_possessive_ending(w)
}

/// [`strip_possessive`] of a word that ends with `s`, `'` or `’`.
#[inline(never)]
fn strip_possessive_ending(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

fn is_possessive(w: &str) -> bool {
    strip_possessive(w).len() != w.len()
}

/// Reads a speaker phrase. `head_last` says where the head of the phrase
/// is: at the end (a subject before its verb: `Kremlin aide Yuri
/// Ushakov`) or at the start (after an inverted verb or a preposition:
/// `said Yuri Ushakov, a Kremlin aide`).
///
/// `toks` are tokens of `text`; a name is borrowed from it where it can
/// be (see [`run_name`]).
pub(crate) fn read_phrase<'t>(
    vocab: &Vocab,
    text: &'t str,
    toks: &[Tok<'t>],
    head_last: bool,
) -> Option<Speaker<'t>> {
    read_phrase_first(vocab, text, toks, head_last).map(|(speaker, _)| speaker)
}

/// [`read_phrase`], with the first word of a name read (the name up to
/// its first space: the text of the run's first token, or the whole name
/// of one word), so that a caller testing that word needs no search for
/// the space; `""` with a speaker that is no name.
pub(crate) fn read_phrase_first<'t>(
    vocab: &Vocab,
    text: &'t str,
    toks: &[Tok<'t>],
    head_last: bool,
) -> Option<(Speaker<'t>, &'t str)> {
    // Drop a parenthetical (`Sen. Tim Kaine (D-Va.)`); a phrase without
    // brackets is read in place.
    let bracket = |t: &Tok<'_>| matches!(t.text, "(" | "[" | ")" | "]");
    let kept: Cow<'_, [Tok<'t>]> = if toks.iter().any(bracket) {
        let mut kept = Vec::with_capacity(toks.len());
        let mut depth = 0;
        for t in toks {
            match t.text {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = (depth - 1i32).max(0),
                _ if depth == 0 => kept.push(*t),
                _ => {}
            }
        }
        Cow::Owned(kept)
    } else {
        Cow::Borrowed(toks)
    };
    let toks = &kept[..];
    if toks.is_empty() || toks.len() > 14 {
        return None;
    }
    let mut words = toks.iter().filter(|t| t.is_word());
    let first = words.next()?;
    let lone = words.next().is_none();
    // A lone pronoun; `I` is a narrator or a first-person writer, whom
    // the phrase alone does not name.
    if lone && first.text == "I" {
        return Some((Speaker::Description { mention: first.span() }, ""));
    }
    // Only ASCII lowercases to these (the one other char that
    // lowercases to ASCII, the Kelvin sign, becomes a `k`): the cheap
    // test first.
    let personal = |w: &str| {
        w.len() <= 4
            && ["he", "she", "they", "we", "it"]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(w))
    };
    if lone
        && personal(first.text)
        && let Some(g) = vocab.pronouns.get(first.text)
    {
        return Some((
            Speaker::Pronoun { gender: g, mention: first.span() },
            "",
        ));
    }
    // `a Trump supporter`, `another New Hampshire Democrat`, `one
    // nurse`: someone described, not named. (A lone word, most phrases
    // read, is not looked up.)
    let phrase_span0 = Span::new(toks[0].start(), toks[toks.len() - 1].end());
    if !lone && INDEFINITE_KEYS.has(first.text) {
        return Some((Speaker::Description { mention: phrase_span0 }, ""));
    }
    // `Gov. Earl Ray Tomblin of West Virginia`: the head comes before
    // `of`, `from`, `at`, ... when a name stands there; `Farm groups in
    // Norvia` is a description of people, not Norvia.
    let preposition = toks.iter().position(|t| {
        matches!(t.text, "of" | "from" | "at" | "for" | "with" | "in")
    });
    if let Some(k) = preposition
        && head_last
        && k > 0
        && toks[k - 1].is_word()
        && !toks[k - 1].is_cap()
        && vocab.is_nominal(toks[k - 1].text)
    {
        let span = Span::new(toks[0].start(), toks[toks.len() - 1].end());
        return Some((Speaker::Description { mention: span }, ""));
    }
    let toks = match preposition {
        Some(k)
            if name_runs(vocab, &toks[..k])
                .last()
                .is_some_and(|r| r.1 == k) =>
        {
            &toks[..k]
        }
        _ => toks,
    };
    let mut runs = name_runs(vocab, toks);
    let phrase_span = Span::new(toks[0].start(), toks[toks.len() - 1].end());
    // Runs come in order, each after the last: a run that ends the
    // phrase (most names read) is its last, with no search for another.
    let run = match runs.next() {
        Some(found) if head_last && found.1 < toks.len() => {
            Some(runs.last().unwrap_or(found))
        }
        run => run,
    };
    let Some(run) = run else {
        return description(vocab, toks, phrase_span).map(|s| (s, ""));
    };
    // A name followed by a lowercase noun is a modifier, not the head
    // (`the Trump campaign`, `Clinton's aides`, `Kremlin aide`).
    let after = &toks[run.1..];
    let head_noun_after = after
        .iter()
        .take_while(|t| t.is_word())
        .any(|t| !t.is_cap() && vocab.is_nominal(t.text));
    if head_last && head_noun_after {
        return Some((Speaker::Description { mention: phrase_span }, ""));
    }
    // `Donald Trump's flurry of tweets`: a possessive name modifies
    // something that is no speaker.
    let possessive = is_possessive(toks[run.1 - 1].text);
    if head_last && possessive && after.first().is_some_and(|t| t.is_word()) {
        return None;
    }
    let name = run_name(text, toks, run);
    if name.is_empty() {
        return None;
    }
    // The words of a name are the run's tokens, joined by single spaces
    // (a token has no space), a one-word name being its word.
    let first_word = match toks[run.0..run.1] {
        [_] => strip_possessive(toks[run.0].text),
        _ => toks[run.0].text,
    };
    debug_assert_eq!(name.split(' ').next(), Some(first_word));
    let mention = Span::new(toks[run.0].start(), toks[run.1 - 1].end());
    let name = SpeakerName::Written(name);
    Some((Speaker::Name { name, mention }, first_word))
}

/// A description of an unnamed speaker: a phrase whose words include a
/// noun for people or documents (`a senior official`, `one nurse`).
fn description<'t>(
    vocab: &Vocab,
    toks: &[Tok<'_>],
    span: Span,
) -> Option<Speaker<'t>> {
    let has_nominal =
        toks.iter().any(|t| t.is_word() && vocab.is_nominal(t.text));
    has_nominal.then_some(Speaker::Description { mention: span })
}

/// The name written by run `run` of `toks` (tokens of `text`), as
/// [`run_text`] writes it: borrowed from the text when the words stand
/// one space apart there, as they mostly do.
pub(crate) fn run_name<'t>(
    text: &'t str,
    toks: &[Tok<'t>],
    run: (usize, usize),
) -> Cow<'t, str> {
    match toks[run.0..run.1] {
        // A name of one word is that word: no text to slice (and no
        // boundaries to check).
        [word] => Cow::Borrowed(strip_possessive(word.text)),
        _ => words_name_and_last(text, toks, run).0,
    }
}

/// The name of a run of two words or more (or of none: the empty name),
/// as [`run_name`] writes it, and the last word of the run with its
/// possessive ending dropped (`""` for an empty run), that ending found
/// once for both (as [`Names::add_run`] wants them: it files a run of
/// one word by itself). Always in line: `Names::add_run` calls it for
/// every run of several words, and most names are borrowed.
#[inline(always)]
fn words_name_and_last<'t>(
    text: &'t str,
    toks: &[Tok<'t>],
    run: (usize, usize),
) -> (Cow<'t, str>, &'t str) {
    let words = &toks[run.0..run.1];
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return (Cow::Borrowed(""), "");
    };
    let spaced = words.windows(2).all(|w| {
        w[1].start() == w[0].end() + 1
            && text.as_bytes().get(w[0].end()) == Some(&b' ')
    });
    let last_word = strip_possessive(last.text);
    let end = last.start() + last_word.len();
    let name = match text.get(first.start()..end) {
        Some(name) if spaced => Cow::Borrowed(name),
        _ => Cow::Owned(spaced_copy(text, toks, run, end)),
    };
    (name, last_word)
}

/// [`run_text`] for run `run` of `toks` (tokens of `text`), whose name
/// ends at byte `end` of the text: when a single byte stands between
/// each two words (`Osei\nLyle`), the text copied at once with a space
/// for each such byte, not word by word. Out of line: most names are
/// borrowed.
#[inline(never)]
fn spaced_copy(
    text: &str,
    toks: &[Tok<'_>],
    run: (usize, usize),
    end: usize,
) -> String {
    let words = &toks[run.0..run.1];
    let one_byte_apart =
        words.windows(2).all(|w| w[1].start() == w[0].end() + 1);
    let start = words.first().map_or(0, |t| t.start());
    if one_byte_apart && let Some(name) = text.get(start..end) {
        // The byte between two words is a char of its own (one byte
        // between char boundaries): a space in its place keeps UTF-8.
        let mut bytes = name.as_bytes().to_vec();
        for t in words.iter().take(words.len().saturating_sub(1)) {
            if let Some(b) = bytes.get_mut(t.end() - start) {
                *b = b' ';
            }
        }
        if let Ok(name) = String::from_utf8(bytes) {
            return name;
        }
    }
    run_text(toks, run)
}

/// The id of a name in [`Names`]: the place of its first mention among
/// the distinct names added.
pub(crate) type NameId = usize;

/// No name: the end of a chain, or a fullest form not yet worked out.
const NONE: NameId = NameId::MAX;

/// Every name in an article, each kept once, for finding the fullest
/// form of a mention.
///
/// A name's words are slices of the text, and so is the name itself
/// whenever its words stand one space apart there; the fullest form of
/// each name is worked out once, when first asked for (all names are
/// added before any is asked about).
///
/// The names and their words are found by hash in [`IdTable`]s, which
/// hold nothing but a hash and an id a slot: a text of many different
/// names (a long list of them) fills small tables that grow without
/// reading a name again.
#[derive(Debug, Default)]
pub(crate) struct Names<'t> {
    /// The hash of the names and of their words (by
    /// [`WordHash::hash_str`]).
    hash: WordHash,
    /// The id of each name, by the hash of its text.
    ids: IdTable,
    /// The names, by id.
    entries: Vec<NameEntry<'t>>,
    /// The words of every name, name after name.
    words: Vec<&'t str>,
    /// The chains of multiword names ending with each word (the older
    /// names linked by `NameEntry::next_last`).
    lasts: WordChains<'t>,
    /// The chains of multiword names starting with each word, and the
    /// next older name in its chain of each name (by id): made when
    /// first wanted (only for a single word that no name ends with), as
    /// most texts never want them, and dropped when a name is added.
    firsts: std::cell::OnceCell<(WordChains<'t>, Vec<NameId>)>,
    /// Two bits for the first word of each multiword name (see
    /// [`Names::first_bits_of_hash`]; none at all for a
    /// `Names::default`): a word with a bit clear starts no name, and is
    /// told so without `firsts` (a bit array of two bytes a name stays
    /// in cache, and most texts then never make `firsts`).
    first_bits: Vec<u64>,
}

/// A chain of names for each of some words: the id of each word by its
/// hash, and each word's chain by id (the word, its newest name and how
/// many there are, the older ones linked from the names).
#[derive(Debug, Default)]
struct WordChains<'t> {
    /// The id of each word, by its hash.
    ids: IdTable,
    /// The chain of each word, by word id.
    chains: Vec<Chain<'t>>,
}

/// The chain of a word of [`WordChains`]: the word is kept with it, so
/// that a new word is filed with one push.
#[derive(Clone, Copy, Debug)]
struct Chain<'t> {
    /// The word.
    word: &'t str,
    /// The newest name of the chain.
    newest: NameId,
    /// The number of names in the chain.
    len: usize,
}

impl<'t> WordChains<'t> {
    /// No words yet, with room for `n` before the tables grow.
    fn with_capacity(n: usize) -> WordChains<'t> {
        WordChains {
            ids: IdTable::with_capacity(n),
            chains: Vec::with_capacity(n),
        }
    }

    /// No words yet, as [`WordChains::with_capacity`] makes them, in the
    /// room of `self`'s vectors.
    fn reuse<'u>(self, n: usize) -> WordChains<'u> {
        let mut ids = self.ids;
        ids.reset(n);
        let mut chains = recycle(self.chains);
        chains.reserve(n);
        WordChains { ids, chains }
    }

    /// Puts name `id` at the head of the chain of `word` (of hash
    /// `hash`, the word filed when new); returns the word's id and the
    /// name that headed its chain before (`NONE` if none).
    #[inline]
    fn push(
        &mut self,
        word: &'t str,
        hash: u32,
        id: NameId,
    ) -> (usize, NameId) {
        let chains = &self.chains;
        match self.ids.find(hash, |k| same_str(chains[k].word, word)) {
            Ok(k) => {
                let chain = &mut self.chains[k];
                let older = chain.newest;
                chain.newest = id;
                chain.len += 1;
                (k, older)
            }
            Err(slot) => {
                let k = self.chains.len();
                self.ids.insert(slot, hash, k);
                self.chains.push(Chain { word, newest: id, len: 1 });
                (k, NONE)
            }
        }
    }

    /// The chain of `word` (of hash `hash`), if it has one: its newest
    /// name and its length.
    fn get(&self, word: &str, hash: u32) -> Option<(NameId, usize)> {
        let chains = &self.chains;
        let found = self.ids.find(hash, |k| same_str(chains[k].word, word));
        found.ok().map(|k| self.chain(k))
    }

    /// The newest name and the length of chain `k`.
    fn chain(&self, k: usize) -> (NameId, usize) {
        let c = &self.chains[k];
        (c.newest, c.len)
    }
}

/// One name of [`Names`].
#[derive(Debug)]
struct NameEntry<'t> {
    /// The words joined by single spaces.
    text: Cow<'t, str>,
    /// Where its words are in `Names::words`.
    start: usize,
    end: usize,
    /// The id of its last word in `Names::lasts` (`NONE` for a name of
    /// one word), and the next older name in that word's chain.
    last_chain: usize,
    next_last: NameId,
    /// The id of its fullest form once worked out, `NONE` before.
    fullest: std::cell::Cell<NameId>,
    /// The [`WordHash::hash_str`] of its first word (of the name itself,
    /// for a name of one word), made as the name was added: the tables
    /// of first words and the search for a fuller form read it again.
    first_hash: u64,
}

/// A hash table of ids whose keys are kept elsewhere (names or words,
/// by id): open addressing with linear probing, each slot a key's
/// 32-bit hash above its id plus one, zero when empty. A slot holds all
/// a lookup needs to skip other keys (mostly) and all that growing the
/// table needs, so that neither reads a key it need not. A hash's first
/// slot is the hash scaled to the number of slots (see [`home`]), so the
/// table has twice as many slots as the ids it was made for, not that
/// rounded up to a power of two (up to four times as many).
///
/// An id too large for 32 bits (past four billion names) is not filed:
/// it is never found again, and its key may be filed anew.
#[derive(Debug, Default)]
struct IdTable {
    /// The slots; none, or at least sixteen, at most half full.
    slots: Vec<u64>,
    len: usize,
}

/// The first place for `hash` among `n` places (less than `n` when `n` is
/// not zero): the hash scaled to them (the hash times `n`, over 2^32),
/// which takes the hashes evenly to any number of places, as a mask of
/// the low bits does to a power of two.
#[inline]
fn home(hash: u32, n: usize) -> usize {
    ((u128::from(hash) * n as u128) >> 32) as usize
}

impl IdTable {
    /// A table with room for `n` ids before it grows.
    fn with_capacity(n: usize) -> IdTable {
        let slots = (2 * n).max(16);
        IdTable { slots: vec![0; slots], len: 0 }
    }

    /// Empties the table and makes it as [`IdTable::with_capacity`]
    /// does, in the room of its vector.
    fn reset(&mut self, n: usize) {
        fill(&mut self.slots, (2 * n).max(16), 0);
        self.len = 0;
    }

    /// The id filed with hash `hash` that `is_key` accepts, or else the
    /// slot where such an id goes (`usize::MAX` in a table of no slots).
    #[inline]
    fn find(
        &self,
        hash: u32,
        is_key: impl Fn(usize) -> bool,
    ) -> Result<usize, usize> {
        let n = self.slots.len();
        if n == 0 {
            return Err(usize::MAX);
        }
        let mut i = home(hash, n);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return Err(i);
            }
            if (slot >> 32) as u32 == hash {
                // A filed id plus one, at least one.
                let id = (slot as u32 - 1) as usize;
                if is_key(id) {
                    return Ok(id);
                }
            }
            i += 1;
            if i == n {
                i = 0;
            }
        }
    }

    /// Files `id` with hash `hash` at `slot`, as [`IdTable::find`] told
    /// it for that hash.
    #[inline]
    fn insert(&mut self, slot: usize, hash: u32, id: usize) {
        let Some(id) = u32::try_from(id).ok().and_then(|k| k.checked_add(1))
        else {
            return;
        };
        let entry = u64::from(hash) << 32 | u64::from(id);
        match self.slots.get_mut(slot) {
            Some(s) => *s = entry,
            None => {
                self.grow();
                Self::place(&mut self.slots, entry);
            }
        }
        self.len += 1;
        if 2 * self.len > self.slots.len() {
            self.grow();
        }
    }

    /// Puts `entry` in the first empty slot from its home.
    #[inline]
    fn place(slots: &mut [u64], entry: u64) {
        let n = slots.len();
        let mut i = home((entry >> 32) as u32, n);
        while slots[i] != 0 {
            i += 1;
            if i == n {
                i = 0;
            }
        }
        slots[i] = entry;
    }

    /// Doubles the slots (or makes the first ones), out of line so that
    /// `insert` stays small.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let n = (2 * self.slots.len()).max(16);
        let old = std::mem::replace(&mut self.slots, vec![0; n]);
        for entry in old.into_iter().filter(|&e| e != 0) {
            Self::place(&mut self.slots, entry);
        }
    }
}

/// Whether `a` and `b` are the same string: up to sixteen bytes compared
/// in line as two overlapping numbers (or the first, middle and last
/// byte, below four), not by a call to `bcmp`, for the names and words
/// of [`Names`], which are mostly short.
#[inline(always)]
fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let eight = |s: &[u8], k: usize| {
        s.get(k..k.wrapping_add(8))
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            .map(u64::from_le_bytes)
    };
    let four = |s: &[u8], k: usize| {
        s.get(k..k.wrapping_add(4))
            .and_then(|c| <[u8; 4]>::try_from(c).ok())
            .map(u32::from_le_bytes)
    };
    match n {
        0 => true,
        1..=3 => {
            a.first() == b.first()
                && a.get(n / 2) == b.get(n / 2)
                && a.last() == b.last()
        }
        4..=7 => four(a, 0) == four(b, 0) && four(a, n - 4) == four(b, n - 4),
        8..=16 => {
            eight(a, 0) == eight(b, 0) && eight(a, n - 8) == eight(b, n - 8)
        }
        _ => a == b,
    }
}

/// More forms than this ending in one word make a name ambiguous: it
/// stays as written (and the work stays linear on hostile input).
const MAX_FORMS: usize = 64;

impl<'t> Names<'t> {
    /// No names yet, with room for about `n` (the tables then need not
    /// grow step by step, each step a copy, for every short text) and
    /// for at least `words` words (all those of the runs to be added: a
    /// text of long names, such as one all in capitals, has more than
    /// two a name, and copying the words as they outgrew their room cost
    /// 3% of its time), in the room of `self`'s vectors (those of the
    /// last text: see `attribute::Scratch`).
    pub(crate) fn reuse<'u>(self, n: usize, words: usize) -> Names<'u> {
        let mut ids = self.ids;
        ids.reset(n);
        let mut entries = recycle(self.entries);
        entries.reserve(n);
        let words_room = words;
        let mut words = recycle(self.words);
        words.reserve(words_room.max(2 * n));
        // Sixteen bits a name, two set a name: about one word in
        // seventy that starts no name is taken for one.
        let mut first_bits = self.first_bits;
        fill(&mut first_bits, (n / 4).max(1), 0);
        Names {
            // The seed of the last text (drawing one costs about a
            // hundred instructions, twice a text).
            hash: self.hash,
            ids,
            entries,
            words,
            // A last word a name.
            lasts: self.lasts.reuse(n),
            firsts: std::cell::OnceCell::new(),
            first_bits,
        }
    }

    /// The vectors, for the next text's [`Names::reuse`] (which empties
    /// and sizes each): only those of words of this text are emptied
    /// here. (Emptying and sizing them all here too, with a `reuse`,
    /// cost 140 instructions a call.)
    #[inline]
    pub(crate) fn into_room<'u>(self) -> Names<'u> {
        let lasts = self.lasts;
        Names {
            hash: self.hash,
            ids: self.ids,
            entries: recycle(self.entries),
            words: recycle(self.words),
            lasts: WordChains {
                ids: lasts.ids,
                chains: recycle(lasts.chains),
            },
            firsts: std::cell::OnceCell::new(),
            first_bits: self.first_bits,
        }
    }

    /// The bytes of room of the vectors (see `attribute::Scratch`).
    pub(crate) fn room(&self) -> usize {
        8 * self.ids.slots.capacity()
            + size_of::<NameEntry<'_>>() * self.entries.capacity()
            + size_of::<&str>() * self.words.capacity()
            + 8 * self.first_bits.capacity()
            + 8 * self.lasts.ids.slots.capacity()
            + size_of::<Chain<'_>>() * self.lasts.chains.capacity()
    }

    /// The hash of a name or a word, for the tables.
    #[inline]
    fn hash_of(&self, s: &str) -> u32 {
        self.hash.hash_str(s) as u32
    }

    /// Adds `name` (words split at single spaces), and returns its id.
    #[cfg(test)]
    pub(crate) fn add(&mut self, name: &'t str) -> NameId {
        let several = name.split_once(' ').zip(name.rsplit_once(' '));
        let several = several.map(|((first, _), (_, last))| (first, last));
        self.add_with(Cow::Borrowed(name), several, |words| {
            words.extend(name.split(' '));
        })
    }

    /// Adds the name of run `run` of `toks` (tokens of `text`), as
    /// [`run_text`] writes it, and returns its id. Most names come
    /// again and again: they are looked up before anything is copied.
    /// It only tells a run of one word (most runs) from the others, each
    /// filed by a function of its own. (In line in `Doc::new`, it made
    /// the name runs read there slower: `capitalised` 0.4% more
    /// instructions.)
    #[inline(never)]
    pub(crate) fn add_run(
        &mut self,
        text: &'t str,
        toks: &[Tok<'t>],
        run: (usize, usize),
    ) -> NameId {
        // (Taken as a slice of tokens, the run saved 0.2% of the
        // instructions of news here, but its slicing in `Doc::new` moved a
        // spill there into a loop run once a quote: `short-quotes` 0.2%
        // more.)
        let words = &toks[run.0..run.1];
        match words {
            [word] => self.add_word(word.text),
            _ => self.add_run_of_words(text, words),
        }
    }

    /// [`Names::add_run`] for a run of the one word `word`: the name is
    /// the word with its possessive ending dropped, with no text to
    /// slice, no words to file but itself, and no chain of first or last
    /// words to file it in (those are of multiword names only).
    #[inline(never)]
    fn add_word(&mut self, word: &'t str) -> NameId {
        let word = strip_possessive(word);
        self.add_with(Cow::Borrowed(word), None, |words| words.push(word))
    }

    /// [`Names::add_run`] for a run of several words (or none), out of
    /// line.
    #[inline(never)]
    fn add_run_of_words(&mut self, text: &'t str, run: &[Tok<'t>]) -> NameId {
        let (name, last_word) = words_name_and_last(text, run, (0, run.len()));
        // (A run here is of several words, or of none.)
        let several = run.first().map(|first| (first.text, last_word));
        self.add_with(name, several, |words| {
            if let Some((_, most)) = run.split_last() {
                words.extend(most.iter().map(|t| t.text));
                words.push(last_word);
            }
        })
    }

    /// The id of `name`, filed as a new name (its words appended by
    /// `add_words`) unless it is already there; `several` is its first
    /// and last word when it has several (as the caller knows them: they
    /// are not read back from the words appended).
    fn add_with(
        &mut self,
        name: Cow<'t, str>,
        several: Option<(&'t str, &'t str)>,
        add_words: impl FnOnce(&mut Vec<&'t str>),
    ) -> NameId {
        let id = self.entries.len();
        // (The hash of a name of one word is that of its word.)
        let name_hash = self.hash.hash_str(&name);
        let hash = name_hash as u32;
        let entries = &self.entries;
        let slot =
            match self.ids.find(hash, |k| same_str(&entries[k].text, &name)) {
                Ok(k) => return k,
                Err(slot) => slot,
            };
        self.ids.insert(slot, hash, id);
        let start = self.words.len();
        add_words(&mut self.words);
        let end = self.words.len();
        // Only a name of several words is a fuller form of another.
        let (last_chain, next_last, first_hash) = match several {
            Some((first, last)) => {
                // The chains of first words, if made, are made again for
                // the new name (they hold multiword names only: a name
                // of one word leaves them standing).
                if self.firsts.get().is_some() {
                    self.firsts.take();
                }
                let first_hash = self.hash.hash_str(first);
                if !self.first_bits.is_empty() {
                    for bit in self.first_bits_of_hash(first_hash) {
                        if let Some(b) = self.first_bits.get_mut(bit / 64) {
                            *b |= 1 << (bit % 64);
                        }
                    }
                }
                let (chain, next) =
                    self.lasts.push(last, self.hash_of(last), id);
                (chain, next, first_hash)
            }
            None => (NONE, NONE, name_hash),
        };
        self.entries.push(NameEntry {
            text: name,
            start,
            end,
            last_chain,
            next_last,
            fullest: std::cell::Cell::new(NONE),
            first_hash,
        });
        id
    }

    /// The two places in `first_bits` of a word whose
    /// [`WordHash::hash_str`] is `hash`: the low and the high half of
    /// the hash, each scaled to the bit count (see [`home`]).
    #[inline]
    fn first_bits_of_hash(&self, hash: u64) -> [usize; 2] {
        let bits = 64 * self.first_bits.len();
        [home(hash as u32, bits), home((hash >> 32) as u32, bits)]
    }

    /// Whether a multiword name may start with the word whose
    /// [`WordHash::hash_str`] is `hash` (`false`: none does).
    fn may_start(&self, hash: u64) -> bool {
        if self.first_bits.is_empty() {
            return true;
        }
        self.first_bits_of_hash(hash).iter().all(|&bit| {
            self.first_bits
                .get(bit / 64)
                .is_none_or(|b| b >> (bit % 64) & 1 != 0)
        })
    }

    /// The chains of multiword names by first word, and the next older
    /// name of each name in its chain, made on the first call since a
    /// name was added (the names in the order added, as if each chain
    /// had grown with them).
    fn firsts(&self) -> &(WordChains<'t>, Vec<NameId>) {
        self.firsts.get_or_init(|| {
            let mut chains = WordChains::with_capacity(self.entries.len());
            let mut next = vec![NONE; self.entries.len()];
            for (id, e) in self.entries.iter().enumerate() {
                if e.end - e.start > 1 {
                    let first = self.words[e.start];
                    next[id] = chains.push(first, e.first_hash as u32, id).1;
                }
            }
            (chains, next)
        })
    }

    /// The number of names.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The id of the name written `name`, if it was added.
    pub(crate) fn id(&self, name: &str) -> Option<NameId> {
        let entries = &self.entries;
        self.ids.find(self.hash_of(name), |k| entries[k].text == name).ok()
    }

    /// The text of name `id`.
    pub(crate) fn text(&self, id: NameId) -> &str {
        &self.entries[id].text
    }

    /// Whether name `id` has several words.
    pub(crate) fn is_multiword(&self, id: NameId) -> bool {
        let e = &self.entries[id];
        e.end - e.start > 1
    }

    /// The words of name `id`.
    pub(crate) fn words(&self, id: NameId) -> &[&'t str] {
        let e = &self.entries[id];
        &self.words[e.start..e.end]
    }

    /// The fullest form of `name` in the article: the longest name that
    /// ends with the same word and contains all its words in order; or,
    /// for a single word that no name ends with, the longest name that
    /// starts with it (`Elizabeth` → `Elizabeth Bennet`). When two
    /// different longest forms exist (`Bill Clinton`, `Hillary
    /// Clinton`), the name stays as written.
    pub(crate) fn fullest<'a>(&'a self, name: &'a str) -> &'a str {
        match self.id(name) {
            Some(id) => self.fullest_of(id),
            None => match self.find(name.split(' '), None, None) {
                Some(k) => self.text(k),
                None => name,
            },
        }
    }

    /// The fullest form of name `id` (see [`Names::fullest`]).
    pub(crate) fn fullest_of(&self, id: NameId) -> &str {
        self.text(self.fullest_id(id))
    }

    /// The id of the fullest form of name `id`: in line when worked out
    /// already (it is asked for again and again).
    #[inline]
    pub(crate) fn fullest_id(&self, id: NameId) -> NameId {
        match self.entries[id].fullest.get() {
            NONE => self.work_out_fullest(id),
            full => full,
        }
    }

    /// [`Names::fullest_id`] the first time, out of line.
    #[inline(never)]
    fn work_out_fullest(&self, id: NameId) -> NameId {
        let e = &self.entries[id];
        let chain =
            (e.last_chain != NONE).then(|| self.lasts.chain(e.last_chain));
        let full = match chain {
            // A multiword name alone in the chain of its last word is
            // the only name that ends with it and contains its words: it
            // is its own fullest form.
            Some((_, 1)) => id,
            _ => {
                // (The hash of a name of one word, its word's, is known.)
                let hash = Some(e.first_hash);
                self.find(self.words(id).iter().copied(), chain, hash)
                    .unwrap_or(id)
            }
        };
        e.fullest.set(full);
        full
    }

    /// The id of the fullest form of the name whose words are `words`,
    /// when it is another name than the one written; `chain` is the
    /// chain of names with its last word, when known, and `first_hash`
    /// the [`WordHash::hash_str`] of its first word, when known.
    fn find<'w>(
        &self,
        words: impl Iterator<Item = &'w str> + Clone,
        chain: Option<(NameId, usize)>,
        first_hash: Option<u64>,
    ) -> Option<NameId> {
        let last = words.clone().last()?;
        let single = words.clone().nth(1).is_none();
        // The hash of the last word, for the tables that it is looked up
        // in here (hashed once for all of them), when one is.
        let hash = match first_hash {
            // (The last word is the first.)
            Some(hash) if single => hash,
            _ if chain.is_none() || single => self.hash.hash_str(last),
            _ => 0,
        };
        // The chain of multiword names ending with the last word.
        let chain = chain.or_else(|| self.lasts.get(last, hash as u32));
        // The candidates are read in place, again for each test (this
        // runs once for every name of the text, mostly with one).
        let next_last = |k: NameId| self.entries[k].next_last;
        // The first candidate is found once, and the walk goes on from
        // it (most names have one).
        if single {
            // Every name of the chain ends with the word, so contains it:
            // nothing to test.
            let ends = links(chain, next_last);
            let mut rest = ends.clone();
            if let Some(one) = rest.next() {
                return self.pick(one, rest, ends);
            }
            if !self.may_start(hash) {
                return None;
            }
            let (firsts, next) = self.firsts();
            let chain = firsts.get(last, hash as u32);
            let next_first = |k: NameId| next[k];
            let starts = links(chain, next_first);
            let mut rest = starts.clone();
            let one = rest.next()?;
            return self.pick(one, rest, starts);
        }
        let ends = links(chain, next_last)
            .filter(move |&k| contains_in_order(self.words(k), words.clone()));
        let mut rest = ends.clone();
        let one = rest.next()?;
        self.pick(one, rest, ends)
    }

    /// The longest of the names `cands`, when the longest all agree and
    /// every other contains its words in order; `one` is the first of
    /// `cands` and `rest` those after it, so that a name alone (as most
    /// are) is told without walking `cands` again.
    fn pick(
        &self,
        one: NameId,
        mut rest: impl Iterator<Item = NameId>,
        cands: impl Iterator<Item = NameId> + Clone,
    ) -> Option<NameId> {
        // A name alone contains itself.
        if rest.next().is_none() {
            return Some(one);
        }
        let len = |k: NameId| self.words(k).len();
        let max = cands.clone().map(len).max()?;
        let mut longest = cands.clone().filter(|&k| len(k) == max);
        let first = longest.next()?;
        // Names with the same words are one name, with one id.
        if !longest.all(|k| k == first) {
            return None;
        }
        // Among the longest forms that disagree, a shorter agreement is
        // no safer: keep the mention.
        // (The longest contains itself: not compared word by word.)
        let full = self.words(first);
        let mut cands = cands;
        let disagree = cands.any(|k| {
            k != first
                && !contains_in_order(full, self.words(k).iter().copied())
        });
        (!disagree).then_some(first)
    }
}

/// The names of a chain (its newest and how many), newest first,
/// following `next`; none when there are more than [`MAX_FORMS`].
fn links(
    chain: Option<(NameId, usize)>,
    next: impl Fn(NameId) -> NameId + Clone,
) -> impl Iterator<Item = NameId> + Clone {
    let (head, len) = chain.unwrap_or((NONE, 0));
    let head = if len > MAX_FORMS { NONE } else { head };
    let some = |k: NameId| (k != NONE).then_some(k);
    std::iter::successors(some(head), move |&k| some(next(k)))
}

/// Whether `words` are among the words of `full`, in order: the words
/// compared by [`same_str`] in line, not by a call to `bcmp` (10,546
/// calls of 19 instructions each in `memcmp` alone on polnear-dev).
fn contains_in_order<'w>(
    full: &[&str],
    words: impl Iterator<Item = &'w str>,
) -> bool {
    let mut it = full.iter();
    // Plain loops, not `all` and `any`: those made a `try_fold` out of
    // line (77 instructions a call on polnear-dev).
    for w in words {
        loop {
            match it.next() {
                Some(f) if same_str(f, w) => break,
                Some(_) => {}
                None => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_append_words_reads_as_tokens_and_lower_words_do() {
        let pieces = [
            "Sen.",
            "U.S.",
            "O'Neill",
            "e-mail",
            "AT&T",
            "é",
            "’s",
            "—",
            " ",
            "\n",
            "\"",
            "“",
            "'",
            "3.5",
            "x.",
            ".",
            "-",
            "&",
            "a",
            "B",
            "\t",
            "\u{1f}",
            "\0",
            "9",
            "x’",
            "é.",
            "a1",
            "Zz",
            "said",
            "Mr.",
            "abcdefgh",
            "Abcdefgh",
            "abcdefghi",
            "abcdefghijklm",
            "abcdefghijklmnop",
            "2013",
            "2013.",
            "J.",
            "b.",
            "[",
            "`",
            "\u{7f}",
            "@",
            "\u{2028}",
            "\u{2009}",
            "\u{200b}",
            "\u{202f}",
            "”",
            "\u{2040}",
            "’",
            "\u{a0}",
            "it’s",
            "O’Neill’s",
        ];
        let texts = crate::text::three_piece_texts(&pieces, |a, b, c| {
            format!("one {a}{b} two{c} three")
        });
        for t in &texts {
            assert_reads_as_tokens(t);
        }
    }

    /// A word of every length from one to twenty-four ASCII letters
    /// (inside the first eight bytes `split_ascii_tokens` reads at a
    /// token, across their end, across the end of the next eight, and
    /// past both), lowercase or capitalised, with each kind of byte after
    /// it, at every distance from the end of the text up to twelve bytes
    /// (a token in the text's last eight bytes is read from a load that
    /// ends at the text's end): read as `tokens` reads it.
    #[test]
    fn tokens_append_words_reads_words_of_every_length_to_the_text_end() {
        let after = [
            "", " ", "  ", ",", ".", ". ", "'s", "-x", "-1", "’s", "”", "1",
            "é", "\u{a0}", ".”", "'", "-", "&T", "\n",
        ];
        let letters = "bcdefghijklmnopqrstuvwxyz";
        let tail = "-q'r.s t,u v";
        for n in 0..letters.len() {
            for first in ["a", "A"] {
                let word = format!("{first}{}", &letters[..n]);
                for a in after {
                    for k in 0..=tail.len() {
                        assert_reads_as_tokens(&format!(
                            "x {word}{a}{}",
                            &tail[..k]
                        ));
                    }
                }
            }
        }
    }

    /// Whether `tokens_append_words` reads `t` (from its start, and from
    /// its fourth char) into the tokens `tokens` reads, noting the
    /// tokens the name runs stop at, in order, and adding the words
    /// `LowerWords::new` adds.
    fn assert_reads_as_tokens(t: &str) {
        let later = t.char_indices().nth(3).map_or(t.len(), |(k, _)| k);
        for span in [Span::new(0, t.len()), Span::new(later, t.len())] {
            let mut got = vec![];
            let mut words = LowerWords::with_capacity(t.len());
            let mut stops = vec![];
            tokens_append_words(t, span, &mut got, &mut words, &mut stops);
            assert_eq!(got, tokens(t, span), "{t:?} {span:?}");
            // Every token the name runs stop at is noted, in order.
            let want = (0..got.len())
                .filter(|&k| run_reads(got[k].text) && stops_at(&got[k]));
            assert!(stops.is_sorted(), "{t:?} {span:?}");
            assert!(
                want.into_iter().all(|k| stops.contains(&k)),
                "{t:?} {span:?}"
            );
            let all = LowerWords::new(&t[span.start..span.end]);
            for w in t.split(|c: char| !c.is_alphabetic()) {
                let lower = w.to_lowercase();
                assert_eq!(
                    words.contains_lowercased(&lower),
                    all.contains_lowercased(&lower),
                    "{t:?} {span:?} {w:?}"
                );
            }
        }
    }

    fn vocab() -> Vocab {
        Vocab::new(&Lexicon::builtin())
    }

    fn phrase(s: &str, head_last: bool) -> Option<String> {
        let v = vocab();
        let toks = tokens(s, Span::new(0, s.len()));
        match read_phrase(&v, s, &toks, head_last)? {
            Speaker::Name { name: SpeakerName::Written(name), .. } => {
                Some(name.into_owned())
            }
            Speaker::Name { name: SpeakerName::Known(_), .. } => None,
            Speaker::Pronoun { .. } => Some("<pronoun>".to_owned()),
            Speaker::Description { mention } => {
                Some(format!("<{}>", &s[mention.start..mention.end]))
            }
        }
    }

    #[test]
    fn titles_and_roles_stay_out_of_names() {
        assert_eq!(
            phrase("Kremlin aide Yuri Ushakov", true).unwrap(),
            "Yuri Ushakov"
        );
        assert_eq!(
            phrase("Mayor Linda Okafor", true).unwrap(),
            "Linda Okafor"
        );
        assert_eq!(
            phrase("Secretary of State John Kerry", true).unwrap(),
            "John Kerry"
        );
        assert_eq!(
            phrase("Sen. Tim Kaine (D-Va.)", true).unwrap(),
            "Tim Kaine"
        );
        assert_eq!(phrase("But Trump", true).unwrap(), "Trump");
    }

    #[test]
    fn pronouns_and_descriptions() {
        assert_eq!(phrase("he", true).unwrap(), "<pronoun>");
        assert_eq!(
            phrase("a senior official", true).unwrap(),
            "<a senior official>"
        );
        assert_eq!(
            phrase("the Trump campaign", true).unwrap(),
            "<the Trump campaign>"
        );
        assert_eq!(
            phrase("Clinton's spokesman", true).unwrap(),
            "<Clinton's spokesman>"
        );
    }

    #[test]
    fn listed_words_are_lowercase_ascii_without_k() {
        for w in PARTICLES.iter().chain(SUFFIXES).chain(INDEFINITE) {
            assert!(w.is_ascii() && !w.contains('k'), "{w}");
            assert_eq!(*w, w.to_lowercase());
        }
        assert!(is_listed(&SUFFIX_KEYS, "JR."));
        assert!(!is_listed(&PARTICLE_KEYS, "Dell"));
        assert!(INDEFINITE_KEYS.has("Numerous"));
        assert!(!is_listed(&PARTICLE_KEYS, "de\0"));
        assert!(!is_listed(&PARTICLE_KEYS, "dé"));
        assert!(!INDEFINITE_KEYS.has(""));
    }

    #[test]
    fn id_table_finds_what_it_filed_past_its_last_slot_and_growing() {
        // Hashes whose first slot is the last (probes wrap to the first)
        // and others, in a table of no power of two of slots that grows.
        let mut table = IdTable::with_capacity(9);
        assert_eq!(table.slots.len(), 18);
        let hash = |k: usize| match k % 3 {
            0 => u32::MAX - (k as u32 % 5),
            1 => k as u32 % 7,
            _ => (k as u32).wrapping_mul(0x9E37_79B1),
        };
        for k in 0..100 {
            let slot = table.find(hash(k), |id| id == k).unwrap_err();
            table.insert(slot, hash(k), k);
            for j in 0..=k {
                assert_eq!(table.find(hash(j), |id| id == j), Ok(j));
            }
            assert!(2 * table.len <= table.slots.len());
        }
        assert_eq!(home(u32::MAX, 18), 17);
        assert_eq!(home(0, 18), 0);
    }

    #[test]
    fn title_info_of_one_byte_is_that_of_the_lookup() {
        let mut lexicon = Lexicon::builtin();
        lexicon.titles.extend([
            "&".to_owned(),
            ".".to_owned(),
            "q".to_owned(),
        ]);
        for v in [vocab(), Vocab::new(&lexicon)] {
            for b in 0u8..0x80 {
                let w = char::from(b).to_string();
                let c = v.classes(&w);
                let info = (c & TITLE != 0, gender_at(c, TITLE_GENDER));
                assert_eq!(v.title_info(&w), info, "{w:?}");
            }
        }
        let v = Vocab::new(&lexicon);
        assert!(v.title_info("&").0 && v.title_info(".").0);
        assert!(v.title_info("Q").0 && !v.title_info(",").0);
    }

    #[test]
    fn title_info_by_shape_is_that_of_the_lookup() {
        // Every title and word of the lexicon, in three cases and with a
        // final period, and words of every length around theirs.
        let lexicon = Lexicon::builtin();
        let v = Vocab::new(&lexicon);
        let mut words: Vec<String> = lexicon
            .titles
            .iter()
            .chain(&lexicon.not_names)
            .chain(&lexicon.nominals)
            .cloned()
            .chain(GENDER_TITLES.iter().map(|(w, _)| w.to_string()))
            .flat_map(|w| {
                let mut cap = w.clone();
                if let Some(first) = cap.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                let (upper, dot, dots) =
                    (w.to_uppercase(), format!("{w}."), format!("{w}.."));
                [w, upper, cap, dot, dots]
            })
            .collect();
        for n in 1..20 {
            for first in ["a", "D", "m", "S", "z", "1", "-", "é"] {
                words.push(format!("{first}{}", "r".repeat(n)));
                words.push(format!("{first}{}.", "s".repeat(n)));
            }
        }
        for w in &words {
            let c = v.classes(w);
            let info = (c & TITLE != 0, gender_at(c, TITLE_GENDER));
            assert_eq!(v.title_info(w), info, "{w:?}");
        }
    }

    #[test]
    fn general_punct_is_its_own_lowercase() {
        for c in ('\u{1F00}'..='\u{2200}').filter(|c| c.len_utf8() == 3) {
            let mut b = [0; 4];
            let inside = ('\u{2000}'..='\u{207F}').contains(&c);
            assert_eq!(
                has_general_punct(c.encode_utf8(&mut b).as_bytes()),
                inside
            );
            if inside {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
            }
        }
        assert!(has_general_punct("Trump’s".as_bytes()));
        assert!(!has_general_punct("José's".as_bytes()));
    }

    #[test]
    fn no_multiword_title_starts_where_none_may() {
        let v = vocab();
        let text = "The Rev. Smith, the rev. Jones, The Reverend, The .Rev \
                    The ... State Senator Vice President Chief of Staff, \
                    Vice-President Chief Ólafur, House Speaker The";
        let toks = tokens(text, Span::new(0, text.len()));
        let mut starts = 0;
        for i in 0..toks.len() {
            let c = v.classes(toks[i].text);
            if c & MULTI == 0 {
                continue;
            }
            let n = v.multi_title_len(&toks, i, c);
            assert!(n == 0 || v.may_start_multi(&toks, i, c), "{i}");
            starts += usize::from(n > 0);
        }
        assert!(starts >= 4, "{starts}");
    }

    #[test]
    fn classes_are_those_of_the_lookup() {
        let mut lexicon = Lexicon::builtin();
        lexicon.titles.extend(["Ma’am".to_owned(), "“Boss”".to_owned()]);
        let words = [
            "Trump’s",
            "It’s",
            "“",
            "”",
            "—",
            "MA’AM",
            "ma’am",
            "“BOSS”",
            "Sen.",
            "U.S.",
            "Trump's",
            "State's",
            "José",
            "JOSÉ",
            "Señor",
            "Massachusetts",
            "Mr.",
            "Mrs",
            "He",
            "Monday",
            "KING",
            "İstanbul",
            "he",
            "They",
            "them.",
            "officials",
            "Spokesman",
            "government",
            "campaign",
        ];
        for v in [vocab(), Vocab::new(&lexicon)] {
            for w in words {
                let lookup = v.classes.get(trim_periods(w)).unwrap_or(0);
                assert_eq!(v.classes(w), lookup, "{w:?}");
                let key = letters_key_any_case(w.as_bytes());
                assert_eq!(
                    v.pronoun_and_nominal(key, w),
                    (v.pronouns.get(w).is_some(), v.is_nominal(w)),
                    "{w:?}"
                );
            }
        }
        let v = Vocab::new(&lexicon);
        assert!(v.punct_keys && !vocab().punct_keys);
        assert!(v.is_title("MA’AM") && v.is_title("“boss”"));
        assert!(!vocab().is_title("Ma’am") && vocab().is_title("Sen."));
    }

    #[test]
    fn gender_of_run_is_gender_of_name() {
        let v = vocab();
        let texts = [
            "said Mrs. Hall and Mr. Smith's dog",
            "Yesterday John F. Kennedy and Mary Smith's Jr. met",
            "Lady Jane Grey, Sir Walter de la Mare and Ushakov",
            "Queen Elizabeth's J. Doe and Ms. Brown'",
        ];
        for text in texts {
            let toks = tokens(text, Span::new(0, text.len()));
            let mut runs = name_runs(&v, &toks);
            let mut notes = RunNotes::default();
            while let Some((s, e)) = runs.next_with(&mut notes) {
                let classes = &notes.classes;
                let at = classes.len() - (e - s);
                for a in s..e {
                    let mut words: Vec<&str> =
                        toks[a..e].iter().map(|t| t.text).collect();
                    if let Some(last) = words.last_mut() {
                        *last = strip_possessive(last);
                    }
                    let cls = &classes[at + (a - s)..];
                    assert_eq!(
                        v.gender_of_run(&toks[a..e], cls),
                        v.gender_of_name(&words),
                        "{words:?}"
                    );
                    assert_eq!(
                        v.gender_of_word(toks[a].text, cls[0]),
                        v.gender_of_name(&[toks[a].text]),
                    );
                }
            }
        }
    }

    #[test]
    fn run_notes_find_every_the() {
        let v = vocab();
        let texts = [
            "The doctor came. Then the Doctor and the mayor, the. the",
            "Secretary of the treasury John The doctor; the Sen. Smith the x",
        ];
        for text in texts {
            let toks = tokens(text, Span::new(0, text.len()));
            let mut runs = name_runs(&v, &toks);
            let mut notes = RunNotes::default();
            while runs.next_with(&mut notes).is_some() {}
            let want: Vec<usize> = (0..toks.len())
                .filter(|&k| matches!(toks[k].text, "the" | "The"))
                .collect();
            assert_eq!(notes.the_at, want, "{text}");
        }
    }

    #[test]
    fn name_runs_at_the_noted_stops_are_name_runs() {
        let v = vocab();
        let texts = [
            "The doctor came. Then the Doctor and the mayor, the. the tHE",
            "Secretary of the treasury John The doctor; the Sen. Smith the x",
            "Émile Zola’s “J’accuse” — the Élysée, the ’t thé tête O’Neill",
            "said Mrs. Hall and Mr. Smith's dog to the two-thirds U.S. the-end",
            "Lady Jane Grey, Sir Walter de la Mare and Ushakov the 2024 t1",
        ];
        for text in texts {
            let span = Span::new(0, text.len());
            let (mut toks, mut stops) = (vec![], vec![]);
            let mut words = LowerWords::with_capacity(text.len());
            tokens_append_words(text, span, &mut toks, &mut words, &mut stops);
            let (mut all, mut at) =
                (name_runs(&v, &toks), name_runs_at(&v, &toks, &stops));
            let (mut want, mut got) =
                (RunNotes::default(), RunNotes::default());
            loop {
                let run = all.next_with(&mut want);
                assert_eq!(at.next_with(&mut got), run, "{text}");
                assert_eq!(got.classes, want.classes, "{text}");
                assert_eq!(got.the_at, want.the_at, "{text}");
                assert_eq!(got.first_key, want.first_key, "{text}");
                if run.is_none() {
                    break;
                }
            }
        }
    }

    #[test]
    fn run_name_is_run_text() {
        let v = vocab();
        for text in [
            "said Osei\nLyle\tBrandt's dog",
            "said Osei  Lyle and Jean\u{a0}Luc Picard’s",
            "said Anne Marie Osei",
        ] {
            let toks = tokens(text, Span::new(0, text.len()));
            for run in name_runs(&v, &toks) {
                assert_eq!(run_name(text, &toks, run), run_text(&toks, run));
            }
        }
    }

    #[test]
    fn fullest_name() {
        let mut n = Names::default();
        n.add("Yuri Ushakov");
        n.add("Bill Clinton");
        n.add("Hillary Clinton");
        n.add("Elizabeth Bennet");
        assert_eq!(n.fullest("Ushakov"), "Yuri Ushakov");
        assert_eq!(n.fullest("Clinton"), "Clinton");
        assert_eq!(n.fullest("Elizabeth"), "Elizabeth Bennet");
        assert_eq!(n.fullest("Putin"), "Putin");
    }

    /// The fullest form of every name, as [`Names::fullest_id`] finds it
    /// through the chains (with its shortcuts: a single word is in every
    /// name of its chain, a name alone is picked without a second walk),
    /// is that of a plain reading of the rule over all the names, for
    /// many sets of names drawn from a few words (so that names share
    /// last and first words, repeat, and tie); and so is that of a name
    /// written but never added ([`Names::fullest`] by its words).
    #[test]
    fn fullest_id_is_that_of_the_plain_rule() {
        let vocab = ["Ann", "Bo", "Cy", "Di", "Ed"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..400 {
            let texts: Vec<String> = (0..1 + next(12))
                .map(|_| {
                    let len = 1 + next(3);
                    let words: Vec<&str> =
                        (0..len).map(|_| vocab[next(5)]).collect();
                    words.join(" ")
                })
                .collect();
            let mut names = Names::default();
            let ids: Vec<NameId> =
                texts.iter().map(|t| names.add(t)).collect();
            for &id in &ids {
                let words = names.words(id).to_vec();
                assert_eq!(
                    names.fullest_id(id),
                    plain_fullest(&names, &words).unwrap_or(id),
                    "{texts:?}: {}",
                    names.text(id)
                );
            }
            // A name written but not added (found by its words alone).
            let len = 1 + next(3);
            let words: Vec<&str> = (0..len).map(|_| vocab[next(5)]).collect();
            let written = words.join(" ");
            let full = plain_fullest(&names, &words).map(|k| names.text(k));
            assert_eq!(
                names.fullest(&written),
                full.unwrap_or(&written),
                "{texts:?}: {written}"
            );
        }
    }

    /// [`Names::find`] read plainly: every multiword name ending with the
    /// last word that contains the words in order (or, for a single word
    /// that none ends with, every one starting with it), the longest
    /// when all the longest are one name and contain the others.
    fn plain_fullest(names: &Names<'_>, words: &[&str]) -> Option<NameId> {
        let multi: Vec<NameId> =
            (0..names.len()).filter(|&k| names.is_multiword(k)).collect();
        let last = *words.last()?;
        let ending: Vec<NameId> = multi
            .iter()
            .copied()
            .filter(|&k| names.words(k).last() == Some(&last))
            .collect();
        let contains = |full: &[&str], part: &[&str]| {
            let mut it = full.iter();
            part.iter().all(|w| it.any(|f| f == w))
        };
        let pick = |cands: Vec<NameId>, all: usize| {
            if cands.is_empty() || all > MAX_FORMS {
                return None;
            }
            let len = |k: NameId| names.words(k).len();
            let max = cands.iter().map(|&k| len(k)).max()?;
            let longest: Vec<NameId> =
                cands.iter().copied().filter(|&k| len(k) == max).collect();
            let first = longest[0];
            let agree = longest.iter().all(|&k| k == first)
                && cands
                    .iter()
                    .all(|&k| contains(names.words(first), names.words(k)));
            Some(agree.then_some(first))
        };
        let ends: Vec<NameId> = ending
            .iter()
            .copied()
            .filter(|&k| contains(names.words(k), words))
            .collect();
        if let Some(found) = pick(ends, ending.len()) {
            return found;
        }
        if words.len() == 1 {
            let starting: Vec<NameId> = multi
                .iter()
                .copied()
                .filter(|&k| names.words(k).first() == Some(&last))
                .collect();
            return pick(starting.clone(), starting.len()).flatten();
        }
        None
    }
}
