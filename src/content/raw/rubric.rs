//! A rubric pack (`rubrics/*.yaml`): criteria under four dimensions, each a rule written as data.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Answerer, BiList, BiText, RiskCategory, Severity};
use crate::content::yaml::Located;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub id: Located<String>,
    pub title: Located<BiText>,
    pub description: Option<Located<BiText>>,
    /// `US`, `CN`, or `any` for the professional standard.
    pub jurisdiction: String,
    /// Relative weights of the four dimensions in the overall score.
    pub weights: BTreeMap<Dimension, Located<f64>>,
    /// Overall score needed to pass (0-100).
    pub pass_mark: Located<f64>,
    /// Optional per-dimension minimums.
    #[serde(default)]
    pub dimension_pass: BTreeMap<Dimension, Located<f64>>,
    pub rules: Vec<Rule>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Verification,
    Accuracy,
    Tone,
    Compliance,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Verification,
        Dimension::Accuracy,
        Dimension::Tone,
        Dimension::Compliance,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Verification => "verification",
            Dimension::Accuracy => "accuracy",
            Dimension::Tone => "tone",
            Dimension::Compliance => "compliance",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Unique within the pack: `us.mini_miranda`.
    pub id: Located<String>,
    pub dimension: Dimension,
    pub severity: Severity,
    /// Points deducted per finding (credits add them).
    pub points: Located<f64>,
    /// The legal source, e.g. `15 U.S.C. 1692e(11); 12 CFR 1006.18(e)`.
    #[serde(default)]
    pub citation: String,
    /// What the rule asks, shown beside a finding.
    pub description: Located<BiText>,
    /// A better line to say instead, in the call's language.
    pub advice: Located<BiText>,
    /// Who must be on the line for the rule to apply (all when empty).
    #[serde(default)]
    pub applies_to: Vec<Answerer>,
    pub check: Check,
}

/// What a rule looks for. One key per rule: `check: {require: {act: identify_self}}`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The act must occur (within the first `by_turn` agent turns when set).
    Require {
        act: Located<String>,
        by_turn: Option<u32>,
        /// Only on the first contact with this borrower.
        #[serde(default)]
        first_contact_only: bool,
    },
    /// `act` must come before the first of `before` (when any of them occurs).
    Order {
        act: Located<String>,
        before: Vec<Located<String>>,
    },
    /// Each occurrence of these acts or risk categories is a finding.
    Forbid {
        #[serde(default)]
        acts: Vec<Located<String>>,
        #[serde(default)]
        categories: Vec<Located<RiskCategory>>,
    },
    /// These acts (debt content) need a verified borrower on the line.
    Gate { acts: Vec<Located<String>> },
    /// A statement checked against the account's facts.
    Fact { fact: FactCheck },
    /// When the borrower says something (patterns), the agent must answer with one of the acts
    /// within `within` turns, and must not do any of `forbid_after` afterwards.
    Trigger {
        borrower: BiList,
        #[serde(default)]
        respond_with: Vec<Located<String>>,
        #[serde(default = "one")]
        within: u32,
        #[serde(default)]
        forbid_after: Vec<Located<String>>,
    },
    /// Calls must fall inside this local time window (`HH:MM`).
    TimeWindow {
        start: Located<String>,
        end: Located<String>,
    },
    /// Call-count limits.
    Frequency {
        max_calls_7_days: Option<u32>,
        max_calls_today: Option<u32>,
    },
    /// Agent lines matching these are findings (tone: sarcasm, contempt...).
    Pattern {
        #[serde(default)]
        keywords: BiList,
        #[serde(default)]
        patterns: BiList,
    },
    /// A tone signal computed from the call.
    Tone { signal: ToneSignal },
    /// Credit for good practice when the act occurs.
    Credit { act: Located<String> },
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactCheck {
    /// Amounts stated as the balance match it.
    Balance,
    /// Days past due stated match.
    DaysPastDue,
    /// The due date stated matches.
    DueDate,
    /// The minimum payment stated matches.
    MinimumPayment,
    /// Fees named are authorised by the contract.
    Fees,
    /// Instalment offers add up (count x amount covers the balance, first payment >= minimum).
    InstalmentArithmetic,
    /// Settlements are not below the floor.
    SettlementFloor,
    /// No more instalments or deferral than the policy allows.
    PolicyLimits,
    /// Credit reporting is mentioned only when the creditor reports.
    CreditReportingTruth,
    /// Lawsuits are mentioned only when authorised and not time-barred.
    LawsuitTruth,
    /// Repossession is mentioned only with a present right.
    RepossessionTruth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ToneSignal {
    /// Lines in capitals or with runs of `!`.
    Shouting,
    /// A Chinese call with 你 and never 您.
    Courtesy,
    /// Distress from the borrower not acknowledged in the next agent turn.
    IgnoredDistress,
    /// A borrower question the next agent turn does not address.
    IgnoredQuestion,
    /// Pressure language from the language cues.
    Pressure,
}
