//! `collectsim history [--json]`: the practice calls in the data folder. Graded calls come from
//! the history index; a call that stopped before its debrief (killed, terminal closed, `/quit`)
//! has only its transcript, and is listed as unfinished, graded here as it stands.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::repl::store::{self, HistoryEntry};
use crate::report::messages::Say;
use crate::report::table::Table;
use crate::understanding::Analyzer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Ended with a debrief.
    Graded,
    /// Stopped mid-call; the transcript keeps every turn typed.
    Unfinished,
}

#[derive(Debug, Clone, Serialize)]
struct Listed {
    #[serde(flatten)]
    entry: HistoryEntry,
    status: Status,
}

/// Grades an unfinished call's transcript as it stands; `None` when it cannot be read, names a
/// scenario that is no longer in the library, or has no agent line yet.
fn grade_unfinished(
    pack: &content::ContentPack,
    analyzer: &Analyzer,
    file: &Path,
) -> Option<HistoryEntry> {
    let transcript = super::grade::read_transcript(file).ok()?;
    if !transcript
        .turns
        .iter()
        .any(|t| t.speaker == crate::call::Speaker::Agent)
    {
        return None;
    }
    let lang = transcript.lang.code().to_string();
    let scenario = transcript.scenario.clone().unwrap_or_default();
    let loaded =
        super::grade::resolve(pack, &file.display().to_string(), transcript, None, None).ok()?;
    let rubric = pack.rubric(&loaded.rubric).ok()?;
    let g = crate::scoring::grade(
        pack,
        analyzer,
        rubric,
        &loaded.transcript,
        &loaded.facts,
        loaded.now,
    );
    Some(HistoryEntry::graded(
        scenario,
        lang,
        store::started(file).unwrap_or_default(),
        &g,
        0,
        file.display().to_string(),
    ))
}

pub fn run(
    sources: &ContentSources,
    data_dir: Option<PathBuf>,
    json: bool,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let data = store::data_dir(data_dir);
    let graded = store::read_history(&data)?;
    let unfinished = store::unfinished(&data, &graded);
    let mut rows: Vec<Listed> = graded
        .into_iter()
        .map(|entry| Listed {
            entry,
            status: Status::Graded,
        })
        .collect();
    let mut say = None;
    if !unfinished.is_empty() {
        let pack = content::load::pack_or_error(content::load(sources)?)?;
        say = Some(Say::of(&pack, ui));
        let analyzer = Analyzer::new(&pack);
        rows.extend(
            unfinished
                .iter()
                .filter_map(|f| grade_unfinished(&pack, &analyzer, f))
                .map(|entry| Listed {
                    entry,
                    status: Status::Unfinished,
                }),
        );
    }
    // Both are RFC 3339 in UTC: text order is time order.
    rows.sort_by(|a, b| a.entry.date.cmp(&b.entry.date));
    if json {
        super::emit_json(out, &rows)?;
        return Ok(0);
    }
    let say = say.unwrap_or_else(|| Say::load(sources, ui));
    if rows.is_empty() {
        super::emit(
            out,
            &say.line("history_empty", &[("dir", data.display().to_string())]),
        )?;
        return Ok(0);
    }
    let mut table = Table::new(
        [
            "col_date",
            "col_scenario",
            "col_overall",
            "col_result",
            "col_file",
        ]
        .map(|id| say.get(id)),
    );
    for r in &rows {
        let e = &r.entry;
        let result = say.get(match (r.status, e.passed) {
            (Status::Unfinished, _) => "unfinished",
            (Status::Graded, true) => "passed",
            (Status::Graded, false) => "failed",
        });
        table.row([
            e.date
                .chars()
                .take(16)
                .collect::<String>()
                .replace('T', " "),
            e.scenario.clone(),
            format!("{:.0}", e.overall),
            result.to_string(),
            e.file.clone(),
        ]);
    }
    super::emit(out, &table.render())?;
    super::emit(
        out,
        &say.line("call_count", &[("count", rows.len().to_string())]),
    )?;
    let open = rows
        .iter()
        .filter(|r| r.status == Status::Unfinished)
        .count();
    if open > 0 {
        super::emit(
            out,
            &say.line("history_unfinished", &[("count", open.to_string())]),
        )?;
    }
    Ok(0)
}
