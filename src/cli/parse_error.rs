//! clap's own errors (an unknown flag, a missing argument, a bad value) in the interface
//! language: the same layout as clap's (the error, tips, usage, where to read more) with the
//! words of intents/messages.yaml (`parse_*`). A kind clap rarely gives keeps clap's English.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::report::messages::Say;

/// clap's indent for a tip and a listed value.
const TAB: &str = "  ";

/// `error` said in `say`'s language, or `None` for a kind said only in clap's English.
pub fn render(error: &clap::Error, say: &Say) -> Option<String> {
    let mut out = say.text("error_prefix", &[]);
    out.push_str(&headline(error, say)?);
    let mut tips = Vec::new();
    for (kind, one, many) in [
        (
            ContextKind::SuggestedSubcommand,
            "parse_tip_subcommand",
            "parse_tip_subcommands",
        ),
        (
            ContextKind::SuggestedArg,
            "parse_tip_argument",
            "parse_tip_arguments",
        ),
        (
            ContextKind::SuggestedValue,
            "parse_tip_value",
            "parse_tip_values",
        ),
    ] {
        let names = match error.get(kind) {
            Some(ContextValue::String(name)) => vec![name.clone()],
            Some(ContextValue::Strings(names)) => names.clone(),
            _ => continue,
        };
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let id = if names.len() == 1 { one } else { many };
        tips.push(say.text(id, &[("names", quoted.join(", "))]));
    }
    // Tips clap words itself (e.g. `-- --flag` to pass a flag as a value) stay as clap says them.
    if let Some(ContextValue::StyledStrs(more)) = error.get(ContextKind::Suggested) {
        tips.extend(more.iter().map(ToString::to_string));
    }
    if !tips.is_empty() {
        out.push('\n');
    }
    for tip in tips {
        out.push_str(&format!("\n{TAB}{}{tip}", say.text("parse_tip", &[])));
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        // clap's usage comes with its English heading; the heading is said here instead.
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        out.push_str(&format!(
            "\n\n{}{usage}",
            say.text("help_heading_usage", &[])
        ));
    }
    out.push_str("\n\n");
    out.push_str(&say.line("parse_more", &[]));
    Some(out)
}

/// The first line (and the values listed under it) for `error`'s kind.
fn headline(error: &clap::Error, say: &Say) -> Option<String> {
    let string = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let strings = |kind| match error.get(kind) {
        Some(ContextValue::Strings(s)) => Some(s.clone()),
        _ => None,
    };
    let listed = |head: String, values: Vec<String>| {
        let mut text = head;
        for v in values {
            text.push_str(&format!("\n{TAB}{v}"));
        }
        text
    };
    let arg = || string(ContextKind::InvalidArg);
    Some(match error.kind() {
        ErrorKind::UnknownArgument => say.text("parse_unknown_argument", &[("arg", arg()?)]),
        ErrorKind::InvalidSubcommand => say.text(
            "parse_unknown_subcommand",
            &[("name", string(ContextKind::InvalidSubcommand)?)],
        ),
        ErrorKind::MissingRequiredArgument => listed(
            say.text("parse_missing", &[]),
            strings(ContextKind::InvalidArg)?,
        ),
        ErrorKind::InvalidValue => {
            let value = string(ContextKind::InvalidValue)?;
            let mut text = if value.is_empty() {
                say.text("parse_value_required", &[("arg", arg()?)])
            } else {
                say.text("parse_invalid_value", &[("arg", arg()?), ("value", value)])
            };
            if let Some(values) = strings(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                let values = ("values", values.join(", "));
                text.push_str(&format!(
                    "\n{TAB}{}",
                    say.text("parse_possible_values", &[values])
                ));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            say.text(
                "parse_invalid_value_reason",
                &[
                    ("arg", arg()?),
                    ("value", string(ContextKind::InvalidValue)?),
                    ("reason", reason),
                ],
            )
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg()?;
            match error.get(ContextKind::PriorArg) {
                Some(ContextValue::String(other)) if *other == arg => {
                    say.text("parse_used_twice", &[("arg", arg)])
                }
                Some(ContextValue::String(other)) => {
                    say.text("parse_conflict", &[("arg", arg), ("other", other.clone())])
                }
                Some(ContextValue::Strings(others)) => listed(
                    say.text("parse_conflict_many", &[("arg", arg)]),
                    others.clone(),
                ),
                _ => return None,
            }
        }
        ErrorKind::NoEquals => say.text("parse_no_equals", &[("arg", arg()?)]),
        _ => return None,
    })
}
