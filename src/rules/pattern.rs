//! Pattern rules: a regex that must match a whole (trimmed) line. The built-in ones are
//! compiled from the phrase tables in [`crate::phrases`], one regex per rule; custom ones
//! come from [`CleanerBuilder::add_rule`](crate::CleanerBuilder::add_rule).

use std::sync::{Arc, OnceLock};

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{AhoCorasick, Anchored};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{
    Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
    Repetition,
};

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::phrases::{self, Phrases};
use crate::{text, Category, Error};

/// Most bytes a compiled custom pattern may take (see `RegexBuilder::size_limit`).
pub(crate) const SIZE_LIMIT: usize = 1 << 20;

/// Whether a pattern rule removes the lines it matches or protects them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    Remove,
    Keep,
}

/// A rule that removes (or protects) every open line whose trimmed text matches `regex`
/// from start to end.
#[derive(Debug)]
pub(crate) struct PatternRule {
    name: String,
    category: Category,
    description: String,
    regex: Whole,
    /// The same test as `regex`, split by fragment behind literal prefilters (`None` when
    /// no fragment has useful literals).
    prefilter: Option<Prefilter>,
    action: Action,
    /// Lines longer than this (in bytes, trimmed) are never matched: phrase rules target
    /// short lines, and skipping long prose keeps the rule cheap.
    max_len: usize,
    /// The built-in rules' shared literal scan, and this rule's bit in it.
    group: Option<(Arc<Group>, u32)>,
}

impl PatternRule {
    /// Compiles a custom rule; `pattern` must match a whole line (it is anchored here).
    pub fn custom(
        name: &str,
        category: Category,
        pattern: &str,
        action: Action,
    ) -> Result<PatternRule, Error> {
        let invalid = |source| Error::InvalidPattern {
            name: name.to_owned(),
            pattern: pattern.to_owned(),
            source,
        };
        let inner = anchorable(pattern).map_err(invalid)?;
        let regex = compile(&format!("^(?:{inner})$"), SIZE_LIMIT).map_err(invalid)?;
        if pattern.is_empty() || regex.is_match("") {
            return Err(Error::EmptyMatch {
                name: name.to_owned(),
            });
        }
        let verb = match action {
            Action::Remove => "removes",
            Action::Keep => "keeps",
        };
        Ok(PatternRule {
            name: name.to_owned(),
            category,
            description: format!("custom rule: {verb} lines matching `{pattern}`"),
            regex: Whole::compiled(regex),
            prefilter: Prefilter::new(&[&inner], "^(?:", ")$"),
            action,
            max_len: usize::MAX,
            group: None,
        })
    }

    /// A built-in rule from phrase fragments, each of which must match a whole line.
    fn builtin(
        name: &str,
        category: Category,
        description: &str,
        fragments: impl IntoIterator<Item = &'static str>,
        max_len: usize,
    ) -> PatternRule {
        let fragments: Vec<&str> = fragments.into_iter().collect();
        let alternation = fragments.join("|");
        let edge = phrases::EDGE;
        // Compiled on first use: with the shared scan and the per-fragment regexes, the
        // whole alternation is rarely needed (it is the fallback), and compiling every
        // rule's takes most of the start-up time. `tests::builtin_regexes_compile`
        // checks that each one compiles.
        let regex = Whole::lazy(
            format!("^{edge}(?:{alternation}){edge}$"),
            format!("built-in rule {name}"),
        );
        PatternRule {
            name: name.to_owned(),
            category,
            description: description.to_owned(),
            regex,
            prefilter: Prefilter::folded(&fragments, &format!("^{edge}(?:"), &format!("){edge}$")),
            action: Action::Remove,
            max_len,
            group: None,
        }
    }
}

/// A custom pattern validated alone and printed back from its parsed form, ready to be
/// wrapped as a whole-line match: `^(?:` + this + `)$`.
///
/// The user's text is never spliced into the wrapper: `Sponsored)|(.+` would close the
/// wrapper's group and match every line, and `(?x)ad#` would comment out its end. Parsed
/// alone (case-insensitively, as the rule matches) the first is rejected as the error it
/// is, in the user's own words; the parse tree is then printed back by `regex-syntax`
/// (balanced, no comments, case folded into explicit classes) and wrapped in `(?-i:…)`,
/// so that re-reading it case-insensitively (the prefilter does) changes nothing, and an
/// inline `(?-i)` in the pattern keeps its meaning.
fn anchorable(pattern: &str) -> Result<String, regex::Error> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .map_err(|e| regex::Error::Syntax(e.to_string()))?;
    Ok(format!("(?-i:{hir})"))
}

/// A rule's whole regex, compiled now (custom rules) or on first use (built-in ones).
#[derive(Debug)]
pub(crate) struct Whole {
    /// The pattern and what to call it in a panic (built-in patterns are fixed: a
    /// failure is a bug the tests catch, whatever the input).
    source: Option<(String, String)>,
    regex: OnceLock<Regex>,
}

impl Whole {
    pub(crate) fn compiled(regex: Regex) -> Whole {
        Whole {
            source: None,
            regex: OnceLock::from(regex),
        }
    }

    fn lazy(pattern: String, what: String) -> Whole {
        Whole {
            source: Some((pattern, what)),
            regex: OnceLock::new(),
        }
    }

    /// The regex, compiled if needed.
    pub(crate) fn get(&self) -> &Regex {
        self.regex.get_or_init(|| {
            let (pattern, what) = self.source.as_ref().expect("set when not compiled");
            compile(pattern, 64 << 20).unwrap_or_else(|e| panic!("{what}: {e}"))
        })
    }

    #[inline]
    fn is_match(&self, line: &str) -> bool {
        self.get().is_match(line)
    }
}

/// Shortest literal (in bytes) worth a prefilter: shorter ones occur in most lines.
const PREFILTER_MIN_LEN: usize = 2;

/// A rule's regex `^W(?:f1|f2|…)W$` split into one regex per fragment `^W(?:fi)W$`
/// (a line matches the rule exactly when it matches one of them), each run only when the
/// line contains one of its required literals. Fragments without useful literals share
/// one `residual` regex that always runs.
///
/// Soundness: literals come from `regex-syntax`'s prefix extractor, which guarantees that
/// every match of an expression starts with one of the literals of a finite sequence.
/// For a concatenation `c0 c1 … cn`, a match contains a match of `ci … cn`, so the
/// prefixes of any suffix of the concatenation are required; an alternation requires the
/// union of its branches' sets. The extractor expands case-insensitive classes into every
/// case variant (including non-ASCII ones such as `ſ` for `s`); folding the literals to
/// ASCII lower case and matching ASCII case-insensitively only widens the set. The
/// wrapper `W` (optional edge characters) requires nothing.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// Every fragment's literals, ASCII case-insensitive (`None` for built-in rules,
    /// which use `conds` in their shared [`Group`] instead).
    literals: Option<AhoCorasick>,
    /// For each literal (pattern id), the fragments that require it.
    owners: Vec<Vec<u32>>,
    /// One anchored pattern per fragment with literals, compiled on first use (`None`
    /// if it fails to compile: the whole rule's regex is used instead).
    fragments: Vec<(Source, OnceLock<Option<Fragment>>)>,
    /// The fragments without useful literals, in one anchored regex.
    residual: Option<Regex>,
    /// For built-in rules: what each fragment of `fragments` needs of a line (on the
    /// folded text, see [`Fold`]), for the shared [`Group`] scan.
    conds: Vec<Conds>,
}

/// Necessary conditions for a line to match a fragment `^W(?:f)W$` (`W` the edge class),
/// on literals of the fragment with every character folded (see [`Fold`]): the folded
/// line, after some run of edge characters, starts with one of `prefix`; before some run
/// of edge characters it ends with one of `suffix`; it contains one of `inner`. `inner` is
/// only known when `prefix` and `suffix` are missing or short (see [`WEAK_EDGE`]).
///
/// Fragments also have `all`: sets of literals, the prefix literals of each part of the
/// fragment's top-level concatenation, one literal of each set being in every matching
/// (folded) line. The regex runs only when every set is met: a line that starts like a
/// date of one language (`0` then a weekday) but names no month of it is ruled out
/// without its regex.
#[derive(Debug, Default)]
struct Conds {
    prefix: Option<Vec<Vec<u8>>>,
    suffix: Option<Vec<Vec<u8>>>,
    inner: Option<Vec<Vec<u8>>>,
    all: Vec<Vec<Vec<u8>>>,
}

impl Prefilter {
    pub(crate) fn new(fragments: &[&str], open: &str, close: &str) -> Option<Prefilter> {
        let mut parser = regex_syntax::ParserBuilder::new();
        parser.case_insensitive(true);
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        let mut regexes = Vec::new();
        let mut rest = Vec::new();
        for &fragment in fragments {
            let hir = parser.build().parse(fragment).ok()?;
            let Some(lits) = required(&hir).and_then(|s| s.literals().map(<[_]>::to_vec)) else {
                rest.push(fragment);
                continue;
            };
            let id = regexes.len() as u32;
            regexes.push((
                Source::Pattern(format!("{open}{fragment}{close}")),
                OnceLock::new(),
            ));
            for lit in lits {
                let lit = lit.as_bytes().to_ascii_lowercase();
                let k = *index.entry(lit.clone()).or_insert_with(|| {
                    literals.push(lit);
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                if owners[k].last() != Some(&id) {
                    owners[k].push(id);
                }
            }
        }
        if regexes.is_empty() {
            return None;
        }
        let residual = if rest.is_empty() {
            None
        } else {
            Some(compile(&format!("{open}{}{close}", rest.join("|")), 64 << 20).ok()?)
        };
        let literals = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&literals)
            .ok()?;
        Some(Prefilter {
            literals: Some(literals),
            owners,
            fragments: regexes,
            residual,
            conds: Vec::new(),
        })
    }

    /// A prefilter for a built-in rule: each fragment's [`Conds`], from its pattern with
    /// every character folded (see [`Fold`]: case variants collapse into one literal); the
    /// fragments without any go to the residual regex. Only usable in a [`Group`].
    ///
    /// Soundness: `fold` maps characters one to one, so if `m` matches fragment `f`,
    /// `fold(m)` matches `Fold::hir(f)`, and a line `w1 m w2` (`w1`, `w2` edge runs) folds
    /// to `fold(w1) fold(m) fold(w2)`: the prefix, suffix and inner literals of the
    /// folded fragment bound the folded line exactly as the extractor promises.
    fn folded(fragments: &[&'static str], open: &str, close: &str) -> Option<Prefilter> {
        let mut parser = regex_syntax::ParserBuilder::new();
        parser.case_insensitive(true);
        let mut regexes = Vec::new();
        let mut conds = Vec::new();
        let mut rest = Vec::new();
        for &fragment in fragments {
            let c = match Conds::stored(fragment) {
                Some(c) => c,
                None => {
                    let hir = parser.build().parse(fragment).ok()?;
                    Conds::folded(&hir)
                }
            };
            if c.prefix.is_none() && c.suffix.is_none() && c.inner.is_none() {
                rest.push(fragment);
                continue;
            }
            regexes.push((Source::Edged(fragment), OnceLock::new()));
            conds.push(c);
        }
        let residual = if rest.is_empty() {
            None
        } else {
            Some(compile(&format!("{open}{}{close}", rest.join("|")), 64 << 20).ok()?)
        };
        Some(Prefilter {
            literals: None,
            owners: Vec::new(),
            fragments: regexes,
            residual,
            conds,
        })
    }

    /// Whether `line` matches the rule's regex (`whole`).
    pub(crate) fn is_match(&self, line: &str, whole: &Whole) -> bool {
        self.residual_match(line) || self.fragments_match(line, whole)
    }

    /// Whether `line` matches the fragments without literals.
    fn residual_match(&self, line: &str) -> bool {
        self.residual.as_ref().is_some_and(|r| r.is_match(line))
    }

    /// Whether `line` matches fragment `f` (one with literals).
    fn fragment_match(&self, f: usize, line: &str, whole: &Whole) -> bool {
        let Some((pattern, regex)) = self.fragments.get(f) else {
            return whole.is_match(line);
        };
        let regex = regex.get_or_init(|| Fragment::new(pattern, 64 << 20));
        match regex.as_ref().and_then(|r| r.is_match(line)) {
            Some(hit) => hit,
            None => whole.is_match(line),
        }
    }

    /// Whether `line` matches one of the fragments with literals.
    fn fragments_match(&self, line: &str, whole: &Whole) -> bool {
        let Some(literals) = &self.literals else {
            return whole.is_match(line);
        };
        // Fragments already tried on this line (rules have few fragments).
        let mut tried = [0u64; 4];
        for m in literals.find_overlapping_iter(line) {
            for &f in &self.owners[m.pattern().as_usize()] {
                let f = f as usize;
                if f < 256 {
                    if tried[f / 64] & (1 << (f % 64)) != 0 {
                        continue;
                    }
                    tried[f / 64] |= 1 << (f % 64);
                }
                let (pattern, regex) = &self.fragments[f];
                let regex = regex.get_or_init(|| Fragment::new(pattern, 64 << 20));
                let hit = match regex.as_ref().and_then(|r| r.is_match(line)) {
                    Some(hit) => hit,
                    None => whole.is_match(line),
                };
                if hit {
                    return true;
                }
            }
        }
        false
    }
}

/// A finite set of literals, each at least [`PREFILTER_MIN_LEN`] bytes, one of which every
/// match of `hir` contains; `None` when there is none.
fn required(hir: &Hir) -> Option<Seq> {
    required_min(hir, PREFILTER_MIN_LEN)
}

/// [`required`] with literals of at least `min` bytes.
fn required_min(hir: &Hir, min: usize) -> Option<Seq> {
    let useful = |seq: &Seq| seq.min_literal_len().is_some_and(|n| n >= min);
    match hir.kind() {
        HirKind::Capture(c) => required_min(&c.sub, min),
        HirKind::Alternation(alts) => {
            let mut all = Seq::empty();
            for alt in alts {
                all.union(&mut required_min(alt, min)?);
            }
            Some(all)
        }
        HirKind::Concat(parts) => {
            let mut best: Option<Seq> = None;
            for i in 0..parts.len() {
                let seq = prefixes(&Hir::concat(parts[i..].to_vec()));
                if useful(&seq) && better(&seq, best.as_ref()) {
                    best = Some(seq);
                }
            }
            // Failing that, what one part requires: a match of the concatenation
            // contains a match of each part.
            if best.is_none() {
                for part in parts {
                    if let Some(seq) = required_min(part, min) {
                        if better(&seq, best.as_ref()) {
                            best = Some(seq);
                        }
                    }
                }
            }
            best
        }
        // A match of `r{m,n}` with `m >= 1` contains a match of `r`.
        HirKind::Repetition(r) if r.min >= 1 => Some(prefixes(hir))
            .filter(useful)
            .or_else(|| required_min(&r.sub, min)),
        _ => Some(prefixes(hir)).filter(useful),
    }
}

/// Edge literals shorter than this (in bytes, the shortest of the better side) are
/// backed by inner literals.
const WEAK_EDGE: usize = 4;

/// A built-in fragment's [`Conds`] as the generated table `phrases/conds.rs` holds them:
/// the fragment, its prefix, suffix and inner literals, and its `all` sets, each list of
/// literals (all of them UTF-8) in one string, separated by [`STORED_SEP`].
pub(crate) type StoredConds = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

/// The separator of the literals in a [`StoredConds`] list (in no phrase).
const STORED_SEP: char = '¦';

impl Conds {
    /// The conditions of fragment `hir` (parsed case-insensitively), from its folded form.
    fn folded(hir: &Hir) -> Conds {
        FOLD.hir(hir).map(|h| Conds::of(&h)).unwrap_or_default()
    }

    /// The conditions of built-in fragment `fragment` from the generated table (`None` if
    /// it is not there: a fragment added since the table was made, whose conditions are
    /// then computed at start-up). Computing them for every built-in fragment (parsing,
    /// folding and extracting literals) was most of the start-up time; the table is
    /// made by the same code (see the test `conds_table_is_current`).
    fn stored(fragment: &str) -> Option<Conds> {
        static INDEX: std::sync::LazyLock<std::collections::HashMap<&str, &StoredConds>> =
            std::sync::LazyLock::new(|| phrases::conds::CONDS.iter().map(|c| (c.0, c)).collect());
        let &&(_, prefix, suffix, inner, all) = INDEX.get(fragment)?;
        let own = |lits: &str| {
            lits.split(STORED_SEP)
                .map(|l| l.as_bytes().to_vec())
                .collect::<Vec<_>>()
        };
        Some(Conds {
            prefix: prefix.map(own),
            suffix: suffix.map(own),
            inner: inner.map(own),
            all: all.iter().map(|set| own(set)).collect(),
        })
    }

    /// The conditions of a folded fragment.
    fn of(hir: &Hir) -> Conds {
        let anchored = |kind| {
            let seq = Extractor::new().kind(kind).limit_total(500).extract(hir);
            let lits = seq.literals()?;
            (!lits.is_empty() && lits.iter().all(|l| !l.as_bytes().is_empty())).then(|| {
                lits.iter()
                    .map(|l| l.as_bytes().to_vec())
                    .collect::<Vec<_>>()
            })
        };
        let prefix = anchored(ExtractKind::Prefix);
        let suffix = anchored(ExtractKind::Suffix);
        let inner = |min| {
            required_min(hir, min).and_then(|s| {
                s.literals()
                    .map(|l| l.iter().map(|l| l.as_bytes().to_vec()).collect::<Vec<_>>())
            })
        };
        // Inner literals as well when the edge literals are short (a digit, "ad"): many
        // lines start or end like that. One-byte inner literals rather than none at all.
        let edge_min =
            |lits: &Option<Vec<Vec<u8>>>| lits.as_ref().map(|l| l.iter().map(Vec::len).min());
        let shortest = match (edge_min(&prefix), edge_min(&suffix)) {
            (None, None) => None,
            (a, b) => Some(a.flatten().unwrap_or(0).max(b.flatten().unwrap_or(0))),
        };
        let inner = match shortest {
            Some(n) if n >= WEAK_EDGE => None,
            Some(_) => inner(WEAK_EDGE - 1),
            None => inner(PREFILTER_MIN_LEN).or_else(|| inner(1)),
        };
        // The first part's literals start the prefix literals (already checked).
        let all = required_sets(hir, inner.as_ref(), prefix.is_some());
        Conds {
            prefix,
            suffix,
            inner,
            all,
        }
    }
}

/// Sets of literals each of which has a member in every match of `hir` (see
/// [`Conds::all`]): the finite prefix literals of each part of its top-level
/// concatenation (a match of the concatenation contains a match of each part, which
/// starts with one of the part's literals), each without the literals that hold another
/// of the set. Sets equal to `inner` (already checked), the
/// first part's when `skip_first` (the caller checks it otherwise), and sets with a lone
/// space (in almost every line) are left out.
fn required_sets(hir: &Hir, inner: Option<&Vec<Vec<u8>>>, skip_first: bool) -> Vec<Vec<Vec<u8>>> {
    let HirKind::Concat(parts) = hir.kind() else {
        return Vec::new();
    };
    let mut sets: Vec<Vec<Vec<u8>>> = Vec::new();
    for part in &parts[usize::from(skip_first).min(parts.len())..] {
        let seq = prefixes(part);
        let Some(lits) = seq.literals() else { continue };
        let mut set: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
        set.sort();
        set.dedup();
        // A line that holds `janvier` holds `janv`: only the literals that hold no
        // other are needed (`janv(?:ier)?` is one literal).
        let all = set.clone();
        set.retain(|l| !all.iter().any(|k| k != l && contains(l, k)));
        if set.is_empty()
            || set.len() > 16
            || set.iter().any(|l| l.is_empty() || l == b" ")
            || inner.is_some_and(|i| i.len() == set.len() && set.iter().all(|l| i.contains(l)))
            || sets.contains(&set)
        {
            continue;
        }
        sets.push(set);
    }
    sets
}

/// The character the prefilter of built-in rules reads in place of `c`: `0` for every
/// decimal digit (`\d`), a space for every white space character (`\s`), the lower
/// case of the upper case of a letter (where each is one character), else `c` itself.
/// Any fixed map would be sound (lines and literals are mapped alike); this one merges
/// case variants, digits and spaces, so classes such as `\d` and `\s` become one
/// character.
#[derive(Debug)]
struct Fold {
    ascii: [u8; 128],
    /// Sorted ranges of the non-ASCII digits and white space, and what they map to.
    ranges: Vec<(char, char, char)>,
    digit: ClassUnicode,
    space: ClassUnicode,
    /// [`Fold::slow`] of every character from U+0080 to [`FOLD_TABLE_END`].
    table: Vec<char>,
}

/// End of [`Fold::table`] (exclusive): Latin, Greek, Cyrillic, Arabic, Indic scripts….
const FOLD_TABLE_END: u32 = 0x3000;

/// Kana, CJK ideographs and Hangul syllables: no case, no digits, no spaces (folded to
/// themselves; a unit test checks it).
fn caseless(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')
}

/// The only character `chars` yields, if it yields exactly one.
fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The one [`Fold`].
static FOLD: std::sync::LazyLock<Fold> = std::sync::LazyLock::new(Fold::new);

impl Fold {
    fn new() -> Fold {
        let class = |pattern: &str| {
            let hir = regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(pattern);
            match hir.as_ref().map(Hir::kind) {
                Ok(HirKind::Class(Class::Unicode(c))) => c.clone(),
                _ => ClassUnicode::empty(),
            }
        };
        let (digit, space) = (class(r"\d"), class(r"\s"));
        let mut ascii: [u8; 128] = std::array::from_fn(|b| (b as u8).to_ascii_lowercase());
        let mut ranges = Vec::new();
        for (class, to) in [(&digit, '0'), (&space, ' ')] {
            for r in class.ranges() {
                for c in r.start()..=r.end().min('\x7f') {
                    ascii[c as usize] = to as u8;
                }
                if r.end() >= '\u{80}' {
                    ranges.push((r.start().max('\u{80}'), r.end(), to));
                }
            }
        }
        ranges.sort_unstable();
        let mut fold = Fold {
            ascii,
            ranges,
            digit,
            space,
            table: Vec::new(),
        };
        fold.table = (0x80..FOLD_TABLE_END)
            .map(|u| char::from_u32(u).map_or('\0', |c| fold.slow(c)))
            .collect();
        fold
    }

    #[inline]
    fn byte(&self, b: u8) -> u8 {
        self.ascii.get(usize::from(b)).copied().unwrap_or(b)
    }

    /// [`Fold::byte`] of an ASCII byte (any other byte reads as its low seven bits).
    #[inline]
    fn ascii_byte(&self, b: u8) -> u8 {
        self.ascii[usize::from(b & 0x7f)]
    }

    #[inline]
    fn char(&self, c: char) -> char {
        if let Some(&f) = self.ascii.get(c as usize) {
            return char::from(f);
        }
        if let Some(&f) = self.table.get((c as usize).wrapping_sub(0x80)) {
            return f;
        }
        if caseless(c) {
            return c;
        }
        self.slow(c)
    }

    /// [`Fold::char`] without the tables.
    fn slow(&self, c: char) -> char {
        if let Some(&f) = self.ascii.get(c as usize) {
            return char::from(f);
        }
        let k = self.ranges.partition_point(|&(_, end, _)| end < c);
        if let Some(&(start, _, to)) = self.ranges.get(k) {
            if start <= c {
                return to;
            }
        }
        // Through the upper case first, so that `ſ` and `s`, or `ς` and `σ`, meet.
        single(c.to_uppercase()).map_or(c, |u| single(u.to_lowercase()).unwrap_or(u))
    }

    /// The folded `line`, in `out`.
    fn line(&self, line: &str, out: &mut Vec<u8>) {
        out.clear();
        if line.is_ascii() {
            out.extend(line.bytes().map(|b| self.ascii[usize::from(b & 0x7f)]));
            return;
        }
        // A copy of the line, its ASCII bytes folded and each other character patched
        // in place while its folded form takes as many bytes (most fold to themselves,
        // or to a case variant of the same length); from the first that does not,
        // rebuilt.
        let bytes = line.as_bytes();
        out.extend_from_slice(bytes);
        let to = &mut out[..];
        let mut k = 0;
        while let (Some(&b), true) = (bytes.get(k), k < to.len()) {
            if let Some(&f) = self.ascii.get(usize::from(b)) {
                to[k] = f;
                k += 1;
                continue;
            }
            // A character starts here: the one before it ended where an ASCII byte or a
            // whole character did.
            let Some(c) = line.get(k..).and_then(|t| t.chars().next()) else {
                break;
            };
            let (at, f) = (k, self.char(c));
            k += c.len_utf8();
            if f == c {
                continue;
            }
            match to.get_mut(at..k) {
                Some(to) if f.len_utf8() == to.len() => {
                    f.encode_utf8(to);
                }
                _ => {
                    out.truncate(at);
                    self.rest(&line[at..], out);
                    return;
                }
            }
        }
    }

    /// Pushes the folded `text` to `out`, character by character.
    fn rest(&self, text: &str, out: &mut Vec<u8>) {
        let mut buf = [0u8; 4];
        for c in text.chars() {
            match self.ascii.get(c as usize) {
                Some(&f) => out.push(f),
                None => out.extend_from_slice(self.char(c).encode_utf8(&mut buf).as_bytes()),
            }
        }
    }

    /// `hir` with every character mapped by [`Fold::char`] (what remains of a class
    /// beyond its digits and spaces becomes "any character" when it has more than a few
    /// hundred characters), so that for every match `m` of `hir`, `fold(m)` matches the
    /// result. `None` for a literal that is not UTF-8.
    fn hir(&self, hir: &Hir) -> Option<Hir> {
        Some(match hir.kind() {
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(lit) => {
                let text = std::str::from_utf8(&lit.0).ok()?;
                Hir::literal(
                    text.chars()
                        .map(|c| self.char(c))
                        .collect::<String>()
                        .into_bytes(),
                )
            }
            HirKind::Class(Class::Unicode(class)) => {
                // The folded ranges are collected first and made canonical once
                // (`ClassUnicode::push` sorts and merges the whole class at every push).
                let mut out = Vec::new();
                let mut rest = class.clone();
                for (set, to) in [(&self.digit, '0'), (&self.space, ' ')] {
                    let mut common = class.clone();
                    common.intersect(set);
                    if !common.ranges().is_empty() {
                        out.push(ClassUnicodeRange::new(to, to));
                        rest.difference(set);
                    }
                }
                let size: u64 = rest
                    .ranges()
                    .iter()
                    .map(|r| u64::from(r.end()) - u64::from(r.start()) + 1)
                    .sum();
                if size > 512 {
                    out.push(ClassUnicodeRange::new('\0', char::MAX));
                } else {
                    for r in rest.ranges() {
                        for c in r.start()..=r.end() {
                            let f = self.char(c);
                            out.push(ClassUnicodeRange::new(f, f));
                        }
                    }
                }
                Hir::class(Class::Unicode(ClassUnicode::new(out)))
            }
            HirKind::Class(Class::Bytes(class)) => {
                let mut out = Vec::new();
                if class.ranges().iter().all(|r| r.end().is_ascii()) {
                    for r in class.ranges() {
                        for b in r.start()..=r.end() {
                            let f = self.byte(b);
                            out.push(ClassBytesRange::new(f, f));
                        }
                    }
                } else {
                    out.push(ClassBytesRange::new(0, 255));
                }
                Hir::class(Class::Bytes(ClassBytes::new(out)))
            }
            HirKind::Look(look) => Hir::look(*look),
            HirKind::Repetition(r) => Hir::repetition(Repetition {
                min: r.min,
                max: r.max,
                greedy: r.greedy,
                sub: Box::new(self.hir(&r.sub)?),
            }),
            HirKind::Capture(c) => self.hir(&c.sub)?,
            HirKind::Concat(parts) => {
                Hir::concat(parts.iter().map(|h| self.hir(h)).collect::<Option<_>>()?)
            }
            HirKind::Alternation(alts) => {
                Hir::alternation(alts.iter().map(|h| self.hir(h)).collect::<Option<_>>()?)
            }
        })
    }
}

fn prefixes(hir: &Hir) -> Seq {
    Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_total(500)
        .extract(hir)
}

/// Longer shortest literal first, then fewer literals.
fn better(seq: &Seq, than: Option<&Seq>) -> bool {
    let Some(than) = than else { return true };
    let key = |s: &Seq| {
        (
            s.min_literal_len().unwrap_or(0).min(8),
            usize::MAX - s.len().unwrap_or(usize::MAX),
        )
    };
    key(seq) > key(than)
}

/// One fragment's anchored regex, matched exactly like the `regex` crate's [`Regex`] built
/// by [`compile`] (same syntax and match settings), but a fragment with a long counted
/// repetition (`.{0,300}…`, see [`LONG_COUNT`]) goes without the lazy DFA: on a line it
/// has not seen, the lazy DFA builds about one state per byte there (each a set of many
/// NFA states), 5–10× slower than the bounded backtracker or the PikeVM, which give the
/// same answers (over the dev corpus, 30–70 µs against 4–13 µs a line for the longest
/// ones). Other fragments keep the lazy DFA, whose states they reuse.
///
/// The pattern is parsed once, and compiled on first use in two forms: one for ASCII
/// lines (most lines), from the pattern with every class cut down to its ASCII members
/// (see [`ascii_only`]: a small automaton, cheap to build, where the Unicode edge
/// classes and each `.` of a counted repetition would otherwise compile to UTF-8
/// automata), and the whole pattern for the other lines.
///
/// A fragment with a long counted repetition also has an open form (see [`open_counts`]):
/// the same pattern with those repetitions unbounded (`.{0,300}` read as `.*`), which
/// matches exactly the same lines of at most [`Open::limit`] characters
/// (most lines) and keeps the lazy DFA, whose few states every line reuses.
#[derive(Debug)]
struct Fragment {
    hir: Hir,
    /// For a built-in fragment `f`, the most characters a match of `f` spans (`None`
    /// when unbounded): a line whose text between its edge runs is longer cannot match
    /// (see [`core_chars`]), and is answered without the regex.
    max_chars: Option<usize>,
    size_limit: usize,
    ascii: OnceLock<Option<regex_automata::meta::Regex>>,
    unicode: OnceLock<Option<regex_automata::meta::Regex>>,
    /// The open forms for ASCII lines (from the ASCII form, whose parts that need other
    /// characters never match) and for the others (`None` when the form has no long
    /// counted repetition).
    open_ascii: Vec<Open>,
    open_unicode: Vec<Open>,
    /// For a fragment with a Unicode word boundary (`\b`): the pattern without its word
    /// boundaries and with its long counted repetitions unbounded, a necessary condition
    /// for non-ASCII lines (leaving out an assertion or a bound only adds matches). The
    /// lazy DFA gives up on a Unicode word boundary in non-ASCII text, and the engines
    /// that take over (the PikeVM, the bounded backtracker) cost tens to hundreds of times
    /// more a byte; this form keeps the lazy DFA and rules most such lines out.
    relaxed: Option<(Hir, OnceLock<Option<regex_automata::meta::Regex>>)>,
}

/// A [`Fragment`]'s open form (see [`open_counts`]), compiled on first use.
#[derive(Debug)]
struct Open {
    /// The most bytes (or characters, see [`Open::answers`]) a line may have for this
    /// form to answer for it.
    limit: usize,
    hir: Hir,
    /// Whether `hir` is the open form's core (see [`any_text_ends`]), which answers only
    /// for lines without a line feed.
    core: bool,
    regex: OnceLock<Option<regex_automata::meta::Regex>>,
}

impl Open {
    /// The open forms of `hir` (none if it has no long counted repetition), for ASCII
    /// lines only when `ascii` (`hir` is then the ASCII form): first the open form, which
    /// answers for the shortest lines; then, for the longer lines, the forms that leave
    /// bounded the repetitions those lines could exceed (each answers for lines up to
    /// its own limit, above the one before).
    fn ladder(hir: &Hir, ascii: bool) -> Vec<Open> {
        let mut forms: Vec<Open> = Vec::new();
        // Lines longer than this are longer than any rule looks at.
        while forms.len() < 8 {
            let floor = forms.last().map_or(0, |o| o.limit.saturating_add(1));
            if floor > LADDER_END {
                break;
            }
            let mut limit = usize::MAX;
            let open = open_counts_from(hir, 0, floor, &mut limit);
            if limit == usize::MAX {
                break;
            }
            let core = any_text_ends(&open, ascii);
            forms.push(Open {
                limit,
                core: core.is_some(),
                hir: core.unwrap_or(open),
                regex: OnceLock::new(),
            });
        }
        forms
    }

    /// Whether `line` matches this form (compiled on first use, for ASCII lines when
    /// `ascii`); `None` if it does not compile.
    fn is_match(&self, line: &str, ascii: bool, size_limit: usize) -> Option<bool> {
        let regex = self.regex.get_or_init(|| {
            // The ASCII forms are made from the ASCII form already.
            let hir = match ascii {
                true => self.hir.clone(),
                false => any_char_bytes(&self.hir),
            };
            Fragment::build(&hir, size_limit)
        });
        regex.as_ref().map(|r| r.is_match(line))
    }

    /// Whether this form answers for `line`: at most `limit` bytes, or characters when
    /// every match of `whole` (the fragment's pattern) is UTF-8 (and no line feed when
    /// the form is a core).
    fn answers(&self, line: &str, whole: &Hir) -> bool {
        (line.len() <= self.limit
            || whole.properties().is_utf8() && line.chars().count() <= self.limit)
            && !(self.core && memchr::memchr(b'\n', line.as_bytes()).is_some())
    }
}

/// Lines up to this many bytes get open forms beyond the first (see [`Open::ladder`]):
/// longer than the longest line a built-in rule looks at.
const LADDER_END: usize = 1000;

/// For a pattern `\A H R T \z` whose head `H` or tail `T` is a run of repetitions that
/// match the empty string, one of them "any character but a line feed" repeated without
/// bound (`.*`, as the open form reads `.{0,300}`): the pattern `R T \z`, `\A H R` or
/// `R` without them (`None` if neither end is such a run). `H` and `T` then match every
/// text without a line feed, so on such a line the pattern matches exactly when the
/// result matches somewhere; on any line, a match of the pattern is one of the result.
/// The result is cheaper to look for: a search stops at its first match instead of
/// running to the end of the line (with a Unicode `\b` in a non-ASCII line, in the
/// PikeVM, through every state of the `.*` and the edge class at each byte), and a
/// search for `R` can start from its literals. `ascii`: the lines are ASCII (`.` need
/// only cover the ASCII characters).
fn any_text_ends(hir: &Hir, ascii: bool) -> Option<Hir> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let empty = |h: &Hir| matches!(h.kind(), HirKind::Repetition(r) if r.min == 0);
    let any = |h: &Hir| match h.kind() {
        HirKind::Repetition(r) if r.min == 0 && r.max.is_none() => any_but_lf(&r.sub, ascii),
        _ => false,
    };
    let mut from = 0;
    if matches!(
        parts.first().map(Hir::kind),
        Some(HirKind::Look(Look::Start))
    ) {
        let run = parts[1..].iter().take_while(|h| empty(h)).count();
        if parts[1..=run].iter().any(any) {
            from = 1 + run;
        }
    }
    let mut to = parts.len();
    if from < to && matches!(parts.last().map(Hir::kind), Some(HirKind::Look(Look::End))) {
        let run = parts[from..to - 1]
            .iter()
            .rev()
            .take_while(|h| empty(h))
            .count();
        if parts[to - 1 - run..to - 1].iter().any(any) {
            to -= 1 + run;
        }
    }
    (from > 0 || to < parts.len()).then(|| Hir::concat(parts[from..to].to_vec()))
}

/// Whether the class `hir` holds every character but the line feed (every ASCII one
/// when `ascii`).
fn any_but_lf(hir: &Hir, ascii: bool) -> bool {
    let last = if ascii { '\x7f' } else { char::MAX };
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut all = ClassUnicode::new([
                ClassUnicodeRange::new('\0', '\t'),
                ClassUnicodeRange::new('\x0b', last),
            ]);
            all.difference(c);
            all.ranges().is_empty()
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut all = ClassBytes::new([
                ClassBytesRange::new(0, b'\t'),
                ClassBytesRange::new(0x0b, if ascii { 0x7f } else { 0xff }),
            ]);
            all.difference(c);
            all.ranges().is_empty()
        }
        _ => false,
    }
}

/// Where a [`Fragment`]'s pattern comes from.
#[derive(Debug)]
enum Source {
    /// A whole pattern (case-insensitive).
    Pattern(String),
    /// A built-in phrase fragment `f`, matched as `^W(?:f)W$` (`W` the edge class
    /// [`phrases::EDGE`], parsed once for all fragments: see [`edge_hir`]).
    Edged(&'static str),
}

impl Source {
    /// The parsed pattern (case-insensitive), `None` if it does not parse.
    #[cfg(test)]
    fn hir(&self) -> Option<Hir> {
        self.parse().map(|(hir, _)| hir)
    }

    /// [`Source::hir`], and for a built-in fragment the most characters a match of the
    /// fragment (without the edges) spans.
    fn parse(&self) -> Option<(Hir, Option<usize>)> {
        let parse = |p: &str| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(p)
                .ok()
        };
        match self {
            Source::Pattern(p) => Some((parse(p)?, None)),
            Source::Edged(f) => {
                let edge = edge_hir()?;
                let f = parse(f)?;
                let most = max_chars(&f);
                let hir = Hir::concat(vec![
                    Hir::look(Look::Start),
                    edge.clone(),
                    f,
                    edge.clone(),
                    Hir::look(Look::End),
                ]);
                Some((hir, most))
            }
        }
    }
}

/// [`phrases::EDGE`] parsed as the rules read it (case-insensitive), once.
fn edge_hir() -> Option<&'static Hir> {
    static EDGE: std::sync::LazyLock<Option<Hir>> = std::sync::LazyLock::new(|| {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(phrases::EDGE)
            .ok()
    });
    EDGE.as_ref()
}

/// The longest counted repetition (`x{m,n}`, largest `n`) a fragment may have and keep
/// the lazy DFA (see [`Fragment`]).
const LONG_COUNT: u32 = 16;

impl Fragment {
    /// The fragment of `source`, compiled as [`compile`] does on first use; `None` if it
    /// does not parse.
    fn new(source: &Source, size_limit: usize) -> Option<Fragment> {
        let (hir, max_chars) = source.parse()?;
        let relaxed = hir
            .properties()
            .look_set()
            .contains_word_unicode()
            .then(|| {
                let mut limit = usize::MAX;
                let open = open_counts(&without_unicode_words(&hir), 0, &mut limit);
                // A necessary condition on any line, like the open form it narrows.
                let core = any_text_ends(&open, false).unwrap_or(open);
                (any_char_bytes(&core), OnceLock::new())
            });
        Some(Fragment {
            open_ascii: Open::ladder(&ascii_only(&hir), true),
            open_unicode: Open::ladder(&hir, false),
            relaxed,
            hir,
            max_chars,
            size_limit,
            ascii: OnceLock::new(),
            unicode: OnceLock::new(),
        })
    }

    fn build(hir: &Hir, size_limit: usize) -> Option<regex_automata::meta::Regex> {
        use regex_automata::{meta, MatchKind};
        let config = meta::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(size_limit))
            .hybrid_cache_capacity(DFA_CACHE)
            .hybrid(longest_count(hir) <= LONG_COUNT);
        meta::Builder::new()
            .configure(config)
            .build_from_hir(hir)
            .ok()
    }

    /// Whether `line` matches; `None` if the form it needs does not compile.
    #[inline]
    fn is_match(&self, line: &str) -> Option<bool> {
        let ascii = line.is_ascii();
        if self
            .max_chars
            .is_some_and(|most| core_chars(line, ascii) > most)
        {
            return Some(false);
        }
        if let Some((hir, regex)) = self.relaxed.as_ref().filter(|_| !ascii) {
            let regex = regex.get_or_init(|| Fragment::build(hir, self.size_limit));
            if regex.as_ref().is_some_and(|r| !r.is_match(line)) {
                return Some(false);
            }
        }
        // A short line (most lines) is answered by the open form, when it compiles; a
        // longer one needs a match of the open form (every match of the fragment is one
        // of its open form, on any line), which is cheap to look for and mostly missing,
        // and is then answered by the first form of the ladder it is short enough for.
        let ladder = match ascii {
            true => &self.open_ascii,
            false => &self.open_unicode,
        };
        if let Some(open) = ladder.first() {
            let answers = open.answers(line, &self.hir);
            // On a longer line only where the lazy DFA can search it (it gives up on a
            // Unicode word boundary in non-ASCII text, and the slower engine that takes
            // over costs more than it saves).
            let worth =
                answers || ascii || !open.hir.properties().look_set().contains_word_unicode();
            let hit = worth.then(|| open.is_match(line, ascii, self.size_limit));
            if let Some(hit) = hit.flatten() {
                if !hit || answers {
                    return Some(hit);
                }
            }
            let form = ladder[1..].iter().find(|o| o.answers(line, &self.hir));
            if let Some(hit) = form.and_then(|o| o.is_match(line, ascii, self.size_limit)) {
                return Some(hit);
            }
        }
        let regex = if ascii {
            self.ascii
                .get_or_init(|| Fragment::build(&ascii_only(&self.hir), self.size_limit))
        } else {
            self.unicode
                .get_or_init(|| Fragment::build(&any_char_bytes(&self.hir), self.size_limit))
        };
        regex.as_ref().map(|r| r.is_match(line))
    }
}

/// The most characters a match of `hir` spans, `None` if unbounded (a literal counts
/// its bytes when it is not UTF-8, a byte class one character: both upper bounds).
fn max_chars(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(lit) => {
            Some(std::str::from_utf8(&lit.0).map_or(lit.0.len(), |t| t.chars().count()))
        }
        HirKind::Class(_) => Some(1),
        HirKind::Repetition(r) => {
            let most = usize::try_from(r.max?).ok()?;
            max_chars(&r.sub)?.checked_mul(most)
        }
        HirKind::Capture(c) => max_chars(&c.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(0usize, |sum, h| sum.checked_add(max_chars(h)?)),
        HirKind::Alternation(alts) => alts
            .iter()
            .try_fold(0usize, |most, h| Some(most.max(max_chars(h)?))),
    }
}

/// The characters of `line` (`ascii`: whether it is ASCII) between its leading and
/// trailing runs of edge characters (0 if it is all edge). A match of `^W*(?:f)W*$`
/// (`W` the edge class) has `f` match `line[a..b]` with only edge characters before `a`
/// and after `b`, so `line[a..b]` holds this middle: `f` must span at least as many
/// characters.
fn core_chars(line: &str, ascii: bool) -> usize {
    let edge = edge_class();
    let start = line
        .char_indices()
        .find(|&(_, c)| !edge.contains(c))
        .map_or(line.len(), |(k, _)| k);
    let rest = &line[start..];
    let end = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !edge.contains(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    match ascii {
        true => end,
        false => rest[..end].chars().count(),
    }
}

/// The edge class [`phrases::EDGE`] as the rules' regexes read it (case-insensitive).
#[derive(Debug)]
struct EdgeClass {
    ascii: [bool; 128],
    /// Sorted ranges of the non-ASCII members.
    ranges: Vec<(char, char)>,
}

impl EdgeClass {
    /// Whether `c` is in the class.
    #[inline]
    fn contains(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(&e) => e,
            None => {
                let k = self.ranges.partition_point(|&(_, end)| end < c);
                self.ranges.get(k).is_some_and(|&(start, _)| start <= c)
            }
        }
    }
}

/// The one [`EdgeClass`] (empty if [`phrases::EDGE`] did not parse as one class, which
/// a unit test rules out: an empty class only makes [`core_chars`] count more).
fn edge_class() -> &'static EdgeClass {
    static EDGE: std::sync::LazyLock<EdgeClass> = std::sync::LazyLock::new(|| {
        let mut edge = EdgeClass {
            ascii: [false; 128],
            ranges: Vec::new(),
        };
        let class = edge_hir().and_then(|hir| match hir.kind() {
            HirKind::Repetition(rep) => match rep.sub.kind() {
                HirKind::Class(Class::Unicode(class)) => Some(class),
                _ => None,
            },
            _ => None,
        });
        for r in class.map_or(&[][..], |c| c.ranges()) {
            for c in r.start()..=r.end().min('\x7f') {
                edge.ascii[c as usize] = true;
            }
            if r.end() >= '\u{80}' {
                edge.ranges.push((r.start().max('\u{80}'), r.end()));
            }
        }
        edge
    });
    &EDGE
}

/// `hir` without its Unicode word boundary assertions (each read as the empty pattern):
/// every match of `hir` is one of the result, on any haystack.
fn without_unicode_words(hir: &Hir) -> Hir {
    rewrite(hir, &|h| match h.kind() {
        HirKind::Look(
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode,
        ) => Some(Hir::empty()),
        _ => None,
    })
}

/// `hir` with every part that `leaf` answers replaced by its answer, the repetitions,
/// concatenations and alternations around them rebuilt and the captures dropped (they do
/// not change whether a line matches); the other parts stay as they are.
fn rewrite(hir: &Hir, leaf: &dyn Fn(&Hir) -> Option<Hir>) -> Hir {
    if let Some(h) = leaf(hir) {
        return h;
    }
    match hir.kind() {
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(rewrite(&r.sub, leaf)),
        }),
        HirKind::Capture(c) => rewrite(&c.sub, leaf),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(|h| rewrite(h, leaf)).collect()),
        HirKind::Alternation(alts) => {
            Hir::alternation(alts.iter().map(|h| rewrite(h, leaf)).collect())
        }
        _ => hir.clone(),
    }
}

/// `hir` as it reads valid UTF-8 text, with every class that holds every non-ASCII
/// character (`.`, `[^,]`, …) written as bytes: its ASCII members, or a lead byte of a
/// two-, three- or four-byte sequence followed by that many continuation bytes. In
/// valid UTF-8, such a sequence starting where a character starts is exactly one whole
/// non-ASCII character; every other part of the pattern matches whole characters, so
/// the byte form starts at character boundaries only and matches the same characters
/// as the class. Compiling the class itself builds a UTF-8 automaton (for each of the
/// `n` copies of `.{0,n}`); the byte form is a few states.
fn any_char_bytes(hir: &Hir) -> Hir {
    rewrite(hir, &|h| match h.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut rest = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', char::MAX)]);
            rest.difference(class);
            if !rest.ranges().is_empty() {
                return Some(h.clone());
            }
            let bytes = |ranges: &[(u8, u8)]| {
                Hir::class(Class::Bytes(ClassBytes::new(
                    ranges.iter().map(|&(a, b)| ClassBytesRange::new(a, b)),
                )))
            };
            let cont = || bytes(&[(0x80, 0xbf)]);
            let mut alts = Vec::new();
            let ascii: Vec<(u8, u8)> = class
                .ranges()
                .iter()
                .filter(|r| r.start().is_ascii())
                .map(|r| (r.start() as u8, r.end().min('\x7f') as u8))
                .collect();
            if !ascii.is_empty() {
                alts.push(bytes(&ascii));
            }
            alts.push(Hir::concat(vec![bytes(&[(0xc0, 0xdf)]), cont()]));
            alts.push(Hir::concat(vec![bytes(&[(0xe0, 0xef)]), cont(), cont()]));
            alts.push(Hir::concat(vec![
                bytes(&[(0xf0, 0xf7)]),
                cont(),
                cont(),
                cont(),
            ]));
            Some(Hir::alternation(alts))
        }
        _ => None,
    })
}

/// `hir` as it reads ASCII text: every class cut down to its ASCII members, literals
/// with other characters and empty classes failing, Unicode word boundaries made ASCII
/// ones. On a haystack of ASCII characters only, `hir` and the result match the same
/// strings at the same places: a class or literal matches an ASCII character exactly
/// when its ASCII part does, and the word characters among ASCII ones are the same in
/// both senses (letters, digits, `_`), so a boundary falls at the same places.
fn ascii_only(hir: &Hir) -> Hir {
    rewrite(hir, &|h| match h.kind() {
        HirKind::Literal(lit) => Some(match lit.0.is_ascii() {
            true => Hir::literal(lit.0.clone()),
            false => Hir::fail(),
        }),
        HirKind::Class(Class::Unicode(class)) => {
            let mut c = class.clone();
            c.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            Some(Hir::class(Class::Unicode(c)))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut c = class.clone();
            c.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7f)]));
            Some(Hir::class(Class::Bytes(c)))
        }
        HirKind::Look(look) => Some(Hir::look(match *look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => other,
        })),
        _ => None,
    })
}

/// `hir` with every counted repetition whose upper bound is above [`LONG_COUNT`] made
/// unbounded (`x{m,n}` read as `x{m,}`), and `limit` lowered to the smallest `n + s`
/// over them, `s` the fewest characters the other parts of the concatenations around the
/// repetition match (`slack`: what the callers around it add).
///
/// Exact on any haystack of at most `limit` bytes, or characters when every match of
/// `hir` is UTF-8 (its classes and literals then match whole characters), as
/// [`Fragment::is_match`] uses it. In a match of the whole pattern the other parts match
/// beside the repetition, taking `s` characters (bytes) or more of the haystack, so the
/// repetition's match holds at most `limit - s <= n` of them. Take it as a sequence of
/// matches of `x`: at most `n` of them are non-empty (they do not overlap), and the empty
/// ones beyond `m` can be left out (the rest still match the same span), which leaves at
/// most `max(m, n) = n` of them: a match of `x{m,n}`. A match of `x{m,n}` is one of
/// `x{m,}` on any haystack. So both patterns match the same such lines.
fn open_counts(hir: &Hir, slack: usize, limit: &mut usize) -> Hir {
    open_counts_from(hir, slack, 0, limit)
}

/// [`open_counts`] for the counted repetitions whose `n + s` is at least `floor` only
/// (the others stay as they are): exact on the same haystacks, as the argument there is
/// made for each repetition on its own.
fn open_counts_from(hir: &Hir, slack: usize, floor: usize, limit: &mut usize) -> Hir {
    if never(hir) {
        // It sets no limit: it matches nothing (the ASCII form of a non-ASCII literal).
        return hir.clone();
    }
    match hir.kind() {
        HirKind::Repetition(r) => {
            let max = match r.max {
                Some(n) if n > LONG_COUNT => {
                    let most = usize::try_from(n)
                        .unwrap_or(usize::MAX)
                        .saturating_add(slack);
                    if most < floor {
                        Some(n)
                    } else {
                        *limit = (*limit).min(most);
                        None
                    }
                }
                max => max,
            };
            Hir::repetition(Repetition {
                min: r.min,
                max,
                greedy: r.greedy,
                sub: Box::new(open_counts_from(&r.sub, slack, floor, limit)),
            })
        }
        HirKind::Capture(c) => open_counts_from(&c.sub, slack, floor, limit),
        HirKind::Concat(parts) => {
            let least: Vec<usize> = parts.iter().map(min_chars).collect();
            let all = least.iter().fold(0usize, |a, &b| a.saturating_add(b));
            let parts = parts.iter().zip(&least);
            Hir::concat(
                parts
                    .map(|(h, &own)| {
                        open_counts_from(h, slack.saturating_add(all - own), floor, limit)
                    })
                    .collect(),
            )
        }
        HirKind::Alternation(alts) => Hir::alternation(
            alts.iter()
                .map(|h| open_counts_from(h, slack, floor, limit))
                .collect(),
        ),
        _ => hir.clone(),
    }
}

/// Whether `hir` matches nothing (an empty class, where a concatenation needs it).
fn never(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => c.ranges().is_empty(),
        HirKind::Class(Class::Bytes(c)) => c.ranges().is_empty(),
        HirKind::Repetition(r) => r.min >= 1 && never(&r.sub),
        HirKind::Capture(c) => never(&c.sub),
        HirKind::Concat(parts) => parts.iter().any(never),
        HirKind::Alternation(alts) => alts.iter().all(never),
        _ => false,
    }
}

/// The fewest characters a match of `hir` spans (a literal that is not UTF-8 counts 0; a
/// class one: both at most the bytes they take).
fn min_chars(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 0,
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).map_or(0, |t| t.chars().count()),
        HirKind::Class(_) => 1,
        HirKind::Repetition(r) => {
            min_chars(&r.sub).saturating_mul(usize::try_from(r.min).unwrap_or(usize::MAX))
        }
        HirKind::Capture(c) => min_chars(&c.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .fold(0usize, |a, h| a.saturating_add(min_chars(h))),
        HirKind::Alternation(alts) => alts.iter().map(min_chars).min().unwrap_or(0),
    }
}

/// The largest upper bound of a counted repetition in `hir` (0 if none), leaving out the
/// parts that never match (the ASCII form of `提供.{1,40}`: see [`never`]), which compile
/// to nothing.
fn longest_count(hir: &Hir) -> u32 {
    if never(hir) {
        return 0;
    }
    match hir.kind() {
        HirKind::Repetition(r) => r.max.unwrap_or(r.min).max(longest_count(&r.sub)),
        HirKind::Capture(c) => longest_count(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => {
            hs.iter().map(longest_count).max().unwrap_or(0)
        }
        _ => 0,
    }
}

/// Most bytes each thread's lazy DFA cache of one regex may hold (see
/// `RegexBuilder::dfa_size_limit`). Caches fill up as new lines bring new states, so this
/// bounds a long stream's memory.
const DFA_CACHE: usize = 4 << 20;

fn compile(pattern: &str, size_limit: usize) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(size_limit)
        .dfa_size_limit(DFA_CACHE)
        .build()
}

impl PatternRule {
    /// Whether `text` (not a line of the document) matches the rule's regex: for a
    /// built-in rule, the fragments whose [`Conds`] it meets are tried one by one (the
    /// whole rule's alternation is much slower to search, and to compile), as for the
    /// document's lines.
    fn is_match(&self, text: &str) -> bool {
        let (Some(pre), Some((group, bit))) = (&self.prefilter, &self.group) else {
            return self.regex.is_match(text);
        };
        if text.is_empty() {
            return self.regex.is_match(text);
        }
        if pre.residual_match(text) {
            return true;
        }
        let mut ids = Vec::new();
        group.candidates(text, &mut group.marks(), &mut Vec::new(), &mut ids);
        self.candidate_match(pre, *bit, &ids, text)
    }

    /// Whether `text` matches one of this rule's fragments among `ids`, the group's
    /// candidate fragments for it (`bit << 16 | fragment`; this rule's are those with its
    /// `bit`).
    fn candidate_match(&self, pre: &Prefilter, bit: u32, ids: &[u32], text: &str) -> bool {
        ids.iter().any(|&id| {
            id >> 16 == bit && pre.fragment_match((id & 0xffff) as usize, text, &self.regex)
        })
    }
}

impl Rule for PatternRule {
    fn name(&self) -> &str {
        &self.name
    }
    fn category(&self) -> Category {
        self.category
    }
    fn description(&self) -> &str {
        &self.description
    }
    fn reads_phrase_scan(&self) -> bool {
        self.group.is_some()
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        if self.group.is_some() {
            doc.note_phrase_rule(id);
        }
        // A built-in rule whose every fragment has literals matches only lines among the
        // shared scan's candidates for it, or holding a link (matched on their visible
        // text): other lines are passed without reading them. The scan, once per
        // document, is the same whenever it runs (its candidates depend only on each
        // line's text, and only lines open now are ever looked at).
        // The scan lists, for each rule, the lines that are candidates for it, and the
        // lines with a link: such a rule visits those lines only, in order.
        let only_candidates = match (&self.prefilter, &self.group) {
            (Some(pre), Some((group, bit))) if pre.residual.is_none() => {
                group.scan(doc);
                let hits = &mut doc.phrase_hits;
                let lines = hits
                    .by_rule
                    .get_mut(*bit as usize)
                    .map(std::mem::take)
                    .unwrap_or_default();
                Some((lines, std::mem::take(&mut hits.links)))
            }
            _ => None,
        };
        match &only_candidates {
            Some((lines, links)) => {
                let (mut a, mut b) = (lines.iter().peekable(), links.iter().peekable());
                // The union of two ascending lists.
                while let Some(i) = match (a.peek(), b.peek()) {
                    (Some(&&x), Some(&&y)) if x == y => {
                        a.next();
                        b.next()
                    }
                    (Some(&&x), Some(&&y)) if y < x => b.next(),
                    (Some(_), _) => a.next(),
                    (None, _) => b.next(),
                } {
                    self.visit(doc, *i as usize, id);
                }
            }
            None => {
                for i in 0..doc.len() {
                    self.visit(doc, i, id);
                }
            }
        }
        // Put back what the next rules read.
        if let (Some((lines, links)), Some((_, bit))) = (only_candidates, &self.group) {
            let hits = &mut doc.phrase_hits;
            if let Some(slot) = hits.by_rule.get_mut(*bit as usize) {
                *slot = lines;
            }
            hits.links = links;
        }
    }
}

impl PatternRule {
    /// Decides line `i` if it is open and matches.
    fn visit(&self, doc: &mut Doc<'_>, i: usize, id: RuleId) {
        if !doc.is_open(i) {
            return;
        }
        let line = doc.line(i);
        if line.is_empty() {
            return;
        }
        crate::doc::Work::add(&doc.work.phrase_lines, 1);
        crate::doc::Work::add(&doc.work.phrase_bytes, line.len());
        // A Markdown line is also matched on its visible text (`* [Subscribe](/offer)`
        // reads "* [Subscribe]"): a link's target is not what the reader sees, nor
        // what counts towards the rule's longest line.
        if line.len() > self.max_len {
            let short_enough =
                doc.has_link(i) && text::without_link_targets_len(line) <= self.max_len;
            if short_enough && self.visible_match(doc, i, line) {
                self.act(doc, i, id);
            }
            return;
        }
        let hit = match (&self.prefilter, &self.group) {
            (Some(pre), Some((group, bit))) => {
                pre.residual_match(line) || {
                    group.scan(doc);
                    let hits = &doc.phrase_hits;
                    let ids = match (hits.start.get(i), hits.start.get(i + 1)) {
                        (Some(&a), Some(&b)) => &hits.ids[a as usize..b as usize],
                        _ => &[],
                    };
                    self.candidate_match(pre, *bit, ids, line)
                }
            }
            (Some(pre), None) => pre.is_match(line, &self.regex),
            (None, _) => self.regex.is_match(line),
        };
        if hit || (doc.has_link(i) && self.visible_match(doc, i, line)) {
            self.act(doc, i, id);
        }
    }
}

impl PatternRule {
    /// Whether the visible text of Markdown line `i` (`line`, which holds a link: its text
    /// without link targets) matches the rule. For built-in rules the text and its
    /// candidate fragments are computed once per line for the whole group
    /// ([`VisibleHits`]); the answer is that of [`PatternRule::is_match`].
    fn visible_match(&self, doc: &mut Doc<'_>, i: usize, line: &str) -> bool {
        let (Some(pre), Some((group, bit))) = (&self.prefilter, &self.group) else {
            let visible = text::without_link_targets(line);
            return visible.len() < line.len() && self.is_match(&visible);
        };
        let cache = &mut doc.visible_hits;
        if cache.group != Some(group.id) {
            *cache = VisibleHits {
                group: Some(group.id),
                lines: std::collections::HashMap::new(),
            };
        }
        let (visible, ids) = cache.lines.entry(i).or_insert_with(|| {
            let visible = text::without_link_targets(line).into_owned();
            let mut ids = Vec::new();
            if !visible.is_empty() {
                group.candidates(&visible, &mut group.marks(), &mut Vec::new(), &mut ids);
            }
            (visible, ids)
        });
        if visible.len() >= line.len() {
            return false;
        }
        if visible.is_empty() {
            return self.regex.is_match(visible);
        }
        pre.residual_match(visible) || self.candidate_match(pre, *bit, ids, visible)
    }

    /// Removes or keeps line `i`, as the rule says.
    fn act(&self, doc: &mut Doc<'_>, i: usize, id: RuleId) {
        match self.action {
            Action::Remove => doc.remove(i, id, self.category),
            Action::Keep => doc.keep(i, id),
        };
    }
}

/// The built-in phrase rules, compiled once per test binary (unit tests run them often).
#[cfg(test)]
pub(crate) fn builtin_cached() -> &'static [Box<dyn Rule>] {
    static RULES: std::sync::LazyLock<Vec<Box<dyn Rule>>> = std::sync::LazyLock::new(builtin);
    &RULES
}

/// A [`Group`]'s number, unique in the process (given when the group is built): a
/// document's scratch says which group computed it, so the rules of another group never
/// read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GroupId(u32);

impl GroupId {
    /// A number no group built before has.
    fn next() -> GroupId {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        GroupId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// A document's scratch (`Doc::phrase_hits`): per line, the phrase-rule fragments whose
/// literals occur in it (`ids[start[i]..start[i + 1]]`), computed once by the group of
/// phrase rules `group` (`None`: not computed).
#[derive(Debug, Default)]
pub(crate) struct PhraseHits {
    pub group: Option<GroupId>,
    pub start: Vec<u32>,
    pub ids: Vec<u32>,
    /// By rule (its place in the group): the lines with one of its fragments among their
    /// candidates, in order.
    pub by_rule: Vec<Vec<u32>>,
    /// The lines open at the scan that hold a Markdown link, in order.
    pub links: Vec<u32>,
}

/// A document's scratch (`Doc::visible_hits`): per Markdown line (by index), its text
/// without link targets and the candidate fragments of that text, computed once for all
/// the phrase rules of `group`.
#[derive(Debug, Default)]
pub(crate) struct VisibleHits {
    pub group: Option<GroupId>,
    pub lines: std::collections::HashMap<usize, (String, Vec<u32>)>,
}

/// One scan for all built-in rules: per open line, the fragments (`bit << 16 | fragment`,
/// `bit` the rule's place in the group) whose [`Conds`] the line meets; only those
/// fragments' regexes run (see [`Prefilter::folded`]). Each document computes the sets
/// once, on first use, for the lines open at that point (a line closed then stays
/// closed).
///
/// Prefix and suffix literals are looked up in tries, walked from each place where an
/// edge run may end (or start) over the folded characters there: a few bytes per line.
/// Only the fragments with neither (long `.{0,n}…` phrases) need a scan of the whole
/// folded line, for their inner literals.
#[derive(Debug)]
pub(crate) struct Group {
    /// Names this group in the documents' scratch ([`PhraseHits`], [`VisibleHits`]).
    id: GroupId,
    /// Prefix literals of every fragment.
    prefix: Trie,
    /// Suffix literals, reversed.
    suffix: Trie,
    /// Inner literals (folded), and for each the candidate ids it brings.
    /// By increasing length limit: the automata (in `tiers`) of the inner literals of at
    /// least the rules that look at lines up to that length. A line is scanned with the
    /// first tier it fits, so long lines meet fewer literals (a smaller automaton, fewer
    /// cache misses); a tier with most of the literals of the one before shares its
    /// automata (more literals than a line needs only bring candidates that
    /// [`Marks::hit`] leaves out).
    inner: Vec<(usize, usize)>,
    /// Each tier's automaton of its ASCII literals, for ASCII lines (which cannot
    /// contain the others), and of all its literals.
    tiers: Vec<(Inner, Inner)>,
    /// By fragment (numbered across the group's rules; the tries hold these numbers):
    /// the conditions it needs (1 prefix, 2 suffix, 4 inner), its candidate id, and the
    /// longest line its rule looks at.
    need: Vec<u8>,
    /// By fragment: whether its edge literals are backed by inner literals (they are
    /// short, see [`WEAK_EDGE`]); `backing` finds those, in the lines that meet a backed
    /// fragment's edge conditions.
    backed: Vec<bool>,
    backing: Option<Inner>,
    /// By fragment: [`Conds::all`] (empty for most).
    all: Vec<Vec<Vec<Vec<u8>>>>,
    code: Vec<u32>,
    limit: Vec<usize>,
    /// By watch (see [`watches`]): the longest line scanned for it; longer lines are
    /// listed for it as they are.
    watch_limits: Vec<usize>,
    /// The edge class `W` (as the rules' regexes read it): ASCII members, and the
    /// sorted ranges of the others.
    edge_ascii: [bool; 128],
    edge_ranges: Vec<(char, char)>,
}

/// A byte trie of literals, built with [`TrieBuilder`]; node 0 is the root (never a
/// target). Laid out breadth first: a node's children are consecutive nodes (sorted by
/// byte), so a node needs only where its children and its ids start (the next node's
/// starts end them) and the byte that leads to it, all in one 8-byte record. The shallow
/// nodes, which most walks end in, are together at the front, and a step reads the
/// records of the node's children, among which is the child's own (and where its ids
/// start): about one cache line a step, where separate arrays of bytes and starts took
/// two or three.
#[derive(Debug, Default)]
struct Trie {
    /// The root's child by each byte (0: none).
    root: Vec<u32>,
    /// By node, and one past the last: its first child, and its first id (in `ids`, the
    /// low [`TRIE_ID_BITS`] bits) with the byte on the edge that leads to it above them.
    nodes: Vec<(u32, u32)>,
    ids: Vec<u32>,
}

/// Bits of a [`Trie`] node's first id: the byte that leads to the node takes the rest.
const TRIE_ID_BITS: u32 = 24;

impl Trie {
    /// The child of `node` by `b`, or 0.
    #[inline]
    fn step(&self, node: u32, b: u8) -> u32 {
        let n = node as usize;
        if n == 0 {
            return self.root[usize::from(b)];
        }
        let (Some(&(lo, _)), Some(&(hi, _))) = (self.nodes.get(n), self.nodes.get(n + 1)) else {
            return 0;
        };
        let Some(children) = self.nodes.get(lo as usize..hi as usize) else {
            return 0;
        };
        children
            .iter()
            .position(|&(_, x)| x >> TRIE_ID_BITS == u32::from(b))
            .map_or(0, |k| lo + k as u32)
    }

    /// The ids of the literals that end at `node`.
    #[inline]
    fn ids(&self, node: u32) -> &[u32] {
        let n = node as usize;
        let low = |x: u32| (x & ((1 << TRIE_ID_BITS) - 1)) as usize;
        match (self.nodes.get(n), self.nodes.get(n + 1)) {
            (Some(&(_, a)), Some(&(_, b))) => self.ids.get(low(a)..low(b)).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// A [`Trie`] under construction: the literals and their ids, in one buffer, until
/// [`TrieBuilder::build`] sorts them and lays the trie out in one pass (no table per node).
#[derive(Debug, Default)]
struct TrieBuilder {
    bytes: Vec<u8>,
    /// Each literal's range of `bytes`, and its id.
    literals: Vec<(usize, usize, u32)>,
}

impl TrieBuilder {
    fn new() -> TrieBuilder {
        TrieBuilder::default()
    }

    fn insert(&mut self, literal: impl Iterator<Item = u8>, id: u32) {
        let start = self.bytes.len();
        self.bytes.extend(literal);
        // The empty literal would end at the root, which holds no ids.
        if self.bytes.len() > start {
            self.literals.push((start, self.bytes.len(), id));
        }
    }

    /// The flat trie (`None` if it does not fit in its offsets: 32-bit nodes, ids below
    /// 2^[`TRIE_ID_BITS`]): the literals sorted,
    /// each node's literals are a range of them, its children the runs of that range
    /// with the same next byte, numbered as they are reached breadth first. Its ids are
    /// those of the literals that end there, without repeats.
    fn build(mut self) -> Option<Trie> {
        let bytes = &self.bytes;
        let text = |&(a, b, _): &(usize, usize, u32)| &bytes[a..b];
        // Sorted by their first eight bytes (zero-padded: a shorter literal first, as in
        // the byte order) before the whole text, then by id.
        let key = |l: &(usize, usize, u32)| {
            let t = text(l);
            let mut k = [0u8; 8];
            let n = t.len().min(8);
            k[..n].copy_from_slice(&t[..n]);
            u64::from_be_bytes(k)
        };
        let mut keyed: Vec<(u64, (usize, usize, u32))> =
            self.literals.iter().map(|l| (key(l), *l)).collect();
        keyed.sort_unstable_by(|(kx, x), (ky, y)| {
            kx.cmp(ky)
                .then_with(|| text(x).cmp(text(y)))
                .then(x.2.cmp(&y.2))
        });
        self.literals = keyed.into_iter().map(|(_, l)| l).collect();
        let lits = &self.literals;
        let mut t = Trie {
            root: vec![0; 256],
            ..Trie::default()
        };
        // By node: the byte that leads to it (merged into `nodes` at the end).
        let mut byte = vec![0u8];
        let fit = |n: usize| u32::try_from(n).ok();
        // Each node's literals' range and depth, in node order (breadth first): node
        // `k` is `queue[k]`.
        let mut queue = vec![(0usize, lits.len(), 0usize)];
        let mut node = 0;
        while let Some(&(lo, hi, depth)) = queue.get(node) {
            t.nodes.push((fit(queue.len())?, fit(t.ids.len())?));
            let mut k = lo;
            let ids_start = t.ids.len();
            while k < hi && lits[k].1 - lits[k].0 == depth {
                if t.ids.len() == ids_start || t.ids.last() != Some(&lits[k].2) {
                    t.ids.push(lits[k].2);
                }
                k += 1;
            }
            while k < hi {
                let b = bytes[lits[k].0 + depth];
                let mut end = k + 1;
                while end < hi && bytes[lits[end].0 + depth] == b {
                    end += 1;
                }
                if node == 0 {
                    t.root[usize::from(b)] = fit(queue.len())?;
                }
                byte.push(b);
                queue.push((k, end, depth + 1));
                k = end;
            }
            node += 1;
        }
        t.nodes.push((fit(queue.len())?, fit(t.ids.len())?));
        if t.ids.len() >= 1 << TRIE_ID_BITS {
            return None;
        }
        for (n, b) in t.nodes.iter_mut().zip(byte) {
            n.1 |= u32::from(b) << TRIE_ID_BITS;
        }
        Some(t)
    }
}

/// The inner literals of a [`Group`]: an overlapping search, walked by hand (with
/// standard match semantics, a state's matches are every literal that ends at its byte).
#[derive(Debug)]
struct Inner {
    walk: Walk,
    start: StateID,
    /// For each literal, the fragments it brings.
    owners: Vec<Vec<u32>>,
}

impl Inner {
    fn new<'a>(lits: impl Iterator<Item = (&'a [u8], u32)>) -> Option<Inner> {
        let mut index: std::collections::HashMap<&[u8], usize> = Default::default();
        let mut bytes: Vec<&[u8]> = Vec::new();
        let mut owners: Vec<Vec<u32>> = Vec::new();
        for (l, id) in lits {
            let k = *index.entry(l).or_insert_with(|| {
                bytes.push(l);
                owners.push(Vec::new());
                owners.len() - 1
            });
            if !owners[k].contains(&id) {
                owners[k].push(id);
            }
        }
        // Most open lines go through it: a DFA (a few instructions a byte, against
        // about forty for the contiguous NFA over the dev pages) unless it is large,
        // else a contiguous NFA (a tenth of the size for a thousand literals).
        let dfa = aho_corasick::dfa::DFA::new(&bytes).ok()?;
        let walk = if dfa.memory_usage() <= INNER_DFA_MAX {
            Walk::Dfa(dfa)
        } else {
            Walk::Nfa(aho_corasick::nfa::contiguous::NFA::new(&bytes).ok()?)
        };
        let start = match &walk {
            Walk::Dfa(a) => a.start_state(Anchored::No).ok()?,
            Walk::Nfa(a) => a.start_state(Anchored::No).ok()?,
        };
        Some(Inner {
            walk,
            start,
            owners,
        })
    }

    fn scan(&self, folded: &[u8], marks: &mut Marks<'_>) {
        self.scan_bytes(folded.iter().copied(), marks);
    }

    /// [`Inner::scan`] over the folded bytes of an ASCII `line`, folded on the way.
    fn scan_ascii(&self, fold: &Fold, line: &[u8], marks: &mut Marks<'_>) {
        self.scan_bytes(line.iter().map(|&b| fold.ascii_byte(b)), marks);
    }

    #[inline]
    fn scan_bytes(&self, folded: impl Iterator<Item = u8>, marks: &mut Marks<'_>) {
        match &self.walk {
            Walk::Dfa(a) => self.scan_with(a, folded, marks),
            Walk::Nfa(a) => self.scan_with(a, folded, marks),
        }
    }

    #[inline]
    fn scan_with(
        &self,
        automaton: &impl Automaton,
        folded: impl Iterator<Item = u8>,
        marks: &mut Marks<'_>,
    ) {
        let mut sid = self.start;
        for b in folded {
            sid = automaton.next_state(Anchored::No, sid, b);
            if !automaton.is_special(sid) || !automaton.is_match(sid) {
                continue;
            }
            for k in 0..automaton.match_len(sid) {
                let literal = automaton.match_pattern(sid, k).as_usize();
                if let Some(owners) = self.owners.get(literal) {
                    marks.hit(owners, 4);
                }
            }
        }
    }
}

/// The automaton of an [`Inner`].
#[derive(Debug)]
enum Walk {
    Dfa(aho_corasick::dfa::DFA),
    Nfa(aho_corasick::nfa::contiguous::NFA),
}

/// Largest DFA (bytes) an [`Inner`] uses.
const INNER_DFA_MAX: usize = 1 << 20;

/// Bytes of each inner literal the [`Inner`] automaton looks for.
const INNER_LEN: usize = 8;

/// Per-line candidate bookkeeping for [`Group::scan`].
struct Marks<'g> {
    group: &'g Group,
    len: usize,
    got: Vec<u8>,
    touched: Vec<u32>,
}

impl Marks<'_> {
    #[inline]
    fn hit(&mut self, ids: &[u32], cond: u8) {
        for &id in ids {
            if self.group.limit[id as usize] < self.len {
                continue;
            }
            let g = &mut self.got[id as usize];
            if *g == 0 {
                self.touched.push(id);
            }
            *g |= cond;
        }
    }
}

impl Group {
    fn new(rules: &[&PatternRule], watches: &[Watch]) -> Option<Group> {
        if rules.len() > 32 {
            return None;
        }
        let mut prefix = TrieBuilder::new();
        let mut suffix = TrieBuilder::new();
        // Inner literals with their fragment and its rule's length limit.
        let mut inner_lits: Vec<(&[u8], u32, usize)> = Vec::new();
        let mut need = Vec::new();
        let mut backed = Vec::new();
        let mut backing_lits: Vec<(&[u8], u32)> = Vec::new();
        let mut code = Vec::new();
        let mut all = Vec::new();
        let mut limit = Vec::new();
        for (bit, rule) in rules.iter().enumerate() {
            let pre = rule.prefilter.as_ref()?;
            if pre.conds.len() >= 1 << 16 || pre.conds.len() != pre.fragments.len() {
                return None;
            }
            for (f, c) in pre.conds.iter().enumerate() {
                let id = need.len() as u32;
                let mut n = 0u8;
                if let Some(lits) = &c.prefix {
                    n |= 1;
                    for l in lits {
                        prefix.insert(l.iter().copied(), id);
                    }
                }
                if let Some(lits) = &c.suffix {
                    n |= 2;
                    for l in lits {
                        suffix.insert(l.iter().rev().copied(), id);
                    }
                }
                let mut backs = false;
                match &c.inner {
                    // Backing short edge literals: looked for only in the few lines that
                    // meet the edge conditions, not in every line.
                    Some(lits) if n != 0 => {
                        backs = true;
                        n |= 4;
                        for l in lits {
                            backing_lits.push((&l[..l.len().min(INNER_LEN)], id));
                        }
                    }
                    Some(lits) => {
                        n = 4;
                        for l in lits {
                            // A line that contains a literal contains its first bytes:
                            // short literals keep the automaton small.
                            inner_lits.push((&l[..l.len().min(INNER_LEN)], id, rule.max_len));
                        }
                    }
                    None if n == 0 => return None,
                    None => {}
                }
                need.push(n);
                backed.push(backs);
                all.push(c.all.clone());
                code.push((bit as u32) << 16 | f as u32);
                limit.push(rule.max_len);
            }
        }
        // Each watch as one more fragment, found by its inner literals alone.
        for (w, watch) in watches.iter().enumerate() {
            let id = need.len() as u32;
            need.push(4);
            backed.push(false);
            all.push(Vec::new());
            code.push(WATCH | w as u32);
            limit.push(watch.limit);
            for l in &watch.literals {
                inner_lits.push((&l[..l.len().min(INNER_LEN)], id, watch.limit));
            }
        }
        let mut limits: Vec<usize> = inner_lits.iter().map(|&(_, _, m)| m).collect();
        limits.sort_unstable();
        limits.dedup();
        let mut inner = Vec::new();
        let mut tiers = Vec::new();
        let mut built = usize::MAX;
        for limit in limits {
            let tier = inner_lits.iter().filter(|&&(_, _, m)| m >= limit);
            // A tier of the literals of the rules that look at lines of this length or
            // longer, or (the literals with a smaller limit are few) the last one.
            let n = tier.clone().count();
            if n.saturating_mul(10) <= built.saturating_mul(6) {
                let ascii = tier.clone().filter(|(l, _, _)| l.is_ascii());
                tiers.push((
                    Inner::new(ascii.map(|&(l, id, _)| (l, id)))?,
                    Inner::new(tier.map(|&(l, id, _)| (l, id)))?,
                ));
                built = n;
            }
            inner.push((limit, tiers.len() - 1));
        }
        // The edge class exactly as the rules' (case-insensitive) regexes read it.
        let mut parser = regex_syntax::ParserBuilder::new();
        parser.case_insensitive(true);
        let hir = parser.build().parse(phrases::EDGE).ok()?;
        let HirKind::Repetition(rep) = hir.kind() else {
            return None;
        };
        let HirKind::Class(Class::Unicode(class)) = rep.sub.kind() else {
            return None;
        };
        let mut edge_ascii = [false; 128];
        let mut edge_ranges = Vec::new();
        for r in class.ranges() {
            for c in r.start()..=r.end().min('\x7f') {
                edge_ascii[c as usize] = true;
            }
            if r.end() >= '\u{80}' {
                edge_ranges.push((r.start().max('\u{80}'), r.end()));
            }
        }
        Some(Group {
            id: GroupId::next(),
            prefix: prefix.build()?,
            suffix: suffix.build()?,
            inner,
            tiers,
            need,
            backed,
            backing: match backing_lits.is_empty() {
                true => None,
                false => Some(Inner::new(backing_lits.into_iter())?),
            },
            all,
            code,
            limit,
            watch_limits: watches.iter().map(|w| w.limit).collect(),
            edge_ascii,
            edge_ranges,
        })
    }

    /// Whether `c` is in the edge class.
    #[inline]
    fn is_edge(&self, c: char) -> bool {
        match self.edge_ascii.get(c as usize) {
            Some(&e) => e,
            None => {
                let k = self.edge_ranges.partition_point(|&(_, end)| end < c);
                self.edge_ranges
                    .get(k)
                    .is_some_and(|&(start, _)| start <= c)
            }
        }
    }

    /// Walks the prefix trie over the folded text of `rest` (`ascii`: whether it is
    /// ASCII).
    fn walk_prefix(&self, fold: &Fold, rest: &str, ascii: bool, marks: &mut Marks<'_>) {
        let trie = &self.prefix;
        let mut node = 0;
        if ascii {
            for &b in rest.as_bytes() {
                node = trie.step(node, fold.ascii_byte(b));
                if node == 0 {
                    return;
                }
                marks.hit(trie.ids(node), 1);
            }
            return;
        }
        for c in rest.chars() {
            let mut buf = [0u8; 4];
            for &b in fold.char(c).encode_utf8(&mut buf).as_bytes() {
                node = trie.step(node, b);
                if node == 0 {
                    return;
                }
                marks.hit(trie.ids(node), 1);
            }
        }
    }

    /// Walks the suffix trie backwards over the folded text of `head` (`ascii`: whether
    /// it is ASCII).
    fn walk_suffix(&self, fold: &Fold, head: &str, ascii: bool, marks: &mut Marks<'_>) {
        let trie = &self.suffix;
        let mut node = 0;
        if ascii {
            for &b in head.as_bytes().iter().rev() {
                node = trie.step(node, fold.ascii_byte(b));
                if node == 0 {
                    return;
                }
                marks.hit(trie.ids(node), 2);
            }
            return;
        }
        for c in head.chars().rev() {
            let mut buf = [0u8; 4];
            for &b in fold.char(c).encode_utf8(&mut buf).as_bytes().iter().rev() {
                node = trie.step(node, b);
                if node == 0 {
                    return;
                }
                marks.hit(trie.ids(node), 2);
            }
        }
    }

    /// Computes, once per document, every open line's candidate fragments.
    fn scan(&self, doc: &mut Doc<'_>) {
        if doc.phrase_hits.group == Some(self.id) {
            return;
        }
        let rules = self
            .code
            .iter()
            .filter(|&&c| c & WATCH == 0)
            .map(|&c| (c >> 16) as usize + 1)
            .max();
        let mut hits = PhraseHits {
            group: Some(self.id),
            start: Vec::with_capacity(doc.len() + 1),
            ids: Vec::new(),
            by_rule: vec![Vec::new(); rules.unwrap_or(0)],
            links: Vec::new(),
        };
        let mut marks = self.marks();
        let longest = self.limit.iter().copied().max().unwrap_or(0);
        let mut folded = Vec::new();
        // The watches' lines, listed at the first scan of the document (when no line is
        // decided yet, else not at all: see [`WatchHits`]).
        let record = doc.phrase_watch.lines.is_none();
        let mut watched: Vec<Vec<u32>> = match record {
            true => vec![Vec::new(); self.watch_limits.len()],
            false => Vec::new(),
        };
        let mut complete = true;
        let shortest_watch = self
            .watch_limits
            .iter()
            .copied()
            .min()
            .unwrap_or(usize::MAX);
        // Lines of a few bytes found to have no candidate, by their bytes (direct mapped,
        // made when the first is found, and larger once many are): a page of tiny lines
        // repeats them, and walking one costs hundreds of instructions (issue 24).
        let mut barren: Vec<u64> = Vec::new();
        let mut barren_bits = BARREN_BITS_FIRST;
        let mut barren_walks = 0usize;
        for j in 0..doc.len() {
            let first = hits.ids.len();
            hits.start.push(first as u32);
            if !doc.is_open(j) {
                complete = false;
                continue;
            }
            if doc.has_link(j) {
                hits.links.push(j as u32);
            }
            let line = doc.line(j);
            if line.is_empty() {
                continue;
            }
            if line.len() > shortest_watch {
                for (lines, &limit) in watched.iter_mut().zip(&self.watch_limits) {
                    if line.len() > limit {
                        lines.push(j as u32);
                    }
                }
            }
            if line.len() > longest {
                continue;
            }
            let slot =
                short_key(line).map(|k| (k, (k.wrapping_mul(FX_K) >> (64 - barren_bits)) as usize));
            if let Some((k, at)) = slot {
                if barren.get(at) == Some(&k) {
                    continue;
                }
            }
            self.candidates(line, &mut marks, &mut folded, &mut hits.ids);
            if let (Some((k, at)), true) = (slot, hits.ids.len() == first) {
                if barren.is_empty() {
                    barren = vec![0; 1 << barren_bits];
                }
                barren[at] = k;
                barren_walks += 1;
                if barren_walks == BARREN_GROW && barren_bits < BARREN_BITS {
                    barren_bits = BARREN_BITS;
                    barren = vec![0; 1 << barren_bits];
                }
            }
            // The watches' candidates go to their lists, the rules' stay.
            let mut kept = first;
            for n in first..hits.ids.len() {
                let id = hits.ids[n];
                if id & WATCH != 0 {
                    if let Some(lines) = watched.get_mut((id & !WATCH) as usize) {
                        lines.push(j as u32);
                    }
                    continue;
                }
                hits.ids[kept] = id;
                kept += 1;
                let lines = &mut hits.by_rule[(id >> 16) as usize];
                if lines.last() != Some(&(j as u32)) {
                    lines.push(j as u32);
                }
            }
            hits.ids.truncate(kept);
        }
        hits.start.push(hits.ids.len() as u32);
        doc.phrase_hits = hits;
        if record && complete {
            doc.phrase_watch.lines = Some(watched);
        }
    }

    /// Empty per-line bookkeeping for [`Group::candidates`].
    fn marks(&self) -> Marks<'_> {
        Marks {
            group: self,
            len: 0,
            got: vec![0; self.need.len()],
            touched: Vec::new(),
        }
    }

    /// Pushes to `out` the candidate fragments (`bit << 16 | fragment`) of a non-empty
    /// `line`: those whose [`Conds`] it meets. `marks` is left empty again; `folded` is
    /// scratch space.
    fn candidates(
        &self,
        line: &str,
        marks: &mut Marks<'_>,
        folded: &mut Vec<u8>,
        out: &mut Vec<u32>,
    ) {
        let fold: &Fold = &FOLD;
        marks.len = line.len();
        let ascii = line.is_ascii();
        // Every place an edge run at the start may end, and the text from there.
        self.walk_prefix(fold, line, ascii, marks);
        for (k, c) in line.char_indices() {
            if !self.is_edge(c) {
                break;
            }
            self.walk_prefix(fold, &line[k + c.len_utf8()..], ascii, marks);
        }
        self.walk_suffix(fold, line, ascii, marks);
        for (k, c) in line.char_indices().rev() {
            if !self.is_edge(c) {
                break;
            }
            self.walk_suffix(fold, &line[..k], ascii, marks);
        }
        // An ASCII line is folded as the automaton reads it, and into `folded` only if
        // a candidate's `all` sets are to be checked or the backing literals looked for.
        let mut is_folded = false;
        let tier = self.inner.iter().find(|t| line.len() <= t.0);
        let tier = tier.and_then(|t| self.tiers.get(t.1));
        if let Some((ascii_inner, all)) = tier {
            if ascii {
                ascii_inner.scan_ascii(fold, line.as_bytes(), marks);
            } else {
                fold.line(line, folded);
                is_folded = true;
                all.scan(folded, marks);
            }
        }
        if let Some(backing) = &self.backing {
            let wanted = marks.touched.iter().any(|&id| {
                let id = id as usize;
                self.backed[id] && marks.got[id] | 4 == self.need[id]
            });
            if wanted {
                if !is_folded {
                    fold.line(line, folded);
                    is_folded = true;
                }
                backing.scan(folded, marks);
            }
        }
        for &id in &marks.touched {
            let id = id as usize;
            let g = std::mem::take(&mut marks.got[id]);
            if g != self.need[id] {
                continue;
            }
            // Every set of `all` met.
            let sets = self.all.get(id).map_or(&[][..], Vec::as_slice);
            if !sets.is_empty() && !is_folded {
                fold.line(line, folded);
                is_folded = true;
            }
            if !sets
                .iter()
                .all(|set| set.iter().any(|l| contains(folded, l)))
            {
                continue;
            }
            out.push(self.code[id]);
        }
        marks.touched.clear();
    }
}

/// Whether `haystack` contains `needle` (not empty): short lines and literals, where
/// building a `memmem` searcher for each costs more than trying each place that starts
/// with the needle's first byte.
#[inline]
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, haystack).any(|k| {
        haystack
            .get(k + 1..)
            .is_some_and(|after| after.starts_with(rest))
    })
}

/// Bits of the slot of a barren short line in [`Group::scan`]'s table at first: 64 slots.
const BARREN_BITS_FIRST: u32 = 6;

/// Barren short lines walked in a document before its table grows to [`BARREN_BITS`]
/// (most pages never get there: zeroing 32 KB for each document cost more than it saved).
const BARREN_GROW: usize = 1024;

/// Bits of the slot of a barren short line in a grown table: 4,096 slots (32 KB). On a
/// page of random lines of one to three letters (the benches' `tiny-lines`), 64 slots held
/// a line about 17 % of the time, these about 65 %.
const BARREN_BITS: u32 = 12;

/// An odd constant of the multiplicative hash of [`short_key`]s.
const FX_K: u64 = 0x9e37_79b9_7f4a_7c15;

/// A line of one to seven bytes as a number that no other line shares (its bytes, and its
/// length in the top byte; never 0); `None` for a longer line.
#[inline]
fn short_key(line: &str) -> Option<u64> {
    let b = line.as_bytes();
    if b.is_empty() || b.len() > 7 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    buf[7] = b.len() as u8;
    Some(u64::from_le_bytes(buf))
}

/// The built-in phrase rules, in order, each compiled from every language's table.
pub(crate) fn builtin() -> Vec<Box<dyn Rule>> {
    builtin_rules()
        .into_iter()
        .map(|r| Box::new(r) as Box<dyn Rule>)
        .collect()
}

/// The built-in phrase rules, sharing one literal scan.
fn builtin_rules() -> Vec<PatternRule> {
    let mut rules: Vec<PatternRule> = builtin_table()
        .into_iter()
        .map(|(name, category, description, field, max_len)| {
            let fragments = every_language(field);
            PatternRule::builtin(name, category, description, fragments, max_len)
        })
        .collect();
    let refs: Vec<&PatternRule> = rules.iter().collect();
    if let Some(group) = Group::new(&refs, &watches()).map(Arc::new) {
        for (bit, rule) in rules.iter_mut().enumerate() {
            rule.group = Some((Arc::clone(&group), bit as u32));
        }
    }
    rules
}

/// Which phrase list of a language's table a built-in rule reads.
pub(crate) type Field = fn(&'static Phrases) -> &'static [&'static str];

/// The phrase lists of a [`Field`] in every language, in one list.
pub(crate) fn every_language(field: Field) -> impl Iterator<Item = &'static str> {
    phrases::ALL
        .iter()
        .flat_map(move |p| field(p).iter().copied())
}

/// The regexes of a [`Field`] of whole regexes (`qa_badges`, `qa_more_comments`) in every
/// language, as one regex.
pub(crate) fn whole_regexes(field: Field) -> String {
    let all: Vec<&str> = every_language(field).collect();
    match all.is_empty() {
        // A class of no character: matches nothing.
        true => r"[^\s\S]".to_owned(),
        false => format!("(?:{})", all.join(")|(?:")),
    }
}

/// A bit of the candidate codes of a [`Group`]'s watches (`WATCH | watch`): the phrase
/// rules' codes (`bit << 16 | fragment`, `bit` below 32) never have it.
const WATCH: u32 = 1 << 31;

/// The watch of the `consent-purposes` rule (an index of [`watches`]).
pub(crate) const WATCH_CONSENT: usize = 0;
/// The watch of the `qa-cards` rule (an index of [`watches`]).
pub(crate) const WATCH_QA: usize = 1;

/// Longest line (bytes) scanned for the consent purposes: the longest any phrase rule's
/// inner literals are looked for in (the `cookie` rule's), so that no line is scanned for
/// them alone; longer lines are listed as they are.
const CONSENT_SCAN_LEN: usize = 600;

/// Fewest bytes of a watch's literals derived from its regexes (shorter ones would make
/// most lines candidates).
const WATCH_MIN_LITERAL: usize = 4;

/// Longest line (bytes, trimmed) the `qa-cards` rule looks at.
pub(crate) const QA_MAX_LEN: usize = 200;

/// Phrases that rules after the line classifier look for, found by the built-in phrase
/// rules' one scan (issue 19: phrases once): its folded literals (one of which every line
/// the rule matches holds) and the longest line scanned for them. The scan lists, per
/// watch, the lines that hold one of its literals and the lines longer than its limit
/// ([`WatchHits`]); the rule checks those lines alone, in full.
#[derive(Debug)]
pub(crate) struct Watch {
    literals: Vec<Vec<u8>>,
    limit: usize,
}

/// The built-in group's watches, by index ([`WATCH_CONSENT`], [`WATCH_QA`]).
fn watches() -> Vec<Watch> {
    let fold: &Fold = &FOLD;
    // The purposes are plain text matched ASCII case-insensitively: a line that holds
    // one holds its folded text once folded.
    let consent = every_language(|p| p.consent_purposes)
        .map(|phrase| {
            let mut out = Vec::new();
            fold.line(phrase, &mut out);
            out
        })
        .collect();
    // Literals one of which every match of the cards' regexes holds; failing that, every
    // line is listed (a limit of 0).
    let regex = format!(
        "{}|{}",
        whole_regexes(|p| p.qa_badges),
        whole_regexes(|p| p.qa_more_comments)
    );
    let qa = regex_syntax::Parser::new()
        .parse(&regex)
        .ok()
        .and_then(|hir| fold.hir(&hir))
        .and_then(|hir| required_min(&hir, WATCH_MIN_LITERAL))
        .and_then(|seq| {
            seq.literals()
                .map(|l| l.iter().map(|l| l.as_bytes().to_vec()).collect::<Vec<_>>())
        })
        .filter(|lits| !lits.is_empty() && lits.iter().all(|l| !l.is_empty()));
    vec![
        Watch {
            literals: consent,
            limit: CONSENT_SCAN_LEN,
        },
        match qa {
            Some(literals) => Watch {
                literals,
                limit: QA_MAX_LEN,
            },
            None => Watch {
                literals: Vec::new(),
                limit: 0,
            },
        },
    ]
}

/// A document's watch lists (`Doc::phrase_watch`), made by the first scan of the built-in
/// phrase rules' [`Group`] and kept (unlike [`PhraseHits`]) for the rules after the line
/// classifier.
#[derive(Debug, Default)]
pub(crate) struct WatchHits {
    /// By watch: the lines (in order) that hold one of its literals or are longer than its
    /// limit. `None` until a scan found every line open (a line decided before the scan
    /// was not scanned, and would not be listed): a rule then checks every line itself.
    pub lines: Option<Vec<Vec<u32>>>,
}

impl WatchHits {
    /// The lines listed for `watch`, or `None` when there is no list.
    pub(crate) fn lines(&self, watch: usize) -> Option<&[u32]> {
        self.lines.as_ref()?.get(watch).map(Vec::as_slice)
    }
}

/// The built-in phrase rules, in order: name, category, description, phrase list, and
/// the longest line (bytes) the rule looks at.
fn builtin_table() -> [(&'static str, Category, &'static str, Field, usize); 14] {
    [
        (
            "image-url",
            Category::Image,
            "a bare image URL or image file name alone on a line",
            |p| p.image_url,
            2048,
        ),
        (
            "bare-url",
            Category::Url,
            "a bare URL alone on a line",
            |p| p.bare_url,
            2048,
        ),
        (
            "image-credit",
            Category::Image,
            "image credits: \"(Image credit: …)\", \"Photo: … / Getty Images\"",
            |p| p.image_credit,
            500,
        ),
        (
            "subscribe",
            Category::Subscribe,
            "subscription and paywall prompts",
            |p| p.subscribe,
            240,
        ),
        (
            "newsletter",
            Category::Newsletter,
            "newsletter sign-up blurbs",
            |p| p.newsletter,
            240,
        ),
        (
            "cookie",
            Category::Cookie,
            "cookie and consent notices",
            |p| p.cookie,
            600,
        ),
        (
            "share",
            Category::Share,
            "share and follow prompts",
            |p| p.share,
            160,
        ),
        (
            "advert",
            Category::Advert,
            "advertisement markers",
            |p| p.advert,
            120,
        ),
        (
            "navigation",
            Category::Navigation,
            "skip links, log-in links, menu and search labels, out-of-date browser notices",
            |p| p.navigation,
            300,
        ),
        (
            "related",
            Category::Related,
            "\"Related articles\", \"Read more\", \"Most popular\" headers",
            |p| p.related,
            120,
        ),
        (
            "comments",
            Category::Comments,
            "comment-section prompts and counters, forum and Q&A controls (\"Click to expand...\", \"Sorted by: …\")",
            |p| p.comments,
            160,
        ),
        (
            "footer",
            Category::Footer,
            "copyright lines and legal links",
            |p| p.footer,
            300,
        ),
        (
            "byline-by",
            Category::Byline,
            "\"By Jane Doe\" author lines and forum post headers",
            |p| p.byline,
            120,
        ),
        (
            "metadata",
            Category::Metadata,
            "dates, reading times, \"Updated …\" stamps, answer and comment stamps, post counts and join dates",
            |p| p.metadata,
            120,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_group_scans_for_itself() {
        // Two builds of the built-in rules: two groups, each with its own number; the
        // document's scan says which group made it, so the other group's rules make their
        // own instead of reading candidates numbered for another group.
        let (a, b) = (builtin_rules(), builtin_rules());
        let id = |rules: &[PatternRule]| rules[0].group.as_ref().map(|(g, _)| g.id);
        assert!(id(&a).is_some() && id(&b).is_some());
        assert_ne!(id(&a), id(&b));
        assert!(a
            .iter()
            .all(|r| r.group.as_ref().map(|(g, _)| g.id) == id(&a)));
        let text = "Subscribe to our newsletter\n\nThe bridge reopened on Monday after a year of repairs, the council said.\nShare this article\n";
        let mut doc = Doc::new(text);
        assert_eq!(doc.phrase_hits.group, None);
        a[0].apply(&mut doc, 0);
        assert_eq!(doc.phrase_hits.group, id(&a));
        let scanned_by_a = doc.phrase_hits.start.clone();
        b[1].apply(&mut doc, 1);
        assert_eq!(doc.phrase_hits.group, id(&b));
        assert_eq!(doc.phrase_hits.start.len(), doc.len() + 1);
        assert_eq!(scanned_by_a.len(), doc.len() + 1);
    }

    fn removes(rule: &str, line: &str) -> bool {
        let r = builtin_cached()
            .iter()
            .find(|r| r.name() == rule)
            .expect("rule exists");
        let mut doc = Doc::new(line);
        r.apply(&mut doc, 0);
        doc.is_removed(0)
    }

    #[test]
    fn subscribe_prompts() {
        for l in [
            "Subscribe to The Daily Planet",
            "SUBSCRIBE & SAVE",
            "To continue reading this article...",
            "Already a subscriber to The Courier?",
            "Get unlimited website access, exclusive newsletters plus much more.",
            "Cancel or pause at any time.",
            "Sign in to read more",
            "Not sure which email you used for your subscription? Contact us",
            "Continue reading this article and get limited website access each month.",
            "To Read the Full Story",
            "To read the full article, subscribe",
        ] {
            assert!(removes("subscribe", l), "{l}");
        }
        for l in [
            "The mayor said residents who subscribe to the new water plan will pay less.",
            "Subscriptions to streaming services rose 12% last year, the survey found, as households cut cable.",
        ] {
            assert!(!removes("subscribe", l), "{l}");
        }
    }

    #[test]
    fn newsletter_blurbs() {
        for l in [
            "Sign up for The Courier's Free Newsletters",
            "Sign up",
            "From our morning briefing to a weekly roundup, get the best of The Courier delivered directly to your inbox.",
            "Get our newsletter",
        ] {
            assert!(removes("newsletter", l), "{l}");
        }
        assert!(!removes(
            "newsletter",
            "She signed up for the army in 1990 and served for a decade."
        ));
    }

    #[test]
    fn shared_visible_text_scan_answers_like_each_rule() {
        let page = [
            "* [Subscribe](https://example.org/offer)",
            "### [Related articles](https://example.org/section/section/section/section/section/section/section/section/related)",
            "[Privacy Policy](https://example.org/legal/privacy) | [Terms of Use](/terms)",
            "The council [said](https://example.org/said) the bridge will reopen in spring.",
            "  * [Click to share on Facebook (Opens in new window)](https://example.org/?share=facebook)",
            "[![](/logo.png)](/)",
            "Updated [May 3, 2021](/archive/2021/05/03)",
        ]
        .join("\n");
        let rules = builtin_rules();
        let mut doc = Doc::new(&page);
        for rule in &rules {
            for i in 0..doc.len() {
                let line = doc.line(i);
                let visible = text::without_link_targets(line);
                let expected = visible.len() < line.len() && rule.is_match(&visible);
                assert_eq!(
                    rule.visible_match(&mut doc, i, line),
                    expected,
                    "{} on {line:?}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn forum_and_question_site_furniture() {
        let cases = [
            ("navigation", "You are using an out of date browser. It may not display this or other websites correctly. You should upgrade or use an alternative browser."),
            ("navigation", "This forum is best viewed with JavaScript enabled."),
            ("comments", "Click to expand..."),
            ("comments", "Improve this answer"),
            ("comments", "Sorted by: Reset to default"),
            ("metadata", "answered Sep 10, 2016 at 21:38"),
            ("metadata", "Commented 3 days ago"),
            ("metadata", "Viewed 12k times"),
            ("metadata", "Last edited by jo (2024-08-06 12:54:32)"),
            ("metadata", "Joined: 13. Aug 2016, 04:41"),
            ("metadata", "Joined Mar 2019"),
            ("metadata", "Posts: 1,204"),
            ("metadata", "6,118 posts · Joined 2019"),
            ("byline-by", "Post by kettlefan » 12. Sep 2024, 10:57"),
            ("byline-by", "kettlefan January 11, 2025, 3:39am 8"),
            ("byline-by", "Discussion in ' Boilers ' started by kettlefan, May 26, 2025."),
            ("byline-by", "212 points by kettlefan on Dec 26, 2023 | hide | past | 91 comments"),
            ("byline-by", "via kettlefan 2 years ago | cached | 14 comments"),
            ("byline-by", "kettlefan Discussion starter"),
            ("byline-by", "by Jo Kim · Dec 20, 2025 at 3:00 am · One comment so far"),
            ("navigation", "By Industry"),
            ("navigation", "BY COMPANY SIZE"),
            ("navigation", "By Gender & Age"),
            ("navigation", "By Industry By Industry"),
            ("cookie", "These cookies may be set through our site by our advertising partners to build a profile of your interests."),
            ("cookie", "Strictly Necessary Cookies"),
        ];
        for (rule, l) in cases {
            assert!(removes(rule, l), "{rule}: {l}");
        }
        for (rule, l) in [
            ("metadata", "Asked about the 2020 election, he said no."),
            ("byline-by", "Reuters November 18, 2019 11:03 PM"),
            (
                "byline-by",
                "Started by two engineers in 2019 who wanted a faster build.",
            ),
            ("metadata", "Joined the company in 2019 as chief executive."),
            (
                "cookie",
                "These cookies are soft, chewy and ready in 20 minutes.",
            ),
            (
                "navigation",
                "Older browsers were slower, the study of 2012 found.",
            ),
        ] {
            assert!(!removes(rule, l), "{rule}: {l}");
        }
    }

    #[test]
    fn wire_captions_and_reproduction_notices() {
        for l in [
            "In this March 4, 2018, file photo, volunteers sort donated coats at the shelter in Dayton, Ohio.",
            "In this undated photo provided by the county museum, a ferry crosses the bay.",
            "In this 1998 file photo, the old mill stands empty after the flood.",
            "In this Monday, June 3, 2019, photograph, buses wait at the depot in Leeds.",
            "In this photo issued by the ministry, the two leaders shake hands in the hall.",
        ] {
            assert!(removes("image-credit", l), "{l}");
        }
        for l in [
            "In this photo essay, our reporter follows three families through a long winter.",
            "In this city, photos of the old harbour hang in every cafe.",
        ] {
            assert!(!removes("image-credit", l), "{l}");
        }
        assert!(removes(
            "footer",
            "This report is protected by copyright. No part may be reproduced without written permission."
        ));
        assert!(!removes(
            "footer",
            "The museum said no part of the collection may be sold."
        ));
    }

    #[test]
    fn markdown_links_match_on_their_text() {
        assert!(removes(
            "subscribe",
            "* [Subscribe](https://example.org/offer?ref=nav)"
        ));
        assert!(removes(
            "share",
            "  * [Click to share on Facebook (Opens in new window)](https://example.org/2019/storm/?share=facebook)"
        ));
        assert!(removes(
            "footer",
            "[Privacy Policy](https://example.org/legal/privacy)"
        ));
        assert!(!removes(
            "navigation",
            "The council [said](https://example.org/said) the bridge will reopen in spring."
        ));
        // The rule's longest line counts the visible text, not the link target.
        let long = format!(
            "### [Related articles](https://example.org/{}/related)",
            "section/".repeat(20)
        );
        assert!(long.len() > 120);
        assert!(removes("related", &long));
    }

    #[test]
    fn urls_and_credits() {
        assert!(removes(
            "image-url",
            "https://cdn.example.org/images/abc123.jpg"
        ));
        assert!(removes(
            "image-url",
            "https://img.example.com/x/y.webp?w=640"
        ));
        assert!(!removes(
            "image-url",
            "Read the report at https://example.org/report.jpg today"
        ));
        assert!(removes(
            "image-url",
            "[![Harbour at dusk](/img/harbour.png)](https://example.org/gallery)"
        ));
        assert!(!removes(
            "image-url",
            "[Harbour at dusk](https://example.org/gallery)"
        ));
        assert!(removes("bare-url", "https://example.org/some/page"));
        assert!(removes("bare-url", "www.example.org"));
        assert!(removes(
            "image-credit",
            "(Image credit: Jane Roe/Getty Images)"
        ));
        assert!(removes("image-credit", "Photo: John Smith / Reuters"));
        assert!(removes("image-credit", "Credit: Alex Doe for The Paper"));
        assert!(!removes(
            "image-credit",
            "Credit card debt rose sharply in the third quarter, the bank said."
        ));
    }

    #[test]
    fn share_cookie_advert_footer() {
        assert!(removes("share", "Share this article"));
        assert!(removes("share", "Follow us on Twitter"));
        assert!(removes("share", "Facebook"));
        assert!(!removes(
            "share",
            "Facebook said on Tuesday that it would change its policy."
        ));
        assert!(removes(
            "cookie",
            "We use cookies to improve your experience on our site."
        ));
        assert!(removes("advert", "Advertisement"));
        assert!(removes("advert", "ADVERTISEMENT"));
        assert!(removes(
            "footer",
            "© 2024 Example Media Group. All rights reserved."
        ));
        assert!(removes("footer", "Copyright 2019 The Herald"));
        assert!(removes("footer", "Privacy Policy"));
        assert!(!removes(
            "footer",
            "The privacy policy was changed after the breach, the company said in a statement."
        ));
    }

    #[test]
    fn navigation_related_comments() {
        assert!(removes("navigation", "Skip to content"));
        assert!(removes("navigation", "Log In"));
        assert!(removes("related", "Related Articles"));
        assert!(removes("related", "Most Popular"));
        assert!(removes("related", "Categories: Birds, Garden"));
        assert!(removes("related", "Category:"));
        assert!(!removes("related", "# Category:Garden birds"));
        assert!(removes("related", "## Most Popular Videos"));
        assert!(removes(
            "related",
            "### Related coverage from Money Basics:"
        ));
        assert!(!removes(
            "related",
            "Related stories on the flood appeared in three papers, and the mayor answered all of them."
        ));
        assert!(removes("comments", "Leave a comment"));
        assert!(removes("comments", "12 Comments"));
        assert!(!removes(
            "related",
            "Related work on the bridge will begin in spring, officials said."
        ));
    }

    #[test]
    fn bylines_and_metadata() {
        assert!(removes("byline-by", "By Jane Doe"));
        assert!(removes(
            "byline-by",
            "By Jane Doe and John Roe, Staff Writers"
        ));
        assert!(!removes(
            "byline-by",
            "By the end of the week, the river had fallen back below its banks."
        ));
        assert!(removes("metadata", "5 min read"));
        assert!(removes("metadata", "Updated: March 3, 2021 at 5:00 p.m."));
        assert!(removes("metadata", "November 19, 2019"));
    }

    /// The source of `phrases/conds.rs`: every built-in fragment's [`Conds`], as
    /// [`Prefilter::folded`] computes them without the table.
    fn conds_table_source() -> String {
        use std::fmt::Write;
        let list = |lits: &[Vec<u8>]| {
            assert!(!lits.is_empty());
            let items: Vec<&str> = lits
                .iter()
                .map(|l| std::str::from_utf8(l).expect("UTF-8 literals"))
                .inspect(|l| assert!(!l.is_empty() && !l.contains(STORED_SEP)))
                .collect();
            format!("{:?}", items.join(&STORED_SEP.to_string()))
        };
        let opt = |lits: &Option<Vec<Vec<u8>>>| match lits {
            Some(l) => format!("Some({})", list(l)),
            None => "None".to_owned(),
        };
        let mut out = String::from(
            "//! Generated: every built-in phrase fragment's literal conditions (see\n\
             //! `rules::pattern::Conds`), so that start-up does not compute them. Do not edit;\n\
             //! after changing a phrase table or how conditions are computed, run\n\
             //! `DEBOIL_BLESS=1 cargo test --lib conds_table_is_current` (the test fails until\n\
             //! then; a fragment missing here gets its conditions computed at start-up).\n\n\
             #[rustfmt::skip]\n\
             pub(crate) static CONDS: &[crate::rules::pattern::StoredConds] = &[\n",
        );
        let mut seen = std::collections::HashSet::new();
        for (_, _, _, field, _) in builtin_table() {
            for p in phrases::ALL {
                for &f in field(p) {
                    if !seen.insert(f) {
                        continue;
                    }
                    let hir = regex_syntax::ParserBuilder::new()
                        .case_insensitive(true)
                        .build()
                        .parse(f)
                        .unwrap();
                    let c = Conds::folded(&hir);
                    let all: Vec<String> = c.all.iter().map(|set| list(set)).collect();
                    writeln!(
                        out,
                        "    ({f:?}, {}, {}, {}, &[{}]),",
                        opt(&c.prefix),
                        opt(&c.suffix),
                        opt(&c.inner),
                        all.join(", ")
                    )
                    .unwrap();
                }
            }
        }
        out.push_str("];\n");
        out
    }

    #[test]
    fn conds_table_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/phrases/conds.rs");
        let want = conds_table_source();
        let have = std::fs::read_to_string(path).unwrap_or_default();
        if have != want {
            if std::env::var_os("DEBOIL_BLESS").is_some() {
                std::fs::write(path, want).unwrap();
            } else {
                panic!(
                    "src/phrases/conds.rs is out of date: run \
                     `DEBOIL_BLESS=1 cargo test --lib conds_table_is_current`"
                );
            }
        }
        // Every built-in fragment is in the table, with the conditions computed now.
        for (_, _, _, field, _) in builtin_table() {
            for p in phrases::ALL {
                for &f in field(p) {
                    let hir = regex_syntax::ParserBuilder::new()
                        .case_insensitive(true)
                        .build()
                        .parse(f)
                        .unwrap();
                    let (now, stored) = (Conds::folded(&hir), Conds::stored(f).unwrap());
                    assert_eq!(
                        (now.prefix, now.suffix, now.inner, now.all),
                        (stored.prefix, stored.suffix, stored.inner, stored.all),
                        "{f}"
                    );
                }
            }
        }
    }

    #[test]
    fn core_chars_counts_between_edge_runs() {
        assert!(edge_class().contains('«') && edge_class().contains(' '));
        assert!(!edge_class().contains('a') && !edge_class().contains('é'));
        for (line, n) in [
            ("» Subscribe «", 9),
            ("--- Advertisement ---", 13),
            ("-----", 0),
            ("", 0),
            ("a", 1),
            ("— Abonnez-vous —", 12),
            ("© 2024 Exemple Média.", 18),
        ] {
            assert_eq!(core_chars(line, line.is_ascii()), n, "{line:?}");
        }
        assert_eq!(max_chars(&Hir::literal(*b"ab")), Some(2));
        let hir = |p: &str| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(p)
                .unwrap()
        };
        assert_eq!(
            max_chars(&hir(r".{0,20}(?:getty|ap photo)\b.{0,6}")),
            Some(34)
        );
        assert_eq!(max_chars(&hir("média")), Some(5));
        assert_eq!(max_chars(&hir(r"\S+")), None);
    }

    #[test]
    fn trie_holds_each_literal_and_its_ids() {
        let lits: &[(&[u8], u32)] = &[
            (b"ab", 1),
            (b"abc", 2),
            (b"ab", 3),
            (b"b", 1),
            (b"ab", 1),
            (b"\xc3\xa9t", 4),
            (b"", 5),
            (b"abd", 2),
            (b"zzzzzzzzzz", 6),
        ];
        // A node with more children than a short scan looks through.
        let wide: Vec<[u8; 2]> = (0..40u8).map(|b| [b'm', b.wrapping_mul(7)]).collect();
        let lits: Vec<(&[u8], u32)> = lits
            .iter()
            .copied()
            .chain(wide.iter().zip(10..).map(|(l, id)| (&l[..], id)))
            .collect();
        let lits = &lits[..];
        let mut builder = TrieBuilder::new();
        for &(l, id) in lits {
            builder.insert(l.iter().copied(), id);
        }
        let trie = builder.build().unwrap();
        let mut probes: Vec<Vec<u8>> = lits
            .iter()
            .flat_map(|(l, _)| (1..=l.len()).map(|n| l[..n].to_vec()))
            .collect();
        probes.extend([b"x".to_vec(), b"abx".to_vec(), b"abcd".to_vec()]);
        probes.extend((0..=255u8).flat_map(|b| [vec![b'a', b], vec![b'm', b]]));
        for p in probes {
            let mut node = 0;
            for &b in &p {
                node = trie.step(node, b);
                if node == 0 {
                    break;
                }
            }
            let mut got = if node == 0 {
                Vec::new()
            } else {
                trie.ids(node).to_vec()
            };
            got.sort_unstable();
            let mut want: Vec<u32> = lits
                .iter()
                .filter(|(l, _)| *l == &p[..])
                .map(|&(_, id)| id)
                .collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(got, want, "{p:?}");
        }
    }

    #[test]
    fn builtin_regexes_compile() {
        // Built-in rules compile their whole regex on first use; it must compile.
        for rule in builtin_rules() {
            assert!(rule.regex.get().is_match("") || !rule.name.is_empty());
        }
    }

    #[test]
    fn custom_rules_validate() {
        assert!(matches!(
            PatternRule::custom("x", Category::Other, "(", Action::Remove),
            Err(Error::InvalidPattern { .. })
        ));
        assert!(matches!(
            PatternRule::custom("x", Category::Other, "a*", Action::Remove),
            Err(Error::EmptyMatch { .. })
        ));
        assert!(matches!(
            PatternRule::custom("x", Category::Other, "", Action::Remove),
            Err(Error::EmptyMatch { .. })
        ));
        assert!(
            PatternRule::custom("x", Category::Other, "Sponsored by .+", Action::Remove).is_ok()
        );
    }

    #[test]
    fn fold_tables_agree_with_the_slow_fold() {
        let fold = &*FOLD;
        for c in ('\0'..='\u{ffff}').chain('\u{1d7ce}'..='\u{1d7ff}') {
            assert_eq!(fold.char(c), fold.slow(c), "{c:?}");
            if caseless(c) {
                assert_eq!(fold.slow(c), c, "{c:?}");
            }
        }
        assert_eq!(fold.char('ſ'), 's');
        assert_eq!(fold.char('\u{212a}'), 'k');
        assert_eq!(fold.char('٣'), '0');
        assert_eq!(fold.char('\u{3000}'), ' ');
    }

    #[test]
    fn folded_lines_are_their_folded_characters() {
        // Lines patched in place (characters folded to as many bytes) and rebuilt from
        // the first character whose folded form is shorter (`ſ`, the Kelvin sign, a
        // no-break space, Arabic-Indic digits) or longer (`Ⱥ` folds to a three-byte
        // character, in the middle of a line or at its end).
        let fold = &*FOLD;
        let mut out = Vec::new();
        for line in [
            "Plain ASCII Line 42",
            "Ärger über Öl — “Zitat” 2024",
            "ΣΟΦΊΑ σοφία ς",
            "Мы используем cookie",
            "当サイトではクッキーを使用",
            "Straſse",
            "5\u{212a}m \u{a0}x",
            "٣٤ Ärger",
            "x Ⱥ y Ä",
            "Ä Ⱥ",
            "😀 Emoji Ä",
            "",
        ] {
            fold.line(line, &mut out);
            let expected: String = line.chars().map(|c| fold.slow(c)).collect();
            assert_eq!(out, expected.as_bytes(), "{line:?}");
        }
    }

    #[test]
    fn shared_scan_agrees_with_whole_regexes() {
        // Lines near the phrase tables, in case and script variants the folded literals
        // must still cover: `ſ` and the Kelvin sign (case variants of `s` and `k`),
        // dotted and dotless i, Unicode digits and spaces, edge symbols.
        let base = [
            "Subscribe to our newsletter",
            "Sign up for our newsletter",
            "Advertisement",
            "— Advertisement —",
            "Share this article",
            "Skip to content",
            "12 Comments",
            "5 min read",
            "Updated: March 3, 2021 at 5:00 p.m.",
            "3 of 12 photos",
            "By Jane Doe",
            "© 2024 Example Media. All rights reserved.",
            "We use cookies to improve your experience on our site.",
            "Photo: John Smith / Reuters",
            "Home › News › World",
            "Related Articles",
            "Most Popular",
            "Leave a comment",
            "Weitere Artikel",
            "Alle Rechte vorbehalten",
            "Подписаться на рассылку",
            "Все права защищены",
            "21 марта 2024",
            "広告",
            "2024年3月21日",
            "The council voted on Tuesday to rebuild the harbour wall after two storms.",
        ];
        let variants = |l: &str| {
            let mut v = vec![
                l.to_owned(),
                l.to_uppercase(),
                l.to_lowercase(),
                l.replace('s', "ſ").replace('k', "\u{212a}"),
                l.replace('i', "ı").replace('I', "İ"),
                l.replace('1', "١")
                    .replace('2', "２")
                    .replace(' ', "\u{a0}"),
                format!("» {l} «"),
                format!("Ⓐ {l}"),
                format!("{l} ..."),
            ];
            v.extend(l.split(' ').map(str::to_owned));
            v
        };
        let rules = builtin_rules();
        for line in base.iter().flat_map(|l| variants(l)) {
            for rule in &rules {
                let mut doc = Doc::new(&line);
                rule.apply(&mut doc, 0);
                let t = doc.line(0);
                let expected = !t.is_empty() && t.len() <= rule.max_len && rule.regex.is_match(t);
                assert_eq!(doc.is_removed(0), expected, "{} on {line:?}", rule.name);
                // The path for a Markdown line's visible text, on any text.
                assert_eq!(
                    rule.is_match(&line),
                    line.len() <= rule.max_len && rule.regex.is_match(&line),
                    "{} on {line:?}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn fragments_match_like_the_regex_crate() {
        // Every built-in fragment, with and without the lazy DFA, on lines long and
        // short, ASCII and not, matching and nearly matching.
        let mut lines = vec![
            String::new(),
            "We use cookies to improve your experience on our site.".to_owned(),
            "© 2024 Example Media. All rights reserved.".to_owned(),
            "Photo: John Smith / Reuters".to_owned(),
            "Published on 3 March 2024, 10:00".to_owned(),
            "Posted 12 hours ago by Jane Doe".to_owned(),
            "Get the best stories delivered straight to your inbox every week.".to_owned(),
            "Subscribe to our newsletter".to_owned(),
            "Image credits: Jane Doe / Example".to_owned(),
            "Nous utilisons des cookies pour améliorer votre expérience.".to_owned(),
            "Мы используем файлы cookie, чтобы сайт работал лучше.".to_owned(),
            "当サイトではクッキーを使用しています。".to_owned(),
        ];
        let long = format!(
            "{} we {} cookies {}",
            "word ".repeat(70),
            "x".repeat(70),
            "y ".repeat(150)
        );
        lines.push(long.clone());
        lines.push(long.replace("word", "wörd"));
        lines.push(format!("{} we use cookies", "a".repeat(301)));
        lines.push(format!("— {} —", lines[1]));
        // Punctuation and symbols around and inside phrases, word boundaries next to
        // ASCII and non-ASCII word characters, long ASCII lines (the ASCII form of each
        // fragment answers for ASCII lines, the whole pattern for the others).
        for l in [
            "» Subscribe «",
            "--- Advertisement ---",
            "*** ADVERTISEMENT ***",
            "(Photo: AP)",
            "Photo: ©Getty Images",
            // A line feed, which `.` does not match (the open forms' cores answer only
            // for lines without one).
            "© 2024\nExample Media",
            "© 2024 Example Media\n",
            "We use cookies\non this site",
            "Continue reading\nnow",
            "Image: Jane Doe/Getty Images | Example",
            "[Image: via Reuters]",
            "© 2024",
            "(c) 2024 Example, Inc.",
            "| Share on Facebook | Tweet |",
            "#1 Most Read",
            "$4.99/month",
            "5 min read ·",
            "newsletters_",
            "xnewsletter",
            "our-newsletter",
            "énewsletter",
            "newsletterä",
            "Sign up for our newsletter…",
            "Sign up for our newsletter\u{a0}",
            "\u{2022} Related Articles",
            "By Jane Doe, Staff Writer",
            "By JANE DOE",
            "Posted by Jane Doe on March 3, 2024 at 10:00 am",
            "Continue reading »",
            "12 comments",
            "Leave a Reply Cancel reply",
            "Skip to main content",
            "https://example.com/images/photo.jpg",
            "www.example.com/page?id=3",
            "![alt](https://example.com/a.png)",
            "All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        ] {
            lines.push(l.to_owned());
        }
        lines.push(format!("{}Subscribe", "-".repeat(300)));
        lines.push(format!("Photo: {} / Getty Images", "word ".repeat(45)));
        lines.push(format!(
            "{} / Getty Images {}",
            "x ".repeat(99),
            "y".repeat(59)
        ));
        lines.push(format!(
            "{} / Getty Images {}",
            "x ".repeat(101),
            "y".repeat(61)
        ));
        lines.push(format!(
            "{} all rights reserved {}",
            "a".repeat(200),
            "b".repeat(150)
        ));
        lines.push(format!(
            "{} all rights reserved {}",
            "a".repeat(201),
            "b".repeat(150)
        ));
        lines.push(format!("{}newsletter", "n".repeat(2000)));
        // Lines around the open forms' limits (see `open_counts`): `.{0,60}` after a
        // phrase, `.{0,200}` before a credit, ASCII and not.
        for c in ["x", "é", "日"] {
            for n in [45, 47, 48, 49, 59, 60, 61, 62, 185, 186, 187, 199, 200, 201] {
                lines.push(format!("Continue reading {}", c.repeat(n)));
                lines.push(format!("Keep reading {}", c.repeat(n)));
                lines.push(format!("{} / Getty Images", c.repeat(n)));
                lines.push(format!(
                    "{} / Getty Images {}",
                    c.repeat(n),
                    c.repeat(n / 4)
                ));
                lines.push(format!("{} credit: {}", c.repeat(n / 2), c.repeat(n / 2)));
            }
        }
        // Counted repetitions over two-, three- and four-byte characters, at the bound
        // and one past it (`.{0,200}` before a credit, `.{0,60}` after it).
        for c in ["é", "€", "😀", "ſ"] {
            for n in [199, 200, 201] {
                lines.push(format!("{} / Getty Images", c.repeat(n)));
                lines.push(format!("Getty Images {}", c.repeat(n / 3)));
            }
            lines.push(format!("Photo: {}, {}", c.repeat(30), c.repeat(61)));
            lines.push(format!("[{}]({})", c.repeat(10), c.repeat(10)));
        }
        let variants: Vec<String> = lines
            .iter()
            .flat_map(|l| [l.clone(), l.to_uppercase(), l.replace('s', "ſ")])
            .collect();
        let edge = phrases::EDGE;
        for p in phrases::ALL {
            let fields = [
                p.image_url,
                p.bare_url,
                p.image_credit,
                p.subscribe,
                p.newsletter,
                p.cookie,
                p.share,
                p.advert,
                p.navigation,
                p.related,
                p.comments,
                p.footer,
                p.byline,
                p.metadata,
            ];
            for f in fields.iter().flat_map(|f| f.iter()) {
                let pattern = format!("^{edge}(?:{f}){edge}$");
                let expected = compile(&pattern, 64 << 20).unwrap();
                let whole = Source::Pattern(pattern.clone());
                // The built-in form (the edge class parsed once) is the same pattern.
                assert!(Source::Edged(f).hir() == whole.hir(), "{f}");
                let got = Fragment::new(&Source::Edged(f), 64 << 20).unwrap();
                for line in &variants {
                    assert_eq!(
                        got.is_match(line),
                        Some(expected.is_match(line)),
                        "{f} on {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn open_form_cores_drop_ends_that_match_any_text() {
        // `\A W .* R .* W \z` (`W` the edge class) is `R` anywhere; an end without `.*`
        // (or without its anchor) stays.
        let core = |pattern: &str, ascii: bool| {
            let hir = Source::Pattern(pattern.into()).hir().unwrap();
            any_text_ends(&hir, ascii).map(|h| h.to_string())
        };
        let (w, any) = (phrases::EDGE, r"[^\n]*");
        let hir = |p: &str| Source::Pattern(p.into()).hir().unwrap().to_string();
        assert_eq!(
            core(&format!(r"^{w}{any}ab{any}{w}$"), false),
            Some(hir("ab"))
        );
        assert_eq!(
            core(&format!(r"^{w}ab{w}{any}$"), false),
            Some(hir(&format!(r"^{w}ab")))
        );
        assert_eq!(
            core(&format!(r"^{w}{any}ab{w}$"), false),
            Some(hir(&format!(r"ab{w}$")))
        );
        assert_eq!(core(&format!(r"^{w}ab{w}$"), false), None);
        assert_eq!(core(&format!(r"{any}ab{any}"), false), None);
        // `.` without its non-ASCII characters covers only ASCII lines.
        assert_eq!(
            core(r"^(?-u:[\x00-\x09\x0b-\x7f])*ab$", true),
            Some(hir("ab$"))
        );
        assert_eq!(core(r"^(?-u:[\x00-\x09\x0b-\x7f])*ab$", false), None);
        assert_eq!(core(r"^[^\n\t]*ab$", true), None);
    }

    #[test]
    fn open_form_only_answers_lines_within_its_limit() {
        // `.{0,20}` read as `.*` only on lines of at most 22 characters (the bound and
        // what the rest of the pattern takes, "a" and "b"); a long count in a branch that
        // needs a non-ASCII character sets no limit for ASCII lines. With two counts, the
        // second form of the ladder leaves `.{0,20}` bounded and reads `.{0,30}` as `.*`
        // on lines of 24 to 33 characters.
        let limits = |forms: &[Open]| forms.iter().map(|o| o.limit).collect::<Vec<_>>();
        for (pattern, ascii, other) in [
            ("^a.{0,20}b$", vec![22], vec![22]),
            ("^a(?:x.){0,20}b$", vec![22], vec![22]),
            (r"^a\w{3,40}$", vec![41], vec![41]),
            ("^(?:広告|a|提供.{1,40})$", vec![], vec![42]),
            ("^a.{0,20}b.{0,30}c$", vec![23, 33], vec![23, 33]),
        ] {
            let expected = compile(pattern, 64 << 20).unwrap();
            let got = Fragment::new(&Source::Pattern(pattern.into()), 64 << 20).unwrap();
            assert_eq!(limits(&got.open_ascii), ascii, "{pattern}");
            assert_eq!(limits(&got.open_unicode), other, "{pattern}");
            for c in ["x", "é", "日"] {
                for n in 0..70 {
                    for line in [
                        format!("a{}b", c.repeat(n)),
                        format!("a{}", c.repeat(n)),
                        format!("提供{}", c.repeat(n)),
                        format!("a{}b{}c", c.repeat(n / 2), c.repeat(n - n / 2)),
                        format!("a{}b{}c", c.repeat(n), c.repeat(n / 3)),
                        format!("a{}b{}c", c.repeat(n / 3), c.repeat(n)),
                    ] {
                        let want = expected.is_match(&line);
                        assert_eq!(got.is_match(&line), Some(want), "{pattern} on {line:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn edge_fragments_need_a_literal_of_each_later_part() {
        let parse = |p: &str| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(p)
                .unwrap()
        };
        // A date of one language: its prefix condition (a weekday or a digit) is met by
        // the dates of every language; its month names are not.
        let c = Conds::folded(&parse(
            r"(?:(?:lundi|mardi)\s*)?\d{1,2}\s+(?:janvier|mars)\.?\s+\d{4}",
        ));
        assert!(c.prefix.is_some());
        let months = vec![b"janvier".to_vec(), b"mars".to_vec()];
        assert!(c.all.contains(&months), "{:?}", c.all);
        assert!(c.all.contains(&vec![b"0000".to_vec()]), "{:?}", c.all);
        // The first part's literals are the prefix condition's: not checked again.
        let c = Conds::folded(&parse(r"share(?: this)? (?:article|story)"));
        assert!(c.prefix.is_some());
        assert!(!c.all.iter().any(|set| set.contains(&b"share".to_vec())));
        // In the built-in group: a line that meets a fragment's edge conditions but not
        // its sets is no candidate for it, and one that matches it is.
        let rules = builtin_rules();
        let group = &rules[0].group.as_ref().unwrap().0;
        let fragment = |id: u32| {
            let (bit, f) = ((id >> 16) as usize, (id & 0xffff) as usize);
            match &rules[bit].prefilter.as_ref().unwrap().fragments[f].0 {
                Source::Edged(f) => *f,
                Source::Pattern(_) => unreachable!("built-in fragments are edged"),
            }
        };
        let candidates = |line: &str| {
            let mut ids = Vec::new();
            group.candidates(line, &mut group.marks(), &mut Vec::new(), &mut ids);
            ids.into_iter().map(fragment).collect::<Vec<_>>()
        };
        let french = |f: &&str| f.contains("janv") && f.contains("dimanche");
        let english = candidates("12 April 2023");
        assert!(
            !english.is_empty() && !english.iter().any(french),
            "{english:?}"
        );
        for line in [
            "12 mars 2023",
            "Lundi 3 mars 2023",
            "1er janvier 2024, à 10h30",
        ] {
            assert!(rules.iter().any(|r| r.regex.is_match(line)), "{line:?}");
            let got = candidates(line);
            assert!(got.iter().any(french), "{line:?}: {got:?}");
        }
    }

    #[test]
    fn watches_are_found_by_literals() {
        let w = watches();
        let consent = &w[WATCH_CONSENT];
        assert_eq!(consent.limit, CONSENT_SCAN_LEN);
        assert!(consent
            .literals
            .iter()
            .any(|l| l == b"measure content performance"));
        // The cards' literals come from their regexes: long enough to be rare, and the
        // rule's own limit.
        let qa = &w[WATCH_QA];
        assert_eq!(qa.limit, QA_MAX_LEN);
        assert!(!qa.literals.is_empty());
        assert!(
            qa.literals.iter().all(|l| l.len() >= WATCH_MIN_LITERAL),
            "{:?}",
            qa.literals
                .iter()
                .map(|l| String::from_utf8_lossy(l))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn contains_finds_every_place() {
        let hay = b"abcabd aab ab";
        for n in 1..=4 {
            for start in 0..hay.len() {
                let Some(needle) = hay.get(start..start + n) else {
                    continue;
                };
                assert!(contains(hay, needle), "{needle:?}");
            }
        }
        for needle in [&b"abe"[..], b"ba", b"dd", b"ab  ", b"x", b"abcabd aab ab!"] {
            let naive = hay.windows(needle.len()).any(|w| w == needle);
            assert_eq!(contains(hay, needle), naive, "{needle:?}");
        }
        assert!(!contains(b"", b"a"));
    }

    #[test]
    fn prefilter_agrees_with_whole_regex() {
        let fragments = [
            "sign up(?: now)?",
            r".{0,20}\bnewsletters?",
            r"\d+[-/]\d+",
            "ad(?:vert)?",
        ];
        let edge = phrases::EDGE;
        let whole = compile(
            &format!("^{edge}(?:{}){edge}$", fragments.join("|")),
            SIZE_LIMIT,
        )
        .unwrap();
        let pre = Prefilter::new(&fragments, &format!("^{edge}(?:"), &format!("){edge}$")).unwrap();
        let whole = Whole::compiled(whole);
        assert!(pre.residual.is_some(), "dates have no useful literal");
        for line in [
            "Sign up",
            "SIGN UP NOW!",
            "ſign up",
            "Our NEWSLETTERS",
            "our newſletter",
            "3/12",
            "3 of 12",
            "Advert",
            "ADVERT",
            "adverts",
            "sign",
            "The newsletter went out on Monday to all readers.",
            "",
            "— ad —",
            "KEEP READING",
        ] {
            assert_eq!(
                pre.is_match(line, &whole),
                whole.get().is_match(line),
                "{line}"
            );
        }
    }
}
