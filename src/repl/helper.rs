//! The rustyline helper: completes slash commands.

use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::commands::NAMES;

pub struct SlashHelper;

/// The commands that start with what was typed, when it is a slash word.
pub fn complete(line: &str) -> Vec<String> {
    if !line.starts_with('/') || line.contains(char::is_whitespace) {
        return Vec::new();
    }
    NAMES
        .iter()
        .filter(|n| n.starts_with(line))
        .map(|n| n.to_string())
        .collect()
}

impl Completer for SlashHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok((0, complete(line.get(..pos).unwrap_or(line))))
    }
}

impl Hinter for SlashHelper {
    type Hint = String;
}
impl Highlighter for SlashHelper {}
impl Validator for SlashHelper {}
impl Helper for SlashHelper {}

#[cfg(test)]
mod tests {
    #[test]
    fn completes_slash_commands_only() {
        assert_eq!(super::complete("/he"), vec!["/help"]);
        assert!(super::complete("/r").contains(&"/restart".to_string()));
        assert!(super::complete("hello").is_empty());
    }
}
