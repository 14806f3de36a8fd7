//! Inputs that once crashed or misbehaved, kept so they never do again. Crashes found by
//! the fuzz targets (`fuzz/`) go in `tests/regressions/` as files: every file there is
//! run through `clean`, `clean_bytes`, the builder and the `jsonl` record parser.

use deboil::{Category, Cleaner};

use crate::invariant::{check, check_bytes};

/// `move_after(x, x)` inserted past the end of the rule list and panicked.
#[test]
fn moving_a_rule_next_to_itself() {
    let n = Cleaner::new().rules().len();
    for b in [
        Cleaner::builder().move_after("share", "share").build(),
        Cleaner::builder()
            .move_before("line-classifier", "line-classifier")
            .build(),
        Cleaner::builder()
            .add_rule("x", Category::Other, "x+")
            .move_after("x", "x")
            .build(),
    ] {
        assert!(b.unwrap().rules().len() >= n);
    }
}

/// A leading byte order mark ended up in the title and the body.
#[test]
fn byte_order_mark_in_title() {
    let text = "\u{feff}Storm closes coast road\nSubscribe to The Coast Herald\n\nThe coast road was closed on Friday after the storm washed part of it away.\n";
    check(text);
    assert_eq!(deboil::clean(text).title(), Some("Storm closes coast road"));
}

/// Every saved input in `tests/regressions/`.
#[test]
fn saved_inputs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let cleaner = Cleaner::new();
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        check_bytes(&bytes);
        check(&String::from_utf8_lossy(&bytes));
        let _ = deboil::jsonl::process_line(&cleaner, &bytes);
        // As a pattern too (the builder target).
        let text = String::from_utf8_lossy(&bytes);
        let _ = Cleaner::builder()
            .add_rule("fuzz", Category::Other, &text)
            .build()
            .map(|c| crate::invariant::check_with(&c, &text));
    }
}

/// Found by the `builder` fuzz target: a byte order mark that is not at the start of the
/// input is text, and stays in the body (the checker used to strip it).
#[test]
fn byte_order_mark_after_a_removed_line() {
    let text = "z1\u{e}E\n\u{feff}";
    check(text);
    check_bytes(text.as_bytes());
}

/// Found by the `builder` fuzz target: a kept line ending in a lone `\r`, removed lines,
/// then a kept blank line. The body keeps the blank line (the checker used to glue the
/// `\r` and the blank line's `\n` into one CRLF).
#[test]
fn lone_cr_then_removed_lines_then_blank_line() {
    let text = "\\\u{1}h\nh$Ep,p\na\rp\n'=,p\n\nha\n`\n";
    check(text);
    check_bytes(text.as_bytes());
    check("Title line here\nThe first paragraph is here and it is long.\rShare this article\n\nThe second paragraph follows the blank line.\n");
}
