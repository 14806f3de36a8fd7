//! The tiling invariant: kept and removed spans cover the input exactly, on char
//! boundaries, and the body is the kept text with only whitespace normalised.

pub use crate::expected_body::expected_body;
use proptest::prelude::*;

/// Asserts every part of the invariant for one input.
pub fn check(text: &str) {
    check_with(&deboil::Cleaner::new(), text);
}

/// Asserts every part of the invariant for one input and one rule set.
pub fn check_with(cleaner: &deboil::Cleaner, text: &str) {
    let cleaned = cleaner.clean(text);
    let mut pos = 0;
    let mut rebuilt = String::new();
    for seg in cleaned.segments() {
        assert_eq!(seg.span.start, pos, "gap or overlap at {pos}");
        assert!(seg.span.end > seg.span.start, "empty segment at {pos}");
        assert!(text.is_char_boundary(seg.span.start) && text.is_char_boundary(seg.span.end));
        rebuilt.push_str(seg.text);
        pos = seg.span.end;
    }
    assert_eq!(pos, text.len());
    assert_eq!(rebuilt, text);
    let removed: Vec<_> = cleaned.segments().filter_map(|s| s.removal).collect();
    assert_eq!(removed.len(), cleaned.removed().len());
    for w in cleaned.removed().windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
    assert_eq!(cleaned.body(), expected_body(&cleaned));
    if let Some(t) = cleaned.title() {
        assert!(!t.is_empty());
    }
}

/// Asserts the invariant for raw bytes through `clean_bytes`: the segments tile the
/// original bytes, and the result equals cleaning the lossy decoding with spans mapped.
pub fn check_bytes(bytes: &[u8]) {
    let cleaned = deboil::clean_bytes(bytes);
    let mut pos = 0;
    let mut rebuilt = Vec::new();
    for seg in cleaned.segments() {
        assert_eq!(seg.span.start, pos, "gap or overlap at {pos}");
        assert!(seg.span.end > seg.span.start, "empty segment at {pos}");
        rebuilt.extend_from_slice(seg.bytes);
        pos = seg.span.end;
    }
    assert_eq!(pos, bytes.len());
    assert_eq!(rebuilt, bytes);
    let lossy = String::from_utf8_lossy(bytes);
    let text = deboil::clean(&lossy);
    assert_eq!(cleaned.body(), text.body());
    assert_eq!(cleaned.title(), text.title());
    assert_eq!(cleaned.byline(), text.byline());
    assert_eq!(cleaned.removed().len(), text.removed().len());
    for (b, t) in cleaned.removed().iter().zip(text.removed()) {
        assert_eq!((&b.rule, b.category), (&t.rule, t.category));
        // The removed bytes decode to the removed text.
        assert_eq!(String::from_utf8_lossy(&bytes[b.span]), &lossy[t.span]);
    }
    if std::str::from_utf8(bytes).is_ok() {
        assert_eq!(cleaned.removed(), text.removed());
        assert_eq!(cleaned.replaced(), 0);
    }
}

#[test]
fn edge_inputs() {
    for text in [
        "",
        "\n",
        "\n\n\n",
        "   \t  ",
        "a",
        "\r\n\r\n",
        "\r",
        "line\rline\r\nline\n",
        "\u{feff}Title\n\nBody text here that is long enough to be prose, really it is.",
        "Ünïcödé 東京都 😀 مرحبا\u{200b}\u{202e}\0",
    ] {
        check(text);
    }
}

#[test]
fn example_sample() {
    check(include_str!("../examples/sample.txt"));
}

#[test]
fn dev_corpus_when_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let mut n = 0;
    for e in entries.flatten() {
        let p = e.path();
        if p.to_string_lossy().ends_with(".txt") && n < 400 {
            check(&std::fs::read_to_string(&p).unwrap());
            n += 1;
        }
    }
    assert!(n > 0);
}

/// Lines typical of scraped pages, to build page-like random inputs from.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Subscribe to The Paper".to_owned()),
        Just("Share this article".to_owned()),
        Just("Advertisement".to_owned()),
        Just("https://example.com/a.jpg".to_owned()),
        Just("".to_owned()),
        Just(
            "The river rose two metres overnight and the main road was closed by noon.".to_owned()
        ),
        "[a-zA-Z ,.]{0,120}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text);
    }

    /// Lines of more than 150 words, cut into sub-lines at sentences and markup, both
    /// engines.
    #[test]
    fn long_lines(parts in proptest::collection::vec((page_line(), prop_oneof![Just(" "), Just("  "), Just(". "), Just(" [a. B](/x. Y) "), Just(" ![p](/q.jpg) "), Just(")["), Just("。")]), 30..120), sep in prop_oneof![Just("\n"), Just("\r\n")]) {
        let mut text = String::from("Title");
        text.push_str(sep);
        for (k, (line, glue)) in parts.iter().enumerate() {
            text.push_str(line);
            text.push_str(if k % 37 == 36 { sep } else { glue });
        }
        check(&text);
        check_with(&deboil::Cleaner::fast(), &text);
    }

    #[test]
    fn page_like(lines in proptest::collection::vec(page_line(), 0..40), sep in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]) {
        check(&lines.join(sep));
    }
}
