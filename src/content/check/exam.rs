//! Exams: scenario and rubric references, language, pass marks.

use std::collections::BTreeMap;

use super::{Context, err, translations};
use crate::content::problem::Problem;
use crate::content::raw::{Exam, Scenario};
use crate::content::source::SourceFile;
use crate::report::messages::Message;

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
            Message::new("check_exam_no_calls"),
            Message::new("check_exam_no_calls_fix"),
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
                Message::new("check_exam_scenario_lang")
                    .with("scenario", &call.value)
                    .with("lang", s.lang)
                    .with("exam_lang", exam.lang),
                Message::new("check_exam_scenario_lang_fix"),
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
                Message::new("check_pass_mark").with("mark", mark.value),
                Message::new("check_pass_mark_fix"),
            ));
        }
    }
    if exam.attempts.max == 0 {
        problems.push(err(
            file,
            exam.id.loc,
            Message::new("check_exam_no_attempts"),
            Message::new("check_exam_no_attempts_fix"),
        ));
    }
}
