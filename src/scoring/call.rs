//! The call as the checks see it: every line normalised, agent lines analysed, other lines'
//! entities extracted, and who was listening when the agent spoke.

use std::cell::OnceCell;

use jiff::civil::DateTime;

use super::accuracy::PlanTerms;
use super::cues::Hit;
use crate::call::{CallFacts, Speaker, Transcript};
use crate::content::raw::Answerer;
use crate::lang::Lang;
use crate::understanding::entities::{self, EntityKind, EntityValue};
use crate::understanding::normalize::{MAX_CHARS, Normalized, normalize};
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
    /// NFKC, whitespace collapsed, case kept (what the entity grammar reads).
    cased: String,
    /// For each byte of `cased` and `folded`, the original character it came from.
    cased_origin: Vec<u32>,
    origin: Vec<u32>,
    /// Agent lines only.
    pub acts: Vec<ActHit>,
    pub risks: Vec<RiskFinding>,
    /// The agent's entities come with the analysis; the other side's are extracted when a
    /// check first needs them (few do: verification answers, an amount the borrower offers).
    entities: OnceCell<Vec<Ent>>,
    lang: Lang,
    now: DateTime,
    /// Byte ranges of the clauses of `folded`.
    clauses: Vec<(usize, usize)>,
    /// The scorer's amount qualifiers found in `folded` (computed once).
    pub(crate) amount_hits: OnceCell<Vec<Hit>>,
    /// The plan terms read from the line (computed once).
    pub(crate) plan: OnceCell<PlanTerms>,
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

    pub fn entities(&self) -> &[Ent] {
        self.entities.get_or_init(|| {
            entities::extract(&self.cased, self.lang, self.now)
                .into_iter()
                .map(|e| {
                    let (cs, ce) = to_chars(&self.cased_origin, e.span.start, e.span.end);
                    let (start, end) = self.chars_to_folded(cs, ce);
                    Ent {
                        kind: e.kind,
                        value: e.value,
                        unit: e.unit,
                        amount: e.amount,
                        start,
                        end,
                    }
                })
                .collect()
        })
    }

    pub fn money(&self) -> impl Iterator<Item = &Ent> {
        self.entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Money)
    }

    /// The scorer's amount qualifiers in the line, found once.
    pub fn amount_hits(&self, cues: &super::cues::ScoringCues) -> &[Hit] {
        self.amount_hits
            .get_or_init(|| cues.amounts.find(&self.folded))
    }

    /// The clause holding byte `at`.
    pub fn clause_of(&self, at: usize) -> (usize, usize) {
        self.clauses
            .iter()
            .copied()
            .find(|&(s, e)| s <= at && at < e.max(s + 1))
            .unwrap_or((0, self.folded.len()))
    }
}

/// `normalize`, with a fast path for plain ASCII lines (NFKC leaves them as they are): the
/// same text and origin maps, without the Unicode machinery.
fn normalize_fast(text: &str) -> Normalized {
    let plain = text.len() <= MAX_CHARS
        && text
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) || b == b'\t' || b == b'\n' || b == b'\r');
    if !plain {
        return normalize(text);
    }
    let mut cased = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, b) in text.bytes().enumerate() {
        let c = if b.is_ascii_whitespace() { b' ' } else { b };
        if c == b' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        cased.push(c as char);
        origin.push(i as u32);
    }
    while cased.ends_with(' ') {
        cased.pop();
        origin.pop();
    }
    Normalized {
        folded: cased.to_ascii_lowercase(),
        folded_origin: origin.clone(),
        cased,
        cased_origin: origin,
        chars: text.len(),
        truncated: false,
    }
}

/// Original character range for a byte range of a normalised text, from its origin map.
fn to_chars(origin: &[u32], start: usize, end: usize) -> (usize, usize) {
    if origin.is_empty() || start >= end {
        return (0, 0);
    }
    let s = origin.get(start).copied().unwrap_or(0) as usize;
    let e = origin
        .get(end.saturating_sub(1))
        .map(|&e| e as usize + 1)
        .unwrap_or(s + 1);
    (s, e.max(s))
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
            let n = normalize_fast(&turn.text);
            let mut line = Line {
                index,
                speaker: turn.speaker,
                text: &turn.text,
                clauses: crate::understanding::clauses::split(&n.folded, &[]),
                folded: n.folded,
                cased: n.cased,
                cased_origin: n.cased_origin,
                origin: n.folded_origin,
                acts: Vec::new(),
                risks: Vec::new(),
                entities: OnceCell::new(),
                lang,
                now,
                amount_hits: OnceCell::new(),
                plan: OnceCell::new(),
                agent_ordinal: 0,
                listener: answerer,
            };
            if turn.speaker == Speaker::Agent {
                ordinal += 1;
                line.agent_ordinal = ordinal;
                let fresh;
                let analysis = match analyses.get(ordinal - 1) {
                    Some(a) if a.text == turn.text => a,
                    _ => {
                        fresh = analyzer.analyze(&turn.text, lang, now);
                        &fresh
                    }
                };
                let ents = analysis
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
                let _ = line.entities.set(ents);
                line.acts = analysis.acts.clone();
                line.risks = analysis.findings.clone();
                line.listener = listener(transcript, index, answerer, any_third);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_fast_path_matches_normalize() {
        for text in [
            "Hi,  this is Dana\tfrom Acme!  ",
            "  YOU NEED TO PAY $5,200.00 NOW!!",
            "",
            "a\r\nb",
        ] {
            let fast = normalize_fast(text);
            let slow = normalize(text);
            assert_eq!(fast.cased, slow.cased, "{text:?}");
            assert_eq!(fast.folded, slow.folded, "{text:?}");
            assert_eq!(fast.cased_origin, slow.cased_origin, "{text:?}");
            assert_eq!(fast.folded_origin, slow.folded_origin, "{text:?}");
        }
    }
}
