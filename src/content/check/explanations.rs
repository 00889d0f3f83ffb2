//! The grader's explanation templates (`details:`), the words they fill in (`detail_terms:`)
//! and the interface's words (`labels:` for the debrief, `briefing:`, `practice:`,
//! `certificate:`, `messages:`, and the
//! outcome reasons `outcomes:`):
//! every id the grader uses is written, in both languages, with only the placeholders that id
//! fills; an id the grader does not know is a typo. A trainer's file replaces a shipped
//! template with the same id.

use std::collections::BTreeMap;

use super::super::load::{Doc, Registry};
use super::super::problem::{Loc, Problem, did_you_mean};
use super::super::raw::{ActsFile, BiText, GapText};
use super::super::source::SourceFile;
use super::super::yaml::Located;
use super::{err, placeholders, translations};
use crate::lang::Lang;
use crate::report::messages::Message;
use crate::scoring::explain::{Explanations, Term, Why};

/// Checks the maps across the `intents/` files and resolves them.
pub fn explanations(
    files: &[SourceFile],
    docs: &[Doc<ActsFile>],
    problems: &mut Vec<Problem>,
) -> Explanations {
    let whys: Vec<(&str, &[&str])> = Why::ALL
        .iter()
        .map(|w| (w.id(), w.placeholders()))
        .collect();
    let terms: Vec<(&str, &[&str])> = Term::ALL
        .iter()
        .map(|t| (t.id(), t.placeholders()))
        .collect();
    let maps = (files, docs);
    Explanations {
        details: one_map(
            maps,
            Spec {
                field: "details",
                user: "user_grader",
                ids: &whys,
                home: "intents/details.yaml",
            },
            |d| &d.details,
            problems,
        ),
        terms: one_map(
            maps,
            Spec {
                field: "detail_terms",
                user: "user_grader",
                ids: &terms,
                home: "intents/details.yaml",
            },
            |d| &d.detail_terms,
            problems,
        ),
        labels: one_map(
            maps,
            Spec {
                field: "labels",
                user: "user_debrief",
                ids: crate::report::debrief::LABELS,
                home: "intents/labels.yaml",
            },
            |d| &d.labels,
            problems,
        )
        .into(),
        briefing: one_map(
            maps,
            Spec {
                field: "briefing",
                user: "user_briefing",
                ids: crate::report::briefing::LABELS,
                home: "intents/interface.yaml",
            },
            |d| &d.briefing,
            problems,
        )
        .into(),
        practice: one_map(
            maps,
            Spec {
                field: "practice",
                user: "user_practice",
                ids: crate::repl::texts::IDS,
                home: "intents/interface.yaml",
            },
            |d| &d.practice,
            problems,
        )
        .into(),
        certificate: one_map(
            maps,
            Spec {
                field: "certificate",
                user: "user_certificate",
                ids: crate::certification::view::LABELS,
                home: "intents/interface.yaml",
            },
            |d| &d.certificate,
            problems,
        )
        .into(),
        messages: one_map(
            maps,
            Spec {
                field: "messages",
                user: "user_command_line",
                ids: crate::report::messages::all_ids(),
                home: "intents/messages.yaml",
            },
            |d| &d.messages,
            problems,
        )
        .into(),
        outcomes: one_map(
            maps,
            Spec {
                field: "outcomes",
                user: "user_call",
                ids: crate::call::outcome::REASONS,
                home: "intents/outcomes.yaml",
            },
            |d| &d.outcomes,
            problems,
        )
        .into(),
    }
}

/// One map: its key, who uses it, its ids with their placeholders, and the file to name when
/// an id is missing from every file.
struct Spec<'s> {
    field: &'s str,
    /// The id of the words for who uses the map (`user_*` in intents/messages.yaml).
    user: &'static str,
    ids: &'s [(&'s str, &'s [&'s str])],
    home: &'s str,
}

type Map = BTreeMap<String, Located<BiText>>;

fn one_map(
    (files, docs): (&[SourceFile], &[Doc<ActsFile>]),
    spec: Spec,
    map: impl Fn(&ActsFile) -> &Map,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, GapText> {
    let Spec {
        field,
        user,
        ids: spec,
        home: fallback,
    } = spec;
    // An id the library lacks belongs to no file: name the last one holding this map (a
    // trainer's replacement comes after the shipped one), at its `field:` key, where the id
    // would go.
    let (home, home_at) =
        docs.iter()
            .rfind(|d| !map(&d.value).is_empty())
            .map_or((fallback, Loc::UNKNOWN), |d| {
                let file = &files[d.file];
                (file.path.as_str(), map_key(&file.text, field))
            });
    let mut ids = Registry::new("kind_explanation", files);
    let mut texts: BTreeMap<&str, (usize, &BiText)> = BTreeMap::new();
    for doc in docs {
        let file = &files[doc.file];
        // Split once per file: splitting per key made loading quadratic in the file's length.
        let lines: Vec<&str> = file.text.lines().collect();
        for (id, text) in map(&doc.value) {
            let at = key_above(&lines, text.loc, id);
            let Some((_, known)) = spec.iter().find(|(s, _)| s == id) else {
                let fix = match did_you_mean(id, spec.iter().map(|(s, _)| *s)) {
                    Some(s) => Message::new("check_did_you_mean").with("id", s),
                    None => Message::new("check_use_one_of").with(
                        "known",
                        spec.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", "),
                    ),
                };
                problems.push(err(
                    file,
                    at,
                    Message::new("check_map_id_unknown")
                        .with("field", field)
                        .with("id", id)
                        .word("user", user),
                    fix,
                ));
                continue;
            };
            translations(file, &format!("{field}.{id}"), text, problems);
            for lang in Lang::ALL {
                let line = match lang {
                    Lang::En => &text.value.en,
                    Lang::Zh => &text.value.zh,
                };
                if let Some(line) = line {
                    placeholders(file, line, known, problems);
                }
            }
            if ids.add(&Located::new(id.clone(), at), doc.file, problems) {
                texts.insert(id, (doc.file, &text.value));
            }
        }
    }
    for (id, known) in spec {
        if !texts.contains_key(id) {
            let slots: Vec<String> = known.iter().map(|p| format!("{{{p}}}")).collect();
            let fix = if slots.is_empty() {
                Message::new("check_map_id_missing_fix")
            } else {
                Message::new("check_map_id_missing_fix_slots").with("slots", slots.join(", "))
            };
            problems.push(
                Problem::error(
                    home,
                    home_at,
                    Message::new("check_map_id_missing")
                        .with("field", field)
                        .with("id", id)
                        .word("user", user),
                )
                .fix(fix.with("field", field).with("id", id)),
            );
        }
    }
    texts
        .into_iter()
        .filter(|(id, (file, _))| ids.entries.get(*id).is_some_and(|e| e.0 == *file))
        .map(|(id, (_, text))| {
            let get = |l: Lang| text.get(l).unwrap_or_default().to_string();
            (
                id.to_string(),
                GapText {
                    en: get(Lang::En),
                    zh: get(Lang::Zh),
                },
            )
        })
        .collect()
}

/// Where a top-level `field:` is written in `text` (the file parsed, so it is there; were it
/// not, no place is named).
fn map_key(text: &str, field: &str) -> Loc {
    let pattern = format!("{field}:");
    text.lines()
        .position(|l| l.starts_with(&pattern))
        .map_or(Loc::UNKNOWN, |i| {
            Loc::new(i as u32 + 1, 1).with_len(field.chars().count() as u32)
        })
}

/// Where `key:` is written for a value at `value_at`: on the value's line (`key: {en: ...}`) or
/// the nearest line above it (a block mapping starts on the line after its key).
fn key_above(lines: &[&str], value_at: Loc, key: &str) -> Loc {
    let last = (value_at.line as usize).min(lines.len());
    let pattern = format!("{key}:");
    (0..last)
        .rev()
        .take(3)
        .find_map(|i| {
            let b = lines[i].find(&pattern)?;
            Some(
                Loc::new(i as u32 + 1, lines[i][..b].chars().count() as u32 + 1)
                    .with_len(key.chars().count() as u32),
            )
        })
        .unwrap_or(value_at)
}
