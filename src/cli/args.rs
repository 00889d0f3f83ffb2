//! Raw command-line arguments, exactly as clap parses them; `Config` validates them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// The environment variable `--ui-lang` falls back to; read also before clap parses (see
/// `localize::lang_before_parse`), so both use this one name.
pub const UI_LANG_ENV: &str = "COLLECTSIM_LANG";

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

    /// The language of the command line's own messages (results, listings, errors): en or zh.
    /// Without it: COLLECTSIM_LANG, else Chinese when LC_ALL, LC_MESSAGES or LANG starts with
    /// `zh`, else English. A call's own words follow the call's language.
    #[arg(long, global = true, env = UI_LANG_ENV, value_name = "LANG")]
    pub ui_lang: Option<String>,

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
        /// A JSON array of the scenarios: id, title, language, kind, answerer, difficulty, rubric, product.
        #[arg(long)]
        json: bool,
    },
    /// Show a scenario's briefing card: what the agent has on screen before dialling.
    Show {
        /// Scenario id (see `collectsim list`).
        id: String,
        /// The briefing card as one JSON object.
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
    /// Analyse agent lines: dialogue acts, entities and risk findings.
    Analyze {
        /// en, zh or auto (detect per line).
        #[arg(long, default_value = "auto")]
        lang: String,
        /// The call's clock for relative dates: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS].
        #[arg(long)]
        now: Option<String>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        /// Show the normalised text, cue hits and nearest catalogue examples.
        #[arg(long)]
        explain: bool,
        /// Lines to analyse; with none, each line of standard input.
        texts: Vec<String>,
    },
    /// Measure how well lines are understood: leave-one-out on the catalogue and labelled sets.
    NluReport {
        /// Labelled sets (YAML); default: tests/data/nlu/dev.yaml, val.yaml, val2.yaml, val3.yaml,
        /// val4-en.yaml, val4-zh.yaml, frames-acts.yaml, val5.yaml and test.yaml when present.
        sets: Vec<PathBuf>,
        /// Skip the (slow) leave-one-out pass over the catalogue.
        #[arg(long)]
        no_loo: bool,
        /// List every line that was not fully right.
        #[arg(long, short)]
        verbose: bool,
        /// Try other thresholds (min score, min margin, min risk score, min extra score, then
        /// optionally the risk model's min log-odds, min window score, min window margin and min
        /// pair score), e.g. `0.25,0.03,0.4,0.45,10,0.35,0.05,0.4`, to tune on the dev split.
        #[arg(long, value_name = "LIST")]
        thresholds: Option<String>,
        /// The report as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Grade saved transcripts against a rubric pack: scores, findings with the turn, quote,
    /// rule, citation and a better line, and the outcome.
    Grade {
        /// Transcript files (YAML or JSON): `{lang, rubric?, scenario?, account?, identity?,
        /// context?, turns: [{speaker, text}]}`.
        files: Vec<PathBuf>,
        /// The rubric pack to grade with (default: the transcript's, else its scenario's).
        #[arg(long)]
        rubric: Option<String>,
        /// Same as `--format json`: one object per file (an array for several).
        #[arg(long)]
        json: bool,
        /// text (the debrief, default), markdown or json.
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// The clock when the transcript gives none: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS].
        #[arg(long)]
        now: Option<String>,
    },
    /// Play a whole call from scripted agent lines (one per line) and print it; `--json` adds
    /// the turns, the outcome and the grade.
    Run {
        /// Scenario id (see `collectsim list`).
        scenario: String,
        /// File of agent lines, or `-` for standard input.
        #[arg(long, value_name = "FILE")]
        script: String,
        /// Seed for the persona's choice of words (same seed, same call).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The call's clock (default: the scenario's call date and local time).
        #[arg(long)]
        now: Option<String>,
        /// One JSON object: scenario, seed, turns, outcome and grade.
        #[arg(long)]
        json: bool,
    },
    /// Run YAML conversation tests (agent lines, expected acts, situation, reply, outcome);
    /// shows expected beside actual on failure; exit 1 on any failure.
    Test {
        /// Test files or folders (default: tests/conversations/).
        paths: Vec<PathBuf>,
    },
    /// Practise a call: pick a scenario, read the briefing, talk, get the debrief (the default).
    Practice {
        /// Scenario id (see `collectsim list`); without it, a menu (or a seeded pick off a terminal).
        #[arg(long)]
        scenario: Option<String>,
        /// Only this kind of borrower in the menu.
        #[arg(long)]
        kind: Option<String>,
        /// Only this language in the menu (en or zh).
        #[arg(long)]
        lang: Option<String>,
        /// Seed for the persona's choice of words (same seed, same call).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// After each line with a risk, a one-line warning with a better line.
        #[arg(long)]
        coach: bool,
        /// Where transcripts and the history go (default: $XDG_DATA_HOME/collectsim).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
        /// The call's clock (default: the scenario's call date and local time).
        #[arg(long)]
        now: Option<String>,
    },
    /// List past practice calls: scenario, date, overall score, transcript file.
    History {
        /// A JSON array of the past calls.
        #[arg(long)]
        json: bool,
        /// Where the history is kept (default: $XDG_DATA_HOME/collectsim).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
    /// Per dimension the first, best and latest score, and the rules most often broken.
    Progress {
        /// Where the history is kept (default: $XDG_DATA_HOME/collectsim).
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
    },
    /// Write a commented template that validates, to start a new content file.
    New {
        #[command(subcommand)]
        what: NewKind,
    },
    /// List the certification exams: id, title, language, calls.
    Exams {
        /// A JSON array of the exams: id, title, language, rubric, calls.
        #[arg(long)]
        json: bool,
    },
    /// Sit a certification exam: its calls in order (no hints, undo or coaching), `/end` moves
    /// to the next; recorded and signed as it goes, with a certificate at the end.
    Certify {
        /// Exam id (see `collectsim exams`).
        #[arg(long)]
        exam: String,
        /// The trainee's name, as the records show it.
        #[arg(long)]
        trainee: String,
        /// Seed for the personas' choice of words (same seed, same calls).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The attempt's clock (start, finish, the wait between attempts): YYYY-MM-DD or
        /// YYYY-MM-DDTHH:MM[:SS]; the calls keep their scenarios' own dates.
        #[arg(long)]
        now: Option<String>,
        #[command(flatten)]
        records: RecordArgs,
    },
    /// The certification records: attempts, pass rates, each dimension's trend per trainee.
    Results {
        /// Only this trainee.
        #[arg(long)]
        trainee: Option<String>,
        /// Only this exam.
        #[arg(long)]
        exam: Option<String>,
        /// Only this attempt: its full report (Markdown; `--html FILE` for the page).
        #[arg(long, value_name = "ID")]
        attempt: Option<i64>,
        /// An array of attempts: trainee, exam, started, finished, passed, overall, scores.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// One line per attempt.
        #[arg(long)]
        csv: bool,
        /// Write the cohort page (or, with --attempt, the attempt's page) to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Check every signature; exit 1 naming each altered record.
        #[arg(long)]
        verify: bool,
        /// Grade the stored transcripts again under the current rubric and show both (the
        /// signed original is kept).
        #[arg(long)]
        regrade: bool,
        #[command(flatten)]
        records: RecordArgs,
    },
    /// A trainer's verdict on a finding, stored beside the automatic one and signed; with only
    /// ATTEMPT, list its findings.
    Review {
        /// Attempt id (see `collectsim results`).
        attempt: i64,
        /// The call's number in the exam (1-based).
        #[arg(long)]
        call: Option<i64>,
        /// The finding's number in that call (see `collectsim review ATTEMPT`).
        #[arg(long)]
        finding: Option<i64>,
        /// accept (the finding stands) or reject (the automatic verdict was wrong).
        #[arg(long)]
        verdict: Option<String>,
        /// Why, for the audit trail.
        #[arg(long)]
        reason: Option<String>,
        /// Who reviewed.
        #[arg(long)]
        reviewer: Option<String>,
        /// The review's timestamp (default: now).
        #[arg(long)]
        now: Option<String>,
        #[command(flatten)]
        records: RecordArgs,
    },
}

/// Where certification records live and the key that signs them.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// The certification database (default: DATA/certification.sqlite3).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The data folder (default: $XDG_DATA_HOME/collectsim).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The signing key file (default: the COLLECTSIM_SIGNING_KEY environment variable).
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
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
