//! Inference for the line classifier's gradient-boosted trees. The trees themselves are a
//! generated table in [`super::model`], written by `cargo run --release --example train`.

use crate::features::N_FEATURES;

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
    pub fn score(&self, x: &[f32; N_FEATURES]) -> f32 {
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
