//! Second-stage ("stacked") features: what the first-stage classifier thinks of a line's
//! neighbours. A line between two kept paragraphs is more likely body than the same line
//! between two menu lines; the first stage sees only raw shapes around a line, the second
//! sees the first stage's verdicts around it (the scores of the lines above and below, of
//! its blank-separated block, of the page).
//!
//! Both stages are gradient-boosted trees trained by `tools/src/bin/train.rs`; the second
//! stage is trained on first-stage scores from models that never saw the page
//! (out-of-fold), as it will meet them on new pages.

use std::cell::Cell;

use crate::classifier::bits::{ones_f32, Bits};
use crate::classifier::features::{best_run, ln1p, N_FEATURES};
use crate::classifier::terms::Terms;

/// Number of context features added by the second stage.
pub const N_CONTEXT: usize = 26;

/// Features of the second stage: the first stage's, then the context ones.
pub const N_STACKED: usize = N_FEATURES + N_CONTEXT;

/// Names of the context features, in order (after [`crate::classifier::features::NAMES`]).
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // read by `deboil::training`
pub const CONTEXT_NAMES: [&str; N_CONTEXT] = [
    "s1",
    "s1_prev",
    "s1_next",
    "s1_prev2",
    "s1_next2",
    "s1_mean3",
    "s1_mean10",
    "s1_max_above5",
    "s1_max_below5",
    "s1_block_mean",
    "s1_block_max",
    "s1_kept_share_above20",
    "s1_kept_share_below20",
    "s1_doc_kept_share",
    "s1_doc_mean",
    "s1_kept_before_share",
    "log_kept_distance",
    "log_kept_run",
    "in_s1_region",
    "s1_region_side",
    "log_s1_region_distance",
    "s1_region_word_share",
    "region_cohesion",
    "kept_cohesion",
    "s1_grid_kept_share",
    "s1_periodic_kept_share",
];

/// First-stage score standing for a line an earlier rule removed.
const DECIDED_REMOVED: f32 = -6.0;
/// First-stage score standing for a line an earlier rule kept.
const DECIDED_KEPT: f32 = 6.0;
/// Scores are clipped to this magnitude (beyond it the trees see no difference).
const CLIP: f32 = 8.0;
/// First-stage score at or above which a neighbour counts as kept (the log-odds the
/// classifier's decision threshold had when the second stage's features were designed;
/// fixed here, so that moving the decision threshold does not move the features).
const KEPT: f32 = -0.7;

/// The first-stage score standing for a line an earlier rule decided (`None` if open).
pub(crate) fn decided_score(decided: bool, removed: bool) -> Option<f32> {
    match (decided, removed) {
        (false, _) => None,
        (true, true) => Some(DECIDED_REMOVED),
        (true, false) => Some(DECIDED_KEPT),
    }
}

/// The second-stage rows for the text lines `lines` (indices of the document's non-blank
/// lines, in order; a gap means blank lines between), given their first-stage `rows` and
/// `scores` (decided lines scored [`DECIDED_REMOVED`] or [`DECIDED_KEPT`]) and their
/// content words `terms`: each row is the line's first-stage row, then [`Context::row`].
#[cfg_attr(not(any(test, feature = "internal")), allow(dead_code))] // the training tools
pub(crate) fn rows(
    lines: &[usize],
    rows: &[[f32; N_FEATURES]],
    scores: &[f32],
    terms: &Terms,
) -> Vec<[f32; N_STACKED]> {
    let n = lines.len().min(rows.len()).min(scores.len());
    let context = Context::new(
        &lines[..n],
        |k| Columns::of(&rows[k]),
        scores[..n].to_vec(),
        terms,
        |_| true,
    );
    (0..n)
        .map(|k| {
            let mut x = [0f32; N_STACKED];
            x[..N_FEATURES].copy_from_slice(&rows[k]);
            x[N_FEATURES..].copy_from_slice(&context.row(k));
            x
        })
        .collect()
}

/// The three first-stage features of a line that its context features read.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Columns {
    log_words: f32,
    log_grid_items: f32,
    log_periodic_run: f32,
}

impl Columns {
    /// The line's `log_grid_items` feature.
    pub(crate) fn log_grid_items(&self) -> f32 {
        self.log_grid_items
    }

    /// The columns of a row with these `log_words`, `log_grid_items` and
    /// `log_periodic_run`.
    pub(crate) fn new(log_words: f32, log_grid_items: f32, log_periodic_run: f32) -> Columns {
        Columns {
            log_words,
            log_grid_items,
            log_periodic_run,
        }
    }

    /// The columns of the first-stage row `x`.
    pub(crate) fn of(x: &[f32; N_FEATURES]) -> Columns {
        Columns {
            log_words: x[crate::classifier::features::LOG_WORDS],
            log_grid_items: x[crate::classifier::features::LOG_GRID_ITEMS],
            log_periodic_run: x[crate::classifier::features::LOG_PERIODIC_RUN],
        }
    }
}

/// What the context features of a page's lines are read from (the first-stage scores
/// around each line), measured once per page; [`Context::row`] puts a line's together.
///
/// Issue 24: what is the same for many lines or follows from the kept lines is not held
/// per line. The kept lines are a bit a line ([`Bits`]): their counts before each line
/// (a prefix sum of 4 bytes a line before), the nearest other kept line and the run of
/// kept lines around each (4 + 4) are read from it; a line's block is found among the
/// blocks by halves (4); the share of kept lines in a line's grid and periodic segment
/// (4 + 4) is measured once per segment when a row of it is first asked for (rows are
/// asked for in order: a segment is measured once; asked out of order, a row costs its
/// segment's length and gives the same values).
pub(crate) struct Context<'t, C> {
    s: Vec<f32>,
    pre_s: Vec<f32>,
    /// Whether each line is kept (its score at least [`KEPT`]).
    kept: Bits,
    /// Each block's first line, its end (one past its last line) and highest score, in
    /// order (text lines are counted in `u32`, as everywhere in the classifier: a
    /// document of 4 G text lines is 8 GiB or more).
    blocks: Vec<(u32, u32, f32)>,
    /// Each line's [`Columns`].
    columns: C,
    /// The segment a row last asked for, of the grid and of the periodic column: its
    /// first line, its end and its kept share (see [`segment_kept_share`]).
    segments: [Cell<(usize, usize, f32)>; 2],
    region: Option<(usize, usize)>,
    region_word_share: f32,
    /// The region and kept cohesions ([`cohesions`]) of each line's content words.
    cohesion: Cohesions,
    terms: &'t Terms,
    total_kept: f32,
    doc_kept_share: f32,
    doc_mean: f32,
}

impl<'t, C: Fn(usize) -> Columns> Context<'t, C> {
    /// The context of the text lines `lines` (indices of the document's non-blank lines,
    /// in order; a gap means blank lines between), given each line's [`Columns`]
    /// (`columns(k)`, of a row of zeros for a decided line), first-stage `scores`
    /// (decided lines scored [`DECIDED_REMOVED`] or [`DECIDED_KEPT`]) and content words
    /// `terms`; `wanted(k)` says whether line `k`'s row will be asked for ([`Context::row`]
    /// of another line holds NaN for its cohesion features). The scores are taken over
    /// and clipped in place (issue 24: not held twice); [`Context::score`] reads them.
    pub(crate) fn new(
        lines: &[usize],
        columns: C,
        scores: Vec<f32>,
        terms: &'t Terms,
        wanted: impl Fn(usize) -> bool,
    ) -> Context<'t, C> {
        let n = lines.len().min(scores.len());
        let mut s = scores;
        s.truncate(n);
        for v in &mut s {
            *v = if v.is_nan() {
                0.0
            } else {
                v.clamp(-CLIP, CLIP)
            };
        }
        let kept: Vec<bool> = s.iter().map(|&v| v >= KEPT).collect();
        let mut pre_s = vec![0f32; n + 1];
        for k in 0..n {
            pre_s[k + 1] = pre_s[k] + s[k];
        }
        // Blank-separated blocks: each block's bounds and highest score (once per block,
        // so a huge block costs no more than many small ones).
        let mut blocks = Vec::new();
        let mut start = 0;
        for k in 1..=n {
            if k == n || lines[k] != lines[k - 1] + 1 {
                let max = s[start..k].iter().copied().fold(-CLIP, f32::max);
                blocks.push((start as u32, k as u32, max));
                start = k;
            }
        }
        blocks.shrink_to_fit();
        // Each line's columns are read where they are needed (not gathered into a table
        // of 12 bytes a line: issue 24).
        // The page's main run by first-stage verdicts: the stretch of lines with the
        // largest sum of (probability of body - 1/2) x (1 + words), so that a long kept
        // run wins over scattered kept teasers and a few doubtful lines inside the run do
        // not split it.
        // `exp_m1` once a run of lines with the same `log_words` (issue 24: pages of
        // one-word lines; the same bits give the same value).
        let mut last = (0f32.to_bits(), 0f32);
        let words: Vec<f32> = (0..n)
            .map(|k| {
                let x = columns(k).log_words;
                if x.to_bits() != last.0 {
                    last = (x.to_bits(), x.exp_m1().max(0.0));
                }
                last.1
            })
            .collect();
        let region = best_run(
            s.iter()
                .zip(&words)
                .map(|(&v, &w)| (sigmoid(v) - 0.5) * (1.0 + w)),
        );
        let total_words: f32 = words.iter().sum();
        let region_word_share = region.map_or(0.0, |(a, z)| {
            words[a..=z].iter().sum::<f32>() / total_words.max(1.0)
        });
        drop(words); // not held through the rest (issue 24)
                     // Topic cohesion: how many of a line's content words occur in other lines of the
                     // main run, and in other kept lines.
        let in_region: Vec<bool> = (0..n)
            .map(|k| region.is_some_and(|(a, z)| (a..=z).contains(&k)))
            .collect();
        let cohesion = cohesions(terms, n, &wanted, [&in_region, &kept]);
        drop(in_region);
        // Items decided together: the share of kept lines in the line's card grid and in
        // its run of periodic shapes (consecutive lines with the same nonzero grid size or
        // periodic run length form one segment).
        let kept = Bits::new(kept);
        let total_kept = ones_f32(kept.rank(n));
        let doc_kept_share = total_kept / n as f32;
        let doc_mean = pre_s[n] / n as f32;
        Context {
            s,
            pre_s,
            kept,
            blocks,
            columns,
            segments: [Cell::new((0, 0, -1.0)), Cell::new((0, 0, -1.0))],
            region,
            region_word_share,
            cohesion,
            terms,
            total_kept,
            doc_kept_share,
            doc_mean,
        }
    }

    /// Line `k`'s share of kept lines among the consecutive lines with the same value in
    /// its grid (`which` 0) or periodic (1) column, or -1 when that value is at most the
    /// column's floor: [`segment_kept_share`]'s value, its segment measured when first
    /// asked for.
    fn segment_share(&self, k: usize, which: usize) -> f32 {
        let (start, end, share) = self.segments[which].get();
        if (start..end).contains(&k) {
            return share;
        }
        let column = |k: usize| {
            let c = (self.columns)(k);
            if which == 0 {
                c.log_grid_items
            } else {
                c.log_periodic_run
            }
        };
        let floor = if which == 0 { 0.0 } else { 2f32.ln_1p() };
        let value = column(k);
        let n = self.s.len();
        let mut start = k;
        while start > 0 && column(start - 1) == value {
            start -= 1;
        }
        let mut end = k + 1;
        while end < n && column(end) == value {
            end += 1;
        }
        let share = if value > floor {
            (self.kept.rank(end) - self.kept.rank(start)) as f32 / (end - start) as f32
        } else {
            -1.0
        };
        self.segments[which].set((start, end, share));
        share
    }

    /// The sum of the kept flags of the lines before line `k`, as a prefix sum in `f32`.
    fn pre_kept(&self, k: usize) -> f32 {
        ones_f32(self.kept.rank(k))
    }

    /// Distance from line `k` to the nearest other kept line (the line count when none).
    fn near(&self, k: usize) -> u32 {
        let n = self.s.len();
        let above = self.kept.prev(k, true).map_or(n, |j| k - j);
        let below = self.kept.next(k + 1, true).map_or(n, |j| j - k);
        above.min(below) as u32
    }

    /// The run of kept lines around line `k` (0 if it is not kept).
    fn run(&self, k: usize) -> u32 {
        if !self.kept.get(k) {
            return 0;
        }
        let start = self.kept.prev(k, false).map_or(0, |j| j + 1);
        let end = self.kept.next(k, false).unwrap_or(self.s.len());
        (end - start) as u32
    }

    /// Line `k`'s first-stage score as the context reads it: clipped to [-8, 8], 0 for
    /// NaN.
    pub(crate) fn score(&self, k: usize) -> f32 {
        self.s[k]
    }

    /// The context features of line `k`.
    pub(crate) fn row(&self, k: usize) -> [f32; N_CONTEXT] {
        let (s, pre_s) = (&self.s, &self.pre_s);
        let n = s.len();
        let mean_of = |pre: &dyn Fn(usize) -> f32, lo: usize, hi: usize, empty: f32| {
            if hi > lo {
                (pre(hi) - pre(lo)) / (hi - lo) as f32
            } else {
                empty
            }
        };
        let mean =
            |pre: &[f32], lo: usize, hi: usize, empty: f32| mean_of(&|j| pre[j], lo, hi, empty);
        let pre_kept = |j: usize| self.pre_kept(j);
        let at = |k: isize| {
            if k < 0 || k >= n as isize {
                -CLIP
            } else {
                s[k as usize]
            }
        };
        let ki = k as isize;
        let max_of = |lo: usize, hi: usize| s[lo..hi].iter().copied().fold(-CLIP, f32::max);
        let (bs, be, block_max) = self.blocks[self.blocks.partition_point(|b| b.1 as usize <= k)];
        let (bs, be) = (bs as usize, be as usize);
        let region = self.region;
        let [region_cohesion, kept_cohesion] = self.cohesion.get(k, self.terms.of(k).len());
        [
            s[k],
            at(ki - 1),
            at(ki + 1),
            at(ki - 2),
            at(ki + 2),
            mean(pre_s, k.saturating_sub(3), (k + 4).min(n), 0.0),
            mean(pre_s, k.saturating_sub(10), (k + 11).min(n), 0.0),
            max_of(k.saturating_sub(5), k),
            max_of(k + 1, (k + 6).min(n)),
            mean(pre_s, bs, be, 0.0),
            block_max,
            mean_of(&pre_kept, k.saturating_sub(20), k, -1.0),
            mean_of(&pre_kept, k + 1, (k + 21).min(n), -1.0),
            self.doc_kept_share,
            self.doc_mean,
            if self.total_kept > 0.0 {
                pre_kept(k) / self.total_kept
            } else {
                -1.0
            },
            ln1p(self.near(k) as usize),
            ln1p(self.run(k) as usize),
            f32::from(u8::from(region.is_some_and(|(a, z)| (a..=z).contains(&k)))),
            match region {
                Some((a, _)) if k < a => -1.0,
                Some((_, z)) if k > z => 1.0,
                _ => 0.0,
            },
            match region {
                Some((a, _)) if k < a => ln1p(a - k),
                Some((_, z)) if k > z => ln1p(k - z),
                Some(_) => 0.0,
                None => -1.0,
            },
            self.region_word_share,
            region_cohesion,
            kept_cohesion,
            self.segment_share(k, 0),
            self.segment_share(k, 1),
        ]
    }
}

/// The positions of sorted words by their top bits: the words whose top `bits` bits are
/// `p` start at `start[p]` in the sorted list, so that a word's rank is found with a step
/// or two along the list from there, whatever the words (a crafted set that shares its top
/// bits makes the walk long, so it stops after [`RANK_WALK`] words and searches by halves).
struct Ranks<'s> {
    sorted: &'s [u64],
    start: Vec<u32>,
    shift: u32,
}

/// Words [`Ranks::rank`] walks before it searches by halves.
const RANK_WALK: usize = 8;

impl<'s> Ranks<'s> {
    /// The table of `sorted` (ascending, distinct): one or two words a bucket.
    fn new(sorted: &'s [u64]) -> Ranks<'s> {
        // One or two words a bucket (issue 24: a bucket a word took up to 8 bytes a word
        // at the classifier's peak); 0 bits for a list of at most one word.
        let bits = (usize::BITS - sorted.len().leading_zeros()).saturating_sub(1);
        let shift = 64 - bits;
        let bucket = |t: u64| if bits == 0 { 0 } else { (t >> shift) as usize };
        let mut start = vec![0u32; (1usize << bits) + 1];
        for &t in sorted {
            start[bucket(t) + 1] += 1;
        }
        for p in 1..start.len() {
            start[p] += start[p - 1];
        }
        Ranks {
            sorted,
            start,
            shift,
        }
    }

    /// The index of `t` in the sorted list, if it holds it.
    fn find(&self, t: u64) -> Option<usize> {
        let r = self.rank(t);
        (self.sorted.get(r) == Some(&t)).then_some(r)
    }

    /// The index of `t` in the sorted list (where it would go, if the list does not hold
    /// it).
    fn rank(&self, t: u64) -> usize {
        let p = if self.shift == 64 {
            0
        } else {
            (t >> self.shift) as usize
        };
        let (lo, hi) = (self.start[p] as usize, self.start[p + 1] as usize);
        let bucket = &self.sorted[lo..hi];
        match bucket.iter().take(RANK_WALK).position(|&x| x >= t) {
            Some(k) => lo + k,
            None => lo + bucket.partition_point(|&x| x < t),
        }
    }
}

/// Each line's two cohesions ([`cohesions`]) in 2 bytes a line (issue 24: 8 bytes a line
/// as two tables of `f32`): the words of the line shared with each set, which give the
/// share with the line's count of words ([`Cohesions::get`]); a line of [`WIDE_WORDS`]
/// words or more keeps its two values in a list beside.
struct Cohesions {
    /// Per line: its words shared with each set, or [`NOT_ASKED`], or [`WIDE_WORDS`].
    shared: Vec<[u8; 2]>,
    /// The lines of [`WIDE_WORDS`] words or more and their values, in order.
    wide: Vec<(usize, [f32; 2])>,
}

/// [`Cohesions::shared`] of a line not asked for.
const NOT_ASKED: u8 = u8::MAX;
/// [`Cohesions::shared`] of a line of this many words or more (its values in the list).
const WIDE_WORDS: u8 = u8::MAX - 1;

impl Cohesions {
    /// Line `k`'s two cohesions (`words`: its content words; NaN for a line not asked for,
    /// -1 for a line without content words).
    fn get(&self, k: usize, words: usize) -> [f32; 2] {
        match self.shared[k] {
            [NOT_ASKED, _] => [f32::NAN; 2],
            [WIDE_WORDS, _] => self.wide[self.wide.partition_point(|&(j, _)| j < k)].1,
            _ if words == 0 => [-1.0; 2],
            [a, b] => [f32::from(a) / words as f32, f32::from(b) / words as f32],
        }
    }

    /// Every line's cohesions, as two tables (for the tests).
    #[cfg(test)]
    fn tables(&self, terms: &Terms) -> [Vec<f32>; 2] {
        let n = self.shared.len();
        let v: Vec<[f32; 2]> = (0..n).map(|k| self.get(k, terms.of(k).len())).collect();
        [
            v.iter().map(|x| x[0]).collect(),
            v.iter().map(|x| x[1]).collect(),
        ]
    }
}

/// For each of the first `n` lines that `wanted` asks for, the share of its content words
/// that occur in at least one *other* line of each set of members (`members[0]`,
/// `members[1]`; -1 for a line without content words); NaN for the lines not asked for.
/// A line of `terms` holds each word once.
///
/// Only the words of the lines asked for are counted (the second stage scores the lines
/// the cascade's head left unsure): they are sorted once and found by [`Ranks`], so that
/// the count takes 8 bytes a distinct word of those lines and no crafted set of words
/// makes a look-up slower than a binary search (a hash table held up to 130 bytes a line
/// on a page of distinct one-word lines while it grew, issue 24).
fn cohesions(
    terms: &Terms,
    n: usize,
    wanted: &dyn Fn(usize) -> bool,
    members: [&[bool]; 2],
) -> Cohesions {
    let mut distinct: Vec<u64> = Vec::new();
    for k in (0..n).filter(|&k| wanted(k)) {
        distinct.extend_from_slice(terms.of(k));
    }
    distinct.sort_unstable();
    distinct.dedup();
    let ranks = Ranks::new(&distinct);
    let mut count = vec![[0u32; 2]; distinct.len()];
    if !distinct.is_empty() {
        for (k, (&a, &b)) in members[0].iter().zip(members[1]).enumerate().take(n) {
            let m = [u32::from(a), u32::from(b)];
            if m == [0, 0] {
                continue;
            }
            for &t in terms.of(k) {
                if let Some(r) = ranks.find(t) {
                    count[r][0] += m[0];
                    count[r][1] += m[1];
                }
            }
        }
    }
    let mut out = Cohesions {
        shared: vec![[NOT_ASKED; 2]; n],
        wide: Vec::new(),
    };
    for k in (0..n).filter(|&k| wanted(k)) {
        let own = terms.of(k);
        if own.is_empty() {
            out.shared[k] = [0, 0];
            continue;
        }
        let me = [u32::from(members[0][k]), u32::from(members[1][k])];
        let mut shared = [0usize; 2];
        for &t in own {
            // Every word of a line asked for is in the list.
            let c = ranks.find(t).map_or([0, 0], |r| count[r]);
            shared[0] += usize::from(c[0] > me[0]);
            shared[1] += usize::from(c[1] > me[1]);
        }
        if own.len() < usize::from(WIDE_WORDS) {
            // Each count is at most the line's words.
            out.shared[k] = [shared[0] as u8, shared[1] as u8];
        } else {
            out.shared[k] = [WIDE_WORDS; 2];
            let share = |s: usize| s as f32 / own.len() as f32;
            out.wide.push((k, [share(shared[0]), share(shared[1])]));
        }
    }
    out
}

/// For each line, the share of kept lines among the consecutive lines with the same value
/// in `column` (line `k`'s is `column(k)`; a segment), or -1 when that value is at most `floor` (no segment).
#[cfg(test)] // the whole table: the reference of `Context::segment_share`
fn segment_kept_share(column: impl Fn(usize) -> f32, kept: &[bool], floor: f32) -> Vec<f32> {
    let n = kept.len();
    let mut out = vec![-1.0; n];
    let mut start = 0;
    let mut first = if n > 0 { column(0) } else { 0.0 };
    for k in 1..=n {
        let value = if k == n { first } else { column(k) };
        if k == n || value != first {
            if first > floor {
                let share =
                    kept[start..k].iter().filter(|&&x| x).count() as f32 / (k - start) as f32;
                out[start..k].fill(share);
            }
            start = k;
            first = value;
        }
    }
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::hash::FxBuild;
    use std::collections::HashMap;

    #[test]
    fn context_follows_the_neighbours_scores() {
        // Lines 0, 1, 2 form one block, then a blank line, then 4 and 5.
        let lines = [0, 1, 2, 4, 5];
        let rows = vec![[0.5f32; N_FEATURES]; 5];
        let scores = [3.0, -2.0, 4.0, DECIDED_REMOVED, 20.0];
        let x = super::rows(&lines, &rows, &scores, &Terms::new());
        let c = |k: usize, name: &str| {
            x[k][N_FEATURES + CONTEXT_NAMES.iter().position(|n| *n == name).unwrap()]
        };
        assert_eq!(x[1][..N_FEATURES], rows[1]);
        assert_eq!(c(1, "s1"), -2.0);
        assert_eq!(c(1, "s1_prev"), 3.0);
        assert_eq!(c(1, "s1_next"), 4.0);
        assert_eq!(c(0, "s1_prev"), -CLIP);
        assert_eq!(c(4, "s1"), CLIP, "scores are clipped");
        assert!((c(1, "s1_block_mean") - 5.0 / 3.0).abs() < 1e-6);
        assert_eq!(c(3, "s1_block_max"), CLIP);
        assert_eq!(c(1, "s1_max_above5"), 3.0);
        assert_eq!(c(0, "s1_max_above5"), -CLIP);
        assert_eq!(c(2, "log_kept_run"), 1f32.ln_1p());
        assert_eq!(c(3, "log_kept_distance"), 1f32.ln_1p());
        assert!((c(0, "s1_doc_kept_share") - 3.0 / 5.0).abs() < 1e-6);
        assert_eq!(c(0, "s1_kept_before_share"), 0.0);
        assert!((c(4, "s1_kept_before_share") - 2.0 / 3.0).abs() < 1e-6);
    }

    /// The context's measures read from its bits and segments are those of whole tables
    /// made as before issue 24 (kept lines before each line, the nearest other kept line,
    /// the run of kept lines, each line's block, the grid and periodic segments' kept
    /// shares), on pages of random scores, blocks and columns, rows asked for in order and
    /// out of order.
    #[test]
    fn context_measures_are_the_tables_measures() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for n in [1usize, 2, 5, 64, 65, 200, 700] {
            let mut lines = Vec::new();
            let mut i = 0;
            for _ in 0..n {
                i += 1 + usize::from(next(4) == 0);
                lines.push(i);
            }
            let scores: Vec<f32> = (0..n).map(|_| next(40) as f32 / 2.0 - 12.0).collect();
            let (mut grid, mut periodic) = (Vec::new(), Vec::new());
            let (mut g, mut p) = (0f32, 0f32);
            for _ in 0..n {
                if next(5) == 0 {
                    g = [0.0, 0.0, 1.5, 2.0][next(4) as usize];
                }
                if next(3) == 0 {
                    p = [0.0, 1.0, 2.0, 3.0][next(4) as usize];
                }
                grid.push(g);
                periodic.push(p);
            }
            let columns = |k: usize| Columns::new(0.0, grid[k], periodic[k]);
            let terms = Terms::new();
            let c = Context::new(&lines, columns, scores.clone(), &terms, |_| true);
            let kept: Vec<bool> = scores
                .iter()
                .map(|&v| v.clamp(-CLIP, CLIP) >= KEPT)
                .collect();
            let mut pre_kept = vec![0f32; n + 1];
            for k in 0..n {
                pre_kept[k + 1] = pre_kept[k] + f32::from(u8::from(kept[k]));
            }
            let grid_kept = segment_kept_share(|k| grid[k], &kept, 0.0);
            let periodic_kept = segment_kept_share(|k| periodic[k], &kept, 2f32.ln_1p());
            let mut order: Vec<usize> = (0..n).collect();
            order.extend((0..n).rev());
            for _ in 0..n {
                order.push(next(n as u64) as usize);
            }
            for &k in &order {
                assert_eq!(c.pre_kept(k), pre_kept[k]);
                let above = (0..k).rev().find(|&j| kept[j]).map_or(n, |j| k - j);
                let below = (k + 1..n).find(|&j| kept[j]).map_or(n, |j| j - k);
                assert_eq!(c.near(k) as usize, above.min(below), "line {k} of {n}");
                let run = if kept[k] {
                    let s = (0..=k).rev().take_while(|&j| kept[j]).count();
                    let e = (k..n).take_while(|&j| kept[j]).count();
                    s + e - 1
                } else {
                    0
                };
                assert_eq!(c.run(k) as usize, run, "line {k} of {n}");
                assert_eq!(c.segment_share(k, 0).to_bits(), grid_kept[k].to_bits());
                assert_eq!(c.segment_share(k, 1).to_bits(), periodic_kept[k].to_bits());
                let (bs, be, _) = c.blocks[c.blocks.partition_point(|b| b.1 as usize <= k)];
                let (bs, be) = (bs as usize, be as usize);
                assert!((bs..be).contains(&k));
                assert!((bs + 1..be).all(|j| lines[j] == lines[j - 1] + 1));
                assert!(bs == 0 || lines[bs] > lines[bs - 1] + 1);
                assert!(be == n || lines[be] > lines[be - 1] + 1);
            }
            assert_eq!(c.pre_kept(n), pre_kept[n]);
        }
    }

    #[test]
    fn segments_share_their_kept_lines() {
        let column = [0.0, 2.0, 2.0, 2.0, 0.0];
        let kept = [true, true, false, true, true];
        let out = segment_kept_share(|k| column[k], &kept, 0.0);
        assert_eq!(out[0], -1.0);
        assert!((out[2] - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(out[4], -1.0);
    }

    #[test]
    fn best_run_bridges_a_doubtful_line() {
        assert_eq!(
            best_run([-1.0, 5.0, -1.0, 5.0, -20.0, 3.0].into_iter()),
            Some((1, 3))
        );
        assert_eq!(best_run([-1.0, -2.0].into_iter()), None);
    }

    /// [`cohesions`] as it was written before the words were numbered: counted in a table
    /// keyed by the words' hashes for each set of members, for every line.
    fn cohesion_by_hash(terms: &Terms, n: usize, members: &[bool]) -> Vec<f32> {
        let mut count: HashMap<u64, u32, FxBuild> = HashMap::default();
        for k in (0..n).filter(|&k| members[k]) {
            for &t in terms.of(k) {
                *count.entry(t).or_insert(0) += 1;
            }
        }
        (0..n)
            .map(|k| {
                let own = terms.of(k);
                if own.is_empty() {
                    return -1.0;
                }
                let me = u32::from(members[k]);
                let shared = own
                    .iter()
                    .filter(|t| count.get(t).is_some_and(|&c| c > me))
                    .count();
                shared as f32 / own.len() as f32
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn cohesion_is_the_hashed_one(
            // Lines of a few words from a small vocabulary (so lines share words), some
            // empty, each a member of either set or not, asked for or not; `n` may stop
            // short of the last lines.
            lines in proptest::collection::vec(
                (
                    proptest::collection::vec(0u64..12, 0..6),
                    proptest::bool::ANY,
                    proptest::bool::ANY,
                    proptest::bool::ANY,
                ),
                0..12,
            ),
            cut in 0usize..3,
        ) {
            let mut t = Terms::new();
            for (words, ..) in &lines {
                let ids: Vec<u64> = words.iter().map(|w| w.wrapping_mul(0x9e37_79b9)).collect();
                t.push_ids(&ids);
            }
            let region: Vec<bool> = lines.iter().map(|l| l.1).collect();
            let kept: Vec<bool> = lines.iter().map(|l| l.2).collect();
            let wanted = |k: usize| lines[k].3;
            let n = lines.len().saturating_sub(cut);
            let [a, b] = cohesions(&t, n, &wanted, [&region, &kept]).tables(&t);
            let (ha, hb) = (cohesion_by_hash(&t, n, &region), cohesion_by_hash(&t, n, &kept));
            for k in 0..n {
                if wanted(k) {
                    proptest::prop_assert_eq!(a[k], ha[k]);
                    proptest::prop_assert_eq!(b[k], hb[k]);
                } else {
                    proptest::prop_assert!(a[k].is_nan() && b[k].is_nan());
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn rank_finds_every_word(
            // Spread over the whole range, bunched at one end, or few and far apart.
            words in proptest::collection::vec(proptest::num::u64::ANY, 1..200),
            shift in 0u32..64,
        ) {
            let mut sorted: Vec<u64> = words.iter().map(|w| w >> shift).collect();
            sorted.sort_unstable();
            sorted.dedup();
            let ranks = Ranks::new(&sorted);
            for (k, &t) in sorted.iter().enumerate() {
                proptest::prop_assert_eq!(ranks.rank(t), k);
                proptest::prop_assert_eq!(ranks.find(t), Some(k));
                // Words the list does not hold, between and beside its words.
                for u in [t ^ 1, t.wrapping_add(1), t.wrapping_sub(1), !t] {
                    proptest::prop_assert_eq!(ranks.find(u), sorted.binary_search(&u).ok());
                }
            }
        }
    }

    #[test]
    fn cohesion_counts_words_shared_with_other_members() {
        let stop = crate::phrases::stopwords::for_text("");
        let mut t = Terms::new();
        t.push_line("Harbour bridge closed", stop);
        t.push_line("The bridge reopens after repairs to the harbour wall", stop);
        t.push_line("Win tickets to the concert", stop);
        t.push_empty();
        let members = [true, true, false, false];
        let [c, _] = cohesions(&t, 4, &|_| true, [&members, &[false; 4]]).tables(&t);
        assert_eq!(c[0], 2.0 / 3.0, "harbour and bridge occur in line 1");
        assert_eq!(
            c[1],
            2.0 / 5.0,
            "of bridge, reopens, repairs, harbour, wall"
        );
        assert_eq!(c[2], 0.0, "nothing shared with the members");
        assert_eq!(c[3], -1.0, "no content words");
    }

    /// Lines of more words than a count of a byte holds (254 and more) keep their exact
    /// cohesions, beside lines of a few words.
    #[test]
    fn lines_of_many_words_keep_their_cohesions() {
        let mut t = Terms::new();
        let line = |words: std::ops::Range<u64>| -> Vec<u64> {
            words
                .map(|w| w.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .collect()
        };
        for words in [0..300, 100..400, 0..3, 250..253, 0..254, 5..258, 0..0] {
            t.push_ids(&line(words));
        }
        let n = 7;
        let region = [true, false, true, false, true, false, true];
        let kept = [false, true, true, true, false, true, false];
        let [a, b] = cohesions(&t, n, &|_| true, [&region, &kept]).tables(&t);
        assert_eq!(a, cohesion_by_hash(&t, n, &region));
        assert_eq!(b, cohesion_by_hash(&t, n, &kept));
        assert!(a[0] > 0.0 && a[0] < 1.0, "{}", a[0]);
        assert_eq!(a[6], -1.0);
    }

    #[test]
    fn empty_input_gives_no_rows() {
        assert!(rows(&[], &[], &[], &Terms::new()).is_empty());
    }
}
