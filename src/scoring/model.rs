//! What a grade is, as the JSON contract of `grade --json` (and `run --json`) shows it.

use serde::Serialize;

use crate::call::Speaker;
use crate::content::raw::{Dimension, Severity};
use crate::lang::Lang;
use crate::report::labels::Texts;

/// The four dimension scores, 0-100 each.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub verification: f64,
    pub accuracy: f64,
    pub tone: f64,
    pub compliance: f64,
}

impl Scores {
    pub fn get(&self, d: Dimension) -> f64 {
        match d {
            Dimension::Verification => self.verification,
            Dimension::Accuracy => self.accuracy,
            Dimension::Tone => self.tone,
            Dimension::Compliance => self.compliance,
        }
    }

    pub(crate) fn set(&mut self, d: Dimension, value: f64) {
        match d {
            Dimension::Verification => self.verification = value,
            Dimension::Accuracy => self.accuracy = value,
            Dimension::Tone => self.tone = value,
            Dimension::Compliance => self.compliance = value,
        }
    }
}

/// One point lost, explained: where, what was said, which rule, why, and what to say instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// 1-based over all turns of the transcript; always an agent turn.
    pub turn: usize,
    pub speaker: Speaker,
    /// The agent's line (shortened when very long).
    pub quote: String,
    /// The words in the line that triggered the finding, when one part did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    pub rule: String,
    /// What kind of evidence this is (a risk category, `debt_content`, `fact:balance`...);
    /// findings are de-duplicated on (turn, dimension, category).
    pub category: String,
    pub severity: Severity,
    pub dimension: Dimension,
    pub points: f64,
    pub citation: String,
    /// The rule's description, in the call's language.
    pub description: String,
    /// Why this line broke the rule, in the call's language, with the figures involved; from
    /// the library's `details:` templates (intents/details.yaml).
    pub detail: String,
    /// A better line, in the call's language.
    pub advice: String,
}

/// Credit for good practice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Credit {
    pub turn: usize,
    pub rule: String,
    pub act: String,
    pub points: f64,
    pub dimension: Dimension,
}

/// A rule (or part of one) that could not be judged, and why; never counted as passed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotApplicable {
    pub rule: String,
    pub dimension: Dimension,
    /// Why, in the call's language (a `details:` template, like a finding's `detail`).
    pub reason: String,
}

/// How verification went, for the debrief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerificationSummary {
    /// `passed`, `failed`, `unchecked` (answered, but no identity facts or nothing recognisable
    /// to compare), `pending` (asked, not answered) or `not_asked`.
    pub status: &'static str,
    /// The turn whose answer decided the status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn: Option<usize>,
    /// What was compared, in the call's language: "date of birth matched", "出生日期 不符"...
    pub checks: Vec<String>,
    /// The same as data, for tools: `{field, result}` with `result` one of `matched`,
    /// `did_not_match`, `unchecked` (an answer with no identity facts to compare; no field).
    pub check_results: Vec<FieldCheck>,
    /// Who answered the phone: borrower, third_party or impostor.
    pub answerer: &'static str,
}

/// One comparison of an answer with the identity facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldCheck {
    /// `dob`, `id_last4`, `name`, `address` or `phone`; none for an unchecked answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    pub result: CheckResult,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    Matched,
    DidNotMatch,
    Unchecked,
}

impl CheckResult {
    /// The id of its wording (`labels:`), which fills `{field}`.
    pub fn label(self) -> &'static str {
        match self {
            CheckResult::Matched => "check_matched",
            CheckResult::DidNotMatch => "check_did_not_match",
            CheckResult::Unchecked => "check_unchecked",
        }
    }
}

/// What the call reached, beside the four dimensions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeReport {
    /// `transcript` (the simulated call's recorded outcome), `agent` (read from the agent's
    /// confirm/summary lines) or `none`.
    pub source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promise: Option<PromiseReport>,
    /// Against the creditor's policy (first payment >= minimum, instalments <= maximum);
    /// `null` when there is no promise or the policy is unknown.
    pub within_policy: Option<bool>,
    /// What is outside the policy or missing, in the call's language.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromiseReport {
    pub amount: Option<f64>,
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalments: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly: Option<f64>,
    /// The turn the agent confirmed it, when read from the lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn: Option<usize>,
}

/// One reason a call failed, as data (`fail_causes` in the JSON, `code` naming the kind);
/// `fail_reasons` says it in the call's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FailCause {
    Overall {
        score: f64,
        min: f64,
    },
    Dimension {
        dimension: Dimension,
        score: f64,
        min: f64,
    },
    Critical {
        rule: String,
        turn: usize,
    },
}

impl FailCause {
    /// The reason in `lang`, from the library's `labels:` (`reason_overall`,
    /// `reason_dimension`, `reason_critical`).
    pub fn render(&self, labels: &Texts, lang: Lang) -> String {
        match self {
            FailCause::Overall { score, min } => labels.fill(
                "reason_overall",
                lang,
                &[("score", score.to_string()), ("min", min.to_string())],
            ),
            FailCause::Dimension {
                dimension,
                score,
                min,
            } => labels.fill(
                "reason_dimension",
                lang,
                &[
                    ("dim", labels.get(dimension.name(), lang).to_string()),
                    ("score", score.to_string()),
                    ("min", min.to_string()),
                ],
            ),
            FailCause::Critical { rule, turn } => labels.fill(
                "reason_critical",
                lang,
                &[("rule", rule.clone()), ("turn", turn.to_string())],
            ),
        }
    }
}

/// The grade of one call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    pub rubric: String,
    pub scores: Scores,
    pub overall: f64,
    pub passed: bool,
    /// Why the call failed, in the call's language (empty when it passed).
    pub fail_reasons: Vec<String>,
    /// The same reasons as data, for tools: `{code: overall|dimension|critical, ...}`.
    pub fail_causes: Vec<FailCause>,
    pub findings: Vec<Finding>,
    pub credits: Vec<Credit>,
    pub not_applicable: Vec<NotApplicable>,
    pub verification: VerificationSummary,
    pub outcome: OutcomeReport,
}
