//! The outcome section: the promise or plan the call reached, and whether the creditor's policy
//! (independent of any persona) allows it.

use super::accuracy::plan_terms;
use super::context::Ctx;
use super::explain::{Detail, Why};
use super::model::{OutcomeReport, PromiseReport};
use crate::call::Transcript;
use crate::understanding::entities::EntityKind;

pub fn report(ctx: &Ctx, transcript: &Transcript) -> OutcomeReport {
    let (source, kind, promise) = match &transcript.outcome {
        Some(o) => (
            "transcript",
            Some(o.kind.name().to_string()),
            o.promise.as_ref().map(|p| PromiseReport {
                amount: Some(p.amount),
                date: p.date.clone(),
                instalments: p.instalments,
                monthly: p.monthly,
                turn: None,
            }),
        ),
        None => match from_lines(ctx) {
            Some(p) => ("agent", None, Some(p)),
            None => ("none", None, None),
        },
    };
    let mut details = Vec::new();
    let within_policy = promise.as_ref().and_then(|p| policy(ctx, p, &mut details));
    let notes = details
        .iter()
        .map(|d| ctx.explain.render(d, ctx.lang))
        .collect();
    OutcomeReport {
        source,
        kind,
        promise,
        within_policy,
        notes,
    }
}

/// The last confirmation or summary with an amount: its amount, date and plan terms.
fn from_lines(ctx: &Ctx) -> Option<PromiseReport> {
    let line = ctx
        .call
        .agent_lines()
        .filter(|l| l.has_any(&["confirm_promise", "summarize"]))
        .filter(|l| l.money().next().is_some())
        .last()?;
    let t = plan_terms(ctx, line);
    let balance = ctx.facts.account.balance;
    // The amount promised: the first payment of a plan, else the first amount that is not the
    // balance being restated.
    let amount = t
        .down
        .or(t.others.first().copied().filter(|_| t.per.is_some()))
        .or(t.per)
        .or_else(|| {
            line.money()
                .filter_map(|e| e.number())
                .find(|v| balance.is_none_or(|b| (v - b).abs() > 1.0))
                .or_else(|| line.money().find_map(|e| e.number()))
        });
    let date = line
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Date)
        .find_map(|e| e.date())
        .map(|d| d.to_string());
    Some(PromiseReport {
        amount,
        date,
        instalments: t.count.filter(|n| *n >= 1.0).map(|n| n.round() as u32),
        monthly: if t.count.is_some() { t.per } else { None },
        turn: Some(line.number()),
    })
}

fn policy(ctx: &Ctx, p: &PromiseReport, notes: &mut Vec<Detail>) -> Option<bool> {
    let a = &ctx.facts.account;
    let mut known = false;
    let mut ok = true;
    if let (Some(min), Some(amount)) = (a.min_first_payment, p.amount) {
        known = true;
        if amount + 0.5 < min {
            ok = false;
            notes.push(
                Detail::new(Why::FirstPaymentBelowMinimum)
                    .figure("first", amount)
                    .figure("minimum", min),
            );
        }
    }
    if let (Some(max), Some(n)) = (a.max_instalments, p.instalments) {
        known = true;
        if n > max {
            ok = false;
            notes.push(
                Detail::new(Why::PlanTooManyInstalments)
                    .count("count", n)
                    .count("max", max),
            );
        }
    }
    if p.date.is_none() {
        notes.push(Detail::new(Why::NoPaymentDate));
    }
    known.then_some(ok)
}
