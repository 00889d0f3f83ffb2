//! What every check reads (the call, its facts, verification, the cues) and where it writes.

use jiff::civil::DateTime;

use super::call::{Call, Line};
use super::cues::{Phrases, ScoringCues};
use super::explain::{Detail, Explanations};
use super::model::Credit;
use super::verification::Verification;
use crate::call::CallFacts;
use crate::content::raw::{Answerer, Dimension, Rule};
use crate::lang::Lang;

pub struct Ctx<'a, 't> {
    pub call: &'a Call<'t>,
    pub facts: &'a CallFacts,
    pub verification: &'a Verification,
    pub cues: &'a ScoringCues,
    /// The analyser's negation and reassurance words (intents/language.yaml).
    pub negation: &'a Phrases,
    /// The analyser's quotation words: "if anyone tells you you'll be arrested...".
    pub quotation: &'a Phrases,
    /// The analyser's conditional markers: "if", "的话", "再不".
    pub conditional: &'a Phrases,
    /// The analyser's pressure words.
    pub pressure: &'a Phrases,
    pub lang: Lang,
    pub now: DateTime,
    /// Acts some gate rule of the pack holds back until verification (debt content).
    pub gated: &'a [String],
    /// The library's explanation templates, for text written here (the outcome's notes).
    pub explain: &'a Explanations,
}

impl Ctx<'_, '_> {
    /// Does the rule apply to what the agent said in this line (who was listening)?
    pub fn applies(&self, rule: &Rule, line: &Line) -> bool {
        rule.applies_to.is_empty() || rule.applies_to.contains(&line.listener)
    }

    /// Does the rule apply anywhere in this call?
    pub fn applies_to_call(&self, rule: &Rule) -> bool {
        rule.applies_to.is_empty()
            || rule.applies_to.contains(&self.call.answerer)
            || self.call.agent_lines().any(|l| self.applies(rule, l))
    }

    /// Is the phrase at byte `at` of the line negated, reassured away or quoted? Looks back a
    /// short window inside its clause, as the analyser does for its cues; a negation that is
    /// part of a condition ("if you don't pay, ...", "再不还的话会上征信") does not count.
    pub fn negated(&self, line: &Line, at: usize) -> bool {
        let (cs, _) = line.clause_of(at);
        let before = &line.folded[cs..at];
        let han = line.folded[at..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii());
        let window_chars: usize = if han { 6 } else { 32 };
        let start = before
            .char_indices()
            .rev()
            .nth(window_chars.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(0);
        if self.quotation.any(before) {
            return true;
        }
        self.negation.find(&before[start..]).into_iter().any(|h| {
            let (ns, ne) = (start + h.start, start + h.end);
            // "信不信", "是不是": an A-not-A question, not a negation.
            let prev = before[..ns].chars().next_back();
            let next = before[ne..].chars().next();
            if &before[ns..ne] == "不" && prev.is_some() && prev == next {
                return false;
            }
            let lead_start = before[..ns]
                .char_indices()
                .rev()
                .nth(15)
                .map(|(i, _)| i)
                .unwrap_or(0);
            !self.conditional.any(&before[lead_start..ns]) && !self.conditional.any(&before[ne..])
        })
    }

    /// Is the listener at this line someone debt content may be told to?
    pub fn verified_before(&self, line: &Line) -> bool {
        self.verification.before[line.index].verified()
    }

    pub fn answerer(&self) -> Answerer {
        self.call.answerer
    }

    /// Did the line do `act`, or an act the cues count as doing its job? A question naming the
    /// borrower ("黄俊杰在吗？", "Is this Luis Ortega?") is a right-party check whatever act the
    /// analyser, which does not know the borrower's name, made of it.
    pub fn has_act(&self, line: &Line, act: &str) -> bool {
        line.has_act(act)
            || self
                .cues
                .act_equivalents
                .get(act)
                .is_some_and(|eq| eq.iter().any(|a| line.has_act(a)))
            || (act == "right_party_check" && self.asks_for_borrower_by_name(line))
    }

    fn asks_for_borrower_by_name(&self, line: &Line) -> bool {
        let Some(name) = self.facts.identity.name.as_deref() else {
            return false;
        };
        let squash = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let name = squash(name);
        if name.chars().count() < 2 {
            return false;
        }
        let asks = line.folded.contains(['?', '？', '吗', '吧']);
        asks && squash(&line.folded).contains(&name)
    }

    /// Where the line does `act` (or an equivalent), as an original character offset.
    pub fn act_at(&self, line: &Line, act: &str) -> Option<usize> {
        line.act_at(act)
            .or_else(|| {
                self.cues
                    .act_equivalents
                    .get(act)?
                    .iter()
                    .find_map(|a| line.act_at(a))
            })
            .or_else(|| self.has_act(line, act).then_some(0))
    }

    /// Debt content in the line: one of `acts`, or a risk that is itself about the debt (a
    /// threat over it, a payment demand, telling someone else about it). Returns the words and
    /// what they were.
    pub fn debt_content(&self, line: &Line, acts: &[String]) -> Option<(String, String)> {
        if let Some(hit) = line.acts.iter().find(|a| acts.contains(&a.act)) {
            return Some((line.original(hit.span[0], hit.span[1]), hit.act.clone()));
        }
        line.risks
            .iter()
            .find(|r| self.cues.debt_content_risks.contains(&r.category))
            .map(|r| (r.evidence.clone(), r.category.name().to_string()))
    }
}

/// A finding before scoring: which rule, which line, what kind of evidence.
#[derive(Debug, Clone)]
pub struct RawFinding {
    /// Index into the rubric's rules.
    pub rule: usize,
    /// Index into the call's lines (always an agent line).
    pub line: usize,
    pub category: String,
    pub evidence: Option<String>,
    pub detail: Detail,
}

/// A check that could not be judged, before its reason is put into the call's language.
#[derive(Debug, Clone)]
pub struct RawNotApplicable {
    pub rule: String,
    pub dimension: Dimension,
    pub reason: Detail,
}

#[derive(Debug, Default)]
pub struct Out {
    pub findings: Vec<RawFinding>,
    pub credits: Vec<Credit>,
    pub not_applicable: Vec<RawNotApplicable>,
}

impl Out {
    pub fn find(
        &mut self,
        rule: usize,
        line: &Line,
        category: impl Into<String>,
        evidence: Option<String>,
        detail: impl Into<Detail>,
    ) {
        debug_assert!(line.is_agent(), "findings go on agent turns only");
        if !line.is_agent() {
            return;
        }
        self.findings.push(RawFinding {
            rule,
            line: line.index,
            category: category.into(),
            evidence: evidence.filter(|e| !e.trim().is_empty()),
            detail: detail.into(),
        });
    }

    pub fn not_applicable(&mut self, rule: &Rule, reason: impl Into<Detail>) {
        let reason = reason.into();
        if self
            .not_applicable
            .iter()
            .any(|n| n.rule == rule.id.value && n.reason == reason)
        {
            return;
        }
        self.not_applicable.push(RawNotApplicable {
            rule: rule.id.value.clone(),
            dimension: rule.dimension,
            reason,
        });
    }
}
