//! The checked, id-resolved, immutable library everything else reads.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::problem::Problem;
use super::raw::{Act, Exam, LanguageCues, PersonaFile, Rubric, Scenario, ScoringCuesFile};
use crate::scoring::compiled::GradingCache;
use crate::scoring::cues::ScoringCues;
use crate::scoring::explain::Explanations;

#[derive(Debug, Default)]
pub struct ContentPack {
    pub scenarios: BTreeMap<String, Scenario>,
    pub personas: BTreeMap<String, PersonaFile>,
    /// The dialogue-act catalogue in id order.
    pub acts: BTreeMap<String, Act>,
    pub language: LanguageCues,
    /// The scorer's word lists as written, and compiled on first use (most commands never grade).
    pub scoring: ScoringCuesFile,
    scoring_compiled: OnceLock<ScoringCues>,
    /// Rubric rules and language phrases compiled for grading, on first use.
    grading: OnceLock<GradingCache>,
    /// The grader's explanations (`details:`) and their words (`detail_terms:`).
    pub explanations: Explanations,
    pub rubrics: BTreeMap<String, Rubric>,
    pub exams: BTreeMap<String, Exam>,
    /// Which file each id came from, for messages: (kind name, id) -> path.
    pub origins: BTreeMap<(&'static str, String), String>,
    /// Problems that did not stop loading.
    pub warnings: Vec<Problem>,
}

impl ContentPack {
    pub fn scoring_cues(&self) -> &ScoringCues {
        self.scoring_compiled
            .get_or_init(|| ScoringCues::compile(&self.scoring))
    }

    pub fn grading(&self) -> &GradingCache {
        self.grading.get_or_init(|| GradingCache::new(self))
    }

    pub fn scenario(&self, id: &str) -> Result<&Scenario, crate::Error> {
        self.scenarios
            .get(id)
            .ok_or_else(|| unknown("scenario", id, self.scenarios.keys()))
    }

    pub fn rubric(&self, id: &str) -> Result<&Rubric, crate::Error> {
        self.rubrics
            .get(id)
            .ok_or_else(|| unknown("rubric", id, self.rubrics.keys()))
    }

    pub fn persona(&self, id: &str) -> Result<&PersonaFile, crate::Error> {
        self.personas
            .get(id)
            .ok_or_else(|| unknown("persona", id, self.personas.keys()))
    }

    pub fn exam(&self, id: &str) -> Result<&Exam, crate::Error> {
        self.exams
            .get(id)
            .ok_or_else(|| unknown("exam", id, self.exams.keys()))
    }
}

fn unknown<'a>(
    what: &'static str,
    id: &str,
    known: impl Iterator<Item = &'a String>,
) -> crate::Error {
    crate::Error::UnknownId {
        what,
        id: id.to_string(),
        suggestion: super::problem::did_you_mean(id, known.map(String::as_str)).map(str::to_string),
        file: None,
    }
}
