//! `collectsim grade FILE...`: grade saved transcripts (from `run`, the REPL, or written from
//! real calls) against a rubric pack, as a debrief (text or Markdown) or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::DateTime;

use crate::call::{CallFacts, Transcript};
use crate::content::problem::{Loc, Problem};
use crate::content::{self, ContentPack, ContentSources};
use crate::error::Error;
use crate::report::debrief;
use crate::report::messages::Message;
use crate::scoring::{self, Grade};
use crate::understanding::Analyzer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, Error> {
        match s.trim().to_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            _ => Err(Error::usage("usage_format", &[("value", s.to_string())])),
        }
    }
}

#[derive(Debug)]
pub struct Options {
    pub files: Vec<PathBuf>,
    pub rubric: Option<String>,
    pub format: Format,
    /// `--now`: the clock when neither the transcript nor its facts give one.
    pub now: Option<DateTime>,
}

/// A transcript read and resolved: its facts, rubric and clock.
pub struct Loaded {
    pub path: String,
    pub transcript: Transcript,
    pub facts: CallFacts,
    pub rubric: String,
    pub now: DateTime,
}

/// Reads a transcript file (YAML, or JSON by extension); a malformed file is a located problem.
pub fn read_transcript(path: &Path) -> Result<Transcript, Error> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Error::Content {
            problems: vec![
                Problem::error(
                    &display,
                    loc_of_byte(&String::from_utf8_lossy(e.as_bytes()), at),
                    Message::new("transcript_not_utf8"),
                )
                .fix(Message::new("transcript_not_utf8_fix")),
            ],
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        serde_json::from_str::<Transcript>(&text).map_err(|e| {
            let loc = Loc::new(e.line().max(1) as u32, e.column().max(1) as u32);
            let message = strip_json_position(&e.to_string());
            Error::Content {
                problems: vec![
                    Problem::error(&display, loc, Message::new("transcript_json").with("error", message))
                        .fix(Message::new("transcript_json_fix").with(
                            "shape",
                            "{lang, scenario?, account?, identity?, context?, turns: [{speaker, text}]}",
                        ))
                        .with_source(&Arc::from(text.as_str())),
                ],
            }
        })
    } else {
        let source: Arc<str> = Arc::from(text.as_str());
        content::yaml::parse::<Transcript>(&display, &source)
            .map_err(|p| Error::Content { problems: vec![p] })
    }
}

fn loc_of_byte(text: &str, at: usize) -> Loc {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Loc::new(line as u32, col as u32)
}

fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Facts, rubric and clock for a transcript: the scenario's facts with inline ones over them;
/// the rubric from `--rubric`, the transcript, or the scenario; the clock from the transcript,
/// the call's date (and local time), or `--now`.
pub fn resolve(
    pack: &ContentPack,
    path: &str,
    transcript: Transcript,
    rubric: Option<&str>,
    now: Option<DateTime>,
) -> Result<Loaded, Error> {
    let input = |message: Message| Error::Input {
        path: path.to_string(),
        message,
    };
    let scenario = match &transcript.scenario {
        Some(id) => Some(pack.scenario(id).map_err(|e| e.in_file(path))?),
        None => None,
    };
    let facts = scenario
        .map(CallFacts::from_scenario)
        .unwrap_or_default()
        .overlay(
            transcript.account.as_ref(),
            transcript.identity.as_ref(),
            transcript.context.as_ref(),
        );
    let rubric = rubric
        .map(str::to_string)
        .or_else(|| transcript.rubric.clone())
        .or_else(|| scenario.map(|s| s.rubric.value.clone()))
        .ok_or_else(|| {
            let known: Vec<&str> = pack.rubrics.keys().map(String::as_str).collect();
            input(Message::new("usage_no_rubric").with("known", known.join(", ")))
        })?;
    pack.rubric(&rubric).map_err(|e| e.in_file(path))?;
    let clock = match &transcript.now {
        Some(n) => Some(
            crate::cli::parse_now(n)
                .map_err(|_| input(Message::new("input_now").with("value", n)))?,
        ),
        None => facts.context.date.as_deref().and_then(|d| {
            let date: jiff::civil::Date = d.trim().parse().ok()?;
            let (h, m) = facts
                .context
                .local_time
                .as_deref()
                .and_then(|t| t.trim().split_once(':'))
                .and_then(|(h, m)| Some((h.parse::<i8>().ok()?, m.get(..2)?.parse::<i8>().ok()?)))
                .filter(|(h, m)| (0..24).contains(h) && (0..60).contains(m))
                .unwrap_or((9, 0));
            Some(date.at(h, m, 0, 0))
        }),
    };
    // Last resort for a real call with no date anywhere: the system clock.
    let now = clock
        .or(now)
        .unwrap_or_else(|| jiff::ZonedDateTime::now().datetime());
    Ok(Loaded {
        path: path.to_string(),
        transcript,
        facts,
        rubric,
        now,
    })
}

/// The JSON object of one graded file: the grade with the file it came from.
#[derive(serde::Serialize)]
struct Graded<'a> {
    file: &'a str,
    #[serde(flatten)]
    grade: &'a Grade,
}

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    if options.files.is_empty() {
        return Err(Error::usage("usage_no_transcripts", &[]));
    }
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    // Read and resolve every file first: a bad file stops the run before any output.
    let mut loaded = Vec::new();
    for file in &options.files {
        let transcript = read_transcript(file)?;
        loaded.push(resolve(
            &pack,
            &file.display().to_string(),
            transcript,
            options.rubric.as_deref(),
            options.now,
        )?);
    }
    let analyzer = Analyzer::new(&pack);
    let mut graded = Vec::new();
    for l in &loaded {
        let rubric = pack.rubric(&l.rubric)?;
        let grade = scoring::grade(&pack, &analyzer, rubric, &l.transcript, &l.facts, l.now);
        graded.push(grade);
    }
    match options.format {
        Format::Json => {
            let objects: Vec<Graded> = loaded
                .iter()
                .zip(&graded)
                .map(|(l, g)| Graded {
                    file: &l.path,
                    grade: g,
                })
                .collect();
            if objects.len() == 1 {
                super::emit_json(out, &objects[0])?;
            } else {
                super::emit_json(out, &objects)?;
            }
        }
        Format::Text | Format::Markdown => {
            for (i, (l, g)) in loaded.iter().zip(&graded).enumerate() {
                let rubric = pack.rubric(&l.rubric)?;
                let view = debrief::Debrief {
                    file: Some(&l.path),
                    transcript: &l.transcript,
                    grade: g,
                    rubric,
                    labels: &pack.explanations.labels,
                };
                let text = if options.format == Format::Text {
                    debrief::text(&view)
                } else {
                    debrief::markdown(&view)
                };
                if i > 0 {
                    super::emit(out, "\n")?;
                }
                super::emit(out, &text)?;
            }
        }
    }
    Ok(0)
}
