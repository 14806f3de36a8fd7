//! The generated models (`src/classifier/model.rs`, `src/classifier/fast_model.rs`) carry their
//! pedigree in a header (see `docs/TRAINING.md`); the feature names it lists must be the
//! code's, in the code's order, or the trees would read the wrong slots.

use deboil::training::{CONTEXT_NAMES, FAST_NAMES, FAST_NAMES2, FEATURE_NAMES};

const MODEL: &str = include_str!("../src/classifier/model.rs");
const FAST_MODEL: &str = include_str!("../src/classifier/fast_model.rs");

/// The names of the header line `//! {stage} features (by index): 0 a, 1 b, ….`, checking
/// that the indices count up from 0.
fn header_names<'a>(model: &'a str, stage: &str) -> Vec<&'a str> {
    let prefix = format!("//! {stage} features (by index): ");
    let line = model
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` line in the header"));
    line.trim_end_matches('.')
        .split(", ")
        .enumerate()
        .map(|(i, item)| {
            let (index, name) = item.split_once(' ').expect("`index name`");
            assert_eq!(index, i.to_string(), "{stage} feature {name}");
            name
        })
        .collect()
}

fn assert_header(model: &str, command: &str) {
    let header: Vec<&str> = model.lines().take_while(|l| l.starts_with("//!")).collect();
    assert!(
        header[0].starts_with("//! GENERATED FILE, DO NOT EDIT"),
        "{}",
        header[0]
    );
    assert!(
        header.contains(&format!("//! Command: `{command}`").as_str()),
        "{header:#?}"
    );
    assert!(header
        .iter()
        .any(|l| l.starts_with("//! Trainer revision: ")));
    let corpus = header
        .iter()
        .find_map(|l| l.strip_prefix("//! Corpus: SHA-1 "))
        .expect("a corpus hash");
    assert!(
        corpus[..40].bytes().all(|b| b.is_ascii_hexdigit()),
        "{corpus}"
    );
}

#[test]
fn default_model_header_names_the_code_features() {
    assert_eq!(header_names(MODEL, "First-stage"), FEATURE_NAMES);
    let stacked: Vec<&str> = FEATURE_NAMES
        .iter()
        .chain(&CONTEXT_NAMES)
        .copied()
        .collect();
    assert_eq!(header_names(MODEL, "Second-stage"), stacked);
}

#[test]
fn fast_model_header_names_the_code_features() {
    assert_eq!(header_names(FAST_MODEL, "First-stage"), FAST_NAMES);
    assert_eq!(header_names(FAST_MODEL, "Second-stage"), FAST_NAMES2);
}

#[test]
fn model_headers_say_generated_by_which_command_from_which_corpus() {
    assert_header(MODEL, "cargo run --release -p deboil-tools --bin train");
    assert_header(
        FAST_MODEL,
        "cargo run --release -p deboil-tools --bin train -- --fast",
    );
}
