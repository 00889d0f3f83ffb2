//! Conversation tests (like Rasa test stories): a scenario, the agent's lines, and what should
//! happen after each and at the end. One file holds one test (a mapping) or several (a list).

use std::sync::Arc;

use regex::Regex;
use serde::Deserialize;

use super::engine::situation_name;
use super::state::Verification;
use crate::call::OutcomeKind;
use crate::commands::run::scenario_now;
use crate::content::ContentPack;
use crate::content::problem::{Loc, Problem};
use crate::content::raw::Situation;
use crate::persona::Engine;
use crate::report::messages::{Message, Say};
use crate::understanding::Analyzer;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationTest {
    /// A name for reports (default: the scenario and the test's position in the file).
    #[serde(default)]
    pub name: Option<String>,
    pub scenario: String,
    #[serde(default)]
    pub seed: Option<u64>,
    /// YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: the scenario's call date and local time).
    #[serde(default)]
    pub now: Option<String>,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub outcome: Option<OutcomeKind>,
    #[serde(default)]
    pub promise: Option<PromiseExpect>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub agent: String,
    #[serde(default)]
    pub expect: Option<Expect>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Acts the agent's line must be understood as (others may be present too).
    #[serde(default)]
    pub acts: Vec<String>,
    #[serde(default)]
    pub situation: Option<Situation>,
    /// A regular expression the reply must match.
    #[serde(default)]
    pub reply: Option<String>,
    #[serde(default)]
    pub mood_at_least: Option<i32>,
    #[serde(default)]
    pub mood_at_most: Option<i32>,
    #[serde(default)]
    pub verified: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseExpect {
    #[serde(default)]
    pub amount: Option<f64>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub date: Option<String>,
}

/// One expectation that did not hold.
#[derive(Debug, Clone)]
pub struct Failure {
    /// 1-based step, `None` for the end of the call.
    pub step: Option<usize>,
    pub agent: Option<String>,
    pub what: String,
    pub expected: String,
    pub actual: String,
}

#[derive(Debug, Clone)]
pub struct TestResult {
    pub file: String,
    pub name: String,
    pub failures: Vec<Failure>,
    /// The call as played, for reports: (speaker, text, situation).
    pub transcript: Vec<(String, String, Option<String>)>,
    pub outcome: Option<String>,
}

impl TestResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Parses a test file: a mapping is one test, a list several.
pub fn parse(path: &str, text: &str) -> Result<Vec<ConversationTest>, Problem> {
    let text: Arc<str> = Arc::from(text);
    let first = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("---"));
    let tests = match first {
        Some(l) if l.starts_with('-') => {
            crate::content::yaml::parse::<Vec<ConversationTest>>(path, &text)?
        }
        Some(_) => vec![crate::content::yaml::parse::<ConversationTest>(
            path, &text,
        )?],
        None => {
            return Err(Problem::error(
                path,
                Loc::new(1, 1),
                Message::new("test_file_empty"),
            ));
        }
    };
    for (i, t) in tests.iter().enumerate() {
        if t.steps.is_empty() {
            return Err(Problem::error(
                path,
                locate(&text, &t.scenario),
                Message::new("test_file_no_steps").with("n", i + 1),
            ));
        }
        for s in &t.steps {
            if let Some(r) = s.expect.as_ref().and_then(|e| e.reply.as_ref())
                && let Err(e) = Regex::new(r)
            {
                return Err(Problem::error(
                    path,
                    locate(&text, r),
                    Message::new("test_file_reply_regex").with("error", e),
                ));
            }
        }
    }
    Ok(tests)
}

/// The first line mentioning `needle`, for locating semantic errors.
fn locate(text: &str, needle: &str) -> Loc {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| Loc::new(i as u32 + 1, 1))
        .unwrap_or(Loc::new(1, 1))
}

/// Runs one parsed test; an unknown scenario or bad clock is an error located in the file.
pub fn run_test(
    pack: &ContentPack,
    analyzer: &Analyzer,
    say: &Say,
    file: &str,
    index: usize,
    test: &ConversationTest,
) -> Result<TestResult, Problem> {
    // The error is said here, in the interface language, as the test's problem.
    let problem = |e: crate::error::Error| {
        Problem::error(
            file,
            Loc::new(1, 1),
            Message::new("test_file_error").with("error", e.said(say)),
        )
    };
    let scenario = pack.scenario(&test.scenario).map_err(problem)?;
    let now = match &test.now {
        Some(n) => crate::cli::parse_now(n).map_err(problem)?,
        None => scenario_now(scenario),
    };
    let seed = test.seed.unwrap_or(1);
    let mut engine = Engine::new(pack, analyzer, scenario, seed, now).map_err(problem)?;
    let name = test
        .name
        .clone()
        .unwrap_or_else(|| format!("{} #{}", test.scenario, index + 1));
    let mut failures = Vec::new();
    engine.open();
    for (i, step) in test.steps.iter().enumerate() {
        let fail = |what: &str, expected: String, actual: String| Failure {
            step: Some(i + 1),
            agent: Some(step.agent.clone()),
            what: what.to_string(),
            expected,
            actual,
        };
        if let Some(o) = engine.ended() {
            // A poor call may end early; that matters only where a step still expects something.
            if step.expect.is_none() {
                continue;
            }
            failures.push(fail(
                "call",
                "still going".to_string(),
                format!("already ended: {} ({})", o.kind.name(), o.reason),
            ));
            break;
        }
        let reply = engine.respond(&step.agent);
        let Some(e) = &step.expect else { continue };
        let acts: Vec<String> = reply
            .analysis
            .as_ref()
            .map(|a| a.acts.iter().map(|h| h.act.clone()).collect())
            .unwrap_or_default();
        let missing: Vec<&String> = e.acts.iter().filter(|x| !acts.contains(x)).collect();
        if !missing.is_empty() {
            failures.push(fail("acts", e.acts.join(", "), show_list(&acts, say)));
        }
        if let Some(s) = e.situation
            && s != reply.situation
        {
            failures.push(fail(
                "situation",
                situation_name(s),
                format!("{} — \"{}\"", situation_name(reply.situation), reply.text),
            ));
        }
        if let Some(r) = &e.reply
            && let Ok(re) = Regex::new(r)
            && !re.is_match(&reply.text)
        {
            failures.push(fail("reply", format!("/{r}/"), reply.text.clone()));
        }
        if let Some(m) = e.mood_at_least
            && reply.mood < m
        {
            failures.push(fail("mood", format!(">= {m}"), reply.mood.to_string()));
        }
        if let Some(m) = e.mood_at_most
            && reply.mood > m
        {
            failures.push(fail("mood", format!("<= {m}"), reply.mood.to_string()));
        }
        if let Some(v) = e.verified {
            let actual = engine.state.verification == Verification::Passed;
            if actual != v {
                failures.push(fail(
                    "verified",
                    v.to_string(),
                    format!("{actual} ({:?})", engine.state.verification),
                ));
            }
        }
    }
    let outcome = engine.end_by_agent();
    let end = |what: &str, expected: String, actual: String| Failure {
        step: None,
        agent: None,
        what: what.to_string(),
        expected,
        actual,
    };
    if let Some(k) = test.outcome
        && k != outcome.kind
    {
        failures.push(end(
            "outcome",
            k.name().to_string(),
            format!("{} ({})", outcome.kind.name(), outcome.reason),
        ));
    }
    if let Some(p) = &test.promise {
        match &outcome.promise {
            None => failures.push(end(
                "promise",
                describe(p, say),
                say.get("test_no_promise").to_string(),
            )),
            Some(actual) => {
                let amount_ok = p.amount.is_none_or(|a| (a - actual.amount).abs() < 0.005);
                let date_ok = p.date.is_none() || p.date == actual.date;
                if !amount_ok || !date_ok {
                    failures.push(end(
                        "promise",
                        describe(p, say),
                        say.text(
                            "test_promise",
                            &[
                                ("amount", actual.amount.to_string()),
                                ("date", actual.date.as_deref().unwrap_or("?").to_string()),
                            ],
                        ),
                    ));
                }
            }
        }
    }
    let transcript = engine
        .transcript
        .turns
        .iter()
        .map(|t| {
            (
                t.speaker.name().to_string(),
                t.text.clone(),
                t.situation.clone(),
            )
        })
        .collect();
    Ok(TestResult {
        file: file.to_string(),
        name,
        failures,
        transcript,
        outcome: Some(outcome.kind.name().to_string()),
    })
}

fn show_list(v: &[String], say: &Say) -> String {
    if v.is_empty() {
        say.get("test_none").to_string()
    } else {
        v.join(", ")
    }
}

fn describe(p: &PromiseExpect, say: &Say) -> String {
    say.text(
        "test_promise",
        &[
            (
                "amount",
                p.amount
                    .map_or_else(|| say.get("test_any_amount").to_string(), |a| a.to_string()),
            ),
            (
                "date",
                p.date
                    .clone()
                    .unwrap_or_else(|| say.get("test_any_date").to_string()),
            ),
        ],
    )
}

/// Parses and runs every test in one file.
pub fn run_file(
    pack: &ContentPack,
    analyzer: &Analyzer,
    say: &Say,
    path: &str,
    text: &str,
) -> Result<Vec<TestResult>, Problem> {
    let tests = parse(path, text)?;
    tests
        .iter()
        .enumerate()
        .map(|(i, t)| run_test(pack, analyzer, say, path, i, t))
        .collect()
}

/// A failed test as text: expected beside actual, with the file and step, then the call.
pub fn render_failure(r: &TestResult, say: &Say) -> String {
    let mut out = say.text(
        "test_fail",
        &[("file", r.file.clone()), ("name", r.name.clone())],
    );
    out.push('\n');
    for f in &r.failures {
        let at = match (f.step, &f.agent) {
            (Some(s), Some(a)) => say.text(
                "test_step",
                &[("step", s.to_string()), ("agent", a.clone())],
            ),
            _ => say.get("test_end").to_string(),
        };
        let mismatch = say.text(
            "test_mismatch",
            &[
                ("at", at),
                ("what", f.what.clone()),
                ("expected", f.expected.clone()),
                ("actual", f.actual.clone()),
            ],
        );
        for line in mismatch.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push_str(&format!("  {}\n", say.get("test_call")));
    for (speaker, text, situation) in &r.transcript {
        let s = situation
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        out.push_str(&format!("    {speaker}{s}: {text}\n"));
    }
    out
}
