//! Inference for the line classifier's gradient-boosted trees. The trees themselves are a
//! generated table in [`super::model`], written by `cargo run --release -p deboil-tools --bin train`.

/// One tree node. A node whose `feature` is [`LEAF`] is a leaf worth `value`; otherwise
/// rows with `x[feature] <= threshold` go to `left`, others to `right` (absolute indices).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub feature: u8,
    pub threshold: f32,
    pub left: u32,
    pub right: u32,
    pub value: f32,
}

/// `feature` of a leaf node.
pub(crate) const LEAF: u8 = u8::MAX;

/// A split node (used by the generated table).
pub(crate) const fn split(feature: u8, threshold: f32, left: u32, right: u32) -> Node {
    Node {
        feature,
        threshold,
        left,
        right,
        value: 0.0,
    }
}

/// A leaf node (used by the generated table).
pub(crate) const fn leaf(value: f32) -> Node {
    Node {
        feature: LEAF,
        threshold: 0.0,
        left: 0,
        right: 0,
        value,
    }
}

/// A boosted ensemble: `base` plus the sum of every tree's leaf, as log-odds.
#[derive(Debug)]
pub(crate) struct Model {
    pub base: f32,
    pub roots: &'static [u32],
    pub nodes: &'static [Node],
}

impl Model {
    /// Log-odds that the line with features `x` is article body.
    pub fn score<const N: usize>(&self, x: &[f32; N]) -> f32 {
        let mut sum = self.base;
        for &root in self.roots {
            let mut i = root as usize;
            while let Some(node) = self.nodes.get(i) {
                if node.feature == LEAF {
                    sum += node.value;
                    break;
                }
                let v = x.get(node.feature as usize).copied().unwrap_or(0.0);
                i = if v <= node.threshold {
                    node.left
                } else {
                    node.right
                } as usize;
            }
        }
        sum
    }
}

/// Greatest depth of the trees in a [`Compiled`] ensemble.
const DEPTH: usize = 6;
/// Split nodes of a padded tree of depth [`DEPTH`].
const SPLITS: usize = (1 << DEPTH) - 1;

/// One tree padded to a complete binary tree of its ensemble's depth (at most [`DEPTH`]),
/// stored breadth-first (children of `p` at `2p + 1` and `2p + 2`), so it is evaluated
/// without branches; the leaves of a shallower ensemble fill the start of `leaf`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Complete {
    feature: [u8; SPLITS],
    /// `feature` as a [`Narrow`] (`F0` where a feature does not fit), read for rows of
    /// exactly [`NARROW`] values; as a [`Narrow2`] for rows of [`NARROW2`].
    narrow: [Narrow; SPLITS],
    narrow2: [Narrow2; SPLITS],
    /// `feature` as a [`Narrow3`] and a [`Narrow4`]: the default engine's two stages.
    narrow3: [Narrow3; SPLITS],
    narrow4: [Narrow4; SPLITS],
    threshold: [f32; SPLITS],
    leaf: [f32; 1 << DEPTH],
}

/// Values of the rows [`Narrow`] feature indices are read for: the fast engine's first
/// stage ([`crate::classifier::fast::N_FAST`]), the trees scored most.
const NARROW: usize = 65;
/// Values of the rows [`Narrow2`] feature indices are read for: the fast engine's second
/// stage ([`crate::classifier::fast::N_FAST2`]).
const NARROW2: usize = 15;

/// Values of the rows [`Narrow3`] feature indices are read for: the default engine's
/// first stage ([`crate::classifier::features::N_FEATURES`]).
const NARROW3: usize = 80;
/// Values of the rows [`Narrow4`] feature indices are read for: the default engine's
/// second stage ([`crate::classifier::stack::N_STACKED`]).
const NARROW4: usize = 106;

/// Defines a feature index type `$t` of `$n` values, one variant per index.
macro_rules! narrow {
    ($t:ident, $n:ident, $($v:ident)*) => {
        /// A feature index below its rows' length: as a type of exactly that many values,
        /// it indexes a row without a bounds check.
        #[derive(Clone, Copy, Debug)]
        #[repr(u8)]
        enum $t {
            $($v),*
        }

        impl $t {
            /// Every index, in order.
            const ALL: [$t; $n] = [$($t::$v),*];

            /// The index `f`, if it fits (else 0).
            fn of(f: u8) -> $t {
                $t::ALL.get(usize::from(f)).copied().unwrap_or($t::F0)
            }
        }
    };
}

narrow!(Narrow, NARROW, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64);
narrow!(Narrow2, NARROW2, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14);
narrow!(Narrow3, NARROW3, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64 F65 F66 F67 F68 F69 F70 F71 F72 F73 F74 F75 F76 F77 F78 F79);
narrow!(Narrow4, NARROW4, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64 F65 F66 F67 F68 F69 F70 F71 F72 F73 F74 F75 F76 F77 F78 F79 F80 F81 F82 F83 F84 F85 F86 F87 F88 F89 F90 F91 F92 F93 F94 F95 F96 F97 F98 F99 F100 F101 F102 F103 F104 F105);

/// A [`Model`] laid out for fast scoring, with exactly the same results: each tree is a
/// [`Complete`] tree, where a leaf above the last level is copied to every leaf below it
/// (the splits on the way there are then irrelevant). Models that do not fit (deeper
/// trees, bad indices) are scored by [`Model::score`].
#[derive(Debug)]
pub(crate) enum Compiled {
    /// Every tree padded to `depth`, the depth of the deepest. Every split's feature is
    /// below `features` (checked by [`fill`]); `model` scores rows of fewer values.
    Complete {
        base: f32,
        depth: usize,
        trees: Vec<Complete>,
        features: usize,
        model: &'static Model,
    },
    /// The model as it is.
    Plain(&'static Model),
}

impl Compiled {
    /// Lays `model` out for scoring rows of `features` values.
    pub fn new(model: &'static Model, features: usize) -> Compiled {
        let mut depth = 0;
        for &root in model.roots {
            match depth_of(model.nodes, root as usize, 0) {
                Some(d) if d <= DEPTH => depth = depth.max(d),
                _ => return Compiled::Plain(model),
            }
        }
        let mut trees = Vec::with_capacity(model.roots.len());
        for &root in model.roots {
            let mut t = Complete {
                feature: [0; SPLITS],
                narrow: [Narrow::F0; SPLITS],
                narrow2: [Narrow2::F0; SPLITS],
                narrow3: [Narrow3::F0; SPLITS],
                narrow4: [Narrow4::F0; SPLITS],
                threshold: [0.0; SPLITS],
                leaf: [0.0; 1 << DEPTH],
            };
            if !fill(model.nodes, root as usize, 0, &mut t, features, depth) {
                return Compiled::Plain(model);
            }
            trees.push(t);
        }
        Compiled::Complete {
            base: model.base,
            depth,
            trees,
            features,
            model,
        }
    }
}

impl Compiled {
    /// The scores of the rows `want` selects, in `out` (cleared first; other rows get
    /// `NAN`): the same as [`Model::score`] on each row, but tree by tree over a block of
    /// [`BLOCK`] rows, [`LANES`] rows at a time, so independent descents overlap. Each
    /// row's sum still adds the trees in order.
    pub fn score_all<const N: usize>(
        &self,
        rows: &[[f32; N]],
        want: impl Fn(usize) -> bool,
        out: &mut Vec<f32>,
    ) {
        out.clear();
        let picked: Vec<usize> = (0..rows.len()).filter(|&k| want(k)).collect();
        let mut sums = Vec::with_capacity(picked.len());
        match self {
            Compiled::Plain(model) => sums.extend(picked.iter().map(|&k| model.score(&rows[k]))),
            // Rows too short for the trees' features (no caller's): scored as they are.
            Compiled::Complete {
                features, model, ..
            } if *features > N => sums.extend(picked.iter().map(|&k| model.score(&rows[k]))),
            Compiled::Complete {
                base, depth, trees, ..
            } => {
                sums.resize(picked.len(), *base);
                // Rows in blocks, every tree over one block before the next: the block's
                // rows stay in cache however long the document is.
                let add: AddTo<N> = match depth {
                    0 => Complete::add_to::<N, 0>,
                    1 => Complete::add_to::<N, 1>,
                    2 => Complete::add_to::<N, 2>,
                    3 => Complete::add_to::<N, 3>,
                    4 => Complete::add_to::<N, 4>,
                    5 => Complete::add_to::<N, 5>,
                    _ => Complete::add_to::<N, DEPTH>,
                };
                if picked.len() == rows.len() {
                    // Every row (`picked[k] == k`): the rows of a lane group are side by
                    // side in memory, found from one address.
                    let add: AddRows<N> = match depth {
                        0 => Complete::add_rows::<N, 0>,
                        1 => Complete::add_rows::<N, 1>,
                        2 => Complete::add_rows::<N, 2>,
                        3 => Complete::add_rows::<N, 3>,
                        4 => Complete::add_rows::<N, 4>,
                        5 => Complete::add_rows::<N, 5>,
                        _ => Complete::add_rows::<N, DEPTH>,
                    };
                    for (rows, sums) in rows.chunks(BLOCK).zip(sums.chunks_mut(BLOCK)) {
                        for t in trees {
                            add(t, rows, sums);
                        }
                    }
                } else {
                    for (picked, sums) in picked.chunks(BLOCK).zip(sums.chunks_mut(BLOCK)) {
                        for t in trees {
                            add(t, rows, picked, sums);
                        }
                    }
                }
            }
        }
        out.resize(rows.len(), f32::NAN);
        for (&k, s) in picked.iter().zip(sums) {
            out[k] = s;
        }
    }
}

impl Compiled {
    /// [`Compiled::score_all`] over rows made on demand: `row(k)` for each `k < n` that
    /// `want` selects, [`BLOCK`] rows at a time, so that only one block of rows is held
    /// (the same scores: each row's sum adds the same trees in the same order).
    pub fn score_rows<const N: usize>(
        &self,
        n: usize,
        want: impl Fn(usize) -> bool,
        mut row: impl FnMut(usize) -> [f32; N],
        out: &mut Vec<f32>,
    ) {
        out.clear();
        out.resize(n, f32::NAN);
        let picked: Vec<usize> = (0..n).filter(|&k| want(k)).collect();
        let mut rows = Vec::with_capacity(BLOCK.min(picked.len()));
        let mut sums = Vec::with_capacity(BLOCK);
        for block in picked.chunks(BLOCK) {
            rows.clear();
            rows.extend(block.iter().map(|&k| row(k)));
            self.score_all(&rows, |_| true, &mut sums);
            for (&k, &s) in block.iter().zip(&sums) {
                out[k] = s;
            }
        }
    }
}

/// [`Complete::add_to`] for one depth.
type AddTo<const N: usize> = fn(&Complete, &[[f32; N]], &[usize], &mut [f32]);

/// [`Complete::add_rows`] for one depth.
type AddRows<const N: usize> = fn(&Complete, &[[f32; N]], &mut [f32]);

/// Rows descended side by side in [`Compiled::score_all`].
const LANES: usize = 8;

/// Rows scored by every tree before the next rows (a multiple of [`LANES`]).
const BLOCK: usize = 64;

impl Complete {
    /// Adds this tree's leaf for each row `rows[k]` (`k` in `picked`) to its sum in `sums`,
    /// [`LANES`] rows side by side; the tree is padded to depth `D`.
    fn add_to<const N: usize, const D: usize>(
        &self,
        rows: &[[f32; N]],
        picked: &[usize],
        sums: &mut [f32],
    ) {
        let splits = (1 << D) - 1;
        let mut chunks = picked.chunks_exact(LANES);
        let mut outs = sums.chunks_exact_mut(LANES);
        for (ks, ss) in (&mut chunks).zip(&mut outs) {
            let mut p = [0usize; LANES];
            for _ in 0..D {
                for (p, &k) in p.iter_mut().zip(ks) {
                    *p = self.step(*p, &rows[k]);
                }
            }
            for (s, p) in ss.iter_mut().zip(p) {
                *s += self.leaf[p - splits];
            }
        }
        for (&k, s) in chunks.remainder().iter().zip(outs.into_remainder()) {
            let mut p = 0;
            for _ in 0..D {
                p = self.step(p, &rows[k]);
            }
            *s += self.leaf[p - splits];
        }
    }

    /// [`Complete::add_to`] for every row of `rows` in order (`sums[k]` for `rows[k]`).
    fn add_rows<const N: usize, const D: usize>(&self, rows: &[[f32; N]], sums: &mut [f32]) {
        let splits = (1 << D) - 1;
        let mut chunks = rows.chunks_exact(LANES);
        let mut outs = sums.chunks_exact_mut(LANES);
        for (xs, ss) in (&mut chunks).zip(&mut outs) {
            let mut p = [0usize; LANES];
            for _ in 0..D {
                for (p, x) in p.iter_mut().zip(xs) {
                    *p = self.step(*p, x);
                }
            }
            for (s, p) in ss.iter_mut().zip(p) {
                *s += self.leaf[p - splits];
            }
        }
        for (x, s) in chunks.remainder().iter().zip(outs.into_remainder()) {
            let mut p = 0;
            for _ in 0..D {
                p = self.step(p, x);
            }
            *s += self.leaf[p - splits];
        }
    }

    /// One level down from split `p` for row `x`.
    #[inline(always)]
    fn step<const N: usize>(&self, p: usize, x: &[f32; N]) -> usize {
        // In bounds: every feature of a `Complete` tree is below the `features` it was
        // filled for (`fill` checks each, the padding is 0), and `score_all`, the only
        // caller (through `add_to` and `add_rows`), scores rows of `N >= features` values.
        // Rows of `NARROW`, `NARROW2`, `NARROW3` or `NARROW4` values: the index is known
        // to be in bounds (the features, below `N`, are all that type's own).
        let f = if N == NARROW {
            self.narrow[p] as usize
        } else if N == NARROW2 {
            self.narrow2[p] as usize
        } else if N == NARROW3 {
            self.narrow3[p] as usize
        } else if N == NARROW4 {
            self.narrow4[p] as usize
        } else {
            usize::from(self.feature[p])
        };
        let v = x[f];
        // Left exactly when `v <= t`, as in `Model::score` (NaN goes right).
        let left = v <= self.threshold[p];
        2 * p + 2 - usize::from(left)
    }
}

/// The depth of the tree at node `i` of `nodes` (splits on its longest branch), if it
/// is at most [`DEPTH`] (`at`: the depth of node `i`).
fn depth_of(nodes: &[Node], i: usize, at: usize) -> Option<usize> {
    let node = nodes.get(i)?;
    if node.feature == LEAF {
        return Some(at);
    }
    if at >= DEPTH {
        return None;
    }
    let left = depth_of(nodes, node.left as usize, at + 1)?;
    Some(left.max(depth_of(nodes, node.right as usize, at + 1)?))
}

/// Writes node `i` of `nodes` at position `p` of `t`, padded to `depth`; false if the
/// tree does not fit.
fn fill(
    nodes: &[Node],
    i: usize,
    p: usize,
    t: &mut Complete,
    features: usize,
    depth: usize,
) -> bool {
    let Some(node) = nodes.get(i) else {
        return false;
    };
    let splits = (1 << depth) - 1;
    if p >= splits {
        // Last level: only a leaf fits here.
        if node.feature != LEAF || p - splits >= t.leaf.len() {
            return false;
        }
        t.leaf[p - splits] = node.value;
        return true;
    }
    if node.feature == LEAF {
        // A leaf above the last level: both subtrees end in the same value.
        return fill(nodes, i, 2 * p + 1, t, features, depth)
            && fill(nodes, i, 2 * p + 2, t, features, depth);
    }
    if usize::from(node.feature) >= features || p >= SPLITS {
        return false;
    }
    t.feature[p] = node.feature;
    t.narrow[p] = Narrow::of(node.feature);
    t.narrow2[p] = Narrow2::of(node.feature);
    t.narrow3[p] = Narrow3::of(node.feature);
    t.narrow4[p] = Narrow4::of(node.feature);
    t.threshold[p] = node.threshold;
    fill(nodes, node.left as usize, 2 * p + 1, t, features, depth)
        && fill(nodes, node.right as usize, 2 * p + 2, t, features, depth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::fast::{N_FAST, N_FAST2};
    use crate::classifier::fast_model::{FAST_FIRST, FAST_SECOND};
    use crate::classifier::features::N_FEATURES;
    use crate::classifier::model::{MODEL, STACKED};
    use crate::classifier::stack::N_STACKED;

    #[test]
    fn the_rows_have_narrow_feature_indices() {
        assert_eq!(NARROW, N_FAST);
        assert_eq!(NARROW2, N_FAST2);
        assert_eq!(NARROW3, N_FEATURES);
        assert_eq!(NARROW4, N_STACKED);
    }

    #[test]
    fn compiled_scores_exactly_like_the_models() {
        check(&MODEL, [0f32; N_FEATURES]);
        check(&STACKED, [0f32; N_STACKED]);
        check(&FAST_FIRST, [0f32; N_FAST]);
        check(&FAST_SECOND, [0f32; N_FAST2]);
    }

    fn check<const N: usize>(model: &'static Model, zero: [f32; N]) {
        let compiled = Compiled::new(model, N);
        assert!(matches!(compiled, Compiled::Complete { .. }));
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        let mut rows = Vec::new();
        for _ in 0..2003 {
            let mut x = zero;
            for v in &mut x {
                *v = match next() % 5 {
                    0 => 0.0,
                    1 => 1.0,
                    2 => -1.0,
                    _ => (next() % 10_000) as f32 / 1000.0,
                };
            }
            rows.push(x);
        }
        rows.push([f32::NAN; N]);
        let mut all = Vec::new();
        compiled.score_all(&rows, |k| k % 7 != 3, &mut all);
        assert_eq!(all.len(), rows.len());
        for (k, (a, x)) in all.iter().zip(&rows).enumerate() {
            if k % 7 == 3 {
                assert!(a.is_nan());
            } else {
                assert_eq!(a.to_bits(), model.score(x).to_bits());
            }
        }
        // Every row (the rows side by side).
        compiled.score_all(&rows, |_| true, &mut all);
        for (a, x) in all.iter().zip(&rows) {
            assert_eq!(a.to_bits(), model.score(x).to_bits());
        }
        // Rows made on demand, block by block.
        let mut made = Vec::new();
        compiled.score_rows(rows.len(), |k| k % 3 != 0, |k| rows[k], &mut made);
        for (k, (a, x)) in made.iter().zip(&rows).enumerate() {
            if k % 3 == 0 {
                assert!(a.is_nan());
            } else {
                assert_eq!(a.to_bits(), model.score(x).to_bits());
            }
        }
    }
}
