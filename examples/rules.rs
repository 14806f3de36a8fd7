//! Prints the default rule set as a Markdown table, in the order the rules run.
//!
//! ```text
//! cargo run --example rules
//! ```

fn main() {
    println!("| rule | category | removes |");
    println!("|---|---|---|");
    for r in deboil::Cleaner::new().rules() {
        println!(
            "| `{}` | {} | {} |",
            r.name,
            r.category,
            r.description.replace('|', "\\|")
        );
    }
}
