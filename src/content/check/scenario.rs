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
use crate::report::messages::Message;

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
                        Message::new("check_override_lines").with("lang", s.lang),
                        Message::new("check_override_lines_fix").with("lang", s.lang),
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
            Message::new("check_third_party_missing"),
            Message::new("check_third_party_missing_fix").with(
                "example",
                "third_party: {relation: spouse, name: ..., borrower_available: ...}",
            ),
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
            Message::new("check_third_party_unused"),
            Message::new("check_third_party_unused_fix"),
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
                Message::new("check_impostor_same"),
                Message::new("check_impostor_same_fix"),
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
                Message::new("check_amount_negative").with("name", name),
                Message::new("check_amount_negative_fix"),
            ));
        }
    }
    let fees: f64 = a.fees.iter().map(|f| f.amount).sum();
    let expected = a.principal.value + a.interest.value + fees;
    if cents(expected) != cents(a.balance.value) {
        problems.push(err(
            file,
            a.balance.loc,
            Message::new("check_balance_sum")
                .with("balance", a.balance.value)
                .with("principal", a.principal.value)
                .with("interest", a.interest.value)
                .with("fees", fees)
                .with("expected", expected),
            Message::new("check_balance_sum_fix").with("balance", format_amount(expected)),
        ));
    }
    if let Some(min) = &a.minimum_payment
        && (min.value <= 0.0 || min.value > a.balance.value)
    {
        problems.push(err(
            file,
            min.loc,
            Message::new("check_minimum_payment"),
            Message::new("check_minimum_payment_fix"),
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
                Message::new("check_fee_unauthorised").with("fee", &name),
                Message::new("check_fee_unauthorised_fix").with("fee", &name),
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
            Message::new("check_date_invalid")
                .with("name", name)
                .with("value", &v.value),
            Message::new("check_date_invalid_fix"),
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
            Message::new("check_time_invalid").with("value", &s.context.local_time.value),
            Message::new("check_local_time_fix"),
        ));
    }
    if let (Some(due), Some(today)) = (due, today) {
        let days = (today - due).get_days() as i64;
        let given = i64::from(s.account.days_past_due.value);
        if days != given {
            problems.push(err(
                file,
                s.account.days_past_due.loc,
                Message::new("check_days_past_due")
                    .with("given", given)
                    .with("date", &s.context.date.value)
                    .with("days", days)
                    .with("due", &s.account.due_date.value),
                Message::new("check_days_past_due_fix").with("days", days),
            ));
        }
    }
    if let (Some(today), Some(w)) = (today, &s.context.weekday) {
        let actual = weekday_name(today);
        if !w.value.eq_ignore_ascii_case(actual) {
            problems.push(err(
                file,
                w.loc,
                Message::new("check_weekday")
                    .with("date", &s.context.date.value)
                    .with("actual", actual)
                    .with("weekday", &w.value),
                Message::new("check_weekday_fix").with("actual", actual),
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
            Message::new("check_settlement_floor").with("value", p.settlement_floor.value),
            Message::new("check_settlement_floor_fix"),
        ));
    }
    if p.max_instalments.value == 0 {
        problems.push(err(
            file,
            p.max_instalments.loc,
            Message::new("check_max_instalments"),
            Message::new("check_max_instalments_fix"),
        ));
    }
    if p.min_first_payment.value > s.account.balance.value {
        problems.push(err(
            file,
            p.min_first_payment.loc,
            Message::new("check_min_first_payment"),
            Message::new("check_min_first_payment_fix"),
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
                Message::new("check_waivable_fee"),
                Message::new("check_waivable_fee_fix"),
            ));
        }
    }
    let c = &s.persona.capacity;
    if c.now < 0.0 || c.monthly < 0.0 {
        problems.push(err(
            file,
            s.persona.name.loc,
            Message::new("check_capacity_negative"),
            Message::new("check_capacity_negative_fix"),
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
            Message::new("check_id_last4").with("value", &last4.value),
            Message::new("check_id_last4_fix"),
        ));
    }
}

fn language(file: &SourceFile, s: &Scenario, problems: &mut Vec<Problem>) {
    for (field, text) in [("title", &s.title), ("briefing", &s.briefing)] {
        if text.value.trim().is_empty() {
            problems.push(err(
                file,
                text.loc,
                Message::new("check_text_empty").with("field", field),
                Message::new("check_text_empty_fix").with("field", field),
            ));
        } else if Lang::detect(&text.value) != s.lang {
            problems.push(warn(
                file,
                text.loc,
                Message::new("check_text_language")
                    .with("field", field)
                    .with("lang", s.lang),
                Message::new("check_text_language_fix"),
            ));
        }
    }
    let _ = Loc::UNKNOWN;
}
