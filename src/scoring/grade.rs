//! Grading one call: build the view of the call, run every rule of the pack, de-duplicate,
//! score the four dimensions and decide pass or fail.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::DateTime;

use super::call::Call;
use super::compiled::{LanguagePhrases, RubricRules};
use super::context::{Ctx, Out, RawFinding};
use super::cues::ScoringCues;
use super::explain::Explanations;
use super::model::{FailCause, Finding, Grade, NotApplicable, Scores};
use super::{accuracy, advice, compliance, outcome, tone, verification};
use crate::call::{CallFacts, Speaker, Transcript};
use crate::content::ContentPack;
use crate::content::raw::{Check, Dimension, Rubric, Severity};
use crate::understanding::{Analysis, Analyzer};

/// A rubric made ready to grade many calls: its rules compiled once per pack (see
/// `compiled`), shared by every grader of that rubric.
pub struct Grader<'a> {
    analyzer: &'a Analyzer,
    cues: &'a ScoringCues,
    explain: &'a Explanations,
    rubric: &'a Rubric,
    rules: Arc<RubricRules>,
    language: &'a LanguagePhrases,
}

impl<'a> Grader<'a> {
    pub fn new(pack: &'a ContentPack, analyzer: &'a Analyzer, rubric: &'a Rubric) -> Grader<'a> {
        let cache = pack.grading();
        Grader {
            analyzer,
            cues: pack.scoring_cues(),
            explain: &pack.explanations,
            rubric,
            rules: cache.rules(pack, rubric),
            language: &cache.language,
        }
    }

    pub fn grade(&self, transcript: &Transcript, facts: &CallFacts, now: DateTime) -> Grade {
        self.grade_analyzed(transcript, facts, now, &[])
    }

    /// Grades a call whose agent lines were already analysed (by the persona engine during a
    /// simulated call): `analyses` holds one analysis per agent turn, in order. An analysis whose
    /// text is not its turn's is ignored and the turn analysed again.
    pub fn grade_analyzed(
        &self,
        transcript: &Transcript,
        facts: &CallFacts,
        now: DateTime,
        analyses: &[Analysis],
    ) -> Grade {
        let cues = self.cues;
        let call = Call::build(self.analyzer, transcript, facts, now, analyses);
        let verification = verification::run(&call, &facts.identity, cues);
        let ctx = Ctx {
            call: &call,
            facts,
            verification: &verification,
            cues,
            negation: &self.language.negation,
            quotation: &self.language.quotation,
            conditional: &self.language.conditional,
            pressure: &self.language.pressure,
            lang: call.lang,
            now,
            gated: &self.rules.gated,
            explain: self.explain,
        };
        let mut out = Out::default();
        for (ri, rule) in self.rubric.rules.iter().enumerate() {
            let [first, second] = &self.rules.lists[ri];
            match &rule.check {
                Check::Require {
                    act,
                    by_turn,
                    first_contact_only,
                } => compliance::require(
                    &ctx,
                    &mut out,
                    ri,
                    rule,
                    act,
                    *by_turn,
                    *first_contact_only,
                ),
                Check::Order { act, .. } => compliance::order(&ctx, &mut out, ri, rule, act, first),
                Check::Forbid { categories, .. } => {
                    let cats: Vec<_> = categories.iter().map(|c| c.value).collect();
                    compliance::forbid(&ctx, &mut out, ri, rule, first, &cats)
                }
                Check::Gate { .. } => compliance::gate(&ctx, &mut out, ri, rule, first),
                Check::Fact { fact } => accuracy::check(&ctx, &mut out, ri, rule, *fact),
                Check::Trigger { within, .. } => compliance::trigger(
                    &ctx,
                    &mut out,
                    ri,
                    rule,
                    &self.rules.triggers[ri],
                    first,
                    *within,
                    second,
                ),
                Check::TimeWindow { start, end } => {
                    compliance::time_window(&ctx, &mut out, ri, rule, start, end)
                }
                Check::Frequency {
                    max_calls_7_days,
                    max_calls_today,
                } => compliance::frequency(
                    &ctx,
                    &mut out,
                    ri,
                    rule,
                    *max_calls_7_days,
                    *max_calls_today,
                ),
                Check::Pattern { .. } => compliance::pattern(
                    &ctx,
                    &mut out,
                    ri,
                    rule,
                    &self.rules.pattern_words[ri],
                    &self.rules.pattern_res[ri],
                ),
                Check::Tone { signal } => tone::signal(&ctx, &mut out, ri, rule, *signal),
                Check::Credit { act } => compliance::credit(&ctx, &mut out, rule, act),
            }
        }
        let outcome = outcome::report(&ctx, transcript);
        self.assemble(&call, facts, out, verification.summary, outcome)
    }

    fn assemble(
        &self,
        call: &Call,
        facts: &CallFacts,
        out: Out,
        verification: super::model::VerificationSummary,
        outcome: super::model::OutcomeReport,
    ) -> Grade {
        let rules = &self.rubric.rules;
        let lang = call.lang;
        // One piece of evidence is punished once per dimension: within one turn, findings of the
        // same dimension and category (the same debt content caught by the gate and by the
        // third-party rule, the same risk category listed by two rules) keep only the heaviest.
        // Different categories in one turn (an insult and a threat) are different offences and
        // both count; the same evidence in two dimensions (a false lawsuit threat is both
        // inaccurate and non-compliant) counts in each, as the pack's dimensions intend.
        // A rule is broken at most once per turn (the first evidence found stands for it).
        let mut seen = std::collections::BTreeSet::new();
        let mut kept: BTreeMap<(usize, Dimension, String), RawFinding> = BTreeMap::new();
        for f in out.findings {
            if !seen.insert((f.line, f.rule)) {
                continue;
            }
            let key = (f.line, rules[f.rule].dimension, f.category.clone());
            let heavier = |a: &RawFinding, b: &RawFinding| {
                let (ra, rb) = (&rules[a.rule], &rules[b.rule]);
                (ra.points.value, ra.severity, std::cmp::Reverse(a.rule))
                    > (rb.points.value, rb.severity, std::cmp::Reverse(b.rule))
            };
            match kept.get(&key) {
                Some(existing) if !heavier(&f, existing) => {}
                _ => {
                    kept.insert(key, f);
                }
            }
        }
        let mut raw: Vec<RawFinding> = kept.into_values().collect();
        raw.sort_by_key(|f| (f.line, f.rule));
        let findings: Vec<Finding> = raw
            .into_iter()
            .map(|f| {
                let rule = &rules[f.rule];
                let line = &call.lines[f.line];
                Finding {
                    turn: line.number(),
                    speaker: Speaker::Agent,
                    quote: compliance::short(line.text.trim(), 200),
                    evidence: f.evidence,
                    rule: rule.id.value.clone(),
                    category: f.category,
                    severity: rule.severity,
                    dimension: rule.dimension,
                    points: rule.points.value,
                    citation: rule.citation.clone(),
                    description: rule.description.value.text(lang).to_string(),
                    detail: self.explain.render(&f.detail, lang),
                    advice: advice::fill(
                        rule.advice.value.text(lang),
                        facts,
                        lang,
                        &self.cues.advice_gaps,
                    ),
                }
            })
            .collect();
        let mut credits = out.credits;
        credits.sort_by_key(|c| c.turn);
        let mut scores = Scores {
            verification: 100.0,
            accuracy: 100.0,
            tone: 100.0,
            compliance: 100.0,
        };
        for d in Dimension::ALL {
            let lost: f64 = findings
                .iter()
                .filter(|f| f.dimension == d)
                .map(|f| f.points)
                .sum();
            let gained: f64 = credits
                .iter()
                .filter(|c| c.dimension == d)
                .map(|c| c.points)
                .sum();
            scores.set(d, round1((100.0 - lost + gained).clamp(0.0, 100.0)));
        }
        let weights: Vec<(Dimension, f64)> = self
            .rubric
            .weights
            .iter()
            .map(|(d, w)| (*d, w.value.max(0.0)))
            .collect();
        let total: f64 = weights.iter().map(|w| w.1).sum();
        let overall = if total > 0.0 {
            round1(weights.iter().map(|(d, w)| scores.get(*d) * w).sum::<f64>() / total)
        } else {
            0.0
        };
        let mut fail_causes = Vec::new();
        if overall < self.rubric.pass_mark.value {
            fail_causes.push(FailCause::Overall {
                score: overall,
                min: self.rubric.pass_mark.value,
            });
        }
        for (d, min) in &self.rubric.dimension_pass {
            if scores.get(*d) < min.value {
                fail_causes.push(FailCause::Dimension {
                    dimension: *d,
                    score: scores.get(*d),
                    min: min.value,
                });
            }
        }
        for f in findings.iter().filter(|f| f.severity == Severity::Critical) {
            fail_causes.push(FailCause::Critical {
                rule: f.rule.clone(),
                turn: f.turn,
            });
        }
        let labels = &self.explain.labels;
        let fail_reasons: Vec<String> =
            fail_causes.iter().map(|c| c.render(labels, lang)).collect();
        let mut verification = verification;
        verification.checks = verification
            .check_results
            .iter()
            .map(|c| {
                let field = c
                    .field
                    .map(|f| labels.get(&format!("field_{f}"), lang).to_string())
                    .unwrap_or_default();
                labels.fill(c.result.label(), lang, &[("field", field)])
            })
            .collect();
        let mut not_applicable: Vec<NotApplicable> = out
            .not_applicable
            .into_iter()
            .map(|n| NotApplicable {
                rule: n.rule,
                dimension: n.dimension,
                reason: self.explain.render(&n.reason, lang),
            })
            .collect();
        not_applicable.sort_by(|a, b| a.rule.cmp(&b.rule).then(a.reason.cmp(&b.reason)));
        Grade {
            rubric: self.rubric.id.value.clone(),
            scores,
            overall,
            passed: fail_reasons.is_empty(),
            fail_reasons,
            fail_causes,
            findings,
            credits,
            not_applicable,
            verification,
            outcome,
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Grades one call. The rubric's compiled rules come from the pack's cache, so calling this per
/// call costs no more than keeping a `Grader`.
pub fn grade(
    pack: &ContentPack,
    analyzer: &Analyzer,
    rubric: &Rubric,
    transcript: &Transcript,
    facts: &CallFacts,
    now: DateTime,
) -> Grade {
    Grader::new(pack, analyzer, rubric).grade(transcript, facts, now)
}
