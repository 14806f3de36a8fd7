//! Integration tests (one binary, `autotests = false`, for fast links).

mod api;
mod bad_input;
mod cli;
mod expected_body;
mod invariant;
mod jsonl;
mod models;
mod properties;
mod regressions;
mod report;
mod rule_errors;
mod seed;
