//! One agent line in; dialogue acts, entities and risk findings out, each with where it came from.

use jiff::civil::DateTime;
use serde::Serialize;

use super::clauses;
use super::cues::Cues;
use super::entities::{self, Entity, EntityKind, EntityValue};
use super::index::{Example, Index};
use super::normalize::{Normalized, normalize};
use super::risk_model::RiskModel;
use crate::content::ContentPack;
use crate::content::raw::{RiskCategory, Severity};
use crate::lang::Lang;

/// Tuned on tests/data/nlu/dev.yaml with `collectsim nlu-report` (never on the test split).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Lowest similarity that counts as an act.
    pub min_score: f32,
    /// Lowest lead of the best act over the second.
    pub min_margin: f32,
    /// Lowest similarity for a risky act found by similarity alone (no cue).
    pub min_risk_score: f32,
    /// Lowest similarity for a second act in a clause that a cue already decided.
    pub min_extra_score: f32,
    /// Lowest log-odds of the risk model for a line nothing else flagged (`RiskModel`).
    pub min_risk_odds: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_score: 0.25,
            min_margin: 0.03,
            min_risk_score: 0.40,
            min_extra_score: 0.45,
            min_risk_odds: 10.0,
        }
    }
}

pub const UNCLEAR: &str = "unclear";
const ACKNOWLEDGE: &str = "acknowledge";
const CUE_CONFIDENCE: f32 = 0.95;

#[derive(Debug)]
pub struct Analyzer {
    pub acts: Vec<String>,
    risk: Vec<Option<(RiskCategory, Severity)>>,
    cues: Cues,
    index: Index,
    model: RiskModel,
    clause_breaks: Vec<String>,
    /// Connectives a negation reaches across into the next clause (不会 | 因为欠款坐牢).
    negation_carries: Vec<String>,
    pub thresholds: Thresholds,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActHit {
    pub act: String,
    pub confidence: f32,
    /// Character offsets in the original line.
    pub span: [usize; 2],
    #[serde(skip)]
    pub by_cue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityOut {
    pub kind: EntityKind,
    pub value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    pub text: String,
    pub span: [usize; 2],
    #[serde(skip)]
    pub raw: Entity,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskFinding {
    pub rule: String,
    pub category: RiskCategory,
    pub severity: Severity,
    pub evidence: String,
    pub span: [usize; 2],
}

/// What `--explain` shows for one clause.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseTrace {
    pub text: String,
    pub masked: String,
    pub cues: Vec<CueTrace>,
    pub nearest: Vec<Nearest>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CueTrace {
    pub act: String,
    pub cue: String,
    pub rule: Option<String>,
    pub negated: bool,
    pub quoted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Nearest {
    pub act: String,
    pub score: f32,
    pub example: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub text: String,
    pub lang: Lang,
    pub acts: Vec<ActHit>,
    pub entities: Vec<EntityOut>,
    pub findings: Vec<RiskFinding>,
    pub unclear: bool,
    #[serde(skip)]
    pub normalized: String,
    #[serde(skip)]
    pub trace: Vec<ClauseTrace>,
}

impl Analysis {
    pub fn has_act(&self, act: &str) -> bool {
        self.acts.iter().any(|a| a.act == act)
    }

    pub fn money(&self) -> impl Iterator<Item = f64> + '_ {
        self.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Money)
            .filter_map(|e| match e.raw.value {
                EntityValue::Number(n) => Some(n),
                _ => None,
            })
    }
}

fn placeholder(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Money => "{amount}",
        EntityKind::Date => "{date}",
        EntityKind::Count => "{count}",
        EntityKind::Duration => "{duration}",
        EntityKind::Percent => "{percent}",
        EntityKind::Phone => "{phone}",
        EntityKind::Name => "{name}",
    }
}

impl Analyzer {
    pub fn new(pack: &ContentPack) -> Analyzer {
        Self::with_examples(pack, |_, _| true)
    }

    /// Compiles every cue pattern now rather than on the first line that needs it: for a
    /// session that can do it while the trainee reads, so no typed line waits on a compile.
    /// The analysis is the same either way.
    pub fn warm(&self) {
        self.cues.warm();
    }

    /// Builds the analyser from the catalogue, keeping only the examples `keep(act, i)` accepts
    /// (leave-one-out evaluation drops one at a time).
    pub fn with_examples(pack: &ContentPack, keep: impl Fn(&str, usize) -> bool) -> Analyzer {
        let acts: Vec<&crate::content::raw::Act> = pack.acts.values().collect();
        let mut examples = Vec::new();
        let mut counter = 0usize;
        for (i, act) in acts.iter().enumerate() {
            for lang in Lang::ALL {
                for e in act.examples.get(lang) {
                    if keep(&act.id.value, counter) {
                        let n = normalize(&e.value);
                        examples.push(Example {
                            act: i,
                            lang,
                            text: n.folded,
                        });
                    }
                    counter += 1;
                }
            }
        }
        let clause_breaks = pack.language.clause_breaks.lowercased();
        let mut negation_carries = pack.language.negation_carries.lowercased();
        negation_carries.retain(|s| !s.trim().is_empty());
        Analyzer {
            risk: acts
                .iter()
                .map(|a| a.risk.as_ref().map(|r| (r.category.value, r.severity)))
                .collect(),
            cues: Cues::build(&acts, &pack.language),
            model: RiskModel::build(
                examples
                    .iter()
                    .map(|e| (e.text.as_str(), acts[e.act].risk.is_some())),
            ),
            index: Index::build(acts.len(), examples),
            acts: acts.iter().map(|a| a.id.value.clone()).collect(),
            clause_breaks,
            negation_carries,
            thresholds: Thresholds::default(),
        }
    }

    pub fn vocabulary(&self) -> usize {
        self.index.vocabulary()
    }

    pub fn analyze(&self, text: &str, lang: Lang, now: DateTime) -> Analysis {
        self.run(text, lang, now, false)
    }

    /// As `analyze`, keeping the per-clause trace (cues, nearest examples) that `--explain`
    /// shows; plain analysis skips it, since copying example texts costs time on every line.
    pub fn explain(&self, text: &str, lang: Lang, now: DateTime) -> Analysis {
        self.run(text, lang, now, true)
    }

    fn run(&self, text: &str, lang: Lang, now: DateTime, traced: bool) -> Analysis {
        let n = normalize(text);
        let original: Vec<char> = text.chars().take(n.chars).collect();
        let slice = |s: usize, e: usize| -> String {
            original[s.min(original.len())..e.min(original.len())]
                .iter()
                .collect()
        };
        let raw_entities = entities::extract(&n.cased, lang, now);
        let entities: Vec<EntityOut> = raw_entities
            .into_iter()
            .map(|e| {
                let (s, end) = n.cased_to_chars(e.span.start, e.span.end);
                EntityOut {
                    kind: e.kind,
                    value: match &e.value {
                        EntityValue::Number(x) => serde_json::json!(x),
                        EntityValue::Date(d) => serde_json::json!(d.to_string()),
                        EntityValue::Text(t) => serde_json::json!(t),
                    },
                    currency: e.currency,
                    unit: e.unit,
                    amount: e.amount,
                    text: slice(s, end),
                    span: [s, end],
                    raw: e,
                }
            })
            .collect();
        // Entity spans in `folded` bytes, for masking clauses.
        let masks: Vec<(usize, usize, &'static str)> = entities
            .iter()
            .map(|e| {
                let (s, end) = chars_to_folded(&n, e.span[0], e.span[1]);
                (s, end, placeholder(e.kind))
            })
            .collect();

        let mut acts: Vec<ActHit> = Vec::new();
        let mut findings: Vec<RiskFinding> = Vec::new();
        let mut trace: Vec<ClauseTrace> = Vec::new();
        // Character spans of the clauses that ask for an improper payment.
        let mut improper_clauses: Vec<[usize; 2]> = Vec::new();
        // Per clause the risk model's opinion: (log-odds, most alike risky act, clause span),
        // for clauses no negation, reassurance or quotation governs.
        let mut model_votes: Vec<(f32, usize, [usize; 2])> = Vec::new();
        // Where the current clause's negation scope starts, and where the previous clause ended.
        let (mut scope_start, mut prev_end) = (0, 0);
        for (clause_no, (cs, ce)) in clauses::split(&n.folded, &self.clause_breaks)
            .into_iter()
            .enumerate()
        {
            let clause = &n.folded[cs..ce];
            // Only a carrying connective joins a clause to the one before (no punctuation
            // between): "不会有人 | 因为这个账户被逮捕" is one negated statement.
            let carried = clause_no > 0
                && n.folded[prev_end..cs].trim().is_empty()
                && self
                    .negation_carries
                    .iter()
                    .any(|c| clause.starts_with(c.trim()));
            if !carried {
                scope_start = cs;
            }
            prev_end = ce;
            let scope = &n.folded[scope_start..ce];
            let masked = mask(&n.folded, cs, ce, &masks);
            // Short fragments ("right", "just saying") need a closer match to count.
            let short = clause.split_whitespace().count() < 3
                && clause.chars().filter(|c| !c.is_ascii()).count() < 4;
            // A short fragment trailing other acts ("..., right?", "……对吧") is a tag question,
            // not an acknowledgement: acknowledging opens a reply.
            let tag = |act: usize, acts: &[ActHit]| {
                short && clause_no > 0 && !acts.is_empty() && self.acts[act] == ACKNOWLEDGE
            };
            let hits = self.cues.find_in(scope, cs - scope_start);
            let findings_before = findings.len();
            let mut clause_acts: Vec<usize> = Vec::new();
            let mut cue_traces = Vec::new();
            let mut negated_clause = false;
            // Risky acts negated earlier in this clause, with where the negated cue ended.
            let mut negated_acts: Vec<(usize, usize)> = Vec::new();
            for hit in &hits {
                let meta = &self.cues.meta[hit.meta];
                // "we never ask for gift cards or to a personal account": a negated cue's reach
                // runs on to later cues of the same act in its clause, unless a new subject takes
                // over ("nobody will sue you, we'll have you arrested").
                let inherited = negated_acts.iter().any(|&(act, end)| {
                    act == meta.act
                        && end <= hit.start
                        && !self.cues.breaks_scope(&clause[end..hit.start])
                });
                if traced {
                    cue_traces.push(CueTrace {
                        act: self.acts[meta.act].clone(),
                        cue: meta.source.clone(),
                        rule: meta.rule.clone(),
                        negated: hit.negated,
                        quoted: hit.quoted,
                    });
                }
                let (s, e) = n.folded_to_chars(cs + hit.start, cs + hit.end);
                if let Some((category, severity)) = self.risk[meta.act] {
                    if hit.negated || hit.quoted || inherited {
                        negated_clause = true;
                        negated_acts.push((meta.act, hit.end));
                        continue;
                    }
                    findings.push(RiskFinding {
                        rule: meta
                            .rule
                            .clone()
                            .unwrap_or_else(|| format!("risk.{}", category.name())),
                        category,
                        severity: meta.severity.unwrap_or(severity),
                        evidence: slice(s, e),
                        span: [s, e],
                    });
                }
                if !clause_acts.contains(&meta.act) && !tag(meta.act, &acts) {
                    clause_acts.push(meta.act);
                    add_act(
                        &mut acts,
                        &self.acts[meta.act],
                        CUE_CONFIDENCE,
                        [s, e],
                        true,
                    );
                }
            }
            let scores = self.index.score(&masked, lang);
            let mut ranked: Vec<(usize, f32)> = scores.act.iter().copied().enumerate().collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let (top, top_score) = ranked.first().copied().unwrap_or((0, 0.0));
            let second = ranked.get(1).map(|r| r.1).unwrap_or(0.0);
            let t = self.thresholds;
            let risky_cue = hits
                .iter()
                .any(|h| self.risk[self.cues.meta[h.meta].act].is_some());
            let negated = negated_clause
                || has_negation(&hits)
                || (!risky_cue && self.cues.clause_negated(scope));
            // A negated risky line ("nobody will arrest you") is whatever compliant act fits best.
            let (top, top_score, second) = if negated && self.risk[top].is_some() {
                let mut safe = ranked.iter().filter(|(a, _)| self.risk[*a].is_none());
                let (a, sc) = safe.next().copied().unwrap_or((top, 0.0));
                (a, sc, safe.next().map(|r| r.1).unwrap_or(0.0))
            } else {
                (top, top_score, second)
            };
            let floor = if !clause_acts.is_empty() {
                t.min_extra_score
            } else if short {
                t.min_score.max(0.35)
            } else {
                t.min_score
            };
            let confident = top_score >= floor && top_score - second >= t.min_margin;
            if confident && !clause_acts.contains(&top) && !tag(top, &acts) {
                let (s, e) = n.folded_to_chars(cs, ce);
                match self.risk[top] {
                    Some((category, severity)) => {
                        if top_score >= t.min_risk_score && !negated {
                            findings.push(RiskFinding {
                                rule: format!("risk.{}.similar", category.name()),
                                category,
                                severity,
                                evidence: slice(s, e),
                                span: [s, e],
                            });
                            add_act(
                                &mut acts,
                                &self.acts[top],
                                top_score.min(0.99),
                                [s, e],
                                false,
                            );
                        }
                    }
                    None => add_act(
                        &mut acts,
                        &self.acts[top],
                        top_score.min(0.99),
                        [s, e],
                        false,
                    ),
                }
            }
            // A clause surely recognised as a compliant act ("我知道了", "I'm his friend") is
            // that act: the model only speaks where the catalogue is unsure.
            let surely_compliant = self.risk[top].is_none() && top_score >= t.min_extra_score;
            if !negated && !surely_compliant && !self.cues.quoted(scope) {
                let odds = self.model.score(&masked);
                // Not for a disclosure or a false statement: whether those are risky depends on
                // who is listening and on the account's facts, which word pieces cannot tell.
                let judged_by_words = |a: usize| {
                    self.risk[a].is_some_and(|(c, _)| {
                        !matches!(
                            c,
                            RiskCategory::ThirdPartyDisclosure | RiskCategory::FalseOrMisleading
                        )
                    })
                };
                if let Some(&(act, _)) = ranked.iter().find(|(a, _)| self.risk[*a].is_some())
                    && judged_by_words(act)
                {
                    let (s, e) = n.folded_to_chars(cs, ce);
                    model_votes.push((odds, act, [s, e]));
                }
            }
            if findings[findings_before..]
                .iter()
                .any(|f| f.category == RiskCategory::ImproperPaymentRequest)
            {
                let (s, e) = n.folded_to_chars(cs, ce);
                improper_clauses.push([s, e]);
            }
            if !traced {
                continue;
            }
            trace.push(ClauseTrace {
                text: clause.to_string(),
                masked,
                cues: cue_traces,
                nearest: ranked
                    .iter()
                    .take(3)
                    .map(|(a, score)| Nearest {
                        act: self.acts[*a].clone(),
                        score: *score,
                        example: scores.nearest[*a]
                            .map(|(i, _)| self.index.examples[i as usize].text.clone()),
                    })
                    .collect(),
            });
        }
        // Nothing flagged the line: the model may, on its most risky clause, naming the risky act
        // that clause is most like.
        if findings.is_empty()
            && let Some(&(odds, act, span)) = model_votes.iter().max_by(|a, b| a.0.total_cmp(&b.0))
            && odds >= self.thresholds.min_risk_odds
            && let Some((category, severity)) = self.risk[act]
        {
            findings.push(RiskFinding {
                rule: format!("risk.{}.model", category.name()),
                category,
                severity,
                evidence: slice(span[0], span[1]),
                span,
            });
            add_act(&mut acts, &self.acts[act], 0.5, span, false);
        }
        // A risky act says what the line is: debt facts told to a third party are the disclosure,
        // a false consequence is not an explanation of one.
        let found = |c: RiskCategory| findings.iter().any(|f| f.category == c);
        let mut suppressed: Vec<&str> = Vec::new();
        if found(RiskCategory::ThirdPartyDisclosure) {
            // "让他赶紧还", "跟他说再不还就上征信": asking a third party to get the borrower to
            // pay, or telling them the consequences, is the disclosure itself.
            suppressed.extend([
                "state_balance",
                "state_overdue",
                "request_payment",
                "explain_consequence",
            ]);
        }
        // Relief sold for a fee ("先交手续费才能减免") is not a hardship referral; and a payment
        // asked for by the wrong means ("借网贷先把这个还了") is the improper request, not also a
        // payment request, unless the demand is a clause of its own ("今天必须还，去借一笔").
        if found(RiskCategory::ImproperPaymentRequest) {
            suppressed.push("hardship_referral");
            acts.retain(|a| {
                a.act != "request_payment"
                    || !improper_clauses
                        .iter()
                        .any(|c| c[0] <= a.span[0] && a.span[0] < c[1])
            });
        }
        if found(RiskCategory::FalseOrMisleading) || found(RiskCategory::ThreatFalseLegal) {
            suppressed.push("explain_consequence");
        }
        // A false identity is the impersonation, not an introduction or a disclosure.
        if found(RiskCategory::Impersonation) {
            suppressed.extend(["identify_self", "debt_collector_disclosure"]);
        }
        // A recap or a confirmation restates amounts, dates and plans: they are its content, not
        // new requests or offers.
        let has = |act: &str| acts.iter().any(|a| a.act == act);
        if has("summarize") {
            suppressed.extend([
                "state_balance",
                "state_overdue",
                "offer_plan",
                "request_payment",
            ]);
        }
        // (Not the payment channel it names: pointing to the official channel earns its own
        // rubric credit, also inside a confirmation.)
        if has("confirm_promise") {
            suppressed.extend(["request_payment", "offer_plan"]);
        }
        // Chinese confirmations, call-backs, recaps and goodbyes open with 好的/行/好嘞: that is how
        // the act starts, not an acknowledgement of its own.
        if lang == Lang::Zh
            && ["confirm_promise", "schedule_callback", "summarize", "close"]
                .iter()
                .any(|a| has(a))
        {
            suppressed.push(ACKNOWLEDGE);
        }
        acts.retain(|a| !suppressed.contains(&a.act.as_str()));
        acts.sort_by_key(|a| a.span[0]);
        findings.sort_by(|a, b| a.span[0].cmp(&b.span[0]).then(b.span[1].cmp(&a.span[1])));
        // One finding per rule and stretch of text: overlapping cues of one rule are one finding.
        let mut kept: Vec<RiskFinding> = Vec::new();
        for f in findings {
            let overlaps = kept
                .iter()
                .any(|k| k.rule == f.rule && k.span[0] < f.span[1] && f.span[0] < k.span[1]);
            if !overlaps {
                kept.push(f);
            }
        }
        let findings = kept;
        Analysis {
            text: text.to_string(),
            lang,
            unclear: acts.is_empty(),
            acts,
            entities,
            findings,
            normalized: n.folded.clone(),
            trace,
        }
    }
}

fn has_negation(hits: &[super::cues::CueHit]) -> bool {
    hits.iter().any(|h| h.negated || h.quoted)
}

fn add_act(acts: &mut Vec<ActHit>, act: &str, confidence: f32, span: [usize; 2], by_cue: bool) {
    match acts.iter_mut().find(|a| a.act == act) {
        Some(existing) => {
            if confidence > existing.confidence {
                existing.confidence = confidence;
            }
        }
        None => acts.push(ActHit {
            act: act.to_string(),
            confidence,
            span,
            by_cue,
        }),
    }
}

/// Folded byte range covering original characters `[start, end)`.
fn chars_to_folded(n: &Normalized, start: usize, end: usize) -> (usize, usize) {
    let s = n.folded_origin.partition_point(|&o| (o as usize) < start);
    let e = n.folded_origin.partition_point(|&o| (o as usize) < end);
    (s, e.max(s))
}

/// The clause with each entity inside it replaced by its placeholder.
fn mask(folded: &str, cs: usize, ce: usize, masks: &[(usize, usize, &str)]) -> String {
    let mut out = String::new();
    let mut at = cs;
    for &(s, e, ph) in masks {
        if s < at || e > ce || s >= e {
            continue;
        }
        if !folded.is_char_boundary(s) || !folded.is_char_boundary(e) {
            continue;
        }
        out.push_str(&folded[at..s]);
        out.push_str(ph);
        at = e;
    }
    out.push_str(&folded[at..ce]);
    out
}
