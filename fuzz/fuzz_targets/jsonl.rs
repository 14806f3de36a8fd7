//! The `jsonl` record parser and stream: one record per line, never a panic.
#![no_main]

use deboil::jsonl::{process_line, run, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cleaner = deboil::Cleaner::new();
    // One line: a record or an error, and the error record is valid JSON.
    match process_line(&cleaner, data) {
        Ok(v) => assert!(v.is_object()),
        Err(e) => {
            let record: serde_json::Value =
                serde_json::from_str(&e.record(1)).expect("the error record is JSON");
            assert!(record.is_object());
        }
    }
    // The stream: exactly one output line per input line.
    let mut out = Vec::new();
    let opts = Options::default().max_line(4096).batch(7);
    let summary = run(data, &mut out, &opts).expect("in-memory I/O");
    let lines_in =
        data.split(|&b| b == b'\n').count() - usize::from(data.ends_with(b"\n") || data.is_empty());
    assert_eq!(summary.lines as usize, lines_in);
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), lines_in);
});
