//! Byte classes of a block of up to 64 bytes as bit masks (byte `j`'s bit is bit `j`),
//! shared by the word count ([`super::word_count`]), the classifier's block walk over a
//! line and the plain-English test of the language guess: sixteen bytes at a time in
//! `wide`'s `u8x16` (SSE2 on x86-64, no `unsafe`; plain arrays elsewhere), each class a
//! compare or two and a `move_mask`, the masks read with `trailing_zeros` and
//! `count_ones`.
//!
//! A few helpers read eight bytes at a time in a `u64` ([`load`], [`LANES`]: SWAR, "SIMD
//! within a register").

use wide::u8x16;

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

/// Calls `f(j, v)` for each 16-byte part `v` of `block` (at most 64 bytes; the last
/// part padded with NUL bytes), `j` counting from 0.
#[inline(always)]
fn parts(block: &[u8], mut f: impl FnMut(usize, u8x16)) {
    let mut buf = [0u8; 64];
    let bytes: &[u8; 64] = match <&[u8; 64]>::try_from(block) {
        Ok(b) => b,
        Err(_) => {
            let n = block.len().min(64);
            buf[..n].copy_from_slice(&block[..n]);
            &buf
        }
    };
    for j in 0..block.len().div_ceil(16).min(4) {
        let mut a = [0u8; 16];
        a.copy_from_slice(&bytes[16 * j..16 * j + 16]);
        f(j, u8x16::new(a));
    }
}

/// The bytes of `v` equal to `c`.
#[inline(always)]
fn is(v: u8x16, c: u8) -> u8x16 {
    v.cmp_eq(u8x16::splat(c))
}

/// The bytes of `v` in `lo..=hi`.
#[inline(always)]
fn within(v: u8x16, lo: u8, hi: u8) -> u8x16 {
    v.max(u8x16::splat(lo)).min(u8x16::splat(hi)).cmp_eq(v)
}

/// The ASCII letters and digits of `v` (upper case folded onto lower case by its `0x20`
/// bit; no byte from `0x80` is one).
#[inline(always)]
fn alnum(v: u8x16) -> u8x16 {
    within(v, b'0', b'9') | within(v | u8x16::splat(0x20), b'a', b'z')
}

/// The sixteen answers of a compare as bits, placed for part `j` of a block.
#[inline(always)]
fn mask(m: u8x16, j: usize) -> u64 {
    u64::from(m.move_mask() as u16) << (16 * j)
}

/// The classes of a block's bytes that the classifier counts (see [`classes`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Classes {
    /// `0` to `9`.
    pub digit: u64,
    /// `A` to `Z`.
    pub upper: u64,
    /// `a` to `z`.
    pub lower: u64,
    /// Space, and tab to carriage return (`char::is_whitespace` on ASCII).
    pub space: u64,
    /// `|`, `/` and `>`.
    pub separator: u64,
    /// `,`.
    pub comma: u64,
    /// `"`.
    pub quote: u64,
    /// `'` and `-`: inside a word, or trimmed from its edge.
    pub glue: u64,
    /// `.`, `?` and `!`.
    pub stop: u64,
}

/// The [`Classes`] of `block` (at most 64 bytes; no bit past its end is set).
#[inline]
pub(crate) fn classes(block: &[u8]) -> Classes {
    let mut c = Classes::default();
    parts(block, |j, v| {
        c.digit |= mask(within(v, b'0', b'9'), j);
        c.upper |= mask(within(v, b'A', b'Z'), j);
        c.lower |= mask(within(v, b'a', b'z'), j);
        c.space |= mask(is(v, b' ') | within(v, b'\t', 0x0d), j);
        c.separator |= mask(is(v, b'|') | is(v, b'/') | is(v, b'>'), j);
        c.comma |= mask(is(v, b','), j);
        c.quote |= mask(is(v, b'"'), j);
        c.glue |= mask(is(v, b'\'') | is(v, b'-'), j);
        c.stop |= mask(is(v, b'.') | is(v, b'?') | is(v, b'!'), j);
    });
    c
}

/// The ASCII letters and digits of `block` (at most 64 bytes, any bytes: those from
/// `0x80` are not letters), and its `'` and `-`, as bits.
#[inline]
pub(crate) fn alnum_glue(block: &[u8]) -> (u64, u64) {
    let (mut a, mut g) = (0u64, 0u64);
    parts(block, |j, v| {
        a |= mask(alnum(v), j);
        g |= mask(is(v, b'\'') | is(v, b'-'), j);
    });
    (a, g)
}

/// The ASCII letters and digits of `block` (at most 64 bytes, any bytes: those from
/// `0x80` are not letters) as bits.
#[inline]
pub(crate) fn ascii_alnum_bits(block: &[u8]) -> u64 {
    let mut a = 0u64;
    parts(block, |j, v| a |= mask(alnum(v), j));
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bits of `block`'s bytes that `f` takes.
    fn want(block: &[u8], f: impl Fn(u8) -> bool) -> u64 {
        block
            .iter()
            .enumerate()
            .map(|(j, &b)| u64::from(f(b)) << j)
            .sum()
    }

    /// Every byte value at every place of blocks of every length, against the
    /// byte-at-a-time tests.
    #[test]
    fn classes_agree_with_the_byte_tests() {
        let base =
            b"xY3'-a Z|/>,\".?!\t\r\n\x0b\x0c_~@[`{ 0123456789 abcdefghijklm ABCDEFGHIJKLMNOPQ";
        for len in [1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64] {
            for v in 0..=255u8 {
                for at in (0..len).step_by(if len >= 63 { 1 } else { 5 }) {
                    let mut block = base[..len].to_vec();
                    block[at] = v;
                    let b = &block[..];
                    let c = classes(b);
                    assert_eq!(c.digit, want(b, |x| x.is_ascii_digit()));
                    assert_eq!(c.upper, want(b, |x| x.is_ascii_uppercase()));
                    assert_eq!(c.lower, want(b, |x| x.is_ascii_lowercase()));
                    assert_eq!(
                        c.space,
                        want(b, |x| x.is_ascii() && char::from(x).is_whitespace())
                    );
                    assert_eq!(c.separator, want(b, |x| matches!(x, b'|' | b'/' | b'>')));
                    assert_eq!(c.comma, want(b, |x| x == b','));
                    assert_eq!(c.quote, want(b, |x| x == b'"'));
                    assert_eq!(c.glue, want(b, |x| matches!(x, b'\'' | b'-')));
                    assert_eq!(c.stop, want(b, |x| matches!(x, b'.' | b'?' | b'!')));
                    let alnum = want(b, |x| x.is_ascii_alphanumeric());
                    assert_eq!(ascii_alnum_bits(b), alnum);
                    assert_eq!(alnum_glue(b), (alnum, c.glue));
                    assert_eq!(
                        ascii_prefix(b),
                        b.iter().take_while(|x| x.is_ascii()).count()
                    );
                }
            }
        }
        assert_eq!(load(b"ab"), u64::from(b'a') | u64::from(b'b') << 8);
        assert_eq!(load(b"abcdefgh"), u64::from_le_bytes(*b"abcdefgh"));
    }
}
