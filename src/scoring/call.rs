//! The call as the checks see it: every line normalised, agent lines analysed, other lines'
//! entities extracted, and who was listening when the agent spoke.

use jiff::civil::DateTime;

use crate::call::{CallFacts, Speaker, Transcript};
use crate::content::raw::Answerer;
use crate::lang::Lang;
use crate::understanding::entities::{self, EntityKind, EntityValue};
use crate::understanding::normalize::normalize;
use crate::understanding::{ActHit, Analysis, Analyzer, RiskFinding};

/// An entity with its place in the line's folded text.
#[derive(Debug, Clone)]
pub struct Ent {
    pub kind: EntityKind,
    pub value: EntityValue,
    pub unit: Option<&'static str>,
    pub amount: Option<f64>,
    /// Byte range in `Line::folded`.
    pub start: usize,
    pub end: usize,
}

impl Ent {
    pub fn number(&self) -> Option<f64> {
        match self.value {
            EntityValue::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<jiff::civil::Date> {
        match self.value {
            EntityValue::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.value {
            EntityValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub struct Line<'t> {
    /// 0-based over all turns.
    pub index: usize,
    pub speaker: Speaker,
    pub text: &'t str,
    /// NFKC, whitespace collapsed, lower-cased.
    pub folded: String,
    /// For each byte of `folded`, the original character it came from.
    origin: Vec<u32>,
    /// Agent lines only.
    pub acts: Vec<ActHit>,
    pub risks: Vec<RiskFinding>,
    pub entities: Vec<Ent>,
    /// 1-based among agent turns (agent lines only).
    pub agent_ordinal: usize,
    /// Who was on the line when the agent said this (agent lines only).
    pub listener: Answerer,
}

impl Line<'_> {
    pub fn number(&self) -> usize {
        self.index + 1
    }

    pub fn is_agent(&self) -> bool {
        self.speaker == Speaker::Agent
    }

    pub fn has_act(&self, act: &str) -> bool {
        self.acts.iter().any(|a| a.act == act)
    }

    pub fn has_any(&self, acts: &[&str]) -> bool {
        acts.iter().any(|a| self.has_act(a))
    }

    /// Where in the line (original character offset) the act was found.
    pub fn act_at(&self, act: &str) -> Option<usize> {
        self.acts.iter().find(|a| a.act == act).map(|a| a.span[0])
    }

    /// The original text of a character range.
    pub fn original(&self, start: usize, end: usize) -> String {
        self.text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// The original text behind a byte range of `folded`.
    pub fn original_of_folded(&self, start: usize, end: usize) -> String {
        if start >= end || self.origin.is_empty() {
            return String::new();
        }
        let s = self.origin.get(start).copied().unwrap_or(0) as usize;
        let e = self
            .origin
            .get(end.saturating_sub(1))
            .map(|&e| e as usize + 1)
            .unwrap_or(s + 1);
        self.original(s, e)
    }

    fn chars_to_folded(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.origin.partition_point(|&o| (o as usize) < start);
        let e = self.origin.partition_point(|&o| (o as usize) < end);
        (s, e.max(s))
    }

    pub fn money(&self) -> impl Iterator<Item = &Ent> {
        self.entities.iter().filter(|e| e.kind == EntityKind::Money)
    }

    /// Byte ranges of the clauses of `folded`.
    pub fn clauses(&self) -> Vec<(usize, usize)> {
        crate::understanding::clauses::split(&self.folded, &[])
    }

    /// The clause holding byte `at`.
    pub fn clause_of(&self, at: usize) -> (usize, usize) {
        self.clauses()
            .into_iter()
            .find(|&(s, e)| s <= at && at < e.max(s + 1))
            .unwrap_or((0, self.folded.len()))
    }
}

#[derive(Debug)]
pub struct Call<'t> {
    pub lines: Vec<Line<'t>>,
    pub lang: Lang,
    /// Who answered: the context's answerer, else inferred from the speakers.
    pub answerer: Answerer,
    pub now: DateTime,
}

impl<'t> Call<'t> {
    /// `analyses`: the agent lines already analysed (in order), when the caller has them.
    pub fn build(
        analyzer: &Analyzer,
        transcript: &'t Transcript,
        facts: &CallFacts,
        now: DateTime,
        analyses: &[Analysis],
    ) -> Call<'t> {
        let lang = transcript.lang;
        let first_other = transcript
            .turns
            .iter()
            .find(|t| t.speaker != Speaker::Agent)
            .map(|t| t.speaker);
        let any_third = transcript
            .turns
            .iter()
            .any(|t| t.speaker == Speaker::ThirdParty);
        let answerer = facts.context.answerer.unwrap_or(match first_other {
            Some(Speaker::ThirdParty) => Answerer::ThirdParty,
            _ => Answerer::Borrower,
        });
        let mut lines = Vec::with_capacity(transcript.turns.len());
        let mut ordinal = 0;
        for (index, turn) in transcript.turns.iter().enumerate() {
            let n = normalize(&turn.text);
            let mut line = Line {
                index,
                speaker: turn.speaker,
                text: &turn.text,
                folded: n.folded.clone(),
                origin: n.folded_origin.clone(),
                acts: Vec::new(),
                risks: Vec::new(),
                entities: Vec::new(),
                agent_ordinal: 0,
                listener: answerer,
            };
            if turn.speaker == Speaker::Agent {
                ordinal += 1;
                line.agent_ordinal = ordinal;
                let analysis = match analyses.get(ordinal - 1) {
                    Some(a) if a.text == turn.text => a.clone(),
                    _ => analyzer.analyze(&turn.text, lang, now),
                };
                line.entities = analysis
                    .entities
                    .iter()
                    .map(|e| {
                        let (start, end) = line.chars_to_folded(e.span[0], e.span[1]);
                        Ent {
                            kind: e.kind,
                            value: e.raw.value.clone(),
                            unit: e.raw.unit,
                            amount: e.raw.amount,
                            start,
                            end,
                        }
                    })
                    .collect();
                line.acts = analysis.acts;
                line.risks = analysis.findings;
                line.listener = listener(transcript, index, answerer, any_third);
            } else {
                let raw = entities::extract(&n.cased, lang, now);
                line.entities = raw
                    .into_iter()
                    .map(|e| {
                        let (cs, ce) = n.cased_to_chars(e.span.start, e.span.end);
                        let (start, end) = line.chars_to_folded(cs, ce);
                        Ent {
                            kind: e.kind,
                            value: e.value,
                            unit: e.unit,
                            amount: e.amount,
                            start,
                            end,
                        }
                    })
                    .collect();
            }
            lines.push(line);
        }
        Call {
            lines,
            lang,
            answerer,
            now,
        }
    }

    pub fn agent_lines(&self) -> impl Iterator<Item = &Line<'t>> {
        self.lines.iter().filter(|l| l.is_agent())
    }

    /// The first agent line after `index`.
    pub fn next_agent(&self, index: usize) -> Option<&Line<'t>> {
        self.lines[index + 1..].iter().find(|l| l.is_agent())
    }

    pub fn last_agent(&self) -> Option<&Line<'t>> {
        self.lines.iter().rev().find(|l| l.is_agent())
    }

    /// The agent's `n`-th line (1-based), or the last one when the call is shorter.
    pub fn agent_turn_or_last(&self, n: usize) -> Option<&Line<'t>> {
        self.agent_lines()
            .find(|l| l.agent_ordinal == n)
            .or_else(|| self.last_agent())
    }
}

/// Who the agent is talking to at turn `index`: the last other speaker before it (the first
/// one after it at the very start). A `third_party` speaker is a third party; a `borrower`
/// speaker is whoever the context says answered, unless a third party spoke earlier and handed
/// over, or the transcript never labels anyone a third party.
fn listener(t: &Transcript, index: usize, answerer: Answerer, any_third: bool) -> Answerer {
    let before = t.turns[..index]
        .iter()
        .rev()
        .find(|x| x.speaker != Speaker::Agent);
    let speaker = before
        .or_else(|| {
            t.turns[index..]
                .iter()
                .find(|x| x.speaker != Speaker::Agent)
        })
        .map(|x| x.speaker);
    match speaker {
        Some(Speaker::ThirdParty) => Answerer::ThirdParty,
        Some(_) => match answerer {
            Answerer::Impostor => Answerer::Impostor,
            Answerer::ThirdParty if !any_third => Answerer::ThirdParty,
            _ => Answerer::Borrower,
        },
        None => answerer,
    }
}
