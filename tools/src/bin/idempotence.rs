//! Measures idempotence: how much of the body a second cleaning removes.
//!
//! ```text
//! cargo run --release -p deboil-tools --bin idempotence -- ../shared/corpus/dev htmltext resili
//! cargo run --release -p deboil-tools --bin idempotence -- --fast   # the fast engine
//! ```
//!
//! For each `*.<variant>.txt` file in the folder, cleans it, cleans the body again, and
//! reports the share of body bytes the second pass removed (over all pages, by rule,
//! and the worst pages); then the same for the title and body together, as the `clean`
//! example prints them.

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    // `--fast` (anywhere): the fast engine (`Cleaner::fast`).
    let fast = std::env::args().skip(1).any(|a| a == "--fast");
    let cleaner = if fast {
        deboil::Cleaner::fast()
    } else {
        deboil::Cleaner::new()
    };
    let mut args = std::env::args().skip(1).filter(|a| a != "--fast");
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/corpus/dev".to_owned());
    let mut variants: Vec<String> = args.collect();
    if variants.is_empty() {
        variants = vec!["htmltext".into(), "resili".into(), "markdown".into()];
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for variant in &variants {
        let suffix = format!(".{variant}.txt");
        let (mut pages, mut changed, mut body_bytes, mut lost_bytes) = (0, 0, 0usize, 0usize);
        let mut worst: Vec<(f64, String)> = Vec::new();
        let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
        // Second variant: clean what the `clean` example prints (title, blank line, body).
        let (mut printed_bytes, mut printed_lost) = (0usize, 0usize);
        for path in files
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(&suffix))
        {
            let bytes = std::fs::read(path)?;
            let first = cleaner.clean_bytes(&bytes);
            if let Some(title) = first.title() {
                let printed = format!("{title}\n\n{}", first.body());
                let again = cleaner.clean(&printed);
                printed_bytes += first.body().len();
                printed_lost += first.body().len() - again.body().len().min(first.body().len());
            }
            let body = first.into_body();
            let again = cleaner.clean(&body);
            let lost = body.len() - again.body().len().min(body.len());
            for r in again.removed() {
                *by_rule.entry(r.rule.to_string()).or_default() += r.span.len();
            }
            pages += 1;
            body_bytes += body.len();
            lost_bytes += lost;
            if lost > 0 {
                changed += 1;
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                worst.push((lost as f64 / body.len() as f64, name.into_owned()));
            }
        }
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!(
            "{variant}: {pages} pages, second pass removes {:.2}% of body bytes; {changed} pages change",
            100.0 * lost_bytes as f64 / body_bytes.max(1) as f64
        );
        println!(
            "    title + body (as `clean` prints it): second pass removes {:.2}% of body bytes",
            100.0 * printed_lost as f64 / printed_bytes.max(1) as f64
        );
        let mut rules: Vec<_> = by_rule.into_iter().collect();
        rules.sort_by_key(|r| std::cmp::Reverse(r.1));
        let rules: Vec<String> = rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
        println!("    removed bytes by rule: {}", rules.join(", "));
        for (share, name) in worst.iter().take(3) {
            println!("    {:5.1}%  {name}", 100.0 * share);
        }
    }
    Ok(())
}
