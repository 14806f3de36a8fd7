//! The builder with arbitrary patterns, names and rule orders: `build()` returns a
//! cleaner or an error, never panics; a built cleaner keeps the invariant.
#![no_main]

use deboil::{Category, Cleaner, CleanerBuilder};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

mod common;

#[derive(Arbitrary, Debug)]
enum Op {
    Add {
        name: String,
        category: u8,
        pattern: String,
    },
    Keep {
        name: String,
        pattern: String,
    },
    Remove(String),
    RemoveBuiltin(u8),
    RemoveCategory(u8),
    MoveBefore(u8, u8),
    MoveAfter(u8, u8),
    MoveNamed(String, String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    empty: bool,
    ops: Vec<Op>,
    text: String,
}

fuzz_target!(|input: Input| {
    let names: Vec<String> = Cleaner::new().rules().map(|r| r.name.to_owned()).collect();
    let name = |k: u8| names[k as usize % names.len()].as_str();
    let category = |k: u8| Category::ALL[k as usize % Category::ALL.len()];
    let mut b = if input.empty {
        CleanerBuilder::empty()
    } else {
        Cleaner::builder()
    };
    for op in input.ops.iter().take(16) {
        match op {
            Op::Add {
                name,
                category: c,
                pattern,
            } => b.add_rule(name, category(*c), pattern),
            Op::Keep { name, pattern } => b.keep_rule(name, pattern),
            Op::Remove(n) => b.remove_rule(n),
            Op::RemoveBuiltin(k) => b.remove_rule(name(*k)),
            Op::RemoveCategory(c) => b.remove_category(category(*c)),
            Op::MoveBefore(x, y) => b.move_before(name(*x), name(*y)),
            Op::MoveAfter(x, y) => b.move_after(name(*x), name(*y)),
            Op::MoveNamed(x, y) => b.move_after(x, y),
        };
    }
    if let Ok(cleaner) = b.build() {
        common::check(&cleaner, &input.text);
    }
});
