//! How a call ended (`outcome.kind`), with the reason and any promise made.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    PromiseToPay,
    PlanAgreed,
    DisputeLogged,
    CallbackScheduled,
    HungUp,
    AgentEnded,
    FraudDetected,
    ThirdPartyClosed,
    NoAgreement,
}

impl OutcomeKind {
    pub fn name(self) -> &'static str {
        match self {
            OutcomeKind::PromiseToPay => "promise_to_pay",
            OutcomeKind::PlanAgreed => "plan_agreed",
            OutcomeKind::DisputeLogged => "dispute_logged",
            OutcomeKind::CallbackScheduled => "callback_scheduled",
            OutcomeKind::HungUp => "hung_up",
            OutcomeKind::AgentEnded => "agent_ended",
            OutcomeKind::FraudDetected => "fraud_detected",
            OutcomeKind::ThirdPartyClosed => "third_party_closed",
            OutcomeKind::NoAgreement => "no_agreement",
        }
    }
}

/// The ids of `outcomes:` (intents/outcomes.yaml), the reasons a call ends with, said in the
/// call's language; the loader refuses a library without one of them. None fills a placeholder.
pub const REASONS: &[(&str, &[&str])] = &[
    ("hung_up", &[]),
    ("out_of_time", &[]),
    ("third_party_told", &[]),
    ("third_party_not_told", &[]),
    ("impostor_told", &[]),
    ("impostor_refused", &[]),
    ("plan_agreed", &[]),
    ("promise_to_pay", &[]),
    ("dispute_logged", &[]),
    ("callback_scheduled", &[]),
    ("ended_abruptly", &[]),
    ("agent_ended", &[]),
    ("not_ended", &[]),
];

/// A commitment with an amount and a date, or a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// The first (or only) payment.
    pub amount: f64,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instalments: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub reason: String,
    pub promise: Option<Promise>,
}
