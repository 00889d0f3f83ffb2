//! `collectsim history [--json]`: the graded practice calls in the data folder.

use std::io::Write;
use std::path::PathBuf;

use crate::error::Error;
use crate::repl::store;
use crate::report::table::Table;

pub fn run(data_dir: Option<PathBuf>, json: bool, out: &mut dyn Write) -> Result<i32, Error> {
    let data = store::data_dir(data_dir);
    let entries = store::read_history(&data)?;
    if json {
        super::emit_json(out, &entries)?;
        return Ok(0);
    }
    if entries.is_empty() {
        super::emit(
            out,
            &format!(
                "no practice calls yet in {}; start one with `collectsim practice`\n",
                data.display()
            ),
        )?;
        return Ok(0);
    }
    let mut table = Table::new(["DATE", "SCENARIO", "OVERALL", "RESULT", "FILE"]);
    for e in &entries {
        table.row([
            e.date
                .chars()
                .take(16)
                .collect::<String>()
                .replace('T', " "),
            e.scenario.clone(),
            format!("{:.0}", e.overall),
            if e.passed { "passed" } else { "failed" }.to_string(),
            e.file.clone(),
        ]);
    }
    super::emit(out, &table.render())?;
    super::emit(out, &format!("{} call(s)\n", entries.len()))?;
    Ok(0)
}
