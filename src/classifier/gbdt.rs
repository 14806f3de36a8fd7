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
/// without branches; the leaves of a shallower ensemble fill the start of `leaf`. Only
/// what a descent reads is stored: a split's feature as an index `I` of the rows it is
/// laid out for, its threshold, and the leaves (572 bytes a tree for the default
/// engine's rows).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Complete<I> {
    leaf: [f32; 1 << DEPTH],
    threshold: [f32; SPLITS],
    feature: [I; SPLITS],
}

/// A split's feature index as stored in a [`Complete`] tree.
pub(crate) trait Feature: Copy + std::fmt::Debug {
    /// The padding's index (feature 0).
    const ZERO: Self;
    /// The index of feature `f`, if this type holds it.
    fn of(f: u8) -> Option<Self>;
    /// The index as a position in a row.
    fn at(self) -> usize;
}

/// Any feature below 256: rows of lengths no engine has are read with a bounds check
/// (never failing: [`fill`] keeps every feature below the rows' length).
impl Feature for u8 {
    const ZERO: u8 = 0;
    fn of(f: u8) -> Option<u8> {
        Some(f)
    }
    #[inline(always)]
    fn at(self) -> usize {
        usize::from(self)
    }
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
        /// it indexes a row of that length without a bounds check.
        #[derive(Clone, Copy, Debug)]
        #[repr(u8)]
        pub(crate) enum $t {
            $($v),*
        }

        impl $t {
            /// Every index, in order.
            const ALL: [$t; $n] = [$($t::$v),*];
        }

        impl Feature for $t {
            const ZERO: $t = $t::F0;
            fn of(f: u8) -> Option<$t> {
                $t::ALL.get(usize::from(f)).copied()
            }
            #[inline(always)]
            fn at(self) -> usize {
                self as usize
            }
        }
    };
}

narrow!(Narrow, NARROW, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64);
narrow!(Narrow2, NARROW2, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14);
narrow!(Narrow3, NARROW3, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64 F65 F66 F67 F68 F69 F70 F71 F72 F73 F74 F75 F76 F77 F78 F79);
narrow!(Narrow4, NARROW4, F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64 F65 F66 F67 F68 F69 F70 F71 F72 F73 F74 F75 F76 F77 F78 F79 F80 F81 F82 F83 F84 F85 F86 F87 F88 F89 F90 F91 F92 F93 F94 F95 F96 F97 F98 F99 F100 F101 F102 F103 F104 F105);

/// An ensemble's [`Complete`] trees, their feature indices typed for the rows they were
/// laid out for (the four engines' row lengths; [`u8`] for any other).
#[derive(Debug)]
pub(crate) enum Trees {
    /// Rows of [`NARROW`] values.
    Narrow(Vec<Complete<Narrow>>),
    /// Rows of [`NARROW2`] values.
    Narrow2(Vec<Complete<Narrow2>>),
    /// Rows of [`NARROW3`] values.
    Narrow3(Vec<Complete<Narrow3>>),
    /// Rows of [`NARROW4`] values.
    Narrow4(Vec<Complete<Narrow4>>),
    /// Rows of any other length.
    Any(Vec<Complete<u8>>),
}

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
        trees: Trees,
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
        let trees = match features {
            NARROW => complete(model, features, depth).map(Trees::Narrow),
            NARROW2 => complete(model, features, depth).map(Trees::Narrow2),
            NARROW3 => complete(model, features, depth).map(Trees::Narrow3),
            NARROW4 => complete(model, features, depth).map(Trees::Narrow4),
            _ => complete(model, features, depth).map(Trees::Any),
        };
        match trees {
            Some(trees) => Compiled::Complete {
                base: model.base,
                depth,
                trees,
                features,
                model,
            },
            None => Compiled::Plain(model),
        }
    }
}

/// The trees of `model` as [`Complete`] trees of `depth` for rows of `features` values
/// (`None` if one does not fit).
fn complete<I: Feature>(model: &Model, features: usize, depth: usize) -> Option<Vec<Complete<I>>> {
    let mut trees = Vec::with_capacity(model.roots.len());
    for &root in model.roots {
        let mut t = Complete {
            leaf: [0.0; 1 << DEPTH],
            threshold: [0.0; SPLITS],
            feature: [I::ZERO; SPLITS],
        };
        if !fill(model.nodes, root as usize, 0, &mut t, features, depth) {
            return None;
        }
        trees.push(t);
    }
    Some(trees)
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
                match trees {
                    Trees::Narrow(t) => add_all(t, *depth, rows, &picked, &mut sums),
                    Trees::Narrow2(t) => add_all(t, *depth, rows, &picked, &mut sums),
                    Trees::Narrow3(t) => add_all(t, *depth, rows, &picked, &mut sums),
                    Trees::Narrow4(t) => add_all(t, *depth, rows, &picked, &mut sums),
                    Trees::Any(t) => add_all(t, *depth, rows, &picked, &mut sums),
                }
            }
        }
        out.resize(rows.len(), f32::NAN);
        for (&k, s) in picked.iter().zip(sums) {
            out[k] = s;
        }
    }
}

/// Adds every tree of `trees` (padded to `depth`) to the sums of the rows `picked`
/// (`sums[j]` for `rows[picked[j]]`), in order, block by block.
fn add_all<I: Feature, const N: usize>(
    trees: &[Complete<I>],
    depth: usize,
    rows: &[[f32; N]],
    picked: &[usize],
    sums: &mut [f32],
) {
    add_blocks::<I, N, BLOCK, LANES>(trees, depth, rows, picked, sums);
}

/// [`add_all`] by blocks of `B` rows, `L` rows side by side.
fn add_blocks<I: Feature, const N: usize, const B: usize, const L: usize>(
    trees: &[Complete<I>],
    depth: usize,
    rows: &[[f32; N]],
    picked: &[usize],
    sums: &mut [f32],
) {
    // Rows in blocks, every tree over one block before the next: the block's rows stay
    // in cache however long the document is.
    if picked.len() == rows.len() {
        // Every row (`picked[k] == k`): the rows of a lane group are side by side in
        // memory, found from one address.
        let add: AddRows<I, N> = match depth {
            0 => Complete::add_rows::<N, 0, L>,
            1 => Complete::add_rows::<N, 1, L>,
            2 => Complete::add_rows::<N, 2, L>,
            3 => Complete::add_rows::<N, 3, L>,
            4 => Complete::add_rows::<N, 4, L>,
            5 => Complete::add_rows::<N, 5, L>,
            _ => Complete::add_rows::<N, DEPTH, L>,
        };
        for (rows, sums) in rows.chunks(B).zip(sums.chunks_mut(B)) {
            for t in trees {
                add(t, rows, sums);
            }
        }
    } else {
        let add: AddTo<I, N> = match depth {
            0 => Complete::add_to::<N, 0>,
            1 => Complete::add_to::<N, 1>,
            2 => Complete::add_to::<N, 2>,
            3 => Complete::add_to::<N, 3>,
            4 => Complete::add_to::<N, 4>,
            5 => Complete::add_to::<N, 5>,
            _ => Complete::add_to::<N, DEPTH>,
        };
        for (picked, sums) in picked.chunks(B).zip(sums.chunks_mut(B)) {
            for t in trees {
                add(t, rows, picked, sums);
            }
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
        // The wanted rows picked a block at a time (no list of them all: 8 bytes a line
        // at the classifier's peak, issue 24).
        let mut block: Vec<usize> = Vec::with_capacity(BLOCK.min(n));
        let mut rows = Vec::with_capacity(BLOCK.min(n));
        let mut sums = Vec::with_capacity(BLOCK);
        let mut next = 0;
        while next < n {
            block.clear();
            while next < n && block.len() < BLOCK {
                if want(next) {
                    block.push(next);
                }
                next += 1;
            }
            if block.is_empty() {
                break;
            }
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
type AddTo<I, const N: usize> = fn(&Complete<I>, &[[f32; N]], &[usize], &mut [f32]);

/// [`Complete::add_rows`] for one depth.
type AddRows<I, const N: usize> = fn(&Complete<I>, &[[f32; N]], &mut [f32]);

/// Rows descended side by side in [`Compiled::score_all`] (16: about 12 % less CPU time
/// than 8 for the default engine's trees, whose descents then overlap more; 4 was
/// slower still).
const LANES: usize = 16;

/// Rows scored by every tree before the next rows (a multiple of [`LANES`]).
const BLOCK: usize = 64;

impl<I: Feature> Complete<I> {
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
    fn add_rows<const N: usize, const D: usize, const L: usize>(
        &self,
        rows: &[[f32; N]],
        sums: &mut [f32],
    ) {
        let splits = (1 << D) - 1;
        let mut chunks = rows.chunks_exact(L);
        let mut outs = sums.chunks_exact_mut(L);
        for (xs, ss) in (&mut chunks).zip(&mut outs) {
            let mut p = [0usize; L];
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
        // caller (through `add_all`), scores rows of `N >= features` values. For rows of
        // the length `I` was made for, the index's type says so and the check goes.
        let v = x[self.feature[p].at()];
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
fn fill<I: Feature>(
    nodes: &[Node],
    i: usize,
    p: usize,
    t: &mut Complete<I>,
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
    let index = I::of(node.feature);
    let (Some(index), true) = (index, usize::from(node.feature) < features && p < SPLITS) else {
        return false;
    };
    t.feature[p] = index;
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

    /// The `f32` next to the finite `t` downwards (`dir < 0`) or upwards.
    fn beside(t: f32, dir: i32) -> f32 {
        if t == 0.0 {
            let tiny = f32::from_bits(1);
            return if dir > 0 { tiny } else { -tiny };
        }
        // Away from zero when the step's direction is the sign's, towards it otherwise.
        let away = (dir > 0) == (t > 0.0);
        f32::from_bits(if away {
            t.to_bits() + 1
        } else {
            t.to_bits() - 1
        })
    }

    #[test]
    fn beside_is_the_next_float() {
        for t in [0.0f32, 1.0, -1.0, 0.5, -3.25, 1e-30, -7e20] {
            let (down, up) = (beside(t, -1), beside(t, 1));
            assert!(down < t && t < up, "{t}");
            // No float between: the midpoints round to one end.
            for (a, b) in [(down, t), (t, up)] {
                let mid = ((f64::from(a) + f64::from(b)) / 2.0) as f32;
                assert!(mid == a || mid == b, "{t}");
            }
        }
    }

    fn check<const N: usize>(model: &'static Model, zero: [f32; N]) {
        let compiled = Compiled::new(model, N);
        assert!(matches!(compiled, Compiled::Complete { .. }));
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        // Each feature's thresholds, and the values just below and above each: a row
        // value equal to a threshold goes left, the next value up goes right.
        let mut at = vec![Vec::new(); N];
        for node in model.nodes.iter().filter(|n| n.feature != LEAF) {
            let t = node.threshold;
            at[usize::from(node.feature)].extend([t, beside(t, -1), beside(t, 1)]);
        }
        let mut rows = Vec::new();
        for _ in 0..3001 {
            let mut x = zero;
            for (f, v) in x.iter_mut().enumerate() {
                *v = match next() % 12 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => 1.0,
                    3 => -1.0,
                    4 => f32::NAN,
                    5 => f32::INFINITY,
                    6 => f32::NEG_INFINITY,
                    7 => (next() % 10_000) as f32 / 1000.0,
                    _ if at[f].is_empty() => (next() % 10_000) as f32 / 1000.0 - 5.0,
                    _ => at[f][(next() % at[f].len() as u64) as usize],
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
