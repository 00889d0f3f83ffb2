//! Fact checks: every amount, date, count and term the agent states, against the account and
//! the creditor's policy. A check whose facts are missing is not applicable, never passed.

use super::call::{Ent, Line};
use super::context::{Ctx, Out};
use super::cues::{AMOUNT_KINDS, FEE_KINDS, Hit};
use super::explain::{Detail, Term, Value, Why};
use crate::content::raw::{FactCheck, FeeKind, Rule};
use crate::understanding::entities::EntityKind;

/// One unit of the currency: amounts within it are the same amount.
const UNIT: f64 = 1.0;

pub fn check(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule, fact: FactCheck) {
    match fact {
        FactCheck::Balance => balance(ctx, out, ri, rule),
        FactCheck::DaysPastDue => days_past_due(ctx, out, ri, rule),
        FactCheck::DueDate => due_date(ctx, out, ri, rule),
        FactCheck::MinimumPayment => minimum_payment(ctx, out, ri, rule),
        FactCheck::Fees => fees(ctx, out, ri, rule),
        FactCheck::InstalmentArithmetic => instalments(ctx, out, ri, rule),
        FactCheck::SettlementFloor => settlement(ctx, out, ri, rule),
        FactCheck::PolicyLimits => policy_limits(ctx, out, ri, rule),
        FactCheck::CreditReportingTruth => consequence(ctx, out, ri, rule, 0),
        FactCheck::LawsuitTruth => consequence(ctx, out, ri, rule, 1),
        FactCheck::RepossessionTruth => consequence(ctx, out, ri, rule, 2),
    }
}

fn missing(out: &mut Out, rule: &Rule, what: &str) {
    out.not_applicable(
        rule,
        Detail::new(Why::MissingFact).text("field", format!("account.{what}")),
    );
}

/// A figure said against the account's: "stated balance 6,420.18; the account says 6,240.18".
fn mismatch(what: Term, stated: f64, actual: f64) -> Detail {
    Detail::new(Why::FactMismatch)
        .term("what", what)
        .figure("stated", stated)
        .figure("actual", actual)
}

fn below_minimum(first: f64, minimum: f64) -> Detail {
    Detail::new(Why::FirstPaymentBelowMinimum)
        .figure("first", first)
        .figure("minimum", minimum)
}

/// How exactly a figure was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Exactly,
    /// "about", "around", "大约".
    About,
    /// "over", "more than", "两个多月".
    MoreThan,
}

/// What an amount in a line is, from the nearest qualifier in its clause ("balance", "minimum",
/// "late fee"...), and how exactly it was said.
#[derive(Debug, Clone, Copy)]
struct Qualified {
    kind: Option<&'static str>,
    said: Said,
}

fn qualify(line: &Line, hits: &[Hit], e: &Ent) -> Qualified {
    let (cs, ce) = line.clause_of(e.start);
    let chars = |a: usize, b: usize| line.folded[a.min(b)..b.max(a)].chars().count();
    let mut best: Option<(usize, &'static str)> = None;
    let own = &line.folded[e.start..e.end];
    let mut said = if own.contains('多') || own.contains("以上") {
        Said::MoreThan
    } else {
        Said::Exactly
    };
    for h in hits.iter().filter(|h| h.start >= cs && h.end <= ce) {
        let kind = AMOUNT_KINDS[h.group];
        if kind == "approximate" || kind == "more_than" {
            let close = (h.end <= e.start && chars(h.end, e.start) <= 12)
                || (h.start >= e.end && chars(e.end, h.start) <= 2);
            if close && said == Said::Exactly {
                said = if kind == "approximate" {
                    Said::About
                } else {
                    Said::MoreThan
                };
            }
            continue;
        }
        let distance = if h.end <= e.start {
            chars(h.end, e.start)
        } else if h.start >= e.end {
            chars(e.end, h.start) + 4
        } else {
            continue;
        };
        if distance <= 40 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, kind));
        }
    }
    Qualified {
        kind: best.map(|(_, k)| k),
        said,
    }
}

fn same(stated: f64, actual: f64, said: Said) -> bool {
    match said {
        Said::Exactly => (stated - actual).abs() <= UNIT,
        Said::About => (stated - actual).abs() <= actual.abs() * 0.05 + UNIT,
        Said::MoreThan => stated <= actual + UNIT && actual <= stated * 1.25 + UNIT,
    }
}

/// The balance, and the balance less any combination of fees (a waiver being discussed).
fn balance_forms(ctx: &Ctx) -> Vec<f64> {
    let a = &ctx.facts.account;
    let Some(b) = a.balance else {
        return Vec::new();
    };
    let mut out = vec![b];
    let fees: Vec<f64> = a.fees.iter().flatten().map(|f| f.amount).collect();
    let n = fees.len().min(8);
    for mask in 1u32..(1 << n) {
        let s: f64 = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| fees[i])
            .sum();
        out.push(b - s);
    }
    if let (Some(p), Some(i)) = (a.principal, a.interest) {
        out.push(p + i);
    }
    out
}

/// Every figure of the account, for an amount stated without a qualifier in a balance line.
fn known_figures(ctx: &Ctx) -> Vec<f64> {
    let a = &ctx.facts.account;
    let mut out = balance_forms(ctx);
    out.extend(a.principal);
    out.extend(a.interest);
    out.extend(a.minimum_payment);
    let fees: Vec<f64> = a.fees.iter().flatten().map(|f| f.amount).collect();
    out.extend(fees.iter().copied());
    out.push(fees.iter().sum());
    for kind in FEE_KINDS {
        let s: f64 = a
            .fees
            .iter()
            .flatten()
            .filter(|f| fee_name(f.kind) == kind)
            .map(|f| f.amount)
            .sum();
        if s > 0.0 {
            out.push(s);
        }
    }
    out
}

fn fee_name(k: FeeKind) -> &'static str {
    match k {
        FeeKind::LateFee => "late_fee",
        FeeKind::PenaltyInterest => "penalty_interest",
        FeeKind::AnnualFee => "annual_fee",
        FeeKind::CollectionFee => "collection_fee",
        FeeKind::ProcessingFee => "processing_fee",
    }
}

/// A fee kind (`late_fee`) as a word of the call's language.
fn fee_word(kind: &str) -> Value {
    Term::by_id(kind).map_or_else(|| Value::Text(kind.replace('_', " ")), Value::Term)
}

fn money_text(line: &Line, e: &Ent) -> String {
    line.original_of_folded(e.start, e.end)
}

/// Amounts stated as the balance (or, in a balance statement, any amount that is none of the
/// account's figures).
fn balance(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let Some(b) = ctx.facts.account.balance else {
        missing(out, rule, "balance");
        return;
    };
    let forms = balance_forms(ctx);
    let figures = known_figures(ctx);
    for line in ctx.call.agent_lines() {
        let hits = line.amount_hits(ctx.cues);
        for e in line.money() {
            let Some(v) = e.number() else { continue };
            let q = qualify(line, hits, e);
            let wrong = match q.kind {
                // "The missed payments total $2,085" (the amount past due) is no misstatement.
                Some("balance") => {
                    !forms.iter().any(|&f| same(v, f, q.said))
                        && !ctx
                            .facts
                            .account
                            .minimum_payment
                            .is_some_and(|m| same(v, m, q.said))
                }
                Some("interest") => ctx
                    .facts
                    .account
                    .interest
                    .is_some_and(|i| !same(v, i, q.said)),
                Some("principal") => ctx
                    .facts
                    .account
                    .principal
                    .is_some_and(|p| !same(v, p, q.said)),
                // An amount with no qualifier in a line that states the balance (and proposes no
                // payment) must be one of the account's figures.
                None if line.has_act("state_balance") && !plan_line(line) => {
                    !figures.iter().any(|&f| same(v, f, q.said))
                }
                _ => false,
            };
            if wrong {
                let (what, actual) = match q.kind {
                    Some("interest") => (Term::Interest, ctx.facts.account.interest.unwrap_or(b)),
                    Some("principal") => {
                        (Term::Principal, ctx.facts.account.principal.unwrap_or(b))
                    }
                    _ => (Term::Balance, b),
                };
                out.find(
                    ri,
                    line,
                    "fact:balance",
                    Some(money_text(line, e)),
                    mismatch(what, v, actual),
                );
                break;
            }
        }
    }
}

fn days_past_due(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let Some(dpd) = ctx.facts.account.days_past_due else {
        missing(out, rule, "days_past_due");
        return;
    };
    let dpd = dpd as f64;
    for line in ctx.call.agent_lines() {
        let durations: Vec<&Ent> = line
            .entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Duration)
            .collect();
        let amount_hits = line.amount_hits(ctx.cues);
        for e in &durations {
            let (cs, ce) = line.clause_of(e.start);
            let clause = &line.folded[cs..ce];
            let about_overdue = ctx.cues.overdue.any(clause)
                || (line.has_act("state_overdue")
                    && durations.len() == 1
                    && !ctx.cues.deferral.any(clause)
                    && !ctx.cues.plan.any(clause));
            if !about_overdue {
                continue;
            }
            let Some(days) = e.number() else { continue };
            let q = qualify(line, amount_hits, e);
            let ok = match (q.said, e.unit, e.amount) {
                // "Over 30 days", "两个多月": at least that long, and not far beyond.
                (Said::MoreThan, _, _) => dpd + 1.0 >= days && dpd <= days * 1.5 + 1.0,
                (Said::About, _, _) => (days - dpd).abs() <= dpd * 0.2 + 1.0,
                (_, Some("week"), Some(n)) => (n - dpd / 7.0).abs() < 1.0,
                (_, Some("month"), Some(n)) => (n - dpd / 30.44).abs() < 0.75,
                (_, Some("year"), Some(n)) => (n - dpd / 365.0).abs() < 0.5,
                _ => (days - dpd).abs() <= 1.0,
            };
            if !ok {
                out.find(
                    ri,
                    line,
                    "fact:days_past_due",
                    Some(line.original_of_folded(e.start, e.end)),
                    Detail::new(Why::DaysPastDueMismatch)
                        .count("stated", days)
                        .count("actual", dpd),
                );
                break;
            }
        }
    }
}

fn due_date(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let Some(due) = ctx
        .facts
        .account
        .due_date
        .as_deref()
        .and_then(|d| d.trim().parse::<jiff::civil::Date>().ok())
    else {
        missing(out, rule, "due_date");
        return;
    };
    for line in ctx.call.agent_lines() {
        if line.has_any(&["offer_plan", "confirm_promise"]) && !line.has_act("state_overdue") {
            continue;
        }
        for e in line
            .entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Date)
        {
            let Some(d) = e.date() else { continue };
            let (cs, ce) = line.clause_of(e.start);
            let clause = &line.folded[cs..ce];
            if !ctx.cues.due_date.any(clause)
                || ctx.cues.plan.any(clause)
                || ctx.cues.deferral.any(clause)
            {
                continue;
            }
            let down = ctx
                .cues
                .amounts
                .find(clause)
                .iter()
                .any(|h| AMOUNT_KINDS[h.group] == "down_payment");
            if down {
                continue;
            }
            // A date said without a year resolves to its next occurrence; month and day decide.
            let ok = (d.month(), d.day()) == (due.month(), due.day())
                && (d.year() - due.year()).abs() <= 1;
            if !ok {
                out.find(
                    ri,
                    line,
                    "fact:due_date",
                    Some(line.original_of_folded(e.start, e.end)),
                    Detail::new(Why::DueDateMismatch)
                        .with(
                            "stated",
                            Value::Date {
                                date: d,
                                year: false,
                            },
                        )
                        .with(
                            "actual",
                            Value::Date {
                                date: due,
                                year: true,
                            },
                        ),
                );
                break;
            }
        }
    }
}

fn minimum_payment(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let Some(min) = ctx.facts.account.minimum_payment else {
        missing(out, rule, "minimum_payment");
        return;
    };
    for line in ctx.call.agent_lines() {
        let hits = line.amount_hits(ctx.cues);
        if let Some((e, v)) = line.money().find_map(|e| {
            let v = e.number()?;
            let q = qualify(line, hits, e);
            // "The first payment meets the $400 minimum" names the policy's minimum first payment.
            let policy_min = ctx
                .facts
                .account
                .min_first_payment
                .is_some_and(|m| same(v, m, q.said));
            (q.kind == Some("minimum") && !same(v, min, q.said) && !policy_min).then_some((e, v))
        }) {
            out.find(
                ri,
                line,
                "fact:minimum_payment",
                Some(money_text(line, e)),
                mismatch(Term::MinimumPayment, v, min),
            );
        }
    }
}

/// Fees named must be authorised; a fee's stated amount must match the account's.
fn fees(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let Some(authorized) = ctx.facts.account.authorized_fees.as_ref() else {
        missing(out, rule, "authorized_fees");
        return;
    };
    let allowed: Vec<&str> = authorized.iter().map(|k| fee_name(*k)).collect();
    for line in ctx.call.agent_lines() {
        let amount_hits = line.amount_hits(ctx.cues);
        let mut found = false;
        for h in ctx.cues.fees.find(&line.folded) {
            if ctx.negated(line, h.start) {
                continue;
            }
            let kind = FEE_KINDS[h.group];
            let named = line.original_of_folded(h.start, h.end);
            if !allowed.contains(&kind) {
                out.find(
                    ri,
                    line,
                    "fact:fees",
                    Some(named.clone()),
                    Detail::new(Why::FeeNotAllowed)
                        .with("fee", fee_word(kind))
                        .text("said", named.clone()),
                );
                found = true;
                break;
            }
            // The amount said with this fee, if any, must be one of the account's.
            let amounts: Vec<f64> = ctx
                .facts
                .account
                .fees
                .iter()
                .flatten()
                .filter(|f| fee_name(f.kind) == kind)
                .map(|f| f.amount)
                .collect();
            if amounts.is_empty() {
                continue;
            }
            let total: f64 = amounts.iter().sum();
            // The amount said with this fee: one qualified as a fee, next to the fee's name.
            let (cs, ce) = line.clause_of(h.start);
            let near = line.money().find(|e| {
                e.start >= cs
                    && e.end <= ce
                    && qualify(line, amount_hits, e).kind == Some("fee")
                    && (e.end <= h.start && line.folded[e.end..h.start].chars().count() <= 12
                        || e.start >= h.end && line.folded[h.end..e.start].chars().count() <= 6)
            });
            if let Some(e) = near
                && let Some(v) = e.number()
                && !amounts
                    .iter()
                    .chain([total].iter())
                    .any(|&a| same(v, a, Said::Exactly))
            {
                out.find(
                    ri,
                    line,
                    "fact:fees",
                    Some(money_text(line, e)),
                    Detail::new(Why::FactMismatch)
                        .with("what", fee_word(kind))
                        .figure("stated", v)
                        .figure("actual", total),
                );
                found = true;
                break;
            }
        }
        let _ = found;
    }
}

/// An offered plan read from one line: how many payments, of how much, and a first payment.
#[derive(Debug, Clone, Default)]
pub struct PlanTerms {
    pub count: Option<f64>,
    pub per: Option<f64>,
    /// A first payment named as such ("首期", "down payment", "today").
    pub down: Option<f64>,
    /// Other amounts in the line that may be a first payment ("$250 on the 20th, then 5 of X").
    pub others: Vec<f64>,
    /// Every payment amount in the line, in order (for a schedule without a count:
    /// "$100 today and $100 next week").
    pub payments: Vec<f64>,
    pub count_at: Option<(usize, usize)>,
    pub per_at: Option<(usize, usize)>,
}

fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// The plan terms of a line, read once.
pub fn plan_terms<'l>(ctx: &Ctx, line: &'l Line<'_>) -> &'l PlanTerms {
    line.plan.get_or_init(|| read_plan_terms(ctx, line))
}

fn read_plan_terms(ctx: &Ctx, line: &Line) -> PlanTerms {
    let hits = line.amount_hits(ctx.cues);
    let mut counts: Vec<(f64, (usize, usize))> = Vec::new();
    for e in line.entities() {
        let at = (e.start, e.end);
        match (e.kind, e.unit) {
            (EntityKind::Count, Some("instalment" | "payment")) => {
                if let Some(n) = e.number() {
                    counts.push((n, at));
                }
            }
            (EntityKind::Duration, Some("month" | "week")) => {
                let (cs, ce) = line.clause_of(e.start);
                let clause = &line.folded[cs..ce];
                let per_period = ctx
                    .cues
                    .amounts
                    .find(clause)
                    .iter()
                    .any(|h| AMOUNT_KINDS[h.group] == "instalment")
                    || ctx.cues.plan.any(clause);
                if per_period
                    && !ctx.cues.deferral.any(clause)
                    && !ctx.cues.overdue.any(clause)
                    && let Some(n) = e.amount
                {
                    counts.push((n, at));
                }
            }
            _ => {}
        }
    }
    let mut per_candidates = Vec::new();
    let mut downs = Vec::new();
    let mut loose = Vec::new();
    let mut payments = Vec::new();
    for e in line.money() {
        let Some(v) = e.number() else { continue };
        let q = qualify(line, hits, e);
        match q.kind {
            Some("instalment") => per_candidates.push((v, (e.start, e.end))),
            Some("down_payment") => downs.push(v),
            None => loose.push((v, (e.start, e.end))),
            _ => continue,
        }
        payments.push(v);
    }
    let near_count = |at: (usize, usize)| -> usize {
        counts
            .iter()
            .map(|c| gap(c.1, at))
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut t = PlanTerms::default();
    let per = per_candidates
        .iter()
        .min_by_key(|p| near_count(p.1))
        .copied()
        .or_else(|| {
            if counts.is_empty() {
                None
            } else {
                loose.iter().min_by_key(|p| near_count(p.1)).copied()
            }
        });
    if let Some((v, at)) = per {
        t.per = Some(v);
        t.per_at = Some(at);
        if let Some(c) = counts.iter().min_by_key(|c| gap(c.1, at)) {
            t.count = Some(c.0);
            t.count_at = Some(c.1);
        }
    } else if let Some(c) = counts.first() {
        t.count = Some(c.0);
        t.count_at = Some(c.1);
    }
    t.down = downs.into_iter().find(|d| Some(*d) != t.per);
    t.others = payments
        .iter()
        .copied()
        .filter(|v| Some(*v) != t.per && Some(*v) != t.down)
        .collect();
    let _ = loose;
    t.payments = payments;
    t
}

fn plan_line(line: &Line) -> bool {
    line.has_any(&[
        "offer_plan",
        "confirm_promise",
        "summarize",
        "request_payment",
    ])
}

fn instalments(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let a = &ctx.facts.account;
    if a.balance.is_none() {
        missing(out, rule, "balance");
        return;
    }
    let mut targets = balance_forms(ctx);
    targets.extend(a.minimum_payment);
    for line in ctx.call.agent_lines() {
        let t = plan_terms(ctx, line);
        let (Some(n), Some(per)) = (t.count, t.per) else {
            schedule(ctx, out, ri, line, t);
            continue;
        };
        if !plan_line(line) && !ctx.cues.plan.any(&line.folded) {
            continue;
        }
        let evidence = t.per_at.map(|(s, e)| line.original_of_folded(s, e));
        // (first payment, total) readings of the offer: n x per, or a first payment then n (or
        // n - 1) of per.
        let mut readings = vec![(per, per * n)];
        for d in t.down.iter().chain(t.others.iter()) {
            readings.push((*d, d + per * n));
            readings.push((*d, d + per * (n - 1.0).max(0.0)));
        }
        let tolerance = UNIT.max(n * UNIT);
        let matching = readings.iter().find(|(_, tot)| {
            targets
                .iter()
                .any(|tg| (tot - tg).abs() <= tolerance.max(tg * 0.005))
        });
        let first = matching
            .map(|r| r.0)
            .unwrap_or_else(|| t.down.unwrap_or(per));
        if let Some(min) = a.min_first_payment
            && first + 0.5 < min
        {
            out.find(
                ri,
                line,
                "fact:instalments",
                evidence.clone(),
                below_minimum(first, min),
            );
            continue;
        }
        if matching.is_none() && !ctx.cues.temporary.any(&line.folded) {
            let b = a.balance.unwrap_or_default();
            out.find(
                ri,
                line,
                "fact:instalments",
                evidence,
                Detail::new(Why::InstalmentsDoNotAddUp)
                    .count("count", n)
                    .figure("each", per)
                    .figure("total", per * n)
                    .figure("balance", b),
            );
        }
    }
}

/// A schedule without a count ("$100 today and $100 next week", "$225 on the 1st, then $150 a
/// month"): its first payment must meet the policy's minimum. Such a schedule claims nothing
/// about covering the balance, so no sum is checked.
fn schedule(ctx: &Ctx, out: &mut Out, ri: usize, line: &Line, t: &PlanTerms) {
    let a = &ctx.facts.account;
    let (Some(min), Some(b)) = (a.min_first_payment, a.balance) else {
        return;
    };
    let dates = line
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Date)
        .count();
    let rest_later = t.payments.len() == 1 && ctx.cues.remainder.any(&line.folded);
    let is_schedule = (t.payments.len() >= 2 || rest_later)
        && t.payments.iter().all(|v| v + UNIT < b)
        && (plan_line(line) || dates >= 2 || ctx.cues.plan.any(&line.folded) || rest_later);
    if !is_schedule {
        return;
    }
    let first = t.down.unwrap_or(t.payments[0]);
    if first + 0.5 < min {
        out.find(
            ri,
            line,
            "fact:instalments",
            None,
            below_minimum(first, min),
        );
    }
}

fn settlement(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let a = &ctx.facts.account;
    let (Some(b), Some(floor)) = (a.balance, a.settlement_floor) else {
        missing(
            out,
            rule,
            if a.balance.is_none() {
                "balance"
            } else {
                "settlement_floor"
            },
        );
        return;
    };
    let settle_group = AMOUNT_KINDS.iter().position(|k| *k == "settlement");
    let is_settle = |h: &Hit| Some(h.group) == settle_group;
    for line in ctx.call.agent_lines() {
        let hits = line.amount_hits(ctx.cues);
        let here: Vec<&Hit> = hits
            .iter()
            .filter(|h| is_settle(h) && !ctx.negated(line, h.start))
            .collect();
        // "The settlement sounds good but I only have 1,000." / "Fine, $1,000 it is.": the
        // borrower's turn just before sets the subject.
        let asked = line.index > 0 && {
            let prev = &ctx.call.lines[line.index - 1];
            !prev.is_agent() && ctx.cues.amounts.find(&prev.folded).iter().any(is_settle)
        };
        if here.is_empty() && !asked {
            continue;
        }
        let mut low: Option<(String, Detail)> = None;
        for e in line.money() {
            let Some(v) = e.number() else { continue };
            let q = qualify(line, hits, e);
            if !matches!(
                q.kind,
                None | Some("settlement" | "balance" | "down_payment")
            ) {
                continue;
            }
            let (cs, ce) = line.clause_of(e.start);
            let in_clause = here.iter().any(|h| h.start >= cs && h.end <= ce);
            if !(in_clause || (asked && q.kind.is_none())) {
                continue;
            }
            if v + UNIT >= b {
                continue; // the full balance, or more
            }
            if v + UNIT < floor * b {
                low = Some((
                    money_text(line, e),
                    Detail::new(Why::SettlementBelowFloor)
                        .figure("offer", v)
                        .figure("floor", floor * b)
                        .count("percent", (floor * 100.0).round())
                        .figure("balance", b),
                ));
                break;
            }
        }
        if low.is_none() {
            for e in line
                .entities()
                .iter()
                .filter(|e| e.kind == EntityKind::Percent)
            {
                let Some(p) = e.number() else { continue };
                let (cs, ce) = line.clause_of(e.start);
                let share = if ctx.cues.discount.any(&line.folded[cs..ce]) {
                    100.0 - p
                } else {
                    p
                };
                if share + 0.01 < floor * 100.0 {
                    low = Some((
                        line.original_of_folded(e.start, e.end),
                        Detail::new(Why::SettlementShareBelowFloor)
                            .count("share", share)
                            .count("percent", (floor * 100.0).round()),
                    ));
                    break;
                }
            }
        }
        if let Some((evidence, detail)) = low {
            out.find(ri, line, "fact:settlement_floor", Some(evidence), detail);
        }
    }
}

fn policy_limits(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let a = &ctx.facts.account;
    if a.max_instalments.is_none() {
        missing(out, rule, "max_instalments");
    }
    if a.max_deferral_days.is_none() {
        missing(out, rule, "max_deferral_days");
    }
    if a.max_instalments.is_none() && a.max_deferral_days.is_none() {
        return;
    }
    let today = ctx.now.date();
    for line in ctx.call.agent_lines() {
        if let Some(max) = a.max_instalments {
            let t = plan_terms(ctx, line);
            if let Some(n) = t.count
                && n > max as f64 + 0.01
                && (plan_line(line) || ctx.cues.plan.any(&line.folded))
            {
                out.find(
                    ri,
                    line,
                    "fact:policy_limits",
                    t.count_at.map(|(s, e)| line.original_of_folded(s, e)),
                    Detail::new(Why::TooManyInstalments)
                        .count("count", n)
                        .count("max", max),
                );
                continue;
            }
        }
        let Some(max_days) = a.max_deferral_days else {
            continue;
        };
        let defer: Vec<Hit> = ctx
            .cues
            .deferral
            .find(&line.folded)
            .into_iter()
            .filter(|h| !ctx.negated(line, h.start))
            .collect();
        if defer.is_empty() {
            continue;
        }
        for e in line.entities() {
            let (cs, ce) = line.clause_of(e.start);
            if !defer.iter().any(|h| h.start >= cs && h.end <= ce) {
                continue;
            }
            let days = match e.kind {
                EntityKind::Duration => e.number(),
                EntityKind::Date => e
                    .date()
                    .and_then(|d| today.until(d).ok())
                    .map(|span| span.get_days() as f64),
                _ => None,
            };
            if let Some(days) = days
                && days > max_days as f64 + 0.5
            {
                out.find(
                    ri,
                    line,
                    "fact:policy_limits",
                    Some(line.original_of_folded(e.start, e.end)),
                    Detail::new(Why::DeferralTooLong)
                        .count("days", days)
                        .count("max", max_days),
                );
                break;
            }
        }
    }
}

/// Whether consequence `which` (credit reporting 0, lawsuit 1, repossession 2) is true of the
/// account; `None` when the facts do not say.
fn consequence_truth(ctx: &Ctx, which: usize) -> Option<bool> {
    let a = &ctx.facts.account;
    match which {
        0 => a.credit_reporting,
        1 => a
            .lawsuit_authorized
            .map(|auth| auth && !a.time_barred.unwrap_or(false)),
        _ => a.repossession_right,
    }
}

/// Does `text` name consequences (a suit, repossession, credit reporting) that are all true of
/// the account, and no others?
pub fn only_true_consequences(ctx: &Ctx, text: &str) -> bool {
    let folded = text.to_lowercase();
    let hits = ctx.cues.consequences.find(&folded);
    !hits.is_empty()
        && hits
            .iter()
            .all(|h| consequence_truth(ctx, h.group) == Some(true))
}

/// Credit reporting (0), lawsuits (1), repossession (2): mentioned only where true.
fn consequence(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule, which: usize) {
    let a = &ctx.facts.account;
    let Some(truth) = consequence_truth(ctx, which) else {
        missing(
            out,
            rule,
            [
                "credit_reporting",
                "lawsuit_authorized",
                "repossession_right",
            ][which],
        );
        return;
    };
    if truth {
        return;
    }
    for line in ctx.call.agent_lines() {
        let hit = ctx
            .cues
            .consequences
            .find(&line.folded)
            .into_iter()
            .find(|h| h.group == which && !ctx.negated(line, h.start));
        if let Some(h) = hit {
            let said = line.original_of_folded(h.start, h.end);
            let why = match which {
                0 => Why::UntrueCreditReporting,
                1 if a.time_barred == Some(true) => Why::UntrueLawsuitTimeBarred,
                1 => Why::UntrueLawsuit,
                _ => Why::UntrueRepossession,
            };
            out.find(
                ri,
                line,
                format!(
                    "fact:{}",
                    ["credit_reporting", "lawsuit", "repossession"][which]
                ),
                Some(said.clone()),
                Detail::new(why).text("said", said),
            );
        }
    }
}
