//! The invariant every fuzz target checks (the same as `tests/invariant.rs`; the reference body comes from its shared file).
#![allow(dead_code)] // each target uses only some checks

use deboil::Cleaner;

#[path = "../../tests/expected_body.rs"]
mod expected_body;
use expected_body::expected_body;

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
