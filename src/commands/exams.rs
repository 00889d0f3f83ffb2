//! `collectsim exams [--json]`: the certification exams: id, title, language, calls.

use std::io::Write;

use serde::Serialize;

use crate::certification::exam::calls;
use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
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

pub fn run(sources: &ContentSources, json: bool, out: &mut dyn Write) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
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
    let mut table = Table::new(["ID", "LANG", "CALLS", "PASS", "ATTEMPTS", "TITLE"]);
    for e in &list {
        table.row([
            e.id.to_string(),
            e.lang.to_string(),
            e.calls.len().to_string(),
            format!("{:.0}", e.pass_overall),
            format!("{} / {}d", e.attempts, e.wait_days),
            e.title.to_string(),
        ]);
    }
    super::emit(out, &table.render())?;
    super::emit(out, &format!("{} exam(s)\n", list.len()))?;
    Ok(0)
}
