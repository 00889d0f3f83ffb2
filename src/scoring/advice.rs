//! The better line of a finding, filled from the call's own facts: a rubric's advice may say
//! `{balance}` or `{borrower}`, so a trainee reads the figures of the account in front of them,
//! not a sample's. A fact the call does not have becomes the pack's bracketed gap text
//! ("[the balance on the account]"), never a made-up figure.

use std::collections::BTreeMap;

use super::explain::say_date;
use crate::call::CallFacts;
use crate::content::raw::{FeeKind, GapText};
use crate::lang::Lang;
use crate::report::labels::money;

/// The placeholders advice may use.
pub const PLACEHOLDERS: [&str; 10] = [
    "borrower",
    "agency",
    "creditor",
    "balance",
    "days_past_due",
    "due_date",
    "minimum_payment",
    "settlement_floor",
    "max_instalments",
    "late_fee",
];

/// The value of one placeholder from the facts, in the call's language.
fn value(name: &str, facts: &CallFacts, lang: Lang) -> Option<String> {
    let a = &facts.account;
    let currency = a.currency.as_deref().unwrap_or(match lang {
        Lang::En => "USD",
        Lang::Zh => "CNY",
    });
    let cash = |x: Option<f64>| x.map(|x| money(x, currency));
    match name {
        "borrower" => facts.identity.name.clone(),
        "agency" => a.agency.clone(),
        "creditor" => a.creditor.clone(),
        "balance" => cash(a.balance),
        "days_past_due" => a.days_past_due.map(|d| d.to_string()),
        "due_date" => a
            .due_date
            .as_deref()
            .and_then(|d| d.trim().parse().ok())
            .map(|d| say_date(d, false, lang)),
        "minimum_payment" => cash(a.minimum_payment),
        "settlement_floor" => cash(a.settlement_floor),
        "max_instalments" => a.max_instalments.map(|n| n.to_string()),
        "late_fee" => cash(
            a.fees
                .as_ref()?
                .iter()
                .find(|f| f.kind == FeeKind::LateFee)
                .map(|f| f.amount),
        ),
        _ => None,
    }
}

/// `template` with each `{placeholder}` filled from the facts, or with its gap text.
pub fn fill(
    template: &str,
    facts: &CallFacts,
    lang: Lang,
    gaps: &BTreeMap<String, GapText>,
) -> String {
    super::explain::fill(template, |name| {
        value(name, facts, lang).or_else(|| gaps.get(name).map(|g| g.get(lang).to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::facts::{AccountFacts, FeeFact};

    fn gaps() -> BTreeMap<String, GapText> {
        BTreeMap::from([(
            "balance".to_string(),
            GapText {
                en: "[the balance on the account]".into(),
                zh: "[账户上的欠款金额]".into(),
            },
        )])
    }

    #[test]
    fn facts_fill_the_line_in_the_calls_language() {
        let facts = CallFacts {
            account: AccountFacts {
                balance: Some(6240.18),
                currency: Some("USD".into()),
                due_date: Some("2026-09-30".into()),
                fees: Some(vec![FeeFact {
                    kind: FeeKind::LateFee,
                    amount: 75.0,
                }]),
                ..Default::default()
            },
            ..Default::default()
        };
        let line = "Our records show {balance}, due {due_date}, with a {late_fee} late fee.";
        assert_eq!(
            fill(line, &facts, Lang::En, &gaps()),
            "Our records show $6,240.18, due September 30, with a $75 late fee."
        );
        assert_eq!(
            fill(
                "截至{due_date}，欠款为{balance}。",
                &facts,
                Lang::Zh,
                &gaps()
            ),
            "截至9月30日，欠款为$6,240.18。"
        );
    }

    #[test]
    fn a_missing_fact_is_a_visible_gap_not_a_figure() {
        let facts = CallFacts::default();
        assert_eq!(
            fill("Our records show {balance}.", &facts, Lang::En, &gaps()),
            "Our records show [the balance on the account]."
        );
        assert_eq!(
            fill("账户显示欠款{balance}。", &facts, Lang::Zh, &gaps()),
            "账户显示欠款[账户上的欠款金额]。"
        );
    }
}
