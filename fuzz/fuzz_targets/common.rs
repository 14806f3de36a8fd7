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
    let kept: String = cleaned
        .segments()
        .filter(|s| s.is_kept())
        .map(|s| s.text)
        .collect();
    let kept = kept.strip_prefix('\u{feff}').unwrap_or(&kept);
    let mut out = String::new();
    let mut blank = false;
    for line in kept.replace("\r\n", "\n").split(['\n', '\r']) {
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
