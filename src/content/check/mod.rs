//! Cross-file checks: references, contradictions, missing translations. Each kind has a file.

mod acts;
mod exam;
mod explanations;
mod persona;
mod rubric;
mod scenario;

pub use acts::acts;
pub use exam::exam;
pub use explanations::explanations;
pub use persona::persona;
pub use rubric::rubric;
pub use scenario::scenario;

use super::load::Registry;
use super::problem::{Loc, Problem};
use super::raw::{BiList, BiText};
use super::source::{Origin, SourceFile};
use super::yaml::Located;
use crate::lang::Lang;
use crate::report::messages::Message;
use crate::understanding::entities::EntityKind;

/// What every check can look up.
pub struct Context<'a> {
    pub files: &'a [SourceFile],
    pub acts: &'a Registry<'a>,
    pub personas: &'a Registry<'a>,
    pub rubrics: &'a Registry<'a>,
    pub scenarios: &'a Registry<'a>,
}

/// The act ids the analyser produces itself, beyond the catalogue.
pub const BUILTIN_ACTS: [&str; 1] = ["unclear"];

impl Context<'_> {
    pub fn act_ref(&self, file: &SourceFile, act: &Located<String>, problems: &mut Vec<Problem>) {
        if !self.acts.contains(&act.value) && !BUILTIN_ACTS.contains(&act.value.as_str()) {
            problems.push(self.acts.unknown(file, act));
        }
    }
}

pub fn id_format(file: &SourceFile, id: &Located<String>) -> Option<Problem> {
    let ok = !id.value.is_empty()
        && id.value.len() <= 64
        && id.value.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        });
    (!ok).then(|| {
        err(
            file,
            id.loc,
            Message::new("check_id_invalid").with("id", &id.value),
            Message::new("check_id_invalid_fix"),
        )
    })
}

/// Both languages present and non-empty.
pub fn translations(
    file: &SourceFile,
    field: &str,
    text: &Located<BiText>,
    problems: &mut Vec<Problem>,
) {
    for lang in Lang::ALL {
        let missing = text.value.get(lang).is_none_or(|t| t.trim().is_empty());
        if missing {
            problems.push(err(
                file,
                text.loc,
                Message::new("check_translation_missing")
                    .with("field", field)
                    .with("lang", lang),
                Message::new("check_translation_missing_fix")
                    .with("field", field)
                    .with("lang", lang),
            ));
        }
    }
}

/// Lists in both languages: one side empty while the other is not is a missing translation.
pub fn list_translations(
    file: &SourceFile,
    field: &str,
    list: &BiList,
    at: Loc,
    problems: &mut Vec<Problem>,
) {
    for lang in Lang::ALL {
        let other = super::raw::other(lang);
        if list.get(lang).is_empty() && !list.get(other).is_empty() {
            let loc = list.get(other).first().map(|l| l.loc).unwrap_or(at);
            problems.push(err(
                file,
                loc,
                Message::new("check_lines_missing")
                    .with("field", field)
                    .with("other", other)
                    .with("lang", lang),
                Message::new("check_lines_missing_fix")
                    .with("other", other)
                    .with("lang", lang),
            ));
        }
    }
}

/// A regex that will not compile is reported where it is written; one that waits for an
/// index placeholder (`\{amount\}`) is warned about: patterns read the line as typed, where
/// amounts, dates and names are still words, so it never matches.
pub fn regex(file: &SourceFile, pattern: &Located<String>, problems: &mut Vec<Problem>) {
    // Start-up checks every built-in pattern: most hold no escaped brace at all.
    if let Some(name) = pattern
        .value
        .contains("\\{")
        .then(|| {
            EntityKind::ALL.iter().map(|k| k.placeholder()).find(|p| {
                let name = p.trim_matches(['{', '}']);
                pattern.value.contains(&format!("\\{{{name}\\}}"))
            })
        })
        .flatten()
    {
        problems.push(warn(
            file,
            pattern.loc,
            Message::new("check_pattern_placeholder").with("placeholder", name),
            Message::new("check_pattern_placeholder_fix"),
        ));
    }
    // Compiling is what finds a pattern too large, and it costs about a millisecond each:
    // the built-in library's patterns are compiled by a test instead of at every start-up.
    if file.origin == Origin::Builtin {
        return;
    }
    if let Err(e) = crate::understanding::prefilter::compile(&pattern.value) {
        let first = e
            .to_string()
            .lines()
            .last()
            .unwrap_or("invalid")
            .trim()
            .trim_start_matches("error:")
            .trim()
            .to_string();
        problems.push(err(
            file,
            pattern.loc,
            Message::new("check_regex_invalid").with("error", first),
            Message::new("check_regex_invalid_fix"),
        ));
    }
}

/// Where a top-level `key:` is written, pointing at its value.
pub fn key_loc(text: &str, key: &str) -> Option<Loc> {
    let prefix = format!("{key}:");
    text.lines().enumerate().find_map(|(i, l)| {
        let rest = l.strip_prefix(&prefix)?;
        let value_col = prefix.len() + (rest.len() - rest.trim_start().len()) + 1;
        Some(Loc::new(i as u32 + 1, value_col as u32).with_len(rest.trim().chars().count() as u32))
    })
}

/// The position of `key` on the line of `value_at` (map keys carry no position of their own).
pub fn key_on_line(text: &str, value_at: Loc, key: &str) -> Loc {
    let Some(line) = text.lines().nth(value_at.line.saturating_sub(1) as usize) else {
        return value_at;
    };
    match line.find(key) {
        Some(b) => Loc::new(value_at.line, line[..b].chars().count() as u32 + 1)
            .with_len(key.chars().count() as u32),
        None => value_at,
    }
}

pub fn err(file: &SourceFile, loc: Loc, message: Message, fix: Message) -> Problem {
    Problem::error(&file.path, loc, message)
        .with_source(&file.text)
        .fix(fix)
}

pub fn warn(file: &SourceFile, loc: Loc, message: Message, fix: Message) -> Problem {
    Problem::warning(&file.path, loc, message)
        .with_source(&file.text)
        .fix(fix)
}

/// Every `{name}` in `line` is one of `known`; an unknown one gets a did-you-mean.
pub fn placeholders(
    file: &SourceFile,
    line: &Located<String>,
    known: &[&str],
    problems: &mut Vec<Problem>,
) {
    let mut rest = line.value.as_str();
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            problems.push(err(
                file,
                line.loc,
                Message::new("check_brace_unclosed").with("brace", "{"),
                Message::new("check_brace_unclosed_fix").with("example", "{name}"),
            ));
            return;
        };
        let name = &after[..end];
        if !known.contains(&name) {
            let fix = match crate::content::problem::did_you_mean(name, known.iter().copied()) {
                Some(s) => Message::new("check_did_you_mean").with("id", format!("{{{s}}}")),
                None => Message::new("check_use_one_of").with("known", known.join(", ")),
            };
            problems.push(err(
                file,
                line.loc,
                Message::new("check_placeholder_unknown")
                    .with("placeholder", format!("{{{name}}}")),
                fix,
            ));
        }
        rest = &after[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use crate::content::raw::Check;
    use crate::lang::Lang;
    use crate::understanding::narrow::narrow;
    use crate::understanding::prefilter::{SIZE_LIMIT, compile};

    /// Start-up skips compiling the built-in library's patterns (see `regex`): this is where
    /// they are compiled, as written and narrowed as the analyser runs them.
    #[test]
    fn every_built_in_pattern_compiles_within_the_size_limit() {
        let pack = crate::content::load::builtin().expect("built-in content loads");
        let mut patterns: Vec<String> = Vec::new();
        for act in pack.acts.values() {
            for group in &act.cues {
                for lang in Lang::ALL {
                    for p in group.patterns.get(lang) {
                        patterns.push(p.value.clone());
                    }
                }
            }
        }
        for rubric in pack.rubrics.values() {
            for rule in &rubric.rules {
                let list = match &rule.check {
                    Check::Trigger { borrower, .. } => borrower,
                    Check::Pattern { patterns, .. } => patterns,
                    _ => continue,
                };
                for lang in Lang::ALL {
                    patterns.extend(list.get(lang).iter().map(|p| p.value.clone()));
                }
            }
        }
        assert!(
            patterns.len() > 500,
            "only {} patterns found",
            patterns.len()
        );
        for p in &patterns {
            let built = compile(p);
            assert!(built.is_ok(), "{p}: {built:?}");
            // `compile` falls back to the pattern as written: the narrowed one must build too.
            let narrowed = regex::RegexBuilder::new(&narrow(p))
                .size_limit(SIZE_LIMIT)
                .build();
            assert!(narrowed.is_ok(), "{p} narrowed: {narrowed:?}");
        }
    }
}
