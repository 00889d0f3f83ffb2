//! collectsim: an offline, reproducible, bilingual training simulator for debt-collection calls.

pub mod content;
pub mod error;
pub mod lang;
pub mod understanding;

pub use error::Error;
pub mod call;
pub mod cli;
pub mod commands;
pub mod persona;
pub mod repl;
pub mod report;
mod run;
pub mod scoring;

pub use run::run;
pub mod certification;
