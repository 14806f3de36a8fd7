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

const PROSE: &str =
    "The council voted on Tuesday to rebuild the harbour wall after two winter storms left it cracked.";

/// A downstream function that returns the result of cleaning a text it owns.
fn clean_owned(text: String) -> deboil::Document {
    deboil::clean(&text).into_owned()
}

#[test]
fn owned_results_outlive_the_input_and_cross_threads() {
    let page = format!("Share this article\n{PROSE}\nAdvertisement\n");
    let doc = clean_owned(page.clone());
    assert_eq!(doc.body, PROSE);
    assert_eq!(doc.removed.len(), 2);
    assert_eq!(doc.to_string(), PROSE);
    // Sent over a channel from worker threads.
    let (tx, rx) = std::sync::mpsc::channel();
    let workers: Vec<_> = (0..3)
        .map(|i| {
            let tx = tx.clone();
            let text = format!("Advertisement\n{PROSE} ({i})\n");
            std::thread::spawn(move || tx.send((i, clean_owned(text))).unwrap())
        })
        .collect();
    drop(tx);
    for w in workers {
        w.join().unwrap();
    }
    let mut got: Vec<(i32, deboil::Document)> = rx.iter().collect();
    got.sort_by_key(|(i, _)| *i);
    assert_eq!(got.len(), 3);
    for (i, doc) in got {
        assert_eq!(doc.body, format!("{PROSE} ({i})"));
        assert_eq!(doc.removed[0].category, Category::Advert);
    }
    // The owned result equals the borrowed one's parts.
    let cleaned = deboil::clean(&page);
    let doc = cleaned.clone().into_owned();
    assert_eq!(doc.title.as_deref(), cleaned.title());
    assert_eq!(doc.removed, cleaned.removed());
    // And so for raw bytes.
    let bytes = deboil::clean_bytes(page.as_bytes()).into_owned();
    assert_eq!(bytes, doc);
}

#[test]
fn serde_round_trips_in_the_flat_shape() {
    let page = format!("Storm hits coast | The Planet\nStorm hits coast\nBy Omar Reyes\n{PROSE}\nShare this article\n");
    let cleaned = deboil::clean(&page);
    let json = serde_json::to_value(&cleaned).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys.len(), 4);
    for k in ["title", "byline", "body", "removed"] {
        assert!(json.get(k).is_some(), "{k} missing: {json}");
    }
    assert_eq!(json["title"], "Storm hits coast");
    assert_eq!(json["byline"], "By Omar Reyes");
    let first = &json["removed"][0];
    assert_eq!(first["start"], 0);
    assert!(first.get("span").is_none(), "flat, not nested: {first}");
    assert!(first["end"].is_u64() && first["rule"].is_string() && first["category"].is_string());
    // Cleaned and its owned Document serialise alike, and the Document reads back.
    let text = serde_json::to_string(&cleaned).unwrap();
    let doc = cleaned.clone().into_owned();
    assert_eq!(serde_json::to_string(&doc).unwrap(), text);
    let back: deboil::Document = serde_json::from_str(&text).unwrap();
    assert_eq!(back, doc);
    // The same shape from raw bytes.
    let bytes = deboil::clean_bytes(page.as_bytes());
    assert_eq!(serde_json::to_string(&bytes).unwrap(), text);
    // Each Removal on its own.
    let r = &cleaned.removed()[0];
    let back: Removal = serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap();
    assert_eq!(&back, r);
    let r: Removal =
        serde_json::from_str(r#"{"start": 3, "end": 9, "rule": "mine", "category": "advert"}"#)
            .unwrap();
    assert_eq!(r, Removal::new(Span::new(3, 9), "mine", Category::Advert));
    assert!(serde_json::from_str::<Removal>(
        r#"{"start": 3, "end": 9, "rule": "x", "category": "nope"}"#
    )
    .is_err());
}

#[test]
fn clean_batch_takes_owned_strings() {
    let texts: Vec<String> = (0..20)
        .map(|i| format!("Advertisement\n{PROSE} Item {i}.\n"))
        .collect();
    let cleaner = Cleaner::new();
    let batch = cleaner.clean_batch(&texts);
    assert_eq!(batch.len(), 20);
    for (i, (c, t)) in batch.iter().zip(&texts).enumerate() {
        assert_eq!(c, &cleaner.clean(t));
        assert!(c.body().ends_with(&format!("Item {i}.")));
    }
    let docs: Vec<deboil::Document> = batch.into_iter().map(Cleaned::into_owned).collect();
    drop(texts);
    assert_eq!(docs[3].removed[0].category, Category::Advert);
    // Other AsRef<str> types.
    let boxed: Vec<Box<str>> = vec![format!("Advertisement\n{PROSE}").into()];
    assert_eq!(cleaner.clean_batch(&boxed)[0].body(), PROSE);
    let cows = [std::borrow::Cow::Borrowed(PROSE)];
    assert_eq!(cleaner.clean_batch(&cows)[0].body(), PROSE);
}

#[test]
fn char_offsets_index_the_text_by_character() {
    let page = format!("Publicité — «offre»\n{PROSE}\nPartagez cet article 😀\n");
    let cleaned = deboil::clean(&page);
    let chars: Vec<char> = page.chars().collect();
    let by_char = cleaned.removed_chars();
    assert_eq!(by_char.len(), cleaned.removed().len());
    assert!(!by_char.is_empty());
    for (c, b) in by_char.iter().zip(cleaned.removed()) {
        let via_chars: String = chars[c.span.start..c.span.end].iter().collect();
        assert_eq!(via_chars, &page[b.span]);
        assert_eq!((&c.rule, c.category), (&b.rule, b.category));
    }
}

#[test]
fn category_display_pads() {
    assert_eq!(format!("{:<10}|", Category::Share), "share     |");
    assert_eq!(format!("{:>10}|", Category::LowContent), "low-content|");
}

#[test]
fn the_page_title_line_is_a_title_span_and_no_metadata_is_left_without_its_rule() {
    let page = format!(
        "Storm hits coast | The Planet\nHome\nNews\n\nStorm hits coast\n\n{PROSE}\n\n{PROSE}\n"
    );
    let cleaner = Cleaner::builder().remove_rule("metadata").build().unwrap();
    for c in [Cleaner::new(), cleaner] {
        let cleaned = c.clean(&page);
        assert_eq!(cleaned.title(), Some("Storm hits coast"));
        let first = &cleaned.removed()[0];
        assert_eq!((first.span.start, first.category), (0, Category::Title));
        assert!(
            cleaned
                .removed()
                .iter()
                .all(|r| r.category != Category::Metadata),
            "{:?}",
            cleaned.removed()
        );
    }
}
