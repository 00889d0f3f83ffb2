//! The rows of the certification database, as read back and as signed: every field but the
//! signature is part of the canonical form, so changing any of them breaks the signature.

use serde::{Deserialize, Serialize};

use crate::scoring::Scores;

/// Where an attempt stands: started (and never finished: the program stopped mid-exam),
/// completed, or abandoned (the trainee quit). Every one of them counts as an attempt.
pub const IN_PROGRESS: &str = "in_progress";
pub const COMPLETED: &str = "completed";
pub const ABANDONED: &str = "abandoned";

#[derive(Debug, Clone, Serialize)]
pub struct AttemptRecord {
    pub id: i64,
    pub trainee: String,
    pub exam: String,
    pub exam_title: String,
    pub lang: String,
    pub rubric: String,
    /// SHA-256 of the exam, its scenarios, personas, rubric and dialogue-act catalogue.
    pub exam_hash: String,
    pub seed: i64,
    pub planned_calls: i64,
    pub started: String,
    pub finished: Option<String>,
    pub status: String,
    pub passed: bool,
    pub overall: Option<f64>,
    pub scores: Option<Scores>,
    pub fail_reasons: Vec<String>,
    #[serde(skip)]
    pub signature: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CallRecord {
    pub attempt: i64,
    /// 1-based position in the exam.
    pub seq: i64,
    pub scenario: String,
    /// `completed`, or `abandoned` for the call the trainee quit in.
    pub status: String,
    pub finished: String,
    pub overall: f64,
    pub passed: bool,
    pub critical: i64,
    /// The transcript and the grade as JSON text, exactly as stored.
    pub transcript: String,
    pub grade: String,
    #[serde(skip)]
    pub signature: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverrideRecord {
    pub id: i64,
    pub attempt: i64,
    pub call: i64,
    /// 1-based index into the call's findings.
    pub finding: i64,
    /// The finding's rule and turn, so the override still reads right if findings are re-ordered.
    pub rule: String,
    pub turn: i64,
    /// `accept` (the finding stands) or `reject` (the automatic verdict was wrong).
    pub verdict: String,
    pub reason: String,
    pub reviewer: String,
    pub created: String,
    #[serde(skip)]
    pub signature: String,
}

/// One attempt with everything that hangs off it: what is signed as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct Bundle {
    pub attempt: AttemptRecord,
    pub calls: Vec<CallRecord>,
    pub overrides: Vec<OverrideRecord>,
}

/// The part of a stored grade the reports read back (the grade itself is only `Serialize`).
#[derive(Debug, Clone, Deserialize)]
pub struct StoredGrade {
    pub rubric: String,
    pub scores: StoredScores,
    pub overall: f64,
    pub passed: bool,
    #[serde(default)]
    pub fail_reasons: Vec<String>,
    #[serde(default)]
    pub findings: Vec<StoredFinding>,
    #[serde(default)]
    pub credits: Vec<StoredCredit>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct StoredScores {
    pub verification: f64,
    pub accuracy: f64,
    pub tone: f64,
    pub compliance: f64,
}

impl From<StoredScores> for Scores {
    fn from(s: StoredScores) -> Scores {
        Scores {
            verification: s.verification,
            accuracy: s.accuracy,
            tone: s.tone,
            compliance: s.compliance,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct StoredFinding {
    pub turn: usize,
    pub quote: String,
    pub rule: String,
    pub severity: String,
    pub dimension: String,
    pub points: f64,
    #[serde(default)]
    pub citation: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub advice: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StoredCredit {
    pub dimension: String,
    pub points: f64,
}

impl CallRecord {
    pub fn grade(&self) -> Option<StoredGrade> {
        serde_json::from_str(&self.grade).ok()
    }

    pub fn transcript(&self) -> Option<crate::call::Transcript> {
        serde_json::from_str(&self.transcript).ok()
    }
}
