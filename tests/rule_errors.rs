//! Custom rules: every bad pattern or name is a clear `Error` from `build()`, never a
//! panic or a hang; good but greedy patterns keep the invariant.

use deboil::{Category, Cleaner, CleanerBuilder, Error};

use crate::invariant::check_with;

fn add(pattern: &str) -> Result<Cleaner, Error> {
    Cleaner::builder()
        .add_rule("custom", Category::Other, pattern)
        .build()
}

#[test]
fn invalid_regexes() {
    for pattern in [
        "(",
        ")",
        "[a-",
        "a{2,1}",
        r"\p{Nope}",
        r"\",
        "(?=x)",
        r"(a)\1",
        "*a",
        "(?P<n>a)(?P<n>b)",
    ] {
        match add(pattern) {
            Err(e @ Error::InvalidPattern { .. }) => {
                assert_eq!(
                    e.to_string(),
                    format!("rule `custom`: invalid pattern `{pattern}`")
                );
                let source = std::error::Error::source(&e).expect("regex error as source");
                // The explanation points into the user's own pattern, not a wrapper.
                let source = source.to_string();
                assert!(source.contains(pattern), "{pattern:?}: {source}");
                assert!(!source.contains("^(?:"), "{pattern:?}: {source}");
            }
            other => panic!("{pattern:?}: expected InvalidPattern, got {other:?}"),
        }
    }
}

#[test]
fn pattern_over_the_size_limit() {
    // Small to write, huge once compiled: nested counted repetition.
    for pattern in [
        r"\w{1000}{1000}",
        r"(?:[\p{L}\p{N}]{100}){100}",
        "a{100000}",
    ] {
        let err = add(pattern).unwrap_err();
        assert!(
            matches!(err, Error::InvalidPattern { ref name, .. } if name == "custom"),
            "{pattern}: {err:?}"
        );
    }
}

#[test]
fn empty_pattern_and_patterns_matching_the_empty_string() {
    for pattern in [
        "", "a*", "(?:)", "x?", "a|", r"\s*", ".*", "(?:a*)*", "^$", "(?i)",
    ] {
        match add(pattern) {
            Err(e @ Error::EmptyMatch { .. }) => {
                assert_eq!(
                    e.to_string(),
                    "rule `custom`: pattern matches the empty string"
                );
            }
            other => panic!("{pattern:?}: expected EmptyMatch, got {other:?}"),
        }
    }
    // keep_rule is checked the same way.
    let err = Cleaner::builder().keep_rule("k", "").build().unwrap_err();
    assert!(matches!(err, Error::EmptyMatch { .. }));
}

#[test]
fn duplicate_names() {
    // Two added rules.
    let err = Cleaner::builder()
        .add_rule("promo", Category::Advert, "a+")
        .add_rule("promo", Category::Advert, "b+")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::DuplicateRule { ref name } if name == "promo"));
    assert_eq!(err.to_string(), "duplicate rule name `promo`");
    // An added rule and a built-in one, and a keep rule.
    for builtin in ["subscribe", "line-classifier", "title"] {
        let err = Cleaner::builder()
            .keep_rule(builtin, "a+")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::DuplicateRule { .. }), "{builtin}");
    }
    // After removing the built-in rule, its name is free again.
    let c = Cleaner::builder()
        .remove_rule("share")
        .add_rule("share", Category::Share, "share me")
        .build()
        .unwrap();
    assert_eq!(c.rules().filter(|r| r.name == "share").count(), 1);
}

#[test]
fn unknown_names() {
    let cases: [fn(&mut CleanerBuilder) -> &mut CleanerBuilder; 6] = [
        |b| b.remove_rule("nope"),
        |b| b.move_before("nope", "share"),
        |b| b.move_before("share", "nope"),
        |b| b.move_after("nope", "share"),
        |b| b.move_after("share", "nope"),
        |b| b.remove_rule("share").move_after("share", "cookie"),
    ];
    for (k, case) in cases.iter().enumerate() {
        let err = case(&mut Cleaner::builder()).build().unwrap_err();
        assert!(
            matches!(err, Error::UnknownRule { .. }),
            "case {k}: {err:?}"
        );
        assert!(err.to_string().starts_with("unknown rule `"));
    }
    let err = CleanerBuilder::empty()
        .remove_rule("share")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::UnknownRule { ref name } if name == "share"));
}

#[test]
fn invalid_names() {
    let long = "x".repeat(65);
    for name in [
        "",
        "with space",
        "tab\t",
        "ünïcode",
        "semi;colon",
        "new\nline",
        long.as_str(),
    ] {
        let err = Cleaner::builder()
            .add_rule(name, Category::Other, "a+")
            .build()
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidName { .. }),
            "{name:?}: {err:?}"
        );
    }
    assert!(Cleaner::builder()
        .add_rule(&"x".repeat(64), Category::Other, "a+")
        .build()
        .is_ok());
}

#[test]
fn the_first_error_is_reported_and_nothing_panics() {
    let err = Cleaner::builder()
        .add_rule("ok", Category::Other, "a+")
        .add_rule("bad", Category::Other, "(")
        .remove_rule("nope")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPattern { ref name, .. } if name == "bad"));
    // A builder can be built twice, and moving a rule next to itself is harmless.
    let mut b = Cleaner::builder();
    b.move_after("share", "share")
        .move_before("cookie", "cookie");
    let n = Cleaner::new().rules().len();
    assert_eq!(b.build().unwrap().rules().len(), n);
    assert_eq!(b.build().unwrap().rules().len(), n);
}

#[test]
fn greedy_custom_rules_keep_the_invariant() {
    let text = include_str!("../examples/sample.txt");
    for pattern in [".+", r"(?s).+", r"[\s\S]+", r"\w+.*", "(?:a|b|c|.)+"] {
        let cleaner = add(pattern).unwrap();
        check_with(&cleaner, text);
        let cleaned = cleaner.clean(text);
        assert_eq!(cleaned.body(), "", "{pattern}");
    }
    // Keep everything, then the defaults can decide nothing.
    let cleaner = Cleaner::builder().keep_rule("all", ".+").build().unwrap();
    check_with(&cleaner, text);
    // Pathological-looking patterns stay linear (the regex crate has no backtracking).
    let cleaner = add("(?:a+)+b").unwrap();
    let line = "a".repeat(100_000);
    check_with(&cleaner, &line);
}

/// Patterns that are invalid alone but would be valid once wrapped as `^(?:…)$`: they
/// would escape the anchoring and match (or protect) every line.
const ESCAPES: [&str; 5] = [
    "Sponsored)|(.+",
    "a)|(?:.*",
    ")|(",
    "x)|.+|(y",
    "ad)|(?s:.)+|(b",
];

#[test]
fn patterns_escaping_their_anchoring_are_rejected() {
    for pattern in ESCAPES {
        for builder in [
            Cleaner::builder()
                .add_rule("r", Category::Advert, pattern)
                .clone(),
            Cleaner::builder().keep_rule("r", pattern).clone(),
        ] {
            let err = builder.build().unwrap_err();
            let Error::InvalidPattern {
                name,
                pattern: given,
                ..
            } = &err
            else {
                panic!("{pattern:?}: expected InvalidPattern, got {err:?}");
            };
            assert_eq!((name.as_str(), given.as_str()), ("r", pattern));
            assert_eq!(
                err.to_string(),
                format!("rule `r`: invalid pattern `{pattern}`")
            );
            let source = std::error::Error::source(&err).unwrap().to_string();
            assert!(source.contains(pattern), "{source}");
        }
    }
}

#[test]
fn a_pattern_matches_whole_lines_whatever_its_flags() {
    let lines = |cleaner: &Cleaner, text: &str| -> Vec<String> {
        let cleaned = cleaner.clean(text);
        cleaned
            .removed()
            .iter()
            .flat_map(|r| text[r.span.start..r.span.end].lines())
            .map(str::to_owned)
            .collect()
    };
    let text = "Sponsored by\nSponsored by Acme\nsponsored\nSponsored\nxSponsored\n";
    // A comment in verbose mode cannot swallow the end of the anchoring.
    let verbose = CleanerBuilder::empty()
        .add_rule("v", Category::Advert, r"(?x) sponsored \  by  # the label")
        .build()
        .unwrap();
    assert_eq!(lines(&verbose, text), ["Sponsored by"]);
    // An inline flag keeps its meaning (case-sensitive here), still on whole lines.
    let exact = CleanerBuilder::empty()
        .add_rule("e", Category::Advert, "(?-i)Sponsored")
        .build()
        .unwrap();
    assert_eq!(lines(&exact, text), ["Sponsored"]);
    // An alternation at the top level is anchored as a whole.
    let either = CleanerBuilder::empty()
        .add_rule("a", Category::Advert, "sponsored|sponsored by")
        .build()
        .unwrap();
    assert_eq!(
        lines(&either, text),
        ["Sponsored by", "sponsored", "Sponsored"]
    );
}

#[test]
fn errors_compare_and_clone() {
    let a = add("(").unwrap_err();
    let b = add("(").unwrap_err();
    assert_eq!(a, b);
    assert_eq!(a.clone(), a);
    assert_ne!(a, add(")").unwrap_err());
    assert_ne!(a, add("").unwrap_err());
}
