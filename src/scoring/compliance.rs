//! The structural checks: required acts, order, forbidden acts and categories, the verification
//! gate, responses to triggers, the call's time and frequency, patterns, and credits.

use regex::Regex;

use super::call::Line;
use super::context::{Ctx, Out};
use super::cues::Phrases;
use super::explain::{Detail, Term, Value, Why};
use super::model::Credit;
use crate::content::raw::{Answerer, Rule};
use crate::understanding::entities::EntityKind;
use crate::understanding::prefilter::PrefilteredSet;

/// `require`: the act must occur (by the `by_turn`-th agent turn when set). A missing act is a
/// finding at the turn where it was due, or at the last agent turn.
pub fn require(
    ctx: &Ctx,
    out: &mut Out,
    ri: usize,
    rule: &Rule,
    act: &str,
    by_turn: Option<u32>,
    first_contact_only: bool,
) {
    if !ctx.applies_to_call(rule) {
        out.not_applicable(rule, not_for(rule, ctx.answerer()));
        return;
    }
    if first_contact_only {
        match ctx.facts.context.first_contact {
            None => {
                out.not_applicable(rule, missing_context("first_contact"));
                return;
            }
            Some(false) => {
                out.not_applicable(rule, Why::LaterCall);
                return;
            }
            Some(true) => {}
        }
    }
    // Verification and the acts a gate holds back are only due once the call is about the debt:
    // an agent who never got past verification rightly never gave the disclosure, and one who
    // closed at once ("I'm at work") had nothing to verify for.
    let debt_said = ctx
        .call
        .agent_lines()
        .any(|l| ctx.debt_content(l, ctx.gated).is_some());
    let ever_verified = ctx.verification.ever_verified();
    if act == "verify_identity" && !ctx.gated.is_empty() && !debt_said {
        out.not_applicable(rule, Why::NoDebtTalk);
        return;
    }
    if ctx.gated.iter().any(|g| g == act) && !ever_verified && !debt_said {
        out.not_applicable(
            rule,
            Detail::new(Why::DueAfterVerification).text("act", act),
        );
        return;
    }
    let first = ctx
        .call
        .agent_lines()
        .find(|l| ctx.applies(rule, l) && ctx.has_act(l, act));
    let due = by_turn.map(|n| n as usize);
    match (first, due) {
        (Some(l), Some(n)) if l.agent_ordinal > n => {
            if let Some(at) = ctx.call.agent_turn_or_last(n) {
                out.find(
                    ri,
                    at,
                    format!("missing:{act}"),
                    None,
                    Detail::new(Why::LateAct)
                        .text("act", act)
                        .count("due", n as f64)
                        .count("turn", l.number() as f64),
                );
            }
        }
        (Some(_), _) => {}
        (None, due) => {
            let at = match due {
                Some(n) => ctx.call.agent_turn_or_last(n),
                None => ctx.call.last_agent(),
            };
            if let Some(at) = at {
                let why = match due {
                    Some(n) => Detail::new(Why::MissingActByTurn).count("due", n as f64),
                    None => Detail::new(Why::MissingAct),
                };
                out.find(ri, at, format!("missing:{act}"), None, why.text("act", act));
            }
        }
    }
}

fn not_for(rule: &Rule, answerer: Answerer) -> Detail {
    let who = rule.applies_to.iter().map(|a| Term::answerer(*a)).collect();
    Detail::new(Why::NotForAnswerer)
        .with("who", Value::Either(who))
        .term("answerer", Term::answerer(answerer))
}

fn missing_context(field: &str) -> Detail {
    Detail::new(Why::MissingContext).text("field", format!("context.{field}"))
}

/// `order`: `act` must come before the first of `before`.
pub fn order(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule, act: &str, before: &[String]) {
    if !ctx.applies_to_call(rule) {
        out.not_applicable(rule, not_for(rule, ctx.answerer()));
        return;
    }
    let lines: Vec<&Line> = ctx
        .call
        .agent_lines()
        .filter(|l| ctx.applies(rule, l))
        .collect();
    let position = |a: &str| -> Option<(usize, usize)> {
        lines
            .iter()
            .find_map(|l| ctx.act_at(l, a).map(|at| (l.index, at)))
    };
    let Some((first_before, which)) = before
        .iter()
        .filter_map(|b| position(b).map(|p| (p, b)))
        .min_by_key(|(p, _)| *p)
    else {
        return;
    };
    let mut done = position(act);
    // Asking what the borrower can afford is moot when they already said it ("I can do $200 a
    // month"): the agent understood the finances before proposing.
    if act == "ask_capacity" && done.is_none_or(|d| d > first_before) {
        let told = ctx.call.lines[..first_before.0]
            .iter()
            .any(|l| !l.is_agent() && l.entities().iter().any(|e| e.kind == EntityKind::Money));
        if told {
            done = Some((0, 0));
        }
    }
    if done.is_none_or(|d| d > first_before) {
        let line = &ctx.call.lines[first_before.0];
        out.find(
            ri,
            line,
            format!("order:{act}"),
            None,
            Detail::new(Why::Order)
                .text("first", which.as_str())
                .text("act", act),
        );
    }
}

/// `forbid`: every line with one of the acts, and every risk finding of the categories.
pub fn forbid(
    ctx: &Ctx,
    out: &mut Out,
    ri: usize,
    rule: &Rule,
    acts: &[String],
    categories: &[crate::content::raw::RiskCategory],
) {
    if !ctx.applies_to_call(rule) {
        out.not_applicable(rule, not_for(rule, ctx.answerer()));
        return;
    }
    for line in ctx.call.agent_lines().filter(|l| ctx.applies(rule, l)) {
        if !acts.is_empty()
            && let Some((words, what)) = ctx.debt_content(line, acts)
        {
            out.find(
                ri,
                line,
                "debt_content",
                Some(words),
                Detail::new(Why::DebtContentTo).text("what", what).term(
                    "listener",
                    listener(line.listener, ctx.verified_before(line)),
                ),
            );
        }
        let mut seen = Vec::new();
        for f in &line.risks {
            if !categories.contains(&f.category) || seen.contains(&f.category) {
                continue;
            }
            // Debt talk is a third-party disclosure only when someone else is listening; said
            // to the borrower before verification, the verification gate judges it.
            if f.category == crate::content::raw::RiskCategory::ThirdPartyDisclosure
                && line.listener == Answerer::Borrower
            {
                continue;
            }
            // "Otherwise the platform will sue you" is no false threat where the account says the
            // creditor has authorised a suit: the truth of a consequence is the account's.
            if f.category == crate::content::raw::RiskCategory::ThreatFalseLegal
                && super::accuracy::only_true_consequences(ctx, &f.evidence)
            {
                continue;
            }
            seen.push(f.category);
            out.find(
                ri,
                line,
                f.category.name(),
                Some(f.evidence.clone()),
                Detail::new(Why::Risk)
                    .term("category", Term::category(f.category))
                    .text("rule", f.rule.as_str()),
            );
        }
    }
}

fn listener(a: Answerer, verified: bool) -> Term {
    match (a, verified) {
        (Answerer::ThirdParty, _) => Term::ListenerThirdParty,
        (Answerer::Impostor, _) => Term::ListenerImpostor,
        (Answerer::Borrower, true) => Term::ListenerVerified,
        (Answerer::Borrower, false) => Term::ListenerUnverified,
    }
}

/// `gate`: debt content only once the listener passed verification.
pub fn gate(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule, acts: &[String]) {
    if !ctx.applies_to_call(rule) {
        out.not_applicable(rule, not_for(rule, ctx.answerer()));
        return;
    }
    if ctx.verification.unchecked_answers {
        out.not_applicable(rule, Why::UncheckedAnswers);
    }
    for line in ctx.call.agent_lines().filter(|l| ctx.applies(rule, l)) {
        let state = ctx.verification.before[line.index];
        if state.verified() {
            continue;
        }
        if let Some((words, what)) = ctx.debt_content(line, acts) {
            let why = match state {
                super::verification::State::Failed => Why::GateFailed,
                super::verification::State::Pending => Why::GatePending,
                _ => Why::GateUnverified,
            };
            out.find(
                ri,
                line,
                "debt_content",
                Some(words),
                Detail::new(why).text("what", what),
            );
        }
    }
}

/// `trigger`: when the other side says one of the patterns, the agent must answer with one of
/// `respond_with` within `within` turns, and never do `forbid_after` afterwards.
#[allow(clippy::too_many_arguments)]
pub fn trigger(
    ctx: &Ctx,
    out: &mut Out,
    ri: usize,
    rule: &Rule,
    patterns: &PrefilteredSet,
    respond_with: &[String],
    within: u32,
    forbid_after: &[String],
) {
    if !ctx.applies_to_call(rule) {
        out.not_applicable(rule, not_for(rule, ctx.answerer()));
        return;
    }
    let lines = &ctx.call.lines;
    let mut forbidden_from: Option<usize> = None;
    let mut open_until = 0usize; // a trigger's response window already judged up to this line
    for trig in lines.iter().filter(|l| !l.is_agent()) {
        let Some(m) = patterns.first(&trig.folded) else {
            continue;
        };
        let said = trig.original_of_folded(m.start(), m.end());
        forbidden_from.get_or_insert(trig.index);
        if trig.index < open_until {
            continue;
        }
        let replies: Vec<&Line> = lines[trig.index + 1..]
            .iter()
            .filter(|l| l.is_agent())
            .take(within.max(1) as usize)
            .collect();
        let Some(first) = replies.first() else {
            continue; // the call ended before the agent could answer
        };
        if respond_with.is_empty() {
            continue;
        }
        let answered = replies.iter().any(|l| {
            respond_with.iter().any(|a| ctx.has_act(l, a))
                || (respond_with.iter().any(|a| a == "empathy") && ctx.cues.empathy.any(&l.folded))
        });
        open_until = replies.last().map_or(0, |l| l.index + 1);
        if !answered && ctx.applies(rule, first) {
            out.find(
                ri,
                first,
                format!("trigger:{}", rule.id.value),
                None,
                Detail::new(Why::TriggerUnanswered)
                    .count("turn", trig.number() as f64)
                    .text("said", said.clone())
                    .with("acts", Value::List(respond_with.to_vec())),
            );
        }
    }
    if let Some(from) = forbidden_from {
        // Every later turn that does a forbidden act is a finding of its own.
        for line in lines[from + 1..]
            .iter()
            .filter(|l| l.is_agent() && ctx.applies(rule, l))
        {
            let Some(hit) = line.acts.iter().find(|h| forbid_after.contains(&h.act)) else {
                continue;
            };
            out.find(
                ri,
                line,
                format!("trigger:{}", rule.id.value),
                Some(line.original(hit.span[0], hit.span[1])),
                Detail::new(Why::AfterTrigger)
                    .text("act", hit.act.as_str())
                    .count("turn", (from + 1) as f64)
                    .text("said", short(lines[from].text, 60)),
            );
        }
    }
}

pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().get(..2)?.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `time_window`: the call's local time must fall inside `[start, end)`.
pub fn time_window(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule, start: &str, end: &str) {
    let Some(local) = ctx.facts.context.local_time.as_deref() else {
        out.not_applicable(rule, missing_context("local_time"));
        return;
    };
    let (Some(t), Some(s), Some(e)) = (minutes(local), minutes(start), minutes(end)) else {
        out.not_applicable(rule, Detail::new(Why::UnreadableTime).text("time", local));
        return;
    };
    let inside = if s <= e {
        s <= t && t < e
    } else {
        t >= s || t < e
    };
    if !inside && let Some(first) = ctx.call.agent_lines().next() {
        out.find(
            ri,
            first,
            "time_window",
            None,
            Detail::new(Why::OutsideHours)
                .text("time", local)
                .text("start", start)
                .text("end", end),
        );
    }
}

/// `frequency`: this call counted with the earlier ones must stay within the limits.
pub fn frequency(
    ctx: &Ctx,
    out: &mut Out,
    ri: usize,
    rule: &Rule,
    max_7: Option<u32>,
    max_today: Option<u32>,
) {
    let Some(first) = ctx.call.agent_lines().next() else {
        return;
    };
    let c = &ctx.facts.context;
    for (max, count, why, field) in [
        (
            max_7,
            c.calls_last_7_days,
            Why::TooManyCallsWeek,
            "calls_last_7_days",
        ),
        (
            max_today,
            c.calls_today,
            Why::TooManyCallsToday,
            "calls_today",
        ),
    ] {
        let Some(max) = max else { continue };
        let Some(count) = count else {
            out.not_applicable(rule, missing_context(field));
            continue;
        };
        // The counts are of earlier calls; this one makes one more.
        if count + 1 > max {
            out.find(
                ri,
                first,
                "frequency",
                None,
                Detail::new(why).count("count", count + 1).count("max", max),
            );
        }
    }
}

/// `pattern`: agent lines matching the keywords or patterns.
pub fn pattern(
    ctx: &Ctx,
    out: &mut Out,
    ri: usize,
    rule: &Rule,
    keywords: &Phrases,
    patterns: &[Regex],
) {
    for line in ctx.call.agent_lines().filter(|l| ctx.applies(rule, l)) {
        let hit = keywords
            .find(&line.folded)
            .first()
            .map(|h| (h.start, h.end))
            .or_else(|| {
                patterns
                    .iter()
                    .find_map(|p| p.find(&line.folded).map(|m| (m.start(), m.end())))
            });
        if let Some((s, e)) = hit {
            out.find(
                ri,
                line,
                format!("pattern:{}", rule.id.value),
                Some(line.original_of_folded(s, e)),
                Why::PatternMatched,
            );
        }
    }
}

/// `credit`: the first time the act occurs.
pub fn credit(ctx: &Ctx, out: &mut Out, rule: &Rule, act: &str) {
    if let Some(line) = ctx
        .call
        .agent_lines()
        .find(|l| ctx.applies(rule, l) && ctx.has_act(l, act))
    {
        out.credits.push(Credit {
            turn: line.number(),
            rule: rule.id.value.clone(),
            act: act.to_string(),
            points: rule.points.value,
            dimension: rule.dimension,
        });
    }
}
