//! Public API shape: traits, builder errors, rule listing.

use deboil::{Category, Cleaned, Cleaner, CleanerBuilder, Error, Removal, Span};

#[test]
fn public_types_are_send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Cleaner>();
    assert_send_sync::<CleanerBuilder>();
    assert_send_sync::<Cleaned<'static>>();
    assert_send_sync::<Removal>();
    assert_send_sync::<Span>();
    assert_send_sync::<Category>();
    assert_send_sync::<Error>();
}

#[test]
fn errors_are_std_errors_with_sources() {
    let err = Cleaner::builder()
        .add_rule("x", Category::Other, "(")
        .build()
        .unwrap_err();
    let dyn_err: &(dyn std::error::Error + Send + Sync + 'static) = &err;
    assert!(dyn_err.source().is_some());
    assert_eq!(err.to_string(), "rule `x`: invalid pattern `(`");
}

#[test]
fn oversized_pattern_is_an_error() {
    let huge = format!(
        "(?:{})",
        (0..20_000)
            .map(|i| format!("w{i}x"))
            .collect::<Vec<_>>()
            .join("|")
    );
    let pat = format!("{huge}{{50}}");
    let err = Cleaner::builder()
        .add_rule("big", Category::Other, &pat)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPattern { .. }));
}

#[test]
fn custom_rule_removes_and_keep_rule_protects() {
    let cleaner = Cleaner::builder()
        .add_rule("tip-line", Category::Other, r"got a tip\? .*")
        .keep_rule("keep-follow", r"follow the money")
        .build()
        .unwrap();
    let text = "Got a tip? Write to us\nFollow the money\nThe audit found that the fund had lost track of several million in grants.";
    let cleaned = cleaner.clean(text);
    assert_eq!(cleaned.removed().len(), 1);
    assert_eq!(&*cleaned.removed()[0].rule, "tip-line");
    assert!(cleaned.body().starts_with("Follow the money"));
}

#[test]
fn same_input_same_output_across_threads() {
    let text = include_str!("../examples/sample.txt");
    let cleaner = Cleaner::new();
    let here = cleaner.clean(text).removed().to_vec();
    let there = std::thread::scope(|s| {
        s.spawn(|| cleaner.clean(text).removed().to_vec())
            .join()
            .unwrap()
    });
    assert_eq!(here, there);
}

#[test]
fn every_rule_has_a_unique_name_and_description() {
    let cleaner = Cleaner::new();
    let mut names: Vec<&str> = cleaner.rules().map(|r| r.name).collect();
    assert!(cleaner.rules().all(|r| !r.description.is_empty()));
    let n = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), n);
}

#[test]
fn readme_rule_table_matches_rules() {
    let readme = include_str!("../README.md");
    let table: Vec<(String, String)> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| rule |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(|c| c.trim().trim_matches('`')).collect();
            (cells[1].to_owned(), cells[2].to_owned())
        })
        .collect();
    let rules: Vec<(String, String)> = Cleaner::new()
        .rules()
        .map(|r| (r.name.to_owned(), r.category.to_string()))
        .collect();
    assert_eq!(table, rules, "README rule table is out of date");
}
