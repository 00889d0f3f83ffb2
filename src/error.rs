//! Every error the library returns, rendered once by `Error::render` in the interface language,
//! mapped to an exit code once. The words are content (`messages:`, intents/messages.yaml);
//! `Display` says them in English from the shipped file, for logs and tests.

use std::path::PathBuf;

use crate::content::problem::Problem;
use crate::lang::Lang;
use crate::report::messages::{Message, Say};

#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    Content {
        problems: Vec<Problem>,
    },
    UnknownId {
        what: &'static str,
        id: String,
        suggestion: Option<String>,
        /// The file that named the id, when one did.
        file: Option<String>,
    },
    /// A command line that cannot be carried out as given; the message says how to fix it.
    Usage(Message),
    /// Bad input with where it came from.
    Input {
        path: String,
        message: Message,
    },
    AlreadyExists(PathBuf),
    Output(String),
    NoSigningKey,
    Database {
        path: PathBuf,
        message: String,
    },
    /// Each altered record: where it is (a message with a `{what}` placeholder), and what.
    Tampered {
        records: Vec<(Message, Message)>,
    },
    /// The exam's attempt rules refuse a new attempt.
    AttemptRefused(Message),
}

impl Error {
    /// A usage error by message id, filled with `values`.
    pub fn usage(id: &'static str, values: &[(&'static str, String)]) -> Error {
        let mut message = Message::new(id);
        message.values = values.to_vec();
        Error::Usage(message)
    }

    /// 1 means "the content or the input is wrong"; 2 means "the command could not run".
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content { .. } | Error::Input { .. } => 1,
            // An unknown id named in a file is bad input; one on the command line is usage.
            Error::UnknownId { file: Some(_), .. } => 1,
            Error::Tampered { .. } | Error::AttemptRefused(_) => 1,
            _ => 2,
        }
    }

    /// The message the error says, without the `error:` prefix; `Content` says its problems
    /// apart.
    pub fn message(&self) -> Message {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::Io { path: p, source } => Message::new("error_io")
                .with("path", path(p))
                .with("reason", source),
            Error::Write { path: p, source } => Message::new("error_write")
                .with("path", path(p))
                .with("reason", source),
            Error::Content { problems } => Message::new("error_content")
                .with("count", problems.iter().filter(|p| p.is_error()).count()),
            Error::UnknownId { what, id, .. } => Message::new(match *what {
                "rubric" => "error_unknown_rubric",
                "persona" => "error_unknown_persona",
                "exam" => "error_unknown_exam",
                _ => "error_unknown_scenario",
            })
            .with("id", id),
            Error::Usage(m) | Error::AttemptRefused(m) => m.clone(),
            Error::Input { message, .. } => message.clone(),
            Error::AlreadyExists(p) => Message::new("error_exists").with("path", path(p)),
            Error::Output(reason) => Message::new("error_output").with("reason", reason),
            Error::NoSigningKey => Message::new("error_no_key"),
            Error::Database { path: p, message } => Message::new("error_database")
                .with("path", path(p))
                .with("reason", message),
            Error::Tampered { records } => {
                Message::new("error_tampered").with("count", records.len())
            }
        }
    }

    /// An unknown id as named in `file`.
    pub fn in_file(self, path: &str) -> Error {
        match self {
            Error::UnknownId {
                what,
                id,
                suggestion,
                ..
            } => Error::UnknownId {
                what,
                id,
                suggestion,
                file: Some(path.to_string()),
            },
            other => other,
        }
    }

    /// The message with what goes around it (the file, a suggestion, the altered records), in
    /// `say`'s language.
    pub fn said(&self, say: &Say) -> String {
        let mut out = say.say(&self.message());
        match self {
            Error::UnknownId {
                suggestion, file, ..
            } => {
                if let Some(s) = suggestion {
                    out.push_str(&say.say(&Message::new("did_you_mean").with("id", s)));
                }
                if let Some(f) = file {
                    out = say.say(
                        &Message::new("error_input")
                            .with("path", f)
                            .with("message", out),
                    );
                }
            }
            Error::Input { path, .. } => {
                out = say.say(
                    &Message::new("error_input")
                        .with("path", path)
                        .with("message", out),
                );
            }
            Error::Tampered { records } => {
                for (place, what) in records {
                    let line = say.say(&place.clone().with("what", say.say(what)));
                    out.push_str(&format!("\n  {line}"));
                }
            }
            _ => {}
        }
        out
    }

    /// The error as the user sees it: every content problem at `path:line:col:` with its fix
    /// and the count, or `error:` and the message.
    pub fn render(&self, say: &Say) -> String {
        match self {
            Error::Content { problems } => {
                let mut out: String = problems.iter().map(|p| p.render_in(say)).collect();
                out.push_str(&summary(problems, say));
                out.push('\n');
                out
            }
            other => format!("{}{}\n", say.get("error_prefix"), other.said(say)),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said(&Say::shipped(Lang::En)))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `N error(s), M warning(s)`, without a newline.
pub fn summary(problems: &[Problem], say: &Say) -> String {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    say.text(
        "problems_summary",
        &[
            ("errors", errors.to_string()),
            ("warnings", (problems.len() - errors).to_string()),
        ],
    )
}
