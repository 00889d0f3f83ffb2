//! The scorer's word lists (`scoring:` in `intents/scoring.yaml`), compiled into phrase matchers
//! once per content pack.

use std::collections::BTreeMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::content::raw::{CueWords, RiskCategory, ScoringCuesFile};
use crate::report::messages::Message;
use crate::understanding::entities::EntityKind;

/// Phrases matched on folded text: Latin ones on word boundaries, Chinese ones anywhere.
#[derive(Debug, Clone)]
pub struct Phrases {
    automaton: Option<Arc<AhoCorasick>>,
    ascii: Vec<bool>,
    /// Which group each phrase belongs to (for keyed lists such as fee kinds).
    group: Vec<usize>,
}

fn is_ascii_word(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphanumeric()) && s.is_ascii()
}

pub fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// One phrase found: byte range in the searched text and its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub group: usize,
}

impl Phrases {
    pub fn new<'a>(
        groups: impl IntoIterator<Item = impl IntoIterator<Item = &'a String>>,
    ) -> Phrases {
        let mut words = Vec::new();
        let mut group = Vec::new();
        for (g, list) in groups.into_iter().enumerate() {
            for w in list {
                let w = w.trim().to_lowercase();
                if !w.is_empty() {
                    words.push(w);
                    group.push(g);
                }
            }
        }
        let automaton = if words.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&words)
                .ok()
                .map(Arc::new)
        };
        Phrases {
            ascii: words.iter().map(|w| is_ascii_word(w)).collect(),
            automaton,
            group,
        }
    }

    fn from_words(w: &CueWords) -> Phrases {
        Phrases::new([w.en.iter().chain(w.zh.iter())])
    }

    /// Every match, leftmost-longest, non-overlapping, boundaries respected.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        // Overlapping search would be more thorough, but leftmost-longest with a retry after a
        // boundary failure finds what a reader finds.
        let mut from = 0;
        while from < text.len() {
            let Some(m) = ac.find(aho_corasick::Input::new(text).span(from..text.len())) else {
                break;
            };
            let i = m.pattern().as_usize();
            if !self.ascii[i] || boundary_ok(text, m.start(), m.end()) {
                hits.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    group: self.group[i],
                });
                from = m.end();
            } else {
                // Skip one character and try again ("pay" inside "repay").
                from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        hits
    }

    pub fn any(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    /// Does the text start with one of the phrases (after leading punctuation and spaces)?
    pub fn starts(&self, text: &str) -> bool {
        let trimmed = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let offset = text.len() - trimmed.len();
        self.find(text).first().is_some_and(|h| h.start == offset)
    }
}

/// A question topic: words that raise it, and what in the reply addresses it.
#[derive(Debug)]
pub struct Topic {
    pub name: String,
    pub question: Phrases,
    pub acts: Vec<String>,
    pub entities: Vec<EntityKind>,
    pub words: Phrases,
}

/// Verification fields in a fixed order.
pub const FIELDS: [&str; 5] = ["dob", "id_last4", "name", "address", "phone"];
/// Amount qualifiers in a fixed order (group index = position).
pub const AMOUNT_KINDS: [&str; 11] = [
    "balance",
    "minimum",
    "fee",
    "interest",
    "principal",
    "instalment",
    "settlement",
    "down_payment",
    "approximate",
    "more_than",
    // The amount past due: the account keeps no such figure, so it is checked against none.
    "past_due",
];
pub const FEE_KINDS: [&str; 5] = [
    "late_fee",
    "penalty_interest",
    "annual_fee",
    "collection_fee",
    "processing_fee",
];
pub const CONSEQUENCES: [&str; 3] = ["credit", "lawsuit", "repossession"];

#[derive(Debug)]
pub struct ScoringCues {
    pub distress: Phrases,
    pub empathy: Phrases,
    pub question_starts: Phrases,
    pub question_ends: Vec<String>,
    pub phatic: Phrases,
    pub answer_starts: Phrases,
    pub declines: Phrases,
    pub topics: Vec<Topic>,
    /// Groups follow `FIELDS`.
    pub verify_fields: Phrases,
    /// Groups follow `AMOUNT_KINDS`.
    pub amounts: Phrases,
    pub overdue: Phrases,
    pub due_date: Phrases,
    /// Groups follow `FEE_KINDS`.
    pub fees: Phrases,
    /// Groups follow `CONSEQUENCES`.
    pub consequences: Phrases,
    pub deferral: Phrases,
    pub plan: Phrases,
    pub temporary: Phrases,
    pub remainder: Phrases,
    pub discount: Phrases,
    /// Ultimatums beyond the analyser's pressure words.
    pub pressure: Phrases,
    /// Words of paying.
    pub payment: Phrases,
    pub debt_content_risks: Vec<RiskCategory>,
    /// act -> acts that also satisfy it.
    pub act_equivalents: BTreeMap<String, Vec<String>>,
    /// Placeholder -> what advice says when the call lacks that fact.
    pub advice_gaps: BTreeMap<String, crate::content::raw::GapText>,
}

fn keyed(map: &BTreeMap<String, CueWords>, keys: &[&str]) -> Phrases {
    let empty = CueWords::default();
    let lists: Vec<Vec<&String>> = keys
        .iter()
        .map(|k| {
            let w = map.get(*k).unwrap_or(&empty);
            w.en.iter().chain(w.zh.iter()).collect()
        })
        .collect();
    Phrases::new(lists)
}

fn entity_kind(name: &str) -> Option<EntityKind> {
    Some(match name {
        "money" => EntityKind::Money,
        "date" => EntityKind::Date,
        "count" => EntityKind::Count,
        "duration" => EntityKind::Duration,
        "percent" => EntityKind::Percent,
        "phone" => EntityKind::Phone,
        "name" => EntityKind::Name,
        _ => return None,
    })
}

/// What is wrong with a scoring section, one message per problem, each with its fix.
pub fn problems(raw: &ScoringCuesFile) -> Vec<Message> {
    let mut out = Vec::new();
    for (field, map, keys) in [
        ("verify_fields", &raw.verify_fields, &FIELDS[..]),
        ("amounts", &raw.amounts, &AMOUNT_KINDS[..]),
        ("fees", &raw.fees, &FEE_KINDS[..]),
        ("consequences", &raw.consequences, &CONSEQUENCES[..]),
    ] {
        for k in map.keys().filter(|k| !keys.contains(&k.as_str())) {
            out.push(
                Message::new("scoring_key_unknown")
                    .with("field", field)
                    .with("key", k)
                    .with("known", keys.join(", ")),
            );
        }
    }
    for t in &raw.topics {
        for e in t.entities.iter().filter(|e| entity_kind(e).is_none()) {
            out.push(
                Message::new("scoring_entity_unknown")
                    .with("topic", &t.name)
                    .with("entity", e),
            );
        }
    }
    for c in raw
        .debt_content_risks
        .iter()
        .filter(|c| RiskCategory::parse(c).is_none())
    {
        out.push(Message::new("scoring_risk_unknown").with("category", c));
    }
    let placeholders = &super::advice::PLACEHOLDERS;
    for k in raw
        .advice_gaps
        .keys()
        .filter(|k| !placeholders.contains(&k.as_str()))
    {
        out.push(
            Message::new("scoring_gap_unknown")
                .with("key", k)
                .with("known", placeholders.join(", ")),
        );
    }
    for p in placeholders
        .iter()
        .filter(|p| !raw.advice_gaps.contains_key(**p))
    {
        out.push(
            Message::new("scoring_gap_missing")
                .with("key", p)
                .with("example", format!("{p}: {{en: \"[...]\", zh: \"[...]\"}}")),
        );
    }
    out
}

impl ScoringCues {
    /// Compiles a scoring section; whatever `problems` reports is skipped, not fatal.
    pub fn compile(raw: &ScoringCuesFile) -> ScoringCues {
        let topics = raw
            .topics
            .iter()
            .map(|t| Topic {
                name: t.name.clone(),
                question: Phrases::from_words(&t.question),
                acts: t.acts.clone(),
                entities: t.entities.iter().filter_map(|e| entity_kind(e)).collect(),
                words: Phrases::from_words(&t.words),
            })
            .collect();
        ScoringCues {
            distress: Phrases::from_words(&raw.distress),
            empathy: Phrases::from_words(&raw.empathy),
            question_starts: Phrases::new([raw.question.starts.iter()]),
            question_ends: raw.question.ends.clone(),
            phatic: Phrases::from_words(&raw.phatic),
            answer_starts: Phrases::from_words(&raw.answer_starts),
            declines: Phrases::from_words(&raw.declines),
            topics,
            verify_fields: keyed(&raw.verify_fields, &FIELDS),
            amounts: keyed(&raw.amounts, &AMOUNT_KINDS),
            overdue: Phrases::from_words(&raw.overdue),
            due_date: Phrases::from_words(&raw.due_date),
            fees: keyed(&raw.fees, &FEE_KINDS),
            consequences: keyed(&raw.consequences, &CONSEQUENCES),
            deferral: Phrases::from_words(&raw.deferral),
            plan: Phrases::from_words(&raw.plan),
            temporary: Phrases::from_words(&raw.temporary),
            remainder: Phrases::from_words(&raw.remainder),
            discount: Phrases::from_words(&raw.discount),
            pressure: Phrases::from_words(&raw.pressure),
            payment: Phrases::from_words(&raw.payment),
            debt_content_risks: raw
                .debt_content_risks
                .iter()
                .filter_map(|c| RiskCategory::parse(c))
                .collect(),
            act_equivalents: raw.act_equivalents.clone(),
            advice_gaps: raw.advice_gaps.clone(),
        }
    }
}
