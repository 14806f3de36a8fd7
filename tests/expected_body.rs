//! The body a result's kept segments imply: the reference the tiling checks compare
//! `Cleaned::body` with. Shared by `tests/invariant.rs` and the fuzz targets (which
//! include this file by path), so both check the same thing.

use deboil::Cleaned;

/// The body the kept segments imply: lines trimmed at the end, blank runs collapsed; the
/// kept parts of one input line (a long line's sub-lines with removed ones between them)
/// joined by a space.
pub fn expected_body(cleaned: &Cleaned<'_>) -> String {
    // The kept lines, split segment by segment (a `\r` ending one kept segment and a `\n`
    // starting the next are two line ends, not one CRLF).
    let mut lines: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    let input = cleaned.input();
    for seg in cleaned.segments().filter(|s| s.is_kept()) {
        let mut rest = seg.text;
        // The same input line as the last kept segment's end: no line end since.
        let joined = prev_end.is_some_and(|end| {
            !input[end..seg.span.start].contains(['\n', '\r'])
                && !input[..end].ends_with(['\n', '\r'])
        });
        prev_end = Some(seg.span.end);
        if joined {
            let at = rest.find(['\n', '\r']).unwrap_or(rest.len());
            if let Some(last) = lines.last_mut() {
                *last = format!("{} {}", last.trim_end(), &rest[..at]).into();
            }
            rest = &rest[at..];
            if !rest.is_empty() {
                rest = &rest[if rest.starts_with("\r\n") { 2 } else { 1 }..];
            }
        }
        if seg.span.start == 0 {
            // A byte order mark at the start of the input is an encoding artifact: kept
            // in the spans, not in the body. Anywhere else it is text.
            rest = rest.strip_prefix('\u{feff}').unwrap_or(rest);
        }
        while !rest.is_empty() {
            match rest.find(['\n', '\r']) {
                Some(i) => {
                    lines.push(rest[..i].into());
                    let n = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                    rest = &rest[i + n..];
                }
                None => {
                    lines.push(rest.into());
                    rest = "";
                }
            }
        }
    }
    let mut out = String::new();
    let mut blank = false;
    for line in &lines {
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
