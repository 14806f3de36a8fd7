//! Byte classes eight bytes at a time in a `u64` (SWAR: "SIMD within a register"), shared
//! by the word count ([`super::word_count`]), the classifier's block walk over a line and
//! the plain-English test of the language guess.
//!
//! A `u64` holds eight bytes, the first in its low byte ([`load`]). On bytes below `0x80`,
//! adding a constant below `0x80` to each never carries from one byte into the next, so a
//! comparison of every byte with a constant is one addition: the answer is each byte's high
//! bit ([`ge`], [`within`], [`eq`]; [`LANES`] masks the high bits). [`bits`] gathers the
//! eight answers into eight bits, byte `j`'s as bit `j`, so that a block of 64 bytes gives
//! one `u64` mask a class, read with `trailing_zeros` and `count_ones`.

/// One in each byte of a `u64`.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of a `u64`.
pub(crate) const LANES: u64 = 0x80 * ONES;

/// The eight bytes of `chunk` (at most eight) as a `u64`, the first in the low byte, the
/// bytes past its end zero.
#[inline(always)]
pub(crate) fn load(chunk: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(chunk) {
        Ok(a) => u64::from_le_bytes(a),
        Err(_) => {
            let mut a = [0u8; 8];
            let n = chunk.len().min(8);
            a[..n].copy_from_slice(&chunk[..n]);
            u64::from_le_bytes(a)
        }
    }
}

/// `x` (eight bytes below `0x80`) with each byte's high bit set where the byte is at least
/// `c` (`1 <= c <= 0x80`); the other bits are not masked off.
#[inline(always)]
pub(crate) fn ge(x: u64, c: u8) -> u64 {
    x.wrapping_add(u64::from(0x80 - c) * ONES)
}

/// The high bits of the bytes of `x` (each below `0x80`) in `lo..=hi` (`1 <= lo`,
/// `hi < 0x7f`).
#[inline(always)]
pub(crate) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    ge(x, lo) & !ge(x, hi + 1) & LANES
}

/// The high bits of the bytes of `x` (each below `0x80`) equal to `c`.
#[inline(always)]
pub(crate) fn eq(x: u64, c: u8) -> u64 {
    let y = x ^ (u64::from(c) * ONES);
    // A byte below 0x80 plus 0x7f reaches 0x80 unless it is 0.
    !y.wrapping_add(0x7f * ONES) & LANES
}

/// The high bits of the ASCII letters and digits of `x` (each byte below `0x80`): upper
/// case folded onto lower case by its `0x20` bit.
#[inline(always)]
pub(crate) fn alnum(x: u64) -> u64 {
    within(x, b'0', b'9') | within(x | (0x20 * ONES), b'a', b'z')
}

/// The eight high bits of `m` (one a byte, as [`eq`] gives them) as the low eight bits of
/// a byte mask (byte `j`'s bit is bit `j`).
#[inline(always)]
pub(crate) fn bits(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The sum of the eight bytes of `acc` (each a count, their sum below 256).
#[inline(always)]
pub(crate) fn lane_sum(acc: u64) -> u32 {
    (acc.wrapping_mul(ONES) >> 56) as u32
}

/// How many bytes `b` starts with below `0x80`.
#[inline]
pub(crate) fn ascii_prefix(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = load(c) & LANES;
        if x != 0 {
            return at + x.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + chunks
        .remainder()
        .iter()
        .position(|&x| x >= 0x80)
        .unwrap_or(chunks.remainder().len())
}

/// The ASCII letters and digits of `block` (at most 64 bytes, any bytes: those from
/// `0x80` are not letters) as bits, byte `j`'s as bit `j`.
#[inline]
pub(crate) fn ascii_alnum_bits(block: &[u8]) -> u64 {
    let mut out = 0u64;
    for (j, chunk) in block.chunks(8).enumerate() {
        let x = load(chunk);
        // Each byte's low seven bits, so that no byte carries into the next; the bytes
        // from 0x80 are masked off after.
        out |= bits(alnum(x & !LANES) & !x) << (8 * j);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place of a `u64` (among letters), against the
    /// byte-at-a-time tests.
    #[test]
    fn classes_agree_with_the_byte_tests() {
        for v in 0..=255u8 {
            for at in 0..8 {
                let mut a = *b"xY3'-a Z";
                a[at] = v;
                let x = load(&a);
                let want = |f: fn(&u8) -> bool| -> u64 {
                    a.iter()
                        .enumerate()
                        .map(|(j, b)| u64::from(f(b)) << j)
                        .sum()
                };
                assert_eq!(ascii_alnum_bits(&a), want(u8::is_ascii_alphanumeric), "{v}");
                assert_eq!(ascii_prefix(&a), a.iter().take_while(|b| b.is_ascii()).count());
                if v < 0x80 {
                    assert_eq!(bits(alnum(x)), want(u8::is_ascii_alphanumeric), "{v}");
                    assert_eq!(bits(within(x, b'0', b'9')), want(u8::is_ascii_digit), "{v}");
                    assert_eq!(bits(within(x, b'A', b'Z')), want(u8::is_ascii_uppercase));
                    assert_eq!(bits(eq(x, b'-')), want(|&b| b == b'-'), "{v}");
                    assert_eq!(bits(ge(x, b'!') & LANES), want(|&b| b >= b'!'), "{v}");
                    assert_eq!(
                        lane_sum(within(x, b'a', b'z') >> 7) as usize,
                        a.iter().filter(|b| b.is_ascii_lowercase()).count()
                    );
                }
            }
        }
        // Short blocks: the bytes past the end read as zero.
        assert_eq!(load(b"ab"), u64::from(b'a') | u64::from(b'b') << 8);
        assert_eq!(ascii_alnum_bits(b"a b"), 0b101);
        let block = [b'a'; 64];
        assert_eq!(ascii_alnum_bits(&block), u64::MAX);
    }
}
