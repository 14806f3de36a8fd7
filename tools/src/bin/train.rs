//! Fits the line classifier (gradient-boosted trees) on the benchmark corpora and writes
//! the trees to `src/classifier/model.rs` (or, with `--fast`, the fast engine's to
//! `src/classifier/fast_model.rs`). A developer tool, not part of the library.
//!
//! ```text
//! cargo run --release -p deboil-tools --bin train               # src/classifier/model.rs
//! cargo run --release -p deboil-tools --bin train -- --fast     # src/classifier/fast_model.rs
//! cargo run --release -p deboil-tools --bin train -- --split tune --out /tmp/model.rs
//! cargo run --release -p deboil-tools --bin train -- --curve 250:100,100:50 --out /tmp/m.rs   # /tmp/m.250-100.rs, /tmp/m.100-50.rs
//! ```
//!
//! Without arguments the trainer uses the committed model's settings (each flag below
//! overrides one; `--fast` selects the fast engine's settings). Pages come from
//! `../shared/corpus/<corpus>/` (raw inputs `<id>.<variant>.txt`, gold bodies
//! `<id>.gold.txt`). `--split tune` uses only the *tune* half of the pages (the parity of
//! the SHA-1 of the page id, as in `scripts/eval.py --split`), so
//! `scripts/eval.py --split held-out` measures pages the model never saw
//! (`scripts/cv.sh` runs both halves).
//!
//! A line's label is whether it is article body: its normalised text occurs in the
//! normalised gold (whole words), and a short line (under five words) must equal a whole
//! gold line. Rows are weighted by the line's word count, as the score counts words.
//!
//! Two stages are fitted (see `src/classifier/stack.rs`): the first on the line features,
//! the second on those plus the first stage's scores around each line. The second stage learns from
//! out-of-fold first-stage scores (each half of the pages scored by a first stage fitted
//! on the other half), as noisy as the scores it will meet on new pages.

#![allow(clippy::needless_range_loop)] // index loops over parallel arrays read best here

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use deboil::training::{
    fast_page, fast_stacked, features, FastPage, Line, CONTEXT_NAMES, FAST_N, FAST_N2, FAST_NAMES,
    FAST_NAMES2, FEATURE_NAMES, N_FEATURES, N_STACKED,
};

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
    /// Trees and depth of the second stage.
    stack_trees: usize,
    stack_depth: usize,
    /// Pages whose gold body is mostly not in the raw text (a written summary rather than
    /// the page's own lines) are left out of training: under this share of the gold's
    /// five-word runs occur in the input. Their labels would call every line boilerplate.
    min_extractive: f32,
    /// Fit the fast engine's trees (`--fast`: `Cleaner::fast`) instead of the default
    /// engine's classifier.
    fast: bool,
    /// Oblivious trees (`--oblivious`): one split per level (an experiment; see
    /// `docs/record/2026-12-06-speed-history.md`).
    oblivious: bool,
    /// `--verify`: compare the header `out` would get (corpus hash, settings, feature
    /// names) with the committed file's, without training.
    verify: bool,
    /// `--curve T1:T2,...`: one model per pair (first-stage trees, second-stage trees)
    /// from one training run, each written beside `out` as `<stem>.<T1>-<T2>.rs` (the
    /// trade-off curve of model size: `scripts/curve.sh`). A boosted ensemble's first
    /// `k` trees are the ensemble fitted with `k` trees, so the first stage is fitted
    /// once with the largest `T1`; the second stage is fitted once for each `T1` (on that
    /// prefix's out-of-fold scores) with the largest `T2` paired with it.
    curve: Vec<(usize, usize)>,
    /// The arguments as given (`--verify` left out), for the header's command line.
    args: Vec<String>,
}

fn parse() -> Result<Options, Box<dyn Error>> {
    // `--fast` (anywhere) selects the fast engine's committed settings; the flags then
    // override them one by one.
    let fast = std::env::args().skip(1).any(|a| a == "--fast");
    let mut o = Options {
        shared: PathBuf::from("../shared"),
        out: PathBuf::from(if fast {
            "src/classifier/fast_model.rs"
        } else {
            "src/classifier/model.rs"
        }),
        corpora: vec!["dev".into(), "wide".into()],
        variants: vec!["htmltext".into(), "resili".into(), "markdown".into()],
        split: "all".into(),
        trees: if fast { 30 } else { 250 },
        depth: if fast { 5 } else { 6 },
        rate: if fast { 0.3 } else { 0.1 },
        min_hess: 1.0,
        page_types: None,
        article_weight: 5.0,
        stack_trees: if fast { 10 } else { 100 },
        stack_depth: if fast { 4 } else { 5 },
        min_extractive: 0.5,
        fast,
        oblivious: false,
        verify: false,
        curve: Vec::new(),
        args: std::env::args()
            .skip(1)
            .filter(|a| a != "--verify")
            .collect(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut v = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--fast" => {}
            "--verify" => o.verify = true,
            "--shared" => o.shared = v()?.into(),
            "--out" => o.out = v()?.into(),
            "--oblivious" => o.oblivious = true,
            "--corpus" => o.corpora = v()?.split(',').map(String::from).collect(),
            "--variants" => o.variants = v()?.split(',').map(String::from).collect(),
            "--split" => o.split = v()?,
            "--trees" => o.trees = v()?.parse()?,
            "--depth" => o.depth = v()?.parse()?,
            "--rate" => o.rate = v()?.parse()?,
            "--min-hess" => o.min_hess = v()?.parse()?,
            "--article-weight" => o.article_weight = v()?.parse()?,
            "--stack-trees" => o.stack_trees = v()?.parse()?,
            "--stack-depth" => o.stack_depth = v()?.parse()?,
            "--min-extractive" => o.min_extractive = v()?.parse()?,
            "--page-types" => o.page_types = Some(v()?.split(',').map(String::from).collect()),
            "--curve" => o.curve = parse_curve(&v()?)?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    Ok(o)
}

/// The pairs of `--curve` (`T1:T2,T1:T2,...`).
fn parse_curve(v: &str) -> Result<Vec<(usize, usize)>, Box<dyn Error>> {
    v.split(',')
        .map(|pair| {
            let (a, b) = pair
                .split_once(':')
                .ok_or_else(|| format!("--curve wants T1:T2 pairs, not {pair:?}"))?;
            Ok((a.parse()?, b.parse()?))
        })
        .collect()
}

/// The options a `--curve` pair's model stands for: `o` with its tree counts, and the
/// command line that trains that model alone (`--curve` replaced by `--trees T1
/// --stack-trees T2`, `--out` dropped).
fn curve_options(o: &Options, (t1, t2): (usize, usize)) -> Options {
    let mut args = Vec::new();
    let mut given = o.args.iter();
    while let Some(a) = given.next() {
        match a.as_str() {
            "--curve" | "--trees" | "--stack-trees" | "--out" => {
                given.next();
            }
            _ => args.push(a.clone()),
        }
    }
    args.extend([
        "--trees".into(),
        t1.to_string(),
        "--stack-trees".into(),
        t2.to_string(),
    ]);
    let stem = o.out.with_extension("");
    Options {
        shared: o.shared.clone(),
        out: PathBuf::from(format!("{}.{t1}-{t2}.rs", stem.display())),
        corpora: o.corpora.clone(),
        variants: o.variants.clone(),
        split: o.split.clone(),
        trees: t1,
        page_types: o.page_types.clone(),
        stack_trees: t2,
        curve: Vec::new(),
        args,
        ..*o
    }
}

/// Each page's manifest `page_type`, by id.
type PageTypes = HashMap<String, String>;

/// The pages of `corpus` the options select (sorted ids), with its folder and each page's
/// manifest `page_type` (pages without one are articles).
fn corpus_pages(
    o: &Options,
    corpus: &str,
) -> Result<(PathBuf, Vec<String>, PageTypes), Box<dyn Error>> {
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
    Ok((dir, ids, page_type))
}

/// What the corpus files a model is trained from hash to: the SHA-1 of every file the
/// trainer reads (each corpus's `manifest.tsv`, then each selected page's gold and raw
/// inputs, in order; each file as its path under the corpus folder, a NUL, its length as 8
/// little-endian bytes and its bytes), with the number of pages and of page inputs.
fn corpus_hash(o: &Options) -> Result<(String, usize, usize), Box<dyn Error>> {
    let mut h = Sha1::new();
    let (mut n_pages, mut n_inputs) = (0, 0);
    let mut add = |name: String, bytes: &[u8]| {
        h.update(name.as_bytes());
        h.update(&[0]);
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    for corpus in &o.corpora {
        let (dir, ids, _) = corpus_pages(o, corpus)?;
        if let Ok(m) = std::fs::read(dir.join("manifest.tsv")) {
            add(format!("{corpus}/manifest.tsv"), &m);
        }
        for id in &ids {
            let gold = format!("{id}.gold.txt");
            add(format!("{corpus}/{gold}"), &std::fs::read(dir.join(&gold))?);
            n_pages += 1;
            for variant in &o.variants {
                let name = format!("{id}.{variant}.txt");
                if let Ok(bytes) = std::fs::read(dir.join(&name)) {
                    add(format!("{corpus}/{name}"), &bytes);
                    n_inputs += 1;
                }
            }
        }
    }
    let hex: String = h.digest().iter().map(|b| format!("{b:02x}")).collect();
    Ok((hex, n_pages, n_inputs))
}

/// The models' own files, left out of the trainer's revision (regenerating a model is not
/// a change to what it is trained from).
const MODEL_FILES: [&str; 2] = [
    ":(exclude)src/classifier/model.rs",
    ":(exclude)src/classifier/fast_model.rs",
];

/// The last commit that changed the code a model depends on (`src/`, `tools/`,
/// `Cargo.lock`, the models themselves left out), and whether the working tree changes
/// it further.
fn revision() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(args)
            .args(["--", "src", "tools", "Cargo.lock"])
            .args(MODEL_FILES)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    match git(&["log", "-1", "--format=%h"]) {
        Some(rev) if !rev.is_empty() => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{rev}, with uncommitted changes")
            } else {
                rev
            }
        }
        _ => "unknown (not a git checkout)".to_owned(),
    }
}

/// Prefix of the header line that records the trainer's revision (the one line
/// `--verify` does not compare).
const REVISION: &str = "//! Trainer revision: ";

/// The generated file's header: everything but the trees.
fn header(o: &Options) -> Result<String, Box<dyn Error>> {
    let (hash, n_pages, n_inputs) = corpus_hash(o)?;
    let mut command = String::from("cargo run --release -p deboil-tools --bin train");
    if !o.args.is_empty() {
        command.push_str(" -- ");
        command.push_str(&o.args.join(" "));
    }
    let list = |names: &mut dyn Iterator<Item = &&str>| {
        names
            .enumerate()
            .map(|(i, n)| format!("{i} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (what, names1, names2) = if o.fast {
        (
            "the fast engine's line classifier (`Cleaner::fast`)",
            list(&mut FAST_NAMES.iter()),
            list(&mut FAST_NAMES2.iter()),
        )
    } else {
        (
            "the default engine's line classifier (`line-classifier`)",
            list(&mut FEATURE_NAMES.iter()),
            list(&mut FEATURE_NAMES.iter().chain(CONTEXT_NAMES.iter())),
        )
    };
    let mut src = String::new();
    writeln!(src, "//! GENERATED FILE, DO NOT EDIT: the trees of {what},")?;
    writeln!(
        src,
        "//! written by the trainer `tools/src/bin/train.rs` (see `docs/TRAINING.md`)."
    )?;
    writeln!(src, "//!")?;
    writeln!(src, "//! Command: `{command}`")?;
    writeln!(src, "{REVISION}{}", revision())?;
    writeln!(
        src,
        "//! Corpus: SHA-1 {hash} of the files read ({n_pages} pages, {n_inputs} page inputs, manifests)."
    )?;
    writeln!(
        src,
        "//! Settings: first stage {} {}trees of depth {}; second stage {} trees of depth {}; learning rate {}; least hessian {}; article weight {}; least extractive share {}; the {} split of {} ({}){}.",
        o.trees,
        if o.oblivious { "oblivious " } else { "" },
        o.depth,
        o.stack_trees,
        o.stack_depth,
        o.rate,
        o.min_hess,
        o.article_weight,
        o.min_extractive,
        o.split,
        o.corpora.join(", "),
        o.variants.join(", "),
        o.page_types.as_ref().map_or(String::new(), |t| format!("; page types {}", t.join(", ")))
    )?;
    writeln!(src, "//! First-stage features (by index): {names1}.")?;
    writeln!(src, "//! Second-stage features (by index): {names2}.")?;
    Ok(src)
}

/// `--verify`: whether the committed file's header matches what the trainer would write
/// now, its revision line aside. Prints the lines that differ.
fn verify(o: &Options) -> Result<bool, Box<dyn Error>> {
    let want = header(o)?;
    let have = std::fs::read_to_string(&o.out).map_err(|e| format!("{}: {e}", o.out.display()))?;
    let mut ok = true;
    let mut have_lines = have.lines();
    for w in want.lines() {
        let h = have_lines.next().unwrap_or("");
        if w.starts_with(REVISION) && h.starts_with(REVISION) {
            continue;
        }
        if w != h {
            ok = false;
            eprintln!(
                "{}: header differs:\n  committed: {h}\n  expected:  {w}",
                o.out.display()
            );
        }
    }
    Ok(ok)
}

/// The five-word runs of normalised text.
fn shingles(norm: &str) -> HashSet<Vec<&str>> {
    let w: Vec<&str> = norm.split_whitespace().collect();
    w.windows(5).map(<[&str]>::to_vec).collect()
}

/// Share of the gold's five-word runs ([`shingles`] of the normalised gold) that occur in
/// `text`.
fn extractive_share(gold: &HashSet<Vec<&str>>, text: &str) -> f32 {
    if gold.is_empty() {
        return 1.0;
    }
    let norm = normalise(text);
    let input = shingles(&norm);
    gold.intersection(&input).count() as f32 / gold.len() as f32
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

/// SHA-1 (a tiny local implementation to avoid a dependency): the split and folds use the
/// first byte of a page id's digest (as `scripts/eval.py --split` does), the model header a
/// digest of the corpus files read.
struct Sha1 {
    h: [u32; 5],
    block: Vec<u8>,
    len: u64,
}

impl Sha1 {
    fn new() -> Sha1 {
        Sha1 {
            h: [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0],
            block: Vec::with_capacity(64),
            len: 0,
        }
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while !bytes.is_empty() {
            let take = (64 - self.block.len()).min(bytes.len());
            self.block.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.block.len() == 64 {
                let block: [u8; 64] = self.block[..].try_into().expect("64 bytes");
                self.compress(&block);
                self.block.clear();
            }
        }
    }

    fn compress(&mut self, chunk: &[u8; 64]) {
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
        let [mut a, mut b, mut c, mut d, mut e] = self.h;
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
        for (x, y) in self.h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }

    fn digest(mut self) -> [u8; 20] {
        let bits = self.len.wrapping_mul(8);
        let mut pad = vec![0x80u8];
        while (self.block.len() + pad.len()) % 64 != 56 {
            pad.push(0);
        }
        pad.extend_from_slice(&bits.to_be_bytes());
        let len = self.len;
        self.update(&pad);
        self.len = len;
        let mut out = [0u8; 20];
        for (o, h) in out.chunks_mut(4).zip(self.h) {
            o.copy_from_slice(&h.to_be_bytes());
        }
        out
    }
}

/// SHA-1 of `s`, first byte (for the split and the folds).
fn sha1_first_byte(s: &str) -> u8 {
    let mut h = Sha1::new();
    h.update(s.as_bytes());
    h.digest()[0]
}

fn in_split(id: &str, split: &str) -> bool {
    let odd = sha1_first_byte(id) % 2 == 1;
    match split {
        "all" => true,
        "held-out" => odd,
        _ => !odd,
    }
}

/// One page in one raw variant, as the classifier meets it.
struct Page {
    lines: Vec<Line>,
    /// The fast engine's view of the page (with `--fast`; `lines` is then empty).
    fast: Option<FastPage>,
    /// For each line, its row in [`Data`] (open lines only).
    row: Vec<Option<usize>>,
    /// Cross-fitting fold of the page (for the second stage's out-of-fold scores).
    fold: usize,
}

/// Training rows: `nf` features per row, flat.
struct Data {
    nf: usize,
    x: Vec<f32>,
    y: Vec<f32>,
    w: Vec<f32>,
}

impl Data {
    fn row(&self, r: usize) -> &[f32] {
        &self.x[r * self.nf..(r + 1) * self.nf]
    }
    fn len(&self) -> usize {
        self.y.len()
    }
}

fn load(o: &Options) -> Result<(Data, Vec<Page>), Box<dyn Error>> {
    let mut d = Data {
        nf: if o.fast { FAST_N } else { N_FEATURES },
        x: Vec::new(),
        y: Vec::new(),
        w: Vec::new(),
    };
    let mut pages = Vec::new();
    for corpus in &o.corpora {
        let (dir, ids, page_type) = corpus_pages(o, corpus)?;
        let mut skipped = 0usize;
        for id in &ids {
            let article = page_type.get(id).is_none_or(|t| t == "article");
            let page_weight = if article { o.article_weight } else { 1.0 };
            let gold = std::fs::read_to_string(dir.join(format!("{id}.gold.txt")))?;
            let gold_norm = format!(" {} ", normalise(&gold));
            let gold_lines: HashSet<String> = gold.lines().map(normalise).collect();
            let gold_shingles = shingles(&gold_norm);
            // Cross-fitting folds by another bit of the id's hash than the split's.
            let fold = usize::from((sha1_first_byte(id) >> 1) & 1);
            for variant in &o.variants {
                let path: &Path = &dir.join(format!("{id}.{variant}.txt"));
                let Ok(bytes) = std::fs::read(path) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes);
                if o.min_extractive > 0.0
                    && extractive_share(&gold_shingles, &text) < o.min_extractive
                {
                    skipped += 1;
                    continue;
                }
                let page_start = d.w.len();
                let (lines, fast) = if o.fast {
                    (Vec::new(), Some(fast_page(&text)))
                } else {
                    (features(&text), None)
                };
                // Each line: its span, and its features unless an earlier rule decided it.
                let items: Vec<(deboil::Span, Option<&[f32]>)> = match &fast {
                    Some(f) => f
                        .spans
                        .iter()
                        .zip(&f.rows)
                        .map(|(&s, x)| (s, Some(&x[..])))
                        .collect(),
                    None => lines
                        .iter()
                        .map(|l| (l.span, (!l.decided).then_some(&l.x[..])))
                        .collect(),
                };
                let mut row = Vec::with_capacity(items.len());
                for &(span, x) in &items {
                    let Some(x) = x else {
                        row.push(None);
                        continue;
                    };
                    row.push(Some(d.y.len()));
                    d.x.extend_from_slice(x);
                    // Lines without words are scored but not trained on (weight 0).
                    let norm = normalise(&text[span]);
                    if norm.is_empty() {
                        d.y.push(0.0);
                        d.w.push(0.0);
                        continue;
                    }
                    let words = norm.split(' ').count();
                    let positive = if words >= 5 {
                        gold_norm.contains(&format!(" {norm} "))
                    } else {
                        gold_lines.contains(&norm)
                    };
                    d.y.push(if positive { 1.0 } else { 0.0 });
                    d.w.push(1.0 + (words as f32).min(80.0));
                }
                // Every page weighs the same in total (the score averages over pages).
                let total: f32 = d.w[page_start..].iter().sum();
                for w in &mut d.w[page_start..] {
                    *w *= 100.0 * page_weight / total.max(1.0);
                }
                pages.push(Page {
                    lines,
                    fast,
                    row,
                    fold,
                });
            }
        }
        eprintln!(
            "{corpus}: {} pages ({} split), {skipped} page inputs left out (gold not extractive)",
            ids.len(),
            o.split
        );
    }
    Ok((d, pages))
}

/// Gradient-boosted regression trees on the logistic loss, with histogram splits.
struct Trainer<'a> {
    bins: Vec<Vec<f32>>,
    /// Bin of each row's feature, flat (`nf` per row).
    binned: Vec<u8>,
    data: &'a Data,
    depth: usize,
    rate: f32,
    lambda: f32,
    min_hess: f32,
    /// Oblivious trees: every node of a level splits on the same feature and threshold
    /// (`--oblivious`; the library scores them as any other trees).
    oblivious: bool,
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
    fn eval(&self, x: &[f32]) -> f32 {
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

/// A fitted ensemble: `base` plus the sum of the trees, as log-odds.
struct Ensemble {
    base: f32,
    trees: Vec<Tree>,
}

impl Ensemble {
    fn score(&self, x: &[f32]) -> f32 {
        self.trees.iter().fold(self.base, |s, t| s + t.eval(x))
    }

    /// The first `k` trees: the ensemble [`Trainer::fit`] fits with `k` trees (each tree
    /// is fitted on the scores of the ones before it).
    fn prefix(&self, k: usize) -> Ensemble {
        Ensemble {
            base: self.base,
            trees: self.trees[..k.min(self.trees.len())].to_vec(),
        }
    }
}

const MAX_BINS: usize = 48;

/// The sums of the gradients and hessians of `rows`.
fn sums(rows: &[u32], g: &[f32], h: &[f32]) -> (f64, f64) {
    rows.iter().fold((0.0, 0.0), |(a, b), &r| {
        (a + g[r as usize] as f64, b + h[r as usize] as f64)
    })
}

impl<'a> Trainer<'a> {
    fn new(data: &'a Data, depth: usize, rate: f32, min_hess: f32) -> Trainer<'a> {
        let nf = data.nf;
        let mut bins = Vec::new();
        for f in 0..nf {
            let mut v: Vec<f32> = (0..data.len()).map(|r| data.x[r * nf + f]).collect();
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
            .chunks(nf)
            .flat_map(|x| {
                x.iter()
                    .zip(&bins)
                    .map(|(v, cuts)| cuts.partition_point(|&c| c < *v) as u8)
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
            oblivious: false,
        }
    }

    fn bin(&self, r: u32, f: usize) -> usize {
        self.binned[r as usize * self.data.nf + f] as usize
    }

    /// Histograms of gradients and hessians over `rows`, every feature's bins one after
    /// the other (`offset[f]..offset[f + 1]` for feature `f`).
    fn histograms(
        &self,
        rows: &[u32],
        g: &[f32],
        h: &[f32],
        offset: &[usize],
    ) -> (Vec<f64>, Vec<f64>) {
        let nf = self.data.nf;
        let mut hg = vec![0f64; offset[nf]];
        let mut hh = vec![0f64; offset[nf]];
        for &r in rows {
            let (gr, hr) = (g[r as usize] as f64, h[r as usize] as f64);
            let bins = &self.binned[r as usize * nf..(r as usize + 1) * nf];
            for (f, &b) in bins.iter().enumerate() {
                let k = offset[f] + b as usize;
                hg[k] += gr;
                hh[k] += hr;
            }
        }
        (hg, hh)
    }

    /// Where each feature's bins start in a histogram (one past the last at `nf`).
    fn offsets(&self) -> Vec<usize> {
        let nf = self.data.nf;
        let mut offset = Vec::with_capacity(nf + 1);
        offset.push(0);
        for f in 0..nf {
            offset.push(offset[f] + self.bins[f].len() + 1);
        }
        offset
    }

    /// An oblivious tree: level by level, the one split (feature, bin) with the largest
    /// gain summed over the level's nodes; a node too light to split either side gains
    /// nothing from it (and is split all the same). Stops early when no split gains.
    fn build_oblivious(&self, rows: &[u32], g: &[f32], h: &[f32]) -> Tree {
        let offset = self.offsets();
        let nf = self.data.nf;
        let lambda = self.lambda as f64;
        let min_hess = self.min_hess as f64;
        let mut nodes: Vec<Vec<u32>> = vec![rows.to_vec()];
        let mut splits: Vec<(usize, usize)> = Vec::new();
        for _ in 0..self.depth {
            let mut total = vec![0f64; offset[nf]];
            for node in &nodes {
                let (gs, hs) = sums(node, g, h);
                if hs < 2.0 * min_hess {
                    continue;
                }
                let parent = gs * gs / (hs + lambda);
                let (hg, hh) = self.histograms(node, g, h, &offset);
                for f in 0..nf {
                    let (mut gl, mut hl) = (0f64, 0f64);
                    for k in offset[f]..offset[f + 1] - 1 {
                        gl += hg[k];
                        hl += hh[k];
                        let (gr, hr) = (gs - gl, hs - hl);
                        if hl < min_hess || hr < min_hess {
                            continue;
                        }
                        total[k] += gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                    }
                }
            }
            let mut best: Option<(f64, usize, usize)> = None;
            for f in 0..nf {
                for k in offset[f]..offset[f + 1] - 1 {
                    if best.is_none_or(|(bg, _, _)| total[k] > bg) {
                        best = Some((total[k], f, k - offset[f]));
                    }
                }
            }
            let Some((gain, f, b)) = best else { break };
            if gain <= 1e-6 {
                break;
            }
            splits.push((f, b));
            nodes = nodes
                .iter()
                .flat_map(|node| {
                    let (l, r): (Vec<u32>, Vec<u32>) =
                        node.iter().partition(|&&row| self.bin(row, f) <= b);
                    [l, r]
                })
                .collect();
        }
        let values: Vec<f32> = nodes
            .iter()
            .map(|node| {
                let (gs, hs) = sums(node, g, h);
                (-gs / (hs + lambda)) as f32 * self.rate
            })
            .collect();
        fn make(
            level: usize,
            i: usize,
            splits: &[(usize, usize)],
            bins: &[Vec<f32>],
            values: &[f32],
        ) -> Tree {
            match splits.get(level) {
                None => Tree::Leaf(values[i]),
                Some(&(f, b)) => Tree::Split {
                    feature: f,
                    threshold: bins[f][b],
                    left: Box::new(make(level + 1, 2 * i, splits, bins, values)),
                    right: Box::new(make(level + 1, 2 * i + 1, splits, bins, values)),
                },
            }
        }
        make(0, 0, &splits, &self.bins, &values)
    }

    fn build(&self, rows: &[u32], g: &[f32], h: &[f32], depth: usize) -> Tree {
        if self.oblivious {
            return self.build_oblivious(rows, g, h);
        }
        let (gs, hs) = sums(rows, g, h);
        let leaf = || Tree::Leaf((-gs / (hs + self.lambda as f64)) as f32 * self.rate);
        if depth == self.depth || hs < 2.0 * self.min_hess as f64 {
            return leaf();
        }
        let parent = gs * gs / (hs + self.lambda as f64);
        // Histograms of every feature in one pass over the rows (row-major, as stored).
        let nf = self.data.nf;
        let offset = self.offsets();
        let (hg, hh) = self.histograms(rows, g, h, &offset);
        let mut best: Option<(f64, usize, usize)> = None;
        for f in 0..nf {
            let (hg, hh) = (&hg[offset[f]..offset[f + 1]], &hh[offset[f]..offset[f + 1]]);
            let nb = hg.len();
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
        let (l, r): (Vec<u32>, Vec<u32>) = rows.iter().partition(|&&row| self.bin(row, f) <= b);
        Tree::Split {
            feature: f,
            threshold: self.bins[f][b],
            left: Box::new(self.build(&l, g, h, depth + 1)),
            right: Box::new(self.build(&r, g, h, depth + 1)),
        }
    }

    /// Fits `trees` trees on the rows `rows` (weight-0 rows are skipped).
    fn fit(&self, rows: &[u32], trees: usize, label: &str) -> Ensemble {
        let d = self.data;
        let rows: Vec<u32> = rows
            .iter()
            .copied()
            .filter(|&r| d.w[r as usize] > 0.0)
            .collect();
        let (wp, wt) = rows.iter().fold((0f64, 0f64), |(a, b), &r| {
            let (y, w) = (d.y[r as usize], d.w[r as usize]);
            (a + (y * w) as f64, b + w as f64)
        });
        let p0 = (wp / wt.max(1e-9)).clamp(1e-3, 1.0 - 1e-3);
        let base = (p0 / (1.0 - p0)).ln() as f32;
        let mut score = vec![base; d.len()];
        let mut out = Vec::new();
        let mut g = vec![0f32; d.len()];
        let mut h = vec![0f32; d.len()];
        for t in 0..trees {
            for &r in &rows {
                let i = r as usize;
                let p = 1.0 / (1.0 + (-score[i]).exp());
                g[i] = (p - d.y[i]) * d.w[i];
                h[i] = (p * (1.0 - p)).max(1e-6) * d.w[i];
            }
            let tree = self.build(&rows, &g, &h, 0);
            for &r in &rows {
                score[r as usize] += tree.eval(d.row(r as usize));
            }
            out.push(tree);
            if t % 50 == 49 || t + 1 == trees {
                let (mut loss, mut acc, mut wsum) = (0f64, 0f64, 0f64);
                for &r in &rows {
                    let i = r as usize;
                    let p = (1.0 / (1.0 + (-score[i] as f64).exp())).clamp(1e-9, 1.0 - 1e-9);
                    let y = d.y[i] as f64;
                    let w = d.w[i] as f64;
                    loss -= w * (y * p.ln() + (1.0 - y) * (1.0 - p).ln());
                    acc += w * f64::from(u8::from((p >= 0.5) == (y >= 0.5)));
                    wsum += w;
                }
                eprintln!(
                    "{label} tree {:>4}: weighted log-loss {:.4}, weighted accuracy {:.4}",
                    t + 1,
                    loss / wsum,
                    acc / wsum
                );
            }
        }
        Ensemble { base, trees: out }
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

/// Writes `model` as the static `name` (its nodes in `{name}_NODES`, roots in `{name}_ROOTS`).
fn write_model(
    src: &mut String,
    name: &str,
    doc: &str,
    model: &Ensemble,
) -> Result<usize, Box<dyn Error>> {
    let mut nodes = Vec::new();
    let roots: Vec<u32> = model.trees.iter().map(|t| emit(t, &mut nodes)).collect();
    writeln!(src, "#[rustfmt::skip]\nstatic {name}_NODES: &[Node] = &[")?;
    for n in &nodes {
        writeln!(src, "    {n},")?;
    }
    writeln!(src, "];\n")?;
    writeln!(
        src,
        "#[rustfmt::skip]\nstatic {name}_ROOTS: &[u32] = &{roots:?};\n"
    )?;
    // Laid out as rustfmt lays it out: the file is written complete.
    writeln!(src, "/// {doc}")?;
    writeln!(src, "pub(crate) static {name}: Model = Model {{")?;
    writeln!(src, "    base: {:?},", model.base)?;
    writeln!(src, "    roots: {name}_ROOTS,")?;
    writeln!(src, "    nodes: {name}_NODES,")?;
    writeln!(src, "}};\n")?;
    Ok(nodes.len())
}

fn main() -> Result<(), Box<dyn Error>> {
    let o = parse()?;
    if o.verify {
        if verify(&o)? {
            eprintln!("{}: header up to date", o.out.display());
            return Ok(());
        }
        std::process::exit(1);
    }
    // The header first: it reads the corpus files, and a missing one fails before training.
    let src = header(&o)?;
    let (data, pages) = load(&o)?;
    let pos = data.y.iter().filter(|&&y| y > 0.5).count();
    eprintln!("{} lines, {} positive", data.len(), pos);
    let mut trainer = Trainer::new(&data, o.depth, o.rate, o.min_hess);
    trainer.oblivious = o.oblivious;
    let all: Vec<u32> = (0..data.len() as u32).collect();
    let trees = o.curve.iter().map(|p| p.0).max().unwrap_or(o.trees);
    // First-stage models that never saw the pages of one half (fold) each.
    let mut folds = Vec::new();
    for fold in 0..2 {
        let fit_rows: Vec<u32> = pages
            .iter()
            .filter(|p| p.fold != fold)
            .flat_map(|p| p.row.iter().flatten().map(|&r| r as u32))
            .collect();
        folds.push(trainer.fit(&fit_rows, trees, &format!("first stage, fold {fold}:")));
    }
    let first = trainer.fit(&all, trees, "first stage:");
    if o.curve.is_empty() {
        let second = second_stage(&o, &data, &pages, &folds, &all);
        return write_file(&o, src, &first, &second);
    }
    let mut t1s: Vec<usize> = o.curve.iter().map(|p| p.0).collect();
    t1s.sort_unstable();
    t1s.dedup();
    for t1 in t1s {
        let t2 = o.curve.iter().filter(|p| p.0 == t1).map(|p| p.1).max();
        let folds: Vec<Ensemble> = folds.iter().map(|m| m.prefix(t1)).collect();
        let pair = curve_options(&o, (t1, t2.unwrap_or(0)));
        let second = second_stage(&pair, &data, &pages, &folds, &all);
        for &(a, b) in o.curve.iter().filter(|p| p.0 == t1) {
            let pair = curve_options(&o, (a, b));
            let src = header(&pair)?;
            write_file(&pair, src, &first.prefix(a), &second.prefix(b))?;
        }
    }
    Ok(())
}

/// The second stage, fitted on the first stage's out-of-fold scores: each page's rows
/// scored by `folds[page.fold]`, the first stage that never saw the page.
fn second_stage(
    o: &Options,
    data: &Data,
    pages: &[Page],
    folds: &[Ensemble],
    all: &[u32],
) -> Ensemble {
    let mut oof = vec![0f32; data.len()];
    for p in pages {
        for &r in p.row.iter().flatten() {
            oof[r] = folds[p.fold].score(data.row(r));
        }
    }
    // The second stage's rows, from the out-of-fold first-stage scores.
    let n2 = if o.fast { FAST_N2 } else { N_STACKED };
    let mut stacked = Data {
        nf: n2,
        x: vec![0.0; data.len() * n2],
        y: data.y.clone(),
        w: data.w.clone(),
    };
    for p in pages {
        let scores: Vec<f32> = p.row.iter().map(|r| r.map_or(0.0, |r| oof[r])).collect();
        let rows: Vec<Vec<f32>> = match &p.fast {
            Some(f) => fast_stacked(f, &scores)
                .iter()
                .map(|x| x.to_vec())
                .collect(),
            None => deboil::training::stacked(&p.lines, &scores)
                .iter()
                .map(|x| x.to_vec())
                .collect(),
        };
        for (x, r) in rows.iter().zip(&p.row) {
            if let Some(r) = *r {
                stacked.x[r * n2..(r + 1) * n2].copy_from_slice(x);
            }
        }
    }
    let mut trainer2 = Trainer::new(&stacked, o.stack_depth, o.rate, o.min_hess);
    trainer2.oblivious = o.oblivious;
    trainer2.fit(all, o.stack_trees, "second stage:")
}

/// Writes the two stages to `o.out` after the header `src`.
fn write_file(
    o: &Options,
    mut src: String,
    first: &Ensemble,
    second: &Ensemble,
) -> Result<(), Box<dyn Error>> {
    let (name1, name2) = if o.fast {
        ("FAST_FIRST", "FAST_SECOND")
    } else {
        ("MODEL", "STACKED")
    };
    writeln!(src, "\nuse super::gbdt::{{leaf, split, Model, Node}};\n")?;
    let n1 = write_model(
        &mut src,
        name1,
        "The first stage of the line classifier (the line's own features).",
        first,
    )?;
    let n2 = write_model(
        &mut src,
        name2,
        "The second stage: the first stage's scores around the line, with some of its features.",
        second,
    )?;
    // One newline at the end, as rustfmt leaves it.
    std::fs::write(&o.out, format!("{}\n", src.trim_end()))?;
    eprintln!("wrote {} ({n1} + {n2} nodes)", o.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{curve_options, parse_curve, Data, Options, Sha1, Trainer};

    /// What `--curve` rests on: an ensemble's first `k` trees score every row as the
    /// ensemble fitted with `k` trees does.
    #[test]
    fn a_prefix_is_the_smaller_fit() {
        let n = 400;
        let nf = 3;
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..n {
            let (a, b, c) = ((i * 37 % 101) as f32, (i * 11 % 7) as f32, (i % 13) as f32);
            x.extend([a, b, c]);
            y.push(if a + 10.0 * b > 60.0 + c { 1.0 } else { 0.0 });
        }
        let data = Data {
            nf,
            x,
            y,
            w: vec![1.0; n],
        };
        let trainer = Trainer::new(&data, 3, 0.3, 1.0);
        let rows: Vec<u32> = (0..n as u32).collect();
        let big = trainer.fit(&rows, 12, "big");
        let small = trainer.fit(&rows, 5, "small");
        let cut = big.prefix(5);
        assert_eq!(cut.trees.len(), 5);
        for r in 0..n {
            assert_eq!(cut.score(data.row(r)), small.score(data.row(r)));
        }
        assert!((0..n).any(|r| big.score(data.row(r)) != small.score(data.row(r))));
    }

    #[test]
    fn curve_pairs_name_their_files_and_commands() {
        assert_eq!(
            parse_curve("250:100,30:10").unwrap(),
            [(250, 100), (30, 10)]
        );
        assert!(parse_curve("250").is_err());
        let o = Options {
            shared: "../shared".into(),
            out: "/tmp/m.rs".into(),
            corpora: vec!["dev".into()],
            variants: vec!["htmltext".into()],
            split: "tune".into(),
            trees: 250,
            depth: 6,
            rate: 0.2,
            min_hess: 1.0,
            page_types: None,
            article_weight: 5.0,
            stack_trees: 100,
            stack_depth: 5,
            min_extractive: 0.5,
            fast: false,
            oblivious: false,
            verify: false,
            curve: vec![(250, 100), (30, 10)],
            args: [
                "--split",
                "tune",
                "--curve",
                "250:100,30:10",
                "--out",
                "/tmp/m.rs",
                "--rate",
                "0.2",
            ]
            .map(String::from)
            .to_vec(),
        };
        let p = curve_options(&o, (30, 10));
        assert_eq!(p.out, std::path::PathBuf::from("/tmp/m.30-10.rs"));
        assert_eq!((p.trees, p.stack_trees), (30, 10));
        assert_eq!(
            p.args.join(" "),
            "--split tune --rate 0.2 --trees 30 --stack-trees 10"
        );
    }

    fn hex(bytes: &[u8]) -> String {
        let mut h = Sha1::new();
        h.update(bytes);
        h.digest().iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha1_matches_the_standard_vectors() {
        assert_eq!(hex(b""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        // 56 bytes: the padding needs a second block.
        assert_eq!(
            hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
    }

    #[test]
    fn sha1_is_the_same_in_pieces() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut h = Sha1::new();
        for piece in data.chunks(37) {
            h.update(piece);
        }
        let pieces: String = h.digest().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(pieces, hex(&data));
    }
}
