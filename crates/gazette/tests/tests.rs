//! End-to-end tests of the `gazette` command, one binary split by topic (as ripgrep does).

mod util;

mod analyze;
mod errors;
mod eval;
mod nasty;
mod readers;
mod train;
