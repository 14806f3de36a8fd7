//! The body a result's kept segments imply: the reference the tiling checks compare
//! `Cleaned::body` with. Shared by `tests/invariant.rs` and the fuzz targets (which
//! include this file by path), so both check the same thing.

use deboil::Cleaned;

/// The body the kept segments imply: lines trimmed at the end, blank runs collapsed.
pub fn expected_body(cleaned: &Cleaned<'_>) -> String {
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
