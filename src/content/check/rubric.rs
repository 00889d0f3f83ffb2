//! Rubric packs: act references, weights, unique rule ids, translations, trigger regexes, times.

use std::collections::HashMap;

use super::{Context, err, list_translations, regex, translations, warn};
use crate::content::problem::Problem;
use crate::content::raw::{Check, Rubric};
use crate::content::source::SourceFile;
use crate::lang::Lang;

pub fn rubric(ctx: &Context, file: &SourceFile, rubric: &Rubric, problems: &mut Vec<Problem>) {
    translations(file, "title", &rubric.title, problems);
    if let Some(d) = &rubric.description {
        translations(file, "description", d, problems);
    }
    let total: f64 = rubric.weights.values().map(|w| w.value).sum();
    if total <= 0.0 {
        problems.push(err(
            file,
            rubric.id.loc,
            "the dimension weights add up to 0",
            "give each of verification, accuracy, tone and compliance a weight",
        ));
    } else if (total - 100.0).abs() > 0.01 {
        let at = rubric
            .weights
            .values()
            .next()
            .map(|w| w.loc)
            .unwrap_or(rubric.id.loc);
        problems.push(warn(
            file,
            at,
            format!("the dimension weights add up to {total}, not 100"),
            "weights are relative, but summing to 100 makes them read as percentages",
        ));
    }
    for mark in std::iter::once(&rubric.pass_mark).chain(rubric.dimension_pass.values()) {
        if !(0.0..=100.0).contains(&mark.value) {
            problems.push(err(
                file,
                mark.loc,
                format!("pass mark {} is outside 0..100", mark.value),
                "use a score from 0 to 100",
            ));
        }
    }
    let mut ids: HashMap<&str, _> = HashMap::new();
    for rule in &rubric.rules {
        if let Some(p) = super::id_format(file, &rule.id) {
            problems.push(p);
        }
        if let Some(first) = ids.insert(rule.id.value.as_str(), rule.id.loc) {
            problems.push(err(
                file,
                rule.id.loc,
                format!("duplicate rule id `{}`", rule.id.value),
                format!("rename it; the first is at line {}", first.line),
            ));
        }
        translations(file, "description", &rule.description, problems);
        translations(file, "advice", &rule.advice, problems);
        for line in [&rule.advice.value.en, &rule.advice.value.zh]
            .into_iter()
            .flatten()
        {
            super::placeholders(file, line, &crate::scoring::advice::PLACEHOLDERS, problems);
        }
        if rule.points.value < 0.0 || rule.points.value > 100.0 {
            problems.push(err(
                file,
                rule.points.loc,
                "points must be between 0 and 100",
                "points are deducted per finding",
            ));
        }
        check(ctx, file, &rule.check, problems);
    }
}

fn check(ctx: &Context, file: &SourceFile, check: &Check, problems: &mut Vec<Problem>) {
    match check {
        Check::Require { act, .. } | Check::Credit { act } => ctx.act_ref(file, act, problems),
        Check::Order { act, before } => {
            ctx.act_ref(file, act, problems);
            for b in before {
                ctx.act_ref(file, b, problems);
            }
        }
        Check::Forbid { acts, categories } => {
            for a in acts {
                ctx.act_ref(file, a, problems);
            }
            if acts.is_empty() && categories.is_empty() {
                problems.push(err(
                    file,
                    crate::content::problem::Loc::UNKNOWN,
                    "a `forbid` check names no acts and no categories",
                    "add `acts: [...]` or `categories: [...]`",
                ));
            }
        }
        Check::Gate { acts } => {
            for a in acts {
                ctx.act_ref(file, a, problems);
            }
        }
        Check::Trigger {
            borrower,
            respond_with,
            forbid_after,
            ..
        } => {
            let at = borrower
                .en
                .first()
                .or(borrower.zh.first())
                .map(|l| l.loc)
                .unwrap_or_default();
            list_translations(file, "borrower", borrower, at, problems);
            for lang in Lang::ALL {
                for p in borrower.get(lang) {
                    regex(file, p, problems);
                }
            }
            for a in respond_with.iter().chain(forbid_after) {
                ctx.act_ref(file, a, problems);
            }
        }
        Check::TimeWindow { start, end } => {
            for t in [start, end] {
                if parse_hhmm(&t.value).is_none() {
                    problems.push(err(
                        file,
                        t.loc,
                        format!("`{}` is not a time", t.value),
                        "write times as \"HH:MM\", e.g. \"08:00\"",
                    ));
                }
            }
        }
        Check::Pattern { keywords, patterns } => {
            let at = patterns
                .en
                .first()
                .or(keywords.en.first())
                .map(|l| l.loc)
                .unwrap_or_default();
            list_translations(file, "patterns", patterns, at, problems);
            list_translations(file, "keywords", keywords, at, problems);
            for lang in Lang::ALL {
                for p in patterns.get(lang) {
                    regex(file, p, problems);
                }
            }
        }
        Check::Fact { .. } | Check::Frequency { .. } | Check::Tone { .. } => {}
    }
}

/// `HH:MM` to minutes after midnight.
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}
