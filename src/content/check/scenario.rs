//! Scenarios: references, and facts that contradict themselves.

use jiff::civil::Date;

use super::persona::{meters, reactions};
use super::rubric::parse_hhmm;
use super::{Context, err, warn};
use crate::content::problem::{Loc, Problem};
use crate::content::raw::{Answerer, Scenario};
use crate::content::source::SourceFile;
use crate::content::yaml::Located;
use crate::lang::Lang;

pub fn scenario(ctx: &Context, file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    references(ctx, file, s, problems);
    account(file, s, problems);
    dates(file, s, problems);
    policy(file, s, problems);
    identity(file, s, problems);
    language(file, s, problems);
    if let Some(o) = &s.persona.overrides {
        meters(file, &o.start, s.persona.name.loc, false, problems);
        reactions(ctx, file, &o.reactions, problems);
        for act in o.traits.answered_by.iter().flatten() {
            ctx.act_ref(file, act, problems);
        }
        for variants in o.replies.values() {
            for v in variants {
                let lines = match s.lang {
                    Lang::En => &v.en,
                    Lang::Zh => &v.zh,
                };
                if lines.is_empty() {
                    problems.push(err(
                        file,
                        s.persona.name.loc,
                        format!(
                            "an overriding reply has no `{}` lines, the call's language",
                            s.lang
                        ),
                        format!("add `{}:` wordings", s.lang),
                    ));
                }
            }
        }
    }
}

fn references(ctx: &Context, file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    if !ctx.personas.contains(&s.kind.value) {
        problems.push(ctx.personas.unknown(file, &s.kind));
    }
    if !ctx.rubrics.contains(&s.rubric.value) {
        problems.push(ctx.rubrics.unknown(file, &s.rubric));
    }
    match (s.answerer, &s.third_party) {
        (Answerer::ThirdParty, None) => problems.push(err(
            file,
            super::key_loc(&file.text, "answerer").unwrap_or(s.id.loc),
            "`answerer: third_party` needs a `third_party:` section",
            "add `third_party: {relation: spouse, name: ..., borrower_available: ...}`",
        )),
        (Answerer::ThirdParty, Some(tp)) => {
            let kind = tp
                .kind
                .clone()
                .unwrap_or_else(|| Located::new("third_party".to_string(), s.id.loc));
            if !ctx.personas.contains(&kind.value) {
                problems.push(ctx.personas.unknown(file, &kind));
            }
        }
        (_, Some(_)) => problems.push(warn(
            file,
            s.id.loc,
            "`third_party:` is set but the borrower answers",
            "set `answerer: third_party`, or remove the section",
        )),
        _ => {}
    }
    if s.answerer == Answerer::Impostor {
        let differs = s.persona.answers.as_ref().is_some_and(|a| {
            a.dob.as_deref().is_some_and(|d| d != s.identity.dob.value)
                || a.id_last4
                    .as_deref()
                    .is_some_and(|d| d != s.identity.id_last4.value)
                || a.address.is_some() && a.address != s.identity.address
        });
        if !differs {
            problems.push(err(
                file,
                s.persona.name.loc,
                "an impostor answers verification exactly as the account records it, so no agent could tell",
                "give `persona.answers` with at least one answer that differs from `identity`",
            ));
        }
    }
}

fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn account(file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    let a = &s.account;
    for (name, v) in [
        ("principal", &a.principal),
        ("interest", &a.interest),
        ("balance", &a.balance),
    ] {
        if !v.value.is_finite() || v.value < 0.0 {
            problems.push(err(
                file,
                v.loc,
                format!("`{name}` must be a non-negative amount"),
                "write a number such as 5200 or 5200.50",
            ));
        }
    }
    let fees: f64 = a.fees.iter().map(|f| f.amount).sum();
    let expected = a.principal.value + a.interest.value + fees;
    if cents(expected) != cents(a.balance.value) {
        problems.push(err(
            file,
            a.balance.loc,
            format!(
                "balance {} is not principal {} + interest {} + fees {} = {}",
                a.balance.value, a.principal.value, a.interest.value, fees, expected
            ),
            format!(
                "set `balance: {}`, or correct the parts",
                format_amount(expected)
            ),
        ));
    }
    if let Some(min) = &a.minimum_payment
        && (min.value <= 0.0 || min.value > a.balance.value)
    {
        problems.push(err(
            file,
            min.loc,
            "the minimum payment must be above 0 and at most the balance",
            "correct `minimum_payment`",
        ));
    }
    for fee in &a.fees {
        if !s
            .consequences
            .authorized_fees
            .iter()
            .any(|k| k.value == fee.kind.value)
        {
            let name = serde_json::to_value(fee.kind.value)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            problems.push(err(
                file,
                fee.kind.loc,
                format!("the account charges a `{name}` that `consequences.authorized_fees` does not authorise"),
                format!("add `{name}` to `consequences.authorized_fees`, or remove the fee"),
            ));
        }
    }
}

fn format_amount(x: f64) -> String {
    if (x - x.round()).abs() < 0.005 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.2}")
    }
}

pub fn parse_date(s: &str) -> Option<Date> {
    s.trim().parse::<Date>().ok()
}

fn date_field(
    file: &SourceFile,
    name: &str,
    v: &Located<String>,
    problems: &mut Vec<Problem>,
) -> Option<Date> {
    let d = parse_date(&v.value);
    if d.is_none() {
        problems.push(err(
            file,
            v.loc,
            format!("`{name}` is `{}`, not a date", v.value),
            "write dates as \"YYYY-MM-DD\"",
        ));
    }
    d
}

fn dates(file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    let due = date_field(file, "account.due_date", &s.account.due_date, problems);
    let today = date_field(file, "context.date", &s.context.date, problems);
    if parse_hhmm(&s.context.local_time.value).is_none() {
        problems.push(err(
            file,
            s.context.local_time.loc,
            format!("`{}` is not a time", s.context.local_time.value),
            "write the time as \"HH:MM\"",
        ));
    }
    if let (Some(due), Some(today)) = (due, today) {
        let days = (today - due).get_days() as i64;
        let given = i64::from(s.account.days_past_due.value);
        if days != given {
            problems.push(err(
                file,
                s.account.days_past_due.loc,
                format!(
                    "days_past_due is {given}, but {} is {days} days after the due date {}",
                    s.context.date.value, s.account.due_date.value
                ),
                format!("set `days_past_due: {days}`, or correct `due_date` / `context.date`"),
            ));
        }
    }
    if let (Some(today), Some(w)) = (today, &s.context.weekday) {
        let actual = weekday_name(today);
        if !w.value.eq_ignore_ascii_case(actual) {
            problems.push(err(
                file,
                w.loc,
                format!("{} is a {actual}, not a {}", s.context.date.value, w.value),
                format!("set `weekday: {actual}` or remove it (it is derived from the date)"),
            ));
        }
    }
}

pub fn weekday_name(d: Date) -> &'static str {
    use jiff::civil::Weekday::*;
    match d.weekday() {
        Monday => "monday",
        Tuesday => "tuesday",
        Wednesday => "wednesday",
        Thursday => "thursday",
        Friday => "friday",
        Saturday => "saturday",
        Sunday => "sunday",
    }
}

fn policy(file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    let p = &s.policy;
    if !(p.settlement_floor.value > 0.0 && p.settlement_floor.value <= 1.0) {
        problems.push(err(
            file,
            p.settlement_floor.loc,
            format!(
                "settlement_floor {} is not a share of the balance",
                p.settlement_floor.value
            ),
            "use a fraction such as 0.7 (70% of the balance)",
        ));
    }
    if p.max_instalments.value == 0 {
        problems.push(err(
            file,
            p.max_instalments.loc,
            "max_instalments is 0",
            "use 1 for no instalments",
        ));
    }
    if p.min_first_payment.value > s.account.balance.value {
        problems.push(err(
            file,
            p.min_first_payment.loc,
            "the minimum first payment is larger than the balance",
            "lower `min_first_payment`",
        ));
    }
    for fee in &p.waivable_fees {
        if !s
            .consequences
            .authorized_fees
            .iter()
            .any(|k| k.value == fee.value)
        {
            problems.push(err(
                file,
                fee.loc,
                "a waivable fee that is not an authorised fee cannot be waived",
                "list it in `consequences.authorized_fees` too, or remove it",
            ));
        }
    }
    let c = &s.persona.capacity;
    if c.now < 0.0 || c.monthly < 0.0 {
        problems.push(err(
            file,
            s.persona.name.loc,
            "capacity cannot be negative",
            "use 0 for nothing",
        ));
    }
}

fn identity(file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    date_field(file, "identity.dob", &s.identity.dob, problems);
    let last4 = &s.identity.id_last4;
    if !(last4.value.len() == 4
        && last4
            .value
            .chars()
            .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x'))
    {
        problems.push(err(
            file,
            last4.loc,
            format!("id_last4 `{}` is not four digits", last4.value),
            "quote it: \"0427\"",
        ));
    }
}

fn language(file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    for (field, text) in [("title", &s.title), ("briefing", &s.briefing)] {
        if text.value.trim().is_empty() {
            problems.push(err(
                file,
                text.loc,
                format!("`{field}` is empty"),
                format!("write the {field}"),
            ));
        } else if Lang::detect(&text.value) != s.lang {
            problems.push(warn(
                file,
                text.loc,
                format!(
                    "`{field}` does not look like `{}` text, the call's language",
                    s.lang
                ),
                "write every text of a scenario in its `lang`",
            ));
        }
    }
    let _ = Loc::UNKNOWN;
}
