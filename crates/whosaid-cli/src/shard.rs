//! `whosaid extract --shard K/N`: splitting a batch between machines
//! with no coordination.
//!
//! Every input is given to exactly one of N shards by a hash of its
//! name in the `file` column: the path relative to the folder argument,
//! `/`-separated (the path as given for a file argument, `-` for
//! standard input). A JSON Lines file is one input here: all its lines
//! go to the shard its name falls in. The hash is fixed, not std's
//! randomly seeded one, so every machine and every run agrees on which
//! shard a file is in, and the N shards' rows together are exactly the
//! rows of the unsharded run.
//!
//! The hash, so that other tools can compute it too:
//!
//! 1. `h` = FNV-1a 64 of the name's UTF-8 bytes (offset basis
//!    `0xcbf29ce484222325`, prime `0x100000001b3`);
//! 2. `h` = MurmurHash3's 64-bit finaliser of `h` (`fmix64`), so that
//!    every bit of the name moves every bit of `h` (FNV-1a's low bits
//!    alone are weak: its lowest is the parity of the bytes' lowest);
//! 3. the shard is `floor(h × N / 2^64)`, a number from 0 to N − 1.
//!
//! Shards are numbered **from 0**, as Kubernetes indexed jobs
//! (`JOB_COMPLETION_INDEX`) and Spark partitions are: `--shard 0/3`,
//! `1/3` and `2/3` make up a batch. Slurm's `--array=0-2` gives the same
//! numbers; GNU parallel's `{#}` counts from 1, so subtract 1.

use std::fmt;
use std::str::FromStr;

/// One shard of a batch: `index` of `count`, `index` from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Which shard, from 0 to `count - 1`.
    index: u64,
    /// How many shards there are, at least 1.
    count: u64,
}

impl Shard {
    /// Whether the input named `name` (as in the `file` column) is in
    /// this shard.
    pub(crate) fn contains(self, name: &str) -> bool {
        shard_of(name, self.count) == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N`, K from 0 to N − 1.
    fn from_str(s: &str) -> Result<Shard, String> {
        let usage = || {
            "write K/N, shard K of N counted from 0 (0/3, 1/3 and 2/3 \
             make up a batch)"
                .to_owned()
        };
        let (index, count) = s.split_once('/').ok_or_else(usage)?;
        let number = |n: &str| -> Result<u64, String> {
            let n = n.trim();
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return Err(usage());
            }
            n.parse().map_err(|_| usage())
        };
        let (index, count) = (number(index)?, number(count)?);
        if count == 0 {
            return Err("N, the number of shards, must be at least 1".into());
        }
        if index >= count {
            return Err(format!(
                "there is no shard {index} of {count}: shards are counted \
                 from 0, so K goes from 0 to {}",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }
}

/// Whether the input named `name` is read under `--shard` (every input
/// is, without it).
pub(crate) fn selects(shard: Option<Shard>, name: &str) -> bool {
    shard.is_none_or(|shard| shard.contains(name))
}

/// The shard, from 0 to `count - 1`, that `name` falls in; see the
/// module documentation for the algorithm.
///
/// # Panics
///
/// Panics when `count` is 0 (a [`Shard`] never has that).
pub(crate) fn shard_of(name: &str, count: u64) -> u64 {
    assert!(count > 0, "a batch has at least one shard");
    let h = fmix64(fnv1a64(name.as_bytes()));
    // The high 64 bits of the 128-bit product: h scaled to 0..count.
    // It always fits in a u64, being less than count.
    u64::try_from((u128::from(h) * u128::from(count)) >> 64)
        .expect("h * count / 2^64 < count")
}

/// FNV-1a, 64 bits.
fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET_BASIS, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// MurmurHash3's 64-bit finaliser: a bijection whose every output bit
/// depends on every input bit.
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn shards_are_stable() {
        // Pinned: changing any of these moves files between shards of
        // batches already split, which is a breaking change.
        // Computed independently, from the module documentation's
        // description, by a few lines of Python.
        for (name, of_3, of_1000) in [
            ("city-council.txt", 1, 607),
            ("science/coral-survey.md", 1, 333),
            ("world/trade-talks.txt", 0, 139),
            ("-", 1, 393),
        ] {
            assert_eq!(shard_of(name, 3), of_3, "{name}");
            assert_eq!(shard_of(name, 1000), of_1000, "{name}");
        }
        assert_eq!(shard_of("anything", 1), 0);
    }

    #[test]
    fn shards_are_even() {
        for count in [2, 3, 7] {
            let mut sizes = vec![0usize; count as usize];
            for i in 0..7000 {
                let name = format!("2024/{:02}/article-{i:04}.txt", i % 12);
                sizes[shard_of(&name, count) as usize] += 1;
            }
            let mean = 7000 / count as usize;
            for size in &sizes {
                assert!(size.abs_diff(mean) < mean / 10, "{count}: {sizes:?}");
            }
        }
    }

    #[test]
    fn every_name_is_in_exactly_one_shard() {
        let shards: Vec<Shard> =
            (0..4).map(|k| format!("{k}/4").parse().unwrap()).collect();
        for name in ["a.txt", "b/c.txt", "", "é.md"] {
            let n = shards.iter().filter(|s| s.contains(name)).count();
            assert_eq!(n, 1, "{name}");
        }
    }

    #[test]
    fn parsing() {
        let shard = |s: &str| s.parse::<Shard>();
        assert_eq!(shard("0/1"), Ok(Shard { index: 0, count: 1 }));
        assert_eq!(shard("2/3"), Ok(Shard { index: 2, count: 3 }));
        assert_eq!(shard(" 1 / 2 ").map(|s| s.to_string()), Ok("1/2".into()));
        let err = shard("3/3").unwrap_err();
        assert!(err.contains("counted from 0"), "{err}");
        assert!(shard("1/0").unwrap_err().contains("at least 1"));
        for bad in ["", "1", "1/", "/2", "-1/2", "a/b", "1/2/3", "+1/2"] {
            assert!(shard(bad).unwrap_err().contains("write K/N"), "{bad}");
        }
    }
}
