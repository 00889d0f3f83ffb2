//! The scorer's word lists (`scoring:` in an `intents/` file): what counts as distress, empathy,
//! a question and its answer, amount and fee qualifiers, consequences and so on. Matched on the
//! normalised, lower-cased line: English phrases on word boundaries, Chinese ones as substrings.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueWords {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub zh: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueQuestion {
    pub starts: Vec<String>,
    pub ends: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueTopic {
    pub name: String,
    pub question: CueWords,
    #[serde(default)]
    pub acts: Vec<String>,
    #[serde(default)]
    pub entities: Vec<String>,
    #[serde(default)]
    pub words: CueWords,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringCuesFile {
    pub distress: CueWords,
    pub empathy: CueWords,
    pub question: CueQuestion,
    pub phatic: CueWords,
    pub answer_starts: CueWords,
    pub declines: CueWords,
    pub topics: Vec<CueTopic>,
    pub verify_fields: BTreeMap<String, CueWords>,
    pub amounts: BTreeMap<String, CueWords>,
    pub overdue: CueWords,
    pub due_date: CueWords,
    pub fees: BTreeMap<String, CueWords>,
    pub consequences: BTreeMap<String, CueWords>,
    pub deferral: CueWords,
    pub plan: CueWords,
    pub temporary: CueWords,
    pub remainder: CueWords,
    pub discount: CueWords,
    pub pressure: CueWords,
    pub payment: CueWords,
    pub debt_content_risks: Vec<String>,
    pub act_equivalents: BTreeMap<String, Vec<String>>,
    /// What a rubric's advice says where the call lacks the fact of a placeholder, per
    /// placeholder ("[the balance on the account]").
    #[serde(default)]
    pub advice_gaps: BTreeMap<String, GapText>,
}

/// One short text in both languages.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapText {
    pub en: String,
    pub zh: String,
}

impl GapText {
    pub fn get(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::En => &self.en,
            crate::lang::Lang::Zh => &self.zh,
        }
    }
}
