//! The facts a call is judged against: from a scenario, or given inline for a real call. Every
//! field is optional, because a check whose facts are missing is "not applicable", never passed.

use serde::{Deserialize, Serialize};

use crate::content::raw::{Answerer, FeeKind, Scenario};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountFacts {
    pub creditor: Option<String>,
    pub agency: Option<String>,
    pub balance: Option<f64>,
    pub currency: Option<String>,
    pub principal: Option<f64>,
    pub interest: Option<f64>,
    pub fees: Option<Vec<FeeFact>>,
    pub due_date: Option<String>,
    pub days_past_due: Option<u32>,
    pub minimum_payment: Option<f64>,
    /// What is true about consequences.
    pub credit_reporting: Option<bool>,
    pub lawsuit_authorized: Option<bool>,
    pub time_barred: Option<bool>,
    pub repossession_right: Option<bool>,
    pub authorized_fees: Option<Vec<FeeKind>>,
    /// The creditor's policy.
    pub max_instalments: Option<u32>,
    pub min_first_payment: Option<f64>,
    pub settlement_floor: Option<f64>,
    pub waivable_fees: Option<Vec<FeeKind>>,
    pub max_deferral_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeFact {
    pub kind: FeeKind,
    pub amount: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityFacts {
    pub name: Option<String>,
    pub dob: Option<String>,
    pub id_last4: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextFacts {
    pub answerer: Option<Answerer>,
    pub date: Option<String>,
    pub local_time: Option<String>,
    pub first_contact: Option<bool>,
    pub attempt: Option<u32>,
    pub calls_last_7_days: Option<u32>,
    pub calls_today: Option<u32>,
}

/// Everything known about a call, merged: inline facts over the scenario's.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CallFacts {
    pub account: AccountFacts,
    pub identity: IdentityFacts,
    pub context: ContextFacts,
}

impl CallFacts {
    pub fn from_scenario(s: &Scenario) -> CallFacts {
        let a = &s.account;
        CallFacts {
            account: AccountFacts {
                creditor: Some(a.creditor.clone()),
                agency: Some(a.agency.clone()),
                balance: Some(a.balance.value),
                currency: Some(a.currency.code().to_string()),
                principal: Some(a.principal.value),
                interest: Some(a.interest.value),
                fees: Some(
                    a.fees
                        .iter()
                        .map(|f| FeeFact {
                            kind: f.kind.value,
                            amount: f.amount,
                        })
                        .collect(),
                ),
                due_date: Some(a.due_date.value.clone()),
                days_past_due: Some(a.days_past_due.value),
                minimum_payment: a.minimum_payment.as_ref().map(|m| m.value),
                credit_reporting: Some(s.consequences.credit_reporting),
                lawsuit_authorized: Some(s.consequences.lawsuit_authorized),
                time_barred: Some(s.consequences.time_barred),
                repossession_right: Some(s.consequences.repossession_right),
                authorized_fees: Some(
                    s.consequences
                        .authorized_fees
                        .iter()
                        .map(|f| f.value)
                        .collect(),
                ),
                max_instalments: Some(s.policy.max_instalments.value),
                min_first_payment: Some(s.policy.min_first_payment.value),
                settlement_floor: Some(s.policy.settlement_floor.value),
                waivable_fees: Some(s.policy.waivable_fees.iter().map(|f| f.value).collect()),
                max_deferral_days: Some(s.policy.max_deferral_days),
            },
            identity: IdentityFacts {
                name: Some(s.persona.name.value.clone()),
                dob: Some(s.identity.dob.value.clone()),
                id_last4: Some(s.identity.id_last4.value.clone()),
                address: s.identity.address.clone(),
                phone: s.identity.phone.clone(),
            },
            context: ContextFacts {
                answerer: Some(s.answerer),
                date: Some(s.context.date.value.clone()),
                local_time: Some(s.context.local_time.value.clone()),
                first_contact: Some(s.context.first_contact),
                attempt: Some(s.context.attempt),
                calls_last_7_days: Some(s.context.calls_last_7_days),
                calls_today: Some(s.context.calls_today),
            },
        }
    }

    /// Inline facts replace the scenario's field by field.
    pub fn overlay(
        mut self,
        account: Option<&AccountFacts>,
        identity: Option<&IdentityFacts>,
        context: Option<&ContextFacts>,
    ) -> CallFacts {
        macro_rules! over {
            ($dst:expr, $src:expr, [$($f:ident),*]) => {
                $( if $src.$f.is_some() { $dst.$f = $src.$f.clone(); } )*
            };
        }
        if let Some(a) = account {
            over!(
                self.account,
                a,
                [
                    creditor,
                    agency,
                    balance,
                    currency,
                    principal,
                    interest,
                    fees,
                    due_date,
                    days_past_due,
                    minimum_payment,
                    credit_reporting,
                    lawsuit_authorized,
                    time_barred,
                    repossession_right,
                    authorized_fees,
                    max_instalments,
                    min_first_payment,
                    settlement_floor,
                    waivable_fees,
                    max_deferral_days
                ]
            );
        }
        if let Some(i) = identity {
            over!(self.identity, i, [name, dob, id_last4, address, phone]);
        }
        if let Some(c) = context {
            over!(
                self.context,
                c,
                [
                    answerer,
                    date,
                    local_time,
                    first_contact,
                    attempt,
                    calls_last_7_days,
                    calls_today
                ]
            );
        }
        self
    }
}
