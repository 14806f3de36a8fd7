//! A bit per line with counts (issue 24): what the classifier held as a prefix sum or a
//! distance of 4 bytes a line (kept lines counted before each, the nearest kept line, the
//! run of kept lines around each) is read from a bit a line and a count every 64 lines.

/// The sum of `count` ones added one at a time in `f32` (exact up to 2^24, where such a
/// sum stops growing): what a prefix sum of flags in `f32` holds after `count` set flags.
#[inline]
pub(crate) fn ones_f32(count: usize) -> f32 {
    count.min(1 << 24) as f32
}

/// A sequence of bits with the count of ones before every 64th, so that the ones before a
/// position ([`Bits::rank`]) take a word's count and a population count, and the nearest
/// one or zero before or after a position ([`Bits::prev`], [`Bits::next`]) a look at its
/// word and, past it, a search by halves over the counts: no walk is longer than the
/// logarithm of the length, whatever the bits.
#[derive(Clone, Debug, Default)]
pub(crate) struct Bits {
    words: Vec<u64>,
    /// `ranks[w]`: the ones in the words before word `w` (one more entry than words).
    ranks: Vec<usize>,
    len: usize,
}

impl Bits {
    /// The bits `bits` (in order).
    pub(crate) fn new(bits: impl IntoIterator<Item = bool>) -> Bits {
        let mut out = Bits::default();
        for b in bits {
            out.push(b);
        }
        out.seal();
        out
    }

    /// Adds bit `b` at the end (before [`Bits::seal`]).
    fn push(&mut self, b: bool) {
        if self.len % 64 == 0 {
            self.words.push(0u64);
        }
        if b {
            *self.words.last_mut().expect("pushed above") |= 1 << (self.len % 64);
        }
        self.len += 1;
    }

    /// Counts the ones once every bit is in.
    fn seal(&mut self) {
        self.ranks = Vec::with_capacity(self.words.len() + 1);
        let mut total = 0;
        self.ranks.push(0);
        for w in &self.words {
            total += w.count_ones() as usize;
            self.ranks.push(total);
        }
    }

    /// The number of bits.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Bit `k`.
    #[inline]
    pub(crate) fn get(&self, k: usize) -> bool {
        self.words[k / 64] >> (k % 64) & 1 != 0
    }

    /// The ones before position `k` (`k` at most [`Bits::len`]).
    #[inline]
    pub(crate) fn rank(&self, k: usize) -> usize {
        let (w, b) = (k / 64, k % 64);
        if b == 0 {
            return self.ranks[w];
        }
        self.ranks[w] + (self.words[w] & ((1u64 << b) - 1)).count_ones() as usize
    }

    /// The ones among positions `lo..hi` (`lo <= hi <= len`): a population count when both
    /// ends are in one word.
    #[inline]
    pub(crate) fn count(&self, lo: usize, hi: usize) -> usize {
        let w = lo / 64;
        if hi <= w * 64 + 64 && hi > lo {
            let x = self.words[w] >> (lo % 64);
            let width = hi - lo;
            let x = if width >= 64 {
                x
            } else {
                x & ((1u64 << width) - 1)
            };
            x.count_ones() as usize
        } else {
            self.rank(hi) - self.rank(lo)
        }
    }

    /// `ones_f32(rank(hi)) - ones_f32(rank(lo))`: the difference of two prefix sums of
    /// flags in `f32` (a population count when `hi` is under 2^24).
    #[inline]
    pub(crate) fn count_f32(&self, lo: usize, hi: usize) -> f32 {
        if hi <= 1 << 24 {
            self.count(lo, hi) as f32
        } else {
            ones_f32(self.rank(hi)) - ones_f32(self.rank(lo))
        }
    }

    /// Word `w` with its bits of value `one` set (bits past the end clear), and how many
    /// such bits come before it.
    #[inline]
    fn word(&self, w: usize, one: bool) -> (u64, usize) {
        if one {
            (self.words[w], self.ranks[w])
        } else {
            let valid = self.len - w * 64;
            let mask = if valid >= 64 {
                u64::MAX
            } else {
                (1u64 << valid) - 1
            };
            (!self.words[w] & mask, w * 64 - self.ranks[w])
        }
    }

    /// The bits of value `one` in the words before word `w` (`w` up to the word count).
    #[inline]
    fn before(&self, w: usize, one: bool) -> usize {
        if one {
            self.ranks[w]
        } else {
            (w * 64).min(self.len) - self.ranks[w]
        }
    }

    /// The word holding the bit of value `one` that has `r` such bits before it (there is
    /// one): a search by halves over the words' counts.
    fn word_of(&self, r: usize, one: bool) -> usize {
        // The last word with at most `r` such bits before it.
        let (mut lo, mut hi) = (0, self.words.len());
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.before(mid, one) <= r {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The last position before `k` whose bit is `one`.
    pub(crate) fn prev(&self, k: usize, one: bool) -> Option<usize> {
        if k == 0 {
            return None;
        }
        let (w, b) = (k / 64, k % 64);
        if b > 0 {
            let (x, _) = self.word(w, one);
            let x = x & ((1u64 << b) - 1);
            if x != 0 {
                return Some(w * 64 + 63 - x.leading_zeros() as usize);
            }
        }
        let r = self.before(w, one);
        if r == 0 {
            return None;
        }
        let w = self.word_of(r - 1, one);
        let (x, _) = self.word(w, one);
        Some(w * 64 + 63 - x.leading_zeros() as usize)
    }

    /// The first position at or after `k` whose bit is `one`.
    pub(crate) fn next(&self, k: usize, one: bool) -> Option<usize> {
        if k >= self.len {
            return None;
        }
        let (w, b) = (k / 64, k % 64);
        let (x, _) = self.word(w, one);
        let x = x & (u64::MAX << b);
        if x != 0 {
            return Some(w * 64 + x.trailing_zeros() as usize);
        }
        let r = self.before(w + 1, one);
        if r == self.before(self.words.len(), one) {
            return None;
        }
        let w = self.word_of(r, one);
        let (x, _) = self.word(w, one);
        Some(w * 64 + x.trailing_zeros() as usize)
    }
}

/// A value per line that holds along runs of consecutive lines, held once a run (issue
/// 24: a table of 4 bytes a line before): a bit a line marks each run's first line, and
/// a line's value is its run's ([`Runs::get`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Runs<T> {
    starts: Bits,
    values: Vec<T>,
}

impl<T: Copy> Runs<T> {
    /// The runs whose first lines are the ones of `starts` (line 0 among them, when there
    /// is a line), the value of the run of lines `a..b` being `value(a, b)` (asked in
    /// order). The values are made once their count is known (never grown: growing holds
    /// the old and the new).
    pub(crate) fn new(starts: Bits, mut value: impl FnMut(usize, usize) -> T) -> Runs<T> {
        let n = starts.len;
        debug_assert!(n == 0 || starts.get(0));
        let mut values = Vec::with_capacity(starts.rank(n));
        let mut a = 0;
        while a < n {
            let b = starts.next(a + 1, true).unwrap_or(n);
            values.push(value(a, b));
            a = b;
        }
        Runs { starts, values }
    }

    /// The run of line `k` (its place among the runs).
    #[inline]
    pub(crate) fn index(&self, k: usize) -> usize {
        self.starts.rank(k + 1) - 1
    }

    /// Line `k`'s value (its run's).
    #[inline]
    pub(crate) fn get(&self, k: usize) -> T {
        self.values[self.index(k)]
    }
}

#[cfg(test)]
mod tests {
    use super::{Bits, Runs};

    #[test]
    fn each_line_reads_its_runs_value() {
        let runs = |n: usize, list: &[(usize, char)]| {
            let starts = Bits::new((0..n).map(|k| list.iter().any(|r| r.0 == k)));
            let mut values = list.iter().map(|r| r.1);
            Runs::new(starts, |a, b| {
                assert!(list.iter().any(|r| r.0 == a) && (b == n || list.iter().any(|r| r.0 == b)));
                values.next().unwrap()
            })
        };
        let short = runs(7, &[(0, 'a'), (1, 'b'), (4, 'c'), (6, 'd')]);
        let got: String = (0..7).map(|k| short.get(k)).collect();
        assert_eq!(got, "abbbccd");
        assert_eq!(short.index(5), 2);
        let long = runs(200, &[(0, 'x'), (130, 'y')]);
        assert_eq!(
            (long.get(129), long.get(130), long.get(199)),
            ('x', 'y', 'y')
        );
    }

    /// Every query against a walk along a plain list of bits, on lengths around the
    /// word size and on sparse, dense and empty patterns.
    /// A prefix sum of ones in `f32` stops at 2^24, as `ones_f32` says.
    #[test]
    fn a_sum_of_ones_in_f32_stops_at_2_pow_24() {
        let mut sum = (1u32 << 24) as f32 - 2.0;
        for _ in 0..4 {
            sum += 1.0;
        }
        assert_eq!(sum, super::ones_f32((1 << 24) + 2));
        assert_eq!(super::ones_f32((1 << 24) - 1), sum - 1.0);
    }

    #[test]
    fn bits_answer_as_a_walk_along_the_list() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in [0, 1, 2, 63, 64, 65, 127, 128, 129, 300, 1000] {
            for density in [0, 1, 8, 50, 92, 100] {
                let plain: Vec<bool> = (0..len).map(|_| next() % 100 < density).collect();
                let bits = Bits::new(plain.iter().copied());
                assert_eq!(bits.len(), len);
                for k in 0..=len {
                    let ones = plain[..k].iter().filter(|&&b| b).count();
                    assert_eq!(bits.rank(k), ones, "len {len}, density {density}, at {k}");
                    for lo in k.saturating_sub(70)..=k {
                        let c = plain[lo..k].iter().filter(|&&b| b).count();
                        assert_eq!(bits.count(lo, k), c, "{lo}..{k} of {len}");
                        assert_eq!(bits.count_f32(lo, k), c as f32);
                    }
                    let mut sum = 0f32;
                    for &b in &plain[..k] {
                        sum += f32::from(u8::from(b));
                    }
                    assert_eq!(super::ones_f32(ones), sum);
                    for one in [true, false] {
                        let prev = (0..k).rev().find(|&j| plain[j] == one);
                        assert_eq!(bits.prev(k, one), prev, "prev {one} at {k} of {len}");
                        let next = (k..len).find(|&j| plain[j] == one);
                        assert_eq!(bits.next(k, one), next, "next {one} at {k} of {len}");
                    }
                    if k < len {
                        assert_eq!(bits.get(k), plain[k]);
                    }
                }
            }
        }
    }
}
