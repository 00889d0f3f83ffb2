//! The command line: raw clap arguments (`args`), then a validated configuration (`config`);
//! `localize` gives clap's help, and `parse_error` clap's errors, in the interface language.

mod args;
mod config;
mod localize;
mod parse_error;

pub use args::{Arguments, ColorChoice, Command, NewKind};
pub use config::default_now;
pub use config::{Config, parse_now, sources, ui_lang};
pub use localize::{help_ids, lang_before_parse, parse};
pub use parse_error::render as say_parse_error;
