//! Measuring the analyser: a labelled set of agent lines in, per-act precision and recall,
//! risky-line recall and false alarms, entity exactness and confusions out (like `rasa test nlu`).

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use super::analysis::{Analysis, Analyzer, UNCLEAR};
use super::entities::EntityKind;
use crate::content::yaml;
use crate::error::Error;
use crate::lang::Lang;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledSet {
    pub now: String,
    pub items: Vec<LabelledLine>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledLine {
    pub text: String,
    pub lang: Lang,
    #[serde(default)]
    pub acts: Vec<String>,
    #[serde(default)]
    pub risks: Vec<String>,
    #[serde(default)]
    pub entities: Vec<LabelledEntity>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledEntity {
    pub kind: EntityKind,
    pub value: serde_json::Value,
    pub currency: Option<String>,
    pub unit: Option<String>,
    pub amount: Option<f64>,
}

impl<'de> Deserialize<'de> for EntityKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match s.as_str() {
            "money" => EntityKind::Money,
            "date" => EntityKind::Date,
            "count" => EntityKind::Count,
            "duration" => EntityKind::Duration,
            "percent" => EntityKind::Percent,
            "phone" => EntityKind::Phone,
            "name" => EntityKind::Name,
            other => {
                return Err(serde::de::Error::custom(format!(
                    "unknown entity kind `{other}`"
                )));
            }
        })
    }
}

pub fn load_set(path: &std::path::Path) -> Result<LabelledSet, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let display = path.display().to_string();
    yaml::parse::<LabelledSet>(&display, &Arc::from(text))
        .map_err(|p| Error::Content { problems: vec![p] })
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub lines: u32,
    /// Mean over lines of |predicted ∩ gold| / |predicted ∪ gold| (multi-label accuracy).
    pub act_accuracy: f64,
    /// Share of lines whose predicted act set equals the gold set.
    pub exact_match: f64,
    pub per_act: BTreeMap<String, Counts>,
    pub risky_lines: u32,
    pub risky_recall: f64,
    pub compliant_lines: u32,
    pub false_alarm_rate: f64,
    pub per_category: BTreeMap<String, Counts>,
    pub entities_gold: u32,
    pub entities_exact: u32,
    pub entities_spurious: u32,
    pub entity_accuracy: f64,
    /// (gold act, predicted act or "-") -> count, for acts that were missed.
    pub confusions: BTreeMap<String, u32>,
    pub errors: Vec<String>,
    /// The headline figures of each language's lines, when the set mixes languages: a bar
    /// met on average can hide one language far below it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_language: BTreeMap<String, Summary>,
}

/// The headline figures of a report.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub lines: u32,
    pub act_accuracy: f64,
    pub exact_match: f64,
    pub risky_lines: u32,
    pub risky_recall: f64,
    pub compliant_lines: u32,
    pub false_alarm_rate: f64,
    pub entities_gold: u32,
    pub entity_accuracy: f64,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary {
            lines: self.lines,
            act_accuracy: self.act_accuracy,
            exact_match: self.exact_match,
            risky_lines: self.risky_lines,
            risky_recall: self.risky_recall,
            compliant_lines: self.compliant_lines,
            false_alarm_rate: self.false_alarm_rate,
            entities_gold: self.entities_gold,
            entity_accuracy: self.entity_accuracy,
        }
    }
}

pub fn evaluate(analyzer: &Analyzer, set: &LabelledSet) -> Result<Report, Error> {
    let now: DateTime = crate::cli::parse_now(&set.now)?;
    let all: Vec<&LabelledLine> = set.items.iter().collect();
    let mut r = evaluate_lines(analyzer, now, &all);
    for lang in Lang::ALL {
        let lines: Vec<&LabelledLine> = all.iter().copied().filter(|i| i.lang == lang).collect();
        if !lines.is_empty() && lines.len() < all.len() {
            let part = evaluate_lines(analyzer, now, &lines);
            r.by_language
                .insert(lang.code().to_string(), part.summary());
        }
    }
    Ok(r)
}

fn evaluate_lines(analyzer: &Analyzer, now: DateTime, items: &[&LabelledLine]) -> Report {
    let mut r = Report::default();
    let mut jaccard_sum = 0.0;
    let mut exact = 0u32;
    let mut risky_hit = 0u32;
    let mut false_alarms = 0u32;
    for &item in items {
        let a = analyzer.analyze(&item.text, item.lang, now);
        r.lines += 1;
        let predicted: Vec<String> = if a.unclear {
            vec![UNCLEAR.to_string()]
        } else {
            a.reported_acts().map(|h| h.act.clone()).collect()
        };
        let gold = &item.acts;
        let inter = predicted.iter().filter(|p| gold.contains(p)).count();
        let mut union: Vec<&String> = predicted.iter().chain(gold.iter()).collect();
        union.sort();
        union.dedup();
        jaccard_sum += if union.is_empty() {
            1.0
        } else {
            inter as f64 / union.len() as f64
        };
        if inter == union.len() {
            exact += 1;
        } else {
            r.errors.push(format!(
                "{:?} gold {:?} got {:?}",
                item.text, gold, predicted
            ));
        }
        for act in gold {
            let c = r.per_act.entry(act.clone()).or_default();
            if predicted.contains(act) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
                let instead: Vec<&String> =
                    predicted.iter().filter(|p| !gold.contains(p)).collect();
                let key = match instead.first() {
                    Some(p) => format!("{act} -> {p}"),
                    None => format!("{act} -> -"),
                };
                *r.confusions.entry(key).or_default() += 1;
            }
        }
        for act in &predicted {
            if !gold.contains(act) {
                r.per_act.entry(act.clone()).or_default().fp += 1;
            }
        }
        // Risk: a line is flagged when any finding is raised.
        let found: Vec<&str> = a.findings.iter().map(|f| f.category.name()).collect();
        if item.risks.is_empty() {
            r.compliant_lines += 1;
            if !found.is_empty() {
                false_alarms += 1;
                r.errors
                    .push(format!("FALSE ALARM {:?}: {:?}", item.text, found));
            }
        } else {
            r.risky_lines += 1;
            if !found.is_empty() {
                risky_hit += 1;
            } else {
                r.errors
                    .push(format!("MISSED RISK {:?}: {:?}", item.text, item.risks));
            }
        }
        for cat in &item.risks {
            let c = r.per_category.entry(cat.clone()).or_default();
            if found.contains(&cat.as_str()) {
                c.tp += 1
            } else {
                c.fn_ += 1
            }
        }
        for cat in &found {
            if !item.risks.iter().any(|g| g == cat) {
                r.per_category.entry(cat.to_string()).or_default().fp += 1;
            }
        }
        entity_match(&a, item, &mut r);
    }
    r.act_accuracy = jaccard_sum / f64::from(r.lines.max(1));
    r.exact_match = f64::from(exact) / f64::from(r.lines.max(1));
    r.risky_recall = ratio(risky_hit, r.risky_lines);
    r.false_alarm_rate = f64::from(false_alarms) / f64::from(r.compliant_lines.max(1));
    r.entity_accuracy = ratio(r.entities_exact, r.entities_gold);
    r
}

fn entity_match(a: &Analysis, item: &LabelledLine, r: &mut Report) {
    let mut used = vec![false; a.entities.len()];
    for g in &item.entities {
        r.entities_gold += 1;
        let found = a.entities.iter().enumerate().find(|(i, e)| {
            !used[*i]
                && e.kind == g.kind
                && same_value(&e.value, &g.value)
                && g.currency.as_deref().is_none_or(|c| e.currency == Some(c))
                && g.unit.as_deref().is_none_or(|u| e.unit == Some(u))
        });
        match found {
            Some((i, _)) => {
                used[i] = true;
                r.entities_exact += 1;
            }
            None => r.errors.push(format!(
                "ENTITY {:?}: missing {:?} {} (got {})",
                item.text,
                g.kind,
                g.value,
                a.entities
                    .iter()
                    .map(|e| format!("{:?}={}", e.kind, e.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    r.entities_spurious += used.iter().filter(|u| !**u).count() as u32;
}

fn same_value(found: &serde_json::Value, gold: &serde_json::Value) -> bool {
    match (found.as_f64(), gold.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < 0.005,
        _ => {
            let f = found
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| found.to_string());
            let g = gold
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| gold.to_string());
            f == g || f.eq_ignore_ascii_case(&g)
        }
    }
}

/// Leave-one-out over the catalogue's own examples: each example classified by an index built
/// without it. Returns (correct, total).
pub fn leave_one_out(pack: &crate::content::ContentPack, now: DateTime) -> (u32, u32) {
    let mut correct = 0;
    let mut total = 0;
    let mut counter = 0usize;
    let mut analyzer = Analyzer::new(pack);
    for act in pack.acts.values() {
        for lang in Lang::ALL {
            for example in act.examples.get(lang) {
                let held_out = counter;
                analyzer.keep_examples(pack, |_, i| i != held_out);
                // Placeholders stay: the held-out example is classified as the index sees examples.
                let a = analyzer.analyze(&example.value, lang, now);
                total += 1;
                if a.reported_acts().any(|h| h.act == act.id.value) {
                    correct += 1;
                }
                counter += 1;
            }
        }
    }
    (correct, total)
}
