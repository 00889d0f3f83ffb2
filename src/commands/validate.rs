//! `collectsim validate [PATH...]`: every problem as `path:line:col:`, exit 1 on errors.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::Say;

#[derive(Serialize)]
struct JsonProblem<'a> {
    #[serde(flatten)]
    problem: &'a content::problem::Problem,
}

pub fn run(
    mut sources: ContentSources,
    paths: Vec<PathBuf>,
    json: bool,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let given = !paths.is_empty();
    for p in &paths {
        if !p.exists() {
            return Err(Error::Io {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
    }
    sources.files = paths;
    let loaded = content::load(&sources)?;
    // With paths, report what is in them: the rest of the library is context, not the subject.
    let shown: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| !given || loaded.explicit.iter().any(|e| e == &p.path))
        .collect();
    if json {
        let list: Vec<_> = shown.iter().map(|p| JsonProblem { problem: p }).collect();
        super::emit_json(out, &list)?;
    } else {
        // The library's words when it loads, else the shipped ones: validating a broken
        // library is what this command is for.
        let say = Say::of_or_shipped(loaded.pack.as_ref(), ui);
        for p in &shown {
            super::emit(out, &p.render_in(&say))?;
        }
        let errors = shown.iter().filter(|p| p.is_error()).count();
        let counts = [
            ("errors", errors.to_string()),
            ("warnings", (shown.len() - errors).to_string()),
        ];
        let line = if given {
            let [e, w] = counts;
            say.line(
                "validate_files",
                &[("checked", loaded.explicit.len().to_string()), e, w],
            )
        } else {
            say.line("validate_all", &counts)
        };
        super::emit(out, &line)?;
    }
    let failed = shown.iter().any(|p| p.is_error()) || (!given && loaded.pack.is_none());
    Ok(i32::from(failed))
}
