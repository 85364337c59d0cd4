//! Linking quoted spans to cues and speakers.
//!
//! For each quoted span the rules below are tried in roughly this order;
//! the first that finds a speaker phrase wins, and its id goes into
//! [`Quote::rule`]:
//!
//! | rule | shape |
//! |---|---|
//! | `dash-signoff` | `"…" — Jane Doe` |
//! | `said-before` | `X said: "…"` · `X said that "…"` · `X called it "…"` (over the whole sentence, earlier quotes masked) |
//! | `said-after` | `"…," X said.` · `"…," X, a professor at Y, said.` |
//! | `said-after-inverted` | `"…," said X, a professor at Y.` · `"…" for the EU, said X.` |
//! | `according-to` | `According to X, "…"` · `"…," according to X.` |
//! | `transcript` | `"WALLACE: Do you …"` |
//! | `colon` | `Bush: "…"` · `Kasich resisted: "…"` · `X issued a statement, "…"` |
//! | `cue-previous-sentence` | `X said the decision was hard. "…"` |
//! | `continues-previous` | a quote with no cue of its own after a quote attributed just before it |
//! | `turn-taking` | in dialogue, an untagged turn is the speaker's of the turn before last |
//! | `same-sentence` | `called him a "nasty guy" and "sick"` |
//! | `running-quotation` | the pieces of a quotation over several paragraphs share the attribution of the piece with a cue |
//! | `sentence-subject` | an uncued mixed quote belongs to its sentence's named subject |
//!
//! A pronoun speaker is resolved to a compatible named person (the
//! speaker of the quote just before, a salient name, the nearest name of
//! its gender); a surname becomes the fullest form of the name in the
//! article.

use std::borrow::Cow;
use std::rc::Rc;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind,
};

use crate::error::{Error, ErrorKind};
use crate::lexicon::{Gender, Lexicon, PhraseRole};
use crate::model::{Attribution, Kind, Quote, Snippet, Span};
use crate::scan::RawQuote;
use crate::speaker::{
    NameId, Names, RunNotes, Speaker, SpeakerName, Tok, Vocab,
    is_particle_or_suffix, name_runs, name_runs_at, read_phrase,
    read_phrase_first, run_name, run_text, tokens, tokens_append,
    tokens_append_words,
};
use crate::text::{
    HIGH_BITS, LowerWords, PackedSet, WordList, WordMap, WordSet,
    ascii_alphanumerics, bytes_equal, bytes_in_range, fill, is_listed,
    is_word_char, letters_key_any_case, long_key, read_long_key, recycle,
    sorted_long_keys, splat, with_lower,
};
use crate::wordtrie::{BEFORE, WordTrie};

/// What a cue pattern is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueKind {
    Verb,
    Phrase(PhraseRole),
}

/// The compiled cue matchers and word lists.
#[derive(Debug)]
pub(crate) struct Cues {
    matcher: Searcher,
    kinds: Vec<CueKind>,
    weak: Vec<bool>,
    nounish: Vec<Nounish>,
    outlets: Searcher,
    vocab: Vocab,
}

/// The shortest quote that [`Searcher::outside_quotes`] skips: a search
/// costs about as much to start as a few dozen bytes cost to read.
const MIN_SKIPPED: usize = 24;

/// A pattern search (a [`WordTrie`], or an Aho-Corasick automaton for
/// patterns a trie cannot search), and where a text can be cut without
/// changing its matches.
#[derive(Debug)]
struct Searcher {
    engine: Engine,
    /// The bytes that some pattern holds (both cases of a letter, for
    /// an ASCII-case-insensitive automaton): no match crosses a point of
    /// the text next to any other byte.
    in_pattern: [bool; 256],
    /// Whether a text may be searched in pieces cut at such points (no
    /// pattern is empty, so none matches at a cut by itself).
    cuttable: bool,
    /// Whether no pattern starts with ASCII white space: then no match
    /// starts in the white space between two quotes, and a run of
    /// quotes with only such white space between them is skipped as
    /// one (see [`Searcher::outside_quotes`]).
    no_blank_start: bool,
}

/// What a [`Searcher`] searches with.
#[derive(Debug)]
enum Engine {
    /// Reads the text at word starts only.
    Trie(Box<WordTrie>),
    /// Reads every byte.
    Automaton(AhoCorasick),
}

impl Searcher {
    /// The searcher of `patterns`: a [`WordTrie`] when the patterns
    /// allow one, else the automaton that `builder` builds.
    fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        builder: &AhoCorasickBuilder,
        ignore_case: bool,
    ) -> Result<Searcher, Error> {
        let engine = match WordTrie::new(patterns, ignore_case) {
            Some(trie) => Engine::Trie(Box::new(trie)),
            None => Engine::Automaton(
                builder.build(patterns).map_err(matcher_error)?,
            ),
        };
        let mut in_pattern = [false; 256];
        for &b in patterns.iter().flat_map(|p| p.as_ref()) {
            in_pattern[usize::from(b.to_ascii_lowercase())] = true;
            in_pattern[usize::from(b.to_ascii_uppercase())] = true;
        }
        let cuttable = patterns.iter().all(|p| !p.as_ref().is_empty());
        let no_blank_start = patterns
            .iter()
            .all(|p| !p.as_ref().first().is_some_and(u8::is_ascii_whitespace));
        Ok(Searcher { engine, in_pattern, cuttable, no_blank_start })
    }

    /// Calls `f(start, end, pattern)` on the matches in `text[piece]` of
    /// a leftmost-longest search (each going on where the last match
    /// ended) that start at a word start (the text's start, or after a
    /// char that is no word char), in order, until `f` gives an answer.
    /// A match that ends inside a word may be left out (as
    /// [`WordTrie::find`] says): `f` must reject those.
    fn word_start_matches<R>(
        &self,
        text: &str,
        piece: Span,
        mut f: impl FnMut(usize, usize, usize) -> Option<R>,
    ) -> Option<R> {
        match &self.engine {
            Engine::Trie(trie) => trie.find(text, piece, f),
            Engine::Automaton(ac) => ac
                .find_iter(&text.as_bytes()[piece.start..piece.end])
                .find_map(|m| {
                    let (s, e) =
                        (piece.start + m.start(), piece.start + m.end());
                    if s == 0 || !is_word_char(text, s, true) {
                        f(s, e, m.pattern().as_usize())
                    } else {
                        None
                    }
                }),
        }
    }

    /// [`Searcher::word_start_matches`] over each of `pieces` in turn,
    /// in one search (see [`WordTrie::find_each`]).
    fn word_start_matches_each<R>(
        &self,
        text: &str,
        pieces: &[Span],
        mut f: impl FnMut(usize, usize, usize) -> Option<R>,
    ) -> Option<R> {
        match &self.engine {
            Engine::Trie(trie) => trie.find_each(text, pieces, f),
            Engine::Automaton(_) => pieces.iter().find_map(|&piece| {
                self.word_start_matches(text, piece, &mut f)
            }),
        }
    }

    /// Whether a match of [`Searcher::word_start_matches`] that ends at
    /// a word end may lie in `span` of `text`: false when there is none
    /// in any piece of `span`, however its search starts (see
    /// [`WordTrie::may_match`]); always true for an automaton.
    fn may_match(&self, text: &str, span: Span) -> bool {
        match &self.engine {
            Engine::Trie(trie) => trie.may_match(text, span),
            Engine::Automaton(_) => true,
        }
    }

    /// Whether no occurrence of a pattern in `bytes` can hold both the
    /// byte before `at` and the byte at it.
    fn cut_at(&self, bytes: &[u8], at: usize) -> bool {
        at == 0
            || at >= bytes.len()
            || !self.in_pattern[usize::from(bytes[at - 1])]
            || !self.in_pattern[usize::from(bytes[at])]
    }

    /// Calls `f` on the pieces of `span` of `text` between the quotes,
    /// in order, until it returns an answer: searched one after the
    /// other, the pieces have the matches of `span` that start outside
    /// every quote (leftmost-longest, each search going on where the
    /// last match ended).
    ///
    /// A quote is skipped where no pattern can cross either of its ends
    /// inside `span` (a pattern rarely holds a quotation mark): with no
    /// match crossing a cut, the matches of the pieces are those of the
    /// whole span. Quotes with only ASCII white space between them,
    /// where no match starts when no pattern does, are skipped as one
    /// run (a paragraph of many short quotes), from the start of the
    /// first to the last end of one that is a cut. `ordered` says that
    /// the quotes are in text order, none overlapping the next, so that
    /// the skipped bytes are all inside a quote or such white space
    /// (false: none is skipped).
    ///
    /// Not in line: in `Doc::new` its loop over the quotes shared the
    /// caller's registers, and a change to [`Cues::hits`]'s closure
    /// had it reload one more a quote (short-quotes, a quote every four
    /// bytes, 124.14 -> 124.39 instructions a byte); on its own it
    /// costs less on every text (short-quotes 123.89, polnear 51.78 ->
    /// 51.65).
    #[inline(never)]
    fn outside_quotes<R>(
        &self,
        text: &str,
        span: Span,
        (quotes, ordered): (&[RawQuote], bool),
        mut f: impl FnMut(Span) -> Option<R>,
    ) -> Option<R> {
        let bytes = text.as_bytes();
        let mut from = span.start;
        if self.cuttable && ordered {
            let cut = |at: usize| {
                at == span.start || at == span.end || self.cut_at(bytes, at)
            };
            // The run of quotes being read: its start (a cut), where its
            // last quote ends, and where the one before that ended (or
            // the start): the run is skipped up to the first of these
            // two ends that is a cut, else not at all.
            let mut run: Option<(usize, usize, usize)> = None;
            let first = quotes.partition_point(|q| q.outer.end <= span.start);
            let mut quotes = quotes[first..]
                .iter()
                .take_while(|q| q.outer.start < span.end)
                .map(|q| {
                    (q.outer.start.max(span.start), q.outer.end.min(span.end))
                });
            loop {
                let next = quotes.next();
                if let Some((a, b)) = next
                    && let Some((_, end, before)) = &mut run
                    && self.no_blank_start
                    && *end <= a
                    && bytes[*end..a].iter().all(u8::is_ascii_whitespace)
                {
                    (*before, *end) = (*end, b);
                    continue;
                }
                if let Some((start, end, before)) = run.take() {
                    let stop = if cut(end) {
                        end
                    } else if cut(before) {
                        before
                    } else {
                        start
                    };
                    if start + MIN_SKIPPED <= stop {
                        if from < start
                            && let Some(r) = f(Span::new(from, start))
                        {
                            return Some(r);
                        }
                        from = stop;
                    }
                }
                let Some((a, b)) = next else { break };
                if cut(a) {
                    run = Some((a, b, a));
                }
            }
        }
        f(Span::new(from, span.end))
    }
}

fn matcher_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Matcher { message: e.to_string() })
}

impl Cues {
    pub(crate) fn new(lexicon: &Lexicon) -> Result<Cues, Error> {
        let mut patterns: Vec<String> = vec![];
        let mut kinds = vec![];
        let mut weak = vec![];
        let mut nounish = vec![];
        for v in &lexicon.verbs {
            for f in &v.forms {
                patterns.push(f.clone());
                kinds.push(CueKind::Verb);
                weak.push(
                    WEAK.contains(&v.lemma.as_str())
                        || (f.ends_with("ing") && *f != v.lemma),
                );
                // Forms a noun can share (`a comment`, `questions`).
                nounish.push(if *f == v.lemma {
                    Nounish::Base
                } else if f.ends_with('s') && !f.ends_with("ss") {
                    Nounish::Plural
                } else {
                    Nounish::No
                });
            }
        }
        for (role, p) in &lexicon.phrases {
            patterns.push(p.clone());
            kinds.push(CueKind::Phrase(*role));
            weak.push(false);
            nounish.push(Nounish::No);
        }
        // Without a trie, a full DFA: built once per run, it is the
        // fastest automaton for the few thousand short patterns of a
        // lexicon.
        let matcher = Searcher::new(
            &patterns,
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA)),
            true,
        )?;
        let outlets = Searcher::new(
            &lexicon.sources,
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest),
            false,
        )?;
        Ok(Cues {
            matcher,
            kinds,
            weak,
            nounish,
            outlets,
            vocab: Vocab::new(lexicon),
        })
    }

    /// The cues of `text` outside the quotes, in text order: the
    /// matches of `matcher` over the whole text (leftmost-longest, each
    /// search going on where the last match ended) that the filters
    /// keep. `ordered` is as [`Searcher::outside_quotes`] has it.
    ///
    /// Only the runs of paragraphs that [`read_spans`] gives are
    /// searched: no rule reads a cue anywhere else.
    fn hits(
        &self,
        text: &str,
        quotes: &[RawQuote],
        ordered: bool,
        paras: &[Span],
        scratch: &mut Scratch,
    ) -> Vec<Hit> {
        // (The hits are asked in text order.)
        let walk = std::cell::RefCell::new(QuoteWalk::new(quotes));
        let inside = |s: usize| walk.borrow_mut().inside(s);
        let whole = [Span::new(0, text.len())];
        let spans = if self.read_spans(text, quotes, paras, scratch) {
            &scratch.read_spans[..]
        } else {
            &whole
        };
        let mut hits = emptied(&mut scratch.hits);
        // Sized for a cue in every `HIT_BYTES` bytes searched, about
        // as many as news has: one allocation (none when the vector of
        // the last text has the room), not a few doublings.
        let searched: usize = spans.iter().map(Span::len).sum();
        hits.reserve(searched / HIT_BYTES);
        // The pieces between the quotes, searched a batch at a time.
        let mut batch = [Span::new(0, 0); PIECE_BATCH];
        let mut n = 0;
        for &span in spans {
            self.matcher.outside_quotes(
                text,
                span,
                (quotes, ordered),
                |piece| {
                    batch[n] = piece;
                    n += 1;
                    if n == batch.len() {
                        self.hits_between(text, &batch, &inside, &mut hits);
                        n = 0;
                    }
                    None::<()>
                },
            );
        }
        self.hits_between(text, &batch[..n], &inside, &mut hits);
        hits
    }

    /// The runs of paragraphs whose cues the rules read, each widened
    /// to a point no pattern crosses, left in `scratch.read_spans`
    /// (`false`: search the whole text).
    ///
    /// The rules read the cues of a quote's paragraph and of the one
    /// before (`Doc::previous_sentence`), and `Doc::find_source` those
    /// of the text around such a cue, up to `LOOKBACK` bytes either
    /// way inside `paragraph_around` the cue (which no `\n\n` ends):
    /// the paragraphs that reach within that distance without a `\n\n`
    /// between. Between paragraphs is white space, where no pattern
    /// starts (the lexicon's patterns are trimmed).
    fn read_spans(
        &self,
        text: &str,
        quotes: &[RawQuote],
        paras: &[Span],
        scratch: &mut Scratch,
    ) -> bool {
        // Some slack over `LOOKBACK` for the char boundaries it is
        // moved to.
        const REACH: usize = LOOKBACK + 8;
        if !self.matcher.cuttable || paras.len() < 2 {
            return false;
        }
        let read = &mut scratch.read;
        fill(read, paras.len(), false);
        let mut last = None;
        for q in quotes {
            let k = q.paragraph_index;
            if last == Some(k) {
                // The quotes of a paragraph come one after the other.
                continue;
            }
            last = Some(k);
            if k >= paras.len() {
                return false;
            }
            read[k] = true;
            if k > 0 {
                read[k - 1] = true;
            }
        }
        // When the quotes leave few paragraphs unread (dialogue), the
        // rest is not worth the work: the whole text is searched.
        let unread = read.iter().filter(|&&r| !r).count();
        if unread * 8 < paras.len() {
            return false;
        }
        let bytes = text.as_bytes();
        // Whether a `\n\n` stands between paragraphs `j - 1` and `j`.
        // (The white space between paragraphs is short: read in place.)
        let blank = |j: usize| {
            bytes[paras[j - 1].end..paras[j].start]
                .windows(2)
                .any(|w| w == b"\n\n")
        };
        let cued = &mut scratch.cued;
        cued.clear();
        cued.extend((0..paras.len()).filter(|&k| read[k]));
        // Forward from each paragraph read (from where the one before
        // stopped: what lies before it was checked).
        let mut j = 0;
        for &k in cued.iter() {
            j = j.max(k + 1);
            while j < paras.len()
                && paras[j].start < paras[k].end + REACH
                && !blank(j)
            {
                read[j] = true;
                j += 1;
            }
        }
        // And back, likewise.
        let mut j = paras.len();
        for &k in cued.iter().rev() {
            j = j.min(k);
            while j > 0
                && paras[j - 1].end + REACH > paras[k].start
                && !blank(j)
            {
                read[j - 1] = true;
                j -= 1;
            }
        }
        let spans = &mut scratch.read_spans;
        spans.clear();
        let mut k = 0;
        while k < paras.len() {
            if !read[k] {
                k += 1;
                continue;
            }
            let first = k;
            while k < paras.len() && read[k] {
                k += 1;
            }
            // Widened over the white space around the run to a cut.
            let floor = first.checked_sub(1).map_or(0, |p| paras[p].end);
            let mut start = paras[first].start;
            while !self.matcher.cut_at(bytes, start) {
                if start == floor {
                    return false;
                }
                start -= 1;
            }
            let ceiling = paras.get(k).map_or(text.len(), |p| p.start);
            let mut end = paras[k - 1].end;
            while !self.matcher.cut_at(bytes, end) {
                if end == ceiling {
                    return false;
                }
                end += 1;
            }
            spans.push(Span::new(start, end));
        }
        true
    }

    /// Adds to `hits` the cues of `text` that start in `pieces`, pieces
    /// of the text in order that no pattern crosses either end of.
    fn hits_between(
        &self,
        text: &str,
        pieces: &[Span],
        inside: &impl Fn(usize) -> bool,
        hits: &mut Vec<Hit>,
    ) {
        let bytes = text.as_bytes();
        self.matcher.word_start_matches_each(text, pieces, |s, e, pattern| {
            // As `e == bytes.len() || !is_word_char(text, e, false)`,
            // an ASCII byte told at once (by the trie's table of them).
            let word_end = match bytes.get(e).map(|&b| BEFORE[usize::from(b)])
            {
                None | Some(0) => true,
                Some(1) => false,
                Some(_) => !is_word_char(text, e, false),
            };
            if !word_end || inside(s) {
                return None::<()>;
            }
            let kind = self.kinds[pattern];
            // Where the text before the cue ends, white space left out
            // (read once for the tests below).
            let mut before = None;
            if kind == CueKind::Verb {
                // (Only a word that starts with `A` is `Asked`.)
                if bytes.get(s) == Some(&b'A')
                    && sentence_initial_asked(text, s, e)
                {
                    return None;
                }
                let end = blank_back(text, s);
                before = Some(end);
                let nounish = self.nounish[pattern];
                let (determiner, be) = determiner_or_be_before(text, end);
                if determiner
                    || is_passive(text, s, be)
                    || is_proper_noun(text, s, end)
                    || (nounish != Nounish::No
                        && reads_as_noun(&self.vocab, text, s, end, nounish))
                {
                    return None;
                }
            }
            let weak = self.weak[pattern] || {
                let end = before.unwrap_or_else(|| blank_back(text, s));
                after_to(text, s, end)
            };
            hits.push(Hit { span: Span::new(s, e), kind, weak });
            None
        });
    }
}

/// The bytes searched for each cue that [`Cues::hits`] makes room for
/// at once.
const HIT_BYTES: usize = 128;

/// The pieces between quotes that [`Cues::hits`] gathers for one call
/// of the trie's scan (see [`WordTrie::find_each`]): most texts' all.
/// A call a piece cost about 100 instructions a piece in the scan's
/// setup and the calls down to it (dialogue, a piece between each two
/// quotes, 123.42 -> 122.41 instructions a byte).
const PIECE_BATCH: usize = 32;

/// A cue found in the text, outside every quotation.
#[derive(Clone, Copy, Debug)]
struct Hit {
    span: Span,
    kind: CueKind,
    /// A participle, an infinitive or a verb that reports speech only
    /// now and then (`saying`, `to explain`, `continue`): the quote
    /// belongs to a finite reporting verb before it when there is one.
    weak: bool,
}

/// Verbs that report speech only in some uses.
const WEAK: &[&str] = &[
    "continue", "begin", "start", "feel", "think", "believe", "rule",
    "project", "figure", "guess", "reason", "order", "hope", "want", "expect",
    "return", "know", "see", "hear", "read",
];

/// An attribution found for a quote.
#[derive(Clone, Debug)]
struct Found<'t> {
    speaker: Speaker<'t>,
    cue: Option<Span>,
    rule: &'static str,
    confidence: f32,
}

/// What the rules found for each quote so far, by quote: for each, one
/// `usize` (where its answer is in `kept`, plus one; 0 for none), and
/// the answers themselves side by side. A vector of `Option<Found>`,
/// 88 bytes a quote, made a text of tiny quotes (`"a" "a" ...`, one
/// every four bytes, nearly none with an answer) 46 MB of it for 2 MB
/// of text, more than glibc keeps on its heap (mapped afresh, and its
/// pages faulted in, at every call); a box for each answer costed
/// dialogue 3.7% more instructions in `malloc` and `free`.
#[derive(Default)]
struct Answers<'t> {
    /// One plus where each quote's answer is in `kept`, or 0.
    at: Vec<usize>,
    /// The answers, in the order they were given.
    kept: Vec<Found<'t>>,
}

impl<'t> Answers<'t> {
    /// The vectors of `scratch`, emptied, as answers for a text.
    fn from_scratch(scratch: &mut Scratch) -> Answers<'t> {
        Answers {
            at: emptied(&mut scratch.answer_at),
            kept: recycle(std::mem::take(&mut scratch.answers)),
        }
    }

    /// Gives the vectors back to `scratch` (see [`keep`]).
    fn give_back(self, scratch: &mut Scratch) {
        scratch.answer_at = self.at;
        scratch.answers = keep(self.kept);
    }

    /// How many quotes are answered or told to have no answer.
    fn len(&self) -> usize {
        self.at.len()
    }

    /// The answer of quote `i`, if it has one (`None` past the last).
    #[inline]
    fn get(&self, i: usize) -> Option<&Found<'t>> {
        // No answer, 0, is told by the same bounds check.
        self.at.get(i).and_then(|&k| self.kept.get(k.wrapping_sub(1)))
    }

    /// The answer of quote `i`, to change, if it has one.
    fn get_mut(&mut self, i: usize) -> Option<&mut Found<'t>> {
        self.at.get(i).and_then(|&k| self.kept.get_mut(k.wrapping_sub(1)))
    }

    /// Adds the answer of the next quote.
    fn push(&mut self, f: Option<Found<'t>>) {
        match f {
            Some(f) => {
                self.kept.push(f);
                self.at.push(self.kept.len());
            }
            None => self.at.push(0),
        }
    }

    /// Adds `n` quotes with no answer.
    fn push_none(&mut self, n: usize) {
        self.at.resize(self.at.len() + n, 0);
    }

    /// Makes `f` the answer of quote `i` (one already told), in place of
    /// the one it had.
    fn set(&mut self, i: usize, f: Found<'t>) {
        match self.at[i] {
            0 => {
                self.kept.push(f);
                self.at[i] = self.kept.len();
            }
            k => self.kept[k - 1] = f,
        }
    }

    /// The answer of every quote, in order.
    fn iter(&self) -> impl Iterator<Item = Option<&Found<'t>>> {
        self.at.iter().map(|&k| self.kept.get(k.wrapping_sub(1)))
    }
}

/// Words that may stand between a subject and its reporting verb.
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "would",
    "will",
    "again",
    "once",
    "was",
    "is",
    "were",
    "are",
    "did",
    "does",
    "do",
    "just",
    "previously",
    "recently",
    "reportedly",
    "since",
    "subsequently",
    "even",
    "still",
    "never",
    "not",
    "often",
    "first",
    "who",
    "further",
    "earlier",
    "told",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "went",
    "on",
];

/// Words after which a cue verb is a noun (`the state`, `a call`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "its", "their", "our",
    "my", "your", "these", "those", "every", "each", "no", "any", "some",
    "to", "of",
];

/// Words that introduce a term rather than a quotation.
const TERM_INTRO: &[&str] = &[
    "so-called",
    "dubbed",
    "titled",
    "entitled",
    "nicknamed",
    "named",
    "word",
    "words",
    "term",
    "phrase",
    "slogan",
    "label",
    "hashtag",
    "headline",
];

/// What `Doc::kind` needs of the text before a quote in its paragraph,
/// kept up to date quote after quote so that each piece of text is
/// tokenized once (a paragraph of many quotes costs linear time).
#[derive(Clone, Copy, Debug, Default)]
struct Before<'t> {
    paragraph: usize,
    /// How far the text has been read.
    upto: usize,
    /// The last word token.
    last_word: Option<&'t str>,
    /// Whether a word came after the last sentence end.
    word_since_stop: bool,
    /// The last token.
    last: Option<&'t str>,
}

/// A paragraph and a cue in it, and where the source found near the
/// cue is.
type SourceHit = ((Span, Span), Option<Span>);

struct Doc<'c, 't> {
    before: std::cell::Cell<Before<'t>>,
    /// How many quotes, from the first, `before` has read the text
    /// before (see [`Doc::before_quote`]).
    before_read: std::cell::Cell<usize>,
    text: &'t str,
    cues: &'c Cues,
    quotes: &'c [RawQuote],
    /// Whether the searches may skip quotes: they are in text order,
    /// none overlapping the next.
    ordered: bool,
    hits: Vec<Hit>,
    names: Names<'t>,
    /// Name mentions outside quotations (and vocatives inside them):
    /// (start, name, whether it is salient: the subject of its
    /// sentence, or someone called out to inside a quotation, whether
    /// it is inside a quotation: a vocative).
    mentions: Vec<(usize, NameId, bool, bool)>,
    /// Names written after a title (`Dr. Howard Archie`, `Parson
    /// Tringham`): (start, the key of the title's full lowercase form,
    /// name).
    entitled: Vec<(usize, TitleKey, NameId)>,
    /// The gender of each name known to have one, by the id of its
    /// fullest form.
    genders: Vec<Option<Gender>>,
    /// The paragraphs of the text, as the scanner found them.
    paras: Vec<Span>,
    /// The tokens of every paragraph, in text order (none for a long
    /// text: see `Doc::window`).
    toks: Vec<Tok<'t>>,
    /// Where each paragraph's tokens start in `toks`, and (last) where
    /// they end: the windows that start a paragraph are sought from
    /// there (see [`Doc::seek_from_paragraph`]). Of no use for a long text.
    para_toks: Vec<usize>,
    /// How many tokens the text has a byte, in 16-bit fixed point: the
    /// windows are sought from where this puts them (see
    /// [`Doc::tokens_in`]).
    token_rate: u64,
    /// For a long text, the tokens of a stretch of it that the last
    /// windows lay in, and the stretch.
    chunk: std::cell::RefCell<(Span, Rc<Vec<Tok<'t>>>)>,
    /// For a long text, where each of its tokens is (see [`Mark`]):
    /// the stretches are made from them without reading the text
    /// again. Empty for a text whose tokens are kept, and for one too
    /// long for `u32` offsets (its stretches are tokenized).
    marks: Vec<Mark>,
    /// The last source read, by paragraph and cue.
    last_source: std::cell::RefCell<Option<SourceHit>>,
    /// The last window asked for, and where its tokens start and end
    /// in `toks`.
    last_window: std::cell::Cell<(Span, usize, usize)>,
    /// Where the last answer of [`Doc::hits_in`] began in `hits`.
    hits_cursor: std::cell::Cell<usize>,
    /// A vector reused from quote to quote for the tokens that
    /// [`masked_tail`] keeps.
    mask_buf: std::cell::Cell<Vec<Tok<'t>>>,
    /// Where the last run of tokens read in place by
    /// [`Doc::for_each_token`] ended, in `toks` or in `marks`: the next
    /// run (the text before the next quote) is sought from there.
    token_cursor: std::cell::Cell<usize>,
    /// The tokens (by span: how many, and the first `PHRASE_KEPT`) of
    /// the last phrase [`Doc::cue_phrase`] read, and its answer.
    last_phrase:
        std::cell::RefCell<(usize, [Span; PHRASE_KEPT], Option<Speaker<'t>>)>,
    /// The phrases [`Doc::phrase`] read last, with their answers (see
    /// [`PhraseMemo`]).
    phrases: std::cell::RefCell<PhraseMemo<'t>>,
    /// What [`Doc::vocative`] found of each quote's words, by quote
    /// (made on its first call): 0 not read yet, 1 no name placed as
    /// one called out to (so no answer, whoever is wanted), 2 some.
    vocatives: std::cell::RefCell<Vec<u8>>,
    /// Whether each quote so far is a term.
    is_term: Vec<bool>,
    /// The last quote so far that is no term.
    last_said: Option<usize>,
    /// Names already attributed a quote: people, not places. A name of
    /// `names` is kept by id, in `speaker_ids`; only another is kept
    /// here.
    speakers: WordSet<String>,
    /// Whether each name of `names` (by id) is in `speakers`, as far as
    /// the vector reaches.
    speaker_ids: Vec<bool>,
    /// Whether the narration uses each name outside quotations, by the
    /// id of its fullest form.
    narrated: Vec<bool>,
    /// Words the text writes in lowercase somewhere, lowercased.
    lower: LowerWords<'t>,
    /// Whether the text is dialogue: many paragraphs are turns (they
    /// open with a quotation) with no cue outside the quotation.
    dialogue: bool,
    /// The name of a first-person narrator, when the text gives one.
    narrator: Option<String>,
}

/// The vectors that one call of `Extractor::extract` fills and leaves,
/// emptied, to the next: made afresh at every call, they cost 39
/// allocations a document of polnear (4.7 KB on average), and glibc's
/// first allocation of a kilobyte or more after the frees of a call
/// consolidates every small block those frees left, about 1,000
/// instructions; on a long text the pages of the big ones (the tokens,
/// 24 bytes for every three bytes of text) were given back to the
/// system and faulted in again at every call. A vector is kept only up
/// to `MAX_KEPT_BYTES` (see [`keep`]), so a long text's tokens are not
/// held after the call.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The paragraphs of the text (see `text::paragraphs_into`).
    pub(crate) paras: Vec<Span>,
    /// The room of the other candidate paragraphs that
    /// `text::paragraphs_into` makes (left empty when they are not
    /// needed or are the lines themselves; nothing reads them after).
    pub(crate) blocks: Vec<Span>,
    /// The quoted spans the scanner finds.
    pub(crate) pieces: Vec<RawQuote>,
    /// The tokens of the text (`Doc::toks`).
    toks: Vec<Tok<'static>>,
    /// The cues of the text (`Doc::hits`).
    hits: Vec<Hit>,
    /// Where each paragraph's tokens start (in `Doc::new`).
    para_toks: Vec<usize>,
    /// Where each paragraph's stops start (in `Doc::new`).
    para_stops: Vec<usize>,
    /// The stops of the name runs (in `Doc::new`).
    stops: Vec<usize>,
    /// The name runs (in `Doc::new`).
    runs: Vec<(usize, usize, usize)>,
    /// Where each paragraph's runs start (in `Doc::new`).
    para_runs: Vec<usize>,
    /// Where each paragraph's `the` start (in `Doc::new`).
    para_the: Vec<usize>,
    /// The name mentions (`Doc::mentions`).
    mentions: Vec<(usize, NameId, bool, bool)>,
    /// The lexicon's gender of each name (in `Doc::new`).
    lexicon_gender: Vec<Option<Gender>>,
    /// Whether each name is written in mid-sentence (in `Doc::new`).
    mid_sentence: Vec<bool>,
    /// `Doc::narrated`.
    narrated: Vec<bool>,
    /// `Doc::genders`.
    genders: Vec<Option<Gender>>,
    /// `Doc::is_term`.
    is_term: Vec<bool>,
    /// The kind of each quote (in `attribute`).
    kinds: Vec<Kind>,
    /// Where each quote's answer is (`Answers::at`, in `attribute`).
    answer_at: Vec<usize>,
    /// The answers of the quotes (`Answers::kept`, in `attribute`).
    answers: Vec<Found<'static>>,
    /// What the name runs note (in `Doc::new`).
    notes: RunNotes,
    /// Whether the cues of each paragraph are read (in
    /// `Cues::read_spans`).
    read: Vec<bool>,
    /// The paragraphs whose cues are read (in `Cues::read_spans`).
    cued: Vec<usize>,
    /// The spans whose cues are read (`Cues::read_spans`).
    read_spans: Vec<Span>,
    /// The turns of `Doc::settle_exchanges`.
    turns: Vec<(usize, usize)>,
    /// `Doc::entitled`.
    entitled: Vec<(usize, TitleKey, NameId)>,
    /// `Doc::speaker_ids`.
    speaker_ids: Vec<bool>,
    /// `Doc::mask_buf`.
    mask_buf: Vec<Tok<'static>>,
    /// `Doc::vocatives`.
    vocatives: Vec<u8>,
    /// The phrases of `Doc::phrases`.
    phrases: Vec<KeptPhrase<'static>>,
    /// The names (`Doc::names`).
    names: Names<'static>,
    /// The table of `Doc::lower`.
    lower_words: PackedSet,
}

/// The most bytes of room a vector of [`Scratch`] keeps from one call
/// to the next: a few megabytes, so that a pool of them (one a thread)
/// holds little after a long text, while the vectors of a text of up
/// to a megabyte (the tokens of 0.25 MB of news take 2 MB) are kept.
const MAX_KEPT_BYTES: usize = 4 << 20;

/// The most bytes of room a [`Scratch`] keeps in all: a text of a few
/// megabytes leaves a few vectors just under `MAX_KEPT_BYTES` each, and
/// a pool of one scratch a thread keeps no more than this for each.
const MAX_SCRATCH_BYTES: usize = 16 << 20;

/// `v` emptied (see [`recycle`]), with its room when that is at most
/// `MAX_KEPT_BYTES`.
fn keep<T, U>(v: Vec<T>) -> Vec<U> {
    if v.capacity() * size_of::<T>() > MAX_KEPT_BYTES {
        return Vec::new();
    }
    recycle(v)
}

/// The vector `v` held, emptied, leaving an empty one with no room.
fn emptied<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}

impl Scratch {
    /// Empties every vector for the next call, dropping those too big
    /// to keep, and all of them when together they would hold more than
    /// `MAX_SCRATCH_BYTES`.
    pub(crate) fn reset(&mut self) {
        /// Empties `v` (dropped if too big) and tells the bytes kept:
        /// cleared in place, its type being the same (a `recycle` of
        /// each, through std's in-place collection, cost 300 more
        /// instructions a call).
        fn k<T>(v: &mut Vec<T>) -> usize {
            if v.capacity() * size_of::<T>() > MAX_KEPT_BYTES {
                *v = Vec::new();
            } else {
                v.clear();
            }
            v.capacity() * size_of::<T>()
        }
        if self.names.room() > MAX_KEPT_BYTES {
            self.names = Names::default();
        }
        if self.lower_words.room() > MAX_KEPT_BYTES {
            self.lower_words = PackedSet::default();
        }
        let kept: usize = self.names.room()
            + self.lower_words.room()
            + k(&mut self.paras)
            + k(&mut self.blocks)
            + k(&mut self.pieces)
            + k(&mut self.toks)
            + k(&mut self.hits)
            + k(&mut self.para_toks)
            + k(&mut self.para_stops)
            + k(&mut self.stops)
            + k(&mut self.runs)
            + k(&mut self.para_runs)
            + k(&mut self.para_the)
            + k(&mut self.mentions)
            + k(&mut self.lexicon_gender)
            + k(&mut self.mid_sentence)
            + k(&mut self.narrated)
            + k(&mut self.genders)
            + k(&mut self.is_term)
            + k(&mut self.kinds)
            + k(&mut self.answer_at)
            + k(&mut self.answers)
            + k(&mut self.notes.classes)
            + k(&mut self.read)
            + k(&mut self.cued)
            + k(&mut self.read_spans)
            + k(&mut self.entitled)
            + k(&mut self.turns)
            + k(&mut self.speaker_ids)
            + k(&mut self.mask_buf)
            + k(&mut self.vocatives)
            + k(&mut self.phrases)
            + k(&mut self.notes.the_at);
        if kept > MAX_SCRATCH_BYTES {
            *self = Scratch::default();
        }
    }
}

/// The quotes of `text`, from its quoted spans and its paragraphs (as
/// `paragraphs` finds them), in `scratch.paras`; the vectors of
/// `scratch` are used for the work and left, not emptied, for
/// [`Scratch::reset`].
pub(crate) fn attribute<'t>(
    cues: &Cues,
    text: &'t str,
    quotes: &[RawQuote],
    scratch: &mut Scratch,
) -> Vec<Quote<'t>> {
    if quotes.is_empty() {
        // Nothing to attribute: skip reading names and cues.
        return vec![];
    }
    let mut doc = Doc::new(cues, text, quotes, scratch);
    let mut kinds = emptied(&mut scratch.kinds);
    kinds.reserve(quotes.len());
    let mut found = Answers::from_scratch(scratch);
    found.at.reserve(quotes.len());
    // The last two names of the article written in the text that a
    // speaker's name was looked up by, with their ids: a speaker is most
    // often one of the last two named (the two parties of a dialogue),
    // and its id is told by comparing the words, not by a lookup.
    let mut recent: [Option<(&'t str, NameId)>; 2] = [None, None];
    let mut i = 0;
    while i < quotes.len() {
        if doc.tiny_term(i, &found) {
            // What `find` and `kind` would answer, told at once, for
            // this quote and the run of tiny terms after it.
            let n = 1 + doc.tiny_terms_after(i, &found);
            kinds.resize(kinds.len() + n, Kind::Term);
            doc.is_term.resize(doc.is_term.len() + n, true);
            found.push_none(n);
            i += n;
            continue;
        }
        let mut f = doc.find(i, &found);
        if let Some(f) = &mut f {
            doc.resolve_title(f);
            doc.resolve_to_addressee(i, f, &found);
            let previous_turn = doc.previous_turn_speaker(i, &found);
            if previous_turn.is_none() {
                doc.resolve_to_last_speaker(i, f, &found);
            }
            doc.resolve_pronoun(f, previous_turn.as_ref());
            if let Speaker::Name { name, .. } = &mut f.speaker {
                // A name of the article is kept by id from here on: the
                // later passes look it up no more.
                if let SpeakerName::Written(s) = name
                    && let Some(id) = match recent
                        .iter()
                        .flatten()
                        .find(|(written, _)| *written == &**s)
                    {
                        Some(&(_, id)) => Some(id),
                        None => {
                            let id = doc.names.id(s);
                            if let (Some(id), &Cow::Borrowed(written)) =
                                (id, &*s)
                            {
                                recent = [Some((written, id)), recent[0]];
                            }
                            id
                        }
                    }
                {
                    *name = SpeakerName::Known(id);
                }
                let full = doc.fullest_ref(name);
                doc.add_speaker(full);
            }
        }
        let kind = doc.kind(i, f.as_ref());
        let f = match kind {
            Kind::Term => None,
            // Quoted words in a sentence with no cue are the words of
            // the sentence's subject (`Trump openly admires Putin as a
            // "strong leader"`), when that subject is a name.
            Kind::Mixed if f.is_none() => doc.sentence_subject(i),
            _ => f,
        };
        kinds.push(kind);
        doc.is_term.push(kind == Kind::Term);
        if kind != Kind::Term {
            doc.last_said = Some(i);
        }
        found.push(f);
        i += 1;
    }
    share_running(quotes, &mut found);
    doc.settle_exchanges(&mut found, &mut scratch.turns);
    doc.narrator = doc.narrator(&found);
    // Every `Quote` is made with no speaker first, written in place, and
    // the attribution of those attributed is boxed and set after: a
    // `Quote` made by either of two paths was written to the stack and
    // copied into the vector. The quotes no rule attributes (every term,
    // most quotes of a text dense in them) allocate nothing.
    let mut out: Vec<Quote<'t>> = quotes
        .iter()
        .zip(&kinds)
        .map(|(q, &kind)| doc.unattributed(q, kind))
        .collect();
    for ((quote, q), f) in out.iter_mut().zip(quotes).zip(found.iter()) {
        if let Some(f) = f {
            doc.attribute_to(quote, q, f);
        }
    }
    scratch.kinds = kinds;
    found.give_back(scratch);
    doc.give_back(scratch);
    out
}

/// Rules that read a cue or a name next to the quote itself.
const OWN_RULES: &[&str] = &[
    "dash-signoff",
    "said-after",
    "said-after-inverted",
    "according-to",
    "said-before",
    "colon",
];

/// Rules that only carry a speaker over from an earlier quote.
const UNTAGGED_RULES: &[&str] = &[
    "continues-previous",
    "turn-taking",
    "same-sentence",
    "answers-vocative",
];

/// The pieces of a running quotation share one speaker: the one a piece
/// is attributed by its own cue (the first such piece), for every piece
/// that has none.
fn share_running(quotes: &[RawQuote], found: &mut Answers<'_>) {
    // The quotation of each quote and of the next, side by side: most
    // quotations have one piece, told by one comparison.
    let mut next = quotes.windows(2).enumerate();
    while let Some((i, pair)) = next.next() {
        if pair[0].quotation != pair[1].quotation {
            continue;
        }
        // The quotes `i..j` are the pieces of one quotation.
        let mut j = i + 2;
        while j < quotes.len() && quotes[j].quotation == quotes[i].quotation {
            j += 1;
        }
        // The pairs up to the one of the run's last quote are read.
        if j - i > 2 {
            next.nth(j - i - 3);
        }
        let own = (i..j).find_map(|k| {
            found.get(k).filter(|f| OWN_RULES.contains(&f.rule)).cloned()
        });
        if let Some(own) = own {
            for k in i..j {
                if !found.get(k).is_some_and(|f| OWN_RULES.contains(&f.rule)) {
                    let mut shared = own.clone();
                    shared.rule = "running-quotation";
                    found.set(k, shared);
                }
            }
        }
    }
}

impl<'c, 't> Doc<'c, 't> {
    fn new(
        cues: &'c Cues,
        text: &'t str,
        quotes: &'c [RawQuote],
        scratch: &mut Scratch,
    ) -> Self {
        let paras = std::mem::take(&mut scratch.paras);
        let inside = |s: usize| {
            let i = quotes.partition_point(|q| q.outer.end <= s);
            quotes.get(i).is_some_and(|q| q.outer.start <= s)
        };
        let ordered =
            quotes.windows(2).all(|w| w[0].outer.end <= w[1].outer.start);
        let hits = cues.hits(text, quotes, ordered, &paras, scratch);
        let mut mentions = emptied(&mut scratch.mentions);
        let mut titled = vec![];
        let mut entitled: Vec<(usize, TitleKey, NameId)> =
            emptied(&mut scratch.entitled);
        let mut by_title = vec![];
        // What the keys of `entitled` are like (see `TitleForms`).
        let mut title_forms = TitleForms::default();
        // Every token of the text, read once: the windows of the rules
        // are slices of it (see `Doc::window`). English prose has a
        // token every four or five bytes, dialogue (short words and
        // many marks) about every four: room for one every three, as
        // growing the vector copies it. A long paragraph may hold more
        // (`"a" ` has three tokens in four bytes): it gets room for one
        // a byte, the most it can have, as growing a vector of megabytes
        // writes every page of it once more. The pages no token takes
        // are never written, and cost nothing. That room stops at
        // `MAX_ROOM_TOKENS`, so that the vector stays on glibc's heap
        // and is reused from call to call. (Room too big for the
        // address space, on a 32-bit machine, falls back to the usual
        // room rather than panic.)
        let room = text.len() / 3 + 16;
        let mut all_toks: Vec<Tok<'t>> = emptied(&mut scratch.toks);
        let long_room: usize = if text.len() > LONG_PARAGRAPH {
            paras
                .iter()
                .map(|p| p.end.saturating_sub(p.start))
                .filter(|&n| n > LONG_PARAGRAPH)
                .map(|n| n - n / 3)
                .sum()
        } else {
            0
        };
        let wanted = (room + long_room).min(room.max(MAX_ROOM_TOKENS));
        if all_toks.try_reserve_exact(wanted).is_err() {
            all_toks.reserve_exact(room);
        }
        let mut para_toks = emptied(&mut scratch.para_toks);
        para_toks.reserve(paras.len() + 1);
        let mut lower_words = LowerWords::in_room(
            text.len(),
            std::mem::take(&mut scratch.lower_words),
        );
        // The tokens that the name runs stop at, by index in their
        // paragraph (see `name_runs_at`), those of paragraph `k` from
        // `para_stops[k]` on: about one token in five of news, but
        // every token of a text of names (`Yes, said Grey Hall ...`),
        // about one in six or seven bytes: `tokens_append_words` makes
        // room for one in four at the first stop, as growing the vector
        // copies it (the room no stop takes is never written, and a text
        // with no stop, such as `"a" "a" ...`, allocates none: a vector
        // of megabytes more on the heap made glibc give back, and fault
        // in again, the pages of the tokens at every call).
        let mut stops = emptied(&mut scratch.stops);
        let mut para_stops = emptied(&mut scratch.para_stops);
        para_stops.reserve(paras.len() + 1);
        for &para in &paras {
            para_toks.push(all_toks.len());
            para_stops.push(stops.len());
            tokens_append_words(
                text,
                para,
                &mut all_toks,
                &mut lower_words,
                &mut stops,
            );
        }
        para_toks.push(all_toks.len());
        para_stops.push(stops.len());
        let token_rate =
            ((all_toks.len() as u64) << 16) / (text.len() as u64).max(1);
        // Names: every capitalised run, outside and inside quotes, for
        // the fullest form; mentions outside quotes, for pronouns. The
        // runs of every paragraph are found first (by token index in
        // the paragraph, from `para_runs[k]` in `runs` for paragraph
        // `k`): there are no more names than runs, so the tables of the
        // names are sized once.
        // Each run keeps where the classes of its first word are in
        // `run_classes` (the classes of every word of every run, as
        // `NameRuns::next_with` gives them): the lexicon is not read
        // again for the words of a run.
        // The `the` and `The` of paragraph `k` are
        // `notes.the_at[para_the[k]..para_the[k + 1]]`.
        // About a run for every twenty tokens of news: room for one
        // every eight, as growing the vector copies it.
        let runs_room = all_toks.len() / 8 + 4;
        let mut runs: Vec<(usize, usize, usize)> = emptied(&mut scratch.runs);
        runs.reserve(runs_room);
        // Room for two words a run (the classes outgrow their guess no
        // sooner than the runs theirs, in a text of two-word names).
        let mut notes = std::mem::take(&mut scratch.notes)
            .reuse(text.len(), 2 * runs_room);
        let mut para_runs = emptied(&mut scratch.para_runs);
        para_runs.reserve(para_toks.len());
        let mut para_the = emptied(&mut scratch.para_the);
        para_the.reserve(para_toks.len());
        for (w, p) in para_toks.windows(2).zip(para_stops.windows(2)) {
            para_runs.push(runs.len());
            para_the.push(notes.the_at.len());
            let toks = &all_toks[w[0]..w[1]];
            let mut found =
                name_runs_at(&cues.vocab, toks, &stops[p[0]..p[1]]);
            while let Some(run) = found.next_with(&mut notes) {
                let at = notes.classes.len() - (run.1 - run.0);
                let classes = &notes.classes[at..];
                let (s, e) = trim_run(
                    &cues.vocab,
                    toks,
                    run,
                    classes,
                    notes.first_key,
                    &lower_words,
                );
                if s < e {
                    if runs.len() == runs.capacity() {
                        // A text denser in names than guessed (a list
                        // of names): room for as many runs, and words
                        // of runs, as its tokens so far promise, in one
                        // step.
                        let read = w[0] + run.1;
                        reserve_as_read(&mut runs, read, all_toks.len());
                        reserve_as_read(
                            &mut notes.classes,
                            read,
                            all_toks.len(),
                        );
                    }
                    runs.push((s, e, at + (s - run.0)));
                }
            }
        }
        para_runs.push(runs.len());
        para_the.push(notes.the_at.len());
        // Given back before the names' tables are made (and grow).
        scratch.stops = stops;
        scratch.para_stops = para_stops;
        let run_classes = notes.classes;
        // Room for every word of every run (the words of a name are
        // those of its run).
        let run_words = runs.iter().map(|r| r.1 - r.0).sum();
        let mut names =
            std::mem::take(&mut scratch.names).reuse(runs.len(), run_words);
        // The gender the lexicon gives each name, by id (see
        // `Vocab::gender_of_name`), found as the name is added.
        let mut lexicon_gender: Vec<Option<Gender>> =
            emptied(&mut scratch.lexicon_gender);
        lexicon_gender.reserve(runs.len());
        // A mention for a run at most (and a few by title).
        mentions.reserve(runs.len() + 4);
        // `inside` for the starts of the runs, which come in text order.
        let mut runs_walk = QuoteWalk::new(quotes);
        // Whether each name is written in mid-sentence somewhere, by id.
        let mut mid_sentence = emptied(&mut scratch.mid_sentence);
        fill(&mut mid_sentence, runs.len(), false);
        for ((w, r), d) in para_toks
            .windows(2)
            .zip(para_runs.windows(2))
            .zip(para_the.windows(2))
        {
            let toks = &all_toks[w[0]..w[1]];
            for &(s, e, at) in &runs[r[0]..r[1]] {
                let run = (s, e);
                let name = names.add_run(text, toks, run);
                if name == lexicon_gender.len() {
                    // A new name: its words are this run's.
                    let classes = &run_classes[at..at + (e - s)];
                    lexicon_gender
                        .push(cues.vocab.gender_of_run(&toks[s..e], classes));
                }
                let start = toks[run.0].start();
                let before = run.0.checked_sub(1).map(|k| toks[k].text);
                if !matches!(
                    before,
                    None | Some(
                        "." | "!" | "?" | "\"" | "“" | "‘" | "'" | "(" | "-"
                    )
                ) {
                    mid_sentence[name] = true;
                }
                // `Mrs. Hall`: the title the run leaves out tells the
                // gender.
                let (titled_by, title_gender) =
                    before.map_or((false, None), |b| cues.vocab.title_info(b));
                if let Some(g) = title_gender {
                    titled.push((name, g));
                }
                if let Some(b) = before
                    && titled_by
                {
                    let key = title_key(b);
                    title_forms.note(&key);
                    entitled.push((start, key, name));
                }
                let after = toks.get(run.1);
                if !runs_walk.inside(start) {
                    // `Lord Henry laughed`: the word before the title.
                    let before = if titled_by {
                        run.0.checked_sub(2).map(|k| toks[k].text)
                    } else {
                        before
                    };
                    let subject = opens_clause(before)
                        && after.is_some_and(|t| t.is_word() && !t.is_cap());
                    mentions.push((start, name, subject, false));
                } else {
                    let vocative =
                        matches!(before, Some("," | "“" | "\"" | "‘"))
                            && after.is_some_and(|t| {
                                matches!(t.text, "," | "." | "!" | "?" | ";")
                            });
                    if vocative {
                        mentions.push((start, name, true, true));
                    }
                }
            }
            // `The doctor came back`: a title standing alone is a
            // mention of the person last named with it (none before a
            // name is written after a title). The name runs noted each
            // `the` and `The`; those before a word in lowercase are read.
            let the_at = if entitled.is_empty() {
                &[][..]
            } else {
                &notes.the_at[d[0]..d[1]]
            };
            for &k in the_at {
                let (Some(det), Some(word)) = (toks.get(k), toks.get(k + 1))
                else {
                    continue;
                };
                // (Most words are told by the forms of the titles
                // named so far, with no lookup.)
                if !word.is_word()
                    || word.is_cap()
                    || !title_forms.may_be(word.text)
                    || !cues.vocab.is_title(word.text)
                    || inside(det.start())
                {
                    continue;
                }
                let key = title_key(word.text);
                let Some(&(_, _, name)) =
                    entitled.iter().rev().find(|e| e.1 == key)
                else {
                    continue;
                };
                let before = k.checked_sub(1).map(|j| toks[j].text);
                let subject = opens_clause(before)
                    && toks
                        .get(k + 2)
                        .is_some_and(|t| t.is_word() && !t.is_cap());
                by_title.push((det.start(), name, subject, false));
            }
        }
        if !by_title.is_empty() {
            mentions.append(&mut by_title);
            mentions.sort_by_key(|m| m.0);
        }
        // A single capitalised word the text writes only at the start
        // of a sentence (`Presently`, `Concerning that night's ride`)
        // is no name, unless the lexicon knows it as one.
        let gender_of = |n: NameId| lexicon_gender[n];
        mentions.retain(|&(_, n, _, _)| {
            names.is_multiword(n) || mid_sentence[n] || gender_of(n).is_some()
        });
        let mut narrated = emptied(&mut scratch.narrated);
        fill(&mut narrated, names.len(), false);
        for m in &mentions {
            if !m.3 {
                narrated[names.fullest_id(m.1)] = true;
            }
        }
        let mut genders: Vec<Option<Gender>> = emptied(&mut scratch.genders);
        genders.resize(names.len(), None);
        for (n, g) in titled {
            genders[names.fullest_id(n)].get_or_insert(g);
        }
        for &(_, n, _, _) in &mentions {
            if let Some(g) = gender_of(n) {
                genders[names.fullest_id(n)].get_or_insert(g);
            }
        }
        // Names the lexicon cannot place take the gender of the pronouns
        // that follow them in their sentence (`Holmes ... his`).
        // (Made at the first vote: a map's seed costs about a hundred
        // instructions to draw, and most texts have no vote.)
        let mut votes: Option<WordMap<NameId, (u32, u32)>> = None;
        // Only a name that is its sentence's subject votes: `at
        // Bramblehurst station, and he asked` says nothing of a place.
        for &(start, n, subject, inside) in &mentions {
            if !subject || inside {
                continue;
            }
            let full = names.fullest_id(n);
            if genders[full].is_some() {
                continue;
            }
            let rest = &text[start..floor_boundary(text, start + 160)];
            let (m, f) = match first_pronoun(rest) {
                Some(Gender::Male) => (1, 0),
                Some(Gender::Female) => (0, 1),
                _ => continue,
            };
            let v = votes
                .get_or_insert_with(WordMap::default)
                .entry(full)
                .or_default();
            (v.0, v.1) = (v.0 + m, v.1 + f);
        }
        // Each name's votes set its own gender: the order of the map
        // does not matter.
        for (name, (m, f)) in votes.into_iter().flatten() {
            if m > f {
                genders[name] = Some(Gender::Male);
            } else if f > m {
                genders[name] = Some(Gender::Female);
            }
        }
        let mut turns = 0usize;
        let mut untagged = 0usize;
        let mut last_para = usize::MAX;
        // The first hit of the last turn's paragraph or after it: the
        // turns come in text order, and each paragraph's first hit is
        // sought from the last one's (two binary searches over every
        // hit, a turn, cost dialogue 1.8% of its instructions).
        let mut first_hit = 0;
        for q in quotes {
            if q.paragraph_index == last_para {
                continue;
            }
            last_para = q.paragraph_index;
            let para = paras[q.paragraph_index];
            if q.outer.start != para.start {
                continue;
            }
            turns += 1;
            first_hit = seek(&hits, first_hit, |h| h.span.start < para.start);
            // The hits are in text order: none starts in the paragraph
            // when its first hit at or after its start starts past it.
            if hits.get(first_hit).is_none_or(|h| h.span.start >= para.end) {
                untagged += 1;
            }
        }
        let dialogue = untagged >= 5 && untagged * 2 >= turns;
        // The tokens of a long text are not kept for the windows:
        // megabytes held while the quotes are read make the allocator
        // return them to the system and fault them in again at every
        // text (costing more than tokenizing the windows again a few
        // kilobytes at a time, which `window` then does). Their vector
        // goes back to `scratch` at once, emptied (and is dropped there
        // if bigger than `MAX_KEPT_BYTES`).
        let mut marks = vec![];
        if all_toks.len() > MAX_KEPT_TOKENS {
            if text.len() <= Mark::MAX_OFFSET {
                marks = all_toks.iter().map(Mark::of).collect();
            }
            scratch.toks = keep(std::mem::take(&mut all_toks));
        }
        scratch.notes = RunNotes { classes: run_classes, ..notes };
        scratch.runs = runs;
        scratch.para_runs = para_runs;
        scratch.para_the = para_the;
        scratch.lexicon_gender = lexicon_gender;
        scratch.mid_sentence = mid_sentence;
        let mut is_term = emptied(&mut scratch.is_term);
        is_term.reserve(quotes.len());
        Doc {
            before: std::cell::Cell::new(Before {
                paragraph: usize::MAX,
                ..Before::default()
            }),
            before_read: std::cell::Cell::new(0),
            text,
            cues,
            quotes,
            ordered,
            hits,
            names,
            mentions,
            entitled,
            genders,
            dialogue,
            narrator: None,
            speakers: WordSet::default(),
            speaker_ids: emptied(&mut scratch.speaker_ids),
            narrated,
            is_term,
            last_said: None,
            paras,
            toks: all_toks,
            para_toks,
            token_rate,
            chunk: std::cell::RefCell::new((Span::default(), Rc::default())),
            marks,
            last_window: std::cell::Cell::new((Span::default(), 0, 0)),
            token_cursor: std::cell::Cell::new(0),
            mask_buf: std::cell::Cell::new(recycle(std::mem::take(
                &mut scratch.mask_buf,
            ))),
            hits_cursor: std::cell::Cell::new(0),
            last_source: std::cell::RefCell::new(None),
            vocatives: std::cell::RefCell::new(emptied(
                &mut scratch.vocatives,
            )),
            // No tokens: the answer for no tokens is `None`.
            last_phrase: std::cell::RefCell::default(),
            phrases: std::cell::RefCell::new(PhraseMemo {
                kept: recycle(std::mem::take(&mut scratch.phrases)),
                next: 0,
            }),
            lower: lower_words,
        }
    }

    /// The paragraph of quote `q` (the paragraphs are those the scanner
    /// found its quotes in).
    #[inline]
    fn para(&self, q: &RawQuote) -> Span {
        self.paras[q.paragraph_index]
    }

    /// Gives the vectors `Doc::new` took from `scratch` back to it.
    fn give_back(self, scratch: &mut Scratch) {
        scratch.paras = self.paras;
        scratch.para_toks = self.para_toks;
        scratch.names = self.names.into_room();
        scratch.hits = self.hits;
        scratch.mentions = self.mentions;
        scratch.narrated = self.narrated;
        scratch.genders = self.genders;
        scratch.is_term = self.is_term;
        scratch.entitled = self.entitled;
        scratch.speaker_ids = self.speaker_ids;
        scratch.mask_buf = keep(self.mask_buf.into_inner());
        scratch.vocatives = self.vocatives.into_inner();
        scratch.phrases = keep(self.phrases.into_inner().kept);
        scratch.lower_words = self.lower.into_room();
        // (A long text's tokens were given back in `Doc::new`.)
        if self.toks.capacity() > 0 {
            scratch.toks = keep(self.toks);
        }
    }

    /// The tokens of `span`, as `tokens(self.text, span)` has them,
    /// without reading the text again: the tokens of the text that lie
    /// in the span.
    ///
    /// Tokenizing a window gives the tokens of any stretch of the text
    /// around it there when no token of the stretch crosses either end
    /// of the window: a tokenizer that starts where no token is open
    /// reads on as one starting at the window's start, and one that
    /// reaches the window's end with no token open has looked no
    /// further. The text between paragraphs is white space, which ends
    /// every token, so this holds across paragraphs too. Windows mostly
    /// end at quotation marks and paragraph ends, so they rarely cut a
    /// token; in one that does (a lookback that starts inside a word)
    /// only the pieces of the cut tokens are tokenized (see
    /// [`Doc::patched`]).
    ///
    /// A long text keeps no tokens of its own (see `MAX_KEPT_TOKENS`),
    /// but where each of them is, in a [`Mark`] of eight bytes: its
    /// windows are read from the tokens of a stretch of about
    /// `CHUNK_BYTES`, made from the marks when the first window past the
    /// last stretch is asked for (see [`Doc::marked_window`]). Windows
    /// are asked for in about text order, so nearly every window lies in
    /// the stretch or starts a new one, and each token is made about
    /// once more in all, whatever the number of quotes. A text too long
    /// for marks tokenizes its stretches from the start of such a
    /// window instead, and a window before its stretch, or longer than
    /// one, on its own.
    fn window(&self, span: Span) -> Window<'_, 't> {
        // The white space between two quotes has no tokens, and is
        // told at once (a text of short quotes asks for it twice a
        // quote).
        if self.blank(span) {
            return Window::Borrowed(&[]);
        }
        if self.toks.is_empty() {
            return self.chunk_window(span);
        }
        match self.slice_of(&self.toks, span) {
            Some(r) => Window::Borrowed(&self.toks[r]),
            None => Window::Owned(self.patched(&self.toks, span)),
        }
    }

    /// Calls `f` with the span and the word flag of each token of
    /// `self.window(span)`, in order (a token's text is the text of its
    /// span). When no token crosses an end of the span (nearly always)
    /// they are read in place from `toks`, or from `marks` for a long
    /// text (unless the span lies in the stretch of tokens last made
    /// for the windows), and no window is made: the window would hold
    /// just those tokens (see [`Doc::slice_of`] and
    /// [`Doc::marked_window`]). Else the window is read.
    fn for_each_token(&self, span: Span, mut f: impl FnMut(Span, bool)) {
        if self.blank(span) {
            // `window` has no tokens for these either.
            return;
        }
        let hint = self.token_cursor.get();
        if !self.toks.is_empty() {
            let a = seek(&self.toks, hint, |t| t.end() <= span.start);
            // The span's end is about a token in five bytes on (any hint
            // gives the same answer; the text's own rate, which
            // `slice_of` reads, saved nothing measurable here).
            let b = seek(&self.toks, a + (span.end - span.start) / 5, |t| {
                t.start() < span.end
            })
            .max(a);
            let inner = &self.toks[a..b];
            let clean = inner.first().is_none_or(|t| t.start() >= span.start)
                && inner.last().is_none_or(|t| t.end() <= span.end);
            if clean {
                self.token_cursor.set(b);
                for t in inner {
                    f(t.span(), t.is_word());
                }
                return;
            }
        } else if !self.marks.is_empty() && {
            // A span in the stretch of tokens made for the windows is
            // read from it (its tokens have their text already).
            let stretch = self.chunk.borrow().0;
            span.start < stretch.start || span.end > stretch.end
        } {
            let a = seek(&self.marks, hint, |m| m.end() <= span.start);
            // The marks that start in the span follow `a`: they are read
            // once more below, so a walk costs no more than a search.
            let mut b = a;
            while self.marks.get(b).is_some_and(|m| m.start() < span.end) {
                b += 1;
            }
            let inner = &self.marks[a..b];
            let clean = inner.first().is_none_or(|m| m.start() >= span.start)
                && inner.last().is_none_or(|m| m.end() <= span.end);
            if clean {
                self.token_cursor.set(b);
                for m in inner {
                    f(Span::new(m.start(), m.end()), m.is_word());
                }
                return;
            }
        }
        for t in self.window(span).iter() {
            f(t.span(), t.is_word());
        }
    }

    /// Whether [`Doc::window`] has no tokens for `span` for want of any
    /// text in it: it is empty, not on char boundaries, or all ASCII
    /// white space (the cases `window` tells first).
    fn blank(&self, span: Span) -> bool {
        // Bytes that are all ASCII white space end at char boundaries:
        // those are told first, with the bytes in the span.
        span.start >= span.end
            || self.text.as_bytes().get(span.start..span.end).is_none_or(|b| {
                b.iter().all(u8::is_ascii_whitespace)
                    || self.text.get(span.start..span.end).is_none()
            })
    }

    /// [`Doc::window`] for a long text, from its stretch of tokens.
    fn chunk_window(&self, span: Span) -> Window<'_, 't> {
        if !self.marks.is_empty() {
            return self.marked_window(span);
        }
        let mut chunk = self.chunk.borrow_mut();
        let (stretch, toks) = &mut *chunk;
        // A window before the stretch, or too long for one (a lookback
        // to the start of a long paragraph), is read on its own: the
        // stretch holds the tokens of a few kilobytes at most.
        if span.start < stretch.start || span.end - span.start > CHUNK_BYTES {
            return Window::Owned(tokens(self.text, span));
        }
        if span.end > stretch.end {
            let end = floor_boundary(self.text, span.start + CHUNK_BYTES);
            *stretch = Span::new(span.start, end.max(span.end));
            // The vector of the last stretch is reused unless a window
            // still holds it.
            if Rc::get_mut(toks).is_none() {
                *toks = Rc::default();
            }
            // Not shared now, so this copies nothing.
            let v = Rc::make_mut(toks);
            v.clear();
            tokens_append(self.text, *stretch, v);
            self.last_window.set((Span::default(), 0, 0));
        }
        match self.slice_of(toks, span) {
            Some(r) => Window::Shared(Rc::clone(toks), r),
            None => Window::Owned(tokens(self.text, span)),
        }
    }

    /// [`Doc::window`] for a long text with [`Mark`]s: a stretch is
    /// made of the tokens of the marks that overlap it, so that it holds
    /// what `toks` would hold there. A window before the stretch, or
    /// longer than one, is made from the marks on its own. (A stretch
    /// that starts a little before the window that asks for it, for the
    /// lookbacks after it, cost more than it saved.)
    fn marked_window(&self, span: Span) -> Window<'_, 't> {
        let mut chunk = self.chunk.borrow_mut();
        let (stretch, toks) = &mut *chunk;
        if span.end - span.start > CHUNK_BYTES || span.start < stretch.start {
            return Window::Owned(self.marked_toks(span));
        }
        if span.end > stretch.end {
            *stretch = Span::new(span.start, span.start + CHUNK_BYTES);
            // The vector of the last stretch is reused unless a window
            // still holds it.
            if Rc::get_mut(toks).is_none() {
                *toks = Rc::default();
            }
            // Not shared now, so this copies nothing.
            let v = Rc::make_mut(toks);
            v.clear();
            self.marked_toks_into(*stretch, v);
            self.last_window.set((Span::default(), 0, 0));
        }
        match self.slice_of(toks, span) {
            Some(r) => Window::Shared(Rc::clone(toks), r),
            None => Window::Owned(self.patched(toks, span)),
        }
    }

    /// The tokens of `span`, as `tokens(self.text, span)` has them, from
    /// the tokens of the marks that overlap it: those, when none crosses
    /// an end of the span (see [`Doc::window`]).
    fn marked_toks(&self, span: Span) -> Vec<Tok<'t>> {
        let mut toks = vec![];
        self.marked_toks_into(span, &mut toks);
        let clean = toks.first().is_none_or(|t| t.start() >= span.start)
            && toks.last().is_none_or(|t| t.end() <= span.end);
        if clean { toks } else { self.patched(&toks, span) }
    }

    /// The tokens of the marks that overlap `span`, appended to `out`.
    fn marked_toks_into(&self, span: Span, out: &mut Vec<Tok<'t>>) {
        let a = self.marks.partition_point(|m| m.end() <= span.start);
        let b = self.marks.partition_point(|m| m.start() < span.end);
        let marks = &self.marks[a..b.max(a)];
        // A mark is a token of the text, so its ends are char
        // boundaries (a mark that was not would be an empty token). One
        // token for each mark: `extend` writes them with no test of the
        // vector's capacity per token.
        out.extend(marks.iter().map(|m| {
            let (start, end) = (m.start(), m.end());
            let text = self.text.get(start..end).unwrap_or_default();
            Tok::new(text, start, m.is_word())
        }));
    }

    /// The tokens of `span`, as `tokens(self.text, span)` has them,
    /// when a token of `toks` (the tokens of a stretch of the text
    /// around the span, as [`Doc::window`] has them) crosses an end of
    /// it: only the pieces of the tokens it cuts are tokenized.
    ///
    /// The window's tokenizer and the text's are at one from the first
    /// white space in the window past a token cut by its start: white
    /// space ends every token and looks back at nothing, and neither
    /// tokenizer has a token open there. Up to it the piece of the window
    /// is tokenized; from there on the window has the tokens of `toks`,
    /// up to the token cut by the end, which the window's tokenizer
    /// starts where `toks` does. A window with no white space past the
    /// cut token (one token cut by both ends) is tokenized whole.
    ///
    /// (Reading on to the first white space, rather than tokenizing the
    /// whole window whenever no white space comes right after the cut
    /// token (`said,` cut in its middle), saves 2% of the instructions
    /// on the one-paragraph news benchmark, whose 600-byte lookbacks
    /// start inside a token.)
    fn patched(&self, toks: &[Tok<'t>], span: Span) -> Vec<Tok<'t>> {
        let a = toks.partition_point(|t| t.end() <= span.start);
        let b = toks.partition_point(|t| t.start() < span.end).max(a);
        let mut inner = &toks[a..b];
        let mut out = Vec::with_capacity(inner.len() + 4);
        if let Some(first) = inner.first()
            && first.start() < span.start
        {
            // The cut token has no white space in it: the first after
            // its end is the first in the window.
            let p = first.end();
            let Some(w) = self
                .text
                .as_bytes()
                .get(p..span.end)
                .and_then(|b| {
                    b.iter().position(|c| {
                        matches!(c, b' ' | b'\n' | b'\t' | b'\r')
                    })
                })
                .map(|k| p + k)
            else {
                return tokens(self.text, span);
            };
            tokens_append(self.text, Span::new(span.start, w), &mut out);
            inner = &inner[inner.partition_point(|t| t.start() < w)..];
        }
        let mut to = inner.len();
        let mut tail = None;
        if let Some(last) = inner.last()
            && last.end() > span.end
        {
            to -= 1;
            tail = Some(Span::new(last.start(), span.end));
        }
        out.extend_from_slice(&inner[..to]);
        if let Some(tail) = tail {
            tokens_append(self.text, tail, &mut out);
        }
        out
    }

    /// Notes, for the next window's search, that a window starting at
    /// `start` in paragraph `p` starts at the paragraph's first token
    /// when `start` is the paragraph's start: the window before a quote
    /// that opens the first sentence of its paragraph is sought from
    /// there, not from the last window read (the one after the quote
    /// before, a paragraph back in dialogue: a dozen tokens off).
    fn seek_from_paragraph(&self, p: usize, start: usize) {
        if let (Some(para), Some(&first)) =
            (self.paras.get(p), self.para_toks.get(p))
            && para.start == start
            && !self.toks.is_empty()
        {
            self.last_window.set((Span::new(start, start), first, first));
        }
    }

    /// `self.window(para)` for paragraph `p`, whose span is `para`: its
    /// tokens are those `Doc::new` made for it, and are not sought.
    fn paragraph_window(&self, p: usize, para: Span) -> Window<'_, 't> {
        match (self.para_toks.get(p), self.para_toks.get(p + 1)) {
            (Some(&a), Some(&b)) if !self.toks.is_empty() => {
                self.last_window.set((para, a, b));
                Window::Borrowed(&self.toks[a..b])
            }
            _ => self.window(para),
        }
    }

    /// The range of `toks` (the tokens of a stretch of the text around
    /// `span`) that lies in `span`, when no token crosses either end of
    /// it (see [`Doc::window`]).
    #[inline]
    fn slice_of(
        &self,
        toks: &[Tok<'t>],
        span: Span,
    ) -> Option<std::ops::Range<usize>> {
        // The first token that ends inside or after the span, and the
        // first that starts at or after its end. Windows are asked for
        // in about text order, each near the one before: the search
        // starts from the last answer (a megabyte-long paragraph of
        // short quotes costs a few steps a window, not twenty).
        // The same window is often asked for again by the next rule.
        // A window after the last one (the window after a quote, after
        // the one before it) is sought from where the last one ended.
        let (last, a, b) = self.last_window.get();
        let (a, b) = if last == span {
            (a, b)
        } else {
            let a = self.first_token_of(toks, span);
            // Its end is about as many tokens on from its start as the
            // text has in that many bytes.
            let b =
                seek(toks, a + self.tokens_in(span.end - span.start), |t| {
                    t.start() < span.end
                });
            self.last_window.set((span, a, b));
            (a, b)
        };
        let clean_start = toks.get(a).is_none_or(|t| t.start() >= span.start);
        let clean_end = b == 0 || toks[b - 1].end() <= span.end;
        (clean_start && clean_end).then_some(a..b.max(a))
    }

    /// About how many tokens `bytes` bytes of the text hold: as many as
    /// the text has in that many bytes on the whole (a token every four
    /// bytes or so of dialogue, with its short words and many marks,
    /// five of news).
    fn tokens_in(&self, bytes: usize) -> usize {
        usize::try_from((bytes as u64).saturating_mul(self.token_rate) >> 16)
            .unwrap_or(usize::MAX)
    }

    /// The first token of `toks` that ends after `span.start`, sought
    /// from the last window read (`last_window`): a window after the last
    /// one (the one after a quote, or the next quote's) starts near where
    /// the last one ended, about as many tokens on from there as the text
    /// has in that many bytes (the quote's own tokens lie between the
    /// window before a quote and the one after it: about one in four
    /// bytes of dialogue, where one in five was a few tokens short).
    /// Any hint gives the same answer.
    fn first_token_of(&self, toks: &[Tok<'t>], span: Span) -> usize {
        let (last, a, b) = self.last_window.get();
        let hint = if span.start >= last.end {
            b + self.tokens_in(span.start - last.end)
        } else {
            a
        };
        seek(toks, hint, |t| t.end() <= span.start)
    }

    /// `kept_head(&self.window(span))` read in place from `toks`, for
    /// the window after a quote, when its first token starts in it and
    /// a sentence end (or the end of the window, which no token
    /// crosses) comes before any bracket or party tag: the tokens are
    /// walked from the first one only up to that end, not sought to the
    /// window's end as well (the head is most often a few words, `X
    /// said.`, and the window may run to the paragraph's end). `None`
    /// when that does not hold, or the window is read anyway (it was the
    /// last one read, a blank one, or one of a long text).
    fn kept_head_in_place(&self, span: Span) -> Option<&[Tok<'t>]> {
        let (last, _, _) = self.last_window.get();
        if self.toks.is_empty() || last == span || self.blank(span) {
            return None;
        }
        let toks = &self.toks;
        let a = self.first_token_of(toks, span);
        if toks.get(a).is_some_and(|t| t.start() < span.start) {
            return None;
        }
        let mut k = a;
        while let Some(t) = toks.get(k)
            && t.start() < span.end
        {
            if ends_head(t) {
                // The tokens before a sentence end are the window's
                // whether or not a token crosses its end (a sentence end
                // has one byte, and crosses none). Kept as the last
                // window read, up to the sentence end, for the hints of
                // the next searches.
                self.last_window.set((Span::new(span.start, t.start()), a, k));
                return Some(&toks[a..k]);
            }
            if drops_from(t) {
                return None;
            }
            k += 1;
        }
        if k > a && toks[k - 1].end() > span.end {
            return None;
        }
        self.last_window.set((span, a, k));
        Some(&toks[a..k])
    }

    /// The paragraph-bounded window before and after quote `i`.
    fn windows(&self, i: usize) -> (Span, Span) {
        let q = &self.quotes[i];
        let para = self.para(q);
        let pi = q.paragraph_index;
        let prev_end = if i > 0 && self.quotes[i - 1].paragraph_index == pi {
            self.quotes[i - 1].outer.end
        } else {
            para.start
        };
        let next_start = self
            .quotes
            .get(i + 1)
            .filter(|n| n.paragraph_index == pi)
            .map_or(para.end, |n| n.outer.start);
        (
            Span::new(prev_end, q.outer.start),
            Span::new(q.outer.end, next_start.max(q.outer.end)),
        )
    }

    /// The hits that start in `span`. The hits are in text order, and
    /// the spans asked for are near one another: they are sought (as
    /// `partition_point` finds them) from where the last answer began.
    fn hits_in(&self, span: Span) -> &[Hit] {
        let a = seek(&self.hits, self.hits_cursor.get(), |h| {
            h.span.start < span.start
        });
        let b = seek(&self.hits, a, |h| h.span.start < span.end);
        self.hits_cursor.set(a);
        &self.hits[a..b.max(a)]
    }

    fn find(&self, i: usize, earlier: &Answers<'t>) -> Option<Found<'t>> {
        let q = &self.quotes[i];
        let (left, right) = self.windows(i);
        // Only white space on both sides (a run of short quotes): the
        // windows are empty, and the rules that read a cue or a name
        // next to the quote find nothing in them.
        if self.blank(left) && self.blank(right) {
            // Most such quotes follow another in their paragraph and open
            // none: of the rules of `find_untagged`, only `transcript`,
            // `previous` (by an earlier quote's answer: the text before
            // is that quote's) and the same sentence's may answer, and
            // these are asked at once.
            let same_paragraph = i > 0
                && self.quotes[i - 1].paragraph_index == q.paragraph_index;
            if same_paragraph
                && !self.is_turn(i)
                && self.previous_quote(i, earlier).is_none()
            {
                let transcript =
                    if self.head_colon(q) { self.transcript(q) } else { None };
                return transcript
                    .or_else(|| earlier.get(i - 1).map(Self::same_sentence));
            }
            return self.find_untagged(i, earlier, &[], &[], true);
        }
        let left_window = self.window(left);
        let left_kept = drop_parens_in(self.text, &left_window);
        let left_toks = sentence_tail(&left_kept);
        let right_window;
        let right_kept = match self.kept_head_in_place(right) {
            Some(head) => Cow::Borrowed(head),
            None => {
                right_window = self.window(right);
                kept_head(&right_window)
            }
        };
        let right_toks: &[Tok<'t>] = &right_kept;
        if let Some(f) = self.dash_signoff(q, right_toks) {
            return Some(f);
        }
        // `"…?" the nominee, Donald Trump, tweeted`: a lowercase word
        // after the quote goes on with its sentence. (Told only when
        // `after` asks: for a long phrase before a cue.)
        let quote_ends_sentence = || {
            self.text[q.span.start..q.span.end].ends_with(['.', '?', '!'])
                && !right_toks.first().is_some_and(|t| {
                    t.is_word()
                        && t.text.starts_with(|c: char| c.is_lowercase())
                })
        };
        // `Instead, "…"` or `Still, "…"`: an adverb and a comma open the
        // sentence, and the quote is the rest of it.
        let starts_sentence = left_toks.iter().all(|t| !t.is_word())
            || (left_toks.len() == 2
                && left_toks[1].text == ","
                && left_toks[0].is_cap());
        // Quoted words inside a sentence belong to that sentence's
        // subject first (`Cruz says he is "tied" with Rubio, ...`); a
        // quote that opens its sentence looks right first.
        // `Bush referred to Rubio as "a leader" but described his skills
        // as a "work in progress"`: the cue's subject may stand before an
        // earlier quote of the same sentence.
        if !starts_sentence
            && let Some(f) =
                self.before_masked(i, left, &left_window, left_toks)
        {
            return Some(f);
        }
        if let Some(f) = self.after(right_toks, quote_ends_sentence) {
            return Some(f);
        }
        if let Some(f) = self.late_inverted(right_toks) {
            return Some(f);
        }
        self.find_untagged(
            i,
            earlier,
            &left_window,
            left_toks,
            starts_sentence,
        )
    }

    /// The rules of [`Doc::find`] from the transcript label on: those
    /// that read no window after the quote. `left_window` is the
    /// window before the quote, `left_toks` its last sentence without
    /// parentheses, and `starts_sentence` whether the quote opens its
    /// sentence.
    fn find_untagged(
        &self,
        i: usize,
        earlier: &Answers<'t>,
        left_window: &[Tok<'t>],
        left_toks: &[Tok<'t>],
        starts_sentence: bool,
    ) -> Option<Found<'t>> {
        let q = &self.quotes[i];
        if let Some(f) = self.transcript(q) {
            return Some(f);
        }
        if let Some(f) = self.colon(left_toks) {
            return Some(f);
        }
        // Whether the quote opens its paragraph, and whether the quote
        // before is in its paragraph: `beat_after`, `beat_before`,
        // `answer` and `answered` find nothing but for a turn, or one
        // with no quote before it in its paragraph, and are not asked
        // in vain (a paragraph of many short quotes asks for none).
        let turn = self.is_turn(i);
        let same_paragraph =
            i > 0 && self.quotes[i - 1].paragraph_index == q.paragraph_index;
        if starts_sentence
            && (turn || !same_paragraph)
            && let Some(f) = self.beat_after(i).or_else(|| self.beat_before(i))
        {
            return Some(f);
        }
        // A quote that is a sentence of its own, or the rest of one: the
        // speaker is the one named just before.
        if starts_sentence
            && let Some(f) = self.previous(i, earlier, left_window)
        {
            return Some(f);
        }
        // Several quotes in one sentence (`called him a "nasty guy" and
        // "sick"`): a later one without a cue of its own shares the
        // earlier one's.
        let same_sentence = same_paragraph
            && !left_window.iter().any(|t| matches!(t.text, "." | "?" | "!"));
        if same_sentence && let Some(prev) = earlier.get(i - 1) {
            return Some(Self::same_sentence(prev));
        }
        if starts_sentence && turn {
            return self.answer(i, earlier).or_else(|| self.answered(i));
        }
        None
    }

    /// A turn with nothing else to go by, answered by a turn that calls
    /// someone by name (`"Amory."` / `"Yes, Beatrice."`): the one called.
    fn answered(&self, i: usize) -> Option<Found<'t>> {
        let q = &self.quotes[i];
        if !self.is_turn(i) {
            return None;
        }
        // The first quote of a later paragraph. Quotes in text order
        // (`ordered`) are in the order of their paragraphs, each found
        // in one: it is sought (as `partition_point` finds it) from the
        // next quote, not walked to past every quote of this paragraph
        // (a paragraph of short quotes may hold thousands).
        let this_paragraph =
            |n: &RawQuote| n.paragraph_index <= q.paragraph_index;
        let next = if self.ordered {
            let rest = self.quotes.get(i + 1..).unwrap_or_default();
            Some(i + 1 + seek(rest, 0, this_paragraph))
                .filter(|&k| k < self.quotes.len())
        } else {
            (i + 1..self.quotes.len())
                .find(|&k| !this_paragraph(&self.quotes[k]))
        }?;
        if self.quotes[next].paragraph_index != q.paragraph_index + 1
            || !self.is_turn(next)
        {
            return None;
        }
        let called = self.vocative(next, |_| true)?;
        Some(Found {
            speaker: Speaker::Name {
                name: called,
                mention: Span::new(q.outer.start, q.outer.start),
            },
            cue: None,
            rule: "answers-vocative",
            confidence: 0.5,
        })
    }

    /// A turn with no cue followed, in its paragraph, by a sentence about
    /// what someone does: the words of that sentence's subject
    /// (`"Young!" He held it at arm's length and stared at it.`).
    fn beat_after(&self, i: usize) -> Option<Found<'t>> {
        let q = &self.quotes[i];
        if !self.is_turn(i) {
            return None;
        }
        let words = &self.text[q.span.start..q.span.end];
        if !trim_end(words).ends_with(['.', '!', '?']) {
            return None;
        }
        let end = self.next_in_paragraph(i);
        let window = self.window(Span::new(q.outer.end, end));
        let speaker = self.beat_subject(sentence_head(&window))?;
        Some(Found {
            speaker,
            cue: None,
            rule: "beat-after",
            confidence: 0.45,
        })
    }

    /// A quote opening a sentence inside its paragraph, right after a
    /// sentence of narration with no cue and no quote: the words of that
    /// sentence's subject (`She took the garment and held it aloft. "I
    /// know that you look like a man on a magazine cover in it."`).
    fn beat_before(&self, i: usize) -> Option<Found<'t>> {
        let q = &self.quotes[i];
        if self.is_turn(i)
            || (i > 0
                && self.quotes[i - 1].paragraph_index == q.paragraph_index)
        {
            return None;
        }
        let toks = self.window(Span::new(self.para(q).start, q.outer.start));
        let tail = sentence_tail(strip_trailing_stop(&toks));
        let (first, last) = (tail.first()?, tail.last()?);
        if !self.hits_in(Span::new(first.start(), last.end())).is_empty() {
            return None;
        }
        let speaker = self.beat_subject(tail)?;
        Some(Found {
            speaker,
            cue: None,
            rule: "beat-before",
            confidence: 0.4,
        })
    }

    /// The subject of a sentence of narration next to a quote: `He`,
    /// `She` or `I`, or a name the text uses as one, followed by a
    /// lowercase word.
    fn beat_subject(&self, toks: &[Tok<'t>]) -> Option<Speaker<'t>> {
        let np = lead_subject(&self.cues.vocab, toks)?;
        let speaker = self.phrase(np)?;
        match &speaker {
            Speaker::Pronoun { .. } => Some(speaker),
            // `Concluding his remarks`: a word capitalised only at the
            // start of sentences is no name.
            Speaker::Name { mention, .. } => {
                let k = self.mentions.partition_point(|m| m.0 < mention.start);
                self.mentions
                    .get(k)
                    .is_some_and(|m| m.0 == mention.start)
                    .then_some(speaker)
            }
            Speaker::Description { .. } => None,
        }
    }

    /// The name after a description and a comma (`, actress Jamie Lee
    /// Curtis`), lowercase role words before it skipped.
    fn named_apposition(&self, rest: &[Tok<'t>]) -> Option<Speaker<'t>> {
        let (comma, rest) = rest.split_first()?;
        if comma.text != "," {
            return None;
        }
        let skip = rest
            .iter()
            .take_while(|t| t.is_word() && !t.is_cap())
            .count()
            .min(3);
        match self.phrase(clause(&rest[skip..]))? {
            s @ Speaker::Name { .. } => Some(s),
            _ => None,
        }
    }

    /// `"…" — Jane Doe` at the end of a paragraph.
    fn dash_signoff(
        &self,
        q: &RawQuote,
        right: &[Tok<'t>],
    ) -> Option<Found<'t>> {
        let first = right.first()?;
        if !matches!(first.text, "—" | "–" | "-") {
            return None;
        }
        let rest = &right[1..];
        let run = name_runs(&self.cues.vocab, rest).next()?;
        let last = rest.last()?;
        if run.0 != 0 || self.para(q).end > last.end() + 1 {
            return None;
        }
        Some(Found {
            speaker: Speaker::Name {
                name: SpeakerName::Written(run_name(self.text, rest, run)),
                mention: Span::new(rest[run.0].start(), rest[run.1 - 1].end()),
            },
            cue: None,
            rule: "dash-signoff",
            confidence: 0.8,
        })
    }

    /// The subject of the sentence a quote sits in, when it is a name.
    fn sentence_subject(&self, i: usize) -> Option<Found<'t>> {
        let (left, _) = self.windows(i);
        let window = self.window(left);
        let kept = drop_parens_in(self.text, &window);
        let np = main_subject(&self.cues.vocab, sentence_tail(&kept))?;
        let speaker = self.phrase(np)?;
        if !matches!(speaker, Speaker::Name { .. }) {
            return None;
        }
        Some(Found {
            speaker,
            cue: None,
            rule: "sentence-subject",
            confidence: 0.5,
        })
    }

    /// A name and a colon before the quote: `Bush: "…"`,
    /// `WALLACE: …`.
    fn colon(&self, left: &[Tok<'t>]) -> Option<Found<'t>> {
        let (last, body) = left.split_last()?;
        // `Trump issued a statement, "…"`: a comma after a word for what
        // was said works like a colon.
        let said_noun = body.last().is_some_and(|t| {
            matches!(
                t.text,
                "statement"
                    | "tweet"
                    | "post"
                    | "message"
                    | "email"
                    | "letter"
                    | "note"
                    | "remarks"
                    | "speech"
                    | "memo"
            )
        });
        let introduces = last.text == ":" || (last.text == "," && said_noun);
        if !introduces || body.is_empty() || body.len() > 16 {
            return None;
        }
        // `Bush:` or `Michael P. McDonald:`; or a short sentence whose
        // subject introduces the quote (`Kasich resisted:`).
        // A label after a dash (`HEADLINE - Michael P. McDonald:`).
        let body = body
            .iter()
            .rposition(|t| matches!(t.text, "-" | "—" | "–"))
            .map_or(body, |k| &body[k + 1..]);
        let speaker = if body.iter().all(|t| t.is_word() && t.is_cap()) {
            self.phrase(body)?
        } else if let Some(np) = main_subject(&self.cues.vocab, body) {
            self.phrase(np)?
        } else if body.len() <= 8 {
            // `Former secretary of state Hillary Rodham Clinton:`
            match self.phrase(body)? {
                s @ Speaker::Name { .. } => s,
                _ => return None,
            }
        } else {
            return None;
        };
        Some(Found { speaker, cue: None, rule: "colon", confidence: 0.7 })
    }

    /// A cue right after the quote: `"…," X said` or `"…," said X`.
    /// `ends_sentence` tells whether the quote ends its sentence.
    fn after(
        &self,
        right: &[Tok<'t>],
        ends_sentence: impl FnOnce() -> bool,
    ) -> Option<Found<'t>> {
        let start = right.first()?.start();
        let end = right.last()?.end();
        let hit = *self.hits_in(Span::new(start, end)).first()?;
        let pre = before_cue(right, hit.span);
        let pre = &pre[pre.iter().take_while(|t| !t.is_word()).count()..];
        let pre_words = pre.iter().filter(|t| t.is_word()).count();
        // A long phrase is a subject only as a name with an appositive
        // (`Melanne Verveer, who served as ... administration, told`).
        let opens_with_apposition = pre.len() > 3
            && pre[..4].iter().any(|t| t.text == ",")
            && pre.first().is_some_and(|t| t.is_cap());
        let too_long =
            pre_words > 12 && !(opens_with_apposition && pre_words <= 30);
        if too_long || (pre_words > 6 && ends_sentence()) {
            return self.late_inverted(right);
        }
        let post = after_cue(right, hit.span);
        match hit.kind {
            CueKind::Phrase(PhraseRole::Prep) => {
                if pre_words > 0 {
                    return None;
                }
                let np = clause(post);
                let speaker = self.phrase(np)?;
                Some(self.found(speaker, hit, "according-to", 0.85))
            }
            CueKind::Phrase(PhraseRole::Channel) => None,
            _ => {
                if pre_words == 0 {
                    let np = clause(post);
                    let speaker = match self.cue_phrase(np) {
                        Some(s @ Speaker::Name { .. }) => s,
                        // `exhorted Clinton's introducer, actress Jamie
                        // Lee Curtis`: the name in apposition.
                        Some(d @ Speaker::Description { .. }) => self
                            .named_apposition(&post[np.len()..])
                            .unwrap_or(d),
                        // `Clinton's introducer`: a possessive and a
                        // role, no speaker by itself.
                        None if np
                            .last()
                            .is_some_and(|t| t.is_word() && !t.is_cap()) =>
                        {
                            self.named_apposition(&post[np.len()..])?
                        }
                        other => other?,
                    };
                    return Some(self.found(
                        speaker,
                        hit,
                        "said-after-inverted",
                        0.9,
                    ));
                }
                let np = subject(&self.cues.vocab, self.text, pre);
                // `"…" for the EU, said Geert Wilders`: a phrase that
                // opens with a preposition is no subject.
                let np_is_subject = np.first().is_some_and(|t| {
                    !lower_is_listed(t.text, (OPENERS, &OPENER_KEYS))
                });
                let subject = np_is_subject.then(|| self.phrase(np)).flatten();
                if let Some(s @ Speaker::Name { .. }) = subject {
                    return Some(self.found(s, hit, "said-after", 0.9));
                }
                // `"…" for the EU, said Geert Wilders, founder of ...`
                if pre.last().is_some_and(|t| t.text == ",")
                    && let Some(s @ Speaker::Name { .. }) =
                        self.phrase(clause(post))
                {
                    return Some(self.found(
                        s,
                        hit,
                        "said-after-inverted",
                        0.85,
                    ));
                }
                Some(self.found(subject?, hit, "said-after", 0.9))
            }
        }
    }

    /// [`Doc::before`] over the last sentence before quote `i`, read
    /// with the quotations in it masked (see [`masked_tail`]).
    /// `left` is the window before the quote that [`Doc::find`] read,
    /// `left_window` its tokens and `left_toks` its last sentence
    /// without parentheses: when the context of the quote is that
    /// window and holds no quotation, that sentence is the one read.
    #[inline(never)]
    fn before_masked(
        &self,
        i: usize,
        left: Span,
        left_window: &[Tok<'t>],
        left_toks: &[Tok<'t>],
    ) -> Option<Found<'t>> {
        let q = &self.quotes[i];
        let start = context_start(self.text, self.para(q), q.outer.start);
        if start == left.start && self.masks_none(left_window, i).0 {
            return self.before(left_toks);
        }
        self.seek_from_paragraph(q.paragraph_index, start);
        let toks = self.window(Span::new(start, q.outer.start));
        let (none, at) = self.masks_none(&toks, i);
        if none {
            // No quotation to mask: the window's last sentence is read
            // in place.
            let kept = drop_parens_in(self.text, &toks);
            return self.before(sentence_tail(&kept));
        }
        let mut buf = self.mask_buf.take();
        let plain = self.ordered
            && toks.len() > PLAIN_TOKENS
            && !self
                .text
                .as_bytes()
                .get(start..q.outer.start)
                .is_none_or(may_drop);
        if plain {
            masked_tail_plain(self.quotes, &toks, at, &mut buf);
        } else {
            masked_tail(self.quotes, &toks, at, &mut buf);
        }
        let found = self.before(&buf);
        self.mask_buf.set(buf);
        found
    }

    /// Whether [`masked_tail`] keeps every token of `toks` (the
    /// tokens of a window), and the first quotation ending after the
    /// first token, where its walk along the quotations starts. None is
    /// dropped when that quotation starts at or after the last token and
    /// ends after its start (as the quote after the window does): the
    /// walk stays on it, and it holds no token. Quotes in text order,
    /// none overlapping the next, are sought from quote `near` (the
    /// quote after the window) as `partition_point` finds them.
    fn masks_none(&self, toks: &[Tok<'t>], near: usize) -> (bool, usize) {
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            return (true, 0);
        };
        let before = |q: &RawQuote| q.outer.end <= first.start();
        let i = if self.ordered {
            seek(self.quotes, near, before)
        } else {
            self.quotes.partition_point(before)
        };
        let none = self.quotes.get(i).is_none_or(|q| {
            q.outer.start >= last.start() && q.outer.end > last.start()
        });
        (none, i)
    }

    /// Whether the first forty bytes of quote `q` hold a colon, as
    /// the label of a transcript line ends with one (most quotes have
    /// none, and [`Doc::transcript`] is not asked for them): a short
    /// head is read byte by byte, as a search costs more to start than
    /// a few bytes cost to read.
    #[inline]
    fn head_colon(&self, q: &RawQuote) -> bool {
        let bytes = self.text.as_bytes();
        let end = q.span.end.min(q.span.start + 40);
        match bytes.get(q.span.start..end) {
            Some(head) if head.len() < 16 => head.contains(&b':'),
            Some(head) => memchr::memchr(b':', head).is_some(),
            None => false,
        }
    }

    /// A transcript line quoted whole: `"WALLACE: Do you really ..."`.
    fn transcript(&self, q: &RawQuote) -> Option<Found<'t>> {
        if !self.head_colon(q) {
            return None;
        }
        let quoted = &self.text[q.span.start..q.span.end];
        let head = quoted.get(..40.min(quoted.len()))?;
        let colon = memchr::memchr(b':', head.as_bytes())?;
        let label = &quoted[..colon];
        let upper = label.chars().any(char::is_uppercase)
            && label.chars().all(|c| {
                c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-')
            });
        if !upper || label.len() < 2 || label.split(' ').count() > 3 {
            return None;
        }
        let mention = Span::new(q.span.start, q.span.start + colon);
        Some(Found {
            speaker: Speaker::Name {
                name: SpeakerName::Written(Cow::Borrowed(label)),
                mention,
            },
            cue: None,
            rule: "transcript",
            confidence: 0.8,
        })
    }

    /// `"…" if she didn't win by more, said David Wasserman, an
    /// analyst.`: an inverted tag after a comma closes the sentence.
    fn late_inverted(&self, right: &[Tok<'t>]) -> Option<Found<'t>> {
        let start = right.first()?.start();
        let end = right.last()?.end();
        for hit in self.hits_in(Span::new(start, end)) {
            if hit.kind != CueKind::Verb {
                continue;
            }
            let k = right.iter().position(|t| t.start() >= hit.span.end)?;
            let comma_before = k >= 2
                && right[k - 2].text == ","
                && right[k - 1].span() == hit.span;
            if !comma_before {
                continue;
            }
            let np = clause(&right[k..]);
            if let Some(s @ Speaker::Name { .. }) = self.phrase(np) {
                return Some(self.found(s, *hit, "said-after-inverted", 0.8));
            }
        }
        None
    }

    /// A cue before the quote in its sentence: `X said: "…"`,
    /// `According to X, "…"`.
    fn before(&self, left: &[Tok<'t>]) -> Option<Found<'t>> {
        let start = left.first()?.start();
        let end = left.last()?.end();
        let hits = self.hits_in(Span::new(start, end));
        // `As Blumenthal spoke, the NRA was ... whipping lawmakers against
        // "…"`: a cue in an opening subordinate clause reports nothing
        // that follows the clause.
        let opening_clause_end = left
            .first()
            .filter(|t| {
                lower_is_listed(t.text, (SUBORDINATORS, &SUBORDINATOR_KEYS))
            })
            .and_then(|_| left.iter().find(|t| t.text == ","))
            .map(|t| t.start());
        let in_opening = |h: &Hit| {
            !matches!(h.kind, CueKind::Phrase(PhraseRole::Prep))
                && opening_clause_end.is_some_and(|e| h.span.start < e)
        };
        let strong = hits.iter().rev().filter(|h| !h.weak && !in_opening(h));
        let weak = hits.iter().rev().filter(|h| h.weak && !in_opening(h));
        for hit in strong.chain(weak) {
            let pre = before_cue(left, hit.span);
            let post = after_cue(left, hit.span);
            match hit.kind {
                CueKind::Phrase(PhraseRole::Prep) => {
                    let np = clause(post);
                    if let Some(s) = self.phrase(np) {
                        return Some(self.found(
                            s,
                            *hit,
                            "according-to",
                            0.85,
                        ));
                    }
                }
                CueKind::Phrase(PhraseRole::Channel) => {}
                _ => {
                    // `Sanders compared himself to Clinton, saying, "…"`:
                    // a participle after a comma has the sentence's
                    // subject.
                    let participle = hit.weak
                        && self.text[hit.span.start..hit.span.end]
                            .ends_with("ing");
                    // `with Trump reportedly yelling: "…"`: the participle's
                    // own subject.
                    let own = pre
                        .iter()
                        .rposition(|t| t.text == "with")
                        .map(|k| &pre[k + 1..])
                        .filter(|np| {
                            np.len() <= 5 && np.iter().all(|t| t.is_word())
                        })
                        .and_then(|np| {
                            self.phrase(subject(
                                &self.cues.vocab,
                                self.text,
                                np,
                            ))
                        });
                    if participle && let Some(s @ Speaker::Name { .. }) = own {
                        return Some(self.found(s, *hit, "said-before", 0.7));
                    }
                    if participle {
                        if let Some(s) = main_subject(&self.cues.vocab, pre)
                            .and_then(|np| self.phrase(np))
                        {
                            return Some(self.found(
                                s,
                                *hit,
                                "said-before",
                                0.7,
                            ));
                        }
                        if pre.last().is_some_and(|t| t.text == ",") {
                            continue;
                        }
                    }
                    let np = subject(&self.cues.vocab, self.text, pre);
                    if let Some(s) = self.phrase(np) {
                        return Some(self.found(s, *hit, "said-before", 0.85));
                    }
                    // `Wilson praised Rubio and said the senator can "…"`.
                    if let Some(s) = main_subject(&self.cues.vocab, pre)
                        .and_then(|np| self.phrase(np))
                    {
                        return Some(self.found(s, *hit, "said-before", 0.7));
                    }
                    // `said Trump: "…"`, `said she, "…"`
                    let np = clause(post);
                    let rest_is_punct = post[np.len()..]
                        .iter()
                        .all(|t| !t.is_word())
                        && np.len() <= 8
                        && !np.iter().any(|t| AUXILIARIES.contains(&t.text));
                    if rest_is_punct && let Some(s) = self.cue_phrase(np) {
                        return Some(self.found(s, *hit, "said-before", 0.8));
                    }
                }
            }
        }
        None
    }

    /// The nearest earlier quote in quote `i`'s paragraph or the one
    /// before, with its answer, for [`Doc::previous`]. Terms (`on ABC's
    /// "This Week"`) are skipped, up to sixteen quotes back (quote `i`
    /// is the one being read: the last quote that is no term is one
    /// before it).
    fn previous_quote<'e>(
        &self,
        i: usize,
        earlier: &'e Answers<'t>,
    ) -> Option<(usize, &'e Found<'t>)> {
        let q = &self.quotes[i];
        let j =
            self.last_said.filter(|&j| j < i && i <= j + 16).filter(|&j| {
                self.quotes[j].paragraph_index + 1 >= q.paragraph_index
            })?;
        Some((j, earlier.get(j)?))
    }

    /// Quote `i` in the sentence of the quote before it, `prev` its
    /// answer: the same speaker, by the `same-sentence` rule.
    fn same_sentence(prev: &Found<'t>) -> Found<'t> {
        let mut f = prev.clone();
        f.rule = "same-sentence";
        f.confidence = prev.confidence * 0.9;
        f
    }

    /// For a quote with no cue of its own: the attribution just before
    /// it, either an earlier quote's or a cue in the sentence before
    /// (`left_toks` is the window of the text before it, as
    /// [`Doc::find`] read it).
    fn previous(
        &self,
        i: usize,
        earlier: &Answers<'t>,
        left_toks: &[Tok<'t>],
    ) -> Option<Found<'t>> {
        let from_quote = self
            .previous_quote(i, earlier)
            .map(|(j, f)| (self.quotes[j].outer.end, f.clone()));
        // The last sentence before the quote, in this paragraph or, for a
        // quote opening its paragraph, the previous one.
        let from_cue = self.previous_sentence(
            i,
            left_toks,
            from_quote.as_ref().and_then(|(_, f)| f.cue),
        );
        let from_earlier_quote = match (&from_quote, &from_cue) {
            // The previous quote's own tag is no new cue.
            (Some(a), Some(b)) if a.1.cue == b.1.cue => true,
            (Some(a), Some(b)) => a.0 >= b.0,
            (a, _) => a.is_some(),
        };
        let pick = match (from_quote, from_cue) {
            (Some(a), Some(b)) if a.1.cue == b.1.cue => Some(a),
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
        let (_, mut f) = pick?;
        if from_earlier_quote {
            let other = self.answer(i, earlier).or_else(|| {
                if self.dialogue {
                    self.dialogue_turn(i, earlier)
                } else {
                    None
                }
            });
            if let Some(other) = other {
                return Some(other);
            }
            // `'Nonsense, Fergus!'` after Fergus spoke: someone else.
            if self
                .speaker_name_ref(&f)
                .is_some_and(|name| self.vocative(i, |v| v == name).is_some())
            {
                return None;
            }
            f.rule = "continues-previous";
            f.confidence = 0.6;
        }
        Some(f)
    }

    /// In dialogue (many turns with no cue at all), turns alternate: an
    /// untagged turn is the speaker's of the turn two paragraphs up.
    fn dialogue_turn(
        &self,
        i: usize,
        earlier: &Answers<'t>,
    ) -> Option<Found<'t>> {
        let p = self.quotes[i].paragraph_index;
        if p < 2 || !self.is_turn(i) {
            return None;
        }
        let first_of = |pi: usize| {
            let k = (0..i)
                .rev()
                .find(|&k| self.quotes[k].paragraph_index <= pi)?;
            let k = (0..=k)
                .rev()
                .take_while(|&j| self.quotes[j].paragraph_index == pi)
                .last()?;
            self.is_turn(k).then_some(k)
        };
        let a = first_of(p - 1)?;
        let b = first_of(p - 2).and_then(|k| earlier.get(k).cloned());
        // Without the turn before last, the other party is the latest
        // named speaker who is not the last turn's.
        let mut f = b.or_else(|| {
            let last =
                earlier.get(a).and_then(|f| self.speaker_name_ref(f))?;
            (0..a)
                .rev()
                .take(12)
                .filter_map(|k| earlier.get(k))
                .find(|f| self.speaker_name_ref(f).is_some_and(|n| n != last))
                .cloned()
        })?;
        f.rule = "turn-taking";
        f.confidence = 0.5;
        Some(f)
    }

    /// An untagged turn that answers a turn calling someone by name
    /// (`"Would it be Trafalgar, Katharine?" her mother demanded.` /
    /// `"Trafalgar, mother."`) is spoken by the one called.
    fn answer(&self, i: usize, earlier: &Answers<'t>) -> Option<Found<'t>> {
        let p = self.quotes[i].paragraph_index;
        if p == 0 || !self.is_turn(i) {
            return None;
        }
        let (first, last) = self.previous_paragraph_quotes(i)?;
        let speaker = earlier.get(last).and_then(|f| self.speaker_name_ref(f));
        let called = (first..=last)
            .filter(|&k| !self.is_term[k])
            .find_map(|k| self.vocative(k, |name| speaker != Some(name)))?;
        let mention = self.quotes[i].outer;
        Some(Found {
            speaker: Speaker::Name {
                name: called,
                mention: Span::new(mention.start, mention.start),
            },
            cue: None,
            rule: "answers-vocative",
            confidence: 0.6,
        })
    }

    /// The first name quote `k` calls out to (`"I do not, Harry."`), in
    /// its fullest form, of those for which `wanted` holds.
    fn vocative(
        &self,
        k: usize,
        wanted: impl Fn(&str) -> bool,
    ) -> Option<SpeakerName<'t>> {
        // The rules ask about a quote and its neighbours again and
        // again: a quote known to call no one is not read again.
        if self.vocatives.borrow().get(k) == Some(&1) {
            return None;
        }
        // Most quotes are told by their bytes to call no one: no run is
        // placed as one called out to (a run placed so below has the
        // tokens on each side that `Doc::called_out` asks for, and
        // `calls_out_to_no_one` tells quotes with no such run; the one
        // capital of a quote that `calls_no_one` tells is told first).
        if self.calls_no_one(k)
            || self.calls_out_to_no_one(self.quotes[k].span)
        {
            self.set_vocative(k, 1);
            return None;
        }
        let toks = self.window(self.quotes[k].span);
        // Whether a run is placed as a name called out to: whether the
        // answer may depend on who is a speaker and who is wanted.
        let mut placed = false;
        let found = name_runs(&self.cues.vocab, &toks)
            .filter(|run| {
                let before = run.0.checked_sub(1).map(|k| toks[k].text);
                let after = toks.get(run.1).map(|t| t.text);
                // A quote that is only a name (`"Frequently."`) calls
                // no one,
                // nor does one that opens with a name asked about
                // (`"Dorian Gray?  Is that his name?"`).
                let alone = before.is_none()
                    && (after == Some("?")
                        || toks[run.1..].iter().all(|t| !t.is_word()));
                !alone
                    && matches!(
                        before,
                        None | Some("," | "dear" | "Dear" | "my" | "My")
                    )
                    && matches!(
                        after,
                        None | Some("," | "." | "!" | "?" | ";")
                    )
            })
            .inspect(|_| placed = true)
            .filter_map(|run| {
                let name = run_name(self.text, &toks, run);
                let name = self.fullest_ref(&SpeakerName::Written(name));
                // Someone the text names as a person: a speaker, or a
                // name with a known gender (or one the narration uses).
                let person = self.is_speaker(&name)
                    || match name {
                        SpeakerName::Known(id) => {
                            self.genders[id].is_some() || self.narrated[id]
                        }
                        // No name of the article: no gender either.
                        SpeakerName::Written(_) => false,
                    };
                let wanted = person && wanted(self.name_text(&name));
                wanted.then_some(name)
            })
            .next();
        self.set_vocative(k, if placed { 2 } else { 1 });
        found
    }

    /// Notes what [`Doc::vocative`] read of quote `k`: 1 when no run
    /// is placed as a name called out to, 2 when one is.
    fn set_vocative(&self, k: usize, v: u8) {
        let mut vocatives = self.vocatives.borrow_mut();
        if vocatives.len() != self.quotes.len() {
            vocatives.resize(self.quotes.len(), 0);
        }
        if let Some(slot) = vocatives.get_mut(k) {
            *slot = v;
        }
    }

    /// [`calls_out_to_no_one`] of the quoted words at `span`.
    fn calls_out_to_no_one(&self, span: Span) -> bool {
        self.text
            .as_bytes()
            .get(span.start..span.end)
            .is_some_and(calls_out_to_no_one)
    }

    /// Whether quote `k` is told by its bytes to hold no name run placed
    /// as one called out to (see [`Doc::vocative`]): it is ASCII, with
    /// one capital, its first byte, which starts a word of letters that
    /// a space and a lowercase letter follow (no suffix's first letter,
    /// `i`, `j` or `s`). Then a run can start only at that word (a run
    /// starts at a capitalised word), it ends there (no word after it is
    /// capitalised, a particle before a capitalised word, or a suffix),
    /// and a word follows it, which no name called out to has.
    fn calls_no_one(&self, k: usize) -> bool {
        let q = &self.quotes[k];
        let Some(bytes) = self.text.as_bytes().get(q.span.start..q.span.end)
        else {
            return false;
        };
        let Some((&first, rest)) = bytes.split_first() else {
            return false;
        };
        if !first.is_ascii_uppercase() {
            return false;
        }
        let letters = rest.iter().take_while(|b| b.is_ascii_alphabetic());
        let word = letters.count();
        rest.get(word) == Some(&b' ')
            && rest.get(word + 1).is_some_and(|&b| {
                b.is_ascii_lowercase() && !matches!(b, b'i' | b'j' | b's')
            })
            && ascii_without_capitals(rest)
    }

    /// Untagged turns of an exchange take the speaker of the tagged
    /// turns of the same parity. An exchange is a run of paragraphs that
    /// each open with a quote; when the turns tagged by name at even
    /// places are all one speaker's and those at odd places all
    /// another's, the two alternate, and a turn with no cue of its own
    /// is the one whose turn it is (the anchors on both sides of it
    /// count, not only the turn before last).
    fn settle_exchanges(
        &self,
        found: &mut Answers<'t>,
        turns: &mut Vec<(usize, usize)>,
    ) {
        // The first quote of each paragraph that opens with one (in
        // `turns`, a vector of `Scratch`).
        turns.clear();
        turns.reserve(self.quotes.len().min(self.paras.len()));
        for (k, q) in self.quotes.iter().enumerate() {
            let first = || {
                k == 0
                    || self.quotes[k - 1].paragraph_index != q.paragraph_index
            };
            // Most quotes open no paragraph: that is told first.
            if self.is_turn(k) && !self.is_term[k] && first() {
                turns.push((q.paragraph_index, k));
            }
        }
        let mut start = 0;
        while start < turns.len() {
            let mut end = start + 1;
            while end < turns.len() && turns[end].0 == turns[end - 1].0 + 1 {
                end += 1;
            }
            if end - start >= 3 {
                self.settle_block(&turns[start..end], found);
            }
            start = end;
        }
    }

    fn settle_block(&self, block: &[(usize, usize)], found: &mut Answers<'t>) {
        // Who speaks at each parity, by the turns tagged with a name.
        let mut sides: [Option<(SpeakerName<'t>, usize)>; 2] = [None, None];
        for (n, &(_, k)) in block.iter().enumerate() {
            let Some(id) = found.get(k).and_then(|f| self.anchor(f)) else {
                continue;
            };
            match &sides[n % 2] {
                None => sides[n % 2] = Some((id, k)),
                Some((other, _))
                    if self.name_text(other) == self.name_text(&id) => {}
                // Two speakers at one parity: not a two-party exchange.
                Some(_) => return,
            }
        }
        if let [Some((a, _)), Some((b, _))] = &sides
            && self.name_text(a) == self.name_text(b)
        {
            // One voice over several paragraphs (news): nothing to do.
            return;
        }
        for (n, &(p, k)) in block.iter().enumerate() {
            let Some((_, anchor)) = &sides[n % 2] else { continue };
            let untagged =
                found.get(k).is_none_or(|f| UNTAGGED_RULES.contains(&f.rule));
            let Some(mut f) = found.get(*anchor).cloned() else { continue };
            // A `he said` turn names whoever's turn it is, when that
            // speaker may be a `he`.
            if !untagged
                && let Some(own) = found.get_mut(k)
                && let Some(gender) = self.pronoun_gender(own)
                && let Some(name) = self.speaker_name(&f)
                && self.name_gender(&name).is_none_or(|g| g == gender)
            {
                let mention = own.speaker.mention();
                own.speaker = Speaker::Name { name, mention };
                f = own.clone();
            } else if !untagged {
                continue;
            } else {
                f.rule = "turn-taking";
                f.confidence = 0.55;
            }
            // The rest of the paragraph's quotes that followed this one.
            let mut j = k + 1;
            while j < self.quotes.len()
                && self.quotes[j].paragraph_index == p
                && found
                    .get(j)
                    .is_some_and(|g| UNTAGGED_RULES.contains(&g.rule))
            {
                found.set(j, f.clone());
                j += 1;
            }
            found.set(k, f);
        }
    }

    /// The speaker a turn's own tag names (`said Holmes`, `I said`), as
    /// a name whose text tells turns apart (`I` for `I`); `None` for a
    /// pronoun or no tag.
    fn anchor(&self, f: &Found<'t>) -> Option<SpeakerName<'t>> {
        if !OWN_RULES.contains(&f.rule) {
            return None;
        }
        let mention =
            &self.text[f.speaker.mention().start..f.speaker.mention().end];
        match &f.speaker {
            Speaker::Name { name, .. } if self.pronoun_gender(f).is_none() => {
                Some(self.fullest_ref(name))
            }
            Speaker::Description { .. } if mention == "I" => {
                Some(SpeakerName::Written(Cow::Borrowed("I")))
            }
            _ => None,
        }
    }

    /// The gender of the `he` or `she` a speaker was read from.
    fn pronoun_gender(&self, f: &Found<'t>) -> Option<Gender> {
        let m = f.speaker.mention();
        match &self.text[m.start..m.end] {
            "he" | "He" => Some(Gender::Male),
            "she" | "She" => Some(Gender::Female),
            _ => None,
        }
    }

    /// Whether quote `k` opens its paragraph.
    fn is_turn(&self, k: usize) -> bool {
        let q = &self.quotes[k];
        q.outer.start == self.para(q).start
    }

    /// The name of a first-person narrator: the name others most often
    /// call out to in their quotes (`"I think, Watson, that ..."`), in a
    /// text where `I` speaks.
    fn narrator(&self, found: &Answers<'t>) -> Option<String> {
        let is_i = |f: &Found<'t>| {
            matches!(f.speaker, Speaker::Description { mention }
                if &self.text[mention.start..mention.end] == "I")
        };
        if found.iter().flatten().filter(|f| is_i(f)).count() < 2 {
            return None;
        }
        let mut counts: WordMap<String, usize> = WordMap::default();
        for (q, f) in self.quotes.iter().zip(found.iter()) {
            // A quote told by its bytes to call no one (see
            // `calls_out_to_no_one`) has no name run with a mark or
            // nothing on each side, and its tokens are not made: on the
            // one-paragraph news benchmark (1 MiB), making those of each
            // quote here, out of the stretch read before, was 4.5% of
            // the instructions. `calls_no_one` (one capital, the first
            // byte) told 1,188 of its 4,267 quotes; this tells nearly
            // all but those that open with a name: 116.5 instructions a
            // byte on it before, 112.3 after.
            if !f.is_some_and(is_i) && self.calls_out_to_no_one(q.span) {
                continue;
            }
            let toks = self.window(q.span);
            let speaker = match f {
                Some(f) if is_i(f) => {
                    // `I` telling a name (`"Pip, sir."`, `"My name is
                    // Pip."`) tells the narrator's.
                    if let Some(name) = self.self_named(&toks) {
                        *counts.entry(name).or_default() += 1;
                    }
                    continue;
                }
                Some(f) => self.speaker_name_ref(f),
                None => None,
            };
            for run in name_runs(&self.cues.vocab, &toks) {
                if !Self::called_out(&toks, run) {
                    continue;
                }
                let name = self.fullest_run(&toks, run);
                if speaker != Some(name.as_str()) {
                    *counts.entry(name).or_default() += 1;
                }
            }
        }
        let (name, n) = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
        (n >= 2).then_some(name)
    }

    /// Whether name run `run` of a quote's tokens `toks` is placed as a
    /// name called out to, as [`Doc::narrator`] reads it: nothing, a
    /// comma, `dear` or `my` before it, and nothing or a mark after it.
    fn called_out(toks: &[Tok<'_>], run: (usize, usize)) -> bool {
        let before = run.0.checked_sub(1).map(|k| toks[k].text);
        let after = toks.get(run.1).map(|t| t.text);
        matches!(before, None | Some("," | "dear" | "Dear" | "my" | "My"))
            && matches!(after, None | Some("," | "." | "!" | "?" | ";"))
    }

    /// The name a speaker gives as their own in a quote: the whole
    /// quote is a name (with `sir` or the like), or it opens with `My
    /// name is` or `I am` and a name.
    fn self_named(&self, toks: &[Tok<'t>]) -> Option<String> {
        let words: Vec<&Tok<'_>> =
            toks.iter().filter(|t| t.is_word()).collect();
        let lead = match words.as_slice() {
            [my, name, is, ..]
                if my.text == "My"
                    && name.text == "name"
                    && is.text == "is" =>
            {
                3
            }
            [i, am, ..] if i.text == "I" && am.text == "am" => 2,
            _ => 0,
        };
        let rest: Vec<Tok<'_>> = toks
            .iter()
            .copied()
            .skip_while(|t| lead > 0 && t.start() < words[lead].start())
            .collect();
        let run = name_runs(&self.cues.vocab, &rest).next()?;
        if run.0 != 0 {
            return None;
        }
        let name = run_text(&rest, run);
        let only = rest[run.1..].iter().filter(|t| t.is_word()).all(|t| {
            name.split(' ').any(|w| w == t.text)
                || matches!(
                    t.text,
                    "sir" | "Sir" | "ma'am" | "madam" | "miss" | "Miss"
                )
        });
        (lead > 0 || only).then(|| self.names.fullest(&name).to_owned())
    }

    /// The fullest form of the name `f` gives its speaker, if any (see
    /// [`Doc::fullest_ref`]).
    fn speaker_name(&self, f: &Found<'t>) -> Option<SpeakerName<'t>> {
        match &f.speaker {
            Speaker::Name { name, .. } => Some(self.fullest_ref(name)),
            _ => None,
        }
    }

    /// The fullest form of the name `f` gives its speaker, if any.
    fn speaker_name_ref<'a>(&'a self, f: &'a Found<'t>) -> Option<&'a str> {
        match &f.speaker {
            Speaker::Name { name, .. } => Some(self.fullest_text(name)),
            _ => None,
        }
    }

    /// The text a speaker's name stands for.
    fn name_text<'a>(&'a self, name: &'a SpeakerName<'t>) -> &'a str {
        match name {
            SpeakerName::Written(s) => s,
            SpeakerName::Known(id) => self.names.text(*id),
        }
    }

    /// The fullest form of a speaker's name in the article, as
    /// [`Names::fullest`] gives it for the name's text.
    fn fullest_text<'a>(&'a self, name: &'a SpeakerName<'t>) -> &'a str {
        match name {
            SpeakerName::Written(s) => self.names.fullest(s),
            // The text of name `id` is the name `id`.
            SpeakerName::Known(id) => self.names.fullest_of(*id),
        }
    }

    /// [`Doc::fullest_text`] as a speaker's name: by id when it is a
    /// name of `names` (as it is unless the name, written as no name of
    /// the article is, has no fuller form).
    fn fullest_ref(&self, name: &SpeakerName<'t>) -> SpeakerName<'t> {
        let written = match name {
            SpeakerName::Known(id) => {
                return SpeakerName::Known(self.names.fullest_id(*id));
            }
            SpeakerName::Written(s) => s,
        };
        if let Some(id) = self.names.id(written) {
            return SpeakerName::Known(self.names.fullest_id(id));
        }
        let full = self.names.fullest(written);
        if full == written {
            return name.clone();
        }
        match self.names.id(full) {
            Some(id) => SpeakerName::Known(id),
            None => SpeakerName::Written(Cow::Owned(full.to_owned())),
        }
    }

    /// The gender of a speaker's name (of its text), when it is known.
    fn name_gender(&self, name: &SpeakerName<'t>) -> Option<Gender> {
        match name {
            SpeakerName::Written(s) => self.gender(s),
            SpeakerName::Known(id) => self.genders[*id],
        }
    }

    /// Whether a speaker's name (its text) is among `speakers`.
    fn is_speaker(&self, name: &SpeakerName<'t>) -> bool {
        let id = match name {
            SpeakerName::Known(id) => Some(*id),
            SpeakerName::Written(s) => self.names.id(s),
        };
        match (id, name) {
            (Some(id), _) => self.speaker_ids.get(id).is_some_and(|&b| b),
            (None, SpeakerName::Written(s)) => self.speakers.contains(&**s),
            (None, SpeakerName::Known(_)) => false,
        }
    }

    /// Adds a speaker's name (its text) to `speakers`.
    fn add_speaker(&mut self, name: SpeakerName<'t>) {
        let id = match &name {
            SpeakerName::Known(id) => Some(*id),
            SpeakerName::Written(s) => self.names.id(s),
        };
        match (id, name) {
            (Some(id), _) => {
                if self.speaker_ids.len() <= id {
                    self.speaker_ids
                        .resize(self.names.len().max(id + 1), false);
                }
                self.speaker_ids[id] = true;
            }
            (None, SpeakerName::Written(s)) => {
                if !self.speakers.contains(&*s) {
                    self.speakers.insert(s.into_owned());
                }
            }
            (None, SpeakerName::Known(_)) => {}
        }
    }

    /// The fullest form of the name of run `run` of `toks` (tokens of
    /// the text).
    fn fullest_run(&self, toks: &[Tok<'t>], run: (usize, usize)) -> String {
        self.names.fullest(&run_name(self.text, toks, run)).to_owned()
    }

    /// The gender of the name written `name`, when it is known.
    fn gender(&self, name: &str) -> Option<Gender> {
        self.names.id(name).and_then(|id| self.genders[id])
    }

    /// The cue of the last sentence before quote `i`, and where it
    /// ends; `left_toks` is the window of the text before the quote in
    /// its paragraph (see [`Doc::windows`]), as the caller read it.
    ///
    /// `known` is the cue of the earlier quote's answer that
    /// [`Doc::previous`] weighs this one against: an answer with that
    /// cue counts there as none, so when every cue of the sentence is
    /// that one (`"…," said Holmes.` before an untagged turn), the
    /// sentence is not read and `None` is given.
    fn previous_sentence(
        &self,
        i: usize,
        left_toks: &[Tok<'t>],
        known: Option<Span>,
    ) -> Option<(usize, Found<'t>)> {
        let q = &self.quotes[i];
        let para_toks;
        let toks: &[Tok<'t>] = if left_toks.iter().all(|t| !t.is_word()) {
            // The quote opens its paragraph (or follows another quote):
            // look at the text before it up to the previous paragraph.
            let prev_para = if i > 0
                && self.quotes[i - 1].paragraph_index == q.paragraph_index
            {
                return None;
            } else {
                *self.paras.get(q.paragraph_index.checked_sub(1)?)?
            };
            let p = q.paragraph_index - 1;
            let window = Span::new(prev_para.start, prev_para.end);
            // A previous paragraph that ends with a quote is the earlier
            // quote's business.
            let last = trim_end(&self.text[window.start..window.end]);
            if last.ends_with(['"', '”', '’', '»']) {
                return None;
            }
            // The cue is read from the last sentence of the paragraph:
            // a paragraph with no cue has none to give, and its tokens
            // are not read.
            if self.hits_in(window).is_empty() {
                return None;
            }
            para_toks = self.paragraph_window(p, window);
            &para_toks
        } else {
            left_toks
        };
        // The last sentence of the window.
        let tail = sentence_tail(strip_trailing_stop(toks));
        let start = tail.first()?.start();
        let end = tail.last()?.end();
        let hits = self.hits_in(Span::new(start, end));
        let hit = *hits.first()?;
        // Every answer read from here has the cue of a hit of the
        // sentence (`Doc::before` reads the same hits).
        if known.is_some() && hits.iter().all(|h| Some(h.span) == known) {
            return None;
        }
        if !matches!(
            hit.kind,
            CueKind::Verb | CueKind::Phrase(PhraseRole::Verb)
        ) {
            return None;
        }
        let pre = before_cue(tail, hit.span);
        let np = subject(&self.cues.vocab, self.text, pre);
        let post = after_cue(tail, hit.span);
        let found = match self.phrase(np) {
            Some(s) => Some(self.found(s, hit, "cue-previous-sentence", 0.7)),
            // `Said she:`
            None => self
                .phrase(clause(post))
                .map(|s| self.found(s, hit, "cue-previous-sentence", 0.7)),
        };
        // `Mrs. Hilbery joined in, remarking:`: read the sentence as the
        // words before a quote.
        let mut found = found.or_else(|| self.before(tail))?;
        found.rule = "cue-previous-sentence";
        found.confidence = found.confidence.min(0.7);
        Some((hit.span.end, found))
    }

    /// Reads a speaker phrase, leaving out of a name the words that this
    /// text also writes in lowercase (`Left`, `Hastily`, `Preys` at the
    /// start of a sentence are no names). A short phrase written as one
    /// of the last few read is answered as that one (see [`PhraseMemo`]).
    fn phrase(&self, np: &[Tok<'t>]) -> Option<Speaker<'t>> {
        let (Some(first), Some(last)) = (np.first(), np.last()) else {
            return self.read_phrase(np);
        };
        let (base, end) = (first.start(), last.end());
        let (Some(shape), Some(words)) =
            (PhraseMemo::shape(np, base, end), self.text.get(base..end))
        else {
            return self.read_phrase(np);
        };
        if let Some(answer) =
            self.phrases.borrow().get(np, &shape, base, words)
        {
            return answer;
        }
        let speaker = self.read_phrase(np);
        self.phrases.borrow_mut().put(np, shape, base, words, speaker.clone());
        speaker
    }

    /// [`Doc::phrase`] read from the tokens (see there).
    fn read_phrase(&self, np: &[Tok<'t>]) -> Option<Speaker<'t>> {
        let (speaker, first) =
            read_phrase_first(&self.cues.vocab, self.text, np, true)?;
        let Speaker::Name { name: SpeakerName::Written(name), mention } =
            speaker
        else {
            return Some(speaker);
        };
        // Most names start with a word never written in lowercase: kept
        // whole, told by the first word as read (with no search for the
        // space after it).
        if !self.lower.contains_any_case(first) {
            let name = SpeakerName::Written(name);
            return Some(Speaker::Name { name, mention });
        }
        // The bytes of `name` before the first word kept: the words
        // skipped, each with the space after it (the words of a name are
        // short: a plain loop finds the space).
        let bytes = name.as_bytes();
        let mut skipped = 0;
        loop {
            let end = bytes[skipped..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(bytes.len(), |k| skipped + k);
            let word = &name[skipped..end];
            if !self.lower.contains_any_case(word) {
                break;
            }
            if end == bytes.len() {
                // No word kept.
                return None;
            }
            skipped = end + 1;
        }
        if skipped == 0 {
            let name = SpeakerName::Written(name);
            return Some(Speaker::Name { name, mention });
        }
        // The words kept, still joined by single spaces.
        let name = match name {
            Cow::Borrowed(s) => Cow::Borrowed(&s[skipped..]),
            Cow::Owned(s) => Cow::Owned(s[skipped..].to_owned()),
        };
        // Words stand a byte apart in `name` but may be further apart
        // in the text (a no-break space is two bytes): the start must
        // stay on a char boundary.
        let mut start = (mention.start + skipped).min(mention.end);
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        let name = SpeakerName::Written(name);
        Some(Speaker::Name { name, mention: Span::new(start, mention.end) })
    }

    /// [`Doc::phrase`] for the phrase right after a cue verb (`said
    /// Holmes`), which the rules of a quote and of the next often read
    /// both (`"…," said Holmes, "…"`: after the first quote, and before
    /// the second): the answer for the same tokens as the last such
    /// phrase's is that one's. The tokens of a phrase are tokens of the
    /// text, each told by its span.
    /// Only a phrase of at most `PHRASE_KEPT` tokens is kept.
    fn cue_phrase(&self, np: &[Tok<'t>]) -> Option<Speaker<'t>> {
        if np.len() > PHRASE_KEPT {
            return self.phrase(np);
        }
        {
            let last = self.last_phrase.borrow();
            if last.0 == np.len()
                && last.1.iter().zip(np).all(|(s, t)| *s == t.span())
            {
                return last.2.clone();
            }
        }
        let speaker = self.phrase(np);
        let mut last = self.last_phrase.borrow_mut();
        last.0 = np.len();
        for (s, t) in last.1.iter_mut().zip(np) {
            *s = t.span();
        }
        last.2.clone_from(&speaker);
        speaker
    }

    fn found(
        &self,
        speaker: Speaker<'t>,
        hit: Hit,
        rule: &'static str,
        confidence: f32,
    ) -> Found<'t> {
        Found { speaker, cue: Some(hit.span), rule, confidence }
    }

    /// A pronoun right after a quote by a named person of a compatible
    /// gender, in the same or the next paragraph, is that person (`"…,"
    /// Bateman says. ... but he feels that "…"`).
    fn resolve_to_last_speaker(
        &self,
        i: usize,
        f: &mut Found<'t>,
        earlier: &Answers<'t>,
    ) {
        let Speaker::Pronoun { gender, mention } = f.speaker else { return };
        if i == 0 || !matches!(gender, Gender::Male | Gender::Female) {
            return;
        }
        let prev = &self.quotes[i - 1];
        if prev.paragraph_index + 1 < self.quotes[i].paragraph_index {
            return;
        }
        let Some(name) = earlier.get(i - 1).and_then(|e| self.speaker_name(e))
        else {
            return;
        };
        if self.name_gender(&name).is_some_and(|g| g != gender) {
            return;
        }
        // `Lord Henry laughed. "And what is that?" he asked.`: a subject
        // of this gender named since the last quote is the one meant.
        let a = self.mentions.partition_point(|m| m.0 < prev.outer.end);
        let b = self.mentions.partition_point(|m| m.0 < mention.start);
        let named_since = self.mentions[a.min(b)..b].iter().any(|m| {
            m.2 && !m.3
                && self.genders[self.names.fullest_id(m.1)] == Some(gender)
        });
        if named_since {
            return;
        }
        f.speaker = Speaker::Name { name, mention };
        f.confidence *= 0.8;
    }

    /// A description by a title (`said the parson`, `the doctor
    /// asked`) is the person last named with that title before it
    /// (`Parson Tringham`, `Dr. Howard Archie`).
    fn resolve_title(&self, f: &mut Found<'t>) {
        let Speaker::Description { mention } = f.speaker else { return };
        let mut words =
            self.text[mention.start..mention.end].split_whitespace();
        if !matches!(words.next(), Some("the" | "The")) {
            return;
        }
        let Some(title) =
            words.take(3).find(|w| self.cues.vocab.is_title(w)).map(title_key)
        else {
            return;
        };
        let upto = self.entitled.partition_point(|e| e.0 < mention.start);
        let Some(&(_, _, name)) =
            self.entitled[..upto].iter().rev().find(|e| e.1 == title)
        else {
            return;
        };
        let name = SpeakerName::Known(self.names.fullest_id(name));
        f.speaker = Speaker::Name { name, mention };
        f.confidence *= 0.8;
    }

    /// A pronoun tag on a turn that answers a turn calling someone of
    /// that gender by name is the one called (`"Have a troche,
    /// Kronborg," he said.` / `"Ah, thank you," he said.`).
    fn resolve_to_addressee(
        &self,
        i: usize,
        f: &mut Found<'t>,
        earlier: &Answers<'t>,
    ) {
        let Speaker::Pronoun { gender, mention } = f.speaker else { return };
        if !matches!(gender, Gender::Male | Gender::Female) {
            return;
        }
        let Some(called) = self.answer(i, earlier) else { return };
        let Speaker::Name { name, .. } = called.speaker else { return };
        if self.name_gender(&name) != Some(gender) {
            return;
        }
        f.speaker = Speaker::Name { name, mention };
        f.confidence *= 0.8;
    }

    /// In dialogue, the speaker of the turn just before a turn: a
    /// pronoun tag on this turn names the other party.
    fn previous_turn_speaker(
        &self,
        i: usize,
        earlier: &Answers<'t>,
    ) -> Option<SpeakerName<'t>> {
        if !self.dialogue || i == 0 || !self.is_turn(i) {
            return None;
        }
        let (first, last) = self.previous_paragraph_quotes(i)?;
        if !self.is_turn(first) {
            return None;
        }
        earlier.get(last).and_then(|f| self.speaker_name(f))
    }

    /// The first and the last quote of the paragraph just before quote
    /// `i`'s, when that paragraph has quotes.
    fn previous_paragraph_quotes(&self, i: usize) -> Option<(usize, usize)> {
        let p = self.quotes[i].paragraph_index;
        let last =
            (0..i).rev().find(|&k| self.quotes[k].paragraph_index < p)?;
        if self.quotes[last].paragraph_index + 1 != p {
            return None;
        }
        let first = (0..=last)
            .rev()
            .take_while(|&k| self.quotes[k].paragraph_index + 1 == p)
            .last()?;
        Some((first, last))
    }

    /// Replaces a pronoun with the nearest earlier name of a compatible
    /// gender, when there is one (never `exclude`, the other party of a
    /// dialogue).
    fn resolve_pronoun(
        &mut self,
        f: &mut Found<'t>,
        exclude: Option<&SpeakerName<'t>>,
    ) {
        let Speaker::Pronoun { gender, mention } = f.speaker else { return };
        if !matches!(gender, Gender::Male | Gender::Female) {
            return;
        }
        let upto = self.mentions.partition_point(|m| m.0 < mention.start);
        // The current quotation's own vocatives name its addressee, not
        // its speaker.
        let here = {
            let k = self
                .quotes
                .partition_point(|q| self.para(q).end < mention.start);
            self.quotes
                .get(k)
                .map(|q| self.para(q))
                .filter(|para| para.start <= mention.start)
        };
        // Whether a name, by the id of its fullest form, is `exclude`
        // (whose text is no name of the article unless it is known).
        let excluded = |full: NameId| match exclude {
            None => false,
            Some(SpeakerName::Known(id)) => *id == full,
            Some(SpeakerName::Written(s)) => **s == *self.names.text(full),
        };
        // The last sixteen mentions, but for the current quotation's
        // vocatives, less `exclude`: read in place, twice.
        let candidates = || {
            self.mentions[..upto]
                .iter()
                .rev()
                .filter(|m| {
                    !(m.2
                        && here.is_some_and(|p| p.start <= m.0 && m.0 < p.end)
                        && m.3)
                })
                .take(16)
                .filter(|m| !excluded(self.names.fullest_id(m.1)))
        };
        // A salient name (a subject, or someone just called out to) of
        // this gender among the last few mentions wins.
        for m in candidates().take(6) {
            let full = self.names.fullest_id(m.1);
            if m.2 && self.genders[full] == Some(gender) {
                let name = SpeakerName::Known(full);
                f.speaker = Speaker::Name { name, mention };
                f.confidence *= 0.8;
                return;
            }
        }
        // Else the nearest name known to have this gender; a name of
        // unknown gender only when it is the nearest name at all and no
        // known one comes within a few mentions.
        let mut fallback = None;
        for (k, &(_, name, _, _)) in candidates().enumerate() {
            let full = self.names.fullest_id(name);
            match self.genders[full] {
                Some(g) if g == gender => {
                    let name = SpeakerName::Known(full);
                    f.speaker = Speaker::Name { name, mention };
                    f.confidence *= 0.8;
                    return;
                }
                Some(_) => {}
                None if fallback.is_none()
                    && k < 2
                    && self.is_speaker(&SpeakerName::Known(full)) =>
                {
                    fallback = Some(full);
                }
                None => {}
            }
            if k > 12 {
                break;
            }
        }
        if let Some(full) = fallback {
            self.genders[full] = Some(gender);
            let name = SpeakerName::Known(full);
            f.speaker = Speaker::Name { name, mention };
            f.confidence *= 0.7;
        }
    }

    /// Whether byte `s` lies inside a quotation.
    fn in_quote(&self, s: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.outer.end <= s);
        self.quotes.get(i).is_some_and(|q| q.outer.start <= s)
    }

    /// Reads the text before quote `q` in its paragraph into
    /// `self.before`, from where the previous quote's reading stopped
    /// (see [`Before`]).
    fn read_before(&self, q: &RawQuote) {
        let mut b = self.before.get();
        if b.paragraph != q.paragraph_index || b.upto > q.outer.start {
            b = Before {
                paragraph: q.paragraph_index,
                upto: self.para(q).start,
                ..Before::default()
            };
        }
        // The last token and the last word are kept by span while the
        // tokens are read, and their text taken once at the end.
        let bytes = self.text.as_bytes();
        let (mut last, mut last_word) = (None, None);
        self.for_each_token(
            Span::new(b.upto, q.outer.start),
            |span, is_word| {
                let stop = span.end == span.start + 1
                    && matches!(
                        bytes.get(span.start),
                        Some(b'.' | b'?' | b'!')
                    );
                if stop {
                    b.word_since_stop = false;
                } else if is_word {
                    b.word_since_stop = true;
                }
                if is_word {
                    last_word = Some(span);
                }
                last = Some(span);
            },
        );
        let text_of =
            |s: Span| Some(self.text.get(s.start..s.end).unwrap_or_default());
        if let Some(s) = last {
            b.last = text_of(s);
        }
        if let Some(s) = last_word {
            b.last_word = text_of(s);
        }
        b.upto = q.outer.start;
        self.before.set(b);
    }

    /// What [`Doc::read_before`] has read of the text before quote `i`,
    /// once it has read it for every quote up to `i` that it has not
    /// read for yet (in order, as if each quote had been read in turn).
    fn before_quote(&self, i: usize) -> Before<'t> {
        if let Some(run) = self.quotes.get(self.before_read.get()..=i) {
            // Reading a quote of another paragraph than the one before it
            // starts afresh: the quotes up to the last one not in quote
            // `i`'s paragraph are not read, and the next one starts
            // afresh as it would after that one.
            let para = self.quotes[i].paragraph_index;
            let skip = run
                .iter()
                .rposition(|q| q.paragraph_index != para)
                .map_or(0, |k| k + 1);
            if let Some(last_skipped) = skip.checked_sub(1) {
                self.before.set(Before {
                    paragraph: run[last_skipped].paragraph_index,
                    ..Before::default()
                });
            }
            for q in &run[skip..] {
                self.read_before(q);
            }
        }
        self.before_read.set(self.before_read.get().max(i + 1));
        self.before.get()
    }

    /// Whether quote `i` is a term with no speaker for want of anything
    /// around it, as [`Doc::find`] and [`Doc::kind`] would tell (a run
    /// of tiny quotes, `"a" "b" "c"`): it follows a quote of its
    /// paragraph with no answer, and no earlier answer carries over to
    /// it (`previous_quote`); only ASCII white space stands between it
    /// and its neighbours in the paragraph (so `find` reads no window
    /// and asks only `transcript` and the same sentence's rule, which
    /// find nothing: there is no colon in the quote and no answer
    /// before); and its words are too few for anything but a term (at
    /// most eight bytes hold at most four words) and end with no
    /// sentence's punctuation. `false` when any of this does not hold.
    #[inline]
    fn tiny_term(&self, i: usize, earlier: &Answers<'t>) -> bool {
        let q = &self.quotes[i];
        // Most quotes are longer: they are told first.
        if q.span.end.wrapping_sub(q.span.start) > 8 {
            return false;
        }
        let Some(prev) = i.checked_sub(1).and_then(|p| self.quotes.get(p))
        else {
            return false;
        };
        let bytes = self.text.as_bytes();
        let Some(quoted) = bytes.get(q.span.start..q.span.end) else {
            return false;
        };
        if prev.paragraph_index != q.paragraph_index
            || self.is_turn(i)
            || quoted.contains(&b':')
            || !quoted.last().is_some_and(|&b| {
                b.is_ascii()
                    && !matches!(b, b'.' | b',' | b'?' | b'!' | b':' | b';')
            })
            || i > earlier.len()
            || earlier.get(i - 1).is_some()
        {
            return false;
        }
        let next_start = self.next_in_paragraph(i);
        let white = |a: usize, b: usize| {
            a >= b
                || bytes
                    .get(a..b)
                    .is_some_and(|w| w.iter().all(u8::is_ascii_whitespace))
        };
        // No earlier answer carries over when none was kept (as in a run
        // of terms): `previous_quote` is asked only when one was.
        white(prev.outer.end, q.outer.start)
            && white(q.outer.end, next_start)
            && (self.last_said.is_none()
                || self.previous_quote(i, earlier).is_none())
    }

    /// How many of the quotes right after quote `i`, which
    /// [`Doc::tiny_term`] has told a term (`earlier` holding the answers
    /// before it), are terms for the same reasons, each with the answers
    /// of the ones before it: the run of tiny quotes of `i`'s paragraph
    /// that follow it one after another. For each, what `tiny_term`
    /// would tell once the ones before it are answered: the quote before
    /// is in its paragraph and has no answer, and only white space stands
    /// between them (read for that quote already, up to this quote's
    /// mark), so only its own words, the white space after it and
    /// `previous_quote` (terms leave `last_said` as it is) are read.
    fn tiny_terms_after(&self, i: usize, earlier: &Answers<'t>) -> usize {
        let bytes = self.text.as_bytes();
        let pi = self.quotes[i].paragraph_index;
        // The paragraph of every quote of the run, looked up once: what
        // `is_turn` and `next_in_paragraph` read of it.
        let para = self.para(&self.quotes[i]);
        let mut n = 0;
        for (k, q) in self.quotes.iter().enumerate().skip(i + 1) {
            if q.paragraph_index != pi
                || q.span.end.wrapping_sub(q.span.start) > 8
                || q.outer.start == para.start
            {
                break;
            }
            let Some(quoted) = bytes.get(q.span.start..q.span.end) else {
                break;
            };
            if quoted.contains(&b':')
                || !quoted.last().is_some_and(|&b| {
                    b.is_ascii()
                        && !matches!(
                            b,
                            b'.' | b',' | b'?' | b'!' | b':' | b';'
                        )
                })
            {
                break;
            }
            let next_start = self
                .quotes
                .get(k + 1)
                .filter(|n| n.paragraph_index == pi)
                .map_or(para.end, |n| n.outer.start);
            let white = next_start <= q.outer.end
                || bytes
                    .get(q.outer.end..next_start)
                    .is_some_and(|w| w.iter().all(u8::is_ascii_whitespace));
            if !white
                || (self.last_said.is_some()
                    && self.previous_quote(k, earlier).is_some())
            {
                break;
            }
            n += 1;
        }
        n
    }

    /// Where the text after quote `i` stops within its paragraph: at the
    /// next quote's opening mark, or at the paragraph's end.
    fn next_in_paragraph(&self, i: usize) -> usize {
        let q = &self.quotes[i];
        self.quotes
            .get(i + 1)
            .filter(|n| n.paragraph_index == q.paragraph_index)
            .map_or(self.para(q).end, |n| n.outer.start)
    }

    /// Whether quote `i`, attributed `f`, is a direct quote, quoted
    /// words in paraphrase, or a term nobody said. The text before it is
    /// read only when the quote's own words and `f` do not tell (a short
    /// quote with no speaker is a term whatever comes before it).
    fn kind(&self, i: usize, f: Option<&Found<'t>>) -> Kind {
        let q = &self.quotes[i];
        // The quoted words, read as bytes where the words read are
        // ASCII (most quotes): only the first few words of a long quote
        // are read, and the rest is not tested for ASCII.
        let quoted_bytes = &self.text.as_bytes()[q.span.start..q.span.end];
        let quoted = || &self.text[q.span.start..q.span.end];
        // An ASCII last byte is the last char (most quotes end with one).
        let sentence_like = match quoted_bytes.last() {
            Some(&b) if b.is_ascii() => {
                matches!(b, b'.' | b',' | b'?' | b'!' | b':' | b';')
            }
            _ => quoted().ends_with(['.', ',', '?', '!', '…', '—', ':', ';']),
        };
        // The number of words of a quote not in title case is read only
        // by `short` below (every other test of it is with
        // `title_case`), and only for a quote that does not end like a
        // sentence: such words are counted only as far as `short` needs.
        let cap = if sentence_like { 0 } else { 5 };
        let (n_words, title_case) = ascii_word_shape(quoted_bytes, cap)
            .unwrap_or_else(|| word_shape(quoted()));
        let short = n_words <= 4;
        if short
            && !sentence_like
            && (f.is_none()
                || title_case
                || self.before_quote(i).last_word.is_some_and(|w| {
                    lower_is_listed(w, (TERM_INTRO, &TERM_INTRO_KEYS))
                }))
        {
            return Kind::Term;
        }
        // A short Title Case phrase is a title or a name even with the
        // comma or period that US style puts inside the marks (`the show
        // "Cake Boss."`), unless a tag right after it says who said it.
        let tagged = f.is_some_and(|f| {
            matches!(
                f.rule,
                "said-after" | "said-after-inverted" | "transcript"
            )
        });
        let title_like = title_case
            && n_words <= 6
            && !quoted().ends_with(['?', '!', '…', '—', ':', ';']);
        if title_like && !tagged {
            return Kind::Term;
        }
        let starts_upper =
            quoted().chars().next().is_some_and(|c| c.is_uppercase());
        // No word since the sentence began, or a colon just before.
        let opens_sentence = || {
            let b = self.before_quote(i);
            !b.word_since_stop || b.last == Some(":")
        };
        if starts_upper && (sentence_like || opens_sentence()) {
            Kind::Direct
        } else {
            Kind::Mixed
        }
    }

    fn snippet(&self, span: Span) -> Snippet<'t> {
        Snippet { text: Cow::Borrowed(&self.text[span.start..span.end]), span }
    }

    /// `s` as a piece of the text when it is one (a name written once
    /// with single spaces is), else a copy: either way a `Quote` field.
    fn text_or_copy(&self, s: &str) -> Cow<'t, str> {
        let offset =
            (s.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        match offset
            .checked_add(s.len())
            .and_then(|end| self.text.get(offset..end))
        {
            Some(piece) if piece.as_ptr() == s.as_ptr() => {
                Cow::Borrowed(piece)
            }
            _ => Cow::Owned(s.to_owned()),
        }
    }

    /// The public `Quote` for quote `q`, of kind `kind`, attributed to
    /// no one (see [`Doc::attribute_to`] for one attributed).
    #[inline]
    fn unattributed(&self, q: &RawQuote, kind: Kind) -> Quote<'t> {
        Quote {
            span: q.span,
            text: Cow::Borrowed(&self.text[q.span.start..q.span.end]),
            kind,
            quotation: q.quotation,
            continues: q.continues,
            attribution: None,
            rule: if kind == Kind::Term { "term" } else { "none" },
            confidence: 0.0,
        }
    }

    /// Fills in the fields of `quote`, made by [`Doc::unattributed`] for
    /// quote `q`, that say who said it and how, by its attribution `f`.
    #[inline]
    fn attribute_to(
        &self,
        quote: &mut Quote<'t>,
        q: &RawQuote,
        f: &Found<'t>,
    ) {
        let (speaker, description) = self.speaker_fields(f);
        // The mention is always there: never an attribution of `None`s.
        quote.attribution = Some(Box::new(Attribution {
            speaker,
            mention: Some(self.snippet(f.speaker.mention())),
            description,
            cue: f.cue.map(|c| self.snippet(c)),
            source: f
                .cue
                .and_then(|c| self.source(q, c))
                .map(|s| self.snippet(s)),
        }));
        quote.rule = f.rule;
        quote.confidence = f.confidence;
    }

    /// The `speaker` and `description` fields of the `Quote` of a quote
    /// attributed `f` (see [`Doc::attribute_to`]).
    fn speaker_fields(
        &self,
        f: &Found<'t>,
    ) -> (Option<Cow<'t, str>>, Option<Cow<'t, str>>) {
        match &f.speaker {
            Speaker::Name { name, .. } => {
                let name = self.fullest_text(name);
                // `he` or `she` is never the first-person narrator (a
                // text with no narrator, most, is not asked about it).
                if self.narrator.as_deref() == Some(name)
                    && self.pronoun_gender(f).is_some()
                {
                    (None, None)
                } else {
                    (Some(self.text_or_copy(name)), None)
                }
            }
            Speaker::Pronoun { .. } => (None, None),
            Speaker::Description { mention } => {
                let text = &self.text[mention.start..mention.end];
                match &self.narrator {
                    Some(n) if text == "I" => {
                        (Some(self.text_or_copy(n)), None)
                    }
                    _ => (None, Some(Cow::Borrowed(text))),
                }
            }
        }
    }

    /// Where the outlet or channel near a cue is: `told Reuters`, `in a
    /// statement`, `wrote on Twitter`.
    fn source(&self, q: &RawQuote, cue: Span) -> Option<Span> {
        let para = self.para(q);
        let para = if para.start <= cue.start && cue.end <= para.end {
            para
        } else {
            paragraph_around(self.text, cue)
        };
        // The pieces of a quotation, and quotes that carry on the one
        // before, share a cue: its source is read once.
        if let Some((key, hit)) = &*self.last_source.borrow()
            && *key == (para, cue)
        {
            return *hit;
        }
        let hit = self.find_source(para, cue);
        *self.last_source.borrow_mut() = Some(((para, cue), hit));
        hit
    }

    /// [`Doc::source`] for a cue in paragraph `para`.
    fn find_source(&self, para: Span, cue: Span) -> Option<Span> {
        // The sentences around the cue lie in its context: where that
        // holds no outlet the search may find and no channel phrase
        // (most cues), there is no source, and the bounds of the
        // sentences (searched for a `. ` each way, past each `.` inside
        // a quote) are not read. Only a short context (a paragraph of
        // dialogue) is read so: a longer one, mostly a news paragraph,
        // holds more than the cue's sentences and costs more to read
        // than the bounds save (measured).
        let near = Span::new(
            context_start(self.text, para, cue.start),
            context_end(self.text, para, cue.end),
        );
        let channel = |h: &Hit| h.kind == CueKind::Phrase(PhraseRole::Channel);
        if near.end - near.start <= SHORT_CONTEXT
            && !self.cues.outlets.may_match(self.text, near)
            && !self.hits_in(near).iter().any(channel)
        {
            return None;
        }
        let lo = sentence_start_before(self.text, near.start, cue.start);
        let hi = sentence_end_after(self.text, cue.end, near.end);
        let region = Span::new(lo, hi);
        let outside = |s: Span| !self.in_quote(s.start);
        // The first outlet of the region outside the quotes, searched
        // for between them.
        let quotes = (self.quotes, self.ordered);
        let outlet = self.cues.outlets.outside_quotes(
            self.text,
            region,
            quotes,
            |piece| {
                self.cues.outlets.word_start_matches(
                    self.text,
                    piece,
                    |start, end, _| {
                        let s = Span::new(start, end);
                        let bounded = s.end == self.text.len()
                            || !is_word_char(self.text, s.end, false);
                        (bounded && outside(s)).then_some(s)
                    },
                )
            },
        );
        if let Some(s) = outlet {
            return Some(s);
        }
        self.hits_in(region).iter().find(|h| channel(h)).map(|h| {
            let t = &self.text[h.span.start..h.span.end];
            let skip = t.find(' ').map_or(0, |k| k + 1);
            Span::new(h.span.start + skip, h.span.end)
        })
    }
}

/// Tells whether points asked in text order lie inside a quote, as
/// `quotes.partition_point(|q| q.outer.end <= s)` finds the quote: when
/// the quotes' ends are in order too (told at the first point), the
/// first quote ending after a point is found by walking on from the
/// last point's; a point before the last falls back to the binary
/// search, so the answer is always the search's.
struct QuoteWalk<'q> {
    quotes: &'q [RawQuote],
    /// Whether the quotes' ends are in order, once told.
    ends_in_order: Option<bool>,
    /// The first quote ending after the last point.
    next: usize,
    /// The last point asked.
    last: usize,
}

impl<'q> QuoteWalk<'q> {
    /// A walk from the start of the text.
    fn new(quotes: &'q [RawQuote]) -> QuoteWalk<'q> {
        QuoteWalk { quotes, ends_in_order: None, next: 0, last: 0 }
    }

    /// Whether byte `s` lies inside a quote's outer span.
    fn inside(&mut self, s: usize) -> bool {
        let quotes = self.quotes;
        let in_order = *self.ends_in_order.get_or_insert_with(|| {
            quotes.windows(2).all(|w| w[0].outer.end <= w[1].outer.end)
        });
        let i = if in_order && s >= self.last {
            while quotes.get(self.next).is_some_and(|q| q.outer.end <= s) {
                self.next += 1;
            }
            self.last = s;
            self.next
        } else {
            quotes.partition_point(|q| q.outer.end <= s)
        };
        quotes.get(i).is_some_and(|q| q.outer.start <= s)
    }
}

/// The most tokens a `Doc` keeps for its windows: a text of about
/// 16 KB (a long news article), 96 KB of tokens. Past that, glibc's
/// allocator gives the memory back after each text and the next one
/// faults it in again (measured on the short-quotes benchmark), and
/// the windows are read from stretches of `CHUNK_BYTES` instead, made
/// from [`Mark`]s (a third of the memory).
const MAX_KEPT_TOKENS: usize = 1 << 12;

/// The bytes of a paragraph past which `Doc::new` makes room for a token
/// a byte of it before it reads the text (see there): 64 KiB, which only
/// a text with no line breaks, or an unwrapped export, has.
const LONG_PARAGRAPH: usize = 1 << 16;

/// The most tokens `Doc::new` makes room for ahead of a text with long
/// paragraphs (the room a text's third of a token a byte asks for is
/// given in any case): what fits in 32 MiB, less 64 KiB for the
/// allocator's own bytes. glibc maps any block above its threshold
/// (32 MiB at most) afresh at each allocation and unmaps it when it is
/// freed, so a vector of tokens for a token a byte of 2 MiB (48 MiB)
/// had its pages faulted in again at every call: twice the page faults
/// of the whole call on the 2 MiB pathological texts (measured on
/// `unclosed-at-start`, `capitalised`, `no-newline`, `distinct-names`).
/// Under the threshold the block comes back from the heap, its pages
/// already there.
const MAX_ROOM_TOKENS: usize =
    ((32 << 20) - (64 << 10)) / size_of::<Tok<'static>>();

/// The bytes of text a long text makes tokens for at a time for its
/// windows (see `Doc::window`): a few hundred to a few thousand
/// tokens, kept in one vector reused from stretch to stretch.
const CHUNK_BYTES: usize = 1 << 12;

/// Where a token of a long text is, in eight bytes (a `Tok` takes
/// twenty-four): its start, and its end with the top bit set for a word (see
/// `Doc::window`).
#[derive(Clone, Copy, Debug)]
struct Mark {
    start: u32,
    end: u32,
}

impl Mark {
    /// The top bit of `end`: set for a word.
    const WORD: u32 = 1 << 31;
    /// The last offset a mark can hold: a longer text keeps no marks.
    const MAX_OFFSET: usize = (Mark::WORD - 1) as usize;

    /// The mark of `tok`, a token of a text of at most `MAX_OFFSET`
    /// bytes (so that its offsets fit below the top bit).
    fn of(tok: &Tok<'_>) -> Mark {
        Mark {
            start: tok.start() as u32,
            end: tok.end() as u32 | (u32::from(tok.is_word()) << 31),
        }
    }

    fn start(self) -> usize {
        self.start as usize
    }

    fn end(self) -> usize {
        (self.end & !Mark::WORD) as usize
    }

    fn is_word(self) -> bool {
        self.end & Mark::WORD != 0
    }
}

/// The tokens of a window of the text (see `Doc::window`).
enum Window<'a, 't> {
    /// A slice of the text's tokens.
    Borrowed(&'a [Tok<'t>]),
    /// A slice of the tokens of a stretch of a long text.
    Shared(Rc<Vec<Tok<'t>>>, std::ops::Range<usize>),
    /// Tokenized on their own.
    Owned(Vec<Tok<'t>>),
}

impl<'t> std::ops::Deref for Window<'_, 't> {
    type Target = [Tok<'t>];

    fn deref(&self) -> &[Tok<'t>] {
        match self {
            Window::Borrowed(s) => s,
            Window::Shared(v, r) => &v[r.clone()],
            Window::Owned(v) => v,
        }
    }
}

/// The number of tokens at the start of `toks` for which `before` holds
/// (as [`slice::partition_point`]), found by galloping out from `hint`:
/// the cost grows with the log of the distance from the hint, not of
/// the length.
fn seek<T>(toks: &[T], hint: usize, before: impl Fn(&T) -> bool) -> usize {
    let hint = hint.min(toks.len());
    // A range `lo..hi` that holds the answer, with `before` true below
    // `lo` and false from `hi` on.
    let (lo, hi) = if toks.get(hint).is_some_and(&before) {
        let mut lo = hint + 1;
        let mut step = 1;
        loop {
            let probe = hint + step;
            if probe >= toks.len() || !before(&toks[probe]) {
                break (lo, probe.min(toks.len()));
            }
            lo = probe + 1;
            step *= 2;
        }
    } else {
        let mut hi = hint;
        let mut step = 1;
        loop {
            if step > hint {
                break (0, hi);
            }
            let probe = hint - step;
            if before(&toks[probe]) {
                break (probe + 1, hi);
            }
            hi = probe;
            step *= 2;
        }
    };
    lo + toks[lo..hi].partition_point(before)
}

/// How many tokens a phrase after a cue may have for its answer to be
/// kept for the next rule (see [`Doc::cue_phrase`]): a name has a few.
const PHRASE_KEPT: usize = 4;

/// The longest phrase, in bytes from its first token's start to its
/// last one's end, whose answer [`PhraseMemo`] keeps.
const PHRASE_BYTES: usize = 64;

/// How many phrases [`PhraseMemo`] keeps.
const PHRASES_KEPT: usize = 8;

/// The last phrases [`Doc::phrase`] read (of at most `PHRASE_KEPT`
/// tokens and `PHRASE_BYTES` bytes), with their answers: a text names
/// its few speakers again and again (`said Holmes`), and the answer for
/// a phrase is the one for the same words written the same way
/// elsewhere, moved there. [`Doc::phrase`] reads a phrase from its
/// tokens (whose texts are the text of their spans), the bytes between
/// them, and what is fixed for the text; the answer's spans lie inside
/// the phrase, and its name is the same words wherever it is borrowed
/// from.
#[derive(Default)]
struct PhraseMemo<'t> {
    /// The phrases kept.
    kept: Vec<KeptPhrase<'t>>,
    /// The entry of `kept` replaced next once it is full.
    next: usize,
}

/// A phrase kept by [`PhraseMemo`].
struct KeptPhrase<'t> {
    /// Where its bytes start in the text.
    start: usize,
    /// Its bytes (from its first token's start to its last one's end).
    words: &'t str,
    /// How many tokens it has.
    len: usize,
    /// Its tokens' places, lengths and word flags (see
    /// [`PhraseMemo::shape`]).
    shape: [u32; PHRASE_KEPT],
    /// What [`Doc::phrase`] answered for it.
    answer: Option<Speaker<'t>>,
}

impl<'t> PhraseMemo<'t> {
    /// Where each token of `np` (a phrase that starts at byte `base` of
    /// the text and ends at `end`, at most `PHRASE_BYTES` further) starts
    /// from `base`, its length (in the second byte) and its word flag
    /// (in the top bit); `None` for a token out of that stretch, or more
    /// than `PHRASE_KEPT` tokens.
    fn shape(
        np: &[Tok<'t>],
        base: usize,
        end: usize,
    ) -> Option<[u32; PHRASE_KEPT]> {
        if np.len() > PHRASE_KEPT || end.wrapping_sub(base) > PHRASE_BYTES {
            return None;
        }
        let mut shape = [0; PHRASE_KEPT];
        for (s, t) in shape.iter_mut().zip(np) {
            if t.start() < base || t.end() > end {
                return None;
            }
            // Both below `PHRASE_BYTES`, so below 256.
            let (at, len) = (t.start() - base, t.end() - t.start());
            *s = (at | len << 8) as u32 | u32::from(t.is_word()) << 31;
        }
        Some(shape)
    }

    /// The answer kept for phrase `np` of the shape `shape` (see
    /// [`PhraseMemo::shape`]), starting at byte `base` of the text with
    /// the bytes `words`, moved to where `np` is; `None` when none is
    /// kept.
    fn get(
        &self,
        np: &[Tok<'t>],
        shape: &[u32; PHRASE_KEPT],
        base: usize,
        words: &str,
    ) -> Option<Option<Speaker<'t>>> {
        // A token's text is the text of its span: the same bytes and the
        // same tokens (where each starts, how long it is, and whether it
        // is a word) are the same texts.
        let KeptPhrase { start, answer, .. } = self.kept.iter().find(|k| {
            k.len == np.len() && k.shape == *shape && k.words == words
        })?;
        let moved =
            |s: Span| Span::new(s.start - start + base, s.end - start + base);
        Some(answer.clone().map(|a| match a {
            Speaker::Name { name, mention } => {
                Speaker::Name { name, mention: moved(mention) }
            }
            Speaker::Pronoun { gender, mention } => {
                Speaker::Pronoun { gender, mention: moved(mention) }
            }
            Speaker::Description { mention } => {
                Speaker::Description { mention: moved(mention) }
            }
        }))
    }

    /// Keeps `answer` for phrase `np` of the shape `shape`, starting at
    /// byte `base` of the text with the bytes `words`, in place of the
    /// oldest phrase kept when `PHRASES_KEPT` are (unless the answer's
    /// span is not in the phrase, which it always is).
    fn put(
        &mut self,
        np: &[Tok<'t>],
        shape: [u32; PHRASE_KEPT],
        base: usize,
        words: &'t str,
        answer: Option<Speaker<'t>>,
    ) {
        // The answer's span lies in the phrase (so it can be moved).
        let end = base + words.len();
        if answer.as_ref().is_some_and(|a| {
            let m = a.mention();
            m.start < base || m.end > end
        }) {
            return;
        }
        let entry =
            KeptPhrase { start: base, words, len: np.len(), shape, answer };
        if self.kept.len() < PHRASES_KEPT {
            self.kept.push(entry);
        } else if let Some(slot) = self.kept.get_mut(self.next) {
            *slot = entry;
            self.next = (self.next + 1) % PHRASES_KEPT;
        }
    }
}

/// Whether a quote's bytes tell that none of its
/// name runs is placed as one called out to, as [`Doc::called_out`]
/// reads it. A run starts at a word whose first char is uppercase: at an
/// ASCII capital or at a byte that starts a char above ASCII. Tokens
/// cover every byte but white space, so the token before that word ends
/// at the last byte before it that is no white space: when that byte is
/// an ASCII mark or letter other than `,` that ends no `my` or `dear`
/// (in any case), the run has none of the tokens before it that a name
/// called out to has. Else the run must end before a word: the byte
/// starts a word of ASCII letters that a space and a word of lowercase
/// letters follow, a word that is no particle or suffix (the only
/// words not capitalised that a run takes in), as in `"Then I went"`.
fn calls_out_to_no_one(bytes: &[u8]) -> bool {
    let mut p = 0;
    while let Some(at) = next_capital(bytes, p) {
        let (head, tail) = bytes.split_at(at);
        // A byte inside a char above ASCII starts no word.
        let inside = (0x80..0xC0).contains(&bytes[at]);
        if !inside && after_a_caller(head) && !ends_before_a_word(tail) {
            return false;
        }
        p = at + 1;
    }
    true
}

/// The first byte of `bytes` from `p` on that is an ASCII capital or
/// above ASCII, read eight at a time: [`bytes_in_range`] tells the
/// capitals exactly up to the first byte above ASCII, whose own high
/// bit tells it.
fn next_capital(bytes: &[u8], mut p: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(p..p + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let found = (x | bytes_in_range(x, b'A', b'Z')) & HIGH_BITS;
        if found != 0 {
            return Some(p + (found.trailing_zeros() / 8) as usize);
        }
        p += 8;
    }
    let tail = bytes.get(p..)?;
    let k = tail.iter().position(|&b| b.is_ascii_uppercase() || b >= 0x80)?;
    Some(p + k)
}

/// Whether a word after `head` may have a token before it that a name
/// called out to has (see [`calls_out_to_no_one`]): none, `,`, `my` or
/// `dear`. Only spaces, tabs and line ends are passed back over; any
/// other byte than an ASCII mark or letter is taken to be such a token.
fn after_a_caller(head: &[u8]) -> bool {
    let mut n = head.len();
    while n > 0 && matches!(head[n - 1], b' ' | b'\t' | b'\n' | b'\r') {
        n -= 1;
    }
    let head = &head[..n];
    let ends_with = |word: &[u8]| {
        head.len() >= word.len()
            && head[head.len() - word.len()..].eq_ignore_ascii_case(word)
    };
    match head.last() {
        None => true,
        Some(&b) => {
            !b.is_ascii_graphic()
                || b == b','
                || ends_with(b"my")
                || ends_with(b"dear")
        }
    }
}

/// Whether `tail` starts with a word of ASCII letters (joined by `'`
/// or `-`) that a space and a word of lowercase ASCII letters follow,
/// which is no particle or suffix (see [`is_particle_or_suffix`]): a
/// run that starts there ends there, with a word after it (see
/// [`calls_out_to_no_one`]).
fn ends_before_a_word(tail: &[u8]) -> bool {
    let letters = |from: usize| {
        tail.get(from..).map_or(0, |t| {
            t.iter().take_while(|b| b.is_ascii_alphabetic()).count()
        })
    };
    let mut n = letters(0);
    // Letters joined by `'` or `-` are one word (`It's`, `We're`, as
    // many quotes open).
    while n > 0
        && matches!(tail.get(n), Some(b'\'' | b'-'))
        && tail.get(n + 1).is_some_and(u8::is_ascii_alphabetic)
    {
        n += 1 + letters(n + 1);
    }
    let Some(rest) = tail.get(n + 1..) else { return false };
    let m = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    n > 0
        && tail[n] == b' '
        && rest.first().is_some_and(u8::is_ascii_lowercase)
        && !is_particle_or_suffix(&rest[..m])
}

/// Whether `bytes` are all ASCII and none is a capital letter, read
/// eight at a time as [`next_capital`] reads them. Where it is not told
/// where, the last bytes are read as the eight that end `bytes` (some
/// read twice), not one by one: the words of most quotes are a few
/// dozen bytes, and the bytes after the last whole eight cost as much
/// as the eights before them.
fn ascii_without_capitals(bytes: &[u8]) -> bool {
    let Some(last) = bytes.len().checked_sub(8) else {
        return next_capital(bytes, 0).is_none();
    };
    // Whether the eight bytes from `p` hold a capital or a byte above
    // ASCII (whose own high bit tells it, whatever the bits after it).
    let capital_at = |p: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[p..p + 8]);
        let x = u64::from_le_bytes(word);
        (x | bytes_in_range(x, b'A', b'Z')) & HIGH_BITS != 0
    };
    let mut p = 0;
    while p < last {
        if capital_at(p) {
            return false;
        }
        p += 8;
    }
    !capital_at(last)
}

/// How far back, in bytes, the context of a quote reaches: enough for
/// any sentence a news writer would build, and it keeps the work per
/// quote bounded on a megabyte-long paragraph.
const LOOKBACK: usize = 600;

/// The start of the context before byte `i`: the paragraph start, or
/// `LOOKBACK` bytes back when the paragraph is longer.
fn context_start(text: &str, para: Span, i: usize) -> usize {
    para.start.max(floor_boundary(text, i.saturating_sub(LOOKBACK)))
}

/// The longest context of a cue that [`Doc::find_source`] reads for an
/// outlet or a channel phrase before it reads the sentences' bounds.
const SHORT_CONTEXT: usize = 128;

/// The end of the context after byte `i` (a char boundary): the
/// paragraph end, or `LOOKBACK` bytes on when the paragraph is longer.
fn context_end(text: &str, para: Span, i: usize) -> usize {
    floor_boundary(text, para.end.max(i).min(i + LOOKBACK)).max(i)
}

/// The largest char boundary of `text` at or below `i`.
pub(crate) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where the run of chars that `keep` holds for and that ends at byte
/// `end` of `text` starts, not before byte `lo` (both char
/// boundaries): `text[lo..end].trim_end_matches(keep)`, read back a
/// byte at a time where the text is ASCII (this runs for every cue).
fn run_back(
    text: &str,
    lo: usize,
    mut end: usize,
    keep: impl Fn(char) -> bool,
) -> usize {
    while end > lo {
        let b = text.as_bytes()[end - 1];
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text[lo..end].chars().next_back() {
                Some(c) => c,
                None => break,
            }
        };
        if !keep(c) {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// `run_back(text, 0, s, char::is_whitespace)`: where the white space
/// before byte `s` starts, told at once for the one space after an
/// ASCII char that most often stands before a cue.
#[inline]
fn blank_back(text: &str, s: usize) -> usize {
    let bytes = text.as_bytes();
    if let Some(k) = s.checked_sub(2)
        && let Some(&[b, b' ']) = bytes.get(k..s)
        && b.is_ascii()
        && !char::from(b).is_whitespace()
    {
        return k + 1;
    }
    run_back(text, 0, s, char::is_whitespace)
}

/// Where the run of chars that `keep` holds for and that starts at
/// byte `start` of `text` ends (as [`run_back`], forward).
fn run_forward(
    text: &str,
    mut start: usize,
    keep: impl Fn(char) -> bool,
) -> usize {
    while let Some(&b) = text.as_bytes().get(start) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text[start..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if !keep(c) {
            break;
        }
        start += c.len_utf8();
    }
    start
}

/// The alphabetic chars that end `text[..end]`, as [`determiner_or_be`]
/// looks them up in [`DETERMINERS`] and [`BE`]; when
/// the last `LISTED_MAX + 1` bytes are ASCII letters, only those (the
/// word, whose lowercase form is at least that long, is in neither
/// list, and nor are they): the rest of a long word is not read back.
fn listed_word_before(text: &str, end: usize) -> &str {
    let bytes = text.as_bytes();
    let mut start = end;
    // ASCII bytes read back one at a time, up to a byte that is no
    // letter (an ASCII one ends the word, another is read as a char).
    while start > 0 && end - start <= LISTED_MAX {
        let b = bytes[start - 1];
        if b.is_ascii_alphabetic() {
            start -= 1;
        } else if b.is_ascii() || is_general_punctuation_before(bytes, start) {
            break;
        } else {
            return &text[run_back(text, 0, start, char::is_alphabetic)..end];
        }
    }
    &text[start..end]
}

/// Whether the char that ends `bytes[..i]` (`i` a char boundary, the
/// byte before it no ASCII) is one of U+2000 to U+203F (curly quotes,
/// dashes, spaces), encoded `E2 80 xx`: none of them is alphabetic,
/// which is told without decoding the char.
fn is_general_punctuation_before(bytes: &[u8], i: usize) -> bool {
    i >= 3 && bytes[i - 3] == 0xE2 && bytes[i - 2] == 0x80
}

/// The byte length of the longest word of [`DETERMINERS`] and [`BE`]
/// (see [`listed_word_before`]).
const LISTED_MAX: usize = {
    let (d, b) = (max_len(DETERMINERS), max_len(BE));
    if d > b { d } else { b }
};

/// The byte length of the longest of `words`.
const fn max_len(words: &[&str]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < words.len() {
        if words[i].len() > max {
            max = words[i].len();
        }
        i += 1;
    }
    max
}

/// Where the last word of `text[lo..end]` split at white space lies, as
/// `split_whitespace().next_back()` finds it (an empty span for none;
/// `lo` and `end` are char boundaries).
fn word_before(text: &str, lo: usize, end: usize) -> Span {
    let e = run_back(text, lo, end, char::is_whitespace);
    Span::new(run_back(text, lo, e, |c| !c.is_whitespace()), e)
}

/// The text of `span`.
fn word_at(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

/// Whether `word`, the alphabetic chars that end the text before a cue
/// verb (white space left out, as [`listed_word_before`] reads them),
/// lowercased, is a determiner, and whether it is a form of `be`: as
/// [`lower_is_listed`] tells for each, an ASCII word keyed once.
fn determiner_or_be(word: &str) -> (bool, bool) {
    if !word.is_ascii() {
        return (
            lower_is_listed(word, (DETERMINERS, &DETERMINER_KEYS)),
            lower_is_listed(word, (BE, &BE_KEYS)),
        );
    }
    // No listed word is longer (nor empty).
    if word.is_empty() || word.len() > LISTED_MAX {
        return (false, false);
    }
    match long_key(word.as_bytes()) {
        Some(key) => (
            DETERMINER_KEYS.binary_search(&key).is_ok(),
            BE_KEYS.binary_search(&key).is_ok(),
        ),
        None => (false, false),
    }
}

/// `determiner_or_be(listed_word_before(text, end))`, the tests of the
/// word before a cue verb (`end`: where the text before it ends, white
/// space left out). When the eight bytes before `end` hold the word's
/// ASCII letters and the byte before them (ASCII, or the last of a
/// General Punctuation char), the word is read from them at once and
/// looked up in [`LISTED_TABLE`]. In line: its one caller, the cue
/// filter, calls it on every verb match (8,297 on polnear-dev), and a
/// call's register saves cost about a third of its work.
#[inline]
fn determiner_or_be_before(text: &str, end: usize) -> (bool, bool) {
    let bytes = text.as_bytes();
    if let Some(k) = end.checked_sub(8)
        && let Some(w) =
            bytes.get(k..end).and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let x = u64::from_le_bytes(w);
        // The ASCII letters that end the eight bytes.
        let v = x & splat(0x5f);
        let letters = bytes_in_range(v, b'A', b'Z') & !x & HIGH_BITS;
        let n = ((!letters & HIGH_BITS).leading_zeros() / 8) as usize;
        // No listed word is longer (as `listed_word_before` reads
        // no further).
        if n > LISTED_MAX {
            return (false, false);
        }
        // The byte before the letters (`n` is at most seven).
        let b = (x >> (8 * (7 - n))) as u8;
        if b.is_ascii() || is_general_punctuation_before(bytes, end - n) {
            if n == 0 {
                return (false, false);
            }
            // The letters, lowercased.
            let word = (x | splat(0x20)) >> (64 - 8 * n);
            let entry = LISTED_TABLE[listed_slot(word, LISTED_MUL)];
            if entry & !LISTED_FLAGS != word {
                return (false, false);
            }
            return (entry & LISTED_DETERMINER != 0, entry & LISTED_BE != 0);
        }
    }
    determiner_or_be(listed_word_before(text, end))
}

/// The slot of [`LISTED_TABLE`] for a word read as a number (its bytes,
/// little-endian), hashed by `mul`.
const fn listed_slot(word: u64, mul: u64) -> usize {
    word_slot(word, mul, 7)
}

/// The slot of a table of `2^bits` words for `word` (its bytes as a
/// number, little-endian; see [`short_key`]) hashed by `mul`: the top
/// `bits` bits of their product.
#[inline(always)]
const fn word_slot(word: u64, mul: u64, bits: u32) -> usize {
    (word.wrapping_mul(mul) >> (64 - bits)) as usize
}

/// The flag that [`LISTED_TABLE`] sets on a word of [`DETERMINERS`].
const LISTED_DETERMINER: u64 = 1 << 62;

/// The flag that [`LISTED_TABLE`] sets on a word of [`BE`].
const LISTED_BE: u64 = 1 << 63;

/// Both flags of [`LISTED_TABLE`].
const LISTED_FLAGS: u64 = LISTED_DETERMINER | LISTED_BE;

/// The multiplier that hashes the words of [`DETERMINERS`] and [`BE`] to
/// distinct slots of [`LISTED_TABLE`], and the table: each word (its
/// bytes, little-endian, at most seven) in its slot with its flags
/// ([`LISTED_DETERMINER`], [`LISTED_BE`]), 0 in the other slots.
const LISTED: (u64, [u64; 128]) = {
    assert!(LISTED_MAX <= 7, "a listed word fits seven bytes");
    let lists = [(DETERMINERS, LISTED_DETERMINER), (BE, LISTED_BE)];
    let mut mul: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut table = [0u64; 128];
        let mut clash = false;
        let mut l = 0;
        while l < lists.len() {
            let (words, flag) = lists[l];
            let mut i = 0;
            while i < words.len() {
                let word = short_key(words[i]);
                let slot = listed_slot(word, mul);
                if table[slot] != 0 && table[slot] & !LISTED_FLAGS != word {
                    clash = true;
                }
                table[slot] |= word | flag;
                i += 1;
            }
            l += 1;
        }
        if !clash {
            break (mul, table);
        }
        mul = mul.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1) | 1;
    }
};

/// The multiplier of [`LISTED`].
const LISTED_MUL: u64 = LISTED.0;

/// The table of [`LISTED`].
const LISTED_TABLE: [u64; 128] = LISTED.1;

/// The sorted [`long_key`](crate::text::long_key)s of [`DETERMINERS`].
const DETERMINER_KEYS: [u128; DETERMINERS.len()] =
    sorted_long_keys(DETERMINERS);

/// The forms of `be` before a passive (see [`is_passive`]).
const BE: &[&str] = &["was", "were", "been", "being", "be", "is", "are"];

/// The sorted [`long_key`](crate::text::long_key)s of [`BE`].
const BE_KEYS: [u128; BE.len()] = sorted_long_keys(BE);

/// [`OPENERS`] as [`lower_is_listed`] reads it.
const OPENER_KEYS: WordList<{ OPENERS.len() }> = WordList::new(OPENERS);

/// [`BETWEEN`] as [`lower_is_listed`] reads it.
const BETWEEN_KEYS: WordList<{ BETWEEN.len() }> = WordList::new(BETWEEN);

/// [`TERM_INTRO`] as [`lower_is_listed`] reads it.
const TERM_INTRO_KEYS: WordList<{ TERM_INTRO.len() }> =
    WordList::new(TERM_INTRO);

/// Words that open a subordinate clause before a quote (`As Blumenthal
/// spoke, ...`): a cue in that clause reports nothing after it (see
/// [`Doc::before`]).
const SUBORDINATORS: &[&str] = &[
    "as", "when", "while", "after", "before", "if", "because", "although",
    "though", "since", "once",
];

/// [`SUBORDINATORS`] as [`lower_is_listed`] reads it.
const SUBORDINATOR_KEYS: WordList<{ SUBORDINATORS.len() }> =
    WordList::new(SUBORDINATORS);

/// The keys of a list of words that [`lower_is_listed`] looks an ASCII
/// word up in: its sorted [`long_key`](crate::text::long_key)s, or a
/// [`WordList`] (a list the rules read for most phrases).
trait AsciiKeys {
    /// Whether the ASCII word `word`, lowercased, is listed.
    fn lists(&self, word: &str) -> bool;
}

impl<const N: usize> AsciiKeys for [u128; N] {
    #[inline]
    fn lists(&self, word: &str) -> bool {
        is_listed(self, word)
    }
}

impl<const N: usize> AsciiKeys for WordList<N> {
    #[inline]
    fn lists(&self, word: &str) -> bool {
        self.has(word)
    }
}

/// Whether `word` lowercased (as [`with_lower`] has it) is one of
/// `words`, given with their keys: an ASCII word is looked up as a
/// number ([`is_listed`], [`WordList::has`]), with no copy and no string
/// compare.
#[inline]
fn lower_is_listed(
    word: &str,
    (words, keys): (&[&str], &(impl AsciiKeys + ?Sized)),
) -> bool {
    if word.is_ascii() {
        return keys.lists(word);
    }
    with_lower(word, |w| words.contains(&w))
}

/// Whether `word` lowercased (as [`with_lower`] has it) ends with
/// `suffix`, a lowercase ASCII word: for an ASCII word, its last bytes
/// are compared in place.
fn lower_ends_with(word: &str, suffix: &str) -> bool {
    if word.is_ascii() {
        let (w, s) = (word.as_bytes(), suffix.as_bytes());
        return w.len() >= s.len()
            && w[w.len() - s.len()..].eq_ignore_ascii_case(s);
    }
    with_lower(word, |w| w.ends_with(suffix))
}

/// Which forms of a verb a noun can share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nounish {
    /// The base form (`comment`, `text`).
    Base,
    /// The `-s` form (`questions`, `tweets`).
    Plural,
    /// A past or progressive form, or a phrase.
    No,
}

/// Whether a cue word that a noun can share reads as the noun here: a
/// base form after a determiner and one more word that is no noun for
/// people (`a Twitter comment`, but `the officials say`), or an `-s`
/// form after a lowercase word that cannot be its subject (`late-night
/// tweets`, `raising questions`, but `the campaign says`).
///
/// `end` is where the text before the cue ends, white space left out.
fn reads_as_noun(
    vocab: &Vocab,
    text: &str,
    s: usize,
    end: usize,
    nounish: Nounish,
) -> bool {
    if nounish == Nounish::No {
        return false;
    }
    let lo = floor_boundary(text, s.saturating_sub(48));
    // As `word_before(text, lo, s)`: the white space before `s` ends
    // at `end`, or at `lo` when it reaches further back.
    let e1 = end.max(lo);
    let Some(start) = ascii_word_back(text.as_bytes(), lo, e1) else {
        // An ASCII char in the word that is none of those kept below:
        // the word fails the test below (or the one before it).
        return false;
    };
    let s1 = match start {
        Some(start) => Span::new(start, e1),
        None => Span::new(run_back(text, lo, e1, |c| !c.is_whitespace()), e1),
    };
    let w1 = word_at(text, s1);
    // A capitalised word may be the subject of an `-s` form (as
    // `noun_reading` tells), whatever its other chars.
    if nounish == Nounish::Plural && starts_uppercase(w1) {
        return false;
    }
    if start.is_none()
        && !w1
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')
    {
        // Punctuation between: `, says` or `" says` is a verb.
        return false;
    }
    noun_reading(vocab, text, s, nounish, w1, || {
        word_at(text, second_word_before(text, lo, s1.start))
    })
}

/// Whether the first char of `word` is uppercase, an ASCII first byte
/// (most words) told without decoding a char.
#[inline(always)]
fn starts_uppercase(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// How [`reads_as_noun`] reads the word before a cue, the run of chars
/// that are no white space ending at `end` and starting no earlier than `lo`
/// (`run_back(text, lo, end, |c| !c.is_whitespace())`), when its chars
/// are ASCII, read back a byte at a time: `Some(Some(start))` when each
/// is a letter, a digit, `-` or `'` (the test it passes), `None` when
/// one is other ASCII (the test it fails), and `Some(None)` when one
/// is no ASCII (its chars are read by the general code).
///
/// The bytes are read eight at a time while eight lie after `lo`: the
/// letters, digits, `-` and `'` that end them are counted at once, and
/// the byte before them (if any) is told by the loop below. (A byte at
/// a time, the loop cost about 100 instructions a call on polnear-dev,
/// 187,000 in all.)
fn ascii_word_back(
    bytes: &[u8],
    lo: usize,
    end: usize,
) -> Option<Option<usize>> {
    let mut k = kept_back(bytes, lo, end, |x| {
        ascii_alphanumerics(x).0 | bytes_equal(x, b'-') | bytes_equal(x, b'\'')
    });
    while k > lo {
        let Some(&b) = bytes.get(k - 1) else { return Some(None) };
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'\'' {
            k -= 1;
        } else if b.is_ascii_whitespace() || b == 0x0B {
            // (ASCII white space as `char::is_whitespace` has it.)
            break;
        } else if b.is_ascii() {
            return None;
        } else {
            return Some(None);
        }
    }
    Some(Some(k))
}

/// [`word_before`] of `text[lo..end]` as [`reads_as_noun`] reads the
/// word before the word before a cue (`did` in `did not say`): when one
/// ASCII space ends the text and the word's bytes are ASCII, they are
/// read back eight at a time, else by `word_before` (a char at a time,
/// it cost about 110 instructions a call on news).
fn second_word_before(text: &str, lo: usize, end: usize) -> Span {
    let bytes = text.as_bytes();
    let Some(e) = end.checked_sub(1).filter(|&e| e > lo) else {
        return word_before(text, lo, end);
    };
    // The one space, after a byte that is ASCII and no white space.
    if bytes.get(e) != Some(&b' ')
        || bytes.get(e - 1).is_none_or(|&b| !b.is_ascii() || is_blank(b))
    {
        return word_before(text, lo, end);
    }
    // ASCII bytes that are no white space (a byte of another char has
    // its high bit set, and is told by the loop below).
    let mut k = kept_back(bytes, lo, e, |x| {
        !x & !(bytes_equal(x, b' ') | bytes_in_range(x, 0x09, 0x0D))
    });
    while k > lo {
        match bytes.get(k - 1) {
            Some(&b) if b.is_ascii() && !is_blank(b) => k -= 1,
            Some(&b) if b.is_ascii() => break,
            _ => return word_before(text, lo, end),
        }
    }
    Span::new(k, e)
}

/// Where the run of bytes that `kept` marks and that ends at `end` starts,
/// read back eight bytes at a time while eight lie after `lo`: `kept`
/// gives the high bit of each byte kept of eight read little-endian.
/// The byte before the run (if any) is left to the caller, as are the
/// last bytes after `lo` when fewer than eight.
#[inline(always)]
fn kept_back(
    bytes: &[u8],
    lo: usize,
    end: usize,
    kept: impl Fn(u64) -> u64,
) -> usize {
    let mut k = end;
    while k >= lo + 8
        && let Some(w) =
            bytes.get(k - 8..k).and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let x = u64::from_le_bytes(w);
        let n = ((!kept(x) & HIGH_BITS).leading_zeros() / 8) as usize;
        k -= n;
        if n < 8 {
            break;
        }
    }
    k
}

/// Whether ASCII byte `b` is white space as [`char::is_whitespace`]
/// has it (`\u{b}` too, which [`u8::is_ascii_whitespace`] leaves out).
#[inline(always)]
fn is_blank(b: u8) -> bool {
    b == b' ' || (0x09..=0x0D).contains(&b)
}

/// [`reads_as_noun`] once the word before the cue is read; `w2` reads
/// the one before that.
fn noun_reading<'a>(
    vocab: &Vocab,
    text: &str,
    s: usize,
    nounish: Nounish,
    w1: &str,
    w2: impl FnOnce() -> &'a str,
) -> bool {
    // The key of `w1` lowercased when it is one to twelve ASCII letters
    // (`who` and the words of `VERB_CONTEXT` are), by which it is told
    // to be one of those as a number, and looked up once for whether it
    // is a pronoun and whether a nominal. (No other word is one of
    // those lowercased: no char but an ASCII one lowercases to ASCII
    // alone, but the Kelvin sign, to `k`, which none has.)
    let key = letters_key_any_case(w1.as_bytes());
    // Whether `w1` lowercased ends in `s`, or in `ly`: whether its last
    // bytes are those in either case. (A char that is no ASCII letter
    // lowercases to chars whose last is no ASCII letter, or to `k`: the
    // lowercase form of a word ends in those letters only where the word
    // does.)
    let bytes = w1.as_bytes();
    let ends_in_s = bytes.last().is_some_and(|&b| b | 0x20 == b's');
    let ends_in_ly =
        || matches!(bytes, [.., l, y] if l | 0x20 == b'l' && y | 0x20 == b'y');
    // Whether `w1` may be the verb's subject, given whether it is a
    // pronoun and whether a nominal.
    let subject_like = |(pronoun, nominal): (bool, bool)| {
        starts_uppercase(w1)
            || pronoun
            || nominal
            || key == Some(WHO_KEY)
            || ends_in_ly()
    };
    match nounish {
        // A base form takes a plural subject (`the officials say`); after
        // any other lowercase word it is a noun (`trial counsel`, `the
        // press secretary`), as it is before a title (`press secretary`).
        Nounish::Base => {
            let listed = key.is_some_and(is_verb_context_key);
            // Whether the cue may have a subject or helper before it,
            // and whether the word before is a plural subject. A listed
            // word that does not end in `s` (`not`, `to`, `will`) needs
            // no lookup: it is a verb context and no plural.
            let (verb_context, plural_subject) = if listed && !ends_in_s {
                (true, false)
            } else {
                let classes = vocab.pronoun_and_nominal(key, w1);
                (listed || subject_like(classes), classes.1 && ends_in_s)
            };
            let after_det = || {
                !plural_subject
                    && lower_is_listed(w2(), (DETERMINERS, &DETERMINER_KEYS))
            };
            // The word after the cue, as `split_whitespace().nth(1)`
            // finds it.
            let next_is_title = || {
                let start = run_forward(text, s, char::is_whitespace);
                let start = run_forward(text, start, |c| !c.is_whitespace());
                let start = run_forward(text, start, char::is_whitespace);
                let end = run_forward(text, start, |c| !c.is_whitespace());
                start < end && vocab.is_title(&text[start..end])
            };
            // (The word before's own test first: it reads no more
            // text, and most often answers.)
            (!w1.is_empty() && !verb_context && !plural_subject)
                || after_det()
                || next_is_title()
        }
        Nounish::Plural => !subject_like(vocab.pronoun_and_nominal(key, w1)),
        Nounish::No => false,
    }
}

/// The words after which a base form cue may be a verb, not a noun
/// (`did not say`, `they often comment`): conjunctions, helpers, some
/// adverbs, `that`, `which`, `to` and `I`, lowercase.
const VERB_CONTEXT: &[&str] = &[
    "and", "or", "will", "would", "can", "could", "should", "may", "might",
    "must", "did", "does", "do", "not", "also", "often", "always", "never",
    "that", "which", "to", "i",
];

/// The key of `word`, one to eight lowercase ASCII letters, as
/// [`letters_key_any_case`] makes it: its bytes in order, little-endian
/// (the words of [`LISTED`] and [`VERB_CONTEXT_KEYS`]).
const fn short_key(word: &str) -> u64 {
    let b = word.as_bytes();
    assert!(!b.is_empty() && b.len() <= 8);
    let mut key = 0;
    let mut i = 0;
    while i < b.len() {
        assert!(b[i].is_ascii_lowercase());
        key |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// The key of `who` (see [`short_key`]).
const WHO_KEY: u64 = short_key("who");

/// The slot of [`VERB_CONTEXT_KEYS`] for `key`: the top five bits of
/// its product by a number under which the keys of [`VERB_CONTEXT`]
/// share no slot (built so, or the build fails).
#[inline(always)]
const fn verb_context_slot(key: u64) -> usize {
    word_slot(key, 0xA41F_C4A8_B9E4_B759, 5)
}

/// The keys of [`VERB_CONTEXT`], each in its slot (zero, no key, in
/// the others).
const VERB_CONTEXT_KEYS: [u64; 32] = {
    let mut keys = [0; 32];
    let mut i = 0;
    while i < VERB_CONTEXT.len() {
        let key = short_key(VERB_CONTEXT[i]);
        let slot = verb_context_slot(key);
        assert!(keys[slot] == 0, "two words of VERB_CONTEXT share a slot");
        keys[slot] = key;
        i += 1;
    }
    keys
};

/// Whether `key`, a [`letters_key_any_case`], is that of a word of
/// [`VERB_CONTEXT`]: one load and one compare, not compares of strings
/// (which cost about 45 instructions a call on news).
#[inline(always)]
fn is_verb_context_key(key: u64) -> bool {
    VERB_CONTEXT_KEYS[verb_context_slot(key)] == key
}

/// Whether a capitalised cue word inside a sentence is part of a name
/// (`United States`, `Associated Press`), or a cue word follows a
/// possessive (`Trump's charge`).
///
/// `end` is where the text before the cue ends, white space left out.
///
/// In line: the cue filter calls it on most verb matches (7,108 on
/// polnear-dev), and a call cost about as much as its work.
#[inline]
fn is_proper_noun(text: &str, s: usize, end: usize) -> bool {
    let before = &text[..end];
    if before.ends_with("'s") || before.ends_with("’s") {
        return true;
    }
    // (A lowercase ASCII letter, most cues, told at once.)
    if text.as_bytes().get(s).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let cap = text[s..].chars().next().is_some_and(char::is_uppercase);
    cap && !before.is_empty()
        && !before.ends_with([
            '.', '?', '!', '"', '“', '”', '\n', ':', '—', '(', '‘', '’', '\'',
        ])
}

/// Whether a verb at `s` is an infinitive (`to explain`, `to further
/// explain`).
///
/// `end` is where the text before the verb ends, white space left out.
///
/// In line, the first test: the cue filter calls it on most matches
/// (5,887 on 1 MiB of news), and most are told by the last byte of the
/// word before, at less than the cost of a call.
#[inline]
fn after_to(text: &str, s: usize, end: usize) -> bool {
    // (Told first without the bounds below where the text before `end`
    // is read: where `end` lies after the lower bound.)
    if end > s.saturating_sub(24)
        && let Some(&b) = text.as_bytes().get(end.wrapping_sub(1))
        && other_end_than_to(b)
    {
        return false;
    }
    after_to_read(text, s, end)
}

/// Whether `b`, the last byte of a word, ends none of `to`, the `-ly`
/// words and [`TO_ADVERBS`], which end in one of six letters: a word
/// that ends in another (most) is none of them. (A `match`, told in a
/// few instructions, not a loop over the six.)
fn other_end_than_to(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'o' | b'y' | b'r' | b'n' | b't' | b'l')
}

/// [`after_to`] where its first test does not tell: the words before
/// the verb read.
#[inline(never)]
fn after_to_read(text: &str, s: usize, end: usize) -> bool {
    // The two words before `s`, the second read only when the first may
    // stand between `to` and a verb.
    let lo = floor_boundary(text, s.saturating_sub(24));
    // When the eight bytes before `end` lie after `lo`, the word that
    // ends them is most often told from them at once: see
    // [`after_to_at_once`].
    if let Some(k) = end.checked_sub(8)
        && k >= lo
        && let Some(w) = text
            .as_bytes()
            .get(k..end)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        && let Some(answer) = after_to_at_once(u64::from_le_bytes(w))
    {
        return answer;
    }
    // As `run_back(text, lo, s, char::is_whitespace)`.
    let e1 = end.max(lo);
    if let Some(&b) = text.as_bytes()[lo..e1].last()
        && other_end_than_to(b)
    {
        return false;
    }
    // As `word_before(text, lo, s)`.
    let s1 = Span::new(run_back(text, lo, e1, |c| !c.is_whitespace()), e1);
    let w1 = word_at(text, s1);
    let w2 = || word_at(text, word_before(text, lo, s1.start));
    w1 == "to"
        || ((w1.ends_with("ly") || TO_ADVERBS.contains(&w1)) && w2() == "to")
}

/// The words other than those in `-ly` that [`after_to`] reads between
/// `to` and a verb (`to further explain`, `to not go`).
const TO_ADVERBS: [&str; 10] = [
    "further", "also", "then", "again", "not", "never", "first", "still",
    "fully", "better",
];

/// [`after_to`] told from `x`, the eight bytes (little-endian) before
/// the end of the text before the verb, all after the lower bound of
/// its words: `Some(true)` when the ASCII word that ends them after
/// ASCII white space is `to`, `Some(false)` when that word (or eight
/// ASCII bytes with no white space) neither ends in `ly` nor is one of
/// [`TO_ADVERBS`], and `None` (the words must be read) otherwise.
fn after_to_at_once(x: u64) -> Option<bool> {
    // The words of [`TO_ADVERBS`], as little-endian numbers.
    const LISTED: [u64; 10] = {
        let words = TO_ADVERBS;
        let mut keys = [0u64; 10];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            let mut j = 0;
            while j < w.len() {
                keys[i] |= (w[j] as u64) << (8 * j);
                j += 1;
            }
            i += 1;
        }
        keys
    };
    // Bytes that end a word read back: non-ASCII (to be read as chars)
    // and the ASCII white space (tab to carriage return, and space).
    let low = x & !HIGH_BITS;
    let blank = bytes_in_range(low, 0x09, 0x0d)
        | !((low ^ splat(b' ')) + !HIGH_BITS) & !x & HIGH_BITS;
    let stop = (x | blank) & HIGH_BITS;
    // The bytes after the last stop byte.
    let n = (stop.leading_zeros() / 8) as usize;
    if n < 8 && (x >> (8 * (7 - n))) & 0x80 != 0 {
        // A non-ASCII char before the ASCII bytes.
        return None;
    }
    // The word ends in `ly`.
    if n >= 2 && x >> 48 == u64::from(u16::from_le_bytes(*b"ly")) {
        return None;
    }
    if n == 0 || n == 8 {
        return Some(false);
    }
    let word = x >> (8 * (8 - n));
    if word == u64::from(u16::from_le_bytes(*b"to")) {
        return Some(true);
    }
    if LISTED.contains(&word) { None } else { Some(false) }
}

/// `Asked about the plan, Trump said …`: a sentence-initial `Asked`
/// reports a question to the subject, not by it.
fn sentence_initial_asked(text: &str, s: usize, e: usize) -> bool {
    let word = &text[s..e];
    if word != "Asked" {
        return false;
    }
    let before = text[..s].trim_end();
    before.is_empty() || before.ends_with(['.', '\n', '"', '”', '?', '!'])
}

/// Whether a verb at `s` follows a form of `be` (`was asked`, `were
/// told`): its subject is then not the speaker.
///
/// `be`: whether the word before the verb is a form of `be` (as
/// [`determiner_or_be`] tells).
///
/// In line: the cue filter calls it on most verb matches (7,204 on
/// polnear-dev), and most of them, after no form of `be`, are told by
/// the test of `be` alone, which cost less than the call.
#[inline]
fn is_passive(text: &str, s: usize, be: bool) -> bool {
    // The verb is read only after a form of `be` (most cues follow none).
    be && {
        let verb = &text[s..run_forward(text, s, char::is_alphabetic)];
        // `was saying`: progressive, not passive.
        !verb.ends_with("ing")
    }
}

/// Makes room in `v`, filled from the first `read` of `total` items
/// (tokens, or bytes of a text), for as many more as the rest promise at
/// the same rate (and a few): a vector sized by a guess that proves short
/// grows once to about its final size, not by doubling step after step
/// (each step a copy, more of them the longer the text).
#[cold]
#[inline(never)]
pub(crate) fn reserve_as_read<T>(v: &mut Vec<T>, read: usize, total: usize) {
    let want = v.len() as u128 * total as u128 / read.max(1) as u128;
    let want = usize::try_from(want).unwrap_or(usize::MAX);
    // An eighth more: a rate read early is not the rate to the end.
    let want = want.saturating_add(want / 8).min(total);
    v.reserve(want.saturating_sub(v.len()).max(16));
}

/// Drops a run's first word when it only looks like a name because it
/// starts a sentence (`Former Obama`): a word that the text also uses in
/// lowercase.
///
/// `classes` are the `Vocab` classes of the run's words, and
/// `first_key` the key of its first word, or zero (as
/// `NameRuns::next_with` gives them).
fn trim_run(
    vocab: &Vocab,
    toks: &[Tok<'_>],
    run: (usize, usize),
    classes: &[u32],
    first_key: u64,
    lower: &LowerWords<'_>,
) -> (usize, usize) {
    let (mut s, e) = run;
    // The first word of most runs has a key: it is one to twelve ASCII
    // letters (`letters_key_any_case`), so it has no hyphen (its tail is
    // the word), is ASCII, and is looked up by its key. Told here in
    // line, as the loop below would tell it. (A run's first word is
    // capitalised: one of ASCII letters starts with no lowercase one.)
    if s < e && first_key != 0 {
        let word = toks[s].text;
        let word_classes = classes.first().copied().unwrap_or(0);
        let modifier = word.ends_with("ing")
            && vocab.gender_of_word(word, word_classes).is_none();
        if !(modifier || lower.contains_key(first_key) || is_cue_word(word)) {
            return (s, e);
        }
        s += 1;
    }
    while s < e {
        let word = toks[s].text;
        let word_classes = classes.get(s - run.0).copied().unwrap_or(0);
        // `Locking his hands`, `Australian-born Joan Gildea`: a
        // participle or a compound adjective opening a sentence is no
        // part of a name (unless it is a known first name).
        // The part after the last hyphen (found as a byte: a hyphen is
        // never part of another char), or the whole word (most words,
        // told with no search).
        let tail = if has_hyphen(word.as_bytes()) {
            word.bytes()
                .rposition(|b| b == b'-')
                .map_or(word, |k| word.get(k + 1..).unwrap_or(""))
        } else {
            word
        };
        let modifier = (word.ends_with("ing")
            || tail.starts_with(char::is_lowercase))
            && vocab.gender_of_word(word, word_classes).is_none();
        // `Per Maria Lopez`: a cue word opening a sentence is no name.
        // (A word with a key was told above.)
        let drop =
            modifier || lower.contains_any_case(word) || is_cue_word(word);
        if drop {
            s += 1;
        } else {
            break;
        }
    }
    (s, e)
}

/// Whether `b` has a hyphen: a word of four to sixteen bytes (most of
/// those `trim_run` reads byte by byte, possessives such as `Trump's`)
/// is told by its [`two_loads`], each compared a byte at a time at once
/// ([`bytes_equal`]).
#[inline]
fn has_hyphen(b: &[u8]) -> bool {
    match two_loads(b) {
        Some((x, y)) => bytes_equal(x, b'-') | bytes_equal(y, b'-') != 0,
        None => b.contains(&b'-'),
    }
}

/// The bytes of `b`, of four to sixteen, in two numbers (read
/// little-endian) that hold every one of them and no other byte but
/// zeros: its first and last eight bytes, which overlap, or for fewer
/// than eight its first and last four side by side, and zero. `None` for
/// a shorter or a longer `b`. (Two loads, not a copy of variable length
/// or a loop over the bytes.)
#[inline(always)]
fn two_loads(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    if let (Some(first), Some(last)) =
        (b.first_chunk::<8>(), b.last_chunk::<8>())
        && n <= 16
    {
        Some((u64::from_le_bytes(*first), u64::from_le_bytes(*last)))
    } else if let (Some(first), Some(last)) =
        (b.first_chunk::<4>(), b.last_chunk::<4>())
        && n < 8
    {
        let x = u64::from(u32::from_le_bytes(*first))
            | u64::from(u32::from_le_bytes(*last)) << 32;
        Some((x, 0))
    } else {
        None
    }
}

/// Whether `word` lowercased (as [`with_lower`] has it) is `per`,
/// `said`, `says` or `according`: a cue word, no name.
///
/// Compared as ASCII, without a copy: a word with a char that is not
/// ASCII is none of them either way, as no such char lowercases to
/// ASCII letters of these words (see the test
/// `no_char_but_ascii_lowercases_to_a_cue_word`).
///
/// Most words (every run's first word is asked about) are told by their
/// length alone.
fn is_cue_word(word: &str) -> bool {
    matches!(word.len(), 3 | 4 | 9)
        && CUE_WORDS.iter().any(|c| word.eq_ignore_ascii_case(c))
}

/// The words [`is_cue_word`] tells.
const CUE_WORDS: [&str; 4] = ["per", "said", "says", "according"];

/// `sentence_tail(&drop_parens(&masked))`, written to `buf` (emptied
/// first), where `masked` is `toks` (the tokens of the context before a
/// quote) with every quotation of `quotes` in it reduced to its opening
/// mark: a quotation that ends a sentence (`"quite dangerous."`) keeps
/// its final stop, so the sentence ends there too. `at` is the first
/// quotation ending after the first token (see [`Doc::masks_none`]).
///
/// One pass: a token kept by the mask and by the brackets is pushed,
/// and a sentence end empties `buf`. The masked tokens were copied,
/// read again for brackets (and copied again when there were some),
/// and read back for the last sentence end: on the dialogue benchmark
/// (0.25 MB), where the second quote of a paragraph masks the first,
/// `Doc::before_masked` cost 0.54M instructions for 816 such quotes
/// besides its window and `Doc::before`, and costs 0.42M this way.
fn masked_tail<'t>(
    quotes: &[RawQuote],
    toks: &[Tok<'t>],
    mut at: usize,
    buf: &mut Vec<Tok<'t>>,
) {
    buf.clear();
    // The state of `drop_parens` over the tokens kept by the mask.
    let mut depth = 0i32;
    let mut after_tag = false;
    for t in toks {
        while quotes.get(at).is_some_and(|q| q.outer.end <= t.start()) {
            at += 1;
        }
        let masked = quotes.get(at).is_some_and(|q| {
            q.outer.start < t.start()
                && !(t.end() == q.span.end
                    && matches!(t.text, "." | "?" | "!"))
        });
        if masked {
            continue;
        }
        let was_tag = std::mem::replace(&mut after_tag, false);
        match t.text {
            "(" | "[" => depth += 1,
            ")" | "]" if depth > 0 => depth -= 1,
            // The period of `R-Ky.` ends no sentence.
            "." if was_tag => {}
            _ if is_party_tag(t.text) => after_tag = true,
            // The sentence ends: only what follows is kept.
            "." | "?" | "!" if depth == 0 => buf.clear(),
            _ if depth == 0 => buf.push(*t),
            _ => {}
        }
    }
}

/// [`drop_parens`] of `toks`, tokens of `text` (a token's text is the
/// text of its span, and the tokens are in text order): a window of
/// more than `PAREN_TOKENS` tokens whose bytes hold no token that
/// `drops_from` tells (see [`may_drop`]) is borrowed as it is, told by
/// a search of its bytes, not token by token. On the litbank corpus
/// the windows before quotes, a paragraph's worth of narration, cost
/// eleven instructions a token read one by one.
#[inline]
fn drop_parens_in<'a, 't>(
    text: &str,
    toks: &'a [Tok<'t>],
) -> Cow<'a, [Tok<'t>]> {
    if toks.len() > PAREN_TOKENS
        && let (Some(first), Some(last)) = (toks.first(), toks.last())
        && let Some(bytes) = text.as_bytes().get(first.start()..last.end())
        && !may_drop(bytes)
    {
        return Cow::Borrowed(toks);
    }
    drop_parens(toks)
}

/// The most tokens of a window that [`drop_parens_in`] reads one by
/// one: a search of the bytes of so few costs more to start than the
/// tokens cost to read.
const PAREN_TOKENS: usize = 4;

/// Whether `bytes` may hold a token from which [`drop_parens`] drops:
/// an opening bracket, or a hyphen after `R`, `D` or `I` and before an
/// ASCII capital (a party tag's first three bytes). `false` tells that
/// no token of those bytes is one that `drops_from` tells.
fn may_drop(bytes: &[u8]) -> bool {
    let mut p = 0;
    while let Some(k) =
        bytes.get(p..).and_then(|rest| memchr::memchr3(b'(', b'[', b'-', rest))
    {
        let at = p + k;
        if bytes[at] != b'-' {
            return true;
        }
        if at > 0
            && matches!(bytes[at - 1], b'R' | b'D' | b'I')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_uppercase)
        {
            return true;
        }
        p = at + 1;
    }
    false
}

/// The most tokens of a window that [`Doc::before_masked`] masks with
/// [`masked_tail`] whatever they hold: the search of their bytes that
/// [`masked_tail_plain`] asks for costs more than it saves.
const PLAIN_TOKENS: usize = 16;

/// [`masked_tail`] for quotes in text order, none overlapping the
/// next, and tokens of which none is one that `drops_from` tells (as
/// [`may_drop`] finds of their bytes): no bracket is open and no party
/// tag read anywhere, so what is left is the tokens the mask keeps
/// after the last sentence end it keeps. They are read back from the
/// last token, each masked by the first quotation (from `at` on) that
/// ends after its start (as the walk of `masked_tail` finds it: the
/// quotations end in text order), only up to that sentence end, and
/// put in order at the end. A window of a long paragraph holds a few
/// sentences and a quotation or two before the quote: on the litbank
/// corpus `masked_tail` read forty tokens a window, at twenty-five
/// instructions or more a token. The tokens a quotation masks are
/// passed over by two binary searches, not read.
fn masked_tail_plain<'t>(
    quotes: &[RawQuote],
    toks: &[Tok<'t>],
    at: usize,
    buf: &mut Vec<Tok<'t>>,
) {
    buf.clear();
    let Some(last) = toks.last() else { return };
    // The quotation that may mask the last token: the walk of
    // `masked_tail` from `at` over the few in the window.
    let mut j = at;
    while quotes.get(j).is_some_and(|q| q.outer.end <= last.start()) {
        j += 1;
    }
    let stop = |t: &Tok<'_>| matches!(t.text, "." | "?" | "!");
    let mut k = toks.len();
    while let Some(t) = k.checked_sub(1).and_then(|k| toks.get(k)) {
        while j > at && quotes[j - 1].outer.end > t.start() {
            j -= 1;
        }
        if let Some(q) = quotes.get(j)
            && q.outer.start < t.start()
        {
            // The run of tokens that start inside the quotation, each
            // masked by it (the one before it ends before their
            // starts) but for the stop that ends its words: sought,
            // not read token by token. That stop, kept, ends the
            // sentence.
            let a = toks[..k].partition_point(|t| t.start() <= q.outer.start);
            let run = &toks[a..k];
            let e = run.partition_point(|t| t.end() < q.span.end);
            if run.get(e).is_some_and(|t| t.end() == q.span.end && stop(t)) {
                break;
            }
            k = a;
            continue;
        }
        if stop(t) {
            break;
        }
        buf.push(*t);
        k -= 1;
    }
    buf.reverse();
}

/// `s.trim_end()`, told at once when the last byte of `s` is ASCII and
/// no white space (a quote's words and a paragraph most often end with
/// a mark): `str::trim_end` is called out of line and reads the last
/// char whole, about twenty instructions a call, for every quote of
/// dialogue twice.
#[inline]
fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_blank(b) => s,
        _ => s.trim_end(),
    }
}

/// The tokens outside parentheses and brackets (`Sen. Tim Kaine
/// (D-Va.) said`), borrowed when there are none to drop.
fn drop_parens<'a, 't>(toks: &'a [Tok<'t>]) -> Cow<'a, [Tok<'t>]> {
    // Only an opening bracket or a party tag drops a token (see
    // `drops_from`): a closing bracket outside brackets is kept.
    if !toks.iter().any(drops_from) {
        return Cow::Borrowed(toks);
    }
    let mut depth = 0i32;
    let mut after_tag = false;
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        let was_tag = std::mem::replace(&mut after_tag, false);
        match t.text {
            "(" | "[" => depth += 1,
            ")" | "]" if depth > 0 => depth -= 1,
            // The period of `R-Ky.` ends no sentence.
            "." if was_tag => {}
            _ if is_party_tag(t.text) => after_tag = true,
            _ if depth == 0 => out.push(*t),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Whether [`drop_parens`] drops tokens from `t` on: `t` is an opening
/// bracket or a party tag. Both are told by the token's bytes in one
/// match (most tokens are told by their first byte).
#[inline]
fn drops_from(t: &Tok<'_>) -> bool {
    match t.text.as_bytes() {
        [b'(' | b'['] => true,
        [b'R' | b'D' | b'I', b'-', c, ..] => c.is_ascii_uppercase(),
        _ => false,
    }
}

/// A party-and-state tag after a name (`R-Ky.`, `D-Va`).
fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && matches!(b[0], b'R' | b'D' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
}

/// The tokens after the last sentence end.
fn sentence_tail<'a, 'b>(toks: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    let cut = toks
        .iter()
        .rposition(|t| matches!(t.text, "." | "?" | "!"))
        .map_or(0, |k| k + 1);
    &toks[cut..]
}

/// `sentence_head(&drop_parens(toks))`, told from the tokens up to the
/// first sentence end when no bracket or party tag comes before it
/// (most windows after a quote): `drop_parens` keeps every token before
/// the first of those, so the rest is not read.
fn kept_head<'a, 't>(toks: &'a [Tok<'t>]) -> Cow<'a, [Tok<'t>]> {
    let dropping = toks.iter().position(|t| ends_head(t) || drops_from(t));
    let Some(k) = dropping else {
        // No sentence end and nothing dropped: the whole window.
        return Cow::Borrowed(toks);
    };
    if ends_head(&toks[k]) {
        return Cow::Borrowed(&toks[..k]);
    }
    match drop_parens(toks) {
        Cow::Borrowed(kept) => Cow::Borrowed(sentence_head(kept)),
        Cow::Owned(mut kept) => {
            kept.truncate(sentence_head(&kept).len());
            Cow::Owned(kept)
        }
    }
}

/// The tokens up to the first sentence end.
fn sentence_head<'a, 'b>(toks: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    let cut = toks.iter().position(ends_head).unwrap_or(toks.len());
    &toks[..cut]
}

/// Whether `t` ends the head of a window after a quote (see
/// [`sentence_head`]): a sentence end, or `;`.
#[inline]
fn ends_head(t: &Tok<'_>) -> bool {
    matches!(t.text.as_bytes(), [b'.' | b'?' | b'!' | b';'])
}

/// The tokens before those that start at or after `cue.start`.
fn before_cue<'a, 'b>(toks: &'b [Tok<'a>], cue: Span) -> &'b [Tok<'a>] {
    &toks[..toks.iter().take_while(|t| t.start() < cue.start).count()]
}

/// The tokens from the first one that starts at or after `cue.end`.
fn after_cue<'a, 'b>(toks: &'b [Tok<'a>], cue: Span) -> &'b [Tok<'a>] {
    &toks[toks.iter().take_while(|t| t.start() < cue.end).count()..]
}

fn strip_trailing_stop<'a, 'b>(toks: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    let mut end = toks.len();
    while end > 0 && !toks[end - 1].is_word() {
        end -= 1;
    }
    &toks[..end]
}

/// The phrase after an inverted verb or a preposition: up to the first
/// comma, colon, dash or clause word.
fn clause<'a, 'b>(toks: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    // `of` inside a title (`Secretary of State John Kerry`) ends nothing.
    let in_title = |k: usize| {
        matches!(toks[k].text, "of" | "and")
            && k > 0
            && toks[k - 1].is_cap()
            && toks.get(k + 1).is_some_and(|t| t.is_cap())
    };
    let end = (0..toks.len())
        .find(|&k| {
            let t = &toks[k];
            if in_title(k) {
                return false;
            }
            matches!(t.text, "," | ":" | ";" | "—" | "–" | "\"" | "“" | "”")
                || matches!(
                    t.text,
                    "that"
                        | "who"
                        | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "after"
                        | "before"
                        | "when"
                        | "as"
                        | "to"
                        | "and"
                        | "of"
                )
        })
        .unwrap_or(toks.len());
    &toks[..end]
}

/// The subject in `X, APPOSITION,` (`body` is all before the last
/// delimiter): the appositive when it is a name and X is not, else X.
/// `City, State` pairs count as one segment.
fn apposition<'a, 'b>(
    vocab: &Vocab,
    text: &'a str,
    body: &'b [Tok<'a>],
    delim: &str,
) -> &'b [Tok<'a>] {
    let is_name = |np: &[Tok<'_>]| {
        let np = clause_tail(np);
        let preposition = np
            .first()
            .is_some_and(|t| lower_is_listed(t.text, (OPENERS, &OPENER_KEYS)));
        !preposition
            && matches!(
                read_phrase(vocab, text, np, true),
                Some(Speaker::Name { .. })
            )
    };
    let delims: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, t)| t.text == delim)
        .map(|(k, _)| k)
        .collect();
    // `Mark Holden, chairman of Freedom Partners, the network's arm,`:
    // the first name followed by an appositive is the subject.
    for &k in &delims {
        let opens = body.get(k + 1).is_some_and(|t| {
            t.is_word()
                && !matches!(
                    t.text,
                    "and" | "or" | "but" | "while" | "as" | "then"
                )
                && (!t.is_cap()
                    || matches!(t.text, "A" | "An" | "The")
                    || (t.text.ends_with("'s") || t.text.ends_with("’s")))
        });
        if opens && is_name(&body[..k]) {
            return &body[..k];
        }
    }
    // `her lawyer, David Kendall,`: the appositive is the name.
    let Some(&k) = delims.last() else { return body };
    let last = &body[k + 1..];
    // `Elizabeth, Colorado`: a lone capitalised word is a place.
    let lone_place = last.len() == 1 && k > 0 && body[k - 1].is_cap();
    if !lone_place && is_name(last) {
        return last;
    }
    &body[..k]
}

/// The words after the last clause boundary.
fn clause_tail<'a, 'b>(toks: &'b [Tok<'a>]) -> &'b [Tok<'a>] {
    let start = toks
        .iter()
        .rposition(|t| {
            matches!(
                t.text,
                "," | ";"
                    | ":"
                    | "—"
                    | "–"
                    | "that"
                    | "and"
                    | "but"
                    | "\""
                    | "“"
                    | "”"
            )
        })
        .map_or(0, |k| k + 1);
    &toks[start..]
}

/// The subject phrase before a reporting verb: the end of `pre`, after
/// dropping auxiliaries and adverbs, an appositive between commas and
/// everything before the last clause boundary.
fn subject<'a, 'b>(
    vocab: &Vocab,
    text: &'a str,
    pre: &'b [Tok<'a>],
) -> &'b [Tok<'a>] {
    let mut end = pre.len();
    while end > 0 {
        let t = &pre[end - 1];
        let between = t.is_word()
            && (lower_is_listed(t.text, (BETWEEN, &BETWEEN_KEYS))
                || (!t.is_cap() && lower_ends_with(t.text, "ly")));
        if between {
            end -= 1;
        } else {
            break;
        }
    }
    let mut toks = &pre[..end];
    // `Katie Packer, who is chairman of Our Principles PAC said`: a
    // relative clause left open still hangs on the name before it.
    // The first `, who` with no comma after it is the last comma, when
    // no `, who` comes before it: the last comma is sought from the end
    // (most often a few tokens back), and the tokens before it are read
    // only in the rare case that a `who` follows it.
    let opens_who = |w: &[Tok<'_>]| {
        w[0].text == "," && matches!(w[1].text, "who" | "whose")
    };
    if let Some(k) = toks.iter().rposition(|t| t.text == ",")
        && k > 0
        && toks.get(k..k + 2).is_some_and(opens_who)
        && toks[k - 1].is_cap()
        && !toks[..k].windows(2).any(opens_who)
    {
        toks = &toks[..k];
    }
    // `X, a professor at Y, said` or `X — a teacher — says`: keep X;
    // `her lawyer, David Kendall, wrote`: keep the name.
    if let Some(close) = toks.last().map(|t| t.text)
        && matches!(close, "," | "—" | "–")
    {
        let body = &toks[..toks.len() - 1];
        toks = apposition(vocab, text, body, close);
    }
    let start =
        toks.iter().rposition(|t| bounds_subject(t.text)).map_or(0, |k| k + 1);
    let toks = &toks[start..];
    let cap = toks.len().saturating_sub(10);
    &toks[cap..]
}

/// Whether a token of `text` is a clause boundary before a subject (see
/// [`subject`]): a comma, a colon, a semicolon, a dash, a bracket or a
/// quotation mark (`, ; : — – ( ) " “ ” ‘ ’`), or one of `that`, `and`,
/// `but`, `while`, `as`, `when`, `because`, `after`, `before`, `if`,
/// `where`, `which`, `than`, `said` and `says`. Told by the length
/// first, then the bytes of that length (a `matches!` of the 26 strings
/// compared them one after the other, for each token read).
#[inline]
fn bounds_subject(text: &str) -> bool {
    let b = text.as_bytes();
    match b.len() {
        1 => matches!(b[0], b',' | b';' | b':' | b'(' | b')' | b'"'),
        2 => b == b"as" || b == b"if",
        // `—`, `–`, `“`, `”`, `‘` and `’` are E2 80 and one byte.
        3 => {
            b == b"and"
                || b == b"but"
                || (b[..2] == [0xE2, 0x80]
                    && matches!(b[2], 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D))
        }
        4 => {
            b == b"that"
                || b == b"when"
                || b == b"than"
                || b == b"said"
                || b == b"says"
        }
        5 => b == b"while" || b == b"after" || b == b"where" || b == b"which",
        6 => b == b"before",
        7 => b == b"because",
        _ => false,
    }
}

/// The subject of a sentence: after an opening adverbial that ends
/// with a comma (`At Sunday's debate,`), the first name or pronoun
/// when a lowercase word (its verb) follows it.
fn main_subject<'a, 'b>(
    vocab: &Vocab,
    toks: &'b [Tok<'a>],
) -> Option<&'b [Tok<'a>]> {
    let mut start = 0;
    let first = toks.first()?;
    if first.is_word()
        && with_lower(first.text, |w| {
            matches!(w, "but" | "and" | "yet" | "so")
        })
    {
        start = 1;
    }
    let opener = toks.get(start).is_some_and(|t| {
        t.is_word()
            && (lower_is_listed(t.text, (OPENERS, &OPENER_KEYS))
                || lower_ends_with(t.text, "ing")
                || lower_ends_with(t.text, "ed"))
    });
    if !opener {
        return subject_np(vocab, &toks[start..], false);
    }
    // `Speaking at a town hall in Salem, New Hampshire, Trump went
    // after Bush`: the subject follows the comma after which a phrase
    // runs up to a verb.
    let commas = toks.iter().enumerate().filter(|(_, t)| t.text == ",");
    for (k, _) in commas {
        if let Some(np) = subject_np(vocab, &toks[k + 1..], true) {
            return Some(np);
        }
    }
    None
}

/// The words from the start of `rest` up to its verb; with `strict`, a
/// phrase that ends at a comma instead of a verb is refused.
fn subject_np<'a, 'b>(
    vocab: &Vocab,
    rest: &'b [Tok<'a>],
    strict: bool,
) -> Option<&'b [Tok<'a>]> {
    // The subject ends at its verb: an auxiliary, a past or progressive
    // form, or a comma.
    let verb = rest
        .iter()
        .position(|t| {
            if !t.is_word() {
                return t.text == ",";
            }
            let w = t.text;
            !t.is_cap()
                && !vocab.is_title(w)
                && (AUXILIARIES.contains(&w)
                    || w.ends_with("ed")
                    || w.ends_with("ing")
                    || w.ends_with("says")
                    || w == "said")
        })
        // Else the first lowercase word right after a capitalised one
        // (`Trump openly admires ...`, `Carson took the stage`).
        .or_else(|| {
            (1..rest.len()).find(|&k| {
                rest[k].is_word()
                    && !rest[k].is_cap()
                    && rest[k - 1].is_cap()
                    && !vocab.is_nominal(rest[k].text)
            })
        })?;
    if verb == 0 || verb > 10 || (strict && rest[verb].text == ",") {
        return None;
    }
    Some(&rest[..verb])
}

/// Words that open a sentence before its subject (`At the rally, ...`).
const OPENERS: &[&str] = &[
    "at",
    "in",
    "on",
    "during",
    "after",
    "before",
    "speaking",
    "later",
    "earlier",
    "meanwhile",
    "then",
    "asked",
    "however",
    "still",
    "instead",
    "last",
    "since",
    "while",
    "when",
    "as",
    "with",
    "for",
    "from",
    "here",
    "there",
    "now",
    "today",
    "yesterday",
    "like",
    "unlike",
    "by",
    "under",
    "amid",
    "despite",
    "following",
    "according",
    "of",
    "to",
    "over",
    "through",
    "across",
    "among",
    "within",
    "without",
    "once",
    "if",
    "although",
    "though",
    "because",
    "thus",
    "also",
    "even",
];

/// Auxiliary verbs: where a subject ends.
const AUXILIARIES: &[&str] = &[
    "is", "was", "were", "are", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "did", "does", "do", "went",
    "also", "then",
];

/// The paragraph (between blank lines) that holds `span`.
/// Whether a word right after `before` opens a clause, where its
/// subject stands: the start of a paragraph or sentence, a closing
/// quotation mark, or a conjunction.
fn opens_clause(before: Option<&str>) -> bool {
    matches!(
        before,
        None | Some(
            "." | "!"
                | "?"
                | ";"
                | "\""
                | "”"
                | "’"
                | "and"
                | "but"
                | "then"
                | "when"
                | "while"
                | "as"
        )
    )
}

/// The gender of the first personal pronoun (`he`, `him`, `his`,
/// `himself`; `she`, `her`, `hers`, `herself`) among the words of the
/// first sentence of `rest` after its first: the sentence ends at the
/// first `.`, `?`, `!`, `"`, `“` or `”`, and a word is a run of
/// alphabetic chars (as `split(|c: char| !c.is_alphabetic())` splits
/// it, its first piece skipped).
///
/// The bytes are read eight at a time for the end of the sentence and
/// for `h`, which every pronoun has: only the words with one are read
/// (a pass over every word, a byte at a time, cost news 0.4% more), and
/// only a non-ASCII char is decoded. Kept out of line: inlined in
/// `Doc::new`, its loop shared that function's registers, and cost
/// dialogue 0.2% more.
#[inline(never)]
fn first_pronoun(rest: &str) -> Option<Gender> {
    let b = rest.as_bytes();
    // Where the next eight bytes are read from (a char boundary).
    let mut i = 0;
    loop {
        let x = bytes_or_stops(b, i);
        // The bytes that end the sentence (a byte past the end reads as
        // a `.`) and those of chars that are not ASCII, read one by one.
        // (Only the lowest is read: a byte that is not ASCII makes those
        // after it of `bytes_in_range` meaningless.)
        let special = bytes_equal(x, b'.')
            | bytes_equal(x, b'?')
            | bytes_in_range(x, b'!', b'"') & HIGH_BITS
            | x & HIGH_BITS;
        // Every pronoun has an `h`, first or after an `s`: only the words
        // with one before the first special byte are read.
        let mut hs = bytes_equal(x, b'h');
        if special != 0 {
            hs &= (special & special.wrapping_neg()) - 1;
        }
        while hs != 0 {
            let k = i + hs.trailing_zeros() as usize / 8;
            hs &= hs - 1;
            // The word's start: the `h`, or the `s` before it (the
            // word's first letter is not the first of the text, which is
            // in the first piece).
            let p = match k.checked_sub(1).map(|j| b[j]) {
                Some(b's') => k - 1,
                _ => k,
            };
            let Some(before) = p.checked_sub(1) else {
                continue;
            };
            let starts = match b[before] {
                c if c < 0x80 => !c.is_ascii_alphabetic(),
                _ => !rest
                    .get(..p)
                    .and_then(|r| r.chars().next_back())
                    .is_some_and(char::is_alphabetic),
            };
            if starts && let Some(g) = pronoun_at(rest, p) {
                return Some(g);
            }
        }
        if special == 0 {
            i += 8;
            continue;
        }
        let j = i + special.trailing_zeros() as usize / 8;
        // An ASCII byte here ends the sentence; a char that is not ASCII
        // ends it when it is a curly double quotation mark.
        let c = match b.get(j) {
            Some(&c) if c >= 0x80 => {
                rest.get(j..).and_then(|r| r.chars().next())
            }
            _ => None,
        };
        match c {
            None | Some('“' | '”') => return None,
            Some(c) => i = j + c.len_utf8(),
        }
    }
}

/// The gender of the pronoun that is the word starting at `p` of
/// `rest` (an ASCII letter after a char that is no letter), if it is
/// one: its ASCII letters, up to a char that is no letter.
#[inline(always)]
fn pronoun_at(rest: &str, p: usize) -> Option<Gender> {
    let b = rest.as_bytes();
    let tail = b.get(p..).unwrap_or_default();
    let n = tail
        .iter()
        .take(8)
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(tail.len().min(8));
    let gender = match &tail[..n] {
        b"he" | b"him" | b"his" | b"himself" => Gender::Male,
        b"she" | b"her" | b"hers" | b"herself" => Gender::Female,
        _ => return None,
    };
    // A letter that is not ASCII goes on with the word.
    match tail.get(n) {
        Some(&c) if c >= 0x80 => {
            let next = rest.get(p + n..).and_then(|r| r.chars().next());
            (!next.is_some_and(char::is_alphabetic)).then_some(gender)
        }
        _ => Some(gender),
    }
}

/// The eight bytes of `b` from `i` (at most its length) as one number
/// (little-endian), with a `.` for each byte past the end: the end of
/// the bytes reads as the end of a sentence.
#[inline(always)]
fn bytes_or_stops(b: &[u8], i: usize) -> u64 {
    if let Some(&x) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        return u64::from_le_bytes(x);
    }
    // The `n` bytes left, fewer than eight, shifted down from the last
    // eight (or copied, from bytes fewer than eight), and the stops
    // above them.
    let n = b.len().saturating_sub(i);
    match b.last_chunk::<8>() {
        Some(&x) if n > 0 => {
            u64::from_le_bytes(x) >> (8 * (8 - n)) | splat(b'.') << (8 * n)
        }
        _ => {
            let mut x = [b'.'; 8];
            for (to, &from) in x.iter_mut().zip(b.get(i..).unwrap_or(&[])) {
                *to = from;
            }
            u64::from_le_bytes(x)
        }
    }
}

/// A title in its full lowercase form, so that `Dr.` and `doctor`
/// compare equal: a [`long_key`] when that form is an ASCII word of at
/// most 15 bytes (every title of the lexicon is), so that no string is
/// made for it; the form itself otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
enum TitleKey {
    /// The [`long_key`] of the full lowercase form.
    Packed(u128),
    /// A full lowercase form that has no [`long_key`].
    Text(String),
}

/// The [`long_key`] of a lowercase ASCII word of at most 15 bytes, for
/// the constants of [`title_key`].
const fn title_long_key(word: &str) -> u128 {
    match long_key(word.as_bytes()) {
        Some(key) => key,
        None => panic!("a word of at most 15 ASCII bytes"),
    }
}

/// The abbreviated titles and their full forms, as [`long_key`]s.
const TITLE_ABBREVIATIONS: [(u128, u128); 18] = {
    const PAIRS: [(&str, &str); 18] = [
        ("dr", "doctor"),
        ("capt", "captain"),
        ("col", "colonel"),
        ("gen", "general"),
        ("sgt", "sergeant"),
        ("lt", "lieutenant"),
        ("rev", "reverend"),
        ("prof", "professor"),
        ("sen", "senator"),
        ("gov", "governor"),
        ("rep", "representative"),
        ("pres", "president"),
        ("insp", "inspector"),
        ("det", "detective"),
        ("adm", "admiral"),
        ("maj", "major"),
        ("cpl", "corporal"),
        ("supt", "superintendent"),
    ];
    let mut keys = [(0, 0); 18];
    let mut i = 0;
    while i < PAIRS.len() {
        keys[i] = (title_long_key(PAIRS[i].0), title_long_key(PAIRS[i].1));
        i += 1;
    }
    keys
};

/// The length of the longest abbreviation of [`TITLE_ABBREVIATIONS`]
/// (the top byte of its [`long_key`]).
const TITLE_ABBREVIATION_LEN: u128 = {
    let mut len = 0;
    let mut i = 0;
    while i < TITLE_ABBREVIATIONS.len() {
        let n = TITLE_ABBREVIATIONS[i].0 >> 120;
        if n > len {
            len = n;
        }
        i += 1;
    }
    len
};

/// What the [`title_key`]s of some titles are like, for telling at once
/// most words whose key is none of them: the lengths and the first
/// bytes (their low five bits) of their [`long_key`]s, a bit each.
#[derive(Default)]
struct TitleForms {
    /// Bit `n` for a key of `n` bytes.
    lens: u16,
    /// Bit `b & 31` for a key whose first byte is `b`.
    firsts: u32,
    /// Whether a key is no [`long_key`] (then nothing is told).
    open: bool,
}

impl TitleForms {
    /// Notes the key `key` of a title.
    fn note(&mut self, key: &TitleKey) {
        match key {
            TitleKey::Packed(k) => {
                self.lens |= 1 << (k >> 120);
                self.firsts |= 1 << (k & 31);
            }
            TitleKey::Text(_) => self.open = true,
        }
    }

    /// Whether [`title_key`] of `word` may be one of the keys noted
    /// (`false`: it is none). A word of more than
    /// [`TITLE_ABBREVIATION_LEN`] and at most fifteen ASCII bytes, its
    /// final periods left out, is its own key lowercased; any other
    /// word may be.
    fn may_be(&self, word: &str) -> bool {
        let mut b = word.as_bytes();
        while let [rest @ .., b'.'] = b {
            b = rest;
        }
        let n = b.len();
        match b.first() {
            Some(&first)
                if !self.open
                    && (n as u128) > TITLE_ABBREVIATION_LEN
                    && n <= 15
                    && two_loads(b).map_or_else(
                        || b.is_ascii(),
                        |(x, y)| (x | y) & HIGH_BITS == 0,
                    ) =>
            {
                self.lens >> n & 1 != 0
                    && self.firsts >> (first.to_ascii_lowercase() & 31) & 1
                        != 0
            }
            _ => true,
        }
    }
}

/// A title in its full lowercase form (see [`TitleKey`]): the word with
/// its final periods left out, lowercased, and an abbreviation
/// (`dr`, `sen`) read as its full form. An ASCII word is lowercased
/// into its key in place; only another is lowercased as a string.
fn title_key(word: &str) -> TitleKey {
    let word = word.trim_end_matches('.');
    let key = match read_long_key(word.as_bytes()) {
        Some(key) => key,
        None => {
            let lower = word.to_lowercase();
            match long_key(lower.as_bytes()) {
                Some(key) => key,
                None => return TitleKey::Text(lower),
            }
        }
    };
    // A key has the word's length in its top byte: a word longer than
    // every abbreviation (`President`) is none, told without the search.
    let full = if key >> 120 > TITLE_ABBREVIATION_LEN {
        key
    } else {
        TITLE_ABBREVIATIONS
            .iter()
            .find(|&&(abbr, _)| abbr == key)
            .map_or(key, |&(_, full)| full)
    };
    TitleKey::Packed(full)
}

/// The subject a sentence opens with when it is `He`, `She` or `I`, or
/// a name, followed by a lowercase word (`She took`, `Emma McChesney
/// came`).
fn lead_subject<'a, 'b>(
    vocab: &Vocab,
    toks: &'b [Tok<'a>],
) -> Option<&'b [Tok<'a>]> {
    let first = toks.first()?;
    let follows =
        |k: usize| toks.get(k).is_some_and(|t| t.is_word() && !t.is_cap());
    if matches!(first.text, "He" | "She" | "I") {
        return follows(1).then_some(&toks[..1]);
    }
    let run = name_runs(vocab, toks).next()?;
    (run.0 == 0 && follows(run.1)).then_some(&toks[..run.1])
}

/// The short function words a title keeps in lowercase (`Lord of the
/// Rings`): a word in title case is capitalised or one of these (see
/// [`word_shape`]).
const TITLE_SMALL_WORDS: [&[u8]; 9] =
    [b"of", b"the", b"and", b"in", b"on", b"for", b"a", b"to", b"at"];

/// The words of a quote as [`Doc::kind`] reads them: how many there are
/// (as `split_whitespace` splits them), up to seven (no test tells more
/// from seven), and whether there are two or more and every one is in
/// title case: it opens with an uppercase char or one that is no
/// letter, or it is a short function word (`of`, `the`, ...).
///
/// One pass over the bytes, which stops once both are known: a word
/// starts after white space, and only an ASCII byte or the lead byte
/// of one of the few non-ASCII white space chars can be white space.
fn word_shape(quoted: &str) -> (usize, bool) {
    /// What each byte may be: 0 no white space, 1 ASCII white space,
    /// 2 the lead byte of a char that may be white space (`U+0085`,
    /// `U+00A0`, `U+1680`, `U+2000` to `U+205F`, `U+3000`).
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            class[b] = match b as u8 {
                b' ' | b'\t'..=b'\r' => 1,
                0xC2 | 0xE1 | 0xE2 | 0xE3 => 2,
                _ => 0,
            };
            b += 1;
        }
        class
    };
    /// The length of the white space char at byte `i`, 0 when there is
    /// none (`i` may be inside a char: no continuation byte leads a
    /// char).
    #[inline]
    fn space_at(s: &str, i: usize) -> usize {
        match CLASS[usize::from(s.as_bytes()[i])] {
            0 => 0,
            1 => 1,
            _ => s
                .get(i..)
                .and_then(|r| r.chars().next())
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
        }
    }
    let bytes = quoted.as_bytes();
    if let Some(shape) = ascii_word_shape(bytes, 7) {
        return shape;
    }
    let mut n = 0;
    let mut title = true;
    let mut i = 0;
    while i < bytes.len() {
        let space = space_at(quoted, i);
        if space > 0 {
            i += space;
            continue;
        }
        // A word starts at `i`: past the seventh, only the title-case
        // test reads on.
        n += 1;
        if n >= 7 && !title {
            break;
        }
        let start = i;
        i += 1;
        while i < bytes.len()
            && (CLASS[usize::from(bytes[i])] == 0 || space_at(quoted, i) == 0)
        {
            i += 1;
        }
        if title {
            let w = &quoted[start..i];
            title = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || TITLE_SMALL_WORDS.contains(&w.as_bytes());
        }
    }
    (n.min(7), title && n >= 2)
}

/// [`word_shape`] for a quote whose bytes are ASCII as far as they are
/// read, read eight bytes at a time: a word starts at each byte that is
/// no white space after one that is (or at the start), and only a word
/// that starts with a lowercase letter is read on its own, to tell
/// whether it is one of the short function words. Once a word that is
/// not in title case is found, only the count is left to read, and it
/// is read on only until `cap` words are counted (seven gives
/// [`word_shape`]'s count, which stops at seven; a caller that only
/// needs to know whether there are fewer than `cap` words passes that
/// `cap`): the rest of the quote is not read. `None` when a byte read
/// is not ASCII (then a white space char may be above ASCII).
///
/// With `cap` seven, what is read of a quote whose first words are
/// ASCII gives `word_shape`'s answer for the whole of it: the words
/// that start in the bytes read start there in the whole quote too,
/// and a word told not to be in title case is that word there.
fn ascii_word_shape(bytes: &[u8], cap: usize) -> Option<(usize, bool)> {
    /// The words of `TITLE_SMALL_WORDS`, each as its bytes (at most
    /// three) read little-endian.
    const SMALL_KEYS: [u32; TITLE_SMALL_WORDS.len()] = {
        let words = TITLE_SMALL_WORDS;
        let mut keys = [0; TITLE_SMALL_WORDS.len()];
        let mut k = 0;
        while k < words.len() {
            let mut i = 0;
            while i < words[k].len() {
                keys[k] |= (words[k][i] as u32) << (8 * i);
                i += 1;
            }
            k += 1;
        }
        keys
    };
    // The high bit of each byte below `k` (the bytes are ASCII and
    // `k` at most 0x80: no byte borrows from the next).
    let below =
        |x: u64, k: u8| !((x | HIGH_BITS).wrapping_sub(splat(k))) & HIGH_BITS;
    // Whether the word that starts at byte `p` (a lowercase letter) is
    // one of the function words a title keeps in lowercase (see
    // `SMALL_KEYS`): it has at most three bytes, so only the first four
    // are read (`None` when one of them is not ASCII).
    let small = |p: usize| {
        let w = &bytes[p..bytes.len().min(p + 4)];
        let n = w.iter().position(|&c| is_blank(c)).unwrap_or(w.len());
        w.is_ascii().then_some(())?;
        Some(TITLE_SMALL_WORDS.contains(&&w[..n]))
    };
    let mut n = 0;
    let mut title = true;
    // The high bit of the lowest byte: whether the byte before the
    // chunk is white space (the start of the quote counts as such).
    let mut carry = 0x80;
    let mut p = 0;
    while p < bytes.len() {
        // The next eight bytes, or the last few with spaces after them
        // (read from the last eight bytes of a quote that has eight).
        let x = match bytes.get(p..p + 8) {
            Some(chunk) => {
                u64::from_le_bytes(chunk.try_into().unwrap_or_default())
            }
            None if bytes.len() >= 8 => {
                let last = &bytes[bytes.len() - 8..];
                let cut = 8 * (p + 8 - bytes.len()) as u32;
                (u64::from_le_bytes(last.try_into().unwrap_or_default())
                    >> cut)
                    | (splat(b' ') << (64 - cut))
            }
            None => bytes[p..]
                .iter()
                .rev()
                .fold(splat(b' '), |x, &c| (x << 8) | u64::from(c)),
        };
        if x & HIGH_BITS != 0 {
            return None;
        }
        // The bytes up to the space are white space but for the rare
        // control bytes, told exactly when there are any.
        let mut s = below(x, 0x21);
        if below(x, 0x20) != 0 {
            s = (s & !below(x, 0x20)) | (below(x, 0x0E) & !below(x, 0x09));
        }
        let starts = !s & HIGH_BITS & ((s << 8) | carry);
        if title {
            // The words of the chunk that start with a lowercase letter.
            let mut lower = starts & bytes_in_range(x, b'a', b'z');
            while lower != 0 {
                let j = (lower.trailing_zeros() / 8) as usize;
                // A word that starts in the first five bytes of the
                // chunk has its first four bytes in it, ASCII and with
                // their white space told: it is small when white space
                // ends it among them and the bytes before that are a
                // small word's. One that starts later is read from
                // `bytes`.
                let is_small = if j <= 4 {
                    let spaces = (s >> (8 * j)) as u32 & 0x8080_8080;
                    let n = spaces.trailing_zeros() / 8;
                    spaces != 0
                        && SMALL_KEYS.contains(
                            &((x >> (8 * j)) as u32 & ((1 << (8 * n)) - 1)),
                        )
                } else {
                    small(p + j)?
                };
                if !is_small {
                    title = false;
                    break;
                }
                lower &= lower - 1;
            }
        }
        // One bit a word start, summed into the top byte.
        n += ((starts >> 7).wrapping_mul(splat(1)) >> 56) as usize;
        if n >= cap && !title {
            break;
        }
        carry = s >> 56;
        p += 8;
    }
    Some((n.min(7), title && n >= 2))
}

fn paragraph_around(text: &str, span: Span) -> Span {
    let start = rfind_pair(&text.as_bytes()[..span.start], *b"\n\n")
        .map_or(0, |k| k + 2);
    let end = find_pair(&text.as_bytes()[span.end..], *b"\n\n")
        .map_or(text.len(), |k| span.end + k);
    Span::new(start, end)
}

/// Where the two bytes `pair` first occur in `s` (as `str::find` with a
/// two-byte ASCII needle), found with memchr: the two-way searcher costs
/// more to set up than a short search takes, and these run for every
/// quote with a cue.
fn find_pair(s: &[u8], pair: [u8; 2]) -> Option<usize> {
    memchr::memchr_iter(pair[0], s).find(|&k| s.get(k + 1) == Some(&pair[1]))
}

/// Where the two bytes `pair` last occur in `s` (as `str::rfind`).
fn rfind_pair(s: &[u8], pair: [u8; 2]) -> Option<usize> {
    memchr::memrchr_iter(pair[0], s).find(|&k| s.get(k + 1) == Some(&pair[1]))
}

/// Where the sentence of byte `i` starts, read back to `from` (the
/// start of its context, [`context_start`]).
fn sentence_start_before(text: &str, from: usize, i: usize) -> usize {
    let s = &text[from..i];
    rfind_pair(s.as_bytes(), *b". ").map_or(from, |k| from + k + 2)
}

/// Where the sentence of byte `i` ends, read on to `to` (the end of its
/// context, [`context_end`]).
fn sentence_end_after(text: &str, i: usize, to: usize) -> usize {
    let s = &text[i..to];
    find_pair(s.as_bytes(), *b". ").map_or(to, |k| i + k + 1)
}

#[cfg(test)]
mod tests {
    use crate::Extractor;

    /// The `Doc` of `text` with its quotes (as `scan::find_spans` finds
    /// them) and its paragraphs, built from a fresh scratch.
    fn test_doc<'c, 't>(
        cues: &'c super::Cues,
        text: &'t str,
        quotes: &'c [crate::scan::RawQuote],
    ) -> super::Doc<'c, 't> {
        let paras = crate::text::paragraphs(text);
        super::Doc::new(
            cues,
            text,
            quotes,
            &mut super::Scratch { paras, ..Default::default() },
        )
    }

    /// `rounds` texts, each of `min` to `min + spread - 1` pieces drawn
    /// from `pieces` by a fixed generator seeded with `seed`.
    fn piece_texts(
        pieces: &[&str],
        mut seed: u64,
        rounds: usize,
        min: usize,
        spread: usize,
    ) -> impl Iterator<Item = String> {
        (0..rounds).map(move |round| {
            let mut text = String::new();
            for _ in 0..(min + round % spread) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            text
        })
    }

    #[test]
    fn scratch_keeps_the_room_of_small_vectors_only() {
        use super::{MAX_KEPT_BYTES, Names, Scratch, Span};
        let mut s = Scratch::default();
        s.toks.reserve(MAX_KEPT_BYTES / size_of::<super::Tok<'_>>() + 1);
        s.hits.reserve(10);
        s.paras.push(Span::new(0, 1));
        s.runs.push((1, 2, 3));
        s.names = Names::default().reuse(MAX_KEPT_BYTES / 8, 0);
        s.reset();
        assert_eq!(s.toks.capacity(), 0, "too big to keep");
        assert_eq!(s.names.room(), 0, "too big to keep");
        assert!(s.hits.capacity() >= 10);
        assert!(s.paras.is_empty() && s.paras.capacity() >= 1);
        assert!(s.runs.is_empty() && s.runs.capacity() >= 1);
        s.names = Names::default().reuse(100, 200);
        let room = s.names.room();
        s.reset();
        assert_eq!(s.names.room(), room, "small enough to keep");
        // Vectors each small enough, but too many bytes together.
        for _ in 0..5 {
            s.reset();
            s.hits.reserve(MAX_KEPT_BYTES / size_of::<super::Hit>());
            s.runs.reserve(MAX_KEPT_BYTES / 24);
        }
        s.reset();
        assert!(s.hits.capacity() > 0 && s.runs.capacity() > 0);
        s.stops.reserve(MAX_KEPT_BYTES / 8);
        s.toks.reserve(MAX_KEPT_BYTES / 24);
        s.para_toks.reserve(MAX_KEPT_BYTES / 8);
        s.reset();
        assert_eq!(
            s.hits.capacity(),
            0,
            "{} bytes in all",
            4 * MAX_KEPT_BYTES
        );
        assert_eq!(s.names.room(), 0);
    }

    #[test]
    fn title_forms_turn_down_no_word_of_a_noted_key() {
        use super::{TitleForms, title_key};
        let words = [
            "doctor",
            "Doctor.",
            "dr",
            "Dr.",
            "DOCTOR",
            "doctors",
            "docent",
            "president",
            "President",
            "pres.",
            "Presidents",
            "senator",
            "Sen",
            "señora",
            "Señora",
            "KELVIN",
            "\u{212a}elvin",
            "captain",
            "capt",
            "a",
            "the",
            "governor-general",
            "x.",
            "...",
            "",
            "superintendent",
            "Superintendent.",
            "representatives",
        ];
        for title in words {
            let mut forms = TitleForms::default();
            forms.note(&title_key(title));
            for word in words {
                if title_key(word) == title_key(title) {
                    assert!(forms.may_be(word), "{word} {title}");
                }
            }
        }
    }

    #[test]
    fn has_hyphen_is_contains_a_hyphen() {
        // Every length up to past sixteen, a hyphen at each place (or
        // none), among bytes next to it in value and bytes above ASCII.
        for n in 0..=20 {
            for fill in [b'a', b',', b'.', b'/', 0x80, 0xAC, 0xAD, 0xFF, 0] {
                let mut b = vec![fill; n];
                assert_eq!(super::has_hyphen(&b), b.contains(&b'-'), "{b:?}");
                for k in 0..n {
                    b[k] = b'-';
                    assert!(super::has_hyphen(&b), "{b:?}");
                    b[k] = fill;
                }
            }
        }
        for w in ["Trump's", "Australian-born", "co-", "-", "O’Neill-"] {
            assert_eq!(
                super::has_hyphen(w.as_bytes()),
                w.contains('-'),
                "{w}"
            );
        }
    }

    #[test]
    fn two_loads_hold_every_byte_and_no_other() {
        // A byte set at each place of a word of each length is in one of
        // the two numbers, and a word of zeros gives zeros.
        for n in 0..=20 {
            let zeros = vec![0u8; n];
            let loads = super::two_loads(&zeros);
            assert_eq!(loads.is_some(), (4..=16).contains(&n), "{n}");
            assert!(loads.is_none_or(|(x, y)| x | y == 0), "{n}");
            for k in 0..n {
                let mut b = zeros.clone();
                b[k] = 0x80;
                if let Some((x, y)) = super::two_loads(&b) {
                    assert_ne!((x | y) & super::HIGH_BITS, 0, "{n} {k}");
                }
            }
        }
    }

    #[test]
    fn title_key_reads_an_abbreviation_as_its_full_form() {
        use super::{TITLE_ABBREVIATION_LEN, TitleKey, title_key};
        assert_eq!(TITLE_ABBREVIATION_LEN, 4);
        let same = [
            ("Dr.", "doctor"),
            ("SUPT", "Superintendent"),
            ("capt.", "Captain"),
            ("Sen", "senator"),
            ("President", "president"),
        ];
        for (a, b) in same {
            assert_eq!(title_key(a), title_key(b), "{a}");
        }
        assert_ne!(title_key("Mr."), title_key("Mrs."));
        assert_ne!(title_key("Drs"), title_key("doctor"));
        assert_eq!(title_key("Señora"), TitleKey::Text("señora".to_owned()));
    }

    #[test]
    fn no_general_punctuation_is_alphabetic() {
        use super::is_general_punctuation_before;
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!c.is_alphabetic());
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(is_general_punctuation_before(b, 3));
        }
        assert!(!is_general_punctuation_before("aé".as_bytes(), 3));
        assert!(!is_general_punctuation_before("\u{2071}".as_bytes(), 3));
    }

    #[test]
    fn word_before_a_nounish_cue_read_back_as_the_general_code() {
        use super::{ascii_word_back, floor_boundary, run_back};
        let pieces = [
            "The",
            "x-ray",
            "don't",
            "Obama’s",
            "é",
            "“",
            "—",
            " ",
            "\n",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            ",",
            "\"",
            "1",
            "Été",
            "_",
            "a.b",
            "abcdefgh",
            "Reuters-'9x",
        ];
        let texts = crate::text::three_piece_texts(&pieces, |a, b, c| {
            format!("{a}{b} {c}")
        });
        let mut fast = 0;
        for text in &texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&k| text.is_char_boundary(k))
                .collect();
            for &end in &bounds {
                for lo in [
                    0,
                    floor_boundary(text, end.saturating_sub(3)),
                    floor_boundary(text, end.saturating_sub(8)),
                    floor_boundary(text, end.saturating_sub(9)),
                ] {
                    // What `reads_as_noun` read before: the word, and
                    // whether its chars pass the test.
                    let start =
                        run_back(text, lo, end, |c| !c.is_whitespace());
                    let passes = text[start..end].chars().all(|c| {
                        c.is_alphanumeric()
                            || c == '-'
                            || c == '\''
                            || c == '’'
                    });
                    match ascii_word_back(text.as_bytes(), lo, end) {
                        Some(Some(k)) => {
                            assert_eq!((k, passes), (start, true), "{text:?}");
                            fast += 1;
                        }
                        None => assert!(!passes, "{text:?} {end}"),
                        Some(None) => {}
                    }
                }
            }
        }
        assert!(fast > 1000);
    }

    #[test]
    fn only_ascii_letters_lowercase_to_verb_context_words() {
        use super::{
            VERB_CONTEXT, WHO_KEY, is_verb_context_key, letters_key_any_case,
        };
        // No char but an ASCII one lowercases to ASCII alone, but the
        // Kelvin sign (to `k`, in no word of the list): a word with
        // another char is none of the words when lowercased. Nor does
        // one lowercase to chars whose last is an ASCII letter but `k`:
        // a word whose last bytes are none of `s` or `ly` in either
        // case does not end so when lowercased.
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let lower = c.to_lowercase().collect::<String>();
            let last = lower.chars().next_back();
            assert!(!lower.is_ascii() || lower == "k", "{c:?}");
            assert!(last.is_some_and(|l| !l.is_ascii()) || lower == "k");
        }
        for w in ["Στάσεις", "ΣΑΣ", "Hoſ", "İ", "oddLY", "Apples", "x’s"]
        {
            let lower = w.to_lowercase();
            let b = w.as_bytes();
            let fold = |k: usize| b[b.len() - k..].to_ascii_lowercase();
            assert_eq!(lower.ends_with('s'), fold(1) == b"s", "{w}");
            assert_eq!(lower.ends_with("ly"), fold(2) == b"ly", "{w}");
        }
        assert!(VERB_CONTEXT.iter().chain(&["who"]).all(|w| !w.contains('k')));
        let key = |w: &str| letters_key_any_case(w.as_bytes());
        for w in ["who", "Who", "WHO"] {
            assert_eq!(key(w), Some(WHO_KEY));
        }
        let listed = |w: &str| key(w).is_some_and(is_verb_context_key);
        for w in VERB_CONTEXT {
            assert!(listed(w) && listed(&w.to_uppercase()), "{w}");
        }
        for w in ["an", "ands", "government", "ORs", "whom", "x", "does't"] {
            assert!(!listed(w), "{w}");
        }
    }

    #[test]
    fn second_word_before_is_word_before() {
        use super::{floor_boundary, second_word_before, word_before};
        let pieces = [
            "did",
            "x-ray",
            "Obama’s",
            "é",
            "“",
            " ",
            "  ",
            "\n",
            "\u{b}",
            "\u{c}",
            "\u{a0}",
            "\u{85}",
            ",",
            "abcdefgh",
            "a.b",
            "\t",
        ];
        let texts = crate::text::three_piece_texts(&pieces, |a, b, c| {
            format!("{a}{b} {c} ")
        });
        for text in &texts {
            for end in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                for lo in [
                    0,
                    floor_boundary(text, end.saturating_sub(3)),
                    floor_boundary(text, end.saturating_sub(9)),
                    floor_boundary(text, end.saturating_sub(12)),
                ] {
                    assert_eq!(
                        second_word_before(text, lo, end),
                        word_before(text, lo, end),
                        "{text:?} {lo} {end}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_before_a_verb_read_at_once_as_byte_by_byte() {
        use super::{
            BE, DETERMINERS, determiner_or_be, determiner_or_be_before,
            listed_word_before,
        };
        let mut pieces = vec![
            "The",
            "tHeIr",
            "x",
            "é",
            "“",
            "—",
            " ",
            "\n",
            "abcdefgh",
            ",",
            "’s",
            "1",
            "Été",
            "ÉTÉ",
            "a\u{2071}",
        ];
        pieces.extend(DETERMINERS.iter().chain(BE));
        let texts = crate::text::three_piece_texts(&pieces, |a, b, c| {
            format!("said {a}{b} {c}")
        });
        let mut listed = 0;
        for text in &texts {
            for end in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let want = determiner_or_be(listed_word_before(text, end));
                assert_eq!(
                    determiner_or_be_before(text, end),
                    want,
                    "{text:?} {end}"
                );
                listed += usize::from(want.0 || want.1);
            }
        }
        assert!(listed > 1000);
    }

    /// `after_to` as it read the words before the verb one char at a
    /// time, before [`super::after_to_at_once`].
    fn after_to_by_chars(text: &str, s: usize, end: usize) -> bool {
        use super::{Span, floor_boundary, run_back, word_at, word_before};
        let lo = floor_boundary(text, s.saturating_sub(24));
        let e1 = end.max(lo);
        let s1 = Span::new(run_back(text, lo, e1, |c| !c.is_whitespace()), e1);
        let w1 = word_at(text, s1);
        let w2 = || word_at(text, word_before(text, lo, s1.start));
        w1 == "to"
            || ((w1.ends_with("ly") || super::TO_ADVERBS.contains(&w1))
                && w2() == "to")
    }

    #[test]
    fn after_to_read_at_once_as_by_chars() {
        use super::after_to;
        let pieces = [
            "to", "To", "not", "fully", "really", "ly", "better", "further",
            "x", "é", "\u{a0}", " ", "\n", "\u{b}", "\t", "abcdefgh", "’",
            ",", "ton", "oto",
        ];
        let texts = crate::text::three_piece_texts(&pieces, |a, b, c| {
            format!("said it {a} {b}{c} explain")
        });
        let mut infinitives = 0;
        for text in &texts {
            let Some(s) = text.rfind(" explain").map(|k| k + 1) else {
                continue;
            };
            for end in (0..=s).filter(|&k| text.is_char_boundary(k)) {
                let want = after_to_by_chars(text, s, end);
                assert_eq!(after_to(text, s, end), want, "{text:?} {end}");
                infinitives += usize::from(want);
            }
        }
        assert!(infinitives > 100);
    }
    use crate::lexicon::Gender;

    #[test]
    fn first_pronoun_reads_words_as_split_does() {
        // The words as `Doc::new` once split them.
        let by_split = |rest: &str| {
            let sentence = rest
                .split(['.', '?', '!', '"', '“', '”'])
                .next()
                .unwrap_or("");
            sentence.split(|c: char| !c.is_alphabetic()).skip(1).find_map(
                |w| match w {
                    "he" | "him" | "his" | "himself" => Some(Gender::Male),
                    "she" | "her" | "hers" | "herself" => Some(Gender::Female),
                    _ => None,
                },
            )
        };
        for rest in [
            "Holmes lit his pipe",
            "he said he would",
            "Éloïse thought ähe she",
            "Ann, her; his",
            "Ann. his",
            "Ann “his” her",
            "Ann ” her",
            "Ann—her",
            "Ann heré his",
            "Ann's himself",
            "Ann hers",
            "Ann  he",
            "",
            "he",
            "Ann he!",
            "Ann 1he 2she",
            "Annabel Lee said his",
            "Annabel Lee's friend herself",
            "Annabel Lee's friend, a fellow, said herself",
            "A",
            "Abc d",
            "Abcdefg he",
            "Abcdefgh he",
            "Abcdefghi he",
            "Abcdefg hé",
            "Abcdefg he’",
            "Abcdefg ’he",
            "Abcdefghijklmnopq: she",
            "Abcdefghijklmnopq: herselfish she",
            "Abcdefghijklmnopq: herselF she",
        ] {
            assert_eq!(super::first_pronoun(rest), by_split(rest), "{rest}");
        }
        // Strings of pieces of pronouns, marks, white space and chars
        // that are not ASCII (letters and not), of up to twenty pieces:
        // the words and the sentence's end fall at every place in the
        // eight bytes read at once.
        let pieces = [
            "h", "he", "she", "im", "is", "er", "self", "rs", "s", "A", "x",
            " ", ",", ".", "!", "?", "\"", "#", "“", "”", "é", "—", "’", "1",
            "-",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rest = String::new();
        for _ in 0..50_000 {
            rest.clear();
            for _ in 0..seed % 21 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                rest.push_str(pieces[(seed >> 32) as usize % pieces.len()]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            assert_eq!(super::first_pronoun(&rest), by_split(&rest), "{rest}");
        }
    }

    #[test]
    fn builtin_lexicon_builds() {
        let _ = Extractor::new();
    }

    #[test]
    fn outlets_of_one_and_two_letters_are_found() {
        // (The outlet search keeps the patterns of one or two bytes
        // apart from its prefilter.)
        let mut lexicon = crate::Lexicon::builtin();
        lexicon.set("sources.txt", "X\nAP\nXinhua\nThe Times\n").unwrap();
        let ex = Extractor::with_lexicon(&lexicon).unwrap();
        for (text, want) in [
            ("\"We will win,\" Smith told AP.", Some("AP")),
            ("\"We will win,\" Smith told AP", Some("AP")),
            ("\"We will win,\" Smith wrote on X.", Some("X")),
            ("\"We will win,\" Smith wrote on X", Some("X")),
            ("\"We will win,\" Smith told Xinhua.", Some("Xinhua")),
            ("\"We will win,\" Smith told The Times.", Some("The Times")),
            ("\"We will win,\" Smith told APTN.", None),
            ("\"We will win,\" Smith told Xu.", None),
        ] {
            let quotes = ex.extract(text);
            let source = quotes[0].source().map(|s| &*s.text);
            assert_eq!(source, want, "{text}");
        }
    }

    #[test]
    fn windows_are_tokenized_as_on_their_own() {
        let cues = super::Cues::new(&crate::Lexicon::builtin()).unwrap();
        let text = "Sen. J. Smith's U.S. e-mail, O'Neill's 3.5 - \u{201c}A \
                    word\u{201d} \"x\" 'y'  \u{a0}AT&T.\n\n Mr. Ng\u{2019}s \
                    rock'n'roll R-Ky. said: \"Go.\"\nend.";
        let quotes = crate::scan::find_spans(text);
        let doc = test_doc(&cues, text, &quotes);
        let ends: Vec<usize> =
            (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &ends {
            for &b in ends.iter().rev() {
                let span = crate::Span::new(a, b);
                assert_eq!(
                    *doc.window(span),
                    crate::speaker::tokens(text, span),
                    "{a}..{b}"
                );
            }
        }
    }

    #[test]
    fn windows_of_a_long_text_are_tokenized_as_on_their_own() {
        let cues = super::Cues::new(&crate::Lexicon::builtin()).unwrap();
        let piece = "Sen. J. Smith's U.S. e-mail, O'Neill's 3.5 - \u{201c}A \
                     word\u{201d} \"x\" 'y'  \u{a0}AT&T.\n\n Mr. Ng\u{2019}s \
                     rock'n'roll R-Ky. said: \"Go.\"\nend. ";
        let text = piece.repeat(300);
        let quotes = crate::scan::find_spans(&text);
        let doc = test_doc(&cues, &text, &quotes);
        assert!(doc.toks.is_empty(), "the text is long");
        let ends: Vec<usize> =
            (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        // Windows in text order, of many lengths, with a step back now
        // and then, and a few long ones.
        let mut k = 0usize;
        let mut spans = vec![];
        while k + 1 < ends.len() {
            let len = [1, 2, 5, 13, 40, 3][k % 6];
            let a = ends
                [k.saturating_sub(if k.is_multiple_of(7) { 50 } else { 0 })];
            let b = ends[(k + len).min(ends.len() - 1)];
            spans.push(crate::Span::new(a, b));
            if k.is_multiple_of(997) {
                spans.push(crate::Span::new(
                    a,
                    ends[(k + 9000).min(ends.len() - 1)],
                ));
            }
            k += 1 + k % 4;
        }
        for span in spans {
            assert_eq!(
                *doc.window(span),
                crate::speaker::tokens(&text, span),
                "{span:?}"
            );
        }
    }

    #[test]
    fn quotes_that_call_no_one_have_no_run_the_narrator_counts() {
        // `Doc::vocative` skips a quote that `calls_no_one` and
        // `Doc::narrator` one that `calls_out_to_no_one`: none of its
        // name runs may be placed as one called out to.
        let cues = super::Cues::new(&crate::Lexicon::builtin()).unwrap();
        let pieces = [
            "\"Watson, come here.\" ",
            "\"Come here, Watson.\" ",
            "\"Holmes went home.\" ",
            "\"Holmes went, Watson!\" ",
            "\"Good day sir.\" ",
            "\"My dear Holmes!\" ",
            "\"Mary Ann said no; Ann!\" ",
            "\"Jr is here.\" ",
            "\"Sam jr, go\" ",
            "\"Ann iii went\" ",
            "\"Ann of Cleves went\" ",
            "\"Ann the Great\" ",
            "\"Ada yes\" ",
            "\"Dear me.\" ",
            "\"Sir Walter\" ",
            "\"Zo\u{eb} went, Ben.\" ",
            "\"Wait. Holmes!\" ",
            "\"It's late, Holmes.\" ",
            "\"We're here, my Holmes\" ",
            "\"It's Holmes\" ",
            "\"Ann-Marie went home\" ",
            "\"Ann-Marie\" ",
            "\"Then I went, dEAR Ann.\" ",
            "\"Then I went,Ann\" ",
            "\"Ann van Berg\" ",
            "\"Ann de la Cruz went\" ",
            "\"Ann st. Ives\" ",
            "\"Go\u{a0}Ann.\" ",
            "\"Go \u{b}Ann.\" ",
            "\"go (Ann).\" ",
            "\"\u{c9}lodie went. Ann\" ",
            "\"Tommy Ann went\" ",
            "\"it\u{2019}s Ann's day\" ",
            "\"O'Neill went, then I went\" ",
            "I said. ",
            "Holmes said. ",
            "\n",
        ];
        let (mut skipped, mut counted, mut told) = (0, 0, 0);
        for text in piece_texts(&pieces, 11, 3000, 2, 13) {
            let quotes = crate::scan::find_spans(&text);
            let doc = test_doc(&cues, &text, &quotes);
            for (k, q) in quotes.iter().enumerate() {
                let toks = doc.window(q.span);
                let called = crate::speaker::name_runs(&cues.vocab, &toks)
                    .filter(|&run| super::Doc::called_out(&toks, run))
                    .count();
                let bytes = text.as_bytes().get(q.span.start..q.span.end);
                let quote = &text[q.span.start..q.span.end];
                if bytes.is_some_and(super::calls_out_to_no_one) {
                    assert_eq!(called, 0, "{quote:?}");
                    told += 1;
                }
                if doc.calls_no_one(k) {
                    assert_eq!(called, 0, "{quote:?}");
                    skipped += 1;
                } else {
                    counted += called;
                }
            }
        }
        assert!(
            skipped > 300 && counted > 300 && told > skipped,
            "{skipped} {counted} {told}"
        );
    }

    #[test]
    fn ends_before_a_word_knows_every_particle_and_suffix() {
        // `ends_before_a_word` reads the particles and suffixes a run
        // takes in, periods dropped: a word after one is never told to
        // end there.
        use crate::speaker::{PARTICLES, SUFFIXES};
        for w in PARTICLES.iter().chain(SUFFIXES) {
            for w in [w.to_string(), w.to_uppercase(), w.replace('.', "")] {
                let tail = format!("Ann {w} Berg");
                assert!(!super::ends_before_a_word(tail.as_bytes()), "{w}");
            }
        }
        for tail in ["Ann went", "It's late", "Ann-Marie went", "Ann dell x"] {
            assert!(super::ends_before_a_word(tail.as_bytes()), "{tail}");
        }
        for tail in ["Ann", "Ann ", "Ann Went", "Ann, went", "Ann1 went"] {
            assert!(!super::ends_before_a_word(tail.as_bytes()), "{tail}");
        }
    }

    #[test]
    fn patched_windows_read_on_to_the_first_white_space() {
        // Windows whose start cuts a token that marks, not white space,
        // follow (`said,`, `U.S.)`), with white space later or never,
        // or only a no-break space: `Doc::patched` tokenizes up to the
        // first ASCII white space and takes the text's tokens after it.
        let cues = super::Cues::new(&crate::Lexicon::builtin()).unwrap();
        let text = "He said,\"no\" (U.S.)-x;y: a.b.\u{a0}Jr.,z \t\"q\"\n\
                    r\u{e9}sum\u{e9}s\u{2019}. Mr.Ng\u{2019}s,end";
        let quotes = crate::scan::find_spans(text);
        let doc = test_doc(&cues, text, &quotes);
        assert!(!doc.toks.is_empty());
        let ends: Vec<usize> =
            (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut read_on = 0;
        for (k, &a) in ends.iter().enumerate() {
            let Some(cut) =
                doc.toks.iter().find(|t| t.start() < a && a < t.end())
            else {
                continue;
            };
            for &b in &ends[k + 1..] {
                let span = crate::Span::new(a, b);
                assert_eq!(
                    doc.patched(&doc.toks, span),
                    crate::speaker::tokens(text, span),
                    "{a}..{b}"
                );
                let after = text.as_bytes().get(cut.end()).copied();
                if b > cut.end()
                    && !after.is_some_and(|c| c.is_ascii_whitespace())
                    && text[cut.end()..b].contains([' ', '\n', '\t'])
                {
                    read_on += 1;
                }
            }
        }
        // The case `patched` used to tokenize whole is met, many times.
        assert!(read_on > 100, "{read_on}");
    }

    #[test]
    fn windows_that_cut_tokens_are_tokenized_as_on_their_own() {
        // Tokens whose pieces tokenize otherwise (`aJ.` has `J.`), some
        // followed by white space and some not, in a short text and in
        // a long one.
        let cues = super::Cues::new(&crate::Lexicon::builtin()).unwrap();
        let piece = "aJ. x-Y. U.S\tab.Cd e\u{2019}S. AT&T.x 3.5x \"Q\" \
                     r\u{e9}sum\u{e9}-Z.\u{a0}k\u{2019} Jr.\nn'K.\r\n";
        for text in [piece.to_owned(), piece.repeat(400)] {
            let quotes = crate::scan::find_spans(&text);
            let doc = test_doc(&cues, &text, &quotes);
            let ends: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let from = ends.len() / 2;
            for (k, &a) in ends.iter().enumerate().skip(from).take(120) {
                for &b in &ends[k..(k + 90).min(ends.len())] {
                    let span = crate::Span::new(a, b);
                    assert_eq!(
                        *doc.window(span),
                        crate::speaker::tokens(&text, span),
                        "{a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn masked_tails_are_the_masked_windows_last_sentences() {
        // `masked_tail` against the passes it replaced: the window with
        // its quotations reduced to their opening marks (as the walk of
        // `masks_none` finds them), without brackets and party tags,
        // from its last sentence end on. Contexts of every quote of
        // texts of quotes, brackets, tags and stops in many orders, and
        // every span ending at a quote's opening mark.
        use super::{
            drop_parens, masked_tail, masked_tail_plain, may_drop,
            sentence_tail,
        };
        use crate::speaker::Tok;
        let cues = super::Cues::new(&crate::Lexicon::builtin()).unwrap();
        let pieces = [
            "Smith said ",
            "\"We won.\" ",
            "\"so (very) big\" ",
            "(as Jones, R-Ky. put it) ",
            "[sic] ",
            "Lee (D-Va.) said. ",
            "\"Why?\" ",
            "\"a\" ",
            "it was \"quite dangerous.\" ",
            "Then! ",
            ") ",
            "called it ",
            "Rand Paul, R-Ky. said ",
            "\"One. Two? Three\" ",
            "\"Four!\" she said. ",
            "a well-known man ",
        ];
        for mut text in piece_texts(&pieces, 7, 300, 3, 17) {
            text.push_str("\"End.\"");
            let quotes = crate::scan::find_spans(&text);
            let doc = test_doc(&cues, &text, &quotes);
            let mut buf = vec![];
            for (i, q) in quotes.iter().enumerate() {
                for start in
                    (0..=q.outer.start).filter(|&s| text.is_char_boundary(s))
                {
                    let span = crate::Span::new(start, q.outer.start);
                    let toks = doc.window(span);
                    let (_, at) = doc.masks_none(&toks, i);
                    // The passes of before: the mask's walk, copied.
                    let mut k = at;
                    let masked: Vec<Tok<'_>> = toks
                        .iter()
                        .filter(|t| {
                            while quotes
                                .get(k)
                                .is_some_and(|q| q.outer.end <= t.start())
                            {
                                k += 1;
                            }
                            quotes.get(k).is_none_or(|q| {
                                q.outer.start >= t.start()
                                    || (t.end() == q.span.end
                                        && matches!(t.text, "." | "?" | "!"))
                            })
                        })
                        .copied()
                        .collect();
                    let kept = drop_parens(&masked);
                    masked_tail(&quotes, &toks, at, &mut buf);
                    assert_eq!(buf, sentence_tail(&kept), "{text:?} {span:?}");
                    // `masked_tail_plain` where `Doc::before_masked` may
                    // ask for it: quotes in order, and no bracket or
                    // party tag in the window's bytes.
                    if doc.ordered
                        && !may_drop(&text.as_bytes()[start..q.outer.start])
                    {
                        masked_tail_plain(&quotes, &toks, at, &mut buf);
                        assert_eq!(
                            buf,
                            sentence_tail(&kept),
                            "{text:?} {span:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn trim_end_trims_as_str_does() {
        // Every char that ends a string, ASCII or not, white space
        // (`\u{b}`, `\u{85}` and `\u{a0}` among them) or not.
        for c in ('\0'..='\u{3000}').chain(['\u{feff}', '\u{1f600}']) {
            for s in [format!("ab{c}"), format!("{c}"), format!("a {c} ")] {
                assert_eq!(super::trim_end(&s), s.trim_end(), "{s:?}");
            }
        }
        assert_eq!(super::trim_end(""), "");
    }

    #[test]
    fn windows_searched_by_their_bytes_keep_what_drop_parens_keeps() {
        // `drop_parens_in` against `drop_parens`, over every run of the
        // tokens of texts of brackets, party tags, hyphens that start
        // none (`re-elected`, `X-ray`, `R-`, `-D`), stops and words.
        use super::{drop_parens, drop_parens_in};
        let pieces = [
            "Smith said ",
            "(as Jones, R-Ky. put it) ",
            "[sic] ",
            "Lee (D-Va.) said. ",
            "the re-elected mayor ",
            "an X-ray of I-95 ",
            "R- and -D ",
            "R-x ",
            "I-Ohio. ",
            ") ",
            "well-known ",
            "\"a\" ",
        ];
        for text in piece_texts(&pieces, 11, 200, 3, 12) {
            let toks =
                crate::speaker::tokens(&text, crate::Span::new(0, text.len()));
            for a in 0..toks.len() {
                for b in a..=toks.len() {
                    let run = &toks[a..b];
                    assert_eq!(
                        *drop_parens_in(&text, run),
                        *drop_parens(run),
                        "{text:?} {a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_name_after_a_no_break_space_does_not_panic() {
        let text = "He left early.\n\n\"Hi there,\" said Left\u{a0}Smith.";
        let quotes = Extractor::new().extract(text);
        let m = quotes[0].mention().unwrap();
        assert_eq!(m.text, "Smith");
        assert_eq!(&text[m.span.start..m.span.end], "Smith");
    }

    #[test]
    fn pairs_are_found_as_str_finds_them() {
        for t in ["", ".", ". ", "a. b. c", "\n\n\n", "x\n\ny\n", ".. .  ."] {
            for pair in [". ", "\n\n"] {
                let p = pair.as_bytes();
                let p = [p[0], p[1]];
                assert_eq!(super::find_pair(t.as_bytes(), p), t.find(pair));
                assert_eq!(super::rfind_pair(t.as_bytes(), p), t.rfind(pair));
            }
        }
    }

    #[test]
    fn no_char_but_ascii_lowercases_to_a_cue_word() {
        use super::{CUE_WORDS, is_cue_word};
        use crate::text::with_lower;
        // A word lowercases char by char (but for `Σ`, whose forms are
        // not ASCII): one with a char that is not ASCII is a cue word
        // lowercased only if that char lowercases to letters of them.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.is_ascii() {
                continue;
            }
            let lower: String = c.to_lowercase().collect();
            // Not ASCII, or no letter of a cue word.
            assert!(
                !lower.is_ascii()
                    || !lower.bytes().any(|b| {
                        CUE_WORDS.iter().any(|w| w.as_bytes().contains(&b))
                    }),
                "{c:?}"
            );
        }
        for w in ["Said", "SAYS", "per", "According", "Saïd", "Pe\u{212A}"] {
            assert_eq!(
                is_cue_word(w),
                with_lower(w, |l| CUE_WORDS.contains(&l)),
                "{w}"
            );
        }
    }

    #[test]
    fn bounds_subject_is_the_list_of_boundaries() {
        let listed = [
            ",", ";", ":", "—", "–", "(", ")", "\"", "“", "”", "‘", "’",
            "that", "and", "but", "while", "as", "when", "because", "after",
            "before", "if", "where", "which", "than", "said", "says",
        ];
        for w in listed {
            assert!(super::bounds_subject(w), "{w}");
        }
        for w in [
            "", "a", ".", "'", "`", "…", "‒", "—", "″", "«", "As", "AND",
            "thats", "tha", "sai", "because-", "befor", "whic", "—a", "Said",
            "it",
        ] {
            assert_eq!(super::bounds_subject(w), listed.contains(&w), "{w}");
        }
    }

    #[test]
    fn lower_is_listed_and_lower_ends_with_read_as_with_lower() {
        use super::{
            AsciiKeys, BETWEEN, BETWEEN_KEYS, OPENER_KEYS, OPENERS,
            SUBORDINATOR_KEYS, SUBORDINATORS, TERM_INTRO, TERM_INTRO_KEYS,
            lower_ends_with, lower_is_listed, with_lower,
        };
        let mut words: Vec<String> = vec![];
        for list in [OPENERS, BETWEEN, TERM_INTRO, SUBORDINATORS] {
            for w in list {
                words.push((*w).to_owned());
                words.push(w.to_uppercase());
                words.push(format!("{w}s"));
                words.push(w[1..].to_owned());
            }
        }
        for w in [
            "",
            "a",
            "In",
            "\u{212a}",
            "\u{c9}t\u{e9}",
            "Speaking\u{e9}",
            "previouslyandmore",
            "reportedly-fast",
            "RUNNING",
            "jumped",
            "\u{130}ng",
            "fly",
        ] {
            words.push(w.to_owned());
        }
        for w in &words {
            for list in [
                (OPENERS, &OPENER_KEYS as &dyn AsciiKeys),
                (BETWEEN, &BETWEEN_KEYS),
                (TERM_INTRO, &TERM_INTRO_KEYS),
                (SUBORDINATORS, &SUBORDINATOR_KEYS),
            ] {
                let want = with_lower(w, |l| list.0.contains(&l));
                assert_eq!(lower_is_listed(w, list), want, "{w}");
            }
            for suffix in ["ly", "ing", "ed"] {
                let want = with_lower(w, |l| l.ends_with(suffix));
                assert_eq!(lower_ends_with(w, suffix), want, "{w}");
            }
        }
    }

    #[test]
    fn word_shape_reads_words_as_split_whitespace() {
        let small = ["of", "the", "and", "in", "on", "for", "a", "to", "at"];
        let texts = [
            "",
            "a",
            " A b ",
            "The Art of War",
            "the art",
            "One Two Three Four Five Six Seven eight",
            "One Two Three Four Five Six Seven Eight Nine",
            "a b c d e f g h i j",
            "\u{c9}lodie \u{e9}t\u{e9}\u{a0}Zo\u{2003}3 \u{2028}x",
            "Yes,\u{3000}Sir\u{85}\u{1680}-- \u{202f}\u{205f}Ok\u{2009}",
            "\t\n\x0b\x0c\r  \u{b5}m  \u{2000}\u{200a}\u{200b}No",
            // Words above ASCII after the first few, or white space
            // above ASCII right after a short word.
            "The of\u{a0}Art",
            "Art of\u{a0}",
            "the\u{2003}art",
            "in\u{e9}",
            "one two three four five six seven \u{e9}ight",
            "One Two Three Four Five Six Seven \u{c9}ight nine",
            "One Two Three Four Five Six Seven eight \u{e9}",
            "a b c d e f\u{a0}g h",
        ];
        // And texts of every length up to a few chunks, words and white
        // space of many lengths, control bytes that are no white space,
        // and chars above ASCII after the first few words.
        let mut generated = vec![];
        let mut seed = 7u32;
        for len in 0..300 {
            let mut t = String::new();
            while t.len() < len {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let r = (seed >> 16) as usize;
                let piece = [
                    " ", "  ", "\t", "\n", "\x0b", "\x01", "\x1f", "a", "The",
                    "of", "to", "tom",
                ];
                t.push_str(piece[r % piece.len()]);
                if r.is_multiple_of(5) {
                    t.push_str(&"Xy".repeat(r % 40));
                }
            }
            // Each also with white space above ASCII in place of its
            // first space, and with a word above ASCII after it.
            generated.push(t.replacen(' ', "\u{2003}", 1));
            generated.push(format!("{t}\u{a0}\u{e9}t\u{e9}"));
            generated.push(t);
        }
        for t in texts.iter().copied().chain(generated.iter().map(|t| &**t)) {
            let words: Vec<&str> = t.split_whitespace().collect();
            let title = words.len() >= 2
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(|c| {
                        c.is_uppercase() || !c.is_alphabetic()
                    }) || small.contains(w)
                });
            assert_eq!(
                super::word_shape(t),
                (words.len().min(7), title),
                "{t:?}"
            );
            // Counted up to fewer words: as many as there are (up to
            // seven), or at least `cap` of them when not in title case.
            if t.is_ascii() {
                for cap in 0..=7 {
                    let (n, t_case) =
                        super::ascii_word_shape(t.as_bytes(), cap).unwrap();
                    let all = words.len().min(7);
                    assert_eq!(t_case, title, "{t:?} {cap}");
                    assert!(
                        n == all || (!title && cap <= n && n <= all),
                        "{t:?} {cap}: {n}"
                    );
                }
            }
        }
    }

    #[test]
    fn ascii_without_capitals_reads_as_bytes_do() {
        use super::ascii_without_capitals;
        for t in EIGHT_BYTE_READS {
            let b = t.as_bytes();
            for k in 0..=b.len() {
                let want = b[k..]
                    .iter()
                    .all(|&c| c.is_ascii() && !c.is_ascii_uppercase());
                assert_eq!(ascii_without_capitals(&b[k..]), want, "{t:?} {k}");
            }
        }
    }

    /// Texts for the functions that read eight bytes at a time
    /// (`ascii_without_capitals`, `next_capital`): capitals and bytes
    /// above ASCII before, at and after an eight-byte boundary.
    const EIGHT_BYTE_READS: &[&str] = &[
        "",
        "a",
        "where are you going",
        "where are you Going",
        "abcdefghijklmnopqrstuvwxyz @[`{",
        "abcdefgh\u{e9}",
        "abc\u{e9}Zfgh\u{ff}Zabcdefgh",
        "ab\u{2019}sZ\u{c9}odie went home",
        "abcdefghijklmnoZ",
        "Zbcdefghijklmnop",
        "@@@@@@@@[[[[[[[[",
    ];

    #[test]
    fn next_capital_reads_as_bytes_do() {
        // `next_capital` reads eight bytes at a time: it finds what a
        // loop over the bytes finds, from every start, with capitals
        // before, at and after a byte above ASCII in the same eight.
        for t in EIGHT_BYTE_READS {
            let b = t.as_bytes();
            for k in 0..=b.len() {
                let want = b[k..]
                    .iter()
                    .position(|&c| c.is_ascii_uppercase() || c >= 0x80)
                    .map(|at| k + at);
                assert_eq!(super::next_capital(b, k), want, "{t:?} {k}");
            }
        }
    }

    #[test]
    fn seek_is_partition_point_from_any_hint() {
        let v: Vec<usize> = (0..40).map(|k| k / 3).collect();
        for len in 0..v.len() {
            let v = &v[..len];
            for x in 0..15 {
                let want = v.partition_point(|&y| y < x);
                for hint in 0..len + 3 {
                    assert_eq!(super::seek(v, hint, |&y| y < x), want);
                }
            }
        }
    }

    /// `Answers` reads as the vector of `Option<Found>` it stands for,
    /// after any mix of answers pushed, quotes pushed with none, and
    /// answers set and changed in place (as `share_running` and
    /// `settle_block` do).
    #[test]
    fn answers_read_as_a_vector_of_options() {
        use super::{Answers, Found, Span, Speaker};
        let answer = |k: usize| Found {
            speaker: Speaker::Description { mention: Span::new(k, k + 1) },
            cue: None,
            rule: "said-after",
            confidence: k as f32,
        };
        let same = |a: Option<&Found<'_>>, b: Option<&Found<'_>>| {
            a.map(|f| (f.speaker.mention(), f.confidence))
                == b.map(|f| (f.speaker.mention(), f.confidence))
        };
        // A fixed pseudo-random walk of steps.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200 {
            let mut want: Vec<Option<Found<'_>>> = vec![];
            let mut got = Answers::default();
            for step in 0..40 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                match x % 5 {
                    0 => {
                        want.push(None);
                        got.push(None);
                    }
                    1 => {
                        want.push(Some(answer(step)));
                        got.push(Some(answer(step)));
                    }
                    2 => {
                        let n = (x >> 8) as usize % 3;
                        want.resize_with(want.len() + n, || None);
                        got.push_none(n);
                    }
                    3 if !want.is_empty() => {
                        let i = (x >> 8) as usize % want.len();
                        want[i] = Some(answer(100 + step));
                        got.set(i, answer(100 + step));
                    }
                    _ if !want.is_empty() => {
                        let i = (x >> 8) as usize % want.len();
                        if let Some(f) = want[i].as_mut() {
                            f.confidence += 0.5;
                        }
                        if let Some(f) = got.get_mut(i) {
                            f.confidence += 0.5;
                        }
                    }
                    _ => {}
                }
                assert_eq!(got.len(), want.len());
                for i in 0..want.len() + 2 {
                    assert!(same(
                        got.get(i),
                        want.get(i).and_then(|f| f.as_ref())
                    ));
                }
                assert!(
                    got.iter().zip(&want).all(|(a, b)| same(a, b.as_ref()))
                );
                assert_eq!(got.iter().count(), want.len());
            }
        }
    }

    #[test]
    fn byte_readers_read_as_str_methods_do() {
        let texts = [
            "",
            "said",
            "  the officials say",
            "to\u{a0}further  explain",
            "the\u{2003}caf\u{e9} \x0bsays",
            "\u{201c}Yes,\u{201d} \u{c9}lodie said \u{3000}",
            "x\ty\u{85}z w\u{0}v",
        ];
        for text in texts {
            let bounds =
                (0..=text.len()).filter(|&k| text.is_char_boundary(k));
            for end in bounds {
                for lo in (0..=end).filter(|&k| text.is_char_boundary(k)) {
                    let piece = &text[lo..end];
                    let mut words = piece.split_whitespace().rev();
                    let want = (
                        words.next().unwrap_or(""),
                        words.next().unwrap_or(""),
                    );
                    let w1 = super::word_before(text, lo, end);
                    let w2 = super::word_before(text, lo, w1.start);
                    let got =
                        (super::word_at(text, w1), super::word_at(text, w2));
                    assert_eq!(got, want);
                    let alpha = piece.trim_end_matches(char::is_alphabetic);
                    assert_eq!(
                        super::run_back(text, lo, end, char::is_alphabetic),
                        lo + alpha.len()
                    );
                }
                let rest = &text[end..];
                let alpha = rest.trim_start_matches(char::is_alphabetic);
                assert_eq!(
                    super::run_forward(text, end, char::is_alphabetic),
                    text.len() - alpha.len()
                );
                for before in [true, false] {
                    let c = if before {
                        text[..end].chars().next_back()
                    } else {
                        text[end..].chars().next()
                    };
                    let want = c.is_some_and(|c| {
                        c.is_alphanumeric() || c == '-' || c == '_'
                    });
                    assert_eq!(super::is_word_char(text, end, before), want);
                }
            }
        }
    }
}
