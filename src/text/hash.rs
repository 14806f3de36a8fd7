//! Keyed hashing for every table whose keys come from the input (line copies, repetition
//! keys, title words, content words).
//!
//! An unkeyed hash lets whoever writes the page choose keys that collide: 100,000 lines of
//! 24 bytes sharing their first 19 took 37 s to count with FxHash against 0.7 s for the same
//! lines reordered (issue 24). Every such table hashes with [`Keyed`] instead: foldhash,
//! seeded once per process from the operating system's randomness (through std's
//! `RandomState`), so the slots a key lands in cannot be foreseen from outside. Tables
//! keyed by a hash the input already fixed (a word's 64-bit hash) place it with
//! [`scramble`], under the same per-process key.
//!
//! Keying changes where keys sit in a table, never which keys are equal: no decision
//! depends on it (iteration order over such a table is never used for output).

use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

use foldhash::SharedSeed;

/// The per-process keys: a per-hasher seed, foldhash's shared seed, and the two words of
/// [`scramble`], all drawn from std's `RandomState` (operating-system randomness).
struct Keys {
    per_hasher: u64,
    shared: SharedSeed,
    scramble: (u64, u64),
}

static KEYS: LazyLock<Keys> = LazyLock::new(|| {
    let state = std::collections::hash_map::RandomState::new();
    let draw = |i: u64| {
        let mut h = state.build_hasher();
        h.write_u64(i);
        h.finish()
    };
    Keys {
        per_hasher: draw(0),
        shared: SharedSeed::from_u64(draw(1)),
        // An odd multiplier keeps the product a bijection of the keyed word.
        scramble: (draw(2), draw(3) | 1),
    }
});

/// A `BuildHasher` keyed once per process (see the module docs): use it for every hash
/// table whose keys the input chooses.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Keyed(foldhash::fast::SeedableRandomState);

impl Default for Keyed {
    #[inline]
    fn default() -> Keyed {
        let keys: &'static Keys = &KEYS;
        Keyed(foldhash::fast::SeedableRandomState::with_seed(
            keys.per_hasher,
            &keys.shared,
        ))
    }
}

impl BuildHasher for Keyed {
    type Hasher = foldhash::fast::FoldHasher;
    #[inline]
    fn build_hasher(&self) -> Self::Hasher {
        self.0.build_hasher()
    }
}

/// The per-process key of [`scramble`], read once per table (a `LazyLock` access).
#[inline]
pub(crate) fn scramble_key() -> (u64, u64) {
    KEYS.scramble
}

/// `h` mixed under `key` (from [`scramble_key`]), for placing an input-chosen hash in a
/// table: the folded 128-bit product of `h ^ k0` and `k1` (foldhash's mixing step), then
/// MurmurHash3's 64-bit finaliser. The product alone leaves weak keys: hashes that differ
/// only in their low bits reach a slot's bits through a dozen bits of `k1`, and for some
/// keys those few bits spread 4,096 such hashes over fewer than 900 of 1,024 slots. The
/// finaliser (a bijection with full avalanche) spreads every bit of the product, so hashes
/// that share any fixed set of bits no longer share their slots, whatever the key.
#[inline]
pub(crate) fn scramble(h: u64, key: (u64, u64)) -> u64 {
    let p = u128::from(h ^ key.0) * u128::from(key.1);
    let mut x = (p as u64) ^ ((p >> 64) as u64);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// FxHash-style hasher, unkeyed: the term ids of [`crate::classifier::terms`] (64-bit word hashes,
/// counted in tables hashed with the keyed [`FxBuild`], so crafted words cannot pile into
/// one slot), and the hasher of tables whose keys are fixed ([`FixedBuild`]).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The `BuildHasher` of every hash table keyed by input text: keyed once per process
/// ([`Keyed`], issue 24), so crafted lines cannot pile into one slot. (Named
/// for the unkeyed FxHash it replaced, which [`FxHasher`] still computes for term ids.)
pub(crate) type FxBuild = Keyed;

/// The unkeyed [`FxHasher`] as a `BuildHasher`, for tables whose keys are fixed in the
/// crate (the stopword lists): input only looks them up, so it cannot crowd them.
pub(crate) type FixedBuild = std::hash::BuildHasherDefault<FxHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_hashes_agree_within_the_process() {
        let a = Keyed::default().hash_one(b"Top stories".as_slice());
        let b = Keyed::default().hash_one(b"Top stories".as_slice());
        assert_eq!(a, b);
        assert_ne!(a, Keyed::default().hash_one(b"Top storiez".as_slice()));
    }

    /// Slots of 1,024 that 4,096 hashes equal in their top 52 bits (the slot bits of an
    /// unkeyed table) land in once scrambled under `key`.
    fn slots_hit(key: (u64, u64)) -> usize {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..4096u64 {
            seen.insert((scramble(0xabcd_ef01_2345_0000 | i, key) >> 32) & 1023);
        }
        seen.len()
    }

    #[test]
    fn scrambled_hashes_sharing_high_bits_spread() {
        // Uniform placement hits about 1,005 slots (1,024 × (1 − e⁻⁴)). Checked under this
        // process's key and under 2,000 others (odd multipliers, as drawn), so a weak key
        // cannot pass by luck: the product alone fell under 900 for about one key in seven.
        assert!(slots_hit(scramble_key()) > 900);
        let mut next = crate::testing::xorshift(0x5eed);
        for _ in 0..2000 {
            let key = (next(), next() | 1);
            let hit = slots_hit(key);
            assert!(hit > 900, "{hit} slots under key {key:?}");
        }
    }
}
