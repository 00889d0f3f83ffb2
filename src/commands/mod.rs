//! One file per subcommand; each loads what it needs and writes to the given output.

pub mod analyze;
pub mod certify;
pub mod exams;
pub mod grade;
pub mod history;
pub mod list;
pub mod new;
pub mod nlu_report;
pub mod practice;
pub mod progress;
pub mod results;
pub mod review;
pub mod run;
pub mod schema;
pub mod show;
pub mod test;
pub mod validate;

use std::io::Write;

use crate::error::Error;

/// Writes, mapping a failed write (a closed pipe) to `Error::Output`.
pub fn emit(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    out.write_all(text.as_bytes())
        .map_err(|e| Error::Output(e.to_string()))
}

pub fn emit_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Error> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Error::Output(e.to_string()))?;
    text.push('\n');
    emit(out, &text)
}
