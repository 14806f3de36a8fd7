//! Fits the line classifier (gradient-boosted trees) on the benchmark corpus and writes
//! the trees to `src/rules/model.rs`. A developer tool, not part of the library.
//!
//! ```text
//! cargo run --release --example train                      # the committed model
//! cargo run --release --example train -- --split all --out /tmp/model.rs
//! ```
//!
//! Pages come from `../shared/corpus/<corpus>/` (raw inputs `<id>.<variant>.txt`, gold
//! bodies `<id>.gold.txt`). By default only the *tune* half of the pages is used (the
//! parity of the SHA-1 of the page id, as in `scripts/eval.py --split`), so
//! `scripts/eval.py --split held-out` measures pages the model never saw.
//!
//! A line's label is whether it is article body: its normalised text occurs in the
//! normalised gold (whole words), and a short line (under five words) must equal a whole
//! gold line. Rows are weighted by the line's word count, as the score counts words.

#![allow(clippy::needless_range_loop)] // index loops over parallel arrays read best here

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use deboil::training::{features, FEATURE_NAMES, N_FEATURES};

struct Options {
    shared: PathBuf,
    out: PathBuf,
    corpora: Vec<String>,
    variants: Vec<String>,
    split: String,
    trees: usize,
    depth: usize,
    rate: f32,
    min_hess: f32,
    /// Only pages whose manifest `page_type` is one of these (pages without one always).
    page_types: Option<Vec<String>>,
    /// Weight of an article page (every dev page, wide pages of type `article`) relative
    /// to a page of another type.
    article_weight: f32,
}

fn parse() -> Result<Options, Box<dyn Error>> {
    let mut o = Options {
        shared: PathBuf::from("../shared"),
        out: PathBuf::from("src/rules/model.rs"),
        corpora: vec!["dev".into()],
        variants: vec!["htmltext".into(), "resili".into(), "markdown".into()],
        split: "tune".into(),
        trees: 120,
        depth: 4,
        rate: 0.15,
        min_hess: 5.0,
        page_types: None,
        article_weight: 1.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut v = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--shared" => o.shared = v()?.into(),
            "--out" => o.out = v()?.into(),
            "--corpus" => o.corpora = v()?.split(',').map(String::from).collect(),
            "--variants" => o.variants = v()?.split(',').map(String::from).collect(),
            "--split" => o.split = v()?,
            "--trees" => o.trees = v()?.parse()?,
            "--depth" => o.depth = v()?.parse()?,
            "--rate" => o.rate = v()?.parse()?,
            "--min-hess" => o.min_hess = v()?.parse()?,
            "--article-weight" => o.article_weight = v()?.parse()?,
            "--page-types" => o.page_types = Some(v()?.split(',').map(String::from).collect()),
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    Ok(o)
}

/// Lower-cased words joined by single spaces (Markdown link targets dropped first).
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut cleaned = String::with_capacity(s.len());
    while let Some(p) = rest.find("](") {
        cleaned.push_str(&rest[..p]);
        rest = &rest[p + 2..];
        rest = rest.find(')').map_or("", |e| &rest[e + 1..]);
    }
    cleaned.push_str(rest);
    for w in cleaned
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.starts_with("http") || w == "www" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// SHA-1 of `s`, first byte (for the split; tiny local implementation to avoid a dependency).
fn sha1_first_byte(s: &str) -> u8 {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut msg = s.as_bytes().to_vec();
    let bits = (msg.len() as u64) * 8;
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h[0].to_be_bytes()[0]
}

fn in_split(id: &str, split: &str) -> bool {
    let odd = sha1_first_byte(id) % 2 == 1;
    match split {
        "all" => true,
        "held-out" => odd,
        _ => !odd,
    }
}

struct Data {
    x: Vec<[f32; N_FEATURES]>,
    y: Vec<f32>,
    w: Vec<f32>,
}

fn load(o: &Options) -> Result<Data, Box<dyn Error>> {
    let mut d = Data {
        x: Vec::new(),
        y: Vec::new(),
        w: Vec::new(),
    };
    for corpus in &o.corpora {
        let dir = o.shared.join("corpus").join(corpus);
        let mut ids: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .strip_suffix(".gold.txt")
                    .map(String::from)
            })
            .filter(|id| in_split(id, &o.split))
            .collect();
        ids.sort();
        // Page types from the manifest (pages without one are articles).
        let manifest = std::fs::read_to_string(dir.join("manifest.tsv")).unwrap_or_default();
        let mut rows = manifest.lines();
        let header: Vec<&str> = rows.next().unwrap_or("").split('\t').collect();
        let mut page_type: HashMap<String, String> = HashMap::new();
        if let Some(col) = header.iter().position(|h| *h == "page_type") {
            for r in rows {
                let c: Vec<&str> = r.split('\t').collect();
                if let Some(t) = c.get(col) {
                    page_type.insert(c[0].to_string(), t.to_string());
                }
            }
        }
        if let Some(types) = &o.page_types {
            ids.retain(|id| {
                page_type
                    .get(id)
                    .is_none_or(|t| types.iter().any(|x| x == t))
            });
        }
        for id in &ids {
            let article = page_type.get(id).is_none_or(|t| t == "article");
            let page_weight = if article { o.article_weight } else { 1.0 };
            let gold = std::fs::read_to_string(dir.join(format!("{id}.gold.txt")))?;
            let gold_norm = format!(" {} ", normalise(&gold));
            let gold_lines: HashSet<String> = gold.lines().map(normalise).collect();
            for variant in &o.variants {
                let path: &Path = &dir.join(format!("{id}.{variant}.txt"));
                let Ok(bytes) = std::fs::read(path) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes);
                let page_start = d.w.len();
                for (span, decided, x) in features(&text) {
                    if decided {
                        continue;
                    }
                    let norm = normalise(&text[span]);
                    if norm.is_empty() {
                        continue;
                    }
                    let words = norm.split(' ').count();
                    let positive = if words >= 5 {
                        gold_norm.contains(&format!(" {norm} "))
                    } else {
                        gold_lines.contains(&norm)
                    };
                    d.x.push(x);
                    d.y.push(if positive { 1.0 } else { 0.0 });
                    d.w.push(1.0 + (words as f32).min(80.0));
                }
                // Every page weighs the same in total (the score averages over pages).
                let total: f32 = d.w[page_start..].iter().sum();
                for w in &mut d.w[page_start..] {
                    *w *= 100.0 * page_weight / total.max(1.0);
                }
            }
        }
        eprintln!("{corpus}: {} pages ({} split)", ids.len(), o.split);
    }
    Ok(d)
}

/// Gradient-boosted regression trees on the logistic loss, with histogram splits.
struct Trainer<'a> {
    bins: Vec<Vec<f32>>,
    binned: Vec<[u8; N_FEATURES]>,
    data: &'a Data,
    depth: usize,
    rate: f32,
    lambda: f32,
    min_hess: f32,
}

#[derive(Clone, Debug)]
enum Tree {
    Leaf(f32),
    Split {
        feature: usize,
        threshold: f32,
        left: Box<Tree>,
        right: Box<Tree>,
    },
}

impl Tree {
    fn eval(&self, x: &[f32; N_FEATURES]) -> f32 {
        match self {
            Tree::Leaf(v) => *v,
            Tree::Split {
                feature,
                threshold,
                left,
                right,
            } => {
                if x[*feature] <= *threshold {
                    left.eval(x)
                } else {
                    right.eval(x)
                }
            }
        }
    }
}

const MAX_BINS: usize = 48;

impl<'a> Trainer<'a> {
    fn new(data: &'a Data, depth: usize, rate: f32, min_hess: f32) -> Trainer<'a> {
        let mut bins = Vec::new();
        for f in 0..N_FEATURES {
            let mut v: Vec<f32> = data.x.iter().map(|x| x[f]).collect();
            v.sort_by(f32::total_cmp);
            v.dedup();
            let mut cuts = Vec::new();
            if v.len() <= MAX_BINS {
                for w in v.windows(2) {
                    cuts.push((w[0] + w[1]) / 2.0);
                }
            } else {
                for k in 1..MAX_BINS {
                    let a = v[k * v.len() / MAX_BINS - 1];
                    let b = v[k * v.len() / MAX_BINS];
                    let c = (a + b) / 2.0;
                    if cuts.last() != Some(&c) {
                        cuts.push(c);
                    }
                }
            }
            bins.push(cuts);
        }
        let binned = data
            .x
            .iter()
            .map(|x| {
                let mut b = [0u8; N_FEATURES];
                for f in 0..N_FEATURES {
                    b[f] = bins[f].partition_point(|&c| c < x[f]) as u8;
                }
                b
            })
            .collect();
        Trainer {
            bins,
            binned,
            data,
            depth,
            rate,
            lambda: 1.0,
            min_hess,
        }
    }

    fn build(&self, rows: &[u32], g: &[f32], h: &[f32], depth: usize) -> Tree {
        let (gs, hs) = rows.iter().fold((0.0f64, 0.0f64), |(a, b), &r| {
            (a + g[r as usize] as f64, b + h[r as usize] as f64)
        });
        let leaf = || Tree::Leaf((-gs / (hs + self.lambda as f64)) as f32 * self.rate);
        if depth == self.depth || hs < 2.0 * self.min_hess as f64 {
            return leaf();
        }
        let parent = gs * gs / (hs + self.lambda as f64);
        let mut best: Option<(f64, usize, usize)> = None;
        for f in 0..N_FEATURES {
            let nb = self.bins[f].len() + 1;
            let mut hg = vec![0f64; nb];
            let mut hh = vec![0f64; nb];
            for &r in rows {
                let b = self.binned[r as usize][f] as usize;
                hg[b] += g[r as usize] as f64;
                hh[b] += h[r as usize] as f64;
            }
            let (mut gl, mut hl) = (0f64, 0f64);
            for b in 0..nb - 1 {
                gl += hg[b];
                hl += hh[b];
                let (gr, hr) = (gs - gl, hs - hl);
                if hl < self.min_hess as f64 || hr < self.min_hess as f64 {
                    continue;
                }
                let gain = gl * gl / (hl + self.lambda as f64)
                    + gr * gr / (hr + self.lambda as f64)
                    - parent;
                if best.is_none_or(|(bg, _, _)| gain > bg) {
                    best = Some((gain, f, b));
                }
            }
        }
        let Some((gain, f, b)) = best else {
            return leaf();
        };
        if gain <= 1e-6 {
            return leaf();
        }
        let (l, r): (Vec<u32>, Vec<u32>) = rows
            .iter()
            .partition(|&&row| (self.binned[row as usize][f] as usize) <= b);
        Tree::Split {
            feature: f,
            threshold: self.bins[f][b],
            left: Box::new(self.build(&l, g, h, depth + 1)),
            right: Box::new(self.build(&r, g, h, depth + 1)),
        }
    }

    fn fit(&self, trees: usize) -> (f32, Vec<Tree>) {
        let d = self.data;
        let (wp, wt) = d.y.iter().zip(&d.w).fold((0f64, 0f64), |(a, b), (y, w)| {
            (a + (y * w) as f64, b + *w as f64)
        });
        let p0 = (wp / wt).clamp(1e-3, 1.0 - 1e-3);
        let base = (p0 / (1.0 - p0)).ln() as f32;
        let mut score = vec![base; d.x.len()];
        let rows: Vec<u32> = (0..d.x.len() as u32).collect();
        let mut out = Vec::new();
        for t in 0..trees {
            let mut g = vec![0f32; d.x.len()];
            let mut h = vec![0f32; d.x.len()];
            for i in 0..d.x.len() {
                let p = 1.0 / (1.0 + (-score[i]).exp());
                g[i] = (p - d.y[i]) * d.w[i];
                h[i] = (p * (1.0 - p)).max(1e-6) * d.w[i];
            }
            let tree = self.build(&rows, &g, &h, 0);
            for (i, x) in d.x.iter().enumerate() {
                score[i] += tree.eval(x);
            }
            out.push(tree);
            if t % 20 == 19 || t + 1 == trees {
                let (mut loss, mut acc, mut wsum) = (0f64, 0f64, 0f64);
                for i in 0..d.x.len() {
                    let p = (1.0 / (1.0 + (-score[i] as f64).exp())).clamp(1e-9, 1.0 - 1e-9);
                    let y = d.y[i] as f64;
                    let w = d.w[i] as f64;
                    loss -= w * (y * p.ln() + (1.0 - y) * (1.0 - p).ln());
                    acc += w * f64::from(u8::from((p >= 0.5) == (y >= 0.5)));
                    wsum += w;
                }
                eprintln!(
                    "tree {:>4}: weighted log-loss {:.4}, weighted accuracy {:.4}",
                    t + 1,
                    loss / wsum,
                    acc / wsum
                );
            }
        }
        (base, out)
    }
}

fn emit(tree: &Tree, nodes: &mut Vec<String>) -> u32 {
    let at = nodes.len() as u32;
    match tree {
        Tree::Leaf(v) => nodes.push(format!("leaf({v:?})")),
        Tree::Split {
            feature,
            threshold,
            left,
            right,
        } => {
            nodes.push(String::new());
            let l = emit(left, nodes);
            let r = emit(right, nodes);
            nodes[at as usize] = format!("split({feature}, {threshold:?}, {l}, {r})");
        }
    }
    at
}

fn main() -> Result<(), Box<dyn Error>> {
    let o = parse()?;
    let data = load(&o)?;
    let pos = data.y.iter().filter(|&&y| y > 0.5).count();
    eprintln!("{} lines, {} positive", data.y.len(), pos);
    let trainer = Trainer::new(&data, o.depth, o.rate, o.min_hess);
    let (base, trees) = trainer.fit(o.trees);
    let mut nodes = Vec::new();
    let roots: Vec<u32> = trees.iter().map(|t| emit(t, &mut nodes)).collect();
    let mut src = String::new();
    writeln!(
        src,
        "//! Generated by `cargo run --release --example train`; do not edit."
    )?;
    writeln!(
        src,
        "//! {} trees of depth {}, learning rate {}, trained on the {} split of {} ({}).",
        o.trees,
        o.depth,
        o.rate,
        o.split,
        o.corpora.join(", "),
        o.variants.join(", ")
    )?;
    writeln!(
        src,
        "//! Features (by index): {}.",
        FEATURE_NAMES
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{i} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(src, "\nuse super::gbdt::{{leaf, split, Model, Node}};\n")?;
    writeln!(src, "#[rustfmt::skip]\nstatic NODES: &[Node] = &[")?;
    for n in &nodes {
        writeln!(src, "    {n},")?;
    }
    writeln!(src, "];\n")?;
    writeln!(
        src,
        "#[rustfmt::skip]\nstatic ROOTS: &[u32] = &{roots:?};\n"
    )?;
    writeln!(src, "/// The line classifier.\npub(crate) static MODEL: Model = Model {{ base: {base:?}, roots: ROOTS, nodes: NODES }};")?;
    std::fs::write(&o.out, src)?;
    eprintln!("wrote {} ({} nodes)", o.out.display(), nodes.len());
    Ok(())
}
