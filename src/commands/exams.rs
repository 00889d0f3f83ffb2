//! `collectsim exams [--json]`: the certification exams: id, title, language, calls.

use std::io::Write;

use serde::Serialize;

use crate::certification::exam::calls;
use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::Say;
use crate::report::table::Table;

#[derive(Debug, Serialize)]
struct Entry<'a> {
    id: &'a str,
    title: &'a str,
    lang: Lang,
    rubric: &'a str,
    /// The scenario ids, in the order they are taken.
    calls: Vec<&'a str>,
    pass_overall: f64,
    attempts: u32,
    wait_days: u32,
}

pub fn run(
    sources: &ContentSources,
    json: bool,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let say = Say::of(&pack, ui);
    let mut list = Vec::new();
    for exam in pack.exams.values() {
        list.push(Entry {
            id: &exam.id.value,
            title: exam.title.value.text(exam.lang),
            lang: exam.lang,
            rubric: &exam.rubric.value,
            calls: calls(&pack, exam)?
                .iter()
                .map(|s| s.id.value.as_str())
                .collect(),
            pass_overall: exam.pass.overall.value,
            attempts: exam.attempts.max,
            wait_days: exam.attempts.wait_days,
        });
    }
    if json {
        super::emit_json(out, &list)?;
        return Ok(0);
    }
    let mut table = Table::new(
        [
            "col_id",
            "col_lang",
            "col_calls",
            "col_pass",
            "col_attempts",
            "col_title",
        ]
        .map(|id| say.get(id)),
    );
    for e in &list {
        table.row([
            e.id.to_string(),
            e.lang.to_string(),
            e.calls.len().to_string(),
            format!("{:.0}", e.pass_overall),
            say.text(
                "exam_attempts",
                &[
                    ("max", e.attempts.to_string()),
                    ("days", e.wait_days.to_string()),
                ],
            ),
            e.title.to_string(),
        ]);
    }
    super::emit(out, &table.render())?;
    super::emit(
        out,
        &say.line("exam_count", &[("count", list.len().to_string())]),
    )?;
    Ok(0)
}
