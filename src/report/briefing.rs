//! The agent's briefing card: what a real agent has on screen before dialling. Hidden persona
//! facts (capacity, backstory, hardship) are never shown.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::labels::{Texts, money};
use super::table::pad;
use crate::content::raw::{Answerer, Scenario};
use crate::lang::Lang;

/// The JSON form of `show ID --json` (a contract other tools rely on).
#[derive(Debug, Serialize)]
pub struct BriefingView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub lang: Lang,
    pub kind: &'a str,
    pub difficulty: &'static str,
    pub answerer: &'static str,
    pub rubric: &'a str,
    pub persona: PersonaView<'a>,
    pub third_party: Option<serde_json::Value>,
    pub account: serde_json::Value,
    pub consequences: serde_json::Value,
    pub policy: serde_json::Value,
    pub identity: serde_json::Value,
    pub context: serde_json::Value,
    pub briefing: &'a str,
}

#[derive(Debug, Serialize)]
pub struct PersonaView<'a> {
    pub name: &'a str,
    pub address_as: &'a str,
}

pub fn view(s: &Scenario) -> BriefingView<'_> {
    let a = &s.account;
    let fees: Vec<_> = a
        .fees
        .iter()
        .map(|f| serde_json::json!({"kind": f.kind.value, "amount": f.amount}))
        .collect();
    BriefingView {
        id: &s.id.value,
        title: &s.title.value,
        lang: s.lang,
        kind: &s.kind.value,
        difficulty: s.difficulty.name(),
        answerer: s.answerer.name(),
        rubric: &s.rubric.value,
        persona: PersonaView {
            name: &s.persona.name.value,
            address_as: &s.persona.address_as,
        },
        third_party: None,
        account: serde_json::json!({
            "creditor": a.creditor,
            "agency": a.agency,
            "product": a.product,
            "reference": a.reference,
            "principal": a.principal.value,
            "interest": a.interest.value,
            "fees": fees,
            "balance": a.balance.value,
            "currency": a.currency.code(),
            "due_date": a.due_date.value,
            "days_past_due": a.days_past_due.value,
            "minimum_payment": a.minimum_payment.as_ref().map(|m| m.value),
        }),
        consequences: serde_json::json!({
            "credit_reporting": s.consequences.credit_reporting,
            "lawsuit_authorized": s.consequences.lawsuit_authorized,
            "time_barred": s.consequences.time_barred,
            "repossession_right": s.consequences.repossession_right,
            "authorized_fees": s.consequences.authorized_fees.iter().map(|f| f.value).collect::<Vec<_>>(),
        }),
        policy: serde_json::json!({
            "max_instalments": s.policy.max_instalments.value,
            "min_first_payment": s.policy.min_first_payment.value,
            "settlement_floor": s.policy.settlement_floor.value,
            "waivable_fees": s.policy.waivable_fees.iter().map(|f| f.value).collect::<Vec<_>>(),
            "max_deferral_days": s.policy.max_deferral_days,
        }),
        identity: serde_json::json!({
            "dob": s.identity.dob.value,
            "id_last4": s.identity.id_last4.value,
            "address": s.identity.address,
            "phone": s.identity.phone,
        }),
        context: serde_json::json!({
            "date": s.context.date.value,
            "local_time": s.context.local_time.value,
            "weekday": s.context.weekday.as_ref().map(|w| w.value.clone()),
            "region": s.context.region,
            "first_contact": s.context.first_contact,
            "attempt": s.context.attempt,
            "calls_last_7_days": s.context.calls_last_7_days,
            "calls_today": s.context.calls_today,
        }),
        briefing: &s.briefing.value,
    }
}

/// The card's labels (`briefing:` in an `intents/` file, intents/interface.yaml); the loader
/// refuses a library without one of them.
pub const LABELS: &[(&str, &[&str])] = &[
    ("briefing", &[]),
    ("calling", &[]),
    ("answerer", &[]),
    ("creditor", &[]),
    ("agency", &[]),
    ("reference", &[]),
    ("principal", &[]),
    ("interest", &[]),
    ("fees", &[]),
    ("balance", &[]),
    ("due_date", &[]),
    ("days_past_due", &[]),
    ("minimum_payment", &[]),
    ("max_instalments", &[]),
    ("min_first_payment", &[]),
    ("settlement_floor", &[]),
    ("credit_reporting", &[]),
    ("lawsuit_authorized", &[]),
    ("time_barred", &[]),
    ("dob", &[]),
    ("id_last4", &[]),
    ("address", &[]),
    ("local_time", &[]),
    ("attempt", &[]),
    ("first_contact", &[]),
    ("calls_last_7_days", &[]),
    ("rubric", &[]),
    ("yes", &[]),
    ("no", &[]),
    ("borrower", &[]),
    ("third_party", &[]),
    ("impostor", &[]),
];

/// The card as text, labels (the library's `briefing:`) in the scenario's language, values
/// aligned by display width.
pub fn render(s: &Scenario, words: &Texts) -> String {
    let lang = s.lang;
    let label = |key: &str| words.get(key, lang);
    let yes_no = |value: bool| words.yes_no(value, lang);
    let a = &s.account;
    let cur = a.currency.code();
    let mut out = String::new();
    out.push_str(&format!("{}  [{}]\n", s.title.value, s.id.value));
    out.push_str(&"─".repeat(s.title.value.width().max(20) + s.id.value.len() + 4));
    out.push('\n');
    let answerer_key = match s.answerer {
        Answerer::Borrower => "borrower",
        Answerer::ThirdParty => "third_party",
        Answerer::Impostor => "impostor",
    };
    let fees: f64 = a.fees.iter().map(|f| f.amount).sum();
    let mut rows: Vec<(&str, String)> = vec![
        (
            "calling",
            format!("{} ({})", s.persona.name.value, s.persona.address_as),
        ),
        ("answerer", label(answerer_key).to_string()),
        ("creditor", a.creditor.clone()),
        ("agency", a.agency.clone()),
    ];
    if let Some(r) = &a.reference {
        rows.push(("reference", r.clone()));
    }
    rows.extend([
        ("principal", money(a.principal.value, cur)),
        ("interest", money(a.interest.value, cur)),
        ("fees", money(fees, cur)),
        ("balance", money(a.balance.value, cur)),
        ("due_date", a.due_date.value.clone()),
        ("days_past_due", a.days_past_due.value.to_string()),
    ]);
    if let Some(m) = &a.minimum_payment {
        rows.push(("minimum_payment", money(m.value, cur)));
    }
    rows.extend([
        (
            "max_instalments",
            s.policy.max_instalments.value.to_string(),
        ),
        (
            "min_first_payment",
            money(s.policy.min_first_payment.value, cur),
        ),
        (
            "settlement_floor",
            format!("{:.0}%", s.policy.settlement_floor.value * 100.0),
        ),
        (
            "credit_reporting",
            yes_no(s.consequences.credit_reporting).to_string(),
        ),
        (
            "lawsuit_authorized",
            yes_no(s.consequences.lawsuit_authorized).to_string(),
        ),
        (
            "time_barred",
            yes_no(s.consequences.time_barred).to_string(),
        ),
        ("dob", s.identity.dob.value.clone()),
        ("id_last4", s.identity.id_last4.value.clone()),
    ]);
    if let Some(addr) = &s.identity.address {
        rows.push(("address", addr.clone()));
    }
    rows.extend([
        (
            "local_time",
            format!("{} {}", s.context.date.value, s.context.local_time.value),
        ),
        ("attempt", s.context.attempt.to_string()),
        ("first_contact", yes_no(s.context.first_contact).to_string()),
        ("calls_last_7_days", s.context.calls_last_7_days.to_string()),
        ("rubric", s.rubric.value.clone()),
    ]);
    let width = rows
        .iter()
        .map(|(k, _)| label(k).width())
        .max()
        .unwrap_or(0);
    for (key, value) in rows {
        out.push_str(&format!("{}  {value}\n", pad(label(key), width)));
    }
    out.push('\n');
    out.push_str(label("briefing"));
    out.push('\n');
    for line in s.briefing.value.trim_end().lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out
}
