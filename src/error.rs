//! Every error the library returns, rendered once by `Error::render`, mapped to an exit code once.

use std::path::PathBuf;

use crate::content::problem::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the content has {} error(s)", problems.iter().filter(|p| p.is_error()).count())]
    Content { problems: Vec<Problem> },
    #[error("unknown {what} `{id}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownId {
        what: &'static str,
        id: String,
        suggestion: Option<String>,
    },
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    #[error("{0} already exists; choose another id or delete the file first")]
    AlreadyExists(PathBuf),
    #[error("output: {0}")]
    Output(String),
    #[error(
        "no signing key: set COLLECTSIM_SIGNING_KEY or pass --key-file PATH (the trainer's secret, at least 16 bytes; keep it out of the data folder)"
    )]
    NoSigningKey,
    #[error("database {}: {message}", path.display())]
    Database { path: PathBuf, message: String },
    #[error("{} certification record(s) were altered after signing:{}", records.len(), records.iter().map(|r| format!("\n  {r}")).collect::<String>())]
    Tampered { records: Vec<String> },
    #[error("{0}")]
    AttemptRefused(String),
}

impl Error {
    /// 1 means "the content or the input is wrong"; 2 means "the command could not run".
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content { .. } | Error::Input { .. } => 1,
            Error::Tampered { .. } | Error::AttemptRefused(_) => 1,
            _ => 2,
        }
    }

    pub fn render(&self) -> String {
        match self {
            Error::Content { problems } => {
                let mut out: String = problems.iter().map(Problem::render).collect();
                out.push_str(&summary(problems));
                out
            }
            other => format!("error: {other}\n"),
        }
    }
}

pub fn summary(problems: &[Problem]) -> String {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    format!("{errors} error(s), {warnings} warning(s)\n")
}
