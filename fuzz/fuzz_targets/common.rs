//! The invariant every fuzz target checks (the same as `tests/invariant.rs`).
#![allow(dead_code)] // each target uses only some checks

use deboil::{Cleaned, Cleaner};

/// Kept and removed segments tile `text` exactly, on char boundaries, and the body is
/// the kept text with only whitespace normalised.
pub fn check(cleaner: &Cleaner, text: &str) {
    let cleaned = cleaner.clean(text);
    let mut pos = 0;
    for seg in cleaned.segments() {
        assert_eq!(seg.span.start, pos, "gap or overlap");
        assert!(seg.span.end > seg.span.start, "empty segment");
        assert!(text.is_char_boundary(seg.span.end));
        pos = seg.span.end;
    }
    assert_eq!(pos, text.len(), "segments do not reach the end");
    assert_eq!(cleaned.body(), expected_body(&cleaned));
}

/// Raw bytes through `clean_bytes`: segments tile the original bytes.
pub fn check_bytes(cleaner: &Cleaner, bytes: &[u8]) {
    let cleaned = cleaner.clean_bytes(bytes);
    let mut pos = 0;
    for seg in cleaned.segments() {
        assert_eq!(seg.span.start, pos, "gap or overlap");
        assert!(seg.span.end > seg.span.start, "empty segment");
        pos = seg.span.end;
    }
    assert_eq!(pos, bytes.len(), "segments do not reach the end");
    let lossy = String::from_utf8_lossy(bytes);
    assert_eq!(cleaned.body(), cleaner.clean(&lossy).body());
}

fn expected_body(cleaned: &Cleaned<'_>) -> String {
    // The kept lines, split segment by segment (a `\r` ending one kept segment and a `\n`
    // starting the next are two line ends, not one CRLF).
    let mut lines: Vec<&str> = Vec::new();
    for seg in cleaned.segments().filter(|s| s.is_kept()) {
        let mut rest = seg.text;
        if seg.span.start == 0 {
            // A byte order mark at the start of the input is an encoding artifact: kept
            // in the spans, not in the body. Anywhere else it is text.
            rest = rest.strip_prefix('\u{feff}').unwrap_or(rest);
        }
        while !rest.is_empty() {
            match rest.find(['\n', '\r']) {
                Some(i) => {
                    lines.push(&rest[..i]);
                    let n = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                    rest = &rest[i + n..];
                }
                None => {
                    lines.push(rest);
                    rest = "";
                }
            }
        }
    }
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank {
                out.push('\n');
            }
        }
        blank = false;
        out.push_str(line);
    }
    out
}
