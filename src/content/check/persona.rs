//! Persona kinds and scenario overrides: act references, meters, reply translations, placeholders.

use std::collections::BTreeMap;

use super::{Context, err};
use crate::content::problem::{Loc, Problem};
use crate::content::raw::{
    Delta, Meters, PersonaFile, PersonaKind, Relation, ReplyVariant, Situation,
};
use crate::content::source::SourceFile;
use crate::content::yaml::Located;
use crate::report::messages::Message;

/// The placeholders the persona engine fills in reply lines.
pub const PLACEHOLDERS: [&str; 20] = [
    "name",
    "agent_name",
    "agency",
    "creditor",
    "balance",
    "amount",
    "date",
    "count",
    "counter_amount",
    "monthly",
    "capacity_now",
    "hardship",
    "true_figure",
    "said_figure",
    "relation",
    "borrower_name",
    "borrower_available",
    "answer",
    "callback",
    "said_before",
];

pub fn persona(
    ctx: &Context,
    file: &SourceFile,
    persona: &PersonaFile,
    problems: &mut Vec<Problem>,
) {
    super::translations(file, "description", &persona.description, problems);
    meters(file, &persona.start, persona.id.loc, true, problems);
    reactions(ctx, file, &persona.reactions, problems);
    for act in persona.traits.answered_by.iter().flatten() {
        ctx.act_ref(file, act, problems);
    }
    replies(file, &persona.replies, problems);
    relations(file, persona, problems);
    for (level, params) in &persona.difficulty {
        if params.anger.is_some_and(|a| !(0.0..=5.0).contains(&a)) {
            problems.push(err(
                file,
                persona.id.loc,
                Message::new("check_anger").with("level", level.name()),
                Message::new("check_anger_fix"),
            ));
        }
        if params.evasion.is_some_and(|e| !(0.0..=1.0).contains(&e)) {
            problems.push(err(
                file,
                persona.id.loc,
                Message::new("check_evasion").with("level", level.name()),
                Message::new("check_evasion_fix"),
            ));
        }
    }
    if persona.replies.is_empty() {
        problems.push(err(
            file,
            persona.id.loc,
            Message::new("check_no_replies").with("persona", &persona.id.value),
            Message::new("check_no_replies_fix"),
        ));
    }
}

pub fn meters(file: &SourceFile, m: &Meters, at: Loc, complete: bool, problems: &mut Vec<Problem>) {
    let fields = [
        ("mood", m.mood, -10, 10),
        ("trust", m.trust, 0, 100),
        ("willingness", m.willingness, 0, 100),
        ("patience", m.patience, 0, 30),
    ];
    for (name, value, lo, hi) in fields {
        match value {
            None if complete => problems.push(err(
                file,
                at,
                Message::new("check_meter_missing").with("name", name),
                Message::new("check_meter_missing_fix")
                    .with("name", name)
                    .with("lo", lo)
                    .with("hi", hi),
            )),
            Some(v) if !(lo..=hi).contains(&v) => problems.push(err(
                file,
                at,
                Message::new("check_meter_range")
                    .with("name", name)
                    .with("value", v)
                    .with("lo", lo)
                    .with("hi", hi),
                Message::new("check_meter_range_fix")
                    .with("lo", lo)
                    .with("hi", hi),
            )),
            _ => {}
        }
    }
}

pub fn reactions(
    ctx: &Context,
    file: &SourceFile,
    reactions: &BTreeMap<String, Located<Delta>>,
    problems: &mut Vec<Problem>,
) {
    for (act, delta) in reactions {
        let at = super::key_on_line(&file.text, delta.loc, act);
        ctx.act_ref(file, &Located::new(act.clone(), at), problems);
    }
}

pub fn replies(
    file: &SourceFile,
    replies: &BTreeMap<Situation, Vec<ReplyVariant>>,
    problems: &mut Vec<Problem>,
) {
    for variants in replies.values() {
        for variant in variants {
            let first = variant
                .en
                .first()
                .or(variant.zh.first())
                .map(|l| l.loc)
                .unwrap_or(Loc::UNKNOWN);
            if variant.en.is_empty() || variant.zh.is_empty() {
                let (missing, present) = if variant.en.is_empty() {
                    ("en", "zh")
                } else {
                    ("zh", "en")
                };
                problems.push(err(
                    file,
                    first,
                    Message::new("check_reply_lines_missing")
                        .with("present", present)
                        .with("missing", missing),
                    Message::new("check_reply_lines_missing_fix").with("missing", missing),
                ));
            }
            if let (Some(lo), Some(hi)) = (variant.when.trust_min, variant.when.trust_max)
                && lo > hi
            {
                problems.push(err(
                    file,
                    first,
                    Message::new("check_trust_bounds")
                        .with("lo", lo)
                        .with("hi", hi),
                    Message::new("check_trust_bounds_fix"),
                ));
            }
            for line in variant.en.iter().chain(&variant.zh) {
                super::placeholders(file, line, &PLACEHOLDERS, problems);
            }
        }
    }
}

/// A third party must be able to say who they are for every relation a scenario may give.
fn relations(file: &SourceFile, persona: &PersonaFile, problems: &mut Vec<Problem>) {
    for (relation, text) in &persona.relations {
        super::translations(
            file,
            &format!("relations.{}", relation.name()),
            text,
            problems,
        );
    }
    if persona.kind != PersonaKind::ThirdParty {
        return;
    }
    let missing: Vec<&str> = Relation::ALL
        .iter()
        .filter(|r| !persona.relations.contains_key(r))
        .map(|r| r.name())
        .collect();
    if !missing.is_empty() {
        problems.push(err(
            file,
            persona.id.loc,
            Message::new("check_relations_missing").with("relations", missing.join(", ")),
            Message::new("check_relations_missing_fix").with(
                "example",
                format!("relations: {{{}: {{en: ..., zh: ...}}}}", missing[0]),
            ),
        ));
    }
}
