//! Exams: scenario and rubric references, language, pass marks.

use std::collections::BTreeMap;

use super::{Context, err, translations};
use crate::content::problem::Problem;
use crate::content::raw::{Exam, Scenario};
use crate::content::source::SourceFile;

pub fn exam(
    ctx: &Context,
    file: &SourceFile,
    exam: &Exam,
    scenarios: &BTreeMap<String, Scenario>,
    problems: &mut Vec<Problem>,
) {
    translations(file, "title", &exam.title, problems);
    if !ctx.rubrics.contains(&exam.rubric.value) {
        problems.push(ctx.rubrics.unknown(file, &exam.rubric));
    }
    if exam.calls.is_empty() && exam.draw.is_none() {
        problems.push(err(
            file,
            exam.id.loc,
            "the exam has no calls",
            "list scenario ids under `calls:`, or add a `draw:`",
        ));
    }
    for call in &exam.calls {
        match scenarios.get(&call.value) {
            None if !ctx.scenarios.contains(&call.value) => {
                problems.push(ctx.scenarios.unknown(file, call))
            }
            Some(s) if s.lang != exam.lang => problems.push(err(
                file,
                call.loc,
                format!(
                    "scenario `{}` is in `{}` but the exam is in `{}`",
                    call.value, s.lang, exam.lang
                ),
                "use a scenario in the exam's language",
            )),
            _ => {}
        }
    }
    if let Some(draw) = &exam.draw {
        for kind in &draw.kinds {
            if !ctx.personas.contains(&kind.value) {
                problems.push(ctx.personas.unknown(file, kind));
            }
        }
    }
    for mark in std::iter::once(&exam.pass.overall).chain(exam.pass.dimensions.values()) {
        if !(0.0..=100.0).contains(&mark.value) {
            problems.push(err(
                file,
                mark.loc,
                format!("pass mark {} is outside 0..100", mark.value),
                "use a score from 0 to 100",
            ));
        }
    }
    if exam.attempts.max == 0 {
        problems.push(err(
            file,
            exam.id.loc,
            "attempts.max is 0, so nobody can sit the exam",
            "allow at least 1 attempt",
        ));
    }
}
