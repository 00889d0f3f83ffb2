//! `collectsim run SCENARIO --script FILE|-`: a whole call from scripted agent lines, with the
//! same engine the REPL and certification use; `--json` adds the grade.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use jiff::civil::DateTime;
use serde::Serialize;

use crate::call::{CallFacts, Outcome, Turn};
use crate::content::{self, ContentPack, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::persona::Engine;
use crate::report::messages::Say;
use crate::understanding::Analyzer;

#[derive(Debug)]
pub struct Options {
    pub scenario: String,
    /// `None` reads standard input.
    pub script: Option<PathBuf>,
    pub seed: u64,
    pub now: Option<DateTime>,
    pub json: bool,
}

#[derive(Serialize)]
pub struct RunOutput<'a> {
    pub scenario: &'a str,
    pub seed: u64,
    pub now: String,
    pub turns: &'a [Turn],
    pub outcome: &'a Outcome,
    pub grade: crate::scoring::Grade,
}

/// The scenario's own clock: its call date at its local time.
pub fn scenario_now(s: &crate::content::raw::Scenario) -> DateTime {
    let date = s
        .context
        .date
        .value
        .parse::<jiff::civil::Date>()
        .unwrap_or_default();
    let (h, m) = s
        .context
        .local_time
        .value
        .split_once(':')
        .unwrap_or(("9", "0"));
    date.at(
        h.trim().parse().unwrap_or(9),
        m.trim().parse().unwrap_or(0),
        0,
        0,
    )
}

/// Plays a script through the engine; returns the finished engine.
pub fn play<'a>(
    pack: &'a ContentPack,
    analyzer: &'a Analyzer,
    scenario: &'a crate::content::raw::Scenario,
    lines: &[String],
    seed: u64,
    now: DateTime,
) -> Result<Engine<'a>, Error> {
    let mut engine = Engine::new(pack, analyzer, scenario, seed, now)?;
    engine.open();
    for line in lines {
        if engine.ended().is_some() {
            break;
        }
        engine.respond(line);
    }
    engine.end_by_agent();
    Ok(engine)
}

pub fn read_script(path: Option<&PathBuf>) -> Result<Vec<String>, Error> {
    let text = match path {
        Some(p) => std::fs::read(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?,
        None => {
            let mut buf = Vec::new();
            for line in std::io::stdin().lock().split(b'\n') {
                let mut line = line.map_err(|e| Error::Input {
                    path: "<stdin>".into(),
                    message: crate::report::messages::Message::new("input_line").with("reason", e),
                })?;
                buf.append(&mut line);
                buf.push(b'\n');
            }
            buf
        }
    };
    let name = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "<stdin>".to_string());
    let text = String::from_utf8(text).map_err(|e| Error::Input {
        path: name,
        message: crate::report::messages::Message::new("input_script_utf8")
            .with("byte", e.utf8_error().valid_up_to()),
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

pub fn run(
    sources: &ContentSources,
    options: Options,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let say = Say::of(&pack, ui);
    let scenario = pack.scenario(&options.scenario)?;
    let lines = read_script(options.script.as_ref())?;
    let analyzer = Analyzer::new(&pack);
    let now = options.now.unwrap_or_else(|| scenario_now(scenario));
    let engine = play(&pack, &analyzer, scenario, &lines, options.seed, now)?;
    let outcome = engine
        .transcript
        .outcome
        .clone()
        .unwrap_or_else(|| Outcome {
            kind: crate::call::OutcomeKind::NoAgreement,
            reason: pack
                .explanations
                .outcomes
                .get("not_ended", scenario.lang)
                .to_string(),
            promise: None,
        });
    let rubric = pack.rubric(&scenario.rubric.value)?;
    let facts = CallFacts::from_scenario(scenario);
    let grade = crate::scoring::grade(&pack, &analyzer, rubric, &engine.transcript, &facts, now);
    if options.json {
        super::emit_json(
            out,
            &RunOutput {
                scenario: &scenario.id.value,
                seed: options.seed,
                now: now.to_string(),
                turns: &engine.transcript.turns,
                outcome: &outcome,
                grade,
            },
        )?;
    } else {
        let mut text = String::new();
        for t in &engine.transcript.turns {
            let mood = t.mood.map(|m| format!(" ({m:+})")).unwrap_or_default();
            text.push_str(&format!("[{}]{mood} {}\n", t.speaker.name(), t.text));
        }
        text.push_str(&say.text(
            "run_outcome",
            &[
                ("outcome", outcome.kind.name().to_string()),
                ("reason", outcome.reason.clone()),
            ],
        ));
        if let Some(p) = &outcome.promise {
            text.push_str(&say.text(
                "run_promise",
                &[
                    (
                        "amount",
                        crate::report::labels::money(p.amount, scenario.account.currency.code()),
                    ),
                    ("date", p.date.as_deref().unwrap_or("?").to_string()),
                ],
            ));
        }
        text.push('\n');
        text.push_str(
            &say.text(
                "run_score",
                &[
                    ("overall", format!("{:.0}", grade.overall)),
                    (
                        "result",
                        say.get(if grade.passed { "passed" } else { "failed" })
                            .to_string(),
                    ),
                ],
            ),
        );
        text.push('\n');
        super::emit(out, &text)?;
    }
    Ok(0)
}
