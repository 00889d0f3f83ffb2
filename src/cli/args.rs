//! Raw command-line arguments, exactly as clap parses them; `Config` validates them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "collectsim",
    version,
    about = "Practise debt-collection calls with borrowers who react like people, and get every point of the grade explained.",
    long_about = None,
    after_help = "With no command, `collectsim` starts a practice call on the built-in scenarios."
)]
pub struct Arguments {
    /// A folder of your own scenarios, personas, intents, rubrics and exams; it adds to the
    /// built-in library and replaces entries with the same id.
    #[arg(long, global = true, env = "COLLECTSIM_CONTENT", value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Leave out the library built into the binary (use only --content).
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the scenarios: id, title, language, kind, who answers, rubric.
    List {
        /// Only this kind of borrower (informed, willing, delinquent, refusing, emotional, fraudulent).
        #[arg(long)]
        kind: Option<String>,
        /// Only this language (en or zh).
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show a scenario's briefing card: what the agent has on screen before dialling.
    Show {
        /// Scenario id (see `collectsim list`).
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Check content files against the rest of the library; every problem as path:line:col.
    Validate {
        /// Files or folders to check; with none, all content is checked.
        paths: Vec<PathBuf>,
        /// One JSON object per problem.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of a content file, for editor completion and checking.
    Schema {
        /// scenario, persona, rubric, acts or exam
        kind: String,
    },
    /// Write a commented template that validates, to start a new content file.
    New {
        #[command(subcommand)]
        what: NewKind,
    },
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// A new scenario `ID.yaml` in the current folder (never overwrites).
    Scenario {
        /// The new scenario's id, e.g. `en-willing-auto-loan`.
        id: String,
        /// The kind of borrower.
        #[arg(long)]
        kind: String,
        /// en or zh.
        #[arg(long)]
        lang: String,
        /// Folder to write into (default: the current folder).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}
