//! `clean` and `clean_bytes` on arbitrary bytes, with both engines: no panic, exact tiling.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let cleaner = deboil::Cleaner::new();
    common::check_bytes(&cleaner, data);
    common::check(&cleaner, &String::from_utf8_lossy(data));
    let fast = deboil::Cleaner::fast();
    common::check_bytes(&fast, data);
    common::check(&fast, &String::from_utf8_lossy(data));
});
