//! The one integration-test crate: a fluent harness (`harness`) and one module per concern.

mod broken_files;
mod certification;
mod foundation;
mod harness;
mod help_language;
mod interface_language;
mod outcome_reasons;
mod persona;
mod problem_language;
mod repl;
mod scoring;
mod terminal;
mod understanding;
