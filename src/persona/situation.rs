//! Deciding what a turn is, from the persona's point of view: the one mechanism per trait that
//! turns an analysed agent line and the call state into a `Situation`.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::negotiation::{Verdict, weigh};
use super::replies::Slots;
use super::resolved::ResolvedPersona;
use super::state::{CallState, Dispute, Offer, Verification};
use crate::call::Promise;
use crate::content::raw::{Answerer, RiskCategory, Scenario, Situation};
use crate::lang::Lang;
use crate::understanding::Analysis;
use crate::understanding::entities::{EntityKind, EntityValue};

/// Acts that tell the listener something about the debt.
pub const DEBT_CONTENT: [&str; 7] = [
    "state_balance",
    "state_overdue",
    "request_payment",
    "offer_plan",
    "explain_consequence",
    "debt_collector_disclosure",
    "confirm_promise",
];

const MONEY_TALK: [&str; 5] = [
    "request_payment",
    "offer_plan",
    "state_balance",
    "ask_capacity",
    "confirm_promise",
];

pub struct Ctx<'a> {
    pub scenario: &'a Scenario,
    pub persona: &'a ResolvedPersona,
    pub lang: Lang,
}

/// What the agent's line carried that a reply may echo.
#[derive(Debug, Default, Clone)]
pub struct Said {
    pub money: Option<f64>,
    pub date: Option<jiff::civil::Date>,
    pub date_text: Option<String>,
    pub count: Option<u32>,
    pub days: Option<f64>,
    pub name: Option<String>,
}

pub fn said(a: &Analysis) -> Said {
    let mut s = Said::default();
    for e in &a.entities {
        match (&e.kind, &e.raw.value) {
            (EntityKind::Money, EntityValue::Number(n)) if s.money.is_none() => s.money = Some(*n),
            // "Friday, December 4": the date with digits is the precise one.
            (EntityKind::Date, EntityValue::Date(d))
                if s.date.is_none()
                    || (e.text.chars().any(|c| c.is_ascii_digit())
                        && !s
                            .date_text
                            .as_deref()
                            .is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()))) =>
            {
                s.date = Some(*d);
                s.date_text = Some(e.text.clone());
            }
            (EntityKind::Count, EntityValue::Number(n)) if s.count.is_none() => {
                s.count = Some(*n as u32)
            }
            (EntityKind::Duration, EntityValue::Number(n)) => {
                if e.unit == Some("month") && s.count.is_none() && a.has_act("offer_plan") {
                    s.count = e.amount.map(|m| m as u32);
                } else if e.unit == Some("day") {
                    s.days = Some(*n);
                }
            }
            (EntityKind::Name, EntityValue::Text(t)) if s.name.is_none() => {
                s.name = Some(t.clone())
            }
            _ => {}
        }
    }
    s
}

fn risk_situation(category: RiskCategory, answerer: Answerer) -> Situation {
    match category {
        RiskCategory::ThreatViolence
        | RiskCategory::ThreatFalseLegal
        | RiskCategory::FalseOrMisleading
        | RiskCategory::Impersonation => Situation::Threatened,
        RiskCategory::AbusiveLanguage => Situation::Insulted,
        RiskCategory::ThirdPartyDisclosure if answerer == Answerer::ThirdParty => {
            Situation::FactsAck
        }
        _ => Situation::Harassed,
    }
}

/// Which identity field a verification question asks for.
fn asked_field(a: &Analysis) -> &'static str {
    let t = a.normalized.as_str();
    let any = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if any(&[
        "last four",
        "last 4",
        "ssn",
        "social",
        "身份证",
        "证件",
        "后四位",
        "后4位",
        "尾号",
    ]) {
        "id_last4"
    } else if any(&["address", "live", "zip", "地址", "住址", "住在"]) {
        "address"
    } else if any(&["phone", "number", "电话", "手机"]) {
        "phone"
    } else {
        "dob"
    }
}

pub fn decide(
    ctx: &Ctx,
    a: &Analysis,
    st: &mut CallState,
    slots: &mut Slots,
    rng: &mut ChaCha8Rng,
) -> Situation {
    let s = ctx.scenario;
    let p = ctx.persona;
    let has = |x: &str| a.has_act(x);
    let third_party = s.answerer == Answerer::ThirdParty;
    let said = said(a);
    if let Some(m) = said.money {
        slots.insert(
            "amount",
            crate::report::labels::money(m, s.account.currency.code()),
        );
    }
    if let Some(d) = said.date {
        slots.insert("date", format_date(d, ctx.lang));
    }
    if let Some(c) = said.count {
        slots.insert("count", c.to_string());
    }
    if has("identify_self") {
        st.agent_identified = true;
        if let Some(n) = &said.name {
            st.agent_name = Some(n.clone());
        }
    }
    if let Some(n) = &st.agent_name {
        slots.insert("agent_name", n.clone());
    }
    let debt_talk = DEBT_CONTENT.iter().any(|x| has(x));
    if debt_talk && (third_party || st.verification != Verification::Passed) {
        st.disclosed_unverified = true;
    }

    // Abuse and threats first: nothing else in the line matters to the listener then.
    if let Some(f) = a.findings.iter().max_by_key(|f| f.severity) {
        if p.traits.complains && st.mood <= -4 {
            return Situation::Complains;
        }
        return risk_situation(f.category, s.answerer);
    }
    if a.unclear {
        return Situation::Unclear;
    }
    // A restated agreement is confirmed even when the same line says goodbye.
    if (has("confirm_promise") || has("summarize"))
        && let Some(mut accepted) = st.accepted.clone()
    {
        if accepted.date.is_none() {
            accepted.date = said.date.map(|d| d.to_string());
        }
        if accepted.date.is_some() {
            st.promise = Some(accepted);
        }
    }
    // A goodbye ends the call only when it is what the line ends with ("Thanks. Could you
    // confirm your date of birth?" is a question, not a goodbye).
    let closing = a
        .acts
        .iter()
        .max_by_key(|h| h.span[0])
        .is_some_and(|h| h.act == "close");
    if closing {
        return Situation::Closing;
    }
    if third_party {
        return if debt_talk {
            Situation::FactsAck
        } else if has("schedule_callback") {
            st.callback = said.date_text.clone().or(Some(String::new()));
            Situation::CallbackAgreed
        } else if has("verify_identity") {
            Situation::VerificationRefused
        } else if has("right_party_check") || has("ask_for_borrower") {
            if !st.agent_identified
                && st.seen("right_party_check") + st.seen("ask_for_borrower") == 0
            {
                Situation::RightPartyConfirm
            } else {
                Situation::TakesMessage
            }
        } else if has("identify_self") {
            Situation::WhoIsCalling
        } else if has("empathy") {
            Situation::EmpathyAck
        } else if has("greet") {
            Situation::Greeted
        } else {
            Situation::Filler
        };
    }

    // An answer to an excuse (listening, the reason, the truthful consequence, how to pay):
    // each different answering act wears one objection down, once per call.
    if st.objections_left > 0
        && let Some(act) = p
            .traits
            .answered_by
            .iter()
            .find(|x| has(x) && !st.answered.contains(*x))
    {
        st.answered.insert(act.clone());
        st.objections_left -= 1;
    }

    // The agent asking again what was already settled.
    let repeat = (has("verify_identity") && st.verification == Verification::Passed)
        || (has("ask_capacity") && st.seen("ask_capacity") >= 2)
        || (has("ask_reason") && st.seen("ask_reason") >= 2);
    if repeat && !has("offer_plan") && !has("request_payment") {
        return Situation::RepeatQuestion;
    }

    // Figures: contradictions with the agent's own earlier figure, corrections by those who know.
    if has("state_balance")
        && let Some(m) = said.money
    {
        let balance = s.account.balance.value;
        let previous = st.stated_balances.last().copied();
        st.stated_balances.push(m);
        if let Some(prev) = previous
            && (prev - m).abs() > 1.0
        {
            slots.insert(
                "said_figure",
                crate::report::labels::money(m, s.account.currency.code()),
            );
            return Situation::Contradiction;
        }
        if (m - balance).abs() > 1.0 && p.traits.knows_figures {
            slots.insert(
                "true_figure",
                crate::report::labels::money(balance, s.account.currency.code()),
            );
            slots.insert(
                "said_figure",
                crate::report::labels::money(m, s.account.currency.code()),
            );
            st.trust = (st.trust - 10).max(0);
            return Situation::CorrectsFigure;
        }
    }
    if has("state_overdue")
        && p.traits.knows_figures
        && let Some(days) = said.days
        && (days - f64::from(s.account.days_past_due.value)).abs() >= 1.0
    {
        slots.insert("true_figure", s.account.days_past_due.value.to_string());
        slots.insert("said_figure", format!("{days}"));
        st.trust = (st.trust - 10).max(0);
        return Situation::CorrectsFigure;
    }

    // Verification.
    if has("verify_identity") {
        if st.trust < 25 && !st.agent_identified {
            return Situation::VerificationRefused;
        }
        let field = asked_field(a);
        let answers = s.persona.answers.clone().unwrap_or_default();
        let true_value = match field {
            "id_last4" => Some(s.identity.id_last4.value.clone()),
            "address" => s.identity.address.clone(),
            "phone" => s.identity.phone.clone(),
            _ => Some(s.identity.dob.value.clone()),
        };
        let given = match field {
            "id_last4" => answers.id_last4.clone(),
            "address" => answers.address.clone(),
            "phone" => answers.phone.clone(),
            _ => answers.dob.clone(),
        }
        .or_else(|| {
            if p.traits.impostor {
                None
            } else {
                true_value.clone()
            }
        });
        let Some(given) = given else {
            // An impostor asked something they cannot know: dodge and fish.
            st.verification = Verification::Failed;
            return Situation::FishesForDetails;
        };
        st.verification = if Some(&given) == true_value.as_ref() && !p.traits.impostor {
            Verification::Passed
        } else {
            Verification::Failed
        };
        slots.insert("answer", format_answer(field, &given, ctx.lang));
        return Situation::VerificationAnswer;
    }
    if p.traits.impostor
        && (debt_talk || st.verification == Verification::Failed || has("identify_self"))
    {
        if has("right_party_check") && !st.right_party_confirmed {
            st.right_party_confirmed = true;
            return Situation::RightPartyConfirm;
        }
        return Situation::FishesForDetails;
    }
    if has("right_party_check") {
        st.right_party_confirmed = true;
        return Situation::RightPartyConfirm;
    }

    // Disputes: raised on the first debt talk, settled by handling it.
    if p.traits.disputes && st.dispute != Dispute::Acknowledged {
        if has("dispute_handling") {
            st.dispute = Dispute::Acknowledged;
            return Situation::DisputeAck;
        }
        if debt_talk || has("ask_capacity") {
            st.dispute = Dispute::Raised;
            return Situation::Disputes;
        }
    }
    if has("dispute_handling") && st.dispute == Dispute::Raised {
        st.dispute = Dispute::Acknowledged;
        return Situation::DisputeAck;
    }

    // Too upset to talk about money.
    if let Some(min) = p.traits.money_talk_min_mood
        && st.mood < min
        && MONEY_TALK.iter().any(|x| has(x))
    {
        return Situation::NotReadyForMoney;
    }

    if has("offer_plan") || has("request_payment") {
        return negotiate(ctx, &said, st, slots, rng, a);
    }
    if has("confirm_promise") || has("summarize") {
        if let Some(mut accepted) = st.accepted.clone() {
            if accepted.date.is_none() {
                accepted.date = said.date.map(|d| d.to_string());
            }
            if accepted.date.is_some() {
                st.promise = Some(accepted);
                return Situation::ConfirmsPromise;
            }
            return Situation::Stalls;
        }
        if said.money.is_some() {
            return negotiate(ctx, &said, st, slots, rng, a);
        }
        return Situation::Filler;
    }
    if has("ask_capacity") {
        return if st.trust >= 30 && !(p.traits.stalls && rng_chance(rng, p.evasion)) {
            Situation::StatesCapacity
        } else {
            Situation::Stalls
        };
    }
    if has("schedule_callback") {
        st.callback = said.date_text.clone().or(Some(String::new()));
        return Situation::CallbackAgreed;
    }
    if has("ask_reason") {
        return Situation::ExplainsReason;
    }
    if has("hardship_referral") {
        return Situation::HardshipAck;
    }
    if has("empathy") {
        return Situation::EmpathyAck;
    }
    if has("explain_consequence") {
        return Situation::ConsequenceAck;
    }
    if has("state_balance") || has("state_overdue") {
        return if p.traits.asks_about_fees
            && st.seen("state_balance") + st.seen("state_overdue") == 0
        {
            Situation::AsksAboutFees
        } else {
            Situation::FactsAck
        };
    }
    if has("debt_collector_disclosure") || has("recording_notice") {
        return Situation::DisclosureAck;
    }
    if has("identify_self") {
        return Situation::IdentifiedAck;
    }
    if has("greet") {
        return Situation::Greeted;
    }
    Situation::Filler
}

fn rng_chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    // 53 random bits give a uniform float in [0, 1): stable across versions.
    ((rng.next_u64() >> 11) as f64) / ((1u64 << 53) as f64) < p
}

fn negotiate(
    ctx: &Ctx,
    said: &Said,
    st: &mut CallState,
    slots: &mut Slots,
    rng: &mut ChaCha8Rng,
    a: &Analysis,
) -> Situation {
    let s = ctx.scenario;
    let p = ctx.persona;
    let instalments = said.count.filter(|n| *n > 1);
    st.offers.push(Offer {
        turn: st.turn,
        amount: said.money,
        date: said.date,
        instalments,
    });
    // A staller stays vague until pinned to an amount and a date, and sometimes after.
    if p.traits.stalls && (said.money.is_none() || said.date.is_none()) {
        return Situation::Stalls;
    }
    // Where objections must be answered, saying the same offer again wears nothing down.
    let repetition_wears = p.traits.answered_by.is_empty();
    if p.traits.stalls && st.objections_left > 0 && rng_chance(rng, p.evasion) {
        if repetition_wears {
            st.objections_left -= 1;
        }
        return Situation::Stalls;
    }
    let amount = said.money.or_else(|| {
        // "Can you pay the counter you offered?" counts as that amount.
        st.counter.filter(|_| a.has_act("request_payment"))
    });
    match weigh(s, amount, instalments, st.willingness) {
        Verdict::Vague => {
            if st.trust >= 40 {
                Situation::StatesCapacity
            } else {
                Situation::Stalls
            }
        }
        Verdict::Accept => {
            if st.objections_left > 0 {
                if repetition_wears {
                    st.objections_left -= 1;
                }
                return Situation::Objects;
            }
            let first = amount.unwrap_or(0.0);
            st.accepted = Some(Promise {
                amount: first,
                date: said.date.map(|d| d.to_string()),
                instalments,
                monthly: instalments.map(|_| first),
            });
            Situation::AcceptsOffer
        }
        Verdict::Counter(c) => {
            st.counter = Some(c);
            slots.insert(
                "counter_amount",
                crate::report::labels::money(c, s.account.currency.code()),
            );
            Situation::CounterOffer
        }
        Verdict::Reject => Situation::RejectsOffer,
    }
}

pub fn format_date(d: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::En => d.strftime("%A, %B %-d").to_string(),
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
    }
}

fn format_answer(field: &str, value: &str, lang: Lang) -> String {
    if field == "dob"
        && let Ok(d) = value.parse::<jiff::civil::Date>()
    {
        return match lang {
            Lang::En => d.strftime("%B %-d, %Y").to_string(),
            Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        };
    }
    value.to_string()
}
