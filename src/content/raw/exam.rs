//! A certification exam: fixed calls (or a seeded draw), pass marks, attempts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::{BiText, Dimension};
use crate::content::yaml::Located;
use crate::lang::Lang;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    pub id: Located<String>,
    pub title: Located<BiText>,
    pub lang: Lang,
    /// The rubric every call is graded with (overrides the scenarios' own).
    pub rubric: Located<String>,
    /// Scenario ids, taken in order.
    #[serde(default)]
    pub calls: Vec<Located<String>>,
    /// Or a seeded draw: this many scenarios of each kind in the exam's language.
    pub draw: Option<Draw>,
    pub pass: PassMarks,
    /// Any critical finding fails the attempt whatever the scores.
    #[serde(default = "yes")]
    pub critical_fail: bool,
    pub attempts: Attempts,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Draw {
    pub kinds: Vec<Located<String>>,
    pub per_kind: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassMarks {
    pub overall: Located<f64>,
    #[serde(default)]
    pub dimensions: BTreeMap<Dimension, Located<f64>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attempts {
    pub max: u32,
    /// Days to wait between attempts.
    pub wait_days: u32,
    /// Re-certification period in days (180 = every six months).
    pub valid_days: Option<u32>,
}
