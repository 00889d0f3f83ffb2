//! Named pattern slots: a cue pattern writes `{harm}` and every filler of that slot, listed once
//! under `slots:`, takes its place. A risky frame ("someone of ours + comes to + your home") is
//! then one pattern over wide word classes, and widening a class widens every frame that uses it,
//! instead of each pattern carrying its own short, drifting list.

use std::collections::BTreeMap;

use super::load::Doc;
use super::problem::Problem;
use super::raw::{ActsFile, BiList};
use super::source::SourceFile;
use super::yaml::Located;
use crate::lang::Lang;
use crate::report::messages::Message;

/// How deep slots may name other slots: enough for a class built of classes, and a loop stops.
const MAX_DEPTH: usize = 4;

/// A pattern that compiles and matches nothing, in place of one whose slot could not be filled.
const NEVER: &str = r"[^\s\S]";

/// Replaces every `{name}` in the cue patterns of `docs` by the slot's fillers for the pattern's
/// language, as a non-capturing group; a name no file defines is reported where it is written.
pub fn expand(files: &[SourceFile], docs: &mut [Doc<ActsFile>], problems: &mut Vec<Problem>) {
    let mut slots: BTreeMap<String, [Vec<String>; 2]> = BTreeMap::new();
    for doc in docs.iter() {
        for (name, list) in &doc.value.slots {
            let entry = slots.entry(name.clone()).or_default();
            for (i, lang) in Lang::ALL.into_iter().enumerate() {
                entry[i].extend(list.value.get(lang).iter().map(|f| f.value.clone()));
            }
        }
    }
    for doc in docs.iter_mut() {
        let file = &files[doc.file];
        let lists = doc
            .value
            .acts
            .iter_mut()
            .flat_map(|a| a.cues.iter_mut())
            .chain(doc.value.cues.values_mut().flat_map(|g| g.value.iter_mut()))
            .map(|g| &mut g.patterns)
            .chain(doc.value.slots.values_mut().map(|l| &mut l.value));
        for list in lists {
            expand_list(file, list, &slots, problems);
        }
    }
}

fn expand_list(
    file: &SourceFile,
    list: &mut BiList,
    slots: &BTreeMap<String, [Vec<String>; 2]>,
    problems: &mut Vec<Problem>,
) {
    for (i, lang) in Lang::ALL.into_iter().enumerate() {
        for pattern in list.get_mut(lang) {
            match expand_one(&pattern.value, i, slots, 0) {
                Ok(text) => pattern.value = text,
                Err(message) => {
                    problems.push(problem(file, pattern, lang, message, slots));
                    // Reported once, here: the pattern then matches nothing rather than also
                    // failing as a regex over its unexpanded `{name}`.
                    pattern.value = NEVER.to_string();
                }
            }
        }
    }
}

fn problem(
    file: &SourceFile,
    pattern: &Located<String>,
    lang: Lang,
    message: Message,
    slots: &BTreeMap<String, [Vec<String>; 2]>,
) -> Problem {
    let known: Vec<String> = slots.keys().map(|k| format!("{{{k}}}")).collect();
    let fix = if known.is_empty() {
        Message::new("slot_define_fix").with("example", "slots: {name: {en: [...], zh: [...]}}")
    } else {
        Message::new("slot_define_known_fix")
            .with("lang", lang.code())
            .with("known", known.join(", "))
    };
    Problem::error(&file.path, pattern.loc, message)
        .with_source(&file.text)
        .fix(fix)
}

/// `pattern` with its slots replaced; `lang` indexes a slot's fillers. A `{` after a backslash is
/// a literal brace and `{2}`, `{0,20}` are repetitions: only `{letters_and_digits}` is a slot.
fn expand_one(
    pattern: &str,
    lang: usize,
    slots: &BTreeMap<String, [Vec<String>; 2]>,
    depth: usize,
) -> Result<String, Message> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find('{') {
        let escaped = rest[..at].ends_with('\\') && !rest[..at].ends_with("\\\\");
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let is_slot = !escaped
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && after[name_len..].starts_with('}');
        if !is_slot {
            out.push_str(&rest[..=at]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        let Some(fillers) = slots.get(name) else {
            return Err(Message::new("slot_unknown").with("slot", format!("{{{name}}}")));
        };
        let fillers = &fillers[lang];
        if fillers.is_empty() {
            return Err(Message::new("slot_no_fillers").with("slot", format!("{{{name}}}")));
        }
        if depth >= MAX_DEPTH {
            return Err(Message::new("slot_too_deep")
                .with("slot", format!("{{{name}}}"))
                .with("depth", MAX_DEPTH));
        }
        out.push_str("(?:");
        for (i, filler) in fillers.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.push_str(&expand_one(filler, lang, slots, depth + 1)?);
        }
        out.push(')');
        rest = &after[name_len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots() -> BTreeMap<String, [Vec<String>; 2]> {
        let mut s = BTreeMap::new();
        s.insert(
            "you".to_string(),
            [
                vec!["you".into(), "u".into()],
                vec!["你".into(), "您".into()],
            ],
        );
        s.insert("hit".to_string(), [vec!["beat {you}".into()], vec![]]);
        s.insert("loop".to_string(), [vec!["{loop}".into()], vec![]]);
        s
    }

    #[test]
    fn slots_expand_per_language_and_leave_repetitions_alone() {
        let s = slots();
        assert_eq!(
            expand_one(r"\b{you}\b.{0,20}x{2}", 0, &s, 0).unwrap(),
            r"\b(?:you|u)\b.{0,20}x{2}"
        );
        assert_eq!(expand_one("找{you}", 1, &s, 0).unwrap(), "找(?:你|您)");
        assert_eq!(expand_one("{hit}", 0, &s, 0).unwrap(), "(?:beat (?:you|u))");
        assert_eq!(expand_one(r"\{you}", 0, &s, 0).unwrap(), r"\{you}");
    }

    #[test]
    fn unknown_empty_and_looping_slots_are_errors() {
        let s = slots();
        let id = |pattern: &str, lang: usize| expand_one(pattern, lang, &s, 0).unwrap_err().id;
        assert_eq!(id("{nope}", 0), "slot_unknown");
        assert_eq!(id("{hit}", 1), "slot_no_fillers");
        assert_eq!(id("{loop}", 0), "slot_too_deep");
    }
}
