//! Rubric packs: act references, weights, unique rule ids, translations, trigger regexes, times.

use std::collections::HashMap;

use super::{Context, err, list_translations, regex, translations, warn};
use crate::content::problem::Problem;
use crate::content::raw::{Check, Rubric};
use crate::content::source::SourceFile;
use crate::lang::Lang;
use crate::report::messages::Message;

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
            Message::new("check_weights_zero"),
            Message::new("check_weights_zero_fix"),
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
            Message::new("check_weights_total").with("total", total),
            Message::new("check_weights_total_fix"),
        ));
    }
    for mark in std::iter::once(&rubric.pass_mark).chain(rubric.dimension_pass.values()) {
        if !(0.0..=100.0).contains(&mark.value) {
            problems.push(err(
                file,
                mark.loc,
                Message::new("check_pass_mark").with("mark", mark.value),
                Message::new("check_pass_mark_fix"),
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
                Message::new("check_rule_duplicate").with("id", &rule.id.value),
                Message::new("check_rule_duplicate_fix").with("line", first.line),
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
                Message::new("check_points"),
                Message::new("check_points_fix"),
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
                    Message::new("check_forbid_empty"),
                    Message::new("check_forbid_empty_fix"),
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
                        Message::new("check_time_invalid").with("value", &t.value),
                        Message::new("check_time_window_fix"),
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
