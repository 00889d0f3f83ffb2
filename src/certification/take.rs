//! `collectsim certify`: the exam's calls in order through the practice session in exam mode,
//! each call recorded and signed as it ends, then the certificate.

use std::io::Write;
use std::path::PathBuf;

use jiff::civil::DateTime;

use super::db::{self, Db, Filter};
use super::exam::ExamPlan;
use super::records::{ABANDONED, AttemptRecord, COMPLETED, CallRecord, IN_PROGRESS};
use super::sign::Key;
use super::verdict::{self, CallScore, Marks};
use super::{html, markdown, policy, view};
use crate::commands::emit;
use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::repl::input::Reader;
use crate::repl::session::{After, Session};
use crate::repl::{store, view as repl_view};
use crate::understanding::Analyzer;

#[derive(Debug, Default)]
pub struct Options {
    pub exam: String,
    pub trainee: String,
    pub seed: u64,
    /// The attempt's clock (start, finish, waits between attempts); the calls keep their
    /// scenarios' own dates so everyone is graded against the same calling hours.
    pub now: Option<DateTime>,
    pub db: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
}

fn clock(fixed: Option<DateTime>) -> String {
    fixed
        .unwrap_or_else(crate::cli::default_now)
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    // The key first: an attempt that cannot be signed must not start.
    let key = Key::load(options.key_file.as_deref())?;
    let trainee = options.trainee.trim().to_string();
    if trainee.is_empty() {
        return Err(Error::usage("usage_trainee", &[]));
    }
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let analyzer = Analyzer::new(&pack);
    let plan = ExamPlan::new(&pack, sources, &options.exam)?;
    let lang = plan.exam.lang;
    let data = store::data_dir(options.data_dir.clone());
    let db_path = options
        .db
        .clone()
        .unwrap_or_else(|| db::default_path(options.data_dir.clone()));
    let mut db = Db::open(&db_path)?;
    let previous = db.attempts(&Filter {
        trainee: Some(trainee.clone()),
        exam: Some(plan.exam.id.value.clone()),
        attempt: None,
    })?;
    let start = options.now.unwrap_or_else(crate::cli::default_now);
    policy::check(plan.exam, &previous, start)?;

    let mut attempt = AttemptRecord {
        id: 0,
        trainee: trainee.clone(),
        exam: plan.exam.id.value.clone(),
        exam_title: plan.title().to_string(),
        lang: lang.code().to_string(),
        rubric: plan.rubric.id.value.clone(),
        exam_hash: plan.hash.clone(),
        seed: options.seed as i64,
        planned_calls: plan.scenarios.len() as i64,
        started: clock(Some(start)),
        finished: None,
        status: IN_PROGRESS.to_string(),
        passed: false,
        overall: None,
        scores: None,
        fail_reasons: Vec::new(),
        signature: String::new(),
    };
    attempt.id = db.start_attempt(&attempt, &key)?;
    let number = previous.len() + 1;
    let words = &pack.explanations.practice;
    emit(
        out,
        &format!(
            "{}\n{}\n",
            plan.title(),
            words.fill(
                "exam_heading",
                lang,
                &[
                    ("trainee", trainee.clone()),
                    ("attempt", attempt.id.to_string()),
                    ("number", number.to_string()),
                    ("max", plan.exam.attempts.max.to_string()),
                    ("calls", plan.scenarios.len().to_string()),
                ],
            )
        ),
    )?;

    let mut reader = Reader::new(&data)?;
    let mut scores: Vec<CallScore> = Vec::new();
    let mut quit = false;
    for (i, scenario) in plan.scenarios.iter().enumerate() {
        let seq = i + 1;
        emit(
            out,
            &format!(
                "\n{}\n",
                repl_view::system(&words.fill(
                    "exam_call",
                    lang,
                    &[
                        ("seq", seq.to_string()),
                        ("total", plan.scenarios.len().to_string()),
                        ("title", scenario.title.value.clone()),
                    ],
                ))
            ),
        )?;
        let now = crate::commands::run::scenario_now(scenario);
        let mut session =
            Session::new(&pack, &analyzer, scenario, options.seed, now, false, &data)?
                .exam_mode(plan.rubric);
        let after = session.run(&mut reader, out)?;
        let grade = crate::scoring::grade(
            &pack,
            &analyzer,
            plan.rubric,
            session.transcript(),
            &crate::call::CallFacts::from_scenario(scenario),
            now,
        );
        let mut transcript = session.transcript().clone();
        // Regrading later must use the exam's rubric, not the scenario's own.
        transcript.rubric = Some(plan.rubric.id.value.clone());
        let finished = after == After::Next;
        let score = CallScore::of_grade(seq, &grade);
        db.add_call(
            &CallRecord {
                attempt: attempt.id,
                seq: seq as i64,
                scenario: scenario.id.value.clone(),
                status: if finished { COMPLETED } else { ABANDONED }.to_string(),
                finished: clock(options.now),
                overall: grade.overall,
                passed: grade.passed,
                critical: score.criticals.len() as i64,
                transcript: to_json(&transcript)?,
                grade: to_json(&grade)?,
                signature: String::new(),
            },
            &key,
        )?;
        if !finished {
            quit = true;
            break;
        }
        scores.push(score);
    }

    let decided = verdict::decide(
        &Marks::of(plan.exam),
        &scores,
        plan.scenarios.len(),
        &pack.explanations.certificate,
        lang,
    );
    attempt.finished = Some(clock(options.now));
    attempt.status = if quit { ABANDONED } else { COMPLETED }.to_string();
    attempt.passed = !quit && decided.passed;
    attempt.overall = (!scores.is_empty()).then_some(decided.overall);
    attempt.scores = (!scores.is_empty()).then_some(decided.scores);
    attempt.fail_reasons = decided.fail_reasons;
    db.finish_attempt(&attempt, &key)?;

    let bundle = db.bundle(attempt.id)?;
    let shown = view::AttemptView::new(&bundle, Some(&pack));
    emit(out, "\n")?;
    emit(out, &markdown::attempt(&shown))?;
    let reports = db_path
        .parent()
        .map(|p| p.join("reports"))
        .unwrap_or_else(|| PathBuf::from("reports"));
    let md = reports.join(format!("attempt-{}.md", attempt.id));
    let page = reports.join(format!("attempt-{}.html", attempt.id));
    write_file(&md, &markdown::attempt(&shown))?;
    write_file(&page, &html::attempt(&shown))?;
    emit(
        out,
        &format!(
            "\n{}\n",
            words.fill(
                "recorded",
                lang,
                &[
                    ("db", db_path.display().to_string()),
                    ("report", md.display().to_string()),
                    ("page", page.display().to_string()),
                ],
            )
        ),
    )?;
    if quit {
        emit(out, &format!("{}\n", words.get("abandoned", lang)))?;
    }
    Ok(0)
}

fn to_json(value: &impl serde::Serialize) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Output(e.to_string()))
}

pub fn write_file(path: &std::path::Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, text).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}
