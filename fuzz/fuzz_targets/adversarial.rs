//! Crafted shapes (issue 24) built from the fuzzer's choices: many lines sharing a prefix or
//! a suffix, repeats and near repeats, a first line of many title parts. Both engines keep
//! the invariant, and the work of the tables keyed by input text stays within a constant
//! times the lines (`deboil::profiling::work`).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

mod common;

#[derive(Arbitrary, Debug)]
struct Shape {
    /// 0: shared prefix, 1: shared suffix, 2: title parts, 3: near repeats.
    kind: u8,
    lines: u16,
    step: u16,
    fill: String,
    separator: u8,
    repeat: u8,
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut v = String::new();
    for _ in 0..5 {
        v.push(DIGITS[n % 36] as char);
        n /= 36;
    }
    v
}

fn build(s: &Shape) -> String {
    let n = usize::from(s.lines % 4096);
    let step = 2 * usize::from(s.step) + 1;
    let fill: String = s.fill.chars().filter(|c| *c != '\n' && *c != '\r').take(64).collect();
    let mut text = String::new();
    match s.kind % 4 {
        0 | 1 => {
            for i in 0..n {
                let v = base36(i * step);
                let line = if s.kind % 4 == 0 { format!("{fill}{v}") } else { format!("{v}{fill}") };
                for _ in 0..=usize::from(s.repeat % 4) {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        }
        2 => {
            let sep = [" | ", " - ", " — ", " – ", " :: ", " · "][usize::from(s.separator) % 6];
            let parts: Vec<String> = (0..n).map(|i| format!("{fill}{}", base36(i * step))).collect();
            text.push_str(&parts.join(sep));
            text.push('\n');
            for (i, p) in parts.iter().enumerate() {
                if i % (usize::from(s.repeat) + 2) == 0 {
                    text.push_str(&p.to_uppercase());
                } else {
                    text.push_str(&base36(i));
                }
                text.push('\n');
            }
        }
        _ => {
            let base = if fill.is_empty() { "Sign up for our newsletter".to_owned() } else { fill };
            for i in 0..n {
                let mut line: Vec<char> = base.chars().collect();
                let at = (i * step) % line.len();
                line[at] = char::from(b'a' + (i % 26) as u8);
                text.extend(line);
                text.push('\n');
            }
        }
    }
    text
}

fuzz_target!(|shape: Shape| {
    let text = build(&shape);
    let w = deboil::profiling::work(&text);
    assert!(w.copy_probes <= 3 * w.lines + 16, "{w:?}");
    assert!(w.key_crowding <= 3 * w.keys + 64, "{w:?}");
    assert!(w.title_steps <= w.title_parts + 8 * w.lines + 8, "{w:?}");
    common::check(&deboil::Cleaner::new(), &text);
    common::check(&deboil::Cleaner::fast(), &text);
});
