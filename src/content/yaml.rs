//! The one place that knows which YAML crate we use (serde-saphyr: maintained, pure Rust, located
//! errors, duplicate keys refused). Everything else sees `parse` and `Located<T>`.

use std::borrow::Cow;
use std::sync::Arc;

use regex::Regex;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use super::problem::{Loc, Problem, did_you_mean};
use crate::lang::Lang;
use crate::report::messages::{Message, Say};

/// A value with the position it was written at, so checks after parsing can still point at it.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Located<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Located { value, loc }
    }
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let at = spanned.referenced;
        let len = at.span().len();
        let loc = Loc::new(at.line() as u32, at.column() as u32).with_len(len.min(200) as u32);
        Ok(Located {
            value: spanned.value,
            loc,
        })
    }
}

impl<T: JsonSchema> JsonSchema for Located<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// Limits that keep a hostile file (alias bomb, deep nesting) cheap to refuse.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_aliases = 1_000;
    budget.max_depth = 64;
    budget.max_nodes = 500_000;
    budget.max_documents = 1;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 100_000;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options.with_snippet = false;
    options
}

/// Parses one document into `T`, or explains (with position and fix) why it cannot be.
pub fn parse<T: DeserializeOwned>(path: &str, text: &Arc<str>) -> Result<T, Problem> {
    serde_saphyr::from_str_with_options::<T>(text, options())
        .map_err(|e| to_problem(path, text, &e))
}

fn to_problem(path: &str, text: &Arc<str>, error: &serde_saphyr::Error) -> Problem {
    let mut loc = error
        .location()
        .map(|l| Loc::new(l.line() as u32, l.column() as u32))
        .unwrap_or(Loc::new(1, 1));
    let raw = error.without_snippet().to_string();
    let mut message = strip_position(&raw);
    let lower = message.to_lowercase();
    // Said in a trainer's words where we know the cause, else the parser's own (English) text
    // after a lead-in.
    let mut said = None;
    // The parser reports some problems where it noticed them, not where they are: move the
    // position to the cause, and say it in a trainer's words.
    if lower.contains("tab") && !lower.contains("duplicate") {
        if let Some(at) = first_tab(text, loc.line) {
            loc = at;
        }
    } else if lower.contains("quoted scalar") || lower.contains("unclosed quote") {
        if let Some(at) = unclosed_quote(text, loc.line) {
            loc = at;
            said = Some(Message::new("yaml_unclosed_quote"));
        }
    } else if lower.contains("duplicate mapping key") {
        message = message
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(&message)
            .to_string();
    } else if lower.contains("documents") && lower.contains("budget") {
        said = Some(Message::new("yaml_documents"));
    } else if lower.starts_with("invalid")
        && let Some(key) = key_at(text, loc.line)
    {
        said = Some(
            Message::new("yaml_invalid_for_key")
                .with("error", &message)
                .with("key", key),
        );
    }
    let said = said.unwrap_or_else(|| Message::new("yaml_error").with("error", message));
    // The fix is chosen by the English text, the parser's words as they are matched.
    let english = Say::shipped_ref(Lang::En).say(&said);
    let fix = fix_for(&english, text, loc);
    let mut problem = Problem::error(path, loc, said).with_source(text);
    problem.fix = fix.map(Box::new);
    problem
}

/// The first tab at or after `line` (1-based), where a tab actually is.
fn first_tab(text: &str, line: u32) -> Option<Loc> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1) as usize)
        .find_map(|(i, l)| {
            l.find('\t')
                .map(|b| Loc::new(i as u32 + 1, l[..b].chars().count() as u32 + 1))
        })
}

/// The nearest line at or before `line` whose double quotes do not pair up: where a quote opens.
fn unclosed_quote(text: &str, line: u32) -> Option<Loc> {
    let lines: Vec<&str> = text.lines().collect();
    let last = (line as usize).min(lines.len());
    (0..last).rev().find_map(|i| {
        let l = lines[i];
        let mut open = None;
        let mut escaped = false;
        for (b, c) in l.char_indices() {
            match c {
                '\\' if open.is_some() => escaped = !escaped,
                '"' if !escaped => open = if open.is_some() { None } else { Some(b) },
                '#' if open.is_none() && (b == 0 || l[..b].ends_with(' ')) => break,
                _ => escaped = false,
            }
        }
        open.map(|b| Loc::new(i as u32 + 1, l[..b].chars().count() as u32 + 1))
    })
}

/// The mapping key written on `line`, for messages that only name a type.
fn key_at(text: &str, line: u32) -> Option<String> {
    let l = text.lines().nth(line.saturating_sub(1) as usize)?;
    let key = l
        .trim_start()
        .trim_start_matches("- ")
        .split(':')
        .next()?
        .trim();
    (!key.is_empty() && key.len() < 40 && !key.contains(' ')).then(|| key.to_string())
}

static POSITION_SUFFIX: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"\s*at line \d+, column \d+\s*$").expect("valid regex")
});
static UNKNOWN_NAME: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"unknown (field|variant) `([^`]*)`, expected (?:one of )?(.*)$")
        .expect("valid regex")
});

fn strip_position(message: &str) -> String {
    let m = POSITION_SUFFIX.replace(message, "");
    m.trim().to_string()
}

/// A one-line fix for the messages trainers meet most often.
fn fix_for(message: &str, text: &str, loc: Loc) -> Option<Message> {
    if let Some(caps) = UNKNOWN_NAME.captures(message) {
        let what = &caps[1];
        let wrong = &caps[2];
        let expected: Vec<&str> = caps[3]
            .split(',')
            .map(|s| s.trim().trim_matches('`').trim())
            .filter(|s| !s.is_empty())
            .collect();
        return Some(match did_you_mean(wrong, expected.iter().copied()) {
            Some(best) => Message::new("check_did_you_mean").with("id", best),
            None => Message::new("yaml_fix_known_names")
                .word(
                    "what",
                    if what == "field" {
                        "yaml_fields"
                    } else {
                        "yaml_variants"
                    },
                )
                .with("known", expected.join(", ")),
        });
    }
    let lower = message.to_lowercase();
    let line = text
        .lines()
        .nth(loc.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let id = if lower.contains("duplicate mapping key") {
        "yaml_fix_duplicate_key"
    } else if lower.contains("more than one yaml document") {
        "yaml_fix_documents"
    } else if lower.contains("mapping values are not allowed") {
        "yaml_fix_colon"
    } else if lower.contains("recursion") || lower.contains("depth") || lower.contains("nesting") {
        "yaml_fix_depth"
    } else if lower.contains("tab") {
        "yaml_fix_tab"
    } else if lower.contains("unclosed quote") || lower.contains("quoted scalar") {
        "yaml_fix_quote"
    } else if lower.starts_with("missing field") {
        "yaml_fix_missing_field"
    } else if lower.contains("budget") || lower.contains("alias") {
        "yaml_fix_aliases"
    } else if lower.contains("invalid") || lower.contains("expected") {
        if line.contains(": ") {
            "yaml_fix_type"
        } else {
            "yaml_fix_type_indent"
        }
    } else if lower.contains("end of input") {
        "yaml_fix_end"
    } else {
        return None;
    };
    Some(Message::new(id))
}
