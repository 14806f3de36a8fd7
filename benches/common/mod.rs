//! Synthetic inputs for the benches and the `memory` example: pages built from our own
//! word lists and `examples/sample.txt` (never corpus text), plus adversarial shapes.
//! Deterministic (a fixed-seed xorshift), so every run measures the same bytes.
#![allow(dead_code)]

/// The repo's own seed-shaped page.
pub const SAMPLE: &str = include_str!("../../examples/sample.txt");

const EN: &[&str] = &[
    "the",
    "council",
    "voted",
    "on",
    "tuesday",
    "to",
    "rebuild",
    "harbour",
    "wall",
    "after",
    "two",
    "storms",
    "left",
    "long",
    "sections",
    "cracked",
    "and",
    "leaning",
    "toward",
    "water",
    "work",
    "is",
    "expected",
    "begin",
    "in",
    "april",
    "take",
    "about",
    "eighteen",
    "months",
    "said",
    "it",
    "would",
    "pay",
    "for",
    "most",
    "of",
    "project",
    "with",
    "a",
    "regional",
    "flood",
    "grant",
    "rest",
    "coming",
    "from",
    "small",
    "rise",
    "mooring",
    "fees",
    "residents",
    "market",
    "town",
    "river",
    "bridge",
    "school",
    "budget",
    "plan",
    "year",
    "new",
    "old",
    "officials",
    "meeting",
    "public",
    "report",
    "week",
    "night",
    "morning",
    "local",
    "road",
];
const RU: &[&str] = &[
    "город",
    "совет",
    "проголосовал",
    "во",
    "вторник",
    "за",
    "ремонт",
    "старой",
    "стены",
    "после",
    "двух",
    "штормов",
    "работы",
    "начнутся",
    "в",
    "апреле",
    "и",
    "займут",
    "около",
    "года",
    "жители",
    "рынок",
    "мост",
    "школа",
    "бюджет",
    "план",
    "новый",
    "отчёт",
    "неделя",
];
const CJK: &[&str] = &[
    "市议会",
    "星期二",
    "投票",
    "决定",
    "重建",
    "港口",
    "的",
    "旧",
    "海堤",
    "两场",
    "风暴",
    "之后",
    "工程",
    "预计",
    "四月",
    "开始",
    "大约",
    "需要",
    "十八个月",
    "居民",
    "市场",
    "東京都",
    "の",
    "人口",
    "は",
    "増えて",
    "います",
    "新しい",
    "橋",
    "学校",
    "予算",
];

/// A tiny deterministic PRNG (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator with a fixed seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    /// The next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Which script the paragraphs are written in.
#[derive(Clone, Copy)]
pub enum Lang {
    /// English words, with the sample page's boilerplate around them.
    En,
    /// Russian (Cyrillic) words.
    Ru,
    /// Chinese and Japanese, without spaces between words.
    Cjk,
}

fn sentence(rng: &mut Rng, lang: Lang, out: &mut String) {
    let n = 8 + rng.below(20);
    for k in 0..n {
        let w = match lang {
            Lang::En => EN[rng.below(EN.len())],
            Lang::Ru => RU[rng.below(RU.len())],
            Lang::Cjk => CJK[rng.below(CJK.len())],
        };
        if !matches!(lang, Lang::Cjk) && k > 0 {
            out.push(' ');
        }
        if k == 0 {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(w);
        }
    }
    out.push_str(if matches!(lang, Lang::Cjk) {
        "。"
    } else {
        ". "
    });
}

fn paragraph(rng: &mut Rng, lang: Lang, out: &mut String) {
    for _ in 0..2 + rng.below(4) {
        sentence(rng, lang, out);
    }
    let t = out.trim_end().len();
    out.truncate(t);
    out.push_str("\n\n");
}

/// One page of about `target` bytes: menus, title, byline, image lines, article
/// paragraphs with adverts in between, then share/related/footer blocks and the sample
/// page's boilerplate.
pub fn page(rng: &mut Rng, lang: Lang, target: usize) -> String {
    let mut s = String::with_capacity(target + 4096);
    let n = rng.next() % 100_000;
    s.push_str(&format!(
        "Harbour story number {n} | The Coastal Courier\n\nMenu\nSearch\nLog In\nHome\nNews\nSport\nBusiness\nSkip to content\n\n"
    ));
    s.push_str(&format!(
        "Harbour story number {n}\nBy Jane Doe\n5 min read\n"
    ));
    s.push_str(&format!(
        "https://cdn.example.net/images/courier/story-{n}.jpg\nA crane lifts a block onto the wall\n(Photo: Mara Quinn/Getty Images)\n\n"
    ));
    let tail = SAMPLE.len() + 400;
    let mut k = 0;
    while s.len() + tail < target || k == 0 {
        paragraph(rng, lang, &mut s);
        k += 1;
        if k % 5 == 0 {
            s.push_str("Advertisement\n\n");
        }
    }
    s.push_str("Share this article\nFacebook Twitter Email\nRelated Articles\n");
    for _ in 0..3 {
        sentence(rng, Lang::En, &mut s);
        s.push('\n');
    }
    s.push_str("© 2024 Coastal Courier Media. All rights reserved.\n\n");
    s.push_str(SAMPLE);
    s
}

/// Pages concatenated into one document of at least `size` bytes.
pub fn document(seed: u64, lang: Lang, size: usize, page_size: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::with_capacity(size + page_size * 2);
    while s.len() < size {
        s.push_str(&page(&mut rng, lang, page_size.min(size.max(1024))));
        s.push('\n');
    }
    s
}

/// One line of `size` bytes: words without a single line break.
pub fn one_line(size: usize) -> String {
    let mut rng = Rng::new(7);
    let mut s = String::with_capacity(size + 64);
    while s.len() < size {
        sentence(&mut rng, Lang::En, &mut s);
    }
    s
}

/// A first line of `first` bytes of prose (the title candidate), then `rest` bytes of
/// short lines: every later line is compared with the first.
pub fn huge_first_line(first: usize, rest: usize) -> String {
    let mut s = one_line(first);
    s.push('\n');
    let mut rng = Rng::new(13);
    while s.len() < first + rest {
        sentence(&mut rng, Lang::En, &mut s);
        s.push('\n');
    }
    s
}

/// `n` tiny lines (1–4 bytes each, varied).
pub fn tiny_lines(n: usize) -> String {
    let mut rng = Rng::new(11);
    let mut s = String::with_capacity(n * 4);
    for _ in 0..n {
        for _ in 0..1 + rng.below(3) {
            s.push((b'a' + rng.below(26) as u8) as char);
        }
        s.push('\n');
    }
    s
}

/// The same line `n` times.
pub fn repeats(n: usize) -> String {
    "Sign up for our free newsletters and get the best of the Courier every morning.\n".repeat(n)
}

/// About `size` bytes of bare URLs, one per line.
pub fn urls(size: usize) -> String {
    let mut rng = Rng::new(13);
    let mut s = String::with_capacity(size + 128);
    while s.len() < size {
        let n = rng.next() % 1_000_000;
        match rng.below(3) {
            0 => s.push_str(&format!("https://cdn.example.net/images/story-{n}.jpg\n")),
            1 => s.push_str(&format!(
                "https://www.example.org/news/{n}/harbour-wall-vote\n"
            )),
            _ => s.push_str(&format!("www.example.com/p/{n}?ref=home&utm_source=feed\n")),
        }
    }
    s
}

/// Lines of `run` bytes without any whitespace (base64-like data), about `size` bytes.
pub fn no_whitespace(size: usize, run: usize) -> String {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rng = Rng::new(17);
    let mut s = String::with_capacity(size + run);
    while s.len() < size {
        for _ in 0..run {
            s.push(ALPHA[rng.below(ALPHA.len())] as char);
        }
        s.push('\n');
    }
    s
}

/// The dev corpus's raw `htmltext` pages, when `../shared/corpus/dev` exists.
pub fn dev_corpus() -> Option<Vec<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".htmltext.txt"))
        .collect();
    names.sort();
    let pages: Vec<String> = names
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    (!pages.is_empty()).then_some(pages)
}

/// The crafted shapes of issue 24, each about `size` bytes, by name (see
/// `benches/adversarial.rs`); `None` for an unknown name. Each has a benign control of
/// about the same size (`crafted_control`), and the generated page mix is the common one
/// (`page_mix`).
pub fn crafted(name: &str, size: usize) -> Option<String> {
    shape(name, size, false)
}

/// The benign control of crafted shape `name`, about `size` bytes: the same bytes (or the
/// same lines) in a shape that does not take the costly path, as the issue's own control of
/// hash flooding has the varying part of each line first.
///
/// - `shared-prefix`: the same lines, the varying five bytes first.
/// - `title-parts`: the same first line without its separators (`p000000 p000001 …`).
/// - `tiny-lines`: the same bytes in lines of 40 words (`a a a … a`).
/// - `triple-lines`, `cjk-repeats`: the same kind of lines, each printed once.
/// - `bios`, `bylines`: the same lines, their words in reverse order (no lead, no name
///   before a date).
/// - `long-first-line`: the same first line broken into lines of about 100 bytes.
pub fn crafted_control(name: &str, size: usize) -> Option<String> {
    shape(name, size, true)
}

/// A shape (`control`: its benign control).
fn shape(name: &str, size: usize, control: bool) -> Option<String> {
    let mut s = String::with_capacity(size + 1024);
    let lines = |s: &mut String, mut line: Box<dyn FnMut(usize) -> String>| {
        let mut i = 0;
        while s.len() < size {
            s.push_str(&line(i));
            s.push('\n');
            i += 1;
        }
    };
    match name {
        // 24-byte lines sharing their first 19 bytes (an unkeyed hash's collisions).
        "shared-prefix" => lines(
            &mut s,
            Box::new(move |i| {
                if control {
                    format!("{}{}", base36(i * 7919), "a".repeat(19))
                } else {
                    format!("{}{}", "a".repeat(19), base36(i * 7919))
                }
            }),
        ),
        // A first line of parts ("p0 | p1 | …"), then as many lines.
        "title-parts" => {
            let n = size / 16;
            let parts: Vec<String> = (0..n).map(|i| format!("p{i:06}")).collect();
            s.push_str(&parts.join(if control { " " } else { " | " }));
            s.push('\n');
            lines(&mut s, Box::new(|i| format!("q{i:06}")));
        }
        // A million tiny lines per 2 MB.
        "tiny-lines" if control => lines(&mut s, Box::new(|_| ["a"; 40].join(" "))),
        "tiny-lines" => lines(&mut s, Box::new(|_| "a".to_owned())),
        // Short lines, each printed three times.
        "triple-lines" => lines(
            &mut s,
            Box::new(move |i| format!("Item {}", if control { i } else { i / 3 })),
        ),
        // Author bios, one after another.
        "bios" => lines(
            &mut s,
            Box::new(move |i| {
                reversed(format!("Jane Doe{i} is a senior reporter at The Coast Herald, where she covers courts and city hall. Follow her on Twitter @jdoe{i}."), control)
            }),
        ),
        // A 5 MB-like first line (a fifth of the size) then short lines.
        "long-first-line" => {
            let first = one_line(size / 5);
            if control {
                // A line break after the first space past every 100 bytes.
                let mut from = 0;
                while let Some(at) = first.get(from + 100..).and_then(|r| r.find(' ')) {
                    s.push_str(&first[from..from + 100 + at]);
                    s.push('\n');
                    from += 100 + at + 1;
                }
                s.push_str(&first[from..]);
            } else {
                s.push_str(&first);
            }
            s.push('\n');
            lines(&mut s, Box::new(|i| format!("w{}", i % 1000)));
        }
        // CJK lines printed twice.
        "cjk-repeats" => lines(
            &mut s,
            Box::new(move |i| {
                let mut l = String::new();
                for k in 0..12 {
                    // The control's lines each printed once (a hash of line and place).
                    let at = if control {
                        ((i * 12 + k) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40
                    } else {
                        (i / 2 * 7 + k) as u64
                    };
                    l.push_str(CJK[at as usize % CJK.len()]);
                }
                l
            }),
        ),
        // Byline- and date-like lines.
        "bylines" => lines(
            &mut s,
            Box::new(move |i| {
                reversed(
                    format!("By Jane Doe{} | March {}, 2024", i, 1 + i % 28),
                    control,
                )
            }),
        ),
        _ => return None,
    }
    Some(s)
}

/// The generated page mix of `size` bytes: the common control of every crafted shape.
pub fn page_mix(size: usize) -> String {
    document(6, Lang::En, size, 20_000)
}

/// `line` with its words in reverse order when `reverse` (a shape's control).
fn reversed(line: String, reverse: bool) -> String {
    if reverse {
        line.split(' ').rev().collect::<Vec<_>>().join(" ")
    } else {
        line
    }
}

/// `n` in base 36, five digits (the last five of larger numbers).
fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut v = [b'0'; 5];
    for d in v.iter_mut().rev() {
        *d = DIGITS[n % 36];
        n /= 36;
    }
    String::from_utf8(v.to_vec()).unwrap()
}
