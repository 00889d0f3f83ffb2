//! The dialogue-act catalogue: translations, regexes, risky acts' rule ids, examples under two acts.

use std::collections::{HashMap, HashSet};

use super::{Context, err, list_translations, regex, translations, warn};
use crate::content::load::Doc;
use crate::content::problem::Problem;
use crate::content::raw::{ActsFile, CueGroup};
use crate::content::yaml::Located;
use crate::lang::Lang;
use crate::report::messages::Message;

pub fn acts(ctx: &Context, docs: &[Doc<ActsFile>], problems: &mut Vec<Problem>) {
    // example text (normalised) -> (act id, file, loc) of its first use
    let mut seen: HashMap<(Lang, String), (String, usize)> = HashMap::new();
    let risky: HashSet<&str> = docs
        .iter()
        .flat_map(|d| &d.value.acts)
        .filter(|a| a.risk.is_some())
        .map(|a| a.id.value.as_str())
        .collect();
    let known: Vec<&str> = docs
        .iter()
        .flat_map(|d| &d.value.acts)
        .map(|a| a.id.value.as_str())
        .collect();
    for doc in docs {
        let file = &ctx.files[doc.file];
        if let Some(language) = &doc.value.language {
            labelled(file, &language.labelled, &known, problems);
        }
        for (act, groups) in &doc.value.cues {
            let id = Located::new(act.clone(), groups.loc);
            cue_groups(
                file,
                &id,
                risky.contains(act.as_str()),
                &groups.value,
                problems,
            );
        }
        for (act, list) in &doc.value.examples {
            for lang in Lang::ALL {
                for example in list.value.get(lang) {
                    let key = (lang, normalise(&example.value));
                    match seen.get(&key) {
                        Some((other, _)) if other != act => problems.push(err(
                            file,
                            example.loc,
                            Message::new("check_example_two_acts")
                                .with("example", &example.value)
                                .with("first", other)
                                .with("second", act),
                            Message::new("check_example_two_acts_fix"),
                        )),
                        Some(_) => {}
                        None => {
                            seen.insert(key, (act.clone(), doc.file));
                        }
                    }
                }
            }
        }
        for act in &doc.value.acts {
            translations(file, "description", &act.description, problems);
            list_translations(file, "examples", &act.examples, act.id.loc, problems);
            if act.examples.is_empty() && act.cues.is_empty() {
                problems.push(err(
                    file,
                    act.id.loc,
                    Message::new("check_act_unrecognisable").with("act", &act.id.value),
                    Message::new("check_act_unrecognisable_fix"),
                ));
            }
            if let Some(risk) = &act.risk
                && risk.category.value.name() != act.id.value
            {
                problems.push(warn(
                    file,
                    risk.category.loc,
                    Message::new("check_risky_act_category")
                        .with("act", &act.id.value)
                        .with("category", risk.category.value.name()),
                    Message::new("check_risky_act_category_fix"),
                ));
            }
            if let Some(target) = &act.negated_as {
                negated_as(file, act, target, &known, &risky, problems);
            }
            unreported(file, act, &known, problems);
            cue_groups(file, &act.id, act.risk.is_some(), &act.cues, problems);
            for lang in Lang::ALL {
                for example in act.examples.get(lang) {
                    let key = (lang, normalise(&example.value));
                    match seen.get(&key) {
                        Some((other, _)) if *other != act.id.value => problems.push(err(
                            file,
                            example.loc,
                            Message::new("check_example_two_acts")
                                .with("example", &example.value)
                                .with("first", other)
                                .with("second", &act.id.value),
                            Message::new("check_example_two_acts_fix"),
                        )),
                        Some(_) => problems.push(warn(
                            file,
                            example.loc,
                            Message::new("check_example_twice")
                                .with("example", &example.value)
                                .with("act", &act.id.value),
                            Message::new("check_example_twice_fix"),
                        )),
                        None => {
                            seen.insert(key, (act.id.value.clone(), doc.file));
                        }
                    }
                }
            }
        }
    }
}

/// Each labelled line is `act act | text` with acts of the catalogue (or `unclear`).
fn labelled(
    file: &crate::content::source::SourceFile,
    lists: &crate::content::raw::BiList,
    known: &[&str],
    problems: &mut Vec<Problem>,
) {
    for lang in Lang::ALL {
        for entry in lists.get(lang) {
            // A block scalar is located at its first line's text and keeps one indentation, so
            // its k-th line is k lines down at the same column; a plain scalar is one line.
            for (k, line) in entry.value.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let at = |col: usize, len: usize| crate::content::problem::Loc {
                    line: entry.loc.line + k as u32,
                    col: entry.loc.col + col as u32,
                    len: len as u32,
                };
                let indent = line.len() - line.trim_start().len();
                let Some((acts, _)) = line
                    .split_once(" | ")
                    .filter(|(a, t)| !a.trim().is_empty() && !t.trim().is_empty())
                else {
                    problems.push(err(
                        file,
                        at(indent, line.trim().chars().count()),
                        Message::new("check_labelled_form").with("line", line.trim()),
                        Message::new("check_labelled_form_fix"),
                    ));
                    continue;
                };
                let mut col = 0;
                for act in acts.split(' ') {
                    if !act.is_empty()
                        && act != crate::understanding::UNCLEAR
                        && !known.contains(&act)
                    {
                        let loc = at(col, act.chars().count());
                        unknown_act(file, &Located::new(act.to_string(), loc), known, problems);
                    }
                    col += act.chars().count() + 1;
                }
            }
        }
    }
}

/// A risky act's `negated_as` names a compliant act of the catalogue.
fn negated_as(
    file: &crate::content::source::SourceFile,
    act: &crate::content::raw::Act,
    target: &Located<String>,
    known: &[&str],
    risky: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    if !known.contains(&target.value.as_str()) {
        unknown_act(file, target, known, problems);
    } else if act.risk.is_none() || risky.contains(target.value.as_str()) {
        problems.push(err(
            file,
            target.loc,
            Message::new("check_negated_as")
                .with("act", &act.id.value)
                .with("target", &target.value),
            Message::new("check_negated_as_fix"),
        ));
    }
}

/// An act left out of a line's report (`unreported_beside_risk`, `unreported_beside`) is a
/// compliant one, beside acts that exist.
fn unreported(
    file: &crate::content::source::SourceFile,
    act: &crate::content::raw::Act,
    known: &[&str],
    problems: &mut Vec<Problem>,
) {
    if act.risk.is_some()
        && let Some(flag) = act.unreported_beside_risk.as_ref().filter(|f| f.value)
    {
        problems.push(err(
            file,
            flag.loc,
            Message::new("check_unreported_risky").with("act", &act.id.value),
            Message::new("check_unreported_risky_fix"),
        ));
    }
    for other in &act.unreported_beside {
        if other.value == act.id.value {
            problems.push(err(
                file,
                other.loc,
                Message::new("check_unreported_beside_itself").with("act", &act.id.value),
                Message::new("check_unreported_beside_itself_fix"),
            ));
        } else if !known.contains(&other.value.as_str()) {
            unknown_act(file, other, known, problems);
        }
    }
}

/// An act id the catalogue does not have, with the nearest it does.
fn unknown_act(
    file: &crate::content::source::SourceFile,
    id: &Located<String>,
    known: &[&str],
    problems: &mut Vec<Problem>,
) {
    let fix = match crate::content::problem::did_you_mean(&id.value, known.iter().copied()) {
        Some(s) => Message::new("check_did_you_mean").with("id", s),
        None => Message::new("check_use_one_of").with("known", known.join(", ")),
    };
    problems.push(err(
        file,
        id.loc,
        Message::new("load_id_unknown")
            .with("id", &id.value)
            .word("what", "kind_act"),
        fix,
    ));
}

/// A list of cue groups of act `id`: a risky act's groups carry rule ids, patterns compile,
/// keywords are non-empty and lower-case.
fn cue_groups(
    file: &crate::content::source::SourceFile,
    id: &Located<String>,
    risky: bool,
    cues: &[CueGroup],
    problems: &mut Vec<Problem>,
) {
    for cue in cues {
        if risky && cue.rule.is_none() {
            let at = cue
                .keywords
                .en
                .first()
                .or(cue.patterns.en.first())
                .or(cue.keywords.zh.first())
                .or(cue.patterns.zh.first())
                .map(|l| l.loc)
                .unwrap_or(id.loc);
            problems.push(err(
                file,
                at,
                Message::new("check_cue_no_rule").with("act", &id.value),
                Message::new("check_cue_no_rule_fix"),
            ));
        }
        for lang in Lang::ALL {
            for pattern in cue.patterns.get(lang) {
                regex(file, pattern, problems);
            }
            for keyword in cue.keywords.get(lang) {
                if keyword.value.trim().is_empty() {
                    problems.push(err(
                        file,
                        keyword.loc,
                        Message::new("check_keyword_empty"),
                        Message::new("check_keyword_empty_fix"),
                    ));
                } else if keyword.value != keyword.value.to_lowercase() {
                    problems.push(warn(
                        file,
                        keyword.loc,
                        Message::new("check_keyword_capitals").with("keyword", &keyword.value),
                        Message::new("check_keyword_capitals_fix")
                            .with("keyword", keyword.value.to_lowercase()),
                    ));
                }
            }
        }
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
