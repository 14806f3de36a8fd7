//! Dirty input, one test per shape: nothing panics, nothing is lost, spans stay exact.

use deboil::{Category, Span};

use crate::invariant::{check, check_bytes};

const PROSE: &str =
    "The council voted on Tuesday to rebuild the harbour wall after two winter storms.";
const PROSE2: &str =
    "Work is expected to begin in April and take about eighteen months, officials said.";

#[test]
fn invalid_utf8_maps_spans_to_original_bytes() {
    let mut raw = Vec::new();
    raw.extend_from_slice(b"Share this article\xff\xfe\n");
    raw.extend_from_slice(PROSE.as_bytes());
    raw.extend_from_slice(b" Truncated \xe2\x82\n");
    raw.extend_from_slice(
        b"Lone continuation \x80\x80\x80 bytes and an overlong \xc0\xaf slash.\n",
    );
    raw.extend_from_slice(b"Advertisement\n");
    let cleaned = deboil::clean_bytes(&raw);
    check_bytes(&raw);
    assert!(cleaned.replaced() >= 4);
    // "Share this article" + 2 invalid bytes + '\n' are 21 original bytes.
    assert_eq!(cleaned.removed()[0].span, Span::new(0, 21));
    assert_eq!(cleaned.removed()[0].category, Category::Share);
    let advert = cleaned
        .removed()
        .iter()
        .find(|r| r.category == Category::Advert)
        .expect("advert removed");
    assert_eq!(&raw[advert.span.range()], b"Advertisement\n");
    assert!(cleaned
        .body()
        .contains("continuation \u{fffd}\u{fffd}\u{fffd} bytes"));
}

#[test]
fn every_invalid_byte_alone_and_in_lines() {
    for b in 0x80..=0xffu8 {
        check_bytes(&[b]);
        check_bytes(&[b'a', b, b'\n', b, b'\r', b'\n', b]);
        let mut page = PROSE.as_bytes().to_vec();
        page.insert(10, b);
        page.extend_from_slice(b"\nSubscribe to The Paper\n");
        page.push(b);
        check_bytes(&page);
    }
}

#[test]
fn valid_bytes_clean_exactly_like_str() {
    let text = include_str!("../examples/sample.txt");
    let a = deboil::clean_bytes(text.as_bytes());
    let b = deboil::clean(text);
    assert_eq!(a.body(), b.body());
    assert_eq!(a.removed(), b.removed());
    assert_eq!(a.title(), b.title());
}

#[test]
fn byte_order_mark_is_kept_in_spans_but_not_in_text() {
    let text = format!("\u{feff}Harbour wall to be rebuilt\n\n{PROSE}\n\nShare this article\n");
    check(&text);
    check_bytes(text.as_bytes());
    let cleaned = deboil::clean(&text);
    assert_eq!(cleaned.title(), Some("Harbour wall to be rebuilt"));
    assert_eq!(cleaned.removed()[0].span.start, 0);
    assert_eq!(cleaned.body(), PROSE);
    // A BOM before prose stays out of the body too.
    let raw = format!("\u{feff}{PROSE}\n{PROSE2}");
    check_bytes(raw.as_bytes());
    assert!(!deboil::clean_bytes(raw.as_bytes())
        .body()
        .contains('\u{feff}'));
    for t in [
        "\u{feff}",
        "\u{feff}\n",
        "\u{feff}\u{feff}",
        "\u{feff}\r\n\r\n",
    ] {
        check(t);
        check_bytes(t.as_bytes());
    }
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let lf = format!("Subscribe to The Paper\n{PROSE}\nShare this article\n");
    let lf_body = deboil::clean(&lf).body().to_owned();
    for sep in ["\r\n", "\r"] {
        let text = lf.replace('\n', sep);
        check(&text);
        let cleaned = deboil::clean(&text);
        assert_eq!(cleaned.body(), lf_body, "{sep:?}");
        assert_eq!(
            &text[cleaned.removed()[0].span.range()],
            format!("Subscribe to The Paper{sep}")
        );
    }
    // Mixed, and a CR before CRLF.
    check(&format!("a\r\r\nb\n\r{PROSE}\r\n\r"));
}

#[test]
fn nul_and_control_characters() {
    let text = format!(
        "\0\x01\x07\x1b[31m\x7f\n{PROSE}\0\n\x0b\x0c\nAdvertisement\x00\n\u{85}\u{2028}\u{2029}\n"
    );
    check(&text);
    check_bytes(text.as_bytes());
    let all_controls: String = (0u8..0x20).map(char::from).collect();
    check(&all_controls);
    check(&all_controls.repeat(1000));
}

#[test]
fn zero_width_and_bidi_characters() {
    let text = format!(
        "\u{200b}Subscribe\u{200b} to\u{200d} The Paper\u{2060}\n\u{202e}{PROSE}\u{202c}\n\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\n\u{feff}Share this article\n"
    );
    check(&text);
    check_bytes(text.as_bytes());
}

#[test]
fn emoji_and_combining_marks() {
    let text = format!(
        "👍🏽 Share this article 👨‍👩‍👧‍👦\n{PROSE} 🌊🌊\nZ\u{0351}\u{0352}\u{0353}a\u{0300}\u{0301}\u{0302}\u{0303}lgo\u{0336}\n\u{0301}\u{0301}\u{0301}\n{}\n",
        "e\u{301}".repeat(5000)
    );
    check(&text);
    check_bytes(text.as_bytes());
}

#[test]
fn rtl_and_cjk_text() {
    let text = "مرحبا بكم في الموقع\n\
                قال المجلس يوم الثلاثاء إنه سيعيد بناء جدار الميناء بعد عاصفتين شتويتين.\n\
                שלום עולם, זהו משפט בעברית עם סימני פיסוק.\n\
                東京都は火曜日、冬の二つの嵐の後で港の防波堤を再建すると発表した。\n\
                서울시는 화요일에 항구 방파제를 재건하겠다고 밝혔다.\n\
                𠜎𠜱𠝹𠱓 𩸽\n";
    check(text);
    check_bytes(text.as_bytes());
    let cleaned = deboil::clean(text);
    assert!(!cleaned.body().is_empty());
}

#[test]
fn empty_and_whitespace_only() {
    for text in [
        "",
        " ",
        "\t",
        "\n",
        "\r\n",
        "   \n\t\n  \r\n",
        "\u{a0}\u{3000}\u{2003}\n",
    ] {
        check(text);
        check_bytes(text.as_bytes());
        let cleaned = deboil::clean(text);
        assert_eq!(cleaned.body(), "", "{text:?}");
        assert_eq!(cleaned.title(), None);
    }
    assert!(deboil::clean_bytes(b"").removed().is_empty());
    assert_eq!(deboil::clean_bytes(b"").segments().count(), 0);
}

#[test]
fn one_large_line() {
    // A few MB here; the 50 MB case is measured in the benches.
    let line = PROSE.repeat(1 << 20 >> 6); // ~1.3 MB, one line, no newline
    check(&line);
    assert_eq!(deboil::clean(&line).body().len(), line.len());
    let no_space = "x".repeat(1 << 20);
    check(&no_space);
    let mut raw = no_space.into_bytes();
    raw[1 << 19] = 0xff;
    check_bytes(&raw);
}

#[test]
fn huge_first_line_then_many_lines() {
    // The first line is the title candidate that every later line is compared with: a
    // huge one must not make each comparison slow (the bench group `adv-huge-title`
    // measures the time).
    let mut text: String = (0..100_000).map(|i| format!("word{i} ")).collect();
    text.push('\n');
    for i in 0..20_000 {
        text.push_str(&format!("Line {i} of the harbour report, short.\n"));
    }
    check(&text);
}

#[test]
fn many_empty_lines() {
    let mut text = "Harbour wall to be rebuilt\n".to_owned();
    text.push_str(&"\n".repeat(50_000));
    text.push_str(PROSE);
    text.push_str(&"\r\n".repeat(25_000));
    text.push_str(PROSE2);
    text.push_str(&"\r".repeat(25_000));
    check(&text);
    assert_eq!(deboil::clean(&text).body(), format!("{PROSE}\n\n{PROSE2}"));
    // A million empty lines (the checker's own work is skipped at this size).
    let empty = "\n".repeat(1_000_000);
    let cleaned = deboil::clean(&empty);
    assert_eq!((cleaned.body(), cleaned.removed().len()), ("", 0));
}

#[test]
fn many_repeats_of_one_line() {
    let text = format!("{PROSE}\n").repeat(50_000);
    check(&text);
    let urls: String = (0..50_000)
        .map(|i| format!("https://example.com/{i}/image.jpg\n"))
        .collect();
    check(&urls);
}
