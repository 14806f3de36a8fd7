//! Integration tests (one binary, `autotests = false`, for fast links).

mod api;
mod invariant;
mod seed;
