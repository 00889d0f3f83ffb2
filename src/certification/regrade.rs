//! Re-grading stored calls under the current rubric and pass marks, beside the signed original
//! (which is never rewritten).

use super::records::{Bundle, COMPLETED};
use super::verdict::{self, CallScore, Marks};
use crate::commands::grade::resolve;
use crate::content::ContentPack;
use crate::scoring::{Grader, Scores};
use crate::understanding::Analyzer;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Regrade {
    pub overall: f64,
    pub passed: bool,
    pub scores: Scores,
    pub fail_reasons: Vec<String>,
    /// Each call's overall, original and now.
    pub calls: Vec<(f64, f64)>,
}

/// The attempt graded again; `Err` says why it cannot be (exam or rubric no longer exists, a
/// transcript that no longer reads).
pub fn regrade(pack: &ContentPack, analyzer: &Analyzer, b: &Bundle) -> Result<Regrade, String> {
    let a = &b.attempt;
    let exam = pack
        .exams
        .get(&a.exam)
        .ok_or_else(|| format!("exam `{}` is no longer in the library", a.exam))?;
    let rubric = pack
        .rubrics
        .get(&a.rubric)
        .ok_or_else(|| format!("rubric `{}` is no longer in the library", a.rubric))?;
    let grader = Grader::new(pack, analyzer, rubric);
    let mut scores = Vec::new();
    let mut calls = Vec::new();
    for c in b.calls.iter().filter(|c| c.status == COMPLETED) {
        let t = c
            .transcript()
            .ok_or_else(|| format!("call {}: the stored transcript does not read", c.seq))?;
        let loaded = resolve(pack, &c.scenario, t, Some(&a.rubric), None)
            .map_err(|e| format!("call {}: {e}", c.seq))?;
        let g = grader.grade(&loaded.transcript, &loaded.facts, loaded.now);
        calls.push((c.overall, g.overall));
        scores.push(CallScore::of_grade(c.seq as usize, &g));
    }
    let lang = crate::lang::Lang::parse(&a.lang).unwrap_or(crate::lang::Lang::En);
    let v = verdict::decide(
        &Marks::of(exam),
        &scores,
        a.planned_calls as usize,
        &pack.explanations.certificate,
        lang,
    );
    Ok(Regrade {
        overall: v.overall,
        passed: v.passed && a.status == COMPLETED,
        scores: v.scores,
        fail_reasons: v.fail_reasons,
        calls,
    })
}
