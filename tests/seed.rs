//! The seed shape: headline, caption and credit, two article paragraphs, then subscribe,
//! newsletter and paywall boxes, a byline and an author bio.

use deboil::Category;

fn categories_of(cleaned: &deboil::Cleaned<'_>, needle: &str) -> Vec<Category> {
    let input = cleaned.input();
    cleaned
        .removed()
        .iter()
        .filter(|r| input[r.span].contains(needle))
        .map(|r| r.category)
        .collect()
}

#[test]
fn sample_page_comes_out_clean() {
    let text = include_str!("../examples/sample.txt");
    let cleaned = deboil::clean(text);
    assert_eq!(
        cleaned.title(),
        Some("Harbour town votes to rebuild its old sea wall")
    );
    assert_eq!(cleaned.byline(), Some("Lena Morrow, The Coastal Courier"));
    let paragraphs: Vec<&str> = cleaned.body().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 2, "{}", cleaned.body());
    assert!(paragraphs[0].starts_with("The town council of Port Ellery voted"));
    assert!(paragraphs[1].starts_with("Work is expected to begin in April"));
    assert_eq!(
        categories_of(&cleaned, "A crane lifts"),
        [Category::Caption]
    );
    assert_eq!(categories_of(&cleaned, "Getty Images"), [Category::Image]);
    assert_eq!(
        categories_of(&cleaned, "SUBSCRIBE & SAVE"),
        [Category::Subscribe]
    );
    assert_eq!(categories_of(&cleaned, "promo-banner"), [Category::Image]);
    assert_eq!(
        categories_of(&cleaned, "Sign up for our free"),
        [Category::Newsletter]
    );
    assert_eq!(categories_of(&cleaned, "Lena has worked"), [Category::Bio]);
    assert_eq!(
        categories_of(&cleaned, "All rights reserved"),
        [Category::Footer]
    );
}

/// The project's seed page, when `../shared` is beside the repository: the body is
/// exactly its two article paragraphs (taken from the input itself, not copied here).
#[test]
fn shared_seed_when_present() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/000_ab50ee73de9beb9a.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let para = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .expect("paragraph")
    };
    let expected = format!(
        "{}\n\n{}",
        para("On Sunday, Iraq said"),
        para("The new, formal agreement")
    );
    let cleaned = deboil::clean(&text);
    assert_eq!(cleaned.body(), expected);
    assert_eq!(cleaned.title(), text.lines().next());
    assert_eq!(cleaned.byline(), Some(para("Peter Weber")));
    let caption = para("John Kerry meets");
    assert_eq!(categories_of(&cleaned, caption), [Category::Caption]);
    assert_eq!(categories_of(&cleaned, "(Image credit"), [Category::Image]);
    for (needle, category) in [
        ("Subscribe to", Category::Subscribe),
        ("SUBSCRIBE & SAVE", Category::Subscribe),
        ("https://", Category::Image),
        ("Free Newsletters", Category::Newsletter),
        ("To continue reading", Category::Subscribe),
        ("Already a subscriber", Category::Subscribe),
        ("has worked as", Category::Bio),
    ] {
        assert_eq!(categories_of(&cleaned, needle), [category], "{needle}");
    }
    // Every removed line is named by a rule.
    for seg in cleaned.segments().filter(|s| !s.is_kept()) {
        assert!(!seg.removal.unwrap().rule.is_empty());
    }
}
