//! The command line: raw clap arguments (`args`), then a validated configuration (`config`).

mod args;
mod config;

pub use args::{Arguments, ColorChoice, Command, NewKind};
pub use config::default_now;
pub use config::{Config, parse_now, sources, ui_lang};
