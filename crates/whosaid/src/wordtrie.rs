//! A pattern search that reads a text at word starts only.
//!
//! [`WordTrie`] finds what an unanchored leftmost-longest Aho-Corasick
//! search finds (each search going on where the last match ended), but
//! only the matches that start at a word start: the only ones the cue
//! and outlet searches keep. It is built in a fraction of the time of
//! an automaton, and reads a few bytes a word instead of every byte.

use crate::model::Span;
use crate::text::{HIGH_BITS, bytes_in_range, is_word_char, splat};

/// Whether `i` is a word start of `text`: its start, or a point after a
/// char that is no word char.
fn word_start(text: &str, i: usize) -> bool {
    !is_word_char(text, i, true)
}

/// What a byte before a letter says of whether the letter starts a
/// word, by byte: 0 it does (an ASCII byte that is no word char), 1 it
/// does not (an ASCII word char), 2 the char the byte ends must be read.
/// (Read after a match too, where the byte after it tells whether it
/// ends a word: 2 there, the char the byte starts must be read.)
pub(crate) const BEFORE: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = (c.is_ascii_alphanumeric() || c == b'-' || c == b'_') as u8;
        b += 1;
    }
    t
};

/// The top bit of each byte of `x` that is an ASCII letter, or also an
/// ASCII digit when `DIGITS`.
#[inline(always)]
fn start_bits<const DIGITS: bool>(x: u64) -> u64 {
    // Bit 5 (a letter's case) and the top bit cleared: sums with the
    // rest carry into no other byte.
    let v = x & splat(0x5f);
    let letter = bytes_in_range(v, b'A', b'Z');
    if DIGITS {
        let digit = bytes_in_range(x & !HIGH_BITS, b'0', b'9');
        (letter | digit) & !x & HIGH_BITS
    } else {
        letter & !x & HIGH_BITS
    }
}

/// Bit 7 set when the byte of `bytes` before `at` is an ASCII letter
/// (zero before the text), as [`start_bits`] (letters only) sets it
/// for the last byte of a chunk. (Told in one range test of the byte
/// with bit 5 set, as the search reads it at every match: the two of
/// `is_ascii_alphabetic` cost a few more instructions and a branch.)
#[inline(always)]
fn letter_before(bytes: &[u8], at: usize) -> u64 {
    at.checked_sub(1)
        .and_then(|k| bytes.get(k))
        .map_or(0, |&b| u64::from((b | 0x20).wrapping_sub(b'a') < 26) << 7)
}

/// The top bit of each byte of `x` that is an ASCII byte from `0` to
/// `Z` or is `lower`: the bytes that may start a pattern of a
/// case-sensitive search whose only lowercase first byte is `lower`
/// (the ASCII digits and uppercase letters, and the seven bytes
/// `:;<=>?@` between them, told in one test: no pattern starts with
/// those, so that the prefilter or the trie turns them down).
#[inline(always)]
fn narrow_start_bits(x: u64, lower: u8) -> u64 {
    let upper_or_digit = bytes_in_range(x & !HIGH_BITS, b'0', b'Z');
    // A byte of `y` is zero where `x` holds `lower` (told exactly).
    let y = x ^ splat(lower);
    let eq = !(((y & !HIGH_BITS) + !HIGH_BITS) | y);
    (upper_or_digit & !x | eq) & HIGH_BITS
}

/// The bytes of `bytes` from `at` on (fewer than eight: the end of a
/// text), as a little-endian number.
#[cold]
#[inline(never)]
fn load_short(bytes: &[u8], at: usize) -> u64 {
    let mut x = 0;
    for (k, &b) in
        bytes.get(at..).unwrap_or_default().iter().take(8).enumerate()
    {
        x |= u64::from(b) << (8 * k);
    }
    x
}

/// The bits of a [`WordTrie`]'s prefilter (`N` `u64`s, a power of two:
/// [`KEY_WORDS`] but for [`WordTrie::cross_keys`]).
type KeyBits<const N: usize = KEY_WORDS> = [u64; N];

/// The `u64`s of a prefilter's bits: 2^16 bits.
const KEY_WORDS: usize = 1 << 10;

/// The `u64`s of [`WordTrie::cross_keys`]: 2^14 bits, a quarter of the
/// prefilter's, for the two thousand keys or so of the lexicon's heads.
/// (At 2^16 bits, the 16 KiB more that the two tries take had the
/// allocator move more of the vectors it grows later: distinct-names
/// 110.55 -> 110.74 instructions a byte, all in `memcpy`.)
const CROSS_WORDS: usize = 1 << 8;

/// The bit of a prefilter of `N` `u64`s for a key.
#[inline(always)]
fn key_hash<const N: usize>(key: u32) -> usize {
    quad_slot(key, 32 - (64 * N).trailing_zeros())
}

/// Sets the bit of `key` in `bits`, and lists the key in `list`.
fn set_key(bits: &mut KeyBits, list: &mut Vec<u32>, key: u32) {
    set_bit(bits, key);
    list.push(key);
}

/// Sets the bit of `key` in `bits`.
fn set_bit<const N: usize>(bits: &mut KeyBits<N>, key: u32) {
    let h = key_hash::<N>(key);
    bits[h >> 6] |= 1 << (h & 63);
}

/// The first slot of `key` in a [`WordTrie::quads`] table whose
/// slots' indices have 32 - `shift` bits.
#[inline(always)]
fn quad_slot(key: u32, shift: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> shift) as usize
}

/// Whether the bit of `key` is set in `bits`.
#[inline(always)]
fn has_key<const N: usize>(bits: &KeyBits<N>, key: u32) -> bool {
    let h = key_hash::<N>(key);
    bits[h >> 6] & (1 << (h & 63)) != 0
}

/// A key of a [`WordTrie`]'s prefilter, with what the walk from the
/// root reads over its bytes (see [`WordTrie::quads`]).
#[derive(Clone, Copy, Debug, Default)]
struct Quad {
    /// The key (0: an empty slot; no key is 0, as every pattern starts
    /// with an ASCII letter or digit).
    key: u32,
    /// Bit 5 (0x20) of each byte of the key whose byte without it has
    /// another class: a text whose bytes differ from the key there (a
    /// NUL where the key has a space) is walked from the root.
    unsure: u32,
    /// The row of the state after the key's bytes (0: none).
    row: u32,
    /// The row of the state of the longest pattern that ends inside
    /// the key (0: none).
    found: u32,
}

/// Patterns in an anchored trie, searched at word starts.
///
/// An unanchored leftmost-longest search, going on where each match
/// ended, yields at each point it reaches the longest pattern there. At
/// word starts alone, it yields the same matches at word starts unless a
/// match inside a word runs over a word start where a pattern matches:
/// that takes a pattern with a word start of its own inside it (a
/// `crossing` pattern: `in a statement` in `again a statement`). So at
/// each match found at a word start that such a pattern's rest (its
/// `tail`, from a word start inside it on) may match at, the text before
/// is checked for a crossing pattern that starts inside a word after the
/// last match and runs over this one; when there is one (rarely), the
/// bytes from the last match on are searched one by one, as the
/// automaton would.
#[derive(Debug)]
pub(crate) struct WordTrie {
    /// The class of each byte (the two cases of an ASCII letter share
    /// one when the search ignores case); 0 for the bytes no pattern
    /// holds.
    classes: [u8; 256],
    /// The length of a row of `next`, a power of two: the classes, and
    /// last the column that tells what a state ends: 2 × (1 + the
    /// pattern), plus 1 when a tail may match where it does (0: no
    /// pattern).
    stride: usize,
    /// The trie: the row of a state starts at a multiple of `stride`,
    /// and holds the row start of the state after each class (0: the
    /// dead state, whose row is all 0), plus 1 when a pattern ends at
    /// that state. The root's row is the second.
    next: Box<[u32]>,
    /// The keys of `keys` (a power of two of slots, at most half
    /// filled, each key in the first free slot from its hash on), with
    /// the state the walk reaches over their bytes, where
    /// [`WordTrie::longest`] starts its walk: `keys` turns down most
    /// points at the cost of a bit, and this table, read only at the
    /// points it lets through, turns down the rest that start no
    /// pattern (those whose bits other keys set) and skips the walk's
    /// first steps at the others.
    quads: Box<[Quad]>,
    /// The shift of a key's hash to its slot in `quads`: 32 less the
    /// bits of a slot's index.
    quad_shift: u32,
    /// The bytes of a key (the ones of `key_mask`).
    key_len: usize,
    /// The patterns of one or two bytes, when others are longer (an
    /// outlet list's `X`, `AP`, `RT`): each as its bytes OR-ed with
    /// `fold` (a little-endian number) and the number of their bits (8
    /// or 16). They are left out of `keys`, which would else read only
    /// their few bytes at every point, and [`WordTrie::may_start`]
    /// tells them apart.
    short: Vec<(u32, u32)>,
    /// Whether a short pattern starts with the byte (as written in the
    /// text), the first test of [`WordTrie::may_start`] for them.
    short_first: [bool; 256],
    /// Whether a digit starts a pattern (else only letters do).
    digits_first: bool,
    /// For a case-sensitive search whose patterns start with no
    /// lowercase letter but this one (`A` when with none), the
    /// candidate word starts are read with [`narrow_start_bits`]: most
    /// words of a text start with a lowercase letter, none of them a
    /// match.
    narrow: Option<u8>,
    /// OR-ed into each byte of a key (0x20 to ignore case, else 0).
    fold: u32,
    /// The bits of a key that the prefilter reads: the first bytes, one
    /// more than the shortest pattern but the short ones has, at most
    /// four.
    key_mask: u32,
    /// The prefilter: the keys (the first bytes OR-ed with `fold`, as a
    /// little-endian number, `key_mask` kept) that a pattern matching at
    /// a point and ending at a word end may start with (for a pattern
    /// shorter than a key, with each byte no word char starts with
    /// after it), the [`WordTrie::short`] ones left out. A point whose
    /// key's bit is clear starts no such match: no other match is kept,
    /// and a match at a word start that ends inside a word hides no word
    /// start (see [`WordTrie::find`]), unless a word start lies inside
    /// the pattern: such a pattern shorter than a key has its keys with
    /// any byte after it.
    keys: Box<KeyBits>,
    /// The crossing patterns' heads (their bytes before a word start
    /// inside them) read backwards, as a trie laid out as `next` (same
    /// classes, and plus 1 where a head ends); the last column holds 1 +
    /// an index into `tails`.
    heads: Box<[u32]>,
    /// The four bytes before a word start (OR-ed with `fold`, as a
    /// little-endian number) that a crossing pattern may run over it
    /// after: the last four bytes of a head, or a byte that ends a word
    /// char (a crossing pattern starts inside a word) and a head of
    /// three bytes, with each byte that may stand there. A word start
    /// whose four bytes before have their bit clear has no crossing
    /// pattern over it, and [`WordTrie::crossed`] does not read back
    /// from it (on 1 MiB of news, it read back from 3,333 of the 8,727
    /// cues, at about 107 instructions each, and now from 1,439).
    cross_keys: Box<KeyBits<CROSS_WORDS>>,
    /// Whether a head is shorter than three bytes: then `cross_keys`
    /// tells nothing, and every word start is read back.
    cross_short: bool,
    /// For each head, the patterns it is the head of, and where in each
    /// the rest (the tail) starts.
    tails: Vec<Vec<(usize, usize)>>,
    /// The patterns, for comparing their tails.
    patterns: Vec<Box<[u8]>>,
    /// Whether the search ignores the case of ASCII letters.
    ignore_case: bool,
}

impl WordTrie {
    /// The trie of `patterns` (ASCII letters matched in either case when
    /// `ignore_case`), or `None` when a pattern is empty or does not
    /// start with an ASCII letter or digit, or the tables would not fit
    /// their `u32` offsets: such patterns need an automaton.
    pub(crate) fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        ignore_case: bool,
    ) -> Option<WordTrie> {
        let fold_byte =
            |b: u8| if ignore_case { b.to_ascii_lowercase() } else { b };
        let mut classes = [0u8; 256];
        let mut digits_first = false;
        // The lowercase first bytes (`narrow`), at most one wanted.
        let mut lower_firsts = vec![];
        let mut n_classes = 1usize;
        let mut shortest = usize::MAX;
        for p in patterns {
            let p = p.as_ref();
            let &b0 = p.first()?;
            if !b0.is_ascii_alphanumeric() {
                return None;
            }
            digits_first |= b0.is_ascii_digit();
            if b0.is_ascii_lowercase() && !lower_firsts.contains(&b0) {
                lower_firsts.push(b0);
            }
            shortest = shortest.min(p.len());
            for &b in p {
                let b = fold_byte(b);
                if classes[usize::from(b)] == 0 {
                    classes[usize::from(b)] = u8::try_from(n_classes).ok()?;
                    n_classes += 1;
                }
            }
        }
        if ignore_case {
            for b in b'A'..=b'Z' {
                classes[usize::from(b)] = classes[usize::from(b + 32)];
            }
        }
        let stride = (n_classes + 1).next_power_of_two();
        let end_col = stride - 1;
        let class = |b: u8| usize::from(classes[usize::from(b)]);
        // Adds the bytes of `bytes` to `trie` from the root on, and gives
        // the row where they end and the entry that leads there.
        let add = |trie: &mut Vec<u32>,
                   bytes: &mut dyn Iterator<Item = u8>| {
            let (mut row, mut entry) = (stride, 0);
            for b in bytes {
                entry = row + class(b);
                if trie[entry] == 0 {
                    trie[entry] = u32::try_from(trie.len()).ok()?;
                    trie.resize(trie.len() + stride, 0);
                }
                row = (trie[entry] & !1) as usize;
            }
            Some((row, entry))
        };
        let mut next = vec![0u32; 2 * stride];
        let mut heads = vec![0u32; 2 * stride];
        let mut cross_keys = Box::new([0u64; CROSS_WORDS]);
        let mut cross_short = false;
        let mut tails: Vec<Vec<(usize, usize)>> = vec![];
        // The patterns shorter than three bytes go apart when others
        // are longer: the shortest of the rest sets the key's length.
        let long_shortest = patterns
            .iter()
            .map(|p| p.as_ref().len())
            .filter(|&n| n >= 3)
            .min();
        let split = shortest < 3 && long_shortest.is_some();
        let shortest = if split { long_shortest? } else { shortest };
        let mut short = vec![];
        let mut short_first = [false; 256];
        // A byte more than the shortest pattern, at most four.
        let key_len = (shortest + 1).min(4);
        let key_mask = u32::MAX >> (32 - 8 * key_len);
        let fold = if ignore_case { 0x2020_2020 } else { 0 };
        let mut keys = Box::new([0u64; KEY_WORDS]);
        let mut key_list = vec![];
        for (i, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            let (row, entry) = add(&mut next, &mut p.iter().copied())?;
            next[entry] |= 1;
            // The first of equal patterns is the one reported.
            if next[row + end_col] == 0 {
                next[row + end_col] = u32::try_from(2 * (i + 1)).ok()?;
            }
            // The word starts inside the pattern, as the text would
            // have them where the pattern matches.
            let text = String::from_utf8_lossy(p);
            let mut prev_word = true;
            // Whether there is one (a match that ends inside a word may
            // then hide a word start after its own).
            let mut crossing = false;
            for (k, c) in text.char_indices() {
                let word = c.is_alphanumeric() || c == '-' || c == '_';
                if word && !prev_word {
                    let (row, entry) =
                        add(&mut heads, &mut p[..k].iter().rev().copied())?;
                    heads[entry] |= 1;
                    let at = row + end_col;
                    if heads[at] == 0 {
                        tails.push(vec![]);
                        heads[at] = u32::try_from(tails.len()).ok()?;
                    }
                    tails[heads[at] as usize - 1].push((i, k));
                    crossing = true;
                    let bits = &mut cross_keys;
                    match p[..k] {
                        [.., a, b, c, d] => {
                            set_bit(
                                bits,
                                u32::from_le_bytes([a, b, c, d]) | fold,
                            );
                        }
                        [b, c, d] => {
                            // (Any byte that ends a word char before it.)
                            for a in (0..=255u8)
                                .filter(|&a| BEFORE[usize::from(a)] != 0)
                            {
                                let key = u32::from_le_bytes([a, b, c, d]);
                                set_bit(bits, key | fold);
                            }
                        }
                        _ => cross_short = true,
                    }
                }
                prev_word = word;
            }
            let mut key = [0u8; 4];
            for (k, &b) in key.iter_mut().zip(p) {
                *k = b;
            }
            if split && p.len() < 3 {
                let bits = 8 * u32::try_from(p.len()).ok()?;
                let mask = (1 << bits) - 1;
                short.push(((u32::from_le_bytes(key) | fold) & mask, bits));
                // (The first byte as the text may have it.)
                let b0 = p[0];
                for b in [b0, b0.to_ascii_lowercase(), b0.to_ascii_uppercase()]
                {
                    short_first[usize::from(b)] |= b == b0 || ignore_case;
                }
            } else if p.len() < key_len {
                let key = (u32::from_le_bytes(key) | fold) & key_mask;
                // Any byte that starts no word char may follow (any byte
                // at all after a crossing pattern).
                for b in (0..=255u8)
                    .filter(|&b| crossing || BEFORE[usize::from(b)] != 1)
                {
                    let after = u32::from(b) << (8 * p.len());
                    set_key(
                        &mut keys,
                        &mut key_list,
                        (key | after | fold) & key_mask,
                    );
                }
            } else {
                set_key(
                    &mut keys,
                    &mut key_list,
                    (u32::from_le_bytes(key) | fold) & key_mask,
                );
            }
        }
        // Mark the states where a tail may match: those of patterns that
        // start a tail (on its path) or that a tail starts (below it).
        let mut below = vec![];
        for &(p, k) in tails.iter().flatten() {
            let mut row = stride;
            for &b in &patterns[p].as_ref()[k..] {
                row = (next[row + class(b)] & !1) as usize;
                if row == 0 {
                    break;
                }
                if next[row + end_col] != 0 {
                    next[row + end_col] |= 1;
                }
            }
            if row != 0 {
                below.push(row);
            }
        }
        let mut seen = vec![false; next.len() / stride];
        while let Some(row) = below.pop() {
            if std::mem::replace(&mut seen[row / stride], true) {
                continue;
            }
            if next[row + end_col] != 0 {
                next[row + end_col] |= 1;
            }
            below.extend(
                next[row + 1..row + end_col]
                    .iter()
                    .filter(|&&r| r != 0)
                    .map(|&r| (r & !1) as usize),
            );
        }
        // The table of the keys, each with the walk over its bytes.
        key_list.sort_unstable();
        key_list.dedup();
        let bits = (2 * key_list.len()).next_power_of_two().trailing_zeros();
        let bits = bits.clamp(1, 31);
        let mut quads = vec![Quad::default(); 1 << bits];
        let key_len = key_mask.count_ones() / 8;
        for &key in &key_list {
            let (mut row, mut found, mut unsure) = (stride, 0, 0);
            for k in 0..key_len {
                let b = (key >> (8 * k)) as u8;
                // (Only with `fold` may a byte of the text be the key's
                // less bit 5.)
                if fold != 0 && class(b & !0x20) != class(b) {
                    unsure |= 0x20 << (8 * k);
                }
                if row != 0 {
                    let t = next[row + class(b)];
                    row = (t & !1) as usize;
                    if t & 1 != 0 {
                        found = row;
                    }
                }
            }
            let mut slot = quad_slot(key, 32 - bits);
            while quads[slot].key != 0 {
                slot = (slot + 1) & (quads.len() - 1);
            }
            quads[slot] = Quad {
                key,
                unsure,
                row: u32::try_from(row).ok()?,
                found: u32::try_from(found).ok()?,
            };
        }
        Some(WordTrie {
            classes,
            stride,
            quads: quads.into_boxed_slice(),
            quad_shift: 32 - bits,
            key_len: key_len as usize,
            short,
            short_first,
            next: next.into_boxed_slice(),
            digits_first,
            narrow: match lower_firsts[..] {
                _ if ignore_case => None,
                [] => Some(b'A'),
                [b] => Some(b),
                _ => None,
            },
            fold,
            key_mask,
            keys,
            heads: heads.into_boxed_slice(),
            cross_keys,
            cross_short,
            tails,
            patterns: patterns.iter().map(|p| p.as_ref().into()).collect(),
            ignore_case,
        })
    }

    /// Whether the bytes at `at` may start a pattern that ends a word:
    /// `None` when none does, else what [`WordTrie::longest`] takes as
    /// `first`: the first four bytes (those past the text's end zero),
    /// or `None` when a [`WordTrie::short`] pattern may match (then it
    /// walks from the root byte by byte).
    /// `SHORT` says whether there are short patterns. (The bytes after
    /// the piece searched are read too, as they would tell whether a
    /// match ends a word.)
    #[inline(always)]
    fn may_start<const SHORT: bool>(
        &self,
        bytes: &[u8],
        at: usize,
    ) -> Option<Option<u32>> {
        let raw = match bytes.get(at..at + 4) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            // Four bytes at most.
            _ => load_short(bytes, at) as u32,
        };
        let short = SHORT
            && self.short_first[usize::from(raw as u8)]
            && self.short_at(raw);
        (short || has_key(&self.keys, (raw | self.fold) & self.key_mask))
            .then_some((!short).then_some(raw))
    }

    /// Whether a [`WordTrie::short`] pattern may match at a point whose
    /// first four bytes (those past the text's end zero) are `raw`, and
    /// end a word there: be followed by a byte that starts no word char,
    /// or by the text's end.
    #[inline(never)]
    fn short_at(&self, raw: u32) -> bool {
        self.short.iter().any(|&(key, bits)| {
            (raw | self.fold) & ((1 << bits) - 1) == key
                && BEFORE[usize::from((raw >> bits) as u8)] != 1
        })
    }

    /// The longest pattern at `at` in `bytes[..end]`: where it ends, and
    /// which (with whether a tail may match at `at`: see [`WordTrie`]).
    /// `first`, the bytes from `at` on as [`WordTrie::may_start`] read
    /// them, has the walk start after the key's bytes, at the state
    /// [`WordTrie::quads`] holds for them (or none, when it holds no
    /// such key), where the key lies before `end` and the text's bytes
    /// walk as the key's do; else, and with `None`, as where a
    /// [`WordTrie::short`] pattern may match, the walk reads every byte
    /// from the root.
    #[inline]
    fn longest(
        &self,
        bytes: &[u8],
        at: usize,
        end: usize,
        first: Option<u32>,
    ) -> Option<(usize, usize, bool)> {
        let mut row = self.stride;
        // The row of the longest pattern so far (where it ends is told
        // by its length).
        let mut found_row = 0;
        let mut i = at;
        if let Some(raw) = first
            && at + self.key_len <= end
        {
            let key = (raw | self.fold) & self.key_mask;
            let mut slot = quad_slot(key, self.quad_shift);
            loop {
                let q = self.quads.get(slot)?;
                if q.key == key {
                    if (raw ^ key) & q.unsure == 0 {
                        (row, found_row) = (q.row as usize, q.found as usize);
                        i += self.key_len;
                    }
                    break;
                }
                if q.key == 0 {
                    return None;
                }
                slot = (slot + 1) & (self.quads.len() - 1);
            }
        }
        if row != 0 {
            for &b in bytes.get(i..end)? {
                let t =
                    self.next[row + usize::from(self.classes[usize::from(b)])];
                if t == 0 {
                    break;
                }
                row = (t & !1) as usize;
                if t & 1 != 0 {
                    found_row = row;
                }
            }
        }
        if found_row == 0 {
            return None;
        }
        let ends = self.next[found_row + self.stride - 1] as usize;
        let p = (ends / 2).saturating_sub(1);
        Some((at + self.patterns.get(p)?.len(), p, ends & 1 != 0))
    }

    /// Whether the four bytes before the word start `at` of `bytes` may
    /// end a crossing pattern's head (see [`WordTrie::cross_keys`]).
    #[inline(always)]
    fn may_cross(&self, bytes: &[u8], at: usize) -> bool {
        match at.checked_sub(4).and_then(|k| bytes.get(k..at)) {
            Some(&[a, b, c, d]) => {
                self.cross_short
                    || has_key(
                        &self.cross_keys,
                        u32::from_le_bytes([a, b, c, d]) | self.fold,
                    )
            }
            _ => true,
        }
    }

    /// Whether a crossing pattern may match from inside a word at or
    /// after `from` over the word start `at` (and end by `end`).
    #[inline(never)]
    fn crossed(&self, text: &str, from: usize, at: usize, end: usize) -> bool {
        let mut row = self.stride;
        let back = text.as_bytes().get(from..at).unwrap_or_default();
        for (k, &b) in back.iter().enumerate().rev() {
            let t =
                self.heads[row + usize::from(self.classes[usize::from(b)])];
            if t == 0 {
                return false;
            }
            row = (t & !1) as usize;
            if t & 1 != 0
                && let Some(h) =
                    self.heads[row + self.stride - 1].checked_sub(1)
                && self.crosses(text, from + k, h as usize, at, end)
            {
                return true;
            }
        }
        false
    }

    /// Whether a pattern whose head is head `h` and starts at `j`, inside
    /// a word, has its tail at `at` (and ends by `end`), as
    /// [`WordTrie::crossed`] asks of each head it reads back (rarely).
    #[inline(never)]
    fn crosses(
        &self,
        text: &str,
        j: usize,
        h: usize,
        at: usize,
        end: usize,
    ) -> bool {
        if !is_word_char(text, j, true) {
            return false;
        }
        let rest = text.as_bytes().get(at..end).unwrap_or_default();
        self.tails[h].iter().any(|&(p, k)| {
            let tail = &self.patterns[p][k..];
            rest.get(..tail.len()).is_some_and(|t| {
                if self.ignore_case {
                    t.eq_ignore_ascii_case(tail)
                } else {
                    t == tail
                }
            })
        })
    }

    /// Calls `f(start, end, pattern)` on the matches of an unanchored
    /// leftmost-longest search of the patterns over `text[piece]` (each
    /// search going on where the last match ended) that start at a word
    /// start of `text` (its start, or after a char that is no word
    /// char) and end at a word end (the text's end, or before a char
    /// that is no word char), in order, until `f` gives an answer. Some
    /// of the matches at a word start that end inside a word may be
    /// passed too.
    ///
    /// (Leaving out such a match changes no later match at a word
    /// start: the search goes on inside the word, where the next word
    /// start is the one after it, unless a crossing pattern hides it,
    /// and [`WordTrie::crossed`] reads from before the match left out.)
    pub(crate) fn find<R>(
        &self,
        text: &str,
        piece: Span,
        f: impl FnMut(usize, usize, usize) -> Option<R>,
    ) -> Option<R> {
        self.find_each(text, std::slice::from_ref(&piece), f)
    }

    /// [`WordTrie::find`] over each of `pieces` in turn (until `f` gives
    /// an answer), in one call: the scan's setup, which loads the
    /// trie's tables, is done once for all (dialogue searches a piece
    /// between each two quotes).
    pub(crate) fn find_each<R>(
        &self,
        text: &str,
        pieces: &[Span],
        mut f: impl FnMut(usize, usize, usize) -> Option<R>,
    ) -> Option<R> {
        let mut answer = None;
        let mut stop = |s: usize, e: usize, p: usize| {
            answer = f(s, e, p);
            answer.is_some()
        };
        self.search(text, pieces, &mut stop);
        answer
    }

    /// Whether a word start of `text[piece]` that the prefilter lets
    /// through has a pattern there ending by `piece.end`: where none
    /// has, no search of a stretch of `piece` ([`WordTrie::find`], from
    /// wherever it starts) passes `f` a match that starts at a word
    /// start and ends at a word end, as the prefilter turns down no
    /// point where such a match starts. (It reads the text as `find`
    /// does up to its first candidate match, but stops there.)
    pub(crate) fn may_match(&self, text: &str, piece: Span) -> bool {
        // As `search` has the trie's kind, but into a loop of its own
        // (`any_in`): through `find_in`, the search's own callers paid
        // an instruction a quote more (short-quotes 121.39 -> 121.64).
        let (t, p) = (text, piece);
        match (self.digits_first, self.narrow, self.short.is_empty()) {
            (_, Some(lower), true) => {
                self.any_in::<true, true, false>(t, p, lower)
            }
            (_, Some(lower), false) => {
                self.any_in::<true, true, true>(t, p, lower)
            }
            (true, None, true) => self.any_in::<true, false, false>(t, p, 0),
            (true, None, false) => self.any_in::<true, false, true>(t, p, 0),
            (false, None, true) => self.any_in::<false, false, false>(t, p, 0),
            (false, None, false) => self.any_in::<false, false, true>(t, p, 0),
        }
    }

    /// [`WordTrie::find_in`] over `pieces` for the trie's kind of
    /// patterns.
    fn search(
        &self,
        text: &str,
        pieces: &[Span],
        stop: &mut dyn FnMut(usize, usize, usize) -> bool,
    ) {
        let (t, s) = (text, pieces);
        match (self.digits_first, self.narrow, self.short.is_empty()) {
            (_, Some(lower), true) => {
                self.find_in::<true, true, false>(t, s, lower, stop);
            }
            (_, Some(lower), false) => {
                self.find_in::<true, true, true>(t, s, lower, stop);
            }
            (true, None, true) => {
                self.find_in::<true, false, false>(t, s, 0, stop);
            }
            (true, None, false) => {
                self.find_in::<true, false, true>(t, s, 0, stop);
            }
            (false, None, true) => {
                self.find_in::<false, false, false>(t, s, 0, stop);
            }
            (false, None, false) => {
                self.find_in::<false, false, true>(t, s, 0, stop);
            }
        }
    }

    /// [`WordTrie::find_each`] (each piece of `pieces` searched in
    /// turn, until `stop` stops the search), where `DIGITS` says
    /// whether a pattern may start with a digit, `NARROW` whether the
    /// candidate word starts are read as [`WordTrie::narrow`] says
    /// (`lower` its byte), `SHORT` whether there are
    /// [`WordTrie::short`] patterns, and `stop(start, end, pattern)`
    /// whether the search stops at a match. One loop reads the text from
    /// match to match (a call a match would cost more to set up than
    /// most stretches between matches cost to read).
    ///
    /// At each word start (in chunks of eight bytes) that
    /// [`WordTrie::may_start`] lets through, the longest pattern there
    /// is the next match, unless a crossing pattern hides it (see
    /// [`WordTrie`]): then the bytes from where the search went on are
    /// searched one by one ([`WordTrie::bytewise`]).
    #[inline(never)]
    fn find_in<const DIGITS: bool, const NARROW: bool, const SHORT: bool>(
        &self,
        text: &str,
        pieces: &[Span],
        lower: u8,
        stop: &mut dyn FnMut(usize, usize, usize) -> bool,
    ) {
        let bytes = text.as_bytes();
        for piece in pieces {
            // (No further than the text: the chunks need no other bounds.)
            let end = piece.end.min(bytes.len());
            // Where the search goes on.
            let mut from = piece.start;
            while from < end {
                // The top bit of `start_bits` (letters only) for the byte
                // before the chunk, as the last of a chunk.
                let mut carry = letter_before(bytes, from);
                // The chunks of eight bytes from `from` on, and the bytes
                // after the last (fewer than eight).
                let (chunks, rest) =
                    bytes.get(from..end).unwrap_or_default().as_chunks::<8>();
                let mut i = from;
                // The first match in the chunk of `text` from `at` on.
                let mut scan = |chunk: u64, at: usize| {
                    self.scan::<DIGITS, NARROW, SHORT>(
                        text, chunk, &mut carry, at, end, lower,
                    )
                };
                // (The whole chunks in a loop of their own, two at a time
                // (the loop's own work, which spills, is done once for
                // both; four at a time cost more), the odd one, and then
                // the last: a chained iterator costs a few tests a chunk.)
                let mut m = None;
                let (pairs, odd) = chunks.as_chunks::<2>();
                'pairs: for pair in pairs {
                    for &c in pair {
                        m = scan(u64::from_le_bytes(c), i);
                        if m.is_some() {
                            break 'pairs;
                        }
                        i += 8;
                    }
                }
                if m.is_none()
                    && let Some(&c) = odd.first()
                {
                    m = scan(u64::from_le_bytes(c), i);
                    if m.is_none() {
                        i += 8;
                    }
                }
                // The bytes after the last whole chunk, read as eight bytes,
                // those from `end` on zero (read only when reached: most
                // searches stop at a match before).
                if m.is_none() && !rest.is_empty() {
                    let chunk = match bytes.get(i..i + 8) {
                        Some(&[a, b, c, d, e, f, g, h]) => {
                            u64::from_le_bytes([a, b, c, d, e, f, g, h])
                        }
                        _ => load_short(bytes, i),
                    };
                    m = scan(chunk & (u64::MAX >> (64 - 8 * rest.len())), i);
                }
                match m {
                    Some(m) => match self.matched(text, from, m, end, stop) {
                        Some(f) => from = f,
                        None => return,
                    },
                    None => break,
                }
            }
        }
    }

    /// Whether [`WordTrie::scan`] finds a match in `text[piece]`, read
    /// in chunks of eight bytes (those from the piece's end on zero), as
    /// [`WordTrie::may_match`] asks. The loop tells each
    /// chunk's candidate word starts and asks the prefilter of each, and
    /// leaves the rest (the byte before, the walk: about one point in
    /// seven on dialogue) to a call ([`WordTrie::any_at`]), and tells
    /// two chunks' candidates at once (the compiler reads the pair in
    /// one 16-byte register) and tests them in one go (half the chunks
    /// of a short context have none): measured on the outlet search's
    /// short contexts, dialogue 116.34 -> 115.93 and news 70.06 ->
    /// 69.91 instructions a byte (the rest inlined, 116.47 and 70.02).
    #[inline(always)]
    fn any_in<const DIGITS: bool, const NARROW: bool, const SHORT: bool>(
        &self,
        text: &str,
        piece: Span,
        lower: u8,
    ) -> bool {
        let bytes = text.as_bytes();
        let end = piece.end.min(bytes.len());
        let mut i = piece.start;
        // As in `find_in`: the top bit of `start_bits` (letters only)
        // for the byte before the piece.
        let mut carry = letter_before(bytes, i);
        // Whether a candidate of `cands`, in the chunk from `base` on,
        // has a match.
        let any = |mut cands: u64, base: usize| {
            while cands != 0 {
                let at = base + (cands.trailing_zeros() / 8) as usize;
                cands &= cands - 1;
                if let Some(first) = self.may_start::<SHORT>(bytes, at)
                    && self.any_at(text, at, end, first)
                {
                    return true;
                }
            }
            false
        };
        let (chunks, rest) =
            bytes.get(i..end).unwrap_or_default().as_chunks::<8>();
        // Two chunks at a time: one test of their candidates for both
        // (four at a time cost more: dialogue 116.03).
        let mut cands = |c: [u8; 8]| {
            let chunk = u64::from_le_bytes(c);
            Self::candidates::<DIGITS, NARROW>(chunk, &mut carry, lower)
        };
        let (pairs, odd) = chunks.as_chunks::<2>();
        for &[c0, c1] in pairs {
            let (k0, k1) = (cands(c0), cands(c1));
            if k0 | k1 != 0 && (any(k0, i) || any(k1, i + 8)) {
                return true;
            }
            i += 16;
        }
        if let Some(&c) = odd.first() {
            if any(cands(c), i) {
                return true;
            }
            i += 8;
        }
        if rest.is_empty() {
            return false;
        }
        let chunk = match bytes.get(i..i + 8) {
            Some(&[a, b, c, d, e, f, g, h]) => {
                u64::from_le_bytes([a, b, c, d, e, f, g, h])
            }
            _ => load_short(bytes, i),
        };
        let chunk = chunk & (u64::MAX >> (64 - 8 * rest.len()));
        any(cands(chunk.to_le_bytes()), i)
    }

    /// Whether a pattern matches at `at`, as [`WordTrie::match_at`]
    /// says, out of the loop of [`WordTrie::any_in`].
    #[inline(never)]
    fn any_at(
        &self,
        text: &str,
        at: usize,
        end: usize,
        first: Option<u32>,
    ) -> bool {
        self.match_at(text, at, end, first).is_some()
    }

    /// The first word start in `chunk`, the eight bytes of `text` from
    /// `base` on (those from `end` on zero), where a pattern matches that
    /// [`WordTrie::may_start`] lets through, with the longest pattern
    /// there: where it starts and ends, which, and whether a tail may
    /// match there. `carry` holds the top bit of [`start_bits`]
    /// (letters only) for the byte before the chunk, and then for the
    /// last byte of the chunk (neither read nor set when `NARROW`).
    /// `DIGITS`, `NARROW`, `SHORT` and `lower` are as
    /// [`WordTrie::find_in`] has them.
    #[inline(always)]
    fn scan<const DIGITS: bool, const NARROW: bool, const SHORT: bool>(
        &self,
        text: &str,
        chunk: u64,
        carry: &mut u64,
        base: usize,
        end: usize,
        lower: u8,
    ) -> Option<(usize, usize, usize, bool)> {
        let cands = Self::candidates::<DIGITS, NARROW>(chunk, carry, lower);
        self.first_at::<SHORT>(text, cands, base, end)
    }

    /// The top bit of each byte of `chunk` where [`WordTrie::scan`]
    /// looks for a match (the word starts it may start at), with `carry`
    /// as there.
    #[inline(always)]
    fn candidates<const DIGITS: bool, const NARROW: bool>(
        chunk: u64,
        carry: &mut u64,
        lower: u8,
    ) -> u64 {
        // When `NARROW`, the bytes after an ASCII letter are not
        // taken out first, as the byte before turns them down below
        // all the same: the few bytes that may start a pattern seldom
        // follow a letter (an uppercase letter inside a word, a `d`),
        // and telling the letters of each chunk costs more (measured on
        // the outlet search: news 74.4 -> 74.2, dialogue 125.5 -> 124.8
        // instructions a byte).
        if NARROW {
            narrow_start_bits(chunk, lower)
        } else {
            let letter = start_bits::<false>(chunk);
            let starts =
                if DIGITS { start_bits::<true>(chunk) } else { letter };
            // The bytes after a byte that is no ASCII letter.
            let cands = starts & !((letter << 8) | *carry);
            *carry = letter >> 56;
            cands
        }
    }

    /// The first of the candidate word starts `cands` (the top bits of
    /// the bytes of the chunk of `text` from `base` on) where a pattern
    /// matches that [`WordTrie::may_start`] lets through, as
    /// [`WordTrie::scan`] gives it.
    #[inline(always)]
    fn first_at<const SHORT: bool>(
        &self,
        text: &str,
        mut cands: u64,
        base: usize,
        end: usize,
    ) -> Option<(usize, usize, usize, bool)> {
        let bytes = text.as_bytes();
        while cands != 0 {
            let at = base + (cands.trailing_zeros() / 8) as usize;
            cands &= cands - 1;
            // (The prefilter first: it turns down four in five of the
            // points here, and the byte before almost none, as these
            // follow no ASCII letter already, but for `NARROW`.)
            let Some(first) = self.may_start::<SHORT>(bytes, at) else {
                continue;
            };
            if let Some((e, p, tail)) = self.match_at(text, at, end, first) {
                return Some((at, e, p, tail));
            }
        }
        None
    }

    /// The longest pattern at `at` (which [`WordTrie::may_start`] let
    /// through, giving `first`), as [`WordTrie::longest`] gives it,
    /// where `at` is a word start: after no word char.
    #[inline(always)]
    fn match_at(
        &self,
        text: &str,
        at: usize,
        end: usize,
        first: Option<u32>,
    ) -> Option<(usize, usize, bool)> {
        let bytes = text.as_bytes();
        if let Some(k) = at.checked_sub(1) {
            match BEFORE[usize::from(bytes[k])] {
                0 => {}
                1 => return None,
                _ => {
                    if is_word_char(text, at, true) {
                        return None;
                    }
                }
            }
        }
        self.longest(bytes, at, end, first)
    }

    /// What [`WordTrie::find_in`] does with the match `m` that
    /// [`WordTrie::scan`] found after `from`: passes it to `stop`,
    /// unless a crossing pattern hides it (then the bytes from `from` on
    /// are searched one by one). Where the search goes on, or `None`
    /// when `stop` stops it.
    #[inline(always)]
    fn matched(
        &self,
        text: &str,
        from: usize,
        (at, e, p, tail): (usize, usize, usize, bool),
        end: usize,
        stop: &mut dyn FnMut(usize, usize, usize) -> bool,
    ) -> Option<usize> {
        if tail
            && self.may_cross(text.as_bytes(), at)
            && self.crossed(text, from, at, end)
        {
            self.bytewise(text, from, at, end, stop)
        } else if stop(at, e, p) {
            None
        } else {
            Some(e)
        }
    }

    /// Searches `text[..end]` at every byte from `from` up to past `at`,
    /// as the automaton does (where a crossing pattern hides the match
    /// at `at`), passing `stop` the matches at word starts: where the
    /// search goes on, or `None` when `stop` stops it.
    #[cold]
    #[inline(never)]
    fn bytewise(
        &self,
        text: &str,
        from: usize,
        at: usize,
        end: usize,
        stop: &mut dyn FnMut(usize, usize, usize) -> bool,
    ) -> Option<usize> {
        let mut q = from;
        while q <= at {
            match self.longest(text.as_bytes(), q, end, None) {
                Some((e, p, _)) => {
                    if word_start(text, q) && stop(q, e, p) {
                        return None;
                    }
                    q = e;
                }
                None => q += 1,
            }
        }
        Some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

    /// The matches at word starts of an Aho-Corasick search, as
    /// [`WordTrie::find`] should give them.
    fn expected(
        ac: &AhoCorasick,
        text: &str,
        piece: Span,
    ) -> Vec<(usize, usize, usize)> {
        ac.find_iter(&text.as_bytes()[piece.start..piece.end])
            .map(|m| {
                (
                    piece.start + m.start(),
                    piece.start + m.end(),
                    m.pattern().as_usize(),
                )
            })
            .filter(|&(s, e, _)| word_start(text, s) && word_end(text, e))
            .collect()
    }

    /// Whether `i` is a word end of `text`.
    fn word_end(text: &str, i: usize) -> bool {
        !text[i..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    }

    fn found(
        trie: &WordTrie,
        text: &str,
        piece: Span,
    ) -> Vec<(usize, usize, usize)> {
        let mut v = vec![];
        trie.find(text, piece, |s, e, p| {
            assert!(word_start(text, s));
            if word_end(text, e) {
                v.push((s, e, p));
            }
            None::<()>
        });
        v
    }

    const PATTERNS: &[&str] = &[
        "said",
        "say",
        "says",
        "in a statement",
        "at a news conference",
        "a news",
        "statement",
        "told reporters",
        "told",
        "on",
        "on the record",
        "went on",
        "went on to say",
        "said in",
        "x-ray",
        "6 a",
        "tell",
        "a",
        "aé",
        "ask",
    ];

    #[test]
    fn finds_what_the_automaton_finds_at_word_starts() {
        let words = [
            "said",
            "Said",
            "SAID",
            "again",
            "a",
            "statement",
            "in",
            "that",
            "news",
            "conference",
            "at",
            "told",
            "reporters",
            "on",
            "the",
            "record",
            "went",
            "to",
            "say",
            "says",
            "x-ray",
            "6",
            "é",
            "“",
            "”",
            ",",
            ".",
            "-",
            "_",
            "  ",
            "\n",
            "tell",
            "atell",
            "ask",
            "éa",
            "Ö",
            "on-",
            "ina",
            "ontold",
            "\0",
        ];
        // All patterns, and those that start with a letter.
        let letters: Vec<&str> = PATTERNS
            .iter()
            .copied()
            .filter(|p| p.starts_with(|c: char| c.is_ascii_alphabetic()))
            .collect();
        // And those of two and three bytes or more (the prefilter reads
        // three and four).
        let two: Vec<&str> =
            PATTERNS.iter().copied().filter(|p| p.len() >= 2).collect();
        let long: Vec<&str> =
            letters.iter().copied().filter(|p| p.len() >= 3).collect();
        // And those of three bytes or more, where the shortest (`6 a`)
        // has a word start inside it: a match of it that ends inside a
        // word hides the word starts after its own.
        let three: Vec<&str> =
            PATTERNS.iter().copied().filter(|p| p.len() >= 3).collect();
        // And those whose heads are all three bytes or more, where
        // `cross_keys` turns down the word starts no crossing pattern
        // runs over (`a news` and `6 a` have heads of two).
        let long_heads: Vec<&str> = PATTERNS
            .iter()
            .copied()
            .filter(|p| !p.starts_with("a ") && !p.starts_with("6 "))
            .collect();
        for ic in [true, false] {
            assert!(WordTrie::new(PATTERNS, ic).unwrap().cross_short);
            assert!(!WordTrie::new(&long_heads, ic).unwrap().cross_short);
        }
        // And, for a case-sensitive search read with `narrow`, those
        // capitalised but the ones that start with `s` (one lowercase
        // first byte), and all capitalised (none).
        let capitalised = |keep: char| -> Vec<String> {
            PATTERNS
                .iter()
                .map(|p| {
                    let mut cs = p.chars();
                    let c = cs.next().unwrap_or(keep);
                    if c == keep {
                        (*p).to_owned()
                    } else {
                        c.to_ascii_uppercase().to_string() + cs.as_str()
                    }
                })
                .collect()
        };
        let (one, none) = (capitalised('s'), capitalised('\0'));
        let one: Vec<&str> = one.iter().map(String::as_str).collect();
        let none: Vec<&str> = none.iter().map(String::as_str).collect();
        assert_eq!(WordTrie::new(&one, false).unwrap().narrow, Some(b's'));
        assert_eq!(WordTrie::new(&none, false).unwrap().narrow, Some(b'A'));
        assert_eq!(WordTrie::new(&none, true).unwrap().narrow, None);
        // The patterns of one and two bytes are searched apart (`a`,
        // `on`), with keys of four bytes for the rest.
        for ps in [PATTERNS, &two[..], &one[..]] {
            for ic in [true, false] {
                let trie = WordTrie::new(ps, ic).unwrap();
                assert!(!trie.short.is_empty() && trie.key_len == 4);
            }
        }
        let only_short = WordTrie::new(&["a", "on"], true).unwrap();
        assert!(only_short.short.is_empty() && only_short.key_len == 2);
        // And with many classes.
        let mut wide = PATTERNS.to_vec();
        wide.push(
            "Q0123456789ABCDEFGHIJKLMNOPRSTUVWXYZbcdfghjkmpqruvz!#$%&*+",
        );
        let trie = WordTrie::new(&wide, false).unwrap();
        assert!(!trie.short.is_empty() && trie.stride > 64);
        let sets = [
            PATTERNS,
            &letters[..],
            &two[..],
            &long[..],
            &three[..],
            &long_heads[..],
            &one[..],
            &none[..],
            &["a", "on", "X"],
            &wide[..],
        ];
        let tries: Vec<(WordTrie, AhoCorasick)> = sets
            .iter()
            .flat_map(|&ps| {
                [true, false].map(|ic| {
                    let ac = AhoCorasickBuilder::new()
                        .ascii_case_insensitive(ic)
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(ps)
                        .unwrap();
                    (WordTrie::new(ps, ic).unwrap(), ac)
                })
            })
            .collect();
        // A simple generator: every text is a deterministic mix of the
        // words, joined by spaces or nothing.
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut rand = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        // Crossing patterns inside words first.
        let fixed = [
            "awent on to say",
            "awent on said",
            "again a statement",
            "again a news",
            "that a news conference",
            "Xin a statement said",
            "6 a",
            "x6 a",
            "Said So said",
            // A NUL folds to the space of a key (`in a`).
            "in\0a statement said",
            "say\0",
        ];
        // The pieces `may_match` turns down.
        let mut misses = 0;
        for round in 0..4000 {
            let n = (rand() % 14) as usize + 1;
            let mut text = String::new();
            if let Some(t) = fixed.get(round) {
                text.push_str(t);
            }
            for _ in 0..n {
                text.push_str(words[(rand() % words.len() as u64) as usize]);
                if rand() % 3 != 0 {
                    text.push(' ');
                }
            }
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&k| text.is_char_boundary(k))
                .collect();
            let a = bounds[(rand() % bounds.len() as u64) as usize];
            let b = bounds[(rand() % bounds.len() as u64) as usize];
            let piece = Span::new(a.min(b), a.max(b));
            for (trie, ac) in &tries {
                for piece in [Span::new(0, text.len()), piece] {
                    assert_eq!(
                        found(trie, &text, piece),
                        expected(ac, &text, piece),
                        "{text:?} {piece:?}"
                    );
                    if trie.may_match(&text, piece) {
                        continue;
                    }
                    // Where `may_match` says no, no search of a stretch
                    // of the piece finds a match, wherever it starts.
                    misses += 1;
                    let inner = bounds
                        .iter()
                        .filter(|&&k| piece.start <= k && k <= piece.end);
                    let c = bounds[(rand() % bounds.len() as u64) as usize]
                        .clamp(piece.start, piece.end);
                    for &k in inner {
                        for stretch in [
                            Span::new(k, piece.end),
                            Span::new(k.min(c), k.max(c)),
                        ] {
                            assert_eq!(
                                expected(ac, &text, stretch),
                                vec![],
                                "{text:?} {piece:?} {stretch:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(misses > 1000, "{misses}");
    }

    #[test]
    fn refuses_patterns_it_cannot_search() {
        assert!(WordTrie::new(&["", "said"], true).is_none());
        assert!(WordTrie::new(&["said", "“said"], true).is_none());
        assert!(WordTrie::new(&["éa"], true).is_none());
        assert!(WordTrie::new(&["-said"], true).is_none());
    }
}
